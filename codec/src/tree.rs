//! A readable tree of a decoded value, shared by the text view and the JSON view of the CLI.
//!
//! Field names are the spec's (`PropertyTag`, `RestrictType`); a named code is its number plus a
//! `...Name` sibling in JSON (`"RestrictType": 1, "RestrictTypeName": "OrRestriction"`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// One node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// No value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An unsigned integer, shown in decimal.
    UInt(u64),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer shown in hex in the text view (tags, flags), a number in JSON.
    Hex(u64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(String),
    /// An 8-bit string (PtypString8, a DN) as its wire bytes, in a code page the node does not
    /// know: [`Tree::with_code_page`] turns it into text once the code page is known (the
    /// STAT.CodePage of an address-book body, ...); until then it shows as Windows-1252.
    String8(Vec<u8>),
    /// Bytes (lowercase hex in JSON).
    Bytes(Vec<u8>),
    /// A code with its name, if it has one.
    Named {
        /// The code.
        value: u64,
        /// Its name.
        name: Option<Cow<'static, str>>,
        /// Hex digits to show (twice the wire size).
        digits: u8,
    },
    /// A property tag ([MS-OXCDATA] 2.9): shown as a named code, its name that of the tagged
    /// property, or for an id from 0x8000 up (mapped per session) the name
    /// [`Tree::with_named_properties`] gives it.
    PropTag(u32),
    /// A property id (the high 16 bits of a tag), as in the lists of RopGetPropertyIdsFromNames
    /// and RopGetNamesFromPropertyIds: a named code with the name
    /// [`Tree::with_named_properties`] gives it.
    PropId(u16),
    /// Named fields in wire order.
    Struct(Vec<(Cow<'static, str>, Tree)>),
    /// A list.
    List(Vec<Tree>),
    /// A value with a remark: a conformance note on a value decoding kept although it is
    /// outside its spec's canonical form, or the mark of a part that could not be decoded.
    Remarked(Box<Tree>, Remark),
}

/// What a [`Tree::Remarked`] node says about its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Remark {
    /// A note or a malformed part.
    pub kind: RemarkKind,
    /// What, and by which spec rule.
    pub text: String,
    /// The absolute offset it starts at, when known.
    pub offset: Option<usize>,
    /// For a malformed part, the error that stopped its decoding (kind, offset, path).
    pub error: Option<crate::wire::DecodeError>,
}

/// The kind of a [`Remark`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemarkKind {
    /// A value outside its spec's range or canonical form, kept as sent (decoding with
    /// [`Limits::strict`](crate::wire::Limits) refuses the ones the spec does not allow).
    Note,
    /// A part that could not be decoded, kept as bytes from where it starts.
    Malformed,
}

/// A remark found in a tree ([`Tree::remarks`]), with the path of the node that holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct RemarkAt {
    /// The field path, as in errors: `RopsList[2].RopHardDeleteMessages.WantAsynchronous`.
    pub path: String,
    /// The remark.
    pub remark: Remark,
}

impl std::fmt::Display for RemarkAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.remark.kind {
            RemarkKind::Note => "note",
            RemarkKind::Malformed => "malformed",
        };
        write!(f, "{kind}")?;
        if let Some(at) = self.remark.offset {
            write!(f, " at offset {at}")?;
        }
        if !self.path.is_empty() {
            write!(f, " in {}", self.path)?;
        }
        write!(f, ": {}", self.remark.text)
    }
}

/// Types that can show themselves as a [`Tree`].
pub trait ToTree {
    /// The tree of this value.
    fn to_tree(&self) -> Tree;
}

/// The readable form of a value whose display needs what its decoding needed and the value
/// does not keep: the columns that name a row's cells, the form that sized rule actions, the
/// code page of 8-bit strings. The context is the one [`DecodeWith`](crate::wire::DecodeWith)
/// took, or the part of it the tree needs.
pub trait ToTreeWith<C> {
    /// The tree of this value in `ctx`.
    fn to_tree_with(&self, ctx: C) -> Tree;
}

