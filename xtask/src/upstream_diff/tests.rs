//! Small document pairs with the exact findings expected of each.

use serde_json::{json, Value};

use super::*;

fn oas3(paths: Value, schemas: Value) -> Value {
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths,
           "components": {"schemas": schemas}})
}

fn swagger2(paths: Value, definitions: Value) -> Value {
    json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, "definitions": definitions})
}

fn ok_json(schema: Value) -> Value {
    json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}})
}

/// The report, one line per finding: `Family: GET /path: finding`, `Family: missing GET /path`,
/// `Family: ours only GET /path`, `note: ...`.
fn lines(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for (name, family) in &report.families {
        out.extend(family.missing.iter().map(|op| format!("{name}: missing {} {}", op.method, op.path)));
        out.extend(family.ours_only.iter().map(|op| format!("{name}: ours only {} {}", op.method, op.path)));
        for diff in &family.changed {
            let op = format!("{name}: {} {}", diff.theirs.method, diff.theirs.path);
            out.extend(diff.findings.iter().map(|f| format!("{op}: {f}")));
        }
    }
    out.extend(report.notes.iter().map(|n| format!("note: {n}")));
    out
}

fn run_pair(ours: &Value, theirs: &[Value]) -> Report {
    let ours = read("ours", ours).expect("ours reads");
    let theirs: Vec<Api> =
        theirs.iter().enumerate().map(|(i, t)| read(&format!("theirs{i}"), t).expect("theirs reads")).collect();
    diff(&ours, &theirs)
}

/// A user, as our OpenAPI 3 spec writes it.
fn ours_user() -> Value {
    oas3(
        json!({"/users/{userId}": {"get": {
            "operationId": "user", "tags": ["Users"],
            "parameters": [
                {"name": "userId", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "page_size", "in": "query", "schema": {"type": "integer"}}],
            "responses": ok_json(json!({"$ref": "#/components/schemas/User"}))}}}),
        json!({"User": {"type": "object", "properties": {
            "id": {"type": "string"},
            "type": {"type": "integer", "enum": [1, 2]},
            "emails": {"type": "array", "items": {"type": "string", "format": "email"}}}}}),
    )
}

