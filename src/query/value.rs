//! Query values, their comparisons (three-valued equality, total order) and graph properties.
//!
//! Values hold graph handles, never borrowed entities; properties are read on demand.

use super::text::Text;
use crate::graph::{EdgeKey, KnowledgeGraph, NodeKey};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A value flowing through a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Missing or unknown.
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    String(Text),
    /// A list.
    List(Vec<Value>),
    /// A map with sorted keys.
    Map(BTreeMap<String, Value>),
    /// A graph node.
    Node(NodeKey),
    /// A graph edge.
    Edge(EdgeKey),
    /// A path, boxed: rare, and two vectors would double the size of every value.
    Path(Box<Path>),
}

/// Alternating nodes and edges: `nodes.len() == edges.len() + 1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    /// The nodes in walking order.
    pub nodes: Vec<NodeKey>,
    /// The edges in walking order.
    pub edges: Vec<EdgeKey>,
}

/// Property names of nodes.
pub const NODE_PROPERTIES: [&str; 7] = [
    "id", "name", "type", "aliases", "title", "mentions", "articles",
];

/// Property names of relationships.
pub const REL_PROPERTIES: [&str; 4] = ["type", "count", "articles", "evidence"];

impl Value {
    /// The type's name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Node(_) => "node",
            Value::Edge(_) => "relationship",
            Value::Path(_) => "path",
        }
    }

    /// True only for `Bool(true)`: how WHERE reads a value.
    pub fn is_true(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }
}

/// Cypher equality: `None` (null) when either side is null or the answer is unknown.
pub fn equals(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            Some(a.as_f64() == b.as_f64())
        }
        (Value::List(xs), Value::List(ys)) => {
            if xs.len() != ys.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (x, y) in xs.iter().zip(ys) {
                match equals(x, y) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        (Value::Map(xs), Value::Map(ys)) => {
            if !xs.keys().eq(ys.keys()) {
                return Some(false);
            }
            let lists = |m: &BTreeMap<String, Value>| Value::List(m.values().cloned().collect());
            equals(&lists(xs), &lists(ys))
        }
        _ => Some(a == b),
    }
}

/// Cypher ordering for `<`, `>`, `<=`, `>=`: `None` when the values are not comparable.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            a.as_f64()?.partial_cmp(&b.as_f64()?)
        }
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// A total order over all values, for ORDER BY, DISTINCT and grouping: nulls sort last.
pub fn total_order(a: &Value, b: &Value) -> Ordering {
    let rank = |v: &Value| match v {
        Value::Map(_) => 0,
        Value::Node(_) => 1,
        Value::Edge(_) => 2,
        Value::List(_) => 3,
        Value::Path(_) => 4,
        Value::String(_) => 5,
        Value::Bool(_) => 6,
        Value::Int(_) | Value::Float(_) => 7,
        Value::Null => 8,
    };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            x.total_cmp(&y)
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Node(x), Value::Node(y)) => x.cmp(y),
        (Value::Edge(x), Value::Edge(y)) => x.cmp(y),
        (Value::Path(x), Value::Path(y)) => x.cmp(y),
        (Value::List(xs), Value::List(ys)) => total_order_slices(xs, ys),
        (Value::Map(xs), Value::Map(ys)) => {
            let keys = xs.keys().cmp(ys.keys());
            keys.then_with(|| {
                let (xs, ys): (Vec<Value>, Vec<Value>) = (
                    xs.values().cloned().collect(),
                    ys.values().cloned().collect(),
                );
                total_order_slices(&xs, &ys)
            })
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

/// [`total_order`] applied element by element.
pub fn total_order_slices(xs: &[Value], ys: &[Value]) -> Ordering {
    for (x, y) in xs.iter().zip(ys) {
        let order = total_order(x, y);
        if order != Ordering::Equal {
            return order;
        }
    }
    xs.len().cmp(&ys.len())
}

/// A row of values ordered by [`total_order_slices`], for sets and map keys.
#[derive(Debug, Clone)]
pub struct OrdKey(pub Vec<Value>);

impl PartialEq for OrdKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for OrdKey {}

impl PartialOrd for OrdKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdKey {
    fn cmp(&self, other: &Self) -> Ordering {
        total_order_slices(&self.0, &other.0)
    }
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    Value::List(items.into_iter().map(|s| Value::String(s.into())).collect())
}

/// A node's property, `Null` for a name nodes do not have.
pub fn node_property(graph: &KnowledgeGraph, node: NodeKey, key: &str) -> Value {
    let entity = graph.entity(node);
    match key {
        "id" => Value::String(Text::from(&entity.id)),
        "name" => Value::String(Text::from(&entity.name)),
        "type" => Value::String(Text::from_static(entity.entity_type.as_str())),
        "aliases" => strings(&entity.aliases),
        "title" => entity
            .title
            .as_ref()
            .map_or(Value::Null, |t| Value::String(t.into())),
        "mentions" => Value::Int(i64::from(entity.mentions)),
        "articles" => strings(&entity.articles),
        _ => Value::Null,
    }
}

/// An edge's property, `Null` for a name relationships do not have.
pub fn edge_property(graph: &KnowledgeGraph, edge: EdgeKey, key: &str) -> Value {
    if key == "type" {
        return Value::String(Text::from_static(edge.relation().query_name()));
    }
    let fact = graph.fact(edge);
    match key {
        "count" => Value::Int(i64::try_from(fact.evidence.len()).unwrap_or(i64::MAX)),
        "articles" => Value::List(
            graph
                .fact_articles(fact)
                .into_iter()
                .map(|a| Value::String(a.into()))
                .collect(),
        ),
        "evidence" => Value::List(
            graph
                .evidence_of(fact)
                .map(|e| Value::String(e.sentence.into()))
                .collect(),
        ),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_is_three_valued() {
        assert_eq!(equals(&Value::Int(1), &Value::Float(1.0)), Some(true));
        assert_eq!(equals(&Value::Null, &Value::Null), None);
        assert_eq!(
            equals(&Value::Int(1), &Value::String("1".into())),
            Some(false)
        );
        let with_null = Value::List(vec![Value::Int(1), Value::Null]);
        assert_eq!(equals(&with_null, &with_null), None);
    }

    #[test]
    fn values_are_small() {
        // Every row of a result is a run of these: their size is the memory moved per row.
        assert_eq!(std::mem::size_of::<Value>(), 32);
    }

    #[test]
    fn total_order_puts_nulls_last() {
        let mut values = vec![
            Value::Null,
            Value::Int(2),
            Value::String("a".into()),
            Value::Float(1.5),
        ];
        values.sort_by(total_order);
        assert_eq!(
            values,
            vec![
                Value::String("a".into()),
                Value::Float(1.5),
                Value::Int(2),
                Value::Null
            ]
        );
        assert_eq!(compare(&Value::Int(1), &Value::String("a".into())), None);
    }
}
