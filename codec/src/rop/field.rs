//! Building blocks of ROP buffers: the traits a ROP's fields implement, the macros that declare
//! requests (`rop_request!`) and responses (`rop_response!`) on top of `wire_struct!`, the
//! requests of the ROPs without fields of their own, and the counted lists and byte runs many
//! ROPs share.

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::{PropTag, TaggedPropertyValue};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u16_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError, EncodeWith, Reader,
    ResultExt,
};

pub(crate) use crate::tree::{error_code, hex16, hex32, hex8};
use crate::wire::{exact_len, min_len};
pub use crate::wire::{Bytes16, List16, MinLen, NoFields, Outcome};

/// What a handle-index field of a ROP names: which of the ROP's objects its Server object
/// handle slot holds ([MS-OXCROPS] 2.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HandleRole {
    /// InputHandleIndex: the object the ROP acts on.
    Input,
    /// OutputHandleIndex: where the object the ROP creates goes.
    Output,
    /// SourceHandleIndex: the source object of a copy or move.
    Source,
    /// DestHandleIndex: the destination object of a copy or move.
    Dest,
    /// ResponseHandleIndex: the slot the response refers to (RopSetMessageReadFlag).
    Response,
}

impl HandleRole {
    /// The spec's name of the field (`InputHandleIndex`).
    pub const fn field_name(self) -> &'static str {
        match self {
            HandleRole::Input => "InputHandleIndex",
            HandleRole::Output => "OutputHandleIndex",
            HandleRole::Source => "SourceHandleIndex",
            HandleRole::Dest => "DestHandleIndex",
            HandleRole::Response => "ResponseHandleIndex",
        }
    }
}

/// The handle-table indexes and the LogonId a request names.
pub trait RequestFields {
    /// LogonId.
    fn logon_id(&self) -> u8;
    /// Every handle-index field, by role; the input object's index first.
    fn handle_indexes(&self) -> HandleIndexes;
    /// The first handle-index field that is `len` or more (past a table of `len` handles).
    fn handle_past(&self, len: usize) -> Option<(HandleRole, u8)> {
        self.handle_indexes()
            .iter()
            .find(|&(_, i)| usize::from(i) >= len)
    }
}

/// Up to three handle-index fields of one ROP, as (role, index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HandleIndexes {
    items: [Option<(HandleRole, u8)>; 3],
}

impl HandleIndexes {
    /// The list of `items` (at most three are kept).
    pub fn new(items: &[(HandleRole, u8)]) -> Self {
        let mut h = HandleIndexes::default();
        for (slot, item) in h.items.iter_mut().zip(items) {
            *slot = Some(*item);
        }
        h
    }

    /// The fields, in wire order.
    pub fn iter(&self) -> impl Iterator<Item = (HandleRole, u8)> + '_ {
        let n = self.items.iter().take_while(|i| i.is_some()).count();
        self.items[..n].iter().flatten().copied()
    }

    /// The first one: the input object's index (InputHandleIndex or SourceHandleIndex).
    pub fn input(&self) -> Option<u8> {
        self.items[0].map(|h| h.1)
    }

    /// The index of the field of `role`.
    pub fn get(&self, role: HandleRole) -> Option<u8> {
        self.items
            .iter()
            .flatten()
            .find(|h| h.0 == role)
            .map(|h| h.1)
    }
}

/// ReturnValue NullDestinationObject (0x00000503, [MS-OXCDATA] 2.4.1): the destination object
/// of a move or copy does not exist. The failure response then carries DestHandleIndex
/// ([MS-OXCROPS] 2.2.4.6.3, 2.2.4.7.3, 2.2.4.8.3, 2.2.8.11.3, 2.2.8.12.3, 2.2.9.8.3).
pub const NULL_DESTINATION_OBJECT: u32 = 0x0000_0503;

min_len! {
    crate::data::FolderId = 8;
    crate::data::MessageId = 8;
    crate::data::LongTermId = 24;
    crate::data::PropertyProblem = 10;
    crate::data::SortOrder = 6;
    // Kind and GUID; Kind 0xFF has nothing after them.
    crate::data::PropertyName<'_> = 17;
    // RuleDataFlags and PropertyValueCount.
    crate::data::RuleData<'_> = 3;
}

exact_len! {
    PropTag = 4, |b| PropTag(u32::from_le_bytes(b));
}

