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
//!
//! # How the blocks are written
//!
//! Every block structure speaks the crate's trait family ([`Decode`], [`Encode`],
//! [`ToTree`]): the blocks of fixed fields are `wire_struct!` structures, and the six blocks
//! with offset fields are written by the one offset machinery of the `variable` module. Each
//! decodes from a reader that holds exactly its payload (the bytes after the AUX_HEADER).
//! [`AuxBlock`] frames them: it checks the Size, picks the structure from the Version and the
//! Type, and writes the header from the variant.

use std::borrow::Cow;

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, named_code, u16_len, wire_struct, Decode, DecodeError, Encode, EncodeError,
    ErrorKind, Reader, ResultExt,
};

mod control;
mod fixed;
crate::wire::owned_impl!(enum AuxBlock {
    PerfRequestId(b),
    PerfClientInfo(b),
    PerfServerInfo(b),
    PerfSessionInfo(b),
    PerfSessionInfoV2(b),
    PerfProcessInfo { version, block },
    PerfDefMdbSuccess { aux_type, block },
    PerfDefGcSuccess { aux_type, block },
    PerfMdbSuccess { aux_type, block },
    PerfMdbSuccessV2 { aux_type, block },
    PerfGcSuccess { aux_type, block },
    PerfGcSuccessV2 { aux_type, block },
    PerfFailure { aux_type, block },
    PerfFailureV2 { aux_type, block },
    ClientControl(b),
    OsVersionInfo(b),
    ExOrgInfo(b),
    PerfAccountInfo(b),
    ServerCapabilities(b),
    EndpointCapabilities(b),
    ClientConnectionInfo(b),
    ServerSessionInfo(b),
    ProtocolDeviceIdentification(b),
    Unknown { version, aux_type, bytes },
});
crate::wire::owned_impl!(struct AuxBlocks { blocks });

#[cfg(test)]
mod tests;
mod variable;

pub use control::{
    AuxClientControl, AuxEndpointCapabilities, AuxExOrgInfo, AuxOsVersionInfo,
    AuxServerCapabilities, EnableFlags, EndpointCapabilityFlag, OrgFlags, ServerCapabilityFlags,
};
pub use fixed::{
    AuxPerfAccountInfo, AuxPerfDefGcSuccess, AuxPerfDefMdbSuccess, AuxPerfFailure,
    AuxPerfFailureV2, AuxPerfGcSuccess, AuxPerfGcSuccessV2, AuxPerfMdbSuccess, AuxPerfMdbSuccessV2,
    AuxPerfRequestId, AuxPerfSessionInfo, AuxPerfSessionInfoV2,
};
pub use variable::{
    AuxClientConnectionInfo, AuxPerfClientInfo, AuxPerfProcessInfo, AuxPerfServerInfo,
    AuxProtocolDeviceIdentification, AuxServerSessionInfo, ClientMode, ServerType, VarLayout,
};

named_code! {
    /// The Version field of an AUX_HEADER ([MS-OXCRPC] 2.2.2.2), an open code.
    pub struct AuxVersion(u8);
    /// AUX_VERSION_1 (0x01).
    V1 = 0x01 => "AUX_VERSION_1",
    /// AUX_VERSION_2 (0x02).
    V2 = 0x02 => "AUX_VERSION_2",
}

