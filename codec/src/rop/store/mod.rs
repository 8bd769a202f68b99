//! [MS-OXCROPS] 2.2.3 Logon ROPs ([MS-OXCSTOR] adds the semantics).

use crate::wire::wire_struct;
use bytes::BufMut;

use super::context::{RequestCtx, ResponseCtx, LOGON_FLAG_PRIVATE};
use super::field::{
    hex32, hex8, rop_response, Bytes16, HandleIndexes, HandleRole, List16, NoFields, RequestFields,
};
use super::property::Sized8;
use super::table::{put_rows, rows_len, rows_tree};
use crate::data::{FolderId, LongTermId, PropTag, PropertyRow};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u16_len, u32_len, AnsiStr, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    ErrorKind, Guid, Reader, ResultExt,
};

/// The tree of an Essdn: its text (without the terminating null) when it is one.
fn essdn_tree(b: &Bytes16<'_>) -> Tree {
    match b.0.split_last() {
        Some((0, text)) if !text.contains(&0) => {
            Tree::Text(text.iter().map(|&c| char::from(c)).collect())
        }
        _ => Tree::Bytes(b.0.to_vec()),
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.1.1 RopLogon request: logs on to a private mailbox or to public
    /// folders.
    pub struct LogonRequest<'a> {
        /// LogonId: the id the client gives the new logon.
        logon_id: u8 => "LogonId",
        /// OutputHandleIndex: where the Logon object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.1): 0x01 Private, 0x02 Undercover, 0x04 Ghosted,
        /// 0x08 SpoolerProcess.
        logon_flags: u8 => "LogonFlags" as hex8,
        /// OpenFlags ([MS-OXCSTOR] 2.2.1.1.1).
        open_flags: u32 => "OpenFlags" as hex32,
        /// StoreState (0 from clients).
        store_state: u32 => "StoreState" as hex32,
        /// Essdn (EssdnSize is its size): the mailbox's ESSDN, a null-terminated ASCII
        /// string, or empty.
        essdn: Bytes16<'a> => "Essdn" as essdn_tree,
    }
    handles { Output: output_handle_index }
}

/// The tree of an 8-byte field shown in hex.
pub(crate) fn hex64(v: &u64) -> Tree {
    Tree::Named {
        value: *v,
        name: None,
        digits: 16,
    }
}

/// Reads `n` null-terminated 8-bit strings (each at least its terminator), the count having
/// been read at `count_at`.
pub(crate) fn read_ansi_list<'a>(
    r: &mut Reader<'a>,
    count_at: usize,
    n: u16,
) -> Result<Vec<AnsiStr<'a>>, DecodeError> {
    r.check_count(count_at, n.into(), 1)?;
    let mut v = Vec::with_capacity(n.into());
    for i in 0..usize::from(n) {
        v.push(AnsiStr::decode_from(r).index(i)?);
    }
    Ok(v)
}

