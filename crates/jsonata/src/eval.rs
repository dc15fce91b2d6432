//! The evaluator: a port of jsonata-js 2.0.6 `jsonata.js` `evaluate` and friends.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use crate::ast::{BinOp, Group, Kind, Node, Slot, Stage, TransformSpec};
use crate::env::Env;
use crate::error::{err, Err, R};
use crate::functions;
use crate::limits::Limits;
use crate::value::{deep_equal, js_insert, strict_equal, Flags, Func, Map, Value};
use crate::Host;
use std::collections::HashMap;
use std::rc::Rc;

/// Evaluation state for one `evaluate` call.
pub struct Evaluator<'a> {
    pub limits: Limits,
    pub slots: &'a [Slot],
    pub depth: usize,
    pub steps: u64,
    /// `$now()`/`$millis()` value, fixed for the whole evaluation.
    pub now_millis: f64,
    pub host: &'a mut dyn Host,
}

fn seq_or_empty(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a, _) => a.as_ref().clone(),
        _ => vec![],
    }
}

fn tuple_get(t: &Value, k: &str) -> Value {
    match t {
        Value::Object(m) => m.get(k).cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

fn tuple_set(t: &mut Value, k: &str, v: Value) {
    if let Value::Object(m) = t {
        Rc::make_mut(m).insert(k.to_string(), v);
    }
}

fn tuple_stream(v: Vec<Value>) -> Value {
    Value::Array(
        Rc::new(v),
        Flags {
            sequence: true,
            tuple_stream: true,
            ..Flags::default()
        },
    )
}

impl<'a> Evaluator<'a> {
    /// Count a step and check the step budget.
    pub fn tick(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return Err(Err::new("U1001")
                .message(format!(
                    "Expression evaluation timeout: Check for infinite loop (step budget of {} exhausted)",
                    self.limits.max_steps
                ))
                .into());
        }
        Ok(())
    }

    /// Charge the production of `n` items to the step budget (four items cost one step).
    pub fn charge(&mut self, n: usize) -> R<()> {
        self.steps = self.steps.saturating_add((n as u64).div_ceil(4));
        self.tick()
    }

    /// Check an array size against the memory guard.
    pub fn check_len(&self, n: usize) -> R<()> {
        if n > self.limits.max_array_len {
            return Err(Err::new("U1003")
                .extra(format!(
                    "array of {n} items exceeds the limit of {}",
                    self.limits.max_array_len
                ))
                .into());
        }
        Ok(())
    }

    /// Check a string size against the memory guard.
    pub fn check_str(&self, n: usize) -> R<()> {
        if n > self.limits.max_string_len {
            return Err(Err::new("U1003")
                .extra(format!(
                    "string of {n} characters exceeds the limit of {}",
                    self.limits.max_string_len
                ))
                .into());
        }
        Ok(())
    }

    /// Evaluate `node` against `input` in `env`.
    pub fn eval(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.depth -= 1;
            return Err(Err::new("U1001").pos(node.position).into());
        }
        let r = self.tick().and_then(|_| self.eval_inner(node, input, env));
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let mut result = match &node.kind {
            Kind::Path(steps) => self.eval_path(node, steps, input, env)?,
            Kind::Binary(op, l, r) => self.eval_binary(node, *op, l, r, input, env)?,
            Kind::Neg(..) => self.k_neg_1(node, input, env)?,
            Kind::Array(..) => self.k_array_2(node, input, env)?,
            Kind::Object(..) => self.k_object_3(node, input, env)?,
            Kind::Name(n) => lookup(input, n),
            Kind::Str(s) => Value::str(s),
            Kind::Num(n) => Value::Number(*n),
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Null => Value::Null,
            Kind::Wildcard => wildcard(input),
            Kind::Descendant => descendants(input),
            Kind::Parent(..) => self.k_parent_4(node, input, env)?,
            Kind::Condition(..) => self.k_condition_5(node, input, env)?,
            Kind::Block(..) => self.k_block_6(node, input, env)?,
            Kind::Bind(..) => self.k_bind_7(node, input, env)?,
            Kind::Regex(re) => Value::Function(Rc::new(Func::Regex(re.clone()))),
            Kind::Function {
                procedure,
                args,
                partial: false,
            } => self.eval_function(node, procedure, args, input, env, None)?,
            Kind::Function {
                procedure,
                args,
                partial: true,
            } => self.eval_partial(node, procedure, args, input, env)?,
            Kind::Placeholder => Value::Undefined,
            Kind::Variable(..) => self.k_variable_8(node, input, env)?,
            Kind::Lambda {
                params,
                signature,
                body,
                thunk,
            } => Value::Function(Rc::new(Func::Lambda {
                node: body.clone(),
                params: params.clone(),
                signature: signature.clone(),
                env: env.clone(),
                input: input.clone(),
                thunk: *thunk,
            })),
            Kind::Apply(l, r) => self.eval_apply(node, l, r, input, env)?,
            Kind::Transform(..) => self.k_transform_9(node, input, env)?,
            Kind::Sort(..) => self.k_sort_10(node, input, env)?,
        };
        if let Some(preds) = &node.predicate {
            for p in preds {
                if let Stage::Filter { expr, .. } = p {
                    result = self.filter(expr, result, env)?;
                }
            }
        }
        if !matches!(node.kind, Kind::Path(_)) {
            if let Some(g) = &node.group {
                result = self.eval_group(g, &result, env)?;
            }
        }
        if let Value::Array(a, f) = &result {
            if f.sequence && !f.tuple_stream {
                let mut f = *f;
                if node.keep_array {
                    f.keep_singleton = true;
                }
                result = match a.len() {
                    0 => Value::Undefined,
                    1 if !f.keep_singleton => a[0].clone(),
                    _ => Value::Array(a.clone(), f),
                };
            }
        }
        Ok(result)
    }

    #[inline(never)]
    fn k_neg_1(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Neg(e) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let v = self.eval(e, input, env)?;
            match v {
                Value::Undefined => Value::Undefined,
                Value::Number(n) => Value::Number(-n),
                other => {
                    return Err(Err::new("D1002")
                        .pos(node.position)
                        .token("-")
                        .value(display(&other))
                        .into())
                }
            }
        })
    }

    #[inline(never)]
    fn k_array_2(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Array(items) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let mut out: Vec<Value> = vec![];
            for item in items {
                let v = self.eval(item, input, env)?;
                if v.is_undefined() {
                    continue;
                }
                if matches!(item.kind, Kind::Array(_)) {
                    out.push(v);
                } else if let Value::Array(a, _) = v {
                    self.charge(a.len())?;
                    out.extend(a.iter().cloned());
                } else {
                    out.push(v);
                }
                self.check_len(out.len())?;
            }
            let flags = Flags {
                cons: node.consarray,
                ..Flags::default()
            };
            Value::Array(Rc::new(out), flags)
        })
    }

    #[inline(never)]
    fn k_object_3(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Object(pairs) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let g = Group {
                pairs: pairs.clone(),
                position: node.position,
            };
            self.eval_group(&g, input, env)?
        })
    }

    #[inline(never)]
    fn k_parent_4(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Parent(slot) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let label = self
                .slots
                .get(*slot)
                .map(|s| s.label.as_str())
                .unwrap_or("");
            env.lookup(label).unwrap_or(Value::Undefined)
        })
    }

    #[inline(never)]
    fn k_condition_5(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Condition(c, t, e) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let cv = self.eval(c, input, env)?;
            if functions::boolean(&cv) == Some(true) {
                self.eval(t, input, env)?
            } else if let Some(e) = e {
                self.eval(e, input, env)?
            } else {
                Value::Undefined
            }
        })
    }

    #[inline(never)]
    fn k_block_6(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Block(exprs) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let frame = env.child();
            let mut r = Value::Undefined;
            for e in exprs {
                r = self.eval(e, input, &frame)?;
            }
            r
        })
    }

    #[inline(never)]
    fn k_bind_7(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Bind(name, rhs) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let v = self.eval(rhs, input, env)?;
            env.bind(name, v.clone());
            v
        })
    }

    #[inline(never)]
    fn k_variable_8(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Variable(name) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            if name.is_empty() {
                match input {
                    Value::Array(a, f) if f.outer_wrapper => {
                        a.first().cloned().unwrap_or(Value::Undefined)
                    }
                    v => v.clone(),
                }
            } else {
                env.lookup(name).unwrap_or(Value::Undefined)
            }
        })
    }

    #[inline(never)]
    fn k_transform_9(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Transform(spec) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok(Value::Function(Rc::new(Func::Transform(
            spec.clone(),
            env.clone(),
        ))))
    }

    #[inline(never)]
    fn k_sort_10(&mut self, node: &Node, input: &Value, env: &Env) -> R<Value> {
        let _ = (node, input, env);
        let Kind::Sort(_) = &node.kind else {
            return Ok(Value::Undefined);
        };
        Ok({
            let items = if input.is_array() {
                input.clone()
            } else {
                Value::seq(vec![input.clone()])
            };
            self.eval_sort(node, items, env)?
        })
    }

    fn eval_path(&mut self, node: &Node, steps: &[Node], input: &Value, env: &Env) -> R<Value> {
        let first_is_var = steps
            .first()
            .is_some_and(|s| matches!(s.kind, Kind::Variable(_)));
        let mut input_seq = if input.is_array() && !first_is_var {
            input.clone()
        } else {
            Value::seq(vec![input.clone()])
        };
        let mut result_seq = Value::Undefined;
        let mut is_tuple = false;
        let mut tuples: Option<Vec<Value>> = None;
        let n = steps.len();
        for (ii, step) in steps.iter().enumerate() {
            if step.tuple {
                is_tuple = true;
            }
            if ii == 0 && step.consarray {
                result_seq = self.eval(step, &input_seq, env)?;
            } else if is_tuple {
                tuples = Some(self.eval_tuple_step(step, &input_seq, tuples.take(), env)?);
            } else {
                result_seq = self.eval_step(step, &input_seq, env, ii == n - 1)?;
            }
            if !is_tuple {
                let empty = match &result_seq {
                    Value::Undefined => true,
                    Value::Array(a, _) => a.is_empty(),
                    Value::String(s) => s.is_empty(),
                    _ => false,
                };
                if empty {
                    break;
                }
            }
            if step.focus.is_none() {
                input_seq = result_seq.clone();
            }
        }
        if is_tuple {
            let ts = tuples.clone().unwrap_or_default();
            if node.tuple {
                result_seq = tuple_stream(ts);
            } else {
                result_seq = Value::seq(ts.iter().map(|t| tuple_get(t, "@")).collect());
            }
        }
        if node.keep_singleton_array {
            if let Value::Array(_, f) = &result_seq {
                if f.cons && !f.sequence {
                    result_seq = Value::seq(vec![result_seq.clone()]);
                }
            }
            if let Value::Array(a, mut f) = result_seq {
                f.keep_singleton = true;
                result_seq = Value::Array(a, f);
            }
        }
        if let Some(g) = &node.group {
            let src = if is_tuple {
                tuple_stream(tuples.unwrap_or_default())
            } else {
                result_seq
            };
            result_seq = self.eval_group(g, &src, env)?;
        }
        Ok(result_seq)
    }

    fn eval_step(&mut self, step: &Node, input: &Value, env: &Env, last: bool) -> R<Value> {
        if matches!(step.kind, Kind::Sort(_)) {
            let mut r = self.eval_sort(step, input.clone(), env)?;
            if let Some(stages) = &step.stages {
                r = self.eval_stages(stages, r, env)?;
            }
            return Ok(r);
        }
        let mut results = vec![];
        for item in seq_or_empty(input) {
            let mut res = self.eval(step, &item, env)?;
            if let Some(stages) = &step.stages {
                for s in stages {
                    if let Stage::Filter { expr, .. } = s {
                        res = self.filter(expr, res, env)?;
                    }
                }
            }
            if !res.is_undefined() {
                results.push(res);
            }
        }
        if last && results.len() == 1 {
            if let Value::Array(_, f) = &results[0] {
                if !f.sequence {
                    return Ok(results.swap_remove(0));
                }
            }
        }
        let mut out = vec![];
        self.charge(results.len())?;
        for r in results {
            match r {
                Value::Array(a, f) if !f.cons => out.extend(a.iter().cloned()),
                v => out.push(v),
            }
            self.check_len(out.len())?;
        }
        Ok(Value::seq(out))
    }

    fn eval_stages(&mut self, stages: &[Stage], input: Value, env: &Env) -> R<Value> {
        let mut result = input;
        for s in stages {
            match s {
                Stage::Filter { expr, .. } => result = self.filter(expr, result, env)?,
                Stage::Index { var } => {
                    if let Value::Array(a, f) = result {
                        let mut items = a.as_ref().clone();
                        for (i, t) in items.iter_mut().enumerate() {
                            tuple_set(t, var, Value::Number(i as f64));
                        }
                        result = Value::Array(Rc::new(items), f);
                    }
                }
            }
        }
        Ok(result)
    }

    fn frame_from_tuple(&self, env: &Env, tuple: &Value) -> Env {
        let f = env.child();
        if let Value::Object(m) = tuple {
            for (k, v) in m.iter() {
                f.bind(k, v.clone());
            }
        }
        f
    }

    fn eval_tuple_step(
        &mut self,
        step: &Node,
        input: &Value,
        tuples: Option<Vec<Value>>,
        env: &Env,
    ) -> R<Vec<Value>> {
        if matches!(step.kind, Kind::Sort(_)) {
            let mut result = match tuples {
                Some(tb) => seq_or_empty(&self.eval_sort(step, tuple_stream(tb), env)?),
                None => {
                    let sorted = self.eval_sort(step, input.clone(), env)?;
                    seq_or_empty(&sorted)
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let mut m = Map::default();
                            m.insert("@".into(), v);
                            if let Some(ix) = &step.index {
                                m.insert(ix.clone(), Value::Number(i as f64));
                            }
                            Value::object(m)
                        })
                        .collect()
                }
            };
            if let Some(stages) = &step.stages {
                result = seq_or_empty(&self.eval_stages(stages, tuple_stream(result), env)?);
            }
            return Ok(result);
        }
        let tb = match tuples {
            Some(t) => t,
            None => seq_or_empty(input)
                .into_iter()
                .map(|v| {
                    let mut m = Map::default();
                    m.insert("@".into(), v);
                    Value::object(m)
                })
                .collect(),
        };
        let mut result = vec![];
        for t in &tb {
            let step_env = self.frame_from_tuple(env, t);
            let ctx = tuple_get(t, "@");
            let res = self.eval(step, &ctx, &step_env)?;
            if res.is_undefined() {
                continue;
            }
            let (items, is_ts) = match res {
                Value::Array(a, f) => (a.as_ref().clone(), f.tuple_stream),
                v => (vec![v], false),
            };
            for (bb, item) in items.into_iter().enumerate() {
                let mut tuple = t.clone();
                if is_ts {
                    if let (Value::Object(dst), Value::Object(src)) = (&mut tuple, &item) {
                        let d = Rc::make_mut(dst);
                        for (k, v) in src.iter() {
                            d.insert(k.clone(), v.clone());
                        }
                    }
                } else {
                    if let Some(focus) = &step.focus {
                        tuple_set(&mut tuple, focus, item);
                        tuple_set(&mut tuple, "@", ctx.clone());
                    } else {
                        tuple_set(&mut tuple, "@", item);
                    }
                    if let Some(ix) = &step.index {
                        tuple_set(&mut tuple, ix, Value::Number(bb as f64));
                    }
                    if let Some(anc) = step.ancestor {
                        let label = self
                            .slots
                            .get(anc)
                            .map(|s| s.label.clone())
                            .unwrap_or_default();
                        tuple_set(&mut tuple, &label, ctx.clone());
                    }
                }
                result.push(tuple);
            }
            self.check_len(result.len())?;
        }
        if let Some(stages) = &step.stages {
            result = seq_or_empty(&self.eval_stages(stages, tuple_stream(result), env)?);
        }
        Ok(result)
    }

    /// Apply a predicate (`[expr]`) to `input`.
    pub fn filter(&mut self, pred: &Node, input: Value, env: &Env) -> R<Value> {
        let is_ts = input.flags().tuple_stream;
        let items = match &input {
            Value::Array(a, _) => a.as_ref().clone(),
            Value::Undefined => vec![Value::Undefined],
            v => vec![v.clone()],
        };
        let flags = Flags {
            sequence: true,
            tuple_stream: is_ts,
            ..Flags::default()
        };
        if let Kind::Num(n) = pred.kind {
            let mut index = n.floor();
            if index < 0.0 {
                index += items.len() as f64;
            }
            let mut out = vec![];
            if index >= 0.0 {
                if let Some(item) = items.get(index as usize) {
                    if item.is_undefined() {
                    } else if let Value::Array(..) = item {
                        return Ok(item.clone());
                    } else {
                        out.push(item.clone());
                    }
                }
            }
            return Ok(Value::Array(Rc::new(out), flags));
        }
        let mut out = vec![];
        let len = items.len() as f64;
        for (index, item) in items.iter().enumerate() {
            let (ctx, fenv) = if is_ts {
                (tuple_get(item, "@"), self.frame_from_tuple(env, item))
            } else {
                (item.clone(), env.clone())
            };
            let res = self.eval(pred, &ctx, &fenv)?;
            let nums: Option<Vec<f64>> = match &res {
                Value::Number(n) if !n.is_nan() => Some(vec![*n]),
                Value::Array(a, _) if !a.is_empty() && a.iter().all(|v| v.is_numeric()) => {
                    Some(a.iter().filter_map(|v| v.as_f64()).collect())
                }
                _ => None,
            };
            if let Some(nums) = nums {
                for n in nums {
                    let mut ii = n.floor();
                    if ii < 0.0 {
                        ii += len;
                    }
                    if ii == index as f64 {
                        out.push(item.clone());
                    }
                }
            } else if functions::boolean(&res) == Some(true) {
                out.push(item.clone());
            }
        }
        Ok(Value::Array(Rc::new(out), flags))
    }

    fn eval_binary(
        &mut self,
        node: &Node,
        op: BinOp,
        l: &Node,
        r: &Node,
        input: &Value,
        env: &Env,
    ) -> R<Value> {
        let lhs = self.eval(l, input, env)?;
        let at = |e: Box<Err>| -> Box<Err> {
            let mut e = e;
            if e.position.is_none() {
                e.position = Some(node.position);
            }
            if e.token.is_none() {
                e.token = Some(op.symbol().to_string());
            }
            e
        };
        if op == BinOp::And || op == BinOp::Or {
            let lb = functions::boolean(&lhs).unwrap_or(false);
            if op == BinOp::And && !lb {
                return Ok(Value::Bool(false));
            }
            if op == BinOp::Or && lb {
                return Ok(Value::Bool(true));
            }
            let rhs = self.eval(r, input, env).map_err(|mut e| {
                e.position = Some(node.position);
                e.token = Some(op.symbol().to_string());
                e
            })?;
            return Ok(Value::Bool(functions::boolean(&rhs).unwrap_or(false)));
        }
        let rhs = self.eval(r, input, env)?;
        self.binary(op, lhs, rhs).map_err(at)
    }

    fn binary(&mut self, op: BinOp, lhs: Value, rhs: Value) -> R<Value> {
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                for v in [&lhs, &rhs] {
                    if let Value::Number(n) = v {
                        if n.is_infinite() {
                            return Err(Err::new("D1001").value(display(v)).into());
                        }
                    }
                }
                if !lhs.is_undefined() && !lhs.is_numeric() {
                    return Err(Err::new("T2001").value(display(&lhs)).into());
                }
                if !rhs.is_undefined() && !rhs.is_numeric() {
                    return Err(Err::new("T2002").value(display(&rhs)).into());
                }
                let (Value::Number(a), Value::Number(b)) = (&lhs, &rhs) else {
                    return Ok(Value::Undefined);
                };
                let (a, b) = (*a, *b);
                Ok(Value::Number(match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    BinOp::Mul => a * b,
                    BinOp::Div => a / b,
                    _ => a % b,
                }))
            }
            BinOp::Eq | BinOp::Ne => {
                if lhs.is_undefined() || rhs.is_undefined() {
                    return Ok(Value::Bool(false));
                }
                let eq = deep_equal(&lhs, &rhs);
                Ok(Value::Bool(if op == BinOp::Eq { eq } else { !eq }))
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let comparable =
                    |v: &Value| matches!(v, Value::Undefined | Value::String(_) | Value::Number(_));
                if !comparable(&lhs) || !comparable(&rhs) {
                    let bad = if !matches!(lhs, Value::String(_) | Value::Number(_)) {
                        &lhs
                    } else {
                        &rhs
                    };
                    return Err(Err::new("T2010").value(display(bad)).into());
                }
                if lhs.is_undefined() || rhs.is_undefined() {
                    return Ok(Value::Undefined);
                }
                let ord = match (&lhs, &rhs) {
                    (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
                    (Value::String(a), Value::String(b)) => Some(cmp_js_str(a, b)),
                    _ => {
                        return Err(Err::new("T2009")
                            .value(display(&lhs))
                            .value2(display(&rhs))
                            .into())
                    }
                };
                let Some(ord) = ord else {
                    return Ok(Value::Bool(false));
                };
                use std::cmp::Ordering::*;
                Ok(Value::Bool(match op {
                    BinOp::Lt => ord == Less,
                    BinOp::Le => ord != Greater,
                    BinOp::Gt => ord == Greater,
                    _ => ord != Less,
                }))
            }
            BinOp::Concat => {
                let mut s = String::new();
                if !lhs.is_undefined() {
                    s.push_str(&functions::string(self, &lhs, false)?);
                }
                if !rhs.is_undefined() {
                    s.push_str(&functions::string(self, &rhs, false)?);
                }
                self.check_str(s.len())?;
                Ok(Value::string(s))
            }
            BinOp::Range => {
                let is_int =
                    |v: &Value| matches!(v, Value::Number(n) if n.fract() == 0.0 && n.is_finite());
                if !lhs.is_undefined() && !is_int(&lhs) {
                    return Err(Err::new("T2003").value(display(&lhs)).into());
                }
                if !rhs.is_undefined() && !is_int(&rhs) {
                    return Err(Err::new("T2004").value(display(&rhs)).into());
                }
                let (Value::Number(a), Value::Number(b)) = (&lhs, &rhs) else {
                    return Ok(Value::Undefined);
                };
                if a > b {
                    return Ok(Value::Undefined);
                }
                let size = b - a + 1.0;
                let cap = (self.limits.max_array_len as f64).min(1e7);
                if size > cap {
                    return Err(Err::new("D2014")
                        .value(crate::value::js_number_to_string(size))
                        .extra(crate::value::js_number_to_string(cap))
                        .into());
                }
                let (a, n) = (*a, size as usize);
                // Ranges are the cheapest way to allocate: charge one step per item.
                self.charge(n.saturating_mul(4))?;
                let v: Vec<Value> = (0..n).map(|i| Value::Number(a + i as f64)).collect();
                Ok(Value::seq(v))
            }
            BinOp::In => {
                if lhs.is_undefined() || rhs.is_undefined() {
                    return Ok(Value::Bool(false));
                }
                let items = rhs.items();
                Ok(Value::Bool(items.iter().any(|x| strict_equal(x, &lhs))))
            }
            BinOp::And | BinOp::Or => Ok(Value::Undefined),
        }
    }

    fn eval_group(&mut self, g: &Group, input: &Value, env: &Env) -> R<Value> {
        let reduce = input.flags().tuple_stream;
        let mut items = match input {
            Value::Array(a, _) => a.as_ref().clone(),
            v => vec![v.clone()],
        };
        if items.is_empty() {
            items.push(Value::Undefined);
        }
        // key -> (data, expr index)
        let mut groups: Vec<(String, Value, usize)> = vec![];
        let mut index: HashMap<String, usize> = HashMap::new();
        for item in &items {
            let ienv = if reduce {
                self.frame_from_tuple(env, item)
            } else {
                env.clone()
            };
            let ctx = if reduce {
                tuple_get(item, "@")
            } else {
                item.clone()
            };
            for (pi, (kn, _)) in g.pairs.iter().enumerate() {
                let key = self.eval(kn, &ctx, &ienv)?;
                let key = match key {
                    Value::Undefined => continue,
                    Value::String(s) => s.to_string(),
                    other => {
                        return Err(Err::new("T1003")
                            .pos(g.position)
                            .value(display(&other))
                            .into())
                    }
                };
                match index.get(&key) {
                    Some(&gi) => {
                        let entry = &mut groups[gi];
                        if entry.2 != pi {
                            return Err(Err::new("D1009")
                                .pos(g.position)
                                .value(crate::error::q(&key))
                                .into());
                        }
                        let old = std::mem::replace(&mut entry.1, Value::Undefined);
                        entry.1 = functions::append(old, item.clone());
                    }
                    None => {
                        index.insert(key.clone(), groups.len());
                        groups.push((key, item.clone(), pi));
                    }
                }
            }
        }
        let mut result = Map::default();
        // JavaScript object key order for the groups.
        let mut order: Vec<usize> = (0..groups.len()).collect();
        let mut keyed = Map::default();
        for (i, (k, _, _)) in groups.iter().enumerate() {
            keyed.insert(k.clone(), Value::Number(i as f64));
        }
        let keyed = crate::value::js_order(keyed);
        order.clear();
        for v in keyed.values() {
            if let Value::Number(i) = v {
                order.push(*i as usize);
            }
        }
        for gi in order {
            let (key, data, pi) = &groups[gi];
            let (ctx, genv) = if reduce {
                let tuple = reduce_tuple_stream(data);
                let ctx = tuple_get(&tuple, "@");
                let mut t = tuple;
                if let Value::Object(m) = &mut t {
                    Rc::make_mut(m).shift_remove("@");
                }
                (ctx, self.frame_from_tuple(env, &t))
            } else {
                (data.clone(), env.clone())
            };
            let v = self.eval(&g.pairs[*pi].1, &ctx, &genv)?;
            if !v.is_undefined() {
                js_insert(&mut result, key.clone(), v);
            }
        }
        Ok(Value::object(result))
    }

    fn eval_sort(&mut self, node: &Node, input: Value, env: &Env) -> R<Value> {
        let Kind::Sort(terms) = &node.kind else {
            return Ok(input);
        };
        let is_ts = input.flags().tuple_stream;
        let items = match &input {
            Value::Array(a, _) => a.as_ref().clone(),
            Value::Undefined => return Ok(Value::Undefined),
            v => return Ok(v.clone()),
        };
        if items.len() <= 1 {
            return Ok(input);
        }
        // Pre-compute sort keys for each item and term.
        let mut keys: Vec<Vec<Value>> = Vec::with_capacity(items.len());
        for item in &items {
            let (ctx, e) = if is_ts {
                (tuple_get(item, "@"), self.frame_from_tuple(env, item))
            } else {
                (item.clone(), env.clone())
            };
            let mut k = vec![];
            for t in terms {
                k.push(self.eval(&t.expr, &ctx, &e)?);
            }
            keys.push(k);
        }
        let pos = node.position;
        let idx: Vec<usize> = (0..items.len()).collect();
        let sorted = merge_sort(idx, &mut |a: &usize, b: &usize| {
            let mut comp = 0;
            for (ti, t) in terms.iter().enumerate() {
                let aa = &keys[*a][ti];
                let bb = &keys[*b][ti];
                if aa.is_undefined() {
                    comp = if bb.is_undefined() { 0 } else { 1 };
                    if comp != 0 {
                        break;
                    }
                    continue;
                }
                if bb.is_undefined() {
                    comp = -1;
                    break;
                }
                let ok = |v: &Value| matches!(v, Value::String(_) | Value::Number(_));
                if !ok(aa) || !ok(bb) {
                    let bad = if !ok(aa) { aa } else { bb };
                    return Err(Err::new("T2008").pos(pos).value(display(bad)).into());
                }
                let c = match (aa, bb) {
                    (Value::Number(x), Value::Number(y)) => {
                        if x == y {
                            0
                        } else if x < y {
                            -1
                        } else {
                            1
                        }
                    }
                    (Value::String(x), Value::String(y)) => match cmp_js_str(x, y) {
                        std::cmp::Ordering::Equal => 0,
                        std::cmp::Ordering::Less => -1,
                        std::cmp::Ordering::Greater => 1,
                    },
                    _ => {
                        return Err(Err::new("T2007")
                            .pos(pos)
                            .value(display(aa))
                            .value2(display(bb))
                            .into())
                    }
                };
                if c == 0 {
                    continue;
                }
                comp = if t.descending { -c } else { c };
                break;
            }
            Ok(comp == 1)
        })?;
        let out: Vec<Value> = sorted.into_iter().map(|i| items[i].clone()).collect();
        let flags = Flags {
            sequence: true,
            tuple_stream: is_ts,
            ..Flags::default()
        };
        Ok(Value::Array(Rc::new(out), flags))
    }

    fn eval_apply(
        &mut self,
        node: &Node,
        l: &Node,
        r: &Node,
        input: &Value,
        env: &Env,
    ) -> R<Value> {
        let lhs = self.eval(l, input, env)?;
        if let Kind::Function {
            procedure,
            args,
            partial: false,
        } = &r.kind
        {
            return self.eval_function(r, procedure, args, input, env, Some(lhs));
        }
        let func = self.eval(r, input, env)?;
        if !func.is_function() {
            return Err(Err::new("T2006")
                .pos(node.position)
                .value(display(&func))
                .into());
        }
        if lhs.is_function() {
            return Ok(Value::Function(Rc::new(Func::Chain(lhs, func))));
        }
        self.apply(&func, vec![lhs], &Value::Null)
    }

    fn eval_function(
        &mut self,
        node: &Node,
        procedure: &Node,
        args: &[Node],
        input: &Value,
        env: &Env,
        context: Option<Value>,
    ) -> R<Value> {
        let proc = self.eval(procedure, input, env)?;
        let first_name = match &procedure.kind {
            Kind::Path(steps) => steps.first().and_then(|s| match &s.kind {
                Kind::Name(n) => Some(n.clone()),
                _ => None,
            }),
            _ => None,
        };
        if proc.is_undefined() {
            if let Some(n) = &first_name {
                if env.lookup(n).is_some() {
                    return Err(Err::new("T1005").pos(node.position).token(n.clone()).into());
                }
            }
        }
        let mut evaluated = vec![];
        if let Some(c) = context {
            evaluated.push(c);
        }
        for a in args {
            evaluated.push(self.eval(a, input, env)?);
        }
        let proc_name = match &procedure.kind {
            Kind::Variable(v) => Some(v.clone()),
            _ => first_name,
        };
        self.apply_at(&proc, evaluated, input, Some(node.position))
            .map_err(|mut e| {
                if e.position.is_none() {
                    e.position = Some(node.position);
                }
                if e.token.is_none() {
                    e.token = proc_name.clone();
                }
                e
            })
    }

    fn eval_partial(
        &mut self,
        node: &Node,
        procedure: &Node,
        args: &[Node],
        input: &Value,
        env: &Env,
    ) -> R<Value> {
        let mut evaluated = vec![];
        for a in args {
            if matches!(a.kind, Kind::Placeholder) {
                evaluated.push(None);
            } else {
                evaluated.push(Some(self.eval(a, input, env)?));
            }
        }
        let proc = self.eval(procedure, input, env)?;
        let first_name = match &procedure.kind {
            Kind::Path(steps) => steps.first().and_then(|s| match &s.kind {
                Kind::Name(n) => Some(n.clone()),
                _ => None,
            }),
            Kind::Variable(v) => Some(v.clone()),
            _ => None,
        };
        if proc.is_undefined() {
            if let (Kind::Path(_), Some(n)) = (&procedure.kind, &first_name) {
                if env.lookup(n).is_some() {
                    return Err(Err::new("T1007").pos(node.position).token(n.clone()).into());
                }
            }
        }
        if !proc.is_function() {
            let mut e = Err::new("T1008").pos(node.position);
            if let Some(n) = first_name {
                e = e.token(n);
            }
            return Err(e.into());
        }
        let arity = evaluated.iter().filter(|a| a.is_none()).count();
        Ok(Value::Function(Rc::new(Func::Partial {
            target: proc,
            args: evaluated,
            arity,
        })))
    }

    /// Call a function value with arguments (resolving tail calls).
    pub fn apply(&mut self, proc: &Value, args: Vec<Value>, input: &Value) -> R<Value> {
        self.apply_at(proc, args, input, None)
    }

    /// [`Evaluator::apply`] for a call written at `call_pos` (errors raised inside the call
    /// take that position, like jsonata-js).
    pub fn apply_at(
        &mut self,
        proc: &Value,
        args: Vec<Value>,
        input: &Value,
        call_pos: Option<usize>,
    ) -> R<Value> {
        let mut result = self.apply_inner(proc, args, input, call_pos)?;
        loop {
            let next = match &result {
                Value::Function(f) => match f.as_ref() {
                    Func::Lambda {
                        thunk: true,
                        node,
                        env,
                        input: tin,
                        ..
                    } => Some((node.clone(), env.clone(), tin.clone())),
                    _ => None,
                },
                _ => None,
            };
            let Some((body, tenv, tin)) = next else { break };
            self.tick()?;
            let Kind::Function {
                procedure,
                args: arg_nodes,
                ..
            } = &body.kind
            else {
                break;
            };
            let next_proc = self.eval(procedure, &tin, &tenv)?;
            let mut evaluated = vec![];
            for a in arg_nodes {
                evaluated.push(self.eval(a, &tin, &tenv)?);
            }
            // jsonata-js gives the tail call the procedure's position and variable name.
            let token = match &procedure.kind {
                Kind::Variable(v) => Some(v.clone()),
                _ => None,
            };
            result = self
                .apply_inner(&next_proc, evaluated, input, Some(procedure.position))
                .map_err(|mut e| {
                    if e.token.is_none() {
                        e.token = token.clone();
                    }
                    e
                })?;
        }
        Ok(result)
    }

    fn apply_inner(
        &mut self,
        proc: &Value,
        args: Vec<Value>,
        input: &Value,
        call_pos: Option<usize>,
    ) -> R<Value> {
        self.apply_inner2(proc, args, input).map_err(|mut e| {
            if let Some(p) = call_pos {
                e.position = Some(p);
            }
            e
        })
    }

    fn apply_inner2(&mut self, proc: &Value, args: Vec<Value>, input: &Value) -> R<Value> {
        self.tick()?;
        let Value::Function(f) = proc else {
            return err("T1006");
        };
        match f.as_ref() {
            Func::Lambda {
                node,
                params,
                signature,
                env,
                input: lin,
                ..
            } => {
                let args = match signature {
                    Some(sig) => sig.validate(&args, input)?,
                    None => args,
                };
                let frame = env.child();
                for (i, p) in params.iter().enumerate() {
                    frame.bind(p, args.get(i).cloned().unwrap_or(Value::Undefined));
                }
                self.eval(node, lin, &frame)
            }
            Func::Native {
                name,
                signature,
                imp,
                ..
            } => {
                let args = match signature {
                    Some(sig) => sig.validate(&args, input).map_err(|mut e| {
                        if e.token.is_none() {
                            e.token = Some((*name).to_string());
                        }
                        e
                    })?,
                    None => args,
                };
                imp(self, &args, input).map_err(|mut e| {
                    if e.token.is_none() {
                        e.token = Some((*name).to_string());
                    }
                    e
                })
            }
            Func::Partial {
                target,
                args: pargs,
                ..
            } => {
                let mut supplied = args.into_iter();
                let mut full: Vec<Value> = pargs
                    .iter()
                    .map(|a| match a {
                        Some(v) => v.clone(),
                        None => supplied.next().unwrap_or(Value::Undefined),
                    })
                    .collect();
                if let Value::Function(tf) = target {
                    match tf.as_ref() {
                        Func::Lambda { params, .. } => {
                            while full.len() < params.len() {
                                full.push(Value::Undefined);
                            }
                        }
                        // jsonata-js calls a partially applied native directly, unvalidated.
                        Func::Native { name, imp, .. } => {
                            return imp(self, &full, &Value::Null).map_err(|mut e| {
                                if e.token.is_none() {
                                    e.token = Some((*name).to_string());
                                }
                                e
                            });
                        }
                        _ => {}
                    }
                }
                self.apply(target, full, &Value::Null)
            }
            Func::Regex(re) => {
                let s = match args.first() {
                    Some(Value::String(s)) => s.clone(),
                    _ => return Ok(Value::Undefined),
                };
                Ok(functions::string_fns::regex_match_object(re, &s, 0))
            }
            Func::Chain(f1, f2) => {
                let mid = self.apply(f1, args, &Value::Null)?;
                self.apply(f2, vec![mid], &Value::Null)
            }
            Func::Transform(spec, env) => {
                let obj = args.into_iter().next().unwrap_or(Value::Undefined);
                self.transform(spec, env, obj)
            }
        }
    }

    fn transform(&mut self, spec: &TransformSpec, env: &Env, obj: Value) -> R<Value> {
        if obj.is_undefined() {
            return Ok(Value::Undefined);
        }
        if !matches!(obj, Value::Object(_) | Value::Array(..)) {
            return Err(Err::new("T0410").index(1).token("transform").into());
        }
        let clone_fn = env.lookup("clone").unwrap_or(Value::Undefined);
        if !clone_fn.is_function() {
            return Err(Err::new("T2013").pos(spec.position).into());
        }
        let cloned = self.apply(&clone_fn, vec![obj], &Value::Null)?;
        let matches = self.eval(&spec.pattern, &cloned, env)?;
        let mut state: HashMap<usize, Rc<Map>> = HashMap::new();
        if !matches.is_undefined() {
            for m in matches.items() {
                let key = match &m {
                    Value::Object(o) => Some(Rc::as_ptr(o) as usize),
                    _ => None,
                };
                let current = match key.and_then(|k| state.get(&k)) {
                    Some(o) => Value::Object(o.clone()),
                    None => m.clone(),
                };
                let update = self.eval(&spec.update, &current, env)?;
                let mut cur_map: Option<Map> = current.as_object().cloned();
                match &update {
                    Value::Undefined => {}
                    Value::Object(u) => {
                        if let Some(cm) = cur_map.as_mut() {
                            for (k, v) in u.iter() {
                                js_insert(cm, k.clone(), v.clone());
                            }
                        }
                    }
                    other => {
                        return Err(Err::new("T2011")
                            .pos(spec.update.position)
                            .value(display(other))
                            .into())
                    }
                }
                if let Some(d) = &spec.delete {
                    let ctx = match &cur_map {
                        Some(cm) => Value::object(cm.clone()),
                        None => current.clone(),
                    };
                    let dels = self.eval(d, &ctx, env)?;
                    if !dels.is_undefined() {
                        let list = dels.items();
                        if !list.iter().all(|v| matches!(v, Value::String(_))) {
                            return Err(Err::new("T2012")
                                .pos(d.position)
                                .value(display(&dels))
                                .into());
                        }
                        if let Some(cm) = cur_map.as_mut() {
                            for k in list {
                                if let Value::String(k) = k {
                                    cm.shift_remove(k.as_ref());
                                }
                            }
                        }
                    }
                }
                if let (Some(k), Some(cm)) = (key, cur_map) {
                    state.insert(k, Rc::new(cm));
                }
            }
        }
        Ok(rebuild(&cloned, &state, 0))
    }
}

