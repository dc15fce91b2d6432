//! aslplay-fuzz: mutation testing of every parser and evaluator on stable Rust.
//!
//! Each [`Target`] turns a seeded generator into one input (a mutated seed from the
//! conformance corpus, the JSONata suite or the built-in set) and runs it under
//! `catch_unwind`. A panic, or a run slower than the time bound, is a finding: the input is
//! written to `tests/fuzz-regressions/` and replayed by the crate's regression test forever
//! after. Runs are deterministic in `(seed, iteration)`. See docs/fuzzing.md.

pub mod mutate;
pub mod rng;
pub mod seeds;
pub mod targets;

pub use rng::Rng;
pub use seeds::{shared_dir, Seeds};
pub use targets::{Case, Target};

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What went wrong with one input.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The target.
    pub target: Target,
    /// The iteration that produced it.
    pub iteration: u64,
    /// `panic: <message>` or `slow: <ms>`.
    pub kind: String,
    /// The input.
    pub case: Case,
}

/// Counts of one target's run.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Inputs executed.
    pub executions: u64,
    /// Findings.
    pub findings: Vec<Finding>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs one input, catching a panic. Returns the panic message if it panicked.
pub fn run_case(case: &Case) -> Option<String> {
    let result = catch_unwind(AssertUnwindSafe(|| case.target.execute(case)));
    match result {
        Ok(()) => None,
        Err(payload) => Some(
            payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".to_string()),
        ),
    }
}

/// Installs a quiet panic hook (findings are reported by the runner); returns the old one.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// Runs the inputs numbered `range` of `target` from `seed`, recording findings; `slow` is the bound
/// above which a single input counts as a hang.
pub fn fuzz(
    target: Target,
    seeds: &Seeds,
    seed: u64,
    range: std::ops::Range<u64>,
    slow: Duration,
    mut progress: impl FnMut(u64),
) -> Stats {
    let start = Instant::now();
    let mut stats = Stats::default();
    for i in range {
        let mut rng = Rng::new(seed ^ target.salt(), i);
        let case = target.generate(&mut rng, seeds);
        let t0 = Instant::now();
        let panic = run_case(&case);
        let took = t0.elapsed();
        stats.executions += 1;
        if let Some(msg) = panic {
            stats.findings.push(Finding {
                target,
                iteration: i,
                kind: format!("panic: {msg}"),
                case,
            });
        } else if took > slow {
            stats.findings.push(Finding {
                target,
                iteration: i,
                kind: format!("slow: {} ms", took.as_millis()),
                case,
            });
        }
        if i % 10_000 == 0 {
            progress(i);
        }
    }
    stats.elapsed = start.elapsed();
    stats
}

/// The regression directory `tests/fuzz-regressions/` of the workspace.
pub fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions")
}

/// Writes a finding's input to `dir` (file name from the target and a content hash).
pub fn save_finding(dir: &Path, finding: &Finding) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let text = finding.case.to_json();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let path = dir.join(format!("{}-{h:016x}.json", finding.target.name()));
    let mut doc = serde_json::from_str::<serde_json::Value>(&text).unwrap_or_default();
    if let Some(m) = doc.as_object_mut() {
        m.insert("finding".into(), finding.kind.clone().into());
    }
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap_or(text))?;
    Ok(path)
}