/// Encoded length of a list of null-terminated 8-bit strings.
pub(crate) fn ansi_list_len(v: &[AnsiStr<'_>]) -> usize {
    v.iter().map(Encode::encoded_len).sum()
}

fn missing(r: &Reader<'_>, what: &'static str) -> DecodeError {
    DecodeError::new(ErrorKind::MissingContext { what }, r.offset())
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

impl Encode for LogonSuccess {
    fn encoded_len(&self) -> usize {
        match self {
            LogonSuccess::Private(s) => s.encoded_len(),
            LogonSuccess::Public(s) => s.encoded_len(),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            LogonSuccess::Private(s) => s.encode(out),
            LogonSuccess::Public(s) => s.encode(out),
        }
    }
}

impl ToTree for LogonSuccess {
    fn to_tree(&self) -> Tree {
        match self {
            LogonSuccess::Private(s) => s.to_tree(),
            LogonSuccess::Public(s) => s.to_tree(),
        }
    }
}

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

rop_response! {
    /// [MS-OXCROPS] 2.2.3.1.2 to 2.2.3.1.5 RopLogon response: success (private mailbox or
    /// public folders, as the request's LogonFlags says), redirect (ReturnValue 0x00000478)
    /// or failure.
    pub struct LogonResponse<'a> {
        id: LOGON,
        handle: Output,
        success: LogonSuccess,
        failure: LogonFailure<'a>,
        failure_field: redirect when EC_WRONG_SERVER
    }
}

// ---- 2.2.3.2 RopGetReceiveFolder ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.2.1 RopGetReceiveFolder request: the Receive folder of a message
    /// class.
    pub struct GetReceiveFolderRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// MessageClass: the message class whose Receive folder is wanted.
        message_class: AnsiStr<'a> => "MessageClass",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder success fields.
    pub struct GetReceiveFolderSuccess<'a> {
        /// FolderId: the Receive folder.
        folder_id: FolderId => "FolderId",
        /// ExplicitMessageClass: the message class actually configured for the folder.
        explicit_message_class: AnsiStr<'a> => "ExplicitMessageClass",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder response (failure: 2.2.3.2.3).
    pub struct GetReceiveFolderResponse<'a> {
        id: GET_RECEIVE_FOLDER,
        handle: Input,
        success: GetReceiveFolderSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.3.3 RopSetReceiveFolder ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.3.1 RopSetReceiveFolder request: sets the Receive folder of a
    /// message class.
    pub struct SetReceiveFolderRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// FolderId: the Receive folder.
        folder_id: FolderId => "FolderId",
        /// MessageClass: the message class to set the Receive folder for.
        message_class: AnsiStr<'a> => "MessageClass",
    }
    handles { Input: input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.3.2 RopSetReceiveFolder response (no fields after ReturnValue).
    pub struct SetReceiveFolderResponse {
        id: SET_RECEIVE_FOLDER,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.3.4 RopGetReceiveFolderTable ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.4.1 RopGetReceiveFolderTable request.
    pub struct GetReceiveFolderTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
    }
    handles { Input: input_handle_index }
}

/// The columns of every Receive folder table row ([MS-OXCROPS] 2.2.3.4.2): PidTagFolderId
/// (PtypInteger64), PidTagMessageClass (PtypString8), PidTagLastModificationTime (PtypTime),
/// in that order. [MS-OXCROPS] names the properties without their types; PtypString8 for the
/// message class is the type the receive folder table carries on the wire.
pub const RECEIVE_FOLDER_TABLE_COLUMNS: [PropTag; 3] = [
    PropTag(0x6748_0014),
    PropTag(0x001A_001E),
    PropTag(0x3008_0040),
];

/// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable success fields: RowCount (4 bytes) and
/// Rows, PropertyRows of [`RECEIVE_FOLDER_TABLE_COLUMNS`].
///
/// Written by hand: the rows take fixed columns and the tree shows their count.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct GetReceiveFolderTableSuccess<'a> {
    /// Rows (RowCount is their number).
    pub rows: Vec<PropertyRow<'a>>,
}

impl<'a> Decode<'a> for GetReceiveFolderTableSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u32().field("RowCount")?;
        // A row is at least its Flag byte.
        let n = r.check_count(at, n.into(), 1).field("RowCount")?;
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            rows.push(
                PropertyRow::decode_with_from(
                    r,
                    (&RECEIVE_FOLDER_TABLE_COLUMNS[..], CountWidth::U16),
                )
                .index(i)
                .field("Rows")?,
            );
        }
        Ok(GetReceiveFolderTableSuccess { rows })
    }
}

impl Encode for GetReceiveFolderTableSuccess<'_> {
    fn encoded_len(&self) -> usize {
        4 + rows_len(&self.rows)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u32_len(self.rows.len(), "RowCount")?.encode(out)?;
        for row in &self.rows {
            row.check_columns(&RECEIVE_FOLDER_TABLE_COLUMNS)?;
        }
        put_rows(&self.rows, out)
    }
}

impl ToTree for GetReceiveFolderTableSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RowCount", Tree::UInt(self.rows.len() as u64))
            .field("Rows", rows_tree(&self.rows, &RECEIVE_FOLDER_TABLE_COLUMNS))
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable response (failure: 2.2.3.4.3).
    pub struct GetReceiveFolderTableResponse<'a> {
        id: GET_RECEIVE_FOLDER_TABLE,
        handle: Input,
        success: GetReceiveFolderTableSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.3.5 RopGetStoreState ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.5.1 RopGetStoreState request.
    pub struct GetStoreStateRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState success fields.
    pub struct GetStoreStateSuccess {
        /// StoreState: the mailbox's state flags ([MS-OXCSTOR] 2.2.1.5.2).
        store_state: u32 => "StoreState" as hex32,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState response (failure: 2.2.3.5.3).
    pub struct GetStoreStateResponse {
        id: GET_STORE_STATE,
        handle: Input,
        success: GetStoreStateSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.3.6 RopGetOwningServers ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.6.1 RopGetOwningServers request: the servers holding replicas of a
    /// public folder.
    pub struct GetOwningServersRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// FolderId: the public folder.
        folder_id: FolderId => "FolderId",
    }
    handles { Input: input_handle_index }
}

