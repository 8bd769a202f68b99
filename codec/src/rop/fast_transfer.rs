//! [MS-OXCROPS] 2.2.12 Fast Transfer ROPs ([MS-OXCFXICS] adds the semantics).
