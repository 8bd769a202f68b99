//! The benchmark corpus is what it claims to be: the yardstick byte for byte, and inputs that
//! decode as the benchmarks decode them.

use mapi_benches::corpus;
use mapi_codec::http::headers::{BodyKind, Direction};
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::field::Outcome;
use mapi_codec::rop::{RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::DecodeWith;
use mapi_codec::wire::{Decode, Limits};

const L: Limits = Limits::DEFAULT;

#[test]
fn rop_mix_300_is_reproduced_byte_for_byte() {
    let built = corpus::rop_mix_300();
    let kept = include_bytes!("../../testdata/bench/rop-mix-300.bin");
    assert_eq!(built.len(), 7706);
    assert_eq!(&built[..], &kept[..]);
    // The shared yardstick, where this checkout sits beside it.
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/bench/rop-mix-300.bin"
    );
    if let Ok(b) = std::fs::read(shared) {
        assert_eq!(built, b);
    }
    assert_eq!(mapi_benches::rgbin_rop_count(&built, L), 300);
}

#[test]
fn request_buffer_of_500_small_rops() {
    let b = corpus::small_rops(500);
    let r = RopRequestBuffer::decode_exact(&b, L).unwrap();
    assert_eq!(r.rops.len(), 500);
    assert!(r.raw.is_none());
}

#[test]
fn row_heavy_query_rows_fills_64_kib() {
    let (req, resp, rows) = corpus::query_rows(0xFFFF);
    assert!(
        resp.len() > 0xFFFF - 600 && resp.len() <= 0xFFFF,
        "{}",
        resp.len()
    );
    let request = RopRequestBuffer::decode_exact(&req, L).unwrap();
    let r = RopResponseBuffer::decode_with_exact(&resp, &request, L).unwrap();
    match &r.rops[1] {
        RopResponse::QueryRows(q) => match &q.body {
            Outcome::Success(s) => assert_eq!(s.rows.len(), rows),
            Outcome::Failure(_) => panic!("a failure"),
        },
        other => panic!("{other:?}"),
    }
    assert!(rows > 150, "{rows}");
}

#[test]
fn get_properties_and_fast_transfer_responses_decode() {
    let (req, resp) = corpus::get_properties(100);
    let request = RopRequestBuffer::decode_exact(&req, L).unwrap();
    let r = RopResponseBuffer::decode_with_exact(&resp, &request, L).unwrap();
    assert_eq!(r.rops.len(), 100);
    let (req, resp) = corpus::fast_transfer_buffer(0x8000);
    let request = RopRequestBuffer::decode_exact(&req, L).unwrap();
    let r = RopResponseBuffer::decode_with_exact(&resp, &request, L).unwrap();
    assert!(resp.len() > 0x8000);
    assert_eq!(r.rops.len(), 1);
}

#[test]
fn nspi_query_rows_with_1000_rows() {
    let b = corpus::nspi_query_rows(1000);
    let kind = BodyKind::new("QueryRows", Direction::Response).expect("a request type");
    let body = NspiBody::decode_with_exact(&b, kind, L).expect("decodes");
    let tree = mapi_codec::tree::ToTree::to_tree(&body).to_text();
    assert!(tree.contains("Person Number 999"));
}

#[test]
fn execute_bodies_compressed_and_obfuscated() {
    use mapi_codec::http::emsmdb::EmsmdbBody;
    for xor in [false, true] {
        let b = corpus::execute_compressed(xor);
        assert!(b.len() < 0x8000 * 3 / 10, "{} bytes", b.len());
        let kind = BodyKind::new("Execute", Direction::Response).unwrap();
        let body = EmsmdbBody::decode_with_exact(&b, kind, L).unwrap();
        assert!(matches!(body, EmsmdbBody::ExecuteResponse(_)));
    }
    let b = corpus::execute_compressed_request();
    let kind = BodyKind::new("Execute", Direction::Request).unwrap();
    EmsmdbBody::decode_with_exact(&b, kind, L).unwrap();
}
