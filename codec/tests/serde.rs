//! The `serde` form of the message types: every type a message holds serializes and reads
//! back (with the `serde` feature, which `cargo test` turns on through the dev-dependency).

use mapi_codec::data::{
    ExtendedRuleActions, FolderId, LongTermId, MessageId, PropertyName, PropertyProblemArray,
    PropertyRow, PropertyRowSet, PropertyTagArray, Restriction, RuleActions, ServerId,
    SortOrderSet, TaggedPropertyValue, TypedPropertyValue, TypedString,
};
use mapi_codec::fxics::idset::{Globset, IdsetReplguid, IdsetReplid, PredecessorChangeList};
use mapi_codec::fxics::stream::FtStream;
use mapi_codec::http::emsmdb;
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::ExtendedBufferChain;

fn both<T: serde::Serialize + serde::de::DeserializeOwned>() {}

#[test]
fn every_message_type_has_both_halves() {
    both::<TypedPropertyValue<'static>>();
    both::<TaggedPropertyValue<'static>>();
    both::<Restriction<'static>>();
    both::<RuleActions<'static>>();
    both::<ExtendedRuleActions<'static>>();
    both::<PropertyTagArray>();
    both::<PropertyName<'static>>();
    both::<SortOrderSet>();
    both::<PropertyRow<'static>>();
    both::<PropertyRowSet<'static>>();
    both::<PropertyProblemArray>();
    both::<TypedString<'static>>();
    both::<FolderId>();
    both::<MessageId>();
    both::<LongTermId>();
    both::<ServerId<'static>>();
    both::<Globset>();
    both::<IdsetReplid>();
    both::<IdsetReplguid>();
    both::<PredecessorChangeList<'static>>();
    both::<ExtendedBufferChain<'static>>();
    both::<AuxBlocks<'static>>();
    both::<RopRequestBuffer<'static>>();
    both::<RopResponseBuffer<'static>>();
    both::<RopRequest<'static>>();
    both::<RopResponse<'static>>();
    both::<FtStream<'static>>();
    both::<emsmdb::ConnectRequest<'static>>();
    both::<emsmdb::ConnectResponse<'static>>();
    both::<emsmdb::ExecuteRequest<'static>>();
    both::<emsmdb::ExecuteResponse<'static>>();
    both::<emsmdb::DisconnectRequest<'static>>();
    both::<emsmdb::DisconnectResponse<'static>>();
    both::<emsmdb::NotificationWaitRequest<'static>>();
    both::<emsmdb::NotificationWaitResponse<'static>>();
    both::<emsmdb::PingBody>();
    both::<NspiBody<'static>>();
    both::<ResponseStream<'static>>();
}

use mapi_codec::data::{ErrorCode, PropTag, PropertyValue};
use mapi_codec::rop::RopId;
use mapi_codec::rpc::ext::{BuildOptions, ExtFlags, ExtendedBuffer};
use mapi_codec::wire::{AnsiStr, Decode, Encode, FileTime, Limits, Utf16Str};
use serde_json::{json, Value};

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

#[test]
fn codes_are_their_names_or_hex_and_read_back_from_either() {
    // [MS-OXCROPS] 2.2.2: RopOpenFolder is 0x02; 0x00 is reserved and has no name.
    assert_eq!(to_json(&RopId(0x02)), json!("RopOpenFolder"));
    assert_eq!(to_json(&RopId(0x00)), json!("0x00"));
    for v in [json!("RopOpenFolder"), json!("0x02"), json!(2)] {
        assert_eq!(from_json::<RopId>(v).unwrap(), RopId(0x02));
    }
    assert!(from_json::<RopId>(json!("RopNoSuchRop")).is_err());
    assert!(from_json::<RopId>(json!(256)).is_err());
    // [MS-OXCDATA] 2.4: 0x8004010F is NotFound.
    assert_eq!(to_json(&ErrorCode(0x8004_010F)), json!("NotFound"));
    // [MS-OXCRPC] 2.2.2.1: Compressed 0x0001, XorMagic 0x0002, Last 0x0004.
    assert_eq!(to_json(&ExtFlags(0x0005)), json!("Compressed|Last"));
    assert_eq!(to_json(&ExtFlags(0x0000)), json!("0x0000"));
    assert_eq!(to_json(&ExtFlags(0x000C)), json!("Last|0x8"));
    assert_eq!(
        from_json::<ExtFlags>(json!("Last|Compressed")).unwrap(),
        ExtFlags(5)
    );
    assert_eq!(
        from_json::<ExtFlags>(json!("Last|0x8")).unwrap(),
        ExtFlags(0x0C)
    );
    // [MS-OXPROPS] 2.1028 PidTagSubject 0x0037, [MS-OXCDATA] 2.11.1 PtypString 0x001F.
    assert_eq!(
        to_json(&PropTag(0x0037_001F)),
        json!("PidTagSubject:PtypString")
    );
    for v in [
        json!("PidTagSubject:PtypString"),
        json!("0x0037001F"),
        json!(0x0037_001F),
    ] {
        assert_eq!(from_json::<PropTag>(v).unwrap(), PropTag(0x0037_001F));
    }
}

