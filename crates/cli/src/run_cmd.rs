//! `aslplay run DEFINITION_FILE [options]`: create the state machine, call StartSyncExecution,
//! print the response the way `aws stepfunctions start-sync-execution` prints it.
//!
//! Exit codes: 0 when the call answered (whatever the execution's status), 254 for a request
//! error (its AWS JSON protocol error body on stderr, as the AWS CLI exits 254 on service
//! errors), 2 for usage errors (unreadable file, bad flag).

use aslplay_core::api::billing::{estimate_cost, CostEstimate, Prices};
use aslplay_core::api::registry::MachineStatus;
use aslplay_core::api::{
    run_definition, ApiError, ErrorCode, MachineSpec, StartSyncExecutionRequest, SyncOptions,
};
use aslplay_core::MachineType;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `aslplay run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The definition file (`-` for standard input).
    pub definition: PathBuf,
    /// The execution input file (`-` for standard input); default `{}`.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// The execution name; default: a UUID from the seeded random source.
    #[arg(long)]
    pub name: Option<String>,
    /// X-Ray trace header, echoed in the response.
    #[arg(long, value_name = "H")]
    pub trace_header: Option<String>,
    /// ALL_DATA (default) or METADATA_ONLY.
    #[arg(long, value_name = "ALL_DATA|METADATA_ONLY")]
    pub included_data: Option<String>,
    /// The state machine type: EXPRESS (default) or STANDARD.
    #[arg(long = "type", value_name = "EXPRESS|STANDARD")]
    pub machine_type: Option<String>,
    /// The state machine's name.
    #[arg(long, value_name = "N", default_value = aslplay_core::api::run::DEFAULT_MACHINE_NAME)]
    pub state_machine_name: String,
    /// Call StartSyncExecution with this ARN instead of the created machine's.
    #[arg(long, value_name = "ARN")]
    pub state_machine_arn: Option<String>,
    /// Region of the simulated account.
    #[arg(long, default_value = aslplay_core::api::registry::DEFAULT_REGION)]
    pub region: String,
    /// Account id of the simulated account.
    #[arg(long, default_value = aslplay_core::api::registry::DEFAULT_ACCOUNT)]
    pub account: String,
    /// Simulate the machine's lifecycle: DELETING makes the call fail with StateMachineDeleting.
    #[arg(long, value_name = "ACTIVE|DELETING", value_parser = ["ACTIVE", "DELETING"])]
    pub state_machine_status: Option<String>,
    /// Step Functions Local MockConfigFile with Task mocks.
    #[arg(long, value_name = "FILE")]
    pub mock_config: Option<PathBuf>,
    /// The mock test case (appended to the state machine ARN as `#NAME`).
    #[arg(long, value_name = "NAME")]
    pub test_case: Option<String>,
    /// Seed of the run's random source.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Virtual start time (RFC 3339); default: $ASLPLAY_START_TIME, else the current time
    /// (as AWS starts an execution now). Give it to make runs reproducible.
    #[arg(long, value_name = "RFC3339", env = "ASLPLAY_START_TIME")]
    pub start_time: Option<String>,
    /// Write the execution history (`get-execution-history` shape) to FILE.
    #[arg(long, value_name = "FILE")]
    pub history_out: Option<PathBuf>,
    /// Write the per-state trace (aslplay extension) to FILE.
    #[arg(long, value_name = "FILE")]
    pub trace_out: Option<PathBuf>,
    /// Print a cost estimate (us-east-1 Express prices) on stderr.
    #[arg(long)]
    pub cost: bool,
}

/// Runs the command.
pub fn run(args: &Args) -> ExitCode {
    match execute(args) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("aslplay run: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Api(e)) => {
            eprintln!("{}", to_cli_json(&e.to_json()));
            ExitCode::from(254)
        }
    }
}

