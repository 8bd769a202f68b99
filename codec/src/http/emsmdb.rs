//! [MS-OXCMAPIHTTP] 2.2.4: the request and response bodies of the mailbox server endpoint
//! (`/mapi/emsmdb`): Connect, Execute, Disconnect, NotificationWait, and PING (2.2.6).
//!
//! Every response body starts with StatusCode. Zero selects the request type's success layout;
//! any other value selects the failure layout that all request types share (StatusCode,
//! AuxiliaryBufferSize, AuxiliaryBuffer: 2.2.4.1.3, 2.2.4.2.3, 2.2.4.3.3, 2.2.4.4.3). That choice
//! is [`ResponseBody`].
//!
//! RopBuffer and AuxiliaryBuffer are the rgbIn/rgbOut and rgbAuxIn/rgbAuxOut of [MS-OXCRPC]
//! 3.1.4.2: chains of extended buffers ([`ExtendedBufferChain`]), each an RPC_HEADER_EXT and a
//! payload that may be compressed and obfuscated. A size of zero means the field is absent
//! (`None`). The plain payload of each extended buffer of a RopBuffer holds one whole ROP buffer
//! (RopSize, RopsList, Server object handle table: [MS-OXCRPC] 4.2 shows RopSize right after the
//! RPC_HEADER_EXT); [`ExecuteRequest::rop_request_buffers`] and
//! [`ExecuteSuccess::rop_response_buffers`] decode them.

use crate::wire::named_code;
use bytes::BufMut;

use crate::data::error_code_name;
use crate::rop::{RopRequestBuffer, RopResponseBuffer, Session};
use crate::rpc::auxiliary::AuxBlocks;
use crate::rpc::ext::{ExtFlags, ExtendedBufferChain, RpcHeaderExt};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    u32_len, AnsiStr, Decode, DecodeError, DecodeWith, Encode, EncodeError, Limits, Reader,
    ResultExt, Utf16Str,
};

// ---------------------------------------------------------------------------------------------
// Size-prefixed extended-buffer chains
// ---------------------------------------------------------------------------------------------

/// Reads a 4-byte size (`size_field`) and that many bytes as an extended-buffer chain that must
/// fill them exactly (`field`). A size of zero means the field is absent.
fn read_chain<'a>(
    r: &mut Reader<'a>,
    size_field: &'static str,
    field: &'static str,
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
    let chain = ExtendedBufferChain::decode_from(&mut sub).field(field)?;
    sub.finish().field(field)?;
    Ok(Some(chain))
}

fn chain_len(c: &Option<ExtendedBufferChain<'_>>) -> usize {
    4 + c.as_ref().map_or(0, Encode::encoded_len)
}

fn put_chain<B: BufMut>(
    out: &mut B,
    c: &Option<ExtendedBufferChain<'_>>,
    size_field: &'static str,
) -> Result<(), EncodeError> {
    match c {
        None => 0u32.encode(out),
        Some(c) if c.buffers.is_empty() => Err(EncodeError::invalid(
            "an extended-buffer chain needs at least one buffer (use None for size 0)",
        )),
        Some(c) => {
            u32_len(c.encoded_len(), size_field)?.encode(out)?;
            c.encode(out)
        }
    }
}

fn size_tree(c: &Option<ExtendedBufferChain<'_>>) -> Tree {
    Tree::UInt(c.as_ref().map_or(0, Encode::encoded_len) as u64)
}

/// The tree of an AuxiliaryBuffer: each extended buffer's header and, when its plain payload
/// parses as AUX blocks, the blocks (else the payload bytes and why they did not parse).
pub fn aux_tree(c: &Option<ExtendedBufferChain<'_>>) -> Tree {
    let Some(c) = c else {
        return Tree::Null;
    };
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
    Tree::record().field("Buffers", Tree::List(buffers))
}

fn chain_tree(c: &Option<ExtendedBufferChain<'_>>) -> Tree {
    c.as_ref().map_or(Tree::Null, ToTree::to_tree)
}

fn code_tree(v: u32) -> Tree {
    Tree::named(v, error_code_name(v))
}

/// Where each buffer's payload starts (from the start of the chain), and whether its plain
/// payload has the same byte positions as the wire (not compressed).
fn payload_offsets(c: &ExtendedBufferChain<'_>) -> Vec<(usize, bool)> {
    let mut at = 0;
    c.buffers
        .iter()
        .map(|b| {
            let start = at + RpcHeaderExt::SIZE;
            at += b.encoded_len();
            (start, !b.header.flags.contains(ExtFlags::COMPRESSED))
        })
        .collect()
}

/// Maps an error inside buffer `i`'s plain payload to the body: the offset is shifted to the
/// body when the payload was not compressed (else it stays an offset into the decompressed
/// payload, which the path says), and the path names the buffer.
fn in_buffer(
    e: DecodeError,
    i: usize,
    at: (usize, bool),
    base: usize,
    what: &'static str,
) -> DecodeError {
    let e = if at.1 {
        e.shifted(base + at.0).in_field(what)
    } else {
        e.in_field(what).in_field("DecompressedPayload")
    };
    e.at_index(i).in_field("Buffers").in_field("RopBuffer")
}

// ---------------------------------------------------------------------------------------------
// Response bodies: success or failure
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.4.1.3, 2.2.4.2.3, 2.2.4.3.3, 2.2.4.4.3 failure response body, the same
/// for every EMSMDB request type: StatusCode (never 0), AuxiliaryBufferSize, AuxiliaryBuffer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FailureResponse<'a> {
    /// StatusCode: the status of the request; never 0x00000000.
    pub status_code: u32,
    /// AuxiliaryBuffer (rgbAuxOut); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

