//! The parts of a JSON document an expression reads: `$states.input.order.items[0]` reads
//! `order.items`. A document pruned to those parts gives the expression the same result, and
//! costs less to convert (the engine converts every value it is given into its own form).

use serde_json::Value;

/// Paths of member names as a tree: the parts of a document an expression reads
/// ([`crate::Expression::member_parts`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The whole node is read.
    whole: bool,
    /// Members read in part or whole.
    members: Vec<(String, Parts)>,
}

impl Parts {
    /// The tree of `paths` (an empty path: the whole document).
    pub fn of(paths: &[Vec<String>]) -> Parts {
        let mut tree = Parts::default();
        for path in paths {
            let mut node = &mut tree;
            for name in path {
                let at = match node.members.iter().position(|(n, _)| n == name) {
                    Some(at) => at,
                    None => {
                        node.members.push((name.clone(), Parts::default()));
                        node.members.len() - 1
                    }
                };
                let Some((_, next)) = node.members.get_mut(at) else {
                    break;
                };
                node = next;
            }
            node.whole = true;
        }
        tree
    }

    /// Whether the whole document is read.
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// The members read, in part or whole.
    pub fn members(&self) -> impl Iterator<Item = (&str, &Parts)> {
        self.members.iter().map(|(n, t)| (n.as_str(), t))
    }

    fn member(&self, name: &str) -> Option<&Parts> {
        self.members
            .iter()
            .find_map(|(n, t)| (n == name).then_some(t))
    }

    /// Whether [`Self::prune`] would keep all of `doc` (then it is used as it is).
    pub fn keeps_all(&self, doc: &Value) -> bool {
        if self.whole {
            return true;
        }
        match doc {
            Value::Object(map) => map
                .iter()
                .all(|(key, value)| self.member(key).is_some_and(|t| t.keeps_all(value))),
            Value::Array(items) => items.iter().all(|v| self.keeps_all(v)),
            _ => true,
        }
    }

    /// The nodes of `doc` at these paths and the objects and arrays on the way to them, with
    /// every other member left out: what reading the paths sees of `doc`. An array on the way
    /// keeps all its elements, each pruned the same way (a path step maps over an array).
    pub fn prune(&self, doc: &Value) -> Value {
        if self.whole {
            return doc.clone();
        }
        match doc {
            Value::Object(map) => {
                let mut out = serde_json::Map::new();
                for (key, value) in map {
                    if let Some(t) = self.member(key) {
                        out.insert(key.clone(), t.prune(value));
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.prune(v)).collect()),
            other => other.clone(),
        }
    }
}
