// Shared by the Node benchmarks: workload loading, checking and timing.
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * Workloads of `benches/workloads.py` in `dir`, optionally only names containing `filter`
 * (or, when it starts with `=`, exactly the name after it).
 */
function loadWorkloads(dir, filter) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const read = (name, kind) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.${kind}.json`), 'utf8'));
  return Object.entries(manifest)
    .filter(([name]) => !filter || (filter.startsWith('=') ? name === filter.slice(1) : name.includes(filter)))
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
 * Times `runOnce`, in its steady state: warm-up runs until `warmupMs` have passed (V8 tiers hot
 * wasm and JS functions up to optimised code in the background; a fixed, small number of
 * warm-up runs left fast workloads measured half-optimised), then samples until `budgetMs`
 * have passed (at least `minRuns` samples). A synchronous `runOnce` (aslplay) is timed in
 * batches of ~2 ms, so the clock and the loop cost nothing per run; an asynchronous one (the
 * peer's API returns a promise, which is part of its cost) run by run. Returns the median
 * milliseconds per run and the number of runs timed.
 */
async function time(runOnce, { budgetMs = 2000, minRuns = 3, warmupMs = 300 } = {}) {
  const now = () => process.hrtime.bigint();
  const ms = (since) => Number(process.hrtime.bigint() - since) / 1e6;
  const first = runOnce();
  const isAsync = first !== null && typeof first === 'object' && typeof first.then === 'function';
  if (isAsync) await first;
  const warmStart = now();
  let warmRuns = 1;
  while (ms(warmStart) < warmupMs) {
    if (isAsync) await runOnce(); else runOnce();
    warmRuns++;
  }
  const perRunMs = Math.max(ms(warmStart), 1e-3) / warmRuns;
  const batch = isAsync ? 1 : Math.max(1, Math.round(2 / perRunMs));
  const samples = [];
  const start = now();
  while (samples.length < minRuns || ms(start) < budgetMs) {
    const t0 = now();
    if (isAsync) {
      await runOnce();
    } else {
      for (let i = 0; i < batch; i++) runOnce();
    }
    samples.push(ms(t0) / batch);
  }
  samples.sort((x, y) => x - y);
  return { medianMs: samples[Math.floor(samples.length / 2)], runs: samples.length * batch };
}

/**
 * Runs workload `w` on `aslplay` (the loaded wasm package) as the benchmarks do: the machine
 * created once, each run a StartSyncExecution through the public JS API with history and
 * trace recording off. Checks the first output against the expected one; returns the run.
 */
function wasmRunner(aslplay, w) {
  const sfn = new aslplay.StepFunctions();
  const { stateMachineArn } = sfn.createStateMachine({
    name: w.name.replace(/[^A-Za-z0-9_-]/g, '_'),
    definition: JSON.stringify(w.definition),
    roleArn: 'arn:aws:iam::123456789012:role/bench',
    type: 'EXPRESS',
  });
  const input = JSON.stringify(w.input);
  const options = { recordHistory: false, recordTrace: false };
  const run = () => sfn.startSyncExecution({ stateMachineArn, input }, options);
  const first = run();
  if (first.status !== 'SUCCEEDED' || !jsonEqual(JSON.parse(first.output), w.expected)) {
    throw new Error(`${w.name}: unexpected result ${JSON.stringify(first).slice(0, 500)}`);
  }
  return run;
}

/**
 * Runs workload `w` on aws-local-stepfunctions (`peer`, the loaded package): the StateMachine
 * constructed once, each run `stateMachine.run(input).result` (a promise). Throws when the
 * peer rejects the workload or its first output differs from the expected one.
 */
async function peerRunner(peer, w) {
  const sm = new peer.StateMachine(w.definition);
  const run = () => sm.run(w.input).result;
  const out = await run();
  if (!jsonEqual(out, w.expected)) throw new Error(`wrong output ${JSON.stringify(out).slice(0, 200)}`);
  return run;
}

module.exports = { loadWorkloads, jsonEqual, time, wasmRunner, peerRunner };
