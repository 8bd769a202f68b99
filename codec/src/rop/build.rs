//! Building ROP buffers ([MS-OXCROPS] 2.2.1) without writing the handle table by hand: a
//! client's [`RopRequestBuilder`] hands out the handle-table index of each object a request
//! creates; a server's [`RopResponseBuilder`] starts from the table of the request it answers
//! and fills in the handles of the objects it created. RopSize is computed when the buffer is
//! encoded.
//!
//! Also here: the constructors of the ROPs whose request type several ROPs share (RopRelease,
//! RopGetHierarchyTable, RopGetContentsTable, RopSaveChangesMessage: their body alone does not
//! say which ROP it is, so they are built as a [`RopRequest`]), and of the property ROPs.
//!
//! ```
//! use mapi_codec::data::PropTag;
//! use mapi_codec::rop::property::GetPropertiesSpecificRequest;
//! use mapi_codec::rop::store::LogonRequest;
//! use mapi_codec::rop::{RopRequestBuffer, NEW_OBJECT_HANDLE};
//!
//! let mut b = RopRequestBuffer::builder();
//! let logon = b.open(|h| LogonRequest::private_mailbox(h, "/o=Contoso/cn=Recipients/cn=u"));
//! b.push(GetPropertiesSpecificRequest::new(logon, &[PropTag::DISPLAY_NAME]));
//! let buf = b.build().unwrap();
//! assert_eq!(buf.rops.len(), 2);
//! assert_eq!(buf.handles.get(logon), Some(NEW_OBJECT_HANDLE));
//! ```

use crate::data::{PropTag, PropertyName};
use crate::wire::{EncodeError, List16, ResultExt};

use super::buffer::{HandleTable, RopRequestBuffer, RopResponseBuffer};
use super::field::PropTags;
use super::folder::{
    ContentsTableFlags, GetContentsTableRequest, GetHierarchyTableRequest, HierarchyTableFlags,
};
use super::message::{SaveChangesMessageRequest, SaveFlags};
use super::other::ReleaseRequest;
use super::property::{
    GetPropertiesSpecificRequest, GetPropertyIdsFromNamesRequest, GetPropertyIdsFromNamesSuccess,
};
use super::{RopRequest, RopResponse};

/// The Server object handle a client puts in the handle table for an object that a request
/// of the same buffer creates (0xFFFFFFFF, [MS-OXCROPS] 3.1.4.2): the server replaces it with
/// the new object's handle in the response's table.
pub const NEW_OBJECT_HANDLE: u32 = 0xFFFF_FFFF;

/// The most entries a handle table can have: handle indexes are one byte.
const MAX_HANDLES: usize = 256;

/// Fails on the first handle index of `rops` that names no entry of a table of `len`.
fn check_handles<'r, R: 'r>(
    rops: impl IntoIterator<Item = &'r R>,
    len: usize,
    indexes: impl Fn(&R) -> Vec<u8>,
) -> Result<(), EncodeError> {
    if len > MAX_HANDLES {
        return Err(EncodeError::too_long(
            "ServerObjectHandleTable",
            len,
            MAX_HANDLES as u64,
        ));
    }
    for (i, rop) in rops.into_iter().enumerate() {
        if indexes(rop).into_iter().any(|h| usize::from(h) >= len) {
            return Err(EncodeError::invalid(
                "a handle index names no entry of the Server object handle table",
            ))
            .index(i)
            .field("RopsList");
        }
    }
    Ok(())
}

impl<'a> RopRequestBuffer<'a> {
    /// The ROP input buffer of `rops`, with the Server object handle table `handles`
    /// ([`NEW_OBJECT_HANDLE`] for each object a request creates).
    pub fn new(rops: Vec<RopRequest<'a>>, handles: &[u32]) -> Self {
        RopRequestBuffer {
            rops,
            raw: None,
            handles: HandleTable::from_handles(handles),
        }
    }

    /// A builder that hands out handle-table indexes as requests are added.
    pub fn builder() -> RopRequestBuilder<'a> {
        RopRequestBuilder::default()
    }
}

/// Builds a [`RopRequestBuffer`]: each object gets an entry of the Server object handle table,
/// and the builder says its index. An object the server already knows is added with its
/// handle ([`object`](Self::object)); an object a request of this buffer creates gets
/// [`NEW_OBJECT_HANDLE`] ([`new_object`](Self::new_object), or [`open`](Self::open), which also
/// adds the request that creates it).
#[derive(Clone, Debug, Default)]
pub struct RopRequestBuilder<'a> {
    rops: Vec<RopRequest<'a>>,
    handles: Vec<u32>,
}

impl<'a> RopRequestBuilder<'a> {
    /// A new entry for an object the server gave `handle` in an earlier response; its index.
    /// Indexes are one byte: past 256 entries they wrap, and [`build`](Self::build) fails.
    pub fn object(&mut self, handle: u32) -> u8 {
        let index = self.handles.len() as u8;
        self.handles.push(handle);
        index
    }

