//! AWS Step Functions additions: `$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::arg;
use crate::error::{Err, R};
use crate::eval::{display, Evaluator};
use crate::value::{from_json, js_number_to_string, Value};

fn invalid(fname: &str, msg: String) -> Box<Err> {
    Box::new(Err::new("D3150").token(fname).message(msg))
}

/// `$partition(array, size)`: chunks of `size` items (the last may be shorter).
pub fn partition(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let items = match arg(args, 0) {
        Value::Undefined => return Ok(Value::Undefined),
        Value::Array(a, _) => a.as_ref().clone(),
        v => vec![v],
    };
    let size = match arg(args, 1) {
        Value::Number(n) if n >= 1.0 && n.fract() == 0.0 => n as usize,
        other => {
            return Err(invalid(
                "partition",
                format!(
                    "The chunk size argument of $partition must be a positive integer; got {}",
                    display(&other)
                ),
            ))
        }
    };
    ev.check_len(items.len())?;
    let out = items
        .chunks(size)
        .map(|c| Value::array(c.to_vec()))
        .collect();
    Ok(Value::array(out))
}

/// `$range(start, end, step)`: numbers from `start` to `end` inclusive by `step` (default 1).
pub fn range(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let (Value::Number(start), Value::Number(end)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(Value::Undefined);
    };
    let step = match arg(args, 2) {
        Value::Number(s) => s,
        _ => 1.0,
    };
    if step == 0.0 || !step.is_finite() {
        return Err(invalid(
            "range",
            format!(
                "The step argument of $range must be a non-zero number; got {}",
                js_number_to_string(step)
            ),
        ));
    }
    let count = ((end - start) / step).floor() + 1.0;
    if count <= 0.0 {
        return Ok(Value::array(vec![]));
    }
    if count > ev.limits.max_array_len as f64 {
        return Err(Err::new("U1003")
            .extra(format!(
                "$range would produce {} items, more than the limit of {}",
                js_number_to_string(count),
                ev.limits.max_array_len
            ))
            .into());
    }
    ev.charge((count as usize).saturating_mul(4))?;
    let out = (0..count as usize)
        .map(|i| Value::Number(start + step * i as f64))
        .collect();
    // A sequence, like JSONata's own range operator: AWS (recorded) returns `1`, not `[1]`,
    // for `$range(1, 9, 9)`.
    Ok(Value::seq(out))
}

/// `$hash(data, algorithm)`: hex digest with MD5, SHA-1, SHA-256 (default), SHA-384 or SHA-512.
pub fn hash(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    use sha2::Digest;
    let Value::String(data) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let alg = match arg(args, 1) {
        Value::String(a) => a.to_string(),
        _ => "SHA-256".to_string(),
    };
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match alg.as_str() {
        "MD5" => md5::Md5::digest(bytes).to_vec(),
        "SHA-1" => sha1::Sha1::digest(bytes).to_vec(),
        "SHA-256" => sha2::Sha256::digest(bytes).to_vec(),
        "SHA-384" => sha2::Sha384::digest(bytes).to_vec(),
        "SHA-512" => sha2::Sha512::digest(bytes).to_vec(),
        other => {
            return Err(invalid(
                "hash",
                format!(
                    "Unsupported hash algorithm '{other}'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                ),
            ))
        }
    };
    Ok(Value::string(
        digest.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

/// SplitMix64: a small deterministic generator for seeded `$random(seed)`.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `$random([seed])`: a number in [0, 1); with a seed, always the same number for that seed.
pub fn random(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Number(seed) => {
            let bits = splitmix(seed.to_bits());
            Ok(Value::Number((bits >> 11) as f64 / (1u64 << 53) as f64))
        }
        _ => Ok(Value::Number(ev.host.random())),
    }
}

/// `$uuid()`: a version 4 UUID from the host's random source.
pub fn uuid(ev: &mut Evaluator, _: &[Value], _: &Value) -> R<Value> {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        let r = (ev.host.random() * 4_294_967_296.0) as u64 as u32;
        chunk.copy_from_slice(&r.to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    let h: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::string(format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )))
}

/// `$parse(json)`: JSON text to a value.
pub fn parse(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::String(s) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    match serde_json::from_str::<serde_json::Value>(&s) {
        Ok(j) => Ok(from_json(&j)),
        Err(e) => Err(invalid(
            "parse",
            format!("Unable to parse JSON passed to $parse(): {e}"),
        )),
    }
}
