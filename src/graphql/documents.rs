//! Parsed documents kept between requests (查询文档缓存).
//!
//! A frontend sends the same few operations again and again. Parsing one costs more than
//! a simple request's whole resolution: a fifth of `me { id }`'s instructions and a
//! tenth of a page of 50 cases' went to async-graphql's parser (bench/RESULTS.md, issue
//! 19). A parsed document depends on its text alone, so the text is the key; validation,
//! the limits and execution still run on every request, and only a document that passed
//! them once is kept.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, Response};
use lru::LruCache;

use super::codes::written_sets;

/// Documents kept: far more than a frontend's operations.
const CAPACITY: NonZeroUsize = NonZeroUsize::new(256).unwrap();

/// Longer documents are parsed each time.
const MAX_TEXT: usize = 8 * 1024;

/// Documents with more selections are parsed each time. A parsed selection takes about
/// 200 bytes, so the cache holds at most about 15 MB however its documents are written (a
/// page of cases has 30).
const MAX_SELECTIONS: usize = 300;

/// The most recently used documents by their text.
pub struct Documents(Mutex<LruCache<String, Arc<ExecutableDocument>>>);

/// A document parsed for a request, to keep once the request has run.
pub struct Parsed(String, ExecutableDocument);

impl Default for Documents {
    fn default() -> Self {
        Self(Mutex::new(LruCache::new(CAPACITY)))
    }
}

impl Documents {
    /// Gives `request` its document as parsed before. If there is none, parses it and
    /// returns it for [`keep`](Self::keep) when it is small enough to keep.
    pub fn reuse(&self, request: &mut Request) -> Option<Parsed> {
        if request.query.len() > MAX_TEXT {
            return None;
        }
        let known = self
            .0
            .lock()
            .ok()
            .and_then(|mut cache| cache.get(&request.query).cloned());
        if let Some(document) = known {
            request.set_parsed_query(ExecutableDocument::clone(&document));
            return None;
        }
        let text = request.query.clone();
        let document = request.parsed_query().ok()?;
        (selections(document) <= MAX_SELECTIONS).then(|| Parsed(text, document.clone()))
    }

    /// Keeps a document its request ran: one that was refused before execution (it did
    /// not validate, or broke a limit) is not kept.
    pub fn keep(&self, parsed: Parsed, response: &Response) {
        if response.errors.iter().any(|e| e.path.is_empty()) {
            return;
        }
        if let Ok(mut cache) = self.0.lock() {
            cache.put(parsed.0, Arc::new(parsed.1));
        }
    }

    /// How many documents are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().map(|cache| cache.len()).unwrap_or_default()
    }
}

/// The selections written in `document` (fields, spreads and inline fragments, each
/// fragment's once), counted without recursion: a document may nest thousands deep.
fn selections(document: &ExecutableDocument) -> usize {
    let mut sets: Vec<&SelectionSet> = written_sets(document).collect();
    let mut count = 0;
    while let Some(set) = sets.pop() {
        count += set.items.len();
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => sets.push(&field.node.selection_set.node),
                Selection::InlineFragment(inline) => sets.push(&inline.node.selection_set.node),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use async_graphql::ServerError;

    use super::*;

    /// Runs `query` through the cache as the schema does, with `response` as its answer;
    /// the document the request ends up with.
    fn run(documents: &Documents, query: &str, response: &Response) -> Option<String> {
        let mut request = Request::new(query);
        if let Some(parsed) = documents.reuse(&mut request) {
            documents.keep(parsed, response);
        }
        request.parsed_query().ok().map(|d| format!("{d:?}"))
    }

    fn answered() -> Response {
        Response::new(async_graphql::Value::Null)
    }

    #[test]
    fn a_document_is_parsed_once_and_the_same_afterwards() {
        let documents = Documents::default();
        let first = run(&documents, "{ me { id } }", &answered());
        assert_eq!(documents.len(), 1);
        assert_eq!(run(&documents, "{ me { id } }", &answered()), first);
        assert_eq!(documents.len(), 1);
        assert!(first.is_some());
    }

    #[test]
    fn a_document_refused_before_execution_or_not_parsed_is_not_kept() {
        let documents = Documents::default();
        let refused = Response::from_errors(vec![ServerError::new("unknown field", None)]);
        assert!(run(&documents, "{ nothing }", &refused).is_some());
        assert_eq!(run(&documents, "{ me { id ", &answered()), None);
        assert_eq!(documents.len(), 0);
    }

    #[test]
    fn large_documents_are_not_kept_and_the_cache_is_bounded() {
        let documents = Documents::default();
        let long = format!("{{ me {{ id }} }} #{}", "x".repeat(MAX_TEXT));
        let wide = format!("{{ me {{ {} }} }}", "id ".repeat(MAX_SELECTIONS));
        let spread = format!(
            "{{ me {{ ...f }} }} fragment f on User {{ {} }}",
            "id ".repeat(MAX_SELECTIONS)
        );
        for query in [&long, &wide, &spread] {
            assert!(run(&documents, query, &answered()).is_some());
        }
        assert_eq!(documents.len(), 0);
        for n in 0..CAPACITY.get() + 10 {
            run(&documents, &format!("{{ me {{ id }} }} #{n}"), &answered());
        }
        assert_eq!(documents.len(), CAPACITY.get());
    }
}
