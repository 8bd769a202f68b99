//! The MAPI/HTTP server: hyper 1 over tokio, one task per TCP connection, sessions that live
//! in the server (not in the connection) and are named by the MapiContext cookie.
//!
//! Each request goes through the checks of [MS-OXCMAPIHTTP] 3.2.5 in order — verb, path,
//! required headers, X-RequestType, body size, session cookies, sequence — and any failure is
//! answered with "200 OK", its X-ResponseCode, and a failure response body (2.2.2.2: non-
//! exceptional failures keep status 200). Every response uses the response stream of 2.2.2.2:
//! PROCESSING at once, PENDING keep-alives every X-PendingPeriod while the request is held,
//! then DONE, X-ElapsedTime and X-StartTime, and the body.

use mapi_codec::http::emsmdb::EventPending;
use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::{BuildHasher, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::HeaderMap;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use mapi_codec::http::emsmdb::{
    ConnectRequest, ConnectResponse, ConnectSuccess, DisconnectRequest, DisconnectResponse,
    DisconnectSuccess, ExecuteRequest, ExecuteResponse, NotificationWaitRequest,
    NotificationWaitResponse, NotificationWaitSuccess, PingBody,
};
use mapi_codec::http::headers::{cookie_pairs, Endpoint, GuidCounter, HeaderLine, RequestType};
use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag};
use mapi_codec::nspi::{
    AuxiliaryBuffer, BindRequest, BindResponse, ErrorCode, GetSpecialTableRequest,
    QueryRowsRequest, ResolveNamesRequest, ResponseBody, UnbindRequest, UnbindResponse,
};
use mapi_codec::wire::{AnsiStr, Decode, DecodeError, Encode, ErrorKind, Limits, Utf16Str};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::emsmdb::{self, Objects};
use crate::http::{http_date, ChannelBody, CONTENT_TYPE, CONTEXT_COOKIE, SEQUENCE_COOKIE};
use crate::mailbox::Mailbox;
use crate::nspi;

/// The X-ResponseCode values this server sends ([MS-OXCMAPIHTTP] 2.2.3.3.3).
pub mod code {
    /// 0 Success.
    pub const SUCCESS: u32 = 0;
    /// 2 Invalid Verb: not POST.
    pub const INVALID_VERB: u32 = 2;
    /// 3 Invalid Path: neither `/mapi/emsmdb` nor `/mapi/nspi`.
    pub const INVALID_PATH: u32 = 3;
    /// 4 Invalid Header: a header that does not parse (X-RequestId, X-ClientInfo).
    pub const INVALID_HEADER: u32 = 4;
    /// 5 Invalid Request Type: unknown, or not served by this endpoint.
    pub const INVALID_REQUEST_TYPE: u32 = 5;
    /// 7 Missing Header: X-RequestType, X-RequestId or X-ClientInfo absent.
    pub const MISSING_HEADER: u32 = 7;
    /// 9 Too Large: the body (or a RopBuffer inside it) is over the limit.
    pub const TOO_LARGE: u32 = 9;
    /// 10 Context Not Found: no such session, or it expired or was disconnected.
    pub const CONTEXT_NOT_FOUND: u32 = 10;
    /// 12 Invalid Request Body: the body does not decode as its request type's.
    pub const INVALID_REQUEST_BODY: u32 = 12;
    /// 13 Missing Cookie: MapiContext or MapiSequence absent.
    pub const MISSING_COOKIE: u32 = 13;
    /// 15 Invalid Sequence: MapiSequence is not the one the last response set.
    pub const INVALID_SEQUENCE: u32 = 15;
}

/// What the server can be tuned with.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// X-PendingPeriod: how often a held request gets a PENDING keep-alive
    /// ([MS-OXCMAPIHTTP] 2.2.3.3.5; 15 s by default, the spec's 30 s at most).
    pub pending_period: Duration,
    /// How long a session lives without a request; sent as X-ExpirationInfo
    /// ([MS-OXCMAPIHTTP] 2.2.3.3.9).
    pub session_expiry: Duration,
    /// How long a NotificationWait is held when no event arrives ([MS-OXCMAPIHTTP] 3.2.5.5).
    pub notification_wait: Duration,
    /// The largest request body accepted (larger gets X-ResponseCode 9 Too Large).
    pub max_request_body: usize,
    /// The store the sessions see.
    pub mailbox: Arc<Mailbox>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            pending_period: Duration::from_secs(15),
            session_expiry: Duration::from_secs(15 * 60),
            notification_wait: Duration::from_secs(60),
            max_request_body: 256 * 1024,
            mailbox: Arc::new(Mailbox::sample()),
        }
    }
}

