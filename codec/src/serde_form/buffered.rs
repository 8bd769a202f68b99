//! A value held while the fields it follows are still being read: a map's entries before its
//! RopId, ReturnValue or StatusCode (JSON objects are unordered: `serde_json::Value` sorts
//! them), read again once the layout those fields select is known.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapDeserializer, SeqDeserializer, StringDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::forward_to_deserialize_any;

/// Any value of a self-describing format, owned.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Buffered {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Bytes(Vec<u8>),
    Some(Box<Buffered>),
    Seq(Vec<Buffered>),
    Map(Vec<(Buffered, Buffered)>),
}

impl<'de> serde::Deserialize<'de> for Buffered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Buffered;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Buffered, E> {
                Ok(Buffered::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Buffered, E> {
                Ok(Buffered::U64(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Buffered, E> {
                Ok(Buffered::I64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Buffered, E> {
                Ok(Buffered::F64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Buffered, E> {
                Ok(Buffered::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Buffered, E> {
                Ok(Buffered::Str(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Buffered, E> {
                Ok(Buffered::Bytes(v.to_vec()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Buffered, E> {
                Ok(Buffered::Unit)
            }
            fn visit_none<E: de::Error>(self) -> Result<Buffered, E> {
                Ok(Buffered::Unit)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Buffered, D::Error> {
                <Buffered as serde::Deserialize>::deserialize(d)
                    .map(|v| Buffered::Some(Box::new(v)))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Buffered, D::Error> {
                <Buffered as serde::Deserialize>::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Buffered, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(Buffered::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Buffered, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = map.next_entry()? {
                    v.push(e);
                }
                Ok(Buffered::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A [`Buffered`] value read back, as the format it came from would give it.
pub(crate) struct BufferedDeserializer<E>(Buffered, PhantomData<E>);

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Buffered {
    type Deserializer = BufferedDeserializer<E>;
    fn into_deserializer(self) -> BufferedDeserializer<E> {
        BufferedDeserializer(self, PhantomData)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedDeserializer<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Buffered::Unit => visitor.visit_unit(),
            Buffered::Bool(v) => visitor.visit_bool(v),
            Buffered::U64(v) => visitor.visit_u64(v),
            Buffered::I64(v) => visitor.visit_i64(v),
            Buffered::F64(v) => visitor.visit_f64(v),
            Buffered::Str(v) => visitor.visit_string(v),
            Buffered::Bytes(v) => visitor.visit_byte_buf(v),
            Buffered::Some(v) => visitor.visit_some(v.into_deserializer()),
            Buffered::Seq(v) => {
                let mut seq = SeqDeserializer::new(v.into_iter());
                let r = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(r)
            }
            Buffered::Map(v) => {
                let mut map = MapDeserializer::new(v.into_iter());
                let r = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(r)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Buffered::Unit => visitor.visit_none(),
            Buffered::Some(v) => visitor.visit_some(v.into_deserializer()),
            other => visitor.visit_some(other.into_deserializer()),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.0 {
            // A unit variant by its name, any other variant as a map of one entry.
            Buffered::Str(s) => visitor.visit_enum(s.into_deserializer()),
            Buffered::Map(v) => {
                de::value::MapAccessDeserializer::new(MapDeserializer::new(v.into_iter()))
                    .deserialize_enum(name, variants, visitor)
            }
            other => other.into_deserializer().deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The rest of a map once its leading fields are read: the entries met before them (held),
/// then those after them.
pub(crate) struct Rest<A> {
    held: std::vec::IntoIter<(String, Buffered)>,
    value: Option<Buffered>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.held.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(StringDeserializer::new(k)).map(Some)
            }
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(v.into_deserializer()),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// Reads the leading fields of a map whose other fields depend on them (the RopId of a ROP,
/// the handle index and ReturnValue of a ROP response, the StatusCode of a response body),
/// wherever they stand: `read` is called with the index in `keys` of each as it is found, and
/// reads its value. The other entries met before them are held; what is returned gives them
/// back, then the rest of the map.
pub(crate) fn leading<'de, A: MapAccess<'de>>(
    mut map: A,
    keys: &[&'static str],
    mut read: impl FnMut(usize, &mut A) -> Result<(), A::Error>,
) -> Result<Rest<A>, A::Error> {
    let mut seen = vec![false; keys.len()];
    let mut held = Vec::new();
    while seen.iter().any(|s| !s) {
        let Some(k) = map.next_key::<super::Key<'de>>()? else {
            let i = seen.iter().position(|s| !s).unwrap_or(0);
            return Err(de::Error::missing_field(keys[i]));
        };
        match keys.iter().position(|w| *w == k.as_str()) {
            Some(i) if seen[i] => return Err(de::Error::duplicate_field(keys[i])),
            Some(i) => {
                seen[i] = true;
                read(i, &mut map)?;
            }
            None => held.push((k.0.into_owned(), map.next_value::<Buffered>()?)),
        }
    }
    Ok(Rest {
        held: held.into_iter(),
        value: None,
        map,
    })
}
