//! Pratt parser (port of jsonata-js 2.0.6 `parser.js`) and the `processAST` pass.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]
// The processing helpers take boxed sub-trees on purpose: each is its own small stack
// frame, so deeply nested expressions use little stack (important in wasm).
#![allow(clippy::boxed_local)]

use crate::ast::{BinOp, Group, Kind, Node, Slot, SortTerm, Stage, TransformSpec};
use crate::error::{Err, R};
use crate::lexer::{Lexer, Tok, Token};
use std::rc::Rc;

/// Maximum nesting of sub-expressions accepted by the parser.
pub const MAX_PARSE_DEPTH: usize = 150;

#[derive(Debug)]
enum RawKind {
    Binary(&'static str, Box<Raw>, Box<Raw>),
    GroupBy(Box<Raw>, Vec<(Raw, Raw)>),
    OrderBy(Box<Raw>, Vec<(bool, Raw)>),
    Neg(Box<Raw>),
    Array(Vec<Raw>),
    Object(Vec<(Raw, Raw)>),
    Name(String),
    Variable(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Regex(String, String),
    Wildcard,
    Descendant,
    Parent,
    Operator(&'static str),
    Condition(Box<Raw>, Box<Raw>, Option<Box<Raw>>),
    Block(Vec<Raw>),
    Function(Box<Raw>, Vec<Raw>, bool),
    Lambda(
        Vec<String>,
        Option<Rc<crate::signature::Signature>>,
        Box<Raw>,
    ),
    Transform(Box<Raw>, Box<Raw>, Option<Box<Raw>>),
    End,
}

#[derive(Debug)]
struct Raw {
    k: RawKind,
    pos: usize,
    keep_array: bool,
    /// Height of this sub-tree (bounded by [`MAX_PARSE_DEPTH`]).
    height: usize,
}

fn height(k: &RawKind) -> usize {
    let h = |r: &Raw| r.height;
    let hs = |v: &[Raw]| v.iter().map(|r| r.height).max().unwrap_or(0);
    let hp = |v: &[(Raw, Raw)]| {
        v.iter()
            .map(|(a, b)| a.height.max(b.height))
            .max()
            .unwrap_or(0)
    };
    1 + match k {
        RawKind::Binary(_, a, b) => h(a).max(h(b)),
        RawKind::GroupBy(a, p) => h(a).max(hp(p)),
        RawKind::OrderBy(a, t) => h(a).max(t.iter().map(|(_, r)| r.height).max().unwrap_or(0)),
        RawKind::Neg(a) => h(a),
        RawKind::Array(v) | RawKind::Block(v) => hs(v),
        RawKind::Object(p) => hp(p),
        RawKind::Condition(a, b, c) => h(a)
            .max(h(b))
            .max(c.as_ref().map(|c| c.height).unwrap_or(0)),
        RawKind::Function(a, v, _) => h(a).max(hs(v)),
        RawKind::Lambda(_, _, b) => h(b),
        RawKind::Transform(a, b, c) => h(a)
            .max(h(b))
            .max(c.as_ref().map(|c| c.height).unwrap_or(0)),
        _ => 0,
    }
}

fn raw(k: RawKind, pos: usize) -> Raw {
    Raw {
        height: height(&k),
        k,
        pos,
        keep_array: false,
    }
}

/// Current token of the parser: `id` as jsonata-js's symbol id.
#[derive(Debug, Clone)]
struct Cur {
    id: &'static str,
    tok: Option<Tok>,
    position: usize,
}

fn lbp(id: &str) -> u32 {
    match id {
        "." => 75,
        "[" | "(" | "@" | "#" => 80,
        "{" => 70,
        "?" => 20,
        "+" | "-" | "&" => 50,
        "*" | "/" | "%" => 60,
        "=" | "<" | ">" | "!=" | "<=" | ">=" | "~>" | "in" | "^" => 40,
        "and" => 30,
        "or" => 25,
        ":=" => 10,
        _ => 0,
    }
}

fn is_literal(t: &Option<Tok>) -> bool {
    matches!(t, Some(Tok::Num(_)) | Some(Tok::Bool(_)) | Some(Tok::Null))
}

fn tok_text(t: &Option<Tok>, id: &str) -> String {
    match t {
        Some(Tok::Name(n)) | Some(Tok::Variable(n)) | Some(Tok::Str(n)) => n.clone(),
        Some(Tok::Num(n)) => crate::value::js_number_to_string(*n),
        Some(Tok::Bool(b)) => b.to_string(),
        Some(Tok::Null) => "null".into(),
        Some(Tok::Regex { pattern, .. }) => pattern.clone(),
        Some(Tok::Operator(o)) => (*o).to_string(),
        None => id.to_string(),
    }
}

struct Parser {
    lexer: Lexer,
    cur: Cur,
    depth: usize,
}

impl Parser {
    fn advance(&mut self, id: Option<&str>, infix: bool) -> R<()> {
        if let Some(id) = id {
            if self.cur.id != id {
                let code = if self.cur.id == "(end)" {
                    "S0203"
                } else {
                    "S0202"
                };
                let mut e = Err::new(code)
                    .pos(self.cur.position)
                    .value(crate::error::q(id));
                if self.cur.id != "(end)" {
                    e = e.token_of(
                        tok_text(&self.cur.tok, self.cur.id),
                        is_literal(&self.cur.tok),
                    );
                } else {
                    e = e.token("(end)");
                }
                return Err(e.into());
            }
        }
        let next: Option<Token> = self.lexer.next(infix)?;
        self.cur = match next {
            None => Cur {
                id: "(end)",
                tok: None,
                position: self.lexer.len(),
            },
            Some(t) => {
                let id = match &t.tok {
                    Tok::Name(_) | Tok::Variable(_) => "(name)",
                    Tok::Str(_) | Tok::Num(_) | Tok::Bool(_) | Tok::Null => "(literal)",
                    Tok::Regex { .. } => "(regex)",
                    Tok::Operator(o) => {
                        if *o == "!" || *o == "~" {
                            return Err(Err::new("S0204").pos(t.position).token(*o).into());
                        }
                        o
                    }
                };
                Cur {
                    id,
                    tok: Some(t.tok),
                    position: t.position,
                }
            }
        };
        Ok(())
    }

    fn expression(&mut self, rbp: u32) -> R<Raw> {
        self.depth += 1;
        if self.depth > MAX_PARSE_DEPTH {
            return Err(Err::new("U1004").pos(self.cur.position).into());
        }
        let t = self.cur.clone();
        self.advance(None, true)?;
        let mut left = self.nud(t)?;
        while rbp < lbp(self.cur.id) {
            let t = self.cur.clone();
            self.advance(None, false)?;
            left = self.led(t, left)?;
            if left.height > MAX_PARSE_DEPTH {
                return Err(Err::new("U1004").pos(self.cur.position).into());
            }
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, t: Cur) -> R<Raw> {
        let pos = t.position;
        match t.id {
            "(name)" | "(literal)" | "(regex)" => Ok(raw(
                match t.tok {
                    Some(Tok::Name(n)) => RawKind::Name(n),
                    Some(Tok::Variable(v)) => RawKind::Variable(v),
                    Some(Tok::Str(s)) => RawKind::Str(s),
                    Some(Tok::Num(n)) => RawKind::Num(n),
                    Some(Tok::Bool(b)) => RawKind::Bool(b),
                    Some(Tok::Regex { pattern, flags }) => RawKind::Regex(pattern, flags),
                    _ => RawKind::Null,
                },
                pos,
            )),
            "(end)" => Ok(raw(RawKind::End, pos)),
            "and" | "or" | "in" => Ok(raw(RawKind::Operator(t.id), pos)),
            "-" => {
                let e = self.expression(70)?;
                Ok(raw(RawKind::Neg(Box::new(e)), pos))
            }
            "*" => Ok(raw(RawKind::Wildcard, pos)),
            "**" => Ok(raw(RawKind::Descendant, pos)),
            "%" => Ok(raw(RawKind::Parent, pos)),
            "(" => {
                let mut exprs = vec![];
                while self.cur.id != ")" {
                    exprs.push(self.expression(0)?);
                    if self.cur.id != ";" {
                        break;
                    }
                    self.advance(Some(";"), false)?;
                }
                self.advance(Some(")"), true)?;
                Ok(raw(RawKind::Block(exprs), pos))
            }
            "[" => {
                let mut items = vec![];
                if self.cur.id != "]" {
                    loop {
                        let mut item = self.expression(0)?;
                        if self.cur.id == ".." {
                            let rpos = self.cur.position;
                            self.advance(Some(".."), false)?;
                            let rhs = self.expression(0)?;
                            item = raw(RawKind::Binary("..", Box::new(item), Box::new(rhs)), rpos);
                        }
                        items.push(item);
                        if self.cur.id != "," {
                            break;
                        }
                        self.advance(Some(","), false)?;
                    }
                }
                self.advance(Some("]"), true)?;
                Ok(raw(RawKind::Array(items), pos))
            }
            "{" => {
                let pairs = self.object_pairs()?;
                Ok(raw(RawKind::Object(pairs), pos))
            }
            "|" => {
                let pattern = self.expression(0)?;
                self.advance(Some("|"), false)?;
                let update = self.expression(0)?;
                let mut delete = None;
                if self.cur.id == "," {
                    self.advance(Some(","), false)?;
                    delete = Some(Box::new(self.expression(0)?));
                }
                self.advance(Some("|"), false)?;
                Ok(raw(
                    RawKind::Transform(Box::new(pattern), Box::new(update), delete),
                    pos,
                ))
            }
            _ => Err(Err::new("S0211")
                .pos(pos)
                .token_of(tok_text(&t.tok, t.id), is_literal(&t.tok))
                .into()),
        }
    }

    fn object_pairs(&mut self) -> R<Vec<(Raw, Raw)>> {
        let mut pairs = vec![];
        if self.cur.id != "}" {
            loop {
                let k = self.expression(0)?;
                self.advance(Some(":"), false)?;
                let v = self.expression(0)?;
                pairs.push((k, v));
                if self.cur.id != "," {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("}"), true)?;
        Ok(pairs)
    }

    fn led(&mut self, t: Cur, left: Raw) -> R<Raw> {
        let pos = t.position;
        let op = t.id;
        match op {
            "(" => {
                let mut args = vec![];
                let mut partial = false;
                if self.cur.id != ")" {
                    loop {
                        if self.cur.id == "?" {
                            partial = true;
                            args.push(raw(RawKind::Operator("?"), self.cur.position));
                            self.advance(Some("?"), false)?;
                        } else {
                            args.push(self.expression(0)?);
                        }
                        if self.cur.id != "," {
                            break;
                        }
                        self.advance(Some(","), false)?;
                    }
                }
                self.advance(Some(")"), true)?;
                if let RawKind::Name(n) = &left.k {
                    if n == "function" || n == "\u{3bb}" {
                        let mut params = vec![];
                        for (i, a) in args.iter().enumerate() {
                            match &a.k {
                                RawKind::Variable(v) => params.push(v.clone()),
                                _ => {
                                    return Err(Err::new("S0208")
                                        .pos(a.pos)
                                        .value((i + 1).to_string())
                                        .into())
                                }
                            }
                        }
                        let mut sig = None;
                        if self.cur.id == "<" {
                            let sig_pos = self.cur.position;
                            let mut depth = 1;
                            let mut s = String::from("<");
                            while depth > 0 && self.cur.id != "{" && self.cur.id != "(end)" {
                                self.advance(None, false)?;
                                if self.cur.id == ">" {
                                    depth -= 1;
                                } else if self.cur.id == "<" {
                                    depth += 1;
                                }
                                s.push_str(&tok_text(&self.cur.tok, self.cur.id));
                            }
                            self.advance(Some(">"), false)?;
                            let parsed =
                                crate::signature::Signature::parse(&s).map_err(|mut e| {
                                    e.position = Some(sig_pos + e.position.unwrap_or(0));
                                    e
                                })?;
                            sig = Some(Rc::new(parsed));
                        }
                        self.advance(Some("{"), false)?;
                        let body = self.expression(0)?;
                        self.advance(Some("}"), false)?;
                        return Ok(raw(RawKind::Lambda(params, sig, Box::new(body)), pos));
                    }
                }
                Ok(raw(RawKind::Function(Box::new(left), args, partial), pos))
            }
            "[" => {
                if self.cur.id == "]" {
                    let mut left = left;
                    {
                        let mut step = &mut left;
                        while let RawKind::Binary("[", l, _) = &mut step.k {
                            step = l;
                        }
                        step.keep_array = true;
                    }
                    self.advance(Some("]"), false)?;
                    Ok(left)
                } else {
                    let rhs = self.expression(0)?;
                    self.advance(Some("]"), true)?;
                    Ok(raw(
                        RawKind::Binary("[", Box::new(left), Box::new(rhs)),
                        pos,
                    ))
                }
            }
            "^" => {
                self.advance(Some("("), false)?;
                let mut terms = vec![];
                loop {
                    let mut desc = false;
                    if self.cur.id == "<" {
                        self.advance(Some("<"), false)?;
                    } else if self.cur.id == ">" {
                        desc = true;
                        self.advance(Some(">"), false)?;
                    }
                    terms.push((desc, self.expression(0)?));
                    if self.cur.id != "," {
                        break;
                    }
                    self.advance(Some(","), false)?;
                }
                self.advance(Some(")"), false)?;
                Ok(raw(RawKind::OrderBy(Box::new(left), terms), pos))
            }
            "{" => {
                let pairs = self.object_pairs()?;
                Ok(raw(RawKind::GroupBy(Box::new(left), pairs), pos))
            }
            ":=" => {
                if !matches!(left.k, RawKind::Variable(_)) {
                    return Err(Err::new("S0212")
                        .pos(left.pos)
                        .token(raw_text(&left))
                        .into());
                }
                let rhs = self.expression(lbp(":=") - 1)?;
                Ok(raw(
                    RawKind::Binary(":=", Box::new(left), Box::new(rhs)),
                    pos,
                ))
            }
            "@" | "#" => {
                let rhs = self.expression(80)?;
                if !matches!(rhs.k, RawKind::Variable(_)) {
                    return Err(Err::new("S0214").pos(rhs.pos).token(op).into());
                }
                Ok(raw(RawKind::Binary(op, Box::new(left), Box::new(rhs)), pos))
            }
            "?" => {
                let then = self.expression(0)?;
                let mut els = None;
                if self.cur.id == ":" {
                    self.advance(Some(":"), false)?;
                    els = Some(Box::new(self.expression(0)?));
                }
                Ok(raw(
                    RawKind::Condition(Box::new(left), Box::new(then), els),
                    pos,
                ))
            }
            _ => {
                let rhs = self.expression(lbp(op))?;
                Ok(raw(RawKind::Binary(op, Box::new(left), Box::new(rhs)), pos))
            }
        }
    }
}

fn raw_text(r: &Raw) -> String {
    match &r.k {
        RawKind::Name(n) | RawKind::Variable(n) | RawKind::Str(n) => n.clone(),
        RawKind::Num(n) => crate::value::js_number_to_string(*n),
        RawKind::Operator(o) => (*o).to_string(),
        RawKind::Binary(o, ..) => (*o).to_string(),
        _ => String::new(),
    }
}

/// Parse an expression into a processed AST plus its parent slots.
pub fn parse(src: &str) -> R<(Node, Vec<Slot>)> {
    let mut p = Parser {
        lexer: Lexer::new(src),
        cur: Cur {
            id: "(end)",
            tok: None,
            position: 0,
        },
        depth: 0,
    };
    p.advance(None, false)?;
    let ast = p.expression(0)?;
    if p.cur.id != "(end)" {
        return Err(Err::new("S0201")
            .pos(p.cur.position)
            .token_of(tok_text(&p.cur.tok, p.cur.id), is_literal(&p.cur.tok))
            .into());
    }
    let mut proc = Processor { slots: vec![] };
    let node = proc.process(ast)?;
    if matches!(node.kind, Kind::Parent(_)) || node.seeking_parent.is_some() {
        // jsonata-js path and parent nodes carry no position.
        let mut e = Err::new("S0217").token(node.type_name());
        if !matches!(node.kind, Kind::Parent(_) | Kind::Path(_)) {
            e = e.pos(node.position);
        }
        return Err(e.into());
    }
    Ok((node, proc.slots))
}

struct Processor {
    slots: Vec<Slot>,
}

fn binop(op: &str) -> Option<BinOp> {
    Some(match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Mod,
        "=" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "&" => BinOp::Concat,
        "and" => BinOp::And,
        "or" => BinOp::Or,
        "in" => BinOp::In,
        ".." => BinOp::Range,
        _ => return None,
    })
}

fn last_step(n: &mut Node) -> &mut Node {
    let has_steps = matches!(&n.kind, Kind::Path(steps) if !steps.is_empty());
    if !has_steps {
        return n;
    }
    match &mut n.kind {
        Kind::Path(steps) => match steps.last_mut() {
            Some(s) => s,
            None => unreachable_node(),
        },
        _ => unreachable_node(),
    }
}

/// Never reached (guarded by the caller); returns a leaked dummy rather than panicking.
fn unreachable_node() -> &'static mut Node {
    Box::leak(Box::new(Node::new(Kind::Null, 0)))
}

impl Processor {
    fn seek_parent(&mut self, node: &mut Node, slot: usize) -> R<()> {
        match &mut node.kind {
            Kind::Name(_) | Kind::Wildcard => {
                self.slots[slot].level -= 1;
                if self.slots[slot].level == 0 {
                    if let Some(a) = node.ancestor {
                        let label = self.slots[a].label.clone();
                        self.slots[slot].label = label;
                    }
                    node.ancestor = Some(slot);
                    node.tuple = true;
                }
            }
            Kind::Parent(_) => self.slots[slot].level += 1,
            Kind::Block(exprs) => {
                if let Some(last) = exprs.last_mut() {
                    node.tuple = true;
                    self.seek_parent(last, slot)?;
                }
            }
            Kind::Path(steps) => {
                node.tuple = true;
                let mut index = steps.len() as isize - 1;
                if index >= 0 {
                    self.seek_parent(&mut steps[index as usize], slot)?;
                    index -= 1;
                }
                while self.slots[slot].level > 0 && index >= 0 {
                    self.seek_parent(&mut steps[index as usize], slot)?;
                    index -= 1;
                }
            }
            _ => {
                return Err(Err::new("S0217")
                    .pos(node.position)
                    .token(node.type_name())
                    .into())
            }
        }
        Ok(())
    }

    fn push_ancestry(result: &mut Node, value: &Node) {
        if value.seeking_parent.is_some() || matches!(value.kind, Kind::Parent(_)) {
            let mut slots = value.seeking_parent.clone().unwrap_or_default();
            if let Kind::Parent(s) = value.kind {
                slots.push(s);
            }
            result
                .seeking_parent
                .get_or_insert_with(Vec::new)
                .extend(slots);
        }
    }

    fn resolve_ancestry(&mut self, path: &mut Node) -> R<()> {
        let Kind::Path(steps) = &mut path.kind else {
            return Ok(());
        };
        let Some(last) = steps.last() else {
            return Ok(());
        };
        let mut slots = last.seeking_parent.clone().unwrap_or_default();
        if let Kind::Parent(s) = last.kind {
            slots.push(s);
        }
        for slot in slots {
            let mut index = steps.len() as isize - 2;
            while self.slots[slot].level > 0 {
                if index < 0 {
                    path.seeking_parent.get_or_insert_with(Vec::new).push(slot);
                    break;
                }
                let mut si = index as usize;
                index -= 1;
                while index >= 0
                    && steps[si].focus.is_some()
                    && steps[index as usize].focus.is_some()
                {
                    si = index as usize;
                    index -= 1;
                }
                self.seek_parent(&mut steps[si], slot)?;
            }
        }
        Ok(())
    }

    fn process(&mut self, r: Raw) -> R<Node> {
        let pos = r.pos;
        let keep = r.keep_array;
        let mut result = match r.k {
            RawKind::Binary(".", lhs, rhs) => self.arm_binary_1(lhs, rhs, pos, keep)?,
            RawKind::Binary("[", lhs, rhs) => self.arm_binary_2(lhs, rhs, pos, keep)?,
            RawKind::GroupBy(lhs, pairs) => self.arm_groupby_3(lhs, pairs, pos, keep)?,
            RawKind::OrderBy(lhs, terms) => self.arm_orderby_4(lhs, terms, pos, keep)?,
            RawKind::Binary(":=", lhs, rhs) => self.arm_binary_5(lhs, rhs, pos, keep)?,
            RawKind::Binary("@", lhs, rhs) => self.arm_binary_6(lhs, rhs, pos, keep)?,
            RawKind::Binary("#", lhs, rhs) => self.arm_binary_7(lhs, rhs, pos, keep)?,
            RawKind::Binary("~>", lhs, rhs) => self.arm_binary_8(lhs, rhs, pos, keep)?,
            RawKind::Binary(op, lhs, rhs) => self.arm_binary_9(op, lhs, rhs, pos, keep)?,
            RawKind::Array(items) => self.arm_array_10(items, pos, keep)?,
            RawKind::Object(pairs) => self.arm_object_11(pairs, pos, keep)?,
            RawKind::Neg(e) => self.arm_neg_12(e, pos, keep)?,
            RawKind::Function(procedure, args, partial) => {
                self.arm_function_13(procedure, args, partial, pos, keep)?
            }
            RawKind::Lambda(params, sig, body) => {
                self.arm_lambda_14(params, sig, body, pos, keep)?
            }
            RawKind::Condition(c, t, e) => self.arm_condition_15(c, t, e, pos, keep)?,
            RawKind::Transform(p, u, d) => self.arm_transform_16(p, u, d, pos, keep)?,
            RawKind::Block(exprs) => self.arm_block_17(exprs, pos, keep)?,
            RawKind::Name(name) => self.arm_name_18(name, pos, keep)?,
            RawKind::Parent => self.arm_parent_19(pos, keep)?,
            RawKind::Str(s) => Node::new(Kind::Str(s), pos),
            RawKind::Num(n) => Node::new(Kind::Num(n), pos),
            RawKind::Bool(b) => Node::new(Kind::Bool(b), pos),
            RawKind::Null => Node::new(Kind::Null, pos),
            RawKind::Wildcard => Node::new(Kind::Wildcard, pos),
            RawKind::Descendant => Node::new(Kind::Descendant, pos),
            RawKind::Variable(v) => Node::new(Kind::Variable(v), pos),
            RawKind::Regex(p, f) => {
                let re = crate::regex::JRegex::new(&p, &f).map_err(|e| e.pos(pos))?;
                Node::new(Kind::Regex(Rc::new(re)), pos)
            }
            RawKind::Operator(op) => {
                if op == "?" {
                    Node::new(Kind::Placeholder, pos)
                } else if matches!(op, "and" | "or" | "in") {
                    let step = Node::new(Kind::Name(op.to_string()), pos);
                    Node::new(Kind::Path(vec![step]), pos)
                } else {
                    return Err(Err::new("S0201").pos(pos).token(op).into());
                }
            }
            RawKind::End => return Err(Err::new("S0207").pos(pos).into()),
        };
        if keep {
            result.keep_array = true;
        }
        Ok(result)
    }

    #[inline(never)]
    fn arm_binary_1(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let lstep = self.process(*lhs)?;
            let parent_slot = if let Kind::Parent(s) = lstep.kind {
                Some(s)
            } else {
                None
            };
            let mut result = if matches!(lstep.kind, Kind::Path(_)) {
                lstep
            } else {
                Node::new(Kind::Path(vec![lstep]), pos)
            };
            if let Some(s) = parent_slot {
                result.seeking_parent = Some(vec![s]);
            }
            let mut rest = self.process(*rhs)?;
            if let Kind::Path(steps) = &mut result.kind {
                if let Kind::Path(rsteps) = rest.kind {
                    steps.extend(rsteps);
                } else {
                    if rest.predicate.is_some() {
                        rest.stages = rest.predicate.take();
                    }
                    steps.push(rest);
                }
                for step in steps.iter_mut() {
                    match &step.kind {
                        Kind::Num(n) => {
                            return Err(Err::new("S0213")
                                .pos(step.position)
                                .value(crate::value::js_number_to_string(*n))
                                .into())
                        }
                        Kind::Bool(b) => {
                            return Err(Err::new("S0213")
                                .pos(step.position)
                                .value(b.to_string())
                                .into())
                        }
                        Kind::Null => {
                            return Err(Err::new("S0213").pos(step.position).value("null").into())
                        }
                        Kind::Str(s) => step.kind = Kind::Name(s.clone()),
                        _ => {}
                    }
                }
                if steps.iter().any(|s| s.keep_array) {
                    result.keep_singleton_array = true;
                }
                if let Some(first) = steps.first_mut() {
                    if matches!(first.kind, Kind::Array(_)) {
                        first.consarray = true;
                    }
                }
                if let Some(last) = steps.last_mut() {
                    if matches!(last.kind, Kind::Array(_)) {
                        last.consarray = true;
                    }
                }
            }
            self.resolve_ancestry(&mut result)?;
            result
        })
    }

    #[inline(never)]
    fn arm_binary_2(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut result = self.process(*lhs)?;
            let is_path = matches!(result.kind, Kind::Path(_));
            let predicate = self.process(*rhs)?;
            let step = last_step(&mut result);
            if step.group.is_some() {
                return Err(Err::new("S0209").pos(pos).into());
            }
            if let Some(sp) = predicate.seeking_parent.clone() {
                for slot in sp {
                    if self.slots[slot].level == 1 {
                        self.seek_parent(step, slot)?;
                    } else {
                        self.slots[slot].level -= 1;
                    }
                }
                Self::push_ancestry(step, &predicate);
            }
            let stage = Stage::Filter {
                expr: predicate,
                position: pos,
            };
            if is_path {
                step.stages.get_or_insert_with(Vec::new).push(stage);
            } else {
                step.predicate.get_or_insert_with(Vec::new).push(stage);
            }
            result
        })
    }

