//! The lazily parsed JSON of aslplay's serde_json build (`vendor/serde_json/src/lazy.rs`):
//! the execution input and `States.StringToJson` are parsed by `serde_json::lazy::parse`,
//! which leaves objects unparsed until they are read and writes unchanged ones out from their
//! text. It must be indistinguishable from `serde_json::from_str`: the same value (member
//! order included), the same error message, the same compact text and payload size, before
//! and after any mutation. These tests generate JSON texts in every spelling serde_json
//! accepts (whitespace, escapes, number forms, repeated keys, deep nesting) and compare.

use aslplay_core::exec::json_size;
use serde_json::{Map, Value};

mod common;
use common::Rng;

/// Writes random JSON text: `messy` mixes in whitespace, optional escapes, unusual number
/// spellings and repeated keys.
struct Writer<'r> {
    rng: &'r mut Rng,
    messy: bool,
    out: String,
}

impl Writer<'_> {
    fn ws(&mut self) {
        if self.messy && self.rng.chance(15) {
            self.out
                .push_str([" ", "\n", "\t", "\r\n  "][self.rng.below(4)]);
        }
    }

    fn value(&mut self, depth: usize) {
        let kind = if depth > 5 {
            self.rng.below(5)
        } else {
            self.rng.below(8)
        };
        match kind {
            0 => self
                .out
                .push_str(["null", "true", "false"][self.rng.below(3)]),
            1 | 2 => self.number(),
            3 | 4 => self.string(),
            5 => self.array(depth),
            _ => self.object(depth),
        }
    }

    fn number(&mut self) {
        let plain = [
            "0",
            "7",
            "-3",
            "42",
            "1000",
            "123456789",
            "-987654321012",
            "999999999999999999",
            "-999999999999999999",
        ];
        let odd = [
            "-0",
            "0.5",
            "-0.0",
            "1.0",
            "1.50",
            "1e2",
            "1E+2",
            "2.5e-3",
            "-1e-400",
            "12345678901234567890",
            "-12345678901234567890",
            "1234567890123456789",
            "1e308",
            "0.1",
            "3.141592653589793",
        ];
        let n = if self.messy && self.rng.chance(40) {
            odd[self.rng.below(odd.len())]
        } else {
            plain[self.rng.below(plain.len())]
        };
        self.out.push_str(n);
    }

    fn string(&mut self) {
        let pieces = [
            "a",
            "key",
            "Record number 1",
            "bbbbbbbbbbbbbbbbbbbb",
            "é",
            "日本",
            "🦀",
            "/",
            "'",
            " ",
            "x.y",
            "$",
            "",
            "0",
            "a longer piece of text, to make objects worth keeping lazy",
        ];
        self.out.push('"');
        for _ in 0..self.rng.below(4) {
            if self.rng.chance(12) {
                // Characters that must be escaped.
                self.out.push_str(
                    ["\\\"", "\\\\", "\\n", "\\t", "\\r", "\\b", "\\f"][self.rng.below(7)],
                );
            } else if self.messy && self.rng.chance(10) {
                // Escapes serde_json would write differently.
                self.out.push_str(
                    ["\\/", "\\u0041", "\\u00e9", "\\ud83e\\udd80", "\\u001f"][self.rng.below(5)],
                );
            } else {
                self.out.push_str(pieces[self.rng.below(pieces.len())]);
            }
        }
        self.out.push('"');
    }

    fn array(&mut self, depth: usize) {
        self.out.push('[');
        self.ws();
        let n = self.rng.below(5);
        for i in 0..n {
            if i > 0 {
                self.out.push(',');
                self.ws();
            }
            self.value(depth + 1);
            self.ws();
        }
        self.out.push(']');
    }

    fn object(&mut self, depth: usize) {
        self.out.push('{');
        self.ws();
        let keys = [
            "a", "b", "id", "name", "tags", "nested", "é", "x\\\"y", "a\\/b", "a/b",
        ];
        let n = if self.rng.chance(5) {
            20
        } else if depth == 0 {
            3 + self.rng.below(5)
        } else {
            self.rng.below(6)
        };
        // Distinct keys unless messy (a repeated key keeps its first place, the last value).
        let first = self.rng.below(7);
        for i in 0..n {
            if i > 0 {
                self.out.push(',');
                self.ws();
            }
            let key = if n > 8 {
                format!("k{}", self.rng.below(if self.messy { 25 } else { 1000 }))
            } else {
                let k = if self.messy {
                    self.rng.below(keys.len())
                } else {
                    (first + i) % 7
                };
                keys[k].to_string()
            };
            self.out.push('"');
            self.out.push_str(&key);
            self.out.push('"');
            self.ws();
            self.out.push(':');
            self.ws();
            self.value(depth + 1);
            self.ws();
        }
        self.out.push('}');
    }
}

fn random_text(rng: &mut Rng, messy: bool) -> String {
    let mut w = Writer {
        rng,
        messy,
        out: String::new(),
    };
    w.ws();
    if w.rng.chance(80) {
        w.object(0);
    } else {
        w.value(0);
    }
    w.ws();
    w.out
}

