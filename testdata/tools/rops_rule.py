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
from ropgen import V, fid, guid, pair, request, response, response_only, transcribed, u8, u16, u32
from ropgen import u64, utf16z, write

SUB = "project"
SRC = "project vector, built from [MS-OXCROPS]"
ORULE = "project vector, built from [MS-OXORULE]"
NULL = 0xFFFFFFFF  # request output slot, to be filled by the server
FOLDER = [0x00000041]  # the handle table of a ROP on a Folder object

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


def cnt(width, n, name, d):
    b = u16(n) if width == 2 else u32(n)
    return (b, f"{name} = {n} ({width} bytes)", d)


def tagged_str(v, tag, name, text, d, p=""):
    v.f(u32(tag), f"{p}PropertyTag = 0x{tag:08X} ({name}, PtypString)", d)
    v.f(utf16z(text), f'{p}PropertyValue = "{text}" (UTF-16LE + 0x0000)', d)


def tagged_i32(v, tag, name, n, d, p=""):
    v.f(u32(tag), f"{p}PropertyTag = 0x{tag:08X} ({name}, PtypInteger32)", d)
    v.f(u32(n), f"{p}PropertyValue = {n}", d)


def tagged_i64(tag, name, n, text):
    """PropertyValues[0] of a row to remove: its PtypInteger64 ID."""
    v = V().f(u32(tag), f"PropertyValues[0].PropertyTag = 0x{tag:08X} ({name}, PtypInteger64)", 1)
    return v.f(u64(n), f"PropertyValues[0].PropertyValue = {text}", 1)


def ok(rop_id, name, field="InputHandleIndex", index=0):
    return response(rop_id, name, field, index, 0, "Success")


def exchange(sec, name, q, r, sources, note, suffix="", handles=FOLDER, resp_handles=FOLDER):
    """The request and the success response of one ROP; `sources` the spec sections after
    [MS-OXCROPS] <sec>."""
    pair(SUB, f"oxcrops-{sec}-{name.lower()}{suffix}", f"{SRC} {sec}{sources}", [q], handles,
         [r], resp_handles, note)


def failure(rid, name, sec, q, rv, rv_name, sources, note):
    """The failure response to `q`, a ROP on the Folder object: ReturnValue only."""
    r = response(rid, name, "InputHandleIndex", 0, rv, rv_name)
    response_only(SUB, f"oxcrops-{sec}-{name.lower()}-failure-response", f"{SRC} {sec}.2{sources}",
                  [q], FOLDER, [r], FOLDER, note)


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
    v.add(data, d + 1, "ActionData.")


def actions(width, blocks):
    """A RuleAction ([MS-OXORULE] 2.2.5): NoOfActions (2 bytes in the standard form, 4 in the
    extended form) and one ActionBlock per (ActionType, name, ActionData[, flavor, note])."""
    v = V().f(u16(len(blocks)) if width == 2 else u32(len(blocks)),
              f"NoOfActions = {len(blocks)} ({width} bytes)")
    for atype, aname, data, *flavor in blocks:
        block(v, width, atype, aname, data, 1, *flavor)
    return v


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


def tag_action(tag, name, value, d=0):
    """The ActionData of OP_TAG: a TaggedPropertyValue, PtypInteger32 (an int `value`) or
    PtypString."""
    v = V()
    (tagged_i32 if isinstance(value, int) else tagged_str)(v, tag, name, value, d)
    return v


def rule_actions_std():
    """A standard-form RuleAction with an OP_MOVE and an OP_MARK_AS_READ (used in RopModifyRules)."""
    return actions(2, [(0x01, "OP_MOVE", move_copy_std_in_store()), (0x0B, "OP_MARK_AS_READ", V())])


# ---------------------------------------------------------------- 2.2.10 Permission ROPs

def modify_request(rid, name, flag_field, count_field, data, flags_field, entries):
    """The request of RopModifyPermissions / RopModifyRules: a flags byte, a 2-byte count of
    entries, then per entry (flags, note, PropertyValueCount, values): its flags byte, the
    2-byte PropertyValueCount and the TaggedPropertyValues (a V)."""
    q = request(rid, name, ("InputHandleIndex", 0)).f(u8(0x00), flag_field)
    q.f(u16(len(entries)), f"{count_field} = {len(entries)}")
    for i, (flags, note, count, values) in enumerate(entries):
        q.f(u8(flags), f"{data}[{i}].{flags_field} = 0x{flags:02X} ({note})")
        q.f(u16(count), f"{data}[{i}].PropertyValueCount = {count}")
        q.add(values)
    return q


