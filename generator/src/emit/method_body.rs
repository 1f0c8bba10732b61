//! What a generated method does with its arguments before it sends: query and header
//! parameters, the checks of its own arguments, and the body. Names its locals so that none
//! takes the name of a spec parameter.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::checks::value_checks;
use super::syntax::ident;
use crate::ir::{
    Api, BodyEncoding, FormField, Operation, Param, ParamLocation, ParamRef, PartKind, TypeKind, TypeRef, TypeTable,
};

/// The names of a method's generated arguments and of the locals that live while its arguments
/// are still read, chosen so that none takes the name of one of the spec's parameters: those
/// keep their names (a parameter called `body` is `body`). Locals made after the last argument is
/// read (`form`) may shadow one.
pub struct Locals {
    pub request: Ident,
    pub body: Ident,
    pub params: Ident,
    pub out: Ident,
    pub this: Ident,
    pub cursor: Ident,
}

impl Locals {
    pub fn of(op: &Operation) -> Self {
        let taken: HashSet<&str> = op.path_params.iter().chain(&op.required_params).map(|p| p.name.as_str()).collect();
        let free = |wanted: &str| {
            let mut name = wanted.to_owned();
            while taken.contains(name.as_str()) {
                name.push('_');
            }
            ident(&name)
        };
        Self {
            request: free("request"),
            body: free("body"),
            params: free("params"),
            out: free("out"),
            this: free("this"),
            cursor: free("cursor"),
        }
    }
}

/// The checks of the method's own arguments: the keywords of its path and required parameters,
/// and the window of its dates (`x-date-range`).
pub fn argument_checks(op: &Operation, locals: &Locals) -> Option<TokenStream> {
    let Locals { request, params, out, .. } = locals;
    let mut checks: Vec<TokenStream> = Vec::new();
    for param in op.path_params.iter().chain(&op.required_params) {
        let value_checks = value_checks(&param.ty, &param.constraints, &param.wire_name);
        if value_checks.is_empty() {
            continue;
        }
        let arg = ident(&param.name);
        let root = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        // The argument is read first: the checks' own names may shadow it after.
        checks.push(quote! {
            {
                let (path, value) = (#root, &#arg);
                let out = &mut *#out;
                #( #value_checks )*
            }
        });
    }
    if let Some(range) = &op.date_range {
        let date = |p: &ParamRef| {
            let (wire, name) = (&p.wire_name, ident(&p.name));
            if p.optional {
                quote!((#wire, #params.#name.as_deref()))
            } else {
                quote!((#wire, Some(#name)))
            }
        };
        let (from, to) = (date(&range.from), date(&range.to));
        let max_days = match range.max_days.map(proc_macro2::Literal::i64_unsuffixed) {
            Some(days) => quote!(Some(#days)),
            None => quote!(None),
        };
        let months = match range.max_months_back.map(proc_macro2::Literal::u32_unsuffixed) {
            Some(months) => quote!(Some(#months)),
            None => quote!(None),
        };
        checks.push(quote!(validate::check_date_range("query", #from, #to, #max_days, #months, #out);));
    }
    (!checks.is_empty()).then(|| {
        quote! {
            #request.check(|#out| {
                use clientgen_runtime::validate;
                #( #checks )*
            });
        }
    })
}

/// How the body argument becomes the request body.
pub fn body_steps(api: &Api, encoding: &BodyEncoding, ty: &TypeRef, locals: &Locals) -> Vec<TokenStream> {
    let Locals { request, body, .. } = locals;
    let (form, finish) = match encoding {
        BodyEncoding::Json => return vec![quote!(#request.json(#body);)],
        BodyEncoding::Raw(content_type) => return vec![quote!(#request.bytes(#content_type, #body);)],
        BodyEncoding::Multipart => (quote!(clientgen_runtime::Multipart), quote!(#request.multipart(form);)),
        BodyEncoding::UrlEncoded => (quote!(clientgen_runtime::UrlEncodedForm), quote!(#request.form(form);)),
    };
    let fields: &[FormField] = match api.types.kind(ty) {
        Some(TypeKind::Form(fields)) => fields,
        // A union of objects: the fields of the one it holds (URL-encoded only; lowering
        // refuses it in multipart).
        Some(TypeKind::Union(_) | TypeKind::Tagged { .. }) => return vec![quote!(#request.form_fields(#body);)],
        _ => &[],
    };
    let mut steps = vec![quote!(let mut form = #form::new();)];
    for FormField { field, part } in fields {
        let wire = &field.wire_name;
        let name = ident(&field.name);
        let add = match part {
            PartKind::File => quote!(file),
            PartKind::Text => quote!(text),
            PartKind::Json => quote!(json),
        };
        steps.push(if field.is_optional() {
            quote!(if let Some(value) = &#body.#name { form.#add(#wire, value); })
        } else {
            quote!(form.#add(#wire, &#body.#name);)
        });
    }
    steps.push(finish);
    steps
}

pub fn add_param(types: &TypeTable, param: &Param, optional: bool, locals: &Locals) -> TokenStream {
    let Locals { request, params, .. } = locals;
    let wire = &param.wire_name;
    let arg = ident(&param.name);
    let value = if optional { quote!(value) } else { quote!(#arg) };
    let add = match &param.ty {
        TypeRef::Vec(_) if param.location == ParamLocation::Header => {
            quote!(#request.header(#wire, clientgen_runtime::CommaSeparated(#value));)
        }
        ty if param.location == ParamLocation::Header && types.is_text(ty) => quote!(#request.header(#wire, #value);),
        // An object of text fields, as `simple`-style pairs.
        _ if param.location == ParamLocation::Header => {
            let explode = param.explode;
            let value = if optional { value } else { quote!(&#value) };
            quote!(#request.header_object(#wire, #value, #explode);)
        }
        TypeRef::Vec(item) if !param.deep_object && types.is_text(item) => {
            if param.explode {
                quote!(#request.query_each(#wire, #value);)
            } else {
                quote!(#request.query_joined(#wire, #value);)
            }
        }
        ty if types.is_text(ty) => quote!(#request.query(#wire, #value);),
        // Objects, maps and arrays of them: serialized by the runtime.
        _ => {
            let style = if param.deep_object { quote!(DeepObject) } else { quote!(Form) };
            let value = if optional { value } else { quote!(&#value) };
            quote!(#request.query_object(#wire, #value, clientgen_runtime::ObjectStyle::#style);)
        }
    };
    if optional {
        quote!(if let Some(value) = &#params.#arg { #add })
    } else {
        add
    }
}
