//! `$formatNumber`, `$formatBase`, `$formatInteger`, `$parseInteger` (XPath F&O pictures).
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::arg;
use super::numeric::round_half_even;
use crate::error::{Err, R};
use crate::eval::Evaluator;
use crate::value::{js_number_to_string, Value};

const DECIMAL_GROUPS: &[u32] = &[
    0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10,
];

/// Primary format of an integer picture.
#[derive(Debug, Clone, PartialEq)]
pub enum Primary {
    Decimal,
    Letters,
    Roman,
    Words,
    Sequence(String),
}

/// Letter case of a picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Case {
    Upper,
    Lower,
    Title,
}

/// An analysed integer picture (jsonata-js `analyseIntegerPicture`).
#[derive(Debug, Clone)]
pub struct IntPicture {
    pub primary: Primary,
    pub case: Case,
    pub ordinal: bool,
    pub zero_code: u32,
    pub mandatory_digits: usize,
    pub optional_digits: usize,
    pub regular: Option<(usize, char)>,
    pub separators: Vec<(usize, char)>,
}

fn regular_separator(seps: &[(usize, char)]) -> Option<(usize, char)> {
    let first = seps.first()?;
    if seps.iter().any(|s| s.1 != first.1) {
        return None;
    }
    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let positions: Vec<usize> = seps.iter().map(|s| s.0).collect();
    let factor = positions.iter().copied().fold(positions[0], gcd);
    for i in 1..=positions.len() {
        if !positions.contains(&(i * factor)) {
            return None;
        }
    }
    Some((factor, first.1))
}

/// Analyse an integer picture such as `#,##0`, `i`, `Ww;o`.
pub fn analyse_int_picture(picture: &str) -> R<IntPicture> {
    let mut f = IntPicture {
        primary: Primary::Decimal,
        case: Case::Lower,
        ordinal: false,
        zero_code: 0x30,
        mandatory_digits: 0,
        optional_digits: 0,
        regular: None,
        separators: vec![],
    };
    let primary = match picture.rfind(';') {
        None => picture,
        Some(i) => {
            if picture[i + 1..].starts_with('o') {
                f.ordinal = true;
            }
            &picture[..i]
        }
    };
    match primary {
        "A" => {
            f.case = Case::Upper;
            f.primary = Primary::Letters;
        }
        "a" => f.primary = Primary::Letters,
        "I" => {
            f.case = Case::Upper;
            f.primary = Primary::Roman;
        }
        "i" => f.primary = Primary::Roman,
        "W" => {
            f.case = Case::Upper;
            f.primary = Primary::Words;
        }
        "Ww" => {
            f.case = Case::Title;
            f.primary = Primary::Words;
        }
        "w" => f.primary = Primary::Words,
        _ => {
            let mut zero: Option<u32> = None;
            let mut pos = 0;
            for c in primary.chars().rev() {
                let cp = c as u32;
                if let Some(g) = DECIMAL_GROUPS.iter().find(|g| cp >= **g && cp <= **g + 9) {
                    f.mandatory_digits += 1;
                    pos += 1;
                    match zero {
                        None => zero = Some(*g),
                        Some(z) if z != *g => return Err(Err::new("D3131").into()),
                        _ => {}
                    }
                } else if c == '#' {
                    pos += 1;
                    f.optional_digits += 1;
                } else {
                    f.separators.push((pos, c));
                }
            }
            if f.mandatory_digits > 0 {
                f.zero_code = zero.unwrap_or(0x30);
                f.regular = regular_separator(&f.separators);
            } else {
                f.primary = Primary::Sequence(primary.to_string());
            }
        }
    }
    Ok(f)
}

const FEW: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const ORDINALS: [&str; 20] = [
    "Zeroth",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
];
const DECADES: [&str; 9] = [
    "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred",
];
const MAGNITUDES: [&str; 4] = ["Thousand", "Million", "Billion", "Trillion"];

