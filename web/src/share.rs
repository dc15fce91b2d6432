//! Shareable links: the whole work (definition, input, run options, mocks) travels in the URL
//! fragment (never sent to a server) as `#s=<base64url(deflate(JSON))>`. Links of the older
//! `#d=<base64url>&i=<base64url>` form still open.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::state::Work;

/// The longest fragment opened, in characters (browsers and chat tools mangle longer URLs).
pub const MAX_LINK_CHARS: usize = 64 * 1024;
/// The most bytes a link may inflate to (guards against deflate bombs).
const MAX_INFLATED_BYTES: usize = 4 * 1024 * 1024;
/// deflate level: best compression (links are small, speed does not matter).
const LEVEL: u8 = 9;

/// Why a fragment could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong(usize),
    /// Not a link this playground made (or damaged in transit).
    Corrupt(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong(n) => write!(
                f,
                "This share link is too long to open ({n} characters; the limit is {MAX_LINK_CHARS}). Your saved work was kept."
            ),
            LinkError::Corrupt(why) => write!(
                f,
                "This share link is damaged and could not be opened ({why}). Your saved work was kept."
            ),
        }
    }
}

/// The URL fragment (without `#`) for `work`.
pub fn encode(work: &Work) -> String {
    let json = serde_json::to_vec(work).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, LEVEL);
    format!("s={}", URL_SAFE_NO_PAD.encode(packed))
}

/// Read a fragment (with or without the leading `#`). `Ok(None)` when it carries no shared
/// work (empty, or an ordinary anchor); an error when it tries to and fails.
pub fn decode(fragment: &str) -> Result<Option<Work>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if !(fragment.starts_with("s=") || fragment.starts_with("d=")) {
        return Ok(None);
    }
    let chars = fragment.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(chars));
    }
    if let Some(packed) = fragment.strip_prefix("s=") {
        let bytes = URL_SAFE_NO_PAD
            .decode(packed)
            .map_err(|e| LinkError::Corrupt(format!("not base64url: {e}")))?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES)
            .map_err(|e| LinkError::Corrupt(format!("cannot inflate: {:?}", e.status)))?;
        // Read as text: the page's other JSON readers read text too, so `Work` is
        // deserialised by one instance of the code (page size), not one per reader type.
        let text = std::str::from_utf8(&json)
            .map_err(|e| LinkError::Corrupt(format!("unexpected content: {e}")))?;
        let work: Work = serde_json::from_str(text)
            .map_err(|e| LinkError::Corrupt(format!("unexpected content: {e}")))?;
        return Ok(Some(work));
    }
    decode_legacy(fragment).map(Some)
}

/// `d=<base64url>&i=<base64url>` (definition and input only).
fn decode_legacy(fragment: &str) -> Result<Work, LinkError> {
    let mut work = Work::default();
    for pair in fragment.split('&') {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| LinkError::Corrupt(format!("'{pair}' is not key=value")))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(value)
            .map_err(|e| LinkError::Corrupt(format!("not base64url: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| LinkError::Corrupt("not UTF-8 text".to_owned()))?;
        match key {
            "d" => work.definition = text,
            "i" => work.input = text,
            _ => {}
        }
    }
    Ok(work)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::RunSettings;

    fn sample() -> Work {
        Work {
            definition: "{\"Comment\": \"é € 😀 & = # ? /\"}".to_owned(),
            input: "{\n  \"a\": [1, 2]\n}".to_owned(),
            settings: RunSettings {
                execution_name: "run-1".to_owned(),
                machine_type: "STANDARD".to_owned(),
                mock_config: "{\"StateMachines\": {}}".to_owned(),
                test_case: "T".to_owned(),
                seed: "9".to_owned(),
                ..RunSettings::default()
            },
        }
    }

    #[test]
    fn round_trips_everything() {
        let fragment = encode(&sample());
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)));
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(sample())));
    }

    #[test]
    fn compresses() {
        let mut work = sample();
        work.definition = "{\"States\": {}} ".repeat(500);
        assert!(encode(&work).len() < work.definition.len() / 10);
    }

    #[test]
    fn other_fragments_are_not_links() {
        for fragment in ["", "#", "#top", "#section-2"] {
            assert_eq!(decode(fragment), Ok(None), "{fragment}");
        }
    }

    #[test]
    fn damaged_links_are_errors() {
        for fragment in ["s=%%%", "s=AAAA", "s=", "d=!!", "d=e30&i"] {
            assert!(
                matches!(decode(fragment), Err(LinkError::Corrupt(_))),
                "{fragment}"
            );
        }
        let long = format!("s={}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(decode(&long), Err(LinkError::TooLong(MAX_LINK_CHARS + 2)));
        // Valid deflate of something that is not our JSON.
        let packed = miniz_oxide::deflate::compress_to_vec(b"[1,2]", 6);
        let fragment = format!("s={}", URL_SAFE_NO_PAD.encode(packed));
        assert!(matches!(decode(&fragment), Err(LinkError::Corrupt(_))));
    }

    #[test]
    fn old_links_still_open() {
        let fragment = format!(
            "d={}&i={}",
            URL_SAFE_NO_PAD.encode("{}"),
            URL_SAFE_NO_PAD.encode("[1]")
        );
        let work = decode(&fragment).ok().flatten().unwrap_or_default();
        assert_eq!(
            (work.definition.as_str(), work.input.as_str()),
            ("{}", "[1]")
        );
    }
}
