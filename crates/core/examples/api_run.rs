//! Runs one benchmark workload REPEAT times natively through the public API
//! (`StartSyncExecution` on a [`Registry`]), as the wasm package and the playground do: the
//! input arrives as JSON text and the output leaves as JSON text. For profiling the per-run
//! costs around the interpreter:
//!
//! `cargo run --release -p aslplay-core --example api_run -- DIR/NAME [REPEAT]`
//!
//! DIR/NAME.asl.json and DIR/NAME.input.json as written by `benches/workloads.py`.

use aslplay_core::api::{
    registry::CreateStateMachineRequest, Registry, StartSyncExecutionRequest, SyncOptions,
};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("api_run: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or("usage: api_run DIR/NAME [REPEAT]")?;
    let repeat: u32 = args
        .next()
        .map_or(Ok(1), |r| r.parse().map_err(|e| format!("REPEAT: {e}")))?;
    let read = |ext: &str| {
        let path = format!("{base}.{ext}.json");
        std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
    };
    let mut registry = Registry::default();
    let created = registry
        .create_state_machine(&CreateStateMachineRequest {
            name: "bench".into(),
            definition: read("asl")?,
            ..Default::default()
        })
        .map_err(|e| format!("{e:?}"))?;
    let request = StartSyncExecutionRequest {
        state_machine_arn: Some(created.state_machine_arn),
        input: Some(read("input")?),
        ..Default::default()
    };
    let options = SyncOptions {
        // TRACED=1: as the playground runs, with history and trace.
        record_history: std::env::var_os("TRACED").is_some(),
        record_trace: std::env::var_os("TRACED").is_some(),
        ..SyncOptions::default()
    };
    let start = Instant::now();
    let mut status = None;
    for _ in 0..repeat {
        let run = aslplay_core::api::start_sync_execution(&registry, &request, &options)
            .map_err(|e| format!("{e:?}"))?;
        status = Some(run.response.status);
    }
    let per_run = start.elapsed().as_secs_f64() / f64::from(repeat.max(1));
    println!("{base}: {:.1} µs per run ({status:?})", per_run * 1e6);
    Ok(())
}
