#!/usr/bin/env python3
"""Writes the NSPI body vectors of MAPI over HTTP:
testdata/vectors/project/oxcmapihttp-2.2.5.*-<name>.toml (one or more per request type and
direction, plus failure bodies) and testdata/vectors/hostile/oxcmapihttp-nspi-*.toml.

An encoder independent of the Rust code, in the manner of project_vectors.py: every field is
spelled out from the [MS-OXCMAPIHTTP] 2.2.1 and 2.2.5 layouts and the [MS-OXNSPI] 2.2.8 STAT,
and written into the file's comment, so a reviewer can check the bytes against the spec.

Layout rules taken from the spec text:
- Every HasXxx field is a 1-byte Boolean: the field(s) it guards follow only when it is nonzero.
  Servers send TRUE as 0xFF (Exchange, gromox), clients as 0x01; both are used here.
- Counts (MinimalIdCount, PropertyValueCount, RowCount, PropertyTagCount, ...) are 4 bytes.
- AddressBookPropertyValue (2.2.1.1): a HasValue byte only for PtypString, PtypString8,
  PtypBinary and PtypMultiple types; the PropertyValue ([MS-OXCDATA] 2.11.2.1) follows unless
  HasValue is 0x00; byte counts of PtypBinary and value counts of PtypMultiple are 4 bytes
  ([MS-OXCDATA] 2.11.1.1 COUNT in MAPI/HTTP).
- AddressBookPropertyRow (2.2.1.7): Flags 0x0 -> AddressBookPropertyValue per column
  (AddressBookTypedPropertyValue for a PtypUnspecified column); Flags 0x1 ->
  AddressBookFlaggedPropertyValue(WithType): Flag 0x0 value, 0x1 none, 0xA PtypErrorCode.
- Restrictions (GetMatches Filter) are [MS-OXCDATA] 2.12 with 4-byte counts and plain
  TaggedPropertyValues (no HasValue).
- Response bodies start with StatusCode; 0 -> the success body, else AuxiliaryBufferSize and
  AuxiliaryBuffer only (the failure body).
- AuxiliaryBuffer: AuxiliaryBufferSize bytes holding an extended-buffer chain ([MS-OXCRPC]
  2.2.2.1 RPC_HEADER_EXT, Last) of AUX blocks ([MS-OXCRPC] 2.2.2.2).
- ModLinkAtt EntryIds: each entry ID is a Binary_r ([MS-OXNSPI] 2.2.2.1: 4-byte cb, bytes)
  holding an EphemeralEntryID (2.2.9.2) or PermanentEntryID (2.2.9.3).

Run it from anywhere; it rewrites the files it owns and nothing else.
"""
from vecgen import V, guid, u8, u16, u32, utf16z, write

SRC = "project vector, built from [MS-OXCMAPIHTTP]"
HSRC = "hostile input, built from [MS-OXCMAPIHTTP]"

PT = {0x0003: "PtypInteger32", 0x000A: "PtypErrorCode", 0x001E: "PtypString8", 0x001F: "PtypString",
      0x0102: "PtypBinary", 0x101F: "PtypMultipleString", 0x1102: "PtypMultipleBinary",
      0x0000: "PtypUnspecified", 0x000D: "PtypObject", 0x000B: "PtypBoolean"}
TAGS = {0x3001001F: "PidTagDisplayName", 0x3001001E: "PidTagDisplayName (PtypString8)",
        0x30010000: "PidTagDisplayName (PtypUnspecified)",
        0x39FE001F: "PidTagSmtpAddress", 0x3A00001F: "PidTagAccount", 0x39000003: "PidTagDisplayType",
        0x0FFF0102: "PidTagEntryId", 0x0FFE0003: "PidTagObjectType", 0x800F101F: "PidTagAddressBookProxyAddresses",
        0x3A06001F: "PidTagGivenName", 0x36000003: "PidTagContainerFlags", 0x00010102: "PidTagTemplateData",
        0x8009000D: "PidTagAddressBookMember", 0x3A08001F: "PidTagBusinessTelephoneNumber",
        0x3A701102: "PidTagUserX509Certificate", 0x3003001F: "PidTagEmailAddress"}


def tag(v, t, d, name="PropertyTag"):
    return v.f(u32(t), f"{name} = 0x{t:08X} ({TAGS.get(t, '?')}, {PT.get(t & 0xFFFF, '?')})", d)


