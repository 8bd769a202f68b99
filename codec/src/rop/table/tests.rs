//! Unit tests of the table ROPs ([MS-OXCROPS] 2.2.5).

use super::*;
use crate::data::{PropTag, PropType, PropertyRow, PropertyValue, RowValue};
use crate::rop::field::Bytes16;
use crate::rop::test_util::{assert_error, buf, exchange};
use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session};
use crate::wire::{DecodeWith, Encode, Limits};

fn req(b: &[u8]) -> RopRequestBuffer<'_> {
    RopRequestBuffer::decode_exact(b, Limits::STRICT).unwrap()
}

fn resp<'a>(b: &'a [u8], rq: &'a RopRequestBuffer<'a>) -> RopResponseBuffer<'a> {
    RopResponseBuffer::decode_with_exact(b, rq, Limits::STRICT).unwrap()
}

/// Checks that every strict prefix of the response buffer `rs` fails to decode.
fn prefixes_fail(rs: &[u8], rq: &RopRequestBuffer<'_>) {
    for n in 0..rs.len() {
        assert!(
            RopResponseBuffer::decode_with_exact(&rs[..n], rq, Limits::STRICT).is_err(),
            "{n}"
        );
    }
}

/// RopSetColumns on index 0: PidTagSubject (PtypString), PidTagMessageSize (PtypInteger32).
const SET_COLUMNS: &[u8] = &[
    0x12, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E,
];
/// RopQueryRows on index 0: advance, forwards, at most 10 rows.
const QUERY_ROWS: &[u8] = &[0x15, 0x00, 0x00, 0x00, 0x01, 0x0A, 0x00];
/// Its success response: BOOKMARK_END, one standard row ("Hi", 42).
const QUERY_ROWS_RESPONSE: &[u8] = &[
    0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x48, 0x00, 0x69, 0x00, 0x00, 0x00,
    0x2A, 0x00, 0x00, 0x00,
];
const SET_COLUMNS_RESPONSE: &[u8] = &[0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

#[test]
fn every_request_round_trips() {
    let rops: &[&[u8]] = &[
        SET_COLUMNS,
        // RopSortTable: flags 0, one sort order, no categories.
        &[
            0x13, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, 0x0E,
            0x01,
        ],
        // RopRestrict: ExistRestriction on PidTagSubject (5 bytes).
        &[
            0x14, 0x00, 0x00, 0x00, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
        ],
        // RopRestrict without a restriction.
        &[0x14, 0x00, 0x00, 0x01, 0x00, 0x00],
        QUERY_ROWS,
        &[0x38, 0x00, 0x00],
        &[0x16, 0x00, 0x00],
        &[0x17, 0x00, 0x00],
        // RopSeekRow: BOOKMARK_END, -3, want the count.
        &[0x18, 0x00, 0x00, 0x02, 0xFD, 0xFF, 0xFF, 0xFF, 0x01],
        // RopSeekRowBookmark: 2-byte bookmark, +5, no count.
        &[
            0x19, 0x00, 0x00, 0x02, 0x00, 0xAA, 0xBB, 0x05, 0x00, 0x00, 0x00, 0x00,
        ],
        &[
            0x1A, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
        ],
        &[0x1B, 0x00, 0x00],
        &[0x37, 0x00, 0x00],
        // RopFindRow: backwards, ExistRestriction, BOOKMARK_CUSTOM with a 1-byte bookmark.
        &[
            0x4F, 0x00, 0x00, 0x01, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x01, 0x00,
            0x07,
        ],
        &[0x89, 0x00, 0x00, 0x01, 0x00, 0x07],
        &[0x81, 0x00, 0x00],
        &[0x59, 0x00, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
        &[0x5A, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
        &[
            0x6B, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0x01, 0x00, 0x00, 0x00,
        ],
        &[0x6C, 0x00, 0x00, 0x03, 0x00, 0xC1, 0xC2, 0xC3],
    ];
    let b = buf(rops, &[0x0000_1234]);
    let r = req(&b);
    assert_eq!(r.rops.len(), rops.len());
    assert!(r.raw.is_none());
    assert_eq!(r.to_bytes().unwrap(), b);
    match &r.rops[8] {
        RopRequest::SeekRow(s) => {
            assert_eq!(s.row_count, -3);
            assert!(s.want_row_moved_count);
        }
        other => panic!("{other:?}"),
    }
    match &r.rops[13] {
        RopRequest::FindRow(f) => {
            assert!(matches!(f.restriction.0, Some(Restriction::Exist { .. })));
            assert_eq!(f.origin, 0x03);
            assert_eq!(&f.bookmark.0[..], &[0x07]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&r.rops[3], RopRequest::Restrict(x) if x.restriction.0.is_none()));
    for n in 0..b.len() {
        assert!(
            RopRequestBuffer::decode_exact(&b[..n], Limits::STRICT).is_err(),
            "{n}"
        );
    }
    let t = r.to_tree().to_text();
    assert!(t.contains("BOOKMARK_CUSTOM"), "{t}");
    assert!(t.contains("RestrictionDataSize"), "{t}");
}

#[test]
fn restriction_must_fill_its_size() {
    // RestrictionDataSize 6 around a 5-byte ExistRestriction: one byte left inside.
    let rop = [
        0x14, 0x00, 0x00, 0x00, 0x06, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00, 0x00,
    ];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_error(&e, "trailing-bytes", 2 + 11);
    assert!(
        e.path_string().contains("RestrictionData"),
        "{}",
        e.path_string()
    );
    // RestrictionDataSize 4: the restriction runs past it.
    let rop = [
        0x14, 0x00, 0x00, 0x00, 0x04, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
    ];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_eq!(e.kind().name(), "truncated");
    // RestrictionDataSize past the end of the buffer.
    let rop = [0x14, 0x00, 0x00, 0x00, 0xFF, 0x00, 0x08];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_error(&e, "truncated", 2 + 6);
    assert_eq!(e.path_string(), "RopsList[0].RopRestrict.RestrictionData");
    // RestrictionDataSize itself cut short.
    let rop = [0x14, 0x00, 0x00, 0x00, 0x05];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_eq!(
        e.path_string(),
        "RopsList[0].RopRestrict.RestrictionData.RestrictionDataSize"
    );
}

#[test]
fn codes_name_their_values() {
    assert_eq!(TableStatus(0x0E).name(), Some("TBLSTAT_RESTRICTING"));
    assert_eq!(TableStatus(0x01).name(), None);
    assert_eq!(Bookmark::CUSTOM.name(), Some("BOOKMARK_CUSTOM"));
    assert_eq!(format!("{:?}", Bookmark(0x07)), "Bookmark(0x07)");
    assert_eq!(origin(&0x02), Bookmark::END.to_tree());
}

#[test]
fn sort_table_counts_are_checked() {
    // CategoryCount 2 with one sort order.
    let rop = [
        0x13, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, 0x0E, 0x01,
    ];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_error(&e, "invalid-value", 2 + 6);
    // SortOrderCount larger than the bytes left: refused before allocating.
    let rop = [0x13, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00];
    let b = buf(&[&rop], &[1]);
    let e = RopRequestBuffer::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert_error(&e, "count-too-large", 2 + 4);
}

#[test]
fn rows_use_the_columns_of_an_earlier_set_columns() {
    let rq = buf(&[SET_COLUMNS, QUERY_ROWS], &[0x55]);
    let rs = buf(&[SET_COLUMNS_RESPONSE, QUERY_ROWS_RESPONSE], &[0x55]);
    let (rq, r) = exchange(&rq, &rs);
    match &r.rops[1] {
        RopResponse::QueryRows(q) => match &q.body {
            crate::rop::Outcome::Success(s) => {
                assert_eq!(s.origin, 0x02);
                assert_eq!(
                    s.rows.columns,
                    vec![PropTag::SUBJECT, PropTag::MESSAGE_SIZE]
                );
                assert_eq!(
                    s.rows[0].get(1),
                    Some(RowValue::Value(PropertyValue::Integer32(42)))
                );
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    prefixes_fail(&rs, &rq);
}

#[test]
fn query_rows_across_execute_calls_through_the_session() {
    // First Execute: RopSetColumns on the table whose handle is 0x55.
    let rq1 = buf(&[SET_COLUMNS], &[0x55]);
    let rs1 = buf(&[SET_COLUMNS_RESPONSE], &[0x55]);
    // Second Execute: RopQueryRows on the same handle, nothing else in the buffer.
    let rq2 = buf(&[QUERY_ROWS], &[0x55]);
    let rs2 = buf(&[QUERY_ROWS_RESPONSE], &[0x55]);

    let mut session = Session::new();
    session.decode_execute(&rq1, &rs1, Limits::STRICT).unwrap();
    assert_eq!(
        session.columns(0x55).unwrap(),
        [PropTag::SUBJECT, PropTag::MESSAGE_SIZE]
    );
    let (_, r) = session.decode_execute(&rq2, &rs2, Limits::STRICT).unwrap();
    assert!(r.raw.is_none());
    match &r.rops[..] {
        [RopResponse::QueryRows(q)] => match &q.body {
            crate::rop::Outcome::Success(s) => {
                assert_eq!(s.rows.len(), 1);
                assert_eq!(
                    s.rows.columns,
                    vec![PropTag::SUBJECT, PropTag::MESSAGE_SIZE]
                );
                let t = s.to_tree().to_text();
                assert!(t.contains("Hi"), "{t}");
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(r.to_bytes().unwrap(), rs2);

    // A session that never saw the RopSetColumns keeps the rows raw, with the reason.
    let mut fresh = Session::new();
    let (_, r) = fresh.decode_execute(&rq2, &rs2, Limits::STRICT).unwrap();
    assert!(r.rops.is_empty());
    let raw = r.raw.as_ref().expect("raw rest");
    assert_eq!(raw.rop_id, crate::rop::RopId::QUERY_ROWS);
    assert!(
        raw.reason.to_string().contains("RopSetColumns"),
        "{}",
        raw.reason
    );
    assert_eq!(&raw.bytes[..], QUERY_ROWS_RESPONSE);
    assert_eq!(r.to_bytes().unwrap(), rs2);

    // A different handle in the same slot is a different table: no columns either.
    let rq3 = buf(&[QUERY_ROWS], &[0x56]);
    let rs3 = buf(&[QUERY_ROWS_RESPONSE], &[0x56]);
    let (_, r) = session.decode_execute(&rq3, &rs3, Limits::STRICT).unwrap();
    assert!(r.raw.is_some());
}

#[test]
fn zero_rows_need_no_columns() {
    let rq = buf(&[QUERY_ROWS], &[0x55]);
    let rs = buf(
        &[&[0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00]],
        &[0x55],
    );
    exchange(&rq, &rs);
    // Same for RopExpandRow and a RopFindRow without RowData.
    let rq = buf(
        &[
            &[0x59, 0x00, 0x00, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
            &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        ],
        &[0x55],
    );
    let rs = buf(
        &[
            &[
                0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
            ],
            &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00],
        ],
        &[0x55],
    );
    let (_, r) = exchange(&rq, &rs);
    assert_eq!(r.rops.len(), 2);
}

#[test]
fn find_row_and_expand_row_rows() {
    let rq = buf(
        &[
            SET_COLUMNS,
            &[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00],
            &[0x59, 0x00, 0x00, 0x05, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
        ],
        &[0x55],
    );
    let rs = buf(
        &[
            SET_COLUMNS_RESPONSE,
            // RopFindRow: visible, a flagged row ("" present, size missing).
            &[
                0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01,
            ],
            // RopExpandRow: 7 rows in the category, two returned.
            &[
                0x59, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x02,
                0x00, // RowCount
                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // "", 1
                0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, // "", 2
            ],
        ],
        &[0x55],
    );
    let (rq, r) = exchange(&rq, &rs);
    match &r.rops[1] {
        RopResponse::FindRow(f) => match &f.body {
            crate::rop::Outcome::Success(s) => {
                assert!(!s.row_no_longer_visible);
                assert!(s.row.as_ref().unwrap().is_flagged());
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    match &r.rops[2] {
        RopResponse::ExpandRow(x) => match &x.body {
            crate::rop::Outcome::Success(s) => {
                assert_eq!(s.expanded_row_count, 7);
                assert_eq!(s.rows.len(), 2);
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    prefixes_fail(&rs, &rq);
    // Without the RopSetColumns the RopFindRow row is kept raw.
    let rq2 = buf(
        &[&[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]],
        &[0x55],
    );
    let rs2 = buf(
        &[&[
            0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01,
        ]],
        &[0x55],
    );
    let rq2 = req(&rq2);
    let r = resp(&rs2, &rq2);
    assert_eq!(r.raw.as_ref().unwrap().rop_id, crate::rop::RopId::FIND_ROW);
    // HasRowData is nonzero for TRUE: 0x02 announces a row as 0x01 does, so without the
    // columns the RopFindRow is kept raw for want of them.
    let rs3 = buf(
        &[&[0x4F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02]],
        &[0x55],
    );
    let r = RopResponseBuffer::decode_with_exact(&rs3, &rq2, Limits::STRICT).unwrap();
    assert!(matches!(
        r.raw.as_ref().map(|raw| &raw.reason),
        Some(crate::rop::buffer::Undecoded::MissingContext(_))
    ));
}

#[test]
fn every_response_layout() {
    let rq = buf(
        &[
            &[0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x14, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x38, 0x00, 0x00],
            &[0x16, 0x00, 0x00],
            &[0x17, 0x00, 0x00],
            &[0x18, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01],
            &[0x19, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01],
            &[
                0x1A, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
            ],
            &[0x1B, 0x00, 0x00],
            &[0x37, 0x00, 0x00],
            &[0x89, 0x00, 0x00, 0x00, 0x00],
            &[0x81, 0x00, 0x00],
            &[0x5A, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0],
            &[0x6B, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            &[0x6C, 0x00, 0x00, 0x00, 0x00],
            // A failure: RopQueryRows with ecNotSupported has no fields after ReturnValue.
            QUERY_ROWS,
        ],
        &[0x55],
    );
    let rs = buf(
        &[
            &[0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09],
            &[0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0E],
            &[0x38, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0B],
            &[
                0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,
            ],
            &[
                0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
            ],
            &[
                0x19, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFE, 0xFF, 0xFF, 0xFF,
            ],
            &[0x1A, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x1B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xB1, 0xB2],
            &[
                0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1F, 0x00, 0x37, 0x00,
            ],
            &[0x89, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x81, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x5A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00],
            &[0x6B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xCC],
            &[0x6C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0xDD],
            &[0x15, 0x00, 0x02, 0x01, 0x04, 0x80],
        ],
        &[0x55],
    );
    let (rq, r) = exchange(&rq, &rs);
    assert_eq!(r.rops.len(), 16);
    assert_eq!(r.rops[15].succeeded(), Some(false));
    let t = r.to_tree().to_text();
    assert!(t.contains("TBLSTAT_SORTING"), "{t}");
    assert!(t.contains("TBLSTAT_RESTRICTING"), "{t}");
    match &r.rops[6] {
        RopResponse::SeekRowBookmark(x) => match &x.body {
            crate::rop::Outcome::Success(s) => assert_eq!(s.rows_sought, -2),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    prefixes_fail(&rs, &rq);
}

#[test]
fn encode_checks_sizes() {
    let r = FreeBookmarkRequest {
        logon_id: 0,
        input_handle_index: 0,
        bookmark: Bytes16(vec![0u8; 0x1_0000].into()),
    };
    assert!(r.to_bytes().is_err());
    let s = QueryRowsSuccess {
        origin: 0,
        rows: RowList::new(vec![], vec![PropertyRow::new(false, vec![]); 0x1_0000]),
    };
    assert!(s.to_bytes().is_err());
    let _ = PropType::NULL;
}
