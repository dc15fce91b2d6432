//! Function signatures (`<s-n?:s>`), a port of jsonata-js's `signature.js`.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use crate::error::{Err, R};
use crate::value::Value;

#[derive(Debug, Clone, Default)]
struct Param {
    regex: String,
    ty: String,
    context: bool,
    context_regex: Option<regex_lite::Regex>,
    subtype: Option<String>,
}

/// A parsed signature that validates (and coerces) argument lists.
#[derive(Debug, Clone)]
pub struct Signature {
    params: Vec<Param>,
    regex: regex_lite::Regex,
}

fn symbol(v: &Value) -> char {
    match v {
        Value::Function(_) => 'f',
        Value::String(_) => 's',
        Value::Number(_) => 'n',
        Value::Bool(_) => 'b',
        Value::Null => 'l',
        Value::Array(..) => 'a',
        Value::Object(_) => 'o',
        Value::Undefined => 'm',
    }
}

fn closing(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut p = start;
    while p < chars.len() {
        p += 1;
        match chars.get(p) {
            Some(c) if *c == close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Some(c) if *c == open => depth += 1,
            _ => {}
        }
    }
    p
}

fn array_type_name(sub: &str) -> &'static str {
    match sub {
        "a" => "arrays",
        "b" => "booleans",
        "f" => "functions",
        "n" => "numbers",
        "o" => "objects",
        "s" => "strings",
        _ => "values",
    }
}

impl Signature {
    /// Parse a signature string such as `<s-n?:s>`.
    pub fn parse(sig: &str) -> R<Signature> {
        let chars: Vec<char> = sig.chars().collect();
        let mut params: Vec<Param> = vec![];
        let mut param = Param::default();
        let mut pos = 1;
        while pos < chars.len() {
            let c = chars[pos];
            if c == ':' {
                break;
            }
            match c {
                's' | 'n' | 'b' | 'l' | 'o' => {
                    param.regex = format!("[{c}m]");
                    param.ty = c.to_string();
                    params.push(std::mem::take(&mut param));
                }
                'a' => {
                    param.regex = "[asnblfom]".into();
                    param.ty = "a".into();
                    params.push(std::mem::take(&mut param));
                }
                'f' => {
                    param.regex = "f".into();
                    param.ty = "f".into();
                    params.push(std::mem::take(&mut param));
                }
                'j' => {
                    param.regex = "[asnblom]".into();
                    param.ty = "j".into();
                    params.push(std::mem::take(&mut param));
                }
                'x' => {
                    param.regex = "[asnblfom]".into();
                    param.ty = "x".into();
                    params.push(std::mem::take(&mut param));
                }
                '-' => {
                    if let Some(prev) = params.last_mut() {
                        prev.context = true;
                        prev.context_regex =
                            regex_lite::Regex::new(&format!("^{}$", prev.regex)).ok();
                        prev.regex.push('?');
                    }
                }
                '?' | '+' => {
                    if let Some(prev) = params.last_mut() {
                        prev.regex.push(c);
                    }
                }
                '(' => {
                    let end = closing(&chars, pos, '(', ')');
                    let choice: String = chars
                        .get(pos + 1..end.min(chars.len()))
                        .unwrap_or(&[])
                        .iter()
                        .collect();
                    if choice.contains('<') {
                        return Err(Err::new("S0402")
                            .pos(pos)
                            .value(crate::error::q(&choice))
                            .into());
                    }
                    param.regex = format!("[{choice}m]");
                    param.ty = format!("({choice})");
                    pos = end;
                    params.push(std::mem::take(&mut param));
                }
                '<' => {
                    let prev_ty = params.last().map(|p| p.ty.clone()).unwrap_or_default();
                    if prev_ty == "a" || prev_ty == "f" {
                        let end = closing(&chars, pos, '<', '>');
                        let sub: String = chars
                            .get(pos + 1..end.min(chars.len()))
                            .unwrap_or(&[])
                            .iter()
                            .collect();
                        if let Some(prev) = params.last_mut() {
                            prev.subtype = Some(sub);
                        }
                        pos = end;
                    } else {
                        return Err(Err::new("S0401")
                            .pos(pos)
                            .value(crate::error::q(&prev_ty))
                            .into());
                    }
                }
                _ => {}
            }
            pos += 1;
        }
        let re: String = params.iter().map(|p| format!("({})", p.regex)).collect();
        let regex = regex_lite::Regex::new(&format!("^{re}$"))
            .map_err(|_| Box::new(Err::new("S0401").pos(0)))?;
        Ok(Signature { params, regex })
    }