/// One Session Context ([MS-OXCMAPIHTTP] 3.2.1).
#[derive(Debug)]
struct Session {
    endpoint: Endpoint,
    /// The MapiSequence value the next request must carry.
    sequence: String,
    last_used: Instant,
    objects: Objects,
}

struct Shared {
    config: ServerConfig,
    sessions: Mutex<HashMap<String, Session>>,
    seed: std::collections::hash_map::RandomState,
    counter: AtomicU64,
}

impl Shared {
    /// A fresh opaque cookie value. The values are unpredictable enough for an example (the
    /// process's random hash keys over a counter); a production server wants a CSPRNG.
    fn token(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut a = self.seed.build_hasher();
        a.write_u64(n);
        let mut b = self.seed.build_hasher();
        b.write_u64(!n);
        format!("{:016X}{:016X}", a.finish(), b.finish())
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic while the lock is held leaves the map usable: take it back.
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running server.
#[derive(Debug)]
pub struct ServerHandle {
    /// The address it listens on.
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds `addr` (port 0 picks a free one) and serves MAPI/HTTP on it until shut down.
pub async fn start(addr: SocketAddr, config: ServerConfig) -> std::io::Result<ServerHandle> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        config,
        sessions: Mutex::new(HashMap::new()),
        seed: Default::default(),
        counter: AtomicU64::new(1),
    });
    let (stop, mut stopped) = oneshot::channel();
    let task = tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                _ = &mut stopped => break,
                a = listener.accept() => a,
            };
            let Ok((tcp, _)) = accepted else { continue };
            let shared = shared.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| handle(shared.clone(), req));
                // A connection that fails (reset, bad HTTP) ends alone; sessions stay.
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    });
    Ok(ServerHandle {
        addr,
        stop: Some(stop),
        task,
    })
}

/// What a request produced: an X-ResponseCode, the body, the cookies to set, and how long to
/// hold the response with PENDING keep-alives before DONE.
struct Outcome {
    code: u32,
    body: Vec<u8>,
    cookies: Vec<String>,
    hold: Duration,
}

impl Outcome {
    fn ok(body: Vec<u8>) -> Outcome {
        Outcome {
            code: code::SUCCESS,
            body,
            cookies: Vec::new(),
            hold: Duration::ZERO,
        }
    }

    /// A failure: the code in X-ResponseCode and as the StatusCode of the failure response
    /// body (StatusCode, AuxiliaryBufferSize 0: [MS-OXCMAPIHTTP] 2.2.4.1.3 and 2.2.5).
    fn fail(code: u32) -> Outcome {
        let body = ExecuteResponse::failure(code)
            .to_bytes()
            .unwrap_or_default();
        Outcome {
            code,
            body,
            cookies: Vec::new(),
            hold: Duration::ZERO,
        }
    }
}

