#!/usr/bin/env python3
"""Writes testdata/vectors/project/*.toml and testdata/vectors/hostile/*.toml.

An encoder independent of the Rust code: each vector is spelled out field by field from the
[MS-OXCDATA] layouts, and every field is written into the file's comment, so a reviewer can check
the bytes against the spec without running anything. Run it from anywhere; it rewrites the files.
"""
import os
import struct

from vecgen import ROOT, V, u8, u16, u32, u64, utf16z, write


def tagged_str(v, tag, text, d):
    v.f(u32(tag), f"TaggedValue.PropertyTag = 0x{tag:08X}", d)
    v.f(utf16z(text), f'TaggedValue.PropertyValue = "{text}" (UTF-16LE + 0x0000)', d)


def count(width, n):
    return u16(n) if width == 2 else u32(n)


def restrictions(width):
    kind = "restriction" if width == 2 else "restriction-4"
    cw = f"{width}-byte"
    src = "project vector, built from [MS-OXCDATA]"
    sub = "project"
    suffix = "" if width == 2 else "-4"

    v = V().f(u8(0x00), "RestrictType = AndRestriction (0x00)")
    v.f(count(width, 2), f"RestrictCount = 2 ({cw})")
    v.f(u8(0x08), "RestrictType = ExistRestriction", 1).f(u32(0x0037001F), "PropTag = PidTagSubject", 1)
    v.f(u8(0x08), "RestrictType = ExistRestriction", 1).f(u32(0x0E080003), "PropTag = PidTagMessageSize", 1)
    write(sub, f"2.12.1-and{suffix}", kind, src + " 2.12.1", v, f"AndRestriction of two ExistRestrictions, {cw} counts.")

    v = V().f(u8(0x01), "RestrictType = OrRestriction (0x01)").f(count(width, 0), f"RestrictCount = 0 ({cw})")
    write(sub, f"2.12.2-or-empty{suffix}", kind, src + " 2.12.2", v, f"OrRestriction with no children, {cw} counts.")

    v = V().f(u8(0x02), "RestrictType = NotRestriction (0x02)")
    v.f(u8(0x07), "RestrictType = SizeRestriction", 1).f(u8(0x02), "RelOp = RELOP_GT", 1)
    v.f(u32(0x1000001F), "PropTag = PidTagBody", 1).f(u32(0x00010000), "Size = 65536", 1)
    write(sub, f"2.12.3-not-size{suffix}", kind, src + " 2.12.3, 2.12.8", v, "NotRestriction around a SizeRestriction.")

    v = V().f(u8(0x03), "RestrictType = ContentRestriction (0x03)")
    v.f(u16(0x0002), "FuzzyLevelLow = FL_PREFIX").f(u16(0x0003), "FuzzyLevelHigh = FL_IGNORECASE | FL_IGNORENONSPACE")
    v.f(u32(0x3001001F), "PropertyTag = PidTagDisplayName")
    tagged_str(v, 0x3001001F, "Ann", 0)
    write(sub, f"2.12.4-content{suffix}", kind, src + " 2.12.4", v, "ContentRestriction: display name starts with Ann.")

    v = V().f(u8(0x04), "RestrictType = PropertyRestriction (0x04)").f(u8(0x04), "RelOp = RELOP_EQ")
    v.f(u32(0x00170003), "PropTag = PidTagImportance")
    v.f(u32(0x00170003), "TaggedValue.PropertyTag = PidTagImportance (PtypInteger32)")
    v.f(u32(2), "TaggedValue.PropertyValue = 2 (high)")
    write(sub, f"2.12.5-property-int32{suffix}", kind, src + " 2.12.5", v, "PropertyRestriction: importance equals high.")

    v = V().f(u8(0x04), "RestrictType = PropertyRestriction (0x04)").f(u8(0x04), "RelOp = RELOP_EQ")
    v.f(u32(0x0FFF0102), "PropTag = PidTagEntryId")
    v.f(u32(0x0FFF0102), "TaggedValue.PropertyTag = PidTagEntryId (PtypBinary)")
    v.f(count(width, 4), f"TaggedValue.PropertyValue.Count = 4 ({cw} binary count)")
    v.f(bytes.fromhex("deadbeef"), "TaggedValue.PropertyValue bytes")
    write(sub, f"2.12.5-property-binary{suffix}", kind, src + " 2.11.1, 2.12.5", v, f"PropertyRestriction on a binary value: the byte count is {cw} here.")

    v = V().f(u8(0x05), "RestrictType = ComparePropertiesRestriction (0x05)").f(u8(0x00), "RelOp = RELOP_LT")
    v.f(u32(0x30070040), "PropTag1 = PidTagCreationTime").f(u32(0x30080040), "PropTag2 = PidTagLastModificationTime")
    write(sub, f"2.12.6-compare-props{suffix}", kind, src + " 2.12.6", v, "ComparePropertiesRestriction: created before last modified.")

    v = V().f(u8(0x06), "RestrictType = BitMaskRestriction (0x06)").f(u8(0x00), "BitmapRelOp = BMR_EQZ")
    v.f(u32(0x0E070003), "PropTag = PidTagMessageFlags").f(u32(0x00000001), "Mask = 0x00000001 (mfRead)")
    write(sub, f"2.12.7-bitmask{suffix}", kind, src + " 2.12.7", v, "BitMaskRestriction: unread messages.")

    v = V().f(u8(0x09), "RestrictType = SubObjectRestriction (0x09)").f(u32(0x0E12000D), "Subobject = PidTagMessageRecipients")
    v.f(u8(0x03), "RestrictType = ContentRestriction", 1)
    v.f(u16(1), "FuzzyLevelLow = FL_SUBSTRING", 1).f(u16(1), "FuzzyLevelHigh = FL_IGNORECASE", 1)
    v.f(u32(0x39FE001F), "PropertyTag = PidTagSmtpAddress", 1)
    tagged_str(v, 0x39FE001F, "@example.com", 1)
    write(sub, f"2.12.10-subobject{suffix}", kind, src + " 2.12.10", v, "SubObjectRestriction over the recipients: an address containing @example.com.")

    v = V().f(u8(0x0A), "RestrictType = CommentRestriction (0x0A)").f(u8(1), "TaggedValuesCount = 1 (1 byte)")
    v.f(u32(0x3001001F), "TaggedValues[0].PropertyTag = PidTagDisplayName")
    v.f(utf16z("note"), 'TaggedValues[0].PropertyValue = "note"')
    v.f(u8(1), "RestrictionPresent = 1")
    v.f(u8(0x08), "RestrictType = ExistRestriction", 1).f(u32(0x0037001F), "PropTag = PidTagSubject", 1)
    write(sub, f"2.12.11-comment{suffix}", kind, src + " 2.12.11", v, "CommentRestriction with one tagged value and a restriction.")

    v = V().f(u8(0x0A), "RestrictType = CommentRestriction (0x0A)").f(u8(0), "TaggedValuesCount = 0")
    v.f(u8(0), "RestrictionPresent = 0 (no Restriction follows)")
    write(sub, f"2.12.11-comment-empty{suffix}", kind, src + " 2.12.11", v, "CommentRestriction with nothing in it.")

    v = V().f(u8(0x0B), "RestrictType = CountRestriction (0x0B)").f(u32(10), "Count = 10")
    v.f(u8(0x08), "RestrictType = ExistRestriction", 1).f(u32(0x0E060040), "PropTag = PidTagMessageDeliveryTime", 1)
    write(sub, f"2.12.12-count{suffix}", kind, src + " 2.12.12", v, "CountRestriction: at most 10 messages with a delivery time.")


