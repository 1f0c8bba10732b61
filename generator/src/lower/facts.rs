//! Lowering's last pass: what every emitter asks about a type, decided once
//! ([`TypeFacts`], kept in the [`TypeTable`]), and which enum variants hold their value in a `Box`.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::ir::{Field, Gate, Resource, Response, Rule, TypeDef, TypeFacts, TypeKind, TypeRef, TypeTable};

/// clippy's `too_many_arguments` threshold: a constructor takes at most this many.
const MAX_CONSTRUCTOR_ARGUMENTS: usize = 7;

/// How deep aliases and unions are followed to tell whether a type is text.
const MAX_TEXT_DEPTH: usize = 16;

/// The table of `types`, with every type's facts and the features that compile it (`error_body`
/// is always compiled: every operation can answer with it).
pub fn analyse(mut types: Vec<TypeDef>, resources: &[Resource], error_body: &TypeRef) -> TypeTable {
    let index: HashMap<String, usize> = types.iter().enumerate().map(|(i, def)| (def.name.clone(), i)).collect();
    box_objects_in_enums(&mut types, &index);
    let checked = checked_types(&types);
    let requests = request_types(&types, &index, resources);
    let facts = types
        .iter()
        .map(|def| TypeFacts {
            checked: checked.contains(&def.name),
            in_requests: requests.contains(&def.name),
            copy: matches!(def.kind, TypeKind::IntEnum { .. }),
            text: is_text(&|name| index.get(name).map(|&i| &types[i].kind), &TypeRef::Named(def.name.clone())),
            constructor: matches!(&def.kind, TypeKind::Struct(s) if has_constructor(&s.fields))
                || matches!(&def.kind, TypeKind::Form(fields)
                    if has_constructor(&fields.iter().map(|f| f.field.clone()).collect::<Vec<_>>())),
        })
        .collect();
    let gates = gates(&types, &index, resources, error_body);
    TypeTable::new(types, facts, gates)
}

/// The crate's cargo features: one per family of operations, sorted.
pub fn features(resources: &[Resource]) -> Vec<String> {
    let features: BTreeSet<&str> =
        resources.iter().flat_map(|r| &r.operations).filter_map(|op| op.feature.as_deref()).collect();
    features.into_iter().map(str::to_owned).collect()
}

/// Which cargo features compile each type: those of the operations that use it, directly or
/// inside another type. A type that an operation without a feature uses (or the error body) is
/// always compiled; one that no operation uses only with every feature. Whatever a compiled type
/// holds is compiled too.
fn gates<'r>(
    types: &[TypeDef],
    index: &HashMap<String, usize>,
    resources: &'r [Resource],
    error_body: &TypeRef,
) -> Vec<Gate> {
    let mut features: Vec<BTreeSet<&'r str>> = vec![BTreeSet::new(); types.len()];
    let mut always = vec![false; types.len()];
    let named = |ty: &TypeRef| ty.innermost_named().and_then(|name| index.get(name)).copied();
    always_from(&mut always, types, index, error_body.innermost_named().and_then(|n| index.get(n)).copied());
    for op in resources.iter().flat_map(|r| &r.operations) {
        let mut roots: Vec<usize> =
            op.path_params.iter().chain(&op.required_params).filter_map(|p| named(&p.ty)).collect();
        roots.extend(op.body.as_ref().and_then(|b| named(&b.ty)));
        roots.extend(op.optional_params.as_ref().and_then(|p| index.get(&p.type_name).copied()));
        match &op.response {
            Response::Json(ty) | Response::JsonOrEmpty(ty) => roots.extend(named(ty)),
            Response::Empty | Response::Binary(_) => {}
        }
        match op.feature.as_deref() {
            Some(feature) => roots.into_iter().for_each(|root| {
                features[root].insert(feature);
            }),
            None => roots.into_iter().for_each(|root| always_from(&mut always, types, index, Some(root))),
        }
    }
    spread(types, index, &mut features);
    // What no operation uses is compiled only with every family (what it holds is compiled then,
    // whatever its own gate).
    let all = self::features(resources);
    features
        .into_iter()
        .zip(always)
        .map(|(features, always)| match (always, features.is_empty()) {
            (true, _) => Gate::Always,
            (false, true) if all.is_empty() => Gate::Always,
            (false, true) => Gate::All(all.clone()),
            (false, false) => Gate::Any(features.into_iter().map(str::to_owned).collect()),
        })
        .collect()
}

/// What a type holds is compiled wherever the type is: spreads each type's features to its
/// children until nothing changes (a chain of n types takes at most n rounds).
fn spread<'r>(types: &[TypeDef], index: &HashMap<String, usize>, features: &mut [BTreeSet<&'r str>]) {
    loop {
        let mut changed = false;
        for i in 0..types.len() {
            for child in children(&types[i], index) {
                let missing: Vec<&'r str> = features[i].difference(&features[child]).copied().collect();
                changed |= !missing.is_empty();
                features[child].extend(missing);
            }
        }
        if !changed {
            return;
        }
    }
}

/// Marks `root` and every type it holds as always compiled.
fn always_from(always: &mut [bool], types: &[TypeDef], index: &HashMap<String, usize>, root: Option<usize>) {
    let mut queue: Vec<usize> = root.into_iter().collect();
    while let Some(i) = queue.pop() {
        if !std::mem::replace(&mut always[i], true) {
            queue.extend(children(&types[i], index));
        }
    }
}