/// A value whose cells a list of columns describes (a property row, a row set, a recipient
/// row): one tree for both forms, each cell shown beside its column's tag when the columns are
/// given ([`ToTreeWith`]`<&PropTags>`), bare otherwise ([`ToTree`]).
///
/// [`PropTags`]: crate::data::PropTags
pub trait ColumnTree {
    /// The tree, cells labelled by `columns` when given.
    fn column_tree(&self, columns: Option<&crate::data::PropTags<'_>>) -> Tree;
}

impl<T: ColumnTree> ToTree for T {
    fn to_tree(&self) -> Tree {
        self.column_tree(None)
    }
}

impl<T: ColumnTree> ToTreeWith<&crate::data::PropTags<'_>> for T {
    fn to_tree_with(&self, columns: &crate::data::PropTags<'_>) -> Tree {
        self.column_tree(Some(columns))
    }
}

/// How a field shows in the tree of the structure that holds it: by default one entry, its
/// name and its [`ToTree`]. A few wire fields are several fields of the spec at once (an
/// optional field behind its HasXxx flag, a size-prefixed buffer) and add one entry each.
pub trait FieldTree {
    /// Adds this field, named `name`, to the struct node `t`.
    fn field_tree(&self, name: &'static str, t: Tree) -> Tree;

    /// Adds this field's own fields to `t`, in place of the field (a group of fields the
    /// spec lists in the structure that holds them).
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree;
}

impl<T: ToTree + ?Sized> FieldTree for T {
    #[inline]
    fn field_tree(&self, name: &'static str, t: Tree) -> Tree {
        t.field(name, self.to_tree())
    }
    #[inline]
    fn flat_tree(&self, _name: &'static str, t: Tree) -> Tree {
        t.splice(self.to_tree())
    }
}

/// 8-bit bytes as Windows-1252 text, how a [`Tree::String8`] shows before its code page is
/// known.
fn cp1252(b: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(b)
        .0
        .into_owned()
}

impl Tree {
    /// This value with a conformance note ([`RemarkKind::Note`]).
    pub fn with_note(self, text: impl Into<String>) -> Tree {
        Tree::Remarked(
            Box::new(self),
            Remark {
                kind: RemarkKind::Note,
                text: text.into(),
                offset: None,
                error: None,
            },
        )
    }

    /// This node marked as the start of a part that could not be decoded: `error` says why
    /// and where ([`RemarkKind::Malformed`]).
    pub fn with_malformed(self, error: &crate::wire::DecodeError) -> Tree {
        Tree::Remarked(
            Box::new(self),
            Remark {
                kind: RemarkKind::Malformed,
                text: error.to_string(),
                offset: Some(error.offset()),
                error: Some(error.clone()),
            },
        )
    }

