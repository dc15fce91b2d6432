// Shared by the Node benchmarks: workload loading, checking and timing.
'use strict';
const fs = require('fs');
const path = require('path');

/** Workloads of `benches/workloads.py` in `dir`, optionally only names matching `filter`. */
function loadWorkloads(dir, filter) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const read = (name, kind) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.${kind}.json`), 'utf8'));
  return Object.entries(manifest)
    .filter(([name]) => !filter || name.includes(filter))
    .map(([name, meta]) => ({
      name,
      transitions: meta.transitions,
      definition: read(name, 'asl'),
      input: read(name, 'input'),
      expected: read(name, 'expected'),
    }));
}

/** Deep equality of JSON values (object key order ignored). */
function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/**
 * Times `runOnce` (sync or async): warm-up runs until `warmupMs` have passed (at least one, at
 * most `warmupRuns`), so that both engines are measured in their steady state (V8 tiers hot
 * wasm and JS functions up to optimised code in the background; a single warm-up run left the
 * first workload partly unoptimised), then runs until `budgetMs` have passed (at least
 * `minRuns`). Returns the median milliseconds per run and the run count.
 */
async function time(runOnce, { budgetMs = 2000, minRuns = 3, maxRuns = 1000, warmupMs = 300, warmupRuns = 200 } = {}) {
  const warmStart = process.hrtime.bigint();
  for (let n = 0; n < warmupRuns; n++) {
    await runOnce();
    if (Number(process.hrtime.bigint() - warmStart) / 1e6 >= warmupMs) break;
  }
  const samples = [];
  const start = process.hrtime.bigint();
  while (samples.length < minRuns ||
         (samples.length < maxRuns && Number(process.hrtime.bigint() - start) / 1e6 < budgetMs)) {
    const t0 = process.hrtime.bigint();
    await runOnce();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((x, y) => x - y);
  return { medianMs: samples[Math.floor(samples.length / 2)], runs: samples.length };
}

module.exports = { loadWorkloads, jsonEqual, time };
