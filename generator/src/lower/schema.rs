//! Schemas to types: which schemas need a named Rust type, what those types are called, the
//! cache that lowers each component once, and the types that need no name (scalars, arrays,
//! maps). The named types themselves are built by `objects`, `enums` and `unions`, which come
//! back here for the types of their parts.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::enums::int_enum;
use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{Struct, TypeDef, TypeKind, TypeRef};
use crate::load::{ComponentKey, DocId};
use crate::names::{self, Namespace};

/// How deep named types may nest inside one another while being defined.
const MAX_NESTING: usize = 64;

/// What a component schema lowers to, cached so that each is lowered once.
#[derive(Debug, Clone)]
pub(super) enum ComponentState {
    /// Being computed; a reference back to it is a cycle and uses its name.
    InProgress,
    Done(TypeRef),
}

/// Does this schema need a named Rust type (struct, enum, union), or is it expressible inline?
fn needs_name(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => !i.enumeration.is_empty(),
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::AllOf { .. } => sole_part(schema).is_none(),
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => {
            sole_part(schema).is_none()
                && (!any.properties.is_empty()
                    || !any.all_of.is_empty()
                    || !any.one_of.is_empty()
                    || !any.any_of.is_empty()
                    || enum_values(any).is_some())
        }
        _ => false,
    }
}

/// The one part of an `allOf` that says what a value is, when the other parts and the schema
/// around them only annotate it: `allOf: [$ref X]` is how 3.0 specs attach a description or
/// `nullable` to a reference, and `allOf: [$ref Colour, {nullable: true}]` or
/// `type: object, allOf: [$ref X]` say the same. The schema is then that part, whatever it is
/// (an enum, a string with a format, an object, a type being defined); its index comes too.
/// When every part only annotates, the first stands (it says nothing: any JSON). A schema with
/// rules or constructors of its own (`x-rules`, `x-constructors`) is a type of its own.
pub(super) fn sole_part(schema: &Schema) -> Option<(usize, &ReferenceOr<Schema>)> {
    let extensions = &schema.schema_data.extensions;
    if extensions.contains_key("x-rules") || extensions.contains_key("x-constructors") {
        return None;
    }
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) if !any.all_of.is_empty() && only_all_of(any) => &any.all_of,
        _ => return None,
    };
    let mut substantive = parts.iter().enumerate().filter(|(_, part)| annotation(part).is_none());
    match substantive.next() {
        Some(first) => substantive.all(|(_, part)| part == first.1).then_some(first),
        None => parts.first().map(|first| (0, first)),
    }
}

/// The annotations of a schema (`description`, `nullable`, `readOnly`, ...): its own, then
/// those of the `allOf` parts that only annotate its [`sole_part`].
pub(super) fn annotations(schema: &Schema) -> impl Iterator<Item = &openapiv3::SchemaData> {
    let parts = match (&schema.schema_kind, sole_part(schema)) {
        (SchemaKind::AllOf { all_of }, Some(_)) => all_of.as_slice(),
        (SchemaKind::Any(any), Some(_)) => any.all_of.as_slice(),
        _ => &[],
    };
    std::iter::once(&schema.schema_data).chain(parts.iter().filter_map(annotation))
}

/// The schema data of an `allOf` part that holds no keyword of its own besides annotations.
fn annotation(part: &ReferenceOr<Schema>) -> Option<&openapiv3::SchemaData> {
    match part {
        ReferenceOr::Item(Schema { schema_data, schema_kind: SchemaKind::Any(any) }) if *any == Default::default() => {
            Some(schema_data)
        }
        _ => None,
    }
}

/// Whether a schema openapiv3 could not type holds nothing but its `allOf` and a `type`.
fn only_all_of(any: &openapiv3::AnySchema) -> bool {
    let rest = openapiv3::AnySchema { typ: any.typ.clone(), all_of: any.all_of.clone(), ..Default::default() };
    *any == rest
}

/// The values of an enum that openapiv3 could not type (no `type`, values of several types, or
/// keywords of another type next to it); `null` is left to `nullable`.
fn enum_values(any: &openapiv3::AnySchema) -> Option<Vec<&serde_json::Value>> {
    let plain = any.properties.is_empty() && any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty();
    let values: Vec<&serde_json::Value> = any.enumeration.iter().filter(|v| !v.is_null()).collect();
    let scalars = values.iter().all(|v| v.is_string() || v.is_number() || v.is_boolean());
    (plain && scalars && !values.is_empty()).then_some(values)
}