/// The named types a type holds directly (in its fields, variants or target).
fn children(def: &TypeDef, index: &HashMap<String, usize>) -> Vec<usize> {
    let refs: Vec<&TypeRef> = match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.additional.as_ref()).collect(),
        TypeKind::Params(fields, _) => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Form(fields) => fields.iter().map(|f| &f.field.ty).collect(),
        TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::ByStatus(variants) => variants.iter().filter_map(|v| v.ty.as_ref()).collect(),
        TypeKind::Alias(target) => vec![target],
        TypeKind::Enum { .. } | TypeKind::IntEnum { .. } | TypeKind::MixedEnum { .. } => Vec::new(),
    };
    refs.into_iter().filter_map(|ty| ty.innermost_named().and_then(|name| index.get(name)).copied()).collect()
}

/// Whether values of `ty` travel as plain text (`Display`): scalars, enums, aliases of them, and
/// unions of those. Everything else needs serializing (objects in a query string, say). The one
/// answer for path, query and header parameters and form parts alike; `kind_of` finds a named
/// type (lowering asks before the table exists).
pub(crate) fn is_text<'t>(kind_of: &dyn Fn(&str) -> Option<&'t TypeKind>, ty: &TypeRef) -> bool {
    fn text<'t>(kind_of: &dyn Fn(&str) -> Option<&'t TypeKind>, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Named(name) if depth < MAX_TEXT_DEPTH => match kind_of(name) {
                Some(TypeKind::Enum { .. } | TypeKind::IntEnum { .. } | TypeKind::MixedEnum { .. }) => true,
                Some(TypeKind::Alias(target)) => text(kind_of, target, depth + 1),
                Some(TypeKind::Union(variants)) => variants.iter().all(|v| text(kind_of, &v.ty, depth + 1)),
                _ => false,
            },
            TypeRef::Named(_) | TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Json | TypeRef::Bytes => false,
            _ => true,
        }
    }
    text(kind_of, ty, 0)
}

/// `new(required...)` only when the required fields' types differ, so that swapped arguments
/// cannot compile, and within clippy's argument limit; otherwise a struct literal is safer.
fn has_constructor(fields: &[Field]) -> bool {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let distinct = required.iter().enumerate().all(|(i, a)| required[i + 1..].iter().all(|b| a.ty != b.ty));
    !required.is_empty() && required.len() <= MAX_CONSTRUCTOR_ARGUMENTS && distinct
}

/// Union and status variants that hold an object (or a union of them) hold it in a `Box`.
fn box_objects_in_enums(types: &mut [TypeDef], index: &HashMap<String, usize>) {
    let is_object: Vec<bool> = types
        .iter()
        .map(|def| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Tagged { .. }))
        .collect();
    let object = |ty: &TypeRef| matches!(ty, TypeRef::Named(name) if index.get(name).is_some_and(|&i| is_object[i]));
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => {
                for variant in variants {
                    variant.boxed |= object(&variant.ty);
                }
            }
            TypeKind::ByStatus(variants) => {
                for variant in variants {
                    variant.boxed = variant.ty.as_ref().is_some_and(object);
                }
            }
            _ => {}
        }
    }
}

/// The names of the types whose values have something to check, directly or inside.
fn checked_types(types: &[TypeDef]) -> HashSet<String> {
    let mut checked: HashSet<String> = HashSet::new();
    loop {
        let before = checked.len();
        for def in types {
            let (fields, rules): (&[Field], &[Rule]) = match &def.kind {
                TypeKind::Struct(s) => (&s.fields, &s.rules),
                TypeKind::Params(fields, rules) => (fields, rules),
                TypeKind::Alias(TypeRef::Named(target)) if checked.contains(target) => {
                    checked.insert(def.name.clone());
                    continue;
                }
                // A union is checked through the variant it holds.
                TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => {
                    if variants.iter().any(|v| matches!(&v.ty, TypeRef::Named(name) if checked.contains(name))) {
                        checked.insert(def.name.clone());
                    }
                    continue;
                }
                _ => continue,
            };
            let checks = !rules.is_empty()
                || fields.iter().any(|f| {
                    (f.read_only && f.is_optional())
                        || f.constraints.checks(&f.ty)
                        || f.ty.innermost_named().is_some_and(|name| checked.contains(name))
                });
            if checks {
                checked.insert(def.name.clone());
            }
        }
        if checked.len() == before {
            return checked;
        }
    }
}

/// The types a request can carry: bodies and parameter structs, and every type inside them.
fn request_types(types: &[TypeDef], index: &HashMap<String, usize>, resources: &[Resource]) -> HashSet<String> {
    let mut found: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = Vec::new();
    for op in resources.iter().flat_map(|r| &r.operations) {
        if let Some(TypeRef::Named(name)) = op.body.as_ref().map(|b| &b.ty) {
            queue.push(name.clone());
        }
        if let Some(params) = &op.optional_params {
            queue.push(params.type_name.clone());
        }
    }
    while let Some(name) = queue.pop() {
        if !found.insert(name.clone()) {
            continue;
        }
        let Some(def) = index.get(&name).map(|&i| &types[i]) else { continue };
        let fields: &[Field] = match &def.kind {
            TypeKind::Struct(s) => &s.fields,
            TypeKind::Params(fields, _) => fields,
            _ => continue,
        };
        queue.extend(fields.iter().filter_map(|f| f.ty.innermost_named()).map(str::to_owned));
    }
    found
}
