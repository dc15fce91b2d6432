//! Path evaluation with Jayway semantics.
//!
//! Definite paths (only single properties/indexes) walk one cursor and allocate nothing.
//! Indefinite paths keep a frontier of borrowed matches, step by step (same order as Jayway's
//! depth-first walk). Errors are raised only where Jayway raises them: when everything before
//! the failing step is definite.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::ast::{Function, Step, SubPath};
use crate::error::EvalError;
use crate::filter_eval;
use crate::functions;
use crate::render::{canonical, fragment, java_class, java_to_string, push_step};

/// What a path selected. Borrowed from the document where possible.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection<'a> {
    /// A definite path's single value.
    One(Cow<'a, Value>),
    /// An indefinite path's matches, in document order (possibly empty).
    Many(Vec<Cow<'a, Value>>),
}

impl Selection<'_> {
    /// The owned JSON result: the value itself, or an array of all matches.
    pub fn into_value(self) -> Value {
        match self {
            Selection::One(v) => v.into_owned(),
            Selection::Many(items) => {
                Value::Array(items.into_iter().map(Cow::into_owned).collect())
            }
        }
    }
}

/// Jayway's definiteness of a step list plus optional function.
pub(crate) fn is_definite(steps: &[Step], function: Option<&Function>) -> bool {
    if function.is_some() && matches!(steps.first(), Some(Step::Scan)) {
        // Jayway rewrites `$..x.fn()` into `fn($..x)`: one value.
        return true;
    }
    let n = steps.len();
    steps
        .iter()
        .enumerate()
        .all(|(i, s)| s.is_definite(i + 1 == n && function.is_none()))
}

/// A compiled step list ready to run.
pub(crate) struct Program<'p> {
    pub steps: &'p [Step],
    pub function: Option<&'p Function>,
    pub definite: bool,
}

/// Evaluates a filter sub-path (`@…` relative to `item`, `$…` from `root`).
pub(crate) fn select_sub<'a>(
    p: &'a SubPath,
    item: &'a Value,
    root: &'a Value,
) -> Result<Selection<'a>, EvalError> {
    let start = if p.relative { item } else { root };
    Program {
        steps: &p.steps,
        function: p.function.as_ref(),
        definite: p.definite,
    }
    .run(start, root)
}

