//! The constructors and builders against the examples of the specs' section 4, and the
//! `From` conversions.

use super::*;
use crate::data::{FolderId, MessageId, PropType};
use crate::rop::context::LOGON_FLAG_PRIVATE;
use crate::rop::folder::{OpenFolderRequest, OpenFolderResponse, TableRowCount};
use crate::rop::message::OpenMessageRequest;
use crate::rop::property::GetPropertyIdsFromNamesResponse;
use crate::rop::store::{LogonFlags, LogonRequest, LogonResponse, LogonSuccess};
use crate::rop::table::{QueryRowsFlags, QueryRowsRequest, SetColumnsRequest};
use crate::rop::{RopId, RopResponse};
use crate::wire::{Decode, DecodeWith, Encode, Limits};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// `rop`'s bytes, and that they decode back to `rop`.
fn bytes_of(rop: &RopRequest<'_>) -> Vec<u8> {
    let b = rop.to_bytes().unwrap();
    let back = RopRequest::decode_with_exact(&b, Default::default(), Limits::DEFAULT).unwrap();
    assert_eq!(&back, rop);
    b
}

#[test]
fn get_properties_specific_is_the_oxcprpt_4_3_1_request() {
    let tags = [
        PropTag::new(0x863E, PropType::BOOLEAN),
        PropTag::new(0x863F, PropType::INTEGER32),
        PropTag::CHANGE_KEY,
    ];
    let rop = RopRequest::from(GetPropertiesSpecificRequest::new(0, &tags));
    assert_eq!(
        bytes_of(&rop),
        hex("07 00 00 0000 0100 0300 0b003e86 03003f86 0201e265")
    );
}

#[test]
fn get_contents_table_is_the_oxctabl_4_1_1_request() {
    let rop = RopRequest::get_contents_table(0, 1, ContentsTableFlags(0));
    assert_eq!(bytes_of(&rop), hex("05 00 00 01 00"));
    assert_eq!(rop.rop_id(), RopId::GET_CONTENTS_TABLE);
    let h = RopRequest::get_hierarchy_table(1, 2, HierarchyTableFlags::DEPTH);
    assert_eq!(bytes_of(&h), hex("04 00 01 02 04"));
}

#[test]
fn set_columns_is_the_oxctabl_4_2_1_request() {
    let columns = [
        PropTag::FOLDER_ID,
        PropTag::MID,
        PropTag::INST_ID,
        PropTag::INSTANCE_NUM,
        PropTag::SUBJECT,
        PropTag::MESSAGE_DELIVERY_TIME,
    ];
    let rop = RopRequest::from(SetColumnsRequest::new(1, &columns));
    let spec = "12 00 01 00 0600 14004867 14004a67 14004d67 03004e67 1f003700 4000060e";
    assert_eq!(bytes_of(&rop), hex(spec));
}

#[test]
fn query_rows_is_the_oxctabl_4_5_3_1_request() {
    let rop = RopRequest::from(QueryRowsRequest::new(0, 50));
    assert_eq!(bytes_of(&rop), hex("15 00 00 00 01 3200"));
    let mut q = QueryRowsRequest::new(0, 50);
    q.query_rows_flags =
        (QueryRowsFlags::NO_ADVANCE | QueryRowsFlags::ENABLE_PACKED_BUFFERS).into();
    assert_eq!(q.query_rows_flags, 0x03);
}

#[test]
fn save_changes_message_is_the_oxcmsg_4_8_1_request() {
    // SaveFlags 0x0A: KeepOpenReadWrite and a bit [MS-OXCMSG] does not name, kept as given.
    let flags = SaveFlags(0x0A);
    assert!(flags.contains(SaveFlags::KEEP_OPEN_READ_WRITE));
    assert_eq!(
        format!("{flags:?}"),
        "SaveFlags(0x0A KeepOpenReadWrite|0x8)"
    );
    let rop = RopRequest::save_changes_message(0, 1, flags);
    assert_eq!(bytes_of(&rop), hex("0c 00 00 01 0a"));
}

#[test]
fn releases_in_a_built_buffer_are_the_oxcrops_4_4_buffer() {
    let mut b = RopRequestBuffer::builder();
    let first = b.object(0x6F);
    let second = b.object(0x6E);
    b.push(RopRequest::release(first))
        .push(RopRequest::release(second));
    let buf = b.build().unwrap();
    let spec = hex("0800 01 00 00 01 00 01 6f000000 6e000000");
    assert_eq!(buf.to_bytes().unwrap(), spec);
    assert_eq!(
        RopRequestBuffer::decode_exact(&spec, Limits::DEFAULT).unwrap(),
        buf
    );
}

#[test]
fn get_property_ids_from_names_success_is_the_oxcprpt_4_1_2_response() {
    let r = GetPropertyIdsFromNamesResponse::success(
        0,
        GetPropertyIdsFromNamesSuccess::new(vec![0x863E, 0x863F]),
    );
    let rop = RopResponse::from(r);
    assert_eq!(
        rop.to_bytes().unwrap(),
        hex("56 00 00000000 0200 3e86 3f86")
    );
    let q = GetPropertyIdsFromNamesRequest::new(0, Vec::new(), true);
    assert_eq!(q.flags, 0x02);
}