def stat(v, d, code_page=1252, current=0, delta=0, num_pos=0, total=0, container=0):
    """[MS-OXNSPI] 2.2.8 STAT: nine 4-byte fields."""
    v.f(u32(0), "STAT.SortType = 0x00000000 (SortTypeDisplayName)", d)
    v.f(u32(container), f"STAT.ContainerID = 0x{container:08X} (0 = the Global Address List)", d)
    v.f(u32(current), f"STAT.CurrentRec = 0x{current:08X}" + (" (MID_BEGINNING_OF_TABLE)" if current == 0 else ""), d)
    v.f(u32(delta & 0xFFFFFFFF), f"STAT.Delta = {delta}", d)
    v.f(u32(num_pos), f"STAT.NumPos = {num_pos}", d)
    v.f(u32(total), f"STAT.TotalRecs = {total}", d)
    v.f(u32(code_page), f"STAT.CodePage = {code_page}", d)
    v.f(u32(0x409), "STAT.TemplateLocale = 0x00000409 (en-US)", d)
    return v.f(u32(0x409), "STAT.SortLocale = 0x00000409 (en-US)", d)


def has(v, name, flag=1, d=0):
    meaning = "absent" if flag == 0 else "present"
    return v.f(u8(flag), f"Has{name} = 0x{flag:02X} ({name} {meaning})", d)


def aux(v, present=False):
    """AuxiliaryBufferSize and AuxiliaryBuffer: none, or one RPC_HEADER_EXT (Last) holding one
    AUX_PERF_SESSIONINFO block ([MS-OXCRPC] 2.2.2.2.2)."""
    if not present:
        return v.f(u32(0), "AuxiliaryBufferSize = 0 (no AuxiliaryBuffer)")
    block = 4 + 20
    v.f(u32(8 + block), f"AuxiliaryBufferSize = {8 + block}")
    v.f(u16(0), "AuxiliaryBuffer: RPC_HEADER_EXT.Version = 0x0000", 1)
    v.f(u16(0x0004), "RPC_HEADER_EXT.Flags = 0x0004 (Last)", 1)
    v.f(u16(block), f"RPC_HEADER_EXT.Size = {block}", 1)
    v.f(u16(block), f"RPC_HEADER_EXT.SizeActual = {block} (not compressed)", 1)
    v.f(u16(block), f"AUX_HEADER.Size = {block}", 2)
    v.f(u8(1), "AUX_HEADER.Version = 0x01 (AUX_VERSION_1)", 2)
    v.f(u8(4), "AUX_HEADER.Type = 0x04 (AUX_TYPE_PERF_SESSIONINFO)", 2)
    v.f(u16(3), "SessionID = 3", 3)
    v.f(u16(0), "Reserved = 0", 3)
    return v.f(guid("6e3d4a1c-2b7f-4c8e-9a15-0d2c3b4a5f61"),
               "SessionGuid = {6E3D4A1C-2B7F-4C8E-9A15-0D2C3B4A5F61}", 3)


def ok(v, error=0):
    v.f(u32(0), "StatusCode = 0 (success)")
    return v.f(u32(error), f"ErrorCode = 0x{error:08X}" + (" (Success)" if error == 0 else ""))


def tags(v, name, ts, d=0):
    """LargePropertyTagArray ([MS-OXCMAPIHTTP] 2.2.1.8): 4-byte count, tags."""
    v.f(u32(len(ts)), f"{name}: PropertyTagCount = {len(ts)}", d)
    for t in ts:
        tag(v, t, d + 1)
    return v


def mids(v, name, ms, d=0):
    v.f(u32(len(ms)), f"{name}Count = {len(ms)}", d)
    for m in ms:
        v.f(u32(m), f"MinimalEntryID = 0x{m:08X}", d + 1)
    return v


def ab_str(v, text, d, hv=0xFF):
    """AddressBookPropertyValue of PtypString: HasValue, UTF-16LE + 0x0000."""
    v.f(u8(hv), f"HasValue = 0x{hv:02X}", d)
    return v.f(utf16z(text), f"PropertyValue = {text!r} (UTF-16LE, null-terminated)", d)


def ab_str8(v, raw, note, d, hv=0xFF):
    v.f(u8(hv), f"HasValue = 0x{hv:02X}", d)
    return v.f(raw + b"\0", f"PropertyValue = {note} (8-bit, null-terminated)", d)


