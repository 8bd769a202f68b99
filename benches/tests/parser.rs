//! The nom parser of `benches/parser.rs` does the codec's work on the yardstick: the same
//! values out, and the same inputs refused (every strict prefix, each broken field, the
//! limits).

use mapi_benches::nom_parser::{self, Rop};
use mapi_codec::rop::{RopId, RopRequestBuffer};
use mapi_codec::rpc::ext::ExtendedBufferChain;
use mapi_codec::wire::{Decode, Limits};

/// Strict: the nom parser refuses a malformed ROP where the codec's default decoding would
/// keep the rest of the buffer raw.
const L: Limits = Limits::STRICT;

fn rgb_in() -> Vec<u8> {
    include_bytes!("../../testdata/bench/rop-mix-300.bin").to_vec()
}

/// The ROP buffer inside the yardstick (after its 8-byte RPC_HEADER_EXT).
fn payload() -> Vec<u8> {
    rgb_in()[8..].to_vec()
}

/// `good` with `bytes` written over it at `at`.
fn patched(good: &[u8], at: usize, bytes: &[u8]) -> Vec<u8> {
    let mut b = good.to_vec();
    b[at..at + bytes.len()].copy_from_slice(bytes);
    b
}

/// Whether the codec accepts `buf` as a ROP buffer, and if so whether the nom parser reads
/// the same values; panics when one accepts what the other refuses.
fn agree(buf: &[u8], limits: &Limits) -> bool {
    let codec = RopRequestBuffer::decode_exact(buf, *limits);
    let nom = nom_parser::rop_buffer(buf, limits);
    match (&codec, &nom) {
        (Ok(c), Ok((rest, n))) => {
            assert!(rest.is_empty());
            assert!(nom_parser::same_buffer(c, n), "different values");
            true
        }
        (Err(_), Err(_)) => false,
        _ => panic!(
            "the parsers disagree on {} bytes: codec {:?}, nom {:?}",
            buf.len(),
            codec.as_ref().map(|c| c.rops.len()),
            nom.as_ref().map(|(_, n)| n.rops.len())
        ),
    }
}

#[test]
fn both_parsers_read_the_same_300_requests() {
    let buf = payload();
    let codec = RopRequestBuffer::decode_exact(&buf, L).unwrap();
    let (_, nom) = nom_parser::rop_buffer(&buf, &L).unwrap();
    assert_eq!(codec.rops.len(), 300);
    assert_eq!(nom.rops.len(), 300);
    assert!(nom_parser::same_buffer(&codec, &nom));
    // Spot checks against the layout of one round of five.
    assert!(matches!(
        &nom.rops[0],
        Rop::GetPropertiesSpecific(g) if g.want_unicode == 1 && g.property_tags.len() == 40
    ));
    assert!(matches!(
        &nom.rops[297],
        Rop::QueryRows(q) if q.row_count == 50 && (q.forward_read).into()
    ));
    assert!(matches!(
        &nom.rops[298],
        Rop::OpenMessage(o) if o.code_page_id == 0x0FFF
            && o.output_handle_index == 3
            && o.folder_id.to_u64() == 0x1234
    ));
    assert!(matches!(&nom.rops[299], Rop::Release(r) if r.input_handle_index == 3));
    // Elements of the same size in both lists.
    assert_eq!(
        std::mem::size_of::<Rop<'_>>(),
        std::mem::size_of::<mapi_codec::rop::RopRequest<'_>>()
    );
    assert_eq!(nom.handles.len(), 16);
    // Borrowed, not copied.
    assert!(matches!(&nom.handles, std::borrow::Cow::Borrowed(_)));
    // The whole file, framing included.
    let rgb = rgb_in();
    let chain = ExtendedBufferChain::decode_exact(&rgb, L).unwrap();
    assert_eq!(chain.buffers.len(), 1);
    assert_eq!(nom_parser::rgbin_rop_count(&rgb, &L), Ok(300));
}

#[test]
fn both_refuse_every_strict_prefix() {
    let buf = payload();
    for n in 0..buf.len() {
        assert!(!agree(&buf[..n], &L), "prefix of {n} bytes accepted");
    }
    let rgb = rgb_in();
    for n in 0..rgb.len() {
        assert!(ExtendedBufferChain::decode_exact(&rgb[..n], L).is_err());
        assert!(nom_parser::rgbin_rop_count(&rgb[..n], &L).is_err());
    }
}

#[test]
fn both_refuse_each_broken_field() {
    let good = payload();
    let set = |at: usize, bytes: &[u8]| patched(&good, at, bytes);
    // Offsets in the first round: GetPropertiesSpecific at 2 (its PropertyTagCount at 9),
    // SetColumns at 51, QueryRows at 97 (ForwardRead at 101), OpenMessage at 104 (its
    // handle indexes at 106 and 107), Release at 127.
    assert_eq!(good[2], 0x07);
    assert_eq!(good[51], 0x12);
    assert_eq!(good[97], 0x15);
    assert_eq!(good[104], 0x03);
    assert_eq!(good[127], 0x01);
    let reserved = (0..=255u8)
        .find(|&id| RopId(id).is_reserved())
        .expect("a reserved RopId");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("RopSize 1", set(0, &[1, 0])),
        ("RopSize past the end", set(0, &[0xFF, 0xFF])),
        (
            "a handle table of 15 bytes",
            good[..good.len() - 1].to_vec(),
        ),
        ("InputHandleIndex 4", set(4, &[4])),
        ("OutputHandleIndex 4", set(107, &[4])),
        ("PropertyTagCount past the end", set(9, &[0xFF, 0x7F])),
        ("a reserved RopId", set(51, &[reserved])),
    ];
    for (what, b) in &cases {
        assert!(
            std::panic::catch_unwind(|| agree(b, &L)).is_ok_and(|ok| !ok),
            "{what}: both must refuse it"
        );
    }
    // A changed value both read the same way.
    assert!(agree(&set(101, &[0]), &L));
    // ForwardRead is nonzero for TRUE: 0xFF reads (and is kept) the same way by both.
    assert!(agree(&set(101, &[0xFF]), &L));
    assert!(agree(&set(4, &[3]), &L));
}

#[test]
fn both_apply_the_element_limit() {
    let buf = payload();
    let limit = |max_elements| Limits { max_elements, ..L };
    // PropertyTagCount is 10; there are 300 ROPs.
    assert!(!agree(&buf, &limit(9)));
    assert!(!agree(&buf, &limit(299)));
    assert!(agree(&buf, &limit(300)));
}

#[test]
fn both_check_the_extended_buffer_header() {
    let good = rgb_in();
    let set = |at: usize, bytes: &[u8]| patched(&good, at, bytes);
    for (what, b) in [
        ("Version 1", set(0, &[1, 0])),
        ("an undefined flag", set(2, &[0x0C, 0])),
        ("no Last flag", set(2, &[0, 0])),
        ("SizeActual other than Size", set(6, &[0x11, 0x1E])),
        ("Size past the end", set(4, &[0x13, 0x1E])),
    ] {
        assert!(ExtendedBufferChain::decode_exact(&b, L).is_err(), "{what}");
        assert!(nom_parser::rgbin_rop_count(&b, &L).is_err(), "{what}");
    }
}
