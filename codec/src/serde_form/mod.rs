//! The `serde` form of the message types (feature `serde`): what the macros of the crate
//! generate their `Serialize` and `Deserialize` impls with, and the forms of the primitives.
//!
//! - Fields are named by the spec (`wire_struct!`'s names); a field whose spec name is empty
//!   (a type that names its own parts, such as AuxiliaryBuffer) takes its Rust name in
//!   PascalCase.
//! - Codes are their name when the spec names the value (and the name reads back as the same
//!   value), otherwise `0x` and the value in hex; both, and plain numbers, deserialize.
//! - Bytes are lowercase hex strings (whitespace in them ignored when reading).
//! - Strings are JSON strings when that keeps their exact bytes, `{"Hex": ".."}` otherwise.
//! - Floats are numbers when finite, the hex of their bits otherwise.
//! - FILETIME is ISO 8601 UTC with 7 fractional digits; GUID its registry form.
//!
//! Values that need their context to decode (a ROP response needs its request) serialize
//! what their encoding writes: deserializing then encoding gives their bytes back. The fields
//! whose value selects the layout of the others (RopId, a response's ReturnValue, a body's
//! StatusCode) are written first and read wherever they stand (the entries before them are
//! held until they are found).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

mod buffered;
mod data;
mod flat;
mod text;

pub(crate) use buffered::leading;
pub(crate) use flat::Flat;
pub(crate) use text::{float, FloatOf};

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/// The number of bytes of `s` in PascalCase (its underscores dropped).
pub(crate) const fn pascal_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'_' {
            n += 1;
        }
        i += 1;
    }
    n
}

/// `s` (snake_case ASCII) in PascalCase: `auxiliary_buffer` is `AuxiliaryBuffer`.
pub(crate) const fn pascal<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    let mut o = 0;
    let mut upper = true;
    while i < b.len() && o < N {
        if b[i] == b'_' {
            upper = true;
        } else {
            out[o] = if upper {
                b[i].to_ascii_uppercase()
            } else {
                b[i]
            };
            o += 1;
            upper = false;
        }
        i += 1;
    }
    out
}

/// The key of a field: its spec name, or when that is empty `pascal` (its Rust name in
/// PascalCase).
pub(crate) const fn key(wire: &'static str, pascal: &'static str) -> &'static str {
    if wire.is_empty() {
        pascal
    } else {
        wire
    }
}

/// The key of a field of a generated struct: `serde_key!(field, "Wire")`.
macro_rules! serde_key {
    ($field:ident, $wire:expr) => {{
        const RUST: &str = stringify!($field);
        const N: usize = $crate::serde_form::pascal_len(RUST);
        const BYTES: [u8; N] = $crate::serde_form::pascal::<N>(RUST);
        const PASCAL: &str = match ::core::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => "",
        };
        $crate::serde_form::key($wire, PASCAL)
    }};
}
pub(crate) use serde_key;

/// A map key as read: borrowed from the input when it can be.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// The value of a field that is not in the input: `None` for an optional field (and
/// whatever else reads from nothing), else the missing-field error.
pub(crate) fn missing<'de, S, E>(seed: S, key: &'static str) -> Result<S::Value, E>
where
    S: DeserializeSeed<'de>,
    E: de::Error,
{
    seed.deserialize(de::value::UnitDeserializer::<E>::new())
        .map_err(|_: E| E::missing_field(key))
}

// ---------------------------------------------------------------------------------------------
// Fields of generated structs: the form of each field's type
// ---------------------------------------------------------------------------------------------

/// The form of a field of type `T` in a generated struct: its own `Serialize` and
/// `Deserialize`, except for the types that have none of the form this crate wants (bytes,
/// `Cow<[u8]>`, are hex), which an inherent method of this type picks instead of the
/// [`AsItself`] default.
pub(crate) struct Field<T>(PhantomData<T>);

impl<T> Field<T> {
    /// The form of a field of type `T`.
    pub(crate) const NEW: Field<T> = Field(PhantomData);
}

