#!/usr/bin/env python3
"""Vectors of the Property ROPs ([MS-OXCROPS] 2.2.8) and Stream ROPs ([MS-OXCROPS] 2.2.9).

Every field is spelled out from [MS-OXCROPS] (field meanings from [MS-OXCPRPT]); the Rust code
is not consulted. Writes testdata/vectors/project/oxcrops-2.2.8.*-*.toml and
oxcrops-2.2.9.*-*.toml (request buffer + response buffer for each ROP, failure layouts with
fields as extra response vectors) and the [MS-OXCPRPT] section 4 examples under
testdata/vectors/ms-oxcprpt/. Run it from anywhere; it rewrites the files.
"""
from ropgen import pair, request, request_only, response, response_only, transcribed, u8, u16, u32
from ropgen import u64, utf16z

SUB = "project"
SRC = "project vector, built from [MS-OXCROPS]"

# PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046} and PSETID_Common
# {00062008-0000-0000-C000-000000000046}, in the GUID's wire order ([MS-OXPROPS] 1.3.2).
PS_PUBLIC_STRINGS = bytes.fromhex("2903020000000000c000000000000046")
PSETID_COMMON = bytes.fromhex("0820060000000000c000000000000046")

NULL = 0xFFFFFFFF  # request output slot, to be filled by the server
MESSAGE = [0x00000041]  # the handle table of a ROP on a Message object
STREAM = 0x00000051  # handle of an open Stream object
INPUT = ("InputHandleIndex", 0)


def stem(sec, name, suffix=""):
    return f"oxcrops-{sec}-{name.lower()}{suffix}"


def exchange(sec, name, q, r, note, handles=MESSAGE, resp_handles=None, source=""):
    """The request buffer and the success response of one ROP."""
    pair(SUB, stem(sec, name), f"{SRC} {sec}{source}", [q], handles, [r],
         handles if resp_handles is None else resp_handles, note)


def answer(name, source, q, r, handles, note):
    """One more response to the request `q`: <name>-response."""
    response_only(SUB, name + "-response", source, [q], handles, [r], handles,
                  note + " (response)")


def ok(rop_id, name, field="InputHandleIndex", index=0):
    return response(rop_id, name, field, index, 0, "Success")


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


def problem(v, index, tag, tag_name, code, code_name, d=1):
    v.f(u16(index), f"PropertyProblem.Index = {index}", d)
    v.f(u32(tag), f"PropertyProblem.PropertyTag = 0x{tag:08X} ({tag_name})", d)
    v.f(u32(code), f"PropertyProblem.ErrorCode = 0x{code:08X} ({code_name})", d)


def counted(v, count_name, item_name, pack, items):
    """A 2-byte count, then its items (property IDs or tags), each (value, note or None);
    `pack` is u16 or u32."""
    v.f(u16(len(items)), f"{count_name} = {len(items)}")
    digits = 2 * len(pack(0))
    for i, (x, note) in enumerate(items):
        v.f(pack(x), f"{item_name}[{i}] = 0x{x:0{digits}X}" + (f" ({note})" if note else ""))
    return v


# ---------------------------------------------------------------- 2.2.8 Property ROPs

