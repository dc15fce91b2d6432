//! aslplay-core: an Amazon States Language interpreter that behaves like a synchronous
//! AWS Step Functions Express execution.
//!
//! The core is sans-IO: it never reads a clock, a random source, the network or the DOM.
//! Time, randomness, task results and limits are passed in explicitly.
#![forbid(unsafe_code)]
// No panics on user input (a panic in wasm kills the page): see docs/limits.md.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod api;
pub mod diagnostic;
pub mod exec;
pub mod intrinsics;
pub mod json;
pub mod model;
pub mod random;
pub mod time;
pub mod validate;

pub use diagnostic::{Diagnostic, DiagnosticCode, Severity, SourceSpan};
pub use validate::{
    create_state_machine_error, load_definition, parse_definition, validate_definition,
    MachineType, ValidationReport, ValidationResult,
};
