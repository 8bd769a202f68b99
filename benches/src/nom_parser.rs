//! A nom 8 parser of what `rop-mix-300.bin` holds, written for `benches/parser.rs` to compare
//! a slice-shrinking (nom-style) parser with the codec's `Reader`.
//!
//! It reads the extended buffer framing, the ROP input buffer (RopSize, RopsList, the Server
//! object handle table) and the five requests of the yardstick (RopGetPropertiesSpecific,
//! RopSetColumns, RopQueryRows, RopOpenMessage, RopRelease) with the checks the codec makes
//! on them: every read bounded, RopSize at least 2, whole 4-byte handles, every handle index
//! inside the table, PropertyTagCount and the number of ROPs against `Limits::max_elements`
//! and the bytes left, ForwardRead 0 or 1, the RPC_HEADER_EXT Version, Flags and sizes. The
//! values are the codec's (its own request structs where they have no PropertyTags; the
//! PropertyTags and the handle table borrowed as `Cow::Borrowed`, as the codec keeps them), in
//! a `Vec` of elements of the codec's size, reserved the way the codec reserves RopsList.
//! Errors are nom's default `nom::error::Error` (the input at the failure and a nom
//! `ErrorKind`).
//!
//! Not implemented, because the yardstick needs none of it: the other 127 ROPs, LZ77 and
//! XorMagic payloads (refused with `ErrorKind::Fail`), the LogonFlags lookups of
//! RopSetMessageReadFlag and RopWritePerUserInformation.

use std::borrow::Cow;

use mapi_codec::data::{FolderId, GlobalCounter, MessageId};
use mapi_codec::rop::message::OpenMessageRequest;
use mapi_codec::rop::other::ReleaseRequest;
use mapi_codec::rop::table::QueryRowsRequest;
use mapi_codec::rop::{PropTags, RopRequest, RopRequestBuffer};
use mapi_codec::wire::{Bool8, Limits};
use nom::bytes::complete::take;
use nom::combinator::{map, map_opt, verify};
use nom::error::{Error, ErrorKind, ParseError};
use nom::number::complete::{le_u16, le_u8};
use nom::{IResult, Parser};

/// The error of every parser here: nom's default.
pub type NomError<'a> = Error<&'a [u8]>;

type Res<'a, T> = IResult<&'a [u8], T, NomError<'a>>;

/// RopGetPropertiesSpecific's request, as the codec's struct but with the PropertyTags as a
/// plain `Cow` of their wire bytes (the codec's `PropTags` has no borrowed constructor).
#[derive(Clone, Debug, PartialEq)]
pub struct GetPropertiesSpecific<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// PropertySizeLimit.
    pub property_size_limit: u16,
    /// WantUnicode.
    pub want_unicode: u16,
    /// PropertyTags, as their wire bytes (PropertyTagCount is their number).
    pub property_tags: Cow<'a, [u8]>,
}

/// RopSetColumns's request (see [`GetPropertiesSpecific`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SetColumns<'a> {
    /// LogonId.
    pub logon_id: u8,
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// SetColumnsFlags.
    pub set_columns_flags: u8,
    /// PropertyTags, as their wire bytes.
    pub property_tags: Cow<'a, [u8]>,
}

/// One request of the yardstick: a struct per ROP in a tuple variant, as the codec's
/// `RopRequest` holds them (so that both lists store elements of the same size); the three
/// without PropertyTags are the codec's own structs.
#[derive(Clone, Debug, PartialEq)]
pub enum Rop<'a> {
    /// RopGetPropertiesSpecific (0x07).
    GetPropertiesSpecific(GetPropertiesSpecific<'a>),
    /// RopSetColumns (0x12).
    SetColumns(SetColumns<'a>),
    /// RopQueryRows (0x15).
    QueryRows(QueryRowsRequest),
    /// RopOpenMessage (0x03).
    OpenMessage(OpenMessageRequest),
    /// RopRelease (0x01).
    Release(ReleaseRequest),
}

/// A ROP input buffer: the requests and the Server object handle table.
#[derive(Clone, Debug, PartialEq)]
pub struct RopBuffer<'a> {
    /// RopsList.
    pub rops: Vec<Rop<'a>>,
    /// ServerObjectHandleTable, as its wire bytes.
    pub handles: Cow<'a, [u8]>,
}

/// One extended buffer (uncompressed, not obfuscated).
#[derive(Clone, Debug, PartialEq)]
pub struct ExtBuffer<'a> {
    /// Version.
    pub version: u16,
    /// Flags.
    pub flags: u16,
    /// Size.
    pub size: u16,
    /// SizeActual.
    pub size_actual: u16,
    /// The Size bytes after the header.
    pub wire: Cow<'a, [u8]>,
    /// The payload (the same bytes).
    pub payload: Cow<'a, [u8]>,
}

