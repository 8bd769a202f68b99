//! The bundled sample session: the files in `inspect/samples/` are what the scripted scenario
//! writes today, every call decodes with nothing left raw, and the HAR and raw forms decode to
//! the same output. Bad captures are reported per call.

mod common;
use common::without_capture_details;
use mapi_codec::tree::Tree;
use mapi_inspect::sample;
use mapi_inspect::session::{decode_session, SessionOptions, SessionReport};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}"))
        .unwrap_or_else(|e| panic!("{name} must exist in inspect/samples: {e}"))
}

fn decode(bytes: &[u8]) -> SessionReport {
    decode_session(bytes, &SessionOptions::default()).expect("a capture")
}

fn get<'t>(t: &'t Tree, path: &[&str]) -> &'t Tree {
    let mut t = t;
    for p in path {
        t = match (t, p.parse::<usize>()) {
            (Tree::List(items), Ok(i)) => items.get(i).unwrap_or_else(|| panic!("[{i}]")),
            (Tree::Struct(fields), _) => {
                &fields
                    .iter()
                    .find(|(k, _)| k == p)
                    .unwrap_or_else(|| panic!("no field {p} in {t:?}"))
                    .1
            }
            _ => panic!("{p}: not a struct or list"),
        };
    }
    t
}

fn list(t: &Tree) -> &[Tree] {
    match t {
        Tree::List(v) => v,
        other => panic!("not a list: {other:?}"),
    }
}

