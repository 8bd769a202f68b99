//! [MS-OXCROPS]: ROP input and output buffers and the ROPs they carry, one module per family
//! (the sections of [MS-OXCROPS] 2.2.3 to 2.2.15).
//!
//! Requests decode alone ([`RopRequestBuffer`]); responses decode against the request buffer
//! they answer (`RopResponseBuffer` decodes with the request buffer as its context), because a response's layout can depend on
//! its request (the tags of RopGetPropertiesSpecific, the LogonFlags of RopLogon) and on what
//! earlier calls set up (a table's columns), which a [`Session`] remembers.
//!
//! ```
//! use mapi_codec::rop::{RopRequest, RopRequestBuffer};
//! use mapi_codec::wire::{Decode, Encode, Limits};
//!
//! // [MS-OXCROPS] 4.4: two RopRelease requests and their handle table.
//! let bytes = [
//!     0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x6F, 0x00, 0x00, 0x00, 0x6E, 0x00, 0x00,
//!     0x00,
//! ];
//! let buf = RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).unwrap();
//! assert_eq!(buf.rops.len(), 2);
//! assert!(matches!(&buf.rops[1], RopRequest::Release(r) if r.input_handle_index == 1));
//! assert_eq!(buf.handles.get(1), Some(0x6E));
//! assert_eq!(buf.to_bytes().unwrap(), bytes);
//! ```

pub mod buffer;
pub mod context;
pub mod fast_transfer;
pub mod field;
pub mod folder;
pub mod ics;
mod id;
pub mod message;
pub mod notification;
pub mod other;
pub mod permission;
pub mod property;
pub mod rule;
pub mod store;
pub mod stream;
pub mod table;
#[cfg(test)]
mod test_util;
pub mod transport;

pub use buffer::{HandleTable, RawRops, RopRequestBuffer, RopResponseBuffer};
pub use context::{RequestCtx, ResponseCtx, Session, TableColumns};
pub use field::{HandleIndexes, HandleRole, NoFields, Outcome, PropTags};
pub use id::{RopFamily, RopId};

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, DecodeWith, Encode, EncodeError, Reader, ResultExt};
use field::{RequestFields, ResponseFields};

/// One arm of [`RopRequest::decode_checked`]: decodes a body of type `T`, checks its handle
/// indexes against a table of `handles` entries, and wraps it in its variant.
#[inline(always)]
fn decode_checked<'a, T: DecodeWith<'a, RequestCtx> + RequestFields>(
    id: RopId,
    r: &mut Reader<'a>,
    ctx: RequestCtx,
    handles: usize,
    wrap: impl FnOnce(T) -> RopRequest<'a>,
) -> Result<RopRequest<'a>, DecodeError> {
    let at = r.offset() - 1;
    let body = match T::decode_with_from(r, ctx) {
        Ok(body) => body,
        Err(e) => return Err(e.in_field(id.name().unwrap_or("Rop"))),
    };
    match body.handle_past(handles) {
        None => Ok(wrap(body)),
        Some((role, index)) => Err(buffer::past_table(role, index, at)),
    }
}

/// A request body's type in [`RopRequest`]: boxed when marked `[boxed]` (the bodies larger
/// than 32 bytes, so that the enum, and every RopsList, stays small).
macro_rules! maybe_boxed {
    ($t:ty) => { $t };
    ($t:ty, boxed) => { Box<$t> };
}

/// A decoded body as [`RopRequest`] holds it (see [`maybe_boxed`]).
macro_rules! maybe_box {
    ($x:expr) => {
        $x
    };
    ($x:expr, boxed) => {
        Box::new($x)
    };
}

