//! Unit tests of the notification ROPs ([MS-OXCROPS] 2.2.14) and of NotificationData
//! ([MS-OXCNOTIF] 2.2.1.4.1.2).

use super::*;
use crate::data::PropTag;
use crate::rop::test_util;
use crate::rop::test_util::assert_error;
use crate::rop::RequestCtx;
use crate::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session};
use crate::wire::DecodeWith;
use crate::wire::Limits;

/// An 8-byte id: ReplicaId 1, GlobalCounter `n` (big-endian 6 bytes).
fn id(n: u8) -> [u8; 8] {
    [0x01, 0x00, 0, 0, 0, 0, 0, n]
}

/// NotificationFlags, then the ids 1 to `count`.
fn with_ids(flags: [u8; 2], count: u8) -> Vec<u8> {
    let mut b = flags.to_vec();
    for n in 1..=count {
        b.extend(id(n));
    }
    b
}

const SUBJECT: PropTag = PropTag(0x0037_001F);

/// Decodes NotificationData, checks the round trip and that every strict prefix fails.
fn data<'a>(bytes: &'a [u8], columns: Option<&[PropTag]>) -> NotificationData<'a> {
    let columns = columns.map(PropTags::new);
    let columns = columns.as_ref();
    let d = NotificationData::decode_with_exact(bytes, columns, Limits::STRICT).unwrap();
    assert_eq!(d.to_bytes().unwrap(), bytes);
    assert_eq!(d.encoded_len(), bytes.len());
    for n in 0..bytes.len() {
        assert!(
            NotificationData::decode_with_exact(&bytes[..n], columns, Limits::STRICT).is_err(),
            "prefix {n}"
        );
    }
    d
}

#[test]
fn register_notification_request_both_scopes() {
    // WantWholeStore TRUE: no FolderId, no MessageId.
    let req = test_util::request(&[0x29, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01]);
    let RopRequest::RegisterNotification(r) = &req else {
        panic!("{req:?}")
    };
    assert!(r.want_whole_store);
    assert_eq!(r.notification_types, 0x02);
    assert_eq!(req.output_handle_index(), Some(1));
    // WantWholeStore FALSE: FolderId and MessageId follow.
    let mut b = vec![0x29, 0x00, 0x00, 0x01, 0x14, 0x00, 0x00];
    b.extend(id(7));
    b.extend([0; 8]);
    let req = test_util::request(&b);
    let RopRequest::RegisterNotification(r) = &req else {
        panic!("{req:?}")
    };
    assert_eq!(r.folder_id.unwrap().to_u64(), u64::from_le_bytes(id(7)));
    // WantWholeStore is nonzero for TRUE: 0x02 subscribes to the whole store, no ids
    // follow, and the byte re-encodes as sent.
    let b = [0x29, 0, 0, 1, 2, 0, 2];
    let r = RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap();
    assert!(matches!(&r, RopRequest::RegisterNotification(q)
        if q.want_whole_store.get() && q.folder_id.is_none()));
    assert_eq!(r.to_bytes().unwrap(), b);
}

#[test]
fn register_notification_response_success_and_failure() {
    let req = test_util::request(&[0x29, 0x00, 0x00, 0x01, 0x02, 0x00, 0x01]);
    let ok = test_util::response(&req, &[0x29, 0x01, 0, 0, 0, 0]);
    assert_eq!(ok.succeeded(), Some(true));
    let bad = test_util::response(&req, &[0x29, 0x01, 0x01, 0x04, 0x00, 0x80]);
    assert_eq!(bad.return_value(), Some(0x8000_0401));
}

