//! The mailbox endpoint's ROP processing ([MS-OXCROPS]): the Server objects a session holds,
//! and the answer to each ROP of an Execute request's ROP input buffer.

use mapi_codec::data::ErrorCode;
use std::collections::HashMap;
use std::time::SystemTime;

use mapi_codec::data::{
    Flagged, FlaggedPropertyValue, FolderId, PropTag, PropTags, PropertyRow, PropertyValue,
    RowValue, TypedString,
};
use mapi_codec::http::emsmdb::{ExecuteRequest, ExecuteSuccess};
use mapi_codec::rop::field::Outcome;
use mapi_codec::rop::folder::{
    FlaggedGroup, FolderInfo, GetContentsTableResponse, GetHierarchyTableResponse,
    OpenFolderResponse, TableRowCount,
};
use mapi_codec::rop::message::{OpenMessageResponse, OpenMessageSuccess};
use mapi_codec::rop::property::{GetPropertiesSpecificResponse, GetPropertiesSpecificSuccess};
use mapi_codec::rop::store::{
    LogonFolderIds, LogonPrivateSuccess, LogonResponse, LogonSuccess, LogonTime,
};
use mapi_codec::rop::table::{
    QueryRowsResponse, QueryRowsSuccess, RowList, SetColumnsResponse, TableStatusSuccess,
};
use mapi_codec::rop::{RopRequest, RopResponse};
use mapi_codec::server::rop_output::{EC_BUFFER_TOO_SMALL, EC_RPC_FORMAT};
use mapi_codec::server::{
    execute_failure, execute_success, rop_input, Answered, RopOutputBuilder, RopOutputError,
};
use mapi_codec::wire::{Decode, DecodeWith, Encode, FileTime, Limits, Reader, Utf16Str};

use crate::mailbox::{self, Folder, Mailbox, Message};

/// [MS-OXCDATA] 2.4.1 NotFound (ecNotFound, MAPI_E_NOT_FOUND).
pub const EC_NOT_FOUND: u32 = 0x8004_010F;
/// [MS-OXCDATA] 2.4.1 NotSupported (ecNotSupported, MAPI_E_NO_SUPPORT): what this server
/// answers for a ROP it does not implement.
pub const EC_NOT_SUPPORTED: u32 = 0x8004_0102;
/// [MS-OXCDATA] 2.4.1 NullObject (ecNullObject): the handle index names no object.
pub const EC_NULL_OBJECT: u32 = 0x0000_04B9;

/// A Server object of one session ([MS-OXCROPS] 1.3.1: the server's objects, named by the
/// 4-byte handles in the Server object handle table).
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// A Logon object (RopLogon).
    Logon,
    /// A Folder object (RopOpenFolder).
    Folder(FolderId),
    /// A Message object (RopOpenMessage).
    Message(FolderId, u64),
    /// A Table object (RopGetHierarchyTable, RopGetContentsTable) with its columns and cursor.
    Table(Table),
}

/// A Table object ([MS-OXCTABL] 3.2.1: columns and a cursor).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The folder whose table it is.
    pub folder: FolderId,
    /// A hierarchy table (else a contents table), and whether it lists every descendant.
    pub hierarchy: Option<bool>,
    /// The columns set by RopSetColumns.
    pub columns: PropTags<'static>,
    /// The cursor: the index of the next row.
    pub cursor: usize,
}

/// The Server objects of one session, by handle.
#[derive(Clone, Debug, Default)]
pub struct Objects {
    map: HashMap<u32, Object>,
    next: u32,
}

impl Objects {
    /// The object behind a handle.
    pub fn get(&self, handle: u32) -> Option<&Object> {
        self.map.get(&handle)
    }

    /// How many objects the session holds.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the session holds no objects.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn add(&mut self, o: Object) -> u32 {
        // Handles are opaque to the client ([MS-OXCROPS] 2.2.1); never the placeholder.
        self.next = self.next.wrapping_add(1).max(0x100);
        self.map.insert(self.next, o);
        self.next
    }
}

