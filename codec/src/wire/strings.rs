//! Null-terminated strings, kept as their wire bytes.

use std::borrow::Cow;
use std::fmt;

use bytes::BufMut;

use super::codec::{Decode, Encode};
use super::error::{DecodeError, EncodeError, EncodeErrorKind};
use super::reader::Reader;

/// A null-terminated UTF-16LE string ([MS-OXCDATA] 2.11.1 PtypString), kept as its wire bytes
/// without the terminator. Unpaired surrogates survive a round trip: text is decoded only when
/// asked for ([`Utf16Str::to_string_lossy`], [`Utf16Str::to_text`]).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Utf16Str<'a>(Cow<'a, [u8]>);

impl<'a> Utf16Str<'a> {
    /// Wraps wire bytes (no terminator). Fails on an odd length or an interior NUL code unit.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self, EncodeError> {
        if bytes.len() % 2 != 0 {
            return Err(EncodeError::invalid("UTF-16 bytes of odd length"));
        }
        if bytes.chunks_exact(2).any(|c| c == [0, 0]) {
            return Err(EncodeError::invalid("UTF-16 string with an interior NUL"));
        }
        Ok(Utf16Str(Cow::Borrowed(bytes)))
    }

    /// Encodes `s` (which must not contain NUL).
    pub fn from_text(s: &str) -> Result<Utf16Str<'static>, EncodeError> {
        if s.contains('\0') {
            return Err(EncodeError::invalid("UTF-16 string with an interior NUL"));
        }
        let mut v = Vec::with_capacity(s.len() * 2);
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        Ok(Utf16Str(Cow::Owned(v)))
    }

    /// The wire bytes, without the terminator.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The UTF-16 code units.
    pub fn units(&self) -> impl Iterator<Item = u16> + '_ {
        self.0
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
    }

    /// Number of code units (without the terminator).
    pub fn len_units(&self) -> usize {
        self.0.len() / 2
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text, or `None` if it holds unpaired surrogates.
    pub fn to_text(&self) -> Option<String> {
        utf16_text(&self.0)
    }

    /// The text, unpaired surrogates replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        let b = self.as_bytes();
        // Most strings are ASCII: their text is every other byte, copied in one pass.
        if b.chunks_exact(2).all(|u| u[1] == 0 && u[0] < 0x80) {
            let ascii: Vec<u8> = b.chunks_exact(2).map(|u| u[0]).collect();
            if let Ok(text) = String::from_utf8(ascii) {
                return text;
            }
        }
        let mut text = String::with_capacity(b.len() / 2);
        for c in char::decode_utf16(self.units()) {
            text.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        text
    }

    /// Whether the bytes are borrowed (dropping the string frees nothing).
    #[inline]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// An owned copy.
    pub fn into_owned(self) -> Utf16Str<'static> {
        Utf16Str(Cow::Owned(self.0.into_owned()))
    }

    /// The same string, borrowing its bytes from `self` (no copy, no check: they were checked
    /// when `self` was made).
    #[inline]
    pub(crate) fn reborrow(&self) -> Utf16Str<'_> {
        Utf16Str(Cow::Borrowed(&self.0))
    }
}

/// UTF-16LE bytes as text: `None` for an odd length or an unpaired surrogate.
pub(crate) fn utf16_text(b: &[u8]) -> Option<String> {
    if b.len() % 2 != 0 {
        return None;
    }
    char::decode_utf16(b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])))
        .collect::<Result<String, _>>()
        .ok()
}

impl fmt::Debug for Utf16Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string_lossy(), f)
    }
}

impl<'a> Decode<'a> for Utf16Str<'a> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.utf16z().map(|b| Utf16Str(Cow::Borrowed(b)))
    }
}

impl Encode for Utf16Str<'_> {
    fn encoded_len(&self) -> usize {
        self.0.len() + 2
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        super::codec::ensure_room(out, self.encoded_len())?;
        out.put_slice(&self.0);
        out.put_u16_le(0);
        Ok(())
    }
}

/// A null-terminated 8-bit string ([MS-OXCDATA] 2.11.1 PtypString8) in a code page chosen
/// elsewhere, kept as its wire bytes without the terminator.
///
/// The bytes are never changed: text is decoded only when asked for, in a code page the caller
/// names ([`AnsiStr::to_string_lossy_in`], [`AnsiStr::to_text_in`]). Address-book bodies name
/// theirs in STAT.CodePage or a CodePage field ([MS-OXNSPI] 2.2.8); see
/// [`crate::wire::codepage`] for the code pages known.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnsiStr<'a>(Cow<'a, [u8]>);

