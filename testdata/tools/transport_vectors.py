#!/usr/bin/env python3
"""Writes the transport-layer vectors: testdata/vectors/project/2.2.2.2.*-aux-*.toml (one per
auxiliary block type), one aux-buffer vector, and testdata/vectors/hostile/{rpc-ext,lz77,aux}-*.toml.

An encoder independent of the Rust code, in the manner of project_vectors.py: every field is
spelled out from the [MS-OXCRPC] 2.2.2.1 (RPC_HEADER_EXT) and 2.2.2.2 (AUX_HEADER and its
blocks) layouts and the [MS-XCA] 2.4 plain LZ77 format, and written into the file's comment, so a
reviewer can check the bytes against the spec without running anything.

Layout rules taken from the spec text:
- AUX_HEADER.Size is "the size of the AUX_HEADER structure plus any additional payload data that
  follows" (2.2.2.2), so a block's Size counts its own 4-byte header.
- Every *Offset field is "the offset from the beginning of the AUX_HEADER structure" to its
  variable field; "a value of zero indicates that the ... field is null or empty" (2.2.2.2.4
  and the blocks after it). Strings are null-terminated Unicode (UTF-16LE + 0x0000).
- The spec fixes no order or padding for the variable fields; these vectors use the canonical
  layout: the variable fields in the order the block's diagram lists them, directly after the
  fixed fields, no padding; an absent field takes no bytes and has offset (and size) 0.
- Reserved/padding fields are written as zeros.

Run it from anywhere; it rewrites the files it owns and nothing else.
"""
from vecgen import COMPRESSED, LAST, V, XORMAGIC, guid, u8, u16, u32, utf16z, write

SRC = "project vector, built from [MS-OXCRPC]"
HSRC = "hostile input, built from [MS-OXCRPC]"

AUX_VERSION_1 = 0x01
AUX_VERSION_2 = 0x02
VERSION_NAME = {AUX_VERSION_1: "AUX_VERSION_1", AUX_VERSION_2: "AUX_VERSION_2"}


# --------------------------------------------------------------------------------------------
# AUX blocks
# --------------------------------------------------------------------------------------------

class Off:
    """A 2-byte offset field that points at the variable field `var` (0 when it is absent)."""

    def __init__(self, name, var):
        self.name, self.var = name, var


class Sz:
    """A 2-byte size field giving the byte length of the variable field `var` (0 when absent)."""

    def __init__(self, name, var):
        self.name, self.var = name, var


def aux_block(v, version, type_code, type_name, fixed=(), var=(), d=0, size=None):
    """Appends one AUX_HEADER + block to `v`.

    fixed: (bytes, comment) pairs, or Off/Sz placeholders, in diagram order.
    var:   (name, bytes or None, comment) in diagram order; None means absent (offset 0).
    size:  override AUX_HEADER.Size (hostile vectors); by default the real length.
    """
    fixed_len = sum(2 if isinstance(f, (Off, Sz)) else len(f[0]) for f in fixed)
    at = 4 + fixed_len
    offsets, lengths = {}, {}
    for name, data, _ in var:
        if data is None:
            offsets[name], lengths[name] = 0, 0
        else:
            offsets[name], lengths[name] = at, len(data)
            at += len(data)
    real = at
    n = real if size is None else size
    v.f(u16(n), f"AUX_HEADER.Size = {n} (0x{n:04X}): the 4-byte header + {n - 4} bytes of block"
        + ("" if n == real else f" (the block really has {real - 4})"), d)
    vname = VERSION_NAME.get(version, "undefined version")
    v.f(u8(version), f"AUX_HEADER.Version = 0x{version:02X} ({vname})", d)
    v.f(u8(type_code), f"AUX_HEADER.Type = 0x{type_code:02X} ({type_name})", d)
    for f in fixed:
        if isinstance(f, Off):
            o = offsets[f.var]
            what = "absent: null or empty" if o == 0 else f"{f.var} starts {o} bytes after the AUX_HEADER's first byte"
            v.f(u16(o), f"{f.name} = 0x{o:04X} ({what})", d + 1)
        elif isinstance(f, Sz):
            s = lengths[f.var]
            v.f(u16(s), f"{f.name} = {s} (byte length of {f.var})", d + 1)
        else:
            v.f(f[0], f[1], d + 1)
    for name, data, comment in var:
        if data is not None:
            v.f(data, f"{name} @{offsets[name]}: {comment}", d + 1)
    return v


def ustr(text):
    return utf16z(text), f'"{text}" (UTF-16LE + 0x0000)'


def svar(name, text):
    data, comment = ustr(text)
    return (name, data, comment)