enum Failure {
    Usage(String),
    Api(ApiError),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

fn execute(args: &Args) -> Result<ExitCode, Failure> {
    let stdin_users = [Some(&args.definition), args.input.as_ref()]
        .iter()
        .filter(|p| p.is_some_and(|p| p.as_os_str() == "-"))
        .count();
    if stdin_users > 1 {
        return Err(Failure::Usage(
            "only one of DEFINITION_FILE and --input can be '-'".into(),
        ));
    }
    let definition = read(&args.definition)?;
    let input = args.input.as_ref().map(|p| read(p)).transpose()?;
    let mock_config = match &args.mock_config {
        None => None,
        Some(p) => {
            let text = read(p)?;
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidMockConfig,
                    format!("mock config error at /: not valid JSON: {e}"),
                )
            })?;
            Some(value)
        }
    };
    let machine_type = args.machine_type.as_deref().map(parse_type).transpose()?;
    let spec = MachineSpec {
        definition,
        name: args.state_machine_name.clone(),
        machine_type,
        region: args.region.clone(),
        account: args.account.clone(),
        role_arn: None,
        status: match args.state_machine_status.as_deref() {
            Some("DELETING") => Some(MachineStatus::Deleting),
            _ => None,
        },
        test_case: args.test_case.clone(),
    };
    let state_machine_arn = args
        .state_machine_arn
        .as_ref()
        .map(|arn| match &args.test_case {
            Some(case) => format!("{arn}#{case}"),
            None => arn.clone(),
        });
    let request = StartSyncExecutionRequest {
        state_machine_arn,
        name: args.name.clone(),
        input,
        trace_header: args.trace_header.clone(),
        included_data: args.included_data.clone(),
    };
    let options = SyncOptions {
        seed: args.seed,
        start_time: Some(args.start_time.clone().unwrap_or_else(now_rfc3339)),
        mock_config,
        record_history: args.history_out.is_some(),
        record_trace: args.trace_out.is_some(),
        ..SyncOptions::default()
    };
    let run = run_definition(&spec, &request, &options)?;
    if let Some(path) = &args.history_out {
        let events = serde_json::json!({ "events": run.history });
        write(path, &to_cli_json(&events))?;
    }
    if let Some(path) = &args.trace_out {
        let trace = serde_json::json!({ "trace": run.trace });
        write(path, &to_cli_json(&trace))?;
    }
    println!("{}", to_cli_json(&run.response));
    if args.cost {
        eprintln!(
            "{}",
            describe_cost(&run.cost, &run.response.billing_details)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `--type`: AWS's enum (case-insensitive here for convenience).
fn parse_type(text: &str) -> Result<MachineType, Failure> {
    match text.to_ascii_uppercase().as_str() {
        "EXPRESS" => Ok(MachineType::Express),
        "STANDARD" => Ok(MachineType::Standard),
        _ => Err(Failure::Api(ApiError::new(
            ErrorCode::ValidationException,
            format!(
                "1 validation error detected: Value '{text}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
            ),
        ))),
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    let result = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    result.map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, format!("{text}\n"))
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))
}

/// JSON the way the AWS CLI prints it: 4-space indentation, non-ASCII kept as is.
pub fn to_cli_json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"cannot serialize: {e}\"}}"),
    }
}

fn describe_cost(cost: &CostEstimate, billing: &aslplay_core::api::BillingDetails) -> String {
    let million = estimate_cost(billing, 1_000_000, &Prices::default());
    format!(
        "Estimated cost (Express, us-east-1): ${:.10} per execution = request ${:.10} + duration ${:.10} \
         ({} ms x {} MB = {:.10} GB-hours); ${:.2} per million executions",
        cost.total_usd,
        cost.request_usd,
        cost.duration_usd,
        billing.billed_duration_in_milliseconds,
        billing.billed_memory_used_in_mb,
        cost.gb_hours,
        million.total_usd,
    )
}

/// The current wall-clock time as RFC 3339 (the CLI, unlike the core, may read the clock).
fn now_rfc3339() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    aslplay_core::time::format_context_time(ms)
}
