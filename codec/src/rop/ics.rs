//! [MS-OXCROPS] 2.2.13 Incremental Change Synchronization ROPs ([MS-OXCFXICS] adds the semantics).

use crate::wire::{min_len, wire_struct};
use std::borrow::Cow;

use bytes::BufMut;

use super::field::{
    hex16, hex32, hex8, rop_request, rop_response, InputOnlyRequest, InputOutputRequest, List16,
    MinLen, TaggedValues16,
};
use super::table::RestrictionData;
use crate::data::{FolderId, GlobalCounter, LongTermId, MessageId, PropTag};
use crate::fxics::idset::{PredecessorChangeList, Xid};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, u32_len, Decode, DecodeError, Encode, EncodeError, Guid, Reader,
    ResultExt,
};

/// Bytes preceded by their 4-byte size (SourceFolderIdSize + SourceFolderId, StreamDataSize +
/// StreamData, ...), borrowed from the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Bytes32<'a>(pub Cow<'a, [u8]>);

impl<'a> Decode<'a> for Bytes32<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.u32()?;
        // A size larger than the input fails as truncated in `bytes`, before any allocation.
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        Ok(Bytes32(Cow::Borrowed(r.bytes(n)?)))
    }
}

impl Encode for Bytes32<'_> {
    fn encoded_len(&self) -> usize {
        4 + self.0.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u32_len(self.0.len(), "size")?.encode(out)?;
        ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for Bytes32<'_> {
    fn to_tree(&self) -> Tree {
        Tree::Bytes(self.0.to_vec())
    }
}

// ---- 2.2.13.1 RopSynchronizationConfigure ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.1.1 RopSynchronizationConfigure request: configures a
    /// synchronization download on a folder ([MS-OXCFXICS] 2.2.3.2.1.1).
    pub struct SynchronizationConfigureRequest<'a> {
        /// InputHandleIndex: the folder.
        input_handle_index: Input,
        /// OutputHandleIndex: where the synchronization context goes.
        output_handle_index: Output,
        /// SynchronizationType: 0x01 contents, 0x02 hierarchy ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        synchronization_type: u8 => "SynchronizationType" as hex8,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.1).
        send_options: u8 => "SendOptions" as hex8,
        /// SynchronizationFlags ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        synchronization_flags: u16 => "SynchronizationFlags" as hex16,
        /// RestrictionDataSize and RestrictionData (size 0: no restriction).
        restriction_data: RestrictionData<'a> => "RestrictionData",
        /// SynchronizationExtraFlags ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        synchronization_extra_flags: u32 => "SynchronizationExtraFlags" as hex32,
        /// PropertyTags (PropertyTagCount is their number): properties to include or exclude.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

// ---- 2.2.13.2 RopSynchronizationImportMessageChange ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.2.1 RopSynchronizationImportMessageChange request: imports a new or
    /// changed message into the server replica ([MS-OXCFXICS] 2.2.3.2.4.2).
    pub struct SynchronizationImportMessageChangeRequest<'a> {
        /// InputHandleIndex: the synchronization upload context.
        input_handle_index: Input,
        /// OutputHandleIndex: where the Message object goes.
        output_handle_index: Output,
        /// ImportFlag ([MS-OXCFXICS] 2.2.3.2.4.2.1).
        import_flag: u8 => "ImportFlag" as hex8,
        /// PropertyValues (PropertyValueCount is their number).
        property_values: TaggedValues16<'a> => "PropertyValues",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.13.2.2 RopSynchronizationImportMessageChange success fields (also
    /// those of RopSynchronizationImportMessageMove, 2.2.13.6.2).
    pub struct MessageIdSuccess {
        /// MessageId: MUST be 0.
        message_id: MessageId => "MessageId",
    }
}

