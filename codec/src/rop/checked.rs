//! The checked encodings of the ROP buffers ([MS-OXCROPS] 2.2.1): what the encoder checks as
//! it writes a request buffer (handle indexes against the table, the layouts that follow a
//! logon's LogonFlags) and a response buffer (handle indexes, RopBufferTooSmall last, and,
//! against the request buffer it answers, what [`answer`](super::answer) checks), so that the
//! bytes decode, in the context they are encoded in, to the same value.

use bytes::BufMut;

use crate::wire::{Encode, EncodeError, EncodeErrorKind, EncodeWith};

use super::answer;
use super::buffer::{buffer_len, encode_buffer, RopRequestBuffer, RopResponseBuffer};
use super::context::Session;
use super::field::HandleRole;
use super::{RopRequest, RopResponse};

/// A ROP of either direction, named in the path of an encoding error as decoding names it.
pub(super) trait Named {
    /// The spec's name of the ROP (`RopLogon`).
    fn name(&self) -> &'static str;
}

impl Named for RopRequest<'_> {
    fn name(&self) -> &'static str {
        self.rop_id().name().unwrap_or("Rop")
    }
}

impl Named for RopResponse<'_> {
    fn name(&self) -> &'static str {
        self.rop_id().name().unwrap_or("Rop")
    }
}

/// What the request encoder checks as it goes, so that the requests decode back to
/// themselves in a buffer whose handle table has `len` entries, in `session`: every
/// handle-index field names an entry of the table, and the requests whose layout follows the
/// LogonFlags of their logon (a RopLogon earlier in the buffer, else the session's) agree with
/// them; without either the decoder cannot read them.
struct RequestCheck<'s> {
    len: usize,
    session: Option<&'s Session>,
    /// (LogonId, LogonFlags) of the RopLogon requests so far.
    logons: Vec<(u8, u8)>,
}

impl RequestCheck<'_> {
    #[inline]
    fn check(&mut self, rop: &RopRequest<'_>) -> Result<(), EncodeError> {
        if let Some((role, index)) = rop.handle_past(self.len) {
            return Err(handle_past_table(role, index, self.len));
        }
        match rop {
            RopRequest::Logon(l) => {
                self.logons.push((l.logon_id, l.logon_flags));
                Ok(())
            }
            RopRequest::SetMessageReadFlag(_) | RopRequest::WritePerUserInformation(_) => {
                self.check_logon_dependent(rop)
            }
            _ => Ok(()),
        }
    }

    #[cold]
    fn check_logon_dependent(&self, rop: &RopRequest<'_>) -> Result<(), EncodeError> {
        use super::context::LOGON_FLAG_PRIVATE;
        let private = |id: u8| {
            self.logons
                .iter()
                .rev()
                .find(|(l, _)| *l == id)
                .map(|(_, f)| *f)
                .or_else(|| self.session.and_then(|s| s.logon_flags(id)))
                .map(|f| f & LOGON_FLAG_PRIVATE != 0)
        };
        let missing = EncodeErrorKind::MissingContext {
            what: "the LogonFlags of the logon (a RopLogon earlier in the buffer, or the session)",
        };
        let bad = |what| Err(EncodeError::new(EncodeErrorKind::ContextMismatch { what }));
        match rop {
            RopRequest::SetMessageReadFlag(x) => match private(x.logon_id) {
                None => Err(EncodeError::new(missing)),
                Some(p) if x.client_data.is_some() == p => bad(
                    "RopSetMessageReadFlag: ClientData is present exactly for a public folders logon",
                ),
                Some(_) => Ok(()),
            },
            RopRequest::WritePerUserInformation(x) => {
                let wanted = match private(x.logon_id) {
                    Some(p) => p && x.data_offset == 0,
                    None if x.data_offset != 0 => false,
                    None => return Err(EncodeError::new(missing)),
                };
                if wanted != x.repl_guid.is_some() {
                    return bad("RopWritePerUserInformation: ReplGuid is present exactly when DataOffset is 0 on a private mailbox logon");
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

impl RopRequestBuffer<'_> {
    /// Writes the buffer after checking that it decodes to itself in `session`.
    fn encode_in<B: BufMut>(
        &self,
        session: Option<&Session>,
        len: Option<usize>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        let mut vet = RequestCheck {
            len: self.handles.len(),
            session,
            logons: Vec::new(),
        };
        let check = |_: usize, rop: &RopRequest<'_>| vet.check(rop);
        if self.raw.is_none() {
            return encode_buffer(out, len, &self.rops, &self.raw, &self.handles, check);
        }
        // An undecoded rest: only the decoder can tell what it reads back as.
        let len = len.unwrap_or_else(|| self.encoded_len());
        let mut bytes = Vec::with_capacity(len);
        encode_buffer(
            &mut bytes,
            Some(len),
            &self.rops,
            &self.raw,
            &self.handles,
            check,
        )?;
        let mut r = answer::reader(&bytes);
        match RopRequestBuffer::decode_in(&mut r, session) {
            Ok(back) if back.reads_as(self) => answer::put_checked(&bytes, out),
            _ => Err(answer::decodes_differently()),
        }
    }
}

/// Checked: fails unless the bytes decode ([`Decode`](crate::wire::Decode), no session) to this buffer (see
/// `EncodeWith<&Session>` for requests whose layout the session's logons give).
impl Encode for RopRequestBuffer<'_> {
    fn encoded_len(&self) -> usize {
        buffer_len(&self.rops, &self.raw, &self.handles)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode_in(None, None, out)
    }
    fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| self.encode_in(None, len, v))
    }
}

