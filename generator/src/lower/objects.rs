//! Objects: the fields of a struct, merged from its `allOf` parts (a later part refines an
//! earlier one), and the single-field rules (`Constraints`) its keywords state.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::deferred::DeferredMerge;
use super::schema::{annotations, sole_part};
use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{Constraints, Field, Number, Struct, TypeKind, TypeRef};
use crate::load::{ComponentKey, DocId};
use crate::names::{self, Namespace};

/// How deep `allOf` may nest before we call the spec cyclic.
const MAX_ALL_OF_DEPTH: usize = 32;

impl Lowerer<'_> {
    /// Adds the properties of `schema` (and of everything it `allOf`-includes) to `object`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn merge_object(
        &mut self,
        doc: DocId,
        schema: &Schema,
        name: &str,
        at: &Pointer,
        object: &mut Struct,
        taken: &mut Namespace,
        depth: usize,
    ) -> Result<(), SpecError> {
        if depth > MAX_ALL_OF_DEPTH {
            return Err(SpecError::new(
                self.path(doc),
                at.as_str(),
                "allOf nests too deeply (a cycle of allOf references?)",
            ));
        }
        let no_required = Vec::new();
        let (properties, required, additional, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (Some(&o.properties), &o.required, &o.additional_properties, None),
            SchemaKind::AllOf { all_of } => (None, &no_required, &None, Some(all_of)),
            SchemaKind::Any(any) => {
                (Some(&any.properties), &any.required, &any.additional_properties, Some(&any.all_of))
            }
            _ => {
                return Err(SpecError::new(
                    self.path(doc),
                    at.as_str(),
                    "allOf can only combine object schemas; this part is not an object",
                ))
            }
        };
        if let Some(parts) = all_of {
            let bundle = self.bundle;
            for (i, part) in parts.iter().enumerate() {
                let part_at = at.join("allOf").join(i);
                let (part_doc, part_schema, part_at) = match part {
                    ReferenceOr::Item(s) => (doc, s, part_at),
                    ReferenceOr::Reference { reference } => {
                        let key = self.bundle.schema_key(doc, reference, part_at.as_str())?;
                        // Inside its own properties, a type's fields are merged once it is done.
                        if self.is_in_progress(&key) && self.can_defer(&key) {
                            self.deferred.push(DeferredMerge {
                                into: name.to_owned(),
                                from: key,
                                position: object.fields.len(),
                                file: self.path(doc).to_owned(),
                                at: part_at,
                            });
                            continue;
                        }
                        if self.is_in_progress(&key) {
                            return Err(SpecError::new(
                                self.path(doc),
                                part_at.as_str(),
                                format!(
                                    "allOf includes `{}`, which contains this schema: a type that includes its own \
                                     fields through allOf is not supported (refer to it as a property instead)",
                                    key.name
                                ),
                            ));
                        }
                        // A struct already lowered lends its fields as they are: its inline types are
                        // not lowered (and named) a second time.
                        if let Some(lowered) = self.lowered_struct(&key)? {
                            merge_fields(object, taken, lowered);
                            continue;
                        }
                        let target = bundle.resolved_schema(&key, part_at.as_str())?;
                        (key.doc, target, key.schema_pointer())
                    }
                };
                self.merge_object(part_doc, part_schema, name, &part_at, object, taken, depth + 1)?;
            }
        }
        for (wire, property) in properties.into_iter().flatten() {
            let prop_at = at.join("properties").join(wire);
            let hint = format!("{name}{}", names::camel(wire, "Field"));
            self.lowering.push(None);
            let ty = self.boxed_schema_type(doc, property, &hint, &prop_at)?;
            self.lowering.pop();
            let (notes, doc_text, constraints) = match property {
                ReferenceOr::Item(s) => {
                    // The annotations of an `allOf` part that only annotates are the field's too.
                    let notes: Vec<&SchemaData> = annotations(s).collect();
                    let described = notes.iter().find_map(|n| n.description.clone());
                    (notes, described, self.constraints_of_part(doc, s))
                }
                // OpenAPI 3.0 ignores the siblings of a reference, so the field says what its type says.
                // A named type is linked rather than copied: its first sentence, then the link.
                ReferenceOr::Reference { reference } => {
                    let described = self.referenced_description(doc, reference);
                    let text = match ty.innermost_named() {
                        Some(name) => Some(match described.as_deref().map(first_sentence) {
                            Some(summary) if !summary.is_empty() => format!("{summary} See [`{name}`]."),
                            _ => format!("A [`{name}`]."),
                        }),
                        None => described,
                    };
                    (Vec::new(), text, self.referenced_constraints(doc, reference))
                }
            };
            let field = Field {
                name: String::new(),
                wire_name: wire.clone(),
                ty,
                required: required.contains(wire),
                nullable: notes.iter().any(|n| n.nullable),
                read_only: notes.iter().any(|n| n.read_only),
                secret: is_secret(property),
                doc: doc_text,
                boxed: false,
                constraints,
            };
            add_field(object, taken, field, names::snake(wire, "field"));
        }
        for wire in required {
            if let Some(field) = object.fields.iter_mut().find(|f| f.wire_name == *wire) {
                field.required = true;
            }
        }
        match additional {
            Some(AdditionalProperties::Any(true)) => object.additional = Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(value)) => {
                self.lowering.push(None);
                let value = self.schema_type(doc, value, &format!("{name}Value"), &at.join("additionalProperties"));
                self.lowering.pop();
                let value = value?;
                object.additional = Some(value);
            }
            _ => {}
        }
        Ok(())
    }

    /// The struct a component lowers to, lowering it first if needed; `None` when it is not a
    /// struct.
    fn lowered_struct(&mut self, key: &ComponentKey) -> Result<Option<Struct>, SpecError> {
        let TypeRef::Named(name) = self.component_ref(key)? else { return Ok(None) };
        Ok(match self.kind_named(&name) {
            Some(TypeKind::Struct(s)) => Some(s.clone()),
            _ => None,
        })
    }

    /// The properties of an object schema (following references and merging `allOf`), for types
    /// that are not serde structs (form bodies).
    pub(super) fn object_fields(
        &mut self,
        doc: DocId,
        schema: &ReferenceOr<Schema>,
        name: &str,
        at: &Pointer,
    ) -> Result<Struct, SpecError> {
        let (doc, schema, at) = match schema {
            ReferenceOr::Item(schema) => (doc, schema, at.clone()),
            ReferenceOr::Reference { reference } => {
                let key = self.bundle.schema_key(doc, reference, at.as_str())?;
                (key.doc, self.bundle.resolved_schema(&key, at.as_str())?, key.schema_pointer())
            }
        };
        let mut object = Struct::default();
        self.merge_object(doc, schema, name, &at, &mut object, &mut Namespace::default(), 0)?;
        Ok(object)
    }

    /// The single-field rules of a schema written in place; of its sole `allOf` part when the
    /// other parts only annotate it (see [`sole_part`]).
    pub(super) fn constraints_of_part(&self, doc: DocId, schema: &Schema) -> Constraints {
        match sole_part(schema) {
            Some((_, ReferenceOr::Reference { reference })) => self.referenced_constraints(doc, reference),
            Some((_, ReferenceOr::Item(part))) => constraints_of(part),
            None => constraints_of(schema),
        }
    }

    /// The single-field rules of a referenced component (a shared string with a pattern, say).
    pub(super) fn referenced_constraints(&self, doc: DocId, reference: &str) -> Constraints {
        let Ok(key) = self.bundle.schema_key(doc, reference, "") else { return Constraints::default() };
        self.bundle.resolved_schema(&key, "").map(constraints_of).unwrap_or_default()
    }

    fn referenced_description(&self, doc: DocId, reference: &str) -> Option<String> {
        let key = self.bundle.schema_key(doc, reference, "").ok()?;
        match self.bundle.schema(&key)? {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }
}

