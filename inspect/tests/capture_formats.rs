//! The capture formats: the sample session decodes to the same calls from HAR, raw HTTP, a
//! Fiddler archive, pcapng and pcap; what each format adds (timers, origins, skipped
//! sessions, gaps) is where the file says; damaged files never panic.

mod common;
use common::without_capture_details;
use std::io::{Cursor, Write};

use mapi_codec::tree::Tree;
use mapi_inspect::session::{
    decode_session, read_capture, CaptureError, CaptureFormat, SessionOptions, SessionReport,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn decode(bytes: &[u8]) -> SessionReport {
    decode_session(bytes, &SessionOptions::default()).expect("a capture")
}

fn assert_same(a: SessionReport, b: SessionReport, what: &str) {
    let (a, b) = (without_capture_details(a), without_capture_details(b));
    assert_eq!(a.to_text(), b.to_text(), "{what}: text");
    assert_eq!(
        a.to_json_lines().unwrap(),
        b.to_json_lines().unwrap(),
        "{what}: JSON"
    );
}

/// The blocks of a pcapng file (little-endian, as the sample is): (block type, bytes).
fn pcapng_blocks(file: &[u8]) -> Vec<(u32, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 12 <= file.len() {
        let kind = u32::from_le_bytes(file[at..at + 4].try_into().unwrap());
        let len = u32::from_le_bytes(file[at + 4..at + 8].try_into().unwrap()) as usize;
        out.push((kind, &file[at..at + len]));
        at += len;
    }
    assert_eq!(at, file.len());
    out
}

/// The frame of an Enhanced Packet Block and its timestamp (microseconds).
fn epb_frame(block: &[u8]) -> (&[u8], u64) {
    let high = u32::from_le_bytes(block[12..16].try_into().unwrap()) as u64;
    let low = u32::from_le_bytes(block[16..20].try_into().unwrap()) as u64;
    let caplen = u32::from_le_bytes(block[20..24].try_into().unwrap()) as usize;
    (&block[28..28 + caplen], (high << 32) | low)
}

/// The sample's packets as a classic pcap file: big-endian or not, nanoseconds or not.
fn as_pcap(big_endian: bool, nanos: bool) -> Vec<u8> {
    let w32 = |v: u32| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let w16 = |v: u16| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut out = Vec::new();
    out.extend(w32(if nanos { 0xA1B2_3C4D } else { 0xA1B2_C3D4 }));
    out.extend(w16(2));
    out.extend(w16(4));
    out.extend(w32(0));
    out.extend(w32(0));
    out.extend(w32(65_535));
    out.extend(w32(1)); // Ethernet
    for (kind, block) in pcapng_blocks(&read("sample.pcapng")) {
        if kind != 6 {
            continue;
        }
        let (frame, micros) = epb_frame(block);
        let frac = (micros % 1_000_000) as u32 * if nanos { 1000 } else { 1 };
        out.extend(w32((micros / 1_000_000) as u32));
        out.extend(w32(frac));
        out.extend(w32(frame.len() as u32));
        out.extend(w32(frame.len() as u32));
        out.extend_from_slice(frame);
    }
    out
}

#[test]
fn every_format_decodes_to_the_same_calls() {
    let http = decode(&read("sample.http"));
    assert_eq!(http.calls.len(), 13);
    assert!(http.summary.failures.is_empty());
    let saz = decode(&read("sample.saz"));
    let pcapng = decode(&read("sample.pcapng"));
    let pcap = decode(&as_pcap(false, false));
    let pcap_be_nano = decode(&as_pcap(true, true));
    for (r, what) in [(&saz, "saz"), (&pcapng, "pcapng"), (&pcap, "pcap")] {
        assert!(
            r.summary.failures.is_empty(),
            "{what}: {:?}",
            r.summary.failures
        );
    }
    // The archive's first session is the CONNECT of the HTTPS tunnel: skipped, not an error.
    assert_eq!(
        saz.summary.skipped,
        ["SAZ session 1: CONNECT mail.contoso.com:443 HTTP/1.1 (not a MAPI call)"]
    );
    assert!(pcapng.summary.skipped.is_empty());
    // Calls keep their numbers without the skipped session; origins say where they were.
    assert_eq!(saz.calls[0].origin.as_deref(), Some("SAZ session 2"));
    assert_eq!(
        pcapng.calls[0].origin.as_deref(),
        Some("10.0.0.5:50123 -> 10.0.0.9:80")
    );
    // The NotificationWait went over its own connection.
    assert_eq!(pcapng.calls[7].request_type, "NotificationWait");
    assert_eq!(
        pcapng.calls[7].origin.as_deref(),
        Some("10.0.0.5:50124 -> 10.0.0.9:80")
    );
    // Packet times: the sample writes call 2's request from 08:00:01.1 on, 200 us a packet.
    assert_eq!(
        pcapng.calls[1].timers.client_begin_request.as_deref(),
        Some("2026-11-20T08:00:01.100200Z")
    );
    assert_eq!(
        pcap_be_nano.calls[1].timers.client_begin_request.as_deref(),
        Some("2026-11-20T08:00:01.100200000Z")
    );
    let t = &pcapng.calls[1].timers;
    assert!(t.server_got_request < t.client_done_response);
    assert_eq!(t.server_done_response, t.client_done_response);
    let text = http.to_text();
    assert_same(http.clone(), saz, "saz");
    assert_same(http.clone(), pcapng, "pcapng");
    assert_same(http.clone(), pcap, "pcap");
    assert_same(http, pcap_be_nano, "pcap big-endian nanoseconds");
    assert!(text.contains("=== call 13: ResolveNames ==="));
}

#[test]
fn saz_timers_are_the_archive_times_in_utc() {
    let r = decode(&read("sample.saz"));
    // Session 3 (call 2): `ClientBeginRequest="2026-11-20T09:00:02.1000000+01:00"`,
    // `ServerDoneResponse="2026-11-20T09:00:02.1043750+01:00"` in raw/03_m.xml.
    let t = &r.calls[1].timers;
    assert_eq!(
        t.client_begin_request.as_deref(),
        Some("2026-11-20T08:00:02.1000000Z")
    );
    assert_eq!(
        t.server_got_request.as_deref(),
        Some("2026-11-20T08:00:02.1012500Z")
    );
    assert_eq!(
        t.server_done_response.as_deref(),
        Some("2026-11-20T08:00:02.1043750Z")
    );
    assert_eq!(
        t.client_done_response.as_deref(),
        Some("2026-11-20T08:00:02.1050000Z")
    );
    let xml = {
        let mut z = zip::ZipArchive::new(Cursor::new(read("sample.saz"))).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("raw/03_m.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(xml.contains("ClientBeginRequest=\"2026-11-20T09:00:02.1000000+01:00\""));
}

/// A Fiddler archive of the given members, deflated as Fiddler writes them.
fn archive(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The request and response of call `n` (from 1) of the raw sample.
fn sample_call(n: usize) -> (Vec<u8>, Vec<u8>) {
    let raw = read("sample.http");
    let starts: Vec<usize> = (0..raw.len())
        .filter(|&i| raw[i..].starts_with(b"POST ") || raw[i..].starts_with(b"HTTP/1.1 200"))
        .collect();
    let (q, a) = (starts[2 * (n - 1)], starts[2 * (n - 1) + 1]);
    let end = starts.get(2 * n).copied().unwrap_or(raw.len());
    (raw[q..a].to_vec(), raw[a..end].to_vec())
}

#[test]
fn saz_sessions_in_number_order_with_their_problems() {
    let (q1, a1) = sample_call(1);
    let (q2, _) = sample_call(2);
    let (q3, a3) = sample_call(3);
    let file = archive(&[
        // Numbers padded to different widths, listed out of order.
        ("raw/0010_c.txt", &q2),
        (
            "raw/0010_m.xml",
            b"<Session><SessionTimers ClientBeginRequest=",
        ),
        ("raw/7_c.txt", &q1),
        ("raw/7_s.txt", &a1),
        ("raw/012_c.txt", &q3),
        ("raw/012_s.txt", &a3[..a3.len() / 2]),
        ("raw/013_c.txt", b"GET /owa/ HTTP/1.1\r\nHost: x\r\n\r\n"),
        (
            "raw/013_s.txt",
            b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n",
        ),
        ("_index.htm", b"<html></html>"),
    ]);
    assert_eq!(CaptureFormat::detect(&file), Some(CaptureFormat::Saz));
    let ex = read_capture(&file, Default::default()).unwrap();
    let origins: Vec<_> = ex.iter().map(|e| e.origin.clone().unwrap()).collect();
    assert_eq!(
        origins,
        [
            "SAZ session 7",
            "SAZ session 10",
            "SAZ session 12",
            "SAZ session 13"
        ]
    );
    assert!(ex[0].problems.is_empty(), "{:?}", ex[0].problems);
    assert!(ex[1].response.is_none());
    assert!(
        ex[1].problems.iter().any(|p| p.contains("no response")),
        "{:?}",
        ex[1].problems
    );
    assert!(
        ex[1]
            .problems
            .iter()
            .any(|p| p.contains("raw/0010_m.xml is not XML")),
        "{:?}",
        ex[1].problems
    );
    assert!(ex[2].response.is_none());
    assert!(
        ex[2].problems[0].starts_with("raw/012_s.txt: the HTTP message does not decode"),
        "{:?}",
        ex[2].problems
    );
    let r = decode(&file);
    assert_eq!(r.calls.len(), 3);
    assert_eq!(
        r.summary.skipped,
        ["SAZ session 13: GET /owa/ HTTP/1.1 (not a MAPI call)"]
    );
    assert!(r.calls[0].errors.is_empty());
    assert!(!r.calls[1].errors.is_empty() && !r.calls[2].errors.is_empty());
}

/// The stream offset of the TCP segment in `frame` (Ethernet, IPv4 without options, TCP)
/// from the client's SYN in `frames`, and its payload length.
fn tcp_place(frames: &[&[u8]], frame: &[u8]) -> (u32, usize) {
    let seq = |f: &[u8]| u32::from_be_bytes(f[14 + 20 + 4..14 + 20 + 8].try_into().unwrap());
    let ports = |f: &[u8]| f[34..38].to_vec();
    let syn = frames
        .iter()
        .find(|f| ports(f) == ports(frame) && f[14 + 20 + 13] & 0x02 != 0)
        .expect("the SYN of the connection");
    let header = (frame[14 + 20 + 12] >> 4) as usize * 4;
    let payload = frame.len() - 14 - 20 - header;
    (seq(frame).wrapping_sub(seq(syn)).wrapping_sub(1), payload)
}

#[test]
fn pcapng_with_a_missing_segment_reports_the_gap_and_decodes_the_rest() {
    let file = read("sample.pcapng");
    let blocks = pcapng_blocks(&file);
    let frames: Vec<&[u8]> = blocks
        .iter()
        .filter(|(k, _)| *k == 6)
        .map(|(_, b)| epb_frame(b).0)
        .collect();
    // A segment in the middle of call 2's response body (its 50 rows): the block that holds
    // 16 bytes from the middle of that body.
    let (_, answer) = sample_call(2);
    let mid = answer.len() / 2;
    let (drop, frame) = (0..200)
        .find_map(|k| {
            let needle = &answer[mid + k..mid + k + 16];
            blocks
                .iter()
                .position(|(kind, b)| *kind == 6 && b.windows(16).any(|w| w == needle))
        })
        .map(|i| (i, epb_frame(blocks[i].1).0))
        .expect("a block with the middle of the body");
    let (offset, len) = tcp_place(&frames, frame);
    let mut damaged = Vec::new();
    for (i, (_, b)) in blocks.iter().enumerate() {
        if i != drop {
            damaged.extend_from_slice(b);
        }
    }
    let r = decode(&damaged);
    let whole = without_capture_details(decode(&read("sample.http")));
    assert_eq!(r.calls.len(), 13);
    let want = format!(
        "10.0.0.5:50123 -> 10.0.0.9:80 server to client: {len} bytes missing at stream \
         offset {offset}: this response is cut"
    );
    assert_eq!(r.calls[1].errors[0], want, "{:?}", r.calls[1].errors);
    let plain_r = without_capture_details(r.clone());
    for (i, c) in plain_r.calls.iter().enumerate() {
        if i == 1 {
            continue;
        }
        assert!(c.errors.is_empty(), "call {}: {:?}", c.index, c.errors);
        // The lost response named a property that the Execute calls after it show by name;
        // the calls of the other sessions and connections decode as in the whole capture.
        if i == 0 || i >= 7 {
            assert_eq!(
                c.tree.to_text(),
                whole.calls[i].tree.to_text(),
                "call {}",
                i + 1
            );
        }
    }
}

#[test]
fn a_retransmission_with_other_bytes_is_reported() {
    // The sample sends a segment of call 4's request twice: change the second copy.
    let file = read("sample.pcapng");
    let blocks = pcapng_blocks(&file);
    let mut seen = std::collections::HashMap::new();
    let mut out = Vec::new();
    let mut changed = false;
    for (kind, b) in &blocks {
        let mut b = b.to_vec();
        if *kind == 6 {
            let (frame, _) = epb_frame(&b);
            let key = frame[34..42].to_vec();
            if frame.len() > 54 && seen.insert(key, ()).is_some() && !changed {
                let last = 28 + frame.len() - 1;
                b[last] ^= 0xFF;
                changed = true;
            }
        }
        out.extend_from_slice(&b);
    }
    assert!(changed);
    let r = decode(&out);
    let errors = &r.calls[3].errors;
    assert!(
        errors
            .iter()
            .any(|e| e.contains("retransmits") && e.contains("first copy is kept")),
        "{errors:?}"
    );
    // The first copy was kept: the call decodes as in the sample otherwise.
    let without_errors = |t: &Tree| match t {
        Tree::Struct(f) => f
            .iter()
            .filter(|(k, _)| k != "Errors")
            .cloned()
            .collect::<Vec<_>>(),
        _ => panic!("a record"),
    };
    let whole = without_capture_details(decode(&read("sample.http")));
    assert_eq!(
        without_errors(&without_capture_details(r).calls[3].tree),
        without_errors(&whole.calls[3].tree)
    );
}

#[test]
fn formats_are_told_by_their_first_bytes() {
    use CaptureFormat::*;
    assert_eq!(CaptureFormat::detect(&read("sample.har")), Some(Har));
    assert_eq!(CaptureFormat::detect(&read("sample.http")), Some(RawHttp));
    assert_eq!(
        CaptureFormat::detect(b"\r\nHTTP/1.1 200 OK\r\n"),
        Some(RawHttp)
    );
    assert_eq!(CaptureFormat::detect(&read("sample.saz")), Some(Saz));
    assert_eq!(CaptureFormat::detect(&read("sample.pcapng")), Some(Pcapng));
    for (be, ns) in [(false, false), (true, false), (false, true), (true, true)] {
        assert_eq!(
            CaptureFormat::detect(&as_pcap(be, ns)),
            Some(Pcap),
            "{be} {ns}"
        );
    }
    for other in [&b"%PDF-1.7"[..], b"", b"post / HTTP/1.1", b"\x00\x01"] {
        assert_eq!(CaptureFormat::detect(other), None);
    }
    let e = read_capture(b"%PDF-1.7\n", Default::default()).unwrap_err();
    assert_eq!(e, CaptureError::UnknownFormat(b"%PDF-1.7".to_vec()));
    assert_eq!(
        e.to_string(),
        "the capture is not HAR, raw HTTP/1.1, a Fiddler .saz archive, pcap or pcapng \
         (it starts with 25 50 44 46 2D 31 2E 37)"
    );
    assert!(!e.to_string().contains('\n'));
}

#[test]
fn damaged_capture_files_never_panic() {
    for name in ["sample.saz", "sample.pcapng"] {
        let good = read(name);
        for cut in (0..good.len()).step_by(97) {
            if let Ok(r) = decode_session(&good[..cut], &SessionOptions::default()) {
                assert!(r.calls.len() <= 14, "{name} cut at {cut}");
            }
        }
        for at in (0..good.len()).step_by(89) {
            let mut bad = good.clone();
            bad[at] ^= 0xA5;
            let _ = decode_session(&bad, &SessionOptions::default());
        }
    }
    let pcap = as_pcap(true, false);
    for cut in (0..pcap.len()).step_by(101) {
        let _ = decode_session(&pcap[..cut], &SessionOptions::default());
    }
    // A pcapng cut inside a block: the calls before it decode, the cut is reported.
    let file = read("sample.pcapng");
    let r = decode(&file[..file.len() - 10]);
    let last = r.calls.last().unwrap();
    assert_eq!(last.origin.as_deref(), Some("the capture file"));
    assert!(
        last.errors[0].starts_with("the file ends inside the block after packet"),
        "{:?}",
        last.errors
    );
}
