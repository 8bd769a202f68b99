//! The MAPI/HTTP client: hyper's HTTP/1 client over a tokio TCP stream, the session cookies
//! of each endpoint, and the response stream read as it arrives with the codec's
//! [`ResponseStreamDecoder`].
//!
//! The connection is only a carrier: the Session Context lives in the server and is named by
//! the cookies ([MS-OXCMAPIHTTP] 3.1.5.1), so [`MapiClient::drop_connection`] followed by any
//! request opens a new TCP connection and carries on with the same session.

use mapi_codec::http::body::AuxiliaryBuffer;
use mapi_codec::http::body::RopBuffer;
use std::fmt;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::Request;
use hyper_util::rt::TokioIo;
use mapi_codec::data::{FolderId, PropTag, PropertyRow, PropertyValue, RowValue};
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, DisconnectRequest, DisconnectResponse, ExecuteFlags,
    ExecuteRequest, ExecuteResponse, NotificationWaitRequest, NotificationWaitResponse,
};
use mapi_codec::http::headers::{cookie_pairs, Endpoint};
use mapi_codec::http::stream::{ResponseStream, ResponseStreamDecoder, StreamEvent};
use mapi_codec::nspi::{
    BindRequest, BindResponse, Has, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, ResponseBody, Stat, UnbindRequest, UnbindResponse,
};
use mapi_codec::rop::field::{Outcome, PropTags};
use mapi_codec::rop::folder::{
    GetContentsTableRequest, GetHierarchyTableRequest, OpenFolderRequest,
};
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::store::{LogonRequest, LogonSuccess};
use mapi_codec::rop::table::{QueryRowsRequest as RopQueryRowsRequest, SetColumnsRequest};
use mapi_codec::rop::{
    HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer, Session,
};
use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use mapi_codec::wire::{
    AnsiStr, AnsiZ16, Decode, DecodeWith, Encode, FileTime, Limits, List32, Utf16Str,
};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

use crate::http::{CONTENT_TYPE, CONTEXT_COOKIE, SEQUENCE_COOKIE};
use crate::mailbox;

/// The handle a client puts in the slot of an object a ROP will create ([MS-OXCROPS] 2.2.1).
pub const NEW_HANDLE: u32 = 0xFFFF_FFFF;
/// The largest response body the client accepts.
pub const MAX_RESPONSE_BODY: usize = 1 << 20;

/// What went wrong on the client side.
#[derive(Debug)]
pub enum ClientError {
    /// The base URL is not `http://host:port`.
    Url(String),
    /// TCP or HTTP failed.
    Http(String),
    /// A response did not decode.
    Decode(mapi_codec::wire::DecodeError),
    /// A request could not be encoded.
    Encode(mapi_codec::wire::EncodeError),
    /// The server answered with a failure: X-ResponseCode, or a StatusCode / ErrorCode /
    /// ReturnValue that is not 0.
    Server(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Url(u) => write!(f, "not an http://host:port URL: {u}"),
            ClientError::Http(e) => write!(f, "HTTP: {e}"),
            ClientError::Decode(e) => write!(f, "decoding the response: {e}"),
            ClientError::Encode(e) => write!(f, "encoding the request: {e}"),
            ClientError::Server(e) => write!(f, "server: {e}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<mapi_codec::wire::DecodeError> for ClientError {
    fn from(e: mapi_codec::wire::DecodeError) -> Self {
        ClientError::Decode(e)
    }
}

impl From<mapi_codec::wire::EncodeError> for ClientError {
    fn from(e: mapi_codec::wire::EncodeError) -> Self {
        ClientError::Encode(e)
    }
}

type R<T> = Result<T, ClientError>;

/// The cookies of one Session Context ([MS-OXCMAPIHTTP] 3.1.5.1: kept per endpoint, sent
/// back whole on the next request).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cookies {
    /// MapiContext.
    pub context: Option<String>,
    /// MapiSequence.
    pub sequence: Option<String>,
}

/// One response: the HTTP head, the stream's events in the order they arrived, and the
/// decoded response stream ([MS-OXCMAPIHTTP] 2.2.2.2).
#[derive(Clone, Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The HTTP header lines (name in lower case, value).
    pub headers: Vec<(String, String)>,
    /// What the incremental decoder reported: meta-tags, additional headers, body start.
    pub events: Vec<StreamEvent>,
    /// The whole stream: meta-tags, additional headers, body.
    pub stream: ResponseStream<'static>,
}

