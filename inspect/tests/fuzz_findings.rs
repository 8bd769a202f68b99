//! Inputs the fuzz campaign found, kept as regression tests (see fuzz/README.md).

use mapi_inspect::{decode, Error, Options};

fn hex(s: &str) -> Vec<u8> {
    mapi_inspect::parse_hex(s).expect("hex")
}

/// inspect_kind, timeout: 415 bytes of LZ77 (long runs of 0xFF length bytes) that expand to
/// 3,499,889 bytes. Decoding stays linear in the output and within the decompression limit;
/// the fuzz target now sets a 64 KiB limit so that it does not spend its time rendering
/// megabytes of hex.
#[test]
fn lz77_bomb_within_the_limit() {
    let input = hex("ffffff1d6162631700ffffffffffffff12fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff9ffffffffffffffffffffffffffffffffffffffffffffffffffff00000005ffffff1900140001170100726f702d8e65ffffffffffffffffff6665720000000000000000ff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0100000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0001170100726f702d7265ffffffffffffffffff666572000000000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff025302000002ee0202020204ffffffffffffffffffffffff0100000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff03");
    assert_eq!(input.len(), 415);
    let d = decode("lz77-decompress", &input, &Options::default()).expect("decodes");
    assert!(d
        .tree
        .to_text()
        .starts_with("Decompressed: <3499889 bytes>"));
    let mut small = Options::default();
    small.limits.max_decompressed_size = 0x10000;
    match decode("lz77-decompress", &input, &small) {
        Err(Error::Decode(e)) => assert_eq!(e.kind().name(), "limit-exceeded"),
        other => panic!("{other:?}"),
    }
}
