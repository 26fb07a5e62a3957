//! Checks before execution: aliases per operation, the depth of ordinary fields, the
//! nesting of introspection, and text that no database column can hold. (Complexity and
//! directives are set on the schema builder.)
//!
//! Depth is measured here rather than by async-graphql's `limit_depth`, which counts
//! introspection too: the query graphql-js's `getIntrospectionQuery()` sends (nine levels
//! of `ofType`, what GraphiQL, graphql-codegen and Apollo's tooling load the schema with)
//! is 14 deep. Introspection is bounded instead by how many lists of types and fields it
//! nests, as graphql-js's own `MaxIntrospectionDepthRule` does.
//!
//! Checked before execution rather than in a schema extension: any extension makes
//! async-graphql run its hooks around every resolved field, which cost a tenth of a page
//! of cases in the city benchmark.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Field, Selection, SelectionSet};
use async_graphql::{Name, Request, ServerError, Value};
use async_graphql_value::Value as Literal;

use super::codes::{self, Code, MAX_DEPTH};

/// The limits a document is held to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most aliased fields the operations execute.
    pub max_aliases: usize,
    /// Deepest nesting of ordinary fields (`{ me { id } }` is 2).
    pub max_depth: usize,
}

/// Most lists of types or fields an introspection may nest (`types { fields { … } }` is
/// two): what the standard introspection query needs. A third multiplies the answer by
/// every field of every type again.
pub const MAX_INTROSPECTION_LISTS: usize = 2;

/// The introspection fields that return lists of types or of fields (graphql-js counts
/// all but `types`; counting it too stops `types { fields { type { fields } } }`).
const INTROSPECTION_LISTS: [&str; 5] = [
    "types",
    "fields",
    "inputFields",
    "interfaces",
    "possibleTypes",
];