impl<'p> Program<'p> {
    /// Runs the program on `start`; `root` is what `$` means inside filters.
    pub(crate) fn run<'a>(
        &self,
        start: &'a Value,
        root: &'a Value,
    ) -> Result<Selection<'a>, EvalError>
    where
        'p: 'a,
    {
        let scan_function =
            self.function.is_some() && matches!(self.steps.first(), Some(Step::Scan));
        if self.definite && !scan_function {
            return self.run_definite(start);
        }
        let matches = self.run_general(start, root)?;
        match self.function {
            None => Ok(Selection::Many(matches)),
            // Jayway rewrites `$..x.fn()` into `fn($..x)`; `length()` then appends `[*]` to its
            // argument and counts, the aggregations fold over all matched numbers.
            Some(Function::Length | Function::Size) if scan_function => {
                let count: usize = matches
                    .iter()
                    .map(|m| match m.as_ref() {
                        Value::Array(a) => a.len(),
                        Value::Object(o) => o.len(),
                        _ => 0,
                    })
                    .sum();
                Ok(Selection::One(Cow::Owned(Value::from(count))))
            }
            Some(f) if scan_function => {
                let all = Value::Array(matches.into_iter().map(Cow::into_owned).collect());
                Ok(Selection::One(Cow::Owned(functions::apply(f, &all)?)))
            }
            Some(f) => {
                let mut out = Vec::with_capacity(matches.len());
                for m in &matches {
                    out.push(Cow::Owned(functions::apply(f, m)?));
                }
                Ok(Selection::Many(out))
            }
        }
    }

    fn no_results(&self) -> EvalError {
        EvalError::NoResults {
            path: canonical(self.steps, self.function),
        }
    }

    /// Definite path: single properties and indexes, optionally a leaf multi-property.
    fn run_definite<'a>(&self, start: &'a Value) -> Result<Selection<'a>, EvalError>
    where
        'p: 'a,
    {
        let mut cur = start;
        let n = self.steps.len();
        for (i, step) in self.steps.iter().enumerate() {
            let is_leaf = i + 1 == n && self.function.is_none();
            match step {
                Step::Property(name) => match cur {
                    Value::Object(map) => match map.get(&**name) {
                        Some(v) => cur = v,
                        None if is_leaf => return Err(self.no_results()),
                        None => {
                            return Err(EvalError::MissingProperty {
                                path: canonical(self.steps.get(..=i).unwrap_or_default(), None),
                            })
                        }
                    },
                    other => return Err(self.not_an_object(i, other)),
                },
                Step::Index(idx) => match cur {
                    Value::Array(items) => match index(items, *idx) {
                        Some(v) => cur = v,
                        None => return Err(self.no_results()),
                    },
                    other => return Err(self.not_an_array(i, other)),
                },
                Step::Properties(names) => match cur {
                    Value::Object(map) => {
                        let merged = merge(map, names);
                        return self.finish(Cow::Owned(merged));
                    }
                    other => return Err(self.not_an_object(i, other)),
                },
                // Not definite: `is_definite` excludes these; evaluate generally to stay total.
                _ => {
                    return Program {
                        steps: self.steps,
                        function: self.function,
                        definite: false,
                    }
                    .run(start, start)
                }
            }
        }
        self.finish(Cow::Borrowed(cur))
    }

    fn finish<'a>(&self, v: Cow<'a, Value>) -> Result<Selection<'a>, EvalError> {
        match self.function {
            None => Ok(Selection::One(v)),
            Some(f) => Ok(Selection::One(Cow::Owned(functions::apply(f, &v)?))),
        }
    }

    fn not_an_object(&self, i: usize, found: &Value) -> EvalError {
        let mut property = String::new();
        if let Some(s) = self.steps.get(i) {
            push_step(&mut property, s);
        }
        EvalError::NotAnObject {
            property,
            path: canonical(self.steps.get(..i).unwrap_or_default(), None),
            found: java_class(found),
        }
    }

    fn not_an_array(&self, i: usize, found: &Value) -> EvalError {
        if found.is_null() {
            return EvalError::PathIsNull {
                path: canonical(self.steps.get(..i).unwrap_or_default(), None),
            };
        }
        EvalError::NotAnArray {
            fragment: fragment(self.steps.get(i..).unwrap_or_default(), self.function),
            context: java_to_string(found),
        }
    }

    /// General (indefinite) evaluation: all matches in Jayway order, before any function.
    fn run_general<'a>(
        &self,
        start: &'a Value,
        root: &'a Value,
    ) -> Result<Vec<Cow<'a, Value>>, EvalError>
    where
        'p: 'a,
    {
        let mut frontier: Vec<&'a Value> = vec![start];
        let mut next: Vec<&'a Value> = Vec::new();
        let n = self.steps.len();
        let mut upstream_definite = true;
        let mut i = 0;
        while let Some(step) = self.steps.get(i) {
            let is_leaf = i + 1 == n && self.function.is_none();
            next.clear();
            match step {
                Step::Scan => {
                    // The parser guarantees a step after `..`.
                    let Some(target) = self.steps.get(i + 1) else {
                        return Ok(Vec::new());
                    };
                    let target_is_leaf = i + 2 == n && self.function.is_none();
                    if let Step::Properties(names) = target {
                        if !target_is_leaf {
                            return self.scan_multi_not_leaf(&frontier, i + 1);
                        }
                        let mut out = Vec::new();
                        for node in &frontier {
                            walk(node, |v| {
                                if let Value::Object(m) = v {
                                    if names.iter().all(|k| m.contains_key(&**k)) {
                                        out.push(Cow::Owned(merge(m, names)));
                                    }
                                }
                            });
                        }
                        return Ok(out);
                    }
                    for node in &frontier {
                        walk(node, |v| scan_apply(target, v, root, &mut next));
                    }
                    upstream_definite = false;
                    std::mem::swap(&mut frontier, &mut next);
                    i += 2;
                    continue;
                }
                Step::Properties(names) => {
                    if !is_leaf {
                        for node in &frontier {
                            if node.is_object() {
                                let mut path =
                                    canonical(self.steps.get(..i).unwrap_or_default(), None);
                                path.push('[');
                                for (k, name) in names.iter().enumerate() {
                                    if k > 0 {
                                        path.push_str(", ");
                                    }
                                    path.push('\'');
                                    path.push_str(name);
                                    path.push('\'');
                                }
                                path.push(']');
                                return Err(EvalError::MultiPropertyNotLeaf { path });
                            } else if upstream_definite {
                                return Err(self.not_an_object(i, node));
                            }
                        }
                        return Ok(Vec::new());
                    }
                    let mut out = Vec::with_capacity(frontier.len());
                    for node in &frontier {
                        match node {
                            Value::Object(m) => out.push(Cow::Owned(merge(m, names))),
                            other if upstream_definite => return Err(self.not_an_object(i, other)),
                            _ => {}
                        }
                    }
                    return Ok(out);
                }
                _ => {
                    for node in &frontier {
                        self.apply(i, step, node, root, is_leaf, upstream_definite, &mut next)?;
                    }
                }
            }
            upstream_definite = upstream_definite && step.is_definite(is_leaf);
            std::mem::swap(&mut frontier, &mut next);
            i += 1;
        }
        Ok(frontier.into_iter().map(Cow::Borrowed).collect())
    }

    fn scan_multi_not_leaf<'a>(
        &self,
        frontier: &[&'a Value],
        i: usize,
    ) -> Result<Vec<Cow<'a, Value>>, EvalError> {
        let mut found = false;
        for node in frontier {
            walk(node, |v| found |= v.is_object());
        }
        if !found {
            return Ok(Vec::new());
        }
        let mut path = canonical(self.steps.get(..i).unwrap_or_default(), None);
        if let Some(Step::Properties(names)) = self.steps.get(i) {
            path.push('[');
            for (k, name) in names.iter().enumerate() {
                if k > 0 {
                    path.push_str(", ");
                }
                path.push('\'');
                path.push_str(name);
                path.push('\'');
            }
            path.push(']');
        }
        Err(EvalError::MultiPropertyNotLeaf { path })
    }

    /// Applies one non-scan step to one node, pushing matches to `out`.
    #[allow(clippy::too_many_arguments)]
    fn apply<'a>(
        &self,
        i: usize,
        step: &'a Step,
        node: &'a Value,
        root: &'a Value,
        is_leaf: bool,
        upstream_definite: bool,
        out: &mut Vec<&'a Value>,
    ) -> Result<(), EvalError>
    where
        'p: 'a,
    {
        match step {
            Step::Property(name) => match node {
                Value::Object(m) => match m.get(&**name) {
                    Some(v) => out.push(v),
                    None if is_leaf || !upstream_definite => {}
                    None => {
                        return Err(EvalError::MissingProperty {
                            path: canonical(self.steps.get(..=i).unwrap_or_default(), None),
                        })
                    }
                },
                other if upstream_definite => return Err(self.not_an_object(i, other)),
                _ => {}
            },
            Step::Index(_) | Step::Indexes(_) | Step::Slice { .. } => match node {
                Value::Array(items) => array_step(step, items, out),
                other if upstream_definite => return Err(self.not_an_array(i, other)),
                _ => {}
            },
            Step::Wildcard => wildcard(node, out),
            Step::Filter(expr) => match node {
                Value::Object(_) if filter_eval::matches(expr, node, root) => out.push(node),
                Value::Object(_) => {}
                Value::Array(items) => {
                    out.extend(items.iter().filter(|e| filter_eval::matches(expr, e, root)))
                }
                other if upstream_definite => {
                    return Err(EvalError::FilterOnPrimitive {
                        fragment: fragment(self.steps.get(i..).unwrap_or_default(), self.function),
                        context: java_to_string(other),
                    })
                }
                _ => {}
            },
            // Handled by the caller.
            Step::Scan | Step::Properties(_) => {}
        }
        Ok(())
    }
}

