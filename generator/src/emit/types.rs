//! The `types` module: one Rust item per [`TypeDef`].

use std::collections::HashSet;
use std::ops::Range;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_or};
use crate::ir::{
    Constructor, Field, FixedValue, IntVariant, Literal, MixedVariant, TypeDef, TypeKind, TypeRef, UnionVariant,
    Variant,
};

/// What the `types` module's items need to know about the whole API, computed once so that
/// parts of the module can be written on several threads.
pub struct TypesModule<'a> {
    api: &'a crate::ir::Api,
    needs: HashSet<String>,
    requests: HashSet<String>,
}

impl<'a> TypesModule<'a> {
    pub fn new(api: &'a crate::ir::Api) -> Self {
        let needs = super::validate::validated_types(&api.types);
        let requests = super::validate::request_types(api);
        Self { api, needs, requests }
    }

    /// The module's header, then the items of `api.types[range]`.
    pub fn tokens(&self, range: Range<usize>) -> TokenStream {
        let types = &self.api.types;
        let header = (range.start == 0).then(|| {
            quote! {
                #![doc = " The request and response bodies, enums and parameter structs of the API."]
                #![cfg_attr(rustfmt, rustfmt::skip)]
            }
        });
        let items = types[range].iter().map(|def| {
            let item = type_item(def, types);
            let validate = super::validate::validate_impl(def, &self.needs, &self.requests);
            let constructors = named_constructors(def, types);
            quote! { #item #validate #constructors }
        });
        quote! { #header #( #items )* }
    }

    /// Where to cut the types in two parts of about the same size (by their fields and variants).
    pub fn middle(&self) -> usize {
        let weight = |def: &TypeDef| match &def.kind {
            TypeKind::Struct(s) => 1 + s.fields.len(),
            TypeKind::Enum { variants, .. } => 1 + variants.len(),
            _ => 2,
        };
        let total: usize = self.api.types.iter().map(weight).sum();
        let mut seen = 0;
        self.api
            .types
            .iter()
            .position(|def| {
                seen += weight(def);
                seen * 2 >= total
            })
            .map_or(0, |i| i + 1)
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for `ty` where it is held by value; `nested` types sit inside a `Vec` or map,
/// where a string-encoded int64 has no serde adapter and stays a string.
pub fn rust_type(ty: &TypeRef, nested: bool) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
        TypeRef::String => quote!(String),
        TypeRef::I64AsString if nested => quote!(String),
        TypeRef::I64AsString | TypeRef::I64 => quote!(i64),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Vec(item) => {
            let item = rust_type(item, true);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, true);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Json => quote!(serde_json::Value),
        // JSON has no raw bytes: a `format: binary` value inside JSON is a string. Form bodies
        // carry files instead (see `struct_field_tokens`).
        TypeRef::Bytes => quote!(String),
    }
}

fn type_item(def: &TypeDef, types: &[TypeDef]) -> TokenStream {
    let doc = doc_or(def.doc.as_deref(), &format!("The `{}` schema.", def.name));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => {
            let default = derives_default(&s.fields).then(|| quote!(Default,));
            let fields = s.fields.iter().map(|f| struct_field_tokens(f, true));
            let additional = s.additional.as_ref().map(|value| {
                let value = rust_type(value, true);
                quote! {
                    #[doc = " Properties the schema does not name."]
                    pub additional_properties: std::collections::BTreeMap<String, #value>,
                }
            });
            let constructor = constructor(&def.name, &s.fields, s.additional.as_ref(), true);
            let wire = super::wire::object_impls(&def.name, &s.fields, s.additional.as_ref());
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #default)]
                pub struct #name {
                    #( #fields )*
                    #additional
                }
                #constructor
                #wire
            }
        }
        TypeKind::Params(fields, _) => {
            let fields = fields.iter().map(|f| {
                let doc = doc_or(f.doc.as_deref(), &format!("The `{}` parameter.", f.wire_name));
                let field = ident(&f.name);
                let ty = rust_type(&f.ty, true);
                quote! { #doc pub #field: Option<#ty>, }
            });
            quote! {
                #doc
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct #name { #( #fields )* }
            }
        }
        TypeKind::Form(form_fields) => {
            let fields = form_fields.iter().map(|f| struct_field_tokens(&f.field, false));
            let constructor =
                constructor(&def.name, &form_fields.iter().map(|f| f.field.clone()).collect::<Vec<_>>(), None, false);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                pub struct #name { #( #fields )* }
                #constructor
            }
        }
        TypeKind::Enum { variants, unknown } => string_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::IntEnum { variants, unknown } => int_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::MixedEnum { variants, unknown } => mixed_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::Union(variants) => union(&doc, &name, variants, types),
        TypeKind::ByStatus(variants) => super::wire::status_enum(&doc, &name, variants, |ty| boxed_object(ty, types)),
        TypeKind::Tagged { property, variants, mapping, unknown } => {
            tagged(&doc, &name, property, variants, mapping, unknown, types)
        }
        TypeKind::Alias(target) => {
            let target = rust_type(target, false);
            quote! { #doc pub type #name = #target; }
        }
    }
}

