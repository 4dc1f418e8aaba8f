#!/usr/bin/env node
// Lighthouse scores for Linli's sign-in, home and meal screens (issue 5), with Lighthouse's
// default mobile emulation (a Moto G-class phone, simulated slow 4G and 4x CPU slowdown).
//
//   npm --prefix perf/lighthouse ci && node perf/lighthouse/run.mjs [--runs N] [--port N]
//
// Needs the built app and the debug server (`cargo xtask test --stage build` builds both), and
// Debian's Chromium at /usr/bin/chromium (CHROMIUM_PATH overrides it); no browser is downloaded.
// The script starts the real server (LINLI_SERVER_BIN, else target/debug/linli-server) on a new
// temporary SQLite database with the demo seed, serving dist/, on 127.0.0.1:8383 (LH_PORT or
// --port), and stops it at the end. Signed-in screens are audited as 王秀英 (13800000001) on a
// personal device: the session the app keeps in localStorage is put there before the audited
// navigation (Lighthouse's `disableStorageReset`), in a fresh browser profile per run, so every
// load is cold. Each run is checked to have really shown its screen (final URL and page content),
// or the script fails. Scores are the median of --runs (default 3) runs per screen; every run's
// JSON and HTML report goes to perf/lighthouse/reports/ (not committed), with summary.json.
//
// Lighthouse 12.8.2 is the last release that runs on Node 20 (13 needs Node 22.19); since
// Lighthouse 12 there is no PWA category, so the categories are performance, accessibility,
// best practices and SEO.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse, { generateReport } from 'lighthouse';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const reportsDir = path.join(here, 'reports');

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.LH_RUNS ?? '3' },
    port: { type: 'string', default: process.env.LH_PORT ?? '8383' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log('usage: node perf/lighthouse/run.mjs [--runs N] [--port N]   (see the header of this file)');
  process.exit(0);
}
const runs = Number(opts.runs);
const port = Number(opts.port);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive whole number, not ${opts.runs}`);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a port number, not ${opts.port}`);

const base = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const serverBin = process.env.LINLI_SERVER_BIN ?? path.join(root, 'target', 'debug', 'linli-server');
const dist = path.join(root, 'dist');

// The demo elder 王秀英 signs in on her own phone.
const ELDER = { account: '13800000001', pin: '123456', name: '王秀英' };
const SESSION_KEY = 'linli.personal.session';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CATEGORY_TITLES = { performance: 'Perf', accessibility: 'A11y', 'best-practices': 'Best pr.', seo: 'SEO' };
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];

/** What each audited screen must show, read from the page Lighthouse leaves behind. */
const SCREENS = [
  {
    name: 'sign-in',
    path: '/sign-in',
    signedIn: false,
    check: (seen) => seen.path === '/sign-in' && !seen.session && seen.h1 !== '',
  },
  {
    name: 'home',
    path: '/home',
    signedIn: true,
    check: (seen) => seen.path === '/home' && !!seen.session && seen.h1.includes(ELDER.name) && seen.tiles > 0,
  },
  {
    name: 'meals',
    path: '/meals',
    signedIn: true,
    // The demo seed gives 王秀英 one canteen, so the screen lists its meal times.
    check: (seen) => seen.path === '/meals' && !!seen.session && seen.h1 !== '' && seen.mealsLoaded,
  },
];

function fail(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(1);
}

function preflight() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    fail(`${dist}/index.html is missing: build the app first (cargo xtask test --stage build)`);
  }
  if (!existsSync(serverBin)) {
    fail(`the server ${serverBin} is missing: build it first (cargo xtask test --stage build), or set LINLI_SERVER_BIN`);
  }
  if (!existsSync(chromium)) {
    fail(`no Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
}

async function healthy(timeoutMs = 1000) {
  try {
    const resp = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return resp.status === 200;
  } catch {
    return false;
  }
}

/** Starts the real server on a new database; resolves once /healthz answers 200. */
async function startServer() {
  if (await healthy()) {
    fail(`something already answers on ${base}: choose another port (--port or LH_PORT)`);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'linli-lh-'));
  const log = path.join(tmp, 'server.log');
  const out = openSync(log, 'w');
  const child = spawn(serverBin, [], {
    cwd: root,
    env: {
      ...process.env,
      LINLI_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${path.join(tmp, 'lh.db')}`,
      LINLI_DIST: dist,
      LINLI_SEED: 'demo',
      RUST_LOG: process.env.RUST_LOG ?? 'info',
    },
    stdio: ['ignore', out, out],
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const server = {
    child,
    tmp,
    log,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const gone = await Promise.race([
          new Promise((resolve) => child.once('exit', () => resolve(true))),
          new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
        ]);
        if (!gone && exited === null) child.kill('SIGKILL');
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      const tail = readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');
      rmSync(tmp, { recursive: true, force: true });
      fail(`the server stopped before it was ready (${JSON.stringify(exited)}); its log ends:\n${tail}`);
    }
    if (await healthy()) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  fail(`the server did not answer ${base}/healthz within 60 s`);
}

