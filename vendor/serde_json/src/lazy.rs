//! Lazily parsed JSON objects (aslplay's build of serde_json).
//!
//! [`parse`] validates a JSON text in one pass, without building values, and records for
//! every object and array (in document order) where it starts and ends, where its subtree
//! ends in that record, and whether its text is exactly what [`crate::to_string`] would
//! write for it ("canonical": no whitespace, no duplicate key, no escape that serde_json
//! writes differently, integers only). An object in the result is a [`Map`] holding the
//! shared text; it parses its own members the first time it is read, and a member object is
//! again lazy. So a large input that is mostly passed along is never turned into values, and
//! an unchanged canonical object is written out and sized from its text
//! ([`write_compact`], [`Map::canonical_text`]). Any mutable access turns a lazy map into an
//! ordinary one (its members parsed) and forgets its text.
//!
//! Anything the scanner does not handle itself (a `\u` escape, nesting deeper than
//! [`MAX_DEPTH`], an error of any kind) goes to [`crate::from_str`], so values and error
//! messages are serde_json's own.

use crate::error::Result;
use crate::map::Map;
use crate::value::Value;
use crate::vecmap::VecMap;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use std::sync::{Arc, OnceLock};

/// Deeper nesting is left to serde_json (which has a recursion limit of its own).
const MAX_DEPTH: usize = 100;

/// Objects (and whole texts) shorter than this many bytes are parsed at once: they cost
/// less to build than to keep lazy, and there is little to save by not writing them out.
const SMALL: usize = 64;

/// Objects with more keys than this are not checked for repeated keys (quadratic), and so
/// are never canonical; they are still lazy.
const MAX_CHECKED_KEYS: usize = 64;

/// The result of [`parse`].
#[derive(Debug)]
pub struct Parsed {
    /// The value, equal to what [`crate::from_str`] gives.
    pub value: Value,
    /// `false` when no number in the value is a negative floating-point zero (`-0`,
    /// `-0.0`, `-1e-400`, ...); `true` when the text holds one, and for a text parsed by
    /// `from_str` without the scan (small, or handed over), where it is not known.
    pub negative_zero: bool,
}

/// Parses `text` like [`crate::from_str::<Value>`] (same value, same errors), leaving objects
/// lazy (see the module docs).
pub fn parse(text: &str) -> Result<Parsed> {
    let bytes = text.as_bytes();
    let start = skip_ws(bytes, 0);
    let lazy_root = matches!(bytes.get(start), Some(b'{' | b'['))
        && (SMALL..u32::MAX as usize).contains(&text.len());
    if lazy_root {
        let mut scan = Scan {
            b: bytes,
            i: start,
            // Room for the containers of a small text (about one per 40 bytes; a
            // `States.StringToJson` argument) and the keys of a few nested objects, so that
            // each vector is allocated once. A large text's vector grows from 256 by doubling,
            // as from empty (a larger first guess raised map-10000's peak wasm memory).
            nodes: Vec::with_capacity((text.len() / 40 + 4).min(256)),
            keys: Vec::with_capacity(32),
            negative_zero: false,
        };
        if scan.value(0).is_some() && skip_ws(bytes, scan.i) == bytes.len() {
            let negative_zero = scan.negative_zero;
            let src = Arc::new(Source {
                text: Box::from(text),
                nodes: scan.nodes,
                members,
                find,
                members_indexed,
            });
            let mut i = start;
            let mut child = 0;
            let value = read_value(&src, &mut i, &mut child);
            return Ok(Parsed {
                value,
                negative_zero,
            });
        }
    }
    // Not scanned: whether a number is a negative zero is not known, so the flag says it may
    // be (a caller that cares walks the value, as it would have to anyway).
    Ok(Parsed {
        value: crate::from_str(text)?,
        negative_zero: true,
    })
}

fn is_negative_zero(n: &crate::Number) -> bool {
    !n.is_i64() && !n.is_u64() && n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative())
}

