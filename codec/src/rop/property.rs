//! [MS-OXCROPS] 2.2.8 Property ROPs ([MS-OXCPRPT] adds the semantics).

use crate::wire::wire_struct;
use crate::wire::Bool8;
use bytes::BufMut;

use super::context::ResponseCtx;
use super::field::{
    hex16, hex8, rop_request, rop_response, InputOnlyRequest, List16, MinLen, PropTags,
    TaggedValues16,
};
use crate::data::{PropTag, PropertyName, PropertyProblem, PropertyRow};
use crate::tree::{ToTree, ToTreeWith, Tree};
use crate::wire::{
    u16_len, u8_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith,
    ErrorKind, Guid, Reader, ResultExt,
};

pub use super::field::NULL_DESTINATION_OBJECT;

/// ReturnValue ErrorsReturned (0x00040380, ecWarnWithErrors, [MS-OXCDATA] 2.4.2): a request
/// on several properties failed for some of them while succeeding overall.
pub const ERRORS_RETURNED: u32 = 0x0004_0380;

/// The tree of a list of 16-bit property IDs, in hex.
fn ids_tree(ids: &List16<u16>) -> Tree {
    Tree::List(ids.0.iter().map(|&id| Tree::PropId(id)).collect())
}

// ---- 2.2.8.1 RopGetPropertyIdsFromNames ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.1.1 RopGetPropertyIdsFromNames request: maps named properties to
    /// property IDs ([MS-OXCPRPT] 2.2.12.1).
    pub struct GetPropertyIdsFromNamesRequest<'a> {
        /// InputHandleIndex: the object (Message, Attachment, Folder or Logon).
        input_handle_index: Input,
        /// Flags: 0x02 asks the server to create IDs for names it does not know, else 0x00.
        flags: u8 => "Flags" as hex8,
        /// PropertyNames (PropertyNameCount is their number; zero asks for every registered
        /// named property).
        property_names: List16<PropertyName<'a>> => "PropertyNames",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.1.2 RopGetPropertyIdsFromNames success fields.
    pub struct GetPropertyIdsFromNamesSuccess {
        /// PropertyIds (PropertyIdCount is their number), in the order of the request's
        /// names; 0x0000 for a name that could not be mapped.
        property_ids: List16<u16> => "PropertyIds" as ids_tree,
    }
}

// ---- 2.2.8.2 RopGetNamesFromPropertyIds ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.2.1 RopGetNamesFromPropertyIds request: maps property IDs to the
    /// names of named properties ([MS-OXCPRPT] 2.2.13.1).
    pub struct GetNamesFromPropertyIdsRequest {
        /// InputHandleIndex: the object (Message, Attachment, Folder or Logon).
        input_handle_index: Input,
        /// PropertyIds (PropertyIdCount is their number).
        property_ids: List16<u16> => "PropertyIds" as ids_tree,
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.2.2 RopGetNamesFromPropertyIds success fields.
    pub struct GetNamesFromPropertyIdsSuccess<'a> {
        /// PropertyNames (PropertyNameCount is their number), one per requested ID; Kind 0xFF
        /// for an ID without a name.
        property_names: List16<PropertyName<'a>> => "PropertyNames",
    }
}

// ---- 2.2.8.3 RopGetPropertiesSpecific ----
rop_request! {
    /// [MS-OXCROPS] 2.2.8.3.1 RopGetPropertiesSpecific request.
    pub struct GetPropertiesSpecificRequest<'a> {
        /// InputHandleIndex: the object whose properties are read.
        input_handle_index: Input,
        /// PropertySizeLimit: the largest value to return (0: the server's default).
        property_size_limit: u16 => "PropertySizeLimit",
        /// WantUnicode: nonzero to get the strings requested as PtypUnspecified in Unicode, zero
        /// for 8-bit ([MS-OXCPRPT] 3.2.5.1); a tag with a string type is answered in that type.
        want_unicode: u16 => "WantUnicode",
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: PropTags<'a> => "PropertyTags",
    }
}

/// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific success fields: RowData, one PropertyRow
/// of the requested tags ([`Self::columns`], not on the wire).
///
/// Written by hand: the columns are not on the wire; decoding takes them from the request
/// (the context), a value built for sending takes them in [`GetPropertiesSpecificSuccess::new`].
/// Encoding checks the row against them (one cell per tag, of the tag's type), and encoding the
/// response buffer against its request checks that they are the request's tags.
///
/// The requested tags are kept in the row ([`PropertyRow::columns`]), which a decoded row
/// shares with its request: no copy.
#[derive(Clone, Debug)]
pub struct GetPropertiesSpecificSuccess<'a> {
    /// RowData, labelled with the requested tags.
    row: PropertyRow<'a>,
}

impl<'a> GetPropertiesSpecificSuccess<'a> {
    /// The row `row` of the requested tags `columns` (the request's PropertyTags).
    pub fn new(columns: impl Into<PropTags<'a>>, row: PropertyRow<'a>) -> Self {
        GetPropertiesSpecificSuccess {
            row: row.with_columns(columns),
        }
    }

    /// RowData.
    pub fn row(&self) -> &PropertyRow<'a> {
        &self.row
    }

    /// RowData, given up.
    pub fn into_row(self) -> PropertyRow<'a> {
        self.row
    }

    /// The requested tags the row is of (not on the wire).
    pub fn columns(&self) -> &PropTags<'a> {
        static NONE: PropTags<'static> = PropTags::from_static(&[]);
        self.row.columns().unwrap_or(&NONE)
    }
}

/// The same row (cell by cell) of the same requested tags.
impl PartialEq for GetPropertiesSpecificSuccess<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.row == other.row && self.columns() == other.columns()
    }
}

impl<'a, 'c> DecodeWith<'a, ResponseCtx<'c, 'a>> for GetPropertiesSpecificSuccess<'a> {
    fn decode_with_from(r: &mut Reader<'a>, ctx: ResponseCtx<'c, 'a>) -> Result<Self, DecodeError> {
        let columns = ctx.require_columns(r, "the property tags of the request")?;
        let row = PropertyRow::decode_with_from(r, (columns, CountWidth::U16)).field("RowData")?;
        Ok(GetPropertiesSpecificSuccess { row })
    }
}

/// The row, checked against its columns as it is written.
impl Encode for GetPropertiesSpecificSuccess<'_> {
    fn encoded_len(&self) -> usize {
        self.row.encoded_len_with(CountWidth::U16)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.row
            .encode_with((self.columns(), CountWidth::U16), out)
            .field("RowData")
    }
}

/// A row and the columns it fits.
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for GetPropertiesSpecificSuccess<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let row: PropertyRow<'a> = u.arbitrary()?;
        let columns = row.arbitrary_columns(u)?;
        Ok(GetPropertiesSpecificSuccess::new(columns, row))
    }
}

impl ToTree for GetPropertiesSpecificSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record().field("RowData", self.row.to_tree_with(self.columns()))
    }
}

// ---- 2.2.8.4 RopGetPropertiesAll ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.4.1 RopGetPropertiesAll request: every property of an object
    /// ([MS-OXCPRPT] 2.2.3.1).
    pub struct GetPropertiesAllRequest {
        /// InputHandleIndex: the object whose properties are read.
        input_handle_index: Input,
        /// PropertySizeLimit: the largest value to return (0: only the buffer limits it).
        property_size_limit: u16 => "PropertySizeLimit",
        /// WantUnicode: nonzero to get the strings requested without a type in Unicode.
        want_unicode: u16 => "WantUnicode",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.4.2 RopGetPropertiesAll success fields.
    pub struct GetPropertiesAllSuccess<'a> {
        /// PropertyValues (PropertyValueCount is their number): the object's properties.
        property_values: TaggedValues16<'a> => "PropertyValues",
    }
}

// ---- 2.2.8.5 RopGetPropertiesList ----

