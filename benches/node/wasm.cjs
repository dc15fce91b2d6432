// aslplay in WebAssembly under Node: transitions per second of every workload.
//
//   node benches/node/wasm.cjs PKG_DIR WORKLOADS_DIR [FILTER] > results.json
//
// PKG_DIR holds `wasm-bindgen --target nodejs` output of crates/wasm, optimized by
// `wasm-opt -O3` (scripts/bench builds it).
// The machine is created once (compiled once, as the playground does) and each run is a
// StartSyncExecution through the public JS API with history and trace recording off. The
// output of the first run must equal the expected output. Prints JSON {workload: result}.
'use strict';
const path = require('path');
const { loadWorkloads, time, wasmRunner } = require('./measure.cjs');

async function main() {
  const [pkgDir, dir, filter] = process.argv.slice(2);
  // The nodejs glue keeps its instance private; catch it on creation to read the memory size.
  const Instance = WebAssembly.Instance;
  let instance = null;
  WebAssembly.Instance = function (module, imports) {
    instance = new Instance(module, imports);
    return instance;
  };
  const aslplay = require(path.resolve(pkgDir, 'aslplay_wasm.js'));
  WebAssembly.Instance = Instance;
  const results = {};
  for (const w of loadWorkloads(dir, filter)) {
    const runOnce = wasmRunner(aslplay, w);
    const t = await time(runOnce);
    const memory = instance && instance.exports.memory ? instance.exports.memory.buffer.byteLength : null;
    results[w.name] = {
      ...t, transitions: w.transitions, tps: w.transitions / (t.medianMs / 1000),
      // Linear memory never shrinks: its size is the peak heap of this process so far.
      wasmMemoryBytes: memory,
    };
    process.stderr.write(`wasm ${w.name}: ${t.medianMs.toFixed(3)} ms, ${(results[w.name].tps / 1e6).toFixed(2)} M transitions/s\n`);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
