//! [MS-OXCMAPIHTTP]: MAPI over HTTP. What the bodies of both endpoints share ([`body`]: the
//! auxiliary buffer, the response body StatusCode selects), the request and response bodies of
//! the mailbox server endpoint ([`emsmdb`], 2.2.4; the address book's are in
//! [`crate::nspi`]), the common headers as typed values ([`headers`], 2.2.3), and the response
//! stream of meta-tags, additional headers and body ([`stream`], 2.2.2.2, 2.2.7, 3.2.5.2).
//! Whole HTTP/1.1 messages (start line, Content-Length or chunked framing) are left to the HTTP
//! stack, or to `mapi-inspect` for captures; with the `http` feature, `interop` converts
//! the headers and the client's and server's requests and responses to and from the `http`
//! crate's types.

pub mod body;
mod build;
pub mod emsmdb;
pub mod headers;
#[cfg(feature = "http")]
pub mod interop;
pub mod stream;