#[test]
fn new_mail_ansi_and_unicode() {
    // NewMail | M: FolderId, MessageId, MessageFlags, UnicodeFlag, MessageClass.
    let mut b = vec![0x02, 0x80];
    b.extend(id(1));
    b.extend(id(2));
    b.extend([0x04, 0, 0, 0, 0x00]);
    b.extend(b"IPM.Note\0");
    let d = data(&b, None);
    assert_eq!(d.notification_type(), NotificationType::NEW_MAIL);
    assert!(d.message_id.is_some() && d.parent_folder_id.is_none());
    let nm = d.new_mail.as_ref().unwrap();
    assert!(matches!(&nm.message_class, FolderString::Multibyte(s) if s.as_bytes() == b"IPM.Note"));

    let mut b = vec![0x02, 0x80];
    b.extend(id(1));
    b.extend(id(2));
    b.extend([0x00, 0, 0, 0, 0x01]);
    b.extend([b'I', 0, b'P', 0, b'M', 0, 0, 0]);
    let d = data(&b, None);
    assert!(d.new_mail.unwrap().message_class.is_unicode());
    // UnicodeFlag is nonzero for TRUE ([MS-OXCNOTIF] 2.2.1.4.1.2): 0x02 selects the Unicode
    // form too, and is kept as sent.
    let n = b.len();
    b[n - 9] = 0x02;
    let d = data(&b, None);
    assert!(d.new_mail.unwrap().message_class.is_unicode());
}

#[test]
fn object_created_folder_has_parent_and_tags() {
    // ObjectCreated on a folder (no S, no M): FolderId, ParentFolderId, TagCount, Tags.
    let mut b = vec![0x04, 0x00];
    b.extend(id(3));
    b.extend(id(4));
    b.extend([0x01, 0x00]);
    b.extend(SUBJECT.0.to_le_bytes());
    let d = data(&b, None);
    assert_eq!(
        d.parent_folder_id.unwrap().to_u64(),
        u64::from_le_bytes(id(4))
    );
    assert_eq!(d.tags, Some(ChangedTags::Tags(vec![SUBJECT].into())));
    // A message (M) outside a search folder has no ParentFolderId.
    let mut b = vec![0x04, 0x80];
    b.extend(id(3));
    b.extend(id(5));
    b.extend([0x00, 0x00]);
    let d = data(&b, None);
    assert!(d.parent_folder_id.is_none());
    assert_eq!(d.tags, Some(ChangedTags::Tags(PropTags::default())));
    // A count the bytes cannot hold fails before allocating.
    let mut b = vec![0x04, 0x80];
    b.extend(id(3));
    b.extend(id(5));
    b.extend([0x00, 0x10]);
    let e = NotificationData::decode_with_exact(&b, None, Limits::STRICT).unwrap_err();
    assert_error(&e, "count-too-large", 18);
}

#[test]
fn object_modified_counts_and_no_tag_array() {
    // ObjectModified | T | U on a folder: FolderId, TagCount 0xFFFF (no Tags), then both
    // counts.
    let mut b = vec![0x10, 0x30];
    b.extend(id(6));
    b.extend([0xFF, 0xFF]);
    b.extend([10, 0, 0, 0, 3, 0, 0, 0]);
    let d = data(&b, None);
    assert_eq!(d.tags, Some(ChangedTags::NotGiven));
    assert_eq!(d.total_message_count, Some(10));
    assert_eq!(d.unread_message_count, Some(3));
}

#[test]
fn moved_and_copied() {
    // ObjectMoved folder: FolderId, ParentFolderId, OldFolderId, OldParentFolderId.
    let b = with_ids([0x20, 0x00], 4);
    let d = data(&b, None);
    assert!(d.old_parent_folder_id.is_some() && d.old_message_id.is_none());
    // ObjectCopied message: FolderId, MessageId, OldFolderId, OldMessageId.
    let b = with_ids([0x40, 0x80], 4);
    let d = data(&b, None);
    assert!(d.parent_folder_id.is_none() && d.old_message_id.is_some());
    // ObjectCopied message in a search folder (S and M): ParentFolderId too.
    let b = with_ids([0x40, 0xC0], 5);
    let d = data(&b, None);
    assert!(d.parent_folder_id.is_some() && d.old_parent_folder_id.is_none());
    // ObjectDeleted on a message in a normal folder (M only): no ParentFolderId.
    assert!(data(&with_ids([0x08, 0x80], 2), None)
        .parent_folder_id
        .is_none());
}

