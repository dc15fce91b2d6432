//! An in-memory registry of state machines, like one account in one region.
//!
//! Defaults: region `us-east-1`, account `123456789012`, partition `aws`, type `EXPRESS`
//! (AWS's CreateStateMachine defaults to STANDARD; aslplay runs synchronous Express
//! executions, so EXPRESS is the useful default — docs/api.md).

use super::arn::{self, Qualifier, StateMachineArn};
use super::error::{ApiError, ErrorCode};
use super::names;
use crate::exec::{self, Machine};
use crate::validate::{invalid_definition_message, load_definition};
use crate::MachineType;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The default region.
pub const DEFAULT_REGION: &str = "us-east-1";
/// The default account id.
pub const DEFAULT_ACCOUNT: &str = "123456789012";
/// The default partition.
pub const DEFAULT_PARTITION: &str = "aws";
/// The longest definition CreateStateMachine accepts (API model: `definition` length
/// 1..=1048576; service quota "maximum size of a state machine definition: 1 MB").
pub const MAX_DEFINITION_CHARS: usize = 1_048_576;
/// The role ARN recorded for machines created without one.
pub const DEFAULT_ROLE_ARN: &str = "arn:aws:iam::123456789012:role/aslplay";

/// A CreateStateMachine request (the fields aslplay uses).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateStateMachineRequest {
    /// The state machine's name (1–80 characters, see [`names`]).
    pub name: String,
    /// The definition text (Amazon States Language JSON).
    pub definition: String,
    /// `EXPRESS` (aslplay's default) or `STANDARD`.
    #[serde(rename = "type")]
    pub machine_type: Option<MachineType>,
    /// The execution role (only echoed in `$$.Execution.RoleArn`).
    pub role_arn: Option<String>,
    /// Publish version 1 on creation.
    pub publish: bool,
}

/// What CreateStateMachine answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateStateMachineResponse {
    /// The new machine's ARN.
    pub state_machine_arn: String,
    /// The version ARN when `publish` was set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_machine_version_arn: Option<String>,
}

/// A state machine's lifecycle status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MachineStatus {
    /// Usable.
    Active,
    /// DeleteStateMachine was called; executions are refused with StateMachineDeleting.
    Deleting,
}

/// One immutable revision of a definition, compiled.
#[derive(Debug)]
pub struct Revision {
    /// The definition text.
    pub definition: String,
    /// The compiled program.
    pub machine: Machine,
    /// Top-level `TimeoutSeconds`.
    pub timeout_seconds: Option<u64>,
}

/// A registered state machine.
#[derive(Debug)]
pub struct StoredMachine {
    /// Its name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// EXPRESS or STANDARD.
    pub machine_type: MachineType,
    /// Its role ARN.
    pub role_arn: String,
    /// ACTIVE or DELETING.
    pub status: MachineStatus,
    /// The latest revision.
    pub latest: Rc<Revision>,
    /// Published versions; version `n` is at index `n - 1`.
    pub versions: Vec<Rc<Revision>>,
    /// Alias name → version number.
    pub aliases: IndexMap<String, u32>,
}

/// A machine looked up by ARN.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The machine.
    pub machine: &'a StoredMachine,
    /// The revision the ARN selects (latest, a version, or an alias's version).
    pub revision: Rc<Revision>,
}

/// State machines of one account in one region.
#[derive(Debug)]
pub struct Registry {
    partition: String,
    region: String,
    account: String,
    machines: IndexMap<String, StoredMachine>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new(DEFAULT_REGION, DEFAULT_ACCOUNT)
    }
}