const COMPRESSED: u16 = 0x0001;
const XOR_MAGIC: u16 = 0x0002;
const LAST: u16 = 0x0004;
/// The largest payload of one extended buffer.
const MAX_PAYLOAD: usize = 0x8000;

#[cold]
fn fail<T>(at: &[u8], kind: ErrorKind) -> Res<'_, T> {
    Err(nom::Err::Error(NomError::from_error_kind(at, kind)))
}

/// A handle index must name an entry of a table of `handles` entries.
#[inline(always)]
fn handle(rop: &[u8], index: u8, handles: usize) -> Result<(), nom::Err<NomError<'_>>> {
    if usize::from(index) < handles {
        Ok(())
    } else {
        Err(nom::Err::Error(NomError::from_error_kind(
            rop,
            ErrorKind::Verify,
        )))
    }
}

/// PropertyTagCount and the tags: the count against the limit, its bytes against the input.
#[inline(always)]
fn prop_tags(i: &[u8], max_elements: u32) -> Res<'_, Cow<'_, [u8]>> {
    let (i, n) = verify(le_u16, |&n| u32::from(n) <= max_elements).parse(i)?;
    let (i, tags) = take(4 * usize::from(n)).parse(i)?;
    Ok((i, Cow::Borrowed(tags)))
}

/// A Boolean byte that must be 0 or 1.
#[inline(always)]
fn bool8(i: &[u8]) -> Res<'_, Bool8> {
    map(le_u8, Bool8).parse(i)
}

/// A Folder ID or Message ID: ReplicaId, then the 6 bytes of GlobalCounter.
#[inline(always)]
fn short_id(i: &[u8]) -> Res<'_, (u16, GlobalCounter)> {
    (
        le_u16,
        map_opt(take(6usize), |b: &[u8]| {
            b.try_into().ok().map(GlobalCounter)
        }),
    )
        .parse(i)
}

/// One request, RopId first, its handle indexes checked against a table of `handles`.
#[inline(always)]
fn rop(input: &[u8], handles: usize, max_elements: u32) -> Res<'_, Rop<'_>> {
    let (i, id) = le_u8(input)?;
    match id {
        0x07 => {
            let (i, (logon_id, input_handle_index, property_size_limit, want_unicode)) =
                (le_u8, le_u8, le_u16, le_u16).parse(i)?;
            let (i, property_tags) = prop_tags(i, max_elements)?;
            handle(input, input_handle_index, handles)?;
            let rop = Rop::GetPropertiesSpecific(GetPropertiesSpecific {
                logon_id,
                input_handle_index,
                property_size_limit,
                want_unicode,
                property_tags,
            });
            Ok((i, rop))
        }
        0x12 => {
            let (i, (logon_id, input_handle_index, set_columns_flags)) =
                (le_u8, le_u8, le_u8).parse(i)?;
            let (i, property_tags) = prop_tags(i, max_elements)?;
            handle(input, input_handle_index, handles)?;
            let rop = Rop::SetColumns(SetColumns {
                logon_id,
                input_handle_index,
                set_columns_flags,
                property_tags,
            });
            Ok((i, rop))
        }
        0x15 => {
            let (i, (logon_id, input_handle_index, query_rows_flags, forward_read, row_count)) =
                (le_u8, le_u8, le_u8, bool8, le_u16).parse(i)?;
            handle(input, input_handle_index, handles)?;
            let rop = Rop::QueryRows(QueryRowsRequest {
                logon_id,
                input_handle_index,
                query_rows_flags,
                forward_read,
                row_count,
            });
            Ok((i, rop))
        }
        0x03 => {
            let (i, (logon_id, input_handle_index, output_handle_index, code_page_id)) =
                (le_u8, le_u8, le_u8, le_u16).parse(i)?;
            let (i, ((fr, fg), open_mode_flags, (mr, mg))) =
                (short_id, le_u8, short_id).parse(i)?;
            handle(input, input_handle_index, handles)?;
            handle(input, output_handle_index, handles)?;
            let rop = Rop::OpenMessage(OpenMessageRequest {
                logon_id,
                input_handle_index,
                output_handle_index,
                code_page_id,
                folder_id: FolderId {
                    replica_id: fr,
                    global_counter: fg,
                },
                open_mode_flags,
                message_id: MessageId {
                    replica_id: mr,
                    global_counter: mg,
                },
            });
            Ok((i, rop))
        }
        0x01 => {
            let (i, (logon_id, input_handle_index)) = (le_u8, le_u8).parse(i)?;
            handle(input, input_handle_index, handles)?;
            let rop = Rop::Release(ReleaseRequest {
                logon_id,
                input_handle_index,
            });
            Ok((i, rop))
        }
        _ => fail(input, ErrorKind::Switch),
    }
}

