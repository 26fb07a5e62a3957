//! The layers stay layers: no source file imports one that imports it back, directly or
//! through others. Lower layers must not know higher ones (the Node lookup is assembled
//! where the schema is, the cache is generic, payouts depend on funds and not the
//! reverse), so that a new domain can be added on top without touching what is below.
//!
//! Cargo keeps the workspace's crates from depending on each other in a circle; this
//! keeps the files inside them from doing it. Read from the source text of every crate
//! (`src/`, `crates/*/src/`): every `use crate::…` and `use super::…` (braces expanded)
//! and every path written out inline (`crate::payouts::service::pay(…)`), each resolved to
//! the file that defines the longest part of it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path inside the crate (`["payouts", "service"]`).
type Module = Vec<String>;

/// Every `.rs` file below `dir` by module path, with its text before its tests.
fn read_modules(dir: &Path, root: &Path, out: &mut BTreeMap<Module, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_modules(&path, root, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap().with_extension("");
        let mut module: Module = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            module.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = code
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        // A module of the same path in two crates (the roots, `graphql`, `http`, `bank`)
        // is read as one: every crate re-exports the modules below it under one path.
        out.entry(module).or_default().push_str(&code);
    }
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = tree.find('{') else {
        return vec![tree.trim().to_owned()];
    };
    let prefix = tree[..open].trim().trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut items, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
        .iter()
        .filter(|i| !i.trim().is_empty())
        .flat_map(|i| expand(i))
        .map(|i| {
            if prefix.is_empty() {
                i
            } else {
                format!("{prefix}::{i}")
            }
        })
        .collect()
}

/// The segments of the path starting at `text` (`payouts::service::pay(` gives three).
fn path_at(text: &str) -> Vec<String> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The modules `module` names, as written in `code`.
fn named(module: &Module, code: &str) -> Vec<Module> {
    let parent: Module = module[..module.len().saturating_sub(1)].to_vec();
    let rooted = |base: &str, path: Vec<String>| -> Module {
        let mut full = if base == "super" {
            parent.clone()
        } else {
            Vec::new()
        };
        full.extend(
            path.into_iter()
                .filter(|s| !matches!(s.as_str(), "self" | "*")),
        );
        full
    };
    let mut out = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        let Some(at) = statement.find("use ") else {
            continue;
        };
        let head = statement[..at].trim();
        if !(head.is_empty() || head.starts_with("pub") || head.ends_with('}')) {
            continue;
        }
        let tree = statement[at + 4..].trim();
        for base in ["crate", "super"] {
            if let Some(rest) = tree.strip_prefix(&format!("{base}::")) {
                for path in expand(rest) {
                    let path = path.split(" as ").next().unwrap_or_default();
                    out.push(rooted(base, path_at(path.trim())));
                }
            }
        }
    }
    for base in ["crate", "super"] {
        let marker = format!("{base}::");
        for (at, _) in code.match_indices(&marker) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path = path_at(&code[at + marker.len()..]);
            if !path.is_empty() {
                out.push(rooted(base, path));
            }
        }
    }
    out
}

/// Which file each module imports: the one defining the longest part of each path.
fn import_graph(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    modules
        .iter()
        .map(|(module, code)| {
            let targets = named(module, code)
                .into_iter()
                .filter_map(|path| {
                    (1..=path.len())
                        .rev()
                        .map(|n| path[..n].to_vec())
                        .find(|p| modules.contains_key(p))
                })
                .filter(|t| t != module)
                .collect();
            (module.clone(), targets)
        })
        .collect()
}

/// A cycle of the graph, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        done: &mut BTreeSet<Module>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(start) = path.iter().position(|m| m == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn module(path: &str) -> Module {
    path.split('/').map(str::to_owned).collect()
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![root.join("src")];
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        sources.push(entry.unwrap().path().join("src"));
    }
    let mut modules = BTreeMap::new();
    for src in &sources {
        read_modules(src, src, &mut modules);
    }
    let graph = import_graph(&modules);
    // The reading sees the edges that are there.
    assert!(graph.len() > 100, "{} modules read", graph.len());
    let edge = |from: &str, to: &str| graph[&module(from)].contains(&module(to));
    assert!(edge("payouts/service", "funds/service"));
    assert!(edge("payouts/reversal", "payouts/service"), "use super::…");
    assert!(edge("graphql/lookup", "registry/types"));
    assert!(edge("http", "exchange/exports"), "an inline crate:: path");
    if let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(|m| m.join("/")).collect();
        panic!("an import circle: {}", names.join(" -> "));
    }
}

#[test]
fn a_circle_is_found_and_named() {
    let modules: BTreeMap<Module, String> = [
        (
            module("funds/service"),
            "use crate::payouts::service::reopen;".to_owned(),
        ),
        (
            module("payouts/service"),
            "use crate::{db::Tx, funds::service::{self, append}};".to_owned(),
        ),
        (module("db"), String::new()),
    ]
    .into();
    let graph = import_graph(&modules);
    let cycle = find_cycle(&graph).expect("the circle");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 3, "{cycle:?}");
    assert!(graph[&module("payouts/service")].contains(&module("db")));
    let mut acyclic = modules.clone();
    acyclic.insert(module("funds/service"), String::new());
    assert_eq!(find_cycle(&import_graph(&acyclic)), None);
}