/// The compact JSON text of `v`, exactly as [`crate::to_string`] writes it, with unchanged
/// canonical lazy objects copied from their text.
pub fn to_string(v: &Value) -> String {
    // An unchanged canonical object is its text (`States.JsonToString` of a payload's object):
    // copied as a `str`, without the check of the bytes below.
    if let Value::Object(map) = v {
        if let Some(text) = map.canonical_text() {
            return String::from(text);
        }
    }
    let mut out = Vec::new();
    write_compact(v, &mut out);
    // Only whole UTF-8 strings and ASCII are written.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the compact JSON text of `v` to `out` (see [`to_string`]).
pub fn write_compact(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            if let Some(text) = map.canonical_text() {
                out.extend_from_slice(text.as_bytes());
                return;
            }
            out.push(b'{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let _ = crate::ser::format_escaped_str(out, &mut crate::ser::CompactFormatter, k);
                out.push(b':');
                write_compact(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_compact(v, out);
            }
            out.push(b']');
        }
        Value::String(s) => {
            let _ = crate::ser::format_escaped_str(out, &mut crate::ser::CompactFormatter, s);
        }
        scalar => {
            let _ = serde::Serialize::serialize(scalar, &mut crate::Serializer::new(out));
        }
    }
}

/// The text of a lazily parsed document and what the scan recorded of its containers.
pub(crate) struct Source {
    text: Box<str>,
    /// Every object and array, in document order.
    nodes: Vec<Node>,
    /// [`members`], called through this pointer so that a program that never calls
    /// [`parse`] (the playground's page) does not carry the member parser: every `Map`
    /// method has a branch for lazy maps, which the compiler cannot tell is never taken.
    members: fn(&Arc<Source>, usize) -> VecMap<String, Value>,
    /// [`find`] and [`members_indexed`], through pointers for the same reason.
    find: for<'a> fn(&'a Lazy, &str) -> Option<&'a Value>,
    members_indexed: fn(&Arc<Source>, Box<[Member]>) -> VecMap<String, Value>,
}

#[derive(Clone, Copy)]
struct Node {
    /// Byte offsets of the opening bracket and just past the closing one.
    start: u32,
    end: u32,
    /// Index in `nodes` just past this container's subtree.
    next: u32,
    /// Members or items (to size the map or vector at once).
    len: u32,
    canonical: bool,
    /// An object whose keys are known to be distinct (each spelled canonically, no two the
    /// same, at most [`MAX_CHECKED_KEYS`]): its members are appended without a lookup.
    unique: bool,
}

/// A lazy object: a node of a shared [`Source`] and, once read, its members.
pub(crate) struct Lazy {
    src: Arc<Source>,
    node: u32,
    entries: OnceLock<VecMap<String, Value>>,
    /// Until the object is read whole: where its members are, each parsed when it is first
    /// looked up by key ([`Lazy::get`]). `None` when the keys are not plain (see [`index`]).
    index: OnceLock<Option<Box<[Member]>>>,
}

/// A member of a lazy object, located without parsing it.
struct Member {
    /// The key's text between its quotes (it has no escapes).
    key_start: u32,
    key_end: u32,
    /// Where the value starts, and the first container node at or after it.
    value: u32,
    child: u32,
    parsed: OnceLock<Value>,
}

impl Lazy {
    fn new(src: &Arc<Source>, node: usize) -> Self {
        Lazy {
            src: Arc::clone(src),
            node: node as u32,
            entries: OnceLock::new(),
            index: OnceLock::new(),
        }
    }

