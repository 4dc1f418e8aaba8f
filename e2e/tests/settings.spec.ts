// Settings at the kiosk (issue 5): an elder finds the gear, makes the screen largest,
// high-contrast and English (by touch and by keyboard), and the whole app changes at once,
// spoken in English. Sign-out puts the kiosk back to the centre's default (Chinese,
// standard size) for the next person; signing in again brings the elder's settings back
// from the platform. Also the kiosk's lock-down, which a phone does not get.
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectAccessible } from './fixtures/axe';
import { Kiosk } from './fixtures/kiosk';
import { clearSpoken, expectAllSpokenIn, expectSpoken, spyOnSpeech } from './fixtures/speech';

/** No other spec changes 王秀英's settings; this one puts them back when it ends. */
const ELDER = { card: '10000001', pin: '123456' };

const bodyFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.body).fontSize);

/** The visible words of whatever has keyboard focus. */
const focused = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');

/** The elder's settings as the platform has them (a session of its own, closed after). */
async function onPlatform(request: APIRequestContext, body?: object): Promise<unknown> {
  const session = await request.post('/api/v1/session', { data: { account: ELDER.card, pin: ELDER.pin } });
  expect(session.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await session.json()).token}` };
  const resp = body
    ? await request.put('/api/v1/me/settings', { headers: { ...headers, 'idempotency-key': randomUUID() }, data: body })
    : await request.get('/api/v1/me/settings', { headers });
  expect(resp.status()).toBe(200);
  const settings = await resp.json();
  await request.delete('/api/v1/session', { headers });
  return settings;
}

test.afterEach(async ({ request }) => {
  // Back to the defaults, whatever happened above.
  await onPlatform(request, {});
});

test('settings change the whole kiosk at once, go at sign-out and come back at sign-in', async ({ page, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  const html = page.locator('html');
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const gear = page.getByRole('button', { name: '设置', exact: true });

  // The gear is on the welcome screen already, and on home.
  await kiosk.open();
  await expect(gear).toHaveAttribute('data-testid', 'settings');
  await expect(html).toHaveAttribute('data-text-size', 'standard');
  await kiosk.touchToStart();
  await kiosk.signIn(ELDER.card, ELDER.pin);
  await expect(h1(/王秀英/)).toBeVisible();
  await clearSpoken(page);
  await gear.click();
  await expect(h1('设置')).toBeVisible();
  await expectSpoken(page, /请选择字的大小、屏幕颜色、语音和语言/, 'zh-CN');
  expect(await bodyFontSize(page)).toBe('24px');
  await expectAccessible(page, 'settings');

  // Keyboard: Tab reaches "大" (and says it), the ring is thick, Space chooses it.
  await clearSpoken(page);
  for (let i = 0; i < 15 && !(await focused(page)).startsWith('大'); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^大/);
  await expectSpoken(page, /^大/, 'zh-CN');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement as Element);
    return { width: s.outlineWidth, style: s.outlineStyle };
  });
  expect(ring).toEqual({ width: '4px', style: 'solid' });
  await page.keyboard.press('Space');
  await expect(html).toHaveAttribute('data-text-size', 'large');
  await expect(page.getByRole('button', { name: /^大/ })).toHaveAttribute('aria-pressed', 'true');
  expect(await bodyFontSize(page)).toBe('30px');

  // Largest, high contrast, English: each applies as it is tapped.
  await page.getByRole('button', { name: /^特大/ }).click();
  await expect(html).toHaveAttribute('data-text-size', 'largest');
  expect(await bodyFontSize(page)).toBe('36px');
  await page.getByRole('button', { name: /^高对比度/ }).click();
  await expect(html).toHaveAttribute('data-theme', 'high-contrast');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
  await clearSpoken(page);
  await page.getByRole('main').getByRole('button', { name: 'English' }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(h1('Settings')).toBeVisible();
  await expectSpoken(page, /^English$/, 'en');
  await expectSpoken(page, /Choose the text size/, 'en');
  await expectAccessible(page, 'settings: largest, high contrast, English');

  // Back returns to home, which is now large, high-contrast and English, and says so.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(h1('Hello, 王秀英')).toBeVisible();
  expect(await bodyFontSize(page)).toBe('36px');
  expect(await h1('Hello, 王秀英').evaluate((el) => getComputedStyle(el).fontSize)).toBe('48px');
  await expectSpoken(page, /What would you like to do/, 'en');
  await expectAllSpokenIn(page, 'en');
  await expectAccessible(page, 'home: largest, high contrast, English');
  // Saved with the elder (a second after the last change).
  await expect
    .poll(() => onPlatform(request))
    .toEqual({ text_size: 'largest', high_contrast: true, voice: true, voice_speed: 'normal', lang: 'en' });

  // The kiosk's lock-down.
  await expect(html).toHaveClass(/\bkiosk\b/);
  expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).toBe('none');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overscrollBehaviorY)).toBe('none');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).touchAction), 'no pinch-zoom').toBe(
    'pan-x pan-y',
  );
  const menuBlocked = await page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.querySelector('h1')?.dispatchEvent(e);
    return e.defaultPrevented;
  });
  expect(menuBlocked, 'no long-press menu').toBe(true);

  // Sign-out: the next person finds the centre's default, and nothing of this elder.
  await page.evaluate(() => {
    document.cookie = 'left_behind=1; path=/';
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(html).toHaveAttribute('data-text-size', 'standard');
  await expect(html).not.toHaveAttribute('data-theme', /./);
  expect(await bodyFontSize(page)).toBe('24px');
  const left = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k !== 'linli.device.mode'),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  expect(left).toEqual({ local: [], session: [], cookies: '' });

  // Signing in again brings the elder's settings back from the platform.
  await kiosk.touchToStart();
  await clearSpoken(page);
  await kiosk.enterAccount(ELDER.card);
  await kiosk.enterPin(ELDER.pin);
  await expect(h1('Hello, 王秀英')).toBeVisible();
  await expect(html).toHaveAttribute('data-text-size', 'largest');
  await expect(html).toHaveAttribute('data-theme', 'high-contrast');
  expect(await bodyFontSize(page)).toBe('36px');
  await expectSpoken(page, /What would you like to do/, 'en');

  // A phone keeps its zoom, selection and menus.
  await page.goto('/?mode=personal');
  await expect(h1(/./)).toBeVisible();
  await expect(html).not.toHaveClass(/\bkiosk\b/);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).touchAction)).toBe('auto');
  expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).not.toBe('none');
});
