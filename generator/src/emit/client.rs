//! The `client` module: `Client`, one struct per resource, one method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_or};
use super::method_body::{add_param, argument_checks, body_steps, Locals};
use super::print::ModuleParts;
use super::syntax::{any_gate, cfg, gated, ident, rust_type};
use crate::ir::{Api, BodyEncoding, Gate, NextPage, Operation, Pagination, Resource, Response, TypeKind, TypeRef};

/// clippy's `too_many_arguments` threshold, counting `self`.
const MAX_ARGUMENTS: usize = 7;

pub fn client_module(api: &Api) -> ModuleParts<'_> {
    let resources: Vec<&Resource> = api.resources.iter().filter(|r| r.accessor.is_some()).collect();
    let count = resources.len();
    let resource_item = move |i: usize| {
        let cx = Context { api, error_body: client_type(&api.error_body) };
        resource(&cx, resources[i])
    };
    ModuleParts::new(|| client_head(api), count, resource_item)
}

/// The client module up to its resources: imports, `Client` and its methods.
fn client_head(api: &Api) -> TokenStream {
    let base_url = &api.base_url;
    let base_url_doc = format!(" The base URL the vendor serves this API at: <{base_url}>.");
    let client_doc = format!(" A client of the {}. Cheap to clone: clones share one connection pool.", api.title);
    let cx = Context { api, error_body: client_type(&api.error_body) };
    let download = download_method(api);
    let download_hosts = (!api.download_hosts.is_empty()).then(|| {
        let hosts = &api.download_hosts;
        quote!(.download_hosts([ #( #hosts ),* ]))
    });
    let accessors = api.resources.iter().filter_map(|r| {
        let accessor = ident(r.accessor.as_deref()?);
        let struct_name = ident(&r.struct_name);
        let doc = doc_attrs(Some(&format!("The `{}` operations.", r.accessor.as_deref()?)));
        let cfg = cfg(&resource_gate(r));
        Some(quote! {
            #doc
            #cfg
            pub fn #accessor(&self) -> #struct_name<'_> {
                #struct_name { api: &self.api }
            }
        })
    });
    let root_methods = api
        .resources
        .iter()
        .filter(|r| r.accessor.is_none())
        .flat_map(|r| &r.operations)
        .map(|op| method(&cx, op, false));
    let sub_account_fn = api.resources.iter().flat_map(|r| &r.operations).any(|op| op.sub_account).then(|| {
        quote! {
            #[doc = " This client acting for a sub-account of this master account: the operations served for a"]
            #[doc = " sub-account (their docs say so) go to `/accounts/{account_id}` + their path; any other is"]
            #[doc = " refused before sending ([`Error::InvalidRequest`](crate::Error)), since it would act for the"]
            #[doc = " master account instead. Cheap: it shares this client's connections and settings."]
            pub fn sub_account(&self, account_id: impl Into<String>) -> Self {
                Self { api: self.api.for_sub_account(account_id) }
            }
        }
    });
    // What only methods use is imported wherever some method is compiled.
    let gates: Vec<Gate> = api.resources.iter().map(resource_gate).collect();
    let methods_cfg = cfg(&any_gate(&gates));
    // A spec without operations (an OpenAPI 3.1 document of webhooks only) imports nothing for them.
    let method_imports = api.resources.iter().any(|r| !r.operations.is_empty()).then(|| {
        quote! {
            #methods_cfg
            use clientgen_runtime::{http::Method, Call, Operation};
            #methods_cfg
            use crate::types;
        }
    });
    quote! {
        #![doc = " The client: `Client`, its resources, and one method per operation."]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        use clientgen_runtime::{ApiClient, ClientBuilder};
        #method_imports

        #[doc = #base_url_doc]
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            api: ApiClient,
        }

        impl Client {
            #[doc = " Configures a client: base URL (the vendor's by default), authentication, timeouts. Its"]
            #[doc = " requests say `User-Agent: <this crate>/<version> clientgen-runtime/<version>`."]
            pub fn builder() -> ClientBuilder<Self> {
                ClientBuilder::new(DEFAULT_BASE_URL).client_identity(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"))
                    #download_hosts
            }

            #sub_account_fn

            #download

            #[doc = " The connection this client sends requests on."]
            pub fn api_client(&self) -> &ApiClient {
                &self.api
            }

            #( #accessors )*
            #( #root_methods )*
        }

        impl From<ApiClient> for Client {
            fn from(api: ApiClient) -> Self {
                Self { api }
            }
        }
    }
}

/// `download(url)`: a file the API names by URL, fetched with the client's token.
fn download_method(api: &Api) -> TokenStream {
    // Spelled from the crate root: `types` is imported only where some method is compiled.
    let error_body = spelled_from(&api.error_body, &quote!(crate::types));
    let hosts = match api.download_hosts.as_slice() {
        [] => "the API's own host (its base URL's scheme, host and port)".to_owned(),
        hosts => format!(
            "the API's own host and {} (the spec's `x-download-hosts`; over https)",
            hosts.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    let doc = doc_attrs(Some(&format!(
        "Downloads `url` with this client's token (a file the API gives a URL for), streamed to a writer \
         or a file with flat memory; `.resume_from(offset)` finishes one that broke off, `.progress(..)` \
         reports the bytes so far. See [`DownloadRequest`](clientgen_runtime::DownloadRequest).\n\n\
         The token goes only to {hosts}; a URL elsewhere is refused before sending. Redirects are \
         followed, and the token is dropped once the host changes."
    )));
    quote! {
        #doc
        pub fn download(&self, url: &str) -> clientgen_runtime::DownloadRequest<'_, #error_body> {
            self.api.download(url)
        }
    }
}

fn resource(cx: &Context<'_>, resource: &Resource) -> TokenStream {
    let name = ident(&resource.struct_name);
    let accessor = resource.accessor.as_deref().unwrap_or_default();
    let doc = doc_or(resource.doc.as_deref(), &format!("The `{accessor}` operations, from [`Client::{accessor}`]."));
    let methods = resource.operations.iter().map(|op| method(cx, op, true));
    let items = quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            api: &'a ApiClient,
        }

        impl<'a> #name<'a> {
            #( #methods )*
        }
    };
    gated(items, &resource_gate(resource))
}

/// The features that compile an operation: its family's.
fn operation_gate(op: &Operation) -> Gate {
    op.feature.as_ref().map_or(Gate::Always, |feature| Gate::Any(vec![feature.clone()]))
}

/// A resource is compiled with any of its operations' features.
fn resource_gate(resource: &Resource) -> Gate {
    let gates: Vec<Gate> = resource.operations.iter().map(operation_gate).collect();
    any_gate(&gates)
}

/// A type as the client module (and `lib.rs`) spells it: model types live in `types`.
pub fn client_type(ty: &TypeRef) -> TokenStream {
    spelled_from(ty, &quote!(types))
}

/// `ty` with its named types spelled through `types` (`types` or `crate::types`).
fn spelled_from(ty: &TypeRef, types: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#types::#name)
        }
        TypeRef::Vec(item) => {
            let item = spelled_from(item, types);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = spelled_from(value, types);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::I64AsString => quote!(String),
        other => rust_type(other, true),
    }
}