    /// The value of member `key`. While the object has not been read whole, only that
    /// member is parsed: a path into a large input builds the values along it, not every
    /// member of every object it passes through.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self.entries.get() {
            Some(entries) => entries.get_str(key),
            None => (self.src.find)(self, key),
        }
    }

    /// The members, parsed on first use.
    #[inline]
    pub(crate) fn entries(&self) -> &VecMap<String, Value> {
        self.entries
            .get_or_init(|| (self.src.members)(&self.src, self.node as usize))
    }

    /// The members, taken (those already looked up by key are not parsed again).
    pub(crate) fn into_entries(self) -> VecMap<String, Value> {
        if let Some(entries) = self.entries.into_inner() {
            return entries;
        }
        match self.index.into_inner() {
            Some(Some(index)) => (self.src.members_indexed)(&self.src, index),
            _ => (self.src.members)(&self.src, self.node as usize),
        }
    }

    /// The object's text when it is canonical.
    #[inline]
    pub(crate) fn canonical_text(&self) -> Option<&str> {
        let node = self.src.nodes.get(self.node as usize)?;
        if !node.canonical {
            return None;
        }
        self.src.text.get(node.start as usize..node.end as usize)
    }
}

/// A key's text (with its quotes) as the repeated-key check sees it: most keys of an object
/// differ in length, first or last character, which the signature compares at once.
#[derive(Clone, Copy)]
struct Key {
    start: usize,
    signature: u64,
}

impl Key {
    #[inline]
    fn new(start: usize, text: &[u8]) -> Self {
        let byte = |i: usize| u64::from(text.get(i).copied().unwrap_or(0));
        let n = text.len();
        Key {
            start,
            signature: (n as u64) << 32 | byte(1) << 16 | byte(n.saturating_sub(2)) << 8 | byte(2),
        }
    }
}

/// The validating scanner.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    nodes: Vec<Node>,
    /// Keys of the objects being scanned (for the repeated-key check).
    keys: Vec<Key>,
    negative_zero: bool,
}

