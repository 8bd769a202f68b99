//! Writes a large capture for measuring the session report: the bundled sample session
//! (`inspect/samples/sample.http`, raw HTTP/1.1, or `sample.har` when OUT ends with `.har`)
//! repeated until it holds at least N calls
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
        eprintln!("usage: big_session OUT.http|OUT.har [CALLS]");
        return ExitCode::from(2);
    };
    let want: usize = match calls.as_deref().map(str::parse).unwrap_or(Ok(5000)) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: bad count: {e}");
            return ExitCode::from(2);
        }
    };
    match write(&path, want) {
        Ok((calls, bytes)) => {
            println!("wrote {path}: {calls} calls, {bytes} bytes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes copies of the sample to `path` (a HAR log when it ends with `.har`, else raw HTTP)
/// until it holds `want` calls, a copy at a time; the calls and bytes written.
fn write(path: &str, want: usize) -> Result<(usize, u64), String> {
    use std::io::Write;
    let sample: &[u8] = include_bytes!("../samples/sample.http");
    let per_copy = mapi_inspect::session::read_raw(sample, Default::default()).len();
    if per_copy == 0 {
        return Err("the sample has no calls".into());
    }
    let copies = want.div_ceil(per_copy);
    let har = path.ends_with(".har");
    // The HAR form: the sample's entries, each as JSON text.
    let entries: Vec<String> = if har {
        let v: serde_json::Value = serde_json::from_slice(include_bytes!("../samples/sample.har"))
            .map_err(|e| e.to_string())?;
        v["log"]["entries"]
            .as_array()
            .ok_or("the sample HAR has no entries")?
            .iter()
            .map(|e| e.to_string())
            .collect()
    } else {
        Vec::new()
    };
    let file = std::fs::File::create(path).map_err(|e| format!("cannot write {path}: {e}"))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let io = |e: std::io::Error| format!("cannot write {path}: {e}");
    if har {
        out.write_all(br#"{"log":{"version":"1.2","creator":{"name":"big_session","version":"1"},"entries":["#)
            .map_err(io)?;
    }
    for copy in 0..copies {
        let mine = |ctx: &str| format!("{}{copy:08X}", &ctx[..ctx.len() - 8]);
        if har {
            for (i, e) in entries.iter().enumerate() {
                let mut e = e.clone();
                for ctx in CONTEXTS {
                    e = e.replace(ctx, &mine(ctx));
                }
                if copy > 0 || i > 0 {
                    out.write_all(b",").map_err(io)?;
                }
                out.write_all(e.as_bytes()).map_err(io)?;
            }
        } else {
            let mut bytes = sample.to_vec();
            for ctx in CONTEXTS {
                // The last 8 hex digits become the copy's number.
                bytes = replace(&bytes, ctx.as_bytes(), mine(ctx).as_bytes());
            }
            out.write_all(&bytes).map_err(io)?;
        }
    }
    if har {
        out.write_all(b"]}}").map_err(io)?;
    }
    out.flush().map_err(io)?;
    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    Ok((copies * per_copy, len))
}
