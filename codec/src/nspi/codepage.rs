//! 8-bit strings in the code page the client chose ([MS-OXNSPI] 2.2.8 STAT.CodePage, the
//! CodePage of the Bind request's STAT or of a response body): kept as wire bytes, decoded for
//! display only.

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

/// Decodes `bytes` (no terminator) in `code_page`, or `None` when the code page is not one the
/// crate implements (1252, 65001, 28591, 20127) or the bytes are not valid in it.
pub fn decode_8bit(code_page: u32, bytes: &[u8]) -> Option<String> {
    match code_page {
        CP_WINLATIN1 => AnsiStr::from_wire(bytes).ok().map(|s| s.to_string_cp1252()),
        CP_UTF8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
        CP_LATIN1 => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        CP_USASCII if bytes.is_ascii() => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        _ => None,
    }
}

/// The tree of an 8-bit string: its text when the code page is known and the bytes valid in
/// it, otherwise the bytes and the code page.
pub fn string8_tree(code_page: u32, bytes: &[u8]) -> Tree {
    match decode_8bit(code_page, bytes) {
        Some(s) => Tree::Text(s),
        None => Tree::record()
            .field("Bytes", Tree::Bytes(bytes.to_vec()))
            .field("CodePage", Tree::UInt(code_page.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pages() {
        assert_eq!(decode_8bit(1252, b"\x80").as_deref(), Some("\u{20AC}"));
        assert_eq!(decode_8bit(28591, b"\x80").as_deref(), Some("\u{80}"));
        assert_eq!(decode_8bit(65001, "é".as_bytes()).as_deref(), Some("é"));
        assert_eq!(decode_8bit(65001, b"\xff"), None);
        assert_eq!(decode_8bit(20127, b"\xe9"), None);
        assert_eq!(decode_8bit(932, b"a"), None);
        assert!(matches!(string8_tree(932, b"a"), Tree::Struct(_)));
    }
}
