//! Extended buffers ([MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT and 3.1.4.1.1): the framing around
//! every ROP buffer and auxiliary buffer, with optional LZ77 compression and XorMagic
//! obfuscation, chained until the Last flag.

use crate::wire::named_code;
use std::borrow::Cow;

use bytes::BufMut;

use super::lz77;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u16_len, Decode, DecodeError, Encode, EncodeError, ErrorKind, Reader, ResultExt,
};

/// The byte every payload byte is XORed with when the XorMagic flag is set
/// ([MS-OXCRPC] 3.1.4.1.1.1).
pub const XOR_MAGIC: u8 = 0xA5;

/// The most data one extended buffer may carry, before compression: "a single payload MUST
/// NOT exceed 32 KB" ([MS-OXCRPC] 3.1.4.1.1, 3.1.4.2.1.1.1).
pub const MAX_REQUEST_PAYLOAD: usize = 0x8000;

/// XORs every byte of `data` with [`XOR_MAGIC`] into a new vector; the input is not touched.
pub fn xor_magic(data: &[u8]) -> Vec<u8> {
    data.iter().map(|b| b ^ XOR_MAGIC).collect()
}

named_code! {
    flags
    /// The Flags field of RPC_HEADER_EXT ([MS-OXCRPC] 2.2.2.1).
    pub struct ExtFlags(u16);
    /// Compressed (0x0001): the payload is LZ77 (DIRECT2) compressed.
    COMPRESSED = 0x0001 => "Compressed",
    /// XorMagic (0x0002): every payload byte is XORed with 0xA5.
    XOR_MAGIC = 0x0002 => "XorMagic",
    /// Last (0x0004): no extended buffer follows.
    LAST = 0x0004 => "Last",
}

impl ExtFlags {
    /// The bits the spec defines; any other bit set is refused.
    const KNOWN: u16 = 0x0007;
}

/// [MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT: Version, Flags, Size (payload bytes on the wire),
/// SizeActual (payload bytes once decompressed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct RpcHeaderExt {
    /// Version: 0x0000.
    pub version: u16,
    /// Flags.
    pub flags: ExtFlags,
    /// Size of the payload as sent.
    pub size: u16,
    /// Size of the payload once decompressed.
    pub size_actual: u16,
}

impl RpcHeaderExt {
    /// Bytes of the header.
    pub const SIZE: usize = 8;
}

impl<'a> Decode<'a> for RpcHeaderExt {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let version = r.u16().field("Version")?;
        if version != 0 {
            return Err(r.invalid_at(at, "RPC_HEADER_EXT Version must be 0x0000", version.into()))
                .field("Version");
        }
        let at = r.offset();
        let flags = ExtFlags(r.u16().field("Flags")?);
        if flags.0 & !ExtFlags::KNOWN != 0 {
            return Err(r.invalid_at(
                at,
                "RPC_HEADER_EXT Flags has undefined bits",
                flags.0.into(),
            ))
            .field("Flags");
        }
        Ok(RpcHeaderExt {
            version,
            flags,
            size: r.u16().field("Size")?,
            size_actual: r.u16().field("SizeActual")?,
        })
    }
}

impl Encode for RpcHeaderExt {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        // What the decoder refuses is refused here too, so written bytes always read back.
        if self.version != 0 {
            return Err(EncodeError::invalid(
                "RPC_HEADER_EXT Version must be 0x0000",
            ));
        }
        if self.flags.0 & !ExtFlags::KNOWN != 0 {
            return Err(EncodeError::invalid(
                "RPC_HEADER_EXT Flags has undefined bits",
            ));
        }
        ensure_room(out, Self::SIZE)?;
        out.put_u16_le(self.version);
        out.put_u16_le(self.flags.0);
        out.put_u16_le(self.size);
        out.put_u16_le(self.size_actual);
        Ok(())
    }
}

impl ToTree for RpcHeaderExt {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Version", Tree::Hex(self.version.into()))
            .field("Flags", self.flags.to_tree())
            .field("Size", Tree::UInt(self.size.into()))
            .field("SizeActual", Tree::UInt(self.size_actual.into()))
    }
}

