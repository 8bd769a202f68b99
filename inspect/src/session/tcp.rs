//! TCP streams of a packet capture put back together, cut into HTTP/1.1 messages and paired.
//!
//! Each direction of a connection is reassembled by sequence number: a segment that comes
//! early waits (borrowed from the capture, not copied) until the bytes before it arrive; a
//! segment that repeats bytes already taken is a retransmission, compared with the first copy
//! (kept) and reported when it differs. Bytes that never come leave a gap: it is declared when
//! the stream ends, or when more than [`MAX_HELD_BYTES`] wait behind it, and reported (with the
//! connection, the direction, the stream offset and the byte count) on the message it damages;
//! the messages after it are found again at the next line that starts a message.
//!
//! Stream offsets count from the first byte after the SYN, or from the first byte captured
//! when the capture starts after the handshake.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use mapi_codec::wire::{Decode, ErrorKind, Limits, Reader};

use super::capture::{Exchange, HttpPart, Timers};
use super::clock::Stamp;
use super::render::decode_error_text;
use crate::http::HttpMessage;

/// The most bytes one direction of a connection holds back behind a missing segment (16 MiB);
/// past it the missing bytes are declared a gap and the stream goes on after them.
pub const MAX_HELD_BYTES: usize = 16 << 20;

/// One TCP segment of the capture.
pub(super) struct Segment<'a> {
    pub(super) src: SocketAddr,
    pub(super) dst: SocketAddr,
    pub(super) seq: u32,
    pub(super) syn: bool,
    pub(super) ack: bool,
    pub(super) fin: bool,
    pub(super) rst: bool,
    pub(super) data: &'a [u8],
    /// The packet's number in the capture, from 1.
    pub(super) no: usize,
    pub(super) time: Option<Stamp>,
}

/// Where a stretch of stream bytes came from: the packet that brought the byte at `at`.
#[derive(Clone, Copy)]
struct Mark {
    at: usize,
    no: usize,
    time: Option<Stamp>,
}

/// Contiguous stream bytes.
struct Run {
    /// The stream offset of the first byte.
    start: u64,
    /// Bytes missing just before this run (a gap), if any.
    gap_before: Option<(u64, bool)>,
    bytes: Vec<u8>,
    marks: Vec<Mark>,
}

impl Run {
    fn end(&self) -> u64 {
        self.start + self.bytes.len() as u64
    }

    fn mark(&self, at: usize) -> Mark {
        let i = self.marks.partition_point(|m| m.at <= at);
        self.marks[i.saturating_sub(1)]
    }
}

/// A held-back segment: its bytes, packet number and time.
type Held<'a> = (&'a [u8], usize, Option<Stamp>);

/// One direction of a connection being reassembled.
#[derive(Default)]
struct Direction<'a> {
    /// The sequence number of stream offset 0.
    base: Option<u32>,
    saw_syn: bool,
    /// The next stream offset expected.
    next: u64,
    held: BTreeMap<(u64, usize), Held<'a>>,
    held_bytes: usize,
    runs: Vec<Run>,
    /// A gap declared and not yet followed by bytes: its size, and whether it was declared
    /// because too much waited behind it.
    pending_gap: Option<(u64, bool)>,
    /// Where the FIN says the stream ends.
    fin_at: Option<u64>,
    /// Retransmissions whose bytes differ: (stream offset, bytes, packet).
    differing: Vec<(u64, usize, usize)>,
    payload: u64,
}

