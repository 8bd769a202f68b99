//! [MS-OXCFXICS] 2.2.2: the structures of ICS state properties. XID and SizedXid (2.2.2.2),
//! the PredecessorChangeList (2.2.2.3), IDSETs in their REPLID and REPLGUID forms (2.2.2.4),
//! and the GLOBSET command stream (2.2.2.6) that compresses a set of GLOBCNT ranges.
//!
//! A GLOBSET is kept as the commands read from the wire (so encoding gives the same bytes
//! back) together with the GLOBCNT ranges they generate. [`Globset::from_ranges`] builds the
//! commands for a set of ranges.

use std::borrow::Cow;

use bytes::BufMut;

use crate::data::GlobalCounter;
use crate::tree::{ToTree, Tree};
use crate::wire::{
    ensure_room, u8_len, wire_struct, Decode, DecodeError, DecodeWith, Encode, EncodeError, Guid,
    Reader, ResultExt,
};

/// The GLOBSET command bytes ([MS-OXCFXICS] 2.2.2.6.1 to 2.2.2.6.5).
mod cmd {
    pub(super) const END: u8 = 0x00;
    pub(super) const BITMASK: u8 = 0x42;
    pub(super) const POP: u8 = 0x50;
    pub(super) const RANGE: u8 = 0x52;
}

/// A GLOBCNT is 6 bytes: the common byte stack never holds more.
const GLOBCNT_LEN: usize = 6;

/// [MS-OXCFXICS] 2.2.2.5: a range of GLOBCNT values, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct GlobcntRange {
    /// The lowest value.
    pub low: GlobalCounter,
    /// The highest value.
    pub high: GlobalCounter,
}

impl ToTree for GlobcntRange {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Low", self.low.to_tree())
            .field("High", self.high.to_tree())
    }
}

/// One command of a GLOBSET ([MS-OXCFXICS] 2.2.2.6). The End command (0x00) closes every
/// GLOBSET and is not kept in the list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all_fields = "PascalCase")
)]
pub enum GlobsetCommand {
    /// 2.2.2.6.1 Push (command 0x01 to 0x06, the number of bytes): high-order bytes pushed on
    /// the common byte stack. When the stack then holds 6 bytes they are one GLOBCNT (a
    /// range of one value) and are popped again at once.
    Push(#[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex_vec"))] Vec<u8>),
    /// 2.2.2.6.2 Pop (0x50): removes the bytes of the last Push.
    Pop,
    /// 2.2.2.6.3 Bitmask (0x42), with 5 bytes on the stack: StartingValue is the low byte of
    /// the first value; bit `i` of Bitmask adds the value StartingValue + 1 + `i`.
    Bitmask {
        /// StartingValue.
        starting_value: u8,
        /// Bitmask.
        bitmask: u8,
    },
    /// 2.2.2.6.4 Range (0x52): LowValue and HighValue, each 6 minus the stack's size bytes.
    Range {
        /// LowValue.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex_vec"))]
        low: Vec<u8>,
        /// HighValue.
        #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex_vec"))]
        high: Vec<u8>,
    },
}

impl ToTree for GlobsetCommand {
    fn to_tree(&self) -> Tree {
        match self {
            GlobsetCommand::Push(b) => Tree::record()
                .field("Command", Tree::Text(format!("Push (0x{:02X})", b.len())))
                .field("CommonBytes", Tree::Bytes(b.clone())),
            GlobsetCommand::Pop => Tree::record().field("Command", Tree::Text("Pop (0x50)".into())),
            GlobsetCommand::Bitmask {
                starting_value,
                bitmask,
            } => Tree::record()
                .field("Command", Tree::Text("Bitmask (0x42)".into()))
                .field("StartingValue", Tree::Hex((*starting_value).into()))
                .field("Bitmask", Tree::Hex((*bitmask).into())),
            GlobsetCommand::Range { low, high } => Tree::record()
                .field("Command", Tree::Text("Range (0x52)".into()))
                .field("LowValue", Tree::Bytes(low.clone()))
                .field("HighValue", Tree::Bytes(high.clone())),
        }
    }
}

/// [MS-OXCFXICS] 2.2.2.6 GLOBSET: a set of GLOBCNT ranges as a stream of commands ending in
/// End (0x00). The commands are kept as read; [`Globset::ranges`] gives the ranges they make.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Globset {
    commands: Vec<GlobsetCommand>,
    ranges: Vec<GlobcntRange>,
}

