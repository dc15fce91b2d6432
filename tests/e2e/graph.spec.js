// The graph view (issue 7): statuses after a run, inspector on click, stale graph on errors.
const { test, expect } = require('@playwright/test');

// A Choice, then a Parallel whose branch fails; the Parallel retries once, then its Catch
// sends the run to Notify.
const CHOICE_AND_CATCH = JSON.stringify({
  StartAt: 'CheckOrder',
  States: {
    CheckOrder: {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Charge' }],
      Default: 'Skip',
    },
    Charge: {
      Type: 'Parallel',
      Branches: [{
        StartAt: 'Decline',
        States: { Decline: { Type: 'Fail', Error: 'CardDeclined', Cause: 'no funds' } },
      }],
      Retry: [{ ErrorEquals: ['CardDeclined'], MaxAttempts: 1, IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ['CardDeclined'], ResultPath: '$.error', Next: 'Notify' }],
      Next: 'Done',
    },
    Notify: { Type: 'Pass', Next: 'Done' },
    Skip: { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
}, null, 2);

let problems = [];

test.beforeEach(async ({ page }) => {
  problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto('/');
  await expect(page.getByTestId('graph')).toBeVisible();
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

const node = (page, name) => page.locator(`[data-testid="graph"] [data-state="${name}"]`);

test('a run colours the graph: succeeded, caught, failed, not-run, retried', async ({ page }) => {
  await page.getByTestId('definition-editor').fill(CHOICE_AND_CATCH);
  await page.getByTestId('input-editor').fill('{"total": 120}');
  await expect(node(page, 'Skip')).toHaveAttribute('data-status', 'not-run');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
  await expect(node(page, 'CheckOrder')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Charge')).toHaveAttribute('data-status', 'caught');
  await expect(node(page, 'Charge')).toHaveAttribute('data-retried', 'true');
  await expect(node(page, 'Decline')).toHaveAttribute('data-status', 'failed');
  await expect(node(page, 'Notify')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Done')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Skip')).toHaveAttribute('data-status', 'not-run');
  // The taken Choice rule and Catch are highlighted, the Default and Next of Charge are not.
  const edge = (from, to, kind) =>
    page.locator(`[data-testid="graph"] .edge[data-from="${from}"][data-to="${to}"][data-kind="${kind}"]`);
  await expect(edge('CheckOrder', 'Charge', 'choice')).toHaveClass(/taken/);
  await expect(edge('CheckOrder', 'Charge', 'choice')).toContainText('$.total > 100');
  await expect(edge('Charge', 'Notify', 'catch')).toHaveClass(/taken/);
  await expect(edge('Charge', 'Notify', 'catch')).toContainText('CardDeclined');
  await expect(edge('CheckOrder', 'Skip', 'default')).not.toHaveClass(/taken/);
  await expect(edge('Charge', 'Done', 'next')).not.toHaveClass(/taken/);
  // An edit clears the run: every state is not-run again.
  await page.getByTestId('input-editor').fill('{"total": 5}');
  await expect(node(page, 'CheckOrder')).toHaveAttribute('data-status', 'not-run');
  await page.getByTestId('run-button').click();
  await expect(node(page, 'Skip')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'Charge')).toHaveAttribute('data-status', 'not-run');
});

test('clicking a node opens its inspector and selects it in the editor', async ({ page }) => {
  await page.getByTestId('definition-editor').fill(CHOICE_AND_CATCH);
  await page.getByTestId('input-editor').fill('{"total": 120}');
  await page.getByTestId('run-button').click();
  await node(page, 'Notify').click();
  const inspector = page.getByTestId('state-inspector');
  await expect(inspector).toHaveAttribute('data-state', 'Notify');
  await expect(inspector).toContainText('Visit 1 · succeeded');
  await expect(inspector).toContainText('CardDeclined');
  const selected = await page.getByTestId('definition-editor').evaluate(
    (t) => t.value.substring(t.selectionStart, t.selectionEnd));
  expect(selected.startsWith('"Notify": {')).toBeTruthy();
  await node(page, 'Charge').locator('> text.name').click();
  await expect(inspector).toHaveAttribute('data-state', 'Charge');
  await expect(inspector).toContainText('1 retry');
  await expect(inspector).toContainText('next Notify');
});

test('an invalid definition keeps the last graph, greyed, with a note', async ({ page }) => {
  await expect(node(page, 'HelloWorld')).toHaveCount(1);
  await page.getByTestId('definition-editor').fill('{"StartAt": "HelloWorld", "States": {');
  await expect(page.getByTestId('graph-note')).toContainText('showing the last valid graph');
  await expect(page.getByTestId('graph')).toHaveClass(/stale/);
  await expect(node(page, 'HelloWorld')).toHaveCount(1);
  await page.getByTestId('definition-editor').fill(
    '{"StartAt": "Two", "States": {"Two": {"Type": "Pass", "End": true}}}');
  await expect(node(page, 'Two')).toHaveCount(1);
  await expect(page.getByTestId('graph-note')).toHaveCount(0);
  await expect(page.getByTestId('graph')).not.toHaveClass(/stale/);
});

test('zoom buttons and fit change the view box', async ({ page }) => {
  const graph = page.getByTestId('graph');
  const fitted = await graph.getAttribute('viewBox');
  await page.getByTestId('graph-zoom-in').click();
  await expect(graph).not.toHaveAttribute('viewBox', fitted);
  await page.getByTestId('graph-fit').click();
  await expect(graph).toHaveAttribute('viewBox', fitted);
});

test('screenshots of every example graph', async ({ page }, testInfo) => {
  const options = await page.getByTestId('example-select').locator('option').evaluateAll(
    (os) => os.map((o) => o.value).filter((v) => v));
  expect(options.length).toBeGreaterThan(0);
  for (const id of options) {
    await page.getByTestId('example-select').selectOption(id);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('graph').locator('[data-state]').first()).toBeVisible();
    await page.getByTestId('graph').screenshot({ path: testInfo.outputPath(`graph-${id}.png`) });
  }
});
