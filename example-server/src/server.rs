//! The MAPI/HTTP server: hyper 1 over tokio, one task per TCP connection, sessions that live
//! in the server (not in the connection) and are named by the MapiContext cookie.
//!
//! The protocol is the codec's sans-IO server layer ([`mapi_codec::server`]): it checks each
//! request (verb, path, headers, X-RequestType, session and sequence cookies, body), keeps
//! the Session Contexts, and writes the response head and stream. What is left here is the
//! I/O: reading the request with hyper, the clock, answering each request type from the
//! [`Mailbox`], and sending the stream's chunks as they fall due.
//!
//! Over TLS when given a certificate ([`ServerConfig::tls`]); a request whose credentials are
//! not among [`ServerConfig::credentials`] gets HTTP 401 with the challenges before the
//! protocol layer sees it.

use std::convert::Infallible;
use std::hash::{BuildHasher, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use hyper::service::service_fn;
use hyper::{Request as HttpReq, Response, StatusCode};
use hyper_util::rt::TokioIo;
use mapi_codec::http::emsmdb::{
    ConnectResponse, ConnectSuccess, DisconnectResponse, DisconnectSuccess, EventPending,
    ExecuteResponse, NotificationWaitResponse, NotificationWaitSuccess,
};
use mapi_codec::http::headers::{HeaderLine, ResponseCode};
use mapi_codec::nspi::{AuxiliaryBuffer, BindResponse, ErrorCode, ResponseBody, UnbindResponse};
use mapi_codec::server::{
    failure_body, Call, HttpRequest, Reply, Request, RequestError, ResponseConfig, ResponseHead,
    ResponseStreamWriter, Server, ServerConfig as LayerConfig,
};
use mapi_codec::wire::{AnsiStr, Encode, Utf16Str};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::auth::Accepted;
use crate::emsmdb::{self, Objects};
use crate::http::ChannelBody;
use crate::mailbox::Mailbox;
use crate::nspi;

/// The X-ResponseCode values this server sends ([MS-OXCMAPIHTTP] 2.2.3.3.3), as numbers: the
/// codec's [`ResponseCode`] constants.
pub mod code {
    use mapi_codec::http::headers::ResponseCode;

    /// 0 Success.
    pub const SUCCESS: u32 = ResponseCode::SUCCESS.0;
    /// 2 Invalid Verb: not POST.
    pub const INVALID_VERB: u32 = ResponseCode::INVALID_VERB.0;
    /// 3 Invalid Path: neither `/mapi/emsmdb` nor `/mapi/nspi`.
    pub const INVALID_PATH: u32 = ResponseCode::INVALID_PATH.0;
    /// 4 Invalid Header: a header that does not parse (X-RequestId, X-ClientInfo).
    pub const INVALID_HEADER: u32 = ResponseCode::INVALID_HEADER.0;
    /// 5 Invalid Request Type: unknown, not served by this endpoint, or not by this server.
    pub const INVALID_REQUEST_TYPE: u32 = ResponseCode::INVALID_REQUEST_TYPE.0;
    /// 7 Missing Header: X-RequestType, X-RequestId or X-ClientInfo absent.
    pub const MISSING_HEADER: u32 = ResponseCode::MISSING_HEADER.0;
    /// 9 Too Large: the body (or a RopBuffer inside it) is over the limit.
    pub const TOO_LARGE: u32 = ResponseCode::TOO_LARGE.0;
    /// 10 Context Not Found: no such session, or it expired or was disconnected.
    pub const CONTEXT_NOT_FOUND: u32 = ResponseCode::CONTEXT_NOT_FOUND.0;
    /// 12 Invalid Request Body: the body does not decode as its request type's.
    pub const INVALID_REQUEST_BODY: u32 = ResponseCode::INVALID_REQUEST_BODY.0;
    /// 13 Missing Cookie: MapiContext or MapiSequence absent.
    pub const MISSING_COOKIE: u32 = ResponseCode::MISSING_COOKIE.0;
    /// 15 Invalid Sequence: MapiSequence is not the one the last response set.
    pub const INVALID_SEQUENCE: u32 = ResponseCode::INVALID_SEQUENCE.0;
}

/// The server's clock: the system's monotonic clock, moved forward by [`Clock::advance`]
/// (tests jump past a session's expiry instead of sleeping through it).
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead_ms: Arc<AtomicU64>,
}

