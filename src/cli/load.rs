//! The `load` pipeline: inputs -> articles in batches -> parallel extraction -> merge in input order.
//!
//! Extraction runs on rayon's pool; merging stays on one thread and follows input order, so the
//! same inputs always give the same graph. Articles already in the graph with the same text are
//! not extracted again. A progress bar is drawn only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::extract::Extractor;
use newsgraph::graph::{ArticleGraph, ArticleStatus, KnowledgeGraph};
use newsgraph::ingest::{self, Article, IngestOptions, Input};
use rayon::prelude::*;
use std::io::IsTerminal as _;
use std::time::Instant;

/// Articles per batch: enough to keep both cores busy, few enough to bound memory.
const BATCH: usize = 1024;

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Articles read from the inputs.
    pub read: usize,
    /// Bytes of article text read.
    pub bytes: u64,
    /// New articles merged.
    pub added: usize,
    /// Known articles whose text changed, replaced.
    pub replaced: usize,
    /// Known articles with the same text, skipped.
    pub unchanged: usize,
    /// Texts already merged under another id, skipped.
    pub duplicates: usize,
}

/// Reads every input, extracts new and changed articles in parallel and merges them in order.
/// Bad files and records are warned about (setting `warned`) and skipped.
pub fn load_inputs(
    graph: &mut KnowledgeGraph,
    extractor: &Extractor,
    inputs: &[Input],
    options: &IngestOptions,
    warned: &mut bool,
) -> LoadReport {
    let progress = progress_bar(inputs.iter().map(Input::len_bytes).sum());
    let started = Instant::now();
    let mut report = LoadReport::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0;
    for input in inputs {
        for result in ingest::read_input(input, options) {
            match result {
                Ok(article) => batch.push(article),
                Err(e) => super::warn_skipped(&e, warned),
            }
        }
        batch_bytes += input.len_bytes();
        if batch.len() >= BATCH {
            merge_batch(graph, extractor, std::mem::take(&mut batch), &mut report);
            advance(&progress, &mut batch_bytes, &report, started);
        }
    }
    merge_batch(graph, extractor, batch, &mut report);
    advance(&progress, &mut batch_bytes, &report, started);
    progress.finish_and_clear();
    report
}

fn merge_batch(
    graph: &mut KnowledgeGraph,
    extractor: &Extractor,
    batch: Vec<Article>,
    report: &mut LoadReport,
) {
    let wanted: Vec<bool> = batch.iter().map(|a| needs_extraction(graph, a)).collect();
    let extracted: Vec<Option<ArticleGraph>> = batch
        .par_iter()
        .zip(&wanted)
        .map(|(article, &wanted)| wanted.then(|| extractor.extract(article)))
        .collect();
    for (article, extracted) in batch.iter().zip(extracted) {
        report.read += 1;
        report.bytes += article.text.len() as u64;
        // An earlier article of this batch may have changed the answer (same id twice).
        let extracted = match extracted {
            Some(g) => g,
            None if needs_extraction(graph, article) => extractor.extract(article),
            None => ArticleGraph::default(),
        };
        match graph.merge_article(article, &extracted) {
            ArticleStatus::New => report.added += 1,
            ArticleStatus::Changed => report.replaced += 1,
            ArticleStatus::Unchanged => report.unchanged += 1,
            ArticleStatus::Duplicate { .. } => report.duplicates += 1,
        }
    }
}

fn needs_extraction(graph: &KnowledgeGraph, article: &Article) -> bool {
    matches!(
        graph.article_status(&article.id, article.content_hash()),
        ArticleStatus::New | ArticleStatus::Changed
    )
}

fn progress_bar(total_bytes: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg} ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar
}

fn advance(bar: &ProgressBar, bytes: &mut u64, report: &LoadReport, started: Instant) {
    bar.inc(std::mem::take(bytes));
    let secs = started.elapsed().as_secs_f64().max(1e-6);
    bar.set_message(format!(
        "{} articles, {:.0} articles/s",
        report.read,
        report.read as f64 / secs
    ));
}
