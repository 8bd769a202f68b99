//! Bodies whose layout a status field selects: a ROP response after its ReturnValue, an
//! EMSMDB or NSPI response body after its StatusCode. The status is a field of the enclosing
//! structure; [`Outcome`] is what follows it.

use bytes::BufMut;

use super::codec::{Decode, DecodeWith, Encode};
use super::error::{DecodeError, EncodeError};
use super::reader::Reader;
use crate::tree::{ToTree, Tree};

/// The success or the failure layout of a body, as its status field selects.
///
/// Decoding takes `(success, ctx)`: whether the status just read selects the success layout,
/// and the context both layouts decode with (`()` when they need none). Encoding writes the
/// variant held; the structure that holds the status checks that they agree.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Outcome<S, F = NoFields> {
    /// The success layout's fields.
    Success(S),
    /// The failure layout's fields.
    Failure(F),
}

impl<S, F> Outcome<S, F> {
    /// Whether this is the success layout.
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Success(_))
    }

    /// The success fields, if this is the success layout.
    pub fn success(&self) -> Option<&S> {
        match self {
            Outcome::Success(s) => Some(s),
            Outcome::Failure(_) => None,
        }
    }

    /// The failure fields, if this is the failure layout.
    pub fn failure(&self) -> Option<&F> {
        match self {
            Outcome::Success(_) => None,
            Outcome::Failure(f) => Some(f),
        }
    }

    /// The success fields, consuming the outcome.
    pub fn into_success(self) -> Option<S> {
        match self {
            Outcome::Success(s) => Some(s),
            Outcome::Failure(_) => None,
        }
    }
}

impl<'a, S, F, C> DecodeWith<'a, (bool, C)> for Outcome<S, F>
where
    S: DecodeWith<'a, C>,
    F: DecodeWith<'a, C>,
{
    #[inline]
    fn decode_with_from(
        r: &mut Reader<'a>,
        (success, ctx): (bool, C),
    ) -> Result<Self, DecodeError> {
        if success {
            S::decode_with_from(r, ctx).map(Outcome::Success)
        } else {
            F::decode_with_from(r, ctx).map(Outcome::Failure)
        }
    }
}

impl<S: Encode, F: Encode> Encode for Outcome<S, F> {
    #[inline]
    fn encoded_len(&self) -> usize {
        match self {
            Outcome::Success(s) => s.encoded_len(),
            Outcome::Failure(f) => f.encoded_len(),
        }
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            Outcome::Success(s) => s.encode(out),
            Outcome::Failure(f) => f.encode(out),
        }
    }
}

impl<S: ToTree, F: ToTree> ToTree for Outcome<S, F> {
    /// The tree of the fields held (the status belongs to the enclosing structure).
    fn to_tree(&self) -> Tree {
        match self {
            Outcome::Success(s) => s.to_tree(),
            Outcome::Failure(f) => f.to_tree(),
        }
    }
}

/// A layout without fields (most failure responses, and success responses that carry nothing
/// after their status).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NoFields;

impl<'a> Decode<'a> for NoFields {
    #[inline]
    fn decode_from(_: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(NoFields)
    }
}

impl Encode for NoFields {
    #[inline]
    fn encoded_len(&self) -> usize {
        0
    }
    #[inline]
    fn encode<B: BufMut>(&self, _: &mut B) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ToTree for NoFields {
    fn to_tree(&self) -> Tree {
        Tree::record()
    }
}

/// No fields: nothing in a map of fields, null alone.
#[cfg(feature = "serde")]
impl serde::Serialize for NoFields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

/// Reads no fields: an empty map, or null.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for NoFields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = NoFields;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("no fields")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<NoFields, E> {
                Ok(NoFields)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<NoFields, E> {
                Ok(NoFields)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<NoFields, A::Error> {
                match map.next_key::<crate::serde_form::Key<'de>>()? {
                    None => Ok(NoFields),
                    Some(k) => Err(serde::de::Error::unknown_field(k.as_str(), &[])),
                }
            }
        }
        d.deserialize_any(V)
    }
}
