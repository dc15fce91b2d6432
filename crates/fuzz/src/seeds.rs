//! Seed corpora: the conformance cases' definitions, inputs and embedded expressions, the
//! JSONata test suite's expressions, and a small built-in set so a run works without them.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Everything the mutators start from.
#[derive(Debug, Default, Clone)]
pub struct Seeds {
    /// Definition texts.
    pub definitions: Vec<String>,
    /// Execution input texts.
    pub inputs: Vec<String>,
    /// JSONPath / reference path texts.
    pub paths: Vec<String>,
    /// Intrinsic function call texts (`States.…(…)`).
    pub intrinsics: Vec<String>,
    /// JSONata expression texts (without `{% %}`).
    pub jsonata: Vec<String>,
}

const BUILTIN_DEFINITION: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.x","b.$":"States.Format('{}-{}', $.x, $.y)"},"Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"M"}],"Default":"F"},"M":{"Type":"Map","ItemsPath":"$.list","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"W"},"W":{"Type":"Wait","Seconds":1,"End":true},"F":{"Type":"Fail","Error":"E","Cause":"c"}}}"#;
const BUILTIN_JSONATA_DEFINITION: &str = r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"v":"{% $states.input.x %}"},"Output":"{% {'r': $v, 'n': $count($states.input.list)} %}","Next":"Par"},"Par":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}}}"#;

impl Seeds {
    /// A small built-in corpus.
    pub fn builtin() -> Self {
        Seeds {
            definitions: vec![
                BUILTIN_DEFINITION.to_string(),
                BUILTIN_JSONATA_DEFINITION.to_string(),
            ],
            inputs: vec![
                r#"{"x":1,"y":"two","list":[1,2,3],"o":{"k":[{"a":true}]}}"#.into(),
                "{}".into(),
                "[1,null,\"s\"]".into(),
            ],
            paths: vec![
                "$".into(),
                "$.x".into(),
                "$.list[0]".into(),
                "$..a".into(),
                "$.o.k[?(@.a == true)]".into(),
                "$.list[1:3]".into(),
                "$['x']".into(),
                "$.list.length()".into(),
            ],
            intrinsics: vec![
                "States.Format('{} and {}', $.x, $.y)".into(),
                "States.ArrayRange(1, 9, 2)".into(),
                "States.Hash($.y, 'SHA-256')".into(),
                "States.JsonToString(States.StringToJson('{\"a\":1}'))".into(),
                "States.MathAdd(States.ArrayLength($.list), 1)".into(),
                "States.StringSplit('a,b', ',')".into(),
                "States.Base64Decode(States.Base64Encode($.y))".into(),
                "States.UUID()".into(),
            ],
            jsonata: vec![
                "$sum(list)".into(),
                "o.k[a].a".into(),
                "$map(list, function($v){$v*2})".into(),
                "($f := function($n){$n<=1?1:$n*$f($n-1)}; $f(5))".into(),
                "$match(y, /t(w)o/)".into(),
                "list ~> $reduce(function($a,$b){$a+$b})".into(),
            ],
        }
    }

    /// The built-in corpus plus the shared corpora under `shared` (a directory holding
    /// `conformance/cases.jsonl` and `jsonata-test-suite/`), when present.
    pub fn load(shared: Option<&Path>) -> Self {
        let mut seeds = Self::builtin();
        let Some(dir) = shared else { return seeds };
        if let Ok(text) = std::fs::read_to_string(dir.join("conformance/cases.jsonl")) {
            for line in text.lines() {
                let Ok(case) = serde_json::from_str::<Value>(line) else {
                    continue;
                };
                if let Some(d) = case.get("definition_text").and_then(Value::as_str) {
                    seeds.definitions.push(d.to_string());
                }
                if let Some(i) = case.get("input").and_then(Value::as_str) {
                    seeds.inputs.push(i.to_string());
                }
                if let Some(def) = case.get("definition") {
                    seeds.collect_strings(def);
                }
            }
        }
        let groups = dir.join("jsonata-test-suite/groups");
        if let Ok(entries) = std::fs::read_dir(&groups) {
            for group in entries.flatten() {
                let Ok(cases) = std::fs::read_dir(group.path()) else {
                    continue;
                };
                for case in cases.flatten() {
                    let Ok(text) = std::fs::read_to_string(case.path()) else {
                        continue;
                    };
                    let Ok(v) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    if let Some(e) = v.get("expr").and_then(Value::as_str) {
                        seeds.jsonata.push(e.to_string());
                    }
                }
            }
        }
        for list in [
            &mut seeds.definitions,
            &mut seeds.inputs,
            &mut seeds.paths,
            &mut seeds.intrinsics,
            &mut seeds.jsonata,
        ] {
            list.sort();
            list.dedup();
        }
        seeds
    }

    fn collect_strings(&mut self, v: &Value) {
        match v {
            Value::String(s) => {
                let t = s.trim();
                if let Some(inner) = t.strip_prefix("{%").and_then(|r| r.strip_suffix("%}")) {
                    self.jsonata.push(inner.trim().to_string());
                } else if t.starts_with("States.") {
                    self.intrinsics.push(t.to_string());
                } else if t.starts_with('$') {
                    self.paths.push(t.to_string());
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.collect_strings(i)),
            Value::Object(m) => m.values().for_each(|i| self.collect_strings(i)),
            _ => {}
        }
    }
}

/// The shared data directory: `$ASLPLAY_SHARED`, else `../shared` beside the workspace root,
/// else `/work/shared`.
pub fn shared_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ASLPLAY_SHARED") {
        return Some(PathBuf::from(p));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [root.join("../shared"), PathBuf::from("/work/shared")]
        .into_iter()
        .find(|p| p.join("conformance/cases.jsonl").is_file())
}
