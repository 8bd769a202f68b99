//! Auxiliary buffer blocks ([MS-OXCRPC] 2.2.2.2): an AUX_HEADER (Size, Version, Type) followed
//! by the block structure that its Version and Type select, repeated until the buffer is used up
//! ([MS-OXCRPC] 3.1.4.1.2, 3.2.4.1.2).
//!
//! # Strings located by offsets, and byte-exact re-encoding
//!
//! Six blocks carry variable fields after their fixed fields: null-terminated UTF-16LE strings
//! located by an offset field (MachineName, ServerDN, ProcessName, ConnectionContextInfo, ...)
//! and byte runs located by a size field and an offset field (ClientIP, ClientIPMask,
//! MacAddress). Every offset counts from the first byte of the AUX_HEADER, and an offset of zero
//! means the field is null or empty ([MS-OXCRPC] 2.2.2.2.4 and the sections that follow).
//! Decoding follows each offset (it never reads the variable fields in sequence) and fails
//! cleanly, at the offset field, when an offset points into the header or the fixed fields, past
//! the block, or at a string with no terminator inside the block.
//!
//! The spec fixes neither the order of the variable fields nor any padding between them, so one
//! value has many wire forms. Each of these blocks therefore carries a [`VarLayout`]:
//!
//! - [`VarLayout::Canonical`]: the encoder lays the fields out itself, in the order the spec's
//!   diagram lists them, each right after the previous one (no padding), starting right after
//!   the fixed fields; an absent field gets offset (and size) 0. Values built by a user use this
//!   (it is the `Default`), so offsets are always computed, never typed in.
//! - [`VarLayout::Wire`]: decoding keeps the offset/size fields and the bytes after the fixed
//!   fields exactly as received, *only* when they differ from the canonical layout. On encode
//!   they are written back unchanged as long as they still describe the value's fields; if the
//!   caller changed a string, the block is laid out canonically instead.
//!
//! So `encode(decode(b)) == b` for every block that decodes, and `decode(encode(x)) == x` for
//! every value with a canonical layout (decoding a canonical block yields `Canonical` again).
//!
//! Blocks without variable fields must fill their Size exactly: extra bytes are a
//! [`ErrorKind::TrailingBytes`] error, and Reserved fields are kept as values (the client may
//! fill them with anything, [MS-OXCRPC] 3.2.4.1.2.1). A (Version, Type) pair the spec does not
//! define decodes to [`AuxBlock::Unknown`] with its payload kept whole, since receivers skip such
//! blocks ([MS-OXCRPC] 3.1.4.1.2).

use std::borrow::Cow;
use std::fmt;

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, Decode, DecodeError, Encode, EncodeError, ErrorKind, Guid, Reader,
    ResultExt, Utf16Str,
};

/// The Version field of an AUX_HEADER ([MS-OXCRPC] 2.2.2.2), an open code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuxVersion(pub u8);

impl AuxVersion {
    /// AUX_VERSION_1 (0x01).
    pub const V1: AuxVersion = AuxVersion(0x01);
    /// AUX_VERSION_2 (0x02).
    pub const V2: AuxVersion = AuxVersion(0x02);

    /// The spec's name, if the value has one.
    pub fn name(self) -> Option<&'static str> {
        match self.0 {
            0x01 => Some("AUX_VERSION_1"),
            0x02 => Some("AUX_VERSION_2"),
            _ => None,
        }
    }
}

impl fmt::Debug for AuxVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "AuxVersion(0x{:02X})", self.0),
        }
    }
}

/// The Type field of an AUX_HEADER ([MS-OXCRPC] 2.2.2.2), an open code. Which block structure
/// follows depends on the Version too (see [`AuxBlock`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuxType(pub u8);

macro_rules! aux_types {
    ($($(#[$m:meta])* $c:ident = $v:literal, $n:literal;)*) => {
        impl AuxType {
            $($(#[$m])* pub const $c: AuxType = AuxType($v);)*

            /// The spec's name, if the value has one.
            pub fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($v => Some($n),)*
                    _ => None,
                }
            }
        }
    };
}

aux_types! {
    /// AUX_TYPE_PERF_REQUESTID (0x01): AUX_PERF_REQUESTID.
    PERF_REQUESTID = 0x01, "AUX_TYPE_PERF_REQUESTID";
    /// AUX_TYPE_PERF_CLIENTINFO (0x02): AUX_PERF_CLIENTINFO.
    PERF_CLIENTINFO = 0x02, "AUX_TYPE_PERF_CLIENTINFO";
    /// AUX_TYPE_PERF_SERVERINFO (0x03): AUX_PERF_SERVERINFO.
    PERF_SERVERINFO = 0x03, "AUX_TYPE_PERF_SERVERINFO";
    /// AUX_TYPE_PERF_SESSIONINFO (0x04): AUX_PERF_SESSIONINFO (version 1) or
    /// AUX_PERF_SESSIONINFO_V2 (version 2).
    PERF_SESSIONINFO = 0x04, "AUX_TYPE_PERF_SESSIONINFO";
    /// AUX_TYPE_PERF_DEFMDB_SUCCESS (0x05): AUX_PERF_DEFMDB_SUCCESS.
    PERF_DEFMDB_SUCCESS = 0x05, "AUX_TYPE_PERF_DEFMDB_SUCCESS";
    /// AUX_TYPE_PERF_DEFGC_SUCCESS (0x06): AUX_PERF_DEFGC_SUCCESS.
    PERF_DEFGC_SUCCESS = 0x06, "AUX_TYPE_PERF_DEFGC_SUCCESS";
    /// AUX_TYPE_PERF_MDB_SUCCESS (0x07): AUX_PERF_MDB_SUCCESS (v1) or _V2 (v2).
    PERF_MDB_SUCCESS = 0x07, "AUX_TYPE_PERF_MDB_SUCCESS";
    /// AUX_TYPE_PERF_GC_SUCCESS (0x08): AUX_PERF_GC_SUCCESS (v1) or _V2 (v2).
    PERF_GC_SUCCESS = 0x08, "AUX_TYPE_PERF_GC_SUCCESS";
    /// AUX_TYPE_PERF_FAILURE (0x09): AUX_PERF_FAILURE (v1) or _V2 (v2).
    PERF_FAILURE = 0x09, "AUX_TYPE_PERF_FAILURE";
    /// AUX_TYPE_CLIENT_CONTROL (0x0A): AUX_CLIENT_CONTROL.
    CLIENT_CONTROL = 0x0A, "AUX_TYPE_CLIENT_CONTROL";
    /// AUX_TYPE_PERF_PROCESSINFO (0x0B): AUX_PERF_PROCESSINFO (both versions).
    PERF_PROCESSINFO = 0x0B, "AUX_TYPE_PERF_PROCESSINFO";
    /// AUX_TYPE_PERF_BG_DEFMDB_SUCCESS (0x0C): AUX_PERF_DEFMDB_SUCCESS, background request.
    PERF_BG_DEFMDB_SUCCESS = 0x0C, "AUX_TYPE_PERF_BG_DEFMDB_SUCCESS";
    /// AUX_TYPE_PERF_BG_DEFGC_SUCCESS (0x0D): AUX_PERF_DEFGC_SUCCESS, background request.
    PERF_BG_DEFGC_SUCCESS = 0x0D, "AUX_TYPE_PERF_BG_DEFGC_SUCCESS";
    /// AUX_TYPE_PERF_BG_MDB_SUCCESS (0x0E): AUX_PERF_MDB_SUCCESS or _V2, background request.
    PERF_BG_MDB_SUCCESS = 0x0E, "AUX_TYPE_PERF_BG_MDB_SUCCESS";
    /// AUX_TYPE_PERF_BG_GC_SUCCESS (0x0F): AUX_PERF_GC_SUCCESS or _V2, background request.
    PERF_BG_GC_SUCCESS = 0x0F, "AUX_TYPE_PERF_BG_GC_SUCCESS";
    /// AUX_TYPE_PERF_BG_FAILURE (0x10): AUX_PERF_FAILURE or _V2, background request.
    PERF_BG_FAILURE = 0x10, "AUX_TYPE_PERF_BG_FAILURE";
    /// AUX_TYPE_PERF_FG_DEFMDB_SUCCESS (0x11): AUX_PERF_DEFMDB_SUCCESS, foreground request.
    PERF_FG_DEFMDB_SUCCESS = 0x11, "AUX_TYPE_PERF_FG_DEFMDB_SUCCESS";
    /// AUX_TYPE_PERF_FG_DEFGC_SUCCESS (0x12): AUX_PERF_DEFGC_SUCCESS, foreground request.
    PERF_FG_DEFGC_SUCCESS = 0x12, "AUX_TYPE_PERF_FG_DEFGC_SUCCESS";
    /// AUX_TYPE_PERF_FG_MDB_SUCCESS (0x13): AUX_PERF_MDB_SUCCESS or _V2, foreground request.
    PERF_FG_MDB_SUCCESS = 0x13, "AUX_TYPE_PERF_FG_MDB_SUCCESS";
    /// AUX_TYPE_PERF_FG_GC_SUCCESS (0x14): AUX_PERF_GC_SUCCESS or _V2, foreground request.
    PERF_FG_GC_SUCCESS = 0x14, "AUX_TYPE_PERF_FG_GC_SUCCESS";
    /// AUX_TYPE_PERF_FG_FAILURE (0x15): AUX_PERF_FAILURE or _V2, foreground request.
    PERF_FG_FAILURE = 0x15, "AUX_TYPE_PERF_FG_FAILURE";
    /// AUX_TYPE_OSVERSIONINFO (0x16): AUX_OSVERSIONINFO.
    OSVERSIONINFO = 0x16, "AUX_TYPE_OSVERSIONINFO";
    /// AUX_TYPE_EXORGINFO (0x17): AUX_EXORGINFO.
    EXORGINFO = 0x17, "AUX_TYPE_EXORGINFO";
    /// AUX_TYPE_PERF_ACCOUNTINFO (0x18): AUX_PERF_ACCOUNTINFO.
    PERF_ACCOUNTINFO = 0x18, "AUX_TYPE_PERF_ACCOUNTINFO";
    /// AUX_TYPE_SERVER_CAPABILITIES (0x46): AUX_SERVER_CAPABILITIES.
    SERVER_CAPABILITIES = 0x46, "AUX_TYPE_SERVER_CAPABILITIES";
    /// AUX_TYPE_ENDPOINT_CAPABILITIES (0x48): AUX_ENDPOINT_CAPABILITIES.
    ENDPOINT_CAPABILITIES = 0x48, "AUX_TYPE_ENDPOINT_CAPABILITIES";
    /// AUX_CLIENT_CONNECTION_INFO (0x4A; the spec's type name has no `TYPE_`).
    CLIENT_CONNECTION_INFO = 0x4A, "AUX_CLIENT_CONNECTION_INFO";
    /// AUX_SERVER_SESSION_INFO (0x4B).
    SERVER_SESSION_INFO = 0x4B, "AUX_SERVER_SESSION_INFO";
    /// AUX_PROTOCOL_DEVICE_IDENTIFICATION (0x4E).
    PROTOCOL_DEVICE_IDENTIFICATION = 0x4E, "AUX_PROTOCOL_DEVICE_IDENTIFICATION";
}

impl fmt::Debug for AuxType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "AuxType(0x{:02X})", self.0),
        }
    }
}

