//! What the proptest suites share: strategies for the values many of them build (strings,
//! bytes, ids, property values, ReturnValue with its body), the macros that build ROP requests
//! and responses field by field, and the round-trip checks they make.
//!
//! Each test file includes it with `mod common;` and uses a part of it.

#![allow(dead_code, unused_macros)]

use std::borrow::Cow;

use mapi_codec::data::{
    FolderId, GlobalCounter, LongTermId, MessageId, PropTag, PropType, PropertyName,
    PropertyNameKind, PropertyValue, TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, NoFields, Outcome};
use mapi_codec::rop::{
    HandleTable, RequestCtx, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session,
};
use mapi_codec::wire::{
    AnsiStr, Decode, DecodeWith, Encode, EncodeWith, FileTime, Guid, IntoOwned, Limits, Utf16Str,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// One ROP request and the response that answers it.
pub(crate) type Pair = (RopRequest<'static>, RopResponse<'static>);

// ---- strings, bytes and ids ------------------------------------------------------------------

/// Text of up to `max` characters, none of them NUL.
pub(crate) fn utf16(max: usize) -> impl Strategy<Value = Utf16Str<'static>> {
    proptest::string::string_regex(&format!("[^\u{0}]{{0,{max}}}"))
        .unwrap()
        .prop_map(|s| Utf16Str::from_text(&s).unwrap())
}

/// An 8-bit string of fewer than `max` bytes, none of them NUL.
pub(crate) fn ansi(max: usize) -> impl Strategy<Value = AnsiStr<'static>> {
    vec(1u8..=255, 0..max).prop_map(|v| AnsiStr::from_vec(v).unwrap())
}

/// Fewer than `max` bytes.
pub(crate) fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..max)
}

/// Fewer than `max` bytes, owned.
pub(crate) fn bin(max: usize) -> impl Strategy<Value = Cow<'static, [u8]>> {
    bytes(max).prop_map(Cow::Owned)
}

/// Fewer than `max` bytes with a 2-byte count.
pub(crate) fn bytes16(max: usize) -> impl Strategy<Value = Bytes16<'static>> {
    bin(max).prop_map(Bytes16)
}

pub(crate) fn guid() -> impl Strategy<Value = Guid> {
    any::<[u8; 16]>().prop_map(Guid)
}

pub(crate) fn fid() -> impl Strategy<Value = FolderId> {
    any::<u64>().prop_map(FolderId::from_u64)
}

pub(crate) fn mid() -> impl Strategy<Value = MessageId> {
    any::<u64>().prop_map(MessageId::from_u64)
}

pub(crate) fn ltid() -> impl Strategy<Value = LongTermId> {
    (guid(), any::<[u8; 6]>()).prop_map(|(database_guid, c)| LongTermId {
        database_guid,
        global_counter: GlobalCounter(c),
    })
}

/// Fewer than `max` property tags of any value.
pub(crate) fn prop_tags(max: usize) -> impl Strategy<Value = Vec<PropTag>> {
    vec(any::<u32>().prop_map(PropTag), 0..max)
}

/// A named property: a GUID and a LID, a name (of up to `max` characters) or, when `no_name`,
/// neither.
pub(crate) fn property_name(
    max: usize,
    no_name: bool,
) -> impl Strategy<Value = PropertyName<'static>> {
    let mut kinds = vec![
        any::<u32>().prop_map(PropertyNameKind::Lid).boxed(),
        utf16(max).prop_map(PropertyNameKind::Name).boxed(),
    ];
    if no_name {
        kinds.push(Just(PropertyNameKind::NoName).boxed());
    }
    (guid(), proptest::strategy::Union::new(kinds))
        .prop_map(|(guid, kind)| PropertyName { guid, kind })
}

// ---- property values -------------------------------------------------------------------------

