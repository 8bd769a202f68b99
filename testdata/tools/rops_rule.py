#!/usr/bin/env python3
"""Vectors of the Permission ROPs ([MS-OXCROPS] 2.2.10) and Rule ROPs (2.2.11), and of the rule
data of [MS-OXORULE] 2.2 (RuleAction in the standard and the extended form, and
PidTagExtendedRuleMessageActions).

Every field is spelled out from [MS-OXCROPS], [MS-OXCPERM] and [MS-OXORULE] (value layouts from
[MS-OXCDATA]); the Rust code is not consulted. Writes testdata/vectors/project/oxcrops-2.2.10.*,
oxcrops-2.2.11.* and oxorule-2.2.* files, one hostile vector, and the spec examples of
[MS-OXORULE] 4.2 and [MS-OXCPERM] 4.1 (transcribed by hand). Run it from anywhere; it rewrites
the files.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ropgen import V, buffer, pair, write, u8, u16, u32, u64, utf16z  # noqa: E402

SUB = "project"
SRC = "project vector, built from [MS-OXCROPS]"
ORULE = "project vector, built from [MS-OXORULE]"
NULL = 0xFFFFFFFF  # request output slot, to be filled by the server


def guid(s):
    """A GUID in its wire order ([MS-DTYP] 2.3.4.2) from its text form."""
    h = s.replace("-", "")
    d1, d2, d3 = int(h[0:8], 16), int(h[8:12], 16), int(h[12:16], 16)
    return u32(d1) + u16(d2) + u16(d3) + bytes.fromhex(h[16:])


def fid(replica, counter):
    """A Folder ID / Message ID ([MS-OXCDATA] 2.2.1.1): ReplicaId (2 bytes), then the 6-byte
    GlobalCounter, big-endian."""
    return u16(replica) + counter.to_bytes(6, "big")


PROVIDER_UID = guid("c8a6d1e2-3b4f-4a5b-9c6d-7e8f90a1b2c3")
DB_GUID = guid("11223344-5566-7788-99aa-bbccddeeff00")
TEMPLATE_GUID = guid("5f5e5d5c-1234-4321-abcd-0123456789ab")
PS_PUBLIC_STRINGS = guid("00020329-0000-0000-c000-000000000046")


def folder_entry_id(counter):
    """A Folder EntryID ([MS-OXCDATA] 2.2.4.1), 46 bytes."""
    return (u32(0) + PROVIDER_UID + u16(0x0001) + DB_GUID + counter.to_bytes(6, "big")
            + u16(0))


def message_entry_id(fcounter, mcounter):
    """A Message EntryID ([MS-OXCDATA] 2.2.4.2), 70 bytes."""
    return (u32(0) + PROVIDER_UID + u16(0x0007) + DB_GUID + fcounter.to_bytes(6, "big")
            + u16(0) + DB_GUID + mcounter.to_bytes(6, "big") + u16(0))


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


def cnt(width, n, name, d):
    b = u16(n) if width == 2 else u32(n)
    return (b, f"{name} = {n} ({width} bytes)", d)


def tagged_str(v, tag, name, text, d, p=""):
    v.f(u32(tag), f"{p}PropertyTag = 0x{tag:08X} ({name}, PtypString)", d)
    v.f(utf16z(text), f'{p}PropertyValue = "{text}" (UTF-16LE + 0x0000)', d)


def tagged_i32(v, tag, name, n, d, p=""):
    v.f(u32(tag), f"{p}PropertyTag = 0x{tag:08X} ({name}, PtypInteger32)", d)
    v.f(u32(n), f"{p}PropertyValue = {n}", d)


# ---------------------------------------------------------------- RuleAction pieces

def block(v, width, atype, aname, data, d, flavor=0, flavor_note="0"):
    """An ActionBlock ([MS-OXORULE] 2.2.5.1): ActionLength (2 or 4 bytes) counts ActionType,
    ActionFlavor, ActionFlags and ActionData."""
    dl = sum(len(b) for b, _, _ in data.fields)
    n = 9 + dl
    v.f(u16(n) if width == 2 else u32(n),
        f"ActionLength = {n} ({width} bytes: 9 fixed + {dl} ActionData)", d)
    v.f(u8(atype), f"ActionType = 0x{atype:02X} ({aname})", d)
    v.f(u32(flavor), f"ActionFlavor = 0x{flavor:08X} ({flavor_note})", d)
    v.f(u32(0), "ActionFlags = 0x00000000 (client-defined)", d)
    for b, c, dd in data.fields:
        v.f(b, "ActionData." + c, d + 1 + dd)


def move_copy_std_in_store():
    a = V().f(u8(0x01), "FolderInThisStore = 0x01 (TRUE: folder in the user's mailbox)")
    a.f(u16(1), "StoreEIDSize = 1")
    a.f(b"\x00", "StoreEID = 00 (ignored when FolderInThisStore is set)")
    a.f(u16(21), "FolderEIDSize = 21 (a ServerEid)")
    a.f(u8(0x01), "FolderEID.Ours = 0x01", 1)
    a.f(fid(1, 0x000000001234), "FolderEID.FolderId = 0001-000000001234", 1)
    a.f(bytes(8), "FolderEID.MessageId = 0 (the object is a folder)", 1)
    a.f(u32(0), "FolderEID.Instance = 0", 1)
    return a


def move_copy_std_other_store():
    store = b"\x01\x02\x03\x04\x05\x06"
    a = V().f(u8(0x00), "FolderInThisStore = 0x00 (FALSE: folder in another store)")
    a.f(u16(len(store)), f"StoreEIDSize = {len(store)}")
    a.f(store, "StoreEID (a Store Object EntryID, abbreviated)")
    fe = folder_entry_id(0x2A)
    a.f(u16(len(fe)), f"FolderEIDSize = {len(fe)}")
    a.f(fe, "FolderEID = Folder EntryID (Flags 0, ProviderUID, FolderType 0x0001, "
        "DatabaseGuid, GlobalCounter 0x2A, Pad)")
    return a


def move_copy_ext():
    fe = folder_entry_id(0x2B)
    a = V().f(u32(1), "StoreEIDSize = 1 (4 bytes)")
    a.f(b"\x01", "StoreEID = 01 (not used; any non-null value)")
    a.f(u32(len(fe)), f"FolderEIDSize = {len(fe)} (4 bytes)")
    a.f(fe, "FolderEID = Folder EntryID (46 bytes)")
    return a


def reply_std():
    a = V().f(fid(1, 0x000000000021), "ReplyTemplateFID = 0001-000000000021")
    a.f(fid(1, 0x000000000456), "ReplyTemplateMID = 0001-000000000456")
    a.f(TEMPLATE_GUID, "ReplyTemplateGUID = {5F5E5D5C-1234-4321-ABCD-0123456789AB}")
    return a


def reply_ext():
    me = message_entry_id(0x21, 0x456)
    a = V().f(u32(len(me)), f"MessageEIDSize = {len(me)} (4 bytes)")
    a.f(me, "ReplyTemplateMessageEID = Message EntryID (70 bytes)")
    a.f(TEMPLATE_GUID, "ReplyTemplateGUID = {5F5E5D5C-1234-4321-ABCD-0123456789AB}")
    return a


def recipients(width, who):
    a = V()
    a.f(*cnt(width, len(who), "RecipientCount", 0))
    for i, (name, addr) in enumerate(who):
        p = f"RecipientBlocks[{i}]."
        a.f(u8(0x01), p + "Reserved = 0x01", 1)
        a.f(*cnt(width, 3, p + "NoOfProperties", 1))
        tagged_str(a, 0x3002001F, "PidTagAddressType", "SMTP", 2, p + "PropertyValues[0].")
        tagged_str(a, 0x3003001F, "PidTagEmailAddress", addr, 2, p + "PropertyValues[1].")
        tagged_str(a, 0x3001001F, "PidTagDisplayName", name, 2, p + "PropertyValues[2].")
    return a


def rule_actions_std():
    """A standard-form RuleAction with an OP_MOVE and an OP_MARK_AS_READ (used in RopModifyRules)."""
    v = V().f(u16(2), "NoOfActions = 2 (2 bytes)")
    block(v, 2, 0x01, "OP_MOVE", move_copy_std_in_store(), 1)
    block(v, 2, 0x0B, "OP_MARK_AS_READ", V(), 1)
    return v


# ---------------------------------------------------------------- 2.2.10 Permission ROPs

def modify_permissions():
    sec = "2.2.10.1"
    q = hdr_req(V(), 0x40, "RopModifyPermissions", InputHandleIndex=0)
    q.f(u8(0x00), "ModifyFlags = 0x00 (change the list entry by entry)")
    q.f(u16(2), "ModifyCount = 2")
    q.f(u8(0x01), "PermissionsData[0].PermissionDataFlags = 0x01 (AddRow)")
    q.f(u16(2), "PermissionsData[0].PropertyValueCount = 2")
    eid = bytes.fromhex("00000000dca740c8c042101ab4b908002b2fe1820100000000000000")
    q.f(u32(0x0FFF0102), "PropertyValues[0].PropertyTag = 0x0FFF0102 (PidTagEntryId)", 1)
    q.f(u16(len(eid)), f"PropertyValues[0].PropertyValue.Count = {len(eid)}", 1)
    q.f(eid, "PropertyValues[0].PropertyValue = the user's address book EntryID (abbreviated)", 1)
    tagged_i32(q, 0x66730003, "PidTagMemberRights", 0x0000049B, 1, "PropertyValues[1].")
    q.f(u8(0x04), "PermissionsData[1].PermissionDataFlags = 0x04 (RemoveRow)")
    q.f(u16(1), "PermissionsData[1].PropertyValueCount = 1")
    q.f(u32(0x66710014), "PropertyValues[0].PropertyTag = 0x66710014 (PidTagMemberId, PtypInteger64)", 1)
    q.f(u64(0x0000000000000007), "PropertyValues[0].PropertyValue = 7", 1)
    r = hdr_resp(V(), 0x40, "RopModifyPermissions", "InputHandleIndex", 0, 0, "Success")
    pair(SUB, f"oxcrops-{sec}-ropmodifypermissions", f"{SRC} {sec}, [MS-OXCPERM] 2.2.2",
         [q], [0x00000041], [r], [0x00000041],
         "RopModifyPermissions on a Folder object: add one user, remove another")
    f = hdr_resp(V(), 0x40, "RopModifyPermissions", "InputHandleIndex", 0, 0x80070005,
                 "AccessDenied")
    write(SUB, f"oxcrops-{sec}-ropmodifypermissions-failure-response", "rop-response-buffer",
          f"{SRC} {sec}.2", buffer([f], [0x00000041]),
          "RopModifyPermissions failing: the response has ReturnValue only (response)",
          request=buffer([q], [0x00000041]))


def get_permissions_table():
    sec = "2.2.10.2"
    q = hdr_req(V(), 0x3E, "RopGetPermissionsTable", InputHandleIndex=0, OutputHandleIndex=1)
    q.f(u8(0x02), "TableFlags = 0x02 (IncludeFreeBusy)")
    r = hdr_resp(V(), 0x3E, "RopGetPermissionsTable", "OutputHandleIndex", 1, 0, "Success")
    pair(SUB, f"oxcrops-{sec}-ropgetpermissionstable", f"{SRC} {sec}, [MS-OXCPERM] 2.2.1",
         [q], [0x00000041, NULL], [r], [0x00000041, 0x00000052],
         "RopGetPermissionsTable on the Calendar folder, free/busy rights included")


# ---------------------------------------------------------------- 2.2.11 Rule ROPs

def modify_rules():
    sec = "2.2.11.1"
    q = hdr_req(V(), 0x41, "RopModifyRules", InputHandleIndex=0)
    q.f(u8(0x00), "ModifyRulesFlag = 0x00 (changes to the existing rules)")
    q.f(u16(2), "RulesCount = 2")
    q.f(u8(0x01), "RulesData[0].RuleDataFlags = 0x01 (ROW_ADD)")
    q.f(u16(6), "RulesData[0].PropertyValueCount = 6")
    tagged_i32(q, 0x66760003, "PidTagRuleSequence", 10, 1, "PropertyValues[0].")
    tagged_i32(q, 0x66770003, "PidTagRuleState", 1, 1, "PropertyValues[1].")
    tagged_str(q, 0x6682001F, "PidTagRuleName", "Move news", 1, "PropertyValues[2].")
    tagged_str(q, 0x6681001F, "PidTagRuleProvider", "RuleOrganizer", 1, "PropertyValues[3].")
    q.f(u32(0x667900FD), "PropertyValues[4].PropertyTag = 0x667900FD (PidTagRuleCondition, "
        "PtypRestriction)", 1)
    q.f(u8(0x03), "PropertyValue.RestrictType = 0x03 (ContentRestriction)", 2)
    q.f(u16(0x0001), "PropertyValue.FuzzyLevelLow = 0x0001 (FL_SUBSTRING)", 2)
    q.f(u16(0x0001), "PropertyValue.FuzzyLevelHigh = 0x0001 (FL_IGNORECASE)", 2)
    q.f(u32(0x0037001F), "PropertyValue.PropertyTag = 0x0037001F (PidTagSubject)", 2)
    tagged_str(q, 0x0037001F, "PidTagSubject", "news", 2, "PropertyValue.TaggedValue.")
    q.f(u32(0x668000FE), "PropertyValues[5].PropertyTag = 0x668000FE (PidTagRuleActions, "
        "PtypRuleAction)", 1)
    for b, c, d in rule_actions_std().fields:
        q.f(b, "PropertyValue." + c, 2 + d)
    q.f(u8(0x04), "RulesData[1].RuleDataFlags = 0x04 (ROW_REMOVE)")
    q.f(u16(1), "RulesData[1].PropertyValueCount = 1")
    q.f(u32(0x66740014), "PropertyValues[0].PropertyTag = 0x66740014 (PidTagRuleId, "
        "PtypInteger64)", 1)
    q.f(u64(0x56F83F0100000001), "PropertyValues[0].PropertyValue = 0x56F83F0100000001", 1)
    r = hdr_resp(V(), 0x41, "RopModifyRules", "InputHandleIndex", 0, 0, "Success")
    pair(SUB, f"oxcrops-{sec}-ropmodifyrules", f"{SRC} {sec}, [MS-OXORULE] 2.2.1",
         [q], [0x00000041], [r], [0x00000041],
         "RopModifyRules: add a rule (condition: subject contains news; actions: move to a "
         "folder of this store, mark as read) and remove another")
    f = hdr_resp(V(), 0x41, "RopModifyRules", "InputHandleIndex", 0, 0x8007000E,
                 "NotEnoughMemory: too many rules")
    write(SUB, f"oxcrops-{sec}-ropmodifyrules-failure-response", "rop-response-buffer",
          f"{SRC} {sec}.2, [MS-OXORULE] 3.2.5.2", buffer([f], [0x00000041]),
          "RopModifyRules over the server's rule limit: ReturnValue only (response)",
          request=buffer([q], [0x00000041]))


def get_rules_table():
    sec = "2.2.11.2"
    q = hdr_req(V(), 0x3F, "RopGetRulesTable", InputHandleIndex=0, OutputHandleIndex=1)
    q.f(u8(0x40), "TableFlags = 0x40 (U: Unicode strings)")
    r = hdr_resp(V(), 0x3F, "RopGetRulesTable", "OutputHandleIndex", 1, 0, "Success")
    pair(SUB, f"oxcrops-{sec}-ropgetrulestable", f"{SRC} {sec}, [MS-OXORULE] 2.2.2",
         [q], [0x00000041, NULL], [r], [0x00000041, 0x00000053],
         "RopGetRulesTable on the Inbox")
    # The rules table read with a PidTagRuleActions column: the row's PtypRuleAction value.
    s = hdr_req(V(), 0x12, "RopSetColumns", InputHandleIndex=1)
    s.f(u8(0x00), "SetColumnsFlags = 0x00 (wait)")
    s.f(u16(2), "PropertyTagCount = 2")
    s.f(u32(0x66740014), "PropertyTags[0] = 0x66740014 (PidTagRuleId)")
    s.f(u32(0x668000FE), "PropertyTags[1] = 0x668000FE (PidTagRuleActions)")
    qr = hdr_req(V(), 0x15, "RopQueryRows", InputHandleIndex=1)
    qr.f(u8(0x00), "QueryRowsFlags = 0x00 (advance)")
    qr.f(u8(0x01), "ForwardRead = 0x01")
    qr.f(u16(10), "RowCount = 10")
    rs = hdr_resp(V(), 0x12, "RopSetColumns", "InputHandleIndex", 1, 0, "Success")
    rs.f(u8(0x00), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")
    rq = hdr_resp(V(), 0x15, "RopQueryRows", "InputHandleIndex", 1, 0, "Success")
    rq.f(u8(0x02), "Origin = 0x02 (BOOKMARK_END)")
    rq.f(u16(1), "RowCount = 1")
    rq.f(u8(0x00), "RowData[0].Flag = 0x00 (StandardPropertyRow)")
    rq.f(u64(0x56F83F0100000001), "RowData[0].PidTagRuleId = 0x56F83F0100000001", 1)
    for b, c, d in rule_actions_std().fields:
        rq.f(b, "RowData[0].PidTagRuleActions." + c, 1 + d)
    pair(SUB, f"oxcrops-{sec}-ropgetrulestable-rows", f"{SRC} {sec}, 2.2.5.1, 2.2.5.4; "
         "[MS-OXORULE] 2.2.5", [q, s, qr], [0x00000041, NULL], [r, rs, rq],
         [0x00000041, 0x00000053],
         "RopGetRulesTable, RopSetColumns and RopQueryRows: a rules table row with its "
         "PtypRuleAction value")


def update_deferred_action_messages():
    sec = "2.2.11.3"
    srv = message_entry_id(0x33, 0x789)
    cli = message_entry_id(0x44, 0x9AB)
    q = hdr_req(V(), 0x57, "RopUpdateDeferredActionMessages", InputHandleIndex=0)
    q.f(u16(len(srv)), f"ServerEntryIdSize = {len(srv)}")
    q.f(srv, "ServerEntryId = Message EntryID of the message on the server")
    q.f(u16(len(cli)), f"ClientEntryIdSize = {len(cli)}")
    q.f(cli, "ClientEntryId = Message EntryID of the message the client downloaded")
    r = hdr_resp(V(), 0x57, "RopUpdateDeferredActionMessages", "InputHandleIndex", 0, 0,
                 "Success")
    pair(SUB, f"oxcrops-{sec}-ropupdatedeferredactionmessages",
         f"{SRC} {sec}, [MS-OXORULE] 2.2.3", [q], [0x00000041], [r], [0x00000041],
         "RopUpdateDeferredActionMessages: the DAMs' entry ID of a message moved to the client")


# ---------------------------------------------------------------- RuleAction vectors

def rule_action_vectors():
    k2, k4 = "rule-action", "rule-action-extended"
    s2 = f"{ORULE} 2.2.5 (standard form)"
    s4 = f"{ORULE} 2.2.5 (extended form)"

    v = V().f(u16(2), "NoOfActions = 2 (2 bytes)")
    block(v, 2, 0x01, "OP_MOVE", move_copy_std_in_store(), 1)
    block(v, 2, 0x02, "OP_COPY", move_copy_std_other_store(), 1)
    write(SUB, "oxorule-2.2.5.1.2.1-move-copy", k2, s2 + ", 2.2.5.1.2.1", v,
          "OP_MOVE to a folder of this store (ServerEid) and OP_COPY to another store "
          "(Folder EntryID)")

    v = V().f(u16(2), "NoOfActions = 2 (2 bytes)")
    block(v, 2, 0x03, "OP_REPLY", reply_std(), 1, 0x00000002, "ST: use the template as is")
    block(v, 2, 0x04, "OP_OOF_REPLY", reply_std(), 1)
    write(SUB, "oxorule-2.2.5.1.2.2-reply", k2, s2 + ", 2.2.5.1.2.2", v,
          "OP_REPLY and OP_OOF_REPLY with a reply template FID/MID and GUID")

    v = V().f(u16(2), "NoOfActions = 2 (2 bytes)")
    defer = V().f(bytes.fromhex("0102030405060708"), "DeferredActionData (client-defined)")
    block(v, 2, 0x05, "OP_DEFER_ACTION", defer, 1)
    block(v, 2, 0x06, "OP_BOUNCE", V().f(u32(0x0000000D), "BounceCode = 0x0000000D "
                                         "(message too large)"), 1)
    write(SUB, "oxorule-2.2.5.1.2.3-defer-bounce", k2, s2 + ", 2.2.5.1.2.3, 2.2.5.1.2.5", v,
          "OP_DEFER_ACTION with client data and OP_BOUNCE")

    v = V().f(u16(2), "NoOfActions = 2 (2 bytes)")
    block(v, 2, 0x07, "OP_FORWARD", recipients(2, [("Sam", "sam@example.com"),
                                                    ("Kim", "kim@example.com")]),
          1, 0x00000004, "AT: forward as attachment")
    block(v, 2, 0x08, "OP_DELEGATE", recipients(2, [("Lee", "lee@example.com")]), 1)
    write(SUB, "oxorule-2.2.5.1.2.4-forward-delegate", k2, s2 + ", 2.2.5.1.2.4", v,
          "OP_FORWARD to two recipients and OP_DELEGATE to one (RecipientBlockData)")

    v = V().f(u16(3), "NoOfActions = 3 (2 bytes)")
    tag = V()
    tagged_i32(tag, 0x00170003, "PidTagImportance", 2, 0)
    block(v, 2, 0x09, "OP_TAG", tag, 1)
    block(v, 2, 0x0A, "OP_DELETE", V(), 1)
    block(v, 2, 0x0B, "OP_MARK_AS_READ", V(), 1)
    write(SUB, "oxorule-2.2.5.1.2.6-tag-delete-read", k2, s2 + ", 2.2.5.1.2.6, 2.2.5.1.2.7", v,
          "OP_TAG (importance high), OP_DELETE and OP_MARK_AS_READ (no ActionData)")

    v = V().f(u32(2), "NoOfActions = 2 (4 bytes)")
    block(v, 4, 0x01, "OP_MOVE", move_copy_ext(), 1)
    block(v, 4, 0x03, "OP_REPLY", reply_ext(), 1)
    write(SUB, "oxorule-2.2.5-extended-move-reply", k4, s4 + ", 2.2.5.1.2.1, 2.2.5.1.2.2", v,
          "Extended form: OP_MOVE with a Folder EntryID and OP_REPLY with a Message EntryID")

    v = V().f(u32(2), "NoOfActions = 2 (4 bytes)")
    block(v, 4, 0x07, "OP_FORWARD", recipients(4, [("Sam", "sam@example.com")]), 1)
    tag = V()
    tag.f(u32(0x80010102), "PropertyTag = 0x80010102 (named property 0x8001, PtypBinary)")
    tag.f(u32(3), "PropertyValue.Count = 3 (4 bytes in extended rules)")
    tag.f(b"\xaa\xbb\xcc", "PropertyValue bytes")
    block(v, 4, 0x09, "OP_TAG", tag, 1)
    write(SUB, "oxorule-2.2.5-extended-forward-tag", k4, s4 + ", 2.2.5.1.2.4, 2.2.5.1.2.6", v,
          "Extended form: 4-byte RecipientCount and NoOfProperties, and an OP_TAG binary value "
          "with a 4-byte count")

    # PidTagExtendedRuleMessageActions ([MS-OXORULE] 2.2.4.1.9).
    v = V()
    v.f(u16(1), "NamedPropertyInformation.NoOfNamedProps = 1")
    v.f(u16(0x8001), "NamedPropertyInformation.PropIds[0] = 0x8001")
    name = utf16z("Tag")
    names = u8(0x01) + PS_PUBLIC_STRINGS + u8(len(name)) + name
    v.f(u32(len(names)), f"NamedPropertyInformation.NamedPropertiesSize = {len(names)}")
    v.f(u8(0x01), "NamedProperties[0].Kind = 0x01 (MNID_STRING)", 1)
    v.f(PS_PUBLIC_STRINGS, "NamedProperties[0].GUID = PS_PUBLIC_STRINGS", 1)
    v.f(u8(len(name)), f"NamedProperties[0].NameSize = {len(name)}", 1)
    v.f(name, 'NamedProperties[0].Name = "Tag" (UTF-16LE + 0x0000)', 1)
    v.f(u32(1), "RuleVersion = 0x00000001")
    v.f(u32(1), "RuleActionsBuffer.NoOfActions = 1 (4 bytes)")
    tag = V()
    tagged_str(tag, 0x8001001F, "named property 0x8001", "urgent", 0)
    block(v, 4, 0x09, "OP_TAG", tag, 1)
    write(SUB, "oxorule-2.2.4.1.9-extended-rule-actions", "extended-rule-actions",
          f"{ORULE} 2.2.4.1.9, 2.2.4.2", v,
          "PidTagExtendedRuleMessageActions: one named property (PS_PUBLIC_STRINGS \"Tag\" as "
          "0x8001), RuleVersion 1, an OP_TAG setting it")

    # Hostile: an ActionLength too small for ActionType, ActionFlavor and ActionFlags.
    v = V().f(u16(1), "NoOfActions = 1")
    v.f(u16(5), "ActionLength = 5 (less than the 9 fixed bytes)")
    v.f(u8(0x0A) + bytes(8), "ActionType OP_DELETE, ActionFlavor 0, ActionFlags 0 (9 bytes)")
    write("hostile", "oxorule-2.2.5.1-action-length-too-small", k2,
          "hostile vector, [MS-OXORULE] 2.2.5.1 (ActionLength covers the fixed fields)", v,
          "ActionLength 5 cannot hold ActionType, ActionFlavor and ActionFlags",
          expect_error="invalid-value")


# ---------------------------------------------------------------- spec examples

def spec_examples():
    src = "[MS-OXORULE] 4.2.1 (Client Request for a Rules Table), RopGetRulesTable request"
    v = V().f(b"\x3f", "RopId = 0x3F (RopGetRulesTable)").f(b"\x00", "LogonId = 0x00")
    v.f(b"\x00", "InputHandleIndex = 0x00").f(b"\x01", "OutputHandleIndex = 0x01")
    v.f(b"\x40", "TableFlags = 0x40 (Unicode table)")
    write("ms-oxorule", "4.2.1-ropgetrulestable-request", "rop-request", src, v,
          "The RopGetRulesTable request of [MS-OXORULE] 4.2.1 (0000: 3f 00 00 01 40), "
          "transcribed by hand")
    resp = V().f(b"\x3f", "RopId = 0x3F (RopGetRulesTable)")
    resp.f(b"\x01", "OutputHandleIndex = 1 (the example labels it InputHandleIndex)")
    resp.f(b"\x00\x00\x00\x00", "ReturnValue = 0x00000000")
    write("ms-oxorule", "4.2.2-ropgetrulestable-response", "rop-response",
          "[MS-OXORULE] 4.2.2 (Server Responds to Client Requests), RopGetRulesTable response",
          resp, "The RopGetRulesTable response of [MS-OXORULE] 4.2.2 (0000: 3f 01 00 00 00 00), "
          "answering the 4.2.1 request; transcribed by hand", request=v)
    v = V().f(b"\x3e", "RopId = 0x3E (RopGetPermissionsTable)").f(b"\x00", "LogonId = 0")
    v.f(b"\x00", "InputHandleIndex = 0 (HSOT=0x000001DA)")
    v.f(b"\x01", "OutputHandleIndex = 1 (HSOT=0xFFFFFFFF)")
    v.f(b"\x02", "TableFlags = 0x02 (IncludeFreeBusy flag is set)")
    write("ms-oxcperm", "4.1-ropgetpermissionstable-request", "rop-request",
          "[MS-OXCPERM] 4.1 (Adding an Entry to the Permissions List), RopGetPermissionsTable "
          "request", v,
          "The RopGetPermissionsTable request of [MS-OXCPERM] 4.1 (0000: 3E 00 00 01 02), "
          "transcribed by hand")


def main():
    modify_permissions()
    get_permissions_table()
    modify_rules()
    get_rules_table()
    update_deferred_action_messages()
    rule_action_vectors()
    spec_examples()


if __name__ == "__main__":
    main()