/// Refuses a document that does not parse, or whose operations use more aliases, nest
/// ordinary fields deeper or nest introspection lists more than the limits allow. The
/// document is parsed here once and the request keeps it for execution.
pub fn check_document(request: &mut Request, limits: Limits) -> Result<(), ServerError> {
    let document = match request.parsed_query() {
        Ok(document) => document,
        Err(e) => return Err(codes::coded(e, Code::ParseFailed)),
    };
    let measure = measure(document);
    let refuse = |message: String| {
        Err(codes::coded(
            ServerError::new(message, None),
            Code::ValidationFailed,
        ))
    };
    if measure.aliases > limits.max_aliases {
        return refuse(format!(
            "the query uses {} aliases; the limit is {}",
            measure.aliases, limits.max_aliases
        ));
    }
    if measure.depth > limits.max_depth {
        return refuse(format!(
            "the query is nested too deep: {} levels; the limit is {}",
            measure.depth, limits.max_depth
        ));
    }
    if measure.introspection_too_deep {
        return refuse(format!(
            "the introspection is nested too deep: at most {MAX_INTROSPECTION_LISTS} lists of types or fields inside each other"
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
        return Err(codes::coded(
            ServerError::new("text may not contain the NUL character (U+0000)", None),
            Code::BadUserInput,
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

/// What a selection set executes, as far as the limits care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Measure {
    /// Aliased fields: a fragment counts each time it is spread, so spreading one fragment
    /// many times cannot multiply aliases unseen.
    aliases: usize,
    /// Deepest nesting of ordinary fields; an introspection field counts as one level.
    depth: usize,
    /// Most introspection lists (`INTROSPECTION_LISTS`) nested inside each other.
    lists: usize,
    /// Whether an introspection (`__schema`, `__type`) nests more lists than allowed.
    introspection_too_deep: bool,
}

impl Measure {
    /// The measure of a selection set holding both `self` and `other`.
    fn beside(self, other: Measure) -> Measure {
        Measure {
            aliases: self.aliases.saturating_add(other.aliases),
            depth: self.depth.max(other.depth),
            lists: self.lists.max(other.lists),
            introspection_too_deep: self.introspection_too_deep || other.introspection_too_deep,
        }
    }

    /// The measure of `field` whose selection set measures `inner`.
    fn of_field(field: &Field, inner: Measure) -> Measure {
        let name = field.name.node.as_str();
        let introspection = name == "__schema" || name == "__type";
        Measure {
            aliases: usize::from(field.alias.is_some()).saturating_add(inner.aliases),
            depth: if introspection { 1 } else { inner.depth + 1 },
            lists: inner.lists + usize::from(INTROSPECTION_LISTS.contains(&name)),
            introspection_too_deep: inner.introspection_too_deep
                || (introspection && inner.lists > MAX_INTROSPECTION_LISTS),
        }
    }
}

/// The measure of every operation of the document together.
fn measure(document: &ExecutableDocument) -> Measure {
    let mut walker = Walker {
        document,
        fragments: HashMap::new(),
        open: Vec::new(),
    };
    document
        .operations
        .iter()
        .map(|(_, op)| walker.set(&op.node.selection_set.node, 0))
        .fold(Measure::default(), Measure::beside)
}

struct Walker<'a> {
    document: &'a ExecutableDocument,
    /// Each fragment measured once however often it is spread (a fragment spread twice in
    /// each of forty fragments would otherwise take 2^40 steps).
    fragments: HashMap<&'a str, Measure>,
    /// Fragments being measured: a cycle is refused by validation; here it only must stop.
    open: Vec<&'a str>,
}

impl<'a> Walker<'a> {
    fn set(&mut self, set: &'a SelectionSet, depth: usize) -> Measure {
        if depth > MAX_DEPTH {
            return Measure::default();
        }
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    let inner = self.set(&field.node.selection_set.node, depth + 1);
                    Measure::of_field(&field.node, inner)
                }
                Selection::InlineFragment(fragment) => {
                    self.set(&fragment.node.selection_set.node, depth + 1)
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, depth + 1)
                }
            })
            .fold(Measure::default(), Measure::beside)
    }

    fn fragment(&mut self, name: &'a Name, depth: usize) -> Measure {
        if let Some(&m) = self.fragments.get(name.as_str()) {
            return m;
        }
        let Some(fragment) = self.document.fragments.get(name) else {
            return Measure::default();
        };
        if self.open.contains(&name.as_str()) {
            return Measure::default();
        }
        self.open.push(name.as_str());
        let m = self.set(&fragment.node.selection_set.node, depth);
        self.open.pop();
        self.fragments.insert(name.as_str(), m);
        m
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
        assert_eq!(measure(&doc).aliases, 5);
    }

    #[test]
    fn a_long_chain_of_fragments_is_followed_only_as_deep_as_the_schema_allows() {
        let mut query = String::from("{ ...f0 }");
        for i in 0..10_000 {
            query.push_str(&format!(" fragment f{i} on Query {{ ...f{} }}", i + 1));
        }
        query.push_str(" fragment f10000 on Query { a: me { id } }");
        let doc = async_graphql::parser::parse_query(&query).unwrap();
        assert_eq!(measure(&doc), Measure::default());
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
        assert_eq!(measure(&doc).aliases, 1 << 40);
    }

    fn parse(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).unwrap()
    }

    #[test]
    fn depth_counts_fields_through_fragments_but_not_into_introspection() {
        let depth = |q: &str| measure(&parse(q)).depth;
        assert_eq!(depth("{ me { id } }"), 2);
        assert_eq!(
            depth("{ me { ...U } } fragment U on User { orgUnit { id } }"),
            3
        );
        assert_eq!(
            depth("{ me { ... on User { orgUnit { parent { id } } } } }"),
            4
        );
        assert_eq!(
            depth("{ __schema { types { fields { type { ofType { ofType { name } } } } } } }"),
            1
        );
        assert_eq!(depth("{ __typename me { id } }"), 2);
    }

    /// The query of graphql-js 16's `getIntrospectionQuery()` that GraphiQL and
    /// graphql-codegen send.
    const STANDARD: &str = include_str!("../../tests/api/introspection.graphql");

    #[test]
    fn the_standard_introspection_query_passes_and_a_third_list_does_not() {
        let doc = parse(STANDARD);
        let m = measure(&doc);
        assert_eq!(m.lists, 2, "types {{ fields }}, types {{ inputFields }}");
        assert!(!m.introspection_too_deep);
        for query in [
            "{ __schema { types { fields { type { fields { name } } } } } }",
            "{ __type(name: \"Query\") { fields { type { fields { type { fields { name } } } } } } }",
            "{ __schema { types { ...T } } } fragment T on __Type { possibleTypes { interfaces { name } } }",
        ] {
            assert!(measure(&parse(query)).introspection_too_deep, "{query}");
        }
        assert!(
            !measure(&parse(
                "{ __type(name: \"Case\") { fields { type { ofType { fields { name } } } } } }"
            ))
            .introspection_too_deep
        );
    }
}