    /// Every remark in the tree, in order, with the path of the node that carries it.
    pub fn remarks(&self) -> Vec<RemarkAt> {
        fn walk(t: &Tree, path: &mut String, out: &mut Vec<RemarkAt>) {
            match t {
                Tree::Remarked(inner, remark) => {
                    out.push(RemarkAt {
                        path: path.clone(),
                        remark: remark.clone(),
                    });
                    walk(inner, path, out);
                }
                Tree::Struct(fields) => {
                    for (k, v) in fields {
                        let len = path.len();
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(k);
                        walk(v, path, out);
                        path.truncate(len);
                    }
                }
                Tree::List(items) => {
                    for (i, v) in items.iter().enumerate() {
                        let len = path.len();
                        let _ = write!(path, "[{i}]");
                        walk(v, path, out);
                        path.truncate(len);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(self, &mut String::new(), &mut out);
        out
    }

    /// Whether some part of the tree could not be decoded ([`RemarkKind::Malformed`]).
    pub fn is_partial(&self) -> bool {
        self.remarks()
            .iter()
            .any(|r| r.remark.kind == RemarkKind::Malformed)
    }

    /// An empty struct, to be filled with [`Tree::field`].
    pub fn record() -> Tree {
        Tree::Struct(Vec::new())
    }

    /// Adds a field to a struct node (no-op on other nodes).
    pub fn field(mut self, name: impl Into<Cow<'static, str>>, value: Tree) -> Tree {
        if let Tree::Struct(fields) = &mut self {
            fields.push((name.into(), value));
        }
        self
    }

    /// Adds the fields of `body` to a struct node: a struct's fields one by one (an empty
    /// struct adds nothing), any other node as one field named `Value`.
    pub fn splice(self, body: Tree) -> Tree {
        match (self, body) {
            (Tree::Struct(mut a), Tree::Struct(b)) => {
                a.extend(b);
                Tree::Struct(a)
            }
            (t, Tree::Struct(b)) if b.is_empty() => t,
            (t, other) => t.field("Value", other),
        }
    }

    /// The same tree with every [`Tree::String8`] node read in `code_page`: its text, or
    /// when some bytes are not valid in the code page (or it is not known) the bytes, the
    /// code page and what text there is ([`crate::wire::codepage::string8_tree`]).
    pub fn with_code_page(self, code_page: u32) -> Tree {
        match self {
            Tree::String8(b) => crate::wire::codepage::string8_tree(code_page, &b),
            Tree::Struct(fields) => Tree::Struct(
                fields
                    .into_iter()
                    .map(|(k, v)| (k, v.with_code_page(code_page)))
                    .collect(),
            ),
            Tree::List(items) => Tree::List(
                items
                    .into_iter()
                    .map(|v| v.with_code_page(code_page))
                    .collect(),
            ),
            Tree::Remarked(v, r) => Tree::Remarked(Box::new(v.with_code_page(code_page)), r),
            other => other,
        }
    }

    /// The same tree with the property tags and ids from 0x8000 up that `names` knows named
    /// `named: {name}` (a session's named properties, [`crate::rop::Session::named_property`]).
    pub fn with_named_properties(self, names: &dyn Fn(u16) -> Option<String>) -> Tree {
        let named = |value: u64, id: u16, digits: u8| {
            let name = (id >= 0x8000).then(|| names(id)).flatten()?;
            Some(Tree::Named {
                value,
                name: Some(Cow::Owned(format!("named: {name}"))),
                digits,
            })
        };
        match self {
            Tree::PropTag(t) => named(t.into(), (t >> 16) as u16, 8).unwrap_or(Tree::PropTag(t)),
            Tree::PropId(id) => named(id.into(), id, 4).unwrap_or(Tree::PropId(id)),
            Tree::Struct(fields) => Tree::Struct(
                fields
                    .into_iter()
                    .map(|(k, v)| (k, v.with_named_properties(names)))
                    .collect(),
            ),
            Tree::List(items) => Tree::List(
                items
                    .into_iter()
                    .map(|v| v.with_named_properties(names))
                    .collect(),
            ),
            Tree::Remarked(v, r) => Tree::Remarked(Box::new(v.with_named_properties(names)), r),
            other => other,
        }
    }

    /// A property tag or id as the named code it shows as; other nodes as they are.
    fn shown(&self) -> Cow<'_, Tree> {
        match self {
            Tree::PropTag(t) => Cow::Owned(Tree::Named {
                value: (*t).into(),
                name: crate::data::PropTag(*t).name().map(Cow::Borrowed),
                digits: 8,
            }),
            Tree::PropId(id) => Cow::Owned(Tree::Named {
                value: (*id).into(),
                name: None,
                digits: 4,
            }),
            other => Cow::Borrowed(other),
        }
    }

    /// The name of a code as the tree shows it (a remark on it aside), if it has one.
    #[cfg(feature = "serde")]
    fn shown_name(&self) -> Option<&str> {
        match self {
            Tree::Remarked(inner, _) => inner.shown_name(),
            Tree::Named { name, .. } => name.as_deref(),
            Tree::PropTag(t) => crate::data::PropTag(*t).name(),
            _ => None,
        }
    }

    /// A named code.
    pub fn named<T: Into<u64>>(value: T, name: Option<&'static str>) -> Tree {
        Tree::Named {
            value: value.into(),
            name: name.map(Cow::Borrowed),
            digits: (2 * core::mem::size_of::<T>()) as u8,
        }
    }

    /// The text view: one field a line, indented by depth.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        match self {
            Tree::Struct(fields) => {
                for (k, v) in fields {
                    v.write_text(&mut s, 0, Some(k));
                }
            }
            other => other.write_text(&mut s, 0, None),
        }
        s
    }

    fn write_text(&self, out: &mut String, depth: usize, label: Option<&str>) {
        let pad = "  ".repeat(depth);
        let lead = match label {
            Some(l) => format!("{pad}{l}:"),
            None => format!("{pad}-"),
        };
        match self {
            Tree::Struct(fields) => {
                out.push_str(&lead);
                out.push('\n');
                for (k, v) in fields {
                    v.write_text(out, depth + 1, Some(k));
                }
            }
            Tree::List(items) => {
                let _ = writeln!(out, "{lead} [{}]", items.len());
                for (i, v) in items.iter().enumerate() {
                    v.write_text(out, depth + 1, Some(&format!("[{i}]")));
                }
            }
            Tree::Remarked(inner, remark) => {
                let mark = match remark.kind {
                    RemarkKind::Note => "note",
                    RemarkKind::Malformed => "MALFORMED",
                };
                let mut sub = String::new();
                inner.write_text(&mut sub, depth, label);
                // The remark goes at the end of the node's first line.
                let (first, rest) = sub.split_once('\n').unwrap_or((&sub, ""));
                let _ = writeln!(out, "{first}  [{mark}: {}]", remark.text);
                out.push_str(rest);
            }
            leaf => {
                let _ = writeln!(out, "{lead} {}", leaf.leaf_text());
            }
        }
    }

    fn leaf_text(&self) -> String {
        match &*self.shown() {
            Tree::Null => "null".into(),
            Tree::Bool(b) => b.to_string(),
            Tree::UInt(v) => v.to_string(),
            Tree::Int(v) => v.to_string(),
            Tree::Hex(v) => format!("0x{v:X}"),
            Tree::Float(v) => v.to_string(),
            Tree::Text(t) => format!("{t:?}"),
            Tree::String8(b) => format!("{:?}", cp1252(b)),
            Tree::Bytes(b) => {
                let mut s = format!("<{} bytes> ", b.len());
                for x in b {
                    let _ = write!(s, "{x:02x}");
                }
                s
            }
            Tree::Named {
                value,
                name,
                digits,
            } => {
                let w = usize::from(*digits);
                match name {
                    Some(n) => format!("0x{value:0w$X} ({n})"),
                    None => format!("0x{value:0w$X}"),
                }
            }
            Tree::Struct(_)
            | Tree::List(_)
            | Tree::PropTag(_)
            | Tree::PropId(_)
            | Tree::Remarked(..) => String::new(),
        }
    }
}

/// Hex view of a number without padding (`0x409`): LCIDs, flags of no fixed width.
pub(crate) fn hex<T: Copy + Into<u64>>(v: &T) -> Tree {
    Tree::Hex((*v).into())
}

/// Hex view of a one-byte flags field.
pub(crate) fn hex8(v: &u8) -> Tree {
    Tree::Named {
        value: (*v).into(),
        name: None,
        digits: 2,
    }
}

/// Hex view of a two-byte flags field.
pub(crate) fn hex16(v: &u16) -> Tree {
    Tree::Named {
        value: (*v).into(),
        name: None,
        digits: 4,
    }
}

/// Hex view of a four-byte flags field.
pub(crate) fn hex32(v: &u32) -> Tree {
    Tree::Named {
        value: (*v).into(),
        name: None,
        digits: 8,
    }
}

/// The tree of a [MS-OXCDATA] 2.4 error code: its number and name.
pub(crate) fn error_code(v: &u32) -> Tree {
    Tree::Named {
        value: (*v).into(),
        name: crate::data::error_code_name(*v).map(Cow::Borrowed),
        digits: 8,
    }
}

#[cfg(feature = "serde")]
mod json {
    use super::Tree;
    use serde::ser::{SerializeMap, SerializeSeq, Serializer};
    use serde::Serialize;

