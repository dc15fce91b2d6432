// aslplay (wasm) against aws-local-stepfunctions, measured in pairs: for each workload the
// peer supports, ROUNDS rounds that time both engines back to back, each in a fresh Node
// process (`peer.cjs` and `wasm.cjs` with an exact-name filter; which goes first alternates),
// and the ratio of their medians per round. On a shared machine the speed of the whole VM
// drifts by tens of percent over minutes; timing both engines within the same few seconds
// makes their ratio much steadier than dividing results taken minutes apart. (One process
// for both is not fair: the peer measured 5-50 % slower next to the wasm module.)
//
//   node benches/node/paired.cjs PKG_DIR PEER_DIR WORKLOADS_DIR [FILTER] > paired.json
//
// PKG_DIR as for wasm.cjs, PEER_DIR as for peer.cjs (scripts/bench prepares both). Prints JSON
// {workload: {ratio (median over rounds of peer ms ÷ aslplay ms), ratios, peerMs, wasmMs}}.
'use strict';
const path = require('path');
const { execFileSync } = require('child_process');
const { loadWorkloads } = require('./measure.cjs');

const ROUNDS = Number(process.env.ASLPLAY_PAIRED_ROUNDS || 3);

function measure(script, dir, workloads, name) {
  const out = execFileSync(process.execPath, [path.join(__dirname, script), dir, workloads, `=${name}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 });
  return JSON.parse(out)[name];
}

function main() {
  const [pkgDir, peerDir, dir, filter] = process.argv.slice(2);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = {};
  for (const w of loadWorkloads(dir, filter)) {
    const peerMs = [], wasmMs = [], ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const timePeer = () => measure('peer.cjs', peerDir, dir, w.name);
      const timeOurs = () => measure('wasm.cjs', pkgDir, dir, w.name);
      let p, a;
      if (round % 2 === 0) { p = timePeer(); a = timeOurs(); } else { a = timeOurs(); p = timePeer(); }
      if (!p || p.unsupported) break; // peer.cjs says why
      peerMs.push(p.medianMs);
      wasmMs.push(a.medianMs);
      ratios.push(p.medianMs / a.medianMs);
    }
    if (!ratios.length) continue;
    results[w.name] = { ratio: median(ratios), ratios, peerMs, wasmMs, transitions: w.transitions };
    process.stderr.write(`paired ${w.name}: ${ratios.map((r) => r.toFixed(0) + 'x').join(' ')}\n`);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main();