/// Member order and every nested member, which `Value`'s order-blind equality misses.
fn ordered(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn assert_same(text: &str, lazy: &Value, eager: &Value) {
    assert_eq!(lazy, eager, "value of {text}");
    assert_eq!(ordered(lazy), ordered(eager), "member order of {text}");
    assert_eq!(
        serde_json::lazy::to_string(lazy),
        serde_json::to_string(eager).unwrap(),
        "compact text of {text}"
    );
    assert_eq!(json_size(lazy), json_size(eager), "payload size of {text}");
    assert_eq!(
        json_size(lazy),
        serde_json::to_string(eager).unwrap().len(),
        "payload size of {text}"
    );
}

#[test]
fn lazy_parse_gives_what_serde_json_gives() {
    let mut rng = Rng(0x5eed_1a2b_3c4d_5e6f);
    let mut lazy_roots = 0;
    for case in 0..6000 {
        let messy = case % 2 == 1;
        let text = random_text(&mut rng, messy);
        let eager = serde_json::from_str::<Value>(&text);
        let lazy = serde_json::lazy::parse(&text);
        match (lazy, eager) {
            (Ok(lazy), Ok(eager)) => {
                assert_same(&text, &lazy.value, &eager);
                let mut zero = false;
                find_negative_zero(&eager, &mut zero);
                // The flag is about the text: a repeated key may have dropped the zero.
                assert!(lazy.negative_zero || !zero, "negative zero in {text}");
                if lazy
                    .value
                    .as_object()
                    .is_some_and(|m| m.canonical_text().is_some())
                {
                    lazy_roots += 1;
                }
            }
            (Err(lazy), Err(eager)) => assert_eq!(lazy.to_string(), eager.to_string()),
            (lazy, eager) => panic!("{text}: lazy {lazy:?}, eager {eager:?}"),
        }
    }
    // The compact texts did take the fast path.
    assert!(lazy_roots > 1000, "{lazy_roots} canonical roots");
}

fn find_negative_zero(v: &Value, found: &mut bool) {
    match v {
        Value::Number(n) => {
            *found |= n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) && !n.is_i64()
        }
        Value::Array(items) => items.iter().for_each(|v| find_negative_zero(v, found)),
        Value::Object(map) => map.values().for_each(|v| find_negative_zero(v, found)),
        _ => {}
    }
}

