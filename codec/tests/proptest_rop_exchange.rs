//! Encode what decodes, for (request, response) buffer pairs: a ROP output buffer encoded
//! against its input buffer (`EncodeWith<(&RopRequestBuffer, Option<&Session>)>`) either fails,
//! or its bytes decode against that input buffer to the same value and re-encode to the same
//! bytes. The pairs are drawn structure-aware (`Arbitrary`): requests of every kind, and
//! responses that are
//!
//! - any responses, mostly answering nothing they meet (refused, or read back the same);
//! - the responses a decoder reads from random bytes after each request's RopId (what a
//!   server could send: these must encode, the property's other half);
//! - those, perturbed: swapped, dropped, repeated, another response put in, a handle index
//!   moved, so that they no longer answer their requests as they did.

use arbitrary::{Arbitrary, Unstructured};
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, DecodeWith, Encode, EncodeWith, Limits};
use proptest::collection::vec;
use proptest::prelude::*;

/// How the responses of a case are made.
#[derive(Clone, Copy, Debug)]
enum Mode {
    Any,
    Decoded,
    Perturbed,
}

/// A request buffer of up to 8 arbitrary requests and 1 to 4 handles.
fn requests(u: &mut Unstructured<'static>) -> arbitrary::Result<RopRequestBuffer<'static>> {
    let n = u.int_in_range(0..=8)?;
    let mut rops = Vec::with_capacity(n);
    for _ in 0..n {
        rops.push(RopRequest::arbitrary(u)?);
    }
    // A few handles, or a full table that every handle index names an entry of.
    let k = if u.ratio(1, 3)? {
        256
    } else {
        u.int_in_range(1..=4)?
    };
    let handles: Vec<u32> = (0..k).map(|_| u.arbitrary()).collect::<Result<_, _>>()?;
    Ok(RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(&handles),
    })
}

/// Arbitrary responses, up to 8.
fn any_responses(u: &mut Unstructured<'static>) -> arbitrary::Result<Vec<RopResponse<'static>>> {
    let n = u.int_in_range(0..=8)?;
    (0..n).map(|_| RopResponse::arbitrary(u)).collect()
}

/// The responses a decoder reads, against `rq`, from random bodies after each request's RopId:
/// for each request in turn, the shortest prefix of a random body after which the buffer so
/// far decodes whole.
fn decoded_responses(
    rq: &'static RopRequestBuffer<'static>,
    u: &mut Unstructured<'static>,
) -> arbitrary::Result<Vec<RopResponse<'static>>> {
    let mut list = Vec::new();
    let mut rops = Vec::new();
    let last = u8::try_from(rq.handles.len() - 1).unwrap_or(u8::MAX);
    for q in rq
        .rops
        .iter()
        .filter(|q| !matches!(q, RopRequest::Release(_)))
    {
        // A handle index inside the table, a ReturnValue of 0 or any, then a random body.
        let mut head = vec![q.rop_id().0, u.int_in_range(0..=last)?];
        let rv: u32 = if u.arbitrary()? { 0 } else { u.arbitrary()? };
        head.extend_from_slice(&rv.to_le_bytes());
        let n = u.int_in_range(0..=64)?;
        let body = u.bytes(n)?;
        let found = (0..=n).find_map(|k| {
            let mut l = list.clone();
            l.extend_from_slice(&head);
            l.extend_from_slice(&body[..k]);
            let b = whole(&l, rq);
            let back = RopResponseBuffer::decode_with_exact(b, rq, Limits::DEFAULT).ok()?;
            (back.raw.is_none() && back.rops.len() == rops.len() + 1).then_some((l, back.rops))
        });
        match found {
            Some((l, back)) => {
                list = l;
                rops = back;
            }
            None => break,
        }
    }
    Ok(rops)
}

