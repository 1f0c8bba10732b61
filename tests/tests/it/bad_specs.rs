//! A broken spec is an error that names the file, the JSON pointer and, where the parser knows
//! them, line and column; never a panic.

use std::path::{Path, PathBuf};

use clientgen::{CrateOptions, RuntimeDependency, SpecError};

fn options() -> CrateOptions {
    CrateOptions {
        package_name: "bad".into(),
        version: "0.1.0".into(),
        runtime: RuntimeDependency::Version("0.1".into()),
        preamble: "bad".into(),
        spec_display: "bad".into(),
    }
}

fn generate(name: &str) -> SpecError {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs").join(name);
    let err = clientgen::generate_crate(&spec, &options()).expect_err("a broken spec must not generate");
    assert_eq!(err.file, spec, "the error names the file");
    assert!(err.to_string().starts_with(&spec.display().to_string()), "{err}");
    err
}

#[test]
fn a_ref_to_a_missing_schema_names_where_it_is_used() {
    let err = generate("missing-ref.yaml");
    assert_eq!(err.pointer, "/paths/~1things/get/responses/200/content/application~1json/schema");
    assert!(err.message.contains("#/components/schemas/Thing") && err.message.contains("does not exist"), "{err}");
}

#[test]
fn a_duplicate_operation_id_names_both_places() {
    let err = generate("duplicate-operation-id.yaml");
    assert_eq!(err.pointer, "/paths/~1b/get/operationId");
    assert!(err.message.contains("duplicate operationId `fetch`"), "{err}");
    assert!(err.message.contains("/paths/~1a/get/operationId"), "the first use is named too: {err}");
}

#[test]
fn a_key_written_twice_is_an_error_where_it_is_not_a_panic() {
    let err = generate("duplicate-key.yaml");
    assert!(err.message.contains("duplicate") && err.message.contains("responses"), "{err}");
    assert_eq!(err.location, Some((12, 7)), "the second `responses`: {err}");
}

#[test]
fn a_method_name_that_is_not_text_is_refused_where_it_is() {
    let err = generate("method-name-not-text.yaml");
    assert_eq!(err.pointer, "/paths/~1a/get/x-method-name");
    assert!(err.message.contains("x-method-name must be a non-empty string"), "{err}");
    assert_eq!(err.location.map(|(line, _)| line), Some(10), "{err}");
}

#[test]
fn an_unsupported_construct_is_refused_by_name() {
    let err = generate("unsupported-ref-target.yaml");
    assert_eq!(err.pointer, "/paths/~1b/get/responses/200/content/application~1json/schema");
    assert!(err.message.contains("must point at `#/components/schemas/<name>`"), "{err}");
}

