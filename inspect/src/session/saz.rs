//! Fiddler session archives (`.saz`): a zip file with, for session NN, `raw/NN_c.txt` (the
//! request as sent), `raw/NN_s.txt` (the response) and `raw/NN_m.xml` (the session's
//! metadata, among it `<SessionTimers ClientBeginRequest=".." ServerGotRequest=".."
//! ServerDoneResponse=".." ClientDoneResponse=".."/>`). Sessions are taken in the order of
//! their numbers, whatever their zero padding.
//!
//! The archive is hostile input: each member is read through a cap (the bytes still allowed
//! by [`MAX_SAZ_EXPANDED`] for the whole archive), never trusting the size it declares; a
//! member that cannot be read or parsed is a problem of its session, an archive whose
//! directory cannot be read is one [`CaptureError`].

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use mapi_codec::wire::{Decode, Limits, Reader};
use quick_xml::events::Event;

use super::capture::{CaptureError, Exchange, HttpPart, Timers};
use super::clock::fiddler_time_to_utc;
use super::render::decode_error_text;
use crate::http::HttpMessage;

/// The most bytes the members of one archive may expand to, all together (512 MiB): a zip
/// bomb stops there, with a problem on the session whose member went over.
pub const MAX_SAZ_EXPANDED: u64 = 512 << 20;

/// The members of one session: the names of its request, response and metadata files.
#[derive(Default)]
struct Members {
    request: Option<String>,
    response: Option<String>,
    metadata: Option<String>,
}

/// The session number and the member's kind of a `raw/NN_c.txt`, `raw/NN_s.txt` or
/// `raw/NN_m.xml` name (`\` taken for `/`, the letters in any case).
fn member(name: &str) -> Option<(u64, char)> {
    let lower = name.replace('\\', "/").to_ascii_lowercase();
    let file = lower.strip_prefix("raw/")?;
    let (number, rest) = file.split_once('_')?;
    if number.is_empty() || number.len() > 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kind = match rest {
        "c.txt" => 'c',
        "s.txt" => 's',
        "m.xml" => 'm',
        _ => return None,
    };
    Some((number.parse().ok()?, kind))
}

/// Reads the exchanges of a Fiddler session archive.
pub fn read_saz(input: &[u8], limits: Limits) -> Result<Vec<Exchange>, CaptureError> {
    read_saz_capped(input, limits, MAX_SAZ_EXPANDED)
}

/// [`read_saz`] with `cap` bytes allowed for all members together.
fn read_saz_capped(input: &[u8], limits: Limits, cap: u64) -> Result<Vec<Exchange>, CaptureError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(input)).map_err(|e| CaptureError::Saz(e.to_string()))?;
    let mut sessions: BTreeMap<u64, Members> = BTreeMap::new();
    for name in archive.file_names() {
        if let Some((n, kind)) = member(name) {
            let m = sessions.entry(n).or_default();
            let slot = match kind {
                'c' => &mut m.request,
                's' => &mut m.response,
                _ => &mut m.metadata,
            };
            slot.get_or_insert_with(|| name.to_string());
        }
    }
    let mut budget = cap;
    let mut out = Vec::with_capacity(sessions.len());
    for (n, m) in sessions {
        let mut ex = Exchange {
            origin: Some(format!("SAZ session {n}")),
            ..Exchange::default()
        };
        let mut read = |name: &Option<String>, what: &str, ex: &mut Exchange| -> Option<Vec<u8>> {
            let Some(name) = name else {
                ex.problems
                    .push(format!("the archive has no {what} for this session"));
                return None;
            };
            read_member(&mut archive, name, &mut budget)
                .map_err(|why| ex.problems.push(why))
                .ok()
        };
        let request = read(&m.request, "request (raw/NN_c.txt)", &mut ex);
        let response = read(&m.response, "response (raw/NN_s.txt)", &mut ex);
        if let Some(b) = request {
            ex.request = part(&b, m.request.as_deref().unwrap_or(""), limits, &mut ex);
        }
        if let Some(b) = response {
            ex.response = part(&b, m.response.as_deref().unwrap_or(""), limits, &mut ex);
        }
        if m.metadata.is_some() {
            if let Some(xml) = read(&m.metadata, "metadata", &mut ex) {
                let name = m.metadata.as_deref().unwrap_or("");
                match session_timers(&xml) {
                    Ok((timers, bad)) => {
                        ex.timers = timers;
                        ex.problems
                            .extend(bad.into_iter().map(|b| format!("{name}: {b}")));
                    }
                    Err(e) => ex.problems.push(format!("{name} is not XML: {e}")),
                }
            }
        }
        out.push(ex);
    }
    Ok(out)
}

