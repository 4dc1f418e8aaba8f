// The senior-UX measurement matrix (issue 5, UX.md): every screen × {中文, English} ×
// {default, high contrast} × {largest text}, at kiosk size (1080 × 1920 portrait and
// 1920 × 1080 landscape) and phone size (390 × 844). On each: axe (WCAG 2.0/2.1/2.2 A and AA
// plus 7:1 enhanced contrast) finds nothing; every interactive element is at least 64 × 64 px
// (48 × 48 on the phone); no text is under 24 px; nothing scrolls sideways; and the screen
// speaks on arrival in its language.
import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { WCAG_TAGS } from './fixtures/axe';
import { clearSpoken, spoken, spyOnSpeech } from './fixtures/speech';
import { FAMILY, ScreenPath, matrixScreens } from './fixtures/screens';

type Lang = 'zh-CN' | 'en';
type Theme = 'default' | 'high-contrast';
type Combo = { lang: Lang; theme: Theme; size: 'largest' };

const COMBOS: Combo[] = (['zh-CN', 'en'] as Lang[]).flatMap((lang) =>
  (['default', 'high-contrast'] as Theme[]).map((theme) => ({ lang, theme, size: 'largest' as const })),
);

const VIEWPORTS = [
  { name: 'kiosk portrait', width: 1080, height: 1920, minTarget: 64 },
  { name: 'kiosk landscape', width: 1920, height: 1080, minTarget: 64 },
  { name: 'phone', width: 390, height: 844, minTarget: 48 },
];

/** The elder the matrix signs in as: 陈志明 has past bookings to rate and report. */
const ELDER = { card: '10000004', pin: '456789' };

/** Signs in through the API and leaves the session where a personal device keeps it. */
async function signInOnDevice(page: Page, request: APIRequestContext): Promise<void> {
  const resp = await request.post('/api/v1/session', { data: { account: ELDER.card, pin: ELDER.pin } });
  expect(resp.status()).toBe(201);
  const body = await resp.json();
  const session = { token: body.token, me: body.me, elder: body.me.acting_for[0] };
  await page.addInitScript((json) => localStorage.setItem('linli.personal.session', json), JSON.stringify(session));
}

/** Signs a family member in through the API, acting for their first linked elder. */
async function familyOnDevice(page: Page, request: APIRequestContext): Promise<void> {
  const resp = await request.post('/api/v1/family/session', { data: FAMILY });
  expect(resp.status()).toBe(201);
  const body = await resp.json();
  const links = await request.get('/api/v1/links', { headers: { authorization: `Bearer ${body.token}` } });
  expect(links.status()).toBe(200);
  const all: { status: string; elder: unknown }[] = await links.json();
  const session = { token: body.token, me: body.me, elder: all.find((l) => l.status === 'active')!.elder, links: all };
  await page.addInitScript((json) => localStorage.setItem('linli.personal.session', json), JSON.stringify(session));
}

/**
 * Puts the device in one combination before the app starts: a personal device keeps it
 * in its own storage; a kiosk takes it from the centre's `config.json` (it never keeps
 * one person's choice for the next).
 */
async function applyCombo(page: Page, combo: Combo): Promise<void> {
  const settings = {
    text_size: combo.size,
    high_contrast: combo.theme === 'high-contrast',
    voice: true,
    voice_speed: 'normal',
    lang: combo.lang,
  };
  await page.addInitScript((s) => {
    localStorage.setItem('linli.lang', s.lang);
    localStorage.setItem('linli.settings', JSON.stringify(s));
  }, settings);
  await page.route('**/config.json', (route) => route.fulfill({ json: { settings } }));
}

type Measure = {
  small: { what: string; w: number; h: number }[];
  tinyText: { what: string; px: number }[];
  sideways: number;
};

