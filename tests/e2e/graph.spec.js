// The graph view (issue 7): statuses after a run, inspector on click, stale graph on errors.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');

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

// Containers, a polling loop and several Choice rules, for the screenshots.
const ORDER_FLOW = JSON.stringify({
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Pass', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.kind', StringEquals: 'bulk', Next: 'EachItem' },
        { And: [{ Variable: '$.total', NumericGreaterThan: 100 }, { Variable: '$.vip', BooleanEquals: true }], Next: 'Both' },
      ],
      Default: 'Poll',
    },
    EachItem: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Price',
        States: {
          Price: { Type: 'Pass', Next: 'InStock' },
          InStock: { Type: 'Choice', Choices: [{ Variable: '$.qty', NumericGreaterThan: 0, Next: 'Ok' }], Default: 'Missing' },
          Ok: { Type: 'Succeed' },
          Missing: { Type: 'Fail', Error: 'OutOfStock' },
        },
      },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refund' }],
      Next: 'Done',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Invoice', States: { Invoice: { Type: 'Pass', End: true } } },
        { StartAt: 'Ship', States: { Ship: { Type: 'Wait', Seconds: 1, Next: 'Track' }, Track: { Type: 'Pass', End: true } } },
      ],
      Next: 'Done',
    },
    Poll: { Type: 'Wait', Seconds: 5, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Done' }], Default: 'Poll' },
    Refund: { Type: 'Pass', Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'OrderFailed' },
    Done: { Type: 'Succeed' },
  },
}, null, 2);

// The layout tests' synthetic machine (crates/graph/tests/layout.rs): 60 states in a chain, a
// Choice every fifth state jumping ahead and back, a Catch every third to a handler.
function synthetic(n) {
  const states = {};
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? { Next: `S${i + 1}` } : { End: true };
    if (i % 5 === 4 && i + 3 < n) {
      states[`S${i}`] = {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: i, Next: `S${i + 3}` },
          { Variable: '$.s', StringEquals: 'back', Next: `S${i - 2}` },
        ],
        Default: `S${i + 1}`,
      };
    } else if (i % 3 === 0) {
      states[`S${i}`] = {
        Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', ...next,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }],
      };
    } else {
      states[`S${i}`] = { Type: 'Pass', ...next };
    }
  }
  states.Handler = { Type: 'Fail', Error: 'E' };
  return JSON.stringify({ StartAt: 'S0', States: states }, null, 2);
}

// Set an editor's text and fire one input event, as the test hooks promise works. (Playwright's
// fill() makes Chromium fire one input event per inserted line, i.e. a re-render per line:
// minutes for the 60-state machine.)
async function setText(page, testid, text) {
  await page.getByTestId(testid).evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

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

// Lays `definition` out `runs` times in the page (a trailing space makes each a fresh layout)
// and returns the times the graph reports (performance.now, 0.1 ms resolution).
async function layoutTimes(page, definition, runs) {
  const graph = page.getByTestId('graph');
  const times = [];
  for (let i = 0; i < runs; i++) {
    await setText(page, 'definition-editor', definition + ' '.repeat(i + 1));
    await expect(graph).toHaveAttribute('data-pending', 'false');
    times.push(Number(await graph.getAttribute('data-layout-ms')));
  }
  expect(times.every((t) => Number.isFinite(t))).toBeTruthy();
  const sorted = [...times].sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / runs, median: sorted[Math.floor(runs / 2)], max: sorted[runs - 1] };
}

const describe = (t) => `mean ${t.mean.toFixed(2)} ms, median ${t.median.toFixed(2)} ms, max ${t.max.toFixed(2)} ms`;

test('60 states lay out in wasm within a frame budget (time reported)', async ({ page }) => {
  await setText(page, 'definition-editor', synthetic(60));
  const graph = page.getByTestId('graph');
  await expect(graph).toHaveAttribute('data-pending', 'false');
  await expect(page.getByTestId('graph-note')).toHaveCount(0);
  await expect(graph.locator('[data-state]')).toHaveCount(61);
  const t = await layoutTimes(page, synthetic(60), 20);
  console.log(`wasm layout of synthetic-60 (61 states): ${describe(t)}`);
  expect(t.median).toBeLessThan(16);
});

test('the largest corpus definition: wasm layout time reported', async ({ page }) => {
  // The shared data sits beside the project (../shared), or at /work/shared in a worktree.
  const cases = [path.resolve(__dirname, '../../../shared'), '/work/shared']
    .map((dir) => path.join(dir, 'conformance/cases.jsonl'))
    .find((f) => fs.existsSync(f));
  test.skip(!cases, 'conformance/cases.jsonl absent');
  const count = (d) => Object.values(d.States || {}).reduce((n, s) => n + 1
    + (s.Branches || []).reduce((m, b) => m + count(b), 0)
    + (s.ItemProcessor || s.Iterator ? count(s.ItemProcessor || s.Iterator) : 0), 0);
  let largest = null;
  for (const line of fs.readFileSync(cases, 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(line);
    if (c.definition && typeof c.definition === 'object' && (!largest || count(c.definition) > largest.n)) {
      largest = { id: c.id, n: count(c.definition), text: JSON.stringify(c.definition, null, 2) };
    }
  }
  await setText(page, 'definition-editor', largest.text);
  await expect(page.getByTestId('graph-note')).toHaveCount(0);
  const t = await layoutTimes(page, largest.text, 20);
  console.log(`wasm layout of the largest corpus definition ${largest.id.split('::').pop()} (${largest.n} states): ${describe(t)}`);
  expect(t.median).toBeLessThan(16);
});

test('screenshots of every example graph', async ({ page }, testInfo) => {
  const options = await page.getByTestId('example-select').locator('option').evaluateAll(
    (os) => os.map((o) => o.value).filter((v) => v));
  expect(options.length).toBeGreaterThan(0);
  for (const id of options) {
    await page.getByTestId('example-select').selectOption(id);
    await expect(page.getByTestId('graph')).toHaveAttribute('data-pending', 'false');
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('status')).toHaveText(/^(SUCCEEDED|FAILED)$/);
    // Every example's run enters its start state, which then shows how it fared.
    await expect(page.getByTestId('graph').locator('[data-status]').first()).not.toHaveAttribute('data-status', 'not-run');
    await page.getByTestId('graph').screenshot({ path: testInfo.outputPath(`graph-${id}.png`) });
  }
  for (const [id, definition, input] of [
    ['choice-and-catch', CHOICE_AND_CATCH, '{"total": 120}'],
    ['order-flow', ORDER_FLOW, '{"kind": "bulk", "items": [{"qty": 1}, {"qty": 0}]}'],
    ['synthetic-60', synthetic(60), '{"n": 100}'],
  ]) {
    await setText(page, 'definition-editor', definition);
    await setText(page, 'input-editor', input);
    await expect(page.getByTestId('graph')).toHaveAttribute('data-pending', 'false');
    await expect(page.getByTestId('graph-note')).toHaveCount(0);
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('graph').locator('[data-status]:not([data-status="not-run"])').first()).toBeVisible();
    await page.getByTestId('graph').screenshot({ path: testInfo.outputPath(`graph-${id}.png`) });
  }
});