/// Declares the request and response enums and their dispatch on the RopId.
macro_rules! rops {
    (
        requests { $($([$bx:ident])? $rq:ident($rqid:ident) => $rqt:ty,)* }
        responses { $($([$rbx:ident])? $rs:ident($rsid:ident) => $rst:ty,)* }
        standalone { $($([$sbx:ident])? $sa:ident($said:ident) => $sat:ty,)* }
    ) => {
        /// One ROP request buffer of a RopsList (its RopId is the variant).
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum RopRequest<'a> {
            $(
                #[doc = concat!("`", stringify!($rqid), "` request.")]
                $rq(maybe_boxed!($rqt $(, $bx)?)),
            )*
        }

        impl<'a> RopRequest<'a> {
            /// The RopId.
            pub fn rop_id(&self) -> RopId {
                match self {
                    $(RopRequest::$rq(_) => RopId::$rqid,)*
                }
            }

            /// LogonId.
            pub fn logon_id(&self) -> u8 {
                match self {
                    $(RopRequest::$rq(x) => x.logon_id(),)*
                }
            }

            /// The handle-index fields, the input object's first.
            pub fn handle_indexes(&self) -> HandleIndexes {
                match self {
                    $(RopRequest::$rq(x) => x.handle_indexes(),)*
                }
            }

            /// Decodes the body of a request of `id` (the cursor just past the RopId);
            /// `None` when this crate does not decode that ROP.
            fn decode_body(
                id: RopId,
                r: &mut Reader<'a>,
                ctx: RequestCtx,
            ) -> Option<Result<Self, DecodeError>> {
                let name = id.name().unwrap_or("Rop");
                Some(match id {
                    $(RopId::$rqid => <$rqt as DecodeWith<'a, RequestCtx>>::decode_with_from(r, ctx)
                        .map(|x| RopRequest::$rq(maybe_box!(x $(, $bx)?)))
                        .field(name),)*
                    _ => return None,
                })
            }

            /// [`RopRequest::decode_body`] for the buffer decoder, which also fails on a
            /// handle-index field past a table of `handles` entries. Each arm checks the
            /// handles with the body's own type, before it becomes a variant.
            #[inline(always)]
            pub(crate) fn decode_checked(
                id: RopId,
                r: &mut Reader<'a>,
                ctx: RequestCtx,
                handles: usize,
            ) -> Option<Result<Self, DecodeError>> {
                Some(match id {
                    $(RopId::$rqid => decode_checked::<$rqt>(
                        id, r, ctx, handles, |x| RopRequest::$rq(maybe_box!(x $(, $bx)?)),
                    ),)*
                    _ => return None,
                })
            }

            fn body_len(&self) -> usize {
                match self {
                    $(RopRequest::$rq(x) => x.encoded_len(),)*
                }
            }

            fn encode_body<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                match self {
                    $(RopRequest::$rq(x) => x.encode(out),)*
                }
            }

            fn body_tree(&self) -> Tree {
                match self {
                    $(RopRequest::$rq(x) => x.to_tree(),)*
                }
            }
        }

        /// One ROP response buffer of a RopsList (its RopId is the variant).
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum RopResponse<'a> {
            $(
                #[doc = concat!("`", stringify!($rsid), "` response.")]
                $rs(maybe_boxed!($rst $(, $rbx)?)),
            )*
            $(
                #[doc = concat!("`", stringify!($said), "` (sent without a request of its own).")]
                $sa(maybe_boxed!($sat $(, $sbx)?)),
            )*
        }

        impl<'a> RopResponse<'a> {
            /// The RopId.
            pub fn rop_id(&self) -> RopId {
                match self {
                    $(RopResponse::$rs(_) => RopId::$rsid,)*
                    $(RopResponse::$sa(_) => RopId::$said,)*
                }
            }

            /// ReturnValue, for responses that have one.
            pub fn return_value(&self) -> Option<u32> {
                match self {
                    $(RopResponse::$rs(x) => Some(x.return_value()),)*
                    $(RopResponse::$sa(_) => None,)*
                }
            }

            /// The handle index field, by role, for responses that have one.
            pub fn handle_index(&self) -> Option<(HandleRole, u8)> {
                match self {
                    $(RopResponse::$rs(x) => Some(x.handle_index()),)*
                    $(RopResponse::$sa(_) => None,)*
                }
            }

            /// Whether `return_value` selects this ROP's success layout.
            pub fn is_success_code(&self, return_value: u32) -> bool {
                match self {
                    $(RopResponse::$rs(_) => <$rst>::is_success_code(return_value),)*
                    $(RopResponse::$sa(_) => false,)*
                }
            }

            /// True for the responses a server sends without a request of the same RopId
            /// (RopBufferTooSmall, RopBackoff, RopNotify, RopPending).
            pub fn is_standalone(id: RopId) -> bool {
                matches!(id, $(RopId::$said)|*)
            }

            /// Decodes the body of a response of `id` (the cursor just past the RopId);
            /// `None` when this crate does not decode that ROP.
            pub(crate) fn decode_body(
                id: RopId,
                r: &mut Reader<'a>,
                ctx: ResponseCtx<'_>,
            ) -> Option<Result<Self, DecodeError>> {
                let name = id.name().unwrap_or("Rop");
                Some(match id {
                    $(RopId::$rsid => <$rst as DecodeWith<'a, ResponseCtx<'_>>>::decode_with_from(r, ctx)
                        .map(|x| RopResponse::$rs(maybe_box!(x $(, $rbx)?)))
                        .field(name),)*
                    $(RopId::$said => <$sat as DecodeWith<'a, ResponseCtx<'_>>>::decode_with_from(r, ctx)
                        .map(|x| RopResponse::$sa(maybe_box!(x $(, $sbx)?)))
                        .field(name),)*
                    _ => return None,
                })
            }

            fn body_len(&self) -> usize {
                match self {
                    $(RopResponse::$rs(x) => x.encoded_len(),)*
                    $(RopResponse::$sa(x) => x.encoded_len(),)*
                }
            }

            fn encode_body<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                match self {
                    $(RopResponse::$rs(x) => x.encode(out),)*
                    $(RopResponse::$sa(x) => x.encode(out),)*
                }
            }

            fn body_tree(&self) -> Tree {
                match self {
                    $(RopResponse::$rs(x) => x.to_tree(),)*
                    $(RopResponse::$sa(x) => x.to_tree(),)*
                }
            }
        }

        /// The size of what each [`RopRequest`] variant holds.
        #[cfg(test)]
        // `'a` is the lifetime the body types name.
        #[allow(clippy::extra_unused_lifetimes)]
        pub(crate) fn request_sizes<'a>() -> Vec<(&'static str, usize)> {
            vec![$((stringify!($rq), std::mem::size_of::<maybe_boxed!($rqt $(, $bx)?)>()),)*]
        }

        /// The size of what each [`RopResponse`] variant holds.
        #[cfg(test)]
        // `'a` is the lifetime the body types name.
        #[allow(clippy::extra_unused_lifetimes)]
        pub(crate) fn response_sizes<'a>() -> Vec<(&'static str, usize)> {
            vec![
                $((stringify!($rs), std::mem::size_of::<maybe_boxed!($rst $(, $rbx)?)>()),)*
                $((stringify!($sa), std::mem::size_of::<maybe_boxed!($sat $(, $sbx)?)>()),)*
            ]
        }

        /// The RopIds whose requests this crate decodes.
        pub fn decoded_request_ids() -> &'static [RopId] {
            &[$(RopId::$rqid,)*]
        }

        /// The RopIds whose responses this crate decodes.
        pub fn decoded_response_ids() -> &'static [RopId] {
            &[$(RopId::$rsid,)* $(RopId::$said,)*]
        }
    };
}

