#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.12 (Fast Transfer ROPs) and of the FastTransfer stream of
[MS-OXCFXICS] 2.2.4, spelled out from the specs; see ropgen.py for the buffer layout.

Section numbers follow [MS-OXCROPS]: 2.2.12.1 DestinationConfigure, .2 DestinationPutBuffer,
.3 DestinationPutBufferExtended, .4 SourceGetBuffer, .5 SourceCopyFolder, .6 SourceCopyMessages,
.7 SourceCopyTo, .8 SourceCopyProperties, .9 TellVersion.
"""
import os

from ropgen import ROOT, V, u8, u16, u32, u64, utf16z, buffer, pair, write

SRC = "project vector, built from [MS-OXCROPS]"
FT = "project vector, built from [MS-OXCFXICS] 2.2.4"


def ok(rop_id, name, hidx, field="InputHandleIndex"):
    v = V().f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    v.f(u8(hidx), f"{field} = {hidx}").f(u32(0), "ReturnValue = 0x00000000 (success)")
    return v


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


def write_stream(name, source, v, note, splits=()):
    """An `ftstream` vector; `splits` cut the stream into buffers (as GetBuffer delivers it)."""
    path = os.path.join(ROOT, name + ".toml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = v.bytes()
    lines = ["# " + note, "# Field by field:"]
    lines += [f"#   {'  ' * d}{b.hex():<24} {c}" for b, c, d in v.fields]
    lines.append('kind = "ftstream"')
    lines.append(f'source = "{source}"')
    if splits:
        lines.append("splits = [" + ", ".join(str(s) for s in splits) + "]")
    lines.append('hex = """')
    lines += [data[i:i + 32].hex() for i in range(0, len(data), 32)]
    lines.append('"""')
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    # 2.2.12.1 RopFastTransferDestinationConfigure: upload into the folder in slot 0.
    req = V().f(u8(0x53), "RopId = 0x53 (RopFastTransferDestinationConfigure)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the destination folder)")
    req.f(u8(1), "OutputHandleIndex = 1 (the upload context)")
    req.f(u8(0x03), "SourceOperation = 0x03 (CopyMessages)").f(u8(0x00), "CopyFlags = 0x00")
    resp = ok(0x53, "RopFastTransferDestinationConfigure", 1, "OutputHandleIndex")
    pair("project", "oxcrops-2.2.12.1-ropfasttransferdestinationconfigure", SRC + " 2.2.12.1",
         [req], [0x00000022, 0xFFFFFFFF], [resp], [0x00000022, 0x00000023],
         "RopFastTransferDestinationConfigure creating an upload context on a folder")

    # 2.2.12.2 RopFastTransferDestinationPutBuffer: one buffer of stream.
    req = V().f(u8(0x54), "RopId = 0x54 (RopFastTransferDestinationPutBuffer)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the upload context)")
    transfer_data(req, "TransferData")
    n = len(ft_bytes())
    resp = ok(0x54, "RopFastTransferDestinationPutBuffer", 0)
    resp.f(u16(0x0001), "TransferStatus = 0x0001 (clients ignore it)")
    resp.f(u16(0), "InProgressCount = 0").f(u16(1), "TotalStepCount = 1")
    resp.f(u8(0), "Reserved = 0x00").f(u16(n), f"BufferUsedSize = {n} (all of TransferData)")
    pair("project", "oxcrops-2.2.12.2-ropfasttransferdestinationputbuffer", SRC + " 2.2.12.2",
         [req], [0x00000023], [resp], [0x00000023],
         "RopFastTransferDestinationPutBuffer uploading a whole message stream")
    # Failure: the same fields follow any ReturnValue (BufferUsedSize may be less).
    f = V().f(u8(0x54), "RopId = 0x54 (RopFastTransferDestinationPutBuffer)")
    f.f(u8(0), "InputHandleIndex = 0").f(u32(0x80040605), "ReturnValue = 0x80040605 (NotInitialized, a failure)")
    f.f(u16(0x0000), "TransferStatus = 0x0000").f(u16(0), "InProgressCount = 0")
    f.f(u16(0), "TotalStepCount = 0").f(u8(0), "Reserved = 0x00")
    f.f(u16(4), "BufferUsedSize = 4 (bytes used before the error)")
    write("project", "oxcrops-2.2.12.2-ropfasttransferdestinationputbuffer-failure-response",
          "rop-response-buffer", SRC + " 2.2.12.2.2",
          buffer([f], [0x00000023]),
          "RopFastTransferDestinationPutBuffer failing: the status fields follow every ReturnValue",
          request=buffer([req], [0x00000023]))

    # 2.2.12.3 RopFastTransferDestinationPutBufferExtended: 4-byte counts in the response.
    req = V().f(u8(0x9D), "RopId = 0x9D (RopFastTransferDestinationPutBufferExtended)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the upload context)")
    transfer_data(req, "TransferData")
    resp = ok(0x9D, "RopFastTransferDestinationPutBufferExtended", 0)
    resp.f(u16(0x0003), "TransferStatus = 0x0003 (clients ignore it)")
    resp.f(u32(0), "InProgressCount = 0 (4 bytes)").f(u32(1), "TotalStepCount = 1 (4 bytes)")
    resp.f(u8(0), "Reserved = 0x00").f(u16(n), f"BufferUsedSize = {n}")
    pair("project", "oxcrops-2.2.12.3-ropfasttransferdestinationputbufferextended",
         SRC + " 2.2.12.3", [req], [0x00000023], [resp], [0x00000023],
         "RopFastTransferDestinationPutBufferExtended uploading a whole message stream")

    # 2.2.12.4 RopFastTransferSourceGetBuffer: BufferSize 0xBABE, MaximumBufferSize follows.
    req = V().f(u8(0x4E), "RopId = 0x4E (RopFastTransferSourceGetBuffer)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the download context)")
    req.f(u16(0xBABE), "BufferSize = 0xBABE (the server chooses)")
    req.f(u16(0x7FFF), "MaximumBufferSize = 0x7FFF (present because BufferSize is 0xBABE)")
    resp = ok(0x4E, "RopFastTransferSourceGetBuffer", 0)
    resp.f(u16(0x0003), "TransferStatus = 0x0003 (Done)")
    resp.f(u16(1), "InProgressCount = 1").f(u16(1), "TotalStepCount = 1")
    resp.f(u8(0), "Reserved = 0x00")
    transfer_data(resp, "TransferBuffer")
    pair("project", "oxcrops-2.2.12.4-ropfasttransfersourcegetbuffer", SRC + " 2.2.12.4",
         [req], [0x00000031], [resp], [0x00000031],
         "RopFastTransferSourceGetBuffer returning the last part of a stream")
    # Without the sentinel: no MaximumBufferSize.
    r2 = V().f(u8(0x4E), "RopId = 0x4E (RopFastTransferSourceGetBuffer)")
    r2.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0")
    r2.f(u16(15480), "BufferSize = 15480 (not 0xBABE: no MaximumBufferSize)")
    write("project", "oxcrops-2.2.12.4-ropfasttransfersourcegetbuffer-buffersize-request",
          "rop-request-buffer", SRC + " 2.2.12.4.1", buffer([r2], [0x00000031]),
          "RopFastTransferSourceGetBuffer with an explicit BufferSize")
    # Failure with ecServerBusy: BackoffTime follows (2.2.12.4.3).
    f = V().f(u8(0x4E), "RopId = 0x4E (RopFastTransferSourceGetBuffer)")
    f.f(u8(0), "InputHandleIndex = 0").f(u32(0x00000480), "ReturnValue = 0x00000480 (ecServerBusy)")
    f.f(u32(2000), "BackoffTime = 2000 ms (present because ReturnValue is 0x00000480)")
    write("project", "oxcrops-2.2.12.4-ropfasttransfersourcegetbuffer-busy-response",
          "rop-response-buffer", SRC + " 2.2.12.4.3", buffer([f], [0x00000031]),
          "RopFastTransferSourceGetBuffer failing with ecServerBusy and a BackoffTime",
          request=buffer([req], [0x00000031]))
    f = V().f(u8(0x4E), "RopId = 0x4E (RopFastTransferSourceGetBuffer)")
    f.f(u8(0), "InputHandleIndex = 0").f(u32(0x80040115), "ReturnValue = 0x80040115 (ecNetwork: no BackoffTime)")
    write("project", "oxcrops-2.2.12.4-ropfasttransfersourcegetbuffer-failure-response",
          "rop-response-buffer", SRC + " 2.2.12.4.3", buffer([f], [0x00000031]),
          "RopFastTransferSourceGetBuffer failing with another error: nothing follows",
          request=buffer([req], [0x00000031]))

    # 2.2.12.5 RopFastTransferSourceCopyFolder.
    req = V().f(u8(0x4C), "RopId = 0x4C (RopFastTransferSourceCopyFolder)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the folder)")
    req.f(u8(1), "OutputHandleIndex = 1 (the download context)")
    req.f(u8(0x10), "CopyFlags = 0x10 (CopySubfolders)")
    req.f(u8(0x01), "SendOptions = 0x01 (Unicode)")
    resp = ok(0x4C, "RopFastTransferSourceCopyFolder", 1, "OutputHandleIndex")
    pair("project", "oxcrops-2.2.12.5-ropfasttransfersourcecopyfolder", SRC + " 2.2.12.5",
         [req], [0x00000022, 0xFFFFFFFF], [resp], [0x00000022, 0x00000031],
         "RopFastTransferSourceCopyFolder configuring a folder download")

    # 2.2.12.6 RopFastTransferSourceCopyMessages.
    req = V().f(u8(0x4B), "RopId = 0x4B (RopFastTransferSourceCopyMessages)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the folder)")
    req.f(u8(1), "OutputHandleIndex = 1 (the download context)")
    req.f(u16(2), "MessageIdCount = 2")
    req.f(u64(0x0100000000001A01), "MessageIds[0]: ReplicaId 0x1A01, GlobalCounter 0x000000000001 (big-endian)")
    req.f(u64(0x0100000000001B01), "MessageIds[1]: ReplicaId 0x1B01, GlobalCounter 0x000000000001 (big-endian)")
    req.f(u8(0x10), "CopyFlags = 0x10 (SendEntryId)").f(u8(0x03), "SendOptions = 0x03 (Unicode | UseCpid)")
    resp = ok(0x4B, "RopFastTransferSourceCopyMessages", 1, "OutputHandleIndex")
    pair("project", "oxcrops-2.2.12.6-ropfasttransfersourcecopymessages", SRC + " 2.2.12.6",
         [req], [0x00000022, 0xFFFFFFFF], [resp], [0x00000022, 0x00000031],
         "RopFastTransferSourceCopyMessages configuring a download of two messages")

    # 2.2.12.7 RopFastTransferSourceCopyTo: CopyFlags is 4 bytes.
    req = V().f(u8(0x4D), "RopId = 0x4D (RopFastTransferSourceCopyTo)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the message)")
    req.f(u8(1), "OutputHandleIndex = 1 (the download context)")
    req.f(u8(0), "Level = 0x00 (copy descendant subobjects)")
    req.f(u32(0x00002000), "CopyFlags = 0x00002000 (BestBody, 4 bytes)")
    req.f(u8(0x01), "SendOptions = 0x01 (Unicode)")
    req.f(u16(1), "PropertyTagCount = 1")
    req.f(u32(0x0E1B000B), "PropertyTags[0] = 0x0E1B000B PidTagHasAttachments (excluded)")
    resp = ok(0x4D, "RopFastTransferSourceCopyTo", 1, "OutputHandleIndex")
    pair("project", "oxcrops-2.2.12.7-ropfasttransfersourcecopyto", SRC + " 2.2.12.7",
         [req], [0x00000024, 0xFFFFFFFF], [resp], [0x00000024, 0x00000031],
         "RopFastTransferSourceCopyTo configuring a message download")

    # 2.2.12.8 RopFastTransferSourceCopyProperties: CopyFlags is 1 byte.
    req = V().f(u8(0x69), "RopId = 0x69 (RopFastTransferSourceCopyProperties)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the message)")
    req.f(u8(1), "OutputHandleIndex = 1 (the download context)")
    req.f(u8(1), "Level = 0x01 (exclude descendant subobjects)")
    req.f(u8(0x00), "CopyFlags = 0x00").f(u8(0x01), "SendOptions = 0x01 (Unicode)")
    req.f(u16(2), "PropertyTagCount = 2")
    req.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F PidTagSubject")
    req.f(u32(0x1000001F), "PropertyTags[1] = 0x1000001F PidTagBody")
    resp = ok(0x69, "RopFastTransferSourceCopyProperties", 1, "OutputHandleIndex")
    pair("project", "oxcrops-2.2.12.8-ropfasttransfersourcecopyproperties", SRC + " 2.2.12.8",
         [req], [0x00000024, 0xFFFFFFFF], [resp], [0x00000024, 0x00000031],
         "RopFastTransferSourceCopyProperties configuring a download of two properties")

    # 2.2.12.9 RopTellVersion.
    req = V().f(u8(0x86), "RopId = 0x86 (RopTellVersion)")
    req.f(u8(0), "LogonId = 0").f(u8(0), "InputHandleIndex = 0 (the FastTransfer context)")
    req.f(u16(15) + u16(0) + u16(1497), "Version = 15.0.1497 (three 16-bit values)")
    resp = ok(0x86, "RopTellVersion", 0)
    pair("project", "oxcrops-2.2.12.9-roptellversion", SRC + " 2.2.12.9",
         [req], [0x00000031], [resp], [0x00000031],
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
    write_stream("project/oxcfxics-2.2.4-ftstream-message", FT, v,
                 "A message with a named property, multi-valued values, a recipient and an attachment")
    # The same stream cut in three buffers: inside the named property's GUID and inside the
    # attachment bytes (a GetBuffer split may fall anywhere).
    write_stream("project/oxcfxics-2.2.4-ftstream-message-split", FT + " (split into buffers)",
                 v, "The same message stream delivered in three buffers cut mid-element",
                 splits=[30, total - 14])

    # MetaTagIdsetGiven: the tag says PtypInteger32, the value is PtypBinary (2.2.1.1.1).
    v = V()
    v.f(u32(0x403A0003), "marker IncrSyncStateBegin 0x403A0003")
    v.f(u32(0x40170003), "PropertyTag 0x40170003 MetaTagIdsetGiven (serialized as PtypBinary, 3.3.5.13)")
    v.f(u32(3), "  length = 3").f(bytes([1, 2, 3]), "  3 bytes")
    v.f(u32(0x40160003), "PropertyTag 0x40160003 MetaTagFXDelProp (PtypInteger32)")
    v.f(u32(0x0E130102), "  value = 0x0E130102 (PidTagMessageAttachments)")
    v.f(u32(0x403B0003), "marker IncrSyncStateEnd 0x403B0003")
    write_stream("project/oxcfxics-2.2.4-ftstream-meta", FT, v,
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
    write_stream("ms-oxcfxics/blog-2015-ftstream-incrsyncchg",
                 "Microsoft Open Specifications blog, 'MS-OXCFXICS - How to parse the "
                 "FastTransfer Stream' (2015-09-16), sample data transcribed by hand", v,
                 "The start of a hierarchy sync stream (one folder change) from the "
                 "[MS-OXCFXICS] blog walkthrough; not a section 4 example")


if __name__ == "__main__":
    main()
