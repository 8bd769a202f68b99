//! Fixed-size primitives: integers, floats, GUID, FILETIME.

use std::fmt;

use bytes::BufMut;
use time::OffsetDateTime;

use super::codec::{ensure_room, Decode, Encode};
use super::error::{DecodeError, EncodeError};
use super::reader::Reader;

macro_rules! le_int {
    ($($t:ty => $read:ident, $put:ident;)*) => {$(
        impl<'a> Decode<'a> for $t {
            #[inline]
            fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                r.$read()
            }
        }
        impl Encode for $t {
            #[inline]
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
            #[inline]
            fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
                ensure_room(out, core::mem::size_of::<$t>())?;
                out.$put(*self);
                Ok(())
            }
        }
    )*};
}

le_int! {
    u8 => u8, put_u8;
    u16 => u16, put_u16_le;
    u32 => u32, put_u32_le;
    u64 => u64, put_u64_le;
    i16 => i16, put_i16_le;
    i32 => i32, put_i32_le;
    i64 => i64, put_i64_le;
    f32 => f32, put_f32_le;
    f64 => f64, put_f64_le;
}

/// `N` bytes as they stand on the wire.
impl<'a, const N: usize> Decode<'a> for [u8; N] {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.array()
    }
}

impl<const N: usize> Encode for [u8; N] {
    #[inline]
    fn encoded_len(&self) -> usize {
        N
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        ensure_room(out, N)?;
        out.put_slice(self);
        Ok(())
    }
}

/// `Decode` and `Encode` for newtypes that are their one field on the wire (`PropTag(u32)`,
/// `Guid([u8; 16])`, `ByteArray<N>` after `const N:`): the field's codec, wrapped and
/// unwrapped.
macro_rules! transparent {
    ($($(const $n:ident:)? $t:ty => $ctor:path;)*) => {$(
        impl<'a, $(const $n: usize)?> $crate::wire::Decode<'a> for $t {
            #[inline]
            fn decode_from(
                r: &mut $crate::wire::Reader<'a>,
            ) -> Result<Self, $crate::wire::DecodeError> {
                $crate::wire::Decode::decode_from(r).map($ctor)
            }
        }

        impl<$(const $n: usize)?> $crate::wire::Encode for $t {
            #[inline]
            fn encoded_len(&self) -> usize {
                $crate::wire::Encode::encoded_len(&self.0)
            }
            #[inline]
            fn encode<B: bytes::BufMut>(&self, out: &mut B) -> Result<(), $crate::wire::EncodeError> {
                $crate::wire::Encode::encode(&self.0, out)
            }
        }
    )*};
}
pub(crate) use transparent;

/// A GUID as [MS-DTYP] 2.3.4.2 lays it out on the wire: Data1 (u32), Data2 and Data3 (u16),
/// little-endian, then Data4 (8 bytes). Kept as the 16 wire bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Guid(pub [u8; 16]);

impl Guid {
    /// Builds a GUID from its textual parts (`{data1-data2-data3-data4}`).
    pub const fn from_fields(data1: u32, data2: u16, data3: u16, data4: [u8; 8]) -> Guid {
        let a = data1.to_le_bytes();
        let b = data2.to_le_bytes();
        let c = data3.to_le_bytes();
        Guid([
            a[0], a[1], a[2], a[3], b[0], b[1], c[0], c[1], data4[0], data4[1], data4[2], data4[3],
            data4[4], data4[5], data4[6], data4[7],
        ])
    }
}

impl fmt::Display for Guid {
    /// The registry form, `{00020329-0000-0000-C000-000000000046}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = &self.0;
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
            u32::from_le_bytes([g[0], g[1], g[2], g[3]]),
            u16::from_le_bytes([g[4], g[5]]),
            u16::from_le_bytes([g[6], g[7]]),
            g[8],
            g[9],
            g[10],
            g[11],
            g[12],
            g[13],
            g[14],
            g[15]
        )
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// `N` bytes kept as sent: a fixed-size field of opaque bytes (the Reserved fields of the AUX
/// blocks, 3 and 132 bytes). Unlike a bare array it has a `Default` for every `N`. The tree
/// shows the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ByteArray<const N: usize>(pub [u8; N]);