// ---- 2.2.13.3 RopSynchronizationImportReadStateChanges ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.13.3.1.1 MessageReadState: one message whose read state changes.
    pub struct MessageReadState<'a> {
        /// MessageId (MessageIdSize is its size): the message's source key (a GID).
        message_id: super::field::Bytes16<'a> => "MessageId",
        /// MarkAsRead: nonzero to mark read, zero to mark unread.
        mark_as_read: u8 => "MarkAsRead",
    }
}

min_len! { MessageReadState<'_> = 3; }

/// [MS-OXCROPS] 2.2.13.3.1 MessageReadStateSize (2 bytes, the size in bytes of
/// MessageReadStates) and MessageReadStates: the states fill exactly that size.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct MessageReadStates<'a>(pub Vec<MessageReadState<'a>>);

impl<'a> Decode<'a> for MessageReadStates<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let size = r.u16().field("MessageReadStateSize")?;
        let mut sub = r.sub(usize::from(size)).field("MessageReadStates")?;
        let mut v = Vec::new();
        while !sub.is_empty() {
            let i = v.len();
            v.push(
                MessageReadState::decode_from(&mut sub)
                    .index(i)
                    .field("MessageReadStates")?,
            );
        }
        Ok(MessageReadStates(v))
    }
}

impl Encode for MessageReadStates<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.0.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let n = self.encoded_len() - 2;
        u16_len(n, "MessageReadStateSize")?.encode(out)?;
        for s in &self.0 {
            s.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for MessageReadStates<'_> {
    fn to_tree(&self) -> Tree {
        Tree::List(self.0.iter().map(ToTree::to_tree).collect())
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.13.3.1 RopSynchronizationImportReadStateChanges request: imports read
    /// state changes ([MS-OXCFXICS] 2.2.3.2.4.6).
    pub struct SynchronizationImportReadStateChangesRequest<'a> {
        /// InputHandleIndex: the synchronization upload context.
        input_handle_index: Input,
        /// MessageReadStateSize and MessageReadStates.
        message_read_states: MessageReadStates<'a> => "MessageReadStates",
    }
}

// ---- 2.2.13.4 RopSynchronizationImportHierarchyChange ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.4.1 RopSynchronizationImportHierarchyChange request: imports a new
    /// or changed folder ([MS-OXCFXICS] 2.2.3.2.4.3).
    pub struct SynchronizationImportHierarchyChangeRequest<'a> {
        /// InputHandleIndex: the synchronization upload context.
        input_handle_index: Input,
        /// HierarchyValues (HierarchyValueCount is their number): the folder's place in the
        /// hierarchy.
        hierarchy_values: TaggedValues16<'a> => "HierarchyValues",
        /// PropertyValues (PropertyValueCount is their number): the folder's other properties.
        property_values: TaggedValues16<'a> => "PropertyValues",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.13.4.2 RopSynchronizationImportHierarchyChange success fields (and
    /// 2.2.7.8.2 RopGetTransportFolder's).
    pub struct FolderIdSuccess {
        /// FolderId: the folder (MUST be 0 for RopSynchronizationImportHierarchyChange).
        folder_id: FolderId => "FolderId",
    }
}

// ---- 2.2.13.5 RopSynchronizationImportDeletes ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.5.1 RopSynchronizationImportDeletes request: imports deletions of
    /// messages or folders ([MS-OXCFXICS] 2.2.3.2.4.5).
    pub struct SynchronizationImportDeletesRequest<'a> {
        /// InputHandleIndex: the synchronization upload context.
        input_handle_index: Input,
        /// ImportDeleteFlags ([MS-OXCFXICS] 2.2.3.2.4.5.1).
        import_delete_flags: u8 => "ImportDeleteFlags" as hex8,
        /// PropertyValues (PropertyValueCount is their number): one PtypMultipleBinary of the
        /// source keys to delete.
        property_values: TaggedValues16<'a> => "PropertyValues",
    }
}

