//! Support for running aslplay against the conformance corpus (`shared/conformance/cases.jsonl`,
//! real AWS behaviour recorded in LocalStack's snapshot tests).
//!
//! - [`Case`] and [`load_cases`]: the case format (see `shared/README.md`).
//! - [`Placeholders`]: loose matching of recorded texts that contain placeholder tokens.
//! - [`ExpectedFailures`] and [`Report`]: known failures with reasons, per-feature tables,
//!   `N passed, N failed`, and detection of stale expected-failure entries.
//!
//! A *check* is one comparison named `<check kind>:<case id>` (e.g. `validate:…`,
//! `create_error:…`, `definition:…`, `execution:…`), so one case can feed several checks.
#![forbid(unsafe_code)]

mod case;
mod expected;
mod placeholder;
mod report;

pub use case::{cases_path, load_cases, Case, Expected};
pub use expected::ExpectedFailures;
pub use placeholder::Placeholders;
pub use report::{Outcome, Report};
