//! Responses: the success body of an operation (optional when some success has none, an enum
//! by status when the successes differ), and the body types of its error responses.

use openapiv3::{MediaType, ReferenceOr, Schema, StatusCode};

use super::body::{response_content, ResponseContent};
use super::operation::Found;
use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{ErrorCode, Response, StatusVariant, TypeDef, TypeKind, TypeRef};
use crate::load::DocId;
use crate::names::Namespace;

/// What an operation's responses lower to.
pub(super) struct Responses {
    pub(super) success: Response,
    pub(super) error_bodies: Vec<TypeRef>,
    pub(super) codes: Vec<ErrorCode>,
}

impl Lowerer<'_> {
    /// The success body type, the body types of error responses, and their documented codes.
    pub(super) fn lower_responses(&mut self, f: &Found<'_>, type_base: &str) -> Result<Responses, SpecError> {
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
            let content = response_content(&response.content);
            if let Some(code) = success_status {
                let body = match content {
                    ResponseContent::Json(content_type, media) => {
                        Some(SuccessBody::Json(media, at.join("content").join(content_type)))
                    }
                    ResponseContent::Binary(content_types) => Some(SuccessBody::Binary(content_types, at)),
                    ResponseContent::Nothing => None,
                };
                successes.push(Success { code, doc, description: &response.description, body });
            } else if let ResponseContent::Json(content_type, media) = content {
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
        if let Some(binary) = binary_response(&successes) {
            return binary.map_err(|(doc, at)| {
                SpecError::new(
                    self.path(doc),
                    at.as_str(),
                    "this success is bytes where another success of the operation is JSON: one method cannot return both (give each its own operation, or one content type)",
                )
            });
        }
        let mut schemas: Vec<BodyKey<'_>> = Vec::new();
        for success in &successes {
            if let Some(SuccessBody::Json(media, _)) = &success.body {
                if !schemas.contains(&(success.doc, &media.schema)) {
                    schemas.push((success.doc, &media.schema));
                }
            }
        }
        let bodiless = successes.iter().any(|s| s.body.is_none());
        if schemas.len() <= 1 {
            // The first 2xx with a body types the response; a 2xx without one makes it optional.
            let Some(Success { doc, body: Some(SuccessBody::Json(media, at)), .. }) =
                successes.iter().find(|s| s.body.is_some())
            else {
                return Ok(Response::Empty);
            };
            let ty = self.media_type(*doc, media, &format!("{type_base}Response"), at)?;
            return Ok(if bodiless { Response::JsonOrEmpty(ty) } else { Response::Json(ty) });
        }
        let mut lowered: Vec<(BodyKey<'_>, TypeRef)> = Vec::new();
        let mut variants = Vec::new();
        let mut variant_names = Namespace::default();
        for success in &successes {
            let name = variant_names.claim(status_variant_name(success.code));
            let ty = match &success.body {
                None | Some(SuccessBody::Binary(..)) => None,
                Some(SuccessBody::Json(media, at)) => {
                    match lowered.iter().find(|(key, _)| *key == (success.doc, &media.schema)) {
                        Some((_, ty)) => Some(ty.clone()),
                        None => {
                            let ty = self.media_type(success.doc, media, &format!("{type_base}{name}"), at)?;
                            lowered.push(((success.doc, &media.schema), ty.clone()));
                            Some(ty)
                        }
                    }
                }
            };
            let doc = Some(success.description.to_owned()).filter(|d| !d.trim().is_empty());
            variants.push(StatusVariant { name, status: success.code, ty, doc, boxed: false });
        }
        let name = self.type_names.claim(format!("{type_base}Response"));
        let doc = Some(format!("What `{operation}` answers: each success status has a body of its own."));
        self.push_type(TypeDef { name: name.clone(), doc, kind: TypeKind::ByStatus(variants) });
        Ok(Response::Json(TypeRef::Named(name)))
    }
}

/// What makes two bodies the same: their schema, read in the same document.
type BodyKey<'a> = (DocId, &'a Option<ReferenceOr<Schema>>);

/// A success response as read from the spec, before its body is lowered.
struct Success<'a> {
    /// The status; `None` for `2XX`.
    code: Option<u16>,
    doc: DocId,
    description: &'a str,
    body: Option<SuccessBody<'a>>,
}

/// A success's body as read from the spec.
enum SuccessBody<'a> {
    /// JSON, with its media type and where it is.
    Json(&'a MediaType, Pointer),
    /// Bytes, with the media types (for `Accept`) and where the response is.
    Binary(Vec<String>, Pointer),
}

/// The binary response, when a success is bytes: every binary media type in order, or where a
/// success mixes in JSON (an error: a method returns one or the other).
fn binary_response(successes: &[Success<'_>]) -> Option<Result<Response, (DocId, Pointer)>> {
    let mut content_types: Vec<String> = Vec::new();
    let mut binary_at = None;
    for success in successes {
        if let Some(SuccessBody::Binary(types, at)) = &success.body {
            binary_at.get_or_insert((success.doc, at.clone()));
            for ty in types {
                if !content_types.contains(ty) {
                    content_types.push(ty.clone());
                }
            }
        }
    }
    let binary_at = binary_at?;
    if successes.iter().any(|s| matches!(s.body, Some(SuccessBody::Json(..)))) {
        return Some(Err(binary_at));
    }
    Some(Ok(Response::Binary(content_types)))
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