impl<'s> EncodeWith<&'s Session> for RopRequestBuffer<'_> {
    fn encoded_len_with(&self, _: &'s Session) -> usize {
        self.encoded_len()
    }
    /// Fails unless the bytes decode in `session` to this buffer.
    fn encode_with<B: BufMut>(&self, session: &'s Session, out: &mut B) -> Result<(), EncodeError> {
        self.encode_in(Some(session), None, out)
    }
    fn to_bytes_with(&self, session: &'s Session) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| {
            self.encode_in(Some(session), len, v)
        })
    }
}

impl<'s> EncodeWith<Option<&'s Session>> for RopRequestBuffer<'_> {
    fn encoded_len_with(&self, _: Option<&'s Session>) -> usize {
        self.encoded_len()
    }
    /// Fails unless the bytes decode in `session` (when there is one) to this buffer.
    fn encode_with<B: BufMut>(
        &self,
        session: Option<&'s Session>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        self.encode_in(session, None, out)
    }
    fn to_bytes_with(&self, session: Option<&'s Session>) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| self.encode_in(session, len, v))
    }
}

impl RopResponseBuffer<'_> {
    /// Writes the buffer answering `request` in `session`, after checking that it decodes
    /// against them to itself.
    fn encode_against<B: BufMut>(
        &self,
        request: &RopRequestBuffer<'_>,
        session: Option<&Session>,
        len: Option<usize>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        if !self.check_against(request, session)? {
            return self.encode_checked(len, out);
        }
        // An undecoded rest: only the decoder can tell what it reads back as.
        let len = len.unwrap_or_else(|| self.encoded_len());
        let mut bytes = Vec::with_capacity(len);
        self.encode_checked(Some(len), &mut bytes)?;
        let mut r = answer::reader(&bytes);
        match RopResponseBuffer::decode_in(&mut r, request, session) {
            Ok(back) if back.reads_as(self) => answer::put_checked(&bytes, out),
            _ => Err(answer::decodes_differently()),
        }
    }
}

impl RopResponseBuffer<'_> {
    /// What a response must be whatever it answers, checked as the response at `i` is
    /// written: its handle index names an entry of the output buffer's table (the decoder
    /// keeps a response past it undecoded), and a RopBufferTooSmall, whose RequestBuffers run
    /// to the end of RopsList, comes last.
    #[inline]
    fn check_response(&self, i: usize, rop: &RopResponse<'_>) -> Result<(), EncodeError> {
        if let Some((role, index)) = rop.handle_index() {
            if usize::from(index) >= self.handles.len() {
                return Err(handle_past_table(role, index, self.handles.len()));
            }
        } else if matches!(rop, RopResponse::BufferTooSmall(_))
            && (i + 1 < self.rops.len() || self.raw.is_some())
        {
            return Err(EncodeError::new(EncodeErrorKind::NotLast {
                what: "RopBufferTooSmall",
            }));
        }
        Ok(())
    }

    /// Writes the buffer with the checks of [`Self::check_response`].
    fn encode_checked<B: BufMut>(
        &self,
        len: Option<usize>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        let check = |i, rop: &RopResponse<'_>| self.check_response(i, rop);
        encode_buffer(out, len, &self.rops, &self.raw, &self.handles, check)
    }
}

