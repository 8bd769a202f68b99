#!/usr/bin/env python3
"""Vectors of the Property ROPs ([MS-OXCROPS] 2.2.8) and Stream ROPs ([MS-OXCROPS] 2.2.9).

Every field is spelled out from [MS-OXCROPS] (field meanings from [MS-OXCPRPT]); the Rust code
is not consulted. Writes testdata/vectors/project/oxcrops-2.2.8.*-*.toml and
oxcrops-2.2.9.*-*.toml (request buffer + response buffer for each ROP, failure layouts with
fields as extra response vectors) and the [MS-OXCPRPT] section 4 examples under
testdata/vectors/ms-oxcprpt/. Run it from anywhere; it rewrites the files.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ropgen import V, buffer, pair, write, u8, u16, u32, u64, utf16z  # noqa: E402

SUB = "project"
SRC = "project vector, built from [MS-OXCROPS]"

# PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046} and PSETID_Common
# {00062008-0000-0000-C000-000000000046}, in the GUID's wire order ([MS-OXPROPS] 1.3.2).
PS_PUBLIC_STRINGS = bytes.fromhex("2903020000000000c000000000000046")
PSETID_COMMON = bytes.fromhex("0820060000000000c000000000000046")

NULL = 0xFFFFFFFF  # request output slot, to be filled by the server


def hdr_req(v, rop_id, name, logon=0, **handles):
    v.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    v.f(u8(logon), f"LogonId = {logon}")
    for field, idx in handles.items():
        v.f(u8(idx), f"{field} = {idx}")
    return v


def hdr_resp(v, rop_id, name, handle_field, idx, rv, rv_name):
    v.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    v.f(u8(idx), f"{handle_field} = {idx}")
    v.f(u32(rv), f"ReturnValue = 0x{rv:08X} ({rv_name})")
    return v


def prop_name_lid(v, guid, guid_name, lid, d=1):
    v.f(u8(0x00), "PropertyName.Kind = 0x00 (MNID_ID)", d)
    v.f(guid, f"PropertyName.GUID = {guid_name}", d)
    v.f(u32(lid), f"PropertyName.LID = 0x{lid:08X}", d)


def prop_name_string(v, guid, guid_name, name, d=1):
    b = utf16z(name)
    v.f(u8(0x01), "PropertyName.Kind = 0x01 (MNID_STRING)", d)
    v.f(guid, f"PropertyName.GUID = {guid_name}", d)
    v.f(u8(len(b)), f"PropertyName.NameSize = {len(b)} (bytes of Name, terminator included)", d)
    v.f(b, f'PropertyName.Name = "{name}" (UTF-16LE + 0x0000)', d)


def response_only(stem, source, req, resp_rops, resp_handles, note):
    """A response buffer vector (for a failure layout) answering the request buffer `req`."""
    resp = buffer(resp_rops, resp_handles)
    write(SUB, stem + "-response", "rop-response-buffer", source, resp, note + " (response)",
          request=req)


def problem(v, index, tag, tag_name, code, code_name, d=1):
    v.f(u16(index), f"PropertyProblem.Index = {index}", d)
    v.f(u32(tag), f"PropertyProblem.PropertyTag = 0x{tag:08X} ({tag_name})", d)
    v.f(u32(code), f"PropertyProblem.ErrorCode = 0x{code:08X} ({code_name})", d)


# ---------------------------------------------------------------- 2.2.8 Property ROPs

def get_property_ids_from_names():
    sec = "2.2.8.1"
    q = hdr_req(V(), 0x56, "RopGetPropertyIdsFromNames", InputHandleIndex=0)
    q.f(u8(0x02), "Flags = 0x02 (create entries for names not yet mapped)")
    q.f(u16(2), "PropertyNameCount = 2")
    prop_name_lid(q, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_string(q, PS_PUBLIC_STRINGS, "PS_PUBLIC_STRINGS", "Keywords")
    r = hdr_resp(V(), 0x56, "RopGetPropertyIdsFromNames", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(2), "PropertyIdCount = 2")
    r.f(u16(0x8001), "PropertyIds[0] = 0x8001")
    r.f(u16(0x8002), "PropertyIds[1] = 0x8002")
    note = "RopGetPropertyIdsFromNames on a Message object: one MNID_ID and one MNID_STRING name"
    pair(SUB, f"oxcrops-{sec}-ropgetpropertyidsfromnames", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041], note)
    # ErrorsReturned: the success layout follows the warning; an unmapped name gets 0x0000.
    w = hdr_resp(V(), 0x56, "RopGetPropertyIdsFromNames", "InputHandleIndex", 0, 0x00040380,
                 "ErrorsReturned, ecWarnWithErrors")
    w.f(u16(2), "PropertyIdCount = 2")
    w.f(u16(0x8001), "PropertyIds[0] = 0x8001")
    w.f(u16(0x0000), "PropertyIds[1] = 0x0000 (name could not be mapped)")
    response_only(f"oxcrops-{sec}-ropgetpropertyidsfromnames-warning",
                  f"{SRC} {sec}.2, [MS-OXCPRPT] 2.2.12.2", buffer([q], [0x00000041]), [w],
                  [0x00000041],
                  "RopGetPropertyIdsFromNames answered with the ErrorsReturned warning, which keeps"
                  " the success fields")


def get_names_from_property_ids():
    sec = "2.2.8.2"
    q = hdr_req(V(), 0x55, "RopGetNamesFromPropertyIds", InputHandleIndex=0)
    q.f(u16(3), "PropertyIdCount = 3")
    q.f(u16(0x8001), "PropertyIds[0] = 0x8001")
    q.f(u16(0x8002), "PropertyIds[1] = 0x8002")
    q.f(u16(0x8FFF), "PropertyIds[2] = 0x8FFF")
    r = hdr_resp(V(), 0x55, "RopGetNamesFromPropertyIds", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(3), "PropertyNameCount = 3")
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_string(r, PS_PUBLIC_STRINGS, "PS_PUBLIC_STRINGS", "Keywords")
    r.f(u8(0xFF), "PropertyName.Kind = 0xFF (no name for 0x8FFF)", 1)
    r.f(bytes(16), "PropertyName.GUID = {00000000-0000-0000-0000-000000000000}", 1)
    pair(SUB, f"oxcrops-{sec}-ropgetnamesfrompropertyids", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041],
         "RopGetNamesFromPropertyIds: two named IDs and one without a name")


def get_properties_specific():
    sec = "2.2.8.3"
    q = hdr_req(V(), 0x07, "RopGetPropertiesSpecific", InputHandleIndex=0)
    q.f(u16(0), "PropertySizeLimit = 0 (server default)")
    q.f(u16(1), "WantUnicode = 1")
    q.f(u16(3), "PropertyTagCount = 3")
    q.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F (PidTagSubject, PtypString)")
    q.f(u32(0x0E080003), "PropertyTags[1] = 0x0E080003 (PidTagMessageSize, PtypInteger32)")
    q.f(u32(0x3001001F), "PropertyTags[2] = 0x3001001F (PidTagDisplayName, PtypString)")
    r = hdr_resp(V(), 0x07, "RopGetPropertiesSpecific", "InputHandleIndex", 0, 0, "Success")
    r.f(u8(0x01), "RowData.Flag = 0x01 (FlaggedPropertyRow: one flag per value)")
    r.f(u8(0x00), "RowData.ValueArray[0].Flag = 0x00 (value follows)", 1)
    r.f(utf16z("Hi"), 'RowData.ValueArray[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)', 1)
    r.f(u8(0x00), "RowData.ValueArray[1].Flag = 0x00 (value follows)", 1)
    r.f(u32(1234), "RowData.ValueArray[1].PropertyValue = 1234", 1)
    r.f(u8(0x0A), "RowData.ValueArray[2].Flag = 0x0A (error code instead of the value)", 1)
    r.f(u32(0x8004010F), "RowData.ValueArray[2].PropertyValue = 0x8004010F (NotFound)", 1)
    pair(SUB, f"oxcrops-{sec}-ropgetpropertiesspecific", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041],
         "RopGetPropertiesSpecific: a FlaggedPropertyRow with two values and one error")


def get_properties_specific_unspecified():
    sec = "2.2.8.3"
    q = hdr_req(V(), 0x07, "RopGetPropertiesSpecific", InputHandleIndex=0)
    q.f(u16(0), "PropertySizeLimit = 0 (server default)")
    q.f(u16(0), "WantUnicode = 0 (strings asked as PtypUnspecified come back 8-bit)")
    q.f(u16(2), "PropertyTagCount = 2")
    q.f(u32(0x00370000), "PropertyTags[0] = 0x00370000 (PidTagSubject, PtypUnspecified)")
    q.f(u32(0x0E080003), "PropertyTags[1] = 0x0E080003 (PidTagMessageSize, PtypInteger32)")
    r = hdr_resp(V(), 0x07, "RopGetPropertiesSpecific", "InputHandleIndex", 0, 0, "Success")
    r.f(u8(0x00), "RowData.Flag = 0x00 (StandardPropertyRow)")
    r.f(u16(0x001E), "RowData.ValueArray[0].PropertyType = 0x001E (PtypString8: "
        "TypedPropertyValue for the PtypUnspecified column)", 1)
    r.f(b"Hi\0", 'RowData.ValueArray[0].PropertyValue = "Hi" (8-bit + 0x00)', 1)
    r.f(u32(1234), "RowData.ValueArray[1] = 1234 (PropertyValue)", 1)
    pair(SUB, f"oxcrops-{sec}-ropgetpropertiesspecific-unspecified", f"{SRC} {sec}, "
         "[MS-OXCPRPT] 3.2.5.1", [q], [0x00000041], [r], [0x00000041],
         "RopGetPropertiesSpecific with a PtypUnspecified tag and WantUnicode 0: a "
         "StandardPropertyRow whose first cell is a TypedPropertyValue")


def get_properties_all():
    sec = "2.2.8.4"
    q = hdr_req(V(), 0x08, "RopGetPropertiesAll", InputHandleIndex=0)
    q.f(u16(0x1000), "PropertySizeLimit = 0x1000")
    q.f(u16(1), "WantUnicode = 1")
    r = hdr_resp(V(), 0x08, "RopGetPropertiesAll", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(2), "PropertyValueCount = 2")
    r.f(u32(0x0037001F), "PropertyValues[0].PropertyTag = 0x0037001F (PidTagSubject)", 1)
    r.f(utf16z("Hi"), 'PropertyValues[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)', 1)
    r.f(u32(0x1000000A), "PropertyValues[1].PropertyTag = 0x1000000A (PidTagBody, "
        "PtypErrorCode: too large)", 1)
    r.f(u32(0x8007000E), "PropertyValues[1].PropertyValue = 0x8007000E (NotEnoughMemory)", 1)
    pair(SUB, f"oxcrops-{sec}-ropgetpropertiesall", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041],
         "RopGetPropertiesAll: a string and a value too large to return ([MS-OXCPRPT] 2.2.3.2)")


def get_properties_list():
    sec = "2.2.8.5"
    q = hdr_req(V(), 0x09, "RopGetPropertiesList", InputHandleIndex=0)
    r = hdr_resp(V(), 0x09, "RopGetPropertiesList", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(2), "PropertyTagCount = 2")
    r.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F (PidTagSubject)")
    r.f(u32(0x0E080003), "PropertyTags[1] = 0x0E080003 (PidTagMessageSize)")
    pair(SUB, f"oxcrops-{sec}-ropgetpropertieslist", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041], "RopGetPropertiesList: two tags")


def set_properties(rop_id, name, sec):
    q = hdr_req(V(), rop_id, name, InputHandleIndex=0)
    subject = utf16z("Hi")
    size = 2 + (4 + len(subject)) + (4 + 4)
    q.f(u16(size), f"PropertyValueSize = {size} (PropertyValueCount + PropertyValues)")
    q.f(u16(2), "PropertyValueCount = 2")
    q.f(u32(0x0037001F), "PropertyValues[0].PropertyTag = 0x0037001F (PidTagSubject)", 1)
    q.f(subject, 'PropertyValues[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)', 1)
    q.f(u32(0x0E070003), "PropertyValues[1].PropertyTag = 0x0E070003 (PidTagMessageFlags)", 1)
    q.f(u32(0x00000001), "PropertyValues[1].PropertyValue = 0x00000001 (mfRead)", 1)
    r = hdr_resp(V(), rop_id, name, "InputHandleIndex", 0, 0, "Success")
    r.f(u16(1), "PropertyProblemCount = 1")
    problem(r, 1, 0x0E070003, "PidTagMessageFlags", 0x80070005, "AccessDenied")
    stem = f"oxcrops-{sec}-{name.lower()}"
    pair(SUB, stem, f"{SRC} {sec}", [q], [0x00000041], [r], [0x00000041],
         f"{name}: two values, the second one refused")


def delete_properties(rop_id, name, sec):
    q = hdr_req(V(), rop_id, name, InputHandleIndex=0)
    q.f(u16(2), "PropertyTagCount = 2")
    q.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F (PidTagSubject)")
    q.f(u32(0x1000001F), "PropertyTags[1] = 0x1000001F (PidTagBody)")
    r = hdr_resp(V(), rop_id, name, "InputHandleIndex", 0, 0, "Success")
    r.f(u16(0), "PropertyProblemCount = 0")
    stem = f"oxcrops-{sec}-{name.lower()}"
    pair(SUB, stem, f"{SRC} {sec}", [q], [0x00000041], [r], [0x00000041],
         f"{name}: two tags, no problems")


def query_named_properties():
    sec = "2.2.8.10"
    q = hdr_req(V(), 0x5F, "RopQueryNamedProperties", InputHandleIndex=0)
    q.f(u8(0x01), "QueryFlags = 0x01 (NoStrings)")
    q.f(u8(0x01), "HasGuid = 0x01 (PropertyGuid follows)")
    q.f(PSETID_COMMON, "PropertyGuid = PSETID_Common")
    r = hdr_resp(V(), 0x5F, "RopQueryNamedProperties", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(2), "IdCount = 2")
    r.f(u16(0x8001), "PropertyIds[0] = 0x8001")
    r.f(u16(0x8003), "PropertyIds[1] = 0x8003")
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008502)
    pair(SUB, f"oxcrops-{sec}-ropquerynamedproperties", f"{SRC} {sec}",
         [q], [0x00000041], [r], [0x00000041],
         "RopQueryNamedProperties restricted to PSETID_Common, LIDs only")
    # Without HasGuid: the request ends after it.
    q2 = hdr_req(V(), 0x5F, "RopQueryNamedProperties", InputHandleIndex=0)
    q2.f(u8(0x00), "QueryFlags = 0x00")
    q2.f(u8(0x00), "HasGuid = 0x00 (no PropertyGuid)")
    write(SUB, f"oxcrops-{sec}-ropquerynamedproperties-noguid-request", "rop-request-buffer",
          f"{SRC} {sec}.1", buffer([q2], [0x00000041]),
          "RopQueryNamedProperties without PropertyGuid (request)")


def copy_rop(rop_id, name, sec, excluded):
    # Source at index 1, destination at 0: the response then names index 1 itself
    # (SourceHandleIndex), so its handle table must keep both entries.
    q = hdr_req(V(), rop_id, name, SourceHandleIndex=1, DestHandleIndex=0)
    q.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
    if excluded:
        q.f(u8(0x01), "WantSubObjects = 0x01 (TRUE)")
    q.f(u8(0x02), "CopyFlags = 0x02 (NoOverwrite)")
    label = "ExcludedTag" if excluded else "PropertyTag"
    q.f(u16(1), f"{label}Count = 1")
    q.f(u32(0x0037001F), f"{label}s[0] = 0x0037001F (PidTagSubject)")
    handles = [0x00000042, 0x00000041]
    req = buffer([q], handles)
    r = hdr_resp(V(), rop_id, name, "SourceHandleIndex", 1, 0, "Success")
    r.f(u16(1), "PropertyProblemCount = 1")
    problem(r, 0, 0x0037001F, "PidTagSubject", 0x80040604, "CollidingNames")
    stem = f"oxcrops-{sec}-{name.lower()}"
    pair(SUB, stem, f"{SRC} {sec}", [q], handles, [r], handles,
         f"{name} from the object at index 1 to the one at index 0")
    n = hdr_resp(V(), rop_id, name, "SourceHandleIndex", 1, 0x00000503,
                 "NullDestinationObject")
    n.f(u32(0), "DestHandleIndex = 0 (4 bytes)")
    response_only(f"oxcrops-{sec}.3-{name.lower()}-null-destination", f"{SRC} {sec}.3", req,
                  [n], handles, f"{name} null destination failure")
    f = hdr_resp(V(), rop_id, name, "SourceHandleIndex", 1, 0x80040102, "NotSupported")
    response_only(f"oxcrops-{sec}.4-{name.lower()}-failure", f"{SRC} {sec}.4", req, [f],
                  handles, f"{name} failure: nothing after ReturnValue")


def progress():
    sec = "2.2.8.13"
    q = hdr_req(V(), 0x50, "RopProgress", InputHandleIndex=0)
    q.f(u8(0x01), "WantCancel = 0x01 (TRUE: abort)")
    r = hdr_resp(V(), 0x50, "RopProgress", "InputHandleIndex", 0, 0, "Success")
    r.f(u8(0), "LogonId = 0")
    r.f(u32(10), "CompletedTaskCount = 10")
    r.f(u32(20), "TotalTaskCount = 20")
    pair(SUB, f"oxcrops-{sec}-ropprogress", f"{SRC} {sec}", [q], [0x00000041], [r],
         [0x00000041], "RopProgress asking to cancel")


# ---------------------------------------------------------------- 2.2.9 Stream ROPs

STREAM = 0x00000051  # handle of an open Stream object


def open_stream():
    sec = "2.2.9.1"
    q = hdr_req(V(), 0x2B, "RopOpenStream", InputHandleIndex=0, OutputHandleIndex=1)
    q.f(u32(0x10090102), "PropertyTag = 0x10090102 (PidTagRtfCompressed, PtypBinary)")
    q.f(u8(0x01), "OpenModeFlags = 0x01 (ReadWrite)")
    r = hdr_resp(V(), 0x2B, "RopOpenStream", "OutputHandleIndex", 1, 0, "Success")
    r.f(u32(300), "StreamSize = 300")
    pair(SUB, f"oxcrops-{sec}-ropopenstream", f"{SRC} {sec}", [q], [0x00000041, NULL], [r],
         [0x00000041, STREAM], "RopOpenStream on a Message object; the new Stream at index 1")


def read_stream():
    sec = "2.2.9.2"
    q = hdr_req(V(), 0x2C, "RopReadStream", InputHandleIndex=0)
    q.f(u16(0xBABE), "ByteCount = 0xBABE (MaximumByteCount follows)")
    q.f(u32(0x00010000), "MaximumByteCount = 0x00010000")
    r = hdr_resp(V(), 0x2C, "RopReadStream", "InputHandleIndex", 0, 0, "Success")
    r.f(u16(5), "DataSize = 5")
    r.f(b"Hello", "Data = 'Hello'")
    pair(SUB, f"oxcrops-{sec}-ropreadstream", f"{SRC} {sec}", [q], [STREAM], [r], [STREAM],
         "RopReadStream with ByteCount 0xBABE and MaximumByteCount")
    q2 = hdr_req(V(), 0x2C, "RopReadStream", InputHandleIndex=0)
    q2.f(u16(0x0100), "ByteCount = 0x0100 (no MaximumByteCount)")
    req2 = buffer([q2], [STREAM])
    write(SUB, f"oxcrops-{sec}-ropreadstream-bytecount-request", "rop-request-buffer",
          f"{SRC} {sec}.1", req2, "RopReadStream with a plain ByteCount (request)")
    f = hdr_resp(V(), 0x2C, "RopReadStream", "InputHandleIndex", 0, 0x80030005,
                 "StreamAccessDenied")
    f.f(u16(0), "DataSize = 0 (the fields follow every ReturnValue)")
    response_only(f"oxcrops-{sec}-ropreadstream-failure", f"{SRC} {sec}.2", req2, [f],
                  [STREAM], "RopReadStream failing: DataSize and Data are still present")


def write_stream(rop_id, name, sec, written_width):
    q = hdr_req(V(), rop_id, name, InputHandleIndex=0)
    q.f(u16(5), "DataSize = 5")
    q.f(b"Hello", "Data = 'Hello'")
    req = buffer([q], [STREAM])
    r = hdr_resp(V(), rop_id, name, "InputHandleIndex", 0, 0, "Success")
    put = u16 if written_width == 2 else u32
    r.f(put(5), f"WrittenSize = 5 ({written_width} bytes)")
    stem = f"oxcrops-{sec}-{name.lower()}"
    pair(SUB, stem, f"{SRC} {sec}", [q], [STREAM], [r], [STREAM], f"{name} of five bytes")
    f = hdr_resp(V(), rop_id, name, "InputHandleIndex", 0, 0x80030005, "StreamAccessDenied")
    f.f(put(0), f"WrittenSize = 0 ({written_width} bytes; follows every ReturnValue)")
    response_only(stem + "-failure", f"{SRC} {sec}.2", req, [f], [STREAM],
                  f"{name} failing: WrittenSize is still present")


def plain_stream(rop_id, name, sec, body=None, success=None):
    q = hdr_req(V(), rop_id, name, InputHandleIndex=0)
    for b, c in body or []:
        q.f(b, c)
    r = hdr_resp(V(), rop_id, name, "InputHandleIndex", 0, 0, "Success")
    for b, c in success or []:
        r.f(b, c)
    pair(SUB, f"oxcrops-{sec}-{name.lower()}", f"{SRC} {sec}", [q], [STREAM], [r], [STREAM],
         name)


def copy_to_stream():
    sec = "2.2.9.9"
    name = "RopCopyToStream"
    # Source at index 1, destination at 0 (see copy_rop).
    q = hdr_req(V(), 0x3A, name, SourceHandleIndex=1, DestHandleIndex=0)
    q.f(u64(4096), "ByteCount = 4096 (8 bytes)")
    handles = [0x00000052, STREAM]
    req = buffer([q], handles)
    r = hdr_resp(V(), 0x3A, name, "SourceHandleIndex", 1, 0, "Success")
    r.f(u64(300), "ReadByteCount = 300")
    r.f(u64(300), "WrittenByteCount = 300")
    pair(SUB, f"oxcrops-{sec}-ropcopytostream", f"{SRC} {sec}", [q], handles, [r], handles,
         "RopCopyToStream between two Stream objects")
    n = hdr_resp(V(), 0x3A, name, "SourceHandleIndex", 1, 0x00000503, "NullDestinationObject")
    n.f(u32(0), "DestHandleIndex = 0 (4 bytes)")
    n.f(u64(0), "ReadByteCount = 0")
    n.f(u64(0), "WrittenByteCount = 0")
    response_only(f"oxcrops-{sec}.3-ropcopytostream-null-destination", f"{SRC} {sec}.3", req,
                  [n], handles, "RopCopyToStream null destination failure")
    f = hdr_resp(V(), 0x3A, name, "SourceHandleIndex", 1, 0x80030005, "StreamAccessDenied")
    f.f(u64(0), "ReadByteCount = 0 (the counts follow every code but 0x00000503)")
    f.f(u64(0), "WrittenByteCount = 0")
    response_only(f"oxcrops-{sec}.2-ropcopytostream-failure", f"{SRC} {sec}.2", req, [f],
                  handles, "RopCopyToStream failing with another code: the counts remain")


def clone_stream():
    sec = "2.2.9.13"
    q = hdr_req(V(), 0x3B, "RopCloneStream", InputHandleIndex=0, OutputHandleIndex=1)
    r = hdr_resp(V(), 0x3B, "RopCloneStream", "OutputHandleIndex", 1, 0, "Success")
    pair(SUB, f"oxcrops-{sec}-ropclonestream", f"{SRC} {sec}", [q], [STREAM, NULL], [r],
         [STREAM, 0x00000053], "RopCloneStream; the clone at index 1")


def region(rop_id, name, sec):
    plain_stream(rop_id, name, sec, body=[
        (u64(0), "RegionOffset = 0"),
        (u64(512), "RegionSize = 512"),
        (u32(0x00000001), "LockFlags = 0x00000001"),
    ])


# ---------------------------------------------------------------- [MS-OXCPRPT] section 4

def spec_examples():
    sub = "ms-oxcprpt"
    # 4.2.1 / 4.2.2 RopSetProperties, transcribed by hand.
    q = V()
    q.f(bytes.fromhex("0a"), "RopId = 0x0A (RopSetProperties)")
    q.f(bytes.fromhex("00"), "LogonId = 0x00")
    q.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    q.f(bytes.fromhex("2400"), "PropertyValueSize = 0x0024 (36 bytes: count + values)")
    q.f(bytes.fromhex("0200"), "PropertyValueCount = 0x0002")
    q.f(bytes.fromhex("1f003d00"), "PropertyTag = 0x003D001F (PidTagSubjectPrefix, PtypString)", 1)
    q.f(bytes.fromhex("0000"), 'PropertyValue = "" (terminator only)', 1)
    q.f(bytes.fromhex("1f001d0e"), "PropertyTag = 0x0E1D001F (PidTagNormalizedSubject)", 1)
    q.f(bytes.fromhex("480065006c006c006f00200057006f0072006c0064000000"),
        'PropertyValue = "Hello World" (UTF-16LE + 0x0000)', 1)
    write(sub, "4.2.1-ropsetproperties-request", "rop-request",
          "[MS-OXCPRPT] 4.2.1 (RopSetProperties client request buffer)", q,
          "[MS-OXCPRPT] 4.2.1 RopSetProperties request, the dump transcribed by hand")
    r = V()
    r.f(bytes.fromhex("0a"), "RopId = 0x0A (RopSetProperties)")
    r.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    r.f(bytes.fromhex("00000000"), "ReturnValue = 0x00000000 (Success)")
    r.f(bytes.fromhex("0000"), "PropertyProblemCount = 0x0000")
    write(sub, "4.2.2-ropsetproperties-response", "rop-response",
          "[MS-OXCPRPT] 4.2.2 (RopSetProperties server response buffer)", r,
          "[MS-OXCPRPT] 4.2.2 RopSetProperties response (to 4.2.1), transcribed by hand",
          request=q)
    # 4.3.1 RopGetPropertiesSpecific request (the 4.3.2 response is not transcribed).
    q = V()
    q.f(bytes.fromhex("07"), "RopId = 0x07 (RopGetPropertiesSpecific)")
    q.f(bytes.fromhex("00"), "LogonId = 0x00")
    q.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    q.f(bytes.fromhex("0000"), "PropertySizeLimit = 0x0000 (server default)")
    q.f(bytes.fromhex("0100"), "WantUnicode = 0x0001")
    q.f(bytes.fromhex("0300"), "PropertyTagCount = 0x0003")
    q.f(bytes.fromhex("0b003e86"), "PropertyTag1 = 0x863E000B (TestProp1, PtypBoolean)", 1)
    q.f(bytes.fromhex("03003f86"), "PropertyTag2 = 0x863F0003 (TestProp2, PtypInteger32)", 1)
    q.f(bytes.fromhex("0201e265"), "PropertyTag3 = 0x65E20102 (PidTagChangeKey, PtypBinary)", 1)
    write(sub, "4.3.1-ropgetpropertiesspecific-request", "rop-request",
          "[MS-OXCPRPT] 4.3.1 (RopGetPropertiesSpecific client request buffer)", q,
          "[MS-OXCPRPT] 4.3.1 RopGetPropertiesSpecific request, transcribed by hand")
    # 4.1.2 RopGetPropertyIdsFromNames response (its 4.1.1 request is not transcribed; the
    # response does not depend on it).
    r = V()
    r.f(bytes.fromhex("56"), "RopId = 0x56 (RopGetPropertyIdsFromNames)")
    r.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    r.f(bytes.fromhex("00000000"), "ReturnValue = 0x00000000 (Success)")
    r.f(bytes.fromhex("0200"), "PropertyIdCount = 0x0002")
    r.f(bytes.fromhex("3e86"), "PropertyIds[0] = 0x863E")
    r.f(bytes.fromhex("3f86"), "PropertyIds[1] = 0x863F")
    write(sub, "4.1.2-ropgetpropertyidsfromnames-response", "rop-response",
          "[MS-OXCPRPT] 4.1.2 (RopGetPropertyIdsFromNames server response buffer)", r,
          "[MS-OXCPRPT] 4.1.2 RopGetPropertyIdsFromNames response, transcribed by hand (its"
          " request, 4.1.1, is not included)")
    # 4.5 Asynchronous Progress: step 3 (request) and step 4 (response).
    q = V()
    q.f(bytes.fromhex("50"), "RopId = 0x50 (RopProgress)")
    q.f(bytes.fromhex("00"), "LogonId = 0x00")
    q.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    q.f(bytes.fromhex("00"), "WantCancel = 0x00 (FALSE)")
    write(sub, "4.5-ropprogress-request", "rop-request",
          "[MS-OXCPRPT] 4.5 step 3 (RopProgress request buffer)", q,
          "[MS-OXCPRPT] 4.5 step 3: the client asks how far RopEmptyFolder got")
    r = V()
    r.f(bytes.fromhex("50"), "RopId = 0x50 (RopProgress)")
    r.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    r.f(bytes.fromhex("00000000"), "ReturnValue = 0x00000000 (Success)")
    r.f(bytes.fromhex("00"), "LogonId = 0x00")
    r.f(bytes.fromhex("3b000000"), "CompletedTaskCount = 0x0000003B (59)")
    r.f(bytes.fromhex("d9020000"), "TotalTaskCount = 0x000002D9 (729)")
    write(sub, "4.5-ropprogress-response", "rop-response",
          "[MS-OXCPRPT] 4.5 step 4 (RopProgress response buffer)", r,
          "[MS-OXCPRPT] 4.5 step 4: the RopProgress response to step 3, transcribed by hand",
          request=q)
    # Step 2 answers the step 1 RopEmptyFolder request: a RopProgress response may stand in for
    # the response of an asynchronous ROP ([MS-OXCFOLD] 3.1.5.2).
    q = V()
    q.f(bytes.fromhex("58"), "RopId = 0x58 (RopEmptyFolder)")
    q.f(bytes.fromhex("00"), "LogonId = 0x00")
    q.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    q.f(bytes.fromhex("01"), "WantAsynchronous = 0x01 (TRUE)")
    q.f(bytes.fromhex("00"), "WantDeleteAssociated = 0x00 (FALSE)")
    write(sub, "4.5-ropemptyfolder-request", "rop-request",
          "[MS-OXCPRPT] 4.5 step 1 (RopEmptyFolder request buffer)", q,
          "[MS-OXCPRPT] 4.5 step 1: an asynchronous RopEmptyFolder request, transcribed by hand")
    r = V()
    r.f(bytes.fromhex("50"), "RopId = 0x50 (RopProgress)")
    r.f(bytes.fromhex("00"), "InputHandleIndex = 0x00")
    r.f(bytes.fromhex("00000000"), "ReturnValue = 0x00000000 (Success)")
    r.f(bytes.fromhex("00"), "LogonId = 0x00")
    r.f(bytes.fromhex("1d000000"), "CompletedTaskCount = 0x0000001D (29)")
    r.f(bytes.fromhex("d9020000"), "TotalTaskCount = 0x000002D9 (729)")
    write(sub, "4.5-ropprogress-response-to-emptyfolder", "rop-response",
          "[MS-OXCPRPT] 4.5 step 2 (RopProgress response buffer)", r,
          "[MS-OXCPRPT] 4.5 step 2: RopProgress sent in answer to the asynchronous RopEmptyFolder"
          " of step 1", request=q)


def main():
    get_property_ids_from_names()
    get_names_from_property_ids()
    get_properties_specific()
    get_properties_specific_unspecified()
    get_properties_all()
    get_properties_list()
    set_properties(0x0A, "RopSetProperties", "2.2.8.6")
    set_properties(0x79, "RopSetPropertiesNoReplicate", "2.2.8.7")
    delete_properties(0x0B, "RopDeleteProperties", "2.2.8.8")
    delete_properties(0x7A, "RopDeletePropertiesNoReplicate", "2.2.8.9")
    query_named_properties()
    copy_rop(0x67, "RopCopyProperties", "2.2.8.11", excluded=False)
    copy_rop(0x39, "RopCopyTo", "2.2.8.12", excluded=True)
    progress()
    open_stream()
    read_stream()
    write_stream(0x2D, "RopWriteStream", "2.2.9.3", 2)
    write_stream(0xA3, "RopWriteStreamExtended", "2.2.9.4", 4)
    plain_stream(0x5D, "RopCommitStream", "2.2.9.5")
    plain_stream(0x5E, "RopGetStreamSize", "2.2.9.6", success=[(u32(300), "StreamSize = 300")])
    plain_stream(0x2F, "RopSetStreamSize", "2.2.9.7",
                 body=[(u64(1024), "StreamSize = 1024 (8 bytes)")])
    plain_stream(0x2E, "RopSeekStream", "2.2.9.8",
                 body=[(u8(0x01), "Origin = 0x01 (current seek pointer)"),
                       (u64(16), "Offset = 16 (8 bytes)")],
                 success=[(u64(116), "NewPosition = 116 (8 bytes)")])
    copy_to_stream()
    region(0x5B, "RopLockRegionStream", "2.2.9.10")
    region(0x5C, "RopUnlockRegionStream", "2.2.9.11")
    write_stream(0x90, "RopWriteAndCommitStream", "2.2.9.12", 2)
    clone_stream()
    spec_examples()


if __name__ == "__main__":
    main()