impl Lowerer<'_> {
    /// Claims a type name for every component schema, in document order, before anything is
    /// lowered, so that component names win over names derived for inline schemas.
    pub(super) fn claim_component_names(&mut self) {
        for doc in 0..self.bundle.docs.len() {
            let Some(components) = &self.bundle.docs[doc].spec.components else { continue };
            for name in components.schemas.keys() {
                let claimed = self.type_names.claim(names::camel(name, "Schema"));
                let key = ComponentKey { doc, name: name.clone() };
                self.component_order.push(key.clone());
                self.component_names.insert(key, claimed);
            }
        }
    }

    /// Lowers every component schema of every document into a named type (or an alias).
    pub(super) fn lower_components(&mut self) -> Result<(), SpecError> {
        for key in self.component_order.clone() {
            let schema = self.bundle.schema(&key).expect("component keys come from the documents");
            let name = self.component_names[&key].clone();
            match schema {
                ReferenceOr::Item(schema) if needs_name(schema) => {
                    self.component_ref(&key)?;
                }
                _ => {
                    let target = self.component_ref(&key)?;
                    let doc = match schema {
                        ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                        ReferenceOr::Reference { .. } => None,
                    };
                    self.push_type(TypeDef { name, doc, kind: TypeKind::Alias(target) });
                }
            }
        }
        Ok(())
    }

    /// Whether the component is being lowered right now (a reference to it closes a cycle).
    pub(super) fn is_in_progress(&self, key: &ComponentKey) -> bool {
        matches!(self.components.get(key), Some(ComponentState::InProgress))
    }

    /// The type a reference to a component stands for.
    pub(super) fn component_ref(&mut self, key: &ComponentKey) -> Result<TypeRef, SpecError> {
        let name = self.component_names[key].clone();
        match self.components.get(key) {
            Some(ComponentState::Done(ty)) => return Ok(ty.clone()),
            Some(ComponentState::InProgress) => return Ok(TypeRef::Named(name)),
            None => {}
        }
        self.components.insert(key.clone(), ComponentState::InProgress);
        self.lowering.push(Some(key.clone()));
        let schema = self.bundle.schema(key).expect("component keys come from the documents");
        let at_component = key.schema_pointer();
        let ty = match schema {
            ReferenceOr::Reference { reference } => {
                let target = self.bundle.schema_key(key.doc, reference, at_component.as_str())?;
                if self.is_in_progress(&target) {
                    self.bundle.check_not_self_reference(key, &target)?;
                }
                self.component_ref(&target)?
            }
            ReferenceOr::Item(schema) if needs_name(schema) => {
                self.define(key.doc, schema, name.clone(), &at_component)?;
                TypeRef::Named(name)
            }
            ReferenceOr::Item(schema) => self.inline_type(key.doc, schema, &name, &at_component)?,
        };
        self.lowering.pop();
        self.components.insert(key.clone(), ComponentState::Done(ty.clone()));
        self.merge_deferred(key)?;
        Ok(ty)
    }

    /// The type of a schema that sits somewhere in the spec; `hint` names it if it needs a name.
    pub(super) fn schema_type(
        &mut self,
        doc: DocId,
        schema: &ReferenceOr<Schema>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, SpecError> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let key = self.bundle.schema_key(doc, reference, at.as_str())?;
                self.component_ref(&key)
            }
            ReferenceOr::Item(schema) if needs_name(schema) => {
                let name = self.type_names.claim(names::camel(hint, "Schema"));
                self.define(doc, schema, name.clone(), at)?;
                Ok(TypeRef::Named(name))
            }
            ReferenceOr::Item(schema) => self.inline_type(doc, schema, hint, at),
        }
    }

    pub(super) fn boxed_schema_type(
        &mut self,
        doc: DocId,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, SpecError> {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.schema_type(doc, &ReferenceOr::Reference { reference: reference.clone() }, hint, at)
            }
            ReferenceOr::Item(schema) => self.schema_type(doc, &ReferenceOr::Item((**schema).clone()), hint, at),
        }
    }

    /// Schemas that need no name of their own: primitives, arrays, maps, free-form JSON.
    fn inline_type(&mut self, doc: DocId, schema: &Schema, hint: &str, at: &Pointer) -> Result<TypeRef, SpecError> {
        if let Some((index, part)) = sole_part(schema) {
            return self.schema_type(doc, part, hint, &at.join("allOf").join(index));
        }
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int64" => TypeRef::I64AsString,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Bytes,
                _ => TypeRef::String,
            },
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::U32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::U64,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item = self.boxed_schema_type(doc, items, &format!("{hint}Item"), &at.join("items"))?;
                    TypeRef::Vec(Box::new(item))
                }
                None => TypeRef::Vec(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value =
                        self.schema_type(doc, value, &format!("{hint}Value"), &at.join("additionalProperties"))?;
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::Map(Box::new(TypeRef::Json)),
            },
            SchemaKind::AllOf { .. } | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                unreachable!("needs_name routes composite schemas to define()")
            }
            // A schema with keywords of another type (`type: string` next to `minimum`) parses as
            // "any"; its declared type still says what travels.
            SchemaKind::Any(any) => match any.typ.as_deref() {
                Some("string") => match any.format.as_deref() {
                    Some("int64") => TypeRef::I64AsString,
                    Some("binary") => TypeRef::Bytes,
                    _ => TypeRef::String,
                },
                Some("integer") if any.format.as_deref() == Some("int32") => TypeRef::I32,
                Some("integer") => TypeRef::I64,
                Some("number") => TypeRef::F64,
                Some("boolean") => TypeRef::Bool,
                Some("array") => match &any.items {
                    Some(items) => TypeRef::Vec(Box::new(self.boxed_schema_type(
                        doc,
                        items,
                        &format!("{hint}Item"),
                        &at.join("items"),
                    )?)),
                    None => TypeRef::Vec(Box::new(TypeRef::Json)),
                },
                _ => TypeRef::Json,
            },
            SchemaKind::Not { .. } => TypeRef::Json,
        })
    }

    /// Defines the named type `name` for a schema that needs one.
    fn define(&mut self, doc: DocId, schema: &Schema, name: String, at: &Pointer) -> Result<(), SpecError> {
        // Every path of recursion through schemas goes through here: bounding it turns a cycle
        // the other checks miss into a spec error instead of a stack overflow.
        if self.nesting >= MAX_NESTING {
            return Err(SpecError::new(
                self.path(doc),
                at.as_str(),
                "schemas nest too deeply (a cycle through allOf?)",
            ));
        }
        self.nesting += 1;
        let defined = self.define_nested(doc, schema, name, at);
        self.nesting -= 1;
        defined
    }

    fn define_nested(&mut self, doc: DocId, schema: &Schema, name: String, at: &Pointer) -> Result<(), SpecError> {
        let data = &schema.schema_data;
        let untyped_values = match &schema.schema_kind {
            SchemaKind::Any(any) => enum_values(any),
            _ => None,
        };
        let kind = if let Some(values) = &untyped_values {
            self.untyped_enum(data, values)
        } else {
            match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) => {
                    let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                    self.string_enum(data, &values)
                }
                SchemaKind::Type(Type::Integer(i)) => {
                    let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                    int_enum(data, &values)
                }
                SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } | SchemaKind::Any(_) => {
                    let mut object = Struct::default();
                    // The map of properties the schema does not name is a field too.
                    let mut fields = Namespace::with_reserved(&["additional_properties"]);
                    self.merge_object(doc, schema, &name, at, &mut object, &mut fields, 0)?;
                    self.pending.note(&name, &self.bundle.docs[doc].path, at, &data.extensions);
                    TypeKind::Struct(object)
                }
                SchemaKind::OneOf { one_of: variants } | SchemaKind::AnyOf { any_of: variants } => {
                    let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                    let lowered = self.union_variants(doc, variants, &name, &at.join(key))?;
                    match &data.discriminator {
                        Some(discriminator) => self.tagged(doc, discriminator, variants, lowered, at)?,
                        None => TypeKind::Union(lowered),
                    }
                }
                _ => unreachable!("needs_name only accepts enums, objects and composites"),
            }
        };
        self.push_type(TypeDef { name, doc: data.description.clone(), kind });
        Ok(())
    }

    /// Whether values of `ty` travel as text (see [`super::facts::is_text`]), among the types so far.
    pub(super) fn is_text(&self, ty: &TypeRef) -> bool {
        super::facts::is_text(&|name| self.kind_named(name), ty)
    }
}

/// Components keyed for lookups during lowering.
pub(super) type ComponentNames = HashMap<ComponentKey, String>;