impl Reply {
    /// The first value of an HTTP header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// X-ResponseCode ([MS-OXCMAPIHTTP] 2.2.3.3.3).
    pub fn response_code(&self) -> Option<u32> {
        self.header("x-responsecode")?.parse().ok()
    }

    /// The response body.
    pub fn body(&self) -> &[u8] {
        &self.stream.body
    }

    fn success(self) -> R<Reply> {
        match self.response_code() {
            Some(0) => Ok(self),
            c => Err(ClientError::Server(format!("X-ResponseCode {c:?}"))),
        }
    }
}

/// An Execute call's ROP input buffer and the server's reply, decoded later against it.
#[derive(Clone, Debug)]
pub struct ExecuteOutput {
    /// The ROP input buffer sent (the plain payload of the one extended buffer).
    pub request: Vec<u8>,
    /// The reply.
    pub reply: Reply,
}

/// A MAPI/HTTP client of one server.
#[derive(Debug)]
pub struct MapiClient {
    authority: String,
    conn: Option<(SendRequest<Full<Bytes>>, JoinHandle<()>)>,
    /// The mailbox endpoint's session cookies.
    pub emsmdb: Cookies,
    /// The address book endpoint's session cookies.
    pub nspi: Cookies,
    /// What earlier Execute calls established (table columns, logons), for decoding.
    pub session: Session,
    /// How request ROP buffers are sent (compressed and obfuscated by default).
    pub request_options: BuildOptions,
    /// Execute's Flags ([MS-OXCRPC] 3.1.4.2: NoCompression, NoXorMagic).
    pub execute_flags: ExecuteFlags,
    counter: u64,
}

/// X-ClientInfo's GUID part: one per client instance ([MS-OXCMAPIHTTP] 2.2.3.3.4).
const CLIENT_GUID: &str = "{6E1A77D0-3B2C-4F5E-9A41-2C7D5B8E0F13}";
/// X-RequestId's GUID part ([MS-OXCMAPIHTTP] 2.2.3.3.2).
const REQUEST_GUID: &str = "{0B6A4C2E-8D31-4E7F-A5C9-71E2D4F60A58}";

impl MapiClient {
    /// A client of `base` (`http://127.0.0.1:8080`); nothing is sent yet.
    pub fn new(base: &str) -> R<MapiClient> {
        let authority = base
            .strip_prefix("http://")
            .map(|s| s.trim_end_matches('/'))
            .filter(|s| !s.is_empty() && !s.contains('/'))
            .ok_or_else(|| ClientError::Url(base.to_string()))?;
        Ok(MapiClient {
            authority: authority.to_string(),
            conn: None,
            emsmdb: Cookies::default(),
            nspi: Cookies::default(),
            session: Session::new(),
            request_options: BuildOptions {
                compress: true,
                xor_magic: true,
            },
            execute_flags: ExecuteFlags(0),
            counter: 0,
        })
    }

    /// Closes the TCP connection; the next request opens a new one.
    pub fn drop_connection(&mut self) {
        if let Some((_, task)) = self.conn.take() {
            task.abort();
        }
    }

    async fn sender(&mut self) -> R<&mut SendRequest<Full<Bytes>>> {
        let usable = matches!(&self.conn, Some((s, _)) if !s.is_closed());
        if !usable {
            self.drop_connection();
            let tcp = TcpStream::connect(&self.authority)
                .await
                .map_err(|e| ClientError::Http(e.to_string()))?;
            let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
                .await
                .map_err(|e| ClientError::Http(e.to_string()))?;
            let task = tokio::spawn(async move {
                let _ = conn.await;
            });
            self.conn = Some((sender, task));
        }
        match &mut self.conn {
            Some((s, _)) => Ok(s),
            None => Err(ClientError::Http("no connection".into())),
        }
    }

