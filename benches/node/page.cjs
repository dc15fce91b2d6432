// The playground page (issue 8): download size, time to interactive and the ?bench page.
//
//   node benches/node/page.cjs DIST_DIR > page.json
//
// DIST_DIR is `trunk build --release` output. Sizes are gzip -9 of each file (what a server
// with compression sends): the page load (index.html, JS, CSS, page wasm) and the execution
// worker (fetched on the first edit or Run). Time to interactive: a fresh headless Chromium context
// loads the page from a loopback server; it is interactive when the Run button is enabled,
// measured from navigation start (performance.now() in the page), median of 7 loads.
// `?bench` runs every gallery example through the worker and reports its median ms per round trip.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('@playwright/test');

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
};

function sizes(dist) {
  const files = fs.readdirSync(dist).filter((f) => TYPES[path.extname(f)]);
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  const raw = (f) => fs.statSync(path.join(dist, f)).size;
  const worker = files.filter((f) => f.startsWith('aslplay-worker'));
  const page = files.filter((f) => !worker.includes(f));
  const sum = (list, fn) => list.reduce((n, f) => n + fn(f), 0);
  return {
    pageGzipBytes: sum(page, gz), pageRawBytes: sum(page, raw),
    workerGzipBytes: sum(worker, gz), workerRawBytes: sum(worker, raw),
    files: Object.fromEntries(files.map((f) => [f, { raw: raw(f), gzip: gz(f) }])),
  };
}

function serve(dist) {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dist, path.basename(name));
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dist = process.argv[2] || 'dist';
  const result = { sizes: sizes(dist) };
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const loads = [];
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(base, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const b = document.querySelector('[data-testid="run-button"]');
        return b && !b.disabled;
      }, null, { polling: 'raf', timeout: 30000 });
      loads.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    result.interactiveMs = { median: median(loads), all: loads };

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}?bench`);
    await page.waitForFunction(() => Array.isArray(window.aslplayBench), null, { timeout: 120000 });
    result.examples = await page.evaluate(() => window.aslplayBench);
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  const s = result.sizes;
  process.stderr.write(`page ${(s.pageGzipBytes / 1024).toFixed(1)} KiB gzipped (+ worker ${(s.workerGzipBytes / 1024).toFixed(1)} KiB), `
    + `interactive ${result.interactiveMs.median.toFixed(0)} ms; slowest example `
    + `${Math.max(...result.examples.map((e) => e.median_ms)).toFixed(3)} ms\n`);
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