impl Clock {
    /// The time now.
    pub fn now(&self) -> Instant {
        Instant::now() + Duration::from_millis(self.ahead_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.ahead_ms.fetch_add(ms, Ordering::Relaxed);
    }
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
    /// The clock sessions expire by and keep-alives are timed with.
    pub clock: Clock,
    /// TLS: serve HTTPS with this certificate and key ([`crate::tls::server_config`]); plain
    /// HTTP when `None`.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// The credentials a request must carry (any one of them); every request is let in when
    /// there are none. Others get HTTP 401 with a WWW-Authenticate challenge per scheme.
    pub credentials: Accepted,
    /// For testing clients: answer every (authorized) request with this X-ResponseCode and
    /// its failure body, without looking at the request ([MS-OXCMAPIHTTP] 2.2.3.3.3); a
    /// failure code (not 0, whose failure body would say 1 Unknown Failure).
    pub fail_with_response_code: Option<ResponseCode>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            pending_period: Duration::from_secs(15),
            session_expiry: Duration::from_secs(15 * 60),
            notification_wait: Duration::from_secs(60),
            max_request_body: 256 * 1024,
            mailbox: Arc::new(Mailbox::sample()),
            clock: Clock::default(),
            tls: None,
            credentials: Accepted::default(),
            fail_with_response_code: None,
        }
    }
}

struct Shared {
    config: ServerConfig,
    /// How responses describe the server (for the replies made here, outside the layer).
    response: ResponseConfig,
    /// The protocol state: the session table, each session holding its Server objects.
    server: Mutex<Server<Objects>>,
}

impl Shared {
    fn server(&self) -> MutexGuard<'_, Server<Objects>> {
        // A panic while the lock is held leaves the table usable: take it back.
        self.server.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Unpredictable bytes for cookie values: the process's random hash keys over a counter,
/// enough for an example; a production server wants a CSPRNG.
fn randomness() -> impl FnMut(&mut [u8]) + Send + 'static {
    let seed = std::collections::hash_map::RandomState::new();
    let mut n = 0u64;
    move |out: &mut [u8]| {
        for chunk in out.chunks_mut(8) {
            n = n.wrapping_add(1);
            let mut h = seed.build_hasher();
            h.write_u64(n);
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
}

/// A running server.
#[derive(Debug)]
pub struct ServerHandle {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Whether it serves HTTPS.
    pub tls: bool,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    /// The base URL: `https://` or `http://` and the address.
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

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

/// How long a client has to complete the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Binds `addr` (port 0 picks a free one) and serves MAPI/HTTP on it until shut down.
pub async fn start(addr: SocketAddr, config: ServerConfig) -> std::io::Result<ServerHandle> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let layer = LayerConfig {
        pending_period: config.pending_period,
        session_expiry: config.session_expiry,
        server_application: Some(concat!("mapi-example/", env!("CARGO_PKG_VERSION")).into()),
        ..LayerConfig::default()
    };
    let response = ResponseConfig {
        pending_period: layer.pending_period,
        expiration: layer.session_expiry,
        server_application: layer.server_application.clone(),
    };
    let acceptor = config.tls.clone().map(tokio_rustls::TlsAcceptor::from);
    let shared = Arc::new(Shared {
        server: Mutex::new(Server::new(layer, randomness())),
        config,
        response,
    });
    let (stop, mut stopped) = oneshot::channel();
    let tls = acceptor.is_some();
    let task = tokio::spawn(async move {
        loop {
            let accepted = tokio::select! {
                _ = &mut stopped => break,
                a = listener.accept() => a,
            };
            let Ok((tcp, _)) = accepted else { continue };
            // The response stream's chunks (PROCESSING, then DONE and the body) go out as
            // written, not held back by Nagle's algorithm for the client's delayed ACK.
            let _ = tcp.set_nodelay(true);
            let shared = shared.clone();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                match acceptor {
                    None => serve(tcp, shared).await,
                    Some(acceptor) => {
                        // A failed handshake (an untrusting client, not TLS) ends alone.
                        let handshake =
                            tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp));
                        if let Ok(Ok(stream)) = handshake.await {
                            serve(stream, shared).await;
                        }
                    }
                }
            });
        }
    });
    Ok(ServerHandle {
        addr,
        tls,
        stop: Some(stop),
        task,
    })
}

/// Serves the requests of one connection, plain or TLS.
async fn serve<I>(io: I, shared: Arc<Shared>)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| handle(shared.clone(), req));
    // A connection that fails (reset, bad HTTP) ends alone; sessions stay.
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(io), service)
        .await;
}

/// What answering a request gave: the reply, the success body (a failure reply has its own)
/// and how long to hold the response with keep-alives before DONE.
struct Answer {
    reply: Reply,
    body: Vec<u8>,
    hold: Duration,
}

