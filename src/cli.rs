//! The command line: clap arguments -> validated settings -> one library call per command.
//!
//! Printing lives here; the library computes. Bad articles are warned about by name and skipped,
//! and the run then exits 1.

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use newsgraph::export::json::article_to_json;
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::ingest::{self, Article};
use newsgraph::{export, query, store};
use std::io::Write;
use std::path::{Path, PathBuf};

mod bench;
mod export_cmd;
mod gen_corpus;
mod import_petrarch;
mod inspect;
mod load;
mod query_bench;

/// The store used when `--db` is not given.
pub const DEFAULT_DB: &str = "newsgraph.db";

/// How a successful run ended.
pub enum Outcome {
    /// Everything was read.
    Clean,
    /// Some input was skipped with a warning.
    Warned,
}

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn news articles into a knowledge graph of who did what to whom, and query it"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract each article's graph (entities and relations) and print it.
    Extract(ExtractArgs),
    /// Extract articles and merge them into the saved graph.
    Load(LoadArgs),
    /// Open the interactive shell on a graph.
    Shell(ShellArgs),
    /// Run one query and print the result.
    Query(QueryArgs),
    /// Write the graph as DOT, GRAPH-JSON, GraphML or bulk-import CSV.
    Export(export_cmd::ExportArgs),
    /// Draw the graph with Graphviz (svg or png).
    Render(export_cmd::RenderArgs),
    /// Show why edges exist: each edge of an entity (or between two) with its sentences.
    Explain(ExplainArgs),
    /// Score extraction against a gold file (as shared/EVAL.md says).
    Eval(EvalArgs),
    /// Work with lexicon files (convert other tools' dictionaries).
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Measure extraction throughput (MB/s) on a folder, one thread and all cores.
    Bench(BenchExtractArgs),
    /// Write a synthetic corpus for benchmarks (deterministic for a seed).
    #[command(hide = true)]
    GenCorpus(GenCorpusArgs),
    /// Load inputs into a fresh store and print speed, memory, store size and open time.
    #[command(hide = true)]
    BenchIngest(BenchArgs),
    /// Write a generated benchmark graph to a store.
    #[command(hide = true)]
    GenGraph(query_bench::GenGraphArgs),
    /// Time the benchmark queries on generated graphs.
    #[command(hide = true)]
    BenchQuery(query_bench::BenchQueryArgs),
}

