//! Helpers of the ROP unit tests: decode one ROP, check that it re-encodes to the same bytes
//! and that every strict prefix fails.

use crate::rop::{RequestCtx, RopRequest, RopResponse};
use crate::wire::{DecodeWith, Encode, Limits, Reader};

/// Decodes one request ROP (RopId first) and checks the round trip and the prefixes.
pub(crate) fn request(bytes: &[u8]) -> RopRequest<'_> {
    let req = RopRequest::decode_with_exact(bytes, RequestCtx::default(), Limits::DEFAULT).unwrap();
    assert_eq!(req.to_bytes().unwrap(), bytes);
    for n in 0..bytes.len() {
        assert!(
            RopRequest::decode_with_exact(&bytes[..n], RequestCtx::default(), Limits::DEFAULT)
                .is_err()
        );
    }
    req
}

/// Decodes one response ROP against `req` and checks the round trip and the prefixes.
pub(crate) fn response<'a>(req: &RopRequest<'_>, bytes: &'a [u8]) -> RopResponse<'a> {
    let decode = |b: &'a [u8]| {
        let mut r = Reader::new(b);
        let v = RopResponse::decode_with_from(&mut r, (Some(req), None))?;
        r.finish().map(|()| v)
    };
    let resp = decode(bytes).unwrap();
    assert_eq!(resp.to_bytes().unwrap(), bytes);
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n]).is_err(), "prefix {n}");
    }
    resp
}
