//! serde for generated structs, written once here instead of derived per type.
//!
//! A derived `Deserialize` expands to a field enum, a sequence visitor and a map
//! visitor per struct; across a service's hundreds of types that expansion is most of
//! the generated crate's compile time. Generated code instead implements [`Object`]
//! (the wire names and one `match` arm per field) and calls [`deserialize`]; its
//! `Serialize` writes one [`Writer`] call per field.
//!
//! Decoding follows what the vendors' SDKs accept: unknown members are skipped, `null`
//! reads as an absent optional value, and a member listed more than once keeps its
//! last value. A member listed in [`Object::REQUIRED`] must be present.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// A generated struct's shape, for [`deserialize`].
pub trait Object: Default {
    /// The Rust type name, for messages.
    const NAME: &'static str;
    /// The wire name of each field, in declaration order.
    const FIELDS: &'static [&'static str];
    /// Indices into [`FIELDS`](Self::FIELDS) of members that must be present.
    const REQUIRED: &'static [usize] = &[];
    /// Reads the value of field `index` from `map` into `self`.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// Deserializes a JSON object into `T`: see the module docs.
pub fn deserialize<'de, D: Deserializer<'de>, T: Object>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(PhantomData))
}

/// Consumes and ignores a member's value; for [`Object::read_field`] on an index it
/// does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A list the server may send as `null` or leave out (both read as empty); for
/// [`Object::read_field`].
pub fn read_list<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
) -> Result<Vec<T>, A::Error> {
    Ok(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default())
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({})", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        let mut seen = Seen::new(T::FIELDS.len());
        // Members usually arrive in declaration order: start each lookup after the
        // last match, so a typical object costs one comparison per member.
        let mut next = 0;
        while let Some(found) = map.next_key_seed(KeySeed {
            fields: T::FIELDS,
            start: next,
        })? {
            match found {
                Some(i) => {
                    out.read_field(i, &mut map)?;
                    seen.set(i);
                    next = i + 1;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        for &i in T::REQUIRED {
            if !seen.get(i) {
                return Err(de::Error::missing_field(T::FIELDS[i]));
            }
        }
        Ok(out)
    }
}

/// Which fields were read: a word for the usual struct, a vector for wide ones.
enum Seen {
    Small(u64),
    Wide(Vec<bool>),
}

impl Seen {
    fn new(n: usize) -> Self {
        if n <= 64 {
            Seen::Small(0)
        } else {
            Seen::Wide(vec![false; n])
        }
    }
    fn set(&mut self, i: usize) {
        match self {
            Seen::Small(bits) => *bits |= 1 << i,
            Seen::Wide(v) => v[i] = true,
        }
    }
    fn get(&self, i: usize) -> bool {
        match self {
            Seen::Small(bits) => bits & (1 << i) != 0,
            Seen::Wide(v) => v.get(i).copied().unwrap_or(false),
        }
    }
}

/// Reads a member name without allocating and maps it to a field index.
struct KeySeed {
    fields: &'static [&'static str],
    start: usize,
}

impl KeySeed {
    fn find(&self, key: &str) -> Option<usize> {
        let n = self.fields.len();
        (0..n)
            .map(|k| (self.start + k) % n)
            .find(|&i| self.fields[i] == key)
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.find(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(v).ok().and_then(|s| self.find(s)))
    }
}

/// Writes a generated struct as a JSON object, member by member.
pub struct Writer<S: Serializer>(S::SerializeStruct);

impl<S: Serializer> Writer<S> {
    /// Starts an object of `len` members at most.
    pub fn new(s: S, name: &'static str, len: usize) -> Result<Self, S::Error> {
        s.serialize_struct(name, len).map(Writer)
    }

    /// Writes a member that is always present.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, value)
    }

    /// Writes an optional member, leaving it out when `None`.
    pub fn opt<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(v) => self.0.serialize_field(key, v),
            None => self.0.skip_field(key),
        }
    }

    /// Finishes the object.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Task {
        id: String,
        count: Option<i64>,
        tags: Vec<String>,
    }

    impl Object for Task {
        const NAME: &'static str = "Task";
        const FIELDS: &'static [&'static str] = &["TaskId", "Count", "Tags"];
        const REQUIRED: &'static [usize] = &[0];
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => self.id = map.next_value()?,
                1 => self.count = map.next_value()?,
                2 => self.tags = read_list(map)?,
                _ => skip(map)?,
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Task {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    impl Serialize for Task {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut w = Writer::new(s, "Task", 3)?;
            w.field("TaskId", &self.id)?;
            w.opt("Count", &self.count)?;
            w.field("Tags", &self.tags)?;
            w.end()
        }
    }

    #[test]
    fn reads_in_any_order_skipping_unknown_members() {
        let t: Task =
            serde_json::from_str(r#"{"Tags":null,"Extra":{"a":[1]},"Count":3,"TaskId":"t"}"#)
                .unwrap();
        assert_eq!(
            t,
            Task {
                id: "t".into(),
                count: Some(3),
                tags: vec![]
            }
        );
        let t: Task = serde_json::from_str(r#"{"TaskId":"t","Count":null}"#).unwrap();
        assert_eq!(t.count, None);
    }

    #[test]
    fn required_members_and_types_are_checked() {
        let e = serde_json::from_str::<Task>(r#"{"Count":1}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `TaskId`"), "{e}");
        let e = serde_json::from_str::<Task>(r#"{"TaskId":"t","Count":"x"}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        assert!(serde_json::from_str::<Task>("[1,2]").is_err());
        assert!(serde_json::from_str::<Task>("null").is_err());
    }

    #[test]
    fn writes_wire_names_and_skips_none() {
        let t = Task {
            id: "t".into(),
            count: None,
            tags: vec!["a".into()],
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"TaskId":"t","Tags":["a"]}"#
        );
        let back: Task = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn wide_structs_track_required_fields() {
        let mut seen = Seen::new(100);
        seen.set(99);
        assert!(seen.get(99) && !seen.get(3) && !seen.get(1000));
    }
}
