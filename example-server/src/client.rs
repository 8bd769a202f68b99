//! The MAPI/HTTP client: hyper's HTTP/1 client over a tokio TCP stream, carrying the requests
//! that the codec's sans-IO client layer ([`mapi_codec::client`]) builds and feeding it the
//! responses as they arrive. Cookies, X-RequestId and X-ClientInfo, the response stream and
//! the pairing of ROP responses with their requests are the layer's; what is here is I/O and
//! the demo.
//!
//! The connection is only a carrier: the Session Context lives in the server and is named by
//! the cookies ([MS-OXCMAPIHTTP] 3.1.5.1), so [`MapiClient::drop_connection`] followed by any
//! request opens a new TCP connection and carries on with the same session.
//!
//! `https://` URLs are served over TLS ([`crate::tls`]); credentials ([`Credentials`]) go in
//! the Authorization header of every request ([`ClientOptions`]).

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::AUTHORIZATION;
use hyper::Request;
use mapi_codec::client::{
    Client, ClientConfig, ClientError, CookieJar, ExecuteReply, HttpRequest, RequestBody, Response,
    ResponseFields, ResponseReader,
};
use mapi_codec::data::{FolderId, PropTag, PropertyRow, PropertyValue, RowValue};
use mapi_codec::http::body::AuxiliaryBuffer;
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectSuccess, DisconnectRequest, DisconnectSuccess, NotificationWaitRequest,
    NotificationWaitSuccess,
};
use mapi_codec::http::headers::{Endpoint, HeaderLine, Headers, ResponseCode};
use mapi_codec::nspi::{
    BindRequest, BindResponse, Has, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, Stat, UnbindRequest, UnbindResponse,
};
use mapi_codec::rop::field::{Outcome, PropTags};
use mapi_codec::rop::folder::{
    GetContentsTableRequest, GetHierarchyTableRequest, OpenFolderRequest,
};
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::store::{LogonRequest, LogonSuccess};
use mapi_codec::rop::table::{QueryRowsRequest as RopQueryRowsRequest, SetColumnsRequest};
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{AnsiStr, FileTime, Guid, List32, Utf16Str};

use crate::auth::Credentials;
use crate::mailbox;
use crate::transport::{self, Connection, Target};

/// The handle a client puts in the slot of an object a ROP will create ([MS-OXCROPS] 2.2.1).
pub use mapi_codec::rop::NEW_OBJECT_HANDLE as NEW_HANDLE;
/// The largest response body the client accepts.
pub const MAX_RESPONSE_BODY: usize = 1 << 20;

/// What went wrong on the client side.
#[derive(Debug)]
pub enum MapiClientError {
    /// The base URL is not `http://host[:port]` or `https://host[:port]`.
    Url(String),
    /// The TCP connection could not be opened (name resolution, refused, unreachable).
    Connect(String),
    /// TLS failed: the handshake (an untrusted or mismatched certificate, no common protocol)
    /// or its setup.
    Tls(String),
    /// HTTP failed on an open connection.
    Http(String),
    /// The protocol layer refused the request or the response (X-ResponseCode, StatusCode,
    /// ErrorCode, decoding).
    Protocol(ClientError),
    /// A call succeeded on the wire but its answer is not what the demo needs.
    Server(String),
}

impl fmt::Display for MapiClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapiClientError::Url(u) => {
                write!(
                    f,
                    "not an http://host[:port] or https://host[:port] URL: {u}"
                )
            }
            MapiClientError::Connect(e) => write!(f, "cannot connect to {e}"),
            MapiClientError::Tls(e) => write!(f, "TLS: {e}"),
            MapiClientError::Http(e) => write!(f, "HTTP: {e}"),
            MapiClientError::Protocol(e) => write!(f, "{e}"),
            MapiClientError::Server(e) => write!(f, "server: {e}"),
        }
    }
}

impl std::error::Error for MapiClientError {}

impl MapiClientError {
    /// Whether the request never got an answer from the server: no connection, no TLS
    /// session, or HTTP failed under it.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            MapiClientError::Connect(_) | MapiClientError::Tls(_) | MapiClientError::Http(_)
        )
    }
}

