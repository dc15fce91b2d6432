//! Math intrinsics: `States.MathRandom` and `States.MathAdd`.

use serde_json::Value;

use super::Args;
use crate::intrinsics::error::IntrinsicError;
use crate::random::Random;

/// `States.MathAdd` accepts integers of Java's `int` range only.
const INT_RANGE: std::ops::RangeInclusive<i64> = -2_147_483_648..=2_147_483_647;

pub(crate) fn random(a: &Args, random: &mut Random) -> Result<Value, IntrinsicError> {
    let start = a.integer(0, "start")?;
    let end = a.integer(1, "end")?;
    let value = if a.args.len() > 2 {
        // A given seed makes the call deterministic on its own, independent of the
        // execution's random source.
        let seed = a.integer(2, "seed")?;
        Random::new(seed as u64).range_i64(start, end)
    } else {
        random.range_i64(start, end)
    };
    value.map(Value::from).ok_or_else(|| {
        IntrinsicError::failure(format!(
            "The end of States.MathRandom must be greater than its start (the start is included, the end excluded), but got start {start} and end {end}"
        ))
    })
}

pub(crate) fn add(a: &Args) -> Result<Value, IntrinsicError> {
    let x = a.integer(0, "first number")?;
    let y = a.integer(1, "second number")?;
    for (n, which) in [(x, "first"), (y, "second")] {
        if !INT_RANGE.contains(&n) {
            return Err(IntrinsicError::failure(format!(
                "The {which} argument of States.MathAdd must be an integer between -2147483648 and 2147483647, but got {n}"
            )));
        }
    }
    Ok(Value::from(x + y))
}
