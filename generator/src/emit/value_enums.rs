//! The enums of values in the `types` module (string, integer and mixed-JSON enums): each is
//! open (an `Unknown` variant keeps a value the spec does not list), knows its values (`KNOWN`),
//! converts to and from its wire value and its text, and compares by its wire value.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::syntax::ident;
use crate::ir::{IntVariant, MixedVariant, Variant};

fn variant_doc(doc: Option<&str>, wire: &str) -> TokenStream {
    let text = match doc {
        Some(doc) if !doc.is_empty() => format!("`{wire}`: {doc}"),
        _ => format!("`{wire}`"),
    };
    doc_attrs(Some(&text))
}

/// The enum itself: a variant per known value (documented by `docs`), then `unknown` holding a
/// value the spec does not list.
fn open_enum(
    doc: &TokenStream,
    name: &Ident,
    derives: TokenStream,
    docs: impl Iterator<Item = TokenStream>,
    names: &[Ident],
    unknown: &Ident,
    payload: TokenStream,
) -> TokenStream {
    quote! {
        #doc
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #names, )*
            #[doc = " A value this client does not know (yet), kept as it was sent."]
            #unknown(#payload),
        }
    }
}

/// A string enum. Enums of values are `#[non_exhaustive]` although they keep unknown values:
/// vendors add values (Zoom adds plans), and a regenerated client that knows one more variant
/// must not break a user's exhaustive `match` (smithy-rs's SDKs make the same choice).
///
/// Equality and hashing go by the value on the wire, written out rather than derived: an
/// `Unknown("FLEXIBLE")` that a user built is the value `Flexible` as sent, so the two are equal
/// (a derive told them apart, and code written against a client that did not know `FLEXIBLE`
/// would stop matching once a regenerated one does). The written impls are also cheaper to
/// rebuild than derived ones (ARCHITECTURE.md). The small conversions are `#[inline]`: they are
/// called from users' crates.
pub fn string_enum(doc: &TokenStream, name: &Ident, variants: &[Variant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.wire));
    let item = open_enum(doc, name, quote!(Debug, Clone), docs, &names, unknown, quote!(String));
    let compared = compared_by_wire_value(name, &format_ident!("as_str"), "text");
    quote! {
        #item

        impl #name {
            #[doc = " Every value this client knows, in the spec's order."]
            pub const KNOWN: &[Self] = &[ #( Self::#names ),* ];

            #[doc = " The value as it travels on the wire."]
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #wires, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#names, )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #compared
    }
}

pub fn int_enum(doc: &TokenStream, name: &Ident, variants: &[IntVariant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<i64> = variants.iter().map(|v| v.value).collect();
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.value.to_string()));
    let item = open_enum(doc, name, quote!(Debug, Clone, Copy), docs, &names, unknown, quote!(i64));
    let compared = compared_by_wire_value(name, &format_ident!("value"), "number");
    quote! {
        #item

        impl #name {
            #[doc = " Every value this client knows, in the spec's order."]
            pub const KNOWN: &[Self] = &[ #( Self::#names ),* ];

            #[doc = " The value as it travels on the wire."]
            #[inline]
            pub fn value(self) -> i64 {
                match self {
                    #( Self::#names => #values, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<i64> for #name {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#names, )*
                    other => Self::#unknown(other),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::num::ParseIntError;

            #[inline]
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                value.parse::<i64>().map(Self::from)
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        #compared
    }
}

/// `PartialEq`, `Eq` and `Hash` by the value on the wire, `self.#accessor()`: an `Unknown`
/// holding a known value's wire form is that value.
fn compared_by_wire_value(name: &Ident, accessor: &Ident, travels_as: &str) -> TokenStream {
    let doc = format!(" Equal when they travel as the same {travels_as}, an unknown value included.");
    quote! {
        #[doc = #doc]
        impl PartialEq for #name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.#accessor() == other.#accessor()
            }
        }

        impl Eq for #name {}

        impl std::hash::Hash for #name {
            #[inline]
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                std::hash::Hash::hash(&self.#accessor(), state);
            }
        }
    }
}

/// An enum of values of several JSON types: each variant stands for one literal, compared as
/// JSON (so `1` and `"1"` are different values, as they are on the wire).
pub fn mixed_enum(doc: &TokenStream, name: &Ident, variants: &[MixedVariant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let scalars: Vec<TokenStream> = variants.iter().map(|v| scalar_literal(&v.value)).collect();
    let literals = scalars.iter().map(|scalar| quote!(serde_json::Value::from(#scalar)));
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.value.to_string()));
    let texts = variants.iter().map(|v| match &v.value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    });
    let item = open_enum(doc, name, quote!(Debug, Clone), docs, &names, unknown, quote!(serde_json::Value));
    quote! {
        #item

        impl #name {
            #[doc = " Every value this client knows, in the spec's order."]
            pub const KNOWN: &[Self] = &[ #( Self::#names ),* ];

            #[doc = " The value as it travels on the wire."]
            pub fn value(&self) -> serde_json::Value {
                match self {
                    #( Self::#names => #literals, )*
                    Self::#unknown(value) => value.clone(),
                }
            }
        }

        impl From<serde_json::Value> for #name {
            fn from(value: serde_json::Value) -> Self {
                #( if value == #scalars { return Self::#names; } )*
                Self::#unknown(value)
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            #[doc = " The value whose text (as `Display` writes it) this is; other text is kept as a JSON string."]
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                #( if value == #texts { return Ok(Self::#names); } )*
                Ok(Self::#unknown(serde_json::Value::String(value.to_owned())))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.value() {
                    serde_json::Value::String(text) => f.write_str(&text),
                    other => write!(f, "{other}"),
                }
            }
        }

        #[doc = " Equal when they travel as the same JSON value, an unknown value included."]
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                self.value() == other.value()
            }
        }
    }
}

/// A JSON scalar as a Rust literal (`serde_json::Value` converts from and compares with each).
fn scalar_literal(value: &serde_json::Value) -> TokenStream {
    match value {
        serde_json::Value::Bool(b) => quote!(#b),
        serde_json::Value::String(s) => quote!(#s),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => quote!(#i),
            (None, Some(u)) => quote!(#u),
            // `enum_values` admits only scalars, and a JSON number is an i64, a u64 or an f64.
            _ => {
                let f = n.as_f64().unwrap_or_default();
                quote!(#f)
            }
        },
        _ => quote!(()),
    }
}