impl<'a> Direction<'a> {
    fn add(&mut self, s: &Segment<'a>) {
        let mut seq = s.seq;
        if s.syn {
            seq = seq.wrapping_add(1);
            if self.base.is_none() {
                self.base = Some(seq);
                self.saw_syn = true;
            }
        }
        if s.data.is_empty() && !s.fin {
            return;
        }
        let base = *self.base.get_or_insert(seq);
        // The offset nearest to where the stream is (sequence numbers wrap at 2^32).
        let delta = i64::from(seq.wrapping_sub(base).wrapping_sub(self.next as u32) as i32);
        let off = self.next as i64 + delta;
        if s.fin {
            self.fin_at = Some((off + s.data.len() as i64).max(0) as u64);
        }
        self.payload += s.data.len() as u64;
        // Bytes before the first one captured (a capture that starts after the handshake,
        // reordered) have no place in the stream.
        let (off, data) = if off < 0 {
            let cut = usize::try_from(-off)
                .unwrap_or(usize::MAX)
                .min(s.data.len());
            (0, &s.data[cut..])
        } else {
            (off as u64, s.data)
        };
        if data.is_empty() {
            return;
        }
        if off > self.next {
            self.held.insert((off, s.no), (data, s.no, s.time));
            self.held_bytes += data.len();
            if self.held_bytes > MAX_HELD_BYTES {
                self.skip_gap(true);
            }
        } else {
            self.accept(off, data, s.no, s.time);
        }
        self.drain();
    }

    /// Takes bytes that start at or before `next`: the part already taken is compared, the
    /// rest appended.
    fn accept(&mut self, off: u64, data: &[u8], no: usize, time: Option<Stamp>) {
        let seen = usize::try_from(self.next - off)
            .unwrap_or(usize::MAX)
            .min(data.len());
        self.compare(off, &data[..seen], no);
        let rest = &data[seen..];
        if rest.is_empty() {
            return;
        }
        if self.runs.is_empty() || self.pending_gap.is_some() {
            self.runs.push(Run {
                start: self.next,
                gap_before: self.pending_gap.take(),
                bytes: Vec::new(),
                marks: Vec::new(),
            });
        }
        let run = self.runs.last_mut().expect("a run was just ensured");
        run.marks.push(Mark {
            at: run.bytes.len(),
            no,
            time,
        });
        run.bytes.extend_from_slice(rest);
        self.next += rest.len() as u64;
    }

    /// Compares retransmitted bytes at `off` with the first copy.
    fn compare(&mut self, off: u64, data: &[u8], no: usize) {
        if data.is_empty() {
            return;
        }
        let i = self.runs.partition_point(|r| r.end() <= off);
        let Some(run) = self.runs.get(i).filter(|r| r.start <= off) else {
            return;
        };
        let from = (off - run.start) as usize;
        let n = data.len().min(run.bytes.len() - from);
        if run.bytes[from..from + n] != data[..n] {
            self.differing.push((off, data.len(), no));
        }
    }

    /// Takes the held segments that now start at or before `next`.
    fn drain(&mut self) {
        while let Some(entry) = self.held.first_entry() {
            let off = entry.key().0;
            if off > self.next {
                break;
            }
            let (data, no, time) = entry.remove();
            self.held_bytes -= data.len();
            self.accept(off, data, no, time);
        }
    }

    /// Gives up on the bytes before the first held segment: a gap.
    fn skip_gap(&mut self, waited: bool) {
        if let Some((&(off, _), _)) = self.held.first_key_value() {
            let missing = off - self.next;
            let (before, waited_before) = self.pending_gap.unwrap_or((0, false));
            self.pending_gap = Some((before + missing, waited || waited_before));
            self.next = off;
        }
    }

    /// The end of the capture: what still waits follows gaps.
    fn finish(&mut self) {
        while !self.held.is_empty() {
            self.skip_gap(false);
            self.drain();
        }
    }

    /// Bytes the FIN says were sent after the last ones captured.
    fn trailing_gap(&self) -> Option<u64> {
        self.fin_at
            .filter(|&f| f > self.next)
            .map(|f| f - self.next)
    }
}

/// One TCP connection: its two ends (the first sender first) and both directions.
struct Connection<'a> {
    ends: [SocketAddr; 2],
    dirs: [Direction<'a>; 2],
    syn_from: Option<usize>,
    closed: bool,
}