/// Adds a field of an `allOf` part. A later part that names a field again refines it: the new
/// field replaces the earlier one under its name, and stays required if either says so. A new
/// field claims `wanted` as its name.
fn add_field(object: &mut Struct, taken: &mut Namespace, field: Field, wanted: String) {
    if let Some(existing) = object.fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
        let required = existing.required || field.required;
        *existing = Field { name: existing.name.clone(), required, ..field };
    } else {
        object.fields.push(Field { name: taken.claim(wanted), ..field });
    }
}

/// Adds another struct's fields (an `allOf` part already lowered), as [`add_field`] does.
fn merge_fields(object: &mut Struct, taken: &mut Namespace, part: Struct) {
    for field in part.fields {
        let wanted = field.name.clone();
        add_field(object, taken, field, wanted);
    }
    if part.additional.is_some() {
        object.additional = part.additional;
    }
}

/// The single-field rules a schema states with plain keywords. Keywords of another type (a
/// `minimum` on a string) say nothing and are ignored.
pub(super) fn constraints_of(schema: &Schema) -> Constraints {
    let mut c = Constraints::default();
    let format = |f: Option<&str>| f.filter(|f| matches!(*f, "date" | "date-time")).map(str::to_owned);
    let int_bound = |bound: Option<i64>, exclusive: bool, step: i64| {
        bound.map(|b| Number::Int(if exclusive { b + step } else { b }))
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            c.min_length = s.min_length;
            c.max_length = s.max_length;
            c.pattern = s.pattern.clone();
            c.format = format(match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
                _ => None,
            });
        }
        SchemaKind::Type(Type::Integer(i)) => {
            c.minimum = int_bound(i.minimum, i.exclusive_minimum, 1);
            c.maximum = int_bound(i.maximum, i.exclusive_maximum, -1);
        }
        // Exclusive float bounds have no next value; they are checked as inclusive.
        SchemaKind::Type(Type::Number(n)) => {
            c.minimum = n.minimum.map(Number::Float);
            c.maximum = n.maximum.map(Number::Float);
        }
        SchemaKind::Type(Type::Array(a)) => {
            c.min_items = a.min_items;
            c.max_items = a.max_items;
        }
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some("string") => {
                c.min_length = any.min_length;
                c.max_length = any.max_length;
                c.pattern = any.pattern.clone();
                c.format = format(any.format.as_deref());
            }
            Some("integer") => {
                c.minimum = any.minimum.map(|m| Number::Int(m.ceil() as i64));
                c.maximum = any.maximum.map(|m| Number::Int(m.floor() as i64));
            }
            Some("number") => {
                c.minimum = any.minimum.map(Number::Float);
                c.maximum = any.maximum.map(Number::Float);
            }
            Some("array") => {
                c.min_items = any.min_items;
                c.max_items = any.max_items;
            }
            _ => {}
        },
        _ => {}
    }
    c
}

/// The first sentence of a description (up to a full stop before a space or a line end, or the
/// first blank line), trimmed.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let paragraph = text.split("\n\n").next().unwrap_or(text);
    let end = paragraph
        .match_indices('.')
        .map(|(i, _)| i + 1)
        .find(|&i| paragraph[i..].chars().next().is_none_or(char::is_whitespace));
    paragraph[..end.unwrap_or(paragraph.len())].trim()
}

/// A text the spec marks as secret (`format: password`).
fn is_secret(schema: &ReferenceOr<Box<Schema>>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => matches!(
            &schema.schema_kind,
            SchemaKind::Type(Type::String(text)) if text.format == VariantOrUnknownOrEmpty::Item(StringFormat::Password)
        ),
        ReferenceOr::Reference { .. } => false,
    }
}
