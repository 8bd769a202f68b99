//! Writes the bundled sample session, `inspect/samples/sample.http` (raw HTTP/1.1 messages),
//! `sample.har` (the same exchanges as a HAR log), `sample.saz` (a Fiddler archive) and
//! `sample.pcapng` (a packet capture), from the scripted
//! scenario in `mapi_inspect::sample`. Run from the workspace root:
//!
//! ```sh
//! cargo run -p mapi-inspect --example make_sample_session
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let files = match mapi_inspect::sample::build() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let result = std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))
        .and_then(|()| write("sample.http", &files.http))
        .and_then(|()| write("sample.har", files.har.as_bytes()))
        .and_then(|()| write("sample.saz", &files.saz))
        .and_then(|()| write("sample.pcapng", &files.pcapng));
    match result {
        Ok(()) => {
            println!(
                "wrote sample.http ({} bytes), sample.har ({} bytes), sample.saz ({} bytes) \
                 and sample.pcapng ({} bytes) in {}",
                files.http.len(),
                files.har.len(),
                files.saz.len(),
                files.pcapng.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
