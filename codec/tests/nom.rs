//! The nom entry points (feature `nom`) composed with nom's combinators: values come through,
//! and a failure keeps the codec's kind, offset and field path, with the offset convertible
//! to one from the start of the outer input.
#![cfg(feature = "nom")]

use mapi_codec::data::{
    FolderId, PropTag, PropTags, PropertyRow, PropertyValue, Restriction, RowValue,
};
use mapi_codec::nom::{
    decode, decode_limited, decode_with, property_row, restriction, restriction4, rop_request,
    rop_request_buffer, Cause, Error,
};
use mapi_codec::rop::{RequestCtx, RopRequest, RopRequestBuffer};
use mapi_codec::wire::{CountWidth, ErrorKind, Limits};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{all_consuming, map_res};
use nom::error::{context, ErrorKind as NomErrorKind};
use nom::multi::{count, length_count, length_value};
use nom::number::complete::{le_u16, le_u8};
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser};

/// ExistRestriction on `tag`.
fn exist(tag: u32) -> Vec<u8> {
    let mut v = vec![0x08];
    v.extend(tag.to_le_bytes());
    v
}

/// A made-up framing: "MAPI", a one-byte count, that many restrictions (2-byte counts).
fn framed(input: &[u8]) -> IResult<&[u8], Vec<Restriction<'_>>, Error<'_>> {
    preceded(
        tag(&b"MAPI"[..]),
        length_count(le_u8, context("Filter", restriction)),
    )
    .parse(input)
}

fn record(parts: &[&[u8]]) -> Vec<u8> {
    let mut v = b"MAPI".to_vec();
    v.push(parts.len() as u8);
    for p in parts {
        v.extend_from_slice(p);
    }
    v
}

#[test]
fn restrictions_after_a_tag_and_a_count() {
    let and = [
        &[0x00, 0x02, 0x00][..],
        &exist(0x3001_001F),
        &exist(0x0037_001F),
    ]
    .concat();
    let input = record(&[&exist(0x0E08_0003), &and]);
    let (rest, rs) = all_consuming(framed).parse(&input).unwrap();
    assert!(rest.is_empty());
    assert_eq!(
        rs,
        vec![
            Restriction::Exist {
                prop_tag: PropTag(0x0E08_0003)
            },
            Restriction::And(vec![
                Restriction::Exist {
                    prop_tag: PropTag::DISPLAY_NAME
                },
                Restriction::Exist {
                    prop_tag: PropTag::SUBJECT
                },
            ]),
        ]
    );
}

#[test]
fn a_codec_error_keeps_kind_offset_and_path_and_converts_to_the_outer_offset() {
    // The second restriction is an And of two whose second member is an Or claiming 9
    // members with none after it.
    let bad_and = [
        &[0x00, 0x02, 0x00][..],
        &exist(0x3001_001F),
        &[0x01, 0x09, 0x00],
    ]
    .concat();
    let input = record(&[&exist(0x0E08_0003), &bad_and]);
    let Err(nom::Err::Error(e)) = framed(&input) else {
        panic!("the second restriction must fail");
    };
    let d = e.decode_error().expect("a codec error");
    assert!(matches!(
        d.kind(),
        ErrorKind::CountTooLarge {
            count: 9,
            min_element_size: _,
            available: 0
        }
    ));
    // The entry point was given the input from the second restriction on (offset 10:
    // "MAPI", the count, the first restriction): the And's RestrictCount is at 1, its second
    // member at 8, that Or's RestrictCount at 9.
    assert_eq!(e.input().len(), input.len() - 10);
    assert_eq!(d.offset(), 9);
    assert_eq!(d.path_string(), "Restricts[1].RestrictCount");
    assert_eq!(e.offset_in(&input), Some(19));
    assert_eq!(&input[19..], &[0x09, 0x00]);
    assert_eq!(e.path_string(), "Filter.Restricts[1].RestrictCount");
    let outer = e.to_decode_error(&input).unwrap();
    assert_eq!(outer.offset(), 19);
    assert_eq!(outer.kind(), d.kind());
    assert_eq!(outer.path_string(), "Filter.Restricts[1].RestrictCount");
    // An input the error does not point into gives no outer offset.
    assert_eq!(e.offset_in(&input[12..]), None);
    assert!(e.to_string().contains("count too large"));
}