/// [MS-OXCROPS] 2.2.8.5.1 RopGetPropertiesList request: the tags of every property set on an
/// object. The fields of [`InputOnlyRequest`] (InputHandleIndex: the object).
pub type GetPropertiesListRequest = InputOnlyRequest;

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.5.2 RopGetPropertiesList success fields (and 2.2.5.12.2
    /// RopQueryColumnsAll's).
    pub struct GetPropertiesListSuccess {
        /// PropertyTags (PropertyTagCount is their number).
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

// ---- 2.2.8.6 RopSetProperties, 2.2.8.7 RopSetPropertiesNoReplicate ----

/// A value preceded by its size in bytes, a size field `W` bytes wide (1 or 2): the size is
/// not stored, encoding computes it and decoding requires the value to fill it exactly
/// (PropertyValueSize of [MS-OXCROPS] 2.2.8.6.1, ServerNameSize of 2.2.3.1.4).
///
/// When the value does not fill its size, or runs past it while the buffer goes on, the error
/// is an invalid size at the size field's offset: the size is wrong, not the buffer short.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct SizedBy<T, const W: usize>(pub T);

/// A value preceded by its 1-byte size ([`SizedBy`]).
pub type Sized8<T> = SizedBy<T, 1>;

/// A value preceded by its 2-byte size ([`SizedBy`]).
pub type Sized16<T> = SizedBy<T, 2>;

impl<T, const W: usize> SizedBy<T, W> {
    /// Size fields are one or two bytes wide.
    const WIDTH: () = assert!(W == 1 || W == 2, "a size field is 1 or 2 bytes wide");
}

impl<'a, T: Decode<'a>, const W: usize> Decode<'a> for SizedBy<T, W> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let () = Self::WIDTH;
        let at = r.offset();
        let size = if W == 1 {
            usize::from(r.u8()?)
        } else {
            usize::from(r.u16()?)
        };
        let mut inner = r.sub(size)?;
        let wrong_size = |r: &Reader<'_>| {
            r.invalid_at(
                at,
                "the size is not the size of the value that follows it",
                size as u64,
            )
        };
        match T::decode_from(&mut inner) {
            Ok(v) if inner.is_empty() => Ok(SizedBy(v)),
            Ok(_) => Err(wrong_size(r)),
            Err(e) if matches!(e.kind(), ErrorKind::Truncated { .. }) && !r.is_empty() => {
                Err(wrong_size(r))
            }
            Err(e) => Err(e),
        }
    }
}

impl<T: Encode, const W: usize> Encode for SizedBy<T, W> {
    #[inline]
    fn encoded_len(&self) -> usize {
        W + self.0.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        let () = Self::WIDTH;
        let n = self.0.encoded_len();
        if W == 1 {
            u8_len(n, "size")?.encode(out)?;
        } else {
            u16_len(n, "size")?.encode(out)?;
        }
        self.0.encode(out)
    }
}

impl<T: ToTree, const W: usize> ToTree for SizedBy<T, W> {
    fn to_tree(&self) -> Tree {
        self.0.to_tree()
    }
}

/// PropertyValueCount and PropertyValues, for a tree that shows the count.
pub(crate) fn counted_values_tree(v: &TaggedValues16<'_>) -> Tree {
    Tree::record()
        .field("PropertyValueCount", Tree::UInt(v.0.len() as u64))
        .field("PropertyValues", v.to_tree())
}

/// PropertyValueSize, PropertyValueCount and PropertyValues.
fn sized_values_tree(v: &Sized16<TaggedValues16<'_>>) -> Tree {
    Tree::record()
        .field("PropertyValueSize", Tree::UInt(v.0.encoded_len() as u64))
        .splice(counted_values_tree(&v.0))
}

rop_request! {
    /// [MS-OXCROPS] 2.2.8.6.1 RopSetProperties request (and 2.2.8.7.1
    /// RopSetPropertiesNoReplicate, the same fields): sets properties on an object.
    pub struct SetPropertiesRequest<'a> {
        /// InputHandleIndex: the object whose properties are set.
        input_handle_index: Input,
        /// PropertyValueSize (the byte count of PropertyValueCount and PropertyValues, which
        /// they fill exactly) and PropertyValues (PropertyValueCount is their number).
        property_values: Sized16<TaggedValues16<'a>> => "PropertyValues"
            as sized_values_tree { flatten },
    }
}

/// [MS-OXCROPS] 2.2.8.7.1 RopSetPropertiesNoReplicate request: the fields of
/// [`SetPropertiesRequest`].
pub type SetPropertiesNoReplicateRequest<'a> = SetPropertiesRequest<'a>;

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.6.2 / 2.2.8.7.2 / 2.2.8.8.2 / 2.2.8.9.2 / 2.2.8.11.2 /
    /// 2.2.8.12.2 success fields: the properties that could not be set, deleted or copied.
    pub struct PropertyProblemsSuccess {
        /// PropertyProblems (PropertyProblemCount is their number; [MS-OXCDATA] 2.7).
        property_problems: List16<PropertyProblem> => "PropertyProblems",
    }
}

