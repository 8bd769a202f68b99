//! Edge cases of the NSPI structures and bodies.

use std::borrow::Cow;

use super::*;
use crate::data::{PropTag, PropTags, PropType, PropertyValue};
use crate::http::headers::BodyKind;
use crate::rpc::ext::{BuildOptions, ExtendedBufferChain};
use crate::tree::{ToTree, ToTreeWith, Tree};
use crate::wire::{AnsiStr, Decode, DecodeError, DecodeWith, Encode, EncodeWith, Limits, Utf16Str};

/// Decodes `bytes` as the NSPI body of `request_type` travelling in `direction`.
fn decode_body<'a>(
    request_type: &str,
    direction: Direction,
    bytes: &'a [u8],
) -> Result<NspiBody<'a>, DecodeError> {
    let kind = BodyKind::new(request_type, direction).expect("a request type");
    NspiBody::decode_with_exact(bytes, kind, Limits::DEFAULT)
}

fn tree_text(t: &Tree) -> String {
    t.to_text()
}

fn aux() -> AuxiliaryBuffer<'static> {
    // One AUX_PERF_REQUESTID block: Size 8, Version 1, Type 1, SessionID 3, RequestID 16.
    let payload: &[u8] = &[8, 0, 1, 1, 3, 0, 16, 0];
    AuxiliaryBuffer(Some(
        ExtendedBufferChain::pack(&[payload], BuildOptions::default(), 0x8000).unwrap(),
    ))
}

fn sample_query_rows_response() -> Vec<u8> {
    let cols = LargePropertyTagArray::from(vec![
        PropTag::DISPLAY_NAME,
        PropTag(0x3900_0003),
        PropTag(0x3001_0000),
    ]);
    let rows = vec![
        AddressBookPropertyRow::new(
            false,
            vec![
                AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::String(
                    Utf16Str::from_text("Alice").unwrap(),
                ))),
                AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::Integer32(6))),
                AbRowValue::Typed(AddressBookTypedPropertyValue {
                    prop_type: PropType::BINARY,
                    value: AddressBookPropertyValue::absent(),
                }),
            ],
        ),
        AddressBookPropertyRow::new(
            true,
            vec![
                AbRowValue::Flagged(AddressBookFlaggedPropertyValue {
                    flag: 1,
                    value: None,
                }),
                AbRowValue::Flagged(AddressBookFlaggedPropertyValue {
                    flag: 0xA,
                    value: Some(AddressBookPropertyValue::new(PropertyValue::ErrorCode(
                        0x8004_010F,
                    ))),
                }),
                AbRowValue::FlaggedWithType(AddressBookFlaggedPropertyValueWithType {
                    prop_type: PropType::STRING8,
                    flagged: AddressBookFlaggedPropertyValue {
                        flag: 0,
                        value: Some(AddressBookPropertyValue::new(PropertyValue::String8(
                            AnsiStr::from_wire(b"Bj\xf6rn").unwrap(),
                        ))),
                    },
                }),
            ],
        ),
    ];
    let body = QueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(Stat {
            code_page: 1252,
            ..Stat::default()
        }),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: cols,
            rows,
        }),
        auxiliary_buffer: aux(),
    };
    ResponseBody::success(body).to_bytes().unwrap()
}

