use serde_json::json;

use super::*;

/// Converts `schema` as `components/schemas/S` of a 3.1 document and returns it.
fn converted(schema: Value) -> Result<Value, SpecError> {
    let mut tree = json!({
        "openapi": "3.1.0",
        "info": { "title": "T", "version": "1" },
        "components": { "schemas": { "S": schema } },
    });
    to_30(Path::new("t.yaml"), "", &mut tree)?;
    Ok(tree["components"]["schemas"]["S"].take())
}

#[test]
fn each_31_schema_form_becomes_its_30_form() {
    let cases = [
        ("type with null", json!({"type": ["string", "null"]}), json!({"type": "string", "nullable": true})),
        ("null first", json!({"type": ["null", "integer"]}), json!({"type": "integer", "nullable": true})),
        ("only null", json!({"type": ["null"]}), json!({"nullable": true})),
        ("null alone as text", json!({"type": "null"}), json!({"nullable": true})),
        ("one type in a list", json!({"type": ["boolean"]}), json!({"type": "boolean"})),
        (
            "enum with null",
            json!({"type": ["string", "null"], "enum": ["a", null]}),
            json!({"type": "string", "nullable": true, "enum": ["a"]}),
        ),
        (
            "anyOf of a ref and null",
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"}),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true, "description": "d"}),
        ),
        (
            "oneOf of an inline schema and null",
            json!({"oneOf": [{"type": "null"}, {"type": "string", "format": "date"}]}),
            json!({"type": "string", "format": "date", "nullable": true}),
        ),
        (
            "anyOf of two and null",
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}, {"type": "null"}]}),
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}], "nullable": true}),
        ),
        ("const text", json!({"const": "card"}), json!({"type": "string", "enum": ["card"]})),
        ("const with its type", json!({"type": "integer", "const": 2}), json!({"type": "integer", "enum": [2]})),
        ("examples", json!({"type": "string", "examples": ["a", "b"]}), json!({"type": "string", "example": "a"})),
        (
            "example kept over examples",
            json!({"type": "string", "example": "x", "examples": ["a"]}),
            json!({"type": "string", "example": "x"}),
        ),
        (
            "numeric exclusive bounds",
            json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 100}),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 100, "exclusiveMaximum": true}),
        ),
        (
            "the stricter bound stands",
            json!({"type": "integer", "minimum": 5, "exclusiveMinimum": 1}),
            json!({"type": "integer", "minimum": 5}),
        ),
        (
            "exclusive above an inclusive minimum",
            json!({"type": "integer", "minimum": 1, "exclusiveMinimum": 5}),
            json!({"type": "integer", "minimum": 5, "exclusiveMinimum": true}),
        ),
        (
            "ref with a description",
            json!({"$ref": "#/components/schemas/A", "description": "The A."}),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "The A."}),
        ),
        ("bare ref", json!({"$ref": "#/components/schemas/A"}), json!({"$ref": "#/components/schemas/A"})),
        ("base64", json!({"type": "string", "contentEncoding": "base64"}), json!({"type": "string", "format": "byte"})),
        (
            "binary media",
            json!({"type": "string", "contentMediaType": "image/png"}),
            json!({"type": "string", "format": "binary"}),
        ),
        ("text media", json!({"type": "string", "contentMediaType": "application/json"}), json!({"type": "string"})),
        (
            "dialect keywords dropped",
            json!({"$schema": "x", "$id": "y", "$comment": "z", "type": "object", "unevaluatedProperties": false}),
            json!({"type": "object"}),
        ),
        (
            "nested: properties, items, additionalProperties, allOf, not",
            json!({"type": "object", "properties": {
                "a": {"type": ["string", "null"]},
                "b": {"type": "array", "items": {"const": 1}},
                "c": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
                "d": {"allOf": [{"$ref": "#/components/schemas/A", "readOnly": true}]},
                "e": {"not": {"type": ["null"]}},
                "f": true,
            }}),
            json!({"type": "object", "properties": {
                "a": {"type": "string", "nullable": true},
                "b": {"type": "array", "items": {"type": "integer", "enum": [1]}},
                "c": {"type": "object", "additionalProperties": {"type": "number", "nullable": true}},
                "d": {"allOf": [{"allOf": [{"$ref": "#/components/schemas/A"}], "readOnly": true}]},
                "e": {"not": {"nullable": true}},
                "f": {},
            }}),
        ),
    ];
    for (name, schema, expected) in cases {
        assert_eq!(converted(schema).unwrap(), expected, "{name}");
    }
}

#[test]
fn several_types_are_any_value_with_a_warning() {
    let mut tree = json!({
        "openapi": "3.1.0",
        "info": { "title": "T", "version": "1" },
        "components": { "schemas": { "S": { "type": ["string", "integer", "null"] } } },
    });
    let findings = to_30(Path::new("t.yaml"), "", &mut tree).unwrap();
    assert_eq!(tree["components"]["schemas"]["S"], json!({"nullable": true}));
    let warnings: Vec<(&str, &str)> =
        findings.warnings.iter().map(|w| (w.pointer.as_str(), w.message.as_str())).collect();
    assert_eq!(
        warnings,
        [(
            "/components/schemas/S/type",
            "OpenAPI 3.1 `type: [string, integer]` has no OpenAPI 3.0 form; read as any JSON value"
        )]
    );
}

