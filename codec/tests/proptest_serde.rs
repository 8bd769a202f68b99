//! serde round trips of the message types: a value, its JSON text, the value read back from
//! it: equal, and encoding to the same bytes. Values come from their `Arbitrary` (which only
//! builds values the encoder accepts) fed with proptest's bytes; the ROP buffers go round in
//! every pair of the ROP suites too (`common::check_rop_buffers`).

use std::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};
use mapi_codec::data::{
    ExtendedRuleActions, PropertyName, PropertyProblemArray, PropertyTagArray, Restriction,
    RuleActions, RuleForm, ServerId, SortOrderSet, TaggedPropertyValue, TypedPropertyValue,
    TypedString,
};
use mapi_codec::fxics::idset::{IdsetReplguid, IdsetReplid, PredecessorChangeList};
use mapi_codec::fxics::stream::Element;
use mapi_codec::http::emsmdb;
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequest, RopResponse};
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::ExtendedBufferChain;
use mapi_codec::wire::{CountWidth, Decode, Encode, EncodeWith, Limits};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The value `T::arbitrary` builds from `data`, if it builds one.
fn build<'a, T: Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    T::arbitrary(&mut Unstructured::new(data)).ok()
}

/// `v` through JSON text and back: equal, and (in the context `ctx`) the same bytes.
fn round_trip<T, C>(v: &T, ctx: C) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug + EncodeWith<C>,
    C: Copy,
{
    let text = serde_json::to_string(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T =
        serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, v, "{}", text);
    prop_assert_eq!(back.to_bytes_with(ctx).ok(), v.to_bytes_with(ctx).ok());
    Ok(())
}

/// [`round_trip`] of the value `data` builds, in the context `ctx`, when it encodes (a few
/// `Arbitrary` impls build values the encoder refuses, such as a GLOBSET Push of no bytes:
/// reading their JSON back fails as encoding them does).
fn check<'a, T, C>(data: &'a [u8], ctx: C) -> Result<(), TestCaseError>
where
    T: Arbitrary<'a> + Serialize + DeserializeOwned + PartialEq + Debug + EncodeWith<C>,
    C: Copy,
{
    match build::<T>(data) {
        Some(v) if v.to_bytes_with(ctx).is_ok() => round_trip(&v, ctx),
        _ => Ok(()),
    }
}

/// [`round_trip`] of the value that `data` builds, once encoded and decoded again: for the
/// types whose `Arbitrary` and encoder let through values their decoder refuses (a GLOBSET that
/// pops an empty stack), whose JSON reading refuses them as well.
fn check_decoded<'a, T>(data: &'a [u8]) -> Result<(), TestCaseError>
where
    T: Arbitrary<'a> + Serialize + DeserializeOwned + PartialEq + Debug + Encode,
    T: for<'b> Decode<'b>,
{
    let Some(bytes) = build::<T>(data).and_then(|v| v.to_bytes().ok()) else {
        return Ok(());
    };
    match T::decode_exact(&bytes, Limits::DEFAULT) {
        Ok(v) => round_trip(&v, ()),
        Err(_) => Ok(()),
    }
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..2048)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn property_values_and_restrictions(d in data()) {
        check::<TypedPropertyValue<'_>, _>(&d, CountWidth::U16)?;
        check::<TaggedPropertyValue<'_>, _>(&d, CountWidth::U32)?;
        check::<Restriction<'_>, _>(&d, CountWidth::U16)?;
        check::<PropertyTagArray, _>(&d, CountWidth::U32)?;
    }

    #[test]
    fn data_structures(d in data()) {
        check::<PropertyName<'_>, _>(&d, ())?;
        check::<SortOrderSet, _>(&d, ())?;
        check::<PropertyProblemArray, _>(&d, ())?;
        check::<TypedString<'_>, _>(&d, ())?;
        check::<ServerId<'_>, _>(&d, ())?;
        check::<ExtendedRuleActions<'_>, _>(&d, ())?;
        check::<RuleActions<'_>, _>(&d, RuleForm::Standard)?;
        check_decoded::<IdsetReplid>(&d)?;
        check_decoded::<IdsetReplguid>(&d)?;
        check::<PredecessorChangeList<'_>, _>(&d, ())?;
    }

    #[test]
    fn rop_requests_and_responses(d in data()) {
        check::<RopRequest<'_>, _>(&d, ())?;
        check::<RopResponse<'_>, _>(&d, ())?;
    }

    #[test]
    fn transport_and_bodies(d in data()) {
        check::<ExtendedBufferChain<'_>, _>(&d, ())?;
        check::<AuxBlocks<'_>, _>(&d, ())?;
        check::<emsmdb::ConnectRequest<'_>, _>(&d, ())?;
        check::<emsmdb::ConnectResponse<'_>, _>(&d, ())?;
        check::<emsmdb::ExecuteRequest<'_>, _>(&d, ())?;
        check::<emsmdb::ExecuteResponse<'_>, _>(&d, ())?;
        check::<emsmdb::NotificationWaitResponse<'_>, _>(&d, ())?;
        check::<NspiBody<'_>, _>(&d, ())?;
    }

    #[test]
    fn fast_transfer_elements(d in data()) {
        // Elements one by one: a sequence of them is a stream only when it is lexically one.
        if let Some(e) = build::<Element<'_>>(&d) {
            let text = serde_json::to_string(&e).unwrap();
            let back: Element<'_> = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, e, "{}", text);
        }
    }
}
