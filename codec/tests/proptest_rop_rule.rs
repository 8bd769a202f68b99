//! Round trips of the Permission ROPs ([MS-OXCROPS] 2.2.10) and Rule ROPs (2.2.11) through
//! `RopRequestBuffer` / `RopResponseBuffer`, and of the RuleAction structure of [MS-OXORULE]
//! 2.2.5 in both forms (and PidTagExtendedRuleMessageActions).

#[macro_use]
mod common;

use std::borrow::Cow;

use common::{bin, fid, guid, mid, no_fields, property_name, tagged_value, tagged_values};
use mapi_codec::data::{
    ActionBlock, ActionData, ActionType, BounceCode, ExtendedRuleActions, FolderEid,
    MoveCopyAction, NamedPropertyInformation, PropTag, PropType, PropertyValue, RecipientBlock,
    ReplyAction, RuleActions, RuleData, RuleDataFlags, RuleForm, ServerId, TaggedPropertyValue,
};
use mapi_codec::rop::field::{Bytes16, List16, TaggedValues16};
use mapi_codec::rop::permission::*;
use mapi_codec::rop::rule::*;
use mapi_codec::wire::EncodeWith;
use proptest::prelude::*;

/// The handles of every buffer built here.
const HANDLES: [u32; 3] = [0x0000_0041, 0x0000_0042, 0x0000_0043];

fn idx() -> impl Strategy<Value = u8> {
    0u8..3
}

/// The types of the values in rules and permissions here.
const TYPES: &[PropType] = &[
    PropType::INTEGER32,
    PropType::INTEGER64,
    PropType::BOOLEAN,
    PropType::STRING,
    PropType::BINARY,
];

fn tagged() -> impl Strategy<Value = TaggedPropertyValue<'static>> {
    tagged_value(TYPES, 12)
}

fn tagged_list() -> impl Strategy<Value = Vec<TaggedPropertyValue<'static>>> {
    tagged_values(TYPES, 12)
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

fn extended() -> impl Strategy<Value = ExtendedRuleActions<'static>> {
    (
        proptest::collection::vec((0x8000u16.., property_name(8, false)), 0..3),
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

/// A pair of the ROP `$v` on LogonId 0 and any input handle (see `answered!`).
macro_rules! pair {
    ($v:ident: $q:ident { $($f:tt)* } => $($r:tt)*) => {
        answered!($v: $q { logon_id: Just(0), input_handle_index: idx(), $($f)* } => $($r)*)
    };
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

fn pairs() -> impl Strategy<Value = common::Pair> {
    let permissions_data = proptest::collection::vec(permission_data(), 0..3).prop_map(List16);
    let rules_data = proptest::collection::vec(rule_data(), 0..3).prop_map(List16);
    prop_oneof![
        pair!(ModifyPermissions: ModifyPermissionsRequest {
            modify_flags: any::<u8>(), permissions_data
        } => ModifyPermissionsResponse(Input, no_fields())),
        pair!(GetPermissionsTable: GetPermissionsTableRequest {
            output_handle_index: idx(), table_flags: any::<u8>()
        } => GetPermissionsTableResponse(Output, no_fields())),
        pair!(ModifyRules: ModifyRulesRequest { modify_rules_flag: any::<u8>(), rules_data }
            => ModifyRulesResponse(Input, no_fields())),
        pair!(GetRulesTable: GetRulesTableRequest {
            output_handle_index: idx(), table_flags: any::<u8>()
        } => GetRulesTableResponse(Output, no_fields())),
        pair!(UpdateDeferredActionMessages: UpdateDeferredActionMessagesRequest {
            server_entry_id: bin(80).prop_map(Bytes16), client_entry_id: bin(80).prop_map(Bytes16)
        } => UpdateDeferredActionMessagesResponse(Input, no_fields())),
    ]
}

pair_tests!(192, HANDLES; permission_and_rule_rops_round_trip(pairs()));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn standard_rule_actions_round_trip(a in actions(RuleForm::Standard)) {
        assert_round_trip!(a, RuleActions<'_>, with RuleForm::Standard => RuleForm::Standard);
    }

    #[test]
    fn extended_rule_actions_round_trip(a in actions(RuleForm::Extended)) {
        assert_round_trip!(a, RuleActions<'_>, with RuleForm::Extended => RuleForm::Extended);
    }

    #[test]
    fn extended_rule_message_actions_round_trip(x in extended()) {
        assert_round_trip!(x, ExtendedRuleActions<'_>);
    }
}