    /// A request with the headers of [MS-OXCMAPIHTTP] 2.2.2.1 (Content-Type, X-RequestType,
    /// X-RequestId, X-ClientInfo, X-ClientApplication, and the endpoint's cookies), for
    /// [`MapiClient::send`]; callers may change it before sending.
    pub fn request(
        &mut self,
        endpoint: Endpoint,
        request_type: &str,
        body: Vec<u8>,
    ) -> Request<Full<Bytes>> {
        self.counter += 1;
        let (path, jar) = match endpoint {
            Endpoint::Mailbox => ("/mapi/emsmdb/", &self.emsmdb),
            Endpoint::AddressBook => ("/mapi/nspi/", &self.nspi),
        };
        let mut b = Request::post(path)
            .header("host", &self.authority)
            .header("content-type", CONTENT_TYPE)
            .header("x-requesttype", request_type)
            .header("x-requestid", format!("{REQUEST_GUID}:{}", self.counter))
            .header("x-clientinfo", format!("{CLIENT_GUID}:{}", self.counter))
            .header(
                "x-clientapplication",
                concat!("mapi-example/", env!("CARGO_PKG_VERSION")),
            );
        let pairs: Vec<String> = [
            (CONTEXT_COOKIE, &jar.context),
            (SEQUENCE_COOKIE, &jar.sequence),
        ]
        .iter()
        .filter_map(|(n, v)| v.as_ref().map(|v| format!("{n}={v}")))
        .collect();
        if !pairs.is_empty() {
            b = b.header("cookie", pairs.join("; "));
        }
        b.body(Full::new(Bytes::from(body)))
            .unwrap_or_else(|_| Request::new(Full::new(Bytes::new())))
    }

