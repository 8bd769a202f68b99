//! [MS-OXCROPS] 2.2.13 Incremental Change Synchronization ROPs ([MS-OXCFXICS] adds the semantics).
