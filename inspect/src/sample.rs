//! The bundled sample session (`inspect/samples/sample.http` and `sample.har`), written by
//! this crate's encoders from a scripted scenario: a client opens the mailbox, lists the Inbox,
//! reads one message and its body, downloads the message as a FastTransfer stream in two
//! buffers cut inside its subject, waits for notifications and disconnects, then looks up the
//! address book.
//!
//! Every value is built as the spec lays it out (the section is beside each step). HTTP framing
//! follows [MS-OXCMAPIHTTP] 2.2.2: requests carry Content-Length, responses are chunked, one
//! chunk per meta-tag (PROCESSING, PENDING keep-alives, then DONE with the additional headers
//! and the body), as Exchange sends them.

use mapi_codec::http::body::RopBuffer;
use mapi_codec::http::emsmdb::EventPending;
use mapi_codec::wire::List32;
use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FolderId, GlobalCounter, MessageId, PropTag, PropertyName,
    PropertyNameKind, PropertyRow, PropertyValue, RecipientProperties, RecipientRow,
    RecipientString, RowValue, TypedString, X500Fields, RECIPIENT_FLAG_D, RECIPIENT_FLAG_I,
    RECIPIENT_FLAG_T, RECIPIENT_FLAG_U, RECIPIENT_TYPE_X500DN,
};
use mapi_codec::fxics::stream::{Fixed, FtName, FtStream, Marker, NamedInfo};
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, ConnectSuccess, DisconnectRequest, DisconnectResponse,
    DisconnectSuccess, ExecuteFlags, ExecuteRequest, ExecuteResponse, ExecuteSuccess,
    NotificationWaitRequest, NotificationWaitResponse, NotificationWaitSuccess,
};
use mapi_codec::http::headers::HeaderLine;
use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag};
use mapi_codec::nspi::{
    AbRowValue, AddressBookPropertyRow, AddressBookPropertyValue, AddressBookPropertyValueList,
    AddressBookTaggedPropertyValue, AuxiliaryBuffer, BindRequest, BindResponse, CodePage,
    ColumnsAndRows, ErrorCode, GetSpecialTableRequest, GetSpecialTableResponse, Has,
    MinimalEntryId, PropertyValueLists, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, ResponseBody, Stat,
};
use mapi_codec::rop::fast_transfer::{
    FastTransferSourceCopyToRequest, FastTransferSourceCopyToResponse,
    FastTransferSourceGetBufferRequest, FastTransferSourceGetBufferResponse, GetBufferSuccess,
    TransferStatus, GET_BUFFER_SIZE_SENTINEL,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome};
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
use mapi_codec::wire::{AnsiStr, Encode, EncodeError, FileTime, Guid, Utf16Str};

use crate::http::{put_chunk, put_last_chunk};

/// The two forms of the sample session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFiles {
    /// Raw HTTP/1.1 messages, request and response alternating (`sample.http`).
    pub http: Vec<u8>,
    /// The same exchanges as a HAR 1.2 log (`sample.har`).
    pub har: String,
}

/// Why the sample could not be built.
#[derive(Debug)]
pub enum SampleError {
    /// An encoder refused a value.
    Encode(EncodeError),
    /// The HAR could not be written.
    Json(serde_json::Error),
}

impl std::fmt::Display for SampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SampleError::Encode(e) => write!(f, "encoding the sample failed: {e}"),
            SampleError::Json(e) => write!(f, "writing the HAR failed: {e}"),
        }
    }
}

impl std::error::Error for SampleError {}

impl From<EncodeError> for SampleError {
    fn from(e: EncodeError) -> Self {
        SampleError::Encode(e)
    }
}

type R<T> = Result<T, SampleError>;

const HOST: &str = "mail.contoso.com";
const MAILBOX: &str = "/mapi/emsmdb/?MailboxId=9f1d4c2a-6b1e-4f0e-8a1e-3c5d7e9f0a1b@contoso.com";
const NSPI: &str = "/mapi/nspi/?MailboxId=9f1d4c2a-6b1e-4f0e-8a1e-3c5d7e9f0a1b@contoso.com";
const CLIENT_INFO: &str = "{2EF33A3D-3E38-4A48-ABA1-DE6B06D4A9C8}";
const REQUEST_ID: &str = "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}";
const EMSMDB_CONTEXT: &str = "4B2C1E0F-7A3D-4E6B-9C8D-0123456789AB";
const NSPI_CONTEXT: &str = "5C3D2F10-8B4E-4F7C-AD9E-123456789ABC";
const USER_DN: &str = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=9f1d4c2a6b1e4f0e8a1e3c5d7e9f0a1b-Jane Doe";
const DN_PREFIX: &str = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)";