#[test]
fn built_body_round_trips_and_every_prefix_fails() {
    let bytes = sample_query_rows_response();
    let body = decode_body("QueryRows", Direction::Response, &bytes).unwrap();
    assert_eq!(body.to_bytes().unwrap(), bytes);
    assert_eq!(body.encoded_len(), bytes.len());
    for n in 0..bytes.len() {
        assert!(
            decode_body("QueryRows", Direction::Response, &bytes[..n]).is_err(),
            "prefix {n}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    let e = decode_body("queryrows", Direction::Response, &longer).unwrap_err();
    assert_eq!(e.kind().name(), "trailing-bytes");
    assert_eq!(e.offset(), bytes.len());
}

#[test]
fn smaller_aux_size_fails() {
    let bytes = sample_query_rows_response();
    // AuxiliaryBufferSize sits 4 + 16 bytes before the end (8-byte header + 8-byte payload).
    let at = bytes.len() - 20;
    let size = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    for smaller in 1..size {
        let mut b = bytes.clone();
        b[at..at + 4].copy_from_slice(&smaller.to_le_bytes());
        assert!(
            decode_body("QueryRows", Direction::Response, &b).is_err(),
            "AuxiliaryBufferSize {smaller}"
        );
    }
}

#[test]
fn code_page_of_the_body_or_the_caller() {
    let bytes = sample_query_rows_response();
    let body = decode_body("QueryRows", Direction::Response, &bytes).unwrap();
    // The response's STAT names 1252: 0xF6 is ö.
    assert!(tree_text(&body.to_tree()).contains("Björn"));
    assert_eq!(body.code_page(), Some(1252));
    // A code page the crate does not know (37, EBCDIC) shows the bytes.
    let NspiBody::QueryRowsResponse(ResponseBody {
        body: crate::wire::Outcome::Success(mut b),
        ..
    }) = body
    else {
        panic!("not a QueryRows response");
    };
    b.state = Has::none();
    let body = NspiBody::QueryRowsResponse(ResponseBody::success(b));
    let t = tree_text(&body.to_tree_with(CodePage(37)));
    assert!(t.contains("CodePage: 37"), "{t}");
    assert!(t.contains("426af6726e"), "{t}");
    assert!(tree_text(&body.to_tree_with(CodePage(28591))).contains("Björn"));
}

#[test]
fn has_flag_must_match_its_field() {
    let mut b = UnbindRequest {
        reserved: 0,
        auxiliary_buffer: AuxiliaryBuffer(None),
    };
    assert_eq!(b.to_bytes().unwrap(), [0; 8]);
    b.reserved = 1;
    let bad = BindRequest {
        flags: 0,
        state: Has {
            flag: 1,
            value: None,
        },
        auxiliary_buffer: AuxiliaryBuffer(None),
    };
    assert!(bad.to_bytes().is_err());
    let bad = BindRequest {
        flags: 0,
        state: Has {
            flag: 0,
            value: Some(Stat::default()),
        },
        auxiliary_buffer: AuxiliaryBuffer(None),
    };
    assert!(bad.to_bytes().is_err());
}

#[test]
fn has_value_rules() {
    // A PtypInteger32 value must not carry HasValue, a PtypString must.
    let v = AddressBookTaggedPropertyValue {
        tag: PropTag(0x3900_0003),
        value: AddressBookPropertyValue {
            has_value: Some(1),
            value: Some(PropertyValue::Integer32(1)),
        },
    };
    let list = AddressBookPropertyValueList { values: vec![v] };
    let body = GetPropsResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(1252),
        property_values: Has::some(list),
        auxiliary_buffer: AuxiliaryBuffer(None),
    };
    assert!(ResponseBody::success(body).to_bytes().is_err());
    let v = AddressBookPropertyValue {
        has_value: None,
        value: Some(PropertyValue::Binary(Cow::Borrowed(&[1]))),
    };
    assert!(v.encode_with(PropType::BINARY, &mut Vec::new()).is_err());
    // HasValue 0 for a HasValue type: nothing follows.
    let mut r = crate::wire::Reader::new(&[0x00]);
    let v = AddressBookPropertyValue::decode_with_from(&mut r, PropType::MULTIPLE_STRING).unwrap();
    assert_eq!(v, AddressBookPropertyValue::absent());
    // Any nonzero HasValue is TRUE, and is kept.
    let b = [0x7F, 2, 0, 0, 0, 0xAA, 0xBB];
    let mut r = crate::wire::Reader::new(&b);
    let v = AddressBookPropertyValue::decode_with_from(&mut r, PropType::BINARY).unwrap();
    assert_eq!(v.has_value, Some(0x7F));
    let mut out = Vec::new();
    v.encode_with(PropType::BINARY, &mut out).unwrap();
    assert_eq!(out, b);
}

#[test]
fn failure_body() {
    let b = [0x0C, 0, 0, 0, 0, 0, 0, 0];
    let body = decode_body("GetProps", Direction::Response, &b).unwrap();
    assert!(matches!(
        body,
        NspiBody::GetPropsResponse(ResponseBody {
            status_code: 0x0C,
            body: crate::wire::Outcome::Failure(_),
        })
    ));
    assert!(tree_text(&body.to_tree()).contains("Invalid Request Body"));
    assert_eq!(body.to_bytes().unwrap(), b);
    let zero: ResponseBody<'_, UnbindResponse<'_>> = ResponseBody {
        status_code: 0,
        body: crate::wire::Outcome::Failure(AuxiliaryBuffer(None)),
    };
    assert!(zero.to_bytes().is_err());
}

#[test]
fn request_types_and_kinds() {
    let nspi =
        BodyKind::all().filter(|k| k.endpoint() == crate::http::headers::Endpoint::AddressBook);
    assert_eq!(nspi.count(), 2 * 19);
    assert!(decode_body("Execute", Direction::Request, &[]).is_err());
    assert!(BodyKind::from_cli_name("nspi-bogus-request").is_none());
    let kind = BodyKind::from_cli_name("nspi-dn-to-mid-request").unwrap();
    assert!(NspiBody::decode_with_exact(&[0; 9], kind, Limits::DEFAULT).is_ok());
    let s = Stat {
        delta: -1,
        ..Stat::default()
    };
    let b = s.to_bytes().unwrap();
    assert_eq!(b.len(), 36);
    assert_eq!(Stat::decode(&b).unwrap().1, s);
    assert!(matches!(s.to_tree(), Tree::Struct(_)));
}

#[test]
fn row_count_is_checked_before_allocating() {
    // QueryRows success: HasState 0, HasColsAndRows 1, zero columns, RowCount 0xFFFFFFFF.
    let mut b = vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0];
    b.extend_from_slice(&u32::MAX.to_le_bytes());
    let e = decode_body("QueryRows", Direction::Response, &b).unwrap_err();
    assert_eq!(e.kind().name(), "limit-exceeded");
    assert_eq!(e.path_string(), "ColsAndRows.RowCount");
}