/// Answers one Execute request ([MS-OXCMAPIHTTP] 2.2.4.2, [MS-OXCRPC] 3.1.4.2): the ROPs of
/// the first ROP input buffer run in order against the session's objects. The codec's server
/// layer reads the input buffer, checks each response against its request, keeps the output
/// within MaxRopOut (RopBufferTooSmall past it) and packs it as the request's Flags ask.
pub fn execute(
    mailbox: &Mailbox,
    objects: &mut Objects,
    request: &ExecuteRequest<'_>,
) -> ExecuteSuccess<'static> {
    let input = match rop_input(request, None, Limits::DEFAULT) {
        Ok(Some(b)) => b,
        // No ROP buffer: nothing to do.
        Ok(None) => return execute_failure(ErrorCode::SUCCESS),
        Err(code) => return execute_failure(code),
    };
    let mut out = match RopOutputBuilder::new(&input, request.max_rop_out) {
        Ok(out) => out,
        Err(RopOutputError::MaxRopOutTooSmall { .. }) => {
            return execute_failure(EC_BUFFER_TOO_SMALL)
        }
        Err(_) => return execute_failure(EC_RPC_FORMAT),
    };
    while let Some((_, rop)) = out.next_request() {
        let mut ctx = Ctx {
            mailbox,
            objects: &mut *objects,
            out: &mut out,
            created: None,
        };
        let step = ctx.answer(rop);
        let created = ctx.created.take();
        let answered = match step {
            Step::Released => out.released().map(|()| Answered::Added),
            Step::Answer(resp, columns) => out.answer_with(&resp, columns.as_ref()),
            Step::Rows(resp, columns, advance) => {
                let done = out.answer_with(&resp, Some(&columns));
                if let (Ok(Answered::Added), Some((handle, cursor))) = (&done, advance) {
                    if let Some(Object::Table(t)) = objects.map.get_mut(&handle) {
                        t.cursor = cursor;
                    }
                }
                done
            }
            Step::NotSupported => match not_supported(rop) {
                Some(bytes) => {
                    match RopResponse::decode_with_exact(&bytes, (Some(rop), None), Limits::DEFAULT)
                    {
                        Ok(resp) => out.answer(&resp),
                        Err(_) => return execute_failure(EC_RPC_FORMAT),
                    }
                }
                None => return execute_failure(EC_RPC_FORMAT),
            },
        };
        match answered {
            Ok(Answered::Added) => {
                // The object a ROP created exists once its answer is in the output buffer (a
                // request handed back by RopBufferTooSmall did nothing).
                if let Some((index, object)) = created {
                    let h = objects.add(object);
                    // The decoder has checked the index against the handle table.
                    let _ = out.set_handle(index, h);
                }
            }
            Ok(Answered::BufferTooSmall) => break,
            // A response the layer refuses is this server's bug: the call fails as a whole.
            Err(_) => return execute_failure(ErrorCode::GENERAL_FAILURE),
        }
    }
    match out
        .finish()
        .ok()
        .and_then(|b| execute_success(request, &b).ok())
    {
        Some(body) => body,
        None => execute_failure(ErrorCode::GENERAL_FAILURE),
    }
}

/// What one ROP asks of the output buffer.
enum Step {
    /// RopRelease: done, no response.
    Released,
    /// A response, with the columns of its rows (RopQueryRows).
    Answer(RopResponse<'static>, Option<PropTags<'static>>),
    /// A RopQueryRows response, the columns of its rows, and where the table's cursor goes
    /// (its handle, the row index) once the response is in the output buffer.
    Rows(
        RopResponse<'static>,
        PropTags<'static>,
        Option<(u32, usize)>,
    ),
    /// A ROP this server does not implement: its failure layout with NotSupported.
    NotSupported,
}

struct Ctx<'s, 'r, 'a> {
    mailbox: &'s Mailbox,
    objects: &'s mut Objects,
    out: &'s mut RopOutputBuilder<'r, 'a>,
    /// The object the ROP creates, at its OutputHandleIndex: made once the answer is taken.
    created: Option<(u8, Object)>,
}

fn answer(r: RopResponse<'static>) -> Step {
    Step::Answer(r, None)
}