/// The connections of a capture, in the order they appear.
#[derive(Default)]
pub(super) struct Streams<'a> {
    conns: Vec<Connection<'a>>,
    by_ends: HashMap<(SocketAddr, SocketAddr), usize>,
}

impl<'a> Streams<'a> {
    pub(super) fn add(&mut self, s: Segment<'a>) {
        let key = if s.src <= s.dst {
            (s.src, s.dst)
        } else {
            (s.dst, s.src)
        };
        let open_syn = s.syn && !s.ack;
        let known = self.by_ends.get(&key).copied().filter(|&i| {
            // A new SYN on ends whose connection has closed starts a new connection.
            let c = &self.conns[i];
            !(open_syn && c.closed)
        });
        let i = known.unwrap_or_else(|| {
            self.conns.push(Connection {
                ends: [s.src, s.dst],
                dirs: [Direction::default(), Direction::default()],
                syn_from: None,
                closed: false,
            });
            self.by_ends.insert(key, self.conns.len() - 1);
            self.conns.len() - 1
        });
        let c = &mut self.conns[i];
        let d = usize::from(s.src != c.ends[0]);
        if open_syn {
            c.syn_from.get_or_insert(d);
        }
        c.closed |= s.fin || s.rst;
        c.dirs[d].add(&s);
    }

    /// The exchanges of every connection, in the order of their first packets' times.
    pub(super) fn exchanges(mut self, limits: Limits) -> Vec<Exchange> {
        let mut all: Vec<(Option<Stamp>, usize, Exchange)> = Vec::new();
        for c in &mut self.conns {
            c.dirs.iter_mut().for_each(Direction::finish);
            all.extend(connection_exchanges(c, limits));
        }
        all.sort_by_key(|(t, no, _)| (t.map(|t| (t.secs, t.nanos)), *no));
        all.into_iter().map(|(_, _, e)| e).collect()
    }
}

fn starts_message(b: &[u8]) -> bool {
    b.starts_with(b"HTTP/1.") || is_request_start(b)
}

fn is_request_start(b: &[u8]) -> bool {
    [
        &b"POST "[..],
        b"GET ",
        b"PUT ",
        b"HEAD ",
        b"OPTIONS ",
        b"DELETE ",
        b"CONNECT ",
    ]
    .iter()
    .any(|m| b.starts_with(m))
}

/// Where the next message starts at or after `from`: the first place that starts like a
/// message and decodes as one (or as the start of one cut by the end of the run). Unlike a
/// file of raw messages, a stream puts a request right after the body of the one before, so
/// no line break announces it.
fn stream_resync(b: &[u8], from: usize, limits: Limits) -> Option<usize> {
    (from..b.len()).find(|&i| {
        starts_message(&b[i..]) && {
            let mut r = Reader::with_limits(&b[i..], limits);
            match HttpMessage::decode_from(&mut r) {
                Ok(_) => true,
                Err(e) => matches!(e.kind(), ErrorKind::Truncated { .. }),
            }
        }
    })
}

/// An HTTP message cut from a stream, or the place of one that could not be.
struct Message {
    part: Option<HttpPart>,
    problems: Vec<String>,
    start: u64,
    end: u64,
    first: Mark,
    last: Mark,
}

/// Names for reports: the connection (`client -> server`) and the direction.
struct Names<'n> {
    conn: &'n str,
    dir: &'static str,
    what: &'static str,
}

impl Names<'_> {
    fn gap(&self, at: u64, len: u64, waited: bool) -> String {
        let why = if waited {
            format!(" (declared missing after {MAX_HELD_BYTES} bytes waited behind them)")
        } else {
            String::new()
        };
        format!(
            "{} {}: {len} bytes missing at stream offset {at}{why}: this {} is cut",
            self.conn, self.dir, self.what
        )
    }
}