/// The fields of a success response body after its StatusCode (which is 0).
pub trait SuccessBody<'a>: Sized {
    /// Reads the fields after StatusCode.
    fn decode_fields(r: &mut Reader<'a>) -> Result<Self, DecodeError>;
    /// Bytes of the fields after StatusCode.
    fn fields_len(&self) -> usize;
    /// Writes the fields after StatusCode.
    fn encode_fields<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError>;
    /// Adds the fields to a tree that holds StatusCode.
    fn fields_tree(&self, t: Tree) -> Tree;
}

/// A response body of an EMSMDB request type: StatusCode 0 selects the success layout `S`,
/// any other value the [`FailureResponse`] ([MS-OXCMAPIHTTP] 2.2.4).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ResponseBody<'a, S> {
    /// StatusCode 0: the success response body.
    Success(S),
    /// StatusCode not 0: the failure response body.
    Failure(FailureResponse<'a>),
}

impl<'a, S: SuccessBody<'a>> Decode<'a> for ResponseBody<'a, S> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let status_code = r.u32().field("StatusCode")?;
        if status_code == 0 {
            return S::decode_fields(r).map(ResponseBody::Success);
        }
        let auxiliary_buffer = read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?;
        Ok(ResponseBody::Failure(FailureResponse {
            status_code,
            auxiliary_buffer,
        }))
    }
}

impl<'a, S: SuccessBody<'a>> Encode for ResponseBody<'a, S> {
    fn encoded_len(&self) -> usize {
        4 + match self {
            ResponseBody::Success(s) => s.fields_len(),
            ResponseBody::Failure(f) => chain_len(&f.auxiliary_buffer),
        }
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        match self {
            ResponseBody::Success(s) => {
                0u32.encode(out)?;
                s.encode_fields(out)
            }
            ResponseBody::Failure(f) => {
                if f.status_code == 0 {
                    return Err(EncodeError::invalid(
                        "a failure response body's StatusCode must not be 0",
                    ));
                }
                f.status_code.encode(out)?;
                put_chain(out, &f.auxiliary_buffer, "AuxiliaryBufferSize")
            }
        }
    }
}

impl<'a, S: SuccessBody<'a>> ToTree for ResponseBody<'a, S> {
    fn to_tree(&self) -> Tree {
        match self {
            ResponseBody::Success(s) => {
                s.fields_tree(Tree::record().field("StatusCode", code_tree(0)))
            }
            ResponseBody::Failure(f) => Tree::record()
                .field("StatusCode", code_tree(f.status_code))
                .field("AuxiliaryBufferSize", size_tree(&f.auxiliary_buffer))
                .field("AuxiliaryBuffer", aux_tree(&f.auxiliary_buffer)),
        }
    }
}

