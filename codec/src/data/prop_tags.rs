//! The one list-of-tags type of the codec: the PropertyTags of requests ([MS-OXCDATA] 2.9) and
//! the columns that rows are read and written against ([MS-OXCDATA] 2.8.1).

use std::sync::Arc;

use bytes::BufMut;

use super::prop::{PropTag, PropType};
use crate::tree::{ToTree, Tree};
use crate::wire::{
    put_count, u16_len, CountWidth, Decode, DecodeError, DecodeWith, Encode, EncodeError,
    EncodeWith, Reader,
};

/// Property tags ([MS-OXCDATA] 2.9 PropertyTag, 4 bytes each) kept as their wire bytes.
///
/// - Decoding borrows the tags from the input and allocates nothing; a ROP buffer's
///   PropertyTags (PropertyTagCount, 2 bytes, then the tags) decode with [`Decode`], other
///   count widths with `DecodeWith<CountWidth>`.
/// - Built from tags ([`PropTags::new`], `From<Vec<PropTag>>`, `From<&[PropTag]>`), the bytes
///   are shared: [`Clone`] never copies them, so every row of a table can hold its columns.
/// - [`PropTags::iter`] and [`PropTags::get`] read the tags.
///
/// It is what rows are decoded against: the columns of a response come from its request
/// (RopGetPropertiesSpecific's PropertyTags, RopSetColumns') or from the
/// [`Session`](crate::rop::Session), and each decoded row keeps them without a copy.
///
/// ```
/// use mapi_codec::data::{PropTag, PropTags};
/// use mapi_codec::wire::{Decode, Limits};
///
/// // PropertyTagCount 2, then PidTagSubject (0x0037001F) and PidTagMessageSize (0x0E080003).
/// let bytes = [2, 0, 0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E];
/// let tags = PropTags::decode_exact(&bytes, Limits::DEFAULT)?;
/// assert_eq!(tags.len(), 2);
/// assert_eq!(tags.get(0), Some(PropTag::SUBJECT));
/// assert_eq!(tags, PropTags::new(&[PropTag::SUBJECT, PropTag(0x0E08_0003)]));
/// # Ok::<(), mapi_codec::wire::DecodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct PropTags<'a>(TagBytes<'a>);

/// The bytes of a [`PropTags`]: borrowed from the input, or the first bytes (up to the
/// `usize`) of bytes shared by every clone.
#[derive(Clone)]
enum TagBytes<'a> {
    Borrowed(&'a [u8]),
    Shared(Arc<[u8]>, usize),
}

impl Default for TagBytes<'_> {
    fn default() -> Self {
        TagBytes::Borrowed(&[])
    }
}

impl std::ops::Deref for TagBytes<'_> {
    type Target = [u8];
    #[inline(always)]
    fn deref(&self) -> &[u8] {
        match self {
            TagBytes::Borrowed(b) => b,
            TagBytes::Shared(b, end) => b.get(..*end).unwrap_or_default(),
        }
    }
}

impl PartialEq for TagBytes<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for TagBytes<'_> {}

impl std::hash::Hash for TagBytes<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

