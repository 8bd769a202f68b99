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
from ropgen import V, u8, u16, u32, u64, utf16z, asciiz, buffer, pair, write

SRC = "project vector, built from [MS-OXCROPS] and [MS-OXCNOTIF]"
LOGON = 0x00000010   # the Logon object's handle
SUB = 0x00000055     # the subscription object RopRegisterNotification creates
TABLE = 0x00000031   # a contents table


def fid(counter):
    """A Folder ID / Message ID ([MS-OXCDATA] 2.2.1.1): ReplicaId 0x0001, GlobalCounter
    (6 bytes, big-endian)."""
    return u16(1) + counter.to_bytes(6, "big")


def fid_c(counter):
    return f"ReplicaId 0x0001, GlobalCounter 0x{counter:012X}"


def register(whole):
    v = V().f(u8(0x29), "RopId = 0x29 (RopRegisterNotification)").f(u8(0), "LogonId = 0")
    v.f(u8(0), "InputHandleIndex = 0 (the Logon object)")
    v.f(u8(1), "OutputHandleIndex = 1 (the subscription object)")
    if whole:
        v.f(u8(0x02), "NotificationTypes = 0x02 (NewMail)")
        v.f(u8(0), "Reserved = 0x00")
        v.f(u8(1), "WantWholeStore = 0x01 (TRUE: whole mailbox; no FolderId, no MessageId)")
    else:
        v.f(u8(0x14), "NotificationTypes = 0x14 (ObjectCreated | ObjectModified)")
        v.f(u8(0), "Reserved = 0x00")
        v.f(u8(0), "WantWholeStore = 0x00 (FALSE: FolderId and MessageId follow)")
        v.f(fid(0x2F), "FolderId = " + fid_c(0x2F) + " (the folder to watch)")
        v.f(u64(0), "MessageId = 0 (no single message: the whole folder)")
    return v


def register_ok():
    v = V().f(u8(0x29), "RopId = 0x29 (RopRegisterNotification)")
    v.f(u8(1), "OutputHandleIndex = 1").f(u32(0), "ReturnValue = 0x00000000 (success)")
    return v


def set_columns():
    v = V().f(u8(0x12), "RopId = 0x12 (RopSetColumns)").f(u8(0), "LogonId = 0")
    v.f(u8(0), "InputHandleIndex = 0 (the contents table)").f(u8(0), "SetColumnsFlags = 0x00")
    v.f(u16(2), "PropertyTagCount = 2")
    v.f(u32(0x0037001F), "PropertyTags[0] = 0x0037001F PidTagSubject (PtypString)")
    v.f(u32(0x0E070003), "PropertyTags[1] = 0x0E070003 PidTagMessageFlags (PtypInteger32)")
    return v


