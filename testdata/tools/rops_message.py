#!/usr/bin/env python3
"""Vectors of [MS-OXCROPS] 2.2.6 Message ROPs, spelled out from the spec (field semantics from
[MS-OXCMSG] 2.2.3, RecipientRow from [MS-OXCDATA] 2.8.3); see ropgen.py for the buffer layout.

[MS-OXCMSG] section 4 describes its examples in prose (which ROPs a client sends, which
properties it sets) and gives no example bytes, so every vector here is a project vector.
"""
from ropgen import V, asciiz, fid, pair, request, request_only, response, response_only, u8, u16
from ropgen import u32, utf16z, write

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


def req(rop_id, name, *indexes, logon=0):
    """RopId, LogonId and the handle indexes, each (field, index) or (field, index, note)."""
    return request(rop_id, name, *indexes, logon=logon)


def resp(rop_id, name, handle_field, handle, rv=0, rv_name=None):
    return response(rop_id, name, handle_field, handle, rv, rv_name)


def exchange(sec, name, q, ok, handles, resp_handles=None, note=None, sources="", suffix=""):
    """The request and the response of one ROP."""
    pair(SUB, f"oxcrops-{sec}-{name.lower()}{suffix}", f"{SRC} {sec}{sources}", [q], handles,
         [ok], handles if resp_handles is None else resp_handles, name if note is None else note)


def failure(sec, layout, name, q, f, handles, note):
    """A failure response `f` to `q`, in the response layout <sec>.<layout>."""
    response_only(SUB, f"oxcrops-{sec}-{name.lower()}-failure-response", f"{SRC} {sec}.{layout}",
                  [q], handles, [f], handles, note)


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
    return v.rows(fields).add(props)


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
    v.add(row, d + 1, p + "RecipientRow.")


def message_fields(v, has_named, prefix, subject, recipient_count, cols, rows, count_note=""):
    """The fields RopOpenMessage, RopReloadCachedInformation and RopOpenEmbeddedMessage share:
    HasNamedProperties, SubjectPrefix and NormalizedSubject (TypedStrings, each (kind, text)),
    RecipientCount, the recipient columns (tag, name), and RowCount OpenRecipientRows, each
    (RecipientType, its name, RecipientRow)."""
    v.f(u8(has_named), f"HasNamedProperties = 0x{has_named:02X}")
    typed_string(v, "SubjectPrefix", *prefix)
    typed_string(v, "NormalizedSubject", *subject)
    v.f(u16(recipient_count), f"RecipientCount = {recipient_count}{count_note}")
    columns(v, [t for t, _ in cols], [n for _, n in cols])
    v.f(u8(len(rows)), f"RowCount = {len(rows)}" + (" (one byte)" if len(rows) > 1 else ""))
    for i, (rtype, rname, row) in enumerate(rows):
        open_recipient(v, i, rtype, rname, row)
    return v


# ---- the vectors ----------------------------------------------------------------------------

def open_message():
    q = req(0x03, "RopOpenMessage", ("InputHandleIndex", 0, "the folder"), ("OutputHandleIndex", 1))
    q.f(u16(0x0FFF), "CodePageId = 0x0FFF (the logon's)")
    q.f(fid(1, 0x1234), "FolderId = ReplicaId 1, GlobalCounter 0x000000001234")
    q.f(u8(0x01), "OpenModeFlags = 0x01 (ReadWrite)")
    q.f(fid(1, 0x5678), "MessageId = ReplicaId 1, GlobalCounter 0x000000005678")
    ok = message_fields(resp(0x03, "RopOpenMessage", "OutputHandleIndex", 1), 0x01,
                        ("unicode", "RE: "), ("unicode", "Lunch"), 3,
                        [(PidTagDisplayName, "PidTagDisplayName"), (PidTagEntryId, "PidTagEntryId"),
                         (PidTagSmtpAddress, "PidTagSmtpAddress")],
                        [(0x01, "primary (To)", row_ann()), (0x02, "Cc", row_bob())],
                        " (two rows follow; the third is read with RopReadRecipients)")
    exchange("2.2.6.1", "RopOpenMessage", q, ok, [H_FOLDER, NEW], [H_FOLDER, H_MESSAGE],
             "RopOpenMessage: subject, three recipient columns, an SMTP and an X500DN recipient",
             ", [MS-OXCDATA] 2.8.3")
    failure("2.2.6.1", 3, "RopOpenMessage", q,
            resp(0x03, "RopOpenMessage", "OutputHandleIndex", 1, 0x8004010F, "ecNotFound"),
            [H_FOLDER, NEW], "RopOpenMessage failure: nothing after ReturnValue (response)")