// ---- 2.2.8.8 RopDeleteProperties, 2.2.8.9 RopDeletePropertiesNoReplicate ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.8.1 RopDeleteProperties request (and 2.2.8.9.1
    /// RopDeletePropertiesNoReplicate, the same fields): removes properties from an object.
    pub struct DeletePropertiesRequest {
        /// InputHandleIndex: the object.
        input_handle_index: Input,
        /// PropertyTags (PropertyTagCount is their number): the properties to delete.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

/// [MS-OXCROPS] 2.2.8.9.1 RopDeletePropertiesNoReplicate request: the fields of
/// [`DeletePropertiesRequest`].
pub type DeletePropertiesNoReplicateRequest = DeletePropertiesRequest;

// ---- 2.2.8.10 RopQueryNamedProperties ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.10.1 RopQueryNamedProperties request: lists the named properties
    /// of an object, optionally of one property set.
    pub struct QueryNamedPropertiesRequest {
        /// InputHandleIndex: the object.
        input_handle_index: Input,
        /// QueryFlags ([MS-OXCPRPT] 2.2.9.1): 0x01 NoStrings (leave out names with a string
        /// identifier), 0x02 NoIds (leave out names with a LID).
        query_flags: u8 => "QueryFlags" as hex8,
        /// HasGuid: nonzero when PropertyGuid follows. Kept as sent, so that a nonzero value
        /// other than 0x01 re-encodes unchanged.
        has_guid: u8 => "HasGuid" as hex8,
        /// PropertyGuid: the property set to list; present exactly when HasGuid is nonzero.
        property_guid: Option<Guid> => "PropertyGuid" { if(has_guid) has_guid != 0 },
    }
}

/// [MS-OXCROPS] 2.2.8.10.2 RopQueryNamedProperties success fields: IdCount, then IdCount
/// property IDs, then IdCount PropertyNames (the name of each ID, in the same order).
///
/// Written by hand: one count for two lists, kept paired.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct QueryNamedPropertiesSuccess<'a> {
    /// PropertyIds and PropertyNames, paired (IdCount is their number).
    pub properties: Vec<(u16, PropertyName<'a>)>,
}

impl<'a> Decode<'a> for QueryNamedPropertiesSuccess<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        // Each entry takes at least a 2-byte ID and a 17-byte PropertyName.
        let n = r
            .count(CountWidth::U16, 2 + PropertyName::MIN_LEN)
            .field("IdCount")?;
        let mut ids = Vec::with_capacity(n);
        for i in 0..n {
            ids.push(r.u16().index(i).field("PropertyIds")?);
        }
        let mut properties = Vec::with_capacity(n);
        for (i, id) in ids.into_iter().enumerate() {
            let name = PropertyName::decode_from(r)
                .index(i)
                .field("PropertyNames")?;
            properties.push((id, name));
        }
        Ok(QueryNamedPropertiesSuccess { properties })
    }
}

impl Encode for QueryNamedPropertiesSuccess<'_> {
    fn encoded_len(&self) -> usize {
        2 + self
            .properties
            .iter()
            .map(|(_, n)| 2 + n.encoded_len())
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.properties.len(), "IdCount")?.encode(out)?;
        for (id, _) in &self.properties {
            id.encode(out)?;
        }
        for (_, name) in &self.properties {
            name.encode(out)?;
        }
        Ok(())
    }
}

impl ToTree for QueryNamedPropertiesSuccess<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("IdCount", Tree::UInt(self.properties.len() as u64))
            .field(
                "PropertyIds",
                Tree::List(self.properties.iter().map(|(id, _)| hex16(id)).collect()),
            )
            .field(
                "PropertyNames",
                Tree::List(self.properties.iter().map(|(_, n)| n.to_tree()).collect()),
            )
    }
}

// ---- 2.2.8.11 RopCopyProperties, 2.2.8.12 RopCopyTo ----