/// PropertyTagCount (2 bytes) and that many PropertyTags ([MS-OXCDATA] 2.9), kept as their
/// wire bytes: decoding borrows them from the input and allocates nothing; [`PropTags::iter`]
/// reads the tags. Built from tags with [`PropTags::new`] or `From<Vec<PropTag>>`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct PropTags<'a>(Cow<'a, [u8]>);

impl<'a> PropTags<'a> {
    /// The list of `tags`.
    pub fn new(tags: &[PropTag]) -> PropTags<'static> {
        PropTags(Cow::Owned(
            tags.iter().flat_map(|t| t.0.to_le_bytes()).collect(),
        ))
    }

    /// The number of tags.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// Whether there are no tags.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The tags, in wire order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = PropTag> + '_ {
        self.0.chunks_exact(4).map(|c| {
            PropTag(u32::from_le_bytes(
                <[u8; 4]>::try_from(c).unwrap_or_default(),
            ))
        })
    }

    /// The tag at `index`.
    pub fn get(&self, index: usize) -> Option<PropTag> {
        let at = index.checked_mul(4)?;
        let b: [u8; 4] = self.0.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(PropTag(u32::from_le_bytes(b)))
    }

    /// The tags, copied.
    pub fn to_vec(&self) -> Vec<PropTag> {
        self.iter().collect()
    }

    /// The same list, owning its bytes.
    pub fn into_owned(self) -> PropTags<'static> {
        PropTags(Cow::Owned(self.0.into_owned()))
    }
}

impl<'a> crate::wire::IntoOwned for PropTags<'a> {
    type Owned = PropTags<'static>;
    fn into_owned(self) -> PropTags<'static> {
        PropTags::into_owned(self)
    }
}

impl From<Vec<PropTag>> for PropTags<'static> {
    fn from(tags: Vec<PropTag>) -> Self {
        PropTags::new(&tags)
    }
}

impl From<&[PropTag]> for PropTags<'static> {
    fn from(tags: &[PropTag]) -> Self {
        PropTags::new(tags)
    }
}

impl std::fmt::Debug for PropTags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> Decode<'a> for PropTags<'a> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U16, 4)?;
        Ok(PropTags(Cow::Borrowed(r.bytes(4 * n)?)))
    }
}

impl Encode for PropTags<'_> {
    #[inline]
    fn encoded_len(&self) -> usize {
        2 + self.0.len()
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.0.len() % 4 != 0 {
            return Err(EncodeError::invalid("property tags are 4 bytes each"));
        }
        u16_len(self.len(), "count")?.encode(out)?;
        crate::wire::ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for PropTags<'_> {
    fn to_tree(&self) -> Tree {
        Tree::List(self.iter().map(|t| t.to_tree()).collect())
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for PropTags<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let tags: Vec<PropTag> = u.arbitrary()?;
        Ok(PropTags::new(&tags))
    }
}

/// TaggedPropertyValues preceded by their 2-byte count, values with the 2-byte counts of ROP
/// buffers ([MS-OXCDATA] 2.11.4).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct TaggedValues16<'a>(pub Vec<TaggedPropertyValue<'a>>);

impl<'a> Decode<'a> for TaggedValues16<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        // A tag and the smallest value (PtypNull has none, but a tag is 4 bytes).
        let n = r.count(CountWidth::U16, 4)?;
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            v.push(TaggedPropertyValue::decode_with_from(r, CountWidth::U16).index(i)?);
        }
        Ok(TaggedValues16(v))
    }
}

impl Encode for TaggedValues16<'_> {
    fn encoded_len(&self) -> usize {
        2 + self
            .0
            .iter()
            .map(|v| v.encoded_len_with(CountWidth::U16))
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.0.len(), "PropertyValueCount")?.encode(out)?;
        for v in &self.0 {
            v.encode_with(CountWidth::U16, out)?;
        }
        Ok(())
    }
}

impl<'a> crate::wire::IntoOwned for TaggedValues16<'a> {
    type Owned = TaggedValues16<'static>;
    fn into_owned(self) -> TaggedValues16<'static> {
        TaggedValues16(crate::wire::IntoOwned::into_owned(self.0))
    }
}

impl ToTree for TaggedValues16<'_> {
    fn to_tree(&self) -> Tree {
        Tree::List(self.0.iter().map(ToTree::to_tree).collect())
    }
}

