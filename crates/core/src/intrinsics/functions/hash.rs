//! `States.Hash`.

use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::{java_len, Args, MAX_INPUT_CHARS};
use crate::intrinsics::error::IntrinsicError;

/// The algorithm names `States.Hash` accepts (exact spelling).
pub(crate) const ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

pub(crate) fn hash(a: &Args) -> Result<Value, IntrinsicError> {
    let data = a.string(0, "data")?;
    let algorithm = a.string(1, "algorithm")?;
    let len = java_len(data);
    if len > MAX_INPUT_CHARS {
        return Err(IntrinsicError::failure(format!(
            "The data of States.Hash can contain at most {MAX_INPUT_CHARS} characters, but it has {len}"
        )));
    }
    let bytes = data.as_bytes();
    let digest = match algorithm {
        "MD5" => hex(&Md5::digest(bytes)),
        "SHA-1" => hex(&Sha1::digest(bytes)),
        "SHA-256" => hex(&Sha256::digest(bytes)),
        "SHA-384" => hex(&Sha384::digest(bytes)),
        "SHA-512" => hex(&Sha512::digest(bytes)),
        other => {
            return Err(IntrinsicError::failure(format!(
                "'{other}' is not a hashing algorithm of States.Hash; use one of {}",
                ALGORITHMS.join(", ")
            )))
        }
    };
    Ok(Value::String(digest))
}