#[test]
fn search_completed_reserved_and_unknown_types() {
    let mut b = vec![0x80, 0x00];
    b.extend(id(1));
    assert!(data(&b, None).folder_id.is_some());
    // 0x0400 (reserved): no FolderId; only what T/U call for.
    let d = data(&[0x00, 0x14, 9, 0, 0, 0], None);
    assert_eq!(d.total_message_count, Some(9));
    assert!(d.folder_id.is_none());
    // 0x0200 and 0x0000 are not listed: the layout of what follows is unknown.
    for flags in [[0x00, 0x02], [0x00, 0x00], [0x06, 0x00]] {
        let e = NotificationData::decode_with_exact(&flags, None, Limits::STRICT).unwrap_err();
        assert_error(&e, "invalid-value", 0);
    }
}

/// TableModified | M, TableRowAdded on a contents table, with a row of PidTagSubject "Hi".
fn row_added() -> Vec<u8> {
    let mut b = vec![0x00, 0x81, 0x03, 0x00];
    b.extend(id(1)); // TableRowFolderID
    b.extend(id(2)); // TableRowMessageID
    b.extend([0, 0, 0, 0]); // TableRowInstance
    b.extend(id(1)); // InsertAfterTableRowFolderID
    b.extend(id(9)); // InsertAfterTableRowID
    b.extend([0, 0, 0, 0]); // InsertAfterTableRowInstance
    b.extend([7, 0, 0x00, b'H', 0, b'i', 0, 0, 0]); // size 7, StandardPropertyRow
    b
}

#[test]
fn table_notifications() {
    // TableChanged: only TableEventType.
    let d = data(&[0x00, 0x01, 0x01, 0x00], None);
    assert_eq!(d.table_event_type, Some(TableEventType::TABLE_CHANGED));
    // TableRowDeleted on a hierarchy table (no M): TableRowFolderID only.
    let mut b = vec![0x00, 0x01, 0x04, 0x00];
    b.extend(id(3));
    let d = data(&b, None);
    assert!(d.table_row_message.is_none() && d.table_row_data.is_none());
    // TableRowModified on a hierarchy table: no message fields, InsertAfter folder, row.
    let mut b = vec![0x00, 0x01, 0x05, 0x00];
    b.extend(id(3));
    b.extend(id(4));
    b.extend([0, 0]);
    let d = data(&b, None);
    assert!(d.insert_after_table_row.is_none());
    assert!(
        matches!(d.table_row_data, Some(TableRowData::Raw { ref bytes, .. }) if bytes.is_empty())
    );

    // TableRowAdded with the columns: the row decodes; without: bytes and the reason.
    let b = row_added();
    let d = data(&b, Some(&[SUBJECT]));
    match &d.table_row_data {
        Some(TableRowData::Row { row, .. }) => assert_eq!(row.len(), 1),
        other => panic!("{other:?}"),
    }
    let d = data(&b, None);
    match &d.table_row_data {
        Some(TableRowData::Raw { reason, bytes }) => {
            assert_eq!(reason, COLUMNS_UNKNOWN);
            assert_eq!(bytes.len(), 7);
        }
        other => panic!("{other:?}"),
    }
    // Columns that do not fit the bytes: kept raw, with why.
    let d = data(&b, Some(&[SUBJECT, SUBJECT]));
    assert!(matches!(d.table_row_data, Some(TableRowData::Raw { .. })));
    // TableRowDataSize past the end fails at the data.
    let mut short = b.clone();
    let n = short.len();
    short[n - 9] = 0x20;
    let e = NotificationData::decode_with_exact(&short, None, Limits::STRICT).unwrap_err();
    assert_eq!(e.kind().name(), "truncated");
}