impl Scan<'_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips whitespace; any makes the text not canonical. (Compact text: one comparison.)
    #[inline(always)]
    fn skip_ws_before(&mut self, canonical: &mut bool) {
        if self.b.get(self.i).is_some_and(|&c| c <= b' ') {
            *canonical = false;
            self.i = skip_ws(self.b, self.i);
        }
    }

    /// The next byte after any whitespace (see [`Self::skip_ws_before`]), consumed.
    #[inline(always)]
    fn token(&mut self, canonical: &mut bool) -> Option<u8> {
        self.skip_ws_before(canonical);
        let c = *self.b.get(self.i)?;
        self.i += 1;
        Some(c)
    }

    /// Scans one value at `i`; `Some(canonical)`, or `None` for anything left to serde_json.
    fn value(&mut self, depth: usize) -> Option<bool> {
        match self.peek()? {
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => None,
        }
    }

    /// [`Self::value`] for a member or item: a string (the most common value) is scanned
    /// without the call.
    #[inline(always)]
    fn member(&mut self, depth: usize) -> Option<bool> {
        match self.peek()? {
            b'"' => self.string(),
            _ => self.value(depth),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<bool> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| {
            self.i = end;
            true
        })
    }

    fn open(&mut self, depth: usize) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let index = self.nodes.len();
        self.nodes.push(Node {
            start: self.i as u32,
            end: 0,
            next: 0,
            len: 0,
            canonical: false,
            unique: false,
        });
        self.i += 1;
        Some(index)
    }

    /// Completes node `index` at `i`; an array's keys are never `unique`.
    fn close(&mut self, index: usize, len: usize, canonical: bool, unique: bool) -> Option<bool> {
        let next = self.nodes.len() as u32;
        let node = self.nodes.get_mut(index)?;
        node.end = self.i as u32;
        node.next = next;
        node.len = len as u32;
        node.canonical = canonical;
        node.unique = unique;
        Some(canonical)
    }

    fn object(&mut self, depth: usize) -> Option<bool> {
        let index = self.open(depth)?;
        let mut canonical = true;
        self.skip_ws_before(&mut canonical);
        let mut unique = true;
        let mut seen_classes = 0u64;
        let first_key = self.keys.len();
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                if self.peek()? != b'"' {
                    return None;
                }
                let key_start = self.i;
                // Keys spelled canonically are equal exactly when their texts are.
                let plain_key = self.string()?;
                unique &= plain_key;
                let text = self.b.get(key_start..self.i)?;
                let key = Key::new(key_start, text);
                let seen = &self.keys[first_key..];
                // Keys seen so far, one bit per signature class: the keys are compared
                // only when the class of this one was seen before (rarely, in payloads).
                let bit = 1u64 << (key.signature.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58);
                if seen.len() >= MAX_CHECKED_KEYS {
                    unique = false;
                } else if unique
                    && seen_classes & bit != 0
                    && seen.iter().any(|k| {
                        k.signature == key.signature
                            && self.b.get(k.start..k.start + text.len()) == Some(text)
                    })
                {
                    unique = false;
                }
                seen_classes |= bit;
                self.keys.push(key);
                if self.token(&mut canonical)? != b':' {
                    return None;
                }
                self.skip_ws_before(&mut canonical);
                canonical &= self.member(depth)?;
                match self.token(&mut canonical)? {
                    b',' => self.skip_ws_before(&mut canonical),
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        let len = self.keys.len() - first_key;
        self.keys.truncate(first_key);
        self.close(index, len, canonical && unique, unique)
    }

    fn array(&mut self, depth: usize) -> Option<bool> {
        let index = self.open(depth)?;
        let mut canonical = true;
        let mut len = 0;
        self.skip_ws_before(&mut canonical);
        if self.peek()? == b']' {
            self.i += 1;
        } else {
            loop {
                len += 1;
                canonical &= self.member(depth)?;
                match self.token(&mut canonical)? {
                    b',' => self.skip_ws_before(&mut canonical),
                    b']' => break,
                    _ => return None,
                }
            }
        }
        self.close(index, len, canonical, false)
    }

    /// A string at the opening quote. Canonical unless it has a `\/` escape (serde_json
    /// writes `/`); a `\u` escape is left to serde_json (surrogates, and its own rules).
    #[inline(always)]
    fn string(&mut self) -> Option<bool> {
        let b = self.b;
        let mut i = self.i + 1;
        let mut canonical = true;
        loop {
            i = plain_run(b, i);
            match *b.get(i)? {
                b'"' => break,
                b'\\' => {
                    match *b.get(i + 1)? {
                        b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'/' => canonical = false,
                        _ => return None,
                    }
                    i += 2;
                }
                0..=0x1f => return None,
                _ => i += 1,
            }
        }
        self.i = i + 1;
        Some(canonical)
    }

    /// A number. Canonical when it is an integer of at most 18 digits other than `-0`;
    /// any other number is checked by serde_json (range, and negative zeros).
    fn number(&mut self) -> Option<bool> {
        let b = self.b;
        let start = self.i;
        let mut i = start;
        let negative = b.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let int_start = i;
        match *b.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => return None,
        }
        let int_digits = i - int_start;
        let mut plain = true;
        if b.get(i) == Some(&b'.') {
            plain = false;
            i += 1;
            let at = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            if i == at {
                return None;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            plain = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let at = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            if i == at {
                return None;
            }
        }
        self.i = i;
        let negative_zero_int = negative && int_digits == 1 && b.get(int_start) == Some(&b'0');
        if plain && int_digits <= 18 && !negative_zero_int {
            return Some(true);
        }
        let text = core::str::from_utf8(b.get(start..i)?).ok()?;
        let n: crate::Number = crate::from_str(text).ok()?;
        self.negative_zero |= is_negative_zero(&n);
        Some(false)
    }
}

/// The end of the run of string bytes at `i` that need no attention (no quote, backslash or
/// control character), eight bytes at a time.
#[inline]
fn plain_run(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(bytes);
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        // A byte is zero in `quote` or `backslash`, or below 0x20 in `x`.
        let special = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (x.wrapping_sub(ONES * 0x20) & !x);
        if special & HIGH != 0 {
            // The lowest flagged byte is a real one (a false flag only follows a real one).
            return i + (special & HIGH).trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

#[inline(always)]
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    // Compact text first: one comparison when the next byte is not whitespace (all four
    // whitespace bytes are at most a space).
    if b.get(i).is_none_or(|&c| c > b' ') {
        return i;
    }
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\t' | b'\r')) {
        i += 1;
    }
    i
}

