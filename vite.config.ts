import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The register UI. Served by the sync server at / (where a service worker keeps the app shell
// for offline reloads) and loaded by Electron from disk.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/health/],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { port: 5173 },
});