impl Ctx<'_, '_, '_> {
    fn object(&self, index: u8) -> Option<&Object> {
        self.objects.get(self.out.handle(index)?)
    }

    fn put(&mut self, index: u8, o: Object) {
        self.created = Some((index, o));
    }

    /// What to answer one ROP with; RopQueryRows keeps to the room the output buffer has.
    fn answer(&mut self, rop: &RopRequest<'_>) -> Step {
        match rop {
            RopRequest::Release(r) => {
                // [MS-OXCROPS] 2.2.15.3: no response; the object goes away.
                if let Some(h) = self.out.handle(r.input_handle_index) {
                    self.objects.map.remove(&h);
                }
                Step::Released
            }
            RopRequest::Logon(l) if l.logon_flags & 0x01 == 0x01 => {
                self.put(l.output_handle_index, Object::Logon);
                answer(RopResponse::Logon(Box::new(LogonResponse::success(
                    l.output_handle_index,
                    LogonSuccess::Private(logon_success(l.logon_flags)),
                ))))
            }
            RopRequest::OpenFolder(o) => {
                let found = self.object(o.input_handle_index).is_some()
                    && self.mailbox.folder(o.folder_id).is_some();
                let body = if found {
                    self.put(o.output_handle_index, Object::Folder(o.folder_id));
                    Outcome::Success(FolderInfo {
                        has_rules: false.into(),
                        ghost: FlaggedGroup::new(None),
                    })
                } else {
                    Outcome::Failure(Default::default())
                };
                answer(RopResponse::OpenFolder(OpenFolderResponse {
                    handle_index: o.output_handle_index,
                    return_value: if found { 0 } else { EC_NOT_FOUND },
                    body,
                }))
            }
            RopRequest::GetHierarchyTable(t) => {
                let (code, count) = self.open_table(
                    t.input_handle_index,
                    t.output_handle_index,
                    // TableFlags 0x04 Depth ([MS-OXCFOLD] 2.2.1.13.1).
                    Some(t.table_flags & 0x04 != 0),
                );
                answer(RopResponse::GetHierarchyTable(GetHierarchyTableResponse {
                    handle_index: t.output_handle_index,
                    return_value: code,
                    body: outcome(code, TableRowCount { row_count: count }),
                }))
            }
            RopRequest::GetContentsTable(t) => {
                let (code, count) =
                    self.open_table(t.input_handle_index, t.output_handle_index, None);
                answer(RopResponse::GetContentsTable(GetContentsTableResponse {
                    handle_index: t.output_handle_index,
                    return_value: code,
                    body: outcome(code, TableRowCount { row_count: count }),
                }))
            }
            RopRequest::SetColumns(s) => {
                let code = match self.table_mut(s.input_handle_index) {
                    Some(t) => {
                        t.columns = s.property_tags.clone().into_owned();
                        0
                    }
                    None => EC_NULL_OBJECT,
                };
                answer(RopResponse::SetColumns(SetColumnsResponse {
                    handle_index: s.input_handle_index,
                    return_value: code,
                    // TableStatus 0x00 TBLSTAT_COMPLETE: set synchronously ([MS-OXCTABL] 2.2.2.1.3).
                    body: outcome(code, TableStatusSuccess { table_status: 0 }),
                }))
            }
            RopRequest::QueryRows(q) => {
                let room = self.out.room();
                self.query_rows(q, room)
            }
            RopRequest::OpenMessage(o) => {
                let message = match self.object(o.input_handle_index) {
                    Some(_) => self.find_message(o.folder_id, o.message_id.to_u64()),
                    None => None,
                };
                let Some(m) = message.cloned() else {
                    return answer(RopResponse::OpenMessage(Box::new(OpenMessageResponse {
                        handle_index: o.output_handle_index,
                        return_value: EC_NOT_FOUND,
                        body: Outcome::Failure(Default::default()),
                    })));
                };
                let Ok(subject) = Utf16Str::from_text(&m.subject) else {
                    return Step::NotSupported;
                };
                self.put(
                    o.output_handle_index,
                    Object::Message(o.folder_id, m.id.to_u64()),
                );
                answer(RopResponse::OpenMessage(Box::new(
                    OpenMessageResponse::success(
                        o.output_handle_index,
                        OpenMessageSuccess {
                            has_named_properties: false.into(),
                            subject_prefix: TypedString::Empty,
                            normalized_subject: TypedString::Unicode(subject),
                            recipient_count: 0,
                            recipient_columns: PropTags::default(),
                            recipient_rows: Vec::new(),
                        },
                    ),
                )))
            }
            RopRequest::GetPropertiesSpecific(g) => {
                let tags = &g.property_tags;
                let row = match self.object(g.input_handle_index) {
                    Some(Object::Message(f, m)) => self
                        .find_message(*f, *m)
                        .map(|m| row_of(tags, |t| message_prop(m, t))),
                    Some(Object::Folder(f)) => self
                        .mailbox
                        .folder(*f)
                        .map(|f| row_of(tags, |t| folder_prop(f, 0, t))),
                    Some(Object::Logon) => Some(row_of(tags, |t| {
                        (t == PropTag::DISPLAY_NAME).then(|| text(&self.mailbox.owner))?
                    })),
                    _ => None,
                };
                let code = if row.is_some() { 0 } else { EC_NULL_OBJECT };
                answer(RopResponse::GetPropertiesSpecific(
                    GetPropertiesSpecificResponse {
                        handle_index: g.input_handle_index,
                        return_value: code,
                        body: match row {
                            Some(row) => Outcome::Success(GetPropertiesSpecificSuccess::new(
                                tags.clone().into_owned(),
                                row,
                            )),
                            None => Outcome::Failure(Default::default()),
                        },
                    },
                ))
            }
            _ => Step::NotSupported,
        }
    }

    fn table_mut(&mut self, index: u8) -> Option<&mut Table> {
        let h = self.out.handle(index)?;
        match self.objects.map.get_mut(&h) {
            Some(Object::Table(t)) => Some(t),
            _ => None,
        }
    }

    fn find_message(&self, folder: FolderId, mid: u64) -> Option<&Message> {
        self.mailbox
            .folder(folder)?
            .messages
            .iter()
            .find(|m| m.id.to_u64() == mid)
    }

    /// Opens a hierarchy (`Some(depth)`) or contents table on the folder at `input`.
    fn open_table(&mut self, input: u8, output: u8, hierarchy: Option<bool>) -> (u32, u32) {
        let folder = match self.object(input) {
            Some(Object::Folder(f)) => *f,
            _ => return (EC_NULL_OBJECT, 0),
        };
        let table = Table {
            folder,
            hierarchy,
            columns: PropTags::default(),
            cursor: 0,
        };
        let count = table_rows(self.mailbox, &table).len();
        self.put(output, Object::Table(table));
        (0, count as u32)
    }

    /// RopQueryRows ([MS-OXCROPS] 2.2.5.4, [MS-OXCTABL] 3.2.5.5): up to RowCount rows from the
    /// cursor (forward only), as many as fit `room` (what the output buffer has left); the cursor
    /// moves unless NoAdvance (0x01).
    fn query_rows(&mut self, q: &mapi_codec::rop::table::QueryRowsRequest, room: usize) -> Step {
        let mailbox = self.mailbox;
        let fail = |code| {
            answer(RopResponse::QueryRows(QueryRowsResponse {
                handle_index: q.input_handle_index,
                return_value: code,
                body: Outcome::Failure(Default::default()),
            }))
        };
        let Some(table) = self.table_mut(q.input_handle_index) else {
            return fail(EC_NULL_OBJECT);
        };
        if table.columns.is_empty() || !q.forward_read.get() {
            // Columns must be set first ([MS-OXCTABL] 3.2.5.1); backward reads are not served.
            return fail(EC_NOT_SUPPORTED);
        }
        let all = table_rows(mailbox, table);
        let want = usize::from(q.row_count);
        let mut rows: Vec<PropertyRow<'static>> = all
            .iter()
            .skip(table.cursor)
            .take(want)
            .map(|r| row_of(&table.columns, r))
            .collect();
        let build = |rows: Vec<PropertyRow<'static>>, end: bool| {
            RopResponse::QueryRows(QueryRowsResponse::success(
                q.input_handle_index,
                QueryRowsSuccess {
                    // Origin: 0x02 BOOKMARK_END once the cursor has passed the last row, else
                    // 0x01 BOOKMARK_CURRENT ([MS-OXCROPS] 2.2.5.4.2).
                    origin: if end { 0x02 } else { 0x01 },
                    rows: RowList::new(table.columns.clone(), rows),
                },
            ))
        };
        // Fewer rows when the whole set would not fit the output buffer, but not none: a row
        // that does not fit alone is handed back with RopBufferTooSmall (a RowCount of 0
        // reads as the end of the table to clients).
        let mut response = build(rows.clone(), false);
        while response.encoded_len() > room && rows.len() > 1 {
            rows.pop();
            response = build(rows.clone(), false);
        }
        let after = table.cursor + rows.len();
        let columns = table.columns.clone();
        let response = build(rows, after >= all.len());
        // The cursor moves unless NoAdvance, once the response is in the output buffer.
        let advance = (q.query_rows_flags & 0x01 == 0)
            .then(|| self.out.handle(q.input_handle_index))
            .flatten()
            .map(|h| (h, after));
        Step::Rows(response, columns, advance)
    }
}

