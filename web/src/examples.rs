//! Example state machines offered in the example menu. The first one is loaded at start.
//! Each one teaches one thing, says what in two lines, and (tests below) runs to the outcome
//! it describes.

use crate::settings::RunSettings;
use crate::state::Work;

/// One bundled example: a definition, an input and the run options to run it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable identifier, used as the `<option>` value.
    pub id: &'static str,
    /// Menu label.
    pub title: &'static str,
    /// What it teaches, in two lines.
    pub about: [&'static str; 2],
    /// The definition, as pretty-printed JSON.
    pub definition: &'static str,
    /// The execution input, as pretty-printed JSON.
    pub input: &'static str,
    /// The state machine name (mock configs are keyed by it); empty: the default.
    pub machine_name: &'static str,
    /// A MockConfigFile (JSON text); empty: no mocks.
    pub mock_config: &'static str,
    /// The mock test case to select; empty: none.
    pub test_case: &'static str,
}

impl Example {
    /// A placeholder with nothing in it.
    pub const EMPTY: Example = Example {
        id: "",
        title: "",
        about: ["", ""],
        definition: "",
        input: "",
        machine_name: "",
        mock_config: "",
        test_case: "",
    };

    /// The editors' and options panel's content for this example.
    pub fn work(&self) -> Work {
        let mut settings = RunSettings {
            state_machine_name: self.machine_name.to_owned(),
            mock_config: self.mock_config.to_owned(),
            test_case: self.test_case.to_owned(),
            ..RunSettings::default()
        };
        if self.id == "context" {
            settings.execution_name = "nightly-2026-03-15".to_owned();
            settings.start_time = "2026-03-15T09:30:00Z".to_owned();
            settings.seed = "42".to_owned();
        }
        Work {
            definition: self.definition.to_owned(),
            input: self.input.to_owned(),
            settings,
        }
    }
}

const NO_OPTIONS: Example = Example::EMPTY;

