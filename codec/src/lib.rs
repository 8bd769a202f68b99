//! Zero-copy encoder and decoder for the wire format of MAPI over HTTP.
//!
//! The layers follow the specs: [`wire`] holds the primitives (the [`wire::Decode`] /
//! [`wire::Encode`] traits, the [`wire::Reader`] with its [`wire::Limits`], errors that carry
//! the offset and field path of a failure); [`data`] holds the [MS-OXCDATA] structures.
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
//! let row = PropertyRow {
//!     flagged: false,
//!     values: vec![RowValue::Value(PropertyValue::Integer32(7))],
//! };
//! let success = GetPropertiesSpecificSuccess::new(tags, row);
//! let answer = GetPropertiesSpecificResponse::success(0, success);
//! let response = RopResponseBuffer::new(
//!     vec![RopResponse::GetPropertiesSpecific(answer)],
//!     HandleTable::from_handles(&[0x10]),
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

pub mod data;
pub mod fxics;
pub mod http;
#[cfg(feature = "nom")]
pub mod nom;
pub mod nspi;
pub mod rop;
pub mod rpc;
pub mod tree;
pub mod wire;

/// The `time` crate, whose `OffsetDateTime` [`wire::FileTime`] converts to and from.
pub use time;