wire_struct! {
    /// The failure fields of a copy between two objects ([MS-OXCROPS] 2.2.8.11.3 / 2.2.8.12.3
    /// Null Destination Failure Response Buffer): DestHandleIndex (4 bytes) when ReturnValue
    /// is NullDestinationObject (0x00000503); nothing for any other code (2.2.8.11.4 /
    /// 2.2.8.12.4).
    ///
    /// When encoding, `dest_handle_index` must be present exactly when ReturnValue is
    /// 0x00000503: the response checks it (the body does not know its ReturnValue).
    #[derive(Copy, Eq, Default)]
    pub struct NullDestinationFailure in ctx: ResponseCtx<'c, 'a> {
        /// DestHandleIndex: the request's DestHandleIndex, on 4 bytes.
        dest_handle_index: Option<u32> => "DestHandleIndex"
            { if(ctx) ctx.return_value() == NULL_DESTINATION_OBJECT },
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.8.11.1 RopCopyProperties request: copies or moves the listed
    /// properties from one object to another.
    pub struct CopyPropertiesRequest {
        /// SourceHandleIndex: the object copied from.
        source_handle_index: Source,
        /// DestHandleIndex: the object copied to.
        dest_handle_index: Dest,
        /// WantAsynchronous: whether the server may answer with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// CopyFlags ([MS-OXCPRPT] 2.2.10.1): 0x01 Move, 0x02 NoOverwrite.
        copy_flags: u8 => "CopyFlags" as hex8,
        /// PropertyTags (PropertyTagCount is their number): the properties to copy.
        property_tags: List16<PropTag> => "PropertyTags",
    }
}

rop_request! {
    /// [MS-OXCROPS] 2.2.8.12.1 RopCopyTo request: copies or moves every property of one
    /// object to another, except the excluded ones.
    pub struct CopyToRequest {
        /// SourceHandleIndex: the object copied from.
        source_handle_index: Source,
        /// DestHandleIndex: the object copied to.
        dest_handle_index: Dest,
        /// WantAsynchronous: whether the server may answer with RopProgress.
        want_asynchronous: Bool8 => "WantAsynchronous",
        /// WantSubObjects: whether subobjects (attachments, recipients, ...) are copied too.
        want_sub_objects: Bool8 => "WantSubObjects",
        /// CopyFlags ([MS-OXCPRPT] 2.2.11.1): 0x01 Move, 0x02 NoOverwrite.
        copy_flags: u8 => "CopyFlags" as hex8,
        /// ExcludedTags (ExcludedTagCount is their number): the properties not to copy.
        excluded_tags: List16<PropTag> => "ExcludedTags",
    }
}

// ---- 2.2.8.13 RopProgress ----

rop_request! {
    /// [MS-OXCROPS] 2.2.8.13.1 RopProgress request: asks how far an asynchronous operation
    /// got, or cancels it.
    pub struct ProgressRequest {
        /// InputHandleIndex: the object the asynchronous operation runs on.
        input_handle_index: Input,
        /// WantCancel: whether to abort the operation.
        want_cancel: Bool8 => "WantCancel",
    }
}

wire_struct! {
    /// [MS-OXCROPS] 2.2.8.13.2 RopProgress success fields.
    pub struct ProgressSuccess {
        /// LogonId: the logon of the operation.
        logon_id: u8 => "LogonId",
        /// CompletedTaskCount: the tasks done so far.
        completed_task_count: u32 => "CompletedTaskCount",
        /// TotalTaskCount: the tasks in all.
        total_task_count: u32 => "TotalTaskCount",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.8.1.2 RopGetPropertyIdsFromNames response (failure: 2.2.8.1.3). The
    /// success fields also follow ReturnValue ErrorsReturned (0x00040380), the warning a
    /// server gives when some names could not be mapped (their IDs are 0x0000).
    GetPropertyIdsFromNamesResponse = GET_PROPERTY_IDS_FROM_NAMES { handle: Input, success: GetPropertyIdsFromNamesSuccess, success_codes: [0x0004_0380] }

    /// [MS-OXCROPS] 2.2.8.2.2 RopGetNamesFromPropertyIds response (failure: 2.2.8.2.3).
    GetNamesFromPropertyIdsResponse<'a> = GET_NAMES_FROM_PROPERTY_IDS { handle: Input, success: GetNamesFromPropertyIdsSuccess<'a> }

    /// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific response (failure: 2.2.8.3.3).
    GetPropertiesSpecificResponse<'a> = GET_PROPERTIES_SPECIFIC { handle: Input, success: GetPropertiesSpecificSuccess<'a> }

    /// [MS-OXCROPS] 2.2.8.4.2 RopGetPropertiesAll response (failure: 2.2.8.4.3).
    GetPropertiesAllResponse<'a> = GET_PROPERTIES_ALL { handle: Input, success: GetPropertiesAllSuccess<'a> }

    /// [MS-OXCROPS] 2.2.8.5.2 RopGetPropertiesList response (failure: 2.2.8.5.3).
    GetPropertiesListResponse = GET_PROPERTIES_LIST { handle: Input, success: GetPropertiesListSuccess }

    /// [MS-OXCROPS] 2.2.8.6.2 RopSetProperties response (failure: 2.2.8.6.3).
    SetPropertiesResponse = SET_PROPERTIES,
    /// [MS-OXCROPS] 2.2.8.7.2 RopSetPropertiesNoReplicate response (failure: 2.2.8.7.3).
    SetPropertiesNoReplicateResponse = SET_PROPERTIES_NO_REPLICATE,
    /// [MS-OXCROPS] 2.2.8.8.2 RopDeleteProperties response (failure: 2.2.8.8.3).
    DeletePropertiesResponse = DELETE_PROPERTIES,
    /// [MS-OXCROPS] 2.2.8.9.2 RopDeletePropertiesNoReplicate response (failure: 2.2.8.9.3).
    DeletePropertiesNoReplicateResponse = DELETE_PROPERTIES_NO_REPLICATE { handle: Input, success: PropertyProblemsSuccess }

    /// [MS-OXCROPS] 2.2.8.10.2 RopQueryNamedProperties response (failure: 2.2.8.10.3).
    QueryNamedPropertiesResponse<'a> = QUERY_NAMED_PROPERTIES { handle: Input, success: QueryNamedPropertiesSuccess<'a> }

    /// [MS-OXCROPS] 2.2.8.11.2 RopCopyProperties response (null destination failure:
    /// 2.2.8.11.3; failure: 2.2.8.11.4).
    CopyPropertiesResponse = COPY_PROPERTIES,
    /// [MS-OXCROPS] 2.2.8.12.2 RopCopyTo response (null destination failure: 2.2.8.12.3;
    /// failure: 2.2.8.12.4).
    CopyToResponse = COPY_TO { handle: Source, success: PropertyProblemsSuccess, failure: NullDestinationFailure, failure_field: dest_handle_index when NULL_DESTINATION_OBJECT }

    /// [MS-OXCROPS] 2.2.8.13.2 RopProgress response (failure: 2.2.8.13.3).
    ProgressResponse = PROGRESS { handle: Input, success: ProgressSuccess }
}

