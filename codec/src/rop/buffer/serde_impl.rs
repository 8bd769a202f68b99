//! The `serde` form of the ROP buffers: RopsList, the undecoded rest when there is one, and
//! the handle table. RopSize follows from them; a response buffer's request indexes come from
//! decoding against its request and are not part of it (a deserialized buffer has none).

use super::*;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

fn ser_buffer<S: Serializer, R: Serialize>(
    s: S,
    name: &'static str,
    rops: &[R],
    raw: &Option<RawRops<'_>>,
    handles: &HandleTable<'_>,
) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct(name, 3)?;
    st.serialize_field("RopsList", rops)?;
    match raw {
        Some(r) => st.serialize_field("Undecoded", r)?,
        None => st.skip_field("Undecoded")?,
    }
    st.serialize_field("ServerObjectHandleTable", handles)?;
    st.end()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form<'a, R> {
    #[serde(rename = "RopsList")]
    rops: Vec<R>,
    #[serde(rename = "Undecoded", default)]
    raw: Option<RawRops<'a>>,
    #[serde(rename = "ServerObjectHandleTable", default)]
    handles: HandleTable<'a>,
}

impl Serialize for RopRequestBuffer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_buffer(s, "RopRequestBuffer", &self.rops, &self.raw, &self.handles)
    }
}

impl<'de, 'a> Deserialize<'de> for RopRequestBuffer<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Form::<'a, RopRequest<'a>>::deserialize(d)?;
        Ok(RopRequestBuffer {
            rops: f.rops,
            raw: f.raw,
            handles: f.handles,
        })
    }
}

impl Serialize for RopResponseBuffer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_buffer(s, "RopResponseBuffer", &self.rops, &self.raw, &self.handles)
    }
}

impl<'de, 'a> Deserialize<'de> for RopResponseBuffer<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Form::<'a, RopResponse<'a>>::deserialize(d)?;
        Ok(RopResponseBuffer {
            rops: f.rops,
            raw: f.raw,
            handles: f.handles,
        })
    }
}