#[test]
fn encode_checks_presence() {
    let b = row_added();
    let mut d = data(&b, None);
    d.table_row_data = None;
    assert!(d.to_bytes().is_err());
    let mut d = data(&b, None);
    d.notification_flags = 0x0200;
    assert!(d.to_bytes().is_err());
    // A MessageClass in the form UnicodeFlag does not announce.
    let mut b = vec![0x02, 0x00];
    b.extend(id(1));
    b.extend([0x00, 0, 0, 0, 0x00, b'X', 0]);
    let mut d = data(&b, None);
    d.new_mail.as_mut().unwrap().unicode_flag = true.into();
    assert_eq!(d.to_bytes().unwrap_err().path_string(), "MessageClass");
}

#[test]
fn register_notification_fields_follow_want_whole_store() {
    let whole = RegisterNotificationRequest::default();
    assert!(whole.want_whole_store);
    assert_eq!(whole.to_bytes().unwrap(), [0, 0, 0, 0, 0, 1]);
    let mut r = whole;
    r.folder_id = Some(FolderId::from_u64(7));
    assert_eq!(r.to_bytes().unwrap_err().path_string(), "FolderId");
    r.want_whole_store = false.into();
    assert_eq!(r.to_bytes().unwrap_err().path_string(), "MessageId");
    r.message_id = Some(MessageId::from_u64(0));
    assert_eq!(r.to_bytes().unwrap().len(), 6 + 16);
}

#[test]
fn codes_name_their_values() {
    assert_eq!(
        NotificationType::TABLE_MODIFIED.name(),
        Some("TableModified")
    );
    assert_eq!(NotificationType::of(0x8102), NotificationType(0x0102));
    assert_eq!(NotificationType(0x0102).name(), None);
    assert_eq!(
        TableEventType(0x0007).name(),
        Some("TableRestrictionChanged")
    );
    assert_eq!(
        format!("{:?}", NotificationFlag(0x9000)),
        "NotificationFlag(0x9000 T|M)"
    );
    let d = data(&[0x00, 0x14, 9, 0, 0, 0], None);
    assert_eq!(d.notification_type(), NotificationType::RESERVED);
    assert_eq!(d.flags(), NotificationFlag::T);
}

#[test]
fn notify_decodes_with_the_columns_of_its_table() {
    let b = notify(0x31);
    let cols = PropTags::new(&[SUBJECT]);
    let n = NotifyResponse::decode_with_exact(&b[1..], Some(&cols), Limits::STRICT).unwrap();
    assert!(matches!(
        n.notification_data.table_row_data,
        Some(TableRowData::Row { .. })
    ));
    assert_eq!(n.to_bytes().unwrap(), &b[1..]);
    let n = NotifyResponse::decode_with_exact(&b[1..], None, Limits::STRICT).unwrap();
    assert!(matches!(
        n.notification_data.table_row_data,
        Some(TableRowData::Raw { .. })
    ));
}

fn set_columns_request(table_index: u8) -> Vec<u8> {
    // RopSetColumns (PidTagSubject) on the table at `table_index`; handle table of one.
    let mut b = vec![0, 0, 0x12, 0x00, table_index, 0x00, 0x01, 0x00];
    b.extend(SUBJECT.0.to_le_bytes());
    let size = b.len() as u16;
    b[..2].copy_from_slice(&size.to_le_bytes());
    b.extend(0x0000_0031u32.to_le_bytes());
    b
}

fn response_buffer(rops: &[u8], handle: u32) -> Vec<u8> {
    let mut b = ((rops.len() + 2) as u16).to_le_bytes().to_vec();
    b.extend(rops);
    b.extend(handle.to_le_bytes());
    b
}

fn notify(handle: u32) -> Vec<u8> {
    let mut b = vec![0x2A];
    b.extend(handle.to_le_bytes());
    b.push(0x00);
    b.extend(row_added());
    b
}

