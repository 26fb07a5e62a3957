//! Checks before execution that async-graphql does not have built in: aliases per
//! operation, and text that no database column can hold. (Depth, complexity and
//! directives are set on the schema builder.)
//!
//! Checked before execution rather than in a schema extension: any extension makes
//! async-graphql run its hooks around every resolved field, which cost a tenth of a page
//! of cases in the city benchmark.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Request, ServerError, Value};
use async_graphql_value::Value as Literal;

/// Refuses a document with more than `max` aliased fields (alias amplification). The
/// document is parsed here once and the request keeps it for execution. A document that
/// does not parse passes, for the executor to report.
pub fn check_aliases(request: &mut Request, max: usize) -> Result<(), ServerError> {
    let Ok(document) = request.parsed_query() else {
        return Ok(());
    };
    let count = count_aliases(document);
    if count > max {
        return Err(ServerError::new(
            format!("the query uses {count} aliases; the limit is {max}"),
            None,
        ));
    }
    Ok(())
}

/// Refuses text holding the NUL character (U+0000), in the variables or written into the
/// document. PostgreSQL cannot store it in a text column and would fail the statement,
/// SQLite would keep it: refused up front, the answer is the same on both. (Uploaded
/// files are checked as they are read.)
pub fn check_text(request: &mut Request) -> Result<(), ServerError> {
    let in_variables = request.variables.values().any(const_has_nul);
    let in_document = request.parsed_query().is_ok_and(document_has_nul);
    if in_variables || in_document {
        return Err(ServerError::new(
            "text may not contain the NUL character (U+0000)",
            None,
        ));
    }
    Ok(())
}

fn const_has_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::List(items) => items.iter().any(const_has_nul),
        Value::Object(fields) => fields.values().any(const_has_nul),
        _ => false,
    }
}

fn literal_has_nul(value: &Literal) -> bool {
    match value {
        Literal::String(s) => s.contains('\0'),
        Literal::List(items) => items.iter().any(literal_has_nul),
        Literal::Object(fields) => fields.values().any(literal_has_nul),
        _ => false,
    }
}

/// Every literal that can reach a resolver: variable defaults and field arguments, in
/// the operations and the fragments. Directives are walked where fields carry them; this
/// schema's directives (`@include`, `@skip`, `@deprecated`) take no text at all.
fn document_has_nul(document: &ExecutableDocument) -> bool {
    document.operations.iter().any(|(_, op)| {
        op.node.variable_definitions.iter().any(|v| {
            v.node
                .default_value
                .as_ref()
                .is_some_and(|d| const_has_nul(&d.node))
        }) || set_has_nul(&op.node.selection_set.node, 0)
    }) || document
        .fragments
        .values()
        .any(|f| set_has_nul(&f.node.selection_set.node, 0))
}

fn set_has_nul(set: &SelectionSet, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && set.items.iter().any(|item| match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                field
                    .arguments
                    .iter()
                    .any(|(_, v)| literal_has_nul(&v.node))
                    || field
                        .directives
                        .iter()
                        .flat_map(|d| &d.node.arguments)
                        .any(|(_, v)| literal_has_nul(&v.node))
                    || set_has_nul(&field.selection_set.node, depth + 1)
            }
            Selection::InlineFragment(fragment) => {
                set_has_nul(&fragment.node.selection_set.node, depth + 1)
            }
            Selection::FragmentSpread(_) => false,
        })
}

/// How deep the checks follow selections and fragment spreads: as deep as the schema
/// lets a document nest (`limit_recursive_depth`), so no accepted document is
/// undercounted, and a chain of thousands of fragments cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Aliases the document's operations would execute: a fragment counts each time it is
/// spread (so spreading one fragment many times cannot multiply aliases unseen).
fn count_aliases(document: &ExecutableDocument) -> usize {
    let mut counter = Counter {
        document,
        fragments: HashMap::new(),
        open: Vec::new(),
    };
    document
        .operations
        .iter()
        .map(|(_, op)| counter.set(&op.node.selection_set.node, 0))
        .fold(0, usize::saturating_add)
}