/// An arbitrary GLOBSET is one built the checked way: from arbitrary commands when the
/// decoder accepts them, else from arbitrary ranges (each put in order), so that fuzzing never
/// holds a command list the decoder refuses or ranges its commands do not make.
#[cfg(feature = "arbitrary")]
impl<'u> arbitrary::Arbitrary<'u> for Globset {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        if u.arbitrary::<bool>()? {
            if let Ok(g) = Globset::from_commands(u.arbitrary()?) {
                return Ok(g);
            }
        }
        let mut ranges: Vec<GlobcntRange> = u.arbitrary()?;
        for r in &mut ranges {
            if r.low > r.high {
                std::mem::swap(&mut r.low, &mut r.high);
            }
        }
        Globset::from_ranges(&ranges).map_err(|_| arbitrary::Error::IncorrectFormat)
    }
}

/// The common byte stack of 3.1.5.4.3.2 while a GLOBSET is read: the bytes, and the size of
/// each Push still on it. Its size is bounded by the 6 bytes of a GLOBCNT.
#[derive(Default)]
struct Stack {
    bytes: Vec<u8>,
    pushes: Vec<usize>,
}

impl Stack {
    /// `tail` after the stacked bytes, as a GLOBCNT (`tail` fills it to 6 bytes).
    fn globcnt(&self, tail: &[u8]) -> GlobalCounter {
        let mut g = [0u8; GLOBCNT_LEN];
        let n = self.bytes.len();
        g[..n].copy_from_slice(&self.bytes);
        g[n..].copy_from_slice(tail);
        GlobalCounter(g)
    }
}

fn invalid(r: &Reader<'_>, at: usize, what: &'static str, v: u64) -> DecodeError {
    r.invalid_at(at, what, v)
}

/// The ranges a Bitmask command adds: StartingValue and every value whose bit is set, joined
/// into runs of consecutive values.
fn bitmask_ranges(stack: &Stack, start: u8, mask: u8, out: &mut Vec<GlobcntRange>) -> bool {
    let mut run: Option<(u16, u16)> = Some((start.into(), start.into()));
    for i in 0..8u16 {
        let v = u16::from(start) + 1 + i;
        if mask & (1 << i) == 0 {
            if let Some((lo, hi)) = run.take() {
                push_run(stack, lo, hi, out);
            }
            continue;
        }
        if v > 0xFF {
            return false;
        }
        run = Some(match run {
            Some((lo, _)) => (lo, v),
            None => (v, v),
        });
    }
    if let Some((lo, hi)) = run {
        push_run(stack, lo, hi, out);
    }
    true
}

fn push_run(stack: &Stack, lo: u16, hi: u16, out: &mut Vec<GlobcntRange>) {
    // lo and hi are at most 0xFF (checked by the caller).
    let lo = u8::try_from(lo).unwrap_or(u8::MAX);
    let hi = u8::try_from(hi).unwrap_or(u8::MAX);
    out.push(GlobcntRange {
        low: stack.globcnt(&[lo]),
        high: stack.globcnt(&[hi]),
    });
}

impl Globset {
    /// The commands, without the final End.
    pub fn commands(&self) -> &[GlobsetCommand] {
        &self.commands
    }

    /// The GLOBCNT ranges the commands generate, in command order.
    pub fn ranges(&self) -> &[GlobcntRange] {
        &self.ranges
    }

    /// The commands of `ranges`: for each range, a Push of the bytes its ends share, a Range
    /// of the rest and a Pop (a singleton is one 6-byte Push). Fails when a range's low end
    /// is above its high end.
    pub fn from_ranges(ranges: &[GlobcntRange]) -> Result<Globset, EncodeError> {
        let mut commands = Vec::new();
        for r in ranges {
            if r.low > r.high {
                return Err(EncodeError::invalid(
                    "GLOBCNT range with LowValue above HighValue",
                ));
            }
            let common = r
                .low
                .0
                .iter()
                .zip(r.high.0.iter())
                .take_while(|(a, b)| a == b)
                .count();
            if common == GLOBCNT_LEN {
                commands.push(GlobsetCommand::Push(r.low.0.to_vec()));
                continue;
            }
            if common > 0 {
                commands.push(GlobsetCommand::Push(r.low.0[..common].to_vec()));
            }
            commands.push(GlobsetCommand::Range {
                low: r.low.0[common..].to_vec(),
                high: r.high.0[common..].to_vec(),
            });
            if common > 0 {
                commands.push(GlobsetCommand::Pop);
            }
        }
        Ok(Globset {
            commands,
            ranges: ranges.to_vec(),
        })
    }

