//! Runs the golden vectors of `testdata/`: each vector file names a kind, its bytes (hex) and
//! where they come from; the runner decodes them, renders the decoded form for a snapshot, and
//! checks that encoding gives the same bytes back. Vectors of hostile input name the error
//! kind they must fail with instead.

pub mod worst_cases;

use mapi_codec::rop::RequestCtx;
use mapi_codec::tree::RemarkKind;
use mapi_codec::wire::DecodeWith;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mapi_inspect::{decode, parse_columns, parse_hex, Error, Options};

/// One vector file, as written.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct VectorFile {
    kind: String,
    source: String,
    #[serde(default)]
    hex: Option<String>,
    /// A file of hex beside the vector, for inputs too large to inline.
    #[serde(default)]
    hex_file: Option<String>,
    #[serde(default)]
    columns: Vec<String>,
    /// The request (hex) a `rop-response-buffer` / `rop-response` vector answers.
    #[serde(default)]
    request_hex: Option<String>,
    /// For `ftstream`: the offsets where the stream is cut into buffers.
    #[serde(default)]
    splits: Vec<usize>,
    /// The error kind (`limit-exceeded`, `count-too-large`, ...) a hostile vector must give.
    #[serde(default)]
    expect_error: Option<String>,
}

/// A loaded vector.
#[derive(Debug)]
pub struct Vector {
    /// Path relative to `testdata/` (`vectors/...`), or to `inspect/` for the samples that
    /// `mapi-inspect` bundles (`samples/...`).
    pub name: String,
    /// The kind.
    pub kind: String,
    /// Where the bytes come from.
    pub source: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Decoding options (columns).
    pub options: Options,
    /// The error kind expected, for hostile vectors.
    pub expect_error: Option<String>,
}

impl Vector {
    /// Whether the bytes come from a spec's example (the source cites `[MS-...]` section 4).
    pub fn is_spec_example(&self) -> bool {
        self.name.starts_with("vectors/ms-")
    }
}

/// The `testdata/` folder of the workspace.
pub fn testdata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The folder of the `mapi-inspect` crate, whose `samples/` holds the vector its binary bundles.
fn inspect_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../inspect")
}

/// Loads every vector under `testdata/vectors` and `inspect/samples`, sorted by name.
pub fn load_all() -> Result<Vec<Vector>, String> {
    let mut paths = Vec::new();
    for (root, sub) in [(testdata_dir(), "vectors"), (inspect_dir(), "samples")] {
        let mut found = Vec::new();
        collect(&root.join(sub), &mut found).map_err(|e| format!("{sub}: {e}"))?;
        for p in found {
            let name = p.strip_prefix(&root).unwrap_or(&p).to_path_buf();
            paths.push((name, root.clone(), p));
        }
    }
    paths.sort();
    paths.iter().map(|(_, root, p)| load(root, p)).collect()
}

fn load(root: &Path, path: &Path) -> Result<Vector, String> {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let f: VectorFile = toml::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let hex = match (&f.hex, &f.hex_file) {
        (Some(h), None) => h.clone(),
        (None, Some(file)) => {
            let p = path.parent().unwrap_or(root).join(file);
            std::fs::read_to_string(&p).map_err(|e| format!("{name}: {}: {e}", p.display()))?
        }
        _ => return Err(format!("{name}: give exactly one of hex and hex_file")),
    };
    let bytes = parse_hex(&hex).map_err(|e| format!("{name}: {e}"))?;
    let request = match &f.request_hex {
        Some(h) => Some(parse_hex(h).map_err(|e| format!("{name}: request_hex: {e}"))?),
        None => None,
    };
    let options = Options {
        columns: parse_columns(&f.columns.join(",")).map_err(|e| format!("{name}: {e}"))?,
        request,
        splits: f.splits.clone(),
        ..Options::default()
    };
    Ok(Vector {
        name,
        kind: f.kind,
        source: f.source,
        bytes,
        options,
        expect_error: f.expect_error,
    })
}

/// Runs one vector. On success returns the text to snapshot: the decoded tree, or for a
/// hostile vector the error line.
pub fn run(v: &Vector) -> Result<String, String> {
    let head = format!("# {} ({} bytes)\n# {}\n", v.kind, v.bytes.len(), v.source);
    // A decoded vector must re-encode as it came; its snapshot is the tree and `tail`.
    let decoded = |d: &mapi_inspect::Decoded, tail: String| {
        if d.reencoded != v.bytes {
            let at = mapi_inspect::first_difference(&v.bytes, &d.reencoded);
            return Err(format!("{}: re-encoding differs at {at:?}", v.name));
        }
        Ok(format!("{head}{}{tail}", d.tree.to_text()))
    };
    match (&v.expect_error, decode(&v.kind, &v.bytes, &v.options)) {
        (None, Ok(d)) => decoded(&d, String::new()),
        (None, Err(e)) => Err(format!("{}: {e}", v.name)),
        (Some(want), Err(Error::Decode(e))) if e.kind().name() == want => {
            Ok(format!("{head}error: {}", Error::Decode(e)))
        }
        (Some(want), Err(e)) => Err(format!("{}: expected {want}, got: {e}", v.name)),
        // Decoded around the malformed part: the error must be the one expected.
        (Some(want), Ok(d)) => {
            let malformed = d
                .tree
                .remarks()
                .into_iter()
                .find(|r| r.remark.kind == RemarkKind::Malformed);
            match malformed.as_ref().and_then(|r| r.remark.error.as_ref()) {
                Some(e) if e.kind().name() == want => {
                    decoded(&d, malformed.map(|m| m.to_string()).unwrap_or_default())
                }
                Some(e) => Err(format!("{}: expected {want}, got malformed: {e}", v.name)),
                None => Err(format!("{}: expected {want}, but it decoded", v.name)),
            }
        }
    }
}

