//! [MS-OXCROPS] 2.2.3.1 RopLogon: the request, and the response whose layout follows the
//! request's LogonFlags (private mailbox or public folders) and the ReturnValue (redirect).

use bytes::BufMut;

use super::{hex64, missing};
use crate::data::FolderId;
use crate::rop::context::{ResponseCtx, LOGON_FLAG_PRIVATE};
use crate::rop::field::{encode_as_variant, hex32, hex8, rop_request, rop_response};
use crate::rop::property::Sized8;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    wire_struct, AnsiStr, AnsiZ16, Decode, DecodeError, DecodeWith, Encode, EncodeError, Guid,
    Reader, ResultExt,
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
pub enum LogonSuccess {
    /// 2.2.3.1.2: a private mailbox logon.
    Private(LogonPrivateSuccess),
    /// 2.2.3.1.3: a public folders logon.
    Public(LogonPublicSuccess),
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for LogonSuccess {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
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
pub struct LogonFailure<'a> {
    /// 2.2.3.1.4: the redirect fields, present exactly when ReturnValue is 0x00000478.
    pub redirect: Option<LogonRedirect<'a>>,
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for LogonFailure<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
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
