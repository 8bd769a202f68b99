//! Round trips of the NSPI bodies ([MS-OXCMAPIHTTP] 2.2.5) and the address-book structures of
//! 2.2.1: built values give `decode(encode(x)) == x`, and bytes that decode re-encode to
//! themselves.

mod common;

use common::{utf16, value_of};
use mapi_codec::data::{PropTag, PropType, PropertyValue, Restriction};
use mapi_codec::http::headers::{BodyKind, Endpoint};
use mapi_codec::nspi::{
    AbRowValue, AddressBookFlaggedPropertyValue, AddressBookFlaggedPropertyValueWithType,
    AddressBookPropertyRow, AddressBookPropertyValue, AddressBookPropertyValueList,
    AddressBookTaggedPropertyValue, AddressBookTypedPropertyValue, AuxiliaryBuffer, BindRequest,
    ColumnsAndRows, Direction, ErrorCode, GetMatchesRequest, GetPropsResponse, Has,
    LargePropertyTagArray, MidArray, MinimalEntryId, NspiBody, QueryRowsRequest, QueryRowsResponse,
    ResolveNamesRequest, ResponseBody, SeekEntriesRequest, SortType, Stat, UpdateStatResponse,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain};
use mapi_codec::wire::{DecodeError, DecodeWith, Encode, IntoOwned, Limits, List32, Outcome};

/// The NSPI request types, as the spec spells them.
fn request_types() -> Vec<&'static str> {
    BodyKind::all()
        .filter(|k| k.endpoint() == Endpoint::AddressBook)
        .filter_map(|k| k.request_type.name())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Decodes `bytes` as the NSPI body of `request_type` in `dir`.
fn decode_body<'a>(
    request_type: &str,
    dir: Direction,
    bytes: &'a [u8],
) -> Result<NspiBody<'a>, DecodeError> {
    let kind = BodyKind::new(request_type, dir).unwrap();
    NspiBody::decode_with_exact(bytes, kind, Limits::DEFAULT)
}
use proptest::prelude::*;

fn stat() -> impl Strategy<Value = Stat> {
    (any::<[u32; 3]>(), any::<i32>(), any::<[u32; 5]>()).prop_map(|(a, delta, b)| Stat {
        sort_type: SortType(a[0]),
        container_id: a[1],
        current_rec: MinimalEntryId(a[2]),
        delta,
        num_pos: b[0],
        total_recs: b[1],
        code_page: b[2],
        template_locale: b[3],
        sort_locale: b[4],
    })
}

fn has<T: std::fmt::Debug + Clone>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Has<T>> {
    (proptest::option::of(s), 1u8..=255).prop_map(|(v, f)| match v {
        Some(v) => Has {
            flag: f,
            value: Some(v),
        },
        None => Has::none(),
    })
}

/// The types of the values an address book carries here.
const TYPES: &[PropType] = &[
    PropType::INTEGER32,
    PropType::BOOLEAN,
    PropType::ERROR_CODE,
    PropType::INTEGER64,
    PropType::TIME,
    PropType::GUID,
    PropType::STRING,
    PropType::STRING8,
    PropType::BINARY,
    PropType::MULTIPLE_STRING,
    PropType::MULTIPLE_STRING8,
    PropType::MULTIPLE_BINARY,
    PropType::MULTIPLE_INTEGER32,
];

fn prop_type() -> impl Strategy<Value = PropType> {
    proptest::sample::select(TYPES)
}

fn ab_value(ty: PropType) -> impl Strategy<Value = AddressBookPropertyValue<'static>> {
    let needs = mapi_codec::nspi::has_value_field(ty);
    (value_of(ty, 8), 1u8..=255, any::<bool>()).prop_map(move |(v, f, absent)| {
        if needs && absent {
            AddressBookPropertyValue::absent()
        } else {
            AddressBookPropertyValue {
                has_value: needs.then_some(f),
                value: Some(v),
            }
        }
    })
}

fn tagged() -> impl Strategy<Value = AddressBookTaggedPropertyValue<'static>> {
    (prop_type(), 0x3000u16..0x3100).prop_flat_map(|(ty, id)| {
        ab_value(ty).prop_map(move |value| AddressBookTaggedPropertyValue {
            tag: PropTag::new(id, ty),
            value,
        })
    })
}