/// PSETID_Common ([MS-OXPROPS] 1.3.2), the property set of PidLidReminderDelta.
const PSETID_COMMON: Guid = Guid::from_fields(0x0006_2008, 0, 0, [0xC0, 0, 0, 0, 0, 0, 0, 0x46]);
/// PS_PUBLIC_STRINGS ([MS-OXPROPS] 1.3.2), the property set of the Keywords name.
const PS_PUBLIC_STRINGS: Guid =
    Guid::from_fields(0x0002_0329, 0, 0, [0xC0, 0, 0, 0, 0, 0, 0, 0x46]);
const MAILBOX_GUID: Guid = Guid::from_fields(
    0x9F1D_4C2A,
    0x6B1E,
    0x4F0E,
    [0x8A, 0x1E, 0x3C, 0x5D, 0x7E, 0x9F, 0x0A, 0x1B],
);
const REPL_GUID: Guid = Guid::from_fields(
    0x3A7B_9C11,
    0x52D4,
    0x4E8F,
    [0x91, 0x0A, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07],
);

/// Server object handles the server hands out ([MS-OXCROPS] 2.2.1: opaque 4-byte values).
const H_LOGON: u32 = 0x0000_0E31;
const H_FOLDER: u32 = 0x0000_0E32;
const H_TABLE: u32 = 0x0000_0E33;
const H_MESSAGE: u32 = 0x0000_0E34;
const H_STREAM: u32 = 0x0000_0E35;
const H_DOWNLOAD: u32 = 0x0000_0E36;
/// The placeholder a client puts in the slot of an object it is creating.
const H_NEW: u32 = 0xFFFF_FFFF;

/// PidLidReminderDelta's id once RopGetPropertyIdsFromNames maps it, and the Keywords name's.
const ID_REMINDER_DELTA: u16 = 0x8005;
const ID_KEYWORDS: u16 = 0x8006;
const TAG_REMINDER_DELTA: PropTag = PropTag(((ID_REMINDER_DELTA as u32) << 16) | 0x0003);
const TAG_BODY: PropTag = PropTag(0x1000_001F);
const TAG_SMTP: PropTag = PropTag(0x39FE_001F);
const TAG_EMAIL: PropTag = PropTag(0x3003_001F);
const TAG_DISPLAY_TYPE: PropTag = PropTag(0x3900_0003);
const TAG_TITLE: PropTag = PropTag(0x3A17_001F);

/// 2026-11-20T08:00:00Z as a FILETIME (100 ns ticks since 1601).
const BASE_TIME: u64 = (1_795_161_600 + 11_644_473_600) * 10_000_000;

/// The Inbox: ReplicaId 1 (the logon's ReplId), GlobalCounter 0x2E3A ([MS-OXCDATA] 2.2.1.1).
fn inbox() -> FolderId {
    FolderId {
        replica_id: 1,
        global_counter: GlobalCounter([0, 0, 0, 0, 0x2E, 0x3A]),
    }
}

/// The GlobalCounter of message `i` (6 bytes, big-endian).
fn message_counter(i: u64) -> GlobalCounter {
    let b = (0x6100 + i).to_be_bytes();
    GlobalCounter([b[2], b[3], b[4], b[5], b[6], b[7]])
}

fn message_id(i: u64) -> MessageId {
    MessageId {
        replica_id: 1,
        global_counter: message_counter(i),
    }
}

fn utf16(s: &str) -> R<Utf16Str<'static>> {
    Ok(Utf16Str::from_text(s)?)
}

const SUBJECTS: [&str; 10] = [
    "Quarterly report draft",
    "Lunch on Friday?",
    "Re: Build failures on main",
    "Invoice 2026-1147",
    "Team offsite agenda",
    "Fw: Customer feedback",
    "Password expiry notice",
    "Design review notes",
    "Re: Holiday schedule",
    "Welcome to the project",
];

const SENDERS: [&str; 5] = ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Okafor", "Eli Novak"];

/// A message EntryID ([MS-OXCDATA] 2.2.4.3): Flags, ProviderUID (the mailbox GUID),
/// MessageType 0x0007 (eitLTPrivateMessage), FolderDatabaseGuid, FolderGlobalCounter, Pad,
/// MessageDatabaseGuid, MessageGlobalCounter, Pad: 70 bytes.
fn message_entry_id(i: u64) -> Vec<u8> {
    let mut v = vec![0u8; 4];
    v.extend_from_slice(&MAILBOX_GUID.0);
    v.extend_from_slice(&0x0007u16.to_le_bytes());
    v.extend_from_slice(&REPL_GUID.0);
    v.extend_from_slice(&inbox().global_counter.0);
    v.extend_from_slice(&[0, 0]);
    v.extend_from_slice(&REPL_GUID.0);
    v.extend_from_slice(&message_counter(i).0);
    v.extend_from_slice(&[0, 0]);
    v
}

