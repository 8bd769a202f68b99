#!/usr/bin/env python3
"""Writes the vectors of the Logon ROPs ([MS-OXCROPS] 2.2.3, semantics in [MS-OXCSTOR]) and the
Transport ROPs ([MS-OXCROPS] 2.2.7, semantics in [MS-OXOMSG]):

- testdata/vectors/project/oxcrops-2.2.3.*-*.toml and oxcrops-2.2.7.*-*.toml: one request buffer
  and one response buffer per ROP (plus the other layouts where a ROP has more than one), each
  field spelled out from the spec's request / response buffer text;
- testdata/vectors/ms-oxomsg/4.*.toml: the [MS-OXOMSG] section 4 examples, transcribed by hand.

Independent of the Rust code: every byte is written here from the spec's field list, and every
field is named in the file's comment. Conventions of these vectors:
- LogonId 0x00; the Logon object's Server object handle is 0x00000044 at index 0, other objects
  take the next indexes; an output slot of a request holds 0xFFFFFFFF.
- A response that depends on its logon (RopLogon's success layout, RopWritePerUserInformation's
  ReplGuid) is preceded by the RopLogon in the same buffer.
- Folder and message IDs are written as [MS-OXCDATA] 2.2.1.1/2.2.1.2 lay them out: ReplicaId
  (2 bytes, little-endian), then GlobalCounter (6 bytes, big-endian); shown as RRRR-GGGGGGGGGGGG.
"""
from ropgen import asciiz, fid, guid, id_text, pair, request, response, transcribed, u8, u16, u32
from ropgen import u64

PROJECT = "project"
SRC = "project vector, built from [MS-OXCROPS]"
LOGON_HANDLE = 0x00000044
NEW_LOGON_HANDLE = 0x00000051
FREE = 0xFFFFFFFF  # an output slot of a request; also a response's table when no logon was made

MAILBOX_GUID = "{5E3D9A71-0C44-4B8E-9F1A-2B6C7D8E9F01}"
REPL_GUID = "{A1B2C3D4-E5F6-4789-8ABC-DEF012345678}"
PUBLIC_GUID = "{0F1E2D3C-4B5A-4697-8877-665544332211}"


def ltid(guid_text, counter):
    return guid(guid_text) + counter.to_bytes(6, "big") + u16(0)


def head(rop_id, name, handle_field="InputHandleIndex", index=0):
    return request(rop_id, name, (handle_field, index), logon_text="LogonId = 0x00")


def resp_head(rop_id, name, rv=0, handle_field="InputHandleIndex", index=0):
    return response(rop_id, name, handle_field, index, rv, "success" if rv == 0 else "failure")


def logon_request(flags, essdn=None):
    v = head(0xFE, "RopLogon", "OutputHandleIndex", 0)
    kind = "Private" if flags & 1 else "public folders (Private bit clear)"
    v.f(u8(flags), f"LogonFlags = 0x{flags:02X} ({kind})")
    if flags & 1:
        v.f(u32(0x01000000), "OpenFlags = 0x01000000 (USE_PER_MDB_REPLID_MAPPING)")
    else:
        v.f(u32(0x00000002), "OpenFlags = 0x00000002 (PUBLIC)")
    v.f(u32(0), "StoreState = 0x00000000 (MUST be 0)")
    if essdn is None:
        v.f(u16(0), "EssdnSize = 0 (no Essdn)")
    else:
        e = asciiz(essdn)
        v.f(u16(len(e)), f"EssdnSize = {len(e)} (characters + terminating null)")
        v.f(e, f'Essdn = "{essdn}" + 0x00')
    return v


PRIVATE_FOLDERS = ["Mailbox Root", "Deferred Action", "Spooler Queue", "IPM subtree", "Inbox",
                   "Outbox", "Sent Items", "Deleted Items", "Common Views", "Schedule", "Search",
                   "Views", "Shortcuts"]