impl<'a> AnsiStr<'a> {
    /// Wraps wire bytes (no terminator). Fails on an interior NUL.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self, EncodeError> {
        if bytes.contains(&0) {
            return Err(EncodeError::invalid("8-bit string with an interior NUL"));
        }
        Ok(AnsiStr(Cow::Borrowed(bytes)))
    }

    /// Owned wire bytes (no terminator). Fails on an interior NUL.
    pub fn from_vec(bytes: Vec<u8>) -> Result<AnsiStr<'static>, EncodeError> {
        if bytes.contains(&0) {
            return Err(EncodeError::invalid("8-bit string with an interior NUL"));
        }
        Ok(AnsiStr(Cow::Owned(bytes)))
    }

    /// The wire bytes, without the terminator.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text in Windows code page `code_page`, each byte sequence that is not valid in it
    /// replaced by U+FFFD; `None` when the code page is not one the crate knows.
    ///
    /// Borrows the wire bytes when they need no decoding (ASCII text in an ASCII-compatible
    /// code page, valid UTF-8 in code page 65001). The known code pages, the multi-byte ones
    /// (932, 936, 949, 950, ...) included, and how each is read are listed in
    /// [`crate::wire::codepage`].
    ///
    /// ```
    /// use mapi_codec::wire::AnsiStr;
    ///
    /// // "日本語" in Shift-JIS (code page 932).
    /// let s = AnsiStr::from_wire(b"\x93\xfa\x96\x7b\x8c\xea").unwrap();
    /// assert_eq!(s.to_string_lossy_in(932).as_deref(), Some("日本語"));
    /// // A lead byte with no trail byte: replaced, the wire bytes untouched.
    /// let cut = AnsiStr::from_wire(b"\x93\xfa\x96").unwrap();
    /// assert_eq!(cut.to_string_lossy_in(932).as_deref(), Some("日\u{FFFD}"));
    /// assert_eq!(cut.as_bytes(), b"\x93\xfa\x96");
    /// // EBCDIC (code page 37) is not known.
    /// assert_eq!(s.to_string_lossy_in(37), None);
    /// ```
    pub fn to_string_lossy_in(&self, code_page: u32) -> Option<Cow<'_, str>> {
        super::codepage::decode_in(code_page, &self.0).map(|(text, _)| text)
    }

    /// The text in Windows code page `code_page`, or `None` when the code page is not known
    /// or some bytes are not valid in it (for the text with U+FFFD in their place, see
    /// [`AnsiStr::to_string_lossy_in`]).
    ///
    /// ```
    /// use mapi_codec::wire::AnsiStr;
    ///
    /// // "中文" in GBK (code page 936).
    /// let s = AnsiStr::from_wire(b"\xd6\xd0\xce\xc4").unwrap();
    /// assert_eq!(s.to_text_in(936).as_deref(), Some("中文"));
    /// // 0xE9 is not US-ASCII (code page 20127).
    /// assert_eq!(AnsiStr::from_wire(b"caf\xe9").unwrap().to_text_in(20127), None);
    /// ```
    pub fn to_text_in(&self, code_page: u32) -> Option<Cow<'_, str>> {
        match super::codepage::decode_in(code_page, &self.0)? {
            (text, false) => Some(text),
            (_, true) => None,
        }
    }

    /// The text read as Windows-1252, the code page of most captures when no other is known:
    /// the same as [`AnsiStr::to_string_lossy_in`] with code page 1252, which decodes every
    /// byte (0x81, 0x8D, 0x8F, 0x90 and 0x9D to the C1 controls of the same value, as Windows
    /// does).
    pub fn to_string_cp1252(&self) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&self.0)
            .0
            .into_owned()
    }

    /// Whether the bytes are borrowed (dropping the string frees nothing).
    #[inline]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// An owned copy.
    pub fn into_owned(self) -> AnsiStr<'static> {
        AnsiStr(Cow::Owned(self.0.into_owned()))
    }

    /// The same string, borrowing its bytes from `self` (no copy, no check: they were checked
    /// when `self` was made).
    #[inline]
    pub(crate) fn reborrow(&self) -> AnsiStr<'_> {
        AnsiStr(Cow::Borrowed(&self.0))
    }
}

impl fmt::Debug for AnsiStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string_cp1252(), f)
    }
}

