// The same booking on an elder's own phone: personal mode, sign-in by phone number,
// dinner delivered home with the delivery fee split out by the server.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { expectSpoken, spyOnSpeech } from './fixtures/speech';

test('on a phone an elder books dinner delivered home', { tag: '@phone' }, async ({ page, request }) => {
  await spyOnSpeech(page);
  await page.goto('/?mode=personal');
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  await expect(h1('登录')).toBeVisible();
  await expectAccessible(page, 'phone: sign-in');
  const kiosk = new Kiosk(page);
  await kiosk.signIn('13800000005', '567890');
  await expectAccessible(page, 'phone: home');

  await page.getByRole('button', { name: '助餐' }).click();
  await expect(h1('选择用餐时间')).toBeVisible();
  await page.getByTestId(`day-${beijingDate(2)}`).getByRole('button', { name: /晚餐/ }).click();
  await page.getByRole('button', { name: /送餐/ }).click();
  await expect(h1('请确认预约')).toBeVisible();
  // 刘淑芬 (disability: ¥4 off ¥12) pays ¥8 plus the ¥3 delivery fee.
  await expect(page.getByTestId('fact-delivery-fee')).toContainText('3.00');
  await expect(page.getByTestId('fact-you-pay')).toContainText('11.00');
  await expectSpoken(page, /送餐费/, 'zh-CN');
  await expectAccessible(page, 'phone: confirm');
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1('预约成功')).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('送到您家');

  const platform = new Platform(request);
  await platform.signIn('10000005', '567890');
  const [booking] = await platform.bookings();
  expect(booking.status).toBe('booked');

  // Reopening the app on one's own phone keeps the person signed in.
  await page.reload();
  await expect(h1('预约成功').or(h1(/刘淑芬/))).toBeVisible();
  await page.goto('/bookings');
  await expect(h1('我的预约')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '晚餐' })).toContainText('送餐');
  await expectAccessible(page, 'phone: my bookings');
});
