// The lines of issues 5 (playground) and 7 (graph view) that the other specs do not cover:
// editor marks, clipboard, TIMED_OUT, stepping in the graph, JSONata `$states`, keyboard
// access to the graph, panning, a sub-path static host with no outside requests, narrow
// windows and the dark theme. No console errors anywhere.
const { test, expect } = require('@playwright/test');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

let problems = [];

function watch(page) {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
}

test.beforeEach(async ({ page }) => {
  problems = [];
  watch(page);
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

async function open(page, url = './') {
  await page.goto(url);
  await expect(page.getByTestId('definition-editor')).toHaveValue(/"StartAt"/);
}

async function run(page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('status')).toHaveText(/^(SUCCEEDED|FAILED|TIMED_OUT)$/);
}

const node = (page, name) => page.locator(`[data-testid="graph"] [data-state="${name}"]`);

test('the editor numbers its lines, highlights JSON and marks the lines with errors', async ({ page }) => {
  await open(page);
  const editor = page.locator('.code-editor').filter({ has: page.getByTestId('definition-editor') });
  const text = '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass" "End": true}\n  }\n}';
  await page.getByTestId('definition-editor').fill(text);
  await expect(editor.locator('.gutter .ln')).toHaveCount(6);
  await expect(editor.locator('.gutter .ln-error')).toHaveText(['4']);
  await expect(editor.locator('pre.highlight .tok-key').first()).toHaveText('"StartAt"');
  await expect(editor.locator('pre.highlight .tok-str').first()).toHaveText('"A"');
  // Fixing the text clears the mark.
  await page.getByTestId('definition-editor').fill(text.replace('"Pass" "End"', '"Pass", "End"'));
  await expect(page.getByTestId('diagnostics').locator('> *')).toHaveCount(0);
  await expect(editor.locator('.gutter .ln-error')).toHaveCount(0);
});

test('Share copies the link to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await page.getByTestId('input-editor').fill('{"shared": 1}');
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#s=[\w-]+$/);
  await expect(page.getByTestId('share-link')).toHaveJSProperty('readOnly', true);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test('a machine past its TimeoutSeconds shows TIMED_OUT', async ({ page }) => {
  await open(page);
  await page.getByTestId('definition-editor').fill(JSON.stringify({
    TimeoutSeconds: 2,
    StartAt: 'Sleep',
    States: { Sleep: { Type: 'Wait', Seconds: 10, End: true } },
  }));
  await run(page);
  await expect(page.getByTestId('status')).toHaveText('TIMED_OUT');
  await expect(page.getByTestId('error')).toHaveText('States.Timeout');
  await expect(page.getByTestId('history').locator('> *').last()).toContainText('ExecutionTimedOut');
});

test('stepping through a run marks the current state in the graph', async ({ page }) => {
  await open(page);
  await page.getByTestId('example-select').selectOption('variables');
  await run(page);
  // Right after the run every state shows its outcome; none is "current".
  await expect(node(page, 'Remember')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.locator('[data-testid="graph"] [data-status="current"]')).toHaveCount(0);
  await page.getByTestId('step-next').click();
  await expect(node(page, 'Use')).toHaveAttribute('data-status', 'current');
  await expect(node(page, 'Use')).toHaveClass(/succeeded/);
  await expect(node(page, 'Remember')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('step-prev').click();
  await expect(node(page, 'Remember')).toHaveAttribute('data-status', 'current');
  await expect(node(page, 'Use')).toHaveAttribute('data-status', 'succeeded');
  // The inspector shows the variables before and after the visit.
  await page.getByTestId('step-select').selectOption('1');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.locator('.stage').filter({ hasText: 'Variables before' })).toContainText('"attempt": 1');
  await expect(inspector.locator('.stage').filter({ hasText: 'Variables after' })).toContainText('"attempt": 2');
});

test('the inspector shows $states for JSONata states', async ({ page }) => {
  await open(page);
  await page.getByTestId('example-select').selectOption('jsonata');
  await run(page);
  const inspector = page.getByTestId('inspector');
  await expect(page.getByTestId('step-name')).toHaveText('Summarize');
  const states = inspector.locator('.stage').filter({ hasText: '$states' });
  await expect(states).toContainText('"input"');
  await expect(states).toContainText('"context"');
  await expect(states).toContainText('"Name": "Summarize"');
  await expect(inspector.locator('.stage').filter({ hasText: 'Variables after' })).toContainText('"total": 13.5');
  // The graph's state inspector shows it too.
  await node(page, 'Report').click();
  await expect(page.getByTestId('state-inspector')).toContainText('$states (JSONata)');
});

test('graph nodes are reachable with the keyboard', async ({ page }) => {
  await open(page);
  await page.getByTestId('example-select').selectOption('choice');
  // Wait for the new machine's graph (laid out 200 ms after the change): focusing a node of
  // the old one would lose the focus when it is replaced.
  await expect(page.getByTestId('graph')).toHaveAttribute('data-pending', 'false');
  await run(page);
  const first = page.locator('[data-testid="graph"] [data-state]').first();
  await first.focus();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('role', 'button');
  await expect(first).toHaveAttribute('aria-label', /\(Choice\), succeeded$/);
  await page.keyboard.press('Enter');
  const name = await first.getAttribute('data-state');
  await expect(page.getByTestId('state-inspector')).toHaveAttribute('data-state', name);
  // Like a click, it selects the state in the editor (which takes the focus).
  const definition = page.getByTestId('definition-editor');
  await expect(definition).toBeFocused();
  const selected = await definition.evaluate((t) => t.value.substring(t.selectionStart, t.selectionEnd));
  expect(selected.startsWith(`"${name}": {`)).toBeTruthy();
  const second = page.locator('[data-testid="graph"] [data-state]').nth(1);
  await second.focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('state-inspector')).toHaveAttribute('data-state', await second.getAttribute('data-state'));
});

test('dragging the graph pans it; Fit brings it back', async ({ page }) => {
  await open(page);
  const graph = page.getByTestId('graph');
  const fitted = await graph.getAttribute('viewBox');
  const box = await graph.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height - 60, { steps: 4 });
  await page.mouse.up();
  const panned = await graph.getAttribute('viewBox');
  expect(panned).not.toBe(fitted);
  const [x0, y0] = fitted.split(' ').map(Number);
  const [x1, y1] = panned.split(' ').map(Number);
  expect(x1).toBeLessThan(x0);
  expect(y1).toBeGreaterThan(y0);
  await page.getByTestId('graph-fit').click();
  await expect(graph).toHaveAttribute('viewBox', fitted);
});

