//! Date/time: `$now`, `$millis`, `$fromMillis`, `$toMillis` with XPath picture strings.
//! The time always comes from the caller's [`crate::Host`], never from the OS clock.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::arg;
use super::format::{analyse_int_picture, format_int, parse_int_with, Case, IntPicture, Primary};
use crate::error::{Err, R};
use crate::eval::{display, Evaluator};
use crate::value::Value;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 8] = [
    "",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1-12, day) for days since the epoch.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[derive(Debug, Clone, Copy)]
struct DateParts {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    milli: i64,
    days: i64,
}

fn split_millis(ms: f64) -> DateParts {
    let ms = ms.floor() as i64;
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    DateParts {
        year,
        month,
        day,
        hour: rem / 3_600_000,
        minute: rem / 60_000 % 60,
        second: rem / 1000 % 60,
        milli: rem % 1000,
        days,
    }
}

/// ISO day of week, Monday = 1 .. Sunday = 7.
fn iso_dow(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

#[derive(Debug, Clone)]
struct Marker {
    component: char,
    presentation1: String,
    presentation2: Option<char>,
    names: Option<Case>,
    width: Option<(Option<usize>, Option<usize>)>,
    int_format: Option<IntPicture>,
    n: i64,
}

#[derive(Debug, Clone)]
enum Part {
    Literal(String),
    Marker(Marker),
}

fn default_presentation(c: char) -> Option<&'static str> {
    Some(match c {
        'Y' | 'M' | 'D' | 'd' | 'W' | 'w' | 'X' | 'x' | 'H' | 'h' | 'f' => "1",
        'F' | 'P' | 'C' | 'E' => "n",
        'm' | 's' => "01",
        'Z' | 'z' => "01:01",
        _ => return None,
    })
}

fn analyse_picture(picture: &str) -> R<Vec<Part>> {
    let chars: Vec<char> = picture.chars().collect();
    let mut parts = vec![];
    let mut start = 0;
    let mut pos = 0;
    let add_literal = |parts: &mut Vec<Part>, s: usize, e: usize| {
        if e > s {
            let lit: String = chars[s..e].iter().collect();
            parts.push(Part::Literal(lit.replace("]]", "]")));
        }
    };
    while pos < chars.len() {
        if chars[pos] == '[' {
            if chars.get(pos + 1) == Some(&'[') {
                add_literal(&mut parts, start, pos);
                parts.push(Part::Literal("[".into()));
                pos += 2;
                start = pos;
                continue;
            }
            add_literal(&mut parts, start, pos);
            start = pos;
            let Some(close) = chars[start..]
                .iter()
                .position(|c| *c == ']')
                .map(|p| p + start)
            else {
                return Err(Err::new("D3135").into());
            };
            pos = close;
            let marker: String = chars[start + 1..pos]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            let Some(component) = marker.chars().next() else {
                return Err(Err::new("D3132").value(crate::error::q("")).into());
            };
            let rest: String = marker.chars().skip(1).collect();
            let (pres_mod, width) = match rest.rfind(',') {
                Some(comma) => {
                    let wm = &rest[comma + 1..];
                    let pw = |s: &str| -> Option<usize> {
                        if s == "*" || s.is_empty() {
                            None
                        } else {
                            let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                            d.parse().ok()
                        }
                    };
                    let (min, max) = match wm.find('-') {
                        None => (pw(wm), None),
                        Some(d) => (pw(&wm[..d]), pw(&wm[d + 1..])),
                    };
                    (rest[..comma].to_string(), Some((min, max)))
                }
                None => (rest.clone(), None),
            };
            let mut m = Marker {
                component,
                presentation1: String::new(),
                presentation2: None,
                names: None,
                width,
                int_format: None,
                n: -1,
            };
            let pm: Vec<char> = pres_mod.chars().collect();
            if pm.len() == 1 {
                m.presentation1 = pres_mod.clone();
            } else if pm.len() > 1 {
                let last = pm[pm.len() - 1];
                if "atco".contains(last) {
                    m.presentation2 = Some(last);
                    m.presentation1 = pm[..pm.len() - 1].iter().collect();
                } else {
                    m.presentation1 = pres_mod.clone();
                }
            } else {
                match default_presentation(component) {
                    Some(p) => m.presentation1 = p.into(),
                    None => {
                        return Err(Err::new("D3132")
                            .value(crate::error::q(&component.to_string()))
                            .into());
                    }
                }
            }
            if default_presentation(component).is_none() {
                return Err(Err::new("D3132")
                    .value(crate::error::q(&component.to_string()))
                    .into());
            }
            let p1: Vec<char> = m.presentation1.chars().collect();
            if p1.first() == Some(&'n') {
                m.names = Some(Case::Lower);
            } else if p1.first() == Some(&'N') {
                m.names = Some(if p1.get(1) == Some(&'n') {
                    Case::Title
                } else {
                    Case::Upper
                });
            }
            if "YMDdFWwXxHhmsf".contains(component) {
                let mut pat = m.presentation1.clone();
                if let Some(p2) = m.presentation2 {
                    pat.push(';');
                    pat.push(p2);
                }
                let mut f = analyse_int_picture(&pat)?;
                if let Some((Some(min), _)) = m.width {
                    if f.mandatory_digits < min {
                        f.mandatory_digits = min;
                    }
                }
                if "YMD".contains(component) {
                    m.n = -1;
                    if let Some((_, Some(max))) = m.width {
                        m.n = max as i64;
                        f.mandatory_digits = max;
                    } else {
                        let w = f.mandatory_digits + f.optional_digits;
                        if w >= 2 {
                            m.n = w as i64;
                        }
                    }
                }
                m.int_format = Some(f);
            }
            if component == 'Z' || component == 'z' {
                m.int_format = Some(analyse_int_picture(&m.presentation1)?);
            }
            parts.push(Part::Marker(m));
            start = pos + 1;
        }
        pos += 1;
    }
    add_literal(&mut parts, start, chars.len());
    Ok(parts)
}