/// Jayway's deep-scan application of `target` to one visited node.
fn scan_apply<'a>(target: &'a Step, v: &'a Value, root: &'a Value, out: &mut Vec<&'a Value>) {
    match target {
        Step::Property(name) => {
            if let Some(x) = v.as_object().and_then(|m| m.get(&**name)) {
                out.push(x);
            }
        }
        Step::Index(_) | Step::Indexes(_) | Step::Slice { .. } => {
            if let Value::Array(items) = v {
                array_step(target, items, out);
            }
        }
        Step::Wildcard => wildcard(v, out),
        Step::Filter(expr) => match v {
            Value::Object(_) if filter_eval::matches(expr, v, root) => out.push(v),
            // Jayway tests the array itself first, then its elements.
            Value::Array(items) if filter_eval::matches(expr, v, root) => {
                out.extend(items.iter().filter(|e| filter_eval::matches(expr, e, root)));
            }
            _ => {}
        },
        Step::Scan | Step::Properties(_) => {}
    }
}

/// Pre-order walk of `node` and all its descendants, without recursion.
fn walk<'a>(node: &'a Value, mut visit: impl FnMut(&'a Value)) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        visit(n);
        match n {
            Value::Object(m) => stack.extend(m.values().rev()),
            Value::Array(a) => stack.extend(a.iter().rev()),
            _ => {}
        }
    }
}

