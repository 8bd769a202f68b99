//! [MS-OXCROPS] 2.2.3.1 RopLogon: the request, and the response whose layout follows the
//! request's LogonFlags (private mailbox or public folders) and the ReturnValue (redirect).

use std::borrow::Cow;

use bytes::BufMut;

use super::{hex64, missing};
use crate::data::FolderId;
use crate::rop::context::{ResponseCtx, LOGON_FLAG_PRIVATE};
use crate::rop::field::{encode_as_variant, hex32, hex8, rop_request, rop_response};
use crate::rop::property::Sized8;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    named_code, wire_struct, AnsiStr, AnsiZ16, Decode, DecodeError, DecodeWith, Encode,
    EncodeError, Guid, Reader, ResultExt,
};

rop_request! {
    /// [MS-OXCROPS] 2.2.3.1.1 RopLogon request: logs on to a private mailbox or to public
    /// folders; its LogonId is the id the client gives the new logon.
    pub struct LogonRequest<'a> {
        /// OutputHandleIndex: where the Logon object's handle goes.
        output_handle_index: Output,
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.1): 0x01 Private, 0x02 Undercover, 0x04 Ghosted,
        /// 0x08 SpoolerProcess.
        logon_flags: u8 => "LogonFlags" as hex8,
        /// OpenFlags ([MS-OXCSTOR] 2.2.1.1.1).
        open_flags: u32 => "OpenFlags" as hex32,
        /// StoreState (0 from clients).
        store_state: u32 => "StoreState" as hex32,
        /// Essdn (EssdnSize is its size): the mailbox's ESSDN, a null-terminated ASCII
        /// string (the terminator counted by EssdnSize), or empty.
        essdn: AnsiZ16<'a> => "Essdn",
    }
}

named_code! {
    flags
    /// [MS-OXCSTOR] 2.2.1.1.1 LogonFlags of a RopLogon request (the byte of
    /// [`LogonRequest::logon_flags`], which converts with `u8::from`); the Private bit selects the
    /// layout of the response.
    pub struct LogonFlags(u8);
    /// Private (0x01): a logon to a private mailbox, not to public folders.
    PRIVATE = 0x01 => "Private",
    /// Undercover (0x02): a private mailbox logon that does not count as the owner's.
    UNDERCOVER = 0x02 => "Undercover",
    /// Ghosted (0x04): a public folders logon to a server that holds no replica.
    GHOSTED = 0x04 => "Ghosted",
    /// SpoolerProcess (0x08): the logon of the spooler process.
    SPOOLER_PROCESS = 0x08 => "SpoolerProcess",
}

named_code! {
    flags
    /// [MS-OXCSTOR] 2.2.1.1.1 OpenFlags of a RopLogon request (the 4 bytes of
    /// [`LogonRequest::open_flags`], which convert with `u32::from`).
    pub struct LogonOpenFlags(u32);
    /// USE_ADMIN_PRIVILEGE (0x00000001): use administrative access.
    USE_ADMIN_PRIVILEGE = 0x0000_0001 => "USE_ADMIN_PRIVILEGE",
    /// PUBLIC (0x00000002): a logon to public folders.
    PUBLIC = 0x0000_0002 => "PUBLIC",
    /// HOME_LOGON (0x00000004): the logon is to the user's home server.
    HOME_LOGON = 0x0000_0004 => "HOME_LOGON",
    /// TAKE_OWNERSHIP (0x00000008): the client takes ownership of the mailbox.
    TAKE_OWNERSHIP = 0x0000_0008 => "TAKE_OWNERSHIP",
    /// ALTERNATE_SERVER (0x00000100): a public folders logon to an alternate server.
    ALTERNATE_SERVER = 0x0000_0100 => "ALTERNATE_SERVER",
    /// IGNORE_HOME_MDB (0x00000200): a public folders logon that ignores the home store.
    IGNORE_HOME_MDB = 0x0000_0200 => "IGNORE_HOME_MDB",
    /// NO_MAIL (0x00000400): a non-messaging logon.
    NO_MAIL = 0x0000_0400 => "NO_MAIL",
    /// USE_PER_MDB_REPLID_MAPPING (0x01000000): replica ids are mapped per store.
    USE_PER_MDB_REPLID_MAPPING = 0x0100_0000 => "USE_PER_MDB_REPLID_MAPPING",
    /// SUPPORT_PROGRESS (0x20000000): the client accepts RopProgress responses.
    SUPPORT_PROGRESS = 0x2000_0000 => "SUPPORT_PROGRESS",
}

