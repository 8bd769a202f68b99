//! Serializing a struct's fields into a map that is already open: how a ROP's body follows
//! its RopId, and a response's fields its ReturnValue, in one JSON object.

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};

/// A serializer that adds the fields of a struct (or the entries of a map) to the open map
/// `M`; a unit (a layout with no fields) adds nothing. Anything else is an error.
pub(crate) struct Flat<'m, M>(pub(crate) &'m mut M);

/// The fields of one struct, going into the outer map.
pub(crate) struct FlatFields<'m, M>(&'m mut M);

fn not_flat<E: ser::Error>(what: &str) -> E {
    E::custom(format_args!(
        "a {what} cannot be flattened into the fields of a map"
    ))
}

macro_rules! refuse {
    ($($f:ident($($t:ty),*) => $what:literal;)*) => {$(
        fn $f(self, $(_: $t),*) -> Result<(), M::Error> {
            Err(not_flat($what))
        }
    )*};
}

impl<'m, M: SerializeMap> Serializer for Flat<'m, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = FlatFields<'m, M>;
    type SerializeStruct = FlatFields<'m, M>;
    type SerializeStructVariant = Impossible<(), M::Error>;

    refuse! {
        serialize_bool(bool) => "boolean";
        serialize_i8(i8) => "number";
        serialize_i16(i16) => "number";
        serialize_i32(i32) => "number";
        serialize_i64(i64) => "number";
        serialize_u8(u8) => "number";
        serialize_u16(u16) => "number";
        serialize_u32(u32) => "number";
        serialize_u64(u64) => "number";
        serialize_f32(f32) => "number";
        serialize_f64(f64) => "number";
        serialize_char(char) => "character";
        serialize_str(&str) => "string";
        serialize_bytes(&[u8]) => "byte string";
        serialize_unit_variant(&'static str, u32, &'static str) => "unit variant";
    }

    fn serialize_none(self) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), M::Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), M::Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(variant, v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(not_flat("list"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(not_flat("tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(not_flat("tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(not_flat("tuple"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Ok(FlatFields(self.0))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, M::Error> {
        Ok(FlatFields(self.0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(not_flat("struct variant"))
    }
}

impl<M: SerializeMap> SerializeMap for FlatFields<'_, M> {
    type Ok = ();
    type Error = M::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.0.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), M::Error> {
        self.0.serialize_value(v)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<M: SerializeMap> SerializeStruct for FlatFields<'_, M> {
    type Ok = ();
    type Error = M::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, v)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}
