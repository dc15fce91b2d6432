// Regenerate crates/jsonata/tests/js-parity.jsonl: jsonata-js 2.0.6's answers for every suite
// expression against five inputs (see tests/js_parity.rs).
const jsonata = require('jsonata');
const fs = require('fs'), path = require('path');
const root = process.argv[2], outPath = process.argv[3];
const ds = n => JSON.parse(fs.readFileSync(path.join(root,'datasets',n+'.json'),'utf8'));
const alt = [undefined, ds('dataset5'), ds('dataset0'), [1,"a",{"b":[2,3]},null,true], {"a":{"b":[{"c":1},{"c":2}]},"x":"y"}];
const out = fs.createWriteStream(outPath);
const seen = new Set();
(async () => {
  for (const g of fs.readdirSync(path.join(root,'groups')).sort()) {
    if (g === 'function-eval') continue;
    for (const f of fs.readdirSync(path.join(root,'groups',g)).sort()) {
      if (!f.endsWith('.json')) continue;
      let cases; try { cases = JSON.parse(fs.readFileSync(path.join(root,'groups',g,f),'utf8')); } catch(e) { continue; }
      if (!Array.isArray(cases)) cases = [cases];
      for (const tc of cases) {
        if (tc.timelimit || tc.depth) continue;
        let expr = tc.expr; if (expr === undefined) expr = fs.readFileSync(path.join(root,'groups',g,tc['expr-file']),'utf8');
        if (/\$random|\$now|\$millis|\$shuffle|\[1\.\.|1e7|10000000/.test(expr)) continue;
        const bindings = tc.bindings || {};
        for (let ai = 0; ai < alt.length; ai++) {
          const key = expr + '\u0000' + ai + JSON.stringify(bindings);
          if (seen.has(key)) continue; seen.add(key);
          const input = alt[ai];
          let rec = {e: expr, i: ai};
          if (Object.keys(bindings).length) rec.b = bindings;
          try {
            const x = jsonata(expr);
            let timer = Date.now();
            x.assign(Symbol.for('jsonata.__evaluate_entry'), () => { if (Date.now() - timer > 500) throw {code:'TIMEOUT'}; });
            const r = await x.evaluate(input === undefined ? undefined : JSON.parse(JSON.stringify(input)), bindings);
            if (r === undefined) rec.u = 1; else rec.r = JSON.parse(JSON.stringify(r, (k,v) => typeof v === 'function' ? '' : v));
          } catch (err) {
            if (!err.code || err.code === 'TIMEOUT') continue;
            rec.err = [err.code, err.position === undefined ? null : err.position, err.message];
          }
          const line = JSON.stringify(rec);
          if (line.length > 3000 || /\\ud[89a-f]/i.test(line)) continue;
          out.write(line + '\n');
        }
      }
    }
  }
  out.end();
})();