// Owned forms of the hand-written types.
crate::wire::owned_impl!(struct GetPropertiesSpecificSuccess { row });
crate::wire::owned_impl!(struct QueryNamedPropertiesSuccess { properties });

impl<T: crate::wire::IntoOwned, const W: usize> crate::wire::IntoOwned for SizedBy<T, W> {
    type Owned = SizedBy<T::Owned, W>;
    fn into_owned(self) -> SizedBy<T::Owned, W> {
        SizedBy(crate::wire::IntoOwned::into_owned(self.0))
    }
}

/// RowData, and the requested tags the row is of (not on the wire: they label the row, and
/// may be left out of the input).
#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;

    impl serde::Serialize for GetPropertiesSpecificSuccess<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct("GetPropertiesSpecificSuccess", 2)?;
            st.serialize_field("RowData", &self.row)?;
            st.serialize_field("Columns", self.columns())?;
            st.end()
        }
    }

    impl<'de> serde::Deserialize<'de> for GetPropertiesSpecificSuccess<'_> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            #[derive(serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Form<'a> {
                #[serde(rename = "RowData")]
                row: PropertyRow<'a>,
                #[serde(rename = "Columns", default)]
                columns: PropTags<'static>,
            }
            let f = <Form<'_> as serde::Deserialize>::deserialize(d)?;
            Ok(GetPropertiesSpecificSuccess::new(f.columns, f.row))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rop::field::{NoFields, Outcome};
    use crate::rop::test_util::{assert_error, request, response, success_of};
    use crate::rop::{HandleRole, RequestCtx, RopRequest, RopResponse};
    use crate::wire::Limits;

    /// [MS-OXCPRPT] 4.2.1: RopSetProperties with PidTagSubjectPrefix "" and
    /// PidTagNormalizedSubject "Hello World".
    const SET_PROPERTIES: [u8; 41] = [
        0x0A, 0x00, 0x00, 0x24, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x3D, 0x00, 0x00, 0x00, 0x1F, 0x00,
        0x1D, 0x0E, 0x48, 0x00, 0x65, 0x00, 0x6C, 0x00, 0x6C, 0x00, 0x6F, 0x00, 0x20, 0x00, 0x57,
        0x00, 0x6F, 0x00, 0x72, 0x00, 0x6C, 0x00, 0x64, 0x00, 0x00, 0x00,
    ];

    #[test]
    fn set_properties_spec_example() {
        let req = request(&SET_PROPERTIES);
        let RopRequest::SetProperties(s) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(s.property_values.0 .0.len(), 2);
        assert_eq!(s.property_values.0 .0[1].tag, PropTag(0x0E1D_001F));
        let t = req.to_tree().to_text();
        assert!(t.contains("PropertyValueSize: 36"), "{t}");
        // [MS-OXCPRPT] 4.2.2: no problems.
        let resp = response(&req, &[0x0A, 0x00, 0, 0, 0, 0, 0x00, 0x00]);
        assert!(matches!(
            resp,
            RopResponse::SetProperties(SetPropertiesResponse {
                body: Outcome::Success(PropertyProblemsSuccess { ref property_problems }),
                ..
            }) if property_problems.0.is_empty()
        ));
    }

    #[test]
    fn set_properties_size_must_match() {
        // One byte too many in PropertyValueSize: the values end before it does.
        let mut b = SET_PROPERTIES.to_vec();
        b[3] = 0x25;
        b.push(0x00);
        let e =
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap_err();
        assert_error(&e, "invalid-value", 3);
        // One byte too few: the second value runs past it while the buffer goes on.
        let mut b = SET_PROPERTIES.to_vec();
        b[3] = 0x23;
        let e =
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap_err();
        assert_error(&e, "invalid-value", 3);
        // A size past the end of the input is a truncation.
        let mut b = SET_PROPERTIES.to_vec();
        b[3] = 0x30;
        let e =
            RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap_err();
        assert_eq!(e.kind().name(), "truncated");
    }

    #[test]
    fn get_property_ids_from_names_warning_keeps_the_ids() {
        // Flags 0x00, one MNID_ID name in PS_PUBLIC_STRINGS.
        let mut q = vec![0x56, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00];
        q.extend_from_slice(&[
            0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x46,
        ]);
        q.extend_from_slice(&[0x1C, 0x85, 0x00, 0x00]);
        let req = request(&q);
        assert!(GetPropertyIdsFromNamesResponse::is_success_code(
            ERRORS_RETURNED
        ));
        // ReturnValue 0x00040380, then PropertyIdCount 1, PropertyIds [0x0000].
        let b = [0x56, 0x00, 0x80, 0x03, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00];
        let resp = response(&req, &b);
        assert!(matches!(
            resp,
            RopResponse::GetPropertyIdsFromNames(GetPropertyIdsFromNamesResponse {
                return_value: ERRORS_RETURNED,
                body: Outcome::Success(_),
                ..
            })
        ));
        // Any other failure has no fields.
        let resp = response(&req, &[0x56, 0x00, 0x05, 0x40, 0x00, 0x80]);
        assert!(matches!(
            resp,
            RopResponse::GetPropertyIdsFromNames(GetPropertyIdsFromNamesResponse {
                body: Outcome::Failure(NoFields),
                ..
            })
        ));
    }

    #[test]
    fn query_named_properties_optional_guid() {
        let without = [0x5F, 0x00, 0x00, 0x02, 0x00];
        let req = request(&without);
        assert!(matches!(
            req,
            RopRequest::QueryNamedProperties(QueryNamedPropertiesRequest {
                property_guid: None,
                ..
            })
        ));
        // HasGuid 0x02 (nonzero) also announces the GUID, and re-encodes as 0x02.
        let mut with = vec![0x5F, 0x00, 0x00, 0x00, 0x02];
        with.extend_from_slice(&[0x11; 16]);
        let req = request(&with);
        let RopRequest::QueryNamedProperties(q) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(q.property_guid, Some(Guid([0x11; 16])));
        let bad = QueryNamedPropertiesRequest {
            has_guid: 0,
            ..q.clone()
        };
        assert!(bad.to_bytes().is_err());
    }

    #[test]
    fn query_named_properties_success_pairs_ids_and_names() {
        let req = request(&[0x5F, 0x00, 0x00, 0x00, 0x00]);
        let mut b = vec![0x5F, 0x00, 0, 0, 0, 0, 0x02, 0x00, 0x01, 0x80, 0x02, 0x80];
        b.push(0x00);
        b.extend_from_slice(&[0x22; 16]);
        b.extend_from_slice(&[0x05, 0x00, 0x00, 0x00]);
        b.push(0xFF);
        b.extend_from_slice(&[0x33; 16]);
        let resp = response(&req, &b);
        let s = success_of!(QueryNamedProperties, &resp);
        assert_eq!(s.properties.len(), 2);
        assert_eq!(s.properties[1].0, 0x8002);
        // An IdCount the bytes cannot hold fails before allocating.
        b[6] = 0xFF;
        let mut r = Reader::new(&b);
        let e = RopResponse::decode_with_from(&mut r, (Some(&req), None)).unwrap_err();
        assert_error(&e, "count-too-large", 6);
    }

    #[test]
    fn copy_to_null_destination_carries_dest_handle_index() {
        // WantAsynchronous 0, WantSubObjects 1, CopyFlags 0x01 (Move), one excluded tag.
        let q = [
            0x39, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x00, 0x1F, 0x00, 0x37, 0x00,
        ];
        let req = request(&q);
        assert_eq!(req.handle_indexes().get(HandleRole::Dest), Some(1));
        let b = [0x39, 0x00, 0x03, 0x05, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00];
        let resp = response(&req, &b);
        assert!(matches!(
            resp,
            RopResponse::CopyTo(CopyToResponse {
                body: Outcome::Failure(NullDestinationFailure {
                    dest_handle_index: Some(1)
                }),
                ..
            })
        ));
        // Another failure code: nothing after ReturnValue.
        let resp = response(&req, &[0x39, 0x00, 0x05, 0x00, 0x07, 0x80]);
        assert!(matches!(
            resp,
            RopResponse::CopyTo(CopyToResponse {
                body: Outcome::Failure(NullDestinationFailure {
                    dest_handle_index: None
                }),
                ..
            })
        ));
        // Success: one PropertyProblem.
        let b = [
            0x39, 0x00, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x00, 0x1F, 0x00, 0x37, 0x00, 0x05, 0x01,
            0x04, 0x80,
        ];
        let resp = response(&req, &b);
        let t = resp.to_tree().to_text();
        assert!(t.contains("PropertyProblems"), "{t}");
    }

    #[test]
    fn copy_properties_keeps_a_nonzero_boolean_with_a_note() {
        // WantAsynchronous is nonzero for TRUE ([MS-OXCPRPT] 2.2.10.1): 0x02 reads as TRUE,
        // re-encodes as sent, and its tree notes the non-canonical byte.
        let q = [0x67, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00];
        let r = RopRequest::decode_with_exact(&q, RequestCtx::default(), Limits::STRICT).unwrap();
        assert_eq!(r.to_bytes().unwrap(), q);
        let notes = r.to_tree().remarks();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].path.ends_with("WantAsynchronous"), "{}", notes[0]);
    }

    #[test]
    fn progress_spec_example() {
        // [MS-OXCPRPT] 4.5, steps 3 and 4.
        let req = request(&[0x50, 0x00, 0x00, 0x00]);
        let b = [
            0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3B, 0x00, 0x00, 0x00, 0xD9, 0x02, 0x00,
            0x00,
        ];
        let resp = response(&req, &b);
        assert!(matches!(
            resp,
            RopResponse::Progress(ProgressResponse {
                body: Outcome::Success(ProgressSuccess {
                    completed_task_count: 59,
                    total_task_count: 729,
                    ..
                }),
                ..
            })
        ));
    }
}
