//! A sans-IO MAPI/HTTP client ([MS-OXCMAPIHTTP] 3.1): it builds requests and reads
//! responses; the caller owns the sockets, the HTTP stack, the runtime and the clock.
//!
//! A [`Client`] keeps, for each endpoint (mailbox `/mapi/emsmdb/`, address book
//! `/mapi/nspi/`), the cookies of the Session Context (MapiContext, MapiSequence and any other
//! the server sets), X-RequestId's GUID and counter, and X-ClientInfo ([`EndpointState`]); and
//! the [`Session`] of the mailbox (logons, table columns, named properties), which decoding
//! ROP responses needs.
//!
//! A call goes:
//!
//! 1. build: [`Client::request`] takes any typed request body of either endpoint
//!    ([`RequestBody`]: Connect, Bind, QueryRows, ...); [`Client::execute`] takes ROP input
//!    buffers, packs them (compressed and obfuscated per [`ExecuteOptions`]) and keeps them
//!    with the call. Either gives an [`HttpRequest`]: method, path, headers and body bytes,
//!    with the [`CallId`] to hand back;
//! 2. send it with any HTTP stack; give the response's status and headers to
//!    [`Client::response`], which takes the cookies the server set (and, for X-ResponseCode
//!    6 or 10, drops the Session Context), and gives a [`ResponseReader`];
//! 3. feed the body to [`ResponseReader::feed`] as it arrives (PROCESSING, PENDING
//!    keep-alives, DONE, additional headers, body);
//! 4. [`Client::finish`] gives the [`Response`] (typed body through [`Response::fields`]);
//!    [`Client::finish_execute`] decodes the ROP output buffers against the buffers sent and
//!    the session, which learns from them, and gives an [`ExecuteReply`] that owns its bytes
//!    (decoded once; nothing for the caller to keep or decode again).
//!
//! A dropped connection changes nothing but the call it carried ([`Client::abandon`]): the
//! Session Context lives on in the server and its cookies stay. An expired one (X-ResponseCode
//! 6 Invalid Context Cookie or 10 Context Not Found) is reported as
//! [`ClientError::SessionExpired`] and the endpoint starts over: Connect (or Bind) again.
//!
//! ```
//! use mapi_codec::client::{Client, ClientConfig};
//! use mapi_codec::http::body::RopBuffer;
//! use mapi_codec::http::emsmdb::{ExecuteResponse, ExecuteSuccess};
//! use mapi_codec::http::stream::{put_done, put_meta_tag, MetaTag, StreamEvent};
//! use mapi_codec::rop::other::ReleaseRequest;
//! use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer};
//! use mapi_codec::rpc::ext::{BuildOptions, ExtendedBufferChain};
//! use mapi_codec::wire::{Encode, Guid};
//!
//! // The caller's random GUID names this client instance (X-ClientInfo).
//! let mut client = Client::new(ClientConfig::new(Guid([7; 16])));
//!
//! // An Execute with one ROP input buffer: RopRelease of the object at handle index 0.
//! let rops = RopRequestBuffer {
//!     rops: vec![RopRequest::Release(ReleaseRequest { logon_id: 0, input_handle_index: 0 })],
//!     raw: None,
//!     handles: HandleTable::from_handles(&[0x0000_0042]),
//! };
//! let req = client.execute(vec![rops]).unwrap();
//! assert_eq!((req.method, req.path.as_str()), ("POST", "/mapi/emsmdb/"));
//! assert_eq!(req.header("X-RequestType"), Some("Execute"));
//!
//! // The server's answer (made here so that the example runs offline): a ROP output buffer
//! // with no response (RopRelease has none) and the handle table, in a response stream.
//! let out = [0x02, 0x00, 0x42, 0x00, 0x00, 0x00];
//! let body = ExecuteResponse::success(ExecuteSuccess {
//!     error_code: Default::default(),
//!     flags: 0,
//!     rop_buffer: RopBuffer(Some(
//!         ExtendedBufferChain::pack(&[&out], BuildOptions::default(), 0x8000).unwrap(),
//!     )),
//!     auxiliary_buffer: Default::default(),
//! })
//! .to_bytes()
//! .unwrap();
//! let mut stream = Vec::new();
//! put_meta_tag(&mut stream, MetaTag::Processing).unwrap();
//! put_done(&mut stream, &[], &body).unwrap();
//!
//! // Status and headers first, then the stream in pieces as they arrive.
//! let head = [("X-ResponseCode", "0"), ("Set-Cookie", "MapiContext=abc; path=/mapi/")];
//! let mut reader = client.response(req.call, 200, head).unwrap();
//! let events = reader.feed(&stream[..12]).unwrap().to_vec();
//! assert_eq!(events, [StreamEvent::MetaTag(MetaTag::Processing)]);
//! reader.feed(&stream[12..]).unwrap();
//! let reply = client.finish_execute(reader).unwrap();
//! assert_eq!(reply.responses[0].handles.iter().collect::<Vec<_>>(), [0x42]);
//! assert_eq!(reply.requests[0].rops.len(), 1, "the request it answers");
//! // The cookie is sent back on the next request.
//! let next = client.execute(Vec::new()).unwrap();
//! assert_eq!(next.header("Cookie"), Some("MapiContext=abc"));
//! ```