def modify_permissions(rid, name, sec):
    eid = bytes.fromhex("00000000dca740c8c042101ab4b908002b2fe1820100000000000000")
    add = V().f(u32(0x0FFF0102), "PropertyValues[0].PropertyTag = 0x0FFF0102 (PidTagEntryId)", 1)
    add.f(u16(len(eid)), f"PropertyValues[0].PropertyValue.Count = {len(eid)}", 1)
    add.f(eid, "PropertyValues[0].PropertyValue = the user's address book EntryID (abbreviated)", 1)
    tagged_i32(add, 0x66730003, "PidTagMemberRights", 0x0000049B, 1, "PropertyValues[1].")
    q = modify_request(rid, name, "ModifyFlags = 0x00 (change the list entry by entry)",
                       "ModifyCount", "PermissionsData", "PermissionDataFlags",
                       [(0x01, "AddRow", 2, add),
                        (0x04, "RemoveRow", 1, tagged_i64(0x66710014, "PidTagMemberId", 7, "7"))])
    exchange(sec, name, q, ok(rid, name), ", [MS-OXCPERM] 2.2.2",
             "RopModifyPermissions on a Folder object: add one user, remove another")
    failure(rid, name, sec, q, 0x80070005, "AccessDenied", "",
            "RopModifyPermissions failing: the response has ReturnValue only (response)")


def get_table(rid, name, sec, flags, sources, table, note):
    """RopGetPermissionsTable / RopGetRulesTable: the table opened at index 1."""
    q = request(rid, name, ("InputHandleIndex", 0), ("OutputHandleIndex", 1))
    q.f(u8(flags[0]), flags[1])
    r = ok(rid, name, "OutputHandleIndex", 1)
    exchange(sec, name, q, r, sources, note, "", FOLDER + [NULL], FOLDER + [table])
    return q, r


# ---------------------------------------------------------------- 2.2.11 Rule ROPs

def modify_rules(rid, name, sec):
    add = V()
    tagged_i32(add, 0x66760003, "PidTagRuleSequence", 10, 1, "PropertyValues[0].")
    tagged_i32(add, 0x66770003, "PidTagRuleState", 1, 1, "PropertyValues[1].")
    tagged_str(add, 0x6682001F, "PidTagRuleName", "Move news", 1, "PropertyValues[2].")
    tagged_str(add, 0x6681001F, "PidTagRuleProvider", "RuleOrganizer", 1, "PropertyValues[3].")
    add.f(u32(0x667900FD), "PropertyValues[4].PropertyTag = 0x667900FD (PidTagRuleCondition, "
          "PtypRestriction)", 1)
    add.f(u8(0x03), "PropertyValue.RestrictType = 0x03 (ContentRestriction)", 2)
    add.f(u16(0x0001), "PropertyValue.FuzzyLevelLow = 0x0001 (FL_SUBSTRING)", 2)
    add.f(u16(0x0001), "PropertyValue.FuzzyLevelHigh = 0x0001 (FL_IGNORECASE)", 2)
    add.f(u32(0x0037001F), "PropertyValue.PropertyTag = 0x0037001F (PidTagSubject)", 2)
    tagged_str(add, 0x0037001F, "PidTagSubject", "news", 2, "PropertyValue.TaggedValue.")
    add.f(u32(0x668000FE), "PropertyValues[5].PropertyTag = 0x668000FE (PidTagRuleActions, "
          "PtypRuleAction)", 1)
    add.add(rule_actions_std(), 2, "PropertyValue.")
    rule_id = 0x56F83F0100000001
    q = modify_request(rid, name, "ModifyRulesFlag = 0x00 (changes to the existing rules)",
                       "RulesCount", "RulesData", "RuleDataFlags",
                       [(0x01, "ROW_ADD", 6, add),
                        (0x04, "ROW_REMOVE", 1,
                         tagged_i64(0x66740014, "PidTagRuleId", rule_id, f"0x{rule_id:016X}"))])
    exchange(sec, name, q, ok(rid, name), ", [MS-OXORULE] 2.2.1",
             "RopModifyRules: add a rule (condition: subject contains news; actions: move to a "
             "folder of this store, mark as read) and remove another")
    failure(rid, name, sec, q, 0x8007000E, "NotEnoughMemory: too many rules",
            ", [MS-OXORULE] 3.2.5.2",
            "RopModifyRules over the server's rule limit: ReturnValue only (response)")