/// A ROP input buffer; like the codec's, it takes the whole input (the handle table runs to
/// its end).
pub fn rop_buffer<'a>(input: &'a [u8], limits: &Limits) -> Res<'a, RopBuffer<'a>> {
    let max = limits.max_elements;
    let (i, rop_size) = verify(le_u16, |&n| n >= 2).parse(input)?;
    let (table, mut list) = take(usize::from(rop_size) - 2).parse(i)?;
    let whole = table.len() - table.len() % 4;
    if whole != table.len() {
        return fail(&table[whole..], ErrorKind::Eof);
    }
    let handles = table.len() / 4;
    let mut rops = Vec::with_capacity((list.len() / 16).min(1024));
    while !list.is_empty() {
        if rops.len() >= max as usize {
            return fail(list, ErrorKind::TooLarge);
        }
        let (rest, r) = rop(list, handles, max)?;
        rops.push(r);
        list = rest;
    }
    Ok((
        &table[table.len()..],
        RopBuffer {
            rops,
            handles: Cow::Borrowed(table),
        },
    ))
}

/// One extended buffer: RPC_HEADER_EXT (Version 0, known Flags, SizeActual within 32 KB and
/// equal to Size), then Size bytes.
fn ext_buffer(input: &[u8]) -> Res<'_, ExtBuffer<'_>> {
    let (i, (version, flags, size, size_actual)) = (
        verify(le_u16, |&v| v == 0),
        verify(le_u16, |&f| f & !(COMPRESSED | XOR_MAGIC | LAST) == 0),
        le_u16,
        le_u16,
    )
        .parse(input)?;
    if usize::from(size_actual) > MAX_PAYLOAD {
        return fail(input, ErrorKind::TooLarge);
    }
    if flags & (COMPRESSED | XOR_MAGIC) != 0 {
        return fail(input, ErrorKind::Fail);
    }
    if size != size_actual {
        return fail(input, ErrorKind::Verify);
    }
    let (i, wire) = take(usize::from(size)).parse(i)?;
    Ok((
        i,
        ExtBuffer {
            version,
            flags,
            size,
            size_actual,
            wire: Cow::Borrowed(wire),
            payload: Cow::Borrowed(wire),
        },
    ))
}

/// An extended buffer chain: buffers up to the one flagged Last.
pub fn ext_chain(mut input: &[u8]) -> Res<'_, Vec<ExtBuffer<'_>>> {
    let mut buffers = Vec::new();
    loop {
        if input.is_empty() {
            return fail(input, ErrorKind::Eof);
        }
        let (rest, b) = ext_buffer(input)?;
        let last = b.flags & LAST != 0;
        buffers.push(b);
        input = rest;
        if last {
            return Ok((input, buffers));
        }
    }
}

/// The whole of `rop-mix-300.bin` as the benchmark reads it with the codec: the chain (which
/// must fill the input), then the ROP buffer of its first payload; returns the ROP count.
pub fn rgbin_rop_count(input: &[u8], limits: &Limits) -> Result<usize, String> {
    let (rest, chain) = ext_chain(input).map_err(|e| format!("{e:?}"))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes after the chain", rest.len()));
    }
    let (_, buf) = rop_buffer(&chain[0].payload, limits).map_err(|e| e.to_string())?;
    Ok(buf.rops.len())
}

/// Whether the codec's request `c` and the nom parser's `n` hold the same values.
pub fn same_rop(c: &RopRequest<'_>, n: &Rop<'_>) -> bool {
    let tags = |t: &PropTags<'_>, b: &[u8]| {
        t.len() * 4 == b.len()
            && t.iter()
                .zip(b.chunks_exact(4))
                .all(|(t, b)| t.0.to_le_bytes() == b)
    };
    match (c, n) {
        (RopRequest::GetPropertiesSpecific(c), Rop::GetPropertiesSpecific(n)) => {
            c.logon_id == n.logon_id
                && c.input_handle_index == n.input_handle_index
                && c.property_size_limit == n.property_size_limit
                && c.want_unicode == n.want_unicode
                && tags(&c.property_tags, &n.property_tags)
        }
        (RopRequest::SetColumns(c), Rop::SetColumns(n)) => {
            c.logon_id == n.logon_id
                && c.input_handle_index == n.input_handle_index
                && c.set_columns_flags == n.set_columns_flags
                && tags(&c.property_tags, &n.property_tags)
        }
        (RopRequest::QueryRows(c), Rop::QueryRows(n)) => c == n,
        (RopRequest::OpenMessage(c), Rop::OpenMessage(n)) => c == n,
        (RopRequest::Release(c), Rop::Release(n)) => c == n,
        _ => false,
    }
}

/// Whether the codec's decoded buffer and the nom parser's hold the same requests and
/// handles.
pub fn same_buffer(c: &RopRequestBuffer<'_>, n: &RopBuffer<'_>) -> bool {
    c.raw.is_none()
        && c.rops.len() == n.rops.len()
        && c.rops.iter().zip(&n.rops).all(|(c, n)| same_rop(c, n))
        && c.handles.0 == n.handles
}
