//! Packet captures (pcap and pcapng) of cleartext HTTP: the containers are read by
//! `pcap-parser`, the packet layers (Ethernet with VLAN tags, Linux cooked capture v1 and v2,
//! BSD loopback, raw IP; IPv4 and IPv6; TCP) by `etherparse`; the TCP streams are put back
//! together and cut into HTTP messages by [`tcp`](super::tcp).
//!
//! What cannot be read is reported, never guessed: a file cut inside a block, a link type
//! not read, IP fragments (not reassembled: their bytes show as gaps of their connection),
//! packets that do not parse. These problems of the file as a whole come last, as one
//! exchange of origin `the capture file`.

use std::net::{IpAddr, SocketAddr};

use etherparse::{EtherType, NetSlice, SlicedPacket, TransportSlice};
use mapi_codec::wire::Limits;
use pcap_parser::{Block, Linktype, PcapBlockOwned, PcapError};

use super::capture::{CaptureError, Exchange};
use super::clock::Stamp;
pub use super::tcp::MAX_HELD_BYTES;
use super::tcp::{Segment, Streams};

/// An interface of a pcapng section: its link type and how its timestamps count.
#[derive(Clone, Copy)]
struct Interface {
    linktype: Linktype,
    /// Timestamp units per second: 10^n (`decimal`), or 2^n.
    exponent: u8,
    decimal: bool,
    offset: i64,
}

impl Interface {
    /// The time of a timestamp of `units` (`None` when it does not fit).
    fn stamp(&self, units: u64) -> Option<Stamp> {
        let (secs, nanos, digits) = if self.decimal {
            let per_sec = 10u64.checked_pow(u32::from(self.exponent))?;
            let frac = units % per_sec;
            let nanos = if self.exponent <= 9 {
                frac * 10u64.pow(9 - u32::from(self.exponent))
            } else {
                frac / 10u64.pow(u32::from(self.exponent) - 9)
            };
            (units / per_sec, nanos, self.exponent.min(9))
        } else {
            if self.exponent > 63 {
                return None;
            }
            let frac = units & ((1u64 << self.exponent) - 1);
            let nanos = (u128::from(frac) * 1_000_000_000) >> self.exponent;
            (units >> self.exponent, nanos as u64, 9)
        };
        Some(Stamp {
            secs: i64::try_from(secs).ok()?.checked_add(self.offset)?,
            nanos: u32::try_from(nanos).ok()?,
            digits,
        })
    }
}

/// What the file-level reading found wrong, counted so that a capture of many bad packets
/// gives a few lines.
#[derive(Default)]
struct FileProblems {
    lines: Vec<String>,
    fragments: usize,
    undecoded: usize,
    first_undecoded: Option<String>,
    linktypes: Vec<i32>,
}

impl FileProblems {
    fn finish(mut self) -> Vec<String> {
        if self.fragments > 0 {
            self.lines.push(format!(
                "{} IP fragments are not reassembled (not supported): their bytes show as \
                 gaps in their TCP streams",
                self.fragments
            ));
        }
        if let Some(first) = self.first_undecoded {
            self.lines.push(format!(
                "{} packets do not decode as IP (first: {first})",
                self.undecoded
            ));
        }
        self.lines
    }
}