    /// Sends a request, reads the response stream as it arrives, and keeps the cookies the
    /// server sets for the request's endpoint.
    pub async fn send(&mut self, req: Request<Full<Bytes>>) -> R<Reply> {
        let endpoint = Endpoint::from_target(req.uri().path());
        let sender = self.sender().await?;
        sender
            .ready()
            .await
            .map_err(|e| ClientError::Http(e.to_string()))?;
        let resp = sender
            .send_request(req)
            .await
            .map_err(|e| ClientError::Http(e.to_string()))?;
        let status = resp.status().as_u16();
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let jar = match endpoint {
            Some(Endpoint::AddressBook) => &mut self.nspi,
            _ => &mut self.emsmdb,
        };
        for (_, v) in headers.iter().filter(|(n, _)| n == "set-cookie") {
            if let Some((n, v)) = cookie_pairs(v).next() {
                if n == CONTEXT_COOKIE {
                    jar.context = Some(v.to_string());
                } else if n == SEQUENCE_COOKIE {
                    jar.sequence = Some(v.to_string());
                }
            }
        }
        let mut body = resp.into_body();
        let mut decoder = ResponseStreamDecoder::new(MAX_RESPONSE_BODY, Limits::DEFAULT);
        let mut events = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| ClientError::Http(e.to_string()))?;
            if let Ok(mut data) = frame.into_data() {
                decoder.feed(&mut data, &mut events)?;
            }
        }
        Ok(Reply {
            status,
            headers,
            events,
            stream: decoder.finish()?,
        })
    }

    async fn call(&mut self, endpoint: Endpoint, rt: &str, body: Vec<u8>) -> R<Reply> {
        let req = self.request(endpoint, rt, body);
        self.send(req).await?.success()
    }

    /// Connect ([MS-OXCMAPIHTTP] 2.2.4.1): creates the mailbox Session Context.
    pub async fn connect(&mut self, user_dn: &str) -> R<Reply> {
        let body = ConnectRequest {
            user_dn: AnsiStr::from_vec(user_dn.as_bytes().to_vec())?,
            flags: 0,
            default_code_page: 1252,
            lcid_sort: 0x0409,
            lcid_string: 0x0409,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }
        .to_bytes()?;
        let reply = self.call(Endpoint::Mailbox, "Connect", body).await?;
        match ConnectResponse::decode_exact(reply.body(), Limits::DEFAULT)? {
            ConnectResponse {
                body: Outcome::Success(s),
                ..
            } if s.error_code.0 == 0 => {}
            other => return Err(ClientError::Server(format!("Connect: {other:?}"))),
        }
        self.session = Session::new();
        Ok(reply)
    }

    /// Execute ([MS-OXCMAPIHTTP] 2.2.4.2) with one ROP input buffer: `rops` and the handle
    /// table `handles`.
    pub async fn execute(
        &mut self,
        rops: Vec<RopRequest<'static>>,
        handles: &[u32],
    ) -> R<ExecuteOutput> {
        let request = RopRequestBuffer {
            rops,
            raw: None,
            handles: HandleTable::from_handles(handles),
        }
        .to_bytes()?;
        let chain =
            ExtendedBufferChain::pack(&[&request], self.request_options, MAX_REQUEST_PAYLOAD)?;
        let body = ExecuteRequest {
            flags: self.execute_flags,
            rop_buffer: RopBuffer(Some(chain)),
            max_rop_out: 0x8000,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }
        .to_bytes()?;
        let reply = self.call(Endpoint::Mailbox, "Execute", body).await?;
        Ok(ExecuteOutput { request, reply })
    }

    /// Decodes an Execute reply's ROP output buffer against its request, with what this
    /// client's session knows, learns from it, and gives it to `f`.
    pub fn decode<T>(
        &mut self,
        out: &ExecuteOutput,
        f: impl FnOnce(&RopResponseBuffer<'_>) -> T,
    ) -> R<T> {
        let resp = ExecuteResponse::decode_exact(out.reply.body(), Limits::DEFAULT)?;
        let success = match &resp {
            ExecuteResponse {
                body: Outcome::Success(s),
                ..
            } if s.error_code.0 == 0 => s,
            other => return Err(ClientError::Server(format!("Execute: {other:?}"))),
        };
        let req =
            RopRequestBuffer::decode_with_exact(&out.request, &self.session, Limits::DEFAULT)?;
        let bufs = success.rop_response_buffers(
            std::slice::from_ref(&req),
            Some(&self.session),
            Limits::DEFAULT,
        )?;
        let first = bufs
            .first()
            .ok_or_else(|| ClientError::Server("Execute without a ROP output buffer".into()))?;
        self.session.learn(&req, first);
        Ok(f(first))
    }

    /// NotificationWait ([MS-OXCMAPIHTTP] 2.2.4.4): held by the server with PENDING
    /// keep-alives; gives the reply and EventPending.
    pub async fn notification_wait(&mut self) -> R<(Reply, u32)> {
        let body = NotificationWaitRequest::default().to_bytes()?;
        let reply = self
            .call(Endpoint::Mailbox, "NotificationWait", body)
            .await?;
        match NotificationWaitResponse::decode_exact(reply.body(), Limits::DEFAULT)? {
            NotificationWaitResponse {
                body: Outcome::Success(s),
                ..
            } => {
                let pending = s.event_pending;
                Ok((reply, pending.into()))
            }
            other => Err(ClientError::Server(format!("NotificationWait: {other:?}"))),
        }
    }

    /// Disconnect ([MS-OXCMAPIHTTP] 2.2.4.3): ends the mailbox Session Context.
    pub async fn disconnect(&mut self) -> R<()> {
        let body = DisconnectRequest::default().to_bytes()?;
        let reply = self.call(Endpoint::Mailbox, "Disconnect", body).await?;
        DisconnectResponse::decode_exact(reply.body(), Limits::DEFAULT)?;
        self.emsmdb = Cookies::default();
        Ok(())
    }

    /// Bind ([MS-OXCMAPIHTTP] 2.2.5.1): creates the address book Session Context.
    pub async fn bind(&mut self) -> R<()> {
        let body = BindRequest {
            flags: 0,
            state: Has::some(stat()),
            auxiliary_buffer: Default::default(),
        }
        .to_bytes()?;
        let reply = self.call(Endpoint::AddressBook, "Bind", body).await?;
        match ResponseBody::<BindResponse>::decode_exact(reply.body(), Limits::DEFAULT)? {
            ResponseBody {
                body: Outcome::Success(b),
                ..
            } if b.error_code.0 == 0 => Ok(()),
            other => Err(ClientError::Server(format!("Bind: {other:?}"))),
        }
    }

    /// ResolveNames ([MS-OXCMAPIHTTP] 2.2.5.14) of one name: the display name, SMTP address
    /// and title of each match.
    pub async fn resolve(&mut self, name: &str) -> R<Vec<[String; 3]>> {
        let columns = vec![PropTag::DISPLAY_NAME, mailbox::SMTP_ADDRESS, mailbox::TITLE];
        let body = ResolveNamesRequest {
            reserved: 0,
            state: Has::some(stat()),
            property_tags: Has::some(List32(columns)),
            names: Has::some(List32(vec![Utf16Str::from_text(name)?])),
            auxiliary_buffer: Default::default(),
        }
        .to_bytes()?;
        let reply = self
            .call(Endpoint::AddressBook, "ResolveNames", body)
            .await?;
        let r: ResolveNamesResponse<'_> = nspi_fields(&reply, "ResolveNames")?;
        Ok(r.rows_and_cols
            .value
            .map(|c| c.rows.iter().map(ab_texts).collect())
            .unwrap_or_default())
    }

    /// QueryRows ([MS-OXCMAPIHTTP] 2.2.5.12): the first `count` display names of the GAL.
    pub async fn gal(&mut self, count: u32) -> R<Vec<String>> {
        let body = QueryRowsRequest {
            flags: 0,
            state: Has::some(stat()),
            explicit_table: List32(Vec::new()),
            row_count: count,
            columns: Has::some(List32(vec![PropTag::DISPLAY_NAME])),
            auxiliary_buffer: Default::default(),
        }
        .to_bytes()?;
        let reply = self.call(Endpoint::AddressBook, "QueryRows", body).await?;
        let r: QueryRowsResponse<'_> = nspi_fields(&reply, "QueryRows")?;
        Ok(r.cols_and_rows
            .value
            .map(|c| c.rows.iter().map(|row| ab_texts(row)[0].clone()).collect())
            .unwrap_or_default())
    }

    /// Unbind ([MS-OXCMAPIHTTP] 2.2.5.2): ends the address book Session Context.
    pub async fn unbind(&mut self) -> R<()> {
        let body = UnbindRequest {
            reserved: 0,
            auxiliary_buffer: Default::default(),
        }
        .to_bytes()?;
        let reply = self.call(Endpoint::AddressBook, "Unbind", body).await?;
        ResponseBody::<UnbindResponse>::decode_exact(reply.body(), Limits::DEFAULT)?;
        self.nspi = Cookies::default();
        Ok(())
    }
}

