//! One state: common fields, field applicability per type and query language, type-specific
//! fields (Map and Choice live in their own modules).

use super::machine::MAX_SECONDS;
use super::{Builder, Expected, Fields};
use crate::diagnostic::{Anchor, DiagnosticCode};
use crate::json::{JsonNode, Member, NodeKind};
use crate::model::{
    Catcher, FailState, JitterStrategy, ParallelState, PassState, QueryLanguage, Retrier, State,
    StateKind, SucceedState, TaskState, Transition, WaitDuration, WaitState,
};

/// The state types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypeName {
    Pass,
    Task,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

impl TypeName {
    const ALL: [(&'static str, TypeName); 8] = [
        ("Pass", TypeName::Pass),
        ("Task", TypeName::Task),
        ("Choice", TypeName::Choice),
        ("Wait", TypeName::Wait),
        ("Succeed", TypeName::Succeed),
        ("Fail", TypeName::Fail),
        ("Parallel", TypeName::Parallel),
        ("Map", TypeName::Map),
    ];

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, t)| *t)
    }

    fn has_transition(self) -> bool {
        !matches!(self, TypeName::Choice | TypeName::Succeed | TypeName::Fail)
    }

    fn has_io_paths(self) -> bool {
        self != TypeName::Fail
    }

    fn has_parameters(self) -> bool {
        matches!(
            self,
            TypeName::Pass | TypeName::Task | TypeName::Parallel | TypeName::Map
        )
    }

    fn has_result_selector(self) -> bool {
        matches!(self, TypeName::Task | TypeName::Parallel | TypeName::Map)
    }

    fn has_arguments(self) -> bool {
        matches!(self, TypeName::Task | TypeName::Parallel)
    }

    fn has_assign(self) -> bool {
        !matches!(self, TypeName::Succeed | TypeName::Fail)
    }
}

/// Fields that exist only in JSONPath states.
pub(crate) const JSONPATH_ONLY: &[&str] = &[
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "Result",
    "ItemsPath",
    "MaxConcurrencyPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCountPath",
    "Iterator",
];

/// Fields that exist only in JSONata states.
pub(crate) const JSONATA_ONLY: &[&str] = &["Arguments", "Output", "Items"];

/// Help for a field that is not supported where it was written.
pub(crate) fn field_hint(
    field: &str,
    lang: QueryLanguage,
    type_name: Option<&str>,
) -> Option<String> {
    if lang == QueryLanguage::Jsonata && JSONPATH_ONLY.contains(&field) {
        let instead = match field {
            "Parameters" => " (use 'Arguments')",
            "ResultSelector" | "ResultPath" | "OutputPath" | "Result" => " (use 'Output')",
            "ItemsPath" => " (use 'Items')",
            "InputPath" => " (reference '$states.input' in expressions)",
            _ => " (use the field without 'Path' and a {% %} expression)",
        };
        return Some(format!(
            "'{field}' is a JSONPath field and this state uses JSONata{instead}, or set \
             \"QueryLanguage\": \"JSONPath\" on the state"
        ));
    }
    if lang == QueryLanguage::JsonPath && JSONATA_ONLY.contains(&field) {
        let instead = match field {
            "Arguments" => " (use 'Parameters')",
            "Output" => " (use 'OutputPath' / 'ResultSelector')",
            "Items" => " (use 'ItemsPath')",
            _ => "",
        };
        return Some(format!(
            "'{field}' is a JSONata field and this state uses JSONPath{instead}, or set \
             \"QueryLanguage\": \"JSONata\""
        ));
    }
    type_name.map(|t| format!("a {t} state does not take the field '{field}'"))
}