named_code! {
    flags
    /// [MS-OXCSTOR] 2.2.1.1.3 ResponseFlags of a private mailbox RopLogon response (the byte of
    /// [`LogonPrivateSuccess::response_flags`]).
    pub struct LogonResponseFlags(u8);
    /// Reserved (0x01): always set.
    RESERVED = 0x01 => "Reserved",
    /// OwnerRight (0x02): the user has owner permission on the mailbox.
    OWNER_RIGHT = 0x02 => "OwnerRight",
    /// SendAsRight (0x04): the user may send as the mailbox owner.
    SEND_AS_RIGHT = 0x04 => "SendAsRight",
    /// OOF (0x10): the owner is out of office.
    OOF = 0x10 => "OOF",
}

impl LogonRequest<'static> {
    /// The OpenFlags a client sends to log on to its own mailbox:
    /// USE_PER_MDB_REPLID_MAPPING, HOME_LOGON and TAKE_OWNERSHIP (0x0100000C).
    pub const PRIVATE_OPEN_FLAGS: LogonOpenFlags = LogonOpenFlags(0x0100_000C);

    /// A RopLogon to the private mailbox whose ESSDN is `essdn` (the user's DN, as given to
    /// Connect), with LogonId 0 (set [`logon_id`](Self::logon_id) for another), LogonFlags
    /// Private, OpenFlags [`Self::PRIVATE_OPEN_FLAGS`] and StoreState 0. Essdn is the text's
    /// bytes and a terminating null.
    ///
    /// ```
    /// use mapi_codec::rop::store::{LogonFlags, LogonRequest};
    /// use mapi_codec::wire::Encode;
    ///
    /// let logon = LogonRequest::private_mailbox(0, "/o=Contoso/cn=Recipients/cn=u");
    /// assert_eq!(logon.logon_flags, u8::from(LogonFlags::PRIVATE));
    /// assert_eq!(logon.essdn.text(), Some(&b"/o=Contoso/cn=Recipients/cn=u"[..]));
    /// // RopId is not part of the body: LogonId, OutputHandleIndex, LogonFlags, OpenFlags...
    /// assert_eq!(&logon.to_bytes().unwrap()[..7], &[0, 0, 1, 0x0C, 0, 0, 1]);
    /// ```
    ///
    /// An ESSDN holds no NUL: one given with a NUL inside (or longer than the 2-byte size
    /// counts) is kept as given, terminator added, and shows as not terminated
    /// ([`AnsiZ16::is_terminated`]); build the field with [`AnsiZ16::new`] to have it refused.
    pub fn private_mailbox(output_handle_index: u8, essdn: &str) -> Self {
        let essdn = AnsiZ16::new(essdn.as_bytes()).unwrap_or_else(|_| {
            let mut bytes = Vec::with_capacity(essdn.len() + 1);
            bytes.extend_from_slice(essdn.as_bytes());
            bytes.push(0);
            AnsiZ16::from_wire_as_sent(Cow::Owned(bytes))
        });
        LogonRequest {
            logon_id: 0,
            output_handle_index,
            logon_flags: LogonFlags::PRIVATE.into(),
            open_flags: Self::PRIVATE_OPEN_FLAGS.into(),
            store_state: 0,
            essdn,
        }
    }

    /// A RopLogon to the public folders, with LogonId 0, LogonFlags 0, OpenFlags PUBLIC and
    /// USE_PER_MDB_REPLID_MAPPING, and no Essdn.
    pub fn public_folders(output_handle_index: u8) -> Self {
        LogonRequest {
            logon_id: 0,
            output_handle_index,
            logon_flags: 0,
            open_flags: (LogonOpenFlags::PUBLIC | LogonOpenFlags::USE_PER_MDB_REPLID_MAPPING)
                .into(),
            store_state: 0,
            essdn: AnsiZ16::default(),
        }
    }
}

