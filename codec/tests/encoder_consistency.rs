//! Encoders refuse values whose bytes would not read back as the same value (found by the
//! structure-aware round-trip fuzz targets `rt_*`): each case here was accepted before.

#[macro_use]
mod common;

use std::borrow::Cow;

use mapi_codec::data::{
    PropTag, PropTags, PropertyRow, PropertyValue, RecipientProperties, RecipientRow,
    RecipientRowCtx, RowValue,
};
use mapi_codec::rop::fast_transfer::{FastTransferSourceGetBufferResponse, GetBufferFailure};
use mapi_codec::rop::field::Outcome;
use mapi_codec::rop::message::{
    ClientData, ModifyRecipientRow, ModifyRecipientsRequest, RecipientType,
    SetMessageReadFlagRequest,
};
use mapi_codec::rop::store::{
    GetReceiveFolderTableResponse, GetReceiveFolderTableSuccess, LogonRequest,
};
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse};
use mapi_codec::wire::{DecodeWith, Encode, Reader};

fn row(values: Vec<PropertyValue<'static>>) -> PropertyRow<'static> {
    PropertyRow::new(false, values.into_iter().map(RowValue::Value).collect())
}

#[test]
fn property_row_against_columns() {
    let cols = PropTags::new(&[PropTag(0x0E07_0003), PropTag(0x0037_001F)]);
    let first = cols.prefix(1).unwrap();
    let r = row(vec![
        PropertyValue::Integer32(1),
        PropertyValue::Integer32(2),
    ]);
    assert!(
        r.check_columns(&cols).is_err(),
        "a PtypInteger32 under a PtypString column"
    );
    assert!(r.check_columns(&first).is_err(), "more cells than columns");
    let ok = row(vec![PropertyValue::Integer32(1)]);
    ok.check_columns(&first).unwrap();
}

#[test]
fn get_buffer_backoff_time_follows_return_value() {
    let resp = |return_value, backoff_time| {
        RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
            handle_index: 1,
            return_value,
            body: Outcome::Failure(GetBufferFailure {
                backoff_time,
                status: None,
            }),
        })
    };
    // ecServerBusy carries BackoffTime; other failures carry nothing.
    resp(0x0000_0480, Some(500)).to_bytes().unwrap();
    resp(0x8004_0102, None).to_bytes().unwrap();
    assert!(resp(0x8004_0102, Some(500)).to_bytes().is_err());
    assert!(resp(0x0000_0480, None).to_bytes().is_err());
}

#[test]
fn receive_folder_table_rows_have_its_columns() {
    let resp = |rows| {
        RopResponse::GetReceiveFolderTable(GetReceiveFolderTableResponse {
            handle_index: 0,
            return_value: 0,
            body: Outcome::Success(GetReceiveFolderTableSuccess { rows }),
        })
    };
    assert!(resp(vec![row(vec![PropertyValue::Integer32(1)])])
        .to_bytes()
        .is_err());
    resp(Vec::new()).to_bytes().unwrap();
}

fn recipient_row(properties: RecipientProperties<'static>) -> RecipientRow<'static> {
    RecipientRow {
        recipient_flags: 0x0000,
        x500: None,
        distribution_list: None,
        address_type: None,
        email_address: None,
        display_name: None,
        simple_display_name: None,
        transmittable_display_name: None,
        properties,
    }
}

#[test]
fn modify_recipients_rows_fit_the_recipient_columns() {
    let request = |properties| ModifyRecipientsRequest {
        logon_id: 0,
        input_handle_index: 0,
        recipient_columns: PropTags::new(&[PropTag(0x0C15_0003)]),
        recipient_rows: vec![ModifyRecipientRow {
            row_id: 0,
            recipient_type: RecipientType::PRIMARY,
            recipient_row: Some(recipient_row(properties)),
        }],
    };
    let two = row(vec![
        PropertyValue::Integer32(1),
        PropertyValue::Integer32(2),
    ]);
    assert!(request(RecipientProperties::Row(two)).to_bytes().is_err());
    let undecoded = RecipientProperties::Undecoded {
        column_count: 1,
        bytes: Cow::Borrowed(&[0, 1, 0, 0, 0]),
    };
    assert!(request(undecoded).to_bytes().is_err());
    let one = request(RecipientProperties::Row(row(vec![
        PropertyValue::Integer32(1),
    ])));
    assert_round_trip!(one, ModifyRecipientsRequest<'_>);
}

#[test]
fn recipient_properties_hold_at_least_the_flag_byte() {
    let empty = recipient_row(RecipientProperties::Undecoded {
        column_count: 0,
        bytes: Cow::Borrowed(&[]),
    });
    assert!(empty.to_bytes().is_err());
    // RecipientFlags 0, RecipientColumnCount 0, and no Flag byte: refused by decoding too.
    let mut r = Reader::new(&[0, 0, 0, 0]);
    let e = RecipientRow::decode_with_from(&mut r, RecipientRowCtx::new(None)).unwrap_err();
    assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
}

#[test]
fn set_message_read_flag_client_data_follows_the_logon_in_the_buffer() {
    let logon = |flags| {
        RopRequest::Logon(Box::new(LogonRequest {
            logon_id: 0,
            output_handle_index: 0,
            logon_flags: flags,
            open_flags: 0x0100_0000,
            store_state: 0,
            essdn: mapi_codec::wire::AnsiZ16::new(b"").unwrap(),
        }))
    };
    let read_flag = |client_data| {
        RopRequest::SetMessageReadFlag(SetMessageReadFlagRequest {
            logon_id: 0,
            response_handle_index: 0,
            input_handle_index: 0,
            read_flags: 0,
            client_data,
        })
    };
    let buffer = |rops| RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(&[0xFFFF_FFFF]),
    };
    // Private mailbox logon (flag 0x01): no ClientData.
    let ok = buffer(vec![logon(0x01), read_flag(None)]);
    assert_round_trip!(ok, RopRequestBuffer<'_>);
    assert!(
        buffer(vec![logon(0x01), read_flag(Some(ClientData([7; 24])))])
            .to_bytes()
            .is_err()
    );
    // Public folders logon: ClientData required.
    assert!(buffer(vec![logon(0x00), read_flag(None)])
        .to_bytes()
        .is_err());
    buffer(vec![logon(0x00), read_flag(Some(ClientData([7; 24])))])
        .to_bytes()
        .unwrap();
}