#[derive(Args)]
struct GenCorpusArgs {
    /// How many articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into (1,000 files per subfolder).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args)]
struct BenchExtractArgs {
    /// Articles to extract (files or folders).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How many copies of the input to run, to show cost grows linearly.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 4, 16])]
    scale: Vec<usize>,
    /// Timed runs per measurement (the best is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

#[derive(Args)]
struct BenchArgs {
    /// Article files, folders or globs.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The store to create (replaced if present).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Name of the corpus in the printed row.
    #[arg(long, default_value = "corpus")]
    label: String,
    /// Print the table header first.
    #[arg(long)]
    header: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Args, Clone)]
struct LexiconArgs {
    /// Extra lexicon file(s) with actors and trigger words (TOML or JSON, schema as data/lexicon/).
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

#[derive(Args, Clone)]
pub(crate) struct DbArgs {
    /// The saved graph [default: newsgraph.db in the current folder].
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

#[derive(Args)]
struct ExtractArgs {
    /// Article files or folders (.txt, .md).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    format: ExtractFormat,
    /// Write one <name>.json per article into this folder instead of printing.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Text,
}

#[derive(Args)]
struct LoadArgs {
    /// Article files, folders, glob patterns, or `-` for stdin (.txt .md .html .jsonl .csv);
    /// GRAPH-JSON documents (`export --format json`, a .json file) are merged as graphs.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read every input as this format instead of by extension or by sniffing
    /// (graph-json: a GRAPH-JSON document, merged as it is, without extraction).
    #[arg(long, alias = "format", value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// The CSV column that holds the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_column: String,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Html,
    Jsonl,
    Csv,
    GraphJson,
}

impl LoadArgs {
    fn ingest_options(&self) -> ingest::IngestOptions {
        ingest::IngestOptions {
            format: self.input_format.map(|f| match f {
                InputFormat::Text => ingest::Format::Text,
                InputFormat::Html => ingest::Format::Html,
                InputFormat::Jsonl => ingest::Format::JsonLines,
                InputFormat::Csv => ingest::Format::Csv,
                InputFormat::GraphJson => ingest::Format::Text,
            }),
            text_column: self.text_column.clone(),
        }
    }
}

#[derive(Args)]
#[command(after_help = "\
Statements end with `;` and may span lines; `:help` inside lists the commands.
With no PATH and no saved graph the shell opens the built-in sample.
Quitting with unsaved loads asks first; with --db FILE they are saved to FILE instead.
Piped input (`newsgraph shell < queries.cypher`) runs as a script: results only, and the
first error stops it with exit code 2 unless --keep-going is given.
History: $NEWSGRAPH_HISTORY, else $XDG_DATA_HOME/newsgraph/history, else ~/.local/share/newsgraph/history.")]
struct ShellArgs {
    /// Articles to load before the prompt (otherwise the saved graph, or the built-in sample).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    /// In a piped script, run the rest after an error (then exit 1) instead of stopping.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Args)]
struct QueryArgs {
    /// The query, e.g. 'MATCH (a:Person)-[:MET_WITH]-(b) RETURN a.name, b.name'.
    query: String,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    format: QueryFormat,
    /// A query parameter, `name=value` (a JSON value, or else a string): `--param who=Kerry`.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Report the median time of parse + plan + execute (not the store's loading) on stderr.
    #[arg(long)]
    timing: bool,
    /// Runs for --timing.
    #[arg(long, default_value_t = 1, requires = "timing")]
    repeat: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum QueryFormat {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Convert a PETRARCH actor dictionary (JSON) into a lexicon file for `--lexicon`.
    ///
    /// Types are guessed: a name starting with a known given name is a person, a three-letter
    /// code a state, a longer code an organization (of the state whose code starts it). Forms
    /// that extend a state's name by a demonym ending are demonyms; other forms are aliases.
    /// PETRARCH codes leaders and cities as their state: move them to [[person]] or `capitals`.
    ImportPetrarch {
        /// The PETRARCH dictionary as JSON: {"actors": {"Form": {"code": .., "name": ..}}}.
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        /// The lexicon to write; standard output when absent.
        #[arg(short, long, value_name = "FILE.toml")]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
struct ExplainArgs {
    /// The entity (name, alias or id), e.g. "John Kerry".
    name: String,
    /// Only the edges between NAME and this entity.
    other: Option<String>,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold JSON Lines file.
    #[arg(long, value_name = "GOLD.jsonl")]
    gold: PathBuf,
    /// Folder the gold's article paths are relative to [default: the gold file's parent's parent].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Parses the command line and runs the command.
pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Load(args) => run_load(args),
        Command::Shell(args) => run_shell(args),
        Command::Query(args) => run_query(args),
        Command::Export(args) => export_cmd::run_export(args).map(|()| Outcome::Clean),
        Command::Render(args) => export_cmd::run_render(args).map(|()| Outcome::Clean),
        Command::Explain(args) => inspect::run_explain(args),
        Command::Lexicon(LexiconCommand::ImportPetrarch { file, output }) => {
            inspect::run_import_petrarch(&file, output.as_deref())
        }
        Command::Eval(args) => inspect::run_eval(args),
        Command::Bench(args) => inspect::run_bench_extract(args),
        Command::GenCorpus(args) => run_gen_corpus(args),
        Command::BenchIngest(args) => run_bench(args),
        Command::GenGraph(args) => query_bench::run_gen_graph(args).map(|()| Outcome::Clean),
        Command::BenchQuery(args) => query_bench::run_bench_query(args).map(|()| Outcome::Clean),
    }
}

fn run_gen_corpus(args: GenCorpusArgs) -> Result<Outcome> {
    let ex = extractor(&args.lexicon)?;
    let bytes = gen_corpus::generate(ex.lexicon(), args.articles, args.seed, &args.output)
        .with_context(|| format!("{}: cannot write corpus", args.output.display()))?;
    eprintln!(
        "wrote {} articles ({bytes} bytes) to {}",
        args.articles,
        args.output.display()
    );
    Ok(Outcome::Clean)
}

fn run_bench(args: BenchArgs) -> Result<Outcome> {
    let ex = extractor(&args.lexicon)?;
    let inputs = ingest::expand_inputs(&args.paths)?;
    if args.header {
        println!("{}", bench::header());
    }
    let warned = bench::run(&args.label, &inputs, &ex, &args.db)?;
    Ok(outcome(warned))
}

fn extractor(args: &LexiconArgs) -> Result<Extractor> {
    let paths: Vec<&Path> = args.lexicon.iter().map(PathBuf::as_path).collect();
    let lexicon = if paths.is_empty() {
        Lexicon::builtin()
    } else {
        Lexicon::with_files(&paths)?
    };
    Ok(Extractor::new(lexicon))
}

/// Reads every article the paths name; a bad file or record is warned about and skipped.
fn read_articles(
    paths: &[PathBuf],
    options: &ingest::IngestOptions,
    warned: &mut bool,
) -> Result<Vec<Article>> {
    let inputs = ingest::expand_inputs(paths)?;
    let mut articles = Vec::with_capacity(inputs.len());
    for input in &inputs {
        for result in ingest::read_input(input, options) {
            match result {
                Ok(a) => articles.push(a),
                Err(e) => warn_skipped(&e, warned),
            }
        }
    }
    Ok(articles)
}

fn warn_skipped(err: &ingest::IngestError, warned: &mut bool) {
    eprintln!("newsgraph: warning: {err} (skipped)");
    *warned = true;
}

fn outcome(warned: bool) -> Outcome {
    if warned {
        Outcome::Warned
    } else {
        Outcome::Clean
    }
}

fn run_extract(args: ExtractArgs) -> Result<Outcome> {
    let ex = extractor(&args.lexicon)?;
    let mut warned = false;
    let articles = read_articles(&args.files, &ingest::IngestOptions::default(), &mut warned)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for article in &articles {
        let graph = ex.extract(article);
        let doc = article_to_json(&graph);
        if let Some(dir) = &args.out_dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            let name = Path::new(&article.id)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let path = dir.join(format!("{name}.json"));
            store::write_atomic(&path, export::json::to_string(&doc).as_bytes())?;
            continue;
        }
        match args.format {
            ExtractFormat::Json if articles.len() == 1 => {
                write!(out, "{}", export::json::to_string(&doc))?
            }
            ExtractFormat::Json => writeln!(out, "{}", serde_json::to_string(&doc)?)?,
            ExtractFormat::Text => write!(out, "{}", describe_article(&article.id, &graph))?,
        }
    }
    Ok(outcome(warned))
}

fn describe_article(id: &str, graph: &newsgraph::graph::ArticleGraph) -> String {
    let mut s = format!("# {id}\n");
    for e in &graph.entities {
        let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
        s.push_str(&format!("{:<13} {}", e.entity_type.as_str(), e.name));
        if !aliases.is_empty() {
            s.push_str(&format!("  ({})", aliases.join(", ")));
        }
        s.push('\n');
    }
    for r in &graph.edges {
        s.push_str(&format!(
            "{} -[{}]-> {}\n    \"{}\"\n",
            graph.entities[r.source].name,
            r.relation,
            graph.entities[r.target].name,
            r.evidence
                .first()
                .map(|e| e.sentence.as_str())
                .unwrap_or("")
        ));
    }
    s
}

fn db_path(db: &DbArgs) -> PathBuf {
    db.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// The saved graph; with no `--db` and no saved graph, the built-in sample.
pub(crate) fn open_graph(db: &DbArgs) -> Result<KnowledgeGraph> {
    let path = db_path(db);
    if path.exists() {
        return Ok(store::open(&path)?);
    }
    if db.db.is_some() {
        bail!(
            "{}: no such store (create it with `newsgraph load PATH --db {}`)",
            path.display(),
            path.display()
        );
    }
    eprintln!(
        "newsgraph: no saved graph at {}; using the built-in sample",
        path.display()
    );
    Ok(sample_graph())
}

fn sample_graph() -> KnowledgeGraph {
    let ex = Extractor::builtin();
    let mut graph = KnowledgeGraph::new();
    for article in ingest::builtin_sample() {
        graph.merge(&ex.extract(&article));
    }
    graph
}

fn run_load(args: LoadArgs) -> Result<Outcome> {
    let path = db_path(&args.db);
    let mut graph = if path.exists() {
        store::open(&path)?
    } else {
        KnowledgeGraph::new()
    };
    let forced = matches!(args.input_format, Some(InputFormat::GraphJson));
    let (documents, article_paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| forced || load::is_graph_json(p));
    let before = (graph.node_count(), graph.edge_count());
    for document in &documents {
        let report = load::merge_document(&mut graph, document)?;
        eprintln!(
            "merged GRAPH-JSON {}: {} nodes, {} edges",
            document.display(),
            report.nodes,
            report.edges
        );
    }
    let mut warned = false;
    let mut report = load::LoadReport::default();
    if !article_paths.is_empty() {
        let ex = extractor(&args.lexicon)?;
        let inputs = ingest::expand_inputs(&article_paths)?;
        let options = args.ingest_options();
        report = load::load_inputs(&mut graph, &ex, &inputs, &options, &mut warned);
    }
    store::save(&graph, &path)?;
    let articles = if article_paths.is_empty() {
        format!("saved {}", path.display())
    } else {
        format!(
            "loaded {} articles into {} ({} new, {} changed, {} unchanged, {} duplicate)",
            report.read,
            path.display(),
            report.added,
            report.replaced,
            report.unchanged,
            report.duplicates,
        )
    };
    eprintln!(
        "{articles}: {} entities ({:+}), {} relations ({:+})",
        graph.node_count(),
        graph.node_count() as i64 - before.0 as i64,
        graph.edge_count(),
        graph.edge_count() as i64 - before.1 as i64
    );
    Ok(outcome(warned))
}

fn run_shell(args: ShellArgs) -> Result<Outcome> {
    let options = newsgraph::repl::Options {
        db: db_path(&args.db),
        db_given: args.db.db.is_some(),
        keep_going: args.keep_going,
        extractor: extractor(&args.lexicon)?,
        paths: args.paths,
    };
    match newsgraph::repl::run(options)? {
        newsgraph::repl::Ending::Clean => Ok(Outcome::Clean),
        newsgraph::repl::Ending::Failures(n) => {
            eprintln!("newsgraph: {n} statement(s) failed");
            Ok(Outcome::Warned)
        }
    }
}

fn run_query(args: QueryArgs) -> Result<Outcome> {
    let graph = open_graph(&args.db)?;
    let params = parse_params(&args.params)?;
    let mut times = Vec::with_capacity(args.repeat.max(1));
    let mut table = None;
    for _ in 0..args.repeat.max(1) {
        let started = std::time::Instant::now();
        let result = query::run(&graph, &args.query, &params);
        times.push(started.elapsed());
        match result {
            Ok(t) => table = Some(t),
            Err(e) => bail!("{}", e.render(&args.query)),
        }
    }
    let Some(table) = table else {
        return Ok(Outcome::Clean);
    };
    for warning in &table.warnings {
        eprintln!("newsgraph: warning: {warning}");
    }
    let text = match args.format {
        QueryFormat::Table => table.to_text(&graph),
        QueryFormat::Json => format!("{}\n", table.to_json(&graph)),
        QueryFormat::Csv => table.to_csv(&graph),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    if args.timing {
        times.sort();
        let median = times[times.len() / 2];
        eprintln!(
            "time: {:.3} ms median of {} runs (parse + plan + execute)",
            median.as_secs_f64() * 1e3,
            times.len()
        );
    }
    Ok(Outcome::Clean)
}

fn json_to_value(json: &serde_json::Value) -> query::Value {
    use serde_json::Value as J;
    match json {
        J::Null => query::Value::Null,
        J::Bool(b) => query::Value::Bool(*b),
        J::Number(n) => n
            .as_i64()
            .map(query::Value::Int)
            .unwrap_or_else(|| query::Value::Float(n.as_f64().unwrap_or(f64::NAN))),
        J::String(s) => query::Value::String(s.as_str().into()),
        J::Array(items) => query::Value::List(items.iter().map(json_to_value).collect()),
        J::Object(map) => query::Value::Map(
            map.iter()
                .map(|(k, v)| (k.clone(), json_to_value(v)))
                .collect(),
        ),
    }
}

/// `name=value` pairs; the value is read as JSON when it parses, else as a string.
pub(crate) fn parse_params(pairs: &[String]) -> Result<query::Params> {
    let mut params = query::Params::new();
    for pair in pairs {
        let (name, raw) = pair
            .split_once('=')
            .ok_or_else(|| anyhow!("--param `{pair}`: expected NAME=VALUE"))?;
        let json = serde_json::from_str(raw).unwrap_or(serde_json::Value::String(raw.to_string()));
        params.insert(
            name.trim_start_matches('$').to_string(),
            json_to_value(&json),
        );
    }
    Ok(params)
}
