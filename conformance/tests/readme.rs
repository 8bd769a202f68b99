//! The workspace README against the code: the output it shows under its first command
//! (`cargo run --release -p mapi-inspect`, which decodes the sample session that `mapi-inspect`
//! bundles) is what mapi-inspect prints. The check reads files of the whole repository, so it
//! lives here rather than in the `mapi-inspect` package, which holds only its own files.

use mapi_inspect::session::{decode_session, SessionOptions};

/// What `mapi-inspect` without arguments prints: the bundled session as text.
fn sample_session_text() -> String {
    let sample = include_bytes!("../../inspect/samples/sample.http");
    decode_session(sample, &SessionOptions::default())
        .expect("the bundled session decodes")
        .to_text()
}

/// Each line the README shows under its first command appears in the output, in order (`...`
/// stands for lines left out).
#[test]
fn readme_shows_the_real_output() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("cargo run --release -p mapi-inspect\n```\n\n```text\n")
        .expect("the README's first command and its output");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let out = sample_session_text();
    let mut lines = out.lines();
    for want in block.lines().filter(|l| *l != "...") {
        assert!(
            lines.any(|l| l == want),
            "README line not in the output (in order): {want:?}"
        );
    }
}