#[test]
fn from_boxes_where_the_variant_does() {
    let logon = LogonRequest::private_mailbox(0, "/o=Contoso/cn=u");
    let rop = RopRequest::from(logon.clone());
    assert_eq!(rop, RopRequest::Logon(Box::new(logon)));
    let open = OpenFolderRequest::new(0, 1, FolderId::from_u64(7));
    assert_eq!(RopRequest::from(open.clone()), RopRequest::OpenFolder(open));
    let resp = OpenFolderResponse::success(1, Default::default());
    assert_eq!(
        RopResponse::from(resp.clone()),
        RopResponse::OpenFolder(resp)
    );
    let count = crate::rop::folder::GetContentsTableResponse::success(2, TableRowCount::new(3));
    assert_eq!(RopResponse::from(count).return_value(), Some(0));
}

#[test]
fn private_logon_decodes_back_with_its_flags_and_essdn() {
    let dn = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=janedoe";
    let rop = RopRequest::from(LogonRequest::private_mailbox(3, dn));
    let b = bytes_of(&rop);
    // RopId, LogonId, OutputHandleIndex, LogonFlags, OpenFlags, StoreState, EssdnSize.
    assert_eq!(&b[..7], &[0xFE, 0, 3, 0x01, 0x0C, 0x00, 0x00]);
    assert_eq!(u16::from_le_bytes([b[12], b[13]]) as usize, dn.len() + 1);
    assert_eq!(&b[14..b.len() - 1], dn.as_bytes());
    assert_eq!(b[b.len() - 1], 0);
    assert_eq!(u8::from(LogonFlags::PRIVATE), LOGON_FLAG_PRIVATE);
    let public = LogonRequest::public_folders(0);
    assert_eq!(public.logon_flags & LOGON_FLAG_PRIVATE, 0);
    assert_eq!(public.open_flags, 0x0100_0002);
}

#[test]
fn open_message_reads_in_the_logon_code_page() {
    let folder = FolderId::new(1, 0x10).unwrap();
    let message = MessageId::new(1, 0x20).unwrap();
    let rop = RopRequest::from(OpenMessageRequest::new(1, 2, folder, message));
    let b = bytes_of(&rop);
    // RopId, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId 0x0FFF.
    assert_eq!(&b[..6], &[0x03, 0, 1, 2, 0xFF, 0x0F]);
    // OpenModeFlags ReadOnly, between FolderId and MessageId.
    assert_eq!(b[14], 0x00);
}

#[test]
fn the_builder_hands_out_indexes_and_new_object_handles() {
    let mut b = RopRequestBuffer::builder();
    let logon = b.open(|h| LogonRequest::private_mailbox(h, "/o=x/cn=u"));
    let folder = b.open(|h| OpenFolderRequest::new(logon, h, FolderId::from_u64(1)));
    let table =
        b.open(|h| RopRequest::get_contents_table(folder, h, ContentsTableFlags::USE_UNICODE));
    b.push(SetColumnsRequest::new(table, &[PropTag::SUBJECT]))
        .push(QueryRowsRequest::new(table, 10));
    assert_eq!((logon, folder, table), (0, 1, 2));
    assert_eq!(b.rops().len(), 5);
    let buf = b.build().unwrap();
    assert_eq!(
        buf.handles.iter().collect::<Vec<_>>(),
        [NEW_OBJECT_HANDLE; 3]
    );
    let bytes = buf.to_bytes().unwrap();
    // RopSize counts itself and RopsList; the table of three handles follows.
    let rop_size = u16::from_le_bytes([bytes[0], bytes[1]]) as usize;
    assert_eq!(rop_size + 12, bytes.len());
    assert_eq!(
        RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).unwrap(),
        buf
    );
}

#[test]
fn the_builder_refuses_an_index_past_the_table() {
    let mut b = RopRequestBuffer::builder();
    b.object(0x10);
    b.push(RopRequest::release(1));
    let e = b.build().unwrap_err();
    assert_eq!(e.path_string(), "RopsList[0]");
    let mut b = RopRequestBuffer::builder();
    for _ in 0..257 {
        b.new_object();
    }
    assert!(b.build().is_err());
}

#[test]
fn a_built_response_buffer_decodes_against_its_request() {
    let mut q = RopRequestBuffer::builder();
    let logon = q.open(|h| LogonRequest::private_mailbox(h, "/o=x/cn=u"));
    let request = q.build().unwrap();

    let mut r = RopResponseBuffer::answering(&request);
    assert_eq!(r.handle(logon), Some(NEW_OBJECT_HANDLE));
    r.set_handle(logon, 0x1234);
    let success = crate::rop::store::LogonPrivateSuccess::new(
        LOGON_FLAG_PRIVATE,
        [FolderId::from_u64(0); 13],
        Default::default(),
        Default::default(),
        time::Date::from_calendar_date(2024, time::Month::March, 5)
            .unwrap()
            .with_hms(14, 15, 16)
            .unwrap()
            .assume_utc()
            .into(),
    );
    r.push(LogonResponse::success(logon, LogonSuccess::from(success)));
    let built = r.build().unwrap();
    let bytes = built.to_bytes().unwrap();
    let back = RopResponseBuffer::decode_with_exact(&bytes, &request, Limits::DEFAULT).unwrap();
    assert_eq!(back.rops, built.rops);
    assert_eq!(back.handles.get(logon), Some(0x1234));
    let RopResponse::Logon(l) = &back.rops[0] else {
        panic!("{:?}", back.rops[0]);
    };
    let crate::wire::Outcome::Success(LogonSuccess::Private(p)) = &l.body else {
        panic!("{:?}", l.body);
    };
    // ResponseFlags Reserved | OwnerRight | SendAsRight; Tuesday 5 March 2024.
    assert_eq!(p.response_flags, 0x07);
    assert_eq!(
        (
            p.logon_time.day_of_week,
            p.logon_time.day,
            p.logon_time.month,
            p.logon_time.year
        ),
        (2, 5, 3, 2024)
    );
}