fn words_lookup(num: f64, prev: bool, ord: bool, depth: usize) -> String {
    if depth > 64 || !num.is_finite() || num < 0.0 {
        return String::new();
    }
    let num = num.floor();
    let mut words;
    if num <= 19.0 {
        let i = num as usize;
        words = format!(
            "{}{}",
            if prev { " and " } else { "" },
            if ord {
                ORDINALS[i.min(19)]
            } else {
                FEW[i.min(19)]
            }
        );
    } else if num < 100.0 {
        let tens = (num / 10.0).floor() as usize;
        let rem = num % 10.0;
        words = format!(
            "{}{}",
            if prev { " and " } else { "" },
            DECADES[tens.clamp(2, 10) - 2]
        );
        if rem > 0.0 {
            words.push('-');
            words.push_str(&words_lookup(rem, false, ord, depth + 1));
        } else if ord {
            words.pop();
            words.push_str("ieth");
        }
    } else if num < 1000.0 {
        let hundreds = (num / 100.0).floor() as usize;
        let rem = num % 100.0;
        words = format!(
            "{}{} Hundred",
            if prev { ", " } else { "" },
            FEW[hundreds.min(19)]
        );
        if rem > 0.0 {
            words.push_str(&words_lookup(rem, true, ord, depth + 1));
        } else if ord {
            words.push_str("th");
        }
    } else {
        let mut mag = (num.log10() / 3.0).floor() as usize;
        if mag > MAGNITUDES.len() {
            mag = MAGNITUDES.len();
        }
        let factor = 10f64.powi(mag as i32 * 3);
        let mant = (num / factor).floor();
        let rem = num - mant * factor;
        words = format!(
            "{}{} {}",
            if prev { ", " } else { "" },
            words_lookup(mant, false, false, depth + 1),
            MAGNITUDES[mag.clamp(1, MAGNITUDES.len()) - 1]
        );
        if rem > 0.0 {
            words.push_str(&words_lookup(rem, true, ord, depth + 1));
        } else if ord {
            words.push_str("th");
        }
    }
    words
}

/// English words for a non-negative integer.
pub fn number_to_words(n: f64, ordinal: bool) -> String {
    words_lookup(n, false, ordinal, 0)
}

fn to_letters(mut v: u64, a: char) -> String {
    let mut out = vec![];
    let base = a as u32;
    while v > 0 {
        out.push(char::from_u32(((v - 1) % 26) as u32 + base).unwrap_or('?'));
        v = (v - 1) / 26;
    }
    out.iter().rev().collect()
}