/// The tag in the 4 bytes at the start of `b` (which holds at least 4).
#[inline(always)]
fn tag_at(b: &[u8]) -> PropTag {
    PropTag(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> PropTags<'a> {
    /// The list of `tags`.
    pub fn new(tags: &[PropTag]) -> PropTags<'static> {
        tags.iter().copied().collect()
    }

    /// The list whose wire bytes (4 per tag, without a count) are `bytes`, borrowed; `None`
    /// when their length is not a multiple of 4.
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Self> {
        (bytes.len() % 4 == 0).then_some(PropTags(TagBytes::Borrowed(bytes)))
    }

    /// The list of a constant's tag bytes (4 per tag, checked by the test of each constant).
    pub(crate) const fn from_static(bytes: &'static [u8]) -> PropTags<'static> {
        PropTags(TagBytes::Borrowed(bytes))
    }

    /// The number of tags.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// Whether there are no tags.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The wire bytes of the tags, 4 per tag (without a count).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The tags, in wire order.
    #[inline]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = PropTag> + Clone + '_ {
        self.0.chunks_exact(4).map(tag_at)
    }

    /// The types of the tags, in wire order.
    #[inline]
    pub fn types(&self) -> impl ExactSizeIterator<Item = PropType> + Clone + '_ {
        // The type is the tag's low 16 bits: its first two bytes.
        self.0
            .chunks_exact(4)
            .map(|c| PropType(u16::from_le_bytes([c[0], c[1]])))
    }

    /// The tag at `index`.
    pub fn get(&self, index: usize) -> Option<PropTag> {
        let at = index.checked_mul(4)?;
        self.0.get(at..at.checked_add(4)?).map(tag_at)
    }

    /// The first `n` tags (no copy), or `None` when there are fewer.
    pub fn prefix(&self, n: usize) -> Option<PropTags<'a>> {
        let end = n.checked_mul(4).filter(|&e| e <= self.0.len())?;
        Some(PropTags(match &self.0 {
            TagBytes::Borrowed(b) => TagBytes::Borrowed(b.get(..end)?),
            TagBytes::Shared(b, _) => TagBytes::Shared(b.clone(), end),
        }))
    }

    /// The tags, copied.
    pub fn to_vec(&self) -> Vec<PropTag> {
        self.iter().collect()
    }

    /// Whether these are `tags`, in order.
    pub fn is(&self, tags: &[PropTag]) -> bool {
        self.len() == tags.len() && self.iter().eq(tags.iter().copied())
    }

    /// Whether both lists have the same types in the same order (the ids may differ): rows
    /// of one decode against the other to the same values.
    #[inline]
    pub fn same_types(&self, other: &PropTags<'_>) -> bool {
        let (a, b) = (self.as_bytes(), other.as_bytes());
        // Rows decoded against one list are written back against the same list: the same
        // bytes need no comparing.
        std::ptr::eq(a, b)
            || (a.len() == b.len()
                && a.chunks_exact(4)
                    .zip(b.chunks_exact(4))
                    .all(|(x, y)| x[..2] == y[..2]))
    }

    /// The same list, its bytes shared (copied once if they were borrowed).
    pub fn into_owned(self) -> PropTags<'static> {
        PropTags(match self.0 {
            TagBytes::Borrowed([]) => TagBytes::Borrowed(&[]),
            TagBytes::Borrowed(b) => TagBytes::Shared(b.into(), b.len()),
            TagBytes::Shared(b, end) => TagBytes::Shared(b, end),
        })
    }
}

impl crate::wire::IntoOwned for PropTags<'_> {
    type Owned = PropTags<'static>;
    fn into_owned(self) -> PropTags<'static> {
        PropTags::into_owned(self)
    }
}

impl From<Vec<PropTag>> for PropTags<'_> {
    fn from(tags: Vec<PropTag>) -> Self {
        PropTags::new(&tags)
    }
}

impl From<&[PropTag]> for PropTags<'_> {
    fn from(tags: &[PropTag]) -> Self {
        PropTags::new(tags)
    }
}

impl<const N: usize> From<[PropTag; N]> for PropTags<'_> {
    fn from(tags: [PropTag; N]) -> Self {
        PropTags::new(&tags)
    }
}

impl FromIterator<PropTag> for PropTags<'_> {
    fn from_iter<I: IntoIterator<Item = PropTag>>(iter: I) -> Self {
        let bytes: Vec<u8> = iter.into_iter().flat_map(|t| t.0.to_le_bytes()).collect();
        let end = bytes.len();
        PropTags(TagBytes::Shared(bytes.into(), end))
    }
}

impl PartialEq<[PropTag]> for PropTags<'_> {
    fn eq(&self, other: &[PropTag]) -> bool {
        self.is(other)
    }
}

impl<const N: usize> PartialEq<[PropTag; N]> for PropTags<'_> {
    fn eq(&self, other: &[PropTag; N]) -> bool {
        self.is(other)
    }
}

impl<const N: usize> PartialEq<[PropTag; N]> for &PropTags<'_> {
    fn eq(&self, other: &[PropTag; N]) -> bool {
        self.is(other)
    }
}

impl PartialEq<Vec<PropTag>> for PropTags<'_> {
    fn eq(&self, other: &Vec<PropTag>) -> bool {
        self.is(other)
    }
}

