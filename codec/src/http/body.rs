//! What the bodies of both endpoints share ([MS-OXCMAPIHTTP] 2.2.4 mailbox, 2.2.5 address
//! book): the size-prefixed extended-buffer chains (AuxiliaryBufferSize + AuxiliaryBuffer,
//! RopBufferSize + RopBuffer) and the response body whose layout StatusCode selects.

use bytes::BufMut;

use super::headers::ResponseCode;
use crate::rpc::auxiliary::AuxBlocks;
use crate::rpc::ext::{ExtendedBufferChain, MalformedRest};
use crate::tree::{FieldTree, ToTree, Tree};
use crate::wire::{
    u32_len, Decode, DecodeError, DecodeWith, Encode, EncodeError, IntoOwned, Limits, Outcome,
    Reader, ResultExt,
};

/// Reads a 4-byte size and that many bytes as an extended-buffer chain that must fill them
/// exactly (`field` names the chain, `size_field` its size). A size of zero means no chain.
/// When `keep_malformed`, a chain that does not decode within its size is kept raw with its
/// error ([`ExtendedBufferChain::malformed`]) unless decoding is strict.
fn read_chain<'a>(
    r: &mut Reader<'a>,
    size_field: &'static str,
    field: &'static str,
    keep_malformed: bool,
) -> Result<Option<ExtendedBufferChain<'a>>, DecodeError> {
    let at = r.offset();
    let size = r.u32().field(size_field)?;
    if size == 0 {
        return Ok(None);
    }
    // The size is checked against the bytes left before anything is read or allocated.
    let len = usize::try_from(size).unwrap_or(usize::MAX);
    let mut sub = r
        .sub(len)
        .map_err(|e| DecodeError::new(e.kind().clone(), at))
        .field(size_field)?;
    let start = sub.rest();
    let chain = ExtendedBufferChain::decode_from(&mut sub).and_then(|c| sub.finish().map(|()| c));
    match chain {
        Ok(c) => Ok(Some(c)),
        // A malformed auxiliary buffer is kept raw with its error, so that it does not hide
        // the rest of the body.
        Err(e) if keep_malformed && !r.limits().strict => Ok(Some(ExtendedBufferChain {
            buffers: Vec::new(),
            malformed: Some(MalformedRest {
                bytes: std::borrow::Cow::Borrowed(start),
                error: e.in_field(field),
            }),
        })),
        Err(e) => Err(e).field(field),
    }
}

/// Writes the 4-byte size and the chain; `None` is a size of 0.
fn put_chain<B: BufMut>(
    out: &mut B,
    c: &Option<ExtendedBufferChain<'_>>,
    size_field: &'static str,
) -> Result<(), EncodeError> {
    match c {
        None => 0u32.encode(out),
        // A chain of no buffers takes no bytes, and size 0 reads back as no chain.
        Some(c) if c.buffers.is_empty() && c.malformed.is_none() => Err(EncodeError::invalid(
            "an extended-buffer chain needs at least one buffer (use None for size 0)",
        ))
        .field(size_field),
        Some(c) => {
            u32_len(c.encoded_len(), size_field)?.encode(out)?;
            c.encode(out)
        }
    }
}

/// The codec of a size-prefixed chain type (its size field and its own name) and its owned
/// form.
macro_rules! sized_chain {
    ($($t:ident: $size_field:literal, $field:literal, keep_malformed: $keep:literal;)*) => {$(
        impl<'a> Decode<'a> for $t<'a> {
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                read_chain(r, $size_field, $field, $keep).map($t)
            }
        }

        impl Encode for $t<'_> {
            fn encoded_len(&self) -> usize {
                4 + self.0.as_ref().map_or(0, Encode::encoded_len)
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                put_chain(out, &self.0, $size_field)
            }
        }

        impl<'a> IntoOwned for $t<'a> {
            type Owned = $t<'static>;
            fn into_owned(self) -> $t<'static> {
                $t(self.0.into_owned())
            }
        }
    )*};
}

sized_chain! {
    // A bad auxiliary buffer must not hide the ROP buffer; a bad ROP buffer is the body's
    // error.
    AuxiliaryBuffer: "AuxiliaryBufferSize", "AuxiliaryBuffer", keep_malformed: true;
    RopBuffer: "RopBufferSize", "RopBuffer", keep_malformed: false;
}

fn size_tree(c: &Option<ExtendedBufferChain<'_>>) -> Tree {
    Tree::UInt(c.as_ref().map_or(0, Encode::encoded_len) as u64)
}

