//! `aslplay validate FILE [--type STANDARD|EXPRESS] [--format json|human]`.
//!
//! Prints the report of AWS's ValidateStateMachineDefinition (`result`, `diagnostics`,
//! `truncated`; each diagnostic with an extra source `span` and `help`). Exits 0 when the
//! command ran, whatever the result; 2 for usage errors (unreadable file, bad flag).

use annotate_snippets::{Level, Renderer, Snippet};
use aslplay_core::validate::{validate_definition, MachineType, ValidationReport};
use aslplay_core::{Diagnostic, Severity};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `aslplay validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The definition file (`-` for standard input).
    pub file: PathBuf,
    /// The state machine type some rules depend on.
    #[arg(
        long = "type",
        value_enum,
        default_value = "standard",
        ignore_case = true
    )]
    pub machine_type: TypeArg,
    /// Output format: the AWS-shaped JSON report, or rustc-style snippets.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

/// `--type`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TypeArg {
    /// STANDARD.
    Standard,
    /// EXPRESS.
    Express,
}

/// `--format`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// `{"result": ..., "diagnostics": [...], "truncated": ...}`.
    Json,
    /// Annotated source snippets with line and column.
    Human,
}

/// Runs the command.
pub fn run(args: &Args) -> ExitCode {
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("aslplay validate: cannot read {}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let machine_type = match args.machine_type {
        TypeArg::Standard => MachineType::Standard,
        TypeArg::Express => MachineType::Express,
    };
    let report = validate_definition(&text, machine_type);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("aslplay validate: {e}");
                return ExitCode::from(1);
            }
        },
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!(
                "{}",
                render_human(&report, &text, &args.file.display().to_string(), color)
            );
        }
    }
    ExitCode::SUCCESS
}

fn read(path: &PathBuf) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
    }
}

/// Renders the report as rustc/ruff-style annotated snippets, then a summary line.
pub fn render_human(report: &ValidationReport, text: &str, origin: &str, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(d, text, origin, &renderer));
        out.push_str("\n\n");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    out.push_str(&format!(
        "{origin}: {} ({errors} error{}, {warnings} warning{}){}\n",
        match report.result {
            aslplay_core::ValidationResult::Ok => "OK",
            aslplay_core::ValidationResult::Fail => "FAIL",
        },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if report.truncated { ", truncated" } else { "" },
    ));
    out
}

fn render_one(d: &Diagnostic, text: &str, origin: &str, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let code = d.code.as_str();
    let location = d.location.as_deref().map(|l| format!("at {l}"));
    let mut message = level.title(&d.message).id(code);
    if let Some(span) = d.span {
        // annotate-snippets needs a range on char boundaries inside the text.
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            let range = if start == end && end < text.len() {
                start..end + 1
            } else {
                start..end
            };
            let label = location.as_deref().unwrap_or("");
            let snippet = Snippet::source(text)
                .line_start(1)
                .origin(origin)
                .fold(true)
                .annotation(level.span(range).label(label));
            message = message.snippet(snippet);
        }
    } else if let Some(l) = &location {
        message = message.footer(Level::Note.title(l));
    }
    if let Some(h) = &d.help {
        message = message.footer(Level::Help.title(h));
    }
    let rendered = renderer.render(message).to_string();
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_output_shows_line_column_and_help() {
        let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}\n}\n";
        let report = validate_definition(text, MachineType::Standard);
        let out = render_human(&report, text, "m.asl.json", false);
        assert!(
            out.contains("error[MISSING_TRANSITION_TARGET]: Missing 'Next' target: B"),
            "{out}"
        );
        assert!(out.contains("--> m.asl.json:3:44"), "{out}");
        assert!(out.contains("at /States/A/Next"), "{out}");
        assert!(out.contains("help: states here: A"), "{out}");
        assert!(
            out.ends_with("m.asl.json: FAIL (2 errors, 0 warnings)\n"),
            "{out}"
        );
    }
}