def no_value_and_error(v, flag_note, error_note):
    """Two AddressBookFlaggedPropertyValues of a row: Flag 0x1 (no value), then Flag 0xA and
    a PtypErrorCode (MAPI_E_NOT_FOUND)."""
    v.f(u8(0x1), "Flag = 0x1 (no value)", 3)
    v.f(u8(0xA), f"Flag = 0xA ({flag_note})", 3)
    return v.f(u32(0x8004010F), f"PropertyValue = 0x8004010F ({error_note})", 3)


def ab_int(v, n, d):
    return v.f(u32(n & 0xFFFFFFFF), f"PropertyValue = {n} (PtypInteger32: no HasValue)", d)


# Optional parts of the bodies: a HasXxx byte, then (when it is nonzero) what it guards.

def state(v, flag=1, **stat_fields):
    """HasState and, when it is nonzero, the STAT."""
    has(v, "State", flag)
    return stat(v, 1, **stat_fields) if flag else v


def with_tags(v, name, ts, flag=1):
    """HasColumns / HasPropertyTags and the LargePropertyTagArray it guards."""
    has(v, name, flag)
    return tags(v, name, ts, 1)


def with_mids(v, ms, flag=1):
    """HasMinimalIds and the MinimalIds it guards."""
    has(v, "MinimalIds", flag)
    return mids(v, "MinimalId", ms, 1)


def rows(v, name, tags_name, ts, count, count_note=""):
    """HasColsAndRows / HasRowsAndCols (TRUE as 0xFF), the columns and RowCount."""
    has(v, name, 0xFF)
    return tags(v, tags_name, ts, 1).f(u32(count), f"RowCount = {count}{count_note}", 1)


def values(v, count, flag=0xFF, name="PropertyValues"):
    """HasPropertyValues / HasRow and the PropertyValueCount of the row after it."""
    has(v, name, flag)
    return v.f(u32(count), f"PropertyValueCount = {count}", 1)


def request(field="Reserved = 0", flags=0):
    """The first field of most request bodies: Flags or Reserved."""
    return V().f(u32(flags), field)


def response(code_page=None, note=""):
    """A success response body: StatusCode 0, ErrorCode Success (and CodePage)."""
    v = ok(V())
    return v if code_page is None else v.f(u32(code_page), f"CodePage = {code_page}{note}")


def w(section, name, kind, v, note, aux_buffer=False):
    """The body `v`, its AuxiliaryBufferSize and AuxiliaryBuffer appended, as a project vector."""
    aux(v, aux_buffer)
    write("project", f"oxcmapihttp-{section}-{name}", kind, f"{SRC} {section}", v, note)