/// AuxiliaryBufferSize and AuxiliaryBuffer ([MS-OXCMAPIHTTP] 2.2.4, 2.2.5; rgbAuxIn and
/// rgbAuxOut of [MS-OXCRPC] 3.1.4.1): a 4-byte size, then that many bytes holding an
/// extended-buffer chain ([MS-OXCRPC] 3.1.4.1.1) of AUX blocks; a size of 0 means no buffer
/// (`None`).
///
/// The tree shows AuxiliaryBufferSize, then (when there is a buffer) each extended buffer's
/// header and, when its plain payload parses as AUX blocks, the blocks (else the payload bytes
/// and why they did not parse).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct AuxiliaryBuffer<'a>(pub Option<ExtendedBufferChain<'a>>);

impl FieldTree for AuxiliaryBuffer<'_> {
    fn field_tree(&self, _name: &'static str, t: Tree) -> Tree {
        let t = t.field("AuxiliaryBufferSize", size_tree(&self.0));
        match &self.0 {
            Some(c) => t.field("AuxiliaryBuffer", aux_chain_tree(c)),
            None => t,
        }
    }
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        self.field_tree(name, t)
    }
}

/// The tree of an auxiliary buffer's chain: each extended buffer's header and its AUX blocks
/// (or its payload and why it does not parse as blocks).
fn aux_chain_tree(c: &ExtendedBufferChain<'_>) -> Tree {
    let buffers = c
        .buffers
        .iter()
        .map(|b| {
            let t = Tree::record().field("RPC_HEADER_EXT", b.header.to_tree());
            match AuxBlocks::decode_exact(&b.payload, Limits::DEFAULT) {
                Ok(blocks) => t.field("AuxBlocks", blocks.to_tree()),
                Err(e) => t
                    .field("Payload", Tree::Bytes(b.payload.to_vec()))
                    .field("AuxBlocksError", Tree::Text(e.to_string())),
            }
        })
        .collect();
    c.tree_of(buffers)
}

/// RopBufferSize and RopBuffer of an Execute body ([MS-OXCMAPIHTTP] 2.2.4.2; rgbIn and rgbOut
/// of [MS-OXCRPC] 3.1.4.2): a 4-byte size, then that many bytes holding an extended-buffer
/// chain whose plain payloads are ROP buffers; a size of 0 means no buffer (`None`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct RopBuffer<'a>(pub Option<ExtendedBufferChain<'a>>);

impl FieldTree for RopBuffer<'_> {
    fn field_tree(&self, _name: &'static str, t: Tree) -> Tree {
        t.field("RopBufferSize", size_tree(&self.0)).field(
            "RopBuffer",
            self.0.as_ref().map_or(Tree::Null, ToTree::to_tree),
        )
    }
    fn flat_tree(&self, name: &'static str, t: Tree) -> Tree {
        self.field_tree(name, t)
    }
}

impl RopBuffer<'_> {
    /// The tree of RopBufferSize and RopBuffer with each extended buffer's ROP buffer shown as
    /// `rops` gives it (one tree a buffer, named `name`) in place of its payload bytes.
    pub(crate) fn tree_with_rops(
        &self,
        t: Tree,
        rops: impl Iterator<Item = Tree>,
        name: &'static str,
    ) -> Tree {
        let t = t.field("RopBufferSize", size_tree(&self.0));
        let Some(c) = &self.0 else {
            return t.field("RopBuffer", Tree::Null);
        };
        let buffers = c
            .buffers
            .iter()
            .zip(rops)
            .map(|(b, rops)| {
                Tree::record()
                    .field("RPC_HEADER_EXT", b.header.to_tree())
                    .field(name, rops)
            })
            .collect();
        t.field("RopBuffer", c.tree_of(buffers))
    }
}

/// The tree of a StatusCode: the X-ResponseCode names for the values the two share
/// ([MS-OXCMAPIHTTP] 2.2.3.3.3), the [MS-OXCDATA] 2.4 error names for the others (servers put
/// RPC and MAPI error codes there too).
fn status_tree(v: u32) -> Tree {
    let name = ResponseCode(v)
        .name()
        .or_else(|| crate::data::error_code_name(v));
    Tree::named(v, name)
}

/// A response body of any request type of either endpoint ([MS-OXCMAPIHTTP] 2.2.4, 2.2.5):
/// StatusCode, then the request type's success fields `S` when it is 0, else the failure
/// fields every request type shares (AuxiliaryBufferSize and AuxiliaryBuffer: 2.2.4.1.3,
/// 2.2.4.2.3, ..., 2.2.5 "Failure Response Body").
///
/// The same shape as a ROP response: the status, then an [`Outcome`] it selects. Encoding
/// refuses a body whose variant does not agree with StatusCode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseBody<'a, S> {
    /// StatusCode: 0 for success; any other value is the status of a failed request.
    pub status_code: u32,
    /// The success fields (after StatusCode), or the failure fields (the auxiliary buffer).
    pub body: Outcome<S, AuxiliaryBuffer<'a>>,
}

