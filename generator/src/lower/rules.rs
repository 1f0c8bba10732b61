//! Domain rules as data: `x-rules` (cross-field conditions a request must meet) and
//! `x-constructors` (named constructors that build a valid value) are read next to the schema or
//! operation they govern, and resolved against the lowered types: every field path must exist,
//! and every value must be one the field can hold. A rule that does not resolve is a spec error.

use std::path::PathBuf;

use serde_json::Value;

use crate::error::{Pointer, SpecError};
use crate::ir::{
    follow_aliases, Access, Condition, Constructor, Field, FixedValue, Literal, Number, Rule, Step, TypeDef, TypeKind,
    TypeRef, ValueKind,
};
use crate::names::{self, Namespace};

/// Rules and constructors found while lowering, resolved once every type exists.
#[derive(Debug, Default)]
pub(super) struct Pending {
    items: Vec<PendingItem>,
}

#[derive(Debug)]
struct PendingItem {
    type_name: String,
    file: PathBuf,
    at: Pointer,
    kind: PendingKind,
}

#[derive(Debug)]
enum PendingKind {
    Rules(Value),
    Constructors(Value),
}

impl Pending {
    /// Notes the `x-rules` and `x-constructors` of a schema or operation (`extensions`) for the
    /// type `type_name`.
    pub(super) fn note(
        &mut self,
        type_name: &str,
        file: &std::path::Path,
        at: &Pointer,
        extensions: &indexmap::IndexMap<String, Value>,
    ) {
        for (key, kind) in
            [("x-rules", PendingKind::Rules as fn(Value) -> PendingKind), ("x-constructors", PendingKind::Constructors)]
        {
            if let Some(value) = extensions.get(key) {
                self.items.push(PendingItem {
                    type_name: type_name.to_owned(),
                    file: file.to_owned(),
                    at: at.join(key),
                    kind: kind(value.clone()),
                });
            }
        }
    }

    /// Resolves everything noted and attaches it to its type.
    pub(super) fn resolve(self, types: &mut [TypeDef]) -> Result<(), SpecError> {
        for item in self.items {
            let error = |at: &Pointer, message: String| SpecError::new(&item.file, at.as_str(), message);
            let resolver = Resolver { types, owner: &item.type_name };
            match &item.kind {
                PendingKind::Rules(value) => {
                    let list =
                        value.as_array().ok_or_else(|| error(&item.at, "x-rules must be a list of rules".into()))?;
                    let mut rules = Vec::with_capacity(list.len());
                    for (i, rule) in list.iter().enumerate() {
                        let at = item.at.join(i);
                        let rule =
                            resolver.rule(rule).map_err(|(sub, message)| error(&join_all(&at, &sub), message))?;
                        rules.extend(rule);
                    }
                    match &mut types
                        .iter_mut()
                        .find(|t| t.name == item.type_name)
                        .expect("noted for a defined type")
                        .kind
                    {
                        TypeKind::Struct(s) => s.rules.extend(rules),
                        TypeKind::Params(_, r) => r.extend(rules),
                        _ => {
                            return Err(error(
                                &item.at,
                                "x-rules can only govern an object or an operation's parameters".into(),
                            ))
                        }
                    }
                }
                PendingKind::Constructors(value) => {
                    let list =
                        value.as_array().ok_or_else(|| error(&item.at, "x-constructors must be a list".into()))?;
                    let mut constructors = Vec::with_capacity(list.len());
                    let mut taken = Namespace::with_reserved(&["new"]);
                    for (i, constructor) in list.iter().enumerate() {
                        let at = item.at.join(i);
                        let resolved = resolver
                            .constructor(constructor, &mut taken)
                            .map_err(|(sub, message)| error(&join_all(&at, &sub), message))?;
                        constructors.push(resolved);
                    }
                    match &mut types
                        .iter_mut()
                        .find(|t| t.name == item.type_name)
                        .expect("noted for a defined type")
                        .kind
                    {
                        TypeKind::Struct(s) => s.constructors.extend(constructors),
                        _ => return Err(error(&item.at, "x-constructors can only build an object".into())),
                    }
                }
            }
        }
        Ok(())
    }
}