def typed_values():
    src = "project vector, from the [MS-OXCDATA] 2.11.1 and 2.11.3 layouts (ROP context)"
    cases = [
        ("int16", V().f(u16(0x0002), "PropertyType = PtypInteger16").f(struct.pack("<h", -2), "PropertyValue = -2")),
        ("bool", V().f(u16(0x000B), "PropertyType = PtypBoolean").f(u8(1), "PropertyValue = true (1 byte)")),
        ("float64", V().f(u16(0x0005), "PropertyType = PtypFloating64").f(struct.pack("<d", 1.5), "PropertyValue = 1.5")),
        ("currency", V().f(u16(0x0006), "PropertyType = PtypCurrency").f(struct.pack("<q", 12345678), "PropertyValue = 1234.5678 (scaled by 10000)")),
        ("time", V().f(u16(0x0040), "PropertyType = PtypTime").f(u64(0x01DA3C457689C000), "PropertyValue = FILETIME 2024-01-01T00:00:00Z")),
        ("guid", V().f(u16(0x0048), "PropertyType = PtypGuid").f(bytes.fromhex("2803020000000000c000000000000046"), "PropertyValue = {00020328-0000-0000-C000-000000000046} (PS_MAPI)")),
        ("string8", V().f(u16(0x001E), "PropertyType = PtypString8").f(b"caf\xe9\0", "PropertyValue = 'caf\\xe9' + 0x00 (code page 1252: cafe with acute e)")),
        ("error-code", V().f(u16(0x000A), "PropertyType = PtypErrorCode").f(u32(0x8004010F), "PropertyValue = 0x8004010F (NotFound)")),
        ("null", V().f(u16(0x0001), "PropertyType = PtypNull (no value bytes)")),
        ("mv-string", V().f(u16(0x101F), "PropertyType = PtypMultipleString").f(u32(2), "Count = 2 (4 bytes in every context)")
            .f(utf16z("a"), 'PropertyValue[0] = "a"').f(utf16z(""), 'PropertyValue[1] = ""')),
        ("mv-binary", V().f(u16(0x1102), "PropertyType = PtypMultipleBinary").f(u32(2), "Count = 2 (4 bytes)")
            .f(u16(1), "[0].Count = 1 (2-byte binary count)").f(b"\x01", "[0] bytes").f(u16(0), "[1].Count = 0")),
        ("server-id", V().f(u16(0x00FB), "PropertyType = PtypServerId").f(u16(21), "Count = 21 (16-bit)")
            .f(u8(1), "Ours = 0x01").f(u64(0x0100000000000001), "FolderId").f(u64(0x0100000000000002), "MessageId").f(u32(0), "Instance = 0")),
    ]
    for name, v in cases:
        write("project", f"2.11.3-typed-{name}", "typed-property-value", src, v, f"TypedPropertyValue of {name}.")