/// The members of object node `node` (which the scan validated).
fn members(src: &Arc<Source>, node: usize) -> VecMap<String, Value> {
    let b = src.text.as_bytes();
    let Some(n) = src.nodes.get(node) else {
        return VecMap::new();
    };
    let mut map = VecMap::with_capacity(n.len as usize);
    let mut i = n.start as usize + 1;
    let mut child = node + 1;
    loop {
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b'"') => {}
            _ => break,
        }
        let key = read_string(&src.text, &mut i);
        i = skip_ws(b, i) + 1; // the colon
        i = skip_ws(b, i);
        let value = read_value(src, &mut i, &mut child);
        if n.unique {
            map.push_new(key, value);
        } else {
            map.insert(key, value);
        }
        i = skip_ws(b, i);
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
    map
}

/// [`Lazy::get`] before the object is read whole.
fn find<'a>(lazy: &'a Lazy, key: &str) -> Option<&'a Value> {
    let index = lazy
        .index
        .get_or_init(|| index(&lazy.src, lazy.node as usize));
    let Some(members) = index else {
        return lazy.entries().get(key);
    };
    let text = lazy.src.text.as_bytes();
    let member = members.iter().find(|m| {
        text.get(m.key_start as usize..m.key_end as usize)
            .is_some_and(|k| crate::vecmap::key_eq(k, key.as_bytes()))
    })?;
    Some(member.parsed.get_or_init(|| {
        let (mut i, mut child) = (member.value as usize, member.child as usize);
        read_value(&lazy.src, &mut i, &mut child)
    }))
}

/// The members of an object from its [`index`]: the values looked up already are moved in,
/// the others parsed (its keys are distinct: [`index`]).
fn members_indexed(src: &Arc<Source>, index: Box<[Member]>) -> VecMap<String, Value> {
    let mut map = VecMap::with_capacity(index.len());
    for m in index.into_vec() {
        let key = src
            .text
            .get(m.key_start as usize..m.key_end as usize)
            .map(String::from)
            .unwrap_or_default();
        let value = m.parsed.into_inner().unwrap_or_else(|| {
            let (mut i, mut child) = (m.value as usize, m.child as usize);
            read_value(src, &mut i, &mut child)
        });
        map.push_new(key, value);
    }
    map
}

/// Where the members of object node `node` are; `None` unless its keys are distinct and
/// have no escapes (so that a key's text is the key).
fn index(src: &Arc<Source>, node: usize) -> Option<Box<[Member]>> {
    let n = src.nodes.get(node)?;
    if !n.unique {
        return None;
    }
    let b = src.text.as_bytes();
    let mut members = Vec::with_capacity(n.len as usize);
    let mut i = n.start as usize + 1;
    let mut child = node + 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            break;
        }
        let key_start = i + 1;
        let key_end = plain_run(b, key_start);
        if b.get(key_end) != Some(&b'"') {
            return None;
        }
        i = skip_ws(b, key_end + 1) + 1; // the colon
        i = skip_ws(b, i);
        let (value, value_child) = (i, child);
        skip_value(src, &mut i, &mut child);
        members.push(Member {
            key_start: key_start as u32,
            key_end: key_end as u32,
            value: value as u32,
            child: value_child as u32,
            parsed: OnceLock::new(),
        });
        i = skip_ws(b, i);
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
    Some(members.into_boxed_slice())
}

/// Moves `*i` past the (validated) value there, as [`read_value`] would, building nothing.
fn skip_value(src: &Source, i: &mut usize, child: &mut usize) {
    let b = src.text.as_bytes();
    match b.get(*i) {
        Some(b'{' | b'[') => {
            if let Some(n) = src.nodes.get(*child) {
                *i = n.end as usize;
                *child = n.next as usize;
            }
        }
        Some(b'"') => {
            let mut j = *i + 1;
            loop {
                j = plain_run(b, j);
                match b.get(j) {
                    Some(b'"') | None => break,
                    Some(b'\\') => j += 2,
                    Some(_) => j += 1,
                }
            }
            *i = j + 1;
        }
        _ => {
            while b
                .get(*i)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\t' | b'\r'))
            {
                *i += 1;
            }
        }
    }
}