/// Every bundled example, in menu order.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "hello-world",
        title: "Hello World (Pass)",
        about: [
            "The smallest machine: one Pass state whose Result becomes the output.",
            "Run it, then change the Result and run again.",
        ],
        definition: include_str!("../examples/hello-world.asl.json"),
        input: "{\n  \"name\": \"aslplay\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "paths",
        title: "InputPath, Parameters, ResultPath, OutputPath",
        about: [
            "A Pass state shapes its data in stages: InputPath selects, Parameters builds, ResultPath merges, OutputPath filters.",
            "Open the inspector to see the data after every stage.",
        ],
        definition: include_str!("../examples/paths.asl.json"),
        input: "{\n  \"order\": {\n    \"id\": \"A-17\",\n    \"items\": [\"pen\", \"ink\", \"paper\"]\n  },\n  \"ignored\": true\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "choice",
        title: "Choice and ResultPath",
        about: [
            "A Choice state routes on the input: orders of 100 or more ship free.",
            "ResultPath adds the quote to the input instead of replacing it; try a total of 20.",
        ],
        definition: include_str!("../examples/choice.asl.json"),
        input: "{\n  \"order\": {\n    \"id\": \"A-1\",\n    \"total\": 120\n  }\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "succeed",
        title: "Choice rules, Succeed and Fail",
        about: [
            "And, IsPresent and StringMatches combine into one rule; Succeed and Fail end the run.",
            "Remove the @ from the email to see the Fail state's error and cause.",
        ],
        definition: include_str!("../examples/succeed.asl.json"),
        input: "{\n  \"email\": \"ada@example.com\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "fail",
        title: "Choice to Fail (error and cause)",
        about: [
            "A Fail state stops the execution with an error name and a cause: the status is FAILED.",
            "Error and cause are what a caller of StartSyncExecution receives; set quantity to 1 to pass.",
        ],
        definition: include_str!("../examples/fail.asl.json"),
        input: "{\n  \"quantity\": 0\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "intrinsics",
        title: "Intrinsic functions",
        about: [
            "States.Format, MathAdd, StringSplit, ArrayUnique, Base64Encode, Hash, StringToJson, UUID …",
            "Intrinsics compute values in Parameters with no Task; the UUID follows the Run options' seed.",
        ],
        definition: include_str!("../examples/intrinsics.asl.json"),
        input: "{\n  \"user\": \"ada\",\n  \"cart\": [\"pen\", \"ink\", \"pen\"],\n  \"subtotal\": 40,\n  \"shipping\": 5,\n  \"tagList\": \"new,gift,fragile\",\n  \"settingsText\": \"{\\\"wrap\\\": true}\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "wait",
        title: "Wait (Seconds and TimestampPath)",
        about: [
            "Wait states pause in virtual time, so the run ends at once while the clock moves.",
            "Compare start and end: 2 seconds, then until the timestamp in the input.",
        ],
        definition: include_str!("../examples/wait.asl.json"),
        input: "{\n  \"until\": \"2026-01-01T00:00:10Z\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "task-mock",
        title: "Task with a mocked Lambda",
        about: [
            "Tasks call no AWS service: a MockConfigFile (Run options) answers them, as Step Functions Local does.",
            "ResultSelector picks the Lambda payload's message; ResultPath puts it beside the input.",
        ],
        definition: include_str!("../examples/task-mock.asl.json"),
        input: "{\n  \"name\": \"Ada\"\n}\n",
        machine_name: "Greeter",
        mock_config: include_str!("../examples/task-mock.mock.json"),
        test_case: "HappyPath",
    },
    Example {
        id: "retry",
        title: "Retry with backoff (mocked throttling)",
        about: [
            "The mock throws Lambda.TooManyRequestsException twice; Retry waits 1 s, then 2 s, and tries again.",
            "The history shows each failed attempt; billed duration includes the waits.",
        ],
        definition: include_str!("../examples/retry.asl.json"),
        input: "{\n  \"name\": \"Ada\"\n}\n",
        machine_name: "Greeter",
        mock_config: include_str!("../examples/retry.mock.json"),
        test_case: "RetryPath",
    },
    Example {
        id: "catch",
        title: "Catch and the error output",
        about: [
            "A Catch turns a Task failure into a transition; ResultPath keeps the error output (Error, Cause) in $.error.",
            "The fallback state reads the cause and the execution still SUCCEEDS.",
        ],
        definition: include_str!("../examples/catch.asl.json"),
        input: "{\n  \"orderId\": \"A-9\",\n  \"amount\": 250\n}\n",
        machine_name: "Payments",
        mock_config: include_str!("../examples/catch.mock.json"),
        test_case: "Declined",
    },
    Example {
        id: "timeout",
        title: "Task timeout (States.Timeout)",
        about: [
            "The mocked call takes 5 s (DurationMs) but the Task allows 2 (TimeoutSeconds).",
            "With no Retry or Catch the execution FAILS with States.Timeout.",
        ],
        definition: include_str!("../examples/timeout.asl.json"),
        input: "{}\n",
        machine_name: "Reports",
        mock_config: include_str!("../examples/timeout.mock.json"),
        test_case: "TooSlow",
    },
    Example {
        id: "map",
        title: "Map over items",
        about: [
            "Map runs its ItemProcessor once per item of ItemsPath; ItemSelector builds each item's input.",
            "$$.Map.Item.Index and .Value come from the Context object; the results form an array.",
        ],
        definition: include_str!("../examples/map.asl.json"),
        input: "{\n  \"vatRate\": 2,\n  \"items\": [\n    { \"name\": \"pen\", \"net\": 10 },\n    { \"name\": \"book\", \"net\": 20 },\n    { \"name\": \"lamp\", \"net\": 30 }\n  ]\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "parallel",
        title: "Parallel branches",
        about: [
            "Parallel gives every branch the same input and waits for all of them.",
            "The result is an array in branch order; ResultSelector names its parts.",
        ],
        definition: include_str!("../examples/parallel.asl.json"),
        input: "{\n  \"user\": \"ada\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "variables",
        title: "Variables with Assign (JSONPath)",
        about: [
            "Assign stores values in variables; later states read them as $customer and $attempt.",
            "The inspector shows the variables before and after each state.",
        ],
        definition: include_str!("../examples/variables.asl.json"),
        input: "{\n  \"customer\": \"Ada\"\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "jsonata",
        title: "JSONata Output and Assign",
        about: [
            "With QueryLanguage JSONata, {% … %} expressions read $states.input and compute new values.",
            "Assign keeps the total in a variable that the next state reads as $total.",
        ],
        definition: include_str!("../examples/jsonata.asl.json"),
        input: "{\n  \"items\": [\n    { \"name\": \"pen\", \"price\": 1.5 },\n    { \"name\": \"book\", \"price\": 12 }\n  ]\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "jsonata-task",
        title: "JSONata Task: Arguments, $states.result, Choice Condition",
        about: [
            "Arguments build the (mocked) call from $states.input; Output and Assign read $states.result.",
            "A Choice Condition routes on the total; try qty 1 to be approved automatically.",
        ],
        definition: include_str!("../examples/jsonata-task.asl.json"),
        input: "{\n  \"sku\": \"LAMP-1\",\n  \"qty\": 3\n}\n",
        machine_name: "Quotes",
        mock_config: include_str!("../examples/jsonata-task.mock.json"),
        test_case: "Priced",
    },
    Example {
        id: "jsonata-fail",
        title: "JSONata Fail with computed Error and Cause",
        about: [
            "A Fail state's Error and Cause can be JSONata expressions built from the data.",
            "The average here is negative, so the run FAILS with BadAverage; make the total positive to succeed.",
        ],
        definition: include_str!("../examples/jsonata-fail.asl.json"),
        input: "{\n  \"total\": -12,\n  \"count\": 4\n}\n",
        ..NO_OPTIONS
    },
    Example {
        id: "context",
        title: "Context object and run options",
        about: [
            "$$ holds the execution's name and start time and the state machine's name, all set in Run options.",
            "The seed makes States.MathRandom repeatable: change it and run again.",
        ],
        definition: include_str!("../examples/context.asl.json"),
        input: "{}\n",
        machine_name: "Inventory",
        ..NO_OPTIONS
    },
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, RunOutcome};

    #[test]
    fn every_example_is_well_formed_json() {
        for e in EXAMPLES {
            assert_eq!(
                engine::check_text(e.definition, e.input),
                vec![],
                "example {}",
                e.id
            );
            if !e.mock_config.is_empty() {
                assert!(
                    engine::format_json(e.mock_config).is_some(),
                    "mock config of {}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        assert!(EXAMPLES.len() >= 15);
        for e in EXAMPLES {
            assert_eq!(find(e.id), Some(e));
            assert!(!e.about[0].is_empty() && !e.about[1].is_empty(), "{}", e.id);
        }
        assert_eq!(find("nope"), None);
    }

    /// (example id, status, error, texts the output must contain).
    type Promise = (
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static [&'static str],
    );

    /// What each example's description promises.
    const PROMISES: &[Promise] = &[
        ("hello-world", "SUCCEEDED", None, &["\"Hello World!\""]),
        (
            "paths",
            "SUCCEEDED",
            None,
            &[
                "\"orderId\": \"A-17\"",
                "\"itemCount\": 3",
                "\"source\": \"web\"",
            ],
        ),
        (
            "choice",
            "SUCCEEDED",
            None,
            &["\"shipping\": 0", "\"total\": 120"],
        ),
        ("succeed", "SUCCEEDED", None, &["ada@example.com"]),
        ("fail", "FAILED", Some("InvalidQuantity"), &[]),
        (
            "intrinsics",
            "SUCCEEDED",
            None,
            &[
                "Hello, ada! You have 3 items.",
                "\"total\": 45",
                "\"gift\"",
                "\"encoded\": \"YWRh\"",
                "\"wrap\": true",
                "\"inRange\": true",
            ],
        ),
        (
            "wait",
            "SUCCEEDED",
            None,
            &[
                "\"start\": \"2026-01-01T00:00:00",
                "\"end\": \"2026-01-01T00:00:10",
            ],
        ),
        (
            "task-mock",
            "SUCCEEDED",
            None,
            &["\"message\": \"hello, Ada\""],
        ),
        ("retry", "SUCCEEDED", None, &["hello at last"]),
        (
            "catch",
            "SUCCEEDED",
            None,
            &["Payment failed: insufficient funds", "\"orderId\": \"A-9\""],
        ),
        ("timeout", "FAILED", Some("States.Timeout"), &[]),
        (
            "map",
            "SUCCEEDED",
            None,
            &[
                "\"gross\": 12",
                "\"gross\": 22",
                "\"gross\": 32",
                "\"index\": 2",
            ],
        ),
        (
            "parallel",
            "SUCCEEDED",
            None,
            &["\"tier\": \"gold\"", "\"A-2\""],
        ),
        (
            "variables",
            "SUCCEEDED",
            None,
            &["Welcome back, Ada (attempt 1)", "\"attempt\": 2"],
        ),
        (
            "jsonata",
            "SUCCEEDED",
            None,
            &["\"count\": 2", "\"total\": 13.5"],
        ),
        (
            "jsonata-task",
            "SUCCEEDED",
            None,
            &["needs approval", "\"total\": 127.5", "\"unitPrice\": 42.5"],
        ),
        ("jsonata-fail", "FAILED", Some("BadAverage"), &[]),
        (
            "context",
            "SUCCEEDED",
            None,
            &[
                "\"execution\": \"nightly-2026-03-15\"",
                "\"startedAt\": \"2026-03-15T09:30:00",
                "\"machine\": \"Inventory\"",
            ],
        ),
    ];

    #[test]
    fn every_example_runs_to_the_outcome_it_describes() {
        assert_eq!(PROMISES.len(), EXAMPLES.len(), "one promise per example");
        for (id, status, error, contains) in PROMISES {
            let e = find(id).unwrap_or_else(|| panic!("no example {id}"));
            let work = e.work();
            let outcome = engine::run(&work.definition, &work.input, &work.settings);
            let RunOutcome::Finished(x) = outcome else {
                panic!("{id}: the request was refused: {outcome:?}");
            };
            assert_eq!(x.status, *status, "{id}: {x:?}");
            assert_eq!(x.error.as_deref(), *error, "{id}: cause {:?}", x.cause);
            let output = x.output.unwrap_or_default();
            for text in *contains {
                assert!(output.contains(text), "{id}: no {text} in {output}");
            }
            assert!(!x.trace.is_empty(), "{id}: the inspector has steps");
        }
    }
}