def set_columns_ok():
    v = V().f(u8(0x12), "RopId = 0x12 (RopSetColumns)").f(u8(0), "InputHandleIndex = 0")
    v.f(u32(0), "ReturnValue = 0x00000000").f(u8(0), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")
    return v


def notify_head(handle, flags, flags_c):
    v = V().f(u8(0x2A), "RopId = 0x2A (RopNotify)")
    v.f(u32(handle), f"NotificationHandle = 0x{handle:08X}").f(u8(0), "LogonId = 0")
    v.f(u16(flags), f"NotificationData.NotificationFlags = 0x{flags:04X} ({flags_c})")
    return v


def row_added():
    """TableRowAdded on the contents table: M set, so the message fields are present."""
    v = notify_head(TABLE, 0x8100, "NotificationType 0x0100 TableModified | M")
    v.f(u16(3), "TableEventType = 0x0003 (TableRowAdded)", 1)
    v.f(fid(0x2F), "TableRowFolderID = " + fid_c(0x2F), 1)
    v.f(fid(0x1234), "TableRowMessageID = " + fid_c(0x1234) + " (M set)", 1)
    v.f(u32(0), "TableRowInstance = 0 (M set)", 1)
    v.f(fid(0x2F), "InsertAfterTableRowFolderID = " + fid_c(0x2F), 1)
    v.f(fid(0x1200), "InsertAfterTableRowID = " + fid_c(0x1200) + " (M set)", 1)
    v.f(u32(0), "InsertAfterTableRowInstance = 0 (M set)", 1)
    row = u8(0) + utf16z("Hi") + u32(0x00000001)
    v.f(u16(len(row)), f"TableRowDataSize = {len(row)}", 1)
    v.f(u8(0), "TableRowData.Flag = 0x00 (StandardPropertyRow)", 2)
    v.f(utf16z("Hi"), "TableRowData.ValueArray[0] PidTagSubject = \"Hi\" (UTF-16LE, null-terminated)", 2)
    v.f(u32(1), "TableRowData.ValueArray[1] PidTagMessageFlags = 0x00000001 (mfRead)", 2)
    return v


def new_mail(unicode):
    v = notify_head(SUB, 0x8002, "NotificationType 0x0002 NewMail | M")
    v.f(fid(0x2F), "FolderId = " + fid_c(0x2F) + " (the receive folder)", 1)
    v.f(fid(0x1234), "MessageId = " + fid_c(0x1234) + " (M set)", 1)
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
    v.f(fid(0x40), "FolderId = " + fid_c(0x40), 1)
    v.f(fid(0x2F), "ParentFolderId = " + fid_c(0x2F) + " (moved folder: S == M)", 1)
    v.f(fid(0x40), "OldFolderId = " + fid_c(0x40), 1)
    v.f(fid(0x30), "OldParentFolderId = " + fid_c(0x30) + " (M clear)", 1)
    return v


def message_copied_search():
    v = notify_head(SUB, 0xC040, "NotificationType 0x0040 ObjectCopied | S | M: a message in a search folder")
    v.f(fid(0x50), "FolderId = " + fid_c(0x50), 1)
    v.f(fid(0x1234), "MessageId = " + fid_c(0x1234), 1)
    v.f(fid(0x51), "ParentFolderId = " + fid_c(0x51) + " (S and M both set)", 1)
    v.f(fid(0x2F), "OldFolderId = " + fid_c(0x2F), 1)
    v.f(fid(0x1200), "OldMessageId = " + fid_c(0x1200) + " (M set)", 1)
    return v


def folder_modified():
    v = notify_head(SUB, 0x3010, "NotificationType 0x0010 ObjectModified | T | U; a folder")
    v.f(fid(0x2F), "FolderId = " + fid_c(0x2F), 1)
    v.f(u16(2), "TagCount = 2", 1)
    v.f(u32(0x36020003), "Tags[0] = 0x36020003 PidTagContentCount", 1)
    v.f(u32(0x36030003), "Tags[1] = 0x36030003 PidTagContentUnreadCount", 1)
    v.f(u32(12), "TotalMessageCount = 12 (T set)", 1)
    v.f(u32(3), "UnreadMessageCount = 3 (U set)", 1)
    return v


def message_created():
    v = notify_head(SUB, 0x8004, "NotificationType 0x0004 ObjectCreated | M; a message outside a search folder")
    v.f(fid(0x2F), "FolderId = " + fid_c(0x2F), 1)
    v.f(fid(0x1234), "MessageId = " + fid_c(0x1234) + " (no ParentFolderId: M set, S clear)", 1)
    v.f(u16(0xFFFF), "TagCount = 0xFFFF (no Tags field)", 1)
    return v


def hierarchy_row_deleted():
    v = notify_head(TABLE, 0x0100, "NotificationType 0x0100 TableModified; a hierarchy table (no M)")
    v.f(u16(4), "TableEventType = 0x0004 (TableRowDeleted)", 1)
    v.f(fid(0x40), "TableRowFolderID = " + fid_c(0x40) + " (no message fields: M clear)", 1)
    return v


def search_completed():
    v = notify_head(SUB, 0x0080, "NotificationType 0x0080 SearchCompleted")
    v.f(fid(0x51), "FolderId = " + fid_c(0x51) + " (the search folder)", 1)
    return v


def main():
    # RopRegisterNotification on a folder, and its response (2.2.14.1.1, 2.2.14.1.2).
    pair("project", "oxcrops-2.2.14.1-ropregisternotification", SRC + " 2.2.14.1",
         [register(False)], [LOGON, 0xFFFFFFFF], [register_ok()], [LOGON, SUB],
         "RopRegisterNotification for ObjectCreated and ObjectModified events in one folder")
    req = buffer([register(True)], [LOGON, 0xFFFFFFFF])
    write("project", "oxcrops-2.2.14.1-ropregisternotification-wholestore-request",
          "rop-request-buffer", SRC + " 2.2.14.1.1", req,
          "RopRegisterNotification for NewMail on the whole mailbox (WantWholeStore TRUE).")
    bad = V().f(u8(0x29), "RopId = 0x29 (RopRegisterNotification)").f(u8(1), "OutputHandleIndex = 1")
    bad.f(u32(0x80040102), "ReturnValue = 0x80040102 (ecNotSupported); no fields follow")
    resp = buffer([bad], [LOGON, 0xFFFFFFFF])
    write("project", "oxcrops-2.2.14.1-ropregisternotification-failure-response",
          "rop-response-buffer", SRC + " 2.2.14.1.2", resp,
          "A failed RopRegisterNotification: OutputHandleIndex and ReturnValue only.", request=req)

    # RopNotify TableRowAdded: the RopSetColumns earlier in the buffer gives the table's
    # columns, so TableRowData decodes as a row (2.2.14.2.1).
    req = buffer([set_columns()], [TABLE])
    resp = buffer([set_columns_ok(), row_added()], [TABLE])
    write("project", "oxcrops-2.2.14.2-ropnotify-response", "rop-response-buffer",
          SRC + " 2.2.14.2.1", resp,
          "RopSetColumns answered, then RopNotify TableRowAdded on that table: its row decodes "
          "with the columns just set.", request=req)
    # The same notification on a table whose columns are unknown: TableRowData stays bytes.
    resp = buffer([set_columns_ok(), row_added()], [TABLE])
    other = V()
    for b, c, d in row_added().fields:
        other.f(u32(0x77) if c.startswith("NotificationHandle") else b,
                "NotificationHandle = 0x00000077 (a table whose columns are unknown)"
                if c.startswith("NotificationHandle") else c, d)
    resp = buffer([set_columns_ok(), other], [TABLE])
    write("project", "oxcrops-2.2.14.2-ropnotify-unknown-columns-response", "rop-response-buffer",
          SRC + " 2.2.14.2.1", resp,
          "RopNotify TableRowAdded on another table: no columns known, TableRowData is kept as "
          "bytes (TableRowDataSize bounds it).", request=req)

    # Each object notification after a RopRegisterNotification response.
    req = buffer([register(True)], [LOGON, 0xFFFFFFFF])
    for name, rop, note in [
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
        resp = buffer([register_ok(), rop], [LOGON, SUB])
        write("project", f"oxcrops-2.2.14.2-ropnotify-{name}-response", "rop-response-buffer",
              SRC + " 2.2.14.2.1", resp,
              f"RopRegisterNotification answered, then RopNotify: {note}.", request=req)

    # One RopNotify alone (it answers no request).
    write("project", "oxcrops-2.2.14.2-ropnotify-rop", "rop-response", SRC + " 2.2.14.2.1",
          new_mail(False), "One RopNotify response, without RopSize or handle table.")


if __name__ == "__main__":
    main()
