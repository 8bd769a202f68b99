//! Reading a response ([MS-OXCMAPIHTTP] 2.2.2.2): the HTTP head first, then the response
//! stream (PROCESSING, PENDING keep-alives, DONE, additional headers, body) in chunks as they
//! arrive, through the codec's [`ResponseStreamDecoder`].

use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

use super::request::ResponseFields;
use super::{CallId, ClientError};
use crate::http::body::ResponseBody;
use crate::http::headers::{Endpoint, HeaderLine, Headers, RequestType, ResponseCode};
use crate::http::stream::{MetaTag, ResponseStream, ResponseStreamDecoder, StreamEvent};
use crate::wire::{Decode, Limits, Outcome};

/// Header lines from the caller's HTTP stack, as [`HeaderLine`]s. A line whose name is not a
/// token or whose value is not visible ASCII is none of this protocol's (all of its headers
/// are ASCII) and is left out.
pub(super) fn header_lines<I, K, V>(headers: I) -> Vec<HeaderLine<'static>>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    headers
        .into_iter()
        .filter_map(|(n, v)| {
            let v = std::str::from_utf8(v.as_ref()).ok()?;
            HeaderLine::new(n.as_ref(), v).ok()
        })
        .collect()
}

/// The X-ResponseCode of a list of header lines.
pub(super) fn response_code(lines: &[HeaderLine<'_>]) -> Result<Option<ResponseCode>, ClientError> {
    Headers(lines).response_code().map_err(ClientError::Header)
}

/// A response being read: its HTTP head taken, its response stream fed in chunks of any size
/// with [`ResponseReader::feed`], then handed to [`Client::finish`](super::Client::finish) (or
/// [`Client::finish_execute`](super::Client::finish_execute)).
#[derive(Clone, Debug)]
pub struct ResponseReader {
    pub(super) call: CallId,
    pub(super) endpoint: Endpoint,
    pub(super) request_type: RequestType<'static>,
    pub(super) status: u16,
    pub(super) headers: Vec<HeaderLine<'static>>,
    pub(super) decoder: ResponseStreamDecoder,
    pub(super) events: Vec<StreamEvent>,
}

impl ResponseReader {
    /// The call this response answers.
    pub fn call(&self) -> CallId {
        self.call
    }

    /// The HTTP header lines.
    pub fn headers(&self) -> &[HeaderLine<'static>] {
        &self.headers
    }

    /// Takes the next piece of the response stream; gives the events of the lines it
    /// completed (meta-tags as they come: PROCESSING, PENDING, DONE; additional headers; the
    /// start of the body). After an error the reader stays failed.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<&[StreamEvent], ClientError> {
        let before = self.events.len();
        self.decoder.feed(&mut chunk, &mut self.events)?;
        Ok(&self.events[before..])
    }

    /// Every event so far.
    pub fn events(&self) -> &[StreamEvent] {
        &self.events
    }

    /// The meta-tags so far (DONE not included).
    pub fn meta_tags(&self) -> &[MetaTag] {
        self.decoder.meta_tags()
    }

    /// Whether DONE and the additional headers have come (the rest is body).
    pub fn in_body(&self) -> bool {
        self.decoder.in_body()
    }
}

/// A whole response ([MS-OXCMAPIHTTP] 2.2.2.2): the HTTP head, the events of its stream in the
/// order they came, and the stream (meta-tags, additional headers, body). Owns its bytes.
///
/// Any X-ResponseCode is kept here; [`Response::ok`] and [`Response::fields`] turn a nonzero
/// one into a typed [`ClientError`].
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The call this answers.
    pub call: CallId,
    /// The endpoint that answered.
    pub endpoint: Endpoint,
    /// The call's request type.
    pub request_type: RequestType<'static>,
    /// The HTTP status (200 for everything but exceptional failures).
    pub status: u16,
    /// The HTTP header lines.
    pub headers: Vec<HeaderLine<'static>>,
    /// What the stream reported, in order.
    pub events: Vec<StreamEvent>,
    /// The response stream: meta-tags, additional headers, body.
    pub stream: ResponseStream<'static>,
}

