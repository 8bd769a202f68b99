//! The EMSMDB bodies of the sample: Connect, and the Execute calls that log on, list the
//! Inbox, open a message, read its body and release the objects.

use std::borrow::Cow;

use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FolderId, GlobalCounter, PropTag, PropertyName,
    PropertyNameKind, PropertyRow, PropertyValue, RecipientProperties, RecipientRow,
    RecipientString, RowValue, TypedString, X500Fields, RECIPIENT_FLAG_D, RECIPIENT_FLAG_I,
    RECIPIENT_FLAG_T, RECIPIENT_FLAG_U, RECIPIENT_TYPE_X500DN,
};
use mapi_codec::http::body::RopBuffer;
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, ConnectSuccess, ExecuteFlags, ExecuteRequest, ExecuteResponse,
    ExecuteSuccess,
};
use mapi_codec::nspi::{AuxiliaryBuffer, ErrorCode};
use mapi_codec::rop::field::{Bytes16, List16};
use mapi_codec::rop::folder::{
    FlaggedGroup, FolderInfo, GetContentsTableRequest, GetContentsTableResponse, OpenFolderRequest,
    OpenFolderResponse, TableRowCount,
};
use mapi_codec::rop::message::{
    OpenMessageRequest, OpenMessageResponse, OpenMessageSuccess, OpenRecipientRow,
};
use mapi_codec::rop::other::{BufferTooSmallResponse, ReleaseRequest};
use mapi_codec::rop::property::{
    GetPropertiesSpecificRequest, GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess,
    GetPropertyIdsFromNamesRequest, GetPropertyIdsFromNamesResponse,
    GetPropertyIdsFromNamesSuccess,
};
use mapi_codec::rop::store::{
    LogonFolderIds, LogonPrivateSuccess, LogonRequest, LogonResponse, LogonSuccess, LogonTime,
};
use mapi_codec::rop::stream::{
    OpenStreamRequest, OpenStreamResponse, OpenStreamSuccess, ReadStreamData, ReadStreamRequest,
    ReadStreamResponse,
};
use mapi_codec::rop::table::{
    QueryRowsRequest as RopQueryRowsRequest, QueryRowsResponse as RopQueryRowsResponse,
    QueryRowsSuccess, RowList, SetColumnsRequest, SetColumnsResponse, TableStatusSuccess,
};
use mapi_codec::rop::{
    HandleTable, PropTags, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{AnsiStr, AnsiZ16, Encode, EncodeError, FileTime};

use super::{
    bodies, body_bytes, inbox, message_entry_id, message_id, utf16, BASE_TIME, DN_PREFIX,
    H_DOWNLOAD, H_FOLDER, H_LOGON, H_MESSAGE, H_NEW, H_STREAM, H_TABLE, ID_KEYWORDS,
    ID_REMINDER_DELTA, MAILBOX_GUID, PSETID_COMMON, PS_PUBLIC_STRINGS, R, REPL_GUID, SENDERS,
    SUBJECTS, TAG_BODY, TAG_REMINDER_DELTA, TAG_SMTP, USER_DN,
};

fn chain(payload: &[u8], opts: BuildOptions) -> R<Option<ExtendedBufferChain<'static>>> {
    Ok(Some(ExtendedBufferChain::pack(
        &[payload],
        opts,
        MAX_REQUEST_PAYLOAD,
    )?))
}

