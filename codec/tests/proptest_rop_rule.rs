//! Round trips of the Permission ROPs ([MS-OXCROPS] 2.2.10) and Rule ROPs (2.2.11) through
//! `RopRequestBuffer` / `RopResponseBuffer`, and of the RuleAction structure of [MS-OXORULE]
//! 2.2.5 in both forms (and PidTagExtendedRuleMessageActions).

use std::borrow::Cow;

use mapi_codec::data::{
    ActionBlock, ActionData, ActionType, BounceCode, ExtendedRuleActions, FolderEid, FolderId,
    MessageId, MoveCopyAction, NamedPropertyInformation, PropTag, PropertyName, PropertyNameKind,
    PropertyValue, RecipientBlock, ReplyAction, RuleActions, RuleData, RuleDataFlags, RuleForm,
    ServerId, TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, List16, NoFields, Outcome, TaggedValues16};
use mapi_codec::rop::permission::*;
use mapi_codec::rop::rule::*;
use mapi_codec::rop::{HandleTable, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::wire::{Decode, DecodeWith, Encode, EncodeWith, Guid, Limits, Utf16Str};
use proptest::prelude::*;

type Pair = (RopRequest<'static>, RopResponse<'static>);

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

fn bin(max: usize) -> impl Strategy<Value = Cow<'static, [u8]>> {
    proptest::collection::vec(any::<u8>(), 0..max).prop_map(Cow::Owned)
}

fn utf16() -> impl Strategy<Value = Utf16Str<'static>> {
    "[^\u{0}]{0,8}".prop_map(|s| Utf16Str::from_text(&s).unwrap())
}

fn value() -> impl Strategy<Value = PropertyValue<'static>> {
    use PropertyValue as V;
    prop_oneof![
        any::<i32>().prop_map(V::Integer32),
        any::<i64>().prop_map(V::Integer64),
        any::<bool>().prop_map(V::Boolean),
        utf16().prop_map(V::String),
        bin(12).prop_map(V::Binary),
    ]
}

fn tagged() -> impl Strategy<Value = TaggedPropertyValue<'static>> {
    (any::<u16>(), value()).prop_map(|(id, value)| TaggedPropertyValue {
        tag: PropTag::new(id, value.prop_type()),
        value,
    })
}

fn tagged_list() -> impl Strategy<Value = Vec<TaggedPropertyValue<'static>>> {
    proptest::collection::vec(tagged(), 0..4)
}

fn guid() -> impl Strategy<Value = Guid> {
    any::<[u8; 16]>().prop_map(Guid)
}

fn fid() -> impl Strategy<Value = FolderId> {
    any::<u64>().prop_map(FolderId::from_u64)
}

fn mid() -> impl Strategy<Value = MessageId> {
    any::<u64>().prop_map(MessageId::from_u64)
}

fn move_copy(form: RuleForm) -> BoxedStrategy<MoveCopyAction<'static>> {
    match form {
        RuleForm::Standard => prop_oneof![
            (1u8..=255, bin(8), fid(), mid(), any::<u32>()).prop_map(|(f, s, fo, m, i)| {
                MoveCopyAction::Standard {
                    folder_in_this_store: f,
                    store_eid: s,
                    folder_eid: FolderEid::ServerEid(ServerId::Ours {
                        folder_id: fo,
                        message_id: m,
                        instance: i,
                    }),
                }
            }),
            (bin(8), bin(48)).prop_map(|(s, f)| MoveCopyAction::Standard {
                folder_in_this_store: 0,
                store_eid: s,
                folder_eid: FolderEid::EntryId(f),
            }),
        ]
        .boxed(),
        RuleForm::Extended => (bin(8), bin(48))
            .prop_map(|(store_eid, folder_eid)| MoveCopyAction::Extended {
                store_eid,
                folder_eid,
            })
            .boxed(),
    }
}

fn reply(form: RuleForm) -> BoxedStrategy<ReplyAction<'static>> {
    match form {
        RuleForm::Standard => (fid(), mid(), guid())
            .prop_map(|(f, m, g)| ReplyAction::Standard {
                template_folder_id: f,
                template_message_id: m,
                template_guid: g,
            })
            .boxed(),
        RuleForm::Extended => (bin(72), guid())
            .prop_map(|(message_eid, template_guid)| ReplyAction::Extended {
                message_eid,
                template_guid,
            })
            .boxed(),
    }
}

/// The ActionType `v`.
fn t(v: u8) -> ActionType {
    ActionType(v)
}

