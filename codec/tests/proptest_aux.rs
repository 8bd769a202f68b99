//! Round trips of auxiliary buffer blocks ([MS-OXCRPC] 2.2.2.2): built values give
//! `decode(encode(x)) == x`, and bytes that decode re-encode to themselves.

use std::borrow::Cow;

use mapi_codec::rpc::auxiliary::{
    AuxBlock, AuxBlocks, AuxClientControl, AuxExOrgInfo, AuxOsVersionInfo, AuxPerfClientInfo,
    AuxPerfFailureV2, AuxPerfMdbSuccess, AuxPerfProcessInfo, AuxPerfRequestId, AuxPerfServerInfo,
    AuxPerfSessionInfoV2, AuxProtocolDeviceIdentification, AuxServerSessionInfo, AuxType,
    AuxVersion, ClientMode, EnableFlags, OrgFlags, ServerType, VarLayout,
};
use mapi_codec::wire::{ByteArray, Decode, Encode, Guid, Limits, Utf16Str};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = Option<Utf16Str<'static>>> {
    proptest::option::of("[^\u{0}]{0,10}".prop_map(|s| Utf16Str::from_text(&s).unwrap()))
}

fn bytes() -> impl Strategy<Value = Option<Cow<'static, [u8]>>> {
    proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8).prop_map(Cow::Owned))
}

fn guid() -> impl Strategy<Value = Guid> {
    any::<[u8; 16]>().prop_map(Guid)
}

/// Whether the spec gives (version, type) a block structure.
fn defined(version: u8, ty: u8) -> bool {
    match version {
        1 => matches!(ty, 0x01..=0x18 | 0x46 | 0x48 | 0x4A | 0x4B | 0x4E),
        2 => matches!(
            ty,
            0x04 | 0x07 | 0x08 | 0x09 | 0x0B | 0x0E | 0x0F | 0x10 | 0x13 | 0x14 | 0x15
        ),
        _ => false,
    }
}

fn fixed_block() -> impl Strategy<Value = AuxBlock<'static>> {
    prop_oneof![
        any::<(u16, u16)>().prop_map(|(session_id, request_id)| {
            AuxBlock::PerfRequestId(AuxPerfRequestId {
                session_id,
                request_id,
            })
        }),
        (any::<(u16, u16, u32)>(), guid()).prop_map(|((session_id, reserved, c), session_guid)| {
            AuxBlock::PerfSessionInfoV2(AuxPerfSessionInfoV2 {
                session_id,
                reserved,
                session_guid,
                connection_id: c,
            })
        }),
        (
            prop_oneof![
                Just(AuxType::PERF_MDB_SUCCESS),
                Just(AuxType::PERF_BG_MDB_SUCCESS),
                Just(AuxType::PERF_FG_MDB_SUCCESS)
            ],
            any::<(u16, u16, u16, u16, u32, u32)>()
        )
            .prop_map(|(aux_type, (a, b, c, d, e, f))| AuxBlock::PerfMdbSuccess {
                aux_type,
                block: AuxPerfMdbSuccess {
                    client_id: a,
                    server_id: b,
                    session_id: c,
                    request_id: d,
                    time_since_request: e,
                    time_to_complete_request: f,
                },
            }),
        (
            prop_oneof![
                Just(AuxType::PERF_FAILURE),
                Just(AuxType::PERF_BG_FAILURE),
                Just(AuxType::PERF_FG_FAILURE)
            ],
            any::<(u16, u16, u16, u16, u16, u16)>(),
            any::<(u32, u32, u32, u8, [u8; 3])>()
        )
            .prop_map(|(aux_type, (a, b, c, d, e, f), (g, h, i, j, k))| {
                AuxBlock::PerfFailureV2 {
                    aux_type,
                    block: AuxPerfFailureV2 {
                        process_id: a,
                        client_id: b,
                        server_id: c,
                        session_id: d,
                        request_id: e,
                        reserved_1: f,
                        time_since_request: g,
                        time_to_fail_request: h,
                        result_code: i,
                        request_operation: j,
                        reserved_2: ByteArray(k),
                    },
                }
            }),
        any::<(u32, u32)>().prop_map(|(enable_flags, expiry_time)| {
            AuxBlock::ClientControl(AuxClientControl {
                enable_flags: EnableFlags(enable_flags),
                expiry_time,
            })
        }),
        (
            any::<(u32, u32, u32, u32, u16, u16, u32)>(),
            proptest::collection::vec(any::<u8>(), 132)
        )
            .prop_map(|((a, b, c, d, e, f, g), r)| {
                AuxBlock::OsVersionInfo(AuxOsVersionInfo {
                    os_version_info_size: a,
                    major_version: b,
                    minor_version: c,
                    build_number: d,
                    reserved1: ByteArray(r.try_into().unwrap()),
                    service_pack_major: e,
                    service_pack_minor: f,
                    reserved2: g,
                })
            }),
        any::<u32>().prop_map(|org_flags| AuxBlock::ExOrgInfo(AuxExOrgInfo {
            org_flags: OrgFlags(org_flags),
        })),
    ]
}