impl<'a> Decode<'a> for AnsiStr<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.ansiz().map(|b| AnsiStr(Cow::Borrowed(b)))
    }
}

impl Encode for AnsiStr<'_> {
    fn encoded_len(&self) -> usize {
        self.0.len() + 1
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        super::codec::ensure_room(out, self.encoded_len())?;
        out.put_slice(&self.0);
        out.put_u8(0);
        Ok(())
    }
}

/// A 2-byte size, then an 8-bit string with its terminating NUL, which the size counts; or
/// nothing at all (size 0). The Essdn of RopLogon ([MS-OXCROPS] 2.2.3.1.1: EssdnSize, then "a
/// null-terminated ASCII string", empty for a public folders logon).
///
/// The wire bytes are kept, terminator included. Build one with [`AnsiZ16::new`] (which adds
/// the terminator) or [`AnsiZ16::from_wire`] (which checks it). Decoding is tolerant and
/// lossless, as for [`Bool8`](super::Bool8): bytes without their terminator, or with a NUL
/// before the end, are kept as sent ([`AnsiZ16::from_wire_as_sent`]), re-encode as they
/// came, and carry a conformance note on their tree; [`Limits::strict`](super::Limits)
/// decoding refuses them.
///
/// ```
/// use mapi_codec::wire::{AnsiZ16, Decode, Encode, Limits};
///
/// let essdn = AnsiZ16::new(b"/o=Org/cn=user").unwrap();
/// assert_eq!(essdn.as_wire().last(), Some(&0));
/// assert_eq!(essdn.text(), Some(&b"/o=Org/cn=user"[..]));
/// // Without its NUL: refused when built, kept (with a note) when decoded.
/// assert!(AnsiZ16::from_wire(b"/o=Org").is_err());
/// let sent = [6, 0, b'/', b'o', b'=', b'O', b'r', b'g'];
/// let kept = AnsiZ16::decode_exact(&sent, Limits::DEFAULT).unwrap();
/// assert!(!kept.is_terminated());
/// assert_eq!(kept.to_bytes().unwrap(), sent);
/// assert!(AnsiZ16::decode_exact(&sent, Limits::STRICT).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct AnsiZ16<'a>(Cow<'a, [u8]>);

/// Whether `b` is empty or one string and its terminator (no NUL before the last byte).
fn terminated8(b: &[u8]) -> bool {
    match b.split_last() {
        None => true,
        Some((&last, text)) => last == 0 && !text.contains(&0),
    }
}

impl<'a> AnsiZ16<'a> {
    /// `text` and the terminator added to it. Fails on a NUL in `text`, or when the whole
    /// does not fit the 2-byte size.
    pub fn new(text: &[u8]) -> Result<AnsiZ16<'static>, EncodeError> {
        if text.contains(&0) {
            return Err(EncodeError::new(EncodeErrorKind::Unterminated {
                what: "an 8-bit string with a NUL inside",
            }));
        }
        super::codec::u16_len(text.len() + 1, "size")?;
        let mut v = Vec::with_capacity(text.len() + 1);
        v.extend_from_slice(text);
        v.push(0);
        Ok(AnsiZ16(Cow::Owned(v)))
    }

    /// Wire bytes that hold the terminator: empty, or a string and one NUL at the end.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self, EncodeError> {
        if !terminated8(bytes) {
            return Err(EncodeError::new(EncodeErrorKind::Unterminated {
                what: "an 8-bit string",
            }));
        }
        Ok(AnsiZ16(Cow::Borrowed(bytes)))
    }

    /// Wire bytes kept as sent, terminated or not: what tolerant decoding keeps, so that a
    /// capture re-encodes byte-exact. [`AnsiZ16::is_terminated`] tells which.
    pub fn from_wire_as_sent(bytes: Cow<'a, [u8]>) -> Self {
        AnsiZ16(bytes)
    }

    /// The wire bytes, terminator included (what the size counts).
    pub fn as_wire(&self) -> &[u8] {
        &self.0
    }

    /// Whether the bytes are empty or a string and its terminator.
    pub fn is_terminated(&self) -> bool {
        terminated8(&self.0)
    }

    /// Whether there are no bytes (size 0).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The string without its terminator (empty for size 0); `None` when the bytes are not
    /// terminated.
    pub fn text(&self) -> Option<&[u8]> {
        match self.0.split_last() {
            None => Some(&[]),
            Some((_, text)) if self.is_terminated() => Some(text),
            Some(_) => None,
        }
    }

    /// An owned copy.
    pub fn into_owned(self) -> AnsiZ16<'static> {
        AnsiZ16(Cow::Owned(self.0.into_owned()))
    }
}

