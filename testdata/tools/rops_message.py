#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.6 Message ROPs, spelled out from the spec (field semantics from
[MS-OXCMSG] 2.2.3, RecipientRow from [MS-OXCDATA] 2.8.3); see ropgen.py for the buffer layout.

[MS-OXCMSG] section 4 describes its examples in prose (which ROPs a client sends, which
properties it sets) and gives no example bytes, so every vector here is a project vector.
"""
from ropgen import V, u8, u16, u32, u64, utf16z, asciiz, buffer, write, pair

SRC = "project vector, built from [MS-OXCROPS]"
SUB = "project"

# Server object handles used throughout (arbitrary but distinct values).
H_FOLDER = 0x00000041
H_MESSAGE = 0x00000052
H_NEW = 0x00000063
H_ATTACH = 0x00000074
H_TABLE = 0x00000085
NEW = 0xFFFFFFFF  # a request's output slot ([MS-OXCROPS] 2.2.1: not yet filled)

# PropertyTags ([MS-OXPROPS]).
PidTagDisplayName = 0x3001001F
PidTagEntryId = 0x0FFF0102
PidTagSmtpAddress = 0x39FE001F
PidTagRecipientType = 0x0C150003

# RecipientFlags bits ([MS-OXCDATA] 2.8.3.1).
R, S, T, D, E = 0x0080, 0x0040, 0x0020, 0x0010, 0x0008
O, I, U, N = 0x8000, 0x0400, 0x0200, 0x0100
TYPE_X500DN, TYPE_SMTP = 0x1, 0x3


def fid(replica, counter):
    """[MS-OXCDATA] 2.2.1.1 Folder ID / 2.2.1.2 Message ID: ReplicaId (2 bytes LE), then the
    6-byte GlobalCounter, big-endian."""
    return u16(replica) + counter.to_bytes(6, "big")


def rop(rop_id, name, logon=0):
    return V().f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})").f(u8(logon), f"LogonId = {logon}")


def resp(rop_id, name, handle_field, handle, rv=0, note=""):
    v = V().f(u8(rop_id), f"RopId = 0x{rop_id:02X} ({name})")
    v.f(u8(handle), f"{handle_field} = {handle}")
    v.f(u32(rv), f"ReturnValue = 0x{rv:08X}{note}")
    return v


def typed_string(v, name, kind, text=None):
    """[MS-OXCDATA] 2.11.7 TypedString."""
    if kind == "none":
        v.f(u8(0x00), f"{name}.StringType = 0x00 (NoString)")
    elif kind == "empty":
        v.f(u8(0x01), f"{name}.StringType = 0x01 (Empty)")
    elif kind == "string8":
        v.f(u8(0x02), f"{name}.StringType = 0x02 (String8)")
        v.f(asciiz(text), f'{name}.String = "{text}" (8-bit + 0x00)', 1)
    elif kind == "reduced":
        v.f(u8(0x03), f"{name}.StringType = 0x03 (ReducedUnicode)")
        v.f(asciiz(text), f'{name}.String = "{text}" (high bytes removed + 0x00)', 1)
    else:
        v.f(u8(0x04), f"{name}.StringType = 0x04 (Unicode)")
        v.f(utf16z(text), f'{name}.String = "{text}" (UTF-16LE + 0x0000)', 1)


def columns(v, tags, names):
    v.f(u16(len(tags)), f"ColumnCount = {len(tags)}")
    for i, (t, n) in enumerate(zip(tags, names)):
        v.f(u32(t), f"RecipientColumns[{i}] = 0x{t:08X} {n}", 1)


def rstr(text, unicode):
    return utf16z(text) if unicode else asciiz(text)


def rdesc(text, unicode):
    return f'"{text}" ' + ("(UTF-16LE + 0x0000, U set)" if unicode else "(8-bit + 0x00, U clear)")


def recipient_row(flags, fields, props):
    """[MS-OXCDATA] 2.8.3.2 RecipientRow. `fields` are (bytes, comment) of the optional fields
    in wire order; `props` the RecipientColumnCount and RecipientProperties fields."""
    v = V()
    ty = flags & 0x7
    v.f(u16(flags), f"RecipientFlags = 0x{flags:04X} (Type {ty}" + "".join(
        f", {n}" for b, n in [(R, "R"), (S, "S"), (T, "T"), (D, "D"), (E, "E"), (O, "O"),
                              (I, "I"), (U, "U"), (N, "N")] if flags & b) + ")")
    for b, c in fields:
        v.f(b, c)
    for b, c, d in props.fields:
        v.f(b, c, d)
    return v


# ---- recipient rows used by several ROPs ----------------------------------------------------

def row_ann():
    """SMTP recipient, Unicode strings, all three columns in a StandardPropertyRow."""
    p = V().f(u16(3), "RecipientColumnCount = 3 (all RecipientColumns)")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow)")
    p.f(utf16z("Ann"), 'RecipientProperties[0] PidTagDisplayName = "Ann" (PtypString)', 1)
    p.f(u16(4) + bytes.fromhex("0a0b0c0d"),
        "RecipientProperties[1] PidTagEntryId = 4 bytes 0a0b0c0d (PtypBinary, 2-byte count)", 1)
    p.f(utf16z("ann@example.com"),
        'RecipientProperties[2] PidTagSmtpAddress = "ann@example.com" (PtypString)', 1)
    flags = S | D | E | U | TYPE_SMTP
    return recipient_row(flags, [
        (utf16z("ann@example.com"), "EmailAddress = " + rdesc("ann@example.com", True)),
        (utf16z("Ann"), "DisplayName = " + rdesc("Ann", True)),
    ], p)


def row_bob():
    """X500DN recipient with SimpleDisplayName; two of the columns, in a FlaggedPropertyRow
    whose second cell is an error."""
    p = V().f(u16(2), "RecipientColumnCount = 2 (the first two RecipientColumns)")
    p.f(u8(0x01), "RecipientProperties.Flag = 0x01 (FlaggedPropertyRow)")
    p.f(u8(0x00), "RecipientProperties[0].Flag = 0x00 (value present)", 1)
    p.f(utf16z("Bob"), 'RecipientProperties[0].PropertyValue PidTagDisplayName = "Bob"', 1)
    p.f(u8(0x0A), "RecipientProperties[1].Flag = 0x0A (error)", 1)
    p.f(u32(0x8004010F), "RecipientProperties[1].PropertyValue = 0x8004010F (ecNotFound)", 1)
    flags = D | I | U | TYPE_X500DN
    return recipient_row(flags, [
        (u8(0), "AddressPrefixUsed = 0 (Type X500DN)"),
        (u8(0x00), "DisplayType = 0x00 (a messaging user)"),
        (asciiz("/o=Contoso/ou=Exchange/cn=Recipients/cn=bob"),
         'X500DN = "/o=Contoso/ou=Exchange/cn=Recipients/cn=bob" (ASCII + 0x00)'),
        (utf16z("Bob"), "DisplayName = " + rdesc("Bob", True)),
        (utf16z("bob"), "SimpleDisplayName = " + rdesc("bob", True)),
    ], p)


def row_carol():
    """SMTP recipient for RopModifyRecipients / RopReadRecipients: PidTagEntryId and
    PidTagRecipientType."""
    p = V().f(u16(2), "RecipientColumnCount = 2")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow)")
    p.f(u16(8) + bytes.fromhex("0000000001020304"),
        "RecipientProperties[0] PidTagEntryId = 8 bytes (PtypBinary, 2-byte count)", 1)
    p.f(u32(1), "RecipientProperties[1] PidTagRecipientType = 1 (primary, PtypInteger32)", 1)
    flags = D | E | U | TYPE_SMTP
    return recipient_row(flags, [
        (utf16z("carol@example.com"), "EmailAddress = " + rdesc("carol@example.com", True)),
        (utf16z("Carol"), "DisplayName = " + rdesc("Carol", True)),
    ], p)


def row_dave():
    """SMTP recipient with 8-bit strings (U clear) and a non-standard address type flag
    off; one Unicode column."""
    p = V().f(u16(1), "RecipientColumnCount = 1")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow)")
    p.f(utf16z("Dave"), 'RecipientProperties[0] PidTagDisplayName = "Dave" (PtypString)', 1)
    flags = D | E | TYPE_SMTP
    return recipient_row(flags, [
        (asciiz("dave@example.com"), "EmailAddress = " + rdesc("dave@example.com", False)),
        (asciiz("Dave"), "DisplayName = " + rdesc("Dave", False)),
    ], p)


def row_fax():
    """NoType recipient with O set: an AddressType (ASCII) and an 8-bit EmailAddress."""
    p = V().f(u16(0), "RecipientColumnCount = 0")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow, no cells)")
    flags = O | E
    return recipient_row(flags, [
        (asciiz("X400"), 'AddressType = "X400" (ASCII + 0x00; Type NoType and O set)'),
        (asciiz("c=US;a= ;p=Contoso;s=Erin"), 'EmailAddress = "c=US;a= ;p=Contoso;s=Erin" (8-bit)'),
    ], p)


def open_recipient(v, i, rtype, rname, row, d=1):
    """[MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow, the i-th of RecipientRows."""
    p = f"RecipientRows[{i}]."
    v.f(u8(rtype), p + f"RecipientType = 0x{rtype:02X} ({rname})", d)
    v.f(u16(0x04E4), p + "CodePageId = 1252", d)
    v.f(u16(0), p + "Reserved = 0x0000", d)
    n = len(row.bytes())
    v.f(u16(n), p + f"RecipientRowSize = {n}", d)
    for b, c, dd in row.fields:
        v.f(b, p + "RecipientRow." + c, d + 1 + dd)


# ---- the vectors ----------------------------------------------------------------------------

def open_message():
    q = rop(0x03, "RopOpenMessage").f(u8(0), "InputHandleIndex = 0 (the folder)")
    q.f(u8(1), "OutputHandleIndex = 1").f(u16(0x0FFF), "CodePageId = 0x0FFF (the logon's)")
    q.f(fid(1, 0x1234), "FolderId = ReplicaId 1, GlobalCounter 0x000000001234")
    q.f(u8(0x01), "OpenModeFlags = 0x01 (ReadWrite)")
    q.f(fid(1, 0x5678), "MessageId = ReplicaId 1, GlobalCounter 0x000000005678")
    ok = resp(0x03, "RopOpenMessage", "OutputHandleIndex", 1)
    ok.f(u8(0x01), "HasNamedProperties = 0x01")
    typed_string(ok, "SubjectPrefix", "unicode", "RE: ")
    typed_string(ok, "NormalizedSubject", "unicode", "Lunch")
    ok.f(u16(3), "RecipientCount = 3 (two rows follow; the third is read with RopReadRecipients)")
    columns(ok, [PidTagDisplayName, PidTagEntryId, PidTagSmtpAddress],
            ["PidTagDisplayName", "PidTagEntryId", "PidTagSmtpAddress"])
    ok.f(u8(2), "RowCount = 2 (one byte)")
    open_recipient(ok, 0, 0x01, "primary (To)", row_ann())
    open_recipient(ok, 1, 0x02, "Cc", row_bob())
    pair(SUB, "oxcrops-2.2.6.1-ropopenmessage", SRC + " 2.2.6.1, [MS-OXCDATA] 2.8.3",
         [q], [H_FOLDER, NEW], [ok], [H_FOLDER, H_MESSAGE],
         "RopOpenMessage: subject, three recipient columns, an SMTP and an X500DN recipient")
    fail = resp(0x03, "RopOpenMessage", "OutputHandleIndex", 1, 0x8004010F, " (ecNotFound)")
    write(SUB, "oxcrops-2.2.6.1-ropopenmessage-failure-response", "rop-response-buffer",
          SRC + " 2.2.6.1.3", buffer([fail], [H_FOLDER, NEW]),
          "RopOpenMessage failure: nothing after ReturnValue (response)",
          request=buffer([q], [H_FOLDER, NEW]))


def create_message():
    qs = []
    for out in (1, 2):
        q = rop(0x06, "RopCreateMessage").f(u8(0), "InputHandleIndex = 0 (the folder)")
        q.f(u8(out), f"OutputHandleIndex = {out}").f(u16(0x0FFF), "CodePageId = 0x0FFF")
        q.f(fid(1, 0x1234), "FolderId = ReplicaId 1, GlobalCounter 0x000000001234")
        q.f(u8(0x00 if out == 1 else 0x01),
            "AssociatedFlag = " + ("0x00 (normal message)" if out == 1 else "0x01 (FAI message)"))
        qs.append(q)
    a = resp(0x06, "RopCreateMessage", "OutputHandleIndex", 1)
    a.f(u8(0x01), "HasMessageId = 0x01").f(fid(1, 0x9ABC), "MessageId = ReplicaId 1, 0x9ABC")
    b = resp(0x06, "RopCreateMessage", "OutputHandleIndex", 2)
    b.f(u8(0x00), "HasMessageId = 0x00 (no MessageId follows)")
    pair(SUB, "oxcrops-2.2.6.2-ropcreatemessage", SRC + " 2.2.6.2",
         qs, [H_FOLDER, NEW, NEW], [a, b], [H_FOLDER, H_MESSAGE, H_NEW],
         "Two RopCreateMessage: the first response has a MessageId, the second none")


def save_changes_message():
    q = rop(0x0C, "RopSaveChangesMessage").f(u8(0), "ResponseHandleIndex = 0")
    q.f(u8(1), "InputHandleIndex = 1 (the message)").f(u8(0x02), "SaveFlags = 0x02 (KeepOpenReadWrite)")
    ok = resp(0x0C, "RopSaveChangesMessage", "ResponseHandleIndex", 0)
    ok.f(u8(1), "InputHandleIndex = 1").f(fid(1, 0x9ABC), "MessageId = ReplicaId 1, 0x9ABC")
    pair(SUB, "oxcrops-2.2.6.3-ropsavechangesmessage", SRC + " 2.2.6.3",
         [q], [H_FOLDER, H_MESSAGE], [ok], [H_FOLDER, H_MESSAGE],
         "RopSaveChangesMessage keeping the message open read/write")


def remove_all_recipients():
    q = rop(0x0D, "RopRemoveAllRecipients").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u32(0), "Reserved = 0x00000000")
    ok = resp(0x0D, "RopRemoveAllRecipients", "InputHandleIndex", 0)
    pair(SUB, "oxcrops-2.2.6.4-ropremoveallrecipients", SRC + " 2.2.6.4",
         [q], [H_MESSAGE], [ok], [H_MESSAGE], "RopRemoveAllRecipients")


def modify_recipients():
    q = rop(0x0E, "RopModifyRecipients").f(u8(0), "InputHandleIndex = 0 (the message)")
    columns(q, [PidTagEntryId, PidTagRecipientType], ["PidTagEntryId", "PidTagRecipientType"])
    q.f(u16(2), "RowCount = 2 (two bytes)")
    q.f(u32(0), "RecipientRows[0].RowId = 0", 1)
    q.f(u8(0x01), "RecipientRows[0].RecipientType = 0x01 (primary)", 1)
    row = row_carol()
    n = len(row.bytes())
    q.f(u16(n), f"RecipientRows[0].RecipientRowSize = {n}", 1)
    for b, c, d in row.fields:
        q.f(b, "RecipientRows[0].RecipientRow." + c, 2 + d)
    q.f(u32(1), "RecipientRows[1].RowId = 1", 1)
    q.f(u8(0x02), "RecipientRows[1].RecipientType = 0x02 (Cc)", 1)
    q.f(u16(0), "RecipientRows[1].RecipientRowSize = 0 (no RecipientRow: the recipient is removed)", 1)
    ok = resp(0x0E, "RopModifyRecipients", "InputHandleIndex", 0)
    pair(SUB, "oxcrops-2.2.6.5-ropmodifyrecipients", SRC + " 2.2.6.5, [MS-OXCDATA] 2.8.3",
         [q], [H_MESSAGE], [ok], [H_MESSAGE],
         "RopModifyRecipients: add or change one recipient, remove another")
    return q, ok


def read_recipients():
    q = rop(0x0F, "RopReadRecipients").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u32(0), "RowId = 0 (from the first recipient)").f(u16(0), "Reserved = 0x0000")
    ok = resp(0x0F, "RopReadRecipients", "InputHandleIndex", 0)
    ok.f(u8(2), "RowCount = 2 (one byte)")
    for i, (row, rtype, rname) in enumerate([(row_carol(), 0x01, "primary"),
                                            (row_fax(), 0x03, "Bcc")]):
        ok.f(u32(i), f"RecipientRows[{i}].RowId = {i}", 1)
        ok.f(u8(rtype), f"RecipientRows[{i}].RecipientType = 0x{rtype:02X} ({rname})", 1)
        ok.f(u16(0x04E4), f"RecipientRows[{i}].CodePageId = 1252", 1)
        ok.f(u16(0), f"RecipientRows[{i}].Reserved = 0x0000", 1)
        n = len(row.bytes())
        ok.f(u16(n), f"RecipientRows[{i}].RecipientRowSize = {n}", 1)
        for b, c, d in row.fields:
            ok.f(b, f"RecipientRows[{i}].RecipientRow." + c, 2 + d)
    note = ("RopReadRecipients: two ReadRecipientRows. The response carries no recipient "
            "columns, so in a buffer the RecipientProperties stay undecoded")
    pair(SUB, "oxcrops-2.2.6.6-ropreadrecipients", SRC + " 2.2.6.6, [MS-OXCDATA] 2.8.3",
         [q], [H_MESSAGE], [ok], [H_MESSAGE], note)
    # The same response as a single ROP with the recipient columns (those RopModifyRecipients
    # set), so RecipientProperties decode.
    write(SUB, "oxcrops-2.2.6.6-ropreadrecipients-columns-rop", "rop-response",
          SRC + " 2.2.6.6.2, [MS-OXCDATA] 2.8.3", ok,
          "One RopReadRecipients response decoded with the recipient columns "
          "PidTagEntryId, PidTagRecipientType (response)",
          request=q, columns=[PidTagEntryId, PidTagRecipientType])
    return q, ok


def reload_cached_information():
    q = rop(0x10, "RopReloadCachedInformation").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u16(0), "Reserved = 0x0000")
    ok = resp(0x10, "RopReloadCachedInformation", "InputHandleIndex", 0)
    ok.f(u8(0x00), "HasNamedProperties = 0x00")
    typed_string(ok, "SubjectPrefix", "empty")
    typed_string(ok, "NormalizedSubject", "string8", "Status report")
    ok.f(u16(1), "RecipientCount = 1")
    columns(ok, [PidTagDisplayName], ["PidTagDisplayName"])
    ok.f(u8(1), "RowCount = 1")
    open_recipient(ok, 0, 0x01, "primary (To)", row_dave())
    pair(SUB, "oxcrops-2.2.6.7-ropreloadcachedinformation", SRC + " 2.2.6.7, [MS-OXCDATA] 2.8.3",
         [q], [H_MESSAGE], [ok], [H_MESSAGE],
         "RopReloadCachedInformation: 8-bit subject and an 8-bit recipient")


def message_status():
    q = rop(0x20, "RopSetMessageStatus").f(u8(0), "InputHandleIndex = 0 (the folder)")
    q.f(fid(1, 0x5678), "MessageId = ReplicaId 1, 0x5678")
    q.f(u32(0x00001000), "MessageStatusFlags = 0x00001000 (msRemoteDownload)")
    q.f(u32(0x00001000), "MessageStatusMask = 0x00001000")
    ok = resp(0x20, "RopSetMessageStatus", "InputHandleIndex", 0)
    ok.f(u32(0), "MessageStatusFlags = 0x00000000 (the flags before the change)")
    pair(SUB, "oxcrops-2.2.6.8-ropsetmessagestatus", SRC + " 2.2.6.8",
         [q], [H_FOLDER], [ok], [H_FOLDER], "RopSetMessageStatus: mark for remote download")

    q = rop(0x1F, "RopGetMessageStatus").f(u8(0), "InputHandleIndex = 0 (the folder)")
    q.f(fid(1, 0x5678), "MessageId = ReplicaId 1, 0x5678")
    ok = resp(0x1F, "RopGetMessageStatus", "InputHandleIndex", 0)
    ok.f(u32(0x00001000), "MessageStatusFlags = 0x00001000 (msRemoteDownload)")
    pair(SUB, "oxcrops-2.2.6.9-ropgetmessagestatus", SRC + " 2.2.6.9",
         [q], [H_FOLDER], [ok], [H_FOLDER], "RopGetMessageStatus")


def set_read_flags():
    q = rop(0x66, "RopSetReadFlags").f(u8(0), "InputHandleIndex = 0 (the folder)")
    q.f(u8(0x00), "WantAsynchronous = 0x00").f(u8(0x04 | 0x01), "ReadFlags = 0x05 (rfClearReadFlag | rfSuppressReceipt)")
    q.f(u16(2), "MessageIdCount = 2")
    q.f(fid(1, 0x5678), "MessageIds[0] = ReplicaId 1, 0x5678", 1)
    q.f(fid(1, 0x9ABC), "MessageIds[1] = ReplicaId 1, 0x9ABC", 1)
    ok = resp(0x66, "RopSetReadFlags", "InputHandleIndex", 0)
    ok.f(u8(0x00), "PartialCompletion = 0x00")
    pair(SUB, "oxcrops-2.2.6.10-ropsetreadflags", SRC + " 2.2.6.10",
         [q], [H_FOLDER], [ok], [H_FOLDER], "RopSetReadFlags: mark two messages unread")
    fail = resp(0x66, "RopSetReadFlags", "InputHandleIndex", 0, 0x000004B9, " (ecNullObject)")
    fail.f(u8(0x01), "PartialCompletion = 0x01 (present whatever ReturnValue is)")
    write(SUB, "oxcrops-2.2.6.10-ropsetreadflags-failure-response", "rop-response-buffer",
          SRC + " 2.2.6.10.2", buffer([fail], [H_FOLDER]),
          "RopSetReadFlags failure: PartialCompletion still follows ReturnValue (response)",
          request=buffer([q], [H_FOLDER]))


def logon(logon_id, out, flags, what):
    """[MS-OXCROPS] 2.2.3.1.1 RopLogon request (needed for the LogonFlags of a LogonId)."""
    v = rop(0xFE, "RopLogon", logon_id).f(u8(out), f"OutputHandleIndex = {out}")
    v.f(u8(flags), f"LogonFlags = 0x{flags:02X} ({what})")
    open_flags = 0x01000002 if flags == 0 else 0x01000000
    v.f(u32(open_flags), f"OpenFlags = 0x{open_flags:08X} (USE_PER_MDB_REPLID_MAPPING"
        + (" | PUBLIC)" if flags == 0 else ")"))
    v.f(u32(0), "StoreState = 0").f(u16(0), "EssdnSize = 0 (no Essdn)")
    return v


def set_message_read_flag():
    # ClientData is present only for a public folders logon (Private flag clear), so the
    # request buffer carries the RopLogon requests that define both LogonIds.
    pub = logon(0, 0, 0x00, "Private clear: public folders")
    prv = logon(1, 1, 0x01, "Private")
    a = rop(0x11, "RopSetMessageReadFlag", 0).f(u8(2), "ResponseHandleIndex = 2 (the folder)")
    a.f(u8(3), "InputHandleIndex = 3 (the message)").f(u8(0x00), "ReadFlags = 0x00 (rfDefault)")
    ltid = bytes(range(0x10, 0x20)) + bytes.fromhex("000000005678") + u16(0)
    a.f(ltid, "ClientData = 24 bytes: the message's LongTermID (DatabaseGuid 10..1f, "
        "GlobalCounter 0x5678, Pad 0) - present: logon 0 is a public folders logon")
    b = rop(0x11, "RopSetMessageReadFlag", 1).f(u8(4), "ResponseHandleIndex = 4 (the folder)")
    b.f(u8(5), "InputHandleIndex = 5 (the message)").f(u8(0x01), "ReadFlags = 0x01 (rfSuppressReceipt)")
    b.f(b"", "(no ClientData: logon 1 is a private mailbox logon)")
    req = buffer([pub, prv, a, b], [NEW, NEW, H_FOLDER, H_MESSAGE, H_FOLDER + 1, H_MESSAGE + 1])
    write(SUB, "oxcrops-2.2.6.11-ropsetmessagereadflag-request", "rop-request-buffer",
          SRC + " 2.2.6.11.1, 2.2.3.1.1", req,
          "Two RopSetMessageReadFlag requests, on a public folders logon (with ClientData) "
          "and on a private logon (without); the RopLogon requests give their LogonFlags")
    # The response needs nothing from the request: single ROPs, with and without the
    # optional fields.
    ok = resp(0x11, "RopSetMessageReadFlag", "ResponseHandleIndex", 2)
    ok.f(u8(0x01), "ReadStatusChanged = 0x01 (the fields below are present)")
    ok.f(u8(0), "LogonId = 0").f(ltid, "ClientData = 24 bytes, as in the request")
    write(SUB, "oxcrops-2.2.6.11-ropsetmessagereadflag-changed-rop", "rop-response",
          SRC + " 2.2.6.11.2", ok,
          "One RopSetMessageReadFlag response: the read status of a public folder message changed")
    ok = resp(0x11, "RopSetMessageReadFlag", "ResponseHandleIndex", 4)
    ok.f(u8(0x00), "ReadStatusChanged = 0x00 (no LogonId, no ClientData)")
    write(SUB, "oxcrops-2.2.6.11-ropsetmessagereadflag-unchanged-rop", "rop-response",
          SRC + " 2.2.6.11.2", ok, "One RopSetMessageReadFlag response: nothing changed")


def attachments():
    q = rop(0x22, "RopOpenAttachment").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u8(1), "OutputHandleIndex = 1").f(u8(0x01), "OpenAttachmentFlags = 0x01 (ReadWrite)")
    q.f(u32(0), "AttachmentID = 0")
    ok = resp(0x22, "RopOpenAttachment", "OutputHandleIndex", 1)
    pair(SUB, "oxcrops-2.2.6.12-ropopenattachment", SRC + " 2.2.6.12",
         [q], [H_MESSAGE, NEW], [ok], [H_MESSAGE, H_ATTACH], "RopOpenAttachment")

    q = rop(0x23, "RopCreateAttachment").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u8(1), "OutputHandleIndex = 1")
    ok = resp(0x23, "RopCreateAttachment", "OutputHandleIndex", 1)
    ok.f(u32(1), "AttachmentID = 1")
    pair(SUB, "oxcrops-2.2.6.13-ropcreateattachment", SRC + " 2.2.6.13",
         [q], [H_MESSAGE, NEW], [ok], [H_MESSAGE, H_ATTACH], "RopCreateAttachment")

    q = rop(0x24, "RopDeleteAttachment").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u32(1), "AttachmentID = 1")
    ok = resp(0x24, "RopDeleteAttachment", "InputHandleIndex", 0)
    pair(SUB, "oxcrops-2.2.6.14-ropdeleteattachment", SRC + " 2.2.6.14",
         [q], [H_MESSAGE], [ok], [H_MESSAGE], "RopDeleteAttachment")

    q = rop(0x25, "RopSaveChangesAttachment").f(u8(0), "ResponseHandleIndex = 0 (the message)")
    q.f(u8(1), "InputHandleIndex = 1 (the attachment)").f(u8(0x02), "SaveFlags = 0x02 (KeepOpenReadWrite)")
    ok = resp(0x25, "RopSaveChangesAttachment", "ResponseHandleIndex", 0)
    pair(SUB, "oxcrops-2.2.6.15-ropsavechangesattachment", SRC + " 2.2.6.15",
         [q], [H_MESSAGE, H_ATTACH], [ok], [H_MESSAGE, H_ATTACH], "RopSaveChangesAttachment")

    q = rop(0x46, "RopOpenEmbeddedMessage").f(u8(0), "InputHandleIndex = 0 (the attachment)")
    q.f(u8(1), "OutputHandleIndex = 1").f(u16(0x0FFF), "CodePageId = 0x0FFF")
    q.f(u8(0x02), "OpenModeFlags = 0x02 (Create)")
    ok = resp(0x46, "RopOpenEmbeddedMessage", "OutputHandleIndex", 1)
    ok.f(u8(0), "Reserved = 0x00").f(fid(1, 0xDEF0), "MessageId = ReplicaId 1, 0xDEF0")
    ok.f(u8(0x00), "HasNamedProperties = 0x00")
    typed_string(ok, "SubjectPrefix", "none")
    typed_string(ok, "NormalizedSubject", "reduced", "Fwd")
    ok.f(u16(1), "RecipientCount = 1")
    columns(ok, [PidTagDisplayName, PidTagSmtpAddress], ["PidTagDisplayName", "PidTagSmtpAddress"])
    ok.f(u8(1), "RowCount = 1")
    p = V().f(u16(2), "RecipientColumnCount = 2")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow)")
    p.f(utf16z("Frank"), 'RecipientProperties[0] PidTagDisplayName = "Frank"', 1)
    p.f(utf16z("frank@example.com"), 'RecipientProperties[1] PidTagSmtpAddress = "frank@example.com"', 1)
    row = recipient_row(T | D | E | U | TYPE_SMTP, [
        (utf16z("frank@example.com"), "EmailAddress = " + rdesc("frank@example.com", True)),
        (utf16z("Frank"), "DisplayName = " + rdesc("Frank", True)),
        (utf16z("Frank (Sales)"), "TransmittableDisplayName = " + rdesc("Frank (Sales)", True)),
    ], p)
    open_recipient(ok, 0, 0x01, "primary (To)", row)
    pair(SUB, "oxcrops-2.2.6.16-ropopenembeddedmessage", SRC + " 2.2.6.16, [MS-OXCDATA] 2.8.3",
         [q], [H_ATTACH, NEW], [ok], [H_ATTACH, H_NEW],
         "RopOpenEmbeddedMessage: a recipient with a TransmittableDisplayName")

    q = rop(0x21, "RopGetAttachmentTable").f(u8(0), "InputHandleIndex = 0 (the message)")
    q.f(u8(1), "OutputHandleIndex = 1").f(u8(0x40), "TableFlags = 0x40 (Unicode)")
    ok = resp(0x21, "RopGetAttachmentTable", "OutputHandleIndex", 1)
    pair(SUB, "oxcrops-2.2.6.17-ropgetattachmenttable", SRC + " 2.2.6.17",
         [q], [H_MESSAGE, NEW], [ok], [H_MESSAGE, H_TABLE], "RopGetAttachmentTable")

    q = rop(0x52, "RopGetValidAttachments").f(u8(0), "InputHandleIndex = 0 (the message)")
    ok = resp(0x52, "RopGetValidAttachments", "InputHandleIndex", 0)
    ok.f(u16(3), "AttachmentIdCount = 3")
    for i, a in enumerate([0, 1, 3]):
        ok.f(u32(a), f"AttachmentIdArray[{i}] = {a}", 1)
    pair(SUB, "oxcrops-2.2.6.18-ropgetvalidattachments", SRC + " 2.2.6.18",
         [q], [H_MESSAGE], [ok], [H_MESSAGE], "RopGetValidAttachments")


def hostile():
    src = "hostile input, built from [MS-OXCROPS] 2.2.6 and [MS-OXCDATA] 2.8.3"
    v = rop(0x0E, "RopModifyRecipients").f(u8(0), "InputHandleIndex = 0")
    v.f(u16(0), "ColumnCount = 0").f(u16(0xFFFF), "RowCount = 65535 (7 bytes a row at least)")
    v.f(u32(0) + u8(1), "5 bytes: not even one row")
    write("hostile", "oxcrops-modifyrecipients-rowcount-ffff", "rop-request", src, v,
          "RopModifyRecipients claiming 65535 rows in 5 bytes: rejected before any allocation.",
          expect_error="count-too-large")

    v = resp(0x03, "RopOpenMessage", "OutputHandleIndex", 0)
    v.f(u8(0), "HasNamedProperties = 0x00")
    typed_string(v, "SubjectPrefix", "none")
    typed_string(v, "NormalizedSubject", "none")
    v.f(u16(0), "RecipientCount = 0").f(u16(0), "ColumnCount = 0")
    v.f(u8(0xFF), "RowCount = 255 (12 bytes an OpenRecipientRow at least)")
    v.f(u8(0x01) + u16(0) + u16(0) + u16(5), "7 bytes: half a row")
    write("hostile", "oxcrops-openmessage-rowcount-255", "rop-response", src, v,
          "RopOpenMessage response claiming 255 recipient rows in 7 bytes.",
          expect_error="count-too-large")

    v = rop(0x0E, "RopModifyRecipients").f(u8(0), "InputHandleIndex = 0")
    v.f(u16(0), "ColumnCount = 0").f(u16(1), "RowCount = 1")
    v.f(u32(0), "RowId = 0", 1).f(u8(1), "RecipientType = 0x01", 1)
    v.f(u16(0x0100), "RecipientRowSize = 256 (5 bytes follow)", 1)
    v.f(u16(0) + u16(0) + u8(0), "RecipientFlags 0, RecipientColumnCount 0, Flag 0x00", 2)
    write("hostile", "oxcrops-recipientrowsize-past-end", "rop-request", src, v,
          "A RecipientRowSize that runs past the end of the buffer.", expect_error="truncated")

    v = rop(0x0E, "RopModifyRecipients").f(u8(0), "InputHandleIndex = 0")
    v.f(u16(0), "ColumnCount = 0").f(u16(1), "RowCount = 1")
    v.f(u32(0), "RowId = 0", 1).f(u8(1), "RecipientType = 0x01", 1)
    v.f(u16(6), "RecipientRowSize = 6 (the row takes 5)", 1)
    v.f(u16(0) + u16(0) + u8(0), "RecipientFlags 0, RecipientColumnCount 0, Flag 0x00", 2)
    v.f(u8(0xEE), "one byte inside RecipientRowSize that the row does not use", 2)
    write("hostile", "oxcrops-recipientrow-shorter-than-size", "rop-request", src, v,
          "A RecipientRow that does not fill its RecipientRowSize: its slice has a byte left.",
          expect_error="trailing-bytes")

    v = rop(0x0E, "RopModifyRecipients").f(u8(0), "InputHandleIndex = 0")
    v.f(u16(1), "ColumnCount = 1").f(u32(PidTagRecipientType), "RecipientColumns[0] = PidTagRecipientType", 1)
    v.f(u16(1), "RowCount = 1")
    v.f(u32(0), "RowId = 0", 1).f(u8(1), "RecipientType = 0x01", 1)
    v.f(u16(9), "RecipientRowSize = 9", 1)
    v.f(u16(0), "RecipientFlags = 0x0000", 2)
    v.f(u16(2), "RecipientColumnCount = 2 (only 1 recipient column)", 2)
    v.f(u8(0) + u32(1), "Flag 0x00, one PtypInteger32", 2)
    write("hostile", "oxcrops-recipientcolumncount-past-columns", "rop-request", src, v,
          "RecipientColumnCount larger than RecipientColumns.", expect_error="invalid-value")


def main():
    hostile()
    open_message()
    create_message()
    save_changes_message()
    remove_all_recipients()
    mq, mok = modify_recipients()
    rq, rok = read_recipients()
    # In one buffer, RopModifyRecipients sets the recipient columns of the message and the
    # RopReadRecipients rows that follow are read with them.
    pair(SUB, "oxcrops-2.2.6.6-ropreadrecipients-after-modifyrecipients",
         SRC + " 2.2.6.5, 2.2.6.6, [MS-OXCDATA] 2.8.3",
         [mq, rq], [H_MESSAGE], [mok, rok], [H_MESSAGE],
         "RopModifyRecipients then RopReadRecipients on the same message: the rows' "
         "RecipientProperties decode with the columns RopModifyRecipients set")
    reload_cached_information()
    message_status()
    set_read_flags()
    set_message_read_flag()
    attachments()


if __name__ == "__main__":
    main()
