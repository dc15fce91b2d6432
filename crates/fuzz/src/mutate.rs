//! Mutators: character-level edits with per-target dictionaries, and structural edits of
//! JSON documents (definitions, inputs).

use crate::rng::Rng;
use serde_json::{Map, Value};

/// Tokens worth inserting into any text.
const COMMON: &[&str] = &[
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "\u{0}",
    "\u{FFFF}",
    "é",
    "𝄞",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ",",
    ":",
    ".",
    "..",
    "*",
    "?",
    "@",
    "$",
    "$$",
    "'",
    "1e400",
    "-0",
    "9007199254740993",
    "-1",
    "0",
    "4294967296",
    "18446744073709551616",
    "1.5",
    "NaN",
    "null",
    "true",
    "false",
    "[[[[[[[[",
    "]]]]",
    "((((((((",
    "))))",
    "{{{{",
    "}}}}",
];

/// JSONPath tokens.
pub const PATH: &[&str] = &[
    "$",
    "@",
    ".",
    "..",
    "[*]",
    "[0]",
    "[-1]",
    "[1:]",
    "[:2]",
    "[::-1]",
    "[0,1]",
    "['a']",
    "[?(@.a)]",
    "[?(@.a == 1)]",
    "[?(@.a > 'x')]",
    "[?(@.a =~ /.*/)]",
    ".length()",
    ".min()",
    ".sum()",
    "[(@.length-1)]",
    "$.x",
    "$$.Execution.Input",
    "$var",
    "[2147483648]",
];

/// Intrinsic function tokens.
pub const INTRINSICS: &[&str] = &[
    "States.Format(",
    "States.StringToJson(",
    "States.JsonToString(",
    "States.Array(",
    "States.ArrayPartition(",
    "States.ArrayContains(",
    "States.ArrayRange(",
    "States.ArrayGetItem(",
    "States.ArrayLength(",
    "States.ArrayUnique(",
    "States.Base64Encode(",
    "States.Base64Decode(",
    "States.Hash(",
    "States.JsonMerge(",
    "States.MathRandom(",
    "States.MathAdd(",
    "States.StringSplit(",
    "States.UUID(",
    "'SHA-512'",
    "'{}'",
    "'\\''",
    "'\\{'",
    "$.list",
    "$$.Execution.Id",
    "$v",
    "true",
    "1000",
    "-1000000",
    "1.0E300",
    ")",
    ", ",
];

/// JSONata tokens.
pub const JSONATA: &[&str] = &[
    "$",
    "$$",
    "$states",
    "function($x){$x}",
    "$f($f)",
    "~>",
    ":=",
    "?",
    ":",
    "..",
    "**",
    "*",
    "%",
    "#$i",
    "@$v",
    "^(a)",
    "{",
    "}",
    "[",
    "]",
    "$string(",
    "$match(",
    "$replace(",
    "$split(",
    "$sort(",
    "$reduce(",
    "$map(",
    "$filter(",
    "$sift(",
    "$each(",
    "$lookup(",
    "$eval(",
    "$pad(",
    "$formatNumber(",
    "$formatBase(",
    "$formatInteger(",
    "$fromMillis(",
    "$toMillis(",
    "$number(",
    "$power(",
    "$sqrt(",
    "$range(",
    "$partition(",
    "$hash(",
    "$uuid()",
    "$parse(",
    "$zip(",
    "$append(",
    "$keys(",
    "$spread(",
    "$distinct(",
    "$shuffle(",
    "/(a+)+$/",
    "/x/i",
    "'s'",
    "\"\\u0041\"",
    "in",
    "and",
    "or",
    "&",
    "!=",
    "<=",
    "|",
    "[1..100000]",
    "[-9007199254740993..9007199254740993]",
    "($f:=function($n){$f($n+1)};$f(0))",
];