/// Reads the exchanges of a pcap or pcapng capture of cleartext HTTP/1.1.
pub fn read_pcap<'a>(input: &'a [u8], limits: Limits) -> Result<Vec<Exchange>, CaptureError> {
    let mut streams = Streams::default();
    let mut problems = FileProblems::default();
    let mut no = 0usize;
    let mut packet = |linktype: Linktype,
                      data: &'a [u8],
                      time: Option<Stamp>,
                      p: &mut FileProblems,
                      no: &mut usize| {
        *no += 1;
        if let Some(seg) = segment(linktype, data, *no, time, p) {
            streams.add(seg);
        }
    };
    let ended = |e: pcap_parser::nom::Err<PcapError<&[u8]>>, n: usize| match e {
        pcap_parser::nom::Err::Incomplete(_) => {
            format!("the file ends inside the block after packet {n}")
        }
        e => format!("the block after packet {n} does not parse: {e}"),
    };
    if input.starts_with(&[0x0A, 0x0D, 0x0D, 0x0A]) {
        let blocks = pcap_parser::PcapNGSlice::from_slice(input)
            .map_err(|e| CaptureError::Pcap(format!("pcapng section header: {e}")))?;
        let mut interfaces: Vec<Interface> = Vec::new();
        let mut seen = 0;
        for b in blocks {
            let b = match b {
                Ok(PcapBlockOwned::NG(b)) => b,
                Ok(_) => continue,
                Err(e) => {
                    problems.lines.push(ended(e, seen));
                    break;
                }
            };
            match b {
                Block::SectionHeader(_) => interfaces.clear(),
                Block::InterfaceDescription(idb) => interfaces.push(Interface {
                    linktype: idb.linktype,
                    exponent: idb.if_tsresol & 0x7F,
                    decimal: idb.if_tsresol & 0x80 == 0,
                    offset: idb.if_tsoffset,
                }),
                Block::EnhancedPacket(epb) => {
                    seen += 1;
                    let Some(i) = interfaces.get(epb.if_id as usize).copied() else {
                        problems.lines.push(format!(
                            "packet {}: interface {} is not described",
                            no + 1,
                            epb.if_id
                        ));
                        no += 1;
                        continue;
                    };
                    let units = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                    let len = (epb.caplen as usize).min(epb.data.len());
                    packet(
                        i.linktype,
                        &epb.data[..len],
                        i.stamp(units),
                        &mut problems,
                        &mut no,
                    );
                }
                Block::SimplePacket(spb) => {
                    seen += 1;
                    let Some(i) = interfaces.first().copied() else {
                        no += 1;
                        continue;
                    };
                    packet(i.linktype, spb.data, None, &mut problems, &mut no);
                }
                _ => {}
            }
        }
    } else {
        // pcap-parser's LegacyPcapSlice reads every frame as little-endian: pick the frame
        // parser by the header, as its streaming reader does.
        let (mut rest, header) = pcap_parser::parse_pcap_header(input)
            .map_err(|e| CaptureError::Pcap(format!("pcap file header: {e}")))?;
        let frame = if header.is_modified_format() {
            pcap_parser::parse_pcap_frame_modified
        } else if header.is_bigendian() {
            pcap_parser::parse_pcap_frame_be
        } else {
            pcap_parser::parse_pcap_frame
        };
        let (per_sec, digits) = if header.is_nanosecond_precision() {
            (1_000_000_000, 9)
        } else {
            (1_000_000, 6)
        };
        let mut seen = 0;
        while !rest.is_empty() {
            match frame(rest) {
                Ok((more, f)) => {
                    rest = more;
                    seen += 1;
                    let time = (f.ts_usec < per_sec).then(|| Stamp {
                        secs: i64::from(f.ts_sec),
                        nanos: f.ts_usec * (1_000_000_000 / per_sec),
                        digits,
                    });
                    let len = (f.caplen as usize).min(f.data.len());
                    packet(header.network, &f.data[..len], time, &mut problems, &mut no);
                }
                Err(e) => {
                    problems.lines.push(ended(e, seen));
                    break;
                }
            }
        }
    }
    let mut out = streams.exchanges(limits);
    let lines = problems.finish();
    if !lines.is_empty() {
        out.push(Exchange {
            problems: lines,
            origin: Some("the capture file".into()),
            ..Exchange::default()
        });
    }
    Ok(out)
}

/// BSD loopback (DLT_NULL, DLT_LOOP): a 4-byte address family, then IPv4 or IPv6.
fn loopback(data: &[u8], big_endian: bool) -> Option<&[u8]> {
    let family: [u8; 4] = data.get(..4)?.try_into().ok()?;
    let family = if big_endian {
        u32::from_be_bytes(family)
    } else {
        // DLT_NULL is in the byte order of the host that captured: take either.
        u32::from_le_bytes(family).min(u32::from_be_bytes(family))
    };
    // AF_INET, and AF_INET6 as the BSDs and macOS number it.
    matches!(family, 2 | 24 | 28 | 30).then(|| &data[4..])
}

