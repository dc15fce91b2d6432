//! String functions.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::{arg, string};
use crate::error::{Err, R};
use crate::eval::{display, Evaluator};
use crate::regex::{JRegex, Match};
use crate::value::{js_number_to_string, Func, Map, Value};
use base64::Engine;
use std::rc::Rc;

fn s_arg(args: &[Value], i: usize) -> Option<Rc<str>> {
    match args.get(i) {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

pub fn string_fn(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let v = arg(args, 0);
    if v.is_undefined() {
        return Ok(Value::Undefined);
    }
    let pretty = matches!(arg(args, 1), Value::Bool(true));
    Ok(Value::string(string(ev, &v, pretty)?))
}

pub fn length(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(s_arg(args, 0)
        .map(|s| Value::Number(s.chars().count() as f64))
        .unwrap_or(Value::Undefined))
}

/// JavaScript `Array.prototype.slice` index normalisation.
fn slice_index(i: f64, len: usize) -> usize {
    let len_f = len as f64;
    let i = if i.is_nan() { 0.0 } else { i.trunc() };
    if i < 0.0 {
        (len_f + i).max(0.0) as usize
    } else {
        i.min(len_f) as usize
    }
}

pub fn substring(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let chars: Vec<char> = s.chars().collect();
    let len = chars.len();
    let mut start = arg(args, 1).as_f64().unwrap_or(f64::NAN);
    if len as f64 + start < 0.0 {
        start = 0.0;
    }
    let out: String = match arg(args, 2) {
        Value::Number(l) => {
            if l <= 0.0 {
                return Ok(Value::str(""));
            }
            let end = if start >= 0.0 {
                start + l
            } else {
                len as f64 + start + l
            };
            let (a, b) = (slice_index(start, len), slice_index(end, len));
            if a >= b {
                String::new()
            } else {
                chars[a..b].iter().collect()
            }
        }
        _ => chars[slice_index(start, len)..].iter().collect(),
    };
    Ok(Value::string(out))
}

pub fn substring_before(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let Some(c) = s_arg(args, 1) else {
        return Ok(Value::String(s));
    };
    Ok(match s.find(c.as_ref()) {
        Some(p) => Value::str(&s[..p]),
        None => Value::String(s),
    })
}

pub fn substring_after(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let Some(c) = s_arg(args, 1) else {
        return Ok(Value::String(s));
    };
    Ok(match s.find(c.as_ref()) {
        Some(p) => Value::str(&s[p + c.len()..]),
        None => Value::String(s),
    })
}

pub fn lowercase(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(s_arg(args, 0)
        .map(|s| Value::string(s.to_lowercase()))
        .unwrap_or(Value::Undefined))
}

pub fn uppercase(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(s_arg(args, 0)
        .map(|s| Value::string(s.to_uppercase()))
        .unwrap_or(Value::Undefined))
}

pub fn trim(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let mut out = String::with_capacity(s.len());
    let mut in_ws = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !in_ws {
                out.push(' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
    let out = out.strip_prefix(' ').unwrap_or(&out);
    let out = out.strip_suffix(' ').unwrap_or(out);
    Ok(Value::str(out))
}

pub fn pad(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let width = arg(args, 1).as_f64().unwrap_or(0.0);
    let ch = match s_arg(args, 2) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => " ".to_string(),
    };
    let len = s.chars().count() as f64;
    let pad_len = width.abs().trunc() - len;
    if pad_len <= 0.0 {
        return Ok(Value::String(s));
    }
    let pad_len = pad_len as usize;
    ev.check_str(pad_len.saturating_add(s.len()))?;
    let padding: String = ch.chars().cycle().take(pad_len).collect();
    Ok(Value::string(if width > 0.0 {
        format!("{s}{padding}")
    } else {
        format!("{padding}{s}")
    }))
}

/// Matches of a regex or custom matcher over `s`, following jsonata-js's `next()` protocol.
fn matches(ev: &mut Evaluator, matcher: &Value, s: &str, limit: Option<usize>) -> R<Vec<Match>> {
    let mut out = vec![];
    if let Value::Function(f) = matcher {
        if let Func::Regex(re) = f.as_ref() {
            let mut last_index = 0usize;
            let mut first = true;
            loop {
                if limit.is_some_and(|l| out.len() >= l) {
                    break;
                }
                if !first && last_index >= s.len() {
                    break;
                }
                let Some(caps) = re.regex().captures_at(s, last_index) else {
                    break;
                };
                let Some(m) = caps.get(0) else { break };
                if !first && m.as_str().is_empty() {
                    return Err(Err::new("D1004").value(crate::error::q(&re.source)).into());
                }
                first = false;
                let start = s[..m.start()].chars().count();
                let text = m.as_str().to_string();
                let end = start + text.chars().count();
                let groups = (1..caps.len())
                    .map(|i| caps.get(i).map(|g| g.as_str().to_string()))
                    .collect();
                out.push(Match {
                    text,
                    start,
                    end,
                    byte_start: m.start(),
                    byte_end: m.end(),
                    groups,
                });
                last_index = m.end();
                ev.tick()?;
            }
            return Ok(out);
        }
        // Custom matcher function returning {match, start, end, groups, next}.
        let mut result = ev.apply(matcher, vec![Value::str(s)], &Value::Null)?;
        let chars: Vec<char> = s.chars().collect();
        let byte_at = |ci: usize| -> usize { chars.iter().take(ci).map(|c| c.len_utf8()).sum() };
        while let Value::Object(o) = &result {
            if limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            let text = match o.get("match") {
                Some(Value::String(t)) => t.to_string(),
                _ => return Err(Err::new("T1010").into()),
            };
            let start = match o.get("start") {
                Some(Value::Number(n)) => *n as usize,
                _ => return Err(Err::new("T1010").into()),
            };
            let end = match o.get("end") {
                Some(Value::Number(n)) => *n as usize,
                _ => start + text.chars().count(),
            };
            let groups = match o.get("groups") {
                Some(Value::Array(g, _)) => {
                    g.iter().map(|x| x.as_str().map(String::from)).collect()
                }
                _ => vec![],
            };
            out.push(Match {
                text,
                start,
                end,
                byte_start: byte_at(start.min(chars.len())),
                byte_end: byte_at(end.min(chars.len())),
                groups,
            });
            let next = o.get("next").cloned().unwrap_or(Value::Undefined);
            if !next.is_function() {
                break;
            }
            result = ev.apply(&next, vec![], &Value::Null)?;
        }
        if !matches!(result, Value::Object(_) | Value::Undefined) && out.is_empty() {
            return Err(Err::new("T1010").into());
        }
    }
    Ok(out)
}

fn groups_value(m: &Match) -> Value {
    Value::array(
        m.groups
            .iter()
            .map(|g| {
                g.as_ref()
                    .map(|s| Value::str(s))
                    .unwrap_or(Value::Undefined)
            })
            .collect(),
    )
}

/// The object a regex literal returns when called as a function.
pub fn regex_match_object(re: &JRegex, s: &str, _from: usize) -> Value {
    let all = re.find_all(s);
    let Some(m) = all.first() else {
        return Value::Undefined;
    };
    let mut o = Map::default();
    o.insert("match".into(), Value::str(&m.text));
    o.insert("start".into(), Value::Number(m.start as f64));
    o.insert("end".into(), Value::Number(m.end as f64));
    o.insert("groups".into(), groups_value(m));
    Value::object(o)
}

fn limit_arg(v: &Value, code: &'static str) -> R<Option<usize>> {
    match v {
        Value::Number(n) if *n < 0.0 => Err(Err::new(code).value(js_number_to_string(*n)).into()),
        Value::Number(n) => Ok(Some(*n as usize)),
        _ => Ok(None),
    }
}

pub fn match_fn(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let limit = limit_arg(&arg(args, 2), "D3040")?;
    if limit == Some(0) {
        return Ok(Value::seq(vec![]));
    }
    let ms = matches(ev, &arg(args, 1), &s, limit)?;
    let out = ms
        .iter()
        .map(|m| {
            let mut o = Map::default();
            o.insert("match".into(), Value::str(&m.text));
            o.insert("index".into(), Value::Number(m.start as f64));
            o.insert("groups".into(), groups_value(m));
            Value::object(o)
        })
        .collect();
    Ok(Value::seq(out))
}

pub fn contains(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    match arg(args, 1) {
        Value::String(t) => Ok(Value::Bool(s.contains(t.as_ref()))),
        m => Ok(Value::Bool(!matches(ev, &m, &s, Some(1))?.is_empty())),
    }
}

pub fn split(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let limit = limit_arg(&arg(args, 2), "D3020")?;
    if limit == Some(0) {
        return Ok(Value::array(vec![]));
    }
    let sep = arg(args, 1);
    let mut out: Vec<Value> = vec![];
    match &sep {
        Value::String(t) => {
            if t.is_empty() {
                out = s.chars().map(|c| Value::string(c.to_string())).collect();
            } else {
                out = s.split(t.as_ref()).map(Value::str).collect();
            }
            if let Some(l) = limit {
                out.truncate(l);
            }
        }
        m => {
            let ms = matches(ev, m, &s, limit)?;
            if ms.is_empty() {
                out.push(Value::String(s.clone()));
            } else {
                let mut start = 0;
                for m in &ms {
                    out.push(Value::str(s.get(start..m.byte_start).unwrap_or("")));
                    start = m.byte_end;
                }
                if limit.is_none_or(|l| ms.len() < l) {
                    out.push(Value::str(s.get(start..).unwrap_or("")));
                }
            }
        }
    }
    Ok(Value::array(out))
}

pub fn join(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    if a.is_undefined() {
        return Ok(Value::Undefined);
    }
    let sep = s_arg(args, 1).map(|s| s.to_string()).unwrap_or_default();
    let parts: Vec<String> = a
        .items()
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    let out = parts.join(&sep);
    ev.check_str(out.len())?;
    Ok(Value::string(out))
}

fn substitute(replacement: &str, m: &Match) -> String {
    let mut out = String::new();
    let chars: Vec<char> = replacement.chars().collect();
    let mut pos = 0;
    let find = |from: usize| {
        chars
            .iter()
            .skip(from)
            .position(|c| *c == '$')
            .map(|p| p + from)
    };
    let mut index = find(0);
    while let Some(ix) = index {
        if pos >= chars.len() {
            break;
        }
        out.extend(&chars[pos..ix]);
        pos = ix + 1;
        match chars.get(pos) {
            Some('$') => {
                out.push('$');
                pos += 1;
            }
            Some('0') => {
                out.push_str(&m.text);
                pos += 1;
            }
            _ => {
                let ng = m.groups.len();
                let max_digits = if ng == 0 {
                    1
                } else {
                    (ng as f64).log10().floor() as usize + 1
                };
                let parse = |n: usize| -> Option<usize> {
                    let s: String = chars.iter().skip(pos).take(n).collect();
                    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                    digits.parse().ok()
                };
                let mut idx = parse(max_digits);
                if max_digits > 1 && idx.is_some_and(|i| i > ng) {
                    idx = parse(max_digits - 1);
                }
                match idx {
                    Some(i) => {
                        if ng > 0 && i >= 1 {
                            if let Some(Some(g)) = m.groups.get(i - 1) {
                                out.push_str(g);
                            }
                        }
                        pos += i.to_string().len();
                    }
                    None => out.push('$'),
                }
            }
        }
        index = find(pos);
    }
    if pos < chars.len() {
        out.extend(&chars[pos..]);
    }
    out
}

pub fn replace(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let pattern = arg(args, 1);
    let replacement = arg(args, 2);
    if matches!(&pattern, Value::String(p) if p.is_empty()) {
        return Err(Err::new("D3010").value("\"\"").into());
    }
    let limit = limit_arg(&arg(args, 3), "D3011")?;
    if limit == Some(0) {
        return Ok(Value::String(s));
    }
    let mut out = String::new();
    match &pattern {
        Value::String(p) => {
            let rep = match &replacement {
                Value::String(r) => r.to_string(),
                _ => String::new(),
            };
            let mut count = 0;
            let mut rest: &str = &s;
            while let Some(ix) = rest.find(p.as_ref()) {
                if limit.is_some_and(|l| count >= l) {
                    break;
                }
                out.push_str(&rest[..ix]);
                out.push_str(&rep);
                rest = &rest[ix + p.len()..];
                count += 1;
                ev.check_str(out.len())?;
            }
            out.push_str(rest);
        }
        m => {
            let ms = matches(ev, m, &s, limit)?;
            if ms.is_empty() {
                return Ok(Value::String(s));
            }
            let mut pos = 0;
            for mt in &ms {
                out.push_str(s.get(pos..mt.byte_start).unwrap_or(""));
                match &replacement {
                    Value::String(r) => out.push_str(&substitute(r, mt)),
                    f => {
                        let mut o = Map::default();
                        o.insert("match".into(), Value::str(&mt.text));
                        o.insert("start".into(), Value::Number(mt.start as f64));
                        o.insert("end".into(), Value::Number(mt.end as f64));
                        o.insert("groups".into(), groups_value(mt));
                        let r = ev.apply(f, vec![Value::object(o)], &Value::Null)?;
                        match r {
                            Value::String(t) => out.push_str(&t),
                            other => return Err(Err::new("D3012").value(display(&other)).into()),
                        }
                    }
                }
                pos = mt.byte_start + mt.text.len();
                ev.check_str(out.len())?;
            }
            out.push_str(s.get(pos..).unwrap_or(""));
        }
    }
    Ok(Value::string(out))
}

pub fn base64encode(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let bytes: Vec<u8> = s.chars().map(|c| (c as u32 & 0xFF) as u8).collect();
    Ok(Value::string(
        base64::engine::general_purpose::STANDARD.encode(bytes),
    ))
}

pub fn base64decode(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let bytes = engine.decode(cleaned.as_bytes()).unwrap_or_default();
    Ok(Value::string(bytes.iter().map(|b| *b as char).collect()))
}

const URI_RESERVED: &str = ";,/?:@&=+$#";
const URI_UNRESERVED_MARKS: &str = "-_.!~*'()";

fn encode(s: &str, keep: &str) -> R<Value> {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || URI_UNRESERVED_MARKS.contains(c) || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Ok(Value::string(out))
}

fn decode(s: &str, keep: &str, name: &str) -> R<Value> {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = vec![];
    let mut i = 0;
    let bad = || -> Box<Err> { Box::new(Err::new("D3140").token(name).value(crate::error::q(s))) };
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or_else(bad)?;
            let b = u8::from_str_radix(hex, 16).map_err(|_| bad())?;
            if b < 0x80 && keep.contains(b as char) {
                out.extend_from_slice(&bytes[i..i + 3]);
            } else {
                out.push(b);
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map(Value::string).map_err(|_| bad())
}

pub fn encode_url_component(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    encode(&s, "")
}

pub fn encode_url(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    encode(&s, URI_RESERVED)
}

pub fn decode_url_component(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    decode(&s, "", "decodeUrlComponent")
}

pub fn decode_url(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Some(s) = s_arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    decode(&s, URI_RESERVED, "decodeUrl")
}
