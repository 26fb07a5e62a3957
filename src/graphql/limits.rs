//! Abuse limits async-graphql does not have built in: aliases per operation. (Depth,
//! complexity and directives are set on the schema builder.)
//!
//! Checked before execution rather than in a schema extension: any extension makes
//! async-graphql run its hooks around every resolved field, which cost a tenth of a page
//! of cases in the city benchmark.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Request, ServerError};

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

/// How deep the count follows selections and fragment spreads. The schema refuses a
/// deeper document anyway (`limit_recursive_depth(64)`), so no accepted document is
/// undercounted, and a chain of thousands of fragments cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

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
        if depth >= MAX_DEPTH {
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
