//! Field spans ([`FieldSpans`]) of every ROP of every golden ROP buffer: the parts of a ROP
//! cover its bytes one after another, each span lies inside the ROP, each names a node of the
//! ROP's tree, and a few spans hold the bytes the spec puts there.

use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponseBuffer};
use mapi_codec::tree::{FieldSpan, FieldSpans, ToTree, Tree};
use mapi_codec::wire::{Decode, DecodeWith, Encode};

/// The node at `path` (`Field`, `Field.Sub`, `List[2]`) below `t`.
fn node<'t>(t: &'t Tree, path: &str) -> Option<&'t Tree> {
    let mut t = t;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        while let Tree::Remarked(inner, _) = t {
            t = inner;
        }
        t = match t {
            Tree::Struct(fields) => &fields.iter().find(|(n, _)| n == name)?.1,
            _ => return None,
        };
        if let Some(i) = index {
            t = match t {
                Tree::List(items) => items.get(i)?,
                _ => return None,
            };
        }
    }
    Some(t)
}

/// Checks the spans of one ROP whose encoding is `bytes`; returns how many it had, how many
/// name a node of its tree (a flattened field whose parts the codec cannot place is one span
/// under its own name, which the tree does not show), and whether its fields cover all its
/// bytes (the fields of a hand-written body, such as RopLogon's success layouts, have no
/// spans: the fields before them do).
fn check_rop(what: &str, rop: &(impl FieldSpans + ToTree), bytes: &[u8]) -> (usize, usize, bool) {
    let mut spans: Vec<FieldSpan> = Vec::new();
    rop.field_spans(0, "", &mut spans);
    let tree = rop.to_tree();
    // The spans of the ROP's own fields (no dot) cover its bytes in order.
    let mut top: Vec<&FieldSpan> = spans.iter().filter(|s| !s.path.contains('.')).collect();
    top.sort_by_key(|s| s.start);
    let mut at = 0;
    for s in &top {
        assert_eq!(
            s.start, at,
            "{what}: {} does not follow the field before it",
            s.path
        );
        at += s.len;
    }
    assert!(
        at <= bytes.len(),
        "{what}: the fields run past the ROP ({spans:?})"
    );
    let mut named = 0;
    for s in &spans {
        assert!(
            s.start + s.len <= bytes.len(),
            "{what}: {} ends past the ROP",
            s.path
        );
        if node(&tree, &s.path).is_some() {
            named += 1;
        } else {
            assert!(!s.path.contains('.'), "{what}: no tree node {}", s.path);
        }
    }
    // RopId is the first byte ([MS-OXCROPS] 2.2.1).
    assert_eq!(
        (spans[0].path.as_str(), spans[0].start, spans[0].len),
        ("RopId", 0, 1)
    );
    (spans.len(), named, at == bytes.len())
}

#[test]
fn spans_of_every_rop_of_the_golden_buffers() {
    let vectors = mapi_conformance::load_all().expect("vectors load");
    let (mut rops, mut spans, mut named, mut covered) = (0, 0, 0, 0);
    let mut count = |(n, k, whole): (usize, usize, bool)| {
        spans += n;
        named += k;
        covered += usize::from(whole);
    };
    for v in vectors.iter().filter(|v| v.expect_error.is_none()) {
        match v.kind.as_str() {
            "rop-request-buffer" => {
                let Ok(b) = RopRequestBuffer::decode_exact(&v.bytes, v.options.limits) else {
                    continue;
                };
                for (i, rop) in b.rops.iter().enumerate() {
                    let bytes = rop.to_bytes().expect("encodes");
                    count(check_rop(&format!("{} [{i}]", v.name), rop, &bytes));
                    rops += 1;
                    if let RopRequest::Logon(l) = rop {
                        // RopId, LogonId, OutputHandleIndex, then LogonFlags (2.2.3.1.1).
                        let mut s = Vec::new();
                        rop.field_spans(0, "", &mut s);
                        let f = s
                            .iter()
                            .find(|s| s.path == "LogonFlags")
                            .expect("LogonFlags");
                        assert_eq!((f.start, f.len), (3, 1));
                        assert_eq!(bytes[f.start], l.logon_flags);
                    }
                }
            }
            "rop-response-buffer" => {
                let Some(req) = &v.options.request else {
                    continue;
                };
                let Ok(rq) = RopRequestBuffer::decode_exact(req, v.options.limits) else {
                    continue;
                };
                let Ok(b) = RopResponseBuffer::decode_with_exact(&v.bytes, &rq, v.options.limits)
                else {
                    continue;
                };
                for (i, rop) in b.rops.iter().enumerate() {
                    let bytes = rop.to_bytes().expect("encodes");
                    count(check_rop(&format!("{} [{i}]", v.name), rop, &bytes));
                    rops += 1;
                    // ReturnValue follows RopId and the handle index ([MS-OXCROPS] 2.2.1).
                    let mut s = Vec::new();
                    rop.field_spans(0, "", &mut s);
                    let r = s.iter().find(|s| s.path == "ReturnValue");
                    if let Some(r) = r {
                        assert_eq!((r.start, r.len), (2, 4), "{}", v.name);
                    }
                }
            }
            _ => {}
        }
    }
    assert!(rops > 100, "only {rops} ROPs in the golden buffers");
    eprintln!("{rops} ROPs ({covered} covered whole), {spans} spans, {named} naming a node");
    assert!(
        named * 10 >= spans * 9,
        "{named} of {spans} spans name a tree node"
    );
    assert!(
        covered * 10 >= rops * 9,
        "{covered} of {rops} ROPs covered whole"
    );
}
