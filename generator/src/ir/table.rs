//! The table of an API's named types: found by name with one lookup, each with the facts the
//! emitters ask about it and the cargo features that compile it.

use super::{TypeDef, TypeKind, TypeRef};

/// Where a type sits in its [`TypeTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeId(usize);

/// Every named type of the API in the order they are emitted, found by name with one lookup,
/// with the facts the emitters ask about each (typify's `TypeSpace`). Built by lowering's last
/// pass (`lower::facts`), which decides the facts; the emitters only read them.
#[derive(Debug, Clone, Default)]
pub struct TypeTable {
    defs: Vec<TypeDef>,
    facts: Vec<TypeFacts>,
    gates: Vec<Gate>,
    ids: std::collections::HashMap<String, TypeId>,
}

/// The cargo features that compile an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    Always,
    /// Any one of these (sorted, never empty): the families whose operations use it.
    Any(Vec<String>),
    /// Every one of these: what no operation uses is compiled only with every family, so that a
    /// build of one family compiles that family's types alone.
    All(Vec<String>),
}

/// The gate of a type that is not in the table (`Always`).
static ALWAYS: Gate = Gate::Always;

impl TypeTable {
    /// A table of `defs` with their `facts` and gates (one each, in the same order).
    pub(crate) fn new(defs: Vec<TypeDef>, facts: Vec<TypeFacts>, gates: Vec<Gate>) -> Self {
        debug_assert!(defs.len() == facts.len() && defs.len() == gates.len());
        let ids = defs.iter().enumerate().map(|(i, def)| (def.name.clone(), TypeId(i))).collect();
        Self { defs, facts, gates, ids }
    }

    /// The features that compile the type named `name`.
    pub fn gate(&self, name: &str) -> &Gate {
        self.id(name).map_or(&ALWAYS, |id| &self.gates[id.0])
    }

    pub fn iter(&self) -> std::slice::Iter<'_, TypeDef> {
        self.defs.iter()
    }

    pub fn len(&self) -> usize {
        self.defs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    pub fn id(&self, name: &str) -> Option<TypeId> {
        self.ids.get(name).copied()
    }

    pub fn def(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }

    pub fn facts_of(&self, id: TypeId) -> TypeFacts {
        self.facts[id.0]
    }

    /// The type named `name`.
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.id(name).map(|id| self.def(id))
    }

    /// The kind of the type `ty` names (`None` when it is not a named type).
    pub fn kind(&self, ty: &TypeRef) -> Option<&TypeKind> {
        match ty {
            TypeRef::Named(name) => self.get(name).map(|def| &def.kind),
            _ => None,
        }
    }

    /// Whether values of `ty` travel as plain text (`Display`): scalars, and the named types
    /// lowering found to be text ([`TypeFacts::text`]).
    pub fn is_text(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(_) => self.facts(ty).text,
            TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Json | TypeRef::Bytes => false,
            _ => true,
        }
    }

    /// The facts of the type `ty` names; a type that is not named has none of them.
    pub fn facts(&self, ty: &TypeRef) -> TypeFacts {
        match ty {
            TypeRef::Named(name) => self.id(name).map(|id| self.facts_of(id)).unwrap_or_default(),
            _ => TypeFacts::default(),
        }
    }
}

/// What the emitters ask about one type, decided once after lowering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeFacts {
    /// Its values have something to check: a rule, a keyword constraint, a read-only field, or
    /// a checked type inside. It gets a `Validate` impl with checks, and calls check it.
    pub checked: bool,
    /// A request can carry it (a body, a parameter struct, or a type inside one): it gets a
    /// `Validate` impl even with nothing to check, so any request model can be checked by hand.
    pub in_requests: bool,
    /// It is `Copy` (integer enums).
    pub copy: bool,
    /// Its values travel as plain text (`Display`): enums, aliases of scalars, unions of those.
    pub text: bool,
    /// A struct that gets `new(required...)`: its required fields all have different types
    /// (so swapped arguments do not compile) and fit clippy's argument limit.
    pub constructor: bool,
}
