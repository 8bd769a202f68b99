//! The block-at-a-time string scans of `Reader` agree with a plain unit-by-unit scan.

use mapi_codec::wire::Reader;
use proptest::prelude::*;

/// The reference: the first aligned pair of zero bytes ends the string.
fn reference(b: &[u8]) -> Option<usize> {
    (0..b.len() / 2)
        .map(|k| 2 * k)
        .find(|&i| b[i] == 0 && b[i + 1] == 0)
}

proptest! {
    #[test]
    fn utf16z_finds_the_first_aligned_zero_unit(
        // Few distinct bytes, so that zero units (aligned or not) are frequent.
        b in prop_oneof![
            proptest::collection::vec(prop_oneof![Just(0u8), Just(0x41u8), any::<u8>()], 0..160),
            // And long strings, which the 16-unit blocks scan.
            proptest::collection::vec(prop_oneof![1 => Just(0u8), 24 => 1u8..], 0..160),
        ]
    ) {
        let mut r = Reader::new(&b);
        match (r.utf16z(), reference(&b)) {
            (Ok(s), Some(i)) => {
                prop_assert_eq!(s.len(), i);
                prop_assert_eq!(r.offset(), i + 2);
            }
            (Err(e), None) => {
                prop_assert_eq!(e.kind().name(), "truncated");
                prop_assert_eq!(e.offset(), 0);
            }
            (got, want) => prop_assert!(false, "{:?} vs {:?}", got.map(<[u8]>::len), want),
        }
    }
}

#[test]
fn utf16z_edge_cases() {
    // A zero unit inside, at the start of and after 4- and 16-unit blocks.
    for units in [0usize, 3, 4, 7, 8, 9, 15, 16, 17, 20, 31, 32, 33, 50] {
        let mut b: Vec<u8> = std::iter::repeat_n([0x41, 0x00], units).flatten().collect();
        b.extend([0, 0, 0x42, 0]);
        let mut r = Reader::new(&b);
        assert_eq!(r.utf16z().unwrap().len(), 2 * units, "{units}");
    }
    // Odd-aligned zero bytes (0x4100, 0x0041) are not a terminator.
    let b = [0x00, 0x41, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0x00, 0x00];
    assert_eq!(Reader::new(&b).utf16z().unwrap().len(), 8);
}