fn rebuild(v: &Value, state: &HashMap<usize, Rc<Map>>, depth: usize) -> Value {
    if depth > 10_000 {
        return v.clone();
    }
    match v {
        Value::Object(o) => {
            let src = state.get(&(Rc::as_ptr(o) as usize)).unwrap_or(o);
            let mut m = Map::with_capacity_and_hasher(src.len(), Default::default());
            for (k, x) in src.iter() {
                m.insert(k.clone(), rebuild(x, state, depth + 1));
            }
            Value::object(m)
        }
        Value::Array(a, f) => Value::Array(
            Rc::new(a.iter().map(|x| rebuild(x, state, depth + 1)).collect()),
            *f,
        ),
        other => other.clone(),
    }
}

/// Merge the tuples of a group into one (jsonata-js `reduceTupleStream`).
fn reduce_tuple_stream(data: &Value) -> Value {
    let Value::Array(items, _) = data else {
        return data.clone();
    };
    let Some(first) = items.first() else {
        return Value::object(Map::default());
    };
    let mut result: Map = first.as_object().cloned().unwrap_or_default();
    for t in items.iter().skip(1) {
        if let Value::Object(m) = t {
            for (k, v) in m.iter() {
                let old = result.shift_remove(k).unwrap_or(Value::Undefined);
                result.insert(k.clone(), functions::append(old, v.clone()));
            }
        }
    }
    Value::object(result)
}