impl fmt::Debug for AnsiZ16<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text() {
            Some(text) => fmt::Debug::fmt(&AnsiStr(Cow::Borrowed(text)), f),
            None => write!(f, "unterminated{:?}", &self.0[..]),
        }
    }
}

impl<'a> Decode<'a> for AnsiZ16<'a> {
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let at = r.offset();
        let n = usize::from(r.u16()?);
        let b = r.bytes(n)?;
        if r.limits().strict && !terminated8(b) {
            return Err(r.invalid_at(
                at,
                "an 8-bit string without its terminating NUL, or with a NUL inside",
                n as u64,
            ));
        }
        Ok(AnsiZ16(Cow::Borrowed(b)))
    }
}

impl Encode for AnsiZ16<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.0.len()
    }
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        super::codec::u16_len(self.0.len(), "size")?.encode(out)?;
        super::codec::ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl crate::tree::ToTree for AnsiZ16<'_> {
    /// The text (each byte as the character of the same value: ASCII) when it is one; no
    /// bytes (size 0) as such; otherwise the bytes, with a note.
    fn to_tree(&self) -> crate::tree::Tree {
        use crate::tree::Tree;
        if self.0.is_empty() {
            return Tree::Bytes(Vec::new());
        }
        match self.text() {
            Some(text) => Tree::Text(text.iter().map(|&c| char::from(c)).collect()),
            None => Tree::Bytes(self.0.to_vec()).with_note(
                "a null-terminated string without its terminating NUL (or with a NUL inside), \
                 kept as sent (strict decoding refuses it)",
            ),
        }
    }
}

/// Any bytes: decoding keeps whatever was sent, so every value reads back.
#[cfg(feature = "arbitrary")]
impl<'u> arbitrary::Arbitrary<'u> for AnsiZ16<'_> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        let mut v: Vec<u8> = u.arbitrary()?;
        v.truncate(usize::from(u16::MAX));
        Ok(AnsiZ16(Cow::Owned(v)))
    }
}

/// Strings without an interior NUL (the encoder's terminator would end them early), owned.
#[cfg(feature = "arbitrary")]
impl<'u> arbitrary::Arbitrary<'u> for Utf16Str<'_> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        let n = u.arbitrary_len::<u16>()?;
        let mut v = Vec::with_capacity(2 * n);
        for _ in 0..n {
            let unit = u.arbitrary::<u16>()?.max(1);
            v.extend_from_slice(&unit.to_le_bytes());
        }
        Ok(Utf16Str(Cow::Owned(v)))
    }
}

