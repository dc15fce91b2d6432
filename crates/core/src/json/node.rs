//! The span tree produced by the reader.

use crate::model::Span;
use serde_json::{Map, Number, Value};

/// One JSON value with the byte span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonNode {
    /// What the value is.
    pub kind: NodeKind,
    /// Bytes of the value's text (for strings, including the quotes).
    pub span: Span,
}

/// The value of a [`JsonNode`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string (unescaped).
    String(String),
    /// An array.
    Array(Vec<JsonNode>),
    /// An object: every member in document order, duplicates included.
    Object(Vec<Member>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key (unescaped).
    pub key: String,
    /// Bytes of the key's text, including the quotes.
    pub key_span: Span,
    /// The value.
    pub value: JsonNode,
}

impl JsonNode {
    /// The JSON type name used in messages: `object`, `array`, `string`, `number`, `boolean`,
    /// `null`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Number(_) => "number",
            NodeKind::String(_) => "string",
            NodeKind::Array(_) => "array",
            NodeKind::Object(_) => "object",
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_number(&self) -> Option<&Number> {
        match &self.kind {
            NodeKind::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            NodeKind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[JsonNode]> {
        match &self.kind {
            NodeKind::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The member called `key` of an object (the last one when the key is duplicated, as
    /// `serde_json` and AWS's parser keep the last).
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    /// The value of member `key` of an object (the last one when duplicated).
    pub fn get(&self, key: &str) -> Option<&JsonNode> {
        self.member(key).map(|m| &m.value)
    }

    /// Converts to a `serde_json::Value`, keeping key order; of duplicate keys the last value
    /// wins (at the position of the first occurrence, like `serde_json`).
    pub fn to_value(&self) -> Value {
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Number(n) => Value::Number(n.clone()),
            NodeKind::String(s) => Value::String(s.clone()),
            NodeKind::Array(a) => Value::Array(a.iter().map(JsonNode::to_value).collect()),
            NodeKind::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for m in members {
                    map.insert(m.key.clone(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// The node at a JSON pointer (`""` or `"/"` for this node), with the span of its key when
    /// the last step is an object member.
    pub fn lookup(&self, pointer: &str) -> Option<(Option<Span>, &JsonNode)> {
        if pointer == "/" {
            return Some((None, self));
        }
        let tokens = super::split_pointer(pointer)?;
        let mut node = self;
        let mut key_span = None;
        for token in &tokens {
            match &node.kind {
                NodeKind::Object(_) => {
                    let m = node.member(token)?;
                    key_span = Some(m.key_span);
                    node = &m.value;
                }
                NodeKind::Array(items) => {
                    let index: usize = token.parse().ok()?;
                    node = items.get(index)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((key_span, node))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn lookup_finds_nodes_and_key_spans() {
        let text = r#"{"States": {"a/b": {"Next": "X"}}, "L": [1, 2]}"#;
        let root = parse(text).unwrap();
        let (key, node) = root.lookup("/States/a~1b/Next").unwrap();
        assert_eq!(node.as_str(), Some("X"));
        let key = key.unwrap();
        assert_eq!(&text[key.start..key.end], "\"Next\"");
        assert_eq!(&text[node.span.start..node.span.end], "\"X\"");
        let (key, node) = root.lookup("/L/1").unwrap();
        assert!(key.is_none());
        assert_eq!(&text[node.span.start..node.span.end], "2");
        assert!(root.lookup("/L/7").is_none());
        assert!(root.lookup("/").is_some());
        assert!(root.lookup("").is_some());
        assert!(root.lookup("nope").is_none());
    }

    #[test]
    fn duplicates_are_kept_and_last_wins_in_values() {
        let root = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(root.as_object().unwrap().len(), 3);
        assert_eq!(root.to_value(), serde_json::json!({"a": 3, "b": 2}));
        let keys: Vec<_> = root
            .to_value()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["a", "b"]);
    }
}
