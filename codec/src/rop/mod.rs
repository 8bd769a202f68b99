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

mod answer;
pub mod buffer;
pub mod build;
mod checked;
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
pub use build::{RopRequestBuilder, RopResponseBuilder, NEW_OBJECT_HANDLE};
pub use context::{RequestCtx, ResponseCtx, Session, TableColumns};
pub use field::{HandleIndexes, HandleRole, NoFields, Outcome, PropTags};
pub use id::{RopFamily, RopId};

use bytes::BufMut;

use crate::tree::{ToTree, Tree};
use crate::wire::{DecodeError, DecodeWith, Encode, EncodeError, Reader, ResultExt};
use field::{RequestFields, ResponseFields};

/// One arm of [`RopRequest::decode_checked`]: decodes a body of type `T`, checks its handle
/// indexes against a table of `handles` entries, and pushes it onto `out` as its variant
/// (built in place: no intermediate `Result<RopRequest>` to move).
#[inline(always)]
fn decode_checked<'a, T: DecodeWith<'a, RequestCtx> + RequestFields>(
    id: RopId,
    r: &mut Reader<'a>,
    ctx: impl FnOnce(&Reader<'a>) -> RequestCtx,
    handles: usize,
    out: &mut Vec<RopRequest<'a>>,
    wrap: impl FnOnce(T) -> RopRequest<'a>,
) -> Result<(), DecodeError> {
    let at = r.offset() - 1;
    // `id` is each arm's constant: the test folds away.
    let ctx = if matches!(
        id,
        RopId::SET_MESSAGE_READ_FLAG | RopId::WRITE_PER_USER_INFORMATION
    ) {
        ctx(r)
    } else {
        RequestCtx::default()
    };
    let body = match T::decode_with_from(r, ctx) {
        Ok(body) => body,
        Err(e) => return Err(e.in_field(id.name().unwrap_or("Rop"))),
    };
    match body.handle_past(handles) {
        None => {
            out.push(wrap(body));
            Ok(())
        }
        Some((role, index)) => Err(buffer::past_table(role, index, at)),
    }
}

/// A request body's type in [`RopRequest`]: boxed when marked `[boxed]` (the bodies larger
/// than 32 bytes, so that the enum, and every RopsList, stays small). `[shared]` marks a body
/// type that several ROPs share (a type alias): it is held as it is.
macro_rules! maybe_boxed {
    ($t:ty) => { $t };
    ($t:ty, boxed) => { Box<$t> };
    ($t:ty, shared) => { $t };
}

/// A decoded body as [`RopRequest`] holds it (see [`maybe_boxed`]).
macro_rules! maybe_box {
    ($x:expr) => {
        $x
    };
    ($x:expr, boxed) => {
        Box::new($x)
    };
    ($x:expr, shared) => {
        $x
    };
}

/// `From<body>` for the enum `$rop`, boxing the body where the variant holds a box; none for a
/// body type several ROPs share (`[shared]`): which ROP it is must be said with the variant
/// (`RopRequest::GetContentsTable(..)`) or a constructor of [`RopRequest`].
macro_rules! rop_from {
    ($rop:ident, $v:ident, $t:ty) => {
        impl<'a> From<$t> for $rop<'a> {
            #[inline]
            fn from(body: $t) -> Self {
                $rop::$v(body)
            }
        }
    };
    ($rop:ident, $v:ident, $t:ty, boxed) => {
        impl<'a> From<$t> for $rop<'a> {
            #[inline]
            fn from(body: $t) -> Self {
                $rop::$v(Box::new(body))
            }
        }
    };
    ($rop:ident, $v:ident, $t:ty, shared) => {};
}

/// Declares the request and response enums and their dispatch on the RopId.
macro_rules! rops {
    // Each ROP once, with its request and response types by module (`[boxed]` after a type
    // boxes it; `[shared]` marks a request type several ROPs share, which gets no `From`); the
    // ROPs with a request only; the responses sent without a request.
    (
        both { $($m:ident { $(
            $rop:ident($id:ident) =>
                $q:ident $(<$ql:lifetime>)? $([$qb:ident])?,
                $r:ident $(<$rl:lifetime>)? $([$rb:ident])?;
        )* })* }
        request_only { $($om:ident { $($o:ident($oid:ident) => $ot:ident $([$ob:ident])?;)* })* }
        standalone { $($sm:ident { $(
            $s:ident($sid:ident) => $st:ident $(<$sl:lifetime>)? $([$sb:ident])?;
        )* })* }
    ) => {
        rops! {
            @enums
            requests {
                $($($([$qb])? $rop($id) => $m::$q $(<$ql>)?,)*)*
                $($($([$ob])? $o($oid) => $om::$ot,)*)*
            }
            responses { $($($([$rb])? $rop($id) => $m::$r $(<$rl>)?,)*)* }
            standalone { $($($([$sb])? $s($sid) => $sm::$st $(<$sl>)?,)*)* }
        }
    };
    // The enum of the ROPs of one direction, a variant a RopId; its encoding and its tree are
    // the RopId, then the body; its owned form is each body's.
    (
        @enum $(#[$doc:meta])*
        $rop:ident { $($v:ident($id:ident) => $t:ty $([$bx:ident])?, $what:literal;)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[non_exhaustive]
        pub enum $rop<'a> {
            $(
                #[doc = concat!("`", stringify!($id), "` ", $what)]
                $v(maybe_boxed!($t $(, $bx)?)),
            )*
        }

        $(rop_from!($rop, $v, $t $(, $bx)?);)*

        impl $rop<'_> {
            /// The RopId.
            pub fn rop_id(&self) -> RopId {
                match self {
                    $($rop::$v(_) => RopId::$id,)*
                }
            }
        }

        impl Encode for $rop<'_> {
            fn encoded_len(&self) -> usize {
                1 + match self {
                    $($rop::$v(x) => x.encoded_len(),)*
                }
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                self.rop_id().0.encode(out)?;
                // The buffer adds the ROP's name to the path of an error (kept out of this
                // match, which every ROP goes through).
                match self {
                    $($rop::$v(x) => x.encode(out),)*
                }
            }
        }

        /// RopId, then the parts of the ROP's fields.
        impl crate::tree::FieldSpans for $rop<'_> {
            fn field_spans(&self, at: usize, prefix: &str, out: &mut Vec<crate::tree::FieldSpan>) {
                #[allow(unused_imports)]
                use crate::tree::{NoSpans as _, SpansOf as _};
                out.push(crate::tree::FieldSpan {
                    path: crate::tree::span_path(prefix, "RopId"),
                    start: at,
                    len: 1,
                });
                match self {
                    $($rop::$v(x) => (&crate::tree::SpanProbe(x)).spans_of(at + 1, prefix, out),)*
                }
            }
        }

        impl ToTree for $rop<'_> {
            fn to_tree(&self) -> Tree {
                let body = match self {
                    $($rop::$v(x) => x.to_tree(),)*
                };
                Tree::record().field("RopId", self.rop_id().to_tree()).splice(body)
            }
        }

        impl<'a> crate::wire::IntoOwned for $rop<'a> {
            type Owned = $rop<'static>;
            fn into_owned(self) -> $rop<'static> {
                match self {
                    $($rop::$v(x) => $rop::$v(crate::wire::IntoOwned::into_owned(x)),)*
                }
            }
        }

        // RopId, then the body's fields, in one map; reading finds RopId wherever it stands
        // and reads the other fields as the body of that ROP.
        #[cfg(feature = "serde")]
        impl serde::Serialize for $rop<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("RopId", &self.rop_id())?;
                match self {
                    $($rop::$v(x) => serde::Serialize::serialize(x, crate::serde_form::Flat(&mut m))?,)*
                }
                m.end()
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, 'a> serde::Deserialize<'de> for $rop<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V<'a>(::core::marker::PhantomData<$rop<'a>>);
                impl<'de, 'a> serde::de::Visitor<'de> for V<'a> {
                    type Value = $rop<'a>;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a ", stringify!($rop), ": RopId, then its fields"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<Self::Value, A::Error> {
                        let mut id = RopId(0);
                        let rest = crate::serde_form::leading(map, &["RopId"], |_, map| {
                            id = map.next_value()?;
                            Ok(())
                        })?;
                        let rest = serde::de::value::MapAccessDeserializer::new(rest);
                        Ok(match id {
                            $(RopId::$id => $rop::$v(
                                <maybe_boxed!($t $(, $bx)?) as serde::Deserialize>::deserialize(rest)?,
                            ),)*
                            other => {
                                return Err(serde::de::Error::custom(format_args!(
                                    concat!("{:?} is not a ", stringify!($rop), " this crate decodes"),
                                    other
                                )))
                            }
                        })
                    }
                }
                d.deserialize_map(V(::core::marker::PhantomData))
            }
        }
    };
    (
        @enums
        requests { $($([$bx:ident])? $rq:ident($rqid:ident) => $rqt:ty,)* }
        responses { $($([$rbx:ident])? $rs:ident($rsid:ident) => $rst:ty,)* }
        standalone { $($([$sbx:ident])? $sa:ident($said:ident) => $sat:ty,)* }
    ) => {
        rops! {
            @enum
            /// One ROP request buffer of a RopsList (its RopId is the variant).
            ///
            /// A body converts into its variant with `From` (`RopRequest::from(body)`, or
            /// `.into()`; the large bodies are boxed on the way), except the bodies that several
            /// ROPs share (RopRelease's, RopGetContentsTable's, ...: a type alias each), which
            /// name their variant (`RopRequest::GetContentsTable(body)`) or are built with the
            /// constructors of [`build`] (`RopRequest::release(index)`).
            RopRequest { $($rq($rqid) => $rqt $([$bx])?, "request.";)* }
        }

        impl<'a> RopRequest<'a> {
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

            /// The first handle-index field that names no entry of a table of `len` handles
            /// (each body's own comparisons, as the decoder makes them).
            #[inline]
            pub(crate) fn handle_past(&self, len: usize) -> Option<(HandleRole, u8)> {
                match self {
                    $(RopRequest::$rq(x) => x.handle_past(len),)*
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
            /// handles with the body's own type, before it becomes a variant. `ctx` gives
            /// the context (the cursor on the request's LogonId), called only by the requests
            /// whose layout depends on it.
            #[inline(always)]
            pub(crate) fn decode_checked(
                id: RopId,
                r: &mut Reader<'a>,
                ctx: impl FnOnce(&Reader<'a>) -> RequestCtx,
                handles: usize,
                out: &mut Vec<Self>,
            ) -> Option<Result<(), DecodeError>> {
                Some(match id {
                    $(RopId::$rqid => decode_checked::<$rqt>(
                        RopId::$rqid, r, ctx, handles, out, |x| RopRequest::$rq(maybe_box!(x $(, $bx)?)),
                    ),)*
                    _ => return None,
                })
            }
        }

        rops! {
            @enum
            /// One ROP response buffer of a RopsList (its RopId is the variant). Every
            /// response body converts into its variant with `From` (the large ones boxed).
            RopResponse {
                $($rs($rsid) => $rst $([$rbx])?, "response.";)*
                $($sa($said) => $sat $([$sbx])?, "(sent without a request of its own).";)*
            }
        }

        impl<'a> RopResponse<'a> {
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
                ctx: ResponseCtx<'_, 'a>,
            ) -> Option<Result<Self, DecodeError>> {
                let name = id.name().unwrap_or("Rop");
                Some(match id {
                    $(RopId::$rsid => <$rst as DecodeWith<'a, ResponseCtx<'_, 'a>>>::decode_with_from(r, ctx)
                        .map(|x| RopResponse::$rs(maybe_box!(x $(, $rbx)?)))
                        .field(name),)*
                    $(RopId::$said => <$sat as DecodeWith<'a, ResponseCtx<'_, 'a>>>::decode_with_from(r, ctx)
                        .map(|x| RopResponse::$sa(maybe_box!(x $(, $sbx)?)))
                        .field(name),)*
                    _ => return None,
                })
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
    both {
        // 2.2.3 logon
        store {
            Logon(LOGON) => LogonRequest<'a> [boxed], LogonResponse<'a> [boxed];
            GetReceiveFolder(GET_RECEIVE_FOLDER) => GetReceiveFolderRequest<'a>, GetReceiveFolderResponse<'a>;
            SetReceiveFolder(SET_RECEIVE_FOLDER) => SetReceiveFolderRequest<'a> [boxed], SetReceiveFolderResponse;
            GetReceiveFolderTable(GET_RECEIVE_FOLDER_TABLE) => GetReceiveFolderTableRequest [shared], GetReceiveFolderTableResponse<'a>;
            GetStoreState(GET_STORE_STATE) => GetStoreStateRequest [shared], GetStoreStateResponse;
            GetOwningServers(GET_OWNING_SERVERS) => GetOwningServersRequest [shared], GetOwningServersResponse<'a>;
            PublicFolderIsGhosted(PUBLIC_FOLDER_IS_GHOSTED) => PublicFolderIsGhostedRequest [shared], PublicFolderIsGhostedResponse<'a>;
            LongTermIdFromId(LONG_TERM_ID_FROM_ID) => LongTermIdFromIdRequest, LongTermIdFromIdResponse;
            IdFromLongTermId(ID_FROM_LONG_TERM_ID) => IdFromLongTermIdRequest [shared], IdFromLongTermIdResponse;
            GetPerUserLongTermIds(GET_PER_USER_LONG_TERM_IDS) => GetPerUserLongTermIdsRequest, GetPerUserLongTermIdsResponse;
            GetPerUserGuid(GET_PER_USER_GUID) => GetPerUserGuidRequest [shared], GetPerUserGuidResponse;
            ReadPerUserInformation(READ_PER_USER_INFORMATION) => ReadPerUserInformationRequest, ReadPerUserInformationResponse<'a>;
            WritePerUserInformation(WRITE_PER_USER_INFORMATION) => WritePerUserInformationRequest<'a> [boxed], WritePerUserInformationResponse;
        }

        // 2.2.4 folder
        folder {
            OpenFolder(OPEN_FOLDER) => OpenFolderRequest, OpenFolderResponse<'a>;
            CreateFolder(CREATE_FOLDER) => CreateFolderRequest<'a> [boxed], CreateFolderResponse<'a> [boxed];
            DeleteFolder(DELETE_FOLDER) => DeleteFolderRequest, DeleteFolderResponse;
            SetSearchCriteria(SET_SEARCH_CRITERIA) => SetSearchCriteriaRequest<'a> [boxed], SetSearchCriteriaResponse;
            GetSearchCriteria(GET_SEARCH_CRITERIA) => GetSearchCriteriaRequest, GetSearchCriteriaResponse<'a> [boxed];
            MoveCopyMessages(MOVE_COPY_MESSAGES) => MoveCopyMessagesRequest, MoveCopyMessagesResponse;
            MoveFolder(MOVE_FOLDER) => MoveFolderRequest<'a> [boxed], MoveFolderResponse;
            CopyFolder(COPY_FOLDER) => CopyFolderRequest<'a> [boxed], CopyFolderResponse;
            EmptyFolder(EMPTY_FOLDER) => EmptyFolderRequest [shared], EmptyFolderResponse;
            HardDeleteMessagesAndSubfolders(HARD_DELETE_MESSAGES_AND_SUBFOLDERS) => HardDeleteMessagesAndSubfoldersRequest [shared], HardDeleteMessagesAndSubfoldersResponse;
            DeleteMessages(DELETE_MESSAGES) => DeleteMessagesRequest [shared], DeleteMessagesResponse;
            HardDeleteMessages(HARD_DELETE_MESSAGES) => HardDeleteMessagesRequest [shared], HardDeleteMessagesResponse;
            GetHierarchyTable(GET_HIERARCHY_TABLE) => GetHierarchyTableRequest [shared], GetHierarchyTableResponse;
            GetContentsTable(GET_CONTENTS_TABLE) => GetContentsTableRequest [shared], GetContentsTableResponse;
        }

        // 2.2.5 table
        table {
            SetColumns(SET_COLUMNS) => SetColumnsRequest<'a>, SetColumnsResponse;
            SortTable(SORT_TABLE) => SortTableRequest [boxed], SortTableResponse;
            Restrict(RESTRICT) => RestrictRequest<'a> [boxed], RestrictResponse;
            QueryRows(QUERY_ROWS) => QueryRowsRequest, QueryRowsResponse<'a>;
            Abort(ABORT) => AbortRequest [shared], AbortResponse;
            GetStatus(GET_STATUS) => GetStatusRequest [shared], GetStatusResponse;
            QueryPosition(QUERY_POSITION) => QueryPositionRequest [shared], QueryPositionResponse;
            SeekRow(SEEK_ROW) => SeekRowRequest, SeekRowResponse;
            SeekRowBookmark(SEEK_ROW_BOOKMARK) => SeekRowBookmarkRequest<'a>, SeekRowBookmarkResponse;
            SeekRowFractional(SEEK_ROW_FRACTIONAL) => SeekRowFractionalRequest, SeekRowFractionalResponse;
            CreateBookmark(CREATE_BOOKMARK) => CreateBookmarkRequest [shared], CreateBookmarkResponse<'a>;
            QueryColumnsAll(QUERY_COLUMNS_ALL) => QueryColumnsAllRequest [shared], QueryColumnsAllResponse;
            FindRow(FIND_ROW) => FindRowRequest<'a> [boxed], FindRowResponse<'a> [boxed];
            FreeBookmark(FREE_BOOKMARK) => FreeBookmarkRequest<'a>, FreeBookmarkResponse;
            ResetTable(RESET_TABLE) => ResetTableRequest [shared], ResetTableResponse;
            ExpandRow(EXPAND_ROW) => ExpandRowRequest, ExpandRowResponse<'a>;
            CollapseRow(COLLAPSE_ROW) => CollapseRowRequest, CollapseRowResponse;
            GetCollapseState(GET_COLLAPSE_STATE) => GetCollapseStateRequest, GetCollapseStateResponse<'a>;
            SetCollapseState(SET_COLLAPSE_STATE) => SetCollapseStateRequest<'a>, SetCollapseStateResponse<'a>;
        }

        // 2.2.6 message
        message {
            OpenMessage(OPEN_MESSAGE) => OpenMessageRequest, OpenMessageResponse<'a> [boxed];
            CreateMessage(CREATE_MESSAGE) => CreateMessageRequest, CreateMessageResponse;
            SaveChangesMessage(SAVE_CHANGES_MESSAGE) => SaveChangesMessageRequest [shared], SaveChangesMessageResponse;
            RemoveAllRecipients(REMOVE_ALL_RECIPIENTS) => RemoveAllRecipientsRequest, RemoveAllRecipientsResponse;
            ModifyRecipients(MODIFY_RECIPIENTS) => ModifyRecipientsRequest<'a> [boxed], ModifyRecipientsResponse;
            ReadRecipients(READ_RECIPIENTS) => ReadRecipientsRequest, ReadRecipientsResponse<'a>;
            ReloadCachedInformation(RELOAD_CACHED_INFORMATION) => ReloadCachedInformationRequest, ReloadCachedInformationResponse<'a> [boxed];
            SetMessageStatus(SET_MESSAGE_STATUS) => SetMessageStatusRequest, SetMessageStatusResponse;
            GetMessageStatus(GET_MESSAGE_STATUS) => GetMessageStatusRequest, GetMessageStatusResponse;
            SetReadFlags(SET_READ_FLAGS) => SetReadFlagsRequest, SetReadFlagsResponse;
            SetMessageReadFlag(SET_MESSAGE_READ_FLAG) => SetMessageReadFlagRequest, SetMessageReadFlagResponse;
            OpenAttachment(OPEN_ATTACHMENT) => OpenAttachmentRequest, OpenAttachmentResponse;
            CreateAttachment(CREATE_ATTACHMENT) => CreateAttachmentRequest [shared], CreateAttachmentResponse;
            DeleteAttachment(DELETE_ATTACHMENT) => DeleteAttachmentRequest, DeleteAttachmentResponse;
            SaveChangesAttachment(SAVE_CHANGES_ATTACHMENT) => SaveChangesAttachmentRequest [shared], SaveChangesAttachmentResponse;
            OpenEmbeddedMessage(OPEN_EMBEDDED_MESSAGE) => OpenEmbeddedMessageRequest, OpenEmbeddedMessageResponse<'a> [boxed];
            GetAttachmentTable(GET_ATTACHMENT_TABLE) => GetAttachmentTableRequest [shared], GetAttachmentTableResponse;
            GetValidAttachments(GET_VALID_ATTACHMENTS) => GetValidAttachmentsRequest [shared], GetValidAttachmentsResponse;
        }

        // 2.2.7 transport
        transport {
            SubmitMessage(SUBMIT_MESSAGE) => SubmitMessageRequest, SubmitMessageResponse;
            AbortSubmit(ABORT_SUBMIT) => AbortSubmitRequest, AbortSubmitResponse;
            GetAddressTypes(GET_ADDRESS_TYPES) => GetAddressTypesRequest [shared], GetAddressTypesResponse<'a>;
            SetSpooler(SET_SPOOLER) => SetSpoolerRequest [shared], SetSpoolerResponse;
            SpoolerLockMessage(SPOOLER_LOCK_MESSAGE) => SpoolerLockMessageRequest, SpoolerLockMessageResponse;
            TransportSend(TRANSPORT_SEND) => TransportSendRequest [shared], TransportSendResponse<'a>;
            TransportNewMail(TRANSPORT_NEW_MAIL) => TransportNewMailRequest<'a> [boxed], TransportNewMailResponse;
            GetTransportFolder(GET_TRANSPORT_FOLDER) => GetTransportFolderRequest [shared], GetTransportFolderResponse;
            OptionsData(OPTIONS_DATA) => OptionsDataRequest<'a>, OptionsDataResponse<'a> [boxed];
        }

        // 2.2.8 property
        property {
            GetPropertyIdsFromNames(GET_PROPERTY_IDS_FROM_NAMES) => GetPropertyIdsFromNamesRequest<'a>, GetPropertyIdsFromNamesResponse;
            GetNamesFromPropertyIds(GET_NAMES_FROM_PROPERTY_IDS) => GetNamesFromPropertyIdsRequest, GetNamesFromPropertyIdsResponse<'a>;
            GetPropertiesSpecific(GET_PROPERTIES_SPECIFIC) => GetPropertiesSpecificRequest<'a>, GetPropertiesSpecificResponse<'a>;
            GetPropertiesAll(GET_PROPERTIES_ALL) => GetPropertiesAllRequest, GetPropertiesAllResponse<'a>;
            GetPropertiesList(GET_PROPERTIES_LIST) => GetPropertiesListRequest [shared], GetPropertiesListResponse;
            SetProperties(SET_PROPERTIES) => SetPropertiesRequest<'a> [shared], SetPropertiesResponse;
            SetPropertiesNoReplicate(SET_PROPERTIES_NO_REPLICATE) => SetPropertiesNoReplicateRequest<'a> [shared], SetPropertiesNoReplicateResponse;
            DeleteProperties(DELETE_PROPERTIES) => DeletePropertiesRequest [shared], DeletePropertiesResponse;
            DeletePropertiesNoReplicate(DELETE_PROPERTIES_NO_REPLICATE) => DeletePropertiesNoReplicateRequest [shared], DeletePropertiesNoReplicateResponse;
            QueryNamedProperties(QUERY_NAMED_PROPERTIES) => QueryNamedPropertiesRequest, QueryNamedPropertiesResponse<'a>;
            CopyProperties(COPY_PROPERTIES) => CopyPropertiesRequest, CopyPropertiesResponse;
            CopyTo(COPY_TO) => CopyToRequest, CopyToResponse;
            Progress(PROGRESS) => ProgressRequest, ProgressResponse;
        }

        // 2.2.9 stream
        stream {
            OpenStream(OPEN_STREAM) => OpenStreamRequest, OpenStreamResponse;
            ReadStream(READ_STREAM) => ReadStreamRequest, ReadStreamResponse<'a>;
            WriteStream(WRITE_STREAM) => WriteStreamRequest<'a> [shared], WriteStreamResponse;
            WriteStreamExtended(WRITE_STREAM_EXTENDED) => WriteStreamExtendedRequest<'a> [shared], WriteStreamExtendedResponse;
            CommitStream(COMMIT_STREAM) => CommitStreamRequest [shared], CommitStreamResponse;
            GetStreamSize(GET_STREAM_SIZE) => GetStreamSizeRequest [shared], GetStreamSizeResponse;
            SetStreamSize(SET_STREAM_SIZE) => SetStreamSizeRequest, SetStreamSizeResponse;
            SeekStream(SEEK_STREAM) => SeekStreamRequest, SeekStreamResponse;
            CopyToStream(COPY_TO_STREAM) => CopyToStreamRequest, CopyToStreamResponse;
            LockRegionStream(LOCK_REGION_STREAM) => LockRegionStreamRequest [shared], LockRegionStreamResponse;
            UnlockRegionStream(UNLOCK_REGION_STREAM) => UnlockRegionStreamRequest [shared], UnlockRegionStreamResponse;
            WriteAndCommitStream(WRITE_AND_COMMIT_STREAM) => WriteAndCommitStreamRequest<'a> [shared], WriteAndCommitStreamResponse;
            CloneStream(CLONE_STREAM) => CloneStreamRequest [shared], CloneStreamResponse;
        }

        // 2.2.10 permission
        permission {
            ModifyPermissions(MODIFY_PERMISSIONS) => ModifyPermissionsRequest<'a>, ModifyPermissionsResponse;
            GetPermissionsTable(GET_PERMISSIONS_TABLE) => GetPermissionsTableRequest [shared], GetPermissionsTableResponse;
        }

        // 2.2.11 rule
        rule {
            ModifyRules(MODIFY_RULES) => ModifyRulesRequest<'a>, ModifyRulesResponse;
            GetRulesTable(GET_RULES_TABLE) => GetRulesTableRequest [shared], GetRulesTableResponse;
            UpdateDeferredActionMessages(UPDATE_DEFERRED_ACTION_MESSAGES) => UpdateDeferredActionMessagesRequest<'a> [boxed], UpdateDeferredActionMessagesResponse;
        }

        // 2.2.12 fast transfer
        fast_transfer {
            FastTransferDestinationConfigure(FAST_TRANSFER_DESTINATION_CONFIGURE) => FastTransferDestinationConfigureRequest, FastTransferDestinationConfigureResponse;
            FastTransferDestinationPutBuffer(FAST_TRANSFER_DESTINATION_PUT_BUFFER) => FastTransferDestinationPutBufferRequest<'a> [shared], FastTransferDestinationPutBufferResponse;
            FastTransferDestinationPutBufferExtended(FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED) => FastTransferDestinationPutBufferExtendedRequest<'a> [shared], FastTransferDestinationPutBufferExtendedResponse;
            FastTransferSourceGetBuffer(FAST_TRANSFER_SOURCE_GET_BUFFER) => FastTransferSourceGetBufferRequest, FastTransferSourceGetBufferResponse<'a>;
            FastTransferSourceCopyFolder(FAST_TRANSFER_SOURCE_COPY_FOLDER) => FastTransferSourceCopyFolderRequest, FastTransferSourceCopyFolderResponse;
            FastTransferSourceCopyMessages(FAST_TRANSFER_SOURCE_COPY_MESSAGES) => FastTransferSourceCopyMessagesRequest, FastTransferSourceCopyMessagesResponse;
            FastTransferSourceCopyTo(FAST_TRANSFER_SOURCE_COPY_TO) => FastTransferSourceCopyToRequest [boxed], FastTransferSourceCopyToResponse;
            FastTransferSourceCopyProperties(FAST_TRANSFER_SOURCE_COPY_PROPERTIES) => FastTransferSourceCopyPropertiesRequest, FastTransferSourceCopyPropertiesResponse;
            TellVersion(TELL_VERSION) => TellVersionRequest, TellVersionResponse;
        }

        // 2.2.13 incremental change synchronization
        ics {
            SynchronizationConfigure(SYNCHRONIZATION_CONFIGURE) => SynchronizationConfigureRequest<'a> [boxed], SynchronizationConfigureResponse;
            SynchronizationImportMessageChange(SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE) => SynchronizationImportMessageChangeRequest<'a>, SynchronizationImportMessageChangeResponse;
            SynchronizationImportReadStateChanges(SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES) => SynchronizationImportReadStateChangesRequest<'a>, SynchronizationImportReadStateChangesResponse;
            SynchronizationImportHierarchyChange(SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE) => SynchronizationImportHierarchyChangeRequest<'a> [boxed], SynchronizationImportHierarchyChangeResponse;
            SynchronizationImportDeletes(SYNCHRONIZATION_IMPORT_DELETES) => SynchronizationImportDeletesRequest<'a>, SynchronizationImportDeletesResponse;
            SynchronizationImportMessageMove(SYNCHRONIZATION_IMPORT_MESSAGE_MOVE) => SynchronizationImportMessageMoveRequest<'a> [boxed], SynchronizationImportMessageMoveResponse;
            SynchronizationOpenCollector(SYNCHRONIZATION_OPEN_COLLECTOR) => SynchronizationOpenCollectorRequest, SynchronizationOpenCollectorResponse;
            SynchronizationGetTransferState(SYNCHRONIZATION_GET_TRANSFER_STATE) => SynchronizationGetTransferStateRequest [shared], SynchronizationGetTransferStateResponse;
            SynchronizationUploadStateStreamBegin(SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN) => SynchronizationUploadStateStreamBeginRequest, SynchronizationUploadStateStreamBeginResponse;
            SynchronizationUploadStateStreamContinue(SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE) => SynchronizationUploadStateStreamContinueRequest<'a>, SynchronizationUploadStateStreamContinueResponse;
            SynchronizationUploadStateStreamEnd(SYNCHRONIZATION_UPLOAD_STATE_STREAM_END) => SynchronizationUploadStateStreamEndRequest [shared], SynchronizationUploadStateStreamEndResponse;
            SetLocalReplicaMidsetDeleted(SET_LOCAL_REPLICA_MIDSET_DELETED) => SetLocalReplicaMidsetDeletedRequest, SetLocalReplicaMidsetDeletedResponse;
            GetLocalReplicaIds(GET_LOCAL_REPLICA_IDS) => GetLocalReplicaIdsRequest, GetLocalReplicaIdsResponse;
        }

        // 2.2.14 notification
        notification {
            RegisterNotification(REGISTER_NOTIFICATION) => RegisterNotificationRequest, RegisterNotificationResponse;
        }
    }
    request_only {
        // 2.2.15 other: the server does not answer RopRelease
        other { Release(RELEASE) => ReleaseRequest [shared]; }
    }
    standalone {
        other {
            BufferTooSmall(BUFFER_TOO_SMALL) => BufferTooSmallResponse<'a>;
            Backoff(BACKOFF) => BackoffResponse<'a>;
            Pending(PENDING) => PendingResponse;
        }
        notification { Notify(NOTIFY) => NotifyResponse<'a> [boxed]; }
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

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for RopResponse<'a> {
    /// One ROP response, RopId first, without the buffer around it, decoded with what `ctx`
    /// knows (the columns of its rows, the LogonFlags of its logon). The buffer decoder
    /// ([`RopResponseBuffer`]) builds that context from the request each response answers.
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let id = rop_id_at(r)?;
        RopResponse::decode_body(id, r, ctx).unwrap_or_else(|| Err(not_decoded(id, at)))
    }
}

impl<'a, 'r, 'c> DecodeWith<'a, (Option<&'r RopRequest<'a>>, Option<&'c PropTags<'a>>)>
    for RopResponse<'a>
{
    /// One ROP response, RopId first, against the request it answers (when known: its RopId
    /// must be one that answers the request; RopGetPropertiesSpecific gives the columns of its
    /// row, RopLogon its LogonFlags) and the columns of the table it reads (when known).
    fn decode_with_from(
        r: &mut Reader<'a>,
        (request, columns): (Option<&'r RopRequest<'a>>, Option<&'c PropTags<'a>>),
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
        let columns = match request {
            Some(RopRequest::GetPropertiesSpecific(g)) => Some(&g.property_tags),
            _ => columns,
        };
        let ctx = ResponseCtx::answering(request, columns);
        RopResponse::decode_body(id, r, ctx).unwrap_or_else(|| Err(not_decoded(id, at)))
    }
}

impl<'a, 'r> DecodeWith<'a, &'r RopRequest<'a>> for RopResponse<'a> {
    /// One ROP response, RopId first, against the request it answers (see the
    /// `(Option<&RopRequest>, Option<&PropTags>)` context).
    fn decode_with_from(
        r: &mut Reader<'a>,
        request: &'r RopRequest<'a>,
    ) -> Result<Self, DecodeError> {
        RopResponse::decode_with_from(r, (Some(request), None::<&PropTags<'a>>))
    }
}

impl<'a> RopResponse<'a> {
    /// The recipient columns a successful response (or its request) sets on a Message object:
    /// (handle index, columns) for RopOpenMessage, RopOpenEmbeddedMessage and
    /// RopReloadCachedInformation (their RecipientColumns) and RopModifyRecipients (the
    /// request's). RopReadRecipients rows use them ([MS-OXCDATA] 2.8.3.2).
    pub(crate) fn recipient_columns<'s>(
        &'s self,
        req: &'s RopRequest<'a>,
    ) -> Option<(u8, &'s PropTags<'a>)> {
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