async fn handle(
    shared: Arc<Shared>,
    req: HttpReq<Incoming>,
) -> Result<Response<ChannelBody>, Infallible> {
    let now = shared.config.clock.now();
    let wall = SystemTime::now();
    let (parts, body) = req.into_parts();
    // The header lines as the layer reads them; a value that is not visible ASCII is left out.
    let headers: Vec<HeaderLine<'static>> = parts
        .headers
        .iter()
        .filter_map(|(n, v)| HeaderLine::new(n.as_str(), v.to_str().ok()?).ok())
        .collect();
    let body = Limited::new(body, shared.config.max_request_body)
        .collect()
        .await
        .ok()
        .map(|b| b.to_bytes());
    // The body is read (within the limit) before the credentials are looked at, so that a
    // refused request leaves the connection usable for the next one.
    let authorization = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !shared.config.credentials.admits(authorization) {
        return Ok(unauthorized(&shared.config.credentials, authorization));
    }
    if let Some(code) = shared.config.fail_with_response_code {
        let answer = Answer {
            reply: failure(&shared.response, now, wall, &headers, code),
            body: Vec::new(),
            hold: Duration::ZERO,
        };
        return Ok(respond(&shared.config, now, answer));
    }
    let http = HttpRequest {
        method: parts.method.as_str(),
        target: parts.uri.path(),
        headers: &headers,
        body: body.as_deref(),
    };
    let answer = {
        let mut server = shared.server();
        match server.receive(now, wall, &http) {
            Err(reply) => Answer {
                reply: *reply,
                body: Vec::new(),
                hold: Duration::ZERO,
            },
            Ok(call) => dispatch(&shared.config, &mut server, call),
        }
    };
    Ok(respond(&shared.config, now, answer))
}

/// HTTP 401 with a WWW-Authenticate challenge per accepted scheme (RFC 7235 3.1, 4.1).
fn unauthorized(accepted: &Accepted, authorization: Option<&str>) -> Response<ChannelBody> {
    let mut b = Response::builder()
        .status(StatusCode::UNAUTHORIZED)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8");
    for challenge in accepted.challenges(authorization) {
        b = b.header(WWW_AUTHENTICATE, challenge);
    }
    let (tx, body) = ChannelBody::channel();
    // The channel has room: the message is there when hyper polls the body.
    let _ = tx.try_send(Bytes::from_static(b"401 Unauthorized\n"));
    b.body(body).unwrap_or_else(|_| {
        let (_, empty) = ChannelBody::channel();
        let mut r = Response::new(empty);
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        r
    })
}

