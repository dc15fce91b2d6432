// aws-local-stepfunctions under Node: transitions per second of every workload it runs.
//
//   node benches/node/peer.cjs PEER_DIR WORKLOADS_DIR [FILTER] > results.json
//
// PEER_DIR is a directory where `npm install aws-local-stepfunctions` was run (scripts/bench
// and benches/compare do it on demand, in target/bench/peer). The StateMachine is constructed
// once; each run is `stateMachine.run(input).result`. A workload it rejects, or whose output
// differs from the expected output, is reported as {unsupported: reason} and not timed.
'use strict';
const path = require('path');
const { loadWorkloads, time, peerRunner } = require('./measure.cjs');

async function main() {
  const [peerDir, dir, filter] = process.argv.slice(2);
  const peer = require(path.resolve(peerDir, 'node_modules/aws-local-stepfunctions'));
  const version = require(path.resolve(peerDir, 'node_modules/aws-local-stepfunctions/package.json')).version;
  const results = { _peer: { name: 'aws-local-stepfunctions', version } };
  for (const w of loadWorkloads(dir, filter)) {
    let runOnce;
    try {
      runOnce = await peerRunner(peer, w);
    } catch (e) {
      results[w.name] = { unsupported: String(e && e.message ? e.message : e).slice(0, 300) };
      process.stderr.write(`peer ${w.name}: unsupported (${results[w.name].unsupported})\n`);
      continue;
    }
    const t = await time(runOnce, { budgetMs: 3000, minRuns: 2 });
    results[w.name] = { ...t, transitions: w.transitions, tps: w.transitions / (t.medianMs / 1000) };
    process.stderr.write(`peer ${w.name}: ${t.medianMs.toFixed(3)} ms, ${(results[w.name].tps / 1e3).toFixed(1)} k transitions/s\n`);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
