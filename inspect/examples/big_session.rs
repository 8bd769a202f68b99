//! Writes a large capture for measuring the session report: the bundled sample session
//! (`inspect/samples/sample.http`, raw HTTP/1.1) repeated until it holds at least N calls
//! (5,000 by default), each copy its own MAPI sessions (the MapiContext cookies varied per
//! copy, same length, so every Content-Length stays right). Run from the workspace root:
//!
//! ```sh
//! cargo run --release -p mapi-inspect --example big_session -- big.http 5000
//! /usr/bin/time -v target/release/mapi-inspect session big.http --format html > big.html
//! ```

use std::process::ExitCode;

/// The sample's MapiContext cookie values (its mailbox session and its address-book session).
const CONTEXTS: [&str; 2] = [
    "4B2C1E0F-7A3D-4E6B-9C8D-0123456789AB",
    "5C3D2F10-8B4E-4F7C-AD9E-123456789ABC",
];

/// `haystack` with every `from` replaced by `to` (same length).
fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), calls) = (args.next(), args.next()) else {
        eprintln!("usage: big_session OUT.http [CALLS]");
        return ExitCode::from(2);
    };
    let want: usize = match calls.as_deref().map(str::parse).unwrap_or(Ok(5000)) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: bad count: {e}");
            return ExitCode::from(2);
        }
    };
    let sample: &[u8] = include_bytes!("../samples/sample.http");
    let per_copy = match mapi_inspect::session::read_raw(sample, Default::default()).len() {
        0 => {
            eprintln!("error: the sample has no calls");
            return ExitCode::from(1);
        }
        n => n,
    };
    let copies = want.div_ceil(per_copy);
    let mut out = Vec::with_capacity(sample.len() * copies);
    for copy in 0..copies {
        let mut bytes = sample.to_vec();
        for ctx in CONTEXTS {
            // The last 8 hex digits become the copy's number.
            let mine = format!("{}{copy:08X}", &ctx[..ctx.len() - 8]);
            bytes = replace(&bytes, ctx.as_bytes(), mine.as_bytes());
        }
        out.extend_from_slice(&bytes);
    }
    if let Err(e) = std::fs::write(&path, &out) {
        eprintln!("error: cannot write {path}: {e}");
        return ExitCode::from(1);
    }
    println!(
        "wrote {path}: {} calls ({copies} copies of {per_copy}), {} bytes",
        copies * per_copy,
        out.len()
    );
    ExitCode::SUCCESS
}