/// An Execute request body ([MS-OXCMAPIHTTP] 2.2.4.2.1) carrying one ROP input buffer.
pub(super) fn execute_request(
    rops: Vec<RopRequest<'static>>,
    handles: &[u32],
    opts: BuildOptions,
    max_rop_out: u32,
) -> R<Vec<u8>> {
    let buf = RopRequestBuffer {
        rops,
        raw: None,
        handles: HandleTable::from_handles(handles),
    }
    .to_bytes()?;
    Ok(ExecuteRequest {
        flags: ExecuteFlags(0),
        rop_buffer: RopBuffer(chain(&buf, opts)?),
        max_rop_out,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()?)
}

/// An Execute success response body ([MS-OXCMAPIHTTP] 2.2.4.2.2) with one ROP output buffer.
pub(super) fn execute_response(
    rops: Vec<RopResponse<'static>>,
    handles: &[u32],
    opts: BuildOptions,
) -> R<Vec<u8>> {
    let buf = RopResponseBuffer::new(rops, handles).to_bytes()?;
    Ok(ExecuteResponse::success(ExecuteSuccess {
        error_code: ErrorCode(0),
        flags: 0,
        rop_buffer: RopBuffer(chain(&buf, opts)?),
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
    .to_bytes()?)
}

pub(super) const PLAIN: BuildOptions = BuildOptions {
    compress: false,
    xor_magic: false,
};
pub(super) const COMPRESS: BuildOptions = BuildOptions {
    compress: true,
    xor_magic: false,
};
const XOR: BuildOptions = BuildOptions {
    compress: false,
    xor_magic: true,
};
const BOTH: BuildOptions = BuildOptions {
    compress: true,
    xor_magic: true,
};

/// The contents table's columns ([MS-OXCROPS] 2.2.5.1.1): subject, delivery time, entry ID,
/// size, MID, and the named PidLidReminderDelta mapped in the same call.
fn columns() -> Vec<PropTag> {
    vec![
        PropTag::SUBJECT,
        PropTag::MESSAGE_DELIVERY_TIME,
        PropTag::ENTRY_ID,
        PropTag::MESSAGE_SIZE,
        PropTag::MID,
        TAG_REMINDER_DELTA,
    ]
}

/// One Inbox row: a StandardPropertyRow, or a FlaggedPropertyRow when the message has no
/// reminder (the named column then carries flag 0x0A and NotFound, [MS-OXCDATA] 2.8.1.2).
fn inbox_row(i: u64) -> R<PropertyRow<'static>> {
    let subject = format!(
        "{} ({})",
        SUBJECTS[(i % 10) as usize],
        SENDERS[(i % 5) as usize]
    );
    let values = vec![
        PropertyValue::String(utf16(&subject)?),
        PropertyValue::Time(FileTime(BASE_TIME - i * 3_600 * 10_000_000)),
        PropertyValue::Binary(Cow::Owned(message_entry_id(i))),
        PropertyValue::Integer32(2_048 + 517 * i as i32),
        PropertyValue::Integer64(message_id(i).to_u64() as i64),
        PropertyValue::Integer32(15),
    ];
    let flagged = i % 7 == 3;
    let values = if flagged {
        let n = values.len();
        values
            .into_iter()
            .enumerate()
            .map(|(k, v)| {
                RowValue::Flagged(FlaggedPropertyValue(if k + 1 == n {
                    Flagged::Error(0x8004_010F)
                } else {
                    Flagged::Value(v)
                }))
            })
            .collect()
    } else {
        values.into_iter().map(RowValue::Value).collect()
    };
    Ok(PropertyRow::new(flagged, values))
}

/// Execute 1: RopLogon (private mailbox, [MS-OXCROPS] 2.2.3.1), RopGetPropertyIdsFromNames
/// (2.2.8.1), RopOpenFolder on the Inbox (2.2.4.1), RopGetContentsTable (2.2.4.14),
/// RopSetColumns (2.2.5.1), RopQueryRows for 50 rows (2.2.5.4).
pub(super) fn execute_open_inbox() -> R<(Vec<u8>, Vec<u8>)> {
    let names = vec![
        PropertyName {
            guid: PSETID_COMMON,
            kind: PropertyNameKind::Lid(0x8501),
        },
        PropertyName {
            guid: PS_PUBLIC_STRINGS,
            kind: PropertyNameKind::Name(utf16("Keywords")?),
        },
    ];
    let request = vec![
        RopRequest::Logon(Box::new(LogonRequest {
            logon_id: 0,
            output_handle_index: 0,
            // Private ([MS-OXCSTOR] 2.2.1.1.1).
            logon_flags: 0x01,
            // USE_PER_MDB_REPLID_MAPPING (required, 3.2.5.1.3) | NO_MAIL | TAKE_OWNERSHIP |
            // HOME_LOGON.
            open_flags: 0x0100_040C,
            store_state: 0,
            essdn: AnsiZ16::new(USER_DN.as_bytes())?,
        })),
        RopRequest::GetPropertyIdsFromNames(GetPropertyIdsFromNamesRequest {
            logon_id: 0,
            input_handle_index: 0,
            flags: 0x02,
            property_names: List16(names),
        }),
        RopRequest::OpenFolder(OpenFolderRequest {
            logon_id: 0,
            input_handle_index: 0,
            output_handle_index: 1,
            folder_id: inbox(),
            open_mode_flags: 0,
        }),
        RopRequest::GetContentsTable(GetContentsTableRequest {
            logon_id: 0,
            input_handle_index: 1,
            output_handle_index: 2,
            table_flags: 0x40,
        }),
        RopRequest::SetColumns(SetColumnsRequest {
            logon_id: 0,
            input_handle_index: 2,
            set_columns_flags: 0,
            property_tags: PropTags::new(&columns()),
        }),
        RopRequest::QueryRows(RopQueryRowsRequest {
            logon_id: 0,
            input_handle_index: 2,
            query_rows_flags: 0,
            forward_read: true.into(),
            row_count: 50,
        }),
    ];
    let req = execute_request(request, &[H_NEW, H_NEW, H_NEW], BOTH, 0x0001_0008)?;

    let mut folder_ids = LogonFolderIds::default();
    for (k, id) in folder_ids.0.iter_mut().enumerate() {
        let c = (0x2E36 + k as u16).to_be_bytes();
        *id = FolderId {
            replica_id: 1,
            global_counter: GlobalCounter([0, 0, 0, 0, c[0], c[1]]),
        };
    }
    folder_ids.0[4] = inbox();
    let rows = (0..50).map(inbox_row).collect::<R<Vec<_>>>()?;
    let response = vec![
        RopResponse::Logon(Box::new(LogonResponse::success(
            0,
            LogonSuccess::Private(LogonPrivateSuccess {
                logon_flags: 0x01,
                folder_ids,
                response_flags: 0x07,
                mailbox_guid: MAILBOX_GUID,
                repl_id: 0x0001,
                repl_guid: REPL_GUID,
                logon_time: LogonTime {
                    seconds: 0,
                    minutes: 0,
                    hour: 8,
                    day_of_week: 5,
                    day: 20,
                    month: 11,
                    year: 2026,
                },
                gwart_time: 0x01DB_2F3A_4C5D_6E7F,
                store_state: 0,
            }),
        ))),
        RopResponse::GetPropertyIdsFromNames(GetPropertyIdsFromNamesResponse::success(
            0,
            GetPropertyIdsFromNamesSuccess {
                property_ids: List16(vec![ID_REMINDER_DELTA, ID_KEYWORDS]),
            },
        )),
        RopResponse::OpenFolder(OpenFolderResponse::success(
            1,
            FolderInfo {
                has_rules: false.into(),
                ghost: FlaggedGroup::new(None),
            },
        )),
        RopResponse::GetContentsTable(GetContentsTableResponse::success(
            2,
            TableRowCount { row_count: 50 },
        )),
        RopResponse::SetColumns(SetColumnsResponse::success(
            2,
            TableStatusSuccess { table_status: 0 },
        )),
        RopResponse::QueryRows(RopQueryRowsResponse::success(
            2,
            QueryRowsSuccess {
                origin: 0x02,
                rows: RowList::new(columns(), rows),
            },
        )),
    ];
    let resp = execute_response(response, &[H_LOGON, H_FOLDER, H_TABLE], COMPRESS)?;
    Ok((req, resp))
}

fn open_stream_request() -> RopRequest<'static> {
    RopRequest::OpenStream(OpenStreamRequest {
        logon_id: 0,
        input_handle_index: 3,
        output_handle_index: 4,
        property_tag: TAG_BODY,
        open_mode_flags: 0x00,
    })
}

fn read_stream_request() -> RopRequest<'static> {
    RopRequest::ReadStream(ReadStreamRequest {
        logon_id: 0,
        input_handle_index: 4,
        byte_count: 0x1000,
        maximum_byte_count: None,
    })
}

