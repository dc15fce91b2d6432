// CPU time per StartSyncExecution of the wasm module under Node, for A/B comparisons of builds
// on a busy machine (CPU time is steadier than the wall clock there).
//
//   node benches/node/wasm-cpu.cjs PKG_DIR WORKLOADS_DIR [NAME,NAME,...]
//
// PKG_DIR: `wasm-bindgen --target nodejs` output of crates/wasm (optionally `wasm-opt -O3`);
// WORKLOADS_DIR: `python3 benches/workloads.py DIR`. NAME is a workload or `trivial` (a
// one-state Pass machine with input `{}`: the cost of the JS boundary). Each workload runs a
// warm-up batch, then 5 batches through `StepFunctions.startSyncExecution` with history and
// trace recording off; prints JSON {name: median over the batches of CPU µs per run}.
// Compare builds by running it for each build in turn, several rounds interleaved.
'use strict';
const fs = require('fs');
const path = require('path');

const [pkgDir, dir, names] = process.argv.slice(2);
const aslplay = require(path.resolve(pkgDir, 'aslplay_wasm.js'));
const PASS = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}';
const RUNS = { trivial: 20000, 'parallel-wide': 4000, dataflow: 600, 'map-100': 1000, 'map-1000': 100, 'map-10000': 10 };
const read = (name, kind) => fs.readFileSync(path.join(dir, `${name}.${kind}.json`), 'utf8');

const out = {};
for (const name of (names || 'trivial,parallel-wide,map-1000,dataflow').split(',')) {
  const sfn = new aslplay.StepFunctions();
  const trivial = name === 'trivial';
  const { stateMachineArn } = sfn.createStateMachine({
    name: 'M',
    definition: trivial ? PASS : read(name, 'asl'),
    roleArn: 'arn:aws:iam::123456789012:role/bench',
    type: 'EXPRESS',
  });
  const input = trivial ? '{}' : JSON.stringify(JSON.parse(read(name, 'input')));
  const options = { recordHistory: false, recordTrace: false };
  const n = RUNS[name] || 100;
  const batch = () => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) sfn.startSyncExecution({ stateMachineArn, input }, options);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  batch();
  const samples = [0, 1, 2, 3, 4].map(batch).sort((a, b) => a - b);
  out[name] = Number(samples[2].toFixed(2));
}
process.stdout.write(JSON.stringify(out) + '\n');
