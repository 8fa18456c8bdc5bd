//! Commands that look into extraction: `eval` (scores against gold), `bench` (throughput),
//! `explain` (why an edge exists) and `lexicon import-petrarch`.

use super::{
    BenchExtractArgs, EvalArgs, ExplainArgs, Outcome, extractor, import_petrarch, open_graph,
    outcome, read_articles,
};
use anyhow::{Context, Result, anyhow};
use newsgraph::export::json::article_to_json;
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::ingest::{self, Article};
use newsgraph::{eval, export, store};
use std::io::Write;
use std::path::Path;

pub(super) fn run_import_petrarch(file: &Path, output: Option<&Path>) -> Result<Outcome> {
    let json = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lexicon = Lexicon::builtin();
    let toml = import_petrarch::convert(&json, &source, &|w| lexicon.given_names.contains(w))
        .with_context(|| file.display().to_string())?;
    match output {
        Some(path) => store::write_atomic(path, toml.as_bytes())?,
        None => std::io::stdout().lock().write_all(toml.as_bytes())?,
    }
    Ok(Outcome::Clean)
}

pub(super) fn run_explain(args: ExplainArgs) -> Result<Outcome> {
    let graph = open_graph(&args.db)?;
    let find = |name: &str| {
        graph
            .find(name)
            .ok_or_else(|| anyhow!("no entity named `{name}` in the graph"))
    };
    let node = find(&args.name)?;
    let other = args.other.as_deref().map(find).transpose()?;
    let text = export::explain(&graph, node, other);
    if text.is_empty() {
        let name = &graph.entity(node).name;
        match other {
            Some(o) => eprintln!("no edges between {name} and {}", graph.entity(o).name),
            None => eprintln!("no edges touch {name}"),
        }
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

pub(super) fn run_eval(args: EvalArgs) -> Result<Outcome> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("{}: cannot read", args.gold.display()))?;
    let gold = eval::parse_gold(&text).map_err(|e| anyhow!("{}: {e}", args.gold.display()))?;
    let root = match args.root {
        Some(r) => r,
        None => args
            .gold
            .canonicalize()?
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    let ex = extractor(&args.lexicon)?;
    let mut scores = eval::Scores::new();
    for g in &gold {
        let path = root.join(&g.article);
        let pred = match ingest::read_article(&path) {
            Ok(article) => article_to_json(&ex.extract(&Article::new(&g.article, article.text))),
            Err(e) => {
                eprintln!(
                    "warning: no prediction for {} (scored as empty): {e}",
                    g.article
                );
                export::json::GraphJson {
                    nodes: vec![],
                    edges: vec![],
                }
            }
        };
        eval::score_article(g, &pred, &mut scores);
    }
    print!("{}", scores.report());
    Ok(Outcome::Clean)
}

pub(super) fn run_bench_extract(args: BenchExtractArgs) -> Result<Outcome> {
    use rayon::prelude::*;
    let mut warned = false;
    let articles = read_articles(&args.paths, &ingest::IngestOptions::default(), &mut warned)?;
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let ex = Extractor::builtin();
    let threads = rayon::current_num_threads();
    println!(
        "{} articles, {:.2} MB; best of {} runs",
        articles.len(),
        bytes as f64 / 1e6,
        args.runs
    );
    println!(
        "{:>6} {:>10} {:>14} {:>14} {:>10}",
        "scale",
        "MB",
        "1 thread MB/s",
        format!("{threads} threads MB/s"),
        "relations"
    );
    for &scale in &args.scale {
        let total = (bytes * scale) as f64 / 1e6;
        let mut best = [f64::MAX, f64::MAX];
        let mut relations = 0;
        for _ in 0..args.runs.max(1) {
            let started = std::time::Instant::now();
            relations = (0..scale)
                .flat_map(|_| articles.iter())
                .map(|a| ex.extract(a).edges.len())
                .sum::<usize>();
            best[0] = best[0].min(started.elapsed().as_secs_f64());
            let started = std::time::Instant::now();
            let parallel: usize = (0..scale)
                .flat_map(|_| articles.iter())
                .collect::<Vec<_>>()
                .par_iter()
                .map(|a| ex.extract(a).edges.len())
                .sum();
            best[1] = best[1].min(started.elapsed().as_secs_f64());
            debug_assert_eq!(parallel, relations);
        }
        println!(
            "{scale:>6} {total:>10.2} {:>14.2} {:>14.2} {relations:>10}",
            total / best[0],
            total / best[1]
        );
    }
    Ok(outcome(warned))
}