def get_property_ids_from_names(rid, name, sec):
    q = request(rid, name, INPUT)
    q.f(u8(0x02), "Flags = 0x02 (create entries for names not yet mapped)")
    q.f(u16(2), "PropertyNameCount = 2")
    prop_name_lid(q, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_string(q, PS_PUBLIC_STRINGS, "PS_PUBLIC_STRINGS", "Keywords")
    r = counted(ok(rid, name), "PropertyIdCount", "PropertyIds", u16,
                [(0x8001, None), (0x8002, None)])
    exchange(sec, name, q, r,
             "RopGetPropertyIdsFromNames on a Message object: one MNID_ID and one MNID_STRING name")
    # ErrorsReturned: the success layout follows the warning; an unmapped name gets 0x0000.
    w = response(rid, name, "InputHandleIndex", 0, 0x00040380, "ErrorsReturned, ecWarnWithErrors")
    counted(w, "PropertyIdCount", "PropertyIds", u16,
            [(0x8001, None), (0x0000, "name could not be mapped")])
    answer(stem(sec, name, "-warning"), f"{SRC} {sec}.2, [MS-OXCPRPT] 2.2.12.2", q, w, MESSAGE,
           "RopGetPropertyIdsFromNames answered with the ErrorsReturned warning, which keeps the "
           "success fields")


def get_names_from_property_ids(rid, name, sec):
    q = counted(request(rid, name, INPUT), "PropertyIdCount", "PropertyIds", u16,
                [(0x8001, None), (0x8002, None), (0x8FFF, None)])
    r = ok(rid, name).f(u16(3), "PropertyNameCount = 3")
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_string(r, PS_PUBLIC_STRINGS, "PS_PUBLIC_STRINGS", "Keywords")
    r.f(u8(0xFF), "PropertyName.Kind = 0xFF (no name for 0x8FFF)", 1)
    r.f(bytes(16), "PropertyName.GUID = {00000000-0000-0000-0000-000000000000}", 1)
    exchange(sec, name, q, r, "RopGetNamesFromPropertyIds: two named IDs and one without a name")


def get_properties_specific(rid, name, sec):
    q = request(rid, name, INPUT).f(u16(0), "PropertySizeLimit = 0 (server default)")
    q.f(u16(1), "WantUnicode = 1")
    counted(q, "PropertyTagCount", "PropertyTags", u32, [
        (0x0037001F, "PidTagSubject, PtypString"), (0x0E080003, "PidTagMessageSize, PtypInteger32"),
        (0x3001001F, "PidTagDisplayName, PtypString")])
    r = ok(rid, name).f(u8(0x01), "RowData.Flag = 0x01 (FlaggedPropertyRow: one flag per value)")
    r.rows([(u8(0x00), "RowData.ValueArray[0].Flag = 0x00 (value follows)"),
            (utf16z("Hi"), 'RowData.ValueArray[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)'),
            (u8(0x00), "RowData.ValueArray[1].Flag = 0x00 (value follows)"),
            (u32(1234), "RowData.ValueArray[1].PropertyValue = 1234"),
            (u8(0x0A), "RowData.ValueArray[2].Flag = 0x0A (error code instead of the value)"),
            (u32(0x8004010F), "RowData.ValueArray[2].PropertyValue = 0x8004010F (NotFound)")], 1)
    exchange(sec, name, q, r,
             "RopGetPropertiesSpecific: a FlaggedPropertyRow with two values and one error")

    # A PtypUnspecified tag with WantUnicode 0.
    q = request(rid, name, INPUT).f(u16(0), "PropertySizeLimit = 0 (server default)")
    q.f(u16(0), "WantUnicode = 0 (strings asked as PtypUnspecified come back 8-bit)")
    counted(q, "PropertyTagCount", "PropertyTags", u32, [
        (0x00370000, "PidTagSubject, PtypUnspecified"),
        (0x0E080003, "PidTagMessageSize, PtypInteger32")])
    r = ok(rid, name).f(u8(0x00), "RowData.Flag = 0x00 (StandardPropertyRow)")
    r.f(u16(0x001E), "RowData.ValueArray[0].PropertyType = 0x001E (PtypString8: "
        "TypedPropertyValue for the PtypUnspecified column)", 1)
    r.f(b"Hi\0", 'RowData.ValueArray[0].PropertyValue = "Hi" (8-bit + 0x00)', 1)
    r.f(u32(1234), "RowData.ValueArray[1] = 1234 (PropertyValue)", 1)
    pair(SUB, stem(sec, name, "-unspecified"), f"{SRC} {sec}, [MS-OXCPRPT] 3.2.5.1", [q], MESSAGE,
         [r], MESSAGE, "RopGetPropertiesSpecific with a PtypUnspecified tag and WantUnicode 0: a "
         "StandardPropertyRow whose first cell is a TypedPropertyValue")


def get_properties_all(rid, name, sec):
    q = request(rid, name, INPUT).f(u16(0x1000), "PropertySizeLimit = 0x1000")
    q.f(u16(1), "WantUnicode = 1")
    r = ok(rid, name).f(u16(2), "PropertyValueCount = 2")
    r.f(u32(0x0037001F), "PropertyValues[0].PropertyTag = 0x0037001F (PidTagSubject)", 1)
    r.f(utf16z("Hi"), 'PropertyValues[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)', 1)
    r.f(u32(0x1000000A), "PropertyValues[1].PropertyTag = 0x1000000A (PidTagBody, "
        "PtypErrorCode: too large)", 1)
    r.f(u32(0x8007000E), "PropertyValues[1].PropertyValue = 0x8007000E (NotEnoughMemory)", 1)
    exchange(sec, name, q, r,
             "RopGetPropertiesAll: a string and a value too large to return ([MS-OXCPRPT] 2.2.3.2)")


def get_properties_list(rid, name, sec):
    r = counted(ok(rid, name), "PropertyTagCount", "PropertyTags", u32,
                [(0x0037001F, "PidTagSubject"), (0x0E080003, "PidTagMessageSize")])
    exchange(sec, name, request(rid, name, INPUT), r, "RopGetPropertiesList: two tags")


def set_properties(rop_id, name, sec):
    q = request(rop_id, name, INPUT)
    subject = utf16z("Hi")
    size = 2 + (4 + len(subject)) + (4 + 4)
    q.f(u16(size), f"PropertyValueSize = {size} (PropertyValueCount + PropertyValues)")
    q.f(u16(2), "PropertyValueCount = 2")
    q.f(u32(0x0037001F), "PropertyValues[0].PropertyTag = 0x0037001F (PidTagSubject)", 1)
    q.f(subject, 'PropertyValues[0].PropertyValue = "Hi" (UTF-16LE + 0x0000)', 1)
    q.f(u32(0x0E070003), "PropertyValues[1].PropertyTag = 0x0E070003 (PidTagMessageFlags)", 1)
    q.f(u32(0x00000001), "PropertyValues[1].PropertyValue = 0x00000001 (mfRead)", 1)
    r = ok(rop_id, name).f(u16(1), "PropertyProblemCount = 1")
    problem(r, 1, 0x0E070003, "PidTagMessageFlags", 0x80070005, "AccessDenied")
    exchange(sec, name, q, r, f"{name}: two values, the second one refused")


def delete_properties(rop_id, name, sec):
    q = counted(request(rop_id, name, INPUT), "PropertyTagCount", "PropertyTags", u32,
                [(0x0037001F, "PidTagSubject"), (0x1000001F, "PidTagBody")])
    exchange(sec, name, q, ok(rop_id, name).f(u16(0), "PropertyProblemCount = 0"),
             f"{name}: two tags, no problems")


def query_named_properties(rid, name, sec):
    q = request(rid, name, INPUT).f(u8(0x01), "QueryFlags = 0x01 (NoStrings)")
    q.f(u8(0x01), "HasGuid = 0x01 (PropertyGuid follows)")
    q.f(PSETID_COMMON, "PropertyGuid = PSETID_Common")
    r = ok(rid, name).f(u16(2), "IdCount = 2")
    r.f(u16(0x8001), "PropertyIds[0] = 0x8001")
    r.f(u16(0x8003), "PropertyIds[1] = 0x8003")
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008501)
    prop_name_lid(r, PSETID_COMMON, "PSETID_Common", 0x00008502)
    exchange(sec, name, q, r, "RopQueryNamedProperties restricted to PSETID_Common, LIDs only")
    # Without HasGuid: the request ends after it.
    q2 = request(rid, name, INPUT).f(u8(0x00), "QueryFlags = 0x00")
    q2.f(u8(0x00), "HasGuid = 0x00 (no PropertyGuid)")
    request_only(SUB, stem(sec, name, "-noguid-request"), f"{SRC} {sec}.1", [q2], MESSAGE,
                 "RopQueryNamedProperties without PropertyGuid (request)")