fn join_all(at: &Pointer, segments: &[String]) -> Pointer {
    segments.iter().fold(at.clone(), |at, segment| at.join(segment))
}

/// A failure inside a rule: the pointer segments below the rule, and the message.
type Failure = (Vec<String>, String);

fn fail<T>(segments: &[&str], message: impl Into<String>) -> Result<T, Failure> {
    Err((segments.iter().map(|s| (*s).to_owned()).collect(), message.into()))
}

struct Resolver<'t> {
    types: &'t [TypeDef],
    owner: &'t str,
}

impl Resolver<'_> {
    fn fields_of(&self, name: &str) -> Option<&[Field]> {
        match &self.types.iter().find(|t| t.name == name)?.kind {
            TypeKind::Struct(s) => Some(&s.fields),
            TypeKind::Params(fields, _) => Some(fields),
            _ => None,
        }
    }

    /// Follows a dotted path of wire names from the owner type.
    fn path(&self, path: &str) -> Result<(Vec<Step>, &Field), String> {
        let mut steps = Vec::new();
        let mut current = self.owner.to_owned();
        let segments: Vec<&str> = path.split('.').collect();
        for (i, segment) in segments.iter().enumerate() {
            let fields = self
                .fields_of(&current)
                .ok_or_else(|| format!("`{}` in `{path}` is not an object", segments[..i].join(".")))?;
            let field = fields
                .iter()
                .find(|f| f.wire_name == *segment)
                .ok_or_else(|| format!("`{current}` has no field `{segment}` (in the path `{path}`)"))?;
            steps.push(Step { field: field.name.clone(), optional: field.is_optional(), boxed: field.boxed });
            if i + 1 == segments.len() {
                return Ok((steps, field));
            }
            current = match &field.ty {
                TypeRef::Named(name) => name.clone(),
                _ => return Err(format!("`{}` in `{path}` is not an object", segments[..=i].join("."))),
            };
        }
        Err(format!("the path `{path}` is empty"))
    }

    fn kind_of(&self, ty: &TypeRef) -> ValueKind {
        match follow_aliases(|name| self.types.iter().find(|t| t.name == name).map(|t| &t.kind), ty) {
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                Some(TypeKind::Enum { .. }) => ValueKind::Text,
                Some(TypeKind::IntEnum { .. }) => ValueKind::IntEnum,
                _ => ValueKind::Other,
            },
            TypeRef::String => ValueKind::Text,
            TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::I64AsString => ValueKind::Integer,
            TypeRef::F32 | TypeRef::F64 => ValueKind::Float,
            TypeRef::Bool => ValueKind::Bool,
            _ => ValueKind::Other,
        }
    }

    /// A JSON value as a literal the field can hold (an enum's own values only).
    fn literal(&self, ty: &TypeRef, kind: &ValueKind, value: &Value, field: &str) -> Result<Literal, String> {
        let literal = match (kind, value) {
            (ValueKind::Text, Value::String(s)) => Literal::Text(s.clone()),
            (ValueKind::IntEnum | ValueKind::Integer, Value::Number(n)) if n.is_i64() => {
                Literal::Int(n.as_i64().unwrap_or_default())
            }
            (ValueKind::Float, Value::Number(n)) => Literal::Float(n.as_f64().unwrap_or_default()),
            (ValueKind::Bool, Value::Bool(b)) => Literal::Bool(*b),
            _ => return Err(format!("{value} is not a value `{field}` can hold")),
        };
        if let TypeRef::Named(name) = ty {
            let allowed: Option<Vec<Literal>> = match self.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                Some(TypeKind::Enum { variants, .. }) => {
                    Some(variants.iter().map(|v| Literal::Text(v.wire.clone())).collect())
                }
                Some(TypeKind::IntEnum { variants, .. }) => {
                    Some(variants.iter().map(|v| Literal::Int(v.value)).collect())
                }
                _ => None,
            };
            if let Some(allowed) = allowed.filter(|allowed| !allowed.contains(&literal)) {
                let shown: Vec<String> = allowed.iter().map(|l| format!("{l:?}")).collect();
                return Err(format!("{value} is not one of `{field}`'s values ({})", shown.join(", ")));
            }
        }
        Ok(literal)
    }

    fn access(&self, value: &Value) -> Result<(Access, &Field), Failure> {
        let Some(path) = value.get("field").and_then(Value::as_str) else {
            return fail(&[], "a condition needs `field` (a dotted path of wire names), or allOf/anyOf/not");
        };
        let (steps, field) = self.path(path).map_err(|message| (vec!["field".to_owned()], message))?;
        let kind = self.kind_of(&field.ty);
        Ok((Access { steps, wire_path: path.to_owned(), kind }, field))
    }

    fn condition(&self, value: &Value) -> Result<Condition, Failure> {
        let nested = |key: &str| -> Result<Vec<Condition>, Failure> {
            let list = value[key]
                .as_array()
                .ok_or_else(|| (vec![key.to_owned()], format!("`{key}` must be a list of conditions")))?;
            list.iter()
                .enumerate()
                .map(|(i, c)| {
                    self.condition(c).map_err(|(mut sub, m)| {
                        sub.splice(0..0, [key.to_owned(), i.to_string()]);
                        (sub, m)
                    })
                })
                .collect()
        };
        if value.get("allOf").is_some() {
            return Ok(Condition::All(nested("allOf")?));
        }
        if value.get("anyOf").is_some() {
            return Ok(Condition::Any(nested("anyOf")?));
        }
        if let Some(inner) = value.get("not") {
            let inner = self.condition(inner).map_err(|(mut sub, m)| {
                sub.insert(0, "not".to_owned());
                (sub, m)
            })?;
            return Ok(Condition::Not(Box::new(inner)));
        }
        let (access, field) = self.access(value)?;
        let values = |key: &str| -> Result<Vec<Literal>, Failure> {
            let list = value[key]
                .as_array()
                .ok_or_else(|| (vec![key.to_owned()], format!("`{key}` must be a list of values")))?;
            if matches!(access.kind, ValueKind::Other) {
                return fail(&[key], format!("`{}` cannot be compared with values", access.wire_path));
            }
            list.iter()
                .enumerate()
                .map(|(i, v)| {
                    self.literal(&field.ty, &access.kind, v, &access.wire_path)
                        .map_err(|m| (vec![key.to_owned(), i.to_string()], m))
                })
                .collect()
        };
        let bound = |key: &str| -> Result<Number, Failure> {
            match (&access.kind, value[key].as_i64(), value[key].as_f64()) {
                (ValueKind::Integer, Some(n), _) => Ok(Number::Int(n)),
                (ValueKind::Float, _, Some(n)) => Ok(Number::Float(n)),
                _ => fail(
                    &[key],
                    format!("`{key}` needs a number, on a numeric field (`{}` is not one)", access.wire_path),
                ),
            }
        };
        if value.get("in").is_some() {
            let values = values("in")?;
            Ok(Condition::In(access, values))
        } else if value.get("notIn").is_some() {
            let values = values("notIn")?;
            Ok(Condition::NotIn(access, values))
        } else if let Some(present) = value.get("present") {
            let present = present
                .as_bool()
                .ok_or_else(|| (vec!["present".to_owned()], "`present` must be true or false".to_owned()))?;
            Ok(Condition::Present(access, present))
        } else if value.get("max").is_some() {
            let n = bound("max")?;
            Ok(Condition::Max(access, n))
        } else if value.get("min").is_some() {
            let n = bound("min")?;
            Ok(Condition::Min(access, n))
        } else {
            fail(&[], "a condition on a field needs one of in, notIn, present, min, max")
        }
    }

    /// A rule, or `None` when its empty groups make it one that never applies or never breaks
    /// (see [`fold`]).
    fn rule(&self, value: &Value) -> Result<Option<Rule>, Failure> {
        let Some(message) = value.get("message").and_then(Value::as_str) else {
            return fail(&["message"], "a rule needs a `message`");
        };
        let Some(require) = value.get("require") else {
            return fail(&["require"], "a rule needs a `require` condition");
        };
        let require = self.condition(require).map_err(|(mut sub, m)| {
            sub.insert(0, "require".to_owned());
            (sub, m)
        })?;
        let when = match value.get("when") {
            Some(when) => Some(self.condition(when).map_err(|(mut sub, m)| {
                sub.insert(0, "when".to_owned());
                (sub, m)
            })?),
            None => None,
        };
        let when = match when.map(fold) {
            None | Some(Err(true)) => None,
            Some(Err(false)) => return Ok(None),
            Some(Ok(when)) => Some(when),
        };
        let require = match fold(require) {
            Ok(require) => require,
            Err(true) => return Ok(None),
            Err(false) => {
                return fail(
                    &["require"],
                    "this requirement can never be met (an empty anyOf is false): every value would break the rule",
                )
            }
        };
        let path = first_path(&require).unwrap_or_default();
        let source = value.get("source").and_then(Value::as_str).map(str::to_owned);
        Ok(Some(Rule { when, require, message: message.to_owned(), source, path }))
    }

    fn constructor(&self, value: &Value, taken: &mut Namespace) -> Result<Constructor, Failure> {
        let Some(name) = value.get("name").and_then(Value::as_str) else {
            return fail(&["name"], "a constructor needs a `name`");
        };
        let name = taken.claim(names::snake(name, "build"));
        let mut args = Vec::new();
        let mut arg_names = Namespace::default();
        for (i, path) in value.get("params").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let at = ["params".to_owned(), i.to_string()];
            let path = path.as_str().ok_or_else(|| (at.to_vec(), "a parameter is a field path".to_owned()))?;
            let (_, field) = self.path(path).map_err(|m| (at.to_vec(), m))?;
            let last = path.rsplit('.').next().unwrap_or(path);
            args.push((arg_names.claim(names::snake(last, "value")), split(path), field.ty.clone()));
        }
        let mut values = Vec::new();
        for (path, literal) in value.get("values").and_then(Value::as_object).into_iter().flatten() {
            let at = ["values".to_owned(), path.clone()];
            let (_, field) = self.path(path).map_err(|m| (at.to_vec(), m))?;
            let kind = self.kind_of(&field.ty);
            let parsed = self.literal(&field.ty, &kind, literal, path).map_err(|m| (at.to_vec(), m))?;
            let fixed = match (&field.ty, &parsed) {
                (TypeRef::Named(enum_name), Literal::Text(wire)) => {
                    match self.types.iter().find(|t| &t.name == enum_name).map(|t| &t.kind) {
                        Some(TypeKind::Enum { variants, .. }) => {
                            let variant =
                                variants.iter().find(|v| &v.wire == wire).map(|v| v.name.clone()).unwrap_or_default();
                            FixedValue::Variant(enum_name.clone(), variant)
                        }
                        _ => FixedValue::Literal(parsed),
                    }
                }
                (TypeRef::Named(_), Literal::Int(_)) if kind == ValueKind::IntEnum => {
                    return fail(
                        &["values", path],
                        "integer enum values are not supported in constructors; make it a parameter",
                    )
                }
                _ => FixedValue::Literal(parsed),
            };
            values.push((split(path), fixed));
        }
        let assigned: Vec<&[String]> =
            args.iter().map(|(_, p, _)| p.as_slice()).chain(values.iter().map(|(p, _)| p.as_slice())).collect();
        self.check_complete(self.owner, &[], &assigned).map_err(|m| (vec!["name".to_owned()], m))?;
        let doc = value.get("description").and_then(Value::as_str).map(str::to_owned);
        Ok(Constructor { name, doc, args, values })
    }

    /// Every required field on the way to an assigned value must itself be assigned (or lead to
    /// assigned fields), or the constructor could not build its value.
    fn check_complete(&self, type_name: &str, prefix: &[String], assigned: &[&[String]]) -> Result<(), String> {
        let fields = self.fields_of(type_name).ok_or_else(|| format!("`{type_name}` is not an object"))?;
        for field in fields {
            let mut path = prefix.to_vec();
            path.push(field.wire_name.clone());
            let exact = assigned.contains(&path.as_slice());
            let below = assigned.iter().any(|a| a.len() > path.len() && a.starts_with(&path));
            if below {
                let TypeRef::Named(inner) = &field.ty else {
                    return Err(format!("`{}` is not an object", path.join(".")));
                };
                self.check_complete(inner, &path, assigned)?;
            } else if !exact && !field.is_optional() {
                return Err(format!("the required field `{}` is neither a parameter nor a value", path.join(".")));
            }
        }
        Ok(())
    }
}