#[test]
fn set_columns_then_notify_in_one_buffer() {
    let req_bytes = set_columns_request(0);
    let req = RopRequestBuffer::decode_exact(&req_bytes, Limits::STRICT).unwrap();
    let mut rops = vec![0x12, 0x00, 0, 0, 0, 0, 0x00];
    rops.extend(notify(0x31));
    let bytes = response_buffer(&rops, 0x31);
    let resp = RopResponseBuffer::decode_with_exact(&bytes, &req, Limits::STRICT).unwrap();
    assert!(resp.raw.is_none());
    match &resp.rops[1] {
        RopResponse::Notify(n) => assert!(matches!(
            n.notification_data.table_row_data,
            Some(TableRowData::Row { .. })
        )),
        other => panic!("{other:?}"),
    }
    assert_eq!(resp.request_indexes(&req), [Some(0), None]);
    assert_eq!(resp.to_bytes().unwrap(), bytes);
    assert_eq!(resp.to_bytes_with(&req).unwrap(), bytes);
    // Another table's handle: its columns are unknown, the row stays raw, and the
    // RopNotify still decodes.
    let mut rops = vec![0x12, 0x00, 0, 0, 0, 0, 0x00];
    rops.extend(notify(0x77));
    let bytes = response_buffer(&rops, 0x31);
    let resp = RopResponseBuffer::decode_with_exact(&bytes, &req, Limits::STRICT).unwrap();
    match &resp.rops[1] {
        RopResponse::Notify(n) => assert!(matches!(
            n.notification_data.table_row_data,
            Some(TableRowData::Raw { .. })
        )),
        other => panic!("{other:?}"),
    }
}

#[test]
fn session_columns_reach_a_later_notify() {
    let mut session = Session::new();
    // Call 1: RopSetColumns on table 0x31.
    let req1 = set_columns_request(0);
    let resp1 = response_buffer(&[0x12, 0x00, 0, 0, 0, 0, 0x00], 0x31);
    session
        .decode_execute(&req1, &resp1, Limits::STRICT)
        .unwrap();
    // Call 2: an empty request; the response carries a RopNotify for the table.
    let req2 = [0x02, 0x00];
    let mut resp2 = ((notify(0x31).len() + 2) as u16).to_le_bytes().to_vec();
    resp2.extend(notify(0x31));
    let (_, resp) = session
        .decode_execute(&req2, &resp2, Limits::STRICT)
        .unwrap();
    match &resp.rops[..] {
        [RopResponse::Notify(n)] => {
            assert_eq!(n.notification_handle, 0x31);
            match &n.notification_data.table_row_data {
                Some(TableRowData::Row { columns, row }) => {
                    assert_eq!(columns, &[SUBJECT]);
                    assert!(!row.is_flagged());
                }
                other => panic!("{other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    // Without the session the row is kept as bytes.
    let req = RopRequestBuffer::decode_exact(&req2, Limits::STRICT).unwrap();
    let resp = RopResponseBuffer::decode_with_exact(&resp2, &req, Limits::STRICT).unwrap();
    assert!(matches!(&resp.rops[0], RopResponse::Notify(n)
        if matches!(n.notification_data.table_row_data, Some(TableRowData::Raw { .. }))));
}

#[test]
fn notify_is_standalone() {
    assert!(RopResponse::is_standalone(crate::rop::RopId::NOTIFY));
    assert!(RopResponse::is_standalone(crate::rop::RopId::PENDING));
    assert!(!RopResponse::is_standalone(
        crate::rop::RopId::REGISTER_NOTIFICATION
    ));
    // RopNotify in a request buffer is refused.
    let mut b = vec![0, 0];
    b.extend(notify(1));
    let size = b.len() as u16;
    b[..2].copy_from_slice(&size.to_le_bytes());
    assert!(RopRequestBuffer::decode_exact(&b, Limits::STRICT).is_err());
}
