//! The bundled sample session (`inspect/samples/sample.http`, `sample.har`, `sample.saz` and
//! `sample.pcapng`), written by
//! this crate's encoders from a scripted scenario: a client opens the mailbox, lists the Inbox,
//! reads one message and its body, downloads the message as a FastTransfer stream in two
//! buffers cut inside its subject, waits for notifications and disconnects, then looks up the
//! address book.
//!
//! Every value is built as the spec lays it out (the section is beside each step). HTTP framing
//! follows [MS-OXCMAPIHTTP] 2.2.2: requests carry Content-Length, responses are chunked, one
//! chunk per meta-tag (PROCESSING, PENDING keep-alives, then DONE with the additional headers
//! and the body), as Exchange sends them.

mod capture_files;
mod emsmdb;
mod fast_transfer;
mod http;
mod nspi;

use mapi_codec::data::{FolderId, GlobalCounter, MessageId, PropTag};
use mapi_codec::http::emsmdb::{
    DisconnectRequest, DisconnectResponse, DisconnectSuccess, EventPending,
    NotificationWaitRequest, NotificationWaitResponse, NotificationWaitSuccess,
};
use mapi_codec::nspi::{AuxiliaryBuffer, ErrorCode};
#[cfg(test)]
use mapi_codec::rop::{RopRequest, RopResponse};
use mapi_codec::wire::{Encode, EncodeError, Guid, Utf16Str};

use emsmdb::{
    connect, execute_open_inbox, execute_open_message, execute_read_stream, execute_release,
};
#[cfg(test)]
use emsmdb::{execute_request, execute_response, PLAIN};
use fast_transfer::{execute_download_first, execute_download_rest};
#[cfg(test)]
pub(crate) use fast_transfer::{message_stream, FIRST_BUFFER};
use http::{har, raw, Exchange};
use nspi::{bind, get_special_table, query_rows, resolve_names};

/// The two forms of the sample session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFiles {
    /// Raw HTTP/1.1 messages, request and response alternating (`sample.http`).
    pub http: Vec<u8>,
    /// The same exchanges as a HAR 1.2 log (`sample.har`).
    pub har: String,
    /// The same exchanges as a Fiddler session archive (`sample.saz`), after the CONNECT of
    /// the HTTPS tunnel.
    pub saz: Vec<u8>,
    /// The same exchanges as a packet capture (`sample.pcapng`) of cleartext HTTP, its TCP
    /// segments cut, repeated and reordered as a real capture may hold them.
    pub pcapng: Vec<u8>,
}

/// Why the sample could not be built.
#[derive(Debug)]
pub enum SampleError {
    /// An encoder refused a value.
    Encode(EncodeError),
    /// The HAR could not be written.
    Json(serde_json::Error),
    /// The Fiddler archive or the packet capture could not be written.
    Capture(String),
}

impl std::fmt::Display for SampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SampleError::Encode(e) => write!(f, "encoding the sample failed: {e}"),
            SampleError::Json(e) => write!(f, "writing the HAR failed: {e}"),
            SampleError::Capture(e) => write!(f, "writing a capture file failed: {e}"),
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

/// The bytes of a call's request body and response body.
fn bodies(request: impl Encode, response: impl Encode) -> R<(Vec<u8>, Vec<u8>)> {
    Ok((request.to_bytes()?, response.to_bytes()?))
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
    let wait = bodies(
        NotificationWaitRequest {
            flags: 0,
            auxiliary_buffer: AuxiliaryBuffer(None),
        },
        NotificationWaitResponse::success(NotificationWaitSuccess {
            error_code: ErrorCode(0),
            event_pending: EventPending(0),
            auxiliary_buffer: AuxiliaryBuffer(None),
        }),
    )?;
    add("NotificationWait", MAILBOX, e, false, 3, wait);
    let disconnect = bodies(
        DisconnectRequest {
            auxiliary_buffer: AuxiliaryBuffer(None),
        },
        DisconnectResponse::success(DisconnectSuccess {
            error_code: ErrorCode(0),
            auxiliary_buffer: AuxiliaryBuffer(None),
        }),
    )?;
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
        saz: capture_files::saz(&ex)?,
        pcapng: capture_files::pcapng(&ex)?,
    })
}