def create_message():
    qs = []
    for out in (1, 2):
        q = req(0x06, "RopCreateMessage", ("InputHandleIndex", 0, "the folder"),
                ("OutputHandleIndex", out))
        q.f(u16(0x0FFF), "CodePageId = 0x0FFF")
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


def save_changes(sec, rid, name, target, handles, fields, note):
    """RopSaveChangesMessage / RopSaveChangesAttachment: the object saved is at index 1, the
    response names index 0 (ResponseHandleIndex)."""
    q = req(rid, name, ("ResponseHandleIndex", 0, target[0]), ("InputHandleIndex", 1, target[1]))
    q.f(u8(0x02), "SaveFlags = 0x02 (KeepOpenReadWrite)")
    ok = resp(rid, name, "ResponseHandleIndex", 0).rows(fields)
    exchange(sec, name, q, ok, handles, note=note)


def remove_all_recipients():
    q = req(0x0D, "RopRemoveAllRecipients", ("InputHandleIndex", 0, "the message"))
    q.f(u32(0), "Reserved = 0x00000000")
    exchange("2.2.6.4", "RopRemoveAllRecipients", q,
             resp(0x0D, "RopRemoveAllRecipients", "InputHandleIndex", 0), [H_MESSAGE])


def recipient_rows(v, rows, reads):
    """RecipientRows of RopModifyRecipients (`reads` False) or RopReadRecipients: RowId,
    RecipientType, (for a read: CodePageId, Reserved,) RecipientRowSize and the RecipientRow
    (None: no row)."""
    for i, (row, rtype, rname) in enumerate(rows):
        v.f(u32(i), f"RecipientRows[{i}].RowId = {i}", 1)
        v.f(u8(rtype), f"RecipientRows[{i}].RecipientType = 0x{rtype:02X} ({rname})", 1)
        if reads:
            v.f(u16(0x04E4), f"RecipientRows[{i}].CodePageId = 1252", 1)
            v.f(u16(0), f"RecipientRows[{i}].Reserved = 0x0000", 1)
        if row is None:
            v.f(u16(0), f"RecipientRows[{i}].RecipientRowSize = 0 (no RecipientRow: the "
                "recipient is removed)", 1)
            continue
        n = len(row.bytes())
        v.f(u16(n), f"RecipientRows[{i}].RecipientRowSize = {n}", 1)
        v.add(row, 2, f"RecipientRows[{i}].RecipientRow.")
    return v


def modify_recipients():
    q = req(0x0E, "RopModifyRecipients", ("InputHandleIndex", 0, "the message"))
    columns(q, [PidTagEntryId, PidTagRecipientType], ["PidTagEntryId", "PidTagRecipientType"])
    q.f(u16(2), "RowCount = 2 (two bytes)")
    recipient_rows(q, [(row_carol(), 0x01, "primary"), (None, 0x02, "Cc")], False)
    ok = resp(0x0E, "RopModifyRecipients", "InputHandleIndex", 0)
    exchange("2.2.6.5", "RopModifyRecipients", q, ok, [H_MESSAGE], sources=", [MS-OXCDATA] 2.8.3",
             note="RopModifyRecipients: add or change one recipient, remove another")
    return q, ok


