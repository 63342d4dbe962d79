// Generates the service worker (Workbox) from the real build output, as a Trunk post_build hook:
// every file Trunk produced is precached with a content revision, so after one visit the app
// opens, tags, edits and exports with the network off. Run by Trunk with TRUNK_STAGING_DIR set;
// `node tools/sw.mjs DIR` also works.
import { generateSW } from 'workbox-build';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
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
