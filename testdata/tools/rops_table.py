#!/usr/bin/env python3
"""Writes the vectors of the Table ROPs ([MS-OXCROPS] 2.2.5, semantics in [MS-OXCTABL]).

testdata/vectors/project/oxcrops-2.2.5.*-<rop>-{request,response}.toml: for every ROP of the
family a ROP input buffer and the ROP output buffer that answers it, each field spelled out from
[MS-OXCROPS] 2.2.5 (independently of the Rust code). Responses whose rows need the table's
columns carry the RopSetColumns in the same request buffer, before the ROP.

testdata/vectors/ms-oxctabl/4.*.toml: the byte examples of [MS-OXCTABL] section 4 for this
family's ROPs, transcribed by hand as single ROPs (kind rop-request / rop-response).

The handle table of every buffer is that of a client that opened a folder (Server object handle
0x00000023, index 0) and its contents table (handle 0x00000041, index 1); the table ROPs run on
index 1.
"""
from ropgen import V, pair, request, request_only, response, response_only, transcribed, u8, u16
from ropgen import u32, u64, utf16z

SUB = "project"
HANDLES = [0x00000023, 0x00000041]
TABLE = 1

PID_TAG_SUBJECT = 0x0037001F          # PtypString
PID_TAG_MESSAGE_SIZE = 0x0E080003     # PtypInteger32
PID_TAG_INST_ID = 0x674D0014          # PtypInteger64
COLUMNS = [PID_TAG_SUBJECT, PID_TAG_MESSAGE_SIZE, PID_TAG_INST_ID]
COLUMN_NAMES = {
    PID_TAG_SUBJECT: "PidTagSubject (PtypString)",
    PID_TAG_MESSAGE_SIZE: "PidTagMessageSize (PtypInteger32)",
    PID_TAG_INST_ID: "PidTagInstID (PtypInteger64)",
}

TABLE_STATUS = {0x00: "TBLSTAT_COMPLETE", 0x09: "TBLSTAT_SORTING", 0x0E: "TBLSTAT_RESTRICTING",
                0x0B: "TBLSTAT_SETTING_COLS"}
BOOKMARKS = {0: "BOOKMARK_BEGINNING", 1: "BOOKMARK_CURRENT", 2: "BOOKMARK_END", 3: "BOOKMARK_CUSTOM"}


def src(section):
    return f"project vector, built from [MS-OXCROPS] {section} and [MS-OXCTABL]"


def head(rop_id, name):
    return request(rop_id, name, ("InputHandleIndex", TABLE, "the contents table"))


def rhead(rop_id, name, rv=0):
    return response(rop_id, name, "InputHandleIndex", TABLE, rv,
                    "success" if rv == 0 else "failure", "as in the request")


def status(v, s):
    return v.f(u8(s), f"TableStatus = 0x{s:02X} ({TABLE_STATUS[s]}, [MS-OXCTABL] 2.2.2.1.3)")


def column_tags(v):
    """PropertyTagCount and PropertyTags: the COLUMNS."""
    v.f(u16(len(COLUMNS)), f"PropertyTagCount = {len(COLUMNS)}")
    for c in COLUMNS:
        v.f(u32(c), f"PropertyTags: 0x{c:08X} {COLUMN_NAMES[c]}", 1)
    return v


def set_columns_request():
    v = head(0x12, "RopSetColumns").f(u8(0x00), "SetColumnsFlags = 0x00 (wait for completion)")
    return column_tags(v)


def set_columns_response():
    return status(rhead(0x12, "RopSetColumns"), 0x00)


def row(subject, size, inst_id, d=1):
    """A StandardPropertyRow of COLUMNS ([MS-OXCDATA] 2.8.1.1)."""
    v = V()
    v.f(u8(0x00), "Flag = 0x00 (StandardPropertyRow)", d)
    v.f(utf16z(subject), f'ValueArray[0] PidTagSubject = "{subject}" (UTF-16LE + 0x0000)', d + 1)
    v.f(u32(size), f"ValueArray[1] PidTagMessageSize = {size}", d + 1)
    v.f(u64(inst_id), f"ValueArray[2] PidTagInstID = 0x{inst_id:016X}", d + 1)
    return v