/// The message body read through RopReadStream (PidTagBody, UTF-16LE without terminator).
fn body_text() -> String {
    let mut s =
        String::from("Hi Jane,\r\n\r\nHere is the first draft of the quarterly report.\r\n");
    for i in 1..=12 {
        s.push_str(&format!(
            "{i}. Revenue for region {i} grew compared with the previous quarter; see table {i}.\r\n"
        ));
    }
    s.push_str("\r\nRegards,\r\nAnn\r\n");
    s
}

fn body_bytes() -> Vec<u8> {
    body_text()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// HTTP framing
// ---------------------------------------------------------------------------------------------

/// One call: the request and the pieces of the chunked response stream.
struct Exchange {
    request_type: &'static str,
    target: &'static str,
    counter: u32,
    /// MapiContext to send (none on Connect and Bind).
    context: Option<&'static str>,
    /// MapiContext the server sets (Connect and Bind).
    set_context: Option<&'static str>,
    body: Vec<u8>,
    pendings: usize,
    response: Vec<u8>,
}

impl Exchange {
    fn request_headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("Host".to_string(), HOST.to_string()),
            (
                "Content-Type".to_string(),
                "application/mapi-http".to_string(),
            ),
            (
                "User-Agent".to_string(),
                "Microsoft Office/16.0".to_string(),
            ),
            ("X-RequestType".to_string(), self.request_type.to_string()),
            (
                "X-ClientInfo".to_string(),
                format!("{CLIENT_INFO}:{}", self.counter),
            ),
            (
                "X-RequestId".to_string(),
                format!("{REQUEST_ID}:{}", self.counter),
            ),
            (
                "X-ClientApplication".to_string(),
                "Outlook/16.0.17928.20114".to_string(),
            ),
        ];
        if let Some(c) = self.context {
            h.push((
                "Cookie".to_string(),
                format!("MapiContext={c}; MapiSequence={}", self.counter),
            ));
        }
        h.push(("Content-Length".to_string(), self.body.len().to_string()));
        h
    }

    fn response_headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("Cache-Control".to_string(), "private".to_string()),
            ("Transfer-Encoding".to_string(), "chunked".to_string()),
            (
                "Content-Type".to_string(),
                "application/mapi-http".to_string(),
            ),
            ("X-RequestType".to_string(), self.request_type.to_string()),
            ("X-ResponseCode".to_string(), "0".to_string()),
            (
                "X-RequestId".to_string(),
                format!("{REQUEST_ID}:{}", self.counter),
            ),
            (
                "X-ServerApplication".to_string(),
                "Exchange/15.02.1544.004".to_string(),
            ),
            ("X-PendingPeriod".to_string(), "15000".to_string()),
            ("X-ExpirationInfo".to_string(), "900000".to_string()),
        ];
        if let Some(c) = self.set_context {
            h.push((
                "Set-Cookie".to_string(),
                format!("MapiContext={c}; path=/mapi/; secure; HttpOnly"),
            ));
        }
        h.push((
            "Set-Cookie".to_string(),
            format!(
                "MapiSequence={}; path=/mapi/; secure; HttpOnly",
                self.counter + 1
            ),
        ));
        h
    }

    /// The response stream, one piece a chunk: PROCESSING, the PENDINGs, DONE and the body.
    fn stream_pieces(&self) -> R<Vec<Vec<u8>>> {
        let mut pieces = Vec::new();
        let mut p = Vec::new();
        put_meta_tag(&mut p, MetaTag::Processing)?;
        pieces.push(p);
        for _ in 0..self.pendings {
            let mut p = Vec::new();
            put_meta_tag(&mut p, MetaTag::Pending)?;
            pieces.push(p);
        }
        let extra = [
            HeaderLine::new("X-ElapsedTime", &(3 + 15_000 * self.pendings).to_string())?,
            HeaderLine::new("X-StartTime", "Fri, 20 Nov 2026 08:00:00 GMT")?,
        ];
        let mut p = Vec::new();
        put_done(&mut p, &extra, &self.response)?;
        pieces.push(p);
        Ok(pieces)
    }
}

