//! State machine and execution ARNs.
//!
//! Accepted state machine ARN forms (as in StartSyncExecution's `stateMachineArn`):
//! `arn:<partition>:states:<region>:<account>:stateMachine:<name>`, with an optional
//! `:<version>` (digits) or `:<alias>` qualifier, and an optional `#<TestCase>` suffix that
//! selects a mock test case (Step Functions Local's convention).

use super::error::ApiError;
use super::names;

/// What a state machine ARN's qualifier names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// The unqualified state machine (its latest revision).
    Latest,
    /// A published version, `:<n>`.
    Version(u32),
    /// An alias, `:<alias>`.
    Alias(String),
}

/// A parsed state machine ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateMachineArn {
    /// `aws`, `aws-cn`, `aws-us-gov` …
    pub partition: String,
    /// The region, e.g. `us-east-1`.
    pub region: String,
    /// The 12-digit account id.
    pub account: String,
    /// The state machine's name.
    pub name: String,
    /// Version or alias.
    pub qualifier: Qualifier,
    /// The mock test case after `#`, if any.
    pub test_case: Option<String>,
}

impl StateMachineArn {
    /// Parses `text`, with AWS's InvalidArn messages.
    pub fn parse(text: &str) -> Result<StateMachineArn, ApiError> {
        let (arn, test_case) = match text.split_once('#') {
            Some((arn, case)) => {
                if case.is_empty()
                    || !case
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    return Err(ApiError::invalid_arn(format!(
                        "Invalid ARN test case suffix: {text}"
                    )));
                }
                (arn, Some(case.to_string()))
            }
            None => (text, None),
        };
        let prefix_error = || ApiError::invalid_arn(format!("Invalid ARN prefix: {text}"));
        let parts: Vec<&str> = arn.split(':').collect();
        let [head, partition, service, region, account, rest @ ..] = parts.as_slice() else {
            return Err(prefix_error());
        };
        if *head != "arn"
            || !is_partition(partition)
            || *service != "states"
            || !is_region(region)
            || !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(prefix_error());
        }
        let [resource_type, name, qualifier @ ..] = rest else {
            return Err(ApiError::invalid_arn(format!(
                "Invalid ARN resource: {text}"
            )));
        };
        if *resource_type != "stateMachine" {
            let shown = resource_type.to_ascii_lowercase();
            return Err(ApiError::invalid_arn(format!(
                "Resource type not valid in this context: {shown}"
            )));
        }
        if !is_resource_name(name) {
            return Err(ApiError::invalid_arn(format!(
                "Invalid ARN resource name: {text}"
            )));
        }
        let qualifier = match qualifier {
            [] => Qualifier::Latest,
            [q] if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) => match q.parse::<u32>()
            {
                Ok(n) if n > 0 => Qualifier::Version(n),
                _ => {
                    return Err(ApiError::invalid_arn(format!(
                        "Invalid ARN version: {text}"
                    )))
                }
            },
            [q] if is_alias_name(q) => Qualifier::Alias(q.to_string()),
            _ => {
                return Err(ApiError::invalid_arn(format!(
                    "Invalid ARN qualifier: {text}"
                )))
            }
        };
        Ok(StateMachineArn {
            partition: partition.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            name: name.to_string(),
            qualifier,
            test_case,
        })
    }

    /// The unqualified ARN of the state machine.
    pub fn base(&self) -> String {
        state_machine_arn(&self.partition, &self.region, &self.account, &self.name)
    }

    /// The ARN without the `#TestCase` suffix (with its qualifier).
    pub fn without_test_case(&self) -> String {
        let mut arn = self.base();
        match &self.qualifier {
            Qualifier::Latest => {}
            Qualifier::Version(n) => {
                arn.push(':');
                arn.push_str(&n.to_string());
            }
            Qualifier::Alias(a) => {
                arn.push(':');
                arn.push_str(a);
            }
        }
        arn
    }
}