impl Response {
    /// The value of the first HTTP header named `name` (without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        Headers(&self.headers).get(name).map(HeaderLine::value)
    }

    /// The value of the header `name`: from the additional headers after DONE, else from the
    /// HTTP head.
    fn any_header(&self, name: &str) -> Option<&str> {
        Headers(&self.stream.additional_headers)
            .get(name)
            .or_else(|| Headers(&self.headers).get(name))
            .map(HeaderLine::value)
    }

    /// X-ResponseCode ([MS-OXCMAPIHTTP] 2.2.3.3.3): an additional header after DONE (a server
    /// that only knows the outcome when done puts it there) wins over the HTTP head's.
    pub fn response_code(&self) -> Result<Option<ResponseCode>, ClientError> {
        match response_code(&self.stream.additional_headers)? {
            Some(c) => Ok(Some(c)),
            None => response_code(&self.headers),
        }
    }

    /// X-ElapsedTime ([MS-OXCMAPIHTTP] 2.2.3.3.9): the server's time on the request, in
    /// milliseconds.
    pub fn elapsed_time(&self) -> Result<Option<u32>, ClientError> {
        match Headers(&self.stream.additional_headers).elapsed_time() {
            Ok(None) => Headers(&self.headers).elapsed_time(),
            other => other,
        }
        .map_err(ClientError::Header)
    }

    /// X-StartTime ([MS-OXCMAPIHTTP] 2.2.3.3.10) as sent: when the server started the
    /// request, an HTTP date.
    pub fn start_time_text(&self) -> Option<&str> {
        self.any_header("X-StartTime")
    }

    /// X-StartTime as a date and time (`None` when absent; an error when it is no HTTP date).
    pub fn start_time(&self) -> Result<Option<OffsetDateTime>, ClientError> {
        let Some(text) = self.start_time_text() else {
            return Ok(None);
        };
        OffsetDateTime::parse(text, &Rfc2822)
            .map(Some)
            .map_err(|_| ClientError::Header(invalid_start_time()))
    }

    /// The response body (after the additional headers).
    pub fn body(&self) -> &[u8] {
        &self.stream.body
    }

    /// The response, if its X-ResponseCode is 0; else the typed error for the code
    /// ([`ClientError::SessionExpired`] for 6 and 10, [`ClientError::Rejected`] for others,
    /// [`ClientError::MissingResponseCode`] without one).
    pub fn ok(self) -> Result<Response, ClientError> {
        self.check()?;
        Ok(self)
    }

    /// The verdict of X-ResponseCode, as [`Response::ok`] gives it.
    pub fn check(&self) -> Result<(), ClientError> {
        match self.response_code()? {
            Some(ResponseCode::SUCCESS) => Ok(()),
            Some(code) => Err(code_error(self.endpoint, self.request_type, code)),
            None => Err(ClientError::MissingResponseCode),
        }
    }

    /// The success fields of the body, decoded: the request type must be the call's,
    /// X-ResponseCode and StatusCode must be 0 (ErrorCode is in the fields, for the caller).
    pub fn fields<'a, S: ResponseFields<'a>>(&'a self, limits: Limits) -> Result<S, ClientError> {
        if S::REQUEST_TYPE != self.request_type {
            return Err(ClientError::WrongRequestType {
                call: self.request_type,
                asked: S::REQUEST_TYPE,
            });
        }
        self.check()?;
        let body = ResponseBody::<S>::decode_exact(self.body(), limits)?;
        match body.body {
            Outcome::Success(s) => Ok(s),
            Outcome::Failure(_) => Err(ClientError::StatusCode {
                request_type: self.request_type,
                status_code: body.status_code,
            }),
        }
    }
}

fn invalid_start_time() -> crate::wire::DecodeError {
    crate::wire::DecodeError::new(
        crate::wire::ErrorKind::InvalidValue {
            what: "X-StartTime is an HTTP date",
            value: 0,
        },
        0,
    )
    .in_field("X-StartTime")
}

/// Whether `code` says the Session Context is gone ([MS-OXCMAPIHTTP] 2.2.3.3.3: 6 Invalid
/// Context Cookie, 10 Context Not Found; 3.2.5.6: the client connects again).
pub fn ends_session(code: ResponseCode) -> bool {
    code == ResponseCode::INVALID_CONTEXT_COOKIE || code == ResponseCode::CONTEXT_NOT_FOUND
}

/// The typed error of a nonzero X-ResponseCode.
pub(super) fn code_error(
    endpoint: Endpoint,
    request_type: RequestType<'static>,
    code: ResponseCode,
) -> ClientError {
    if ends_session(code) {
        ClientError::SessionExpired { endpoint, code }
    } else {
        ClientError::Rejected { request_type, code }
    }
}

/// Builds a [`Response`] from a finished reader.
pub(super) fn into_response(reader: ResponseReader) -> Result<Response, ClientError> {
    let stream = reader.decoder.finish()?;
    Ok(Response {
        call: reader.call,
        endpoint: reader.endpoint,
        request_type: reader.request_type,
        status: reader.status,
        headers: reader.headers,
        events: reader.events,
        stream,
    })
}