# The fixed parts of the blocks, one function each, so blocks that share a structure (the BG_ and
# FG_ type codes) spell it the same way.

def perf_requestid():  # 2.2.2.2.1
    return [(u16(0x0003), "SessionID = 3"), (u16(0x0010), "RequestID = 16")]


def perf_sessioninfo():  # 2.2.2.2.2
    return [(u16(0x0003), "SessionID = 3"), (u16(0), "Reserved = 0 (padding)"),
            (guid("6e3d4a1c-2b7f-4c8e-9a15-0d2c3b4a5f61"), "SessionGuid = {6E3D4A1C-2B7F-4C8E-9A15-0D2C3B4A5F61}")]


def perf_sessioninfo_v2():  # 2.2.2.2.3
    return perf_sessioninfo() + [(u32(0x00000102), "ConnectionID = 0x00000102")]


def perf_defmdb_success():  # 2.2.2.2.7
    return [(u32(1500), "TimeSinceRequest = 1500 ms"), (u32(32), "TimeToCompleteRequest = 32 ms"),
            (u16(0x0010), "RequestID = 16"), (u16(0), "Reserved = 0 (padding)")]


def perf_defgc_success():  # 2.2.2.2.8
    return [(u16(0x0002), "ServerID = 2"), (u16(0x0003), "SessionID = 3"),
            (u32(2500), "TimeSinceRequest = 2500 ms"), (u32(12), "TimeToCompleteRequest = 12 ms"),
            (u8(0x07), "RequestOperation = 0x07 (client-defined)"), (b"\0\0\0", "Reserved = 00 00 00 (3 bytes padding)")]


def perf_mdb_success():  # 2.2.2.2.9
    return [(u16(0x0001), "ClientID = 1"), (u16(0x0002), "ServerID = 2"), (u16(0x0003), "SessionID = 3"),
            (u16(0x0011), "RequestID = 17"), (u32(900), "TimeSinceRequest = 900 ms"),
            (u32(45), "TimeToCompleteRequest = 45 ms")]


def perf_mdb_success_v2():  # 2.2.2.2.10
    return [(u16(0x0005), "ProcessID = 5"), (u16(0x0001), "ClientID = 1"), (u16(0x0002), "ServerID = 2"),
            (u16(0x0003), "SessionID = 3"), (u16(0x0012), "RequestID = 18"), (u16(0), "Reserved = 0 (padding)"),
            (u32(700), "TimeSinceRequest = 700 ms"), (u32(61), "TimeToCompleteRequest = 61 ms")]


def perf_gc_success():  # 2.2.2.2.11
    return [(u16(0x0001), "ClientID = 1"), (u16(0x0004), "ServerID = 4"), (u16(0x0003), "SessionID = 3"),
            (u16(0), "Reserved_1 = 0 (padding)"), (u32(3000), "TimeSinceRequest = 3000 ms"),
            (u32(8), "TimeToCompleteRequest = 8 ms"), (u8(0x02), "RequestOperation = 0x02 (client-defined)"),
            (b"\0\0\0", "Reserved_2 = 00 00 00 (3 bytes padding)")]


def perf_gc_success_v2():  # 2.2.2.2.12
    return [(u16(0x0005), "ProcessID = 5"), (u16(0x0001), "ClientID = 1"), (u16(0x0004), "ServerID = 4"),
            (u16(0x0003), "SessionID = 3"), (u32(3100), "TimeSinceRequest = 3100 ms"),
            (u32(9), "TimeToCompleteRequest = 9 ms"), (u8(0x02), "RequestOperation = 0x02 (client-defined)"),
            (b"\0\0\0", "Reserved = 00 00 00 (3 bytes padding)")]


def perf_failure():  # 2.2.2.2.13
    return [(u16(0x0001), "ClientID = 1"), (u16(0x0002), "ServerID = 2"), (u16(0x0003), "SessionID = 3"),
            (u16(0x0013), "RequestID = 19"), (u32(4000), "TimeSinceRequest = 4000 ms"),
            (u32(30000), "TimeToFailRequest = 30000 ms"), (u32(0x80040115), "ResultCode = 0x80040115 (implementation-specific)"),
            (u8(0x03), "RequestOperation = 0x03 (client-defined)"), (b"\0\0\0", "Reserved = 00 00 00 (3 bytes padding)")]