def read_recipients():
    q = req(0x0F, "RopReadRecipients", ("InputHandleIndex", 0, "the message"))
    q.f(u32(0), "RowId = 0 (from the first recipient)").f(u16(0), "Reserved = 0x0000")
    ok = resp(0x0F, "RopReadRecipients", "InputHandleIndex", 0).f(u8(2), "RowCount = 2 (one byte)")
    recipient_rows(ok, [(row_carol(), 0x01, "primary"), (row_fax(), 0x03, "Bcc")], True)
    exchange("2.2.6.6", "RopReadRecipients", q, ok, [H_MESSAGE], sources=", [MS-OXCDATA] 2.8.3",
             note="RopReadRecipients: two ReadRecipientRows. The response carries no recipient "
                  "columns, so in a buffer the RecipientProperties stay undecoded")
    # The same response as a single ROP with the recipient columns (those RopModifyRecipients
    # set), so RecipientProperties decode.
    write(SUB, "oxcrops-2.2.6.6-ropreadrecipients-columns-rop", "rop-response",
          SRC + " 2.2.6.6.2, [MS-OXCDATA] 2.8.3", ok,
          "One RopReadRecipients response decoded with the recipient columns "
          "PidTagEntryId, PidTagRecipientType (response)",
          request=q, columns=[PidTagEntryId, PidTagRecipientType])
    return q, ok


def reload_cached_information():
    q = req(0x10, "RopReloadCachedInformation", ("InputHandleIndex", 0, "the message"))
    q.f(u16(0), "Reserved = 0x0000")
    ok = message_fields(resp(0x10, "RopReloadCachedInformation", "InputHandleIndex", 0), 0x00,
                        ("empty",), ("string8", "Status report"), 1,
                        [(PidTagDisplayName, "PidTagDisplayName")],
                        [(0x01, "primary (To)", row_dave())])
    exchange("2.2.6.7", "RopReloadCachedInformation", q, ok, [H_MESSAGE],
             sources=", [MS-OXCDATA] 2.8.3",
             note="RopReloadCachedInformation: 8-bit subject and an 8-bit recipient")


def message_status():
    for sec, rid, name, fields, ok_fields, note in [
        ("2.2.6.8", 0x20, "RopSetMessageStatus",
         [(u32(0x00001000), "MessageStatusFlags = 0x00001000 (msRemoteDownload)"),
          (u32(0x00001000), "MessageStatusMask = 0x00001000")],
         [(u32(0), "MessageStatusFlags = 0x00000000 (the flags before the change)")],
         "RopSetMessageStatus: mark for remote download"),
        ("2.2.6.9", 0x1F, "RopGetMessageStatus", [],
         [(u32(0x00001000), "MessageStatusFlags = 0x00001000 (msRemoteDownload)")],
         "RopGetMessageStatus"),
    ]:
        q = req(rid, name, ("InputHandleIndex", 0, "the folder"))
        q.f(fid(1, 0x5678), "MessageId = ReplicaId 1, 0x5678").rows(fields)
        exchange(sec, name, q, resp(rid, name, "InputHandleIndex", 0).rows(ok_fields), [H_FOLDER],
                 note=note)


def set_read_flags():
    q = req(0x66, "RopSetReadFlags", ("InputHandleIndex", 0, "the folder"))
    q.f(u8(0x00), "WantAsynchronous = 0x00").f(u8(0x04 | 0x01), "ReadFlags = 0x05 (rfClearReadFlag | rfSuppressReceipt)")
    q.f(u16(2), "MessageIdCount = 2")
    q.f(fid(1, 0x5678), "MessageIds[0] = ReplicaId 1, 0x5678", 1)
    q.f(fid(1, 0x9ABC), "MessageIds[1] = ReplicaId 1, 0x9ABC", 1)
    ok = resp(0x66, "RopSetReadFlags", "InputHandleIndex", 0)
    ok.f(u8(0x00), "PartialCompletion = 0x00")
    exchange("2.2.6.10", "RopSetReadFlags", q, ok, [H_FOLDER],
             note="RopSetReadFlags: mark two messages unread")
    fail = resp(0x66, "RopSetReadFlags", "InputHandleIndex", 0, 0x000004B9, "ecNullObject")
    fail.f(u8(0x01), "PartialCompletion = 0x01 (present whatever ReturnValue is)")
    failure("2.2.6.10", 2, "RopSetReadFlags", q, fail, [H_FOLDER],
            "RopSetReadFlags failure: PartialCompletion still follows ReturnValue (response)")


