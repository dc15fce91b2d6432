//! Reference paths: definite paths of names and indexes only (ResultPath, ItemsPath, Choice
//! `Variable`, `…Path` fields), readable like any path and writable with [`ReferencePath::set`].

use std::fmt;

use serde_json::{Map, Value};

use crate::ast::{Root, Step};
use crate::error::{EvalError, SetError, SetErrorKind, SyntaxError};
use crate::eval::Selection;
use crate::render::canonical;
use crate::Path;

/// A compiled reference path: `$`, `$.a.b`, `$['a b'][0]`, `$$.Execution.Id`, `$var.x`.
#[derive(Debug, Clone)]
pub struct ReferencePath {
    path: Path,
}

impl ReferencePath {
    /// Compiles `source`, rejecting anything that could select more than one node
    /// (wildcards, deep scans, filters, slices, unions, functions).
    pub fn parse(source: &str) -> Result<ReferencePath, SyntaxError> {
        let path = Path::parse(source)?;
        if path.function.is_some() {
            return Err(SyntaxError::new(
                path.function_pos,
                "functions such as length() are not allowed in a reference path; a reference \
                 path may only use .name, ['name'] and [index]",
            ));
        }
        for (step, &pos) in path.steps.iter().zip(&path.positions) {
            let what = match step {
                Step::Property(_) | Step::Index(_) => continue,
                Step::Properties(_) => "a union of names ['a','b']",
                Step::Indexes(_) => "a union of indexes [0,1]",
                Step::Slice { .. } => "a slice [from:to]",
                Step::Wildcard => "a wildcard '*'",
                Step::Scan => "a deep scan '..'",
                Step::Filter(_) => "a filter [?(...)]",
            };
            return Err(SyntaxError::new(
                pos,
                format!(
                    "{what} is not allowed in a reference path; a reference path must select \
                     a single node using only .name, ['name'] and [index]"
                ),
            ));
        }
        Ok(ReferencePath { path })
    }

    /// The path as a general [`Path`] (for reading).
    pub fn as_path(&self) -> &Path {
        &self.path
    }

    /// The text the path was compiled from.
    pub fn source(&self) -> &str {
        self.path.source()
    }

    /// Which document the path refers to.
    pub fn root(&self) -> &Root {
        self.path.root()
    }

    /// Reads the single node (Jayway errors when it is missing).
    pub fn get<'a>(&'a self, doc: &'a Value) -> Result<&'a Value, EvalError> {
        match self.path.select(doc)? {
            Selection::One(std::borrow::Cow::Borrowed(v)) => Ok(v),
            // A reference path has only names and indexes: always borrowed and definite.
            _ => Err(EvalError::NoResults {
                path: self.path.canonical(),
            }),
        }
    }