def main():
    # 2.2.5.1 Bind
    w("2.2.5.1.1", "bind-request", "nspi-bind-request",
      state(request("Flags = 0x00000000 (not fAnonymousLogin)")),
      "Bind request: Flags, HasState + STAT (code page 1252), an AuxiliaryBuffer with one "
      "AUX_PERF_SESSIONINFO.", aux_buffer=True)
    v = response().f(guid("0b37a9a4-5f5c-4d89-a1c8-3d2d1b8e2c11"),
                     "ServerGuid = {0B37A9A4-5F5C-4D89-A1C8-3D2D1B8E2C11}")
    w("2.2.5.1.2", "bind-response", "nspi-bind-response", v, "Bind success response body.")
    w("2.2.5.1.2", "bind-response-failure", "nspi-bind-response",
      request("StatusCode = 0x0000000C (InvalidRequestBody): the failure response body follows",
              0x0000000C),
      "Failure response body (StatusCode nonzero): StatusCode, AuxiliaryBufferSize, "
      "AuxiliaryBuffer.", aux_buffer=True)

    # 2.2.5.2 Unbind
    w("2.2.5.2.1", "unbind-request", "nspi-unbind-request", request(), "Unbind request body.")
    w("2.2.5.2.2", "unbind-response", "nspi-unbind-response", response(),
      "Unbind success response body.")

    # 2.2.5.3 CompareMIds
    v = state(request(), 0xFF)
    v.f(u32(0x1234), "MinimalId1 = 0x00001234").f(u32(0x5678), "MinimalId2 = 0x00005678")
    w("2.2.5.3.1", "compare-mids-request", "nspi-compare-mids-request", v,
      "CompareMIds request body (HasState sent as 0xFF).")
    w("2.2.5.3.2", "compare-mids-response", "nspi-compare-mids-response",
      response().f(u32(0xFFFFFFFF), "Result = -1 (MinimalId1 sorts before MinimalId2)"),
      "CompareMIds success response body.")

    # 2.2.5.4 DNToMId
    dns = [b"/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice",
           b"/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=bob"]
    v = has(request(), "Names").f(u32(len(dns)), f"NameCount = {len(dns)}", 1)
    for dn in dns:
        v.f(dn + b"\0", f"NameValues[] = {dn.decode()!r} (8-bit, null-terminated)", 2)
    w("2.2.5.4.1", "dn-to-mid-request", "nspi-dn-to-mid-request", v,
      "DNToMId request body: two DNs.")
    w("2.2.5.4.2", "dn-to-mid-response", "nspi-dn-to-mid-response",
      with_mids(response(), [0x1234, 0], 0xFF),
      "DNToMId success response body: the second DN did not resolve (MId 0).")

    # 2.2.5.5 GetMatches
    v = has(state(request()), "MinimalIds", 0).f(u32(0), "InterfaceOptionFlags = 0")
    has(v, "Filter")
    v.f(u8(0x00), "Filter: RestrictType = 0x00 (AndRestriction)", 1)
    v.f(u32(2), "RestrictCount = 2 (4-byte count in MAPI/HTTP)", 1)
    v.f(u8(0x08), "Restricts[0]: RestrictType = 0x08 (ExistRestriction)", 2)
    tag(v, 0x3001001F, 2, "PropTag")
    v.f(u8(0x04), "Restricts[1]: RestrictType = 0x04 (PropertyRestriction)", 2)
    v.f(u8(0x04), "RelOp = 0x04 (RELOP_EQ)", 2)
    tag(v, 0x3A00001F, 2, "PropTag")
    tag(v, 0x3A00001F, 3, "TaggedValue.PropertyTag")
    v.f(utf16z("alice"), "TaggedValue.PropertyValue = 'alice' (plain PropertyValue: no HasValue in restrictions)", 3)
    has(v, "PropertyName", 0).f(u32(50), "RowCount = 50")
    w("2.2.5.5.1", "get-matches-request", "nspi-get-matches-request",
      with_tags(v, "Columns", [0x3001001F, 0x39FE001F]),
      "GetMatches request body: an AndRestriction (4-byte counts) as Filter, two columns.")
    v = with_mids(state(response(), 0xFF, current=0x1234, num_pos=0, total=1), [0x1234], 0xFF)
    rows(v, "ColsAndRows", "Columns", [0x3001001F, 0x39FE001F], 1)
    v.f(u8(0), "RowData[0].Flags = 0x00 (every value present)", 2)
    ab_str(ab_str(v, "Alice", 3), "alice@contoso.com", 3)
    w("2.2.5.5.2", "get-matches-response", "nspi-get-matches-response", v,
      "GetMatches success response body: STAT, one MId, one row of two PtypString columns.")
    v = with_mids(state(request()), [0x10, 0x11]).f(u32(0), "InterfaceOptionFlags = 0")
    has(has(v, "Filter", 0), "PropertyName")
    v.f(guid("00020329-0000-0000-c000-000000000046"),
        "PropertyNameGuid = {00020329-0000-0000-C000-000000000046} (PS_PUBLIC_STRINGS)", 1)
    v.f(u32(0x8001), "PropertyNameId = 0x00008001", 1)
    v.f(u32(10), "RowCount = 10")
    w("2.2.5.5.1", "get-matches-request-property-name", "nspi-get-matches-request",
      has(v, "Columns", 0),
      "GetMatches request body: MinimalIds and a PropertyName, no Filter and no Columns.")

    # 2.2.5.6 GetPropList
    v = request("Flags = 0").f(u32(0x1234), "MinimalId = 0x00001234")
    v.f(u32(1252), "CodePage = 1252")
    w("2.2.5.6.1", "get-prop-list-request", "nspi-get-prop-list-request", v,
      "GetPropList request body.")
    w("2.2.5.6.2", "get-prop-list-response", "nspi-get-prop-list-response",
      with_tags(response(), "PropertyTags", [0x3001001F, 0x39FE001F, 0x0FFF0102], 0xFF),
      "GetPropList success response body.")

    # 2.2.5.7 GetProps
    v = state(request("Flags = 0"), code_page=65001, current=0x1234)
    with_tags(v, "PropertyTags", [0x3001001E, 0x0FFF0102, 0x39000003, 0x800F101F, 0x3A06001F])
    w("2.2.5.7.1", "get-props-request", "nspi-get-props-request", v,
      "GetProps request body: STAT with CodePage 65001 (UTF-8), five tags.")
    v = values(response(65001, " (UTF-8): PtypString8 values below are UTF-8"), 5)
    tag(v, 0x3001001E, 2)
    ab_str8(v, "Zoë".encode("utf-8"), "'Zoë' as UTF-8 (5a 6f c3 ab)", 3)
    tag(v, 0x0FFF0102, 2)
    v.f(u8(0xFF), "HasValue = 0xFF", 3)
    v.f(u32(4), "PropertyValue: COUNT = 4 (4-byte byte count in MAPI/HTTP)", 3)
    v.f(bytes([0xDE, 0xAD, 0xBE, 0xEF]), "bytes", 3)
    tag(v, 0x39000003, 2)
    ab_int(v, 0, 3)
    tag(v, 0x800F101F, 2)
    v.f(u8(0xFF), "HasValue = 0xFF", 3)
    v.f(u32(2), "PropertyValue: value count = 2", 3)
    v.f(utf16z("SMTP:zoe@contoso.com"), "'SMTP:zoe@contoso.com'", 4)
    v.f(utf16z("smtp:z@contoso.com"), "'smtp:z@contoso.com'", 4)
    tag(v, 0x3A06001F, 2)
    v.f(u8(0x00), "HasValue = 0x00 (no PropertyValue follows)", 3)
    w("2.2.5.7.2", "get-props-response", "nspi-get-props-response", v,
      "GetProps success response body: a UTF-8 PtypString8, a 4-byte-count binary, an integer, "
      "a multi-valued string, and a value absent by HasValue 0.")
    for code_page, name, page_note, raw, text in [
        (1252, "Windows-1252", "Windows-1252", b"Ren\xe9e \x80",
         "'Renée €' in Windows-1252 (e9 = é, 80 = €)"),
        (1251, "Windows-1251", "Windows-1251, Cyrillic", "Пётр".encode("cp1251"),
         "'Пётр' in Windows-1251 (cf b8 f2 f0)"),
    ]:
        v = values(response(code_page, f" ({page_note})"), 1)
        ab_str8(tag(v, 0x3001001E, 2), raw, text, 3)
        w("2.2.5.7.2", f"get-props-response-cp{code_page}", "nspi-get-props-response", v,
          f"GetProps success response body with a {name} PtypString8.")
    w("2.2.5.7.2", "get-props-response-failure", "nspi-get-props-response",
      request("StatusCode = 0x80040111 (nonzero: failure body)", 0x80040111),
      "Failure response body of GetProps: StatusCode, AuxiliaryBufferSize 0.")

    # 2.2.5.8 GetSpecialTable
    v = has(state(request("Flags = 0x00000004 (NspiUnicodeStrings)", 0x00000004)), "Version")
    w("2.2.5.8.1", "get-special-table-request", "nspi-get-special-table-request",
      v.f(u32(0), "Version = 0", 1), "GetSpecialTable request body.")
    v = has(response(1252), "Version", 0xFF).f(u32(3), "Version = 3", 1)
    has(v, "Rows", 0xFF).f(u32(1), "RowCount = 1", 1)
    v.f(u32(2), "Rows[0]: PropertyValueCount = 2", 2)
    tag(v, 0x3001001F, 3)
    ab_str(v, "All Address Lists", 4)
    tag(v, 0x36000003, 3)
    ab_int(v, 9, 4)
    w("2.2.5.8.2", "get-special-table-response", "nspi-get-special-table-response", v,
      "GetSpecialTable success response body: version and one hierarchy row.")

    # 2.2.5.9 GetTemplateInfo
    v = request("Flags = 0x00000001 (TI_TEMPLATE)", 0x00000001)
    v.f(u32(0), "DisplayType = 0 (DT_MAILUSER)")
    has(v, "TemplateDn")
    v.f(b"/o=Contoso/cn=Templates\0", "TemplateDn = '/o=Contoso/cn=Templates' (8-bit, null-terminated)", 1)
    v.f(u32(1252), "CodePage = 1252")
    v.f(u32(0x409), "LocaleId = 0x00000409")
    w("2.2.5.9.1", "get-template-info-request", "nspi-get-template-info-request", v,
      "GetTemplateInfo request body.")
    v = values(response(1252), 1, name="Row")
    tag(v, 0x00010102, 2)
    v.f(u8(0xFF), "HasValue = 0xFF", 3)
    v.f(u32(3), "COUNT = 3", 3)
    v.f(bytes([1, 2, 3]), "bytes", 3)
    w("2.2.5.9.2", "get-template-info-response", "nspi-get-template-info-response", v,
      "GetTemplateInfo success response body.")

    # 2.2.5.10 ModLinkAtt
    v = request("Flags = 0 (add)")
    tag(v, 0x8009000D, 0)
    v.f(u32(0x1234), "MinimalId = 0x00001234")
    has(v, "EntryIds")
    v.f(u32(2), "EntryIdCount = 2", 1)
    v.f(u32(32), "EntryIds[0]: cb = 32 (Binary_r)", 2)
    v.f(bytes([0x87, 0, 0, 0]), "IDType = 0x87 (EphemeralEntryID), R1 R2 R3 = 0", 3)
    v.f(guid("0b37a9a4-5f5c-4d89-a1c8-3d2d1b8e2c11"), "ProviderUID = the server GUID", 3)
    v.f(u32(1), "R4 = 0x00000001", 3)
    v.f(u32(0), "DisplayType = 0 (DT_MAILUSER)", 3)
    v.f(u32(0x5678), "MId = 0x00005678", 3)
    dn = b"/o=Contoso/cn=Recipients/cn=bob"
    v.f(u32(28 + len(dn) + 1), f"EntryIds[1]: cb = {28 + len(dn) + 1}", 2)
    v.f(bytes([0, 0, 0, 0]), "IDType = 0x00 (PermanentEntryID), R1 R2 R3 = 0", 3)
    v.f(guid("c840a7dc-42c0-1a10-b4b9-08002b2fe182"), "ProviderUID = {C840A7DC-42C0-1A10-B4B9-08002B2FE182} (GUID_NSPI)", 3)
    v.f(u32(1), "R4 = 0x00000001", 3)
    v.f(u32(0), "DisplayType = 0", 3)
    v.f(dn + b"\0", f"DistinguishedName = {dn.decode()!r}", 3)
    w("2.2.5.10.1", "mod-link-att-request", "nspi-mod-link-att-request", v,
      "ModLinkAtt request body: an ephemeral and a permanent entry ID, each as a Binary_r.")
    w("2.2.5.10.2", "mod-link-att-response", "nspi-mod-link-att-response", response(),
      "ModLinkAtt success response body.")

    # 2.2.5.11 ModProps
    v = with_tags(state(request(), current=0x1234), "PropertyTags", [0x3A08001F])
    tag(values(v, 1, 1), 0x3A701102, 2)
    v.f(u8(0x01), "HasValue = 0x01", 3)
    v.f(u32(1), "value count = 1", 3)
    v.f(u32(3), "COUNT = 3 (4-byte)", 4)
    v.f(bytes([0x30, 0x82, 0x01]), "bytes", 4)
    w("2.2.5.11.1", "mod-props-request", "nspi-mod-props-request", v,
      "ModProps request body: one tag to remove, one PtypMultipleBinary value to set.")
    w("2.2.5.11.2", "mod-props-response", "nspi-mod-props-response", response(),
      "ModProps success response body.")

    # 2.2.5.13 QueryColumns
    w("2.2.5.13.1", "query-columns-request", "nspi-query-columns-request",
      request().f(u32(0x80000000), "MapiFlags = 0x80000000 (NspiUnicodeProptypes)"),
      "QueryColumns request body.")
    w("2.2.5.13.2", "query-columns-response", "nspi-query-columns-response",
      with_tags(response(), "Columns", [0x3001001F, 0x39FE001F, 0x39000003], 0xFF),
      "QueryColumns success response body.")

    # 2.2.5.12 QueryRows
    columns = [0x3001001F, 0x39000003, 0x3A00001F]
    v = state(request("Flags = 0"))
    v.f(u32(0), "ExplicitTableCount = 0 (no Has flag: the count is always there)")
    w("2.2.5.12.1", "query-rows-request", "nspi-query-rows-request",
      with_tags(v.f(u32(2), "RowCount = 2"), "Columns", columns),
      "QueryRows request body with an AuxiliaryBuffer.", aux_buffer=True)
    v = mids(state(request("Flags = 0"), 0), "ExplicitTable", [0x1234, 0x5678])
    w("2.2.5.12.1", "query-rows-request-explicit-table", "nspi-query-rows-request",
      has(v.f(u32(2), "RowCount = 2"), "Columns", 0),
      "QueryRows request body: no STAT, an explicit table of two MIds, no columns.")
    v = rows(state(response(), 0xFF, current=2, num_pos=2, total=2), "ColsAndRows", "Columns",
             columns, 2)
    v.f(u8(0), "RowData[0].Flags = 0x00 (AddressBookPropertyValues)", 2)
    ab_str(ab_int(ab_str(v, "Alice", 3), 0, 3), "alice", 3)
    v.f(u8(1), "RowData[1].Flags = 0x01 (AddressBookFlaggedPropertyValues)", 2)
    v.f(u8(0x0), "Flag = 0x0 (value follows)", 3)
    ab_str(v, "Bob", 3)
    no_value_and_error(v, "PtypErrorCode follows", "MAPI_E_NOT_FOUND; no HasValue")
    w("2.2.5.12.2", "query-rows-response", "nspi-query-rows-response", v,
      "QueryRows success response body: a standard row and a flagged row (value, no value, "
      "error).")
    w("2.2.5.12.2", "query-rows-response-failure", "nspi-query-rows-response",
      request("StatusCode = 0x0000000A (ContextNotFound): failure body", 0x0000000A),
      "Failure response body of QueryRows with an AuxiliaryBuffer.", aux_buffer=True)

    # 2.2.5.14 ResolveNames
    v = with_tags(state(request()), "PropertyTags", [0x30010000, 0x3001001E])
    has(v, "Names").f(u32(2), "NameCount = 2", 1)
    v.f(utf16z("alice"), "NameValues[0] = 'alice' (UTF-16LE)", 2)
    v.f(utf16z("nobody"), "NameValues[1] = 'nobody' (UTF-16LE)", 2)
    w("2.2.5.14.1", "resolve-names-request", "nspi-resolve-names-request", v,
      "ResolveNames request body: a PtypUnspecified and a PtypString8 column, two names.")
    v = with_mids(response(1252), [0x1234, 0x00000000], 0xFF)
    rows(v, "RowsAndCols", "PropertyTags", [0x30010000, 0x3001001E], 2)
    v.f(u8(0), "RowData[0].Flags = 0x00", 2)
    v.f(u16(0x001F), "AddressBookTypedPropertyValue.PropertyType = 0x001F (PtypString)", 3)
    ab_str8(ab_str(v, "Alice", 3), b"Alic\xe9", "'Alicé' in Windows-1252", 3)
    v.f(u8(1), "RowData[1].Flags = 0x01", 2)
    v.f(u16(0x001F), "AddressBookFlaggedPropertyValueWithType.PropertyType = 0x001F", 3)
    no_value_and_error(v, "error", "MAPI_E_NOT_FOUND")
    w("2.2.5.14.2", "resolve-names-response", "nspi-resolve-names-response", v,
      "ResolveNames success response body: typed and flagged-with-type cells, a Windows-1252 "
      "PtypString8.")

    # 2.2.5.15 ResortRestriction
    w("2.2.5.15.1", "resort-restriction-request", "nspi-resort-restriction-request",
      with_mids(state(request()), [0x30, 0x10, 0x20]), "ResortRestriction request body.")
    w("2.2.5.15.2", "resort-restriction-response", "nspi-resort-restriction-response",
      with_mids(state(response(), 0xFF, total=3), [0x10, 0x20, 0x30], 0xFF),
      "ResortRestriction success response body.")

    # 2.2.5.16 SeekEntries
    v = has(state(request()), "Target")
    tag(v, 0x3001001F, 1)
    has(ab_str(v, "B", 1, hv=0x01), "ExplicitTable", 0)
    w("2.2.5.16.1", "seek-entries-request", "nspi-seek-entries-request",
      with_tags(v, "Columns", [0x3001001F]),
      "SeekEntries request body: an AddressBookTaggedPropertyValue target.")
    v = rows(state(response(), 0xFF, current=0x5678, num_pos=1, total=2), "ColsAndRows",
             "Columns", [0x3001001F], 1)
    w("2.2.5.16.2", "seek-entries-response", "nspi-seek-entries-response",
      ab_str(v.f(u8(0), "RowData[0].Flags = 0x00", 2), "Bob", 3),
      "SeekEntries success response body.")

    # 2.2.5.17 UpdateStat
    w("2.2.5.17.1", "update-stat-request", "nspi-update-stat-request",
      state(request(), current=0x1234, delta=-3).f(u8(1), "DeltaRequested = 0x01 (TRUE)"),
      "UpdateStat request body.")
    v = has(state(response(), 0xFF, current=0x1200, num_pos=4, total=9), "Delta", 0xFF)
    w("2.2.5.17.2", "update-stat-response", "nspi-update-stat-response",
      v.f(u32((-3) & 0xFFFFFFFF), "Delta = -3", 1), "UpdateStat success response body.")

    # 2.2.5.18 GetMailboxUrl and 2.2.5.19 GetAddressBookUrl
    for sec, name, what, dn_field, dn, url in [
        ("2.2.5.18", "get-mailbox-url", "GetMailboxUrl", "ServerDn (UTF-16LE, null-terminated)",
         "/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=mbx01",
         "https://mail.contoso.com/mapi/emsmdb/?MailboxId=a1b2@contoso.com"),
        ("2.2.5.19", "get-address-book-url", "GetAddressBookUrl", "UserDn (UTF-16LE)",
         "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice",
         "https://mail.contoso.com/mapi/nspi/?MailboxId=a1b2@contoso.com"),
    ]:
        w(f"{sec}.1", f"{name}-request", f"nspi-{name}-request",
          request("Flags = 0").f(utf16z(dn), dn_field), f"{what} request body.")
        w(f"{sec}.2", f"{name}-response", f"nspi-{name}-response",
          response().f(utf16z(url), "ServerUrl (UTF-16LE)"), f"{what} success response body.")

    hostile()


