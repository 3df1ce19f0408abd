import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The workbench is built into dist/web, which the API server serves at "/" (apps/api/src/create-app.ts).
// JSX is transformed by Vite's own compiler (oxc); no React plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
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
      // React Query marks its modules "use client" (a server-components hint that means nothing in a plain SPA).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