fn put_head(out: &mut Vec<u8>, start: &str, headers: &[(String, String)]) {
    out.extend_from_slice(start.as_bytes());
    out.extend_from_slice(b"\r\n");
    for (n, v) in headers {
        out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

fn raw(exchanges: &[Exchange]) -> R<Vec<u8>> {
    let mut out = Vec::new();
    for e in exchanges {
        put_head(
            &mut out,
            &format!("POST {} HTTP/1.1", e.target),
            &e.request_headers(),
        );
        out.extend_from_slice(&e.body);
        put_head(&mut out, "HTTP/1.1 200 OK", &e.response_headers());
        for piece in e.stream_pieces()? {
            put_chunk(&mut out, &piece)?;
        }
        put_last_chunk(&mut out)?;
    }
    Ok(out)
}

fn har_headers(h: &[(String, String)]) -> serde_json::Value {
    serde_json::Value::Array(
        h.iter()
            .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
            .collect(),
    )
}

fn har(exchanges: &[Exchange]) -> R<String> {
    let mut entries = Vec::new();
    for (i, e) in exchanges.iter().enumerate() {
        let stream: Vec<u8> = e.stream_pieces()?.concat();
        entries.push(serde_json::json!({
            "startedDateTime": format!("2026-11-20T08:00:{:02}.000Z", i),
            "time": 3 + 15_000 * e.pendings,
            "request": {
                "method": "POST",
                "url": format!("https://{HOST}{}", e.target),
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": har_headers(&e.request_headers()),
                "queryString": [],
                "postData": {
                    "mimeType": "application/mapi-http",
                    "text": BASE64.encode(&e.body),
                    "encoding": "base64",
                },
                "headersSize": -1,
                "bodySize": e.body.len(),
            },
            "response": {
                "status": 200,
                "statusText": "OK",
                "httpVersion": "HTTP/1.1",
                "cookies": [],
                "headers": har_headers(&e.response_headers()),
                "content": {
                    "size": stream.len(),
                    "mimeType": "application/mapi-http",
                    "text": BASE64.encode(&stream),
                    "encoding": "base64",
                },
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": -1,
            },
            "cache": {},
            "timings": { "send": 0, "wait": 3 + 15_000 * e.pendings, "receive": 0 },
        }));
    }
    let log = serde_json::json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "mapi-inspect sample", "version": env!("CARGO_PKG_VERSION") },
            "entries": entries,
        }
    });
    let mut s = serde_json::to_string_pretty(&log).map_err(SampleError::Json)?;
    s.push('\n');
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// EMSMDB bodies
// ---------------------------------------------------------------------------------------------

fn chain(payload: &[u8], opts: BuildOptions) -> R<Option<ExtendedBufferChain<'static>>> {
    Ok(Some(ExtendedBufferChain::pack(
        &[payload],
        opts,
        MAX_REQUEST_PAYLOAD,
    )?))
}

/// An Execute request body ([MS-OXCMAPIHTTP] 2.2.4.2.1) carrying one ROP input buffer.
fn execute_request(
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
fn execute_response(
    rops: Vec<RopResponse<'static>>,
    handles: &[u32],
    opts: BuildOptions,
) -> R<Vec<u8>> {
    let buf = RopResponseBuffer {
        rops,
        request_indexes: Vec::new(),
        raw: None,
        handles: HandleTable::from_handles(handles),
    }
    .to_bytes()?;
    Ok(ExecuteResponse::success(ExecuteSuccess {
        error_code: ErrorCode(0),
        flags: 0,
        rop_buffer: RopBuffer(chain(&buf, opts)?),
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
    .to_bytes()?)
}

const PLAIN: BuildOptions = BuildOptions {
    compress: false,
    xor_magic: false,
};
const COMPRESS: BuildOptions = BuildOptions {
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
    Ok(PropertyRow { flagged, values })
}

/// Execute 1: RopLogon (private mailbox, [MS-OXCROPS] 2.2.3.1), RopGetPropertyIdsFromNames
/// (2.2.8.1), RopOpenFolder on the Inbox (2.2.4.1), RopGetContentsTable (2.2.4.14),
/// RopSetColumns (2.2.5.1), RopQueryRows for 50 rows (2.2.5.4).
fn execute_open_inbox() -> R<(Vec<u8>, Vec<u8>)> {
    let mut essdn = USER_DN.as_bytes().to_vec();
    essdn.push(0);
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
            essdn: Bytes16(Cow::Owned(essdn)),
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
            forward_read: true,
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
        RopResponse::Logon(Box::new(LogonResponse {
            handle_index: 0,
            return_value: 0,
            body: Outcome::Success(LogonSuccess::Private(LogonPrivateSuccess {
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
            })),
        })),
        RopResponse::GetPropertyIdsFromNames(GetPropertyIdsFromNamesResponse {
            handle_index: 0,
            return_value: 0,
            body: Outcome::Success(GetPropertyIdsFromNamesSuccess {
                property_ids: List16(vec![ID_REMINDER_DELTA, ID_KEYWORDS]),
            }),
        }),
        RopResponse::OpenFolder(OpenFolderResponse {
            handle_index: 1,
            return_value: 0,
            body: Outcome::Success(FolderInfo {
                has_rules: false,
                ghost: FlaggedGroup(None),
            }),
        }),
        RopResponse::GetContentsTable(GetContentsTableResponse {
            handle_index: 2,
            return_value: 0,
            body: Outcome::Success(TableRowCount { row_count: 50 }),
        }),
        RopResponse::SetColumns(SetColumnsResponse {
            handle_index: 2,
            return_value: 0,
            body: Outcome::Success(TableStatusSuccess { table_status: 0 }),
        }),
        RopResponse::QueryRows(RopQueryRowsResponse {
            handle_index: 2,
            return_value: 0,
            body: Outcome::Success(QueryRowsSuccess {
                origin: 0x02,
                rows: RowList {
                    rows,
                    columns: columns(),
                },
            }),
        }),
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
        RopResponse::OpenStream(OpenStreamResponse {
            handle_index: 4,
            return_value: 0,
            body: Outcome::Success(OpenStreamSuccess {
                stream_size: body.len() as u32,
            }),
        }),
        RopResponse::ReadStream(ReadStreamResponse {
            handle_index: 4,
            return_value: 0,
            body: Outcome::Success(ReadStreamData {
                data: Bytes16(Cow::Owned(body)),
            }),
        }),
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
            properties: RecipientProperties::Row(PropertyRow {
                flagged: false,
                values: vec![
                    RowValue::Value(PropertyValue::String(utf16("jane.doe@contoso.com")?)),
                    RowValue::Value(PropertyValue::Integer32(0)),
                ],
            }),
        },
    })
}