/// [MS-OXCROPS] 2.2.3.6.2 / 2.2.3.7.2 a list of servers with a replica of a public folder:
/// the count of servers (OwningServersCount, ServersCount), CheapServersCount, then the
/// servers, null-terminated ASCII strings.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ServerList<'a> {
    /// CheapServersCount: how many of the servers (the first ones) are lowest cost.
    pub cheap_servers_count: u16,
    /// The servers (the count before CheapServersCount is their number).
    pub servers: Vec<AnsiStr<'a>>,
}

/// [MS-OXCROPS] 2.2.3.7.2 the servers of a ghosted folder: ServersCount, CheapServersCount,
/// Servers.
pub type GhostedServers<'a> = ServerList<'a>;

impl<'a> Decode<'a> for ServerList<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = r.u16()?;
        let cheap_servers_count = r.u16()?;
        let servers = read_ansi_list(r, at, n)?;
        Ok(ServerList {
            cheap_servers_count,
            servers,
        })
    }
}

impl Encode for ServerList<'_> {
    fn encoded_len(&self) -> usize {
        4 + ansi_list_len(&self.servers)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.servers.len(), "count")?.encode(out)?;
        self.cheap_servers_count.encode(out)?;
        self.servers.iter().try_for_each(|s| s.encode(out))
    }
}

impl ServerList<'_> {
    /// The tree, with the spec's names of the count and of the list.
    fn tree(&self, count: &'static str, list: &'static str) -> Tree {
        Tree::record()
            .field(count, Tree::UInt(self.servers.len() as u64))
            .field(
                "CheapServersCount",
                Tree::UInt(self.cheap_servers_count.into()),
            )
            .field(list, self.servers.to_tree())
    }
}

/// OwningServersCount, CheapServersCount, OwningServers.
fn owning_servers_tree(v: &ServerList<'_>) -> Tree {
    v.tree("OwningServersCount", "OwningServers")
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers success fields.
    pub struct GetOwningServersSuccess<'a> {
        /// OwningServersCount, CheapServersCount and OwningServers: the servers with a
        /// replica, the lowest-cost ones first.
        owning_servers: ServerList<'a> => "OwningServers" as owning_servers_tree { flatten },
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers response (failure: 2.2.3.6.3).
    pub struct GetOwningServersResponse<'a> {
        id: GET_OWNING_SERVERS,
        handle: Input,
        success: GetOwningServersSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.3.7 RopPublicFolderIsGhosted ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.7.1 RopPublicFolderIsGhosted request.
    pub struct PublicFolderIsGhostedRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// FolderId: the folder to check.
        folder_id: FolderId => "FolderId",
    }
    handles { Input: input_handle_index }
}

/// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted success fields: IsGhosted, then (only when
/// IsGhosted is nonzero, [MS-OXCSTOR] 2.2.1.7.2) ServersCount, CheapServersCount and Servers.
///
/// Written by hand: the servers are present when IsGhosted is nonzero and the tree shows
/// their fields in place.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct PublicFolderIsGhostedSuccess<'a> {
    /// IsGhosted: a Boolean; any nonzero value is TRUE (the byte is kept as sent).
    pub is_ghosted: u8,
    /// The servers, present exactly when IsGhosted is nonzero.
    pub ghosted: Option<GhostedServers<'a>>,
}

impl<'a> Decode<'a> for PublicFolderIsGhostedSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let is_ghosted = r.u8().field("IsGhosted")?;
        let ghosted = if is_ghosted != 0 {
            Some(ServerList::decode_from(r).field("Servers")?)
        } else {
            None
        };
        Ok(PublicFolderIsGhostedSuccess {
            is_ghosted,
            ghosted,
        })
    }
}

