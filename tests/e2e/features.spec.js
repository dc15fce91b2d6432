// Run options, request errors, the inspector, examples, share links, autosave, YAML, the
// worker and Cancel: the playground's features as a person uses them, in headless Chromium.
const { test, expect } = require('@playwright/test');
const { endlessLoop } = require('./fixtures');

const XSS = '<img src=x onerror=alert(1)>';
let problems = [];

test.beforeEach(async ({ page }) => {
  problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto('./');
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"StartAt": "HelloWorld"/);
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

async function run(page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
}

test('every example runs to an execution (never a refused request)', async ({ page }) => {
  const select = page.getByTestId('example-select');
  const ids = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  expect(ids.length).toBeGreaterThanOrEqual(15);
  for (const id of ids) {
    await select.selectOption(id);
    await expect(page.getByTestId('example-about')).toBeVisible();
    await run(page);
    await expect(page.getByTestId('status'), id).toHaveText(/^(SUCCEEDED|FAILED)$/);
    await expect(page.getByTestId('request-error'), id).toBeHidden();
    await expect(page.getByTestId('diagnostics').locator('> *'), id).toHaveCount(0);
  }
});

test('mocked Retry example: history, cost, raw response and stepping through the inspector', async ({ page }) => {
  await page.getByTestId('example-select').selectOption('retry');
  await expect(page.getByTestId('mock-config-editor')).toHaveValue(/ThrottledThenOk/);
  await expect(page.getByTestId('option-test-case')).toHaveValue('RetryPath');
  await run(page);
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(page.getByTestId('output')).toContainText('hello at last');
  await expect(page.getByTestId('history')).toContainText('TaskFailed');
  await expect(page.getByTestId('cost')).toContainText('per million');
  await expect(page.getByTestId('raw-response')).toContainText('"billingDetails"');

  const inspector = page.getByTestId('inspector');
  await expect(page.getByTestId('step-name')).toHaveText('CallLambda');
  await expect(inspector).toContainText('2 retries');
  await expect(inspector).toContainText('After Parameters');
  await expect(inspector).toContainText('hello at last');
});

test('stepping forward and back through a run', async ({ page }) => {
  await page.getByTestId('example-select').selectOption('variables');
  await run(page);
  await expect(page.getByTestId('step-position')).toHaveText('1 of 3');
  await expect(page.getByTestId('step-prev')).toBeDisabled();
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-name')).toHaveText('Use');
  await expect(page.getByTestId('inspector')).toContainText('Variables before');
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-name')).toHaveText('Show');
  await expect(page.getByTestId('step-next')).toBeDisabled();
  await page.getByTestId('step-prev').click();
  await expect(page.getByTestId('step-position')).toHaveText('2 of 3');
});

test('run options reach the execution and Ctrl+Enter runs', async ({ page }) => {
  await page.getByTestId('example-select').selectOption('context');
  await page.getByTestId('option-execution-name').fill('my-run');
  await page.getByTestId('option-machine-name').fill('Billing');
  await page.getByTestId('option-start-time').fill('2030-01-02T03:04:05Z');
  await page.getByTestId('option-trace-header').fill('Root=1-abc');
  await page.getByTestId('definition-editor').press('Control+Enter');
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  const output = page.getByTestId('output');
  await expect(output).toContainText('"execution": "my-run"');
  await expect(output).toContainText('"machine": "Billing"');
  await expect(output).toContainText('2030-01-02T03:04:05');
  await expect(page.getByTestId('raw-response')).toContainText('Root=1-abc');

  await page.getByTestId('option-included-data').selectOption('METADATA_ONLY');
  await run(page);
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(output).toHaveText('');
});

test('request errors are shown apart from failed executions, with AWS messages', async ({ page }) => {
  const requestError = page.getByTestId('request-error');
  await page.getByTestId('option-type').selectOption('STANDARD');
  await run(page);
  await expect(requestError).toBeVisible();
  await expect(requestError).toContainText('StateMachineTypeNotSupported');
  await expect(requestError).toContainText('This operation is not supported by this type of state machine');
  await expect(page.getByTestId('status')).toHaveText('');

  await page.getByTestId('option-type').selectOption('EXPRESS');
  await page.getByTestId('option-execution-name').fill('has space');
  await run(page);
  await expect(requestError).toContainText('InvalidName');

  await page.getByTestId('option-execution-name').fill('');
  await page.getByTestId('input-editor').fill('{"unclosed": ');
  await run(page);
  await expect(requestError).toContainText('InvalidExecutionInput');
  await expect(page.getByTestId('diagnostics')).toContainText('input 1:');
});

test('a share link restores definition, input, options and mocks in a fresh browser', async ({ page, browser }) => {
  await page.getByTestId('example-select').selectOption('task-mock');
  await page.getByTestId('input-editor').fill('{"name": "Grace"}');
  await page.getByTestId('option-seed').fill('7');
  await page.getByTestId('share-button').click();
  const field = page.getByTestId('share-link');
  await expect(field).toBeVisible();
  const link = await field.inputValue();
  expect(link).toMatch(/#s=[\w-]+$/);
  expect(page.url()).toBe(link);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('input-editor')).toHaveValue('{"name": "Grace"}');
  await expect(other.getByTestId('definition-editor')).toHaveValue(/"CallLambda"/);
  await expect(other.getByTestId('option-seed')).toHaveValue('7');
  await expect(other.getByTestId('option-machine-name')).toHaveValue('Greeter');
  await expect(other.getByTestId('option-test-case')).toHaveValue('HappyPath');
  await expect(other.getByTestId('mock-config-editor')).toHaveValue(/GreeterOk/);
  await other.getByTestId('run-button').click();
  await expect(other.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(other.getByTestId('output')).toContainText('hello, Ada');
  await fresh.close();
});

test('reload keeps the work; a damaged or oversized link leaves it untouched', async ({ page }) => {
  await page.getByTestId('definition-editor').fill('{"StartAt": "Mine", "States": {"Mine": {"Type": "Succeed"}}}');
  await page.getByTestId('input-editor').fill('{"kept": true}');
  await page.getByTestId('option-execution-name').fill('kept-run');
  await page.reload();
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"Mine"/);
  await expect(page.getByTestId('input-editor')).toHaveValue('{"kept": true}');
  await expect(page.getByTestId('option-execution-name')).toHaveValue('kept-run');

  await page.goto('about:blank');
  await page.goto('./#s=not-a-real-link');
  await expect(page.getByTestId('link-error')).toContainText('damaged');
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"Mine"/);

  await page.goto('about:blank');
  await page.goto(`./#s=${'A'.repeat(70000)}`);
  await expect(page.getByTestId('link-error')).toContainText('too long');
  await expect(page.getByTestId('input-editor')).toHaveValue('{"kept": true}');
});

