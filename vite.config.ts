import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The register UI. Served by the sync server at / and loaded by Electron from disk.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { port: 5173 },
});
