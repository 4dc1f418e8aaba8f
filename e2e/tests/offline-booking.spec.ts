// Offline bookings (issue 4): a booking made with no network waits in the outbox (IndexedDB),
// survives a reload, and reaches the platform exactly once when the network returns; a place
// taken meanwhile is explained with the nearest alternatives; a kiosk forgets everything
// personal at sign-out while the queued booking still goes out on its own.
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { AnyBooking, Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';
import { shellReady, storedOffline } from './fixtures/storage';

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

const mealsOn = (list: AnyBooking[], date: string, meal: string) =>
  list.filter((b) => b.service.kind === 'meal' && b.service.date === date && b.service.meal === meal);

test('a meal booked with no network waits on the phone and is booked once when it returns', { tag: '@phone' }, async ({ page, context, request }) => {
  await spyOnSpeech(page);
  await page.goto('/?mode=personal');
  await shellReady(page);
  await new Kiosk(page).signIn('13800000005', '567890');
  const date = beijingDate(6);

  await page.getByRole('button', { name: '助餐' }).click();
  await page.getByTestId(`day-${date}`).getByRole('button', { name: /午餐/ }).click();
  await page.getByRole('button', { name: /自取/ }).click();
  await expect(h1(page, '请确认预约')).toBeVisible();
  // Loaded while online: the network goes only once the screen has what it shows.
  await expect(page.getByRole('button', { name: '确认预约' })).toBeVisible();

  await context.setOffline(true);
  const banner = page.getByTestId('connectivity');
  await expect(banner).toContainText('网络不通');
  await expectSpoken(page, /网络不通/, 'zh-CN');
  await clearSpoken(page);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1(page, '已经记下，网络好了就发出')).toBeVisible();
  await expect(page.getByTestId('queued-what')).toContainText('午餐');
  await expectSpoken(page, /网络一恢复就会自动发出/, 'zh-CN');
  await expectAccessible(page, 'offline: queued');

  // It survives a reload with no network at all.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(h1(page, '已经记下，网络好了就发出')).toBeVisible();
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1(page, '我的预约')).toBeVisible();
  const waiting = page.getByTestId('waiting-entry');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('午餐');
  await expect(waiting).toContainText('等待发送');
  await expectAccessible(page, 'offline: my bookings, waiting');

  // The menus come from the device's cache, saying how fresh they are, and speaking it.
  await clearSpoken(page);
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await page.getByRole('button', { name: '助餐' }).click();
  await expect(h1(page, '选择用餐时间')).toBeVisible();
  await expect(page.getByTestId('as-of')).toContainText(/网络不通，显示的是 \d\d:\d\d 的信息/);
  await expect(page.getByTestId(`day-${date}`).getByRole('button', { name: /午餐/ })).toBeVisible();
  await expectSpoken(page, /显示的是 \d\d:\d\d 的信息/, 'zh-CN');
  await expectAccessible(page, 'offline: cached menus');
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(page.getByTestId('waiting-entry')).toHaveCount(1);

  const elder = new Platform(request);
  await elder.signIn('10000005', '567890');
  expect(mealsOn(await elder.allBookings(), date, 'lunch'), 'nothing reached the platform yet').toHaveLength(0);

  await clearSpoken(page);
  await context.setOffline(false);
  await expect(banner).toContainText('已经送到');
  await expectSpoken(page, /已经送到/, 'zh-CN');
  await expect(page.getByTestId('waiting-entry')).toHaveCount(0);
  expect(mealsOn(await elder.allBookings(), date, 'lunch').map((b) => b.status)).toEqual(['booked']);
  expect((await storedOffline(page)).outbox).toEqual([]);

  // A later reload sends nothing again: still exactly one.
  await page.reload();
  await expect(h1(page, '我的预约')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '午餐' }).first()).toBeVisible();
  expect(mealsOn(await elder.allBookings(), date, 'lunch')).toHaveLength(1);
});

/** Staff fill every remaining place of a home-visit window, booking for other elders. */
async function fillWindow(request: APIRequestContext, service: number, date: string, window: number, others: string[][]) {
  const staff = new Platform(request);
  for (const [card, pin] of others) {
    const elder = new Platform(request);
    await elder.signIn(card, pin);
    await staff.staffSignIn('13700000001', 'linli-staff-2026', elder.elderId);
    const left = (await staff.visitWindows(service, date)).find((w) => w.id === window)?.places_left ?? 0;
    if (left === 0) return;
    await staff.book({ kind: 'visit', service_id: service, window_id: window, address: null, note: null });
  }
  const left = (await staff.visitWindows(service, date)).find((w) => w.id === window)?.places_left;
  expect(left, 'the window is full').toBe(0);
}

