//! Choice rules: data-test expressions (JSONPath) and `Condition` (JSONata).

use serde_json::Value;

/// One rule of a Choice state's `Choices` array, or a nested rule inside `And`/`Or`/`Not`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceRule {
    /// What the rule tests.
    pub condition: Condition,
    /// `Next` (required on top-level rules, forbidden on nested ones).
    pub next: Option<String>,
    /// Rule-level `Assign`, applied when this rule matches.
    pub assign: Option<Value>,
    /// Rule-level `Output` (JSONata), used when this rule matches.
    pub output: Option<Value>,
    /// `Comment`.
    pub comment: Option<String>,
    /// JSON pointer of this rule.
    pub pointer: String,
}

/// The test a rule performs.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `And: [rules]`.
    And(Vec<ChoiceRule>),
    /// `Or: [rules]`.
    Or(Vec<ChoiceRule>),
    /// `Not: rule`.
    Not(Box<ChoiceRule>),
    /// `Variable` + one comparison operator.
    Comparison(Comparison),
    /// JSONata `Condition: "{% … %}"` (or a literal boolean).
    Jsonata(Value),
}

/// `Variable` compared with an operator.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// `Variable`: a path (`$.x`, `$$.x`, `$var`).
    pub variable: String,
    /// The operator.
    pub operator: ComparisonOperator,
    /// The right-hand side: a literal, or a path for the `…Path` variants.
    pub operand: ComparisonOperand,
}

/// The right-hand side of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum ComparisonOperand {
    /// A literal value (string, number, boolean).
    Literal(Value),
    /// A path for the `…Path` operator variants.
    Path(String),
}

/// Every comparison operator of the States Language (the `…Path` variants are represented as
/// the base operator with a [`ComparisonOperand::Path`] operand).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComparisonOperator {
    /// `BooleanEquals`.
    BooleanEquals,
    /// `IsBoolean`.
    IsBoolean,
    /// `IsNull`.
    IsNull,
    /// `IsNumeric`.
    IsNumeric,
    /// `IsPresent`.
    IsPresent,
    /// `IsString`.
    IsString,
    /// `IsTimestamp`.
    IsTimestamp,
    /// `NumericEquals`.
    NumericEquals,
    /// `NumericGreaterThan`.
    NumericGreaterThan,
    /// `NumericGreaterThanEquals`.
    NumericGreaterThanEquals,
    /// `NumericLessThan`.
    NumericLessThan,
    /// `NumericLessThanEquals`.
    NumericLessThanEquals,
    /// `StringEquals`.
    StringEquals,
    /// `StringGreaterThan`.
    StringGreaterThan,
    /// `StringGreaterThanEquals`.
    StringGreaterThanEquals,
    /// `StringLessThan`.
    StringLessThan,
    /// `StringLessThanEquals`.
    StringLessThanEquals,
    /// `StringMatches` (glob with `*`, `\*` and `\\` escapes).
    StringMatches,
    /// `TimestampEquals`.
    TimestampEquals,
    /// `TimestampGreaterThan`.
    TimestampGreaterThan,
    /// `TimestampGreaterThanEquals`.
    TimestampGreaterThanEquals,
    /// `TimestampLessThan`.
    TimestampLessThan,
    /// `TimestampLessThanEquals`.
    TimestampLessThanEquals,
}

impl ComparisonOperator {
    /// Every operator, in the order AWS documents them.
    pub const ALL: [ComparisonOperator; 23] = [
        Self::BooleanEquals,
        Self::IsBoolean,
        Self::IsNull,
        Self::IsNumeric,
        Self::IsPresent,
        Self::IsString,
        Self::IsTimestamp,
        Self::NumericEquals,
        Self::NumericGreaterThan,
        Self::NumericGreaterThanEquals,
        Self::NumericLessThan,
        Self::NumericLessThanEquals,
        Self::StringEquals,
        Self::StringGreaterThan,
        Self::StringGreaterThanEquals,
        Self::StringLessThan,
        Self::StringLessThanEquals,
        Self::StringMatches,
        Self::TimestampEquals,
        Self::TimestampGreaterThan,
        Self::TimestampGreaterThanEquals,
        Self::TimestampLessThan,
        Self::TimestampLessThanEquals,
    ];

    /// The field name as written (without `Path`).
    pub fn name(self) -> &'static str {
        match self {
            Self::BooleanEquals => "BooleanEquals",
            Self::IsBoolean => "IsBoolean",
            Self::IsNull => "IsNull",
            Self::IsNumeric => "IsNumeric",
            Self::IsPresent => "IsPresent",
            Self::IsString => "IsString",
            Self::IsTimestamp => "IsTimestamp",
            Self::NumericEquals => "NumericEquals",
            Self::NumericGreaterThan => "NumericGreaterThan",
            Self::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            Self::NumericLessThan => "NumericLessThan",
            Self::NumericLessThanEquals => "NumericLessThanEquals",
            Self::StringEquals => "StringEquals",
            Self::StringGreaterThan => "StringGreaterThan",
            Self::StringGreaterThanEquals => "StringGreaterThanEquals",
            Self::StringLessThan => "StringLessThan",
            Self::StringLessThanEquals => "StringLessThanEquals",
            Self::StringMatches => "StringMatches",
            Self::TimestampEquals => "TimestampEquals",
            Self::TimestampGreaterThan => "TimestampGreaterThan",
            Self::TimestampGreaterThanEquals => "TimestampGreaterThanEquals",
            Self::TimestampLessThan => "TimestampLessThan",
            Self::TimestampLessThanEquals => "TimestampLessThanEquals",
        }
    }

    /// The operator named `name` (without a `Path` suffix).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.name() == name)
    }

    /// Whether the operator is a type test (`Is…`) that takes a boolean literal.
    pub fn is_type_test(self) -> bool {
        matches!(
            self,
            Self::IsBoolean
                | Self::IsNull
                | Self::IsNumeric
                | Self::IsPresent
                | Self::IsString
                | Self::IsTimestamp
        )
    }

    /// Whether a `…Path` variant of this operator exists (all but the `Is…` tests and
    /// `StringMatches`).
    pub fn has_path_variant(self) -> bool {
        !self.is_type_test() && self != Self::StringMatches
    }
}