impl Builder<'_, '_> {
    /// One state object.
    pub(crate) fn state(
        &mut self,
        name: &str,
        node: &JsonNode,
        pointer: &str,
        inherited: QueryLanguage,
    ) -> Option<State> {
        let mut f = Fields::of(self, node, pointer, &format!("State '{name}'"))?;
        f.require(self, &["Type"]);
        let type_ptr = Self::ptr(pointer, "Type");
        let type_name = match f.take("Type") {
            Some(m) => match self.string(m, &type_ptr) {
                Some(s) => match TypeName::parse(&s) {
                    Some(t) => Some(t),
                    None => {
                        self.schema_error(
                            &type_ptr,
                            format!(
                                "The value for the field 'Type' must be one of [Pass, Task, \
                                 Choice, Wait, Succeed, Fail, Parallel, Map], but was '{s}'"
                            ),
                            None,
                            Anchor::Value,
                        );
                        None
                    }
                },
                None => None,
            },
            None => None,
        };
        let ql_ptr = Self::ptr(pointer, "QueryLanguage");
        let declared = f
            .take("QueryLanguage")
            .and_then(|m| self.query_language(m, &ql_ptr));
        if self.top_jsonata && declared == Some(QueryLanguage::JsonPath) {
            self.schema_error(
                pointer,
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                Some(
                    "a machine declared JSONata at the top level cannot contain JSONPath states; \
                     declare JSONPath (or nothing) at the top and JSONata per state instead"
                        .to_string(),
                ),
                Anchor::Value,
            );
        }
        let lang = declared.unwrap_or(inherited);
        let Some(t) = type_name else {
            // Without a known type, field applicability cannot be judged.
            return None;
        };
        let type_str = TypeName::ALL
            .iter()
            .find(|(_, x)| *x == t)
            .map(|(n, _)| *n)
            .unwrap_or("?");
        let jp = lang == QueryLanguage::JsonPath;
        let comment = self.comment(&mut f);

        let transition = if t.has_transition() {
            self.transition(&mut f, pointer)
        } else {
            None
        };
        let mut state = State {
            name: name.to_string(),
            comment,
            query_language: declared,
            effective_query_language: lang,
            transition,
            input_path: None,
            output_path: None,
            parameters: None,
            result_selector: None,
            result_path: None,
            arguments: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            kind: StateKind::Succeed(SucceedState {}),
            pointer: pointer.to_string(),
        };
        if jp && t.has_io_paths() {
            state.input_path = self.path_field(&mut f, "InputPath", PathKind::Path);
            state.output_path = self.path_field(&mut f, "OutputPath", PathKind::Path);
        }
        if jp && t.has_parameters() {
            state.parameters = self.template_field(&mut f, "Parameters");
            state.result_path = self.path_field(&mut f, "ResultPath", PathKind::Reference);
        }
        if jp && t.has_result_selector() {
            state.result_selector = self.template_field(&mut f, "ResultSelector");
        }
        if !jp && t.has_arguments() {
            state.arguments = self.jsonata_field(&mut f, "Arguments");
        }
        if !jp && t.has_io_paths() {
            state.output = self.jsonata_field(&mut f, "Output");
        }
        if t.has_assign() {
            state.assign = self.assign_field(&mut f, lang);
        }
        if t.has_result_selector() {
            state.retry = self.retriers(&mut f);
            state.catch = self.catchers(&mut f, lang);
        }
        let kind = match t {
            TypeName::Pass => Some(StateKind::Pass(self.pass(&mut f, lang))),
            TypeName::Task => self
                .task(&mut f, lang)
                .map(|t| StateKind::Task(Box::new(t))),
            TypeName::Choice => self.choice(&mut f, lang).map(StateKind::Choice),
            TypeName::Wait => self.wait(&mut f, lang).map(StateKind::Wait),
            TypeName::Succeed => Some(StateKind::Succeed(SucceedState {})),
            TypeName::Fail => Some(StateKind::Fail(self.fail(&mut f, lang))),
            TypeName::Parallel => self.parallel(&mut f, lang).map(StateKind::Parallel),
            TypeName::Map => self.map(&mut f, lang).map(|m| StateKind::Map(Box::new(m))),
        };
        f.finish(self, |k| field_hint(k, lang, Some(type_str)));
        state.kind = kind?;
        if t.has_transition() && state.transition.is_none() {
            return None;
        }
        Some(state)
    }

