//! `mapi-inspect session`: a capture (HAR or raw HTTP messages) decoded call by call with the
//! per-session context, then rendered as text and JSON lines; no input may make it panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_inspect::session::{decode_session, SessionOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = decode_session(data, &SessionOptions::default()) {
        let _ = report.to_text();
        report
            .to_json_lines()
            .expect("a report renders as JSON lines");
    }
});