rops! {
    requests {
        // ---- 2.2.3 logon (store.rs) ----
        [boxed] Logon(LOGON) => store::LogonRequest<'a>,
        GetReceiveFolder(GET_RECEIVE_FOLDER) => store::GetReceiveFolderRequest<'a>,
        [boxed] SetReceiveFolder(SET_RECEIVE_FOLDER) => store::SetReceiveFolderRequest<'a>,
        GetReceiveFolderTable(GET_RECEIVE_FOLDER_TABLE) => store::GetReceiveFolderTableRequest,
        GetStoreState(GET_STORE_STATE) => store::GetStoreStateRequest,
        GetOwningServers(GET_OWNING_SERVERS) => store::GetOwningServersRequest,
        PublicFolderIsGhosted(PUBLIC_FOLDER_IS_GHOSTED) => store::PublicFolderIsGhostedRequest,
        LongTermIdFromId(LONG_TERM_ID_FROM_ID) => store::LongTermIdFromIdRequest,
        IdFromLongTermId(ID_FROM_LONG_TERM_ID) => store::IdFromLongTermIdRequest,
        GetPerUserLongTermIds(GET_PER_USER_LONG_TERM_IDS) => store::GetPerUserLongTermIdsRequest,
        GetPerUserGuid(GET_PER_USER_GUID) => store::GetPerUserGuidRequest,
        ReadPerUserInformation(READ_PER_USER_INFORMATION) => store::ReadPerUserInformationRequest,
        [boxed] WritePerUserInformation(WRITE_PER_USER_INFORMATION) => store::WritePerUserInformationRequest<'a>,
        // ---- end 2.2.3 ----

        // ---- 2.2.4 folder (folder.rs) ----
        OpenFolder(OPEN_FOLDER) => folder::OpenFolderRequest,
        [boxed] CreateFolder(CREATE_FOLDER) => folder::CreateFolderRequest<'a>,
        DeleteFolder(DELETE_FOLDER) => folder::DeleteFolderRequest,
        [boxed] SetSearchCriteria(SET_SEARCH_CRITERIA) => folder::SetSearchCriteriaRequest<'a>,
        GetSearchCriteria(GET_SEARCH_CRITERIA) => folder::GetSearchCriteriaRequest,
        MoveCopyMessages(MOVE_COPY_MESSAGES) => folder::MoveCopyMessagesRequest,
        [boxed] MoveFolder(MOVE_FOLDER) => folder::MoveFolderRequest<'a>,
        [boxed] CopyFolder(COPY_FOLDER) => folder::CopyFolderRequest<'a>,
        EmptyFolder(EMPTY_FOLDER) => folder::EmptyFolderRequest,
        HardDeleteMessagesAndSubfolders(HARD_DELETE_MESSAGES_AND_SUBFOLDERS) => folder::HardDeleteMessagesAndSubfoldersRequest,
        DeleteMessages(DELETE_MESSAGES) => folder::DeleteMessagesRequest,
        HardDeleteMessages(HARD_DELETE_MESSAGES) => folder::HardDeleteMessagesRequest,
        GetHierarchyTable(GET_HIERARCHY_TABLE) => folder::GetHierarchyTableRequest,
        GetContentsTable(GET_CONTENTS_TABLE) => folder::GetContentsTableRequest,
        // ---- end 2.2.4 ----

        // ---- 2.2.5 table (table.rs) ----
        SetColumns(SET_COLUMNS) => table::SetColumnsRequest<'a>,
        [boxed] SortTable(SORT_TABLE) => table::SortTableRequest,
        [boxed] Restrict(RESTRICT) => table::RestrictRequest<'a>,
        QueryRows(QUERY_ROWS) => table::QueryRowsRequest,
        Abort(ABORT) => table::AbortRequest,
        GetStatus(GET_STATUS) => table::GetStatusRequest,
        QueryPosition(QUERY_POSITION) => table::QueryPositionRequest,
        SeekRow(SEEK_ROW) => table::SeekRowRequest,
        SeekRowBookmark(SEEK_ROW_BOOKMARK) => table::SeekRowBookmarkRequest<'a>,
        SeekRowFractional(SEEK_ROW_FRACTIONAL) => table::SeekRowFractionalRequest,
        CreateBookmark(CREATE_BOOKMARK) => table::CreateBookmarkRequest,
        QueryColumnsAll(QUERY_COLUMNS_ALL) => table::QueryColumnsAllRequest,
        [boxed] FindRow(FIND_ROW) => table::FindRowRequest<'a>,
        FreeBookmark(FREE_BOOKMARK) => table::FreeBookmarkRequest<'a>,
        ResetTable(RESET_TABLE) => table::ResetTableRequest,
        ExpandRow(EXPAND_ROW) => table::ExpandRowRequest,
        CollapseRow(COLLAPSE_ROW) => table::CollapseRowRequest,
        GetCollapseState(GET_COLLAPSE_STATE) => table::GetCollapseStateRequest,
        SetCollapseState(SET_COLLAPSE_STATE) => table::SetCollapseStateRequest<'a>,
        // ---- end 2.2.5 ----

        // ---- 2.2.6 message (message.rs) ----
        OpenMessage(OPEN_MESSAGE) => message::OpenMessageRequest,
        CreateMessage(CREATE_MESSAGE) => message::CreateMessageRequest,
        SaveChangesMessage(SAVE_CHANGES_MESSAGE) => message::SaveChangesMessageRequest,
        RemoveAllRecipients(REMOVE_ALL_RECIPIENTS) => message::RemoveAllRecipientsRequest,
        [boxed] ModifyRecipients(MODIFY_RECIPIENTS) => message::ModifyRecipientsRequest<'a>,
        ReadRecipients(READ_RECIPIENTS) => message::ReadRecipientsRequest,
        ReloadCachedInformation(RELOAD_CACHED_INFORMATION) => message::ReloadCachedInformationRequest,
        SetMessageStatus(SET_MESSAGE_STATUS) => message::SetMessageStatusRequest,
        GetMessageStatus(GET_MESSAGE_STATUS) => message::GetMessageStatusRequest,
        SetReadFlags(SET_READ_FLAGS) => message::SetReadFlagsRequest,
        SetMessageReadFlag(SET_MESSAGE_READ_FLAG) => message::SetMessageReadFlagRequest,
        OpenAttachment(OPEN_ATTACHMENT) => message::OpenAttachmentRequest,
        CreateAttachment(CREATE_ATTACHMENT) => message::CreateAttachmentRequest,
        DeleteAttachment(DELETE_ATTACHMENT) => message::DeleteAttachmentRequest,
        SaveChangesAttachment(SAVE_CHANGES_ATTACHMENT) => message::SaveChangesAttachmentRequest,
        OpenEmbeddedMessage(OPEN_EMBEDDED_MESSAGE) => message::OpenEmbeddedMessageRequest,
        GetAttachmentTable(GET_ATTACHMENT_TABLE) => message::GetAttachmentTableRequest,
        GetValidAttachments(GET_VALID_ATTACHMENTS) => message::GetValidAttachmentsRequest,
        // ---- end 2.2.6 ----

        // ---- 2.2.7 transport (transport.rs) ----
        SubmitMessage(SUBMIT_MESSAGE) => transport::SubmitMessageRequest,
        AbortSubmit(ABORT_SUBMIT) => transport::AbortSubmitRequest,
        GetAddressTypes(GET_ADDRESS_TYPES) => transport::GetAddressTypesRequest,
        SetSpooler(SET_SPOOLER) => transport::SetSpoolerRequest,
        SpoolerLockMessage(SPOOLER_LOCK_MESSAGE) => transport::SpoolerLockMessageRequest,
        TransportSend(TRANSPORT_SEND) => transport::TransportSendRequest,
        [boxed] TransportNewMail(TRANSPORT_NEW_MAIL) => transport::TransportNewMailRequest<'a>,
        GetTransportFolder(GET_TRANSPORT_FOLDER) => transport::GetTransportFolderRequest,
        OptionsData(OPTIONS_DATA) => transport::OptionsDataRequest<'a>,
        // ---- end 2.2.7 ----

        // ---- 2.2.8 property (property.rs) ----
        GetPropertyIdsFromNames(GET_PROPERTY_IDS_FROM_NAMES) => property::GetPropertyIdsFromNamesRequest<'a>,
        GetNamesFromPropertyIds(GET_NAMES_FROM_PROPERTY_IDS) => property::GetNamesFromPropertyIdsRequest,
        GetPropertiesSpecific(GET_PROPERTIES_SPECIFIC) => property::GetPropertiesSpecificRequest<'a>,
        GetPropertiesAll(GET_PROPERTIES_ALL) => property::GetPropertiesAllRequest,
        GetPropertiesList(GET_PROPERTIES_LIST) => property::GetPropertiesListRequest,
        SetProperties(SET_PROPERTIES) => property::SetPropertiesRequest<'a>,
        SetPropertiesNoReplicate(SET_PROPERTIES_NO_REPLICATE) => property::SetPropertiesNoReplicateRequest<'a>,
        DeleteProperties(DELETE_PROPERTIES) => property::DeletePropertiesRequest,
        DeletePropertiesNoReplicate(DELETE_PROPERTIES_NO_REPLICATE) => property::DeletePropertiesNoReplicateRequest,
        QueryNamedProperties(QUERY_NAMED_PROPERTIES) => property::QueryNamedPropertiesRequest,
        CopyProperties(COPY_PROPERTIES) => property::CopyPropertiesRequest,
        CopyTo(COPY_TO) => property::CopyToRequest,
        Progress(PROGRESS) => property::ProgressRequest,
        // ---- end 2.2.8 ----

        // ---- 2.2.9 stream (stream.rs) ----
        OpenStream(OPEN_STREAM) => stream::OpenStreamRequest,
        ReadStream(READ_STREAM) => stream::ReadStreamRequest,
        WriteStream(WRITE_STREAM) => stream::WriteStreamRequest<'a>,
        WriteStreamExtended(WRITE_STREAM_EXTENDED) => stream::WriteStreamExtendedRequest<'a>,
        CommitStream(COMMIT_STREAM) => stream::CommitStreamRequest,
        GetStreamSize(GET_STREAM_SIZE) => stream::GetStreamSizeRequest,
        SetStreamSize(SET_STREAM_SIZE) => stream::SetStreamSizeRequest,
        SeekStream(SEEK_STREAM) => stream::SeekStreamRequest,
        CopyToStream(COPY_TO_STREAM) => stream::CopyToStreamRequest,
        LockRegionStream(LOCK_REGION_STREAM) => stream::LockRegionStreamRequest,
        UnlockRegionStream(UNLOCK_REGION_STREAM) => stream::UnlockRegionStreamRequest,
        WriteAndCommitStream(WRITE_AND_COMMIT_STREAM) => stream::WriteAndCommitStreamRequest<'a>,
        CloneStream(CLONE_STREAM) => stream::CloneStreamRequest,
        // ---- end 2.2.9 ----

        // ---- 2.2.10 permission (permission.rs) ----
        ModifyPermissions(MODIFY_PERMISSIONS) => permission::ModifyPermissionsRequest<'a>,
        GetPermissionsTable(GET_PERMISSIONS_TABLE) => permission::GetPermissionsTableRequest,
        // ---- end 2.2.10 ----

        // ---- 2.2.11 rule (rule.rs) ----
        ModifyRules(MODIFY_RULES) => rule::ModifyRulesRequest<'a>,
        GetRulesTable(GET_RULES_TABLE) => rule::GetRulesTableRequest,
        [boxed] UpdateDeferredActionMessages(UPDATE_DEFERRED_ACTION_MESSAGES) => rule::UpdateDeferredActionMessagesRequest<'a>,
        // ---- end 2.2.11 ----

        // ---- 2.2.12 fast transfer (fast_transfer.rs) ----
        FastTransferDestinationConfigure(FAST_TRANSFER_DESTINATION_CONFIGURE) => fast_transfer::FastTransferDestinationConfigureRequest,
        FastTransferDestinationPutBuffer(FAST_TRANSFER_DESTINATION_PUT_BUFFER) => fast_transfer::FastTransferDestinationPutBufferRequest<'a>,
        FastTransferDestinationPutBufferExtended(FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED) => fast_transfer::FastTransferDestinationPutBufferExtendedRequest<'a>,
        FastTransferSourceGetBuffer(FAST_TRANSFER_SOURCE_GET_BUFFER) => fast_transfer::FastTransferSourceGetBufferRequest,
        FastTransferSourceCopyFolder(FAST_TRANSFER_SOURCE_COPY_FOLDER) => fast_transfer::FastTransferSourceCopyFolderRequest,
        FastTransferSourceCopyMessages(FAST_TRANSFER_SOURCE_COPY_MESSAGES) => fast_transfer::FastTransferSourceCopyMessagesRequest,
        [boxed] FastTransferSourceCopyTo(FAST_TRANSFER_SOURCE_COPY_TO) => fast_transfer::FastTransferSourceCopyToRequest,
        FastTransferSourceCopyProperties(FAST_TRANSFER_SOURCE_COPY_PROPERTIES) => fast_transfer::FastTransferSourceCopyPropertiesRequest,
        TellVersion(TELL_VERSION) => fast_transfer::TellVersionRequest,
        // ---- end 2.2.12 ----

        // ---- 2.2.13 incremental change synchronization (ics.rs) ----
        [boxed] SynchronizationConfigure(SYNCHRONIZATION_CONFIGURE) => ics::SynchronizationConfigureRequest<'a>,
        SynchronizationImportMessageChange(SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE) => ics::SynchronizationImportMessageChangeRequest<'a>,
        SynchronizationImportReadStateChanges(SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES) => ics::SynchronizationImportReadStateChangesRequest<'a>,
        [boxed] SynchronizationImportHierarchyChange(SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE) => ics::SynchronizationImportHierarchyChangeRequest<'a>,
        SynchronizationImportDeletes(SYNCHRONIZATION_IMPORT_DELETES) => ics::SynchronizationImportDeletesRequest<'a>,
        [boxed] SynchronizationImportMessageMove(SYNCHRONIZATION_IMPORT_MESSAGE_MOVE) => ics::SynchronizationImportMessageMoveRequest<'a>,
        SynchronizationOpenCollector(SYNCHRONIZATION_OPEN_COLLECTOR) => ics::SynchronizationOpenCollectorRequest,
        SynchronizationGetTransferState(SYNCHRONIZATION_GET_TRANSFER_STATE) => ics::SynchronizationGetTransferStateRequest,
        SynchronizationUploadStateStreamBegin(SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN) => ics::SynchronizationUploadStateStreamBeginRequest,
        SynchronizationUploadStateStreamContinue(SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE) => ics::SynchronizationUploadStateStreamContinueRequest<'a>,
        SynchronizationUploadStateStreamEnd(SYNCHRONIZATION_UPLOAD_STATE_STREAM_END) => ics::SynchronizationUploadStateStreamEndRequest,
        SetLocalReplicaMidsetDeleted(SET_LOCAL_REPLICA_MIDSET_DELETED) => ics::SetLocalReplicaMidsetDeletedRequest,
        GetLocalReplicaIds(GET_LOCAL_REPLICA_IDS) => ics::GetLocalReplicaIdsRequest,
        // ---- end 2.2.13 ----

        // ---- 2.2.14 notification (notification.rs) ----
        RegisterNotification(REGISTER_NOTIFICATION) => notification::RegisterNotificationRequest,
        // ---- end 2.2.14 ----

        // ---- 2.2.15 other (other.rs) ----
        Release(RELEASE) => other::ReleaseRequest,
        // ---- end 2.2.15 ----
    }
    responses {
        // ---- 2.2.3 logon (store.rs) ----
        [boxed] Logon(LOGON) => store::LogonResponse<'a>,
        GetReceiveFolder(GET_RECEIVE_FOLDER) => store::GetReceiveFolderResponse<'a>,
        SetReceiveFolder(SET_RECEIVE_FOLDER) => store::SetReceiveFolderResponse,
        GetReceiveFolderTable(GET_RECEIVE_FOLDER_TABLE) => store::GetReceiveFolderTableResponse<'a>,
        GetStoreState(GET_STORE_STATE) => store::GetStoreStateResponse,
        GetOwningServers(GET_OWNING_SERVERS) => store::GetOwningServersResponse<'a>,
        PublicFolderIsGhosted(PUBLIC_FOLDER_IS_GHOSTED) => store::PublicFolderIsGhostedResponse<'a>,
        LongTermIdFromId(LONG_TERM_ID_FROM_ID) => store::LongTermIdFromIdResponse,
        IdFromLongTermId(ID_FROM_LONG_TERM_ID) => store::IdFromLongTermIdResponse,
        GetPerUserLongTermIds(GET_PER_USER_LONG_TERM_IDS) => store::GetPerUserLongTermIdsResponse,
        GetPerUserGuid(GET_PER_USER_GUID) => store::GetPerUserGuidResponse,
        ReadPerUserInformation(READ_PER_USER_INFORMATION) => store::ReadPerUserInformationResponse<'a>,
        WritePerUserInformation(WRITE_PER_USER_INFORMATION) => store::WritePerUserInformationResponse,
        // ---- end 2.2.3 ----

        // ---- 2.2.4 folder (folder.rs) ----
        OpenFolder(OPEN_FOLDER) => folder::OpenFolderResponse<'a>,
        CreateFolder(CREATE_FOLDER) => folder::CreateFolderResponse<'a>,
        DeleteFolder(DELETE_FOLDER) => folder::DeleteFolderResponse,
        SetSearchCriteria(SET_SEARCH_CRITERIA) => folder::SetSearchCriteriaResponse,
        [boxed] GetSearchCriteria(GET_SEARCH_CRITERIA) => folder::GetSearchCriteriaResponse<'a>,
        MoveCopyMessages(MOVE_COPY_MESSAGES) => folder::MoveCopyMessagesResponse,
        MoveFolder(MOVE_FOLDER) => folder::MoveFolderResponse,
        CopyFolder(COPY_FOLDER) => folder::CopyFolderResponse,
        EmptyFolder(EMPTY_FOLDER) => folder::EmptyFolderResponse,
        HardDeleteMessagesAndSubfolders(HARD_DELETE_MESSAGES_AND_SUBFOLDERS) => folder::HardDeleteMessagesAndSubfoldersResponse,
        DeleteMessages(DELETE_MESSAGES) => folder::DeleteMessagesResponse,
        HardDeleteMessages(HARD_DELETE_MESSAGES) => folder::HardDeleteMessagesResponse,
        GetHierarchyTable(GET_HIERARCHY_TABLE) => folder::GetHierarchyTableResponse,
        GetContentsTable(GET_CONTENTS_TABLE) => folder::GetContentsTableResponse,
        // ---- end 2.2.4 ----

        // ---- 2.2.5 table (table.rs) ----
        SetColumns(SET_COLUMNS) => table::SetColumnsResponse,
        SortTable(SORT_TABLE) => table::SortTableResponse,
        Restrict(RESTRICT) => table::RestrictResponse,
        QueryRows(QUERY_ROWS) => table::QueryRowsResponse<'a>,
        Abort(ABORT) => table::AbortResponse,
        GetStatus(GET_STATUS) => table::GetStatusResponse,
        QueryPosition(QUERY_POSITION) => table::QueryPositionResponse,
        SeekRow(SEEK_ROW) => table::SeekRowResponse,
        SeekRowBookmark(SEEK_ROW_BOOKMARK) => table::SeekRowBookmarkResponse,
        SeekRowFractional(SEEK_ROW_FRACTIONAL) => table::SeekRowFractionalResponse,
        CreateBookmark(CREATE_BOOKMARK) => table::CreateBookmarkResponse<'a>,
        QueryColumnsAll(QUERY_COLUMNS_ALL) => table::QueryColumnsAllResponse,
        [boxed] FindRow(FIND_ROW) => table::FindRowResponse<'a>,
        FreeBookmark(FREE_BOOKMARK) => table::FreeBookmarkResponse,
        ResetTable(RESET_TABLE) => table::ResetTableResponse,
        ExpandRow(EXPAND_ROW) => table::ExpandRowResponse<'a>,
        CollapseRow(COLLAPSE_ROW) => table::CollapseRowResponse,
        GetCollapseState(GET_COLLAPSE_STATE) => table::GetCollapseStateResponse<'a>,
        SetCollapseState(SET_COLLAPSE_STATE) => table::SetCollapseStateResponse<'a>,
        // ---- end 2.2.5 ----

        // ---- 2.2.6 message (message.rs) ----
        [boxed] OpenMessage(OPEN_MESSAGE) => message::OpenMessageResponse<'a>,
        CreateMessage(CREATE_MESSAGE) => message::CreateMessageResponse,
        SaveChangesMessage(SAVE_CHANGES_MESSAGE) => message::SaveChangesMessageResponse,
        RemoveAllRecipients(REMOVE_ALL_RECIPIENTS) => message::RemoveAllRecipientsResponse,
        ModifyRecipients(MODIFY_RECIPIENTS) => message::ModifyRecipientsResponse,
        ReadRecipients(READ_RECIPIENTS) => message::ReadRecipientsResponse<'a>,
        [boxed] ReloadCachedInformation(RELOAD_CACHED_INFORMATION) => message::ReloadCachedInformationResponse<'a>,
        SetMessageStatus(SET_MESSAGE_STATUS) => message::SetMessageStatusResponse,
        GetMessageStatus(GET_MESSAGE_STATUS) => message::GetMessageStatusResponse,
        SetReadFlags(SET_READ_FLAGS) => message::SetReadFlagsResponse,
        SetMessageReadFlag(SET_MESSAGE_READ_FLAG) => message::SetMessageReadFlagResponse,
        OpenAttachment(OPEN_ATTACHMENT) => message::OpenAttachmentResponse,
        CreateAttachment(CREATE_ATTACHMENT) => message::CreateAttachmentResponse,
        DeleteAttachment(DELETE_ATTACHMENT) => message::DeleteAttachmentResponse,
        SaveChangesAttachment(SAVE_CHANGES_ATTACHMENT) => message::SaveChangesAttachmentResponse,
        [boxed] OpenEmbeddedMessage(OPEN_EMBEDDED_MESSAGE) => message::OpenEmbeddedMessageResponse<'a>,
        GetAttachmentTable(GET_ATTACHMENT_TABLE) => message::GetAttachmentTableResponse,
        GetValidAttachments(GET_VALID_ATTACHMENTS) => message::GetValidAttachmentsResponse,
        // ---- end 2.2.6 ----

        // ---- 2.2.7 transport (transport.rs) ----
        SubmitMessage(SUBMIT_MESSAGE) => transport::SubmitMessageResponse,
        AbortSubmit(ABORT_SUBMIT) => transport::AbortSubmitResponse,
        GetAddressTypes(GET_ADDRESS_TYPES) => transport::GetAddressTypesResponse<'a>,
        SetSpooler(SET_SPOOLER) => transport::SetSpoolerResponse,
        SpoolerLockMessage(SPOOLER_LOCK_MESSAGE) => transport::SpoolerLockMessageResponse,
        TransportSend(TRANSPORT_SEND) => transport::TransportSendResponse<'a>,
        TransportNewMail(TRANSPORT_NEW_MAIL) => transport::TransportNewMailResponse,
        GetTransportFolder(GET_TRANSPORT_FOLDER) => transport::GetTransportFolderResponse,
        [boxed] OptionsData(OPTIONS_DATA) => transport::OptionsDataResponse<'a>,
        // ---- end 2.2.7 ----

        // ---- 2.2.8 property (property.rs) ----
        GetPropertyIdsFromNames(GET_PROPERTY_IDS_FROM_NAMES) => property::GetPropertyIdsFromNamesResponse,
        GetNamesFromPropertyIds(GET_NAMES_FROM_PROPERTY_IDS) => property::GetNamesFromPropertyIdsResponse<'a>,
        GetPropertiesSpecific(GET_PROPERTIES_SPECIFIC) => property::GetPropertiesSpecificResponse<'a>,
        GetPropertiesAll(GET_PROPERTIES_ALL) => property::GetPropertiesAllResponse<'a>,
        GetPropertiesList(GET_PROPERTIES_LIST) => property::GetPropertiesListResponse,
        SetProperties(SET_PROPERTIES) => property::SetPropertiesResponse,
        SetPropertiesNoReplicate(SET_PROPERTIES_NO_REPLICATE) => property::SetPropertiesNoReplicateResponse,
        DeleteProperties(DELETE_PROPERTIES) => property::DeletePropertiesResponse,
        DeletePropertiesNoReplicate(DELETE_PROPERTIES_NO_REPLICATE) => property::DeletePropertiesNoReplicateResponse,
        QueryNamedProperties(QUERY_NAMED_PROPERTIES) => property::QueryNamedPropertiesResponse<'a>,
        CopyProperties(COPY_PROPERTIES) => property::CopyPropertiesResponse,
        CopyTo(COPY_TO) => property::CopyToResponse,
        Progress(PROGRESS) => property::ProgressResponse,
        // ---- end 2.2.8 ----

        // ---- 2.2.9 stream (stream.rs) ----
        OpenStream(OPEN_STREAM) => stream::OpenStreamResponse,
        ReadStream(READ_STREAM) => stream::ReadStreamResponse<'a>,
        WriteStream(WRITE_STREAM) => stream::WriteStreamResponse,
        WriteStreamExtended(WRITE_STREAM_EXTENDED) => stream::WriteStreamExtendedResponse,
        CommitStream(COMMIT_STREAM) => stream::CommitStreamResponse,
        GetStreamSize(GET_STREAM_SIZE) => stream::GetStreamSizeResponse,
        SetStreamSize(SET_STREAM_SIZE) => stream::SetStreamSizeResponse,
        SeekStream(SEEK_STREAM) => stream::SeekStreamResponse,
        CopyToStream(COPY_TO_STREAM) => stream::CopyToStreamResponse,
        LockRegionStream(LOCK_REGION_STREAM) => stream::LockRegionStreamResponse,
        UnlockRegionStream(UNLOCK_REGION_STREAM) => stream::UnlockRegionStreamResponse,
        WriteAndCommitStream(WRITE_AND_COMMIT_STREAM) => stream::WriteAndCommitStreamResponse,
        CloneStream(CLONE_STREAM) => stream::CloneStreamResponse,
        // ---- end 2.2.9 ----

        // ---- 2.2.10 permission (permission.rs) ----
        ModifyPermissions(MODIFY_PERMISSIONS) => permission::ModifyPermissionsResponse,
        GetPermissionsTable(GET_PERMISSIONS_TABLE) => permission::GetPermissionsTableResponse,
        // ---- end 2.2.10 ----

        // ---- 2.2.11 rule (rule.rs) ----
        ModifyRules(MODIFY_RULES) => rule::ModifyRulesResponse,
        GetRulesTable(GET_RULES_TABLE) => rule::GetRulesTableResponse,
        UpdateDeferredActionMessages(UPDATE_DEFERRED_ACTION_MESSAGES) => rule::UpdateDeferredActionMessagesResponse,
        // ---- end 2.2.11 ----

        // ---- 2.2.12 fast transfer (fast_transfer.rs) ----
        FastTransferDestinationConfigure(FAST_TRANSFER_DESTINATION_CONFIGURE) => fast_transfer::FastTransferDestinationConfigureResponse,
        FastTransferDestinationPutBuffer(FAST_TRANSFER_DESTINATION_PUT_BUFFER) => fast_transfer::FastTransferDestinationPutBufferResponse,
        FastTransferDestinationPutBufferExtended(FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED) => fast_transfer::FastTransferDestinationPutBufferExtendedResponse,
        FastTransferSourceGetBuffer(FAST_TRANSFER_SOURCE_GET_BUFFER) => fast_transfer::FastTransferSourceGetBufferResponse<'a>,
        FastTransferSourceCopyFolder(FAST_TRANSFER_SOURCE_COPY_FOLDER) => fast_transfer::FastTransferSourceCopyFolderResponse,
        FastTransferSourceCopyMessages(FAST_TRANSFER_SOURCE_COPY_MESSAGES) => fast_transfer::FastTransferSourceCopyMessagesResponse,
        FastTransferSourceCopyTo(FAST_TRANSFER_SOURCE_COPY_TO) => fast_transfer::FastTransferSourceCopyToResponse,
        FastTransferSourceCopyProperties(FAST_TRANSFER_SOURCE_COPY_PROPERTIES) => fast_transfer::FastTransferSourceCopyPropertiesResponse,
        TellVersion(TELL_VERSION) => fast_transfer::TellVersionResponse,
        // ---- end 2.2.12 ----

        // ---- 2.2.13 incremental change synchronization (ics.rs) ----
        SynchronizationConfigure(SYNCHRONIZATION_CONFIGURE) => ics::SynchronizationConfigureResponse,
        SynchronizationImportMessageChange(SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE) => ics::SynchronizationImportMessageChangeResponse,
        SynchronizationImportReadStateChanges(SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES) => ics::SynchronizationImportReadStateChangesResponse,
        SynchronizationImportHierarchyChange(SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE) => ics::SynchronizationImportHierarchyChangeResponse,
        SynchronizationImportDeletes(SYNCHRONIZATION_IMPORT_DELETES) => ics::SynchronizationImportDeletesResponse,
        SynchronizationImportMessageMove(SYNCHRONIZATION_IMPORT_MESSAGE_MOVE) => ics::SynchronizationImportMessageMoveResponse,
        SynchronizationOpenCollector(SYNCHRONIZATION_OPEN_COLLECTOR) => ics::SynchronizationOpenCollectorResponse,
        SynchronizationGetTransferState(SYNCHRONIZATION_GET_TRANSFER_STATE) => ics::SynchronizationGetTransferStateResponse,
        SynchronizationUploadStateStreamBegin(SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN) => ics::SynchronizationUploadStateStreamBeginResponse,
        SynchronizationUploadStateStreamContinue(SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE) => ics::SynchronizationUploadStateStreamContinueResponse,
        SynchronizationUploadStateStreamEnd(SYNCHRONIZATION_UPLOAD_STATE_STREAM_END) => ics::SynchronizationUploadStateStreamEndResponse,
        SetLocalReplicaMidsetDeleted(SET_LOCAL_REPLICA_MIDSET_DELETED) => ics::SetLocalReplicaMidsetDeletedResponse,
        GetLocalReplicaIds(GET_LOCAL_REPLICA_IDS) => ics::GetLocalReplicaIdsResponse,
        // ---- end 2.2.13 ----

        // ---- 2.2.14 notification (notification.rs; RopNotify goes in standalone) ----
        RegisterNotification(REGISTER_NOTIFICATION) => notification::RegisterNotificationResponse,
        // ---- end 2.2.14 ----
    }
    standalone {
        BufferTooSmall(BUFFER_TOO_SMALL) => other::BufferTooSmallResponse<'a>,
        Backoff(BACKOFF) => other::BackoffResponse<'a>,
        Pending(PENDING) => other::PendingResponse,
        [boxed] Notify(NOTIFY) => notification::NotifyResponse<'a>,
    }
}

