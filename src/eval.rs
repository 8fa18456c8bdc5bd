//! Eval: scores extraction against a gold file exactly as `shared/EVAL.md` and its reference
//! scorer `score.py` do, so the figures printed here and there are the same.

use crate::export::json::GraphJson;
use crate::model::Relation;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;

/// One gold article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Path relative to the root (`corpus/0007.txt`).
    pub article: String,
    /// Gold entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Gold relations.
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// A gold entity.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    /// Fullest name.
    pub name: String,
    /// `person` | `state` | `organization`.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// Other forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Neither rewarded nor punished.
    #[serde(default)]
    pub optional: bool,
}

/// A gold relation between gold entity names.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    /// Source name.
    pub source: String,
    /// Relation name.
    pub relation: String,
    /// Target name.
    pub target: String,
    /// Neither rewarded nor punished.
    #[serde(default)]
    pub optional: bool,
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched.
    pub tp: u32,
    /// Extracted, not in gold.
    pub fp: u32,
    /// In gold, not extracted.
    pub fn_: u32,
}

impl Counts {
    /// Precision, recall, F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn add(&mut self, other: &Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

const ENTITY_TYPES: [&str; 3] = ["person", "state", "organization"];
const SCORED: [Relation; 4] = [
    Relation::MetWith,
    Relation::Condemned,
    Relation::PledgedAidTo,
    Relation::RefusedToCoordinateWith,
];

/// Counts per (kind, label), in the scorer's fixed order first.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Articles scored.
    pub articles: usize,
    /// `("entity" | "relation", label) -> counts`, in insertion order.
    pub rows: Vec<((String, String), Counts)>,
}

impl Scores {
    /// Empty scores with the fixed rows.
    pub fn new() -> Scores {
        let mut s = Scores::default();
        for t in ENTITY_TYPES {
            s.row("entity", t);
        }
        for r in SCORED {
            s.row("relation", r.as_str());
        }
        s
    }

    fn row(&mut self, kind: &str, label: &str) -> &mut Counts {
        let key = (kind.to_string(), label.to_string());
        let at = match self.rows.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.rows.push((key, Counts::default()));
                self.rows.len() - 1
            }
        };
        &mut self.rows[at].1
    }

    /// Micro-averaged totals of one kind.
    pub fn total(&self, kind: &str) -> Counts {
        let mut total = Counts::default();
        for ((k, _), c) in &self.rows {
            if k == kind {
                total.add(c);
            }
        }
        total
    }

    /// The report, line for line as `score.py` prints it.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "articles: {}", self.articles);
        let mut summary = BTreeMap::new();
        for kind in ["entity", "relation"] {
            let _ = writeln!(
                out,
                "{kind:<9} {:<28} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
                "label", "tp", "fp", "fn", "P", "R", "F1"
            );
            for ((k, label), c) in &self.rows {
                if k == kind {
                    let (p, r, f) = c.prf();
                    let _ = writeln!(
                        out,
                        "{kind:<9} {label:<28} {:>5} {:>5} {:>5} {p:>6.3} {r:>6.3} {f:>6.3}",
                        c.tp, c.fp, c.fn_
                    );
                }
            }
            let total = self.total(kind);
            let (p, r, f) = total.prf();
            let _ = writeln!(
                out,
                "{kind:<9} {:<28} {:>5} {:>5} {:>5} {p:>6.3} {r:>6.3} {f:>6.3}",
                "ALL (micro)", total.tp, total.fp, total.fn_
            );
            summary.insert(format!("{kind}_f1"), round4(f));
            summary.insert(format!("{kind}_p"), round4(p));
            summary.insert(format!("{kind}_r"), round4(r));
        }
        let order = [
            "entity_f1",
            "relation_f1",
            "entity_p",
            "entity_r",
            "relation_p",
            "relation_r",
        ];
        let parts: Vec<String> = order
            .iter()
            .map(|k| format!("\"{k}\": {}", py_float(summary[*k])))
            .collect();
        let _ = writeln!(out, "{{{}}}", parts.join(", "));
        out
    }
}

/// Python's `round(x, 4)`: the correctly rounded decimal, read back as a float.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's repr of a float: `0.0`, `0.9231`, `1.0`.
fn py_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

