#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.12 (Fast Transfer ROPs) and of the FastTransfer stream of
[MS-OXCFXICS] 2.2.4, spelled out from the specs; see ropgen.py for the buffer layout.

Section numbers follow [MS-OXCROPS]: 2.2.12.1 DestinationConfigure, .2 DestinationPutBuffer,
.3 DestinationPutBufferExtended, .4 SourceGetBuffer, .5 SourceCopyFolder, .6 SourceCopyMessages,
.7 SourceCopyTo, .8 SourceCopyProperties, .9 TellVersion.
"""
from ropgen import V, pair, request, request_only, response, response_only, u8, u16, u32, u64
from ropgen import utf16z, write

SRC = "project vector, built from [MS-OXCROPS]"
FT = "project vector, built from [MS-OXCFXICS] 2.2.4"
FREE = 0xFFFFFFFF  # an output slot of a request
DOWNLOAD = "the download context"


def ok(rop_id, name, hidx, field="InputHandleIndex"):
    return response(rop_id, name, field, hidx, 0, "success")


def stem(sec, name, suffix=""):
    return f"oxcrops-{sec}-{name.lower()}{suffix}"


# ---- a small FastTransfer stream ([MS-OXCFXICS] 2.2.4), used as TransferData/TransferBuffer ----

def ft_message(v, d=0):
    """StartMessage, PidTagSubject (PtypString) "Hi", PidTagImportance (PtypInteger32) 1,
    EndMessage: markers of 2.2.4.1.4, values as 2.2.4.3.21 propValue lays them out."""
    v.f(u32(0x400C0003), "marker StartMessage 0x400C0003 (2.2.4.1.4)", d)
    v.f(u32(0x0037001F), "propValue: PropertyTag 0x0037001F PidTagSubject (PtypString)", d)
    v.f(u32(6), "  length = 6 (UTF-16LE with the null terminator)", d)
    v.f(utf16z("Hi"), '  value "Hi\\0"', d)
    v.f(u32(0x00170003), "propValue: PropertyTag 0x00170003 PidTagImportance (PtypInteger32)", d)
    v.f(u32(1), "  value = 1 (normal)", d)
    v.f(u32(0x400D0003), "marker EndMessage 0x400D0003", d)
    return v


def ft_bytes():
    return ft_message(V()).bytes()


def transfer_data(v, label):
    """TransferData / TransferBuffer with its 2-byte size, the stream spelled out."""
    data = ft_bytes()
    v.f(u16(len(data)), f"{label}Size = {len(data)}")
    ft_message(v, 1)
    return v


def transfer_status(v, status, note, in_progress, total, width=2):
    """TransferStatus, InProgressCount and TotalStepCount (2 bytes, or 4 in the Extended ROP),
    Reserved: the progress fields of the buffer ROPs' responses."""
    v.f(u16(status), f"TransferStatus = 0x{status:04X}" + (f" ({note})" if note else ""))
    pack, size = (u16, "") if width == 2 else (u32, " (4 bytes)")
    v.f(pack(in_progress), f"InProgressCount = {in_progress}{size}")
    v.f(pack(total), f"TotalStepCount = {total}{size}")
    return v.f(u8(0), "Reserved = 0x00")


def configure(sec, rid, name, target, context, fields, handles, note):
    """A ROP that opens a FastTransfer `context` on `target`, the object at index 0; the
    context goes to index 1. `handles` is the response's handle table."""
    req = request(rid, name, ("InputHandleIndex", 0, target), ("OutputHandleIndex", 1, context))
    pair("project", stem(sec, name), f"{SRC} {sec}", [req.rows(fields)], [handles[0], FREE],
         [ok(rid, name, 1, "OutputHandleIndex")], handles, note)