/// A value of type `ty`: strings and binaries of up to `max` characters or bytes, multi-valued
/// ones of fewer than three values.
pub(crate) fn value_of(ty: PropType, max: usize) -> BoxedStrategy<PropertyValue<'static>> {
    use PropertyValue as V;
    match ty {
        PropType::NULL => Just(V::Null).boxed(),
        PropType::INTEGER16 => any::<i16>().prop_map(V::Integer16).boxed(),
        PropType::INTEGER32 => any::<i32>().prop_map(V::Integer32).boxed(),
        PropType::INTEGER64 => any::<i64>().prop_map(V::Integer64).boxed(),
        PropType::BOOLEAN => any::<u8>()
            .prop_map(|b| V::Boolean(mapi_codec::wire::Bool8(b)))
            .boxed(),
        PropType::ERROR_CODE => any::<u32>().prop_map(V::ErrorCode).boxed(),
        PropType::TIME => any::<u64>().prop_map(|t| V::Time(FileTime(t))).boxed(),
        PropType::GUID => guid().prop_map(V::Guid).boxed(),
        PropType::STRING => utf16(max).prop_map(V::String).boxed(),
        PropType::STRING8 => ansi(max).prop_map(V::String8).boxed(),
        PropType::BINARY => bin(max).prop_map(V::Binary).boxed(),
        PropType::MULTIPLE_INTEGER32 => vec(any::<i32>(), 0..3)
            .prop_map(|v| V::MultipleInteger32(v.into()))
            .boxed(),
        PropType::MULTIPLE_STRING => vec(utf16(max), 0..3)
            .prop_map(|v| V::MultipleString(v.into()))
            .boxed(),
        PropType::MULTIPLE_STRING8 => vec(ansi(max), 0..3)
            .prop_map(|v| V::MultipleString8(v.into()))
            .boxed(),
        PropType::MULTIPLE_BINARY => vec(bin(max), 0..3)
            .prop_map(|v| V::MultipleBinary(v.into()))
            .boxed(),
        _ => panic!("no strategy for values of {ty:?}"),
    }
}

/// A value of one of `types`, each as likely (see [`value_of`] for `max`).
pub(crate) fn value_among(
    types: &'static [PropType],
    max: usize,
) -> impl Strategy<Value = PropertyValue<'static>> {
    proptest::sample::select(types).prop_flat_map(move |t| value_of(t, max))
}

/// A value of one of `types` under a tag of any id (see [`value_of`] for `max`).
pub(crate) fn tagged_value(
    types: &'static [PropType],
    max: usize,
) -> impl Strategy<Value = TaggedPropertyValue<'static>> {
    (any::<u16>(), value_among(types, max)).prop_map(|(id, value)| TaggedPropertyValue {
        tag: PropTag::new(id, value.prop_type()),
        value,
    })
}

/// Fewer than four [`tagged_value`]s.
pub(crate) fn tagged_values(
    types: &'static [PropType],
    max: usize,
) -> impl Strategy<Value = Vec<TaggedPropertyValue<'static>>> {
    vec(tagged_value(types, max), 0..4)
}

// ---- ReturnValue and body --------------------------------------------------------------------

/// What the values of a boxed strategy are.
pub(crate) trait Value: Clone + std::fmt::Debug + 'static {}

impl<T: Clone + std::fmt::Debug + 'static> Value for T {}

/// A strategy of ReturnValue and the body it selects.
pub(crate) type Returns<S, F> = BoxedStrategy<(u32, Outcome<S, F>)>;

/// ReturnValue and the body it selects: 0 and a success body, or a code of `codes` and a
/// failure body, each half the time.
pub(crate) fn outcome_in<S: Value, F: Value>(
    codes: impl Strategy<Value = u32> + 'static,
    success: impl Strategy<Value = S> + 'static,
    failure: impl Strategy<Value = F> + 'static,
) -> Returns<S, F> {
    prop_oneof![
        success.prop_map(|s| (0, Outcome::Success(s))),
        (codes, failure).prop_map(|(rv, f)| (rv, Outcome::Failure(f))),
    ]
    .boxed()
}

/// [`outcome_in`] with any nonzero failure code.
pub(crate) fn outcome<S: Value, F: Value>(
    s: impl Strategy<Value = S> + 'static,
    f: impl Strategy<Value = F> + 'static,
) -> Returns<S, F> {
    outcome_in(1u32.., s, f)
}

/// [`outcome`] of a response whose failure has no fields.
pub(crate) fn succeeds_with<S: Value>(
    s: impl Strategy<Value = S> + 'static,
) -> Returns<S, NoFields> {
    outcome(s, Just(NoFields))
}

/// [`outcome`] of a response with no fields but ReturnValue.
pub(crate) fn no_fields() -> Returns<NoFields, NoFields> {
    succeeds_with(Just(NoFields))
}