/// The success fields of the address book response body in `reply` to request type `rt`.
fn nspi_fields<'a, S>(reply: &'a Reply, rt: &str) -> R<S>
where
    ResponseBody<'a, S>: Decode<'a>,
{
    ResponseBody::<S>::decode_exact(reply.body(), Limits::DEFAULT)?
        .body
        .into_success()
        .ok_or_else(|| ClientError::Server(format!("{rt} failed")))
}

fn stat() -> Stat {
    Stat::at_start(1252, 0x0409)
}

fn ab_texts(row: &mapi_codec::nspi::AddressBookPropertyRow<'_>) -> [String; 3] {
    let mut out: [String; 3] = Default::default();
    for (slot, v) in out.iter_mut().zip(&row.values) {
        if let mapi_codec::nspi::AbRowValue::Value(v) = v {
            if let Some(PropertyValue::String(s)) = &v.value {
                *slot = s.to_string_lossy();
            }
        }
    }
    out
}

/// A cell of a ROP table row as text (strings, numbers, times as `YYYY-MM-DD HH:MM`).
pub fn cell(v: &RowValue<'_>) -> String {
    let v = match v {
        RowValue::Value(v) => v,
        RowValue::Flagged(f) => match &f.0 {
            mapi_codec::data::Flagged::Value(v) => v,
            _ => return String::new(),
        },
        RowValue::Typed(t) => &t.0,
        _ => return String::new(),
    };
    match v {
        PropertyValue::String(s) => s.to_string_lossy(),
        PropertyValue::Integer32(n) => n.to_string(),
        PropertyValue::Integer64(n) => n.to_string(),
        PropertyValue::Boolean(b) => b.get().to_string(),
        PropertyValue::Time(t) => filetime_text(t.0),
        other => format!("{other:?}"),
    }
}