    fn hex(b: &[u8]) -> String {
        use std::fmt::Write as _;
        let mut s = String::with_capacity(b.len() * 2);
        for x in b {
            let _ = write!(s, "{x:02x}");
        }
        s
    }

    impl Serialize for Tree {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Tree::PropTag(_) | Tree::PropId(_) => self.shown().serialize(s),
                Tree::Null => s.serialize_unit(),
                Tree::Bool(b) => s.serialize_bool(*b),
                Tree::UInt(v) | Tree::Hex(v) => s.serialize_u64(*v),
                Tree::Int(v) => s.serialize_i64(*v),
                Tree::Float(v) => s.serialize_f64(*v),
                Tree::Text(t) => s.serialize_str(t),
                Tree::String8(b) => s.serialize_str(&super::cp1252(b)),
                Tree::Bytes(b) => s.serialize_str(&hex(b)),
                Tree::Named { value, .. } => s.serialize_u64(*value),
                Tree::Remarked(inner, _) => inner.serialize(s),
                Tree::List(items) => {
                    let mut seq = s.serialize_seq(Some(items.len()))?;
                    for i in items {
                        seq.serialize_element(i)?;
                    }
                    seq.end()
                }
                Tree::Struct(fields) => {
                    let mut map = s.serialize_map(None)?;
                    for (k, v) in fields {
                        map.serialize_entry(k.as_ref(), v)?;
                        let (v, remark) = match v {
                            Tree::Remarked(inner, r) => (&**inner, Some(r)),
                            other => (other, None),
                        };
                        if let Some(name) = v.shown_name() {
                            map.serialize_entry(&format!("{k}Name"), name)?;
                        }
                        // A list of codes: their names beside it, as for one code.
                        if let Tree::List(items) = v {
                            let names: Vec<Option<&str>> =
                                items.iter().map(|i| i.shown_name()).collect();
                            if names.iter().any(Option::is_some) {
                                map.serialize_entry(&format!("{k}Names"), &names)?;
                            }
                        }
                        if let Some(r) = remark {
                            let key = match r.kind {
                                super::RemarkKind::Note => format!("{k}Note"),
                                super::RemarkKind::Malformed => format!("{k}Malformed"),
                            };
                            map.serialize_entry(&key, &r.text)?;
                        }
                    }
                    map.end()
                }
            }
        }
    }
}