/// Name normalisation of the scorer: accents folded, curly quotes straight, lowercase, no ".",
/// whitespace collapsed.
pub fn norm(s: &str) -> String {
    let folded: String = s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    folded
        .to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum End {
    Gold(usize),
    Unresolved(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RelKey {
    Symmetric(String, [End; 2]),
    Directed(String, End, End),
}

fn rel_key(src: End, rel: &str, tgt: End) -> RelKey {
    if rel == "met-with" || rel == "refused-to-coordinate-with" {
        // An unordered pair: order the ends canonically.
        let mut ends = [src, tgt];
        ends.sort_by_key(|e| format!("{e:?}"));
        RelKey::Symmetric(rel.to_string(), ends)
    } else {
        RelKey::Directed(rel.to_string(), src, tgt)
    }
}

/// Scores one article's prediction into `scores`.
pub fn score_article(gold: &GoldArticle, pred: &GraphJson, scores: &mut Scores) {
    let gents = &gold.entities;
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (gi, g) in gents.iter().enumerate() {
        index.entry(norm(&g.name)).or_default().push(gi);
    }
    for (gi, g) in gents.iter().enumerate() {
        for a in &g.aliases {
            let list = index.entry(norm(a)).or_default();
            if !list.contains(&gi) {
                list.push(gi);
            }
        }
    }
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (gi, g) in gents.iter().enumerate().rev() {
        by_name.insert(norm(&g.name), gi);
    }
    let matcher = |forms: &[String]| -> Option<usize> {
        let fs: Vec<String> = forms
            .iter()
            .filter(|f| !f.is_empty())
            .map(|f| norm(f))
            .collect();
        if let Some(gi) = fs.iter().find_map(|f| by_name.get(f)) {
            return Some(*gi);
        }
        fs.iter()
            .flat_map(|f| index.get(f).into_iter().flatten())
            .min()
            .copied()
    };
    let mut node_gold: HashMap<&str, Option<usize>> = HashMap::new();
    let mut credited: HashSet<usize> = HashSet::new();
    for p in &pred.nodes {
        let forms: Vec<String> = std::iter::once(p.name.clone())
            .chain(p.aliases.iter().cloned())
            .collect();
        let gi = matcher(&forms);
        node_gold.insert(p.id.as_str(), gi);
        let ptype = p.entity_type.as_str();
        if gi.is_some_and(|g| gents[g].optional) {
            continue;
        }
        match gi {
            Some(g) if gents[g].entity_type == ptype && !credited.contains(&g) => {
                credited.insert(g);
                scores.row("entity", ptype).tp += 1;
            }
            _ => scores.row("entity", ptype).fp += 1,
        }
    }
    for (gi, g) in gents.iter().enumerate() {
        if !g.optional && !credited.contains(&gi) {
            scores.row("entity", &g.entity_type).fn_ += 1;
        }
    }
    let gold_end = |name: &str| -> End {
        let n = norm(name);
        let gi = by_name
            .get(&n)
            .copied()
            .or_else(|| index.get(&n).and_then(|l| l.first().copied()));
        gi.map(End::Gold)
            .unwrap_or_else(|| End::Unresolved(name.to_string()))
    };
    let mut gold_rels: HashSet<RelKey> = HashSet::new();
    let mut optional_rels: HashSet<RelKey> = HashSet::new();
    for r in &gold.relations {
        let k = rel_key(gold_end(&r.source), &r.relation, gold_end(&r.target));
        if r.optional {
            optional_rels.insert(k)
        } else {
            gold_rels.insert(k)
        };
    }
    optional_rels.retain(|k| !gold_rels.contains(k));
    let mut found: HashSet<(bool, RelKey)> = HashSet::new();
    for e in &pred.edges {
        if !SCORED.contains(&e.relation) {
            continue;
        }
        let rel = e.relation.as_str();
        let s = node_gold.get(e.source.as_str()).copied().flatten();
        let t = node_gold.get(e.target.as_str()).copied().flatten();
        match (s, t) {
            (Some(s), Some(t)) => found.insert((true, rel_key(End::Gold(s), rel, End::Gold(t)))),
            _ => found.insert((
                false,
                rel_key(
                    End::Unresolved(e.source.clone()),
                    rel,
                    End::Unresolved(e.target.clone()),
                ),
            )),
        };
    }
    for (matched, k) in &found {
        let label = match k {
            RelKey::Symmetric(r, _) | RelKey::Directed(r, _, _) => r.clone(),
        };
        if !matched {
            scores.row("relation", &label).fp += 1;
        } else if gold_rels.contains(k) {
            scores.row("relation", &label).tp += 1;
        } else if !optional_rels.contains(k) {
            scores.row("relation", &label).fp += 1;
        }
    }
    for k in &gold_rels {
        if !found.contains(&(true, k.clone())) {
            let label = match k {
                RelKey::Symmetric(r, _) | RelKey::Directed(r, _, _) => r.clone(),
            };
            scores.row("relation", &label).fn_ += 1;
        }
    }
    scores.articles += 1;
}

/// Parses a gold JSON Lines file; errors name the line.
pub fn parse_gold(text: &str) -> Result<Vec<GoldArticle>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_like_the_scorer() {
        assert_eq!(norm("François  Hollande"), "francois hollande");
        assert_eq!(norm("U.S."), "us");
        assert_eq!(norm("Turkey\u{2019}s"), "turkey's");
    }

    #[test]
    fn python_float_repr() {
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(0.9231), "0.9231");
    }
}