def flagged_row(subject, inst_id, d=1):
    """A FlaggedPropertyRow of COLUMNS ([MS-OXCDATA] 2.8.1.2): the size is missing."""
    v = V()
    v.f(u8(0x01), "Flag = 0x01 (FlaggedPropertyRow)", d)
    v.f(u8(0x00), "ValueArray[0] Flag = 0x00 (value present)", d + 1)
    v.f(utf16z(subject), f'ValueArray[0] PidTagSubject = "{subject}"', d + 1)
    v.f(u8(0x0A), "ValueArray[1] Flag = 0x0A (error code follows)", d + 1)
    v.f(u32(0x8004010F), "ValueArray[1] PidTagMessageSize error = 0x8004010F (ecNotFound)", d + 1)
    v.f(u8(0x00), "ValueArray[2] Flag = 0x00 (value present)", d + 1)
    v.f(u64(inst_id), f"ValueArray[2] PidTagInstID = 0x{inst_id:016X}", d + 1)
    return v


def exchange(section, stem, req_rops, resp_rops, note):
    pair(SUB, f"oxcrops-{section}-{stem}", src(section), req_rops, HANDLES, resp_rops, HANDLES,
         note)


def restriction_exist(tag, d=1):
    v = V()
    v.f(u8(0x08), "RestrictType = 0x08 (ExistRestriction, [MS-OXCDATA] 2.12.9)", d)
    v.f(u32(tag), f"PropTag = 0x{tag:08X}", d)
    return v


def restriction_and(d=1):
    """AndRestriction (2-byte count) of a ContentRestriction and an ExistRestriction."""
    v = V()
    v.f(u8(0x00), "RestrictType = 0x00 (AndRestriction, [MS-OXCDATA] 2.12.1)", d)
    v.f(u16(2), "RestrictCount = 2 (2 bytes in ROP buffers)", d)
    v.f(u8(0x03), "RestrictType = 0x03 (ContentRestriction, [MS-OXCDATA] 2.12.4)", d + 1)
    v.f(u16(0x0001), "FuzzyLevelLow = 0x0001 (FL_SUBSTRING)", d + 1)
    v.f(u16(0x0001), "FuzzyLevelHigh = 0x0001 (FL_IGNORECASE)", d + 1)
    v.f(u32(PID_TAG_SUBJECT), "PropertyTag = 0x0037001F (PidTagSubject)", d + 1)
    v.f(u32(PID_TAG_SUBJECT), "TaggedValue.PropertyTag = 0x0037001F", d + 1)
    v.f(utf16z("plan"), 'TaggedValue.PropertyValue = "plan"', d + 1)
    v.add(restriction_exist(PID_TAG_MESSAGE_SIZE, d + 1))
    return v


def sized(v, name, data, note="", size_note=""):
    """A 2-byte <name>Size and the <name> bytes (a bookmark, a collapse state) after it."""
    v.f(u16(len(data)), f"{name}Size = {len(data)}{size_note}")
    return v.f(data, name + note) if data else v


def restriction_data(v, r, size_note=""):
    """RestrictionDataSize and RestrictionData (a V; empty: no restriction)."""
    v.f(u16(len(r.bytes())), f"RestrictionDataSize = {len(r.bytes())}{size_note}")
    return v.add(r)


def query_rows(count, notes=("", "", "")):
    """A RopQueryRows request: QueryRowsFlags 0x00 (advance), ForwardRead TRUE, RowCount."""
    v = head(0x15, "RopQueryRows").f(u8(0x00), "QueryRowsFlags = 0x00" + notes[0])
    v.f(u8(0x01), "ForwardRead = 0x01" + notes[1])
    return v.f(u16(count), f"RowCount = {count}" + notes[2])