    /// The single node when every step finds its property or index (`None` otherwise;
    /// [`ReferencePath::get`] gives the error): a direct walk, cheaper than the general
    /// evaluator, with the same result.
    pub fn find<'a>(&self, doc: &'a Value) -> Option<&'a Value> {
        let mut cur = doc;
        for step in &self.path.steps {
            cur = match (step, cur) {
                (Step::Property(name), Value::Object(map)) => lookup(map, name)?,
                (Step::Index(idx), Value::Array(items)) => {
                    items.get(resolve(*idx, items.len())?)?
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// [`ReferencePath::get_mut`], unless the walk goes through an object of a lazily parsed
    /// payload: taking a mutable reference into one turns it into an ordinary map, parsing
    /// all its members, which a caller that only means to move a node out can avoid by
    /// copying it (the node itself may be such an object).
    pub fn get_mut_unless_lazy<'a>(&self, doc: &'a mut Value) -> MutNode<'a> {
        let mut cur = doc;
        for step in &self.path.steps {
            let next = match (step, cur) {
                (Step::Property(_), Value::Object(map)) if map.is_lazy() => {
                    return MutNode::InLazyObject
                }
                (Step::Property(name), Value::Object(map)) => lookup_mut(map, name),
                (Step::Index(idx), Value::Array(items)) => {
                    resolve(*idx, items.len()).and_then(|i| items.get_mut(i))
                }
                _ => None,
            };
            match next {
                Some(v) => cur = v,
                None => return MutNode::Missing,
            }
        }
        MutNode::Found(cur)
    }

    /// The single node, mutably, when every step finds its property or index (`None`
    /// otherwise; [`ReferencePath::get`] gives the error). Lets callers move a selected value
    /// out of a document they own instead of cloning it.
    pub fn get_mut<'a>(&self, doc: &'a mut Value) -> Option<&'a mut Value> {
        let mut cur = doc;
        for step in &self.path.steps {
            cur = match (step, cur) {
                (Step::Property(name), Value::Object(map)) => lookup_mut(map, name)?,
                (Step::Index(idx), Value::Array(items)) => {
                    let i = resolve(*idx, items.len())?;
                    items.get_mut(i)?
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Writes `value` at this path inside `doc` (ResultPath semantics): `$` replaces the whole
    /// document; missing object fields are created as nested objects (`$.a.b` on `{}` gives
    /// `{"a":{"b":value}}`); existing array elements can be replaced by index. On error `doc`
    /// is left unchanged.
    pub fn set(&self, doc: &mut Value, value: Value) -> Result<(), SetError> {
        if self.path.root != Root::Input {
            return Err(self.error(SetErrorKind::NotInputRooted));
        }
        self.check(doc)?;
        let mut cur = doc;
        let steps = &self.path.steps;
        for (i, step) in steps.iter().enumerate() {
            let is_last = i + 1 == steps.len();
            cur = match (step, cur) {
                (Step::Property(name), Value::Object(map)) => {
                    if is_last {
                        map.insert(String::from(&**name), value);
                        return Ok(());
                    }
                    map.entry(String::from(&**name))
                        .or_insert_with(|| Value::Object(Map::new()))
                }
                (Step::Index(idx), Value::Array(items)) => {
                    let len = items.len();
                    let Some(slot) = resolve(*idx, len).and_then(|e| items.get_mut(e)) else {
                        return Err(self.error(SetErrorKind::IndexOutOfRange {
                            at: canonical(steps.get(..i).unwrap_or_default(), None),
                            index: *idx,
                            len,
                        }));
                    };
                    if is_last {
                        *slot = value;
                        return Ok(());
                    }
                    slot
                }
                // `check` has ruled these out.
                _ => {
                    return Err(self.error(SetErrorKind::NotAnObject {
                        at: canonical(steps.get(..i).unwrap_or_default(), None),
                    }))
                }
            };
        }
        *cur = value;
        Ok(())
    }

    /// What [`ReferencePath::set`] would do to `doc`, without doing it: replace a node, or
    /// insert a member into an object (creating objects for the rest of the path). `None`
    /// where `set` would fail. Lets a caller that knows the document's serialized size
    /// work out the size after `set` without measuring the whole document again.
    pub fn set_site<'a>(&'a self, doc: &'a Value) -> Option<SetSite<'a>> {
        if self.path.root != Root::Input {
            return None;
        }
        let steps = &self.path.steps;
        let mut cur = doc;
        for (i, step) in steps.iter().enumerate() {
            cur = match (step, cur) {
                (Step::Property(name), Value::Object(map)) => match lookup(map, name) {
                    Some(v) => v,
                    None => {
                        let rest = steps.get(i..).unwrap_or_default();
                        // An index below a created object: `set` fails.
                        if !rest.iter().all(|s| matches!(s, Step::Property(_))) {
                            return None;
                        }
                        return Some(SetSite::Insert {
                            into_empty: map.is_empty(),
                            names: InsertedNames(rest),
                        });
                    }
                },
                (Step::Index(idx), Value::Array(items)) => {
                    items.get(resolve(*idx, items.len())?)?
                }
                _ => return None,
            };
        }
        Some(SetSite::Replace(cur))
    }

    /// The number of steps below the root (`$` is 0, `$.a[0]` is 2).
    pub fn depth(&self) -> usize {
        self.path.steps.len()
    }

    /// Whether [`ReferencePath::set`] would succeed on `doc` (read-only; no value needed).
    pub fn can_set(&self, doc: &Value) -> bool {
        self.path.root == Root::Input && self.check(doc).is_ok()
    }

    /// Whether the two paths may select the same node or one inside the other's: `false` only
    /// when they provably address disjoint subtrees of one document (`$.a.b` and `$.a.c`;
    /// `$.a` and `$.b[0]`). Different roots never overlap; a negative index may be any element.
    pub fn may_overlap(&self, other: &ReferencePath) -> bool {
        if self.path.root != other.path.root {
            return false;
        }
        self.path
            .steps
            .iter()
            .zip(&other.path.steps)
            .all(|(a, b)| match (a, b) {
                (Step::Property(x), Step::Property(y)) => x == y,
                (Step::Index(i), Step::Index(j)) => i == j || *i < 0 || *j < 0,
                // A node is an object or an array: a name and an index never both match.
                _ => false,
            })
    }

    /// `tail` (a path into `$`) read from the node `self` selects: `$.a` joined with `$.b[0]`
    /// is `$.a.b[0]`. `None` when `tail` is rooted at `$$` or a variable.
    pub fn join(&self, tail: &ReferencePath) -> Option<ReferencePath> {
        if tail.path.root != Root::Input {
            return None;
        }
        let mut path = self.path.clone();
        let rest = tail.path.source.trim_start();
        let rest = rest.strip_prefix('$').unwrap_or(rest);
        path.source = format!("{}{rest}", path.source).into();
        path.steps.extend(tail.path.steps.iter().cloned());
        let at = path.source.len();
        path.positions
            .extend(tail.path.positions.iter().map(|_| at));
        Some(ReferencePath { path })
    }

    /// Read-only pass: finds the first step that cannot be applied.
    fn check(&self, doc: &Value) -> Result<(), SetError> {
        let steps = &self.path.steps;
        let mut cur = Some(doc);
        for (i, step) in steps.iter().enumerate() {
            let at = || canonical(steps.get(..i).unwrap_or_default(), None);
            cur = match (step, cur) {
                // Below a created field everything is a fresh object: names are fine.
                (Step::Property(_), None) => None,
                (Step::Index(_), None) => {
                    return Err(self.error(SetErrorKind::NotAnArray { at: at() }));
                }
                (Step::Property(name), Some(Value::Object(map))) => lookup(map, name),
                (Step::Property(_), Some(_)) => {
                    return Err(self.error(SetErrorKind::NotAnObject { at: at() }));
                }
                (Step::Index(idx), Some(Value::Array(items))) => {
                    match resolve(*idx, items.len()).and_then(|e| items.get(e)) {
                        Some(v) => Some(v),
                        None => {
                            return Err(self.error(SetErrorKind::IndexOutOfRange {
                                at: at(),
                                index: *idx,
                                len: items.len(),
                            }))
                        }
                    }
                }
                (Step::Index(_), Some(_)) => {
                    return Err(self.error(SetErrorKind::NotAnArray { at: at() }));
                }
                _ => return Err(self.error(SetErrorKind::NotAnObject { at: at() })),
            };
        }
        Ok(())
    }

    fn error(&self, kind: SetErrorKind) -> SetError {
        SetError {
            path: self.path.source().to_string(),
            kind,
        }
    }
}

/// What [`ReferencePath::get_mut_unless_lazy`] found.
#[derive(Debug)]
pub enum MutNode<'a> {
    /// The node.
    Found(&'a mut Value),
    /// The walk goes through an object of a lazily parsed payload.
    InLazyObject,
    /// A step finds no property or index.
    Missing,
}

/// What [`ReferencePath::set`] would do to a document.
#[derive(Debug, Clone, PartialEq)]
pub enum SetSite<'a> {
    /// Replace this node (an existing member keeps its place).
    Replace(&'a Value),
    /// Insert a new member at the end of an object that had no members (`into_empty`) or
    /// some: `names[0]` is the member's name; each further name is the single member of an
    /// object created inside the previous one, the innermost holding the value.
    Insert {
        /// Whether the object had no members before.
        into_empty: bool,
        /// The new member's name, then the names inside the objects created for it.
        names: InsertedNames<'a>,
    },
}

/// The names of [`SetSite::Insert`], outermost first.
#[derive(Debug, Clone, Copy)]
pub struct InsertedNames<'a>(&'a [Step]);

impl PartialEq for InsertedNames<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<'a> InsertedNames<'a> {
    /// How many names (the member, then one per created object).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none (never, for a [`SetSite::Insert`]).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names, outermost first.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter_map(|s| match s {
            Step::Property(n) => Some(&**n),
            _ => None,
        })
    }
}