/// Execute 2: RopOpenMessage (2.2.6.1), RopGetPropertiesSpecific (2.2.8.3), RopOpenStream
/// (2.2.9.1) and RopReadStream (2.2.9.2) with a small MaxRopOut: the server answers the first
/// two and returns the last two in RopBufferTooSmall (2.2.15.1).
fn execute_open_message() -> R<(Vec<u8>, Vec<u8>)> {
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
        RopResponse::OpenMessage(Box::new(OpenMessageResponse {
            handle_index: 3,
            return_value: 0,
            body: Outcome::Success(OpenMessageSuccess {
                has_named_properties: true,
                subject_prefix: TypedString::Empty,
                normalized_subject: TypedString::Unicode(utf16(&subject)?),
                recipient_count: 1,
                recipient_columns: recipient_columns(),
                recipient_rows: vec![recipient_jane()?],
            }),
        })),
        RopResponse::GetPropertiesSpecific(GetPropertiesSpecificResponse {
            handle_index: 3,
            return_value: 0,
            body: Outcome::Success(GetPropertiesSpecificSuccess {
                // The body is too large for a property read: flag 0x0A with NotEnoughMemory
                // (0x8007000E) tells the client to open it as a stream ([MS-OXCPRPT] 3.2.5.1).
                row: PropertyRow {
                    flagged: true,
                    values: vec![
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
                },
                columns: tags,
            }),
        }),
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
fn execute_read_stream() -> R<(Vec<u8>, Vec<u8>)> {
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

/// UTF-16LE with the terminator, as a FastTransfer stream carries PtypString values.
fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// The FastTransfer stream of the message ([MS-OXCFXICS] 2.2.4.3.14 messageContent: the
/// propList, then the recipient): what RopFastTransferSourceCopyTo on the message downloads.
fn message_stream() -> R<Vec<u8>> {
    let subject = utf16z(&format!("{} ({})", SUBJECTS[0], SENDERS[0]));
    let name = utf16z("Jane Doe");
    let email = utf16z("jane.doe@contoso.com");
    let mut w = FtStream::new();
    w.fixed(PropTag::MESSAGE_DELIVERY_TIME, None, Fixed::U64(BASE_TIME));
    w.fixed(
        TAG_REMINDER_DELTA,
        Some(NamedInfo {
            guid: PSETID_COMMON,
            name: FtName::Id(0x8501),
        }),
        Fixed::U32(15),
    );
    w.var(PropTag::SUBJECT, None, &subject)?;
    w.marker(Marker::START_RECIP);
    w.fixed(PropTag(0x0C15_0003), None, Fixed::U32(1));
    w.var(PropTag::DISPLAY_NAME, None, &name)?;
    w.var(TAG_EMAIL, None, &email)?;
    w.marker(Marker::END_TO_RECIP);
    Ok(w.to_bytes()?)
}

/// Where the first TransferBuffer ends: inside PidTagSubject's value (after the delivery time
/// (12 bytes), the named PidLidReminderDelta (29), the subject's tag and length (8) and 10
/// bytes of its text).
const FIRST_BUFFER: usize = 12 + 29 + 8 + 10;

/// RopFastTransferSourceGetBuffer on the download context: at most `size` bytes, or what the
/// server chooses up to `max` (BufferSize 0xBABE).
fn get_buffer_request(size: Option<u16>, max: u16) -> RopRequest<'static> {
    RopRequest::FastTransferSourceGetBuffer(FastTransferSourceGetBufferRequest {
        logon_id: 0,
        input_handle_index: 5,
        buffer_size: size.unwrap_or(GET_BUFFER_SIZE_SENTINEL),
        maximum_buffer_size: size.is_none().then_some(max),
    })
}

fn get_buffer_response(status: TransferStatus, piece: &[u8]) -> RopResponse<'static> {
    RopResponse::FastTransferSourceGetBuffer(FastTransferSourceGetBufferResponse {
        handle_index: 5,
        return_value: 0,
        body: Outcome::Success(GetBufferSuccess {
            transfer_status: status,
            in_progress_count: if status == TransferStatus::DONE { 2 } else { 1 },
            total_step_count: 2,
            reserved: 0,
            transfer_buffer: Bytes16(Cow::Owned(piece.to_vec())),
        }),
    })
}

/// Execute 4: RopFastTransferSourceCopyTo ([MS-OXCROPS] 2.2.12.7) on the message creates a
/// download context; RopFastTransferSourceGetBuffer (2.2.12.4) returns the first part of its
/// stream, cut inside the subject (TransferStatus Partial).
fn execute_download_first() -> R<(Vec<u8>, Vec<u8>)> {
    let request = vec![
        RopRequest::FastTransferSourceCopyTo(Box::new(FastTransferSourceCopyToRequest {
            logon_id: 0,
            input_handle_index: 3,
            output_handle_index: 5,
            level: 0,
            copy_flags: 0,
            // Unicode.
            send_options: 0x01,
            property_tags: List16(Vec::new()),
        })),
        get_buffer_request(Some(FIRST_BUFFER as u16), 0),
    ];
    let before = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM];
    let req = execute_request(
        request,
        &[&before[..], &[H_NEW]].concat(),
        PLAIN,
        0x0001_0008,
    )?;
    let stream = message_stream()?;
    let response = vec![
        RopResponse::FastTransferSourceCopyTo(FastTransferSourceCopyToResponse {
            handle_index: 5,
            return_value: 0,
            body: Outcome::Success(NoFields),
        }),
        get_buffer_response(TransferStatus::PARTIAL, &stream[..FIRST_BUFFER]),
    ];
    let resp = execute_response(response, &[&before[..], &[H_DOWNLOAD]].concat(), COMPRESS)?;
    Ok((req, resp))
}