PS_PUBLIC_STRINGS = bytes.fromhex("2903020000000000c000000000000046")  # {00020329-0000-0000-C000-000000000046}
PSETID_COMMON = bytes.fromhex("0885060000000000c000000000000046")      # {00062008-0000-0000-C000-000000000046}


def others():
    src = "project vector, built from [MS-OXCDATA]"
    v = V().f(u8(0x00), "Kind = MNID_ID (0x00)").f(PSETID_COMMON, "GUID = PSETID_Common {00062008-0000-0000-C000-000000000046}")
    v.f(u32(0x8580), "LID = 0x00008580")
    write("project", "2.6.1-property-name-lid", "property-name", src + " 2.6.1", v, "PropertyName by LID.")
    v = V().f(u8(0x01), "Kind = MNID_STRING (0x01)").f(PS_PUBLIC_STRINGS, "GUID = PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046}")
    v.f(u8(10), "NameSize = 10 bytes (4 UTF-16 units + the 2-byte terminator)").f(utf16z("Tags"), 'Name = "Tags" + 0x0000')
    write("project", "2.6.1-property-name-string", "property-name", src + " 2.6.1", v, "PropertyName by string.")
    v = V().f(u8(0xFF), "Kind = 0xFF (no name)").f(PS_PUBLIC_STRINGS, "GUID")
    write("project", "2.6.1-property-name-none", "property-name", src + " 2.6.1", v, "PropertyName of Kind 0xFF: nothing follows the GUID.")

    v = V().f(u16(2), "Count = 2 (4-byte form: low half)").f(u16(0), "Count high half = 0")
    v.f(u32(0x3001001F), "PropertyTag = PidTagDisplayName").f(u32(0x39FE001F), "PropertyTag = PidTagSmtpAddress")
    write("project", "2.10-property-tag-array-4", "property-tag-array-4", src + " 2.10", v, "PropertyTagArray with a 4-byte count, as in NSPI bodies.")

    cols = [0x3001001F, 0x0E080003, 0x0FFF0102, 0x0E060040, 0x12340000]
    v = V().f(u8(0x00), "Flag = 0x00 StandardPropertyRow")
    v.f(utf16z("Inbox"), 'ValueArray[0] PidTagDisplayName = "Inbox"', 1)
    v.f(u32(1234), "ValueArray[1] PidTagMessageSize = 1234", 1)
    v.f(u16(3) + b"\x01\x02\x03", "ValueArray[2] PidTagEntryId = Count 3 (2 bytes) + 010203", 1)
    v.f(u64(0x01DA3C457689C000), "ValueArray[3] PidTagMessageDeliveryTime = 2024-01-01T00:00:00Z", 1)
    v.f(u16(0x0003) + u32(7), "ValueArray[4] column 0x12340000 is PtypUnspecified: TypedPropertyValue (PtypInteger32, 7)", 1)
    write("project", "2.8.1.1-standard-row", "property-row", src + " 2.8.1.1, 2.11.3", v,
          "StandardPropertyRow of five columns, the last of type PtypUnspecified.", columns=cols)
    v = V().f(u8(0x01), "Flag = 0x01 FlaggedPropertyRow")
    v.f(u8(0x00) + utf16z("A"), 'ValueArray[0] Flag 0x00, PidTagDisplayName = "A"', 1)
    v.f(u8(0x01), "ValueArray[1] Flag 0x01: no value", 1)
    v.f(u8(0x0A) + u32(0x8004010F), "ValueArray[2] Flag 0x0A: error NotFound (0x8004010F)", 1)
    v.f(u8(0x00) + u64(0x01DA3C457689C000), "ValueArray[3] Flag 0x00, FILETIME", 1)
    v.f(u16(0x001F) + u8(0x00) + utf16z("x"), 'ValueArray[4] PtypUnspecified column: FlaggedPropertyValueWithType (PtypString, Flag 0, "x")', 1)
    write("project", "2.8.1.2-flagged-row", "property-row", src + " 2.8.1.2, 2.11.5, 2.11.6", v,
          "FlaggedPropertyRow with a value, a missing value, an error, and a typed cell.", columns=cols)
    v = V().f(u16(2), "RowCount = 2")
    v.f(u8(0) + u32(5), "Rows[0]: Flag 0, PidTagMessageSize = 5", 1)
    v.f(u8(1) + u8(0x0A) + u32(0x80040102), "Rows[1]: Flag 1, cell Flag 0x0A error 0x80040102", 1)
    write("project", "2.8.2-row-set", "property-row-set", src + " 2.8.2", v, "PropertyRowSet of two one-column rows.", columns=[0x0E080003])
    v = V().f(u16(2), "Count = 2")
    v.f(u16(0) + u32(0x0037001F) + u32(0x80040102), "[0] Index 0, PidTagSubject, error 0x80040102 (NotSupported)", 1)
    v.f(u16(3) + u32(0x0E080003) + u32(0x80070005), "[1] Index 3, PidTagMessageSize, AccessDenied 0x80070005", 1)
    write("project", "2.7-property-problem-array", "property-problem-array", src + " 2.7", v, "PropertyProblemArray of two problems.")
    for name, b, c in [("none", b"\x00", "StringType 0x00: no string"), ("empty", b"\x01", "StringType 0x01: empty"),
                       ("string8", b"\x02abc\x00", "StringType 0x02 + 'abc' + 0x00"),
                       ("reduced", b"\x03abc\x00", "StringType 0x03 (reduced Unicode) + 'abc' + 0x00"),
                       ("unicode", b"\x04" + utf16z("abc"), 'StringType 0x04 + "abc" UTF-16LE + 0x0000')]:
        write("project", f"2.11.7-typed-string-{name}", "typed-string", src + " 2.11.7", V().f(b, c), f"TypedString, {name}.")
    v = V().f(u16(1), "ReplicaId = 0x0001").f(bytes.fromhex("000000000123"), "GlobalCounter = 0x000000000123 (6 bytes)")
    write("project", "2.2.1.1-folder-id", "folder-id", src + " 2.2.1.1", v, "A Folder ID.")
    write("project", "2.2.1.2-message-id", "message-id", src + " 2.2.1.2", v, "A Message ID (same layout as a Folder ID).")
    v = V().f(bytes.fromhex("00112233445566778899aabbccddeeff"), "DatabaseGuid").f(bytes.fromhex("000000000456"), "GlobalCounter").f(u16(0), "Pad = 0")
    write("project", "2.2.1.3.1-long-term-id", "long-term-id", src + " 2.2.1.3.1", v, "A LongTermID.")
    v = V().f(u8(1), "Ours = 0x01").f(u16(1) + bytes.fromhex("000000000123"), "FolderId").f(u16(1) + bytes.fromhex("000000000456"), "MessageId").f(u32(0), "Instance = 0")
    write("project", "2.11.1.4-server-id", "server-id", src + " 2.11.1.4", v, "A ServerId with Ours = 1.")
    v = V().f(u32(0x0037001F), "PropertyTag = PidTagSubject").f(utf16z("Hi"), 'PropertyValue = "Hi"')
    write("project", "2.11.4-tagged-string", "tagged-property-value", src + " 2.11.4", v, "TaggedPropertyValue of a string.")


