//! How the model's names and types are spelled in Rust: the leaf module every emitter uses
//! (it uses none of them).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Field, TypeRef};

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
