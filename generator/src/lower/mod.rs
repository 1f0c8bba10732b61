//! Lowering: a loaded spec bundle becomes the intermediate model ([`crate::ir::Api`]).
//!
//! Schemas become types: `schema` names them and lowers each component once, and defines named
//! types through `objects`, `enums` and `unions`. Operations become methods: `operation` with
//! `body`, `responses`, `error_codes` and `pagination`. Once every type exists, `cycles` boxes
//! what must be boxed and `rules` resolves `x-rules` and `x-constructors`; `deferred` merges the
//! `allOf` parts that name a type still being lowered. This module owns the
//! shared state (names taken so far, types defined so far) and the API-level passes.

mod body;
mod cycles;
mod date_range;
mod deferred;
mod enums;
mod error_codes;
mod facts;
mod objects;
mod operation;
mod pagination;
mod responses;
mod rules;
mod schema;
mod unions;

use std::collections::HashMap;
use std::path::Path;

use crate::error::SpecError;
use crate::ir::{follow_aliases, Api, Resource, TypeDef, TypeKind, TypeRef};
use crate::load::{Bundle, ComponentKey, DocId};
use crate::names::Namespace;

pub(crate) struct Lowerer<'b> {
    bundle: &'b Bundle,
    types: Vec<TypeDef>,
    /// Where each of `types` is, by name.
    type_index: HashMap<String, usize>,
    type_names: Namespace,
    component_names: schema::ComponentNames,
    component_order: Vec<ComponentKey>,
    components: HashMap<ComponentKey, schema::ComponentState>,
    /// `x-rules` and `x-constructors`, resolved once every type exists.
    pending: rules::Pending,
    /// How many named types are being defined inside one another right now.
    nesting: usize,
    /// The components being lowered, outermost first, with `None` for each property entered
    /// since (see `deferred`).
    lowering: Vec<Option<ComponentKey>>,
    /// `allOf` parts waiting for the component they name to be lowered.
    deferred: Vec<deferred::DeferredMerge>,
    /// Defects repaired while lowering (a path parameter the operation does not declare).
    warnings: Vec<SpecError>,
}

/// Lowers a bundle into the model of one client crate.
pub fn lower(bundle: &Bundle) -> Result<Api, SpecError> {
    let mut lowerer = Lowerer {
        bundle,
        types: Vec::new(),
        type_index: HashMap::new(),
        type_names: Namespace::default(),
        component_names: HashMap::new(),
        component_order: Vec::new(),
        components: HashMap::new(),
        pending: rules::Pending::default(),
        nesting: 0,
        lowering: Vec::new(),
        deferred: Vec::new(),
        warnings: Vec::new(),
    };
    lowerer.claim_component_names();
    lowerer.lower_components()?;
    let lowered = lowerer.lower_operations()?;
    let error_body = lowered.error_body();
    let error_code_type = lowerer.error_code_enum(&lowered.resources, &error_body);
    let mut types = lowerer.types;
    cycles::box_cycles(&mut types);
    lowerer.pending.resolve(&mut types)?;

    // A folder's crate is described by its one file without operations (the shared
    // components), when it has exactly one; otherwise by its first file.
    let roots = &bundle.docs[..bundle.roots];
    let without_operations: Vec<&crate::load::Document> =
        roots.iter().filter(|d| d.spec.paths.paths.is_empty()).collect();
    let root_doc = match without_operations.as_slice() {
        [only] if roots.len() > 1 => only,
        _ => &roots[0],
    };
    let root = &root_doc.spec;
    let download_hosts = download_hosts(root_doc)?;
    let base_url = root.servers.first().map(|s| s.url.trim_end_matches('/').to_owned()).unwrap_or_default();
    Ok(Api {
        title: root.info.title.clone(),
        description: root.info.description.clone(),
        spec_version: root.info.version.clone(),
        base_url,
        types: facts::analyse(types, &lowered.resources, &error_body),
        features: facts::features(&lowered.resources),
        download_hosts,
        resources: lowered.resources,
        error_body,
        error_code_type,
        warnings: bundle
            .warnings
            .iter()
            .cloned()
            .chain(lowerer.warnings.into_iter().map(crate::load::locate))
            .collect(),
        notes: bundle.notes.clone(),
    })
}

/// `info.x-download-hosts`: the hosts besides the API's own that a download by URL sends the
/// token to, each a lowercase host name or `*.` and one.
fn download_hosts(doc: &crate::load::Document) -> Result<Vec<String>, SpecError> {
    let Some(listed) = doc.spec.info.extensions.get("x-download-hosts") else { return Ok(Vec::new()) };
    let invalid = |message: String| SpecError::new(&doc.path, "/info/x-download-hosts", message);
    let Some(listed) = listed.as_array() else {
        return Err(invalid("x-download-hosts is a list of host names (`zoom.us`, `*.zoom.us`)".to_owned()));
    };
    listed
        .iter()
        .map(|host| {
            let host = host.as_str().unwrap_or_default();
            let name = host.strip_prefix("*.").unwrap_or(host);
            let valid = !name.is_empty()
                && name.split('.').all(|label| {
                    !label.is_empty()
                        && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                });
            if valid {
                Ok(host.to_owned())
            } else {
                Err(invalid(format!(
                    "`{host}` is not a host pattern: a lowercase host name (`zoom.us`) or `*.` and one (`*.zoom.us`), without scheme, port or path"
                )))
            }
        })
        .collect()
}

impl Lowerer<'_> {
    fn path(&self, doc: DocId) -> &Path {
        &self.bundle.docs[doc].path
    }

    fn push_type(&mut self, def: TypeDef) {
        self.type_index.entry(def.name.clone()).or_insert(self.types.len());
        self.types.push(def);
    }

    /// The kind of the type named `name`, among the types so far.
    fn kind_named(&self, name: &str) -> Option<&TypeKind> {
        self.type_index.get(name).map(|&i| &self.types[i].kind)
    }

    fn kind_named_mut(&mut self, name: &str) -> Option<&mut TypeKind> {
        self.type_index.get(name).map(|&i| &mut self.types[i].kind)
    }

    /// The kind of the type `ty` names once aliases are followed (`None` for an unnamed type).
    fn resolved_kind(&self, ty: &TypeRef) -> Option<&TypeKind> {
        match follow_aliases(|name| self.kind_named(name), ty) {
            TypeRef::Named(name) => self.kind_named(name),
            _ => None,
        }
    }
}

/// What the operation pass produces besides types.
struct LoweredOperations {
    resources: Vec<Resource>,
    /// The body type of every documented error response, in spec order.
    error_bodies: Vec<TypeRef>,
}

impl LoweredOperations {
    /// One error body type for the whole client: the vendor's, when every error response
    /// declares the same one; any JSON otherwise.
    fn error_body(&self) -> TypeRef {
        match self.error_bodies.first() {
            Some(first) if self.error_bodies.iter().all(|ty| ty == first) => first.clone(),
            _ => TypeRef::Json,
        }
    }
}