test('a place taken while offline is explained, spoken, with the nearest alternatives', async ({ page, context, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await shellReady(page);
  await kiosk.touchToStart();
  const token = page.waitForResponse((r) => r.url().endsWith('/session/delivery-token') && r.status() === 201);
  await kiosk.signIn('10000003', '345678');
  await token;
  const date = beijingDate(6);

  await page.getByRole('button', { name: '上门服务' }).click();
  await page.getByTestId('service-cleaning').getByRole('button').click();
  const slot = page.getByTestId(`day-${date}`).getByRole('button', { name: /14:00 至 16:00/ });
  await slot.click();
  await expect(h1(page, '请确认预约')).toBeVisible();
  // Loaded while online: the network goes only once the screen has what it shows.
  await expect(page.getByRole('button', { name: '确认预约' })).toBeVisible();
  const [serviceId, windowId] = new URL(page.url()).pathname.split('/').slice(2).map(Number);

  await context.setOffline(true);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1(page, '已经记下，网络好了就发出')).toBeVisible();

  // Meanwhile the last places go to others (elders whose own specs do not list visits that day).
  await fillWindow(request, serviceId, date, windowId, [
    ['10000001', '123456'],
    ['10000002', '234567'],
    ['10000004', '456789'],
  ]);

  await clearSpoken(page);
  await context.setOffline(false);
  const banner = page.getByTestId('connectivity');
  await expect(banner).toContainText('没能订上');
  await expectSpoken(page, /没能订上/, 'zh-CN');
  await expectAccessible(page, 'offline: refused banner');
  await clearSpoken(page);
  await banner.getByRole('button', { name: '我的预约' }).click();
  await expect(h1(page, '我的预约')).toBeVisible();
  const refused = page.getByTestId('refused-entry');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('上门服务');
  await expect(refused.getByTestId('refusal')).toContainText('满');
  await expectSpoken(page, /没能订上/, 'zh-CN');
  const alternatives = refused.getByTestId('alternative');
  await expect(alternatives.first()).toBeVisible();
  expect(await alternatives.count()).toBeLessThanOrEqual(3);
  await expectAccessible(page, 'offline: refused with alternatives');

  // Nothing was booked for her, and one tap on an alternative goes on to its confirm screen.
  const elder = new Platform(request);
  await elder.signIn('10000003', '345678');
  const mine = (await elder.allBookings()).filter((b) => b.service.kind === 'visit' && b.service.date === date);
  expect(mine).toHaveLength(0);
  await alternatives.first().click();
  await expect(h1(page, '请确认预约')).toBeVisible();
  // Loaded while online: the network goes only once the screen has what it shows.
  await expect(page.getByRole('button', { name: '确认预约' })).toBeVisible();
  expect(new URL(page.url()).pathname).not.toBe(`/visits/${serviceId}/${windowId}`);

  // Once read, it can be put away.
  await page.goBack();
  await expect(h1(page, '我的预约')).toBeVisible();
  await page.getByTestId('refused-entry').getByRole('button', { name: '知道了' }).click();
  await expect(page.getByTestId('refused-entry')).toHaveCount(0);
  expect((await storedOffline(page)).outbox).toEqual([]);
});

test('a kiosk keeps nothing personal after sign-out, and the queued booking still arrives', async ({ page, context, request }) => {
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await shellReady(page);
  await kiosk.touchToStart();
  const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.status() === 201);
  const delivery = page.waitForResponse((r) => r.url().endsWith('/session/delivery-token') && r.status() === 201);
  await kiosk.signIn('10000002', '234567');
  const sessionToken: string = (await (await signedIn).json()).token;
  const deliveryToken: string = (await (await delivery).json()).token;
  const date = beijingDate(6);

  await page.getByRole('button', { name: '助餐' }).click();
  await page.getByTestId(`day-${date}`).getByRole('button', { name: /晚餐/ }).click();
  await page.getByRole('button', { name: /自取/ }).click();
  await expect(h1(page, '请确认预约')).toBeVisible();
  // Loaded while online: the network goes only once the screen has what it shows.
  await expect(page.getByRole('button', { name: '确认预约' })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1(page, '已经记下，网络好了就发出')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('您可以放心退出');

  await page.getByRole('button', { name: '首页' }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();

  // Web storage holds nothing personal; IndexedDB holds only the queued request, by ids,
  // with its write-only delivery token: no name, card, PIN or session token.
  const web = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k !== 'linli.device.mode'),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  expect(web).toEqual({ local: [], session: [], cookies: '' });
  const stored = await storedOffline(page);
  expect(stored.databases).toEqual(['linli']);
  expect(stored.outbox).toHaveLength(1);
  const [entry] = stored.outbox;
  for (const secret of ['李建国', '10000002', '234567', sessionToken]) {
    expect(entry, 'the queued entry keeps nothing personal').not.toContain(secret);
  }
  expect(entry).toContain(deliveryToken);
  for (const [store, count] of Object.entries(stored.others)) {
    expect(count, `${store} is empty on a kiosk after sign-out`).toBe(0);
  }

  // The network returns with nobody signed in: the booking goes out on its own, once.
  await context.setOffline(false);
  const elder = new Platform(request);
  await elder.signIn('10000002', '234567');
  await expect
    .poll(async () => mealsOn(await elder.allBookings(), date, 'dinner').map((b) => b.status), {
      message: 'the queued dinner arrives',
    })
    .toEqual(['booked']);
  await expect.poll(async () => (await storedOffline(page)).outbox.length).toBe(0);
  // The delivery token is revoked once nothing needs it.
  await expect
    .poll(async () => (await request.get('/api/v1/me', { headers: { authorization: `Bearer ${deliveryToken}` } })).status())
    .toBe(401);
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();
  await expect(page.getByTestId('connectivity')).toBeEmpty();
});
