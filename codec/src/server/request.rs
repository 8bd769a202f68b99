//! Requests as a server receives them ([MS-OXCMAPIHTTP] 2.2.2.1, 2.2.3, 3.2.5): the checks of
//! the request line and the common headers ([`RequestHead`]), then the body decoded by the
//! request type into one typed enum ([`Request`]); every refusal is a [`RequestError`] that
//! names the X-ResponseCode the spec prescribes for it (2.2.3.3.3).

use std::fmt;

use crate::http::emsmdb::{
    ConnectRequest, DisconnectRequest, ExecuteRequest, NotificationWaitRequest, PingBody,
};
use crate::http::headers::{
    Endpoint, GuidCounter, HeaderLine, Headers, RequestType, ResponseCode, SessionCookies,
};
use crate::nspi::{
    BindRequest, CompareMIdsRequest, DnToMIdRequest, GetAddressBookUrlRequest,
    GetMailboxUrlRequest, GetMatchesRequest, GetPropListRequest, GetPropsRequest,
    GetSpecialTableRequest, GetTemplateInfoRequest, ModLinkAttRequest, ModPropsRequest,
    QueryColumnsRequest, QueryRowsRequest, ResolveNamesRequest, ResortRestrictionRequest,
    SeekEntriesRequest, UnbindRequest, UpdateStatRequest,
};
use crate::wire::{DecodeError, ErrorKind, Limits};

/// An HTTP request as the caller's HTTP stack hands it over: the method, the request target,
/// the header lines and the body. The layer reads nothing from a socket: the caller does, and
/// bounds what it reads.
#[derive(Clone, Copy, Debug)]
pub struct HttpRequest<'a> {
    /// The method (`POST`).
    pub method: &'a str,
    /// The request target (`/mapi/emsmdb/?MailboxId=...`).
    pub target: &'a str,
    /// The header lines (Cookie lines included).
    pub headers: &'a [HeaderLine<'a>],
    /// The body; `None` when the caller stopped reading it past its own limit (the request is
    /// then answered 9 Too Large, after the header checks).
    pub body: Option<&'a [u8]>,
}

