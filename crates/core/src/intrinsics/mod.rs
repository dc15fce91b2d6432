//! Amazon States Language intrinsic functions (`States.Format`, `States.Array`, …).
//!
//! An intrinsic is written as the string value of a field whose name ends in `.$`
//! (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, `ErrorPath`, `CausePath`, …)
//! when that string does not start with `$`. It is [`parse`]d once, at load time, into a
//! [`Call`] whose path arguments are compiled by the caller; [`evaluate`] then runs it
//! against the caller's path resolver and the execution's [`Random`](crate::random::Random).
//!
//! Behaviour, limits and error texts follow AWS Step Functions; see `docs/intrinsics.md`.

mod ast;
mod error;
mod eval;
mod function;
mod functions;
mod parser;

pub use ast::{Arg, Call, PathKind, Span};
pub use error::{ErrorName, IntrinsicError, ParseError};
pub use eval::evaluate;
pub use function::Function;
pub use parser::{parse, MAX_NESTING};
