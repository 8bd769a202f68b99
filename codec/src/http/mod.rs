//! [MS-OXCMAPIHTTP]: MAPI over HTTP. What the bodies of both endpoints share ([`body`]: the
//! auxiliary buffer, the response body StatusCode selects), the request and response bodies of
//! the mailbox server endpoint ([`emsmdb`], 2.2.4; the address book's are in
//! [`crate::nspi`]), the common headers as typed values ([`headers`], 2.2.3), the
//! response stream of meta-tags, additional headers and body ([`stream`], 2.2.2.2, 2.2.7,
//! 3.2.5.2), and whole HTTP/1.1 messages with Content-Length or chunked bodies ([`message`]).

pub mod body;
pub mod emsmdb;
pub mod headers;
pub mod message;
pub mod stream;