fn fragment(d: &DateParts, c: char) -> i64 {
    match c {
        'Y' => d.year,
        'M' => d.month,
        'D' => d.day,
        'd' => d.days - days_from_civil(d.year, 1, 1) + 1,
        'F' => iso_dow(d.days),
        'W' | 'X' => {
            let thursday = d.days - (iso_dow(d.days) - 1) + 3;
            let (ty, _, _) = civil_from_days(thursday);
            if c == 'X' {
                ty
            } else {
                (thursday - days_from_civil(ty, 1, 1)) / 7 + 1
            }
        }
        'w' | 'x' => {
            let thursday = d.days - (iso_dow(d.days) - 1) + 3;
            let (_, tm, td) = civil_from_days(thursday);
            if c == 'x' {
                tm
            } else {
                (td - 1) / 7 + 1
            }
        }
        'H' => d.hour,
        'h' => {
            let h = d.hour % 12;
            if h == 0 {
                12
            } else {
                h
            }
        }
        'm' => d.minute,
        's' => d.second,
        'f' => d.milli,
        _ => 0,
    }
}

fn apply_case(s: &str, c: Option<Case>) -> String {
    match c {
        Some(Case::Upper) => s.to_uppercase(),
        Some(Case::Lower) => s.to_lowercase(),
        _ => s.to_string(),
    }
}

/// Parse a `+hhmm` timezone the way jsonata-js does (`parseInt`, then hours/minutes).
fn parse_tz(tz: &str) -> (i64, i64) {
    let t = tz.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let d: String = digits.chars().take_while(|c| c.is_ascii_digit()).collect();
    let v: i64 = d.parse().unwrap_or(0);
    let offset = if neg { -v } else { v };
    (offset.div_euclid(100), offset % 100)
}