impl RopRequest<'_> {
    /// OutputHandleIndex, for requests that create an object.
    pub fn output_handle_index(&self) -> Option<u8> {
        self.handle_indexes().get(field::HandleRole::Output)
    }

    /// True for the requests a server may answer with a RopProgress response while it works
    /// on them asynchronously ([MS-OXCFOLD] 3.1.5.2, [MS-OXCPRPT] 3.2.5.20, [MS-OXCMSG]
    /// RopSetReadFlags).
    pub fn may_answer_with_progress(&self) -> bool {
        matches!(
            self.rop_id(),
            RopId::MOVE_COPY_MESSAGES
                | RopId::MOVE_FOLDER
                | RopId::COPY_FOLDER
                | RopId::EMPTY_FOLDER
                | RopId::HARD_DELETE_MESSAGES_AND_SUBFOLDERS
                | RopId::DELETE_MESSAGES
                | RopId::HARD_DELETE_MESSAGES
                | RopId::COPY_TO
                | RopId::COPY_PROPERTIES
                | RopId::SET_READ_FLAGS
        )
    }

    /// Whether a response with RopId `id` may answer this request: its own RopId; RopProgress
    /// for an asynchronous ROP; and, for RopGetMessageStatus, a response with the RopId of
    /// RopSetMessageStatus (0x20), whose layout it shares — some servers and Microsoft's own
    /// test suite answer it that way.
    pub fn may_be_answered_by(&self, id: RopId) -> bool {
        let own = self.rop_id();
        id == own
            || (id == RopId::PROGRESS && self.may_answer_with_progress())
            || (own == RopId::GET_MESSAGE_STATUS && id == RopId::SET_MESSAGE_STATUS)
    }

    /// True for the requests whose response carries rows of the table's columns
    /// (RopQueryRows, RopFindRow, RopExpandRow).
    pub fn reads_table_rows(&self) -> bool {
        matches!(
            self.rop_id(),
            RopId::QUERY_ROWS | RopId::FIND_ROW | RopId::EXPAND_ROW
        )
    }
}