    /// A GLOBSET of `commands`, checked as a decoder checks them.
    pub fn from_commands(commands: Vec<GlobsetCommand>) -> Result<Globset, DecodeError> {
        let tmp = Globset {
            commands,
            ranges: Vec::new(),
        };
        let mut bytes = Vec::with_capacity(tmp.encoded_len());
        tmp.encode(&mut bytes).map_err(|_| {
            DecodeError::new(
                crate::wire::ErrorKind::InvalidValue {
                    what: "GLOBSET command that cannot be written",
                    value: 0,
                },
                0,
            )
        })?;
        let mut r = Reader::new(&bytes);
        let g = Globset::decode_from(&mut r)?;
        r.finish()?;
        Ok(Globset {
            commands: tmp.commands,
            ranges: g.ranges,
        })
    }

    fn read_command(
        r: &mut Reader<'_>,
        stack: &mut Stack,
        out: &mut Globset,
    ) -> Result<bool, DecodeError> {
        let at = r.offset();
        let c = r.u8().field("Command")?;
        match c {
            cmd::END => return Ok(false),
            0x01..=0x06 => {
                let n = usize::from(c);
                if stack.bytes.len() + n > GLOBCNT_LEN {
                    return Err(invalid(
                        r,
                        at,
                        "Push beyond the 6 bytes of a GLOBCNT",
                        c.into(),
                    ));
                }
                let b = r.bytes(n).field("CommonBytes")?;
                stack.bytes.extend_from_slice(b);
                out.commands.push(GlobsetCommand::Push(b.to_vec()));
                if stack.bytes.len() == GLOBCNT_LEN {
                    // A full GLOBCNT: a singleton range, popped at once.
                    let g = stack.globcnt(&[]);
                    out.ranges.push(GlobcntRange { low: g, high: g });
                    stack.bytes.truncate(GLOBCNT_LEN - n);
                } else {
                    stack.pushes.push(n);
                }
            }
            cmd::POP => {
                let n = stack
                    .pushes
                    .pop()
                    .ok_or_else(|| invalid(r, at, "Pop with an empty common byte stack", 0))?;
                stack.bytes.truncate(stack.bytes.len() - n);
                out.commands.push(GlobsetCommand::Pop);
            }
            cmd::BITMASK => {
                if stack.bytes.len() != GLOBCNT_LEN - 1 {
                    let depth = stack.bytes.len() as u64;
                    return Err(invalid(r, at, "Bitmask needs 5 bytes on the stack", depth));
                }
                let starting_value = r.u8().field("StartingValue")?;
                let bitmask = r.u8().field("Bitmask")?;
                if !bitmask_ranges(stack, starting_value, bitmask, &mut out.ranges) {
                    return Err(invalid(r, at, "Bitmask beyond 0xFF", bitmask.into()));
                }
                out.commands.push(GlobsetCommand::Bitmask {
                    starting_value,
                    bitmask,
                });
            }
            cmd::RANGE => {
                let n = GLOBCNT_LEN - stack.bytes.len();
                let low = r.bytes(n).field("LowValue")?;
                let high = r.bytes(n).field("HighValue")?;
                let range = GlobcntRange {
                    low: stack.globcnt(low),
                    high: stack.globcnt(high),
                };
                if range.low > range.high {
                    return Err(invalid(r, at, "Range with LowValue above HighValue", 0));
                }
                out.ranges.push(range);
                out.commands.push(GlobsetCommand::Range {
                    low: low.to_vec(),
                    high: high.to_vec(),
                });
            }
            other => return Err(invalid(r, at, "unknown GLOBSET command", other.into())),
        }
        Ok(true)
    }
}

