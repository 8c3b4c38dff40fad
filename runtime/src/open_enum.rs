//! Open enumerations: the values a spec lists, plus `Unknown` for any other.
//!
//! Generated code writes each enum and its [`OpenEnum`] impl (the variant table),
//! then [`open_enum!`](macro@crate::open_enum) for the conversions, which call this module:
//! the algorithms (lookup, serde, display) live here once, not in each generated type.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// The variant table of an open enum; see [`open_enum!`](macro@crate::open_enum).
pub trait OpenEnum: UnknownValue {
    /// Every value the spec lists, in spec order.
    const KNOWN: &'static [&'static str];
    /// The wire value of a known variant, or the kept text of `Unknown`.
    fn as_str(&self) -> &str;
    /// The known variant for a wire value, if the spec lists it.
    fn from_known(value: &str) -> Option<Self>;
}

/// The `Unknown(String)` variant of an open enum; [`open_enum!`](macro@crate::open_enum)
/// implements it.
pub trait UnknownValue: Sized {
    /// Wraps a value the spec does not list.
    fn unknown(value: String) -> Self;
    /// The kept text, if this is `Unknown`.
    fn unknown_value(&self) -> Option<&str>;
}

/// A wire value as an enum: the known variant, or `Unknown` holding a copy.
pub fn from_str<E: OpenEnum>(value: &str) -> E {
    E::from_known(value).unwrap_or_else(|| E::unknown(value.to_owned()))
}

/// Like [`from_str`], reusing the string's allocation for `Unknown`.
pub fn from_string<E: OpenEnum>(value: String) -> E {
    E::from_known(&value).unwrap_or_else(|| E::unknown(value))
}

/// The wire value as an owned string.
pub fn into_string<E: OpenEnum>(value: E) -> String {
    value.as_str().to_owned()
}

/// Serializes the wire value.
pub fn serialize<E: OpenEnum, S: serde::Serializer>(value: &E, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.as_str())
}

/// Deserializes from a JSON string; a known value is matched without allocating.
pub fn deserialize<'de, E: OpenEnum, D: Deserializer<'de>>(d: D) -> Result<E, D::Error> {
    struct V<E>(PhantomData<E>);
    impl<E: OpenEnum> Visitor<'_> for V<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(from_str(v))
        }
        fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
            Ok(from_string(v))
        }
    }
    d.deserialize_str(V(PhantomData))
}

/// Gives an enum that implements [`OpenEnum`] what generated code promises of an open
/// enum: inherent `KNOWN`, `as_str` and `is_known`; `From<&str>`, `From<String>`,
/// `Into<String>`, `FromStr`, `AsRef<str>`, `Display` and serde as the wire string.
///
/// Generated code writes the enum (`#[non_exhaustive]`, with an
/// `Unknown(String)` variant) and its `OpenEnum` impl, the variant table a reviewer
/// reads, then `open_enum!(Name);` for the rest.
///
/// ```
/// use specbind_runtime::open_enum::OpenEnum;
///
/// #[derive(Debug, Clone, PartialEq, Eq, Hash)]
/// #[non_exhaustive]
/// pub enum PrincipalType {
///     User,
///     Unknown(String),
/// }
/// impl OpenEnum for PrincipalType {
///     const KNOWN: &'static [&'static str] = &["User"];
///     fn as_str(&self) -> &str {
///         match self {
///             Self::User => "User",
///             Self::Unknown(value) => value,
///         }
///     }
///     fn from_known(value: &str) -> Option<Self> {
///         (value == "User").then_some(Self::User)
///     }
/// }
/// specbind_runtime::open_enum!(PrincipalType);
///
/// assert_eq!(PrincipalType::from("User"), PrincipalType::User);
/// assert_eq!(PrincipalType::from("Role").as_str(), "Role");
/// assert!(!PrincipalType::from("Role").is_known());
/// ```
#[macro_export]
macro_rules! open_enum {
    ($name:ident) => {
        impl $crate::open_enum::UnknownValue for $name {
            fn unknown(value: ::std::string::String) -> Self {
                Self::Unknown(value)
            }
            fn unknown_value(&self) -> ::std::option::Option<&str> {
                match self {
                    Self::Unknown(value) => ::std::option::Option::Some(value),
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl $name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN: &'static [&'static str] = <Self as $crate::open_enum::OpenEnum>::KNOWN;

            /// The wire value.
            pub fn as_str(&self) -> &str {
                $crate::open_enum::OpenEnum::as_str(self)
            }

            /// Whether the spec lists this value.
            pub fn is_known(&self) -> bool {
                $crate::open_enum::UnknownValue::unknown_value(self).is_none()
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $crate::open_enum::from_str(value)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                $crate::open_enum::from_string(value)
            }
        }

        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                $crate::open_enum::into_string(value)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                ::std::result::Result::Ok($crate::open_enum::from_str(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                $crate::open_enum::OpenEnum::as_str(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::open_enum::OpenEnum::as_str(self))
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::open_enum::serialize(self, s)
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::open_enum::deserialize(d)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::OpenEnum;

    /// `Err` must not clash with `FromStr::Err`; `0x1F` keeps its text.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Odd {
        Err,
        Hex,
        Unknown(String),
    }

    impl OpenEnum for Odd {
        const KNOWN: &'static [&'static str] = &["Err", "0x1F"];
        fn as_str(&self) -> &str {
            match self {
                Self::Err => "Err",
                Self::Hex => "0x1F",
                Self::Unknown(value) => value,
            }
        }
        fn from_known(value: &str) -> Option<Self> {
            match value {
                "Err" => Some(Self::Err),
                "0x1F" => Some(Self::Hex),
                _ => None,
            }
        }
    }

    crate::open_enum!(Odd);

    #[test]
    fn conversions_round_trip() {
        assert_eq!(Odd::from("Err"), Odd::Err);
        assert_eq!("0x1F".parse::<Odd>().unwrap(), Odd::Hex);
        assert_eq!(Odd::Hex.to_string(), "0x1F");
        assert_eq!(String::from(Odd::from("x")), "x");
        assert_eq!(Odd::from(String::from("y")), Odd::Unknown("y".into()));
        assert_eq!(Odd::KNOWN, ["Err", "0x1F"]);
        assert!(Odd::Err.is_known() && !Odd::from("z").is_known());
        assert_eq!(serde_json::to_string(&Odd::Hex).unwrap(), "\"0x1F\"");
        let back: Vec<Odd> = serde_json::from_str(r#"["Err","new"]"#).unwrap();
        assert_eq!(back, [Odd::Err, Odd::Unknown("new".into())]);
        assert!(serde_json::from_str::<Odd>("31").is_err());
        assert_eq!(Odd::Hex.as_ref(), "0x1F");
    }
}
