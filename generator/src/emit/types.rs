//! The `types` module: one Rust item per [`TypeDef`], with its docs and constructors. Their
//! serde impls are in the `wire` module, their `Validate` impls in `validate`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc_attrs, doc_or};
use super::print::ModuleParts;
use super::syntax::{derives_default, field_type, gated, ident, rust_type};
use super::value_enums;
use crate::ir::{
    Api, Constructor, Field, FixedValue, Literal, StatusVariant, TypeDef, TypeKind, TypeRef, TypeTable, UnionVariant,
};

/// The generated `types` module.
pub fn module(api: &Api) -> ModuleParts<'_> {
    let types = &api.types;
    let defs = types.iter().as_slice();
    let head = || {
        quote! {
            #![doc = " The request and response bodies, enums and parameter structs of the API."]
            #![cfg_attr(rustfmt, rustfmt::skip)]
        }
    };
    ModuleParts::new(head, defs.len(), move |i| {
        let def = &defs[i];
        let item = type_item(def, types);
        let constructors = named_constructors(def, types);
        gated(quote! { #item #constructors }, types.gate(&def.name))
    })
}

fn type_item(def: &TypeDef, types: &TypeTable) -> TokenStream {
    let facts = types.facts(&TypeRef::Named(def.name.clone()));
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
            let constructor = facts.constructor.then(|| constructor(&def.name, &s.fields, s.additional.as_ref(), true));
            let (debug, debug_impl) = debug_of(&def.name, &s.fields, s.additional.is_some());
            quote! {
                #doc
                #[derive(#debug Clone, PartialEq, #default)]
                pub struct #name {
                    #( #fields )*
                    #additional
                }
                #debug_impl
                #constructor
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
            let form: Vec<Field> = form_fields.iter().map(|f| f.field.clone()).collect();
            let fields = form.iter().map(|f| struct_field_tokens(f, false));
            let constructor = facts.constructor.then(|| constructor(&def.name, &form, None, false));
            let (debug, debug_impl) = debug_of(&def.name, &form, false);
            quote! {
                #doc
                #[derive(#debug Clone, PartialEq)]
                pub struct #name { #( #fields )* }
                #debug_impl
                #constructor
            }
        }
        TypeKind::Enum { variants, unknown } => value_enums::string_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::IntEnum { variants, unknown } => value_enums::int_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::MixedEnum { variants, unknown } => value_enums::mixed_enum(&doc, &name, variants, &ident(unknown)),
        TypeKind::Union(variants) => union(&doc, &name, variants, facts.text),
        TypeKind::ByStatus(variants) => status_enum(&doc, &name, variants),
        TypeKind::Tagged { property, variants, unknown, .. } => tagged(&doc, &name, property, variants, unknown),
        TypeKind::Alias(target) => {
            let target = rust_type(target, false);
            quote! { #doc pub type #name = #target; }
        }
    }
}

