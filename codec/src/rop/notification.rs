//! [MS-OXCROPS] 2.2.14 Notification ROPs ([MS-OXCNOTIF] adds the semantics).