fn rop_id_at(r: &mut Reader<'_>) -> Result<RopId, DecodeError> {
    let at = r.offset();
    let id = RopId(r.u8().field("RopId")?);
    if id.is_reserved() {
        return Err(DecodeError::new(
            crate::wire::ErrorKind::UnknownId {
                what: "RopId (reserved by [MS-OXCROPS] 2.2.2)",
                id: id.0.into(),
            },
            at,
        ))
        .field("RopId");
    }
    Ok(id)
}

fn not_decoded(id: RopId, at: usize) -> DecodeError {
    DecodeError::new(
        crate::wire::ErrorKind::UnknownId {
            what: "RopId not decoded by this version",
            id: id.0.into(),
        },
        at,
    )
    .in_field("RopId")
}

impl<'a> DecodeWith<'a, RequestCtx> for RopRequest<'a> {
    /// One ROP request, RopId first, without the buffer around it (no handle table: the
    /// handle indexes are not checked). RopSetMessageReadFlag and RopWritePerUserInformation
    /// need the LogonFlags of their logon ([`RequestCtx::with_logon_flags`]); without them they
    /// fail with [`MissingContext`](crate::wire::ErrorKind::MissingContext).
    fn decode_with_from(r: &mut Reader<'a>, ctx: RequestCtx) -> Result<Self, DecodeError> {
        let at = r.offset();
        let id = rop_id_at(r)?;
        RopRequest::decode_body(id, r, ctx).unwrap_or_else(|| Err(not_decoded(id, at)))
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c>> for RopResponse<'a> {
    /// One ROP response, RopId first, without the buffer around it, decoded with what `ctx`
    /// knows (the columns of its rows, the LogonFlags of its logon). The buffer decoder
    /// ([`RopResponseBuffer`]) builds that context from the request each response answers.
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let id = rop_id_at(r)?;
        RopResponse::decode_body(id, r, ctx).unwrap_or_else(|| Err(not_decoded(id, at)))
    }
}

