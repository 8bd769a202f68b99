//! [MS-OXCMAPIHTTP] 2.2.4: the request and response bodies of the mailbox server endpoint
//! (`/mapi/emsmdb`): Connect, Execute, Disconnect, NotificationWait, and PING (2.2.6).
//!
//! Every response body starts with StatusCode. Zero selects the request type's success layout;
//! any other value selects the failure layout that all request types of both endpoints share
//! (StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer: 2.2.4.1.3, 2.2.4.2.3, 2.2.4.3.3,
//! 2.2.4.4.3). That choice is [`ResponseBody`].
//!
//! RopBuffer and AuxiliaryBuffer are the rgbIn/rgbOut and rgbAuxIn/rgbAuxOut of [MS-OXCRPC]
//! 3.1.4.2: chains of extended buffers ([`ExtendedBufferChain`]), each an RPC_HEADER_EXT and a
//! payload that may be compressed and obfuscated. A size of zero means the field is absent
//! (`None`). The plain payload of each extended buffer of a RopBuffer holds one whole ROP buffer
//! (RopSize, RopsList, Server object handle table: [MS-OXCRPC] 4.2 shows RopSize right after the
//! RPC_HEADER_EXT); [`ExecuteRequest::rop_request_buffers`] and
//! [`ExecuteSuccess::rop_response_buffers`] decode them.

