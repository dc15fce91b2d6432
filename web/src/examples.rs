//! Example state machines offered in the example menu. The first one is loaded at start.

/// One bundled example: a definition and an input to run it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable identifier, used as the `<option>` value.
    pub id: &'static str,
    /// Menu label.
    pub title: &'static str,
    /// The definition, as pretty-printed JSON.
    pub definition: &'static str,
    /// The execution input, as pretty-printed JSON.
    pub input: &'static str,
}

/// Every bundled example, in menu order.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "hello-world",
        title: "Hello World (Pass)",
        definition: include_str!("../examples/hello-world.asl.json"),
        input: "{\n  \"name\": \"aslplay\"\n}\n",
    },
    Example {
        id: "choice",
        title: "Choice and ResultPath",
        definition: include_str!("../examples/choice.asl.json"),
        input: "{\n  \"order\": {\n    \"id\": \"A-1\",\n    \"total\": 120\n  }\n}\n",
    },
    Example {
        id: "jsonata",
        title: "JSONata Output and Assign",
        definition: include_str!("../examples/jsonata.asl.json"),
        input: "{\n  \"items\": [\n    { \"name\": \"pen\", \"price\": 1.5 },\n    { \"name\": \"book\", \"price\": 12 }\n  ]\n}\n",
    },
    Example {
        id: "fail",
        title: "Choice to Fail (error and cause)",
        definition: include_str!("../examples/fail.asl.json"),
        input: "{\n  \"quantity\": 0\n}\n",
    },
];

/// The example with this id.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_well_formed_json() {
        for e in EXAMPLES {
            assert_eq!(
                crate::engine::check(e.definition, e.input),
                vec![],
                "example {}",
                e.id
            );
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        for e in EXAMPLES {
            assert_eq!(find(e.id), Some(e));
        }
        assert_eq!(find("nope"), None);
    }
}