fn value_list() -> impl Strategy<Value = AddressBookPropertyValueList<'static>> {
    proptest::collection::vec(tagged(), 0..4)
        .prop_map(|values| AddressBookPropertyValueList { values })
}

/// A cell for a column of `ty` (PtypUnspecified for typed cells) in a row flagged or not.
fn cell(ty: PropType, flagged: bool) -> BoxedStrategy<AbRowValue<'static>> {
    let unspecified = ty == PropType::UNSPECIFIED;
    let inner_ty = if unspecified {
        prop_type().boxed()
    } else {
        Just(ty).boxed()
    };
    (inner_ty, 0u8..3)
        .prop_flat_map(move |(t, which)| {
            (ab_value(t), any::<u32>()).prop_map(move |(v, err)| {
                let (flag, fv) = match which {
                    0 => (0u8, Some(v.clone())),
                    1 => (1, None),
                    _ => (
                        0xA,
                        Some(AddressBookPropertyValue::new(PropertyValue::ErrorCode(err))),
                    ),
                };
                match (flagged, unspecified) {
                    (false, false) => AbRowValue::Value(v),
                    (false, true) => AbRowValue::Typed(AddressBookTypedPropertyValue {
                        prop_type: t,
                        value: v,
                    }),
                    (true, false) => {
                        AbRowValue::Flagged(AddressBookFlaggedPropertyValue { flag, value: fv })
                    }
                    (true, true) => {
                        AbRowValue::FlaggedWithType(AddressBookFlaggedPropertyValueWithType {
                            prop_type: t,
                            flagged: AddressBookFlaggedPropertyValue { flag, value: fv },
                        })
                    }
                }
            })
        })
        .boxed()
}

fn cols_and_rows() -> impl Strategy<Value = ColumnsAndRows<'static>> {
    proptest::collection::vec(prop_oneof![prop_type(), Just(PropType::UNSPECIFIED)], 0..4)
        .prop_flat_map(|types| {
            let tags: Vec<PropTag> = types
                .iter()
                .enumerate()
                .map(|(i, t)| PropTag::new(0x3000 + i as u16, *t))
                .collect();
            let row = any::<bool>().prop_flat_map(move |flagged| {
                let cells: Vec<_> = types.iter().map(|t| cell(*t, flagged)).collect();
                cells.prop_map(move |values| AddressBookPropertyRow::new(flagged, values))
            });
            proptest::collection::vec(row, 0..3).prop_map(move |rows| ColumnsAndRows {
                columns: tags.clone().into(),
                rows,
            })
        })
}

fn aux() -> impl Strategy<Value = AuxiliaryBuffer<'static>> {
    proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16)).prop_map(|p| {
        AuxiliaryBuffer(
            p.map(|p| ExtendedBufferChain::pack(&[&p], BuildOptions::default(), 0x8000).unwrap()),
        )
    })
}

fn tags() -> impl Strategy<Value = LargePropertyTagArray<'static>> {
    proptest::collection::vec(any::<u32>().prop_map(PropTag), 0..4)
        .prop_map(LargePropertyTagArray::from)
}

fn mids() -> impl Strategy<Value = MidArray> {
    proptest::collection::vec(any::<u32>().prop_map(MinimalEntryId), 0..4).prop_map(List32)
}