/// `Encode` and `ToTree` for an enum each variant of which holds one value: the value's own
/// bytes and tree (the variant adds nothing to either; the decoder picks it from elsewhere).
///
/// ```ignore
/// encode_as_variant!(FolderString<'_> { Unicode, Multibyte });
/// ```
macro_rules! encode_as_variant {
    ($name:ident $(<$lt:lifetime>)? { $($variant:ident),+ $(,)? }) => {
        impl $crate::wire::Encode for $name $(<$lt>)? {
            fn encoded_len(&self) -> usize {
                match self {
                    $($name::$variant(v) => $crate::wire::Encode::encoded_len(v),)+
                }
            }
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                match self {
                    $($name::$variant(v) => $crate::wire::Encode::encode(v, out),)+
                }
            }
        }

        impl $crate::tree::ToTree for $name $(<$lt>)? {
            fn to_tree(&self) -> $crate::tree::Tree {
                match self {
                    $($name::$variant(v) => $crate::tree::ToTree::to_tree(v),)+
                }
            }
        }
    };
}
pub(crate) use encode_as_variant;

/// Declares a ROP request: a [`wire_struct!`](crate::wire::wire_struct) field list without
/// its LogonId (the first field of every request, added in front), in which each
/// handle-index field is written `name: Role` (one byte, shown and named in errors as
/// [`HandleRole::field_name`]). The roles give the struct [`RequestFields`], the input
/// object's index first (InputHandleIndex or SourceHandleIndex, wherever it stands on the
/// wire).
///
/// ```ignore
/// rop_request! {
///     /// [MS-OXCROPS] 2.2.9.1.1 RopOpenStream request: opens a property as a Stream object.
///     pub struct OpenStreamRequest {
///         /// InputHandleIndex: the object holding the property.
///         input_handle_index: Input,
///         /// OutputHandleIndex: where the Stream object's handle goes.
///         output_handle_index: Output,
///         /// PropertyTag: the property to open.
///         property_tag: PropTag => "PropertyTag",
///         /// OpenModeFlags ([MS-OXCPRPT] 2.2.14.1).
///         open_mode_flags: u8 => "OpenModeFlags" as hex8,
///     }
/// }
/// ```
///
/// is the `wire_struct!` of the fields `logon_id: u8 => "LogonId"`, `input_handle_index: u8 =>
/// "InputHandleIndex"`, `output_handle_index: u8 => "OutputHandleIndex"` and the two others,
/// with `handles { Input: input_handle_index, Output: output_handle_index }`.
macro_rules! rop_request {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? $(in $c:ident : $cty:ty)? { $($fields:tt)* }
    ) => {
        $crate::rop::field::rop_request!(@fields
            [$(#[$meta])* pub struct $name $(<$lt>)? $(in $c : $cty)?] [] [] [] $($fields)*);
    };
    // The fields one at a time, into [struct head] [fields] [input handle] [other handles].
    (@fields $head:tt $fields:tt $input:tt $other:tt
        $(#[$fm:meta])* $field:ident : $role:ident, $($rest:tt)*
    ) => {
        $crate::rop::field::rop_request!(@$role
            [$(#[$fm])*] $field $head $fields $input $other $($rest)*);
    };
    (@fields $head:tt [$($fields:tt)*] $input:tt $other:tt
        $(#[$fm:meta])* $field:ident : $ty:ty => $wire:literal $(as $tree:path)?
            $({ $($opt:tt)* })?, $($rest:tt)*
    ) => {
        $crate::rop::field::rop_request!(@fields $head
            [$($fields)* $(#[$fm])* $field: $ty => $wire $(as $tree)? $({ $($opt)* })?,]
            $input $other $($rest)*);
    };
    (@fields [$($head:tt)*] [$($fields:tt)*] [$($input:tt)*] [$($other:tt)*]) => {
        $crate::wire::wire_struct! {
            $($head)* {
                /// LogonId.
                logon_id: u8 => "LogonId",
                $($fields)*
            }
            handles { $($input)* $($other)* }
        }
    };
    // A role's field name, and whether it names the input object (listed first).
    (@Input $($k:tt)*) => { $crate::rop::field::rop_request!(@handle "InputHandleIndex" [Input] [] $($k)*); };
    (@Source $($k:tt)*) => { $crate::rop::field::rop_request!(@handle "SourceHandleIndex" [Source] [] $($k)*); };
    (@Output $($k:tt)*) => { $crate::rop::field::rop_request!(@handle "OutputHandleIndex" [] [Output] $($k)*); };
    (@Dest $($k:tt)*) => { $crate::rop::field::rop_request!(@handle "DestHandleIndex" [] [Dest] $($k)*); };
    (@Response $($k:tt)*) => { $crate::rop::field::rop_request!(@handle "ResponseHandleIndex" [] [Response] $($k)*); };
    (@handle $wire:literal [$($first:ident)?] [$($then:ident)?] [$($fm:tt)*] $field:ident
        $head:tt [$($fields:tt)*] [$($input:tt)*] [$($other:tt)*] $($rest:tt)*
    ) => {
        $crate::rop::field::rop_request!(@fields $head [$($fields)* $($fm)* $field: u8 => $wire,]
            [$($input)* $($first: $field,)?] [$($other)* $($then: $field,)?] $($rest)*);
    };
}
pub(crate) use rop_request;

rop_request! {
    /// The request of the ROPs without fields of their own, LogonId and InputHandleIndex only:
    /// [MS-OXCROPS] 2.2.3.4.1 RopGetReceiveFolderTable, 2.2.3.5.1 RopGetStoreState, 2.2.5.5.1
    /// RopAbort, 2.2.5.6.1 RopGetStatus, 2.2.5.7.1 RopQueryPosition, 2.2.5.11.1
    /// RopCreateBookmark, 2.2.5.12.1 RopQueryColumnsAll, 2.2.5.15.1 RopResetTable, 2.2.6.18.1
    /// RopGetValidAttachments, 2.2.7.3.1 RopGetAddressTypes, 2.2.7.4.1 RopSetSpooler,
    /// 2.2.7.6.1 RopTransportSend, 2.2.7.8.1 RopGetTransportFolder, 2.2.8.5.1
    /// RopGetPropertiesList, 2.2.9.5.1 RopCommitStream, 2.2.9.6.1 RopGetStreamSize, 2.2.13.11.1
    /// RopSynchronizationUploadStateStreamEnd and 2.2.15.3.1 RopRelease (each has its alias).
    pub struct InputOnlyRequest {
        /// InputHandleIndex: the object the ROP acts on.
        input_handle_index: Input,
    }
}

rop_request! {
    /// The request of the ROPs that open or create an object from another and carry nothing
    /// else, LogonId, InputHandleIndex and OutputHandleIndex only: [MS-OXCROPS] 2.2.6.13.1
    /// RopCreateAttachment, 2.2.9.13.1 RopCloneStream and 2.2.13.8.1
    /// RopSynchronizationGetTransferState (each has its alias).
    pub struct InputOutputRequest {
        /// InputHandleIndex: the object the new one comes from.
        input_handle_index: Input,
        /// OutputHandleIndex: where the new object's handle goes.
        output_handle_index: Output,
    }
}

/// Declares ROP responses, a line each. A response is an envelope: RopId (implied), the
/// handle index field (named by its role), ReturnValue, then an [`Outcome`]: the success
/// fields when ReturnValue is one of the success codes (0 unless given), the failure fields
/// otherwise. The fields are [`wire_struct!`](crate::wire::wire_struct) structures.
///
/// Each response gets its codec, its tree, [`ResponseFields`] and its owned form
/// ([`IntoOwned`](crate::wire::IntoOwned)).
///
/// A response is written `Name = ROP_ID { handle: Role, .. }`; after `handle` come, in this
/// order and each only when needed:
///
/// - `success: Type`: the success fields ([`NoFields`] when left out);
/// - `failure: Type`: the failure fields ([`NoFields`] when left out);
/// - or `fields: Type`, in place of both: one layout whatever ReturnValue;
/// - `success_codes: [..]`: the ReturnValues besides 0 that select the success fields;
/// - `failure_field: field when CODE`: a failure field present for ReturnValue `CODE` only,
///   which the encoder checks.
///
/// One invocation declares any number of responses: each module of ROPs declares its own in
/// one table, after the requests and the fields they name. Several names before one
/// `{ .. }` (`A = ID_A, B = ID_B { .. }`, each with its doc comment) share that layout.
///
/// ```ignore
/// rop_response! {
///     /// [MS-OXCROPS] 2.2.11.1.2 RopModifyRules response: ReturnValue only.
///     ModifyRulesResponse = MODIFY_RULES { handle: Input }
///
///     /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState response (failure: 2.2.3.5.3).
///     GetStoreStateResponse = GET_STORE_STATE { handle: Input, success: GetStoreStateSuccess }
///
///     /// [MS-OXCROPS] 2.2.9.3.2 RopWriteStream response: one layout for every ReturnValue.
///     WriteStreamResponse = WRITE_STREAM { handle: Input, fields: WrittenSize }
///
///     /// [MS-OXCROPS] 2.2.8.11.2 RopCopyProperties response (null destination failure:
///     /// 2.2.8.11.3).
///     CopyPropertiesResponse = COPY_PROPERTIES,
///     /// [MS-OXCROPS] 2.2.8.12.2 RopCopyTo response (null destination failure: 2.2.8.12.3).
///     CopyToResponse = COPY_TO {
///         handle: Source,
///         success: PropertyProblemsSuccess,
///         failure: NullDestinationFailure,
///         failure_field: dest_handle_index when NULL_DESTINATION_OBJECT,
///     }
/// }
/// ```
macro_rules! rop_response {
    (
        $(
            $($(#[$meta:meta])* $name:ident $(<$lt:lifetime>)? = $id:ident),+ {
                handle: $role:ident
                $(, success: $s:ty)?
                $(, failure: $f:ty)?
                $(, fields: $both:ty)?
                $(, success_codes: [$($code:literal),* $(,)?])?
                $(, failure_field: $ff:ident when $fcode:ident)?
                $(,)?
            }
        )*
    ) => {
        $($crate::rop::field::rop_response!(@each
            [$([$(#[$meta])*] $name [$($lt)?] $id)+]
            [$role [$($s)? $($both)?] [$($f)? $($both)?] [$($($code),*)?] [$($ff $fcode)?]]
        );)*
    };
    // The responses of one layout.
    (@each [$([$($meta:tt)*] $name:ident [$($lt:lifetime)?] $id:ident)+] $layout:tt) => {
        $($crate::rop::field::rop_response!(@one [$($meta)*] $name [$($lt)?] $id $layout);)+
    };
    // A field type left out: no fields.
    (@or []) => { $crate::wire::NoFields };
    (@or [$t:ty]) => { $t };
    (@one [$($meta:tt)*] $name:ident [$($lt:lifetime)?] $id:ident [
        $role:ident [$($s:tt)*] [$($f:tt)*] [$($code:literal),*] [$($ff:ident $fcode:ident)?]
    ]) => {
        $($meta)*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name $(<$lt>)? {
            /// The handle index field ([`Self::HANDLE_ROLE`] names it).
            pub handle_index: u8,
            /// ReturnValue ([MS-OXCDATA] 2.4).
            pub return_value: u32,
            /// The success or failure fields, as ReturnValue selects.
            pub body: $crate::wire::Outcome<
                $crate::rop::field::rop_response!(@or [$($s)*]),
                $crate::rop::field::rop_response!(@or [$($f)*]),
            >,
        }

        impl $(<$lt>)? $name $(<$lt>)? {
            /// The RopId of this response.
            pub const ROP_ID: $crate::rop::RopId = $crate::rop::RopId::$id;
            /// The role of the handle index field.
            pub const HANDLE_ROLE: $crate::rop::field::HandleRole =
                $crate::rop::field::HandleRole::$role;

            /// Whether `return_value` selects the success layout.
            pub fn is_success_code(return_value: u32) -> bool {
                return_value == 0 $(|| return_value == $code)*
            }

            /// The response that reports success (ReturnValue 0, [MS-OXCDATA] 2.4) in the
            /// slot `handle_index`, with the success fields `fields`.
            pub fn success(
                handle_index: u8,
                fields: $crate::rop::field::rop_response!(@or [$($s)*]),
            ) -> Self {
                $name { handle_index, return_value: 0, body: $crate::wire::Outcome::Success(fields) }
            }
        }

        impl<'a, 'c> $crate::wire::DecodeWith<'a, $crate::rop::context::ResponseCtx<'c>>
            for $name $(<$lt>)?
        {
            fn decode_with_from(
                r: &mut $crate::wire::Reader<'a>,
                ctx: $crate::rop::context::ResponseCtx<'c>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                use $crate::wire::ResultExt as _;
                let handle_index = r.u8().field(Self::HANDLE_ROLE.field_name())?;
                let return_value = r.u32().field("ReturnValue")?;
                let success = Self::is_success_code(return_value);
                let body = $crate::wire::DecodeWith::decode_with_from(
                    r,
                    (success, ctx.with_return_value(return_value)),
                )?;
                Ok($name { handle_index, return_value, body })
            }
        }

        impl $(<$lt>)? $crate::wire::Encode for $name $(<$lt>)? {
            fn encoded_len(&self) -> usize {
                5 + $crate::wire::Encode::encoded_len(&self.body)
            }
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                if self.body.is_success() != Self::is_success_code(self.return_value) {
                    return Err($crate::wire::EncodeError::new(
                        $crate::wire::EncodeErrorKind::OutcomeMismatch {
                            return_value: self.return_value,
                        },
                    ));
                }
                // A failure field present for one ReturnValue only must agree with it.
                $(if let $crate::wire::Outcome::Failure(f) = &self.body {
                    // Its layout is the one ReturnValue selects (an `if(ctx)` field of the
                    // failure fields: this is where that condition is checked).
                    if f.$ff.is_some() != (self.return_value == $fcode) {
                        return Err($crate::wire::EncodeError::new(
                            $crate::wire::EncodeErrorKind::OutcomeMismatch {
                                return_value: self.return_value,
                            },
                        ));
                    }
                })?
                $crate::wire::Encode::encode(&self.handle_index, out)?;
                $crate::wire::Encode::encode(&self.return_value, out)?;
                $crate::wire::Encode::encode(&self.body, out)
            }
        }

        /// The handle index, ReturnValue, then the parts of the success or failure fields.
        impl $(<$lt>)? $crate::tree::FieldSpans for $name $(<$lt>)? {
            fn field_spans(
                &self,
                at: usize,
                prefix: &str,
                out: &mut Vec<$crate::tree::FieldSpan>,
            ) {
                #[allow(unused_imports)]
                use $crate::tree::{NoSpans as _, SpansOf as _};
                let span = |name: &str, start, len| $crate::tree::FieldSpan {
                    path: $crate::tree::span_path(prefix, name),
                    start,
                    len,
                };
                out.push(span(Self::HANDLE_ROLE.field_name(), at, 1));
                out.push(span("ReturnValue", at + 1, 4));
                match &self.body {
                    $crate::wire::Outcome::Success(s) => {
                        (&$crate::tree::SpanProbe(s)).spans_of(at + 5, prefix, out)
                    }
                    $crate::wire::Outcome::Failure(f) => {
                        (&$crate::tree::SpanProbe(f)).spans_of(at + 5, prefix, out)
                    }
                }
            }
        }

        impl $(<$lt>)? $crate::tree::ToTree for $name $(<$lt>)? {
            fn to_tree(&self) -> $crate::tree::Tree {
                $crate::tree::Tree::record()
                    .field(
                        Self::HANDLE_ROLE.field_name(),
                        $crate::tree::Tree::UInt(self.handle_index.into()),
                    )
                    .field("ReturnValue", $crate::rop::field::error_code(&self.return_value))
                    .splice($crate::tree::ToTree::to_tree(&self.body))
            }
        }

        // ReturnValue picks the layout: the body generated is the one it selects.
        #[cfg(feature = "arbitrary")]
        impl<'u $(: $lt, $lt)?> arbitrary::Arbitrary<'u> for $name $(<$lt>)? {
            fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
                let handle_index = u.arbitrary()?;
                let codes: &[u32] = &[0 $(, $code)*];
                let (return_value, body) = if u.arbitrary()? {
                    let code = codes[u.choose_index(codes.len())?];
                    (code, $crate::wire::Outcome::Success(u.arbitrary()?))
                } else {
                    let mut code: u32 = u.arbitrary()?;
                    while Self::is_success_code(code) {
                        code = code.wrapping_add(1);
                    }
                    (code, $crate::wire::Outcome::Failure(u.arbitrary()?))
                };
                Ok($name { handle_index, return_value, body })
            }
        }

        // The handle index field and ReturnValue, then the fields of the layout ReturnValue
        // selects, in one map; reading finds the first two wherever they stand, then reads the
        // other fields as the layout they select.
        #[cfg(feature = "serde")]
        impl $(<$lt>)? serde::Serialize for $name $(<$lt>)? {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut m = s.serialize_map(None)?;
                m.serialize_entry(Self::HANDLE_ROLE.field_name(), &self.handle_index)?;
                m.serialize_entry("ReturnValue", &$crate::data::ErrorCode(self.return_value))?;
                match &self.body {
                    $crate::wire::Outcome::Success(x) => {
                        serde::Serialize::serialize(x, $crate::serde_form::Flat(&mut m))?
                    }
                    $crate::wire::Outcome::Failure(x) => {
                        serde::Serialize::serialize(x, $crate::serde_form::Flat(&mut m))?
                    }
                }
                m.end()
            }
        }

        #[cfg(feature = "serde")]
        impl<'de $(, $lt)?> serde::Deserialize<'de> for $name $(<$lt>)? {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V $(<$lt>)? (::core::marker::PhantomData<$name $(<$lt>)?>);
                impl<'de $(, $lt)?> serde::de::Visitor<'de> for V $(<$lt>)? {
                    type Value = $name $(<$lt>)?;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("the fields of ", stringify!($name)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<Self::Value, A::Error> {
                        let (mut handle_index, mut return_value) = (0u8, 0u32);
                        let rest = $crate::serde_form::leading(
                            map,
                            &[$name::HANDLE_ROLE.field_name(), "ReturnValue"],
                            |i, map| {
                                if i == 0 {
                                    handle_index = map.next_value()?;
                                } else {
                                    return_value = map.next_value::<$crate::data::ErrorCode>()?.0;
                                }
                                Ok(())
                            },
                        )?;
                        let rest = serde::de::value::MapAccessDeserializer::new(rest);
                        let body = if $name::is_success_code(return_value) {
                            $crate::wire::Outcome::Success(serde::Deserialize::deserialize(rest)?)
                        } else {
                            $crate::wire::Outcome::Failure(serde::Deserialize::deserialize(rest)?)
                        };
                        Ok($name { handle_index, return_value, body })
                    }
                }
                d.deserialize_map(V(::core::marker::PhantomData))
            }
        }

        impl $(<$lt>)? $crate::rop::field::ResponseFields for $name $(<$lt>)? {
            fn handle_index(&self) -> ($crate::rop::field::HandleRole, u8) {
                (Self::HANDLE_ROLE, self.handle_index)
            }
            fn return_value(&self) -> u32 {
                self.return_value
            }
        }

        $crate::rop::field::rop_response!(@owned $name [$($lt)?]);
    };
    (@owned $name:ident []) => {
        $crate::wire::owned_as_self!($name);
    };
    (@owned $name:ident [$lt:lifetime]) => {
        impl<$lt> $crate::wire::IntoOwned for $name<$lt> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                $name {
                    handle_index: self.handle_index,
                    return_value: self.return_value,
                    body: $crate::wire::IntoOwned::into_owned(self.body),
                }
            }
        }
    };
}
pub(crate) use rop_response;

/// What every ROP response built by `rop_response!` exposes.
pub trait ResponseFields {
    /// The handle index field, by role.
    fn handle_index(&self) -> (HandleRole, u8);
    /// ReturnValue.
    fn return_value(&self) -> u32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prop_tags_read_back_by_index_and_in_order() {
        let tags = [
            PropTag(0x3001_001F),
            PropTag(0x0E08_0003),
            PropTag(0x0037_001F),
        ];
        let list = PropTags::new(&tags);
        assert_eq!(list.len(), 3);
        assert_eq!(list.get(1), Some(PropTag(0x0E08_0003)));
        assert_eq!(list.get(3), None);
        assert_eq!(list.get(usize::MAX), None);
        assert_eq!(list.to_vec(), tags);
        // The wire form borrows: count 3, then the tags.
        let bytes = list.to_bytes().unwrap();
        assert_eq!(&bytes[..2], &[3, 0]);
        let back = PropTags::decode_exact(&bytes, crate::wire::Limits::DEFAULT).unwrap();
        assert_eq!(back, list);
        assert_eq!(back.get(2), Some(PropTag(0x0037_001F)));
    }
}