fn stream_responses() -> Vec<RopResponse<'static>> {
    let body = body_bytes();
    vec![
        RopResponse::OpenStream(OpenStreamResponse::success(
            4,
            OpenStreamSuccess {
                stream_size: body.len() as u32,
            },
        )),
        RopResponse::ReadStream(ReadStreamResponse::success(
            4,
            ReadStreamData {
                data: Bytes16(Cow::Owned(body)),
            },
        )),
    ]
}

/// The recipient columns of the opened message ([MS-OXCROPS] 2.2.6.1.2 RecipientColumns).
fn recipient_columns() -> Vec<PropTag> {
    vec![TAG_SMTP, PropTag(0x5FDF_0003)]
}

/// The one recipient (To: Jane Doe), an Exchange user given by its X500 DN without the DN
/// prefix ([MS-OXCDATA] 2.8.3.2): Type X500DN (0x1), D (display name), T (transmittable display
/// name), U (Unicode strings), I (simple display name); then the two recipient columns.
fn recipient_jane() -> R<OpenRecipientRow<'static>> {
    let dn_tail = &USER_DN[DN_PREFIX.len()..];
    let name =
        || -> R<RecipientString<'static>> { Ok(RecipientString::Unicode(utf16("Jane Doe")?)) };
    Ok(OpenRecipientRow {
        recipient_type: mapi_codec::rop::message::RecipientType::PRIMARY,
        code_page_id: 1252,
        reserved: 0,
        recipient_row: RecipientRow {
            recipient_flags: RECIPIENT_TYPE_X500DN
                | RECIPIENT_FLAG_D
                | RECIPIENT_FLAG_T
                | RECIPIENT_FLAG_U
                | RECIPIENT_FLAG_I,
            x500: Some(X500Fields {
                address_prefix_used: u8::try_from(DN_PREFIX.len())
                    .map_err(|_| EncodeError::invalid("AddressPrefixUsed does not fit one byte"))?,
                display_type: 0x00,
                x500_dn: AnsiStr::from_wire(dn_tail.as_bytes())?,
            }),
            distribution_list: None,
            address_type: None,
            email_address: None,
            display_name: Some(name()?),
            simple_display_name: Some(name()?),
            transmittable_display_name: Some(name()?),
            properties: RecipientProperties::Row(PropertyRow::new(
                false,
                vec![
                    RowValue::Value(PropertyValue::String(utf16("jane.doe@contoso.com")?)),
                    RowValue::Value(PropertyValue::Integer32(0)),
                ],
            )),
        },
    })
}

