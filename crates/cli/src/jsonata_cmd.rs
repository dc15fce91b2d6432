//! `aslplay jsonata EXPRESSION [--input FILE] [--bindings FILE]`: evaluate a JSONata expression.
//!
//! The result is printed as JSON on stdout (nothing when undefined), exit 0. An error prints
//! `{"code": ..., "position": ..., "message": ...}` on stderr, exit 1.

use aslplay_jsonata::{EvalOptions, Expression, FixedHost};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `aslplay jsonata`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The JSONata expression.
    pub expression: String,
    /// JSON file with the input document (without it the input is undefined).
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// JSON file with an object of variable bindings (names without `$`).
    #[arg(long)]
    pub bindings: Option<PathBuf>,
}

fn read_json(path: &PathBuf, what: &str) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {what} file {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{what} file {} is not valid JSON: {e}", path.display()))
}

fn usage_error(message: String) -> ExitCode {
    let body = serde_json::json!({ "code": "USAGE", "position": null, "message": message });
    eprintln!("{body}");
    ExitCode::from(2)
}

/// Run the command.
pub fn run(args: &Args) -> ExitCode {
    let input = match &args.input {
        Some(p) => match read_json(p, "input") {
            Ok(v) => Some(v),
            Err(m) => return usage_error(m),
        },
        None => None,
    };
    let bindings = match &args.bindings {
        Some(p) => match read_json(p, "bindings") {
            Ok(serde_json::Value::Object(m)) => m,
            Ok(_) => {
                return usage_error(format!(
                    "bindings file {} must hold a JSON object",
                    p.display()
                ))
            }
            Err(m) => return usage_error(m),
        },
        None => serde_json::Map::new(),
    };
    // The CLI is the edge of the sans-IO engine: it is where the clock and randomness come in.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0);
    let seed = now.to_bits() ^ u64::from(std::process::id());
    let mut host = FixedHost::new(now, seed);
    let result = Expression::parse(&args.expression).and_then(|e| {
        e.evaluate(
            input.as_ref(),
            &bindings,
            &EvalOptions::default(),
            &mut host,
        )
    });
    match result {
        Ok(Some(v)) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            let body = serde_json::json!({
                "code": e.code,
                "position": e.position,
                "message": e.message,
            });
            eprintln!("{body}");
            ExitCode::from(1)
        }
    }
}
