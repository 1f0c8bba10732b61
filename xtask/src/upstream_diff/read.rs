//! One OpenAPI 3 or Swagger 2.0 document, as a JSON tree, reduced to what the diff compares:
//! its operations keyed by method and normalised path, each with its parameters and the fields
//! of its request body and success response by dotted path. `$ref`s are followed generically
//! (local JSON pointers, with a guard against cycles); what cannot be followed becomes a note.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/// An operation's identity across documents: `GET /users/{}/meetings` (path parameters unnamed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpKey {
    pub method: String,
    pub path: String,
}

impl OpKey {
    pub fn new(method: &str, path: &str) -> Self {
        let mut normalised = String::with_capacity(path.len());
        let mut in_name = false;
        for c in path.chars() {
            match c {
                '{' => {
                    in_name = true;
                    normalised.push_str("{}");
                }
                '}' => in_name = false,
                _ if !in_name => normalised.push(c),
                _ => {}
            }
        }
        if normalised.len() > 1 && normalised.ends_with('/') {
            normalised.pop();
        }
        OpKey { method: method.to_ascii_uppercase(), path: normalised }
    }
}

/// The type of a field or parameter, and its enum values (as JSON text: `"a"`, `1`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    /// `string`, `integer (int64)`, `array`, `object`; more than one for a `oneOf`; none for any.
    pub types: BTreeSet<String>,
    pub enums: BTreeSet<String>,
}

impl Field {
    pub fn type_text(&self) -> String {
        if self.types.is_empty() {
            "any".into()
        } else {
            self.types.iter().cloned().collect::<Vec<_>>().join(" | ")
        }
    }
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// The path as the document writes it.
    pub path: String,
    /// The operation's first tag.
    pub family: String,
    pub operation_id: Option<String>,
    /// The document it comes from (its file name).
    pub source: String,
    /// The lowest 2xx status the operation declares.
    pub success: Option<String>,
    /// `query page_size`, `header x-id`, `path #0` (path parameters by position).
    pub params: BTreeMap<String, Field>,
    /// `request.plan_base.hosts`, `response.users[].id`, `response.settings.*`.
    pub fields: BTreeMap<String, Field>,
}

impl Operation {
    /// `path #1` as `path {userId}`, with this operation's name for it.
    pub fn param_label(&self, key: &str) -> String {
        let Some(index) = key.strip_prefix("path #").and_then(|i| i.parse::<usize>().ok()) else {
            return key.to_owned();
        };
        match path_names(&self.path).get(index) {
            Some(name) => format!("path {{{name}}}"),
            None => key.to_owned(),
        }
    }
}

/// A document's operations and what was wrong with it.
#[derive(Debug, Default)]
pub struct Api {
    pub ops: BTreeMap<OpKey, Operation>,
    pub notes: BTreeSet<String>,
}

/// Parses JSON (text starting with `{`) or YAML into a tree.
pub fn parse(label: &str, text: &str) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("{label}: not JSON: {e}"))
    } else {
        serde_yaml::from_str(text).map_err(|e| format!("{label}: not YAML: {e}"))
    }
}

/// Reads an OpenAPI 3.x or Swagger 2.0 document; `label` names it in notes.
pub fn read(label: &str, doc: &Value) -> Result<Api, String> {
    let swagger2 = match (doc.get("swagger").and_then(Value::as_str), doc.get("openapi").and_then(Value::as_str)) {
        (Some(v), _) if v.starts_with('2') => true,
        (_, Some(v)) if v.starts_with('3') => false,
        _ => return Err(format!("{label}: neither `openapi: 3.x` nor `swagger: \"2.0\"`")),
    };
    let mut reader = Reader { doc, label, swagger2, notes: BTreeSet::new() };
    let mut api = Api::default();
    for (path, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        if path.starts_with("x-") {
            continue;
        }
        let item = reader.deref(item, &format!("path {path}"));
        let shared_params = item.get("parameters").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let key = OpKey::new(method, path);
            let at = format!("{} {path}", key.method);
            let operation = reader.operation(path, op, shared_params, &at);
            if let Some(first) = api.ops.get(&key) {
                reader.note(&at, format!("has the same method and path as `{}`; the first is kept", first.path));
                continue;
            }
            api.ops.insert(key, operation);
        }
    }
    api.notes = reader.notes;
    Ok(api)
}

