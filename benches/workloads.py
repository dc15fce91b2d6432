#!/usr/bin/env python3
"""Generate aslplay's benchmark workloads (issue 8) as JSON files.

    python3 benches/workloads.py [OUT_DIR]      default OUT_DIR: target/bench/workloads

For every workload W it writes W.asl.json (definition), W.input.json, W.expected.json (the
output computed here in plain Python, independently of any interpreter) and manifest.json
({W: {"transitions": states entered per execution, "note": ...}}). Deterministic, stdlib only.

Workloads: loop-N (Pass with States.MathAdd + Choice back), map-N (inline Map, 3 Pass per item
with Parameters/ResultPath/intrinsics, ResultSelector), parallel-wide (10 branches x 10 Pass),
dataflow (50 Pass with InputPath/Parameters/intrinsics/ResultPath/OutputPath on ~10 KB) and
jsonata-N (loop-N in JSONata). Every input and output stays under AWS's 256 KiB payload quota.
"""
import json
import os
import sys

WORKLOADS = {}


def compact(obj):
    """AWS States.JsonToString: compact JSON, key order kept."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def add(name, definition, inp, expected, transitions, note):
    WORKLOADS[name] = dict(definition=definition, input=inp, expected=expected,
                           transitions=transitions, note=note)


def loop(n):
    d = {"Comment": f"counter loop, {n} iterations", "StartAt": "Increment", "States": {
        "Increment": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
        "Check": {"Type": "Choice",
                  "Choices": [{"Variable": "$.i", "NumericLessThan": n, "Next": "Increment"}],
                  "Default": "Done"},
        "Done": {"Type": "Succeed"}}}
    add(f"loop-{n}", d, {"i": 0}, {"i": n}, 2 * n + 1, "Pass(MathAdd) -> Choice loop, then Succeed")


def jsonata_loop(n):
    d = {"Comment": f"counter loop, {n} iterations, JSONata", "QueryLanguage": "JSONata",
         "StartAt": "Increment", "States": {
             "Increment": {"Type": "Pass", "Output": {"i": "{% $states.input.i + 1 %}"}, "Next": "Check"},
             "Check": {"Type": "Choice",
                       "Choices": [{"Condition": f"{{% $states.input.i < {n} %}}", "Next": "Increment"}],
                       "Default": "Done"},
             "Done": {"Type": "Succeed"}}}
    add(f"jsonata-{n}", d, {"i": 0}, {"i": n}, 2 * n + 1, "loop-N in JSONata (Output + Condition)")


def map_n(n):
    items = [{"id": k, "v": (k * 37) % 1000} for k in range(n)]
    processor = {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Normalize", "States": {
        "Normalize": {"Type": "Pass", "Parameters": {"id.$": "$.id", "v.$": "$.v"},
                      "ResultPath": "$.norm", "Next": "Compute"},
        "Compute": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.norm.v, 10)",
                                                   "label.$": "States.Format('item-{}', $.norm.id)"},
                    "ResultPath": "$.calc", "Next": "Shape"},
        "Shape": {"Type": "Pass", "Parameters": {"k.$": "$.norm.id", "s.$": "$.calc.sum"}, "End": True}}}
    d = {"Comment": f"inline Map over {n} items", "StartAt": "MapItems", "States": {
        "MapItems": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": processor,
                     "ResultSelector": {"results.$": "$", "count.$": "States.ArrayLength($)"},
                     "End": True}}}
    results = [{"k": it["id"], "s": it["v"] + 10} for it in items]
    add(f"map-{n}", d, {"items": items}, {"results": results, "count": n}, 1 + 3 * n,
        "inline Map, 3 Pass per item (Parameters/ResultPath/intrinsics), ResultSelector")


def parallel_wide(branches=10, depth=10):
    br = []
    for b in range(branches):
        states = {}
        for j in range(depth):
            s = {"Type": "Pass",
                 "Parameters": {"branch": b, "step": j + 1, "acc.$": "States.MathAdd($.acc, 1)"}}
            if j + 1 < depth:
                s["Next"] = f"B{b}S{j + 1}"
            else:
                s["End"] = True
            states[f"B{b}S{j}"] = s
        br.append({"StartAt": f"B{b}S0", "States": states})
    d = {"Comment": "Parallel, 10 branches x 10 Pass", "StartAt": "Fan",
         "States": {"Fan": {"Type": "Parallel", "Branches": br, "End": True}}}
    expected = [{"branch": b, "step": depth, "acc": depth} for b in range(branches)]
    add("parallel-wide", d, {"acc": 0}, expected, 1 + branches * depth,
        "Parallel, 10 branches of 10 Pass(MathAdd)")


def dataflow(steps=50, nrec=62):
    records = [{"id": f"r-{k:03d}", "name": f"Record number {k}", "score": (k * 7) % 100,
                "tags": ["alpha", "beta", "gamma"], "attrs": {"a": k, "b": "b" * 40, "c": k % 2 == 0}}
               for k in range(nrec)]
    doc = {"meta": {"name": "bench", "version": 3, "owner": {"id": "u-1", "email": "owner@example.com"}},
           "records": records}
    inp = {"work": {"doc": doc, "state": {"step": 0, "tag": "s0", "blob": "{\"id\":\"seed\",\"score\":0}",
                                          "parsed": {"id": "seed", "score": 0}}},
           "junk": {"dropped": "by OutputPath"}}
    states = {}
    raw = json.loads(json.dumps(inp))
    for k in range(1, steps + 1):
        rec = k % nrec
        s = {"Type": "Pass", "InputPath": "$.work", "Parameters": {"work": {"doc.$": "$.doc", "state": {
            "step": k,
            "prevTag.$": "$.state.tag",
            "tag.$": "States.Format('s{}-{}-{}', $.state.step, $.doc.meta.name, $.state.parsed.id)",
            "pair.$": "States.Array($.state.step, $.doc.meta.version, $.state.tag)",
            "blob.$": f"States.JsonToString($.doc.records[{rec}])",
            "parsed.$": "States.StringToJson($.state.blob)",
            "owner.$": "$.doc.meta.owner.email",
            "score.$": "$.state.parsed.score",
            "rec.$": f"$.doc.records[{rec}]"}}},
            "ResultPath": "$.next", "OutputPath": "$.next"}
        if k < steps:
            s["Next"] = f"D{k + 1}"
        else:
            s["End"] = True
        states[f"D{k}"] = s
        # InputPath $.work; Parameters -> result; ResultPath $.next; OutputPath $.next => result
        w = raw["work"]
        st = w["state"]
        raw = json.loads(json.dumps({"work": {"doc": w["doc"], "state": {
            "step": k, "prevTag": st["tag"],
            "tag": f"s{st['step']}-{w['doc']['meta']['name']}-{st['parsed']['id']}",
            "pair": [st["step"], w["doc"]["meta"]["version"], st["tag"]],
            "blob": compact(w["doc"]["records"][rec]), "parsed": json.loads(st["blob"]),
            "owner": w["doc"]["meta"]["owner"]["email"], "score": st["parsed"]["score"],
            "rec": w["doc"]["records"][rec]}}}))
    d = {"Comment": "dataflow: 50 Pass with InputPath/Parameters/intrinsics/ResultPath/OutputPath",
         "StartAt": "D1", "States": states}
    add("dataflow", d, inp, raw, steps, f"50 Pass, InputPath/Parameters/intrinsics/ResultPath/OutputPath, "
        f"input {len(compact(inp))} B")


for _n in (1000, 10000, 100000):
    loop(_n)
for _n in (100, 1000, 10000):
    map_n(_n)
parallel_wide()
dataflow()
for _n in (1000, 10000, 100000):
    jsonata_loop(_n)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "bench", "workloads")
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name, w in WORKLOADS.items():
        for suffix, key in (("asl", "definition"), ("input", "input"), ("expected", "expected")):
            with open(os.path.join(out, f"{name}.{suffix}.json"), "w") as f:
                json.dump(w[key], f, ensure_ascii=False)
                f.write("\n")
        for key in ("input", "expected"):
            assert len(compact(w[key]).encode()) <= 262144, (name, key)
        manifest[name] = {"transitions": w["transitions"], "input_bytes": len(compact(w["input"])),
                          "note": w["note"]}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"wrote {len(manifest)} workloads to {out}")


if __name__ == "__main__":
    main()