/// One extended buffer: the header, the payload exactly as sent, and the plain payload
/// (borrowed from the input when neither Compressed nor XorMagic is set).
///
/// The three follow from one another, so they are read through [`ExtendedBuffer::header`],
/// [`ExtendedBuffer::wire`] and [`ExtendedBuffer::payload`] and built together, by decoding
/// or by [`ExtendedBuffer::build`]: encoding writes the header and the bytes as sent, so a
/// payload changed alone would not be what is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtendedBuffer<'a> {
    /// The RPC_HEADER_EXT.
    pub(crate) header: RpcHeaderExt,
    /// The Size bytes after the header, as sent (kept for byte-exact re-encoding).
    pub(crate) wire: Cow<'a, [u8]>,
    /// The payload after undoing XorMagic and compression: SizeActual bytes.
    pub(crate) payload: Cow<'a, [u8]>,
}

/// How [`ExtendedBuffer::build`] should send a payload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct BuildOptions {
    /// Try LZ77; the payload is sent compressed only when that makes it smaller.
    pub compress: bool,
    /// Obfuscate with XorMagic.
    pub xor_magic: bool,
}

/// One extended buffer on its own; in a chain, each buffer's decompressed payload counts
/// against what the chain has left of the limit.
impl<'a> Decode<'a> for ExtendedBuffer<'a> {
    /// Decodes one extended buffer. `Size` must fit in the input; `SizeActual` must not exceed
    /// [`Limits::max_decompressed_size`](crate::wire::Limits) nor 32 KB; an uncompressed
    /// buffer's SizeActual must equal its Size, a compressed one's Size must be smaller
    /// ([MS-OXCRPC] 2.2.2.1). XorMagic is undone before decompression: the sender
    /// compresses first, then obfuscates ([MS-OXCRPC] 3.1.4.1.1).
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let max = r.limits().max_decompressed_size;
        Self::decode_within(r, max)
    }
}

impl<'a> ExtendedBuffer<'a> {
    /// Decodes one buffer whose decompressed payload may take at most `budget` bytes (what is
    /// left of [`Limits::max_decompressed_size`](crate::wire::Limits) in its chain).
    fn decode_within(r: &mut Reader<'a>, budget: u32) -> Result<Self, DecodeError> {
        let header = RpcHeaderExt::decode_from(r)?;
        let size_at = r.offset() - 4;
        let actual_at = r.offset() - 2;
        let compressed = header.flags.contains(ExtFlags::COMPRESSED);
        if compressed && u32::from(header.size_actual) > budget {
            return Err(DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "max_decompressed_size",
                    value: header.size_actual.into(),
                    max: budget.into(),
                },
                actual_at,
            ))
            .field("SizeActual");
        }
        if usize::from(header.size_actual) > MAX_REQUEST_PAYLOAD {
            return Err(DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "32 KB payload of one extended buffer",
                    value: header.size_actual.into(),
                    max: MAX_REQUEST_PAYLOAD as u64,
                },
                actual_at,
            ))
            .field("SizeActual");
        }
        if compressed && header.size >= header.size_actual {
            return Err(r.invalid_at(
                size_at,
                "a compressed payload must be smaller than SizeActual",
                header.size.into(),
            ))
            .field("Size");
        }
        if !compressed && header.size != header.size_actual {
            return Err(r.invalid_at(
                actual_at,
                "SizeActual must equal Size in an uncompressed buffer",
                header.size_actual.into(),
            ))
            .field("SizeActual");
        }
        let payload_at = r.offset();
        let wire = r
            .bytes(header.size.into())
            .map_err(|e| DecodeError::new(e.kind().clone(), size_at));
        let wire = wire.field("Size")?;
        let plain: Cow<'a, [u8]> = if header.flags.contains(ExtFlags::XOR_MAGIC) {
            Cow::Owned(xor_magic(wire))
        } else {
            Cow::Borrowed(wire)
        };
        let payload = if compressed {
            Cow::Owned(
                lz77::decompress(&plain, header.size_actual.into(), payload_at).field("Payload")?,
            )
        } else {
            plain
        };
        Ok(ExtendedBuffer {
            header,
            wire: Cow::Borrowed(wire),
            payload,
        })
    }

    /// Builds a buffer carrying `payload`, compressed when asked and when that is smaller
    /// ([MS-OXCRPC] 3.1.4.1.1.2: otherwise it is sent as it is), then obfuscated when asked.
    pub fn build(
        payload: &[u8],
        options: BuildOptions,
        last: bool,
    ) -> Result<ExtendedBuffer<'static>, EncodeError> {
        let size_actual = u16_len(payload.len(), "SizeActual")?;
        let mut flags = ExtFlags::default();
        let mut body = payload.to_vec();
        if options.compress {
            let c = lz77::compress(payload);
            if c.len() < payload.len() {
                body = c;
                flags = flags.with(ExtFlags::COMPRESSED);
            }
        }
        if options.xor_magic {
            body = xor_magic(&body);
            flags = flags.with(ExtFlags::XOR_MAGIC);
        }
        if last {
            flags = flags.with(ExtFlags::LAST);
        }
        Ok(ExtendedBuffer {
            header: RpcHeaderExt {
                version: 0,
                flags,
                size: u16_len(body.len(), "Size")?,
                size_actual,
            },
            wire: Cow::Owned(body),
            payload: Cow::Owned(payload.to_vec()),
        })
    }

    /// Whether the Last flag is set.
    pub fn is_last(&self) -> bool {
        self.header.flags.contains(ExtFlags::LAST)
    }

    /// The RPC_HEADER_EXT.
    pub fn header(&self) -> &RpcHeaderExt {
        &self.header
    }

    /// The Size bytes after the header, as sent (compressed and obfuscated as the flags say).
    pub fn wire(&self) -> &[u8] {
        &self.wire
    }

    /// The payload after undoing XorMagic and compression: SizeActual bytes.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The payload, owned or borrowed as it is held.
    pub fn into_payload(self) -> Cow<'a, [u8]> {
        self.payload
    }
}

