//! Runs one benchmark workload REPEAT times natively, for profiling and peak-memory figures:
//!
//! `cargo run --release -p aslplay-core --example bench_run -- DIR/NAME [REPEAT]`
//!
//! reads NAME.asl.json / NAME.input.json / NAME.expected.json from DIR (written by
//! `benches/workloads.py`), checks the output, and prints the time per run. scripts/bench runs
//! it under `/usr/bin/time -v` for the peak resident set size.

use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, NoMocks};
use serde_json::Value;
use std::process::ExitCode;
use std::time::Instant;

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn json(path: &str) -> Result<Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_run: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or("usage: bench_run DIR/NAME [REPEAT]")?;
    let repeat: u32 = args
        .next()
        .map_or(Ok(1), |r| r.parse().map_err(|e| format!("REPEAT: {e}")))?;
    let (parsed, diags) = aslplay_core::parse_definition(&read(&format!("{base}.asl.json"))?);
    let parsed = parsed.ok_or_else(|| format!("definition: {diags:?}"))?;
    let machine = exec::compile(&parsed).map_err(|e| format!("compile: {e:?}"))?;
    let input = json(&format!("{base}.input.json"))?;
    let expected = json(&format!("{base}.expected.json"))?;
    let start = Instant::now();
    let cpu_start = cpu_ns();
    let mut transitions = 0;
    for _ in 0..repeat {
        let facts = ExecutionFacts {
            input: input.clone().into(),
            name: "bench".into(),
            ..Default::default()
        };
        let config = ExecutionConfig {
            record_history: false,
            record_trace: false,
            ..ExecutionConfig::default()
        };
        let outcome = exec::run(
            &machine,
            parsed.timeout_seconds,
            input.clone(),
            facts,
            config,
            &mut NoMocks,
        );
        if outcome.output.as_ref() != Some(&expected) {
            return Err(format!("unexpected outcome {:?}", outcome.status));
        }
        transitions = outcome.transitions;
    }
    let per_run = start.elapsed().as_secs_f64() / f64::from(repeat.max(1));
    print!(
        "{base}: {:.3} ms per run, {transitions} transitions, {:.2} M transitions/s",
        per_run * 1e3,
        transitions as f64 / per_run / 1e6
    );
    // On a busy machine the thread's CPU time is steadier than the wall clock.
    if let (Some(a), Some(b)) = (cpu_start, cpu_ns()) {
        let cpu = (b - a) as f64 / 1e9 / f64::from(repeat.max(1));
        print!(
            " (CPU {:.3} ms per run, {:.2} M transitions/s)",
            cpu * 1e3,
            transitions as f64 / cpu / 1e6
        );
    }
    println!();
    Ok(())
}

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`).
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}
