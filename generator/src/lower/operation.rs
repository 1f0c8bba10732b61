//! Operations to methods: names, parameters and grouping by resource. Request bodies
//! (`body`), responses (`responses`), `x-error-codes` (`error_codes`) and `x-pagination`
//! (`pagination`) are lowered by their own modules.

use std::collections::HashMap;

use openapiv3::{Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr};

use super::{LoweredOperations, Lowerer};
use crate::error::{Pointer, SpecError};
use crate::ir::{
    Constraints, Field, HttpMethod, Operation, OptionalParams, Param, ParamLocation, Resource, TypeDef, TypeKind,
    TypeRef,
};
use crate::load::DocId;
use crate::names::{self, Namespace};

/// Names no parameter may take: the receiver. A spec parameter keeps its name otherwise (`body`
/// is `body`); the generated method's own locals and arguments take names free of them.
const RESERVED_ARGUMENTS: &[&str] = &["self"];
/// Methods `Client` has besides the resource accessors.
const RESERVED_CLIENT_METHODS: &[&str] = &["builder", "api_client", "from"];
/// Names the client module uses besides resource structs.
const RESERVED_CLIENT_TYPES: &[&str] =
    &["Client", "Call", "Operation", "ApiClient", "ClientBuilder", "Error", "Method", "DEFAULT_BASE_URL"];

/// One operation found in the spec, before it is lowered.
pub(super) struct Found<'a> {
    pub(super) doc: DocId,
    pub(super) path: &'a str,
    pub(super) method: HttpMethod,
    pub(super) item: &'a PathItem,
    pub(super) op: &'a SpecOperation,
    /// Pointer to the path item, and to the operation in it.
    pub(super) at_path: Pointer,
    pub(super) at: Pointer,
}

impl<'b> Lowerer<'b> {
    pub(super) fn lower_operations(&mut self) -> Result<LoweredOperations, SpecError> {
        let found = self.find_operations()?;
        let mut resources: Vec<Resource> = Vec::new();
        let mut resource_index: HashMap<Option<String>, usize> = HashMap::new();
        let mut accessors = Namespace::with_reserved(RESERVED_CLIENT_METHODS);
        let mut structs = Namespace::with_reserved(RESERVED_CLIENT_TYPES);
        let mut method_names: Vec<Namespace> = Vec::new();
        let mut error_bodies = Vec::new();
        for f in &found {
            let tag = f.op.tags.first().cloned();
            let slot = *resource_index.entry(tag.clone()).or_insert_with(|| {
                let (accessor, struct_name, doc) = match &tag {
                    Some(tag) => (
                        Some(accessors.claim(names::snake(tag, "resource"))),
                        structs.claim(names::camel(tag, "Resource")),
                        self.tag_description(tag),
                    ),
                    None => (None, "Client".to_owned(), None),
                };
                resources.push(Resource { accessor, struct_name, doc, operations: Vec::new() });
                method_names.push(Namespace::with_reserved(&["new"]));
                resources.len() - 1
            });
            let (operation, errors) = self.lower_operation(f, &mut method_names[slot])?;
            error_bodies.extend(errors);
            resources[slot].operations.push(operation);
        }
        Ok(LoweredOperations { resources, error_bodies })
    }

    fn tag_description(&self, tag: &str) -> Option<String> {
        self.bundle.docs[..self.bundle.roots]
            .iter()
            .flat_map(|d| &d.spec.tags)
            .find(|t| t.name == tag)
            .and_then(|t| t.description.clone())
    }

