//! Unit tests of the Message ROPs ([MS-OXCROPS] 2.2.6): sample bodies, their round trips,
//! their strict prefixes, and the context they decode in.

use super::*;
use crate::data::{smtp_row, PropTag, PropTags};
use crate::rop::field::HandleRole;
use crate::rop::{RequestCtx, RopRequest, RopResponse};
use crate::wire::{Decode, DecodeError, DecodeWith, Encode, ErrorKind, Limits, Reader};

const RECIPIENT_TYPE: PropTag = PropTag(0x0C15_0003);

fn utf16z(s: &str) -> Vec<u8> {
    let mut v: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    v.extend([0, 0]);
    v
}

fn open_message_success_bytes() -> Vec<u8> {
    let mut b = vec![0x01]; // HasNamedProperties
    b.extend([0x03]); // SubjectPrefix: ReducedUnicode
    b.extend(b"RE: \0");
    b.extend([0x04]); // NormalizedSubject: Unicode
    b.extend(utf16z("Hi"));
    b.extend(1u16.to_le_bytes()); // RecipientCount
    b.extend(1u16.to_le_bytes()); // ColumnCount
    b.extend(RECIPIENT_TYPE.0.to_le_bytes());
    b.push(1); // RowCount
    b.push(0x01); // RecipientType To
    b.extend(0x04E4u16.to_le_bytes()); // CodePageId
    b.extend(0u16.to_le_bytes()); // Reserved
    let row = smtp_row();
    b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
    b.extend(row);
    b
}

#[test]
fn open_message_success_round_trip() {
    let b = open_message_success_bytes();
    let s = OpenMessageSuccess::decode_exact(&b, Limits::STRICT).unwrap();
    assert!(s.has_named_properties);
    assert_eq!(s.recipient_columns, vec![RECIPIENT_TYPE]);
    assert_eq!(s.recipient_rows.len(), 1);
    assert_eq!(s.recipient_rows[0].code_page_id, 0x04E4);
    assert_eq!(s.encoded_len(), b.len());
    assert_eq!(s.to_bytes().unwrap(), b);
    // Every strict prefix fails.
    for n in 0..b.len() {
        assert!(OpenMessageSuccess::decode_exact(&b[..n], Limits::STRICT).is_err());
    }
}

#[test]
fn open_message_row_size_must_match_row() {
    let mut b = open_message_success_bytes();
    // RecipientRowSize one too large: the row leaves a byte in its slice.
    let at = b.len() - smtp_row().len() - 2;
    let n = u16::from_le_bytes([b[at], b[at + 1]]) + 1;
    b[at..at + 2].copy_from_slice(&n.to_le_bytes());
    b.push(0);
    let e = OpenMessageSuccess::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TrailingBytes { .. }), "{e}");
}