def copy_failures(rop_id, name, sec, q, handles, counts, failure):
    """The failure responses of a copy ROP (the source at index 1): NullDestinationObject
    (0x00000503: the 4-byte DestHandleIndex, then `counts`), and `failure`, another code, as
    (subsection, ReturnValue, its name, the fields after it, note)."""
    n = response(rop_id, name, "SourceHandleIndex", 1, 0x00000503, "NullDestinationObject")
    n.f(u32(0), "DestHandleIndex = 0 (4 bytes)").rows(counts)
    answer(stem(f"{sec}.3", name, "-null-destination"), f"{SRC} {sec}.3", q, n, handles,
           f"{name} null destination failure")
    part, rv, rv_name, fields, note = failure
    f = response(rop_id, name, "SourceHandleIndex", 1, rv, rv_name).rows(fields)
    answer(stem(f"{sec}.{part}", name, "-failure"), f"{SRC} {sec}.{part}", q, f, handles, note)


def copy_rop(rop_id, name, sec, excluded):
    # Source at index 1, destination at 0: the response then names index 1 itself
    # (SourceHandleIndex), so its handle table must keep both entries.
    q = request(rop_id, name, ("SourceHandleIndex", 1), ("DestHandleIndex", 0))
    q.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
    if excluded:
        q.f(u8(0x01), "WantSubObjects = 0x01 (TRUE)")
    q.f(u8(0x02), "CopyFlags = 0x02 (NoOverwrite)")
    label = "ExcludedTag" if excluded else "PropertyTag"
    q.f(u16(1), f"{label}Count = 1")
    q.f(u32(0x0037001F), f"{label}s[0] = 0x0037001F (PidTagSubject)")
    handles = [0x00000042, 0x00000041]
    r = ok(rop_id, name, "SourceHandleIndex", 1).f(u16(1), "PropertyProblemCount = 1")
    problem(r, 0, 0x0037001F, "PidTagSubject", 0x80040604, "CollidingNames")
    exchange(sec, name, q, r, f"{name} from the object at index 1 to the one at index 0", handles)
    copy_failures(rop_id, name, sec, q, handles, [],
                  (4, 0x80040102, "NotSupported", [], f"{name} failure: nothing after ReturnValue"))


