//! Our operations against the vendor's: which each side lacks, and for the ones both have, the
//! parameters, fields, types and enum values that differ.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::read::{Api, Field, OpKey, Operation};

/// One operation, named as a document names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpName {
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
    pub source: String,
}

impl OpName {
    fn of(key: &OpKey, op: &Operation) -> Self {
        OpName {
            method: key.method.clone(),
            path: op.path.clone(),
            operation_id: op.operation_id.clone(),
            source: op.source.clone(),
        }
    }
}

impl fmt::Display for OpName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{} {}`", self.method, self.path)?;
        if let Some(id) = &self.operation_id {
            write!(f, " {id}")?;
        }
        Ok(())
    }
}

/// What differs in an operation both documents have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Status {
        ours: String,
        theirs: String,
    },
    /// `at` names a field or a parameter; `below` counts the fields under it, all lacking too.
    Lack {
        at: String,
        ty: String,
        below: usize,
    },
    Extra {
        at: String,
        ty: String,
        below: usize,
    },
    Type {
        at: String,
        ours: String,
        theirs: String,
    },
    LackEnum {
        at: String,
        values: Vec<String>,
    },
    ExtraEnum {
        at: String,
        values: Vec<String>,
    },
    /// The vendor lists values where ours takes any.
    TheirsEnumOnly {
        at: String,
        values: Vec<String>,
    },
    OursEnumOnly {
        at: String,
        values: Vec<String>,
    },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let below = |n: usize| if n == 0 { String::new() } else { format!(", {n} more below") };
        match self {
            Finding::Status { ours, theirs } => write!(f, "success status: ours {ours}, vendor {theirs}"),
            Finding::Lack { at, ty, below: n } => write!(f, "we lack {at} ({ty}{})", below(*n)),
            Finding::Extra { at, ty, below: n } => write!(f, "we have {at} ({ty}{}), the vendor does not", below(*n)),
            Finding::Type { at, ours, theirs } => write!(f, "type of {at}: ours {ours}, vendor {theirs}"),
            Finding::LackEnum { at, values } => write!(f, "we lack enum values of {at}: `{}`", values.join(", ")),
            Finding::ExtraEnum { at, values } => {
                write!(f, "we have enum values of {at} the vendor does not: `{}`", values.join(", "))
            }
            Finding::TheirsEnumOnly { at, values } => {
                write!(f, "the vendor enumerates {at} (`{}`), ours takes any value", values.join(", "))
            }
            Finding::OursEnumOnly { at, values } => {
                write!(f, "we enumerate {at} (`{}`), the vendor takes any value", values.join(", "))
            }
        }
    }
}

/// A shared operation that differs.
#[derive(Debug, Clone)]
pub struct OpDiff {
    /// The vendor's name for it.
    pub theirs: OpName,
    pub ours_id: Option<String>,
    pub findings: Vec<Finding>,
}

/// One family: the vendor's first tag (for an operation only we have, our first tag).
#[derive(Debug, Clone, Default)]
pub struct Family {
    pub vendor: usize,
    pub ours: usize,
    pub shared: usize,
    pub missing: Vec<OpName>,
    pub ours_only: Vec<OpName>,
    pub changed: Vec<OpDiff>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub families: BTreeMap<String, Family>,
    pub notes: Vec<String>,
}

/// Compares our document with the vendor's; with several vendor documents, an operation two of
/// them have is taken from the first given.
pub fn diff(ours: &Api, theirs: &[Api]) -> Report {
    let mut notes: BTreeSet<String> = ours.notes.clone();
    let mut vendor: BTreeMap<&OpKey, &Operation> = BTreeMap::new();
    let mut repeated: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for api in theirs {
        notes.extend(api.notes.iter().cloned());
        for (key, op) in &api.ops {
            match vendor.get(key) {
                Some(first) => *repeated.entry((first.source.as_str(), op.source.as_str())).or_default() += 1,
                None => {
                    vendor.insert(key, op);
                }
            }
        }
    }
    for ((first, later), n) in repeated {
        notes.insert(format!("{later}: {n} of its operations are also in {first}, whose are compared"));
    }
    let mut families: BTreeMap<String, Family> = BTreeMap::new();
    for (key, theirs_op) in &vendor {
        let family = families.entry(theirs_op.family.clone()).or_default();
        family.vendor += 1;
        let Some(ours_op) = ours.ops.get(key) else {
            family.missing.push(OpName::of(key, theirs_op));
            continue;
        };
        family.ours += 1;
        family.shared += 1;
        let findings = compare(ours_op, theirs_op);
        if !findings.is_empty() {
            let theirs = OpName::of(key, theirs_op);
            family.changed.push(OpDiff { theirs, ours_id: ours_op.operation_id.clone(), findings });
        }
    }
    for (key, ours_op) in &ours.ops {
        if !vendor.contains_key(key) {
            let family = families.entry(ours_op.family.clone()).or_default();
            family.ours += 1;
            family.ours_only.push(OpName::of(key, ours_op));
        }
    }
    Report { families, notes: notes.into_iter().collect() }
}

/// The differences of one operation both documents have, in a fixed order: status, parameters,
/// fields, types, enum values.
pub fn compare(ours: &Operation, theirs: &Operation) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let (Some(o), Some(t)) = (&ours.success, &theirs.success) {
        if o != t {
            findings.push(Finding::Status { ours: o.clone(), theirs: t.clone() });
        }
    }
    let param_at = |key: &str| format!("parameter `{}`", theirs.param_label(key));
    let ours_param_at = |key: &str| format!("parameter `{}`", ours.param_label(key));
    let field_at = |key: &str| format!("field `{key}`");
    let mut shared = Vec::new();
    presence(&ours.params, &theirs.params, (&param_at, &ours_param_at), false, &mut findings, &mut shared);
    presence(&ours.fields, &theirs.fields, (&field_at, &field_at), true, &mut findings, &mut shared);
    for (at, o, t) in &shared {
        if !o.types.is_empty() && !t.types.is_empty() && o.types != t.types {
            findings.push(Finding::Type { at: at.clone(), ours: o.type_text(), theirs: t.type_text() });
        }
    }
    for (at, o, t) in shared {
        let list = |set: &mut dyn Iterator<Item = &String>| set.cloned().collect::<Vec<_>>();
        let lack = list(&mut t.enums.difference(&o.enums));
        let extra = list(&mut o.enums.difference(&t.enums));
        match (o.enums.is_empty(), t.enums.is_empty()) {
            (true, true) => {}
            (true, false) => findings.push(Finding::TheirsEnumOnly { at, values: lack }),
            (false, true) => findings.push(Finding::OursEnumOnly { at, values: extra }),
            (false, false) => {
                if !lack.is_empty() {
                    findings.push(Finding::LackEnum { at: at.clone(), values: lack });
                }
                if !extra.is_empty() {
                    findings.push(Finding::ExtraEnum { at, values: extra });
                }
            }
        }
    }
    findings
}

type Label<'l> = &'l dyn Fn(&str) -> String;

/// Lack and Extra findings and the keys both sides have. With `nested` keys (dotted fields), only
/// the topmost missing key is reported, with a count of what is under it.
fn presence<'a>(
    ours: &'a BTreeMap<String, Field>,
    theirs: &'a BTreeMap<String, Field>,
    (theirs_at, ours_at): (Label, Label),
    nested: bool,
    findings: &mut Vec<Finding>,
    shared: &mut Vec<(String, &'a Field, &'a Field)>,
) {
    let parent_absent = |key: &str, other: &BTreeMap<String, Field>| nested && parent_absent(key, other);
    for (key, field) in theirs {
        match ours.get(key) {
            Some(o) => shared.push((theirs_at(key), o, field)),
            None if !parent_absent(key, ours) => {
                let (at, ty, below) = (theirs_at(key), field.type_text(), descendants(key, theirs));
                findings.push(Finding::Lack { at, ty, below });
            }
            None => {}
        }
    }
    for (key, field) in ours {
        if !theirs.contains_key(key) && !parent_absent(key, theirs) {
            let (at, ty, below) = (ours_at(key), field.type_text(), descendants(key, ours));
            findings.push(Finding::Extra { at, ty, below });
        }
    }
}

/// `a.b[].c` -> `a.b[]` -> `a.b` -> `a`.
fn parent(key: &str) -> Option<&str> {
    key.strip_suffix("[]").or_else(|| key.rsplit_once('.').map(|(parent, _)| parent))
}

/// Whether the key's parent is missing from `other` too (then only the parent is reported).
fn parent_absent(key: &str, other: &BTreeMap<String, Field>) -> bool {
    parent(key).is_some_and(|p| !other.contains_key(p))
}

fn descendants(key: &str, map: &BTreeMap<String, Field>) -> usize {
    let (dot, items) = (format!("{key}."), format!("{key}[]"));
    map.keys().filter(|k| k.starts_with(&dot) || k.starts_with(&items)).count()
}