/// Stable merge sort with a fallible "swap" comparator, in jsonata-js's `$sort` order
/// (top-down: left half, right half, merge), so errors surface in the same order.
pub fn merge_sort<T: Clone>(items: Vec<T>, swap: &mut dyn FnMut(&T, &T) -> R<bool>) -> R<Vec<T>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut right = items;
    let left: Vec<T> = right.drain(..right.len() / 2).collect();
    let left = merge_sort(left, swap)?;
    let right = merge_sort(right, swap)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if swap(&left[i], &right[j])? {
            out.push(right[j].clone());
            j += 1;
        } else {
            out.push(left[i].clone());
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    Ok(out)
}

/// Compare strings by UTF-16 code units, like JavaScript's `<`.
pub fn cmp_js_str(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// jsonata-js `lookup`: field access over arrays.
pub fn lookup(input: &Value, key: &str) -> Value {
    match input {
        Value::Array(a, _) => {
            let mut out = vec![];
            for item in a.iter() {
                match lookup(item, key) {
                    Value::Undefined => {}
                    Value::Array(x, _) => out.extend(x.iter().cloned()),
                    v => out.push(v),
                }
            }
            Value::seq(out)
        }
        Value::Object(o) => o.get(key).cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}

fn flatten_into(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a, _) => a.iter().for_each(|x| flatten_into(x, out)),
        other => out.push(other.clone()),
    }
}

