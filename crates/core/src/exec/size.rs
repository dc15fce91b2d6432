//! The size of a value's compact JSON text, counted without writing it.
//!
//! The engine checks every state's output against the payload limit (256 KiB), so this runs
//! once per transition. Walking the value and adding up lengths is several times faster than
//! serialising it into a counting writer (one small write per token); the table test below
//! pins the count to `serde_json::to_string(v).len()`.

use aslplay_jsonpath::SetSite;
use serde_json::Value;

/// Size of the compact JSON text of `v` (as `serde_json::to_string` writes it) in UTF-8 bytes.
pub fn json_size(v: &Value) -> usize {
    match v {
        Value::Array(items) => {
            // `[` `]` and a comma between items.
            let mut n = 2 + items.len().saturating_sub(1);
            for item in items {
                n += leaf_or_walk(item);
            }
            n
        }
        Value::Object(map) => {
            if let Some(text) = map.canonical_text() {
                return text.len();
            }
            // `{` `}`, a colon per entry and a comma between entries.
            let mut n = 2 + map.len() + map.len().saturating_sub(1);
            for (k, item) in map {
                n += string_size(k) + leaf_or_walk(item);
            }
            n
        }
        leaf => leaf_size(leaf),
    }
}

/// The size of `v` when it is known without a walk: a scalar, or an unchanged object of a
/// lazily parsed payload (`serde_json::lazy`), which knows its text.
#[inline]
pub fn known_size(v: &Value) -> Option<usize> {
    match v {
        Value::Array(_) => None,
        Value::Object(map) => map.canonical_text().map(str::len),
        leaf => Some(leaf_size(leaf)),
    }
}

/// [`json_size`], a scalar's sized in place (no call): for callers that size single values,
/// most of them numbers and short strings.
#[inline]
pub fn scalar_or_walk(v: &Value) -> usize {
    leaf_or_walk(v)
}

/// A scalar's size in place, a container's by a (recursive) walk: most nodes are scalars, and
/// sizing them inline saves a call per node.
#[inline(always)]
fn leaf_or_walk(v: &Value) -> usize {
    match v {
        Value::Array(_) | Value::Object(_) => json_size(v),
        leaf => leaf_size(leaf),
    }
}

#[inline(always)]
fn leaf_size(v: &Value) -> usize {
    match v {
        Value::Null | Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => number_size(n),
        Value::String(s) => string_size(s),
        // Containers are walked by `json_size`.
        Value::Array(_) | Value::Object(_) => json_size(v),
    }
}

/// The size of a document of `before` bytes after `ReferencePath::set` puts a value of
/// `value_size` bytes at `site`: only a replaced node is walked. `None` when `before` is too
/// small to hold the replaced node (a wrong `before`; the caller walks instead).
pub fn size_after_set(before: usize, site: &SetSite<'_>, value_size: usize) -> Option<usize> {
    match site {
        SetSite::Replace(old) => before
            .checked_sub(json_size(old))
            .map(|rest| rest + value_size),
        SetSite::Insert { into_empty, names } => {
            // `,` (unless the object was empty) `"name":` and, for each created object,
            // `{` `"name":` `}` around the value.
            let mut n = before + usize::from(!into_empty) + value_size;
            for name in names.iter() {
                n += string_size(name) + 1;
            }
            Some(n + 2 * names.len().saturating_sub(1))
        }
    }
}

fn number_size(n: &serde_json::Number) -> usize {
    if let Some(u) = n.as_u64() {
        digits(u)
    } else if let Some(i) = n.as_i64() {
        1 + digits(i.unsigned_abs())
    } else {
        // Floats are rare in payloads: let serde_json (ryu) format them.
        let mut c = Counter(0);
        let _ = serde_json::to_writer(&mut c, n);
        c.0
    }
}

fn digits(mut u: u64) -> usize {
    let mut n = 1;
    while u >= 10 {
        u /= 10;
        n += 1;
    }
    n
}

/// Quoted and escaped as serde_json does: `"` and `\` and the short escapes `\b \t \n \f \r`
/// take two bytes, other control characters six (`\u001f`); everything else is copied.
#[inline]
fn string_size(s: &str) -> usize {
    let bytes = s.as_bytes();
    if !needs_escape(bytes) {
        return bytes.len() + 2;
    }
    s.len() + 2 + escape_extra(bytes)
}

/// The bytes escaping adds: one for `"` `\` and the short escapes, five for other control
/// characters. Eight bytes per step (an exact per-byte mask and a population count); a chunk
/// with a control character, rare in payloads, is counted byte by byte.
fn escape_extra(bytes: &[u8]) -> usize {
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit set exactly where a byte of `x` is zero (no borrow between bytes).
    let zero_bytes = |x: u64| !(((x & LOWS) + LOWS) | x | LOWS);
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        let x = u64::from_le_bytes(eight);
        // A high bit set exactly where a byte is below 0x20.
        let control = !(((x & LOWS) + ONES * 0x60) | x) & HIGHS;
        if control != 0 {
            n += bytes_extra(chunk);
            continue;
        }
        let special =
            zero_bytes(x ^ (ONES * u64::from(b'"'))) | zero_bytes(x ^ (ONES * u64::from(b'\\')));
        n += special.count_ones() as usize;
    }
    n + bytes_extra(chunks.remainder())
}

