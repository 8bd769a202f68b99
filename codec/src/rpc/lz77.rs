//! LZ77 compression with the DIRECT2 encoding ([MS-OXCRPC] 3.1.4.1.1.2), the format of a
//! Compressed extended buffer.
//!
//! The stream is a sequence of groups: a 4-byte little-endian bitmask, read from its most
//! significant bit, then one symbol per bit: 0 is a literal byte, 1 is a match given by 2 bytes
//! of metadata (the distance minus 1 in the high 13 bits, the length minus 3 in the low 3 bits,
//! b'111' meaning the length continues in a shared nibble, then a byte, then a 2-byte field).
//! The decompressed size is known from SizeActual, so decoding stops when the output is full.

use crate::wire::{DecodeError, ErrorKind};

/// Shortest match the encoding can express.
pub const MIN_MATCH: usize = 3;
/// Longest distance the 13 offset bits can express.
pub const MAX_DISTANCE: usize = 8192;
/// Longest match the 2-byte length field can express (it holds the length minus 3).
pub const MAX_MATCH: usize = 0xFFFF + MIN_MATCH;

#[cold]
fn fail(what: &'static str, at: usize) -> DecodeError {
    DecodeError::new(ErrorKind::Decompression { what }, at)
}

/// A cursor over the compressed bytes that reports absolute offsets.
struct Input<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
}

impl Input<'_> {
    #[inline]
    fn byte(&mut self, what: &'static str) -> Result<u8, DecodeError> {
        match self.buf.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(fail(what, self.base + self.pos)),
        }
    }

    #[inline]
    fn u16(&mut self, what: &'static str) -> Result<u16, DecodeError> {
        match self.buf.get(self.pos..self.pos + 2) {
            Some(b) => {
                self.pos += 2;
                Ok(u16::from_le_bytes([b[0], b[1]]))
            }
            None => Err(fail(what, self.base + self.pos)),
        }
    }

    #[inline]
    fn u32(&mut self, what: &'static str) -> Result<u32, DecodeError> {
        match self.buf.get(self.pos..self.pos + 4) {
            Some(b) => {
                self.pos += 4;
                Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            None => Err(fail(what, self.base + self.pos)),
        }
    }
}

/// Expands `input` (which sits at absolute offset `base` of the outermost buffer) into exactly
/// `size` bytes. Never writes past `size`; fails on a match before the start of the output, a
/// match longer than what is left, truncated input, and input left over once `size` bytes are
/// out (apart from the unused bits of the last bitmask, which are not bytes).
pub fn decompress(input: &[u8], size: usize, base: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(size);
    decompress_into(input, size, base, &mut out)?;
    Ok(out)
}

/// [`decompress`] appending to `out` (whose existing bytes are not part of the window).
pub fn decompress_into(
    input: &[u8],
    size: usize,
    base: usize,
    out: &mut Vec<u8>,
) -> Result<(), DecodeError> {
    expand::<true>(input, base, out, size)
}

/// Expands a stream whose decompressed size is not known (the `lz77-decompress` view of a
/// bare payload): decoding stops when the input is used up at a symbol boundary, whatever
/// the unused bits of the last bitmask say. Fails if the output would pass `max` bytes.
pub fn decompress_unsized(input: &[u8], max: usize, base: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    expand::<false>(input, base, &mut out, max)?;
    Ok(out)
}