fn wildcard<'a>(node: &'a Value, out: &mut Vec<&'a Value>) {
    match node {
        Value::Object(m) => out.extend(m.values()),
        Value::Array(a) => out.extend(a.iter()),
        _ => {}
    }
}

/// Jayway index semantics: negative counts from the end; out of range is skipped.
fn index(items: &[Value], idx: i64) -> Option<&Value> {
    let len = i64::try_from(items.len()).ok()?;
    let eff = if idx < 0 { len.checked_add(idx)? } else { idx };
    usize::try_from(eff).ok().and_then(|e| items.get(e))
}

fn array_step<'a>(step: &Step, items: &'a [Value], out: &mut Vec<&'a Value>) {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    match step {
        Step::Index(i) => out.extend(index(items, *i)),
        Step::Indexes(list) => out.extend(list.iter().filter_map(|i| index(items, *i))),
        // Jayway's ArraySliceToken, including its quirks (no clamping of a negative `from`
        // in [from:to], where each index is then resolved like a single index).
        Step::Slice { from, to } => match (from, to) {
            (Some(f), None) => {
                let f = if *f < 0 { len.saturating_add(*f) } else { *f }.max(0);
                if len == 0 || f >= len {
                    return;
                }
                for i in f..len {
                    out.extend(index(items, i));
                }
            }
            (None, Some(t)) => {
                if len == 0 {
                    return;
                }
                let t = if *t < 0 { len.saturating_add(*t) } else { *t }.min(len);
                for i in 0..t.max(0) {
                    out.extend(index(items, i));
                }
            }
            (Some(f), Some(t)) => {
                let t = (*t).min(len);
                if *f >= t || len == 0 {
                    return;
                }
                // Bound the loop by the array: indexes outside [-len, len) match nothing.
                let lo = (*f).max(-len);
                for i in lo..t {
                    out.extend(index(items, i));
                }
            }
            (None, None) => out.extend(items.iter()),
        },
        _ => {}
    }
}

/// Jayway's merge of a leaf multi-property: an object of the present keys, in path order.
fn merge(map: &Map<String, Value>, names: &[Box<str>]) -> Value {
    let mut merged = Map::new();
    for name in names {
        if let Some(v) = map.get(&**name) {
            merged.insert(name.to_string(), v.clone());
        }
    }
    Value::Object(merged)
}