/// The default form of a field: the type's own.
pub(crate) trait AsItself<T> {
    /// What serializes the value.
    fn ser<'x>(&self, v: &'x T) -> &'x T;
    /// What deserializes the value.
    fn seed(&self) -> PhantomData<T>;
}

impl<T> AsItself<T> for Field<T> {
    #[inline]
    fn ser<'x>(&self, v: &'x T) -> &'x T {
        v
    }
    #[inline]
    fn seed(&self) -> PhantomData<T> {
        PhantomData
    }
}

impl<'a> Field<Cow<'a, [u8]>> {
    /// Bytes serialize as hex. (The `&Cow` is the field's type: the inherent method must
    /// take what the [`AsItself`] one takes, to be picked in its place.)
    #[inline]
    #[allow(clippy::ptr_arg)]
    pub(crate) fn ser<'x>(&self, v: &'x Cow<'a, [u8]>) -> Hex<'x> {
        Hex(v)
    }
    /// Bytes deserialize from hex.
    #[inline]
    pub(crate) fn seed(&self) -> HexSeed<'a> {
        HexSeed(PhantomData)
    }
}

impl<'a> Field<Option<Cow<'a, [u8]>>> {
    /// Optional bytes serialize as hex.
    #[inline]
    pub(crate) fn ser<'x>(&self, v: &'x Option<Cow<'a, [u8]>>) -> Option<Hex<'x>> {
        v.as_deref().map(Hex)
    }
    /// Optional bytes deserialize from hex.
    #[inline]
    pub(crate) fn seed(&self) -> OptionSeed<HexSeed<'a>> {
        OptionSeed(HexSeed(PhantomData))
    }
}

/// Reads null or what `S` reads.
pub(crate) struct OptionSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OptionSeed<S> {
    type Value = Option<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V<S>(S);
        impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for V<S> {
            type Value = Option<S::Value>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null or a value")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                self.0.deserialize(d).map(Some)
            }
        }
        d.deserialize_option(V(self.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Bytes
// ---------------------------------------------------------------------------------------------

/// Lowercase hex of `b`.
pub(crate) fn hex_string(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * b.len());
    for x in b {
        s.push(char::from(DIGITS[usize::from(x >> 4)]));
        s.push(char::from(DIGITS[usize::from(x & 15)]));
    }
    s
}

/// The bytes of hex text (either case; whitespace ignored), `None` when it is not hex.
pub(crate) fn parse_hex(s: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut high = None;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let d = digit(c)?;
        match high.take() {
            None => high = Some(d),
            Some(h) => out.push(h << 4 | d),
        }
    }
    high.is_none().then_some(out)
}

/// Bytes that serialize as a hex string.
pub(crate) struct Hex<'x>(pub(crate) &'x [u8]);

impl Serialize for Hex<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex_string(self.0))
    }
}

/// Reads bytes from a hex string (or, for formats that have them, bytes).
pub(crate) struct HexSeed<'a>(pub(crate) PhantomData<Cow<'a, [u8]>>);

impl<'de, 'a> DeserializeSeed<'de> for HexSeed<'a> {
    type Value = Cow<'a, [u8]>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(HexVisitor).map(Cow::Owned)
    }
}

struct HexVisitor;

impl Visitor<'_> for HexVisitor {
    type Value = Vec<u8>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes as a hex string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        parse_hex(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }
}

/// `#[serde(with = "hex")]` for `Cow<[u8]>` fields.
pub(crate) mod hex {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        Hex(v).serialize(s)
    }

    pub(crate) fn deserialize<'de, 'a, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Cow<'a, [u8]>, D::Error> {
        HexSeed(PhantomData).deserialize(d)
    }
}

/// `#[serde(with = "hex_array")]` for `[u8; N]` fields: a hex string of exactly N bytes.
pub(crate) mod hex_array {
    use super::*;

