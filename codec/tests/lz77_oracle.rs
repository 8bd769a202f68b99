//! Our LZ77 (DIRECT2) against an independent implementation of the same format, [MS-XCA]
//! plain LZ77 (the `rust-lzxpress` crate, 0.7.1).
//!
//! Its decompressor is the oracle: it must expand everything we compress. Its compressor is
//! not used: on a run of zeros it emits a match reaching before the start of the output
//! (which its own decompressor rejects), and on some inputs it panics (a shift overflow).

use mapi_codec::rpc::lz77;
use proptest::prelude::*;

fn corpus() -> Vec<Vec<u8>> {
    let mut rows = Vec::new();
    for i in 0..1500u32 {
        rows.extend_from_slice(&0x3001_001Fu32.to_le_bytes());
        rows.extend(
            format!("Subject {i}: weekly report")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        rows.extend_from_slice(&[0, 0]);
        rows.extend_from_slice(&(i * 37).to_le_bytes());
    }
    vec![
        b"abcabcabcabcabcabcabcabc".to_vec(),
        vec![0u8; 40_000],
        (0..=255u8).cycle().take(9000).collect(),
        rows,
    ]
}

#[test]
fn ours_to_theirs() {
    for plain in corpus() {
        let c = lz77::compress(&plain);
        let theirs = lzxpress::data::decompress(&c).expect("the oracle decompresses our output");
        assert_eq!(theirs, plain);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn ours_to_theirs_generated(plain in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..3000)) {
        let c = lz77::compress(&plain);
        prop_assert_eq!(lzxpress::data::decompress(&c).unwrap(), plain);
    }
}
