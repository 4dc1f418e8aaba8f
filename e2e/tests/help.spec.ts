// Help on every screen (issue 5): one tap on 求助 tells the duty staff (and linked family) at
// once, and the screen says and speaks that help is coming, with the centre's number as a big
// `tel:` link. Pressed again within two minutes, it finds the same request. Offline, the number
// comes first and the request goes by itself when the network is back. Signed out, there is
// nobody to ask for: the number, and the desk.
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { Kiosk } from './fixtures/kiosk';
import { HelpRequest, Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';

/** The demo community's duty hotline (server/src/seed.rs), and how a phone dials it. */
const HOTLINE = '010-6501 2345';
const TEL = 'tel:01065012345';

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const helpButton = (page: Page) => page.getByRole('button', { name: '求助', exact: true });
const hotline = (page: Page) => page.getByRole('link', { name: /打电话给服务中心/ });

/** Every help request of one elder, as the duty staff see them. */
async function staffSee(request: APIRequestContext, elder: string): Promise<HelpRequest[]> {
  const staff = new Platform(request);
  await staff.staffSignIn('13700000001', 'linli-staff-2026', 0);
  return (await staff.staffHelpRequests()).filter((r) => r.elder.name === elder);
}

async function expectHotline(page: Page): Promise<void> {
  await expect(hotline(page)).toBeVisible();
  await expect(hotline(page)).toHaveAttribute('href', TEL);
  await expect(hotline(page)).toContainText(HOTLINE);
}

test('Help on the meals screen tells the staff at once, says so, and does not ask twice', async ({ page, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn('10000003', '345678');
  expect(await staffSee(request, '张桂兰'), 'nothing asked yet').toEqual([]);

  await page.getByRole('button', { name: '助餐' }).click();
  await expect(h1(page, '选择用餐时间')).toBeVisible();
  await expect(page.getByTestId('help')).toBeVisible();
  await clearSpoken(page);
  await helpButton(page).click();

  // One tap, no "are you sure?": help is coming, in words and voice, with the number.
  await expect(h1(page, '已经通知了，马上有人帮您')).toBeVisible();
  await expect(page.getByTestId('help-words')).toContainText('已经通知了值班工作人员');
  await expect(page.getByTestId('help-words')).toContainText('请在这里稍等');
  await expectHotline(page);
  await expectSpoken(page, /马上有人帮您/, 'zh-CN');
  await expectSpoken(page, /已经通知了值班工作人员/, 'zh-CN');
  await expectSpoken(page, new RegExp(HOTLINE), 'zh-CN');
  await expectAccessible(page, 'help: sent');

  const asked = await staffSee(request, '张桂兰');
  expect(asked.map((r) => [r.status, r.place.kind, r.screen])).toEqual([['open', 'kiosk', '/meals']]);
  expect(asked[0].hotline).toBe(HOTLINE);

  // Back where she was; pressing Help again within two minutes finds the same request.
  await page.getByRole('button', { name: '回到刚才的页面' }).click();
  await expect(h1(page, '选择用餐时间')).toBeVisible();
  await helpButton(page).click();
  await expect(h1(page, '已经通知了，马上有人帮您')).toBeVisible();
  const again = await staffSee(request, '张桂兰');
  expect(again.map((r) => r.id)).toEqual([asked[0].id]);
});

test('signed out, Help gives the centre’s number and sends the elder to the desk', async ({ page }) => {
  await spyOnSpeech(page);
  // The centre's config.json names its hotline (app/src/config.rs).
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { hotline: HOTLINE, kiosk_location: '阳光社区服务中心 一楼大厅' } }),
  );
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await clearSpoken(page);
  await helpButton(page).click();

  await expect(h1(page, '求助')).toBeVisible();
  await expectHotline(page);
  await expect(page.getByTestId('help-words')).toContainText('请到服务台找工作人员');
  await expectSpoken(page, new RegExp(HOTLINE), 'zh-CN');
  await expectSpoken(page, /请到服务台找工作人员/, 'zh-CN');
  await expectAccessible(page, 'help: signed out');

  await page.getByRole('button', { name: '回到刚才的页面' }).click();
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();

  // The sign-in screen has Help too.
  await kiosk.touchToStart();
  await expect(page.getByTestId('help')).toBeVisible();
});

test('offline, Help shows and says the number first, and the request goes when the network returns', async ({ page, context, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  // A kiosk queues only with its write-only delivery token (docs/offline.md).
  const token = page.waitForResponse((r) => r.url().endsWith('/session/delivery-token') && r.status() === 201);
  await kiosk.signIn('10000002', '234567');
  await token;
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1(page, '我的预约')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);

  await context.setOffline(true);
  const banner = page.getByTestId('connectivity');
  await expect(banner).toContainText('网络不通');
  await clearSpoken(page);
  await helpButton(page).click();

  await expect(h1(page, '网络不通，请直接打电话')).toBeVisible();
  await expectHotline(page);
  const words = page.getByTestId('help-words');
  await expect(words).toContainText('网络一恢复，求助会自动发出');
  // The number comes before the words.
  const numberAt = (await hotline(page).boundingBox())?.y ?? Infinity;
  const wordsAt = (await words.boundingBox())?.y ?? -Infinity;
  expect(numberAt).toBeLessThan(wordsAt);
  await expectSpoken(page, /网络不通，请直接打电话/, 'zh-CN');
  await expectSpoken(page, new RegExp(HOTLINE), 'zh-CN');
  await expectAccessible(page, 'help: offline');
  expect(await staffSee(request, '李建国'), 'nothing reached the platform yet').toEqual([]);

  // My bookings lists it as waiting.
  await page.getByRole('button', { name: '回到刚才的页面' }).click();
  await expect(h1(page, '我的预约')).toBeVisible();
  const waiting = page.getByTestId('waiting-entry');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('求助');
  await expect(waiting).toContainText('等待发送');

  await clearSpoken(page);
  await context.setOffline(false);
  await expect(banner).toContainText('求助已经发出');
  await expectSpoken(page, /求助已经发出/, 'zh-CN');
  await expect(waiting).toHaveCount(0);
  await expect
    .poll(async () => (await staffSee(request, '李建国')).map((r) => [r.status, r.place.kind, r.screen]))
    .toEqual([['open', 'kiosk', '/bookings']]);
});

test('on a phone, help asked offline is sent when the network returns, naming the family told', { tag: '@phone' }, async ({ page, context, request }) => {
  await spyOnSpeech(page);
  await page.goto('/?mode=personal');
  await new Kiosk(page).signIn('13800000001', '123456');

  await context.setOffline(true);
  await helpButton(page).click();
  await expect(h1(page, '网络不通，请直接打电话')).toBeVisible();
  await expectHotline(page);
  await expectAccessible(page, 'help: offline (phone)');

  await clearSpoken(page);
  await context.setOffline(false);
  await expect(h1(page, '已经通知了，马上有人帮您')).toBeVisible();
  await expect(page.getByTestId('help-words')).toContainText('已经通知了值班工作人员和王丽');
  await expect(page.getByTestId('help-words')).toContainText('请把电话放在身边');
  await expectSpoken(page, /已经通知了值班工作人员和王丽/, 'zh-CN');
  await expectHotline(page);
  await expectAccessible(page, 'help: sent (phone)');

  const asked = await staffSee(request, '王秀英');
  expect(asked.map((r) => [r.status, r.place.kind, r.screen])).toEqual([['open', 'phone', '/home']]);
  expect(asked[0].notified.map((p) => p.name)).toContain('王丽');
});