macro_rules! uint_tree {
    ($($t:ty),*) => {$(
        impl ToTree for $t {
            fn to_tree(&self) -> Tree {
                Tree::UInt((*self).into())
            }
        }
    )*};
}
uint_tree!(u8, u16, u32, u64);

macro_rules! int_tree {
    ($($t:ty),*) => {$(
        impl ToTree for $t {
            fn to_tree(&self) -> Tree {
                Tree::Int((*self).into())
            }
        }
    )*};
}
int_tree!(i16, i32, i64);

impl ToTree for bool {
    fn to_tree(&self) -> Tree {
        Tree::Bool(*self)
    }
}

impl<const N: usize> ToTree for crate::wire::ByteArray<N> {
    fn to_tree(&self) -> Tree {
        Tree::Bytes(self.0.to_vec())
    }
}

impl ToTree for crate::wire::Guid {
    fn to_tree(&self) -> Tree {
        Tree::Text(self.to_string())
    }
}

impl ToTree for crate::wire::FileTime {
    fn to_tree(&self) -> Tree {
        Tree::Text(self.to_iso8601())
    }
}

impl ToTree for crate::wire::Utf16Str<'_> {
    fn to_tree(&self) -> Tree {
        Tree::Text(self.to_string_lossy())
    }
}

impl ToTree for crate::wire::AnsiStr<'_> {
    fn to_tree(&self) -> Tree {
        Tree::String8(self.as_bytes().to_vec())
    }
}

