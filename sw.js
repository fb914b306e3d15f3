// Offline after the first visit. Network first, so a fresh build is always used while the
// server answers; the cache only when it does not. Same-origin GETs only: the app fetches
// nothing from anywhere else.
const CACHE = 'asyncio-playground';
const SHELL = [
  './',
  './index.html',
  './www/style.css',
  './www/boot.js',
  './www/favicon.svg',
  './www/pkg/asyncio_playground.js',
  './www/pkg/asyncio_playground_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (err) {
      // Without the query: `?embed` (and any other) is the same cached page.
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw err;
    }
  })());
});
