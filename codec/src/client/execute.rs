//! Execute ([MS-OXCMAPIHTTP] 2.2.4.2) with its ROPs paired: the client packs the caller's ROP
//! input buffers into the request's RopBuffer, keeps them with the pending call, and decodes
//! the ROP output buffers of the response against them and the client's [`Session`], which
//! then learns from the pair.

use crate::http::body::AuxiliaryBuffer;
use crate::http::emsmdb::{ExecuteFlags, ExecuteResponse};
use crate::rop::{RopRequestBuffer, RopResponse, RopResponseBuffer, Session};
use crate::rpc::ext::BuildOptions;
use crate::wire::{Decode, IntoOwned, Limits, Outcome};

use super::{ClientError, Response};

/// How an Execute request is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExecuteOptions {
    /// How the ROP input buffers are packed into RopBuffer: compressed (LZ77, [MS-OXCRPC]
    /// 3.1.7.2) and obfuscated (XorMagic, 3.1.7.3) or not.
    pub packing: BuildOptions,
    /// Flags ([MS-OXCRPC] 3.1.4.2 pulFlags): NoCompression and NoXorMagic ask the server
    /// for a plain response; Chain lets it pack more responses.
    pub flags: ExecuteFlags,
    /// MaxRopOut: the largest RopBuffer the response may carry.
    pub max_rop_out: u32,
}

impl Default for ExecuteOptions {
    /// Compressed and obfuscated requests, no flags (the server may compress and obfuscate
    /// its response too), and a MaxRopOut of 32 KB (one extended buffer).
    fn default() -> Self {
        ExecuteOptions {
            packing: BuildOptions {
                compress: true,
                xor_magic: true,
            },
            flags: ExecuteFlags(0),
            max_rop_out: 0x8000,
        }
    }
}

/// An Execute call's answer, owning its bytes: the response (HTTP head, stream, body), the ROP
/// input buffers that were sent (given back as the caller built them), and the ROP output
/// buffers decoded against them: the first answers the first input buffer; any further one
/// holds packed responses to its last ROP ([MS-OXCRPC] 3.1.4.2.1.2.2).
#[derive(Clone, Debug, PartialEq)]
pub struct ExecuteReply {
    /// The response.
    pub response: Response,
    /// The ROP input buffers sent.
    pub requests: Vec<RopRequestBuffer<'static>>,
    /// The ROP output buffers, decoded against `requests`.
    pub responses: Vec<RopResponseBuffer<'static>>,
    /// The Execute response's AuxiliaryBuffer (rgbAuxOut), if any.
    pub auxiliary_buffer: AuxiliaryBuffer<'static>,
}

impl ExecuteReply {
    /// The ROP responses of the first output buffer (those answering the requests sent), then
    /// those of the packed ones.
    pub fn rops(&self) -> impl Iterator<Item = &RopResponse<'static>> {
        self.responses.iter().flat_map(|b| b.rops.iter())
    }
}

/// Decodes an Execute response against the request buffers sent, with what `session` knows;
/// `learn` says whether the session learns from the pair (not for a call of an ended Session
/// Context).
pub(super) fn pair(
    response: Response,
    requests: Vec<RopRequestBuffer<'static>>,
    session: &mut Session,
    learn: bool,
    limits: Limits,
) -> Result<ExecuteReply, ClientError> {
    response.check()?;
    let body = ExecuteResponse::decode_exact(response.body(), limits)?;
    let success = match &body.body {
        Outcome::Success(s) => s,
        Outcome::Failure(_) => {
            return Err(ClientError::StatusCode {
                request_type: response.request_type,
                status_code: body.status_code,
            })
        }
    };
    if success.error_code.0 != 0 {
        return Err(ClientError::ErrorCode {
            request_type: response.request_type,
            error_code: success.error_code,
        });
    }
    let responses = success.rop_response_buffers(&requests, Some(session), limits)?;
    if learn {
        if let (Some(q), Some(r)) = (requests.first(), responses.first()) {
            session.learn(q, r);
        }
    }
    let responses = responses.into_owned();
    let auxiliary_buffer = success.auxiliary_buffer.clone().into_owned();
    drop(body);
    Ok(ExecuteReply {
        response,
        requests,
        responses,
        auxiliary_buffer,
    })
}