PUBLIC_FOLDERS = ["Public Folders Root", "IPM subtree", "Non-IPM subtree", "EForms Registry",
                  "Free/Busy Data", "Offline Address Book Data", "EForms Registry (user locale)",
                  "Local Site Free/Busy Data", "Local Site OAB Data", "NNTP Article Index",
                  "Empty", "Empty", "Empty"]


def folder_ids(v, names, replid):
    for i, name in enumerate(names):
        counter = 0 if name == "Empty" else i + 1
        v.f(fid(replid if counter else 0, counter),
            f"FolderIds[{i}] = {id_text(replid if counter else 0, counter)} ({name})", 1)


ALICE = "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=alice"


def logon(stem, sections, flags, resp, resp_handle, note):
    """A RopLogon (Private flag as `flags`) and its response `resp`, which has the logon's
    handle, or none (0xFFFFFFFF) when it failed."""
    pair(PROJECT, f"oxcrops-2.2.3.1-roplogon-{stem}", f"{SRC} {sections}",
         [logon_request(flags, ALICE if flags & 1 else None)], [FREE], [resp], [resp_handle], note)


def logon_response(rv, flags, flags_note, folders=()):
    """The RopLogon response up to LogonFlags, then the FolderIds of a success layout."""
    v = resp_head(0xFE, "RopLogon", rv, "OutputHandleIndex", 0)
    v.f(u8(flags), f"LogonFlags = 0x{flags:02X} ({flags_note})")
    folder_ids(v, folders, 1)
    return v


def repl_id(v, repl_guid):
    """ReplId 1 and the ReplGuid it stands for."""
    return v.f(u16(1), "ReplId = 0x0001").f(guid(repl_guid), f"ReplGuid = {repl_guid}")


def private_logon_response():
    resp = logon_response(0, 0x01, "Private, as in the request", PRIVATE_FOLDERS)
    resp.f(u8(0x07), "ResponseFlags = 0x07 (Reserved 0x01 | OwnerRight 0x02 | SendAsRight 0x04)")
    resp.f(guid(MAILBOX_GUID), f"MailboxGuid = {MAILBOX_GUID}")
    repl_id(resp, REPL_GUID)
    resp.rows([(u8(30), "LogonTime.Seconds = 30"),
               (u8(15), "LogonTime.Minutes = 15"),
               (u8(9), "LogonTime.Hour = 9"),
               (u8(5), "LogonTime.DayOfWeek = 5 (Friday)"),
               (u8(27), "LogonTime.Day = 27"),
               (u8(11), "LogonTime.Month = 11 (November)"),
               (u16(2026), "LogonTime.Year = 2026")], 1)
    resp.f(u64(0x01DC5F0E8A3B2C00), "GwartTime = 0x01DC5F0E8A3B2C00 (compared, not interpreted)")
    resp.f(u32(0), "StoreState = 0x00000000 (MUST be 0)")
    return resp


def public_logon_response():
    resp = logon_response(0, 0x00, "as in the request", PUBLIC_FOLDERS)
    repl_id(resp, PUBLIC_GUID)
    return resp.f(bytes(16), "PerUserGuid = all zeros (not used; SHOULD be zero)")


def logon_vectors():
    logon("private", "2.2.3.1.1, 2.2.3.1.2; [MS-OXCSTOR] 2.2.1.1", 0x01, private_logon_response(),
          NEW_LOGON_HANDLE,
          "RopLogon to a private mailbox (LogonFlags Private): the private-mailbox success layout")
    logon("public", "2.2.3.1.1, 2.2.3.1.3; [MS-OXCSTOR] 2.2.1.1.4", 0x00, public_logon_response(),
          NEW_LOGON_HANDLE,
          "RopLogon to public folders (Private bit clear): the public-folders success layout")
    # Redirect: 2.2.3.1.4.
    resp = logon_response(0x00000478, 0x01, "Private")
    server = "/o=Contoso/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn=MBX02"
    s = asciiz(server)
    resp.f(u8(len(s)), f"ServerNameSize = {len(s)} (characters + terminating null)")
    resp.f(s, f'ServerName = "{server}" + 0x00')
    logon("redirect", "2.2.3.1.4; [MS-OXCSTOR] 2.2.1.1.2", 0x01, resp, FREE,
          "RopLogon answered with ecWrongServer (0x00000478): the redirect layout")
    # Failure: 2.2.3.1.5.
    logon("failure", "2.2.3.1.5; [MS-OXCSTOR] 3.2.5.1.3", 0x01,
          resp_head(0xFE, "RopLogon", 0x000003EB, "OutputHandleIndex", 0), FREE,
          "RopLogon failing with ecUnknownUser (0x000003EB): no fields after ReturnValue")


