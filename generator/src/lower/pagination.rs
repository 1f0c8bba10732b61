//! Paged list operations (`x-pagination`): the extension names the cursor parameter and the
//! response's cursor and items fields; each is checked against the operation's lowered types.

use super::operation::Found;
use super::Lowerer;
use crate::error::SpecError;
use crate::ir::{OptionalParams, Pagination, ParamLocation, Response, TypeKind, TypeRef};
use crate::names::Namespace;

impl Lowerer<'_> {
    /// Reads `x-pagination` and checks it against the operation's own types: the cursor is an
    /// optional query parameter, and the response has the cursor and an array of items.
    pub(super) fn pagination(
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
