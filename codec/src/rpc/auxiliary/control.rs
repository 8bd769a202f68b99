//! Blocks the server sends to steer the client and to describe itself: AUX_CLIENT_CONTROL,
//! AUX_OSVERSIONINFO, AUX_EXORGINFO, AUX_SERVER_CAPABILITIES and AUX_ENDPOINT_CAPABILITIES
//! ([MS-OXCRPC] 2.2.2.2.15 to 2.2.2.2.17, 2.2.2.2.19, 2.2.2.2.20). Fixed fields only; the
//! flags fields show the names of their known bits.

use bytes::BufMut;

use super::fixed::{field_tree, fixed_block, hex32, Field};
use super::Payload;
use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, EncodeError, Reader, ResultExt};

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