/// The body ReturnValue `rv` selects: `success` for 0, else `failure`.
pub(crate) fn body_for<S, F>(rv: u32, success: S, failure: F) -> Outcome<S, F> {
    if rv == 0 {
        Outcome::Success(success)
    } else {
        Outcome::Failure(failure)
    }
}

// ---- building ROPs ---------------------------------------------------------------------------

/// A strategy for the struct `$t` whose fields are each drawn from the strategy written for
/// it (a field alone: from the strategy of that name).
macro_rules! fields {
    ($t:ident { $($f:ident $(: $s:expr)?),+ $(,)? }) => {
        ($(fields!(@strategy $f $(: $s)?),)+).prop_map(|($($f,)+)| $t { $($f),+ })
    };
    (@strategy $f:ident) => {
        $f
    };
    (@strategy $f:ident: $s:expr) => {
        $s
    };
}

/// A strategy for the ROP response `$t`: its handle index from `$h`, its ReturnValue and body
/// from `$o` (a strategy of both, as [`outcome`] gives them).
macro_rules! response {
    ($t:ident, $h:expr, $o:expr $(,)?) => {
        ($h, $o).prop_map(|(handle_index, (return_value, body))| $t {
            handle_index,
            return_value,
            body,
        })
    };
}

/// A strategy of [`Pair`]s from a strategy of requests and one of responses, both put in their
/// variant `$v` (boxed where the enum boxes them).
macro_rules! rop {
    ($v:ident, $q:expr, $r:expr $(,)?) => {
        ($q, $r)
            .prop_map(|(q, r)| {
                (
                    mapi_codec::rop::RopRequest::$v(q.into()),
                    mapi_codec::rop::RopResponse::$v(r.into()),
                )
            })
            .boxed()
    };
}

/// The [`Pair`] of the request `$q` in the variant `$v` (boxed where the enum boxes it) and the
/// response `$t` answering it on the handle index `$h`, with the ReturnValue and body `$o`.
macro_rules! pair_of {
    ($v:ident($q:expr) => $t:ident($h:expr, $o:expr)) => {{
        let (return_value, body) = $o;
        let r = $t {
            handle_index: $h,
            return_value,
            body,
        };
        (
            mapi_codec::rop::RopRequest::$v($q.into()),
            mapi_codec::rop::RopResponse::$v(r.into()),
        )
    }};
}

/// A strategy of [`Pair`]s: a request in the variant `$v` and the response `$t` that answers
/// it on the handle index of the request's `$role` field, with a ReturnValue and body of `$o`.
/// The request is of the strategy `$q`, or a `$q { .. }` whose fields are drawn as
/// [`fields!`] draws them.
macro_rules! answered {
    ($v:ident: $q:ident { $($f:tt)* } => $t:ident($role:ident, $o:expr $(,)?)) => {
        answered!($v, fields!($q { $($f)* }), $role => $t, $o)
    };
    ($v:ident, $q:expr, $role:ident => $t:ident, $o:expr $(,)?) => {
        ($q, $o)
            .prop_map(|(q, o)| {
                let handles = mapi_codec::rop::field::RequestFields::handle_indexes(&q);
                let h = handles.get(mapi_codec::rop::HandleRole::$role).unwrap();
                pair_of!($v(q) => $t(h, o))
            })
            .boxed()
    };
}

/// Proptest tests of [`Pair`]s, one for each `name(strategy)`, run `$cases` times: each pair
/// must round trip in its buffers ([`check_pair`]) with the handle table `$handles`.
macro_rules! pair_tests {
    ($cases:expr, $handles:expr; $($name:ident($s:expr)),+ $(,)?) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases($cases))]
            $(
                #[test]
                fn $name(pair in $s) {
                    common::check_pair(pair, &$handles)?;
                }
            )+
        }
    };
}

// ---- round trips -----------------------------------------------------------------------------

