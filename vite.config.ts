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
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // The libraries in chunks of their own (each under 500 kB), cached apart from the register's
    // code; the manager dashboard and its charts are loaded when opened (manager/ManagerView.tsx).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Only the dashboard uses these: their own chunk, loaded with it.
            { name: 'charts', test: /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant)[\\/]/, priority: 3 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 5 },
            { name: 'rxdb', test: /node_modules[\\/](rxdb|dexie|rxjs|mingo|ajv|ajv-formats)[\\/]/, priority: 4 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
});
