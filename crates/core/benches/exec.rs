//! Native benchmark: transitions per second of the workloads `benches/workloads.py` writes.
//!
//! `cargo bench -p aslplay-core --bench exec [-- FILTER]`. The workloads are read from
//! `$ASLPLAY_BENCH_WORKLOADS` (default `target/bench/workloads`, generated on demand with
//! python3). Each workload's output is compared with its expected output before it is timed;
//! history and trace recording are off, as when the playground re-runs on every keystroke.
//! Criterion reports the throughput in elements/s, one element being one state transition.

use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, Machine, NoMocks};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One workload, compiled.
struct Workload {
    name: String,
    machine: Machine,
    timeout: Option<u64>,
    input: Value,
    transitions: u64,
}

fn workloads_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ASLPLAY_BENCH_WORKLOADS") {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("target/bench/workloads");
    if !dir.join("manifest.json").exists() {
        let status = std::process::Command::new("python3")
            .arg(root.join("benches/workloads.py"))
            .arg(&dir)
            .status()
            .expect("python3 runs benches/workloads.py");
        assert!(status.success(), "benches/workloads.py failed");
    }
    dir
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> ExecutionConfig {
    ExecutionConfig {
        record_history: false,
        record_trace: false,
        ..ExecutionConfig::default()
    }
}

fn run(w: &Workload) -> exec::Outcome {
    let facts = ExecutionFacts {
        input: w.input.clone().into(),
        name: "bench".into(),
        ..Default::default()
    };
    exec::run(
        &w.machine,
        w.timeout,
        w.input.clone(),
        facts,
        config(),
        &mut NoMocks,
    )
}

/// Loads, compiles and checks every workload (FILTER-independent: a wrong result is a bug).
fn load() -> Vec<Workload> {
    let dir = workloads_dir();
    let manifest = read_json(&dir.join("manifest.json"));
    let entries = manifest.as_object().expect("manifest is an object");
    let mut out = Vec::new();
    for (name, meta) in entries {
        let text =
            std::fs::read_to_string(dir.join(format!("{name}.asl.json"))).expect("definition");
        let (parsed, diags) = aslplay_core::parse_definition(&text);
        let parsed = parsed.unwrap_or_else(|| panic!("{name}: {diags:?}"));
        let machine = exec::compile(&parsed).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let w = Workload {
            name: name.clone(),
            machine,
            timeout: parsed.timeout_seconds,
            input: read_json(&dir.join(format!("{name}.input.json"))),
            transitions: meta["transitions"].as_u64().expect("transitions"),
        };
        let expected = read_json(&dir.join(format!("{name}.expected.json")));
        let outcome = run(&w);
        assert_eq!(
            outcome.output.as_ref(),
            Some(&expected),
            "{name}: {outcome:?}"
        );
        out.push(w);
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("exec");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    for w in load() {
        group.throughput(Throughput::Elements(w.transitions));
        group.bench_with_input(BenchmarkId::from_parameter(&w.name), &w, |b, w| {
            b.iter(|| run(w))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
