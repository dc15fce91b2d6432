use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, Limits, NoMocks};
use serde_json::Value;
fn main() {
    let name = std::env::args().nth(1).unwrap_or("loop-100000".into());
    let dir = "/work/shared/bench/workloads";
    let def = std::fs::read_to_string(format!("{dir}/{name}.asl.json")).unwrap();
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}.input.json")).unwrap())
            .unwrap();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/{name}.expected.json")).unwrap(),
    )
    .unwrap();
    let (m, d) = aslplay_core::parse_definition(&def);
    let m = m.unwrap_or_else(|| panic!("{d:?}"));
    let p = exec::compile(&m).unwrap();
    for _ in 0..3 {
        let cfg = ExecutionConfig {
            record_history: false,
            record_trace: false,
            limits: Limits {
                max_transitions: 100_000_000,
                max_execution_ms: u64::MAX / 4,
                ..Default::default()
            },
            ..Default::default()
        };
        let t = std::time::Instant::now();
        let o = exec::run(
            &p,
            None,
            input.clone(),
            ExecutionFacts::default(),
            cfg,
            &mut NoMocks,
        );
        let el = t.elapsed();
        println!(
            "{name}: {} transitions in {:?} = {:.2} M/s, status {} ok={}",
            o.transitions,
            el,
            o.transitions as f64 / el.as_secs_f64() / 1e6,
            o.status.as_str(),
            o.output.as_ref() == Some(&expected)
        );
    }
}
