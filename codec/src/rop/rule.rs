//! [MS-OXCROPS] 2.2.11 Rule ROPs ([MS-OXORULE] adds the semantics). The rule data they carry
//! (RuleData, RuleAction) lives in [`crate::data::rule`].

use super::field::{hex8, rop_request, rop_response, Bytes16, List16};
use super::folder::GetHierarchyTableRequest;
use crate::data::RuleData;

// ---- 2.2.11.1 RopModifyRules ----

rop_request! {
    /// [MS-OXCROPS] 2.2.11.1.1 RopModifyRules request: adds, modifies or removes the standard
    /// rules of a folder ([MS-OXORULE] 2.2.1.1).
    pub struct ModifyRulesRequest<'a> {
        /// InputHandleIndex: the Folder object.
        input_handle_index: Input,
        /// ModifyRulesFlag ([MS-OXORULE] 2.2.1.1 ModifyRulesFlags): 0x01 (R) replaces the
        /// folder's rules with the ones given.
        modify_rules_flag: u8 => "ModifyRulesFlag" as hex8,
        /// RulesData (RulesCount is their number).
        rules_data: List16<RuleData<'a>> => "RulesData",
    }
}

// ---- 2.2.11.2 RopGetRulesTable ----

/// [MS-OXCROPS] 2.2.11.2.1 RopGetRulesTable request: opens the standard rules of a folder as
/// a table ([MS-OXORULE] 2.2.2.1); the fields of RopGetHierarchyTable. TableFlags
/// ([MS-OXORULE] 2.2.2.1): 0x40 (U) asks for Unicode strings.
pub type GetRulesTableRequest = GetHierarchyTableRequest;

// ---- 2.2.11.3 RopUpdateDeferredActionMessages ----

rop_request! {
    /// [MS-OXCROPS] 2.2.11.3.1 RopUpdateDeferredActionMessages request: tells the server the
    /// new entry ID of a message the DAMs refer to ([MS-OXORULE] 2.2.3.1).
    pub struct UpdateDeferredActionMessagesRequest<'a> {
        /// InputHandleIndex: the Logon object (the Deferred Action folder's store).
        input_handle_index: Input,
        /// ServerEntryId (ServerEntryIdSize is its size): the message's entry ID on the server.
        server_entry_id: Bytes16<'a> => "ServerEntryId",
        /// ClientEntryId (ClientEntryIdSize is its size): the entry ID of the message the
        /// client downloaded.
        client_entry_id: Bytes16<'a> => "ClientEntryId",
    }
}

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.11.1.2 RopModifyRules response: ReturnValue only.
    ModifyRulesResponse = MODIFY_RULES,
    /// [MS-OXCROPS] 2.2.11.3.2 RopUpdateDeferredActionMessages response: ReturnValue only.
    UpdateDeferredActionMessagesResponse = UPDATE_DEFERRED_ACTION_MESSAGES { handle: Input }

    /// [MS-OXCROPS] 2.2.11.2.2 RopGetRulesTable response: ReturnValue only.
    GetRulesTableResponse = GET_RULES_TABLE { handle: Output }
}

#[cfg(test)]
mod tests {
    use crate::data::{ActionData, PropertyValue, RuleActions, RuleForm};
    use crate::rop::test_util::{assert_error, request, response};
    use crate::rop::{RequestCtx, RopRequest};
    use crate::wire::{DecodeWith, Limits};

    #[test]
    fn modify_rules_carries_rule_actions() {
        // One ROW_ADD rule with PidTagRuleActions: OP_DELETE.
        let bytes = [
            0x41, 0x00, 0x00, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00, 0xFE, 0x00, 0x80, 0x66, 0x01,
            0x00, 0x09, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        let req = request(&bytes);
        let RopRequest::ModifyRules(m) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(m.modify_rules_flag, 0x01);
        let PropertyValue::RuleAction(b) = &m.rules_data.0[0].property_values[0].value else {
            panic!()
        };
        let a = RuleActions::decode_with_exact(b, RuleForm::Standard, Limits::DEFAULT).unwrap();
        assert_eq!(a.actions[0].action_data, ActionData::None);
        response(&req, &[0x41, 0x00, 0, 0, 0, 0]);
        response(&req, &[0x41, 0x00, 0x0E, 0x00, 0x07, 0x80]);
    }

    #[test]
    fn a_bad_action_fails_the_request_at_its_offset() {
        // As above, but ActionLength 8 (the bytes after it are as long as a valid block).
        let bytes = [
            0x41, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0x00, 0xFE, 0x00, 0x80, 0x66, 0x01,
            0x00, 0x08, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        let e = RopRequest::decode_with_exact(&bytes, RequestCtx::default(), Limits::DEFAULT)
            .unwrap_err();
        assert_error(&e, "invalid-value", 15);
    }

    #[test]
    fn get_rules_table_and_update_deferred_action_messages_round_trip() {
        let req = request(&[0x3F, 0x00, 0x00, 0x01, 0x40]);
        response(&req, &[0x3F, 0x01, 0, 0, 0, 0]);
        let req = request(&[0x57, 0x00, 0x00, 0x02, 0x00, 0xAA, 0xBB, 0x01, 0x00, 0xCC]);
        let RopRequest::UpdateDeferredActionMessages(u) = &req else {
            panic!("{req:?}")
        };
        assert_eq!(&u.server_entry_id.0[..], &[0xAA, 0xBB]);
        assert_eq!(&u.client_entry_id.0[..], &[0xCC]);
        response(&req, &[0x57, 0x00, 0, 0, 0, 0]);
    }
}
