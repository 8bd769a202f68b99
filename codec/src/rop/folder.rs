//! [MS-OXCROPS] 2.2.4 Folder ROPs ([MS-OXCFOLD] adds the semantics).
