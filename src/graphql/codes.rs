//! The codes of errors GraphQL itself raises, before any service runs, in the words
//! Apollo Server and most GraphQL servers use, so that a frontend maps them the same way:
//! a document that does not parse (`GRAPHQL_PARSE_FAILED`), one that does not fit the
//! schema or the limits (`GRAPHQL_VALIDATION_FAILED`), and a value the client sent in
//! its variables that its type refuses (`BAD_USER_INPUT`, as the services' own refusals).

use async_graphql::parser::types::{ExecutableDocument, Field, Selection, SelectionSet};
use async_graphql::{Pos, Response, ServerError, Value};
use async_graphql_value::Value as Literal;

/// A code of GraphQL's own errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// The document is not GraphQL.
    ParseFailed,
    /// The document does not fit the schema, or exceeds a limit.
    ValidationFailed,
    /// A value sent for an argument is refused by its type.
    BadUserInput,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ParseFailed => "GRAPHQL_PARSE_FAILED",
            Self::ValidationFailed => "GRAPHQL_VALIDATION_FAILED",
            Self::BadUserInput => "BAD_USER_INPUT",
        }
    }
}

/// `error` carrying `code`.
pub fn coded(mut error: ServerError, code: Code) -> ServerError {
    set_code(&mut error, code);
    error
}

fn set_code(error: &mut ServerError, code: Code) {
    let mut extensions = error.extensions.take().unwrap_or_default();
    extensions.set("code", code.as_str());
    error.extensions = Some(extensions);
}

fn has_code(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some())
}

/// Gives each error of `response` that has no code its code. Every service and loader
/// error carries one already; what remains is GraphQL's own:
/// - before execution (the response has no data and its errors no path), validation,
///   except a refused argument value that came from the variables, which is bad input;
/// - during execution, an argument its type refused when it was read: bad input.
///
/// `query` is the document's text when the request has variables, read again only to tell
/// where a refused argument's value came from (without variables, from the document).
pub fn code_response(response: &mut Response, query: Option<&str>) {
    let request_error = response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let mut document = None;
    for error in response.errors.iter_mut().filter(|e| !has_code(e)) {
        let code = if !request_error {
            tracing::debug!(message = %error.message, path = ?error.path, "argument refused");
            Code::BadUserInput
        } else if error.message.starts_with("Invalid value for argument") {
            let document = document.get_or_insert_with(|| {
                query.and_then(|q| async_graphql::parser::parse_query(q).ok())
            });
            let from_variables = document.as_ref().is_some_and(|d| {
                error
                    .locations
                    .first()
                    .is_some_and(|pos| argument_takes_variable(d, *pos))
            });
            if from_variables {
                Code::BadUserInput
            } else {
                Code::ValidationFailed
            }
        } else {
            Code::ValidationFailed
        };
        set_code(error, code);
    }
}

/// Whether the argument written at `pos` takes (part of) its value from a variable.
fn argument_takes_variable(document: &ExecutableDocument, pos: Pos) -> bool {
    written_sets(document).any(|set| set_takes_variable(set, pos, 0))
}

/// The top selection sets written in `document`: each operation's and each fragment's.
pub fn written_sets(document: &ExecutableDocument) -> impl Iterator<Item = &SelectionSet> {
    document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node)
        .chain(
            document
                .fragments
                .values()
                .map(|f| &f.node.selection_set.node),
        )
}

/// How deep the walks over a document (here and in `limits`) follow selections and
/// fragment spreads: as deep as the schema lets a document nest
/// (`limit_recursive_depth`), so no accepted document is undercounted, and a chain of
/// thousands of fragments cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;

fn set_takes_variable(set: &SelectionSet, pos: Pos, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && set.items.iter().any(|item| match &item.node {
            Selection::Field(field) => {
                field_takes_variable(&field.node, pos)
                    || set_takes_variable(&field.node.selection_set.node, pos, depth + 1)
            }
            Selection::InlineFragment(f) => {
                set_takes_variable(&f.node.selection_set.node, pos, depth + 1)
            }
            Selection::FragmentSpread(_) => false,
        })
}

fn field_takes_variable(field: &Field, pos: Pos) -> bool {
    field
        .arguments
        .iter()
        .chain(field.directives.iter().flat_map(|d| &d.node.arguments))
        .any(|(name, value)| name.pos == pos && has_variable(&value.node))
}

fn has_variable(value: &Literal) -> bool {
    match value {
        Literal::Variable(_) => true,
        Literal::List(items) => items.iter().any(has_variable),
        Literal::Object(fields) => fields.values().any(has_variable),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(errors: Vec<ServerError>) -> Response {
        Response::from_errors(errors)
    }

    fn code(error: &ServerError) -> Option<String> {
        match error.extensions.as_ref().and_then(|e| e.get("code")) {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_refused_value_is_bad_input_only_when_it_came_from_the_variables() {
        let query = "query($n: Int) { a(first: $n) b(first: \"x\") }";
        let at = |line, column| {
            ServerError::new(
                "Invalid value for argument \"first\"",
                Some(Pos { line, column }),
            )
        };
        let mut r = response(vec![
            at(1, 20),
            at(1, 33),
            ServerError::new("Unknown field \"c\"", None),
        ]);
        code_response(&mut r, Some(query));
        let codes: Vec<_> = r.errors.iter().map(code).collect();
        assert_eq!(
            codes,
            [
                Some("BAD_USER_INPUT".into()),
                Some("GRAPHQL_VALIDATION_FAILED".into()),
                Some("GRAPHQL_VALIDATION_FAILED".into())
            ]
        );
    }

    #[test]
    fn a_code_already_given_stays() {
        let mut r = response(vec![coded(ServerError::new("x", None), Code::ParseFailed)]);
        code_response(&mut r, None);
        assert_eq!(code(&r.errors[0]).as_deref(), Some("GRAPHQL_PARSE_FAILED"));
    }
}
