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
//!
//! Alibaba parameters with a `style` travel as one string: [`AsJsonString`] (style
//! `json`) and [`Joined`] (style `simple`) write that string from the field's value, and
//! [`read_json_or_value`] and [`read_joined`] read either the string or the value back.

use std::fmt::{self, Display, Write as _};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
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

/// Serializes a value as the string holding its compact JSON text: Alibaba's
/// `style: json`, e.g. a list `["a","b"]` goes on the wire as `Key=["a","b"]`.
///
/// ```
/// use specbind_runtime::object::AsJsonString;
///
/// let v = serde_json::to_value(AsJsonString(&vec!["a", "b"])).unwrap();
/// assert_eq!(v, serde_json::json!(r#"["a","b"]"#));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct AsJsonString<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for AsJsonString<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(self.0).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

/// Serializes a list as one string, its items' [`Display`] forms joined with `,`:
/// Alibaba's `style: simple`. Strings, integers, floats and open enums display as their
/// wire text. Items are not escaped, as the vendor's SDKs do not escape them either.
///
/// ```
/// use specbind_runtime::object::Joined;
///
/// let ids = vec![3_i64, 5];
/// assert_eq!(serde_json::to_string(&Joined(&ids)).unwrap(), r#""3,5""#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Joined<'a, T>(pub &'a [T]);

impl<T: Display> Serialize for Joined<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut text = String::new();
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            // Writing to a String cannot fail.
            let _ = write!(text, "{item}");
        }
        s.serialize_str(&text)
    }
}

/// Reads a member sent with Alibaba's `style: json`, for [`Object::read_field`]: a
/// string holding the value's JSON text, or the value itself. A string that is not JSON
/// for `T` is tried as the value (so a plain `String` field accepts `abc` and `"abc"`).
pub fn read_json_or_value<'de, A: MapAccess<'de>, T: DeserializeOwned>(
    map: &mut A,
) -> Result<T, A::Error> {
    // Rare (request decoding, examples): going through a `Value` keeps this short.
    let value: serde_json::Value = map.next_value()?;
    let text = match value {
        serde_json::Value::String(text) => text,
        value => return T::deserialize(value).map_err(de::Error::custom),
    };
    let from_text = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(de::Error::custom)
        .and_then(T::deserialize);
    match from_text {
        Ok(v) => Ok(v),
        Err(text_error) => T::deserialize(serde_json::Value::String(text))
            .map_err(|_: serde_json::Error| de::Error::custom(text_error)),
    }
}

/// Reads a list sent with Alibaba's `style: simple`, for [`Object::read_field`]: a
/// string of items joined with `,` (each parsed with [`FromStr`]; the empty string is
/// the empty list), a JSON list, or `null`/absent (the empty list).
pub fn read_joined<'de, A, T>(map: &mut A) -> Result<Vec<T>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de> + FromStr,
    T::Err: Display,
{
    map.next_value_seed(JoinedSeed(PhantomData))
}

struct JoinedSeed<T>(PhantomData<T>);