impl<'a> Decode<'a> for Globset {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let mut stack = Stack::default();
        let mut out = Globset::default();
        // Every command takes at least one byte, so the loop ends with the input.
        let mut i = 0;
        while Globset::read_command(r, &mut stack, &mut out).index(i)? {
            i += 1;
        }
        Ok(out)
    }
}

impl Encode for Globset {
    fn encoded_len(&self) -> usize {
        1 + self
            .commands
            .iter()
            .map(|c| match c {
                GlobsetCommand::Push(b) => 1 + b.len(),
                GlobsetCommand::Pop => 1,
                GlobsetCommand::Bitmask { .. } => 3,
                GlobsetCommand::Range { low, high } => 1 + low.len() + high.len(),
            })
            .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        for c in &self.commands {
            match c {
                GlobsetCommand::Push(b) => {
                    if b.is_empty() || b.len() > GLOBCNT_LEN {
                        return Err(EncodeError::invalid("Push of 1 to 6 bytes"));
                    }
                    u8_len(b.len(), "Push")?.encode(out)?;
                    ensure_room(out, b.len())?;
                    out.put_slice(b);
                }
                GlobsetCommand::Pop => cmd::POP.encode(out)?,
                GlobsetCommand::Bitmask {
                    starting_value,
                    bitmask,
                } => {
                    cmd::BITMASK.encode(out)?;
                    starting_value.encode(out)?;
                    bitmask.encode(out)?;
                }
                GlobsetCommand::Range { low, high } => {
                    if low.len() != high.len() || low.is_empty() || low.len() > GLOBCNT_LEN {
                        return Err(EncodeError::invalid(
                            "Range values of the same size, 1 to 6 bytes",
                        ));
                    }
                    cmd::RANGE.encode(out)?;
                    ensure_room(out, low.len() + high.len())?;
                    out.put_slice(low);
                    out.put_slice(high);
                }
            }
        }
        cmd::END.encode(out)
    }
}

impl ToTree for Globset {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("Commands", self.commands.to_tree())
            .field("Ranges", self.ranges.to_tree())
    }
}

wire_struct! {
    /// [MS-OXCFXICS] 2.2.2.4.1: one REPLID and the GLOBSET of its IDs.
    #[derive(Eq, Hash, Default)]
    pub struct ReplidGlobset {
        /// REPLID.
        repl_id: u16 => "REPLID",
        /// GLOBSET.
        globset: Globset => "GLOBSET",
    }
}

wire_struct! {
    /// [MS-OXCFXICS] 2.2.2.4.2: one REPLGUID and the GLOBSET of its IDs.
    #[derive(Eq, Hash, Default)]
    pub struct ReplguidGlobset {
        /// REPLGUID.
        repl_guid: Guid => "REPLGUID",
        /// GLOBSET.
        globset: Globset => "GLOBSET",
    }
}

/// A list that fills its property value: entries with no count before them, read until the
/// input ends (the IDSETs of 2.2.2.4, the PredecessorChangeList of 2.2.2.3). Writes the struct,
/// its codec, its tree and its owned form.
macro_rules! to_end_list {
    ($(#[$m:meta])* $name:ident $(<$lt:lifetime>)? ($entry:ty)) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        pub struct $name $(<$lt>)? (pub Vec<$entry>);

        impl<'a> Decode<'a> for $name $(<$lt>)? {
            /// Reads entries up to the end of the input.
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                let mut v = Vec::new();
                while !r.is_empty() {
                    let i = v.len();
                    v.push(<$entry>::decode_from(r).index(i)?);
                }
                Ok($name(v))
            }
        }

        impl $(<$lt>)? Encode for $name $(<$lt>)? {
            fn encoded_len(&self) -> usize {
                self.0.iter().map(Encode::encoded_len).sum()
            }
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                for (i, e) in self.0.iter().enumerate() {
                    e.encode(out).index(i)?;
                }
                Ok(())
            }
        }

        impl $(<$lt>)? ToTree for $name $(<$lt>)? {
            fn to_tree(&self) -> Tree {
                self.0.to_tree()
            }
        }

        to_end_list!(@owned $name $(<$lt>)?);
    };
    (@owned $name:ident) => {
        crate::wire::owned_as_self!($name);
    };
    (@owned $name:ident <$lt:lifetime>) => {
        crate::wire::owned_impl!(struct $name(0));
    };
}

