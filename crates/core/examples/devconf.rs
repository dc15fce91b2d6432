use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, NoMocks};
use serde_json::Value;
fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string("/work/shared/conformance/cases.jsonl").unwrap();
    let (mut pass, mut fail) = (0, 0);
    for line in text.lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        if c["kind"] != "execution" {
            continue;
        }
        let id = c["id"].as_str().unwrap();
        if !id.contains(&filter) {
            continue;
        }
        let def = c["definition_text"].as_str().unwrap();
        let (m, d) = aslplay_core::parse_definition(def);
        let exp = &c["expected"];
        let got = (|| {
            let m = m.ok_or(format!(
                "PARSE {:?}",
                d.iter().map(|x| &x.message).collect::<Vec<_>>()
            ))?;
            let p = exec::compile(&m).map_err(|e| format!("COMPILE {e:?}"))?;
            let input: Value =
                serde_json::from_str(c["input"].as_str().unwrap()).map_err(|e| e.to_string())?;
            let facts = ExecutionFacts {
                input: input.clone(),
                name: "n".into(),
                execution_arn: "arn:aws:states:us-east-1:111111111111:express:sm:n:u".into(),
                state_machine_arn: "arn:aws:states:us-east-1:111111111111:stateMachine:sm".into(),
                state_machine_name: "sm".into(),
                ..Default::default()
            };
            let mut cfg = ExecutionConfig::default();
            cfg.start_time_ms = 1_795_513_513_000;
            let o = exec::run(&p, m.timeout_seconds, input, facts, cfg, &mut NoMocks);
            Ok::<_, String>(o)
        })();
        let ok = match &got {
            Err(_) => false,
            Ok(o) => {
                let mut ok = exp["status"] == o.status.as_str();
                let cmp: Vec<&str> = exp["compare"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect();
                if cmp.contains(&"output")
                    && exp["output"].is_string()
                    && !exp["output_has_placeholders"].as_bool().unwrap_or(false)
                {
                    let e: Value = serde_json::from_str(exp["output"].as_str().unwrap()).unwrap();
                    ok &= o.output.as_ref() == Some(&e);
                }
                if cmp.contains(&"error")
                    && !exp["error_has_placeholders"].as_bool().unwrap_or(false)
                {
                    ok &= exp["error"].as_str() == o.error.as_deref();
                }
                if cmp.contains(&"cause")
                    && !exp["cause_has_placeholders"].as_bool().unwrap_or(false)
                {
                    ok &= exp["cause"].as_str() == o.cause.as_deref();
                }
                ok
            }
        };
        if ok {
            pass += 1
        } else {
            fail += 1;
            println!("FAIL {id}\n   feats {:?}", c["features"]);
            match got {
                Err(e) => println!("   got {e}"),
                Ok(o) => println!(
                    "   got {} {:?} {:?} {:?}",
                    o.status.as_str(),
                    o.output
                        .map(|v| v.to_string().chars().take(300).collect::<String>()),
                    o.error,
                    o.cause.map(|c| c.chars().take(300).collect::<String>())
                ),
            }
            println!(
                "   exp {} {:?} {:?} {:?}",
                exp["status"],
                exp["output"]
                    .as_str()
                    .map(|s| s.chars().take(300).collect::<String>()),
                exp["error"],
                exp["cause"]
                    .as_str()
                    .map(|s| s.chars().take(300).collect::<String>())
            );
        }
    }
    println!("{pass} passed, {fail} failed");
}
