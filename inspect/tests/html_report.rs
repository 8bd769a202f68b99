//! The HTML report of a session, read back with an HTML parser: its structure, every call in
//! the table and as a section, nothing that refers outside the file, markup from the capture
//! shown as text, and field spans that point at the bytes the spec puts there.

use mapi_inspect::session::{decode_session, SessionOptions, SessionReport};
use scraper::{ElementRef, Html, Selector};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/");

fn report_of(bytes: &[u8]) -> SessionReport {
    decode_session(bytes, &SessionOptions::default()).expect("a capture")
}

fn sample(name: &str) -> SessionReport {
    let bytes = std::fs::read(format!("{DIR}{name}")).expect("the sample exists");
    report_of(&bytes)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a selector")
}

/// The bytes of a hex view (base64 in `data-x`, which the script draws).
fn hex_bytes(pre: ElementRef<'_>) -> Vec<u8> {
    use base64::Engine as _;
    let b64 = pre.value().attr("data-x").expect("data-x");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

/// The marks of the data blocks that hold each call's content until it is opened.
const LAZY_OPEN: &str = "<script type=\"text/x-mapi-call\">";
const LAZY_CLOSE: &str = "</script></details>";

/// Checks what every report must be; returns the document with every call's content in
/// place, as the script puts it when the call is opened.
fn check(report: &SessionReport) -> Html {
    let html = report.to_html();
    let raw = Html::parse_document(&html);
    assert!(raw.errors.is_empty(), "parse errors: {:?}", raw.errors);
    // Each call's content is one data block, inside the call's details, which the parser
    // leaves as text: nothing in it ends it early.
    let shown = report.calls.iter().filter(|c| c.shown).count();
    let blocks: Vec<_> = raw
        .select(&sel(
            "section.call > details > script[type=\"text/x-mapi-call\"]",
        ))
        .collect();
    assert_eq!(blocks.len(), shown);
    assert_eq!(html.matches(LAZY_OPEN).count(), shown);
    for b in &blocks {
        let text: String = b.text().collect();
        assert!(!text.contains("</script") && !text.contains("<!--"));
    }
    let doc = Html::parse_document(
        &html
            .replace(LAZY_OPEN, "<div class=\"lazy\">")
            .replace(LAZY_CLOSE, "</div></details>"),
    );
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    assert_eq!(doc.select(&sel("html > head > title")).count(), 1);
    // Nothing outside the file: no attribute that loads or links anything but a fragment or
    // data:, no stylesheet link, no url() or @import in the style.
    let linking = [
        "src",
        "href",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
    ];
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            if linking.contains(&name.to_ascii_lowercase().as_str()) {
                assert!(
                    value.starts_with('#') || value.starts_with("data:"),
                    "{name}={value:?} refers outside the file"
                );
            }
        }
    }
    assert_eq!(
        doc.select(&sel("link, iframe, object, embed, img")).count(),
        0
    );
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(!css.contains("url(") && !css.contains("@import"));
    }
    // The report's one script, inline.
    assert_eq!(doc.select(&sel("script")).count(), 1);
    // Every shown call: a row that links to its section, and the section with both sides.
    let rows: Vec<_> = doc.select(&sel("table#calls > tbody > tr")).collect();
    let shown: Vec<_> = report.calls.iter().filter(|c| c.shown).collect();
    assert_eq!(rows.len(), shown.len());
    for (row, c) in rows.iter().zip(&shown) {
        let link = row.select(&sel("td > a")).next().expect("a link");
        assert_eq!(
            link.value().attr("href"),
            Some(&*format!("#call-{}", c.index))
        );
        let cells: Vec<String> = row
            .select(&sel("td"))
            .map(|td| td.text().collect())
            .collect();
        assert_eq!(cells[2], c.request_type);
        let id = format!("#call-{}", c.index);
        let section = doc.select(&sel(&id)).next().expect("a section per call");
        assert_eq!(section.value().name(), "section");
        assert_eq!(section.select(&sel(".side")).count(), 2);
    }
    // Every node with bytes points into a hex view of its call that holds them.
    for section in doc.select(&sel("section.call")) {
        for node in section.select(&sel("[data-b]")) {
            let b = node.value().attr("data-b").unwrap();
            let mut parts = b.split(':');
            let view = parts.next().unwrap();
            let start: usize = parts.next().unwrap().parse().unwrap();
            let len: usize = parts.next().unwrap().parse().unwrap();
            let pre = section
                .select(&sel(&format!("pre[data-v=\"{view}\"]")))
                .next()
                .unwrap_or_else(|| panic!("no hex view {view}"));
            assert!(start + len <= hex_bytes(pre).len(), "{b} past its view");
        }
    }
    doc
}

/// The first key of a node (its summary's, or its own for a leaf).
fn key_of(n: ElementRef<'_>) -> String {
    n.select(&sel("i"))
        .next()
        .map(|k| k.text().collect())
        .unwrap_or_default()
}

