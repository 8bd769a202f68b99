//! Execute bodies ([MS-OXCMAPIHTTP] 2.2.4.2) around one ROP buffer, for the clients and
//! servers that send one ROP buffer a call (the usual case).

use super::body::{AuxiliaryBuffer, ResponseBody, RopBuffer};
use super::emsmdb::{ExecuteFlags, ExecuteRequest, ExecuteResponse, ExecuteSuccess};
use crate::data::ErrorCode;
use crate::rop::{RopRequestBuffer, RopResponseBuffer};
use crate::rpc::ext::{BuildOptions, ExtendedBufferChain, MAX_REQUEST_PAYLOAD};
use crate::wire::{Encode, EncodeError};

/// `payload` as a chain of one extended buffer, flagged Last.
fn one_buffer(
    payload: &impl Encode,
    options: BuildOptions,
) -> Result<RopBuffer<'static>, EncodeError> {
    let bytes = payload.to_bytes()?;
    let chain = ExtendedBufferChain::pack(&[&bytes], options, MAX_REQUEST_PAYLOAD)?;
    Ok(RopBuffer(Some(chain)))
}

impl ExecuteRequest<'static> {
    /// MaxRopOut of [`ExecuteRequest::new`]: the largest ROP output buffer a client takes
    /// (0x8000 bytes, one extended buffer's payload).
    pub const DEFAULT_MAX_ROP_OUT: u32 = 0x8000;

    /// The Execute request body carrying `rops` as one uncompressed, unobfuscated extended
    /// buffer: Flags 0 (the server may compress and obfuscate its answer, which decoding
    /// undoes), MaxRopOut [`Self::DEFAULT_MAX_ROP_OUT`], no auxiliary buffer. Fails when the
    /// ROP buffer does not encode or is over 32 KB.
    pub fn new(rops: &RopRequestBuffer<'_>) -> Result<Self, EncodeError> {
        Self::with_options(rops, ExecuteFlags(0), BuildOptions::default())
    }

    /// [`ExecuteRequest::new`] with the Execute `flags` and how the extended buffer is sent
    /// (`options`: compressed, obfuscated).
    pub fn with_options(
        rops: &RopRequestBuffer<'_>,
        flags: ExecuteFlags,
        options: BuildOptions,
    ) -> Result<Self, EncodeError> {
        Ok(ExecuteRequest {
            flags,
            rop_buffer: one_buffer(rops, options)?,
            max_rop_out: Self::DEFAULT_MAX_ROP_OUT,
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
    }
}

impl ExecuteSuccess<'static> {
    /// The success fields of an Execute response carrying `rops` as one extended buffer sent
    /// as `options` says (a server honours the request's NoCompression and NoXorMagic flags):
    /// ErrorCode 0, Flags 0, no auxiliary buffer. Fails when the ROP buffer does not encode or
    /// is over 32 KB.
    pub fn new(rops: &RopResponseBuffer<'_>, options: BuildOptions) -> Result<Self, EncodeError> {
        Ok(ExecuteSuccess {
            error_code: ErrorCode(0),
            flags: 0,
            rop_buffer: one_buffer(rops, options)?,
            auxiliary_buffer: AuxiliaryBuffer(None),
        })
    }
}

impl<'a> From<ExecuteSuccess<'a>> for ExecuteResponse<'a> {
    /// The response body with StatusCode 0 and these fields.
    fn from(s: ExecuteSuccess<'a>) -> Self {
        ResponseBody::success(s)
    }
}
