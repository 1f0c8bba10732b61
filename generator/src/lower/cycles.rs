//! Boxing only where a cycle needs it: a struct that contains itself, directly or through other
//! structs, has infinite size unless one link of the cycle is a `Box`. `Vec` and maps are already
//! indirect, so only direct (and `Option`) containment counts.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Marks `boxed` on every struct field (and `Box`es every union variant) whose target lies on
/// a cycle with the field's owner.
pub fn box_cycles(types: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> =
        types.iter().map(|t| direct_targets(t).filter_map(|n| index.get(n).copied()).collect()).collect();
    let component = strongly_connected(&edges);
    let on_cycle = |from: usize, to: &str| {
        index.get(to).is_some_and(|&to| component[to] == component[from] && (to != from || edges[from].contains(&from)))
    };
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (owner, def) in types.iter().enumerate() {
        let targets: Vec<Option<&str>> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| direct_name(&f.ty)).collect(),
            TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => {
                variants.iter().map(|v| direct_name(&v.ty)).collect()
            }
            _ => continue,
        };
        for (slot, target) in targets.into_iter().enumerate() {
            if target.is_some_and(|t| on_cycle(owner, t)) {
                marks.push((owner, slot));
            }
        }
    }
    for (owner, slot) in marks {
        match &mut types[owner].kind {
            TypeKind::Struct(s) => s.fields[slot].boxed = true,
            TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => variants[slot].boxed = true,
            _ => {}
        }
    }
}

/// The named type a field holds inline (not behind a `Vec` or map).
fn direct_name(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

fn direct_targets(def: &TypeDef) -> Box<dyn Iterator<Item = &str> + '_> {
    match &def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().filter_map(|f| direct_name(&f.ty))),
        TypeKind::Union(variants) | TypeKind::Tagged { variants, .. } => {
            Box::new(variants.iter().filter_map(|v| direct_name(&v.ty)))
        }
        TypeKind::Alias(ty) => Box::new(direct_name(ty).into_iter()),
        _ => Box::new(std::iter::empty()),
    }
}

/// Tarjan's algorithm, iteratively (real specs nest deeper than a thread's stack allows).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut component) = (vec![UNVISITED; n], vec![0; n], vec![UNVISITED; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_index, mut next_component) = (0, 0);
    for start in 0..n {
        if index[start] != UNVISITED {
            continue;
        }
        let mut work = vec![(start, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == UNVISITED {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_group_cycles_only() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 4 -> 4
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![], vec![4]];
        let c = strongly_connected(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[3] != c[4]);
    }
}