impl Encode for ExtendedBuffer<'_> {
    fn encoded_len(&self) -> usize {
        RpcHeaderExt::SIZE + self.wire.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if usize::from(self.header.size) != self.wire.len() {
            return Err(EncodeError::invalid(
                "RPC_HEADER_EXT Size does not match the payload bytes",
            ));
        }
        self.header.encode(out)?;
        ensure_room(out, self.wire.len())?;
        out.put_slice(&self.wire);
        Ok(())
    }
}

impl ToTree for ExtendedBuffer<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("RPC_HEADER_EXT", self.header.to_tree())
            .field("Payload", Tree::Bytes(self.payload.to_vec()))
    }
}

/// A chain of extended buffers read until one has the Last flag ([MS-OXCRPC] 3.1.4.1.1): the
/// rgbIn/rgbOut of an Execute, or an auxiliary buffer. Each buffer's payload stands alone
/// (one ROP request or response buffer, or a run of AUX blocks).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExtendedBufferChain<'a> {
    /// The buffers, the last one flagged Last.
    pub buffers: Vec<ExtendedBuffer<'a>>,
    /// An auxiliary buffer whose chain could not be decoded (a header the decoder refuses, a
    /// size past the data, a payload that does not decompress), kept as raw bytes with the
    /// error, so that the rest of the body (the ROP buffer of an Execute) still decodes and
    /// re-encodes byte-exact ([`crate::http::body::AuxiliaryBuffer`]); then `buffers` is
    /// empty. `None` for a whole chain, and always under
    /// [`Limits::strict`](crate::wire::Limits), which refuses the body instead. Decoding a
    /// chain alone ([`Decode`]) never fills it: a chain that does not decode is an error.
    pub malformed: Option<MalformedRest<'a>>,
}

/// Bytes kept raw from where decoding failed, with the error that stopped it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct MalformedRest<'a> {
    /// The bytes from the start of the part that failed to the end of the enclosing field.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    pub bytes: Cow<'a, [u8]>,
    /// Why (kind, offset, path).
    pub error: DecodeError,
}

impl MalformedRest<'_> {
    /// The same rest, owning its bytes.
    pub fn into_owned(self) -> MalformedRest<'static> {
        MalformedRest {
            bytes: Cow::Owned(self.bytes.into_owned()),
            error: self.error,
        }
    }
}

impl ToTree for MalformedRest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Bytes", Tree::Bytes(self.bytes.to_vec()))
            .with_malformed(&self.error)
    }
}