/** Signs the demo elder in through the API; returns what the app keeps in localStorage. */
async function signIn() {
  const resp = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ELDER.account, pin: ELDER.pin }),
  });
  if (resp.status !== 201) throw new Error(`sign-in answered ${resp.status}: ${await resp.text()}`);
  const body = await resp.json();
  const elder = body.me?.acting_for?.[0];
  if (!body.token || !elder) throw new Error(`sign-in answered without a token or an elder: ${JSON.stringify(body)}`);
  return JSON.stringify({ token: body.token, me: body.me, elder });
}

async function launchBrowser() {
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    defaultViewport: null, // Lighthouse sets the emulated phone screen itself
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

/** One Lighthouse navigation of one screen in a fresh browser profile. */
async function audit(screen, session) {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    if (screen.signedIn) {
      // Same origin, no app: leaves the session where the app looks for it, and nothing cached.
      await page.goto(`${base}/healthz`);
      await page.evaluate((key, json) => localStorage.setItem(key, json), SESSION_KEY, session);
    }
    const result = await lighthouse(
      `${base}${screen.path}`,
      { logLevel: 'error', disableStorageReset: screen.signedIn },
      { extends: 'lighthouse:default', settings: { onlyCategories: CATEGORIES } },
      page,
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`${screen.name}: Lighthouse returned no result`);
    if (lhr.runtimeError) throw new Error(`${screen.name}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const seen = await page.evaluate((key) => {
      const main = document.querySelector('main');
      return {
        path: location.pathname,
        h1: document.querySelector('h1')?.textContent?.trim() ?? '',
        session: localStorage.getItem(key),
        tiles: document.querySelectorAll('[data-testid^="tile-"]').length,
        // The meal screen has loaded once it shows its canteen and meal times (or a canteen choice).
        mealsLoaded: !!main && !!main.querySelector('.place, .choices'),
      };
    }, SESSION_KEY);
    const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
    if (finalPath !== screen.path || !screen.check(seen)) {
      throw new Error(
        `${screen.name}: the audited page is not the ${screen.signedIn ? 'signed-in ' : ''}${screen.path} screen ` +
          `(Lighthouse's final URL ${lhr.finalDisplayedUrl}; the page shows ${JSON.stringify({ ...seen, session: !!seen.session })})`,
      );
    }
    return { lhr, seen };
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const score100 = (lhr, id) => {
  const s = lhr.categories[id]?.score;
  return s === null || s === undefined ? NaN : Math.round(s * 100);
};

/**
 * What pulls the scores down: the audits that carry weight in a category and score under 90,
 * the most points lost first; then weightless diagnostics and insights that fail outright.
 */
function findings(lhr) {
  const weights = new Map();
  for (const cat of Object.values(lhr.categories)) {
    for (const ref of cat.auditRefs) {
      const [w] = weights.get(ref.id) ?? [-1];
      if (ref.weight > w) weights.set(ref.id, [ref.weight, cat.id]);
    }
  }
  const scored = Object.values(lhr.audits).filter(
    (a) => typeof a.score === 'number' && !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode),
  );
  const describe = (a) => ({
    id: a.id,
    title: a.title,
    score: Math.round(a.score * 100),
    displayValue: a.displayValue ?? '',
    category: weights.get(a.id)?.[1] ?? null,
    weight: weights.get(a.id)?.[0] ?? 0,
  });
  const weighted = scored
    .filter((a) => (weights.get(a.id)?.[0] ?? 0) > 0 && a.score < 0.9)
    .map(describe)
    .sort((x, y) => y.weight * (100 - y.score) - x.weight * (100 - x.score));
  const diagnostics = scored
    .filter((a) => (weights.get(a.id)?.[0] ?? 0) === 0 && a.score < 0.5)
    .map(describe)
    .sort((x, y) => x.score - y.score);
  return { weighted, diagnostics };
}

function pad(s, n) {
  s = String(s);
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

async function main() {
  preflight();
  mkdirSync(reportsDir, { recursive: true });
  const server = await startServer();
  const stopOnSignal = (signal) => {
    server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const summary = { base, runs, screens: {} };
  let env = null;
  try {
    const session = await signIn();
    for (const screen of SCREENS) {
      const lhrs = [];
      for (let i = 1; i <= runs; i++) {
        const started = Date.now();
        const { lhr } = await audit(screen, session);
        env ??= {
          lighthouse: lhr.lighthouseVersion,
          chromium: lhr.environment.hostUserAgent,
          benchmarkIndex: lhr.environment.benchmarkIndex,
        };
        const stem = path.join(reportsDir, `${screen.name}-${i}`);
        writeFileSync(`${stem}.report.json`, JSON.stringify(lhr, null, 2));
        writeFileSync(`${stem}.report.html`, generateReport(lhr, 'html'));
        const scores = CATEGORIES.map((c) => `${CATEGORY_TITLES[c]} ${score100(lhr, c)}`).join(', ');
        console.log(`${pad(screen.name, 8)} run ${i}/${runs}: ${scores} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        lhrs.push(lhr);
      }
      // The run whose performance score is the median stands for the screen's audits.
      const byPerf = [...lhrs].sort((a, b) => score100(a, 'performance') - score100(b, 'performance'));
      const typical = byPerf[Math.floor((byPerf.length - 1) / 2)];
      summary.screens[screen.name] = {
        path: screen.path,
        signedIn: screen.signedIn,
        finalUrl: typical.finalDisplayedUrl,
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, median(lhrs.map((l) => score100(l, c)))])),
        runScores: lhrs.map((l) => Object.fromEntries(CATEGORIES.map((c) => [c, score100(l, c)]))),
        metrics: Object.fromEntries(
          METRICS.map(([id, short]) => [short, median(lhrs.map((l) => l.audits[id].numericValue))]),
        ),
        ...findings(typical),
        typicalReport: `${screen.name}-${lhrs.indexOf(typical) + 1}.report.html`,
      };
    }
  } finally {
    await server.stop();
  }
  summary.environment = env;
  writeFileSync(path.join(reportsDir, 'summary.json'), JSON.stringify(summary, null, 2));

  console.log('');
  console.log(`Lighthouse ${env.lighthouse}, mobile emulation (simulated slow 4G, 4x CPU), median of ${runs} run(s)`);
  console.log(`${env.chromium}; benchmark index ${env.benchmarkIndex}`);
  console.log('');
  const head = ['screen', ...CATEGORIES.map((c) => CATEGORY_TITLES[c]), ...METRICS.map(([, s]) => s)];
  const widths = [10, 6, 6, 9, 5, 8, 8, 8, 7, 8];
  console.log(head.map((h, i) => pad(h, widths[i])).join(''));
  for (const [name, s] of Object.entries(summary.screens)) {
    const m = s.metrics;
    const cells = [
      name,
      ...CATEGORIES.map((c) => s.scores[c]),
      `${(m.FCP / 1000).toFixed(1)} s`,
      `${(m.LCP / 1000).toFixed(1)} s`,
      `${Math.round(m.TBT)} ms`,
      m.CLS.toFixed(3),
      `${(m.SI / 1000).toFixed(1)} s`,
    ];
    console.log(cells.map((c, i) => pad(c, widths[i])).join(''));
  }
  for (const [name, s] of Object.entries(summary.screens)) {
    console.log('');
    console.log(`${name}: what costs points (from ${s.typicalReport})`);
    if (s.weighted.length === 0) console.log('  every weighted audit scores 90 or more');
    for (const a of s.weighted.slice(0, 6)) {
      const value = a.displayValue ? ` (${a.displayValue})` : '';
      console.log(`  ${pad(a.score, 4)}${a.title}${value} [${a.id}; ${a.category} weight ${a.weight}]`);
    }
    const diagnostics = s.diagnostics.slice(0, 6);
    if (diagnostics.length) console.log('  diagnostics (no weight):');
    for (const a of diagnostics) {
      console.log(`  ${pad(a.score, 4)}${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} [${a.id}]`);
    }
  }
  console.log('');
  console.log(`Reports: ${path.relative(process.cwd(), reportsDir) || '.'}/ (summary.json, <screen>-<run>.report.html/.json)`);
}

main().catch((err) => {
  console.error(`lighthouse: ${err?.stack ?? err}`);
  process.exit(1);
});
