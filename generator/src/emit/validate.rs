//! `impl Validate` for every type that has something to check: single-field rules from schema
//! keywords, `readOnly`, cross-field `x-rules`, and the types nested in it.

use proc_macro2::{Ident, Literal as Lit, TokenStream};
use quote::quote;

use super::checks::value_checks;
use super::print::ModuleParts;
use super::syntax::{ident, impls_module, Import};
use crate::ir::{
    Access, Api, Condition, Field, Literal, Number, Rule, TypeDef, TypeKind, TypeRef, TypeTable, UnionVariant,
    ValueKind,
};

/// The generated `validate` module: `impl Validate` for every type a request can carry or that
/// has something to check.
pub fn module(api: &Api) -> ModuleParts<'_> {
    let doc = " What a request is checked against before it is sent: the `Validate` impls of the types.";
    let has_impl = |def: &TypeDef, types: &TypeTable| validation(def, types).is_some();
    // The checks of a struct's fields and rules call the runtime's `validate` helpers.
    let validate = Import {
        item: || quote! { use clientgen_runtime::validate; },
        used_by: |def, types| {
            matches!(validation(def, types), Some(Validation::Checks))
                && matches!(def.kind, TypeKind::Struct(_) | TypeKind::Params(..))
        },
    };
    impls_module(api, doc, has_impl, validate_impl, &[validate])
}

/// Whether the named type `ty` holds (directly, or in a `Vec` or map) has something to check.
fn holds_checked(ty: &TypeRef, types: &TypeTable) -> bool {
    ty.innermost_named().is_some_and(|name| types.facts(&TypeRef::Named(name.to_owned())).checked)
}

/// Which `impl Validate` a type gets.
enum Validation {
    /// The trait's default, which finds no violation: a type with nothing to check that a
    /// request can carry.
    Empty,
    /// `validate_at` with the type's checks.
    Checks,
}

/// The `impl Validate` of a type, if it has one: a struct or parameter struct a request can
/// carry or with something to check; a union with something to check.
fn validation(def: &TypeDef, types: &TypeTable) -> Option<Validation> {
    let facts = types.facts(&TypeRef::Named(def.name.clone()));
    match &def.kind {
        TypeKind::Struct(_) | TypeKind::Params(..) if facts.checked => Some(Validation::Checks),
        TypeKind::Struct(_) | TypeKind::Params(..) if facts.in_requests => Some(Validation::Empty),
        TypeKind::Union(_) | TypeKind::Tagged { .. } if facts.checked => Some(Validation::Checks),
        _ => None,
    }
}

/// The `impl Validate` of a type that has a [`validation`].
fn validate_impl(def: &TypeDef, types: &TypeTable) -> TokenStream {
    let name = ident(&def.name);
    if let Some(Validation::Empty) = validation(def, types) {
        return quote! { impl clientgen_runtime::Validate for #name {} };
    }
    let (fields, rules): (&[Field], &[Rule]) = match &def.kind {
        TypeKind::Struct(s) => (&s.fields, &s.rules),
        TypeKind::Params(fields, rules) => (fields, rules),
        TypeKind::Union(variants) => return union_impl(&name, variants, false, types),
        TypeKind::Tagged { variants, .. } => return union_impl(&name, variants, true, types),
        _ => return TokenStream::new(),
    };
    let field_checks = fields.iter().filter_map(|f| field_checks(f, types));
    let rule_checks = rules.iter().map(rule_check);
    quote! {
        impl clientgen_runtime::Validate for #name {
            fn validate_at(&self, path: &str, out: &mut Vec<clientgen_runtime::Violation>) {
                #( #field_checks )*
                #( #rule_checks )*
            }
        }
    }
}

/// A union is valid when the value it holds is: each variant of a checked type is checked at the
/// union's own path (the variant is the value, not a field of it).
fn union_impl(name: &Ident, variants: &[UnionVariant], unknown: bool, types: &TypeTable) -> TokenStream {
    let checked: Vec<Ident> = variants
        .iter()
        .filter(|v| matches!(&v.ty, TypeRef::Named(_)) && holds_checked(&v.ty, types))
        .map(|v| ident(&v.name))
        .collect();
    // Variants with nothing to check, and the unknown value a tagged union keeps.
    let rest = unknown || checked.len() < variants.len();
    let body = match (checked.as_slice(), rest) {
        ([only], true) => quote! {
            if let Self::#only(value) = self {
                value.validate_at(path, out);
            }
        },
        _ => {
            let rest = rest.then(|| quote!(_ => {}));
            quote! {
                match self {
                    #( Self::#checked(value) => value.validate_at(path, out), )*
                    #rest
                }
            }
        }
    };
    quote! {
        impl clientgen_runtime::Validate for #name {
            fn validate_at(&self, path: &str, out: &mut Vec<clientgen_runtime::Violation>) {
                #body
            }
        }
    }
}

