//! What can go wrong on the client side of a call.

use std::fmt;

use super::CallId;
use crate::data::ErrorCode;
use crate::http::headers::{Endpoint, RequestType, ResponseCode};
use crate::wire::{DecodeError, EncodeError};

/// A failed call, or a request that could not be built.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ClientError {
    /// The call is not pending: never built by this client, already finished, or abandoned.
    UnknownCall(CallId),
    /// The HTTP status is not 200: an exceptional failure ([MS-OXCMAPIHTTP] 2.2.2.2; every
    /// other failure comes with 200 and an X-ResponseCode). The body is no response stream.
    HttpStatus {
        /// The HTTP status.
        status: u16,
        /// X-ResponseCode, if the response carried one.
        response_code: Option<ResponseCode>,
    },
    /// The response carried no X-ResponseCode (the server must send one, 2.2.3.3.3).
    MissingResponseCode,
    /// The Session Context is gone (X-ResponseCode 6 Invalid Context Cookie or 10 Context Not
    /// Found, [MS-OXCMAPIHTTP] 3.2.5.6): the endpoint's cookies were dropped; Connect (or
    /// Bind) again for a new Session Context.
    SessionExpired {
        /// The endpoint whose Session Context is gone.
        endpoint: Endpoint,
        /// The code the server gave.
        code: ResponseCode,
    },
    /// Any other nonzero X-ResponseCode ([MS-OXCMAPIHTTP] 2.2.3.3.3): the request was
    /// refused. For 15 Invalid Sequence the Session Context lives on, but the sequence
    /// cookie held is not the one the server expects (a request whose response never came
    /// moved it): Connect (or Bind) again with the cookies held re-establishes it (3.2.5.6).
    Rejected {
        /// The request type refused.
        request_type: RequestType<'static>,
        /// The code.
        code: ResponseCode,
    },
    /// X-ResponseCode was 0 but the body's StatusCode was not ([MS-OXCMAPIHTTP] 2.2.2.3).
    StatusCode {
        /// The request type.
        request_type: RequestType<'static>,
        /// StatusCode.
        status_code: u32,
    },
    /// The Execute call failed as a whole: its ErrorCode is not 0 ([MS-OXCRPC] 3.1.4.2), so
    /// no ROP was answered.
    ErrorCode {
        /// The request type.
        request_type: RequestType<'static>,
        /// ErrorCode.
        error_code: ErrorCode,
    },
    /// The response is read as the body of another request type than the call's.
    WrongRequestType {
        /// The request type of the call.
        call: RequestType<'static>,
        /// The request type of the body asked for.
        asked: RequestType<'static>,
    },
    /// The Execute call was not built by [`Client::execute`](super::Client::execute), so
    /// there are no ROP requests to pair its ROP responses with.
    NotPaired(CallId),
    /// A header the client reads (X-ResponseCode, X-ElapsedTime, ...) is malformed.
    Header(DecodeError),
    /// The response stream or body did not decode.
    Decode(DecodeError),
    /// The request could not be encoded.
    Encode(EncodeError),
}

impl ClientError {
    /// Whether the Session Context is gone and a Connect (or Bind) is needed.
    pub fn is_session_expired(&self) -> bool {
        matches!(self, ClientError::SessionExpired { .. })
    }

    /// The X-ResponseCode the error reports, if any.
    pub fn response_code(&self) -> Option<ResponseCode> {
        match self {
            ClientError::HttpStatus { response_code, .. } => *response_code,
            ClientError::SessionExpired { code, .. } | ClientError::Rejected { code, .. } => {
                Some(*code)
            }
            _ => None,
        }
    }
}

/// The code with its spec name (`10 (Context Not Found)`).
fn code_text(code: ResponseCode) -> String {
    match code.name() {
        Some(n) => format!("{} ({n})", code.0),
        None => code.0.to_string(),
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::UnknownCall(c) => write!(f, "call {} is not pending", c.0),
            ClientError::HttpStatus {
                status,
                response_code,
            } => {
                write!(f, "HTTP status {status}")?;
                match response_code {
                    Some(c) => write!(f, ", X-ResponseCode {}", code_text(*c)),
                    None => Ok(()),
                }
            }
            ClientError::MissingResponseCode => write!(f, "the response has no X-ResponseCode"),
            ClientError::SessionExpired { endpoint, code } => write!(
                f,
                "the {endpoint:?} Session Context is gone (X-ResponseCode {}): connect again",
                code_text(*code)
            ),
            ClientError::Rejected { request_type, code } => write!(
                f,
                "{} refused: X-ResponseCode {}",
                request_type.0,
                code_text(*code)
            ),
            ClientError::StatusCode {
                request_type,
                status_code,
            } => write!(f, "{} failed: StatusCode {status_code:#x}", request_type.0),
            ClientError::ErrorCode {
                request_type,
                error_code,
            } => write!(f, "{} failed: ErrorCode {error_code:?}", request_type.0),
            ClientError::WrongRequestType { call, asked } => write!(
                f,
                "the response to {} read as a {} response",
                call.0, asked.0
            ),
            ClientError::NotPaired(c) => {
                write!(f, "call {} carries no ROP requests to pair with", c.0)
            }
            ClientError::Header(e) => write!(f, "response header: {e}"),
            ClientError::Decode(e) => write!(f, "decoding the response: {e}"),
            ClientError::Encode(e) => write!(f, "encoding the request: {e}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<DecodeError> for ClientError {
    fn from(e: DecodeError) -> Self {
        ClientError::Decode(e)
    }
}

impl From<EncodeError> for ClientError {
    fn from(e: EncodeError) -> Self {
        ClientError::Encode(e)
    }
}