def hostile():
    src = "hostile input, built from the [MS-OXCDATA] layouts"
    # 100,000 nested NotRestrictions: must stop at the depth limit, not overflow the stack.
    os.makedirs(os.path.join(ROOT, "hostile"), exist_ok=True)
    deep = b"\x02" * 100000 + b"\x08" + u32(0x3001001F)
    hexname = "restriction-not-nested-100000.hex"
    with open(os.path.join(ROOT, "hostile", hexname), "w") as fh:
        data = deep.hex()
        fh.write("\n".join(data[i:i + 128] for i in range(0, len(data), 128)) + "\n")
    with open(os.path.join(ROOT, "hostile", "restriction-not-nested-100000.toml"), "w") as fh:
        fh.write("# 100,000 NotRestrictions (0x02) around an ExistRestriction on PidTagDisplayName.\n"
                 "# Decoding must stop with a limit error at the configured depth.\n"
                 'kind = "restriction"\n'
                 f'source = "{src} 2.12.3"\n'
                 'expect_error = "limit-exceeded"\n'
                 f'hex_file = "{hexname}"\n')
    v = V().f(u16(0xFFFF), "Count = 65535 tags claimed").f(u32(0x3001001F) + u32(0x0E080003), "8 bytes: room for 2 tags")
    write("hostile", "property-tag-array-count-ffff", "property-tag-array", src + " 2.10", v,
          "A PropertyTagArray claiming 0xFFFF tags in 10 bytes: rejected before any allocation.", expect_error="count-too-large")
    v = V().f(u32(0xFFFFFFFF), "Count = 0xFFFFFFFF tags claimed (4-byte count)").f(u32(0x3001001F) + u16(0), "6 bytes")
    write("hostile", "property-tag-array-4-count-ffffffff", "property-tag-array-4", src + " 2.10",
          v, "The 4-byte-count form claiming 0xFFFFFFFF tags in 10 bytes: rejected before any allocation.", expect_error="limit-exceeded")
    v = V().f(u8(0x00), "RestrictType = AndRestriction").f(u16(0xFFFF), "RestrictCount = 65535").f(u8(0x08), "one byte")
    write("hostile", "restriction-and-count-ffff", "restriction", src + " 2.12.1", v,
          "An AndRestriction claiming 65535 children in 1 byte.", expect_error="count-too-large")
    v = V().f(u16(0x1102), "PropertyType = PtypMultipleBinary").f(u32(0x00100000), "Count = 1 Mi values").f(b"\0\0", "2 bytes")
    write("hostile", "typed-mv-binary-count", "typed-property-value", src + " 2.11.1", v,
          "A PtypMultipleBinary claiming 1 Mi values in 2 bytes.", expect_error="count-too-large")
    deep4 = V().f(b"\x02" * 5000, "5,000 NotRestrictions").f(u8(0x08) + u32(0x3001001F), "ExistRestriction")
    write("hostile", "restriction-4-not-nested-5000", "restriction-4", src + " 2.12.3", deep4,
          "5,000 nested NotRestrictions in the 4-byte form: a limit error.", expect_error="limit-exceeded")
    v = V().f(u8(0x01), "Kind = MNID_STRING").f(PS_PUBLIC_STRINGS, "GUID").f(u8(200), "NameSize = 200 (too large)").f(utf16z("a"), '"a"')
    write("hostile", "property-name-namesize-mismatch", "property-name", src + " 2.6.1", v,
          "A PropertyName whose NameSize does not match its Name.", expect_error="invalid-value")
    v = V().f(u16(0x001F), "PropertyType = PtypString").f(b"A\0B\0", "no terminator")
    write("hostile", "typed-string-unterminated", "typed-property-value", src + " 2.11.1", v,
          "A PtypString without its 0x0000 terminator.", expect_error="truncated")


if __name__ == "__main__":
    restrictions(2)
    restrictions(4)
    typed_values()
    others()
    hostile()