#[test]
fn empty_auxiliary_chain_is_refused() {
    // A chain of no buffers would be written as AuxiliaryBufferSize 0, which reads back as
    // no auxiliary buffer at all: the encoder refuses it instead of changing the value.
    let body = GetAddressBookUrlRequest {
        flags: 0,
        user_dn: Utf16Str::from_text("x").unwrap(),
        auxiliary_buffer: AuxiliaryBuffer(Some(ExtendedBufferChain::default())),
    };
    assert!(matches!(
        body.to_bytes().map_err(|e| e.kind().clone()),
        Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
    ));
    let none = GetAddressBookUrlRequest {
        auxiliary_buffer: AuxiliaryBuffer(None),
        ..body
    };
    let bytes = none.to_bytes().unwrap();
    assert_eq!(
        GetAddressBookUrlRequest::decode_exact(&bytes, Limits::DEFAULT).unwrap(),
        none
    );
}

#[test]
fn absent_value_needs_a_tag_type_with_has_value() {
    // HasValue 0x00 under a PtypInteger32 tag: the decoder would read an Integer32 instead.
    let v = AddressBookTaggedPropertyValue {
        tag: PropTag(0x3900_0003),
        value: AddressBookPropertyValue::absent(),
    };
    let mut out = Vec::new();
    assert!(v.encode(&mut out).is_err());
    // Under a PtypString tag it is the absent string: tag, then HasValue 0x00.
    let v = AddressBookTaggedPropertyValue {
        tag: PropTag::DISPLAY_NAME,
        value: AddressBookPropertyValue::absent(),
    };
    let mut out = Vec::new();
    v.encode(&mut out).unwrap();
    assert_eq!(out, [0x1F, 0x00, 0x01, 0x30, 0x00]);
    assert_eq!(
        AddressBookTaggedPropertyValue::decode_exact(&out, Limits::DEFAULT).unwrap(),
        v
    );
}

#[test]
fn has_value_zero_means_no_value() {
    // HasValue 0x00 with a value after it: the decoder would stop at the HasValue byte.
    let v = AddressBookTaggedPropertyValue {
        tag: PropTag::DISPLAY_NAME,
        value: AddressBookPropertyValue {
            has_value: Some(0),
            value: Some(PropertyValue::String(Utf16Str::from_text("").unwrap())),
        },
    };
    assert!(v.encode(&mut Vec::new()).is_err());
}

/// Decoded rows read their cells from the input: they equal the rows they were built from
/// (value by value), write the same bytes back, and keep their cells through `into_owned`.
#[test]
fn decoded_rows_read_their_cells_from_the_input() {
    let name = |s: &str| {
        AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::String(
            crate::wire::Utf16Str::from_text(s).unwrap(),
        )))
    };
    let built = ColumnsAndRows {
        columns: vec![PropTag::DISPLAY_NAME, PropTag(0x3900_0003)].into(),
        rows: vec![
            AddressBookPropertyRow::new(
                false,
                vec![
                    name("Ann"),
                    AbRowValue::Value(AddressBookPropertyValue::new(PropertyValue::Integer32(6))),
                ],
            ),
            AddressBookPropertyRow::new(
                true,
                vec![
                    AbRowValue::Flagged(AddressBookFlaggedPropertyValue {
                        flag: 0,
                        value: Some(AddressBookPropertyValue::new(PropertyValue::String(
                            crate::wire::Utf16Str::from_text("Bob").unwrap(),
                        ))),
                    }),
                    AbRowValue::Flagged(AddressBookFlaggedPropertyValue {
                        flag: 1,
                        value: None,
                    }),
                ],
            ),
        ],
    };
    let bytes = built.to_bytes().unwrap();
    let decoded = ColumnsAndRows::decode_exact(&bytes, Limits::DEFAULT).unwrap();
    assert_eq!(decoded, built);
    assert_eq!(decoded.rows[0].len(), 2);
    assert_eq!(decoded.rows[0].get(0), Some(name("Ann")));
    assert!(decoded.rows[1].is_flagged());
    assert_eq!(decoded.rows[1].values().count(), 2);
    assert_eq!(decoded.to_bytes().unwrap(), bytes);
    // Against columns of another type, the decoded row is checked cell by cell.
    let e = decoded.rows[0]
        .to_bytes_with(&PropTags::new(&[
            PropTag::DISPLAY_NAME,
            PropTag(0x3900_001F),
        ]))
        .unwrap_err();
    assert!(e.to_string().contains("does not fit"), "{e}");
    let owned = crate::wire::IntoOwned::into_owned(decoded);
    drop(bytes);
    assert_eq!(owned, built);
}
