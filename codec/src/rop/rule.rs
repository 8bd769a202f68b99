//! [MS-OXCROPS] 2.2.11 Rule ROPs ([MS-OXORULE] adds the semantics).
