//! What the tests of several capture formats share.

use mapi_codec::tree::Tree;
use mapi_inspect::session::SessionReport;

/// The report with what only some capture formats record (the timers, the origin of each call,
/// the skipped non-MAPI sessions) taken out, so that the forms of one session compare equal.
pub(crate) fn without_capture_details(mut report: SessionReport) -> SessionReport {
    for c in &mut report.calls {
        if let Tree::Struct(fields) = &mut c.tree {
            fields.retain(|(name, _)| name != "Timers" && name != "Origin");
        }
        c.timers = Default::default();
        c.origin = None;
    }
    report.summary.skipped.clear();
    report
}