#[test]
fn strings_are_text_when_that_keeps_their_bytes() {
    let s = Utf16Str::from_text("Hé").unwrap();
    assert_eq!(to_json(&s), json!("Hé"));
    // An unpaired high surrogate (0xD800) has no text: its bytes are kept.
    let lone = Utf16Str::from_wire(&[0x00, 0xD8, 0x41, 0x00]).unwrap();
    assert_eq!(to_json(&lone), json!({"Hex": "00d84100"}));
    assert_eq!(
        from_json::<Utf16Str<'_>>(json!({"Hex": "00d84100"})).unwrap(),
        lone
    );
    assert!(from_json::<Utf16Str<'_>>(json!({"Hex": "0000"})).is_err());
    // 8-bit strings: ASCII as text, anything else as bytes (the code page is not known).
    let a = AnsiStr::from_wire(b"caf\xe9").unwrap();
    assert_eq!(to_json(&a), json!({"Hex": "636166e9"}));
    assert_eq!(
        to_json(&AnsiStr::from_wire(b"cafe").unwrap()),
        json!("cafe")
    );
    assert!(from_json::<AnsiStr<'_>>(json!("café")).is_err());
}

#[test]
fn floats_keep_their_bits_and_times_read_as_iso_8601() {
    let nan = f64::from_bits(0x7FF8_0000_0000_0001);
    let v = PropertyValue::Floating64(nan);
    assert_eq!(to_json(&v), json!({"Floating64": "0x7FF8000000000001"}));
    assert_eq!(from_json::<PropertyValue<'_>>(to_json(&v)).unwrap(), v);
    let v = PropertyValue::Floating32(-0.0);
    let back: PropertyValue<'_> =
        serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back, v);
    // FILETIME 0 is 1601-01-01 ([MS-DTYP] 2.3.3).
    let t = PropertyValue::Time(FileTime(0));
    assert_eq!(to_json(&t), json!({"Time": "1601-01-01T00:00:00.0000000Z"}));
    assert_eq!(
        from_json::<PropertyValue<'_>>(json!({"Time": 1})).unwrap(),
        PropertyValue::Time(FileTime(1))
    );
}

#[test]
fn a_rop_buffer_written_by_hand_encodes_to_the_spec_bytes() {
    // [MS-OXCROPS] 4.4: two RopRelease requests (handle indexes 0 and 1) and their table.
    let bytes = [
        0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x6F, 0x00, 0x00, 0x00, 0x6E, 0x00, 0x00,
        0x00,
    ];
    let written = json!({
        "RopsList": [
            {"RopId": "RopRelease", "LogonId": 0, "InputHandleIndex": 0},
            {"RopId": "RopRelease", "LogonId": 0, "InputHandleIndex": 1}
        ],
        "ServerObjectHandleTable": ["0x0000006F", "0x0000006E"]
    });
    let buf: RopRequestBuffer<'_> = from_json(written.clone()).unwrap();
    assert_eq!(buf.to_bytes().unwrap(), bytes);
    let decoded = RopRequestBuffer::decode_exact(&bytes, Limits::DEFAULT).unwrap();
    assert_eq!(to_json(&decoded), written);
    // The fields that depend on RopId may come before it (a JSON object has no order).
    let text = r#"{"LogonId": 0, "InputHandleIndex": 1, "RopId": "RopRelease"}"#;
    let late: RopRequest<'_> = serde_json::from_str(text).unwrap();
    assert_eq!(late.to_bytes().unwrap(), [0x01, 0x00, 0x01]);
    // A RopId of a response only, or no RopId at all.
    assert!(from_json::<RopRequest<'_>>(json!({"RopId": "RopNotify"})).is_err());
    assert!(from_json::<RopRequest<'_>>(json!({})).is_err());
}

#[test]
fn return_value_picks_the_layout_of_a_response() {
    // [MS-OXCROPS] 2.2.4.1.2 / 2.2.4.1.3: a RopOpenFolder failure has no fields after
    // ReturnValue; its success has HasRules and IsGhosted.
    let failure =
        json!({"RopId": "RopOpenFolder", "OutputHandleIndex": 1, "ReturnValue": "NotFound"});
    let r: RopResponse<'_> = from_json(failure.clone()).unwrap();
    assert_eq!(r.return_value(), Some(0x8004_010F));
    assert_eq!(r.to_bytes().unwrap(), [0x02, 0x01, 0x0F, 0x01, 0x04, 0x80]);
    assert_eq!(to_json(&r), failure);
    let extra = json!({"RopId": "RopOpenFolder", "OutputHandleIndex": 1,
        "ReturnValue": "NotFound", "HasRules": false});
    assert!(from_json::<RopResponse<'_>>(extra).is_err());
    let success = json!({"RopId": "RopOpenFolder", "OutputHandleIndex": 1,
        "ReturnValue": "Success", "HasRules": false, "Ghost": null});
    let r: RopResponse<'_> = from_json(success).unwrap();
    assert_eq!(r.to_bytes().unwrap(), [0x02, 0x01, 0, 0, 0, 0, 0x00, 0x00]);
}

#[test]
fn extended_buffers_keep_the_compressed_bytes_and_check_what_is_read() {
    let payload = [0x41u8; 200];
    let b = ExtendedBuffer::build(
        &payload,
        BuildOptions {
            compress: true,
            xor_magic: true,
        },
        true,
    )
    .unwrap();
    let v = to_json(&b);
    assert_eq!(
        v["RPC_HEADER_EXT"]["Flags"],
        json!("Compressed|XorMagic|Last")
    );
    assert!(v["CompressedPayload"].is_string());
    assert_eq!(from_json::<ExtendedBuffer<'_>>(v.clone()).unwrap(), b);
    // Size and SizeActual may be left out: they follow from the payload.
    let mut bare = v.clone();
    bare["RPC_HEADER_EXT"] = json!({"Flags": "Compressed|XorMagic|Last"});
    assert_eq!(from_json::<ExtendedBuffer<'_>>(bare).unwrap(), b);
    // A payload the compressed bytes do not decompress to, a wrong Size: refused.
    let mut other = v.clone();
    other["Payload"] = json!("42".repeat(200));
    assert!(from_json::<ExtendedBuffer<'_>>(other).is_err());
    let mut size = v;
    size["RPC_HEADER_EXT"]["Size"] = json!(1);
    assert!(from_json::<ExtendedBuffer<'_>>(size)
        .unwrap_err()
        .contains("Size is"));
}

/// Whatever JSON comes in, reading it is a value or an error, never a panic.
#[test]
fn mangled_json_is_an_error_not_a_panic() {
    let good = json!({
        "RopsList": [
            {"RopId": "RopGetPropertiesSpecific", "LogonId": 0, "InputHandleIndex": 0,
             "PropertySizeLimit": 0, "WantUnicode": 1,
             "PropertyTags": ["PidTagSubject:PtypString", "0x0E080003"]},
            {"RopId": "RopRelease", "LogonId": 0, "InputHandleIndex": 0}
        ],
        "ServerObjectHandleTable": ["0x00000001"]
    })
    .to_string();
    // Every prefix, and every byte replaced by characters that change the structure.
    for n in 0..good.len() {
        let _ = serde_json::from_str::<RopRequestBuffer<'_>>(&good[..n]);
        for c in ["", "0", "\"", "{", "[", "null", "-1", "1e400"] {
            let s = format!("{}{c}{}", &good[..n], &good[n + 1..]);
            let _ = serde_json::from_str::<RopRequestBuffer<'_>>(&s);
            let _ = serde_json::from_str::<emsmdb::ExecuteRequest<'_>>(&s);
        }
    }
    assert!(serde_json::from_str::<RopRequestBuffer<'_>>(&good).is_ok());
}

/// The example of the README's `serde` section.
#[test]
fn the_readme_example() -> Result<(), Box<dyn std::error::Error>> {
    use mapi_codec::wire::{CountWidth, EncodeWith};
    let json = r#"{"ExistRestriction": {"PropTag": "PidTagSubject:PtypString"}}"#;
    let r: Restriction = serde_json::from_str(json)?;
    assert_eq!(
        r.to_bytes_with(CountWidth::U16)?,
        [0x08, 0x1F, 0x00, 0x37, 0x00]
    );
    assert_eq!(serde_json::to_string(&r)?, json.replace(' ', ""));
    Ok(())
}