fn action(form: RuleForm) -> impl Strategy<Value = ActionBlock<'static>> {
    let typed = prop_oneof![
        (prop_oneof![Just(t(1)), Just(t(2))], move_copy(form))
            .prop_map(|(ty, m)| (ty, ActionData::MoveCopy(m))),
        (prop_oneof![Just(t(3)), Just(t(4))], reply(form))
            .prop_map(|(ty, r)| (ty, ActionData::Reply(r))),
        bin(12).prop_map(|b| (t(5), ActionData::DeferredAction(b))),
        any::<u32>().prop_map(|c| (t(6), ActionData::Bounce(BounceCode(c)))),
        (
            prop_oneof![Just(t(7)), Just(t(8))],
            proptest::collection::vec(
                (any::<u8>(), tagged_list()).prop_map(|(reserved, property_values)| {
                    RecipientBlock {
                        reserved,
                        property_values,
                    }
                }),
                0..3
            )
        )
            .prop_map(|(ty, v)| (ty, ActionData::ForwardDelegate(v))),
        tagged().prop_map(|v| (t(9), ActionData::Tag(v))),
        prop_oneof![Just(t(0x0A)), Just(t(0x0B))].prop_map(|ty| (ty, ActionData::None)),
        (prop_oneof![Just(0u8), 0x0Cu8..=255], bin(12))
            .prop_map(|(ty, b)| (t(ty), ActionData::Unknown(b))),
    ];
    (typed, any::<u32>(), any::<u32>()).prop_map(|((action_type, action_data), fl, fg)| {
        ActionBlock {
            action_type,
            action_flavor: fl,
            action_flags: fg,
            action_data,
        }
    })
}

fn actions(form: RuleForm) -> impl Strategy<Value = RuleActions<'static>> {
    proptest::collection::vec(action(form), 0..4).prop_map(|actions| RuleActions { actions })
}

fn name() -> impl Strategy<Value = PropertyName<'static>> {
    let kind = prop_oneof![
        any::<u32>().prop_map(PropertyNameKind::Lid),
        utf16().prop_map(PropertyNameKind::Name),
    ];
    (guid(), kind).prop_map(|(guid, kind)| PropertyName { guid, kind })
}

fn extended() -> impl Strategy<Value = ExtendedRuleActions<'static>> {
    (
        proptest::collection::vec((0x8000u16.., name()), 0..3),
        any::<u32>(),
        actions(RuleForm::Extended),
    )
        .prop_map(|(names, rule_version, actions)| {
            let (prop_ids, named_properties) = names.into_iter().unzip();
            ExtendedRuleActions {
                named_property_information: NamedPropertyInformation {
                    prop_ids,
                    named_properties,
                },
                rule_version,
                actions,
            }
        })
}

fn failure_code() -> impl Strategy<Value = u32> {
    1u32..
}

fn outcome() -> impl Strategy<Value = (u32, Outcome<NoFields, NoFields>)> {
    prop_oneof![
        Just((0, Outcome::Success(NoFields))),
        failure_code().prop_map(|c| (c, Outcome::Failure(NoFields))),
    ]
}

macro_rules! resp {
    ($var:ident, $ty:ident, $h:expr, $o:expr) => {{
        let (return_value, body) = $o;
        RopResponse::$var($ty {
            handle_index: $h,
            return_value,
            body,
        })
    }};
}

fn permission_data() -> impl Strategy<Value = PermissionData<'static>> {
    (any::<u8>(), tagged_list()).prop_map(|(f, v)| PermissionData {
        permission_data_flags: f,
        property_values: TaggedValues16(v),
    })
}

/// A RuleData whose values may include a PtypRuleAction (standard form) value.
fn rule_data() -> impl Strategy<Value = RuleData<'static>> {
    let rule_action = actions(RuleForm::Standard).prop_map(|a| TaggedPropertyValue {
        tag: PropTag(0x6680_00FE),
        value: PropertyValue::RuleAction(Cow::Owned(a.to_bytes_with(RuleForm::Standard).unwrap())),
    });
    (
        any::<u8>(),
        tagged_list(),
        proptest::option::of(rule_action),
    )
        .prop_map(|(f, mut v, a)| {
            v.extend(a);
            RuleData {
                rule_data_flags: RuleDataFlags(f),
                property_values: v,
            }
        })
}