impl<'a, S> ResponseBody<'a, S> {
    /// A success response: StatusCode 0 and the request type's fields.
    pub fn success(fields: S) -> Self {
        ResponseBody {
            status_code: 0,
            body: Outcome::Success(fields),
        }
    }

    /// A failure response with a nonzero `status_code` and no auxiliary buffer.
    pub fn failure(status_code: u32) -> Self {
        ResponseBody {
            status_code,
            body: Outcome::Failure(AuxiliaryBuffer(None)),
        }
    }

    /// The success fields, if StatusCode was 0.
    pub fn fields(&self) -> Option<&S> {
        self.body.success()
    }
}

impl<'a, S: IntoOwned> IntoOwned for ResponseBody<'a, S> {
    type Owned = ResponseBody<'static, S::Owned>;
    fn into_owned(self) -> Self::Owned {
        ResponseBody {
            status_code: self.status_code,
            body: self.body.into_owned(),
        }
    }
}

/// StatusCode picks the layout: the body generated is the one it selects.
#[cfg(feature = "arbitrary")]
impl<'u: 'a, 'a, S: arbitrary::Arbitrary<'u>> arbitrary::Arbitrary<'u> for ResponseBody<'a, S> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        Ok(if u.arbitrary()? {
            ResponseBody::success(u.arbitrary()?)
        } else {
            ResponseBody {
                status_code: u.arbitrary::<u32>()?.max(1),
                body: Outcome::Failure(u.arbitrary()?),
            }
        })
    }
}

impl<'a, S: Decode<'a>> Decode<'a> for ResponseBody<'a, S> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let status_code = r.u32().field("StatusCode")?;
        let body = Outcome::decode_with_from(r, (status_code == 0, ()))?;
        Ok(ResponseBody { status_code, body })
    }
}

impl<S: Encode> Encode for ResponseBody<'_, S> {
    fn encoded_len(&self) -> usize {
        4 + self.body.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if (self.status_code == 0) != self.body.is_success() {
            return Err(EncodeError::invalid(
                "StatusCode is 0 exactly for a success response body",
            ))
            .field("StatusCode");
        }
        self.status_code.encode(out)?;
        self.body.encode(out)
    }
}

impl<S: ToTree> ToTree for ResponseBody<'_, S> {
    fn to_tree(&self) -> Tree {
        let t = Tree::record().field("StatusCode", status_tree(self.status_code));
        match &self.body {
            Outcome::Success(s) => t.splice(s.to_tree()),
            Outcome::Failure(aux) => aux.field_tree("AuxiliaryBuffer", t),
        }
    }
}

/// The enum of an endpoint's bodies, one variant per request type and direction: its
/// [`BodyKind`](super::headers::BodyKind) (`kind()`), its decoder by kind
/// (`DecodeWith<BodyKind>`), its encoder, the tree of the body it holds (`body_tree()`) and
/// its owned form ([`IntoOwned`]).
/// A kind of the other endpoint is a missing-context error.
macro_rules! body_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident;
        $($rt:ident: $req:ident($reqt:ty), $resp:ident($respt:ty);)*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum $name<'a> {
            $(
                #[doc = concat!("The ", stringify!($rt), " request body.")]
                $req($reqt),
                #[doc = concat!("The ", stringify!($rt), " response body.")]
                $resp($respt),
            )*
        }

        impl $name<'_> {
            /// The kind of this body: what decoding it back takes.
            pub fn kind(&self) -> $crate::http::headers::BodyKind {
                use $crate::http::headers::{BodyKind, Direction, RequestType};
                let (request_type, direction) = match self {
                    $(
                        $name::$req(_) => (RequestType::$rt, Direction::Request),
                        $name::$resp(_) => (RequestType::$rt, Direction::Response),
                    )*
                };
                BodyKind { request_type, direction }
            }

            /// The tree of the body this holds.
            fn body_tree(&self) -> $crate::tree::Tree {
                use $crate::tree::ToTree as _;
                match self {
                    $($name::$req(b) => b.to_tree(), $name::$resp(b) => b.to_tree(),)*
                }
            }
        }

        impl<'a> $crate::wire::DecodeWith<'a, $crate::http::headers::BodyKind> for $name<'a> {
            /// The body of `kind`, which must be a request type of this endpoint.
            fn decode_with_from(
                r: &mut $crate::wire::Reader<'a>,
                kind: $crate::http::headers::BodyKind,
            ) -> Result<Self, $crate::wire::DecodeError> {
                use $crate::http::headers::{Direction, RequestType};
                use $crate::wire::Decode as _;
                $(
                    if kind.request_type == RequestType::$rt {
                        return Ok(match kind.direction {
                            Direction::Request => $name::$req(<$reqt>::decode_from(r)?),
                            Direction::Response => $name::$resp(<$respt>::decode_from(r)?),
                        });
                    }
                )*
                Err($crate::http::body::other_endpoint(r, kind))
            }
        }

        impl<'a> $crate::wire::IntoOwned for $name<'a> {
            type Owned = $name<'static>;
            fn into_owned(self) -> $name<'static> {
                use $crate::wire::IntoOwned;
                match self {
                    $(
                        $name::$req(b) => $name::$req(IntoOwned::into_owned(b)),
                        $name::$resp(b) => $name::$resp(IntoOwned::into_owned(b)),
                    )*
                }
            }
        }

        impl $crate::wire::Encode for $name<'_> {
            fn encoded_len(&self) -> usize {
                match self {
                    $($name::$req(b) => b.encoded_len(), $name::$resp(b) => b.encoded_len(),)*
                }
            }
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                match self {
                    $($name::$req(b) => b.encode(out), $name::$resp(b) => b.encode(out),)*
                }
            }
        }
    };
}
pub(crate) use body_enum;

