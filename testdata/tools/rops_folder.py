#!/usr/bin/env python3
"""Writes the project vectors of the Folder ROPs ([MS-OXCROPS] 2.2.4, semantics in [MS-OXCFOLD]).

Every field is spelled out here from the request and response buffer diagrams of [MS-OXCROPS]
2.2.4.x.1 (request), 2.2.4.x.2 (success / response) and 2.2.4.x.3 (failure), independently of the
Rust code. Each exchange is a request buffer and the response buffer that answers it; the handle
tables are realistic: a request's output slots hold 0xFFFFFFFF, the response's table holds the new
handles. In each response the last handle-table slot is the one the response names, so no handle
can be cut off the end of a vector without it failing.

Run from anywhere: python3 testdata/tools/rops_folder.py
"""
from ropgen import V, asciiz, fid, id_text as fid_text, pair, request, request_only, response
from ropgen import response_only, u8, u16, u32, utf16z

SUB = "project"
LOGON = 0x0000006E      # Logon object handle
FOLDER = 0x0000007A     # a Folder object (source / parent)
DEST = 0x0000007B       # a second Folder object (destination)
NEW = 0x0000007C        # the object a ROP creates
OUT = 0xFFFFFFFF        # an output slot in a request

S_NOTFOUND = 0x8004010F
S_ACCESSDENIED = 0x80070005
S_NULLDEST = 0x00000503


def src(section):
    return f"project vector, from [MS-OXCROPS] {section} (and [MS-OXCFOLD] 2.2.1)"


def exchange(sec, stem, req, handles, ok, resp_handles, note):
    """The request buffer and the success response of one ROP (sections .1 and .2)."""
    pair(SUB, stem, src(f"{sec}.1, {sec}.2"), [req], handles, [ok], resp_handles, note)


# ---- restriction used by RopSetSearchCriteria / RopGetSearchCriteria ([MS-OXCDATA] 2.12) -----

def search_restriction():
    """AndRestriction of a ContentRestriction (subject contains "report", ignoring case) and an
    ExistRestriction on PidTagMessageDeliveryTime, with the 2-byte counts of ROP buffers."""
    r = V()
    r.f(u8(0x00), "RestrictType = AndRestriction (0x00)")
    r.f(u16(2), "RestrictCount = 2 (2-byte count in ROP buffers)")
    r.f(u8(0x03), "Restricts[0].RestrictType = ContentRestriction (0x03)", 1)
    r.f(u16(0x0001), "Restricts[0].FuzzyLevelLow = FL_SUBSTRING (0x0001)", 1)
    r.f(u16(0x0001), "Restricts[0].FuzzyLevelHigh = FL_IGNORECASE (0x0001)", 1)
    r.f(u32(0x0037001F), "Restricts[0].PropertyTag = PidTagSubject (0x0037001F, PtypString)", 1)
    r.f(u32(0x0037001F), "Restricts[0].TaggedValue.PropertyTag = 0x0037001F", 1)
    r.f(utf16z("report"), 'Restricts[0].TaggedValue.PropertyValue = "report" (UTF-16LE + 0x0000)', 1)
    r.f(u8(0x08), "Restricts[1].RestrictType = ExistRestriction (0x08)", 1)
    r.f(u32(0x0E060040), "Restricts[1].PropTag = PidTagMessageDeliveryTime (0x0E060040)", 1)
    return r


def folder_ids(v, name, counters):
    """FolderIdCount / MessageIdCount and the IDs (ReplicaId 1)."""
    v.f(u16(len(counters)), f"{name}Count = {len(counters)}")
    for i, c in enumerate(counters):
        v.f(fid(1, c), f"{name}s[{i}] = {fid_text(1, c)}")
    return v


# ---- 2.2.4.1 RopOpenFolder ------------------------------------------------------------------

