//! [MS-OXCROPS] 2.2.3 Logon ROPs ([MS-OXCSTOR] adds the semantics).

use super::field::{hex32, hex8, rop_struct, Bytes16};
use crate::tree::Tree;

/// The tree of an Essdn: its text (without the terminating null) when it is one.
fn essdn_tree(b: &Bytes16<'_>) -> Tree {
    match b.0.split_last() {
        Some((0, text)) if !text.contains(&0) => {
            Tree::Text(text.iter().map(|&c| char::from(c)).collect())
        }
        _ => Tree::Bytes(b.0.to_vec()),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.3.1.1 RopLogon request: logs on to a private mailbox or to public
    /// folders.
    pub struct LogonRequest<'a> {
        /// LogonId: the id the client gives the new logon.
        logon_id: u8 => "LogonId",
        /// OutputHandleIndex: where the Logon object's handle goes.
        output_handle_index: u8 => "OutputHandleIndex",
        /// LogonFlags ([MS-OXCSTOR] 2.2.1.1.1): 0x01 Private, 0x02 Undercover, 0x04 Ghosted,
        /// 0x08 SpoolerProcess.
        logon_flags: u8 => "LogonFlags" as hex8,
        /// OpenFlags ([MS-OXCSTOR] 2.2.1.1.1).
        open_flags: u32 => "OpenFlags" as hex32,
        /// StoreState (0 from clients).
        store_state: u32 => "StoreState" as hex32,
        /// Essdn (EssdnSize is its size): the mailbox's ESSDN, a null-terminated ASCII
        /// string, or empty.
        essdn: Bytes16<'a> => "Essdn" as essdn_tree,
    }
    handles { "OutputHandleIndex": output_handle_index }
}