impl<const N: usize> Default for ByteArray<N> {
    fn default() -> Self {
        ByteArray([0; N])
    }
}

impl<const N: usize> From<[u8; N]> for ByteArray<N> {
    fn from(b: [u8; N]) -> Self {
        ByteArray(b)
    }
}

/// A FILETIME ([MS-DTYP] 2.3.3): 100-nanosecond intervals since 1601-01-01 UTC, as one
/// little-endian 64-bit value (the low and high halves in that order).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FileTime(pub u64);

impl FileTime {
    /// Intervals between 1601-01-01 and 1970-01-01.
    const UNIX_EPOCH: u64 = 116_444_736_000_000_000;

    /// Seconds since 1970-01-01 UTC (negative before), and the nanoseconds within the second.
    pub fn to_unix(self) -> (i64, u32) {
        let d = i128::from(self.0) - i128::from(Self::UNIX_EPOCH);
        let secs = d.div_euclid(10_000_000);
        let nanos = (d.rem_euclid(10_000_000) * 100) as u32;
        (secs as i64, nanos)
    }

    /// The time as a UTC date and time of the `time` crate. Every FILETIME has one: the last,
    /// `u64::MAX`, falls in the year 60056, inside the crate's `large-dates` range (which this
    /// crate enables).
    ///
    /// ```
    /// use mapi_codec::wire::FileTime;
    ///
    /// let t = FileTime(0x01C9_1340_0DC5_7000).to_date_time();
    /// assert_eq!((t.year(), t.month() as u8, t.day()), (2008, 9, 10));
    /// ```
    pub fn to_date_time(self) -> OffsetDateTime {
        let nanos = (i128::from(self.0) - i128::from(Self::UNIX_EPOCH)) * 100;
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .expect("the large-dates range holds every FILETIME")
    }

    /// The FILETIME of a date and time (its UTC instant, to the 100 ns below it); `None`
    /// before 1601-01-01 or past the last FILETIME.
    pub fn from_date_time(t: OffsetDateTime) -> Option<FileTime> {
        let ticks = t.unix_timestamp_nanos().div_euclid(100) + i128::from(Self::UNIX_EPOCH);
        u64::try_from(ticks).ok().map(FileTime)
    }

    /// The time as ISO 8601 UTC text (`2008-09-10T13:24:45.1234567Z`), for display.
    pub fn to_iso8601(self) -> String {
        let t = self.to_date_time();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.nanosecond() / 100
        )
    }
}

impl fmt::Debug for FileTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileTime({})", self.to_iso8601())
    }
}

transparent! {
    Guid => Guid;
    const N: ByteArray<N> => ByteArray;
    FileTime => FileTime;
}

/// A one-byte Boolean whose spec reads it as "nonzero (TRUE)" or "zero (FALSE)": the ROP
/// fields of [MS-OXCFOLD], [MS-OXCMSG], [MS-OXCTABL], [MS-OXCPRPT], [MS-OXCSTOR] and
/// [MS-OXCNOTIF] (WantAsynchronous, PartialCompletion, ...).
///
/// Any byte decodes and re-encodes as it came; [`Bool8::get`] reads it as the spec does.
/// A byte other than 0x00 and 0x01 (clients send 0xFF) is within the spec but not the
/// canonical form: its tree carries a [`Remark`](crate::tree::Remark) note, and strict
/// decoding accepts it too, since the spec allows it.
///
/// ```
/// use mapi_codec::wire::{Bool8, Decode, Limits};
/// let b = Bool8::decode_exact(&[0xFF], Limits::DEFAULT).unwrap();
/// assert!(b.get());
/// assert!(!b.is_canonical());
/// assert_eq!(Bool8::from(true), Bool8::TRUE);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Bool8(pub u8);

impl Bool8 {
    /// 0x00.
    pub const FALSE: Bool8 = Bool8(0);
    /// 0x01.
    pub const TRUE: Bool8 = Bool8(1);

    /// The Boolean it stands for: nonzero is TRUE.
    #[inline]
    pub fn get(self) -> bool {
        self.0 != 0
    }

    /// Whether the byte is 0x00 or 0x01.
    #[inline]
    pub fn is_canonical(self) -> bool {
        self.0 <= 1
    }
}

