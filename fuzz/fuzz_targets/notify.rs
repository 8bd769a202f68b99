//! RopNotify ([MS-OXCROPS] 2.2.14.2) and its [MS-OXCNOTIF] 2.2.1.4.1.2 NotificationData. The
//! first input byte chooses: bit 0 clear, the rest follows a RopNotify RopId in a ROP output
//! buffer (RopNotify first, no handle table) decoded without a request; bit 0 set, the rest is
//! a NotificationData alone, decoded with columns when bit 1 is set (bits 2-5 give their
//! number, the column tags come first, 4 bytes each). No panic; what decodes re-encodes to
//! exactly the bytes it used and decodes back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mapi_codec::data::PropTag;
use mapi_codec::rop::notification::NotificationData;
use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer};
use mapi_codec::wire::{DecodeWith, Encode, Limits};

fn as_buffer(rest: &[u8]) {
    let Ok(size) = u16::try_from(rest.len() + 3) else {
        return;
    };
    let mut buf = size.to_le_bytes().to_vec();
    buf.push(0x2A);
    buf.extend_from_slice(rest);
    let none = RopRequestBuffer::default();
    if let Ok(v) = RopResponseBuffer::decode_with_exact(&buf, &none, Limits::DEFAULT) {
        let again = v.to_bytes().expect("a decoded buffer encodes");
        assert_eq!(again, buf);
        let back = RopResponseBuffer::decode_with_exact(&again, &none, Limits::DEFAULT)
            .expect("re-encoded bytes decode");
        assert_eq!(back, v);
    }
}

fn alone(first: u8, rest: &[u8]) {
    let ncols = if first & 2 != 0 {
        usize::from((first >> 2) & 0x0F)
    } else {
        0
    };
    if rest.len() < ncols * 4 {
        return;
    }
    let (tags, bytes) = rest.split_at(ncols * 4);
    let cols: Vec<PropTag> = tags
        .chunks_exact(4)
        .map(|c| PropTag(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect();
    let columns = (first & 2 != 0).then_some(&cols[..]);
    if let Ok((left, v)) = NotificationData::decode_with(bytes, columns) {
        let used = &bytes[..bytes.len() - left.len()];
        let again = v.to_bytes().expect("a decoded value encodes");
        assert_eq!(again, used);
        assert_eq!(v.encoded_len(), used.len());
        let (_, back) = NotificationData::decode_with(&again, columns).expect("re-decodes");
        assert_eq!(back, v);
    }
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
