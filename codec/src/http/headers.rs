//! [MS-OXCMAPIHTTP] 2.2.3 header fields as typed values: the request types (X-RequestType), the
//! X- headers of requests and responses, and the session cookies.
//!
//! Header lines are kept as they came ([`HeaderLine`]); the typed values are read from them on
//! request ([`Headers`]), so a message re-encodes byte for byte whatever its headers hold.

use crate::wire::named_code;
use std::borrow::Cow;
use std::fmt;

use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, ErrorKind, Guid};

/// One header line, `Name: value`, without its CRLF (RFC 7230 3.2). Only visible ASCII,
/// space and tab are accepted (obs-text and obs-fold are refused).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HeaderLine<'a> {
    line: Cow<'a, str>,
    colon: usize,
    /// Offset of the line in the message it was read from (0 for built lines).
    pub at: usize,
}

/// The token characters of RFC 7230 3.2.6 (letters, digits, ``!#$%&'*+-.^_`|~``), by byte.
const TCHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    let others = b"!#$%&'*+-.^_`|~";
    while i < others.len() {
        t[others[i] as usize] = true;
        i += 1;
    }
    t
};

fn is_tchar(b: u8) -> bool {
    TCHAR[usize::from(b)]
}

/// Whether each of the eight bytes of `x` is visible ASCII or a space (0x20 to 0x7E): most
/// of a header value, checked a word at a time.
fn all_visible(x: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // With no byte from 0x80 up (the last term), adding 1 carries out of no byte: a byte
    // reaches 0x80 exactly when it is 0x7F; and some byte is below 0x20 exactly when the
    // first term is not zero.
    let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let del = x.wrapping_add(ONES) & HIGH;
    below | del | (x & HIGH) == 0
}

/// The index of the first byte of `v` that may not be in a header value (visible ASCII,
/// space and tab are).
fn first_bad_value_byte(v: &[u8]) -> Option<usize> {
    let mut i = 0;
    for chunk in v.chunks_exact(8) {
        let Ok(c) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        if !all_visible(u64::from_ne_bytes(c)) {
            break;
        }
        i += 8;
    }
    v[i..]
        .iter()
        .position(|&b| !(b == b'\t' || (0x20..0x7F).contains(&b)))
        .map(|j| i + j)
}

impl<'a> HeaderLine<'a> {
    /// Reads a header line (without CRLF) found at offset `at`.
    pub fn parse(line: &'a [u8], at: usize) -> Result<Self, DecodeError> {
        let bad = |i: usize, what| {
            DecodeError::new(
                ErrorKind::InvalidValue {
                    what,
                    value: line.get(i).copied().unwrap_or(0).into(),
                },
                at + i,
            )
        };
        let colon = line
            .iter()
            .position(|&b| b == b':')
            .ok_or_else(|| bad(0, "a header line needs a ':'"))?;
        if colon == 0 {
            return Err(bad(0, "empty header name"));
        }
        if let Some(i) = line[..colon].iter().position(|&b| !is_tchar(b)) {
            return Err(bad(i, "a header name holds only token characters"));
        }
        if let Some(i) = first_bad_value_byte(&line[colon..]) {
            return Err(bad(
                colon + i,
                "a header value holds visible ASCII, space or tab",
            ));
        }
        // All ASCII, checked above.
        let line = std::str::from_utf8(line).map_err(|_| bad(0, "header line is not ASCII"))?;
        Ok(HeaderLine {
            line: Cow::Borrowed(line),
            colon,
            at,
        })
    }

    /// A line `name: value` built by a sender.
    pub fn new(name: &str, value: &str) -> Result<HeaderLine<'static>, crate::wire::EncodeError> {
        let text = format!("{name}: {value}");
        let parsed = HeaderLine::parse(text.as_bytes(), 0).map_err(|_| {
            crate::wire::EncodeError::invalid(
                "header name must be a token and the value visible ASCII",
            )
        })?;
        let colon = parsed.colon;
        Ok(HeaderLine {
            line: Cow::Owned(text),
            colon,
            at: 0,
        })
    }

    /// The field name as sent.
    pub fn name(&self) -> &str {
        &self.line[..self.colon]
    }

    /// The field value without the whitespace around it.
    pub fn value(&self) -> &str {
        self.line[self.colon + 1..].trim_matches(|c| c == ' ' || c == '\t')
    }

    /// The whole line as sent (without CRLF).
    pub fn as_str(&self) -> &str {
        &self.line
    }

    /// Whether the name is `name`, without regard to ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.name().eq_ignore_ascii_case(name)
    }

    /// An owned copy.
    pub fn into_owned(self) -> HeaderLine<'static> {
        crate::wire::IntoOwned::into_owned(self)
    }

    fn invalid(&self, what: &'static str) -> DecodeError {
        DecodeError::new(ErrorKind::InvalidValue { what, value: 0 }, self.at).in_field("Header")
    }
}