/// The same user as a Swagger 2.0 document writes it, with another path parameter name.
fn swagger_user() -> Value {
    swagger2(
        json!({"/users/{user_id}": {
            "parameters": [{"name": "user_id", "in": "path", "required": true, "type": "string"}],
            "get": {
                "operationId": "userGet", "tags": ["Users"],
                "parameters": [{"name": "page_size", "in": "query", "type": "integer"}],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/User"}}}}}}),
        json!({"User": {"type": "object", "properties": {
            "id": {"type": "string"},
            "type": {"type": "integer", "enum": [1, 2]},
            "emails": {"type": "array", "items": {"type": "string", "format": "email"}}}}}),
    )
}

/// One operation `POST /things` (tag `Things`) with this request body schema and a 201 response.
fn post_things(request: Value) -> Value {
    oas3(
        json!({"/things": {"post": {"operationId": "thingCreate", "tags": ["Things"],
            "requestBody": {"content": {"application/json": {"schema": request}}},
            "responses": {"201": {"description": "Created"}}}}}),
        json!({}),
    )
}

#[test]
fn findings_of_each_document_pair() {
    let node = |extra: Value| {
        let mut properties = json!({"name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}});
        properties.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        oas3(
            json!({"/nodes/{id}": {"get": {"operationId": "node", "tags": ["Nodes"],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": ok_json(json!({"$ref": "#/components/schemas/Node"}))}}}),
            json!({"Node": {"type": "object", "properties": properties}}),
        )
    };
    let cases: Vec<(&str, Value, Vec<Value>, Vec<&str>)> = vec![
        ("the same operation in OpenAPI 3 and Swagger 2, path parameters renamed", ours_user(), vec![swagger_user()], vec![]),
        (
            "an operation each side lacks",
            oas3(
                json!({"/a": {"get": {"tags": ["A"], "responses": {}}},
                       "/c/{id}": {"delete": {"tags": ["C"], "responses": {},
                           "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}]}}}),
                json!({}),
            ),
            vec![oas3(
                json!({"/a": {"get": {"tags": ["A"], "responses": {}}, "post": {"tags": ["A"], "responses": {}}}}),
                json!({}),
            )],
            vec!["A: missing POST /a", "C: ours only DELETE /c/{id}"],
        ),
        (
            "a field each side lacks; the missing object is reported once, with what is under it",
            post_things(json!({"type": "object", "properties": {"name": {"type": "string"}, "extra": {"type": "string"}}})),
            vec![post_things(json!({"type": "object", "properties": {"name": {"type": "string"},
                "settings": {"type": "object", "properties": {"a": {"type": "boolean"}, "b": {"type": "string"}}}}}))],
            vec![
                "Things: POST /things: we lack field `request.settings` (object, 2 more below)",
                "Things: POST /things: we have field `request.extra` (string), the vendor does not",
            ],
        ),
        (
            "enum values each side lacks, and an enum only the vendor has",
            post_things(json!({"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["a", "b"]}, "mode": {"type": "string"}}})),
            vec![post_things(json!({"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["b", "c"]}, "mode": {"type": "string", "enum": ["x"]}}}))],
            vec![
                "Things: POST /things: we lack enum values of field `request.kind`: `\"c\"`",
                "Things: POST /things: we have enum values of field `request.kind` the vendor does not: `\"a\"`",
                "Things: POST /things: the vendor enumerates field `request.mode` (`\"x\"`), ours takes any value",
            ],
        ),
        (
            "type differences: string vs integer, format, array vs object",
            post_things(json!({"type": "object", "properties": {
                "id": {"type": "string"}, "at": {"type": "string", "format": "date"},
                "tags": {"type": "array", "items": {"type": "string"}}}})),
            vec![post_things(json!({"type": "object", "properties": {
                "id": {"type": "integer", "format": "int64"}, "at": {"type": "string", "format": "date-time"},
                "tags": {"type": "object", "properties": {"a": {"type": "string"}}}}}))],
            vec![
                "Things: POST /things: we lack field `request.tags.a` (string)",
                "Things: POST /things: we have field `request.tags[]` (string), the vendor does not",
                "Things: POST /things: type of field `request.at`: ours string (date), vendor string (date-time)",
                "Things: POST /things: type of field `request.id`: ours string, vendor integer (int64)",
                "Things: POST /things: type of field `request.tags`: ours array, vendor object",
            ],
        ),
        (
            "a recursive schema is walked once: the field the vendor adds through the cycle is found",
            node(json!({})),
            vec![node(json!({"parent": {"$ref": "#/components/schemas/Node"}}))],
            vec!["Nodes: GET /nodes/{id}: we lack field `response.parent` (object)"],
        ),
        (
            "parameters each side lacks, and the success status",
            oas3(
                json!({"/things": {"get": {"tags": ["Things"],
                    "parameters": [{"name": "X-Trace", "in": "header", "schema": {"type": "string"}}],
                    "responses": {"204": {"description": "No Content"}}}}}),
                json!({}),
            ),
            vec![swagger2(
                json!({"/things": {"get": {"tags": ["Things"],
                    "parameters": [{"name": "page_number", "in": "query", "type": "integer"}],
                    "responses": {"200": {"description": "OK"}, "404": {"description": "no"}}}}}),
                json!({}),
            )],
            vec![
                "Things: GET /things: success status: ours 204, vendor 200",
                "Things: GET /things: we lack parameter `query page_number` (integer)",
                "Things: GET /things: we have parameter `header x-trace` (string), the vendor does not",
            ],
        ),
        (
            "Swagger 2 body and formData parameters are the request's fields",
            post_things(json!({"type": "object", "properties": {"name": {"type": "string"}}})),
            vec![swagger2(
                json!({"/things": {"post": {"tags": ["Things"], "responses": {"201": {"description": "Created"}},
                    "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}}]}}}),
                json!({"Thing": {"allOf": [{"type": "object", "properties": {"name": {"type": "string"}}},
                                           {"properties": {"size": {"type": "integer"}}}]}}),
            )],
            vec!["Things: POST /things: we lack field `request.size` (integer)"],
        ),
        (
            "defects of the vendor's document are notes: an undeclared path parameter, a missing definition, a $ref cycle",
            ours_user(),
            vec![swagger2(
                json!({"/users/{user_id}": {"get": {"tags": ["Users"],
                    "parameters": [{"name": "page_size", "in": "query", "type": "integer"},
                                   {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/A"}}],
                    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Gone"}}}}}}),
                json!({"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}),
            )],
            vec![
                "Users: GET /users/{user_id}: we lack field `request` (any)",
                "Users: GET /users/{user_id}: we have field `response.emails` (array, 1 more below), the vendor does not",
                "Users: GET /users/{user_id}: we have field `response.id` (string), the vendor does not",
                "Users: GET /users/{user_id}: we have field `response.type` (integer), the vendor does not",
                "note: theirs0: `GET /users/{user_id}` does not declare its path parameter `user_id`",
                "note: theirs0: `GET /users/{user_id}` has a `$ref` cycle through `#/definitions/B`",
                "note: theirs0: `GET /users/{user_id}` refers to `#/definitions/Gone`, which the document does not define",
            ],
        ),
        (
            "with two vendor documents, an operation both have is compared with the first's",
            ours_user(),
            vec![
                swagger_user(),
                oas3(
                    json!({"/users/{id}": {"get": {"tags": ["People"], "responses": {},
                        "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}]}},
                           "/groups": {"get": {"tags": ["Groups"], "responses": {}}}}),
                    json!({}),
                ),
            ],
            vec![
                "Groups: missing GET /groups",
                "note: theirs1: 1 of its operations are also in theirs0, whose are compared",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, ours, theirs, expected) in cases {
        let found = lines(&run_pair(&ours, &theirs));
        if found != expected {
            failures.push(format!("{name}:\n  expected {expected:#?}\n  found {found:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_summary_table_counts_each_family() {
    let ours = oas3(
        json!({"/a": {"get": {"tags": ["A"], "responses": ok_json(json!({"type": "string"}))},
                      "put": {"tags": ["A"], "responses": {}}},
               "/b": {"get": {"tags": ["B"], "responses": {}}}}),
        json!({}),
    );
    let theirs = oas3(
        json!({"/a": {"get": {"tags": ["A"], "responses": ok_json(json!({"type": "integer"}))},
                      "post": {"tags": ["A"], "responses": {}}, "put": {"tags": ["A"], "responses": {}}}}),
        json!({}),
    );
    let table = summary(&run_pair(&ours, &[theirs]));
    assert_eq!(
        table,
        "| family | vendor | ours | shared | missing | ours only | shared, differing |
|---|---:|---:|---:|---:|---:|---:|
| A | 3 | 2 | 2 | 1 | 0 | 1 |
| B | 0 | 1 | 0 | 0 | 1 | 0 |
| **all** | 3 | 3 | 2 | 1 | 1 | 1 |
"
    );
}

#[test]
fn yaml_and_json_read_alike_and_other_documents_are_refused() {
    let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      tags: [A]\n      responses: {}\n";
    let from_yaml = parse("a.yaml", yaml).unwrap();
    let from_json = parse("a.json", &serde_json::to_string(&from_yaml).unwrap()).unwrap();
    assert_eq!(from_yaml, from_json);
    let api = read("a.yaml", &from_yaml).unwrap();
    assert_eq!(api.ops.keys().cloned().collect::<Vec<_>>(), vec![OpKey::new("get", "/a")]);
    let refused = read("x.json", &json!({"asyncapi": "2.0.0"})).unwrap_err();
    assert_eq!(refused, "x.json: neither `openapi: 3.x` nor `swagger: \"2.0\"`");
    assert!(parse("bad.json", "{ nope").unwrap_err().starts_with("bad.json: not JSON"));
}

#[test]
fn path_parameters_match_whatever_their_names() {
    assert_eq!(OpKey::new("get", "/users/{userId}/x/"), OpKey::new("GET", "/users/{user_id}/x"));
    assert_ne!(OpKey::new("get", "/users/{userId}"), OpKey::new("get", "/users/me"));
}

#[test]
fn our_zoom_spec_as_the_generator_bundles_it_has_no_difference_with_itself() {
    let doc = clientgen::bundle::bundle(&crate::project_root().join("specs/zoom")).unwrap();
    let api = read("zoom", &doc).unwrap();
    assert!(api.ops.len() >= 90, "{} operations", api.ops.len());
    let report = diff(&api, &[read("zoom", &doc).unwrap()]);
    assert_eq!(lines(&report), Vec::<String>::new());
    let shared: usize = report.families.values().map(|f| f.shared).sum();
    assert_eq!(shared, api.ops.len());
    let fields: usize = api.ops.values().map(|op| op.fields.len()).sum();
    assert!(fields > 1000, "only {fields} fields read from the Zoom spec");
}
