//! How generated types travel on the wire: their `Serialize` and `Deserialize` impls, written
//! out rather than derived.
//!
//! serde's derive expands each object into a field enum, a sequence visitor and private helpers;
//! expanding and re-checking that made up most of a generated crate's rebuild. The impls here are
//! what a person would write for JSON, with the shared parts in `clientgen_runtime::wire`, and
//! keep the derive's behaviour there (see that module).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::print::ModuleParts;
use super::syntax::{derives_default, field_type, ident, impls_module, rust_type, Import};
use crate::ir::{Api, Field, StatusVariant, TypeDef, TypeKind, TypeRef, TypeTable, UnionVariant};

/// The generated `wire` module: the serde impls of every type in `types` (and how a response
/// whose body depends on its status is read).
pub fn module(api: &Api) -> ModuleParts<'_> {
    let doc = " How the types travel as JSON: their serde impls, written out rather than derived.";
    // The traits whose methods an object's `Serialize` calls (see `serialize_object`).
    let imports = [
        Import {
            item: || quote! { use serde::ser::SerializeStruct as _; },
            used_by: |def, _| object_traits(def).is_some_and(|traits| traits.fixed_keys),
        },
        Import {
            item: || quote! { use serde::ser::SerializeMap as _; },
            used_by: |def, _| object_traits(def).is_some_and(|traits| !traits.fixed_keys),
        },
        Import {
            item: || quote! { use clientgen_runtime::wire::OptionalField as _; },
            used_by: |def, _| object_traits(def).is_some_and(|traits| traits.fixed_keys && traits.optional),
        },
        Import {
            item: || quote! { use clientgen_runtime::wire::OptionalEntry as _; },
            used_by: |def, _| object_traits(def).is_some_and(|traits| !traits.fixed_keys && traits.optional),
        },
    ];
    impls_module(api, doc, travels, type_impls, &imports)
}

/// Whether a type travels as JSON: aliases (their target does), parameter structs and form
/// bodies never do.
fn travels(def: &TypeDef, _: &TypeTable) -> bool {
    !matches!(def.kind, TypeKind::Alias(_) | TypeKind::Params(..) | TypeKind::Form(_))
}

/// What an object's `Serialize` is written with.
struct ObjectTraits {
    /// `SerializeStruct` (a fixed set of keys) or, with additional properties, `SerializeMap`.
    fixed_keys: bool,
    /// Some field is left out when `None` (`OptionalField`, or `OptionalEntry` for a map).
    optional: bool,
}

/// The [`ObjectTraits`] of a struct with fields or additional properties.
fn object_traits(def: &TypeDef) -> Option<ObjectTraits> {
    let TypeKind::Struct(s) = &def.kind else { return None };
    if s.fields.is_empty() && s.additional.is_none() {
        return None;
    }
    Some(ObjectTraits { fixed_keys: s.additional.is_none(), optional: s.fields.iter().any(|f| !f.required) })
}

/// The wire impls of a type that [`travels`].
fn type_impls(def: &TypeDef, _: &TypeTable) -> TokenStream {
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => object_impls(&def.name, &s.fields, s.additional.as_ref()),
        TypeKind::Enum { .. } => string_enum(&name),
        TypeKind::IntEnum { .. } => int_enum(&name),
        TypeKind::MixedEnum { .. } => mixed_enum(&name),
        TypeKind::Union(variants) => {
            let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
            let serialize = serialize_union(&name, &names);
            let deserialize = deserialize_union(&name, &names);
            quote! { #serialize #deserialize }
        }
        TypeKind::Tagged { property, variants, mapping, unknown } => {
            tagged(&name, property, variants, mapping, &ident(unknown))
        }
        TypeKind::ByStatus(variants) => from_response(&name, variants),
        TypeKind::Alias(_) | TypeKind::Params(..) | TypeKind::Form(_) => TokenStream::new(),
    }
}

/// A string enum travels as its wire text; text it does not know is kept.
fn string_enum(name: &Ident) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                clientgen_runtime::wire::deserialize_string_enum(deserializer)
            }
        }
    }
}

fn int_enum(name: &Ident) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