def perf_failure_v2():  # 2.2.2.2.14
    return [(u16(0x0005), "ProcessID = 5"), (u16(0x0001), "ClientID = 1"), (u16(0x0002), "ServerID = 2"),
            (u16(0x0003), "SessionID = 3"), (u16(0x0014), "RequestID = 20"), (u16(0), "Reserved_1 = 0 (padding)"),
            (u32(4100), "TimeSinceRequest = 4100 ms"), (u32(15000), "TimeToFailRequest = 15000 ms"),
            (u32(0x000004B9), "ResultCode = 0x000004B9 (implementation-specific)"),
            (u8(0x04), "RequestOperation = 0x04 (client-defined)"), (b"\0\0\0", "Reserved_2 = 00 00 00 (3 bytes padding)")]


def perf_processinfo():  # 2.2.2.2.6
    fixed = [(u16(0x0005), "ProcessID = 5"), (u16(0), "Reserved_1 = 0 (padding)"),
             (guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), "ProcessGuid = {0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}"),
             Off("ProcessNameOffset", "ProcessName"), (u16(0), "Reserved_2 = 0 (padding)")]
    return fixed, [svar("ProcessName", "OUTLOOK.EXE")]


def client_connection_info():  # 2.2.2.2.21
    fixed = [(guid("a1b2c3d4-e5f6-4789-9abc-def012345678"), "ConnectionGUID = {A1B2C3D4-E5F6-4789-9ABC-DEF012345678}"),
             Off("OffsetConnectionContextInfo", "ConnectionContextInfo"), (u16(0), "Reserved = 0 (padding)"),
             (u32(2), "ConnectionAttempts = 2"), (u32(0x00000001), "ConnectionFlags = 0x00000001 (client in cached mode)")]
    return fixed, [svar("ConnectionContextInfo", "ctx=42;site=A")]