impl fmt::Debug for HeaderLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.1 the value of X-RequestType: an open code, compared without
/// regard to ASCII case (as servers compare it).
#[derive(Clone, Copy, Debug, Eq)]
pub struct RequestType<'a>(pub &'a str);

impl PartialEq for RequestType<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl std::hash::Hash for RequestType<'_> {
    /// Hashes the value without regard to ASCII case, as it compares.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
    }
}

/// The two endpoints of [MS-OXCMAPIHTTP] 2.2.4 and 2.2.5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// The mailbox server endpoint (EMSMDB), `/mapi/emsmdb`.
    Mailbox,
    /// The address book server endpoint (NSPI), `/mapi/nspi`.
    AddressBook,
}

impl Endpoint {
    /// The endpoint of a request target (`/mapi/emsmdb/?MailboxId=...`), by its path.
    pub fn from_target(target: &str) -> Option<Endpoint> {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_end_matches('/').to_ascii_lowercase();
        if path.ends_with("/mapi/emsmdb") {
            Some(Endpoint::Mailbox)
        } else if path.ends_with("/mapi/nspi") {
            Some(Endpoint::AddressBook)
        } else {
            None
        }
    }
}

/// The one table of request types: constant, X-RequestType value, the kebab-case name of
/// its body kinds (`query-rows` in `nspi-query-rows-response`), and its endpoint.
macro_rules! request_types {
    ($($name:ident = $text:literal, $kebab:literal, $ep:expr;)*) => {
        impl RequestType<'static> {
            $(
                #[doc = concat!("`", $text, "` ([MS-OXCMAPIHTTP] 2.2.3.3.1).")]
                pub const $name: RequestType<'static> = RequestType($text);
            )*

            /// Every request type the spec defines, mailbox endpoint first.
            pub const ALL: &'static [RequestType<'static>] = &[$(RequestType::$name,)*];
        }

        const KNOWN: &[(&str, &str, Option<Endpoint>)] = &[$(($text, $kebab, $ep),)*];
    };
}

request_types! {
    CONNECT = "Connect", "connect", Some(Endpoint::Mailbox);
    EXECUTE = "Execute", "execute", Some(Endpoint::Mailbox);
    DISCONNECT = "Disconnect", "disconnect", Some(Endpoint::Mailbox);
    NOTIFICATION_WAIT = "NotificationWait", "notification-wait", Some(Endpoint::Mailbox);
    PING = "PING", "ping", None;
    BIND = "Bind", "bind", Some(Endpoint::AddressBook);
    UNBIND = "Unbind", "unbind", Some(Endpoint::AddressBook);
    COMPARE_MIDS = "CompareMIds", "compare-mids", Some(Endpoint::AddressBook);
    DN_TO_MID = "DNToMId", "dn-to-mid", Some(Endpoint::AddressBook);
    GET_MATCHES = "GetMatches", "get-matches", Some(Endpoint::AddressBook);
    GET_PROP_LIST = "GetPropList", "get-prop-list", Some(Endpoint::AddressBook);
    GET_PROPS = "GetProps", "get-props", Some(Endpoint::AddressBook);
    GET_SPECIAL_TABLE = "GetSpecialTable", "get-special-table", Some(Endpoint::AddressBook);
    GET_TEMPLATE_INFO = "GetTemplateInfo", "get-template-info", Some(Endpoint::AddressBook);
    MOD_LINK_ATT = "ModLinkAtt", "mod-link-att", Some(Endpoint::AddressBook);
    MOD_PROPS = "ModProps", "mod-props", Some(Endpoint::AddressBook);
    QUERY_COLUMNS = "QueryColumns", "query-columns", Some(Endpoint::AddressBook);
    QUERY_ROWS = "QueryRows", "query-rows", Some(Endpoint::AddressBook);
    RESOLVE_NAMES = "ResolveNames", "resolve-names", Some(Endpoint::AddressBook);
    RESORT_RESTRICTION = "ResortRestriction", "resort-restriction", Some(Endpoint::AddressBook);
    SEEK_ENTRIES = "SeekEntries", "seek-entries", Some(Endpoint::AddressBook);
    UPDATE_STAT = "UpdateStat", "update-stat", Some(Endpoint::AddressBook);
    GET_MAILBOX_URL = "GetMailboxUrl", "get-mailbox-url", Some(Endpoint::AddressBook);
    GET_ADDRESS_BOOK_URL = "GetAddressBookUrl", "get-address-book-url", Some(Endpoint::AddressBook);
}