def open_folder_request(explained):
    """The RopOpenFolder request on the Logon object; `explained` adds the notes to the
    comments."""
    req = request(0x02, "RopOpenFolder",
                  ("InputHandleIndex", 0, "the Logon object" if explained else None),
                  ("OutputHandleIndex", 1, "slot for the Folder object" if explained else None))
    req.f(fid(1, 0xA1), f"FolderId = {fid_text(1, 0xA1)}"
          + (" (ReplicaId 1, GlobalCounter big-endian)" if explained else ""))
    return req.f(u8(0x00), "OpenModeFlags = 0x00"
                 + (" (OpenSoftDeleted 0x04 not set)" if explained else ""))


def ghosted(v, server_count, servers, notes):
    """HasRules FALSE and IsGhosted TRUE, then the server list of a ghosted public folder:
    ServerCount, CheapServerCount 1 and the Servers (ESSDNs, ASCII + 0x00). `notes` end the
    comments of HasRules, IsGhosted, ServerCount, CheapServerCount and each server."""
    has_rules, is_ghosted, count, cheap, server = notes
    v.f(u8(0x00), "HasRules = 0x00" + has_rules)
    v.f(u8(0x01), "IsGhosted = 0x01" + is_ghosted)
    v.f(u16(server_count), f"ServerCount = {server_count}" + count)
    v.f(u16(1), "CheapServerCount = 1" + cheap)
    for i, s in enumerate(servers):
        v.f(asciiz(s), f'Servers[{i}] = "{s}"' + server)
    return v


def open_folder(sec):
    stem = f"oxcrops-{sec}-ropopenfolder"
    req = open_folder_request(True)
    ok = response(0x02, "RopOpenFolder", "OutputHandleIndex", 1, 0, "Success", "as in the request")
    ok.f(u8(0x01), "HasRules = 0x01 (TRUE: the folder has rules)")
    ok.f(u8(0x00), "IsGhosted = 0x00 (FALSE: no ServerCount, CheapServerCount, Servers)")
    exchange(sec, stem, req, [LOGON, OUT], ok, [LOGON, FOLDER],
             "RopOpenFolder of a private folder; the success response without the server list")

    # A ghosted public folder: the server list follows IsGhosted.
    g = response(0x02, "RopOpenFolder", "OutputHandleIndex", 1, 0, "Success")
    ghosted(g, 2, ["/o=Contoso/ou=Exchange/cn=Configuration/cn=Servers/cn=PF1",
                   "/o=Contoso/ou=Exchange/cn=Configuration/cn=Servers/cn=PF2"],
            (" (FALSE)", " (TRUE: the server list follows)", "",
             " (the first server is the cheapest)", " (ASCII + 0x00)"))
    response_only(SUB, stem + "-ghosted-response", src(sec + ".2"), [req], [LOGON, OUT],
                  [g], [LOGON, FOLDER],
                  "RopOpenFolder of a ghosted public folder: IsGhosted TRUE, then ServerCount, "
                  "CheapServerCount and the ESSDNs of the replica servers (response)")

    f = response(0x02, "RopOpenFolder", "OutputHandleIndex", 1, S_NOTFOUND, "NotFound")
    response_only(SUB, stem + "-failure-response", src(sec + ".3"), [req], [LOGON, OUT],
                  [f], [LOGON, OUT], "RopOpenFolder failure: nothing after ReturnValue (response)")


# ---- 2.2.4.2 RopCreateFolder ----------------------------------------------------------------

def create_folder_request(output_note, unicode, open_existing, strings):
    """RopCreateFolder of a generic folder; UseUnicodeStrings and OpenExisting as (value,
    comment); `strings` the DisplayName and Comment fields as (bytes, comment)."""
    req = request(0x1C, "RopCreateFolder", ("InputHandleIndex", 0, "the parent Folder object"),
                  ("OutputHandleIndex", 1, output_note))
    req.f(u8(0x01), "FolderType = 0x01 (generic folder)")
    req.f(u8(unicode[0]), f"UseUnicodeStrings = 0x{unicode[0]:02X} ({unicode[1]})")
    req.f(u8(open_existing[0]), f"OpenExisting = 0x{open_existing[0]:02X} ({open_existing[1]})")
    return req.f(u8(0x00), "Reserved = 0x00").rows(strings)