/// The decoder. `EXACT`: produce exactly `limit` bytes and use all the input; otherwise stop
/// when the input ends, producing at most `limit` bytes.
fn expand<const EXACT: bool>(
    input: &[u8],
    base: usize,
    out: &mut Vec<u8>,
    limit: usize,
) -> Result<(), DecodeError> {
    let start = out.len();
    let end = start + limit;
    if EXACT {
        out.reserve(limit);
    }
    let mut r = Input {
        buf: input,
        pos: 0,
        base,
    };
    let mut flags = 0u32;
    let mut flag_count = 0u32;
    // Position of the byte whose high nibble the next long match uses, if any.
    let mut shared_nibble: Option<usize> = None;
    loop {
        if EXACT && out.len() == end {
            break;
        }
        if !EXACT && r.pos == input.len() {
            break;
        }
        if flag_count == 0 {
            flags = r.u32("bitmask truncated")?;
            flag_count = 32;
            if !EXACT && r.pos == input.len() {
                break;
            }
        }
        // A run of literals (0 bits from the current one down) is copied in one go.
        let run = (flags << (32 - flag_count)).leading_zeros().min(flag_count) as usize;
        let n = run.min(input.len() - r.pos).min(end - out.len());
        if n > 0 {
            copy_literals(out, &input[r.pos..], n, end);
            r.pos += n;
            flag_count -= n as u32;
            continue;
        }
        flag_count -= 1;
        if flags & (1 << flag_count) == 0 {
            let b = r.byte("literal truncated")?;
            if out.len() == end {
                return Err(DecodeError::new(
                    ErrorKind::LimitExceeded {
                        limit: "max_decompressed_size",
                        value: (limit + 1) as u64,
                        max: limit as u64,
                    },
                    base + r.pos - 1,
                ));
            }
            out.push(b);
            continue;
        }
        let at = base + r.pos;
        if EXACT && r.pos == input.len() {
            // A 1 bit with no input left is the end marker, but output is still missing.
            return Err(fail(
                "stream ends before the decompressed size is reached",
                at,
            ));
        }
        let meta = r.u16("match metadata truncated")?;
        let distance = usize::from(meta >> 3) + 1;
        let mut length = usize::from(meta & 7);
        if length == 7 {
            let nibble = match shared_nibble.take() {
                Some(p) => input[p] >> 4,
                None => {
                    shared_nibble = Some(r.pos);
                    r.byte("match length nibble truncated")? & 0x0F
                }
            };
            length = usize::from(nibble);
            if length == 15 {
                length = usize::from(r.byte("match length byte truncated")?);
                if length == 255 {
                    length = usize::from(r.u16("match length word truncated")?);
                    if length < 15 + 7 {
                        return Err(fail("match length word below its range", at));
                    }
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += MIN_MATCH;
        let produced = out.len() - start;
        if distance > produced {
            return Err(fail("match offset before the start of the output", at));
        }
        if length > end - out.len() {
            return Err(if EXACT {
                fail("match runs past the decompressed size", at)
            } else {
                DecodeError::new(
                    ErrorKind::LimitExceeded {
                        limit: "max_decompressed_size",
                        value: (produced + length) as u64,
                        max: limit as u64,
                    },
                    at,
                )
            });
        }
        copy_match(out, distance, length, end);
    }
    // The end marker is a 1 bit after the last symbol; when the last bitmask was full it
    // sits in one more bitmask, which is then all that may be left.
    if EXACT && flag_count > 0 && r.pos == input.len() && flags & (1 << (flag_count - 1)) == 0 {
        // A 0 bit here would announce a literal past the end of the input ([MS-XCA] 2.4.4).
        return Err(fail(
            "the bit after the last symbol must be a 1 (end of stream)",
            base + r.pos,
        ));
    }
    if EXACT && flag_count == 0 && input.len() - r.pos == 4 {
        let at = base + r.pos;
        if r.u32("end bitmask truncated")? & 0x8000_0000 == 0 {
            return Err(fail(
                "the bitmask after the last symbol must start with a 1 bit",
                at,
            ));
        }
    }
    if r.pos != input.len() {
        return Err(fail(
            "bytes left over after the decompressed size",
            base + r.pos,
        ));
    }
    Ok(())
}

/// Appends the `n` literal bytes that start `src` (`n` is at most 32, one bitmask's worth, and
/// at most `end - out.len()`). When both sides have room, one fixed 32-byte copy replaces a
/// call to memcpy and the bytes past `n` are cut off again: the output never grows past `end`.
#[inline(always)]
fn copy_literals(out: &mut Vec<u8>, src: &[u8], n: usize, end: usize) {
    let keep = out.len() + n;
    if end - out.len() >= 32 {
        if let Some(chunk) = src.first_chunk::<32>() {
            out.extend_from_slice(chunk);
            out.truncate(keep);
            return;
        }
    }
    out.extend_from_slice(&src[..n]);
}

/// How far a 16-byte pattern of period `d` (the index, 1 to 15) can move on and still line up
/// with itself: the largest multiple of `d` that is at most 16.
const PATTERN_STEP: [usize; 16] = [
    16, 16, 16, 15, 16, 15, 12, 14, 16, 9, 10, 11, 12, 13, 14, 15,
];

/// Appends `length` bytes copied from `distance` bytes back (the caller checked that both fit:
/// `distance <= out.len()` and `length <= end - out.len()`). A match longer than its distance
/// repeats the last `distance` bytes.
///
/// Fast paths write whole 16-byte chunks and then cut the output back to its length, so they
/// need 15 bytes of room past the match; near `end` the exact copy below runs instead.
#[inline(always)]
fn copy_match(out: &mut Vec<u8>, distance: usize, length: usize, end: usize) {
    let len = out.len();
    let from = len - distance;
    let new_len = len + length;
    if end - new_len >= 15 {
        if distance >= 16 {
            if length <= 64 || distance < length {
                // Each chunk reads bytes that are already out: it starts `distance` >= 16
                // bytes before the end of the output.
                let mut f = from;
                while out.len() < new_len {
                    let mut chunk = [0u8; 16];
                    chunk.copy_from_slice(&out[f..f + 16]);
                    out.extend_from_slice(&chunk);
                    f += 16;
                }
                out.truncate(new_len);
            } else {
                out.extend_from_within(from..from + length);
            }
            return;
        }
        // A short period: spell it out over 16 bytes, then lay those down at steps that are
        // whole periods.
        let mut pattern = [0u8; 16];
        pattern[..distance].copy_from_slice(&out[from..len]);
        for k in distance..16 {
            pattern[k] = pattern[k - distance];
        }
        let step = PATTERN_STEP[distance];
        while out.len() < new_len {
            out.extend_from_slice(&pattern);
            out.truncate(out.len() - 16 + step);
        }
        out.truncate(new_len);
        return;
    }
    // Copying from `from` while what follows it is a whole number of periods keeps every
    // copied byte right, and each copy can take twice as much as the one before.
    let mut left = length;
    while left > 0 {
        let n = left.min(out.len() - from);
        out.extend_from_within(from..from + n);
        left -= n;
    }
}

/// Writer state of the DIRECT2 encoding: the open bitmask and the shared length nibble.
struct Encoder {
    out: Vec<u8>,
    /// Where the open bitmask goes in `out`.
    flag_pos: usize,
    /// The open bitmask, filled from its most significant bit.
    flags: u32,
    /// Symbols in the open bitmask.
    flag_count: u32,
    /// Where the byte with a free high nibble is, if any.
    nibble_pos: Option<usize>,
}

impl Encoder {
    fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(&[0; 4]);
        Encoder {
            out,
            flag_pos: 0,
            flags: 0,
            flag_count: 0,
            nibble_pos: None,
        }
    }

    /// Writes the full open bitmask and opens the next one.
    #[inline]
    fn next_bitmask(&mut self) {
        self.out[self.flag_pos..self.flag_pos + 4].copy_from_slice(&self.flags.to_le_bytes());
        self.flag_pos = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        self.flags = 0;
        self.flag_count = 0;
    }

    /// Literal bytes: a 0 bit each, the bytes as they are.
    #[inline(always)]
    fn literals(&mut self, bytes: &[u8]) {
        if bytes.len() <= (32 - self.flag_count) as usize {
            self.out.extend_from_slice(bytes);
            self.flag_count += bytes.len() as u32;
        } else {
            self.literals_across(bytes);
        }
    }

    /// [`Self::literals`] split where a bitmask fills.
    #[inline(never)]
    fn literals_across(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.flag_count == 32 {
                self.next_bitmask();
            }
            let k = bytes.len().min((32 - self.flag_count) as usize);
            let (now, rest) = bytes.split_at(k);
            self.out.extend_from_slice(now);
            self.flag_count += k as u32;
            bytes = rest;
        }
    }

    #[inline]
    fn matched(&mut self, distance: usize, length: usize) {
        debug_assert!((1..=MAX_DISTANCE).contains(&distance));
        debug_assert!((MIN_MATCH..=MAX_MATCH).contains(&length));
        if self.flag_count == 32 {
            self.next_bitmask();
        }
        self.flags |= 0x8000_0000 >> self.flag_count;
        self.flag_count += 1;
        let l = length - MIN_MATCH;
        let d = ((distance - 1) as u16) << 3;
        if l < 7 {
            self.out.extend_from_slice(&(d | l as u16).to_le_bytes());
            return;
        }
        self.out.extend_from_slice(&(d | 7).to_le_bytes());
        let rest = l - 7;
        let nibble = rest.min(15) as u8;
        match self.nibble_pos.take() {
            Some(p) => self.out[p] |= nibble << 4,
            None => {
                self.nibble_pos = Some(self.out.len());
                self.out.push(nibble);
            }
        }
        if rest < 15 {
            return;
        }
        let rest = rest - 15;
        if rest < 255 {
            self.out.push(rest as u8);
        } else {
            self.out.push(255);
            self.out.extend_from_slice(&(l as u16).to_le_bytes());
        }
    }

    /// Ends the stream: a 1 bit must follow the last symbol, in a new bitmask if the open one
    /// is full ([MS-OXCRPC] 3.1.4.1.1.2.2.1); the unused bits are set to 1 as well, which is
    /// what [MS-XCA] plain LZ77 writes.
    fn finish(mut self) -> Vec<u8> {
        if self.flag_count == 32 {
            self.out[self.flag_pos..self.flag_pos + 4].copy_from_slice(&self.flags.to_le_bytes());
            self.out.extend_from_slice(&[0xFF; 4]);
            return self.out;
        }
        let flags = self.flags | (u32::MAX >> self.flag_count);
        self.out[self.flag_pos..self.flag_pos + 4].copy_from_slice(&flags.to_le_bytes());
        self.out
    }
}

/// Bits of the match finder's hash; its table holds `1 << HASH_BITS` positions.
const HASH_BITS: u32 = 14;

/// The 4 bytes at `at` (which has at least 4 bytes after it), little-endian.
#[inline(always)]
fn le32(input: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&input[at..at + 4]);
    u32::from_le_bytes(w)
}