/// Format `millis` with an XPath picture (default ISO 8601) in `timezone` (`±hhmm`).
pub fn format_datetime(millis: f64, picture: Option<&str>, timezone: Option<&str>) -> R<String> {
    // JavaScript dates span ±8.64e15 ms around the epoch.
    if !millis.is_finite() || millis.abs() > 8.64e15 {
        return Err(Err::new("D1001")
            .value(crate::value::js_number_to_string(millis))
            .into());
    }
    let (oh, om) = timezone.map(parse_tz).unwrap_or((0, 0));
    let parts = analyse_picture(
        picture.unwrap_or("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"),
    )?;
    let offset_ms = ((60 * oh + om) * 60 * 1000) as f64;
    let d = split_millis(millis + offset_ms);
    let mut out = String::new();
    for p in &parts {
        match p {
            Part::Literal(l) => out.push_str(l),
            Part::Marker(m) => {
                let c = m.component;
                if "YMDdFWwXxHhms".contains(c) {
                    let mut v = fragment(&d, c);
                    if c == 'Y' && m.n != -1 {
                        v %= 10i64.pow(m.n.clamp(0, 18) as u32);
                    }
                    if let Some(nc) = m.names {
                        let name = if c == 'M' || c == 'x' {
                            MONTHS
                                .get((v - 1).clamp(0, 11) as usize)
                                .copied()
                                .unwrap_or("")
                        } else if c == 'F' {
                            DAYS.get(v.clamp(0, 7) as usize).copied().unwrap_or("")
                        } else {
                            return Err(Err::new("D3133")
                                .value(crate::error::q(&c.to_string()))
                                .into());
                        };
                        let mut s = apply_case(name, Some(nc));
                        if let Some((_, Some(max))) = m.width {
                            s = s.chars().take(max).collect();
                        }
                        out.push_str(&s);
                    } else if let Some(f) = &m.int_format {
                        out.push_str(&format_int(v as f64, f)?);
                    }
                } else if c == 'f' {
                    if let Some(f) = &m.int_format {
                        out.push_str(&format_int(fragment(&d, 'f') as f64, f)?);
                    }
                } else if c == 'Z' || c == 'z' {
                    let offset = oh * 100 + om;
                    let Some(f) = &m.int_format else { continue };
                    let mut s = if f.regular.is_some() {
                        format_int(offset as f64, f)?
                    } else {
                        match f.mandatory_digits {
                            1 | 2 => {
                                let mut h = format_int(oh as f64, f)?;
                                if om != 0 {
                                    h.push(':');
                                    h.push_str(&format!("{:02}", om.abs()));
                                }
                                h
                            }
                            3 | 4 => format_int(offset as f64, f)?,
                            n => return Err(Err::new("D3134").value(n.to_string()).into()),
                        }
                    };
                    if offset >= 0 {
                        s.insert(0, '+');
                    }
                    if c == 'z' {
                        s.insert_str(0, "GMT");
                    }
                    if offset == 0 && m.presentation2 == Some('t') {
                        s = "Z".into();
                    }
                    out.push_str(&s);
                } else if c == 'P' {
                    let s = if d.hour >= 12 { "pm" } else { "am" };
                    out.push_str(&if m.names == Some(Case::Upper) {
                        s.to_uppercase()
                    } else {
                        s.to_string()
                    });
                } else if c == 'C' || c == 'E' {
                    out.push_str("ISO");
                }
            }
        }
    }
    Ok(out)
}

/// Parse an ISO 8601 timestamp (the forms jsonata-js accepts without a picture).
pub fn parse_iso(s: &str) -> Option<f64> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let num = |i: &mut usize, n: usize| -> Option<i64> {
        let t: String = b.get(*i..*i + n)?.iter().collect();
        if !t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        *i += n;
        t.parse().ok()
    };
    let year = num(&mut i, 4)?;
    let mut month = 1;
    let mut day = 1;
    let (mut h, mut mi, mut sec, mut ms) = (0, 0, 0, 0f64);
    if b.get(i) == Some(&'-') {
        i += 1;
        month = num(&mut i, 2)?;
        if b.get(i) == Some(&'-') {
            i += 1;
            day = num(&mut i, 2)?;
        }
    }
    let mut offset_min = 0i64;
    if b.get(i) == Some(&'T') {
        i += 1;
        h = num(&mut i, 2)?;
        if b.get(i) != Some(&':') {
            return None;
        }
        i += 1;
        mi = num(&mut i, 2)?;
        if b.get(i) == Some(&':') {
            i += 1;
            sec = num(&mut i, 2)?;
        }
        if b.get(i) == Some(&'.') {
            i += 1;
            let st = i;
            while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            let frac: String = b[st..i].iter().collect();
            if frac.is_empty() {
                return None;
            }
            ms = format!("0.{frac}").parse::<f64>().ok()? * 1000.0;
            ms = ms.floor();
        }
    }
    match b.get(i) {
        Some('Z') => i += 1,
        Some(c @ ('+' | '-')) => {
            let sign = if *c == '-' { -1 } else { 1 };
            i += 1;
            let oh = num(&mut i, 2)?;
            if b.get(i) == Some(&':') {
                i += 1;
            }
            let om = num(&mut i, 2)?;
            offset_min = sign * (oh * 60 + om);
        }
        _ => {}
    }
    if i != b.len()
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || h > 24
        || mi > 59
        || sec > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(
        (days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 - offset_min * 60_000) as f64
            + ms,
    )
}

fn iso_shape_ok(s: &str) -> bool {
    // ^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$
    regex_lite::Regex::new(
        r"^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$",
    )
    .map(|r| r.is_match(s))
    .unwrap_or(false)
}

