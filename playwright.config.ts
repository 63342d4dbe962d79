import { defineConfig } from '@playwright/test';

// Playwright drives Debian's Chromium (never a downloaded browser) against the release build in
// dist/, served by our own static server on loopback.
const port = Number(process.env.SANAD_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1280, height: 900 },
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs dist ${port}`,
      cwd: __dirname,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The same build served under a sub-path, as from any static host.
      command: `node tests/e2e/serve.mjs dist ${port + 1} /some/sub/path/`,
      cwd: __dirname,
      url: `http://127.0.0.1:${port + 1}/some/sub/path/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