/// A FILETIME as `YYYY-MM-DD HH:MM` (UTC).
pub fn filetime_text(ft: u64) -> String {
    let t = FileTime(ft).to_date_time();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// The rows of the QueryRows responses in a ROP output buffer.
pub fn query_rows<'a>(buf: &'a RopResponseBuffer<'_>) -> Vec<&'a PropertyRow<'a>> {
    buf.rops
        .iter()
        .filter_map(|r| match r {
            RopResponse::QueryRows(q) => match &q.body {
                Outcome::Success(s) => Some(s.rows.iter()),
                Outcome::Failure(_) => None,
            },
            _ => None,
        })
        .flatten()
        .collect()
}

/// What [`demo`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The folder hierarchy under the Top of Information Store: (depth, name, message count).
    pub folders: Vec<(u32, String, u32)>,
    /// The Inbox's first 20 messages: subject, sender, delivery time, size.
    pub messages: Vec<[String; 4]>,
    /// The name looked up and its matches: display name, SMTP address, title.
    pub resolved: (String, Vec<[String; 3]>),
}

fn table(f: &mut fmt::Formatter<'_>, head: &[&str], rows: &[Vec<String>]) -> fmt::Result {
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| {
        let text: Vec<String> = cells
            .iter()
            .zip(&w)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        writeln!(f, "{}", text.join("  ").trim_end())
    };
    line(f, &head.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    line(f, &w.iter().map(|n| "-".repeat(*n)).collect::<Vec<_>>())?;
    for r in rows {
        line(f, r)?;
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Folders")?;
        let rows: Vec<Vec<String>> = self
            .folders
            .iter()
            .map(|(d, n, c)| {
                let indent = "  ".repeat(d.saturating_sub(1) as usize);
                vec![format!("{indent}{n}"), c.to_string()]
            })
            .collect();
        table(f, &["Folder", "Messages"], &rows)?;
        writeln!(f, "\nInbox (first {})", self.messages.len())?;
        let rows: Vec<Vec<String>> = self
            .messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut r = vec![(i + 1).to_string()];
                r.extend(m.iter().cloned());
                r
            })
            .collect();
        table(f, &["#", "Subject", "From", "Received", "Size"], &rows)?;
        writeln!(f, "\nResolveNames {:?}", self.resolved.0)?;
        let rows: Vec<Vec<String>> = self.resolved.1.iter().map(|r| r.to_vec()).collect();
        table(f, &["Display name", "SMTP address", "Title"], &rows)
    }
}

/// The user DN the demo connects as.
pub const USER_DN: &str =
    "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=janedoe";

/// Logs on, opens `folder` (a folder id) and reads up to `count` rows of its hierarchy table
/// (`hierarchy`, with every descendant) or contents table with `columns`. Returns the rows'
/// cells as text.
/// RopOpenFolder on `folder` (handle 0 is the logon; the folder goes to 1), its hierarchy or
/// contents table (to 2), RopSetColumns with `columns`, and RopQueryRows of `count` rows.
pub fn table_requests(
    folder: FolderId,
    hierarchy: bool,
    columns: &[PropTag],
    count: u16,
) -> Vec<RopRequest<'static>> {
    let open = if hierarchy {
        // TableFlags Depth (0x04) | UseUnicode (0x40) ([MS-OXCFOLD] 2.2.1.13.1).
        RopRequest::GetHierarchyTable(GetHierarchyTableRequest {
            logon_id: 0,
            input_handle_index: 1,
            output_handle_index: 2,
            table_flags: 0x44,
        })
    } else {
        RopRequest::GetContentsTable(GetContentsTableRequest {
            logon_id: 0,
            input_handle_index: 1,
            output_handle_index: 2,
            table_flags: 0x40,
        })
    };
    vec![
        RopRequest::OpenFolder(OpenFolderRequest {
            logon_id: 0,
            input_handle_index: 0,
            output_handle_index: 1,
            folder_id: folder,
            open_mode_flags: 0,
        }),
        open,
        RopRequest::SetColumns(SetColumnsRequest {
            logon_id: 0,
            input_handle_index: 2,
            set_columns_flags: 0,
            property_tags: PropTags::new(columns),
        }),
        query_rows_request(count),
    ]
}

