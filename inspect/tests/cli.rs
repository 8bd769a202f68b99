//! The CLI's interface, as scripts see it: exit codes, one-line errors, JSON keys.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mapi-inspect"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn no_arguments_decodes_the_sample() {
    let o = run(&[], b"");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("RestrictType: 0x00 (AndRestriction)"), "{out}");
    assert!(out.contains("\"report\""), "{out}");
}

#[test]
fn kinds_lists_one_a_line() {
    let o = run(&["kinds"], b"");
    assert!(o.status.success());
    let out = text(&o.stdout);
    for k in mapi_inspect::KINDS {
        assert!(out.lines().any(|l| l == *k), "{k} missing");
    }
}

#[test]
fn json_uses_spec_names_and_name_siblings() {
    let o = run(
        &["decode", "restriction", "--hex", "--format", "json", "-"],
        b"01 0100 08 1f000130\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("\"RestrictType\":1"), "{out}");
    assert!(
        out.contains("\"RestrictTypeName\":\"OrRestriction\""),
        "{out}"
    );
    assert!(out.contains("\"PropTag\":805371935"), "{out}");
}

#[test]
fn roundtrip_says_identical() {
    let o = run(&["roundtrip", "restriction", "--hex"], b"08 1f000130");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout).trim(), "identical");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let o = run(&["decode", "restriction", "--hex"], b"00 ffff 08");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("count-too-large at offset 1 in RestrictCount"),
        "{err}"
    );
    // Trailing bytes are an error too.
    let o = run(&["decode", "restriction", "--hex"], b"08 1f000130 00");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("trailing-bytes at offset 5"));
    // Odd hex.
    let o = run(&["decode", "restriction", "--hex"], b"081");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let mut b = vec![0x02u8; 100_000];
    b.extend_from_slice(&[0x08, 0x1f, 0x00, 0x01, 0x30]);
    let o = run(&["decode", "restriction"], &b);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("limit-exceeded"));
}