/// [MS-OXCRPC] 2.2.2.2 AUX_HEADER: Size (the header and the block that follows it), Version,
/// Type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuxHeader {
    /// Size: bytes of this header plus the block that follows it; at least 4.
    pub size: u16,
    /// Version.
    pub version: AuxVersion,
    /// Type.
    pub aux_type: AuxType,
}

impl AuxHeader {
    /// Bytes of the header.
    pub const SIZE: usize = 4;
}

impl<'a> Decode<'a> for AuxHeader {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let size = r.u16().field("Size")?;
        if usize::from(size) < Self::SIZE {
            return Err(r.invalid_at(
                at,
                "AUX_HEADER Size is smaller than the header",
                size.into(),
            ))
            .field("Size");
        }
        Ok(AuxHeader {
            size,
            version: AuxVersion(r.u8().field("Version")?),
            aux_type: AuxType(r.u8().field("Type")?),
        })
    }
}

impl Encode for AuxHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, Self::SIZE)?;
        out.put_u16_le(self.size);
        out.put_u8(self.version.0);
        out.put_u8(self.aux_type.0);
        Ok(())
    }
}

impl ToTree for AuxHeader {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Size", Tree::UInt(self.size.into()))
            .field("Version", Tree::named(self.version.0, self.version.name()))
            .field("Type", Tree::named(self.aux_type.0, self.aux_type.name()))
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed fields.

/// A fixed-size field of a block: how to read, write and show it.
trait Field: Sized {
    const LEN: usize;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
    /// Writes the field; the caller has made room for the whole block.
    fn put<B: BufMut>(&self, out: &mut B);
    fn tree(&self) -> Tree;
}

impl Field for u8 {
    const LEN: usize = 1;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.u8()
    }
    fn put<B: BufMut>(&self, out: &mut B) {
        out.put_u8(*self);
    }
    fn tree(&self) -> Tree {
        Tree::UInt((*self).into())
    }
}

impl Field for u16 {
    const LEN: usize = 2;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.u16()
    }
    fn put<B: BufMut>(&self, out: &mut B) {
        out.put_u16_le(*self);
    }
    fn tree(&self) -> Tree {
        Tree::UInt((*self).into())
    }
}

impl Field for u32 {
    const LEN: usize = 4;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.u32()
    }
    fn put<B: BufMut>(&self, out: &mut B) {
        out.put_u32_le(*self);
    }
    fn tree(&self) -> Tree {
        Tree::UInt((*self).into())
    }
}

impl Field for Guid {
    const LEN: usize = 16;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.array().map(Guid)
    }
    fn put<B: BufMut>(&self, out: &mut B) {
        out.put_slice(&self.0);
    }
    fn tree(&self) -> Tree {
        Tree::Text(self.to_string())
    }
}

impl<const N: usize> Field for [u8; N] {
    const LEN: usize = N;
    fn read(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.array()
    }
    fn put<B: BufMut>(&self, out: &mut B) {
        out.put_slice(self);
    }
    fn tree(&self) -> Tree {
        Tree::Bytes(self.to_vec())
    }
}

fn hex16(v: &u16) -> Tree {
    Tree::Hex((*v).into())
}

fn hex32(v: &u32) -> Tree {
    Tree::Hex((*v).into())
}