impl From<ClientError> for MapiClientError {
    fn from(e: ClientError) -> Self {
        MapiClientError::Protocol(e)
    }
}

impl From<mapi_codec::wire::EncodeError> for MapiClientError {
    fn from(e: mapi_codec::wire::EncodeError) -> Self {
        MapiClientError::Protocol(ClientError::Encode(e))
    }
}

type R<T> = Result<T, MapiClientError>;

/// A random GUID for X-ClientInfo: one per client instance ([MS-OXCMAPIHTTP] 2.2.3.3.4).
fn random_guid() -> Guid {
    let mut g = [0u8; 16];
    // The OS generator; should it fail, a fixed GUID only costs uniqueness across clients.
    let _ = getrandom::fill(&mut g);
    Guid(g)
}

/// How a [`MapiClient`] reaches its server, beyond the URL.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// The TLS configuration of `https://` URLs; `None` trusts the platform's roots
    /// ([`crate::tls::client_config`]).
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// The credentials sent in the Authorization header of every request.
    pub credentials: Option<Credentials>,
    /// The mailbox's `MailboxId` (from Autodiscover: `GUID@domain`), which Exchange routes
    /// by: sent as `?MailboxId=` on both endpoints' paths.
    pub mailbox_id: Option<String>,
}

/// The head of the last response: what a report of the call shows besides its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseHeadInfo {
    /// The HTTP status.
    pub status: u16,
    /// X-ResponseCode of the HTTP head, if there was one that parsed.
    pub response_code: Option<ResponseCode>,
    /// The WWW-Authenticate challenges (of a 401).
    pub www_authenticate: Vec<String>,
}

/// A MAPI/HTTP client of one server: a hyper connection (opened on demand, over TLS for
/// `https://`) and the codec's sans-IO client layer.
#[derive(Debug)]
pub struct MapiClient {
    target: Target,
    tls: Option<Arc<rustls::ClientConfig>>,
    credentials: Option<Credentials>,
    conn: Option<Connection>,
    last: Option<ResponseHeadInfo>,
    /// The protocol state: both endpoints' cookies and counters, the mailbox session, the
    /// calls under way, and the configuration (Execute options among them).
    pub protocol: Client,
}

impl MapiClient {
    /// A client of `base` (`http://127.0.0.1:8080`) without credentials, trusting the
    /// platform's roots for `https://`; nothing is sent yet.
    pub fn new(base: &str) -> R<MapiClient> {
        MapiClient::with_options(base, ClientOptions::default())
    }

    /// A client of `base` (`http://host[:port]` or `https://host[:port]`); nothing is sent
    /// yet.
    pub fn with_options(base: &str, options: ClientOptions) -> R<MapiClient> {
        let target = Target::parse(base).ok_or_else(|| MapiClientError::Url(base.to_string()))?;
        let tls = match (target.https, options.tls) {
            (false, _) => None,
            (true, Some(tls)) => Some(tls),
            (true, None) => {
                Some(crate::tls::client_config(None).map_err(|e| MapiClientError::Tls(e.0))?)
            }
        };
        let mut config = ClientConfig::new(random_guid());
        config.application = concat!("mapi-example/", env!("CARGO_PKG_VERSION")).to_string();
        config.max_response_body = MAX_RESPONSE_BODY;
        if let Some(id) = &options.mailbox_id {
            config.mailbox_path = format!("{}?MailboxId={id}", config.mailbox_path);
            config.address_book_path = format!("{}?MailboxId={id}", config.address_book_path);
        }
        Ok(MapiClient {
            target,
            tls,
            credentials: options.credentials,
            conn: None,
            last: None,
            protocol: Client::new(config),
        })
    }

    /// Changes the credentials sent from the next request on (a bearer token renewed, a
    /// password given after a 401).
    pub fn set_credentials(&mut self, credentials: Option<Credentials>) {
        self.credentials = credentials;
    }

    /// Where the client sends its requests.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The head of the last response received (`None` before the first, or when the last
    /// request got no response).
    pub fn last_response(&self) -> Option<&ResponseHeadInfo> {
        self.last.as_ref()
    }

