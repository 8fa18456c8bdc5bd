//! Fuzz target: arbitrary bytes (as lossy UTF-8) through the extractor. It must not panic, and
//! what it returns must hang together (edge ends exist, evidence points into the article).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::Extractor;
use newsgraph::ingest::Article;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let graph = extractor().extract(&Article::new("fuzz.txt", text.as_ref()));
    for edge in &graph.edges {
        assert!(edge.source < graph.entities.len() && edge.target < graph.entities.len());
        for e in &edge.evidence {
            let end = e.sentence_start + e.sentence.len();
            assert_eq!(text.get(e.sentence_start..end), Some(e.sentence.as_str()));
            assert!(e.trigger.0 <= e.trigger.1 && e.trigger.1 <= text.len());
        }
    }
});