/// RopQueryRows forward of `count` rows on the table at handle index 2.
pub fn query_rows_request(count: u16) -> RopRequest<'static> {
    RopRequest::QueryRows(RopQueryRowsRequest {
        logon_id: 0,
        input_handle_index: 2,
        query_rows_flags: 0,
        forward_read: true.into(),
        row_count: count,
    })
}

/// RopRelease ([MS-OXCROPS] 2.2.15.3) of the object at handle index `index`.
fn release(index: u8) -> RopRequest<'static> {
    RopRequest::Release(ReleaseRequest {
        logon_id: 0,
        input_handle_index: index,
    })
}

async fn read_table(
    client: &mut MapiClient,
    logon: u32,
    folder: FolderId,
    hierarchy: bool,
    columns: Vec<PropTag>,
    count: u16,
) -> R<Vec<Vec<String>>> {
    let rops = table_requests(folder, hierarchy, &columns, count);
    let out = client
        .execute(rops, &[logon, NEW_HANDLE, NEW_HANDLE])
        .await?;
    let (rows, handles) = client.decode(&out, |buf| {
        let rows: Vec<Vec<String>> = query_rows(buf)
            .iter()
            .map(|r| r.values.iter().map(cell).collect())
            .collect();
        (rows, buf.handles.iter().collect::<Vec<u32>>())
    })?;
    // Release the table and the folder ([MS-OXCROPS] 2.2.15.3).
    let releases = (1..=2).rev().map(release).collect();
    let out = client.execute(releases, &handles).await?;
    client.decode(&out, |_| ())?;
    Ok(rows)
}

/// RopLogon on the private mailbox ([MS-OXCROPS] 2.2.3.1): the Logon object's handle and the
/// 13 special folder ids.
pub async fn logon(client: &mut MapiClient) -> R<(u32, [FolderId; 13])> {
    let rops = vec![RopRequest::Logon(Box::new(LogonRequest {
        logon_id: 0,
        output_handle_index: 0,
        // Private ([MS-OXCSTOR] 2.2.1.1.1).
        logon_flags: 0x01,
        // USE_PER_MDB_REPLID_MAPPING | HOME_LOGON | TAKE_OWNERSHIP.
        open_flags: 0x0100_000C,
        store_state: 0,
        essdn: AnsiZ16::new(USER_DN.as_bytes())?,
    }))];
    let out = client.execute(rops, &[NEW_HANDLE]).await?;
    client
        .decode(&out, |buf| match (buf.rops.first(), buf.handles.get(0)) {
            (Some(RopResponse::Logon(l)), Some(h)) => match &l.body {
                Outcome::Success(LogonSuccess::Private(p)) => Some((h, p.folder_ids.0)),
                _ => None,
            },
            _ => None,
        })?
        .ok_or_else(|| ClientError::Server("RopLogon failed".into()))
}

/// What `mapi-client` does: Connect, RopLogon, the folder hierarchy, the Inbox's first 20
/// messages, Disconnect; then Bind, ResolveNames of `name`, Unbind.
pub async fn demo(base: &str, name: &str) -> R<Report> {
    let mut client = MapiClient::new(base)?;
    client.connect(USER_DN).await?;
    let (logon_handle, ids) = logon(&mut client).await?;
    let cols = vec![
        PropTag::DISPLAY_NAME,
        mailbox::CONTENT_COUNT,
        mailbox::DEPTH,
    ];
    let folders = read_table(&mut client, logon_handle, ids[3], true, cols, 100)
        .await?
        .into_iter()
        .map(|r| {
            let n = |i: usize| r.get(i).and_then(|c| c.parse().ok()).unwrap_or(0);
            (n(2), r[0].clone(), n(1))
        })
        .collect();
    let cols = vec![
        PropTag::SUBJECT,
        mailbox::SENDER_NAME,
        PropTag::MESSAGE_DELIVERY_TIME,
        PropTag::MESSAGE_SIZE,
    ];
    let messages = read_table(&mut client, logon_handle, ids[4], false, cols, 20)
        .await?
        .into_iter()
        .map(|r| [r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()])
        .collect();
    client.disconnect().await?;
    client.bind().await?;
    let resolved = client.resolve(name).await?;
    client.unbind().await?;
    Ok(Report {
        folders,
        messages,
        resolved: (name.to_string(), resolved),
    })
}