type RowFn<'m> = Box<dyn Fn(PropTag) -> Option<PropertyValue<'static>> + 'm>;

/// The rows of a table, each a function from a column to its value.
fn table_rows<'m>(mailbox: &'m Mailbox, t: &Table) -> Vec<RowFn<'m>> {
    match t.hierarchy {
        Some(deep) => mailbox
            .hierarchy(t.folder, deep)
            .into_iter()
            .map(|(f, depth)| {
                let children = mailbox.children(f.id).count();
                Box::new(move |tag| match tag {
                    mailbox::SUBFOLDERS => Some(PropertyValue::Boolean((children > 0).into())),
                    _ => folder_prop(f, depth, tag),
                }) as RowFn<'m>
            })
            .collect(),
        None => mailbox
            .folder(t.folder)
            .map(|f| {
                f.messages
                    .iter()
                    .map(|m| Box::new(move |tag| message_prop(m, tag)) as RowFn<'m>)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn outcome<S, F: Default>(code: u32, s: S) -> Outcome<S, F> {
    if code == 0 {
        Outcome::Success(s)
    } else {
        Outcome::Failure(F::default())
    }
}

fn text(s: &str) -> Option<PropertyValue<'static>> {
    Utf16Str::from_text(s).ok().map(PropertyValue::String)
}

fn folder_prop(f: &Folder, depth: u32, tag: PropTag) -> Option<PropertyValue<'static>> {
    match tag {
        PropTag::DISPLAY_NAME => text(&f.name),
        PropTag::FOLDER_ID => Some(PropertyValue::Integer64(f.id.to_u64() as i64)),
        mailbox::PARENT_FOLDER_ID => f
            .parent
            .map(|p| PropertyValue::Integer64(p.to_u64() as i64)),
        mailbox::CONTENT_COUNT => Some(PropertyValue::Integer32(f.messages.len() as i32)),
        mailbox::DEPTH => Some(PropertyValue::Integer32(depth as i32)),
        _ => None,
    }
}

fn message_prop(m: &Message, tag: PropTag) -> Option<PropertyValue<'static>> {
    match tag {
        PropTag::SUBJECT => text(&m.subject),
        mailbox::SENDER_NAME => text(&m.sender),
        PropTag::MESSAGE_DELIVERY_TIME => Some(PropertyValue::Time(FileTime(m.delivered))),
        PropTag::MESSAGE_SIZE => Some(PropertyValue::Integer32(m.size)),
        PropTag::MID => Some(PropertyValue::Integer64(m.id.to_u64() as i64)),
        _ => None,
    }
}

