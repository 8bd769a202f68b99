//! What a request is on the wire ([MS-OXCMAPIHTTP] 2.2.2.1), and which body goes with which
//! request type: the request bodies of both endpoints (2.2.4, 2.2.5) name their X-RequestType,
//! the success bodies of their responses name theirs.

use super::CallId;
use crate::data::ErrorCode;
use crate::http::emsmdb::{
    ConnectRequest, ConnectSuccess, DisconnectRequest, DisconnectSuccess, ExecuteRequest,
    ExecuteSuccess, NotificationWaitRequest, NotificationWaitSuccess,
};
use crate::http::headers::{Endpoint, HeaderLine, RequestType};
use crate::nspi::{
    BindRequest, BindResponse, CompareMIdsRequest, CompareMIdsResponse, DnToMIdRequest,
    DnToMIdResponse, GetAddressBookUrlRequest, GetAddressBookUrlResponse, GetMailboxUrlRequest,
    GetMailboxUrlResponse, GetMatchesRequest, GetMatchesResponse, GetPropListRequest,
    GetPropListResponse, GetPropsRequest, GetPropsResponse, GetSpecialTableRequest,
    GetSpecialTableResponse, GetTemplateInfoRequest, GetTemplateInfoResponse, ModLinkAttRequest,
    ModLinkAttResponse, ModPropsRequest, ModPropsResponse, QueryColumnsRequest,
    QueryColumnsResponse, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, ResortRestrictionRequest, ResortRestrictionResponse, SeekEntriesRequest,
    SeekEntriesResponse, UnbindRequest, UnbindResponse, UpdateStatRequest, UpdateStatResponse,
};
use crate::wire::{Decode, Encode};

/// The Content-Type of every request and response ([MS-OXCMAPIHTTP] 2.2.3.2.2).
pub const CONTENT_TYPE: &str = "application/mapi-http";

/// [MS-OXCMAPIHTTP] 2.2.2.1 a request to send: POST to the endpoint's path with the protocol's
/// headers (Content-Type, X-RequestType, X-RequestId, X-ClientInfo, X-ClientApplication and the
/// Session Context's cookies) and the body. Host, Content-Length and authentication are the
/// HTTP stack's. Every field may be changed before sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The call to hand back with the response ([`Client::response`](super::Client::response)).
    pub call: CallId,
    /// The method: `POST`.
    pub method: &'static str,
    /// The request target: the endpoint's path (`/mapi/emsmdb/`, `/mapi/nspi/`, or the
    /// configured one).
    pub path: String,
    /// The header lines, in order.
    pub headers: Vec<HeaderLine<'static>>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The value of the first header named `name` (without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.is(name)).map(|h| h.value())
    }
}

/// A request body of [MS-OXCMAPIHTTP] 2.2.4 or 2.2.5: its X-RequestType (which names its
/// endpoint) and the success fields of its response.
pub trait RequestBody: Encode {
    /// The request type the body is sent with.
    const REQUEST_TYPE: RequestType<'static>;
    /// The success fields of the response body (after StatusCode).
    type Success<'a>: ResponseFields<'a>;

    /// The endpoint that serves the request type.
    fn endpoint() -> Endpoint {
        Self::REQUEST_TYPE.endpoint().unwrap_or(Endpoint::Mailbox)
    }
}

/// The success fields of a response body (after StatusCode 0): the request type they answer
/// and the ErrorCode they carry.
pub trait ResponseFields<'a>: Decode<'a> {
    /// The request type these fields answer.
    const REQUEST_TYPE: RequestType<'static>;

    /// ErrorCode: the return status of the operation (0 is success; address book warnings
    /// such as ErrorsReturned are nonzero too, so reading it is the caller's).
    fn error_code(&self) -> ErrorCode;
}

/// One line of the table: the request body, the success fields of its response, the request
/// type.
macro_rules! bodies {
    ($($req:ident => $resp:ident, $rt:ident;)*) => {$(
        impl RequestBody for $req<'_> {
            const REQUEST_TYPE: RequestType<'static> = RequestType::$rt;
            type Success<'a> = $resp<'a>;
        }

        impl<'a> ResponseFields<'a> for $resp<'a> {
            const REQUEST_TYPE: RequestType<'static> = RequestType::$rt;
            fn error_code(&self) -> ErrorCode {
                self.error_code
            }
        }
    )*};
}

bodies! {
    ConnectRequest => ConnectSuccess, CONNECT;
    ExecuteRequest => ExecuteSuccess, EXECUTE;
    DisconnectRequest => DisconnectSuccess, DISCONNECT;
    NotificationWaitRequest => NotificationWaitSuccess, NOTIFICATION_WAIT;
    BindRequest => BindResponse, BIND;
    UnbindRequest => UnbindResponse, UNBIND;
    CompareMIdsRequest => CompareMIdsResponse, COMPARE_MIDS;
    DnToMIdRequest => DnToMIdResponse, DN_TO_MID;
    GetMatchesRequest => GetMatchesResponse, GET_MATCHES;
    GetPropListRequest => GetPropListResponse, GET_PROP_LIST;
    GetPropsRequest => GetPropsResponse, GET_PROPS;
    GetSpecialTableRequest => GetSpecialTableResponse, GET_SPECIAL_TABLE;
    GetTemplateInfoRequest => GetTemplateInfoResponse, GET_TEMPLATE_INFO;
    ModLinkAttRequest => ModLinkAttResponse, MOD_LINK_ATT;
    ModPropsRequest => ModPropsResponse, MOD_PROPS;
    QueryColumnsRequest => QueryColumnsResponse, QUERY_COLUMNS;
    QueryRowsRequest => QueryRowsResponse, QUERY_ROWS;
    ResolveNamesRequest => ResolveNamesResponse, RESOLVE_NAMES;
    ResortRestrictionRequest => ResortRestrictionResponse, RESORT_RESTRICTION;
    SeekEntriesRequest => SeekEntriesResponse, SEEK_ENTRIES;
    UpdateStatRequest => UpdateStatResponse, UPDATE_STAT;
    GetMailboxUrlRequest => GetMailboxUrlResponse, GET_MAILBOX_URL;
    GetAddressBookUrlRequest => GetAddressBookUrlResponse, GET_ADDRESS_BOOK_URL;
}

/// Whether a request of this type creates a Session Context ([MS-OXCMAPIHTTP] 3.1.5.1).
pub(super) fn creates_context(rt: RequestType<'_>) -> bool {
    rt == RequestType::CONNECT || rt == RequestType::BIND
}

/// Whether a request of this type ends the Session Context (2.2.4.3, 2.2.5.2).
pub(super) fn ends_context(rt: RequestType<'_>) -> bool {
    rt == RequestType::DISCONNECT || rt == RequestType::UNBIND
}
