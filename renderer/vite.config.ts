import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

// Root is renderer/; output renderer/dist, served by the browser host and loaded by Electron from the asar.
// No inline scripts or styles in the output (strict CSP: script-src 'self', style-src 'self').
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome120',
  },
  server: { host: '127.0.0.1' },
});
