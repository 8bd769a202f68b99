//! Unit tests of the folder ROPs ([MS-OXCROPS] 2.2.4).

use super::*;
use crate::data::PropTag;
use crate::rop::field::Outcome;
use crate::rop::test_util::{assert_error, buf, exchange};
use crate::rop::RequestCtx;
use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use crate::wire::DecodeWith;
use crate::wire::Limits;

/// The body (success or failure fields) of the one response of an exchange (see
/// [`exchange`]), a response of the variant named.
macro_rules! answer {
    ($variant:ident, $req:expr, $resp:expr) => {{
        let (_, mut s) = exchange($req, $resp);
        assert_eq!(s.rops.len(), 1);
        let RopResponse::$variant(r) = s.rops.remove(0) else {
            panic!()
        };
        r.body
    }};
}

fn fid(counter: u64) -> FolderId {
    FolderId::new(1, counter).unwrap()
}

const OPEN_FOLDER_REQ: [u8; 13] = [
    0x02, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00,
];

#[test]
fn open_folder_not_ghosted() {
    let req = buf(&[&OPEN_FOLDER_REQ], &[0x10, 0xFFFF_FFFF]);
    let resp = buf(&[&[0x02, 0x01, 0, 0, 0, 0, 0x01, 0x00]], &[0x10, 0x20]);
    let (q, s) = exchange(&req, &resp);
    match &q.rops[0] {
        RopRequest::OpenFolder(o) => {
            assert_eq!(o.folder_id, fid(8));
            assert_eq!(q.rops[0].output_handle_index(), Some(1));
        }
        other => panic!("{other:?}"),
    }
    match &s.rops[0] {
        RopResponse::OpenFolder(r) => {
            assert_eq!(
                r.body,
                Outcome::Success(FolderInfo {
                    has_rules: true.into(),
                    ghost: FlaggedGroup::new(None)
                })
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn open_folder_ghosted_lists_servers_and_failure_has_nothing() {
    let req = buf(&[&OPEN_FOLDER_REQ], &[0x10, 0xFFFF_FFFF]);
    let mut body = vec![0x02, 0x01, 0, 0, 0, 0, 0x00, 0x01, 0x02, 0x00, 0x01, 0x00];
    body.extend_from_slice(b"/o=a\0/o=b\0");
    let resp = buf(&[&body], &[0x10, 0x20]);
    let info = answer!(OpenFolder, &req, &resp).into_success().unwrap();
    let g = info.ghost.fields.as_ref().unwrap();
    assert_eq!(g.cheap_server_count, 1);
    assert_eq!(g.servers[1].as_bytes(), b"/o=b");
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    // Every strict prefix of the ROP (RopSize adjusted) fails.
    for n in 1..body.len() {
        let cut = buf(&[&body[..n]], &[0x10, 0x20]);
        assert!(RopResponseBuffer::decode_with_exact(&cut, &q, Limits::STRICT).is_err());
    }
    // A ServerCount the bytes cannot hold fails at the count, before allocating.
    let mut bad = body.clone();
    bad[8] = 0xFF;
    let e = RopResponseBuffer::decode_with_exact(&buf(&[&bad], &[0x10, 0x20]), &q, Limits::STRICT)
        .unwrap_err();
    assert_error(&e, "count-too-large", 2 + 8);
    // Failure: nothing after ReturnValue.
    let resp = buf(&[&[0x02, 0x01, 0x0F, 0x01, 0x04, 0x80]], &[0x10, 0x20]);
    let (_, s) = exchange(&req, &resp);
    assert_eq!(s.rops[0].succeeded(), Some(false));
}

#[test]
fn create_folder_strings_follow_the_flag() {
    // 8-bit: "In" + 0, "" + 0.
    let rop = [
        0x1C, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, b'I', b'n', 0x00, 0x00,
    ];
    let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
    let RopRequest::CreateFolder(c) = &r else {
        panic!()
    };
    assert_eq!(
        c.display_name,
        FolderString::Multibyte(AnsiStr::from_wire(b"In").unwrap())
    );
    assert_eq!(r.to_bytes().unwrap(), rop);
    // The same bytes read as UTF-16 run out before a terminator.
    let mut uni = rop;
    uni[5] = 0x01;
    assert_eq!(
        RopRequest::decode_with(&uni, RequestCtx::default())
            .unwrap_err()
            .kind()
            .name(),
        "truncated"
    );
    // A value whose strings disagree with the flag does not encode.
    let mut c2 = c.clone();
    c2.use_unicode_strings = true.into();
    assert!(c2.to_bytes().is_err());
}

#[test]
fn create_folder_existing_ghosted_response() {
    let mut rop = vec![0x1C, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x00];
    rop.extend_from_slice(&[b'P', 0, 0, 0, 0, 0]);
    let req = buf(&[&rop], &[7, 0xFFFF_FFFF]);
    let mut body = vec![0x1C, 0x01, 0, 0, 0, 0];
    body.extend_from_slice(&fid(0x0E91_5212).to_bytes().unwrap());
    body.extend_from_slice(&[0x01, 0x00, 0x01, 0x01, 0x00, 0x01, 0x00]);
    body.extend_from_slice(b"/o=x\0");
    let resp = buf(&[&body], &[7, 9]);
    let c = answer!(CreateFolder, &req, &resp).into_success().unwrap();
    let e = c.existing.fields.as_ref().unwrap();
    assert!(!e.has_rules);
    assert_eq!(e.ghost.fields.as_ref().unwrap().servers.len(), 1);
    // Not existing: the response ends after IsExistingFolder.
    let mut body = vec![0x1C, 0x01, 0, 0, 0, 0];
    body.extend_from_slice(&fid(5).to_bytes().unwrap());
    body.push(0x00);
    exchange(&req, &buf(&[&body], &[7, 9]));
}

#[test]
fn move_copy_failures() {
    let rop = [
        0x33, 0x00, 0x00, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0E, 0x8E, 0xEC, 0x5D, 0x00,
        0x01,
    ];
    let req = buf(&[&rop], &[0x10, 0x11]);
    // Null destination: DestHandleIndex (4 bytes) then PartialCompletion; another failure:
    // PartialCompletion only.
    let failures: [(&[u8], _); 2] = [
        (
            &[
                0x33, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
            ],
            (Some(1), false),
        ),
        (&[0x33, 0x00, 0x05, 0x00, 0x07, 0x80, 0x01], (None, true)),
    ];
    for (rop, (dest_handle_index, partial_completion)) in failures {
        let resp = buf(&[rop], &[0x10, 0x11]);
        assert_eq!(
            answer!(MoveCopyMessages, &req, &resp),
            Outcome::Failure(MoveCopyFailure {
                dest_handle_index,
                partial_completion: partial_completion.into()
            })
        );
    }
    // The null destination layout cut after DestHandleIndex fails at PartialCompletion.
    let cut = buf(
        &[&[0x33, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]],
        &[],
    );
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    let e = RopResponseBuffer::decode_with_exact(&cut, &q, Limits::STRICT).unwrap_err();
    assert_error(&e, "truncated", 12);
    assert!(
        e.path_string().contains("PartialCompletion"),
        "{}",
        e.path_string()
    );
}

#[test]
fn set_search_criteria_restriction_sizes() {
    // RestrictionDataSize 0: no restriction; no folders; flags 0.
    let rop = [
        0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];
    let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
    let RopRequest::SetSearchCriteria(s) = &r else {
        panic!()
    };
    assert!(s.restriction.0.is_none());
    assert_eq!(r.to_bytes().unwrap(), rop);
    // An ExistRestriction (5 bytes) on PidTagSubject, one folder, RECURSIVE_SEARCH.
    let mut rop = vec![0x30, 0x00, 0x00, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00];
    rop.extend_from_slice(&[0x01, 0x00]);
    rop.extend_from_slice(&fid(0x1234).to_bytes().unwrap());
    rop.extend_from_slice(&4u32.to_le_bytes());
    let (_, r) = RopRequest::decode_with(&rop, RequestCtx::default()).unwrap();
    let RopRequest::SetSearchCriteria(s) = &r else {
        panic!()
    };
    assert_eq!(
        s.restriction.0,
        Some(crate::data::Restriction::Exist {
            prop_tag: PropTag(0x0037_001F)
        })
    );
    assert_eq!(s.folder_ids.0, vec![fid(0x1234)]);
    assert_eq!(r.to_bytes().unwrap(), rop);
    // A size larger than the restriction: the restriction must fill it.
    let mut big = rop.clone();
    big[3] = 0x06;
    big.insert(10, 0x00);
    let e = RopRequest::decode_with(&big, RequestCtx::default()).unwrap_err();
    assert_error(&e, "trailing-bytes", 10);
    // A size smaller than the restriction: it runs out inside RestrictionData.
    let mut small = rop.clone();
    small[3] = 0x04;
    let e = RopRequest::decode_with(&small, RequestCtx::default()).unwrap_err();
    assert_eq!(e.kind().name(), "truncated");
    // A size past the end of the buffer.
    let mut past = rop.clone();
    past[3] = 0xFF;
    let e = RopRequest::decode_with(&past, RequestCtx::default()).unwrap_err();
    assert_error(&e, "truncated", 5);
}

#[test]
fn get_search_criteria_success_and_failure() {
    let req = buf(&[&[0x31, 0x02, 0x00, 0x01, 0x01, 0x01]], &[0x44]);
    let mut body = vec![
        0x31, 0x00, 0, 0, 0, 0, 0x05, 0x00, 0x08, 0x1F, 0x00, 0x37, 0x00,
    ];
    body.push(0x02);
    body.extend_from_slice(&[0x02, 0x00]);
    body.extend_from_slice(&fid(1).to_bytes().unwrap());
    body.extend_from_slice(&fid(2).to_bytes().unwrap());
    body.extend_from_slice(&0x0001_0000u32.to_le_bytes());
    let resp = buf(&[&body], &[0x44]);
    let g = answer!(GetSearchCriteria, &req, &resp)
        .into_success()
        .unwrap();
    assert_eq!(g.logon_id, 2);
    assert_eq!(g.folder_ids.0.len(), 2);
    // Failure: nothing after ReturnValue.
    exchange(
        &req,
        &buf(&[&[0x31, 0x00, 0x05, 0x04, 0x00, 0x80]], &[0x44]),
    );
}

#[test]
fn partial_completion_follows_every_return_value() {
    let req = buf(&[&[0x58, 0x00, 0x00, 0x00, 0x01]], &[0x44]);
    let ok = buf(&[&[0x58, 0x00, 0, 0, 0, 0, 0x00]], &[0x44]);
    let (_, s) = exchange(&req, &ok);
    assert_eq!(s.rops[0].succeeded(), Some(true));
    let failed = buf(&[&[0x58, 0x00, 0x05, 0x00, 0x07, 0x80, 0x01]], &[0x44]);
    assert_eq!(
        answer!(EmptyFolder, &req, &failed),
        Outcome::Failure(PartialCompletion {
            partial_completion: true.into()
        })
    );
    // Without PartialCompletion the failure response is short.
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    let cut = buf(&[&[0x58, 0x00, 0x05, 0x00, 0x07, 0x80]], &[0x44]);
    let e = RopResponseBuffer::decode_with_exact(&cut, &q, Limits::STRICT).unwrap_err();
    assert_error(&e, "truncated", 8);
}

#[test]
fn tables_open_into_the_output_slot() {
    let req = buf(&[&[0x05, 0x00, 0x00, 0x01, 0x40]], &[0x44, 0xFFFF_FFFF]);
    let resp = buf(&[&[0x05, 0x01, 0, 0, 0, 0, 0x03, 0, 0, 0]], &[0x44, 0x45]);
    let (q, s) = exchange(&req, &resp);
    assert_eq!(q.rops[0].output_handle_index(), Some(1));
    let RopResponse::GetContentsTable(r) = &s.rops[0] else {
        panic!()
    };
    assert_eq!(r.body, Outcome::Success(TableRowCount { row_count: 3 }));
    // A response whose handle index is past the table fails.
    let bad = buf(&[&[0x05, 0x01, 0, 0, 0, 0, 0x03, 0, 0, 0]], &[0x44]);
    assert!(RopResponseBuffer::decode_with_exact(&bad, &q, Limits::STRICT).is_err());
}
