// Keeps the app's own files on the device, so that today's lesson opens without a connection
// (docs/ARCHITECTURE.md, "The web app"); the lesson itself is kept by the app (today-cache.ts).
// Only GETs of this origin's files pass through here: the API, sign-in and everything else go to
// the network untouched.
const CACHE = 'tend-app-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // The page's scripts and styles are named by content; read their names from the page itself.
      const html = await (await cache.match('/')).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    // A built file never changes under its name: the kept copy is the file.
    event.respondWith(
      caches.match(event.request).then(
        (kept) =>
          kept ??
          fetch(event.request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(event.request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (event.request.mode === 'navigate' || SHELL.includes(url.pathname)) {
    // The page and its manifest: the network's when it answers, so a new build arrives at once.
    const key = event.request.mode === 'navigate' ? '/' : url.pathname;
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(key, copy));
          }
          return response;
        })
        .catch(() => caches.match(key).then((kept) => kept ?? Response.error())),
    );
  }
});