/// Vectors per kind: (spec examples, project vectors, hostile vectors).
pub fn coverage(vectors: &[Vector]) -> BTreeMap<String, (usize, usize, usize)> {
    let mut m: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for k in mapi_inspect::KINDS {
        m.entry((*k).to_string()).or_default();
    }
    for v in vectors {
        let e = m.entry(v.kind.clone()).or_default();
        if v.expect_error.is_some() {
            e.2 += 1;
        } else if v.is_spec_example() {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    m
}

/// The coverage table as text.
pub fn coverage_table(vectors: &[Vector]) -> String {
    let mut s = format!(
        "{:<28} {:>5} {:>8} {:>8}\n",
        "kind", "spec", "project", "hostile"
    );
    for (k, (a, b, c)) in coverage(vectors) {
        s.push_str(&format!("{k:<28} {a:>5} {b:>8} {c:>8}\n"));
    }
    s
}

/// ROP coverage of one family ([MS-OXCROPS] section): how many of its RopIds the crate
/// decodes, and how many have a request vector and a response vector that decode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RopCoverage {
    /// RopIds the spec assigns to the family.
    pub in_spec: usize,
    /// RopIds whose requests decode.
    pub requests_decoded: usize,
    /// RopIds whose responses decode (RopRelease has none and counts as decoded).
    pub responses_decoded: usize,
    /// RopIds seen in a valid request vector.
    pub request_vectors: usize,
    /// RopIds seen in a valid response vector (RopRelease: in a request vector).
    pub response_vectors: usize,
}

/// The RopIds decoded in the valid ROP vectors: (request ids, response ids).
fn rop_ids_in_vectors(
    vectors: &[Vector],
) -> (
    std::collections::BTreeSet<u8>,
    std::collections::BTreeSet<u8>,
) {
    use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
    use mapi_codec::wire::{Decode, Limits, Reader};
    let mut req = std::collections::BTreeSet::new();
    let mut resp = std::collections::BTreeSet::new();
    let limits = Limits::DEFAULT;
    for v in vectors.iter().filter(|v| v.expect_error.is_none()) {
        let request = v.options.request.as_deref();
        match v.kind.as_str() {
            "rop-request-buffer" => {
                if let Ok(b) = RopRequestBuffer::decode_exact(&v.bytes, limits) {
                    req.extend(b.rops.iter().map(|r| r.rop_id().0));
                }
            }
            "rop-request" => {
                if let Ok(r) =
                    RopRequest::decode_with_exact(&v.bytes, RequestCtx::default(), limits)
                {
                    req.insert(r.rop_id().0);
                }
            }
            "rop-response-buffer" => {
                let q = request
                    .and_then(|b| RopRequestBuffer::decode_exact(b, limits).ok())
                    .unwrap_or_default();
                if let Ok(b) = RopResponseBuffer::decode_with_exact(&v.bytes, &q, limits) {
                    resp.extend(b.rops.iter().map(|r| r.rop_id().0));
                }
            }
            "rop-response" => {
                let q = request.and_then(|b| {
                    RopRequest::decode_with_exact(b, RequestCtx::default(), limits).ok()
                });
                let mut r = Reader::with_limits(&v.bytes, limits);
                if let Ok(x) = RopResponse::decode_with_from(&mut r, (q.as_ref(), None)) {
                    if r.is_empty() {
                        resp.insert(x.rop_id().0);
                    }
                }
            }
            _ => {}
        }
    }
    (req, resp)
}

/// ROP coverage per family, in section order.
pub fn rop_coverage(vectors: &[Vector]) -> Vec<(mapi_codec::rop::RopFamily, RopCoverage)> {
    use mapi_codec::rop::{decoded_request_ids, decoded_response_ids, RopFamily, RopId};
    let (req_seen, resp_seen) = rop_ids_in_vectors(vectors);
    RopFamily::ALL
        .iter()
        .map(|&f| {
            let mut c = RopCoverage::default();
            for id in f.ids() {
                // RopRelease has no response; RopBufferTooSmall, RopBackoff, RopNotify and
                // RopPending have no request.
                let no_response = id == RopId::RELEASE;
                let no_request = mapi_codec::rop::RopResponse::is_standalone(id);
                c.in_spec += 1;
                if no_request || decoded_request_ids().contains(&id) {
                    c.requests_decoded += 1;
                }
                if no_response || decoded_response_ids().contains(&id) {
                    c.responses_decoded += 1;
                }
                if no_request || req_seen.contains(&id.0) {
                    c.request_vectors += 1;
                }
                let resp_vector = if no_response {
                    req_seen.contains(&id.0)
                } else {
                    resp_seen.contains(&id.0)
                };
                if resp_vector {
                    c.response_vectors += 1;
                }
            }
            (f, c)
        })
        .collect()
}

/// The ROP coverage table as text: per family, ids decoded / ids in the spec section, and
/// ids with vectors.
pub fn rop_coverage_table(vectors: &[Vector]) -> String {
    let mut s = format!(
        "{:<8} {:<42} {:>10} {:>10} {:>10} {:>10}\n",
        "section", "family", "req dec", "resp dec", "req vec", "resp vec"
    );
    for (f, c) in rop_coverage(vectors) {
        let n = c.in_spec;
        s.push_str(&format!(
            "{:<8} {:<42} {:>10} {:>10} {:>10} {:>10}\n",
            f.section(),
            f.title(),
            format!("{}/{n}", c.requests_decoded),
            format!("{}/{n}", c.responses_decoded),
            format!("{}/{n}", c.request_vectors),
            format!("{}/{n}", c.response_vectors),
        ));
    }
    s
}
