import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The dashboard is built into frontend/dist and served by the appliance (same origin), so the
// browser talks to relative URLs only. In development the Vite server proxies the API and the
// socket.io transport (websocket included) to a locally running appliance.
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const appliance = 'http://127.0.0.1:8380';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // The shared contract lives in backend/src; allow the dev server to read it.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: appliance },
      '/socket.io': { target: appliance, ws: true },
    },
  },
});