/// `Name::new(required...)` for a struct with required fields (it has no `Default`): every
/// other field starts absent. Only when the required fields' types differ, so that swapped
/// arguments cannot compile, and within clippy's argument limit; otherwise a literal is safer.
fn constructor(name: &str, fields: &[Field], additional: Option<&TypeRef>, serde: bool) -> Option<TokenStream> {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let distinct = required.iter().enumerate().all(|(i, a)| required[i + 1..].iter().all(|b| a.ty != b.ty));
    if required.is_empty() || required.len() > 7 || !distinct {
        return None;
    }
    let type_name = ident(name);
    let params = required.iter().map(|f| {
        let arg = ident(&f.name);
        let ty = field_type(f, serde);
        quote!(#arg: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.name);
        if f.is_optional() {
            quote!(#field: None)
        } else {
            quote!(#field)
        }
    });
    let additional = additional.map(|_| quote!(additional_properties: Default::default(),));
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.name)).collect();
    let doc = format!(" A `{name}` with its required fields ({}); the others start absent.", names.join(", "));
    Some(quote! {
        impl #type_name {
            #[doc = #doc]
            pub fn new( #( #params ),* ) -> Self {
                Self { #( #inits, )* #additional }
            }
        }
    })
}

/// The spec's `x-constructors`: `Type::name(args)` building a value that meets its rules.
fn named_constructors(def: &TypeDef, types: &[TypeDef]) -> Option<TokenStream> {
    let TypeKind::Struct(s) = &def.kind else { return None };
    if s.constructors.is_empty() {
        return None;
    }
    let name = ident(&def.name);
    let methods = s.constructors.iter().map(|c| {
        let method = ident(&c.name);
        let params = c.args.iter().map(|(arg, _, ty)| {
            let arg = ident(arg);
            match ty {
                TypeRef::String => quote!(#arg: impl Into<String>),
                other => {
                    let ty = rust_type(other, false);
                    quote!(#arg: #ty)
                }
            }
        });
        let body = build(&def.name, &[], c, types);
        let doc = doc_attrs(Some(
            c.doc.as_deref().unwrap_or("A value built from these arguments; the other fields start absent."),
        ));
        quote! {
            #doc
            pub fn #method( #( #params ),* ) -> Self {
                #body
            }
        }
    });
    Some(quote! {
        impl #name {
            #( #methods )*
        }
    })
}

/// A struct literal of `type_name` for a constructor: each field is an argument, a fixed
/// value, a nested literal leading to those, or absent (lowering checked nothing else is needed).
fn build(type_name: &str, prefix: &[String], c: &Constructor, types: &[TypeDef]) -> TokenStream {
    let fields = match types.iter().find(|t| t.name == type_name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => s,
        _ => return quote!(Default::default()),
    };
    let is_self = prefix.is_empty();
    let name = if is_self {
        quote!(Self)
    } else {
        let n = ident(type_name);
        quote!(#n)
    };
    let inits = fields.fields.iter().map(|field| {
        let mut path = prefix.to_vec();
        path.push(field.wire_name.clone());
        let arg = c.args.iter().find(|(_, p, _)| *p == path);
        let fixed = c.values.iter().find(|(p, _)| *p == path);
        let below = c
            .args
            .iter()
            .map(|(_, p, _)| p)
            .chain(c.values.iter().map(|(p, _)| p))
            .any(|p| p.len() > path.len() && p.starts_with(&path));
        let value = match (arg, fixed) {
            (Some((arg, _, ty)), _) => {
                let arg = ident(arg);
                if *ty == TypeRef::String {
                    quote!(#arg.into())
                } else {
                    quote!(#arg)
                }
            }
            (None, Some((_, FixedValue::Variant(enum_name, variant)))) => {
                let (enum_name, variant) = (ident(enum_name), ident(variant));
                quote!(#enum_name::#variant)
            }
            (None, Some((_, FixedValue::Literal(Literal::Text(text))))) => quote!(#text.to_owned()),
            (None, Some((_, FixedValue::Literal(Literal::Int(n))))) => {
                let n = proc_macro2::Literal::i64_unsuffixed(*n);
                quote!(#n)
            }
            (None, Some((_, FixedValue::Literal(Literal::Float(n))))) => {
                let n = proc_macro2::Literal::f64_unsuffixed(*n);
                quote!(#n)
            }
            (None, Some((_, FixedValue::Literal(Literal::Bool(b))))) => quote!(#b),
            (None, None) if below => match &field.ty {
                TypeRef::Named(inner) => build(inner, &path, c, types),
                _ => quote!(Default::default()),
            },
            (None, None) => quote!(None),
        };
        let assigned = arg.is_some() || fixed.is_some() || below;
        let value = if assigned && field.boxed { quote!(Box::new(#value)) } else { value };
        let value = if assigned && field.is_optional() { quote!(Some(#value)) } else { value };
        let field_name = ident(&field.name);
        quote!(#field_name: #value)
    });
    let additional = fields.additional.as_ref().map(|_| quote!(additional_properties: Default::default(),));
    quote!(#name { #( #inits, )* #additional })
}

/// Whether an object derives `Default`: when every field may be absent (an empty one included).
pub(super) fn derives_default(fields: &[Field]) -> bool {
    fields.iter().all(Field::is_optional)
}

/// A field's type without its `Option`: boxed where a cycle needs it; a file in a form.
pub(super) fn field_type(field: &Field, serde: bool) -> TokenStream {
    let ty = match &field.ty {
        TypeRef::Bytes if !serde => quote!(clientgen_runtime::FilePart),
        other => rust_type(other, false),
    };
    if field.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    }
}

/// A field; `serde` when it travels as JSON (form fields are files and text instead).
fn struct_field_tokens(field: &Field, serde: bool) -> TokenStream {
    let mut text = field
        .doc
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| format!("The `{}` field.", field.wire_name));
    if field.read_only {
        text.push_str("\n\nRead-only: the server sets it; leave it out of requests.");
    }
    let doc = doc_attrs(Some(&text));
    let name = ident(&field.name);
    let mut ty = field_type(field, serde);
    if field.is_optional() {
        ty = quote!(Option<#ty>);
    }
    quote! { #doc pub #name: #ty, }
}

fn variant_doc(doc: Option<&str>, wire: &str) -> TokenStream {
    let text = match doc {
        Some(doc) if !doc.is_empty() => format!("`{wire}`: {doc}"),
        _ => format!("`{wire}`"),
    };
    doc_attrs(Some(&text))
}

fn string_enum(doc: &TokenStream, name: &Ident, variants: &[Variant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.wire));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #docs #names, )*
            #[doc = " A value this client does not know (yet), kept as it was sent."]
            #unknown(String),
        }

        impl #name {
            #[doc = " The value as it travels on the wire."]
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #wires, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#names, )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

fn int_enum(doc: &TokenStream, name: &Ident, variants: &[IntVariant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<i64> = variants.iter().map(|v| v.value).collect();
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.value.to_string()));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #docs #names, )*
            #[doc = " A value this client does not know (yet), kept as it was sent."]
            #unknown(i64),
        }

        impl #name {
            #[doc = " The value as it travels on the wire."]
            pub fn value(self) -> i64 {
                match self {
                    #( Self::#names => #values, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#names, )*
                    other => Self::#unknown(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

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

/// An enum of values of several JSON types: each variant stands for one literal, compared as
/// JSON (so `1` and `"1"` are different values, as they are on the wire).
fn mixed_enum(doc: &TokenStream, name: &Ident, variants: &[MixedVariant], unknown: &Ident) -> TokenStream {
    let names: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let scalars: Vec<TokenStream> = variants.iter().map(|v| scalar_literal(&v.value)).collect();
    let literals = scalars.iter().map(|scalar| quote!(serde_json::Value::from(#scalar)));
    let docs = variants.iter().map(|v| variant_doc(v.doc.as_deref(), &v.value.to_string()));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #docs #names, )*
            #[doc = " A value this client does not know (yet), kept as it was sent."]
            #unknown(serde_json::Value),
        }

        impl #name {
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

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.value() {
                    serde_json::Value::String(text) => f.write_str(&text),
                    other => write!(f, "{other}"),
                }
            }
        }

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

/// Whether a union variant is held in a `Box`: objects are, because a union is as large as its
/// largest variant and a string next to a large object would waste the difference in every value
/// (clippy's large_enum_variant); and so is whatever closes a cycle.
fn boxed_variant(v: &UnionVariant, types: &[TypeDef]) -> bool {
    v.boxed || boxed_object(&v.ty, types)
}

/// Whether `ty` is an object (or a union of them), held in a `Box` as an enum's variant.
fn boxed_object(ty: &TypeRef, types: &[TypeDef]) -> bool {
    matches!(ty, TypeRef::Named(n) if types.iter().any(|t| &t.name == n
        && matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Tagged { .. })))
}

/// A discriminated union: serialized as its variant, deserialized by the discriminator's value;
/// a value the spec does not map is kept as JSON.
fn tagged(
    doc: &TokenStream,
    name: &Ident,
    property: &str,
    variants: &[UnionVariant],
    mapping: &[(String, String)],
    unknown: &str,
    types: &[TypeDef],
) -> TokenStream {
    let unknown = format_ident!("{}", unknown);
    let arms = variants.iter().map(|v| union_variant(v, types));
    let dispatch = mapping.iter().map(|(value, variant_name)| {
        let variant = format_ident!("{}", variant_name);
        let boxed = variants.iter().find(|v| &v.name == variant_name).is_some_and(|v| boxed_variant(v, types));
        let wrap = if boxed { quote!(|v| Self::#variant(Box::new(v))) } else { quote!(Self::#variant) };
        quote! { Some(#value) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom), }
    });
    let unknown_doc = format!(" A `{property}` this client does not know (yet), kept as it was sent.");
    let on_wire = format!(" On the wire, told apart by its `{property}` property.");
    let all: Vec<Ident> = variants.iter().map(|v| format_ident!("{}", v.name)).chain([unknown.clone()]).collect();
    let serialize = super::wire::serialize_union(name, &all);
    quote! {
        #doc
        #[doc = ""]
        #[doc = #on_wire]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #arms )*
            #[doc = #unknown_doc]
            #unknown(serde_json::Value),
        }

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

/// A variant of a union, tagged or not: its shape, boxed where `boxed_variant` says so.
fn union_variant(v: &UnionVariant, types: &[TypeDef]) -> TokenStream {
    let variant = format_ident!("{}", v.name);
    let mut ty = rust_type(&v.ty, true);
    if boxed_variant(v, types) {
        ty = quote!(Box<#ty>);
    }
    let doc = doc_attrs(Some(&match &v.ty {
        TypeRef::Named(target) => format!("A [`{target}`]."),
        _ => format!("The `{}` shape.", v.name),
    }));
    quote! { #doc #variant(#ty), }
}

fn union(doc: &TokenStream, name: &Ident, variants: &[UnionVariant], types: &[TypeDef]) -> TokenStream {
    let arms = variants.iter().map(|v| union_variant(v, types));
    let names: Vec<Ident> = variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    // A union of text values (a path parameter that is an id or a name, say) is text too.
    let display = crate::ir::is_text(types, &TypeRef::Named(name.to_string())).then(|| {
        quote! {
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #( Self::#names(value) => write!(f, "{value}"), )*
                    }
                }
            }
        }
    });
    let serialize = super::wire::serialize_union(name, &names);
    let deserialize = super::wire::deserialize_union(name, &names);
    quote! {
        #doc
        #[doc = ""]
        #[doc = " On the wire, the first variant (in this order) that the JSON fits."]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #( #arms )* }
        #display
        #serialize
        #deserialize
    }
}