def progress(rid, name, sec):
    q = request(rid, name, INPUT).f(u8(0x01), "WantCancel = 0x01 (TRUE: abort)")
    r = ok(rid, name).f(u8(0), "LogonId = 0")
    r.f(u32(10), "CompletedTaskCount = 10")
    r.f(u32(20), "TotalTaskCount = 20")
    exchange(sec, name, q, r, "RopProgress asking to cancel")


# ---------------------------------------------------------------- 2.2.9 Stream ROPs

def open_stream(rid, name, sec):
    q = request(rid, name, INPUT, ("OutputHandleIndex", 1))
    q.f(u32(0x10090102), "PropertyTag = 0x10090102 (PidTagRtfCompressed, PtypBinary)")
    q.f(u8(0x01), "OpenModeFlags = 0x01 (ReadWrite)")
    r = ok(rid, name, "OutputHandleIndex", 1).f(u32(300), "StreamSize = 300")
    exchange(sec, name, q, r, "RopOpenStream on a Message object; the new Stream at index 1",
             MESSAGE + [NULL], MESSAGE + [STREAM])


def read_stream(rid, name, sec):
    q = request(rid, name, INPUT).f(u16(0xBABE), "ByteCount = 0xBABE (MaximumByteCount follows)")
    q.f(u32(0x00010000), "MaximumByteCount = 0x00010000")
    r = ok(rid, name).f(u16(5), "DataSize = 5").f(b"Hello", "Data = 'Hello'")
    exchange(sec, name, q, r, "RopReadStream with ByteCount 0xBABE and MaximumByteCount", [STREAM])
    q2 = request(rid, name, INPUT).f(u16(0x0100), "ByteCount = 0x0100 (no MaximumByteCount)")
    request_only(SUB, stem(sec, name, "-bytecount-request"), f"{SRC} {sec}.1", [q2], [STREAM],
                 "RopReadStream with a plain ByteCount (request)")
    f = response(rid, name, "InputHandleIndex", 0, 0x80030005, "StreamAccessDenied")
    f.f(u16(0), "DataSize = 0 (the fields follow every ReturnValue)")
    answer(stem(sec, name, "-failure"), f"{SRC} {sec}.2", q2, f, [STREAM],
           "RopReadStream failing: DataSize and Data are still present")


def write_stream(rop_id, name, sec, written_width):
    q = request(rop_id, name, INPUT).f(u16(5), "DataSize = 5").f(b"Hello", "Data = 'Hello'")
    put = u16 if written_width == 2 else u32
    r = ok(rop_id, name).f(put(5), f"WrittenSize = 5 ({written_width} bytes)")
    exchange(sec, name, q, r, f"{name} of five bytes", [STREAM])
    f = response(rop_id, name, "InputHandleIndex", 0, 0x80030005, "StreamAccessDenied")
    f.f(put(0), f"WrittenSize = 0 ({written_width} bytes; follows every ReturnValue)")
    answer(stem(sec, name, "-failure"), f"{SRC} {sec}.2", q, f, [STREAM],
           f"{name} failing: WrittenSize is still present")


def plain_stream(rop_id, name, sec, body=(), success=()):
    exchange(sec, name, request(rop_id, name, INPUT).rows(body), ok(rop_id, name).rows(success),
             name, [STREAM])