// ---- 2.2.3.1 RopLogon response ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.1.2.1 LogonTime: when the logon occurred.
    pub struct LogonTime {
        /// Seconds: the current second.
        seconds: u8 => "Seconds",
        /// Minutes: the current minute.
        minutes: u8 => "Minutes",
        /// Hour: the current hour.
        hour: u8 => "Hour",
        /// DayOfWeek: the day of the week (Sunday = 0, Monday = 1, ...).
        day_of_week: u8 => "DayOfWeek",
        /// Day: the day of the month.
        day: u8 => "Day",
        /// Month: the month (January = 1, ...).
        month: u8 => "Month",
        /// Year: the year.
        year: u16 => "Year",
    }
}

/// [MS-OXCROPS] 2.2.3.1.2 / 2.2.3.1.3 FolderIds: 13 folder IDs (104 bytes) of the store's
/// special folders ([MS-OXCSTOR] 2.2.1.1.3 and 2.2.1.1.4 list which, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct LogonFolderIds(pub [FolderId; 13]);

impl<'a> Decode<'a> for LogonFolderIds {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let mut ids = [FolderId::default(); 13];
        for (i, id) in ids.iter_mut().enumerate() {
            *id = FolderId::decode_from(r).index(i)?;
        }
        Ok(LogonFolderIds(ids))
    }
}

