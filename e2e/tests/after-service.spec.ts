// After the service, for every booking: 李建国 (no other spec books for him) has a home visit
// booked; staff assign a worker, set off and finish it; at the kiosk he finds it in My bookings
// (first under its day's heading, then among the finished ones), opens it, sees who provides it,
// rates it 满意 with phrase chips, then reports a problem about it; staff answer, and My
// complaints shows where it stands and the reply. On a phone: rating is refused in words before
// the service is done, works once it is, and is not offered twice.
import { APIRequestContext, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { AnyBooking, Platform } from './fixtures/platform';
import { clearSpoken, expectAllSpokenIn, expectSpoken, spyOnSpeech } from './fixtures/speech';

const ELDER = { card: '10000002', phone: '13800000002', pin: '234567' };
const STAFF = { phone: '13700000001', password: 'linli-staff-2026' };

/** Books a home visit for 李建国 through the API: `kind` at `hour`:00, `daysAhead` days ahead. */
async function bookVisit(
  request: APIRequestContext,
  kind: string,
  daysAhead: number,
  hour: number,
): Promise<{ elder: Platform; booking: AnyBooking; date: string }> {
  const elder = new Platform(request);
  await elder.signIn(ELDER.card, ELDER.pin);
  const service = (await elder.visitServices()).find((s) => s.kind === kind);
  expect(service, `the catalogue offers ${kind}`).toBeTruthy();
  const date = beijingDate(daysAhead);
  const at = `T${String(hour).padStart(2, '0')}:00`;
  const window = (await elder.visitWindows(service!.id, date)).find((w) => w.open && w.starts_at.includes(at));
  expect(window, `an open ${kind} window on ${date} at ${hour}:00`).toBeTruthy();
  const booking = await elder.book({ kind: 'visit', service_id: service!.id, window_id: window!.id });
  return { elder, booking, date };
}

/** Staff take the visit through its stages: requested → assigned → on the way → done. */
async function staffFinish(request: APIRequestContext, elder: Platform, booking: number): Promise<Platform> {
  const staff = new Platform(request);
  await staff.staffSignIn(STAFF.phone, STAFF.password, elder.elderId);
  expect((await staff.transitionVisit(booking, { action: 'assign', worker: '钱师傅' })).service.stage).toBe('assigned');
  expect((await staff.transitionVisit(booking, { action: 'set_off' })).service.stage).toBe('on_the_way');
  const done = await staff.transitionVisit(booking, { action: 'done' });
  expect([done.status, done.service.stage, done.can_rate]).toEqual(['fulfilled', 'done', true]);
  return staff;
}

test('after a home visit an elder rates it and reports a problem at the kiosk', async ({ page, request }) => {
  await spyOnSpeech(page);
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const { elder, booking, date } = await bookVisit(request, 'repairs', 2, 10);

  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn(ELDER.card, ELDER.pin);

  // My bookings: the request is coming up, under the heading of its day.
  await clearSpoken(page);
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(h1('我的预约')).toBeVisible();
  const day = page.getByTestId('upcoming').getByTestId(`bookings-day-${date}`);
  await expect(day.getByRole('heading', { level: 3 })).toHaveText(/^后天 \d{1,2}月\d{1,2}日 星期./);
  const coming = day.getByTestId(`booking-${booking.id}`);
  await expect(coming.getByRole('link')).toContainText('上门服务 维修');
  await expect(coming.getByTestId('booking-status')).toContainText('已申请，正在安排服务人员');
  await expect(coming.getByRole('button', { name: '取消预约' })).toBeVisible();
  await expectSpoken(page, /您有 1 个预约/, 'zh-CN');
  await expectAccessible(page, 'my bookings: coming up, by day');

  const staff = await staffFinish(request, elder, booking.id);

  // Opened again (in the app: a kiosk keeps its sign-in in memory only), it is finished.
  await page.getByRole('button', { name: '返回', exact: true }).click();
  await page.getByRole('button', { name: '我的预约' }).click();
  const done = page.getByTestId('past').getByTestId(`booking-${booking.id}`);
  await expect(done.getByTestId('booking-status')).toContainText('服务已完成，请您评价');
  await expect(done.getByTestId('visit-worker')).toContainText('钱师傅');
  await expect(page.getByTestId(`bookings-day-${date}`)).toHaveCount(0);
  await expectAccessible(page, 'my bookings: finished');

  // The booking's own screen: everything again, who provides it, and what to do next.
  await clearSpoken(page);
  await done.getByRole('link').click();
  await expect(h1('预约详情')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/bookings/${booking.id}$`));
  for (const id of ['fact-when', 'fact-time', 'fact-service', 'fact-address', 'fact-you-pay', 'fact-booked-by']) {
    await expect(page.getByTestId(id)).not.toBeEmpty();
  }
  await expect(page.getByTestId('visit-worker')).toContainText('钱师傅');
  const card = page.getByTestId('provider-card');
  await expect(card).toContainText('安心家政服务社');
  await expect(card).toContainText('阳光社区居民委员会');
  await expect(card.getByTestId('government-badge')).toHaveText('政府购买服务');
  await expect(card.getByRole('link', { name: /拨打服务热线/ })).toHaveAttribute('href', /^tel:\+?\d+$/);
  await expect(page.getByRole('button', { name: '取消预约' })).toHaveCount(0);
  await expectSpoken(page, /预约详情/, 'zh-CN');
  await expectSpoken(page, /由安心家政服务社提供服务/, 'zh-CN');
  await expectSpoken(page, /这是政府购买的服务/, 'zh-CN');
  await expectSpoken(page, /请按“评价服务”/, 'zh-CN');
  await expectAccessible(page, 'booking detail');

  // Rate: three faces, each with its word; 满意 says its name; two phrase chips; send.
  await clearSpoken(page);
  await page.getByRole('button', { name: '评价服务' }).click();
  await expect(h1('评价服务')).toBeVisible();
  await expect(page.getByTestId('rate-about')).toContainText('上门服务 维修');
  await expectSpoken(page, /您对这次服务满意吗/, 'zh-CN');
  await expectAccessible(page, 'rate: three faces');
  const good = page.getByRole('button', { name: '满意', exact: true });
  await expect(page.getByRole('button', { name: '一般', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '不满意', exact: true })).toBeVisible();
  expect((await good.boundingBox())?.height ?? 0, 'a huge face button').toBeGreaterThanOrEqual(120);
  await clearSpoken(page);
  await good.click();
  await expect(good).toHaveAttribute('aria-pressed', 'true');
  await expectSpoken(page, /^满意/, 'zh-CN');
  await page.getByRole('button', { name: '态度好', exact: true }).click();
  await page.getByRole('button', { name: '准时', exact: true }).click();
  await expect(page.getByRole('button', { name: '准时', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const box = page.getByRole('textbox', { name: /想说的话/ });
  await expect(box).toHaveValue('态度好，准时');
  expect(await box.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  await expectAccessible(page, 'rate: face chosen, with words');
  await clearSpoken(page);
  // A double tap still rates once (one idempotency key for the same words).
  await page.getByRole('button', { name: '提交评价' }).dblclick();
  await expect(h1('谢谢您的评价')).toBeVisible();
  await expectSpoken(page, /您的评价“满意”已经收到/, 'zh-CN');
  await expectAccessible(page, 'rate: thanks');

  // Stored exactly once: the booking carries the rating, and a second one is refused.
  const rated = (await elder.allBookings()).find((b) => b.id === booking.id);
  expect([rated?.rating?.face, rated?.rating?.comment, rated?.rating?.rated_by.name, rated?.can_rate]).toEqual([
    'good',
    '态度好，准时',
    '李建国',
    false,
  ]);
  const again = await elder.rate(booking.id, { face: 'bad' });
  expect(again.status()).toBe(409);
  expect((await again.json()).type).toMatch(/already-rated$/);
  expect((await elder.allBookings()).find((b) => b.id === booking.id)?.rating?.face).toBe('good');

  // Back on the booking: the rating shows, Rate is gone; report a problem about it.
  await page.getByRole('button', { name: '我的预约' }).click();
  await page.getByTestId(`booking-${booking.id}`).getByRole('link').click();
  await expect(h1('预约详情')).toBeVisible();
  await expect(page.getByTestId('fact-rating')).toContainText('满意：态度好，准时');
  await expect(page.getByRole('button', { name: '评价服务' })).toHaveCount(0);
  await clearSpoken(page);
  await page.getByRole('button', { name: '反映问题' }).click();
  await expect(h1('反映问题')).toBeVisible();
  await expect(page.getByTestId('report-about')).toContainText('上门服务 维修');
  await expectSpoken(page, /遇到了什么问题/, 'zh-CN');
  await expectAccessible(page, 'report: what went wrong');
  for (const topic of ['迟到或没来', '质量不好', '态度不好', '收费不对', '不安全', '其他问题']) {
    await expect(page.getByRole('button', { name: topic, exact: true })).toBeVisible();
  }
  await clearSpoken(page);
  await page.getByRole('button', { name: '迟到或没来', exact: true }).click();
  await expectSpoken(page, /^迟到或没来/, 'zh-CN');
  await page.getByRole('button', { name: '来晚了', exact: true }).click();
  await page.getByRole('button', { name: '请给我回个电话', exact: true }).click();
  await expect(page.getByRole('textbox', { name: /具体情况/ })).toHaveValue('来晚了，请给我回个电话');
  await expectAccessible(page, 'report: topic and words');
  await clearSpoken(page);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(h1('已收到您反映的问题')).toBeVisible();
  await expectSpoken(page, /阳光社区居民委员会会督促安心家政服务社处理/, 'zh-CN');
  await expect(page.getByRole('link', { name: /拨打热线/ })).toHaveAttribute('href', /^tel:\+?\d+$/);
  await expectAccessible(page, 'report: received');

  const complaints = await elder.complaints();
  expect(complaints.map((c) => [c.booking_id, c.topic, c.text, c.status])).toEqual([
    [booking.id, 'late', '来晚了，请给我回个电话', 'received'],
  ]);

  // Staff take it on and answer; My complaints shows it in words and says it.
  const reply = '已联系服务社，下次会提前打电话。';
  await staff.staffComplaintStatus(complaints[0].id, 'in_progress', reply);
  await clearSpoken(page);
  await page.getByRole('button', { name: '我的反映' }).click();
  await expect(h1('我的反映')).toBeVisible();
  const item = page.getByTestId(`complaint-${complaints[0].id}`);
  await expect(item.getByRole('heading', { level: 2 })).toHaveText('迟到或没来');
  await expect(item.getByTestId('complaint-status')).toContainText('处理中');
  await expect(item.getByTestId('complaint-reply')).toContainText(reply);
  await expect(item).toContainText('上门服务 维修');
  await expectSpoken(page, /迟到或没来：处理中/, 'zh-CN');
  await expectSpoken(page, /工作人员回复说：已联系服务社/, 'zh-CN');
  await expectAccessible(page, 'my complaints');

  // My complaints is also reached from My bookings.
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(page.getByTestId('to-complaints')).toHaveText('我的反映');
  await expectAllSpokenIn(page, 'zh-CN');
});

test('on a phone an elder can rate a home visit once it is done, and only once', { tag: '@phone' }, async ({ page, request }) => {
  await spyOnSpeech(page);
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const { elder, booking } = await bookVisit(request, 'errands', 3, 16);

  await page.goto('/?mode=personal');
  await new Kiosk(page).signIn(ELDER.phone, ELDER.pin);

  // Not done yet: the rating screen says so in words and leads back to the booking.
  await page.goto(`/bookings/${booking.id}/rate`);
  await expect(h1('评价服务')).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('还没有做完');
  await expectSpoken(page, /还没有做完/, 'zh-CN');
  await expect(page.getByRole('button', { name: '满意', exact: true })).toHaveCount(0);
  await expectAccessible(page, 'phone: rate before the service is done');
  await page.getByRole('button', { name: '返回这个预约' }).click();
  await expect(h1('预约详情')).toBeVisible();
  await expect(page.getByRole('button', { name: '评价服务' })).toHaveCount(0);
  await expect(page.getByTestId('provider-card')).toContainText('政府购买服务');
  await expectAccessible(page, 'phone: booking detail');

  await staffFinish(request, elder, booking.id);

  await page.goto('/bookings');
  await page.getByTestId('past').getByTestId(`booking-${booking.id}`).getByRole('link').click();
  await page.getByRole('button', { name: '评价服务' }).click();
  await page.getByRole('button', { name: '一般', exact: true }).click();
  await expectSpoken(page, /^一般/, 'zh-CN');
  await page.getByRole('button', { name: '准时', exact: true }).click();
  await expectAccessible(page, 'phone: rate');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(h1('谢谢您的评价')).toBeVisible();
  // Not fully happy: the way to get someone to follow it up comes first.
  await expect(page.getByTestId('report-problem')).toBeVisible();
  await expectSpoken(page, /如果需要工作人员跟进/, 'zh-CN');

  const rated = (await elder.allBookings()).find((b) => b.id === booking.id);
  expect([rated?.rating?.face, rated?.rating?.comment]).toEqual(['so_so', '准时']);

  // Rated already: the screen says so, and shows the rating given.
  await page.goto(`/bookings/${booking.id}/rate`);
  await expect(page.getByTestId('notice')).toContainText('已经评价过了');
  await expect(page.getByTestId('rating-given')).toHaveText('您的评价：一般');
  await expectAccessible(page, 'phone: already rated');
  // A page just loaded speaks at its first touch (Chromium refuses speech before one).
  await h1('评价服务').click();
  await expectSpoken(page, /已经评价过了/, 'zh-CN');
  await expectAllSpokenIn(page, 'zh-CN');
});