fn split(path: &str) -> Vec<String> {
    path.split('.').map(str::to_owned).collect()
}

/// A condition without empty groups, or `Err` with its value when it is a constant: an empty
/// allOf holds and an empty anyOf does not (their logical meaning), and so do the groups and
/// negations made of them.
fn fold(condition: Condition) -> Result<Condition, bool> {
    let group = |items: Vec<Condition>, all: bool| {
        // In an allOf, a false member decides and a true one says nothing; in an anyOf, the reverse.
        let mut kept = Vec::with_capacity(items.len());
        for item in items {
            match fold(item) {
                Ok(item) => kept.push(item),
                Err(value) if value != all => return Err(value),
                Err(_) => {}
            }
        }
        match kept.len() {
            0 => Err(all),
            1 => Ok(kept.remove(0)),
            _ if all => Ok(Condition::All(kept)),
            _ => Ok(Condition::Any(kept)),
        }
    };
    match condition {
        Condition::All(items) => group(items, true),
        Condition::Any(items) => group(items, false),
        Condition::Not(inner) => fold(*inner).map(|inner| Condition::Not(Box::new(inner))).map_err(|value| !value),
        other => Ok(other),
    }
}

/// The first field a condition names: where a violation is reported.
fn first_path(condition: &Condition) -> Option<String> {
    match condition {
        Condition::In(a, _)
        | Condition::NotIn(a, _)
        | Condition::Present(a, _)
        | Condition::Max(a, _)
        | Condition::Min(a, _) => Some(a.wire_path.clone()),
        Condition::All(items) | Condition::Any(items) => items.iter().find_map(first_path),
        Condition::Not(inner) => first_path(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A condition written briefly: `f` a field test, `all`/`any`/`not` the groups.
    fn shown(condition: &Result<Condition, bool>) -> String {
        fn show(c: &Condition) -> String {
            let list = |items: &[Condition]| items.iter().map(show).collect::<Vec<_>>().join(" ");
            match c {
                Condition::All(items) => format!("all({})", list(items)),
                Condition::Any(items) => format!("any({})", list(items)),
                Condition::Not(inner) => format!("not({})", show(inner)),
                _ => "f".to_owned(),
            }
        }
        match condition {
            Ok(c) => show(c),
            Err(value) => value.to_string(),
        }
    }

    #[test]
    fn empty_groups_fold_to_their_logical_value() {
        let f =
            || Condition::Present(Access { steps: Vec::new(), wire_path: "a".into(), kind: ValueKind::Other }, true);
        let all = Condition::All;
        let any = Condition::Any;
        let not = |c| Condition::Not(Box::new(c));
        let cases = [
            (all(vec![]), "true"),
            (any(vec![]), "false"),
            (not(all(vec![])), "false"),
            (not(any(vec![])), "true"),
            (all(vec![f(), all(vec![])]), "f"),
            (all(vec![f(), any(vec![])]), "false"),
            (any(vec![f(), any(vec![])]), "f"),
            (any(vec![f(), all(vec![])]), "true"),
            (all(vec![f(), f(), any(vec![all(vec![]), f()])]), "all(f f)"),
            (any(vec![not(f()), all(vec![any(vec![])])]), "not(f)"),
        ];
        for (condition, expected) in cases {
            let before = shown(&Ok(condition.clone()));
            assert_eq!(shown(&fold(condition)), expected, "{before}");
        }
    }
}
