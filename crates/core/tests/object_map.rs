//! The workspace builds serde_json with its `preserve_order` object map replaced
//! (`vendor/serde_json/src/vecmap.rs`, see docs/performance.md). Every payload object in the
//! interpreter is one of these maps, so it must behave exactly like the `indexmap::IndexMap`
//! it replaces: these tests run long seeded sequences of operations on both and compare them
//! after every step, across the size where the map starts keeping a hash index.

use indexmap::IndexMap;
use serde_json::{Map, Value};

mod common;
use common::Rng;

type Reference = IndexMap<String, Value>;

fn assert_same(map: &Map<String, Value>, reference: &Reference, step: &str) {
    let ours: Vec<(&String, &Value)> = map.iter().collect();
    let theirs: Vec<(&String, &Value)> = reference.iter().collect();
    assert_eq!(ours, theirs, "after {step}");
    assert_eq!(map.len(), reference.len(), "len after {step}");
    for key in reference.keys() {
        assert_eq!(map.get(key), reference.get(key), "get({key}) after {step}");
        assert_eq!(
            map.get_str(key),
            reference.get(key),
            "get_str({key}) after {step}"
        );
        assert!(
            map.contains_key(key.as_str()),
            "contains({key}) after {step}"
        );
    }
    assert_eq!(
        map.keys().rev().collect::<Vec<_>>(),
        reference.keys().rev().collect::<Vec<_>>(),
        "keys reversed after {step}"
    );
}

/// One random operation on both maps; returns its name for the failure message.
fn step(
    rng: &mut Rng,
    keys: usize,
    map: &mut Map<String, Value>,
    reference: &mut Reference,
) -> String {
    // Keys from spaces narrower and wider than the index threshold (16 entries), so maps grow
    // past it and shrink back below it.
    let key = format!("k{}", rng.below(keys));
    let value = Value::from(rng.below(1000));
    match rng.below(12) {
        0..=3 => {
            assert_eq!(
                map.insert(key.clone(), value.clone()),
                reference.insert(key.clone(), value),
                "insert {key}"
            );
            format!("insert {key}")
        }
        4 => {
            assert_eq!(map.swap_remove(&key), reference.swap_remove(&key));
            format!("swap_remove {key}")
        }
        5 => {
            assert_eq!(
                map.shift_remove_entry(&key),
                reference.shift_remove_entry(&key)
            );
            format!("shift_remove_entry {key}")
        }
        6 => {
            // `remove` is `swap_remove` with preserve_order.
            assert_eq!(map.remove(&key), reference.swap_remove(&key));
            format!("remove {key}")
        }
        7 => {
            let ours = map
                .entry(key.clone())
                .and_modify(|v| *v = Value::from(v.as_u64().unwrap_or(0) + 1))
                .or_insert(value.clone())
                .clone();
            let theirs = reference
                .entry(key.clone())
                .and_modify(|v| *v = Value::from(v.as_u64().unwrap_or(0) + 1))
                .or_insert(value)
                .clone();
            assert_eq!(ours, theirs);
            format!("entry {key}")
        }
        8 => {
            let shift = rng.below(2) == 0;
            if let serde_json::map::Entry::Occupied(o) = map.entry(key.clone()) {
                let ours = if shift {
                    o.shift_remove_entry()
                } else {
                    o.swap_remove_entry()
                };
                let theirs = if shift {
                    reference.shift_remove_entry(&key)
                } else {
                    reference.swap_remove_entry(&key)
                };
                assert_eq!(Some(ours), theirs);
            }
            format!("occupied remove {key} (shift {shift})")
        }
        9 => {
            let cut = rng.below(1000) as u64;
            map.retain(|_, v| v.as_u64().unwrap_or(0) >= cut);
            reference.retain(|_, v| v.as_u64().unwrap_or(0) >= cut);
            format!("retain >= {cut}")
        }
        10 => {
            let at = rng.below(map.len() + 1);
            let present = reference.contains_key(&key);
            if present && at >= reference.len() {
                return "shift_insert skipped (out of bounds)".into();
            }
            assert_eq!(
                map.shift_insert(at, key.clone(), value.clone()),
                reference.shift_insert(at, key.clone(), value)
            );
            format!("shift_insert {at} {key}")
        }
        _ => {
            if rng.below(8) == 0 {
                map.sort_keys();
                reference.sort_unstable_keys();
                "sort_keys".into()
            } else {
                let more: Vec<(String, Value)> = (0..rng.below(6))
                    .map(|_| (format!("k{}", rng.below(keys)), Value::from(rng.below(9))))
                    .collect();
                map.extend(more.clone());
                reference.extend(more);
                "extend".into()
            }
        }
    }
}