/// Execute 2: RopOpenMessage (2.2.6.1), RopGetPropertiesSpecific (2.2.8.3), RopOpenStream
/// (2.2.9.1) and RopReadStream (2.2.9.2) with a small MaxRopOut: the server answers the first
/// two and returns the last two in RopBufferTooSmall (2.2.15.1).
pub(super) fn execute_open_message() -> R<(Vec<u8>, Vec<u8>)> {
    let tags = vec![
        PropTag::SUBJECT,
        PropTag::MESSAGE_DELIVERY_TIME,
        TAG_BODY,
        TAG_REMINDER_DELTA,
    ];
    let stream_requests = [open_stream_request(), read_stream_request()];
    let request = vec![
        RopRequest::OpenMessage(OpenMessageRequest {
            logon_id: 0,
            input_handle_index: 1,
            output_handle_index: 3,
            code_page_id: 0x0FFF,
            folder_id: inbox(),
            open_mode_flags: 0x00,
            message_id: message_id(0),
        }),
        RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
            logon_id: 0,
            input_handle_index: 3,
            property_size_limit: 0,
            want_unicode: 1,
            property_tags: PropTags::new(&tags),
        }),
        stream_requests[0].clone(),
        stream_requests[1].clone(),
    ];
    let handles = [H_LOGON, H_FOLDER, H_TABLE, H_NEW, H_NEW];
    let req = execute_request(request, &handles, XOR, 0x0000_0400)?;

    let mut unprocessed = Vec::new();
    for r in &stream_requests {
        r.encode(&mut unprocessed)?;
    }
    let needed: usize = stream_responses().iter().map(Encode::encoded_len).sum();
    let subject = format!("{} ({})", SUBJECTS[0], SENDERS[0]);
    let response = vec![
        RopResponse::OpenMessage(Box::new(OpenMessageResponse::success(
            3,
            OpenMessageSuccess {
                has_named_properties: true.into(),
                subject_prefix: TypedString::Empty,
                normalized_subject: TypedString::Unicode(utf16(&subject)?),
                recipient_count: 1,
                recipient_columns: recipient_columns().into(),
                recipient_rows: vec![recipient_jane()?],
            },
        ))),
        RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse::success(
            3,
            GetPropertiesSpecificSuccess::new(
                tags,
                // The body is too large for a property read: flag 0x0A with NotEnoughMemory
                // (0x8007000E) tells the client to open it as a stream ([MS-OXCPRPT] 3.2.5.1).
                PropertyRow::new(
                    true,
                    vec![
                        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(
                            PropertyValue::String(utf16(&subject)?),
                        ))),
                        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(
                            PropertyValue::Time(FileTime(BASE_TIME)),
                        ))),
                        RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(0x8007_000E))),
                        RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(
                            PropertyValue::Integer32(15),
                        ))),
                    ],
                ),
            ),
        )),
        RopResponse::BufferTooSmall(BufferTooSmallResponse {
            size_needed: u16::try_from(needed)
                .map_err(|_| EncodeError::invalid("SizeNeeded does not fit 16 bits"))?,
            request_buffers: Cow::Owned(unprocessed),
        }),
    ];
    let resp = execute_response(
        response,
        &[H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_NEW],
        XOR,
    )?;
    Ok((req, resp))
}

