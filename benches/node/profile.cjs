// Where the wasm module spends its time on one workload: V8's sampling CPU profiler (through
// the inspector) while the workload runs for SECONDS, then self and inclusive time per function.
//
//   node benches/node/profile.cjs PKG_DIR WORKLOADS_DIR NAME [SECONDS] [TOP] [FOCUS]
//
// PKG_DIR: `wasm-bindgen --target nodejs` output of crates/wasm, optimised with
// `wasm-opt -O3 -g` so that the functions keep their names (docs/performance.md, "How to
// reproduce"). Each run is a StartSyncExecution with history and trace recording off, as in
// `wasm.cjs`. Inclusive time counts a function once per sample even when it recurses. With
// FOCUS (a substring of a function name), also the callers of the matching functions, with
// their share of the samples spent in them.
'use strict';
const fs = require('fs');
const path = require('path');
const inspector = require('inspector');

const [pkgDir, dir, name, seconds = '4', top = '40', focus] = process.argv.slice(2);
const read = (kind) => fs.readFileSync(path.join(dir, `${name}.${kind}.json`), 'utf8');
const aslplay = require(path.resolve(pkgDir, 'aslplay_wasm.js'));
const sfn = new aslplay.StepFunctions();
const { stateMachineArn } = sfn.createStateMachine({
  name: 'M', definition: read('asl'), roleArn: 'arn:aws:iam::123456789012:role/bench', type: 'EXPRESS',
});
const input = JSON.stringify(JSON.parse(read('input')));
const options = { recordHistory: false, recordTrace: false };
const run = () => sfn.startSyncExecution({ stateMachineArn, input }, options);

const session = new inspector.Session();
session.connect();
const post = (method, params) => new Promise((resolve, reject) =>
  session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

async function main() {
  const warm = Date.now();
  while (Date.now() - warm < 1000) run(); // tier up first
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const start = Date.now();
  let runs = 0;
  while (Date.now() - start < Number(seconds) * 1000) { run(); runs++; }
  const { profile } = await post('Profiler.stop');
  summarize(profile, runs);
}

function summarize(profile, runs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const label = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  const self = new Map();
  const inclusive = new Map();
  const callers = new Map();
  const total = profile.samples.length;
  for (const id of profile.samples) {
    if (focus) {
      const blamed = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const up = parent.get(cur);
        if (label(byId.get(cur)).includes(focus) && up !== undefined) {
          const l = label(byId.get(up));
          if (!l.includes(focus) && !blamed.has(l)) { blamed.add(l); callers.set(l, (callers.get(l) || 0) + 1); }
        }
      }
    }
    const leaf = byId.get(id);
    self.set(label(leaf), (self.get(label(leaf)) || 0) + 1);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (!seen.has(l)) { seen.add(l); inclusive.set(l, (inclusive.get(l) || 0) + 1); }
    }
  }
  const pct = (x) => `${((100 * x) / total).toFixed(1).padStart(5)} %`;
  const show = (title, m) => {
    console.log(`\n${title}`);
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(top))
      .forEach(([l, x]) => console.log(`${pct(x)}  ${l.slice(0, 150)}`));
  };
  console.log(`${name}: ${runs} runs, ${total} samples`);
  show('self', self);
  show('inclusive', inclusive);
  if (focus) show(`callers of ${focus}`, callers);
}

main().catch((e) => { console.error(e); process.exit(1); });
