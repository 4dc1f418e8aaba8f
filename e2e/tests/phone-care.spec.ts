// Day care and home visits on an elder's own phone, in English: 刘淑芬 signs in with her
// phone number, books a day-care afternoon without pick-up, then asks for a home visit at
// another address with a note she writes herself. The platform holds both as she chose.
import { Page, expect, test } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { beijingDate } from './fixtures/dates';
import { Platform } from './fixtures/platform';
import { clearSpoken, expectAllSpokenIn, expectSpoken, spyOnSpeech } from './fixtures/speech';

/** Four or five days ahead and not a Sunday (the centre rests then). */
function openDay(): string {
  for (const ahead of [4, 5]) {
    const date = beijingDate(ahead);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 0) return date;
  }
  throw new Error('unreachable: two days in a row cannot both be Sundays');
}

test('on a phone, in English, an elder books day care and a home visit', { tag: '@phone' }, async ({ page, request }) => {
  await spyOnSpeech(page);
  const h1 = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  let taps = 0;
  const tap = async (target: ReturnType<Page['getByRole']>) => {
    taps += 1;
    await target.click();
  };
  await page.goto('/?mode=personal');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The sign-in prompt may have been said in Chinese before the switch; from here on, English.
  await clearSpoken(page);
  const keypad = page.getByRole('group', { name: 'Number pad' });
  const type = async (digits: string) => {
    for (const d of digits) await keypad.getByRole('button', { name: d, exact: true }).click();
  };
  await type('13800000005');
  await page.getByRole('button', { name: 'Next' }).click();
  await type('567890');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(h1(/刘淑芬/)).toBeVisible();

  // Day care: afternoon, no pick-up; three taps to the confirm screen.
  const date = openDay();
  await tap(page.getByRole('button', { name: 'Day care' }));
  await expect(h1('Choose a day-care time')).toBeVisible();
  await expectAccessible(page, 'phone: day care when (English)');
  await tap(page.getByTestId(`day-${date}`).getByRole('button', { name: /Afternoon/ }));
  await expect(h1('Pick-up')).toBeVisible();
  await tap(page.getByRole('button', { name: /No thanks/ }));
  await expect(h1('Please check your booking')).toBeVisible();
  expect(taps, 'taps from home to the day-care confirm screen').toBeLessThanOrEqual(3);
  await expectSpoken(page, /Day care, Afternoon/, 'en');
  await expectAccessible(page, 'phone: day care confirm (English)');
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(h1('You are booked')).toBeVisible();

  // Home visit: three taps again, then another address and her own words.
  taps = 0;
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await tap(page.getByRole('button', { name: 'Home visit' }));
  await expect(h1('Choose a home service')).toBeVisible();
  await expectAccessible(page, 'phone: visit services (English)');
  await tap(page.getByTestId('service-haircut').getByRole('button'));
  await expect(h1('Choose a visit time')).toBeVisible();
  const visitDay = beijingDate(3);
  await tap(page.getByTestId(`day-${visitDay}`).getByRole('button', { name: /10:00.{1,5}12:00/ }));
  await expect(h1('Please check your booking')).toBeVisible();
  expect(taps, 'taps from home to the visit confirm screen').toBeLessThanOrEqual(3);
  await expect(page.getByTestId('provider-funding')).not.toBeEmpty();

  await page.getByRole('button', { name: 'Use another address' }).click();
  const address = 'Sunshine Community, Building 9, Flat 502';
  await page.getByRole('textbox', { name: /Address for this booking/ }).fill(address);
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.getByTestId('address-shown')).toHaveText(address);
  await page.getByRole('button', { name: 'Please phone when you arrive' }).click();
  const own = 'The doorbell is broken, please knock';
  await page.getByRole('textbox', { name: /Anything else to say/ }).fill(own);
  await expectAccessible(page, 'phone: visit confirm with address and note (English)');
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(h1('Request sent')).toBeVisible();
  await expectAllSpokenIn(page, 'en');

  const platform = new Platform(request);
  await platform.signIn('10000005', '567890');
  const mine = await platform.allBookings();
  const daycare = mine.filter((b) => b.service.kind === 'daycare');
  expect(daycare.map((b) => [b.status, b.service.date, b.service.period, b.service.transport])).toEqual([
    ['booked', date, 'afternoon', false],
  ]);
  const visits = mine.filter((b) => b.service.kind === 'visit');
  expect(visits.map((b) => [b.service.service_kind, b.service.date, b.service.address])).toEqual([
    ['haircut', visitDay, address],
  ]);
  expect(String(visits[0].service.note)).toContain(own);
});
