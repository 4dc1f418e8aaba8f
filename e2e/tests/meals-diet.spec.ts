// Meals in full at the kiosk: 王秀英 (soft food and low salt in her care record) sees the
// menu with dietary tags as icon + word and the dishes that suit her marked, and hears them;
// then has a dinner delivered to another address for once, chosen on the confirm screen.
import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Kiosk } from './fixtures/kiosk';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectSpoken, spyOnSpeech } from './fixtures/speech';

test('the menu marks what suits the elder, and a delivery goes to the address chosen for it', async ({ page, request }) => {
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
  await kiosk.signIn('10000001', '123456');

  await tap(page.getByRole('button', { name: '助餐' }));
  await expect(h1('选择用餐时间')).toBeVisible();
  // Five days ahead: clear of the meals other specs book for her.
  const date = beijingDate(5);
  await clearSpoken(page);
  await tap(page.getByTestId(`day-${date}`).getByRole('button', { name: /晚餐/ }));
  await expect(h1('怎么用餐')).toBeVisible();

  // The menu: every dish listed, tags in words, suiting dishes starred with words.
  const menu = page.getByRole('region', { name: '菜单' });
  const dishes = menu.getByTestId('dish');
  await expect(dishes.first()).toBeVisible();
  const suiting = menu.locator('[data-testid="dish"][data-suits="true"]');
  const others = menu.locator('[data-testid="dish"][data-suits="false"]');
  expect(await suiting.count(), 'some dishes suit soft food or low salt').toBeGreaterThan(0);
  for (const dish of await suiting.all()) {
    await expect(dish).toContainText('适合您');
    await expect(dish.getByRole('listitem').filter({ hasText: /软烂|低盐/ }).first()).toBeVisible();
  }
  for (const dish of await others.all()) {
    await expect(dish).not.toContainText('适合您');
    await expect(dish).not.toContainText(/软烂|低盐/);
  }
  const first = ((await suiting.first().locator('.dish-name').textContent()) ?? '').trim();
  await expectSpoken(page, new RegExp(`适合您的菜有：.*${first}`), 'zh-CN');
  await expectAccessible(page, 'meals: how, with the menu');

  // Delivery: the confirm screen names the address on file and offers another for this meal.
  await tap(page.getByRole('button', { name: /送餐/ }));
  await expect(h1('请确认预约')).toBeVisible();
  expect(taps, 'taps from home to the confirm screen').toBeLessThanOrEqual(3);
  // Who runs the canteen, who supervises it and whom to call, under the Confirm button.
  await expect(page.getByTestId('provider-card')).toContainText('居民委员会');
  const shown = page.getByTestId('address-shown');
  const onFile = ((await shown.textContent()) ?? '').trim();
  expect(onFile.length).toBeGreaterThan(0);
  await expectSpoken(page, new RegExp(`送到：${onFile}`), 'zh-CN');
  await page.getByRole('button', { name: '换个地址' }).click();
  const box = page.getByRole('textbox', { name: /这次用的地址/ });
  await expect(box).toHaveValue(onFile);
  await expectAccessible(page, 'meals: confirm, changing the address');
  // Empty is refused in words, and nothing is lost.
  await box.fill('   ');
  await page.getByRole('button', { name: '就用这个地址' }).click();
  await expect(page.getByTestId('notice').first()).toContainText('地址好像没写上');
  const other = '阳光社区 7 号楼 1 单元 101（女儿家）';
  await box.fill(other);
  await expect(page.getByText(`还可以写 ${100 - other.length} 个字`)).toBeVisible();
  await clearSpoken(page);
  await page.getByRole('button', { name: '就用这个地址' }).click();
  await expect(shown).toHaveText(other);
  await expectSpoken(page, /好的，这次用：阳光社区 7 号楼/, 'zh-CN');

  await page.getByRole('button', { name: '确认预约' }).click();
  await expect(h1('预约成功')).toBeVisible();

  const platform = new Platform(request);
  await platform.signIn('10000001', '123456');
  const meals = (await platform.allBookings()).filter((b) => b.service.kind === 'meal' && b.service.date === date);
  expect(meals.map((b) => [b.status, b.service.fulfilment, b.service.delivery_address])).toEqual([
    ['booked', 'delivery', other],
  ]);
});
