//! The JSON of a [`Tree`], written straight into a byte buffer: the same bytes as
//! `serde_json::to_writer(&tree)` (the tree's `Serialize` form, compact), without serde's
//! per-value calls, escaping scans of text that cannot need escapes (hex, numbers) and the
//! allocations of the names beside codes. `mapi-inspect session --format json` writes every
//! call through it; the tests hold it to the `Serialize` form.

use mapi_codec::data::PropTag;
use mapi_codec::tree::{RemarkKind, Tree};

/// Appends the compact JSON of `tree` to `out`, byte for byte what `serde_json::to_writer`
/// writes for it.
pub fn write_tree_json(out: &mut Vec<u8>, tree: &Tree) {
    match tree {
        Tree::Null => out.extend_from_slice(b"null"),
        Tree::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Tree::UInt(v) | Tree::Hex(v) | Tree::Named { value: v, .. } => push_u64(out, *v),
        Tree::PropTag(t) => push_u64(out, u64::from(*t)),
        Tree::PropId(id) => push_u64(out, u64::from(*id)),
        Tree::Int(v) => out.extend_from_slice(itoa::Buffer::new().format(*v).as_bytes()),
        // Rare: serde_json's own float form (shortest round trip, `null` when not finite).
        Tree::Float(v) => {
            if serde_json::to_writer(&mut *out, v).is_err() {
                out.extend_from_slice(b"null");
            }
        }
        Tree::Text(t) => push_str(out, t),
        Tree::String8(b) => {
            push_str(
                out,
                &encoding_rs::WINDOWS_1252.decode_without_bom_handling(b).0,
            );
        }
        Tree::Bytes(b) => {
            out.push(b'"');
            let start = out.len();
            out.resize(start + 2 * b.len(), 0);
            for (pair, &x) in out[start..].chunks_exact_mut(2).zip(b.iter()) {
                pair[0] = HEX[usize::from(x >> 4)];
                pair[1] = HEX[usize::from(x & 0xf)];
            }
            out.push(b'"');
        }
        Tree::Remarked(inner, _) => write_tree_json(out, inner),
        Tree::List(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_tree_json(out, v);
            }
            out.push(b']');
        }
        Tree::Struct(fields) => write_struct(out, fields),
    }
}

/// A struct node: each field, then beside it the name of a code (`...Name`), the names of a
/// list of codes (`...Names`) and a remark (`...Note`, `...Malformed`).
fn write_struct(out: &mut Vec<u8>, fields: &[(std::borrow::Cow<'static, str>, Tree)]) {
    out.push(b'{');
    let mut first = true;
    let mut key = |out: &mut Vec<u8>, k: &str, suffix: &str| {
        push_key(out, !std::mem::take(&mut first), k, suffix);
    };
    for (k, v) in fields {
        key(out, k, "");
        write_tree_json(out, v);
        let (v, remark) = match v {
            Tree::Remarked(inner, r) => (&**inner, Some(r)),
            other => (other, None),
        };
        if let Some(name) = shown_name(v) {
            key(out, k, "Name");
            push_str(out, name);
        }
        if let Tree::List(items) = v {
            if items.iter().any(|i| shown_name(i).is_some()) {
                key(out, k, "Names");
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    match shown_name(item) {
                        Some(n) => push_str(out, n),
                        None => out.extend_from_slice(b"null"),
                    }
                }
                out.push(b']');
            }
        }
        if let Some(r) = remark {
            let suffix = match r.kind {
                RemarkKind::Note => "Note",
                RemarkKind::Malformed => "Malformed",
            };
            key(out, k, suffix);
            push_str(out, &r.text);
        }
    }
    out.push(b'}');
}

/// The name a code shows with (a remark on it aside), as the tree's `Serialize` form gives it.
fn shown_name(t: &Tree) -> Option<&str> {
    match t {
        Tree::Remarked(inner, _) => shown_name(inner),
        Tree::Named { name, .. } => name.as_deref(),
        Tree::PropTag(t) => PropTag(*t).name(),
        _ => None,
    }
}

/// Lowercase hex digits (bytes and `\u00XX` escapes, as serde_json writes them).
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `v` in decimal.
fn push_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Appends a key of a JSON object: a comma first unless it is the first key, then `k` and
/// `suffix` as one JSON string, then the colon. Keys are short field names that need no
/// escape: one check and one copy.
#[inline]
fn push_key(out: &mut Vec<u8>, comma: bool, k: &str, suffix: &str) {
    out.reserve(k.len() + suffix.len() + 4);
    if comma {
        out.push(b',');
    }
    out.push(b'"');
    push_escaped(out, k);
    out.extend_from_slice(suffix.as_bytes());
    out.extend_from_slice(b"\":");
}

/// Appends `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    push_escaped(out, s);
    out.push(b'"');
}