fn header<'h>(h: &'h HeaderMap, name: &str) -> Option<&'h str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// The MapiContext and MapiSequence values of the request's Cookie headers.
fn cookies(h: &HeaderMap) -> (Option<String>, Option<String>) {
    let (mut ctx, mut seq) = (None, None);
    for v in h.get_all("cookie").iter().filter_map(|v| v.to_str().ok()) {
        for (n, v) in cookie_pairs(v) {
            if n == CONTEXT_COOKIE {
                ctx = Some(v.to_string());
            } else if n == SEQUENCE_COOKIE {
                seq = Some(v.to_string());
            }
        }
    }
    (ctx, seq)
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<ChannelBody>, Infallible> {
    let started = Instant::now();
    let start_time = SystemTime::now();
    let (parts, body) = req.into_parts();
    let h = &parts.headers;
    let request_type = header(h, "x-requesttype").map(str::to_string);
    let outcome = match check(&parts.method, parts.uri.path(), h) {
        Err(code) => Outcome::fail(code),
        Ok((endpoint, rt)) => {
            let limit = shared.config.max_request_body;
            match Limited::new(body, limit).collect().await {
                Err(_) => Outcome::fail(code::TOO_LARGE),
                Ok(b) => {
                    let body = b.to_bytes();
                    dispatch(Call {
                        shared: &shared,
                        endpoint,
                        rt,
                        h,
                        body: &body,
                    })
                }
            }
        }
    };
    Ok(respond(
        &shared,
        h,
        request_type,
        outcome,
        started,
        start_time,
    ))
}

/// The checks before the body is read ([MS-OXCMAPIHTTP] 2.2.2.1 request format).
fn check(method: &Method, path: &str, h: &HeaderMap) -> Result<(Endpoint, &'static str), u32> {
    if method != Method::POST {
        return Err(code::INVALID_VERB);
    }
    let endpoint = Endpoint::from_target(path).ok_or(code::INVALID_PATH)?;
    let rt = header(h, "x-requesttype").ok_or(code::MISSING_HEADER)?;
    for name in ["x-requestid", "x-clientinfo"] {
        let v = header(h, name).ok_or(code::MISSING_HEADER)?;
        GuidCounter::parse(v).ok_or(code::INVALID_HEADER)?;
    }
    let rt = RequestType(rt);
    let name = rt.name().ok_or(code::INVALID_REQUEST_TYPE)?;
    match rt.endpoint() {
        Some(e) if e != endpoint => Err(code::INVALID_REQUEST_TYPE),
        // PING serves both endpoints (2.2.6).
        _ => Ok((endpoint, name)),
    }
}

/// A decode failure: Too Large when a limit was hit (a RopBuffer past 32 KB, [MS-OXCRPC]
/// 3.1.4.2), else Invalid Request Body.
fn body_error(e: DecodeError) -> Outcome {
    match e.kind() {
        ErrorKind::LimitExceeded { .. } => Outcome::fail(code::TOO_LARGE),
        _ => Outcome::fail(code::INVALID_REQUEST_BODY),
    }
}

fn decode<'a, T: Decode<'a>>(body: &'a [u8]) -> Result<T, Outcome> {
    T::decode_exact(body, Limits::DEFAULT).map_err(body_error)
}

fn encoded(v: &impl Encode) -> Vec<u8> {
    v.to_bytes().unwrap_or_default()
}

fn dispatch(call: Call<'_>) -> Outcome {
    let result = match call.rt {
        "Connect" | "Bind" => create_session(call),
        "PING" => decode::<PingBody>(call.body).map(|p| Outcome::ok(encoded(&p))),
        _ => in_session(call),
    };
    result.unwrap_or_else(|o| o)
}

/// A request as the request-type handlers take it: the server's state, the endpoint the
/// request came to, its request type (as the spec spells it), its headers and its body.
#[derive(Clone, Copy)]
struct Call<'a> {
    shared: &'a Shared,
    endpoint: Endpoint,
    rt: &'static str,
    h: &'a HeaderMap,
    body: &'a [u8],
}

fn set_cookie(name: &str, value: &str, endpoint: Endpoint) -> String {
    let path = match endpoint {
        Endpoint::Mailbox => "/mapi/emsmdb/",
        Endpoint::AddressBook => "/mapi/nspi/",
    };
    format!("{name}={value}; path={path}; HttpOnly")
}

