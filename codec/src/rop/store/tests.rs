//! Unit tests of the logon and store ROPs ([MS-OXCROPS] 2.2.3).

use super::*;
use crate::rop::field::Bytes16;
use crate::rop::field::Outcome;
use crate::rop::property::SizedBy;
use crate::rop::test_util::{assert_error, buf, buffers};
use crate::rop::{RequestCtx, RopId, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use crate::wire::{DecodeWith, Encode, Guid, Limits};

/// RopLogon request, LogonId 0, OutputHandleIndex 0, the given LogonFlags, no Essdn.
fn logon_req(flags: u8) -> Vec<u8> {
    let mut v = vec![0xFE, 0x00, 0x00, flags];
    v.extend(0x0100_0000u32.to_le_bytes());
    v.extend([0; 4]);
    v.extend([0, 0]);
    v
}

fn private_success() -> Vec<u8> {
    let mut v = vec![0xFE, 0x00, 0, 0, 0, 0, 0x01];
    for i in 1..=13u8 {
        v.extend([0x01, 0x00, 0, 0, 0, 0, 0, i]);
    }
    v.push(0x07);
    v.extend([0x11; 16]);
    v.extend(1u16.to_le_bytes());
    v.extend([0x22; 16]);
    v.extend([30, 15, 9, 5, 27, 11]);
    v.extend(2026u16.to_le_bytes());
    v.extend(0x01D0_0000_0000_0000u64.to_le_bytes());
    v.extend([0; 4]);
    v
}

/// The error of a response buffer that does not decode against its request buffer.
fn response_error(req: &[u8], resp: &[u8]) -> DecodeError {
    let q = RopRequestBuffer::decode_exact(req, Limits::STRICT).unwrap();
    RopResponseBuffer::decode_with_exact(resp, &q, Limits::STRICT).unwrap_err()
}

#[test]
fn logon_private_success_follows_the_request_flags() {
    let req = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
    let resp = buf(&[&private_success()], &[0x0000_0077]);
    let (_, r) = buffers(&req, &resp);
    assert!(r.raw.is_none());
    match &r.rops[..] {
        [RopResponse::Logon(l)] => match &l.body {
            Outcome::Success(LogonSuccess::Private(p)) => {
                assert_eq!(p.response_flags, 0x07);
                assert_eq!(p.logon_time.year, 2026);
                assert_eq!(p.folder_ids.0[4].global_counter.value(), 5);
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(r.to_bytes().unwrap(), resp);
}

#[test]
fn logon_public_success() {
    let req = buf(&[&logon_req(0x00)], &[0xFFFF_FFFF]);
    let mut body = vec![0xFE, 0x00, 0, 0, 0, 0, 0x00];
    body.extend([0; 104]);
    body.extend(1u16.to_le_bytes());
    body.extend([0x33; 16]);
    body.extend([0; 16]);
    let resp = buf(&[&body], &[0x0000_0078]);
    let (_, r) = buffers(&req, &resp);
    assert!(matches!(
        &r.rops[0],
        RopResponse::Logon(l) if matches!(**l, LogonResponse {
            body: Outcome::Success(LogonSuccess::Public(_)),
            ..
        })
    ));
    assert_eq!(r.to_bytes().unwrap(), resp);
    // The same bytes against a private logon request do not decode: the layout comes
    // from the request, not from the bytes.
    let private = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
    response_error(&private, &resp);
}

#[test]
fn logon_redirect_and_plain_failure() {
    let req = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
    let mut body = vec![0xFE, 0x00, 0x78, 0x04, 0, 0, 0x01, 0x04];
    body.extend(b"srv\0");
    let resp = buf(&[&body], &[0xFFFF_FFFF]);
    let (_, r) = buffers(&req, &resp);
    match &r.rops[0] {
        RopResponse::Logon(l) => match &l.body {
            Outcome::Failure(LogonFailure { redirect: Some(x) }) => {
                assert_eq!(x.server_name.0.as_bytes(), b"srv")
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(r.to_bytes().unwrap(), resp);

    // ServerNameSize larger than the string: the terminator comes early.
    let mut bad = body.clone();
    bad[7] = 3;
    let resp = buf(&[&bad], &[0xFFFF_FFFF]);
    response_error(&req, &resp);

    // Any other failure has no fields.
    let body = [0xFE, 0x00, 0x11, 0x01, 0x04, 0x80];
    let resp = buf(&[&body], &[0xFFFF_FFFF]);
    let (_, r) = buffers(&req, &resp);
    assert!(matches!(
        &r.rops[0],
        RopResponse::Logon(l) if matches!(**l, LogonResponse {
            body: Outcome::Failure(LogonFailure { redirect: None }),
            ..
        })
    ));
    assert_eq!(r.to_bytes().unwrap(), resp);
}

#[test]
fn logon_success_without_its_request_is_missing_context() {
    let bytes = private_success();
    let mut r = Reader::new(&bytes);
    let e = RopResponse::decode_with_from(&mut r, (None, None)).unwrap_err();
    assert_eq!(e.kind().name(), "missing-context");
    // A redirect needs no context.
    let mut body = vec![0xFE, 0x00, 0x78, 0x04, 0, 0, 0x01, 0x01, 0x00];
    let mut r = Reader::new(&body);
    assert!(RopResponse::decode_with_from(&mut r, (None, None)).is_ok());
    body.truncate(8);
    let mut r = Reader::new(&body);
    let e = RopResponse::decode_with_from(&mut r, (None, None)).unwrap_err();
    assert_error(&e, "truncated", 8);
}

#[test]
fn logon_layout_must_match_return_value_to_encode() {
    let x = LogonResponse {
        handle_index: 0,
        return_value: 0x8004_0111,
        body: Outcome::Failure(LogonFailure {
            redirect: Some(LogonRedirect {
                logon_flags: 1,
                server_name: SizedBy(AnsiStr::from_wire(b"a").unwrap()),
            }),
        }),
    };
    assert!(x.to_bytes().is_err());
    let x = LogonResponse {
        return_value: EC_WRONG_SERVER,
        body: Outcome::Failure(LogonFailure::default()),
        ..x
    };
    assert!(x.to_bytes().is_err());
}

fn write_per_user(offset: u32) -> Vec<u8> {
    let mut v = vec![0x64, 0x00, 0x00];
    v.extend([0x44; 16]);
    v.extend([0, 0, 0, 0, 0, 9, 0, 0]);
    v.push(0x01);
    v.extend(offset.to_le_bytes());
    v.extend(2u16.to_le_bytes());
    v.extend([0xAB, 0xCD]);
    v
}

#[test]
fn write_per_user_information_repl_guid_follows_the_logon() {
    // Private logon, DataOffset 0: ReplGuid follows.
    let mut w = write_per_user(0);
    w.extend([0x55; 16]);
    let req = buf(&[&logon_req(0x01), &w], &[0xFFFF_FFFF]);
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    match &q.rops[1] {
        RopRequest::WritePerUserInformation(x) => {
            assert_eq!(x.repl_guid, Some(Guid([0x55; 16])));
            assert_eq!(x.data.0.as_ref(), &[0xAB, 0xCD]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(q.to_bytes().unwrap(), req);

    // Public folders logon: no ReplGuid.
    let w = write_per_user(0);
    let req = buf(&[&logon_req(0x00), &w], &[0xFFFF_FFFF]);
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    assert!(matches!(&q.rops[1], RopRequest::WritePerUserInformation(x) if x.repl_guid.is_none()));

    // Unknown logon: the rest stays raw.
    let req = buf(&[&w], &[0x10]);
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    assert!(q.rops.is_empty());
    let raw = q.raw.as_ref().unwrap();
    assert_eq!(raw.rop_id, RopId::WRITE_PER_USER_INFORMATION);
    assert!(matches!(
        raw.reason,
        crate::rop::buffer::Undecoded::MissingContext(_)
    ));
    assert_eq!(q.to_bytes().unwrap(), req);

    // DataOffset past 0: no ReplGuid, and no need to know the logon.
    let w = write_per_user(0x100);
    let req = buf(&[&w], &[0x10]);
    let q = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
    assert_eq!(q.rops.len(), 1);
}

#[test]
fn write_per_user_information_refuses_an_inconsistent_value() {
    let x = WritePerUserInformationRequest {
        logon_id: 0,
        input_handle_index: 0,
        folder_id: LongTermId::default(),
        has_finished: true.into(),
        data_offset: 4,
        data: Bytes16::default(),
        repl_guid: Some(Guid::default()),
    };
    assert!(x.to_bytes().is_err());
}

#[test]
fn server_lists_check_their_count_before_allocating() {
    // RopGetOwningServers success with OwningServersCount 0xFFFF and 2 bytes left.
    let req = buf(&[&[0x42, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 1]], &[0x10]);
    let body = [0x42, 0x00, 0, 0, 0, 0, 0xFF, 0xFF, 0x01, 0x00, b'a', 0];
    let resp = buf(&[&body], &[0x10]);
    let e = response_error(&req, &resp);
    assert_error(&e, "count-too-large", 8);
}

#[test]
fn public_folder_is_ghosted_both_ways() {
    let req = buf(&[&[0x45, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 1]], &[0x10]);
    for body in [
        vec![0x45, 0x00, 0, 0, 0, 0, 0x00],
        [
            &[0x45, 0x00, 0, 0, 0, 0, 0x01, 0x02, 0x00, 0x01, 0x00][..],
            b"a\0bc\0",
        ]
        .concat(),
    ] {
        let resp = buf(&[&body], &[0x10]);
        let (_, r) = buffers(&req, &resp);
        assert!(r.raw.is_none());
        assert_eq!(r.to_bytes().unwrap(), resp);
    }
    // Any nonzero IsGhosted is TRUE, and the byte comes back as sent.
    let body = [
        &[0x45, 0x00, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x01, 0x00][..],
        b"a\0",
    ]
    .concat();
    let resp = buf(&[&body], &[0x10]);
    let (_, r) = buffers(&req, &resp);
    assert_eq!(r.to_bytes().unwrap(), resp);
    // TRUE without its servers is truncated.
    let resp = buf(&[&[0x45, 0x00, 0, 0, 0, 0, 0x02]], &[0x10]);
    let e = response_error(&req, &resp);
    assert_eq!(e.kind().name(), "truncated");
}

#[test]
fn receive_folder_table_rows() {
    let req = buf(&[&[0x68, 0x00, 0x00]], &[0x10]);
    let mut body = vec![0x68, 0x00, 0, 0, 0, 0];
    body.extend(1u32.to_le_bytes());
    body.push(0x00); // StandardPropertyRow
    body.extend(0x0001_0000_0000_0001u64.to_le_bytes());
    body.extend(b"IPM\0");
    body.extend(0x01D0_0000_0000_0000u64.to_le_bytes());
    let resp = buf(&[&body], &[0x10]);
    let (_, r) = buffers(&req, &resp);
    match &r.rops[0] {
        RopResponse::GetReceiveFolderTable(x) => match &x.body {
            Outcome::Success(s) => assert_eq!(s.rows.len(), 1),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(r.to_bytes().unwrap(), resp);
    // A RowCount the bytes cannot hold.
    body[6] = 0xFF;
    body[7] = 0xFF;
    let resp = buf(&[&body], &[0x10]);
    let e = response_error(&req, &resp);
    assert_error(&e, "count-too-large", 8);
}

#[test]
fn truncated_requests_fail_at_the_end() {
    // RopGetReceiveFolder with an unterminated MessageClass.
    let bytes = [0x27, 0x00, 0x00, b'I', b'P'];
    let mut r = Reader::new(&bytes);
    let e = RopRequest::decode_with_from(&mut r, RequestCtx::default()).unwrap_err();
    assert_eq!(e.kind().name(), "truncated");
    // RopIdFromLongTermId cut inside the LongTermId.
    let bytes = [0x44, 0x00, 0x00, 0x01, 0x02];
    let mut r = Reader::new(&bytes);
    let e = RopRequest::decode_with_from(&mut r, RequestCtx::default()).unwrap_err();
    assert_error(&e, "truncated", 3);
}

/// The columns of the Receive folder table ([MS-OXCROPS] 2.2.3.4.2), written as tag bytes:
/// PidTagFolderId (0x6748, PtypInteger64 0x0014), PidTagMessageClass (0x001A, PtypString8
/// 0x001E), PidTagLastModificationTime (0x3008, PtypTime 0x0040).
#[test]
fn receive_folder_table_columns_are_the_three_tags() {
    assert_eq!(
        RECEIVE_FOLDER_TABLE_COLUMNS,
        [
            crate::data::PropTag(0x6748_0014),
            crate::data::PropTag(0x001A_001E),
            crate::data::PropTag(0x3008_0040),
        ]
    );
}
