//! How the model's names and types are spelled in Rust: the leaf module every emitter uses
//! (it uses none of them, only the printer's `ModuleParts`).

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;

use super::print::ModuleParts;
use crate::ir::{Api, Field, Gate, TypeDef, TypeRef, TypeTable};

/// The model's names are already valid, collision-free identifiers (lowering made them so).
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
        // carry files instead (see `field_type`).
        TypeRef::Bytes => quote!(String),
    }
}

/// A field's type without its `Option`: boxed where a cycle needs it; a file in a form
/// (`serde` is false for form fields, which travel as parts rather than JSON).
pub fn field_type(field: &Field, serde: bool) -> TokenStream {
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

/// Whether an object derives `Default`: when every field may be absent (an empty one included).
pub fn derives_default(fields: &[Field]) -> bool {
    fields.iter().all(Field::is_optional)
}

/// `#[cfg(...)]` for an item compiled only with some of the crate's features (nothing when the
/// item is always compiled).
pub fn cfg(gate: &Gate) -> Option<TokenStream> {
    match gate {
        Gate::Always => None,
        Gate::Any(one) | Gate::All(one) if one.len() == 1 => {
            let one = &one[0];
            Some(quote!(#[cfg(feature = #one)]))
        }
        Gate::Any(many) => Some(quote!(#[cfg(any( #( feature = #many ),* ))])),
        Gate::All(every) => Some(quote!(#[cfg(all( #( feature = #every ),* ))])),
    }
}

/// The union of several gates: compiled when any of them is. (Every feature on implies any one
/// of them, so an `All` adds nothing next to an `Any`.)
pub fn any_gate<'g>(gates: impl IntoIterator<Item = &'g Gate>) -> Gate {
    let mut any: Vec<String> = Vec::new();
    let mut all: Option<&Vec<String>> = None;
    for gate in gates {
        match gate {
            Gate::Always => return Gate::Always,
            Gate::Any(features) => any.extend(features.iter().cloned()),
            Gate::All(features) => all = Some(features),
        }
    }
    any.sort();
    any.dedup();
    match (any.is_empty(), all) {
        (false, _) => Gate::Any(any),
        (true, Some(every)) => Gate::All(every.clone()),
        (true, None) => Gate::Always,
    }
}

/// Puts `#[cfg(...)]` on every item of `items` (a type's struct and its impls, say). Items are
/// told apart without parsing: at the top level of what the emitters write, an item ends with a
/// `{...}` body or a `;`, and attributes are `#[...]`.
pub fn gated(items: TokenStream, gate: &Gate) -> TokenStream {
    let Some(cfg) = cfg(gate) else { return items };
    let mut out = TokenStream::new();
    let mut at_item_start = true;
    for token in items {
        if at_item_start {
            out.extend(cfg.clone());
        }
        at_item_start = match &token {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        out.extend([token]);
    }
    out
}

/// A `use` at the head of an impls module, compiled wherever an impl that needs it is (a trait
/// the impls call methods of, imported once rather than inside each function).
pub struct Import {
    pub item: fn() -> TokenStream,
    /// Whether the impls of a type use it.
    pub used_by: fn(&TypeDef, &TypeTable) -> bool,
}

/// A module of impls for the types in `types` (`wire`, `validate`): `impls` of each type that
/// `has_impls`, under the type's gate; at its head the types, and `imports`, each imported
/// wherever some impl that uses it is compiled.
pub fn impls_module<'a>(
    api: &'a Api,
    doc: &'static str,
    has_impls: fn(&TypeDef, &TypeTable) -> bool,
    impls: fn(&TypeDef, &TypeTable) -> TokenStream,
    imports: &[Import],
) -> ModuleParts<'a> {
    let types = &api.types;
    let defs = types.iter().as_slice();
    let with_impls: Vec<bool> = defs.iter().map(|def| has_impls(def, types)).collect();
    let types_import = Import { item: || quote! { use crate::types::*; }, used_by: has_impls };
    // Decided before any part is printed: the imports are the head of the module.
    let uses: Vec<(fn() -> TokenStream, Gate)> = std::iter::once(&types_import)
        .chain(imports)
        .filter_map(|import| {
            let users = defs.iter().zip(&with_impls).filter(|(def, has)| **has && (import.used_by)(def, types));
            let mut gates = users.map(|(def, _)| types.gate(&def.name)).peekable();
            gates.peek()?;
            Some((import.item, any_gate(gates)))
        })
        .collect();
    let head = move || {
        let uses = uses.iter().map(|(item, gate)| {
            let (cfg, item) = (cfg(gate), item());
            quote!(#cfg #item)
        });
        quote! {
            #![doc = #doc]
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #( #uses )*
        }
    };
    ModuleParts::new(head, defs.len(), move |i| {
        let def = &defs[i];
        if with_impls[i] {
            gated(impls(def, types), types.gate(&def.name))
        } else {
            TokenStream::new()
        }
    })
}