use super::body::body_enum;
pub use super::body::{AuxiliaryBuffer, ResponseBody, RopBuffer};
pub use crate::data::ErrorCode;
use crate::rop::{RopRequestBuffer, RopResponseBuffer, Session};
use crate::rpc::ext::{ExtFlags, ExtendedBufferChain, RpcHeaderExt};
use crate::tree::{hex, FieldTree, ToTree, Tree};
use crate::wire::{
    named_code, wire_struct, AnsiStr, DecodeError, DecodeWith, Encode, Limits, NoFields, Utf16Str,
};

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
// Connect (2.2.4.1)
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.1.1 Connect request type request body (the `[in]` parameters of
    /// EcDoConnectEx, [MS-OXCRPC] 3.1.4.1).
    #[derive(Eq)]
    pub struct ConnectRequest<'a> {
        /// UserDn: null-terminated ASCII DN of the user requesting the connection (szUserDN).
        user_dn: AnsiStr<'a> => "UserDn",
        /// Flags: the type of connection requested (ulFlags).
        flags: u32 => "Flags" as hex,
        /// DefaultCodePage: the code page for string property values (ulCpid).
        default_code_page: u32 => "DefaultCodePage",
        /// LcidSort: the LCID for sorting (ulLcidSort).
        lcid_sort: u32 => "LcidSort" as hex,
        /// LcidString: the LCID for everything else (ulLcidString).
        lcid_string: u32 => "LcidString" as hex,
        /// AuxiliaryBufferSize, AuxiliaryBuffer (rgbAuxIn).
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.1.2 Connect request type success response body, after StatusCode
    /// (the `[out]` parameters of EcDoConnectEx, [MS-OXCRPC] 3.1.4.1).
    #[derive(Eq)]
    pub struct ConnectSuccess<'a> {
        /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.1 return values).
        error_code: ErrorCode => "ErrorCode",
        /// PollsMax: the longest polling interval, in milliseconds (pcmsPollsMax).
        polls_max: u32 => "PollsMax",
        /// RetryCount: how many times to retry request types (pcRetry).
        retry_count: u32 => "RetryCount",
        /// RetryDelay: milliseconds to wait before retrying (pcmsRetryDelay).
        retry_delay: u32 => "RetryDelay",
        /// DnPrefix: null-terminated ASCII DN prefix for building recipients (szDNPrefix).
        dn_prefix: AnsiStr<'a> => "DnPrefix",
        /// DisplayName: null-terminated Unicode (UTF-16LE) display name of the user
        /// (szDisplayName).
        display_name: Utf16Str<'a> => "DisplayName",
        /// AuxiliaryBufferSize, AuxiliaryBuffer (rgbAuxOut).
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
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

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.2.1 Execute request type request body (the `[in]` parameters of
    /// EcDoRpcExt2, [MS-OXCRPC] 3.1.4.2).
    #[derive(Eq)]
    pub struct ExecuteRequest<'a> {
        /// Flags (pulFlags).
        flags: ExecuteFlags => "Flags",
        /// RopBufferSize, RopBuffer (rgbIn): the ROP requests, as extended buffers.
        rop_buffer: RopBuffer<'a> => "",
        /// MaxRopOut: the largest RopBuffer the response may carry (pcbOut).
        max_rop_out: u32 => "MaxRopOut",
        /// AuxiliaryBufferSize, AuxiliaryBuffer (rgbAuxIn).
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

impl ExecuteRequest<'_> {
    /// Offset of RopBuffer in the body: after Flags and RopBufferSize.
    const ROP_BUFFER_AT: usize = 8;

    /// Decodes the ROP input buffer in each extended buffer of RopBuffer ([MS-OXCROPS] 2.2.1);
    /// `session` supplies what earlier calls established. Errors carry the offset in the body
    /// (for a compressed buffer: in its decompressed payload) and the buffer's index.
    ///
    /// The buffers borrow from this body (and so from the bytes it was decoded from);
    /// [`IntoOwned`](crate::wire::IntoOwned) gives them up, so that a function can decode a
    /// body and return its ROP buffers:
    ///
    /// ```
    /// use mapi_codec::http::emsmdb::ExecuteRequest;
    /// use mapi_codec::rop::{RopRequest, RopRequestBuffer};
    /// use mapi_codec::wire::{Decode, DecodeError, IntoOwned, Limits};
    ///
    /// fn parse(body: &[u8]) -> Result<Vec<RopRequestBuffer<'static>>, DecodeError> {
    ///     let request = ExecuteRequest::decode_exact(body, Limits::DEFAULT)?;
    ///     let buffers = request.rop_request_buffers(None, Limits::DEFAULT)?;
    ///     Ok(buffers.into_owned())
    /// }
    ///
    /// // Flags 0, RopBufferSize 24: an RPC_HEADER_EXT (Version 0, Flags Last, Size and
    /// // SizeActual 16) and the ROP input buffer of [MS-OXCROPS] 4.4 (two RopRelease requests
    /// // and their handle table); MaxRopOut 0x8000, AuxiliaryBufferSize 0.
    /// let body: Vec<u8> = [
    ///     &[0, 0, 0, 0, 24, 0, 0, 0][..],
    ///     &[0x00, 0x00, 0x04, 0x00, 0x10, 0x00, 0x10, 0x00],
    ///     &[0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01],
    ///     &[0x6F, 0x00, 0x00, 0x00, 0x6E, 0x00, 0x00, 0x00],
    ///     &[0x00, 0x80, 0x00, 0x00, 0, 0, 0, 0],
    /// ]
    /// .concat();
    /// let buffers = parse(&body).unwrap();
    /// drop(body);
    /// assert_eq!(buffers[0].rops.len(), 2);
    /// assert!(matches!(&buffers[0].rops[1], RopRequest::Release(r) if r.input_handle_index == 1));
    /// assert_eq!(buffers[0].handles.get(1), Some(0x6E));
    /// ```
    pub fn rop_request_buffers<'s>(
        &'s self,
        session: Option<&Session>,
        limits: Limits,
    ) -> Result<Vec<RopRequestBuffer<'s>>, DecodeError> {
        let Some(chain) = &self.rop_buffer.0 else {
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

    /// The tree of the body with each extended buffer's ROP buffer shown decoded in place of
    /// its payload bytes: `rops` gives one tree a buffer, in order (the trees of the buffers
    /// [`ExecuteRequest::rop_request_buffers`] returns, or
    /// [`RopRequestBuffer::to_tree_with_rops`] to add to them).
    pub fn to_tree_with_rops(&self, rops: impl IntoIterator<Item = Tree>) -> Tree {
        let t = Tree::record().field("Flags", self.flags.to_tree());
        let t = self
            .rop_buffer
            .tree_with_rops(t, rops.into_iter(), "RopRequestBuffer");
        let t = t.field("MaxRopOut", Tree::UInt(self.max_rop_out.into()));
        self.auxiliary_buffer.field_tree("AuxiliaryBuffer", t)
    }
}

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.2.2 Execute request type success response body, after StatusCode
    /// (the `[out]` parameters of EcDoRpcExt2, [MS-OXCRPC] 3.1.4.2).
    #[derive(Eq)]
    pub struct ExecuteSuccess<'a> {
        /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.2 return values).
        error_code: ErrorCode => "ErrorCode",
        /// Flags: reserved; the server sets 0 and the client ignores it (kept as sent).
        flags: u32 => "Flags" as hex,
        /// RopBufferSize, RopBuffer (rgbOut): the ROP responses, as extended buffers.
        rop_buffer: RopBuffer<'a> => "",
        /// AuxiliaryBufferSize, AuxiliaryBuffer (rgbAuxOut).
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
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
    ///
    /// The buffers borrow from this body; [`IntoOwned`](crate::wire::IntoOwned) gives them
    /// up (see [`ExecuteRequest::rop_request_buffers`]).
    pub fn rop_response_buffers<'s>(
        &'s self,
        requests: &[RopRequestBuffer<'s>],
        session: Option<&Session>,
        limits: Limits,
    ) -> Result<Vec<RopResponseBuffer<'s>>, DecodeError> {
        let Some(chain) = &self.rop_buffer.0 else {
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

    /// The tree of the body (StatusCode included) with each ROP output buffer shown decoded:
    /// `rops` gives one tree a buffer, in order (the trees of the buffers
    /// [`ExecuteSuccess::rop_response_buffers`] returns, or
    /// [`RopResponseBuffer::to_tree_with_rops`] to add to them).
    pub fn to_tree_with_rops(&self, rops: impl IntoIterator<Item = Tree>) -> Tree {
        let t = ResponseBody::success(NoFields).to_tree();
        let t = t
            .field("ErrorCode", self.error_code.to_tree())
            .field("Flags", hex(&self.flags));
        let t = self
            .rop_buffer
            .tree_with_rops(t, rops.into_iter(), "RopResponseBuffer");
        self.auxiliary_buffer.field_tree("AuxiliaryBuffer", t)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.2 / 2.2.4.2.3 Execute response body.
pub type ExecuteResponse<'a> = ResponseBody<'a, ExecuteSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// Disconnect (2.2.4.3)
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.3.1 Disconnect request type request body.
    #[derive(Eq, Default)]
    pub struct DisconnectRequest<'a> {
        /// AuxiliaryBufferSize, AuxiliaryBuffer (rgbAuxIn).
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.3.2 Disconnect request type success response body, after
    /// StatusCode.
    #[derive(Eq)]
    pub struct DisconnectSuccess<'a> {
        /// ErrorCode: the return status of the operation ([MS-OXCRPC] 3.1.4.3 return values).
        error_code: ErrorCode => "ErrorCode",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.3.2 / 2.2.4.3.3 Disconnect response body.
pub type DisconnectResponse<'a> = ResponseBody<'a, DisconnectSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// NotificationWait (2.2.4.4)
// ---------------------------------------------------------------------------------------------

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.4.1 NotificationWait request type request body (ulFlagsIn of
    /// EcDoAsyncWaitEx, [MS-OXCRPC] 3.3.4.1).
    #[derive(Eq, Default)]
    pub struct NotificationWaitRequest<'a> {
        /// Flags: reserved; the client sets 0 and the server ignores it (kept as sent).
        flags: u32 => "Flags" as hex,
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

named_code! {
    /// EventPending of a NotificationWait response ([MS-OXCMAPIHTTP] 2.2.4.4.2; pulFlagsOut of
    /// EcDoAsyncWaitEx, [MS-OXCRPC] 3.3.4.1); other values are kept as sent.
    pub struct EventPending(u32);
    /// 0x00000000: no event is pending.
    NONE = 0 => "no event pending",
    /// 0x00000001: an event is pending.
    PENDING = 1 => "event pending",
}

wire_struct! {
    /// [MS-OXCMAPIHTTP] 2.2.4.4.2 NotificationWait request type success response body, after
    /// StatusCode.
    #[derive(Eq)]
    pub struct NotificationWaitSuccess<'a> {
        /// ErrorCode: the return status ([MS-OXCRPC] 3.3.4.1 return values).
        error_code: ErrorCode => "ErrorCode",
        /// EventPending.
        event_pending: EventPending => "EventPending",
        /// AuxiliaryBufferSize, AuxiliaryBuffer.
        auxiliary_buffer: AuxiliaryBuffer<'a> => "",
    }
}

/// [MS-OXCMAPIHTTP] 2.2.4.4.2 / 2.2.4.4.3 NotificationWait response body.
pub type NotificationWaitResponse<'a> = ResponseBody<'a, NotificationWaitSuccess<'a>>;

// ---------------------------------------------------------------------------------------------
// PING (2.2.6)
// ---------------------------------------------------------------------------------------------

/// [MS-OXCMAPIHTTP] 2.2.6 PING request type: "no request body" and "no response body"; a
/// PING body is empty (meta-tags and additional headers may still come before it, 3.2.5.3).
pub type PingBody = NoFields;

// ---------------------------------------------------------------------------------------------
// Any EMSMDB body, by kind
// ---------------------------------------------------------------------------------------------

body_enum! {
    /// Any EMSMDB request or response body, decoded by its
    /// [`BodyKind`](super::headers::BodyKind) (the fuzz targets and tools use this; code
    /// that knows its request type uses the body types directly).
    #[derive(Eq)]
    pub enum EmsmdbBody;
    CONNECT: ConnectRequest(ConnectRequest<'a>), ConnectResponse(ConnectResponse<'a>);
    EXECUTE: ExecuteRequest(ExecuteRequest<'a>), ExecuteResponse(ExecuteResponse<'a>);
    DISCONNECT: DisconnectRequest(DisconnectRequest<'a>), DisconnectResponse(DisconnectResponse<'a>);
    NOTIFICATION_WAIT: NotificationWaitRequest(NotificationWaitRequest<'a>),
        NotificationWaitResponse(NotificationWaitResponse<'a>);
    PING: PingRequest(PingBody), PingResponse(PingBody);
}

impl ToTree for EmsmdbBody<'_> {
    fn to_tree(&self) -> Tree {
        self.body_tree()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::headers::{BodyKind, Direction, Endpoint, RequestType};
    use crate::rpc::ext::{BuildOptions, MAX_REQUEST_PAYLOAD};
    use crate::wire::Decode;

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
                T::decode_exact(&b[..n], Limits::STRICT).is_err(),
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
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let b = v.to_bytes().unwrap();
        assert_eq!(b.len(), v.encoded_len());
        assert_eq!(ConnectRequest::decode_exact(&b, Limits::STRICT).unwrap(), v);
        prefixes_fail::<ConnectRequest>(&b);
    }

    #[test]
    fn connect_response_success_and_failure() {
        let ok = ConnectResponse::success(ConnectSuccess {
            error_code: ErrorCode(0),
            polls_max: 60_000,
            retry_count: 6,
            retry_delay: 10_000,
            dn_prefix: AnsiStr::from_wire(b"/o=Org/ou=Site").unwrap(),
            display_name: Utf16Str::from_text("Jane").unwrap(),
            auxiliary_buffer: AuxiliaryBuffer(Some(chain(&[&[]], false))),
        });
        let b = ok.to_bytes().unwrap();
        assert_eq!(
            ConnectResponse::decode_exact(&b, Limits::STRICT).unwrap(),
            ok
        );
        prefixes_fail::<ConnectResponse>(&b);
        let fail = ConnectResponse::failure(0x8004_0115);
        let b = fail.to_bytes().unwrap();
        assert_eq!(b, [0x15, 0x01, 0x04, 0x80, 0, 0, 0, 0]);
        assert_eq!(
            ConnectResponse::decode_exact(&b, Limits::STRICT).unwrap(),
            fail
        );
        let zero = ConnectResponse {
            status_code: 0,
            body: crate::wire::Outcome::Failure(AuxiliaryBuffer(None)),
        };
        assert!(zero.to_bytes().is_err());
    }

    #[test]
    fn execute_decodes_rops_through_compression() {
        let req = ExecuteRequest {
            flags: ExecuteFlags(0),
            rop_buffer: RopBuffer(Some(chain(&[&RELEASES], false))),
            max_rop_out: 0x40000,
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::STRICT).unwrap();
        let rops = back.rop_request_buffers(None, Limits::STRICT).unwrap();
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
            rop_buffer: RopBuffer(Some(chain(&[&big], true))),
            ..req
        };
        assert!(req.rop_buffer.0.as_ref().unwrap().buffers[0]
            .header
            .flags
            .contains(ExtFlags::COMPRESSED));
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::STRICT).unwrap();
        let rops = back.rop_request_buffers(None, Limits::STRICT).unwrap();
        assert_eq!(rops[0].rops.len(), 400);
    }

    #[test]
    fn rop_errors_point_into_the_body() {
        // RopSize 0x0005 with a reserved RopId 0x00 in the only buffer.
        let bad = [0x05, 0x00, 0x00, 0x00, 0x00];
        let req = ExecuteRequest {
            flags: ExecuteFlags(0),
            rop_buffer: RopBuffer(Some(chain(&[&bad], false))),
            max_rop_out: 0,
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let b = req.to_bytes().unwrap();
        let back = ExecuteRequest::decode_exact(&b, Limits::STRICT).unwrap();
        let e = back.rop_request_buffers(None, Limits::STRICT).unwrap_err();
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
        let resp = ExecuteResponse::success(ExecuteSuccess {
            error_code: ErrorCode(0),
            flags: 0,
            rop_buffer: RopBuffer(Some(chain(&[&out], false))),
            auxiliary_buffer: AuxiliaryBuffer(None),
        });
        let b = resp.to_bytes().unwrap();
        let back = ExecuteResponse::decode_exact(&b, Limits::STRICT).unwrap();
        let req = RopRequestBuffer::decode_exact(&RELEASES, Limits::STRICT).unwrap();
        let rops = back
            .fields()
            .unwrap()
            .rop_response_buffers(&[req], None, Limits::STRICT)
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
            error_code: ErrorCode(0),
            flags: 0,
            rop_buffer: RopBuffer(Some(chain(&[&first, &more], false))),
            auxiliary_buffer: AuxiliaryBuffer(None),
        };
        let request = RopRequestBuffer::decode_exact(&req, Limits::STRICT).unwrap();
        let rops = resp
            .rop_response_buffers(&[request], None, Limits::STRICT)
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
        let e = ExecuteRequest::decode_exact(&b, Limits::STRICT).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("truncated", 4));
        assert_eq!(e.path_string(), "RopBufferSize");
        // A chain that does not fill its size.
        let mut v = DisconnectRequest {
            auxiliary_buffer: AuxiliaryBuffer(Some(chain(&[b"ab"], false))),
        }
        .to_bytes()
        .unwrap();
        v[0] += 1;
        v.push(0);
        let e = DisconnectRequest::decode_exact(&v, Limits::STRICT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        assert_eq!(e.path_string(), "AuxiliaryBuffer");
    }

    #[test]
    fn every_smaller_size_fails() {
        let req = ExecuteRequest {
            flags: ExecuteFlags::CHAIN,
            rop_buffer: RopBuffer(Some(chain(&[&RELEASES, &RELEASES], false))),
            max_rop_out: 0x8000,
            auxiliary_buffer: AuxiliaryBuffer(Some(chain(&[&[8, 0, 1, 1, 1, 0, 1, 0]], false))),
        };
        let b = req.to_bytes().unwrap();
        let aux_at = 8 + req.rop_buffer.0.as_ref().unwrap().encoded_len() + 4;
        for at in [4, aux_at] {
            let real = u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
            for smaller in 0..real {
                let mut v = b.clone();
                v[at..at + 4].copy_from_slice(&smaller.to_le_bytes());
                assert!(
                    ExecuteRequest::decode_exact(&v, Limits::STRICT).is_err(),
                    "size at {at} = {smaller}"
                );
            }
        }
    }

    #[test]
    fn kinds_by_request_type() {
        let k = BodyKind::new("execute", Direction::Response).unwrap();
        assert_eq!(k.request_type, RequestType::EXECUTE);
        assert_eq!(k.cli_name(), "execute-response");
        assert_eq!(
            BodyKind::from_cli_name("ping-request").unwrap().endpoint(),
            Endpoint::Mailbox
        );
        assert_eq!(
            BodyKind::from_cli_name("nspi-query-rows-response"),
            BodyKind::new("QueryRows", Direction::Response)
        );
        // A kind of the address book is not a mailbox body.
        let bind = BodyKind::new("Bind", Direction::Request).unwrap();
        let e = EmsmdbBody::decode_with_exact(&[0; 8], bind, Limits::STRICT).unwrap_err();
        assert_eq!(e.kind().name(), "missing-context");
        for k in BodyKind::all().filter(|k| k.endpoint() == Endpoint::Mailbox) {
            // One byte is no body of any kind but PING, which has none.
            let r = EmsmdbBody::decode_with_exact(&[1], k, Limits::STRICT);
            assert!(r.is_err(), "{k:?}");
        }
    }
}
