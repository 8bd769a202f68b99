//! Every golden vector goes through its serde form and back: `decode --format json`, then
//! `encode`, gives the input's bytes (responses with the request given, as for decoding).
//!
//! A vector is decoded (with [`Options::json`](mapi_inspect::Options)), its JSON written as
//! text and read back (so nothing depends on the in-memory value), then encoded. Hostile
//! vectors that decode in part (a malformed rest kept raw) go round like the others: their
//! undecoded bytes are in the JSON. Hostile vectors that do not decode at all have no JSON;
//! they are counted and must be exactly the ones whose decoding fails.

use mapi_inspect::{decode, json, Error};

#[test]
fn every_vector_goes_through_json_and_back_byte_exact() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let (mut through, mut refused, mut failures) = (0, 0, Vec::new());
    for v in &vectors {
        let mut opts = v.options.clone();
        opts.json = true;
        let d = match decode(&v.kind, &v.bytes, &opts) {
            Ok(d) => d,
            Err(Error::Decode(_)) if v.expect_error.is_some() => {
                refused += 1;
                continue;
            }
            Err(e) => {
                failures.push(format!("{}: decode: {e}", v.name));
                continue;
            }
        };
        let text = serde_json::to_string(&d.json.expect("JSON asked for")).expect("JSON text");
        // The kinds that show a buffer's payload decoded do show it (when there are buffers).
        for (kind, key) in [
            ("execute-request", "\"RopRequestBuffer\""),
            ("execute-response", "\"RopResponseBuffer\""),
            ("aux-buffer", "\"AuxBlocks\""),
        ] {
            let buffers = text.contains("\"Buffers\":[{");
            if v.kind == kind && v.expect_error.is_none() && buffers && !text.contains(key) {
                failures.push(format!("{}: no {key} in {text}", v.name));
            }
        }
        let back: serde_json::Value = serde_json::from_str(&text).expect("JSON reads back");
        match json::encode(&v.kind, &back, &opts) {
            Ok(bytes) if bytes == v.bytes => through += 1,
            Ok(bytes) => failures.push(format!(
                "{}: differs at {:?}\n{text}",
                v.name,
                mapi_inspect::first_difference(&v.bytes, &bytes)
            )),
            Err(e) => failures.push(format!("{}: encode: {e}\n{text}", v.name)),
        }
    }
    println!("{through} vectors through JSON and back, {refused} hostile vectors refused");
    assert!(
        failures.is_empty(),
        "{} vectors fail:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let hostile = vectors.iter().filter(|v| v.expect_error.is_some()).count();
    assert!(
        refused < hostile,
        "some hostile vectors decode in part and go round"
    );
    assert_eq!(through + refused, vectors.len());
}