def logon(logon_id, out, flags, what):
    """[MS-OXCROPS] 2.2.3.1.1 RopLogon request (needed for the LogonFlags of a LogonId)."""
    v = req(0xFE, "RopLogon", ("OutputHandleIndex", out), logon=logon_id)
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
    a = req(0x11, "RopSetMessageReadFlag", ("ResponseHandleIndex", 2, "the folder"),
            ("InputHandleIndex", 3, "the message"))
    a.f(u8(0x00), "ReadFlags = 0x00 (rfDefault)")
    ltid = bytes(range(0x10, 0x20)) + bytes.fromhex("000000005678") + u16(0)
    a.f(ltid, "ClientData = 24 bytes: the message's LongTermID (DatabaseGuid 10..1f, "
        "GlobalCounter 0x5678, Pad 0) - present: logon 0 is a public folders logon")
    b = req(0x11, "RopSetMessageReadFlag", ("ResponseHandleIndex", 4, "the folder"),
            ("InputHandleIndex", 5, "the message"), logon=1)
    b.f(u8(0x01), "ReadFlags = 0x01 (rfSuppressReceipt)")
    b.f(b"", "(no ClientData: logon 1 is a private mailbox logon)")
    request_only(SUB, "oxcrops-2.2.6.11-ropsetmessagereadflag-request",
                 SRC + " 2.2.6.11.1, 2.2.3.1.1", [pub, prv, a, b],
                 [NEW, NEW, H_FOLDER, H_MESSAGE, H_FOLDER + 1, H_MESSAGE + 1],
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


def embedded_message():
    q = req(0x46, "RopOpenEmbeddedMessage", ("InputHandleIndex", 0, "the attachment"),
            ("OutputHandleIndex", 1))
    q.f(u16(0x0FFF), "CodePageId = 0x0FFF")
    q.f(u8(0x02), "OpenModeFlags = 0x02 (Create)")
    ok = resp(0x46, "RopOpenEmbeddedMessage", "OutputHandleIndex", 1)
    ok.f(u8(0), "Reserved = 0x00").f(fid(1, 0xDEF0), "MessageId = ReplicaId 1, 0xDEF0")
    p = V().f(u16(2), "RecipientColumnCount = 2")
    p.f(u8(0x00), "RecipientProperties.Flag = 0x00 (StandardPropertyRow)")
    p.f(utf16z("Frank"), 'RecipientProperties[0] PidTagDisplayName = "Frank"', 1)
    p.f(utf16z("frank@example.com"), 'RecipientProperties[1] PidTagSmtpAddress = "frank@example.com"', 1)
    row = recipient_row(T | D | E | U | TYPE_SMTP, [
        (utf16z("frank@example.com"), "EmailAddress = " + rdesc("frank@example.com", True)),
        (utf16z("Frank"), "DisplayName = " + rdesc("Frank", True)),
        (utf16z("Frank (Sales)"), "TransmittableDisplayName = " + rdesc("Frank (Sales)", True)),
    ], p)
    message_fields(ok, 0x00, ("none",), ("reduced", "Fwd"), 1,
                   [(PidTagDisplayName, "PidTagDisplayName"),
                    (PidTagSmtpAddress, "PidTagSmtpAddress")],
                   [(0x01, "primary (To)", row)])
    exchange("2.2.6.16", "RopOpenEmbeddedMessage", q, ok, [H_ATTACH, NEW], [H_ATTACH, H_NEW],
             sources=", [MS-OXCDATA] 2.8.3",
             note="RopOpenEmbeddedMessage: a recipient with a TransmittableDisplayName")


def attachments():
    message = ("InputHandleIndex", 0, "the message")
    output = ("OutputHandleIndex", 1)
    for sec, rid, name, indexes, fields, ok_fields, handles, resp_handles in [
        ("2.2.6.12", 0x22, "RopOpenAttachment", (message, output),
         [(u8(0x01), "OpenAttachmentFlags = 0x01 (ReadWrite)"), (u32(0), "AttachmentID = 0")], [],
         [H_MESSAGE, NEW], [H_MESSAGE, H_ATTACH]),
        ("2.2.6.13", 0x23, "RopCreateAttachment", (message, output), [],
         [(u32(1), "AttachmentID = 1")], [H_MESSAGE, NEW], [H_MESSAGE, H_ATTACH]),
        ("2.2.6.14", 0x24, "RopDeleteAttachment", (message,), [(u32(1), "AttachmentID = 1")], [],
         [H_MESSAGE], [H_MESSAGE]),
        ("2.2.6.17", 0x21, "RopGetAttachmentTable", (message, output),
         [(u8(0x40), "TableFlags = 0x40 (Unicode)")], [], [H_MESSAGE, NEW], [H_MESSAGE, H_TABLE]),
        ("2.2.6.18", 0x52, "RopGetValidAttachments", (message,), [],
         [(u16(3), "AttachmentIdCount = 3")]
         + [(u32(a), f"AttachmentIdArray[{i}] = {a}", 1) for i, a in enumerate([0, 1, 3])],
         [H_MESSAGE], [H_MESSAGE]),
    ]:
        field, index = indexes[-1][:2]
        ok = resp(rid, name, field, index).rows(ok_fields)
        exchange(sec, name, req(rid, name, *indexes).rows(fields), ok, handles, resp_handles)


def hostile():
    src = "hostile input, built from [MS-OXCROPS] 2.2.6 and [MS-OXCDATA] 2.8.3"
    v = req(0x0E, "RopModifyRecipients", ("InputHandleIndex", 0))
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

    # One recipient row whose RecipientRowSize or RecipientColumnCount does not fit.
    for name, columns_fields, size, row, note, error in [
        ("recipientrowsize-past-end", [(u16(0), "ColumnCount = 0")],
         (0x0100, "RecipientRowSize = 256 (5 bytes follow)"),
         [(u16(0) + u16(0) + u8(0), "RecipientFlags 0, RecipientColumnCount 0, Flag 0x00")],
         "A RecipientRowSize that runs past the end of the buffer.", "truncated"),
        ("recipientrow-shorter-than-size", [(u16(0), "ColumnCount = 0")],
         (6, "RecipientRowSize = 6 (the row takes 5)"),
         [(u16(0) + u16(0) + u8(0), "RecipientFlags 0, RecipientColumnCount 0, Flag 0x00"),
          (u8(0xEE), "one byte inside RecipientRowSize that the row does not use")],
         "A RecipientRow that does not fill its RecipientRowSize: its slice has a byte left.",
         "trailing-bytes"),
        ("recipientcolumncount-past-columns",
         [(u16(1), "ColumnCount = 1"),
          (u32(PidTagRecipientType), "RecipientColumns[0] = PidTagRecipientType", 1)],
         (9, "RecipientRowSize = 9"),
         [(u16(0), "RecipientFlags = 0x0000"),
          (u16(2), "RecipientColumnCount = 2 (only 1 recipient column)"),
          (u8(0) + u32(1), "Flag 0x00, one PtypInteger32")],
         "RecipientColumnCount larger than RecipientColumns.", "invalid-value"),
    ]:
        v = req(0x0E, "RopModifyRecipients", ("InputHandleIndex", 0)).rows(columns_fields)
        v.f(u16(1), "RowCount = 1")
        v.f(u32(0), "RowId = 0", 1).f(u8(1), "RecipientType = 0x01", 1)
        v.f(u16(size[0]), size[1], 1).rows(row, 2)
        write("hostile", "oxcrops-" + name, "rop-request", src, v, note, expect_error=error)


def main():
    hostile()
    open_message()
    create_message()
    save_changes("2.2.6.3", 0x0C, "RopSaveChangesMessage", (None, "the message"),
                 [H_FOLDER, H_MESSAGE],
                 [(u8(1), "InputHandleIndex = 1"),
                  (fid(1, 0x9ABC), "MessageId = ReplicaId 1, 0x9ABC")],
                 "RopSaveChangesMessage keeping the message open read/write")
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
    save_changes("2.2.6.15", 0x25, "RopSaveChangesAttachment", ("the message", "the attachment"),
                 [H_MESSAGE, H_ATTACH], [], "RopSaveChangesAttachment")
    embedded_message()


if __name__ == "__main__":
    main()
