//! The forms of the primitives that are not plain numbers: strings, GUID, FILETIME, floats,
//! the nonzero-is-TRUE Boolean.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::{hex_string, parse_hex, Key};
use crate::wire::{AnsiStr, AnsiZ16, Bool8, FileTime, Guid, Utf16Str};
use std::borrow::Cow;

/// Serializes `{"Hex": ".."}`: the exact bytes of a string that is not kept as text.
fn ser_hex_map<S: Serializer>(s: S, bytes: &[u8]) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry("Hex", &hex_string(bytes))?;
    m.end()
}

/// Reads `{"Hex": ".."}`.
fn de_hex_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Vec<u8>, A::Error> {
    let mut bytes = None;
    while let Some(k) = map.next_key::<Key<'de>>()? {
        if k.as_str() != "Hex" {
            return Err(de::Error::unknown_field(k.as_str(), &["Hex"]));
        }
        let text: String = map.next_value()?;
        let b = parse_hex(&text)
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(&text), &"hex"))?;
        bytes = Some(b);
    }
    bytes.ok_or_else(|| de::Error::missing_field("Hex"))
}

impl Serialize for Utf16Str<'_> {
    /// The text when the bytes are valid UTF-16 (then it encodes back to them), else
    /// `{"Hex": ".."}` with the UTF-16LE bytes.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.to_text() {
            Some(t) => s.serialize_str(&t),
            None => ser_hex_map(s, self.as_bytes()),
        }
    }
}

impl<'de> Deserialize<'de> for Utf16Str<'_> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<Utf16Str<'a>>);
        impl<'de, 'a> Visitor<'de> for V<'a> {
            type Value = Utf16Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a string, or {"Hex": ".."} with its UTF-16LE bytes"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Utf16Str::from_text(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let b = de_hex_map(map)?;
                Utf16Str::from_wire(&b)
                    .map(Utf16Str::into_owned)
                    .map_err(de::Error::custom)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl Serialize for AnsiStr<'_> {
    /// The text when every byte is ASCII (the same in every code page), else
    /// `{"Hex": ".."}` with the bytes.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self.as_bytes()) {
            Ok(t) if t.is_ascii() => s.serialize_str(t),
            _ => ser_hex_map(s, self.as_bytes()),
        }
    }
}

impl<'de> Deserialize<'de> for AnsiStr<'_> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<AnsiStr<'a>>);
        impl<'de, 'a> Visitor<'de> for V<'a> {
            type Value = AnsiStr<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an ASCII string, or {"Hex": ".."} with the 8-bit string's bytes"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if !v.is_ascii() {
                    return Err(E::custom(
                        r#"an 8-bit string's code page is not known here: write text beyond ASCII as {"Hex": ".."}"#,
                    ));
                }
                AnsiStr::from_vec(v.as_bytes().to_vec()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                AnsiStr::from_vec(de_hex_map(map)?).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl Serialize for AnsiZ16<'_> {
    /// The text without its terminator when the bytes are a terminated ASCII string, else
    /// `{"Hex": ".."}` with the wire bytes as sent (size 0, or a string without its NUL).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.text().map(std::str::from_utf8) {
            Some(Ok(t)) if t.is_ascii() && !self.is_empty() => s.serialize_str(t),
            _ => ser_hex_map(s, self.as_wire()),
        }
    }
}

