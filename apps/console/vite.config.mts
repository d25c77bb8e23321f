import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiProxy = {
  '/api': { target: 'http://localhost:3000', changeOrigin: true },
  // the agent desk's socket.io (long-polling first, then the websocket)
  '/socket.io': { target: 'http://localhost:3000', changeOrigin: true, ws: true },
};

// The browser console: built into apps/console/dist and served by the API under '/'.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // the API's answer shapes are shared with the server (pure types and constants)
  resolve: { alias: { '@app/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // antd is one big vendor chunk; that is expected for an internal back-office tool
    chunkSizeWarningLimit: 2500,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