fn var_block() -> impl Strategy<Value = AuxBlock<'static>> {
    prop_oneof![
        (
            any::<(u32, u16, u16, u16)>(),
            (text(), text(), bytes(), bytes(), text(), bytes())
        )
            .prop_map(|((speed, id, mode, res), (m, u, ip, mask, ad, mac))| {
                AuxBlock::PerfClientInfo(AuxPerfClientInfo {
                    adapter_speed: speed,
                    client_id: id,
                    machine_name: m,
                    user_name: u,
                    client_ip: ip,
                    client_ip_mask: mask,
                    adapter_name: ad,
                    mac_address: mac,
                    client_mode: ClientMode(mode),
                    reserved: res,
                    layout: VarLayout::Canonical,
                })
            }),
        (any::<(u16, u16)>(), text(), text()).prop_map(|((id, ty), dn, name)| {
            AuxBlock::PerfServerInfo(AuxPerfServerInfo {
                server_id: id,
                server_type: ServerType(ty),
                server_dn: dn,
                server_name: name,
                ..Default::default()
            })
        }),
        (1u8..=2, any::<(u16, u16, u16)>(), guid(), text()).prop_map(
            |(v, (id, r1, r2), g, name)| AuxBlock::PerfProcessInfo {
                version: AuxVersion(v),
                block: AuxPerfProcessInfo {
                    process_id: id,
                    reserved_1: r1,
                    process_guid: g,
                    reserved_2: r2,
                    process_name: name,
                    ..Default::default()
                },
            }
        ),
        text().prop_map(|s| AuxBlock::ServerSessionInfo(AuxServerSessionInfo {
            server_session_context_info: s,
            ..Default::default()
        })),
        (text(), text(), text(), text(), text()).prop_map(|(a, b, c, d, e)| {
            AuxBlock::ProtocolDeviceIdentification(AuxProtocolDeviceIdentification {
                device_manufacturer: a,
                device_model: b,
                device_serial_number: c,
                device_version: d,
                device_firmware_version: e,
                ..Default::default()
            })
        }),
    ]
}

fn unknown_block() -> impl Strategy<Value = AuxBlock<'static>> {
    (
        any::<u8>(),
        any::<u8>(),
        proptest::collection::vec(any::<u8>(), 0..24),
    )
        .prop_filter("a pair the spec defines", |(v, t, _)| !defined(*v, *t))
        .prop_map(|(v, t, payload)| AuxBlock::Unknown {
            version: AuxVersion(v),
            aux_type: AuxType(t),
            bytes: std::borrow::Cow::Owned(payload),
        })
}

fn any_block() -> impl Strategy<Value = AuxBlock<'static>> {
    prop_oneof![fixed_block(), var_block(), unknown_block()]
}