fn picture_matcher(m: &Marker) -> String {
    let c = m.component;
    if let Some(nc) = m.names {
        let names: Vec<String> = if c == 'M' || c == 'x' {
            MONTHS.iter().map(|s| s.to_string()).collect()
        } else if c == 'F' {
            DAYS.iter().skip(1).map(|s| s.to_string()).collect()
        } else if c == 'P' {
            vec!["am".into(), "pm".into()]
        } else {
            vec![]
        };
        let names: Vec<String> = names
            .into_iter()
            .map(|n| {
                let mut n = apply_case(&n, Some(nc));
                if let Some((_, Some(max))) = m.width {
                    n = n.chars().take(max).collect();
                }
                regex_lite::escape(&n)
            })
            .collect();
        return format!("({})", names.join("|"));
    }
    if c == 'Z' || c == 'z' {
        return "(Z|(?:GMT)?[+-][0-9]{1,2}(?::?[0-9]{2})?)".into();
    }
    if c == 'P' {
        return "(am|pm|AM|PM)".into();
    }
    let Some(f) = &m.int_format else {
        return "(.+?)".into();
    };
    match &f.primary {
        Primary::Letters => "([a-zA-Z]+)".into(),
        Primary::Roman => "([MDCLXVImdclxvi]+)".into(),
        Primary::Words => "([a-zA-Z, -]+?)".into(),
        _ => {
            let ord = if f.ordinal { "(?:th|st|nd|rd)" } else { "" };
            if f.mandatory_digits > 1 && f.separators.is_empty() && f.optional_digits == 0 {
                format!("([0-9]{{{}}}{ord})", f.mandatory_digits)
            } else {
                format!("([0-9,]+{ord})")
            }
        }
    }
}

/// Parse `text` with a picture (jsonata-js `parseDateTime`). `None` when it does not match.
pub fn parse_datetime(text: &str, picture: &str, now: f64) -> R<Option<f64>> {
    let parts = analyse_picture(picture)?;
    for p in &parts {
        if let Part::Marker(m) = p {
            if m.names.is_some() && !"MxFP".contains(m.component) {
                return Err(Err::new("D3133")
                    .value(crate::error::q(&m.component.to_string()))
                    .into());
            }
        }
    }
    let has = |c: char| {
        parts
            .iter()
            .any(|p| matches!(p, Part::Marker(m) if m.component == c))
    };
    if ['X', 'W', 'w', 'x'].iter().any(|c| has(*c)) && !(has('Y') && has('M') && has('D')) {
        return Err(Err::new("D3136").into());
    }
    let mut re = String::from("^");
    let mut markers = vec![];
    for p in &parts {
        match p {
            Part::Literal(l) => re.push_str(&regex_lite::escape(l)),
            Part::Marker(m) => {
                re.push_str(&picture_matcher(m));
                markers.push(m.clone());
            }
        }
    }
    re.push('$');
    let Ok(rx) = regex_lite::RegexBuilder::new(&re)
        .case_insensitive(true)
        .build()
    else {
        return Ok(None);
    };
    let Some(caps) = rx.captures(text) else {
        return Ok(None);
    };
    let mut vals: std::collections::HashMap<char, i64> = std::collections::HashMap::new();
    let mut pm: Option<bool> = None;
    let mut tz_min: Option<i64> = None;
    for (i, m) in markers.iter().enumerate() {
        let Some(g) = caps.get(i + 1) else { continue };
        let s = g.as_str();
        let c = m.component;
        if c == 'P' {
            pm = Some(s.eq_ignore_ascii_case("pm"));
            continue;
        }
        if c == 'Z' || c == 'z' {
            let t = s.trim_start_matches("GMT");
            if t == "Z" {
                tz_min = Some(0);
            } else {
                let neg = t.starts_with('-');
                let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
                let (h, mm) = if t.contains(':') {
                    let mut sp = t[1..].split(':');
                    (
                        sp.next().and_then(|x| x.parse::<i64>().ok()).unwrap_or(0),
                        sp.next().and_then(|x| x.parse::<i64>().ok()).unwrap_or(0),
                    )
                } else if digits.len() <= 2 {
                    (digits.parse().unwrap_or(0), 0)
                } else {
                    let v: i64 = digits.parse().unwrap_or(0);
                    (v / 100, v % 100)
                };
                let total = h * 60 + mm;
                tz_min = Some(if neg { -total } else { total });
            }
            continue;
        }
        if let Some(_nc) = m.names {
            let lower = s.to_lowercase();
            if c == 'M' || c == 'x' {
                if let Some(ix) = MONTHS
                    .iter()
                    .position(|n| n.to_lowercase().starts_with(&lower))
                {
                    vals.insert(c, ix as i64 + 1);
                }
            } else if c == 'F' {
                if let Some(ix) = DAYS
                    .iter()
                    .position(|n| !n.is_empty() && n.to_lowercase().starts_with(&lower))
                {
                    vals.insert(c, ix as i64);
                }
            }
            continue;
        }
        if let Some(f) = &m.int_format {
            if let Some(v) = parse_int_with(s, f)? {
                vals.insert(c, v as i64);
            }
        }
    }
    // Out-of-range components make an invalid date (jsonata-js: NaN); avoid overflow.
    if vals.values().any(|v| v.abs() > 1_000_000_000) {
        return Ok(None);
    }
    if vals.contains_key(&'h') && !vals.contains_key(&'H') {
        let mut h = vals[&'h'] % 12;
        if pm == Some(true) {
            h += 12;
        }
        vals.insert('H', h);
    } else if let (Some(true), Some(h)) = (pm, vals.get(&'H').copied()) {
        if h < 12 {
            vals.insert('H', h + 12);
        }
    }
    let nowp = split_millis(now);
    if vals.contains_key(&'d') {
        let y = vals.get(&'Y').copied().unwrap_or(nowp.year);
        let days = days_from_civil(y, 1, 1) + vals[&'d'] - 1;
        let (_, m, d) = civil_from_days(days);
        vals.insert('M', m);
        vals.insert('D', d);
        vals.insert('Y', y);
    }
    let order = ['Y', 'M', 'D', 'H', 'm', 's', 'f'];
    let present: Vec<bool> = order.iter().map(|c| vals.contains_key(c)).collect();
    let first = present.iter().position(|p| *p);
    let last = present.iter().rposition(|p| *p);
    if let (Some(a), Some(b)) = (first, last) {
        if present[a..=b].iter().any(|p| !p) {
            return Err(Err::new("D3136").into());
        }
    } else {
        return Ok(None);
    }
    let first = first.unwrap_or(0);
    let now_vals = [
        nowp.year,
        nowp.month,
        nowp.day,
        nowp.hour,
        nowp.minute,
        nowp.second,
        nowp.milli,
    ];
    let mins = [0, 1, 1, 0, 0, 0, 0];
    let get = |i: usize| -> i64 {
        match vals.get(&order[i]) {
            Some(v) => *v,
            None if i < first => now_vals[i],
            None => mins[i],
        }
    };
    let days = days_from_civil(get(0), get(1), get(2));
    let mut ms = days * 86_400_000 + get(3) * 3_600_000 + get(4) * 60_000 + get(5) * 1000 + get(6);
    if let Some(t) = tz_min {
        ms -= t * 60_000;
    }
    Ok(Some(ms as f64))
}