def level_and_tags(level, level_note, copy_flags, tags):
    """The request fields of RopFastTransferSourceCopyTo / CopyProperties after the handle
    indexes: Level, CopyFlags (bytes, comment), SendOptions Unicode, PropertyTagCount and the
    PropertyTags, each (tag, name)."""
    rows = [(u8(level), f"Level = 0x{level:02X} ({level_note})"), copy_flags,
            (u8(0x01), "SendOptions = 0x01 (Unicode)"),
            (u16(len(tags)), f"PropertyTagCount = {len(tags)}")]
    return rows + [(u32(t), f"PropertyTags[{i}] = 0x{t:08X} {n}") for i, (t, n) in enumerate(tags)]


def put_buffer(sec, rid, name, status, width, note):
    """RopFastTransferDestinationPutBuffer(Extended): one buffer of stream uploaded."""
    req = request(rid, name, ("InputHandleIndex", 0, "the upload context"))
    transfer_data(req, "TransferData")
    n = len(ft_bytes())
    resp = transfer_status(ok(rid, name, 0), status, "clients ignore it", 0, 1, width)
    resp.f(u16(n), f"BufferUsedSize = {n}" + (" (all of TransferData)" if width == 2 else ""))
    pair("project", stem(sec, name), f"{SRC} {sec}", [req], [0x00000023], [resp], [0x00000023],
         note)
    return req


def buffers():
    # 2.2.12.2 RopFastTransferDestinationPutBuffer: one buffer of stream.
    sec, name = "2.2.12.2", "RopFastTransferDestinationPutBuffer"
    req = put_buffer(sec, 0x54, name, 0x0001, 2,
                     "RopFastTransferDestinationPutBuffer uploading a whole message stream")
    # Failure: the same fields follow any ReturnValue (BufferUsedSize may be less).
    f = response(0x54, name, "InputHandleIndex", 0, 0x80040605, "NotInitialized, a failure")
    transfer_status(f, 0x0000, None, 0, 0)
    f.f(u16(4), "BufferUsedSize = 4 (bytes used before the error)")
    response_only("project", stem(sec, name, "-failure-response"), f"{SRC} {sec}.2", [req],
                  [0x00000023], [f], [0x00000023],
                  "RopFastTransferDestinationPutBuffer failing: the status fields follow every "
                  "ReturnValue")

    # 2.2.12.3 RopFastTransferDestinationPutBufferExtended: 4-byte counts in the response.
    put_buffer("2.2.12.3", 0x9D, "RopFastTransferDestinationPutBufferExtended", 0x0003, 4,
               "RopFastTransferDestinationPutBufferExtended uploading a whole message stream")

    # 2.2.12.4 RopFastTransferSourceGetBuffer: BufferSize 0xBABE, MaximumBufferSize follows.
    sec, rid, name = "2.2.12.4", 0x4E, "RopFastTransferSourceGetBuffer"
    req = request(rid, name, ("InputHandleIndex", 0, "the download context"))
    req.f(u16(0xBABE), "BufferSize = 0xBABE (the server chooses)")
    req.f(u16(0x7FFF), "MaximumBufferSize = 0x7FFF (present because BufferSize is 0xBABE)")
    resp = transfer_status(ok(rid, name, 0), 0x0003, "Done", 1, 1)
    transfer_data(resp, "TransferBuffer")
    pair("project", stem(sec, name), f"{SRC} {sec}", [req], [0x00000031], [resp], [0x00000031],
         "RopFastTransferSourceGetBuffer returning the last part of a stream")
    # Without the sentinel: no MaximumBufferSize.
    r2 = request(rid, name, ("InputHandleIndex", 0))
    r2.f(u16(15480), "BufferSize = 15480 (not 0xBABE: no MaximumBufferSize)")
    request_only("project", stem(sec, name, "-buffersize-request"), f"{SRC} {sec}.1", [r2],
                 [0x00000031], "RopFastTransferSourceGetBuffer with an explicit BufferSize")
    # Failure with ecServerBusy: BackoffTime follows (2.2.12.4.3).
    for suffix, rv, rv_name, fields, note in [
        ("-busy-response", 0x00000480, "ecServerBusy",
         [(u32(2000), "BackoffTime = 2000 ms (present because ReturnValue is 0x00000480)")],
         "RopFastTransferSourceGetBuffer failing with ecServerBusy and a BackoffTime"),
        ("-failure-response", 0x80040115, "ecNetwork: no BackoffTime", [],
         "RopFastTransferSourceGetBuffer failing with another error: nothing follows"),
    ]:
        f = response(rid, name, "InputHandleIndex", 0, rv, rv_name).rows(fields)
        response_only("project", stem(sec, name, suffix), f"{SRC} {sec}.3", [req], [0x00000031],
                      [f], [0x00000031], note)


