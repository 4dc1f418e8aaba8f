// Day care end to end: an elder at the kiosk books a morning session with the centre's
// pick-up, in at most three taps from home to the confirm screen, hearing every screen in
// Chinese; the platform then holds the booking with transport and its fee.
import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';

/** Two or three days ahead, never a Sunday (the centre is closed then), so always bookable. */
function bookableDay(): string {
  for (const ahead of [2, 3]) {
    const date = beijingDate(ahead);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
  throw new Error('unreachable: two days in a row cannot both be Sundays');
}

/** The next Sunday within the week shown, when the centre is closed. */
function nextSunday(): string {
  for (let ahead = 0; ahead <= 6; ahead++) {
    const date = beijingDate(ahead);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === 0) return date;
  }
  throw new Error('unreachable: a week has a Sunday');
}

test('an elder books a day-care morning with pick-up at the kiosk in three taps', async ({ page, request }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  let taps = 0;
  const tap = async (target: ReturnType<Page['getByRole']>) => {
    taps += 1;
    await target.click();
  };

  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn('10000003', '345678');
  await expect(page.getByRole('button', { name: '日间照料' })).not.toContainText('即将开通');

  // Tap 1: the Day care tile.
  await clearSpoken(page);
  await tap(page.getByRole('button', { name: '日间照料' }));
  await expect(h1('选择日间照料时间')).toBeVisible();
  await expectSpoken(page, /请选择哪一天，上午、下午还是全天/, 'zh-CN');
  // A Sunday in the week says the centre rests, with nothing to press.
  const sunday = page.getByTestId(`day-${nextSunday()}`);
  await expect(sunday).toContainText('休息');
  await expect(sunday.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'day care: when');

  // Tap 2: the morning of the chosen day, showing its time, places and price.
  const date = bookableDay();
  const morning = page.getByTestId(`day-${date}`).getByRole('button', { name: /上午/ });
  await expect(morning).toContainText('08:30');
  await expect(morning).toContainText('还剩');
  await expect(morning).toContainText('您付');
  await clearSpoken(page);
  await tap(morning);
  await expect(h1('是否需要接送')).toBeVisible();
  await expectSpoken(page, /需要中心派车接送吗/, 'zh-CN');
  await expect(page.getByRole('button', { name: /需要接送/ })).toContainText('接送费 5.00元');
  await expect(page.getByRole('button', { name: /不用，我自己去/ })).toBeVisible();
  await expectAccessible(page, 'day care: pick-up');

  // Tap 3: yes, pick me up. The confirm screen repeats everything and speaks it.
  await clearSpoken(page);
  await tap(page.getByRole('button', { name: /需要接送/ }));
  await expect(h1('请确认预约')).toBeVisible();
  expect(taps, 'taps from home to the confirm screen').toBeLessThanOrEqual(3);
  const main = page.getByRole('main');
  for (const words of ['日间照料 上午', '照料中心', '地址', '中心派车接送', '全价', '政府补贴', '接送费', '您需支付', '可取消至']) {
    await expect(main).toContainText(words);
  }
  await expect(page.getByTestId('fact-transport-fee')).toContainText('5.00元');
  await expectSpoken(page, /日间照料 上午/, 'zh-CN');
  await expectSpoken(page, /接送：中心派车接送/, 'zh-CN');
  await expectSpoken(page, /政府补贴.*您需支付/, 'zh-CN');
  await expectSpoken(page, /其中含接送费5\.00元/, 'zh-CN');
  await expectAccessible(page, 'day care: confirm');

  await clearSpoken(page);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1('预约成功')).toBeVisible();
  await expectSpoken(page, /中心的车会到家门口接您/, 'zh-CN');
  await expectAccessible(page, 'day care: booked');

  const platform = new Platform(request);
  await platform.signIn('10000003', '345678');
  const daycare = (await platform.allBookings()).filter((b) => b.service.kind === 'daycare');
  expect(daycare.map((b) => [b.status, b.service.date, b.service.period, b.service.transport])).toEqual([
    ['booked', date, 'morning', true],
  ]);
  expect(daycare[0].price.delivery_fee).toBe(500);

  // My bookings shows it with its pick-up.
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1('我的预约')).toBeVisible();
  await expect(page.getByTestId(`booking-${daycare[0].id}`)).toContainText('中心派车接送');
});