def simple(stem, section, req_fields, resp_fields, note, rop_id, name, rv=0, index=0,
           handles=(LOGON_HANDLE,)):
    """A ROP on the Logon object (InputHandleIndex 0), or on the object at `index`: request
    and response buffers."""
    req = head(rop_id, name, index=index).rows(req_fields)
    resp = resp_head(rop_id, name, rv, index=index).rows(resp_fields)
    pair(PROJECT, stem, f"{SRC} {section}", [req], list(handles), [resp], list(handles), note)


def logon_family():
    logon_vectors()

    simple("oxcrops-2.2.3.2-ropgetreceivefolder", "2.2.3.2.1, 2.2.3.2.2",
           [(asciiz("IPM.Note"), 'MessageClass = "IPM.Note" + 0x00')],
           [(fid(1, 5), f"FolderId = {id_text(1, 5)} (Inbox)"),
            (asciiz("IPM"), 'ExplicitMessageClass = "IPM" + 0x00 (the class configured)')],
           "RopGetReceiveFolder for IPM.Note, answered by the folder configured for IPM",
           0x27, "RopGetReceiveFolder")
    simple("oxcrops-2.2.3.2-ropgetreceivefolder-failure", "2.2.3.2.3",
           [(asciiz("IPM.Note"), 'MessageClass = "IPM.Note" + 0x00')], [],
           "RopGetReceiveFolder failing with ecNotFound (0x8004010F): no fields after ReturnValue",
           0x27, "RopGetReceiveFolder", 0x8004010F)
    simple("oxcrops-2.2.3.3-ropsetreceivefolder", "2.2.3.3.1, 2.2.3.3.2",
           [(fid(1, 5), f"FolderId = {id_text(1, 5)} (Inbox)"),
            (asciiz("IPM.Note.Custom"), 'MessageClass = "IPM.Note.Custom" + 0x00')], [],
           "RopSetReceiveFolder: IPM.Note.Custom is delivered to the Inbox",
           0x26, "RopSetReceiveFolder")

    # RopGetReceiveFolderTable: rows of PidTagFolderId, PidTagMessageClass (PtypString8),
    # PidTagLastModificationTime.
    simple("oxcrops-2.2.3.4-ropgetreceivefoldertable", "2.2.3.4.1, 2.2.3.4.2; [MS-OXCDATA] 2.8.1",
           [], [(u32(2), "RowCount = 2 (4 bytes)"),
                (u8(0x00), "Rows[0].Flag = 0x00 (StandardPropertyRow)", 1),
                (fid(1, 5), f"Rows[0] PidTagFolderId (PtypInteger64) = {id_text(1, 5)}", 1),
                (asciiz("IPM"), 'Rows[0] PidTagMessageClass (PtypString8) = "IPM" + 0x00', 1),
                (u64(0x01DC5F0E8A3B2C00),
                 "Rows[0] PidTagLastModificationTime (PtypTime) = 0x01DC5F0E8A3B2C00", 1),
                (u8(0x01), "Rows[1].Flag = 0x01 (FlaggedPropertyRow)", 1),
                (u8(0x00), "Rows[1] PidTagFolderId: Flag 0x00 (value follows)", 1),
                (fid(1, 0x20), f"Rows[1] PidTagFolderId (PtypInteger64) = {id_text(1, 0x20)}", 1),
                (u8(0x00), "Rows[1] PidTagMessageClass: Flag 0x00 (value follows)", 1),
                (asciiz("IPC"), 'Rows[1] PidTagMessageClass (PtypString8) = "IPC" + 0x00', 1),
                (u8(0x0A), "Rows[1] PidTagLastModificationTime: Flag 0x0A (error code follows)", 1),
                (u32(0x8004010F), "Rows[1] PidTagLastModificationTime = ecNotFound 0x8004010F", 1)],
           "RopGetReceiveFolderTable: a StandardPropertyRow and a FlaggedPropertyRow of the three "
           "receive folder table columns", 0x68, "RopGetReceiveFolderTable")

    simple("oxcrops-2.2.3.5-ropgetstorestate", "2.2.3.5.1, 2.2.3.5.2", [],
           [(u32(0), "StoreState = 0x00000000")],
           "RopGetStoreState", 0x7B, "RopGetStoreState")
    simple("oxcrops-2.2.3.6-ropgetowningservers", "2.2.3.6.1, 2.2.3.6.2",
           [(fid(2, 0x1234), f"FolderId = {id_text(2, 0x1234)} (a public folder)")],
           [(u16(2), "OwningServersCount = 2"),
            (u16(1), "CheapServersCount = 1"),
            (asciiz("MBX01"), 'OwningServers[0] = "MBX01" + 0x00'),
            (asciiz("MBX02"), 'OwningServers[1] = "MBX02" + 0x00')],
           "RopGetOwningServers: two servers hold a replica, the first is lowest cost",
           0x42, "RopGetOwningServers")
    simple("oxcrops-2.2.3.7-roppublicfolderisghosted", "2.2.3.7.1, 2.2.3.7.2",
           [(fid(2, 0x1234), f"FolderId = {id_text(2, 0x1234)}")],
           [(u8(1), "IsGhosted = 0x01 (TRUE: the next three fields are present)"),
            (u16(1), "ServersCount = 1"),
            (u16(1), "CheapServersCount = 1"),
            (asciiz("PF01"), 'Servers[0] = "PF01" + 0x00')],
           "RopPublicFolderIsGhosted for a ghosted folder", 0x45, "RopPublicFolderIsGhosted")
    simple("oxcrops-2.2.3.7-roppublicfolderisghosted-not-ghosted", "2.2.3.7.1, 2.2.3.7.2",
           [(fid(2, 0x1235), f"FolderId = {id_text(2, 0x1235)}")],
           [(u8(0), "IsGhosted = 0x00 (FALSE: ServersCount, CheapServersCount, Servers absent)")],
           "RopPublicFolderIsGhosted for a folder with a local replica", 0x45, "RopPublicFolderIsGhosted")
    long_term_id = (ltid(REPL_GUID, 5), f"LongTermId = DatabaseGuid {REPL_GUID}, "
                    "GlobalCounter 0x000000000005, Pad 0x0000")
    simple("oxcrops-2.2.3.8-roplongtermidfromid", "2.2.3.8.1, 2.2.3.8.2",
           [(fid(1, 5), f"ObjectId = {id_text(1, 5)}")], [long_term_id],
           "RopLongTermIdFromId: ReplId 1 maps to the logon's ReplGuid", 0x43, "RopLongTermIdFromId")
    simple("oxcrops-2.2.3.9-ropidfromlongtermid", "2.2.3.9.1, 2.2.3.9.2",
           [long_term_id], [(fid(1, 5), f"ObjectId = {id_text(1, 5)}")],
           "RopIdFromLongTermId: the inverse of RopLongTermIdFromId", 0x44, "RopIdFromLongTermId")
    simple("oxcrops-2.2.3.10-ropgetperuserlongtermids", "2.2.3.10.1, 2.2.3.10.2",
           [(guid(PUBLIC_GUID), f"DatabaseGuid = {PUBLIC_GUID}")],
           [(u16(2), "LongTermIdCount = 2"),
            (ltid(PUBLIC_GUID, 0x1234), f"LongTermIds[0] = {PUBLIC_GUID}, 0x000000001234, Pad 0"),
            (ltid(PUBLIC_GUID, 0x1235), f"LongTermIds[1] = {PUBLIC_GUID}, 0x000000001235, Pad 0")],
           "RopGetPerUserLongTermIds: two public folders have per-user data from that database",
           0x60, "RopGetPerUserLongTermIds")
    simple("oxcrops-2.2.3.11-ropgetperuserguid", "2.2.3.11.1, 2.2.3.11.2",
           [(ltid(PUBLIC_GUID, 0x1234), f"LongTermId = {PUBLIC_GUID}, 0x000000001234, Pad 0")],
           [(guid(PUBLIC_GUID), f"DatabaseGuid = {PUBLIC_GUID}")],
           "RopGetPerUserGuid", 0x61, "RopGetPerUserGuid")
    folder = (ltid(PUBLIC_GUID, 0x1234),
              f"FolderId (LongTermID) = {PUBLIC_GUID}, 0x000000001234, Pad 0")
    simple("oxcrops-2.2.3.12-ropreadperuserinformation", "2.2.3.12.1, 2.2.3.12.2",
           [folder,
            (u8(0), "Reserved = 0x00"),
            (u32(0), "DataOffset = 0"),
            (u16(0x1000), "MaxDataSize = 4096")],
           [(u8(1), "HasFinished = 0x01 (TRUE)"),
            (u16(4), "DataSize = 4"),
            (bytes([0x01, 0x02, 0x03, 0x04]), "Data = 01 02 03 04 (per-user data)")],
           "RopReadPerUserInformation: all the per-user data in one read",
           0x63, "RopReadPerUserInformation")

    # RopWritePerUserInformation: ReplGuid present only when DataOffset is 0 and the logon was
    # made with the Private flag ([MS-OXCROPS] 2.2.3.13.1).
    for flags, stem, note in [
        (0x01, "oxcrops-2.2.3.13-ropwriteperuserinformation",
         "RopWritePerUserInformation on a private mailbox logon, DataOffset 0: ReplGuid present"),
        (0x00, "oxcrops-2.2.3.13-ropwriteperuserinformation-public",
         "RopWritePerUserInformation on a public folders logon, DataOffset 0: no ReplGuid"),
    ]:
        w = head(0x64, "RopWritePerUserInformation").rows([
            folder,
            (u8(1), "HasFinished = 0x01 (TRUE)"),
            (u32(0), "DataOffset = 0"),
            (u16(4), "DataSize = 4"),
            (bytes([0x01, 0x02, 0x03, 0x04]), "Data = 01 02 03 04")])
        if flags & 1:
            w.f(guid(REPL_GUID), f"ReplGuid = {REPL_GUID} (DataOffset 0, Private logon)")
        lresp = private_logon_response() if flags & 1 else public_logon_response()
        wresp = resp_head(0x64, "RopWritePerUserInformation")
        pair(PROJECT, stem, SRC + " 2.2.3.13.1, 2.2.3.13.2; [MS-OXCSTOR] 2.2.1.1.1",
             [logon_request(flags, ALICE if flags & 1 else None), w], [FREE], [lresp, wresp],
             [NEW_LOGON_HANDLE],
             note + " (the RopLogon before it, in the same buffer, creates the logon whose "
                    "LogonFlags decide; RopWritePerUserInformation works on the Logon object it "
                    "put at index 0)")


