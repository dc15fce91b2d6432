// What the page downloads (issue 8: the page ≤ 350 KB gzipped). The interpreter and the YAML
// parser live only in the execution worker (web/src/runner.rs): the page is interactive
// without them, fetches the worker when someone starts editing or runs, and keeps one worker
// for every run after that.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { test, expect } = require('@playwright/test');
const { endlessLoop } = require('./fixtures');

const DIST = path.join(__dirname, '..', '..', 'dist');
/** The budget for everything the page loads before it is interactive, gzip -9. */
const PAGE_BUDGET_BYTES = 350_000;

const isWorkerFile = (url) => /aslplay-worker/.test(url);

test('the page load fits the size budget; the worker is not part of it', () => {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|css|wasm)$/.test(f));
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
  const page = files.filter((f) => !isWorkerFile(f));
  const total = page.reduce((n, f) => n + gz(f), 0);
  const detail = page.map((f) => `${f}: ${gz(f)}`).join(', ');
  expect(total, `page files gzipped: ${detail}`).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  expect(files.some(isWorkerFile), 'the worker is built next to the page').toBe(true);
});

test('the worker loads on the first edit, and one worker serves every run', async ({ page }) => {
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/');
  await expect(page.getByTestId('run-button')).toBeEnabled();
  // Interactive, checked and drawn without the worker.
  await expect(page.locator('[data-testid="graph"] [data-state="HelloWorld"]')).toBeVisible();
  await page.waitForTimeout(300);
  expect(requested.filter(isWorkerFile)).toEqual([]);

  await page.getByTestId('auto-run-toggle').uncheck();
  await page.getByTestId('input-editor').fill('{"n": 1}');
  await expect.poll(() => requested.filter((u) => /aslplay-worker_bg\.wasm/.test(u)).length).toBe(1);

  for (const n of [1, 2, 3]) {
    await page.getByTestId('input-editor').fill(`{"n": ${n}}`);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
    await expect(page.getByTestId('raw-response')).toContainText(`\\"n\\": ${n}`);
  }
  expect(requested.filter((u) => /aslplay-worker_bg\.wasm/.test(u)).length).toBe(1);
});

test('a YAML definition is checked and drawn once the worker converted it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('auto-run-toggle').uncheck();
  await page.getByTestId('definition-editor').fill(
    'StartAt: First\nStates:\n  First: {Type: Pass, Next: Gone}\n',
  );
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).toContainText('MISSING_TRANSITION_TARGET');
  await page.getByTestId('definition-editor').fill(
    'StartAt: First\nStates:\n  First: {Type: Pass, Next: Last}\n  Last: {Type: Succeed}\n',
  );
  await expect(page.locator('[data-testid="graph"] [data-state="Last"]')).toBeVisible();
  await expect(diagnostics).not.toContainText('MISSING_TRANSITION_TARGET');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
});

test('a YAML check queued behind a long run finishes after Cancel, in a new worker', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('auto-run-toggle').uncheck();
  // A run that keeps the worker busy for seconds (the Express 5-minute virtual limit ends it).
  const slow = endlessLoop('{% $sum([1..5000]) %}');
  await page.getByTestId('definition-editor').fill(JSON.stringify(slow));
  await expect(page.getByTestId('diagnostics').locator('> *')).toHaveCount(0);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeEnabled();
  // The conversion waits behind the run...
  await page.getByTestId('definition-editor').fill('StartAt: A\nStates:\n  A: {Type: Pass, Next: Nowhere}\n');
  await page.waitForTimeout(700);
  await expect(page.getByTestId('diagnostics')).not.toContainText('MISSING_TRANSITION_TARGET');
  // ...and Cancel sends it to the worker that replaces the cancelled one.
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('request-error')).toContainText('cancelled');
  await expect(page.getByTestId('diagnostics')).toContainText('MISSING_TRANSITION_TARGET');
});
