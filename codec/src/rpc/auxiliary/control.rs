//! Blocks the server sends to steer the client and to describe itself: AUX_CLIENT_CONTROL,
//! AUX_OSVERSIONINFO, AUX_EXORGINFO, AUX_SERVER_CAPABILITIES and AUX_ENDPOINT_CAPABILITIES
//! ([MS-OXCRPC] 2.2.2.2.15 to 2.2.2.2.17, 2.2.2.2.19, 2.2.2.2.20). Fixed fields only; the
//! flags fields are flag sets that show the names of their known bits.

use crate::tree::hex;
use crate::wire::{named_code, wire_struct, ByteArray};

named_code! {
    flags
    /// The EnableFlags of AUX_CLIENT_CONTROL ([MS-OXCRPC] 2.2.2.2.15).
    pub struct EnableFlags(u32);
    /// ENABLE_PERF_SENDTOSERVER: send performance information to the server.
    ENABLE_PERF_SENDTOSERVER = 0x0000_0001 => "ENABLE_PERF_SENDTOSERVER",
    /// ENABLE_PERF_SENDTOMAILBOX (listed by older editions of the spec only).
    ENABLE_PERF_SENDTOMAILBOX = 0x0000_0002 => "ENABLE_PERF_SENDTOMAILBOX",
    /// ENABLE_COMPRESSION: compress data sent to the server.
    ENABLE_COMPRESSION = 0x0000_0004 => "ENABLE_COMPRESSION",
    /// ENABLE_HTTP_TUNNELING: use RPC over HTTP if configured.
    ENABLE_HTTP_TUNNELING = 0x0000_0008 => "ENABLE_HTTP_TUNNELING",
    /// ENABLE_PERF_SENDGCDATA: include directory-service performance data.
    ENABLE_PERF_SENDGCDATA = 0x0000_0010 => "ENABLE_PERF_SENDGCDATA",
}

named_code! {
    flags
    /// The OrgFlags of AUX_EXORGINFO ([MS-OXCRPC] 2.2.2.2.17).
    pub struct OrgFlags(u32);
    /// PUBLIC_FOLDERS_ENABLED: the organization has public folders.
    PUBLIC_FOLDERS_ENABLED = 0x0000_0001 => "PUBLIC_FOLDERS_ENABLED",
    /// USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION: configure public folders through
    /// Autodiscover ([MS-OXDSCLI]).
    USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION = 0x0000_0002
        => "USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION",
}

named_code! {
    flags
    /// The ServerCapabilityFlags of AUX_SERVER_CAPABILITIES ([MS-OXCRPC] 2.2.2.2.19).
    pub struct ServerCapabilityFlags(u32);
    /// PACKED_FAST_TRANSFER_UPLOAD_BUFFERS.
    PACKED_FAST_TRANSFER_UPLOAD_BUFFERS = 0x0000_0001 => "PACKED_FAST_TRANSFER_UPLOAD_BUFFERS",
    /// PACKED_WRITE_STREAM_UPLOAD_BUFFERS.
    PACKED_WRITE_STREAM_UPLOAD_BUFFERS = 0x0000_0002 => "PACKED_WRITE_STREAM_UPLOAD_BUFFERS",
    /// ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS.
    ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS = 0x0000_0008 => "ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS",
}

named_code! {
    flags
    /// The EndpointCapabilityFlag of AUX_ENDPOINT_CAPABILITIES ([MS-OXCRPC] 2.2.2.2.20).
    pub struct EndpointCapabilityFlag(u32);
    /// ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT: RFRI, NSPI and EMSMDB on one HTTP endpoint.
    ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT = 0x0000_0001
        => "ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT",
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.15 AUX_CLIENT_CONTROL: the server asks the client to change its
    /// behaviour (version 1, type 0x0A).
    #[derive(Eq, Hash, Default)]
    pub struct AuxClientControl {
        /// EnableFlags.
        enable_flags: EnableFlags => "EnableFlags",
        /// ExpiryTime: milliseconds the client keeps unsent performance data.
        expiry_time: u32 => "ExpiryTime",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.16 AUX_OSVERSIONINFO: the server's operating system version
    /// (version 1, type 0x16).
    #[derive(Eq, Hash, Default)]
    pub struct AuxOsVersionInfo {
        /// OSVersionInfoSize: the size of this structure, as sent (not checked).
        os_version_info_size: u32 => "OSVersionInfoSize",
        /// MajorVersion.
        major_version: u32 => "MajorVersion",
        /// MinorVersion.
        minor_version: u32 => "MinorVersion",
        /// BuildNumber.
        build_number: u32 => "BuildNumber",
        /// Reserved1 (132 bytes): ignored by receivers, kept as sent.
        reserved1: ByteArray<132> => "Reserved1",
        /// ServicePackMajor.
        service_pack_major: u16 => "ServicePackMajor",
        /// ServicePackMinor.
        service_pack_minor: u16 => "ServicePackMinor",
        /// Reserved2: ignored by receivers, kept as sent.
        reserved2: u32 => "Reserved2" as hex,
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.17 AUX_EXORGINFO: public folders in the organization (version 1,
    /// type 0x17).
    #[derive(Eq, Hash, Default)]
    pub struct AuxExOrgInfo {
        /// OrgFlags.
        org_flags: OrgFlags => "OrgFlags",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.19 AUX_SERVER_CAPABILITIES: capabilities of the server (version 1,
    /// type 0x46).
    #[derive(Eq, Hash, Default)]
    pub struct AuxServerCapabilities {
        /// ServerCapabilityFlags.
        server_capability_flags: ServerCapabilityFlags => "ServerCapabilityFlags",
    }
}

wire_struct! {
    /// [MS-OXCRPC] 2.2.2.2.20 AUX_ENDPOINT_CAPABILITIES: interfaces combined on one HTTP
    /// endpoint (version 1, type 0x48).
    #[derive(Eq, Hash, Default)]
    pub struct AuxEndpointCapabilities {
        /// EndpointCapabilityFlag.
        endpoint_capability_flag: EndpointCapabilityFlag => "EndpointCapabilityFlag",
    }
}