    /// Every operation of the root documents, in spec order; operationIds must be unique.
    fn find_operations(&self) -> Result<Vec<Found<'b>>, SpecError> {
        let mut found = Vec::new();
        let mut seen: HashMap<&str, String> = HashMap::new();
        let bundle: &'b crate::load::Bundle = self.bundle;
        for (doc, document) in bundle.docs[..bundle.roots].iter().enumerate() {
            for (path, item) in &document.spec.paths.paths {
                let at_path = Pointer::root().join("paths").join(path);
                let item = bundle.path_item(doc, item, at_path.as_str())?;
                let methods = [
                    (HttpMethod::Get, &item.get),
                    (HttpMethod::Put, &item.put),
                    (HttpMethod::Post, &item.post),
                    (HttpMethod::Delete, &item.delete),
                    (HttpMethod::Options, &item.options),
                    (HttpMethod::Head, &item.head),
                    (HttpMethod::Patch, &item.patch),
                    (HttpMethod::Trace, &item.trace),
                ];
                for (method, op) in methods {
                    let Some(op) = op else { continue };
                    let at = at_path.join(method.as_str().to_lowercase());
                    if let Some(id) = &op.operation_id {
                        let here = format!("{}#{}", document.path.display(), at.join("operationId"));
                        if let Some(first) = seen.insert(id, here) {
                            return Err(SpecError::new(
                                &document.path,
                                at.join("operationId").as_str(),
                                format!("duplicate operationId `{id}` (first used at {first})"),
                            ));
                        }
                    }
                    found.push(Found { doc, path, method, item, op, at_path: at_path.clone(), at });
                }
            }
        }
        Ok(found)
    }

    fn lower_operation(
        &mut self,
        f: &Found<'_>,
        method_names: &mut Namespace,
    ) -> Result<(Operation, Vec<TypeRef>), SpecError> {
        // Methods are named after the last segment of the operationId (`reseller.subscriptions.list`
        // -> `list`), and the operation's own types after the last two (`SubscriptionsListParams`).
        // Without an operationId, the method and literal path words name both, and errors quote
        // the method and path.
        // `x-method-name` renames what an operationId names badly (Zoom's `Listmeetingsummaries`)
        // while the operationId stays the vendor's.
        let method_name = match f.op.extensions.get("x-method-name") {
            None => None,
            Some(serde_json::Value::String(name)) if !name.trim().is_empty() => Some(name.clone()),
            Some(_) => {
                return Err(SpecError::new(
                    self.path(f.doc),
                    f.at.join("x-method-name").as_str(),
                    "x-method-name must be a non-empty string (the method's name in words or snake_case)",
                ))
            }
        };
        let (id, fn_source, type_source) = match (&f.op.operation_id, method_name) {
            (Some(id), Some(name)) => (id.clone(), name.clone(), name),
            (None, Some(name)) => (format!("{} {}", f.method.as_str(), f.path), name.clone(), name),
            (Some(id), None) => {
                let segments: Vec<&str> = id.rsplit('.').take(2).collect();
                (id.clone(), segments[0].to_owned(), segments.iter().rev().copied().collect::<Vec<_>>().join(" "))
            }
            (None, None) => {
                let words = derived_name(f.method, f.path);
                (format!("{} {}", f.method.as_str(), f.path), words.clone(), words)
            }
        };
        let fn_name = method_names.claim(names::snake(&fn_source, "call"));
        let type_base = names::camel(&type_source, "Operation");

        let params = self.lower_params(f, &type_base)?;
        let mut path_params = Vec::new();
        let mut required_params = Vec::new();
        let mut optional = Vec::new();
        for (param, required) in params {
            match (param.location, required) {
                (ParamLocation::Path, _) => path_params.push(param),
                (_, true) => required_params.push(param),
                (_, false) => optional.push(param),
            }
        }
        path_params = self.order_path_params(f, path_params)?;
        let date_range = self.date_range(f, &required_params, &optional)?;
        let optional_params = (!optional.is_empty()).then(|| self.params_struct(&id, &type_base, optional));
        // An operation's rules govern its optional parameters (`sourceSkuId` when `action` is `switch`).
        match &optional_params {
            Some(params) => {
                self.pending.note(&params.type_name, &self.bundle.docs[f.doc].path, &f.at, &f.op.extensions)
            }
            None if f.op.extensions.contains_key("x-rules") => {
                return Err(SpecError::new(
                    self.path(f.doc),
                    f.at.join("x-rules").as_str(),
                    "an operation's x-rules govern its optional parameters, and this operation has none",
                ))
            }
            None => {}
        }

        let body = match &f.op.request_body {
            Some(body) => self.lower_body(f, body, &type_base)?,
            None => None,
        };
        let responses = self.lower_responses(f, &type_base)?;
        let (response, errors, error_codes) = (responses.success, responses.error_bodies, responses.codes);
        let scopes =
            f.op.security.as_ref().or(self.bundle.docs[f.doc].spec.security.as_ref()).map_or_else(Vec::new, |reqs| {
                reqs.iter()
                    .map(|req| req.values().flatten().cloned().collect::<Vec<_>>())
                    .filter(|s| !s.is_empty())
                    .collect()
            });
        // Safe to send twice by the method's own semantics, or because the spec says so.
        let idempotent = matches!(
            f.method,
            HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete | HttpMethod::Head | HttpMethod::Options
        ) || f.op.extensions.get("x-idempotent").and_then(|v| v.as_bool()).unwrap_or(false);
        let pagination = self.pagination(f, &fn_name, method_names, optional_params.as_ref(), &response)?;
        let rate_limit = match f.op.extensions.get("x-rate-limit-label") {
            None => None,
            Some(serde_json::Value::String(label)) => Some(label.clone()),
            Some(_) => {
                return Err(SpecError::new(
                    self.path(f.doc),
                    f.at.join("x-rate-limit-label").as_str(),
                    "x-rate-limit-label is the vendor's label as a string (for Zoom: Light, Medium, Heavy or Resource-intensive)",
                ))
            }
        };
        let operation = Operation {
            id,
            fn_name,
            method: f.method,
            path: f.path.to_owned(),
            summary: f.op.summary.clone(),
            description: f.op.description.clone(),
            deprecated: f.op.deprecated,
            path_params,
            required_params,
            optional_params,
            body,
            response,
            scopes,
            error_codes,
            idempotent,
            pagination,
            feature: self.feature(f.doc)?,
            rate_limit,
            date_range,
            sub_account: f.op.extensions.get("x-sub-account").and_then(|v| v.as_bool()).unwrap_or(false),
        };
        Ok((operation, errors))
    }

    /// The cargo feature of the operations of `doc`: when a spec is a folder with several files of
    /// operations, each file is a family, named by its `info.x-feature` or else its file stem.
    fn feature(&self, doc: DocId) -> Result<Option<String>, SpecError> {
        let roots = &self.bundle.docs[..self.bundle.roots];
        if roots.iter().filter(|d| !d.spec.paths.paths.is_empty()).count() < 2 {
            return Ok(None);
        }
        let document = &self.bundle.docs[doc];
        let name = match document.spec.info.extensions.get("x-feature") {
            Some(serde_json::Value::String(name)) => name.clone(),
            None => document.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            Some(_) => {
                return Err(SpecError::new(self.path(doc), "/info/x-feature", "x-feature is a cargo feature name"))
            }
        };
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid || name == "default" {
            return Err(SpecError::new(
                self.path(doc),
                "/info",
                format!("the family `{name}` is not a cargo feature name (letters, digits, `_` and `-`; not `default`): rename the file or set info.x-feature"),
            ));
        }
        Ok(Some(name))
    }

    /// Path-level and operation-level parameters (the operation's win), with whether each is
    /// required.
    fn lower_params(&mut self, f: &Found<'_>, type_base: &str) -> Result<Vec<(Param, bool)>, SpecError> {
        // Required parameters become method arguments, next to the method's own locals;
        // optional ones become fields of the params struct, a namespace of their own.
        let mut arguments = Namespace::with_reserved(RESERVED_ARGUMENTS);
        let mut fields = Namespace::default();
        let mut merged: Vec<(DocId, &Parameter, Pointer)> = Vec::new();
        let path_level = f.item.parameters.iter().enumerate().map(|(i, p)| (p, f.at_path.join("parameters").join(i)));
        let op_level = f.op.parameters.iter().enumerate().map(|(i, p)| (p, f.at.join("parameters").join(i)));
        for (param, at) in path_level.chain(op_level) {
            let (doc, param) = self.bundle.parameter(f.doc, param, at.as_str())?;
            let data = param.parameter_data_ref();
            merged.retain(|(_, p, _)| !(p.parameter_data_ref().name == data.name && same_location(p, param)));
            merged.push((doc, param, at));
        }
        let mut out = Vec::with_capacity(merged.len());
        for (doc, param, at) in merged {
            let data = param.parameter_data_ref();
            let location = match param {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                // Cookies are the browser's business; an API client has no cookie jar to fill.
                Parameter::Cookie { .. } => continue,
            };
            let hint = format!("{type_base}{}", names::camel(&data.name, "Param"));
            let constraints = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => self.constraints_of_part(doc, schema),
                ParameterSchemaOrContent::Schema(ReferenceOr::Reference { reference }) => {
                    self.referenced_constraints(doc, reference)
                }
                ParameterSchemaOrContent::Content(_) => Default::default(),
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => self.schema_type(doc, schema, &hint, &at.join("schema"))?,
                ParameterSchemaOrContent::Content(content) => match content.first() {
                    Some((_, media)) => self.media_type(doc, media, &hint, &at.join("content"))?,
                    None => TypeRef::String,
                },
            };
            let required = data.required || location == ParamLocation::Path;
            let namespace = if required { &mut arguments } else { &mut fields };
            let name = namespace.claim(names::snake(&data.name, "param"));
            let (deep_object, explode) = match param {
                Parameter::Query { style: openapiv3::QueryStyle::DeepObject, .. } => (true, true),
                _ => (false, data.explode.unwrap_or(location == ParamLocation::Query)),
            };
            // A path segment or a header holds text, or an array of text (`simple` style:
            // comma-separated); a header also an object of text fields (`k,v` pairs). Objects in
            // a path segment are refused for now (query parameters are serialized, see the runtime).
            let text_list = matches!(&ty, TypeRef::Vec(item) if self.is_text(item));
            let carried = match location {
                ParamLocation::Query => true,
                ParamLocation::Path => self.is_text(&ty) || text_list,
                ParamLocation::Header => self.is_text(&ty) || text_list || self.is_text_object(&ty),
            };
            if !carried {
                let (place, what) = match location {
                    ParamLocation::Path => ("path", "a scalar, an enum or an array of them"),
                    _ => ("header", "a scalar, an enum, an array of them or an object of them"),
                };
                return Err(SpecError::new(
                    self.path(doc),
                    at.join("schema").as_str(),
                    format!(
                        "the {place} parameter `{}` is not {what}; only query parameters may hold nested objects and arrays",
                        data.name
                    ),
                ));
            }
            let doc_text = data.description.clone();
            let param = Param {
                name,
                wire_name: data.name.clone(),
                location,
                ty,
                doc: doc_text,
                constraints,
                deep_object,
                explode,
            };
            out.push((param, required));
        }
        Ok(out)
    }

    /// Path parameters in the order the path template names them; each placeholder needs one.
    /// The path parameters in the order of the template. One the template names but the
    /// operation does not declare is taken as a required string, with a warning.
    fn order_path_params(&mut self, f: &Found<'_>, params: Vec<Param>) -> Result<Vec<Param>, SpecError> {
        let mut ordered = Vec::with_capacity(params.len());
        let mut rest = f.path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| {
                SpecError::new(self.path(f.doc), f.at.as_str(), format!("path `{}` has an unclosed `{{`", f.path))
            })?;
            let name = &rest[open + 1..close];
            match params.iter().find(|p| p.wire_name == name) {
                Some(param) => ordered.push(param.clone()),
                None => {
                    self.warnings.push(SpecError::new(
                        self.path(f.doc),
                        f.at.join("parameters").as_str(),
                        format!("path parameter `{name}` of `{}` is not declared; taken as a required string", f.path),
                    ));
                    let mut taken = Namespace::with_reserved(&["self"]);
                    for p in params.iter().chain(&ordered) {
                        taken.claim(p.name.clone());
                    }
                    ordered.push(Param {
                        name: taken.claim(names::snake(name, "param")),
                        wire_name: name.to_owned(),
                        location: ParamLocation::Path,
                        ty: TypeRef::String,
                        doc: None,
                        constraints: Constraints::default(),
                        deep_object: false,
                        explode: false,
                    });
                }
            }
            rest = &rest[close + 1..];
        }
        Ok(ordered)
    }

    fn params_struct(&mut self, id: &str, type_base: &str, params: Vec<Param>) -> OptionalParams {
        let type_name = self.type_names.claim(format!("{type_base}Params"));
        let fields = params
            .iter()
            .map(|p| Field {
                name: p.name.clone(),
                wire_name: p.wire_name.clone(),
                ty: p.ty.clone(),
                required: false,
                nullable: false,
                read_only: false,
                secret: false,
                doc: p.doc.clone(),
                boxed: false,
                constraints: p.constraints.clone(),
            })
            .collect();
        let doc = Some(format!("The optional parameters of `{id}`."));
        self.push_type(TypeDef { name: type_name.clone(), doc, kind: TypeKind::Params(fields, Vec::new()) });
        OptionalParams { type_name, params }
    }
}

impl Lowerer<'_> {
    /// Whether `ty` is an object (or a map) whose every value is text: what a header carries
    /// as `simple`-style pairs.
    fn is_text_object(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Map(value) => self.is_text(value),
            TypeRef::Named(name) => match self.kind_named(name) {
                Some(TypeKind::Struct(object)) => {
                    object.fields.iter().all(|f| self.is_text(&f.ty))
                        && object.additional.as_ref().is_none_or(|value| self.is_text(value))
                }
                Some(TypeKind::Alias(target)) => self.is_text_object(target),
                _ => false,
            },
            _ => false,
        }
    }
}

fn same_location(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Stable name words for an operation without an operationId: its method and the path's words
/// (`GET /repos/{owner}/{repo}` -> `get repos owner repo`).
fn derived_name(method: HttpMethod, path: &str) -> String {
    let words: Vec<&str> = path.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!("{} {}", method.as_str().to_lowercase(), words.join(" "))
}