fn body() -> impl Strategy<Value = (&'static str, Direction, Vec<u8>)> {
    fn resp<T: Encode>(b: T) -> Vec<u8> {
        ResponseBody::success(b).to_bytes().unwrap()
    }
    prop_oneof![
        (any::<u32>(), has(stat()), aux()).prop_map(|(flags, state, auxiliary_buffer)| (
            "Bind",
            Direction::Request,
            BindRequest {
                flags,
                state,
                auxiliary_buffer
            }
            .to_bytes()
            .unwrap()
        )),
        (has(stat()), mids(), any::<u32>(), has(tags()), aux()).prop_map(
            |(state, explicit_table, row_count, columns, auxiliary_buffer)| (
                "QueryRows",
                Direction::Request,
                QueryRowsRequest {
                    flags: 0,
                    state,
                    explicit_table,
                    row_count,
                    columns,
                    auxiliary_buffer
                }
                .to_bytes()
                .unwrap()
            )
        ),
        (any::<u32>(), has(stat()), has(cols_and_rows()), aux()).prop_map(
            |(e, state, cols_and_rows, auxiliary_buffer)| (
                "QueryRows",
                Direction::Response,
                resp(QueryRowsResponse {
                    error_code: ErrorCode(e),
                    state,
                    cols_and_rows,
                    auxiliary_buffer
                })
            )
        ),
        (any::<u32>(), has(value_list()), aux()).prop_map(|(cp, property_values, a)| (
            "GetProps",
            Direction::Response,
            resp(GetPropsResponse {
                error_code: ErrorCode(0),
                code_page: mapi_codec::nspi::CodePage(cp),
                property_values,
                auxiliary_buffer: a
            })
        )),
        (has(stat()), has(tagged()), has(mids()), has(tags()), aux()).prop_map(
            |(state, target, explicit_table, columns, auxiliary_buffer)| (
                "SeekEntries",
                Direction::Request,
                SeekEntriesRequest {
                    reserved: 0,
                    state,
                    target,
                    explicit_table,
                    columns,
                    auxiliary_buffer
                }
                .to_bytes()
                .unwrap()
            )
        ),
        (
            has(stat()),
            has(tags()),
            has(proptest::collection::vec(utf16(8), 0..3)),
            aux()
        )
            .prop_map(|(state, property_tags, names, auxiliary_buffer)| (
                "ResolveNames",
                Direction::Request,
                ResolveNamesRequest {
                    reserved: 0,
                    state,
                    property_tags,
                    names: Has {
                        flag: names.flag,
                        value: names.value.map(List32)
                    },
                    auxiliary_buffer
                }
                .to_bytes()
                .unwrap()
            )),
        (
            has(stat()),
            has(mids()),
            has(any::<u32>().prop_map(|t| Restriction::Exist {
                prop_tag: PropTag(t)
            })),
            any::<u32>(),
            has(tags()),
            aux()
        )
            .prop_map(|(state, minimal_ids, filter, row_count, columns, a)| (
                "GetMatches",
                Direction::Request,
                GetMatchesRequest {
                    reserved: 0,
                    state,
                    minimal_ids,
                    interface_option_flags: 0,
                    filter,
                    property_name: Has::none(),
                    row_count,
                    columns,
                    auxiliary_buffer: a
                }
                .to_bytes()
                .unwrap()
            )),
        (has(stat()), has(any::<i32>()), aux()).prop_map(|(state, delta, a)| (
            "UpdateStat",
            Direction::Response,
            resp(UpdateStatResponse {
                error_code: ErrorCode(0),
                state,
                delta,
                auxiliary_buffer: a
            })
        )),
        (1u32.., aux(), 0usize..19).prop_map(|(status_code, a, i)| (
            request_types()[i],
            Direction::Response,
            ResponseBody::<'_, mapi_codec::nspi::UnbindResponse<'_>> {
                status_code,
                body: Outcome::Failure(a),
            }
            .to_bytes()
            .unwrap()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_bodies_round_trip((rt, dir, bytes) in body()) {
        let decoded = decode_body(rt, dir, &bytes).unwrap();
        prop_assert_eq!(decoded.encoded_len(), bytes.len());
        prop_assert_eq!(decoded.to_bytes().unwrap(), bytes.clone());
        let again = decode_body(rt, dir, &bytes).unwrap();
        prop_assert_eq!(&again, &decoded);
        // The owned form is the same body, also once its input is gone.
        prop_assert_eq!(&decoded.clone().into_owned(), &decoded);
        let owned = common::decoded_owned(&bytes, |b| decode_body(rt, dir, b).map(IntoOwned::into_owned))
            .unwrap();
        prop_assert_eq!(&owned, &decoded);
        prop_assert_eq!(owned.to_bytes().unwrap(), bytes.clone());
        let _ = mapi_codec::tree::ToTreeWith::to_tree_with(&decoded, mapi_codec::nspi::CodePage(65001));
        let _ = mapi_codec::tree::ToTree::to_tree(&decoded);
    }

    #[test]
    fn random_bytes_never_panic_and_re_encode(
        i in 0usize..19,
        req in any::<bool>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let dir = if req { Direction::Request } else { Direction::Response };
        if let Ok(b) = decode_body(request_types()[i], dir, &bytes) {
            let b: NspiBody<'_> = b;
            prop_assert_eq!(b.to_bytes().unwrap(), bytes);
        }
    }
}
