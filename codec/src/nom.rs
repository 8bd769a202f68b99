//! nom-compatible entry points (feature `nom`): the codec's decoders as nom 8 parsers, for
//! applications whose dissectors are written with nom.
//!
//! Every entry point is a parser `&'a [u8] -> IResult<&'a [u8], T, Error<'a>>` that reads one
//! value with the codec's own decoder and hands back the bytes after it, so it composes with
//! nom's combinators like any other parser:
//!
//! - [`decode`] and [`decode_with`] adapt any [`Decode`] or [`DecodeWith`] type (every body of
//!   the EMSMDB and NSPI endpoints included: `decode::<ConnectRequest>`,
//!   `decode::<NspiResponse<QueryRowsResponse>>`); [`decode_limited`] and
//!   [`decode_with_limited`] take [`Limits`] other than the defaults;
//! - named parsers for the top-level kinds: [`restriction`] and [`restriction4`] (2- and
//!   4-byte counts), [`property_row`] (given its columns), [`rop_request`],
//!   [`rop_request_buffer`], [`rop_response_buffer`] (given its request),
//!   [`extended_buffer_chain`], [`execute_request`] and [`execute_response`].
//!
//! The parsers are *complete* parsers: the input is everything there is, and a value cut short
//! is an [`Err::Error`] whose [`DecodeError`] says
//! [`Truncated`](crate::wire::ErrorKind::Truncated), never an [`Err::Incomplete`]. Any value
//! that does not decode is an `Err::Error`, so `alt` may try another branch (wrap the entry
//! point in `nom::combinator::cut` to stop there).
//!
//! # Errors and offsets
//!
//! [`Error`] carries the codec's [`DecodeError`] (kind, offset, field path) unchanged; nom's
//! own failures (a `tag` that did not match, `le_u16` at the end of the input) and the
//! errors of `map_res` closures are kept beside it, with the `context` names around them.
//!
//! A nom parser only sees what is left of its input, so an entry point called in the middle
//! of a larger parse cannot know where the outer input started: the [`DecodeError`] offset is
//! counted from the start of the input *the entry point was given* ([`Error::input`]), as if
//! the value had been decoded on its own. Like nom's own errors, [`Error`] keeps that input
//! slice, so whoever holds the outer input turns the failure into an offset from the outer
//! start with [`Error::offset_in`] (or a [`DecodeError`] counted from there with
//! [`Error::to_decode_error`]). This keeps every entry point a plain
//! `fn(&[u8]) -> IResult<..>` that needs no setup, and the conversion exact wherever the entry
//! point sits in the outer input.
//!
//! # Example
//!
//! A made-up record: a one-byte count, then that many restrictions with 2-byte counts, then a
//! 2-byte length and a ROP request buffer of that length.
//!
//! ```
//! use mapi_codec::data::{PropTag, Restriction};
//! use mapi_codec::nom::{restriction, rop_request_buffer, Error};
//! use nom::multi::{count, length_value};
//! use nom::number::complete::{le_u16, le_u8};
//! use nom::{IResult, Parser};
//!
//! fn record(input: &[u8]) -> IResult<&[u8], (Vec<Restriction<'_>>, usize), Error<'_>> {
//!     let (input, n) = le_u8(input)?;
//!     let (input, restrictions) = count(restriction, n.into()).parse(input)?;
//!     let (input, rops) = length_value(le_u16, rop_request_buffer).parse(input)?;
//!     Ok((input, (restrictions, rops.rops.len())))
//! }
//!
//! // Two ExistRestrictions, then a ROP buffer: RopSize, one RopRelease, one handle.
//! let bytes = [
//!     0x02, // the count
//!     0x08, 0x1F, 0x00, 0x01, 0x30, // Exist on PidTagDisplayName
//!     0x08, 0x1F, 0x00, 0x37, 0x00, // Exist on PidTagSubject
//!     0x09, 0x00, // the length of the ROP buffer
//!     0x05, 0x00, 0x01, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12,
//! ];
//! let (rest, (restrictions, rops)) = record(&bytes).unwrap();
//! assert!(rest.is_empty());
//! assert_eq!(restrictions[1], Restriction::Exist { prop_tag: PropTag::SUBJECT });
//! assert_eq!(rops, 1);
//!
//! // The second restriction claims an And of 5 with nothing after it.
//! let bad = [0x02, 0x08, 0x1F, 0x00, 0x01, 0x30, 0x00, 0x05, 0x00];
//! let nom::Err::Error(e) = record(&bad).unwrap_err() else { panic!() };
//! let d = e.decode_error().unwrap();
//! assert_eq!(d.offset(), 1); // from the start of that restriction
//! assert_eq!(d.path_string(), "RestrictCount");
//! assert_eq!(e.offset_in(&bad), Some(7)); // from the start of the record
//! ```