impl Registry {
    /// An empty registry for `region` and `account` (partition `aws`).
    pub fn new(region: &str, account: &str) -> Self {
        Self {
            partition: DEFAULT_PARTITION.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            machines: IndexMap::new(),
        }
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The account id.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The ARN a machine called `name` gets.
    pub fn arn_for(&self, name: &str) -> String {
        arn::state_machine_arn(&self.partition, &self.region, &self.account, name)
    }

    /// CreateStateMachine: checks the name and the definition, compiles it, registers it.
    /// A definition longer than [`MAX_DEFINITION_CHARS`] fails with ValidationException.
    pub fn create_state_machine(
        &mut self,
        request: &CreateStateMachineRequest,
    ) -> Result<CreateStateMachineResponse, ApiError> {
        let name = request.name.as_str();
        if let Some(v) = names::length_violation(name, "name") {
            return Err(ApiError::validation(&[v]));
        }
        if names::first_invalid_char(name).is_some() {
            return Err(ApiError::invalid_name(name));
        }
        if request.definition.chars().count() > MAX_DEFINITION_CHARS {
            // `definition` is a sensitive field: AWS leaves its value out of the message.
            return Err(ApiError::validation(&[format!(
                "Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to {MAX_DEFINITION_CHARS}"
            )]));
        }
        let machine_type = request.machine_type.unwrap_or(MachineType::Express);
        let arn = self.arn_for(name);
        if let Some(existing) = self.machines.get(name) {
            // CreateStateMachine is idempotent for the same definition and type.
            if existing.latest.definition == request.definition
                && existing.machine_type == machine_type
            {
                return Ok(CreateStateMachineResponse {
                    state_machine_arn: arn,
                    state_machine_version_arn: None,
                });
            }
            return Err(ApiError::new(
                ErrorCode::StateMachineAlreadyExists,
                format!("State Machine Already Exists: '{arn}'"),
            ));
        }
        let revision = Rc::new(compile_definition(&request.definition, machine_type)?);
        let mut stored = StoredMachine {
            name: name.to_string(),
            arn: arn.clone(),
            machine_type,
            role_arn: request
                .role_arn
                .clone()
                .unwrap_or_else(|| DEFAULT_ROLE_ARN.to_string()),
            status: MachineStatus::Active,
            latest: revision.clone(),
            versions: Vec::new(),
            aliases: IndexMap::new(),
        };
        let version_arn = request.publish.then(|| {
            stored.versions.push(revision);
            format!("{arn}:1")
        });
        self.machines.insert(name.to_string(), stored);
        Ok(CreateStateMachineResponse {
            state_machine_arn: arn,
            state_machine_version_arn: version_arn,
        })
    }

    /// PublishStateMachineVersion: freezes the latest revision as the next version.
    pub fn publish_version(&mut self, state_machine_arn: &str) -> Result<String, ApiError> {
        let parsed = StateMachineArn::parse(state_machine_arn)?;
        let machine = self.find_mut(&parsed, state_machine_arn)?;
        machine.versions.push(machine.latest.clone());
        Ok(format!("{}:{}", machine.arn, machine.versions.len()))
    }

    /// CreateStateMachineAlias (single routing target): `alias` → `version`.
    pub fn create_alias(
        &mut self,
        state_machine_arn: &str,
        alias: &str,
        version: u32,
    ) -> Result<String, ApiError> {
        let parsed = StateMachineArn::parse(state_machine_arn)?;
        if !arn::is_alias_name(alias) {
            return Err(ApiError::validation(&[format!(
                "Value '{alias}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$"
            )]));
        }
        let machine = self.find_mut(&parsed, state_machine_arn)?;
        if version == 0 || version as usize > machine.versions.len() {
            return Err(ApiError::does_not_exist(&format!(
                "{}:{version}",
                machine.arn
            )));
        }
        machine.aliases.insert(alias.to_string(), version);
        Ok(format!("{}:{alias}", machine.arn))
    }

    /// DeleteStateMachine: the machine turns DELETING and refuses new executions.
    pub fn delete_state_machine(&mut self, state_machine_arn: &str) -> Result<(), ApiError> {
        let parsed = StateMachineArn::parse(state_machine_arn)?;
        let machine = self.find_mut(&parsed, state_machine_arn)?;
        machine.status = MachineStatus::Deleting;
        Ok(())
    }

    fn find_mut(
        &mut self,
        arn: &StateMachineArn,
        text: &str,
    ) -> Result<&mut StoredMachine, ApiError> {
        if arn.partition != self.partition
            || arn.region != self.region
            || arn.account != self.account
        {
            return Err(ApiError::does_not_exist(text));
        }
        self.machines
            .get_mut(&arn.name)
            .ok_or_else(|| ApiError::does_not_exist(text))
    }

    /// Looks a machine up by a parsed ARN (qualifier included), with AWS's errors.
    pub fn resolve(&self, arn: &StateMachineArn) -> Result<Resolved<'_>, ApiError> {
        let missing = || ApiError::does_not_exist(&arn.without_test_case());
        if arn.partition != self.partition
            || arn.region != self.region
            || arn.account != self.account
        {
            return Err(missing());
        }
        let machine = self.machines.get(&arn.name).ok_or_else(missing)?;
        let version = match &arn.qualifier {
            Qualifier::Latest => None,
            Qualifier::Version(n) => Some(*n),
            Qualifier::Alias(a) => Some(*machine.aliases.get(a).ok_or_else(missing)?),
        };
        let revision = match version {
            None => machine.latest.clone(),
            Some(n) => machine
                .versions
                .get((n as usize).wrapping_sub(1))
                .cloned()
                .ok_or_else(missing)?,
        };
        Ok(Resolved { machine, revision })
    }
}