#[test]
fn open_message_row_count_is_bounded_by_bytes() {
    let mut b = vec![0x00, 0x00, 0x00, 0, 0, 0, 0]; // no strings, no columns
    b.push(200); // RowCount: 200 rows of at least 12 bytes, none present
    let e = OpenMessageSuccess::decode_exact(&b, Limits::STRICT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
    assert_eq!(e.offset(), 7);
}

#[test]
fn create_message_optional_message_id() {
    let mut b = vec![0x06, 0x01, 0, 0, 0, 0, 0x01];
    b.extend([1, 0, 0, 0, 0, 0, 0, 9]);
    let mut r = Reader::new(&b);
    let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
    assert!(r.is_empty());
    let RopResponse::CreateMessage(c) = &resp else {
        panic!("{resp:?}")
    };
    let crate::rop::Outcome::Success(s) = &c.body else {
        panic!()
    };
    assert_eq!(s.message_id.unwrap().replica_id, 1);
    assert_eq!(resp.to_bytes().unwrap(), b);
    let b = [0x06, 0x01, 0, 0, 0, 0, 0x00];
    let mut r = Reader::new(&b);
    let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
    assert!(r.is_empty());
    assert_eq!(resp.to_bytes().unwrap(), b);
    // HasMessageId 2 is not a Boolean this crate accepts.
    let b = [0x06, 0x01, 0, 0, 0, 0, 0x02];
    assert!(RopResponse::decode_with_from(&mut Reader::new(&b), (None, None)).is_err());
    // A MessageId that HasMessageId does not announce would not read back.
    let unannounced = CreateMessageSuccess {
        has_message_id: false.into(),
        message_id: Some(crate::data::MessageId::from_u64(9)),
    };
    assert_eq!(
        unannounced.to_bytes().unwrap_err().path_string(),
        "MessageId"
    );
}

#[test]
fn recipient_type_tree_names_the_kind_under_its_flags() {
    use crate::tree::ToTree;
    let mut b = open_message_success_bytes();
    let at = b.len() - smtp_row().len() - 7;
    assert_eq!(b[at], 0x01);
    b[at] = 0x11; // To, with flag 0x10
    let s = OpenMessageSuccess::decode_exact(&b, Limits::STRICT).unwrap();
    assert_eq!(
        s.recipient_rows[0].recipient_type.kind(),
        RecipientType::PRIMARY
    );
    let text = s.to_tree().to_text();
    assert!(text.contains("RecipientType: 0x11 (Primary)"), "{text}");
    assert_eq!(s.to_bytes().unwrap(), b);
}

#[test]
fn set_read_flags_failure_keeps_partial_completion() {
    let b = [0x66, 0x00, 0x05, 0x00, 0x04, 0x80, 0x01];
    let mut r = Reader::new(&b);
    let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
    assert!(r.is_empty());
    let RopResponse::SetReadFlags(s) = &resp else {
        panic!()
    };
    assert_eq!(
        s.body,
        crate::rop::Outcome::Failure(SetReadFlagsResult {
            partial_completion: true.into()
        })
    );
    assert_eq!(resp.to_bytes().unwrap(), b);
}

fn set_message_read_flag(
    flags: Option<u8>,
    b: &[u8],
) -> Result<SetMessageReadFlagRequest, DecodeError> {
    let mut r = Reader::new(b);
    let ctx = RequestCtx::with_logon_flags(flags);
    let v = SetMessageReadFlagRequest::decode_with_from(&mut r, ctx)?;
    r.finish()?;
    Ok(v)
}

#[test]
fn set_message_read_flag_client_data_follows_logon() {
    let private = [0x00, 0x01, 0x02, 0x01];
    let v = set_message_read_flag(Some(0x01), &private).unwrap();
    assert_eq!(v.client_data, None);
    assert_eq!(v.to_bytes().unwrap(), private);
    let mut public = private.to_vec();
    public.extend(0u8..24);
    let v = set_message_read_flag(Some(0x00), &public).unwrap();
    assert_eq!(v.client_data.unwrap().0[23], 23);
    assert_eq!(v.to_bytes().unwrap(), public);
    // Public logon, ClientData cut short.
    let e = set_message_read_flag(Some(0x00), &public[..20]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Truncated { .. }));
    assert_eq!(e.offset(), 4);
    // Unknown logon: missing context, not a guess.
    let e = set_message_read_flag(None, &private).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::MissingContext { .. }));
    // Through the plain RopRequest decoder (no context) too.
    let mut b = vec![0x11];
    b.extend(private);
    assert!(matches!(
        RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT)
            .unwrap_err()
            .kind(),
        ErrorKind::MissingContext { .. }
    ));
}

#[test]
fn set_message_read_flag_response_optional_fields() {
    let b = [0x11, 0x01, 0, 0, 0, 0, 0x00];
    let resp = RopResponse::decode_with_from(&mut Reader::new(&b), (None, None)).unwrap();
    assert_eq!(resp.to_bytes().unwrap(), b);
    let mut b = vec![0x11, 0x01, 0, 0, 0, 0, 0x01, 0x03];
    b.extend([0xAB; 24]);
    let mut r = Reader::new(&b);
    let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
    assert!(r.is_empty());
    let RopResponse::SetMessageReadFlag(s) = &resp else {
        panic!()
    };
    let crate::rop::Outcome::Success(s) = &s.body else {
        panic!()
    };
    assert_eq!(s.read_status.fields.unwrap().logon_id, 3);
    assert_eq!(resp.to_bytes().unwrap(), b);
    // Truncated ClientData fails at its offset.
    let e = RopResponse::decode_with_from(&mut Reader::new(&b[..20]), (None, None)).unwrap_err();
    assert_eq!(e.offset(), 8);
}

#[test]
fn modify_recipients_rows_with_and_without_recipient_row() {
    let mut b = vec![0x0E, 0x00, 0x01];
    b.extend(1u16.to_le_bytes());
    b.extend(RECIPIENT_TYPE.0.to_le_bytes());
    b.extend(2u16.to_le_bytes()); // RowCount
    b.extend(7u32.to_le_bytes());
    b.push(0x01);
    let row = smtp_row();
    b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
    b.extend(&row);
    b.extend(8u32.to_le_bytes());
    b.push(0x02);
    b.extend(0u16.to_le_bytes()); // removed
    let req = RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap();
    let RopRequest::ModifyRecipients(m) = &req else {
        panic!()
    };
    assert!(m.recipient_rows[0].recipient_row.is_some());
    assert!(m.recipient_rows[1].recipient_row.is_none());
    assert_eq!(req.to_bytes().unwrap(), b);
    // RowCount larger than the bytes could hold (7 bytes a row at least).
    let mut bad = b[..9].to_vec();
    bad.extend(1000u16.to_le_bytes());
    let e = RopRequest::decode_with_exact(&bad, RequestCtx::default(), Limits::STRICT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
    assert_eq!(e.offset(), 9);
}

#[test]
fn read_recipients_with_and_without_columns() {
    let mut b = vec![0x0F, 0x00, 0, 0, 0, 0, 1];
    b.extend(5u32.to_le_bytes());
    b.push(0x01);
    b.extend(0x04E4u16.to_le_bytes());
    b.extend(0u16.to_le_bytes());
    let row = smtp_row();
    b.extend(u16::try_from(row.len()).unwrap().to_le_bytes());
    b.extend(&row);
    let recipient_type = PropTags::new(&[RECIPIENT_TYPE]);
    for cols in [None, Some(&recipient_type)] {
        let mut r = Reader::new(&b);
        let resp = RopResponse::decode_with_from(&mut r, (None, cols)).unwrap();
        assert!(r.is_empty());
        assert_eq!(resp.to_bytes().unwrap(), b);
    }
    // RowCount 255 with one row present.
    let mut bad = b.clone();
    bad[6] = 255;
    let e = RopResponse::decode_with_from(&mut Reader::new(&bad), (None, None)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::CountTooLarge { .. }), "{e}");
}

