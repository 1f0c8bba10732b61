//! The checks of one value against the schema keywords it has (`maxLength`, `minimum`,
//! `pattern`, `format: date`, ...): a leaf module, used for fields (`validate`) and for a method's
//! own arguments (`client`) alike.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;

use crate::ir::{Constraints, Number, TypeRef};

/// Checks on `value: &T`, the field `wire` of the object at `path`, from the schema's keywords.
pub fn value_checks(ty: &TypeRef, c: &Constraints, wire: &str) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    let usize_opt = |n: Option<usize>| match n {
        Some(n) => {
            let n = Lit::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    match ty {
        TypeRef::String => {
            if c.min_length.is_some() || c.max_length.is_some() {
                let (min, max) = (usize_opt(c.min_length), usize_opt(c.max_length));
                checks.push(quote!(validate::check_length(path, #wire, value, #min, #max, out);));
            }
            if let Some(pattern) = &c.pattern {
                checks.push(quote! {
                    static PATTERN: std::sync::OnceLock<Option<validate::Regex>> = std::sync::OnceLock::new();
                    validate::check_pattern(path, #wire, value, #pattern, &PATTERN, out);
                });
            }
            match c.format.as_deref() {
                Some("date") => checks.push(quote!(validate::check_date(path, #wire, value, out);)),
                Some("date-time") => checks.push(quote!(validate::check_date_time(path, #wire, value, out);)),
                _ => {}
            }
        }
        TypeRef::I32
        | TypeRef::I64
        | TypeRef::U32
        | TypeRef::U64
        | TypeRef::I64AsString
        | TypeRef::F32
        | TypeRef::F64
            if c.minimum.is_some() || c.maximum.is_some() =>
        {
            let bound = |n: Option<Number>| match n.and_then(|n| typed_number(ty, n)) {
                Some(lit) => quote!(Some(#lit)),
                None => quote!(None),
            };
            let (min, max) = (bound(c.minimum), bound(c.maximum));
            checks.push(quote!(validate::check_range(path, #wire, *value, #min, #max, out);));
        }
        TypeRef::Vec(_) if c.min_items.is_some() || c.max_items.is_some() => {
            let (min, max) = (usize_opt(c.min_items), usize_opt(c.max_items));
            checks.push(quote!(validate::check_items(path, #wire, value.len(), #min, #max, out);));
        }
        _ => {}
    }
    checks
}

/// A bound as a literal of the field's own type (`None` when it cannot be one, such as a
/// negative minimum on an unsigned field, which every value meets anyway).
fn typed_number(ty: &TypeRef, n: Number) -> Option<Lit> {
    let as_int = match n {
        Number::Int(i) => i,
        Number::Float(f) => f as i64,
    };
    let as_float = match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    };
    Some(match ty {
        TypeRef::I32 => Lit::i32_suffixed(i32::try_from(as_int).ok()?),
        TypeRef::I64 | TypeRef::I64AsString => Lit::i64_suffixed(as_int),
        TypeRef::U32 => Lit::u32_suffixed(u32::try_from(as_int).ok()?),
        TypeRef::U64 => Lit::u64_suffixed(u64::try_from(as_int).ok()?),
        TypeRef::F32 => Lit::f32_suffixed(as_float as f32),
        _ => Lit::f64_suffixed(as_float),
    })
}