impl<'a> RequestType<'a> {
    fn known(&self) -> Option<&'static (&'static str, &'static str, Option<Endpoint>)> {
        KNOWN
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(self.0))
    }

    /// The spec's spelling, if the value is a request type the spec defines.
    pub fn name(&self) -> Option<&'static str> {
        self.known().map(|k| k.0)
    }

    /// The endpoint that serves this request type; `None` for PING (both do) and for unknown
    /// values.
    pub fn endpoint(&self) -> Option<Endpoint> {
        self.known().and_then(|k| k.2)
    }

    /// The request type the spec defines under this value, spelled as the spec spells it.
    pub fn canonical(&self) -> Option<RequestType<'static>> {
        self.known().map(|k| RequestType(k.0))
    }

    /// The kebab-case name of the request type (`query-rows`), if the spec defines it.
    pub fn kebab_name(&self) -> Option<&'static str> {
        self.known().map(|k| k.1)
    }
}

/// Which way a body travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Direction {
    /// Client to server: a request body.
    Request,
    /// Server to client: a response body.
    Response,
}

/// Which body a byte string holds: a request type the spec defines and the direction; what
/// the body enums of both endpoints decode with ([`EmsmdbBody`](super::emsmdb::EmsmdbBody),
/// [`NspiBody`](crate::nspi::NspiBody)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BodyKind {
    /// The request type, as the spec spells it.
    pub request_type: RequestType<'static>,
    /// Request or response.
    pub direction: Direction,
}

impl BodyKind {
    /// The kind of `request_type`'s bodies travelling in `direction`; `None` when the spec
    /// does not define the request type (compared without regard to ASCII case).
    pub fn new(request_type: &str, direction: Direction) -> Option<BodyKind> {
        let request_type = RequestType(request_type).canonical()?;
        Some(BodyKind {
            request_type,
            direction,
        })
    }

    /// Every kind, each request type's request then its response.
    pub fn all() -> impl Iterator<Item = BodyKind> {
        RequestType::ALL.iter().flat_map(|&request_type| {
            [Direction::Request, Direction::Response].map(|direction| BodyKind {
                request_type,
                direction,
            })
        })
    }

    /// The endpoint whose bodies this kind names (PING: the mailbox's).
    pub fn endpoint(&self) -> Endpoint {
        self.request_type.endpoint().unwrap_or(Endpoint::Mailbox)
    }

    /// The name of the kind on the command line: the request type in kebab case, prefixed
    /// with `nspi-` for the address book, then `-request` or `-response`
    /// (`execute-request`, `nspi-query-rows-response`).
    pub fn cli_name(&self) -> String {
        let prefix = match self.endpoint() {
            Endpoint::AddressBook => "nspi-",
            Endpoint::Mailbox => "",
        };
        let dir = match self.direction {
            Direction::Request => "request",
            Direction::Response => "response",
        };
        format!(
            "{prefix}{}-{dir}",
            self.request_type.kebab_name().unwrap_or_default()
        )
    }

    /// The kind a command-line name names ([`BodyKind::cli_name`]).
    pub fn from_cli_name(name: &str) -> Option<BodyKind> {
        BodyKind::all().find(|k| k.cli_name() == name)
    }
}

