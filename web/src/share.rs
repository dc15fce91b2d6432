//! Shareable links: the definition and input travel in the URL fragment (never sent to a
//! server), as `#d=<base64url>&i=<base64url>` of their UTF-8 text.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// What a shared link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// Definition text.
    pub definition: String,
    /// Input text.
    pub input: String,
}

/// The URL fragment (without `#`) for `definition` and `input`.
pub fn encode(definition: &str, input: &str) -> String {
    format!(
        "d={}&i={}",
        URL_SAFE_NO_PAD.encode(definition),
        URL_SAFE_NO_PAD.encode(input)
    )
}

/// The longest fragment [`decode`] reads: a 1 MB definition (AWS's limit) and a 256 KiB input
/// in base64 fit; anything longer is not a link this page made, and is ignored.
pub const MAX_FRAGMENT_CHARS: usize = 1_800_000;

/// Read a fragment made by [`encode`] (with or without the leading `#`). `None` when it is
/// not one, e.g. an empty fragment, a hand-edited link that no longer decodes, or one longer
/// than [`MAX_FRAGMENT_CHARS`].
pub fn decode(fragment: &str) -> Option<Shared> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return None;
    }
    let mut definition = None;
    let mut input = None;
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=')?;
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(value).ok()?).ok()?;
        match key {
            "d" => definition = Some(text),
            "i" => input = Some(text),
            _ => {}
        }
    }
    Some(Shared {
        definition: definition?,
        input: input.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_text() {
        let definition = "{\"Comment\": \"é € 😀 & = # ? /\"}";
        let input = "{\n  \"a\": [1, 2]\n}";
        let fragment = encode(definition, input);
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=&".contains(c)));
        let shared = decode(&format!("#{fragment}")).expect("decodes");
        assert_eq!(shared.definition, definition);
        assert_eq!(shared.input, input);
    }

    #[test]
    fn rejects_fragments_it_did_not_make() {
        for fragment in ["", "#", "#top", "d=%%%", "i=e30", "d=e30&i=!!"] {
            assert_eq!(decode(fragment), None, "{fragment}");
        }
    }

    #[test]
    fn oversized_links_are_ignored() {
        let big = "x".repeat(MAX_FRAGMENT_CHARS);
        assert_eq!(decode(&encode(&big, "{}")), None);
        let fits = "x".repeat(1_000_000);
        assert!(decode(&encode(&fits, "{}")).is_some());
    }
}
