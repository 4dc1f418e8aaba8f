// Home visits end to end: an elder (张桂兰; 陈志明 is locked out by sign-in.spec) at the kiosk asks for home cleaning in at most three taps
// from home to the confirm screen, with a note chosen from common phrases; staff then assign
// a worker through the API, and My bookings at the kiosk shows the worker's name and stage.
import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';

test('an elder asks for home cleaning at the kiosk and later sees who is coming', async ({ page, request }) => {
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
  await expect(page.getByRole('button', { name: '上门服务' })).not.toContainText('即将开通');

  // Tap 1: the Home visit tile.
  await clearSpoken(page);
  await tap(page.getByRole('button', { name: '上门服务' }));
  await expect(h1('选择上门服务')).toBeVisible();
  await expectSpoken(page, /可以选择：.*助洁/, 'zh-CN');
  const cleaning = page.getByTestId('service-cleaning').getByRole('button');
  await expect(cleaning).toContainText('助洁');
  await expect(cleaning).toContainText('约 120 分钟');
  await expect(cleaning).toContainText('您付');
  await expect(cleaning).toContainText('安心家政服务社');
  await expectAccessible(page, 'visits: which service');

  // Tap 2: cleaning.
  await clearSpoken(page);
  await tap(cleaning);
  await expect(h1('选择上门时间')).toBeVisible();
  await expectSpoken(page, /服务人员什么时候上门/, 'zh-CN');
  await expectAccessible(page, 'visits: when');
  // Two weeks can be asked for; the second waits behind one button to keep the list short.
  const secondWeek = page.getByTestId(`day-${beijingDate(10)}`);
  await expect(secondWeek).toHaveCount(0);
  await page.getByRole('button', { name: '看后面一周的时间' }).click();
  await expect(secondWeek.getByRole('button').first()).toBeVisible();

  // Tap 3: 14:00–16:00 two days ahead (clear of the day-care morning that elder may have booked).
  const date = beijingDate(2);
  const window = page.getByTestId(`day-${date}`).getByRole('button', { name: /14:00 至 16:00/ });
  await expect(window).toContainText('还剩');
  await clearSpoken(page);
  await tap(window);
  await expect(h1('请确认预约')).toBeVisible();
  expect(taps, 'taps from home to the confirm screen').toBeLessThanOrEqual(3);
  const main = page.getByRole('main');
  for (const words of ['助洁', '安心家政服务社', '14:00 至 16:00', '上门地址', '政府补贴', '您需支付', '可取消至']) {
    await expect(main).toContainText(words);
  }
  const onFile = (await page.getByTestId('address-shown').textContent()) ?? '';
  expect(onFile.trim().length, 'the address on file is shown').toBeGreaterThan(0);
  await expectSpoken(page, /上门服务 助洁/, 'zh-CN');
  await expectSpoken(page, new RegExp(`安心家政服务社派人到：${onFile.trim()}`), 'zh-CN');
  await expectSpoken(page, /政府补贴.*您需支付/, 'zh-CN');

  // An optional note, as toggle chips on this screen (not an extra step).
  const chip = page.getByRole('button', { name: '到了请先打电话' });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page, 'visits: confirm');

  await clearSpoken(page);
  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1('已提交申请')).toBeVisible();
  await expectSpoken(page, /工作人员会为您安排服务人员/, 'zh-CN');
  await expect(page.getByRole('main')).toContainText('已申请，正在安排服务人员');
  await expectAccessible(page, 'visits: requested');

  const elder = new Platform(request);
  await elder.signIn('10000003', '345678');
  const visits = (await elder.allBookings()).filter((b) => b.service.kind === 'visit');
  expect(visits.map((b) => [b.status, b.service.service_kind, b.service.date, b.service.stage, b.service.note])).toEqual([
    ['pending', 'cleaning', date, 'requested', '到了请先打电话'],
  ]);

  // Staff assign a worker.
  const staff = new Platform(request);
  await staff.staffSignIn('13700000001', 'linli-staff-2026', elder.elderId);
  const assigned = await staff.transitionVisit(visits[0].id, { action: 'assign', worker: '赵师傅' });
  expect(assigned.service.stage).toBe('assigned');

  // My bookings, opened again within the app (the kiosk keeps its session in memory only).
  await page.getByRole('button', { name: '返回首页' }).click();
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1('我的预约')).toBeVisible();
  const item = page.getByTestId(`booking-${visits[0].id}`);
  await expect(item.getByTestId('visit-worker')).toContainText('赵师傅');
  await expect(item.getByTestId('booking-status')).toContainText('已安排服务人员');
  await expectAccessible(page, 'visits: my bookings with worker');
});
