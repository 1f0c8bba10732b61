//! Paged list operations (`x-pagination`): the extension names the parameter that asks for a page
//! (a cursor or a page number) and the response's fields that say what comes next and hold the
//! items; each is checked against the operation's lowered types.

use super::operation::Found;
use super::Lowerer;
use crate::error::SpecError;
use crate::ir::{NextPage, OptionalParams, Pagination, ParamLocation, Response, TypeKind, TypeRef};
use crate::names::Namespace;

impl Lowerer<'_> {
    /// Reads `x-pagination` and checks it against the operation's own types: the page is asked
    /// for by an optional query parameter, and the response has an array of items and says which
    /// page comes next, by a cursor (`cursorParam`, `cursorField`) or by number (`pageParam`,
    /// `pageField` (by default the parameter's name), `pageCountField`).
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
        let text = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let (param_wire, by_number) = match (text("cursorParam"), text("pageParam")) {
            (Some(cursor), None) => (cursor, false),
            (None, Some(page)) => (page, true),
            _ => {
                return Err(invalid(
                    "x-pagination names the page either by cursor (cursorParam, cursorField, itemsField) or by \
                     number (pageParam, pageCountField, itemsField, and pageField when it is not pageParam)"
                        .into(),
                ))
            }
        };
        let Some(items_field) = text("itemsField") else {
            return Err(invalid("x-pagination needs the string itemsField".into()));
        };
        let param = params
            .and_then(|p| p.params.iter().find(|p| p.wire_name == param_wire && p.location == ParamLocation::Query))
            .ok_or_else(|| invalid(format!("`{param_wire}` is not an optional query parameter of the operation")))?;
        let fields = match response {
            Response::Json(TypeRef::Named(name)) => match self.kind_named(name) {
                Some(TypeKind::Struct(s)) => &s.fields,
                _ => return Err(invalid(format!("the response type `{name}` is not an object"))),
            },
            _ => return Err(invalid("a paged operation must answer with a JSON object".into())),
        };
        let field_of = |wire: &str, fits: fn(&TypeRef) -> bool, what: &str| {
            fields
                .iter()
                .find(|fl| fl.wire_name == wire && fits(&fl.ty))
                .ok_or_else(|| invalid(format!("`{wire}` is not {what} field of the response")))
        };
        let integer = |ty: &TypeRef| matches!(ty, TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64);
        let next = if by_number {
            if !integer(&param.ty) {
                return Err(invalid(format!("the page parameter `{param_wire}` is not an integer")));
            }
            let page_wire = text("pageField").unwrap_or_else(|| param_wire.clone());
            let Some(count_wire) = text("pageCountField") else {
                return Err(invalid("x-pagination by page number needs the string pageCountField".into()));
            };
            let page = field_of(&page_wire, integer, "an integer")?;
            let count = field_of(&count_wire, integer, "an integer")?;
            if page.ty != param.ty || count.ty != param.ty {
                return Err(invalid(format!(
                    "`{page_wire}`, `{count_wire}` and the parameter `{param_wire}` must have the same integer type"
                )));
            }
            NextPage::Number {
                page_field: page.name.clone(),
                page_optional: page.is_optional(),
                count_field: count.name.clone(),
                count_optional: count.is_optional(),
            }
        } else {
            let Some(cursor_wire) = text("cursorField") else {
                return Err(invalid("x-pagination by cursor needs the string cursorField".into()));
            };
            if param.ty != TypeRef::String {
                return Err(invalid(format!("the cursor parameter `{param_wire}` is not a string")));
            }
            let cursor = field_of(&cursor_wire, |ty| matches!(ty, TypeRef::String), "a string")?;
            NextPage::Cursor { field: cursor.name.clone(), optional: cursor.is_optional() }
        };
        let items = field_of(&items_field, |ty| matches!(ty, TypeRef::Vec(_)), "an array")?;
        let TypeRef::Vec(item) = &items.ty else { unreachable!("matched as an array above") };
        Ok(Some(Pagination {
            stream_fn_name: method_names.claim(format!("{fn_name}_stream")),
            params_field: param.name.clone(),
            param_wire,
            next,
            items_field: items.name.clone(),
            items_optional: items.is_optional(),
            item: (**item).clone(),
        }))
    }
}