fn wildcard(input: &Value) -> Value {
    let mut input = input;
    if let Value::Array(a, f) = input {
        if f.outer_wrapper {
            if let Some(first) = a.first() {
                input = first;
            }
        }
    }
    let mut out = vec![];
    match input {
        Value::Object(o) => {
            for v in o.values() {
                match v {
                    Value::Array(..) => flatten_into(v, &mut out),
                    other => out.push(other.clone()),
                }
            }
        }
        Value::Array(a, _) => {
            for v in a.iter() {
                match v {
                    Value::Array(..) => flatten_into(v, &mut out),
                    other => out.push(other.clone()),
                }
            }
        }
        _ => {}
    }
    Value::seq(out)
}

fn descendants(input: &Value) -> Value {
    if input.is_undefined() {
        return Value::Undefined;
    }
    let mut out = vec![];
    recurse_descendants(input, &mut out, 0);
    if out.len() == 1 {
        out.swap_remove(0)
    } else {
        Value::seq(out)
    }
}

fn recurse_descendants(input: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 10_000 {
        return;
    }
    match input {
        Value::Array(a, _) => a
            .iter()
            .for_each(|m| recurse_descendants(m, out, depth + 1)),
        Value::Object(o) => {
            out.push(input.clone());
            o.values()
                .for_each(|m| recurse_descendants(m, out, depth + 1));
        }
        other => out.push(other.clone()),
    }
}

/// Render a value for an error message.
pub fn display(v: &Value) -> String {
    match v {
        Value::Undefined => "undefined".into(),
        Value::String(s) => crate::error::q(s),
        Value::Number(n) if !n.is_finite() => "null".into(),
        Value::Number(n) => crate::value::js_number_to_string(*n),
        Value::Function(_) => "function".into(),
        other => crate::value::to_json(other)
            .map(|j| j.to_string())
            .unwrap_or_default(),
    }
}