/// A row of `tags` ([MS-OXCDATA] 2.8.1): a StandardPropertyRow when every value is there,
/// else a FlaggedPropertyRow whose missing values carry NotFound (flag 0x0A).
fn row_of(
    tags: &PropTags<'_>,
    value: impl Fn(PropTag) -> Option<PropertyValue<'static>>,
) -> PropertyRow<'static> {
    let values: Vec<Option<PropertyValue<'static>>> = tags
        .iter()
        .map(|t| {
            value(t).filter(|v| PropTag((t.0 & 0xFFFF_0000) | u32::from(v.prop_type().0)) == t)
        })
        .collect();
    let flagged = values.iter().any(Option::is_none);
    let values = values
        .into_iter()
        .map(|v| match (flagged, v) {
            (false, Some(v)) => RowValue::Value(v),
            (_, Some(v)) => RowValue::Flagged(FlaggedPropertyValue(Flagged::Value(v))),
            (_, None) => RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(EC_NOT_FOUND))),
        })
        .collect();
    PropertyRow::new(flagged, values)
}

/// The RopLogon success response for a private mailbox ([MS-OXCROPS] 2.2.3.1.2).
fn logon_success(logon_flags: u8) -> LogonPrivateSuccess {
    let now = FileTime::from_date_time(SystemTime::now().into())
        .unwrap_or_default()
        .to_date_time();
    LogonPrivateSuccess {
        logon_flags,
        folder_ids: LogonFolderIds(mailbox::logon_folder_ids()),
        // ResponseFlags: Reserved 0x01 | OwnerRight 0x02 | SendAsRight 0x04.
        response_flags: 0x07,
        mailbox_guid: mailbox::MAILBOX_GUID,
        repl_id: 0x0001,
        repl_guid: mailbox::REPL_GUID,
        logon_time: LogonTime {
            seconds: now.second(),
            minutes: now.minute(),
            hour: now.hour(),
            // Sunday = 0.
            day_of_week: now.weekday().number_days_from_sunday(),
            day: now.day(),
            month: now.month().into(),
            year: now.year() as u16,
        },
        gwart_time: 0,
        store_state: 0,
    }
}