named_code! {
    /// The Type field of an AUX_HEADER ([MS-OXCRPC] 2.2.2.2), an open code. Which block
    /// structure follows depends on the Version too (see [`AuxBlock`]).
    pub struct AuxType(u8);
    /// AUX_TYPE_PERF_REQUESTID (0x01): AUX_PERF_REQUESTID.
    PERF_REQUESTID = 0x01 => "AUX_TYPE_PERF_REQUESTID",
    /// AUX_TYPE_PERF_CLIENTINFO (0x02): AUX_PERF_CLIENTINFO.
    PERF_CLIENTINFO = 0x02 => "AUX_TYPE_PERF_CLIENTINFO",
    /// AUX_TYPE_PERF_SERVERINFO (0x03): AUX_PERF_SERVERINFO.
    PERF_SERVERINFO = 0x03 => "AUX_TYPE_PERF_SERVERINFO",
    /// AUX_TYPE_PERF_SESSIONINFO (0x04): AUX_PERF_SESSIONINFO (version 1) or
    /// AUX_PERF_SESSIONINFO_V2 (version 2).
    PERF_SESSIONINFO = 0x04 => "AUX_TYPE_PERF_SESSIONINFO",
    /// AUX_TYPE_PERF_DEFMDB_SUCCESS (0x05): AUX_PERF_DEFMDB_SUCCESS.
    PERF_DEFMDB_SUCCESS = 0x05 => "AUX_TYPE_PERF_DEFMDB_SUCCESS",
    /// AUX_TYPE_PERF_DEFGC_SUCCESS (0x06): AUX_PERF_DEFGC_SUCCESS.
    PERF_DEFGC_SUCCESS = 0x06 => "AUX_TYPE_PERF_DEFGC_SUCCESS",
    /// AUX_TYPE_PERF_MDB_SUCCESS (0x07): AUX_PERF_MDB_SUCCESS (v1) or _V2 (v2).
    PERF_MDB_SUCCESS = 0x07 => "AUX_TYPE_PERF_MDB_SUCCESS",
    /// AUX_TYPE_PERF_GC_SUCCESS (0x08): AUX_PERF_GC_SUCCESS (v1) or _V2 (v2).
    PERF_GC_SUCCESS = 0x08 => "AUX_TYPE_PERF_GC_SUCCESS",
    /// AUX_TYPE_PERF_FAILURE (0x09): AUX_PERF_FAILURE (v1) or _V2 (v2).
    PERF_FAILURE = 0x09 => "AUX_TYPE_PERF_FAILURE",
    /// AUX_TYPE_CLIENT_CONTROL (0x0A): AUX_CLIENT_CONTROL.
    CLIENT_CONTROL = 0x0A => "AUX_TYPE_CLIENT_CONTROL",
    /// AUX_TYPE_PERF_PROCESSINFO (0x0B): AUX_PERF_PROCESSINFO (both versions).
    PERF_PROCESSINFO = 0x0B => "AUX_TYPE_PERF_PROCESSINFO",
    /// AUX_TYPE_PERF_BG_DEFMDB_SUCCESS (0x0C): AUX_PERF_DEFMDB_SUCCESS, background request.
    PERF_BG_DEFMDB_SUCCESS = 0x0C => "AUX_TYPE_PERF_BG_DEFMDB_SUCCESS",
    /// AUX_TYPE_PERF_BG_DEFGC_SUCCESS (0x0D): AUX_PERF_DEFGC_SUCCESS, background request.
    PERF_BG_DEFGC_SUCCESS = 0x0D => "AUX_TYPE_PERF_BG_DEFGC_SUCCESS",
    /// AUX_TYPE_PERF_BG_MDB_SUCCESS (0x0E): AUX_PERF_MDB_SUCCESS or _V2, background request.
    PERF_BG_MDB_SUCCESS = 0x0E => "AUX_TYPE_PERF_BG_MDB_SUCCESS",
    /// AUX_TYPE_PERF_BG_GC_SUCCESS (0x0F): AUX_PERF_GC_SUCCESS or _V2, background request.
    PERF_BG_GC_SUCCESS = 0x0F => "AUX_TYPE_PERF_BG_GC_SUCCESS",
    /// AUX_TYPE_PERF_BG_FAILURE (0x10): AUX_PERF_FAILURE or _V2, background request.
    PERF_BG_FAILURE = 0x10 => "AUX_TYPE_PERF_BG_FAILURE",
    /// AUX_TYPE_PERF_FG_DEFMDB_SUCCESS (0x11): AUX_PERF_DEFMDB_SUCCESS, foreground request.
    PERF_FG_DEFMDB_SUCCESS = 0x11 => "AUX_TYPE_PERF_FG_DEFMDB_SUCCESS",
    /// AUX_TYPE_PERF_FG_DEFGC_SUCCESS (0x12): AUX_PERF_DEFGC_SUCCESS, foreground request.
    PERF_FG_DEFGC_SUCCESS = 0x12 => "AUX_TYPE_PERF_FG_DEFGC_SUCCESS",
    /// AUX_TYPE_PERF_FG_MDB_SUCCESS (0x13): AUX_PERF_MDB_SUCCESS or _V2, foreground request.
    PERF_FG_MDB_SUCCESS = 0x13 => "AUX_TYPE_PERF_FG_MDB_SUCCESS",
    /// AUX_TYPE_PERF_FG_GC_SUCCESS (0x14): AUX_PERF_GC_SUCCESS or _V2, foreground request.
    PERF_FG_GC_SUCCESS = 0x14 => "AUX_TYPE_PERF_FG_GC_SUCCESS",
    /// AUX_TYPE_PERF_FG_FAILURE (0x15): AUX_PERF_FAILURE or _V2, foreground request.
    PERF_FG_FAILURE = 0x15 => "AUX_TYPE_PERF_FG_FAILURE",
    /// AUX_TYPE_OSVERSIONINFO (0x16): AUX_OSVERSIONINFO.
    OSVERSIONINFO = 0x16 => "AUX_TYPE_OSVERSIONINFO",
    /// AUX_TYPE_EXORGINFO (0x17): AUX_EXORGINFO.
    EXORGINFO = 0x17 => "AUX_TYPE_EXORGINFO",
    /// AUX_TYPE_PERF_ACCOUNTINFO (0x18): AUX_PERF_ACCOUNTINFO.
    PERF_ACCOUNTINFO = 0x18 => "AUX_TYPE_PERF_ACCOUNTINFO",
    /// AUX_TYPE_SERVER_CAPABILITIES (0x46): AUX_SERVER_CAPABILITIES.
    SERVER_CAPABILITIES = 0x46 => "AUX_TYPE_SERVER_CAPABILITIES",
    /// AUX_TYPE_ENDPOINT_CAPABILITIES (0x48): AUX_ENDPOINT_CAPABILITIES.
    ENDPOINT_CAPABILITIES = 0x48 => "AUX_TYPE_ENDPOINT_CAPABILITIES",
    /// AUX_CLIENT_CONNECTION_INFO (0x4A; the spec's type name has no `TYPE_`).
    CLIENT_CONNECTION_INFO = 0x4A => "AUX_CLIENT_CONNECTION_INFO",
    /// AUX_SERVER_SESSION_INFO (0x4B).
    SERVER_SESSION_INFO = 0x4B => "AUX_SERVER_SESSION_INFO",
    /// AUX_PROTOCOL_DEVICE_IDENTIFICATION (0x4E).
    PROTOCOL_DEVICE_IDENTIFICATION = 0x4E => "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2 AUX_HEADER: Size (the header and the block that follows it),
    /// Version, Type. A Size below 4 reads as a value here; [`AuxBlock`], which frames the
    /// block with it, refuses it.
    #[derive(Copy, Eq, Hash)]
    pub struct AuxHeader {
        /// Size: bytes of this header plus the block that follows it; at least 4.
        size: u16 => "Size",
        /// Version.
        version: AuxVersion => "Version",
        /// Type.
        aux_type: AuxType => "Type",
    }
}

