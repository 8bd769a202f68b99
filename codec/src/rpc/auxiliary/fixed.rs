//! Fixed-size fields: how a block reads, writes and shows each of them, the macro that writes
//! a block made of fixed fields only, and the AUX_PERF_* blocks of that kind ([MS-OXCRPC]
//! 2.2.2.2.1 to 2.2.2.2.3, 2.2.2.2.7 to 2.2.2.2.14, 2.2.2.2.18).

use bytes::BufMut;

use super::Payload;
use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, EncodeError, Guid, Reader, ResultExt};

/// A fixed-size field of a block: how to read, write and show it.
pub(super) trait Field: Sized {
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

pub(super) fn hex16(v: &u16) -> Tree {
    Tree::Hex((*v).into())
}

pub(super) fn hex32(v: &u32) -> Tree {
    Tree::Hex((*v).into())
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
pub(super) use field_tree;

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
pub(super) use fixed_block;

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