test('YAML definitions run, YAML errors are located, Format converts to JSON', async ({ page }) => {
  const definition = page.getByTestId('definition-editor');
  await definition.fill('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {from: yaml}\n    End: true\n');
  await expect(page.getByTestId('diagnostics').locator('> *')).toHaveCount(0);
  await run(page);
  await expect(page.getByTestId('output')).toContainText('"from": "yaml"');

  await definition.fill('StartAt: A\nStates:\n  A: [oops\n');
  await expect(page.getByTestId('diagnostics')).toContainText('INVALID_YAML');
  await expect(page.getByTestId('diagnostics')).toContainText('definition 4:');

  await definition.fill('StartAt: B\nStates: {B: {Type: Succeed}}\n');
  await page.getByTestId('definition-editor-format').click();
  await expect(definition).toHaveValue(/^\{\n  "StartAt": "B",/);
  await page.getByTestId('input-editor').fill('{"a":[1,2]}');
  await page.getByTestId('input-editor-format').click();
  await expect(page.getByTestId('input-editor')).toHaveValue('{\n  "a": [\n    1,\n    2\n  ]\n}\n');
});

test('a long run happens in the worker: the page stays responsive and Cancel stops it', async ({ page }) => {
  // A loop whose every step does about a second of JSONata work: minutes in all.
  const heavy = '{% $count($map([1..300000], function($v) { $string($v) })) %}';
  const loop = endlessLoop(heavy);
  await page.getByTestId('definition-editor').fill(JSON.stringify(loop));
  await expect(page.getByTestId('diagnostics').locator('> *')).toHaveCount(0);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeEnabled();
  // The page answers while the run is going.
  await page.getByTestId('input-editor').fill('{"typing": "still works"}');
  await expect(page.getByTestId('input-editor')).toHaveValue('{"typing": "still works"}');
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
  await expect(page.getByTestId('request-error')).toContainText('cancelled');
  await expect(page.getByTestId('run-button')).toBeEnabled();
});

test('markup in state names and outputs renders as text, in the inspector too', async ({ page }) => {
  const definition = {
    StartAt: XSS,
    States: {
      [XSS]: { Type: 'Pass', Result: { html: XSS }, Next: 'F' },
      F: { Type: 'Fail', Error: XSS, Cause: XSS },
    },
  };
  await page.getByTestId('definition-editor').fill(JSON.stringify(definition));
  await run(page);
  await expect(page.getByTestId('status')).toHaveText('FAILED');
  await expect(page.getByTestId('step-name')).toHaveText(XSS);
  await expect(page.getByTestId('inspector')).toContainText(XSS);
  await page.getByTestId('share-button').click();
  await page.reload();
  await expect(page.getByTestId('definition-editor')).toHaveValue(/onerror/);
  await run(page);
  await expect(page.getByTestId('history')).toContainText(XSS);
  await expect(page.locator('img')).toHaveCount(0);
});