/// Every field name in the tree.
fn keys(t: &Tree, out: &mut Vec<String>) {
    match t {
        Tree::Struct(fields) => {
            for (k, v) in fields {
                out.push(k.to_string());
                keys(v, out);
            }
        }
        Tree::List(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn sample_files_are_what_the_scenario_writes() {
    let built = sample::build().expect("the scenario encodes");
    assert!(
        read("sample.http") == built.http,
        "inspect/samples/sample.http differs from the scenario: run \
         `cargo run -p mapi-inspect --example make_sample_session`"
    );
    assert!(
        read("sample.har") == built.har.as_bytes(),
        "inspect/samples/sample.har differs from the scenario: run \
         `cargo run -p mapi-inspect --example make_sample_session`"
    );
    for (name, bytes) in [("sample.saz", &built.saz), ("sample.pcapng", &built.pcapng)] {
        assert!(
            &read(name) == bytes,
            "inspect/samples/{name} differs from the scenario: run \
             `cargo run -p mapi-inspect --example make_sample_session`"
        );
    }
    // Built twice, byte for byte the same (fixed zip times, fixed packet times).
    assert_eq!(sample::build().unwrap(), built);
}

#[test]
fn every_call_decodes_with_nothing_left_raw() {
    let report = decode(&read("sample.http"));
    let types: Vec<&str> = report
        .calls
        .iter()
        .map(|c| c.request_type.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "Connect",
            "Execute",
            "Execute",
            "Execute",
            "Execute",
            "Execute",
            "Execute",
            "NotificationWait",
            "Disconnect",
            "Bind",
            "GetSpecialTable",
            "QueryRows",
            "ResolveNames"
        ]
    );
    assert!(report.summary.failures.is_empty(), "{:?}", report.summary);
    for c in &report.calls {
        assert!(c.errors.is_empty(), "call {}: {:?}", c.index, c.errors);
        let mut k = Vec::new();
        keys(&c.tree, &mut k);
        for bad in [
            "Undecoded",
            "Raw",
            "Note",
            "AuxBlocksError",
            "RequestBuffersError",
            "Payload",
        ] {
            assert!(!k.iter().any(|x| x == bad), "call {}: {bad}", c.index);
        }
        assert!(!matches!(
            get(&c.tree, &["Request", "Body"]),
            Tree::Bytes(_)
        ));
        assert!(!matches!(
            get(&c.tree, &["Response", "Body"]),
            Tree::Bytes(_)
        ));
    }
    // Compressed and obfuscated buffers were undone.
    let s = &report.summary;
    assert!(s.compressed_buffers >= 2 && s.xor_buffers >= 2, "{s:?}");
    assert!(s.plain_bytes > s.wire_bytes);
    assert_eq!(s.rop_requests["RopRelease"], 5);
    assert_eq!(s.rop_responses["RopFastTransferSourceGetBuffer"], 2);
    assert_eq!(s.rop_requests["RopOpenStream"], 2);
    assert_eq!(s.rop_responses["RopBufferTooSmall"], 1);
}

fn response_rops(report: &SessionReport, call: usize) -> &[Tree] {
    list(get(
        &report.calls[call - 1].tree,
        &[
            "Response",
            "Body",
            "RopBuffer",
            "Buffers",
            "0",
            "RopResponseBuffer",
            "RopsList",
        ],
    ))
}

#[test]
fn query_rows_are_typed_and_named_properties_named() {
    let report = decode(&read("sample.http"));
    let rops = response_rops(&report, 2);
    let rows = list(get(&rops[5], &["RowData"]));
    assert_eq!(rows.len(), 50);
    for row in rows {
        let cells = list(get(row, &["ValueArray"]));
        assert_eq!(cells.len(), 6);
        let value = |i: usize| {
            let v = get(&cells[i], &["Value"]);
            match v {
                Tree::Struct(_) => get(v, &["PropertyValue"]),
                other => other,
            }
        };
        assert!(matches!(value(0), Tree::Text(s) if s.contains('(')));
        assert!(matches!(value(1), Tree::Text(s) if s.starts_with("2026-11-")));
        assert!(matches!(value(2), Tree::Bytes(b) if b.len() == 70));
        assert!(matches!(value(3), Tree::Int(_)));
        assert!(matches!(
            get(&cells[5], &["PropertyTag"]),
            Tree::Named { value: 0x8005_0003, name: Some(n), .. }
                if n == "named: {00062008-0000-0000-C000-000000000046}:0x8501"
        ));
    }
    // The named property keeps its name in a later call of the same session.
    let text = report.calls[2].tree.to_text();
    assert!(text.contains("0x80050003 (named: {00062008-0000-0000-C000-000000000046}:0x8501)"));
    // RopBufferTooSmall carries the unprocessed requests; the next Execute sends them again.
    let rops = response_rops(&report, 3);
    let again = list(get(&rops[2], &["RequestBuffersDecoded"]));
    assert_eq!(again.len(), 2);
    // The recipient row of RopOpenMessage is decoded with the RecipientColumns beside it.
    let recipient = get(
        &rops[0],
        &[
            "RecipientRows",
            "0",
            "RecipientRow",
            "RecipientProperties",
            "ValueArray",
            "0",
        ],
    );
    assert_eq!(
        get(recipient, &["Value"]),
        &Tree::Text("jane.doe@contoso.com".into())
    );
    let rops = response_rops(&report, 4);
    assert!(matches!(get(&rops[1], &["Data"]), Tree::Bytes(b) if b.starts_with(b"H\0i\0 \0J\0")));
    // The address book rows.
    let text = report.calls[11].tree.to_text();
    for n in ["Ann Lee", "Eli Novak", "annlee@contoso.com"] {
        assert!(text.contains(n), "{n}");
    }
}

/// The elements of a FastTransfer stream, as the tree shows them under a GetBuffer response.
fn stream_elements(rop: &Tree) -> Vec<String> {
    list(get(rop, &["FastTransferStream"]))
        .iter()
        .map(|e| match e {
            Tree::Struct(f) => {
                let v = f[0].1.to_text();
                format!("{}={}", f[0].0, v.trim_end().trim_start_matches("- "))
            }
            other => panic!("not an element: {other:?}"),
        })
        .collect()
}

#[test]
fn fast_transfer_stream_decodes_across_calls() {
    let report = decode(&read("sample.http"));
    // Call 5: RopFastTransferSourceCopyTo creates the download context, the first GetBuffer
    // ends inside the subject: the elements before it are shown, the subject is held back.
    let rops = response_rops(&report, 5);
    assert_eq!(
        stream_elements(&rops[1]),
        [
            "PropertyTag=0x0E060040 (PidTagMessageDeliveryTime)",
            "FixedSizeValue=0x1DD78C524118000",
            "PropertyTag=0x80050003 (named: {00062008-0000-0000-C000-000000000046}:0x8501)",
            "FixedSizeValue=0xF",
        ]
    );
    assert!(matches!(
        get(&rops[1], &["FastTransferStreamContinues"]),
        Tree::Text(t) if t.contains("0x0037001F")
    ));
    // Call 6, another Execute: the subject completes, whole, then the recipient; the stream
    // ends (TransferStatus Done) at an element boundary.
    let rops = response_rops(&report, 6);
    let elements = stream_elements(&rops[0]);
    assert_eq!(
        elements[..3],
        [
            "PropertyTag=0x0037001F (PidTagSubject)",
            "Length=66",
            "Data=\"Quarterly report draft (Ann Lee)\"",
        ]
    );
    assert_eq!(elements[3], "Marker=0x40030003 (StartRecip)");
    assert_eq!(elements.last().unwrap(), "Marker=0x40040003 (EndToRecip)");
    assert!(elements.contains(&"Data=\"jane.doe@contoso.com\"".to_string()));
    let mut k = Vec::new();
    keys(&rops[0], &mut k);
    assert!(!k.iter().any(|x| x.starts_with("FastTransferStreamE")));
    assert!(!k.iter().any(|x| x == "FastTransferStreamContinues"));
}

#[test]
fn fast_transfer_stream_errors_are_reported_per_call() {
    // The second TransferBuffer's first bytes belong to the subject; damage the recipient's
    // property type instead (StartRecip, then the tag 0x0C150003): an unknown type 0x0099.
    let good = read("sample.http");
    let needle = [0x03, 0x00, 0x03, 0x40, 0x03, 0x00, 0x15, 0x0C];
    let at = find(&good, &needle);
    let mut bad = good.clone();
    bad[at + 4] = 0x99;
    let r = decode(&bad);
    let errors = &r.calls[5].errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("RopFastTransferSourceGetBuffer") && errors[0].contains("FastTransfer"),
        "{errors:?}"
    );
    // The other calls, the release of the context among them, are untouched.
    for c in &r.calls {
        assert_eq!(c.errors.is_empty(), c.index != 6, "call {}", c.index);
    }
}

#[test]
fn har_and_raw_decode_identically() {
    let raw = decode(&read("sample.http"));
    let har = decode(&read("sample.har"));
    // The HAR form says when each request began (startedDateTime); raw HTTP cannot.
    assert_eq!(
        har.calls[1].timers.client_begin_request.as_deref(),
        Some("2026-11-20T08:00:01.000Z")
    );
    assert!(raw.calls.iter().all(|c| c.timers.is_empty()));
    let har = without_capture_details(har);
    assert_eq!(raw.to_text(), har.to_text());
    assert_eq!(raw.to_json_lines().unwrap(), har.to_json_lines().unwrap());
}

#[test]
fn json_lines_parse() {
    let report = decode(&read("sample.har"));
    let out = report.to_json_lines().unwrap();
    let mut n = 0;
    for l in out.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
        assert!(v.is_object());
        n += 1;
    }
    assert_eq!(n, report.calls.len() + 1);
}

