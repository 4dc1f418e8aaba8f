// Offline, first step: after one visit online, the app shell comes from the service worker,
// so Linli opens with no network at all (issue 4). The API is never cached by the worker.
import { expect, test } from '@playwright/test';

test('after the first visit the app opens with no network', async ({ page, context }) => {
  await page.goto('/?mode=kiosk');
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();

  // The worker is active and has kept index.html and the wasm it names.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('linli-shell-v1');
          const paths = (await cache.keys()).map((r) => new URL(r.url).pathname);
          return paths.includes('/index.html') && paths.some((p) => p.endsWith('_bg.wasm'));
        }),
      { message: 'the shell is cached' },
    )
    .toBe(true);

  await context.setOffline(true);
  // Truly offline: the platform cannot be reached from the page.
  const reach = await page.evaluate(() =>
    fetch('/api/v1/canteens').then(
      () => 'reached',
      () => 'unreachable',
    ),
  );
  expect(reach).toBe('unreachable');

  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();

  // Nothing from the API was kept by the worker (personal data lives elsewhere, if anywhere).
  const apiCached = await page.evaluate(async () => {
    const cache = await caches.open('linli-shell-v1');
    return (await cache.keys()).filter((r) => new URL(r.url).pathname.startsWith('/api/')).length;
  });
  expect(apiCached).toBe(0);
  await context.setOffline(false);
});