impl<S> ResponseBody<'_, S> {
    /// The success body, if StatusCode was 0.
    pub fn success(&self) -> Option<&S> {
        match self {
            ResponseBody::Success(s) => Some(s),
            ResponseBody::Failure(_) => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Connect (2.2.4.1)
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.4.1.1 Connect request type request body (the `[in]` parameters of
/// EcDoConnectEx, [MS-OXCRPC] 3.1.4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ConnectRequest<'a> {
    /// UserDn: null-terminated ASCII DN of the user requesting the connection (szUserDN).
    pub user_dn: AnsiStr<'a>,
    /// Flags: the type of connection requested (ulFlags).
    pub flags: u32,
    /// DefaultCodePage: the code page for string property values (ulCpid).
    pub default_code_page: u32,
    /// LcidSort: the LCID for sorting (ulLcidSort).
    pub lcid_sort: u32,
    /// LcidString: the LCID for everything else (ulLcidString).
    pub lcid_string: u32,
    /// AuxiliaryBuffer (rgbAuxIn); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> Decode<'a> for ConnectRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ConnectRequest {
            user_dn: AnsiStr::decode_from(r).field("UserDn")?,
            flags: r.u32().field("Flags")?,
            default_code_page: r.u32().field("DefaultCodePage")?,
            lcid_sort: r.u32().field("LcidSort")?,
            lcid_string: r.u32().field("LcidString")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
}

impl Encode for ConnectRequest<'_> {
    fn encoded_len(&self) -> usize {
        self.user_dn.encoded_len() + 16 + chain_len(&self.auxiliary_buffer)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.user_dn.encode(out)?;
        self.flags.encode(out)?;
        self.default_code_page.encode(out)?;
        self.lcid_sort.encode(out)?;
        self.lcid_string.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
}

impl ToTree for ConnectRequest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("UserDn", self.user_dn.to_tree())
            .field("Flags", Tree::Hex(self.flags.into()))
            .field("DefaultCodePage", Tree::UInt(self.default_code_page.into()))
            .field("LcidSort", Tree::Hex(self.lcid_sort.into()))
            .field("LcidString", Tree::Hex(self.lcid_string.into()))
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.1.2 Connect request type success response body, after StatusCode
/// (the `[out]` parameters of EcDoConnectEx, [MS-OXCRPC] 3.1.4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ConnectSuccess<'a> {
    /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.1 return values).
    pub error_code: u32,
    /// PollsMax: the longest polling interval, in milliseconds (pcmsPollsMax).
    pub polls_max: u32,
    /// RetryCount: how many times to retry request types (pcRetry).
    pub retry_count: u32,
    /// RetryDelay: milliseconds to wait before retrying (pcmsRetryDelay).
    pub retry_delay: u32,
    /// DnPrefix: null-terminated ASCII DN prefix for building recipients (szDNPrefix).
    pub dn_prefix: AnsiStr<'a>,
    /// DisplayName: null-terminated Unicode (UTF-16LE) display name of the user (szDisplayName).
    pub display_name: Utf16Str<'a>,
    /// AuxiliaryBuffer (rgbAuxOut); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> SuccessBody<'a> for ConnectSuccess<'a> {
    fn decode_fields(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ConnectSuccess {
            error_code: r.u32().field("ErrorCode")?,
            polls_max: r.u32().field("PollsMax")?,
            retry_count: r.u32().field("RetryCount")?,
            retry_delay: r.u32().field("RetryDelay")?,
            dn_prefix: AnsiStr::decode_from(r).field("DnPrefix")?,
            display_name: Utf16Str::decode_from(r).field("DisplayName")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
    fn fields_len(&self) -> usize {
        16 + self.dn_prefix.encoded_len()
            + self.display_name.encoded_len()
            + chain_len(&self.auxiliary_buffer)
    }
    fn encode_fields<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.error_code.encode(out)?;
        self.polls_max.encode(out)?;
        self.retry_count.encode(out)?;
        self.retry_delay.encode(out)?;
        self.dn_prefix.encode(out)?;
        self.display_name.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
    fn fields_tree(&self, t: Tree) -> Tree {
        t.field("ErrorCode", code_tree(self.error_code))
            .field("PollsMax", Tree::UInt(self.polls_max.into()))
            .field("RetryCount", Tree::UInt(self.retry_count.into()))
            .field("RetryDelay", Tree::UInt(self.retry_delay.into()))
            .field("DnPrefix", self.dn_prefix.to_tree())
            .field("DisplayName", self.display_name.to_tree())
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.1.2 / 2.2.4.1.3 Connect response body.
pub type ConnectResponse<'a> = ResponseBody<'a, ConnectSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// Execute (2.2.4.2)
// ---------------------------------------------------------------------------------------------

named_code! {
    flags
    /// The Flags of an Execute request (pulFlags, [MS-OXCRPC] 3.1.4.2): how the server builds
    /// RopBuffer in its response.
    pub struct ExecuteFlags(u32);
    /// NoCompression (0x00000001): the server must not compress the output.
    NO_COMPRESSION = 0x1 => "NoCompression",
    /// NoXorMagic (0x00000002): the server must not obfuscate the output.
    NO_XOR_MAGIC = 0x2 => "NoXorMagic",
    /// Chain (0x00000004): the server may pack more responses into the output.
    CHAIN = 0x4 => "Chain",
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.1 Execute request type request body (the `[in]` parameters of
/// EcDoRpcExt2, [MS-OXCRPC] 3.1.4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ExecuteRequest<'a> {
    /// Flags (pulFlags).
    pub flags: ExecuteFlags,
    /// RopBuffer (rgbIn): the ROP requests, as extended buffers; `None` when RopBufferSize is 0.
    pub rop_buffer: Option<ExtendedBufferChain<'a>>,
    /// MaxRopOut: the largest RopBuffer the response may carry (pcbOut).
    pub max_rop_out: u32,
    /// AuxiliaryBuffer (rgbAuxIn); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> Decode<'a> for ExecuteRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ExecuteRequest {
            flags: ExecuteFlags::decode_from(r).field("Flags")?,
            rop_buffer: read_chain(r, "RopBufferSize", "RopBuffer")?,
            max_rop_out: r.u32().field("MaxRopOut")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
}

impl Encode for ExecuteRequest<'_> {
    fn encoded_len(&self) -> usize {
        8 + chain_len(&self.rop_buffer) + chain_len(&self.auxiliary_buffer)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.flags.0.encode(out)?;
        put_chain(out, &self.rop_buffer, "RopBufferSize")?;
        self.max_rop_out.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
}

impl ExecuteRequest<'_> {
    /// Offset of RopBuffer in the body: after Flags and RopBufferSize.
    const ROP_BUFFER_AT: usize = 8;

    /// Decodes the ROP input buffer in each extended buffer of RopBuffer ([MS-OXCROPS] 2.2.1);
    /// `session` supplies what earlier calls established. Errors carry the offset in the body
    /// (for a compressed buffer: in its decompressed payload) and the buffer's index.
    pub fn rop_request_buffers<'s>(
        &'s self,
        session: Option<&Session>,
        limits: Limits,
    ) -> Result<Vec<RopRequestBuffer<'s>>, DecodeError> {
        let Some(chain) = &self.rop_buffer else {
            return Ok(Vec::new());
        };
        let offsets = payload_offsets(chain);
        chain
            .buffers
            .iter()
            .enumerate()
            .map(|(i, b)| {
                RopRequestBuffer::decode_with_exact(&b.payload, session, limits).map_err(|e| {
                    in_buffer(e, i, offsets[i], Self::ROP_BUFFER_AT, "RopRequestBuffer")
                })
            })
            .collect()
    }

    /// The tree of the body with each extended buffer's ROP buffer decoded (`rops`, as
    /// [`ExecuteRequest::rop_request_buffers`] returns them) in place of its payload bytes.
    pub fn to_tree_with_rops(&self, rops: &[RopRequestBuffer<'_>]) -> Tree {
        let rop_buffer = match &self.rop_buffer {
            None => Tree::Null,
            Some(c) => rops_tree(c, rops.iter().map(ToTree::to_tree), "RopRequestBuffer"),
        };
        self.tree_with(rop_buffer)
    }

    fn tree_with(&self, rop_buffer: Tree) -> Tree {
        Tree::record()
            .field("Flags", self.flags.to_tree())
            .field("RopBufferSize", size_tree(&self.rop_buffer))
            .field("RopBuffer", rop_buffer)
            .field("MaxRopOut", Tree::UInt(self.max_rop_out.into()))
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

fn rops_tree(
    c: &ExtendedBufferChain<'_>,
    rops: impl Iterator<Item = Tree>,
    name: &'static str,
) -> Tree {
    let buffers = c
        .buffers
        .iter()
        .zip(rops)
        .map(|(b, t)| {
            Tree::record()
                .field("RPC_HEADER_EXT", b.header.to_tree())
                .field(name, t)
        })
        .collect();
    Tree::record().field("Buffers", Tree::List(buffers))
}

impl ToTree for ExecuteRequest<'_> {
    fn to_tree(&self) -> Tree {
        self.tree_with(chain_tree(&self.rop_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.2 Execute request type success response body, after StatusCode
/// (the `[out]` parameters of EcDoRpcExt2, [MS-OXCRPC] 3.1.4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ExecuteSuccess<'a> {
    /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.2 return values).
    pub error_code: u32,
    /// Flags: reserved; the server sets 0 and the client ignores it (kept as sent).
    pub flags: u32,
    /// RopBuffer (rgbOut): the ROP responses, as extended buffers; `None` when RopBufferSize
    /// is 0.
    pub rop_buffer: Option<ExtendedBufferChain<'a>>,
    /// AuxiliaryBuffer (rgbAuxOut); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> SuccessBody<'a> for ExecuteSuccess<'a> {
    fn decode_fields(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(ExecuteSuccess {
            error_code: r.u32().field("ErrorCode")?,
            flags: r.u32().field("Flags")?,
            rop_buffer: read_chain(r, "RopBufferSize", "RopBuffer")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
    fn fields_len(&self) -> usize {
        8 + chain_len(&self.rop_buffer) + chain_len(&self.auxiliary_buffer)
    }
    fn encode_fields<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.error_code.encode(out)?;
        self.flags.encode(out)?;
        put_chain(out, &self.rop_buffer, "RopBufferSize")?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
    fn fields_tree(&self, t: Tree) -> Tree {
        self.tree_with(t, chain_tree(&self.rop_buffer))
    }
}

impl ExecuteSuccess<'_> {
    /// Offset of RopBuffer in the body: after StatusCode, ErrorCode, Flags, RopBufferSize.
    const ROP_BUFFER_AT: usize = 16;

    /// Decodes the ROP output buffer in each extended buffer of RopBuffer against the request
    /// buffers it answers (`requests`, from [`ExecuteRequest::rop_request_buffers`]; give an
    /// empty slice when the request is not known: responses that need it stay raw).
    ///
    /// The first output buffer answers the first input buffer (later input buffers only carry
    /// packed upload data for its last ROP, [MS-OXCRPC] 3.1.4.2.1.2.1). Any further output
    /// buffer is a packed response ([MS-OXCRPC] 3.1.4.2.1.2.2): more responses to the last ROP
    /// of the first input buffer (RopQueryRows, RopReadStream, RopFastTransferSourceGetBuffer),
    /// so it is decoded against that one ROP.
    pub fn rop_response_buffers<'s>(
        &'s self,
        requests: &[RopRequestBuffer<'_>],
        session: Option<&Session>,
        limits: Limits,
    ) -> Result<Vec<RopResponseBuffer<'s>>, DecodeError> {
        let Some(chain) = &self.rop_buffer else {
            return Ok(Vec::new());
        };
        let first = requests.first().cloned().unwrap_or_default();
        let packed = match (first.raw.is_none(), first.rops.last()) {
            (true, Some(last)) => RopRequestBuffer {
                rops: vec![last.clone()],
                raw: None,
                handles: first.handles.clone(),
            },
            _ => RopRequestBuffer::default(),
        };
        let offsets = payload_offsets(chain);
        let mut out = Vec::with_capacity(chain.buffers.len());
        // What the first output buffer establishes (columns set on a table) is what the
        // packed responses need: they are decoded with a session that has learnt it.
        let mut learnt: Option<Session> = None;
        for (i, b) in chain.buffers.iter().enumerate() {
            let (req, sess) = if i == 0 {
                (&first, session)
            } else {
                (&packed, learnt.as_ref().or(session))
            };
            let buf = RopResponseBuffer::decode_with_exact(&b.payload, (req, sess), limits)
                .map_err(|e| {
                    in_buffer(e, i, offsets[i], Self::ROP_BUFFER_AT, "RopResponseBuffer")
                })?;
            if i == 0 && chain.buffers.len() > 1 {
                let mut s = session.cloned().unwrap_or_default();
                s.learn(&first, &buf);
                learnt = Some(s);
            }
            out.push(buf);
        }
        Ok(out)
    }

    /// The tree of the body (StatusCode included) with each ROP output buffer decoded.
    pub fn to_tree_with_rops(&self, rops: &[RopResponseBuffer<'_>]) -> Tree {
        let rop_buffer = match &self.rop_buffer {
            None => Tree::Null,
            Some(c) => rops_tree(c, rops.iter().map(ToTree::to_tree), "RopResponseBuffer"),
        };
        self.tree_with(Tree::record().field("StatusCode", code_tree(0)), rop_buffer)
    }

    fn tree_with(&self, t: Tree, rop_buffer: Tree) -> Tree {
        t.field("ErrorCode", code_tree(self.error_code))
            .field("Flags", Tree::Hex(self.flags.into()))
            .field("RopBufferSize", size_tree(&self.rop_buffer))
            .field("RopBuffer", rop_buffer)
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.2 / 2.2.4.2.3 Execute response body.
pub type ExecuteResponse<'a> = ResponseBody<'a, ExecuteSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// Disconnect (2.2.4.3)
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.4.3.1 Disconnect request type request body.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DisconnectRequest<'a> {
    /// AuxiliaryBuffer (rgbAuxIn); `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> Decode<'a> for DisconnectRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(DisconnectRequest {
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
}

impl Encode for DisconnectRequest<'_> {
    fn encoded_len(&self) -> usize {
        chain_len(&self.auxiliary_buffer)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
}

impl ToTree for DisconnectRequest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.3.2 Disconnect request type success response body, after
/// StatusCode.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DisconnectSuccess<'a> {
    /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.3 return values).
    pub error_code: u32,
    /// AuxiliaryBuffer; `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> SuccessBody<'a> for DisconnectSuccess<'a> {
    fn decode_fields(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(DisconnectSuccess {
            error_code: r.u32().field("ErrorCode")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
    fn fields_len(&self) -> usize {
        4 + chain_len(&self.auxiliary_buffer)
    }
    fn encode_fields<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.error_code.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
    fn fields_tree(&self, t: Tree) -> Tree {
        t.field("ErrorCode", code_tree(self.error_code))
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.3.2 / 2.2.4.3.3 Disconnect response body.
pub type DisconnectResponse<'a> = ResponseBody<'a, DisconnectSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// NotificationWait (2.2.4.4)
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.4.4.1 NotificationWait request type request body (ulFlagsIn of
/// EcDoAsyncWaitEx, [MS-OXCRPC] 3.3.4.1).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotificationWaitRequest<'a> {
    /// Flags: reserved; the client sets 0 and the server ignores it (kept as sent).
    pub flags: u32,
    /// AuxiliaryBuffer; `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> Decode<'a> for NotificationWaitRequest<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(NotificationWaitRequest {
            flags: r.u32().field("Flags")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
}

impl Encode for NotificationWaitRequest<'_> {
    fn encoded_len(&self) -> usize {
        4 + chain_len(&self.auxiliary_buffer)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.flags.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
}

impl ToTree for NotificationWaitRequest<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Flags", Tree::Hex(self.flags.into()))
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.4.2 NotificationWait request type success response body, after
/// StatusCode.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct NotificationWaitSuccess<'a> {
    /// ErrorCode: the return status ([MS-OXCRPC] 3.3.4.1 return values).
    pub error_code: u32,
    /// EventPending: 0x00000001 when an event is pending, 0x00000000 when none (pulFlagsOut).
    /// Other values are kept as sent.
    pub event_pending: u32,
    /// AuxiliaryBuffer; `None` when AuxiliaryBufferSize is 0.
    pub auxiliary_buffer: Option<ExtendedBufferChain<'a>>,
}

impl<'a> SuccessBody<'a> for NotificationWaitSuccess<'a> {
    fn decode_fields(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(NotificationWaitSuccess {
            error_code: r.u32().field("ErrorCode")?,
            event_pending: r.u32().field("EventPending")?,
            auxiliary_buffer: read_chain(r, "AuxiliaryBufferSize", "AuxiliaryBuffer")?,
        })
    }
    fn fields_len(&self) -> usize {
        8 + chain_len(&self.auxiliary_buffer)
    }
    fn encode_fields<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.error_code.encode(out)?;
        self.event_pending.encode(out)?;
        put_chain(out, &self.auxiliary_buffer, "AuxiliaryBufferSize")
    }
    fn fields_tree(&self, t: Tree) -> Tree {
        let pending = match self.event_pending {
            0 => Some("no event pending"),
            1 => Some("event pending"),
            _ => None,
        };
        t.field("ErrorCode", code_tree(self.error_code))
            .field("EventPending", Tree::named(self.event_pending, pending))
            .field("AuxiliaryBufferSize", size_tree(&self.auxiliary_buffer))
            .field("AuxiliaryBuffer", aux_tree(&self.auxiliary_buffer))
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.4.2 / 2.2.4.4.3 NotificationWait response body.
pub type NotificationWaitResponse<'a> = ResponseBody<'a, NotificationWaitSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// PING (2.2.6)
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.6 PING request type: "no request body" and "no response body"; a
/// PING body is empty (meta-tags and additional headers may still come before it, 3.2.5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct PingBody;

impl<'a> Decode<'a> for PingBody {
    fn decode_from(_: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(PingBody)
    }
}

impl Encode for PingBody {
    fn encoded_len(&self) -> usize {
        0
    }
    fn encode<B: BufMut>(&self, _: &mut B) -> Result<(), EncodeError> {
        Ok(())
    }
}

impl ToTree for PingBody {
    fn to_tree(&self) -> Tree {
        Tree::record()
    }
}

// ---------------------------------------------------------------------------------------------
// Any EMSMDB body, by request type
// ---------------------------------------------------------------------------------------------

/// Which EMSMDB body a byte string holds: the request type and the direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EmsmdbBodyKind {
    /// 2.2.4.1.1.
    ConnectRequest,
    /// 2.2.4.1.2 / 2.2.4.1.3.
    ConnectResponse,
    /// 2.2.4.2.1.
    ExecuteRequest,
    /// 2.2.4.2.2 / 2.2.4.2.3.
    ExecuteResponse,
    /// 2.2.4.3.1.
    DisconnectRequest,
    /// 2.2.4.3.2 / 2.2.4.3.3.
    DisconnectResponse,
    /// 2.2.4.4.1.
    NotificationWaitRequest,
    /// 2.2.4.4.2 / 2.2.4.4.3.
    NotificationWaitResponse,
    /// 2.2.6.
    PingRequest,
    /// 2.2.6.
    PingResponse,
}

impl EmsmdbBodyKind {
    /// Every kind, requests and responses alternating.
    pub const ALL: [EmsmdbBodyKind; 10] = [
        EmsmdbBodyKind::ConnectRequest,
        EmsmdbBodyKind::ConnectResponse,
        EmsmdbBodyKind::ExecuteRequest,
        EmsmdbBodyKind::ExecuteResponse,
        EmsmdbBodyKind::DisconnectRequest,
        EmsmdbBodyKind::DisconnectResponse,
        EmsmdbBodyKind::NotificationWaitRequest,
        EmsmdbBodyKind::NotificationWaitResponse,
        EmsmdbBodyKind::PingRequest,
        EmsmdbBodyKind::PingResponse,
    ];

    /// The kind for an X-RequestType value (compared without regard to ASCII case, as servers
    /// do) and a direction; `None` for request types of other endpoints.
    pub fn for_request_type(request_type: &str, response: bool) -> Option<EmsmdbBodyKind> {
        let i = [
            "Connect",
            "Execute",
            "Disconnect",
            "NotificationWait",
            "PING",
        ]
        .iter()
        .position(|n| n.eq_ignore_ascii_case(request_type))?;
        Some(Self::ALL[2 * i + usize::from(response)])
    }

    /// The CLI kind name (`execute-request`, `notification-wait-response`, ...).
    pub fn cli_name(self) -> &'static str {
        match self {
            EmsmdbBodyKind::ConnectRequest => "connect-request",
            EmsmdbBodyKind::ConnectResponse => "connect-response",
            EmsmdbBodyKind::ExecuteRequest => "execute-request",
            EmsmdbBodyKind::ExecuteResponse => "execute-response",
            EmsmdbBodyKind::DisconnectRequest => "disconnect-request",
            EmsmdbBodyKind::DisconnectResponse => "disconnect-response",
            EmsmdbBodyKind::NotificationWaitRequest => "notification-wait-request",
            EmsmdbBodyKind::NotificationWaitResponse => "notification-wait-response",
            EmsmdbBodyKind::PingRequest => "ping-request",
            EmsmdbBodyKind::PingResponse => "ping-response",
        }
    }
}

/// Any EMSMDB request or response body, decoded by kind (the fuzz targets and tools use this;
/// code that knows its request type uses the body types directly).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EmsmdbBody<'a> {
    /// 2.2.4.1.1.
    ConnectRequest(ConnectRequest<'a>),
    /// 2.2.4.1.2 / 2.2.4.1.3.
    ConnectResponse(ConnectResponse<'a>),
    /// 2.2.4.2.1.
    ExecuteRequest(ExecuteRequest<'a>),
    /// 2.2.4.2.2 / 2.2.4.2.3.
    ExecuteResponse(ExecuteResponse<'a>),
    /// 2.2.4.3.1.
    DisconnectRequest(DisconnectRequest<'a>),
    /// 2.2.4.3.2 / 2.2.4.3.3.
    DisconnectResponse(DisconnectResponse<'a>),
    /// 2.2.4.4.1.
    NotificationWaitRequest(NotificationWaitRequest<'a>),
    /// 2.2.4.4.2 / 2.2.4.4.3.
    NotificationWaitResponse(NotificationWaitResponse<'a>),
    /// 2.2.6 (empty).
    PingRequest(PingBody),
    /// 2.2.6 (empty).
    PingResponse(PingBody),
}

impl EmsmdbBody<'_> {
    /// The kind of this body (what [`EmsmdbBody::decode_exact`] takes to read it back).
    pub fn kind(&self) -> EmsmdbBodyKind {
        use EmsmdbBodyKind as K;
        match self {
            EmsmdbBody::ConnectRequest(_) => K::ConnectRequest,
            EmsmdbBody::ConnectResponse(_) => K::ConnectResponse,
            EmsmdbBody::ExecuteRequest(_) => K::ExecuteRequest,
            EmsmdbBody::ExecuteResponse(_) => K::ExecuteResponse,
            EmsmdbBody::DisconnectRequest(_) => K::DisconnectRequest,
            EmsmdbBody::DisconnectResponse(_) => K::DisconnectResponse,
            EmsmdbBody::NotificationWaitRequest(_) => K::NotificationWaitRequest,
            EmsmdbBody::NotificationWaitResponse(_) => K::NotificationWaitResponse,
            EmsmdbBody::PingRequest(_) => K::PingRequest,
            EmsmdbBody::PingResponse(_) => K::PingResponse,
        }
    }
}

impl<'a> EmsmdbBody<'a> {
    /// Decodes `input`, which the body must fill exactly, as `kind`.
    pub fn decode_exact(
        kind: EmsmdbBodyKind,
        input: &'a [u8],
        limits: Limits,
    ) -> Result<Self, DecodeError> {
        use EmsmdbBodyKind as K;
        Ok(match kind {
            K::ConnectRequest => Self::ConnectRequest(Decode::decode_exact(input, limits)?),
            K::ConnectResponse => Self::ConnectResponse(Decode::decode_exact(input, limits)?),
            K::ExecuteRequest => Self::ExecuteRequest(Decode::decode_exact(input, limits)?),
            K::ExecuteResponse => Self::ExecuteResponse(Decode::decode_exact(input, limits)?),
            K::DisconnectRequest => Self::DisconnectRequest(Decode::decode_exact(input, limits)?),
            K::DisconnectResponse => Self::DisconnectResponse(Decode::decode_exact(input, limits)?),
            K::NotificationWaitRequest => {
                Self::NotificationWaitRequest(Decode::decode_exact(input, limits)?)
            }
            K::NotificationWaitResponse => {
                Self::NotificationWaitResponse(Decode::decode_exact(input, limits)?)
            }
            K::PingRequest => Self::PingRequest(Decode::decode_exact(input, limits)?),
            K::PingResponse => Self::PingResponse(Decode::decode_exact(input, limits)?),
        })
    }
}

macro_rules! each_body {
    ($self:expr, $x:ident => $e:expr) => {
        match $self {
            EmsmdbBody::ConnectRequest($x) => $e,
            EmsmdbBody::ConnectResponse($x) => $e,
            EmsmdbBody::ExecuteRequest($x) => $e,
            EmsmdbBody::ExecuteResponse($x) => $e,
            EmsmdbBody::DisconnectRequest($x) => $e,
            EmsmdbBody::DisconnectResponse($x) => $e,
            EmsmdbBody::NotificationWaitRequest($x) => $e,
            EmsmdbBody::NotificationWaitResponse($x) => $e,
            EmsmdbBody::PingRequest($x) => $e,
            EmsmdbBody::PingResponse($x) => $e,
        }
    };
}

impl Encode for EmsmdbBody<'_> {
    fn encoded_len(&self) -> usize {
        each_body!(self, x => x.encoded_len())
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        each_body!(self, x => x.encode(out))
    }
}

impl ToTree for EmsmdbBody<'_> {
    fn to_tree(&self) -> Tree {
        each_body!(self, x => x.to_tree())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rpc::ext::{BuildOptions, MAX_REQUEST_PAYLOAD};

    fn chain(payloads: &[&[u8]], compress: bool) -> ExtendedBufferChain<'static> {
        ExtendedBufferChain::pack(
            payloads,
            BuildOptions {
                compress,
                xor_magic: false,
            },
            MAX_REQUEST_PAYLOAD,
        )
        .unwrap()
    }

    /// [MS-OXCROPS] 4.4: two RopRelease requests and their handle table.
    const RELEASES: [u8; 16] = [
        0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x6F, 0x00, 0x00, 0x00, 0x6E, 0x00, 0x00,
        0x00,
    ];

    fn prefixes_fail<'a, T: Decode<'a>>(b: &'a [u8]) {
        for n in 0..b.len() {
            assert!(
                T::decode_exact(&b[..n], Limits::DEFAULT).is_err(),
                "prefix {n}"
            );
        }
    }

    #[test]
    fn connect_request_round_trip() {
        let v = ConnectRequest {
            user_dn: AnsiStr::from_wire(b"/o=First Organization/ou=Exchange/cn=Recipients/cn=u")
                .unwrap(),
            flags: 0,
            default_code_page: 1252,
            lcid_sort: 0x409,
            lcid_string: 0x409,
            auxiliary_buffer: None,
        };
        let b = v.to_bytes().unwrap();
        assert_eq!(b.len(), v.encoded_len());
        assert_eq!(
            ConnectRequest::decode_exact(&b, Limits::DEFAULT).unwrap(),
            v
        );
        prefixes_fail::<ConnectRequest>(&b);
    }

    #[test]
    fn connect_response_success_and_failure() {
        let ok = ConnectResponse::Success(ConnectSuccess {
            error_code: 0,
            polls_max: 60_000,
            retry_count: 6,
            retry_delay: 10_000,
            dn_prefix: AnsiStr::from_wire(b"/o=Org/ou=Site").unwrap(),
            display_name: Utf16Str::from_text("Jane").unwrap(),
            auxiliary_buffer: Some(chain(&[&[]], false)),
        });
        let b = ok.to_bytes().unwrap();
        assert_eq!(
            ConnectResponse::decode_exact(&b, Limits::DEFAULT).unwrap(),
            ok
        );
        prefixes_fail::<ConnectResponse>(&b);
        let fail = ConnectResponse::Failure(FailureResponse {
            status_code: 0x8004_0115,
            auxiliary_buffer: None,
        });
        let b = fail.to_bytes().unwrap();
        assert_eq!(b, [0x15, 0x01, 0x04, 0x80, 0, 0, 0, 0]);
        assert_eq!(
            ConnectResponse::decode_exact(&b, Limits::DEFAULT).unwrap(),
            fail
        );
        let zero = ConnectResponse::Failure(FailureResponse {
            status_code: 0,
            auxiliary_buffer: None,
        });
        assert!(zero.to_bytes().is_err());
    }

    #[test]
    fn execute_decodes_rops_through_compression() {
        let req = ExecuteRequest {
            flags: ExecuteFlags(0),
            rop_buffer: Some(chain(&[&RELEASES], false)),
            max_rop_out: 0x40000,
            auxiliary_buffer: None,
        };
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::DEFAULT).unwrap();
        let rops = back.rop_request_buffers(None, Limits::DEFAULT).unwrap();
        assert_eq!(rops.len(), 1);
        assert_eq!(rops[0].rops.len(), 2);
        prefixes_fail::<ExecuteRequest>(&b);

        // A long buffer compresses; the ROPs still decode.
        let mut big = vec![0u8; 2];
        for _ in 0..400 {
            big.extend_from_slice(&[0x01, 0x00, 0x00]);
        }
        let size = u16::try_from(big.len()).unwrap();
        big[..2].copy_from_slice(&size.to_le_bytes());
        big.extend_from_slice(&[1, 0, 0, 0]);
        let req = ExecuteRequest {
            rop_buffer: Some(chain(&[&big], true)),
            ..req
        };
        assert!(req.rop_buffer.as_ref().unwrap().buffers[0]
            .header
            .flags
            .contains(ExtFlags::COMPRESSED));
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::DEFAULT).unwrap();
        let rops = back.rop_request_buffers(None, Limits::DEFAULT).unwrap();
        assert_eq!(rops[0].rops.len(), 400);
    }

    #[test]
    fn rop_errors_point_into_the_body() {
        // RopSize 0x0005 with a reserved RopId 0x00 in the only buffer.
        let bad = [0x05, 0x00, 0x00, 0x00, 0x00];
        let req = ExecuteRequest {
            flags: ExecuteFlags(0),
            rop_buffer: Some(chain(&[&bad], false)),
            max_rop_out: 0,
            auxiliary_buffer: None,
        };
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::DEFAULT).unwrap();
        let e = back.rop_request_buffers(None, Limits::DEFAULT).unwrap_err();
        // Body: Flags 4, RopBufferSize 4, RPC_HEADER_EXT 8, RopSize 2: the RopId is at 18.
        assert_eq!(e.offset(), 18);
        assert!(e
            .path_string()
            .starts_with("RopBuffer.Buffers[0].RopRequestBuffer"));
    }

    #[test]
    fn execute_response_pairs_with_request() {
        // RopRelease has no response: an output buffer with no ROPs and one handle.
        let out = [0x02, 0x00, 0x6F, 0x00, 0x00, 0x00];
        let resp = ExecuteResponse::Success(ExecuteSuccess {
            error_code: 0,
            flags: 0,
            rop_buffer: Some(chain(&[&out], false)),
            auxiliary_buffer: None,
        });
        let b = resp.to_bytes().unwrap();
        let back = ExecuteResponse::decode_exact(&b, Limits::DEFAULT).unwrap();
        let req = RopRequestBuffer::decode_exact(&RELEASES, Limits::DEFAULT).unwrap();
        let rops = back
            .success()
            .unwrap()
            .rop_response_buffers(&[req], None, Limits::DEFAULT)
            .unwrap();
        assert!(rops[0].rops.is_empty());
        assert_eq!(rops[0].to_bytes().unwrap(), out);
        prefixes_fail::<ExecuteResponse>(&b);
    }

    #[test]
    fn packed_responses_answer_the_last_rop() {
        // SetColumns (DisplayName) on handle 0, QueryRows on it.
        let req = [
            0x13, 0x00, 0x12, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1F, 0x00, 0x01, 0x30, 0x15, 0x00,
            0x00, 0x00, 0x01, 0x05, 0x00, 0x10, 0x00, 0x00, 0x00,
        ];
        // SetColumns response, QueryRows response with one row "A".
        let first = [
            0x17, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x02, 0x01, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
        ];
        // A packed QueryRows response with one row "B".
        let more = [
            0x10, 0x00, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x42, 0x00,
            0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
        ];
        let resp = ExecuteSuccess {
            error_code: 0,
            flags: 0,
            rop_buffer: Some(chain(&[&first, &more], false)),
            auxiliary_buffer: None,
        };
        let request = RopRequestBuffer::decode_exact(&req, Limits::DEFAULT).unwrap();
        let rops = resp
            .rop_response_buffers(&[request], None, Limits::DEFAULT)
            .unwrap();
        assert_eq!(rops.len(), 2);
        assert_eq!(rops[0].rops.len(), 2);
        assert_eq!(rops[1].rops.len(), 1, "{:?}", rops[1].raw);
        assert!(rops[1].raw.is_none());
        assert_eq!(rops[1].to_bytes().unwrap(), more);
    }

    #[test]
    fn sizes_are_checked_before_reading() {
        // RopBufferSize 0xFFFFFFFF with 4 bytes left.
        let b = [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];
        let e = ExecuteRequest::decode_exact(&b, Limits::DEFAULT).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
        assert_eq!(e.path_string(), "RopBufferSize");
        // A chain that does not fill its size.
        let mut v = DisconnectRequest {
            auxiliary_buffer: Some(chain(&[b"ab"], false)),
        }
        .to_bytes()
        .unwrap();
        v[0] += 1;
        v.push(0);
        let e = DisconnectRequest::decode_exact(&v, Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        assert_eq!(e.path_string(), "AuxiliaryBuffer");
    }

    #[test]
    fn every_smaller_size_fails() {
        let req = ExecuteRequest {
            flags: ExecuteFlags::CHAIN,
            rop_buffer: Some(chain(&[&RELEASES, &RELEASES], false)),
            max_rop_out: 0x8000,
            auxiliary_buffer: Some(chain(&[&[8, 0, 1, 1, 1, 0, 1, 0]], false)),
        };
        let b = req.to_bytes().unwrap();
        let aux_at = 8 + req.rop_buffer.as_ref().unwrap().encoded_len() + 4;
        for at in [4, aux_at] {
            let real = u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
            for smaller in 0..real {
                let mut v = b.clone();
                v[at..at + 4].copy_from_slice(&smaller.to_le_bytes());
                assert!(
                    ExecuteRequest::decode_exact(&v, Limits::DEFAULT).is_err(),
                    "size at {at} = {smaller}"
                );
            }
        }
    }

    #[test]
    fn kinds_by_request_type() {
        assert_eq!(
            EmsmdbBodyKind::for_request_type("execute", true),
            Some(EmsmdbBodyKind::ExecuteResponse)
        );
        assert_eq!(
            EmsmdbBodyKind::for_request_type("PING", false),
            Some(EmsmdbBodyKind::PingRequest)
        );
        assert_eq!(EmsmdbBodyKind::for_request_type("Bind", false), None);
        for k in EmsmdbBodyKind::ALL {
            assert!(EmsmdbBody::decode_exact(k, &[1], Limits::DEFAULT).is_err());
        }
    }
}