pub fn millis(ev: &mut Evaluator, _: &[Value], _: &Value) -> R<Value> {
    Ok(Value::Number(ev.now_millis))
}

pub fn now(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let pic = arg(args, 0);
    let tz = arg(args, 1);
    Ok(Value::string(format_datetime(
        ev.now_millis,
        pic.as_str(),
        tz.as_str(),
    )?))
}

pub fn from_millis(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::Number(ms) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let pic = arg(args, 1);
    let tz = arg(args, 2);
    Ok(Value::string(format_datetime(
        ms,
        pic.as_str(),
        tz.as_str(),
    )?))
}

pub fn to_millis(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::String(s) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    match arg(args, 1) {
        Value::String(p) => Ok(parse_datetime(&s, &p, ev.now_millis)?
            .map(Value::Number)
            .unwrap_or(Value::Undefined)),
        _ => {
            if !iso_shape_ok(&s) {
                return Err(Err::new("D3110").value(display(&Value::String(s))).into());
            }
            Ok(parse_iso(&s).map(Value::Number).unwrap_or(Value::Null))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        let ms = parse_iso("2018-02-01T09:42:13.123Z").unwrap();
        assert_eq!(
            format_datetime(ms, None, None).unwrap(),
            "2018-02-01T09:42:13.123Z"
        );
        assert_eq!(parse_iso("1970-01-01T00:00:00.001Z"), Some(1.0));
    }

    #[test]
    fn pictures() {
        let ms = parse_iso("2018-04-07T09:02:03Z").unwrap();
        assert_eq!(
            format_datetime(ms, Some("[FNn], [D1o] [MNn] [Y] [h]:[m01][P]"), None).unwrap(),
            "Saturday, 7th April 2018 9:02am"
        );
        assert_eq!(
            format_datetime(ms, Some("[H01]:[m01] [Z]"), Some("-0500")).unwrap(),
            "04:02 -05:00"
        );
        assert_eq!(
            parse_datetime("2018-04-07", "[Y]-[M]-[D]", 0.0).unwrap(),
            Some(parse_iso("2018-04-07").unwrap())
        );
    }
}
