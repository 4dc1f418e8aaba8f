// Playwright drives Debian's Chromium against the real server (target/debug/linli-server)
// serving the real release build (dist/), on a fresh SQLite database seeded with the demo data.
// Build both first: `cargo xtask test` does, or `cargo xtask test --stage build`.
import { defineConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.LINLI_E2E_PORT ?? 8181);
const baseURL = `http://127.0.0.1:${port}`;

// One new database file per run. Playwright evaluates this file again in each worker process;
// the workers inherit this variable, so they all agree on the path (specs may read it too).
const tmp = path.join(__dirname, '.tmp');
mkdirSync(tmp, { recursive: true });
process.env.LINLI_E2E_DB ??= path.join(tmp, `e2e-${Date.now()}.db`);

// `cargo xtask test` sets LINLI_SERVER_BIN when CARGO_TARGET_DIR moves the binary.
const server = process.env.LINLI_SERVER_BIN ?? path.join(root, 'target', 'debug', 'linli-server');

export default defineConfig({
  testDir: './tests',
  // Page objects and helpers live in ./tests/fixtures/.
  // One worker: a 2-core machine and one shared database.
  workers: 1,
  fullyParallel: false,
  // Tests wait on conditions, never on time, so a retry would only hide a flaky test.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium (TOOLCHAIN.md); never `npx playwright install`, its CDN is unreachable.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Council meetings (issue 7): a fake camera and microphone, allowed without a prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [
    // The community-centre touch screen, portrait. Runs every test not tagged @phone.
    { name: 'kiosk', grepInvert: /@phone/, use: { viewport: { width: 1080, height: 1920 } } },
    // A personal phone. Runs only tests tagged @phone (`test('…', { tag: '@phone' }, …)`).
    {
      name: 'phone',
      grep: /@phone/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    // exec, so the graceful-shutdown signal reaches the server itself, not a shell.
    command: `exec ${JSON.stringify(server)}`,
    cwd: root,
    env: {
      LINLI_ADDR: `127.0.0.1:${port}`,
      LINLI_DIST: path.join(root, 'dist'),
      DATABASE_URL: `sqlite://${process.env.LINLI_E2E_DB}`,
      LINLI_SEED: 'demo',
      RUST_LOG: 'info',
    },
    url: `${baseURL}/healthz`,
    // A server already on the port would be a stale build or someone else's database.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