def main():
    # 2.2.12.1 RopFastTransferDestinationConfigure: upload into the folder in slot 0.
    configure("2.2.12.1", 0x53, "RopFastTransferDestinationConfigure", "the destination folder",
              "the upload context",
              [(u8(0x03), "SourceOperation = 0x03 (CopyMessages)"), (u8(0x00), "CopyFlags = 0x00")],
              [0x00000022, 0x00000023],
              "RopFastTransferDestinationConfigure creating an upload context on a folder")
    buffers()
    # 2.2.12.5 RopFastTransferSourceCopyFolder.
    configure("2.2.12.5", 0x4C, "RopFastTransferSourceCopyFolder", "the folder", DOWNLOAD,
              [(u8(0x10), "CopyFlags = 0x10 (CopySubfolders)"),
               (u8(0x01), "SendOptions = 0x01 (Unicode)")],
              [0x00000022, 0x00000031],
              "RopFastTransferSourceCopyFolder configuring a folder download")
    # 2.2.12.6 RopFastTransferSourceCopyMessages.
    configure("2.2.12.6", 0x4B, "RopFastTransferSourceCopyMessages", "the folder", DOWNLOAD,
              [(u16(2), "MessageIdCount = 2"),
               (u64(0x0100000000001A01),
                "MessageIds[0]: ReplicaId 0x1A01, GlobalCounter 0x000000000001 (big-endian)"),
               (u64(0x0100000000001B01),
                "MessageIds[1]: ReplicaId 0x1B01, GlobalCounter 0x000000000001 (big-endian)"),
               (u8(0x10), "CopyFlags = 0x10 (SendEntryId)"),
               (u8(0x03), "SendOptions = 0x03 (Unicode | UseCpid)")],
              [0x00000022, 0x00000031],
              "RopFastTransferSourceCopyMessages configuring a download of two messages")
    # 2.2.12.7 RopFastTransferSourceCopyTo: CopyFlags is 4 bytes.
    configure("2.2.12.7", 0x4D, "RopFastTransferSourceCopyTo", "the message", DOWNLOAD,
              level_and_tags(0, "copy descendant subobjects",
                             (u32(0x00002000), "CopyFlags = 0x00002000 (BestBody, 4 bytes)"),
                             [(0x0E1B000B, "PidTagHasAttachments (excluded)")]),
              [0x00000024, 0x00000031],
              "RopFastTransferSourceCopyTo configuring a message download")
    # 2.2.12.8 RopFastTransferSourceCopyProperties: CopyFlags is 1 byte.
    configure("2.2.12.8", 0x69, "RopFastTransferSourceCopyProperties", "the message", DOWNLOAD,
              level_and_tags(1, "exclude descendant subobjects", (u8(0x00), "CopyFlags = 0x00"),
                             [(0x0037001F, "PidTagSubject"), (0x1000001F, "PidTagBody")]),
              [0x00000024, 0x00000031],
              "RopFastTransferSourceCopyProperties configuring a download of two properties")

    # 2.2.12.9 RopTellVersion.
    req = request(0x86, "RopTellVersion", ("InputHandleIndex", 0, "the FastTransfer context"))
    req.f(u16(15) + u16(0) + u16(1497), "Version = 15.0.1497 (three 16-bit values)")
    pair("project", "oxcrops-2.2.12.9-roptellversion", SRC + " 2.2.12.9",
         [req], [0x00000031], [ok(0x86, "RopTellVersion", 0)], [0x00000031],
         "RopTellVersion giving the other server's version")

    # ---- FastTransfer streams ----
    v = V()
    v.f(u32(0x400C0003), "marker StartMessage 0x400C0003")
    v.f(u32(0x0037001F), "PropertyTag 0x0037001F PidTagSubject (PtypString)")
    v.f(u32(6), "  length = 6").f(utf16z("Hi"), '  "Hi\\0"')
    v.f(u32(0x0E1B000B), "PropertyTag 0x0E1B000B PidTagHasAttachments (PtypBoolean)")
    v.f(u16(1), "  value = 1 (PtypBoolean takes 2 bytes in a FastTransfer stream)")
    v.f(u32(0x8001001F), "PropertyTag 0x8001001F (named, id >= 0x8000, PtypString)")
    v.f(bytes.fromhex("0820060000000000c000000000000046"), "  PropertySet = PS_PUBLIC_STRINGS {00062008-0000-0000-C000-000000000046}")
    v.f(u8(1), "  kind = 0x01 (name)").f(utf16z("Keywords"), '  name "Keywords" (null-terminated UTF-16)')
    v.f(u32(4), "  length = 4").f(utf16z("A"), '  "A\\0"')
    v.f(u32(0x80020003), "PropertyTag 0x80020003 (named, PtypInteger32)")
    v.f(bytes.fromhex("0820060000000000c000000000000046"), "  PropertySet (GUID)")
    v.f(u8(0), "  kind = 0x00 (dispid)").f(u32(0x8501), "  dispid = 0x00008501")
    v.f(u32(5), "  value = 5")
    v.f(u32(0x6000101F), "PropertyTag 0x6000101F (PtypMultipleString)")
    v.f(u32(2), "  count = 2")
    v.f(u32(4), "  [0] length = 4").f(utf16z("x"), '  [0] "x\\0"')
    v.f(u32(2), "  [1] length = 2").f(utf16z(""), '  [1] "\\0"')
    v.f(u32(0x60011003), "PropertyTag 0x60011003 (PtypMultipleInteger32)")
    v.f(u32(2), "  count = 2").f(u32(7), "  [0] = 7").f(u32(8), "  [1] = 8")
    v.f(u32(0x40030003), "marker StartRecip 0x40030003")
    v.f(u32(0x3001001E), "PropertyTag 0x3001001E PidTagDisplayName (PtypString8)")
    v.f(u32(4), "  length = 4").f(b"Bob\0", '  "Bob\\0" (8-bit, code page bytes)')
    v.f(u32(0x40040003), "marker EndToRecip 0x40040003")
    v.f(u32(0x40000003), "marker NewAttach 0x40000003")
    v.f(u32(0x0E210003), "PropertyTag 0x0E210003 PidTagAttachNumber (PtypInteger32)")
    v.f(u32(0), "  value = 0")
    v.f(u32(0x37010102), "PropertyTag 0x37010102 PidTagAttachDataBinary (PtypBinary)")
    v.f(u32(10), "  length = 10").f(bytes(range(10)), "  10 bytes")
    v.f(u32(0x400E0003), "marker EndAttach 0x400E0003")
    v.f(u32(0x400D0003), "marker EndMessage 0x400D0003")
    total = len(v.bytes())
    write_stream("project", "oxcfxics-2.2.4-ftstream-message", FT, v,
                 "A message with a named property, multi-valued values, a recipient and an attachment")
    # The same stream cut in three buffers: inside the named property's GUID and inside the
    # attachment bytes (a GetBuffer split may fall anywhere).
    write_stream("project", "oxcfxics-2.2.4-ftstream-message-split", FT + " (split into buffers)",
                 v, "The same message stream delivered in three buffers cut mid-element",
                 [30, total - 14])

    # MetaTagIdsetGiven: the tag says PtypInteger32, the value is PtypBinary (2.2.1.1.1).
    v = V()
    v.f(u32(0x403A0003), "marker IncrSyncStateBegin 0x403A0003")
    v.f(u32(0x40170003), "PropertyTag 0x40170003 MetaTagIdsetGiven (serialized as PtypBinary, 3.3.5.13)")
    v.f(u32(3), "  length = 3").f(bytes([1, 2, 3]), "  3 bytes")
    v.f(u32(0x40160003), "PropertyTag 0x40160003 MetaTagFXDelProp (PtypInteger32)")
    v.f(u32(0x0E130102), "  value = 0x0E130102 (PidTagMessageAttachments)")
    v.f(u32(0x403B0003), "marker IncrSyncStateEnd 0x403B0003")
    write_stream("project", "oxcfxics-2.2.4-ftstream-meta", FT, v,
                 "Meta-properties: MetaTagIdsetGiven read as binary, MetaTagFXDelProp")

    # The sample of the Microsoft Open Specifications blog "MS-OXCFXICS - How to parse the
    # FastTransfer Stream" (2015), transcribed by hand.
    g = bytes.fromhex("52f685ec7d432e4aa960345088 53d90a".replace(" ", ""))
    v = V()
    v.f(u32(0x40120003), "marker IncrSyncChg 0x40120003")
    v.f(u32(0x65E10102), "PropertyTag 0x65E10102 PidTagParentSourceKey (PtypBinary)")
    v.f(u32(0), "  length = 0")
    v.f(u32(0x65E00102), "PropertyTag 0x65E00102 PidTagSourceKey (PtypBinary)")
    v.f(u32(22), "  length = 22").f(g + bytes.fromhex("0000000003f5"), "  GUID + 6-byte id")
    v.f(u32(0x30080040), "PropertyTag 0x30080040 PidTagLastModificationTime (PtypTime)")
    v.f(bytes.fromhex("00d09ea88185d001"), "  FILETIME")
    v.f(u32(0x65E20102), "PropertyTag 0x65E20102 PidTagChangeKey (PtypBinary)")
    v.f(u32(22), "  length = 22").f(g + bytes.fromhex("00000000207c"), "  GUID + 6-byte id")
    v.f(u32(0x65E30102), "PropertyTag 0x65E30102 PidTagPredecessorChangeList (PtypBinary)")
    v.f(u32(23), "  length = 23").f(bytes([0x16]) + g + bytes.fromhex("00000000207c"),
                                    "  size 0x16 + XID")
    v.f(u32(0x3001001F), "PropertyTag 0x3001001F PidTagDisplayName (PtypString)")
    v.f(u32(12), "  length = 12").f(utf16z("INBOX"), '  "INBOX\\0"')
    v.f(u32(0x67490014), "PropertyTag 0x67490014 PidTagParentFolderId (PtypInteger64)")
    v.f(bytes.fromhex("01000000000003f4"), "  value (8 bytes)")
    v.f(u32(0x66390003), "PropertyTag 0x66390003 PidTagRights (PtypInteger32)")
    v.f(bytes.fromhex("fb030000"), "  value = 0x000003FB")
    v.f(u32(0x30070040), "PropertyTag 0x30070040 PidTagCreationTime (PtypTime)")
    v.f(bytes.fromhex("803906a88185d001"), "  FILETIME")
    v.f(u32(0x10F4000B), "PropertyTag 0x10F4000B PidTagAttributeHidden (PtypBoolean)")
    v.f(bytes.fromhex("0000"), "  value = 0 (PtypBoolean: 2 bytes in the stream)")
    assert len(v.bytes()) == 0xAD
    write_stream("ms-oxcfxics", "blog-2015-ftstream-incrsyncchg",
                 "Microsoft Open Specifications blog, 'MS-OXCFXICS - How to parse the "
                 "FastTransfer Stream' (2015-09-16), sample data transcribed by hand", v,
                 "The start of a hierarchy sync stream (one folder change) from the "
                 "[MS-OXCFXICS] blog walkthrough; not a section 4 example")


def write_stream(sub, name, source, v, note, splits=()):
    """An `ftstream` vector; `splits` cut the stream into buffers (as GetBuffer delivers it)."""
    write(sub, name, "ftstream", source, v, note, splits=splits)


if __name__ == "__main__":
    main()