impl AuxHeader {
    /// Bytes of the header.
    pub const SIZE: usize = 4;
}

/// A block structure that an AUX_HEADER frames: the trait family, and the spec's name of the
/// structure (the path segment of errors inside the block, its node in the tree). Its fixed
/// fields take the encoded length of its `Default` value, which has every variable field
/// absent.
trait AuxStructure<'a>: Decode<'a> + Encode + ToTree + Default {
    /// The spec's structure name.
    const NAME: &'static str;
}

/// The spec's name of every block structure.
macro_rules! structure_names {
    ($($t:ident $(<$lt:lifetime>)? = $name:literal,)*) => {$(
        impl<'a> AuxStructure<'a> for $t $(<$lt>)? {
            const NAME: &'static str = $name;
        }
    )*};
}

structure_names! {
    AuxPerfRequestId = "AUX_PERF_REQUESTID",
    AuxPerfClientInfo<'a> = "AUX_PERF_CLIENTINFO",
    AuxPerfServerInfo<'a> = "AUX_PERF_SERVERINFO",
    AuxPerfSessionInfo = "AUX_PERF_SESSIONINFO",
    AuxPerfSessionInfoV2 = "AUX_PERF_SESSIONINFO_V2",
    AuxPerfProcessInfo<'a> = "AUX_PERF_PROCESSINFO",
    AuxPerfDefMdbSuccess = "AUX_PERF_DEFMDB_SUCCESS",
    AuxPerfDefGcSuccess = "AUX_PERF_DEFGC_SUCCESS",
    AuxPerfMdbSuccess = "AUX_PERF_MDB_SUCCESS",
    AuxPerfMdbSuccessV2 = "AUX_PERF_MDB_SUCCESS_V2",
    AuxPerfGcSuccess = "AUX_PERF_GC_SUCCESS",
    AuxPerfGcSuccessV2 = "AUX_PERF_GC_SUCCESS_V2",
    AuxPerfFailure = "AUX_PERF_FAILURE",
    AuxPerfFailureV2 = "AUX_PERF_FAILURE_V2",
    AuxClientControl = "AUX_CLIENT_CONTROL",
    AuxOsVersionInfo = "AUX_OSVERSIONINFO",
    AuxExOrgInfo = "AUX_EXORGINFO",
    AuxPerfAccountInfo = "AUX_PERF_ACCOUNTINFO",
    AuxServerCapabilities = "AUX_SERVER_CAPABILITIES",
    AuxEndpointCapabilities = "AUX_ENDPOINT_CAPABILITIES",
    AuxClientConnectionInfo<'a> = "AUX_CLIENT_CONNECTION_INFO",
    AuxServerSessionInfo<'a> = "AUX_SERVER_SESSION_INFO",
    AuxProtocolDeviceIdentification<'a> = "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
}