// ---- 2.2.13.6 RopSynchronizationImportMessageMove ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.6.1 RopSynchronizationImportMessageMove request: imports the move
    /// of a message between folders ([MS-OXCFXICS] 2.2.3.2.4.4). Every field is a 4-byte size
    /// and that many bytes.
    pub struct SynchronizationImportMessageMoveRequest<'a> {
        /// InputHandleIndex: the synchronization upload context.
        input_handle_index: Input,
        /// SourceFolderId (SourceFolderIdSize is its size): the source folder's source key.
        source_folder_id: Bytes32<'a> => "SourceFolderId",
        /// SourceMessageId (SourceMessageIdSize is its size): the message's source key there.
        source_message_id: Bytes32<'a> => "SourceMessageId",
        /// PredecessorChangeList (PredecessorChangeListSize is its size): a PCL
        /// ([MS-OXCFXICS] 2.2.2.3; see `fxics::idset::PredecessorChangeList`).
        predecessor_change_list: Bytes32<'a> => "PredecessorChangeList",
        /// DestinationMessageId (DestinationMessageIdSize is its size).
        destination_message_id: Bytes32<'a> => "DestinationMessageId",
        /// ChangeNumber (ChangeNumberSize is its size): an XID ([MS-OXCFXICS] 2.2.2.2).
        change_number: Bytes32<'a> => "ChangeNumber",
    }
}

impl<'a> SynchronizationImportMessageMoveRequest<'a> {
    /// PredecessorChangeList read as a PCL ([MS-OXCFXICS] 2.2.2.3): SizedXids filling the field.
    pub fn pcl(&self) -> Result<PredecessorChangeList<'_>, DecodeError> {
        PredecessorChangeList::decode_exact(&self.predecessor_change_list.0, Default::default())
    }

    /// ChangeNumber read as an XID ([MS-OXCFXICS] 2.2.2.2) filling the field.
    pub fn change_number_xid(&self) -> Result<Xid<'_>, DecodeError> {
        Xid::decode_exact(&self.change_number.0, Default::default())
    }
}

// ---- 2.2.13.7 RopSynchronizationOpenCollector ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.7.1 RopSynchronizationOpenCollector request: opens a
    /// synchronization upload context ([MS-OXCFXICS] 2.2.3.2.4.1).
    pub struct SynchronizationOpenCollectorRequest {
        /// InputHandleIndex: the folder.
        input_handle_index: Input,
        /// OutputHandleIndex: where the upload context goes.
        output_handle_index: Output,
        /// IsContentsCollector: nonzero for contents, zero for hierarchy.
        is_contents_collector: u8 => "IsContentsCollector",
    }
}

// ---- 2.2.13.8 RopSynchronizationGetTransferState ----

/// [MS-OXCROPS] 2.2.13.8.1 RopSynchronizationGetTransferState request: a FastTransfer download
/// context for the current ICS state ([MS-OXCFXICS] 2.2.3.2.3.1). The fields of
/// [`InputOutputRequest`] (InputHandleIndex: the synchronization context; OutputHandleIndex: where
/// the FastTransfer download context goes).
pub type SynchronizationGetTransferStateRequest = InputOutputRequest;

// ---- 2.2.13.9 RopSynchronizationUploadStateStreamBegin ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.9.1 RopSynchronizationUploadStateStreamBegin request: starts the
    /// upload of one ICS state property ([MS-OXCFXICS] 2.2.3.2.2.1).
    pub struct SynchronizationUploadStateStreamBeginRequest {
        /// InputHandleIndex: the synchronization context.
        input_handle_index: Input,
        /// StateProperty: the ICS state property tag (MetaTagIdsetGiven, MetaTagCnsetSeen, ...).
        state_property: PropTag => "StateProperty",
        /// TransferBufferSize: the size of the whole property value.
        transfer_buffer_size: u32 => "TransferBufferSize",
    }
}

