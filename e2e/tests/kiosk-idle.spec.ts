// Kiosk idle sign-out (issue 5, UX.md Kiosk; WCAG 2.2.1): after 90 s without a touch a
// spoken, visible countdown asks "Are you still there?"; "I'm still here" cancels it; 30 s
// more of silence signs out, wipes everything personal and returns to the welcome screen.
// A phone has no time limit. The browser's clock is Playwright's, so minutes pass at once.
import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { Kiosk } from './fixtures/kiosk';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';
import { personalTraces, shellReady } from './fixtures/storage';

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const warning = (page: Page) => page.getByTestId('idle-warning');

/** The seconds the warning says are left. */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await warning(page).textContent()) ?? '';
  return Number(/(\d+) 秒后/.exec(text)?.[1] ?? NaN);
}

test('an idle kiosk asks, “I’m still here” keeps the elder, and silence wipes everything', async ({ page }) => {
  await page.clock.install();
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await shellReady(page);
  await kiosk.touchToStart();
  await kiosk.signIn('10000002', '234567');
  // Something personal on screen and in the kiosk's memory cache.
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1(page, '我的预约')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);

  // 89 s: nothing yet. 90 s: the question, seen and heard, with the seconds left.
  await clearSpoken(page);
  await page.clock.runFor(89_000);
  await expect(warning(page)).toHaveCount(0);
  await page.clock.runFor(1_500);
  await expect(warning(page)).toBeVisible();
  await expect(warning(page).getByRole('heading', { name: '您还在吗？' })).toBeVisible();
  await expect(warning(page)).toContainText('30 秒后将自动退出');
  await expectSpoken(page, /您还在吗？.*30 秒/, 'zh-CN');
  await expectAccessible(page, 'kiosk: are you still there');
  // It counts down (the page's clock also runs in real time, so read it rather than assume it).
  const before = await secondsLeft(page);
  await page.clock.runFor(10_000);
  await expect.poll(() => secondsLeft(page)).toBeLessThanOrEqual(before - 10);

  // "I'm still here" cancels it, and the elder is where she was.
  await page.getByRole('button', { name: '我还在' }).click();
  await expect(warning(page)).toHaveCount(0);
  await expect(h1(page, '我的预约')).toBeVisible();
  // The count starts again from that touch.
  await page.clock.runFor(80_000);
  await expect(warning(page)).toHaveCount(0);
  await page.clock.runFor(11_000);
  await expect(warning(page)).toBeVisible();

  // Thirty silent seconds later: signed out, back to welcome.
  await page.clock.runFor(31_000);
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();
  await expect(warning(page)).toHaveCount(0);

  // Every store is empty: web storage, cookies, the outbox and read cache, and no platform
  // answer in Cache Storage.
  const { others, ...traces } = await personalTraces(page);
  expect(traces).toEqual({ local: [], session: [], cookies: '', outbox: [], cachedApi: [] });
  for (const [store, count] of Object.entries(others)) expect(count, `IndexedDB ${store}`).toBe(0);
  // Nothing in memory either: her bookings need a sign-in again.
  await page.evaluate(() => {
    history.pushState(null, '', '/bookings');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByRole('button', { name: '轻触开始' }).or(h1(page, '登录'))).toBeVisible();
  await expect(page.getByText('李建国')).toHaveCount(0);
});

test('a phone never signs its owner out for being slow', { tag: '@phone' }, async ({ page }) => {
  await page.clock.install();
  await page.goto('/?mode=personal');
  await new Kiosk(page).signIn('13800000005', '567890');
  await page.clock.runFor(5 * 60_000);
  await expect(warning(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '助餐' })).toBeVisible();
});