impl From<bool> for Bool8 {
    fn from(b: bool) -> Self {
        Bool8(b.into())
    }
}

impl From<Bool8> for bool {
    fn from(b: Bool8) -> Self {
        b.get()
    }
}

/// `!b` is the Boolean `b` does not stand for.
impl std::ops::Not for Bool8 {
    type Output = bool;
    fn not(self) -> bool {
        !self.get()
    }
}

impl PartialEq<bool> for Bool8 {
    fn eq(&self, other: &bool) -> bool {
        self.get() == *other
    }
}

impl fmt::Debug for Bool8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("false"),
            1 => f.write_str("true"),
            b => write!(f, "true(0x{b:02X})"),
        }
    }
}

impl<'a> Decode<'a> for Bool8 {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.u8().map(Bool8)
    }
}

impl Encode for Bool8 {
    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        self.0.encode(out)
    }
}

impl crate::tree::ToTree for Bool8 {
    fn to_tree(&self) -> crate::tree::Tree {
        use crate::tree::Tree;
        if self.is_canonical() {
            Tree::Bool(self.get())
        } else {
            Tree::Bool(true).with_note(format!(
                "0x{:02X}: a nonzero Boolean other than 0x01, read as TRUE and kept as sent",
                self.0
            ))
        }
    }
}

/// A one-byte Boolean of a ROP or NSPI field: 0x00 or 0x01, anything else is an invalid
/// value (so that re-encoding gives the bytes back).
impl<'a> Decode<'a> for bool {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.bool8("a Boolean must be 0x00 or 0x01")
    }
}

impl Encode for bool {
    #[inline]
    fn encoded_len(&self) -> usize {
        1
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u8::from(*self).encode(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_text_form() {
        // PS_MAPI, [MS-OXPROPS] 1.3.2: {00020328-0000-0000-C000-000000000046}.
        let g = Guid::from_fields(0x0002_0328, 0, 0, [0xC0, 0, 0, 0, 0, 0, 0, 0x46]);
        assert_eq!(g.to_string(), "{00020328-0000-0000-C000-000000000046}");
        assert_eq!(&g.0[..4], &[0x28, 0x03, 0x02, 0x00]);
    }

    #[test]
    fn filetime_iso() {
        assert_eq!(FileTime(0).to_iso8601(), "1601-01-01T00:00:00.0000000Z");
        assert_eq!(
            FileTime(FileTime::UNIX_EPOCH + 1).to_iso8601(),
            "1970-01-01T00:00:00.0000001Z"
        );
        // 2000-02-29T12:00:00Z is 951825600 s after the Unix epoch.
        let t = FileTime(FileTime::UNIX_EPOCH + 951_825_600 * 10_000_000);
        assert_eq!(t.to_iso8601(), "2000-02-29T12:00:00.0000000Z");
        assert_eq!(
            FileTime(i64::MAX as u64).to_iso8601(),
            "30828-09-14T02:48:05.4775807Z"
        );
        // 58400 years (146 cycles of 146097 days) after 1601, then 1456-05-28T05:36:10 less
        // 1601-01-01: worked out apart from the code.
        assert_eq!(
            FileTime(u64::MAX).to_iso8601(),
            "60056-05-28T05:36:10.9551615Z"
        );
    }

    #[test]
    fn filetime_date_time_round_trip() {
        for ft in [0, 1, FileTime::UNIX_EPOCH, 0x01C9_1340_0DC5_7000, u64::MAX] {
            let t = FileTime(ft).to_date_time();
            assert_eq!(FileTime::from_date_time(t), Some(FileTime(ft)));
        }
        let before = FileTime(0).to_date_time() - time::Duration::nanoseconds(100);
        assert_eq!(FileTime::from_date_time(before), None);
        let after = FileTime(u64::MAX).to_date_time() + time::Duration::nanoseconds(100);
        assert_eq!(FileTime::from_date_time(after), None);
    }

    #[test]
    fn ints_truncated() {
        let e = u32::decode(&[1, 2, 3]).unwrap_err();
        assert_eq!(e.offset(), 0);
        assert_eq!(e.kind().name(), "truncated");
    }
}