def create_folder(sec):
    stem = f"oxcrops-{sec}-ropcreatefolder"
    req = create_folder_request("slot for the new Folder object",
                                (1, "TRUE: DisplayName and Comment are UTF-16LE"), (0, "FALSE"),
                                [(utf16z("Reports"), 'DisplayName = "Reports" (UTF-16LE + 0x0000)'),
                                 (utf16z("Monthly"), 'Comment = "Monthly" (UTF-16LE + 0x0000)')])
    ok = response(0x1C, "RopCreateFolder", "OutputHandleIndex", 1, 0, "Success")
    ok.f(fid(1, 0xA2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    ok.f(u8(0x00), "IsExistingFolder = 0x00 (FALSE: a new folder; nothing follows)")
    exchange(sec, stem, req, [FOLDER, OUT], ok, [FOLDER, NEW],
             "RopCreateFolder with Unicode strings; a new folder was created")

    # 8-bit strings, OpenExisting: the public folder existed and was opened.
    req8 = create_folder_request(None, (0, "FALSE: 8-bit strings"),
                                 (1, "TRUE: open the folder if it exists"),
                                 [(asciiz("Shared"), 'DisplayName = "Shared" (8-bit + 0x00)'),
                                  (asciiz(""), 'Comment = "" (just the 0x00 terminator)')])
    ex = response(0x1C, "RopCreateFolder", "OutputHandleIndex", 1, 0, "Success")
    ex.f(fid(1, 0xC3D), f"FolderId = {fid_text(1, 0xC3D)} (the existing folder)")
    ex.f(u8(0x01), "IsExistingFolder = 0x01 (TRUE: HasRules and IsGhosted follow)")
    ex.f(u8(0x01), "HasRules = 0x01 (TRUE)")
    ex.f(u8(0x00), "IsGhosted = 0x00 (FALSE: no server list)")
    exchange(sec, stem + "-existing", req8, [FOLDER, OUT], ex, [FOLDER, NEW],
             "RopCreateFolder with 8-bit strings and OpenExisting; the public folder existed")


# ---- 2.2.4.3 RopDeleteFolder ----------------------------------------------------------------

def delete_folder(sec):
    stem = f"oxcrops-{sec}-ropdeletefolder"
    req = request(0x1D, "RopDeleteFolder", ("InputHandleIndex", 0, "the parent Folder object"))
    req.f(u8(0x15), "DeleteFolderFlags = 0x15 (DEL_MESSAGES 0x01 | DEL_FOLDERS 0x04 | DELETE_HARD_DELETE 0x10)")
    req.f(fid(1, 0xA2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    partial_completion(0x1D, "RopDeleteFolder", sec, stem, req, [FOLDER],
                       "RopDeleteFolder of a folder with its messages and subfolders",
                       "some of it could not be deleted",
                       "RopDeleteFolder response with a failure ReturnValue: the one response "
                       "layout still ends with PartialCompletion (response)")


# ---- 2.2.4.4 RopSetSearchCriteria -----------------------------------------------------------

def set_search_criteria(sec):
    stem = f"oxcrops-{sec}-ropsetsearchcriteria"
    r = search_restriction()
    size = len(r.bytes())
    req = request(0x30, "RopSetSearchCriteria", ("InputHandleIndex", 0, "the search Folder object"))
    req.f(u16(size), f"RestrictionDataSize = {size}").add(r, 1)
    folder_ids(req, "FolderId", [0xA1, 0xA4])
    req.f(u32(0x00000006), "SearchFlags = 0x00000006 (RESTART_SEARCH 0x02 | RECURSIVE_SEARCH 0x04)")
    ok = response(0x30, "RopSetSearchCriteria", "InputHandleIndex", 0, 0, "Success")
    exchange(sec, stem, req, [FOLDER], ok, [FOLDER],
             "RopSetSearchCriteria with a restriction and two folders to search")

    reuse = request(0x30, "RopSetSearchCriteria", ("InputHandleIndex", 0))
    reuse.f(u16(0), "RestrictionDataSize = 0 (no RestrictionData: reuse the last restriction)")
    reuse.f(u16(0), "FolderIdCount = 0 (reuse the last folders)")
    reuse.f(u32(0x00000001), "SearchFlags = 0x00000001 (STOP_SEARCH)")
    request_only(SUB, stem + "-reuse-request", src(sec + ".1"), [reuse], [FOLDER],
                 "RopSetSearchCriteria with RestrictionDataSize 0 and FolderIdCount 0: no "
                 "restriction bytes, the previous criteria stay; the search is stopped")


# ---- 2.2.4.5 RopGetSearchCriteria -----------------------------------------------------------

def get_search_criteria(sec):
    stem = f"oxcrops-{sec}-ropgetsearchcriteria"
    req = request(0x31, "RopGetSearchCriteria", ("InputHandleIndex", 0, "the search Folder object"))
    req.f(u8(0x01), "UseUnicode = 0x01 (TRUE)")
    req.f(u8(0x01), "IncludeRestriction = 0x01 (TRUE)")
    req.f(u8(0x01), "IncludeFolders = 0x01 (TRUE)")
    r = search_restriction()
    size = len(r.bytes())
    ok = response(0x31, "RopGetSearchCriteria", "InputHandleIndex", 0, 0, "Success")
    ok.f(u16(size), f"RestrictionDataSize = {size}").add(r, 1)
    ok.f(u8(0x00), "LogonId = 0 (as in the request)")
    folder_ids(ok, "FolderId", [0xA1, 0xA4])
    ok.f(u32(0x00000001), "SearchFlags = 0x00000001 (SEARCH_RUNNING)")
    exchange(sec, stem, req, [FOLDER], ok, [FOLDER],
             "RopGetSearchCriteria with the restriction and the searched folders")


# ---- 2.2.4.6 RopMoveCopyMessages, 2.2.4.7 RopMoveFolder, 2.2.4.8 RopCopyFolder ---------------
# The destination is at index 0 and the source at index 1: the response names the source, so
# its slot is the last of the table.

def move_copy(rop_id, name, sec, source_note, dest_note, fields):
    """The request (source at index 1, destination at 0, then `fields` as (bytes, comment)) and
    its three responses: success, null destination, another failure."""
    stem = f"oxcrops-{sec}-{name.lower()}"
    handles = [DEST, FOLDER]
    req = request(rop_id, name, ("SourceHandleIndex", 1, source_note),
                  ("DestHandleIndex", 0, dest_note)).rows(fields)
    ok = response(rop_id, name, "SourceHandleIndex", 1, 0, "Success", "as in the request")
    ok.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    exchange(sec, stem, req, handles, ok, handles, f"{name} between two folders")
    nd = response(rop_id, name, "SourceHandleIndex", 1, S_NULLDEST, "NullDestinationObject")
    nd.f(u32(0x00000000), "DestHandleIndex = 0 (4 bytes: the request's DestHandleIndex)")
    nd.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    response_only(SUB, stem + "-nulldest-response", src(f"{sec}.3"), [req], handles, [nd], handles,
                  f"{name} null destination failure: ReturnValue 0x00000503, then a 4-byte "
                  "DestHandleIndex and PartialCompletion (response)")
    f = response(rop_id, name, "SourceHandleIndex", 1, S_ACCESSDENIED, "AccessDenied")
    f.f(u8(0x01), "PartialCompletion = 0x01 (TRUE)")
    response_only(SUB, stem + "-failure-response", src(f"{sec}.2"), [req], handles, [f], handles,
                  f"{name} failure other than 0x00000503: the response buffer of {sec}.2, "
                  "PartialCompletion only (response)")


def move_copy_messages():
    move_copy(0x33, "RopMoveCopyMessages", "2.2.4.6", "the source Folder object",
              "the destination Folder object",
              folder_ids(V(), "MessageId", [0xE8E, 0xE8F]).fields + [
                  (u8(0x00), "WantAsynchronous = 0x00 (FALSE)"),
                  (u8(0x01), "WantCopy = 0x01 (TRUE: copy, not move)")])


def move_folder():
    move_copy(0x35, "RopMoveFolder", "2.2.4.7", "the current parent Folder object",
              "the new parent Folder object", [
                  (u8(0x00), "WantAsynchronous = 0x00 (FALSE)"),
                  (u8(0x01), "UseUnicode = 0x01 (TRUE: NewFolderName is UTF-16LE)"),
                  (fid(1, 0xA2F1), f"FolderId = {fid_text(1, 0xA2F1)}"),
                  (utf16z("Archive 2024"), 'NewFolderName = "Archive 2024" (UTF-16LE + 0x0000)')])


def copy_folder():
    move_copy(0x36, "RopCopyFolder", "2.2.4.8", "the parent Folder object of the folder to copy",
              "the destination parent Folder object", [
                  (u8(0x00), "WantAsynchronous = 0x00 (FALSE)"),
                  (u8(0x01), "WantRecursive = 0x01 (TRUE: subfolders too)"),
                  (u8(0x00), "UseUnicode = 0x00 (FALSE: NewFolderName is 8-bit)"),
                  (fid(1, 0xA2F1), f"FolderId = {fid_text(1, 0xA2F1)}"),
                  (asciiz("Copy of Reports"), 'NewFolderName = "Copy of Reports" (8-bit + 0x00)')])


# ---- 2.2.4.3 and 2.2.4.9 - 2.2.4.12: PartialCompletion responses ----------------------------

def partial_completion(rop_id, name, sec, stem, req, handles, note, partial_note, failure_note):
    """Success (PartialCompletion FALSE) and failure (PartialCompletion TRUE) responses on the
    Folder object at index 0: the one response layout of these ROPs."""
    ok = response(rop_id, name, "InputHandleIndex", 0, 0, "Success")
    ok.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    exchange(sec, stem, req, handles, ok, handles, note)
    f = response(rop_id, name, "InputHandleIndex", 0, S_ACCESSDENIED, "AccessDenied")
    f.f(u8(0x01), f"PartialCompletion = 0x01 (TRUE: {partial_note})")
    response_only(SUB, stem + "-failure-response", src(f"{sec}.2"), [req], handles, [f], handles,
                  failure_note)


def empty_and_delete_messages():
    empty = ("the Folder object to empty", "WantDeleteAssociated = 0x01 (TRUE: FAI messages too)",
             [], "with the associated messages")
    messages = ("the Folder object holding the messages", "NotifyNonRead = 0x01 (TRUE)",
                [0xE8E, 0xE8F, 0xE90], "of three messages")
    for rop_id, name, sec, (target, flag, message_ids, what) in [
        (0x58, "RopEmptyFolder", "2.2.4.9", empty),
        (0x92, "RopHardDeleteMessagesAndSubfolders", "2.2.4.10", empty),
        (0x1E, "RopDeleteMessages", "2.2.4.11", messages),
        (0x91, "RopHardDeleteMessages", "2.2.4.12", messages),
    ]:
        req = request(rop_id, name, ("InputHandleIndex", 0, target))
        req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)").f(u8(0x01), flag)
        if message_ids:
            folder_ids(req, "MessageId", message_ids)
        partial_completion(rop_id, name, sec, f"oxcrops-{sec}-{name.lower()}", req, [FOLDER],
                           f"{name} {what}", "some targets failed",
                           f"{name} response with a failure ReturnValue: still PartialCompletion "
                           "(response)")


# ---- 2.2.4.13 RopGetHierarchyTable, 2.2.4.14 RopGetContentsTable -----------------------------

def tables():
    for rop_id, name, sec, flags, flag_text, rows in [
        (0x04, "RopGetHierarchyTable", "2.2.4.13", 0x04,
         "Depth 0x04: all subfolders, not only the children", 12),
        (0x05, "RopGetContentsTable", "2.2.4.14", 0x02, "Associated 0x02: the FAI messages", 3),
    ]:
        stem = f"oxcrops-{sec}-{name.lower()}"
        req = request(rop_id, name, ("InputHandleIndex", 0, "the Folder object"),
                      ("OutputHandleIndex", 1, "slot for the Table object"))
        req.f(u8(flags), f"TableFlags = 0x{flags:02X} ({flag_text})")
        ok = response(rop_id, name, "OutputHandleIndex", 1, 0, "Success")
        ok.f(u32(rows), f"RowCount = {rows}")
        exchange(sec, stem, req, [FOLDER, OUT], ok, [FOLDER, NEW], f"{name} opening a table")
        f = response(rop_id, name, "OutputHandleIndex", 1, S_NOTFOUND, "NotFound")
        response_only(SUB, stem + "-failure-response", src(f"{sec}.3"), [req], [FOLDER, OUT],
                      [f], [FOLDER, OUT], f"{name} failure: nothing after ReturnValue (response)")


# ---- hostile inputs ----------------------------------------------------------------------------

def hostile():
    sub = "hostile"
    # RopOpenFolder answering the request of the project vector, with IsGhosted set and a
    # ServerCount the bytes cannot hold: refused at the count, before anything is allocated.
    g = response(0x02, "RopOpenFolder", "OutputHandleIndex", 1, 0, "Success")
    ghosted(g, 0xFFFF, ["/o"],
            ("", " (TRUE)", " (each string takes at least 1 byte; 3 bytes follow)", "", ""))
    response_only(sub, "oxcrops-2.2.4.1-ropopenfolder-servercount-ffff",
                  "hostile vector, [MS-OXCROPS] 2.2.4.1.2 layout", [open_folder_request(False)],
                  [LOGON, OUT], [g], [LOGON, FOLDER],
                  "RopOpenFolder success with ServerCount 0xFFFF and one short string",
                  expect_error="count-too-large")

    # RopSetSearchCriteria whose RestrictionDataSize is one byte longer than the restriction:
    # the restriction must fill RestrictionData exactly.
    q = request(0x30, "RopSetSearchCriteria", ("InputHandleIndex", 0))
    q.f(u16(6), "RestrictionDataSize = 6 (the restriction below takes 5)")
    q.f(u8(0x08), "RestrictType = ExistRestriction (0x08)", 1)
    q.f(u32(0x0037001F), "PropTag = PidTagSubject", 1)
    q.f(u8(0x00), "one byte of RestrictionData the restriction does not use", 1)
    q.f(u16(0), "FolderIdCount = 0")
    q.f(u32(0), "SearchFlags = 0")
    request_only(sub, "oxcrops-2.2.4.4-ropsetsearchcriteria-restrictiondatasize-long",
                 "hostile vector, [MS-OXCROPS] 2.2.4.4.1 layout", [q], [FOLDER],
                 "RopSetSearchCriteria with RestrictionDataSize larger than its restriction",
                 expect_error="trailing-bytes")

    # RopCreateFolder with UseUnicodeStrings 0x02: a Boolean is 0x00 or 0x01.
    c = request(0x1C, "RopCreateFolder", ("InputHandleIndex", 0), ("OutputHandleIndex", 1))
    c.f(u8(0x01), "FolderType = 0x01")
    c.f(u8(0x02), "UseUnicodeStrings = 0x02 (not a Boolean value)")
    c.f(u8(0x00), "OpenExisting = 0x00")
    c.f(u8(0x00), "Reserved = 0x00")
    c.f(utf16z("A"), 'DisplayName = "A" (UTF-16LE)')
    c.f(utf16z(""), 'Comment = ""')
    request_only(sub, "oxcrops-2.2.4.2-ropcreatefolder-useunicodestrings-2",
                 "hostile vector, [MS-OXCROPS] 2.2.4.2.1 layout", [c], [FOLDER, OUT],
                 "RopCreateFolder with UseUnicodeStrings 0x02, which selects neither string form",
                 expect_error="invalid-value")


if __name__ == "__main__":
    open_folder("2.2.4.1")
    create_folder("2.2.4.2")
    delete_folder("2.2.4.3")
    set_search_criteria("2.2.4.4")
    get_search_criteria("2.2.4.5")
    move_copy_messages()
    move_folder()
    copy_folder()
    empty_and_delete_messages()
    tables()
    hostile()