/** Target sizes, text sizes and sideways scrolling, read off the rendered page. */
async function measure(page: Page, minTarget: number): Promise<Measure> {
  return page.evaluate((min) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const interactive = Array.from(
      document.querySelectorAll('a[href], button, input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])'),
    ).filter(visible);
    const small = interactive
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < min - 0.5 || r.height < min - 0.5)
      .map(({ el, r }) => ({ what: name(el), w: Math.round(r.width), h: Math.round(r.height) }));
    const tinyText: { what: string; px: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !(node.textContent ?? '').trim() || !visible(parent)) continue;
      if (parent.closest('[aria-hidden="true"], svg, script, style, noscript')) continue;
      const px = parseFloat(getComputedStyle(parent).fontSize);
      if (px < 24) tinyText.push({ what: name(parent), px });
    }
    const sideways = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    return { small: small.slice(0, 8), tinyText: tinyText.slice(0, 8), sideways };
  }, minTarget);
}

/** Goes to `path` the way the app's own links do (no reload: the wasm starts once per context). */
async function visit(page: Page, path: string, first: boolean): Promise<void> {
  if (first) {
    await page.goto(path);
    return;
  }
  await clearSpoken(page);
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
}

async function checkScreen(
  page: Page,
  screen: ScreenPath,
  combo: Combo,
  minTarget: number,
  label: string,
  first: boolean,
) {
  // A kiosk is set by its URL flag, read when the app starts.
  const opened = first || !!screen.kiosk;
  await visit(page, screen.path, opened);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  // A page just opened may not speak until its first touch (Chromium's rule); the app keeps
  // the prompt for that touch, so touch somewhere that is not a control: the title.
  if (opened) await heading.click();
  await expect(page.locator('.loading')).toHaveCount(0);
  const where = `${label} ${screen.path} ${combo.lang} ${combo.theme}`;

  const html = page.locator('html');
  await expect(html, `${where}: language`).toHaveAttribute('lang', combo.lang);
  // The combination is really in force: largest text, and the theme asked for.
  await expect(html, `${where}: text size`).toHaveAttribute('data-text-size', combo.size);
  if (combo.theme === 'high-contrast') {
    await expect(html, `${where}: theme`).toHaveAttribute('data-theme', 'high-contrast');
  } else {
    await expect(html, `${where}: theme`).not.toHaveAttribute('data-theme', 'high-contrast');
  }
  expect(
    await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)),
    `${where}: body text at the largest size`,
  ).toBeGreaterThanOrEqual(36);

  const m = await measure(page, minTarget);
  expect(m.small, `${where}: targets under ${minTarget} px`).toEqual([]);
  expect(m.tinyText, `${where}: text under 24 px`).toEqual([]);
  expect(m.sideways, `${where}: sideways scrolling`).toBeLessThanOrEqual(0);

  await expect
    .poll(async () => (await spoken(page)).some((u) => u.lang === combo.lang), { message: `${where}: spoken on arrival` })
    .toBe(true);

  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'wcag2aaa']).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
  }));
  expect(violations, `${where}: axe`).toEqual([]);
}

for (const viewport of VIEWPORTS) {
  test(`every screen passes the senior-UX checks at ${viewport.name} size`, async ({ browser, request }) => {
    test.setTimeout(15 * 60_000);
    const { baseURL, locale, timezoneId } = test.info().project.use;
    const screens = await matrixScreens(request, ELDER);
    let checked = 0;
    for (const combo of COMBOS) {
      for (const who of ['nobody', 'elder', 'family'] as const) {
        const context = await browser.newContext({
          baseURL,
          locale,
          timezoneId,
          viewport: { width: viewport.width, height: viewport.height },
          // config.json comes from the route above, not from the service worker's cache.
          serviceWorkers: 'block',
        });
        const page = await context.newPage();
        await spyOnSpeech(page);
        await applyCombo(page, combo);
        if (who === 'elder') await signInOnDevice(page, request);
        if (who === 'family') await familyOnDevice(page, request);
        const group = screens.filter((s) => (s.signedOut ? 'nobody' : s.family ? 'family' : 'elder') === who);
        for (const [i, screen] of group.entries()) {
          await checkScreen(page, screen, combo, viewport.minTarget, viewport.name, i === 0);
          checked += 1;
        }
        await context.close();
      }
    }
    test.info().annotations.push({ type: 'combinations', description: String(checked) });
    console.log(`${viewport.name}: ${checked} screen/setting combinations checked`);
  });
}
