//! Helpers of the ROP unit tests: build a ROP buffer, decode a request buffer and its
//! response, decode one ROP and check that it re-encodes to the same bytes and that every
//! strict prefix fails.

use crate::rop::{RequestCtx, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use crate::wire::{Decode, DecodeError, DecodeWith, Encode, Limits, Reader};

/// A ROP buffer: RopSize, the ROPs one after the other, the handle table.
pub(crate) fn buf(rops: &[&[u8]], handles: &[u32]) -> Vec<u8> {
    let list: Vec<u8> = rops.concat();
    let mut v = u16::try_from(list.len() + 2)
        .unwrap()
        .to_le_bytes()
        .to_vec();
    v.extend(list);
    for h in handles {
        v.extend(h.to_le_bytes());
    }
    v
}

/// Decodes a request buffer and the response buffer that answers it.
pub(crate) fn buffers<'a>(
    req: &'a [u8],
    resp: &'a [u8],
) -> (RopRequestBuffer<'a>, RopResponseBuffer<'a>) {
    let q = RopRequestBuffer::decode_exact(req, Limits::STRICT).unwrap();
    let s = RopResponseBuffer::decode_with_exact(resp, &q, Limits::STRICT).unwrap();
    (q, s)
}

/// [`buffers`], checking that both re-encode to their bytes and that every response decoded.
pub(crate) fn exchange<'a>(
    req: &'a [u8],
    resp: &'a [u8],
) -> (RopRequestBuffer<'a>, RopResponseBuffer<'a>) {
    let (q, s) = buffers(req, resp);
    assert_eq!(q.to_bytes().unwrap(), req);
    assert!(s.raw.is_none(), "{:?}", s.raw);
    assert_eq!(s.to_bytes().unwrap(), resp);
    (q, s)
}

/// Decodes one request ROP (RopId first) and checks the round trip and the prefixes.
pub(crate) fn request(bytes: &[u8]) -> RopRequest<'_> {
    let req = RopRequest::decode_with_exact(bytes, RequestCtx::default(), Limits::STRICT).unwrap();
    assert_eq!(req.to_bytes().unwrap(), bytes);
    for n in 0..bytes.len() {
        assert!(
            RopRequest::decode_with_exact(&bytes[..n], RequestCtx::default(), Limits::STRICT)
                .is_err()
        );
    }
    req
}

/// Decodes one response ROP against `req` and checks the round trip and the prefixes.
pub(crate) fn response<'a>(req: &RopRequest<'a>, bytes: &'a [u8]) -> RopResponse<'a> {
    let decode = |b: &'a [u8]| {
        let mut r = Reader::new(b);
        let none: Option<&crate::data::PropTags<'a>> = None;
        let v = RopResponse::decode_with_from(&mut r, (Some(req), none))?;
        r.finish().map(|()| v)
    };
    let resp = decode(bytes).unwrap();
    assert_eq!(resp.to_bytes().unwrap(), bytes);
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n]).is_err(), "prefix {n}");
    }
    resp
}

/// Checks that `e` is an error of kind `kind` (its name) at byte `offset`.
pub(crate) fn assert_error(e: &DecodeError, kind: &str, offset: usize) {
    assert_eq!((e.kind().name(), e.offset()), (kind, offset), "{e}");
}

/// The success fields of a response (a `&RopResponse`) of the variant named; panics on
/// another variant or a failure.
macro_rules! success_of {
    ($variant:ident, $resp:expr) => {
        match $resp {
            $crate::rop::RopResponse::$variant(r) => r.body.success().expect("a success response"),
            other => panic!("{other:?}"),
        }
    };
}
pub(crate) use success_of;
