import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The workbench is built into dist/web, which the API server serves at "/" (apps/api/src/create-app.ts).
// JSX is transformed by Vite's own compiler (oxc); no React plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
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