impl std::fmt::Debug for PropTags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// PropertyTagCount of `width`, then that many tags, borrowed.
impl<'a> DecodeWith<'a, CountWidth> for PropTags<'a> {
    #[inline]
    fn decode_with_from(r: &mut Reader<'a>, width: CountWidth) -> Result<Self, DecodeError> {
        let n = r.count(width, 4)?;
        Ok(PropTags(TagBytes::Borrowed(r.bytes(4 * n)?)))
    }
}

/// PropertyTagCount (2 bytes, as ROP buffers carry it), then that many tags, borrowed.
impl<'a> Decode<'a> for PropTags<'a> {
    #[inline]
    fn decode_from(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let n = r.count(CountWidth::U16, 4)?;
        Ok(PropTags(TagBytes::Borrowed(r.bytes(4 * n)?)))
    }
}

impl EncodeWith<CountWidth> for PropTags<'_> {
    fn encoded_len_with(&self, width: CountWidth) -> usize {
        width.size() + self.0.len()
    }
    fn encode_with<B: BufMut>(&self, width: CountWidth, out: &mut B) -> Result<(), EncodeError> {
        crate::wire::ensure_room(out, width.size() + self.0.len())?;
        put_count(out, width, self.len(), "PropertyTagCount")?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl Encode for PropTags<'_> {
    #[inline]
    fn encoded_len(&self) -> usize {
        2 + self.0.len()
    }
    #[inline]
    fn encode<B: BufMut>(&self, out: &mut B) -> Result<(), EncodeError> {
        u16_len(self.len(), "count")?.encode(out)?;
        crate::wire::ensure_room(out, self.0.len())?;
        out.put_slice(&self.0);
        Ok(())
    }
}

impl ToTree for PropTags<'_> {
    fn to_tree(&self) -> Tree {
        Tree::List(self.iter().map(|t| t.to_tree()).collect())
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for PropTags<'a> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let tags: Vec<PropTag> = u.arbitrary()?;
        Ok(PropTags::new(&tags))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Limits;

    #[test]
    fn borrowed_and_built_lists_are_equal_and_clones_share() {
        // PidTagDisplayName (0x3001001F), PidTagEntryId (0x0FFF0102), with a 4-byte count.
        let wire = [2, 0, 0, 0, 0x1F, 0, 0x01, 0x30, 0x02, 0x01, 0xFF, 0x0F];
        let decoded = PropTags::decode_with_exact(&wire, CountWidth::U32, Limits::DEFAULT).unwrap();
        let built = PropTags::new(&[PropTag(0x3001_001F), PropTag(0x0FFF_0102)]);
        assert_eq!(decoded, built);
        assert!(decoded.is(&[PropTag(0x3001_001F), PropTag(0x0FFF_0102)]));
        assert_eq!(decoded.get(1), Some(PropTag(0x0FFF_0102)));
        assert_eq!(decoded.get(2), None);
        assert_eq!(
            decoded.types().collect::<Vec<_>>(),
            [PropType::STRING, PropType::BINARY]
        );
        let TagBytes::Shared(a, _) = &built.0 else {
            panic!("built tags are shared")
        };
        let copy = built.clone();
        let TagBytes::Shared(b, _) = &copy.0 else {
            panic!("a clone is shared")
        };
        assert!(Arc::ptr_eq(a, b));
        let first = built.prefix(1).unwrap();
        assert!(first.is(&[PropTag(0x3001_001F)]));
        assert_eq!(decoded.prefix(1), Some(first));
        assert_eq!(built.prefix(0), Some(PropTags::default()));
        assert_eq!(built.prefix(3), None);
        assert_eq!(built.to_bytes_with(CountWidth::U32).unwrap(), wire);
        assert!(PropTags::from_bytes(&wire[..3]).is_none());
        // A count the bytes cannot hold.
        assert!(PropTags::decode_exact(&[3, 0, 1, 2, 3, 4], Limits::DEFAULT).is_err());
    }

    #[test]
    fn same_types_ignores_ids() {
        let a = PropTags::new(&[PropTag(0x3001_001F), PropTag(0x0E08_0003)]);
        let b = PropTags::new(&[PropTag(0x0037_001F), PropTag(0x0E07_0003)]);
        let c = PropTags::new(&[PropTag(0x0037_001F)]);
        assert!(a.same_types(&b));
        assert!(!a.same_types(&c));
    }
}