mod cookies;
mod endpoint;
mod error;
mod execute;
mod request;
mod response;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

pub use cookies::{CookieJar, CONTEXT_COOKIE, MAX_COOKIES, SEQUENCE_COOKIE};
pub use endpoint::EndpointState;
pub use error::ClientError;
pub use execute::{ExecuteOptions, ExecuteReply};
pub use request::{HttpRequest, RequestBody, ResponseFields, CONTENT_TYPE};
pub use response::{ends_session, Response, ResponseReader};

use crate::http::body::{AuxiliaryBuffer, RopBuffer};
use crate::http::emsmdb::ExecuteRequest;
use crate::http::headers::{Endpoint, GuidCounter, HeaderLine, RequestType, ResponseCode};
use crate::http::stream::ResponseStreamDecoder;
use crate::rop::{RopRequestBuffer, Session};
use crate::rpc::ext::{ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use crate::wire::{Encode, Guid, Limits};

/// Names a call from the request built to the response read; unique within a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId(pub u64);

/// What a client sends with every request, and how it reads responses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    /// X-ClientInfo's GUID: one per client instance ([MS-OXCMAPIHTTP] 2.2.3.3.4), which the
    /// caller makes at random (the client has no source of randomness). X-RequestId's GUIDs
    /// are derived from it, a new one for each Session Context.
    pub client_guid: Guid,
    /// X-ClientApplication ([MS-OXCMAPIHTTP] 2.2.3.3.6): `product/version`.
    pub application: String,
    /// The mailbox endpoint's request target (with the `?MailboxId=` query Autodiscover gives,
    /// if any).
    pub mailbox_path: String,
    /// The address book endpoint's request target.
    pub address_book_path: String,
    /// How Execute requests are sent.
    pub execute: ExecuteOptions,
    /// The limits responses are decoded with.
    pub limits: Limits,
    /// The largest response body accepted.
    pub max_response_body: usize,
}

impl ClientConfig {
    /// The defaults: the spec's paths, this crate as X-ClientApplication, compressed and
    /// obfuscated Execute requests, [`Limits::DEFAULT`], bodies of up to 16 MB.
    pub fn new(client_guid: Guid) -> Self {
        ClientConfig {
            client_guid,
            application: concat!("mapi-codec/", env!("CARGO_PKG_VERSION")).to_string(),
            mailbox_path: "/mapi/emsmdb/".to_string(),
            address_book_path: "/mapi/nspi/".to_string(),
            execute: ExecuteOptions::default(),
            limits: Limits::DEFAULT,
            max_response_body: 16 << 20,
        }
    }
}

/// A call waiting for its response.
#[derive(Clone, Debug)]
struct Pending {
    endpoint: Endpoint,
    request_type: RequestType<'static>,
    /// The endpoint's epoch when the call was built.
    epoch: u64,
    /// The ROP input buffers of an Execute built by [`Client::execute`].
    rops: Option<Vec<RopRequestBuffer<'static>>>,
}

/// The sans-IO MAPI/HTTP client: the state of both endpoints and of the mailbox session, and
/// the calls under way. See the [module docs](self).
#[derive(Clone, Debug)]
pub struct Client {
    config: ClientConfig,
    mailbox: EndpointState,
    address_book: EndpointState,
    session: Session,
    pending: HashMap<CallId, Pending>,
    next_call: u64,
    /// Session Contexts begun (the X-ClientInfo counter of the latest).
    contexts: u64,
    /// X-RequestId GUIDs issued.
    request_guids: u64,
}

