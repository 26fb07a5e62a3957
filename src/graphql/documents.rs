//! Parsed documents kept between requests (查询文档缓存).
//!
//! A frontend sends the same few operations again and again. Parsing one costs more than
//! a simple request's whole resolution: a fifth of `me { id }`'s instructions and a
//! tenth of a page of 50 cases' went to async-graphql's parser (bench/RESULTS.md, issue
//! 19). A parsed document depends on its text alone, so the text is the key; validation,
//! the limits and execution still run on every request.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use async_graphql::Request;
use async_graphql::parser::types::ExecutableDocument;
use lru::LruCache;

/// Documents kept: far more than a frontend's operations, few enough that a client
/// sending ever new documents cannot grow the memory (about 10 KiB each).
const CAPACITY: NonZeroUsize = NonZeroUsize::new(512).unwrap();

/// Longer documents are parsed each time, so that no entry is large.
const MAX_CACHED_LEN: usize = 8 * 1024;

/// The most recently used documents by their text.
pub struct Documents(Mutex<LruCache<String, Arc<ExecutableDocument>>>);

impl Default for Documents {
    fn default() -> Self {
        Self(Mutex::new(LruCache::new(CAPACITY)))
    }
}

impl Documents {
    /// Gives `request` its document parsed before, or keeps the one it parses now. A
    /// document that does not parse is not kept: the request reports the error.
    pub fn parse(&self, request: &mut Request) {
        if request.query.len() > MAX_CACHED_LEN {
            return;
        }
        let known = self
            .0
            .lock()
            .ok()
            .and_then(|mut cache| cache.get(&request.query).cloned());
        if let Some(document) = known {
            request.set_parsed_query(ExecutableDocument::clone(&document));
            return;
        }
        let Ok(document) = request.parsed_query() else {
            return;
        };
        let document = Arc::new(document.clone());
        if let Ok(mut cache) = self.0.lock() {
            cache.put(request.query.clone(), document);
        }
    }

    /// How many documents are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().map(|cache| cache.len()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(documents: &Documents, query: &str) -> Option<String> {
        let mut request = Request::new(query);
        documents.parse(&mut request);
        request.parsed_query().ok().map(|d| format!("{d:?}"))
    }

    #[test]
    fn a_document_is_parsed_once_and_the_same_afterwards() {
        let documents = Documents::default();
        let first = parsed(&documents, "{ me { id } }");
        assert_eq!(documents.len(), 1);
        assert_eq!(parsed(&documents, "{ me { id } }"), first);
        assert_eq!(documents.len(), 1);
        assert!(first.is_some());
    }

    #[test]
    fn a_document_that_does_not_parse_is_not_kept() {
        let documents = Documents::default();
        assert_eq!(parsed(&documents, "{ me { id "), None);
        assert_eq!(documents.len(), 0);
    }

    #[test]
    fn long_documents_are_not_kept_and_the_cache_is_bounded() {
        let documents = Documents::default();
        let long = format!("{{ me {{ id }} }} #{}", "x".repeat(MAX_CACHED_LEN));
        assert!(parsed(&documents, &long).is_some());
        assert_eq!(documents.len(), 0);
        for n in 0..CAPACITY.get() + 10 {
            parsed(&documents, &format!("{{ me {{ id }} }} #{n}"));
        }
        assert_eq!(documents.len(), CAPACITY.get());
    }
}