/// A ROP output buffer of the RopsList `list` and the handles of `rq`, leaked.
fn whole(list: &[u8], rq: &RopRequestBuffer<'_>) -> &'static [u8] {
    let mut bytes = ((list.len() + 2) as u16).to_le_bytes().to_vec();
    bytes.extend_from_slice(list);
    bytes.extend_from_slice(&rq.handles.0);
    Box::leak(bytes.into_boxed_slice())
}

/// `rops` no longer quite as they were.
fn perturb(
    mut rops: Vec<RopResponse<'static>>,
    u: &mut Unstructured<'static>,
) -> arbitrary::Result<Vec<RopResponse<'static>>> {
    let n = rops.len();
    match u.int_in_range(0..=4)? {
        0 if n >= 2 => {
            let (a, b) = (u.choose_index(n)?, u.choose_index(n)?);
            rops.swap(a, b);
        }
        1 if n >= 1 => {
            rops.remove(u.choose_index(n)?);
        }
        2 if n >= 1 => {
            let r = rops[u.choose_index(n)?].clone();
            rops.insert(u.choose_index(n + 1)?, r);
        }
        3 => {
            let mut extra = any_responses(u)?;
            if let Some(r) = extra.pop() {
                rops.insert(u.choose_index(n + 1)?, r);
            }
        }
        _ => {
            // Move a handle index (out of the table, as like as not).
            let bump = u.int_in_range(1..=4)?;
            if let Some(r) = rops.iter_mut().find_map(handle_of) {
                *r = r.wrapping_add(bump);
            }
        }
    }
    Ok(rops)
}

/// The handle index of a response of a few common kinds.
fn handle_of<'r>(r: &'r mut RopResponse<'static>) -> Option<&'r mut u8> {
    Some(match r {
        RopResponse::GetPropertiesSpecific(x) => &mut x.handle_index,
        RopResponse::QueryRows(x) => &mut x.handle_index,
        RopResponse::SetColumns(x) => &mut x.handle_index,
        RopResponse::OpenFolder(x) => &mut x.handle_index,
        RopResponse::OpenMessage(x) => &mut x.handle_index,
        _ => return None,
    })
}

/// A request buffer and a response buffer, as `mode` makes them from `seed`.
fn exchange(
    seed: Vec<u8>,
    mode: Mode,
) -> Option<(
    &'static RopRequestBuffer<'static>,
    RopResponseBuffer<'static>,
)> {
    // The values borrow from the seed: leaking each case's few kilobytes makes them `'static`.
    let seed: &'static [u8] = Box::leak(seed.into_boxed_slice());
    let mut u = Unstructured::new(seed);
    let rq = requests(&mut u).ok()?;
    let rq: &'static RopRequestBuffer<'static> = Box::leak(Box::new(rq));
    let rops = match mode {
        Mode::Any => any_responses(&mut u).ok()?,
        Mode::Decoded => decoded_responses(rq, &mut u).ok()?,
        Mode::Perturbed => {
            let rops = decoded_responses(rq, &mut u).ok()?;
            perturb(rops, &mut u).ok()?
        }
    };
    Some((
        rq,
        RopResponseBuffer {
            rops,
            raw: None,
            handles: rq.handles.clone(),
        },
    ))
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Any), Just(Mode::Decoded), Just(Mode::Perturbed)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_response_buffer_encodes_against_its_request_or_fails(
        seed in vec(any::<u8>(), 64..4096),
        mode in mode(),
    ) {
        let Some((rq, rs)) = exchange(seed, mode) else {
            return Ok(());
        };
        // The request buffer itself: refused, or read back the same.
        if let Ok(rq_bytes) = rq.to_bytes() {
            let back = RopRequestBuffer::decode_exact(&rq_bytes, Limits::DEFAULT).unwrap();
            prop_assert_eq!(&back, rq);
        }
        let ctx = (rq, None);
        match rs.to_bytes_with(ctx) {
            Ok(bytes) => {
                prop_assert_eq!(bytes.len(), rs.encoded_len_with(ctx));
                let back = RopResponseBuffer::decode_with_exact(&bytes, ctx, Limits::DEFAULT);
                let back = back.map_err(|e| TestCaseError::fail(format!("{e}: {rs:?}")))?;
                prop_assert_eq!(&back, &rs);
                prop_assert_eq!(back.to_bytes_with(ctx).unwrap(), &bytes[..]);
                prop_assert_eq!(rs.to_bytes().unwrap(), bytes);
            }
            // What a decoder read from bytes must encode again: no false refusal.
            Err(e) => prop_assert!(
                !matches!(mode, Mode::Decoded),
                "a decoded buffer is refused: {e}: {rs:?}"
            ),
        }
    }
}
