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
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ropgen import V, buffer, pair, write, u8, u16, u32, utf16z, asciiz  # noqa: E402

SUB = "project"
LOGON = 0x0000006E      # Logon object handle
FOLDER = 0x0000007A     # a Folder object (source / parent)
DEST = 0x0000007B       # a second Folder object (destination)
NEW = 0x0000007C        # the object a ROP creates
OUT = 0xFFFFFFFF        # an output slot in a request

S_NOTFOUND = 0x8004010F
S_ACCESSDENIED = 0x80070005
S_NULLDEST = 0x00000503


def fid(replica, counter):
    """Folder ID / Message ID ([MS-OXCDATA] 2.2.1.1): ReplicaId (2 bytes LE), GlobalCounter
    (6 bytes, big-endian)."""
    return u16(replica) + counter.to_bytes(6, "big")


def fid_text(replica, counter):
    return f"{replica:04X}-{counter:012X}"


def src(section):
    return f"project vector, from [MS-OXCROPS] {section} (and [MS-OXCFOLD] 2.2.1)"


def rv(v, value, name):
    v.f(u32(value), f"ReturnValue = 0x{value:08X} ({name})")


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


def add(v, part, d=0):
    for b, c, dd in part.fields:
        v.f(b, c, d + dd)


# ---- 2.2.4.1 RopOpenFolder ------------------------------------------------------------------

def open_folder():
    sec = "2.2.4.1"
    stem = "oxcrops-2.2.4.1-ropopenfolder"
    req = V()
    req.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0 (the Logon object)")
    req.f(u8(0x01), "OutputHandleIndex = 1 (slot for the Folder object)")
    req.f(fid(1, 0x0000000000A1), f"FolderId = {fid_text(1, 0xA1)} (ReplicaId 1, GlobalCounter big-endian)")
    req.f(u8(0x00), "OpenModeFlags = 0x00 (OpenSoftDeleted 0x04 not set)")

    ok = V()
    ok.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    ok.f(u8(0x01), "OutputHandleIndex = 1 (as in the request)")
    rv(ok, 0, "Success")
    ok.f(u8(0x01), "HasRules = 0x01 (TRUE: the folder has rules)")
    ok.f(u8(0x00), "IsGhosted = 0x00 (FALSE: no ServerCount, CheapServerCount, Servers)")
    pair(SUB, stem, src(sec + ".1, " + sec + ".2"), [req], [LOGON, OUT], [ok], [LOGON, FOLDER],
         "RopOpenFolder of a private folder; the success response without the server list")

    # A ghosted public folder: the server list follows IsGhosted.
    g = V()
    g.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    g.f(u8(0x01), "OutputHandleIndex = 1")
    rv(g, 0, "Success")
    g.f(u8(0x00), "HasRules = 0x00 (FALSE)")
    g.f(u8(0x01), "IsGhosted = 0x01 (TRUE: the server list follows)")
    g.f(u16(2), "ServerCount = 2")
    g.f(u16(1), "CheapServerCount = 1 (the first server is the cheapest)")
    s1 = "/o=Contoso/ou=Exchange/cn=Configuration/cn=Servers/cn=PF1"
    s2 = "/o=Contoso/ou=Exchange/cn=Configuration/cn=Servers/cn=PF2"
    g.f(asciiz(s1), f'Servers[0] = "{s1}" (ASCII + 0x00)')
    g.f(asciiz(s2), f'Servers[1] = "{s2}" (ASCII + 0x00)')
    write(SUB, stem + "-ghosted-response", "rop-response-buffer", src(sec + ".2"),
          buffer([g], [LOGON, FOLDER]),
          "RopOpenFolder of a ghosted public folder: IsGhosted TRUE, then ServerCount, "
          "CheapServerCount and the ESSDNs of the replica servers (response)",
          request=buffer([req], [LOGON, OUT]))

    f = V()
    f.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    f.f(u8(0x01), "OutputHandleIndex = 1")
    rv(f, S_NOTFOUND, "NotFound")
    write(SUB, stem + "-failure-response", "rop-response-buffer", src(sec + ".3"),
          buffer([f], [LOGON, OUT]),
          "RopOpenFolder failure: nothing after ReturnValue (response)",
          request=buffer([req], [LOGON, OUT]))


# ---- 2.2.4.2 RopCreateFolder ----------------------------------------------------------------