/// `Debug` for a struct: derived, unless a field is secret; then written out, showing whether
/// each secret is set but never its value (smithy-rs redacts `@sensitive` members the same way).
fn debug_of(name: &str, fields: &[Field], additional: bool) -> (Option<TokenStream>, Option<TokenStream>) {
    if !fields.iter().any(|f| f.secret) {
        return (Some(quote!(Debug,)), None);
    }
    let type_name = ident(name);
    let shown = fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = f.name.as_str();
        match (f.secret, f.is_optional()) {
            (false, _) => quote!(.field(#label, &self.#field)),
            (true, true) => quote!(.field(#label, &clientgen_runtime::Redacted::of(&self.#field))),
            (true, false) => quote!(.field(#label, &clientgen_runtime::Redacted::SET)),
        }
    });
    let additional = additional.then(|| quote!(.field("additional_properties", &self.additional_properties)));
    let implementation = quote! {
        impl std::fmt::Debug for #type_name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name) #( #shown )* #additional .finish()
            }
        }
    };
    (None, Some(implementation))
}

/// `Name::new(required...)` for a struct with required fields (it has no `Default`): every
/// other field starts absent. Lowering decides which structs get one (`TypeFacts::constructor`).
/// Text is taken as `impl Into<String>`, so a `&str` or a `String` will do.
fn constructor(name: &str, fields: &[Field], additional: Option<&TypeRef>, serde: bool) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let takes_text = |f: &Field| f.ty == TypeRef::String && !f.boxed;
    let type_name = ident(name);
    let params = required.iter().map(|f| {
        let arg = ident(&f.name);
        if takes_text(f) {
            return quote!(#arg: impl Into<String>);
        }
        let ty = field_type(f, serde);
        quote!(#arg: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.name);
        if f.is_optional() {
            quote!(#field: None)
        } else if takes_text(f) {
            quote!(#field: #field.into())
        } else {
            quote!(#field)
        }
    });
    let additional = additional.map(|_| quote!(additional_properties: Default::default(),));
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.name)).collect();
    let doc = format!(" A `{name}` with its required fields ({}); the others start absent.", names.join(", "));
    quote! {
        impl #type_name {
            #[doc = #doc]
            #[inline]
            pub fn new( #( #params ),* ) -> Self {
                Self { #( #inits, )* #additional }
            }
        }
    }
}

/// The spec's `x-constructors`: `Type::name(args)` building a value that meets its rules.
fn named_constructors(def: &TypeDef, types: &TypeTable) -> Option<TokenStream> {
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
fn build(type_name: &str, prefix: &[String], c: &Constructor, types: &TypeTable) -> TokenStream {
    let fields = match types.get(type_name).map(|t| &t.kind) {
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

/// A field; `serde` when it travels as JSON (form fields are files and text instead).
fn struct_field_tokens(field: &Field, serde: bool) -> TokenStream {
    let mut text = field
        .doc
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| format!("The `{}` field.", field.wire_name));
    if field.read_only {
        text.push_str("\n\nRead-only: the server sets it, and a request body leaves it out.");
    }
    let doc = doc_attrs(Some(&text));
    let name = ident(&field.name);
    let mut ty = field_type(field, serde);
    if field.is_optional() {
        ty = quote!(Option<#ty>);
    }
    quote! { #doc pub #name: #ty, }
}

/// A discriminated union; a value the spec does not map is kept as JSON.
fn tagged(doc: &TokenStream, name: &Ident, property: &str, variants: &[UnionVariant], unknown: &str) -> TokenStream {
    let unknown = format_ident!("{}", unknown);
    let arms = variants.iter().map(union_variant);
    let unknown_doc = format!(" A `{property}` this client does not know (yet), kept as it was sent.");
    let on_wire = format!(" On the wire, told apart by its `{property}` property.");
    quote! {
        #doc
        #[doc = ""]
        #[doc = #on_wire]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #arms )*
            #[doc = #unknown_doc]
            #unknown(serde_json::Value),
        }
    }
}

/// A variant of a union, tagged or not: its shape, boxed where `boxed_variant` says so.
fn union_variant(v: &UnionVariant) -> TokenStream {
    let variant = format_ident!("{}", v.name);
    let mut ty = rust_type(&v.ty, true);
    if v.boxed {
        ty = quote!(Box<#ty>);
    }
    let doc = doc_attrs(Some(&match &v.ty {
        TypeRef::Named(target) => format!("A [`{target}`]."),
        _ => format!("The `{}` shape.", v.name),
    }));
    quote! { #doc #variant(#ty), }
}

fn union(doc: &TokenStream, name: &Ident, variants: &[UnionVariant], text: bool) -> TokenStream {
    let arms = variants.iter().map(union_variant);
    let names: Vec<Ident> = variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    // A union of text values (a path parameter that is an id or a name, say) is text too.
    let display = text.then(|| {
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
    quote! {
        #doc
        #[doc = ""]
        #[doc = " On the wire, the first variant (in this order) that the JSON fits."]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #( #arms )* }
        #display
    }
}

/// What an operation answers when its success statuses carry different bodies: one variant per
/// status (the `wire` module reads the status first).
fn status_enum(doc: &TokenStream, name: &Ident, variants: &[StatusVariant]) -> TokenStream {
    let items = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let status = v.status.map_or_else(|| "2XX".to_owned(), |code| code.to_string());
        let text = match &v.doc {
            Some(doc) => format!("`{status}`: {doc}"),
            None => format!("`{status}`."),
        };
        let doc = doc_attrs(Some(&text));
        match &v.ty {
            Some(ty) => {
                let mut ty_tokens = rust_type(ty, true);
                if v.boxed {
                    ty_tokens = quote!(Box<#ty_tokens>);
                }
                quote! { #doc #variant(#ty_tokens), }
            }
            None => quote! { #doc #variant, },
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #( #items )* }
    }
}
