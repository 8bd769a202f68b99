//! Unit tests of the auxiliary blocks: hand-built blocks of every family, their prefixes,
//! bad sizes and offsets, layouts kept and recomputed, encode checks.

use std::borrow::Cow;

use super::*;
use crate::wire::{ByteArray, Guid, Limits, Utf16Str};

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
                reserved: ByteArray([0xAA, 0xBB, 0xCC]),
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
            enable_flags: EnableFlags(0x15),
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
    assert_eq!(o.reserved1, ByteArray([0x5A; 132]));
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
    assert_eq!(c.client_mode, ClientMode::CACHED);
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
        client_mode: ClientMode::CACHED,
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
                bytes: std::borrow::Cow::Borrowed(&[1, 2, 3, 4, 5])
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
    let blk = AuxBlock::ExOrgInfo(AuxExOrgInfo {
        org_flags: OrgFlags::PUBLIC_FOLDERS_ENABLED,
    });
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

#[test]
fn fixed_lengths_follow_the_spec() {
    // The bytes after the AUX_HEADER that each structure needs before any variable field.
    fn fixed<'a, T: AuxStructure<'a>>() -> usize {
        T::default().encoded_len()
    }
    assert_eq!(fixed::<AuxPerfRequestId>(), 4);
    assert_eq!(fixed::<AuxPerfClientInfo<'_>>(), 28);
    assert_eq!(fixed::<AuxPerfServerInfo<'_>>(), 8);
    assert_eq!(fixed::<AuxPerfSessionInfo>(), 20);
    assert_eq!(fixed::<AuxPerfSessionInfoV2>(), 24);
    assert_eq!(fixed::<AuxPerfProcessInfo<'_>>(), 24);
    assert_eq!(fixed::<AuxPerfDefMdbSuccess>(), 12);
    assert_eq!(fixed::<AuxPerfDefGcSuccess>(), 16);
    assert_eq!(fixed::<AuxPerfMdbSuccess>(), 16);
    assert_eq!(fixed::<AuxPerfMdbSuccessV2>(), 20);
    assert_eq!(fixed::<AuxPerfGcSuccess>(), 20);
    assert_eq!(fixed::<AuxPerfGcSuccessV2>(), 20);
    assert_eq!(fixed::<AuxPerfFailure>(), 24);
    assert_eq!(fixed::<AuxPerfFailureV2>(), 28);
    assert_eq!(fixed::<AuxClientControl>(), 8);
    assert_eq!(fixed::<AuxOsVersionInfo>(), 156);
    assert_eq!(fixed::<AuxExOrgInfo>(), 4);
    assert_eq!(fixed::<AuxPerfAccountInfo>(), 20);
    assert_eq!(fixed::<AuxServerCapabilities>(), 4);
    assert_eq!(fixed::<AuxEndpointCapabilities>(), 4);
    assert_eq!(fixed::<AuxClientConnectionInfo<'_>>(), 28);
    assert_eq!(fixed::<AuxServerSessionInfo<'_>>(), 2);
    assert_eq!(fixed::<AuxProtocolDeviceIdentification<'_>>(), 10);
}

#[test]
fn field_codes() {
    assert_eq!(format!("{:?}", ServerType::PRIVATE), "SERVERTYPE_PRIVATE");
    assert_eq!(format!("{:?}", ClientMode(7)), "ClientMode(0x0007)");
    let f = EnableFlags::ENABLE_COMPRESSION | EnableFlags(0x100);
    assert_eq!(
        format!("{f:?}"),
        "EnableFlags(0x00000104 ENABLE_COMPRESSION|0x100)"
    );
    assert!(ServerCapabilityFlags(0x0B)
        .contains(ServerCapabilityFlags::PACKED_WRITE_STREAM_UPLOAD_BUFFERS));
    // The header reads any Size; the block framing refuses one below the header's own length.
    let (_, h) = AuxHeader::decode(&[0x02, 0x00, 0x01, 0x01]).unwrap();
    assert_eq!(h.size, 2);
    assert_eq!(h.to_bytes().unwrap(), [0x02, 0x00, 0x01, 0x01]);
}