def blocks():
    """One vector per block type, in the order of [MS-OXCRPC] 2.2.2.2.1 - 2.2.2.2.23."""
    out = []  # (name, section, note, V)

    def simple(sec, name, ver, code, tname, fixed, note):
        v = aux_block(V(), ver, code, tname, fixed)
        out.append((name, sec, note, v))

    simple("2.2.2.2.1", "perf-requestid", AUX_VERSION_1, 0x01, "AUX_TYPE_PERF_REQUESTID", perf_requestid(),
           "AUX_PERF_REQUESTID: the session and request a block set belongs to.")
    simple("2.2.2.2.2", "perf-sessioninfo", AUX_VERSION_1, 0x04, "AUX_TYPE_PERF_SESSIONINFO", perf_sessioninfo(),
           "AUX_PERF_SESSIONINFO (AUX_VERSION_1 with type 0x04).")
    simple("2.2.2.2.3", "perf-sessioninfo-v2", AUX_VERSION_2, 0x04, "AUX_TYPE_PERF_SESSIONINFO", perf_sessioninfo_v2(),
           "AUX_PERF_SESSIONINFO_V2 (AUX_VERSION_2 with type 0x04): SESSIONINFO plus a ConnectionID.")

    v = aux_block(V(), AUX_VERSION_1, 0x02, "AUX_TYPE_PERF_CLIENTINFO", [
        (u32(100000), "AdapterSpeed = 100000 kbit/s"),
        (u16(0x0001), "ClientID = 1"),
        Off("MachineNameOffset", "MachineName"),
        Off("UserNameOffset", "UserName"),
        Sz("ClientIPSize", "ClientIP"),
        Off("ClientIPOffset", "ClientIP"),
        Sz("ClientIPMaskSize", "ClientIPMask"),
        Off("ClientIPMaskOffset", "ClientIPMask"),
        Off("AdapterNameOffset", "AdapterName"),
        Sz("MacAddressSize", "MacAddress"),
        Off("MacAddressOffset", "MacAddress"),
        (u16(0x0002), "ClientMode = 0x0002 (CLIENTMODE_CACHED)"),
        (u16(0), "Reserved = 0 (padding)"),
    ], [
        svar("MachineName", "WS-042"),
        svar("UserName", "ann"),
        ("ClientIP", bytes([192, 168, 1, 10]), "192.168.1.10 (4 bytes, ClientIPSize)"),
        ("ClientIPMask", bytes([255, 255, 255, 0]), "255.255.255.0 (4 bytes, ClientIPMaskSize)"),
        svar("AdapterName", "Ethernet"),
        ("MacAddress", bytes.fromhex("00155d010203"), "00-15-5D-01-02-03 (6 bytes, MacAddressSize)"),
    ])
    out.append(("perf-clientinfo", "2.2.2.2.4",
                "AUX_PERF_CLIENTINFO with all six variable fields: three strings and three sized byte runs.", v))

    serverinfo_fixed = [(u16(0x0002), "ServerID = 2"), (u16(0x0001), "ServerType = 0x0001 (private mailbox data)"),
                        Off("ServerDNOffset", "ServerDN"), Off("ServerNameOffset", "ServerName")]
    v = aux_block(V(), AUX_VERSION_1, 0x03, "AUX_TYPE_PERF_SERVERINFO", serverinfo_fixed,
                  [svar("ServerDN", "/o=Contoso/cn=Servers/cn=MBX01"), svar("ServerName", "mbx01.contoso.com")])
    out.append(("perf-serverinfo", "2.2.2.2.5", "AUX_PERF_SERVERINFO with both strings.", v))
    v = aux_block(V(), AUX_VERSION_1, 0x03, "AUX_TYPE_PERF_SERVERINFO", serverinfo_fixed,
                  [("ServerDN", None, ""), svar("ServerName", "mbx01.contoso.com")])
    out.append(("perf-serverinfo-no-dn", "2.2.2.2.5",
                "AUX_PERF_SERVERINFO whose ServerDNOffset is 0 (null or empty): only ServerName follows.", v))

    fixed, var = perf_processinfo()
    v = aux_block(V(), AUX_VERSION_2, 0x0B, "AUX_TYPE_PERF_PROCESSINFO", fixed, var)
    out.append(("perf-processinfo", "2.2.2.2.6", "AUX_PERF_PROCESSINFO (AUX_VERSION_2, type 0x0B).", v))
    v = aux_block(V(), AUX_VERSION_1, 0x0B, "AUX_TYPE_PERF_PROCESSINFO", fixed, var)
    out.append(("perf-processinfo-v1", "2.2.2.2.6",
                "AUX_PERF_PROCESSINFO under AUX_VERSION_1: the version-1 table also maps type 0x0B to it.", v))

    simple("2.2.2.2.7", "perf-defmdb-success", AUX_VERSION_1, 0x05, "AUX_TYPE_PERF_DEFMDB_SUCCESS",
           perf_defmdb_success(), "AUX_PERF_DEFMDB_SUCCESS.")
    simple("2.2.2.2.8", "perf-defgc-success", AUX_VERSION_1, 0x06, "AUX_TYPE_PERF_DEFGC_SUCCESS",
           perf_defgc_success(), "AUX_PERF_DEFGC_SUCCESS.")
    simple("2.2.2.2.9", "perf-mdb-success", AUX_VERSION_1, 0x07, "AUX_TYPE_PERF_MDB_SUCCESS",
           perf_mdb_success(), "AUX_PERF_MDB_SUCCESS (AUX_VERSION_1, type 0x07).")
    simple("2.2.2.2.10", "perf-mdb-success-v2", AUX_VERSION_2, 0x07, "AUX_TYPE_PERF_MDB_SUCCESS",
           perf_mdb_success_v2(), "AUX_PERF_MDB_SUCCESS_V2 (AUX_VERSION_2, type 0x07).")
    simple("2.2.2.2.11", "perf-gc-success", AUX_VERSION_1, 0x08, "AUX_TYPE_PERF_GC_SUCCESS",
           perf_gc_success(), "AUX_PERF_GC_SUCCESS (AUX_VERSION_1, type 0x08).")
    simple("2.2.2.2.12", "perf-gc-success-v2", AUX_VERSION_2, 0x08, "AUX_TYPE_PERF_GC_SUCCESS",
           perf_gc_success_v2(), "AUX_PERF_GC_SUCCESS_V2 (AUX_VERSION_2, type 0x08).")
    simple("2.2.2.2.13", "perf-failure", AUX_VERSION_1, 0x09, "AUX_TYPE_PERF_FAILURE",
           perf_failure(), "AUX_PERF_FAILURE (AUX_VERSION_1, type 0x09).")
    simple("2.2.2.2.14", "perf-failure-v2", AUX_VERSION_2, 0x09, "AUX_TYPE_PERF_FAILURE",
           perf_failure_v2(), "AUX_PERF_FAILURE_V2 (AUX_VERSION_2, type 0x09).")

    # Background (BG_) and foreground (FG_) type codes select the same structures (2.2.2.2 tables).
    simple("2.2.2.2.7", "perf-bg-defmdb-success", AUX_VERSION_1, 0x0C, "AUX_TYPE_PERF_BG_DEFMDB_SUCCESS",
           perf_defmdb_success(), "Type 0x0C AUX_TYPE_PERF_BG_DEFMDB_SUCCESS: an AUX_PERF_DEFMDB_SUCCESS block.")
    simple("2.2.2.2.12", "perf-bg-gc-success-v2", AUX_VERSION_2, 0x0F, "AUX_TYPE_PERF_BG_GC_SUCCESS",
           perf_gc_success_v2(), "Type 0x0F AUX_TYPE_PERF_BG_GC_SUCCESS under AUX_VERSION_2: an AUX_PERF_GC_SUCCESS_V2 block.")
    simple("2.2.2.2.9", "perf-fg-mdb-success", AUX_VERSION_1, 0x13, "AUX_TYPE_PERF_FG_MDB_SUCCESS",
           perf_mdb_success(), "Type 0x13 AUX_TYPE_PERF_FG_MDB_SUCCESS under AUX_VERSION_1: an AUX_PERF_MDB_SUCCESS block.")
    simple("2.2.2.2.14", "perf-fg-failure-v2", AUX_VERSION_2, 0x15, "AUX_TYPE_PERF_FG_FAILURE",
           perf_failure_v2(), "Type 0x15 AUX_TYPE_PERF_FG_FAILURE under AUX_VERSION_2: an AUX_PERF_FAILURE_V2 block.")

    simple("2.2.2.2.15", "client-control", AUX_VERSION_1, 0x0A, "AUX_TYPE_CLIENT_CONTROL", [
        (u32(0x0000001D), "EnableFlags = 0x0000001D (ENABLE_PERF_SENDTOSERVER | ENABLE_COMPRESSION"
                          " | ENABLE_HTTP_TUNNELING | ENABLE_PERF_SENDGCDATA)"),
        (u32(3600000), "ExpiryTime = 3600000 ms (one hour)"),
    ], "AUX_CLIENT_CONTROL with every defined flag.")
    simple("2.2.2.2.16", "osversioninfo", AUX_VERSION_1, 0x16, "AUX_TYPE_OSVERSIONINFO", [
        (u32(156), "OSVersionInfoSize = 156 (the size of this AUX_OSVERSIONINFO structure: 4+4+4+4+132+2+2+4)"),
        (u32(6), "MajorVersion = 6"), (u32(1), "MinorVersion = 1"), (u32(7601), "BuildNumber = 7601"),
        (bytes(132), "Reserved1 = 132 zero bytes"),
        (u16(1), "ServicePackMajor = 1"), (u16(0), "ServicePackMinor = 0"), (u32(0), "Reserved2 = 0"),
    ], "AUX_OSVERSIONINFO: server OS 6.1.7601 with service pack 1.0.")
    simple("2.2.2.2.17", "exorginfo", AUX_VERSION_1, 0x17, "AUX_TYPE_EXORGINFO", [
        (u32(0x00000003), "OrgFlags = 0x00000003 (PUBLIC_FOLDERS_ENABLED | USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION)"),
    ], "AUX_EXORGINFO with both flags.")
    simple("2.2.2.2.18", "perf-accountinfo", AUX_VERSION_1, 0x18, "AUX_TYPE_PERF_ACCOUNTINFO", [
        (u16(0x0001), "ClientID = 1"), (u16(0), "Reserved = 0 (padding)"),
        (guid("11223344-5566-7788-99aa-bbccddeeff00"), "Account = {11223344-5566-7788-99AA-BBCCDDEEFF00}"),
    ], "AUX_PERF_ACCOUNTINFO.")
    simple("2.2.2.2.19", "server-capabilities", AUX_VERSION_1, 0x46, "AUX_TYPE_SERVER_CAPABILITIES", [
        (u32(0x0000000B), "ServerCapabilityFlags = 0x0000000B (PACKED_FAST_TRANSFER_UPLOAD_BUFFERS"
                          " | PACKED_WRITE_STREAM_UPLOAD_BUFFERS | ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS)"),
    ], "AUX_SERVER_CAPABILITIES with every defined flag.")
    simple("2.2.2.2.20", "endpoint-capabilities", AUX_VERSION_1, 0x48, "AUX_TYPE_ENDPOINT_CAPABILITIES", [
        (u32(0x00000001), "EndpointCapabilityFlag = 0x00000001 (ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT)"),
    ], "AUX_ENDPOINT_CAPABILITIES.")

    fixed, var = client_connection_info()
    v = aux_block(V(), AUX_VERSION_1, 0x4A, "AUX_TYPE_CLIENT_CONNECTION_INFO", fixed, var)
    out.append(("client-connection-info", "2.2.2.2.21", "AUX_CLIENT_CONNECTION_INFO with a context string.", v))

    v = aux_block(V(), AUX_VERSION_1, 0x4B, "AUX_TYPE_SERVER_SESSION_INFO",
                  [Off("OffsetServerSessionContextInfo", "ServerSessionContextInfo")],
                  [svar("ServerSessionContextInfo", "srv=MBX01;sid=7")])
    out.append(("server-session-info", "2.2.2.2.22", "AUX_SERVER_SESSION_INFO with a context string.", v))

    v = aux_block(V(), AUX_VERSION_1, 0x4E, "AUX_TYPE_PROTOCOL_DEVICE_IDENTIFICATION", [
        Off("DeviceManufacturerOffset", "DeviceManufacturer"), Off("DeviceModelOffset", "DeviceModel"),
        Off("DeviceSerialNumberOffset", "DeviceSerialNumber"), Off("DeviceVersionOffset", "DeviceVersion"),
        Off("DeviceFirmwareVersionOffset", "DeviceFirmwareVersion"),
    ], [svar("DeviceManufacturer", "Contoso"), svar("DeviceModel", "Gateway 9000"),
        svar("DeviceSerialNumber", "SN-0001"), svar("DeviceVersion", "2.1"),
        svar("DeviceFirmwareVersion", "fw 4.2.7")])
    out.append(("protocol-device-identification", "2.2.2.2.23",
                "AUX_PROTOCOL_DEVICE_IDENTIFICATION with all five strings.", v))

    for name, sec, note, v in out:
        write("project", f"{sec}-aux-{name}", "aux-blocks", f"{SRC} {sec}", v, note)

    # A (Version, Type) pair the spec does not define: type 0x01 exists only in the AUX_VERSION_1
    # table; the AUX_VERSION_2 table has no 0x01. Receivers skip such blocks (3.1.4.1.2), so the
    # block must be kept whole and re-encoded unchanged.
    v = aux_block(V(), AUX_VERSION_2, 0x01, "not in the AUX_VERSION_2 table", [
        (bytes.fromhex("0300100099"), "5 payload bytes of unknown meaning, kept as they are"),
    ])
    write("project", "2.2.2.2-aux-unknown-v2-type-01", "aux-blocks", f"{SRC} 2.2.2.2, 3.1.4.1.2", v,
          "An AUX block whose (Version, Type) = (2, 0x01) no table defines: kept whole, payload uninterpreted.")