named_code! {
    /// [MS-OXCMAPIHTTP] 2.2.3.3.3 the value of X-ResponseCode, an open code (the name is the
    /// spec's description of the code).
    pub struct ResponseCode(u32);
    /// 0: the request was properly formatted and accepted.
    SUCCESS = 0 => "Success",
    /// 1: Unknown Failure.
    UNKNOWN_FAILURE = 1 => "Unknown Failure",
    /// 2: Invalid Verb.
    INVALID_VERB = 2 => "Invalid Verb",
    /// 3: Invalid Path.
    INVALID_PATH = 3 => "Invalid Path",
    /// 4: Invalid Header.
    INVALID_HEADER = 4 => "Invalid Header",
    /// 5: Invalid Request Type.
    INVALID_REQUEST_TYPE = 5 => "Invalid Request Type",
    /// 6: the session context cookie is invalid.
    INVALID_CONTEXT_COOKIE = 6 => "Invalid Context Cookie",
    /// 7: Missing Header.
    MISSING_HEADER = 7 => "Missing Header",
    /// 8: Anonymous Not Allowed.
    ANONYMOUS_NOT_ALLOWED = 8 => "Anonymous Not Allowed",
    /// 9: Too Large.
    TOO_LARGE = 9 => "Too Large",
    /// 10: the Session Context is not found.
    CONTEXT_NOT_FOUND = 10 => "Context Not Found",
    /// 11: No Privilege.
    NO_PRIVILEGE = 11 => "No Privilege",
    /// 12: Invalid Request Body.
    INVALID_REQUEST_BODY = 12 => "Invalid Request Body",
    /// 13: Missing Cookie.
    MISSING_COOKIE = 13 => "Missing Cookie",
    /// 14: Reserved.
    RESERVED = 14 => "Reserved",
    /// 15: more than one request at a time in a Session Context.
    INVALID_SEQUENCE = 15 => "Invalid Sequence",
    /// 16: Endpoint Disabled.
    ENDPOINT_DISABLED = 16 => "Endpoint Disabled",
    /// 17: Invalid Response.
    INVALID_RESPONSE = 17 => "Invalid Response",
    /// 18: Endpoint Shutting Down.
    ENDPOINT_SHUTTING_DOWN = 18 => "Endpoint Shutting Down",
}

/// Parses GUID text with or without braces (`{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}`).
pub fn parse_guid(text: &str) -> Option<(Guid, bool)> {
    let (inner, braces) = match text.strip_prefix('{') {
        Some(t) => (t.strip_suffix('}')?, true),
        None => (text, false),
    };
    let parts: Vec<&str> = inner.split('-').collect();
    if parts.len() != 5
        || parts.iter().map(|p| p.len()).ne([8usize, 4, 4, 4, 12])
        || !inner.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())
    {
        return None;
    }
    let d1 = u32::from_str_radix(parts[0], 16).ok()?;
    let d2 = u16::from_str_radix(parts[1], 16).ok()?;
    let d3 = u16::from_str_radix(parts[2], 16).ok()?;
    let tail = format!("{}{}", parts[3], parts[4]);
    let mut d4 = [0u8; 8];
    for (i, b) in d4.iter_mut().enumerate() {
        *b = u8::from_str_radix(&tail[2 * i..2 * i + 2], 16).ok()?;
    }
    Some((Guid::from_fields(d1, d2, d3, d4), braces))
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.2 X-RequestId and 2.2.3.3.4 X-ClientInfo: a GUID, a colon and a
/// decimal counter (`E2EA6C1C-E61B-49E9-9CFB-38184F907552:123456`; X-ClientInfo's example has
/// braces, X-RequestId's has none: both are accepted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GuidCounter {
    /// The GUID part.
    pub guid: Guid,
    /// Whether the GUID was written in braces.
    pub braces: bool,
    /// The decimal counter.
    pub counter: u64,
}

impl GuidCounter {
    /// Parses `GUID:counter`.
    pub fn parse(text: &str) -> Option<GuidCounter> {
        let (g, n) = text.rsplit_once(':')?;
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (guid, braces) = parse_guid(g)?;
        Some(GuidCounter {
            guid,
            braces,
            counter: n.parse().ok()?,
        })
    }
}

impl fmt::Display for GuidCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = self.guid.to_string();
        let g = if self.braces {
            &g[..]
        } else {
            &g[1..g.len() - 1]
        };
        write!(f, "{g}:{}", self.counter)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.3.3.6 X-ClientApplication (`Outlook/15.xx.xxxx.xxxx`) and 2.2.3.3.7
/// X-ServerApplication (`Exchange/15.xx.xxxx.xxx`): a product and a dotted version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Application<'a> {
    /// The product (`Outlook`, `Exchange`).
    pub product: &'a str,
    /// The version text after the slash.
    pub version: &'a str,
}

