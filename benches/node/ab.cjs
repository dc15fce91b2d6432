// A/B of wasm builds in one Node process: every package runs the same workload in turn,
// ROUNDS times, and the wall-clock median and minimum per run are printed per package.
// Interleaving in one process keeps the machine's drift out of the comparison (separate
// processes minutes apart differ by more than most changes do).
//
//   node benches/node/ab.cjs WORKLOADS_DIR NAME RUNS PKG_DIR [PKG_DIR ...]
//
// PKG_DIR: `wasm-bindgen --target nodejs` output of crates/wasm, `wasm-opt -O3`-ed as
// scripts/bench builds it. NAME: a workload of `benches/workloads.py`; RUNS per round
// (after 100 warm-up runs per round). Each run is a StartSyncExecution with history and
// trace recording off, as in `wasm.cjs`.
'use strict';
const fs = require('fs');
const path = require('path');

const ROUNDS = Number(process.env.ASLPLAY_AB_ROUNDS || 12);
const [dir, name, runs, ...pkgs] = process.argv.slice(2);
const read = (kind) => fs.readFileSync(path.join(dir, `${name}.${kind}.json`), 'utf8');
const input = JSON.stringify(JSON.parse(read('input')));
const options = { recordHistory: false, recordTrace: false };
const builds = pkgs.map((pkg) => {
  const aslplay = require(path.resolve(pkg, 'aslplay_wasm.js'));
  const sfn = new aslplay.StepFunctions();
  const { stateMachineArn } = sfn.createStateMachine({
    name: 'M', definition: read('asl'), roleArn: 'arn:aws:iam::123456789012:role/bench', type: 'EXPRESS',
  });
  const run = () => sfn.startSyncExecution({ stateMachineArn, input }, options);
  const first = run();
  if (first.status !== 'SUCCEEDED') throw new Error(`${pkg}: ${first.status} ${first.error} ${first.cause}`);
  return { pkg, run, us: [] };
});
for (let round = 0; round < ROUNDS; round++) {
  for (const b of builds) {
    for (let i = 0; i < 100; i++) b.run();
    const start = process.hrtime.bigint();
    for (let i = 0; i < Number(runs); i++) b.run();
    b.us.push(Number(process.hrtime.bigint() - start) / Number(runs) / 1000);
  }
}
for (const b of builds) {
  const us = [...b.us].sort((x, y) => x - y);
  console.log(`${b.pkg}: median ${us[Math.floor(us.length / 2)].toFixed(1)} µs, min ${us[0].toFixed(1)} µs per run`);
}