def aux_buffer():
    """RPC_HEADER_EXT (Last, uncompressed, not obfuscated) around a run of four blocks."""
    inner = V()
    aux_block(inner, AUX_VERSION_1, 0x01, "AUX_TYPE_PERF_REQUESTID", perf_requestid(), d=1)
    aux_block(inner, AUX_VERSION_2, 0x04, "AUX_TYPE_PERF_SESSIONINFO (AUX_PERF_SESSIONINFO_V2)", perf_sessioninfo_v2(), d=1)
    fixed, var = perf_processinfo()
    aux_block(inner, AUX_VERSION_2, 0x0B, "AUX_TYPE_PERF_PROCESSINFO", fixed, var, d=1)
    fixed, var = client_connection_info()
    aux_block(inner, AUX_VERSION_1, 0x4A, "AUX_TYPE_CLIENT_CONNECTION_INFO", fixed, var, d=1)
    n = len(inner.bytes())
    v = V().f(u16(0x0000), "RPC_HEADER_EXT.Version = 0x0000")
    v.f(u16(LAST), "RPC_HEADER_EXT.Flags = 0x0004 (Last; not Compressed, not XorMagic)")
    v.f(u16(n), f"RPC_HEADER_EXT.Size = {n} (payload bytes after the 8-byte header)")
    v.f(u16(n), f"RPC_HEADER_EXT.SizeActual = {n} (= Size: the payload is not compressed)")
    v.fields.extend(inner.fields)
    write("project", "2.2.2.2-aux-buffer-four-blocks", "aux-buffer", f"{SRC} 2.2.2.1, 2.2.2.2, 3.1.4.1.1.1.1", v,
          "An rgbAuxIn-style buffer: one RPC_HEADER_EXT (Last) and four AUX blocks of both versions; "
          "the string offsets count from each block's own AUX_HEADER.")