impl<'a> Decode<'a> for ExtendedBufferChain<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let mut buffers = Vec::new();
        // The decompression limit holds for the whole chain: many small compressed buffers
        // must not inflate past it together.
        let mut budget = r.limits().max_decompressed_size;
        loop {
            if r.is_empty() {
                return Err(r.error(ErrorKind::InvalidValue {
                    what: "extended buffer chain ends without a buffer flagged Last",
                    value: buffers.len() as u64,
                }));
            }
            // Each buffer is at least its header: the count of buffers is bounded by the input.
            let b = ExtendedBuffer::decode_within(r, budget)
                .index(buffers.len())
                .field("Buffers")?;
            if b.header.flags.contains(ExtFlags::COMPRESSED) {
                budget -= u32::from(b.header.size_actual);
            }
            let last = b.is_last();
            buffers.push(b);
            if last {
                return Ok(ExtendedBufferChain {
                    buffers,
                    malformed: None,
                });
            }
        }
    }
}

impl Encode for ExtendedBufferChain<'_> {
    fn encoded_len(&self) -> usize {
        self.buffers.iter().map(Encode::encoded_len).sum::<usize>()
            + self.malformed.as_ref().map_or(0, |m| m.bytes.len())
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        // With a malformed rest, no decoded buffer was the last one.
        let n = self.buffers.len() + usize::from(self.malformed.is_some());
        for (i, b) in self.buffers.iter().enumerate() {
            if b.is_last() != (i + 1 == n) {
                return Err(EncodeError::invalid(
                    "only the final extended buffer of a chain carries the Last flag",
                ));
            }
            b.encode(out)?;
        }
        if let Some(m) = &self.malformed {
            ensure_room(out, m.bytes.len())?;
            out.put_slice(&m.bytes);
        }
        Ok(())
    }
}

impl ExtendedBufferChain<'_> {
    /// Packs payloads into one chain, one extended buffer each, the final one flagged Last
    /// ([MS-OXCRPC] 3.1.4.2.1.1.1). Each payload must fit one buffer (`max_payload` bytes,
    /// [`MAX_REQUEST_PAYLOAD`] for requests).
    pub fn pack(
        payloads: &[&[u8]],
        options: BuildOptions,
        max_payload: usize,
    ) -> Result<ExtendedBufferChain<'static>, EncodeError> {
        if payloads.is_empty() {
            return Err(EncodeError::invalid(
                "a chain needs at least one extended buffer",
            ));
        }
        let mut buffers = Vec::with_capacity(payloads.len());
        for (i, p) in payloads.iter().enumerate() {
            if p.len() > max_payload {
                return Err(EncodeError::too_long(
                    "extended buffer payload",
                    p.len(),
                    max_payload as u64,
                ));
            }
            buffers.push(ExtendedBuffer::build(p, options, i + 1 == payloads.len())?);
        }
        Ok(ExtendedBufferChain {
            buffers,
            malformed: None,
        })
    }
}

/// A buffer's header and wire bytes follow from its payload and how it is sent: an arbitrary
/// buffer is built from those (a payload of at most 32 KB), so that it is one a sender could
/// send.
#[cfg(feature = "arbitrary")]
fn arbitrary_buffer<'a>(
    u: &mut arbitrary::Unstructured<'a>,
    last: bool,
) -> arbitrary::Result<ExtendedBuffer<'a>> {
    use arbitrary::Arbitrary;
    let options = BuildOptions::arbitrary(u)?;
    let payload = <&[u8]>::arbitrary(u)?;
    let payload = &payload[..payload.len().min(MAX_REQUEST_PAYLOAD)];
    ExtendedBuffer::build(payload, options, last).map_err(|_| arbitrary::Error::IncorrectFormat)
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for ExtendedBuffer<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let last = bool::arbitrary(u)?;
        arbitrary_buffer(u, last)
    }
}

/// At least one buffer, and only the final one flagged Last.
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for ExtendedBufferChain<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let n = u.int_in_range(1..=4)?;
        let buffers = (0..n)
            .map(|i| arbitrary_buffer(u, i + 1 == n))
            .collect::<arbitrary::Result<_>>()?;
        Ok(ExtendedBufferChain {
            buffers,
            malformed: None,
        })
    }
}

impl ExtendedBufferChain<'_> {
    /// The chain's tree from the trees of its buffers: `Buffers`, then the malformed rest,
    /// when there is one, as `Malformed`.
    pub(crate) fn tree_of(&self, buffers: Vec<Tree>) -> Tree {
        let t = Tree::record().field("Buffers", Tree::List(buffers));
        match &self.malformed {
            Some(m) => t.field("Malformed", m.to_tree()),
            None => t,
        }
    }
}