/// A flags field: its value and the names of the known bits that are set.
fn flags32(value: u32, known: &[(u32, &'static str)]) -> Tree {
    let names: Vec<&str> = known
        .iter()
        .filter(|(bit, _)| value & bit == *bit)
        .map(|(_, n)| *n)
        .collect();
    Tree::Named {
        value: value.into(),
        name: (!names.is_empty()).then(|| names.join("|").into()),
        digits: 8,
    }
}

fn server_type(v: &u16) -> Tree {
    let name = match v {
        0x00 => Some("SERVERTYPE_UNKNOWN"),
        0x01 => Some("SERVERTYPE_PRIVATE"),
        0x02 => Some("SERVERTYPE_PUBLIC"),
        0x03 => Some("SERVERTYPE_DIRECTORY"),
        0x04 => Some("SERVERTYPE_REFERRAL"),
        _ => None,
    };
    Tree::named(*v, name)
}

fn client_mode(v: &u16) -> Tree {
    let name = match v {
        0x00 => Some("CLIENTMODE_UNKNOWN"),
        0x01 => Some("CLIENTMODE_CLASSIC"),
        0x02 => Some("CLIENTMODE_CACHED"),
        _ => None,
    };
    Tree::named(*v, name)
}

fn enable_flags(v: &u32) -> Tree {
    flags32(
        *v,
        &[
            (
                AuxClientControl::ENABLE_PERF_SENDTOSERVER,
                "ENABLE_PERF_SENDTOSERVER",
            ),
            (
                AuxClientControl::ENABLE_PERF_SENDTOMAILBOX,
                "ENABLE_PERF_SENDTOMAILBOX",
            ),
            (AuxClientControl::ENABLE_COMPRESSION, "ENABLE_COMPRESSION"),
            (
                AuxClientControl::ENABLE_HTTP_TUNNELING,
                "ENABLE_HTTP_TUNNELING",
            ),
            (
                AuxClientControl::ENABLE_PERF_SENDGCDATA,
                "ENABLE_PERF_SENDGCDATA",
            ),
        ],
    )
}

fn org_flags(v: &u32) -> Tree {
    flags32(
        *v,
        &[
            (
                AuxExOrgInfo::PUBLIC_FOLDERS_ENABLED,
                "PUBLIC_FOLDERS_ENABLED",
            ),
            (
                AuxExOrgInfo::USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION,
                "USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION",
            ),
        ],
    )
}

fn server_capability_flags(v: &u32) -> Tree {
    flags32(
        *v,
        &[
            (
                AuxServerCapabilities::PACKED_FAST_TRANSFER_UPLOAD_BUFFERS,
                "PACKED_FAST_TRANSFER_UPLOAD_BUFFERS",
            ),
            (
                AuxServerCapabilities::PACKED_WRITE_STREAM_UPLOAD_BUFFERS,
                "PACKED_WRITE_STREAM_UPLOAD_BUFFERS",
            ),
            (
                AuxServerCapabilities::ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS,
                "ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS",
            ),
        ],
    )
}

fn endpoint_capability_flag(v: &u32) -> Tree {
    flags32(
        *v,
        &[(
            AuxEndpointCapabilities::ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT,
            "ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT",
        )],
    )
}

/// The payload of one block (what follows the AUX_HEADER).
trait Payload<'a>: Sized {
    /// The spec's structure name, also the path segment of errors inside the block.
    const NAME: &'static str;
    /// Bytes of the fixed fields.
    const FIXED: usize;
    /// Reads the payload from a reader that holds exactly the block's Size − 4 bytes.
    fn decode_payload(p: &mut Reader<'a>) -> Result<Self, DecodeError>;
    /// Bytes of the payload as [`Payload::put_payload`] writes it.
    fn payload_len(&self) -> usize;
    /// Writes the payload; the caller has made room for [`Payload::payload_len`] bytes.
    fn put_payload<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError>;
    /// The payload's fields, spec names, wire order.
    fn payload_tree(&self) -> Tree;
}

/// Reads the payload of a known block: its fixed fields must fit the Size (read at `size_at`),
/// and the whole payload must be used.
fn decode_body<'a, T: Payload<'a>>(
    p: &mut Reader<'a>,
    size_at: usize,
    size: u16,
) -> Result<T, DecodeError> {
    if p.remaining() < T::FIXED {
        return Err(DecodeError::new(
            ErrorKind::InvalidValue {
                what: "AUX_HEADER Size leaves no room for the block's fixed fields",
                value: size.into(),
            },
            size_at,
        ))
        .field("Size");
    }
    let v = T::decode_payload(p).field(T::NAME)?;
    p.finish().field(T::NAME)?;
    Ok(v)
}

/// Evaluates to the tree of a field: its [`Field::tree`], or the function given with `as`.
macro_rules! field_tree {
    ($v:expr) => {
        Field::tree($v)
    };
    ($v:expr, $f:path) => {
        $f($v)
    };
}

/// A block made of fixed fields only.
macro_rules! fixed_block {
    (
        $(#[$meta:meta])* $name:ident, $spec:literal {
            $($(#[$fm:meta])* $field:ident : $ty:ty => $wire:literal $(as $tree:path)?,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
        }

        impl<'a> Payload<'a> for $name {
            const NAME: &'static str = $spec;
            const FIXED: usize = 0 $(+ <$ty as Field>::LEN)*;
            fn decode_payload(p: &mut Reader<'a>) -> Result<Self, DecodeError> {
                Ok($name { $($field: <$ty as Field>::read(p).field($wire)?,)* })
            }
            fn payload_len(&self) -> usize {
                Self::FIXED
            }
            fn put_payload<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                $(Field::put(&self.$field, out);)*
                Ok(())
            }
            fn payload_tree(&self) -> Tree {
                Tree::record() $(.field($wire, field_tree!(&self.$field $(, $tree)?)))*
            }
        }

        impl ToTree for $name {
            fn to_tree(&self) -> Tree {
                self.payload_tree()
            }
        }
    };
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.1 AUX_PERF_REQUESTID: the request associated with the session
    /// (version 1, type 0x01).
    AuxPerfRequestId, "AUX_PERF_REQUESTID" {
        /// SessionID: the session identification number.
        session_id: u16 => "SessionID",
        /// RequestID: the RPC request identification.
        request_id: u16 => "RequestID",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.2 AUX_PERF_SESSIONINFO: the client session performance data is
    /// associated with (version 1, type 0x04).
    AuxPerfSessionInfo, "AUX_PERF_SESSIONINFO" {
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved: padding to a 4-byte boundary, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// SessionGuid: the GUID of the client session.
        session_guid: Guid => "SessionGuid",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.3 AUX_PERF_SESSIONINFO_V2: AUX_PERF_SESSIONINFO plus ConnectionID
    /// (version 2, type 0x04).
    AuxPerfSessionInfoV2, "AUX_PERF_SESSIONINFO_V2" {
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// SessionGuid.
        session_guid: Guid => "SessionGuid",
        /// ConnectionID: the connection identification number.
        connection_id: u32 => "ConnectionID",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.7 AUX_PERF_DEFMDB_SUCCESS: a previously successful RPC to the
    /// messaging server (version 1, types 0x05, 0x0C, 0x11).
    AuxPerfDefMdbSuccess, "AUX_PERF_DEFMDB_SUCCESS" {
        /// TimeSinceRequest: milliseconds since the request succeeded.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds the request took.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.8 AUX_PERF_DEFGC_SUCCESS: a previously successful call to the
    /// directory service (version 1, types 0x06, 0x0D, 0x12).
    AuxPerfDefGcSuccess, "AUX_PERF_DEFGC_SUCCESS" {
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestOperation: the client-defined operation.
        request_operation: u8 => "RequestOperation",
        /// Reserved (3 bytes): padding, kept as sent.
        reserved: [u8; 3] => "Reserved",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.9 AUX_PERF_MDB_SUCCESS: a previously successful RPC to the
    /// messaging server (version 1, types 0x07, 0x0E, 0x13).
    AuxPerfMdbSuccess, "AUX_PERF_MDB_SUCCESS" {
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.10 AUX_PERF_MDB_SUCCESS_V2 (version 2, types 0x07, 0x0E, 0x13).
    AuxPerfMdbSuccessV2, "AUX_PERF_MDB_SUCCESS_V2" {
        /// ProcessID.
        process_id: u16 => "ProcessID",
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.11 AUX_PERF_GC_SUCCESS: a previously successful call to the
    /// directory service (version 1, types 0x08, 0x0F, 0x14).
    AuxPerfGcSuccess, "AUX_PERF_GC_SUCCESS" {
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex16,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved_2 (3 bytes): padding, kept as sent.
        reserved_2: [u8; 3] => "Reserved_2",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.12 AUX_PERF_GC_SUCCESS_V2 (version 2, types 0x08, 0x0F, 0x14).
    AuxPerfGcSuccessV2, "AUX_PERF_GC_SUCCESS_V2" {
        /// ProcessID.
        process_id: u16 => "ProcessID",
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved (3 bytes): padding, kept as sent.
        reserved: [u8; 3] => "Reserved",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.13 AUX_PERF_FAILURE: a previously failed call to the messaging
    /// server or the directory service (version 1, types 0x09, 0x10, 0x15).
    AuxPerfFailure, "AUX_PERF_FAILURE" {
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// TimeSinceRequest: milliseconds since the failure.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToFailRequest: milliseconds the failed request took.
        time_to_fail_request: u32 => "TimeToFailRequest",
        /// ResultCode: the error code (implementation-specific).
        result_code: u32 => "ResultCode" as hex32,
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved (3 bytes): padding, kept as sent.
        reserved: [u8; 3] => "Reserved",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.14 AUX_PERF_FAILURE_V2 (version 2, types 0x09, 0x10, 0x15).
    AuxPerfFailureV2, "AUX_PERF_FAILURE_V2" {
        /// ProcessID.
        process_id: u16 => "ProcessID",
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex16,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToFailRequest: milliseconds.
        time_to_fail_request: u32 => "TimeToFailRequest",
        /// ResultCode.
        result_code: u32 => "ResultCode" as hex32,
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved_2 (3 bytes): padding, kept as sent.
        reserved_2: [u8; 3] => "Reserved_2",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.15 AUX_CLIENT_CONTROL: the server asks the client to change its
    /// behaviour (version 1, type 0x0A).
    AuxClientControl, "AUX_CLIENT_CONTROL" {
        /// EnableFlags: `ENABLE_*` bits (constants on this type).
        enable_flags: u32 => "EnableFlags" as enable_flags,
        /// ExpiryTime: milliseconds the client keeps unsent performance data.
        expiry_time: u32 => "ExpiryTime",
    }
}

impl AuxClientControl {
    /// ENABLE_PERF_SENDTOSERVER: send performance information to the server.
    pub const ENABLE_PERF_SENDTOSERVER: u32 = 0x0000_0001;
    /// ENABLE_PERF_SENDTOMAILBOX (listed by older editions of the spec only).
    pub const ENABLE_PERF_SENDTOMAILBOX: u32 = 0x0000_0002;
    /// ENABLE_COMPRESSION: compress data sent to the server.
    pub const ENABLE_COMPRESSION: u32 = 0x0000_0004;
    /// ENABLE_HTTP_TUNNELING: use RPC over HTTP if configured.
    pub const ENABLE_HTTP_TUNNELING: u32 = 0x0000_0008;
    /// ENABLE_PERF_SENDGCDATA: include directory-service performance data.
    pub const ENABLE_PERF_SENDGCDATA: u32 = 0x0000_0010;
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.16 AUX_OSVERSIONINFO: the server's operating system version
    /// (version 1, type 0x16).
    AuxOsVersionInfo, "AUX_OSVERSIONINFO" {
        /// OSVersionInfoSize: the size of this structure, as sent (not checked).
        os_version_info_size: u32 => "OSVersionInfoSize",
        /// MajorVersion.
        major_version: u32 => "MajorVersion",
        /// MinorVersion.
        minor_version: u32 => "MinorVersion",
        /// BuildNumber.
        build_number: u32 => "BuildNumber",
        /// Reserved1 (132 bytes): ignored by receivers, kept as sent.
        reserved1: [u8; 132] => "Reserved1",
        /// ServicePackMajor.
        service_pack_major: u16 => "ServicePackMajor",
        /// ServicePackMinor.
        service_pack_minor: u16 => "ServicePackMinor",
        /// Reserved2: ignored by receivers, kept as sent.
        reserved2: u32 => "Reserved2" as hex32,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.17 AUX_EXORGINFO: public folders in the organization (version 1,
    /// type 0x17).
    AuxExOrgInfo, "AUX_EXORGINFO" {
        /// OrgFlags: `PUBLIC_FOLDERS_ENABLED`, `USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION`.
        org_flags: u32 => "OrgFlags" as org_flags,
    }
}

impl AuxExOrgInfo {
    /// PUBLIC_FOLDERS_ENABLED: the organization has public folders.
    pub const PUBLIC_FOLDERS_ENABLED: u32 = 0x0000_0001;
    /// USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION: configure public folders through
    /// Autodiscover ([MS-OXDSCLI]).
    pub const USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION: u32 = 0x0000_0002;
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.18 AUX_PERF_ACCOUNTINFO: the client account (version 1, type 0x18).
    AuxPerfAccountInfo, "AUX_PERF_ACCOUNTINFO" {
        /// ClientID: maps to the ClientID of an AUX_PERF_CLIENTINFO.
        client_id: u16 => "ClientID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// Account: a GUID for the client account.
        account: Guid => "Account",
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.19 AUX_SERVER_CAPABILITIES: capabilities of the server (version 1,
    /// type 0x46).
    AuxServerCapabilities, "AUX_SERVER_CAPABILITIES" {
        /// ServerCapabilityFlags.
        server_capability_flags: u32 => "ServerCapabilityFlags" as server_capability_flags,
    }
}

impl AuxServerCapabilities {
    /// PACKED_FAST_TRANSFER_UPLOAD_BUFFERS.
    pub const PACKED_FAST_TRANSFER_UPLOAD_BUFFERS: u32 = 0x0000_0001;
    /// PACKED_WRITE_STREAM_UPLOAD_BUFFERS.
    pub const PACKED_WRITE_STREAM_UPLOAD_BUFFERS: u32 = 0x0000_0002;
    /// ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS.
    pub const ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS: u32 = 0x0000_0008;
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.20 AUX_ENDPOINT_CAPABILITIES: interfaces combined on one HTTP
    /// endpoint (version 1, type 0x48).
    AuxEndpointCapabilities, "AUX_ENDPOINT_CAPABILITIES" {
        /// EndpointCapabilityFlag.
        endpoint_capability_flag: u32 => "EndpointCapabilityFlag" as endpoint_capability_flag,
    }
}

impl AuxEndpointCapabilities {
    /// ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT: RFRI, NSPI and EMSMDB on one HTTP endpoint.
    pub const ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT: u32 = 0x0000_0001;
}

// ---------------------------------------------------------------------------------------------
// Variable fields located by offsets.

/// Where the variable fields of a decoded block sat on the wire. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum VarLayout<'a> {
    /// The encoder's layout: variable fields in the spec's order, packed right after the fixed
    /// fields, absent ones with offset (and size) 0.
    #[default]
    Canonical,
    /// The layout as received, kept because it is not the canonical one.
    Wire {
        /// The offset and size fields, in wire order.
        words: Vec<u16>,
        /// The bytes after the fixed fields, up to the end of the block.
        area: &'a [u8],
    },
}

/// How a variable field is located.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
enum VarKind {
    /// A null-terminated UTF-16LE string, located by one offset field.
    Str,
    /// A run of bytes, located by a size field followed by an offset field.
    Sized,
}

impl VarKind {
    fn words(self) -> usize {
        match self {
            VarKind::Str => 1,
            VarKind::Sized => 2,
        }
    }

    /// Bytes the field takes on the wire (with its terminator).
    fn wire_len(self, v: Option<&[u8]>) -> usize {
        match (self, v) {
            (_, None) => 0,
            (VarKind::Str, Some(b)) => b.len() + 2,
            (VarKind::Sized, Some(b)) => b.len(),
        }
    }
}

/// The value of a variable field.
trait VarValue<'a>: Sized {
    const KIND: VarKind;
    /// From the wire bytes (a string without its terminator).
    fn from_wire(b: &'a [u8], at: usize) -> Result<Self, DecodeError>;
    /// The wire bytes (a string without its terminator).
    fn wire(&self) -> &[u8];
    fn tree(&self) -> Tree;
}

impl<'a> VarValue<'a> for Utf16Str<'a> {
    const KIND: VarKind = VarKind::Str;
    fn from_wire(b: &'a [u8], at: usize) -> Result<Self, DecodeError> {
        // The bytes end at the first aligned NUL unit, so this cannot fail.
        Utf16Str::from_wire(b).map_err(|_| {
            DecodeError::new(
                ErrorKind::InvalidValue {
                    what: "not a UTF-16 string",
                    value: b.len() as u64,
                },
                at,
            )
        })
    }
    fn wire(&self) -> &[u8] {
        self.as_bytes()
    }
    fn tree(&self) -> Tree {
        Tree::Text(self.to_string_lossy())
    }
}

impl<'a> VarValue<'a> for Cow<'a, [u8]> {
    const KIND: VarKind = VarKind::Sized;
    fn from_wire(b: &'a [u8], _at: usize) -> Result<Self, DecodeError> {
        Ok(Cow::Borrowed(b))
    }
    fn wire(&self) -> &[u8] {
        self
    }
    fn tree(&self) -> Tree {
        Tree::Bytes(self.to_vec())
    }
}

/// Finds one variable field from its words. `fixed_end` is the offset (from the AUX_HEADER) of
/// the first byte after the fixed fields; `area` holds the bytes from there to the block's end.
/// On failure, returns which of the field's words is at fault and why.
fn resolve<'x>(
    kind: VarKind,
    words: &[u16],
    area: &'x [u8],
    fixed_end: usize,
) -> Result<Option<&'x [u8]>, (usize, ErrorKind)> {
    let (size, off_word) = match kind {
        VarKind::Str => (None, 0),
        VarKind::Sized => (Some(words[0]), 1),
    };
    let off = words[off_word];
    if off == 0 {
        return Ok(None);
    }
    let off = usize::from(off);
    if off < fixed_end {
        return Err((
            off_word,
            ErrorKind::InvalidValue {
                what: "offset points into the AUX_HEADER or the block's fixed fields",
                value: off as u64,
            },
        ));
    }
    let rel = off - fixed_end;
    if rel > area.len() {
        return Err((
            off_word,
            ErrorKind::InvalidValue {
                what: "offset points past the end of the block",
                value: off as u64,
            },
        ));
    }
    let rest = &area[rel..];
    match size {
        None => Reader::new(rest)
            .utf16z()
            .map(Some)
            .map_err(|e| (off_word, e.kind().clone())),
        Some(n) => rest.get(..usize::from(n)).map(Some).ok_or((
            0,
            ErrorKind::InvalidValue {
                what: "size runs past the end of the block",
                value: n.into(),
            },
        )),
    }
}

/// The wire bytes of a block's variable fields, in spec order (`None`: offset 0).
type VarBytes<'x> = Vec<Option<&'x [u8]>>;

/// Finds every variable field of a block.
fn resolve_all<'x>(
    kinds: &[VarKind],
    words: &[u16],
    area: &'x [u8],
    fixed_end: usize,
) -> Result<VarBytes<'x>, (usize, ErrorKind)> {
    let mut out = Vec::with_capacity(kinds.len());
    let mut w = 0;
    for &k in kinds {
        let n = k.words();
        out.push(resolve(k, &words[w..w + n], area, fixed_end).map_err(|(i, e)| (w + i, e))?);
        w += n;
    }
    Ok(out)
}

/// Whether `words` and an area of `area_len` bytes are exactly the canonical layout of `values`.
fn is_canonical(
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    words: &[u16],
    fixed_end: usize,
    area_len: usize,
) -> bool {
    let mut pos = fixed_end;
    let mut w = 0;
    for (&k, v) in kinds.iter().zip(values) {
        // Absent: offset (and size) 0. Present: at the running position (with its true size).
        let off = usize::from(words[w + k.words() - 1]);
        let off_ok = off == if v.is_some() { pos } else { 0 };
        let size_ok = k == VarKind::Str || usize::from(words[w]) == v.map_or(0, <[u8]>::len);
        if !(off_ok && size_ok) {
            return false;
        }
        pos += k.wire_len(*v);
        w += k.words();
    }
    pos == fixed_end + area_len
}

/// The canonical offset and size words of `values`.
fn canonical_words(
    kinds: &[VarKind],
    names: &[&'static str],
    values: &[Option<&[u8]>],
    fixed_end: usize,
) -> Result<Vec<u16>, EncodeError> {
    let mut words = Vec::with_capacity(names.len());
    let mut pos = fixed_end;
    for (&k, v) in kinds.iter().zip(values) {
        if k == VarKind::Sized {
            words.push(u16_len(v.map_or(0, <[u8]>::len), names[words.len()])?);
        }
        let off = match v {
            Some(_) => u16_len(pos, names[words.len()])?,
            None => 0,
        };
        words.push(off);
        pos += k.wire_len(*v);
    }
    Ok(words)
}

/// The kept wire layout, if there is one and it still describes `values`.
fn kept_wire<'s>(
    layout: &'s VarLayout<'_>,
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    fixed_end: usize,
) -> Option<(&'s [u16], &'s [u8])> {
    match layout {
        VarLayout::Wire { words, area }
            if words.len() == kinds.iter().map(|k| k.words()).sum::<usize>()
                && resolve_all(kinds, words, area, fixed_end).as_deref() == Ok(values) =>
        {
            Some((words, area))
        }
        _ => None,
    }
}

/// Bytes after the fixed fields, as the encoder writes them.
fn var_area_len(
    kinds: &[VarKind],
    values: &[Option<&[u8]>],
    layout: &VarLayout<'_>,
    fixed_end: usize,
) -> usize {
    match kept_wire(layout, kinds, values, fixed_end) {
        Some((_, area)) => area.len(),
        None => kinds.iter().zip(values).map(|(k, v)| k.wire_len(*v)).sum(),
    }
}

/// The words and the area the encoder writes.
enum VarOut<'s> {
    Kept(&'s [u16], &'s [u8]),
    Canonical(Vec<u16>),
}

fn var_out<'s>(
    kinds: &[VarKind],
    names: &[&'static str],
    values: &[Option<&[u8]>],
    layout: &'s VarLayout<'_>,
    fixed_end: usize,
) -> Result<VarOut<'s>, EncodeError> {
    Ok(match kept_wire(layout, kinds, values, fixed_end) {
        Some((w, a)) => VarOut::Kept(w, a),
        None => VarOut::Canonical(canonical_words(kinds, names, values, fixed_end)?),
    })
}

impl VarOut<'_> {
    fn words(&self) -> &[u16] {
        match self {
            VarOut::Kept(w, _) => w,
            VarOut::Canonical(w) => w,
        }
    }

    fn put_area<B: BufMut>(&self, kinds: &[VarKind], values: &[Option<&[u8]>], out: &mut B) {
        match self {
            VarOut::Kept(_, area) => out.put_slice(area),
            VarOut::Canonical(_) => {
                for (&k, v) in kinds.iter().zip(values) {
                    if let Some(b) = v {
                        out.put_slice(b);
                        if k == VarKind::Str {
                            out.put_u16_le(0);
                        }
                    }
                }
            }
        }
    }
}

/// Reads the words of a block (named for errors) and follows them into `area`. Returns the
/// values and the layout to keep.
fn decode_vars<'a>(
    kinds: &[VarKind],
    names: &[&'static str],
    words: &[u16],
    words_at: usize,
    area: &'a [u8],
    fixed_end: usize,
) -> Result<(VarBytes<'a>, VarLayout<'a>), DecodeError> {
    let values = resolve_all(kinds, words, area, fixed_end)
        .map_err(|(w, kind)| DecodeError::new(kind, words_at + 2 * w).in_field(names[w]))?;
    let layout = if is_canonical(kinds, &values, words, fixed_end, area.len()) {
        VarLayout::Canonical
    } else {
        VarLayout::Wire {
            words: words.to_vec(),
            area,
        }
    };
    Ok((values, layout))
}

/// Most offset and size fields in one block (AUX_PERF_CLIENTINFO has nine).
const MAX_WORDS: usize = 9;

/// A block with fixed fields (a prefix, one run of offset/size fields, a suffix) and variable
/// fields located by those offsets.
macro_rules! var_block {
    (
        $(#[$meta:meta])* $name:ident, $spec:literal,
        prefix { $($(#[$pm:meta])* $pf:ident : $pt:ty => $pw:literal $(as $ptree:path)?,)* }
        words [$($ww:literal),+ $(,)?]
        suffix { $($(#[$sm:meta])* $sf:ident : $st:ty => $sw:literal $(as $stree:path)?,)* }
        vars { $($(#[$vm:meta])* $vf:ident : $vt:ty => $vw:literal,)* }
    ) => {
        $(#[$meta])*
        ///
        /// Build one with `..Default::default()`: offsets are computed on encode.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub struct $name<'a> {
            $($(#[$pm])* pub $pf: $pt,)*
            $($(#[$sm])* pub $sf: $st,)*
            $($(#[$vm])* pub $vf: Option<$vt>,)*
            /// Where the variable fields sat on the wire (see the module documentation).
            pub layout: VarLayout<'a>,
        }

        impl<'a> $name<'a> {
            const KINDS: &'static [VarKind] = &[$(<$vt as VarValue<'a>>::KIND),*];
            const WORDS: &'static [&'static str] = &[$($ww),+];
            const FIXED_END: usize = AuxHeader::SIZE + <Self as Payload<'a>>::FIXED;

            fn values(&self) -> Vec<Option<&[u8]>> {
                vec![$(self.$vf.as_ref().map(VarValue::wire)),*]
            }
        }

        impl<'a> Payload<'a> for $name<'a> {
            const NAME: &'static str = $spec;
            const FIXED: usize =
                0 $(+ <$pt as Field>::LEN)* + 2 * Self::WORDS.len() $(+ <$st as Field>::LEN)*;

            fn decode_payload(p: &mut Reader<'a>) -> Result<Self, DecodeError> {
                $(let $pf = <$pt as Field>::read(p).field($pw)?;)*
                let words_at = p.offset();
                let mut words = [0u16; MAX_WORDS];
                for (w, name) in words.iter_mut().zip(Self::WORDS) {
                    *w = p.u16().field(name)?;
                }
                let words = &words[..Self::WORDS.len()];
                $(let $sf = <$st as Field>::read(p).field($sw)?;)*
                let area = p.take_rest();
                let (values, layout) =
                    decode_vars(Self::KINDS, Self::WORDS, words, words_at, area, Self::FIXED_END)?;
                let mut values = values.into_iter();
                Ok($name {
                    $($pf,)*
                    $($sf,)*
                    $($vf: match values.next().flatten() {
                        Some(b) => Some(<$vt as VarValue<'a>>::from_wire(b, words_at).field($vw)?),
                        None => None,
                    },)*
                    layout,
                })
            }

            fn payload_len(&self) -> usize {
                let values = self.values();
                Self::FIXED + var_area_len(Self::KINDS, &values, &self.layout, Self::FIXED_END)
            }

            fn put_payload<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                let values = self.values();
                let v = var_out(Self::KINDS, Self::WORDS, &values, &self.layout, Self::FIXED_END)?;
                $(Field::put(&self.$pf, out);)*
                for w in v.words() {
                    out.put_u16_le(*w);
                }
                $(Field::put(&self.$sf, out);)*
                v.put_area(Self::KINDS, &values, out);
                Ok(())
            }

            fn payload_tree(&self) -> Tree {
                let values = self.values();
                let v = var_out(Self::KINDS, Self::WORDS, &values, &self.layout, Self::FIXED_END);
                let mut t = Tree::record() $(.field($pw, field_tree!(&self.$pf $(, $ptree)?)))*;
                if let Ok(v) = &v {
                    for (name, w) in Self::WORDS.iter().zip(v.words()) {
                        t = t.field(*name, Tree::UInt((*w).into()));
                    }
                }
                t $(.field($sw, field_tree!(&self.$sf $(, $stree)?)))*
                    $(.field($vw, self.$vf.as_ref().map_or(Tree::Null, VarValue::tree)))*
            }
        }

        impl ToTree for $name<'_> {
            fn to_tree(&self) -> Tree {
                self.payload_tree()
            }
        }
    };
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.4 AUX_PERF_CLIENTINFO: the client performance data is associated
    /// with (version 1, type 0x02). MachineName, UserName and AdapterName are null-terminated
    /// UTF-16 strings; ClientIP, ClientIPMask and MacAddress are byte runs with a size field.
    AuxPerfClientInfo, "AUX_PERF_CLIENTINFO",
    prefix {
        /// AdapterSpeed: kilobits per second.
        adapter_speed: u32 => "AdapterSpeed",
        /// ClientID: the client-assigned client identification number.
        client_id: u16 => "ClientID",
    }
    words [
        "MachineNameOffset", "UserNameOffset", "ClientIPSize", "ClientIPOffset",
        "ClientIPMaskSize", "ClientIPMaskOffset", "AdapterNameOffset", "MacAddressSize",
        "MacAddressOffset",
    ]
    suffix {
        /// ClientMode: CLIENTMODE_UNKNOWN 0, CLIENTMODE_CLASSIC 1, CLIENTMODE_CACHED 2.
        client_mode: u16 => "ClientMode" as client_mode,
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
    }
    vars {
        /// MachineName: the client computer name.
        machine_name: Utf16Str<'a> => "MachineName",
        /// UserName: the user's account name.
        user_name: Utf16Str<'a> => "UserName",
        /// ClientIP: the client's IP address (ClientIPSize bytes).
        client_ip: Cow<'a, [u8]> => "ClientIP",
        /// ClientIPMask: the client's IP subnet mask (ClientIPMaskSize bytes).
        client_ip_mask: Cow<'a, [u8]> => "ClientIPMask",
        /// AdapterName: the client network adapter name.
        adapter_name: Utf16Str<'a> => "AdapterName",
        /// MacAddress: the adapter's MAC address (MacAddressSize bytes).
        mac_address: Cow<'a, [u8]> => "MacAddress",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.5 AUX_PERF_SERVERINFO: the server the client talks to (version 1,
    /// type 0x03). ServerDN and ServerName are null-terminated UTF-16 strings.
    AuxPerfServerInfo, "AUX_PERF_SERVERINFO",
    prefix {
        /// ServerID: the client-assigned server identification number.
        server_id: u16 => "ServerID",
        /// ServerType: SERVERTYPE_UNKNOWN 0, _PRIVATE 1, _PUBLIC 2, _DIRECTORY 3, _REFERRAL 4.
        server_type: u16 => "ServerType" as server_type,
    }
    words ["ServerDNOffset", "ServerNameOffset"]
    suffix {}
    vars {
        /// ServerDN: the DN of the server.
        server_dn: Utf16Str<'a> => "ServerDN",
        /// ServerName: the server name.
        server_name: Utf16Str<'a> => "ServerName",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.6 AUX_PERF_PROCESSINFO: the client process (version 1 or 2,
    /// type 0x0B). ProcessName is a null-terminated UTF-16 string.
    AuxPerfProcessInfo, "AUX_PERF_PROCESSINFO",
    prefix {
        /// ProcessID: the client-assigned process identification number.
        process_id: u16 => "ProcessID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex16,
        /// ProcessGuid: the GUID of the client process.
        process_guid: Guid => "ProcessGuid",
    }
    words ["ProcessNameOffset"]
    suffix {
        /// Reserved_2: padding, kept as sent.
        reserved_2: u16 => "Reserved_2" as hex16,
    }
    vars {
        /// ProcessName: the client process name.
        process_name: Utf16Str<'a> => "ProcessName",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.21 AUX_CLIENT_CONNECTION_INFO: the client connection, for the
    /// server's logs (version 1, type 0x4A). ConnectionContextInfo is a null-terminated UTF-16
    /// string.
    AuxClientConnectionInfo, "AUX_CLIENT_CONNECTION_INFO",
    prefix {
        /// ConnectionGUID: the GUID of the connection.
        connection_guid: Guid => "ConnectionGUID",
    }
    words ["OffsetConnectionContextInfo"]
    suffix {
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex16,
        /// ConnectionAttempts: the number of connection attempts (4 bytes).
        connection_attempts: u32 => "ConnectionAttempts",
        /// ConnectionFlags: 0x0001 when the client runs in cached mode, 0 when it names no mode.
        connection_flags: u32 => "ConnectionFlags" as hex32,
    }
    vars {
        /// ConnectionContextInfo: opaque connection context for the server's logs.
        connection_context_info: Utf16Str<'a> => "ConnectionContextInfo",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.22 AUX_SERVER_SESSION_INFO: server information for the client's
    /// logs (version 1, type 0x4B). ServerSessionContextInfo is a null-terminated UTF-16 string.
    AuxServerSessionInfo, "AUX_SERVER_SESSION_INFO",
    prefix {}
    words ["OffsetServerSessionContextInfo"]
    suffix {}
    vars {
        /// ServerSessionContextInfo: opaque server session context.
        server_session_context_info: Utf16Str<'a> => "ServerSessionContextInfo",
    }
}

var_block! {
    /// [MS-OXCRPC] 2.2.2.2.23 AUX_PROTOCOL_DEVICE_IDENTIFICATION: a device between client and
    /// server (version 1, type 0x4E). Every field is a null-terminated UTF-16 string.
    AuxProtocolDeviceIdentification, "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
    prefix {}
    words [
        "DeviceManufacturerOffset", "DeviceModelOffset", "DeviceSerialNumberOffset",
        "DeviceVersionOffset", "DeviceFirmwareVersionOffset",
    ]
    suffix {}
    vars {
        /// DeviceManufacturer.
        device_manufacturer: Utf16Str<'a> => "DeviceManufacturer",
        /// DeviceModel.
        device_model: Utf16Str<'a> => "DeviceModel",
        /// DeviceSerialNumber.
        device_serial_number: Utf16Str<'a> => "DeviceSerialNumber",
        /// DeviceVersion.
        device_version: Utf16Str<'a> => "DeviceVersion",
        /// DeviceFirmwareVersion.
        device_firmware_version: Utf16Str<'a> => "DeviceFirmwareVersion",
    }
}

// ---------------------------------------------------------------------------------------------
// Blocks.

const DEFMDB_TYPES: [AuxType; 3] = [
    AuxType::PERF_DEFMDB_SUCCESS,
    AuxType::PERF_BG_DEFMDB_SUCCESS,
    AuxType::PERF_FG_DEFMDB_SUCCESS,
];
const DEFGC_TYPES: [AuxType; 3] = [
    AuxType::PERF_DEFGC_SUCCESS,
    AuxType::PERF_BG_DEFGC_SUCCESS,
    AuxType::PERF_FG_DEFGC_SUCCESS,
];
const MDB_TYPES: [AuxType; 3] = [
    AuxType::PERF_MDB_SUCCESS,
    AuxType::PERF_BG_MDB_SUCCESS,
    AuxType::PERF_FG_MDB_SUCCESS,
];
const GC_TYPES: [AuxType; 3] = [
    AuxType::PERF_GC_SUCCESS,
    AuxType::PERF_BG_GC_SUCCESS,
    AuxType::PERF_FG_GC_SUCCESS,
];
const FAILURE_TYPES: [AuxType; 3] = [
    AuxType::PERF_FAILURE,
    AuxType::PERF_BG_FAILURE,
    AuxType::PERF_FG_FAILURE,
];

/// One auxiliary block: an AUX_HEADER and the block structure its Version and Type select
/// ([MS-OXCRPC] 2.2.2.2). The header's Size is not stored: it is the encoded length. Variants
/// that several Types share (plain, BG and FG) keep the Type so that the block re-encodes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum AuxBlock<'a> {
    /// Version 1, type 0x01: [`AuxPerfRequestId`].
    PerfRequestId(AuxPerfRequestId),
    /// Version 1, type 0x02: [`AuxPerfClientInfo`].
    PerfClientInfo(AuxPerfClientInfo<'a>),
    /// Version 1, type 0x03: [`AuxPerfServerInfo`].
    PerfServerInfo(AuxPerfServerInfo<'a>),
    /// Version 1, type 0x04: [`AuxPerfSessionInfo`].
    PerfSessionInfo(AuxPerfSessionInfo),
    /// Version 2, type 0x04: [`AuxPerfSessionInfoV2`].
    PerfSessionInfoV2(AuxPerfSessionInfoV2),
    /// Version 1 or 2, type 0x0B: [`AuxPerfProcessInfo`] (the same structure in both).
    PerfProcessInfo {
        /// Version: [`AuxVersion::V1`] or [`AuxVersion::V2`].
        version: AuxVersion,
        /// The block.
        block: AuxPerfProcessInfo<'a>,
    },
    /// Version 1, types 0x05, 0x0C (BG), 0x11 (FG): [`AuxPerfDefMdbSuccess`].
    PerfDefMdbSuccess {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfDefMdbSuccess,
    },
    /// Version 1, types 0x06, 0x0D (BG), 0x12 (FG): [`AuxPerfDefGcSuccess`].
    PerfDefGcSuccess {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfDefGcSuccess,
    },
    /// Version 1, types 0x07, 0x0E (BG), 0x13 (FG): [`AuxPerfMdbSuccess`].
    PerfMdbSuccess {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfMdbSuccess,
    },
    /// Version 2, types 0x07, 0x0E (BG), 0x13 (FG): [`AuxPerfMdbSuccessV2`].
    PerfMdbSuccessV2 {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfMdbSuccessV2,
    },
    /// Version 1, types 0x08, 0x0F (BG), 0x14 (FG): [`AuxPerfGcSuccess`].
    PerfGcSuccess {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfGcSuccess,
    },
    /// Version 2, types 0x08, 0x0F (BG), 0x14 (FG): [`AuxPerfGcSuccessV2`].
    PerfGcSuccessV2 {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfGcSuccessV2,
    },
    /// Version 1, types 0x09, 0x10 (BG), 0x15 (FG): [`AuxPerfFailure`].
    PerfFailure {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfFailure,
    },
    /// Version 2, types 0x09, 0x10 (BG), 0x15 (FG): [`AuxPerfFailureV2`].
    PerfFailureV2 {
        /// Type: one of the three.
        aux_type: AuxType,
        /// The block.
        block: AuxPerfFailureV2,
    },
    /// Version 1, type 0x0A: [`AuxClientControl`].
    ClientControl(AuxClientControl),
    /// Version 1, type 0x16: [`AuxOsVersionInfo`].
    OsVersionInfo(AuxOsVersionInfo),
    /// Version 1, type 0x17: [`AuxExOrgInfo`].
    ExOrgInfo(AuxExOrgInfo),
    /// Version 1, type 0x18: [`AuxPerfAccountInfo`].
    PerfAccountInfo(AuxPerfAccountInfo),
    /// Version 1, type 0x46: [`AuxServerCapabilities`].
    ServerCapabilities(AuxServerCapabilities),
    /// Version 1, type 0x48: [`AuxEndpointCapabilities`].
    EndpointCapabilities(AuxEndpointCapabilities),
    /// Version 1, type 0x4A: [`AuxClientConnectionInfo`].
    ClientConnectionInfo(AuxClientConnectionInfo<'a>),
    /// Version 1, type 0x4B: [`AuxServerSessionInfo`].
    ServerSessionInfo(AuxServerSessionInfo<'a>),
    /// Version 1, type 0x4E: [`AuxProtocolDeviceIdentification`].
    ProtocolDeviceIdentification(AuxProtocolDeviceIdentification<'a>),
    /// A (Version, Type) pair the spec does not define; receivers skip it
    /// ([MS-OXCRPC] 3.1.4.1.2). The payload is kept whole. Built by hand with a pair the spec
    /// does define, it still encodes, but decodes back as that pair's variant.
    Unknown {
        /// Version.
        version: AuxVersion,
        /// Type.
        aux_type: AuxType,
        /// The payload after the AUX_HEADER.
        bytes: &'a [u8],
    },
}

/// Calls `$f` with the block's payload (as a [`Payload`]), or `$unknown` with the bytes.
macro_rules! with_payload {
    ($self:expr, $p:ident => $f:expr, $b:ident => $unknown:expr) => {
        match $self {
            AuxBlock::PerfRequestId($p) => $f,
            AuxBlock::PerfClientInfo($p) => $f,
            AuxBlock::PerfServerInfo($p) => $f,
            AuxBlock::PerfSessionInfo($p) => $f,
            AuxBlock::PerfSessionInfoV2($p) => $f,
            AuxBlock::PerfProcessInfo { block: $p, .. } => $f,
            AuxBlock::PerfDefMdbSuccess { block: $p, .. } => $f,
            AuxBlock::PerfDefGcSuccess { block: $p, .. } => $f,
            AuxBlock::PerfMdbSuccess { block: $p, .. } => $f,
            AuxBlock::PerfMdbSuccessV2 { block: $p, .. } => $f,
            AuxBlock::PerfGcSuccess { block: $p, .. } => $f,
            AuxBlock::PerfGcSuccessV2 { block: $p, .. } => $f,
            AuxBlock::PerfFailure { block: $p, .. } => $f,
            AuxBlock::PerfFailureV2 { block: $p, .. } => $f,
            AuxBlock::ClientControl($p) => $f,
            AuxBlock::OsVersionInfo($p) => $f,
            AuxBlock::ExOrgInfo($p) => $f,
            AuxBlock::PerfAccountInfo($p) => $f,
            AuxBlock::ServerCapabilities($p) => $f,
            AuxBlock::EndpointCapabilities($p) => $f,
            AuxBlock::ClientConnectionInfo($p) => $f,
            AuxBlock::ServerSessionInfo($p) => $f,
            AuxBlock::ProtocolDeviceIdentification($p) => $f,
            AuxBlock::Unknown { bytes: $b, .. } => $unknown,
        }
    };
}

impl AuxBlock<'_> {
    /// The Version of the block's AUX_HEADER.
    pub fn version(&self) -> AuxVersion {
        match self {
            AuxBlock::PerfSessionInfoV2(_)
            | AuxBlock::PerfMdbSuccessV2 { .. }
            | AuxBlock::PerfGcSuccessV2 { .. }
            | AuxBlock::PerfFailureV2 { .. } => AuxVersion::V2,
            AuxBlock::PerfProcessInfo { version, .. } | AuxBlock::Unknown { version, .. } => {
                *version
            }
            _ => AuxVersion::V1,
        }
    }

    /// The Type of the block's AUX_HEADER.
    pub fn aux_type(&self) -> AuxType {
        match self {
            AuxBlock::PerfRequestId(_) => AuxType::PERF_REQUESTID,
            AuxBlock::PerfClientInfo(_) => AuxType::PERF_CLIENTINFO,
            AuxBlock::PerfServerInfo(_) => AuxType::PERF_SERVERINFO,
            AuxBlock::PerfSessionInfo(_) | AuxBlock::PerfSessionInfoV2(_) => {
                AuxType::PERF_SESSIONINFO
            }
            AuxBlock::PerfProcessInfo { .. } => AuxType::PERF_PROCESSINFO,
            AuxBlock::PerfDefMdbSuccess { aux_type, .. }
            | AuxBlock::PerfDefGcSuccess { aux_type, .. }
            | AuxBlock::PerfMdbSuccess { aux_type, .. }
            | AuxBlock::PerfMdbSuccessV2 { aux_type, .. }
            | AuxBlock::PerfGcSuccess { aux_type, .. }
            | AuxBlock::PerfGcSuccessV2 { aux_type, .. }
            | AuxBlock::PerfFailure { aux_type, .. }
            | AuxBlock::PerfFailureV2 { aux_type, .. }
            | AuxBlock::Unknown { aux_type, .. } => *aux_type,
            AuxBlock::ClientControl(_) => AuxType::CLIENT_CONTROL,
            AuxBlock::OsVersionInfo(_) => AuxType::OSVERSIONINFO,
            AuxBlock::ExOrgInfo(_) => AuxType::EXORGINFO,
            AuxBlock::PerfAccountInfo(_) => AuxType::PERF_ACCOUNTINFO,
            AuxBlock::ServerCapabilities(_) => AuxType::SERVER_CAPABILITIES,
            AuxBlock::EndpointCapabilities(_) => AuxType::ENDPOINT_CAPABILITIES,
            AuxBlock::ClientConnectionInfo(_) => AuxType::CLIENT_CONNECTION_INFO,
            AuxBlock::ServerSessionInfo(_) => AuxType::SERVER_SESSION_INFO,
            AuxBlock::ProtocolDeviceIdentification(_) => AuxType::PROTOCOL_DEVICE_IDENTIFICATION,
        }
    }

    /// The AUX_HEADER this block encodes with (Size saturates at `u16::MAX` for a block too
    /// long to encode).
    pub fn header(&self) -> AuxHeader {
        AuxHeader {
            size: u16::try_from(self.encoded_len()).unwrap_or(u16::MAX),
            version: self.version(),
            aux_type: self.aux_type(),
        }
    }

    /// Fails when a variant carries a Version or Type it cannot be sent with.
    fn check(&self) -> Result<(), EncodeError> {
        let ok = match self {
            AuxBlock::PerfProcessInfo { version, .. } => {
                *version == AuxVersion::V1 || *version == AuxVersion::V2
            }
            AuxBlock::PerfDefMdbSuccess { aux_type, .. } => DEFMDB_TYPES.contains(aux_type),
            AuxBlock::PerfDefGcSuccess { aux_type, .. } => DEFGC_TYPES.contains(aux_type),
            AuxBlock::PerfMdbSuccess { aux_type, .. }
            | AuxBlock::PerfMdbSuccessV2 { aux_type, .. } => MDB_TYPES.contains(aux_type),
            AuxBlock::PerfGcSuccess { aux_type, .. }
            | AuxBlock::PerfGcSuccessV2 { aux_type, .. } => GC_TYPES.contains(aux_type),
            AuxBlock::PerfFailure { aux_type, .. } | AuxBlock::PerfFailureV2 { aux_type, .. } => {
                FAILURE_TYPES.contains(aux_type)
            }
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err(EncodeError::invalid(
                "auxiliary block variant with a Version or Type the spec gives another structure",
            ))
        }
    }

    /// The spec's name of the block structure (`AUX_PERF_CLIENTINFO`), or `None` for
    /// [`AuxBlock::Unknown`].
    pub fn structure_name(&self) -> Option<&'static str> {
        fn name<'a, T: Payload<'a>>(_: &T) -> &'static str {
            T::NAME
        }
        with_payload!(self, p => Some(name(p)), _b => None)
    }
}

impl<'a> Decode<'a> for AuxBlock<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let h = AuxHeader::decode_from(r)?;
        let len = usize::from(h.size) - AuxHeader::SIZE;
        if len > r.remaining() {
            return Err(DecodeError::new(
                ErrorKind::Truncated {
                    needed: len,
                    available: r.remaining(),
                },
                at,
            ))
            .field("Size");
        }
        let mut p = r.sub(len)?;
        decode_payload(h, &mut p, at)
    }
}

/// Picks the block structure of `h` and reads it from `p` (the whole payload).
fn decode_payload<'a>(
    h: AuxHeader,
    p: &mut Reader<'a>,
    at: usize,
) -> Result<AuxBlock<'a>, DecodeError> {
    use AuxBlock as B;
    const V1: AuxVersion = AuxVersion::V1;
    const V2: AuxVersion = AuxVersion::V2;
    let (v, t, s) = (h.version, h.aux_type, h.size);
    Ok(match (v, t) {
        (V1, AuxType::PERF_REQUESTID) => B::PerfRequestId(decode_body(p, at, s)?),
        (V1, AuxType::PERF_CLIENTINFO) => B::PerfClientInfo(decode_body(p, at, s)?),
        (V1, AuxType::PERF_SERVERINFO) => B::PerfServerInfo(decode_body(p, at, s)?),
        (V1, AuxType::PERF_SESSIONINFO) => B::PerfSessionInfo(decode_body(p, at, s)?),
        (V2, AuxType::PERF_SESSIONINFO) => B::PerfSessionInfoV2(decode_body(p, at, s)?),
        (V1 | V2, AuxType::PERF_PROCESSINFO) => B::PerfProcessInfo {
            version: v,
            block: decode_body(p, at, s)?,
        },
        (V1, _) if DEFMDB_TYPES.contains(&t) => B::PerfDefMdbSuccess {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V1, _) if DEFGC_TYPES.contains(&t) => B::PerfDefGcSuccess {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V1, _) if MDB_TYPES.contains(&t) => B::PerfMdbSuccess {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V2, _) if MDB_TYPES.contains(&t) => B::PerfMdbSuccessV2 {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V1, _) if GC_TYPES.contains(&t) => B::PerfGcSuccess {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V2, _) if GC_TYPES.contains(&t) => B::PerfGcSuccessV2 {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V1, _) if FAILURE_TYPES.contains(&t) => B::PerfFailure {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V2, _) if FAILURE_TYPES.contains(&t) => B::PerfFailureV2 {
            aux_type: t,
            block: decode_body(p, at, s)?,
        },
        (V1, AuxType::CLIENT_CONTROL) => B::ClientControl(decode_body(p, at, s)?),
        (V1, AuxType::OSVERSIONINFO) => B::OsVersionInfo(decode_body(p, at, s)?),
        (V1, AuxType::EXORGINFO) => B::ExOrgInfo(decode_body(p, at, s)?),
        (V1, AuxType::PERF_ACCOUNTINFO) => B::PerfAccountInfo(decode_body(p, at, s)?),
        (V1, AuxType::SERVER_CAPABILITIES) => B::ServerCapabilities(decode_body(p, at, s)?),
        (V1, AuxType::ENDPOINT_CAPABILITIES) => B::EndpointCapabilities(decode_body(p, at, s)?),
        (V1, AuxType::CLIENT_CONNECTION_INFO) => B::ClientConnectionInfo(decode_body(p, at, s)?),
        (V1, AuxType::SERVER_SESSION_INFO) => B::ServerSessionInfo(decode_body(p, at, s)?),
        (V1, AuxType::PROTOCOL_DEVICE_IDENTIFICATION) => {
            B::ProtocolDeviceIdentification(decode_body(p, at, s)?)
        }
        _ => B::Unknown {
            version: v,
            aux_type: t,
            bytes: p.take_rest(),
        },
    })
}

impl Encode for AuxBlock<'_> {
    fn encoded_len(&self) -> usize {
        AuxHeader::SIZE + with_payload!(self, p => p.payload_len(), b => b.len())
    }

    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.check()?;
        let len = self.encoded_len();
        let size = u16_len(len, "Size")?;
        ensure_room(out, len)?;
        AuxHeader {
            size,
            version: self.version(),
            aux_type: self.aux_type(),
        }
        .encode(out)?;
        with_payload!(self, p => p.put_payload(out), b => {
            out.put_slice(b);
            Ok(())
        })
    }
}

impl ToTree for AuxBlock<'_> {
    fn to_tree(&self) -> Tree {
        let h = self.header();
        let t = Tree::record()
            .field("Size", Tree::UInt(h.size.into()))
            .field("Version", Tree::named(h.version.0, h.version.name()))
            .field("Type", Tree::named(h.aux_type.0, h.aux_type.name()));
        fn body<'a, T: Payload<'a>>(t: Tree, p: &T) -> Tree {
            t.field(T::NAME, p.payload_tree())
        }
        with_payload!(self, p => body(t, p), b => t.field("Payload", Tree::Bytes(b.to_vec())))
    }
}

/// An auxiliary buffer's payload: AUX_HEADER-framed blocks, one after another, filling the
/// buffer exactly ([MS-OXCRPC] 3.1.4.1.2, 3.2.4.1.2). Decoding reads blocks until the input is
/// used up, so give it exactly the buffer (the payload of the extended buffer that carried it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuxBlocks<'a> {
    /// The blocks, in wire order.
    pub blocks: Vec<AuxBlock<'a>>,
}

impl<'a> Decode<'a> for AuxBlocks<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let mut blocks = Vec::new();
        while !r.is_empty() {
            // Every block takes at least 4 bytes, so the count is bounded by the input; it is
            // still held to the element limit.
            let n = blocks.len();
            r.check_count(r.offset(), n as u64 + 1, 0)
                .index(n)
                .field("AuxiliaryBlocks")?;
            blocks.push(AuxBlock::decode_from(r).index(n).field("AuxiliaryBlocks")?);
        }
        Ok(AuxBlocks { blocks })
    }
}

impl Encode for AuxBlocks<'_> {
    fn encoded_len(&self) -> usize {
        self.blocks.iter().map(Encode::encoded_len).sum()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        for b in &self.blocks {
            b.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for AuxBlocks<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record().field(
            "AuxiliaryBlocks",
            Tree::List(self.blocks.iter().map(ToTree::to_tree).collect()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    /// "name" as UTF-16LE with its terminator.
    fn w(s: &str) -> Vec<u8> {
        let mut v: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        v.extend_from_slice(&[0, 0]);
        v
    }

    fn le16(v: u16) -> [u8; 2] {
        v.to_le_bytes()
    }

    fn le32(v: u32) -> [u8; 4] {
        v.to_le_bytes()
    }

    /// Prepends an AUX_HEADER (Size, Version, Type) to a payload.
    fn block(version: u8, ty: u8, payload: &[u8]) -> Vec<u8> {
        let mut b = le16((payload.len() + 4) as u16).to_vec();
        b.push(version);
        b.push(ty);
        b.extend_from_slice(payload);
        b
    }

    fn one(bytes: &[u8]) -> AuxBlock<'_> {
        let mut v = AuxBlocks::decode_exact(bytes, Limits::DEFAULT)
            .unwrap()
            .blocks;
        assert_eq!(v.len(), 1);
        v.remove(0)
    }

    /// Round trip, exact length, every strict non-empty prefix fails (the empty buffer is a
    /// valid buffer of no blocks), a Size below 4 and a Size past the buffer fail.
    fn check_block(bytes: &[u8]) {
        let blocks = AuxBlocks::decode_exact(bytes, Limits::DEFAULT).unwrap();
        assert_eq!(blocks.encoded_len(), bytes.len());
        assert_eq!(blocks.to_bytes().unwrap(), bytes);
        for n in 1..bytes.len() {
            assert!(
                AuxBlocks::decode_exact(&bytes[..n], Limits::DEFAULT).is_err(),
                "prefix {n}"
            );
        }
        for size in 0u16..4 {
            let mut b = bytes.to_vec();
            b[..2].copy_from_slice(&le16(size));
            let e = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap_err();
            assert_eq!(e.kind().name(), "invalid-value", "size {size}");
            assert_eq!(e.offset(), 0);
            assert_eq!(e.path_string(), "AuxiliaryBlocks[0].Size");
        }
        let mut b = bytes.to_vec();
        b[..2].copy_from_slice(&le16(bytes.len() as u16 + 1));
        let e = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.path_string(), "AuxiliaryBlocks[0].Size");
        let _ = blocks.to_tree().to_text();
    }

    #[test]
    fn request_id_by_hand() {
        let b = [0x08, 0x00, 0x01, 0x01, 0x34, 0x12, 0x78, 0x56];
        assert_eq!(
            one(&b),
            AuxBlock::PerfRequestId(AuxPerfRequestId {
                session_id: 0x1234,
                request_id: 0x5678
            })
        );
        check_block(&b);
    }

    #[test]
    fn session_info_v2_by_hand() {
        let guid: [u8; 16] = core::array::from_fn(|i| i as u8 + 1);
        let mut p = le16(7).to_vec(); // SessionID
        p.extend_from_slice(&le16(0xBEEF)); // Reserved
        p.extend_from_slice(&guid); // SessionGuid
        p.extend_from_slice(&le32(0x0102_0304)); // ConnectionID
        let b = block(2, 0x04, &p);
        assert_eq!(b.len(), 28);
        assert_eq!(
            one(&b),
            AuxBlock::PerfSessionInfoV2(AuxPerfSessionInfoV2 {
                session_id: 7,
                reserved: 0xBEEF,
                session_guid: Guid(guid),
                connection_id: 0x0102_0304,
            })
        );
        check_block(&b);
        // The same type with version 1 is AUX_PERF_SESSIONINFO: 4 bytes too many.
        let mut v1 = b.clone();
        v1[2] = 1;
        let e = AuxBlocks::decode_exact(&v1, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        assert_eq!(e.offset(), 24);
        assert_eq!(e.path_string(), "AuxiliaryBlocks[0].AUX_PERF_SESSIONINFO");
    }

    #[test]
    fn bg_failure_keeps_its_type() {
        let mut p = Vec::new();
        for v in [1u16, 2, 3, 4] {
            p.extend_from_slice(&le16(v)); // ClientID ServerID SessionID RequestID
        }
        p.extend_from_slice(&le32(100)); // TimeSinceRequest
        p.extend_from_slice(&le32(200)); // TimeToFailRequest
        p.extend_from_slice(&le32(0x8004_0115)); // ResultCode
        p.extend_from_slice(&[0x09, 0xAA, 0xBB, 0xCC]); // RequestOperation, Reserved
        let b = block(1, 0x10, &p);
        let blk = one(&b);
        assert_eq!(
            blk,
            AuxBlock::PerfFailure {
                aux_type: AuxType::PERF_BG_FAILURE,
                block: AuxPerfFailure {
                    client_id: 1,
                    server_id: 2,
                    session_id: 3,
                    request_id: 4,
                    time_since_request: 100,
                    time_to_fail_request: 200,
                    result_code: 0x8004_0115,
                    request_operation: 9,
                    reserved: [0xAA, 0xBB, 0xCC],
                }
            }
        );
        assert_eq!(blk.structure_name(), Some("AUX_PERF_FAILURE"));
        let t = blk.to_tree().to_text();
        assert!(t.contains("AUX_TYPE_PERF_BG_FAILURE"), "{t}");
        check_block(&b);
        // A Size that cannot hold the fixed fields.
        let short = block(1, 0x10, &p[..20]);
        let e = AuxBlocks::decode_exact(&short, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.path_string(), "AuxiliaryBlocks[0].Size");
    }

    #[test]
    fn client_control_and_flags() {
        let mut p = le32(0x0000_0015).to_vec(); // SENDTOSERVER | COMPRESSION | SENDGCDATA
        p.extend_from_slice(&le32(60_000));
        let b = block(1, 0x0A, &p);
        assert_eq!(
            one(&b),
            AuxBlock::ClientControl(AuxClientControl {
                enable_flags: 0x15,
                expiry_time: 60_000
            })
        );
        let t = one(&b).to_tree().to_text();
        assert!(
            t.contains("ENABLE_PERF_SENDTOSERVER|ENABLE_COMPRESSION|ENABLE_PERF_SENDGCDATA"),
            "{t}"
        );
        check_block(&b);
    }

    #[test]
    fn os_version_info_by_hand() {
        let mut p = le32(156).to_vec(); // OSVersionInfoSize
        p.extend_from_slice(&le32(10)); // MajorVersion
        p.extend_from_slice(&le32(0)); // MinorVersion
        p.extend_from_slice(&le32(17763)); // BuildNumber
        p.extend_from_slice(&[0x5A; 132]); // Reserved1
        p.extend_from_slice(&le16(1)); // ServicePackMajor
        p.extend_from_slice(&le16(2)); // ServicePackMinor
        p.extend_from_slice(&le32(0)); // Reserved2
        let b = block(1, 0x16, &p);
        assert_eq!(b.len(), 160);
        let AuxBlock::OsVersionInfo(o) = one(&b) else {
            panic!()
        };
        assert_eq!(
            (o.major_version, o.minor_version, o.build_number),
            (10, 0, 17763)
        );
        assert_eq!((o.service_pack_major, o.service_pack_minor), (1, 2));
        assert_eq!(o.reserved1, [0x5A; 132]);
        check_block(&b);
    }

    /// AUX_PERF_CLIENTINFO laid out by hand, strings in the spec's order right after the fixed
    /// fields (offsets from the start of the AUX_HEADER).
    fn client_info_bytes() -> Vec<u8> {
        let machine = w("PC1"); // at 32, 8 bytes
        let user = w("bob"); // at 40, 8 bytes
        let ip = [10u8, 0, 0, 7]; // at 48
        let mask = [255u8, 255, 255, 0]; // at 52
        let adapter = w("eth"); // at 56, 8 bytes
        let mac = [0u8, 0x15, 0x5D, 1, 2, 3]; // at 64
        let mut p = le32(100_000).to_vec(); // AdapterSpeed
        p.extend_from_slice(&le16(3)); // ClientID
        for v in [32u16, 40, 4, 48, 4, 52, 56, 6, 64] {
            p.extend_from_slice(&le16(v));
        }
        p.extend_from_slice(&le16(2)); // ClientMode: cached
        p.extend_from_slice(&le16(0)); // Reserved
        for part in [&machine[..], &user, &ip, &mask, &adapter, &mac] {
            p.extend_from_slice(part);
        }
        block(1, 0x02, &p)
    }

    #[test]
    fn client_info_by_hand() {
        let b = client_info_bytes();
        assert_eq!(b.len(), 70);
        let AuxBlock::PerfClientInfo(c) = one(&b) else {
            panic!()
        };
        assert_eq!(c.adapter_speed, 100_000);
        assert_eq!(c.client_id, 3);
        let text = |s: &Option<Utf16Str<'_>>| s.as_ref().and_then(Utf16Str::to_text);
        assert_eq!(text(&c.machine_name).as_deref(), Some("PC1"));
        assert_eq!(text(&c.user_name).as_deref(), Some("bob"));
        assert_eq!(text(&c.adapter_name).as_deref(), Some("eth"));
        assert_eq!(c.client_ip.as_deref(), Some(&[10u8, 0, 0, 7][..]));
        assert_eq!(c.client_ip_mask.as_deref(), Some(&[255u8, 255, 255, 0][..]));
        assert_eq!(
            c.mac_address.as_deref(),
            Some(&[0u8, 0x15, 0x5D, 1, 2, 3][..])
        );
        assert_eq!(c.client_mode, 2);
        assert_eq!(c.layout, VarLayout::Canonical);
        let t = c.to_tree().to_text();
        assert!(t.contains("MachineNameOffset: 32"), "{t}");
        assert!(t.contains("CLIENTMODE_CACHED"), "{t}");
        check_block(&b);
    }

    #[test]
    fn built_client_info_gets_its_offsets() {
        let c = AuxPerfClientInfo {
            adapter_speed: 100_000,
            client_id: 3,
            machine_name: Some(Utf16Str::from_text("PC1").unwrap()),
            user_name: Some(Utf16Str::from_text("bob").unwrap()),
            client_ip: Some(Cow::Borrowed(&[10, 0, 0, 7])),
            client_ip_mask: Some(Cow::Borrowed(&[255, 255, 255, 0])),
            adapter_name: Some(Utf16Str::from_text("eth").unwrap()),
            mac_address: Some(Cow::Borrowed(&[0, 0x15, 0x5D, 1, 2, 3])),
            client_mode: 2,
            ..Default::default()
        };
        let blk = AuxBlock::PerfClientInfo(c);
        assert_eq!(blk.to_bytes().unwrap(), client_info_bytes());
        // Absent fields take no space and get offset (and size) 0.
        let c = AuxPerfClientInfo {
            user_name: Some(Utf16Str::from_text("u").unwrap()),
            ..Default::default()
        };
        let b = AuxBlock::PerfClientInfo(c.clone()).to_bytes().unwrap();
        assert_eq!(b.len(), 32 + 4);
        assert_eq!(
            &b[10..28],
            &[0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(one(&b), AuxBlock::PerfClientInfo(c));
    }

    #[test]
    fn noncanonical_layout_survives() {
        // ServerName first, then two bytes of padding, then ServerDN.
        let name = w("srv"); // at 12
        let dn = w("/o=x"); // at 12 + 8 + 2 = 22
        let mut p = le16(9).to_vec(); // ServerID
        p.extend_from_slice(&le16(1)); // ServerType: private
        p.extend_from_slice(&le16(22)); // ServerDNOffset
        p.extend_from_slice(&le16(12)); // ServerNameOffset
        p.extend_from_slice(&name);
        p.extend_from_slice(&[0xEE, 0xEE]);
        p.extend_from_slice(&dn);
        let b = block(1, 0x03, &p);
        let AuxBlock::PerfServerInfo(s) = one(&b) else {
            panic!()
        };
        assert_eq!(
            s.server_dn.as_ref().unwrap().to_text().as_deref(),
            Some("/o=x")
        );
        assert_eq!(
            s.server_name.as_ref().unwrap().to_text().as_deref(),
            Some("srv")
        );
        assert!(matches!(s.layout, VarLayout::Wire { .. }));
        check_block(&b);
        // Changing a string drops the stale layout: the block is laid out canonically.
        let mut s2 = s.clone();
        s2.server_name = Some(Utf16Str::from_text("other").unwrap());
        let b2 = AuxBlock::PerfServerInfo(s2.clone()).to_bytes().unwrap();
        let AuxBlock::PerfServerInfo(back) = one(&b2) else {
            panic!()
        };
        assert_eq!(back.layout, VarLayout::Canonical);
        assert_eq!(back.server_name, s2.server_name);
        assert_eq!(back.server_dn, s.server_dn);
        // Two offsets may name the same string.
        let mut p = le16(9).to_vec();
        p.extend_from_slice(&le16(1));
        p.extend_from_slice(&le16(12));
        p.extend_from_slice(&le16(12));
        p.extend_from_slice(&name);
        let b = block(1, 0x03, &p);
        let AuxBlock::PerfServerInfo(s) = one(&b) else {
            panic!()
        };
        assert_eq!(s.server_dn, s.server_name);
        check_block(&b);
    }

    #[test]
    fn bad_offsets_fail_at_the_offset_field() {
        let good = client_info_bytes();
        // MachineNameOffset (absolute 10): past the block, into the fixed fields, at the end.
        for (off, kind) in [
            (71u16, "invalid-value"),
            (0xFFFF, "invalid-value"),
            (2, "invalid-value"),
            (31, "invalid-value"),
            (70, "truncated"),
        ] {
            let mut b = good.clone();
            b[10..12].copy_from_slice(&le16(off));
            let e = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap_err();
            assert_eq!(e.kind().name(), kind, "offset {off}");
            assert_eq!(e.offset(), 10, "offset {off}");
            assert_eq!(
                e.path_string(),
                "AuxiliaryBlocks[0].AUX_PERF_CLIENTINFO.MachineNameOffset"
            );
        }
        // AdapterName (offset field at absolute 22) pointing at the MAC: no terminator.
        let mut b = good.clone();
        b[22..24].copy_from_slice(&le16(64));
        let e = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 22);
        assert!(e.path_string().ends_with("AdapterNameOffset"));
        // MacAddressSize (absolute 24) running past the block.
        let mut b = good.clone();
        b[24..26].copy_from_slice(&le16(7));
        let e = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "invalid-value");
        assert_eq!(e.offset(), 24);
        assert!(e.path_string().ends_with("MacAddressSize"));
        // A string cut off by the block's Size, even though the buffer goes on.
        let mut two = good.clone();
        two[..2].copy_from_slice(&le16(68)); // drops the last two MAC bytes...
        two.truncate(68);
        two[24..26].copy_from_slice(&le16(4)); // ...MacAddressSize follows
        two.extend_from_slice(&block(1, 0x01, &[0, 0, 0, 0]));
        assert_eq!(
            AuxBlocks::decode_exact(&two, Limits::DEFAULT)
                .unwrap()
                .blocks
                .len(),
            2
        );
        two[22..24].copy_from_slice(&le16(64)); // AdapterName at the MAC: no NUL before 68
        let e = AuxBlocks::decode_exact(&two, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 22);
    }

    #[test]
    fn process_info_both_versions() {
        let mut p = le16(5).to_vec(); // ProcessID
        p.extend_from_slice(&le16(0)); // Reserved_1
        p.extend_from_slice(&[0x11; 16]); // ProcessGuid
        p.extend_from_slice(&le16(28)); // ProcessNameOffset
        p.extend_from_slice(&le16(0)); // Reserved_2
        p.extend_from_slice(&w("OUTLOOK.EXE"));
        for v in [1u8, 2] {
            let b = block(v, 0x0B, &p);
            let AuxBlock::PerfProcessInfo { version, block: pi } = one(&b) else {
                panic!()
            };
            assert_eq!(version, AuxVersion(v));
            assert_eq!(pi.process_id, 5);
            assert_eq!(
                pi.process_name.unwrap().to_text().as_deref(),
                Some("OUTLOOK.EXE")
            );
            check_block(&b);
        }
    }

    #[test]
    fn connection_info_and_session_info_by_hand() {
        let mut p = [0x22u8; 16].to_vec(); // ConnectionGUID
        p.extend_from_slice(&le16(32)); // OffsetConnectionContextInfo
        p.extend_from_slice(&le16(0)); // Reserved
        p.extend_from_slice(&le32(3)); // ConnectionAttempts
        p.extend_from_slice(&le32(1)); // ConnectionFlags: cached
        p.extend_from_slice(&w("ctx"));
        let b = block(1, 0x4A, &p);
        let AuxBlock::ClientConnectionInfo(c) = one(&b) else {
            panic!()
        };
        assert_eq!((c.connection_attempts, c.connection_flags), (3, 1));
        assert_eq!(
            c.connection_context_info.unwrap().to_text().as_deref(),
            Some("ctx")
        );
        check_block(&b);

        // AUX_SERVER_SESSION_INFO with an absent string.
        let b = block(1, 0x4B, &le16(0));
        assert_eq!(
            one(&b),
            AuxBlock::ServerSessionInfo(AuxServerSessionInfo::default())
        );
        check_block(&b);
    }

    #[test]
    fn device_identification_by_hand() {
        let mut p = Vec::new();
        for v in [14u16, 0, 22, 0, 0] {
            p.extend_from_slice(&le16(v));
        }
        p.extend_from_slice(&w("Acm")); // at 14
        p.extend_from_slice(&w("SN1")); // at 22
        let b = block(1, 0x4E, &p);
        let AuxBlock::ProtocolDeviceIdentification(d) = one(&b) else {
            panic!()
        };
        assert_eq!(
            d.device_manufacturer.unwrap().to_text().as_deref(),
            Some("Acm")
        );
        assert_eq!(
            d.device_serial_number.unwrap().to_text().as_deref(),
            Some("SN1")
        );
        assert!(d.device_model.is_none() && d.device_version.is_none());
        check_block(&b);
    }

    #[test]
    fn unknown_pairs_travel_whole() {
        for (v, t) in [(2u8, 0x01u8), (3, 0x02), (1, 0x19), (1, 0x47), (0, 0x00)] {
            let b = block(v, t, &[1, 2, 3, 4, 5]);
            assert_eq!(
                one(&b),
                AuxBlock::Unknown {
                    version: AuxVersion(v),
                    aux_type: AuxType(t),
                    bytes: &[1, 2, 3, 4, 5]
                }
            );
            check_block(&b);
        }
        let b = block(1, 0x4F, &[]);
        check_block(&b);
    }

    #[test]
    fn several_blocks_and_their_prefixes() {
        let mut b = block(1, 0x01, &[1, 0, 2, 0]);
        b.extend_from_slice(&client_info_bytes());
        b.extend_from_slice(&block(1, 0x17, &le32(1)));
        let blocks = AuxBlocks::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(blocks.blocks.len(), 3);
        assert_eq!(blocks.to_bytes().unwrap(), b);
        // A prefix decodes only when it ends on a block boundary (fewer blocks).
        let bounds = [0usize, 8, 78];
        for n in 0..b.len() {
            let r = AuxBlocks::decode_exact(&b[..n], Limits::DEFAULT);
            assert_eq!(r.is_ok(), bounds.contains(&n), "prefix {n}");
        }
        // The error path names the block.
        let mut bad = b.clone();
        bad[8 + 10] = 0xFF;
        let e = AuxBlocks::decode_exact(&bad, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.offset(), 18);
        assert_eq!(
            e.path_string(),
            "AuxiliaryBlocks[1].AUX_PERF_CLIENTINFO.MachineNameOffset"
        );
        assert!(blocks
            .to_tree()
            .to_text()
            .contains("PUBLIC_FOLDERS_ENABLED"));
        assert_eq!(
            AuxBlocks::decode_exact(&[], Limits::DEFAULT)
                .unwrap()
                .blocks,
            vec![]
        );
    }

    #[test]
    fn encode_checks() {
        let bad = AuxBlock::PerfMdbSuccess {
            aux_type: AuxType::PERF_FAILURE,
            block: AuxPerfMdbSuccess {
                client_id: 0,
                server_id: 0,
                session_id: 0,
                request_id: 0,
                time_since_request: 0,
                time_to_complete_request: 0,
            },
        };
        assert!(matches!(
            bad.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
        let long = "x".repeat(40_000);
        let too_big = AuxBlock::ServerSessionInfo(AuxServerSessionInfo {
            server_session_context_info: Some(Utf16Str::from_text(&long).unwrap()),
            ..Default::default()
        });
        assert!(matches!(
            too_big.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::TooLong { field: "Size", .. })
        ));
        let mut small = [0u8; 4];
        let blk = AuxBlock::ExOrgInfo(AuxExOrgInfo { org_flags: 1 });
        assert_eq!(
            blk.encode(&mut &mut small[..]),
            Err(EncodeError::out_of_space())
        );
    }

    #[test]
    fn names() {
        assert_eq!(AuxType(0x4A).name(), Some("AUX_CLIENT_CONNECTION_INFO"));
        assert_eq!(AuxType(0x0A).name(), Some("AUX_TYPE_CLIENT_CONTROL"));
        assert_eq!(format!("{:?}", AuxType(0x99)), "AuxType(0x99)");
        assert_eq!(format!("{:?}", AuxVersion::V2), "AUX_VERSION_2");
    }
}