# --------------------------------------------------------------------------------------------
# LZ77 ([MS-XCA] 2.3/2.4 plain LZ77, which [MS-OXCRPC] 3.1.4.1.1.2 uses)
# --------------------------------------------------------------------------------------------

def lz77_offset_before_start(v, d=0):
    """A plain-LZ77 stream whose match reaches back before the first output byte."""
    v.f(u32(0x7FFFFFFF), "flags 0x7FFFFFFF (read MSB first): bit31=0 literal, bit30=1 match, "
                         "bit29=1 with no input left = end", d)
    v.f(b"a", "literal 'a' (output is now 1 byte)", d)
    v.f(u16(0x000F), "match word 0x000F: offset (0x000F >> 3) + 1 = 2, length bits 7 (extended)", d)
    v.f(u8(0x05), "length nibble 5 (low half): length = 5 + 7 + 3 = 15; offset 2 > 1 byte of output", d)
    return v


def session_info_header(prefix=""):
    """The AUX_HEADER of a 10-byte AUX_SERVER_SESSION_INFO, written by hand."""
    v = V().f(u16(10), f"{prefix}AUX_HEADER.Size = 10")
    v.f(u8(AUX_VERSION_1), f"{prefix}AUX_HEADER.Version = 0x01 (AUX_VERSION_1)")
    return v.f(u8(0x4B), f"{prefix}AUX_HEADER.Type = 0x4B (AUX_TYPE_SERVER_SESSION_INFO)")