impl<'de, T> DeserializeSeed<'de> for JoinedSeed<T>
where
    T: Deserialize<'de> + FromStr,
    T::Err: Display,
{
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T> Visitor<'de> for JoinedSeed<T>
where
    T: Deserialize<'de> + FromStr,
    T::Err: Display,
{
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list or a string of items joined with `,`")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        v.split(',')
            .map(|item| {
                item.parse()
                    .map_err(|e| E::custom(format_args!("list item `{item}`: {e}")))
            })
            .collect()
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(out)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
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

    /// A request with the two Alibaba styles, as generated code writes it.
    #[derive(Debug, Default, PartialEq)]
    struct Styled {
        tags: Option<Vec<Tag>>,
        ids: Vec<i64>,
        names: Vec<String>,
        kinds: Vec<Kind>,
        note: Option<String>,
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Tag {
        #[serde(rename = "Key")]
        key: String,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Kind {
        User,
        Unknown(String),
    }

    impl crate::open_enum::OpenEnum for Kind {
        const KNOWN: &'static [&'static str] = &["User"];
        fn as_str(&self) -> &str {
            match self {
                Self::User => "User",
                Self::Unknown(value) => value,
            }
        }
        fn from_known(value: &str) -> Option<Self> {
            (value == "User").then_some(Self::User)
        }
    }
    crate::open_enum!(Kind);

    impl Object for Styled {
        const NAME: &'static str = "Styled";
        const FIELDS: &'static [&'static str] = &["Tags", "Ids", "Names", "Kinds", "Note"];
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => self.tags = read_json_or_value(map)?,
                1 => self.ids = read_joined(map)?,
                2 => self.names = read_joined(map)?,
                3 => self.kinds = read_joined(map)?,
                4 => self.note = read_json_or_value(map)?,
                _ => skip(map)?,
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Styled {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    impl Serialize for Styled {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut w = Writer::new(s, "Styled", 5)?;
            w.opt("Tags", &self.tags.as_ref().map(AsJsonString))?;
            w.field("Ids", &Joined(&self.ids))?;
            w.field("Names", &Joined(&self.names))?;
            w.field("Kinds", &Joined(&self.kinds))?;
            w.opt("Note", &self.note.as_ref().map(AsJsonString))?;
            w.end()
        }
    }

    fn styled() -> Styled {
        Styled {
            tags: Some(vec![Tag { key: "a b".into() }]),
            ids: vec![1, -2],
            names: vec!["x".into(), "y z".into()],
            kinds: vec![Kind::User, Kind::Unknown("Group".into())],
            note: Some("hi".into()),
        }
    }

    #[test]
    fn styles_write_one_string_each() {
        let v = serde_json::to_value(styled()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "Tags": r#"[{"Key":"a b"}]"#,
                "Ids": "1,-2",
                "Names": "x,y z",
                "Kinds": "User,Group",
                "Note": r#""hi""#,
            })
        );
        let empty = serde_json::to_value(Joined::<i64>(&[])).unwrap();
        assert_eq!(empty, serde_json::json!(""));
        let floats = serde_json::to_value(Joined(&[1.5_f64, 2.0])).unwrap();
        assert_eq!(floats, serde_json::json!("1.5,2"));
        let map = std::collections::BTreeMap::from([("b", 1), ("a", 2)]);
        let text = serde_json::to_value(AsJsonString(&map)).unwrap();
        assert_eq!(text, serde_json::json!(r#"{"a":2,"b":1}"#));
    }

    #[test]
    fn styles_read_back_from_the_string_or_the_value() {
        let wire = serde_json::to_string(&styled()).unwrap();
        assert_eq!(serde_json::from_str::<Styled>(&wire).unwrap(), styled());
        let plain: Styled = serde_json::from_str(
            r#"{"Tags":[{"Key":"a b"}],"Ids":[1,-2],"Names":["x","y z"],
                "Kinds":["User","Group"],"Note":"hi"}"#,
        )
        .unwrap();
        assert_eq!(plain, styled());
        let empty: Styled =
            serde_json::from_str(r#"{"Tags":null,"Ids":"","Names":null,"Note":"123"}"#).unwrap();
        assert_eq!(
            empty,
            Styled {
                note: Some("123".into()),
                ..Styled::default()
            }
        );
    }

    #[test]
    fn styles_reject_what_does_not_fit() {
        let e = serde_json::from_str::<Styled>(r#"{"Ids":"1,x"}"#).unwrap_err();
        assert!(e.to_string().contains("list item `x`"), "{e}");
        let e = serde_json::from_str::<Styled>(r#"{"Ids":["1"]}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        let e = serde_json::from_str::<Styled>(r#"{"Tags":"[{\"Key\":1}]"}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        assert!(serde_json::from_str::<Styled>(r#"{"Tags":"nope"}"#).is_err());
        assert!(serde_json::from_str::<Styled>(r#"{"Tags":7}"#).is_err());
        assert!(serde_json::from_str::<Styled>(r#"{"Ids":7}"#).is_err());
    }

    #[test]
    fn wide_structs_track_required_fields() {
        let mut seen = Seen::new(100);
        seen.set(99);
        assert!(seen.get(99) && !seen.get(3) && !seen.get(1000));
    }
}