    /// The cookies of an endpoint's Session Context.
    pub fn cookies(&self, endpoint: Endpoint) -> &CookieJar {
        self.protocol.endpoint(endpoint).cookies()
    }

    /// The cookies of an endpoint's Session Context, to change.
    pub fn cookies_mut(&mut self, endpoint: Endpoint) -> &mut CookieJar {
        self.protocol.endpoint_mut(endpoint).cookies_mut()
    }

    /// Closes the TCP connection; the next request opens a new one.
    pub fn drop_connection(&mut self) {
        if let Some((_, task)) = self.conn.take() {
            task.abort();
        }
    }

    async fn sender(&mut self) -> R<&mut hyper::client::conn::http1::SendRequest<Full<Bytes>>> {
        let usable = matches!(&self.conn, Some((s, _)) if !s.is_closed());
        if !usable {
            self.drop_connection();
            self.conn = Some(transport::open(&self.target, self.tls.as_ref()).await?);
        }
        match &mut self.conn {
            Some((s, _)) => Ok(s),
            None => Err(MapiClientError::Http("no connection".into())),
        }
    }

    /// A request of any X-RequestType with any body (to test the server with requests the
    /// typed builders would not make); change it at will before [`MapiClient::send`].
    pub fn raw(&mut self, endpoint: Endpoint, request_type: &str, body: Vec<u8>) -> R<HttpRequest> {
        Ok(self.protocol.raw_request(endpoint, request_type, body)?)
    }

    /// Sends a request and reads its response stream as it arrives; the reader, for
    /// [`Client::finish`] or [`Client::finish_execute`]. A failed connection abandons the
    /// call (the Session Context stays).
    async fn exchange(&mut self, req: HttpRequest) -> R<ResponseReader> {
        let call = req.call;
        self.last = None;
        let result = self.exchange_inner(req).await;
        if matches!(&result, Err(e) if e.is_transport()) {
            self.protocol.abandon(call);
        }
        result
    }