/// Why a request is refused, each with the X-ResponseCode of [MS-OXCMAPIHTTP] 2.2.3.3.3 that
/// answers it ([`RequestError::response_code`]); the response keeps HTTP status 200 (2.2.2.2:
/// these failures are not exceptional).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The method is not POST (2: Invalid Verb).
    InvalidVerb,
    /// The path is neither `/mapi/emsmdb` nor `/mapi/nspi` (3: Invalid Path).
    InvalidPath,
    /// A required header does not parse (4: Invalid Header); the header's name.
    InvalidHeader(&'static str),
    /// X-RequestType names no request type, or one of the other endpoint (5: Invalid Request
    /// Type).
    InvalidRequestType,
    /// A required header is absent (7: Missing Header); the header's name.
    MissingHeader(&'static str),
    /// The body is larger than the caller accepts, or a part of it is over a limit (a ROP
    /// buffer past 32 KB, [MS-OXCRPC] 3.1.4.2) (9: Too Large).
    TooLarge,
    /// The session context cookie names no live Session Context of this endpoint: unknown,
    /// expired, or ended by Disconnect or Unbind (10: Context Not Found, 3.2.5.6).
    ContextNotFound,
    /// The body does not decode as its request type's request body (12: Invalid Request
    /// Body); the decoder's error.
    InvalidRequestBody(DecodeError),
    /// A cookie the request needs is absent (13: Missing Cookie); the cookie's name.
    MissingCookie(&'static str),
    /// The sequence cookie is not the one the previous response set: a stale value, or a
    /// second request while one is in flight (15: Invalid Sequence).
    InvalidSequence,
}

impl RequestError {
    /// The X-ResponseCode (and failure body StatusCode) that answers this error.
    pub fn response_code(&self) -> ResponseCode {
        match self {
            RequestError::InvalidVerb => ResponseCode::INVALID_VERB,
            RequestError::InvalidPath => ResponseCode::INVALID_PATH,
            RequestError::InvalidHeader(_) => ResponseCode::INVALID_HEADER,
            RequestError::InvalidRequestType => ResponseCode::INVALID_REQUEST_TYPE,
            RequestError::MissingHeader(_) => ResponseCode::MISSING_HEADER,
            RequestError::TooLarge => ResponseCode::TOO_LARGE,
            RequestError::ContextNotFound => ResponseCode::CONTEXT_NOT_FOUND,
            RequestError::InvalidRequestBody(_) => ResponseCode::INVALID_REQUEST_BODY,
            RequestError::MissingCookie(_) => ResponseCode::MISSING_COOKIE,
            RequestError::InvalidSequence => ResponseCode::INVALID_SEQUENCE,
        }
    }

    /// The error for a body that did not decode: Too Large when a limit stopped it, else
    /// Invalid Request Body.
    pub fn from_body(e: DecodeError) -> RequestError {
        match e.kind() {
            ErrorKind::LimitExceeded { .. } => RequestError::TooLarge,
            _ => RequestError::InvalidRequestBody(e),
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.response_code();
        write!(f, "{} ({})", code.name().unwrap_or("?"), code.0)?;
        match self {
            RequestError::InvalidHeader(h) | RequestError::MissingHeader(h) => {
                write!(f, ": {h}")
            }
            RequestError::MissingCookie(c) => write!(f, ": {c}"),
            RequestError::InvalidRequestBody(e) => write!(f, ": {e}"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for RequestError {}

/// The name of the session context cookie: implementation-specific ([MS-OXCMAPIHTTP] 3.2.5.1);
/// the name the spec's examples and Exchange use.
pub const CONTEXT_COOKIE: &str = "MapiContext";
/// The name of the sequence validation cookie ([MS-OXCMAPIHTTP] 3.2.5.1).
pub const SEQUENCE_COOKIE: &str = "MapiSequence";

/// What the request line and the common request headers say ([MS-OXCMAPIHTTP] 2.2.2.1,
/// 2.2.3.3): checked in the spec's order by [`RequestHead::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestHead<'a> {
    /// The endpoint the path names.
    pub endpoint: Endpoint,
    /// X-RequestType, as the spec spells it; served by [`RequestHead::endpoint`] (PING by both).
    pub request_type: RequestType<'static>,
    /// X-RequestId (2.2.3.3.2).
    pub request_id: GuidCounter,
    /// X-ClientInfo (2.2.3.3.4).
    pub client_info: GuidCounter,
    /// The MapiContext and MapiSequence cookies of the Cookie lines.
    pub cookies: SessionCookies<'a>,
}

impl<'a> RequestHead<'a> {
    /// Checks the method, the path, the required headers (X-RequestType, X-RequestId,
    /// X-ClientInfo) and the request type against the endpoint, in that order.
    pub fn parse(
        method: &str,
        target: &str,
        headers: &'a [HeaderLine<'a>],
    ) -> Result<RequestHead<'a>, RequestError> {
        if method != "POST" {
            return Err(RequestError::InvalidVerb);
        }
        let endpoint = Endpoint::from_target(target).ok_or(RequestError::InvalidPath)?;
        let h = Headers(headers);
        let rt = h
            .request_type()
            .ok_or(RequestError::MissingHeader("X-RequestType"))?;
        let request_id = required(h.request_id(), "X-RequestId")?;
        let client_info = required(h.client_info(), "X-ClientInfo")?;
        let request_type = rt.canonical().ok_or(RequestError::InvalidRequestType)?;
        if request_type.endpoint().is_some_and(|e| e != endpoint) {
            return Err(RequestError::InvalidRequestType);
        }
        Ok(RequestHead {
            endpoint,
            request_type,
            request_id,
            client_info,
            cookies: h.request_cookies(),
        })
    }

    /// Whether the request creates a Session Context (Connect, Bind: 3.2.5.1).
    pub fn creates_session(&self) -> bool {
        [RequestType::CONNECT, RequestType::BIND].contains(&self.request_type)
    }

    /// Whether the request needs a Session Context: every request type but Connect, Bind and
    /// PING.
    pub fn needs_session(&self) -> bool {
        !self.creates_session() && self.request_type != RequestType::PING
    }

    /// Whether the request ends its Session Context (Disconnect, Unbind: 3.2.5.4).
    pub fn ends_session(&self) -> bool {
        [RequestType::DISCONNECT, RequestType::UNBIND].contains(&self.request_type)
    }

    /// Whether the request takes part in sequence validation: every request in a session but
    /// NotificationWait, which a client keeps outstanding beside its other requests.
    pub fn is_sequenced(&self) -> bool {
        self.needs_session() && self.request_type != RequestType::NOTIFICATION_WAIT
    }
}

fn required(
    value: Result<Option<GuidCounter>, DecodeError>,
    name: &'static str,
) -> Result<GuidCounter, RequestError> {
    match value {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(RequestError::MissingHeader(name)),
        Err(_) => Err(RequestError::InvalidHeader(name)),
    }
}

/// The one table of request bodies: variant, request type constant, body type.
macro_rules! requests {
    ($($(#[$doc:meta])* $v:ident($rt:ident, $t:ty);)*) => {
        /// A request body of either endpoint, by X-RequestType ([MS-OXCMAPIHTTP] 2.2.4 mailbox,
        /// 2.2.5 address book, 2.2.6 PING): every request type the spec defines.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Request<'a> {
            $($(#[$doc])* $v($t),)*
        }

        impl<'a> $crate::wire::IntoOwned for Request<'a> {
            type Owned = Request<'static>;
            fn into_owned(self) -> Request<'static> {
                match self {
                    $(Request::$v(b) => Request::$v($crate::wire::IntoOwned::into_owned(b)),)*
                }
            }
        }

        /// The request body of X-RequestType `request_type` (a request type the spec defines:
        /// another fails with an [`ErrorKind::InvalidValue`] naming X-RequestType).
        /// `Request::decode_with_exact(body, request_type, limits)` reads a whole body.
        impl<'a, 'r> $crate::wire::DecodeWith<'a, RequestType<'r>> for Request<'a> {
            fn decode_with_from(
                r: &mut $crate::wire::Reader<'a>,
                request_type: RequestType<'r>,
            ) -> Result<Request<'a>, DecodeError> {
                $(
                    if request_type == RequestType::$rt {
                        return <$t as $crate::wire::Decode<'a>>::decode_from(r).map(Request::$v);
                    }
                )*
                Err(r.invalid_at(r.offset(), "X-RequestType", 0))
            }
        }

        impl<'a> Request<'a> {
            /// Decodes `body` as the request body of `request_type`, the whole body used, with
            /// the X-ResponseCode of a failure ([`RequestError::response_code`]): 2 Invalid
            /// Request Type for a type the spec does not define, 12 Invalid Request Body for a
            /// body that does not decode, 13 for one over `limits`.
            pub fn from_body(
                request_type: RequestType<'_>,
                body: &'a [u8],
                limits: Limits,
            ) -> Result<Request<'a>, RequestError> {
                if !RequestType::ALL.contains(&request_type) {
                    return Err(RequestError::InvalidRequestType);
                }
                <Request<'a> as $crate::wire::DecodeWith<'a, RequestType<'_>>>::decode_with_exact(
                    body,
                    request_type,
                    limits,
                )
                .map_err(RequestError::from_body)
            }

            /// The request type of this body, as the spec spells it.
            pub fn request_type(&self) -> RequestType<'static> {
                match self {
                    $(Request::$v(_) => RequestType::$rt,)*
                }
            }
        }
    };
}

requests! {
    /// Connect ([MS-OXCMAPIHTTP] 2.2.4.1.1).
    Connect(CONNECT, ConnectRequest<'a>);
    /// Execute (2.2.4.2.1).
    Execute(EXECUTE, ExecuteRequest<'a>);
    /// Disconnect (2.2.4.3.1).
    Disconnect(DISCONNECT, DisconnectRequest<'a>);
    /// NotificationWait (2.2.4.4.1).
    NotificationWait(NOTIFICATION_WAIT, NotificationWaitRequest<'a>);
    /// PING (2.2.6): no body.
    Ping(PING, PingBody);
    /// Bind (2.2.5.1.1).
    Bind(BIND, BindRequest<'a>);
    /// Unbind (2.2.5.2.1).
    Unbind(UNBIND, UnbindRequest<'a>);
    /// CompareMIds (2.2.5.3.1).
    CompareMIds(COMPARE_MIDS, CompareMIdsRequest<'a>);
    /// DNToMId (2.2.5.4.1).
    DnToMId(DN_TO_MID, DnToMIdRequest<'a>);
    /// GetMatches (2.2.5.5.1).
    GetMatches(GET_MATCHES, GetMatchesRequest<'a>);
    /// GetPropList (2.2.5.6.1).
    GetPropList(GET_PROP_LIST, GetPropListRequest<'a>);
    /// GetProps (2.2.5.7.1).
    GetProps(GET_PROPS, GetPropsRequest<'a>);
    /// GetSpecialTable (2.2.5.8.1).
    GetSpecialTable(GET_SPECIAL_TABLE, GetSpecialTableRequest<'a>);
    /// GetTemplateInfo (2.2.5.9.1).
    GetTemplateInfo(GET_TEMPLATE_INFO, GetTemplateInfoRequest<'a>);
    /// ModLinkAtt (2.2.5.10.1).
    ModLinkAtt(MOD_LINK_ATT, ModLinkAttRequest<'a>);
    /// ModProps (2.2.5.11.1).
    ModProps(MOD_PROPS, ModPropsRequest<'a>);
    /// QueryColumns (2.2.5.13.1).
    QueryColumns(QUERY_COLUMNS, QueryColumnsRequest<'a>);
    /// QueryRows (2.2.5.12.1).
    QueryRows(QUERY_ROWS, QueryRowsRequest<'a>);
    /// ResolveNames (2.2.5.14.1).
    ResolveNames(RESOLVE_NAMES, ResolveNamesRequest<'a>);
    /// ResortRestriction (2.2.5.15.1).
    ResortRestriction(RESORT_RESTRICTION, ResortRestrictionRequest<'a>);
    /// SeekEntries (2.2.5.16.1).
    SeekEntries(SEEK_ENTRIES, SeekEntriesRequest<'a>);
    /// UpdateStat (2.2.5.17.1).
    UpdateStat(UPDATE_STAT, UpdateStatRequest<'a>);
    /// GetMailboxUrl (2.2.5.18.1).
    GetMailboxUrl(GET_MAILBOX_URL, GetMailboxUrlRequest<'a>);
    /// GetAddressBookUrl (2.2.5.19.1).
    GetAddressBookUrl(GET_ADDRESS_BOOK_URL, GetAddressBookUrlRequest<'a>);
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "E2EA6C1C-E61B-49E9-9CFB-38184F907552:7";
    const INFO: &str = "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1";

    fn lines(pairs: &[(&str, &str)]) -> Vec<HeaderLine<'static>> {
        pairs
            .iter()
            .map(|(n, v)| HeaderLine::new(n, v).unwrap())
            .collect()
    }

    fn head(
        method: &str,
        target: &str,
        pairs: &[(&str, &str)],
    ) -> Result<(Endpoint, RequestType<'static>), ResponseCode> {
        let h = lines(pairs);
        RequestHead::parse(method, target, &h)
            .map(|h| (h.endpoint, h.request_type))
            .map_err(|e| e.response_code())
    }

    fn std_headers(rt: &str) -> Vec<(&str, &str)> {
        vec![
            ("X-RequestType", rt),
            ("X-RequestId", ID),
            ("X-ClientInfo", INFO),
        ]
    }

    #[test]
    fn request_type_errors_get_the_spec_codes() {
        let ok = std_headers("execute");
        assert_eq!(
            head("POST", "/mapi/emsmdb/?MailboxId=a@b", &ok),
            Ok((Endpoint::Mailbox, RequestType::EXECUTE))
        );
        // 2.2.3.3.3: 2 Invalid Verb, 3 Invalid Path.
        assert_eq!(head("GET", "/mapi/emsmdb", &ok), Err(ResponseCode(2)));
        assert_eq!(head("POST", "/owa/", &ok), Err(ResponseCode(3)));
        // 5 Invalid Request Type: unknown, and one the other endpoint serves.
        let unknown = std_headers("Frobnicate");
        assert_eq!(head("POST", "/mapi/emsmdb", &unknown), Err(ResponseCode(5)));
        let bind = std_headers("Bind");
        assert_eq!(head("POST", "/mapi/emsmdb", &bind), Err(ResponseCode(5)));
        assert_eq!(
            head("POST", "/mapi/nspi", &bind),
            Ok((Endpoint::AddressBook, RequestType::BIND))
        );
        // PING is served by both endpoints.
        let ping = std_headers("PING");
        assert!(head("POST", "/mapi/nspi/", &ping).is_ok());
        // 7 Missing Header, 4 Invalid Header.
        assert_eq!(head("POST", "/mapi/emsmdb", &ok[1..]), Err(ResponseCode(7)));
        assert_eq!(head("POST", "/mapi/emsmdb", &ok[..2]), Err(ResponseCode(7)));
        let mut bad = ok.clone();
        bad[1].1 = "not-a-guid:1";
        assert_eq!(head("POST", "/mapi/emsmdb", &bad), Err(ResponseCode(4)));
    }

    #[test]
    fn request_bodies_decode_by_request_type() {
        // Disconnect: AuxiliaryBufferSize 0.
        let r = Request::from_body(RequestType::DISCONNECT, &[0; 4], Limits::DEFAULT).unwrap();
        assert_eq!(r.request_type(), RequestType::DISCONNECT);
        // An NSPI Unbind request: Reserved, AuxiliaryBufferSize.
        let r = Request::from_body(RequestType::UNBIND, &[0; 8], Limits::DEFAULT).unwrap();
        assert!(matches!(r, Request::Unbind(_)));
        // The same through the codec's trait, the request type as the context.
        let r = <Request<'_> as crate::wire::DecodeWith<'_, RequestType<'_>>>::decode_with_exact(
            &[0; 8],
            RequestType::UNBIND,
            Limits::DEFAULT,
        )
        .unwrap();
        assert!(matches!(r, Request::Unbind(_)));
        // PING has no body.
        assert!(matches!(
            Request::from_body(RequestType::PING, &[], Limits::DEFAULT),
            Ok(Request::Ping(_))
        ));
        // 12 Invalid Request Body: short, or with bytes left over.
        for body in [&[0u8; 3][..], &[0; 5]] {
            let e = Request::from_body(RequestType::DISCONNECT, body, Limits::DEFAULT).unwrap_err();
            assert_eq!(e.response_code(), ResponseCode(12), "{body:?}");
        }
        // Every request type of the spec has a body decoder.
        for rt in RequestType::ALL {
            let e = Request::from_body(*rt, &[0xFF; 3], Limits::DEFAULT);
            assert!(
                !matches!(e, Err(RequestError::InvalidRequestType)),
                "{rt:?}"
            );
        }
    }

    #[test]
    fn cookies_come_from_cookie_lines_only() {
        let mut pairs = std_headers("Execute");
        pairs.push(("Cookie", "MapiContext=abc; Other=1"));
        pairs.push(("Cookie", "MapiSequence=s1"));
        // Last, so that it would win if it were read.
        pairs.push(("Set-Cookie", "MapiSequence=zzz"));
        let h = lines(&pairs);
        let head = RequestHead::parse("POST", "/mapi/emsmdb", &h).unwrap();
        assert_eq!(head.cookies.mapi_context, Some("abc"));
        assert_eq!(head.cookies.mapi_sequence, Some("s1"));
        // The display reading takes both kinds of line.
        assert_eq!(Headers(&h).session_cookies().mapi_sequence, Some("zzz"));
        assert!(head.is_sequenced());
        assert!(!head.ends_session());
    }
}