def find_row(flags, r, origin, bookmark, notes):
    """A RopFindRow request; `notes` explain FindRowFlags, Origin and the bookmark (or its
    absence)."""
    v = head(0x4F, "RopFindRow").f(u8(flags), f"FindRowFlags = 0x{flags:02X}{notes[0]}")
    restriction_data(v, r).f(u8(origin), f"Origin = 0x{origin:02X} ({BOOKMARKS[origin]}{notes[1]})")
    return sized(v, "Bookmark", bookmark, "", notes[2])


def found(visible, has_row, notes):
    """The start of a RopFindRow response: RowNoLongerVisible and HasRowData."""
    v = rhead(0x4F, "RopFindRow").f(u8(visible), f"RowNoLongerVisible = 0x{visible:02X}{notes[0]}")
    return v.f(u8(has_row), f"HasRowData = 0x{has_row:02X}{notes[1]}")


def main():
    # 2.2.5.1 RopSetColumns
    exchange("2.2.5.1", "ropsetcolumns", [set_columns_request()], [set_columns_response()],
             "RopSetColumns: three columns on the contents table; the server completes at once")

    # 2.2.5.2 RopSortTable
    v = head(0x13, "RopSortTable")
    v.f(u8(0x01), "SortTableFlags = 0x01 (TBL_ASYNC, [MS-OXCTABL] 2.2.2.1.4)")
    v.f(u16(2), "SortOrderCount = 2")
    v.f(u16(1), "CategoryCount = 1 (the first sort order is a category)")
    v.f(u16(0), "ExpandedCount = 0 (the category starts collapsed)")
    for i, (ptype, type_name, pid, id_name, order, order_name) in enumerate([
            (0x001F, "PtypString", 0x0037, "PidTagSubject", 0x00, "TABLE_SORT_ASCEND"),
            (0x0040, "PtypTime", 0x0E06, "PidTagMessageDeliveryTime", 0x01, "TABLE_SORT_DESCEND")]):
        v.f(u16(ptype), f"SortOrders[{i}].PropertyType = 0x{ptype:04X} ({type_name})", 1)
        v.f(u16(pid), f"SortOrders[{i}].PropertyId = 0x{pid:04X} ({id_name})", 1)
        v.f(u8(order), f"SortOrders[{i}].Order = 0x{order:02X} ({order_name})", 1)
    exchange("2.2.5.2", "ropsorttable", [v], [status(rhead(0x13, "RopSortTable"), 0x09)],
             "RopSortTable: categorized by subject, newest first; sorting goes on asynchronously")

    # 2.2.5.3 RopRestrict
    v = head(0x14, "RopRestrict").f(u8(0x00), "RestrictFlags = 0x00 (wait for completion)")
    exchange("2.2.5.3", "roprestrict", [restriction_data(v, restriction_and(1))],
             [status(rhead(0x14, "RopRestrict"), 0x00)],
             "RopRestrict: subjects containing \"plan\" that have a message size")
    v = head(0x14, "RopRestrict").f(u8(0x00), "RestrictFlags = 0x00")
    restriction_data(v, V(), " (no RestrictionData: the restriction is removed)")
    exchange("2.2.5.3", "roprestrict-none", [v], [status(rhead(0x14, "RopRestrict"), 0x00)],
             "RopRestrict with RestrictionDataSize 0: no restriction")

    # 2.2.5.4 RopQueryRows (with its RopSetColumns)
    w = rhead(0x15, "RopQueryRows")
    w.f(u8(0x02), "Origin = 0x02 (BOOKMARK_END: no more rows)")
    w.f(u16(2), "RowCount = 2")
    w.add(row("Plan", 1024, 0x0001000000000A01))
    w.add(flagged_row("Budget", 0x0001000000000A02))
    exchange("2.2.5.4", "ropqueryrows",
             [set_columns_request(),
              query_rows(50, (" (Advance)", " (TRUE: forwards)", " (at most)"))],
             [set_columns_response(), w],
             "RopSetColumns then RopQueryRows: two rows of the three columns, the second flagged")
    # A failure: no fields after ReturnValue.
    exchange("2.2.5.4", "ropqueryrows-failure", [query_rows(50, (" (Advance)", "", ""))],
             [rhead(0x15, "RopQueryRows", 0x80040102)],
             "RopQueryRows failing with ecNotSupported (0x80040102): the failure response "
             "buffer ([MS-OXCROPS] 2.2.5.4.3) ends at ReturnValue")

    # 2.2.5.5 RopAbort
    exchange("2.2.5.5", "ropabort", [head(0x38, "RopAbort")],
             [status(rhead(0x38, "RopAbort"), 0x00)],
             "RopAbort: the asynchronous operation is stopped; nothing is in progress")

    # 2.2.5.6 RopGetStatus
    exchange("2.2.5.6", "ropgetstatus", [head(0x16, "RopGetStatus")],
             [status(rhead(0x16, "RopGetStatus"), 0x0E)],
             "RopGetStatus: a RopRestrict is still in progress")

    # 2.2.5.7 RopQueryPosition
    w = rhead(0x17, "RopQueryPosition")
    w.f(u32(3), "Numerator = 3 (the cursor is on row 3, 0-based)")
    w.f(u32(21), "Denominator = 21 (rows in the table)")
    exchange("2.2.5.7", "ropqueryposition", [head(0x17, "RopQueryPosition")], [w],
             "RopQueryPosition: row 3 of 21")

    # 2.2.5.8 RopSeekRow
    v = head(0x18, "RopSeekRow")
    v.f(u8(0x02), "Origin = 0x02 (BOOKMARK_END)")
    v.f(u32(0xFFFFFFF6), "RowCount = -10 (signed: backwards)")
    v.f(u8(0x01), "WantRowMovedCount = 0x01 (TRUE)")
    w = rhead(0x18, "RopSeekRow")
    w.f(u8(0x01), "HasSoughtLess = 0x01 (TRUE: fewer rows than requested)")
    w.f(u32(0xFFFFFFF9), "RowsSought = -7 (signed)")
    exchange("2.2.5.8", "ropseekrow", [v], [w],
             "RopSeekRow: 10 rows back from the end; only 7 rows were there")

    # 2.2.5.9 RopSeekRowBookmark
    bm = bytes([0x01, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00])
    v = sized(head(0x19, "RopSeekRowBookmark"), "Bookmark", bm,
              " (opaque, from an earlier RopCreateBookmark)")
    v.f(u32(5), "RowCount = 5 (forwards)")
    v.f(u8(0x01), "WantRowMovedCount = 0x01 (TRUE)")
    w = rhead(0x19, "RopSeekRowBookmark")
    w.f(u8(0x00), "RowNoLongerVisible = 0x00 (FALSE)")
    w.f(u8(0x00), "HasSoughtLess = 0x00 (FALSE)")
    w.f(u32(5), "RowsSought = 5")
    exchange("2.2.5.9", "ropseekrowbookmark", [v], [w],
             "RopSeekRowBookmark: 5 rows forwards from a bookmark")

    # 2.2.5.10 RopSeekRowFractional
    v = head(0x1A, "RopSeekRowFractional")
    v.f(u32(1), "Numerator = 1")
    v.f(u32(2), "Denominator = 2 (the middle of the table)")
    exchange("2.2.5.10", "ropseekrowfractional", [v], [rhead(0x1A, "RopSeekRowFractional")],
             "RopSeekRowFractional: to the middle of the table; the response ends at "
             "ReturnValue")

    # 2.2.5.11 RopCreateBookmark
    exchange("2.2.5.11", "ropcreatebookmark", [head(0x1B, "RopCreateBookmark")],
             [sized(rhead(0x1B, "RopCreateBookmark"), "Bookmark", bm, " (opaque to the client)")],
             "RopCreateBookmark: an 8-byte bookmark at the cursor")

    # 2.2.5.12 RopQueryColumnsAll
    exchange("2.2.5.12", "ropquerycolumnsall", [head(0x37, "RopQueryColumnsAll")],
             [column_tags(rhead(0x37, "RopQueryColumnsAll"))],
             "RopQueryColumnsAll: the table has three columns")

    # 2.2.5.13 RopFindRow (with its RopSetColumns)
    r = restriction_exist(PID_TAG_SUBJECT, 1)
    w = found(0x00, 0x01, (" (FALSE)", " (TRUE: RowData follows)"))
    w.add(row("Plan", 1024, 0x0001000000000A01, 0))
    exchange("2.2.5.13", "ropfindrow",
             [set_columns_request(),
              find_row(0x00, r, 0x03, bm,
                       (" (forwards, [MS-OXCTABL] 2.2.2.14.1)", ": start at Bookmark", ""))],
             [set_columns_response(), w],
             "RopSetColumns then RopFindRow from a custom bookmark: the row found")
    exchange("2.2.5.13", "ropfindrow-no-row",
             [find_row(0x01, r, 0x01, b"", (" (backwards)", "", " (no Bookmark)"))],
             [found(0x01, 0x00, (" (TRUE)", " (FALSE: no RowData, so no columns are needed)"))],
             "RopFindRow backwards from the cursor, answered without RowData")

    # 2.2.5.14 RopFreeBookmark
    exchange("2.2.5.14", "ropfreebookmark", [sized(head(0x89, "RopFreeBookmark"), "Bookmark", bm)],
             [rhead(0x89, "RopFreeBookmark")],
             "RopFreeBookmark: releases the bookmark; the response ends at ReturnValue")

    # 2.2.5.15 RopResetTable
    exchange("2.2.5.15", "ropresettable", [head(0x81, "RopResetTable")],
             [rhead(0x81, "RopResetTable")],
             "RopResetTable; the response ends at ReturnValue")

    # 2.2.5.16 RopExpandRow (with its RopSetColumns)
    v = head(0x59, "RopExpandRow")
    v.f(u16(2), "MaxRowCount = 2")
    v.f(u64(0x0001000000000C01), "CategoryId = 0x0001000000000C01 (PidTagInstID of the header row)")
    w = rhead(0x59, "RopExpandRow")
    w.f(u32(4), "ExpandedRowCount = 4 (rows in the category)")
    w.f(u16(2), "RowCount = 2")
    w.add(row("Plan", 1024, 0x0001000000000A01))
    w.add(row("Plan v2", 2048, 0x0001000000000A03))
    exchange("2.2.5.16", "ropexpandrow", [set_columns_request(), v],
             [set_columns_response(), w],
             "RopSetColumns then RopExpandRow: two of the category's four rows")

    # 2.2.5.17 RopCollapseRow
    v = head(0x5A, "RopCollapseRow")
    v.f(u64(0x0001000000000C01), "CategoryId = 0x0001000000000C01")
    w = rhead(0x5A, "RopCollapseRow")
    w.f(u32(4), "CollapsedRowCount = 4")
    exchange("2.2.5.17", "ropcollapserow", [v], [w], "RopCollapseRow: four rows hidden")

    # 2.2.5.18 RopGetCollapseState
    cs = bytes([0x02, 0x00, 0x00, 0x00, 0x01, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00])
    v = head(0x6B, "RopGetCollapseState")
    v.f(u64(0x0001000000000A01), "RowId = 0x0001000000000A01 (the row kept as the cursor)")
    v.f(u32(0), "RowInstanceNumber = 0")
    exchange("2.2.5.18", "ropgetcollapsestate", [v],
             [sized(rhead(0x6B, "RopGetCollapseState"), "CollapseState", cs,
                    " (opaque to the client)")],
             "RopGetCollapseState: a 12-byte collapse state")

    # 2.2.5.19 RopSetCollapseState
    exchange("2.2.5.19", "ropsetcollapsestate",
             [sized(head(0x6C, "RopSetCollapseState"), "CollapseState", cs,
                    " (from RopGetCollapseState)")],
             [sized(rhead(0x6C, "RopSetCollapseState"), "Bookmark", bm,
                    " (the cursor of the restored state)")],
             "RopSetCollapseState: the state restored, with a bookmark on its cursor row")

    transcribed("ms-oxctabl", SPEC_EXAMPLES)
    hostile()