#[test]
fn a_nom_error_around_the_entry_points_has_its_offset_too() {
    // The count says three restrictions, the input holds one.
    let mut input = record(&[&exist(0x0E08_0003)]);
    input[4] = 3;
    let Err(nom::Err::Error(e)) = framed(&input) else {
        panic!("the second restriction is missing");
    };
    // The codec reports the missing restriction (its RestrictType byte) at the end.
    assert_eq!(e.offset_in(&input), Some(input.len()));
    assert!(matches!(
        e.decode_error().unwrap().kind(),
        ErrorKind::Truncated { needed: 1, .. }
    ));
    // A tag that does not match is nom's own error, at nom's position.
    let Err(nom::Err::Error(e)) = framed(b"MAPX\x00") else {
        panic!("wrong tag");
    };
    assert_eq!(e.nom_kind(), Some(NomErrorKind::Tag));
    assert!(e.decode_error().is_none());
    let input = b"MAPX\x00".to_vec();
    let Err(nom::Err::Error(e)) = framed(&input) else {
        panic!("wrong tag");
    };
    assert_eq!(e.offset_in(&input), Some(0));
}

#[test]
fn length_prefixed_rop_buffers_and_counted_ids() {
    // A 2-byte length, a ROP input buffer (RopSize 5, one RopRelease, one handle), then a
    // count of 2 and two Folder IDs.
    let rops = [0x05, 0x00, 0x01, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12];
    let mut input = (rops.len() as u16).to_le_bytes().to_vec();
    input.extend(rops);
    input.push(2);
    input.extend([1, 0, 0, 0, 0, 0, 0, 0x21, 1, 0, 0, 0, 0, 0, 0, 0x22]);
    let mut bad = input.clone();
    let mut parser = pair(
        length_value(le_u16, rop_request_buffer),
        length_count(le_u8, decode::<FolderId>),
    );
    let (rest, (buf, ids)) = parser.parse(&input).unwrap();
    assert!(rest.is_empty());
    assert_eq!(buf.handles.get(0), Some(0x1234_5678));
    assert!(matches!(&buf.rops[..], [RopRequest::Release(r)] if r.input_handle_index == 0));
    assert_eq!(
        ids,
        vec![
            FolderId::new(1, 0x21).unwrap(),
            FolderId::new(1, 0x22).unwrap()
        ]
    );

    // The RopRelease names handle 1 of a table of one. By default the buffer decodes around
    // it (the ROP kept raw with its error); strict decoding refuses it, and the error points
    // at its RopId, 2 + 2 bytes into the outer input.
    bad[2 + 4] = 1;
    let (_, (partial, _)) = parser.parse(&bad).unwrap();
    assert!(partial.rops.is_empty() && partial.raw.is_some());
    let mut parser = pair(
        length_value(
            le_u16,
            decode_limited::<RopRequestBuffer<'_>>(Limits::STRICT),
        ),
        length_count(le_u8, decode::<FolderId>),
    );
    let Err(nom::Err::Error(e)) = parser.parse(&bad) else {
        panic!("the handle index is past the table");
    };
    assert_eq!(e.decode_error().unwrap().offset(), 2);
    assert_eq!(e.offset_in(&bad), Some(4));
    assert_eq!(
        e.decode_error().unwrap().path_string(),
        "RopsList[0].InputHandleIndex"
    );
}