    pub(crate) fn serialize<S: Serializer, const N: usize>(
        v: &[u8; N],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        Hex(v).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
        d: D,
    ) -> Result<[u8; N], D::Error> {
        let v = d.deserialize_str(HexVisitor)?;
        let n = v.len();
        v.try_into()
            .map_err(|_| de::Error::invalid_length(n, &format!("{N} bytes").as_str()))
    }
}

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/// Serializes a code: `name` when there is one, else `0x` and `digits` hex digits.
pub(crate) fn ser_code<S: Serializer>(
    s: S,
    name: Option<&str>,
    value: u64,
    digits: usize,
) -> Result<S::Ok, S::Error> {
    match name {
        Some(n) => s.serialize_str(n),
        None => s.serialize_str(&format!("0x{value:0digits$X}")),
    }
}

/// Serializes flags: the names of the bits set joined by `|` (the unnamed rest in hex), `0x`
/// and the value in hex when none is set.
pub(crate) fn ser_flags<S: Serializer>(
    s: S,
    names: Option<String>,
    value: u64,
    digits: usize,
) -> Result<S::Ok, S::Error> {
    match names {
        Some(n) => s.serialize_str(&n),
        None => s.serialize_str(&format!("0x{value:0digits$X}")),
    }
}

/// A number written `0x..` (hex) or in decimal, up to `max`.
pub(crate) fn parse_number(text: &str, max: u64) -> Option<u64> {
    let t = text.trim();
    let v = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16).ok()?,
        None => t.parse().ok()?,
    };
    (v <= max).then_some(v)
}

/// Reads a code of `what` up to `max`: a number, `0x` hex text, or a name `lookup` knows;
/// with `flags`, names and hex joined by `|`.
pub(crate) fn de_code<'de, D: Deserializer<'de>>(
    d: D,
    what: &'static str,
    max: u64,
    flags: bool,
    lookup: &dyn Fn(&str) -> Option<u64>,
) -> Result<u64, D::Error> {
    struct V<'l> {
        what: &'static str,
        max: u64,
        flags: bool,
        lookup: &'l dyn Fn(&str) -> Option<u64>,
    }
    impl V<'_> {
        fn one(&self, part: &str) -> Option<u64> {
            let p = part.trim();
            parse_number(p, self.max).or_else(|| (self.lookup)(p))
        }
    }
    impl Visitor<'_> for V<'_> {
        type Value = u64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "a {}: its name, 0x and its hex value, or a number",
                self.what
            )
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
            if v <= self.max {
                Ok(v)
            } else {
                Err(E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                .and_then(|v| self.visit_u64(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
            let found = if self.flags {
                v.split('|')
                    .map(|p| self.one(p))
                    .try_fold(0u64, |acc, x| x.map(|x| acc | x))
            } else {
                self.one(v)
            };
            found.ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_any(V {
        what,
        max,
        flags,
        lookup,
    })
}

// ---------------------------------------------------------------------------------------------
// Errors kept with undecoded parts
// ---------------------------------------------------------------------------------------------

impl Serialize for crate::wire::DecodeError {
    /// Kind, offset, path and text: what a reader needs. Only the kind's name and the offset
    /// read back ([`crate::wire::DecodeError`]'s `Deserialize`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("DecodeError", 4)?;
        st.serialize_field("Kind", self.kind().name())?;
        st.serialize_field("Offset", &self.offset())?;
        st.serialize_field("Path", &self.path_string())?;
        st.serialize_field("Text", &self.to_string())?;
        st.end()
    }
}

impl<'de> serde::Deserialize<'de> for crate::wire::DecodeError {
    /// An error kept with an undecoded part is a remark: encoding writes the part's bytes and
    /// never reads it. What reads back is its kind (without the details the text gave) and its
    /// offset; anything else in the input is ignored.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::wire::{DecodeError, ErrorKind};
        #[derive(serde::Deserialize)]
        struct Form {
            #[serde(rename = "Kind", default)]
            kind: Option<String>,
            #[serde(rename = "Offset", default)]
            offset: Option<usize>,
        }
        const WHAT: &str = "(an error read back from its serialized form)";
        let f = Form::deserialize(d)?;
        let kind = match f.kind.as_deref() {
            Some("truncated") => ErrorKind::Truncated {
                needed: 0,
                available: 0,
            },
            Some("limit-exceeded") => ErrorKind::LimitExceeded {
                limit: WHAT,
                value: 0,
                max: 0,
            },
            Some("count-too-large") => ErrorKind::CountTooLarge {
                count: 0,
                min_element_size: 0,
                available: 0,
            },
            Some("unknown-id") => ErrorKind::UnknownId { what: WHAT, id: 0 },
            Some("trailing-bytes") => ErrorKind::TrailingBytes { count: 0 },
            Some("decompression") => ErrorKind::Decompression { what: WHAT },
            Some("missing-context") => ErrorKind::MissingContext { what: WHAT },
            _ => ErrorKind::InvalidValue {
                what: WHAT,
                value: 0,
            },
        };
        Ok(DecodeError::new(kind, f.offset.unwrap_or(0)))
    }
}

// ---------------------------------------------------------------------------------------------
// Newtypes over bytes: a hex string
// ---------------------------------------------------------------------------------------------

/// `Serialize` and `Deserialize` as a hex string, for newtypes over `Cow<[u8]>`.
macro_rules! hex_newtype {
    ($($t:ident),* $(,)?) => {$(
        impl serde::Serialize for $t<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::serde_form::Hex(&self.0).serialize(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t<'_> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::serde_form::hex::deserialize(d).map($t)
            }
        }
    )*};
}