/// The parameter names of a path template, in order.
pub fn path_names(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect()
}

struct Reader<'a> {
    doc: &'a Value,
    label: &'a str,
    swagger2: bool,
    notes: BTreeSet<String>,
}

impl<'a> Reader<'a> {
    fn note(&mut self, at: &str, message: String) {
        self.notes.insert(format!("{}: `{at}` {message}", self.label));
    }

    /// Follows `$ref`s until a node without one; `Value::Null` when one cannot be followed.
    fn deref(&mut self, mut node: &'a Value, at: &str) -> &'a Value {
        let mut seen = Vec::new();
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            if seen.contains(&reference) {
                self.note(at, format!("has a `$ref` cycle through `{reference}`"));
                return &Value::Null;
            }
            seen.push(reference);
            match self.target(reference, at) {
                Some(target) => node = target,
                None => return &Value::Null,
            }
        }
        node
    }

    fn target(&mut self, reference: &str, at: &str) -> Option<&'a Value> {
        let Some(pointer) = reference.strip_prefix('#') else {
            self.note(at, format!("refers to another document (`{reference}`); not followed"));
            return None;
        };
        let target = self.doc.pointer(pointer);
        if target.is_none() {
            self.note(at, format!("refers to `{reference}`, which the document does not define"));
        }
        target
    }

    fn operation(&mut self, path: &str, op: &'a Value, shared_params: &'a [Value], at: &str) -> Operation {
        let family = op.pointer("/tags/0").and_then(Value::as_str).unwrap_or("(untagged)").to_owned();
        let mut operation = Operation {
            path: path.to_owned(),
            family,
            operation_id: op.get("operationId").and_then(Value::as_str).map(str::to_owned),
            source: self.label.to_owned(),
            success: None,
            params: BTreeMap::new(),
            fields: BTreeMap::new(),
        };
        let names = path_names(path);
        // Operation-level parameters override the path item's of the same name and place.
        let own: Vec<&Value> = op.get("parameters").and_then(Value::as_array).into_iter().flatten().collect();
        let mut declared_path = BTreeSet::new();
        let mut params: Vec<&Value> = Vec::new();
        for param in own.into_iter().chain(shared_params.iter()) {
            let param = self.deref(param, at);
            let (Some(name), Some(place)) =
                (param.get("name").and_then(Value::as_str), param.get("in").and_then(Value::as_str))
            else {
                continue;
            };
            if params.iter().any(|p| p.get("name") == param.get("name") && p.get("in") == param.get("in")) {
                continue;
            }
            params.push(param);
            match place {
                "path" => match names.iter().position(|n| *n == name) {
                    Some(index) => {
                        declared_path.insert(index);
                        let field = self.param_field(param, at);
                        operation.params.insert(format!("path #{index}"), field);
                    }
                    None => self.note(at, format!("declares path parameter `{name}`, which its path does not have")),
                },
                "body" => {
                    self.schema(param.get("schema").unwrap_or(&Value::Null), "request", &mut operation.fields, at)
                }
                "formData" => {
                    let field = self.param_field(param, at);
                    operation.fields.insert(format!("request.{name}"), field);
                }
                "header" => {
                    let field = self.param_field(param, at);
                    operation.params.insert(format!("header {}", name.to_ascii_lowercase()), field);
                }
                _ => {
                    let field = self.param_field(param, at);
                    operation.params.insert(format!("{place} {name}"), field);
                }
            }
        }
        for (index, name) in names.iter().enumerate() {
            if !declared_path.contains(&index) {
                self.note(at, format!("does not declare its path parameter `{name}`"));
                operation.params.insert(format!("path #{index}"), Field::default());
            }
        }
        if let Some(body) = op.get("requestBody") {
            let body = self.deref(body, at);
            if let Some(schema) = self.content_schema(body) {
                self.schema(schema, "request", &mut operation.fields, at);
            }
        }
        let responses = op.get("responses").and_then(Value::as_object);
        let success = responses.into_iter().flatten().map(|(code, _)| code).filter(|c| c.starts_with('2')).min();
        if let Some(code) = success {
            operation.success = Some(code.clone());
            let response = self.deref(&op["responses"][code], at);
            let schema = if self.swagger2 { response.get("schema") } else { self.content_schema(response) };
            if let Some(schema) = schema {
                self.schema(schema, "response", &mut operation.fields, at);
            }
        }
        operation
    }

    /// The JSON schema of a request body or response (`application/json` first, else the first).
    fn content_schema(&self, node: &'a Value) -> Option<&'a Value> {
        let content = node.get("content")?.as_object()?;
        let media = content.get("application/json").or_else(|| content.values().next())?;
        media.get("schema")
    }

    /// A parameter's type: from its `schema` (OpenAPI 3, Swagger 2 body) or its own keywords.
    fn param_field(&mut self, param: &'a Value, at: &str) -> Field {
        let schema = match param.get("schema") {
            Some(schema) => schema,
            None => match param.get("content").and_then(Value::as_object).and_then(|c| c.values().next()) {
                Some(media) => media.get("schema").unwrap_or(&Value::Null),
                None => param,
            },
        };
        let mut fields = BTreeMap::new();
        self.schema(schema, "", &mut fields, at);
        fields.remove("").unwrap_or_default()
    }

    /// Adds the field at `path` and every field below it to `out`.
    fn schema(&mut self, schema: &'a Value, path: &str, out: &mut BTreeMap<String, Field>, at: &str) {
        let mut stack = Vec::new();
        self.walk(schema, path, out, at, &mut stack);
    }

    fn walk(
        &mut self,
        schema: &'a Value,
        path: &str,
        out: &mut BTreeMap<String, Field>,
        at: &str,
        stack: &mut Vec<&'a str>,
    ) {
        let reference = schema.get("$ref").and_then(Value::as_str);
        if let Some(reference) = reference {
            if stack.contains(&reference) {
                // A recursive schema: its type is known, its fields were listed one level up.
                let target = self.target(reference, at).unwrap_or(&Value::Null);
                let types = own_types(self.deref(target, at));
                out.entry(path.to_owned()).or_default().types.extend(types);
                return;
            }
            let Some(target) = self.target(reference, at) else {
                out.entry(path.to_owned()).or_default();
                return;
            };
            stack.push(reference);
            self.walk(target, path, out, at, stack);
            stack.pop();
            return;
        }
        let field = out.entry(path.to_owned()).or_default();
        field.types.extend(own_types(schema));
        for value in schema.get("enum").and_then(Value::as_array).into_iter().flatten() {
            if !value.is_null() {
                field.enums.insert(value.to_string());
            }
        }
        let child = |name: &str| if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
        for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            self.walk(property, &child(name), out, at, stack);
        }
        if let Some(items) = schema.get("items") {
            self.walk(items, &format!("{path}[]"), out, at, stack);
        }
        if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            self.walk(values, &child("*"), out, at, stack);
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for variant in schema.get(keyword).and_then(Value::as_array).into_iter().flatten() {
                self.walk(variant, path, out, at, stack);
            }
        }
    }
}

/// The types a schema states itself (not through `allOf`/`oneOf`): `type` with its `format`, or
/// what `properties` and `items` imply.
fn own_types(schema: &Value) -> Vec<String> {
    let with_format = |ty: &str| match schema.get("format").and_then(Value::as_str) {
        Some(format) => format!("{ty} ({format})"),
        None => ty.to_owned(),
    };
    match schema.get("type") {
        Some(Value::String(ty)) => vec![with_format(ty)],
        Some(Value::Array(types)) => {
            types.iter().filter_map(Value::as_str).filter(|t| *t != "null").map(with_format).collect()
        }
        _ if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() => {
            vec!["object".into()]
        }
        _ if schema.get("items").is_some() => vec!["array".into()],
        _ => Vec::new(),
    }
}
