import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The pages the boot script starts early (src/boot/early-requests.ts), by their modules. */
const EARLY_PAGES = { plan: 'src/pages/plan/plan-page.tsx', line: 'src/pages/line/line-page.tsx' };

/**
 * Writes the boot script (src/boot/boot.ts, an entry of its own) into index.html, with the files each early
 * page needs: its chunk, the chunks it imports (not the app's entry, already loading) and their styles.
 */
function bootScript(): Plugin {
  return {
    name: 'renja-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
        const boot = chunks.find((c) => c.isEntry && c.facadeModuleId === source('./src/boot/boot.ts'));
        if (!boot) throw new Error('renja-boot-script: the boot entry is missing from the bundle');
        if (boot.imports.length > 0) throw new Error(`renja-boot-script: boot imports ${boot.imports.join(', ')}; it must stand alone`);
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const files: Record<string, string[]> = {};
        for (const [page, module] of Object.entries(EARLY_PAGES)) {
          const root = chunks.find((c) => c.facadeModuleId === source(`./${module}`));
          if (!root) throw new Error(`renja-boot-script: no chunk for ${module}`);
          const seen = new Set<string>();
          const visit = (chunk: Rolldown.OutputChunk) => {
            if (chunk.isEntry || seen.has(chunk.fileName)) return;
            seen.add(chunk.fileName);
            chunk.imports.forEach((name) => visit(byName.get(name)!));
          };
          visit(root);
          const css = [...seen].flatMap((name) => [...(byName.get(name)!.viteMetadata?.importedCss ?? [])]);
          files[page] = [...seen, ...new Set(css)].map((name) => `/${name}`);
        }
        return [
          { tag: 'script', attrs: { type: 'module', async: true, src: `/${boot.fileName}` }, injectTo: 'head' },
          {
            tag: 'script',
            attrs: { type: 'application/json', id: 'page-files' },
            children: JSON.stringify(files).replace(/</g, '\\u003c'),
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/** Assets worth compressing: text, and big enough that the encoding's own bytes do not outweigh the saving. */
const COMPRESSIBLE = /\.(js|css|svg|json)$/;
const COMPRESS_FROM_BYTES = 1024;

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible asset, at the strongest settings:
 * once per build, where the server would otherwise compress every answer again or, as before, send the
 * scripts as they are (the app's entry script is 419 KB; apps/api/src/http/web-app.ts serves the copies).
 */
function precompress(): Plugin {
  return {
    name: 'renja-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const output of Object.values(bundle)) {
        if (!output.fileName.startsWith('assets/') || !COMPRESSIBLE.test(output.fileName)) continue;
        const bytes = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        if (bytes.length < COMPRESS_FROM_BYTES) continue;
        const file = join(options.dir!, output.fileName);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

// The workbench is built into dist/web, which the API server serves at "/" (apps/api/src/create-app.ts).
// JSX is transformed by Vite's own compiler (oxc); no React plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [bootScript(), precompress()],
  // The record forms read typed amounts with the domain's shared readers (libs/domain/src/shared/readings.ts,
  // the importer's too), which are pure: point @renja/domain at its sources. The roles each kind of write needs
  // come from the server's one table (libs/application/src/shared/command-roles.ts, which imports only the domain).
  resolve: {
    alias: {
      '@renja/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
      '@renja/application/shared/command-roles': fileURLToPath(
        new URL('../../libs/application/src/shared/command-roles.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // The boot script is an entry of its own, written into index.html by bootScript().
      input: { index: source('./index.html'), boot: source('./src/boot/boot.ts') },
      // The domain's sources are pure (no statement at their top level but declarations): what the web app
      // does not use of them is left out, so the line page's permission check does not bring in decimal.js and
      // the domain's message catalogues.
      treeshake: { moduleSideEffects: (id: string) => !id.startsWith(source('../../libs/domain/src/')) },
      // React Query marks its modules "use client" (a server-components hint that means nothing in a plain SPA).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