impl<'a> Application<'a> {
    /// Parses `product/version`.
    pub fn parse(text: &'a str) -> Option<Application<'a>> {
        let (product, version) = text.split_once('/')?;
        (!product.is_empty() && !version.is_empty()).then_some(Application { product, version })
    }

    /// The version's numbers (`15.0.847.4040` gives 15, 0, 847, 4040), if it is all numbers.
    pub fn version_numbers(&self) -> Option<Vec<u32>> {
        self.version.split('.').map(|p| p.parse().ok()).collect()
    }
}

/// The session cookies of [MS-OXCMAPIHTTP] 4.2: MapiContext (the session context cookie) and
/// MapiSequence (the sequence cookie). Cookie names are implementation-specific (3.2.5.1);
/// these are the names the spec's examples and Exchange use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SessionCookies<'a> {
    /// MapiContext value.
    pub mapi_context: Option<&'a str>,
    /// MapiSequence value.
    pub mapi_sequence: Option<&'a str>,
}

/// The `name=value` pairs of a Cookie header value ([MS-OXCMAPIHTTP] 2.2.3.2.4: separated by
/// semicolons); for Set-Cookie only the first pair is the cookie, the rest are attributes.
pub fn cookie_pairs(value: &str) -> impl Iterator<Item = (&str, &str)> {
    value.split(';').filter_map(|p| {
        let (n, v) = p.trim().split_once('=')?;
        Some((n.trim(), v.trim()))
    })
}

/// Typed access to a list of header lines.
#[derive(Clone, Copy, Debug)]
pub struct Headers<'h, 'a>(pub &'h [HeaderLine<'a>]);

impl<'h, 'a> Headers<'h, 'a> {
    /// The first line named `name` (without regard to case).
    pub fn get(&self, name: &str) -> Option<&'h HeaderLine<'a>> {
        self.0.iter().find(|h| h.is(name))
    }

    /// Every line named `name`.
    pub fn all(&self, name: &'h str) -> impl Iterator<Item = &'h HeaderLine<'a>> + 'h {
        self.0.iter().filter(move |h| h.is(name))
    }

    fn value(&self, name: &str) -> Option<&'h str> {
        self.get(name).map(HeaderLine::value)
    }

    fn typed<T>(
        &self,
        name: &str,
        what: &'static str,
        parse: impl Fn(&'h str) -> Option<T>,
    ) -> Result<Option<T>, DecodeError> {
        match self.get(name) {
            None => Ok(None),
            Some(h) => parse(h.value()).map(Some).ok_or_else(|| h.invalid(what)),
        }
    }

    /// X-RequestType.
    pub fn request_type(&self) -> Option<RequestType<'h>> {
        self.value("X-RequestType").map(RequestType)
    }

    /// X-RequestId.
    pub fn request_id(&self) -> Result<Option<GuidCounter>, DecodeError> {
        self.typed(
            "X-RequestId",
            "X-RequestId is GUID:counter",
            GuidCounter::parse,
        )
    }

    /// X-ClientInfo.
    pub fn client_info(&self) -> Result<Option<GuidCounter>, DecodeError> {
        self.typed(
            "X-ClientInfo",
            "X-ClientInfo is GUID:counter",
            GuidCounter::parse,
        )
    }

