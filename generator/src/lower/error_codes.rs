//! Vendor error codes (`x-error-codes`): read from each response, they become one open integer
//! enum per client, and the error body's integer `code` field takes that type: a documented code
//! is matched by name, any other is kept as its number.

use std::collections::BTreeMap;

use super::Lowerer;
use crate::error::{Pointer, SpecError};
use crate::ir::{ErrorCode, Field, IntVariant, Resource, TypeDef, TypeKind, TypeRef};
use crate::load::DocId;
use crate::names::{self, Namespace};

impl Lowerer<'_> {
    /// Reads `x-error-codes: [{code, name, description}]`.
    pub(super) fn error_codes(
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

    /// Defines the code enum and retypes the error body's `code` field; `None` without codes.
    pub(super) fn error_code_enum(&mut self, resources: &[Resource], error_body: &TypeRef) -> Option<String> {
        let mut by_code: BTreeMap<i64, Vec<&ErrorCode>> = BTreeMap::new();
        for code in resources.iter().flat_map(|r| &r.operations).flat_map(|op| &op.error_codes) {
            by_code.entry(code.code).or_default().push(code);
        }
        if by_code.is_empty() {
            return None;
        }
        let body_name = match error_body {
            TypeRef::Named(name) => name.as_str(),
            _ => "Error",
        };
        let enum_name = self.type_names.claim(format!("{body_name}Code"));
        let mut taken = Namespace::default();
        let variants = by_code
            .iter()
            .map(|(code, uses)| {
                let name = most_common_name(uses);
                // The meaning under the chosen name; operations that document other messages for
                // the same code say so in their own `# Errors` section.
                let meaning = uses.iter().filter(|u| u.name == name).find_map(|u| u.description.as_deref());
                let others = uses.iter().filter_map(|u| u.description.as_deref()).any(|d| Some(d) != meaning);
                let doc = match (meaning, others) {
                    (Some(meaning), true) => Some(format!(
                        "{meaning}\n\nSome operations document other messages under this code; each method's `# Errors` section lists its own."
                    )),
                    (Some(meaning), false) => Some(meaning.to_owned()),
                    (None, true) => Some("Each method's `# Errors` section says what it means there.".to_owned()),
                    (None, false) => None,
                };
                IntVariant { name: taken.claim(names::camel(name, "Code")), value: *code, doc }
            })
            .collect();
        let doc = Some(format!(
            "The error codes this API documents in its error bodies (`{body_name}`). A code it does not document is kept as its number."
        ));
        self.push_type(TypeDef {
            name: enum_name.clone(),
            doc,
            kind: TypeKind::IntEnum { variants, unknown: "Unknown".into() },
        });
        let code_field = match self.kind_named_mut(body_name) {
            Some(TypeKind::Struct(s)) => s.fields.iter_mut().find(|f: &&mut Field| f.wire_name == "code"),
            _ => None,
        };
        if let Some(field) = code_field {
            if matches!(field.ty, TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64) {
                field.ty = TypeRef::Named(enum_name.clone());
            }
        }
        Some(enum_name)
    }
}

/// The name most operations give a code (the first such on a tie), so the variant reads right
/// for most callers; the doc lists every meaning.
fn most_common_name<'a>(uses: &[&'a ErrorCode]) -> &'a str {
    let mut best: (&str, usize) = (&uses[0].name, 0);
    for candidate in uses {
        let count = uses.iter().filter(|u| u.name == candidate.name).count();
        if count > best.1 {
            best = (&candidate.name, count);
        }
    }
    best.0
}