// ---- 2.2.13.10 RopSynchronizationUploadStateStreamContinue ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.10.1 RopSynchronizationUploadStateStreamContinue request: the next
    /// piece of the ICS state property value ([MS-OXCFXICS] 2.2.3.2.2.2).
    pub struct SynchronizationUploadStateStreamContinueRequest<'a> {
        /// InputHandleIndex: the synchronization context.
        input_handle_index: Input,
        /// StreamData (StreamDataSize, 4 bytes, is its size).
        stream_data: Bytes32<'a> => "StreamData",
    }
}

// ---- 2.2.13.11 RopSynchronizationUploadStateStreamEnd ----

/// [MS-OXCROPS] 2.2.13.11.1 RopSynchronizationUploadStateStreamEnd request: ends the upload of the
/// ICS state property ([MS-OXCFXICS] 2.2.3.2.2.3). The fields of [`InputOnlyRequest`]
/// (InputHandleIndex: the synchronization context).
pub type SynchronizationUploadStateStreamEndRequest = InputOnlyRequest;

// ---- 2.2.13.12 RopSetLocalReplicaMidsetDeleted ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.13.12.1.1 LongTermIdRange: a range of LongTermIDs.
    pub struct LongTermIdRange {
        /// MinLongTermId: the first ID of the range.
        min_long_term_id: LongTermId => "MinLongTermId",
        /// MaxLongTermId: the last ID of the range.
        max_long_term_id: LongTermId => "MaxLongTermId",
    }
}

min_len! { LongTermIdRange = 48; }

/// [MS-OXCROPS] 2.2.13.12.1 DataSize (2 bytes: the size of the next two fields),
/// LongTermIdRangeCount (4 bytes) and LongTermIdRanges.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct LongTermIdRanges(pub Vec<LongTermIdRange>);

impl<'a> Decode<'a> for LongTermIdRanges {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let size = r.u16().field("DataSize")?;
        let mut sub = r.sub(usize::from(size)).field("LongTermIdRanges")?;
        let n = sub
            .count(crate::wire::CountWidth::U32, LongTermIdRange::MIN_LEN)
            .field("LongTermIdRangeCount")?;
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            v.push(
                LongTermIdRange::decode_from(&mut sub)
                    .index(i)
                    .field("LongTermIdRanges")?,
            );
        }
        sub.finish().field("LongTermIdRanges")?;
        Ok(LongTermIdRanges(v))
    }
}