impl<'a, 'r, 'c>
    DecodeWith<
        'a,
        (
            Option<&'r RopRequest<'r>>,
            Option<&'c [crate::data::PropTag]>,
        ),
    > for RopResponse<'a>
{
    /// One ROP response, RopId first, against the request it answers (when known: its RopId
    /// must be one that answers the request; RopGetPropertiesSpecific gives the columns of its
    /// row, RopLogon its LogonFlags) and the columns of the table it reads (when known).
    fn decode_with_from(
        r: &mut Reader<'a>,
        (request, columns): (
            Option<&'r RopRequest<'r>>,
            Option<&'c [crate::data::PropTag]>,
        ),
    ) -> Result<Self, DecodeError> {
        let at = r.offset();
        let id = rop_id_at(r)?;
        if let Some(req) = request {
            if !RopResponse::is_standalone(id) && !req.may_be_answered_by(id) {
                return Err(DecodeError::new(
                    crate::wire::ErrorKind::InvalidValue {
                        what: "the response's RopId differs from its request's",
                        value: id.0.into(),
                    },
                    at,
                )
                .in_field("RopId"));
            }
        }
        let tags: Vec<crate::data::PropTag>;
        let columns = match request {
            Some(RopRequest::GetPropertiesSpecific(g)) => {
                tags = g.property_tags.to_vec();
                Some(&tags[..])
            }
            _ => columns,
        };
        let logon_flags = match request {
            Some(RopRequest::Logon(l)) => Some(l.logon_flags),
            _ => None,
        };
        let ctx = ResponseCtx::new()
            .with_columns(columns)
            .with_logon_flags(logon_flags);
        RopResponse::decode_body(id, r, ctx).unwrap_or_else(|| Err(not_decoded(id, at)))
    }
}

