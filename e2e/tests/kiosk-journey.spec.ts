// The walking skeleton end to end: an elder at the kiosk signs in with card and PIN, books
// tomorrow's lunch, sees it in My bookings and cancels it, hearing every screen in Chinese.
// Real server, real SQLite file, real release build, real Chromium.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectAllSpokenIn, expectSpoken, spyOnSpeech } from './fixtures/speech';

const tomorrowInBeijing = () => beijingDate(1);

test('an elder books tomorrow’s lunch at the kiosk, sees it and cancels it', async ({ page, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  await kiosk.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectAccessible(page, 'welcome');

  await kiosk.touchToStart();
  await expectSpoken(page, /请输入您的卡号或手机号/, 'zh-CN');
  await expectAccessible(page, 'sign-in: account');

  await kiosk.enterAccount('10000001');
  await expectSpoken(page, /6位密码/, 'zh-CN');
  await kiosk.tapDigits('123');
  await expect(page.getByText('已输入 3 位，共 6 位')).toBeVisible();
  await expectAccessible(page, 'sign-in: PIN');
  await kiosk.tapDigits('456');
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(h1(/王秀英/)).toBeVisible();
  await expectSpoken(page, /您想做什么/, 'zh-CN');
  await expectAccessible(page, 'home');

  // Tap 1: Meals.
  await clearSpoken(page);
  await page.getByRole('button', { name: '助餐' }).click();
  await expect(h1('选择用餐时间')).toBeVisible();
  await expectSpoken(page, /请选择哪一天的午餐或晚餐/, 'zh-CN');
  await expectAccessible(page, 'meals: when');

  // Tap 2: tomorrow's lunch.
  const tomorrow = page.getByTestId(`day-${tomorrowInBeijing()}`);
  await expect(tomorrow.getByRole('heading', { name: /明天/ })).toBeVisible();
  await clearSpoken(page);
  await tomorrow.getByRole('button', { name: /午餐/ }).click();
  await expect(h1('怎么用餐')).toBeVisible();
  await expectSpoken(page, /您想怎么用餐/, 'zh-CN');
  await expectAccessible(page, 'meals: how');

  // Tap 3: dine in. The confirm screen repeats everything, with the price split.
  await clearSpoken(page);
  await page.getByRole('button', { name: /堂食/ }).click();
  await expect(h1('请确认预约')).toBeVisible();
  const main = page.getByRole('main');
  await expect(main).toContainText('阳光长者食堂');
  await expect(main).toContainText('政府补贴');
  await expect(main).toContainText('您需支付');
  await expect(main).toContainText('12.00');
  await expectSpoken(page, /政府补贴.*您需支付/, 'zh-CN');
  await expectAccessible(page, 'meals: confirm');

  await clearSpoken(page);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1('预约成功')).toBeVisible();
  await expectSpoken(page, /阳光长者食堂/, 'zh-CN');
  await expectAccessible(page, 'meals: booked');

  const platform = new Platform(request);
  await platform.signIn('10000001', '123456');
  const booked = await platform.bookings();
  expect(booked.map((b) => [b.status, b.service.meal, b.service.date])).toEqual([
    ['booked', 'lunch', tomorrowInBeijing()],
  ]);

  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1('我的预约')).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: '午餐' });
  await expect(item).toContainText('已预约');
  await expectSpoken(page, /您有 1 个预约/, 'zh-CN');
  await expectAccessible(page, 'my bookings');

  await clearSpoken(page);
  await item.getByRole('button', { name: '取消预约' }).click();
  await expect(h1('取消预约')).toBeVisible();
  await expectSpoken(page, /确认取消/, 'zh-CN');
  await expectAccessible(page, 'cancel: confirm');
  await page.getByRole('button', { name: '确认取消' }).click();
  await expect(h1('已取消预约')).toBeVisible();
  await expectAccessible(page, 'cancel: done');

  expect((await platform.bookings()).map((b) => b.status)).toEqual(['cancelled']);
  await expectAllSpokenIn(page, 'zh-CN');
});

test('switching to English changes every word on screen and every spoken word', async ({ page }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Linli' })).toBeVisible();
  await clearSpoken(page);
  await page.getByRole('button', { name: 'Touch to start' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectSpoken(page, /card number or phone number/, 'en');
  const keypad = page.getByRole('group', { name: 'Number pad' });
  for (const d of '10000002') await keypad.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  for (const d of '234567') await keypad.getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /李建国/ })).toBeVisible();
  await expectSpoken(page, /What would you like to do/, 'en');
  await expectAccessible(page, 'home (English)');
  await page.getByRole('button', { name: 'Meals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a meal' })).toBeVisible();
  await expectAccessible(page, 'meals: when (English)');
  await expectAllSpokenIn(page, 'en');
});

test('the council tile opens the meetings, read aloud with their agendas', async ({ page }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn('10000003', '345678');
  await clearSpoken(page);
  await page.getByRole('button', { name: '议事会' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '议事会' })).toBeVisible();
  await expect(page.getByRole('button', { name: /加装电梯意见征集/ })).toBeVisible();
  await expectSpoken(page, /全社区议事会：加装电梯意见征集/, 'zh-CN');
  await expectSpoken(page, /要商量的事：第1项，加装电梯费用怎么分摊/, 'zh-CN');
  await expectAccessible(page, 'council: meetings');
});
