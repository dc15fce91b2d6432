//! The catalogue of intrinsic functions: names, families and arities.

/// One of the 18 intrinsic functions of the Amazon States Language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// `States.Format(template, values…)`
    Format,
    /// `States.StringToJson(string)`
    StringToJson,
    /// `States.JsonToString(value)`
    JsonToString,
    /// `States.Array(values…)`
    Array,
    /// `States.ArrayPartition(array, chunkSize)`
    ArrayPartition,
    /// `States.ArrayContains(array, value)`
    ArrayContains,
    /// `States.ArrayRange(start, end, step)`
    ArrayRange,
    /// `States.ArrayGetItem(array, index)`
    ArrayGetItem,
    /// `States.ArrayLength(array)`
    ArrayLength,
    /// `States.ArrayUnique(array)`
    ArrayUnique,
    /// `States.Base64Encode(string)`
    Base64Encode,
    /// `States.Base64Decode(string)`
    Base64Decode,
    /// `States.Hash(data, algorithm)`
    Hash,
    /// `States.JsonMerge(object1, object2, false)`
    JsonMerge,
    /// `States.MathRandom(start, end[, seed])`
    MathRandom,
    /// `States.MathAdd(a, b)`
    MathAdd,
    /// `States.StringSplit(string, delimiters)`
    StringSplit,
    /// `States.UUID()`
    Uuid,
}

impl Function {
    /// Every function, in the order of the AWS developer guide.
    pub const ALL: [Function; 18] = [
        Function::Array,
        Function::ArrayPartition,
        Function::ArrayContains,
        Function::ArrayRange,
        Function::ArrayGetItem,
        Function::ArrayLength,
        Function::ArrayUnique,
        Function::Base64Encode,
        Function::Base64Decode,
        Function::Hash,
        Function::JsonMerge,
        Function::StringToJson,
        Function::JsonToString,
        Function::MathRandom,
        Function::MathAdd,
        Function::StringSplit,
        Function::Uuid,
        Function::Format,
    ];

    /// The full name, e.g. `"States.ArrayRange"`.
    pub fn name(self) -> &'static str {
        match self {
            Function::Format => "States.Format",
            Function::StringToJson => "States.StringToJson",
            Function::JsonToString => "States.JsonToString",
            Function::Array => "States.Array",
            Function::ArrayPartition => "States.ArrayPartition",
            Function::ArrayContains => "States.ArrayContains",
            Function::ArrayRange => "States.ArrayRange",
            Function::ArrayGetItem => "States.ArrayGetItem",
            Function::ArrayLength => "States.ArrayLength",
            Function::ArrayUnique => "States.ArrayUnique",
            Function::Base64Encode => "States.Base64Encode",
            Function::Base64Decode => "States.Base64Decode",
            Function::Hash => "States.Hash",
            Function::JsonMerge => "States.JsonMerge",
            Function::MathRandom => "States.MathRandom",
            Function::MathAdd => "States.MathAdd",
            Function::StringSplit => "States.StringSplit",
            Function::Uuid => "States.UUID",
        }
    }

    /// Looks a function up by its full name (case-sensitive, as AWS).
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The call shape shown in error messages, e.g. `"States.ArrayRange(start, end, step)"`.
    pub fn signature(self) -> &'static str {
        match self {
            Function::Format => "States.Format(template, value, ...)",
            Function::StringToJson => "States.StringToJson(string)",
            Function::JsonToString => "States.JsonToString(value)",
            Function::Array => "States.Array(value, ...)",
            Function::ArrayPartition => "States.ArrayPartition(array, chunkSize)",
            Function::ArrayContains => "States.ArrayContains(array, value)",
            Function::ArrayRange => "States.ArrayRange(start, end, step)",
            Function::ArrayGetItem => "States.ArrayGetItem(array, index)",
            Function::ArrayLength => "States.ArrayLength(array)",
            Function::ArrayUnique => "States.ArrayUnique(array)",
            Function::Base64Encode => "States.Base64Encode(string)",
            Function::Base64Decode => "States.Base64Decode(base64String)",
            Function::Hash => "States.Hash(data, algorithm)",
            Function::JsonMerge => "States.JsonMerge(object1, object2, false)",
            Function::MathRandom => "States.MathRandom(start, end[, seed])",
            Function::MathAdd => "States.MathAdd(number1, number2)",
            Function::StringSplit => "States.StringSplit(string, delimiters)",
            Function::Uuid => "States.UUID()",
        }
    }

    /// The smallest and largest number of arguments (`None`: no upper bound).
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Function::Format => (1, None),
            Function::Array => (0, None),
            Function::Uuid => (0, Some(0)),
            Function::StringToJson
            | Function::JsonToString
            | Function::ArrayLength
            | Function::ArrayUnique
            | Function::Base64Encode
            | Function::Base64Decode => (1, Some(1)),
            Function::ArrayPartition
            | Function::ArrayContains
            | Function::ArrayGetItem
            | Function::Hash
            | Function::MathAdd
            | Function::StringSplit => (2, Some(2)),
            Function::ArrayRange | Function::JsonMerge => (3, Some(3)),
            Function::MathRandom => (2, Some(3)),
        }
    }

    /// A human description of the accepted argument count, e.g. `"exactly 2 arguments"`.
    pub fn arity_text(self) -> String {
        let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
        match self.arity() {
            (0, None) => "any number of arguments".to_string(),
            (min, None) => format!("at least {min} {}", plural(min)),
            (min, Some(max)) if min == max => format!("exactly {min} {}", plural(min)),
            (min, Some(max)) => format!("{min} to {max} arguments"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for f in Function::ALL {
            assert_eq!(Function::from_name(f.name()), Some(f));
            assert!(f.signature().starts_with(f.name()));
        }
        let mut names: Vec<_> = Function::ALL.iter().map(|f| f.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 18);
        assert_eq!(Function::from_name("States.uuid"), None);
    }

    #[test]
    fn arity_texts() {
        assert_eq!(Function::Uuid.arity_text(), "exactly 0 arguments");
        assert_eq!(Function::Format.arity_text(), "at least 1 argument");
        assert_eq!(Function::MathRandom.arity_text(), "2 to 3 arguments");
        assert_eq!(Function::Array.arity_text(), "any number of arguments");
    }
}