impl<'a, 'r> DecodeWith<'a, &'r RopRequest<'r>> for RopResponse<'a> {
    /// One ROP response, RopId first, against the request it answers (see the
    /// `(Option<&RopRequest>, Option<&[PropTag]>)` context).
    fn decode_with_from(
        r: &mut Reader<'a>,
        request: &'r RopRequest<'r>,
    ) -> Result<Self, DecodeError> {
        RopResponse::decode_with_from(r, (Some(request), None))
    }
}

impl RopResponse<'_> {
    /// The recipient columns a successful response (or its request) sets on a Message object:
    /// (handle index, columns) for RopOpenMessage, RopOpenEmbeddedMessage and
    /// RopReloadCachedInformation (their RecipientColumns) and RopModifyRecipients (the
    /// request's). RopReadRecipients rows use them ([MS-OXCDATA] 2.8.3.2).
    pub(crate) fn recipient_columns<'s>(
        &'s self,
        req: &'s RopRequest<'_>,
    ) -> Option<(u8, &'s [crate::data::PropTag])> {
        use message::ModifyRecipientsResponse;
        match (req, self) {
            (RopRequest::OpenMessage(q), RopResponse::OpenMessage(r)) => match &r.body {
                Outcome::Success(s) => Some((q.output_handle_index, &s.recipient_columns)),
                _ => None,
            },
            (RopRequest::OpenEmbeddedMessage(q), RopResponse::OpenEmbeddedMessage(r)) => {
                match &r.body {
                    Outcome::Success(s) => {
                        Some((q.output_handle_index, &s.message.recipient_columns))
                    }
                    _ => None,
                }
            }
            (RopRequest::ReloadCachedInformation(q), RopResponse::ReloadCachedInformation(r)) => {
                match &r.body {
                    Outcome::Success(s) => Some((q.input_handle_index, &s.recipient_columns)),
                    _ => None,
                }
            }
            (
                RopRequest::ModifyRecipients(q),
                RopResponse::ModifyRecipients(ModifyRecipientsResponse {
                    body: Outcome::Success(_),
                    ..
                }),
            ) => Some((q.input_handle_index, &q.recipient_columns)),
            _ => None,
        }
    }
}

