//! Explain: why an edge exists, as text. For each edge of an entity (or between two), the
//! relation, then every supporting article and sentence with its trigger words marked `**so**`.
//!
//! Reads only the graph's public API and the evidence stored on each fact (sentences sliced from
//! the articles' kept text); never mutates the graph and knows nothing of the terminal (the CLI
//! and the shell print what this returns).

use crate::graph::{EdgeRef, EvidenceView, KnowledgeGraph, NodeKey};
use std::fmt::Write as _;

/// Marks written around the trigger inside a sentence.
pub const MARK: (&str, &str) = ("**", "**");

/// The edges touching `node`, or only those between `node` and `other`, with their evidence as
/// text. Edges are ordered by (relation, other end's id); evidence by (article, offset).
/// An empty string means there is no such edge.
pub fn explain(graph: &KnowledgeGraph, node: NodeKey, other: Option<NodeKey>) -> String {
    let mut edges: Vec<EdgeRef<'_>> = graph
        .edges_of(node)
        .filter(|e| other.is_none_or(|o| e.other(node) == o))
        .collect();
    edges.sort_by(|a, b| {
        let key = |e: &EdgeRef<'_>| (e.fact.relation, graph.entity(e.other(node)).id.clone());
        key(a).cmp(&key(b))
    });
    let mut out = String::new();
    for edge in edges {
        write_edge(&mut out, graph, &edge);
    }
    out
}

/// The sentence with the trigger wrapped in [`MARK`]s. A trigger outside the sentence, or not on
/// character boundaries, leaves the sentence unmarked.
pub fn highlight(evidence: &EvidenceView<'_>) -> String {
    let sentence = evidence.sentence;
    let Some((start, end)) = trigger_in_sentence(evidence) else {
        return sentence.to_string();
    };
    format!(
        "{}{}{}{}{}",
        &sentence[..start],
        MARK.0,
        &sentence[start..end],
        MARK.1,
        &sentence[end..]
    )
}

/// The trigger's byte range relative to the sentence, when it lies inside it.
pub fn trigger_in_sentence(evidence: &EvidenceView<'_>) -> Option<(usize, usize)> {
    let (start, end) = evidence.trigger;
    let start = start.checked_sub(evidence.sentence_start)?;
    let end = end.checked_sub(evidence.sentence_start)?;
    let sentence = evidence.sentence;
    let fits = start <= end
        && end <= sentence.len()
        && sentence.is_char_boundary(start)
        && sentence.is_char_boundary(end);
    fits.then_some((start, end))
}

fn write_edge(out: &mut String, graph: &KnowledgeGraph, edge: &EdgeRef<'_>) {
    let relation = edge.fact.relation;
    let arrow = if relation.is_symmetric() { "" } else { ">" };
    let n = edge.fact.evidence.len();
    let _ = writeln!(
        out,
        "{} -[{relation}]-{arrow} {}  ({n} sentence{})",
        graph.entity(edge.source).name,
        graph.entity(edge.target).name,
        if n == 1 { "" } else { "s" }
    );
    let mut evidence: Vec<EvidenceView<'_>> = graph.evidence_of(edge.fact).collect();
    evidence.sort_by(|a, b| (a.article, a.trigger).cmp(&(b.article, b.trigger)));
    for e in evidence {
        let sentence = highlight(&e)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            out,
            "  {}, bytes {}-{}\n    {sentence}",
            e.article, e.trigger.0, e.trigger.1
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str, sentence_start: usize, trigger: (usize, usize)) -> EvidenceView<'_> {
        EvidenceView {
            article: "a.txt",
            sentence: text,
            sentence_start,
            trigger,
        }
    }

    #[test]
    fn the_trigger_is_marked_relative_to_the_sentence() {
        // "Kerry met Massoum." starts at byte 100 of the article; "met" is at 106..109.
        let e = evidence("Kerry met Massoum.", 100, (106, 109));
        assert_eq!(highlight(&e), "Kerry **met** Massoum.");
    }

    #[test]
    fn a_trigger_outside_the_sentence_or_inside_a_character_is_not_marked() {
        let e = evidence("Kerry met Massoum.", 100, (90, 95));
        assert_eq!(highlight(&e), "Kerry met Massoum.");
        let e = evidence("Kerry met Massoum.", 100, (110, 200));
        assert_eq!(trigger_in_sentence(&e), None);
        let e = evidence("Fabius rencontre Zarif à Paris.", 0, (24, 26));
        assert_eq!(
            trigger_in_sentence(&e),
            None,
            "byte 24 is inside the two bytes of à"
        );
    }
}