impl<'de> Deserialize<'de> for AnsiZ16<'_> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<AnsiZ16<'a>>);
        impl<'de, 'a> Visitor<'de> for V<'a> {
            type Value = AnsiZ16<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    r#"an ASCII string (its terminator is added), or {"Hex": ".."} with the wire bytes"#,
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if !v.is_ascii() {
                    return Err(E::custom(
                        r#"an 8-bit string's code page is not known here: write text beyond ASCII as {"Hex": ".."}"#,
                    ));
                }
                AnsiZ16::new(v.as_bytes()).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(AnsiZ16::from_wire_as_sent(Cow::Owned(de_hex_map(map)?)))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl Serialize for Guid {
    /// The registry form, `{00020329-0000-0000-C000-000000000046}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A GUID in its registry form, the braces optional.
fn parse_guid(text: &str) -> Option<Guid> {
    let t = text.trim();
    let t = t
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(t);
    let parts: Vec<&str> = t.split('-').collect();
    let [a, b, c, d, e] = parts[..] else {
        return None;
    };
    let lens = [a.len(), b.len(), c.len(), d.len(), e.len()];
    if lens != [8, 4, 4, 4, 12] || !t.bytes().all(|x| x == b'-' || x.is_ascii_hexdigit()) {
        return None;
    }
    let data4 = parse_hex(&format!("{d}{e}"))?;
    Some(Guid::from_fields(
        u32::from_str_radix(a, 16).ok()?,
        u16::from_str_radix(b, 16).ok()?,
        u16::from_str_radix(c, 16).ok()?,
        data4.try_into().ok()?,
    ))
}

impl<'de> Deserialize<'de> for Guid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Guid;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GUID, {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Guid, E> {
                parse_guid(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for FileTime {
    /// ISO 8601 UTC to the 100 ns, `2008-09-10T13:24:45.1234567Z`: every FILETIME has one.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso8601())
    }
}

/// The FILETIME of `YYYY-MM-DDTHH:MM:SS[.fffffff]Z` (up to 7 fractional digits: a FILETIME
/// counts 100 ns).
fn parse_filetime(text: &str) -> Option<FileTime> {
    let t = text.trim().strip_suffix('Z')?;
    let (date, clock) = t.split_once('T')?;
    let mut d = date.rsplitn(3, '-');
    let (day, month, year) = (d.next()?, d.next()?, d.next()?);
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut c = hms.split(':');
    let (h, m, s) = (c.next()?, c.next()?, c.next()?);
    if c.next().is_some()
        || frac.len() > 7
        || ![year, month, day, h, m, s, frac]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        || [month, day, h, m, s].iter().any(|p| p.len() != 2)
        || year.len() < 4
    {
        return None;
    }
    let ticks: u32 = format!("{frac:0<7}").parse().ok()?;
    let date = time::Date::from_calendar_date(
        year.parse().ok()?,
        time::Month::try_from(month.parse::<u8>().ok()?).ok()?,
        day.parse().ok()?,
    )
    .ok()?;
    let clock = time::Time::from_hms_nano(
        h.parse().ok()?,
        m.parse().ok()?,
        s.parse().ok()?,
        ticks * 100,
    )
    .ok()?;
    FileTime::from_date_time(time::PrimitiveDateTime::new(date, clock).assume_utc())
}

impl<'de> Deserialize<'de> for FileTime {
    /// ISO 8601 UTC (as serialized), or the FILETIME's 64-bit value as a number.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FileTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UTC time, YYYY-MM-DDTHH:MM:SS.fffffffZ, or a FILETIME number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FileTime, E> {
                Ok(FileTime(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FileTime, E> {
                parse_filetime(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Bool8 {
    /// `true` or `false` for 0x01 and 0x00; the byte as a number otherwise, so that it
    /// stays as sent.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_canonical() {
            s.serialize_bool(self.get())
        } else {
            s.serialize_u8(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Bool8 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Bool8;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Boolean, or its byte as a number")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Bool8, E> {
                Ok(Bool8::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Bool8, E> {
                u8::try_from(v)
                    .map(Bool8)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Bool8, E> {
                u8::try_from(v)
                    .map(Bool8)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// A float: a number when finite, `0x` and the hex of its bits otherwise (so that every NaN
/// keeps its bits).
pub(crate) trait FloatForm: Copy + Sized {
    /// Hex digits of the bits.
    const DIGITS: usize;
    /// The bits.
    fn bits(self) -> u64;
    /// The value of `bits`, if they fit.
    fn from_bits_u64(bits: u64) -> Option<Self>;
    /// The value of a JSON number.
    fn from_f64(v: f64) -> Self;
    /// Whether it is finite.
    fn finite(self) -> bool;
    /// Serializes the number.
    fn ser_number<S: Serializer>(self, s: S) -> Result<S::Ok, S::Error>;
}

impl FloatForm for f32 {
    const DIGITS: usize = 8;
    fn bits(self) -> u64 {
        self.to_bits().into()
    }
    fn from_bits_u64(bits: u64) -> Option<Self> {
        u32::try_from(bits).ok().map(f32::from_bits)
    }
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn finite(self) -> bool {
        self.is_finite()
    }
    fn ser_number<S: Serializer>(self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f32(self)
    }
}

impl FloatForm for f64 {
    const DIGITS: usize = 16;
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn from_bits_u64(bits: u64) -> Option<Self> {
        Some(f64::from_bits(bits))
    }
    fn from_f64(v: f64) -> Self {
        v
    }
    fn finite(self) -> bool {
        self.is_finite()
    }
    fn ser_number<S: Serializer>(self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self)
    }
}

/// A float as [`FloatForm`] serializes it.
pub(crate) struct FloatOf<T>(pub(crate) T);

impl<T: FloatForm> Serialize for FloatOf<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.finite() {
            self.0.ser_number(s)
        } else {
            s.serialize_str(&format!("0x{:0w$X}", self.0.bits(), w = T::DIGITS))
        }
    }
}

impl<'de, T: FloatForm> Deserialize<'de> for FloatOf<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<T: FloatForm> Visitor<'_> for V<T> {
            type Value = FloatOf<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or 0x and the hex of a float's bits")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(FloatOf(T::from_f64(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(FloatOf(T::from_f64(v as f64)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(FloatOf(T::from_f64(v as f64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let bits = v
                    .strip_prefix("0x")
                    .or_else(|| v.strip_prefix("0X"))
                    .and_then(|h| u64::from_str_radix(h, 16).ok())
                    .and_then(T::from_bits_u64);
                bits.map(FloatOf)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// `#[serde(with = "float")]` for `f32` and `f64` fields.
pub(crate) mod float {
    use super::*;

    pub(crate) fn serialize<S: Serializer, T: FloatForm>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        FloatOf(*v).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: FloatForm>(
        d: D,
    ) -> Result<T, D::Error> {
        FloatOf::<T>::deserialize(d).map(|f| f.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_and_filetime_text_read_back() {
        // PS_MAPI, [MS-OXPROPS] 1.3.2.
        let g = Guid::from_fields(0x0002_0328, 0, 0, [0xC0, 0, 0, 0, 0, 0, 0, 0x46]);
        assert_eq!(
            parse_guid("{00020328-0000-0000-C000-000000000046}"),
            Some(g)
        );
        assert_eq!(parse_guid("00020328-0000-0000-c000-000000000046"), Some(g));
        assert_eq!(parse_guid("{00020328-0000-0000-C000-00000000004}"), None);
        assert_eq!(parse_guid("{+0020328-0000-0000-C000-000000000046}"), None);
        // 2000-02-29T12:00:00Z is 951825600 s after 1970; 1601 to 1970 is
        // 116444736000000000 ticks.
        let t = FileTime(116_444_736_000_000_000 + 951_825_600 * 10_000_000 + 1234567);
        assert_eq!(parse_filetime("2000-02-29T12:00:00.1234567Z"), Some(t));
        assert_eq!(parse_filetime("2000-02-29T12:00:00.12345678Z"), None);
        assert_eq!(parse_filetime("2000-02-30T12:00:00Z"), None);
        assert_eq!(parse_filetime("1600-12-31T23:59:59Z"), None);
        for ft in [0, 1, 0x01C9_1340_0DC5_7000, u64::MAX] {
            assert_eq!(
                parse_filetime(&FileTime(ft).to_iso8601()),
                Some(FileTime(ft))
            );
        }
    }
}
