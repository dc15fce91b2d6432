//! Resource limits so hostile expressions fail cleanly instead of hanging a browser tab.

/// Caller-configurable evaluation limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum nesting of evaluation (like jsonata-js's `depth` guard): `U1001` beyond it.
    pub max_depth: usize,
    /// Maximum number of evaluation steps (AST node visits and function-call iterations):
    /// `U1001` ("timeout") beyond it. Replaces a wall-clock time limit, so runs stay deterministic.
    pub max_steps: u64,
    /// Maximum length of any single array built during evaluation: `U1003` beyond it.
    pub max_array_len: usize,
    /// Maximum length (in chars) of any string built during evaluation: `U1003` beyond it.
    pub max_string_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 400,
            max_steps: 20_000_000,
            max_array_len: 10_000_000,
            max_string_len: 32 * 1024 * 1024,
        }
    }
}