/// Encodes `$x` (with the context after `with`, if any), checks the length `encoded_len`
/// promised, decodes the bytes as a `$t` (with the context after `=>`) and checks that it is
/// `$x` again and encodes to the same bytes.
macro_rules! assert_round_trip {
    ($x:expr, $t:ty) => {{
        let x = &$x;
        let bytes = mapi_codec::wire::Encode::to_bytes(x).unwrap();
        assert_eq!(bytes.len(), mapi_codec::wire::Encode::encoded_len(x));
        let back = <$t as mapi_codec::wire::Decode>::decode_exact(
            &bytes,
            mapi_codec::wire::Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(&back, x);
        assert_eq!(mapi_codec::wire::Encode::to_bytes(&back).unwrap(), bytes);
        // The owned form of what was decoded is the same value.
        assert_eq!(&mapi_codec::wire::IntoOwned::into_owned(back.clone()), x);
    }};
    ($x:expr, $t:ty, with $w:expr => $ctx:expr) => {{
        let (x, w) = (&$x, $w);
        let bytes = mapi_codec::wire::EncodeWith::to_bytes_with(x, w).unwrap();
        assert_eq!(
            bytes.len(),
            mapi_codec::wire::EncodeWith::encoded_len_with(x, w)
        );
        let back = <$t as mapi_codec::wire::DecodeWith<_>>::decode_with_exact(
            &bytes,
            $ctx,
            mapi_codec::wire::Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(&back, x);
        assert_eq!(
            mapi_codec::wire::EncodeWith::to_bytes_with(&back, w).unwrap(),
            bytes
        );
        // The owned form of what was decoded is the same value.
        assert_eq!(&mapi_codec::wire::IntoOwned::into_owned(back.clone()), x);
    }};
}

/// The request index of each of `responses` when they answer `requests` in order: the next
/// one but RopRelease (which has no response) for each response to a request, none for those
/// sent without one (RopNotify).
fn answered_in_order(
    requests: &[RopRequest<'_>],
    responses: &[RopResponse<'_>],
) -> Vec<Option<usize>> {
    let mut answered =
        (0..requests.len()).filter(|&i| !matches!(requests[i], RopRequest::Release(_)));
    let mut index = |r: &RopResponse<'_>| {
        if RopResponse::is_standalone(r.rop_id()) {
            return None;
        }
        answered.next()
    };
    responses.iter().map(&mut index).collect()
}

/// Puts `requests` in a ROP input buffer and `responses` in the output buffer answering it,
/// both with the handle table `handles`; encodes both and decodes them back, the responses
/// against the decoded requests (and `session`, when there is one). Each buffer must encode to
/// the length `encoded_len` promised, decode to what was encoded (nothing left raw, each
/// response naming the request it answers) and encode again to the same bytes. The owned form
/// of each decoded buffer ([`IntoOwned`]) must be the same value, also when it is made from a
/// copy of the bytes that is dropped before it is compared ([`decoded_owned`]).
pub(crate) fn check_rop_buffers(
    requests: Vec<RopRequest<'static>>,
    responses: Vec<RopResponse<'static>>,
    handles: &[u32],
    session: Option<&Session>,
) -> Result<(), TestCaseError> {
    let fail = |e, what: &dyn std::fmt::Debug| TestCaseError::fail(format!("{e}: {what:?}"));
    let fail_enc =
        |e, what: &dyn std::fmt::Debug| TestCaseError::fail(format!("encoding: {e}: {what:?}"));
    let rq = RopRequestBuffer {
        rops: requests,
        raw: None,
        handles: HandleTable::from_handles(handles),
    };
    let rq_bytes = rq.to_bytes_with(session).map_err(|e| fail_enc(e, &rq))?;
    prop_assert_eq!(rq_bytes.len(), rq.encoded_len());
    let rq_back = RopRequestBuffer::decode_with_exact(&rq_bytes, session, Limits::DEFAULT)
        .map_err(|e| fail(e, &rq))?;
    prop_assert_eq!(&rq_back, &rq);
    prop_assert_eq!(rq_back.to_bytes_with(session).unwrap(), &rq_bytes[..]);
    prop_assert_eq!(&rq_back.clone().into_owned(), &rq_back);
    let rq_owned = decoded_owned(&rq_bytes, |b| {
        RopRequestBuffer::decode_with_exact(b, session, Limits::DEFAULT).map(IntoOwned::into_owned)
    })
    .map_err(|e| fail(e, &rq))?;
    prop_assert_eq!(&rq_owned, &rq);

    let in_order = answered_in_order(&rq.rops, &responses);
    let rs = RopResponseBuffer::new(responses, handles);
    let rs_bytes = rs
        .to_bytes_with((&rq_back, session))
        .map_err(|e| fail_enc(e, &rs))?;
    prop_assert_eq!(&rs_bytes, &rs.to_bytes().unwrap());
    prop_assert_eq!(rs_bytes.len(), rs.encoded_len());
    let rs_back =
        RopResponseBuffer::decode_with_exact(&rs_bytes, (&rq_back, session), Limits::DEFAULT)
            .map_err(|e| fail(e, &rs))?;
    prop_assert_eq!(&rs_back, &rs);
    prop_assert_eq!(rs_back.request_indexes(&rq_back), in_order);
    prop_assert_eq!(rs_back.to_bytes().unwrap(), &rs_bytes[..]);
    prop_assert_eq!(&rs_back.clone().into_owned(), &rs_back);
    // Against the owned requests, whose input is gone too.
    let rs_owned = decoded_owned(&rs_bytes, |b| {
        RopResponseBuffer::decode_with_exact(b, (&rq_owned, session), Limits::DEFAULT)
            .map(IntoOwned::into_owned)
    })
    .map_err(|e| fail(e, &rs))?;
    prop_assert_eq!(&rs_owned, &rs);
    prop_assert_eq!(rs_owned.to_bytes().unwrap(), &rs_bytes[..]);
    // The serde form reads back as the same buffers.
    json_round_trip(&rq_back)?;
    json_round_trip(&rs_back)
}

/// `v` through its serde form as JSON text and back: the same value, the same bytes.
pub(crate) fn json_round_trip<T>(v: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Encode,
{
    let text = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, v, "{}", text);
    prop_assert_eq!(back.to_bytes().ok(), v.to_bytes().ok());
    Ok(())
}

/// What `decode` makes of a copy of `bytes` that is dropped before this returns: a value that
/// does not borrow from its input (its owned form) outlives it.
pub(crate) fn decoded_owned<T: 'static, E>(
    bytes: &[u8],
    decode: impl FnOnce(&[u8]) -> Result<T, E>,
) -> Result<T, E> {
    let input = bytes.to_vec();
    let value = decode(&input);
    drop(input);
    value
}

/// [`check_rop_buffers`] for one request and its response, with no session.
pub(crate) fn check_pair((request, response): Pair, handles: &[u32]) -> Result<(), TestCaseError> {
    check_rop_buffers(vec![request], vec![response], handles, None)
}

/// Arbitrary bytes after the RopId `id`: whatever decodes as a request encodes to the bytes it
/// used.
pub(crate) fn check_request_bytes(id: u8, body: &[u8]) -> Result<(), TestCaseError> {
    let mut bytes = vec![id];
    bytes.extend_from_slice(body);
    if let Ok((rest, r)) = RopRequest::decode_with(&bytes, RequestCtx::default()) {
        let used = &bytes[..bytes.len() - rest.len()];
        prop_assert_eq!(r.to_bytes().unwrap(), used);
    }
    Ok(())
}

/// Arbitrary bytes after the RopId of `request`, in an output buffer with the handle table
/// `handles`, decoded against `request` (in its own input buffer, encoded and decoded):
/// whatever decodes encodes to the same bytes.
pub(crate) fn check_response_bytes(
    request: RopRequest<'static>,
    body: &[u8],
    handles: &[u32],
) -> Result<(), TestCaseError> {
    let handles = HandleTable::from_handles(handles);
    let rq = RopRequestBuffer {
        rops: vec![request],
        raw: None,
        handles: handles.clone(),
    };
    let rq_bytes = rq.to_bytes().unwrap();
    let rq = RopRequestBuffer::decode_exact(&rq_bytes, Limits::DEFAULT).unwrap();
    let mut list = vec![rq.rops[0].rop_id().0];
    list.extend_from_slice(body);
    let mut bytes = u16::try_from(list.len() + 2)
        .unwrap()
        .to_le_bytes()
        .to_vec();
    bytes.extend_from_slice(&list);
    bytes.extend_from_slice(&handles.0);
    if let Ok(rs) = RopResponseBuffer::decode_with_exact(&bytes, &rq, Limits::DEFAULT) {
        prop_assert_eq!(rs.to_bytes().unwrap(), bytes);
    }
    Ok(())
}

/// `bytes` cut where the indexes `cuts` point (in order): the pieces a decoder fed in parts
/// gets, all of `bytes` between them.
pub(crate) fn pieces<'a>(bytes: &'a [u8], cuts: &[proptest::sample::Index]) -> Vec<&'a [u8]> {
    let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
    at.sort_unstable();
    at.push(bytes.len());
    let mut last = 0;
    let mut out = Vec::with_capacity(at.len());
    for c in at {
        out.push(&bytes[last..c]);
        last = c;
    }
    out
}