#[test]
fn a_keyword_with_no_30_meaning_is_refused_where_it_is() {
    let cases = [
        (json!({"type": "array", "prefixItems": [{"type": "string"}]}), "/components/schemas/S/prefixItems"),
        (json!({"properties": {"a": {"if": {}, "then": {}}}}), "/components/schemas/S/properties/a/if"),
        (json!({"items": {"$dynamicRef": "#node"}}), "/components/schemas/S/items/$dynamicRef"),
        (json!({"allOf": [{"$dynamicAnchor": "node"}]}), "/components/schemas/S/allOf/0/$dynamicAnchor"),
        (json!({"dependentSchemas": {}}), "/components/schemas/S/dependentSchemas"),
        (json!({"unevaluatedProperties": {"type": "string"}}), "/components/schemas/S/unevaluatedProperties"),
        (json!({"patternProperties": {"^x": {}}}), "/components/schemas/S/patternProperties"),
        (json!({"properties": {"a": false}}), "/components/schemas/S/properties/a"),
    ];
    for (schema, pointer) in cases {
        let err = converted(schema).unwrap_err();
        assert_eq!(err.pointer, pointer, "{err}");
        assert!(err.message.starts_with("OpenAPI 3.1 "), "{err}");
        let keyword = pointer.rsplit('/').next().unwrap();
        if keyword != "a" {
            assert!(err.message.contains(&format!("`{keyword}`")), "{err}");
        }
    }
}

#[test]
fn the_document_becomes_30_with_path_items_inlined_and_webhooks_noted() {
    let mut tree = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": { "title": "T", "summary": "S", "version": "1", "license": { "name": "MIT", "identifier": "MIT" } },
        "paths": {
            "/a": { "$ref": "#/components/pathItems/A", "summary": "Own summary" },
            "/b": { "get": { "parameters": [{ "name": "n", "in": "query", "schema": { "type": ["integer", "null"] } }] } },
        },
        "webhooks": { "created": {}, "deleted": {} },
        "components": { "pathItems": { "A": { "summary": "Shared", "get": { "operationId": "getA" } } } },
    });
    let findings = to_30(Path::new("t.yaml"), "", &mut tree).unwrap();
    assert_eq!(tree["openapi"], "3.0.3");
    assert_eq!(tree["paths"]["/a"], json!({ "summary": "Own summary", "get": { "operationId": "getA" } }));
    assert_eq!(tree["paths"]["/b"]["get"]["parameters"][0]["schema"], json!({"type": "integer", "nullable": true}));
    assert_eq!(tree["components"], json!({}));
    assert_eq!(tree["info"], json!({ "title": "T", "version": "1", "license": { "name": "MIT" } }));
    assert!(tree.get("webhooks").is_none() && tree.get("jsonSchemaDialect").is_none());
    let notes: Vec<&str> = findings.notes.iter().map(|n| n.pointer.as_str()).collect();
    assert_eq!(notes, ["/webhooks"]);
    assert!(findings.notes[0].message.contains("`webhooks` (2) are left out"), "{}", findings.notes[0]);

    let mut dangling = json!({ "openapi": "3.1.0", "paths": { "/a": { "$ref": "#/components/pathItems/Gone" } } });
    let err = to_30(Path::new("t.yaml"), "", &mut dangling).unwrap_err();
    assert_eq!(err.pointer, "/paths/~1a/$ref");
    assert!(err.message.contains("does not hold (`#/components/pathItems/Gone`)"), "{err}");
}

#[test]
fn examples_and_extensions_are_data_not_schemas() {
    let mut tree = json!({
        "openapi": "3.1.0",
        "paths": { "/a": { "get": { "responses": { "200": { "description": "OK", "content": { "application/json": {
            "schema": { "type": ["object", "null"] },
            "examples": { "one": { "value": { "schema": { "type": ["a", "null"] } } } },
            "x-raw": { "schema": { "type": ["a", "null"] } },
        } } } } } } },
    });
    to_30(Path::new("t.yaml"), "", &mut tree).unwrap();
    let media = &tree["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["schema"], json!({"type": "object", "nullable": true}));
    assert_eq!(media["examples"]["one"]["value"]["schema"]["type"], json!(["a", "null"]));
    assert_eq!(media["x-raw"]["schema"]["type"], json!(["a", "null"]));

    // A header (or parameter, ...) named `example` is a name, not an example.
    let mut named = json!({
        "openapi": "3.1.0",
        "components": { "headers": { "example": { "schema": { "type": ["string", "null"] } } } },
    });
    to_30(Path::new("t.yaml"), "", &mut named).unwrap();
    assert_eq!(named["components"]["headers"]["example"]["schema"], json!({"type": "string", "nullable": true}));
}