def hostile():
    """Inputs that must be refused, each with the error kind it must give."""
    sub = "hostile"
    hsrc = "hostile input, built from [MS-OXCROPS] 2.2.5"

    v = head(0x14, "RopRestrict").f(u8(0x00), "RestrictFlags = 0x00")
    v.f(u16(6), "RestrictionDataSize = 6, but the restriction below takes 5 bytes")
    v.add(restriction_exist(PID_TAG_SUBJECT, 2))
    v.f(u8(0x00), "one byte inside RestrictionDataSize that no restriction field reads")
    request_only(sub, "oxcrops-roprestrict-size-past-restriction", hsrc, [v], HANDLES,
                 "RopRestrict whose RestrictionData does not fill RestrictionDataSize: trailing "
                 "bytes inside the field", expect_error="trailing-bytes")

    v = head(0x13, "RopSortTable")
    v.f(u8(0x00), "SortTableFlags = 0x00")
    v.f(u16(0xFFFF), "SortOrderCount = 65535, with no SortOrders behind it")
    v.f(u16(0), "CategoryCount = 0")
    v.f(u16(0), "ExpandedCount = 0")
    request_only(sub, "oxcrops-ropsorttable-count-ffff", hsrc, [v], HANDLES,
                 "RopSortTable claiming 65535 sort orders (5 bytes each) in 0 bytes: refused "
                 "before anything is allocated", expect_error="count-too-large")

    w = rhead(0x15, "RopQueryRows").f(u8(0x02), "Origin = 0x02")
    w.f(u16(0xFFFF), "RowCount = 65535 rows (at least 1 byte each), none of them present")
    response_only(sub, "oxcrops-ropqueryrows-rowcount-ffff", hsrc,
                  [set_columns_request(), query_rows(0xFFFF)], HANDLES,
                  [set_columns_response(), w], HANDLES,
                  "RopQueryRows response claiming 65535 rows with no bytes left: refused before "
                  "anything is allocated", expect_error="count-too-large")

    response_only(sub, "oxcrops-ropfindrow-hasrowdata-2", hsrc,
                  [set_columns_request(), find_row(0x00, V(), 0x00, b"", ("", "", ""))], HANDLES,
                  [set_columns_response(),
                   found(0x00, 0x02,
                         ("", ": neither TRUE (0x01) nor FALSE (0x00), [MS-OXCTABL] 2.2.2.14.2"))],
                  HANDLES, "RopFindRow response whose HasRowData is 0x02",
                  expect_error="invalid-value")


