// A kiosk is shared: after sign-out nothing personal may be left for the next person.
import { expect, test } from '@playwright/test';
import { Kiosk } from './fixtures/kiosk';

test('signing out at a kiosk leaves nothing personal behind', async ({ page }) => {
  const kiosk = new Kiosk(page);
  await kiosk.open();
  await kiosk.touchToStart();
  await kiosk.signIn('10000002', '234567');
  await page.getByRole('button', { name: '我的预约' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的预约' })).toBeVisible();
  // In-app navigation only: a kiosk keeps the sign-in in memory, so a reload would sign out.
  await page.goBack();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k !== 'linli.device.mode'),
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  expect(stored).toEqual({ local: [], session: [], cookies: '' });
  await page.goto('/home');
  await expect(page.getByRole('button', { name: '轻触开始' })).toBeVisible();
});
