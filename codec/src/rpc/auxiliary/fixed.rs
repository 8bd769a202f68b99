//! The AUX_PERF_* blocks made of fixed fields only ([MS-OXCRPC] 2.2.2.2.1 to 2.2.2.2.3,
//! 2.2.2.2.7 to 2.2.2.2.14, 2.2.2.2.18).

use crate::tree::hex;
use crate::wire::{wire_struct, ByteArray, Guid};

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.1 AUX_PERF_REQUESTID: the request associated with the session
    /// (version 1, type 0x01).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfRequestId {
        /// SessionID: the session identification number.
        session_id: u16 => "SessionID",
        /// RequestID: the RPC request identification.
        request_id: u16 => "RequestID",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.2 AUX_PERF_SESSIONINFO: the client session performance data is
    /// associated with (version 1, type 0x04).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfSessionInfo {
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved: padding to a 4-byte boundary, kept as sent.
        reserved: u16 => "Reserved" as hex,
        /// SessionGuid: the GUID of the client session.
        session_guid: Guid => "SessionGuid",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.3 AUX_PERF_SESSIONINFO_V2: AUX_PERF_SESSIONINFO plus ConnectionID
    /// (version 2, type 0x04).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfSessionInfoV2 {
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex,
        /// SessionGuid.
        session_guid: Guid => "SessionGuid",
        /// ConnectionID: the connection identification number.
        connection_id: u32 => "ConnectionID",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.7 AUX_PERF_DEFMDB_SUCCESS: a previously successful RPC to the
    /// messaging server (version 1, types 0x05, 0x0C, 0x11).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfDefMdbSuccess {
        /// TimeSinceRequest: milliseconds since the request succeeded.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds the request took.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestID.
        request_id: u16 => "RequestID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex,
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.8 AUX_PERF_DEFGC_SUCCESS: a previously successful call to the
    /// directory service (version 1, types 0x06, 0x0D, 0x12).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfDefGcSuccess {
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
        reserved: ByteArray<3> => "Reserved",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.9 AUX_PERF_MDB_SUCCESS: a previously successful RPC to the
    /// messaging server (version 1, types 0x07, 0x0E, 0x13).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfMdbSuccess {
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

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.10 AUX_PERF_MDB_SUCCESS_V2 (version 2, types 0x07, 0x0E, 0x13).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfMdbSuccessV2 {
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
        reserved: u16 => "Reserved" as hex,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.11 AUX_PERF_GC_SUCCESS: a previously successful call to the
    /// directory service (version 1, types 0x08, 0x0F, 0x14).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfGcSuccess {
        /// ClientID.
        client_id: u16 => "ClientID",
        /// ServerID.
        server_id: u16 => "ServerID",
        /// SessionID.
        session_id: u16 => "SessionID",
        /// Reserved_1: padding, kept as sent.
        reserved_1: u16 => "Reserved_1" as hex,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToCompleteRequest: milliseconds.
        time_to_complete_request: u32 => "TimeToCompleteRequest",
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved_2 (3 bytes): padding, kept as sent.
        reserved_2: ByteArray<3> => "Reserved_2",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.12 AUX_PERF_GC_SUCCESS_V2 (version 2, types 0x08, 0x0F, 0x14).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfGcSuccessV2 {
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
        reserved: ByteArray<3> => "Reserved",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.13 AUX_PERF_FAILURE: a previously failed call to the messaging
    /// server or the directory service (version 1, types 0x09, 0x10, 0x15).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfFailure {
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
        result_code: u32 => "ResultCode" as hex,
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved (3 bytes): padding, kept as sent.
        reserved: ByteArray<3> => "Reserved",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.14 AUX_PERF_FAILURE_V2 (version 2, types 0x09, 0x10, 0x15).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfFailureV2 {
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
        reserved_1: u16 => "Reserved_1" as hex,
        /// TimeSinceRequest: milliseconds.
        time_since_request: u32 => "TimeSinceRequest",
        /// TimeToFailRequest: milliseconds.
        time_to_fail_request: u32 => "TimeToFailRequest",
        /// ResultCode.
        result_code: u32 => "ResultCode" as hex,
        /// RequestOperation.
        request_operation: u8 => "RequestOperation",
        /// Reserved_2 (3 bytes): padding, kept as sent.
        reserved_2: ByteArray<3> => "Reserved_2",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.18 AUX_PERF_ACCOUNTINFO: the client account (version 1, type 0x18).
    #[derive(Eq, Hash, Default)]
    pub struct AuxPerfAccountInfo {
        /// ClientID: maps to the ClientID of an AUX_PERF_CLIENTINFO.
        client_id: u16 => "ClientID",
        /// Reserved: padding, kept as sent.
        reserved: u16 => "Reserved" as hex,
        /// Account: a GUID for the client account.
        account: Guid => "Account",
    }
}
