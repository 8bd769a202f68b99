//! Our LZ77 (DIRECT2) against an independent implementation of the same format, [MS-XCA]
//! plain LZ77 (the `rust-lzxpress` crate, 0.7.1).
//!
//! Its decompressor is the oracle: it must expand everything we compress. Its compressor is
//! not used: on a run of zeros it emits a match reaching before the start of the output
//! (which its own decompressor rejects), and on some inputs it panics (a shift overflow).
//! Its decompressor misses one end-of-stream case: when the last bitmask is full, the end bit
//! sits in one more bitmask (0xFFFFFFFF) with nothing after it, and it reads that 1 bit as a
//! match and fails; [`theirs`] then hands it the stream without that final bitmask.

/// The oracle's expansion of our stream.
fn theirs(c: &[u8]) -> Vec<u8> {
    match lzxpress::data::decompress(c) {
        Ok(v) => v,
        Err(e) => {
            let cut = c.len() - 4;
            assert!(c.ends_with(&[0xff; 4]), "oracle failed: {e:?}");
            lzxpress::data::decompress(&c[..cut]).expect("oracle expands the stream")
        }
    }
}

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
        // Periods of 1 to 9 bytes repeated past the longest match.
        (1..10u8)
            .flat_map(|p| (0..p).cycle().take(70_000 / usize::from(p)))
            .collect(),
        vec![0u8; 40_000],
        (0..=255u8).cycle().take(9000).collect(),
        rows,
    ]
}

#[test]
fn ours_to_theirs() {
    for plain in corpus() {
        let c = lz77::compress(&plain);
        assert_eq!(theirs(&c), plain);
        // Ours expands it the same (the runs above are matches longer than their distance).
        assert_eq!(lz77::decompress(&c, plain.len(), 0).unwrap(), plain);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn ours_to_theirs_generated(plain in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..3000)) {
        let c = lz77::compress(&plain);
        prop_assert_eq!(&theirs(&c), &plain);
        prop_assert_eq!(lz77::decompress(&c, plain.len(), 0).unwrap(), plain);
    }
}