fn to_roman(mut v: u64) -> String {
    const R: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (n, s) in R {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

/// Format an integer with an analysed picture.
pub fn format_int(value: f64, f: &IntPicture) -> R<String> {
    let neg = value < 0.0;
    let value = value.abs();
    let mut s = match &f.primary {
        Primary::Letters => to_letters(value as u64, if f.case == Case::Upper { 'A' } else { 'a' }),
        Primary::Roman => {
            if value > 1e6 {
                return Err(Err::new("U1003")
                    .extra(format!(
                        "roman numeral for {} would be too long",
                        js_number_to_string(value)
                    ))
                    .into());
            }
            let r = to_roman(value as u64);
            if f.case == Case::Upper {
                r.to_uppercase()
            } else {
                r
            }
        }
        Primary::Words => {
            let w = number_to_words(value, f.ordinal);
            match f.case {
                Case::Upper => w.to_uppercase(),
                Case::Lower => w.to_lowercase(),
                Case::Title => w,
            }
        }
        Primary::Decimal => {
            let mut s = format!("{}", value as u128);
            if value >= 1e21 {
                s = js_number_to_string(value);
            }
            let len = s.chars().count();
            if f.mandatory_digits > len {
                s = "0".repeat(f.mandatory_digits - len) + &s;
            }
            if f.zero_code != 0x30 {
                s = s
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 + f.zero_code - 0x30).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
            }
            let mut chars: Vec<char> = s.chars().collect();
            if let Some((every, ch)) = f.regular {
                if let Some(n) = chars.len().saturating_sub(1).checked_div(every) {
                    for ii in (1..=n).rev() {
                        let pos = chars.len() - ii * every;
                        chars.insert(pos, ch);
                    }
                }
            } else {
                for (p, ch) in f.separators.iter().rev() {
                    let pos = chars.len().saturating_sub(*p);
                    chars.insert(pos, *ch);
                }
            }
            let mut s: String = chars.into_iter().collect();
            if f.ordinal {
                let cs: Vec<char> = s.chars().collect();
                let last = cs.last().copied();
                let prev = if cs.len() > 1 {
                    cs.get(cs.len() - 2).copied()
                } else {
                    None
                };
                let suffix = match last {
                    Some('1') if prev != Some('1') => "st",
                    Some('2') if prev != Some('1') => "nd",
                    Some('3') if prev != Some('1') => "rd",
                    _ => "th",
                };
                s.push_str(suffix);
            }
            s
        }
        Primary::Sequence(tok) => return Err(Err::new("D3130").value(crate::error::q(tok)).into()),
    };
    if neg {
        s.insert(0, '-');
    }
    Ok(s)
}

pub fn format_integer(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::Number(n) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let pic = arg(args, 1);
    let f = analyse_int_picture(pic.as_str().unwrap_or(""))?;
    Ok(Value::string(format_int(n.floor(), &f)?))
}

fn word_value(w: &str) -> Option<f64> {
    let w = w.to_lowercase();
    for (i, x) in FEW.iter().enumerate() {
        if x.to_lowercase() == w {
            return Some(i as f64);
        }
    }
    for (i, x) in ORDINALS.iter().enumerate() {
        if x.to_lowercase() == w {
            return Some(i as f64);
        }
    }
    for (i, x) in DECADES.iter().enumerate() {
        let lx = x.to_lowercase();
        let v = if i == 8 {
            100.0
        } else {
            (i as f64 + 2.0) * 10.0
        };
        if lx == w || format!("{}ieth", &lx[..lx.len() - 1]) == w || format!("{lx}th") == w {
            return Some(v);
        }
    }
    for (i, x) in MAGNITUDES.iter().enumerate() {
        let lx = x.to_lowercase();
        if lx == w || format!("{lx}th") == w {
            return Some(10f64.powi((i as i32 + 1) * 3));
        }
    }
    None
}

/// Parse English number words (jsonata-js `wordsToNumber`).
pub fn words_to_number(text: &str) -> Option<f64> {
    let t = text
        .to_lowercase()
        .replace(", ", " ")
        .replace(" and ", " ")
        .replace('-', " ");
    let mut segs: Vec<f64> = vec![0.0];
    for part in t.split_whitespace() {
        let v = word_value(part)?;
        if v < 100.0 {
            let mut top = segs.pop().unwrap_or(0.0);
            if top >= 1000.0 {
                segs.push(top);
                top = 0.0;
            }
            segs.push(top + v);
        } else {
            let top = segs.pop().unwrap_or(0.0);
            segs.push(top * v);
        }
    }
    Some(segs.iter().sum())
}

/// Parse text with an analysed integer picture.
pub fn parse_int_with(text: &str, f: &IntPicture) -> R<Option<f64>> {
    Ok(match &f.primary {
        Primary::Letters => {
            let a = if f.case == Case::Upper { 'A' } else { 'a' } as u32;
            let mut v = 0f64;
            for c in text.chars() {
                v = v * 26.0 + (c as u32).wrapping_sub(a) as f64 + 1.0;
            }
            Some(v)
        }
        Primary::Roman => {
            let mut dec = 0i64;
            let mut max = 1i64;
            for c in text.to_uppercase().chars().rev() {
                let v = match c {
                    'M' => 1000,
                    'D' => 500,
                    'C' => 100,
                    'L' => 50,
                    'X' => 10,
                    'V' => 5,
                    'I' => 1,
                    _ => return Ok(None),
                };
                if v < max {
                    dec -= v;
                } else {
                    max = v;
                    dec += v;
                }
            }
            Some(dec as f64)
        }
        // jsonata-js yields NaN (JSON null) for unknown words.
        Primary::Words => Some(words_to_number(text).unwrap_or(f64::NAN)),
        Primary::Decimal => {
            let mut digits: String = text.to_string();
            if f.ordinal {
                let n = digits.chars().count();
                digits = digits.chars().take(n.saturating_sub(2)).collect();
            }
            // jsonata-js strips ',' for a regular grouping (whatever its character).
            let seps: Vec<char> = match f.regular {
                Some(_) => vec![','],
                None => f.separators.iter().map(|s| s.1).collect(),
            };
            digits.retain(|c| !seps.contains(&c));
            if f.zero_code != 0x30 {
                digits = digits
                    .chars()
                    .map(|c| {
                        char::from_u32((c as u32).wrapping_sub(f.zero_code) + 0x30).unwrap_or(c)
                    })
                    .collect();
            }
            // `parseInt(digits, 10)`: leading digits, NaN when there are none.
            let t = digits.trim_start();
            let (neg, body) = match t.strip_prefix('-') {
                Some(r) => (true, r),
                None => (false, t.strip_prefix('+').unwrap_or(t)),
            };
            let lead: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
            Some(match lead.parse::<f64>() {
                Ok(v) if neg => -v,
                Ok(v) => v,
                Err(_) => f64::NAN,
            })
        }
        Primary::Sequence(tok) => return Err(Err::new("D3130").value(crate::error::q(tok)).into()),
    })
}

pub fn parse_integer(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::String(s) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let pic = arg(args, 1);
    let f = analyse_int_picture(pic.as_str().unwrap_or(""))?;
    Ok(parse_int_with(&s, &f)?
        .map(Value::Number)
        .unwrap_or(Value::Undefined))
}

pub fn format_base(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::Number(n) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let n = round_half_even(n, 0);
    let radix = match arg(args, 1) {
        Value::Number(r) => r,
        _ => 10.0,
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(Err::new("D3100").value(js_number_to_string(radix)).into());
    }
    let radix = radix as u32;
    let neg = n < 0.0;
    let mut v = n.abs() as u128;
    let mut digits = vec![];
    if v == 0 {
        digits.push('0');
    }
    while v > 0 {
        digits.push(std::char::from_digit((v % radix as u128) as u32, radix).unwrap_or('?'));
        v /= radix as u128;
    }
    if neg {
        digits.push('-');
    }
    Ok(Value::string(digits.iter().rev().collect()))
}

struct Props {
    decimal: char,
    grouping: char,
    exponent: char,
    minus: char,
    percent: char,
    permille: char,
    zero: char,
    digit: char,
    pattern: char,
}

struct Parts {
    prefix: String,
    suffix: String,
    active: String,
    mantissa: String,
    exponent: Option<String>,
    integer: String,
    fraction: String,
    sub: String,
}

struct Pic {
    int_grouping: Vec<usize>,
    regular: usize,
    min_int: usize,
    scaling: usize,
    prefix: String,
    frac_grouping: Vec<usize>,
    min_frac: usize,
    max_frac: usize,
    min_exp: usize,
    suffix: String,
    sub: String,
}

fn first_char(v: &Value, default: char) -> char {
    v.as_str().and_then(|s| s.chars().next()).unwrap_or(default)
}

pub fn format_number(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::Number(value) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let picture = arg(args, 1).as_str().unwrap_or("").to_string();
    let opts = arg(args, 2);
    let o = |k: &str, d: char| match &opts {
        Value::Object(m) => m.get(k).map(|v| first_char(v, d)).unwrap_or(d),
        _ => d,
    };
    let ostr = |k: &str, d: &str| -> String {
        match &opts {
            Value::Object(m) => m
                .get(k)
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or(d.into()),
            _ => d.into(),
        }
    };
    let p = Props {
        decimal: o("decimal-separator", '.'),
        grouping: o("grouping-separator", ','),
        exponent: o("exponent-separator", 'e'),
        minus: o("minus-sign", '-'),
        percent: o("percent", '%'),
        permille: o("per-mille", '\u{2030}'),
        zero: o("zero-digit", '0'),
        digit: o("digit", '#'),
        pattern: o("pattern-separator", ';'),
    };
    let _ = (ostr("infinity", "Infinity"), ostr("NaN", "NaN"));
    let family: Vec<char> = (0..10)
        .filter_map(|i| char::from_u32(p.zero as u32 + i))
        .collect();
    let is_digit = |c: char| family.contains(&c);
    let active: Vec<char> = family
        .iter()
        .copied()
        .chain([p.decimal, p.exponent, p.grouping, p.digit, p.pattern])
        .collect();
    let is_active = |c: char| active.contains(&c);
    let subs: Vec<String> = picture.split(p.pattern).map(String::from).collect();
    if subs.len() > 2 {
        return Err(Err::new("D3080").into());
    }
    let split_parts = |sub: &str| -> Parts {
        let chars: Vec<char> = sub.chars().collect();
        let pre_end = chars
            .iter()
            .position(|c| is_active(*c) && *c != p.exponent)
            .unwrap_or(chars.len());
        let suf_start = chars
            .iter()
            .rposition(|c| is_active(*c) && *c != p.exponent)
            .map(|i| i + 1)
            .unwrap_or(chars.len());
        let prefix: String = chars[..pre_end].iter().collect();
        let suf_start = suf_start.max(pre_end);
        let suffix: String = chars[suf_start..].iter().collect();
        let active_part: String = chars[pre_end..suf_start].iter().collect();
        let exp_pos = chars
            .iter()
            .skip(pre_end)
            .position(|c| *c == p.exponent)
            .map(|i| i + pre_end);
        let (mantissa, exponent) = match exp_pos {
            Some(ep) if ep <= suf_start => {
                let ac: Vec<char> = active_part.chars().collect();
                let rel = ep - pre_end;
                let rel = rel.min(ac.len());
                (
                    ac[..rel].iter().collect::<String>(),
                    Some(ac.get(rel + 1..).unwrap_or(&[]).iter().collect()),
                )
            }
            _ => (active_part.clone(), None),
        };
        let (integer, fraction) = match mantissa.find(p.decimal) {
            None => (mantissa.clone(), suffix.clone()),
            Some(i) => (
                mantissa[..i].to_string(),
                mantissa[i + p.decimal.len_utf8()..].to_string(),
            ),
        };
        Parts {
            prefix,
            suffix,
            active: active_part,
            mantissa,
            exponent,
            integer,
            fraction,
            sub: sub.to_string(),
        }
    };
    let parts: Vec<Parts> = subs.iter().map(|s| split_parts(s)).collect();
    for pt in &parts {
        let sub = &pt.sub;
        let count = |c: char| sub.chars().filter(|x| *x == c).count();
        let mut error: Option<&'static str> = None;
        if count(p.decimal) > 1 {
            error = Some("D3081");
        }
        if count(p.percent) > 1 {
            error = Some("D3082");
        }
        if count(p.permille) > 1 {
            error = Some("D3083");
        }
        if count(p.percent) > 0 && count(p.permille) > 0 {
            error = Some("D3084");
        }
        if !pt.mantissa.chars().any(|c| is_digit(c) || c == p.digit) {
            error = Some("D3085");
        }
        if pt.active.chars().any(|c| !is_active(c)) {
            error = Some("D3086");
        }
        let sc: Vec<char> = sub.chars().collect();
        if let Some(dp) = sc.iter().position(|c| *c == p.decimal) {
            if (dp > 0 && sc.get(dp - 1) == Some(&p.grouping))
                || sc.get(dp + 1) == Some(&p.grouping)
            {
                error = Some("D3087");
            }
        } else if pt.integer.ends_with(p.grouping) {
            error = Some("D3088");
        }
        let gg: String = [p.grouping, p.grouping].iter().collect();
        if sub.contains(&gg) {
            error = Some("D3089");
        }
        if let Some(od) = pt.integer.find(p.digit) {
            if pt.integer[..od].chars().any(is_digit) {
                error = Some("D3090");
            }
        }
        if let Some(od) = pt.fraction.rfind(p.digit) {
            if pt.fraction[od..].chars().any(is_digit) {
                error = Some("D3091");
            }
        }
        if let Some(e) = &pt.exponent {
            if !e.is_empty() && (count(p.percent) > 0 || count(p.permille) > 0) {
                error = Some("D3092");
            }
            if e.is_empty() || e.chars().any(|c| !is_digit(c)) {
                error = Some("D3093");
            }
        }
        if let Some(code) = error {
            return Err(Err::new(code).into());
        }
    }
    let analyse = |pt: &Parts| -> Pic {
        let grouping_positions = |part: &str, to_left: bool| -> Vec<usize> {
            let chars: Vec<char> = part.chars().collect();
            let mut out = vec![];
            for (i, c) in chars.iter().enumerate() {
                if *c == p.grouping {
                    let slice = if to_left { &chars[..i] } else { &chars[i..] };
                    out.push(
                        slice
                            .iter()
                            .filter(|x| is_digit(**x) || **x == p.digit)
                            .count(),
                    );
                }
            }
            out
        };
        let int_grouping = grouping_positions(&pt.integer, false);
        let regular = {
            if int_grouping.is_empty() {
                0
            } else {
                fn gcd(a: usize, b: usize) -> usize {
                    if b == 0 {
                        a
                    } else {
                        gcd(b, a % b)
                    }
                }
                let factor = int_grouping.iter().copied().fold(int_grouping[0], gcd);
                if factor > 0
                    && (1..=int_grouping.len()).all(|i| int_grouping.contains(&(i * factor)))
                {
                    factor
                } else {
                    0
                }
            }
        };
        let frac_grouping = grouping_positions(&pt.fraction, true);
        let mut min_int = pt.integer.chars().filter(|c| is_digit(*c)).count();
        let scaling = min_int;
        let mut min_frac = pt.fraction.chars().filter(|c| is_digit(*c)).count();
        let mut max_frac = pt
            .fraction
            .chars()
            .filter(|c| is_digit(*c) || *c == p.digit)
            .count();
        let exp_present = pt.exponent.is_some();
        if min_int == 0 && max_frac == 0 {
            if exp_present {
                min_frac = 1;
                max_frac = 1;
            } else {
                min_int = 1;
            }
        }
        if exp_present && min_int == 0 && pt.integer.contains(p.digit) {
            min_int = 1;
        }
        if min_int == 0 && min_frac == 0 {
            min_frac = 1;
        }
        let min_exp = pt
            .exponent
            .as_ref()
            .map(|e| e.chars().filter(|c| is_digit(*c)).count())
            .unwrap_or(0);
        Pic {
            int_grouping,
            regular,
            min_int,
            scaling,
            prefix: pt.prefix.clone(),
            frac_grouping,
            min_frac,
            max_frac,
            min_exp,
            suffix: pt.suffix.clone(),
            sub: pt.sub.clone(),
        }
    };
    let mut pics: Vec<Pic> = parts.iter().map(analyse).collect();
    if pics.len() == 1 {
        let mut neg = analyse(&parts[0]);
        neg.prefix = format!("{}{}", p.minus, neg.prefix);
        pics.push(neg);
    }
    let pic = if value >= 0.0 { &pics[0] } else { &pics[1] };
    let adjusted = if pic.sub.contains(p.percent) {
        value * 100.0
    } else if pic.sub.contains(p.permille) {
        value * 1000.0
    } else {
        value
    };
    let (mantissa, exponent) = if pic.min_exp == 0 {
        (adjusted, None)
    } else {
        let max_m = 10f64.powi(pic.scaling as i32);
        let min_m = 10f64.powi(pic.scaling as i32 - 1);
        let mut m = adjusted;
        let mut e = 0i32;
        let mut guard = 0;
        while m < min_m && m != 0.0 && guard < 400 {
            m *= 10.0;
            e -= 1;
            guard += 1;
        }
        while m > max_m && guard < 800 {
            m /= 10.0;
            e += 1;
            guard += 1;
        }
        (m, Some(e))
    };
    let rounded = round_half_even(mantissa, pic.max_frac as i32);
    let make_string = |v: f64, dp: usize| -> String {
        let s = format!("{:.*}", dp, v.abs());
        if p.zero != '0' {
            s.chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        family.get((c as u32 - 48) as usize).copied().unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect()
        } else {
            s
        }
    };
    let s = make_string(rounded, pic.max_frac);
    let mut sv: Vec<char> = if s.contains('.') {
        s.replacen('.', &p.decimal.to_string(), 1).chars().collect()
    } else {
        format!("{s}{}", p.decimal).chars().collect()
    };
    while sv.first() == Some(&p.zero) {
        sv.remove(0);
    }
    while sv.last() == Some(&p.zero) {
        sv.pop();
    }
    let dpos = sv.iter().position(|c| *c == p.decimal).unwrap_or(sv.len());
    let pad_left = pic.min_int as isize - dpos as isize;
    let pad_right = pic.min_frac as isize - (sv.len() as isize - dpos as isize - 1);
    if pad_left > 0 {
        for _ in 0..pad_left {
            sv.insert(0, p.zero);
        }
    }
    if pad_right > 0 {
        for _ in 0..pad_right {
            sv.push(p.zero);
        }
    }
    let mut dpos = sv.iter().position(|c| *c == p.decimal).unwrap_or(sv.len());
    if let Some(groups) = dpos.saturating_sub(1).checked_div(pic.regular) {
        for g in 1..=groups {
            let at = dpos - g * pic.regular;
            sv.insert(at, p.grouping);
        }
    } else {
        for pos in &pic.int_grouping {
            if *pos <= dpos {
                sv.insert(dpos - pos, p.grouping);
                dpos += 1;
            }
        }
    }
    let dpos = sv.iter().position(|c| *c == p.decimal).unwrap_or(sv.len());
    for pos in &pic.frac_grouping {
        let at = pos + dpos + 1;
        if at <= sv.len() {
            sv.insert(at, p.grouping);
        }
    }
    let dpos = sv.iter().position(|c| *c == p.decimal).unwrap_or(sv.len());
    if pic.min_frac == 0 && dpos + 1 == sv.len() {
        sv.pop();
    }
    let mut out: String = sv.into_iter().collect();
    if let Some(e) = exponent {
        let mut es = make_string(e as f64, 0);
        let len = es.chars().count();
        if pic.min_exp > len {
            es = p.zero.to_string().repeat(pic.min_exp - len) + &es;
        }
        out.push(p.exponent);
        if e < 0 {
            out.push(p.minus);
        }
        out.push_str(&es);
    }
    Ok(Value::string(format!(
        "{}{}{}",
        pic.prefix, out, pic.suffix
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        let f = analyse_int_picture("#,##0").unwrap();
        assert_eq!(format_int(1234567.0, &f).unwrap(), "1,234,567");
        assert_eq!(
            format_int(1999.0, &analyse_int_picture("I").unwrap()).unwrap(),
            "MCMXCIX"
        );
        assert_eq!(
            format_int(123.0, &analyse_int_picture("w").unwrap()).unwrap(),
            "one hundred and twenty-three"
        );
        assert_eq!(words_to_number("one hundred and twenty-three"), Some(123.0));
        assert_eq!(
            format_int(2.0, &analyse_int_picture("1;o").unwrap()).unwrap(),
            "2nd"
        );
    }
}