impl Encode for PublicFolderIsGhostedSuccess<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.ghosted.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if (self.is_ghosted != 0) != self.ghosted.is_some() {
            return Err(EncodeError::invalid(
                "RopPublicFolderIsGhosted servers are present exactly when IsGhosted is nonzero",
            ));
        }
        self.is_ghosted.encode(out)?;
        self.ghosted.encode(out)
    }
}

impl ToTree for PublicFolderIsGhostedSuccess<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("IsGhosted", hex8(&self.is_ghosted));
        match &self.ghosted {
            Some(g) => t.splice(g.tree("ServersCount", "Servers")),
            None => t,
        }
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted response (failure: 2.2.3.7.3).
    pub struct PublicFolderIsGhostedResponse<'a> {
        id: PUBLIC_FOLDER_IS_GHOSTED,
        handle: Input,
        success: PublicFolderIsGhostedSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.3.8 RopLongTermIdFromId ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.8.1 RopLongTermIdFromId request: the long-term ID of a short ID.
    pub struct LongTermIdFromIdRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// ObjectId: a folder or message ID (its PtypInteger64 form).
        object_id: u64 => "ObjectId" as hex64,
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId success fields.
    pub struct LongTermIdFromIdSuccess {
        /// LongTermId: the long-term form of ObjectId.
        long_term_id: LongTermId => "LongTermId",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId response (failure: 2.2.3.8.3).
    pub struct LongTermIdFromIdResponse {
        id: LONG_TERM_ID_FROM_ID,
        handle: Input,
        success: LongTermIdFromIdSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.3.9 RopIdFromLongTermId ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.9.1 RopIdFromLongTermId request: the short ID of a long-term ID.
    pub struct IdFromLongTermIdRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// LongTermId: the long-term ID to convert.
        long_term_id: LongTermId => "LongTermId",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId success fields.
    pub struct IdFromLongTermIdSuccess {
        /// ObjectId: the folder or message ID (its PtypInteger64 form).
        object_id: u64 => "ObjectId" as hex64,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId response (failure: 2.2.3.9.3).
    pub struct IdFromLongTermIdResponse {
        id: ID_FROM_LONG_TERM_ID,
        handle: Input,
        success: IdFromLongTermIdSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.3.10 RopGetPerUserLongTermIds ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.10.1 RopGetPerUserLongTermIds request: the public folders with
    /// per-user information from one database.
    pub struct GetPerUserLongTermIdsRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// DatabaseGuid: the public folder database.
        database_guid: Guid => "DatabaseGuid",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds success fields.
    pub struct GetPerUserLongTermIdsSuccess {
        /// LongTermIds (LongTermIdCount is their number).
        long_term_ids: List16<LongTermId> => "LongTermIds",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds response (failure: 2.2.3.10.3).
    pub struct GetPerUserLongTermIdsResponse {
        id: GET_PER_USER_LONG_TERM_IDS,
        handle: Input,
        success: GetPerUserLongTermIdsSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.3.11 RopGetPerUserGuid ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.11.1 RopGetPerUserGuid request: the database that provided a
    /// public folder's cached per-user information.
    pub struct GetPerUserGuidRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// LongTermId: the public folder.
        long_term_id: LongTermId => "LongTermId",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid success fields.
    pub struct GetPerUserGuidSuccess {
        /// DatabaseGuid: the database.
        database_guid: Guid => "DatabaseGuid",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid response (failure: 2.2.3.11.3).
    pub struct GetPerUserGuidResponse {
        id: GET_PER_USER_GUID,
        handle: Input,
        success: GetPerUserGuidSuccess,
        failure: NoFields,
    }
}

// ---- 2.2.3.12 RopReadPerUserInformation ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.12.1 RopReadPerUserInformation request: reads a folder's per-user
    /// read/unread information.
    pub struct ReadPerUserInformationRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Logon object.
        input_handle_index: u8 => "InputHandleIndex",
        /// FolderId: the folder (a LongTermID).
        folder_id: LongTermId => "FolderId",
        /// Reserved.
        reserved: u8 => "Reserved" as hex8,
        /// DataOffset: where in the per-user information to start reading.
        data_offset: u32 => "DataOffset",
        /// MaxDataSize: the most bytes to return.
        max_data_size: u16 => "MaxDataSize",
    }
    handles { Input: input_handle_index }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation success fields.
    pub struct ReadPerUserInformationSuccess<'a> {
        /// HasFinished: whether this is the end of the per-user information.
        has_finished: bool => "HasFinished",
        /// Data (DataSize is its size).
        data: Bytes16<'a> => "Data",
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation response (failure: 2.2.3.12.3).
    pub struct ReadPerUserInformationResponse<'a> {
        id: READ_PER_USER_INFORMATION,
        handle: Input,
        success: ReadPerUserInformationSuccess<'a>,
        failure: NoFields,
    }
}

// ---- 2.2.3.13 RopWritePerUserInformation ----

/// [MS-OXCROPS] 2.2.3.13.1 RopWritePerUserInformation request: writes a folder's per-user
/// information. ReplGuid is present only when DataOffset is 0 and the logon was made with
/// the Private flag (a private mailbox logon), so decoding a request with DataOffset 0 needs
/// the logon's flags ([`RequestCtx::logon_flags`]).
///
/// Written by hand: whether ReplGuid is there follows a field (DataOffset, which the encoder
/// checks) and the decoding context together.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct WritePerUserInformationRequest<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex: the Logon object.
    pub input_handle_index: u8,
    /// FolderId: the folder (a LongTermID).
    pub folder_id: LongTermId,
    /// HasFinished: whether this write ends the per-user information.
    pub has_finished: bool,
    /// DataOffset: where in the per-user information to start writing.
    pub data_offset: u32,
    /// Data (DataSize is its size).
    pub data: Bytes16<'a>,
    /// ReplGuid: present when DataOffset is 0 on a private mailbox logon.
    pub repl_guid: Option<Guid>,
}

impl<'a> DecodeWith<'a, RequestCtx> for WritePerUserInformationRequest<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: RequestCtx) -> Result<Self, DecodeError> {
        let logon_id = r.u8().field("LogonId")?;
        let input_handle_index = r.u8().field("InputHandleIndex")?;
        let folder_id = LongTermId::decode_from(r).field("FolderId")?;
        let has_finished = bool::decode_from(r).field("HasFinished")?;
        let data_offset = r.u32().field("DataOffset")?;
        let data = Bytes16::decode_from(r).field("Data")?;
        let repl_guid = if data_offset != 0 {
            None
        } else {
            match ctx.logon_flags() {
                None => {
                    return Err(missing(
                        r,
                        "the LogonFlags of the logon (RopWritePerUserInformation ReplGuid)",
                    ))
                }
                Some(f) if f & LOGON_FLAG_PRIVATE != 0 => {
                    Some(Guid::decode_from(r).field("ReplGuid")?)
                }
                Some(_) => None,
            }
        };
        Ok(WritePerUserInformationRequest {
            logon_id,
            input_handle_index,
            folder_id,
            has_finished,
            data_offset,
            data,
            repl_guid,
        })
    }
}

