// Family members book on behalf of an elder (issue 6, docs/family.md). The elder (李建国) makes a
// link code at the kiosk; his daughter, on her own phone (a second browser context, phone
// size), makes an account, enters the code and books dinner for him; at his next kiosk
// sign-in he hears what she did, sees "booked by" in My bookings and ends the link; her next
// action is refused with words that say why and what she can do.
//
// 李建国 on day +3, dinner: no other spec books it. The booking is cancelled at the end, so
// other specs counting his active bookings see what they saw before.
import { Browser, Page, expect, test } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';

const ELDER = { card: '10000002', pin: '234567', name: '李建国' };
const DAY = beijingDate(3);

/** The family member's phone: its own browser context (nothing shared with the kiosk). */
async function phone(browser: Browser): Promise<Page> {
  const use = test.info().project.use;
  const context = await browser.newContext({
    baseURL: use.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await spyOnSpeech(page);
  return page;
}

test('a daughter links with the elder’s code, books for him, and is refused once he ends the link', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name });

  // The kiosk offers no family sign-in.
  await kiosk.open();
  await kiosk.touchToStart();
  await expect(page.getByRole('button', { name: '家属登录' })).toHaveCount(0);

  // 1. The elder makes a link code at the kiosk: may see and book, not cancel.
  await kiosk.signIn(ELDER.card, ELDER.pin);
  await page.getByRole('button', { name: '我的家人' }).click();
  await expect(h1(page, '我的家人')).toBeVisible();
  await expectAccessible(page, 'my family');
  await page.getByRole('button', { name: '生成连接码' }).click();
  await expect(h1(page, '生成连接码')).toBeVisible();
  await expect(page.getByRole('button', { name: '查看我的预约' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '帮我取消预约' })).toHaveAttribute('aria-pressed', 'false');
  await expectAccessible(page, 'link code: permissions');
  await clearSpoken(page);
  await page.getByRole('button', { name: '生成', exact: true }).click();
  const shown = page.getByTestId('link-code');
  await expect(shown).toBeVisible();
  const code = (await shown.getAttribute('aria-label')) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  // Read aloud digit by digit.
  await expectSpoken(page, new RegExp(`连接码是：${code.split('').join('、')}`), 'zh-CN');
  await expect(page.getByTestId('code-left')).toContainText(/还剩 (9|10) 分/);
  await expectAccessible(page, 'link code: shown');
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByTestId('sign-out').click();

  // 2. The daughter, on her phone: family sign-in is offered there; she makes an account.
  const family = await phone(browser);
  const familyName = '李小红';
  const familyPhone = `139${String(randomInt(10_000_000, 99_999_999))}`;
  await family.goto('/sign-in?mode=personal');
  await family.getByRole('button', { name: '家属登录' }).click();
  await expect(h1(family, '家属登录')).toBeVisible();
  await expectAccessible(family, 'family sign-in');
  await family.getByTestId('to-family-sign-up').click();
  await expect(h1(family, '注册家属账号')).toBeVisible();
  await family.getByLabel('您的名字').fill(familyName);
  await family.getByLabel('手机号').fill(familyPhone);
  // Too short: checked before sending, said in words.
  await family.getByLabel('设一个密码').fill('short');
  await family.getByTestId('family-sign-up').click();
  await expect(family.getByTestId('notice')).toContainText('密码至少要8位');
  await expectSpoken(family, /密码至少要8位/, 'zh-CN');
  await family.getByLabel('设一个密码').fill('linli-daughter-2026');
  await family.getByRole('button', { name: '显示密码' }).click();
  await expect(family.getByLabel('设一个密码')).toHaveAttribute('type', 'text');
  await expectAccessible(family, 'family sign-up');
  await family.getByTestId('family-sign-up').click();

  // Nobody linked yet: how to link, and a big way to enter the code.
  await expect(h1(family, '连接老人')).toBeVisible();
  await expect(family.getByTestId('how-to-link')).toContainText('生成连接码');
  await expectAccessible(family, 'family: how to link');
  await family.getByRole('button', { name: '输入连接码' }).click();
  await expect(h1(family, '输入连接码')).toBeVisible();
  const keypad = family.getByRole('group', { name: '数字键盘' });
  for (const d of code) await keypad.getByRole('button', { name: d, exact: true }).click();
  await expectAccessible(family, 'family: link code');
  await family.getByRole('button', { name: '下一步' }).click();
  await expect(family.getByText('您是老人的什么人？').first()).toBeVisible();
  await expectAccessible(family, 'family: relation');
  await family.getByRole('button', { name: '女儿' }).click();
  await family.getByRole('button', { name: '爸爸' }).click();
  await clearSpoken(family);
  await family.getByTestId('link-now').click();
  await expect(h1(family, '已经连接')).toBeVisible();
  await expectSpoken(family, new RegExp(`已经和${ELDER.name}连接好了`), 'zh-CN');
  await family.getByTestId('linked-start').click();

  // 3. Acting for him: the banner says for whom; the booking flow is the elder's own.
  const banner = family.getByTestId('acting-for');
  await expect(banner).toContainText(`为 ${ELDER.name}（爸爸）预约`);
  await expectSpoken(family, /为 李建国（爸爸）预约/, 'zh-CN');
  await expectAccessible(family, 'family: home, acting for');
  await family.getByRole('button', { name: '助餐' }).click();
  await expect(banner).toBeVisible();
  await family.getByTestId(`day-${DAY}`).getByRole('button', { name: /晚餐/ }).click();
  await family.getByRole('button', { name: /堂食/ }).click();
  await expect(h1(family, '请确认预约')).toBeVisible();
  await expect(banner).toBeVisible();
  await family.getByRole('button', { name: '确认预约' }).click();
  await expect(h1(family, '预约成功')).toBeVisible();

  // 4. The elder at the kiosk hears what was done for him, sees who booked it, ends the link.
  await kiosk.touchToStart();
  await clearSpoken(page);
  await kiosk.signIn(ELDER.card, ELDER.pin);
  await expectSpoken(page, new RegExp(`您不在的时候.*${familyName}（女儿）帮您预约了.*晚餐`), 'zh-CN');
  await expect(page.getByRole('main')).toContainText(`${familyName}（女儿）帮您预约了`);
  await expectAccessible(page, 'home: what family did');
  // (Checked through the API only now: an API sign-in counts as his sign-in too.)
  const elder = new Platform(request);
  await elder.signIn(ELDER.card, ELDER.pin);
  const mine = (await elder.allBookings()).filter(
    (b) => b.service.kind === 'meal' && b.service.date === DAY && b.service.meal === 'dinner' && b.status === 'booked',
  );
  expect(mine).toHaveLength(1);
  expect((mine[0] as unknown as { booked_by: { name: string } }).booked_by.name).toBe(familyName);
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(page.getByTestId(`booking-${mine[0].id}`).getByTestId('booked-by')).toContainText(
    `${familyName}（女儿）代订`,
  );
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('button', { name: '我的家人' }).click();
  await page.getByRole('button', { name: '谁帮我办过事' }).click();
  await expect(page.getByTestId('activity-item').first()).toContainText(`${familyName}（女儿）帮您预约了`);
  await expectAccessible(page, 'who acted for me');
  await page.getByRole('button', { name: '返回' }).click();
  const link = page.getByTestId('family-link').filter({ hasText: familyName });
  await expect(link).toContainText('139****');
  await expect(link).toContainText('可以查看预约、代订');
  await link.getByRole('button', { name: '解除连接' }).click();
  await expect(link.getByTestId('revoke-confirm')).toContainText(`${familyName}马上就不能再为您查看和预约了`);
  await expectAccessible(page, 'my family: confirm revoke');
  await clearSpoken(page);
  await link.getByRole('button', { name: '确定解除' }).click();
  await expectSpoken(page, new RegExp(`已经解除。${familyName}不能再为您办事了`), 'zh-CN');
  await expect(page.getByTestId('family-link').filter({ hasText: familyName })).toHaveCount(0);
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByTestId('sign-out').click();

  // 5. Her next action is refused, in words that say why and what she can do.
  await clearSpoken(family);
  await family.getByRole('button', { name: '我的预约' }).click();
  await expect(family.getByTestId('notice')).toContainText(`${ELDER.name}已经取消了您的代办权限`);
  await expectSpoken(family, new RegExp(`${ELDER.name}已经取消了您的代办权限`), 'zh-CN');
  await expectAccessible(family, 'family: link gone');
  await family.getByRole('button', { name: '选择其他老人' }).click();
  await expect(h1(family, '连接老人')).toBeVisible();
  await expect(family.getByTestId('acting-for')).toHaveCount(0);

  // Leave his bookings as other specs expect them.
  const resp = await request.post(`/api/v1/bookings/${mine[0].id}/cancel`, {
    headers: {
      authorization: `Bearer ${await elderToken(request)}`,
      'acting-for': String(elder.elderId),
      'idempotency-key': `family-spec-${Date.now()}`,
    },
  });
  expect(resp.status(), await resp.text()).toBe(200);
  await family.context().close();
});

async function elderToken(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const resp = await request.post('/api/v1/session', { data: { account: ELDER.card, pin: ELDER.pin } });
  expect(resp.status()).toBe(201);
  return (await resp.json()).token;
}