fn is_partition(p: &str) -> bool {
    !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

fn is_region(r: &str) -> bool {
    !r.is_empty()
        && r.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_resource_name(n: &str) -> bool {
    names::length_violation(n, "name").is_none() && names::first_invalid_char(n).is_none()
}

/// Alias names: letters, digits, `_ . -`, at least one character that is not a digit.
pub fn is_alias_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 80
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && n.bytes().any(|b| !b.is_ascii_digit())
}

/// `arn:<partition>:states:<region>:<account>:stateMachine:<name>`.
pub fn state_machine_arn(partition: &str, region: &str, account: &str, name: &str) -> String {
    concat(&[
        "arn:",
        partition,
        ":states:",
        region,
        ":",
        account,
        ":stateMachine:",
        name,
    ])
}

/// An Express execution's ARN: `arn:<partition>:states:<region>:<account>:express:<machine>:<name>:<uuid>`.
pub fn express_execution_arn(
    machine: &StateMachineArn,
    execution_name: &str,
    uuid: &str,
) -> String {
    concat(&[
        "arn:",
        &machine.partition,
        ":states:",
        &machine.region,
        ":",
        &machine.account,
        ":express:",
        &machine.name,
        ":",
        execution_name,
        ":",
        uuid,
    ])
}

/// The pieces joined, in one allocation (ARNs are built on every run; `format!` goes through
/// the formatter piece by piece).
fn concat(pieces: &[&str]) -> String {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::ErrorCode;

    const BASE: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:M";

    #[test]
    fn parses_plain_version_alias_and_test_case() {
        let a = StateMachineArn::parse(BASE).ok();
        assert_eq!(
            a.as_ref().map(|a| a.qualifier.clone()),
            Some(Qualifier::Latest)
        );
        assert_eq!(a.map(|a| a.base()), Some(BASE.to_string()));
        let v = StateMachineArn::parse(&format!("{BASE}:3")).ok();
        assert_eq!(v.map(|a| a.qualifier), Some(Qualifier::Version(3)));
        let al = StateMachineArn::parse(&format!("{BASE}:prod")).ok();
        assert_eq!(
            al.map(|a| a.qualifier),
            Some(Qualifier::Alias("prod".into()))
        );
        let t = StateMachineArn::parse(&format!("{BASE}:2#HappyPath")).ok();
        assert_eq!(
            t.as_ref().and_then(|a| a.test_case.clone()),
            Some("HappyPath".into())
        );
        assert_eq!(t.map(|a| a.without_test_case()), Some(format!("{BASE}:2")));
        let cn =
            StateMachineArn::parse("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:x.y");
        assert!(cn.is_ok());
    }

    #[test]
    fn rejects_with_aws_messages() {
        let cases = [
            ("not-an-arn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'"),
            ("", "Invalid Arn: 'Invalid ARN prefix: '"),
            (
                "arn:aws:lambda:us-east-1:123456789012:function:f",
                "Invalid Arn: 'Invalid ARN prefix: arn:aws:lambda:us-east-1:123456789012:function:f'",
            ),
            (
                "arn:aws:states:us-east-1:1234:stateMachine:M",
                "Invalid Arn: 'Invalid ARN prefix: arn:aws:states:us-east-1:1234:stateMachine:M'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:execution:M:e",
                "Invalid Arn: 'Resource type not valid in this context: execution'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:activity:A",
                "Invalid Arn: 'Resource type not valid in this context: activity'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:stateMachine",
                "Invalid Arn: 'Invalid ARN resource: arn:aws:states:us-east-1:123456789012:stateMachine'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:stateMachine:a b",
                "Invalid Arn: 'Invalid ARN resource name: arn:aws:states:us-east-1:123456789012:stateMachine:a b'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:stateMachine:M:0",
                "Invalid Arn: 'Invalid ARN version: arn:aws:states:us-east-1:123456789012:stateMachine:M:0'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:stateMachine:M:a:b",
                "Invalid Arn: 'Invalid ARN qualifier: arn:aws:states:us-east-1:123456789012:stateMachine:M:a:b'",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:stateMachine:M#",
                "Invalid Arn: 'Invalid ARN test case suffix: arn:aws:states:us-east-1:123456789012:stateMachine:M#'",
            ),
        ];
        for (arn, message) in cases {
            let err = StateMachineArn::parse(arn).err();
            assert_eq!(
                err.as_ref().map(|e| e.code),
                Some(ErrorCode::InvalidArn),
                "{arn}"
            );
            assert_eq!(err.map(|e| e.message), Some(message.to_string()), "{arn}");
        }
    }

    #[test]
    fn builds_express_execution_arn() {
        let m = StateMachineArn::parse(&format!("{BASE}:1")).ok();
        let arn = m.map(|m| express_execution_arn(&m, "run", "u-u-i-d"));
        assert_eq!(
            arn.as_deref(),
            Some("arn:aws:states:us-east-1:123456789012:express:M:run:u-u-i-d")
        );
    }

    #[test]
    fn alias_names() {
        assert!(is_alias_name("prod"));
        assert!(is_alias_name("v2"));
        assert!(!is_alias_name("12"));
        assert!(!is_alias_name("a b"));
    }
}