/// One framed block with a random payload, for the "bytes that decode re-encode" property.
fn framed_random() -> impl Strategy<Value = Vec<u8>> {
    let types = prop_oneof![
        Just(0x02u8),
        Just(0x03),
        Just(0x04),
        Just(0x0B),
        Just(0x10),
        Just(0x4A),
        Just(0x4B),
        Just(0x4E),
        any::<u8>()
    ];
    (
        0u8..=3,
        types,
        proptest::collection::vec(any::<u8>(), 0..48),
    )
        .prop_map(|(v, t, p)| {
            let mut b = ((p.len() + 4) as u16).to_le_bytes().to_vec();
            b.extend_from_slice(&[v, t]);
            b.extend_from_slice(&p);
            b
        })
}

/// A block with offset fields: random fixed fields and variable area, offsets aimed inside (or
/// just past) the block so that many decode, most of them not laid out canonically.
fn var_block_bytes() -> impl Strategy<Value = Vec<u8>> {
    // (Type, fixed bytes, first offset/size word at, number of words)
    let shapes = prop_oneof![
        Just((0x02u8, 28usize, 6usize, 9usize)),
        Just((0x03, 8, 4, 2)),
        Just((0x0B, 24, 20, 1)),
        Just((0x4A, 28, 16, 1)),
        Just((0x4B, 2, 0, 1)),
        Just((0x4E, 10, 0, 5)),
    ];
    let area_byte = prop_oneof![Just(0u8), Just(0x41), any::<u8>()];
    (
        shapes,
        proptest::collection::vec(any::<u8>(), 28),
        proptest::collection::vec(area_byte, 0..24),
        proptest::collection::vec(any::<u16>(), 9),
    )
        .prop_map(|((t, fixed, at, n), fixed_bytes, area, picks)| {
            let size = 4 + fixed + area.len();
            let mut p = fixed_bytes[..fixed].to_vec();
            for (i, pick) in picks.iter().take(n).enumerate() {
                // A zero now and then, otherwise a position from the header to one past the end.
                let word = if pick % 5 == 0 {
                    0
                } else {
                    pick % (size as u16 + 2)
                };
                p[at + 2 * i..at + 2 * i + 2].copy_from_slice(&word.to_le_bytes());
            }
            p.extend_from_slice(&area);
            let mut b = (size as u16).to_le_bytes().to_vec();
            b.extend_from_slice(&[1, t]);
            b.extend_from_slice(&p);
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_blocks_round_trip(blocks in proptest::collection::vec(any_block(), 0..5)) {
        let x = AuxBlocks { blocks };
        let bytes = x.to_bytes().unwrap();
        prop_assert_eq!(bytes.len(), x.encoded_len());
        let back = AuxBlocks::decode_exact(&bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(&back, &x);
    }

    #[test]
    fn random_framed_bytes_re_encode(parts in proptest::collection::vec(framed_random(), 0..4)) {
        let bytes = parts.concat();
        if let Ok(x) = AuxBlocks::decode_exact(&bytes, Limits::DEFAULT) {
            prop_assert_eq!(x.to_bytes().unwrap(), bytes);
        }
    }

    #[test]
    fn offset_blocks_re_encode(bytes in var_block_bytes()) {
        match AuxBlocks::decode_exact(&bytes, Limits::DEFAULT) {
            Ok(x) => {
                prop_assert_eq!(x.encoded_len(), bytes.len());
                prop_assert_eq!(x.to_bytes().unwrap(), bytes);
            }
            Err(e) => {
                // Failures name an offset or size field of the block.
                let path = e.path_string();
                prop_assert!(path.ends_with("Offset") || path.ends_with("Size")
                    || path.ends_with("ContextInfo"), "{}", path);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
        if let Ok((rest, x)) = AuxBlocks::decode(&bytes) {
            prop_assert!(rest.is_empty());
            prop_assert_eq!(x.to_bytes().unwrap(), bytes);
        }
    }
}