    /// A new entry for an object a request of this buffer creates; its index (the request's
    /// OutputHandleIndex).
    pub fn new_object(&mut self) -> u8 {
        self.object(NEW_OBJECT_HANDLE)
    }

    /// Adds the request `make` builds for a new entry's index (its OutputHandleIndex) and
    /// returns that index, for the requests on the new object.
    pub fn open<R: Into<RopRequest<'a>>>(&mut self, make: impl FnOnce(u8) -> R) -> u8 {
        let index = self.new_object();
        self.rops.push(make(index).into());
        index
    }

    /// Adds a request.
    pub fn push(&mut self, rop: impl Into<RopRequest<'a>>) -> &mut Self {
        self.rops.push(rop.into());
        self
    }

    /// The requests added so far.
    pub fn rops(&self) -> &[RopRequest<'a>] {
        &self.rops
    }

    /// The buffer; fails when it has more than 256 handle-table entries or a request names an
    /// index past them.
    pub fn build(self) -> Result<RopRequestBuffer<'a>, EncodeError> {
        check_handles(&self.rops, self.handles.len(), |r: &RopRequest<'_>| {
            r.handle_indexes().iter().map(|(_, i)| i).collect()
        })?;
        Ok(RopRequestBuffer::new(self.rops, &self.handles))
    }
}

impl<'a> RopResponseBuffer<'a> {
    /// The ROP output buffer of `rops`, with the Server object handle table `handles` (the
    /// request's, with the handles of the objects the requests created in place of
    /// [`NEW_OBJECT_HANDLE`]), nothing kept undecoded.
    pub fn new(rops: Vec<RopResponse<'a>>, handles: &[u32]) -> Self {
        RopResponseBuffer {
            rops,
            raw: None,
            handles: HandleTable::from_handles(handles),
        }
    }

    /// A builder of the buffer that answers `request`, starting from its handle table.
    ///
    /// ```
    /// use mapi_codec::rop::folder::{OpenFolderResponse, OpenFolderRequest};
    /// use mapi_codec::rop::{RopRequestBuffer, RopResponseBuffer, RopRequest};
    /// use mapi_codec::data::FolderId;
    /// use mapi_codec::wire::{DecodeWith, Encode, Limits};
    ///
    /// let mut q = RopRequestBuffer::builder();
    /// let logon = q.object(0x0000_0101);
    /// let folder = q.open(|h| OpenFolderRequest::new(logon, h, FolderId::from_u64(1 << 48)));
    /// let request = q.build().unwrap();
    ///
    /// // The server opens the folder as its object 0x0202.
    /// let mut r = RopResponseBuffer::answering(&request);
    /// r.set_handle(folder, 0x0000_0202);
    /// r.push(OpenFolderResponse::success(folder, Default::default()));
    /// let bytes = r.build().unwrap().to_bytes().unwrap();
    ///
    /// let back = RopResponseBuffer::decode_with_exact(&bytes, &request, Limits::DEFAULT).unwrap();
    /// assert_eq!(back.handles.get(folder), Some(0x0000_0202));
    /// assert!(matches!(&back.rops[0], mapi_codec::rop::RopResponse::OpenFolder(_)));
    /// ```
    pub fn answering(request: &RopRequestBuffer<'_>) -> RopResponseBuilder<'a> {
        RopResponseBuilder {
            rops: Vec::new(),
            handles: request.handles.iter().collect(),
        }
    }
}

/// Builds a [`RopResponseBuffer`]: the responses in the order of the requests they answer
/// (none for RopRelease), and the handle table of the request with the new objects' handles.
#[derive(Clone, Debug, Default)]
pub struct RopResponseBuilder<'a> {
    rops: Vec<RopResponse<'a>>,
    handles: Vec<u32>,
}

impl<'a> RopResponseBuilder<'a> {
    /// Puts `handle` at `index` of the handle table (the object a request created there);
    /// an index past the table is ignored.
    pub fn set_handle(&mut self, index: u8, handle: u32) -> &mut Self {
        if let Some(slot) = self.handles.get_mut(usize::from(index)) {
            *slot = handle;
        }
        self
    }

    /// The handle at `index` of the table.
    pub fn handle(&self, index: u8) -> Option<u32> {
        self.handles.get(usize::from(index)).copied()
    }

    /// Adds a response.
    pub fn push(&mut self, rop: impl Into<RopResponse<'a>>) -> &mut Self {
        self.rops.push(rop.into());
        self
    }

    /// The responses added so far.
    pub fn rops(&self) -> &[RopResponse<'a>] {
        &self.rops
    }

    /// The buffer; fails when a response names an index past the handle table.
    pub fn build(self) -> Result<RopResponseBuffer<'a>, EncodeError> {
        check_handles(&self.rops, self.handles.len(), |r: &RopResponse<'_>| {
            r.handle_index().map(|(_, i)| i).into_iter().collect()
        })?;
        Ok(RopResponseBuffer::new(self.rops, &self.handles))
    }
}

