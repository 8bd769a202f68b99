//! RopNotify ([MS-OXCROPS] 2.2.14.2) and its [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData. The
//! first input byte chooses: bit 0 clear, the rest follows a RopNotify RopId in a ROP output
//! buffer (RopNotify first, no handle table) decoded without a request; bit 0 set, the rest is
//! a NotificationData alone, decoded with columns when bit 1 is set (bits 2-5 give their
//! number, the column tags come first, 4 bytes each). No panic; what decodes re-encodes to
//! exactly the bytes it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::rop::notification::NotificationData;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec_fuzz::{exact_round_trip, prefix_round_trip, take_columns};

fn as_buffer(rest: &[u8]) {
    let Ok(size) = u16::try_from(rest.len() + 3) else {
        return;
    };
    let mut buf = size.to_le_bytes().to_vec();
    buf.push(0x2A);
    buf.extend_from_slice(rest);
    exact_round_trip!(RopResponseBuffer, &buf, &RopRequestBuffer::default());
}

fn alone(first: u8, rest: &[u8]) {
    let with_columns = first & 2 != 0;
    let n = if with_columns {
        usize::from((first >> 2) & 0x0F)
    } else {
        0
    };
    let Some((cols, bytes)) = take_columns(rest, n) else {
        return;
    };
    let columns = with_columns.then_some(&cols);
    prefix_round_trip!(NotificationData, bytes, columns, ());
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    if first & 1 == 0 {
        as_buffer(rest);
    } else {
        alone(first, rest);
    }
});