/// Strings without an interior NUL, owned.
#[cfg(feature = "arbitrary")]
impl<'u> arbitrary::Arbitrary<'u> for AnsiStr<'_> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'u>) -> arbitrary::Result<Self> {
        let n = u.arbitrary_len::<u8>()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(u.arbitrary::<u8>()?.max(1));
        }
        Ok(AnsiStr(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trip_and_prefixes() {
        let s = Utf16Str::from_text("Inbox \u{1F600}").unwrap();
        let bytes = s.to_bytes().unwrap();
        let (rest, back) = Utf16Str::decode(&bytes).unwrap();
        assert!(rest.is_empty());
        assert_eq!(back, s);
        assert_eq!(back.to_text().as_deref(), Some("Inbox \u{1F600}"));
        for n in 0..bytes.len() {
            assert!(Utf16Str::decode(&bytes[..n]).is_err(), "prefix {n}");
        }
    }

    #[test]
    fn utf16_terminator_is_code_unit_aligned() {
        // 0x41 0x00 0x00 0x42: the zero bytes straddle two units, so no terminator yet.
        let b = [0x41, 0x00, 0x00, 0x42, 0x00, 0x00];
        let (rest, s) = Utf16Str::decode(&b).unwrap();
        assert!(rest.is_empty());
        assert_eq!(s.as_bytes(), &[0x41, 0x00, 0x00, 0x42]);
    }

    #[test]
    fn unpaired_surrogate_survives() {
        let b = [0x00, 0xD8, 0x00, 0x00];
        let (_, s) = Utf16Str::decode(&b).unwrap();
        assert_eq!(s.to_text(), None);
        assert_eq!(s.to_string_lossy(), "\u{FFFD}");
        assert_eq!(s.to_bytes().unwrap(), b);
    }

    #[test]
    fn lossy_text_of_ascii_and_other_strings() {
        // Units as written, against the text std's UTF-16 decoder gives for them.
        let cases: [&[u16]; 6] = [
            &[],
            &[0x41, 0x42, 0x7F],
            &[0x41, 0x80, 0x42],
            &[0x4E2D, 0x6587],
            &[0xD83D, 0xDE00, 0x41],
            &[0x41, 0xDC00, 0x42],
        ];
        for units in cases {
            let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
            let want = String::from_utf16_lossy(units);
            assert_eq!(Utf16Str::from_wire(&bytes).unwrap().to_string_lossy(), want);
        }
        // 0x0141 has a zero low byte's partner: not ASCII, so not every other byte.
        let s = Utf16Str::from_wire(&[0x41, 0x01]).unwrap();
        assert_eq!(s.to_string_lossy(), "\u{141}");
    }

    #[test]
    fn interior_nul_rejected_on_construction() {
        assert!(Utf16Str::from_text("a\0b").is_err());
        assert!(Utf16Str::from_wire(&[0, 0]).is_err());
        assert!(Utf16Str::from_wire(&[1]).is_err());
        assert!(AnsiStr::from_wire(b"a\0").is_err());
    }

    #[test]
    fn ansi_cp1252() {
        let (_, s) = AnsiStr::decode(b"\x80 caf\xe9\0").unwrap();
        assert_eq!(s.to_string_cp1252(), "\u{20AC} caf\u{e9}");
        assert!(AnsiStr::decode(b"abc").is_err());
    }

    /// `to_string_cp1252` is code page 1252 of `to_string_lossy_in`, byte for byte; the
    /// expected characters of 0x80..=0x9F are the table this crate carried before it used
    /// encoding_rs (Windows' code page 1252: the five unassigned bytes are C1 controls).
    #[test]
    fn cp1252_every_byte() {
        const HIGH: [u32; 32] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
            0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
            0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
        ];
        for b in 1..=0xFFu8 {
            let s = AnsiStr::from_wire(std::slice::from_ref(&b)).unwrap();
            let want = match b {
                0x80..=0x9F => char::from_u32(HIGH[usize::from(b - 0x80)]).unwrap(),
                _ => char::from(b),
            };
            assert_eq!(s.to_string_cp1252(), want.to_string(), "byte {b:#04x}");
            assert_eq!(s.to_text_in(1252).as_deref(), Some(&*want.to_string()));
        }
    }

    #[test]
    fn ansi_in_code_pages() {
        let ascii = AnsiStr::from_wire(b"Inbox").unwrap();
        // Pure ASCII borrows the wire bytes in an ASCII-compatible code page.
        assert!(matches!(
            ascii.to_string_lossy_in(932),
            Some(Cow::Borrowed("Inbox"))
        ));
        assert!(matches!(
            ascii.to_text_in(20127),
            Some(Cow::Borrowed("Inbox"))
        ));
        let e = AnsiStr::from_wire(b"caf\xe9").unwrap();
        assert_eq!(e.to_string_lossy_in(20127).as_deref(), Some("caf\u{FFFD}"));
        assert_eq!(e.to_text_in(28591).as_deref(), Some("caf\u{e9}"));
        // Invalid UTF-8 in code page 65001: replaced, not dropped.
        let bad = AnsiStr::from_wire(b"a\xffb").unwrap();
        assert_eq!(bad.to_string_lossy_in(65001).as_deref(), Some("a\u{FFFD}b"));
        assert_eq!(bad.to_text_in(65001), None);
        // A byte-order mark is part of the string.
        let bom = AnsiStr::from_wire(b"\xef\xbb\xbfa").unwrap();
        assert_eq!(bom.to_text_in(65001).as_deref(), Some("\u{FEFF}a"));
        // Unknown: EBCDIC, UTF-16 (no 8-bit form), a number past 16 bits, the "system
        // default" placeholders, and a code page number the Web maps to the replacement
        // decoder (50225, ISO-2022-KR).
        for cp in [37, 1200, 1201, 0x1_04E4, 0, 1, 50225] {
            assert_eq!(ascii.to_string_lossy_in(cp), None, "code page {cp}");
            assert_eq!(ascii.to_text_in(cp), None, "code page {cp}");
        }
    }
}