/// The bytes `write` gives a buffer of `len` bytes (its [`buffer_len`]), the output sized
/// with it: the size is needed twice (the output's capacity, RopSize), and a buffer's ROPs are
/// walked for it once.
fn sized(
    len: usize,
    write: impl FnOnce(Option<usize>, &mut Vec<u8>) -> Result<(), EncodeError>,
) -> Result<Vec<u8>, EncodeError> {
    let mut v = Vec::with_capacity(len);
    write(Some(len), &mut v)?;
    Ok(v)
}

/// The error of a handle-index field of `role` holding `index`, past a table of `len`.
#[cold]
fn handle_past_table(role: HandleRole, index: u8, len: usize) -> EncodeError {
    EncodeError::new(EncodeErrorKind::HandleIndexPastTable {
        field: role.field_name(),
        index,
        handles: len,
    })
    .in_field(role.field_name())
}

/// Checks what needs no request (handle indexes against the table; each response's own
/// checks) and writes the undecoded rest as it is: see [`RopResponseBuffer`] for the checked
/// form, `EncodeWith` of the request buffer.
impl Encode for RopResponseBuffer<'_> {
    fn encoded_len(&self) -> usize {
        buffer_len(&self.rops, &self.raw, &self.handles)
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.encode_checked(None, out)
    }
    fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| self.encode_checked(len, v))
    }
}

impl<'r> EncodeWith<&'r RopRequestBuffer<'r>> for RopResponseBuffer<'_> {
    fn encoded_len_with(&self, _: &'r RopRequestBuffer<'r>) -> usize {
        self.encoded_len()
    }
    /// Fails unless the bytes decode against `request` to this buffer.
    fn encode_with<B: BufMut>(
        &self,
        request: &'r RopRequestBuffer<'r>,
        out: &mut B,
    ) -> Result<(), EncodeError> {
        self.encode_against(request, None, None, out)
    }
    fn to_bytes_with(&self, request: &'r RopRequestBuffer<'r>) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| {
            self.encode_against(request, None, len, v)
        })
    }
}

impl<'r> EncodeWith<(&'r RopRequestBuffer<'r>, &'r Session)> for RopResponseBuffer<'_> {
    fn encoded_len_with(&self, _: (&'r RopRequestBuffer<'r>, &'r Session)) -> usize {
        self.encoded_len()
    }
    /// Fails unless the bytes decode against `request` in `session` to this buffer.
    fn encode_with<B: BufMut>(
        &self,
        (request, session): (&'r RopRequestBuffer<'r>, &'r Session),
        out: &mut B,
    ) -> Result<(), EncodeError> {
        self.encode_against(request, Some(session), None, out)
    }
    fn to_bytes_with(
        &self,
        (request, session): (&'r RopRequestBuffer<'r>, &'r Session),
    ) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| {
            self.encode_against(request, Some(session), len, v)
        })
    }
}

impl<'r> EncodeWith<(&'r RopRequestBuffer<'r>, Option<&'r Session>)> for RopResponseBuffer<'_> {
    fn encoded_len_with(&self, _: (&'r RopRequestBuffer<'r>, Option<&'r Session>)) -> usize {
        self.encoded_len()
    }
    /// Fails unless the bytes decode against `request` (in `session`, when there is one) to
    /// this buffer.
    fn encode_with<B: BufMut>(
        &self,
        (request, session): (&'r RopRequestBuffer<'r>, Option<&'r Session>),
        out: &mut B,
    ) -> Result<(), EncodeError> {
        self.encode_against(request, session, None, out)
    }
    fn to_bytes_with(
        &self,
        (request, session): (&'r RopRequestBuffer<'r>, Option<&'r Session>),
    ) -> Result<Vec<u8>, EncodeError> {
        sized(self.encoded_len(), |len, v| {
            self.encode_against(request, session, len, v)
        })
    }
}