#[test]
fn open_embedded_message_success() {
    let mut b = vec![0x46, 0x02, 0, 0, 0, 0, 0x00];
    b.extend([1, 0, 0, 0, 0, 0, 0, 0x2A]);
    b.extend(open_message_success_bytes());
    let mut r = Reader::new(&b);
    let resp = RopResponse::decode_with_from(&mut r, (None, None)).unwrap();
    assert!(r.is_empty());
    assert_eq!(resp.to_bytes().unwrap(), b);
}

#[test]
fn fixed_requests_round_trip() {
    let cases: &[&[u8]] = &[
        &[
            0x03, 0, 0, 1, 0xFF, 0x0F, 1, 0, 0, 0, 0, 0, 0, 5, 0x01, 1, 0, 0, 0, 0, 0, 0, 7,
        ],
        &[0x06, 0, 0, 1, 0xFF, 0x0F, 1, 0, 0, 0, 0, 0, 0, 5, 0x00],
        &[0x0C, 0, 1, 0, 0x02],
        &[0x0D, 0, 0, 0, 0, 0, 0],
        &[0x0F, 0, 0, 0, 0, 0, 0, 0, 0],
        &[0x10, 0, 0, 0, 0],
        &[0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 1, 0, 0, 0, 1, 0, 0, 0],
        &[0x1F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7],
        &[0x66, 0, 0, 0, 0x01, 1, 0, 1, 0, 0, 0, 0, 0, 0, 7],
        &[0x22, 0, 0, 1, 0x01, 3, 0, 0, 0],
        &[0x23, 0, 0, 1],
        &[0x24, 0, 0, 3, 0, 0, 0],
        &[0x25, 0, 1, 2, 0x02],
        &[0x46, 0, 0, 1, 0xFF, 0x0F, 0x02],
        &[0x21, 0, 0, 1, 0x40],
        &[0x52, 0, 0],
    ];
    for b in cases {
        let r = RopRequest::decode_with_exact(b, RequestCtx::default(), Limits::STRICT).unwrap();
        assert_eq!(r.to_bytes().unwrap(), *b, "{r:?}");
        for n in 1..b.len() {
            assert!(
                RopRequest::decode_with_exact(&b[..n], RequestCtx::default(), Limits::STRICT)
                    .is_err()
            );
        }
    }
}

#[test]
fn save_changes_handles_input_first() {
    let b = [0x0C, 0, 1, 0, 0x02];
    let r = RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap();
    let h = r.handle_indexes();
    assert_eq!(
        h.iter().collect::<Vec<_>>(),
        [(HandleRole::Input, 0), (HandleRole::Response, 1)]
    );
}

#[test]
fn null_cells_are_bounded_by_max_elements() {
    // RopModifyRecipients: 300 PtypNull columns (their cells take no bytes) and 4000
    // rows that each claim all 300: 1.2 million cells from 49 kB.
    let mut b = vec![0x0E, 0x00, 0x00];
    b.extend(300u16.to_le_bytes());
    for i in 0..300u16 {
        b.extend(
            PropTag::new(0x8000 + i, crate::data::PropType::NULL)
                .0
                .to_le_bytes(),
        );
    }
    b.extend(4000u16.to_le_bytes());
    for i in 0..4000u32 {
        b.extend(i.to_le_bytes());
        b.push(0x01);
        b.extend(5u16.to_le_bytes()); // RecipientRowSize
        b.extend(0u16.to_le_bytes()); // RecipientFlags: NoType, nothing else
        b.extend(300u16.to_le_bytes()); // RecipientColumnCount
        b.push(0x00); // StandardPropertyRow: 300 PtypNull cells, no bytes
    }
    let e = RopRequest::decode_with_exact(&b, RequestCtx::default(), Limits::STRICT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // With a higher limit the same bytes decode.
    let limits = Limits {
        max_elements: 2 << 20,
        ..Limits::STRICT
    };
    assert!(RopRequest::decode_with_exact(&b, RequestCtx::default(), limits).is_ok());
}
