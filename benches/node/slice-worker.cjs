// One engine on one workload, timed in slices on command: the worker half of `paired.cjs`.
// Forked with an IPC channel:
//
//   fork('slice-worker.cjs', [ENGINE, PKG_OR_PEER_DIR, WORKLOADS_DIR, NAME])
//
// ENGINE is `wasm` (PKG_DIR as for wasm.cjs: a machine created once, each run a
// StartSyncExecution with history and trace recording off) or `peer` (PEER_DIR as for
// peer.cjs: a StateMachine constructed once, each run `stateMachine.run(input).result`).
// It checks the first output against the expected one and replies {ready} or
// {unsupported: reason}; then each {slice: ms} message runs the workload for at least that
// long (at least one run; a synchronous engine in batches, so the clock costs nothing per
// run) and replies {runs, ms}.
'use strict';
const path = require('path');
const { loadWorkloads, wasmRunner, peerRunner } = require('./measure.cjs');

async function main() {
  const [engine, dir, workloads, name] = process.argv.slice(2);
  const [w] = loadWorkloads(workloads, `=${name}`);
  let e;
  try {
    e = engine === 'wasm'
      ? { run: wasmRunner(require(path.resolve(dir, 'aslplay_wasm.js')), w), isAsync: false }
      : { run: await peerRunner(require(path.resolve(dir, 'node_modules/aws-local-stepfunctions')), w), isAsync: true };
  } catch (err) {
    process.send({ unsupported: String(err && err.message ? err.message : err).slice(0, 300) });
    return;
  }
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  let batch = 1;
  process.on('message', async (msg) => {
    if (msg.exit) process.exit(0);
    const start = now();
    let runs = 0;
    do {
      if (e.isAsync) {
        await e.run();
        runs++;
      } else {
        const t0 = now();
        for (let i = 0; i < batch; i++) e.run();
        runs += batch;
        // Batches of ~1 ms: the clock and the loop cost nothing per run.
        const per = Math.max(now() - t0, 1e-3) / batch;
        batch = Math.max(1, Math.min(batch * 2, Math.round(1 / per)));
      }
    } while (now() - start < msg.slice);
    process.send({ runs, ms: now() - start });
  });
  process.send({ ready: true });
}

main().catch((err) => { console.error(err); process.exit(1); });
