//! The HTML report of a session: one self-contained file (inline style and script, no
//! reference to anything outside it) with a table of the calls, then each call's request and
//! response side by side as collapsible trees beside the hex of their bodies. Selecting
//! (clicking) a node whose bytes are known marks them in the hex.
//!
//! Everything from the capture is escaped: it is hostile input. Calls are closed `<details>`
//! whose trees and hex the script builds when they are first opened (until then they are the
//! text of a data block, which costs the browser no element), and one delegated click
//! listener serves every node, so that a capture of thousands of calls stays quick to open.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use mapi_codec::tree::{RemarkKind, Tree};

use super::bytes::{ByteView, Side, Span};
use super::{CallReport, SessionReport};

/// The most bytes of one body shown in hex: a larger body shows its start, and says so.
const HEX_MAX: usize = 256 * 1024;

/// Tree levels open when a call is opened (the request down to the fields of its ROPs).
const OPEN_DEPTH: usize = 8;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

impl SessionReport {
    /// The HTML report (see [`SessionReport::write_html`]).
    pub fn to_html(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec does not fail.
        let _ = self.write_html(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes the HTML report: a table of the shown calls (time, request type, request id,
    /// HTTP status, body sizes, ROPs, errors), each call's request and response as trees with
    /// the hex of their bodies, and the summary. One file with nothing to fetch.
    pub fn write_html<W: Write>(&self, out: W) -> io::Result<()> {
        let mut w = io::BufWriter::new(out);
        let calls: Vec<&CallReport> = self.calls.iter().filter(|c| c.shown).collect();
        write!(
            w,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>mapi-inspect session report</title><style>{STYLE}</style></head>\n<body>\n\
             <h1>MAPI/HTTP session</h1>\n<p class=\"lead\">{} calls shown, {} failures. \
             Open a call to see its request and response; click a field to mark its bytes.</p>\n",
            calls.len(),
            self.summary.failures.len()
        )?;
        table(&mut w, &calls)?;
        for c in &calls {
            call(&mut w, c)?;
        }
        let mut s = String::new();
        s.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"tree\">");
        fields(&mut s, &self.summary.to_tree(), "", 0, &HashMap::new());
        s.push_str("</div></section>\n");
        w.write_all(s.as_bytes())?;
        write!(w, "<script>{SCRIPT}</script>\n</body></html>\n")?;
        w.flush()
    }
}

/// Writes `s` with the characters HTML gives a meaning escaped (in text and in quoted
/// attribute values alike).
fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The time a call's row shows: when its request began, or the first time the capture has.
fn when(c: &CallReport) -> Option<&str> {
    let t = &c.timers;
    t.client_begin_request
        .as_deref()
        .or(t.server_got_request.as_deref())
        .or(t.server_done_response.as_deref())
        .or(t.client_done_response.as_deref())
}

fn body_len(s: &Side) -> String {
    s.views
        .first()
        .map_or_else(String::new, |v| v.bytes.len().to_string())
}

fn table<W: Write>(w: &mut W, calls: &[&CallReport]) -> io::Result<()> {
    let mut s = String::with_capacity(256 * calls.len() + 512);
    s.push_str(
        "<table id=\"calls\"><thead><tr><th>#</th><th>Time</th><th>Request type</th>\
         <th>Request id</th><th>Status</th><th>Request bytes</th><th>Response bytes</th>\
         <th>ROPs</th><th>Errors</th></tr></thead>\n<tbody>\n",
    );
    for c in calls {
        let b = &c.bytes;
        let class = if c.errors.is_empty() {
            ""
        } else {
            " class=\"err\""
        };
        let _ = write!(
            s,
            "<tr{class}><td><a href=\"#call-{i}\">{i}</a></td><td",
            i = c.index
        );
        if let Some(t) = when(c) {
            s.push_str(" title=\"");
            esc(&mut s, t);
            s.push_str("\">");
            // The time of day of an RFC 3339 time, the whole text otherwise.
            esc(&mut s, t.split_once('T').map_or(t, |(_, tod)| tod));
        } else {
            s.push('>');
        }
        s.push_str("</td><td>");
        esc(&mut s, &c.request_type);
        s.push_str("</td><td>");
        esc(&mut s, b.request_id.as_deref().unwrap_or(""));
        let status = b.status.map_or_else(String::new, |v| v.to_string());
        let rops = if b.rops == (0, 0) {
            String::new()
        } else {
            format!("{} / {}", b.rops.0, b.rops.1)
        };
        let _ = write!(
            s,
            "</td><td>{status}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{rops}</td><td>",
            body_len(&b.request),
            body_len(&b.response)
        );
        if let Some(first) = c.errors.first() {
            let _ = write!(s, "{}: ", c.errors.len());
            let cut: String = first.chars().take(120).collect();
            esc(&mut s, &cut);
            if cut.len() < first.len() {
                s.push('…');
            }
        }
        s.push_str("</td></tr>\n");
    }
    s.push_str("</tbody></table>\n");
    w.write_all(s.as_bytes())
}

/// The spans of one side by path, with the side's letter (`q` request, `r` response).
type Spans<'a> = HashMap<&'a str, (char, &'a Span)>;

fn call<W: Write>(w: &mut W, c: &CallReport) -> io::Result<()> {
    let mut s = String::with_capacity(4096);
    let class = if c.errors.is_empty() {
        "call"
    } else {
        "call err"
    };
    let _ = write!(
        s,
        "<section class=\"{class}\" id=\"call-{i}\"><details><summary><h2>Call {i}: ",
        i = c.index
    );
    esc(&mut s, &c.request_type);
    if let Some(id) = &c.bytes.request_id {
        s.push_str(" <span class=\"rid\">");
        esc(&mut s, id);
        s.push_str("</span>");
    }
    s.push_str("</h2></summary>\n");
    // Head: the fields of the call's tree that are neither side.
    let mut head = Tree::record();
    let (mut req, mut resp) = (None, None);
    if let Tree::Struct(fields) = &c.tree {
        for (k, v) in fields {
            match k.as_ref() {
                "Request" => req = Some(v),
                "Response" => resp = Some(v),
                "Errors" | "Call" | "RequestType" => {}
                _ => head = head.field(k.clone(), v.clone()),
            }
        }
    }
    problems(&mut s, c);
    // The rest is drawn when the call is first opened: held as the text of a data block,
    // which the browser's parser skips over without building elements. Nothing in it can
    // end the block: text from the capture is escaped (no `<` of its own), and the markup
    // written here holds neither `</script` nor `<!--`.
    s.push_str("<script type=\"text/x-mapi-call\">");
    s.push_str("<div class=\"head tree\">");
    fields(&mut s, &head, "", 1, &HashMap::new());
    s.push_str("</div>\n");
    let mut spans: Spans<'_> = HashMap::new();
    for (letter, side) in [('q', &c.bytes.request), ('r', &c.bytes.response)] {
        for sp in &side.spans {
            spans.insert(sp.path.as_str(), (letter, sp));
        }
    }
    s.push_str("<div class=\"sides\">");
    for (name, tree, letter, side) in [
        ("Request", req, 'q', &c.bytes.request),
        ("Response", resp, 'r', &c.bytes.response),
    ] {
        // The hex first: it stays in view (sticky) while the tree under it scrolls.
        let _ = write!(
            s,
            "<div class=\"side\"><h3>{name}</h3><div class=\"hexes\">"
        );
        for (i, v) in side.views.iter().enumerate() {
            hex_view(&mut s, letter, i, v);
        }
        s.push_str("</div><div class=\"tree\">");
        match tree {
            Some(t @ Tree::Struct(_)) => fields(&mut s, t, name, 1, &spans),
            Some(t) => node(&mut s, t, Some(name), name, 1, &spans),
            None => s.push_str("<p>not in the capture</p>"),
        }
        s.push_str("</div></div>");
    }
    s.push_str("</div></script></details></section>\n");
    w.write_all(s.as_bytes())
}

/// The call's errors and the remarks of its tree (conformance notes, malformed parts).
fn problems(s: &mut String, c: &CallReport) {
    let remarks = c.tree.remarks();
    if c.errors.is_empty() && remarks.is_empty() {
        return;
    }
    s.push_str("<ul class=\"problems\">");
    for e in &c.errors {
        s.push_str("<li class=\"bad\">");
        esc(s, e);
        s.push_str("</li>");
    }
    for r in remarks.iter().filter(|r| r.remark.kind == RemarkKind::Note) {
        s.push_str("<li class=\"note\">");
        esc(s, &r.to_string());
        s.push_str("</li>");
    }
    s.push_str("</ul>\n");
}

/// One node of a tree, labelled `key` (None for a list item, which shows its index in the
/// path), at `path`.
fn node(s: &mut String, t: &Tree, key: Option<&str>, path: &str, depth: usize, spans: &Spans) {
    let (inner, remark) = match t {
        Tree::Remarked(inner, r) => (&**inner, Some(r)),
        other => (other, None),
    };
    let bytes = spans
        .get(path)
        .map(|(letter, sp)| format!(" data-b=\"{letter}{}:{}:{}\"", sp.view, sp.start, sp.len));
    let bytes = bytes.as_deref().unwrap_or("");
    let rclass = match remark.map(|r| r.kind) {
        Some(RemarkKind::Note) => " class=\"note\"",
        Some(RemarkKind::Malformed) => " class=\"bad\"",
        None => "",
    };
    let children: Option<Vec<(String, Option<&str>, &Tree)>> = match inner {
        Tree::Struct(fields) => Some(
            fields
                .iter()
                .map(|(k, v)| (join(path, k), Some(k.as_ref()), v))
                .collect(),
        ),
        Tree::List(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}[{i}]"), None, v))
                .collect(),
        ),
        _ => None,
    };
    let label = |s: &mut String| {
        s.push_str("<i>");
        match key {
            Some(k) => esc(s, k),
            None => {
                let i = path.rsplit('[').next().unwrap_or("").trim_end_matches(']');
                let _ = write!(s, "[{i}]");
            }
        }
        s.push_str("</i>");
    };
    let remark_text = |s: &mut String| {
        if let Some(r) = remark {
            let what = match r.kind {
                RemarkKind::Note => "note",
                RemarkKind::Malformed => "MALFORMED",
            };
            let _ = write!(s, " <em>[{what}: ");
            esc(s, &r.text);
            s.push_str("]</em>");
        }
    };
    match children {
        Some(children) => {
            let open = if depth < OPEN_DEPTH { " open" } else { "" };
            let _ = write!(s, "<details{open}{rclass}><summary{bytes}>");
            label(s);
            match inner {
                Tree::List(items) => {
                    let _ = write!(s, " <small>[{}]</small>", items.len());
                }
                Tree::Struct(fields) => {
                    // A ROP shows its name beside its index.
                    if let Some((_, id)) = fields.iter().find(|(k, _)| k == "RopId") {
                        s.push_str(" <small>");
                        esc(s, leaf_text(id).trim_start_matches(|c| c != '('));
                        s.push_str("</small>");
                    }
                }
                _ => {}
            }
            remark_text(s);
            s.push_str("</summary>");
            for (p, k, v) in &children {
                node(s, v, *k, p, depth + 1, spans);
            }
            s.push_str("</details>");
        }
        None => {
            let _ = write!(s, "<p{rclass}{bytes}>");
            label(s);
            s.push(' ');
            esc(s, &leaf_text(inner));
            remark_text(s);
            s.push_str("</p>");
        }
    }
}

/// The fields of a struct node, each a node (any other node as itself).
fn fields(s: &mut String, t: &Tree, path: &str, depth: usize, spans: &Spans) {
    match t {
        Tree::Struct(fields) => {
            for (k, v) in fields {
                node(s, v, Some(k), &join(path, k), depth, spans);
            }
        }
        other => node(s, other, None, path, depth, spans),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A leaf as the text view shows it.
fn leaf_text(t: &Tree) -> String {
    let text = t.to_text();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.strip_prefix("- ")
        .or_else(|| text.strip_prefix('-'))
        .unwrap_or(text)
        .to_string()
}

/// One body, its bytes in base64 for the script to draw in hex when its call is opened (16
/// bytes a line: offset, bytes, printable ASCII) and to mark a span in.
fn hex_view(s: &mut String, letter: char, i: usize, v: &ByteView) {
    use base64::Engine as _;
    let shown = &v.bytes[..v.bytes.len().min(HEX_MAX)];
    s.push_str("<div class=\"hex\"><div class=\"hn\">");
    esc(s, &v.name);
    let _ = write!(s, " ({} bytes", v.bytes.len());
    if shown.len() < v.bytes.len() {
        let _ = write!(s, ", the first {} shown", shown.len());
    }
    let _ = write!(s, ")</div><pre data-v=\"{letter}{i}\" data-x=\"");
    base64::engine::general_purpose::STANDARD.encode_string(shown, s);
    s.push_str("\"></pre></div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let mut s = String::new();
        esc(&mut s, "<script>alert(\"x\")</script> & 'q'");
        assert_eq!(
            s,
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        );
    }

    #[test]
    fn remarks_are_marked_and_leaves_show_as_in_the_text_view() {
        let t = Tree::record()
            .field("Ok", Tree::UInt(7).with_note("outside <range>"))
            .field(
                "List",
                Tree::List(vec![Tree::Bytes(vec![1, 2])]).with_note("n"),
            );
        let mut s = String::new();
        node(&mut s, &t, Some("Root"), "Root", 0, &HashMap::new());
        assert!(
            s.contains("<p class=\"note\"><i>Ok</i> 7 <em>[note: outside &lt;range&gt;]</em></p>")
        );
        assert!(s.contains("<details open class=\"note\"><summary><i>List</i> <small>[1]</small>"));
        assert!(s.contains("<p><i>[0]</i> &lt;2 bytes&gt; 0102</p>"));
    }
}