/// The reply of X-ResponseCode `code` to any request, with its failure body.
fn failure(
    config: &ResponseConfig,
    now: Instant,
    wall: SystemTime,
    headers: &[HeaderLine<'_>],
    code: ResponseCode,
) -> Reply {
    let head = ResponseHead::new(code, headers, &[], config).unwrap_or(ResponseHead {
        status: 200,
        response_code: code,
        headers: Vec::new(),
    });
    Reply {
        head,
        stream: ResponseStreamWriter::new(now, wall, config.pending_period),
        failure_body: Some(failure_body(code)),
    }
}

fn success(reply: Reply, body: Vec<u8>) -> Answer {
    Answer {
        reply,
        body,
        hold: Duration::ZERO,
    }
}

/// Answers one checked request from the mailbox: the handlers of each request type.
fn dispatch(config: &ServerConfig, server: &mut Server<Objects>, call: Call<'_>) -> Answer {
    let mailbox = &config.mailbox;
    let (error_code, aux) = (ErrorCode(0), AuxiliaryBuffer(None));
    let body = match &call.request {
        Request::Connect(_) => {
            let body = match (
                AnsiStr::from_vec(mailbox.dn_prefix.as_bytes().to_vec()),
                Utf16Str::from_text(&mailbox.owner),
            ) {
                (Ok(dn_prefix), Ok(display_name)) => ConnectResponse::success(ConnectSuccess {
                    error_code,
                    polls_max: 60_000,
                    retry_count: 6,
                    retry_delay: 10_000,
                    dn_prefix,
                    display_name,
                    auxiliary_buffer: aux,
                })
                .to_bytes(),
                _ => return refuse(server, call),
            };
            return open(server, call, body);
        }
        Request::Bind(_) => {
            let body = ResponseBody::success(BindResponse {
                error_code,
                server_guid: nspi::SERVER_GUID,
                auxiliary_buffer: aux,
            })
            .to_bytes();
            return open(server, call, body);
        }
        Request::Execute(req) => match server.session(&call) {
            Some(objects) => {
                ExecuteResponse::success(emsmdb::execute(mailbox, objects, req)).to_bytes()
            }
            None => return refuse(server, call),
        },
        Request::NotificationWait(_) => {
            // No events happen in this store: the wait ends empty (EventPending 0).
            let body = NotificationWaitResponse::success(NotificationWaitSuccess {
                error_code,
                event_pending: EventPending(0),
                auxiliary_buffer: aux,
            })
            .to_bytes();
            let mut a = reply(server, call, body);
            a.hold = config.notification_wait;
            return a;
        }
        Request::Disconnect(_) => DisconnectResponse::success(DisconnectSuccess {
            error_code,
            auxiliary_buffer: aux,
        })
        .to_bytes(),
        Request::Unbind(_) => ResponseBody::success(UnbindResponse {
            error_code,
            auxiliary_buffer: aux,
        })
        .to_bytes(),
        Request::Ping(_) => Ok(Vec::new()),
        Request::GetSpecialTable(r) => ResponseBody::success(nspi::get_special_table(r)).to_bytes(),
        Request::QueryRows(r) => ResponseBody::success(nspi::query_rows(mailbox, r)).to_bytes(),
        Request::ResolveNames(r) => {
            ResponseBody::success(nspi::resolve_names(mailbox, r)).to_bytes()
        }
        // A request type of the address book that the example does not serve.
        _ => {
            let reply = server.refuse(call, Some(RequestError::InvalidRequestType));
            return success(reply, Vec::new());
        }
    };
    reply(server, call, body)
}

/// The reply to a call answered with `body` (Unknown Failure if it did not encode).
fn reply(
    server: &mut Server<Objects>,
    call: Call<'_>,
    body: Result<Vec<u8>, mapi_codec::wire::EncodeError>,
) -> Answer {
    match body {
        Ok(body) => success(server.reply(call), body),
        Err(_) => refuse(server, call),
    }
}

/// The reply opening the session of a Connect or Bind answered with `body`.
fn open(
    server: &mut Server<Objects>,
    call: Call<'_>,
    body: Result<Vec<u8>, mapi_codec::wire::EncodeError>,
) -> Answer {
    match body {
        Ok(body) => success(server.open(call, Objects::default()), body),
        Err(_) => refuse(server, call),
    }
}

/// 1 Unknown Failure: the server could not answer.
fn refuse(server: &mut Server<Objects>, call: Call<'_>) -> Answer {
    success(server.refuse(call, None), Vec::new())
}

/// Sends the head now and the stream as it falls due: PROCESSING at once, PENDING while the
/// response is held, then DONE with its headers and the body.
fn respond(config: &ServerConfig, received: Instant, answer: Answer) -> Response<ChannelBody> {
    let Answer { reply, body, hold } = answer;
    let (tx, channel) = ChannelBody::channel();
    let mut b = Response::builder().status(
        StatusCode::from_u16(reply.head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    );
    for h in &reply.head.headers {
        b = b.header(h.name(), h.value());
    }
    let body = reply.failure_body.unwrap_or(body);
    let mut stream = reply.stream;
    let clock = config.clock.clone();
    let until = received + hold;
    tokio::spawn(async move {
        loop {
            let now = clock.now();
            if let Some(chunk) = stream.poll(now) {
                if tx.send(Bytes::from_static(chunk)).await.is_err() {
                    // The client went away; the session stays.
                    return;
                }
            }
            if now >= until {
                break;
            }
            let wake = stream.next_due().map_or(until, |d| d.min(until));
            tokio::time::sleep(wake.saturating_duration_since(now)).await;
        }
        let _ = tx
            .send(Bytes::from(stream.finish(clock.now(), &body)))
            .await;
    });
    b.body(channel).unwrap_or_else(|_| {
        let (_, empty) = ChannelBody::channel();
        let mut r = Response::new(empty);
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mapi_codec::http::headers::ResponseCode;

    #[test]
    fn codes_are_the_spec_numbers() {
        // [MS-OXCMAPIHTTP] 2.2.3.3.3.
        assert_eq!(
            [
                code::INVALID_VERB,
                code::CONTEXT_NOT_FOUND,
                code::INVALID_SEQUENCE
            ],
            [2, 10, 15]
        );
        assert_eq!(
            ResponseCode(code::MISSING_COOKIE).name(),
            Some("Missing Cookie")
        );
    }

    #[test]
    fn the_clock_moves_forward_only_when_told() {
        let c = Clock::default();
        let a = c.now();
        c.advance(Duration::from_secs(3600));
        assert!(c.now() >= a + Duration::from_secs(3600));
    }
}