// ---- Requests whose body type several ROPs share ----

impl RopRequest<'static> {
    /// [MS-OXCROPS] 2.2.15.3 RopRelease of the object at `input_handle_index` (LogonId 0).
    pub fn release(input_handle_index: u8) -> Self {
        RopRequest::Release(ReleaseRequest {
            logon_id: 0,
            input_handle_index,
        })
    }

    /// [MS-OXCROPS] 2.2.4.13 RopGetHierarchyTable: the table of the subfolders of the folder
    /// at `input_handle_index`, into `output_handle_index` (LogonId 0).
    pub fn get_hierarchy_table(
        input_handle_index: u8,
        output_handle_index: u8,
        flags: HierarchyTableFlags,
    ) -> Self {
        RopRequest::GetHierarchyTable(GetHierarchyTableRequest {
            logon_id: 0,
            input_handle_index,
            output_handle_index,
            table_flags: flags.into(),
        })
    }

    /// [MS-OXCROPS] 2.2.4.14 RopGetContentsTable: the table of the messages of the folder at
    /// `input_handle_index`, into `output_handle_index` (LogonId 0).
    pub fn get_contents_table(
        input_handle_index: u8,
        output_handle_index: u8,
        flags: ContentsTableFlags,
    ) -> Self {
        RopRequest::GetContentsTable(GetContentsTableRequest {
            logon_id: 0,
            input_handle_index,
            output_handle_index,
            table_flags: flags.into(),
        })
    }

    /// [MS-OXCROPS] 2.2.6.3 RopSaveChangesMessage of the Message object at
    /// `input_handle_index`; the response refers to `response_handle_index` (LogonId 0).
    pub fn save_changes_message(
        response_handle_index: u8,
        input_handle_index: u8,
        flags: SaveFlags,
    ) -> Self {
        RopRequest::SaveChangesMessage(SaveChangesMessageRequest {
            logon_id: 0,
            response_handle_index,
            input_handle_index,
            save_flags: flags.into(),
        })
    }
}

// ---- Property ROPs ([MS-OXCROPS] 2.2.8) ----

impl GetPropertiesSpecificRequest<'static> {
    /// A RopGetPropertiesSpecific of `tags` on the object at `input_handle_index`: LogonId 0,
    /// PropertySizeLimit 0 (the server's default), WantUnicode 1.
    ///
    /// ```
    /// use mapi_codec::data::{PropTag, PropType};
    /// use mapi_codec::rop::property::GetPropertiesSpecificRequest;
    /// use mapi_codec::rop::RopRequest;
    /// use mapi_codec::wire::Encode;
    ///
    /// // [MS-OXCPRPT] 4.3.1: two named properties and PidTagChangeKey.
    /// let tags = [
    ///     PropTag::new(0x863E, PropType::BOOLEAN),
    ///     PropTag::new(0x863F, PropType::INTEGER32),
    ///     PropTag::CHANGE_KEY,
    /// ];
    /// let rop = RopRequest::from(GetPropertiesSpecificRequest::new(0, &tags));
    /// let spec = "0700000000010003000b003e8603003f860201e265";
    /// let hex: String = rop.to_bytes().unwrap().iter().map(|b| format!("{b:02x}")).collect();
    /// assert_eq!(hex, spec);
    /// ```
    pub fn new(input_handle_index: u8, tags: &[PropTag]) -> Self {
        GetPropertiesSpecificRequest {
            logon_id: 0,
            input_handle_index,
            property_size_limit: 0,
            want_unicode: 1,
            property_tags: PropTags::new(tags),
        }
    }
}

impl<'a> GetPropertyIdsFromNamesRequest<'a> {
    /// Flags 0x02: the server creates ids for the names it does not know ([MS-OXCPRPT]
    /// 2.2.12.1).
    pub const CREATE: u8 = 0x02;

    /// A RopGetPropertyIdsFromNames of `names` on the object at `input_handle_index`, with
    /// LogonId 0; `create` asks the server to map names it does not know yet.
    pub fn new(input_handle_index: u8, names: Vec<PropertyName<'a>>, create: bool) -> Self {
        GetPropertyIdsFromNamesRequest {
            logon_id: 0,
            input_handle_index,
            flags: if create { Self::CREATE } else { 0 },
            property_names: List16(names),
        }
    }
}

impl GetPropertyIdsFromNamesSuccess {
    /// The success fields of a RopGetPropertyIdsFromNames response: `ids`, in the order of
    /// the request's names (0x0000 for a name not mapped).
    pub fn new(ids: Vec<u16>) -> Self {
        GetPropertyIdsFromNamesSuccess {
            property_ids: List16(ids),
        }
    }
}

#[cfg(test)]
mod tests;
