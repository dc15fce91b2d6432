//! The processed syntax tree (jsonata-js's AST after `processAST`).

use crate::regex::JRegex;
use crate::signature::Signature;
use std::rc::Rc;

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Concat,
    And,
    Or,
    In,
    Range,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Concat => "&",
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::In => "in",
            BinOp::Range => "..",
        }
    }
}

/// A predicate stage or an index binding on a step.
#[derive(Debug, Clone)]
pub enum Stage {
    Filter { expr: Node, position: usize },
    Index { var: String },
}

/// A group-by clause `{k: v}` attached to a step.
#[derive(Debug, Clone)]
pub struct Group {
    pub pairs: Vec<(Node, Node)>,
    pub position: usize,
}

/// One term of an order-by clause.
#[derive(Debug, Clone)]
pub struct SortTerm {
    pub descending: bool,
    pub expr: Node,
}

/// The parts of a transform expression `| pattern | update, delete |`.
#[derive(Debug, Clone)]
pub struct TransformSpec {
    pub pattern: Node,
    pub update: Node,
    pub delete: Option<Node>,
    pub position: usize,
}

/// Node kinds.
#[derive(Debug, Clone)]
pub enum Kind {
    Path(Vec<Node>),
    Binary(BinOp, Box<Node>, Box<Node>),
    Neg(Box<Node>),
    Array(Vec<Node>),
    Object(Vec<(Node, Node)>),
    Name(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Wildcard,
    Descendant,
    /// `%`, with its slot id.
    Parent(usize),
    Condition(Box<Node>, Box<Node>, Option<Box<Node>>),
    Block(Vec<Node>),
    Bind(String, Box<Node>),
    Regex(Rc<JRegex>),
    Function {
        procedure: Box<Node>,
        args: Vec<Node>,
        partial: bool,
    },
    /// `?` in a partial application's argument list.
    Placeholder,
    /// `$name`; `$` is the empty name, `$$` is `$`.
    Variable(String),
    Lambda {
        params: Rc<Vec<String>>,
        signature: Option<Rc<Signature>>,
        body: Rc<Node>,
        thunk: bool,
    },
    Apply(Box<Node>, Box<Node>),
    Transform(Rc<TransformSpec>),
    Sort(Vec<SortTerm>),
}

/// A node with jsonata-js's annotations.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub position: usize,
    pub keep_array: bool,
    pub predicate: Option<Vec<Stage>>,
    pub stages: Option<Vec<Stage>>,
    pub group: Option<Rc<Group>>,
    pub focus: Option<String>,
    pub index: Option<String>,
    pub ancestor: Option<usize>,
    pub tuple: bool,
    pub consarray: bool,
    pub keep_singleton_array: bool,
    pub seeking_parent: Option<Vec<usize>>,
}

impl Node {
    pub fn new(kind: Kind, position: usize) -> Node {
        Node {
            kind,
            position,
            keep_array: false,
            predicate: None,
            stages: None,
            group: None,
            focus: None,
            index: None,
            ancestor: None,
            tuple: false,
            consarray: false,
            keep_singleton_array: false,
            seeking_parent: None,
        }
    }

    /// jsonata-js's `type` name of the node.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Path(_) => "path",
            Kind::Binary(..) => "binary",
            Kind::Neg(_) | Kind::Array(_) | Kind::Object(_) => "unary",
            Kind::Name(_) => "name",
            Kind::Str(_) => "string",
            Kind::Num(_) => "number",
            Kind::Bool(_) | Kind::Null => "value",
            Kind::Wildcard => "wildcard",
            Kind::Descendant => "descendant",
            Kind::Parent(_) => "parent",
            Kind::Condition(..) => "condition",
            Kind::Block(_) => "block",
            Kind::Bind(..) => "bind",
            Kind::Regex(_) => "regex",
            Kind::Function { partial: false, .. } => "function",
            Kind::Function { partial: true, .. } => "partial",
            Kind::Placeholder => "operator",
            Kind::Variable(_) => "variable",
            Kind::Lambda { .. } => "lambda",
            Kind::Apply(..) => "apply",
            Kind::Transform(_) => "transform",
            Kind::Sort(_) => "sort",
        }
    }

    /// Visit this node and every node below it (pre-order), including predicates,
    /// stages, group-by pairs and lambda bodies.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        for s in self.predicate.iter().chain(self.stages.iter()).flatten() {
            if let Stage::Filter { expr, .. } = s {
                expr.walk(f);
            }
        }
        if let Some(g) = &self.group {
            for (k, v) in &g.pairs {
                k.walk(f);
                v.walk(f);
            }
        }
        match &self.kind {
            Kind::Path(steps) | Kind::Array(steps) | Kind::Block(steps) => {
                steps.iter().for_each(|s| s.walk(f))
            }
            Kind::Binary(_, a, b) | Kind::Apply(a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Kind::Neg(a) | Kind::Bind(_, a) => a.walk(f),
            Kind::Object(pairs) => {
                for (k, v) in pairs {
                    k.walk(f);
                    v.walk(f);
                }
            }
            Kind::Condition(c, t, e) => {
                c.walk(f);
                t.walk(f);
                if let Some(e) = e {
                    e.walk(f);
                }
            }
            Kind::Function {
                procedure, args, ..
            } => {
                procedure.walk(f);
                args.iter().for_each(|a| a.walk(f));
            }
            Kind::Lambda { body, .. } => body.walk(f),
            Kind::Transform(t) => {
                t.pattern.walk(f);
                t.update.walk(f);
                if let Some(d) = &t.delete {
                    d.walk(f);
                }
            }
            Kind::Sort(terms) => terms.iter().for_each(|t| t.expr.walk(f)),
            _ => {}
        }
    }
}

/// A `%` parent slot: label and remaining levels (see jsonata-js `seekParent`).
#[derive(Debug, Clone)]
pub struct Slot {
    pub label: String,
    pub level: i64,
}