    /// `Next` / `End`: exactly one.
    fn transition(&mut self, f: &mut Fields<'_>, pointer: &str) -> Option<Transition> {
        let next_m = f.take("Next");
        let end_m = f.take("End");
        let next = next_m.and_then(|m| self.string(m, &Self::ptr(pointer, "Next")));
        let end = end_m.and_then(|m| self.boolean(m, &Self::ptr(pointer, "End")));
        if (next_m.is_some() && next.is_none()) || (end_m.is_some() && end.is_none()) {
            return None; // wrong type, already reported
        }
        match (next, end) {
            (Some(_), Some(true)) => {
                self.schema_error(
                    pointer,
                    "Only one of 'Next' or 'End' is allowed",
                    Some(
                        "a state either moves to 'Next' or ends the machine with \"End\": true"
                            .into(),
                    ),
                    Anchor::Key,
                );
                None
            }
            (Some(n), _) => Some(Transition::Next(n)),
            (None, Some(true)) => Some(Transition::End),
            (None, _) => {
                self.schema_error(
                    pointer,
                    "These fields are required: [Next or End]",
                    Some("add \"Next\": \"<state name>\" or \"End\": true".into()),
                    Anchor::Key,
                );
                None
            }
        }
    }

    /// A path field (`InputPath`, `ResultPath`, …).
    pub(crate) fn path_field(
        &mut self,
        f: &mut Fields<'_>,
        field: &str,
        kind: PathKind,
    ) -> Option<Option<String>> {
        let ptr = Self::ptr(&f.pointer, field);
        let m = f.take(field)?;
        let v = self.nullable_string(m, &ptr)?;
        if let Some(p) = &v {
            self.check_path(p, &ptr, field, kind);
        }
        Some(v)
    }

    /// A required-string path field (`ItemsPath`, `SecondsPath`, `ErrorPath`, …).
    pub(crate) fn string_path_field(
        &mut self,
        f: &mut Fields<'_>,
        field: &str,
        kind: PathKind,
    ) -> Option<String> {
        let ptr = Self::ptr(&f.pointer, field);
        let m = f.take(field)?;
        let p = self.string(m, &ptr)?;
        self.check_path(&p, &ptr, field, kind);
        Some(p)
    }

    pub(crate) fn check_path(&mut self, p: &str, ptr: &str, field: &str, kind: PathKind) {
        use crate::validate::syntax;
        let result = match kind {
            PathKind::Path => syntax::check_path(p),
            PathKind::Reference => syntax::check_reference_path(p),
            PathKind::PathOrIntrinsic => syntax::check_path_or_intrinsic(p),
        };
        if let Err(e) = result {
            let what = match kind {
                PathKind::Reference => "a valid Reference Path",
                PathKind::Path => "a valid JSONPath",
                PathKind::PathOrIntrinsic => "a valid JSONPath or intrinsic function call",
            };
            self.schema_error(
                ptr,
                format!("The value for the field '{field}' must be {what}"),
                Some(e),
                Anchor::Value,
            );
        }
    }

    /// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`).
    pub(crate) fn template_field(
        &mut self,
        f: &mut Fields<'_>,
        field: &str,
    ) -> Option<serde_json::Value> {
        let ptr = Self::ptr(&f.pointer, field);
        let m = f.take(field)?;
        self.payload_template(&m.value, &ptr);
        Some(m.value.to_value())
    }

    /// A JSONata-valued field (`Arguments`, `Output`): any JSON, `{% %}` strings checked.
    pub(crate) fn jsonata_field(
        &mut self,
        f: &mut Fields<'_>,
        field: &str,
    ) -> Option<serde_json::Value> {
        let ptr = Self::ptr(&f.pointer, field);
        let m = f.take(field)?;
        self.jsonata_value(&m.value, &ptr);
        Some(m.value.to_value())
    }

    /// `Assign`: an object of variable names.
    pub(crate) fn assign_field(
        &mut self,
        f: &mut Fields<'_>,
        lang: QueryLanguage,
    ) -> Option<serde_json::Value> {
        let ptr = Self::ptr(&f.pointer, "Assign");
        let m = f.take("Assign")?;
        self.assign(&m.value, &ptr, lang);
        Some(m.value.to_value())
    }