impl Client {
    /// A client with no Session Context yet.
    pub fn new(config: ClientConfig) -> Self {
        let g = config.client_guid;
        Client {
            mailbox: EndpointState::new(endpoint::request_guid(g, 1)),
            address_book: EndpointState::new(endpoint::request_guid(g, 2)),
            config,
            session: Session::new(),
            pending: HashMap::new(),
            next_call: 0,
            contexts: 0,
            request_guids: 2,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The configuration, to change (applies to requests built from now on).
    pub fn config_mut(&mut self) -> &mut ClientConfig {
        &mut self.config
    }

    /// The state of an endpoint.
    pub fn endpoint(&self, endpoint: Endpoint) -> &EndpointState {
        match endpoint {
            Endpoint::Mailbox => &self.mailbox,
            Endpoint::AddressBook => &self.address_book,
        }
    }

    /// The state of an endpoint, to change.
    pub fn endpoint_mut(&mut self, endpoint: Endpoint) -> &mut EndpointState {
        match endpoint {
            Endpoint::Mailbox => &mut self.mailbox,
            Endpoint::AddressBook => &mut self.address_book,
        }
    }

    /// What the mailbox session has learnt (logons, columns, named properties), for decoding.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The mailbox session, to change.
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The calls built whose responses have not been finished or abandoned.
    pub fn pending_calls(&self) -> impl Iterator<Item = CallId> + '_ {
        self.pending.keys().copied()
    }

    /// The request of any typed body of either endpoint ([MS-OXCMAPIHTTP] 2.2.4, 2.2.5).
    /// An ExecuteRequest built here is sent as is; its ROP responses are not paired (use
    /// [`Client::execute`] for that).
    pub fn request<B: RequestBody>(&mut self, body: &B) -> Result<HttpRequest, ClientError> {
        let body = body.to_bytes()?;
        self.build(B::endpoint(), B::REQUEST_TYPE, body, None)
    }

    /// An Execute request ([MS-OXCMAPIHTTP] 2.2.4.2) of ROP input buffers, packed into
    /// RopBuffer as the configured [`ExecuteOptions`] say. The buffers stay with the call, so
    /// that [`Client::finish_execute`] decodes the response against them.
    pub fn execute(
        &mut self,
        buffers: Vec<RopRequestBuffer<'static>>,
    ) -> Result<HttpRequest, ClientError> {
        let options = self.config.execute;
        self.execute_with(buffers, options)
    }

    /// [`Client::execute`] with other options.
    pub fn execute_with(
        &mut self,
        buffers: Vec<RopRequestBuffer<'static>>,
        options: ExecuteOptions,
    ) -> Result<HttpRequest, ClientError> {
        let payloads = buffers
            .iter()
            .map(Encode::to_bytes)
            .collect::<Result<Vec<_>, _>>()?;
        let chain = if payloads.is_empty() {
            None
        } else {
            let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
            Some(ExtendedBufferChain::pack(
                &refs,
                options.packing,
                MAX_REQUEST_PAYLOAD,
            )?)
        };
        let body = ExecuteRequest {
            flags: options.flags,
            rop_buffer: RopBuffer(chain),
            max_rop_out: options.max_rop_out,
            auxiliary_buffer: AuxiliaryBuffer(None),
        }
        .to_bytes()?;
        self.build(Endpoint::Mailbox, RequestType::EXECUTE, body, Some(buffers))
    }

    /// A PING request ([MS-OXCMAPIHTTP] 2.2.6) to either endpoint: no body.
    pub fn ping(&mut self, endpoint: Endpoint) -> Result<HttpRequest, ClientError> {
        self.build(endpoint, RequestType::PING, Vec::new(), None)
    }

    /// A request of any X-RequestType with any body (to test servers with requests the typed
    /// builders would not make). A request type the spec does not define is sent as given
    /// and recorded as the empty type.
    pub fn raw_request(
        &mut self,
        endpoint: Endpoint,
        request_type: &str,
        body: Vec<u8>,
    ) -> Result<HttpRequest, ClientError> {
        let rt = RequestType(request_type)
            .canonical()
            .unwrap_or(RequestType(""));
        self.build_as(endpoint, rt, request_type, body, None)
    }

    fn build(
        &mut self,
        endpoint: Endpoint,
        request_type: RequestType<'static>,
        body: Vec<u8>,
        rops: Option<Vec<RopRequestBuffer<'static>>>,
    ) -> Result<HttpRequest, ClientError> {
        self.build_as(endpoint, request_type, request_type.0, body, rops)
    }

    /// The request, X-RequestType written as `type_text`.
    fn build_as(
        &mut self,
        endpoint: Endpoint,
        request_type: RequestType<'static>,
        type_text: &str,
        body: Vec<u8>,
        rops: Option<Vec<RopRequestBuffer<'static>>>,
    ) -> Result<HttpRequest, ClientError> {
        let path = match endpoint {
            Endpoint::Mailbox => self.config.mailbox_path.clone(),
            Endpoint::AddressBook => self.config.address_book_path.clone(),
        };
        // A Connect or Bind begins a Session Context: a new X-RequestId GUID; a new
        // X-ClientInfo counter unless it re-establishes one (sent with its cookies).
        let begins = request::creates_context(request_type);
        let new_context = begins && !self.endpoint(endpoint).has_session_context();
        let guids = self.request_guids + u64::from(begins);
        let contexts = self.contexts + u64::from(new_context);
        let client_guid = self.config.client_guid;
        let state = self.endpoint_mut(endpoint);
        let guid = match begins {
            true => endpoint::request_guid(client_guid, guids),
            false => state.request_guid,
        };
        let client_info = match new_context {
            true => contexts,
            false => state.client_info_counter,
        };
        let counter = state.request_counter + 1;
        let request_id = GuidCounter {
            guid,
            braces: true,
            counter,
        };
        let info = GuidCounter {
            guid: client_guid,
            braces: true,
            counter: client_info,
        };
        let mut headers = vec![
            HeaderLine::new("Content-Type", CONTENT_TYPE)?,
            HeaderLine::new("X-RequestType", type_text)?,
            HeaderLine::new("X-RequestId", &request_id.to_string())?,
            HeaderLine::new("X-ClientInfo", &info.to_string())?,
            HeaderLine::new("X-ClientApplication", &self.config.application)?,
        ];
        if let Some(c) = self.endpoint(endpoint).cookies.header_value() {
            headers.push(HeaderLine::new("Cookie", &c)?);
        }
        // Every line is built: only now does the state move.
        let state = self.endpoint_mut(endpoint);
        state.request_guid = guid;
        state.request_counter = counter;
        state.client_info_counter = client_info;
        let epoch = state.epoch;
        self.request_guids = guids;
        self.contexts = contexts;
        self.next_call += 1;
        let call = CallId(self.next_call);
        self.pending.insert(
            call,
            Pending {
                endpoint,
                request_type,
                epoch,
                rops,
            },
        );
        Ok(HttpRequest {
            call,
            method: "POST",
            path,
            headers,
            body,
        })
    }

    /// The connection that carried `call` is gone before its response was read: the call is
    /// forgotten; the Session Context and its cookies stay (the next request may go on a new
    /// connection). Had the server already taken the request, its sequence cookie moved and
    /// the next request gets 15 Invalid Sequence: Connect (or Bind) again re-establishes the
    /// Session Context with the cookies held ([MS-OXCMAPIHTTP] 3.2.5.6).
    pub fn abandon(&mut self, call: CallId) -> bool {
        self.pending.remove(&call).is_some()
    }

    /// The head of the response to `call`: its HTTP status and headers, as (name, value)
    /// pairs (header lines that are not visible ASCII are none of this protocol's and are
    /// left out). Takes the cookies the server set, and acts on X-ResponseCode: 6 or 10
    /// (the Session Context is gone) drops the endpoint's cookies and the mailbox session; 0
    /// to a Connect or Bind starts the new Session Context's cookies afresh ("MUST NOT
    /// comingle", 3.2.5.6); 0 to a Disconnect or Unbind ends it.
    ///
    /// A status other than 200 is an error (the call is over; its body is no response
    /// stream); otherwise read the body with the [`ResponseReader`].
    pub fn response<I, K, V>(
        &mut self,
        call: CallId,
        status: u16,
        headers: I,
    ) -> Result<ResponseReader, ClientError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let pending = self
            .pending
            .get(&call)
            .cloned()
            .ok_or(ClientError::UnknownCall(call))?;
        let headers = response::header_lines(headers);
        let code = match response::response_code(&headers) {
            Ok(c) => c,
            Err(e) => {
                self.pending.remove(&call);
                return Err(e);
            }
        };
        self.apply(&pending, code, &headers);
        if status != 200 {
            self.pending.remove(&call);
            return Err(ClientError::HttpStatus {
                status,
                response_code: code,
            });
        }
        Ok(ResponseReader {
            call,
            endpoint: pending.endpoint,
            request_type: pending.request_type,
            status,
            headers,
            decoder: ResponseStreamDecoder::new(self.config.max_response_body, self.config.limits),
            events: Vec::new(),
        })
    }