/// Connect and Bind create a Session Context ([MS-OXCMAPIHTTP] 3.2.5.1); when the request
/// carries the cookies of a session that still exists, that session is destroyed first and
/// its sequence cookie ignored (3.2.5.6).
fn create_session(call: Call<'_>) -> Result<Outcome, Outcome> {
    let mailbox = &call.shared.config.mailbox;
    let response = if call.rt == "Connect" {
        let _req: ConnectRequest<'_> = decode(call.body)?;
        encoded(&ConnectResponse::success(ConnectSuccess {
            error_code: ErrorCode(0),
            polls_max: 60_000,
            retry_count: 6,
            retry_delay: 10_000,
            dn_prefix: AnsiStr::from_vec(mailbox.dn_prefix.as_bytes().to_vec())
                .map_err(|_| Outcome::fail(1))?,
            display_name: Utf16Str::from_text(&mailbox.owner).map_err(|_| Outcome::fail(1))?,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }))
    } else {
        let _req: BindRequest<'_> = decode(call.body)?;
        encoded(&ResponseBody::success(BindResponse {
            error_code: ErrorCode(0),
            server_guid: nspi::SERVER_GUID,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }))
    };
    let context = call.shared.token();
    let sequence = call.shared.token();
    let mut sessions = call.shared.sessions();
    if let (Some(old), _) = cookies(call.h) {
        sessions.remove(&old);
    }
    sessions.insert(
        context.clone(),
        Session {
            endpoint: call.endpoint,
            sequence: sequence.clone(),
            last_used: Instant::now(),
            objects: Objects::default(),
        },
    );
    let mut out = Outcome::ok(response);
    out.cookies = vec![
        set_cookie(CONTEXT_COOKIE, &context, call.endpoint),
        set_cookie(SEQUENCE_COOKIE, &sequence, call.endpoint),
    ];
    Ok(out)
}

/// The request types that need a session: the context cookie must name a live session of
/// this endpoint, and (except for NotificationWait, which a client keeps outstanding beside
/// its other requests) MapiSequence must be the value the previous response set; each such
/// response sets a new one (3.2.5.1).
fn in_session(call: Call<'_>) -> Result<Outcome, Outcome> {
    let (ctx, seq) = cookies(call.h);
    let ctx = ctx.ok_or_else(|| Outcome::fail(code::MISSING_COOKIE))?;
    let sequenced = call.rt != "NotificationWait";
    let mut sessions = call.shared.sessions();
    let expiry = call.shared.config.session_expiry;
    let Some(session) = sessions.get_mut(&ctx) else {
        return Err(Outcome::fail(code::CONTEXT_NOT_FOUND));
    };
    if session.last_used.elapsed() > expiry {
        // An expired Session Context is gone ([MS-OXCMAPIHTTP] 3.2.5.6: X-ResponseCode 10).
        sessions.remove(&ctx);
        return Err(Outcome::fail(code::CONTEXT_NOT_FOUND));
    }
    if session.endpoint != call.endpoint {
        return Err(Outcome::fail(code::CONTEXT_NOT_FOUND));
    }
    if sequenced {
        let seq = seq.ok_or_else(|| Outcome::fail(code::MISSING_COOKIE))?;
        if seq != session.sequence {
            return Err(Outcome::fail(code::INVALID_SEQUENCE));
        }
    }
    session.last_used = Instant::now();
    let mailbox = &call.shared.config.mailbox;
    let mut out = match call.rt {
        "Execute" => {
            let req: ExecuteRequest<'_> = decode(call.body)?;
            let resp = emsmdb::execute(mailbox, &mut session.objects, &req);
            Outcome::ok(encoded(&ExecuteResponse::success(resp)))
        }
        "NotificationWait" => {
            let _req: NotificationWaitRequest<'_> = decode(call.body)?;
            // No events happen in this store: the wait ends empty (EventPending 0).
            let mut o = Outcome::ok(encoded(&NotificationWaitResponse::success(
                NotificationWaitSuccess {
                    error_code: ErrorCode(0),
                    event_pending: EventPending(0),
                    auxiliary_buffer: AuxiliaryBuffer(None),
                },
            )));
            o.hold = call.shared.config.notification_wait;
            o
        }
        "Disconnect" | "Unbind" => {
            let (error_code, auxiliary_buffer) = (ErrorCode(0), AuxiliaryBuffer(None));
            let resp = if call.rt == "Disconnect" {
                let _req: DisconnectRequest<'_> = decode(call.body)?;
                encoded(&DisconnectResponse::success(DisconnectSuccess {
                    error_code,
                    auxiliary_buffer,
                }))
            } else {
                let _req: UnbindRequest<'_> = decode(call.body)?;
                encoded(&ResponseBody::success(UnbindResponse {
                    error_code,
                    auxiliary_buffer,
                }))
            };
            // [MS-OXCMAPIHTTP] 3.2.5.4: the session and its cookie are gone.
            sessions.remove(&ctx);
            Outcome::ok(resp)
        }
        "GetSpecialTable" => {
            let req: GetSpecialTableRequest<'_> = decode(call.body)?;
            Outcome::ok(encoded(&ResponseBody::success(nspi::get_special_table(
                &req,
            ))))
        }
        "QueryRows" => {
            let req: QueryRowsRequest<'_> = decode(call.body)?;
            Outcome::ok(encoded(&ResponseBody::success(nspi::query_rows(
                mailbox, &req,
            ))))
        }
        "ResolveNames" => {
            let req: ResolveNamesRequest<'_> = decode(call.body)?;
            Outcome::ok(encoded(&ResponseBody::success(nspi::resolve_names(
                mailbox, &req,
            ))))
        }
        // A request type of this call.endpoint that the example does not serve.
        _ => return Err(Outcome::fail(code::INVALID_REQUEST_TYPE)),
    };
    if sequenced {
        let next = call.shared.token();
        if let Some(s) = sessions.get_mut(&ctx) {
            s.sequence = next.clone();
        }
        out.cookies
            .push(set_cookie(SEQUENCE_COOKIE, &next, call.endpoint));
    }
    Ok(out)
}

