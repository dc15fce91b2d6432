//! `aslplay`: run and validate Amazon States Language state machines from a terminal.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod jsonata_cmd;
mod run_cmd;
mod validate_cmd;

/// Run and validate Amazon States Language state machines.
#[derive(Debug, Parser)]
#[command(name = "aslplay", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands (each in its own module).
#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a definition like AWS's ValidateStateMachineDefinition.
    Validate(validate_cmd::Args),
    /// Run a definition like AWS's StartSyncExecution on an Express state machine.
    Run(Box<run_cmd::Args>),
    /// Evaluate a JSONata 2.0.6 expression (with the Step Functions functions).
    Jsonata(jsonata_cmd::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate_cmd::run(&args),
        Command::Run(args) => run_cmd::run(&args),
        Command::Jsonata(args) => jsonata_cmd::run(&args),
    }
}