use core::fmt;

use ::nom::error::{ContextError, ErrorKind as NomErrorKind, FromExternalError, ParseError};
use ::nom::{Err, IResult};

use crate::data::{PropTags, PropertyRow, Restriction};
use crate::http::emsmdb::{ExecuteRequest, ExecuteResponse};
use crate::rop::{RequestCtx, RopRequest, RopRequestBuffer, RopResponseBuffer};
use crate::rpc::ext::ExtendedBufferChain;
use crate::wire::{CountWidth, Decode, DecodeError, DecodeWith, Limits, Reader};

/// What went wrong in a parser that returned an [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Cause {
    /// A codec decoder refused the bytes; its offset counts from [`Error::input`].
    Decode(DecodeError),
    /// A nom parser failed at [`Error::input`].
    Nom(NomErrorKind),
    /// The function of a `map_res` (or another parser that reports an outside error) failed;
    /// [`Error::input`] is where that parser started.
    External {
        /// The nom parser that reported it (`MapRes` for `map_res`).
        kind: NomErrorKind,
        /// The function's error.
        error: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// The error type of the entry points: a nom [`ParseError`] that carries the codec's
/// [`DecodeError`] (kind, offset, field path) and where in the input it happened.
pub struct Error<'a> {
    /// For [`Cause::Decode`], the input the entry point was given; otherwise nom's position.
    input: &'a [u8],
    cause: Cause,
    /// Names given by `nom::error::context`, innermost first.
    contexts: Vec<&'static str>,
}

impl<'a> Error<'a> {
    /// A codec error raised by an entry point given `input`.
    #[cold]
    pub fn from_decode(input: &'a [u8], error: DecodeError) -> Self {
        Error {
            input,
            cause: Cause::Decode(error),
            contexts: Vec::new(),
        }
    }

    /// What went wrong.
    pub fn cause(&self) -> &Cause {
        &self.cause
    }

    /// The codec's error, when a codec decoder failed: its offset counts from the start of
    /// [`Error::input`], its path is the codec's field path (the `context` names are in
    /// [`Error::contexts`]).
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match &self.cause {
            Cause::Decode(e) => Some(e),
            _ => None,
        }
    }

    /// nom's error kind, when a nom parser failed.
    pub fn nom_kind(&self) -> Option<NomErrorKind> {
        match &self.cause {
            Cause::Decode(_) => None,
            Cause::Nom(kind) | Cause::External { kind, .. } => Some(*kind),
        }
    }

    /// The input the failing parser was given: for a codec error, where the entry point
    /// started (the [`DecodeError`] offset counts from there); for a nom error, nom's position.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The names of the `nom::error::context` parsers the error went through, outermost first.
    pub fn contexts(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.contexts.iter().rev().copied()
    }

    /// The `context` names and then the codec's field path, joined with dots:
    /// `Record.Filter.Restricts[1].RestrictCount`.
    pub fn path_string(&self) -> String {
        let mut parts: Vec<String> = self.contexts().map(str::to_string).collect();
        if let Some(e) = self.decode_error() {
            let path = e.path_string();
            if !path.is_empty() {
                parts.push(path);
            }
        }
        parts.join(".").replace(".[", "[")
    }

    /// The failure's byte offset from the start of `outer`, the input of the whole parse
    /// (which must contain [`Error::input`]): for a codec error, where the entry point started
    /// plus the [`DecodeError`] offset. `None` when [`Error::input`] is not part of `outer`.
    pub fn offset_in(&self, outer: &[u8]) -> Option<usize> {
        let start = start_in(outer, self.input)?;
        Some(start + self.decode_error().map_or(0, DecodeError::offset))
    }

    /// The codec's error with its offset counted from the start of `outer` (see
    /// [`Error::offset_in`]) and the `context` names in front of its path. `None` for errors of
    /// nom parsers, and when [`Error::input`] is not part of `outer`.
    pub fn to_decode_error(&self, outer: &[u8]) -> Option<DecodeError> {
        let start = start_in(outer, self.input)?;
        let mut e = self.decode_error()?.clone().shifted(start);
        for name in &self.contexts {
            e = e.in_field(name);
        }
        Some(e)
    }

    /// The address of the byte where the failure is, to compare how far two errors got.
    fn position(&self) -> usize {
        (self.input.as_ptr() as usize).saturating_add(self.decode_error().map_or(0, |e| e.offset()))
    }
}

/// Where `inner` starts in `outer`, when it lies inside it (compared by address).
fn start_in(outer: &[u8], inner: &[u8]) -> Option<usize> {
    let o = outer.as_ptr() as usize;
    let i = inner.as_ptr() as usize;
    let start = i.checked_sub(o)?;
    (start.checked_add(inner.len())? <= outer.len()).then_some(start)
}

