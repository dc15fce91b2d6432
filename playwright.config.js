// Playwright end-to-end tests (tests/e2e/) against the release build in dist/.
// Run through `scripts/test` (steps web-build, e2e): it builds dist/ first and uses
// Debian's chromium, never a browser Playwright would download.
const { defineConfig } = require('@playwright/test');

// ASLPLAY_E2E_PORT lets several checkouts run their suites at once, each on its own port.
const PORT = Number(process.env.ASLPLAY_E2E_PORT || 8089);

module.exports = defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory dist`,
    url: `http://127.0.0.1:${PORT}/`,
    // Never reuse a server already on the port: it may serve another checkout's dist/.
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
    timeout: 30_000,
  },
});