def copy_to_stream(rid, name, sec):
    # Source at index 1, destination at 0 (see copy_rop).
    q = request(rid, name, ("SourceHandleIndex", 1), ("DestHandleIndex", 0))
    q.f(u64(4096), "ByteCount = 4096 (8 bytes)")
    handles = [0x00000052, STREAM]
    r = ok(rid, name, "SourceHandleIndex", 1).f(u64(300), "ReadByteCount = 300")
    r.f(u64(300), "WrittenByteCount = 300")
    exchange(sec, name, q, r, "RopCopyToStream between two Stream objects", handles)
    copy_failures(rid, name, sec, q, handles,
                  [(u64(0), "ReadByteCount = 0"), (u64(0), "WrittenByteCount = 0")],
                  (2, 0x80030005, "StreamAccessDenied",
                   [(u64(0), "ReadByteCount = 0 (the counts follow every code but 0x00000503)"),
                    (u64(0), "WrittenByteCount = 0")],
                   "RopCopyToStream failing with another code: the counts remain"))


def clone_stream(rid, name, sec):
    exchange(sec, name, request(rid, name, INPUT, ("OutputHandleIndex", 1)),
             ok(rid, name, "OutputHandleIndex", 1), "RopCloneStream; the clone at index 1",
             [STREAM, NULL], [STREAM, 0x00000053])


def region(rop_id, name, sec):
    plain_stream(rop_id, name, sec, body=[
        (u64(0), "RegionOffset = 0"),
        (u64(512), "RegionSize = 512"),
        (u32(0x00000001), "LockFlags = 0x00000001"),
    ])


# ---------------------------------------------------------------- [MS-OXCPRPT] section 4

