//! `allOf` parts whose fields are not known yet: an object inside a type's own properties that
//! extends that type (`Node.children[]: allOf: [Node, {depth}]`). The type is still being
//! lowered when the part is met, so its fields are merged in once it is done.

use std::path::PathBuf;

use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{TypeKind, TypeRef};
use crate::load::ComponentKey;
use crate::names::Namespace;

/// The fields of `from` to merge into the struct `into`, at `position` among its fields.
#[derive(Debug)]
pub(super) struct DeferredMerge {
    pub(super) into: String,
    pub(super) from: ComponentKey,
    pub(super) position: usize,
    /// Where the part is written, for the error when `from` is no object.
    pub(super) file: PathBuf,
    pub(super) at: Pointer,
}

impl Lowerer<'_> {
    /// Whether an `allOf` part that is `key`, still being lowered, can wait for it: when a
    /// property lies between `key` and here (the part is inside `key`'s own fields). Otherwise
    /// `key` includes itself through `allOf` alone, which no type can.
    pub(super) fn can_defer(&self, key: &ComponentKey) -> bool {
        for entry in self.lowering.iter().rev() {
            match entry {
                None => return true,
                Some(open) if open == key => return false,
                Some(_) => {}
            }
        }
        false
    }

    /// Merges the fields of `done`, now lowered, into the structs that waited for them.
    pub(super) fn merge_deferred(&mut self, done: &ComponentKey) -> Result<(), SpecError> {
        if !self.deferred.iter().any(|d| &d.from == done) {
            return Ok(());
        }
        let (ready, waiting): (Vec<DeferredMerge>, Vec<DeferredMerge>) =
            std::mem::take(&mut self.deferred).into_iter().partition(|d| &d.from == done);
        self.deferred = waiting;
        let name = self.component_names[done].clone();
        let Some(TypeKind::Struct(part)) = self.resolved_kind(&TypeRef::Named(name.clone())).cloned() else {
            let first = &ready[0];
            return Err(SpecError::new(
                &first.file,
                first.at.as_str(),
                format!("allOf can only combine object schemas; `{}` is not an object", done.name),
            ));
        };
        for merge in ready {
            // What `done` itself still waits for, `into` waits for too.
            let inherited: Vec<DeferredMerge> = self
                .deferred
                .iter()
                .filter(|d| d.into == name)
                .map(|d| DeferredMerge {
                    into: merge.into.clone(),
                    from: d.from.clone(),
                    position: merge.position + part.fields.len(),
                    file: d.file.clone(),
                    at: d.at.clone(),
                })
                .collect();
            self.deferred.extend(inherited);
            let Some(TypeKind::Struct(into)) = self.kind_named_mut(&merge.into) else {
                continue;
            };
            let mut taken = Namespace::with_reserved(&["additional_properties"]);
            for field in &into.fields {
                taken.claim(field.name.clone());
            }
            let mut position = merge.position.min(into.fields.len());
            for field in &part.fields {
                // A field the struct names itself comes from a later part or its own
                // properties, and refines this one.
                if let Some(existing) = into.fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                    existing.required |= field.required;
                    continue;
                }
                let mut field = field.clone();
                field.name = taken.claim(field.name);
                into.fields.insert(position, field);
                position += 1;
            }
            if into.additional.is_none() {
                into.additional = part.additional.clone();
            }
        }
        Ok(())
    }
}
