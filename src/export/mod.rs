//! Export: the graph as GRAPH-JSON, DOT and other formats. Deterministic, never mutates the graph.

pub mod json;
