//! Round trips of the Notification ROPs ([MS-OXCROPS] 2.2.14) through the ROP buffers:
//! `decode(encode(x)) == x` for RopRegisterNotification requests and responses and for
//! RopNotify responses of every NotificationType, the fields present as [MS-OXCNOTIF]
//! 2.2.1.4.1.2 lists them (spelled out again here, independently of the codec). Table rows
//! decode with the columns of a RopSetColumns earlier in the buffer; rows of other tables stay
//! bytes.

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{check_rop_buffers, fid, mid};
use mapi_codec::data::{PropTag, PropType, PropertyRow, PropertyValue, RowValue};
use mapi_codec::rop::field::NoFields;
use mapi_codec::rop::folder::FolderString;
use mapi_codec::rop::notification::*;
use mapi_codec::rop::table::{SetColumnsRequest, SetColumnsResponse, TableStatusSuccess};
use mapi_codec::rop::{Outcome, RequestCtx, RopRequest, RopResponse};
use mapi_codec::wire::{AnsiStr, DecodeWith, Encode, Limits, Utf16Str};
use proptest::prelude::*;

/// The table at handle index 0 (handle 0x23) has these columns.
const TABLE: u32 = 0x23;
/// A table whose columns are not known.
const OTHER_TABLE: u32 = 0x99;

fn columns() -> Vec<PropTag> {
    vec![
        PropTag::new(0x0037, PropType::STRING),
        PropTag::new(0x0E07, PropType::INTEGER32),
    ]
}

fn row_message() -> impl Strategy<Value = TableRowMessage> {
    (mid(), any::<u32>()).prop_map(|(message_id, instance)| TableRowMessage {
        message_id,
        instance,
    })
}

fn row() -> impl Strategy<Value = TableRowData<'static>> {
    ("[^\u{0}]{0,8}", any::<i32>()).prop_map(|(s, n)| TableRowData::Row {
        columns: columns().into(),
        row: PropertyRow::new(
            false,
            vec![
                RowValue::Value(PropertyValue::String(Utf16Str::from_text(&s).unwrap())),
                RowValue::Value(PropertyValue::Integer32(n)),
            ],
        ),
    })
}

fn raw_row() -> impl Strategy<Value = TableRowData<'static>> {
    proptest::collection::vec(any::<u8>(), 0..16).prop_map(|b| TableRowData::Raw {
        reason: Cow::Borrowed(COLUMNS_UNKNOWN),
        bytes: Cow::Owned(b),
    })
}

fn message_class() -> impl Strategy<Value = FolderString<'static>> {
    prop_oneof![
        proptest::collection::vec(1u8..=255, 0..12)
            .prop_map(|v| FolderString::Multibyte(AnsiStr::from_vec(v).unwrap())),
        "[^\u{0}]{0,12}".prop_map(|s| FolderString::Unicode(Utf16Str::from_text(&s).unwrap())),
    ]
}

fn tags() -> impl Strategy<Value = ChangedTags<'static>> {
    prop_oneof![
        Just(ChangedTags::NotGiven),
        proptest::collection::vec(any::<u32>().prop_map(PropTag), 0..4)
            .prop_map(|t| ChangedTags::Tags(t.into())),
    ]
}

/// Any value of `s`, or `None` when `on` is false.
fn when<T: std::fmt::Debug + Clone + 'static>(
    on: bool,
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    if on {
        s.prop_map(Some).boxed()
    } else {
        Just(None).boxed()
    }
}

/// A NotificationData of type `ty` with the flag bits `bits`, on a table with known columns
/// (`known`) or not.
fn data(ty: u16, bits: u16, event: u16, known: bool) -> BoxedStrategy<NotificationData<'static>> {
    let flags = ty | bits;
    let m = bits & 0x8000 != 0;
    let s = bits & 0x4000 != 0;
    let table = ty == 0x0100;
    let adm = table && matches!(event, 3..=5);
    let am = table && matches!(event, 3 | 5);
    let object = ty != 0x0100 && ty != 0x0400;
    let moved = matches!(ty, 0x0020 | 0x0040);
    let row_strategy = if known {
        row().boxed()
    } else {
        raw_row().boxed()
    };
    let ids = (
        when(adm, fid()),
        when(adm && m, row_message()),
        when(am, fid()),
        when(am && m, row_message()),
        when(am, row_strategy),
    );
    let objects = (
        when(object, fid()),
        when(object && m, mid()),
        when(
            matches!(ty, 0x0004 | 0x0008 | 0x0020 | 0x0040) && s == m,
            fid(),
        ),
        when(moved, fid()),
        when(moved && m, mid()),
        when(moved && !m, fid()),
    );
    let rest = (
        when(matches!(ty, 0x0004 | 0x0010), tags()),
        when(bits & 0x1000 != 0, any::<u32>()),
        when(bits & 0x2000 != 0, any::<u32>()),
        when(
            ty == 0x0002,
            (any::<u32>(), message_class()).prop_map(|(message_flags, message_class)| NewMail {
                message_flags,
                unicode_flag: (message_class.is_unicode()).into(),
                message_class,
            }),
        ),
    );
    (ids, objects, rest)
        .prop_map(
            move |((a, b, c, d, e), (f, g, h, i, j, k), (l, n, o, p))| NotificationData {
                notification_flags: flags,
                table_event_type: table.then_some(TableEventType(event)),
                table_row_folder_id: a,
                table_row_message: b,
                insert_after_table_row_folder_id: c,
                insert_after_table_row: d,
                table_row_data: e,
                folder_id: f,
                message_id: g,
                parent_folder_id: h,
                old_folder_id: i,
                old_message_id: j,
                old_parent_folder_id: k,
                tags: l,
                total_message_count: n,
                unread_message_count: o,
                new_mail: p,
            },
        )
        .boxed()
}

