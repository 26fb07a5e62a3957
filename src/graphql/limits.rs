//! Abuse limits async-graphql does not have built in: aliases per operation. (Depth,
//! complexity and directives are set on the schema builder.)
//!
//! Checked before execution rather than in a schema extension: any extension makes
//! async-graphql run its hooks around every resolved field, which cost a tenth of a page
//! of cases in the city benchmark.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, ServerError};

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

/// Aliases the document's operations would execute: a fragment counts each time it is
/// spread (so spreading one fragment many times cannot multiply aliases unseen).
fn count_aliases(document: &ExecutableDocument) -> usize {
    document
        .operations
        .iter()
        .map(|(_, op)| in_set(document, &op.node.selection_set.node, &mut Vec::new()))
        .fold(0, usize::saturating_add)
}

fn in_set<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    path: &mut Vec<&'a str>,
) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => usize::from(field.node.alias.is_some())
                .saturating_add(in_set(document, &field.node.selection_set.node, path)),
            Selection::InlineFragment(fragment) => {
                in_set(document, &fragment.node.selection_set.node, path)
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                // A cycle is refused by validation; here it only must not loop.
                match document.fragments.get(&spread.node.fragment_name.node) {
                    Some(fragment) if !path.contains(&name) => {
                        path.push(name);
                        let n = in_set(document, &fragment.node.selection_set.node, path);
                        path.pop();
                        n
                    }
                    _ => 0,
                }
            }
        })
        .fold(0, usize::saturating_add)
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
}
