//! The sample session as the capture tools write it: a Fiddler session archive (`sample.saz`)
//! and a packet capture (`sample.pcapng`), byte for byte the same on every run (fixed zip
//! times, fixed packet times, members stored rather than deflated so that the bytes do not
//! depend on a compressor's version).
//!
//! The packet capture is made awkward on purpose: TCP segments are cut inside a header line,
//! inside a chunk-size line and inside bodies; one segment is sent twice; two segments are
//! captured in the wrong order; the NotificationWait call goes over a second connection; the
//! client's sequence numbers wrap past 2^32. pcap-parser writes the pcapng blocks (its
//! `serialize` feature), etherparse the Ethernet, IPv4 and TCP headers with their checksums.

use std::io::{Cursor, Write};

use etherparse::PacketBuilder;
use pcap_parser::{
    EnhancedPacketBlock, InterfaceDescriptionBlock, Linktype, SectionHeaderBlock, ToVec,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::http::Exchange;
use super::{SampleError, HOST, R};

fn archive_error(e: impl std::fmt::Display) -> SampleError {
    SampleError::Capture(e.to_string())
}

/// Fiddler's metadata of session `sid`: its timers in local time (UTC+01:00, 7 fraction
/// digits), the steps of call `i` one second apart.
fn metadata(sid: usize, i: usize) -> String {
    let t = |frac: &str| format!("2026-11-20T09:00:{i:02}.{frac}+01:00");
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Session SID=\"{sid}\" BitFlags=\"0\">\
         <SessionTimers ClientConnected=\"{}\" ClientBeginRequest=\"{}\" \
         GotRequestHeaders=\"{}\" ClientDoneRequest=\"{}\" ServerConnected=\"{}\" \
         FiddlerBeginRequest=\"{}\" ServerGotRequest=\"{}\" ServerBeginResponse=\"{}\" \
         GotResponseHeaders=\"{}\" ServerDoneResponse=\"{}\" ClientBeginResponse=\"{}\" \
         ClientDoneResponse=\"{}\" GatewayTime=\"0\" DNSTime=\"0\" TCPConnectTime=\"0\" \
         HTTPSHandshakeTime=\"0\" />\
         <PipeInfo CltReuse=\"true\" Reused=\"true\" />\
         <SessionFlags><SessionFlag N=\"x-clientip\" V=\"10.0.0.5\" />\
         <SessionFlag N=\"x-hostip\" V=\"10.0.0.9\" /></SessionFlags></Session>",
        t("0000000"),
        t("1000000"),
        t("1001250"),
        t("1002500"),
        t("0000000"),
        t("1002600"),
        t("1012500"),
        t("1031250"),
        t("1031250"),
        t("1043750"),
        t("1043800"),
        t("1050000"),
    )
}

/// The Fiddler archive: session 1 is the CONNECT of the HTTPS tunnel (not a MAPI call), then
/// one session per call, its request line with the whole URL as Fiddler saves it.
pub(super) fn saz(exchanges: &[Exchange]) -> R<Vec<u8>> {
    let time = DateTime::from_date_and_time(2026, 11, 20, 9, 0, 0).map_err(archive_error)?;
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut put = |name: String, bytes: &[u8]| -> R<()> {
        zip.start_file(name, opts).map_err(archive_error)?;
        zip.write_all(bytes).map_err(archive_error)
    };
    put(
        "raw/01_c.txt".into(),
        format!("CONNECT {HOST}:443 HTTP/1.1\r\nHost: {HOST}:443\r\nContent-Length: 0\r\n\r\n")
            .as_bytes(),
    )?;
    put(
        "raw/01_s.txt".into(),
        b"HTTP/1.1 200 Connection Established\r\nFiddlerGateway: Direct\r\n\
          Content-Length: 0\r\n\r\n",
    )?;
    put("raw/01_m.xml".into(), metadata(1, 0).as_bytes())?;
    for (i, e) in exchanges.iter().enumerate() {
        let sid = i + 2;
        let request = e.request_bytes();
        let line_end = request.iter().position(|b| *b == b'\r').unwrap_or(0);
        let mut c = format!("POST https://{HOST}{} HTTP/1.1", e.target).into_bytes();
        c.extend_from_slice(&request[line_end..]);
        put(format!("raw/{sid:02}_c.txt"), &c)?;
        put(format!("raw/{sid:02}_s.txt"), &e.response_bytes()?)?;
        put(
            format!("raw/{sid:02}_m.xml"),
            metadata(sid, i + 1).as_bytes(),
        )?;
    }
    Ok(zip.finish().map_err(archive_error)?.into_inner())
}

