// Auto-run (web/src/autorun.rs): an edit re-runs the definition after a short pause, unless
// the toggle is off or the editors have errors; the toggle's position survives a reload.
const { test, expect } = require('@playwright/test');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"StartAt": "HelloWorld"/);
});

test('an edit re-runs by itself while the toggle is on', async ({ page }) => {
  const toggle = page.getByTestId('auto-run-toggle');
  await expect(toggle).toBeChecked();
  await expect(page.getByTestId('status')).toHaveText('');
  await page.getByTestId('input-editor').fill('{"name": "auto"}');
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(page.getByTestId('output')).toHaveText('"Hello World!"');
});

test('no auto-run with the toggle off or with errors in the editors', async ({ page }) => {
  const toggle = page.getByTestId('auto-run-toggle');
  await page.getByTestId('input-editor').fill('{"broken": ');
  await page.waitForTimeout(800);
  await expect(page.getByTestId('status')).toHaveText('');

  await toggle.uncheck();
  await page.getByTestId('input-editor').fill('{"name": "manual"}');
  await page.waitForTimeout(800);
  await expect(page.getByTestId('status')).toHaveText('');
  await page.reload();
  await expect(page.getByTestId('auto-run-toggle')).not.toBeChecked();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
});
