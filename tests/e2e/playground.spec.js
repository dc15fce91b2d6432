// The playground as a person uses it, in headless Chromium against dist/.
const { test, expect } = require('@playwright/test');

const XSS = '<img src=x onerror=alert(1)>';

// Script errors and dialogs (e.g. an injected alert) seen during a test; each fails it.
let problems = [];

test.beforeEach(async ({ page }) => {
  problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto('/');
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"StartAt": "HelloWorld"/);
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

test('loads the Hello World example with no problems', async ({ page }) => {
  await expect(page.getByTestId('example-select')).toHaveValue('hello-world');
  await expect(page.getByTestId('diagnostics').locator('> *')).toHaveCount(0);
  await expect(page.getByTestId('input-editor')).toHaveValue(/"name": "aslplay"/);
});

test('Run executes the Hello World example like StartSyncExecution', async ({ page }) => {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(page.getByTestId('output')).toHaveText('"Hello World!"');
  await expect(page.getByTestId('error')).toHaveText('');
  await expect(page.getByTestId('billed-duration')).toHaveText('100');
  await expect(page.getByTestId('billed-memory')).toHaveText('64');
  await expect(page.getByTestId('request-error')).toBeHidden();
  const history = page.getByTestId('history').locator('> *');
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText('ExecutionStarted');
  await expect(history.last()).toContainText('ExecutionSucceeded');
});

test('a failing execution shows its error and cause', async ({ page }) => {
  await page.getByTestId('example-select').selectOption('fail');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('FAILED');
  await expect(page.getByTestId('error')).toHaveText('InvalidQuantity');
  await expect(page.getByTestId('cause')).toHaveText('The quantity must be greater than zero.');
  await expect(page.getByTestId('output')).toHaveText('');
  await expect(page.getByTestId('history').locator('> *').last()).toContainText('ExecutionFailed');
});

test('invalid JSON gives a located diagnostic and Run is refused', async ({ page }) => {
  const definition = page.getByTestId('definition-editor');
  await definition.fill('{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass" "End": true}\n  }\n}');

  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('> *')).toHaveCount(1);
  await expect(diagnostics).toContainText('definition 4:26');
  await expect(diagnostics).toContainText('INVALID_JSON_DESCRIPTION');
  await expect(diagnostics).toContainText("expected ',' or '}'");

  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('request-error')).toContainText('InvalidDefinition');
  await expect(page.getByTestId('output')).toHaveText('');
  await expect(page.getByTestId('history').locator('> *')).toHaveCount(0);

  // Clicking the diagnostic selects its location in the editor.
  await diagnostics.locator('button').first().click();
  await expect(definition).toBeFocused();
  const selectionStart = await definition.evaluate((el) => el.selectionStart);
  const value = await definition.inputValue();
  expect(value.slice(selectionStart, selectionStart + 5)).toBe('"End"');
});

test('validation problems name the state and field', async ({ page }) => {
  await page
    .getByTestId('definition-editor')
    .fill('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}');
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('> *').first()).toContainText('MISSING_TRANSITION_TARGET');
  await expect(diagnostics.locator('> *').first()).toContainText('/States/A/Next');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('request-error')).toContainText(
    "InvalidDefinition: Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET",
  );
});

test('markup typed into the editors renders as text', async ({ page }) => {
  await page.getByTestId('definition-editor').fill(XSS);
  await page.getByTestId('input-editor').fill(`{"html": "${XSS}"`);

  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics.locator('> *')).toHaveCount(2);
  await expect(diagnostics).toContainText(XSS);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.getByTestId('definition-editor')).toHaveValue(XSS);

  // Through an execution too: output, error, cause and history show markup as text.
  const definition = {
    StartAt: 'P',
    States: {
      P: { Type: 'Pass', Result: XSS, Next: 'F' },
      F: { Type: 'Fail', Error: XSS, Cause: XSS },
    },
  };
  await page.getByTestId('definition-editor').fill(JSON.stringify(definition));
  await page.getByTestId('input-editor').fill(JSON.stringify({ html: XSS }));
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('FAILED');
  await expect(page.getByTestId('error')).toHaveText(XSS);
  await expect(page.getByTestId('cause')).toHaveText(XSS);
  await expect(page.getByTestId('history')).toContainText(XSS);
  await expect(page.locator('img')).toHaveCount(0);
});

test('an example can be chosen, and Share puts both editors in the link', async ({ page }) => {
  await page.getByTestId('example-select').selectOption('choice');
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"CheckTotal"/);
  await expect(page.getByTestId('input-editor')).toHaveValue(/"total": 120/);

  await page.getByTestId('input-editor').fill('{"order": {"total": 7}}');
  await expect(page.getByTestId('example-select')).toHaveValue('');
  await page.getByTestId('share-button').click();
  await expect(page).toHaveURL(/#s=[\w-]+$/);

  await page.reload();
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"CheckTotal"/);
  await expect(page.getByTestId('input-editor')).toHaveValue('{"order": {"total": 7}}');
});
