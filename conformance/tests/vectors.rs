//! Every vector decodes as its snapshot says, and re-encodes to the same bytes.

#[test]
fn every_vector() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    assert!(!vectors.is_empty(), "no vectors found under testdata/");
    println!("{}", mapi_conformance::coverage_table(&vectors));
    println!("{}", mapi_conformance::rop_coverage_table(&vectors));
    let mut failures = Vec::new();
    for v in &vectors {
        match mapi_conformance::run(v) {
            Ok(text) => {
                let name = v.name.trim_end_matches(".toml").replace('/', "__");
                insta::assert_snapshot!(name, text);
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_kind_has_a_vector() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let missing: Vec<_> = mapi_conformance::coverage(&vectors)
        .into_iter()
        .filter(|(_, (a, b, _))| a + b == 0)
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty(),
        "kinds without a decodable vector: {missing:?}"
    );
}

/// Every strict prefix of a valid vector fails to decode: no structure is complete early, and
/// nothing reads past what it was given.
#[test]
fn every_strict_prefix_fails() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let mut checked = 0;
    // LZ77 kinds take any bytes (compress) or stop where the input stops (decompress);
    // aux-blocks is a run of blocks, and no blocks is a valid run; so are IDSETs and PCLs
    // ([MS-OXCFXICS] 2.2.2.3, 2.2.2.4: entries to the end of the property value).
    let framed = |v: &&mapi_conformance::Vector| {
        v.expect_error.is_none() && !v.kind.starts_with("lz77") && !runs_to_end(&v.kind)
    };
    for v in vectors.iter().filter(framed) {
        let boundaries = ftstream_boundaries(v);
        for n in 0..v.bytes.len() {
            if whole_handles_dropped(v, n) {
                continue;
            }
            let mut options = v.options.clone();
            if let Some(b) = &boundaries {
                // A FastTransfer stream is a run of elements with no framing: a prefix that
                // ends between two elements is a whole (shorter) stream and must decode.
                options.splits.retain(|&s| s <= n);
                let r = mapi_inspect::decode(&v.kind, &v.bytes[..n], &options);
                if b.contains(&n) {
                    assert!(r.is_ok(), "{}: the first {n} bytes end an element", v.name);
                    continue;
                }
                assert!(r.is_err(), "{}: the first {n} bytes decoded", v.name);
                checked += 1;
                continue;
            }
            let r = mapi_inspect::decode(&v.kind, &v.bytes[..n], &options);
            assert!(r.is_err(), "{}: the first {n} bytes decoded", v.name);
            checked += 1;
        }
    }
    assert!(checked > 900, "only {checked} prefixes checked");
}

/// A longer input (one byte appended) is refused with trailing bytes at the vector's end.
#[test]
fn trailing_bytes_are_refused() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let framed = |v: &&mapi_conformance::Vector| {
        v.expect_error.is_none() && !v.kind.starts_with("lz77") && !runs_to_end(&v.kind)
    };
    for v in vectors.iter().filter(framed) {
        let mut b = v.bytes.clone();
        b.push(0);
        if v.kind == "ftstream" {
            // No framing: the extra byte is the start of an element the stream never ends.
            match mapi_inspect::decode(&v.kind, &b, &v.options) {
                Err(mapi_inspect::Error::Decode(e)) => {
                    assert_eq!(e.kind().name(), "truncated", "{}", v.name);
                    assert_eq!(e.offset(), b.len(), "{}", v.name);
                }
                other => panic!("{}: {other:?}", v.name),
            }
            continue;
        }
        match mapi_inspect::decode(&v.kind, &b, &v.options) {
            Err(mapi_inspect::Error::Decode(e)) => {
                assert_eq!(e.kind().name(), "trailing-bytes", "{}", v.name);
                assert_eq!(e.offset(), v.bytes.len(), "{}", v.name);
            }
            other => panic!("{}: {other:?}", v.name),
        }
    }
}

/// The offsets of an `ftstream` vector after which the decoder expects a new tag (None for
/// other kinds): found by feeding the stream one byte at a time, independently of the splits.
fn ftstream_boundaries(v: &mapi_conformance::Vector) -> Option<Vec<usize>> {
    if v.kind != "ftstream" {
        return None;
    }
    let mut d = mapi_codec::fxics::stream::FtDecoder::new();
    let mut boundaries = vec![0];
    for n in 1..=v.bytes.len() {
        d.feed(&v.bytes[n - 1..n]).expect("ftstream vector");
        if d.at_boundary() {
            boundaries.push(n);
        }
    }
    Some(boundaries)
}

/// A ROP buffer cut after RopsList at a handle boundary is a whole buffer with a shorter
/// Server object handle table: valid when no ROP names the handles dropped (the decoder
/// checks every handle index against the table, see `handle_indexes_must_name_a_table_entry`).
fn whole_handles_dropped(v: &mapi_conformance::Vector, n: usize) -> bool {
    if !(v.kind == "rop-request-buffer" || v.kind == "rop-response-buffer") || v.bytes.len() < 2 {
        return false;
    }
    let rop_size = usize::from(u16::from_le_bytes([v.bytes[0], v.bytes[1]]));
    n >= rop_size && (n - rop_size) % 4 == 0
}

/// Kinds that are a run of entries up to the end of the input, with no count or terminator:
/// a prefix that ends between entries is a shorter valid run, and an extra byte starts an
/// entry (aux-blocks; the IDSETs and the PCL of [MS-OXCFXICS] 2.2.2.3 and 2.2.2.4).
fn runs_to_end(kind: &str) -> bool {
    matches!(
        kind,
        "aux-blocks" | "idset-replid" | "idset-replguid" | "pcl"
    )
}
