//! The closed vocabularies shared by every stage: entity types and relations.
//!
//! Spellings follow `GRAPH-JSON.md` (`met-with`) and the query language (`MET_WITH`); one table
//! maps between them so the two can never drift apart.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of actor a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A named person.
    Person,
    /// A sovereign country, or its government acting.
    State,
    /// A group, party, agency, company, international body or news outlet.
    Organization,
}

impl EntityType {
    /// Every entity type, in display order.
    pub const ALL: [EntityType; 3] = [
        EntityType::Person,
        EntityType::State,
        EntityType::Organization,
    ];

    /// The GRAPH-JSON spelling (`person`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::State => "state",
            EntityType::Organization => "organization",
        }
    }

    /// The query-language label (`Person`).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::State => "State",
            EntityType::Organization => "Organization",
        }
    }

    /// Parses a query label, case-sensitively as Cypher does.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.label() == label)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a string that names no entity type or relation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{found}`")]
pub struct UnknownName {
    /// `entity type` or `relation`.
    pub kind: &'static str,
    /// What was given.
    pub found: String,
}

impl FromStr for EntityType {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "entity type",
                found: s.to_string(),
            })
    }
}

/// A relation between two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// A stated meeting, talk, visit or call. Symmetric.
    MetWith,
    /// Condemned, denounced, criticised, blamed or deplored.
    Condemned,
    /// Pledged, promised, gave or sent aid.
    PledgedAidTo,
    /// Refused or ruled out cooperating, coordinating or negotiating. Symmetric.
    RefusedToCoordinateWith,
    /// A person's office or membership: the person -> the state or organization.
    AffiliatedWith,
}

/// `(relation, GRAPH-JSON name, query name)`: the one place the spellings are written.
const RELATION_NAMES: [(Relation, &str, &str); 5] = [
    (Relation::MetWith, "met-with", "MET_WITH"),
    (Relation::Condemned, "condemned", "CONDEMNED"),
    (Relation::PledgedAidTo, "pledged-aid-to", "PLEDGED_AID_TO"),
    (
        Relation::RefusedToCoordinateWith,
        "refused-to-coordinate-with",
        "REFUSED_TO_COORDINATE_WITH",
    ),
    (
        Relation::AffiliatedWith,
        "affiliated-with",
        "AFFILIATED_WITH",
    ),
];

impl Relation {
    /// Every relation, in display order.
    pub const ALL: [Relation; 5] = [
        Relation::MetWith,
        Relation::Condemned,
        Relation::PledgedAidTo,
        Relation::RefusedToCoordinateWith,
        Relation::AffiliatedWith,
    ];

    /// The GRAPH-JSON spelling (`met-with`).
    pub fn as_str(self) -> &'static str {
        RELATION_NAMES
            .iter()
            .find(|(r, _, _)| *r == self)
            .map(|(_, s, _)| *s)
            .unwrap_or("")
    }

    /// The query-language relationship type (`MET_WITH`).
    pub fn query_name(self) -> &'static str {
        RELATION_NAMES
            .iter()
            .find(|(r, _, _)| *r == self)
            .map(|(_, _, q)| *q)
            .unwrap_or("")
    }

    /// Parses a query relationship type (`MET_WITH`).
    pub fn from_query_name(name: &str) -> Option<Self> {
        RELATION_NAMES
            .iter()
            .find(|(_, _, q)| *q == name)
            .map(|(r, _, _)| *r)
    }

    /// True when one edge stands for both directions.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::MetWith | Relation::RefusedToCoordinateWith)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Relation {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RELATION_NAMES
            .iter()
            .find(|(_, j, _)| *j == s)
            .map(|(r, _, _)| *r)
            .ok_or_else(|| UnknownName {
                kind: "relation",
                found: s.to_string(),
            })
    }
}

/// Where a fact was read, self-contained: the article, the sentence and its byte offset, and
/// the trigger's byte range. This is the form an extraction reports and `add_fact` takes; the
/// graph keeps it as a `graph::Citation` (article id and offsets, the sentence kept once).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// The article's path or id, as it was given.
    pub article: String,
    /// The sentence text.
    pub sentence: String,
    /// Byte offset of the sentence in the article.
    pub sentence_start: usize,
    /// Byte range of the trigger words in the article.
    pub trigger: (usize, usize),
}

/// Turns a name into a node id: lowercase ASCII letters and digits joined by `-`.
///
/// Accents are folded so "François" and "Francois" share an id.
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII is its own NFKD form, and decomposing is most of the cost of merging names.
    if name.is_ascii() {
        slug_chars(name.chars(), name.len())
    } else {
        slug_chars(name.nfkd(), name.len())
    }
}

fn slug_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut dash = false;
    for c in chars {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c)
            || c == '.'
            || c == '\''
            || c == '\u{2019}'
        {
            // Folded accents and dots vanish: "U.S." is "us", "O'Brien" is "obrien".
        } else if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_names_round_trip_both_ways() {
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>(), Ok(r));
            assert_eq!(Relation::from_query_name(r.query_name()), Some(r));
        }
        assert_eq!(Relation::MetWith.as_str(), "met-with");
        assert_eq!(
            Relation::RefusedToCoordinateWith.query_name(),
            "REFUSED_TO_COORDINATE_WITH"
        );
        assert!("met_with".parse::<Relation>().is_err());
    }

    #[test]
    fn entity_types_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>(), Ok(t));
            assert_eq!(EntityType::from_label(t.label()), Some(t));
        }
    }

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slug("John Kerry"), "john-kerry");
        assert_eq!(slug("François Hollande"), "francois-hollande");
        assert_eq!(slug("U.S."), "us");
        assert_eq!(slug("Joseph R. Biden, Jr."), "joseph-r-biden-jr");
        assert_eq!(slug("Nicolás Maduro"), "nicolas-maduro");
        // The ASCII shortcut gives what decomposing gives.
        use unicode_normalization::UnicodeNormalization;
        for name in [
            "John Kerry",
            "U.S.",
            "O'Brien",
            "  a--b. ",
            "ISIS-K 2",
            "\t~x`Y_z",
        ] {
            assert_eq!(slug(name), slug_chars(name.nfkd(), name.len()), "{name}");
        }
    }
}
