//! TEMPORARY placeholder until the names table lands (being written now; overwrite freely).
/// Placeholder.
pub fn error_code_name(_code: u32) -> Option<&'static str> {
    None
}
/// Placeholder.
pub fn property_name(_id: u16) -> Option<&'static str> {
    None
}
