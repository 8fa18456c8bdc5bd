//! `export` and `render`: the whole graph, an ego network (`--around`) or a query's result
//! (`--query`) as DOT, GRAPH-JSON, GraphML, bulk-import CSV or a Graphviz picture.
//!
//! Whole-graph exports stream from the graph to the output (a file is written to a temporary
//! sibling and renamed over the target); only a chosen part is copied into a graph of its own.

use super::{DbArgs, open_graph, parse_params};
use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, ValueEnum};
use newsgraph::export::select::{self, Selection};
use newsgraph::export::{self, DotOptions};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::query;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Above this many nodes a drawing is unreadable, so `render` warns.
pub const RENDER_WARN_NODES: usize = 300;

/// Which part of the graph to write.
#[derive(Args)]
pub struct PartArgs {
    /// Only the network around this actor (name, alias or id).
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    around: Option<String>,
    /// Hops from --around.
    #[arg(long, default_value_t = 1)]
    hops: usize,
    /// Only the nodes, relationships and paths this query returns, e.g.
    /// 'MATCH p = (:Person {name: "John Kerry"})-[*1..2]-() RETURN p'.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
    /// A parameter of --query, `name=value`.
    #[arg(long = "param", value_name = "NAME=VALUE", requires = "query")]
    params: Vec<String>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Output format (kuzu and neo4j write a folder of CSV files).
    #[arg(long, value_enum)]
    format: ExportFormat,
    #[command(flatten)]
    db: DbArgs,
    /// Output file (a folder for kuzu and neo4j); standard output when absent.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    part: PartArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    Dot,
    Json,
    Graphml,
    Kuzu,
    Neo4j,
}

#[derive(Args)]
pub struct RenderArgs {
    /// Picture format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Svg)]
    format: RenderFormat,
    /// The picture to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    part: PartArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum RenderFormat {
    Svg,
    Png,
}

pub fn run_export(args: ExportArgs) -> Result<()> {
    let graph = open_graph(&args.db)?;
    let selection = chosen_part(&graph, &args.part)?;
    if args.format == ExportFormat::Dot {
        let opts = dot_options(selection);
        return write_output(args.output.as_deref(), |out| {
            export::write_dot(&graph, &opts, out)
        });
    }
    // Other formats have no notion of a part: copy the part into a graph of its own.
    let part = selection.map(|s| select::subgraph(&graph, &s));
    let graph = part.as_ref().unwrap_or(&graph);
    match args.format {
        ExportFormat::Dot => unreachable!("handled above"),
        ExportFormat::Json => write_output(args.output.as_deref(), |out| {
            export::json::write_graph_json(graph, out)
        }),
        ExportFormat::Graphml => write_output(args.output.as_deref(), |out| {
            export::graphml::write_graphml(graph, out)
        }),
        ExportFormat::Kuzu | ExportFormat::Neo4j => {
            let dir = args.output.ok_or_else(|| {
                anyhow!("--format kuzu and neo4j write a folder: give it with -o DIR")
            })?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            let files = if args.format == ExportFormat::Kuzu {
                export::csv::write_kuzu(graph, &dir)
            } else {
                export::csv::write_neo4j(graph, &dir)
            }
            .with_context(|| format!("{}: cannot write", dir.display()))?;
            eprintln!("wrote {} files to {}", files.len(), dir.display());
            Ok(())
        }
    }
}

pub fn run_render(args: RenderArgs) -> Result<()> {
    let graph = open_graph(&args.db)?;
    let opts = dot_options(chosen_part(&graph, &args.part)?);
    let n_nodes = opts.nodes.as_ref().map_or(graph.node_count(), |n| n.len());
    if n_nodes > RENDER_WARN_NODES {
        eprintln!(
            "newsgraph: warning: {n_nodes} nodes make an unreadable drawing \
             (over {RENDER_WARN_NODES}); draw part of the graph with --around NAME --hops 1 \
             or --query 'MATCH p = ... RETURN p'"
        );
    }
    let format = match args.format {
        RenderFormat::Svg => "svg",
        RenderFormat::Png => "png",
    };
    export::render(&export::to_dot(&graph, &opts), format, &args.output)?;
    Ok(())
}

/// The part `--around` or `--query` chooses, or `None` for the whole graph.
fn chosen_part(graph: &KnowledgeGraph, part: &PartArgs) -> Result<Option<Selection>> {
    if let Some(name) = &part.around {
        let center = graph
            .find(name)
            .ok_or_else(|| anyhow!("no entity named `{name}` in the graph"))?;
        let (nodes, edges) = export::ego_network(graph, center, part.hops);
        return Ok(Some(Selection { nodes, edges }));
    }
    let Some(text) = &part.query else {
        return Ok(None);
    };
    let params = parse_params(&part.params)?;
    let table = query::run(graph, text, &params).map_err(|e| anyhow!("{}", e.render(text)))?;
    let selection = select::result_selection(graph, &table);
    if selection.is_empty() {
        bail!(
            "the query returned no nodes, relationships or paths to export \
             ({} rows); return them, e.g. `RETURN p` for `MATCH p = ...`",
            table.len()
        );
    }
    Ok(Some(selection))
}

fn dot_options(selection: Option<Selection>) -> DotOptions {
    match selection {
        Some(s) => DotOptions::subset(s.nodes, s.edges),
        None => DotOptions::default(),
    }
}

/// Streams `write` to the file (atomically: a temporary sibling renamed over it) or to stdout.
fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let Some(path) = path else {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        write(&mut out)?;
        return Ok(out.flush()?);
    };
    let temp = temp_sibling(path);
    let written = std::fs::File::create(&temp).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    if let Err(err) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(err).with_context(|| format!("{}: cannot write", path.display()));
    }
    Ok(())
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
