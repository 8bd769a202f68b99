#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.13 (Incremental Change Synchronization ROPs) and of the
[MS-OXCFXICS] 2.2.2 structures (GLOBSET, IDSET, PCL), spelled out from the specs; see ropgen.py
for the buffer layout.

Run: python3 testdata/tools/rops_ics.py
"""
from ropgen import V, pair, request, response, response_only, u8, u16, u32, u64, utf16z, write

SRC = "project vector, built from [MS-OXCROPS]"
SUB = "project"

# Handles: slot 0 the input object (a folder or synchronization context), slot 1 the output.
IN = 0x0000002A
NEW = 0x0000004B
FREE = 0xFFFFFFFF

GUID_A = bytes.fromhex("0102030405060708090A0B0C0D0E0F10")
GUID_B = bytes.fromhex("A1A2A3A4B1B2C1C2D1D2D3D4D5D6D7D8")


def req(rid, name, target, output=False):
    """RopId, LogonId, InputHandleIndex 0 (`target`), and OutputHandleIndex 1 if `output`."""
    indexes = [("InputHandleIndex", 0, target)] + ([("OutputHandleIndex", 1)] if output else [])
    return request(rid, name, *indexes)


def rsp(rop_id, name, handle_name, handle, rv=0):
    return response(rop_id, name, handle_name, handle, rv)


def exchange(sec, name, r, s, note, output=False):
    """The request and the response of one ROP: on the input object alone, or with an output
    slot the response fills."""
    handles, resp_handles = ([IN, FREE], [IN, NEW]) if output else ([IN], [IN])
    pair(SUB, f"oxcrops-{sec}-{name.lower()}", f"{SRC} {sec}", [r], handles, [s], resp_handles,
         note)


def gid(counter, guid=GUID_A):
    """A GID ([MS-OXCDATA] 2.2.1.3): REPLGUID (16 bytes) and GLOBCNT (6 bytes, big-endian)."""
    return guid + counter.to_bytes(6, "big")


def binval(v, tag, name, data, d=1):
    v.f(u32(tag), f"PropertyTag = 0x{tag:08X} ({name})", d)
    v.f(u16(len(data)), f"Value: COUNT = {len(data)} (2-byte byte count in ROP buffers)", d)
    v.f(data, "Value: bytes", d)


def time_val(v, d=1):
    v.f(u32(0x30080040), "PropertyTag = 0x30080040 (PidTagLastModificationTime, PtypTime)", d)
    v.f(u64(0x01D9000000000000), "Value = FILETIME 0x01D9000000000000", d)


def sized_xid(counter):
    """SizedXid ([MS-OXCFXICS] 2.2.2.3): XidSize = 22, XID = NamespaceGuid + 6-byte LocalId."""
    return bytes([22]) + gid(counter)


def message_change_values(v):
    binval(v, 0x65E00102, "PidTagSourceKey", gid(0x1001))
    time_val(v)
    binval(v, 0x65E20102, "PidTagChangeKey", gid(0x2001))
    binval(v, 0x65E30102, "PidTagPredecessorChangeList", sized_xid(0x2001))


def main():
    # 2.2.13.1 RopSynchronizationConfigure: contents sync with an Exist restriction.
    name = "RopSynchronizationConfigure"
    r = req(0x70, name, "the folder", output=True)
    r.f(u8(0x01), "SynchronizationType = 0x01 (Contents)")
    r.f(u8(0x01), "SendOptions = 0x01 (Unicode)")
    r.f(u16(0x0001 | 0x0002 | 0x0010), "SynchronizationFlags = 0x0013 (Unicode | NoDeletions | ReadState)")
    r.f(u16(5), "RestrictionDataSize = 5")
    r.f(u8(0x08), "RestrictionData: RestrictType = 0x08 (ExistRestriction, [MS-OXCDATA] 2.12.9)", 1)
    r.f(u32(0x0E080003), "RestrictionData: PropTag = 0x0E080003 (PidTagMessageSize)", 1)
    r.f(u32(0x00000008 | 0x00000020), "SynchronizationExtraFlags = 0x00000028 (Cn | OrderByDeliveryTime)")
    r.f(u16(2), "PropertyTagCount = 2")
    r.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F (PidTagSubject)")
    r.f(u32(0x0E080003), "PropertyTags[1] = 0x0E080003 (PidTagMessageSize)")
    exchange("2.2.13.1", name, r, rsp(0x70, name, "OutputHandleIndex", 1),
             "RopSynchronizationConfigure of a contents synchronization", output=True)

    # 2.2.13.2 RopSynchronizationImportMessageChange.
    name = "RopSynchronizationImportMessageChange"
    r = req(0x72, name, "the upload context", output=True)
    r.f(u8(0x01), "ImportFlag = 0x01 (Associated)")
    r.f(u16(4), "PropertyValueCount = 4")
    message_change_values(r)
    s = rsp(0x72, name, "OutputHandleIndex", 1)
    s.f(u64(0), "MessageId = 0x0000000000000000 (MUST be 0)")
    exchange("2.2.13.2", name, r, s, "RopSynchronizationImportMessageChange of one message",
             output=True)
    # Failure (2.2.13.2.3): no MessageId.
    f = rsp(0x72, name, "OutputHandleIndex", 1, 0x00040821)
    response_only(SUB, "oxcrops-2.2.13.2-ropsynchronizationimportmessagechange-failure-response",
                  SRC + " 2.2.13.2.3", [r], [IN, FREE], [f], [IN, FREE],
                  "RopSynchronizationImportMessageChange failure (0x00040821 NewerClientChange): "
                  "no MessageId")

    # 2.2.13.3 RopSynchronizationImportReadStateChanges: two messages.
    name = "RopSynchronizationImportReadStateChanges"
    r = req(0x80, name, "the upload context")
    states = [(gid(0x1001), 1), (gid(0x1002), 0)]
    size = sum(2 + len(m) + 1 for m, _ in states)
    r.f(u16(size), f"MessageReadStateSize = {size}")
    for i, (m, read) in enumerate(states):
        r.f(u16(len(m)), f"MessageReadStates[{i}].MessageIdSize = {len(m)}", 1)
        r.f(m, f"MessageReadStates[{i}].MessageId (a GID)", 1)
        r.f(u8(read), f"MessageReadStates[{i}].MarkAsRead = {read}", 1)
    exchange("2.2.13.3", name, r, rsp(0x80, name, "InputHandleIndex", 0),
             "RopSynchronizationImportReadStateChanges of two messages")

    # 2.2.13.4 RopSynchronizationImportHierarchyChange.
    name = "RopSynchronizationImportHierarchyChange"
    r = req(0x73, name, "the upload context")
    r.f(u16(6), "HierarchyValueCount = 6")
    binval(r, 0x65E10102, "PidTagParentSourceKey", b"")
    binval(r, 0x65E00102, "PidTagSourceKey", gid(0x3001))
    time_val(r)
    binval(r, 0x65E20102, "PidTagChangeKey", gid(0x4001))
    binval(r, 0x65E30102, "PidTagPredecessorChangeList", sized_xid(0x4001))
    r.f(u32(0x3001001F), "PropertyTag = 0x3001001F (PidTagDisplayName)", 1)
    r.f(utf16z("Inbox2"), "Value = \"Inbox2\" (UTF-16LE, null-terminated)", 1)
    r.f(u16(1), "PropertyValueCount = 1")
    r.f(u32(0x3613001F), "PropertyTag = 0x3613001F (PidTagContainerClass)", 1)
    r.f(utf16z("IPF.Note"), "Value = \"IPF.Note\"", 1)
    s = rsp(0x73, name, "InputHandleIndex", 0)
    s.f(u64(0), "FolderId = 0x0000000000000000 (MUST be 0)")
    exchange("2.2.13.4", name, r, s, "RopSynchronizationImportHierarchyChange of a new folder")

    # 2.2.13.5 RopSynchronizationImportDeletes: one PtypMultipleBinary of two source keys.
    name = "RopSynchronizationImportDeletes"
    r = req(0x74, name, "the upload context")
    r.f(u8(0x02), "ImportDeleteFlags = 0x02 (HardDelete)")
    r.f(u16(1), "PropertyValueCount = 1")
    r.f(u32(0x00001102), "PropertyTag = 0x00001102 (PtypMultipleBinary)", 1)
    r.f(u32(2), "Value: COUNT = 2 values (4 bytes: PtypMultiple counts are 32-bit, [MS-OXCDATA] 2.11.1.1)", 1)
    for i, c in enumerate([0x1001, 0x1002]):
        r.f(u16(22), f"Value[{i}]: COUNT = 22 bytes (2-byte binary size in ROP buffers)", 2)
        r.f(gid(c), f"Value[{i}]: source key (a GID)", 2)
    exchange("2.2.13.5", name, r, rsp(0x74, name, "InputHandleIndex", 0),
             "RopSynchronizationImportDeletes of two messages")

    # 2.2.13.6 RopSynchronizationImportMessageMove.
    name = "RopSynchronizationImportMessageMove"
    r = req(0x78, name, "the upload context")
    for field, data in [("SourceFolderId", gid(0x3001)), ("SourceMessageId", gid(0x1001)),
                        ("PredecessorChangeList", sized_xid(0x2001) + sized_xid(0x2002)),
                        ("DestinationMessageId", gid(0x1005)), ("ChangeNumber", gid(0x2003))]:
        r.f(u32(len(data)), f"{field}Size = {len(data)}")
        r.f(data, field)
    s = rsp(0x78, name, "InputHandleIndex", 0)
    s.f(u64(0), "MessageId = 0x0000000000000000 (MUST be 0)")
    exchange("2.2.13.6", name, r, s, "RopSynchronizationImportMessageMove of one message")

    # 2.2.13.7 RopSynchronizationOpenCollector.
    name = "RopSynchronizationOpenCollector"
    r = req(0x7E, name, "the folder", output=True)
    r.f(u8(1), "IsContentsCollector = 0x01 (contents)")
    exchange("2.2.13.7", name, r, rsp(0x7E, name, "OutputHandleIndex", 1),
             "RopSynchronizationOpenCollector for contents", output=True)

    # 2.2.13.8 RopSynchronizationGetTransferState.
    name = "RopSynchronizationGetTransferState"
    exchange("2.2.13.8", name, req(0x82, name, "the synchronization context", output=True),
             rsp(0x82, name, "OutputHandleIndex", 1), name, output=True)

    # 2.2.13.9-11: upload MetaTagCnsetSeen (0x67960102) in one piece.
    state = gid(0)[:16] + bytes([0x04, 0, 0, 0, 0, 0x52, 0x00, 0x01, 0x00, 0x20, 0x50, 0x00])
    for sec, rid, name, fields, note in [
        ("2.2.13.9", 0x75, "RopSynchronizationUploadStateStreamBegin",
         [(u32(0x67960102), "StateProperty = 0x67960102 (MetaTagCnsetSeen)"),
          (u32(len(state)), f"TransferBufferSize = {len(state)}")], "of MetaTagCnsetSeen"),
        ("2.2.13.10", 0x76, "RopSynchronizationUploadStateStreamContinue",
         [(u32(len(state)), f"StreamDataSize = {len(state)}"),
          (state[:16], "StreamData: REPLGUID of a REPLGUID-based CNSET", 1),
          (state[16:], "StreamData: GLOBSET Push 4 zero bytes, Range 0x0001-0x0020, Pop, End", 1)],
         "with the whole CNSET"),
        ("2.2.13.11", 0x77, "RopSynchronizationUploadStateStreamEnd", [], ""),
    ]:
        exchange(sec, name, req(rid, name, "the synchronization context").rows(fields),
                 rsp(rid, name, "InputHandleIndex", 0), f"{name} {note}".strip())

    # 2.2.13.12 RopSetLocalReplicaMidsetDeleted: one range.
    name = "RopSetLocalReplicaMidsetDeleted"
    r = req(0x93, name, "the folder")
    r.f(u16(4 + 48), "DataSize = 52 (LongTermIdRangeCount + LongTermIdRanges)")
    r.f(u32(1), "LongTermIdRangeCount = 1")
    for field, c in [("MinLongTermId", 0x5000), ("MaxLongTermId", 0x50FF)]:
        r.f(GUID_B, f"LongTermIdRanges[0].{field}.DatabaseGuid", 1)
        r.f(c.to_bytes(6, "big"), f"LongTermIdRanges[0].{field}.GlobalCounter = 0x{c:X}", 1)
        r.f(u16(0), f"LongTermIdRanges[0].{field}.Pad = 0", 1)
    exchange("2.2.13.12", name, r, rsp(0x93, name, "InputHandleIndex", 0),
             "RopSetLocalReplicaMidsetDeleted of one range")

    # 2.2.13.13 RopGetLocalReplicaIds.
    name = "RopGetLocalReplicaIds"
    r = req(0x7F, name, "the logon").f(u32(0x200), "IdCount = 512")
    s = rsp(0x7F, name, "InputHandleIndex", 0)
    s.f(GUID_B, "ReplGuid")
    s.f((0x5000).to_bytes(6, "big"), "GlobalCount = 0x5000 (6 bytes, big-endian GLOBCNT)")
    exchange("2.2.13.13", name, r, s, "RopGetLocalReplicaIds reserving 512 IDs")
    f = rsp(0x7F, name, "InputHandleIndex", 0, 0x80040102)
    response_only(SUB, "oxcrops-2.2.13.13-ropgetlocalreplicaids-failure-response",
                  SRC + " 2.2.13.13.3", [r], [IN], [f], [IN],
                  "RopGetLocalReplicaIds failure (0x80040102 NotSupported): no ReplGuid or "
                  "GlobalCount")

    structures()


def structures():
    """[MS-OXCFXICS] 2.2.2 structures."""
    src = "project vector, built from [MS-OXCFXICS] 2.2.2"
    v = V()
    v.f(bytes([0x04]), "Push (0x04): 4 bytes on the common byte stack")
    v.f(bytes([0, 0, 0, 0]), "CommonBytes = 00 00 00 00", 1)
    v.f(bytes([0x52]), "Range (0x52): 2-byte LowValue and HighValue")
    v.f(bytes([0x00, 0x01]), "LowValue = 00 01 (GLOBCNT 0x1)", 1)
    v.f(bytes([0x00, 0x20]), "HighValue = 00 20 (GLOBCNT 0x20)", 1)
    v.f(bytes([0x01]), "Push (0x01): a fifth byte", )
    v.f(bytes([0x01]), "CommonBytes = 01", 1)
    v.f(bytes([0x42]), "Bitmask (0x42)")
    v.f(bytes([0x10]), "StartingValue = 0x10 (GLOBCNT 0x110)", 1)
    v.f(bytes([0x0B]), "Bitmask = 0x0B: 0x111, 0x112, 0x114 (ranges 0x110-0x112, 0x114)", 1)
    v.f(bytes([0x50]), "Pop (0x50): removes 01")
    v.f(bytes([0x02]), "Push (0x02): 2 more bytes, 6 in all: a singleton")
    v.f(bytes([0x03, 0x00]), "CommonBytes = 03 00 (GLOBCNT 0x300; popped at once)", 1)
    v.f(bytes([0x50]), "Pop (0x50): removes 00 00 00 00")
    v.f(bytes([0x00]), "End (0x00)")
    write("project", "oxcfxics-2.2.2.6-globset", "globset", src + ".6", v,
          "A GLOBSET with every command: Push, Range, Bitmask, a 6-byte singleton Push, Pop, End")

    v = V()
    for repl, lo, hi in [(1, 0x10, 0x1F), (5, 0x2000, 0x2000)]:
        v.f(u16(repl), f"REPLID = 0x{repl:04X}")
        g = bytearray()
        if lo == hi:
            g += bytes([0x06]) + lo.to_bytes(6, "big")
            v.f(bytes(g), f"GLOBSET: Push (0x06) GLOBCNT 0x{lo:X} (singleton), then End", 1)
        else:
            g += bytes([0x05, 0, 0, 0, 0, 0, 0x52, lo & 0xFF, hi & 0xFF, 0x50])
            v.f(bytes(g), f"GLOBSET: Push 5 zero bytes, Range 0x{lo:X}-0x{hi:X}, Pop, then End", 1)
        v.f(bytes([0x00]), "GLOBSET End (0x00)", 1)
    write("project", "oxcfxics-2.2.2.4.1-idset-replid", "idset-replid", src + ".4.1", v,
          "An IDSET with REPLIDs: two (REPLID, GLOBSET) pairs")

    v = V()
    v.f(GUID_A, "REPLGUID")
    v.f(bytes([0x04, 0, 0, 0, 0, 0x52, 0x00, 0x01, 0x03, 0xE8, 0x50, 0x00]),
        "GLOBSET: Push 4 zero bytes, Range 0x1-0x3E8, Pop, End", 1)
    v.f(GUID_B, "REPLGUID")
    v.f(bytes([0x00]), "GLOBSET: End alone (no IDs)", 1)
    write("project", "oxcfxics-2.2.2.4.2-idset-replguid", "idset-replguid", src + ".4.2", v,
          "An IDSET with REPLGUIDs, ordered by REPLGUID: two pairs")

    v = V()
    v.f(bytes([22]), "SizedXid[0].XidSize = 22")
    v.f(GUID_A, "SizedXid[0].XID.NamespaceGuid", 1)
    v.f((0x2001).to_bytes(6, "big"), "SizedXid[0].XID.LocalId (6 bytes)", 1)
    v.f(bytes([20]), "SizedXid[1].XidSize = 20")
    v.f(GUID_B, "SizedXid[1].XID.NamespaceGuid", 1)
    v.f(bytes([0, 0, 0, 7]), "SizedXid[1].XID.LocalId (4 bytes)", 1)
    write("project", "oxcfxics-2.2.2.3-pcl", "pcl", src + ".3", v,
          "A PredecessorChangeList of two SizedXids of different sizes")


if __name__ == "__main__":
    main()
