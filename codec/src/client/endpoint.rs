//! What the client keeps for each endpoint: the Session Context's cookies, X-RequestId and
//! X-ClientInfo ([MS-OXCMAPIHTTP] 2.2.3.3.2, 2.2.3.3.4, 3.1.5.1).

use super::cookies::CookieJar;
use crate::http::headers::GuidCounter;
use crate::wire::Guid;

/// The state of one endpoint (mailbox or address book) of one client.
///
/// - The cookies of the Session Context: every cookie a response set, sent back on each
///   request. A dropped TCP connection changes nothing here: the Session Context lives in the
///   server and is named by the cookies.
/// - X-RequestId: a GUID that is fixed for the life of a Session Context and unique across
///   Session Contexts (a new one at each Connect or Bind), and a counter that increases with
///   every request (it never goes back, so it also increases across Session Contexts).
/// - X-ClientInfo's counter: a new value for each new Session Context; a Connect or Bind that
///   re-establishes a Session Context (sent with the cookies of the old one, 3.2.5.6) keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointState {
    pub(super) cookies: CookieJar,
    pub(super) request_guid: Guid,
    pub(super) request_counter: u64,
    pub(super) client_info_counter: u64,
    /// Which Session Context the cookies belong to: raised each time it changes (a Connect
    /// or Bind answered, the context ended or expired). A response to a call built for an
    /// earlier one changes nothing.
    pub(super) epoch: u64,
}

impl EndpointState {
    pub(super) fn new(request_guid: Guid) -> Self {
        EndpointState {
            cookies: CookieJar::new(),
            request_guid,
            request_counter: 0,
            client_info_counter: 0,
            epoch: 0,
        }
    }

    /// The cookies of the Session Context.
    pub fn cookies(&self) -> &CookieJar {
        &self.cookies
    }

    /// The cookies, to change (to test a server, or to restore saved ones).
    pub fn cookies_mut(&mut self) -> &mut CookieJar {
        &mut self.cookies
    }

    /// Whether the client holds a Session Context on this endpoint (any cookie).
    pub fn has_session_context(&self) -> bool {
        !self.cookies.is_empty()
    }

    /// The X-RequestId of the last request built (counter 0 before the first).
    pub fn request_id(&self) -> GuidCounter {
        GuidCounter {
            guid: self.request_guid,
            braces: true,
            counter: self.request_counter,
        }
    }

    /// The counter X-ClientInfo carries on this endpoint now.
    pub fn client_info_counter(&self) -> u64 {
        self.client_info_counter
    }

    /// The Session Context is gone: its cookies go, and responses to calls built before
    /// change nothing.
    pub(super) fn end_context(&mut self) {
        self.cookies.clear();
        self.epoch += 1;
    }
}

/// X-RequestId's GUID for the `n`th Session Context of a client whose X-ClientInfo GUID is
/// `client`: the client GUID with `n` (from 1) added to its last 8 bytes. Distinct for each `n`
/// and never the client GUID itself; unique across clients as far as the client GUIDs are
/// random (the caller owns randomness: the client has no source of its own).
pub(super) fn request_guid(client: Guid, n: u64) -> Guid {
    let mut g = client.0;
    let mut tail = [0u8; 8];
    tail.copy_from_slice(&g[8..]);
    let tail = u64::from_be_bytes(tail).wrapping_add(n);
    g[8..].copy_from_slice(&tail.to_be_bytes());
    Guid(g)
}