fn notify() -> impl Strategy<Value = RopResponse<'static>> {
    let types = prop::sample::select(vec![
        0x0002u16, 0x0004, 0x0008, 0x0010, 0x0020, 0x0040, 0x0080, 0x0100, 0x0400,
    ]);
    let events = prop_oneof![prop::sample::select(vec![1u16, 3, 4, 5, 7]), any::<u16>(),];
    (types, 0u16..16, events, any::<bool>(), any::<u8>()).prop_flat_map(
        |(ty, bits, event, known, logon_id)| {
            let handle = if known { TABLE } else { OTHER_TABLE };
            data(ty, bits << 12, event, known).prop_map(move |d| {
                RopResponse::Notify(Box::new(NotifyResponse {
                    notification_handle: handle,
                    logon_id,
                    notification_data: d,
                }))
            })
        },
    )
}

fn register() -> impl Strategy<Value = (RopRequest<'static>, RopResponse<'static>)> {
    let target = (fid(), mid());
    (
        any::<u8>(),
        any::<u8>(),
        proptest::option::of(target),
        prop_oneof![Just(0u32), any::<u32>()],
    )
        .prop_map(|(types, reserved, target, rv)| {
            let q = RopRequest::RegisterNotification(RegisterNotificationRequest {
                logon_id: 0,
                input_handle_index: 0,
                output_handle_index: 1,
                notification_types: types,
                reserved,
                want_whole_store: (target.is_none()).into(),
                folder_id: target.map(|t| t.0),
                message_id: target.map(|t| t.1),
            });
            let s = RopResponse::RegisterNotification(RegisterNotificationResponse {
                handle_index: 1,
                return_value: rv,
                body: common::body_for(rv, NoFields, NoFields),
            });
            (q, s)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn notification_rops_round_trip(
        (q, s) in register(),
        notifies in proptest::collection::vec(notify(), 0..4),
    ) {
        let set_columns = SetColumnsRequest {
            logon_id: 0,
            input_handle_index: 0,
            set_columns_flags: 0,
            property_tags: mapi_codec::rop::PropTags::new(&columns()),
        };
        let status = TableStatusSuccess { table_status: 0 };
        let (q0, s0) = pair_of!(SetColumns(set_columns) => SetColumnsResponse(0, (0, Outcome::Success(status))));
        let mut responses = vec![s0, s];
        responses.extend(notifies);
        check_rop_buffers(vec![q0, q], responses, &[TABLE, 0x41], None)?;
    }

    /// A NotificationData alone, decoded with the columns of its table when it has a row.
    #[test]
    fn notification_data_round_trips(n in notify()) {
        let RopResponse::Notify(n) = n else { unreachable!() };
        let d = n.notification_data;
        let bytes = d.to_bytes().unwrap();
        prop_assert_eq!(d.encoded_len(), bytes.len());
        let cols = mapi_codec::data::PropTags::from(columns());
        let known = n.notification_handle == TABLE;
        let back = <NotificationData as mapi_codec::wire::DecodeWith<_>>::decode_with_exact(
            &bytes,
            known.then_some(&cols),
            Limits::DEFAULT,
        )
        .unwrap();
        prop_assert_eq!(back, d);
    }
}

#[test]
fn register_request_decodes_alone() {
    let bytes = [0x29, 0, 0, 1, 0x02, 0, 1];
    let r = RopRequest::decode_with_exact(&bytes, RequestCtx::default(), Limits::DEFAULT).unwrap();
    assert!(matches!(r, RopRequest::RegisterNotification(ref q) if q.want_whole_store.get()));
}
