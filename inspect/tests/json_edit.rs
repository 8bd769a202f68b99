//! Editing a decoded message as JSON and encoding it: the change is in the bytes, and what was
//! not changed stays as it was.

use mapi_inspect::{decode, json, Options};

fn json_of(kind: &str, bytes: &[u8]) -> serde_json::Value {
    let opts = Options {
        json: true,
        ..Options::default()
    };
    decode(kind, bytes, &opts).unwrap().json.unwrap()
}

/// An Execute request body ([MS-OXCMAPIHTTP] 2.2.4.2.1) whose one extended buffer is
/// compressed and obfuscated, holding RopSetColumns and RopQueryRows (RowCount 2).
fn execute_request() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/vectors/project/oxcmapihttp-2.2.4.2.1-execute-request-compressed.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let hex: String = text
        .split("hex = \"\"\"")
        .nth(1)
        .unwrap()
        .split("\"\"\"")
        .next()
        .unwrap()
        .into();
    mapi_inspect::parse_hex(&hex).unwrap()
}

#[test]
fn an_edited_rop_goes_into_a_recompressed_buffer() {
    let bytes = execute_request();
    let mut v = json_of("execute-request", &bytes);
    let buffer = &mut v["RopBuffer"]["Buffers"][0];
    assert_eq!(
        buffer["RPC_HEADER_EXT"]["Flags"],
        serde_json::json!("Compressed|XorMagic|Last")
    );
    let rops = &mut buffer["RopRequestBuffer"]["RopsList"];
    assert_eq!(rops[1]["RopId"], serde_json::json!("RopQueryRows"));
    assert_eq!(rops[1]["RowCount"], serde_json::json!(2));
    // Unchanged, the bytes come back as they were.
    assert_eq!(
        json::encode("execute-request", &v, &Options::default()).unwrap(),
        bytes
    );

    // Ask for 50 rows: the buffer is written again (compressed and obfuscated as its flags
    // say), and decodes to the edit.
    v["RopBuffer"]["Buffers"][0]["RopRequestBuffer"]["RopsList"][1]["RowCount"] =
        serde_json::json!(50);
    let edited = json::encode("execute-request", &v, &Options::default()).unwrap();
    assert_ne!(edited, bytes);
    let back = json_of("execute-request", &edited);
    let buffer = &back["RopBuffer"]["Buffers"][0];
    assert_eq!(
        buffer["RPC_HEADER_EXT"]["Flags"],
        serde_json::json!("Compressed|XorMagic|Last")
    );
    assert_eq!(
        buffer["RopRequestBuffer"]["RopsList"][1]["RowCount"],
        serde_json::json!(50)
    );
    assert_eq!(
        buffer["RopRequestBuffer"]["RopsList"][0],
        v["RopBuffer"]["Buffers"][0]["RopRequestBuffer"]["RopsList"][0]
    );
}

#[test]
fn an_http_body_that_changes_length_updates_its_framing() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/sample.http");
    let capture = std::fs::read(path).unwrap();
    // The first message of the sample: the Connect request, framed by Content-Length.
    let end = capture
        .windows(12)
        .position(|w| w == b"HTTP/1.1 200")
        .unwrap();
    let request = &capture[..end];
    let mut v = json_of("http-request", request);
    assert_eq!(v["BodyKind"], serde_json::json!("connect-request"));
    assert_eq!(
        json::encode("http-request", &v, &Options::default()).unwrap(),
        request
    );
    v["Body"]["UserDn"] = serde_json::json!("/o=Contoso/cn=Recipients/cn=someone-else");
    let edited = json::encode("http-request", &v, &Options::default()).unwrap();
    let back = json_of("http-request", &edited);
    assert_eq!(back["Body"]["UserDn"], v["Body"]["UserDn"]);
    let body_len = edited.len() - edited.windows(4).position(|w| w == b"\r\n\r\n").unwrap() - 4;
    let header = format!("Content-Length: {body_len}");
    assert!(
        back["Headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h.as_str() == Some(&header)),
        "{back}"
    );
}