to_end_list! {
    /// [MS-OXCFXICS] 2.2.2.4.1 IDSET with REPLIDs: (REPLID, GLOBSET) pairs to the end of the
    /// value.
    IdsetReplid(ReplidGlobset)
}

to_end_list! {
    /// [MS-OXCFXICS] 2.2.2.4.2 IDSET with REPLGUIDs: (REPLGUID, GLOBSET) pairs to the end of the
    /// value (the form of the MetaTagIdsetGiven and MetaTagCnset* state properties).
    IdsetReplguid(ReplguidGlobset)
}

impl IdsetReplid {
    /// The ID ranges of the set: a REPLID with a GLOBCNT range (Message ID, Folder ID or CN
    /// ranges, [MS-OXCDATA] 2.2.1.1 and 2.2.1.2, [MS-OXCFXICS] 2.2.2.1).
    pub fn id_ranges(&self) -> impl Iterator<Item = (u16, GlobcntRange)> + '_ {
        self.0
            .iter()
            .flat_map(|e| e.globset.ranges().iter().map(move |r| (e.repl_id, *r)))
    }
}

impl IdsetReplguid {
    /// The GID ranges of the set: a REPLGUID with a GLOBCNT range.
    pub fn id_ranges(&self) -> impl Iterator<Item = (Guid, GlobcntRange)> + '_ {
        self.0
            .iter()
            .flat_map(|e| e.globset.ranges().iter().map(move |r| (e.repl_guid, *r)))
    }
}

/// The size of an [`Xid`] in bytes, the context it decodes with ([MS-OXCFXICS] 2.2.2.3
/// XidSize): it has no size field of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct XidSize(pub usize);

/// [MS-OXCFXICS] 2.2.2.2 XID: NamespaceGuid (16 bytes) and LocalId (1 to 8 bytes). Its size
/// comes from outside (a SizedXid's XidSize, or the property value it fills): it decodes with
/// [`DecodeWith<XidSize>`](DecodeWith), or plainly from all the input left.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "PascalCase")
)]
pub struct Xid<'a> {
    /// NamespaceGuid: the namespace the LocalId is unique in.
    pub namespace_guid: Guid,
    /// LocalId: the ID within the namespace.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_form::hex"))]
    pub local_id: Cow<'a, [u8]>,
}

impl Xid<'_> {
    /// The fewest bytes of an XID: the GUID and one byte of LocalId.
    pub const MIN_LEN: usize = 17;
    /// The most bytes of an XID: the GUID and eight bytes of LocalId.
    pub const MAX_LEN: usize = 24;
}

impl<'a> DecodeWith<'a, XidSize> for Xid<'a> {
    /// Reads an XID of `size` bytes (17 to 24).
    fn decode_with_from(r: &mut Reader<'a>, XidSize(size): XidSize) -> Result<Self, DecodeError> {
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&size) {
            let at = r.offset();
            return Err(r.invalid_at(at, "XID size must be 17 to 24", size as u64));
        }
        let namespace_guid = Guid::decode_from(r).field("NamespaceGuid")?;
        let local_id = Cow::Borrowed(r.bytes(size - 16).field("LocalId")?);
        Ok(Xid {
            namespace_guid,
            local_id,
        })
    }
}

impl<'a> Decode<'a> for Xid<'a> {
    /// Reads an XID that fills the rest of the input.
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.remaining();
        Xid::decode_with_from(r, XidSize(n))
    }
}

impl Encode for Xid<'_> {
    fn encoded_len(&self) -> usize {
        16 + self.local_id.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        if self.local_id.is_empty() || self.local_id.len() > 8 {
            return Err(EncodeError::invalid("XID LocalId of 1 to 8 bytes"));
        }
        self.namespace_guid.encode(out)?;
        ensure_room(out, self.local_id.len())?;
        out.put_slice(&self.local_id);
        Ok(())
    }
}

impl ToTree for Xid<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("NamespaceGuid", self.namespace_guid.to_tree())
            .field("LocalId", Tree::Bytes(self.local_id.to_vec()))
    }
}