    fn pass(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> PassState {
        let mut result = None;
        if lang == QueryLanguage::JsonPath {
            if let Some(m) = f.take("Result") {
                let ptr = Self::ptr(&f.pointer, "Result");
                self.static_result(&m.value, &ptr);
                result = Some(m.value.to_value());
            }
        }
        PassState { result }
    }

    fn task(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> Option<TaskState> {
        f.require(self, &["Resource"]);
        let p = f.pointer.clone();
        let resource = f
            .take("Resource")
            .and_then(|m| self.string(m, &Self::ptr(&p, "Resource")));
        let timeout_seconds = f.take("TimeoutSeconds").and_then(|m| {
            self.int_or_expr(m, &Self::ptr(&p, "TimeoutSeconds"), lang, 1, MAX_SECONDS)
        });
        let heartbeat_seconds = f.take("HeartbeatSeconds").and_then(|m| {
            self.int_or_expr(m, &Self::ptr(&p, "HeartbeatSeconds"), lang, 1, MAX_SECONDS)
        });
        let (mut timeout_seconds_path, mut heartbeat_seconds_path) = (None, None);
        if lang == QueryLanguage::JsonPath {
            timeout_seconds_path =
                self.string_path_field(f, "TimeoutSecondsPath", PathKind::Reference);
            heartbeat_seconds_path =
                self.string_path_field(f, "HeartbeatSecondsPath", PathKind::Reference);
        }
        self.exclusive(f, &p, "TimeoutSeconds", "TimeoutSecondsPath");
        self.exclusive(f, &p, "HeartbeatSeconds", "HeartbeatSecondsPath");
        if let (Some(crate::model::IntOrExpr::Int(t)), Some(crate::model::IntOrExpr::Int(h))) =
            (&timeout_seconds, &heartbeat_seconds)
        {
            if h >= t {
                self.schema_error(
                    &Self::ptr(&p, "HeartbeatSeconds"),
                    "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'",
                    Some(format!("HeartbeatSeconds is {h}, TimeoutSeconds is {t}")),
                    Anchor::Value,
                );
            }
        }
        let credentials = f.take("Credentials").map(|m| {
            let ptr = Self::ptr(&p, "Credentials");
            self.credentials(&m.value, &ptr, lang);
            m.value.to_value()
        });
        Some(TaskState {
            resource: resource?,
            timeout_seconds,
            timeout_seconds_path,
            heartbeat_seconds,
            heartbeat_seconds_path,
            credentials,
        })
    }

    /// `Credentials`: an object with `RoleArn` (or `RoleArn.$` in JSONPath).
    fn credentials(&mut self, node: &JsonNode, ptr: &str, lang: QueryLanguage) {
        let Some(members) = node.as_object() else {
            self.type_error(ptr, "Credentials", Expected::Object, node);
            return;
        };
        let role = members.iter().rev().find(|m| {
            m.key == "RoleArn" || (lang == QueryLanguage::JsonPath && m.key == "RoleArn.$")
        });
        match role {
            None => self.schema_error(
                ptr,
                "The field 'RoleArn' is required but was missing",
                Some(
                    "Credentials needs \"RoleArn\": \"arn:aws:iam::<account>:role/<name>\"".into(),
                ),
                Anchor::Value,
            ),
            Some(m) if m.key == "RoleArn" => {
                let p = Self::ptr(ptr, "RoleArn");
                if let Some(s) = self.string(m, &p) {
                    if lang == QueryLanguage::Jsonata {
                        self.jsonata_string(&s, &p);
                    }
                }
            }
            Some(m) => {
                let p = Self::ptr(ptr, &m.key);
                if let Some(s) = self.string(m, &p) {
                    self.check_path(&s, &p, &m.key, PathKind::PathOrIntrinsic);
                }
            }
        }
    }

    /// Reports both of two mutually exclusive fields being present.
    pub(crate) fn exclusive(&mut self, f: &Fields<'_>, pointer: &str, a: &str, b: &str) -> bool {
        if f.has(a) && f.has(b) {
            self.schema_error(
                pointer,
                format!("Only one of '{a}' or '{b}' is allowed"),
                Some(format!(
                    "'{a}' is a fixed value, '{b}' reads it from the input; keep one"
                )),
                Anchor::Key,
            );
            return false;
        }
        true
    }

    fn wait(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> Option<WaitState> {
        let p = f.pointer.clone();
        let names: &[&str] = if lang == QueryLanguage::JsonPath {
            &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"]
        } else {
            &["Seconds", "Timestamp"]
        };
        let present: Vec<&str> = names.iter().copied().filter(|n| f.has(n)).collect();
        if present.len() != 1 {
            let message = if present.is_empty() {
                format!("These fields are required: [{}]", names.join(" or "))
            } else {
                format!("Only one of [{}] is allowed", present.join(", "))
            };
            self.schema_error(
                &p,
                message,
                Some("a Wait state needs exactly one way of saying how long to wait".into()),
                Anchor::Key,
            );
            for n in names {
                f.take(n);
            }
            return None;
        }
        let field = present.first().copied().unwrap_or("Seconds");
        let ptr = Self::ptr(&p, field);
        let m = f.take(field)?;
        let duration = match field {
            "Seconds" => WaitDuration::Seconds(self.int_or_expr(m, &ptr, lang, 0, MAX_SECONDS)?),
            "Timestamp" => {
                let s = self.string(m, &ptr)?;
                if lang == QueryLanguage::Jsonata
                    && crate::validate::syntax::is_jsonata_template(&s)
                {
                    self.jsonata_string(&s, &ptr);
                } else if !crate::validate::syntax::is_timestamp(&s) {
                    self.schema_error(
                        &ptr,
                        "String does not match RFC3339 timestamp",
                        Some(
                            "e.g. \"2016-03-14T01:59:00Z\" (uppercase T and Z, or an offset)"
                                .into(),
                        ),
                        Anchor::Value,
                    );
                }
                WaitDuration::Timestamp(s)
            }
            "SecondsPath" => {
                WaitDuration::SecondsPath(self.string_path_field_m(m, &ptr, PathKind::Reference)?)
            }
            _ => WaitDuration::TimestampPath(self.string_path_field_m(
                m,
                &ptr,
                PathKind::Reference,
            )?),
        };
        Some(WaitState { duration })
    }

    fn string_path_field_m(&mut self, m: &Member, ptr: &str, kind: PathKind) -> Option<String> {
        let s = self.string(m, ptr)?;
        self.check_path(&s, ptr, &m.key, kind);
        Some(s)
    }

    fn fail(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> FailState {
        let p = f.pointer.clone();
        let mut out = FailState::default();
        for (field, slot) in [("Error", &mut out.error), ("Cause", &mut out.cause)] {
            let ptr = Self::ptr(&p, field);
            if let Some(m) = f.take(field) {
                if let Some(s) = self.string(m, &ptr) {
                    if lang == QueryLanguage::Jsonata {
                        if crate::validate::syntax::is_jsonata_template(&s) {
                            self.jsonata_string(&s, &ptr);
                        }
                    } else if crate::validate::syntax::looks_like_path(&s) {
                        self.warning(
                            DiagnosticCode::NoPath,
                            &ptr,
                            format!("The value of the field '{field}' looks like a path, but the field name does not end with 'Path'"),
                            Some(format!("use \"{field}Path\" to read the value from the input")),
                        );
                    }
                    *slot = Some(s);
                }
            }
        }
        if lang == QueryLanguage::JsonPath {
            out.error_path = self.string_path_field(f, "ErrorPath", PathKind::PathOrIntrinsic);
            out.cause_path = self.string_path_field(f, "CausePath", PathKind::PathOrIntrinsic);
            self.exclusive(f, &p, "Error", "ErrorPath");
            self.exclusive(f, &p, "Cause", "CausePath");
        }
        out
    }

    fn parallel(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> Option<ParallelState> {
        f.require(self, &["Branches"]);
        let ptr = Self::ptr(&f.pointer, "Branches");
        let m = f.take("Branches")?;
        let Some(items) = m.value.as_array() else {
            self.type_error(&ptr, "Branches", Expected::Array, &m.value);
            return None;
        };
        if items.is_empty() {
            self.type_error(&ptr, "Branches", Expected::NonEmptyArray, &m.value);
            return None;
        }
        let mut branches = Vec::with_capacity(items.len());
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            let bp = Self::ptr(&ptr, &i.to_string());
            let Some(mut bf) = Fields::of(self, item, &bp, "A branch") else {
                complete = false;
                continue;
            };
            match self.nested_machine(&mut bf, lang) {
                Some(machine) => branches.push(machine),
                None => complete = false,
            }
            bf.finish(self, |_| None);
        }
        complete.then_some(ParallelState { branches })
    }

    /// `Retry`.
    fn retriers(&mut self, f: &mut Fields<'_>) -> Vec<Retrier> {
        let ptr = Self::ptr(&f.pointer, "Retry");
        let Some(m) = f.take("Retry") else {
            return Vec::new();
        };
        let Some(items) = m.value.as_array() else {
            self.type_error(&ptr, "Retry", Expected::Array, &m.value);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let rp = Self::ptr(&ptr, &i.to_string());
            let Some(mut rf) = Fields::of(self, item, &rp, "A retrier") else {
                continue;
            };
            rf.require(self, &["ErrorEquals"]);
            self.comment(&mut rf);
            let error_equals = self.error_equals(&mut rf);
            let mut r = Retrier {
                error_equals: error_equals.unwrap_or_default(),
                interval_seconds: 1,
                max_attempts: 3,
                backoff_rate: 2.0,
                max_delay_seconds: None,
                jitter_strategy: JitterStrategy::None,
                pointer: rp.clone(),
            };
            if let Some(m) = rf.take("IntervalSeconds") {
                r.interval_seconds = self
                    .uint(m, &Self::ptr(&rp, "IntervalSeconds"), 1, MAX_SECONDS)
                    .unwrap_or(1);
            }
            if let Some(m) = rf.take("MaxAttempts") {
                r.max_attempts = self
                    .uint(m, &Self::ptr(&rp, "MaxAttempts"), 0, MAX_SECONDS)
                    .unwrap_or(3);
            }
            if let Some(m) = rf.take("MaxDelaySeconds") {
                r.max_delay_seconds =
                    self.uint(m, &Self::ptr(&rp, "MaxDelaySeconds"), 1, MAX_SECONDS);
            }
            if let Some(m) = rf.take("BackoffRate") {
                let bp = Self::ptr(&rp, "BackoffRate");
                match m.value.as_number().and_then(serde_json::Number::as_f64) {
                    Some(v) if v >= 1.0 => r.backoff_rate = v,
                    Some(v) => self.schema_error(
                        &bp,
                        "The value for the field 'BackoffRate' must be greater than or equal to 1.0",
                        Some(format!("found {v}")),
                        Anchor::Value,
                    ),
                    None => self.type_error(&bp, "BackoffRate", Expected::Number, &m.value),
                }
            }
            if let Some(m) = rf.take("JitterStrategy") {
                let jp = Self::ptr(&rp, "JitterStrategy");
                match self.string(m, &jp).as_deref() {
                    Some("FULL") => r.jitter_strategy = JitterStrategy::Full,
                    Some("NONE") => r.jitter_strategy = JitterStrategy::None,
                    Some(other) => self.schema_error(
                        &jp,
                        format!("The value for the field 'JitterStrategy' must be one of [FULL, NONE], but was '{other}'"),
                        None,
                        Anchor::Value,
                    ),
                    None => {}
                }
            }
            rf.finish(self, |_| None);
            out.push(r);
        }
        self.error_equals_order(
            out.iter()
                .map(|r| (&r.error_equals, r.pointer.as_str()))
                .collect(),
            "Retry",
        );
        out
    }

    /// `Catch`.
    fn catchers(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> Vec<Catcher> {
        let ptr = Self::ptr(&f.pointer, "Catch");
        let Some(m) = f.take("Catch") else {
            return Vec::new();
        };
        let Some(items) = m.value.as_array() else {
            self.type_error(&ptr, "Catch", Expected::Array, &m.value);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let cp = Self::ptr(&ptr, &i.to_string());
            let Some(mut cf) = Fields::of(self, item, &cp, "A catcher") else {
                continue;
            };
            cf.require(self, &["ErrorEquals", "Next"]);
            self.comment(&mut cf);
            let error_equals = self.error_equals(&mut cf);
            let next = cf
                .take("Next")
                .and_then(|m| self.string(m, &Self::ptr(&cp, "Next")));
            let mut result_path = None;
            let mut output = None;
            if lang == QueryLanguage::JsonPath {
                result_path = self.path_field(&mut cf, "ResultPath", PathKind::Reference);
            } else {
                output = self.jsonata_field(&mut cf, "Output");
            }
            let assign = self.assign_field(&mut cf, lang);
            cf.finish(self, |k| field_hint(k, lang, None));
            if let Some(next) = next {
                out.push(Catcher {
                    error_equals: error_equals.unwrap_or_default(),
                    next,
                    result_path,
                    output,
                    assign,
                    pointer: cp,
                });
            }
        }
        self.error_equals_order(
            out.iter()
                .map(|c| (&c.error_equals, c.pointer.as_str()))
                .collect(),
            "Catch",
        );
        out
    }

    /// `ErrorEquals`: a non-empty array of strings.
    fn error_equals(&mut self, f: &mut Fields<'_>) -> Option<Vec<String>> {
        let ptr = Self::ptr(&f.pointer, "ErrorEquals");
        let m = f.take("ErrorEquals")?;
        let Some(items) = m.value.as_array() else {
            self.type_error(&ptr, "ErrorEquals", Expected::NonEmptyArray, &m.value);
            return None;
        };
        if items.is_empty() {
            self.type_error(&ptr, "ErrorEquals", Expected::NonEmptyArray, &m.value);
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) => out.push(s.to_string()),
                None => self.schema_error(
                    &Self::ptr(&ptr, &i.to_string()),
                    "The value for the field 'ErrorEquals' must be an array of strings",
                    Some(format!("found {}", item.type_name())),
                    Anchor::Value,
                ),
            }
        }
        if items.len() > 1 && out.iter().any(|e| e == "States.ALL") {
            self.schema_error(
                &ptr,
                "States.ALL must appear alone in 'ErrorEquals'",
                Some("remove the other error names, or use a separate retrier/catcher".into()),
                Anchor::Value,
            );
        }
        Some(out)
    }

    /// `States.ALL` must be in the last retrier/catcher.
    fn error_equals_order(&mut self, items: Vec<(&Vec<String>, &str)>, field: &str) {
        let n = items.len();
        let bad: Vec<String> = items
            .iter()
            .take(n.saturating_sub(1))
            .filter(|(e, _)| e.iter().any(|x| x == "States.ALL"))
            .map(|(_, p)| p.to_string())
            .collect();
        for p in bad {
            let what = if field == "Retry" {
                "retrier"
            } else {
                "catcher"
            };
            self.schema_error(
                &p,
                format!("States.ALL must be in the last {what} of '{field}'"),
                Some(format!(
                    "move this {what} to the end: later ones can never match"
                )),
                Anchor::Value,
            );
        }
    }

    /// Records a warning (its span is the field's key).
    pub(crate) fn warning(
        &mut self,
        code: DiagnosticCode,
        location: &str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut d =
            crate::diagnostic::Diagnostic::new(code, Some(super::aws_location(location)), message);
        d.help = help;
        let span = self.sink.span_of(location, Anchor::Key);
        self.sink.push_at(d, span);
    }

    /// Checks that a node is an object for a field (used by Map sub-objects).
    pub(crate) fn expect_object<'n>(&mut self, m: &'n Member, ptr: &str) -> Option<&'n JsonNode> {
        match m.value.kind {
            NodeKind::Object(_) => Some(&m.value),
            _ => {
                self.type_error(ptr, &m.key, Expected::Object, &m.value);
                None
            }
        }
    }
}

/// Which path grammar a field uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathKind {
    /// A JSONPath (may select several nodes).
    Path,
    /// A Reference Path (one node, no filters or wildcards).
    Reference,
    /// A path or an intrinsic function call (`ErrorPath`, `CausePath`, `…​.$` values).
    PathOrIntrinsic,
}
