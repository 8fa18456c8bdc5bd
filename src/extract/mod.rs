//! Extract: article text -> entities and relations ([`ArticleGraph`]).
//!
//! Stages: sentences and tokens ([`text`]), lexicon hits and name shapes ([`mentions`]),
//! merging mentions into entities ([`entities`]), then relations around trigger words
//! ([`relations`]). Knows nothing of petgraph, queries or output formats; never panics on any text.

pub mod entities;
pub mod lexicon;
mod matcher;
pub mod mentions;
pub mod relations;
pub mod text;
mod wordset;

use crate::graph::ArticleGraph;
use crate::ingest::Article;
pub use lexicon::{Lexicon, LexiconError};
pub use wordset::WordSet;

/// A lexicon compiled for extraction; build once, use for many articles (it is `Sync`).
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    triggers: relations::Triggers,
}

impl Extractor {
    /// An extractor over a lexicon.
    pub fn new(lexicon: Lexicon) -> Extractor {
        let triggers = relations::Triggers::new(&lexicon);
        Extractor { lexicon, triggers }
    }

    /// An extractor over the built-in lexicon.
    pub fn builtin() -> Extractor {
        Self::new(Lexicon::builtin())
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads one article.
    pub fn extract(&self, article: &Article) -> ArticleGraph {
        entities::extract_graph(&self.lexicon, &self.triggers, article)
    }
}

/// With `NEWSGRAPH_DEBUG` set, the extractor prints each sentence's mentions and triggers on
/// stderr (read once: the check runs per sentence).
pub(crate) fn tracing() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("NEWSGRAPH_DEBUG").is_some())
}

/// Reads one article with the built-in lexicon (builds the lexicon each call: prefer [`Extractor`]).
pub fn extract_article(article: &Article) -> ArticleGraph {
    Extractor::builtin().extract(article)
}
