//! `aslplay-fuzz`: the mutation-testing runner.
//!
//! ```text
//! cargo run --release -p aslplay-fuzz -- --target all --iterations 1000000 [--seed N]
//!     [--start I] [--slow-ms 2000] [--stack-kb 1024] [--replay FILE]
//! ```
//! Findings (panics, inputs slower than `--slow-ms`) are saved under tests/fuzz-regressions/.

use aslplay_fuzz::{
    fuzz, quiet_panics, regressions_dir, run_case, save_finding, shared_dir, Case, Seeds, Target,
};
use std::process::ExitCode;
use std::time::Duration;

struct Args {
    targets: Vec<Target>,
    iterations: u64,
    seed: u64,
    slow_ms: u64,
    start: u64,
    stack_kb: usize,
    replay: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        targets: Target::ALL.to_vec(),
        iterations: 10_000,
        seed: 1,
        slow_ms: 2_000,
        start: 0,
        stack_kb: 1024,
        replay: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--target" => {
                let v = value()?;
                args.targets = if v == "all" {
                    Target::ALL.to_vec()
                } else {
                    v.split(',')
                        .map(|n| Target::from_name(n).ok_or_else(|| format!("unknown target {n}; targets: all, json, validate, jsonpath, intrinsics, jsonata, exec")))
                        .collect::<Result<_, _>>()?
                };
            }
            "--iterations" => {
                args.iterations = value()?.parse().map_err(|e| format!("--iterations: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--slow-ms" => {
                args.slow_ms = value()?.parse().map_err(|e| format!("--slow-ms: {e}"))?
            }
            "--start" => args.start = value()?.parse().map_err(|e| format!("--start: {e}"))?,
            "--stack-kb" => {
                args.stack_kb = value()?.parse().map_err(|e| format!("--stack-kb: {e}"))?
            }
            "--replay" => args.replay = Some(value()?),
            "-h" | "--help" => {
                return Err("usage: aslplay-fuzz [--target all|json,validate,jsonpath,intrinsics,jsonata,exec] [--iterations N per target] [--seed N] [--start I] [--slow-ms MS] [--stack-kb KB] [--replay FILE]".into())
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(file) = &args.replay {
        let case = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| Case::from_json(&t));
        let Some(case) = case else {
            eprintln!("{file}: not a saved fuzz case");
            return ExitCode::from(2);
        };
        let t0 = std::time::Instant::now();
        let panic = run_case(&case);
        println!("{file}: {:?} in {:?}", panic, t0.elapsed());
        return if panic.is_some() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let seeds = Seeds::load(shared_dir().as_deref());
    eprintln!(
        "seeds: {} definitions, {} inputs, {} paths, {} intrinsics, {} jsonata",
        seeds.definitions.len(),
        seeds.inputs.len(),
        seeds.paths.len(),
        seeds.intrinsics.len(),
        seeds.jsonata.len()
    );
    quiet_panics();
    let mut total = 0;
    let mut findings = 0;
    for target in &args.targets {
        // A wasm-sized stack (1 MiB by default) so deep recursion shows up as a finding here
        // rather than in the browser.
        let (t, s, seed) = (*target, seeds.clone(), args.seed);
        let range = args.start..args.start + args.iterations;
        let slow = Duration::from_millis(args.slow_ms);
        let worker = std::thread::Builder::new()
            .stack_size(args.stack_kb * 1024)
            .spawn(move || {
                fuzz(t, &s, seed, range, slow, |i| {
                    if i % 100_000 == 0 && i > 0 {
                        eprintln!("  {} {i}", t.name());
                    }
                })
            });
        let stats = match worker.map(|h| h.join()) {
            Ok(Ok(stats)) => stats,
            _ => {
                eprintln!("{}: worker thread failed", target.name());
                return ExitCode::FAILURE;
            }
        };
        total += stats.executions;
        findings += stats.findings.len();
        println!(
            "{:<10} {:>10} executions in {:>8.1?} ({:.0}/s), {} findings",
            target.name(),
            stats.executions,
            stats.elapsed,
            stats.executions as f64 / stats.elapsed.as_secs_f64().max(1e-9),
            stats.findings.len()
        );
        for f in &stats.findings {
            match save_finding(&regressions_dir(), f) {
                Ok(path) => println!("  #{} {} -> {}", f.iteration, f.kind, path.display()),
                Err(e) => println!("  #{} {} (not saved: {e})", f.iteration, f.kind),
            }
        }
    }
    println!("total {total} executions, {findings} findings");
    if findings > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