    async fn exchange_inner(&mut self, req: HttpRequest) -> R<ResponseReader> {
        let mut b = Request::builder()
            .method(req.method)
            .uri(req.path.as_str())
            .header("host", self.target.authority.as_str());
        if let Some(c) = &self.credentials {
            b = b.header(AUTHORIZATION, c.authorization());
        }
        for h in &req.headers {
            b = b.header(h.name(), h.value());
        }
        let http = b
            .body(Full::new(Bytes::from(req.body)))
            .map_err(|e| MapiClientError::Http(e.to_string()))?;
        let sender = self.sender().await?;
        sender
            .ready()
            .await
            .map_err(|e| MapiClientError::Http(e.to_string()))?;
        let resp = sender
            .send_request(http)
            .await
            .map_err(|e| MapiClientError::Http(e.to_string()))?;
        self.last = Some(head_info(&resp));
        let head = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()));
        let mut reader = self
            .protocol
            .response(req.call, resp.status().as_u16(), head)?;
        let mut body = resp.into_body();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| MapiClientError::Http(e.to_string()))?;
            if let Ok(data) = frame.into_data() {
                reader.feed(&data)?;
            }
        }
        Ok(reader)
    }

    /// Sends a request and gives the whole response, whatever its X-ResponseCode
    /// ([`Response::ok`] makes a nonzero one an error).
    pub async fn send(&mut self, req: HttpRequest) -> R<Response> {
        let reader = self.exchange(req).await?;
        Ok(self.protocol.finish(reader)?)
    }

    /// Sends a typed request body and gives the response, whose X-ResponseCode is 0.
    pub async fn call<B: RequestBody>(&mut self, body: &B) -> R<Response> {
        let req = self.protocol.request(body)?;
        Ok(self.send(req).await?.ok()?)
    }

    /// Connect ([MS-OXCMAPIHTTP] 2.2.4.1): creates the mailbox Session Context.
    pub async fn connect(&mut self, user_dn: &str) -> R<Response> {
        let body = ConnectRequest {
            user_dn: AnsiStr::from_vec(user_dn.as_bytes().to_vec()).map_err(ClientError::Encode)?,
            flags: 0,
            default_code_page: 1252,
            lcid_sort: 0x0409,
            lcid_string: 0x0409,
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let reply = self.call(&body).await?;
        success::<ConnectSuccess<'_>>(&reply, "Connect")?;
        Ok(reply)
    }

    /// Execute ([MS-OXCMAPIHTTP] 2.2.4.2) with one ROP input buffer: `rops` and the handle
    /// table `handles`; the reply carries the ROP responses, decoded against the requests.
    pub async fn execute(
        &mut self,
        rops: Vec<RopRequest<'static>>,
        handles: &[u32],
    ) -> R<ExecuteReply> {
        let buffer = RopRequestBuffer {
            rops,
            raw: None,
            handles: HandleTable::from_handles(handles),
        };
        let req = self.protocol.execute(vec![buffer])?;
        let reader = self.exchange(req).await?;
        Ok(self.protocol.finish_execute(reader)?)
    }

    /// NotificationWait ([MS-OXCMAPIHTTP] 2.2.4.4): held by the server with PENDING
    /// keep-alives; gives the response and EventPending.
    pub async fn notification_wait(&mut self) -> R<(Response, u32)> {
        let reply = self.call(&NotificationWaitRequest::default()).await?;
        let s = success::<NotificationWaitSuccess<'_>>(&reply, "NotificationWait")?;
        let pending = s.event_pending.into();
        Ok((reply, pending))
    }

    /// Disconnect ([MS-OXCMAPIHTTP] 2.2.4.3): ends the mailbox Session Context.
    pub async fn disconnect(&mut self) -> R<()> {
        let reply = self.call(&DisconnectRequest::default()).await?;
        success::<DisconnectSuccess<'_>>(&reply, "Disconnect")?;
        Ok(())
    }

    /// Bind ([MS-OXCMAPIHTTP] 2.2.5.1): creates the address book Session Context.
    pub async fn bind(&mut self) -> R<()> {
        let body = BindRequest {
            flags: 0,
            state: Has::some(stat()),
            auxiliary_buffer: Default::default(),
        };
        let reply = self.call(&body).await?;
        success::<BindResponse<'_>>(&reply, "Bind")?;
        Ok(())
    }

    /// ResolveNames ([MS-OXCMAPIHTTP] 2.2.5.14) of one name: the display name, SMTP address
    /// and title of each match.
    pub async fn resolve(&mut self, name: &str) -> R<Vec<[String; 3]>> {
        let columns = vec![PropTag::DISPLAY_NAME, mailbox::SMTP_ADDRESS, mailbox::TITLE];
        let body = ResolveNamesRequest {
            reserved: 0,
            state: Has::some(stat()),
            property_tags: Has::some(columns.into()),
            names: Has::some(List32(vec![
                Utf16Str::from_text(name).map_err(ClientError::Encode)?
            ])),
            auxiliary_buffer: Default::default(),
        };
        let reply = self.call(&body).await?;
        let r = success::<ResolveNamesResponse<'_>>(&reply, "ResolveNames")?;
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
            columns: Has::some(vec![PropTag::DISPLAY_NAME].into()),
            auxiliary_buffer: Default::default(),
        };
        let reply = self.call(&body).await?;
        let r = success::<QueryRowsResponse<'_>>(&reply, "QueryRows")?;
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
        };
        let reply = self.call(&body).await?;
        success::<UnbindResponse<'_>>(&reply, "Unbind")?;
        Ok(())
    }
}

/// What the probe and the errors report of a response head.
fn head_info<B>(resp: &hyper::Response<B>) -> ResponseHeadInfo {
    let text = |name| {
        resp.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
    };
    let response_code = text("x-responsecode")
        .next()
        .and_then(|v| HeaderLine::new("X-ResponseCode", v).ok())
        .and_then(|line| Headers(&[line]).response_code().ok().flatten());
    ResponseHeadInfo {
        status: resp.status().as_u16(),
        response_code,
        www_authenticate: text("www-authenticate").map(str::to_string).collect(),
    }
}

/// The success fields of `reply`, whose ErrorCode must be 0.
fn success<'a, S: ResponseFields<'a>>(reply: &'a Response, what: &str) -> R<S> {
    let s: S = reply.fields(mapi_codec::wire::Limits::DEFAULT)?;
    match s.error_code().0 {
        0 => Ok(s),
        e => Err(MapiClientError::Server(format!("{what}: ErrorCode {e:#x}"))),
    }
}