SPEC_EXAMPLES = [
    # 4.2.1 / 4.2.2 RopSetProperties.
    ("4.2.1-ropsetproperties-request", "rop-request",
     "[MS-OXCPRPT] 4.2.1 (RopSetProperties client request buffer)",
     "[MS-OXCPRPT] 4.2.1 RopSetProperties request, the dump transcribed by hand", None, [
         ("0a", "RopId = 0x0A (RopSetProperties)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("2400", "PropertyValueSize = 0x0024 (36 bytes: count + values)"),
         ("0200", "PropertyValueCount = 0x0002"),
         [("1f003d00", "PropertyTag = 0x003D001F (PidTagSubjectPrefix, PtypString)"),
          ("0000", 'PropertyValue = "" (terminator only)'),
          ("1f001d0e", "PropertyTag = 0x0E1D001F (PidTagNormalizedSubject)"),
          ("480065006c006c006f00200057006f0072006c0064000000",
           'PropertyValue = "Hello World" (UTF-16LE + 0x0000)')],
     ]),
    ("4.2.2-ropsetproperties-response", "rop-response",
     "[MS-OXCPRPT] 4.2.2 (RopSetProperties server response buffer)",
     "[MS-OXCPRPT] 4.2.2 RopSetProperties response (to 4.2.1), transcribed by hand",
     "4.2.1-ropsetproperties-request", [
         ("0a", "RopId = 0x0A (RopSetProperties)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (Success)"),
         ("0000", "PropertyProblemCount = 0x0000"),
     ]),
    # 4.3.1 RopGetPropertiesSpecific request (the 4.3.2 response is not transcribed).
    ("4.3.1-ropgetpropertiesspecific-request", "rop-request",
     "[MS-OXCPRPT] 4.3.1 (RopGetPropertiesSpecific client request buffer)",
     "[MS-OXCPRPT] 4.3.1 RopGetPropertiesSpecific request, transcribed by hand", None, [
         ("07", "RopId = 0x07 (RopGetPropertiesSpecific)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("0000", "PropertySizeLimit = 0x0000 (server default)"),
         ("0100", "WantUnicode = 0x0001"),
         ("0300", "PropertyTagCount = 0x0003"),
         [("0b003e86", "PropertyTag1 = 0x863E000B (TestProp1, PtypBoolean)"),
          ("03003f86", "PropertyTag2 = 0x863F0003 (TestProp2, PtypInteger32)"),
          ("0201e265", "PropertyTag3 = 0x65E20102 (PidTagChangeKey, PtypBinary)")],
     ]),
    # 4.1.2 RopGetPropertyIdsFromNames response (its 4.1.1 request is not transcribed; the
    # response does not depend on it).
    ("4.1.2-ropgetpropertyidsfromnames-response", "rop-response",
     "[MS-OXCPRPT] 4.1.2 (RopGetPropertyIdsFromNames server response buffer)",
     "[MS-OXCPRPT] 4.1.2 RopGetPropertyIdsFromNames response, transcribed by hand (its"
     " request, 4.1.1, is not included)", None, [
         ("56", "RopId = 0x56 (RopGetPropertyIdsFromNames)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (Success)"),
         ("0200", "PropertyIdCount = 0x0002"),
         ("3e86", "PropertyIds[0] = 0x863E"),
         ("3f86", "PropertyIds[1] = 0x863F"),
     ]),
    # 4.5 Asynchronous Progress: step 3 (request) and step 4 (response).
    ("4.5-ropprogress-request", "rop-request",
     "[MS-OXCPRPT] 4.5 step 3 (RopProgress request buffer)",
     "[MS-OXCPRPT] 4.5 step 3: the client asks how far RopEmptyFolder got", None, [
         ("50", "RopId = 0x50 (RopProgress)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("00", "WantCancel = 0x00 (FALSE)"),
     ]),
    ("4.5-ropprogress-response", "rop-response",
     "[MS-OXCPRPT] 4.5 step 4 (RopProgress response buffer)",
     "[MS-OXCPRPT] 4.5 step 4: the RopProgress response to step 3, transcribed by hand",
     "4.5-ropprogress-request", [
         ("50", "RopId = 0x50 (RopProgress)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (Success)"),
         ("00", "LogonId = 0x00"),
         ("3b000000", "CompletedTaskCount = 0x0000003B (59)"),
         ("d9020000", "TotalTaskCount = 0x000002D9 (729)"),
     ]),
    # Step 2 answers the step 1 RopEmptyFolder request: a RopProgress response may stand in for
    # the response of an asynchronous ROP ([MS-OXCFOLD] 3.1.5.2).
    ("4.5-ropemptyfolder-request", "rop-request",
     "[MS-OXCPRPT] 4.5 step 1 (RopEmptyFolder request buffer)",
     "[MS-OXCPRPT] 4.5 step 1: an asynchronous RopEmptyFolder request, transcribed by hand", None, [
         ("58", "RopId = 0x58 (RopEmptyFolder)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("01", "WantAsynchronous = 0x01 (TRUE)"),
         ("00", "WantDeleteAssociated = 0x00 (FALSE)"),
     ]),
    ("4.5-ropprogress-response-to-emptyfolder", "rop-response",
     "[MS-OXCPRPT] 4.5 step 2 (RopProgress response buffer)",
     "[MS-OXCPRPT] 4.5 step 2: RopProgress sent in answer to the asynchronous RopEmptyFolder"
     " of step 1", "4.5-ropemptyfolder-request", [
         ("50", "RopId = 0x50 (RopProgress)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (Success)"),
         ("00", "LogonId = 0x00"),
         ("1d000000", "CompletedTaskCount = 0x0000001D (29)"),
         ("d9020000", "TotalTaskCount = 0x000002D9 (729)"),
     ]),
]


def main():
    get_property_ids_from_names(0x56, "RopGetPropertyIdsFromNames", "2.2.8.1")
    get_names_from_property_ids(0x55, "RopGetNamesFromPropertyIds", "2.2.8.2")
    get_properties_specific(0x07, "RopGetPropertiesSpecific", "2.2.8.3")
    get_properties_all(0x08, "RopGetPropertiesAll", "2.2.8.4")
    get_properties_list(0x09, "RopGetPropertiesList", "2.2.8.5")
    set_properties(0x0A, "RopSetProperties", "2.2.8.6")
    set_properties(0x79, "RopSetPropertiesNoReplicate", "2.2.8.7")
    delete_properties(0x0B, "RopDeleteProperties", "2.2.8.8")
    delete_properties(0x7A, "RopDeletePropertiesNoReplicate", "2.2.8.9")
    query_named_properties(0x5F, "RopQueryNamedProperties", "2.2.8.10")
    copy_rop(0x67, "RopCopyProperties", "2.2.8.11", excluded=False)
    copy_rop(0x39, "RopCopyTo", "2.2.8.12", excluded=True)
    progress(0x50, "RopProgress", "2.2.8.13")
    open_stream(0x2B, "RopOpenStream", "2.2.9.1")
    read_stream(0x2C, "RopReadStream", "2.2.9.2")
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
    copy_to_stream(0x3A, "RopCopyToStream", "2.2.9.9")
    region(0x5B, "RopLockRegionStream", "2.2.9.10")
    region(0x5C, "RopUnlockRegionStream", "2.2.9.11")
    write_stream(0x90, "RopWriteAndCommitStream", "2.2.9.12", 2)
    clone_stream(0x3B, "RopCloneStream", "2.2.9.13")
    transcribed("ms-oxcprpt", SPEC_EXAMPLES)


if __name__ == "__main__":
    main()
