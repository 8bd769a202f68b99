#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.14 Notification ROPs (RopRegisterNotification, RopNotify) with
the [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData layouts, spelled out from the specs; see
ropgen.py for the buffer layout. RopPending (2.2.14.3) is in rops_other.py.

NotificationData presence rules ([MS-OXCNOTIF] 2.2.1.4.1.2), NotificationType = flags & 0x0FFF,
bits T 0x1000, U 0x2000, S 0x4000, M 0x8000:
  TableEventType                    type 0x0100
  TableRowFolderID                  TableEventType 0x0003/0x0004/0x0005
  TableRowMessageID, TableRowInstance   same, and M
  InsertAfterTableRowFolderID       TableEventType 0x0003/0x0005
  InsertAfterTableRowID, ...Instance    same, and M
  TableRowDataSize, TableRowData    TableEventType 0x0003/0x0005
  FolderId                          type not 0x0100, not 0x0400
  MessageId                         FolderId present, and M
  ParentFolderId                    type 0x0004/0x0008/0x0020/0x0040, and S == M
  OldFolderId                       type 0x0020/0x0040
  OldMessageId                      type 0x0020/0x0040, and M
  OldParentFolderId                 type 0x0020/0x0040, and not M
  TagCount (+ Tags unless 0xFFFF)   type 0x0004/0x0010
  TotalMessageCount                 T
  UnreadMessageCount                U
  MessageFlags, UnicodeFlag, MessageClass   type 0x0002
"""
from ropgen import V, asciiz, fid, handle_index, pair, request, request_only, response
from ropgen import response_only, rop_id, u8, u16, u32, u64, utf16z, write

SRC = "project vector, built from [MS-OXCROPS] and [MS-OXCNOTIF]"
LOGON = 0x00000010   # the Logon object's handle
SUB = 0x00000055     # the subscription object RopRegisterNotification creates
TABLE = 0x00000031   # a contents table
FREE = 0xFFFFFFFF    # an output slot of a request


def ids(v, *fields, d=1):
    """Folder ID / Message ID fields ([MS-OXCDATA] 2.2.1.1: ReplicaId 0x0001, GlobalCounter),
    each (name, GlobalCounter) or (name, GlobalCounter, note)."""
    for name, counter, *note in fields:
        v.f(fid(1, counter), f"{name} = ReplicaId 0x0001, GlobalCounter 0x{counter:012X}"
            + (f" ({note[0]})" if note else ""), d)
    return v


def register(whole):
    v = request(0x29, "RopRegisterNotification", ("InputHandleIndex", 0, "the Logon object"),
                ("OutputHandleIndex", 1, "the subscription object"))
    if whole:
        v.f(u8(0x02), "NotificationTypes = 0x02 (NewMail)")
        v.f(u8(0), "Reserved = 0x00")
        v.f(u8(1), "WantWholeStore = 0x01 (TRUE: whole mailbox; no FolderId, no MessageId)")
    else:
        v.f(u8(0x14), "NotificationTypes = 0x14 (ObjectCreated | ObjectModified)")
        v.f(u8(0), "Reserved = 0x00")
        v.f(u8(0), "WantWholeStore = 0x00 (FALSE: FolderId and MessageId follow)")
        ids(v, ("FolderId", 0x2F, "the folder to watch"), d=0)
        v.f(u64(0), "MessageId = 0 (no single message: the whole folder)")
    return v


def register_ok():
    return response(0x29, "RopRegisterNotification", "OutputHandleIndex", 1, 0, "success")


def set_columns():
    v = request(0x12, "RopSetColumns", ("InputHandleIndex", 0, "the contents table"))
    v.f(u8(0), "SetColumnsFlags = 0x00")
    v.f(u16(2), "PropertyTagCount = 2")
    v.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F PidTagSubject (PtypString)")
    v.f(u32(0x0E070003), "PropertyTags[1] = 0x0E070003 PidTagMessageFlags (PtypInteger32)")
    return v


def set_columns_ok():
    v = response(0x12, "RopSetColumns", "InputHandleIndex", 0)
    return v.f(u8(0), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")


def notify_head(handle, flags, flags_c, handle_note=""):
    v = V().f(u8(0x2A), "RopId = 0x2A (RopNotify)")
    v.f(u32(handle), f"NotificationHandle = 0x{handle:08X}{handle_note}").f(u8(0), "LogonId = 0")
    v.f(u16(flags), f"NotificationData.NotificationFlags = 0x{flags:04X} ({flags_c})")
    return v


def row_added(handle=TABLE, handle_note=""):
    """TableRowAdded on the contents table: M set, so the message fields are present."""
    v = notify_head(handle, 0x8100, "NotificationType 0x0100 TableModified | M", handle_note)
    v.f(u16(3), "TableEventType = 0x0003 (TableRowAdded)", 1)
    ids(v, ("TableRowFolderID", 0x2F), ("TableRowMessageID", 0x1234, "M set"))
    v.f(u32(0), "TableRowInstance = 0 (M set)", 1)
    ids(v, ("InsertAfterTableRowFolderID", 0x2F), ("InsertAfterTableRowID", 0x1200, "M set"))
    v.f(u32(0), "InsertAfterTableRowInstance = 0 (M set)", 1)
    row = u8(0) + utf16z("Hi") + u32(0x00000001)
    v.f(u16(len(row)), f"TableRowDataSize = {len(row)}", 1)
    v.f(u8(0), "TableRowData.Flag = 0x00 (StandardPropertyRow)", 2)
    v.f(utf16z("Hi"), "TableRowData.ValueArray[0] PidTagSubject = \"Hi\" (UTF-16LE, null-terminated)", 2)
    v.f(u32(1), "TableRowData.ValueArray[1] PidTagMessageFlags = 0x00000001 (mfRead)", 2)
    return v


def new_mail(unicode):
    v = notify_head(SUB, 0x8002, "NotificationType 0x0002 NewMail | M")
    ids(v, ("FolderId", 0x2F, "the receive folder"), ("MessageId", 0x1234, "M set"))
    v.f(u32(0), "MessageFlags = 0x00000000 (unread)", 1)
    if unicode:
        v.f(u8(1), "UnicodeFlag = 0x01 (TRUE: MessageClass is UTF-16LE)", 1)
        v.f(utf16z("IPM.Note"), "MessageClass = \"IPM.Note\" (UTF-16LE, null-terminated)", 1)
    else:
        v.f(u8(0), "UnicodeFlag = 0x00 (FALSE: MessageClass is 8-bit)", 1)
        v.f(asciiz("IPM.Note"), "MessageClass = \"IPM.Note\" (8-bit, null-terminated)", 1)
    return v


def folder_moved():
    v = notify_head(SUB, 0x0020, "NotificationType 0x0020 ObjectMoved; a folder (no S, no M)")
    return ids(v, ("FolderId", 0x40),
               ("ParentFolderId", 0x2F, "moved folder: S == M"),
               ("OldFolderId", 0x40),
               ("OldParentFolderId", 0x30, "M clear"))


def message_copied_search():
    v = notify_head(SUB, 0xC040, "NotificationType 0x0040 ObjectCopied | S | M: a message in a search folder")
    return ids(v, ("FolderId", 0x50),
               ("MessageId", 0x1234),
               ("ParentFolderId", 0x51, "S and M both set"),
               ("OldFolderId", 0x2F),
               ("OldMessageId", 0x1200, "M set"))


def folder_modified():
    v = notify_head(SUB, 0x3010, "NotificationType 0x0010 ObjectModified | T | U; a folder")
    ids(v, ("FolderId", 0x2F))
    v.f(u16(2), "TagCount = 2", 1)
    v.f(u32(0x36020003), "Tags[0] = 0x36020003 PidTagContentCount", 1)
    v.f(u32(0x36030003), "Tags[1] = 0x36030003 PidTagContentUnreadCount", 1)
    v.f(u32(12), "TotalMessageCount = 12 (T set)", 1)
    v.f(u32(3), "UnreadMessageCount = 3 (U set)", 1)
    return v


def message_created():
    v = notify_head(SUB, 0x8004, "NotificationType 0x0004 ObjectCreated | M; a message outside a search folder")
    ids(v, ("FolderId", 0x2F), ("MessageId", 0x1234, "no ParentFolderId: M set, S clear"))
    return v.f(u16(0xFFFF), "TagCount = 0xFFFF (no Tags field)", 1)


def hierarchy_row_deleted():
    v = notify_head(TABLE, 0x0100, "NotificationType 0x0100 TableModified; a hierarchy table (no M)")
    v.f(u16(4), "TableEventType = 0x0004 (TableRowDeleted)", 1)
    return ids(v, ("TableRowFolderID", 0x40, "no message fields: M clear"))


def search_completed():
    return ids(notify_head(SUB, 0x0080, "NotificationType 0x0080 SearchCompleted"),
               ("FolderId", 0x51, "the search folder"))


def main():
    # RopRegisterNotification on a folder, and its response (2.2.14.1.1, 2.2.14.1.2).
    pair("project", "oxcrops-2.2.14.1-ropregisternotification", SRC + " 2.2.14.1",
         [register(False)], [LOGON, FREE], [register_ok()], [LOGON, SUB],
         "RopRegisterNotification for ObjectCreated and ObjectModified events in one folder")
    request_only("project", "oxcrops-2.2.14.1-ropregisternotification-wholestore-request",
                 SRC + " 2.2.14.1.1", [register(True)], [LOGON, FREE],
                 "RopRegisterNotification for NewMail on the whole mailbox (WantWholeStore TRUE).")
    bad = handle_index(rop_id(0x29, "RopRegisterNotification"), "OutputHandleIndex", 1)
    bad.f(u32(0x80040102), "ReturnValue = 0x80040102 (ecNotSupported); no fields follow")
    response_only("project", "oxcrops-2.2.14.1-ropregisternotification-failure-response",
                  SRC + " 2.2.14.1.2", [register(True)], [LOGON, FREE], [bad], [LOGON, FREE],
                  "A failed RopRegisterNotification: OutputHandleIndex and ReturnValue only.")

    # RopNotify TableRowAdded: the RopSetColumns earlier in the buffer gives the table's
    # columns, so TableRowData decodes as a row (2.2.14.2.1). The same notification on a table
    # whose columns are unknown: TableRowData stays bytes.
    for name, notify, note in [
        ("response", row_added(),
         "RopSetColumns answered, then RopNotify TableRowAdded on that table: its row decodes "
         "with the columns just set."),
        ("unknown-columns-response",
         row_added(0x77, " (a table whose columns are unknown)"),
         "RopNotify TableRowAdded on another table: no columns known, TableRowData is kept as "
         "bytes (TableRowDataSize bounds it)."),
    ]:
        response_only("project", f"oxcrops-2.2.14.2-ropnotify-{name}", SRC + " 2.2.14.2.1",
                      [set_columns()], [TABLE], [set_columns_ok(), notify], [TABLE], note)

    # Each object notification after a RopRegisterNotification response.
    for name, notify, note in [
        ("newmail", new_mail(False), "NewMail with an 8-bit MessageClass"),
        ("newmail-unicode", new_mail(True), "NewMail with a UTF-16 MessageClass"),
        ("objectmoved-folder", folder_moved(), "ObjectMoved on a folder"),
        ("objectcopied-searchmessage", message_copied_search(),
         "ObjectCopied on a message in a search folder"),
        ("objectmodified-folder", folder_modified(),
         "ObjectModified on a folder with TagCount, Tags and both message counts"),
        ("objectcreated-message", message_created(),
         "ObjectCreated on a message, TagCount 0xFFFF"),
        ("tablerowdeleted-hierarchy", hierarchy_row_deleted(),
         "TableRowDeleted on a hierarchy table"),
        ("searchcompleted", search_completed(), "SearchCompleted"),
    ]:
        response_only("project", f"oxcrops-2.2.14.2-ropnotify-{name}-response",
                      SRC + " 2.2.14.2.1", [register(True)], [LOGON, FREE],
                      [register_ok(), notify], [LOGON, SUB],
                      f"RopRegisterNotification answered, then RopNotify: {note}.")

    # One RopNotify alone (it answers no request).
    write("project", "oxcrops-2.2.14.2-ropnotify-rop", "rop-response", SRC + " 2.2.14.2.1",
          new_mail(False), "One RopNotify response, without RopSize or handle table.")


if __name__ == "__main__":
    main()