/// The items of array node `node`.
fn items(src: &Arc<Source>, node: usize) -> Vec<Value> {
    let b = src.text.as_bytes();
    let Some(n) = src.nodes.get(node) else {
        return Vec::new();
    };
    let mut items = Vec::with_capacity(n.len as usize);
    let mut i = n.start as usize + 1;
    let mut child = node + 1;
    loop {
        i = skip_ws(b, i);
        if matches!(b.get(i), Some(b']') | None) {
            break;
        }
        items.push(read_value(src, &mut i, &mut child));
        i = skip_ws(b, i);
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
    items
}

/// The value at `*i` (validated), moving `*i` past it; `*child` is the index of the next
/// container node in document order.
fn read_value(src: &Arc<Source>, i: &mut usize, child: &mut usize) -> Value {
    let b = src.text.as_bytes();
    let container = |child: &mut usize, i: &mut usize| {
        let node = *child;
        if let Some(n) = src.nodes.get(node) {
            *i = n.end as usize;
            *child = n.next as usize;
        }
        node
    };
    match b.get(*i) {
        Some(b'{') => {
            let node = container(child, i);
            if src
                .nodes
                .get(node)
                .is_some_and(|n| ((n.end - n.start) as usize) < SMALL)
            {
                return Value::Object(Map::from_entries(members(src, node)));
            }
            Value::Object(Map::lazy(Lazy::new(src, node)))
        }
        Some(b'[') => {
            let node = container(child, i);
            Value::Array(items(src, node))
        }
        Some(b'"') => Value::String(read_string(&src.text, i)),
        Some(b't') => {
            *i += 4;
            Value::Bool(true)
        }
        Some(b'f') => {
            *i += 5;
            Value::Bool(false)
        }
        Some(b'n') => {
            *i += 4;
            Value::Null
        }
        Some(_) => read_number(&src.text, i),
        None => Value::Null,
    }
}

fn read_number(text: &str, i: &mut usize) -> Value {
    let b = text.as_bytes();
    let start = *i;
    let mut end = start;
    while matches!(
        b.get(end),
        Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
    ) {
        end += 1;
    }
    *i = end;
    let digits = b.get(start..end).unwrap_or_default();
    let (negative, int) = match digits.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, digits),
    };
    if int.len() <= 18 && !int.is_empty() && int.iter().all(u8::is_ascii_digit) {
        let magnitude = int.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        if !negative {
            return Value::from(magnitude as u64);
        }
        if magnitude != 0 {
            return Value::from(-magnitude);
        }
    }
    text.get(start..end)
        .and_then(|t| crate::from_str(t).ok())
        .unwrap_or(Value::Null)
}

/// The string at `*i` (validated, no `\u` escape), moving `*i` past it.
fn read_string(text: &str, i: &mut usize) -> String {
    let b = text.as_bytes();
    let start = *i + 1;
    let mut j = start;
    let mut escaped = false;
    loop {
        j = plain_run(b, j);
        match b.get(j) {
            Some(b'"') | None => break,
            Some(b'\\') => {
                escaped = true;
                j += 2;
            }
            Some(_) => j += 1,
        }
    }
    *i = j + 1;
    if !escaped {
        return String::from(text.get(start..j).unwrap_or_default());
    }
    let raw = b.get(start..j).unwrap_or_default();
    let mut out = Vec::with_capacity(raw.len());
    let mut k = 0;
    while let Some(&c) = raw.get(k) {
        if c == b'\\' {
            out.push(match raw.get(k + 1) {
                Some(b'b') => 0x08,
                Some(b'f') => 0x0c,
                Some(b'n') => b'\n',
                Some(b'r') => b'\r',
                Some(b't') => b'\t',
                Some(&other) => other, // `"`, `\`, `/`
                None => break,
            });
            k += 2;
        } else {
            out.push(c);
            k += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}
