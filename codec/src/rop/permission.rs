//! [MS-OXCROPS] 2.2.10 Permission ROPs ([MS-OXCPERM] adds the semantics).

use super::field::{hex8, rop_response, rop_struct, List16, MinLen, NoFields, TaggedValues16};

// ---- 2.2.10.1 RopModifyPermissions ----

rop_struct! {
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

impl MinLen for PermissionData<'_> {
    // PermissionDataFlags and PropertyValueCount.
    const MIN_LEN: usize = 3;
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.10.1.1 RopModifyPermissions request: changes the permissions list of
    /// a folder ([MS-OXCPERM] 2.2.2.1).
    pub struct ModifyPermissionsRequest<'a> {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// ModifyFlags ([MS-OXCPERM] 2.2.2.1): ReplaceRows 0x01, IncludeFreeBusy 0x02.
        modify_flags: u8 => "ModifyFlags" as hex8,
        /// PermissionsData (ModifyCount is their number).
        permissions_data: List16<PermissionData<'a>> => "PermissionsData",
    }
    handles { "InputHandleIndex": input_handle_index }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.10.1.2 RopModifyPermissions response: ReturnValue only, for success
    /// and failure alike.
    pub struct ModifyPermissionsResponse {
        id: MODIFY_PERMISSIONS,
        handle: "InputHandleIndex",
        success: NoFields,
        failure: NoFields,
    }
}

// ---- 2.2.10.2 RopGetPermissionsTable ----

rop_struct! {
    /// [MS-OXCROPS] 2.2.10.2.1 RopGetPermissionsTable request: opens the permissions list of a
    /// folder as a table ([MS-OXCPERM] 2.2.1.1).
    pub struct GetPermissionsTableRequest {
        /// LogonId.
        logon_id: u8 => "LogonId",
        /// InputHandleIndex: the Folder object.
        input_handle_index: u8 => "InputHandleIndex",
        /// OutputHandleIndex: where the Table object goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// TableFlags ([MS-OXCPERM] 2.2.1.1): IncludeFreeBusy 0x02.
        table_flags: u8 => "TableFlags" as hex8,
    }
    handles {
        "InputHandleIndex": input_handle_index,
        "OutputHandleIndex": output_handle_index,
    }
}

rop_response! {
    /// [MS-OXCROPS] 2.2.10.2.2 RopGetPermissionsTable response: ReturnValue only.
    pub struct GetPermissionsTableResponse {
        id: GET_PERMISSIONS_TABLE,
        handle: "OutputHandleIndex",
        success: NoFields,
        failure: NoFields,
    }
}