/// The failure response of a ROP this server does not implement: the ROP's own failure
/// layout ([MS-OXCROPS] 2.2.x.x.3: RopId, the handle index field, ReturnValue) with
/// ReturnValue NotSupported. The handle index is OutputHandleIndex for ROPs that create an
/// object, else InputHandleIndex. The few failure layouts with more fields (PartialCompletion,
/// the FastTransfer PutBuffer counters) take zeros: nothing was done. Each candidate is checked
/// with the codec's decoder against the request before it is sent.
fn not_supported(rop: &RopRequest<'_>) -> Option<Vec<u8>> {
    let index = rop
        .output_handle_index()
        .or_else(|| rop.handle_indexes().input())
        .unwrap_or(0);
    let mut bytes = vec![rop.rop_id().0, index];
    bytes.extend_from_slice(&EC_NOT_SUPPORTED.to_le_bytes());
    for _ in 0..=16 {
        let mut r = Reader::new(&bytes);
        if let Ok(resp) = RopResponse::decode_with_from(&mut r, (Some(rop), None)) {
            if r.is_empty() && resp.return_value() == Some(EC_NOT_SUPPORTED) {
                return Some(bytes);
            }
        }
        bytes.push(0);
    }
    None
}

/// Decodes an Execute request body (for callers that hold the bytes).
pub fn decode_execute(body: &[u8]) -> Result<ExecuteRequest<'_>, mapi_codec::wire::DecodeError> {
    ExecuteRequest::decode_exact(body, Limits::DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mapi_codec::rop::other::ReleaseRequest;
    use mapi_codec::rop::stream::OpenStreamRequest;

    #[test]
    fn unsupported_rops_get_their_failure_layout() {
        let open_stream = RopRequest::OpenStream(OpenStreamRequest {
            logon_id: 0,
            input_handle_index: 3,
            output_handle_index: 4,
            property_tag: PropTag(0x1000_001F),
            open_mode_flags: 0,
        });
        let bytes = not_supported(&open_stream).unwrap();
        assert_eq!(bytes, [0x2B, 4, 0x02, 0x01, 0x04, 0x80]);
        let release = RopRequest::Release(ReleaseRequest {
            logon_id: 0,
            input_handle_index: 0,
        });
        // RopRelease is answered by nothing at all; its "failure" cannot be built.
        assert!(not_supported(&release).is_none());
    }

    #[test]
    fn rows_are_flagged_only_when_a_value_is_missing() {
        let m = &Mailbox::sample().folders[4].messages[0].clone();
        let full = row_of(&[PropTag::SUBJECT, PropTag::MESSAGE_SIZE].into(), |t| {
            message_prop(m, t)
        });
        assert!(!full.is_flagged());
        // A column of the wrong type is missing too.
        let part = row_of(&[PropTag::SUBJECT, PropTag(0x0E08_0014)].into(), |t| {
            message_prop(m, t)
        });
        assert!(part.is_flagged());
        assert_eq!(
            part.get(1),
            Some(RowValue::Flagged(FlaggedPropertyValue(Flagged::Error(
                EC_NOT_FOUND
            ))))
        );
    }
}