struct Counter<'a> {
    document: &'a ExecutableDocument,
    /// Aliases under each fragment, counted once however often it is spread (a fragment
    /// spread twice in each of forty fragments would otherwise take 2^40 steps).
    fragments: HashMap<&'a str, usize>,
    /// Fragments being counted: a cycle is refused by validation; here it only must stop.
    open: Vec<&'a str>,
}

impl<'a> Counter<'a> {
    fn set(&mut self, set: &'a SelectionSet, depth: usize) -> usize {
        if depth > MAX_DEPTH {
            return 0;
        }
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => usize::from(field.node.alias.is_some())
                    .saturating_add(self.set(&field.node.selection_set.node, depth + 1)),
                Selection::InlineFragment(fragment) => {
                    self.set(&fragment.node.selection_set.node, depth + 1)
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, depth + 1)
                }
            })
            .fold(0, usize::saturating_add)
    }

    fn fragment(&mut self, name: &'a Name, depth: usize) -> usize {
        if let Some(&n) = self.fragments.get(name.as_str()) {
            return n;
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            return 0;
        };
        if self.open.contains(&name.as_str()) {
            return 0;
        }
        self.open.push(name.as_str());
        let n = self.set(&fragment.node.selection_set.node, depth);
        self.open.pop();
        self.fragments.insert(name.as_str(), n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_anywhere_in_the_text_of_a_request_is_found() {
        let has_nul = |query: &str, variables: serde_json::Value| {
            let mut request =
                Request::new(query).variables(async_graphql::Variables::from_json(variables));
            check_text(&mut request).is_err()
        };
        let vars = serde_json::json!({ "i": { "names": ["a", "b\u{0}"] } });
        assert!(has_nul("query($i: X) { a(i: $i) }", vars));
        for query in [
            r#"{ a(s: "x\u0000") }"#,
            r#"{ a { b(s: ["y", {z: "\u0000"}]) } }"#,
            r#"{ a @include(if: true, s: "\u0000") }"#,
            r#"query($s: String = "\u0000") { a }"#,
            r#"{ ...F } fragment F on Q { ... on Q { a(s: "\u0000") } }"#,
        ] {
            assert!(has_nul(query, serde_json::json!({})), "{query}");
        }
        assert!(!has_nul(
            r#"{ a(s: "张\\u0000") }"#,
            serde_json::json!({ "s": "0" })
        ));
    }

    #[test]
    fn counts_aliases_in_operations_and_each_spread_of_a_fragment() {
        let doc = async_graphql::parser::parse_query(
            "{ a: me { id } b: me { x: id } ...F ...F } fragment F on Query { c: me { id } }",
        )
        .unwrap();
        assert_eq!(count_aliases(&doc), 5);
    }

    #[test]
    fn a_long_chain_of_fragments_is_followed_only_as_deep_as_the_schema_allows() {
        let mut query = String::from("{ ...f0 }");
        for i in 0..10_000 {
            query.push_str(&format!(" fragment f{i} on Query {{ ...f{} }}", i + 1));
        }
        query.push_str(" fragment f10000 on Query { a: me { id } }");
        let doc = async_graphql::parser::parse_query(&query).unwrap();
        assert_eq!(count_aliases(&doc), 0);
    }

    #[test]
    fn a_fragment_spread_twice_at_each_level_is_counted_without_walking_every_path() {
        let mut query = String::from("{ ...f0 }");
        for i in 0..40 {
            query.push_str(&format!(
                " fragment f{i} on Query {{ ...f{n} ...f{n} }}",
                n = i + 1
            ));
        }
        query.push_str(" fragment f40 on Query { a: me { id } }");
        let doc = async_graphql::parser::parse_query(&query).unwrap();
        assert_eq!(count_aliases(&doc), 1 << 40);
    }
}