/// [`escape_extra`] a byte at a time.
fn bytes_extra(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            b'"' | b'\\' | 0x08 | b'\t' | b'\n' | 0x0c | b'\r' => 1,
            0..0x20 => 5,
            _ => 0,
        })
        .sum()
}

/// Whether any byte is a control character, `"` or `\\`: most strings have none, and this
/// checks eight bytes per step (SWAR: plain `u64` arithmetic, fast natively and in wasm).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit set where a byte of `x` is zero (exact about whether any byte is).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            return true;
        };
        let x = u64::from_le_bytes(eight);
        // A byte below 0x20: `x - 0x20` borrows into its high bit and `x` had none set.
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        if control
            | zero_byte(x ^ (ONES * u64::from(b'"')))
            | zero_byte(x ^ (ONES * u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_every_byte_that_needs_an_escape_at_every_position() {
        for len in 0..20 {
            let plain = "a~é".repeat(len);
            assert!(!needs_escape(plain.as_bytes()), "{plain}");
            for at in 0..plain.len() {
                for b in (0u8..0x20).chain([b'"', b'\\']) {
                    let mut bytes = plain.clone().into_bytes();
                    bytes[at] = b;
                    assert!(needs_escape(&bytes), "{b:#x} at {at} of {len}");
                }
            }
        }
        // Bytes next to the special ones (and every high byte) need no escape.
        let others: Vec<u8> = (0x20u8..=0xff)
            .filter(|b| *b != b'"' && *b != b'\\')
            .collect();
        assert!(!needs_escape(&others));
    }

    #[test]
    fn counts_what_escaping_adds_for_every_byte_at_every_position() {
        for len in 0..6 {
            let plain: Vec<char> = "a~é".repeat(len).chars().collect();
            for at in 0..plain.len() {
                for b in 0u8..0x80 {
                    let mut chars = plain.clone();
                    chars[at] = char::from(b);
                    // Two specials, to catch a mask that leaks into the next byte.
                    for second in [None, Some('"'), Some('\u{1}')] {
                        let mut chars = chars.clone();
                        if let Some(c) = second {
                            chars.insert((at + 1).min(chars.len()), c);
                        }
                        let s: String = chars.into_iter().collect();
                        let expected = serde_json::to_string(&s).unwrap().len();
                        assert_eq!(string_size(&s), expected, "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn size_after_set_is_the_size_of_the_set_document() {
        let docs = [
            json!({"a": {"b": [1, {"c": "x\n"}]}, "e": {}, "s": "x"}),
            json!({}),
            json!([{"k": 1}]),
        ];
        let paths = [
            "$.a.b[1].c",
            "$.a.b[0]",
            "$.s",
            "$.n",
            "$.e.x",
            "$.e.x.y",
            "$.a.b[1].d['q \" r']",
            "$.new.deep.er",
            "$[0].k",
            "$[0].z",
            "$[-1]",
        ];
        let values = [json!(null), json!({"v": [1, 2]}), json!("é")];
        let mut checked = 0;
        for doc in &docs {
            for path in paths {
                let Ok(p) = aslplay_jsonpath::ReferencePath::parse(path) else {
                    panic!("{path}");
                };
                for value in &values {
                    let Some(site) = p.set_site(doc) else {
                        continue;
                    };
                    let got = size_after_set(json_size(doc), &site, json_size(value));
                    let mut after = doc.clone();
                    assert!(p.set(&mut after, value.clone()).is_ok(), "{path}");
                    assert_eq!(got, Some(json_size(&after)), "{path} on {doc} = {value}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "{checked}");
    }

    #[test]
    fn counts_what_serde_json_writes() {
        let cases = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(9),
            json!(10),
            json!(99),
            json!(100),
            json!(999_999),
            json!(1_000_000),
            json!(999_999_999_999_999_999_u64),
            json!(1_000_000_000_000_000_000_u64),
            json!(10_000_000_000_000_000_000_u64),
            json!(-10),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(-1),
            json!(1.5),
            json!(-0.0),
            json!(1e300),
            json!(0.1),
            json!(""),
            json!("plain"),
            json!("quote \" backslash \\ slash /"),
            json!("\u{8}\t\n\u{c}\r\u{0}\u{1f}\u{7f}"),
            json!("é ü 漢字 🎉"),
            json!([]),
            json!([1]),
            json!([1, "a", null, [], {}]),
            json!({}),
            json!({"a": 1}),
            json!({"k\"ey": {"n\n": [true, false, {"x": -12.25}]}, "b": "c"}),
        ];
        for v in cases {
            let text = serde_json::to_string(&v).unwrap();
            assert_eq!(json_size(&v), text.len(), "{text}");
        }
    }
}