/// Appends the contents of a JSON string holding `s`, escaped as serde_json escapes: `"` and
/// `\` with a backslash, the control characters below 0x20 as `\b`, `\t`, `\n`, `\f`, `\r`
/// or `\u00XX`; everything else (non-ASCII included) as it is.
#[inline]
fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if needs_no_escape(bytes) {
        out.extend_from_slice(bytes);
    } else {
        push_escaped_slow(out, bytes);
    }
}

/// [`push_escaped`] of a string that holds a byte to escape.
#[cold]
fn push_escaped_slow(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPED[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// The bytes a JSON string escapes: below 0x20, `"` and `\`.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Whether no byte of `b` needs an escape, checked eight bytes at a time: the last word
/// overlaps the one before it, and a string of 4 to 7 bytes is read as two overlapping
/// halves (no byte is copied to pad a word).
#[inline]
fn needs_no_escape(b: &[u8]) -> bool {
    let n = b.len();
    let word = |i: usize| match b.get(i..i + 8).map(<[u8; 8]>::try_from) {
        Some(Ok(w)) => u64::from_ne_bytes(w),
        _ => u64::from_ne_bytes([b'"'; 8]),
    };
    let half = |i: usize| match b.get(i..i + 4).map(<[u8; 4]>::try_from) {
        Some(Ok(w)) => u64::from(u32::from_ne_bytes(w)),
        _ => u64::from(b'"'),
    };
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            if needs_escape(word(i)) {
                return false;
            }
            i += 8;
        }
        i == n || !needs_escape(word(n - 8))
    } else if n >= 4 {
        !needs_escape(half(0) | half(n - 4) << 32)
    } else {
        !b.iter().any(|&x| ESCAPED[usize::from(x)])
    }
}