hex_newtype!(Bytes16, Bytes32, EntryIdBytes);

use crate::nspi::EntryIdBytes;
use crate::rop::ics::Bytes32;
use crate::wire::{ByteArray, Bytes16};

impl<const N: usize> Serialize for ByteArray<N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Hex(&self.0).serialize(s)
    }
}

impl<'de, const N: usize> serde::Deserialize<'de> for ByteArray<N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        hex_array::deserialize(d).map(ByteArray)
    }
}

// ---------------------------------------------------------------------------------------------
// A flag byte and the value it announces
// ---------------------------------------------------------------------------------------------

/// The explicit form of a flag and the value it announces, for a flag byte other than the
/// canonical 0x00 (no value) or 0x01 (a value).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplicitFlag<T> {
    #[serde(rename = "Flag")]
    flag: u8,
    #[serde(rename = "Value")]
    value: Option<T>,
}

/// What [`de_flagged`] reads: the explicit form, or the value alone.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FlagForm<T> {
    Explicit(ExplicitFlag<T>),
    Plain(Option<T>),
}

/// Serializes a flag byte and the value it announces (a HasXxx field, IsGhosted and the
/// replica servers): the value, or null, when the flag is the canonical 0x01 or 0x00 that
/// goes with it; else `{"Flag": n, "Value": ..}`, so that the byte is kept.
pub(crate) fn ser_flagged<S: Serializer, T: Serialize>(
    s: S,
    flag: u8,
    value: Option<&T>,
) -> Result<S::Ok, S::Error> {
    if flag == u8::from(value.is_some()) {
        value.serialize(s)
    } else {
        ExplicitFlag { flag, value }.serialize(s)
    }
}

/// Reads what [`ser_flagged`] writes: (the flag, the value); the flag is the canonical one
/// when the input gives the value alone.
pub(crate) fn de_flagged<'de, D: Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<(u8, Option<T>), D::Error> {
    Ok(match <FlagForm<T> as serde::Deserialize>::deserialize(d)? {
        FlagForm::Explicit(e) => (e.flag, e.value),
        FlagForm::Plain(v) => (u8::from(v.is_some()), v),
    })
}

impl<T: Serialize> Serialize for crate::nspi::Has<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_flagged(s, self.flag, self.value.as_ref())
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for crate::nspi::Has<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_flagged(d).map(|(flag, value)| crate::nspi::Has { flag, value })
    }
}

impl<T: Serialize> Serialize for crate::rop::folder::FlaggedGroup<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_flagged(s, self.flag.0, self.fields.as_ref())
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de>
    for crate::rop::folder::FlaggedGroup<T>
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_flagged(d).map(|(flag, fields)| crate::rop::folder::FlaggedGroup {
            flag: crate::wire::Bool8(flag),
            fields,
        })
    }
}

/// `#[serde(with = "hex_vec")]` for `Vec<u8>` fields.
pub(crate) mod hex_vec {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        Hex(v).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_str(HexVisitor)
    }
}
