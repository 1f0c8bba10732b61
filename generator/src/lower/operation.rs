//! Operations to methods: names, parameters, bodies, responses, grouping by resource.

use std::collections::HashMap;

use openapiv3::{
    MediaType, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody,
    Schema, StatusCode,
};

use super::{LoweredOperations, Lowerer};
use crate::error::{Pointer, SpecError};
use crate::ir::{
    Body, BodyEncoding, ErrorCode, Field, FormField, HttpMethod, Operation, OptionalParams, Pagination, Param,
    ParamLocation, PartKind, Resource, Response, StatusVariant, TypeDef, TypeKind, TypeRef,
};
use crate::load::DocId;
use crate::names::{self, Namespace};

/// Names a generated method body uses for its own locals and arguments.
const RESERVED_ARGUMENTS: &[&str] = &["self", "request", "body", "params", "OPERATION"];
/// Methods `Client` has besides the resource accessors.
const RESERVED_CLIENT_METHODS: &[&str] = &["builder", "api_client", "from"];
/// Names the client module uses besides resource structs.
const RESERVED_CLIENT_TYPES: &[&str] =
    &["Client", "Call", "Operation", "ApiClient", "ClientBuilder", "Error", "Method", "DEFAULT_BASE_URL"];

/// What an operation's responses lower to.
struct Responses {
    success: Response,
    error_bodies: Vec<TypeRef>,
    codes: Vec<ErrorCode>,
}