    /// X-ClientApplication.
    pub fn client_application(&self) -> Result<Option<Application<'h>>, DecodeError> {
        self.typed(
            "X-ClientApplication",
            "X-ClientApplication is product/version",
            Application::parse,
        )
    }

    /// X-ServerApplication.
    pub fn server_application(&self) -> Result<Option<Application<'h>>, DecodeError> {
        self.typed(
            "X-ServerApplication",
            "X-ServerApplication is product/version",
            Application::parse,
        )
    }

    /// X-ResponseCode.
    pub fn response_code(&self) -> Result<Option<ResponseCode>, DecodeError> {
        self.typed(
            "X-ResponseCode",
            "X-ResponseCode is a decimal number",
            |v| digits(v).map(ResponseCode),
        )
    }

    /// X-PendingPeriod, in milliseconds (default 30000 when absent, 2.2.3.3.5).
    pub fn pending_period(&self) -> Result<Option<u32>, DecodeError> {
        self.typed("X-PendingPeriod", "X-PendingPeriod is milliseconds", digits)
    }

    /// X-ExpirationInfo, in milliseconds.
    pub fn expiration_info(&self) -> Result<Option<u32>, DecodeError> {
        self.typed(
            "X-ExpirationInfo",
            "X-ExpirationInfo is milliseconds",
            digits,
        )
    }

    /// X-ElapsedTime, in milliseconds (an additional header after DONE).
    pub fn elapsed_time(&self) -> Result<Option<u32>, DecodeError> {
        self.typed("X-ElapsedTime", "X-ElapsedTime is milliseconds", digits)
    }

    /// The MapiContext and MapiSequence cookies, from Cookie lines (requests; the spec's 4.2
    /// response example also uses Cookie) and Set-Cookie lines (responses): for display,
    /// whichever side the headers are. A server reading its client's cookies uses
    /// [`Self::request_cookies`], which a Set-Cookie line in a request cannot set.
    pub fn session_cookies(&self) -> SessionCookies<'h> {
        self.cookies(true)
    }

    /// The MapiContext and MapiSequence cookies the client sent: Cookie lines only.
    pub fn request_cookies(&self) -> SessionCookies<'h> {
        self.cookies(false)
    }

    /// The session cookies of the Cookie lines, and of the Set-Cookie lines (their first
    /// name=value pair: the rest are attributes) when `set_cookie`.
    fn cookies(&self, set_cookie: bool) -> SessionCookies<'h> {
        let mut c = SessionCookies::default();
        for h in self.0 {
            let take = if h.is("Cookie") {
                usize::MAX
            } else if set_cookie && h.is("Set-Cookie") {
                1
            } else {
                continue;
            };
            for (n, v) in cookie_pairs(h.value()).take(take) {
                if n.eq_ignore_ascii_case("MapiContext") {
                    c.mapi_context = Some(v);
                } else if n.eq_ignore_ascii_case("MapiSequence") {
                    c.mapi_sequence = Some(v);
                }
            }
        }
        c
    }

    /// The typed view of the headers this protocol defines, for display. A header that does
    /// not parse is shown as its text with an `...Error` field.
    pub fn tree(&self) -> Tree {
        let mut t = Tree::record();
        if let Some(rt) = self.request_type() {
            t = t.field(
                "X-RequestType",
                Tree::Text(rt.name().unwrap_or(rt.0).to_string()),
            );
        }
        let gc = |r: Result<Option<GuidCounter>, DecodeError>| match r {
            Ok(Some(g)) => Some(
                Tree::record()
                    .field("Guid", Tree::Text(g.guid.to_string()))
                    .field("Counter", Tree::UInt(g.counter)),
            ),
            Ok(None) => None,
            Err(e) => Some(Tree::Text(format!("invalid: {e}"))),
        };
        if let Some(v) = gc(self.request_id()) {
            t = t.field("X-RequestId", v);
        }
        if let Some(v) = gc(self.client_info()) {
            t = t.field("X-ClientInfo", v);
        }
        for (name, r) in [
            ("X-ClientApplication", self.client_application()),
            ("X-ServerApplication", self.server_application()),
        ] {
            match r {
                Ok(Some(a)) => {
                    t = t.field(
                        name,
                        Tree::record()
                            .field("Product", Tree::Text(a.product.into()))
                            .field("Version", Tree::Text(a.version.into())),
                    )
                }
                Ok(None) => {}
                Err(e) => t = t.field(name, Tree::Text(format!("invalid: {e}"))),
            }
        }
        match self.response_code() {
            Ok(Some(c)) => t = t.field("X-ResponseCode", c.to_tree()),
            Ok(None) => {}
            Err(e) => t = t.field("X-ResponseCode", Tree::Text(format!("invalid: {e}"))),
        }
        for (name, r) in [
            ("X-PendingPeriod", self.pending_period()),
            ("X-ExpirationInfo", self.expiration_info()),
            ("X-ElapsedTime", self.elapsed_time()),
        ] {
            match r {
                Ok(Some(v)) => t = t.field(name, Tree::UInt(v.into())),
                Ok(None) => {}
                Err(e) => t = t.field(name, Tree::Text(format!("invalid: {e}"))),
            }
        }
        let c = self.session_cookies();
        if let Some(v) = c.mapi_context {
            t = t.field("MapiContext", Tree::Text(v.into()));
        }
        if let Some(v) = c.mapi_sequence {
            t = t.field("MapiSequence", Tree::Text(v.into()));
        }
        t
    }
}