impl Encode for RopRequest<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.body_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.rop_id().0.encode(out)?;
        self.encode_body(out)
    }
}

impl ToTree for RopRequest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RopId", self.rop_id().to_tree())
            .splice(self.body_tree())
    }
}

impl Encode for RopResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.body_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.rop_id().0.encode(out)?;
        self.encode_body(out)
    }
}

impl ToTree for RopResponse<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RopId", self.rop_id().to_tree())
            .splice(self.body_tree())
    }
}

#[cfg(test)]
mod size_tests {
    /// The variants whose bodies are over `max` bytes.
    fn oversized(sizes: Vec<(&'static str, usize)>, max: usize) -> Vec<(&'static str, usize)> {
        sizes.into_iter().filter(|&(_, size)| size > max).collect()
    }

    /// Every RopsList holds its requests inline: bodies over 32 bytes are boxed (`[boxed]`
    /// in `rops!`), which keeps a request at 40 bytes and a 300-request list under 12 KiB.
    /// Responses likewise over 64 bytes (QueryRows and GetPropertiesSpecific, the most
    /// frequent, take 64 and stay inline).
    #[test]
    fn requests_take_40_bytes_and_responses_72() {
        let big = oversized(super::request_sizes(), 32);
        assert!(big.is_empty(), "mark these requests [boxed]: {big:?}");
        assert_eq!(std::mem::size_of::<super::RopRequest<'_>>(), 40);
        let big = oversized(super::response_sizes(), 64);
        assert!(big.is_empty(), "mark these responses [boxed]: {big:?}");
        assert_eq!(std::mem::size_of::<super::RopResponse<'_>>(), 72);
    }
}
