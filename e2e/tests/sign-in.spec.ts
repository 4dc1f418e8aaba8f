// Sign-in refusals are spoken, never blame, and always offer a way forward.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { Kiosk } from './fixtures/kiosk';
import { expectSpoken, spyOnSpeech } from './fixtures/speech';

test('five wrong PINs lock the account and say until when, and to ask staff', async ({ page }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.enterAccount('10000004');
  for (const left of [4, 3, 2, 1]) {
    await kiosk.enterPin('000000');
    await expect(page.getByText(new RegExp(`还可以再试 ${left} 次`))).toBeVisible();
    // The wrong PIN is cleared so the next try starts afresh.
    await expect(page.getByText('已输入 0 位，共 6 位')).toBeVisible();
  }
  await expectSpoken(page, /密码不对/, 'zh-CN');
  await kiosk.enterPin('000000');
  await expect(page.getByText(/登录已暂停到 \d{1,2}:\d{2}/)).toBeVisible();
  await expect(page.getByText(/服务台工作人员/).first()).toBeVisible();
  await expectSpoken(page, /登录已暂停到/, 'zh-CN');
  await expectAccessible(page, 'sign-in: locked');
  // The right PIN does not get through while locked.
  await kiosk.enterPin('456789');
  await expect(page.getByText(/登录已暂停到/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
});

test('an unknown number is explained and can be corrected', async ({ page }) => {
  await spyOnSpeech(page);
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.enterAccount('19999999');
  await kiosk.enterPin('123456');
  await expect(page.getByText(/没有找到这个卡号或手机号/)).toBeVisible();
  await expectSpoken(page, /没有找到这个卡号或手机号/, 'zh-CN');
  await expectAccessible(page, 'sign-in: unknown account');
});

test('forgot PIN sends the elder to staff, not to a puzzle', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.enterAccount('10000005');
  await page.getByRole('button', { name: '忘记密码' }).click();
  await expect(page.getByText(/请到服务台找工作人员/)).toBeVisible();
  await expectAccessible(page, 'sign-in: forgot PIN');
});