def transport_family():
    on_message = {"index": 1, "handles": (LOGON_HANDLE, 0x00000062)}
    simple("oxcrops-2.2.7.1-ropsubmitmessage", "2.2.7.1.1, 2.2.7.1.2",
           [(u8(0x00), "SubmitFlags = 0x00 (None)")], [],
           "RopSubmitMessage on the Message object at index 1", 0x32, "RopSubmitMessage",
           **on_message)
    simple("oxcrops-2.2.7.2-ropabortsubmit", "2.2.7.2.1, 2.2.7.2.2",
           [(fid(1, 6), f"FolderId = {id_text(1, 6)} (Outbox)"),
            (fid(1, 0x4242), f"MessageId = {id_text(1, 0x4242)}")], [],
           "RopAbortSubmit", 0x34, "RopAbortSubmit")
    types = [asciiz("EX"), asciiz("SMTP"), asciiz("X400")]
    size = sum(len(t) for t in types)
    simple("oxcrops-2.2.7.3-ropgetaddresstypes", "2.2.7.3.1, 2.2.7.3.2", [],
           [(u16(3), "AddressTypeCount = 3"),
            (u16(size), f"AddressTypeSize = {size} (bytes of AddressTypes)"),
            (types[0], 'AddressTypes[0] = "EX" + 0x00'),
            (types[1], 'AddressTypes[1] = "SMTP" + 0x00'),
            (types[2], 'AddressTypes[2] = "X400" + 0x00')],
           "RopGetAddressTypes", 0x49, "RopGetAddressTypes")
    simple("oxcrops-2.2.7.4-ropsetspooler", "2.2.7.4.1, 2.2.7.4.2", [], [],
           "RopSetSpooler", 0x47, "RopSetSpooler")
    simple("oxcrops-2.2.7.5-ropspoolerlockmessage", "2.2.7.5.1, 2.2.7.5.2",
           [(fid(1, 0x4242), f"MessageId = {id_text(1, 0x4242)}"),
            (u8(0x00), "LockState = 0x00 (lstLock)")], [],
           "RopSpoolerLockMessage", 0x48, "RopSpoolerLockMessage")
    simple("oxcrops-2.2.7.6-roptransportsend", "2.2.7.6.1, 2.2.7.6.2", [],
           [(u8(0x00),
             "NoPropertiesReturned = 0x00 (FALSE: PropertyValueCount and PropertyValues follow)"),
            (u16(2), "PropertyValueCount = 2"),
            (u32(0x0E080003),
             "PropertyValues[0].PropertyTag = 0x0E080003 (PidTagMessageSize, PtypInteger32)", 1),
            (u32(1024), "PropertyValues[0].PropertyValue = 1024", 1),
            (u32(0x0E060040),
             "PropertyValues[1].PropertyTag = 0x0E060040 (PidTagMessageDeliveryTime, PtypTime)", 1),
            (u64(0x01DC5F0E8A3B2C00), "PropertyValues[1].PropertyValue = 0x01DC5F0E8A3B2C00", 1)],
           "RopTransportSend returning two property values", 0x4A, "RopTransportSend", **on_message)
    simple("oxcrops-2.2.7.6-roptransportsend-no-properties", "2.2.7.6.2", [],
           [(u8(0x01),
             "NoPropertiesReturned = 0x01 (TRUE: no PropertyValueCount, no PropertyValues)")],
           "RopTransportSend returning no property values", 0x4A, "RopTransportSend", **on_message)

    simple("oxcrops-2.2.7.7-roptransportnewmail", "2.2.7.7.1, 2.2.7.7.2",
           [(fid(1, 0x4243), f"MessageId = {id_text(1, 0x4243)}"),
            (fid(1, 5), f"FolderId = {id_text(1, 5)} (Inbox)"),
            (asciiz("IPM.Note"), 'MessageClass = "IPM.Note" + 0x00'),
            (u32(0x00000000), "MessageFlags = 0x00000000")], [],
           "RopTransportNewMail", 0x51, "RopTransportNewMail")
    simple("oxcrops-2.2.7.8-ropgettransportfolder", "2.2.7.8.1, 2.2.7.8.2", [],
           [(fid(1, 6), f"FolderId = {id_text(1, 6)} (Outbox)")],
           "RopGetTransportFolder", 0x6D, "RopGetTransportFolder")
    simple("oxcrops-2.2.7.9-ropoptionsdata", "2.2.7.9.1, 2.2.7.9.2",
           [(asciiz("SMTP"), 'AddressType = "SMTP" + 0x00'), (u8(1), "WantWin32 = 0x01 (TRUE)")],
           [(u8(0x01), "Reserved = 0x01"),
            (u16(0), "OptionsInfoSize = 0"),
            (u16(3), "HelpFileSize = 3"),
            (bytes([0x3F, 0x5F, 0x03]), "HelpFile = 3f 5f 03"),
            (asciiz("SMTP.HLP"), 'HelpFileName = "SMTP.HLP" + 0x00 (present: HelpFileSize is nonzero)')],
           "RopOptionsData with a help file", 0x6F, "RopOptionsData")
    simple("oxcrops-2.2.7.9-ropoptionsdata-no-help-file", "2.2.7.9.2",
           [(asciiz("EX"), 'AddressType = "EX" + 0x00'), (u8(0), "WantWin32 = 0x00 (FALSE)")],
           [(u8(0x01), "Reserved = 0x01"),
            (u16(2), "OptionsInfoSize = 2"),
            (bytes([0x00, 0x01]), "OptionsInfo = 00 01 (opaque)"),
            (u16(0), "HelpFileSize = 0 (HelpFile and HelpFileName absent)")],
           "RopOptionsData without a help file", 0x6F, "RopOptionsData")