/// Cuts the messages of one direction.
fn messages(d: &Direction<'_>, names: &Names<'_>, limits: Limits) -> (Vec<Message>, Vec<String>) {
    let mut out: Vec<Message> = Vec::new();
    let mut skipped = Vec::new();
    for (ri, run) in d.runs.iter().enumerate() {
        let b = &run.bytes[..];
        let next_gap = d
            .runs
            .get(ri + 1)
            .and_then(|r| r.gap_before)
            .map(|(n, w)| (run.end(), n, w));
        let next_gap = next_gap.or_else(|| d.trailing_gap().map(|n| (run.end(), n, false)));
        let placeholder = |at: usize, end: usize, problem: String| Message {
            part: None,
            problems: vec![problem],
            start: run.start + at as u64,
            end: run.start + end as u64,
            first: run.mark(at),
            last: run.mark(end.saturating_sub(1).max(at)),
        };
        let mut pos = 0;
        if !starts_message(b) && (ri > 0 || !d.saw_syn) {
            match stream_resync(b, 1, limits) {
                Some(p) => pos = p,
                None => pos = b.len(),
            }
            if ri == 0 && run.gap_before.is_none() {
                skipped.push(format!(
                    "{} {}: the capture starts inside a message: its first {pos} bytes are skipped",
                    names.conn, names.dir
                ));
            }
        }
        let mut cut = false;
        loop {
            while b.get(pos).is_some_and(|c| *c == b'\r' || *c == b'\n') {
                pos += 1;
            }
            if pos >= b.len() {
                break;
            }
            let mut r = Reader::with_limits(&b[pos..], limits);
            match HttpMessage::decode_from(&mut r) {
                Ok(m) => {
                    let end = pos + r.offset();
                    out.push(Message {
                        part: Some(HttpPart::from_message(&m)),
                        problems: Vec::new(),
                        start: run.start + pos as u64,
                        end: run.start + end as u64,
                        first: run.mark(pos),
                        last: run.mark(end - 1),
                    });
                    pos = end;
                }
                Err(e) if matches!(e.kind(), ErrorKind::Truncated { .. }) => {
                    let problem = match next_gap {
                        Some((at, n, waited)) => names.gap(at, n, waited),
                        None => format!(
                            "{} {}: the capture ends inside this {} ({} bytes of it captured)",
                            names.conn,
                            names.dir,
                            names.what,
                            b.len() - pos
                        ),
                    };
                    out.push(placeholder(pos, b.len(), problem));
                    cut = true;
                    break;
                }
                Err(e) => {
                    let at = run.start + pos as u64;
                    let e = e.shifted(pos);
                    out.push(placeholder(
                        pos,
                        b.len().min(pos + 1),
                        format!(
                            "{} {}: the {} at stream offset {at} does not decode: {}",
                            names.conn,
                            names.dir,
                            names.what,
                            decode_error_text(e)
                        ),
                    ));
                    match stream_resync(b, pos + 1, limits) {
                        Some(p) => pos = p,
                        None => break,
                    }
                }
            }
        }
        // A gap right after a whole message took the start of the next one.
        if let (false, Some((at, n, waited))) = (cut, next_gap) {
            let mut m = placeholder(b.len().saturating_sub(1), b.len(), names.gap(at, n, waited));
            m.start = at;
            m.end = at;
            if let Some(next) = d.runs.get(ri + 1) {
                m.first = next.mark(0);
                m.last = m.first;
            }
            out.push(m);
        }
    }
    for &(at, len, no) in &d.differing {
        let text = format!(
            "{} {}: packet {no} retransmits {len} bytes at stream offset {at} with different \
             bytes: the first copy is kept",
            names.conn, names.dir
        );
        let i = out
            .iter()
            .position(|m| m.start <= at && at < m.end.max(m.start + 1));
        if let Some(m) = out.get_mut(i.unwrap_or(0)) {
            m.problems.push(text);
        }
    }
    (out, skipped)
}

/// Which direction the client sends: the one that sent the SYN, else the one whose first
/// bytes are a request, else the one whose peer's first bytes are a response, else the first
/// sender.
fn client_side(c: &Connection<'_>) -> usize {
    if let Some(d) = c.syn_from {
        return d;
    }
    let first = |d: usize| c.dirs[d].runs.first().map_or(&[][..], |r| &r.bytes[..]);
    if is_request_start(first(1)) || first(0).starts_with(b"HTTP/1.") {
        return 1;
    }
    0
}