fn mixed_enum(name: &Ident) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <serde_json::Value as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// A discriminated union: serialized as its variant, deserialized by the discriminator's value;
/// a value the spec does not map is kept as JSON.
fn tagged(
    name: &Ident,
    property: &str,
    variants: &[UnionVariant],
    mapping: &[(String, String)],
    unknown: &Ident,
) -> TokenStream {
    let dispatch = mapping.iter().map(|(value, variant_name)| {
        let variant = ident(variant_name);
        let boxed = variants.iter().find(|v| &v.name == variant_name).is_some_and(|v| v.boxed);
        let wrap = if boxed { quote!(|v| Self::#variant(Box::new(v))) } else { quote!(Self::#variant) };
        quote! { Some(#value) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom), }
    });
    let all: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).chain([unknown.clone()]).collect();
    let serialize = serialize_union(name, &all);
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #( #dispatch )*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }

        #serialize
    }
}

/// `Serialize` and `Deserialize` for an object with `fields`, plus `additional` properties
/// (a map of whatever the schema does not name) when the schema allows them.
fn object_impls(name: &str, fields: &[Field], additional: Option<&TypeRef>) -> TokenStream {
    let serialize = serialize_object(name, fields, additional.is_some());
    let deserialize = deserialize_object(name, fields, additional);
    quote! { #serialize #deserialize }
}

/// A local name for the map access or the key that no field's slot can take:
/// field names are snake case, and only keywords get a trailing underscore.
fn free_local(wanted: &str, fields: &[Field]) -> Ident {
    if fields.iter().any(|f| f.name == wanted) {
        format_ident!("{}_", wanted)
    } else {
        format_ident!("{}", wanted)
    }
}

fn serialize_object(name: &str, fields: &[Field], additional: bool) -> TokenStream {
    let type_name = ident(name);
    if fields.is_empty() && !additional {
        return quote! {
            impl serde::Serialize for #type_name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serde::ser::SerializeStruct::end(serializer.serialize_struct(#name, 0)?)
                }
            }
        };
    }
    // Fields are read through `self`, so no field can take the state's name.
    let state = format_ident!("object");
    // An object with additional properties has no fixed set of keys: it is a map, as serde's
    // `flatten` makes it.
    // Their traits are imported at the head of the module (`ObjectTraits`).
    let (begin, put, optional) = if additional {
        (quote!(serializer.serialize_map(None)?), quote!(serialize_entry), quote!(optional_entry))
    } else {
        let count = proc_macro2::Literal::usize_unsuffixed(fields.len());
        (quote!(serializer.serialize_struct(#name, #count)?), quote!(serialize_field), quote!(optional_field))
    };
    let int64 = quote!(clientgen_runtime::int64_string::Int64);
    let puts = fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = &f.wire_name;
        let is_int64 = f.ty == TypeRef::I64AsString;
        let put = match (f.required, f.is_optional(), is_int64) {
            // Left out when `None`.
            (false, _, false) => quote! { #state.#optional(#wire, &self.#field)?; },
            (false, _, true) => quote! { #state.#optional(#wire, &self.#field.map(#int64))?; },
            // Required and nullable: `null` when `None`.
            (true, true, true) => quote! { #state.#put(#wire, &self.#field.map(#int64))?; },
            (true, false, true) => quote! { #state.#put(#wire, &#int64(self.#field))?; },
            (true, _, false) => quote! { #state.#put(#wire, &self.#field)?; },
        };
        // The server sets it: a request body leaves it out, so a fetched value can be sent back.
        if f.read_only {
            quote! { if !clientgen_runtime::wire::in_request() { #put } }
        } else {
            put
        }
    });
    let rest = additional.then(|| {
        quote! {
            for (key, value) in &self.additional_properties { #state.serialize_entry(key, value)?; }
        }
    });
    quote! {
        impl serde::Serialize for #type_name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut #state = #begin;
                #( #puts )*
                #rest
                #state.end()
            }
        }
    }
}

fn deserialize_object(name: &str, fields: &[Field], additional: Option<&TypeRef>) -> TokenStream {
    let type_name = ident(name);
    let from_fields = if derives_default(fields) && !fields.is_empty() {
        fill_default(fields, additional.is_some())
    } else {
        fill_slots(fields, additional)
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #type_name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                clientgen_runtime::wire::deserialize_object(deserializer)
            }
        }

        impl clientgen_runtime::wire::Object for #type_name {
            const NAME: &'static str = #name;

            #from_fields
        }
    }
}

/// `from_fields` for an object whose fields are all optional (it has `Default`): each value goes
/// straight into its field.
fn fill_default(fields: &[Field], additional: bool) -> TokenStream {
    // Values are read through `object`, so no field can take these names.
    let (access, key) = (format_ident!("fields"), format_ident!("key"));
    let arms = fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = &f.wire_name;
        let read = read_value(f, &access, quote!(object.#field));
        quote! { #wire => #read, }
    });
    let other_keys = if additional {
        quote!(_ => #access.extra(&mut object.additional_properties),)
    } else {
        quote!(_ => #access.skip(),)
    };
    let body = key_loop(&access, &key, arms, other_keys);
    from_fields_fn(
        &access,
        quote! {
            let mut object = Self::default();
            #body
            Ok(object)
        },
    )
}

/// `from_fields` for an object with required fields: each value is kept in a slot until every
/// key has been read, then the object is built (or a required key reported missing).
fn fill_slots(fields: &[Field], additional: Option<&TypeRef>) -> TokenStream {
    let access = free_local("fields", fields);
    let key = free_local("key", fields);
    // An optional field's slot is the field itself; a required one's holds its value until the
    // end, when a missing one is reported.
    let slots = fields.iter().map(|f| {
        let slot = ident(&f.name);
        let ty = match (f.is_optional(), f.ty == TypeRef::I64AsString) {
            (true, true) => quote!(i64),
            (false, true) => quote!(clientgen_runtime::int64_string::Int64),
            _ => field_type(f, true),
        };
        quote! { let mut #slot: Option<#ty> = None; }
    });
    let arms = fields.iter().map(|f| {
        let slot = ident(&f.name);
        let wire = &f.wire_name;
        let read = read_value(f, &access, quote!(#slot));
        quote! { #wire => #read, }
    });
    let (rest_slot, other_keys, rest_value) = match additional {
        Some(value) => {
            let value = rust_type(value, true);
            (
                Some(quote! { let mut additional_properties = std::collections::BTreeMap::<String, #value>::new(); }),
                quote! { _ => #access.extra(&mut additional_properties), },
                Some(quote!(additional_properties,)),
            )
        }
        None => (None, quote! { _ => #access.skip(), }, None),
    };
    let values = fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = &f.wire_name;
        let int64 = f.ty == TypeRef::I64AsString;
        match (f.is_optional(), int64) {
            (true, _) => quote! { #field, },
            (false, false) => quote! { #field: clientgen_runtime::wire::required(#field, #wire)?, },
            (false, true) => quote! { #field: clientgen_runtime::wire::required(#field, #wire)?.0, },
        }
    });
    // With nothing to match, the loop only skips values (a `match` with one arm would not read well).
    let body = if fields.is_empty() && additional.is_none() {
        quote! { while #access.next_key()?.is_some() { #access.skip()?; } }
    } else {
        key_loop(&access, &key, arms, other_keys)
    };
    from_fields_fn(
        &access,
        quote! {
            #( #slots )*
            #rest_slot
            #body
            Ok(Self { #( #values )* #rest_value })
        },
    )
}

/// `Object::from_fields`, reading the keys through `access`.
fn from_fields_fn(access: &Ident, body: TokenStream) -> TokenStream {
    quote! {
        fn from_fields<'de, A: serde::de::MapAccess<'de>>(
            mut #access: clientgen_runtime::wire::Fields<'de, A>,
        ) -> Result<Self, A::Error> {
            #body
        }
    }
}

/// The loop over an object's keys, each arm reading one key's value. One `?` after the `match`
/// rather than one per arm: each early return drops every slot, and that code would grow with
/// the square of the number of fields.
fn key_loop(
    access: &Ident,
    key: &Ident,
    arms: impl Iterator<Item = TokenStream>,
    other_keys: TokenStream,
) -> TokenStream {
    quote! {
        while let Some(#key) = #access.next_key()? {
            match #key {
                #( #arms )*
                #other_keys
            }?;
        }
    }
}

/// Reads the current key's value into `target` (an `Option`): straight into an optional field
/// (`null` is `None`), or into the slot of a required one.
fn read_value(f: &Field, access: &Ident, target: TokenStream) -> TokenStream {
    match (f.is_optional(), f.ty == TypeRef::I64AsString) {
        (true, true) => quote!(#access.optional_int64(&mut #target)),
        (true, false) => quote!(#access.optional(&mut #target)),
        (false, _) => quote!(#access.value(&mut #target)),
    }
}

/// `Serialize` for a union: each variant as itself (the value decides its shape on the wire).
fn serialize_union(name: &Ident, variants: &[Ident]) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(value) => serde::Serialize::serialize(value, serializer), )*
                }
            }
        }
    }
}

/// `Deserialize` for an undiscriminated union: the first variant, in order, that the JSON fits.
fn deserialize_union(name: &Ident, variants: &[Ident]) -> TokenStream {
    let type_name = name.to_string();
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #(
                    if let Ok(value) = serde::Deserialize::deserialize(&value) {
                        return Ok(Self::#variants(value));
                    }
                )*
                Err(clientgen_runtime::wire::no_variant_matched(#type_name))
            }
        }
    }
}

/// How an operation's result whose success statuses carry different bodies is read: by the
/// status first, then the body that status documents.
fn from_response(name: &Ident, variants: &[StatusVariant]) -> TokenStream {
    let arm = |v: &StatusVariant| {
        let variant = ident(&v.name);
        match &v.ty {
            Some(_) => quote!(clientgen_runtime::wire::from_json(body).map(Self::#variant)),
            None => quote!(Ok(Self::#variant)),
        }
    };
    let listed = variants.iter().filter_map(|v| {
        let code = proc_macro2::Literal::u16_unsuffixed(v.status?);
        let value = arm(v);
        Some(quote! { #code => #value, })
    });
    // `2XX` takes whatever no listed code did; without it, an undocumented status is an error.
    let rest = match variants.iter().find(|v| v.status.is_none()) {
        Some(range) => {
            let value = arm(range);
            quote! { _ => #value, }
        }
        None => quote! { other => Err(format!("no body is documented for status {other}")), },
    };
    quote! {
        impl clientgen_runtime::FromResponse for #name {
            fn from_response(status: clientgen_runtime::http::StatusCode, body: &[u8]) -> Result<Self, String> {
                match status.as_u16() {
                    #( #listed )*
                    #rest
                }
            }
        }
    }
}