def create_folder():
    sec = "2.2.4.2"
    stem = "oxcrops-2.2.4.2-ropcreatefolder"
    req = V()
    req.f(u8(0x1C), "RopId = 0x1C (RopCreateFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0 (the parent Folder object)")
    req.f(u8(0x01), "OutputHandleIndex = 1 (slot for the new Folder object)")
    req.f(u8(0x01), "FolderType = 0x01 (generic folder)")
    req.f(u8(0x01), "UseUnicodeStrings = 0x01 (TRUE: DisplayName and Comment are UTF-16LE)")
    req.f(u8(0x00), "OpenExisting = 0x00 (FALSE)")
    req.f(u8(0x00), "Reserved = 0x00")
    req.f(utf16z("Reports"), 'DisplayName = "Reports" (UTF-16LE + 0x0000)')
    req.f(utf16z("Monthly"), 'Comment = "Monthly" (UTF-16LE + 0x0000)')

    ok = V()
    ok.f(u8(0x1C), "RopId = 0x1C (RopCreateFolder)")
    ok.f(u8(0x01), "OutputHandleIndex = 1")
    rv(ok, 0, "Success")
    ok.f(fid(1, 0x00000000A2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    ok.f(u8(0x00), "IsExistingFolder = 0x00 (FALSE: a new folder; nothing follows)")
    pair(SUB, stem, src(sec + ".1, " + sec + ".2"), [req], [FOLDER, OUT], [ok], [FOLDER, NEW],
         "RopCreateFolder with Unicode strings; a new folder was created")

    # 8-bit strings, OpenExisting: the public folder existed and was opened.
    req8 = V()
    req8.f(u8(0x1C), "RopId = 0x1C (RopCreateFolder)")
    req8.f(u8(0x00), "LogonId = 0")
    req8.f(u8(0x00), "InputHandleIndex = 0 (the parent Folder object)")
    req8.f(u8(0x01), "OutputHandleIndex = 1")
    req8.f(u8(0x01), "FolderType = 0x01 (generic folder)")
    req8.f(u8(0x00), "UseUnicodeStrings = 0x00 (FALSE: 8-bit strings)")
    req8.f(u8(0x01), "OpenExisting = 0x01 (TRUE: open the folder if it exists)")
    req8.f(u8(0x00), "Reserved = 0x00")
    req8.f(asciiz("Shared"), 'DisplayName = "Shared" (8-bit + 0x00)')
    req8.f(asciiz(""), 'Comment = "" (just the 0x00 terminator)')
    ex = V()
    ex.f(u8(0x1C), "RopId = 0x1C (RopCreateFolder)")
    ex.f(u8(0x01), "OutputHandleIndex = 1")
    rv(ex, 0, "Success")
    ex.f(fid(1, 0x000000000C3D), f"FolderId = {fid_text(1, 0xC3D)} (the existing folder)")
    ex.f(u8(0x01), "IsExistingFolder = 0x01 (TRUE: HasRules and IsGhosted follow)")
    ex.f(u8(0x01), "HasRules = 0x01 (TRUE)")
    ex.f(u8(0x00), "IsGhosted = 0x00 (FALSE: no server list)")
    pair(SUB, stem + "-existing", src(sec + ".1, " + sec + ".2"), [req8], [FOLDER, OUT], [ex],
         [FOLDER, NEW],
         "RopCreateFolder with 8-bit strings and OpenExisting; the public folder existed")


# ---- 2.2.4.3 RopDeleteFolder ----------------------------------------------------------------

def delete_folder():
    sec = "2.2.4.3"
    stem = "oxcrops-2.2.4.3-ropdeletefolder"
    req = V()
    req.f(u8(0x1D), "RopId = 0x1D (RopDeleteFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0 (the parent Folder object)")
    req.f(u8(0x15), "DeleteFolderFlags = 0x15 (DEL_MESSAGES 0x01 | DEL_FOLDERS 0x04 | DELETE_HARD_DELETE 0x10)")
    req.f(fid(1, 0x00000000A2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    ok = V()
    ok.f(u8(0x1D), "RopId = 0x1D (RopDeleteFolder)")
    ok.f(u8(0x00), "InputHandleIndex = 0")
    rv(ok, 0, "Success")
    ok.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    pair(SUB, stem, src(sec + ".1, " + sec + ".2"), [req], [FOLDER], [ok], [FOLDER],
         "RopDeleteFolder of a folder with its messages and subfolders")
    f = V()
    f.f(u8(0x1D), "RopId = 0x1D (RopDeleteFolder)")
    f.f(u8(0x00), "InputHandleIndex = 0")
    rv(f, S_ACCESSDENIED, "AccessDenied")
    f.f(u8(0x01), "PartialCompletion = 0x01 (TRUE: some of it could not be deleted)")
    write(SUB, stem + "-failure-response", "rop-response-buffer", src(sec + ".2"),
          buffer([f], [FOLDER]),
          "RopDeleteFolder response with a failure ReturnValue: the one response layout still "
          "ends with PartialCompletion (response)",
          request=buffer([req], [FOLDER]))


# ---- 2.2.4.4 RopSetSearchCriteria -----------------------------------------------------------

def set_search_criteria():
    sec = "2.2.4.4"
    stem = "oxcrops-2.2.4.4-ropsetsearchcriteria"
    r = search_restriction()
    size = len(r.bytes())
    req = V()
    req.f(u8(0x30), "RopId = 0x30 (RopSetSearchCriteria)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0 (the search Folder object)")
    req.f(u16(size), f"RestrictionDataSize = {size}")
    add(req, r, 1)
    req.f(u16(2), "FolderIdCount = 2")
    req.f(fid(1, 0x0000000000A1), f"FolderIds[0] = {fid_text(1, 0xA1)}")
    req.f(fid(1, 0x0000000000A4), f"FolderIds[1] = {fid_text(1, 0xA4)}")
    req.f(u32(0x00000006), "SearchFlags = 0x00000006 (RESTART_SEARCH 0x02 | RECURSIVE_SEARCH 0x04)")
    ok = V()
    ok.f(u8(0x30), "RopId = 0x30 (RopSetSearchCriteria)")
    ok.f(u8(0x00), "InputHandleIndex = 0")
    rv(ok, 0, "Success")
    pair(SUB, stem, src(sec + ".1, " + sec + ".2"), [req], [FOLDER], [ok], [FOLDER],
         "RopSetSearchCriteria with a restriction and two folders to search")

    reuse = V()
    reuse.f(u8(0x30), "RopId = 0x30 (RopSetSearchCriteria)")
    reuse.f(u8(0x00), "LogonId = 0")
    reuse.f(u8(0x00), "InputHandleIndex = 0")
    reuse.f(u16(0), "RestrictionDataSize = 0 (no RestrictionData: reuse the last restriction)")
    reuse.f(u16(0), "FolderIdCount = 0 (reuse the last folders)")
    reuse.f(u32(0x00000001), "SearchFlags = 0x00000001 (STOP_SEARCH)")
    write(SUB, stem + "-reuse-request", "rop-request-buffer", src(sec + ".1"),
          buffer([reuse], [FOLDER]),
          "RopSetSearchCriteria with RestrictionDataSize 0 and FolderIdCount 0: no restriction "
          "bytes, the previous criteria stay; the search is stopped")


# ---- 2.2.4.5 RopGetSearchCriteria -----------------------------------------------------------

def get_search_criteria():
    sec = "2.2.4.5"
    stem = "oxcrops-2.2.4.5-ropgetsearchcriteria"
    req = V()
    req.f(u8(0x31), "RopId = 0x31 (RopGetSearchCriteria)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0 (the search Folder object)")
    req.f(u8(0x01), "UseUnicode = 0x01 (TRUE)")
    req.f(u8(0x01), "IncludeRestriction = 0x01 (TRUE)")
    req.f(u8(0x01), "IncludeFolders = 0x01 (TRUE)")
    r = search_restriction()
    size = len(r.bytes())
    ok = V()
    ok.f(u8(0x31), "RopId = 0x31 (RopGetSearchCriteria)")
    ok.f(u8(0x00), "InputHandleIndex = 0")
    rv(ok, 0, "Success")
    ok.f(u16(size), f"RestrictionDataSize = {size}")
    add(ok, r, 1)
    ok.f(u8(0x00), "LogonId = 0 (as in the request)")
    ok.f(u16(2), "FolderIdCount = 2")
    ok.f(fid(1, 0x0000000000A1), f"FolderIds[0] = {fid_text(1, 0xA1)}")
    ok.f(fid(1, 0x0000000000A4), f"FolderIds[1] = {fid_text(1, 0xA4)}")
    ok.f(u32(0x00000001), "SearchFlags = 0x00000001 (SEARCH_RUNNING)")
    pair(SUB, stem, src(sec + ".1, " + sec + ".2"), [req], [FOLDER], [ok], [FOLDER],
         "RopGetSearchCriteria with the restriction and the searched folders")


# ---- 2.2.4.6 RopMoveCopyMessages, 2.2.4.7 RopMoveFolder, 2.2.4.8 RopCopyFolder ---------------
# The destination is at index 0 and the source at index 1: the response names the source, so
# its slot is the last of the table.

def move_copy_responses(rop_id, name, sec, stem, req):
    ok = V()
    ok.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    ok.f(u8(0x01), "SourceHandleIndex = 1 (as in the request)")
    rv(ok, 0, "Success")
    ok.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    pair(SUB, stem, src(f"{sec}.1, {sec}.2"), [req], [DEST, FOLDER], [ok], [DEST, FOLDER],
         f"{name} between two folders")
    nd = V()
    nd.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    nd.f(u8(0x01), "SourceHandleIndex = 1")
    rv(nd, S_NULLDEST, "NullDestinationObject")
    nd.f(u32(0x00000000), "DestHandleIndex = 0 (4 bytes: the request's DestHandleIndex)")
    nd.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    write(SUB, stem + "-nulldest-response", "rop-response-buffer", src(f"{sec}.3"),
          buffer([nd], [DEST, FOLDER]),
          f"{name} null destination failure: ReturnValue 0x00000503, then a 4-byte "
          "DestHandleIndex and PartialCompletion (response)",
          request=buffer([req], [DEST, FOLDER]))
    f = V()
    f.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    f.f(u8(0x01), "SourceHandleIndex = 1")
    rv(f, S_ACCESSDENIED, "AccessDenied")
    f.f(u8(0x01), "PartialCompletion = 0x01 (TRUE)")
    write(SUB, stem + "-failure-response", "rop-response-buffer", src(f"{sec}.2"),
          buffer([f], [DEST, FOLDER]),
          f"{name} failure other than 0x00000503: the response buffer of {sec}.2, "
          "PartialCompletion only (response)",
          request=buffer([req], [DEST, FOLDER]))


def move_copy_messages():
    req = V()
    req.f(u8(0x33), "RopId = 0x33 (RopMoveCopyMessages)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x01), "SourceHandleIndex = 1 (the source Folder object)")
    req.f(u8(0x00), "DestHandleIndex = 0 (the destination Folder object)")
    req.f(u16(2), "MessageIdCount = 2")
    req.f(fid(1, 0x000000000E8E), f"MessageIds[0] = {fid_text(1, 0xE8E)}")
    req.f(fid(1, 0x000000000E8F), f"MessageIds[1] = {fid_text(1, 0xE8F)}")
    req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
    req.f(u8(0x01), "WantCopy = 0x01 (TRUE: copy, not move)")
    move_copy_responses(0x33, "RopMoveCopyMessages", "2.2.4.6",
                        "oxcrops-2.2.4.6-ropmovecopymessages", req)


def move_folder():
    req = V()
    req.f(u8(0x35), "RopId = 0x35 (RopMoveFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x01), "SourceHandleIndex = 1 (the current parent Folder object)")
    req.f(u8(0x00), "DestHandleIndex = 0 (the new parent Folder object)")
    req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
    req.f(u8(0x01), "UseUnicode = 0x01 (TRUE: NewFolderName is UTF-16LE)")
    req.f(fid(1, 0x00000000A2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    req.f(utf16z("Archive 2024"), 'NewFolderName = "Archive 2024" (UTF-16LE + 0x0000)')
    move_copy_responses(0x35, "RopMoveFolder", "2.2.4.7", "oxcrops-2.2.4.7-ropmovefolder", req)


def copy_folder():
    req = V()
    req.f(u8(0x36), "RopId = 0x36 (RopCopyFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x01), "SourceHandleIndex = 1 (the parent Folder object of the folder to copy)")
    req.f(u8(0x00), "DestHandleIndex = 0 (the destination parent Folder object)")
    req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
    req.f(u8(0x01), "WantRecursive = 0x01 (TRUE: subfolders too)")
    req.f(u8(0x00), "UseUnicode = 0x00 (FALSE: NewFolderName is 8-bit)")
    req.f(fid(1, 0x00000000A2F1), f"FolderId = {fid_text(1, 0xA2F1)}")
    req.f(asciiz("Copy of Reports"), 'NewFolderName = "Copy of Reports" (8-bit + 0x00)')
    move_copy_responses(0x36, "RopCopyFolder", "2.2.4.8", "oxcrops-2.2.4.8-ropcopyfolder", req)


# ---- 2.2.4.9 / 2.2.4.10 / 2.2.4.11 / 2.2.4.12: PartialCompletion responses ------------------

def partial_completion_responses(rop_id, name, sec, stem, req, handles, note):
    ok = V()
    ok.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    ok.f(u8(0x00), "InputHandleIndex = 0")
    rv(ok, 0, "Success")
    ok.f(u8(0x00), "PartialCompletion = 0x00 (FALSE)")
    pair(SUB, stem, src(f"{sec}.1, {sec}.2"), [req], handles, [ok], handles, note)
    f = V()
    f.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    f.f(u8(0x00), "InputHandleIndex = 0")
    rv(f, S_ACCESSDENIED, "AccessDenied")
    f.f(u8(0x01), "PartialCompletion = 0x01 (TRUE: some targets failed)")
    write(SUB, stem + "-failure-response", "rop-response-buffer", src(f"{sec}.2"),
          buffer([f], handles),
          f"{name} response with a failure ReturnValue: still PartialCompletion (response)",
          request=buffer([req], handles))


def empty_folders():
    for rop_id, name, sec, stem in [
        (0x58, "RopEmptyFolder", "2.2.4.9", "oxcrops-2.2.4.9-ropemptyfolder"),
        (0x92, "RopHardDeleteMessagesAndSubfolders", "2.2.4.10",
         "oxcrops-2.2.4.10-ropharddeletemessagesandsubfolders"),
    ]:
        req = V()
        req.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
        req.f(u8(0x00), "LogonId = 0")
        req.f(u8(0x00), "InputHandleIndex = 0 (the Folder object to empty)")
        req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
        req.f(u8(0x01), "WantDeleteAssociated = 0x01 (TRUE: FAI messages too)")
        partial_completion_responses(rop_id, name, sec, stem, req, [FOLDER],
                                     f"{name} with the associated messages")


def delete_messages():
    for rop_id, name, sec, stem in [
        (0x1E, "RopDeleteMessages", "2.2.4.11", "oxcrops-2.2.4.11-ropdeletemessages"),
        (0x91, "RopHardDeleteMessages", "2.2.4.12", "oxcrops-2.2.4.12-ropharddeletemessages"),
    ]:
        req = V()
        req.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
        req.f(u8(0x00), "LogonId = 0")
        req.f(u8(0x00), "InputHandleIndex = 0 (the Folder object holding the messages)")
        req.f(u8(0x00), "WantAsynchronous = 0x00 (FALSE)")
        req.f(u8(0x01), "NotifyNonRead = 0x01 (TRUE)")
        req.f(u16(3), "MessageIdCount = 3")
        for i, c in enumerate([0xE8E, 0xE8F, 0xE90]):
            req.f(fid(1, c), f"MessageIds[{i}] = {fid_text(1, c)}")
        partial_completion_responses(rop_id, name, sec, stem, req, [FOLDER],
                                     f"{name} of three messages")


# ---- 2.2.4.13 RopGetHierarchyTable, 2.2.4.14 RopGetContentsTable -----------------------------

def tables():
    for rop_id, name, sec, stem, flags, flag_text, rows in [
        (0x04, "RopGetHierarchyTable", "2.2.4.13", "oxcrops-2.2.4.13-ropgethierarchytable",
         0x04, "Depth 0x04: all subfolders, not only the children", 12),
        (0x05, "RopGetContentsTable", "2.2.4.14", "oxcrops-2.2.4.14-ropgetcontentstable",
         0x02, "Associated 0x02: the FAI messages", 3),
    ]:
        req = V()
        req.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
        req.f(u8(0x00), "LogonId = 0")
        req.f(u8(0x00), "InputHandleIndex = 0 (the Folder object)")
        req.f(u8(0x01), "OutputHandleIndex = 1 (slot for the Table object)")
        req.f(u8(flags), f"TableFlags = 0x{flags:02X} ({flag_text})")
        ok = V()
        ok.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
        ok.f(u8(0x01), "OutputHandleIndex = 1")
        rv(ok, 0, "Success")
        ok.f(u32(rows), f"RowCount = {rows}")
        pair(SUB, stem, src(f"{sec}.1, {sec}.2"), [req], [FOLDER, OUT], [ok], [FOLDER, NEW],
             f"{name} opening a table")
        f = V()
        f.f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
        f.f(u8(0x01), "OutputHandleIndex = 1")
        rv(f, S_NOTFOUND, "NotFound")
        write(SUB, stem + "-failure-response", "rop-response-buffer", src(f"{sec}.3"),
              buffer([f], [FOLDER, OUT]),
              f"{name} failure: nothing after ReturnValue (response)",
              request=buffer([req], [FOLDER, OUT]))


# ---- hostile inputs ----------------------------------------------------------------------------

def hostile():
    sub = "hostile"
    # RopOpenFolder answering the request of the project vector, with IsGhosted set and a
    # ServerCount the bytes cannot hold: refused at the count, before anything is allocated.
    req = V()
    req.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    req.f(u8(0x00), "LogonId = 0")
    req.f(u8(0x00), "InputHandleIndex = 0")
    req.f(u8(0x01), "OutputHandleIndex = 1")
    req.f(fid(1, 0xA1), f"FolderId = {fid_text(1, 0xA1)}")
    req.f(u8(0x00), "OpenModeFlags = 0x00")
    g = V()
    g.f(u8(0x02), "RopId = 0x02 (RopOpenFolder)")
    g.f(u8(0x01), "OutputHandleIndex = 1")
    rv(g, 0, "Success")
    g.f(u8(0x00), "HasRules = 0x00")
    g.f(u8(0x01), "IsGhosted = 0x01 (TRUE)")
    g.f(u16(0xFFFF), "ServerCount = 65535 (each string takes at least 1 byte; 3 bytes follow)")
    g.f(u16(0x0001), "CheapServerCount = 1")
    g.f(asciiz("/o"), 'Servers[0] = "/o"')
    write(sub, "oxcrops-2.2.4.1-ropopenfolder-servercount-ffff", "rop-response-buffer",
          "hostile vector, [MS-OXCROPS] 2.2.4.1.2 layout", buffer([g], [LOGON, FOLDER]),
          "RopOpenFolder success with ServerCount 0xFFFF and one short string",
          request=buffer([req], [LOGON, OUT]), expect_error="count-too-large")

    # RopSetSearchCriteria whose RestrictionDataSize is one byte longer than the restriction:
    # the restriction must fill RestrictionData exactly.
    q = V()
    q.f(u8(0x30), "RopId = 0x30 (RopSetSearchCriteria)")
    q.f(u8(0x00), "LogonId = 0")
    q.f(u8(0x00), "InputHandleIndex = 0")
    q.f(u16(6), "RestrictionDataSize = 6 (the restriction below takes 5)")
    q.f(u8(0x08), "RestrictType = ExistRestriction (0x08)", 1)
    q.f(u32(0x0037001F), "PropTag = PidTagSubject", 1)
    q.f(u8(0x00), "one byte of RestrictionData the restriction does not use", 1)
    q.f(u16(0), "FolderIdCount = 0")
    q.f(u32(0), "SearchFlags = 0")
    write(sub, "oxcrops-2.2.4.4-ropsetsearchcriteria-restrictiondatasize-long",
          "rop-request-buffer", "hostile vector, [MS-OXCROPS] 2.2.4.4.1 layout",
          buffer([q], [FOLDER]),
          "RopSetSearchCriteria with RestrictionDataSize larger than its restriction",
          expect_error="trailing-bytes")

    # RopCreateFolder with UseUnicodeStrings 0x02: a Boolean is 0x00 or 0x01.
    c = V()
    c.f(u8(0x1C), "RopId = 0x1C (RopCreateFolder)")
    c.f(u8(0x00), "LogonId = 0")
    c.f(u8(0x00), "InputHandleIndex = 0")
    c.f(u8(0x01), "OutputHandleIndex = 1")
    c.f(u8(0x01), "FolderType = 0x01")
    c.f(u8(0x02), "UseUnicodeStrings = 0x02 (not a Boolean value)")
    c.f(u8(0x00), "OpenExisting = 0x00")
    c.f(u8(0x00), "Reserved = 0x00")
    c.f(utf16z("A"), 'DisplayName = "A" (UTF-16LE)')
    c.f(utf16z(""), 'Comment = ""')
    write(sub, "oxcrops-2.2.4.2-ropcreatefolder-useunicodestrings-2", "rop-request-buffer",
          "hostile vector, [MS-OXCROPS] 2.2.4.2.1 layout", buffer([c], [FOLDER, OUT]),
          "RopCreateFolder with UseUnicodeStrings 0x02, which selects neither string form",
          expect_error="invalid-value")


if __name__ == "__main__":
    open_folder()
    create_folder()
    delete_folder()
    set_search_criteria()
    get_search_criteria()
    move_copy_messages()
    move_folder()
    copy_folder()
    empty_folders()
    delete_messages()
    tables()
    hostile()
