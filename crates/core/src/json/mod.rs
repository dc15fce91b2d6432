//! A span-aware JSON reader for definition text.
//!
//! `serde_json` is used for values everywhere else, but it cannot serve the validator: it drops
//! byte positions, and it silently keeps the last of duplicate object keys. This reader keeps a
//! byte span for every node and every key, keeps duplicate keys in document order, limits nesting
//! depth (no stack overflow on hostile input), and never panics. A tree converts to a
//! `serde_json::Value` (preserving key order) for the rest of the core.

mod node;
mod parser;
mod source_map;

pub use node::{JsonNode, Member, NodeKind};
pub use parser::{parse, JsonSyntaxError, MAX_DEPTH};
pub use source_map::{LineCol, SourceMap};

/// Escapes one JSON-pointer reference token (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends `token` (escaped) to the JSON pointer `base`.
pub fn join_pointer(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    out.push_str(&escape_pointer_token(token));
    out
}

/// Splits a JSON pointer into unescaped reference tokens (`""` → no tokens). Returns `None` when
/// the pointer is not empty and does not start with `/`.
pub fn split_pointer(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}