impl ToTree for ExtendedBufferChain<'_> {
    fn to_tree(&self) -> Tree {
        self.tree_of(self.buffers.iter().map(ToTree::to_tree).collect())
    }
}

// Owned forms: each borrowed byte run copied.
crate::wire::owned_as_self!(RpcHeaderExt);
crate::wire::owned_impl!(struct ExtendedBuffer { header, wire, payload });
crate::wire::owned_impl!(struct ExtendedBufferChain { buffers, malformed });
crate::wire::owned_impl!(struct MalformedRest { bytes, error });

/// The `serde` form of extended buffers: the header, the plain payload, and for a compressed
/// buffer the compressed bytes as sent (another compressor's output differs byte for byte);
/// XorMagic is applied again on the way back. Reading checks the buffer as the decoder does.
#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use crate::serde_form::{hex_string, HexSeed};
    use crate::wire::Limits;
    use serde::de::{self, DeserializeSeed, Deserializer};
    use serde::ser::{SerializeStruct, Serializer};
    use serde::{Deserialize, Serialize};

    impl Serialize for ExtendedBuffer<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let compressed = self.header.flags.contains(ExtFlags::COMPRESSED);
            let mut st = s.serialize_struct("ExtendedBuffer", 2 + usize::from(compressed))?;
            st.serialize_field("RPC_HEADER_EXT", &self.header)?;
            st.serialize_field("Payload", &hex_string(&self.payload))?;
            if compressed {
                let sent = if self.header.flags.contains(ExtFlags::XOR_MAGIC) {
                    Cow::Owned(xor_magic(&self.wire))
                } else {
                    Cow::Borrowed(&self.wire[..])
                };
                st.serialize_field("CompressedPayload", &hex_string(&sent))?;
            }
            st.end()
        }
    }

    /// The header as read: Size and SizeActual follow from the payload and may be left out
    /// (when given they must agree), Version is 0 when left out.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "PascalCase")]
    struct HeaderForm {
        #[serde(default)]
        version: u16,
        flags: ExtFlags,
        #[serde(default)]
        size: Option<u16>,
        #[serde(default)]
        size_actual: Option<u16>,
    }

    struct Bytes(Vec<u8>);

    impl<'de> Deserialize<'de> for Bytes {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            HexSeed(std::marker::PhantomData)
                .deserialize(d)
                .map(|b| Bytes(b.into_owned()))
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct BufferForm {
        #[serde(rename = "RPC_HEADER_EXT")]
        header: HeaderForm,
        #[serde(rename = "Payload")]
        payload: Bytes,
        #[serde(rename = "CompressedPayload", default)]
        compressed: Option<Bytes>,
    }

    /// The buffer `f` describes, checked by decoding its bytes.
    fn build(f: BufferForm) -> Result<ExtendedBuffer<'static>, String> {
        let flags = f.header.flags;
        let payload = f.payload.0;
        let body = match (flags.contains(ExtFlags::COMPRESSED), f.compressed) {
            (true, Some(c)) => c.0,
            (true, None) => {
                let c = lz77::compress(&payload);
                if c.len() >= payload.len() {
                    return Err("LZ77 does not make this payload smaller: a buffer flagged \
                                Compressed must be (clear the flag)"
                        .into());
                }
                c
            }
            (false, Some(_)) => {
                return Err("CompressedPayload is given but the Compressed flag is not set".into())
            }
            (false, None) => payload.clone(),
        };
        let wire = if flags.contains(ExtFlags::XOR_MAGIC) {
            xor_magic(&body)
        } else {
            body
        };
        let size = u16::try_from(wire.len()).map_err(|_| "the payload is over 64 KB")?;
        let size_actual = u16::try_from(payload.len()).map_err(|_| "the payload is over 64 KB")?;
        if f.header.size.is_some_and(|s| s != size) {
            return Err(format!("Size is {size}, the bytes of the payload as sent"));
        }
        if f.header.size_actual.is_some_and(|s| s != size_actual) {
            return Err(format!(
                "SizeActual is {size_actual}, the bytes of the payload"
            ));
        }
        let header = RpcHeaderExt {
            version: f.header.version,
            flags,
            size,
            size_actual,
        };
        let mut bytes = header.to_bytes().map_err(|e| e.to_string())?;
        bytes.extend_from_slice(&wire);
        let read =
            ExtendedBuffer::decode_exact(&bytes, Limits::DEFAULT).map_err(|e| e.to_string())?;
        if read.payload[..] != payload[..] {
            return Err("CompressedPayload does not decompress to Payload".into());
        }
        Ok(ExtendedBuffer {
            header,
            wire: Cow::Owned(wire),
            payload: Cow::Owned(payload),
        })
    }

    impl<'de> Deserialize<'de> for ExtendedBuffer<'_> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            build(BufferForm::deserialize(d)?).map_err(de::Error::custom)
        }
    }

    impl Serialize for ExtendedBufferChain<'_> {
        /// The buffers, and the raw rest of a chain that did not decode.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let n = 1 + usize::from(self.malformed.is_some());
            let mut st = s.serialize_struct("ExtendedBufferChain", n)?;
            st.serialize_field("Buffers", &self.buffers)?;
            match &self.malformed {
                Some(m) => st.serialize_field("Malformed", m)?,
                None => st.skip_field("Malformed")?,
            }
            st.end()
        }
    }

    impl<'de> Deserialize<'de> for ExtendedBufferChain<'_> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Form<'a> {
                #[serde(rename = "Buffers")]
                buffers: Vec<ExtendedBuffer<'a>>,
                #[serde(rename = "Malformed", default)]
                malformed: Option<MalformedRest<'a>>,
            }
            let f = Form::deserialize(d)?;
            Ok(ExtendedBufferChain {
                buffers: f.buffers,
                malformed: f.malformed,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    fn chain(b: &[u8]) -> Result<ExtendedBufferChain<'_>, DecodeError> {
        ExtendedBufferChain::decode_exact(b, Limits::DEFAULT)
    }

    #[test]
    fn header_with_a_version_or_flags_the_decoder_refuses_does_not_encode() {
        let ok = RpcHeaderExt {
            version: 0,
            flags: ExtFlags(ExtFlags::KNOWN),
            size: 0,
            size_actual: 0,
        };
        assert!(ok.to_bytes().is_ok());
        let version = RpcHeaderExt {
            version: 0xFFFF,
            ..ok
        };
        assert!(matches!(
            version.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
        let flags = RpcHeaderExt {
            flags: ExtFlags(!ExtFlags::KNOWN),
            ..ok
        };
        assert!(matches!(
            flags.to_bytes().map_err(|e| e.kind().clone()),
            Err(crate::wire::EncodeErrorKind::InvalidValue { .. })
        ));
    }

    #[test]
    fn plain_buffer_is_borrowed() {
        // Version 0, Flags Last, Size 3, SizeActual 3, payload 01 02 03.
        let b = [
            0x00, 0x00, 0x04, 0x00, 0x03, 0x00, 0x03, 0x00, 0x01, 0x02, 0x03,
        ];
        let c = chain(&b).unwrap();
        assert_eq!(c.buffers.len(), 1);
        assert!(matches!(c.buffers[0].payload, Cow::Borrowed(_)));
        assert_eq!(&*c.buffers[0].payload, &[1, 2, 3]);
        assert_eq!(c.to_bytes().unwrap(), b);
        for n in 0..b.len() {
            assert!(chain(&b[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn xor_magic_is_undone() {
        let b = [0x00, 0x00, 0x06, 0x00, 0x02, 0x00, 0x02, 0x00, 0xA4, 0xA7];
        let c = chain(&b).unwrap();
        assert_eq!(&*c.buffers[0].payload, &[0x01, 0x02]);
        assert_eq!(c.to_bytes().unwrap(), b);
    }

    #[test]
    fn compressed_and_obfuscated() {
        // "abc" x 100 as [MS-XCA] 3.1 compresses it, then every byte XOR 0xA5 (the sender
        // compresses first, then obfuscates). Flags Compressed|XorMagic|Last, Size 13,
        // SizeActual 300.
        let comp = [
            0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01,
        ];
        let mut b = vec![0x00, 0x00, 0x07, 0x00, 0x0d, 0x00, 0x2c, 0x01];
        b.extend(comp.iter().map(|x| x ^ 0xA5));
        let c = chain(&b).unwrap();
        assert_eq!(&*c.buffers[0].payload, &b"abc".repeat(100)[..]);
        assert_eq!(c.to_bytes().unwrap(), b);
    }

    #[test]
    fn hostile_headers() {
        // SizeActual above the limit.
        let limits = Limits {
            max_decompressed_size: 100,
            ..Limits::DEFAULT
        };
        let b = [0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0xff, 0xff, 0, 0, 0, 0];
        let e = ExtendedBufferChain::decode_exact(&b, limits).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("limit-exceeded", 6));
        // Uncompressed with SizeActual != Size.
        let b = [0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00];
        let e = chain(&b).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 6));
        // XorMagic with Size beyond the input.
        let b = [0x00, 0x00, 0x06, 0x00, 0x10, 0x00, 0x10, 0x00, 0x00];
        let e = chain(&b).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
        // No Last flag.
        let b = [0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        let e = chain(&b).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 9));
        // Over 32 KB, and a "compressed" payload that is not smaller.
        let e = chain(&[0x00, 0x00, 0x04, 0x00, 0x01, 0x80, 0x01, 0x80]).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("limit-exceeded", 6));
        let e = chain(&[0x00, 0x00, 0x05, 0x00, 0x04, 0x00, 0x04, 0x00, 0, 0, 0, 0]).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 4));
        // Version 1, undefined flag bits.
        assert!(chain(&[0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00]).is_err());
        assert!(chain(&[0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00]).is_err());
        // Bytes after the Last buffer.
        let e = chain(&[0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
    }

    #[test]
    fn decompression_limit_holds_for_the_whole_chain() {
        // Three compressed buffers of 3,000 "abc..." bytes each: 9,000 bytes in all.
        let text = b"abc".repeat(1000);
        let parts: [&[u8]; 3] = [&text, &text, &text];
        let options = BuildOptions {
            compress: true,
            xor_magic: false,
        };
        let bytes = ExtendedBufferChain::pack(&parts, options, MAX_REQUEST_PAYLOAD)
            .unwrap()
            .to_bytes()
            .unwrap();
        let limits = |max| Limits {
            max_decompressed_size: max,
            ..Limits::DEFAULT
        };
        assert!(ExtendedBufferChain::decode_exact(&bytes, limits(9000)).is_ok());
        // With 8,999 the third buffer's SizeActual is past what is left.
        let e = ExtendedBufferChain::decode_exact(&bytes, limits(8999)).unwrap_err();
        let third = 2 * bytes.len() / 3;
        assert_eq!((e.kind().name(), e.offset()), ("limit-exceeded", third + 6));
        assert!(
            e.path_string().contains("Buffers[2]"),
            "{}",
            e.path_string()
        );
        // Uncompressed payloads are borrowed, not inflated: they do not count.
        let plain = ExtendedBufferChain::pack(&parts, BuildOptions::default(), MAX_REQUEST_PAYLOAD)
            .unwrap()
            .to_bytes()
            .unwrap();
        assert!(ExtendedBufferChain::decode_exact(&plain, limits(100)).is_ok());
    }

    #[test]
    fn pack_and_decode() {
        let rows: Vec<u8> = (0..3000u32).flat_map(|i| (i % 40).to_le_bytes()).collect();
        let a: &[u8] = &rows;
        let b: &[u8] = b"xy";
        for options in [
            BuildOptions::default(),
            BuildOptions {
                compress: true,
                xor_magic: false,
            },
            BuildOptions {
                compress: true,
                xor_magic: true,
            },
        ] {
            let packed = ExtendedBufferChain::pack(&[a, b], options, MAX_REQUEST_PAYLOAD).unwrap();
            let bytes = packed.to_bytes().unwrap();
            let back = chain(&bytes).unwrap();
            assert_eq!(&*back.buffers[0].payload, a);
            assert_eq!(&*back.buffers[1].payload, b);
            assert_eq!(
                back.buffers[0].header.flags.contains(ExtFlags::COMPRESSED),
                options.compress
            );
            // "xy" does not get smaller: sent as it is.
            assert!(!back.buffers[1].header.flags.contains(ExtFlags::COMPRESSED));
            assert_eq!(back.to_bytes().unwrap(), bytes);
        }
        let big = vec![0u8; MAX_REQUEST_PAYLOAD + 1];
        assert!(
            ExtendedBufferChain::pack(&[&big], BuildOptions::default(), MAX_REQUEST_PAYLOAD)
                .is_err()
        );
    }
}