/// Execute 3: the client sends the unprocessed RopOpenStream and RopReadStream again.
pub(super) fn execute_read_stream() -> R<(Vec<u8>, Vec<u8>)> {
    let req = execute_request(
        vec![open_stream_request(), read_stream_request()],
        &[H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_NEW],
        PLAIN,
        0x0001_0008,
    )?;
    let resp = execute_response(
        stream_responses(),
        &[H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM],
        BOTH,
    )?;
    Ok((req, resp))
}

/// RopRelease ([MS-OXCROPS] 2.2.15.3) of the object at handle index `index`.
fn release(index: u8) -> RopRequest<'static> {
    RopRequest::Release(ReleaseRequest {
        logon_id: 0,
        input_handle_index: index,
    })
}

/// Execute 6: RopRelease (2.2.15.3) of the download context, the stream, the message, the
/// table and the folder. The server sends no response ROPs, only the handle table.
pub(super) fn execute_release() -> R<(Vec<u8>, Vec<u8>)> {
    let handles = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM, H_DOWNLOAD];
    let releases = (1..=5).rev().map(release).collect();
    let req = execute_request(releases, &handles, PLAIN, 0x0001_0008)?;
    let resp = execute_response(Vec::new(), &handles, PLAIN)?;
    Ok((req, resp))
}

pub(super) fn connect() -> R<(Vec<u8>, Vec<u8>)> {
    let req = ConnectRequest {
        user_dn: AnsiStr::from_wire(USER_DN.as_bytes())?,
        flags: 0,
        default_code_page: 1252,
        lcid_sort: 0x0409,
        lcid_string: 0x0409,
        auxiliary_buffer: AuxiliaryBuffer(None),
    };
    let resp = ConnectResponse::success(ConnectSuccess {
        error_code: ErrorCode(0),
        polls_max: 60_000,
        retry_count: 6,
        retry_delay: 10_000,
        dn_prefix: AnsiStr::from_wire(DN_PREFIX.as_bytes())?,
        display_name: utf16("Jane Doe")?,
        auxiliary_buffer: AuxiliaryBuffer(None),
    });
    bodies(req, resp)
}
