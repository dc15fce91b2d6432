//! Property-style robustness tests: random and mutated paths never panic, in the parser, the
//! evaluator or the reference-path writer; deep documents and long paths do not overflow.

use aslplay_jsonpath::{Path, ReferencePath};
use serde_json::{json, Value};

/// Small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "$",
    "$$",
    "@",
    ".",
    "..",
    "[",
    "]",
    "(",
    ")",
    "?",
    "*",
    ":",
    ",",
    "'",
    "\"",
    "\\",
    "a",
    "b",
    "x1",
    "0",
    "1",
    "-1",
    "99999999999999999999",
    " ",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "=~",
    "/a.*/i",
    "/",
    "in",
    "nin",
    "subsetof",
    "anyof",
    "noneof",
    "size",
    "empty",
    "&&",
    "||",
    "!",
    "true",
    "null",
    "{",
    "}",
    "length()",
    "sum()",
    "max()",
    "keys()",
    "é",
    "😀",
    "\u{0}",
    "'a b'",
    "[?(@.a > 1)]",
    "[*]",
    "[0,1]",
    "[1:3]",
    "['a','b']",
    "\\u00",
    "\\u0041",
    "1e3",
];

const SEEDS: &[&str] = &[
    "$.a.b[0]",
    "$..b[?(@.c == 'x' && @.d > 2 || !@.e)]",
    "$['a','b']",
    "$.a[1:-1].length()",
    "$v.a[*]",
    "$$.Execution.Input",
    "$[?(@.a =~ /x.*/i)].b",
    "$.a[?(@.t subsetof ['x'])]",
];

fn docs() -> Vec<Value> {
    vec![
        json!(null),
        json!("str"),
        json!(12.5),
        json!([1, "a", null, [2, 3], {"a": 1}]),
        json!({"a": {"b": [1, {"c": "x", "d": 3}], "a": [1, 2]}, "b": [{"c": "x"}], "e": null}),
    ]
}

fn exercise(src: &str, docs: &[Value]) {
    if let Ok(p) = Path::parse(src) {
        let _ = p.canonical();
        for d in docs {
            match p.evaluate(d) {
                Ok(_) => {}
                Err(e) => {
                    let _ = p.invalid_path_cause(&e);
                }
            }
        }
    }
    if let Ok(r) = ReferencePath::parse(src) {
        for d in docs {
            let mut copy = d.clone();
            if let Err(e) = r.set(&mut copy, json!(1)) {
                assert_eq!(&copy, d, "a failed set must not change the document");
                let _ = e.aws_cause(d);
            }
            let _ = r.get(d);
        }
    }
}

#[test]
fn random_strings_never_panic() {
    let docs = docs();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let n = 1 + rng.below(12);
        let mut s = String::new();
        if rng.below(4) != 0 {
            s.push('$');
        }
        for _ in 0..n {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        exercise(&s, &docs);
    }
}

#[test]
fn mutated_valid_paths_never_panic() {
    let docs = docs();
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let seed = SEEDS[rng.below(SEEDS.len())];
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => {
                    let piece = PIECES[rng.below(PIECES.len())];
                    for (k, ch) in piece.chars().enumerate() {
                        chars.insert(at + k, ch);
                    }
                }
                _ if at < chars.len() => chars.truncate(at),
                _ => {}
            }
        }
        let s: String = chars.into_iter().collect();
        exercise(&s, &docs);
    }
}

#[test]
fn every_prefix_of_valid_paths_is_handled() {
    let docs = docs();
    for seed in SEEDS {
        for (i, _) in seed.char_indices() {
            exercise(&seed[..i], &docs);
        }
    }
}

#[test]
fn deep_documents_and_long_paths() {
    // A deeply nested document: deep scan and wildcards must not recurse per level.
    let mut deep = json!({"leaf": 1});
    for _ in 0..3_000 {
        let mut m = serde_json::Map::new();
        m.insert("k".into(), deep);
        deep = Value::Array(vec![Value::Object(m)]);
    }
    let p = Path::parse("$..leaf").unwrap();
    assert_eq!(p.evaluate(&deep).unwrap(), json!([1]));
    let p = Path::parse("$..[?(@.leaf)]").unwrap();
    assert_eq!(p.evaluate(&deep).unwrap(), json!([{"leaf": 1}]));

    // A very long definite path parses and evaluates without recursion.
    let long = format!("$.{}", vec!["a"; 50_000].join("."));
    let p = Path::parse(&long).unwrap();
    assert!(p.evaluate(&json!({"a": {}})).is_err());

    // Nesting inside filters is bounded with a syntax error, not a stack overflow.
    let nested = format!("$[?({}@.a{})]", "!".repeat(10_000), "");
    assert!(Path::parse(&nested).is_err());
    let nested = format!("$[?(@.a == {}1{})]", "[".repeat(10_000), "]".repeat(10_000));
    assert!(Path::parse(&nested).is_err());
    let nested = "$[?(@[?(@[?(@[?(@".repeat(20);
    assert!(Path::parse(&nested).is_err());
    // Drop the deep document iteratively-enough for the default test stack.
    std::mem::forget(deep);
}
