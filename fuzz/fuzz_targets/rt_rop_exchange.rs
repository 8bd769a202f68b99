//! Structure-aware round trip of (request, response) buffer pairs: a RopRequestBuffer of
//! arbitrary requests and handles, and a RopResponseBuffer answering it, encoded against it
//! (`EncodeWith<(&RopRequestBuffer, Option<&Session>)>`): either encoding fails, or the bytes
//! decode against the request to the same buffer and re-encode to the same bytes.
//!
//! The responses are, as the mode byte says: arbitrary responses (mostly answering nothing
//! they meet); the responses a decoder reads from the input's bytes after each request's
//! RopId, a handle index and a ReturnValue (these must encode again); or those, with the
//! arbitrary responses mixed in and one handle index moved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, DecodeWith, Encode, EncodeWith, Limits};

type Input<'a> = (
    Vec<RopRequest<'a>>,
    Vec<u32>,
    Vec<RopResponse<'a>>,
    u8,
    &'a [u8],
);

/// The responses a decoder reads against `rq` from `bodies`: for each request in turn (but
/// RopRelease), its RopId, a handle index and ReturnValue from the bodies, then the shortest
/// run of the bodies after which the list so far decodes whole.
fn decoded(rq: &RopRequestBuffer<'_>, mut bodies: &[u8]) -> Vec<u8> {
    let mut list = Vec::new();
    let mut count = 0;
    for q in rq
        .rops
        .iter()
        .filter(|q| !matches!(q, RopRequest::Release(_)))
    {
        if bodies.len() < 3 {
            break;
        }
        let h = bodies[0] % u8::try_from(rq.handles.len()).unwrap_or(u8::MAX).max(1);
        let rv = if bodies[1] & 1 == 0 {
            0
        } else {
            u32::from(bodies[1]) << 24 | 0x0102
        };
        let n = usize::from(bodies[2] % 64).min(bodies.len() - 3);
        let body = &bodies[3..3 + n];
        bodies = &bodies[3 + n..];
        let mut head = vec![q.rop_id().0, h];
        head.extend_from_slice(&rv.to_le_bytes());
        let found = (0..=n).find_map(|k| {
            let mut l = list.clone();
            l.extend_from_slice(&head);
            l.extend_from_slice(&body[..k]);
            let b = buffer(&l, &rq.handles);
            let back = RopResponseBuffer::decode_with_exact(&b, rq, Limits::DEFAULT).ok()?;
            (back.raw.is_none() && back.rops.len() == count + 1).then_some(l)
        });
        match found {
            Some(l) => {
                list = l;
                count += 1;
            }
            None => break,
        }
    }
    buffer(&list, &rq.handles)
}

/// A ROP output buffer of the RopsList `list` and `handles`.
fn buffer(list: &[u8], handles: &HandleTable<'_>) -> Vec<u8> {
    let mut b = u16::try_from(list.len() + 2)
        .unwrap_or(u16::MAX)
        .to_le_bytes()
        .to_vec();
    b.extend_from_slice(list);
    b.extend_from_slice(&handles.0);
    b
}

/// The property: refused, or read back the same against `rq`.
fn check(rq: &RopRequestBuffer<'_>, rs: &RopResponseBuffer<'_>, must_encode: bool) {
    let ctx = (rq, None);
    let bytes = match rs.to_bytes_with(ctx) {
        Ok(b) => b,
        Err(e) => {
            assert!(!must_encode, "a decoded buffer is refused: {e}: {rs:?}");
            return;
        }
    };
    assert_eq!(rs.encoded_len_with(ctx), bytes.len());
    let back = RopResponseBuffer::decode_with_exact(&bytes, ctx, Limits::DEFAULT)
        .unwrap_or_else(|e| panic!("encoded bytes do not decode: {e}: {rs:?}"));
    assert_eq!(&back, rs);
    assert_eq!(back.to_bytes_with(ctx).expect("re-encodes"), bytes);
}

fuzz_target!(|x: Input<'_>| {
    let (rops, mut handles, responses, mode, bodies) = x;
    handles.truncate(256);
    if handles.is_empty() {
        handles.push(0);
    }
    if mode & 0x80 != 0 {
        // A full table: every handle index names an entry.
        handles.resize(256, 0x7F);
    }
    let rq = RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(&handles),
    };
    // The request buffer alone: refused, or read back the same.
    if let Ok(b) = rq.to_bytes() {
        let back = RopRequestBuffer::decode_exact(&b, Limits::DEFAULT).expect("decodes");
        assert_eq!(back, rq);
    }
    match mode % 3 {
        0 => check(
            &rq,
            &RopResponseBuffer {
                rops: responses,
                raw: None,
                handles: rq.handles.clone(),
            },
            false,
        ),
        m => {
            let bytes = decoded(&rq, bodies);
            let Ok(mut rs) = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::DEFAULT)
            else {
                return;
            };
            if m == 1 {
                check(&rq, &rs, true);
                return;
            }
            // Perturbed: the arbitrary responses put in between, a handle index moved.
            let n = rs.rops.len();
            for (i, r) in responses.into_iter().enumerate() {
                let at = (usize::from(mode) + 3 * i) % (rs.rops.len() + 1);
                rs.rops.insert(at, r);
            }
            if n > 0 {
                let other = usize::from(mode) % rs.rops.len();
                rs.rops.swap(0, other);
            }
            if let Some(RopResponse::GetPropertiesSpecific(g)) = rs.rops.first_mut() {
                g.handle_index = g.handle_index.wrapping_add(1);
            }
            check(&rq, &rs, false);
        }
    }
});