/// The 3 bytes at `i` (which has at least 3 bytes after it), as the low bytes of a u32.
#[inline(always)]
fn seq_at(input: &[u8], i: usize) -> u32 {
    if i + 4 <= input.len() {
        le32(input, i) & 0xFF_FFFF
    } else {
        u32::from(input[i]) | u32::from(input[i + 1]) << 8 | u32::from(input[i + 2]) << 16
    }
}

#[inline(always)]
fn hash(seq: u32) -> usize {
    (seq.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// How many leading bytes `earlier` and `here` share, given that the first [`MIN_MATCH`] are
/// equal; `earlier` is at least as long as `here`. Compared 8 bytes at a time: the first
/// differing byte is the lowest set byte of their XOR.
#[inline(always)]
fn match_len(earlier: &[u8], here: &[u8]) -> usize {
    let earlier = &earlier[MIN_MATCH..here.len()];
    let here = &here[MIN_MATCH..];
    let mut len = 0;
    for (a, b) in earlier.chunks_exact(8).zip(here.chunks_exact(8)) {
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(a);
        y.copy_from_slice(b);
        let diff = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if diff != 0 {
            return MIN_MATCH + len + (diff.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    while len < here.len() && earlier[len] == here[len] {
        len += 1;
    }
    MIN_MATCH + len
}

/// Compresses `input` (at most [`MAX_MATCH`] bytes in one match; any length overall) with a
/// greedy single-candidate hash matcher. The output always decompresses to `input`; whether it
/// is worth sending is the caller's choice (see [`super::ext`]).
///
/// The hash table keeps the low 16 bits of a position (zeroed, it is 32 KB on the stack); a
/// candidate is the position at most 65,535 bytes back that has those bits, and is used only
/// when it is within [`MAX_DISTANCE`] and its first three bytes are the same, so a stale or
/// empty entry can only cost a match, never make a wrong one.
pub fn compress(input: &[u8]) -> Vec<u8> {
    let n = input.len();
    let mut enc = Encoder::new(n / 2 + 16);
    let mut table = [0u16; 1 << HASH_BITS];
    // Start of the literals not written yet.
    let mut anchor = 0;
    let mut i = 0;
    while i + MIN_MATCH <= n {
        let seq = seq_at(input, i);
        let h = hash(seq);
        let distance = usize::from((i as u16).wrapping_sub(table[h]));
        table[h] = i as u16;
        // 1..=MAX_DISTANCE, and not before the start of the input.
        if distance.wrapping_sub(1) >= MAX_DISTANCE.min(i) {
            i += 1;
            continue;
        }
        let c = i - distance;
        // `c + 4 <= i + 3 <= n`.
        if le32(input, c) & 0xFF_FFFF != seq {
            i += 1;
            continue;
        }
        let here = &input[i..(i + MAX_MATCH).min(n)];
        let len = match_len(&input[c..], here);
        enc.literals(&input[anchor..i]);
        enc.matched(distance, len);
        // Index the position after the start of the match and the last two that can start a
        // sequence, so that later text can refer to this one (indexing every position costs
        // time and, on the benchmark rows, size: a later, worse candidate replaces a better one).
        let last = (i + len).min(n - (MIN_MATCH - 1));
        if i + 1 < last {
            table[hash(seq_at(input, i + 1))] = (i + 1) as u16;
        }
        for j in (i + 2).max(last.saturating_sub(2))..last {
            table[hash(seq_at(input, j))] = j as u16;
        }
        i += len;
        anchor = i;
    }
    enc.literals(&input[anchor..]);
    enc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(input: &[u8]) {
        let c = compress(input);
        let d = decompress(&c, input.len(), 0).unwrap();
        assert_eq!(d, input);
    }

    #[test]
    fn round_trips() {
        round(b"");
        round(b"a");
        round(b"abcabcabcabcabcabcabcabcabcabcabc");
        round(&[0u8; 100_000]);
        let text: Vec<u8> = (0..70_000u32)
            .map(|i| (i % 251) as u8 ^ (i / 977) as u8)
            .collect();
        round(&text);
        let mut rows = Vec::new();
        for i in 0..2000 {
            rows.extend_from_slice(
                format!("row {i} subject: weekly report, size {}\n", i * 7).as_bytes(),
            );
        }
        round(&rows);
        assert!(compress(&rows).len() * 3 < rows.len());
    }

    /// Bytes laid out by hand from the DIRECT2 rules: "abc" then a match of 6 at distance 3.
    #[test]
    fn hand_built_stream() {
        // Bitmask: literal, literal, literal, match, then the end-of-stream 1 bit: 00011 then
        // zeros, 0x18000000. Metadata: (distance 3 - 1) << 3 | (6 - 3) = 0x0013.
        let c = [0x00, 0x00, 0x00, 0x18, b'a', b'b', b'c', 0x13, 0x00];
        assert_eq!(decompress(&c, 9, 0).unwrap(), b"abcabcabc");
        // Without the end bit the stream would go on with a literal the input does not hold.
        let c = [0x00, 0x00, 0x00, 0x10, b'a', b'b', b'c', 0x13, 0x00];
        let e = decompress(&c, 9, 0).unwrap_err();
        assert_eq!((e.kind().name(), e.offset()), ("decompression", 9));
        // A match of 3 + 7 + 2 = 12 uses the nibble: metadata low bits 7, nibble byte 0x02.
        let c = [0x00, 0x00, 0x00, 0x18, b'a', b'b', b'c', 0x17, 0x00, 0x02];
        assert_eq!(decompress(&c, 15, 0).unwrap(), b"abcabcabcabcabc");
        // Literal, match, match, end bit (bitmask 0x70000000); the two long matches share one nibble
        // byte, the first taking its low nibble, the second its high nibble.
        let c = [0x00, 0x00, 0x00, 0x70, b'a', 0x07, 0x00, 0x31, 0x07, 0x00];
        // 'a', match(d1, 10 + 1) , match(d1, 10 + 3) -> 1 + 11 + 13 = 25 'a's
        assert_eq!(decompress(&c, 25, 0).unwrap(), vec![b'a'; 25]);
    }

    /// The two byte examples of [MS-XCA] 3.1 (plain LZ77, the same format as DIRECT2).
    #[test]
    fn ms_xca_examples() {
        let mut c = vec![0x3f, 0x00, 0x00, 0x00];
        c.extend(b'a'..=b'z');
        let alphabet: Vec<u8> = (b'a'..=b'z').collect();
        assert_eq!(decompress(&c, 26, 0).unwrap(), alphabet);
        assert_eq!(compress(&alphabet), c);
        let c = [
            0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01,
        ];
        let abc = b"abc".repeat(100);
        assert_eq!(decompress(&c, 300, 0).unwrap(), abc);
        assert_eq!(decompress_unsized(&c, 1000, 0).unwrap(), abc);
        assert_eq!(compress(&abc), c);
    }

    #[test]
    fn end_marker() {
        // Empty input: one bitmask holding only the end bit.
        assert_eq!(compress(b""), [0xff; 4]);
        assert_eq!(decompress(&[0xff; 4], 0, 0).unwrap(), b"");
        // 32 literals fill a bitmask: the end bit needs a new one.
        let input: Vec<u8> = (0..32).collect();
        let c = compress(&input);
        assert_eq!(c.len(), 4 + 32 + 4);
        assert_eq!(&c[..4], &[0, 0, 0, 0]);
        assert_eq!(&c[36..], &[0xff; 4]);
        assert_eq!(decompress(&c, 32, 0).unwrap(), input);
        // That extra bitmask must start with the end bit.
        let mut bad = c.clone();
        bad[39] = 0x7f;
        assert!(decompress(&bad, 32, 0).is_err());
    }

    #[test]
    fn long_lengths_use_byte_and_word() {
        for len in [9, 10, 24, 25, 26, 276, 277, 278, 1000, 0xFFFF + 3] {
            let mut input = vec![b'x'];
            input.extend(std::iter::repeat_n(b'x', len));
            round(&input);
        }
    }

    #[test]
    fn hostile_streams_fail_cleanly() {
        // Match before the start of output.
        let c = [0x00, 0x00, 0x00, 0x80, 0x13, 0x00];
        let e = decompress(&c, 9, 100).unwrap_err();
        assert_eq!(e.kind().name(), "decompression");
        assert_eq!(e.offset(), 104);
        // Match longer than the stated size.
        let c = [
            0x00, 0x00, 0x00, 0x40, b'a', 0x07, 0x00, 0x0f, 0xff, 0xff, 0xff,
        ];
        assert!(decompress(&c, 10, 0).is_err());
        // Truncated input.
        let c = [0x00, 0x00, 0x00, 0x00, b'a'];
        assert!(decompress(&c, 2, 0).is_err());
        assert!(decompress(&[0x00, 0x00], 1, 0).is_err());
        // Trailing bytes.
        let c = [0x00, 0x00, 0x00, 0x00, b'a', b'b'];
        assert!(decompress(&c, 1, 0).is_err());
        // Word length below its range.
        let c = [
            0x00, 0x00, 0x00, 0x40, b'a', 0x07, 0x00, 0x0f, 0xff, 0x05, 0x00,
        ];
        assert!(decompress(&c, 100, 0).is_err());
    }

    #[test]
    fn unsized_stops_at_the_end_of_input() {
        let input = b"abcabcabcabcabcabc, then something else entirely: abcabc";
        let c = compress(input);
        assert_eq!(decompress_unsized(&c, 1 << 20, 0).unwrap(), input);
        // Padding bits set to 1 after the last symbol, as some encoders write them, stop too.
        let c = [0x00, 0x00, 0x00, 0x1F, b'a', b'b', b'c'];
        assert_eq!(decompress_unsized(&c, 100, 0).unwrap(), b"abc");
        // The output limit holds.
        let e = decompress_unsized(&compress(&[7u8; 1000]), 999, 0).unwrap_err();
        assert_eq!(e.kind().name(), "limit-exceeded");
    }

    #[test]
    fn every_prefix_of_a_stream_fails() {
        let input = b"the quick brown fox jumps over the quick brown dog; the quick brown fox";
        let c = compress(input);
        for n in 0..c.len() {
            assert!(decompress(&c[..n], input.len(), 0).is_err(), "prefix {n}");
        }
    }

    /// One symbol of a hand-written stream.
    enum Sym {
        Lit(u8),
        Match(usize, usize),
    }

    /// Writes `syms` as DIRECT2 straight from [MS-OXCRPC] 3.1.4.1.1.2.2: a bitmask before
    /// every 32 symbols, 2-byte metadata, then the shared nibble, a byte, a 2-byte word for
    /// longer lengths, and a 1 end bit (set unused bits to 1).
    fn encode_by_hand(syms: &[Sym]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut mask_at = 0;
        let mut nibble_at: Option<usize> = None;
        for (k, s) in syms.iter().enumerate() {
            if k % 32 == 0 {
                mask_at = out.len();
                out.extend_from_slice(&[0; 4]);
            }
            match *s {
                Sym::Lit(b) => out.push(b),
                Sym::Match(d, len) => {
                    let bit = 31 - (k % 32);
                    let mut m = u32::from_le_bytes(out[mask_at..mask_at + 4].try_into().unwrap());
                    m |= 1 << bit;
                    out[mask_at..mask_at + 4].copy_from_slice(&m.to_le_bytes());
                    let l = len - 3;
                    let low = l.min(7);
                    out.extend_from_slice(&((((d - 1) << 3) | low) as u16).to_le_bytes());
                    if l >= 7 {
                        let nib = (l - 7).min(15) as u8;
                        match nibble_at.take() {
                            Some(p) => out[p] |= nib << 4,
                            None => {
                                nibble_at = Some(out.len());
                                out.push(nib);
                            }
                        }
                        if l >= 22 {
                            if l - 22 < 255 {
                                out.push((l - 22) as u8);
                            } else {
                                out.push(255);
                                out.extend_from_slice(&(l as u16).to_le_bytes());
                            }
                        }
                    }
                }
            }
        }
        let k = syms.len() % 32;
        if k == 0 {
            out.extend_from_slice(&[0xFF; 4]);
        } else {
            let mut m = u32::from_le_bytes(out[mask_at..mask_at + 4].try_into().unwrap());
            m |= (1u32 << (32 - k)) - 1;
            out[mask_at..mask_at + 4].copy_from_slice(&m.to_le_bytes());
        }
        out
    }

    /// What the symbols mean, byte by byte.
    fn expand_by_hand(syms: &[Sym]) -> Vec<u8> {
        let mut out = Vec::new();
        for s in syms {
            match *s {
                Sym::Lit(b) => out.push(b),
                Sym::Match(d, len) => {
                    for _ in 0..len {
                        out.push(out[out.len() - d]);
                    }
                }
            }
        }
        out
    }

    fn check(syms: &[Sym]) {
        let c = encode_by_hand(syms);
        let want = expand_by_hand(syms);
        assert_eq!(decompress(&c, want.len(), 0).unwrap(), want);
        // One byte short of the stated size: the last match (or literal) does not fit.
        if !want.is_empty() {
            assert!(decompress(&c, want.len() - 1, 0).is_err());
        }
    }

    fn lits(bytes: impl IntoIterator<Item = u8>) -> Vec<Sym> {
        bytes.into_iter().map(Sym::Lit).collect()
    }

    /// Overlapping copies at every short distance and a range of lengths, the match ending
    /// exactly at the stated size, then with room after it (where the chunked copies run).
    #[test]
    fn short_distances_and_lengths() {
        for d in 1..=20 {
            for len in (3..=40).chain([63, 64, 65, 100, 1000]) {
                let mut syms = lits((0..d as u8).map(|b| b.wrapping_mul(37) ^ 0x5A));
                syms.push(Sym::Match(d, len));
                check(&syms);
                syms.extend(lits(*b"tail bytes after the match, 32+"));
                syms.push(Sym::Match(d.max(3), 5));
                check(&syms);
            }
        }
    }

    /// Lengths on each side of where the encoding changes: 3 + 7 (nibble), 3 + 7 + 15 (byte),
    /// 3 + 7 + 15 + 255 (word), and the longest.
    #[test]
    fn length_encoding_boundaries() {
        for len in [3, 9, 10, 11, 24, 25, 26, 27, 279, 280, 281, 1000, MAX_MATCH] {
            for d in [1, 2, 7, 16, 17, 300] {
                let mut syms = lits((0..300u32).map(|i| (i * 7 % 256) as u8));
                syms.push(Sym::Match(d, len));
                syms.push(Sym::Match(d, len.min(30)));
                syms.extend(lits(*b"end"));
                check(&syms);
            }
        }
    }

    /// A match reaching back exactly [`MAX_DISTANCE`] bytes, to the first byte of the output.
    #[test]
    fn match_at_max_distance() {
        let mut syms = lits((0..MAX_DISTANCE as u32).map(|i| (i % 253) as u8 ^ (i / 253) as u8));
        syms.push(Sym::Match(MAX_DISTANCE, 20));
        syms.push(Sym::Match(MAX_DISTANCE, 3));
        check(&syms);
        // One more is not expressible; 8193 literals and a match at 8192 reach byte 1.
        let mut syms = lits((0..=MAX_DISTANCE as u32).map(|i| (i % 251) as u8));
        syms.push(Sym::Match(MAX_DISTANCE, 50));
        check(&syms);
    }

    /// Literal runs of every length up to a whole bitmask, ending at the stated size or not.
    #[test]
    fn literal_runs() {
        for run in 0..=70u32 {
            let mut syms = lits((0..run).map(|i| (i * 11) as u8));
            check(&syms);
            syms.insert(0, Sym::Lit(1));
            syms.insert(1, Sym::Lit(2));
            syms.insert(2, Sym::Lit(3));
            syms.insert(3, Sym::Match(3, 3));
            syms.push(Sym::Match(2, 4));
            check(&syms);
        }
    }

    /// The compressor on inputs whose matches sit at the short distances, the longest
    /// distance and the length boundaries, decoded by the byte-by-byte reading of the stream.
    #[test]
    fn compressed_output_reads_back_by_hand() {
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for d in 1..=17usize {
            let mut v: Vec<u8> = (0..d as u8).collect();
            for k in 0..300 {
                v.push(v[v.len() - d]);
                if k % 97 == 0 {
                    v.push(200 + k as u8 % 50);
                }
            }
            inputs.push(v);
        }
        let block: Vec<u8> = (0..MAX_DISTANCE as u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        inputs.push([&block[..], &block[..100]].concat());
        for len in [9, 10, 24, 25, 279, 280] {
            inputs.push([&b"xyz0"[..], &b"xyz0".repeat(len / 4 + 1)[..len], b"!"].concat());
        }
        for input in inputs {
            let c = compress(&input);
            assert_eq!(decompress(&c, input.len(), 0).unwrap(), input);
            assert_eq!(read_by_hand(&c, input.len()), input);
        }
    }

    /// A plain reading of a DIRECT2 stream, one symbol at a time.
    fn read_by_hand(c: &[u8], size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut p = 0;
        let mut nibble: Option<usize> = None;
        let mut mask = 0u32;
        let mut left = 0;
        while out.len() < size {
            if left == 0 {
                mask = u32::from_le_bytes(c[p..p + 4].try_into().unwrap());
                p += 4;
                left = 32;
            }
            left -= 1;
            if mask >> left & 1 == 0 {
                out.push(c[p]);
                p += 1;
                continue;
            }
            let m = usize::from(u16::from_le_bytes([c[p], c[p + 1]]));
            p += 2;
            let mut len = m & 7;
            if len == 7 {
                len = match nibble.take() {
                    Some(at) => usize::from(c[at] >> 4),
                    None => {
                        nibble = Some(p);
                        p += 1;
                        usize::from(c[p - 1] & 15)
                    }
                };
                if len == 15 {
                    len = usize::from(c[p]);
                    p += 1;
                    if len == 255 {
                        len = usize::from(u16::from_le_bytes([c[p], c[p + 1]])) - 22;
                        p += 2;
                    }
                    len += 15;
                }
                len += 7;
            }
            for _ in 0..len + 3 {
                out.push(out[out.len() - (m >> 3) - 1]);
            }
        }
        out
    }
}