def rules_table_rows(sec, q, r):
    """The rules table read with a PidTagRuleActions column: the row's PtypRuleAction value."""
    s = request(0x12, "RopSetColumns", ("InputHandleIndex", 1))
    s.f(u8(0x00), "SetColumnsFlags = 0x00 (wait)")
    s.f(u16(2), "PropertyTagCount = 2")
    s.f(u32(0x66740014), "PropertyTags[0] = 0x66740014 (PidTagRuleId)")
    s.f(u32(0x668000FE), "PropertyTags[1] = 0x668000FE (PidTagRuleActions)")
    qr = request(0x15, "RopQueryRows", ("InputHandleIndex", 1))
    qr.f(u8(0x00), "QueryRowsFlags = 0x00 (advance)")
    qr.f(u8(0x01), "ForwardRead = 0x01")
    qr.f(u16(10), "RowCount = 10")
    rs = ok(0x12, "RopSetColumns", "InputHandleIndex", 1)
    rs.f(u8(0x00), "TableStatus = 0x00 (TBLSTAT_COMPLETE)")
    rq = ok(0x15, "RopQueryRows", "InputHandleIndex", 1)
    rq.f(u8(0x02), "Origin = 0x02 (BOOKMARK_END)")
    rq.f(u16(1), "RowCount = 1")
    rq.f(u8(0x00), "RowData[0].Flag = 0x00 (StandardPropertyRow)")
    rq.f(u64(0x56F83F0100000001), "RowData[0].PidTagRuleId = 0x56F83F0100000001", 1)
    rq.add(rule_actions_std(), 1, "RowData[0].PidTagRuleActions.")
    pair(SUB, f"oxcrops-{sec}-ropgetrulestable-rows", f"{SRC} {sec}, 2.2.5.1, 2.2.5.4; "
         "[MS-OXORULE] 2.2.5", [q, s, qr], FOLDER + [NULL], [r, rs, rq], FOLDER + [0x00000053],
         "RopGetRulesTable, RopSetColumns and RopQueryRows: a rules table row with its "
         "PtypRuleAction value")


def update_deferred_action_messages(rid, name, sec):
    srv = message_entry_id(0x33, 0x789)
    cli = message_entry_id(0x44, 0x9AB)
    q = request(rid, name, ("InputHandleIndex", 0))
    q.f(u16(len(srv)), f"ServerEntryIdSize = {len(srv)}")
    q.f(srv, "ServerEntryId = Message EntryID of the message on the server")
    q.f(u16(len(cli)), f"ClientEntryIdSize = {len(cli)}")
    q.f(cli, "ClientEntryId = Message EntryID of the message the client downloaded")
    exchange(sec, name, q, ok(rid, name), ", [MS-OXORULE] 2.2.3",
             "RopUpdateDeferredActionMessages: the DAMs' entry ID of a message moved to the client")


# ---------------------------------------------------------------- RuleAction vectors

def rule_action_vectors():
    k2, k4 = "rule-action", "rule-action-extended"
    s2 = f"{ORULE} 2.2.5 (standard form)"
    s4 = f"{ORULE} 2.2.5 (extended form)"
    extended_tag = V()
    extended_tag.f(u32(0x80010102), "PropertyTag = 0x80010102 (named property 0x8001, PtypBinary)")
    extended_tag.f(u32(3), "PropertyValue.Count = 3 (4 bytes in extended rules)")
    extended_tag.f(b"\xaa\xbb\xcc", "PropertyValue bytes")
    for name, kind, source, note, width, blocks in [
        ("2.2.5.1.2.1-move-copy", k2, s2 + ", 2.2.5.1.2.1",
         "OP_MOVE to a folder of this store (ServerEid) and OP_COPY to another store "
         "(Folder EntryID)", 2,
         [(0x01, "OP_MOVE", move_copy_std_in_store()),
          (0x02, "OP_COPY", move_copy_std_other_store())]),
        ("2.2.5.1.2.2-reply", k2, s2 + ", 2.2.5.1.2.2",
         "OP_REPLY and OP_OOF_REPLY with a reply template FID/MID and GUID", 2,
         [(0x03, "OP_REPLY", reply_std(), 0x00000002, "ST: use the template as is"),
          (0x04, "OP_OOF_REPLY", reply_std())]),
        ("2.2.5.1.2.3-defer-bounce", k2, s2 + ", 2.2.5.1.2.3, 2.2.5.1.2.5",
         "OP_DEFER_ACTION with client data and OP_BOUNCE", 2,
         [(0x05, "OP_DEFER_ACTION",
           V().f(bytes.fromhex("0102030405060708"), "DeferredActionData (client-defined)")),
          (0x06, "OP_BOUNCE",
           V().f(u32(0x0000000D), "BounceCode = 0x0000000D (message too large)"))]),
        ("2.2.5.1.2.4-forward-delegate", k2, s2 + ", 2.2.5.1.2.4",
         "OP_FORWARD to two recipients and OP_DELEGATE to one (RecipientBlockData)", 2,
         [(0x07, "OP_FORWARD",
           recipients(2, [("Sam", "sam@example.com"), ("Kim", "kim@example.com")]),
           0x00000004, "AT: forward as attachment"),
          (0x08, "OP_DELEGATE", recipients(2, [("Lee", "lee@example.com")]))]),
        ("2.2.5.1.2.6-tag-delete-read", k2, s2 + ", 2.2.5.1.2.6, 2.2.5.1.2.7",
         "OP_TAG (importance high), OP_DELETE and OP_MARK_AS_READ (no ActionData)", 2,
         [(0x09, "OP_TAG", tag_action(0x00170003, "PidTagImportance", 2)),
          (0x0A, "OP_DELETE", V()),
          (0x0B, "OP_MARK_AS_READ", V())]),
        ("2.2.5-extended-move-reply", k4, s4 + ", 2.2.5.1.2.1, 2.2.5.1.2.2",
         "Extended form: OP_MOVE with a Folder EntryID and OP_REPLY with a Message EntryID", 4,
         [(0x01, "OP_MOVE", move_copy_ext()),
          (0x03, "OP_REPLY", reply_ext())]),
        ("2.2.5-extended-forward-tag", k4, s4 + ", 2.2.5.1.2.4, 2.2.5.1.2.6",
         "Extended form: 4-byte RecipientCount and NoOfProperties, and an OP_TAG binary value "
         "with a 4-byte count", 4,
         [(0x07, "OP_FORWARD", recipients(4, [("Sam", "sam@example.com")])),
          (0x09, "OP_TAG", extended_tag)]),
    ]:
        write(SUB, "oxorule-" + name, kind, source, actions(width, blocks), note)

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
    block(v, 4, 0x09, "OP_TAG", tag_action(0x8001001F, "named property 0x8001", "urgent"), 1)
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