    #[inline(never)]
    fn arm_groupby_3(
        &mut self,
        lhs: Box<Raw>,
        pairs: Vec<(Raw, Raw)>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut result = self.process(*lhs)?;
            if result.group.is_some() {
                return Err(Err::new("S0210").pos(pos).into());
            }
            let mut ps = vec![];
            for (k, v) in pairs {
                ps.push((self.process(k)?, self.process(v)?));
            }
            result.group = Some(Rc::new(Group {
                pairs: ps,
                position: pos,
            }));
            result
        })
    }

    #[inline(never)]
    fn arm_orderby_4(
        &mut self,
        lhs: Box<Raw>,
        terms: Vec<(bool, Raw)>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut result = self.process(*lhs)?;
            if !matches!(result.kind, Kind::Path(_)) {
                result = Node::new(Kind::Path(vec![result]), pos);
            }
            let mut sort = Node::new(Kind::Sort(vec![]), pos);
            let mut ts = vec![];
            for (descending, e) in terms {
                let expr = self.process(e)?;
                Self::push_ancestry(&mut sort, &expr);
                ts.push(SortTerm { descending, expr });
            }
            sort.kind = Kind::Sort(ts);
            if let Kind::Path(steps) = &mut result.kind {
                steps.push(sort);
            }
            self.resolve_ancestry(&mut result)?;
            result
        })
    }

    #[inline(never)]
    fn arm_binary_5(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let name = match lhs.k {
                RawKind::Variable(v) => v,
                _ => String::new(),
            };
            let rhs = self.process(*rhs)?;
            let mut result = Node::new(Kind::Bind(name, Box::new(Node::new(Kind::Null, 0))), pos);
            Self::push_ancestry(&mut result, &rhs);
            result.kind = match result.kind {
                Kind::Bind(n, _) => Kind::Bind(n, Box::new(rhs)),
                k => k,
            };
            result
        })
    }

    #[inline(never)]
    fn arm_binary_6(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let var = match rhs.k {
                RawKind::Variable(v) => v,
                _ => String::new(),
            };
            let mut result = self.process(*lhs)?;
            let step = last_step(&mut result);
            if step.stages.is_some() || step.predicate.is_some() {
                return Err(Err::new("S0215").pos(pos).into());
            }
            if matches!(step.kind, Kind::Sort(_)) {
                return Err(Err::new("S0216").pos(pos).into());
            }
            if keep {
                step.keep_array = true;
            }
            step.focus = Some(var);
            step.tuple = true;
            result
        })
    }

    #[inline(never)]
    fn arm_binary_7(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let var = match rhs.k {
                RawKind::Variable(v) => v,
                _ => String::new(),
            };
            let mut result = self.process(*lhs)?;
            if !matches!(result.kind, Kind::Path(_)) {
                let mut step = result;
                if step.predicate.is_some() {
                    step.stages = step.predicate.take();
                }
                result = Node::new(Kind::Path(vec![step]), pos);
            }
            let step = last_step(&mut result);
            match &mut step.stages {
                None => step.index = Some(var),
                Some(st) => st.push(Stage::Index { var }),
            }
            step.tuple = true;
            result
        })
    }

    #[inline(never)]
    fn arm_binary_8(&mut self, lhs: Box<Raw>, rhs: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let l = self.process(*lhs)?;
            let rr = self.process(*rhs)?;
            let ka = l.keep_array || rr.keep_array;
            let mut n = Node::new(Kind::Apply(Box::new(l), Box::new(rr)), pos);
            n.keep_array = ka;
            n
        })
    }

    #[inline(never)]
    fn arm_binary_9(
        &mut self,
        op: &'static str,
        lhs: Box<Raw>,
        rhs: Box<Raw>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let l = self.process(*lhs)?;
            let rr = self.process(*rhs)?;
            let Some(bop) = binop(op) else {
                return Err(Err::new("S0201").pos(pos).token(op).into());
            };
            let mut n = Node::new(Kind::Null, pos);
            Self::push_ancestry(&mut n, &l);
            Self::push_ancestry(&mut n, &rr);
            n.kind = Kind::Binary(bop, Box::new(l), Box::new(rr));
            n
        })
    }

    #[inline(never)]
    fn arm_array_10(&mut self, items: Vec<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut n = Node::new(Kind::Null, pos);
            let mut out = vec![];
            for it in items {
                let v = self.process(it)?;
                Self::push_ancestry(&mut n, &v);
                out.push(v);
            }
            n.kind = Kind::Array(out);
            n
        })
    }

    #[inline(never)]
    fn arm_object_11(&mut self, pairs: Vec<(Raw, Raw)>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut n = Node::new(Kind::Null, pos);
            let mut out = vec![];
            for (k, v) in pairs {
                let k = self.process(k)?;
                Self::push_ancestry(&mut n, &k);
                let v = self.process(v)?;
                Self::push_ancestry(&mut n, &v);
                out.push((k, v));
            }
            n.kind = Kind::Object(out);
            n
        })
    }

    #[inline(never)]
    fn arm_neg_12(&mut self, e: Box<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let e = self.process(*e)?;
            if let Kind::Num(v) = e.kind {
                let mut e = e;
                e.kind = Kind::Num(-v);
                e
            } else {
                let mut n = Node::new(Kind::Null, pos);
                Self::push_ancestry(&mut n, &e);
                n.kind = Kind::Neg(Box::new(e));
                n
            }
        })
    }

    #[inline(never)]
    fn arm_function_13(
        &mut self,
        procedure: Box<Raw>,
        args: Vec<Raw>,
        partial: bool,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut n = Node::new(Kind::Null, pos);
            let mut out = vec![];
            for a in args {
                let v = self.process(a)?;
                Self::push_ancestry(&mut n, &v);
                out.push(v);
            }
            let procedure = self.process(*procedure)?;
            n.kind = Kind::Function {
                procedure: Box::new(procedure),
                args: out,
                partial,
            };
            n
        })
    }

    #[inline(never)]
    fn arm_lambda_14(
        &mut self,
        params: Vec<String>,
        sig: Option<Rc<crate::signature::Signature>>,
        body: Box<Raw>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let signature = sig;
            let body = self.process(*body)?;
            let body = tail_call_optimize(body);
            Node::new(
                Kind::Lambda {
                    params: Rc::new(params),
                    signature,
                    body: Rc::new(body),
                    thunk: false,
                },
                pos,
            )
        })
    }

    #[inline(never)]
    fn arm_condition_15(
        &mut self,
        c: Box<Raw>,
        t: Box<Raw>,
        e: Option<Box<Raw>>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut n = Node::new(Kind::Null, pos);
            let c = self.process(*c)?;
            Self::push_ancestry(&mut n, &c);
            let t = self.process(*t)?;
            Self::push_ancestry(&mut n, &t);
            let e = match e {
                Some(e) => {
                    let e = self.process(*e)?;
                    Self::push_ancestry(&mut n, &e);
                    Some(Box::new(e))
                }
                None => None,
            };
            n.kind = Kind::Condition(Box::new(c), Box::new(t), e);
            n
        })
    }

    #[inline(never)]
    fn arm_transform_16(
        &mut self,
        p: Box<Raw>,
        u: Box<Raw>,
        d: Option<Box<Raw>>,
        pos: usize,
        keep: bool,
    ) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let p = self.process(*p)?;
            let u = self.process(*u)?;
            let d = match d {
                Some(d) => Some(self.process(*d)?),
                None => None,
            };
            let spec = TransformSpec {
                pattern: p,
                update: u,
                delete: d,
                position: pos,
            };
            Node::new(Kind::Transform(Rc::new(spec)), pos)
        })
    }

    #[inline(never)]
    fn arm_block_17(&mut self, exprs: Vec<Raw>, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut n = Node::new(Kind::Null, pos);
            let mut out = vec![];
            for e in exprs {
                let part = self.process(e)?;
                Self::push_ancestry(&mut n, &part);
                let cons = part.consarray
                    || matches!(&part.kind, Kind::Path(s) if s.first().is_some_and(|f| f.consarray));
                if cons {
                    n.consarray = true;
                }
                out.push(part);
            }
            n.kind = Kind::Block(out);
            n
        })
    }

    #[inline(never)]
    fn arm_name_18(&mut self, name: String, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let mut step = Node::new(Kind::Name(name), pos);
            step.keep_array = keep;
            let mut n = Node::new(Kind::Path(vec![step]), pos);
            if keep {
                n.keep_singleton_array = true;
            }
            n
        })
    }

    #[inline(never)]
    fn arm_parent_19(&mut self, pos: usize, keep: bool) -> R<Node> {
        let _ = (pos, keep);
        Ok({
            let id = self.slots.len();
            self.slots.push(Slot {
                label: format!("!{id}"),
                level: 1,
            });
            Node::new(Kind::Parent(id), pos)
        })
    }
}