/// The TCP segment in packet `no`, if it carries one.
fn segment<'a>(
    linktype: Linktype,
    data: &'a [u8],
    no: usize,
    time: Option<Stamp>,
    p: &mut FileProblems,
) -> Option<Segment<'a>> {
    let sliced = match linktype {
        Linktype::ETHERNET => SlicedPacket::from_ethernet(data),
        Linktype::NULL => SlicedPacket::from_ip(loopback(data, false)?),
        Linktype::LOOP => SlicedPacket::from_ip(loopback(data, true)?),
        Linktype::RAW | Linktype::IPV4 | Linktype::IPV6 => SlicedPacket::from_ip(data),
        Linktype::LINUX_SLL => SlicedPacket::from_linux_sll(data),
        // Linux cooked capture v2: the protocol type, then 18 bytes of addresses and flags.
        Linktype::LINUX_SLL2 => {
            let proto = u16::from_be_bytes(data.get(..2)?.try_into().ok()?);
            SlicedPacket::from_ether_type(EtherType(proto), data.get(20..)?)
        }
        other => {
            if !p.linktypes.contains(&other.0) {
                p.linktypes.push(other.0);
                p.lines.push(format!(
                    "packet {no}: link type {} is not read: its packets are skipped",
                    other.0
                ));
            }
            return None;
        }
    };
    let sliced = match sliced {
        Ok(s) => s,
        Err(e) => {
            p.undecoded += 1;
            p.first_undecoded
                .get_or_insert_with(|| format!("packet {no}: {e}"));
            return None;
        }
    };
    let (src, dst, fragmented) = match &sliced.net {
        Some(NetSlice::Ipv4(ip)) => (
            IpAddr::V4(ip.header().source_addr()),
            IpAddr::V4(ip.header().destination_addr()),
            ip.is_payload_fragmented(),
        ),
        Some(NetSlice::Ipv6(ip)) => (
            IpAddr::V6(ip.header().source_addr()),
            IpAddr::V6(ip.header().destination_addr()),
            ip.is_payload_fragmented(),
        ),
        _ => return None,
    };
    if fragmented {
        p.fragments += 1;
        return None;
    }
    let Some(TransportSlice::Tcp(tcp)) = &sliced.transport else {
        return None;
    };
    Some(Segment {
        src: SocketAddr::new(src, tcp.source_port()),
        dst: SocketAddr::new(dst, tcp.destination_port()),
        seq: tcp.sequence_number(),
        syn: tcp.syn(),
        ack: tcp.ack(),
        fin: tcp.fin(),
        rst: tcp.rst(),
        data: tcp.payload(),
        no,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_resolutions() {
        let i = |exponent, decimal| Interface {
            linktype: Linktype::ETHERNET,
            exponent,
            decimal,
            offset: 0,
        };
        let s = i(6, true).stamp(1_795_161_601_250_000).unwrap();
        assert_eq!(s.text().as_deref(), Some("2026-11-20T08:00:01.250000Z"));
        let s = i(9, true).stamp(1_795_161_601_000_000_007).unwrap();
        assert_eq!(s.text().as_deref(), Some("2026-11-20T08:00:01.000000007Z"));
        // 2^-10 s units: 512/1024 = 0.5 s.
        let s = i(10, false).stamp((1_795_161_601 << 10) | 512).unwrap();
        assert_eq!(s.text().as_deref(), Some("2026-11-20T08:00:01.500000000Z"));
        assert!(i(20, true).stamp(1).is_none());
        assert!(i(64, false).stamp(1).is_none());
        let far = Interface {
            offset: i64::MAX,
            ..i(6, true)
        };
        assert!(far.stamp(u64::MAX).is_none());
    }
}