/// Whether some of the eight bytes of `x` is below 0x20, `"` or `\\`.
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Some byte of y is below n (n at most 0x80).
    let below = |y: u64, n: u64| y.wrapping_sub(ONES * n) & !y & HIGH;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    below(x, 0x20) | below(quote, 1) | below(backslash, 1) != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    /// The reference: the tree's `Serialize` form through serde_json.
    fn serde_form(t: &Tree) -> String {
        serde_json::to_string(t).unwrap()
    }

    fn direct(t: &Tree) -> String {
        let mut out = Vec::new();
        write_tree_json(&mut out, t);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_node_kind_is_written_as_serde_json_writes_it() {
        let every_byte: String = (0u8..0x80).map(char::from).collect();
        let t = Tree::record()
            .field("Null", Tree::Null)
            .field("Yes", Tree::Bool(true))
            .field("No", Tree::Bool(false))
            .field("Max", Tree::UInt(u64::MAX))
            .field("Zero", Tree::UInt(0))
            .field("Min", Tree::Int(i64::MIN))
            .field("Neg", Tree::Int(-42))
            .field("Hex", Tree::Hex(0x409))
            .field(
                "Floats",
                Tree::List(vec![
                    Tree::Float(0.1),
                    Tree::Float(1e300),
                    Tree::Float(-0.0),
                    Tree::Float(f64::NAN),
                    Tree::Float(f64::INFINITY),
                    Tree::Float(3.0),
                ]),
            )
            .field("Controls", Tree::Text(every_byte))
            .field("Unicode", Tree::Text("é\u{2028}\u{7f}😀".into()))
            .field(
                "String8",
                Tree::String8(vec![b'a', 0x80, 0x9f, 0xe9, b'"', 0x01]),
            )
            .field("Bytes", Tree::Bytes(vec![0, 0x0f, 0xf0, 0xff]))
            .field("Empty", Tree::Bytes(Vec::new()))
            .field("Code", Tree::named(2u16, Some("Two")))
            .field("Unnamed", Tree::named(3u32, None))
            .field("Tag", Tree::PropTag(0x3001_001F))
            .field("UnknownTag", Tree::PropTag(0x7777_0003))
            .field("Id", Tree::PropId(0x8001))
            .field(
                "Tags",
                Tree::List(vec![Tree::PropTag(0x3001_001F), Tree::UInt(1)]),
            )
            .field("Plain", Tree::List(vec![Tree::UInt(1)]))
            .field("EmptyList", Tree::List(Vec::new()))
            .field(
                "Noted",
                Tree::named(1u8, Some("One")).with_note("a \"note\"\n"),
            )
            .field("Twice", Tree::UInt(5).with_note("inner").with_note("outer"))
            .field(
                "NotedList",
                Tree::List(vec![Tree::named(1u8, Some("One"))]).with_note("list"),
            )
            .field(
                Cow::Owned("Dyn\"key\u{1}".to_string()),
                Tree::named(4u8, Some("N")),
            )
            .field(
                "Bad",
                Tree::Remarked(
                    Box::new(Tree::Bytes(vec![1])),
                    Box::new(mapi_codec::tree::Remark {
                        kind: RemarkKind::Malformed,
                        text: "cut\tshort".into(),
                        offset: None,
                        error: None,
                    }),
                ),
            )
            .field("Nested", Tree::record().field("A", Tree::record()))
            .field("EmptyStruct", Tree::record());
        assert_eq!(direct(&t), serde_form(&t));
        // Escapes at every position of longer strings (the eight-byte scan and its tail).
        for at in 0..20 {
            for c in ['"', '\\', '\n', '\u{1f}', '\u{0}', 'é', '\u{7f}'] {
                let mut text: String = "abcdefghijklmnopqrstu".into();
                text.insert(at, c);
                let t = Tree::record().field("T", Tree::Text(text));
                assert_eq!(direct(&t), serde_form(&t));
            }
        }
        // Strings of every length up to 20 with an escape at every position (the word
        // checks of short strings, their overlapping halves and last words).
        for len in 0..=20 {
            for at in 0..=len {
                for c in ['"', '\\', '\u{1f}', '\u{0}', 'a', '\u{7f}', '\u{80}'] {
                    let mut text: String = "abcdefghijklmnopqrstu"[..len].into();
                    text.insert(at, c);
                    for t in [
                        Tree::record().field("T", Tree::Text(text.clone())),
                        Tree::record().field(Cow::Owned(text), Tree::Null),
                    ] {
                        assert_eq!(direct(&t), serde_form(&t));
                    }
                }
            }
        }
        for leaf in [
            Tree::UInt(7),
            Tree::Text("x".into()),
            Tree::List(vec![Tree::Null]),
        ] {
            assert_eq!(direct(&leaf), serde_form(&leaf));
        }
    }

    #[test]
    fn the_sample_sessions_are_written_as_serde_json_writes_them() {
        use crate::session::{decode_session, SessionOptions};
        let samples: [&[u8]; 2] = [
            include_bytes!("../samples/sample.http"),
            include_bytes!("../samples/sample.har"),
        ];
        for bytes in samples {
            let report = decode_session(bytes, &SessionOptions::default()).unwrap();
            assert!(!report.calls.is_empty());
            for c in &report.calls {
                assert_eq!(direct(&c.tree), serde_form(&c.tree));
            }
        }
    }
}
