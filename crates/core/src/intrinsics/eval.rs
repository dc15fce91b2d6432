//! Evaluation of a parsed intrinsic call.

use serde_json::Value;
use std::borrow::Cow;

use super::ast::{Arg, Call};
use super::error::IntrinsicError;
use super::function::Function;
use super::functions;
use crate::random::Random;

/// Evaluates `call`.
///
/// `resolve` reads a compiled path argument, borrowing from its document when it can; it
/// must fail with [`IntrinsicError::path_not_found`] when the path matches nothing, as AWS
/// does. `random` is the execution's random source (`States.MathRandom` without a seed,
/// `States.UUID`).
pub fn evaluate<'d, P>(
    call: &'d Call<P>,
    resolve: &mut dyn FnMut(&'d P) -> Result<Cow<'d, Value>, IntrinsicError>,
    random: &mut Random,
) -> Result<Value, IntrinsicError> {
    // `States.ArrayLength($.big)` counts the array where it is instead of copying it.
    if let (Function::ArrayLength, [Arg::Path { compiled, .. }]) =
        (call.function, call.args.as_slice())
    {
        let v = resolve(compiled)?;
        if let Value::Array(items) = &*v {
            return Ok(Value::from(items.len()));
        }
        return functions::apply(call.function, &mut [v], random);
    }
    if call.function == Function::Format {
        let (template_arg, rest) = match call.args.split_first() {
            Some(split) => split,
            None => {
                return Err(IntrinsicError::failure(
                    "States.Format needs a template string",
                ))
            }
        };
        // A literal template is read as written so that `\{` stays a literal brace.
        let template: Cow<'d, str> = match template_arg {
            Arg::String { raw, .. } => Cow::Borrowed(raw),
            other => match eval_arg(other, resolve, random)? {
                Value::String(s) => Cow::Owned(s),
                v => {
                    return Err(IntrinsicError::failure(format!(
                        "The first argument of States.Format must be a string template, but got {}",
                        functions::describe(&v)
                    )))
                }
            },
        };
        let values = rest
            .iter()
            .map(|a| eval_arg_cow(a, resolve, random))
            .collect::<Result<Vec<_>, _>>()?;
        return functions::generic::format(&template, &values).map(Value::String);
    }
    // Most calls have one to three arguments: they live on the stack, exactly as many as
    // there are (no default-filled slots to write and drop).
    let f = call.function;
    let mut arg = |i: usize| match call.args.get(i) {
        Some(a) => eval_arg_cow(a, resolve, random),
        None => Err(IntrinsicError::failure("missing argument")),
    };
    match call.args.len() {
        1 => return functions::apply(f, &mut [arg(0)?], random),
        2 => {
            let a = arg(0)?;
            return functions::apply(f, &mut [a, arg(1)?], random);
        }
        3 => {
            let (a, b) = (arg(0)?, arg(1)?);
            return functions::apply(f, &mut [a, b, arg(2)?], random);
        }
        _ => {}
    }
    let mut args = Vec::with_capacity(call.args.len());
    for a in &call.args {
        args.push(eval_arg_cow(a, resolve, random)?);
    }
    functions::apply(call.function, &mut args, random)
}

/// [`eval_arg`], borrowing literals and path selections instead of copying them.
fn eval_arg_cow<'d, P>(
    arg: &'d Arg<P>,
    resolve: &mut dyn FnMut(&'d P) -> Result<Cow<'d, Value>, IntrinsicError>,
    random: &mut Random,
) -> Result<Cow<'d, Value>, IntrinsicError> {
    match arg {
        Arg::Literal { value, .. } => Ok(Cow::Borrowed(value)),
        Arg::Path { compiled, .. } => resolve(compiled),
        other => eval_arg(other, resolve, random).map(Cow::Owned),
    }
}

fn eval_arg<'d, P>(
    arg: &'d Arg<P>,
    resolve: &mut dyn FnMut(&'d P) -> Result<Cow<'d, Value>, IntrinsicError>,
    random: &mut Random,
) -> Result<Value, IntrinsicError> {
    match arg {
        Arg::String { value, .. } => Ok(Value::String(value.clone())),
        Arg::Literal { value, .. } => Ok(value.clone()),
        Arg::Path { compiled, .. } => resolve(compiled).map(Cow::into_owned),
        Arg::Call(call) => evaluate(call, resolve, random),
    }
}
