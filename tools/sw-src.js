// Sanad's service worker. The build (tools/post_build.mjs) has Workbox's injectManifest insert the
// list of every file of the build output, each with a revision (none for names that carry a content
// hash), so after one visit the app works with the network off.
//
// - install: every file not yet cached at its revision is fetched (bypassing the HTTP cache);
// - a new version waits until the page asks it to take over ({type: 'SKIP_WAITING'}), so an
//   article being edited is never swapped mid-edit;
// - activate: entries of older builds are deleted, and open pages are taken under control;
// - fetch: files of the build come from the cache; page navigations get index.html.
const CACHE = 'sanad-precache';
const base = new URL('./', self.location.href);
/** URL of a file (its query-free form) -> cache key (the URL with its revision). */
const keys = new Map(
  self.__WB_MANIFEST.map(({ url, revision }) => {
    const u = new URL(url, base);
    const key = new URL(u);
    if (revision) key.searchParams.set('__rev', revision);
    return [u.href, key.href];
  }),
);
const index = new URL('index.html', base).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const [url, key] of keys) {
        if (await cache.match(key)) continue;
        const resp = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
        if (!resp.ok) throw new Error(`sw: ${url}: HTTP ${resp.status}`);
        await cache.put(key, resp);
      }
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const wanted = new Set(keys.values());
      for (const name of await caches.keys()) {
        if (name !== CACHE) await caches.delete(name); // earlier service workers' caches
      }
      const cache = await caches.open(CACHE);
      for (const req of await cache.keys()) {
        if (!wanted.has(req.url)) await cache.delete(req);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  url.search = '';
  const key = keys.get(url.href) ?? (req.mode === 'navigate' && url.origin === base.origin ? keys.get(index) : undefined);
  if (!key) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(key)) ?? fetch(req)),
  );
});