    /// Validate `args` (with `context` as the focus value) and return the coerced list.
    pub fn validate(&self, args: &[Value], context: &Value) -> R<Vec<Value>> {
        let supplied: String = args.iter().map(symbol).collect();
        let Some(caps) = self.regex.captures(&supplied) else {
            return Err(self.validation_error(args, &supplied));
        };
        let mut out = Vec::with_capacity(self.params.len());
        let mut arg_index = 0;
        for (i, param) in self.params.iter().enumerate() {
            let m = caps.get(i + 1).map(|m| m.as_str()).unwrap_or("");
            if m.is_empty() {
                if param.context {
                    let ct = symbol(context).to_string();
                    if param
                        .context_regex
                        .as_ref()
                        .is_some_and(|r| r.is_match(&ct))
                    {
                        out.push(context.clone());
                    } else {
                        return Err(Err::new("T0411").index(arg_index + 1).into());
                    }
                } else {
                    out.push(args.get(arg_index).cloned().unwrap_or(Value::Undefined));
                    arg_index += 1;
                }
            } else {
                for single in m.chars() {
                    let arg = args.get(arg_index).cloned().unwrap_or(Value::Undefined);
                    if param.ty == "a" {
                        if single == 'm' {
                            out.push(Value::Undefined);
                        } else {
                            let mut ok = true;
                            if let Some(sub) = &param.subtype {
                                if single != 'a' && m != sub {
                                    ok = false;
                                } else if single == 'a' {
                                    if let Value::Array(items, _) = &arg {
                                        if let Some(first) = items.first() {
                                            let t = symbol(first);
                                            if !sub.starts_with(t) {
                                                ok = false;
                                            } else {
                                                ok = items.iter().all(|v| symbol(v) == t);
                                            }
                                        }
                                    }
                                }
                            }
                            if !ok {
                                return Err(Err::new("T0412")
                                    .index(arg_index + 1)
                                    .extra(array_type_name(param.subtype.as_deref().unwrap_or("")))
                                    .into());
                            }
                            if single != 'a' {
                                out.push(Value::array(vec![arg]));
                            } else {
                                out.push(arg);
                            }
                        }
                    } else {
                        out.push(arg);
                    }
                    arg_index += 1;
                }
            }
        }
        Ok(out)
    }

    fn validation_error(&self, args: &[Value], supplied: &str) -> Box<Err> {
        let mut partial = String::from("^");
        let mut good_to = 0;
        for p in &self.params {
            partial.push_str(&p.regex);
            match regex_lite::Regex::new(&partial)
                .ok()
                .and_then(|r| r.find(supplied))
            {
                None => break,
                Some(m) => good_to = m.end(),
            }
        }
        let _ = args;
        Box::new(Err::new("T0410").index(good_to + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates() {
        let s = Signature::parse("<s-n?:s>").unwrap();
        let out = s
            .validate(&[Value::Number(1.0)], &Value::str("ctx"))
            .unwrap();
        assert_eq!(out.len(), 2);
        assert!(matches!(out[0], Value::String(_)));
        let e = Signature::parse("<nn:n>").unwrap();
        assert_eq!(
            e.validate(&[Value::str("x")], &Value::Undefined)
                .unwrap_err()
                .code,
            "T0410"
        );
        let a = Signature::parse("<a<n>:n>").unwrap();
        assert_eq!(
            a.validate(&[Value::array(vec![Value::str("x")])], &Value::Undefined)
                .unwrap_err()
                .code,
            "T0412"
        );
    }
}
