//! The report as Markdown: a summary table per family (what a release note pastes), then the
//! details, then the notes on the documents.

use std::fmt::Write as _;

use super::compare::{Family, OpName, Report};

/// The summary table: one row per family and a total.
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("| family | vendor | ours | shared | missing | ours only | shared, differing |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    let mut total = Family::default();
    for (name, family) in &report.families {
        row(&mut out, name, family);
        total.vendor += family.vendor;
        total.ours += family.ours;
        total.shared += family.shared;
        total.missing.extend(family.missing.iter().cloned());
        total.ours_only.extend(family.ours_only.iter().cloned());
        total.changed.extend(family.changed.iter().cloned());
    }
    row(&mut out, "**all**", &total);
    out
}

fn row(out: &mut String, name: &str, f: &Family) {
    let (missing, only, changed) = (f.missing.len(), f.ours_only.len(), f.changed.len());
    let _ = writeln!(out, "| {name} | {} | {} | {} | {missing} | {only} | {changed} |", f.vendor, f.ours, f.shared);
}

/// The table, then per family the operations each side lacks and the differences of the shared
/// ones, then the notes. `sources` adds each vendor operation's document (useful with several).
pub fn markdown(report: &Report, sources: bool) -> String {
    let mut out = summary(report);
    let name = |op: &OpName| if sources { format!("{op} ({})", op.source) } else { op.to_string() };
    for (family_name, family) in &report.families {
        if family.missing.is_empty() && family.ours_only.is_empty() && family.changed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {family_name}");
        if !family.missing.is_empty() {
            let _ = writeln!(out, "\nThe vendor has, we lack ({}):\n", family.missing.len());
            for op in &family.missing {
                let _ = writeln!(out, "- {}", name(op));
            }
        }
        if family.vendor == 0 {
            let _ = writeln!(out, "\nNo vendor document has an operation in this family; ours has {}.", family.ours);
        } else if !family.ours_only.is_empty() {
            let _ = writeln!(out, "\nWe have, the vendor lacks ({}):\n", family.ours_only.len());
            for op in &family.ours_only {
                let _ = writeln!(out, "- {op}");
            }
        }
        for diff in &family.changed {
            let ours = match (&diff.ours_id, &diff.theirs.operation_id) {
                (Some(o), Some(t)) if o != t => format!(" (ours: {o})"),
                _ => String::new(),
            };
            let _ = writeln!(out, "\n### {}{ours}\n", name(&diff.theirs));
            for finding in &diff.findings {
                let _ = writeln!(out, "- {finding}");
            }
        }
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\n## Notes on the documents\n");
        for note in &report.notes {
            let _ = writeln!(out, "- {note}");
        }
    }
    out
}
