//! The API layer: what `SFN.Client.start_sync_execution` answers, on an in-memory registry.
//!
//! - [`registry`]: CreateStateMachine / versions / aliases / DeleteStateMachine.
//! - [`request`] and [`sync`]: StartSyncExecution with AWS's validation and messages.
//! - [`response`]: the response shape; [`billing`]: simulated billing and a cost estimate.
//! - [`mocks`]: Step Functions Local MockConfigFile mocks as a Task host.
//! - [`run`]: one call from a definition text to a response (what the CLI and wasm use).
//!
//! Contract and messages: docs/api.md.

pub mod arn;
pub mod billing;
pub mod error;
pub mod mocks;
pub mod names;
pub mod options;
pub mod registry;
pub mod request;
pub mod response;
pub mod run;
pub mod sync;

pub use billing::{BillingDetails, CostEstimate, MemoryEstimate};
pub use error::{ApiError, ErrorCode};
pub use mocks::{MockConfig, MockConfigError, MockHost};
pub use options::SyncOptions;
pub use registry::{CreateStateMachineRequest, CreateStateMachineResponse, Registry};
pub use request::{IncludedData, StartSyncExecutionRequest};
pub use response::{StartSyncExecutionResponse, Timestamp};
pub use run::{
    run_definition, run_with_options, validate_state_machine_definition, MachineSpec, RunOptions,
    ValidateRequest,
};
pub use sync::{start_sync_execution, SyncRun};
