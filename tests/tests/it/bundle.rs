//! `clientgen bundle`: a spec split over files as one document that generates the same client.

use std::path::Path;

use serde_json::Value;

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn public_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .map(str::trim_start)
        .filter(|l| ["pub fn ", "pub struct ", "pub enum ", "pub type "].iter().any(|p| l.starts_with(p)))
        .map(|l| l.split(['(', '<', ' ', '{', ';']).take(3).collect::<Vec<_>>().join(" "))
        .collect();
    names.sort();
    names
}

#[test]
fn the_zoom_folder_bundles_into_one_document_that_generates_the_same_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let document = clientgen::bundle::bundle(&root.join("specs/zoom")).unwrap();
    let mut all = Vec::new();
    refs(&document, &mut all);
    assert!(all.len() > 100, "the Zoom spec is full of references: {}", all.len());
    assert!(all.iter().all(|r| r.starts_with("#/components/")), "every $ref is local");
    assert_eq!(document["info"]["title"], "Zoom API", "info comes from common.yaml");

    let dir = std::env::temp_dir().join(format!("clientgen-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("zoom.json");
    std::fs::write(&file, serde_json::to_string(&document).unwrap()).unwrap();
    let options = clientgen::CrateOptions {
        package_name: "zoom".into(),
        version: "0.1.0".into(),
        runtime: clientgen::RuntimeDependency::Version("0.1".into()),
        preamble: "bundled".into(),
        spec_display: "zoom.json".into(),
    };
    let bundled = clientgen::generate_crate(&file, &options).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    for module in ["client.rs", "types.rs"] {
        let from_bundle = &bundled.iter().find(|f| f.path.ends_with(module)).unwrap().contents;
        let committed = std::fs::read_to_string(root.join("generated/zoom/src").join(module)).unwrap();
        let names = public_names(&committed);
        assert!(names.len() > 90, "{module}: {} public items", names.len());
        assert_eq!(public_names(from_bundle), names, "{module}");
    }
}

#[test]
fn a_name_two_files_use_for_different_schemas_is_prefixed_and_an_identical_one_shared() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("bundle-specs/split");
    let document = clientgen::bundle::bundle(&spec).unwrap();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let mut names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["Item", "OrdersItem", "Page"]);
    assert!(schemas["Item"]["properties"].get("id").is_some(), "common.yaml's Item keeps its name");
    assert!(schemas["OrdersItem"]["properties"].get("sku").is_some());
    let response = &document["paths"]["/orders"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(response["properties"]["items"]["items"]["$ref"], "#/components/schemas/OrdersItem");
    assert_eq!(response["properties"]["page"]["$ref"], "#/components/schemas/Page");
    assert_eq!(response["properties"]["owner"]["$ref"], "#/components/schemas/Item");
    assert_eq!(document["servers"][0]["url"], "https://split.example.com");
}

#[test]
fn files_referenced_whole_become_components_named_after_them() {
    // `families/pets.yaml` refers to `shared/page_size.yaml` (a parameter) and
    // `./shared/owner.yaml` (a schema, which refers on to `../common.yaml`).
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/families");
    let document = clientgen::bundle::bundle(&spec).unwrap();
    let mut all = Vec::new();
    refs(&document, &mut all);
    assert!(all.iter().all(|r| r.starts_with("#/components/")), "every $ref is local: {all:?}");
    let parameters = &document["paths"]["/pets"]["get"]["parameters"];
    assert_eq!(parameters[1]["$ref"], "#/components/parameters/page_size");
    assert_eq!(document["components"]["parameters"]["page_size"]["in"], "query");
    let owner = &document["components"]["schemas"]["owner"];
    assert_eq!(owner["properties"]["badge"]["$ref"], "#/components/schemas/Tag");
    let pet = &document["components"]["schemas"]["Pet"];
    assert_eq!(pet["properties"]["owner"]["$ref"], "#/components/schemas/owner");
}