/// One operation found in the spec, before it is lowered.
struct Found<'a> {
    doc: DocId,
    path: &'a str,
    method: HttpMethod,
    item: &'a PathItem,
    op: &'a SpecOperation,
    /// Pointer to the path item, and to the operation in it.
    at_path: Pointer,
    at: Pointer,
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
                let ReferenceOr::Item(item) = item else {
                    return Err(SpecError::new(
                        &document.path,
                        at_path.as_str(),
                        "path items given by $ref are not supported",
                    ));
                };
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
        let (id, fn_source, type_source) = match &f.op.operation_id {
            Some(id) => {
                let segments: Vec<&str> = id.rsplit('.').take(2).collect();
                (id.clone(), segments[0].to_owned(), segments.iter().rev().copied().collect::<Vec<_>>().join(" "))
            }
            None => {
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
        let Responses { success: response, error_bodies: errors, codes: error_codes } =
            self.lower_responses(f, &type_base)?;
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
        };
        Ok((operation, errors))
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
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => super::schema::constraints_of(schema),
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
            // A path segment or a header holds text; objects and arrays there have no single
            // agreed encoding (query parameters are serialized, see the runtime).
            if location != ParamLocation::Query && !self.is_text(&ty) {
                let place = if location == ParamLocation::Path { "path" } else { "header" };
                return Err(SpecError::new(
                    self.path(doc),
                    at.join("schema").as_str(),
                    format!(
                        "the {place} parameter `{}` is not a scalar or an enum; only query parameters may hold objects and arrays",
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
    fn order_path_params(&self, f: &Found<'_>, params: Vec<Param>) -> Result<Vec<Param>, SpecError> {
        let mut ordered = Vec::with_capacity(params.len());
        let mut rest = f.path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| {
                SpecError::new(self.path(f.doc), f.at.as_str(), format!("path `{}` has an unclosed `{{`", f.path))
            })?;
            let name = &rest[open + 1..close];
            let param = params.iter().find(|p| p.wire_name == name).ok_or_else(|| {
                SpecError::new(
                    self.path(f.doc),
                    f.at.join("parameters").as_str(),
                    format!("path parameter `{name}` of `{}` is not declared", f.path),
                )
            })?;
            ordered.push(param.clone());
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
                doc: p.doc.clone(),
                boxed: false,
                constraints: p.constraints.clone(),
            })
            .collect();
        let doc = Some(format!("The optional parameters of `{id}`."));
        self.push_type(TypeDef { name: type_name.clone(), doc, kind: TypeKind::Params(fields, Vec::new()) });
        OptionalParams { type_name, params }
    }

    fn lower_body(
        &mut self,
        f: &Found<'_>,
        body: &ReferenceOr<RequestBody>,
        type_base: &str,
    ) -> Result<Option<Body>, SpecError> {
        let at = f.at.join("requestBody");
        let (doc, body) = self.bundle.request_body(f.doc, body, at.as_str())?;
        let doc_text = body.description.clone();
        // JSON when offered; otherwise the first form or raw type, in the spec's order.
        if let Some((content_type, media)) = pick_json(&body.content) {
            let ty =
                self.media_type(doc, media, &format!("{type_base}Body"), &at.join("content").join(content_type))?;
            return Ok(Some(Body { ty, doc: doc_text, encoding: BodyEncoding::Json }));
        }
        let Some((content_type, media)) = body.content.first() else { return Ok(None) };
        let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let at = at.join("content").join(content_type);
        let encoding = match essence.as_str() {
            "multipart/form-data" => BodyEncoding::Multipart,
            "application/x-www-form-urlencoded" => BodyEncoding::UrlEncoded,
            _ => {
                return Ok(Some(Body { ty: TypeRef::Bytes, doc: doc_text, encoding: BodyEncoding::Raw(essence) }));
            }
        };
        let ty = self.form_type(doc, media, &format!("{type_base}Form"), &encoding, &at)?;
        Ok(ty.map(|ty| Body { ty, doc: doc_text, encoding }))
    }

    /// A form body's fields: files, text and JSON parts.
    fn form_type(
        &mut self,
        doc: DocId,
        media: &MediaType,
        name: &str,
        encoding: &BodyEncoding,
        at: &Pointer,
    ) -> Result<Option<TypeRef>, SpecError> {
        let at = at.join("schema");
        let object = match &media.schema {
            Some(schema) => self.object_fields(doc, schema, name, &at)?,
            None => Default::default(),
        };
        // A form with no fields (Stripe declares one on every GET) is no body at all.
        if object.fields.is_empty() {
            return Ok(None);
        }
        let mut fields = Vec::with_capacity(object.fields.len());
        for field in object.fields {
            let part = match &field.ty {
                TypeRef::Bytes if *encoding == BodyEncoding::Multipart => PartKind::File,
                TypeRef::Bytes => {
                    return Err(SpecError::new(
                        self.path(doc),
                        at.join("properties").join(&field.wire_name).as_str(),
                        "a URL-encoded form cannot carry a file (format: binary); use multipart/form-data",
                    ))
                }
                ty if self.is_text(ty) => PartKind::Text,
                _ => PartKind::Json,
            };
            fields.push(FormField { field, part });
        }
        let name = self.type_names.claim(names::camel(name, "Form"));
        let description = Some(format!(
            "The form fields of the request body (`{}`).",
            match encoding {
                BodyEncoding::Multipart => "multipart/form-data",
                _ => "application/x-www-form-urlencoded",
            }
        ));
        self.push_type(TypeDef { name: name.clone(), doc: description, kind: TypeKind::Form(fields) });
        Ok(Some(TypeRef::Named(name)))
    }

    fn media_type(&mut self, doc: DocId, media: &MediaType, hint: &str, at: &Pointer) -> Result<TypeRef, SpecError> {
        match &media.schema {
            Some(schema) => self.schema_type(doc, schema, hint, &at.join("schema")),
            None => Ok(TypeRef::Json),
        }
    }

    /// The success body type, the body types of error responses, and their documented codes.
    fn lower_responses(&mut self, f: &Found<'_>, type_base: &str) -> Result<Responses, SpecError> {
        let at = f.at.join("responses");
        let mut successes = Vec::new();
        let mut errors = Vec::new();
        let mut codes = Vec::new();
        let statuses = f.op.responses.responses.iter().map(|(status, r)| (Some(status), r));
        for (status, response) in statuses.chain(f.op.responses.default.iter().map(|r| (None, r))) {
            let key = status.map_or_else(|| "default".to_owned(), ToString::to_string);
            let at = at.join(&key);
            let (doc, response) = self.bundle.response(f.doc, response, at.as_str())?;
            if let Some(listed) = response.extensions.get("x-error-codes") {
                codes.extend(self.error_codes(doc, &key, listed, &at.join("x-error-codes"))?);
            }
            let success_status = match status {
                Some(StatusCode::Code(code)) if (200..300).contains(code) => Some(Some(*code)),
                Some(StatusCode::Range(2)) => Some(None),
                _ => None,
            };
            let json = pick_json(&response.content);
            if let Some(code) = success_status {
                let body = json.map(|(content_type, media)| (media, at.join("content").join(content_type)));
                successes.push(Success { code, doc, description: &response.description, body });
            } else if let Some((content_type, media)) = json {
                let hint = format!("{type_base}Error");
                errors.push(self.media_type(doc, media, &hint, &at.join("content").join(content_type))?);
            }
        }
        let operation = f.op.operation_id.as_deref().unwrap_or(type_base);
        let success = self.success_response(successes, type_base, operation)?;
        Ok(Responses { success, error_bodies: errors, codes })
    }

    /// One body type for every success: the body, `Option` of it when some success has none,
    /// or, when the statuses carry different bodies, an enum of them chosen by status.
    fn success_response(
        &mut self,
        successes: Vec<Success<'_>>,
        type_base: &str,
        operation: &str,
    ) -> Result<Response, SpecError> {
        let mut schemas: Vec<BodyKey<'_>> = Vec::new();
        for success in &successes {
            if let Some((media, _)) = &success.body {
                if !schemas.contains(&(success.doc, &media.schema)) {
                    schemas.push((success.doc, &media.schema));
                }
            }
        }
        let bodiless = successes.iter().any(|s| s.body.is_none());
        if schemas.len() <= 1 {
            // The first 2xx with a body types the response; a 2xx without one makes it optional.
            let Some(Success { doc, body: Some((media, at)), .. }) = successes.iter().find(|s| s.body.is_some()) else {
                return Ok(Response::Empty);
            };
            let ty = self.media_type(*doc, media, &format!("{type_base}Response"), at)?;
            return Ok(if bodiless { Response::Optional(ty) } else { Response::Json(ty) });
        }
        let mut lowered: Vec<(BodyKey<'_>, TypeRef)> = Vec::new();
        let mut variants = Vec::new();
        let mut variant_names = Namespace::default();
        for success in &successes {
            let name = variant_names.claim(status_variant_name(success.code));
            let ty = match &success.body {
                None => None,
                Some((media, at)) => match lowered.iter().find(|(key, _)| *key == (success.doc, &media.schema)) {
                    Some((_, ty)) => Some(ty.clone()),
                    None => {
                        let ty = self.media_type(success.doc, media, &format!("{type_base}{name}"), at)?;
                        lowered.push(((success.doc, &media.schema), ty.clone()));
                        Some(ty)
                    }
                },
            };
            let doc = Some(success.description.to_owned()).filter(|d| !d.trim().is_empty());
            variants.push(StatusVariant { name, status: success.code, ty, doc, boxed: false });
        }
        let name = self.type_names.claim(format!("{type_base}Response"));
        let doc = Some(format!("What `{operation}` answers: each success status has a body of its own."));
        self.push_type(TypeDef { name: name.clone(), doc, kind: TypeKind::ByStatus(variants) });
        Ok(Response::Json(TypeRef::Named(name)))
    }

    /// Reads `x-error-codes: [{code, name, description}]`.
    fn error_codes(
        &self,
        doc: DocId,
        status: &str,
        listed: &serde_json::Value,
        at: &Pointer,
    ) -> Result<Vec<ErrorCode>, SpecError> {
        let invalid =
            |at: &Pointer, what: &str| SpecError::new(self.path(doc), at.as_str(), format!("x-error-codes: {what}"));
        let items = listed.as_array().ok_or_else(|| invalid(at, "must be a list of {code, name, description}"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let at = at.join(i);
                let code = item
                    .get("code")
                    .and_then(serde_json::Value::as_i64)
                    .ok_or_else(|| invalid(&at, "`code` must be an integer"))?;
                let name =
                    item.get("name").and_then(|v| v.as_str()).ok_or_else(|| invalid(&at, "`name` must be a string"))?;
                let description = item.get("description").and_then(|v| v.as_str()).map(str::to_owned);
                Ok(ErrorCode { status: status.to_owned(), code, name: name.to_owned(), description })
            })
            .collect()
    }

    /// Reads `x-pagination` and checks it against the operation's own types: the cursor is an
    /// optional query parameter, and the response has the cursor and an array of items.
    fn pagination(
        &self,
        f: &Found<'_>,
        fn_name: &str,
        method_names: &mut Namespace,
        params: Option<&OptionalParams>,
        response: &Response,
    ) -> Result<Option<Pagination>, SpecError> {
        let Some(value) = f.op.extensions.get("x-pagination") else { return Ok(None) };
        let at = f.at.join("x-pagination");
        let invalid = |message: String| SpecError::new(self.path(f.doc), at.as_str(), message);
        let field = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let (Some(cursor_param), Some(cursor_field), Some(items_field)) =
            (field("cursorParam"), field("cursorField"), field("itemsField"))
        else {
            return Err(invalid("x-pagination needs the strings cursorParam, cursorField and itemsField".into()));
        };
        let params_field = params
            .and_then(|p| p.params.iter().find(|p| p.wire_name == cursor_param && p.location == ParamLocation::Query))
            .map(|p| p.name.clone())
            .ok_or_else(|| {
                invalid(format!("cursorParam `{cursor_param}` is not an optional query parameter of the operation"))
            })?;
        let fields = match response {
            Response::Json(TypeRef::Named(name)) => {
                match self.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                    Some(TypeKind::Struct(s)) => &s.fields,
                    _ => return Err(invalid(format!("the response type `{name}` is not an object"))),
                }
            }
            _ => return Err(invalid("a paged operation must answer with a JSON object".into())),
        };
        let cursor = fields
            .iter()
            .find(|fl| fl.wire_name == cursor_field && matches!(fl.ty, TypeRef::String))
            .ok_or_else(|| invalid(format!("cursorField `{cursor_field}` is not a string field of the response")))?;
        let items = fields
            .iter()
            .find(|fl| fl.wire_name == items_field && matches!(fl.ty, TypeRef::Vec(_)))
            .ok_or_else(|| invalid(format!("itemsField `{items_field}` is not an array field of the response")))?;
        let TypeRef::Vec(item) = &items.ty else { unreachable!("matched as an array above") };
        Ok(Some(Pagination {
            stream_fn_name: method_names.claim(format!("{fn_name}_stream")),
            params_field,
            cursor_param_wire: cursor_param,
            cursor_field: cursor.name.clone(),
            cursor_optional: cursor.is_optional(),
            items_field: items.name.clone(),
            items_optional: items.is_optional(),
            item: (**item).clone(),
        }))
    }
}

/// The JSON media type of a content map, if it has one (`application/json`, `*+json`, `*/*`).
fn pick_json(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content.iter().map(|(ct, m)| (ct.as_str(), m)).find(|(ct, _)| {
        let essence = ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
    })
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

/// What makes two bodies the same: their schema, read in the same document.
type BodyKey<'a> = (DocId, &'a Option<ReferenceOr<Schema>>);

/// A success response as read from the spec, before its body is lowered.
struct Success<'a> {
    /// The status; `None` for `2XX`.
    code: Option<u16>,
    doc: DocId,
    description: &'a str,
    body: Option<(&'a MediaType, Pointer)>,
}

/// A variant name for a success status: its reason phrase where it has a common one.
fn status_variant_name(code: Option<u16>) -> String {
    let name = match code {
        None => "Success",
        Some(200) => "Ok",
        Some(201) => "Created",
        Some(202) => "Accepted",
        Some(203) => "NonAuthoritative",
        Some(204) => "NoContent",
        Some(205) => "ResetContent",
        Some(206) => "PartialContent",
        Some(code) => return format!("Status{code}"),
    };
    name.to_owned()
}