test('served from a sub-path the page works with no request leaving the host', async ({ browser }) => {
  // A second static server whose only content is dist/ under /some/sub/path/.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aslplay-subpath-'));
  fs.mkdirSync(path.join(root, 'some', 'sub'), { recursive: true });
  fs.symlinkSync(path.resolve('dist'), path.join(root, 'some', 'sub', 'path'));
  const port = Number(process.env.ASLPLAY_E2E_PORT || 8089) + 10;
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root],
    { stdio: 'ignore' });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await expect.poll(async () => {
      try { return (await fetch(`${origin}/some/sub/path/`)).status; } catch { return 0; }
    }).toBe(200);
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    context.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await open(page, `${origin}/some/sub/path/`);
    await page.getByTestId('example-select').selectOption('parallel');
    await run(page);
    await expect(page.getByTestId('status')).toHaveText('SUCCEEDED');
    const outside = requests.filter((u) => !u.startsWith(`${origin}/some/sub/path/`) && !u.startsWith('data:'));
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBeTruthy();
    await context.close();
  } finally {
    server.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

for (const [width, height] of [[1280, 720], [1024, 768]]) {
  test(`fits a ${width}×${height} window without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page);
    await page.getByTestId('example-select').selectOption('map');
    await run(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ['run-button', 'share-button', 'graph', 'status']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box.x + box.width, id).toBeLessThanOrEqual(width);
    }
  });
}

test('the dark theme follows the system setting', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  expect(luminance(background)).toBeLessThan(60);
  expect(luminance(text)).toBeGreaterThan(160);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(light)).toBeGreaterThan(200);
});

test('a tall machine opens readable at its top; the wheel pans, Ctrl+wheel zooms, Fit shows all', async ({ page }) => {
  await open(page);
  const states = {};
  for (let i = 0; i < 60; i++) states[`Step${i}`] = i < 59 ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Succeed' };
  await page.getByTestId('definition-editor').evaluate((el, value) => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, JSON.stringify({ StartAt: 'Step0', States: states }, null, 2));
  const graph = page.getByTestId('graph');
  await expect(graph.locator('[data-state]')).toHaveCount(60);
  const panel = await graph.boundingBox();
  const inside = async (name) => {
    const b = await node(page, name).boundingBox();
    return b.y >= panel.y && b.y + b.height <= panel.y + panel.height;
  };
  // Readable: a state box is drawn at least 70 px wide; the first states show, the last not.
  expect((await node(page, 'Step0').boundingBox()).width).toBeGreaterThan(70);
  expect(await inside('Step0')).toBeTruthy();
  expect(await inside('Step59')).toBeFalsy();
  // The wheel scrolls the graph, not the page.
  const before = await graph.getAttribute('viewBox');
  await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
  await page.mouse.wheel(0, 400);
  await expect(graph).not.toHaveAttribute('viewBox', before);
  const [, y0, w0] = before.split(' ').map(Number);
  const [, y1, w1] = (await graph.getAttribute('viewBox')).split(' ').map(Number);
  expect(y1).toBeGreaterThan(y0);
  expect(w1).toBe(w0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Ctrl + wheel zooms.
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  const [, , w2] = (await graph.getAttribute('viewBox')).split(' ').map(Number);
  expect(w2).toBeGreaterThan(w1);
  await page.getByTestId('graph-fit').click();
  await expect.poll(() => inside('Step59')).toBeTruthy();
  expect(await inside('Step0')).toBeTruthy();
});

test('another machine resets the view and drops a picked state that is gone', async ({ page }) => {
  await open(page);
  await page.getByTestId('example-select').selectOption('catch');
  const graph = page.getByTestId('graph');
  await expect(node(page, 'ChargeCard')).toHaveCount(1);
  const fitted = await graph.getAttribute('viewBox');
  await node(page, 'NotifyCustomer').click();
  await expect(page.getByTestId('state-inspector')).toHaveAttribute('data-state', 'NotifyCustomer');
  await page.getByTestId('graph-zoom-in').click();
  await page.getByTestId('graph-zoom-in').click();
  await expect(graph).not.toHaveAttribute('viewBox', fitted);
  await page.getByTestId('example-select').selectOption('parallel');
  await expect(node(page, 'LookUp')).toHaveCount(1);
  await expect(page.getByTestId('state-inspector')).toHaveCount(0);
  // The whole (small) Parallel machine is in view again.
  const panel = await graph.boundingBox();
  for (const name of ['LookUp', 'Profile', 'Orders']) {
    const b = await node(page, name).boundingBox();
    expect(b.y >= panel.y && b.y + b.height <= panel.y + panel.height, name).toBeTruthy();
  }
});
