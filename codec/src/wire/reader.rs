//! The cursor every decoder reads from.

use super::error::{DecodeError, ErrorKind};
use super::limits::Limits;

/// Width of a count field. [MS-OXCDATA] 2.11.1.1: 2 bytes in ROP buffers, 4 bytes in extended
/// rules and in the MAPI/HTTP NSPI bodies; within one buffer never a mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CountWidth {
    /// 16-bit counts (ROP buffers).
    U16,
    /// 32-bit counts (extended rules, NSPI bodies).
    U32,
}

impl CountWidth {
    /// Bytes the count field takes.
    pub const fn size(self) -> usize {
        match self {
            CountWidth::U16 => 2,
            CountWidth::U32 => 4,
        }
    }

    /// Largest count the field can hold.
    pub const fn max(self) -> u64 {
        match self {
            CountWidth::U16 => u16::MAX as u64,
            CountWidth::U32 => u32::MAX as u64,
        }
    }
}

/// A zero-copy cursor over untrusted bytes. It knows its absolute position in the outermost
/// buffer (so errors carry it) and the [`Limits`] in force.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
    limits: Limits,
}

impl<'a> Reader<'a> {
    /// A reader over `buf` with the default limits.
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_limits(buf, Limits::DEFAULT)
    }

    /// A reader over `buf` with `limits`.
    pub fn with_limits(buf: &'a [u8], limits: Limits) -> Self {
        Reader {
            buf,
            pos: 0,
            base: 0,
            limits,
        }
    }

    /// A reader over `buf`, which sits at absolute offset `base` of the outermost buffer.
    pub fn at_offset(buf: &'a [u8], base: usize, limits: Limits) -> Self {
        Reader {
            buf,
            pos: 0,
            base,
            limits,
        }
    }

    /// The limits in force.
    #[inline]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Absolute offset of the next byte.
    #[inline]
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    /// Bytes left.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Whether everything was read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    /// The unread bytes, without consuming them.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    /// The next byte, without consuming it (`None` at the end).
    #[inline]
    pub(crate) fn peek_u8(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Skips one byte that [`Reader::peek_u8`] has just seen.
    #[inline]
    pub(crate) fn skip_peeked(&mut self) {
        self.pos += 1;
    }

    /// Where the cursor stands, to come back to with [`Reader::rewind`].
    #[inline(always)]
    pub(crate) fn mark(&self) -> usize {
        self.pos
    }

    /// Puts the cursor back where [`Reader::mark`] found it.
    #[inline(always)]
    pub(crate) fn rewind(&mut self, mark: usize) {
        self.pos = mark;
    }

    /// The bytes from absolute `offset` (at or before the cursor, inside this reader) to the
    /// end: what was unread when the cursor stood there.
    #[inline]
    pub(crate) fn rest_from(&self, offset: usize) -> &'a [u8] {
        &self.buf[offset - self.base..]
    }

    /// The next `n` bytes as a reader of their own (same limits, absolute offsets), or `None`
    /// (and nothing consumed) when fewer are left: for a run of fixed-length fields, whose
    /// reads from a reader of known length need no further bound checks.
    #[inline]
    pub(crate) fn fixed_prefix(&mut self, n: usize) -> Option<Reader<'a>> {
        let base = self.offset();
        let buf = self.buf.get(self.pos..)?.get(..n)?;
        self.pos += n;
        Some(Reader {
            buf,
            pos: 0,
            base,
            limits: self.limits,
        })
    }

    /// An error of `kind` at the current offset.
    #[cold]
    pub fn error(&self, kind: ErrorKind) -> DecodeError {
        DecodeError::new(kind, self.offset())
    }

    /// An [`ErrorKind::InvalidValue`] at `offset` (absolute, usually where the field started).
    #[cold]
    pub fn invalid_at(&self, offset: usize, what: &'static str, value: u64) -> DecodeError {
        DecodeError::new(ErrorKind::InvalidValue { what, value }, offset)
    }

    #[cold]
    fn truncated(&self, needed: usize) -> DecodeError {
        self.error(ErrorKind::Truncated {
            needed,
            available: self.remaining(),
        })
    }

    /// Takes the next `n` bytes.
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let rest = &self.buf[self.pos..];
        if n > rest.len() {
            return Err(self.truncated(n));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    /// Takes the next `N` bytes as an array.
    #[inline]
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.buf.get(self.pos..self.pos + N) {
            Some(s) => {
                let mut a = [0u8; N];
                a.copy_from_slice(s);
                self.pos += N;
                Ok(a)
            }
            None => Err(self.truncated(N)),
        }
    }

    /// Takes everything that is left.
    #[inline]
    pub fn take_rest(&mut self) -> &'a [u8] {
        let s = &self.buf[self.pos..];
        self.pos = self.buf.len();
        s
    }

    /// Reads a `u8`.
    #[inline]
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        match self.buf.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(self.truncated(1)),
        }
    }

    /// Reads a little-endian `u16`.
    #[inline]
    pub fn u16(&mut self) -> Result<u16, DecodeError> {
        self.array().map(u16::from_le_bytes)
    }

    /// Reads a little-endian `u32`.
    #[inline]
    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        self.array().map(u32::from_le_bytes)
    }

    /// Reads a little-endian `u64`.
    #[inline]
    pub fn u64(&mut self) -> Result<u64, DecodeError> {
        self.array().map(u64::from_le_bytes)
    }

    /// Reads a little-endian `i16`.
    #[inline]
    pub fn i16(&mut self) -> Result<i16, DecodeError> {
        self.array().map(i16::from_le_bytes)
    }

    /// Reads a little-endian `i32`.
    #[inline]
    pub fn i32(&mut self) -> Result<i32, DecodeError> {
        self.array().map(i32::from_le_bytes)
    }

    /// Reads a little-endian `i64`.
    #[inline]
    pub fn i64(&mut self) -> Result<i64, DecodeError> {
        self.array().map(i64::from_le_bytes)
    }

    /// Reads a little-endian IEEE 754 single.
    #[inline]
    pub fn f32(&mut self) -> Result<f32, DecodeError> {
        self.array().map(f32::from_le_bytes)
    }

    /// Reads a little-endian IEEE 754 double.
    #[inline]
    pub fn f64(&mut self) -> Result<f64, DecodeError> {
        self.array().map(f64::from_le_bytes)
    }

    /// Reads a PtypBoolean ([MS-OXCDATA] 2.11.1, restricted to 0 or 1): any byte is kept
    /// as sent (servers accept 0xFF), except under [`Limits::strict`], which refuses a byte
    /// other than 0 or 1.
    #[inline]
    pub fn ptyp_boolean(&mut self) -> Result<super::Bool8, DecodeError> {
        let at = self.offset();
        let b = self.u8()?;
        if b > 1 && self.limits.strict {
            return Err(self.invalid_at(at, "PtypBoolean must be 0 or 1 (strict)", b.into()));
        }
        Ok(super::Bool8(b))
    }

    /// Reads a one-byte boolean that must be 0 or 1.
    pub fn bool8(&mut self, what: &'static str) -> Result<bool, DecodeError> {
        let at = self.offset();
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(self.invalid_at(at, what, v.into())),
        }
    }

    /// Reads a count field of `width` without further checks.
    #[inline]
    pub fn raw_count(&mut self, width: CountWidth) -> Result<u32, DecodeError> {
        match width {
            CountWidth::U16 => self.u16().map(u32::from),
            CountWidth::U32 => self.u32(),
        }
    }

    /// Reads an untrusted element count of `width` and checks it before anyone allocates:
    /// against [`Limits::max_elements`], and `count × min_element_size` against the bytes left.
    #[inline]
    pub fn count(
        &mut self,
        width: CountWidth,
        min_element_size: usize,
    ) -> Result<usize, DecodeError> {
        let at = self.offset();
        let count = u64::from(self.raw_count(width)?);
        // The checks of `check_count`, inline; its errors out of line.
        if count <= u64::from(self.limits.max_elements)
            && count.saturating_mul(min_element_size as u64) <= self.remaining() as u64
        {
            Ok(count as usize)
        } else {
            Err(self.count_error(at, count, min_element_size))
        }
    }

    /// The error [`Reader::check_count`] gives for a count it refuses.
    #[cold]
    #[inline(never)]
    fn count_error(&self, at: usize, count: u64, min_element_size: usize) -> DecodeError {
        match self.check_count(at, count, min_element_size) {
            Err(e) => e,
            Ok(_) => DecodeError::new(
                ErrorKind::InvalidValue {
                    what: "count",
                    value: count,
                },
                at,
            ),
        }
    }

    /// Checks a count read elsewhere (at absolute `at`) as [`Reader::count`] does.
    pub fn check_count(
        &self,
        at: usize,
        count: u64,
        min_element_size: usize,
    ) -> Result<usize, DecodeError> {
        let max = u64::from(self.limits.max_elements);
        if count > max {
            return Err(DecodeError::new(
                ErrorKind::LimitExceeded {
                    limit: "max_elements",
                    value: count,
                    max,
                },
                at,
            ));
        }
        // count <= u32::MAX and min_element_size is small: the product fits in u64.
        if count.saturating_mul(min_element_size as u64) > self.remaining() as u64 {
            return Err(DecodeError::new(
                ErrorKind::CountTooLarge {
                    count,
                    min_element_size,
                    available: self.remaining(),
                },
                at,
            ));
        }
        Ok(count as usize)
    }

    /// Cuts the next `len` bytes off as a reader of their own (same limits, absolute offsets).
    pub fn sub(&mut self, len: usize) -> Result<Reader<'a>, DecodeError> {
        let base = self.offset();
        let buf = self.bytes(len)?;
        Ok(Reader {
            buf,
            pos: 0,
            base,
            limits: self.limits,
        })
    }

    /// Fails with [`ErrorKind::TrailingBytes`] unless everything was read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error(ErrorKind::TrailingBytes {
                count: self.remaining(),
            }))
        }
    }

    /// Reads a null-terminated UTF-16LE string and returns its bytes without the terminator.
    pub fn utf16z(&mut self) -> Result<&'a [u8], DecodeError> {
        let rest = self.rest();
        // A zero 16-bit lane of x sets its high bit in (x - 0x0001...) & !x (lanes above a
        // zero one may be set too, which only matters once a zero is known to be there).
        fn zero_lane(c: &[u8]) -> u64 {
            let x = <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
            x.wrapping_sub(0x0001_0001_0001_0001) & !x & 0x8000_8000_8000_8000
        }
        let mut i = 0;
        // Sixteen code units at a time while none of them is zero, then four (the first block
        // that holds a zero names it), then unit by unit in the last few bytes.
        for c in rest.chunks_exact(32) {
            if zero_lane(&c[..8])
                | zero_lane(&c[8..16])
                | zero_lane(&c[16..24])
                | zero_lane(&c[24..])
                != 0
            {
                break;
            }
            i += 32;
        }
        for c in rest[i..].chunks_exact(8) {
            let m = zero_lane(c);
            if m != 0 {
                // The lowest flagged lane is a zero one.
                let n = i + (m.trailing_zeros() / 16 * 2) as usize;
                self.pos += n + 2;
                return Ok(&rest[..n]);
            }
            i += 8;
        }
        while i + 1 < rest.len() {
            if rest[i] == 0 && rest[i + 1] == 0 {
                self.pos += i + 2;
                return Ok(&rest[..i]);
            }
            i += 2;
        }
        Err(self.error(ErrorKind::Truncated {
            needed: i + 2,
            available: rest.len(),
        }))
    }

    /// Reads a null-terminated 8-bit string and returns its bytes without the terminator.
    pub fn ansiz(&mut self) -> Result<&'a [u8], DecodeError> {
        let rest = self.rest();
        match rest.iter().position(|&b| b == 0) {
            Some(n) => {
                self.pos += n + 1;
                Ok(&rest[..n])
            }
            None => Err(self.error(ErrorKind::Truncated {
                needed: rest.len() + 1,
                available: rest.len(),
            })),
        }
    }
}