impl Encode for WritePerUserInformationRequest<'_> {
    fn encoded_len(&self) -> usize {
        2 + 24 + 1 + 4 + self.data.encoded_len() + self.repl_guid.map_or(0, |_| 16)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.repl_guid.is_some() && self.data_offset != 0 {
            return Err(EncodeError::invalid(
                "RopWritePerUserInformation ReplGuid is present only when DataOffset is 0",
            ));
        }
        self.logon_id.encode(out)?;
        self.input_handle_index.encode(out)?;
        self.folder_id.encode(out)?;
        self.has_finished.encode(out)?;
        self.data_offset.encode(out)?;
        self.data.encode(out)?;
        if let Some(g) = &self.repl_guid {
            g.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for WritePerUserInformationRequest<'_> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record()
            .field("LogonId", Tree::UInt(self.logon_id.into()))
            .field(
                "InputHandleIndex",
                Tree::UInt(self.input_handle_index.into()),
            )
            .field("FolderId", self.folder_id.to_tree())
            .field("HasFinished", Tree::Bool(self.has_finished))
            .field("DataOffset", Tree::UInt(self.data_offset.into()))
            .field("DataSize", Tree::UInt(self.data.0.len() as u64))
            .field("Data", self.data.to_tree());
        match &self.repl_guid {
            Some(g) => t.field("ReplGuid", g.to_tree()),
            None => t,
        }
    }
}