/// How a parameter is taken as a method argument: strings and slices by reference, the rest
/// by value.
fn argument_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::I64AsString => quote!(&str),
        TypeRef::Vec(item) => {
            let item = client_type(item);
            quote!(&[#item])
        }
        other => client_type(other),
    }
}

/// What every method's emission needs to know about the whole API.
struct Context<'a> {
    api: &'a Api,
    error_body: TokenStream,
}

fn method(cx: &Context<'_>, op: &Operation, in_resource: bool) -> TokenStream {
    let (api, error_body) = (cx.api, &cx.error_body);
    let locals = Locals::of(op);
    let Locals { request, body: body_arg, params, .. } = &locals;
    let name = ident(&op.fn_name);
    let lifetime = if in_resource { quote!('a) } else { quote!('_) };
    let mut arguments: Vec<TokenStream> = Vec::new();
    for param in op.path_params.iter().chain(&op.required_params) {
        let arg = ident(&param.name);
        let ty = argument_type(&param.ty);
        arguments.push(quote!(#arg: #ty));
    }
    if let Some(body) = &op.body {
        let ty = match &body.ty {
            _ if matches!(body.encoding, BodyEncoding::Raw(_)) => quote!(clientgen_runtime::bytes::Bytes),
            TypeRef::Vec(item) => {
                let item = client_type(item);
                quote!(&[#item])
            }
            other => {
                let ty = client_type(other);
                quote!(&#ty)
            }
        };
        arguments.push(quote!(#body_arg: #ty));
    }
    if let Some(optional) = &op.optional_params {
        let ty = ident(&optional.type_name);
        arguments.push(quote!(#params: &types::#ty));
    }
    // The arguments are the spec's parameters; grouping them would only hide them.
    let allow = (arguments.len() + 1 > MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));

    let (response_ty, finish) = match &op.response {
        Response::Empty => (quote!(()), quote!(call_empty())),
        Response::Json(ty) => (client_type(ty), quote!(call())),
        Response::JsonOrEmpty(ty) => {
            let ty = client_type(ty);
            (quote!(Option<#ty>), quote!(call_json_or_empty()))
        }
        Response::Binary(content_types) => {
            let accept = content_types.join(", ");
            (quote!(clientgen_runtime::Download), quote!(call_binary(#accept)))
        }
    };
    let id = &op.id;
    let method = ident(op.method.as_str());
    let path = &op.path;
    let path_values = op.path_params.iter().map(|p| {
        let arg = ident(&p.name);
        match &p.ty {
            TypeRef::Vec(_) => quote!(&clientgen_runtime::PathList(#arg)),
            _ => quote!(&#arg),
        }
    });
    let mut steps: Vec<TokenStream> = Vec::new();
    for param in &op.required_params {
        steps.push(add_param(&api.types, param, false, &locals));
    }
    if let Some(optional) = &op.optional_params {
        for param in &optional.params {
            steps.push(add_param(&api.types, param, true, &locals));
        }
    }
    // Requests that break the spec's rules are refused before sending (`skip_validation` sends them).
    let json_body = op.body.as_ref().filter(|b| b.encoding == BodyEncoding::Json);
    if json_body.is_some_and(|b| api.types.facts(&b.ty).checked) {
        steps.push(quote!(#request.validate(#body_arg, "$");));
    }
    if op.optional_params.as_ref().is_some_and(|p| api.types.facts(&TypeRef::Named(p.type_name.clone())).checked) {
        steps.push(quote!(#request.validate(#params, "query");));
    }
    steps.extend(argument_checks(op, &locals));
    if let Some(body) = &op.body {
        steps.extend(body_steps(api, &body.encoding, &body.ty, &locals));
    }
    let body = if steps.is_empty() {
        quote! { self.api.request(&OPERATION, &[ #( #path_values ),* ]).#finish }
    } else {
        quote! {
            let mut #request = self.api.request(&OPERATION, &[ #( #path_values ),* ]);
            #( #steps )*
            #request.#finish
        }
    };
    let doc = doc_attrs(Some(&method_doc(op, api)));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated(note = "deprecated in the spec")]));
    let (idempotent, sub_account) = (op.idempotent, op.sub_account);
    let scopes = op.scopes.first().into_iter().flatten();
    let cfg = cfg(&operation_gate(op));
    let stream = op.pagination.as_ref().map(|p| {
        let stream = stream_method(cx, op, p, &arguments, &response_ty, in_resource, &locals);
        // The stream of a deprecated operation is deprecated too, and calls the operation.
        let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
        quote!(#cfg #deprecated #allow #stream)
    });
    // `#[inline]`: a method is compiled in the crate that calls it, not for every operation in
    // the generated crate (a rebuild of that crate then skips them: about 5% of its compile).
    quote! {
        #doc
        #cfg
        #deprecated
        #allow
        #[inline]
        pub fn #name(&self, #( #arguments ),*) -> Call<#lifetime, #response_ty, #error_body> {
            static OPERATION: Operation = Operation {
                id: #id,
                method: Method::#method,
                path: #path,
                idempotent: #idempotent,
                scopes: &[ #( #scopes ),* ],
                sub_account: #sub_account,
            };
            #body
        }

        #stream
    }
}

/// `<op>_stream`: every item across pages, following the cursor `x-pagination` names.
fn stream_method(
    cx: &Context<'_>,
    op: &Operation,
    pagination: &Pagination,
    arguments: &[TokenStream],
    page_ty: &TokenStream,
    in_resource: bool,
    locals: &Locals,
) -> TokenStream {
    let (api, error_body) = (cx.api, &cx.error_body);
    let Locals { this, body, params, cursor, .. } = locals;
    let name = ident(&pagination.stream_fn_name);
    let list = ident(&op.fn_name);
    let lifetime = if in_resource { quote!('a) } else { quote!('_) };
    let this_is = if in_resource { quote!(let #this = *self;) } else { quote!(let #this = self;) };
    let item_ty = client_type(&pagination.item);
    // The closure makes one call per page, so it owns what the arguments borrow.
    let mut owned = Vec::new();
    let mut passed = Vec::new();
    for param in op.path_params.iter().chain(&op.required_params) {
        let arg = ident(&param.name);
        match &param.ty {
            TypeRef::String | TypeRef::I64AsString | TypeRef::Vec(_) => {
                owned.push(quote!(let #arg = #arg.to_owned();));
                passed.push(quote!(&#arg));
            }
            TypeRef::Named(_) if !api.types.facts(&param.ty).copy => passed.push(quote!(#arg.clone())),
            _ => passed.push(quote!(#arg)),
        }
    }
    if op.body.is_some() {
        owned.push(quote!(let #body = #body.to_owned();));
        passed.push(quote!(&#body));
    }
    let param = ident(&pagination.params_field);
    owned.push(quote!(let mut #params = #params.clone();));
    passed.push(quote!(&#params));
    let items = ident(&pagination.items_field);
    let items = if pagination.items_optional { quote!(page.#items.unwrap_or_default()) } else { quote!(page.#items) };
    let present = |field: &str, optional: bool| {
        let field = ident(field);
        if optional {
            quote!(page.#field)
        } else {
            quote!(Some(page.#field))
        }
    };
    // The runtime follows a cursor of text; a page number travels as its digits.
    let (set_param, next, doc) = match &pagination.next {
        NextPage::Cursor { field, optional } => (
            quote!(#params.#param = #cursor;),
            present(field, *optional),
            format!(
                " Every item of [`Self::{}`] across all pages, as a stream: follows `{}` until it is empty.",
                op.fn_name, pagination.param_wire
            ),
        ),
        NextPage::Number { page_field, page_optional, count_field, count_optional } => {
            let (page, count) = (present(page_field, *page_optional), present(count_field, *count_optional));
            (
                quote!(#params.#param = #cursor.and_then(|number| number.parse().ok());),
                quote! {
                    match (#page, #count) {
                        (Some(number), Some(count)) if number < count => Some((number + 1).to_string()),
                        _ => None,
                    }
                },
                format!(
                    " Every item of [`Self::{}`] across all pages, as a stream: asks for each `{}` in turn, up to the page count.",
                    op.fn_name, pagination.param_wire
                ),
            )
        }
    };
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(&self, #( #arguments ),*) -> clientgen_runtime::Pages<#lifetime, #item_ty, #page_ty, #error_body> {
            #this_is
            #( #owned )*
            clientgen_runtime::Pages::new(
                move |#cursor| {
                    if #cursor.is_some() {
                        #set_param
                    }
                    #this.#list( #( #passed ),* )
                },
                |page: #page_ty| (#items, #next),
            )
        }
    }
}

/// The variant the error-code enum has for `code` (named once per code, whatever each
/// operation calls it).
fn code_variant<'a>(api: &'a Api, code_type: &str, code: i64) -> Option<&'a str> {
    api.types.get(code_type).and_then(|t| match &t.kind {
        TypeKind::IntEnum { variants, .. } => variants.iter().find(|v| v.value == code).map(|v| v.name.as_str()),
        _ => None,
    })
}

fn method_doc(op: &Operation, api: &Api) -> String {
    let code_type = api.error_code_type.as_deref();
    let mut parts: Vec<String> = Vec::new();
    if let Some(summary) = &op.summary {
        parts.push(summary.clone());
    }
    if let Some(description) = &op.description {
        if op.summary.as_deref() != Some(description.as_str()) {
            parts.push(description.clone());
        }
    }
    parts.push(format!("`{} {}` (operation `{}`).", op.method.as_str(), op.path, op.id));
    let documented: Vec<String> = op
        .path_params
        .iter()
        .chain(&op.required_params)
        .filter_map(|p| Some(format!("- `{}`: {}", p.name, p.doc.as_deref()?.trim())))
        .collect();
    if !documented.is_empty() {
        parts.push(format!("# Arguments\n{}", documented.join("\n")));
    }
    if let Some(body) = op.body.as_ref().and_then(|b| b.doc.as_deref()) {
        parts.push(format!("Request body: {body}"));
    }
    if let (false, Some(code_type)) = (op.error_codes.is_empty(), code_type) {
        let lines: Vec<String> = op
            .error_codes
            .iter()
            .map(|c| {
                let text = c.description.as_deref().map(|d| format!(": {d}")).unwrap_or_default();
                let link = match code_variant(api, code_type, c.code) {
                    Some(variant) => format!(" ([`{code_type}::{variant}`](crate::types::{code_type}::{variant}))"),
                    None => String::new(),
                };
                format!("- HTTP {}, code {}{link}{text}", c.status, c.code)
            })
            .collect();
        parts.push(format!("# Errors\nThe documented error codes:\n{}", lines.join("\n")));
    }
    if op.sub_account {
        parts.push(
            "For a sub-account too: on [`Client::sub_account`](crate::Client::sub_account) it goes to \
             `/accounts/{accountId}` + its path."
                .to_owned(),
        );
    }
    if let Some(label) = &op.rate_limit {
        parts.push(format!("Rate-limit label: {label}."));
    }
    if !op.scopes.is_empty() {
        let alternatives: Vec<String> = op
            .scopes
            .iter()
            .map(|set| set.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and "))
            .collect();
        parts.push(format!("OAuth scopes: {}.", alternatives.join(", or ")));
    }
    parts.join("\n\n")
}
