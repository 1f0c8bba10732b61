//! Request bodies and media types: JSON when the operation offers it, else a form (multipart or
//! URL-encoded, one part per field) or raw bytes; and the one place content types are read
//! (responses too: JSON, or bytes for anything else).

use openapiv3::{MediaType, ReferenceOr, RequestBody, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::operation::Found;
use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{Body, BodyEncoding, FormField, PartKind, TypeDef, TypeKind, TypeRef};
use crate::load::DocId;
use crate::names;

impl Lowerer<'_> {
    pub(super) fn lower_body(
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
        let essence = essence(content_type);
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
        if let Some(schema) = &media.schema {
            if let Some(union) = self.form_union(doc, schema, name, encoding, &at)? {
                return Ok(Some(union));
            }
        }
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

    /// A form body that is a `oneOf` (or `anyOf`) of objects: a URL-encoded form carries the
    /// fields of whichever object it holds (the runtime's `form_fields`); a multipart one is
    /// refused. `None` when the body is not a union.
    fn form_union(
        &mut self,
        doc: DocId,
        schema: &ReferenceOr<Schema>,
        name: &str,
        encoding: &BodyEncoding,
        at: &Pointer,
    ) -> Result<Option<TypeRef>, SpecError> {
        let (schema_doc, resolved, schema_at) = match schema {
            ReferenceOr::Item(schema) => (doc, schema, at.clone()),
            ReferenceOr::Reference { reference } => {
                let key = self.bundle.schema_key(doc, reference, at.as_str())?;
                (key.doc, self.bundle.resolved_schema(&key, at.as_str())?, key.schema_pointer())
            }
        };
        let keyword = match &resolved.schema_kind {
            SchemaKind::OneOf { .. } => "oneOf",
            SchemaKind::AnyOf { .. } => "anyOf",
            SchemaKind::Any(any) if !any.one_of.is_empty() && any.properties.is_empty() => "oneOf",
            SchemaKind::Any(any) if !any.any_of.is_empty() && any.properties.is_empty() => "anyOf",
            _ => return Ok(None),
        };
        if *encoding == BodyEncoding::Multipart {
            return Err(SpecError::new(
                self.path(schema_doc),
                schema_at.join(keyword).as_str(),
                format!(
                    "a multipart/form-data body that is a {keyword} is not supported: its parts are the fields of one object"
                ),
            ));
        }
        let ty = self.schema_type(doc, schema, name, at)?;
        let variants = match self.resolved_kind(&ty) {
            Some(TypeKind::Union(variants) | TypeKind::Tagged { variants, .. }) => variants,
            _ => return Ok(None),
        };
        if let Some(i) = variants.iter().position(|v| !matches!(self.resolved_kind(&v.ty), Some(TypeKind::Struct(_)))) {
            return Err(SpecError::new(
                self.path(schema_doc),
                schema_at.join(keyword).join(i).as_str(),
                format!(
                    "a URL-encoded form body that is a {keyword} must be a {keyword} of objects (a form holds an object's fields); this one is not an object"
                ),
            ));
        }
        Ok(Some(ty))
    }

    pub(super) fn media_type(
        &mut self,
        doc: DocId,
        media: &MediaType,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, SpecError> {
        match &media.schema {
            Some(schema) => self.schema_type(doc, schema, hint, &at.join("schema")),
            None => Ok(TypeRef::Json),
        }
    }
}

/// The JSON media type of a content map, if it has one (`application/json`, `*+json`, `*/*`).
pub(super) fn pick_json(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content.iter().map(|(ct, m)| (ct.as_str(), m)).find(|(ct, _)| reads_as_json(ct))
}

/// Whether a media type is read as JSON: `application/json`, `*+json`, or `*/*`.
fn reads_as_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

/// What a response's content holds.
pub(super) enum ResponseContent<'a> {
    /// JSON (the media type picked as for a request body).
    Json(&'a str, &'a MediaType),
    /// Bytes: a PDF, a file, an image, CSV; the media types, in the spec's order.
    Binary(Vec<String>),
    /// No body.
    Nothing,
}

/// JSON when the content offers it (`*/*` counts, unless its schema is `format: binary`);
/// otherwise bytes, whatever the media types (`application/pdf`, `image/*`, `text/csv`).
pub(super) fn response_content(content: &indexmap::IndexMap<String, MediaType>) -> ResponseContent<'_> {
    let binary_anything = |ct: &str, media: &MediaType| essence(ct) == "*/*" && is_binary_string(media);
    let json =
        content.iter().map(|(ct, m)| (ct.as_str(), m)).find(|(ct, m)| reads_as_json(ct) && !binary_anything(ct, m));
    if let Some((content_type, media)) = json {
        return ResponseContent::Json(content_type, media);
    }
    if content.is_empty() {
        return ResponseContent::Nothing;
    }
    ResponseContent::Binary(content.keys().map(|ct| essence(ct)).collect())
}

/// Whether a media type's schema, written in place, is `type: string, format: binary`.
fn is_binary_string(media: &MediaType) -> bool {
    matches!(
        &media.schema,
        Some(ReferenceOr::Item(schema)) if matches!(
            &schema.schema_kind,
            SchemaKind::Type(Type::String(string)) if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
        )
    )
}

/// A content type without its parameters, lowercased (`Text/Plain; charset=utf-8` -> `text/plain`).
fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}