RULES_TABLE_REQUEST = "4.2.1-ropgetrulestable-request"
ORULE_EXAMPLES = [
    (RULES_TABLE_REQUEST, "rop-request",
     "[MS-OXORULE] 4.2.1 (Client Request for a Rules Table), RopGetRulesTable request",
     "The RopGetRulesTable request of [MS-OXORULE] 4.2.1 (0000: 3f 00 00 01 40), "
     "transcribed by hand", None, [
         ("3f", "RopId = 0x3F (RopGetRulesTable)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("01", "OutputHandleIndex = 0x01"),
         ("40", "TableFlags = 0x40 (Unicode table)"),
     ]),
    ("4.2.2-ropgetrulestable-response", "rop-response",
     "[MS-OXORULE] 4.2.2 (Server Responds to Client Requests), RopGetRulesTable response",
     "The RopGetRulesTable response of [MS-OXORULE] 4.2.2 (0000: 3f 01 00 00 00 00), "
     "answering the 4.2.1 request; transcribed by hand", RULES_TABLE_REQUEST, [
         ("3f", "RopId = 0x3F (RopGetRulesTable)"),
         ("01", "OutputHandleIndex = 1 (the example labels it InputHandleIndex)"),
         ("00000000", "ReturnValue = 0x00000000"),
     ]),
]
OXCPERM_EXAMPLES = [
    ("4.1-ropgetpermissionstable-request", "rop-request",
     "[MS-OXCPERM] 4.1 (Adding an Entry to the Permissions List), RopGetPermissionsTable "
     "request", "The RopGetPermissionsTable request of [MS-OXCPERM] 4.1 (0000: 3E 00 00 01 02), "
     "transcribed by hand", None, [
         ("3e", "RopId = 0x3E (RopGetPermissionsTable)"),
         ("00", "LogonId = 0"),
         ("00", "InputHandleIndex = 0 (HSOT=0x000001DA)"),
         ("01", "OutputHandleIndex = 1 (HSOT=0xFFFFFFFF)"),
         ("02", "TableFlags = 0x02 (IncludeFreeBusy flag is set)"),
     ]),
]


def main():
    modify_permissions(0x40, "RopModifyPermissions", "2.2.10.1")
    get_table(0x3E, "RopGetPermissionsTable", "2.2.10.2",
              (0x02, "TableFlags = 0x02 (IncludeFreeBusy)"), ", [MS-OXCPERM] 2.2.1", 0x00000052,
              "RopGetPermissionsTable on the Calendar folder, free/busy rights included")
    modify_rules(0x41, "RopModifyRules", "2.2.11.1")
    q, r = get_table(0x3F, "RopGetRulesTable", "2.2.11.2",
                     (0x40, "TableFlags = 0x40 (U: Unicode strings)"), ", [MS-OXORULE] 2.2.2",
                     0x00000053, "RopGetRulesTable on the Inbox")
    rules_table_rows("2.2.11.2", q, r)
    update_deferred_action_messages(0x57, "RopUpdateDeferredActionMessages", "2.2.11.3")
    rule_action_vectors()
    transcribed("ms-oxorule", ORULE_EXAMPLES)
    transcribed("ms-oxcperm", OXCPERM_EXAMPLES)


if __name__ == "__main__":
    main()