/// Definition field names and values worth splicing into definitions.
const ASL_KEYS: &[&str] = &[
    "Type",
    "Next",
    "End",
    "StartAt",
    "States",
    "Parameters",
    "ResultPath",
    "InputPath",
    "OutputPath",
    "ResultSelector",
    "ItemsPath",
    "ItemSelector",
    "ItemProcessor",
    "Iterator",
    "Branches",
    "Choices",
    "Default",
    "Retry",
    "Catch",
    "ErrorEquals",
    "MaxAttempts",
    "IntervalSeconds",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Seconds",
    "SecondsPath",
    "Timestamp",
    "TimestampPath",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "MaxConcurrency",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
    "Assign",
    "Output",
    "Arguments",
    "Items",
    "QueryLanguage",
    "Variable",
    "StringMatches",
    "StringEquals",
    "NumericGreaterThan",
    "TimestampEquals",
    "And",
    "Or",
    "Not",
    "Condition",
    "Error",
    "Cause",
    "ErrorPath",
    "CausePath",
    "Resource",
    "Result",
    "a.$",
    "ResultWriter",
    "ItemReader",
    "ItemBatcher",
    "ProcessorConfig",
    "Mode",
    "Comment",
    "Version",
];

const ASL_VALUES: &[&str] = &[
    "Pass",
    "Task",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "JSONata",
    "JSONPath",
    "States.ALL",
    "States.TaskFailed",
    "States.Runtime",
    "$",
    "$.x",
    "$$",
    "$.list",
    "$$.Map.Item.Value",
    "States.Format('{}', $.x)",
    "States.ArrayRange(0, 999, 1)",
    "{% $states.input %}",
    "{% $v %}",
    "{% $states.context %}",
    "*a*b*c*d*e*f*",
    "\\*",
    "2026-01-01T00:00:00Z",
    "arn:aws:states:::lambda:invoke",
    "FULL",
    "arn:aws:lambda:us-east-1:123456789012:function:f",
    "INLINE",
    "DISTRIBUTED",
];

/// One to eight character-level edits of `text`, drawing inserted tokens from `dict`
/// (plus common tokens) and splicing from `others`.
pub fn mutate_text(rng: &mut Rng, text: &str, dict: &[&str], others: &[String]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let edits = 1 + rng.below(8);
    for _ in 0..edits {
        let pos = rng.below(chars.len() + 1);
        match rng.below(9) {
            0 => {
                if pos < chars.len() {
                    chars.remove(pos);
                }
            }
            1 => {
                let end = (pos + 1 + rng.below(16)).min(chars.len());
                if pos < end {
                    chars.drain(pos..end);
                }
            }
            2 => {
                let c = char::from_u32(rng.below(0x80) as u32).unwrap_or('x');
                chars.insert(pos, c);
            }
            3 | 4 => {
                let tok = if rng.one_in(3) { COMMON } else { dict };
                if let Some(t) = rng.pick(tok) {
                    let at = pos.min(chars.len());
                    chars.splice(at..at, t.chars());
                }
            }
            5 => {
                // Duplicate a slice (grows nesting and lengths).
                let end = (pos + 1 + rng.below(32)).min(chars.len());
                if pos < end {
                    let piece: Vec<char> = chars[pos..end].to_vec();
                    let times = 1 + rng.below(4);
                    for _ in 0..times {
                        chars.splice(end..end, piece.iter().copied());
                    }
                }
            }
            6 => {
                if let Some(other) = rng.pick(others) {
                    let o: Vec<char> = other.chars().collect();
                    let a = rng.below(o.len() + 1);
                    let b = (a + rng.below(64)).min(o.len());
                    let at = pos.min(chars.len());
                    chars.splice(at..at, o[a..b].iter().copied());
                }
            }
            7 => {
                if pos < chars.len() {
                    let c = chars[pos] as u32;
                    chars[pos] = char::from_u32(c ^ (1 << rng.below(7))).unwrap_or('?');
                }
            }
            _ => {
                // Truncate.
                chars.truncate(pos);
            }
        }
    }
    chars.into_iter().collect()
}