    /// What the head of a response to `pending` does to the endpoint's state.
    fn apply(&mut self, pending: &Pending, code: Option<ResponseCode>, headers: &[HeaderLine<'_>]) {
        let mailbox = pending.endpoint == Endpoint::Mailbox;
        let state = self.endpoint_mut(pending.endpoint);
        if pending.epoch != state.epoch {
            // The Session Context the call was built for is over.
            return;
        }
        let rt = pending.request_type;
        let success = code == Some(ResponseCode::SUCCESS);
        let mut reset_session = false;
        match code {
            Some(c) if ends_session(c) => {
                state.end_context();
                reset_session = mailbox;
            }
            // The new Session Context's cookies are the response's alone (3.2.5.6); a code
            // that only comes after DONE cannot undo the cookies this head sets.
            None | Some(ResponseCode::SUCCESS) if request::creates_context(rt) => {
                state.end_context();
                state.cookies.learn(headers);
                reset_session = mailbox;
            }
            _ if success && request::ends_context(rt) => {
                state.end_context();
                reset_session = mailbox;
            }
            _ => {
                state.cookies.learn(headers);
            }
        }
        if reset_session {
            self.session = Session::new();
        }
    }

    /// What an X-ResponseCode that came after DONE (and not in the head) does: the end of the
    /// Session Context (expired, or ended by Disconnect or Unbind). The cookies were taken
    /// with the head.
    fn apply_late(&mut self, pending: &Pending, code: ResponseCode) {
        let mailbox = pending.endpoint == Endpoint::Mailbox;
        let state = self.endpoint_mut(pending.endpoint);
        if pending.epoch != state.epoch {
            return;
        }
        let ends = ends_session(code)
            || (code == ResponseCode::SUCCESS && request::ends_context(pending.request_type));
        if ends {
            state.end_context();
            if mailbox {
                self.session = Session::new();
            }
        }
    }

    /// The response, once its stream has ended (the HTTP body is over). X-ResponseCode is in
    /// the response ([`Response::ok`], [`Response::fields`] make a nonzero one an error); one
    /// that only came after DONE acts on the state as [`Client::response`] says.
    pub fn finish(&mut self, reader: ResponseReader) -> Result<Response, ClientError> {
        self.finish_inner(reader).map(|(_, r)| r)
    }

    fn finish_inner(&mut self, reader: ResponseReader) -> Result<(Pending, Response), ClientError> {
        let pending = self
            .pending
            .remove(&reader.call)
            .ok_or(ClientError::UnknownCall(reader.call))?;
        let head_code = response::response_code(&reader.headers)?;
        let response = response::into_response(reader)?;
        if let Some(late) = response::response_code(&response.stream.additional_headers)? {
            if Some(late) != head_code {
                self.apply_late(&pending, late);
            }
        }
        Ok((pending, response))
    }

    /// Finishes an Execute built by [`Client::execute`]: checks X-ResponseCode, StatusCode and
    /// ErrorCode, decodes the ROP output buffers against the ROP input buffers sent and the
    /// session, and lets the session learn from them (columns set, logons, objects released).
    /// The reply owns what it holds.
    pub fn finish_execute(&mut self, reader: ResponseReader) -> Result<ExecuteReply, ClientError> {
        let call = reader.call;
        let (pending, response) = self.finish_inner(reader)?;
        let rops = pending.rops.ok_or(ClientError::NotPaired(call))?;
        let learn = pending.epoch == self.endpoint(pending.endpoint).epoch;
        let limits = self.config.limits;
        execute::pair(response, rops, &mut self.session, learn, limits)
    }
}