/// A decimal number of up to 10 digits that fits a `u32`.
fn digits(v: &str) -> Option<u32> {
    if v.is_empty() || v.len() > 10 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

crate::wire::owned_impl!(struct HeaderLine { line, colon, at });

/// A header line is its text, `Name: value`.
#[cfg(feature = "serde")]
mod serde_impl {
    use super::HeaderLine;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for HeaderLine<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for HeaderLine<'_> {
        /// The text of the line, checked as a decoder checks it.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let text = String::deserialize(d)?;
            HeaderLine::parse(text.as_bytes(), 0)
                .map(HeaderLine::into_owned)
                .map_err(serde::de::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<HeaderLine<'_>> {
        text.split("\r\n")
            .map(|l| HeaderLine::parse(l.as_bytes(), 0).unwrap())
            .collect()
    }

    #[test]
    fn typed_headers() {
        let h = lines(
            "X-RequestType: execute\r\nX-RequestId: E2EA6C1C-E61B-49E9-9CFB-38184F907552:123456\r\n\
             X-ClientInfo: {2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123\r\n\
             X-ClientApplication: Outlook/15.00.0847.4040\r\nX-ResponseCode: 15\r\n\
             X-PendingPeriod: 15000\r\nX-ExpirationInfo: 900000\r\n\
             Set-Cookie: MapiContext=abc; path=/mapi/\r\nSet-Cookie: MapiSequence=1-2; path=/",
        );
        let h = Headers(&h);
        assert_eq!(h.request_type(), Some(RequestType::EXECUTE));
        assert_eq!(
            h.request_type().unwrap().endpoint(),
            Some(Endpoint::Mailbox)
        );
        let id = h.request_id().unwrap().unwrap();
        assert_eq!(id.counter, 123_456);
        assert_eq!(
            id.to_string(),
            "E2EA6C1C-E61B-49E9-9CFB-38184F907552:123456"
        );
        let ci = h.client_info().unwrap().unwrap();
        assert_eq!(ci.to_string(), "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:123");
        let app = h.client_application().unwrap().unwrap();
        assert_eq!(app.version_numbers(), Some(vec![15, 0, 847, 4040]));
        assert_eq!(
            h.response_code().unwrap(),
            Some(ResponseCode::INVALID_SEQUENCE)
        );
        assert_eq!(ResponseCode(15).name(), Some("Invalid Sequence"));
        assert_eq!(h.pending_period().unwrap(), Some(15000));
        assert_eq!(
            h.session_cookies(),
            SessionCookies {
                mapi_context: Some("abc"),
                mapi_sequence: Some("1-2")
            }
        );
    }

    #[test]
    fn bad_headers() {
        assert!(HeaderLine::parse(b"NoColon", 0).is_err());
        assert!(HeaderLine::parse(b": v", 0).is_err());
        assert!(HeaderLine::parse(b"Bad Name: v", 0).is_err());
        assert!(HeaderLine::parse(b"X: caf\xc3\xa9", 0).is_err());
        let h = lines("X-ResponseCode: 1x");
        let e = Headers(&h).response_code().unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert!(GuidCounter::parse("nope:1").is_none());
        assert!(GuidCounter::parse("E2EA6C1C-E61B-49E9-9CFB-38184F907552:").is_none());
        assert_eq!(
            Endpoint::from_target("/mapi/emsmdb/?MailboxId=x@y"),
            Some(Endpoint::Mailbox)
        );
        assert_eq!(
            Endpoint::from_target("/mapi/nspi"),
            Some(Endpoint::AddressBook)
        );
        assert_eq!(Endpoint::from_target("/owa/"), None);
    }
}

#[cfg(test)]
mod value_check_tests {
    /// The word-at-a-time check finds the same first byte as RFC 7230's rule read byte by
    /// byte (visible ASCII 0x21 to 0x7E, space, tab), for every byte at every position of
    /// values long and short.
    #[test]
    fn the_word_check_finds_the_first_bad_byte_as_the_byte_rule_does() {
        let rule = |b: u8| b == b'\t' || (0x20..=0x7E).contains(&b);
        for len in [1usize, 7, 8, 9, 16, 21] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    v[at] = b;
                    let want = v.iter().position(|&x| !rule(x));
                    assert_eq!(super::first_bad_value_byte(&v), want, "{len} {at} {b:#x}");
                }
            }
        }
        assert_eq!(super::first_bad_value_byte(b""), None);
    }

    #[test]
    fn token_characters_are_those_of_rfc_7230() {
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            assert_eq!(super::is_tchar(b), want, "{b:#x}");
        }
    }
}