type Keyed = (Option<Stamp>, usize, Exchange);

fn connection_exchanges(c: &Connection<'_>, limits: Limits) -> Vec<Keyed> {
    let client = client_side(c);
    let server = 1 - client;
    let conn = format!("{} -> {}", c.ends[client], c.ends[server]);
    let (requests, mut skipped) = messages(
        &c.dirs[client],
        &Names {
            conn: &conn,
            dir: "client to server",
            what: "request",
        },
        limits,
    );
    let (responses, more) = messages(
        &c.dirs[server],
        &Names {
            conn: &conn,
            dir: "server to client",
            what: "response",
        },
        limits,
    );
    skipped.extend(more);
    let key = |m: &Message| (m.first.time, m.first.no);
    let mut out: Vec<Keyed> = Vec::new();
    let payload = c.dirs[client].payload + c.dirs[server].payload;
    if !requests.iter().chain(&responses).any(|m| m.part.is_some()) {
        if payload > 0 {
            let first = requests
                .first()
                .or(responses.first())
                .map(key)
                .unwrap_or((None, 0));
            out.push((
                first.0,
                first.1,
                Exchange {
                    origin: Some(conn.clone()),
                    skipped: Some(format!(
                        "no HTTP/1.1 message decodes in this connection ({} bytes client to \
                         server, {} bytes server to client: TLS or another protocol?)",
                        c.dirs[client].payload, c.dirs[server].payload
                    )),
                    ..Exchange::default()
                },
            ));
        }
        return out;
    }
    for s in skipped {
        out.push((
            None,
            0,
            Exchange {
                origin: Some(conn.clone()),
                skipped: Some(s),
                ..Exchange::default()
            },
        ));
    }
    // Requests and responses in the order their first bytes were captured; a response
    // answers the request before it.
    let mut all: Vec<(bool, Message)> = requests
        .into_iter()
        .map(|m| (false, m))
        .chain(responses.into_iter().map(|m| (true, m)))
        .collect();
    all.sort_by_key(|(_, m)| m.first.no);
    let mut pending: Option<Message> = None;
    let push = |q: Option<Message>, a: Option<Message>, out: &mut Vec<Keyed>| {
        let mut ex = Exchange {
            origin: Some(conn.clone()),
            ..Exchange::default()
        };
        let k = q.as_ref().or(a.as_ref()).map(key).unwrap_or((None, 0));
        if let Some(q) = q {
            ex.timers.client_begin_request = q.first.time.and_then(|t| t.text());
            ex.timers.server_got_request = q.last.time.and_then(|t| t.text());
            ex.request = q.part;
            ex.problems.extend(q.problems);
        }
        if let Some(a) = a {
            let done = a.last.time.and_then(|t| t.text());
            ex.timers = Timers {
                server_done_response: done.clone(),
                client_done_response: done,
                ..ex.timers
            };
            ex.response = a.part;
            ex.problems.extend(a.problems);
        }
        out.push((k.0, k.1, ex));
    };
    for (is_response, m) in all {
        if is_response {
            let q = pending.take();
            let mut a = m;
            if q.is_none() {
                a.problems
                    .push(format!("{conn}: this response follows no request"));
            }
            push(q, Some(a), &mut out);
        } else {
            if let Some(mut q) = pending.take() {
                if q.part.is_some() {
                    q.problems
                        .push(format!("{conn}: no response follows this request"));
                }
                push(Some(q), None, &mut out);
            }
            pending = Some(m);
        }
    }
    if let Some(mut q) = pending {
        if q.part.is_some() {
            q.problems.push(format!(
                "{conn}: the capture ends before the response to this request"
            ));
        }
        push(Some(q), None, &mut out);
    }
    out
}