/// Reads the block structure `T` from `p`, which holds exactly the block's Size − 4 bytes: its
/// fixed fields must fit the Size (read at `size_at`), and the whole payload must be used.
fn decode_body<'a, T: AuxStructure<'a>>(
    p: &mut Reader<'a>,
    size_at: usize,
    size: u16,
) -> Result<T, DecodeError> {
    if p.remaining() < T::default().encoded_len() {
        return Err(DecodeError::new(
            ErrorKind::InvalidValue {
                what: "AUX_HEADER Size leaves no room for the block's fixed fields",
                value: size.into(),
            },
            size_at,
        ))
        .field("Size");
    }
    let v = T::decode_from(p).field(T::NAME)?;
    p.finish().field(T::NAME)?;
    Ok(v)
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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
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
        /// The payload after the AUX_HEADER (borrowed from the input when decoded).
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
        bytes: Cow<'a, [u8]>,
    },
}

/// Calls `$f` with the block's structure (an [`AuxStructure`]), or `$unknown` with the bytes.
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
        fn name<'a, T: AuxStructure<'a>>(_: &T) -> &'static str {
            T::NAME
        }
        with_payload!(self, p => Some(name(p)), _b => None)
    }
}

impl<'a> Decode<'a> for AuxBlock<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let h = AuxHeader::decode_from(r)?;
        if usize::from(h.size) < AuxHeader::SIZE {
            return Err(r.invalid_at(
                at,
                "AUX_HEADER Size is smaller than the header",
                h.size.into(),
            ))
            .field("Size");
        }
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
            bytes: Cow::Borrowed(p.take_rest()),
        },
    })
}

impl Encode for AuxBlock<'_> {
    fn encoded_len(&self) -> usize {
        AuxHeader::SIZE + with_payload!(self, p => p.encoded_len(), b => b.len())
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
        with_payload!(self, p => p.encode(out), b => {
            out.put_slice(b);
            Ok(())
        })
    }
}

impl ToTree for AuxBlock<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().splice(self.header().to_tree());
        fn body<'a, T: AuxStructure<'a>>(t: Tree, p: &T) -> Tree {
            t.field(T::NAME, p.to_tree())
        }
        with_payload!(self, p => body(t, p), b => t.field("Payload", Tree::Bytes(b.to_vec())))
    }
}

/// An auxiliary buffer's payload: AUX_HEADER-framed blocks, one after another, filling the
/// buffer exactly ([MS-OXCRPC] 3.1.4.1.2, 3.2.4.1.2). Decoding reads blocks until the input is
/// used up, so give it exactly the buffer (the payload of the extended buffer that carried it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
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