/// `map.get(name)`: a small object's names compared in place, only the member asked for
/// parsed in an object of a lazily parsed payload (`serde_json::Map::get_str`).
fn lookup<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get_str(name)
}

/// `map.get_mut(name)`, a small object's names compared in place.
fn lookup_mut<'a>(map: &'a mut Map<String, Value>, name: &str) -> Option<&'a mut Value> {
    map.get_mut_str(name)
}

fn resolve(idx: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let eff = if idx < 0 { len.checked_add(idx)? } else { idx };
    usize::try_from(eff).ok()
}

impl fmt::Display for ReferencePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path.source())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(path: &str, mut doc: Value, v: Value) -> Result<Value, SetError> {
        ReferencePath::parse(path).unwrap().set(&mut doc, v)?;
        Ok(doc)
    }

    #[test]
    fn set_site_says_what_set_does() {
        let doc = json!({"a": {"b": [1, {"c": 2}]}, "e": {}, "s": "x"});
        // Replace(node) or Insert(into_empty, names).
        type Want = Option<Result<Value, (bool, Vec<&'static str>)>>;
        let table: [(&str, Want); 10] = [
            ("$.a.b[1].c", Some(Ok(json!(2)))),
            ("$.a.b[-2]", Some(Ok(json!(1)))),
            ("$.s", Some(Ok(json!("x")))),
            ("$.n", Some(Err((false, vec!["n"])))),
            ("$.e.x.y", Some(Err((true, vec!["x", "y"])))),
            ("$.a.b[1].d['q r']", Some(Err((false, vec!["d", "q r"])))),
            ("$.a.b[2]", None),
            ("$.s.t", None),
            ("$.n[0]", None),
            ("$.n.m[1]", None),
        ];
        for (path, want) in table {
            let p = ReferencePath::parse(path).unwrap();
            let got = p.set_site(&doc).map(|site| match site {
                SetSite::Replace(v) => Ok(v.clone()),
                SetSite::Insert { into_empty, names } => {
                    assert_eq!(names.len(), names.iter().count());
                    Err((into_empty, names.iter().collect::<Vec<_>>()))
                }
            });
            assert_eq!(got, want, "{path}");
            // `set` succeeds exactly where a site is given.
            assert_eq!(
                p.set(&mut doc.clone(), json!(0)).is_ok(),
                want.is_some(),
                "{path}"
            );
        }
        let context = ReferencePath::parse("$$.Execution").unwrap();
        assert_eq!(context.set_site(&doc), None);
    }

    #[test]
    fn creates_intermediate_objects() {
        assert_eq!(
            set("$.a.b.c", json!({}), json!(1)).unwrap(),
            json!({"a": {"b": {"c": 1}}})
        );
        assert_eq!(set("$", json!({"x": 1}), json!(2)).unwrap(), json!(2));
        assert_eq!(
            set("$.a", json!({"a": 1, "b": 2}), json!(3)).unwrap(),
            json!({"a": 3, "b": 2})
        );
        assert_eq!(
            set("$.l[1].k", json!({"l": [0, {}]}), json!(3)).unwrap(),
            json!({"l": [0, {"k": 3}]})
        );
        assert_eq!(
            set("$.l[-1]", json!({"l": [0, 1]}), json!(9)).unwrap(),
            json!({"l": [0, 9]})
        );
    }

    #[test]
    fn get_mut_finds_the_node_get_reads() {
        let table = [
            ("$", json!({"a": 1}), Some(json!({"a": 1}))),
            ("$.a.b", json!({"a": {"b": [1]}}), Some(json!([1]))),
            ("$.l[-1]", json!({"l": [0, 7]}), Some(json!(7))),
            ("$.l[2]", json!({"l": [0, 7]}), None),
            ("$.x", json!({"a": 1}), None),
            ("$.a.b", json!({"a": 1}), None),
            ("$.l[-3]", json!({"l": [0, 7]}), None),
            ("$.l.x", json!({"l": [0, 7]}), None),
            ("$[0]", json!({"0": 1}), None),
            ("$['0']", json!({"0": 1}), Some(json!(1))),
            ("$.n.x", json!({"n": null}), None),
            // Objects past the scanned size are looked up by hash.
            (
                "$.k11",
                json!({"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11}),
                Some(json!(11)),
            ),
            (
                "$.k12",
                json!({"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11}),
                None,
            ),
        ];
        for (path, mut doc, want) in table {
            let p = ReferencePath::parse(path).unwrap();
            let got = p.get_mut(&mut doc).map(|v| v.clone());
            assert_eq!(got, want, "{path}");
            assert_eq!(p.find(&doc).cloned(), want, "{path} (find)");
            assert_eq!(p.get(&doc).ok().cloned(), want, "{path} (get)");
        }
    }

    #[test]
    fn set_errors_leave_doc_unchanged() {
        let e = set("$.a.b", json!({"a": 1}), json!(0)).unwrap_err();
        assert_eq!(
            e.kind,
            SetErrorKind::NotAnObject {
                at: "$['a']".into()
            }
        );
        assert_eq!(
            e.aws_cause(&json!({"a": 1})),
            "Unable to apply ReferencePath $.a.b to input {\"a\":1}"
        );
        let e = set("$.x", json!("str"), json!(0)).unwrap_err();
        assert_eq!(e.kind, SetErrorKind::NotAnObject { at: "$".into() });
        let e = set("$.l[5]", json!({"l": []}), json!(0)).unwrap_err();
        assert!(matches!(
            e.kind,
            SetErrorKind::IndexOutOfRange { len: 0, .. }
        ));
        let e = set("$.m[0]", json!({}), json!(0)).unwrap_err();
        assert!(matches!(e.kind, SetErrorKind::NotAnArray { .. }));
        let mut doc = json!({});
        let e = ReferencePath::parse("$$.x")
            .unwrap()
            .set(&mut doc, json!(1))
            .unwrap_err();
        assert_eq!(e.kind, SetErrorKind::NotInputRooted);
    }

    #[test]
    fn rejects_non_reference_syntax() {
        for (p, pos) in [
            ("$.a[*]", 3),
            ("$..a", 1),
            ("$.a[?(@.x)]", 3),
            ("$.a[1:2]", 3),
            ("$['a','b']", 1),
            ("$.a.length()", 4),
        ] {
            let e = ReferencePath::parse(p).unwrap_err();
            assert_eq!(e.position, pos, "{p}: {e}");
            assert!(e.message.contains("reference path"), "{p}: {e}");
        }
        assert!(ReferencePath::parse("$.a['b c'][0]").is_ok());
    }

    #[test]
    fn get_reads() {
        let r = ReferencePath::parse("$.a[0]").unwrap();
        assert_eq!(r.get(&json!({"a": [5]})), Ok(&json!(5)));
        assert!(r.get(&json!({})).is_err());
    }

    #[test]
    fn can_set_agrees_with_set() {
        let table = [
            ("$", json!(1)),
            ("$.a.b", json!({"a": 1})),
            ("$.a.b", json!({})),
            ("$.x", json!("str")),
            ("$.l[5]", json!({"l": []})),
            ("$.l[-1]", json!({"l": [1]})),
            ("$.m[0]", json!({})),
            ("$.a[0].b", json!({"a": [{}]})),
            ("$$.x", json!({})),
        ];
        for (path, doc) in table {
            let p = ReferencePath::parse(path).unwrap();
            let mut copy = doc.clone();
            assert_eq!(
                p.can_set(&doc),
                p.set(&mut copy, json!(0)).is_ok(),
                "{path} on {doc}"
            );
        }
    }

    #[test]
    fn overlap_of_paths() {
        let table = [
            ("$.a", "$.a", true),
            ("$.a", "$.a.b", true),
            ("$", "$.a", true),
            ("$.a.b", "$.a.c", false),
            ("$.a", "$.b[0]", false),
            ("$.l[0]", "$.l[1]", false),
            ("$.l[0]", "$.l[-1].x", true),
            ("$.l[0]", "$.l.x", false),
            ("$.a", "$$.a", false),
            ("$v.a", "$v.a", true),
        ];
        for (a, b, want) in table {
            let (pa, pb) = (
                ReferencePath::parse(a).unwrap(),
                ReferencePath::parse(b).unwrap(),
            );
            assert_eq!(pa.may_overlap(&pb), want, "{a} / {b}");
            assert_eq!(pb.may_overlap(&pa), want, "{b} / {a}");
        }
    }

    #[test]
    fn join_reads_the_tail_below_the_head() {
        let doc = json!({"w": {"d": [{"x": 1}, {"x": 2}]}});
        let head = ReferencePath::parse("$.w").unwrap();
        for (tail, want) in [
            ("$", json!({"d": [{"x": 1}, {"x": 2}]})),
            ("$.d[1].x", json!(2)),
            ("$['d'][0]", json!({"x": 1})),
        ] {
            let joined = head.join(&ReferencePath::parse(tail).unwrap()).unwrap();
            assert_eq!(joined.get(&doc), Ok(&want), "{tail}");
            assert_eq!(
                joined.get_mut(&mut doc.clone()).cloned(),
                Some(want),
                "{tail} (get_mut)"
            );
        }
        assert!(head.join(&ReferencePath::parse("$$.x").unwrap()).is_none());
    }
}