impl Encode for LongTermIdRanges {
    fn encoded_len(&self) -> usize {
        2 + 4 + self.0.len() * LongTermIdRange::MIN_LEN
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.encoded_len() - 2, "DataSize")?.encode(out)?;
        u32_len(self.0.len(), "LongTermIdRangeCount")?.encode(out)?;
        for x in &self.0 {
            x.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for LongTermIdRanges {
    fn to_tree(&self) -> Tree {
        Tree::List(self.0.iter().map(ToTree::to_tree).collect())
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.13.12.1 RopSetLocalReplicaMidsetDeleted request: IDs of a local
    /// replica that belong to deleted messages or will never be used ([MS-OXCFXICS]
    /// 2.2.3.2.4.8).
    pub struct SetLocalReplicaMidsetDeletedRequest {
        /// InputHandleIndex: the folder.
        input_handle_index: Input,
        /// DataSize, LongTermIdRangeCount and LongTermIdRanges.
        long_term_id_ranges: LongTermIdRanges => "LongTermIdRanges",
    }
}

// ---- 2.2.13.13 RopGetLocalReplicaIds ----

rop_request! {
    /// [MS-OXCROPS] 2.2.13.13.1 RopGetLocalReplicaIds request: reserves IDs for a local
    /// replica ([MS-OXCFXICS] 2.2.3.2.4.7).
    pub struct GetLocalReplicaIdsRequest {
        /// InputHandleIndex: the logon (or folder) object.
        input_handle_index: Input,
        /// IdCount: how many IDs to reserve.
        id_count: u32 => "IdCount",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.13.13.2 RopGetLocalReplicaIds success fields.
    pub struct GetLocalReplicaIdsSuccess {
        /// ReplGuid: the replica GUID the reserved IDs share.
        repl_guid: Guid => "ReplGuid",
        /// GlobalCount: the first GLOBCNT of the reserved range (6 bytes).
        global_count: GlobalCounter => "GlobalCount",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.13.1.2 RopSynchronizationConfigure response (no fields after
    /// ReturnValue, on success or failure).
    SynchronizationConfigureResponse = SYNCHRONIZATION_CONFIGURE { handle: Output }

    /// [MS-OXCROPS] 2.2.13.2.2 RopSynchronizationImportMessageChange response (failure:
    /// 2.2.13.2.3).
    SynchronizationImportMessageChangeResponse = SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE { handle: Output, success: MessageIdSuccess }

    /// [MS-OXCROPS] 2.2.13.3.2 RopSynchronizationImportReadStateChanges response.
    SynchronizationImportReadStateChangesResponse = SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES { handle: Input }

    /// [MS-OXCROPS] 2.2.13.4.2 RopSynchronizationImportHierarchyChange response (failure:
    /// 2.2.13.4.3).
    SynchronizationImportHierarchyChangeResponse = SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE { handle: Input, success: FolderIdSuccess }

    /// [MS-OXCROPS] 2.2.13.5.2 RopSynchronizationImportDeletes response.
    SynchronizationImportDeletesResponse = SYNCHRONIZATION_IMPORT_DELETES { handle: Input }

    /// [MS-OXCROPS] 2.2.13.6.2 RopSynchronizationImportMessageMove response (failure:
    /// 2.2.13.6.3).
    SynchronizationImportMessageMoveResponse = SYNCHRONIZATION_IMPORT_MESSAGE_MOVE { handle: Input, success: MessageIdSuccess }

    /// [MS-OXCROPS] 2.2.13.7.2 RopSynchronizationOpenCollector response.
    SynchronizationOpenCollectorResponse = SYNCHRONIZATION_OPEN_COLLECTOR,
    /// [MS-OXCROPS] 2.2.13.8.2 RopSynchronizationGetTransferState response.
    SynchronizationGetTransferStateResponse = SYNCHRONIZATION_GET_TRANSFER_STATE { handle: Output }

    /// [MS-OXCROPS] 2.2.13.9.2 RopSynchronizationUploadStateStreamBegin response.
    SynchronizationUploadStateStreamBeginResponse = SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN,
    /// [MS-OXCROPS] 2.2.13.10.2 RopSynchronizationUploadStateStreamContinue response.
    SynchronizationUploadStateStreamContinueResponse = SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE,
    /// [MS-OXCROPS] 2.2.13.11.2 RopSynchronizationUploadStateStreamEnd response.
    SynchronizationUploadStateStreamEndResponse = SYNCHRONIZATION_UPLOAD_STATE_STREAM_END,
    /// [MS-OXCROPS] 2.2.13.12.2 RopSetLocalReplicaMidsetDeleted response.
    SetLocalReplicaMidsetDeletedResponse = SET_LOCAL_REPLICA_MIDSET_DELETED { handle: Input }

    /// [MS-OXCROPS] 2.2.13.13.2 RopGetLocalReplicaIds response (failure: 2.2.13.13.3).
    GetLocalReplicaIdsResponse = GET_LOCAL_REPLICA_IDS { handle: Input, success: GetLocalReplicaIdsSuccess }
}

crate::wire::owned_impl!(struct Bytes32(0));
crate::wire::owned_impl!(struct MessageReadStates(0));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::field::{NoFields, Outcome};
    use crate::wire::ErrorKind;

    fn round_trip<'a, T: Decode<'a> + Encode + PartialEq + std::fmt::Debug>(bytes: &'a [u8]) -> T {
        let (rest, v) = T::decode(bytes).expect("decodes");
        assert!(rest.is_empty());
        let mut out = Vec::new();
        v.encode(&mut out).expect("encodes");
        assert_eq!(out, bytes);
        assert_eq!(v.encoded_len(), bytes.len());
        v
    }

    #[test]
    fn configure_without_restriction() {
        let b = [
            0x00, 0x01, 0x02, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x00, 0x1F, 0x00, 0x37, 0x00,
        ];
        let v: SynchronizationConfigureRequest<'_> = round_trip(&b);
        assert_eq!(v.restriction_data.0, None);
        assert_eq!(v.property_tags.0.len(), 1);
    }

    #[test]
    fn message_move_sizes() {
        let mut b = vec![0x00, 0x01];
        for n in [22u32, 22, 0, 22, 22] {
            b.extend_from_slice(&n.to_le_bytes());
            b.extend(std::iter::repeat_n(0xAB, n as usize));
        }
        let v: SynchronizationImportMessageMoveRequest<'_> = round_trip(&b);
        assert_eq!(v.predecessor_change_list.0.len(), 0);
        assert_eq!(v.pcl().unwrap().0.len(), 0);
        assert_eq!(v.change_number_xid().unwrap().local_id.len(), 6);
        // A size beyond the input is truncation, not an allocation.
        let bad = [0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF];
        let e = SynchronizationImportMessageMoveRequest::decode(&bad).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Truncated { .. }), "{e:?}");
    }

    #[test]
    fn read_states_fill_their_size() {
        let b = [0x00, 0x01, 0x05, 0x00, 0x02, 0x00, 0xAA, 0xBB, 0x01];
        let v: SynchronizationImportReadStateChangesRequest<'_> = round_trip(&b);
        assert_eq!(v.message_read_states.0.len(), 1);
        // Size 4 cuts the state short.
        let bad = [0x00, 0x01, 0x04, 0x00, 0x02, 0x00, 0xAA, 0xBB, 0x01];
        assert!(SynchronizationImportReadStateChangesRequest::decode(&bad).is_err());
    }

    #[test]
    fn midset_deleted_checks_count_and_size() {
        let mut b = vec![0x00, 0x01, 52, 0x00, 0x01, 0x00, 0x00, 0x00];
        b.extend([0x11; 22]);
        b.extend([0, 0]);
        b.extend([0x11; 22]);
        b.extend([0, 0]);
        let v: SetLocalReplicaMidsetDeletedRequest = round_trip(&b);
        assert_eq!(v.long_term_id_ranges.0.len(), 1);
        let mut bad = b.clone();
        bad[4] = 2; // two ranges claimed, one present
        assert!(SetLocalReplicaMidsetDeletedRequest::decode(&bad).is_err());
        let mut bad = b.clone();
        bad[2] = 53; // DataSize larger than the fields
        bad.push(0);
        let e = SetLocalReplicaMidsetDeletedRequest::decode(&bad).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::TrailingBytes { .. }), "{e:?}");
    }

    #[test]
    fn get_local_replica_ids_failure_has_no_fields() {
        use crate::wire::DecodeWith;
        let ctx = crate::rop::ResponseCtx::default();
        let b = [0x01, 0x05, 0x00, 0x04, 0x80];
        let mut r = Reader::new(&b);
        let v = GetLocalReplicaIdsResponse::decode_with_from(&mut r, ctx).unwrap();
        assert!(r.is_empty());
        assert_eq!(v.body, Outcome::Failure(NoFields));
        let mut b = vec![0x01, 0, 0, 0, 0];
        b.extend([0x22; 16]);
        b.extend([0, 0, 0, 0, 1, 0]);
        let mut r = Reader::new(&b);
        let v = GetLocalReplicaIdsResponse::decode_with_from(&mut r, ctx).unwrap();
        match v.body {
            Outcome::Success(s) => assert_eq!(s.global_count.value(), 0x100),
            _ => panic!("success expected"),
        }
        let mut r = Reader::new(&b[..b.len() - 1]);
        assert!(GetLocalReplicaIdsResponse::decode_with_from(&mut r, ctx).is_err());
    }
}
