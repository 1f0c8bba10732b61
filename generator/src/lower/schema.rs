//! Schemas to types: which schemas become named Rust types, what each field's type is, and
//! what the named types are called.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{
    Constraints, Field, IntVariant, MixedVariant, Number, Struct, TypeDef, TypeKind, TypeRef, UnionVariant, Variant,
};
use crate::load::{ComponentKey, DocId};
use crate::names::{self, Namespace};

/// How deep `allOf` may nest before we call the spec cyclic.
const MAX_ALL_OF_DEPTH: usize = 32;
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
        SchemaKind::AllOf { all_of } => all_of.len() != 1,
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || !any.all_of.is_empty()
                || !any.one_of.is_empty()
                || !any.any_of.is_empty()
                || enum_values(any).is_some()
        }
        _ => false,
    }
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

    /// Whether following bare `$ref`s from `from` comes back to `to` without meeting a schema.
    fn is_bare_reference_cycle(&self, from: &ComponentKey, to: &ComponentKey) -> bool {
        let mut current = from.clone();
        for _ in 0..MAX_ALL_OF_DEPTH {
            if &current == to {
                return true;
            }
            match self.bundle.schema(&current) {
                Some(ReferenceOr::Reference { reference }) => {
                    match self.bundle.schema_key(current.doc, reference, "") {
                        Ok(next) => current = next,
                        Err(_) => return false,
                    }
                }
                _ => return false,
            }
        }
        true
    }

    /// The type a `$ref` to a component stands for.
    pub(super) fn component_ref(&mut self, key: &ComponentKey) -> Result<TypeRef, SpecError> {
        let name = self.component_names[key].clone();
        match self.components.get(key) {
            Some(ComponentState::Done(ty)) => return Ok(ty.clone()),
            Some(ComponentState::InProgress) => return Ok(TypeRef::Named(name)),
            None => {}
        }
        self.components.insert(key.clone(), ComponentState::InProgress);
        let schema = self.bundle.schema(key).expect("component keys come from the documents");
        let at_component = Pointer::root().join("components").join("schemas").join(&key.name);
        let ty = match schema {
            ReferenceOr::Reference { reference } => {
                let target = self.bundle.schema_key(key.doc, reference, at_component.as_str())?;
                if matches!(self.components.get(&target), Some(ComponentState::InProgress))
                    && self.is_bare_reference_cycle(&target, key)
                {
                    return Err(SpecError::new(
                        self.path(key.doc),
                        at_component.join("$ref").as_str(),
                        format!(
                            "`{}` is only a reference to itself (through `{reference}`): no schema says what it is",
                            key.name
                        ),
                    ));
                }
                self.component_ref(&target)?
            }
            ReferenceOr::Item(schema) if needs_name(schema) => {
                self.define(key.doc, schema, name.clone(), &at_component)?;
                TypeRef::Named(name)
            }
            ReferenceOr::Item(schema) => self.inline_type(key.doc, schema, &name, &at_component)?,
        };
        self.components.insert(key.clone(), ComponentState::Done(ty.clone()));
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
            // `allOf: [$ref]` is how 3.0 specs attach a description or `nullable` to a reference.
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.schema_type(doc, &all_of[0], hint, &at.join("allOf").join(0))?
            }
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

    /// A discriminated union: which property tells the variants apart, and which value means
    /// which variant (the mapping, or each referenced schema's own name when there is none).
    fn tagged(
        &self,
        doc: DocId,
        discriminator: &openapiv3::Discriminator,
        schemas: &[ReferenceOr<Schema>],
        variants: Vec<UnionVariant>,
        at: &Pointer,
    ) -> Result<TypeKind, SpecError> {
        let at = at.join("discriminator");
        let mut mapping = Vec::new();
        let variant_of = |reference: &str| -> Option<String> {
            let index =
                schemas.iter().position(|s| matches!(s, ReferenceOr::Reference { reference: r } if r == reference))?;
            Some(variants[index].name.clone())
        };
        if discriminator.mapping.is_empty() {
            for (schema, variant) in schemas.iter().zip(&variants) {
                if let ReferenceOr::Reference { reference } = schema {
                    let name = reference.rsplit('/').next().unwrap_or(reference);
                    mapping.push((name.to_owned(), variant.name.clone()));
                }
            }
        }
        for (value, reference) in &discriminator.mapping {
            // A mapping names a schema by $ref or by its bare name.
            let full =
                if reference.contains('/') { reference.clone() } else { format!("#/components/schemas/{reference}") };
            let variant = variant_of(&full).or_else(|| variant_of(reference)).ok_or_else(|| {
                SpecError::new(
                    self.path(doc),
                    at.join("mapping").join(value).as_str(),
                    format!("the discriminator maps `{value}` to `{reference}`, which is not one of the oneOf schemas"),
                )
            })?;
            mapping.push((value.clone(), variant));
        }
        let mut taken = Namespace::default();
        for variant in &variants {
            taken.claim(variant.name.clone());
        }
        let unknown = taken.claim("Unknown".to_owned());
        Ok(TypeKind::Tagged { property: discriminator.property_name.clone(), variants, mapping, unknown })
    }

    /// An enum without a single declared type: a string or integer enum when its values say so,
    /// otherwise one whose variants carry their JSON literals.
    fn untyped_enum(&self, data: &SchemaData, values: &[&serde_json::Value]) -> TypeKind {
        if let Some(strings) = values.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>() {
            return self.string_enum(data, &strings);
        }
        if let Some(ints) = values.iter().map(|v| v.as_i64()).collect::<Option<Vec<_>>>() {
            return int_enum(data, &ints);
        }
        let docs = string_list(data, "x-enum-descriptions");
        let mut taken = Namespace::default();
        let variants: Vec<MixedVariant> = values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let text = match value {
                    serde_json::Value::String(s) => s.clone(),
                    // `2.5` and `25` must not both become `V25`.
                    other => other.to_string().replace('.', " point "),
                };
                MixedVariant {
                    name: taken.claim(names::camel(&text, "Empty")),
                    value: (*value).clone(),
                    doc: docs.get(i).cloned(),
                }
            })
            .collect();
        let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
        TypeKind::MixedEnum { variants, unknown }
    }

    fn string_enum(&self, data: &SchemaData, values: &[String]) -> TypeKind {
        let variants = self.string_variants(data, values);
        let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
        TypeKind::Enum { variants, unknown }
    }

    fn string_variants(&self, data: &SchemaData, values: &[String]) -> Vec<Variant> {
        // Names as for integer enums: values such as "1-20" would otherwise become `V120`.
        let names = string_list(data, "x-enum-varnames");
        let docs = string_list(data, "x-enum-descriptions");
        let mut taken = Namespace::default();
        values
            .iter()
            .enumerate()
            .map(|(i, wire)| Variant {
                name: taken.claim(names::camel(names.get(i).unwrap_or(wire), "Empty")),
                wire: wire.clone(),
                doc: docs.get(i).cloned(),
            })
            .collect()
    }

    fn union_variants(
        &mut self,
        doc: DocId,
        variants: &[ReferenceOr<Schema>],
        name: &str,
        at: &Pointer,
    ) -> Result<Vec<UnionVariant>, SpecError> {
        let mut taken = Namespace::default();
        let mut out = Vec::with_capacity(variants.len());
        for (i, variant) in variants.iter().enumerate() {
            let ty = self.schema_type(doc, variant, &format!("{name}Variant{}", i + 1), &at.join(i))?;
            let variant_name = match &ty {
                TypeRef::Named(named) => {
                    named.strip_prefix(name).filter(|rest| !rest.is_empty()).unwrap_or(named).to_owned()
                }
                other => type_word(other).to_owned(),
            };
            out.push(UnionVariant { name: taken.claim(variant_name), ty, boxed: false });
        }
        Ok(out)
    }

    /// Adds the properties of `schema` (and of everything it `allOf`-includes) to `object`.
    #[allow(clippy::too_many_arguments)]
    fn merge_object(
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
            for (i, part) in parts.iter().enumerate() {
                let part_at = at.join("allOf").join(i);
                let (part_doc, part_schema, part_at) = match part {
                    ReferenceOr::Item(s) => (doc, s.clone(), part_at),
                    ReferenceOr::Reference { reference } => {
                        let key = self.bundle.schema_key(doc, reference, part_at.as_str())?;
                        if matches!(self.components.get(&key), Some(ComponentState::InProgress)) {
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
                        let target = self.resolved_schema(&key, &part_at)?;
                        (key.doc, target, Pointer::root().join("components").join("schemas").join(&key.name))
                    }
                };
                self.merge_object(part_doc, &part_schema, name, &part_at, object, taken, depth + 1)?;
            }
        }
        for (wire, property) in properties.into_iter().flatten() {
            let prop_at = at.join("properties").join(wire);
            let hint = format!("{name}{}", names::camel(wire, "Field"));
            let ty = self.boxed_schema_type(doc, property, &hint, &prop_at)?;
            let (data, doc_text, constraints) = match property {
                ReferenceOr::Item(s) => (Some(&s.schema_data), s.schema_data.description.clone(), constraints_of(s)),
                // OpenAPI 3.0 ignores siblings of `$ref`, so the field says what its type says.
                ReferenceOr::Reference { reference } => {
                    (None, self.referenced_description(doc, reference), self.referenced_constraints(doc, reference))
                }
            };
            let field = Field {
                name: String::new(),
                wire_name: wire.clone(),
                ty,
                required: required.contains(wire),
                nullable: data.is_some_and(|d| d.nullable),
                read_only: data.is_some_and(|d| d.read_only),
                doc: doc_text,
                boxed: false,
                constraints,
            };
            // A later allOf part that repeats a property refines it: it replaces the earlier one.
            if let Some(existing) = object.fields.iter_mut().find(|f| f.wire_name == *wire) {
                let required = existing.required || field.required;
                *existing = Field { name: existing.name.clone(), required, ..field };
            } else {
                object.fields.push(Field { name: taken.claim(names::snake(wire, "field")), ..field });
            }
        }
        for wire in required {
            if let Some(field) = object.fields.iter_mut().find(|f| f.wire_name == *wire) {
                field.required = true;
            }
        }
        match additional {
            Some(AdditionalProperties::Any(true)) => object.additional = Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(value)) => {
                let value = self.schema_type(doc, value, &format!("{name}Value"), &at.join("additionalProperties"))?;
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
        Ok(self.types.iter().find(|t| t.name == name).and_then(|t| match &t.kind {
            TypeKind::Struct(s) => Some(s.clone()),
            _ => None,
        }))
    }

    /// The properties of an object schema (following `$ref`s and merging `allOf`), for types
    /// that are not serde structs (form bodies).
    pub(super) fn object_fields(
        &mut self,
        doc: DocId,
        schema: &ReferenceOr<Schema>,
        name: &str,
        at: &Pointer,
    ) -> Result<Struct, SpecError> {
        let (doc, schema, at) = match schema {
            ReferenceOr::Item(schema) => (doc, schema.clone(), at.clone()),
            ReferenceOr::Reference { reference } => {
                let key = self.bundle.schema_key(doc, reference, at.as_str())?;
                (
                    key.doc,
                    self.resolved_schema(&key, at)?,
                    Pointer::root().join("components").join("schemas").join(&key.name),
                )
            }
        };
        let mut object = Struct::default();
        self.merge_object(doc, &schema, name, &at, &mut object, &mut Namespace::default(), 0)?;
        Ok(object)
    }

    /// Whether values of `ty` travel as text (see [`super::facts::is_text`]), among the types so far.
    pub(super) fn is_text(&self, ty: &TypeRef) -> bool {
        let types = &self.types;
        super::facts::is_text(&|name| types.iter().find(|t| t.name == name).map(|t| &t.kind), ty)
    }

    /// The single-field rules of a referenced component (a shared string with a pattern, say).
    pub(super) fn referenced_constraints(&self, doc: DocId, reference: &str) -> Constraints {
        let Ok(key) = self.bundle.schema_key(doc, reference, "") else { return Constraints::default() };
        self.resolved_schema(&key, &Pointer::root()).map(|s| constraints_of(&s)).unwrap_or_default()
    }

    fn referenced_description(&self, doc: DocId, reference: &str) -> Option<String> {
        let key = self.bundle.schema_key(doc, reference, "").ok()?;
        match self.bundle.schema(&key)? {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The schema a component stands for, following `$ref` chains between components.
    fn resolved_schema(&self, key: &ComponentKey, at: &Pointer) -> Result<Schema, SpecError> {
        let mut key = key.clone();
        for _ in 0..MAX_ALL_OF_DEPTH {
            match self.bundle.schema(&key).expect("component keys come from the documents") {
                ReferenceOr::Item(schema) => return Ok(schema.clone()),
                ReferenceOr::Reference { reference } => {
                    key = self.bundle.schema_key(key.doc, reference, at.as_str())?
                }
            }
        }
        Err(SpecError::new(self.path(key.doc), at.as_str(), "$ref chain does not end (a cycle?)"))
    }
}

fn int_enum(data: &SchemaData, values: &[i64]) -> TypeKind {
    let variants = int_variants(data, values);
    let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
    TypeKind::IntEnum { variants, unknown }
}

fn int_variants(data: &SchemaData, values: &[i64]) -> Vec<IntVariant> {
    let names = string_list(data, "x-enum-varnames");
    let docs = string_list(data, "x-enum-descriptions");
    let mut taken = Namespace::default();
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let wanted = match names.get(i) {
                Some(name) => names::camel(name, "Value"),
                None => names::camel(&value.to_string(), "Value"),
            };
            IntVariant { name: taken.claim(wanted), value: *value, doc: docs.get(i).cloned() }
        })
        .collect()
}