/// The bytes the node at `labels` in a call marks: each label but the last names a node
/// (the first of that key) inside the one before, the last a node with bytes in it.
fn marked(doc: &Html, call: usize, labels: &[&str]) -> Vec<u8> {
    let section = doc.select(&sel(&format!("#call-{call}"))).next().unwrap();
    let (last, outer) = labels.split_last().unwrap();
    let mut scope = section;
    for l in outer {
        scope = scope
            .select(&sel("details"))
            .find(|d| {
                d.select(&sel("summary"))
                    .next()
                    .is_some_and(|s| key_of(s) == *l)
            })
            .unwrap_or_else(|| panic!("no node {l}"));
    }
    let node = scope
        .select(&sel("[data-b]"))
        .find(|n| key_of(*n) == *last)
        .unwrap_or_else(|| panic!("no node {last} with bytes"));
    let b = node.value().attr("data-b").unwrap();
    let mut parts = b.split(':');
    let view = parts.next().unwrap();
    let start: usize = parts.next().unwrap().parse().unwrap();
    let len: usize = parts.next().unwrap().parse().unwrap();
    let pre = section
        .select(&sel(&format!("pre[data-v=\"{view}\"]")))
        .next()
        .unwrap();
    hex_bytes(pre)[start..start + len].to_vec()
}

#[test]
fn the_sample_report_has_every_call_and_refers_to_nothing_outside() {
    for name in ["sample.http", "sample.har"] {
        let report = sample(name);
        assert!(report.calls.len() >= 10, "{name}");
        let doc = check(&report);
        // The sample's second call is an Execute whose first ROP is a RopLogon: its span in
        // the decoded payload starts with RopId 0xFE ([MS-OXCROPS] 2.2.3.1), after RopSize;
        // RPC_HEADER_EXT is 8 bytes, Version 0 first ([MS-OXCRPC] 2.2.2.1).
        let call2 = &report.calls[1];
        assert_eq!(call2.request_type, "Execute");
        assert_eq!(marked(&doc, 2, &["RopsList", "[0]"])[0], 0xFE);
        // Its fields have bytes of their own: LogonFlags, one byte, Private (0x01) in this
        // private-mailbox logon ([MS-OXCROPS] 2.2.3.1.1, [MS-OXCSTOR] 2.2.1.1.1), and the Essdn
        // ends with its terminating NUL.
        assert_eq!(marked(&doc, 2, &["RopsList", "[0]", "LogonFlags"]), [0x01]);
        let essdn = marked(&doc, 2, &["RopsList", "[0]", "Essdn"]);
        assert_eq!(essdn.last(), Some(&0));
        assert!(essdn.windows(4).any(|w| w == b"/o=C"));
        let header = marked(&doc, 2, &["RPC_HEADER_EXT"]);
        assert_eq!(header.len(), 8);
        assert_eq!(&header[..2], &[0, 0]);
        // RopSize counts itself and the ROPs, not the handle table ([MS-OXCROPS] 2.2.1).
        let rop_size = marked(&doc, 2, &["RopSize"]);
        let size = u16::from_le_bytes([rop_size[0], rop_size[1]]) as usize;
        let list_len = marked(&doc, 2, &["RopsList"]).len();
        assert_eq!(size, 2 + list_len);
        // The table shows the HTTP status and the body sizes as the capture has them.
        let row = doc.select(&sel("table#calls > tbody > tr")).nth(1).unwrap();
        let cells: Vec<String> = row.select(&sel("td")).map(|t| t.text().collect()).collect();
        assert_eq!(cells[4], "200");
        assert_eq!(
            cells[5],
            call2.bytes.request.views[0].bytes.len().to_string()
        );
    }
}

#[test]
fn the_har_report_shows_when_each_call_began() {
    let report = sample("sample.har");
    let doc = check(&report);
    for row in doc.select(&sel("table#calls > tbody > tr")) {
        let time = row.select(&sel("td")).nth(1).unwrap();
        let full = time
            .value()
            .attr("title")
            .expect("the HAR gives startedDateTime");
        let shown: String = time.text().collect();
        assert!(
            full.ends_with(&shown) && !shown.is_empty(),
            "{full} / {shown}"
        );
    }
}

/// A capture whose headers and body carry markup and script.
fn hostile_capture() -> Vec<u8> {
    let body = "<script>alert(3)</script>";
    let mut c = format!(
        "POST /mapi/emsmdb/?x=<i>y</i> HTTP/1.1\r\n\
         X-RequestType: <b>Bold</b>\r\n\
         X-RequestId: <script>alert(1)</script>\r\n\
         Cookie: MapiContext=\"><img src=x onerror=alert(2)>\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    c.push_str(&format!(
        "HTTP/1.1 500 <script>alert(4)</script>\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    c.into_bytes()
}

#[test]
fn markup_from_the_capture_shows_as_text() {
    let report = report_of(&hostile_capture());
    assert_eq!(report.calls.len(), 1);
    let doc = check(&report);
    // No element from the capture: the one script is the report's, no img, no b, and no i
    // but the report's own (field names).
    assert_eq!(doc.select(&sel("b, img")).count(), 0);
    assert!(doc
        .select(&sel("i"))
        .all(|i| i.text().collect::<String>() != "y"));
    let text: String = doc.root_element().text().collect();
    for s in [
        "<script>alert(1)</script>",
        "<b>Bold</b>",
        "<script>alert(3)</script>",
        "\"><img src=x onerror=alert(2)>",
    ] {
        assert!(text.contains(s), "{s} is not shown as text");
    }
    let script: String = doc.select(&sel("script")).next().unwrap().text().collect();
    assert!(!script.contains("alert("));
    // The table row says the call failed.
    let row = doc.select(&sel("table#calls > tbody > tr")).next().unwrap();
    assert_eq!(row.value().attr("class"), Some("err"));
}