/// Each broken spec's error, exactly: pointer, line and column, message. The message says the
/// version first, points at the keyword at fault, names the operation, and says what the
/// document should have held (never the parser's own type names).
#[test]
fn errors_say_the_version_the_keyword_and_what_was_expected() {
    /// A bad spec, and its error's pointer, line and column, and message.
    type Case<'a> = (&'a str, &'a str, Option<(usize, usize)>, &'a str);
    let cases: [Case; 9] = [
        (
            "openapi-31.yaml",
            "/components/schemas/Point/properties/coordinates/prefixItems",
            Some((12, 11)),
            "OpenAPI 3.1 keyword `prefixItems` has no OpenAPI 3.0 meaning and is not supported",
        ),
        ("openapi-32.yaml", "/openapi", None, "OpenAPI 3.2.0 is not supported; this generator reads 3.0.x and 3.1.x"),
        (
            "exclusive-maximum-number.yaml",
            "/components/schemas/Seats/properties/count/exclusiveMaximum",
            Some((12, 11)),
            "OpenAPI 3.0.3: invalid type: integer `100`, expected a boolean (a number here is OpenAPI 3.1's form; \
             in 3.0 write `maximum: 100` with `exclusiveMaximum: true`)",
        ),
        (
            "parameter-without-schema.yaml",
            "/paths/~1things/get/parameters/0",
            Some((8, 11)),
            "OpenAPI 3.0.3: in GET /things (`listThings`): a parameter needs a `schema` or a `content`, and has neither",
        ),
        (
            "path-item-not-object.yaml",
            "/paths/~1things",
            Some((4, 3)),
            "OpenAPI 3.0.3: invalid type: string \"list the things\", expected a path item (an object of operations: \
             get, post, ...)",
        ),
        (
            "minified.json",
            "/paths/~1things~1{id}/get/parameters/1/required",
            Some((1, 401)),
            "OpenAPI 3.0.3: in GET /things/{id} (`getThing`): invalid type: string \"maybe\", expected a boolean",
        ),
        (
            "wrong-shape.yaml",
            "/paths/~1a/get/parameters/0/required",
            Some((10, 11)),
            "OpenAPI 3.0.3: in GET /a (`getA`): invalid type: string \"maybe\", expected a boolean",
        ),
        (
            "swagger-2.yaml",
            "/swagger",
            Some((2, 1)),
            "Swagger 2.0 document: this generator reads OpenAPI 3.0 and 3.1; convert it to OpenAPI 3 first (for \
             example with swagger2openapi: `npx swagger2openapi SPEC -o openapi.yaml`)",
        ),
        (
            "ref-missing-file.yaml",
            "/paths/~1things/get/responses/200/content/application~1json/schema",
            Some((12, 15)),
            "$ref `no-such-file.yaml#/components/schemas/Thing` points into DIR/no-such-file.yaml, which does not exist",
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs");
    for (name, pointer, location, message) in cases {
        let err = generate(name);
        let message =
            message.replace("SPEC", &dir.join(name).display().to_string()).replace("DIR", &dir.display().to_string());
        assert_eq!(
            (err.pointer.as_str(), err.location, err.message.as_str()),
            (pointer, location, &*message),
            "{name}"
        );
        assert_eq!(err.to_string().matches("line").count(), 0, "positions are given once, as file:line:column: {err}");
    }
}

#[test]
fn binary_and_json_successes_and_bad_download_hosts_are_refused() {
    let err = generate("binary-and-json-successes.yaml");
    assert_eq!(err.pointer, "/paths/~1report/get/responses/201");
    assert!(err.message.contains("one method cannot return both"), "{err}");
    let err = generate("download-host-with-scheme.yaml");
    assert_eq!(err.pointer, "/info/x-download-hosts");
    assert!(err.message.contains("`https://cdn.example.com` is not a host pattern"), "{err}");
}

#[test]
fn small_defects_are_repaired_with_a_warning_each_and_refused_when_strict() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs/small-defects.yaml");
    let generated = clientgen::generate(&spec, &options()).expect("small defects do not stop generation");
    /// Where a warning is: its pointer, line and column, and whether it names the file.
    type Place<'a> = (&'a str, Option<(usize, usize)>, bool);
    let found: Vec<Place> =
        generated.warnings.iter().map(|w| (w.pointer.as_str(), w.location, w.file == spec)).collect();
    assert_eq!(
        found,
        [
            ("/info", Some((3, 1)), true),
            ("/paths/~1groups~1{groupId}~1members/get/responses/200", Some((16, 9)), true),
            ("/components/schemas/Member/discriminator", Some((27, 7)), true),
            ("/paths/~1groups~1{groupId}~1members/get/parameters/0/required", Some((12, 11)), true),
            ("/paths/~1groups~1{groupId}~1members/get/parameters", Some((9, 7)), true),
        ],
        "{:#?}",
        generated.warnings
    );
    assert!(generated.warnings[0].message.contains("no `title`"), "{}", generated.warnings[0]);
    assert!(generated.warnings[2].message.contains("read as `{propertyName: kind}`"), "{}", generated.warnings[2]);
    assert!(generated.warnings[3].message.contains("read as false"), "{}", generated.warnings[3]);
    assert!(generated.warnings[4].message.contains("taken as a required string"), "{}", generated.warnings[4]);
    let client = generated.files.iter().find(|f| f.path.ends_with("client.rs")).unwrap();
    assert!(client.contents.contains("group_id: &str"), "the undeclared path parameter is an argument");
    let types = generated.files.iter().find(|f| f.path.ends_with("types.rs")).unwrap();
    assert!(types.contents.contains("pub role: Option<String>"), "`required: optional` is an optional parameter");
    let wire = generated.files.iter().find(|f| f.path.ends_with("wire.rs")).unwrap();
    assert!(wire.contents.contains(r#".get("kind")"#), "the discriminator reads `kind`");
    // Strict (what `cargo xtask codegen` and `clientgen generate --strict` do): the first is an error.
    let err = generate("small-defects.yaml");
    assert_eq!(err.pointer, "/info");
    assert!(err.message.ends_with("(refused in strict mode)"), "{err}");
}

#[test]
fn invalid_yaml_reports_line_and_column() {
    let err = generate("invalid-yaml.yaml");
    let (line, column) = err.location.expect("the YAML parser knows where");
    assert_eq!(line, 8, "{err}");
    assert!(column >= 1, "{err}");
    assert!(err.to_string().contains(&format!("invalid-yaml.yaml:{line}:{column}")), "{err}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let missing = PathBuf::from("/nonexistent/spec.yaml");
    let err = clientgen::generate_crate(
        &missing,
        &CrateOptions {
            package_name: "x".into(),
            version: "0.1.0".into(),
            runtime: RuntimeDependency::Version("0.1".into()),
            preamble: "x".into(),
            spec_display: "x".into(),
        },
    )
    .unwrap_err();
    assert!(err.message.contains("cannot read the spec"), "{err}");
}

#[test]
fn a_rule_naming_a_field_that_does_not_exist_is_a_spec_error() {
    let err = generate("rule-unknown-field.yaml");
    assert_eq!(err.pointer, "/components/schemas/Thing/x-rules/0/require/field");
    assert!(err.message.contains("`Thing` has no field `colour`"), "{err}");
}

#[test]
fn a_rule_value_outside_the_enum_is_a_spec_error() {
    let err = generate("rule-value-not-in-enum.yaml");
    assert_eq!(err.pointer, "/components/schemas/Thing/x-rules/0/when/in/0");
    assert!(err.message.contains("\"c\" is not one of `kind`'s values"), "{err}");
}

#[test]
fn a_constructor_value_outside_the_enum_is_a_spec_error() {
    let err = generate("constructor-bad-value.yaml");
    assert_eq!(err.pointer, "/components/schemas/Thing/x-constructors/0/values/kind");
    assert!(err.message.contains("is not one of `kind`'s values"), "{err}");
}

#[test]
fn regression_a_schema_that_only_refers_to_itself() {
    let err = generate("self-alias.yaml");
    assert_eq!(err.pointer, "/components/schemas/Address/$ref");
    assert!(err.message.contains("only a reference to itself"), "{err}");
}

#[test]
fn two_schemas_that_include_each_other_through_all_of_are_refused() {
    let err = generate("all-of-self.yaml");
    assert_eq!(err.pointer, "/components/schemas/Entry/allOf/0");
    assert!(err.message.contains("allOf includes `Line`, which contains this schema"), "{err}");
}

#[test]
fn a_discriminator_mapping_outside_the_union_is_refused_where_it_is() {
    let err = generate("discriminator-stray-mapping.yaml");
    assert_eq!(err.pointer, "/components/schemas/Event/discriminator/mapping/refund");
    assert!(err.message.contains("`#/components/schemas/Refund`, which is not one of the oneOf schemas"), "{err}");
}

#[test]
fn a_file_referenced_whole_that_is_not_its_kind_is_refused_in_that_file() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs/whole-file-ref.yaml");
    let err = clientgen::generate_crate(&spec, &options()).expect_err("not a parameter");
    assert_eq!(err.file, spec.with_file_name("parts/limit.yaml"), "{err}");
    assert_eq!((err.pointer.as_str(), err.location), ("/in", Some((3, 5))), "{err}");
    assert!(err.message.starts_with("this file is referenced whole as a parameter, and does not read as one"), "{err}");
}

#[test]
fn a_json_file_referenced_whole_is_refused_at_its_line_once() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs/whole-file-ref-json.yaml");
    let err = clientgen::generate_crate(&spec, &options()).expect_err("not a parameter");
    assert_eq!(err.file, spec.with_file_name("parts/limit.json"), "{err}");
    assert_eq!(err.pointer, "/in", "{err}");
    assert_eq!(err.location.map(|(line, _)| line), Some(3), "{err}");
    assert!(err.message.starts_with("this file is referenced whole as a parameter, and does not read as one"), "{err}");
    // The position is the error's location, not repeated in its message (as serde_json writes it).
    assert!(!err.message.contains(" at line "), "{err}");
}

#[test]
fn a_multipart_body_that_is_a_one_of_is_refused_naming_one_of() {
    let err = generate("multipart-one-of.yaml");
    assert_eq!(err.pointer, "/paths/~1uploads/post/requestBody/content/multipart~1form-data/schema/oneOf");
    assert!(err.message.starts_with("a multipart/form-data body that is a oneOf is not supported"), "{err}");
}

#[test]
fn a_rule_whose_requirement_is_an_empty_any_of_is_refused_where_it_is() {
    let err = generate("rule-never-met.yaml");
    assert_eq!(err.pointer, "/components/schemas/Thing/x-rules/0/require");
    assert!(err.message.starts_with("this requirement can never be met (an empty anyOf is false)"), "{err}");
}

#[test]
fn a_header_object_with_a_nested_field_is_refused_where_it_is() {
    let err = generate("header-nested-object.yaml");
    assert_eq!(err.pointer, "/paths/~1items/get/parameters/0/schema");
    let expected = "the header parameter `X-Filter` is not a scalar, an enum, an array of them or an object of them";
    assert!(err.message.starts_with(expected), "{err}");
}
