//! [MS-OXCMAPIHTTP]: MAPI over HTTP. The request and response bodies of the mailbox server
//! endpoint ([`emsmdb`], 2.2.4), the common headers as typed values ([`headers`], 2.2.3), the
//! response stream of meta-tags, additional headers and body ([`stream`], 2.2.2.2, 2.2.7,
//! 3.2.5.2), and whole HTTP/1.1 messages with Content-Length or chunked bodies ([`message`]).

pub mod emsmdb;
pub mod headers;
pub mod message;
pub mod stream;