/// The error for a body kind of the other endpoint.
pub(crate) fn other_endpoint(r: &Reader<'_>, kind: super::headers::BodyKind) -> DecodeError {
    use super::headers::Endpoint;
    let what = match kind.endpoint() {
        Endpoint::Mailbox => "a request type of the mailbox endpoint, not of the address book",
        Endpoint::AddressBook => "a request type of the address book, not of the mailbox endpoint",
    };
    r.error(crate::wire::ErrorKind::MissingContext { what })
}

/// StatusCode, then the success fields, or the auxiliary buffer of a failure, in one map;
/// reading finds StatusCode wherever it stands, then reads the layout it selects.
#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl<S: Serialize> Serialize for ResponseBody<'_, S> {
        fn serialize<Z: Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("StatusCode", &self.status_code)?;
            match &self.body {
                Outcome::Success(x) => x.serialize(crate::serde_form::Flat(&mut m))?,
                Outcome::Failure(aux) => m.serialize_entry("AuxiliaryBuffer", aux)?,
            }
            m.end()
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Failure<'a> {
        #[serde(rename = "AuxiliaryBuffer", default)]
        aux: AuxiliaryBuffer<'a>,
    }

    impl<'de, 'a, S: Deserialize<'de>> Deserialize<'de> for ResponseBody<'a, S> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<'a, S>(std::marker::PhantomData<ResponseBody<'a, S>>);
            impl<'de, 'a, S: Deserialize<'de>> Visitor<'de> for V<'a, S> {
                type Value = ResponseBody<'a, S>;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a response body: StatusCode, then its fields")
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                    let mut status_code = 0u32;
                    let rest = crate::serde_form::leading(map, &["StatusCode"], |_, map| {
                        status_code = map.next_value()?;
                        Ok(())
                    })?;
                    let rest = serde::de::value::MapAccessDeserializer::new(rest);
                    let body = if status_code == 0 {
                        Outcome::Success(S::deserialize(rest)?)
                    } else {
                        Outcome::Failure(Failure::deserialize(rest)?.aux)
                    };
                    Ok(ResponseBody { status_code, body })
                }
            }
            d.deserialize_map(V(std::marker::PhantomData))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::NoFields;

    #[test]
    fn status_code_selects_the_layout_both_ways() {
        // Failure: StatusCode 10 (Context Not Found), AuxiliaryBufferSize 0.
        let b = [10, 0, 0, 0, 0, 0, 0, 0];
        let v = ResponseBody::<NoFields>::decode_exact(&b, Limits::DEFAULT).unwrap();
        assert_eq!(v, ResponseBody::failure(10));
        assert_eq!(v.to_bytes().unwrap(), b);
        assert_eq!(
            v.to_tree().to_text(),
            "StatusCode: 0x0000000A (Context Not Found)\nAuxiliaryBufferSize: 0\n"
        );
        // Success with no fields: StatusCode 0 alone.
        let v = ResponseBody::<NoFields>::decode_exact(&[0; 4], Limits::DEFAULT).unwrap();
        assert_eq!(v, ResponseBody::success(NoFields));
        // A body that disagrees with its StatusCode does not encode.
        let bad = ResponseBody {
            status_code: 0,
            body: Outcome::<NoFields, _>::Failure(AuxiliaryBuffer(None)),
        };
        assert_eq!(bad.to_bytes().unwrap_err().path_string(), "StatusCode");
    }

    #[test]
    fn a_size_past_the_body_is_refused_at_the_size_field() {
        let b = [1, 0, 0, 0, 9, 0, 0, 0, 0];
        let e = ResponseBody::<NoFields>::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!(
            (e.offset(), e.path_string().as_str()),
            (4, "AuxiliaryBufferSize")
        );
    }
}
