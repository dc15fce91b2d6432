// aslplay (wasm) against aws-local-stepfunctions, measured in pairs of short slices: for each
// workload the peer supports, one worker process per engine (`slice-worker.cjs`, each a fresh
// Node process, as `wasm.cjs` and `peer.cjs` measure), and the coordinator has them run in
// turn, SLICE ms each (which goes first alternates), for PAIRS pairs. The ratio of each pair
// (peer ms per run ÷ aslplay ms per run) compares the two engines within the same ~0.3 s; the
// result is the median over the pairs, with the quartiles.
//
// Why slices: on this shared VM the speed of memory-heavy code (both engines; a pure ALU loop
// much less) switches between modes up to 2x apart every few seconds. Timing each engine for
// seconds in turn (the first version of this script) let a pair straddle a switch, and single
// rounds of the same build ranged 38-59x. (One process for both engines is not fair either:
// the peer measured 5-50 % slower next to the wasm module.)
//
//   node benches/node/paired.cjs PKG_DIR PEER_DIR WORKLOADS_DIR [FILTER] > paired.json
//
// PKG_DIR as for wasm.cjs, PEER_DIR as for peer.cjs (scripts/bench prepares both).
// Environment: ASLPLAY_PAIRED_PAIRS (default 24), ASLPLAY_PAIRED_SLICE_MS (default 150); a
// workload whose peer runs are slow stops after ASLPLAY_PAIRED_BUDGET_MS (default 20000) of
// pairs, with at least 5 pairs. Prints JSON {workload: {ratio, q1, q3, ratios, peerMs,
// wasmMs, pairs, sliceMs, transitions}}.
'use strict';
const path = require('path');
const { fork } = require('child_process');
const { loadWorkloads } = require('./measure.cjs');

const PAIRS = Number(process.env.ASLPLAY_PAIRED_PAIRS || 24);
const SLICE_MS = Number(process.env.ASLPLAY_PAIRED_SLICE_MS || 150);
const BUDGET_MS = Number(process.env.ASLPLAY_PAIRED_BUDGET_MS || 20000);
const MIN_PAIRS = 5;

/** A forked slice worker, with a promise per reply. */
function worker(engine, dir, workloads, name) {
  const child = fork(path.join(__dirname, 'slice-worker.cjs'), [engine, dir, workloads, name],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let waiting = null;
  child.on('message', (msg) => { const w = waiting; waiting = null; if (w) w.resolve(msg); });
  child.on('exit', (code) => { if (waiting) waiting.reject(new Error(`${engine} worker exited (${code})`)); });
  const reply = () => new Promise((resolve, reject) => { waiting = { resolve, reject }; });
  const ready = reply();
  return {
    ready,
    slice: (ms) => { const r = reply(); child.send({ slice: ms }); return r.then((m) => m.ms / m.runs); },
    // A worker that found the workload unsupported exits by itself: its channel may be
    // closed already (an error passed to the callback instead of thrown).
    close: () => { if (child.connected) child.send({ exit: true }, () => {}); },
  };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};

async function pairUp(w, pkgDir, peerDir, dir) {
  const peer = worker('peer', peerDir, dir, w.name);
  const ours = worker('wasm', pkgDir, dir, w.name);
  try {
    const [p, a] = await Promise.all([peer.ready, ours.ready]);
    if (p.unsupported || a.unsupported) {
      process.stderr.write(`paired ${w.name}: skipped (${p.unsupported ? 'peer' : 'aslplay'}: ${p.unsupported || a.unsupported})\n`);
      return null;
    }
    // Warm-up, alternating, discarded: V8 tiers both engines up in the background.
    for (let i = 0; i < 4; i++) { await peer.slice(250); await ours.slice(250); }
    const peerMs = [], wasmMs = [], ratios = [];
    const start = Date.now();
    for (let i = 0; i < PAIRS && (i < MIN_PAIRS || Date.now() - start < BUDGET_MS); i++) {
      let pm, am;
      if (i % 2 === 0) { pm = await peer.slice(SLICE_MS); am = await ours.slice(SLICE_MS); }
      else { am = await ours.slice(SLICE_MS); pm = await peer.slice(SLICE_MS); }
      peerMs.push(pm); wasmMs.push(am); ratios.push(pm / am);
    }
    return {
      ratio: quantile(ratios, 0.5), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75),
      ratios, peerMs, wasmMs, pairs: ratios.length, sliceMs: SLICE_MS, transitions: w.transitions,
    };
  } finally {
    peer.close();
    ours.close();
  }
}

async function main() {
  const [pkgDir, peerDir, dir, filter] = process.argv.slice(2);
  const results = {};
  for (const w of loadWorkloads(dir, filter)) {
    const r = await pairUp(w, pkgDir, peerDir, dir);
    if (!r) continue;
    results[w.name] = r;
    process.stderr.write(`paired ${w.name}: ${r.ratio.toFixed(0)}x (quartiles ${r.q1.toFixed(0)}-${r.q3.toFixed(0)}, ` +
      `range ${Math.min(...r.ratios).toFixed(0)}-${Math.max(...r.ratios).toFixed(0)}, ${r.pairs} pairs)\n`);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