# [MS-OXOMSG] section 4 examples, single ROPs, transcribed by hand from the stored copies of the
# spec pages (msdn ee219125, ee202730, ee157827, ee202820, ee179253).
SUBMIT_REQUEST = "4.1.1-ropsubmitmessage-request"
OXOMSG_EXAMPLES = [
    (SUBMIT_REQUEST, "rop-request", "[MS-OXOMSG] 4.1.1 ROP Request Buffer (0000: 32 00 02 00)",
     "RopSubmitMessage request of [MS-OXOMSG] 4.1.1.", None, [
         ("32", "RopId = 0x32 (RopSubmitMessage)"),
         ("00", "LogonId = 0x00"),
         ("02", "InputHandleIndex = 0x02"),
         ("00", "SubmitFlags = 0x00 (None)"),
     ]),
    ("4.1.2-ropsubmitmessage-response", "rop-response",
     "[MS-OXOMSG] 4.1.2 ROP Response Buffer (0000: 32 02 00 00 00 00)",
     "RopSubmitMessage response of [MS-OXOMSG] 4.1.2, answering 4.1.1.", SUBMIT_REQUEST, [
         ("32", "RopId = 0x32 (RopSubmitMessage)"),
         ("02", "InputHandleIndex = 0x02"),
         ("00000000", "ReturnValue = 0x00000000 (ecNone)"),
     ]),
    ("4.3.1-ropabortsubmit-request", "rop-request",
     "[MS-OXOMSG] 4.3.1 ROP Request Buffer (19 bytes; the dump's stray '4' after "
     "'b7' at offset 0x0F is not a byte: the text gives MessageId 0001-0003b7e65fa7)",
     "RopAbortSubmit request of [MS-OXOMSG] 4.3.1.", None, [
         ("34", "RopId = 0x34 (RopAbortSubmit)"),
         ("00", "LogonId = 0x00"),
         ("00", "InputHandleIndex = 0x00"),
         ("0100 0003b479ca47", "FolderId = 0001-0003b479ca47 (the parent folder)"),
         ("0100 0003b7e65fa7", "MessageId = 0001-0003b7e65fa7 (the message submitted)"),
     ]),
    ("4.6.1.2-ropsetspooler-response", "rop-response",
     "[MS-OXOMSG] 4.6.1.2 ROP Response Buffer (0000: 47 00 00 00 00 00)",
     "RopSetSpooler response of [MS-OXOMSG] 4.6.1.2 (decoded without its request, which "
     "it does not need).", None, [
         ("47", "RopId = 0x47 (RopSetSpooler)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (ecNone)"),
     ]),
    ("4.6.6.2-ropspoolerlockmessage-response", "rop-response",
     "[MS-OXOMSG] 4.6.6.2 ROP Response Buffer (0000: 48 00 00 00 00 00)",
     "RopSpoolerLockMessage response of [MS-OXOMSG] 4.6.6.2 (decoded without its request, "
     "which it does not need).", None, [
         ("48", "RopId = 0x48 (RopSpoolerLockMessage)"),
         ("00", "InputHandleIndex = 0x00"),
         ("00000000", "ReturnValue = 0x00000000 (ecNone)"),
     ]),
]


if __name__ == "__main__":
    logon_family()
    transport_family()
    transcribed("ms-oxomsg", OXOMSG_EXAMPLES)
