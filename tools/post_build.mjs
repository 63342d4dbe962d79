// Trunk post_build hook (TRUNK_STAGING_DIR is the build output; `node tools/post_build.mjs DIR`
// also works):
// 1. moves Trunk's inline start-up script into a file and adds a strict Content-Security-Policy
//    (no inline script, no eval beyond WebAssembly, nothing from other origins);
// 2. generates the service worker (Workbox) from the real build output: every file is precached
//    with a content revision, so after one visit the app works with the network off.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateSW } from 'workbox-build';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // The tagger worker starts from a blob: loader that imports the worker script from 'self'.
  "worker-src 'self' blob:",
  "style-src 'self'",
  // Label colours are set per mark with a style attribute (a CSS custom property).
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const indexPath = `${dir}/index.html`;
let html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const body = m[1].trim() + '\n';
  const name = `init-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(`${dir}/${name}`, body);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('post_build: an inline script is left in index.html');
if (!html.includes('Content-Security-Policy')) {
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
}
writeFileSync(indexPath, html);
const { count, size, warnings } = await generateSW({
  globDirectory: dir,
  globPatterns: ['**/*.{html,js,wasm,css,woff2,json,sanad-model,svg,png,webmanifest}'],
  globIgnores: ['sw.js'],
  swDest: `${dir}/sw.js`,
  // Models are about 1 MB each; the default 2 MB cap would be too tight as they grow.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // Bundle the Workbox runtime into sw.js: nothing is loaded from anywhere else.
  inlineWorkboxRuntime: true,
  // A new version waits until the user chooses to reload (never swapped mid-edit).
  skipWaiting: false,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  navigateFallback: 'index.html',
  // Trunk puts a 16-hex-digit content hash in these names; others get a revision hash.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
  mode: 'production',
  sourcemap: false,
});
for (const w of warnings) console.warn(`sw: ${w}`);
console.log(`sw: precaching ${count} files, ${(size / 1024).toFixed(0)} KB`);