/// [MS-OXCFXICS] 2.2.2.3 SizedXid: XidSize (1 byte) and an XID of that size.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct SizedXid<'a>(pub Xid<'a>);

impl<'a> Decode<'a> for SizedXid<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let size = r.u8().field("XidSize")?;
        Xid::decode_with_from(r, XidSize(size.into()))
            .field("XID")
            .map(SizedXid)
    }
}

impl Encode for SizedXid<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.0.encoded_len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u8_len(self.0.encoded_len(), "XidSize")?.encode(out)?;
        self.0.encode(out)
    }
}

impl ToTree for SizedXid<'_> {
    fn to_tree(&self) -> Tree {
        Tree::record()
            .field("XidSize", Tree::UInt(self.0.encoded_len() as u64))
            .field("XID", self.0.to_tree())
    }
}

to_end_list! {
    /// [MS-OXCFXICS] 2.2.2.3 PredecessorChangeList (PCL): SizedXids to the end of the value.
    PredecessorChangeList<'a>(SizedXid<'a>)
}

crate::wire::owned_as_self!(GlobcntRange, GlobsetCommand, Globset);
crate::wire::owned_impl!(struct Xid { namespace_guid, local_id });
crate::wire::owned_impl!(struct SizedXid(0));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    fn g(v: u64) -> GlobalCounter {
        GlobalCounter::from_value(v).unwrap()
    }

    fn round_trip(bytes: &[u8]) -> Globset {
        let (rest, v) = Globset::decode(bytes).unwrap();
        assert!(rest.is_empty());
        let mut out = Vec::new();
        v.encode(&mut out).unwrap();
        assert_eq!(out, bytes);
        v
    }

    /// Arbitrary GLOBSETs (what the fuzz targets build) are ones the decoder accepts: each
    /// encodes and decodes back to itself, ranges included.
    #[cfg(feature = "arbitrary")]
    #[test]
    fn arbitrary_globsets_decode_to_themselves() {
        use arbitrary::{Arbitrary, Unstructured};
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..64)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // Mostly small command bytes, so that some command lists are valid.
                    if seed % 3 == 0 {
                        (seed >> 8) as u8 % 8
                    } else {
                        (seed >> 8) as u8
                    }
                })
                .collect();
            let Ok(g) = Globset::arbitrary(&mut Unstructured::new(&bytes)) else {
                continue;
            };
            let mut out = Vec::new();
            g.encode(&mut out).unwrap();
            let (rest, back) = Globset::decode(&out).unwrap();
            assert!(rest.is_empty());
            assert_eq!(back, g);
        }
    }

    #[test]
    fn push_range_pop() {
        // Push 4 common bytes, Range of the last two, Pop, End.
        let b = [0x04, 0, 0, 0, 0, 0x52, 0x00, 0x01, 0x00, 0x10, 0x50, 0x00];
        let v = round_trip(&b);
        assert_eq!(
            v.ranges(),
            &[GlobcntRange {
                low: g(1),
                high: g(0x10)
            }]
        );
    }

    #[test]
    fn six_byte_push_is_a_singleton_and_pops_itself() {
        let b = [0x06, 0, 0, 0, 0, 0, 7, 0x06, 0, 0, 0, 0, 0, 9, 0x00];
        let v = round_trip(&b);
        assert_eq!(v.ranges().len(), 2);
        assert_eq!(v.ranges()[1].low, g(9));
    }

    #[test]
    fn bitmask_runs() {
        // Stack 00 00 00 00 00; start 0x10; bits 0,1 and 3 set: 0x10-0x12 and 0x14.
        let b = [0x05, 0, 0, 0, 0, 0, 0x42, 0x10, 0b0000_1011, 0x50, 0x00];
        let v = round_trip(&b);
        assert_eq!(
            v.ranges(),
            &[
                GlobcntRange {
                    low: g(0x10),
                    high: g(0x12)
                },
                GlobcntRange {
                    low: g(0x14),
                    high: g(0x14)
                }
            ]
        );
        // Bitmask without 5 stacked bytes, and a bit past 0xFF, are errors.
        assert!(Globset::decode(&[0x42, 0x10, 0x01, 0x00]).is_err());
        assert!(Globset::decode(&[0x05, 0, 0, 0, 0, 0, 0x42, 0xFF, 0x01, 0x00]).is_err());
    }

    #[test]
    fn bad_streams_fail() {
        for b in [
            &[0x50, 0x00][..],                                     // Pop on an empty stack
            &[0x04, 0, 0, 0, 0, 0x04, 0, 0, 0, 0][..],             // Push beyond 6 bytes
            &[0x52, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x00][..], // low > high
            &[0x07][..],                                           // unknown command
            &[0x04, 0, 0, 0, 0][..],                               // no End
        ] {
            assert!(Globset::decode(b).is_err(), "{b:02X?}");
        }
    }

    #[test]
    fn from_ranges_round_trips() {
        let ranges = [
            GlobcntRange {
                low: g(1),
                high: g(1),
            },
            GlobcntRange {
                low: g(0x100),
                high: g(0x1FF),
            },
            GlobcntRange {
                low: g(0x1_0000_0000),
                high: g(0xFFFF_FFFF_FFFF),
            },
        ];
        let s = Globset::from_ranges(&ranges).unwrap();
        let mut out = Vec::new();
        s.encode(&mut out).unwrap();
        let back = round_trip(&out);
        assert_eq!(back, s);
        assert_eq!(back.ranges(), &ranges);
        let bad = [GlobcntRange {
            low: g(2),
            high: g(1),
        }];
        assert!(Globset::from_ranges(&bad).is_err());
    }

    #[test]
    fn xid_size_is_the_context() {
        let mut b = vec![0x11; 16];
        b.extend([1, 2, 3]);
        let x = Xid::decode_with_exact(&b, XidSize(19), Limits::DEFAULT).unwrap();
        assert_eq!(x.local_id.as_ref(), [1, 2, 3]);
        assert_eq!(Xid::decode_exact(&b, Limits::DEFAULT).unwrap(), x);
        // A size of 18 leaves a byte; 16 is no XID, refused before reading.
        let e = Xid::decode_with_exact(&b, XidSize(18), Limits::DEFAULT).unwrap_err();
        assert_eq!(e.kind().name(), "trailing-bytes");
        let e = Xid::decode_with_exact(&b, XidSize(16), Limits::DEFAULT).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("invalid-value", 0));
    }

    #[test]
    fn idsets_and_pcl() {
        let mut b = vec![0x01, 0x00];
        b.extend([0x06, 0, 0, 0, 0, 0, 5, 0x00]);
        b.extend([0x02, 0x00, 0x00]);
        let (_, v) = IdsetReplid::decode(&b).unwrap();
        assert_eq!(v.0.len(), 2);
        assert_eq!(v.id_ranges().count(), 1);
        let mut out = Vec::new();
        v.encode(&mut out).unwrap();
        assert_eq!(out, b);
        // A REPLGUID cut short.
        assert!(IdsetReplguid::decode(&[0u8; 10]).is_err());

        let mut p = vec![22u8];
        p.extend([0x33; 16]);
        p.extend([0, 0, 0, 0, 0, 9]);
        let (_, pcl) = PredecessorChangeList::decode(&p).unwrap();
        assert_eq!(pcl.0[0].0.local_id.len(), 6);
        let mut out = Vec::new();
        pcl.encode(&mut out).unwrap();
        assert_eq!(out, p);
        assert!(PredecessorChangeList::decode(&[16u8; 17]).is_err());
    }

    #[test]
    fn idset_prefixes_end_between_entries_or_fail() {
        // Two entries of 10 bytes each: a prefix decodes only at an entry boundary.
        let mut b = vec![0x01, 0x00, 0x06, 0, 0, 0, 0, 0, 5, 0x00];
        b.extend([0x02, 0x00, 0x04, 0, 0, 0, 0, 0x52, 1, 0, 2, 0, 0x50, 0x00]);
        for n in 0..b.len() {
            let r = IdsetReplid::decode_exact(&b[..n], Default::default());
            match n {
                0 => assert_eq!(r.unwrap().0.len(), 0),
                10 => assert_eq!(r.unwrap().0.len(), 1),
                _ => assert!(r.is_err(), "{n}"),
            }
        }
        assert_eq!(
            IdsetReplid::decode_exact(&b, Default::default())
                .unwrap()
                .0
                .len(),
            2
        );
    }
}
