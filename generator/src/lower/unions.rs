//! Unions: `oneOf`/`anyOf` become enums of their members, told apart by trying each in turn or,
//! with a `discriminator`, by a property's value.

use openapiv3::{ReferenceOr, Schema};

use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{TypeKind, TypeRef, UnionVariant};
use crate::load::{self, DocId};
use crate::names::Namespace;

impl Lowerer<'_> {
    /// A discriminated union: which property tells the variants apart, and which value means
    /// which variant (the mapping, or each referenced schema's own name when there is none).
    pub(super) fn tagged(
        &self,
        doc: DocId,
        discriminator: &openapiv3::Discriminator,
        schemas: &[ReferenceOr<Schema>],
        variants: Vec<UnionVariant>,
        at: &Pointer,
    ) -> Result<TypeKind, SpecError> {
        let at = at.join("discriminator");
        let mut mapping = Vec::new();
        if discriminator.mapping.is_empty() {
            for (schema, variant) in schemas.iter().zip(&variants) {
                if let Some(value) = load::implicit_mapping_value(schema) {
                    mapping.push((value.to_owned(), variant.name.clone()));
                }
            }
        }
        for (value, reference) in &discriminator.mapping {
            let member = load::mapping_member(reference, schemas);
            let variant = member.map(|i| variants[i].name.clone()).ok_or_else(|| {
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

    pub(super) fn union_variants(
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
