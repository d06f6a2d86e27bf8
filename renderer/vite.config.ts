// Builds the renderer as a plain static site: same files for Electron and browser mode.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Strict CSP only in the build: the dev server needs an inline React-refresh preamble.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The softphone's SIP-over-WebSocket servers are configured per install; the response-header
  // CSP (Electron: the configured PBX origins; browser mode: loopback) narrows this further.
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'pult-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The polyfill is not needed in Chromium and would be the only non-module code.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One local bundle (React + zod + i18next) loaded from disk; splitting would not speed it up.
    chunkSizeWarningLimit: 800,
  },
});