fn stat() -> Stat {
    Stat::at_start(1252, 0x0409)
}

fn ab_texts(row: &mapi_codec::nspi::AddressBookPropertyRow<'_>) -> [String; 3] {
    let mut out: [String; 3] = Default::default();
    for (slot, v) in out.iter_mut().zip(row.values()) {
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

/// Writes a table: the head, a rule, the rows, each column as wide as its widest cell.
pub(crate) fn table(
    f: &mut fmt::Formatter<'_>,
    head: &[&str],
    rows: &[Vec<String>],
) -> fmt::Result {
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
    let reply = client
        .execute(rops, &[logon, NEW_HANDLE, NEW_HANDLE])
        .await?;
    let first = first_buffer(&reply)?;
    let rows: Vec<Vec<String>> = query_rows(first)
        .iter()
        .map(|r| r.values().map(|v| cell(&v)).collect())
        .collect();
    let handles: Vec<u32> = first.handles.iter().collect();
    // Release the table and the folder ([MS-OXCROPS] 2.2.15.3).
    let releases = (1..=2).rev().map(release).collect();
    client.execute(releases, &handles).await?;
    Ok(rows)
}

/// The ROP output buffer that answers the request buffer.
pub fn first_buffer(reply: &ExecuteReply) -> R<&RopResponseBuffer<'static>> {
    reply
        .responses
        .first()
        .ok_or_else(|| MapiClientError::Server("Execute without a ROP output buffer".into()))
}

/// RopLogon on the private mailbox of [`USER_DN`] ([MS-OXCROPS] 2.2.3.1): the Logon object's
/// handle and the 13 special folder ids.
pub async fn logon(client: &mut MapiClient) -> R<(u32, [FolderId; 13])> {
    logon_as(client, USER_DN).await
}

/// RopLogon on the private mailbox whose ESSDN is `user_dn` ([MS-OXCROPS] 2.2.3.1); a failure
/// names the ReturnValue (and the server a WrongServer redirect points to).
pub async fn logon_as(client: &mut MapiClient, user_dn: &str) -> R<(u32, [FolderId; 13])> {
    let rops = vec![LogonRequest::private_mailbox(0, user_dn).into()];
    let reply = client.execute(rops, &[NEW_HANDLE]).await?;
    let buf = first_buffer(&reply)?;
    let failed = |why: String| MapiClientError::Server(format!("RopLogon failed: {why}"));
    let Some(RopResponse::Logon(l)) = buf.rops.first() else {
        return Err(failed("no RopLogon response".into()));
    };
    let rv = mapi_codec::data::ErrorCode(l.return_value);
    let rv_text = match rv.name() {
        Some(n) => format!("ReturnValue {n} ({:#010x})", rv.0),
        None => format!("ReturnValue {:#010x}", rv.0),
    };
    match (&l.body, buf.handles.get(l.handle_index)) {
        (Outcome::Success(LogonSuccess::Private(p)), Some(h)) => Ok((h, p.folder_ids.0)),
        (Outcome::Success(LogonSuccess::Public(_)), _) => {
            Err(failed("a public folders logon answered".into()))
        }
        (Outcome::Success(_), None) => Err(failed("no handle for the Logon object".into())),
        (Outcome::Failure(f), _) => match f.redirect.as_ref() {
            Some(r) => Err(failed(format!(
                "{rv_text}: use server {}",
                r.server_name.0.to_string_cp1252()
            ))),
            None => Err(failed(rv_text)),
        },
    }
}

/// What `mapi-client` does: Connect, RopLogon, the folder hierarchy, the Inbox's first 20
/// messages, Disconnect; then Bind, ResolveNames of `name`, Unbind.
pub async fn demo(base: &str, name: &str) -> R<Report> {
    demo_with(base, ClientOptions::default(), name).await
}

/// [`demo`] with TLS roots, credentials and MailboxId.
pub async fn demo_with(base: &str, options: ClientOptions, name: &str) -> R<Report> {
    let mut client = MapiClient::with_options(base, options)?;
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