impl fmt::Debug for Error<'_> {
    /// The cause and the path, and how many bytes the failing parser was given (not the bytes
    /// themselves, which may be megabytes).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("cause", &self.cause)
            .field("input_len", &self.input.len())
            .field("contexts", &self.contexts().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Display for Error<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Cause::Decode(e) => write!(f, "{e} (from the start of the value)")?,
            Cause::Nom(kind) => write!(f, "nom {} failed", kind.description())?,
            Cause::External { kind, error } => write!(f, "nom {}: {error}", kind.description())?,
        }
        if !self.contexts.is_empty() {
            let names: Vec<&str> = self.contexts().collect();
            write!(f, " in {}", names.join(" > "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            Cause::Decode(e) => Some(e),
            Cause::External { error, .. } => Some(error.as_ref()),
            Cause::Nom(_) => None,
        }
    }
}

impl<'a> ParseError<&'a [u8]> for Error<'a> {
    fn from_error_kind(input: &'a [u8], kind: NomErrorKind) -> Self {
        Error {
            input,
            cause: Cause::Nom(kind),
            contexts: Vec::new(),
        }
    }

    /// Keeps the inner error: it says what failed; the outer combinators add nothing a reader
    /// of the error needs (`context` is the way to name them).
    fn append(_: &'a [u8], _: NomErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed `alt` branches, keeps the one that got further into the input (a codec
    /// error counts its offset); the later branch on a tie.
    fn or(self, other: Self) -> Self {
        if self.position() > other.position() {
            self
        } else {
            other
        }
    }
}

/// `nom::error::context` names are kept, and shown in front of the field path by
/// [`Error::path_string`] and [`Error::to_decode_error`].
impl<'a> ContextError<&'a [u8]> for Error<'a> {
    fn add_context(_: &'a [u8], name: &'static str, mut other: Self) -> Self {
        other.contexts.push(name);
        other
    }
}

/// The error of a `map_res` function (any `std::error::Error + Send + Sync`) is kept as
/// [`Cause::External`], at the input `map_res` was given.
impl<'a, E> FromExternalError<&'a [u8], E> for Error<'a>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn from_external_error(input: &'a [u8], kind: NomErrorKind, e: E) -> Self {
        Error {
            input,
            cause: Cause::External {
                kind,
                error: Box::new(e),
            },
            contexts: Vec::new(),
        }
    }
}

/// The result of every entry point.
pub type NomResult<'a, T> = IResult<&'a [u8], T, Error<'a>>;

/// Runs a codec decoder over `input` with `limits` and returns it nom's way.
#[inline]
fn run<'a, T>(
    input: &'a [u8],
    limits: Limits,
    f: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> NomResult<'a, T> {
    let mut r = Reader::with_limits(input, limits);
    match f(&mut r) {
        Ok(v) => Ok((r.rest(), v)),
        Err(e) => Err(Err::Error(Error::from_decode(input, e))),
    }
}

