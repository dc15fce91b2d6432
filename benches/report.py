#!/usr/bin/env python3
"""Turn benchmark results into the table of docs/performance.md (used by scripts/bench).

    report.py collect-native WORKLOADS_DIR CRITERION_GROUP_DIR  > native.json
    report.py write RESULTS_DIR docs/performance.md

`write` replaces the text between the `<!-- bench:begin -->` and `<!-- bench:end -->` markers.
"""
import json
import os
import re
import sys


def collect_native(workloads, group):
    manifest = json.load(open(os.path.join(workloads, "manifest.json")))
    out = {}
    for name, meta in manifest.items():
        est = os.path.join(group, name, "new", "estimates.json")
        if not os.path.exists(est):
            continue
        median_ns = json.load(open(est))["median"]["point_estimate"]
        out[name] = {"medianMs": median_ns / 1e6, "transitions": meta["transitions"],
                     "tps": meta["transitions"] / (median_ns / 1e9)}
    json.dump(out, sys.stdout, indent=1)
    print()


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return {}


def fmt_tps(tps):
    if tps >= 1e6:
        return f"{tps / 1e6:.2f} M/s"
    return f"{tps / 1e3:.1f} k/s"


def fmt_ms(ms):
    return f"{ms:.3f} ms" if ms < 10 else f"{ms:.1f} ms"


def max_rss_kb(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) if m else None


def table(results):
    native, wasm, peer, paired = (load(os.path.join(results, f"{k}.json"))
                                  for k in ("native", "wasm", "peer", "paired"))
    peer_name = peer.get("_peer", {})
    lines = [
        "| workload | transitions | aslplay native | aslplay wasm (Node) | "
        f"aws-local-stepfunctions {peer_name.get('version', '')} (Node) | wasm ÷ peer | native ÷ peer (separate runs) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = list(native) or list(wasm)
    for name in names:
        n, w, p = native.get(name), wasm.get(name), peer.get(name)
        trans = (n or w or {}).get("transitions", "")
        cell = lambda r: f"{fmt_tps(r['tps'])} ({fmt_ms(r['medianMs'])})" if r and "tps" in r else "–"
        if p and "unsupported" in p:
            pcell, rw, rn = "not supported", "–", "–"
        elif p and "tps" in p:
            pcell = cell(p)
            rw = f"{w['tps'] / p['tps']:.0f}×" if w and "tps" in w else "–"
            if name in paired:
                pr = paired[name]
                # Quartiles over the pairs (slices); min–max over rounds (older results).
                lo, hi = (pr["q1"], pr["q3"]) if "q1" in pr else (min(pr["ratios"]), max(pr["ratios"]))
                rw = f"**{pr['ratio']:.0f}×** ({lo:.0f}–{hi:.0f})"
            rn = f"{n['tps'] / p['tps']:.0f}×" if n and "tps" in n else "–"
        else:
            pcell, rw, rn = "not run", "–", "–"
        lines.append(f"| {name} | {trans} | {cell(n)} | {cell(w)} | {pcell} | {rw} | {rn} |")
    lines.append("")
    lines.append("Cells: transitions per second (median time per execution).")
    if paired:
        first = next(iter(paired.values()))
        lines.append("")
        if "q1" in first:
            pairs = sorted({r["pairs"] for r in paired.values()})
            count = f"{pairs[0]}" if len(pairs) == 1 else f"{pairs[0]}–{pairs[-1]}"
            lines.append("**wasm ÷ peer** in bold: measured in pairs (`benches/node/paired.cjs`): "
                         "one fresh Node process per engine, run in turn for "
                         f"{first['sliceMs']} ms slices (at least one run each), {count} pairs "
                         "per workload; the median of the pairs' ratios, the quartiles in "
                         "brackets. The absolute columns come from separate runs minutes "
                         "apart, so dividing them mixes in the machine's drift.")
        else:
            lines.append("**wasm ÷ peer** in bold: measured in pairs (`benches/node/paired.cjs`): "
                         f"{len(first['ratios'])} rounds per workload, each timing "
                         "aws-local-stepfunctions and aslplay's wasm back to back in fresh Node "
                         "processes; the median ratio over the rounds, the range in brackets. The "
                         "absolute columns come from separate runs minutes apart, so dividing them "
                         "mixes in the machine's drift.")
    mem = []
    rss, base = max_rss_kb(os.path.join(results, "time-map-10000.txt")), \
        max_rss_kb(os.path.join(results, "time-loop-1000.txt"))
    if rss:
        mem.append(f"native peak RSS running map-10000 once: {rss / 1024:.1f} MiB "
                   f"(loop-1000, as a baseline for the process: {base / 1024:.1f} MiB)" if base else
                   f"native peak RSS running map-10000 once: {rss / 1024:.1f} MiB")
    wm = load(os.path.join(results, "wasm-map-10000.json")).get("map-10000", {})
    if wm.get("wasmMemoryBytes"):
        mem.append(f"wasm linear memory after running map-10000 in a fresh instance: "
                   f"{wm['wasmMemoryBytes'] / 1048576:.1f} MiB")
    if mem:
        lines.append("")
        lines.append("Peak memory: " + "; ".join(mem) + ".")
    lines.extend(page_lines(load(os.path.join(results, "page.json"))))
    return "\n".join(lines)


def page_lines(page):
    """The playground page: download size, time to interactive, gallery examples."""
    if not page:
        return []
    s = page["sizes"]
    kib = lambda b: f"{b / 1000:.1f} KB = {b / 1024:.1f} KiB"
    lines = ["", "Playground page (`trunk build --release`, headless Chromium, loopback):", "",
             "| measure | value |", "|---|---:|",
             f"| page load, gzip -9 (index.html + JS + CSS + wasm) | {kib(s['pageGzipBytes'])} "
             f"({kib(s['pageRawBytes'])} raw) |",
             f"| execution worker, gzip -9 (fetched on the first edit or Run) | {kib(s['workerGzipBytes'])} "
             f"({kib(s['workerRawBytes'])} raw) |",
             f"| time to interactive (Run enabled), median of {len(page['interactiveMs']['all'])} "
             f"fresh loads | {page['interactiveMs']['median']:.0f} ms |"]
    ex = page.get("examples") or []
    if ex:
        slow = max(ex, key=lambda e: e["median_ms"])
        lines.append(f"| gallery examples (`?bench`, {len(ex)}), slowest median round trip | "
                     f"{slow['median_ms']:.3f} ms ({slow['id']}) |")
        lines += ["", "Gallery examples in the page (`?bench`: request posted to the worker, run with "
                  "history and trace, reply read on the page; median / max of 25 round trips):", "",
                  "| example | status | median | max |", "|---|---|---:|---:|"]
        lines += [f"| {e['id']} | {e['status']} | {e['median_ms']:.3f} ms | {e['max_ms']:.3f} ms |"
                  for e in ex]
    return lines


def write(results, doc):
    text = open(doc).read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    i, j = text.index(begin) + len(begin), text.index(end)
    text = text[:i] + "\n" + table(results) + "\n" + text[j:]
    open(doc, "w").write(text)


if __name__ == "__main__":
    if sys.argv[1] == "collect-native":
        collect_native(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
