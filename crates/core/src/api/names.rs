//! Name rules shared by executions and state machines (AWS: `name` of StartExecution,
//! StartSyncExecution and CreateStateMachine).
//!
//! A name is 1–80 characters (checked as a model constraint, ValidationException) and must not
//! contain whitespace, brackets `< > { } [ ]`, wildcards `? *`, the special characters
//! `" # % \ ^ | ~ ` $ & , ; : /`, or control characters (U+0000–001F, U+007F–009F)
//! (checked by the service, InvalidName).

/// The longest name AWS accepts.
pub const MAX_NAME_CHARS: usize = 80;

/// Whether `c` may appear in an execution or state machine name.
pub fn is_name_char(c: char) -> bool {
    !(c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '?'
                | '*'
                | '"'
                | '#'
                | '%'
                | '\\'
                | '^'
                | '|'
                | '~'
                | '`'
                | '$'
                | '&'
                | ','
                | ';'
                | ':'
                | '/'
        )
        || ('\u{0}'..='\u{1f}').contains(&c)
        || ('\u{7f}'..='\u{9f}').contains(&c))
}

/// The model-constraint failure of a name's length, worded as AWS's validator words it.
pub fn length_violation(name: &str, field: &str) -> Option<String> {
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        Some(format!(
            "Value '{name}' at '{field}' failed to satisfy constraint: Member must have length less than or equal to {MAX_NAME_CHARS}"
        ))
    } else if n == 0 {
        Some(format!(
            "Value '{name}' at '{field}' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ))
    } else {
        None
    }
}

/// The first character that makes `name` invalid, if any.
pub fn first_invalid_char(name: &str) -> Option<char> {
    name.chars().find(|c| !is_name_char(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        for c in " \t\n<>{}[]?*\"#%\\^|~`$&,;:/\u{0}\u{1f}\u{7f}\u{85}\u{9f}\u{a0}\u{3000}".chars()
        {
            assert!(!is_name_char(c), "{c:?} must be rejected");
        }
        for c in "aZ09-_.!@()+='ü日".chars() {
            assert!(is_name_char(c), "{c:?} must be accepted");
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(length_violation(&"a".repeat(80), "name"), None);
        assert!(length_violation(&"a".repeat(81), "name")
            .is_some_and(|m| m.ends_with("less than or equal to 80")));
        assert!(
            length_violation("", "name").is_some_and(|m| m.ends_with("greater than or equal to 1"))
        );
        // Characters, not bytes.
        assert_eq!(length_violation(&"é".repeat(80), "name"), None);
    }

    #[test]
    fn first_invalid() {
        assert_eq!(first_invalid_char("ok-name_1.2"), None);
        assert_eq!(first_invalid_char("a b"), Some(' '));
        assert_eq!(first_invalid_char("a:b/c"), Some(':'));
    }
}