const CLIENT: [u8; 4] = [10, 0, 0, 5];
const SERVER: [u8; 4] = [10, 0, 0, 9];
const CLIENT_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x05];
const SERVER_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x09];
/// 2026-11-20T08:00:00Z in seconds since 1970.
const START: u64 = 1_795_161_600;

/// One TCP connection being written: the client's port and both next sequence numbers.
struct Tcp {
    port: u16,
    client_seq: u32,
    server_seq: u32,
}

/// The packets being written, each with its time in microseconds since 1970.
struct Packets {
    blocks: Vec<u8>,
    micros: u64,
}

impl Packets {
    fn packet(&mut self, c: &Tcp, from_client: bool, seq: u32, flags: &str, data: &[u8]) -> R<()> {
        let (src, dst, smac, dmac, sport, dport, ack) = if from_client {
            (
                CLIENT,
                SERVER,
                CLIENT_MAC,
                SERVER_MAC,
                c.port,
                80,
                c.server_seq,
            )
        } else {
            (
                SERVER,
                CLIENT,
                SERVER_MAC,
                CLIENT_MAC,
                80,
                c.port,
                c.client_seq,
            )
        };
        let mut b = PacketBuilder::ethernet2(smac, dmac)
            .ipv4(src, dst, 64)
            .tcp(sport, dport, seq, 64_240);
        for f in flags.chars() {
            b = match f {
                'S' => b.syn(),
                'F' => b.fin(),
                'P' => b.psh(),
                _ => b,
            };
        }
        if flags.contains('A') {
            b = b.ack(ack);
        }
        let mut frame = Vec::new();
        b.write(&mut frame, data).map_err(archive_error)?;
        self.micros += 200;
        let len = frame.len() as u32;
        let mut epb = EnhancedPacketBlock {
            block_type: 0,
            block_len1: 0,
            if_id: 0,
            ts_high: (self.micros >> 32) as u32,
            ts_low: self.micros as u32,
            caplen: len,
            origlen: len,
            data: &frame,
            options: Vec::new(),
            block_len2: 0,
        };
        self.blocks
            .extend(epb.to_vec().map_err(|e| archive_error(format!("{e:?}")))?);
        Ok(())
    }

    fn open(&mut self, c: &mut Tcp) -> R<()> {
        self.packet(c, true, c.client_seq.wrapping_sub(1), "S", &[])?;
        self.packet(c, false, c.server_seq.wrapping_sub(1), "SA", &[])?;
        self.packet(c, true, c.client_seq, "A", &[])
    }

    fn close(&mut self, c: &mut Tcp) -> R<()> {
        self.packet(c, true, c.client_seq, "FA", &[])?;
        c.client_seq = c.client_seq.wrapping_add(1);
        self.packet(c, false, c.server_seq, "FA", &[])?;
        c.server_seq = c.server_seq.wrapping_add(1);
        self.packet(c, true, c.client_seq, "A", &[])
    }

