//! Static analysis of an expression: what it reads from the root context and variables.
//!
//! Step Functions rejects expressions that use `$`, `$$` or bare field names at the top
//! level (their context is undefined there); it also needs to know which `$states.*` paths
//! an expression reads.

use crate::ast::{Kind, Node};

/// A use of the root context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootRef {
    /// `$` (context) at the top level.
    Context { position: usize },
    /// `$$` (root input).
    Root { position: usize },
    /// A bare field name (or `*` / `**` / `%`) evaluated against the top-level context.
    Field { name: String, position: usize },
}

/// Result of [`crate::Expression::analyze`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Uses of the top-level context.
    pub root_refs: Vec<RootRef>,
    /// Every variable reference (name without `$`, position), in source order of the tree.
    pub variables: Vec<(String, usize)>,
    /// Paths starting at `$states` (the field names following it, position).
    pub states_paths: Vec<(Vec<String>, usize)>,
}

/// Analyze `node`.
pub fn analyze(node: &Node) -> Analysis {
    let mut a = Analysis::default();
    root_context(node, &mut a.root_refs, 0);
    node.walk(&mut |n: &Node| {
        if let Kind::Variable(v) = &n.kind {
            a.variables.push((v.clone(), n.position));
        }
        if let Kind::Path(steps) = &n.kind {
            if let Some(Kind::Variable(v)) = steps.first().map(|s| &s.kind) {
                if v == "states" {
                    let names = steps
                        .iter()
                        .skip(1)
                        .map_while(|s| match &s.kind {
                            Kind::Name(n) => Some(n.clone()),
                            _ => None,
                        })
                        .collect();
                    a.states_paths.push((names, n.position));
                }
            }
        }
    });
    a
}

/// Collect nodes evaluated against the top-level context.
fn root_context(node: &Node, out: &mut Vec<RootRef>, depth: usize) {
    if depth > 1000 {
        return;
    }
    let d = depth + 1;
    match &node.kind {
        Kind::Variable(v) if v.is_empty() => out.push(RootRef::Context {
            position: node.position,
        }),
        Kind::Variable(v) if v == "$" => out.push(RootRef::Root {
            position: node.position,
        }),
        Kind::Name(n) => out.push(RootRef::Field {
            name: n.clone(),
            position: node.position,
        }),
        Kind::Wildcard => out.push(RootRef::Field {
            name: "*".into(),
            position: node.position,
        }),
        Kind::Descendant => out.push(RootRef::Field {
            name: "**".into(),
            position: node.position,
        }),
        Kind::Parent(_) => out.push(RootRef::Field {
            name: "%".into(),
            position: node.position,
        }),
        Kind::Path(steps) => {
            if let Some(first) = steps.first() {
                root_context(first, out, d);
            }
        }
        Kind::Binary(_, a, b) | Kind::Apply(a, b) => {
            root_context(a, out, d);
            root_context(b, out, d);
        }
        Kind::Neg(a) | Kind::Bind(_, a) => root_context(a, out, d),
        Kind::Array(items) | Kind::Block(items) => {
            items.iter().for_each(|i| root_context(i, out, d))
        }
        Kind::Object(pairs) => pairs.iter().for_each(|(k, v)| {
            root_context(k, out, d);
            root_context(v, out, d);
        }),
        Kind::Condition(c, t, e) => {
            root_context(c, out, d);
            root_context(t, out, d);
            if let Some(e) = e {
                root_context(e, out, d);
            }
        }
        Kind::Function {
            procedure, args, ..
        } => {
            root_context(procedure, out, d);
            args.iter().for_each(|a| root_context(a, out, d));
        }
        Kind::Lambda { body, .. } => root_context(body, out, d),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::Expression;

    #[test]
    fn finds_root_refs_and_states() {
        let a = Expression::parse("$states.input.items[price > $].name & foo")
            .unwrap()
            .analyze();
        assert_eq!(a.root_refs.len(), 1);
        assert!(matches!(&a.root_refs[0], super::RootRef::Field { name, .. } if name == "foo"));
        assert_eq!(a.states_paths[0].0, ["input", "items", "name"]);
        let b = Expression::parse("$$.x").unwrap().analyze();
        assert!(matches!(b.root_refs[0], super::RootRef::Root { .. }));
    }
}