/// Execute 5: RopFastTransferSourceGetBuffer again: the rest of the stream (TransferStatus
/// Done), starting inside the subject.
fn execute_download_rest() -> R<(Vec<u8>, Vec<u8>)> {
    let handles = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM, H_DOWNLOAD];
    let req = execute_request(
        vec![get_buffer_request(None, 0x1000)],
        &handles,
        PLAIN,
        0x0001_0008,
    )?;
    let stream = message_stream()?;
    let response = vec![get_buffer_response(
        TransferStatus::DONE,
        &stream[FIRST_BUFFER..],
    )];
    let resp = execute_response(response, &handles, PLAIN)?;
    Ok((req, resp))
}

/// Execute 6: RopRelease (2.2.15.3) of the download context, the stream, the message, the
/// table and the folder. The server sends no response ROPs, only the handle table.
fn execute_release() -> R<(Vec<u8>, Vec<u8>)> {
    let handles = [H_LOGON, H_FOLDER, H_TABLE, H_MESSAGE, H_STREAM, H_DOWNLOAD];
    let releases = (1..=5)
        .rev()
        .map(|i| {
            RopRequest::Release(ReleaseRequest {
                logon_id: 0,
                input_handle_index: i,
            })
        })
        .collect();
    let req = execute_request(releases, &handles, PLAIN, 0x0001_0008)?;
    let resp = execute_response(Vec::new(), &handles, PLAIN)?;
    Ok((req, resp))
}

fn connect() -> R<(Vec<u8>, Vec<u8>)> {
    let req = ConnectRequest {
        user_dn: AnsiStr::from_wire(USER_DN.as_bytes())?,
        flags: 0,
        default_code_page: 1252,
        lcid_sort: 0x0409,
        lcid_string: 0x0409,
        auxiliary_buffer: AuxiliaryBuffer(None),
    }
    .to_bytes()?;
    let resp = ConnectResponse::success(ConnectSuccess {
        error_code: ErrorCode(0),
        polls_max: 60_000,
        retry_count: 6,
        retry_delay: 10_000,
        dn_prefix: AnsiStr::from_wire(DN_PREFIX.as_bytes())?,
        display_name: utf16("Jane Doe")?,
        auxiliary_buffer: AuxiliaryBuffer(None),
    })
    .to_bytes()?;
    Ok((req, resp))
}

// ---------------------------------------------------------------------------------------------
// NSPI bodies
// ---------------------------------------------------------------------------------------------

fn stat(current_rec: u32, num_pos: u32, total_recs: u32) -> Stat {
    Stat {
        current_rec: MinimalEntryId(current_rec),
        num_pos,
        total_recs,
        ..Stat::at_start(1252, 0x0409)
    }
}

fn ab(v: PropertyValue<'static>) -> AddressBookPropertyValue<'static> {
    AddressBookPropertyValue::new(v)
}

fn no_aux() -> AuxiliaryBuffer<'static> {
    AuxiliaryBuffer(None)
}