fn pairs() -> impl Strategy<Value = Pair> {
    prop_oneof![
        (
            idx(),
            any::<u8>(),
            proptest::collection::vec(permission_data(), 0..3),
            outcome()
        )
            .prop_map(|(h, f, d, o)| (
                RopRequest::ModifyPermissions(ModifyPermissionsRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    modify_flags: f,
                    permissions_data: List16(d),
                }),
                resp!(ModifyPermissions, ModifyPermissionsResponse, h, o),
            )),
        (idx(), idx(), any::<u8>(), outcome()).prop_map(|(i, o_, f, o)| (
            RopRequest::GetPermissionsTable(GetPermissionsTableRequest {
                logon_id: 0,
                input_handle_index: i,
                output_handle_index: o_,
                table_flags: f,
            }),
            resp!(GetPermissionsTable, GetPermissionsTableResponse, o_, o),
        )),
        (
            idx(),
            any::<u8>(),
            proptest::collection::vec(rule_data(), 0..3),
            outcome()
        )
            .prop_map(|(h, f, d, o)| (
                RopRequest::ModifyRules(ModifyRulesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    modify_rules_flag: f,
                    rules_data: List16(d),
                }),
                resp!(ModifyRules, ModifyRulesResponse, h, o),
            )),
        (idx(), idx(), any::<u8>(), outcome()).prop_map(|(i, o_, f, o)| (
            RopRequest::GetRulesTable(GetRulesTableRequest {
                logon_id: 0,
                input_handle_index: i,
                output_handle_index: o_,
                table_flags: f,
            }),
            resp!(GetRulesTable, GetRulesTableResponse, o_, o),
        )),
        (idx(), bin(80), bin(80), outcome()).prop_map(|(h, s, c, o)| (
            RopRequest::UpdateDeferredActionMessages(Box::new(
                UpdateDeferredActionMessagesRequest {
                    logon_id: 0,
                    input_handle_index: h,
                    server_entry_id: Bytes16(s),
                    client_entry_id: Bytes16(c),
                }
            )),
            resp!(
                UpdateDeferredActionMessages,
                UpdateDeferredActionMessagesResponse,
                h,
                o
            ),
        )),
    ]
}

fn round_trip((req, resp): Pair) -> Result<(), TestCaseError> {
    let handles = [0x0000_0041, 0x0000_0042, 0x0000_0043];
    let qb = RopRequestBuffer {
        rops: vec![req],
        raw: None,
        handles: HandleTable::from_handles(&handles),
    };
    let q_bytes = qb.to_bytes().unwrap();
    let q = RopRequestBuffer::decode_exact(&q_bytes, Limits::DEFAULT).unwrap();
    prop_assert_eq!(&q, &qb);
    let rb = RopResponseBuffer {
        rops: vec![resp],
        request_indexes: vec![Some(0)],
        raw: None,
        handles: HandleTable::from_handles(&handles),
    };
    let r_bytes = rb.to_bytes().unwrap();
    let r = RopResponseBuffer::decode_with_exact(&r_bytes, &q, Limits::DEFAULT).unwrap();
    prop_assert!(r.raw.is_none(), "{:?}", r.raw);
    prop_assert_eq!(&r.rops, &rb.rops);
    prop_assert_eq!(r.to_bytes().unwrap(), r_bytes);
    Ok(())
}

fn actions_round_trip(a: RuleActions<'static>, form: RuleForm) -> Result<(), TestCaseError> {
    let bytes = a.to_bytes_with(form).unwrap();
    prop_assert_eq!(bytes.len(), a.encoded_len_with(form));
    let back = RuleActions::decode_with_exact(&bytes, form, Limits::DEFAULT).unwrap();
    prop_assert_eq!(&back, &a);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn permission_and_rule_rops_round_trip(pair in pairs()) {
        round_trip(pair)?;
    }

    #[test]
    fn standard_rule_actions_round_trip(a in actions(RuleForm::Standard)) {
        actions_round_trip(a, RuleForm::Standard)?;
    }

    #[test]
    fn extended_rule_actions_round_trip(a in actions(RuleForm::Extended)) {
        actions_round_trip(a, RuleForm::Extended)?;
    }

    #[test]
    fn extended_rule_message_actions_round_trip(x in extended()) {
        let bytes = x.to_bytes().unwrap();
        prop_assert_eq!(bytes.len(), x.encoded_len());
        let back = ExtendedRuleActions::decode_exact(&bytes, Limits::DEFAULT).unwrap();
        prop_assert_eq!(back, x);
    }
}
