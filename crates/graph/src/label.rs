//! Short, one-line forms of Choice rules and Catch entries for edge labels.

use aslplay_core::model::{
    ChoiceRule, Comparison, ComparisonOperand, ComparisonOperator as Op, Condition,
};

/// Longest label, in characters; longer ones end with `…`.
pub const MAX_LABEL_CHARS: usize = 30;

/// A short form of a Choice rule, e.g. `$.n > 10`, `$.s == "a" && !($.b == true)`.
pub fn rule_label(rule: &ChoiceRule) -> String {
    shorten(&condition(&rule.condition, false))
}

/// The error names of a Catch entry, comma-separated.
pub fn catch_label(errors: &[String]) -> String {
    shorten(&errors.join(", "))
}

fn condition(c: &Condition, nested: bool) -> String {
    let join = |rules: &[ChoiceRule], op: &str| {
        let text = rules
            .iter()
            .map(|r| condition(&r.condition, true))
            .collect::<Vec<_>>()
            .join(op);
        if nested && rules.len() > 1 {
            format!("({text})")
        } else {
            text
        }
    };
    match c {
        Condition::And(rules) => join(rules, " && "),
        Condition::Or(rules) => join(rules, " || "),
        Condition::Not(rule) => format!("!({})", condition(&rule.condition, false)),
        Condition::Comparison(cmp) => comparison(cmp),
        Condition::Jsonata(value) => match value.as_str() {
            Some(text) => text
                .trim()
                .trim_start_matches("{%")
                .trim_end_matches("%}")
                .trim()
                .to_owned(),
            None => value.to_string(),
        },
    }
}

fn comparison(cmp: &Comparison) -> String {
    let operand = match &cmp.operand {
        ComparisonOperand::Literal(v) => v.to_string(),
        ComparisonOperand::Path(p) => p.clone(),
    };
    let var = &cmp.variable;
    if cmp.operator.is_type_test() {
        let what = cmp
            .operator
            .name()
            .trim_start_matches("Is")
            .to_ascii_lowercase();
        let negated = matches!(&cmp.operand, ComparisonOperand::Literal(v) if *v == false);
        return format!("{var} is {}{what}", if negated { "not " } else { "" });
    }
    let symbol = match cmp.operator {
        Op::BooleanEquals | Op::NumericEquals | Op::StringEquals | Op::TimestampEquals => "==",
        Op::NumericGreaterThan | Op::StringGreaterThan | Op::TimestampGreaterThan => ">",
        Op::NumericGreaterThanEquals
        | Op::StringGreaterThanEquals
        | Op::TimestampGreaterThanEquals => ">=",
        Op::NumericLessThan | Op::StringLessThan | Op::TimestampLessThan => "<",
        Op::NumericLessThanEquals | Op::StringLessThanEquals | Op::TimestampLessThanEquals => "<=",
        Op::StringMatches => "matches",
        _ => cmp.operator.name(),
    };
    format!("{var} {symbol} {operand}")
}

fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_LABEL_CHARS {
        return one_line;
    }
    let mut out: String = one_line.chars().take(MAX_LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(choices: &str) -> Vec<String> {
        let text = format!(
            r#"{{"StartAt": "C", "States": {{"C": {{"Type": "Choice", "Choices": {choices}, "Default": "E"}}, "E": {{"Type": "Succeed"}}}}}}"#
        );
        let (machine, d) = aslplay_core::parse_definition(&text);
        let machine = machine.unwrap_or_else(|| panic!("{d:?}"));
        let Some(aslplay_core::model::State {
            kind: aslplay_core::model::StateKind::Choice(choice),
            ..
        }) = machine.state("C")
        else {
            panic!("no choice");
        };
        choice.choices.iter().map(rule_label).collect()
    }

    #[test]
    fn rules_read_like_expressions() {
        let got = rules(
            r#"[
            {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "E"},
            {"Variable": "$.s", "StringEquals": "a", "Next": "E"},
            {"Variable": "$.a", "NumericLessThanEqualsPath": "$.b", "Next": "E"},
            {"Variable": "$.x", "IsPresent": false, "Next": "E"},
            {"Variable": "$.x", "IsNumeric": true, "Next": "E"},
            {"Variable": "$.f", "StringMatches": "*.log", "Next": "E"},
            {"And": [{"Variable": "$.a", "BooleanEquals": true},
                     {"Not": {"Variable": "$.b", "NumericEquals": 1}}], "Next": "E"},
            {"Or": [{"Variable": "$.a", "NumericEquals": 1},
                    {"And": [{"Variable": "$.b", "NumericEquals": 2}, {"Variable": "$.c", "NumericEquals": 3}]}], "Next": "E"},
            {"Variable": "$.very.long.path.to.something", "StringEquals": "and a long value", "Next": "E"}
        ]"#,
        );
        assert_eq!(
            got,
            [
                "$.n > 10",
                "$.s == \"a\"",
                "$.a <= $.b",
                "$.x is not present",
                "$.x is numeric",
                "$.f matches \"*.log\"",
                "$.a == true && !($.b == 1)",
                "$.a == 1 || ($.b == 2 && $.c …",
                "$.very.long.path.to.something…",
            ]
        );
    }

    #[test]
    fn jsonata_conditions_lose_their_delimiters() {
        let text = r#"{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "E"}], "Default": "E"}, "E": {"Type": "Succeed"}}}"#;
        let (machine, _) = aslplay_core::parse_definition(text);
        let Some(aslplay_core::model::StateKind::Choice(choice)) =
            machine.as_ref().and_then(|m| m.state("C")).map(|s| &s.kind)
        else {
            panic!("no choice");
        };
        assert_eq!(rule_label(&choice.choices[0]), "$states.input.n > 1");
        assert_eq!(
            catch_label(&["A".to_owned(), "B".to_owned()]),
            "A, B".to_owned()
        );
    }
}