fn tail_call_optimize(mut expr: Node) -> Node {
    match &mut expr.kind {
        Kind::Function { partial: false, .. } if expr.predicate.is_none() => {
            let pos = expr.position;
            Node::new(
                Kind::Lambda {
                    params: Rc::new(vec![]),
                    signature: None,
                    body: Rc::new(expr),
                    thunk: true,
                },
                pos,
            )
        }
        Kind::Condition(_, t, e) => {
            let tt = std::mem::replace(t.as_mut(), Node::new(Kind::Null, 0));
            **t = tail_call_optimize(tt);
            if let Some(e) = e {
                let ee = std::mem::replace(e.as_mut(), Node::new(Kind::Null, 0));
                **e = tail_call_optimize(ee);
            }
            expr
        }
        Kind::Block(exprs) => {
            if let Some(last) = exprs.pop() {
                exprs.push(tail_call_optimize(last));
            }
            expr
        }
        _ => expr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(src: &str) -> String {
        match parse(src) {
            Ok(_) => "ok".into(),
            Err(e) => e.code.to_string(),
        }
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(code("a.b"), "ok");
        assert_eq!(code("a ?: b"), "S0211");
        assert_eq!(code("a ?? b"), "S0211");
        assert_eq!(code("1 +"), "S0207");
        assert_eq!(code("a.1"), "S0213");
        assert_eq!(code("%"), "S0217");
        assert_eq!(code("a !b"), "S0204");
        assert_eq!(code(&"(".repeat(2000)), "U1004");
    }
}