#[test]
fn filter_keeps_only_matching_rops() {
    let opts = SessionOptions {
        filter: Some("RopQueryRows".into()),
        ..SessionOptions::default()
    };
    let report = decode_session(&read("sample.http"), &opts).unwrap();
    let shown: Vec<usize> = report
        .calls
        .iter()
        .filter(|c| c.shown)
        .map(|c| c.index)
        .collect();
    assert_eq!(shown, [2]);
    let rops = response_rops(&report, 2);
    assert_eq!(rops.len(), 1);
    let text = report.calls[1].tree.to_text();
    assert!(!text.contains("RopLogon"));
    assert!(text.contains("RopQueryRows"));
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("needle")
}

#[test]
fn bad_captures_are_reported_per_call() {
    let good = read("sample.http");

    // An unknown request type (the same length, so the framing holds).
    let mut bad = good.clone();
    let needle = b"X-RequestType: NotificationWait";
    while let Some(i) = bad.windows(needle.len()).position(|w| w == needle) {
        bad[i + needle.len() - 1] = b'X';
    }
    let r = decode(&bad);
    assert_eq!(r.calls.len(), 13);
    for c in &r.calls {
        assert_eq!(c.errors.is_empty(), c.index != 8, "call {}", c.index);
    }
    assert!(r.calls[7].errors[0].contains("unknown request type"));

    // A response without its request: the first request is gone.
    let at = find(&good, b"HTTP/1.1 200 OK");
    let r = decode(&good[at..]);
    assert!(r.calls[0].errors.iter().any(|e| e.contains("no request")));
    assert!(r.calls[1..].iter().all(|c| c.errors.is_empty()));

    // A truncated body: the capture ends inside the fifth call's response.
    let fifth = find(
        &good,
        b"X-RequestId: {E2EA6C1C-E61B-49E9-9CFB-38184F907552}:5",
    );
    let r = decode(&good[..fifth + 400]);
    assert_eq!(r.calls.len(), 5);
    assert!(r.calls[..4].iter().all(|c| c.errors.is_empty()));
    assert!(!r.calls[4].errors.is_empty());

    // A corrupted ROP buffer in one Execute: reported with its offset, later calls decode.
    let mut bad = good.clone();
    let third = find(
        &bad,
        b"X-RequestId: {E2EA6C1C-E61B-49E9-9CFB-38184F907552}:3",
    );
    let body = third + find(&bad[third..], b"\r\n\r\n") + 4;
    // Flags (4), RopBufferSize (4), RPC_HEADER_EXT: a Version of 1 is invalid.
    bad[body + 8] = 1;
    let r = decode(&bad);
    assert!(
        r.calls[2].errors[0].contains("offset 8"),
        "{:?}",
        r.calls[2].errors
    );
    assert!(r.calls[4..].iter().all(|c| c.errors.is_empty()));
}