/// Writes the response: the common headers of [MS-OXCMAPIHTTP] 2.2.2.2 (X-RequestType,
/// X-ResponseCode, X-RequestId, X-ClientInfo echoed, X-ServerApplication, X-PendingPeriod,
/// X-ExpirationInfo, Set-Cookie), then the response stream as chunks: PROCESSING now, PENDING
/// every pending period while held, then DONE with X-ElapsedTime and X-StartTime, and the body.
fn respond(
    shared: &Shared,
    h: &HeaderMap,
    request_type: Option<String>,
    outcome: Outcome,
    started: Instant,
    start_time: SystemTime,
) -> Response<ChannelBody> {
    let cfg = &shared.config;
    let (tx, body) = ChannelBody::channel();
    let mut b = Response::builder()
        .status(StatusCode::OK)
        .header("content-type", CONTENT_TYPE)
        .header("x-responsecode", outcome.code.to_string())
        .header(
            "x-serverapplication",
            concat!("mapi-example/", env!("CARGO_PKG_VERSION")),
        )
        .header(
            "x-pendingperiod",
            cfg.pending_period.as_millis().to_string(),
        )
        .header(
            "x-expirationinfo",
            cfg.session_expiry.as_millis().to_string(),
        );
    if let Some(rt) = request_type.filter(|v| HeaderLine::new("X", v).is_ok()) {
        b = b.header("x-requesttype", rt);
    }
    for name in ["x-requestid", "x-clientinfo"] {
        if let Some(v) = h.get(name) {
            b = b.header(name, v.clone());
        }
    }
    for c in &outcome.cookies {
        b = b.header("set-cookie", c.as_str());
    }
    let period = cfg.pending_period.max(Duration::from_millis(1));
    tokio::spawn(async move {
        let mut first = Vec::new();
        let _ = put_meta_tag(&mut first, MetaTag::Processing);
        if tx.send(Bytes::from(first)).await.is_err() {
            return;
        }
        let until = Instant::now() + outcome.hold;
        while Instant::now() < until {
            tokio::time::sleep(period.min(until - Instant::now())).await;
            if Instant::now() >= until {
                break;
            }
            let mut p = Vec::new();
            let _ = put_meta_tag(&mut p, MetaTag::Pending);
            if tx.send(Bytes::from(p)).await.is_err() {
                // The client went away; the session stays.
                return;
            }
        }
        let elapsed = started.elapsed().as_millis().to_string();
        let extra: Vec<HeaderLine<'static>> = [
            HeaderLine::new("X-ElapsedTime", &elapsed),
            HeaderLine::new("X-StartTime", &http_date(start_time)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut done = Vec::with_capacity(outcome.body.len() + 64);
        let _ = put_done(&mut done, &extra, &outcome.body);
        let _ = tx.send(Bytes::from(done)).await;
    });
    b.body(body).unwrap_or_else(|_| {
        let (_, empty) = ChannelBody::channel();
        Response::new(empty)
    })
}