/// Bind ([MS-OXCMAPIHTTP] 2.2.5.1).
fn bind() -> R<(Vec<u8>, Vec<u8>)> {
    let req = BindRequest {
        flags: 0,
        state: Has::some(stat(0, 0, 0)),
        auxiliary_buffer: no_aux(),
    }
    .to_bytes()?;
    let resp = ResponseBody::success(BindResponse {
        error_code: ErrorCode(0),
        server_guid: Guid::from_fields(
            0x1C2D_3E4F,
            0x5A6B,
            0x4C7D,
            [0x8E, 0x9F, 0xA0, 0xB1, 0xC2, 0xD3, 0xE4, 0xF5],
        ),
        auxiliary_buffer: no_aux(),
    })
    .to_bytes()?;
    Ok((req, resp))
}

/// GetSpecialTable ([MS-OXCMAPIHTTP] 2.2.5.8): the address book hierarchy table, Unicode
/// strings (flag NspiUnicodeStrings 0x04).
fn get_special_table() -> R<(Vec<u8>, Vec<u8>)> {
    let req = GetSpecialTableRequest {
        flags: 0x04,
        state: Has::some(stat(0, 0, 0)),
        version: Has::none(),
        auxiliary_buffer: no_aux(),
    }
    .to_bytes()?;
    let containers = [
        ("Global Address List", 0u32, 0i32),
        ("All Users", 0x0000_1A01, 1),
        ("All Rooms", 0x0000_1A02, 1),
        ("All Contacts", 0x0000_1A03, 1),
    ];
    let mut rows = Vec::new();
    for (name, id, depth) in containers {
        let tagged = |tag: u32, v: PropertyValue<'static>| AddressBookTaggedPropertyValue {
            tag: PropTag(tag),
            value: ab(v),
        };
        rows.push(AddressBookPropertyValueList {
            values: vec![
                tagged(0x3001_001F, PropertyValue::String(utf16(name)?)),
                tagged(0xFFFD_0003, PropertyValue::Integer32(id as i32)),
                tagged(0x3005_0003, PropertyValue::Integer32(depth)),
                tagged(0x3600_0003, PropertyValue::Integer32(0x0000_0009)),
                tagged(0xFFFB_000B, PropertyValue::Boolean(id == 0)),
            ],
        });
    }
    let resp = ResponseBody::success(GetSpecialTableResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(1252),
        version: Has::some(1),
        rows: Has::some(PropertyValueLists(rows)),
        auxiliary_buffer: no_aux(),
    })
    .to_bytes()?;
    Ok((req, resp))
}

fn person_row(name: &str, title: &str, cols: usize) -> R<AddressBookPropertyRow<'static>> {
    let alias: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let mut values = vec![
        AbRowValue::Value(ab(PropertyValue::String(utf16(name)?))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(&format!(
            "{alias}@contoso.com"
        ))?))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(&format!(
            "{DN_PREFIX}/cn=Recipients/cn={alias}"
        ))?))),
        AbRowValue::Value(ab(PropertyValue::Integer32(0))),
        AbRowValue::Value(ab(PropertyValue::String(utf16(title)?))),
    ];
    values.truncate(cols);
    Ok(AddressBookPropertyRow {
        flagged: false,
        values,
    })
}

const PEOPLE: [(&str, &str); 5] = [
    ("Ann Lee", "Finance Manager"),
    ("Bo Chen", "Software Engineer"),
    ("Cy Diaz", "Designer"),
    ("Dee Okafor", "Sales Lead"),
    ("Eli Novak", "Support Engineer"),
];

/// QueryRows ([MS-OXCMAPIHTTP] 2.2.5.12): the first five rows of the Global Address List.
fn query_rows() -> R<(Vec<u8>, Vec<u8>)> {
    let cols = vec![
        PropTag::DISPLAY_NAME,
        TAG_SMTP,
        TAG_EMAIL,
        TAG_DISPLAY_TYPE,
        TAG_TITLE,
    ];
    let req = QueryRowsRequest {
        flags: 0,
        state: Has::some(stat(0, 0, 0)),
        explicit_table: List32(Vec::new()),
        row_count: 5,
        columns: Has::some(List32(cols.clone())),
        auxiliary_buffer: no_aux(),
    }
    .to_bytes()?;
    let rows = PEOPLE
        .iter()
        .map(|(n, t)| person_row(n, t, 5))
        .collect::<R<Vec<_>>>()?;
    let resp = ResponseBody::success(QueryRowsResponse {
        error_code: ErrorCode(0),
        state: Has::some(stat(0x0000_1A15, 5, 42)),
        cols_and_rows: Has::some(ColumnsAndRows {
            columns: List32(cols),
            rows,
        }),
        auxiliary_buffer: no_aux(),
    })
    .to_bytes()?;
    Ok((req, resp))
}

/// MID_RESOLVED ([MS-OXNSPI] 2.2.1.8): the result of ANR on a name that maps to one object.
const MID_RESOLVED: MinimalEntryId = MinimalEntryId(0x0000_0002);