#[test]
fn behaves_like_indexmap_under_random_operations() {
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut map = Map::new();
        let mut reference = Reference::new();
        let keys = 8 + (seed as usize % 5) * 8;
        for i in 0..300 {
            let what = step(&mut rng, keys, &mut map, &mut reference);
            assert_same(&map, &reference, &format!("seed {seed} step {i}: {what}"));
            // A clone is an equal, independent map.
            if i % 50 == 0 {
                let copy = map.clone();
                assert_eq!(copy, map);
                assert_same(&copy, &reference, "clone");
            }
        }
        let owned: Vec<(String, Value)> = map.into_iter().collect();
        assert_eq!(owned, reference.into_iter().collect::<Vec<_>>());
    }
}

#[test]
fn equality_ignores_order_like_indexmap() {
    for n in [0, 1, 2, 16, 17, 40] {
        let forward: Map<String, Value> =
            (0..n).map(|i| (format!("k{i}"), Value::from(i))).collect();
        let backward: Map<String, Value> = (0..n)
            .rev()
            .map(|i| (format!("k{i}"), Value::from(i)))
            .collect();
        assert_eq!(forward, backward, "{n} entries in either order");
        if n > 0 {
            let mut changed = backward.clone();
            changed.insert(format!("k{}", n - 1), Value::from("x"));
            assert_ne!(forward, changed, "{n} entries, one value differs");
            let mut other_key = backward.clone();
            other_key.remove(&format!("k{}", n - 1));
            other_key.insert("other".into(), Value::from(n - 1));
            assert_ne!(forward, other_key, "{n} entries, one key differs");
        }
    }
}

#[test]
fn parsing_keeps_order_and_the_last_duplicate_at_the_first_position() {
    for n in [3, 16, 17, 40] {
        let mut text = String::from("{");
        for i in (0..n).rev() {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k1\":\"again\"}");
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        let keys: Vec<String> = v
            .as_object()
            .map_or(vec![], |m| m.keys().cloned().collect());
        let expected: Vec<String> = (0..n).rev().map(|i| format!("k{i}")).collect();
        assert_eq!(keys, expected, "{n} keys");
        assert_eq!(v["k1"], "again");
        let written = text.replace("\"k1\":1,", "\"k1\":\"again\",");
        let written = written.replace(",\"k1\":\"again\"}", "}");
        assert_eq!(serde_json::to_string(&v).ok(), Some(written), "{n} keys");
    }
}

/// The vendored map is what serde_json uses here (the `[patch]` is in effect): a `Value` is
/// four words on 64-bit targets, not nine as with `IndexMap` (a lazily parsed object,
/// `vendor/serde_json/src/lazy.rs`, takes the place of the entries, its tag in a niche).
#[test]
#[cfg(target_pointer_width = "64")]
fn the_smaller_map_is_in_use() {
    assert_eq!(std::mem::size_of::<Value>(), 32);
}

/// `Map::get_str` and `get_mut_str` compare short keys in place, a word at a time: keys of
/// every length up to 40 bytes that differ in a single byte, anywhere, are told apart.
#[test]
fn str_lookups_tell_keys_apart_at_every_length_and_byte() {
    for len in 0..=40 {
        let base: String = (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let mut map = Map::new();
        map.insert(base.clone(), Value::from(-1));
        let mut variants = Vec::new();
        for at in 0..len {
            let mut bytes = base.clone().into_bytes();
            bytes[at] = b'Z';
            let key = String::from_utf8(bytes).unwrap();
            map.insert(key.clone(), Value::from(at));
            // Two keys: a map this small compares keys (no hash index).
            let pair: Map<String, Value> = [
                (base.clone(), Value::from(-1)),
                (key.clone(), Value::from(at)),
            ]
            .into_iter()
            .collect();
            assert_eq!(pair.get_str(&key), Some(&Value::from(at)), "{key}");
            assert_eq!(pair.get_str(&base), Some(&Value::from(-1)), "{base}");
            variants.push((key, at));
        }
        assert_eq!(map.get_str(&base), Some(&Value::from(-1)), "{base}");
        for (key, at) in &variants {
            assert_eq!(map.get_str(key), Some(&Value::from(*at)), "{key}");
            *map.get_mut_str(key).unwrap() = Value::from(*at + 100);
        }
        for (key, at) in &variants {
            assert_eq!(map.get_str(key), Some(&Value::from(*at + 100)), "{key}");
        }
        // Longer, shorter, and a prefix of the key are other keys.
        assert_eq!(map.get_str(&format!("{base}a")), None);
        if len > 0 {
            assert_eq!(map.get_str(&base[..len - 1]), None);
        }
    }
}
