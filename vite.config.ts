import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * A strict Content-Security-Policy for the built page (docs/workspace.md, "Privacy"): nothing loads or
 * connects beyond the page's own origin. Dev keeps Vite's inline HMR client working.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'seatwise-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// base './' so the built folder works from any static path (a sub-folder, a file share).
export default defineConfig({
  base: './',
  plugins: [
    solid(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // Our own service worker: Workbox precache plus the reminder check (docs/notifications.md).
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Seatwise — seat and Flex usage',
        short_name: 'Seatwise',
        description: 'Decide who keeps a seat: seat and Flex usage from your vendor exports, in your browser only.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['comlink', 'papaparse', 'xlsx', 'dexie'] },
  build: { target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173 },
});