/// Adds another struct's fields (an `allOf` part): a field named again refines the earlier one.
fn merge_fields(object: &mut Struct, taken: &mut Namespace, part: Struct) {
    for field in part.fields {
        if let Some(existing) = object.fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
            let required = existing.required || field.required;
            *existing = Field { name: existing.name.clone(), required, ..field };
        } else {
            object.fields.push(Field { name: taken.claim(field.name.clone()), ..field });
        }
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

/// The name of the variant that keeps values the spec does not list: `Unknown`, unless the
/// spec itself has a value named so.
fn unknown_variant<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    if names.any(|n| n == "Unknown") {
        "UnknownValue".to_owned()
    } else {
        "Unknown".to_owned()
    }
}

/// A list of strings from a vendor extension (`x-enum-varnames`, `x-enum-descriptions`).
fn string_list(data: &SchemaData, extension: &str) -> Vec<String> {
    match data.extensions.get(extension) {
        Some(serde_json::Value::Array(items)) => {
            items.iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
        }
        _ => Vec::new(),
    }
}

/// A variant name for an unnamed union member.
fn type_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Named(_) => "Object",
        TypeRef::String | TypeRef::I64AsString => "String",
        TypeRef::Bool => "Bool",
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "Integer",
        TypeRef::F32 | TypeRef::F64 => "Number",
        TypeRef::Vec(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Json => "Json",
        TypeRef::Bytes => "Bytes",
    }
}

/// Components keyed for lookups during lowering.
pub(super) type ComponentNames = HashMap<ComponentKey, String>;
