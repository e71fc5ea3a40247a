import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Root is renderer/ (this folder); output renderer/dist, served by the browser host and by Electron's app://.
// No inline scripts or styles in the output (strict CSP: script-src 'self', style-src 'self').
// (No node:path here: the renderer lint rule forbids Node imports in renderer/**, config included.)
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome120',
  },
  server: { host: '127.0.0.1' },
});
