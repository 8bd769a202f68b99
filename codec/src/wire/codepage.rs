//! 8-bit strings in the code page the client chose ([MS-OXNSPI] 2.2.8 STAT.CodePage, the
//! CodePage of the Bind request's STAT or of a response body): kept as wire bytes, decoded for
//! display only.
//!
//! A code page is a Windows code page number, kept as the `u32` of the wire. The decoders are
//! those of `encoding_rs` (the WHATWG Encoding Standard), chosen by number with the `codepage`
//! crate: the single-byte Windows and ISO 8859 code pages, KOI8, UTF-8 (65001), and the
//! multi-byte ones of East Asia: 932 (Shift-JIS), 936 (GBK), 949 (Unified Hangul Code), 950
//! (Big5), 20932 (EUC-JP), 54936 (GB 18030), 50220 to 50222 (ISO-2022-JP). Two are
//! read here rather than as the Web reads them: 20127 (US-ASCII: bytes above 0x7F are invalid)
//! and 28591 (ISO 8859-1: each byte is the code point of the same value). The Web's decoders
//! agree with Windows on the text that is in use; they differ on a handful of rare or
//! vendor-specific byte sequences (in Big5 notably).
//!
//! A code page number the crate does not know (EBCDIC such as 37, UTF-16 1200/1201, numbers
//! past 16 bits, the placeholders 0 and 1 for "the system's default") gives no text: the tree
//! shows the bytes and the code page. Bytes not valid in a known code page are shown as
//! U+FFFD in the text, beside the bytes. The wire bytes themselves are never changed, so
//! re-encoding stays byte-exact whatever the code page.

use std::borrow::Cow;

use crate::tree::Tree;
use crate::wire::AnsiStr;

/// Windows-1252, the default when a body names no code page.
pub const CP_WINLATIN1: u32 = 1252;
/// UTF-8.
pub const CP_UTF8: u32 = 65001;
/// ISO 8859-1 (Latin-1).
pub const CP_LATIN1: u32 = 28591;
/// US-ASCII.
pub const CP_USASCII: u32 = 20127;