/// ResolveNames ([MS-OXCMAPIHTTP] 2.2.5.14): two names, each resolved to one entry.
fn resolve_names() -> R<(Vec<u8>, Vec<u8>)> {
    let cols = vec![PropTag::DISPLAY_NAME, TAG_SMTP, TAG_EMAIL];
    let req = ResolveNamesRequest {
        reserved: 0,
        state: Has::some(stat(0, 0, 0)),
        property_tags: Has::some(List32(cols.clone())),
        names: Has::some(List32(vec![utf16("ann")?, utf16("bo chen")?])),
        auxiliary_buffer: no_aux(),
    }
    .to_bytes()?;
    let rows = PEOPLE[..2]
        .iter()
        .map(|(n, t)| person_row(n, t, 3))
        .collect::<R<Vec<_>>>()?;
    let resp = ResponseBody::success(ResolveNamesResponse {
        error_code: ErrorCode(0),
        code_page: CodePage(1252),
        // Each name maps to exactly one object: MID_RESOLVED ([MS-OXNSPI] 3.1.4.7, 2.2.1.8).
        minimal_ids: Has::some(List32(vec![MID_RESOLVED, MID_RESOLVED])),
        rows_and_cols: Has::some(ColumnsAndRows {
            columns: List32(cols),
            rows,
        }),
        auxiliary_buffer: no_aux(),
    })
    .to_bytes()?;
    Ok((req, resp))
}

// ---------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------

fn exchanges() -> R<Vec<Exchange>> {
    let mut v = Vec::new();
    let mut counter = 0;
    let mut add = |request_type: &'static str,
                   target: &'static str,
                   context: &'static str,
                   first: bool,
                   pendings: usize,
                   (body, response): (Vec<u8>, Vec<u8>)| {
        counter += 1;
        v.push(Exchange {
            request_type,
            target,
            counter,
            context: (!first).then_some(context),
            set_context: first.then_some(context),
            body,
            pendings,
            response,
        });
    };
    let e = EMSMDB_CONTEXT;
    add("Connect", MAILBOX, e, true, 0, connect()?);
    add("Execute", MAILBOX, e, false, 1, execute_open_inbox()?);
    add("Execute", MAILBOX, e, false, 0, execute_open_message()?);
    add("Execute", MAILBOX, e, false, 0, execute_read_stream()?);
    add("Execute", MAILBOX, e, false, 0, execute_download_first()?);
    add("Execute", MAILBOX, e, false, 0, execute_download_rest()?);
    add("Execute", MAILBOX, e, false, 0, execute_release()?);
    let wait = (
        NotificationWaitRequest {
            flags: 0,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }
        .to_bytes()?,
        NotificationWaitResponse::success(NotificationWaitSuccess {
            error_code: ErrorCode(0),
            event_pending: EventPending(0),
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
        .to_bytes()?,
    );
    add("NotificationWait", MAILBOX, e, false, 3, wait);
    let disconnect = (
        DisconnectRequest {
            auxiliary_buffer: AuxiliaryBuffer(None),
        }
        .to_bytes()?,
        DisconnectResponse::success(DisconnectSuccess {
            error_code: ErrorCode(0),
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
        .to_bytes()?,
    );
    add("Disconnect", MAILBOX, e, false, 0, disconnect);
    let n = NSPI_CONTEXT;
    add("Bind", NSPI, n, true, 0, bind()?);
    add("GetSpecialTable", NSPI, n, false, 0, get_special_table()?);
    add("QueryRows", NSPI, n, false, 1, query_rows()?);
    add("ResolveNames", NSPI, n, false, 0, resolve_names()?);
    Ok(v)
}

/// A capture of Execute calls of one MAPI session: each call's ROP requests and request handle
/// table, then its ROP responses and response handle table (for tests of the session layer).
#[cfg(test)]
pub(crate) type ExecuteCall = (
    Vec<RopRequest<'static>>,
    Vec<u32>,
    Vec<RopResponse<'static>>,
    Vec<u32>,
);

/// Raw HTTP messages of `calls`, in order.
#[cfg(test)]
pub(crate) fn execute_capture(calls: Vec<ExecuteCall>) -> Result<Vec<u8>, SampleError> {
    let mut v = Vec::new();
    for (counter, (q, qh, a, ah)) in (1..).zip(calls) {
        v.push(Exchange {
            request_type: "Execute",
            target: MAILBOX,
            counter,
            context: Some(EMSMDB_CONTEXT),
            set_context: None,
            body: execute_request(q, &qh, PLAIN, 0x0001_0008)?,
            pendings: 0,
            response: execute_response(a, &ah, PLAIN)?,
        });
    }
    raw(&v)
}

/// Builds both forms of the sample session.
pub fn build() -> Result<SampleFiles, SampleError> {
    let ex = exchanges()?;
    Ok(SampleFiles {
        http: raw(&ex)?,
        har: har(&ex)?,
    })
}