#[test]
fn broken_texts_give_serde_json_errors() {
    let mut rng = Rng(0xbad_c0de);
    let breakers = [
        "", " ", "{", "}", "[", "]", ",", ":", "\"", "\\", "x", "01", "1.", "-", "1e", "+1",
        "\u{1}", "tru", "nul", "\\u12", "\\ud800", "\\x", "\n",
    ];
    let mut errors = 0;
    for _ in 0..6000 {
        let messy = rng.chance(50);
        let mut text = random_text(&mut rng, messy);
        let at = rng.below(text.len() + 1);
        let at = (0..=at)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let end = (at + rng.below(3)).min(text.len());
        let end = (end..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        text.replace_range(at..end, breakers[rng.below(breakers.len())]);
        match (
            serde_json::lazy::parse(&text),
            serde_json::from_str::<Value>(&text),
        ) {
            (Ok(lazy), Ok(eager)) => assert_same(&text, &lazy.value, &eager),
            (Err(lazy), Err(eager)) => {
                errors += 1;
                assert_eq!(lazy.to_string(), eager.to_string(), "error of {text}")
            }
            (lazy, eager) => panic!("{text}: lazy {lazy:?}, eager {eager:?}"),
        }
    }
    assert!(errors > 1000, "{errors} broken texts");
    // Nesting past serde_json's recursion limit, both ways.
    for depth in [99, 100, 101, 127, 128, 129, 200] {
        let text = format!(
            "{}{}",
            "[{\"a\":".repeat(depth / 2),
            "1".to_string() + &"}]".repeat(depth / 2)
        );
        let lazy = serde_json::lazy::parse(&text).map(|p| p.value);
        let eager = serde_json::from_str::<Value>(&text);
        assert_eq!(
            lazy.as_ref().map_err(ToString::to_string),
            eager.as_ref().map_err(ToString::to_string),
            "depth {depth}"
        );
    }
}

/// Every way of changing a map, on a lazily parsed document and on an eager one alike.
#[test]
fn changed_lazy_objects_are_written_as_changed() {
    type Change = fn(&mut Value);
    let changes: &[(&str, Change)] = &[
        ("insert", |v| {
            if let Some(m) = v.as_object_mut() {
                m.insert("new".into(), Value::from(1));
            }
        }),
        ("get_mut", |v| {
            if let Some(x) = v.as_object_mut().and_then(|m| m.get_mut("a")) {
                *x = Value::from("changed");
            }
        }),
        ("index_mut", |v| {
            if v.get("b").is_some() {
                v["b"] = Value::Null;
            }
        }),
        ("entry", |v| {
            if let Some(m) = v.as_object_mut() {
                m.entry("a").or_insert(Value::Bool(true));
                m.entry("zz").or_insert(Value::Bool(false));
            }
        }),
        ("remove", |v| {
            if let Some(m) = v.as_object_mut() {
                m.remove("a");
            }
        }),
        ("shift_remove", |v| {
            if let Some(m) = v.as_object_mut() {
                m.shift_remove("id");
            }
        }),
        ("retain", |v| {
            if let Some(m) = v.as_object_mut() {
                m.retain(|k, _| k.len() > 1);
            }
        }),
        ("values_mut", |v| {
            if let Some(m) = v.as_object_mut() {
                m.values_mut().for_each(|x| *x = Value::from(0));
            }
        }),
        ("iter_mut", |v| {
            if let Some(m) = v.as_object_mut() {
                if let Some((_, x)) = m.iter_mut().last() {
                    *x = Value::from(-1);
                }
            }
        }),
        ("sort_keys", |v| {
            if let Some(m) = v.as_object_mut() {
                m.sort_keys();
            }
        }),
        ("nested pointer_mut", |v| {
            if let Some(x) = v.pointer_mut("/nested/a") {
                *x = Value::from("deep");
            }
        }),
        ("nested in array", |v| {
            for item in v.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
                if let Some(first) = item.as_array_mut().and_then(|a| a.first_mut()) {
                    if let Some(m) = first.as_object_mut() {
                        m.insert("added".into(), Value::Null);
                    }
                }
            }
        }),
        ("take", |v| {
            if let Some(x) = v.get_mut("nested") {
                let _ = x.take();
            }
        }),
        ("append", |v| {
            if let Some(m) = v.as_object_mut() {
                let mut other = serde_json::lazy::parse(r#"{"o":{"p":1},"a":2}"#)
                    .unwrap()
                    .value
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                m.append(&mut other);
            }
        }),
        ("clear", |v| {
            if let Some(m) = v.as_object_mut() {
                m.clear();
            }
        }),
        ("into_iter rebuilt", |v| {
            if let Value::Object(m) = v.take() {
                let rebuilt: Map<String, Value> = m.into_iter().rev().collect();
                *v = Value::Object(rebuilt);
            }
        }),
    ];
    let mut rng = Rng(0xc0ffee);
    for _ in 0..800 {
        let messy = rng.chance(30);
        let text = random_text(&mut rng, messy);
        let Ok(eager) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let lazy = serde_json::lazy::parse(&text).unwrap().value;
        for (name, change) in changes {
            let mut l = lazy.clone();
            let mut e = eager.clone();
            change(&mut l);
            change(&mut e);
            assert_same(&format!("{text} after {name}"), &l, &e);
            // The document the clone came from is untouched.
            assert_same(&format!("{text} (original) after {name}"), &lazy, &eager);
        }
    }
}

/// Members looked up one at a time (`Map::get_str`, `value["key"]`, as JSONPath reads them)
/// are what serde_json gives, and so is the whole object afterwards: read whole, and made an
/// ordinary map by a change (which keeps the members looked up and parses the others).
#[test]
fn members_looked_up_by_key_agree() {
    let mut rng = Rng(0x10c4_7e55);
    let mut lazy_lookups = 0;
    for case in 0..3000 {
        let text = random_text(&mut rng, case % 2 == 1);
        let Ok(eager) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let lazy = serde_json::lazy::parse(&text).unwrap().value;
        look_up(&mut rng, &lazy, &eager, &text, &mut lazy_lookups);
        if case % 3 == 0 {
            assert_same(&text, &lazy, &eager);
        }
        // Unshared now: the change takes the members, looked up or not, out of the lazy map.
        let (mut l, mut e) = (lazy, eager);
        for v in [&mut l, &mut e] {
            if let Some(m) = v.as_object_mut() {
                m.insert("added".into(), Value::from(1));
            }
        }
        assert_same(&format!("{text} after lookups and a change"), &l, &e);
    }
    assert!(
        lazy_lookups > 2000,
        "{lazy_lookups} lookups in lazy objects"
    );
}

/// Looks up some members of every object in `lazy` (and a missing one), comparing each with
/// `eager`'s, and goes on into those found.
fn look_up(rng: &mut Rng, lazy: &Value, eager: &Value, text: &str, lazy_lookups: &mut usize) {
    match (lazy, eager) {
        (Value::Object(l), Value::Object(e)) => {
            let keys: Vec<&String> = e.keys().collect();
            for _ in 0..keys.len() {
                let key = keys[rng.below(keys.len())];
                *lazy_lookups += usize::from(l.is_lazy());
                let (lv, ev) = (l.get_str(key), e.get(key));
                assert_eq!(lv.map(ordered), ev.map(ordered), "{key:?} in {text}");
                assert_eq!(lazy.get(key.as_str()), ev, "{key:?} in {text} (Index)");
                if let (Some(lv), Some(ev)) = (lv, ev) {
                    if rng.chance(60) {
                        look_up(rng, lv, ev, text, lazy_lookups);
                    }
                }
            }
            assert_eq!(l.get_str("no such member"), None, "{text}");
        }
        (Value::Array(l), Value::Array(e)) => {
            for (lv, ev) in l.iter().zip(e) {
                look_up(rng, lv, ev, text, lazy_lookups);
            }
        }
        _ => {}
    }
}