def hostile():
    # 1. SizeActual beyond the 32 KB a single payload may have.
    v = V().f(u16(0), "Version = 0x0000").f(u16(COMPRESSED | LAST), "Flags = 0x0005 (Compressed|Last)")
    v.f(u16(4), "Size = 4").f(u16(0x8001), "SizeActual = 0x8001 = 32769 > 32 KB")
    v.f(u32(0xFFFFFFFF), "payload: flags 0xFFFFFFFF, a match bit at the end of input = an empty LZ77 stream")
    write("hostile", "rpc-ext-sizeactual-over-32k", "rpc-ext", f"{HSRC} 2.2.2.1, 3.1.4.1.1", v,
          "A compressed extended buffer claiming 32769 plain bytes: \"a single payload MUST NOT exceed 32 KB\" "
          "(3.1.4.1.1); refused before decompressing.", expect_error="limit-exceeded")

    # 2. Not compressed, yet SizeActual != Size.
    v = V().f(u16(0), "Version = 0x0000").f(u16(LAST), "Flags = 0x0004 (Last; not Compressed)")
    v.f(u16(4), "Size = 4").f(u16(5), "SizeActual = 5 (MUST equal Size when Compressed is not set)")
    v.f(bytes.fromhex("0400 0101"), "4 payload bytes")
    write("hostile", "rpc-ext-uncompressed-sizeactual-mismatch", "rpc-ext", f"{HSRC} 2.2.2.1", v,
          "An uncompressed extended buffer whose SizeActual (5) differs from its Size (4).",
          expect_error="invalid-value")

    # 3. XorMagic|Last, Size past the end of the input.
    v = V().f(u16(0), "Version = 0x0000").f(u16(XORMAGIC | LAST), "Flags = 0x0006 (XorMagic|Last)")
    v.f(u16(16), "Size = 16 (only 4 bytes follow)").f(u16(16), "SizeActual = 16")
    v.f(bytes.fromhex("a5a5a5a5"), "4 obfuscated payload bytes, then the input ends")
    write("hostile", "rpc-ext-xormagic-size-past-end", "rpc-ext", f"{HSRC} 2.2.2.1", v,
          "An obfuscated extended buffer whose Size runs 12 bytes past the input.", expect_error="truncated")

    # 4. Compressed payload whose LZ77 match starts before the output.
    stream = lz77_offset_before_start(V(), 1)
    n = len(stream.bytes())
    v = V().f(u16(0), "Version = 0x0000").f(u16(COMPRESSED | LAST), "Flags = 0x0005 (Compressed|Last)")
    v.f(u16(n), f"Size = {n}").f(u16(16), f"SizeActual = 16 (1 literal + a 15-byte match; > Size as Compressed requires)")
    v.fields.extend(stream.fields)
    write("hostile", "rpc-ext-lz77-offset-before-start", "rpc-ext", f"{HSRC} 2.2.2.1, 3.1.4.1.1.2; [MS-XCA] 2.4.4", v,
          "A compressed extended buffer whose LZ77 match copies from 1 byte before the output: "
          "[MS-XCA] 2.4.4 requires an error when decoding reads outside the buffers.",
          expect_error="decompression")

    # 5. The same stream, bare.
    v = lz77_offset_before_start(V())
    write("hostile", "lz77-offset-before-start", "lz77-decompress", f"{HSRC} 3.1.4.1.1.2; [MS-XCA] 2.4.4", v,
          "A plain LZ77 stream whose match copies from before the start of the output.",
          expect_error="decompression")

    # 6. A chain that never sets Last.
    v = V().f(u16(0), "Version = 0x0000").f(u16(0), "Flags = 0x0000 (no Last: another RPC_HEADER_EXT must follow)")
    v.f(u16(2), "Size = 2").f(u16(2), "SizeActual = 2").f(bytes.fromhex("0102"), "2 payload bytes, then the input ends")
    write("hostile", "rpc-ext-no-last", "rpc-ext", f"{HSRC} 2.2.2.1, 3.1.4.2.1.1.1", v,
          "An extended-buffer chain whose only buffer lacks the Last flag: the input ends where the next "
          "header would be. (Reported as invalid-value, a chain without Last, rather than a truncated header.)",
          expect_error="invalid-value")

    # 7. AUX_HEADER.Size below the header's own 4 bytes.
    for size in (0, 3):
        v = aux_block(V(), AUX_VERSION_1, 0x01, "AUX_TYPE_PERF_REQUESTID", perf_requestid(), size=size)
        write("hostile", f"aux-header-size-{size}", "aux-blocks", f"{HSRC} 2.2.2.2", v,
              f"An AUX_HEADER whose Size ({size}) is smaller than the 4-byte AUX_HEADER it counts.",
              expect_error="invalid-value")

    # 8. AUX_HEADER.Size running past the buffer.
    v = aux_block(V(), AUX_VERSION_1, 0x01, "AUX_TYPE_PERF_REQUESTID", perf_requestid(), size=0x20)
    write("hostile", "aux-header-size-past-end", "aux-blocks", f"{HSRC} 2.2.2.2", v,
          "An AUX_HEADER whose Size (32) runs 24 bytes past the 8-byte buffer.", expect_error="truncated")

    # 9. Size too small for the fixed fields of the type it names.
    v = aux_block(V(), AUX_VERSION_1, 0x01, "AUX_TYPE_PERF_REQUESTID", perf_requestid()[:1], size=6)
    v.f(u16(0x0010), "2 more bytes: the next block's start, as Size 6 tells (RequestID is cut off)")
    write("hostile", "aux-requestid-size-short", "aux-blocks", f"{HSRC} 2.2.2.2, 2.2.2.2.1", v,
          "An AUX_PERF_REQUESTID whose Size (6) leaves no room for RequestID; the 2 bytes after it are "
          "too short to be another AUX_HEADER. (Reported as invalid-value at the Size field.)",
          expect_error="invalid-value")

    # 10. A string offset past its block: it points into the next block, where a lax reader would
    # find a "terminated string" (01 17 03 00 00 00).
    v = session_info_header("[block 0] ")
    v.f(u16(12), "[block 0] OffsetServerSessionContextInfo = 12: past the block's 10 bytes, inside block 1", 1)
    v.f(utf16z("a"), '[block 0] 4 bytes "a" + 0x0000 that no offset points at', 1)
    aux_block(v, AUX_VERSION_1, 0x17, "AUX_TYPE_EXORGINFO", [(u32(3), "[block 1] OrgFlags = 0x00000003")])
    write("hostile", "aux-string-offset-past-block", "aux-blocks", f"{HSRC} 2.2.2.2.22", v,
          "AUX_SERVER_SESSION_INFO whose string offset (12) points past its own block (Size 10) into the "
          "next one.", expect_error="invalid-value")

    # 11. A string offset into the fixed fields (at the offset field itself).
    v = session_info_header()
    v.f(u16(4), "OffsetServerSessionContextInfo = 4: the offset field itself, not past the fixed fields (6)", 1)
    v.f(utf16z("a"), '"a" + 0x0000 at offset 6, where the string belongs', 1)
    write("hostile", "aux-string-offset-into-fixed", "aux-blocks", f"{HSRC} 2.2.2.2.22", v,
          "AUX_SERVER_SESSION_INFO whose string offset (4) points into its own fixed fields.",
          expect_error="invalid-value")


    # 12. A compressed buffer whose stream ends with a 0 bit: that bit announces a literal the
    # input no longer holds ([MS-XCA] 2.4.4), so the stream is not a valid end of data.
    v = V().f(u16(0), "Version = 0x0000").f(u16(COMPRESSED | LAST), "Flags = 0x0005 (Compressed|Last)")
    v.f(u16(7), "Size = 7").f(u16(10), "SizeActual = 10")
    v.f(u32(0x40000000), "bitmask 0x40000000: bits 0 (literal), 1 (match), then 0 with no input left")
    v.f(b"a", "literal 'a'")
    v.f(u16(0x0006), "match metadata: offset 0 (distance 1), length 6 + 3 = 9")
    write("hostile", "rpc-ext-lz77-end-bit-zero", "rpc-ext", f"{HSRC} 2.2.2.1, 3.1.4.1.1.2; [MS-XCA] 2.4.4", v,
          "A compressed extended buffer whose bitmask has a 0 bit after the last symbol, where the end "
          "of stream needs a 1 bit (the 0xFFFFFF7F form of the same stream is valid).",
          expect_error="decompression")

if __name__ == "__main__":
    blocks()
    aux_buffer()
    hostile()