/// Any [`Decode`] type as a nom parser, with the default [`Limits`]:
/// `decode::<PropertyName>` is a parser of a PropertyName.
///
/// ```
/// use mapi_codec::data::FolderId;
/// use mapi_codec::nom::decode;
/// use nom::multi::count;
/// use nom::Parser;
///
/// let bytes = [1, 0, 0, 0, 0, 0, 0, 7, 1, 0, 0, 0, 0, 0, 0, 9];
/// let (_, ids) = count(decode::<FolderId>, 2).parse(&bytes[..]).unwrap();
/// assert_eq!(ids[1].global_counter.value(), 9);
/// ```
pub fn decode<'a, T: Decode<'a>>(input: &'a [u8]) -> NomResult<'a, T> {
    run(input, Limits::DEFAULT, T::decode_from)
}

/// Any [`Decode`] type as a nom parser, with `limits`.
pub fn decode_limited<'a, T: Decode<'a>>(
    limits: Limits,
) -> impl FnMut(&'a [u8]) -> NomResult<'a, T> {
    move |input| run(input, limits, T::decode_from)
}

/// Any [`DecodeWith`] type as a nom parser given its context `ctx` (a count width, column
/// tags, ...), with the default [`Limits`].
///
/// ```
/// use mapi_codec::data::{PropTag, PropertyTagArray};
/// use mapi_codec::nom::decode_with;
/// use mapi_codec::wire::CountWidth;
/// use nom::Parser;
///
/// // A PropertyTagArray with a 4-byte count, as NSPI bodies carry it.
/// let bytes = [1, 0, 0, 0, 0x1F, 0x00, 0x01, 0x30];
/// let mut tags = decode_with::<PropertyTagArray, _>(CountWidth::U32);
/// let (rest, t) = tags.parse(&bytes[..]).unwrap();
/// assert!(rest.is_empty());
/// assert_eq!(t.tags, [PropTag::DISPLAY_NAME]);
/// ```
pub fn decode_with<'a, T, C>(ctx: C) -> impl FnMut(&'a [u8]) -> NomResult<'a, T>
where
    T: DecodeWith<'a, C>,
    C: Clone,
{
    decode_with_limited(ctx, Limits::DEFAULT)
}

/// Any [`DecodeWith`] type as a nom parser given its context `ctx`, with `limits`.
pub fn decode_with_limited<'a, T, C>(
    ctx: C,
    limits: Limits,
) -> impl FnMut(&'a [u8]) -> NomResult<'a, T>
where
    T: DecodeWith<'a, C>,
    C: Clone,
{
    move |input| run(input, limits, |r| T::decode_with_from(r, ctx.clone()))
}

/// [MS-OXCDATA] 2.12 a restriction with the 2-byte counts of ROP buffers.
pub fn restriction(input: &[u8]) -> NomResult<'_, Restriction<'_>> {
    run(input, Limits::DEFAULT, |r| {
        Restriction::decode_with_from(r, CountWidth::U16)
    })
}

/// [MS-OXCDATA] 2.12 a restriction with the 4-byte counts of extended rules and NSPI bodies.
pub fn restriction4(input: &[u8]) -> NomResult<'_, Restriction<'_>> {
    run(input, Limits::DEFAULT, |r| {
        Restriction::decode_with_from(r, CountWidth::U32)
    })
}

/// [MS-OXCDATA] 2.8.1 a PropertyRow of the given column tags, with the 2-byte counts of ROP
/// buffers (the row keeps its cells' bytes and shares the columns: no allocation).
pub fn property_row<'a, 'c>(
    columns: &'c PropTags<'a>,
) -> impl FnMut(&'a [u8]) -> NomResult<'a, PropertyRow<'a>> + 'c {
    move |input| {
        run(input, Limits::DEFAULT, |r| {
            PropertyRow::decode_with_from(r, (columns, CountWidth::U16))
        })
    }
}

/// [MS-OXCROPS] 2.2 one ROP request, RopId first, without the buffer around it, given what
/// is known of its logon (`RequestCtx::default()`: nothing; the two requests whose layout
/// depends on the LogonFlags then fail with a missing-context error).
pub fn rop_request<'a>(ctx: RequestCtx) -> impl FnMut(&'a [u8]) -> NomResult<'a, RopRequest<'a>> {
    decode_with(ctx)
}

/// [MS-OXCROPS] 2.2.1 a ROP input buffer: RopSize, the requests and the Server object handle
/// table. The handle table runs to the end of the input, so the parser takes all of it: give
/// it exactly the buffer (`nom::multi::length_value`, `nom::combinator::map_parser`).
pub fn rop_request_buffer(input: &[u8]) -> NomResult<'_, RopRequestBuffer<'_>> {
    decode(input)
}

/// [MS-OXCROPS] 2.2.1 a ROP output buffer decoded against the `request` buffer it answers.
/// Like [`rop_request_buffer`] it takes the whole input.
pub fn rop_response_buffer<'a, 'r>(
    request: &'r RopRequestBuffer<'a>,
) -> impl FnMut(&'a [u8]) -> NomResult<'a, RopResponseBuffer<'a>> + 'r {
    move |input| {
        let limits = Limits::DEFAULT;
        match RopResponseBuffer::decode_with_exact(input, request, limits) {
            Ok(v) => Ok((&input[input.len()..], v)),
            Err(e) => Err(Err::Error(Error::from_decode(input, e))),
        }
    }
}

/// [MS-OXCRPC] 2.2.2.2 an extended buffer chain: buffers up to the one flagged Last, each
/// payload de-obfuscated and decompressed.
pub fn extended_buffer_chain(input: &[u8]) -> NomResult<'_, ExtendedBufferChain<'_>> {
    decode(input)
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.1 an Execute request body (its ROP buffer stays an extended buffer
/// chain: [`ExecuteRequest::rop_request_buffers`] decodes the ROPs).
pub fn execute_request(input: &[u8]) -> NomResult<'_, ExecuteRequest<'_>> {
    decode(input)
}

/// [MS-OXCMAPIHTTP] 2.2.4.2.2 an Execute response body.
pub fn execute_response(input: &[u8]) -> NomResult<'_, ExecuteResponse<'_>> {
    decode(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_in_needs_the_inner_slice_inside_the_outer_one() {
        let outer = [0u8; 8];
        assert_eq!(start_in(&outer, &outer[3..]), Some(3));
        assert_eq!(start_in(&outer, &outer[8..]), Some(8));
        assert_eq!(start_in(&outer[2..], &outer[..4]), None);
        let other = [0u8; 2];
        assert_eq!(start_in(&outer, &other), None);
    }
}