/// How the bytes of one Windows code page are read.
#[derive(Clone, Copy)]
enum Charset {
    /// US-ASCII (20127): bytes 0x80..=0xFF are not valid.
    Ascii,
    /// ISO 8859-1 (28591): each byte is the code point of the same value.
    Latin1,
    /// A decoder of the WHATWG Encoding Standard.
    Encoding(&'static encoding_rs::Encoding),
}

/// The reading of `code_page`, or `None` when the crate does not know it.
///
/// The `codepage` crate maps Windows code page numbers to `encoding_rs` decoders. Three
/// exceptions, where its Web-oriented mapping does not fit strings on the MAPI wire:
/// - 20127 (US-ASCII) is not in its table, and the Web reads the label as Windows-1252; here
///   bytes above 0x7F are invalid, as they are in ASCII;
/// - 28591 (ISO 8859-1) is Windows-1252 on the Web; here it is ISO 8859-1 as Windows reads it
///   (0x80..=0x9F are the C1 controls, not the Windows-1252 punctuation);
/// - UTF-16 (1200, 1201) cannot hold a string ended by a single zero byte: unknown here.
fn charset(code_page: u32) -> Option<Charset> {
    match code_page {
        CP_USASCII => Some(Charset::Ascii),
        CP_LATIN1 => Some(Charset::Latin1),
        _ => {
            let e = codepage::to_encoding_no_replacement(u16::try_from(code_page).ok()?)?;
            let utf16 = e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE;
            (!utf16).then_some(Charset::Encoding(e))
        }
    }
}

/// `bytes` decoded in `code_page`, invalid sequences replaced by U+FFFD, and whether there
/// were any; `None` when the code page is not known. A byte-order mark is kept as U+FEFF:
/// it is part of the string's bytes.
pub(crate) fn decode_in(code_page: u32, bytes: &[u8]) -> Option<(Cow<'_, str>, bool)> {
    Some(match charset(code_page)? {
        Charset::Latin1 => (encoding_rs::mem::decode_latin1(bytes), false),
        Charset::Ascii if bytes.is_ascii() => (encoding_rs::mem::decode_latin1(bytes), false),
        Charset::Ascii => {
            let text = bytes
                .iter()
                .map(|&b| match b {
                    0..=0x7F => char::from(b),
                    _ => char::REPLACEMENT_CHARACTER,
                })
                .collect::<String>();
            (Cow::Owned(text), true)
        }
        Charset::Encoding(e) => e.decode_without_bom_handling(bytes),
    })
}

/// The tree of an 8-bit string ([MS-OXCDATA] 2.11.1 PtypString8; `bytes` without the
/// terminator) in `code_page` ([MS-OXNSPI] 2.2.8 STAT.CodePage):
/// - its text, when the code page is known and every byte valid in it;
/// - `Text` (invalid sequences as U+FFFD), `Bytes` and `CodePage`, when some bytes are not
///   valid in the code page;
/// - `Bytes` and `CodePage` when the code page is not known, or the bytes hold a NUL (an
///   8-bit string cannot).
///
/// The text is that of [`AnsiStr::to_string_lossy_in`].
pub fn string8_tree(code_page: u32, bytes: &[u8]) -> Tree {
    let s = AnsiStr::from_wire(bytes).ok();
    if let Some(text) = s.as_ref().and_then(|s| s.to_text_in(code_page)) {
        return Tree::Text(text.into_owned());
    }
    let mut t = Tree::record();
    if let Some(text) = s.as_ref().and_then(|s| s.to_string_lossy_in(code_page)) {
        t = t.field("Text", Tree::Text(text.into_owned()));
    }
    t.field("Bytes", Tree::Bytes(bytes.to_vec()))
        .field("CodePage", Tree::UInt(code_page.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `bytes` in `code_page`, or `None` (unknown code page or invalid bytes).
    fn text(code_page: u32, bytes: &[u8]) -> Option<String> {
        AnsiStr::from_wire(bytes)
            .unwrap()
            .to_text_in(code_page)
            .map(|t| t.into_owned())
    }

    // Every expected text below was checked against the bytes with two decoders that share
    // no code with this crate: Python 3.11 (`bytes.decode("cp932")`, ...) and glibc iconv
    // (`iconv -f CP932 -t UTF-8`), except where a comment says otherwise.

    #[test]
    fn cp932_shift_jis() {
        assert_eq!(
            text(932, b"\x93\xfa\x96\x7b\x8c\xea").as_deref(),
            Some("日本語")
        );
        // ソ is 0x83 0x5C: its trail byte is ASCII '\', and must not be read as one.
        assert_eq!(
            text(932, b"\x83\x5c\x83\x74\x83\x67").as_deref(),
            Some("ソフト")
        );
        // Half-width katakana are single bytes (0xB1 = ｱ).
        assert_eq!(text(932, b"\xb1").as_deref(), Some("ｱ"));
    }

    #[test]
    fn cp936_gbk() {
        assert_eq!(text(936, b"\xd6\xd0\xce\xc4").as_deref(), Some("中文"));
        // 喆 (0x86 0xB4) is in GBK's extension, outside GB 2312.
        assert_eq!(text(936, b"\xd5\xc5\x86\xb4").as_deref(), Some("张喆"));
        // 0x80 is the euro sign in code page 936 (checked with iconv only: Python's cp936
        // leaves 0x80 undefined).
        assert_eq!(text(936, b"\x80").as_deref(), Some("€"));
    }

    #[test]
    fn cp949_unified_hangul() {
        assert_eq!(
            text(949, b"\xc7\xd1\xb1\xb9\xbe\xee").as_deref(),
            Some("한국어")
        );
        // 똠 (0x8C 0x63) is one of the syllables code page 949 adds to EUC-KR.
        assert_eq!(text(949, b"\x8c\x63").as_deref(), Some("똠"));
    }

    #[test]
    fn cp950_big5() {
        assert_eq!(
            text(950, b"\xc1\x63\xc5\xe9\xa4\xa4\xa4\xe5").as_deref(),
            Some("繁體中文")
        );
    }

    #[test]
    fn other_code_pages_of_east_asia_and_beyond() {
        assert_eq!(
            text(20932, b"\xc6\xfc\xcb\xdc\xb8\xec").as_deref(),
            Some("日本語")
        );
        // A four-byte sequence of GB 18030.
        assert_eq!(text(54936, b"\x81\x30\x8a\x32").as_deref(), Some("å"));
        assert_eq!(text(50220, b"\x1b$BF|K\\\x1b(B").as_deref(), Some("日本"));
        assert_eq!(text(874, b"\xe4\xb7\xc2").as_deref(), Some("ไทย"));
        assert_eq!(text(1255, b"\xf9\xec\xe5\xed").as_deref(), Some("שלום"));
    }

    #[test]
    fn single_byte_code_pages() {
        assert_eq!(text(1252, b"\x80").as_deref(), Some("€"));
        assert_eq!(text(1252, b"Ren\xe9e").as_deref(), Some("Renée"));
        assert_eq!(text(28591, b"\x80").as_deref(), Some("\u{80}"));
        assert_eq!(text(1251, b"\xcf\xf0\xe8").as_deref(), Some("При"));
        assert_eq!(text(1250, b"\xb3\xf3d\x9f").as_deref(), Some("łódź"));
        assert_eq!(text(28605, b"\xa4").as_deref(), Some("€"));
        assert_eq!(text(20866, b"\xf0\xd2\xc9").as_deref(), Some("При"));
        assert_eq!(text(65001, "é".as_bytes()).as_deref(), Some("é"));
        // Not valid in the code page: 0xAA in 1253, 0xE9 in US-ASCII, 0xFF in UTF-8.
        assert_eq!(text(1253, b"\xaa"), None);
        assert_eq!(text(20127, b"\xe9"), None);
        assert_eq!(text(65001, b"\xff"), None);
    }

    #[test]
    fn trees() {
        assert_eq!(
            string8_tree(932, b"\x93\xfa\x96\x7b\x8c\xea"),
            Tree::Text("日本語".into())
        );
        // A lead byte at the end (its trail byte missing), and a lead byte followed by a byte
        // that cannot trail (0x20): each becomes U+FFFD, the ASCII byte survives (the same
        // texts as Python's `bytes.decode("cp932", "replace")` and `("cp936", "replace")`).
        let cut = b"\x93\xfa\x96";
        assert_eq!(
            string8_tree(932, cut),
            Tree::record()
                .field("Text", Tree::Text("日\u{FFFD}".into()))
                .field("Bytes", Tree::Bytes(cut.to_vec()))
                .field("CodePage", Tree::UInt(932))
        );
        assert_eq!(
            string8_tree(936, b"\xd6 a"),
            Tree::record()
                .field("Text", Tree::Text("\u{FFFD} a".into()))
                .field("Bytes", Tree::Bytes(b"\xd6 a".to_vec()))
                .field("CodePage", Tree::UInt(936))
        );
        // An unknown code page and an interior NUL: bytes and code page only.
        for (cp, b) in [(37, &b"a"[..]), (1200, b"a"), (932, b"a\0b")] {
            assert_eq!(
                string8_tree(cp, b),
                Tree::record()
                    .field("Bytes", Tree::Bytes(b.to_vec()))
                    .field("CodePage", Tree::UInt(cp.into()))
            );
        }
    }
}
