//! `aslplay jsonata`: stdout/stderr/exit-code contract, table-driven.

use std::process::Command;

struct Case {
    args: &'static [&'static str],
    input: Option<&'static str>,
    bindings: Option<&'static str>,
    stdout: &'static str,
    stderr_contains: &'static str,
    code: i32,
}

#[test]
fn jsonata_command_contract() {
    let dir = std::env::temp_dir().join(format!("aslplay-jsonata-cmd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cases = [
        Case {
            args: &["$sum(a) * 2"],
            input: Some(r#"{"a":[1,2.5]}"#),
            bindings: None,
            stdout: "7\n",
            stderr_contains: "",
            code: 0,
        },
        Case {
            args: &["1/4"],
            input: None,
            bindings: None,
            stdout: "0.25\n",
            stderr_contains: "",
            code: 0,
        },
        Case {
            args: &["nothing"],
            input: Some("{}"),
            bindings: None,
            stdout: "",
            stderr_contains: "",
            code: 0,
        },
        Case {
            args: &["$x & $string(1e21)"],
            input: None,
            bindings: Some(r#"{"x":"n="}"#),
            stdout: "\"n=1e+21\"\n",
            stderr_contains: "",
            code: 0,
        },
        Case {
            args: &["\"a\" + 1"],
            input: None,
            bindings: None,
            stdout: "",
            stderr_contains: r#"{"code":"T2001","position":5,"message":"The left side of the \"+\" operator must evaluate to a number"}"#,
            code: 1,
        },
        Case {
            args: &["a ?: b"],
            input: None,
            bindings: None,
            stdout: "",
            stderr_contains: r#""code":"S0211""#,
            code: 1,
        },
        Case {
            args: &["$partition([1,2,3], 2)"],
            input: None,
            bindings: None,
            stdout: "[[1,2],[3]]\n",
            stderr_contains: "",
            code: 0,
        },
    ];
    for (i, c) in cases.iter().enumerate() {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_aslplay"));
        cmd.arg("jsonata").args(c.args);
        if let Some(text) = c.input {
            let p = dir.join(format!("input{i}.json"));
            std::fs::write(&p, text).expect("write input");
            cmd.arg("--input").arg(&p);
        }
        if let Some(text) = c.bindings {
            let p = dir.join(format!("bindings{i}.json"));
            std::fs::write(&p, text).expect("write bindings");
            cmd.arg("--bindings").arg(&p);
        }
        let out = cmd.output().expect("run aslplay");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(c.code),
            "{:?}: stderr {stderr}",
            c.args
        );
        assert_eq!(stdout, c.stdout, "{:?}", c.args);
        assert!(
            stderr.contains(c.stderr_contains),
            "{:?}: stderr {stderr}",
            c.args
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