/// Checks a definition like CreateStateMachine and compiles it.
pub fn compile_definition(text: &str, machine_type: MachineType) -> Result<Revision, ApiError> {
    let invalid = |message: String| ApiError::new(ErrorCode::InvalidDefinition, message);
    let model = match load_definition(text, machine_type) {
        Ok((model, _warnings)) => model,
        Err(diagnostics) => {
            return Err(invalid(invalid_definition_message(&diagnostics).unwrap_or_else(|| {
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition could not be read at null'"
                    .to_string()
            })))
        }
    };
    let machine = exec::compile(&model).map_err(|e| {
        let at = if e.pointer.is_empty() {
            "/".to_string()
        } else {
            e.pointer.clone()
        };
        invalid(format!(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: {} at {at}'",
            e.message
        ))
    })?;
    Ok(Revision {
        definition: text.to_string(),
        machine,
        timeout_seconds: model.timeout_seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;

    fn create(
        reg: &mut Registry,
        name: &str,
        def: &str,
    ) -> Result<CreateStateMachineResponse, ApiError> {
        reg.create_state_machine(&CreateStateMachineRequest {
            name: name.into(),
            definition: def.into(),
            ..Default::default()
        })
    }

    #[test]
    fn creates_with_default_arn_and_type() {
        let mut reg = Registry::default();
        let r = create(&mut reg, "Hello", PASS).ok();
        assert_eq!(
            r.map(|r| r.state_machine_arn).as_deref(),
            Some("arn:aws:states:us-east-1:123456789012:stateMachine:Hello")
        );
        let arn = StateMachineArn::parse(&reg.arn_for("Hello")).ok();
        let resolved = arn
            .as_ref()
            .map(|a| reg.resolve(a).map(|r| r.machine.machine_type));
        assert_eq!(resolved, Some(Ok(MachineType::Express)));
    }

    #[test]
    fn name_rules() {
        let mut reg = Registry::default();
        let e = create(&mut reg, "a b", PASS).err();
        assert_eq!(
            e.map(|e| e.to_json()),
            Some(serde_json::json!({"__type": "InvalidName", "message": "Invalid Name: 'a b'"}))
        );
        let long = "x".repeat(81);
        let e = create(&mut reg, &long, PASS).err();
        assert_eq!(
            e.as_ref().map(|e| e.code),
            Some(ErrorCode::ValidationException)
        );
        assert!(e.is_some_and(|e| e.message.contains("at 'name' failed to satisfy constraint")));
    }

    #[test]
    fn idempotent_and_conflict() {
        let mut reg = Registry::default();
        assert!(create(&mut reg, "M", PASS).is_ok());
        assert!(create(&mut reg, "M", PASS).is_ok());
        let other = r#"{"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}}"#;
        let e = create(&mut reg, "M", other).err();
        assert_eq!(
            e.map(|e| e.message),
            Some("State Machine Already Exists: 'arn:aws:states:us-east-1:123456789012:stateMachine:M'".into())
        );
    }

    #[test]
    fn invalid_definition() {
        let mut reg = Registry::default();
        let e = create(
            &mut reg,
            "M",
            r#"{"StartAt": "Nope", "States": {"P": {"Type": "Pass", "End": true}}}"#,
        )
        .err();
        assert_eq!(
            e.as_ref().map(|e| e.code),
            Some(ErrorCode::InvalidDefinition)
        );
        assert!(e.is_some_and(|e| e.message.starts_with("Invalid State Machine Definition: '")));
    }

    #[test]
    fn versions_and_aliases_resolve() {
        let mut reg = Registry::default();
        let arn = create(&mut reg, "M", PASS)
            .map(|r| r.state_machine_arn)
            .unwrap_or_default();
        assert_eq!(reg.publish_version(&arn).ok(), Some(format!("{arn}:1")));
        assert_eq!(
            reg.create_alias(&arn, "prod", 1).ok(),
            Some(format!("{arn}:prod"))
        );
        for q in [":1", ":prod", ""] {
            let a = StateMachineArn::parse(&format!("{arn}{q}"));
            assert!(a.is_ok_and(|a| reg.resolve(&a).is_ok()), "{q}");
        }
        for q in [":2", ":dev"] {
            let text = format!("{arn}{q}");
            let a = StateMachineArn::parse(&text).ok();
            let e = a.and_then(|a| reg.resolve(&a).err());
            assert_eq!(
                e.map(|e| e.message),
                Some(format!("State Machine Does Not Exist: '{text}'"))
            );
        }
        assert_eq!(
            reg.create_alias(&arn, "x", 5).err().map(|e| e.code),
            Some(ErrorCode::StateMachineDoesNotExist)
        );
    }

    #[test]
    fn other_account_does_not_exist() {
        let mut reg = Registry::default();
        assert!(create(&mut reg, "M", PASS).is_ok());
        let a = StateMachineArn::parse("arn:aws:states:eu-west-1:123456789012:stateMachine:M").ok();
        assert_eq!(
            a.and_then(|a| reg.resolve(&a).err()).map(|e| e.code),
            Some(ErrorCode::StateMachineDoesNotExist)
        );
    }
}
