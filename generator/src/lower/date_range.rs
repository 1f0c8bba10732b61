//! `x-date-range`: two date query parameters of an operation and the window they must keep
//! (`{from, to, maxDays, maxMonthsBack}`), checked against the operation's parameters.

use super::operation::Found;
use super::Lowerer;
use crate::error::SpecError;
use crate::ir::{DateRange, Param, ParamRef, TypeRef};

impl Lowerer<'_> {
    /// Reads `x-date-range`: `from` and `to` name string query parameters (required arguments or
    /// optional ones); the limits are whole numbers.
    pub(super) fn date_range(
        &self,
        f: &Found<'_>,
        required: &[Param],
        optional: &[Param],
    ) -> Result<Option<DateRange>, SpecError> {
        let Some(value) = f.op.extensions.get("x-date-range") else { return Ok(None) };
        let at = f.at.join("x-date-range");
        let invalid = |message: String| SpecError::new(self.path(f.doc), at.as_str(), message);
        let param = |key: &str| -> Result<ParamRef, SpecError> {
            let wire = value
                .get(key)
                .and_then(|v| v.as_str())
                .ok_or_else(|| invalid(format!("x-date-range needs `{key}`: the name of a date query parameter")))?;
            let found = required.iter().map(|p| (p, false)).chain(optional.iter().map(|p| (p, true)));
            let (param, optional) = found
                .into_iter()
                .find(|(p, _)| p.wire_name == wire && p.ty == TypeRef::String)
                .ok_or_else(|| invalid(format!("`{wire}` is not a string query parameter of the operation")))?;
            Ok(ParamRef { name: param.name.clone(), wire_name: param.wire_name.clone(), optional })
        };
        let (from, to) = (param("from")?, param("to")?);
        let number = |key: &str| -> Result<Option<u64>, SpecError> {
            match value.get(key) {
                None => Ok(None),
                Some(n) => n.as_u64().map(Some).ok_or_else(|| invalid(format!("`{key}` is a whole number"))),
            }
        };
        let max_days = number("maxDays")?.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
        let max_months_back = number("maxMonthsBack")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
        Ok(Some(DateRange { from, to, max_days, max_months_back }))
    }
}