def h(name, kind, v, note, err):
    write("hostile", f"oxcmapihttp-nspi-{name}", kind, HSRC + " 2.2.5", v, note, expect_error=err)


def hostile():
    v = rows(has(response(), "State", 0), "ColsAndRows", "Columns", [0x3001001F], 0x10000,
             " (more rows than bytes left; within max_elements)")
    aux(v)
    h("query-rows-rowcount", "nspi-query-rows-response", v,
      "A QueryRows response claiming 65536 rows in a few bytes: refused before allocating.", "count-too-large")
    v = has(request("Flags = 0"), "State", 0)
    v.f(u32(0x100), "AuxiliaryBufferSize = 256 (only 4 bytes follow)")
    v.f(u32(0), "4 bytes")
    h("bind-aux-past-end", "nspi-bind-request", v,
      "A Bind request whose AuxiliaryBufferSize runs past the end.", "truncated")
    for name, flags, flag, note in [
        ("row-flags-2", (2, "RowData[0].Flags = 0x02 (neither 0x0 nor 0x1)"), None,
         "An AddressBookPropertyRow with Flags 0x02."),
        ("flagged-value-flag-3", (1, "RowData[0].Flags = 0x01"),
         (3, "Flag = 0x03 (not 0x0, 0x1 or 0xA)"), "A flagged value with Flag 0x03."),
    ]:
        v = rows(has(response(), "State", 0), "ColsAndRows", "Columns", [0x39000003], 1)
        v.f(u8(flags[0]), flags[1], 2)
        if flag:
            v.f(u8(flag[0]), flag[1], 3)
        aux(v.f(u32(0), "4 bytes", 3))
        h(name, "nspi-query-rows-response", v, note, "invalid-value")
    v = values(response(1252), 1, 1)
    tag(v, 0x0FFF0102, 2)
    v.f(u8(1), "HasValue = 0x01", 3)
    v.f(u32(0x1000), "COUNT = 4096 (4-byte binary count past the end)", 3)
    aux(v)
    h("binary-count-past-end", "nspi-get-props-response", v,
      "A PtypBinary whose 4-byte COUNT claims more bytes than there are.", "count-too-large")
    v = has(request("Flags = 0"), "State", 0)
    v.f(u32(8), "AuxiliaryBufferSize = 8")
    v.f(u16(0), "RPC_HEADER_EXT.Version = 0", 1)
    v.f(u16(0), "RPC_HEADER_EXT.Flags = 0 (not Last: the chain runs out inside the AuxiliaryBuffer)", 1)
    v.f(u16(0), "Size = 0", 1)
    v.f(u16(0), "SizeActual = 0", 1)
    h("bind-aux-chain-not-last", "nspi-bind-request", v,
      "A Bind request whose auxiliary chain ends inside AuxiliaryBufferSize without a Last buffer.", "invalid-value")


if __name__ == "__main__":
    main()