#[test]
fn rows_with_their_columns_and_counts_of_either_width() {
    let columns = PropTags::new(&[PropTag(0x0E08_0003), PropTag(0x3007_000B)]);
    // Two standard rows (Flag 0): an integer and a boolean each.
    let row = |n: u32, b: u8| {
        let mut v = vec![0x00];
        v.extend(n.to_le_bytes());
        v.push(b);
        v
    };
    let input = [&[0x02][..], &row(7, 1), &row(9, 0)].concat();
    let (_, rows) = length_count(le_u8, property_row(&columns))
        .parse(&input)
        .unwrap();
    let second: &PropertyRow<'_> = &rows[1];
    assert_eq!(
        second.values().collect::<Vec<_>>(),
        vec![
            RowValue::Value(PropertyValue::Integer32(9)),
            RowValue::Value(PropertyValue::Boolean(false.into())),
        ]
    );

    // The same Or with 4-byte counts, through the named parser and the generic adapter.
    let or4 = [&[0x01, 0x01, 0x00, 0x00, 0x00][..], &exist(0x3001_001F)].concat();
    let (_, a) = restriction4(&or4).unwrap();
    let (_, b) = decode_with::<Restriction, _>(CountWidth::U32)(&or4).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a,
        Restriction::Or(vec![Restriction::Exist {
            prop_tag: PropTag::DISPLAY_NAME
        }])
    );
    // Read with 2-byte counts, the same bytes are an Or of one whose member is cut short.
    assert!(restriction(&or4).is_err());
}

#[test]
fn limits_alternatives_and_outside_errors() {
    // A Folder ID list limited to 1 element through the generic adapter with limits: the
    // codec's count check fires inside a List16.
    let ids = [2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 2];
    let strict = Limits {
        max_elements: 1,
        ..Limits::DEFAULT
    };
    type Ids = mapi_codec::rop::field::List16<FolderId>;
    assert_eq!(decode::<Ids>(&ids).unwrap().1 .0.len(), 2);
    let Err(nom::Err::Error(e)) = decode_limited::<Ids>(strict)(&ids) else {
        panic!("over the limit");
    };
    assert!(matches!(
        e.decode_error().unwrap().kind(),
        ErrorKind::LimitExceeded { value: 2, .. }
    ));

    // alt keeps the branch that got further, whichever comes first: the restriction fails
    // at its RestrictCount (1 byte in), the tag at 0.
    let input = [0x00, 0x02, 0x00, 0x07];
    let Err(nom::Err::Error(e)) =
        alt((restriction.map(|_| ()), tag(&b"XY"[..]).map(|_| ()))).parse(&input)
    else {
        panic!("neither branch matches");
    };
    assert!(matches!(e.cause(), Cause::Decode(_)));
    assert_eq!(e.offset_in(&input), Some(1));
    let Err(nom::Err::Error(e)) =
        alt((tag(&b"XY"[..]).map(|_| ()), restriction.map(|_| ()))).parse(&input)
    else {
        panic!("neither branch matches");
    };
    assert!(matches!(e.cause(), Cause::Decode(_)));
    let Err(nom::Err::Error(e)) = alt((
        restriction.map(|_| ()),
        preceded(le_u8, tag(&b"XY"[..])).map(|_| ()),
        preceded(le_u16, tag(&b"XY"[..])).map(|_| ()),
    ))
    .parse(&input) else {
        panic!("no branch matches");
    };
    assert_eq!(e.nom_kind(), Some(NomErrorKind::Tag));
    assert_eq!(e.offset_in(&input), Some(2));

    // A map_res function's error is kept as the outside error, at map_res's input.
    let input = [0x03, 0x00, 0xFF, 0xFF, 0xFF];
    let Err(nom::Err::Error(e)) =
        preceded(le_u8::<_, Error<'_>>, map_res(le_u16, u8::try_from)).parse(&input)
    else {
        panic!("0xFFFF is not a u8");
    };
    assert_eq!(e.nom_kind(), Some(NomErrorKind::MapRes));
    assert_eq!(e.offset_in(&input), Some(1));
    assert!(matches!(e.cause(), Cause::External { .. }));
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn counted_single_rops() {
    // Two RopRelease requests read one by one with nom's count.
    let input = [0x01, 0x00, 0x00, 0x01, 0x00, 0x02];
    let (_, rops) = count(rop_request(RequestCtx::default()), 2)
        .parse(&input)
        .unwrap();
    assert!(matches!(&rops[1], RopRequest::Release(r) if r.input_handle_index == 2));
}
