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

/// The paths of field names below `$states.<member>` that an expression reads, when every use
/// of `$states` is a path `$states.<name>.<name>…` (see [`crate::Expression::member_paths`]).
/// `None` when the expression may read anything else of the member.
pub fn member_paths(node: &Node, member: &str) -> Option<Vec<Vec<String>>> {
    let mut paths = Vec::new();
    // Every `$states` must be the head of one of those paths.
    let (mut heads, mut uses) = (0, 0);
    let mut opaque = false;
    node.walk(&mut |n: &Node| match &n.kind {
        Kind::Variable(v) if v == "states" => uses += 1,
        // `%` climbs out of whatever was selected; a rebound `$states` is another value.
        Kind::Parent(_) => opaque = true,
        Kind::Bind(name, _) if name == "states" => opaque = true,
        Kind::Lambda { params, .. } if params.iter().any(|p| p == "states") => opaque = true,
        Kind::Path(steps) => {
            let Some(head) = steps.first() else { return };
            if !matches!(&head.kind, Kind::Variable(v) if v == "states") {
                return;
            }
            heads += 1;
            match states_path(steps, member) {
                Some(Some(path)) => paths.push(path),
                Some(None) => {}
                None => opaque = true,
            }
        }
        _ => {}
    });
    (!opaque && uses == heads).then_some(paths)
}

/// The names below `member` of a path whose head is `$states`: `Some(None)` when it reads
/// another member of `$states`, `None` when it cannot be told. The path ends at the first
/// step that is not a plain name, at a name with a predicate, group or array flag (the whole
/// node there is read), or before a name with a focus or index binding or in a tuple stream
/// (`a.b@$x` yields `a`'s objects, not `b`'s values: the whole node before it is read).
fn states_path(steps: &[Node], member: &str) -> Option<Option<Vec<String>>> {
    let binds = |n: &Node| {
        n.focus.is_some()
            || n.index.is_some()
            || n.tuple
            || n.ancestor.is_some()
            || n.seeking_parent.is_some()
    };
    let plain = |n: &Node| {
        !binds(n)
            && n.predicate.is_none()
            && n.stages.is_none()
            && n.group.is_none()
            && !n.keep_array
            && !n.keep_singleton_array
    };
    let (head, second) = (steps.first()?, steps.get(1)?);
    if !plain(head) {
        return None;
    }
    match &second.kind {
        Kind::Name(m) if m == member => {}
        Kind::Name(_) => return Some(None),
        _ => return None,
    }
    if !plain(second) {
        return Some(Some(Vec::new()));
    }
    let mut path = Vec::new();
    for step in steps.iter().skip(2) {
        let Kind::Name(name) = &step.kind else { break };
        if binds(step) {
            break;
        }
        path.push(name.clone());
        if !plain(step) {
            break;
        }
    }
    Some(Some(path))
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

    #[test]
    fn finds_the_input_paths_an_expression_reads() {
        let paths = |e: &str| {
            Expression::parse(e)
                .unwrap()
                .member_paths("input")
                .map(|ps| {
                    ps.iter()
                        .map(|p| format!("<{}>", p.join(".")))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
        };
        for (e, want) in [
            ("$states.input.a.b", Some("<a.b>")),
            ("$states.input.a.b + $states.input.c", Some("<a.b> <c>")),
            ("$states.input", Some("<>")),
            ("$count($states.input.items)", Some("<items>")),
            ("$states.input.items[0].name", Some("<items>")),
            ("$states.input.items[price > 5].name", Some("<items>")),
            ("$states.input.a.*.b", Some("<a>")),
            ("$states.input.a.$string()", Some("<a>")),
            ("$states.input.a[]", Some("<a>")),
            ("$states.input.a@$x.b", Some("<>")),
            ("$states.input.a#$i.b", Some("<>")),
            ("$states.input.a.c@$x", Some("<a>")),
            ("$states.input.a{`k`: b}", Some("<a>")),
            ("$states.input.a^(b)", Some("<a>")),
            ("$states.context.Execution.Id & $states.result.x", Some("")),
            ("1 + 2", Some("")),
            ("$x.y", Some("")),
            (
                "{'a': $states.input.a, 'f': function($v){ $v + $states.input.b }}",
                Some("<a> <b>"),
            ),
            ("$states", None),
            ("$keys($states)", None),
            ("$states.*", None),
            ("$states.input.a.%.b", None),
            ("$states.input.a[%.b = 1]", None),
            ("($states := {'input': 1}; $states.input)", None),
            ("function($states){ $states.input.a }(1)", None),
        ] {
            let got = paths(e);
            let want = want.map(String::from);
            assert_eq!(got, want, "{e}");
        }
        let result = Expression::parse("$states.result.Payload.id & $states.input.x")
            .unwrap()
            .member_paths("result");
        assert_eq!(
            result,
            Some(vec![vec!["Payload".to_string(), "id".to_string()]])
        );
    }
}
