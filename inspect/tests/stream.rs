//! Streaming a capture ([`read_capture_stream`] and [`SessionDecoder`]) gives what reading it
//! whole gives: the same exchanges (problems and their offsets included) from raw HTTP read a
//! few bytes at a time, the same calls and summary from every format.

use std::io::Read;

use mapi_inspect::session::{
    decode_session, read_capture, read_capture_stream, CaptureError, Exchange, SessionDecoder,
    SessionOptions, SessionReport,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).expect("sample")
}

/// A reader that hands out 1 to 7 bytes a call, so that every message boundary falls inside a
/// read somewhere.
struct Trickle<'a> {
    data: &'a [u8],
    n: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.n = self.n % 7 + 1;
        let k = self.n.min(buf.len()).min(self.data.len());
        buf[..k].copy_from_slice(&self.data[..k]);
        self.data = &self.data[k..];
        Ok(k)
    }
}

fn streamed(input: impl Read) -> Result<Vec<Exchange>, CaptureError> {
    let mut out = Vec::new();
    read_capture_stream(input, Default::default(), |e| out.push(e))?;
    Ok(out)
}

fn streamed_report(input: &[u8]) -> SessionReport {
    let mut decoder = SessionDecoder::new(SessionOptions::default());
    let mut calls = Vec::new();
    read_capture_stream(input, Default::default(), |ex| {
        calls.extend(decoder.decode(&ex))
    })
    .expect("a capture");
    SessionReport {
        calls,
        summary: decoder.finish(),
    }
}

#[test]
fn raw_http_read_a_few_bytes_at_a_time_gives_the_same_exchanges() {
    let good = read("sample.http");
    let whole = read_capture(&good, Default::default()).unwrap();
    assert_eq!(whole.len(), 13);
    assert_eq!(streamed(Trickle { data: &good, n: 0 }).unwrap(), whole);
    // Larger than the window the reader keeps (64 KiB): messages straddle its ends, and a
    // damaged message is resynchronised past them.
    let big = good.repeat(10);
    let whole = read_capture(&big, Default::default()).unwrap();
    assert_eq!(streamed(Trickle { data: &big, n: 0 }).unwrap(), whole);
    for near in [60_000, 65_536, 131_000, 150_001] {
        // The start line of the next request: the message no longer parses.
        let at = near
            + big[near..]
                .windows(10)
                .position(|w| w == b"POST /mapi")
                .unwrap();
        let mut bad = big.clone();
        bad[at..at + 8].fill(b'#');
        let whole = read_capture(&bad, Default::default()).unwrap();
        assert!(whole.iter().any(|e| !e.problems.is_empty()), "{at}");
        assert_eq!(
            streamed(Trickle { data: &bad, n: at }).unwrap(),
            whole,
            "damage at {at}"
        );
    }
    // Damaged: cut anywhere, or a byte flipped (the problems and their offsets agree too).
    for cut in (1..good.len()).step_by(97) {
        let whole = read_capture(&good[..cut], Default::default());
        let stream = streamed(Trickle {
            data: &good[..cut],
            n: cut,
        });
        match (whole, stream) {
            (Ok(w), Ok(s)) => assert_eq!(s, w, "cut at {cut}"),
            (Err(w), Err(s)) => assert_eq!(s, w, "cut at {cut}"),
            (w, s) => panic!("cut at {cut}: {w:?} / {s:?}"),
        }
    }
    // (Past the first line's method: a capture that starts with no method is refused alike.)
    for at in (8..good.len()).step_by(41) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        let whole = read_capture(&bad, Default::default()).unwrap();
        assert_eq!(
            streamed(Trickle { data: &bad, n: at }).unwrap(),
            whole,
            "flip at {at}"
        );
    }
}

#[test]
fn every_format_streams_to_the_same_calls() {
    for name in ["sample.http", "sample.har", "sample.saz", "sample.pcapng"] {
        let bytes = read(name);
        let whole = decode_session(&bytes, &SessionOptions::default()).unwrap();
        let stream = streamed_report(&bytes);
        assert_eq!(stream.to_text(), whole.to_text(), "{name}");
        assert_eq!(
            stream.to_json_lines().unwrap(),
            whole.to_json_lines().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_har_log_streams_entry_by_entry_and_is_refused_as_a_whole_when_not_one() {
    let har = read("sample.har");
    assert_eq!(
        streamed(Trickle { data: &har, n: 0 }).unwrap(),
        read_capture(&har, Default::default()).unwrap()
    );
    for (text, want) in [
        (&br#"{"x": 1}"#[..], CaptureError::NotHar("no `log` object")),
        (
            br#"{"log": {"version": "1.2"}}"#,
            CaptureError::NotHar("no `log.entries` list"),
        ),
        (
            br#"{"log": {"entries": {}}}"#,
            CaptureError::NotHar("no `log.entries` list"),
        ),
        (
            br#"{"log": 7}"#,
            CaptureError::NotHar("no `log.entries` list"),
        ),
    ] {
        assert_eq!(
            streamed(text).unwrap_err(),
            want,
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    // Cut short: invalid JSON, reported once for the capture.
    let cut = streamed(&har[..har.len() / 2]).unwrap_err();
    assert!(matches!(cut, CaptureError::Json(_)), "{cut:?}");
}

#[test]
fn a_session_is_forgotten_when_it_ends() {
    // The sample's mailbox session ends with Disconnect, its address-book one with Unbind: a
    // copy of the capture decodes the same again (no state of the first copy is left over).
    let once = read("sample.http");
    let twice = [once.clone(), once.clone()].concat();
    let a = streamed_report(&once);
    let b = streamed_report(&twice);
    assert_eq!(b.calls.len(), 2 * a.calls.len());
    for (x, y) in a.calls.iter().zip(&b.calls[a.calls.len()..]) {
        assert_eq!(
            x.tree.to_text(),
            y.tree
                .to_text()
                .replace(&format!("Call: {}", y.index), &format!("Call: {}", x.index))
        );
    }
}