/// The bytes of member `name`, read through what is left of `budget`.
fn read_member(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Vec<u8>, String> {
    let cap = *budget;
    let file = archive
        .by_name(name)
        .map_err(|e| format!("{name} cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(budget.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be read: {e}"))?;
    let n = bytes.len() as u64;
    if n > *budget {
        *budget = 0;
        return Err(format!(
            "{name} expands past the {cap} bytes still allowed for this archive \
             (at most {MAX_SAZ_EXPANDED} for all its members)"
        ));
    }
    *budget -= n;
    Ok(bytes)
}

/// One HTTP message of member `name`; a problem on `ex` when it does not parse, or when bytes
/// follow it.
fn part(bytes: &[u8], name: &str, limits: Limits, ex: &mut Exchange) -> Option<HttpPart> {
    let mut r = Reader::with_limits(bytes, limits);
    match HttpMessage::decode_from(&mut r) {
        Ok(m) => {
            let rest = &bytes[r.offset()..];
            if !rest.iter().all(u8::is_ascii_whitespace) {
                ex.problems.push(format!(
                    "{name}: {} bytes follow the HTTP message",
                    rest.len()
                ));
            }
            Some(HttpPart::from_message(&m))
        }
        Err(e) => {
            ex.problems.push(format!(
                "{name}: the HTTP message does not decode: {}",
                decode_error_text(e)
            ));
            None
        }
    }
}

/// The four timers of the first `SessionTimers` element, in UTC, and the problems with the
/// ones that are not times; an error when the XML does not parse up to that element.
fn session_timers(xml: &[u8]) -> Result<(Timers, Vec<String>), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut timers = Timers::default();
    let mut bad = Vec::new();
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"SessionTimers" => {
                for a in e.attributes() {
                    let a = a.map_err(quick_xml::Error::from)?;
                    let slot = match a.key.local_name().as_ref() {
                        b"ClientBeginRequest" => &mut timers.client_begin_request,
                        b"ServerGotRequest" => &mut timers.server_got_request,
                        b"ServerDoneResponse" => &mut timers.server_done_response,
                        b"ClientDoneResponse" => &mut timers.client_done_response,
                        _ => continue,
                    };
                    let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0)?;
                    match fiddler_time_to_utc(&value) {
                        Ok(t) => *slot = t,
                        Err(why) => bad.push(format!(
                            "SessionTimers {}: {why}",
                            String::from_utf8_lossy(a.key.local_name().as_ref())
                        )),
                    }
                }
                return Ok((timers, bad));
            }
            Event::Eof => return Ok((timers, bad)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_read_through_the_cap() {
        use std::io::Write;
        // Deflated, 1 MiB of zeros takes about a kilobyte; its local header declares the
        // size, which the reader does not trust.
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("raw/1_c.txt", opts).unwrap();
        z.write_all(&vec![b'a'; 1 << 20]).unwrap();
        z.start_file("raw/1_s.txt", opts).unwrap();
        z.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .unwrap();
        let file = z.finish().unwrap().into_inner();
        assert!(file.len() < 10_000);
        let ex = read_saz_capped(&file, Limits::default(), 100_000).unwrap();
        assert_eq!(ex.len(), 1);
        assert!(ex[0].request.is_none());
        assert!(
            ex[0].problems[0].starts_with("raw/1_c.txt expands past the 100000 bytes"),
            "{:?}",
            ex[0].problems
        );
        // Nothing is left for the response either.
        assert!(ex[0].response.is_none());
        // A truncated archive (its central directory cut off) is one error.
        assert!(matches!(
            read_saz(&file[..file.len() - 30], Limits::default()),
            Err(CaptureError::Saz(_))
        ));
    }

    #[test]
    fn member_names() {
        assert_eq!(member("raw/01_c.txt"), Some((1, 'c')));
        assert_eq!(member("raw/0000012_s.txt"), Some((12, 's')));
        assert_eq!(member("raw\\7_M.xml"), Some((7, 'm')));
        for other in [
            "raw/01_c.htm",
            "raw/_c.txt",
            "raw/x1_c.txt",
            "01_c.txt",
            "raw/01_w.txt",
        ] {
            assert_eq!(member(other), None, "{other}");
        }
        assert_eq!(member("raw/1234567890123456789_c.txt"), None);
    }

    #[test]
    fn timers_from_metadata() {
        let xml = br#"<?xml version="1.0" encoding="utf-8"?>
<Session SID="4" BitFlags="0"><SessionTimers ClientConnected="2026-11-20T09:00:00.9000000+01:00"
 ClientBeginRequest="2026-11-20T09:00:01.2500000+01:00" GotRequestHeaders="2026-11-20T09:00:01.2510000+01:00"
 ServerGotRequest="2026-11-20T09:00:01.2600000+01:00" ServerDoneResponse="0001-01-01T00:00:00"
 ClientDoneResponse="late" /></Session>"#;
        let (t, bad) = session_timers(xml).unwrap();
        assert_eq!(
            t.client_begin_request.as_deref(),
            Some("2026-11-20T08:00:01.2500000Z")
        );
        assert_eq!(
            t.server_got_request.as_deref(),
            Some("2026-11-20T08:00:01.2600000Z")
        );
        assert_eq!(t.server_done_response, None);
        assert_eq!(t.client_done_response, None);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].contains("ClientDoneResponse"), "{bad:?}");
        assert!(session_timers(b"<Session><SessionTimers a=\"1\" a=\"2\"/>").is_err());
        assert!(session_timers(b"<a></b>").is_err());
    }
}