impl Encode for LogonFolderIds {
    fn encoded_len(&self) -> usize {
        13 * 8
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        for id in &self.0 {
            id.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for LogonFolderIds {
    fn to_tree(&self) -> Tree {
        Tree::List(self.0.iter().map(ToTree::to_tree).collect())
    }
}

/// The folders of a private mailbox logon's FolderIds, in order ([MS-OXCSTOR] 2.2.1.1.3).
const PRIVATE_FOLDERS: [&str; 13] = [
    "MailboxRoot",
    "DeferredAction",
    "SpoolerQueue",
    "IpmSubtree",
    "Inbox",
    "Outbox",
    "SentItems",
    "DeletedItems",
    "CommonViews",
    "Schedule",
    "Search",
    "Views",
    "Shortcuts",
];

/// The folders of a public folders logon's FolderIds, in order ([MS-OXCSTOR] 2.2.1.1.4).
const PUBLIC_FOLDERS: [&str; 13] = [
    "PublicFoldersRoot",
    "IpmSubtree",
    "NonIpmSubtree",
    "EFormsRegistry",
    "FreeBusyData",
    "OfflineAddressBookData",
    "LocaleEFormsRegistry",
    "LocalSiteFreeBusyData",
    "LocalSiteOfflineAddressBookData",
    "NntpArticleIndex",
    "Empty1",
    "Empty2",
    "Empty3",
];

fn labelled(ids: &LogonFolderIds, names: &[&'static str; 13]) -> Tree {
    ids.0
        .iter()
        .zip(names)
        .fold(Tree::record(), |t, (id, name)| t.field(*name, id.to_tree()))
}

fn private_folder_ids(ids: &LogonFolderIds) -> Tree {
    labelled(ids, &PRIVATE_FOLDERS)
}

fn public_folder_ids(ids: &LogonFolderIds) -> Tree {
    labelled(ids, &PUBLIC_FOLDERS)
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.1.2 RopLogon success fields for private mailboxes (the request's
    /// LogonFlags has the Private bit, 0x01).
    pub struct LogonPrivateSuccess {
        /// LogonFlags: the request's Private, Undercover and Ghosted flags
        /// ([MS-OXCSTOR] 2.2.1.1.3).
        logon_flags: u8 => "LogonFlags" as hex8,
        /// FolderIds: Mailbox Root, Deferred Action, Spooler Queue, IPM subtree, Inbox, Outbox,
        /// Sent Items, Deleted Items, Common Views, Schedule, Search, Views, Shortcuts.
        folder_ids: LogonFolderIds => "FolderIds" as private_folder_ids,
        /// ResponseFlags: 0x01 Reserved (set), 0x02 OwnerRight, 0x04 SendAsRight, 0x10 OOF.
        response_flags: u8 => "ResponseFlags" as hex8,
        /// MailboxGuid: the mailbox logged on to.
        mailbox_guid: Guid => "MailboxGuid",
        /// ReplId: the logon's replica ID.
        repl_id: u16 => "ReplId",
        /// ReplGuid: the replica GUID of ReplId.
        repl_guid: Guid => "ReplGuid",
        /// LogonTime: when the logon occurred.
        logon_time: LogonTime => "LogonTime",
        /// GwartTime: tracks changes of the Gateway Address Routing Table (compare only).
        gwart_time: u64 => "GwartTime" as hex64,
        /// StoreState: set to 0 by the server, ignored by the client.
        store_state: u32 => "StoreState" as hex32,
    }
}

impl From<time::OffsetDateTime> for LogonTime {
    /// The LogonTime fields of `t`, as it reads in its own offset (years past 65535 wrap).
    fn from(t: time::OffsetDateTime) -> Self {
        LogonTime {
            seconds: t.second(),
            minutes: t.minute(),
            hour: t.hour(),
            day_of_week: t.weekday().number_days_from_sunday(),
            day: t.day(),
            month: t.month().into(),
            year: t.year() as u16,
        }
    }
}

impl LogonPrivateSuccess {
    /// The success fields a server sends the owner of a private mailbox: the request's
    /// `logon_flags` echoed, the mailbox's 13 special folders (in the order of
    /// [MS-OXCSTOR] 2.2.1.1.3), ResponseFlags Reserved, OwnerRight and SendAsRight, ReplId 1
    /// with its `repl_guid`, the logon time `now`, and GwartTime and StoreState 0.
    pub fn new(
        logon_flags: u8,
        folder_ids: [FolderId; 13],
        mailbox_guid: Guid,
        repl_guid: Guid,
        now: LogonTime,
    ) -> Self {
        let flags = LogonResponseFlags::RESERVED
            | LogonResponseFlags::OWNER_RIGHT
            | LogonResponseFlags::SEND_AS_RIGHT;
        LogonPrivateSuccess {
            logon_flags,
            folder_ids: LogonFolderIds(folder_ids),
            response_flags: flags.into(),
            mailbox_guid,
            repl_id: 1,
            repl_guid,
            logon_time: now,
            gwart_time: 0,
            store_state: 0,
        }
    }
}

impl From<LogonPrivateSuccess> for LogonSuccess {
    fn from(s: LogonPrivateSuccess) -> Self {
        LogonSuccess::Private(s)
    }
}

impl From<LogonPublicSuccess> for LogonSuccess {
    fn from(s: LogonPublicSuccess) -> Self {
        LogonSuccess::Public(s)
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.1.3 RopLogon success fields for public folders (the request's
    /// LogonFlags lacks the Private bit).
    pub struct LogonPublicSuccess {
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.4).
        logon_flags: u8 => "LogonFlags" as hex8,
        /// FolderIds: Public Folders Root, IPM subtree, non-IPM subtree, EForms Registry,
        /// Free/Busy Data, Offline Address Book Data, the locale's EForms Registry, the local
        /// site's Free/Busy Data and Offline Address Book Data, NNTP Article Index, 3 empty.
        folder_ids: LogonFolderIds => "FolderIds" as public_folder_ids,
        /// ReplId: the logon's replica ID.
        repl_id: u16 => "ReplId",
        /// ReplGuid: the replica GUID of ReplId.
        repl_guid: Guid => "ReplGuid",
        /// PerUserGuid: not used (the server should send zeros).
        per_user_guid: Guid => "PerUserGuid",
    }
}

/// [MS-OXCROPS] 2.2.3.1.2 / 2.2.3.1.3 RopLogon success fields: which layout the server sent
/// follows the Private bit of the request's LogonFlags.
///
/// Written by hand: the layout follows the request's LogonFlags (from the context), not a
/// field of the response.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LogonSuccess {
    /// 2.2.3.1.2: a private mailbox logon.
    Private(LogonPrivateSuccess),
    /// 2.2.3.1.3: a public folders logon.
    Public(LogonPublicSuccess),
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for LogonSuccess {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        match ctx.logon_flags() {
            Some(f) if f & LOGON_FLAG_PRIVATE != 0 => {
                LogonPrivateSuccess::decode_from(r).map(LogonSuccess::Private)
            }
            Some(_) => LogonPublicSuccess::decode_from(r).map(LogonSuccess::Public),
            None => Err(missing(r, "the LogonFlags of the RopLogon request")),
        }
    }
}

encode_as_variant!(LogonSuccess { Private, Public });

/// ReturnValue ecWrongServer (0x00000478): RopLogon then answers with the redirect layout
/// ([MS-OXCROPS] 2.2.3.1.4).
pub const EC_WRONG_SERVER: u32 = 0x0000_0478;

/// ServerNameSize and ServerName.
fn server_name_tree(v: &Sized8<AnsiStr<'_>>) -> Tree {
    Tree::record()
        .field("ServerNameSize", Tree::UInt(v.0.encoded_len() as u64))
        .field("ServerName", v.0.to_tree())
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.1.4 RopLogon redirect fields (ReturnValue 0x00000478).
    pub struct LogonRedirect<'a> {
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.2).
        logon_flags: u8 => "LogonFlags" as hex8,
        /// ServerName (ServerNameSize, one byte, counts its characters and the terminating
        /// null): the server the client is to connect to instead.
        server_name: Sized8<AnsiStr<'a>> => "ServerName" as server_name_tree { flatten },
    }
}

/// [MS-OXCROPS] 2.2.3.1.4 / 2.2.3.1.5 RopLogon failure fields: the redirect fields for
/// ecWrongServer, nothing for any other code.
///
/// Written by hand: the redirect fields are present for one ReturnValue only and the tree
/// shows them in place (the response envelope checks the ReturnValue when encoding).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct LogonFailure<'a> {
    /// 2.2.3.1.4: the redirect fields, present exactly when ReturnValue is 0x00000478.
    pub redirect: Option<LogonRedirect<'a>>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for LogonFailure<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        let redirect = if ctx.return_value() == EC_WRONG_SERVER {
            Some(LogonRedirect::decode_from(r)?)
        } else {
            None
        };
        Ok(LogonFailure { redirect })
    }
}

impl Encode for LogonFailure<'_> {
    fn encoded_len(&self) -> usize {
        self.redirect.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.redirect.encode(out)
    }
}

impl ToTree for LogonFailure<'_> {
    fn to_tree(&self) -> Tree {
        self.redirect
            .as_ref()
            .map_or_else(Tree::record, ToTree::to_tree)
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.3.1.2 to 2.2.3.1.5 RopLogon response: success (private mailbox or
    /// public folders, as the request's LogonFlags says), redirect (ReturnValue 0x00000478)
    /// or failure.
    LogonResponse<'a> = LOGON { handle: Output, success: LogonSuccess, failure: LogonFailure<'a>, failure_field: redirect when EC_WRONG_SERVER }
}

crate::wire::owned_as_self!(LogonSuccess);
crate::wire::owned_impl!(struct LogonFailure { redirect });
