/**
 * Vite config of the dashboard. Build: `npx vite build --config web/vite.config.ts` → dist/web
 * (index.html, report.html, assets/), which the server serves at `/`.
 * Dev: `npx vite --config web/vite.config.ts` proxies /api (REST and the WebSocket stream) to a
 * running server at QUANTFLOW_URL (default http://127.0.0.1:8080).
 */
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../dist/web');
const target = process.env.QUANTFLOW_URL ?? 'http://127.0.0.1:8080';

/**
 * dist/web is shared with tsc output (dist/web/src/report/*.js, which the backtest command imports),
 * so the folder is not emptied; only the previous build's own files are removed, so stale hashed
 * bundles do not pile up.
 */
function cleanOwnOutput(): Plugin {
  return {
    name: 'quantflow-clean-web-output',
    apply: 'build',
    buildStart() {
      for (const f of ['assets', 'index.html', 'report.html'])
        rmSync(resolve(outDir, f), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [cleanOwnOutput()],
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 300,
    rollupOptions: {
      input: { index: resolve(here, 'index.html'), report: resolve(here, 'report.html') },
    },
  },
  server: {
    proxy: { '/api': { target, changeOrigin: true, ws: true } },
  },
  preview: {
    proxy: { '/api': { target, changeOrigin: true, ws: true } },
  },
});
