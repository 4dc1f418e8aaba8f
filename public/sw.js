// Linli's service worker: keeps the app shell (index.html and the hashed js, wasm and css it
// names, icons, manifest, config.json) so the app opens with no network (ARCHITECTURE.md,
// "Offline and privacy"). It never touches the API: personal data is not cached here.
//
// Versioning follows the build's hashes: every build names its files by content hash in
// index.html. Navigations go to the network first, so a new build is picked up on the next
// launch (or reload) when online, never in the middle of a booking (an SPA does not navigate
// the document while booking); its files are cached as they are fetched, and files no longer
// named by the newest index.html are dropped. This script itself stays the same from build to
// build, so no waiting worker ever takes over a page that is in use.

const CACHE = 'linli-shell-v1';
const INDEX = '/index.html';
// Always kept beside the hashed files: they are not named with a hash.
const FIXED = ['/manifest.webmanifest', '/icon.svg', '/favicon.svg', '/config.json'];

/** The same-origin files an index.html names (href/src), hashed build outputs included. */
function namedFiles(html) {
  const files = new Set();
  for (const m of html.matchAll(/(?:href|src)="(\/[^"#?]+)"/g)) files.add(m[1]);
  return [...files];
}

/** Fetches index.html and everything it names into the cache; drops what it no longer names. */
async function cacheShell(indexResponse) {
  const cache = await caches.open(CACHE);
  const html = await indexResponse.clone().text();
  await cache.put(INDEX, indexResponse);
  const wanted = namedFiles(html);
  await Promise.all(
    wanted.map(async (path) => {
      if (await cache.match(path)) return;
      try {
        const resp = await fetch(path, { cache: 'no-cache' });
        if (resp.ok) await cache.put(path, resp);
      } catch {
        // Offline halfway: what is missing is fetched on the next launch.
      }
    }),
  );
  const keep = new Set([INDEX, ...FIXED, ...wanted]);
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (!keep.has(path)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(INDEX, { cache: 'no-cache' })
      .then((resp) => (resp.ok ? cacheShell(resp) : undefined))
      .catch(() => undefined),
  );
});

self.addEventListener('activate', (event) => {
  // Old shells from earlier cache versions go; the current one stays.
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))),
  );
});

/**
 * Network first (fresh build and config when online), the cached copy when offline. The fresh
 * answer is returned at once and cached after, so going online never slows the app down.
 */
async function networkFirst(event, cacheKey, onFresh) {
  try {
    const resp = await fetch(event.request);
    if (resp.ok) event.waitUntil(onFresh(resp.clone()));
    return resp;
  } catch (err) {
    const cached = await caches.match(cacheKey);
    if (cached) return cached;
    throw err;
  }
}

/** Cache first: hashed files never change under the same name. */
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const resp = await fetch(request);
  if (resp.ok && resp.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, resp.clone());
  }
  return resp;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The platform's API and health check are never cached by the worker.
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') {
    // Every route of the single-page app is index.html.
    event.respondWith(networkFirst(event, INDEX, (fresh) => cacheShell(fresh)));
    return;
  }
  if (url.pathname === '/config.json') {
    event.respondWith(
      networkFirst(event, '/config.json', async (fresh) => {
        const cache = await caches.open(CACHE);
        await cache.put('/config.json', fresh);
      }),
    );
    return;
  }
  event.respondWith(cacheFirst(request));
});
