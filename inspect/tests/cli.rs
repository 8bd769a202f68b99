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
fn no_arguments_decodes_the_sample_session() {
    let o = run(&[], b"");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("=== call 1: Connect ===\n"), "{out}");
    assert!(out.contains("=== summary ==="), "{out}");
    assert!(out.contains("Failures: [0]"), "{out}");
}

#[test]
fn the_sample_vector_is_still_reachable() {
    let o = run(&["sample"], b"");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("RestrictType: 0x00 (AndRestriction)"), "{out}");
    assert!(out.contains("\"report\""), "{out}");
}

#[test]
fn session_json_lines_parse() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/sample.har");
    let o = run(&["session", path, "--format", "json"], b"");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 14, "13 calls and the summary");
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
        assert!(v.is_object());
    }
    assert!(lines[13].starts_with("{\"Summary\":"));
}

#[test]
fn session_of_a_bad_capture_exits_1_and_names_the_call() {
    let bad = b"POST /mapi/emsmdb/ HTTP/1.1\r\nX-RequestType: Bogus\r\nContent-Length: 0\r\n\r\n\
                HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    let o = run(&["session", "-"], bad);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("call 1: unknown request type"), "{out}");
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
fn tree_json_uses_spec_names_and_name_siblings() {
    let o = run(
        &[
            "decode",
            "restriction",
            "--hex",
            "--format",
            "tree-json",
            "-",
        ],
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
    // A list of codes carries their names beside it, as one code does.
    let o = run(
        &[
            "decode",
            "property-tag-array",
            "--hex",
            "--format",
            "tree-json",
        ],
        b"0200 1f000130 0300080e",
    );
    let out = text(&o.stdout);
    assert!(
        out.contains(
            "\"PropertyTags\":[805371935,235405315],\
             \"PropertyTagsNames\":[\"PidTagDisplayName\",\"PidTagMessageSize\"]"
        ),
        "{out}"
    );
}

#[test]
fn json_is_the_serde_form_and_encode_reads_it_back() {
    // [MS-OXCDATA] 2.12.2 OrRestriction of one ExistRestriction on PidTagDisplayName
    // (0x3001001F).
    let o = run(
        &["decode", "restriction", "--hex", "--format", "json", "-"],
        b"01 0100 08 1f000130\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({"OrRestriction": [
            {"ExistRestriction": {"PropTag": "PidTagDisplayName:PtypString"}}
        ]})
    );
    let o = run(&["encode", "restriction", "--hex"], &o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "010100081f000130");
    // Raw bytes without --hex, as decode reads them without it.
    let o = run(
        &["encode", "restriction"],
        br#"{"ExistRestriction": {"PropTag": "0x0E080003"}}"#,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(o.stdout, [0x08, 0x03, 0x00, 0x08, 0x0E]);
}

#[test]
fn encode_refuses_what_is_not_the_kind_with_one_line() {
    for (kind, input, want) in [
        ("restriction", &b"not json"[..], "not JSON"),
        (
            "restriction",
            br#"{"NoSuchRestriction": 1}"#,
            "unknown variant",
        ),
        // A PtypInteger32 value under a PtypString tag: the encoder refuses it.
        (
            "tagged-property-value",
            br#"{"PropertyTag": "PidTagSubject:PtypString", "PropertyValue": {"Integer32": 5}}"#,
            "re-encoding failed",
        ),
        // Size must be the bytes of the payload.
        (
            "rpc-ext",
            br#"{"Buffers": [{"RPC_HEADER_EXT": {"Flags": "Last", "Size": 9}, "Payload": "00"}]}"#,
            "Size is 1",
        ),
        (
            "nspi-bind-request",
            br#"{"UnbindRequest": {"Reserved": 0, "AuxiliaryBuffer": null}}"#,
            "not nspi-bind-request",
        ),
    ] {
        let o = run(&["encode", kind, "--hex"], input);
        assert_eq!(o.status.code(), Some(2), "{kind}: {}", text(&o.stdout));
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{kind}: {err}");
    }
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

#[test]
fn session_of_a_file_that_is_no_capture_exits_2_with_one_line() {
    let o = run(&["session", "-"], b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: the capture is not HAR, raw HTTP/1.1, a Fiddler .saz archive"),
        "{err}"
    );
}

#[test]
fn session_reads_the_fiddler_and_pcapng_samples() {
    for name in ["sample.saz", "sample.pcapng"] {
        let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
        let o = run(&["session", &path], b"");
        assert!(o.status.success(), "{name}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.contains("=== call 13: ResolveNames ==="), "{name}");
        assert!(out.contains("Failures: [0]"), "{name}");
    }
}

#[test]
fn session_writes_html_and_decode_refuses_it() {
    let out = run(&["session", "--format", "html"], b"");
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    let out = run(&["decode", "rop-request", "--format", "html"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--format html is for `session`"));
}