    /// Sends `message` cut at `cuts`; `swap` writes the segments at these two indexes in the
    /// other order, `repeat` writes the segment at this index again after the next one.
    fn send(
        &mut self,
        c: &mut Tcp,
        from_client: bool,
        message: &[u8],
        swap: Option<usize>,
        repeat: Option<usize>,
    ) -> R<()> {
        let bounds = cuts(message, !from_client);
        let start = if from_client {
            c.client_seq
        } else {
            c.server_seq
        };
        let mut segments: Vec<(u32, &[u8])> = bounds
            .windows(2)
            .map(|w| (start.wrapping_add(w[0] as u32), &message[w[0]..w[1]]))
            .collect();
        if let Some(i) = swap.filter(|i| i + 1 < segments.len()) {
            segments.swap(i, i + 1);
        }
        if let Some(i) = repeat.filter(|i| i + 1 < segments.len()) {
            let again = segments[i];
            segments.insert(i + 2, again);
        }
        for (seq, data) in segments {
            self.packet(c, from_client, seq, "PA", data)?;
        }
        let end = start.wrapping_add(message.len() as u32);
        if from_client {
            c.client_seq = end;
        } else {
            c.server_seq = end;
        }
        Ok(())
    }
}

/// Where the segments of a message start and end: inside the second header line, inside the
/// first chunk-size line (a response) or 7 bytes into the body (a request), then every 1000
/// bytes.
fn cuts(m: &[u8], response: bool) -> Vec<usize> {
    let find = |from: usize, what: &[u8]| {
        m[from..]
            .windows(what.len())
            .position(|w| w == what)
            .map(|p| p + from)
    };
    let mut v = vec![0];
    if let Some(first_line_end) = find(0, b"\r\n") {
        v.push(first_line_end + 2 + 5);
    }
    if let Some(head_end) = find(0, b"\r\n\r\n") {
        v.push(head_end + 4 + if response { 1 } else { 7 });
    }
    let mut at = *v.last().unwrap_or(&0);
    while at + 1000 < m.len() {
        at += 1000;
        v.push(at);
    }
    v.push(m.len());
    v.retain(|&c| c <= m.len());
    v.sort_unstable();
    v.dedup();
    v
}

/// The packet capture: calls one second apart on one connection, the NotificationWait on a
/// second one; the third call's response captured with two segments swapped, the fourth
/// call's request with a segment sent twice.
pub(super) fn pcapng(exchanges: &[Exchange]) -> R<Vec<u8>> {
    let gen = |e| archive_error(format!("{e:?}"));
    let mut out = SectionHeaderBlock {
        block_type: 0,
        block_len1: 0,
        bom: 0,
        major_version: 1,
        minor_version: 0,
        section_len: -1,
        options: Vec::new(),
        block_len2: 0,
    }
    .to_vec()
    .map_err(gen)?;
    out.extend(
        InterfaceDescriptionBlock {
            block_type: 0,
            block_len1: 0,
            linktype: Linktype::ETHERNET,
            reserved: 0,
            snaplen: 65_535,
            options: Vec::new(),
            block_len2: 0,
            // Microseconds, the pcapng default, written out.
            if_tsresol: 6,
            if_tsoffset: 0,
        }
        .to_vec()
        .map_err(gen)?,
    );
    let mut p = Packets {
        blocks: out,
        micros: START * 1_000_000,
    };
    // The client's sequence numbers wrap past 2^32 during the session.
    let mut main = Tcp {
        port: 50_123,
        client_seq: 0xFFFF_F000,
        server_seq: 0x2000_0001,
    };
    let mut second = Tcp {
        port: 50_124,
        client_seq: 0x3000_0001,
        server_seq: 0x4000_0001,
    };
    p.open(&mut main)?;
    for (i, e) in exchanges.iter().enumerate() {
        p.micros = (START + i as u64) * 1_000_000 + 100_000;
        let on_second = e.request_type == "NotificationWait";
        let c = if on_second { &mut second } else { &mut main };
        if on_second {
            p.open(c)?;
        }
        p.send(c, true, &e.request_bytes(), None, (i == 3).then_some(1))?;
        p.micros += 3_000;
        p.send(c, false, &e.response_bytes()?, (i == 2).then_some(1), None)?;
        if on_second {
            p.close(c)?;
        }
    }
    p.close(&mut main)?;
    Ok(p.blocks)
}
