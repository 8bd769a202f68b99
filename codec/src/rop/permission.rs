//! [MS-OXCROPS] 2.2.10 Permission ROPs ([MS-OXCPERM] adds the semantics).

use super::field::{hex8, rop_request, rop_response, List16, TaggedValues16};
use super::folder::GetHierarchyTableRequest;
use crate::wire::{min_len, wire_struct};

// ---- 2.2.10.1 RopModifyPermissions ----

wire_struct! {
    /// [MS-OXCROPS] 2.2.10.1.1.1 PermissionData ([MS-OXCPERM] 2.2.2.1.1): one change to the
    /// permissions list of a folder.
    pub struct PermissionData<'a> {
        /// PermissionDataFlags: AddRow 0x01, ModifyRow 0x02, RemoveRow 0x04.
        permission_data_flags: u8 => "PermissionDataFlags" as hex8,
        /// PropertyValues (PropertyValueCount is their number): PidTagEntryId for an added
        /// user, PidTagMemberId for a modified or removed one, PidTagMemberRights.
        property_values: TaggedValues16<'a> => "PropertyValues",
    }
}

// PermissionDataFlags and PropertyValueCount.
min_len! { PermissionData<'_> = 3; }

rop_request! {
    /// [MS-OXCROPS] 2.2.10.1.1 RopModifyPermissions request: changes the permissions list of
    /// a folder ([MS-OXCPERM] 2.2.2.1).
    pub struct ModifyPermissionsRequest<'a> {
        /// InputHandleIndex: the Folder object.
        input_handle_index: Input,
        /// ModifyFlags ([MS-OXCPERM] 2.2.2.1): ReplaceRows 0x01, IncludeFreeBusy 0x02.
        modify_flags: u8 => "ModifyFlags" as hex8,
        /// PermissionsData (ModifyCount is their number).
        permissions_data: List16<PermissionData<'a>> => "PermissionsData",
    }
}

// ---- 2.2.10.2 RopGetPermissionsTable ----

/// [MS-OXCROPS] 2.2.10.2.1 RopGetPermissionsTable request: opens the permissions list of a
/// folder as a table ([MS-OXCPERM] 2.2.1.1); the fields of RopGetHierarchyTable. TableFlags
/// ([MS-OXCPERM] 2.2.1.1): IncludeFreeBusy 0x02.
pub type GetPermissionsTableRequest = GetHierarchyTableRequest;

// ---- Responses ----

rop_response! {
    /// [MS-OXCROPS] 2.2.10.1.2 RopModifyPermissions response: ReturnValue only, for success
    /// and failure alike.
    ModifyPermissionsResponse = MODIFY_PERMISSIONS { handle: Input }

    /// [MS-OXCROPS] 2.2.10.2.2 RopGetPermissionsTable response: ReturnValue only.
    GetPermissionsTableResponse = GET_PERMISSIONS_TABLE { handle: Output }
}

#[cfg(test)]
mod tests {
    use crate::data::PropertyValue;
    use crate::rop::test_util::{assert_error, request, response};
    use crate::rop::{HandleRole, RequestCtx, RopRequest, RopResponse};
    use crate::wire::{DecodeWith, Limits};

    #[test]
    fn modify_permissions_round_trips() {
        // ModifyFlags 0x02; one ModifyRow: PidTagMemberId 7, PidTagMemberRights 0x49B.
        let bytes = [
            0x40, 0x00, 0x03, 0x02, 0x01, 0x00, 0x02, 0x02, 0x00, 0x14, 0x00, 0x71, 0x66, 7, 0, 0,
            0, 0, 0, 0, 0, 0x03, 0x00, 0x73, 0x66, 0x9B, 0x04, 0, 0,
        ];
        let req = request(&bytes);
        let RopRequest::ModifyPermissions(m) = &req else {
            panic!("{req:?}")
        };
        assert_eq!((m.input_handle_index, m.modify_flags), (3, 0x02));
        let p = &m.permissions_data.0[0];
        assert_eq!(p.permission_data_flags, 0x02);
        assert_eq!(
            p.property_values.0[1].value,
            PropertyValue::Integer32(0x49B)
        );
        let resp = response(&req, &[0x40, 0x03, 0x05, 0x00, 0x07, 0x80]);
        assert_eq!(resp.return_value(), Some(0x8007_0005));
        assert!(matches!(resp, RopResponse::ModifyPermissions(_)));
    }

    #[test]
    fn modify_count_is_checked_before_allocating() {
        // ModifyCount 0xFFFF with nothing after it.
        let bytes = [0x40, 0x00, 0x00, 0x00, 0xFF, 0xFF];
        let e = RopRequest::decode_with_exact(&bytes, RequestCtx::default(), Limits::DEFAULT)
            .unwrap_err();
        assert_error(&e, "count-too-large", 4);
    }

    #[test]
    fn get_permissions_table_round_trips() {
        let req = request(&[0x3E, 0x00, 0x00, 0x01, 0x02]);
        assert_eq!(
            req.handle_indexes().iter().collect::<Vec<_>>(),
            [(HandleRole::Input, 0), (HandleRole::Output, 1)]
        );
        let resp = response(&req, &[0x3E, 0x01, 0, 0, 0, 0]);
        assert_eq!(resp.handle_index(), Some((HandleRole::Output, 1)));
        response(&req, &[0x3E, 0x01, 0x0F, 0x01, 0x04, 0x80]);
    }
}