fn field_checks(field: &Field, types: &TypeTable) -> Option<TokenStream> {
    let name = ident(&field.name);
    let wire = &field.wire_name;
    let mut checks = value_checks(&field.ty, &field.constraints, wire);
    if holds_checked(&field.ty, types) {
        checks.push(quote!(validate::nested(path, #wire, value, out);));
    }
    let read_only = (field.read_only && field.is_optional())
        .then(|| quote!(validate::check_read_only(path, #wire, self.#name.is_some(), out);));
    if checks.is_empty() {
        return read_only;
    }
    Some(if field.is_optional() {
        quote! {
            #read_only
            if let Some(value) = &self.#name { #( #checks )* }
        }
    } else {
        quote! {
            {
                let value = &self.#name;
                #( #checks )*
            }
        }
    })
}

fn rule_check(rule: &Rule) -> TokenStream {
    let test = match &rule.when {
        Some(when) => {
            let (when, broken) = (holds(when, Op::And), violated(&rule.require, Op::And));
            quote!(#when && #broken)
        }
        None => violated(&rule.require, Op::Top),
    };
    let path = &rule.path;
    let message = &rule.message;
    let source = match &rule.source {
        Some(source) => quote!(Some(#source)),
        None => quote!(None),
    };
    quote! {
        if #test {
            validate::rule(path, #path, #message, #source, out);
        }
    }
}

/// An `Option<&T>` expression reaching the field: a plain field path while the fields are
/// required, then `and_then`/`map` from the first optional one.
fn access(access: &Access) -> TokenStream {
    let mut direct = quote!(self);
    let mut optional: Option<TokenStream> = None;
    for step in &access.steps {
        let field = ident(&step.field);
        let take = if step.boxed { quote!(as_deref) } else { quote!(as_ref) };
        optional = match (optional.take(), step.optional) {
            (None, false) => {
                direct = quote!(#direct.#field);
                None
            }
            (None, true) => Some(quote!(#direct.#field.#take())),
            (Some(expr), true) => Some(quote!(#expr.and_then(|v| v.#field.#take()))),
            (Some(expr), false) => Some(quote!(#expr.map(|v| &v.#field))),
        };
    }
    optional.unwrap_or_else(|| quote!(Some(&#direct)))
}

fn literal(l: &Literal) -> TokenStream {
    match l {
        Literal::Text(s) => quote!(#s),
        Literal::Int(i) => {
            let i = Lit::i64_unsuffixed(*i);
            quote!(#i)
        }
        Literal::Float(f) => {
            let f = Lit::f64_unsuffixed(*f);
            quote!(#f)
        }
        Literal::Bool(b) => quote!(#b),
    }
}

fn number(n: Number) -> TokenStream {
    match n {
        Number::Int(i) => {
            let i = Lit::i64_unsuffixed(i);
            quote!(#i)
        }
        Number::Float(f) => {
            let f = Lit::f64_unsuffixed(f);
            quote!(#f)
        }
    }
}

/// Whether the value at `a` is one of `values` (false when absent).
fn is_one_of(a: &Access, values: &[Literal]) -> TokenStream {
    let expr = access(a);
    let values = values.iter().map(literal);
    let compared = match a.kind {
        ValueKind::Text => quote!(&v.as_str()),
        ValueKind::IntEnum => quote!(&v.value()),
        _ => quote!(v),
    };
    quote!(#expr.is_some_and(|v| [#( #values ),*].contains(#compared)))
}

/// The operator an expression sits under, so that a group gets parentheses only when it needs them.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    Top,
    And,
    Or,
}

/// `items` joined by `&&` (`and`) or `||`, parenthesized under a different operator.
fn group(items: Vec<TokenStream>, and: bool, parent: Op) -> TokenStream {
    // Lowering folds empty groups away; should one remain, it keeps its logical value.
    if items.is_empty() {
        return if and { quote!(true) } else { quote!(false) };
    }
    let joined = if and { quote!(#( #items )&&*) } else { quote!(#( #items )||*) };
    let own = if and { Op::And } else { Op::Or };
    if items.len() > 1 && parent != Op::Top && parent != own {
        quote!((#joined))
    } else {
        joined
    }
}

/// An expression that is true when `c` holds.
fn holds(c: &Condition, parent: Op) -> TokenStream {
    match c {
        Condition::In(a, values) => is_one_of(a, values),
        Condition::NotIn(a, values) => {
            let one_of = is_one_of(a, values);
            quote!(!#one_of)
        }
        Condition::Present(a, present) => {
            let expr = access(a);
            if *present {
                quote!(#expr.is_some())
            } else {
                quote!(#expr.is_none())
            }
        }
        Condition::Max(a, n) => {
            let (expr, n) = (access(a), number(*n));
            quote!(#expr.is_none_or(|v| *v <= #n))
        }
        Condition::Min(a, n) => {
            let (expr, n) = (access(a), number(*n));
            quote!(#expr.is_none_or(|v| *v >= #n))
        }
        Condition::All(items) => group(items.iter().map(|c| holds(c, Op::And)).collect(), true, parent),
        Condition::Any(items) => group(items.iter().map(|c| holds(c, Op::Or)).collect(), false, parent),
        Condition::Not(inner) => violated(inner, parent),
    }
}

/// An expression that is true when `c` does not hold, written without double negations.
fn violated(c: &Condition, parent: Op) -> TokenStream {
    match c {
        Condition::In(a, values) => {
            let one_of = is_one_of(a, values);
            quote!(!#one_of)
        }
        Condition::NotIn(a, values) => is_one_of(a, values),
        Condition::Present(a, present) => holds(&Condition::Present(a.clone(), !present), parent),
        Condition::Max(a, n) => {
            let (expr, n) = (access(a), number(*n));
            quote!(#expr.is_some_and(|v| *v > #n))
        }
        Condition::Min(a, n) => {
            let (expr, n) = (access(a), number(*n));
            quote!(#expr.is_some_and(|v| *v < #n))
        }
        Condition::All(items) => group(items.iter().map(|c| violated(c, Op::Or)).collect(), false, parent),
        Condition::Any(items) => group(items.iter().map(|c| violated(c, Op::And)).collect(), true, parent),
        Condition::Not(inner) => holds(inner, parent),
    }
}