#[test]
fn damaged_captures_never_panic() {
    let good = read("sample.http");
    for cut in (0..good.len()).step_by(61) {
        match decode_session(&good[..cut], &SessionOptions::default()) {
            Ok(r) => assert!(r.calls.len() <= 13),
            // Nothing left: not a capture.
            Err(e) => assert_eq!(cut, 0, "{e}"),
        }
    }
    for at in (0..good.len()).step_by(37) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        match decode_session(&bad, &SessionOptions::default()) {
            Ok(r) => assert!(!r.calls.is_empty()),
            // The first bytes no longer start a request: not a capture at all.
            Err(e) => assert!(at < 4, "{at}: {e}"),
        }
    }
    let har = read("sample.har");
    for cut in (0..har.len()).step_by(997) {
        // A cut HAR is not JSON: an error for the whole capture, never a panic.
        let _ = decode_session(&har[..cut], &SessionOptions::default());
    }
}

/// A HAR entry whose request and response bodies are base64 `text`.
fn har_with_bodies(request: &str, response: &str) -> Vec<u8> {
    serde_json::json!({ "log": { "entries": [{
        "request": {
            "method": "POST",
            "url": "https://mail.contoso.com/mapi/emsmdb/",
            "httpVersion": "HTTP/1.1",
            "headers": [],
            "postData": { "text": request, "encoding": "base64" },
        },
        "response": {
            "status": 200,
            "httpVersion": "HTTP/1.1",
            "headers": [],
            "content": { "text": response, "encoding": "BASE64" },
        },
    }]}})
    .to_string()
    .into_bytes()
}

#[test]
fn har_base64_bodies_decode() {
    use mapi_inspect::session::read_har;
    // Line breaks are skipped, padding is optional, unused low bits of the last character are
    // ignored (as the hand-written decoder did before the base64 crate).
    for (text, want) in [
        ("Zm9v\r\nYmE", &b"fooba"[..]),
        ("Zm9vYmE=", b"fooba"),
        (" Zm9v YmFy\n", b"foobar"),
        ("Zm9=", b"fo"),
        ("", b""),
    ] {
        let ex = read_har(&har_with_bodies(text, "AAEC")).unwrap();
        assert!(ex[0].problems.is_empty(), "{text:?}: {:?}", ex[0].problems);
        assert_eq!(ex[0].request.as_ref().unwrap().body, want, "{text:?}");
        assert_eq!(ex[0].response.as_ref().unwrap().body, [0, 1, 2]);
    }
    // Refused now, taken before: text after the padding (the old decoder stopped at the first
    // '='), and a last group of one character (the old decoder dropped its 6 bits).
    for text in ["Zm8=Zm8=", "Zm9vY", "Zm9v*"] {
        let ex = read_har(&har_with_bodies(text, "")).unwrap();
        assert!(ex[0].request.is_none(), "{text:?}");
        assert!(
            ex[0].problems[0].starts_with("entry 0: request.postData: not base64"),
            "{text:?}: {:?}",
            ex[0].problems
        );
    }
}
