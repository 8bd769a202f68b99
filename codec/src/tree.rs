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
    /// The remark is boxed too: remarks are rare, and a node holding one inline was 72 bytes
    /// instead of 40 (every field of every struct node moved and stored the difference).
    Remarked(Box<Tree>, Box<Remark>),
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
fn cp1252(b: &[u8]) -> Cow<'_, str> {
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(b).0
}

/// Lowercase hex digits, for bytes.
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Appends `bytes` as lowercase hex, two digits a byte.
fn push_hex_bytes(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
        out.push(char::from(HEX_LOWER[usize::from(b & 0xf)]));
    }
}

/// Appends `v` in decimal (what `{v}` writes, without the formatting machinery).
fn push_decimal(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Appends `0x` and `v` in uppercase hex, zero-padded to `digits` (what `0x{v:0digits$X}`
/// writes).
fn push_hex_upper(out: &mut String, v: u64, digits: usize) {
    const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    let mut rest = v;
    loop {
        i -= 1;
        buf[i] = HEX_UPPER[(rest & 0xf) as usize];
        rest >>= 4;
        if rest == 0 {
            break;
        }
    }
    out.push_str("0x");
    for _ in (buf.len() - i)..digits {
        out.push('0');
    }
    out.extend(buf[i..].iter().map(|&d| char::from(d)));
}

/// How a node's line of the text view starts: its field name, its index in a list, or a dash
/// (the top of a tree that is not a struct).
#[derive(Clone, Copy)]
enum Label<'a> {
    Name(&'a str),
    Index(usize),
    Dash,
}

impl Tree {
    /// This value with a conformance note ([`RemarkKind::Note`]).
    pub fn with_note(self, text: impl Into<String>) -> Tree {
        Tree::Remarked(
            Box::new(self),
            Box::new(Remark {
                kind: RemarkKind::Note,
                text: text.into(),
                offset: None,
                error: None,
            }),
        )
    }

    /// This node marked as the start of a part that could not be decoded: `error` says why
    /// and where ([`RemarkKind::Malformed`]).
    pub fn with_malformed(self, error: &crate::wire::DecodeError) -> Tree {
        Tree::Remarked(
            Box::new(self),
            Box::new(Remark {
                kind: RemarkKind::Malformed,
                text: error.to_string(),
                offset: Some(error.offset()),
                error: Some(error.clone()),
            }),
        )
    }

    /// Every remark in the tree, in order, with the path of the node that carries it.
    pub fn remarks(&self) -> Vec<RemarkAt> {
        fn walk(t: &Tree, path: &mut String, out: &mut Vec<RemarkAt>) {
            match t {
                Tree::Remarked(inner, remark) => {
                    out.push(RemarkAt {
                        path: path.clone(),
                        remark: (**remark).clone(),
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
        if self.has_remark(RemarkKind::Note) || self.has_remark(RemarkKind::Malformed) {
            walk(self, &mut String::new(), &mut out);
        }
        out
    }

    /// Whether some part of the tree could not be decoded ([`RemarkKind::Malformed`]).
    pub fn is_partial(&self) -> bool {
        self.has_remark(RemarkKind::Malformed)
    }

    /// Whether some node of the tree carries a remark of `kind`: [`Tree::remarks`] without
    /// the paths, for the common case of a tree that has none.
    pub fn has_remark(&self, kind: RemarkKind) -> bool {
        match self {
            Tree::Remarked(inner, r) => r.kind == kind || inner.has_remark(kind),
            Tree::Struct(fields) => fields.iter().any(|(_, v)| v.has_remark(kind)),
            Tree::List(items) => items.iter().any(|v| v.has_remark(kind)),
            _ => false,
        }
    }

    /// An empty struct, to be filled with [`Tree::field`].
    #[inline]
    pub fn record() -> Tree {
        // Room for the fields of most structures: a tree is built field by field.
        Tree::Struct(Vec::with_capacity(8))
    }

    /// Adds a field to a struct node (no-op on other nodes).
    #[inline]
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
    pub fn with_named_properties(mut self, names: &dyn Fn(u16) -> Option<String>) -> Tree {
        self.name_properties(names);
        self
    }

    /// [`Tree::with_named_properties`] in place (the nodes are renamed where they are, the
    /// tree is not built again); returns [`Tree::is_partial`], found in the same walk.
    pub fn name_properties(&mut self, names: &dyn Fn(u16) -> Option<String>) -> bool {
        // Each id is asked for and its name written once (a table's rows repeat its columns).
        let mut known = std::collections::HashMap::new();
        let mut shown = |id: u16| {
            known
                .entry(id)
                .or_insert_with(|| names(id).map(|n| format!("named: {n}")))
                .clone()
        };
        self.name_walk(&mut shown)
    }

    /// The walk of [`Tree::name_properties`]: `shown` gives the name a node shows for an id
    /// from 0x8000 up; returns whether a node below holds a malformed remark.
    fn name_walk(&mut self, shown: &mut dyn FnMut(u16) -> Option<String>) -> bool {
        let (value, id, digits) = match self {
            Tree::PropTag(t) => (u64::from(*t), (*t >> 16) as u16, 8),
            Tree::PropId(id) => (u64::from(*id), *id, 4),
            Tree::Struct(fields) => {
                let mut partial = false;
                for (_, v) in fields {
                    partial |= v.name_walk(shown);
                }
                return partial;
            }
            Tree::List(items) => {
                let mut partial = false;
                for v in items {
                    partial |= v.name_walk(shown);
                }
                return partial;
            }
            Tree::Remarked(v, r) => {
                return v.name_walk(shown) | (r.kind == RemarkKind::Malformed);
            }
            _ => return false,
        };
        if id >= 0x8000 {
            if let Some(name) = shown(id) {
                *self = Tree::Named {
                    value,
                    name: Some(Cow::Owned(name)),
                    digits,
                };
            }
        }
        false
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
        self.push_text(&mut s);
        s
    }

    /// Appends the text view ([`Tree::to_text`]) to `out`, so a caller rendering many trees
    /// can reuse one buffer.
    pub fn push_text(&self, out: &mut String) {
        match self {
            Tree::Struct(fields) => {
                for (k, v) in fields {
                    v.write_text(out, 0, Label::Name(k));
                }
            }
            other => other.write_text(out, 0, Label::Dash),
        }
    }

    fn write_text(&self, out: &mut String, depth: usize, label: Label<'_>) {
        let line = out.len();
        for _ in 0..depth {
            out.push_str("  ");
        }
        match label {
            Label::Name(l) => {
                out.push_str(l);
                out.push(':');
            }
            Label::Index(i) => {
                out.push('[');
                push_decimal(out, i as u64);
                out.push_str("]:");
            }
            Label::Dash => out.push('-'),
        }
        self.write_text_body(out, depth, line);
    }

    /// What [`Tree::write_text`] writes after the lead (indent and label); the node's first
    /// line starts at `line`.
    fn write_text_body(&self, out: &mut String, depth: usize, line: usize) {
        match self {
            Tree::Struct(fields) => {
                out.push('\n');
                for (k, v) in fields {
                    v.write_text(out, depth + 1, Label::Name(k));
                }
            }
            Tree::List(items) => {
                out.push_str(" [");
                push_decimal(out, items.len() as u64);
                out.push_str("]\n");
                for (i, v) in items.iter().enumerate() {
                    v.write_text(out, depth + 1, Label::Index(i));
                }
            }
            Tree::Remarked(inner, remark) => {
                let mark = match remark.kind {
                    RemarkKind::Note => "note",
                    RemarkKind::Malformed => "MALFORMED",
                };
                inner.write_text_body(out, depth, line);
                // The remark goes at the end of the node's first line.
                let suffix = format!("  [{mark}: {}]", remark.text);
                match out[line..].find('\n') {
                    Some(i) => out.insert_str(line + i, &suffix),
                    None => {
                        out.push_str(&suffix);
                        out.push('\n');
                    }
                }
            }
            leaf => {
                out.push(' ');
                leaf.push_leaf_text(out);
                out.push('\n');
            }
        }
    }

    fn push_leaf_text(&self, out: &mut String) {
        match &*self.shown() {
            Tree::Null => out.push_str("null"),
            Tree::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Tree::UInt(v) => push_decimal(out, *v),
            Tree::Int(v) => out.push_str(itoa::Buffer::new().format(*v)),
            Tree::Hex(v) => push_hex_upper(out, *v, 0),
            Tree::Float(v) => {
                let _ = write!(out, "{v}");
            }
            Tree::Text(t) => {
                let _ = write!(out, "{t:?}");
            }
            Tree::String8(b) => {
                let _ = write!(out, "{:?}", cp1252(b));
            }
            Tree::Bytes(b) => {
                out.push('<');
                push_decimal(out, b.len() as u64);
                out.push_str(" bytes> ");
                push_hex_bytes(out, b);
            }
            Tree::Named {
                value,
                name,
                digits,
            } => {
                push_hex_upper(out, *value, usize::from(*digits));
                if let Some(n) = name {
                    out.push_str(" (");
                    out.push_str(n);
                    out.push(')');
                }
            }
            Tree::Struct(_)
            | Tree::List(_)
            | Tree::PropTag(_)
            | Tree::PropId(_)
            | Tree::Remarked(..) => {}
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
    use super::{RemarkKind, Tree};
    use serde::ser::{SerializeMap, SerializeSeq, Serializer};
    use serde::Serialize;

    /// A field's name with a suffix (`RestrictTypeName`), written without allocating when it
    /// is short.
    struct Suffixed<'a>(&'a str, &'static str);

    impl Serialize for Suffixed<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let (a, b) = (self.0.as_bytes(), self.1.as_bytes());
            let mut buf = [0u8; 128];
            if let Some(both) = buf.get_mut(..a.len() + b.len()) {
                both[..a.len()].copy_from_slice(a);
                both[a.len()..].copy_from_slice(b);
                if let Ok(key) = std::str::from_utf8(both) {
                    return s.serialize_str(key);
                }
            }
            s.serialize_str(&format!("{}{}", self.0, self.1))
        }
    }

    /// The names of a list of codes, `null` where one has none.
    struct NamesOf<'a>(&'a [Tree]);

    impl Serialize for NamesOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            for i in self.0 {
                seq.serialize_element(&i.shown_name())?;
            }
            seq.end()
        }
    }

    impl Serialize for Tree {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                // As the named codes they show as: the number.
                Tree::PropTag(t) => s.serialize_u64((*t).into()),
                Tree::PropId(id) => s.serialize_u64((*id).into()),
                Tree::Null => s.serialize_unit(),
                Tree::Bool(b) => s.serialize_bool(*b),
                Tree::UInt(v) | Tree::Hex(v) => s.serialize_u64(*v),
                Tree::Int(v) => s.serialize_i64(*v),
                Tree::Float(v) => s.serialize_f64(*v),
                Tree::Text(t) => s.serialize_str(t),
                Tree::String8(b) => s.serialize_str(&super::cp1252(b)),
                Tree::Bytes(b) => {
                    let mut hex = String::new();
                    super::push_hex_bytes(&mut hex, b);
                    s.serialize_str(&hex)
                }
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
                            map.serialize_entry(&Suffixed(k, "Name"), name)?;
                        }
                        // A list of codes: their names beside it, as for one code.
                        if let Tree::List(items) = v {
                            if items.iter().any(|i| i.shown_name().is_some()) {
                                map.serialize_entry(&Suffixed(k, "Names"), &NamesOf(items))?;
                            }
                        }
                        if let Some(r) = remark {
                            let suffix = match r.kind {
                                RemarkKind::Note => "Note",
                                RemarkKind::Malformed => "Malformed",
                            };
                            map.serialize_entry(&Suffixed(k, suffix), &r.text)?;
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
        // The text of `to_iso8601`, written digit by digit: rows of tables hold many times.
        let t = self.to_date_time();
        let Ok(year) = u64::try_from(t.year()) else {
            return Tree::Text(self.to_iso8601());
        };
        let mut s = String::with_capacity(28);
        push_padded(&mut s, year, 4);
        s.push('-');
        push_padded(&mut s, u8::from(t.month()).into(), 2);
        s.push('-');
        push_padded(&mut s, t.day().into(), 2);
        s.push('T');
        push_padded(&mut s, t.hour().into(), 2);
        s.push(':');
        push_padded(&mut s, t.minute().into(), 2);
        s.push(':');
        push_padded(&mut s, t.second().into(), 2);
        s.push('.');
        push_padded(&mut s, (t.nanosecond() / 100).into(), 7);
        s.push('Z');
        Tree::Text(s)
    }
}

/// Appends `v` in decimal, zero-padded to `width` digits.
fn push_padded(out: &mut String, v: u64, width: usize) {
    let mut digits = 1;
    let mut rest = v / 10;
    while rest > 0 {
        digits += 1;
        rest /= 10;
    }
    for _ in digits..width {
        out.push('0');
    }
    push_decimal(out, v);
}

#[cfg(test)]
mod tests {
    use super::{ToTree, Tree};
    use crate::wire::FileTime;
    use std::borrow::Cow;

    #[test]
    fn a_filetime_shows_as_its_iso8601_text() {
        for v in [
            0,
            1,
            0x01C9_1340_0DC5_7000,
            0x01D0_0000_0000_0000,
            9_999_999,
            u64::MAX / 3,
            u64::MAX,
        ] {
            let t = FileTime(v);
            assert_eq!(t.to_tree(), Tree::Text(t.to_iso8601()), "{v:#x}");
        }
        // 100 ns ticks from 1601-01-01 ([MS-DTYP] 2.3.3), worked out independently.
        assert_eq!(
            FileTime(0x01C9_1340_0DC5_7000).to_tree(),
            Tree::Text("2008-09-10T12:23:38.6647552Z".into())
        );
    }

    /// One walk names the tags and ids from 0x8000 up that the session knows, and says
    /// whether a malformed remark lies anywhere below (what `is_partial` says).
    #[test]
    fn naming_properties_reports_a_malformed_part_in_the_same_walk() {
        let error = crate::wire::DecodeError::new(
            crate::wire::ErrorKind::Truncated {
                needed: 2,
                available: 1,
            },
            7,
        );
        let names = |id: u16| (id == 0x8001).then(|| "Contoso:Color".to_string());
        let build = |bad: bool| {
            let deep = if bad {
                Tree::Bytes(vec![1]).with_malformed(&error)
            } else {
                Tree::Bytes(vec![1]).with_note("kept")
            };
            Tree::record()
                .field(
                    "Tags",
                    Tree::List(vec![Tree::PropTag(0x8001_001F), Tree::PropTag(0x8002_0003)]),
                )
                .field("Rest", Tree::record().field("Raw", deep))
        };
        for bad in [false, true] {
            let mut t = build(bad);
            assert_eq!(t.name_properties(&names), bad);
            assert_eq!(t.is_partial(), bad);
            let Tree::Struct(fields) = &t else {
                panic!("{t:?}")
            };
            let Tree::List(tags) = &fields[0].1 else {
                panic!("{t:?}")
            };
            assert_eq!(
                tags[0],
                Tree::Named {
                    value: 0x8001_001F,
                    name: Some(Cow::Borrowed("named: Contoso:Color")),
                    digits: 8
                }
            );
            // An id the session does not know stays a tag.
            assert_eq!(tags[1], Tree::PropTag(0x8002_0003));
        }
    }

    #[test]
    fn the_text_view_writes_numbers_as_format_does() {
        let mut s = String::new();
        for (v, w) in [(0u64, 0usize), (7, 4), (409, 8), (u64::MAX, 16), (0xABC, 2)] {
            s.clear();
            super::push_hex_upper(&mut s, v, w);
            assert_eq!(s, format!("0x{v:0w$X}"));
            s.clear();
            super::push_decimal(&mut s, v);
            assert_eq!(s, v.to_string());
        }
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