/// A random JSON value, small unless `rng` picks an extreme one.
pub fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 8 } else { 11 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => serde_json::json!(rng.next_u64() as i64),
        3 => {
            let picks = [
                0.0,
                -0.0,
                1.5,
                -1e300,
                1e300,
                9007199254740993.0,
                0.1,
                f64::MIN_POSITIVE,
            ];
            serde_json::json!(picks[rng.below(picks.len())])
        }
        4 => Value::from(rng.below(20) as i64 - 5),
        5 | 6 => Value::String(rng.pick(ASL_VALUES).copied().unwrap_or("").to_string()),
        7 => Value::String(
            rng.pick(INTRINSICS).copied().unwrap_or("").to_string()
                + rng.pick(PATH).copied().unwrap_or(""),
        ),
        8 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        9 => {
            let mut m = Map::new();
            for _ in 0..rng.below(4) {
                let k = rng.pick(ASL_KEYS).copied().unwrap_or("k").to_string();
                m.insert(k, random_value(rng, depth + 1));
            }
            Value::Object(m)
        }
        _ => {
            let n = rng.below(4);
            Value::String("x".repeat(10usize.pow(n as u32 + 1)))
        }
    }
}

/// Counts the nodes of `v`.
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(m) => m.values().map(count).sum(),
        _ => 0,
    }
}

/// The node at pre-order index `n`.
fn nth_mut<'a>(v: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(v);
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter_mut().find_map(|c| nth_mut(c, n)),
        Value::Object(m) => m.values_mut().find_map(|c| nth_mut(c, n)),
        _ => None,
    }
}

fn nth(v: &Value, n: &mut usize) -> Option<Value> {
    if *n == 0 {
        return Some(v.clone());
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter().find_map(|c| nth(c, n)),
        Value::Object(m) => m.values().find_map(|c| nth(c, n)),
        _ => None,
    }
}

/// State names in a definition (for retargeting `Next`/`Default`/`StartAt`).
fn state_names(v: &Value, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        for (k, c) in m {
            if k == "States" {
                if let Value::Object(states) = c {
                    out.extend(states.keys().cloned());
                }
            }
            state_names(c, out);
        }
    } else if let Value::Array(a) = v {
        a.iter().for_each(|c| state_names(c, out));
    }
}

/// One to four structural edits of a JSON document.
pub fn mutate_json(rng: &mut Rng, doc: &mut Value) {
    let mut names = Vec::new();
    state_names(doc, &mut names);
    for _ in 0..1 + rng.below(4) {
        let total = count(doc);
        let mut src_idx = rng.below(total);
        let donor = nth(doc, &mut src_idx);
        let mut idx = rng.below(total);
        let Some(target) = nth_mut(doc, &mut idx) else {
            continue;
        };
        match rng.below(7) {
            0 => *target = random_value(rng, 0),
            1 => {
                // Copy another subtree here (self-similar nesting, cycles of Next).
                if let Some(d) = donor {
                    *target = d;
                }
            }
            2 => match target {
                Value::Object(m) if !m.is_empty() => {
                    let k = rng.below(m.len());
                    if let Some(key) = m.keys().nth(k).cloned() {
                        m.shift_remove(&key);
                    }
                }
                Value::Array(a) if !a.is_empty() => {
                    let k = rng.below(a.len());
                    a.remove(k);
                }
                _ => *target = Value::Null,
            },
            3 => match target {
                Value::Object(m) => {
                    let k = rng.pick(ASL_KEYS).copied().unwrap_or("k").to_string();
                    m.insert(k, random_value(rng, 1));
                }
                Value::Array(a) => a.push(random_value(rng, 1)),
                _ => *target = random_value(rng, 0),
            },
            4 => {
                if let Some(n) = rng.pick(&names) {
                    *target = Value::String(n.clone());
                }
            }
            5 => {
                if let Value::String(s) = target {
                    let t = mutate_text(rng, s, PATH, &[]);
                    *s = t;
                }
            }
            _ => {
                // Wrap in arrays/objects (depth).
                let inner = std::mem::take(target);
                *target = if rng.one_in(2) {
                    Value::Array(vec![inner])
                } else {
                    let mut m = Map::new();
                    m.insert("States".into(), inner);
                    Value::Object(m)
                };
            }
        }
    }
}