impl<T: ToTree> ToTree for Vec<T> {
    fn to_tree(&self) -> Tree {
        Tree::List(self.iter().map(ToTree::to_tree).collect())
    }
}

impl<T: ToTree> ToTree for Option<T> {
    fn to_tree(&self) -> Tree {
        match self {
            Some(v) => v.to_tree(),
            None => Tree::Null,
        }
    }
}

/// Where a part of an encoded value lies: its path below the value (as the value's tree names
/// it: `LogonFlags`, `FolderIds.Inbox`), its first byte and its length. Decoding is lossless,
/// so the parts of a decoded value lie where [`FieldSpans`] computes them from the encoded
/// lengths of the parts before them: nothing is recorded while decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSpan {
    /// The part's path below the value.
    pub path: String,
    /// Its first byte (offsets as given to [`FieldSpans::field_spans`]).
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
}

/// Values that can say where their parts lie in their encoding ([`FieldSpan`]): the structures
/// written by the codec's field-list macros (every ROP request and response, their success
/// and failure fields, the structures in them), for tools that show a field's bytes.
///
/// ```
/// use mapi_codec::rop::store::LogonRequest;
/// use mapi_codec::tree::FieldSpans;
///
/// let logon = LogonRequest::private_mailbox(0, "/o=Contoso/cn=jane");
/// let mut spans = Vec::new();
/// logon.field_spans(0, "", &mut spans);
/// // LogonId, OutputHandleIndex, LogonFlags: one byte each.
/// assert_eq!((spans[2].path.as_str(), spans[2].start, spans[2].len), ("LogonFlags", 2, 1));
/// ```
pub trait FieldSpans {
    /// Appends the spans of the parts of this value, whose first byte is at `at`, each path
    /// prefixed with `prefix` and a dot (when `prefix` is not empty).
    fn field_spans(&self, at: usize, prefix: &str, out: &mut Vec<FieldSpan>);
}

impl<T: FieldSpans + ?Sized> FieldSpans for Box<T> {
    fn field_spans(&self, at: usize, prefix: &str, out: &mut Vec<FieldSpan>) {
        (**self).field_spans(at, prefix, out);
    }
}

impl<T: FieldSpans> FieldSpans for Option<T> {
    fn field_spans(&self, at: usize, prefix: &str, out: &mut Vec<FieldSpan>) {
        if let Some(v) = self {
            v.field_spans(at, prefix, out);
        }
    }
}

/// `prefix.name`, or `name` at the top.
#[doc(hidden)]
pub fn span_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The macros' way to take the spans of a part whose type may not have [`FieldSpans`] (a
/// number, a list): `(&SpanProbe(&part)).spans_of(..)` picks [`SpansOf`] when the part has
/// them, and [`NoSpans`] (nothing) when it does not.
#[doc(hidden)]
pub struct SpanProbe<'t, T: ?Sized>(pub &'t T);

#[doc(hidden)]
pub trait SpansOf {
    fn spans_of(&self, at: usize, prefix: &str, out: &mut Vec<FieldSpan>);
}

impl<T: FieldSpans + ?Sized> SpansOf for SpanProbe<'_, T> {
    #[inline]
    fn spans_of(&self, at: usize, prefix: &str, out: &mut Vec<FieldSpan>) {
        self.0.field_spans(at, prefix, out);
    }
}

#[doc(hidden)]
pub trait NoSpans {
    #[inline]
    fn spans_of(&self, _: usize, _: &str, _: &mut Vec<FieldSpan>) {}
}

impl<T: ?Sized> NoSpans for &SpanProbe<'_, T> {}