impl RequestFields for WritePerUserInformationRequest<'_> {
    fn logon_id(&self) -> u8 {
        self.logon_id
    }
    fn handle_indexes(&self) -> HandleIndexes {
        HandleIndexes::new(&[(HandleRole::Input, self.input_handle_index)])
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.3.13.2 RopWritePerUserInformation response (no fields after
    /// ReturnValue).
    pub struct WritePerUserInformationResponse {
        id: WRITE_PER_USER_INFORMATION,
        handle: Input,
        success: NoFields,
        failure: NoFields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::field::Outcome;
    use crate::rop::property::SizedBy;
    use crate::rop::{
        RequestCtx, RopId, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer,
    };
    use crate::wire::Limits;

    /// A ROP buffer: RopSize, the ROPs, the handles.
    fn buf(rops: &[&[u8]], handles: &[u32]) -> Vec<u8> {
        let list: Vec<u8> = rops.concat();
        let mut v = ((list.len() + 2) as u16).to_le_bytes().to_vec();
        v.extend(list);
        for h in handles {
            v.extend(h.to_le_bytes());
        }
        v
    }

    /// RopLogon request, LogonId 0, OutputHandleIndex 0, the given LogonFlags, no Essdn.
    fn logon_req(flags: u8) -> Vec<u8> {
        let mut v = vec![0xFE, 0x00, 0x00, flags];
        v.extend(0x0100_0000u32.to_le_bytes());
        v.extend([0; 4]);
        v.extend([0, 0]);
        v
    }

    fn private_success() -> Vec<u8> {
        let mut v = vec![0xFE, 0x00, 0, 0, 0, 0, 0x01];
        for i in 1..=13u8 {
            v.extend([0x01, 0x00, 0, 0, 0, 0, 0, i]);
        }
        v.push(0x07);
        v.extend([0x11; 16]);
        v.extend(1u16.to_le_bytes());
        v.extend([0x22; 16]);
        v.extend([30, 15, 9, 5, 27, 11]);
        v.extend(2026u16.to_le_bytes());
        v.extend(0x01D0_0000_0000_0000u64.to_le_bytes());
        v.extend([0; 4]);
        v
    }

    fn response_for<'a>(
        req: &'a [u8],
        resp: &'a [u8],
    ) -> (RopRequestBuffer<'a>, RopResponseBuffer<'a>) {
        let q = RopRequestBuffer::decode_exact(req, Limits::DEFAULT).unwrap();
        let r = RopResponseBuffer::decode_with_exact(resp, &q, Limits::DEFAULT).unwrap();
        (q, r)
    }

    #[test]
    fn logon_private_success_follows_the_request_flags() {
        let req = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
        let resp = buf(&[&private_success()], &[0x0000_0077]);
        let (_, r) = response_for(&req, &resp);
        assert!(r.raw.is_none());
        match &r.rops[..] {
            [RopResponse::Logon(l)] => match &l.body {
                Outcome::Success(LogonSuccess::Private(p)) => {
                    assert_eq!(p.response_flags, 0x07);
                    assert_eq!(p.logon_time.year, 2026);
                    assert_eq!(p.folder_ids.0[4].global_counter.value(), 5);
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), resp);
    }

    #[test]
    fn logon_public_success() {
        let req = buf(&[&logon_req(0x00)], &[0xFFFF_FFFF]);
        let mut body = vec![0xFE, 0x00, 0, 0, 0, 0, 0x00];
        body.extend([0; 104]);
        body.extend(1u16.to_le_bytes());
        body.extend([0x33; 16]);
        body.extend([0; 16]);
        let resp = buf(&[&body], &[0x0000_0078]);
        let (_, r) = response_for(&req, &resp);
        assert!(matches!(
            &r.rops[0],
            RopResponse::Logon(l) if matches!(**l, LogonResponse {
                body: Outcome::Success(LogonSuccess::Public(_)),
                ..
            })
        ));
        assert_eq!(r.to_bytes().unwrap(), resp);
        // The same bytes against a private logon request do not decode: the layout comes
        // from the request, not from the bytes.
        let private = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
        let q = RopRequestBuffer::decode_exact(&private, Limits::DEFAULT).unwrap();
        assert!(RopResponseBuffer::decode_with_exact(&resp, &q, Limits::DEFAULT).is_err());
    }

    #[test]
    fn logon_redirect_and_plain_failure() {
        let req = buf(&[&logon_req(0x01)], &[0xFFFF_FFFF]);
        let mut body = vec![0xFE, 0x00, 0x78, 0x04, 0, 0, 0x01, 0x04];
        body.extend(b"srv\0");
        let resp = buf(&[&body], &[0xFFFF_FFFF]);
        let (_, r) = response_for(&req, &resp);
        match &r.rops[0] {
            RopResponse::Logon(l) => match &l.body {
                Outcome::Failure(LogonFailure { redirect: Some(x) }) => {
                    assert_eq!(x.server_name.0.as_bytes(), b"srv")
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), resp);

        // ServerNameSize larger than the string: the terminator comes early.
        let mut bad = body.clone();
        bad[7] = 3;
        let resp = buf(&[&bad], &[0xFFFF_FFFF]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        assert!(RopResponseBuffer::decode_with_exact(&resp, &q, Limits::DEFAULT).is_err());

        // Any other failure has no fields.
        let body = [0xFE, 0x00, 0x11, 0x01, 0x04, 0x80];
        let resp = buf(&[&body], &[0xFFFF_FFFF]);
        let (_, r) = response_for(&req, &resp);
        assert!(matches!(
            &r.rops[0],
            RopResponse::Logon(l) if matches!(**l, LogonResponse {
                body: Outcome::Failure(LogonFailure { redirect: None }),
                ..
            })
        ));
        assert_eq!(r.to_bytes().unwrap(), resp);
    }

    #[test]
    fn logon_success_without_its_request_is_missing_context() {
        let bytes = private_success();
        let mut r = Reader::new(&bytes);
        let e = RopResponse::decode_with_from(&mut r, (None, None)).unwrap_err();
        assert_eq!(e.kind().name(), "missing-context");
        // A redirect needs no context.
        let mut body = vec![0xFE, 0x00, 0x78, 0x04, 0, 0, 0x01, 0x01, 0x00];
        let mut r = Reader::new(&body);
        assert!(RopResponse::decode_with_from(&mut r, (None, None)).is_ok());
        body.truncate(8);
        let mut r = Reader::new(&body);
        let e = RopResponse::decode_with_from(&mut r, (None, None)).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 8);
    }

    #[test]
    fn logon_layout_must_match_return_value_to_encode() {
        let x = LogonResponse {
            handle_index: 0,
            return_value: 0x8004_0111,
            body: Outcome::Failure(LogonFailure {
                redirect: Some(LogonRedirect {
                    logon_flags: 1,
                    server_name: SizedBy(AnsiStr::from_wire(b"a").unwrap()),
                }),
            }),
        };
        assert!(x.to_bytes().is_err());
        let x = LogonResponse {
            return_value: EC_WRONG_SERVER,
            body: Outcome::Failure(LogonFailure::default()),
            ..x
        };
        assert!(x.to_bytes().is_err());
    }

    fn write_per_user(offset: u32) -> Vec<u8> {
        let mut v = vec![0x64, 0x00, 0x00];
        v.extend([0x44; 16]);
        v.extend([0, 0, 0, 0, 0, 9, 0, 0]);
        v.push(0x01);
        v.extend(offset.to_le_bytes());
        v.extend(2u16.to_le_bytes());
        v.extend([0xAB, 0xCD]);
        v
    }

    #[test]
    fn write_per_user_information_repl_guid_follows_the_logon() {
        // Private logon, DataOffset 0: ReplGuid follows.
        let mut w = write_per_user(0);
        w.extend([0x55; 16]);
        let req = buf(&[&logon_req(0x01), &w], &[0xFFFF_FFFF]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        match &q.rops[1] {
            RopRequest::WritePerUserInformation(x) => {
                assert_eq!(x.repl_guid, Some(Guid([0x55; 16])));
                assert_eq!(x.data.0.as_ref(), &[0xAB, 0xCD]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(q.to_bytes().unwrap(), req);

        // Public folders logon: no ReplGuid.
        let w = write_per_user(0);
        let req = buf(&[&logon_req(0x00), &w], &[0xFFFF_FFFF]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        assert!(
            matches!(&q.rops[1], RopRequest::WritePerUserInformation(x) if x.repl_guid.is_none())
        );

        // Unknown logon: the rest stays raw.
        let req = buf(&[&w], &[0x10]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        assert!(q.rops.is_empty());
        let raw = q.raw.as_ref().unwrap();
        assert_eq!(raw.rop_id, RopId::WRITE_PER_USER_INFORMATION);
        assert!(matches!(
            raw.reason,
            crate::rop::buffer::Undecoded::MissingContext(_)
        ));
        assert_eq!(q.to_bytes().unwrap(), req);

        // DataOffset past 0: no ReplGuid, and no need to know the logon.
        let w = write_per_user(0x100);
        let req = buf(&[&w], &[0x10]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        assert_eq!(q.rops.len(), 1);
    }

    #[test]
    fn write_per_user_information_refuses_an_inconsistent_value() {
        let x = WritePerUserInformationRequest {
            logon_id: 0,
            input_handle_index: 0,
            folder_id: LongTermId::default(),
            has_finished: true,
            data_offset: 4,
            data: Bytes16::default(),
            repl_guid: Some(Guid::default()),
        };
        assert!(x.to_bytes().is_err());
    }

    #[test]
    fn server_lists_check_their_count_before_allocating() {
        // RopGetOwningServers success with OwningServersCount 0xFFFF and 2 bytes left.
        let req = buf(&[&[0x42, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 1]], &[0x10]);
        let body = [0x42, 0x00, 0, 0, 0, 0, 0xFF, 0xFF, 0x01, 0x00, b'a', 0];
        let resp = buf(&[&body], &[0x10]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&resp, &q, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 8);
    }

    #[test]
    fn public_folder_is_ghosted_both_ways() {
        let req = buf(&[&[0x45, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 1]], &[0x10]);
        for body in [
            vec![0x45, 0x00, 0, 0, 0, 0, 0x00],
            [
                &[0x45, 0x00, 0, 0, 0, 0, 0x01, 0x02, 0x00, 0x01, 0x00][..],
                b"a\0bc\0",
            ]
            .concat(),
        ] {
            let resp = buf(&[&body], &[0x10]);
            let (_, r) = response_for(&req, &resp);
            assert!(r.raw.is_none());
            assert_eq!(r.to_bytes().unwrap(), resp);
        }
        // Any nonzero IsGhosted is TRUE, and the byte comes back as sent.
        let body = [
            &[0x45, 0x00, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x01, 0x00][..],
            b"a\0",
        ]
        .concat();
        let resp = buf(&[&body], &[0x10]);
        let (_, r) = response_for(&req, &resp);
        assert_eq!(r.to_bytes().unwrap(), resp);
        // TRUE without its servers is truncated.
        let resp = buf(&[&[0x45, 0x00, 0, 0, 0, 0, 0x02]], &[0x10]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&resp, &q, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
    }

    #[test]
    fn receive_folder_table_rows() {
        let req = buf(&[&[0x68, 0x00, 0x00]], &[0x10]);
        let mut body = vec![0x68, 0x00, 0, 0, 0, 0];
        body.extend(1u32.to_le_bytes());
        body.push(0x00); // StandardPropertyRow
        body.extend(0x0001_0000_0000_0001u64.to_le_bytes());
        body.extend(b"IPM\0");
        body.extend(0x01D0_0000_0000_0000u64.to_le_bytes());
        let resp = buf(&[&body], &[0x10]);
        let (_, r) = response_for(&req, &resp);
        match &r.rops[0] {
            RopResponse::GetReceiveFolderTable(x) => match &x.body {
                Outcome::Success(s) => assert_eq!(s.rows.len(), 1),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(r.to_bytes().unwrap(), resp);
        // A RowCount the bytes cannot hold.
        body[6] = 0xFF;
        body[7] = 0xFF;
        let resp = buf(&[&body], &[0x10]);
        let q = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let e = RopResponseBuffer::decode_with_exact(&resp, &q, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "count-too-large");
        assert_eq!(e.offset(), 8);
    }

    #[test]
    fn truncated_requests_fail_at_the_end() {
        // RopGetReceiveFolder with an unterminated MessageClass.
        let bytes = [0x27, 0x00, 0x00, b'I', b'P'];
        let mut r = Reader::new(&bytes);
        let e = RopRequest::decode_with_from(&mut r, RequestCtx::default()).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        // RopIdFromLongTermId cut inside the LongTermId.
        let bytes = [0x44, 0x00, 0x00, 0x01, 0x02];
        let mut r = Reader::new(&bytes);
        let e = RopRequest::decode_with_from(&mut r, RequestCtx::default()).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
        assert_eq!(e.offset(), 3);
    }
}
