//! Zero-copy encoder and decoder for the wire format of MAPI over HTTP.
//!
//! The layers follow the specs: [`wire`] holds the primitives (the [`wire::Decode`] /
//! [`wire::Encode`] traits, the [`wire::Reader`] with its [`wire::Limits`], errors that carry
//! the offset and field path of a failure); [`data`] holds the [MS-OXCDATA] structures.
//! [`server`] is a sans-IO server layer over them (request checks, Session Contexts, response
//! streams, ROP output buffers) for a server whose sockets and clock are its own.
//!
//! On top of the codec, [`client`] is a sans-IO MAPI/HTTP client: it builds the requests of
//! both endpoints (cookies, X-RequestId, X-ClientInfo), reads responses as they arrive, and
//! pairs each Execute's ROP responses with the requests sent; the caller owns the sockets and
//! the HTTP stack (its module docs hold a whole Execute round trip; `codec/examples/` has
//! more).
//!
//! ```
//! use mapi_codec::data::{Restriction, PropTag};
//! use mapi_codec::wire::{CountWidth, DecodeWith, EncodeWith};
//!
//! // An ExistRestriction on PidTagDisplayName, with the 2-byte counts of a ROP buffer.
//! let bytes = [0x08, 0x1F, 0x00, 0x01, 0x30];
//! let (rest, r) = Restriction::decode_with(&bytes, CountWidth::U16).unwrap();
//! assert!(rest.is_empty());
//! assert_eq!(r, Restriction::Exist { prop_tag: PropTag::DISPLAY_NAME });
//! assert_eq!(r.to_bytes_with(CountWidth::U16).unwrap(), bytes);
//!
//! // Bad input is an error with the offset and the field, never a panic.
//! let err = Restriction::decode_with(&[0x00, 0x05, 0x00], CountWidth::U16).unwrap_err();
//! assert_eq!(err.offset(), 1);
//! assert_eq!(err.path_string(), "RestrictCount");
//! ```
//!
//! Decoding is tolerant and lossless: what real clients send and servers accept (a Boolean of
//! 0xFF, a malformed ROP after good ones) decodes, re-encodes byte for byte, and is reported
//! on the value's tree; [`wire::Limits::STRICT`] refuses it instead.
//!
//! ```
//! use mapi_codec::rop::RopRequestBuffer;
//! use mapi_codec::tree::{RemarkKind, ToTree};
//! use mapi_codec::wire::{Decode, Encode, Limits};
//!
//! // RopEmptyFolder with WantAsynchronous 0xFF ("nonzero (TRUE)"), then a RopRelease whose
//! // handle index names no entry of the one-handle table.
//! let bytes = [0x0A, 0x00, 0x58, 0x00, 0x00, 0xFF, 0x00, 0x01, 0x00, 0x07, 0x10, 0, 0, 0];
//! let buf = RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).unwrap();
//! assert_eq!(buf.rops.len(), 1);
//! assert!(buf.raw.is_some());
//! assert_eq!(buf.to_bytes().unwrap(), bytes);
//! let remarks = buf.to_tree().remarks();
//! assert_eq!(remarks[0].remark.kind, RemarkKind::Note);
//! assert!(remarks[0].path.ends_with("WantAsynchronous"));
//! assert_eq!(remarks[1].remark.kind, RemarkKind::Malformed);
//! assert!(RopRequestBuffer::decode_exact(&bytes, Limits::STRICT).is_err());
//! ```
//!
//! Decoded values borrow their strings and byte runs from the input; [`IntoOwned`] turns any
//! decoded message into one that owns them (`T<'a>` into `T<'static>`), to keep it after the
//! input is gone.
//!
//! # Building messages
//!
//! Every ROP body has its struct (`rop::store::LogonRequest`, ...) and converts into
//! [`rop::RopRequest`] or [`rop::RopResponse`] with `From` (boxing the large ones); the common
//! ones have constructors with the usual defaults (`LogonRequest::private_mailbox`,
//! `GetPropertiesSpecificRequest::new`, ...) and their flags are named constants
//! (`LogonFlags::PRIVATE`, `ContentsTableFlags::USE_UNICODE`). A
//! [`rop::RopRequestBuilder`] hands out the handle-table index of each object a request
//! creates (the table holds [`rop::NEW_OBJECT_HANDLE`] there), and a server answers with a
//! [`rop::RopResponseBuilder`] that starts from the request's table. [`prelude`] imports what
//! this takes.
//!
//! ```
//! use mapi_codec::prelude::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The client: RopLogon to its mailbox, then RopGetPropertiesSpecific on the Logon object.
//! let dn = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=janedoe";
//! let mut rops = RopRequestBuffer::builder();
//! let logon = rops.open(|h| LogonRequest::private_mailbox(h, dn));
//! rops.push(GetPropertiesSpecificRequest::new(logon, &[PropTag::DISPLAY_NAME]));
//! let request = rops.build()?;
//! let body = ExecuteRequest::new(&request)?.to_bytes()?;
//!
//! // The server: decodes the Execute body and answers in the same handle-table slots.
//! let execute = ExecuteRequest::decode_exact(&body, Limits::DEFAULT)?;
//! let received = &execute.rop_request_buffers(None, Limits::DEFAULT)?[0];
//! let mut answer = RopResponseBuffer::answering(received);
//! answer.set_handle(logon, 0x0000_0101);
//! let ids = [FolderId::from_u64(0); 13];
//! let now = LogonTime::from(mapi_codec::time::OffsetDateTime::UNIX_EPOCH);
//! let fields = LogonPrivateSuccess::new(0x01, ids, Guid::default(), Guid::default(), now);
//! answer.push(LogonResponse::success(logon, fields.into()));
//! let name = PropertyValue::String(Utf16Str::from_text("Jane Doe")?);
//! let row = PropertyRow::standard([name]);
//! let props = GetPropertiesSpecificSuccess::new(vec![PropTag::DISPLAY_NAME], row);
//! answer.push(GetPropertiesSpecificResponse::success(logon, props));
//! let reply = ExecuteSuccess::new(&answer.build()?, BuildOptions::default())?;
//! let reply = ExecuteResponse::from(reply).to_bytes()?;
//!
//! // The client: decodes the reply against its request.
//! let response = ExecuteResponse::decode_exact(&reply, Limits::DEFAULT)?;
//! let fields = response.fields().ok_or("Execute failed")?;
//! let buffers = fields.rop_response_buffers(&[request], None, Limits::DEFAULT)?;
//! assert_eq!(buffers[0].handles.get(logon), Some(0x0000_0101));
//! let RopResponse::GetPropertiesSpecific(got) = &buffers[0].rops[1] else { panic!() };
//! let Outcome::Success(got) = &got.body else { panic!() };
//! // The row's cells are read from the reply's bytes as they are asked for.
//! let Some(RowValue::Value(PropertyValue::String(text))) = got.row().get(0) else { panic!() };
//! assert_eq!(text.to_string_lossy(), "Jane Doe");
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! None is on by default.
//!
//! - `serde`: JSON output of the readable form ([`tree::Tree`] implements `Serialize`).
//! - `arbitrary`: `Arbitrary` for the message types, limited to values the encoder accepts,
//!   for structure-aware fuzzing.
//! - `nom`: the decoders as nom 8 parsers (`mapi_codec::nom`), for dissectors written with
//!   nom.
//! - `http`: conversions between the `http` crate's (1.x) types and the client and server
//!   layers (`mapi_codec::http::interop`): header maps to and from header lines,
//!   [`client::HttpRequest`] into an `http::Request`, an `http::Request` into what
//!   [`server::Server::receive`] reads, [`server::ResponseHead`] into an `http::Response`, and
//!   an `http::response::Parts` fed to the client; for hyper, axum and reqwest users.
//!
//! Encoding refuses, with a typed [`wire::EncodeError`], every value whose bytes would not
//! decode back to it in the same context. A response buffer decodes against the request
//! buffer it answers, so it is encoded against it: its rows must fit the tags and columns
//! the requests give, each response must answer the next request.
//!
//! ```
//! use mapi_codec::data::{PropTag, PropertyRow, PropertyValue, RowValue};
//! use mapi_codec::rop::field::PropTags;
//! use mapi_codec::rop::property::{
//!     GetPropertiesSpecificRequest, GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess,
//! };
//! use mapi_codec::rop::{
//!     HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
//! };
//! use mapi_codec::wire::{EncodeErrorKind, EncodeWith};
//!
//! // RopGetPropertiesSpecific for PidTagDisplayName (PtypString) on handle index 0.
//! let tags = [PropTag::DISPLAY_NAME];
//! let request = RopRequestBuffer {
//!     rops: vec![RopRequest::GetPropertiesSpecific(GetPropertiesSpecificRequest {
//!         logon_id: 0,
//!         input_handle_index: 0,
//!         property_size_limit: 0,
//!         want_unicode: 1,
//!         property_tags: PropTags::new(&tags),
//!     })],
//!     raw: None,
//!     handles: HandleTable::from_handles(&[0x10]),
//! };
//! // Answered with a PtypInteger32: it would read back as a one-character string.
//! let row = PropertyRow::new(false, vec![RowValue::Value(PropertyValue::Integer32(7))]);
//! let success = GetPropertiesSpecificSuccess::new(tags, row);
//! let answer = GetPropertiesSpecificResponse::success(0, success);
//! let response = RopResponseBuffer::new(
//!     vec![RopResponse::GetPropertiesSpecific(answer)],
//!     &[0x10],
//! );
//! let e = response.to_bytes_with(&request).unwrap_err();
//! assert!(matches!(e.kind(), EncodeErrorKind::ColumnMismatch { .. }));
//! assert_eq!(
//!     e.path_string(),
//!     "RopsList[0].RopGetPropertiesSpecific.RowData.ValueArray[0]"
//! );
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
pub mod data;
pub mod fxics;
pub mod http;
#[cfg(feature = "nom")]
pub mod nom;
pub mod nspi;
pub mod prelude;
pub mod rop;
pub mod rpc;
#[cfg(feature = "serde")]
mod serde_form;
pub mod server;
pub mod tree;
pub mod wire;

/// The `time` crate, whose `OffsetDateTime` [`wire::FileTime`] converts to and from.
pub use time;

/// The crate README's examples, run as doc tests so that they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
pub use wire::IntoOwned;