# [MS-OXCTABL] section 4, transcribed by hand from the examples' dumps.
SORT_REQUEST = "4.3.1-ropsorttable-request"
SPEC_EXAMPLES = [
    ("4.2.1-ropsetcolumns-request", "rop-request",
     "[MS-OXCTABL] 4.2.1 Client Request Buffer (RopSetColumns)",
     "[MS-OXCTABL] 4.2.1: the complete RopSetColumns request of the example, 30 bytes "
     "(0000: 12 00 01 00 06 00 14 00-48 67 14 00 4a 67 14 00 / "
     "0010: 4d 67 03 00 4e 67 1f 00-37 00 40 00 06 0e), transcribed by hand", None, [
         ("12", "RopId = 0x12 (RopSetColumns)"),
         ("00", "LogonID = 0x00"),
         ("01", "InputHandleIndex = 0x01"),
         ("00", "SetColumnsFlags = 0x00 (synchronous)"),
         ("06 00", "PropertyTagCount = 6 (the example labels it PropertyValueCount)"),
         [("14 00 48 67", "PropertyTags: 0x67480014 PidTagFolderId"),
          ("14 00 4a 67", "PropertyTags: 0x674A0014 PidTagMid"),
          ("14 00 4d 67", "PropertyTags: 0x674D0014 PidTagInstID"),
          ("03 00 4e 67", "PropertyTags: 0x674E0003 PidTagInstanceNum"),
          ("1f 00 37 00", "PropertyTags: 0x0037001F PidTagSubject"),
          ("40 00 06 0e", "PropertyTags: 0x0E060040 PidTagMessageDeliveryTime")],
     ]),
    (SORT_REQUEST, "rop-request", "[MS-OXCTABL] 4.3.1 Client Request Buffer (RopSortTable)",
     "[MS-OXCTABL] 4.3.1: the complete RopSortTable request of the example, 20 bytes "
     "(0000: 13 00 00 00 02 00 01 00-01 00 1f 30 08 80 00 40 / 0010: 00 06 0e 01), "
     "transcribed by hand", None, [
         ("13", "RopId = 0x13 (RopSortTable)"),
         ("00", "LogonID = 0x00"),
         ("00", "InputHandleIndex = 0x00 (the table to sort)"),
         ("00", "SortTableFlags = 0x00 (synchronous)"),
         ("02 00", "SortOrderCount = 2"),
         ("01 00", "CategoryCount = 1"),
         ("01 00", "ExpandedCount = 1"),
         [("1f 30 08 80",
           "SortOrders[0] PropertyType 0x301F, PropertyId 0x8008 (the example prints the tag "
           "0x8008301F)"),
          ("00", "SortOrders[0] Order = 0x00 (TABLE_SORT_ASCEND)"),
          ("40 00 06 0e",
           "SortOrders[1] PropertyType 0x0040, PropertyId 0x0E06 (PidTagMessageDeliveryTime)"),
          ("01", "SortOrders[1] Order = 0x01 (TABLE_SORT_DESCEND)")],
     ]),
    ("4.3.2-ropsorttable-response", "rop-response",
     "[MS-OXCTABL] 4.3.2 Server Response to Client Request (RopSortTable)",
     "[MS-OXCTABL] 4.3.2: the complete RopSortTable response of the example, 7 bytes "
     "(0000: 13 01 00 00 00 00 00), answering the request of 4.3.1; transcribed by hand",
     SORT_REQUEST, [
         ("13", "RopId = 0x13 (RopSortTable)"),
         ("01", "InputHandleIndex = 0x01 (as printed; the request of 4.3.1 has 0x00)"),
         ("00 00 00 00", "ReturnValue = 0x00000000 (Success)"),
         ("00", "TableStatus = 0x00 (TBLSTAT_COMPLETE)"),
     ]),
    ("4.5.3.1-ropqueryrows-request", "rop-request",
     "[MS-OXCTABL] 4.5.3.1 Client Request Buffer (RopQueryRows)",
     "[MS-OXCTABL] 4.5.3.1: the complete RopQueryRows request of the example, 7 bytes "
     "(0000: 15 00 00 00 01 32 00), transcribed by hand", None, [
         ("15", "RopId = 0x15 (RopQueryRows)"),
         ("00", "LogonID = 0x00"),
         ("00", "InputHandleIndex = 0x00 (the table to query)"),
         ("00", "QueryRowsFlags = 0x00 (Advance)"),
         ("01", "ForwardRead = 0x01 (forwards)"),
         ("32 00", "RowCount = 0x0032 (at most 50 rows)"),
     ]),
]


if __name__ == "__main__":
    main()
