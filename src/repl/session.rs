//! One shell session: the graph, the settings, and what each statement or `:command` does.
//!
//! Generic over its two writers (results, messages) so tests drive it with `Vec<u8>`. It never
//! reads the terminal and never exits the process: every failure is a [`ShellError`] the caller
//! reports before the prompt comes back.

use super::command::{Command, ExportKind, Format};
use super::complete::Schema;
use super::error::{MAX_SOURCE_DEPTH, ShellError};
use super::help;
use super::print::{self, Limits};
use super::scan::{ScriptItem, script_items, split_statements};
use super::view::schema_text;
use crate::export;
use crate::extract::Extractor;
use crate::graph::KnowledgeGraph;
use crate::ingest;
use crate::model::EntityType;
use crate::query::{self, Params, Table, Value};
use crate::store;
use std::cell::RefCell;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// After this long a running query says how to cancel it.
const SLOW_QUERY_NOTICE: Duration = Duration::from_secs(1);

/// Whether the shell goes on after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next input.
    Continue,
    /// The user asked to leave.
    Quit,
}

/// How the session was started.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The store `:save` writes by default.
    pub db: PathBuf,
    /// Save to `db` on quit instead of asking (set by `--db`).
    pub autosave: bool,
    /// A person is typing: show progress and notes, cut long tables, time queries.
    pub interactive: bool,
    /// In scripts, run the rest after an error.
    pub keep_going: bool,
}

/// The state of one session.
pub struct Shell<W: Write, E: Write> {
    /// The graph queries run on.
    pub graph: KnowledgeGraph,
    /// Articles loaded since the last save.
    pub unsaved: usize,
    /// Entries typed or run, oldest first.
    pub history: Vec<String>,
    /// Raised by Ctrl-C; checked by running queries and loads.
    pub cancel: Arc<AtomicBool>,
    /// What completion knows; shared with the line editor's helper.
    pub schema: Rc<RefCell<Schema>>,
    /// How the session was started.
    pub settings: Settings,
    extractor: Extractor,
    out: W,
    err: E,
    params: Params,
    format: Format,
    timing: bool,
    source_depth: usize,
}

impl<W: Write, E: Write> Shell<W, E> {
    /// A session on `graph`, printing results to `out` and messages to `err`.
    pub fn new(
        graph: KnowledgeGraph,
        extractor: Extractor,
        settings: Settings,
        out: W,
        err: E,
    ) -> Self {
        let schema = Rc::new(RefCell::new(Schema::of(&graph)));
        Shell {
            graph,
            unsaved: 0,
            history: Vec::new(),
            cancel: Arc::new(AtomicBool::new(false)),
            schema,
            timing: settings.interactive,
            settings,
            extractor,
            out,
            err,
            params: Params::new(),
            format: Format::Table,
            source_depth: 0,
        }
    }

    /// Runs one entry: a `:command` line, or one or more statements separated by `;`.
    pub fn execute(&mut self, input: &str) -> Result<Flow, ShellError> {
        if input.trim_start().starts_with(':') {
            let command = Command::parse(input)?;
            return self.run_command(command);
        }
        for (_, statement) in split_statements(input) {
            self.run_statement(statement.trim())?;
        }
        Ok(Flow::Continue)
    }

    /// Runs a script: each item in turn, stopping at the first error unless `keep_going`.
    /// Returns how many items failed, or the first failure.
    pub fn run_script(&mut self, text: &str, name: &str) -> Result<(Flow, usize), ShellError> {
        let mut failures = 0;
        for (line, item) in script_items(text) {
            if self.run_item(line, &item, name, &mut failures)? == Flow::Quit {
                return Ok((Flow::Quit, failures));
            }
        }
        Ok((Flow::Continue, failures))
    }

    /// Runs one script item; a failure is returned, or reported and counted with `keep_going`.
    pub fn run_item(
        &mut self,
        line: usize,
        item: &ScriptItem,
        name: &str,
        failures: &mut usize,
    ) -> Result<Flow, ShellError> {
        let result = match item {
            ScriptItem::Command(command) => self.execute(command),
            ScriptItem::Statement(statement) => {
                self.run_statement(statement).map(|()| Flow::Continue)
            }
        };
        match result {
            Ok(flow) => Ok(flow),
            Err(ShellError::Output(e)) => Err(ShellError::Output(e)),
            Err(error) => {
                let error = ShellError::Script {
                    source_name: name.to_string(),
                    line,
                    error: Box::new(error),
                };
                if !self.settings.keep_going {
                    return Err(error);
                }
                self.report(&error)?;
                *failures += 1;
                Ok(Flow::Continue)
            }
        }
    }

    /// Prints an error on the message stream.
    pub fn report(&mut self, error: &ShellError) -> io::Result<()> {
        let text = error.to_string();
        let text = if matches!(error, ShellError::Query { .. } | ShellError::Script { .. }) {
            text
        } else {
            format!("error: {text}")
        };
        writeln!(self.err, "{}", text.trim_end())?;
        self.err.flush()
    }

    /// A message for a person; scripts print results only.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        if self.settings.interactive {
            writeln!(self.err, "{text}")?;
            self.err.flush()?;
        }
        Ok(())
    }

    /// Runs one statement and prints its result.
    pub fn run_statement(&mut self, text: &str) -> Result<(), ShellError> {
        let started = Instant::now();
        let table = self.query(text)?;
        let elapsed = started.elapsed();
        let limits = if self.settings.interactive {
            Limits::TERMINAL
        } else {
            Limits::ALL
        };
        let timing = self.timing.then_some(elapsed);
        let rendered = print::render(&table, &self.graph, self.format, limits, timing);
        self.out.write_all(rendered.as_bytes())?;
        self.out.flush()?;
        if self.format != Format::Table {
            for warning in &table.warnings {
                writeln!(self.err, "warning: {warning}")?;
            }
            if let Some(t) = timing {
                writeln!(self.err, "{} rows ({})", table.len(), print::human_time(t))?;
            }
        }
        Ok(())
    }

    /// Runs a query on a worker thread so Ctrl-C (which raises `cancel`) can stop it.
    fn query(&mut self, text: &str) -> Result<Table, ShellError> {
        self.cancel.store(false, Ordering::SeqCst);
        let (graph, params, cancel) = (&self.graph, &self.params, &*self.cancel);
        let (err, interactive) = (&mut self.err, self.settings.interactive);
        let result = std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            let worker = scope.spawn(move || {
                let _ = tx.send(query::run_with_cancel(graph, text, params, cancel));
            });
            let mut answer = rx.recv_timeout(SLOW_QUERY_NOTICE);
            if let Err(RecvTimeoutError::Timeout) = answer {
                if interactive {
                    let _ = writeln!(err, "running... (Ctrl-C cancels)");
                    let _ = err.flush();
                }
                answer = rx.recv().map_err(|_| RecvTimeoutError::Disconnected);
            }
            // Joined by hand so a panic in the evaluator is reported, not re-raised.
            let joined = worker.join();
            match (answer, joined) {
                (Ok(result), _) => Ok(result),
                _ => Err(ShellError::WorkerLost),
            }
        })?;
        result.map_err(|error| ShellError::Query {
            error,
            text: text.to_string(),
        })
    }

    fn run_command(&mut self, command: Command) -> Result<Flow, ShellError> {
        match command {
            Command::Quit => return Ok(Flow::Quit),
            Command::Help(topic) => {
                let text = help::help(topic.as_deref()).map_err(ShellError::Help)?;
                self.out.write_all(text.as_bytes())?;
            }
            Command::Load(paths) => self.load(&paths)?,
            Command::Save(path) => self.save(path.as_deref())?,
            Command::Open(path) => self.open(&path)?,
            Command::Export { kind, path, query } => self.export(kind, &path, query.as_deref())?,
            Command::Render { path, query } => self.render(&path, query.as_deref())?,
            Command::Explain { name, other } => self.explain(&name, other.as_deref())?,
            Command::Schema => {
                let text = schema_text(&self.graph);
                self.out.write_all(text.as_bytes())?;
            }
            Command::Stats => {
                let text = self.stats_text();
                self.out.write_all(text.as_bytes())?;
            }
            Command::Param { name, value } => self.set_param(&name, &value)?,
            Command::Params => self.list_params()?,
            Command::Format(format) => {
                self.format = format;
                self.note(&format!("results print as {}", format_name(format)))?;
            }
            Command::Timing(on) => {
                self.timing = on;
                self.note(&format!("timing {}", if on { "on" } else { "off" }))?;
            }
            Command::Source(path) => return self.source(&path),
            Command::History => {
                for (n, entry) in self.history.iter().enumerate() {
                    let entry = entry.replace('\n', "\n      ");
                    writeln!(self.out, "{:>5} {entry}", n + 1)?;
                }
            }
        }
        self.out.flush()?;
        Ok(Flow::Continue)
    }

    /// Prints why the edges of `name` (or between `name` and `other`) exist.
    pub fn explain(&mut self, name: &str, other: Option<&str>) -> Result<(), ShellError> {
        let find = |name: &str| {
            self.graph
                .find(name)
                .ok_or_else(|| ShellError::UnknownEntity {
                    name: name.to_string(),
                })
        };
        let node = find(name)?;
        let other_node = other.map(find).transpose()?;
        let text = export::explain(&self.graph, node, other_node);
        if text.is_empty() {
            writeln!(self.out, "no edges")?;
            return Ok(());
        }
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Extracts and merges articles, showing progress; Ctrl-C stops between articles.
    pub fn load(&mut self, paths: &[PathBuf]) -> Result<(), ShellError> {
        let files = ingest::article_paths(paths)?;
        let before = (self.graph.node_count(), self.graph.edge_count());
        self.cancel.store(false, Ordering::SeqCst);
        let mut loaded = 0;
        for (n, file) in files.iter().enumerate() {
            if self.cancel.load(Ordering::SeqCst) {
                self.note(&format!(
                    "\nload cancelled after {loaded} of {} articles",
                    files.len()
                ))?;
                break;
            }
            match ingest::read_article(file) {
                Ok(article) => {
                    self.graph.merge(&self.extractor.extract(&article));
                    loaded += 1;
                }
                Err(e) => writeln!(self.err, "warning: {e} (skipped)")?,
            }
            if self.settings.interactive {
                // One status line, rewritten in place.
                write!(
                    self.err,
                    "\r\x1b[K[{}/{}] {}",
                    n + 1,
                    files.len(),
                    file.display()
                )?;
                self.err.flush()?;
            }
        }
        if self.settings.interactive {
            write!(self.err, "\r\x1b[K")?;
        }
        self.unsaved += loaded;
        self.refresh_schema();
        let (nodes, edges) = (self.graph.node_count(), self.graph.edge_count());
        let next = if self.settings.autosave {
            format!(
                "saved to {} on quit, or `:save` now",
                self.settings.db.display()
            )
        } else {
            format!(
                "not saved yet: `:save` writes {}",
                self.settings.db.display()
            )
        };
        self.note(&format!(
            "loaded {loaded} article{}: {nodes} entities (+{}), {edges} relations (+{}); {next}",
            if loaded == 1 { "" } else { "s" },
            nodes - before.0,
            edges - before.1,
        ))?;
        Ok(())
    }

    /// Saves the graph atomically to `path`, or to the session's store.
    pub fn save(&mut self, path: Option<&Path>) -> Result<(), ShellError> {
        let path = path.unwrap_or(&self.settings.db).to_path_buf();
        store::save(&self.graph, &path)?;
        self.unsaved = 0;
        self.note(&format!(
            "saved {} entities and {} relations to {}",
            self.graph.node_count(),
            self.graph.edge_count(),
            path.display()
        ))?;
        Ok(())
    }

    fn open(&mut self, path: &Path) -> Result<(), ShellError> {
        if self.unsaved > 0 {
            return Err(ShellError::Unsaved {
                unsaved: self.unsaved,
            });
        }
        self.graph = store::open(path)?;
        self.settings.db = path.to_path_buf();
        self.refresh_schema();
        self.note(&format!(
            "opened {}: {} entities, {} relations",
            path.display(),
            self.graph.node_count(),
            self.graph.edge_count()
        ))?;
        Ok(())
    }

    fn export(
        &mut self,
        kind: ExportKind,
        path: &Path,
        query: Option<&str>,
    ) -> Result<(), ShellError> {
        let part = query.map(|q| self.result_subgraph(q)).transpose()?;
        let graph = part.as_ref().unwrap_or(&self.graph);
        match kind {
            ExportKind::Dot => {
                let text = export::to_dot(graph, &export::DotOptions::default());
                store::write_atomic(path, text.as_bytes())?;
            }
            ExportKind::Json => {
                let doc = export::json::graph_to_json(graph);
                store::write_atomic(path, export::json::to_string(&doc).as_bytes())?;
            }
            ExportKind::Csv => {
                std::fs::create_dir_all(path).map_err(|e| file_error(path, &e))?;
                export::csv::write_kuzu(graph, path).map_err(|e| file_error(path, &e))?;
            }
        }
        let message = format!(
            "wrote {} entities and {} relations to {}",
            graph.node_count(),
            graph.edge_count(),
            path.display()
        );
        self.note(&message)?;
        Ok(())
    }

    fn render(&mut self, path: &Path, query: Option<&str>) -> Result<(), ShellError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match ext.as_deref() {
            Some("svg") => "svg",
            Some("png") => "png",
            _ => {
                return Err(ShellError::RenderExtension {
                    path: path.to_path_buf(),
                });
            }
        };
        let part = query.map(|q| self.result_subgraph(q)).transpose()?;
        let graph = part.as_ref().unwrap_or(&self.graph);
        let dot = export::to_dot(graph, &export::DotOptions::default());
        export::render(&dot, format, path)?;
        self.note(&format!(
            "drew {} entities to {}",
            graph.node_count(),
            path.display()
        ))?;
        Ok(())
    }

    /// The nodes and relationships a query returns (inside lists, maps and paths too), as a graph.
    fn result_subgraph(&mut self, text: &str) -> Result<KnowledgeGraph, ShellError> {
        let table = self.query(text)?;
        let selection = export::select::result_selection(&self.graph, &table);
        if selection.is_empty() {
            return Err(ShellError::NothingToExport);
        }
        Ok(export::select::subgraph(&self.graph, &selection))
    }

    fn set_param(&mut self, name: &str, value: &str) -> Result<(), ShellError> {
        // The value is any expression the query language evaluates, so `[1, 2]` and `$other` work.
        let text = format!("RETURN {value} AS value");
        let table = self.query(&text)?;
        let value = table
            .rows()
            .next()
            .and_then(|row| row.first().cloned())
            .unwrap_or(Value::Null);
        let shown = query::table::text(&self.graph, &value);
        self.params.insert(name.to_string(), value);
        self.schema.borrow_mut().params = self.params.keys().cloned().collect();
        self.note(&format!("${name} => {shown}"))?;
        Ok(())
    }

    fn list_params(&mut self) -> Result<(), ShellError> {
        if self.params.is_empty() {
            self.note("no parameters; `:param name => value` sets one")?;
        }
        for (name, value) in &self.params {
            writeln!(
                self.out,
                "${name} => {}",
                query::table::text(&self.graph, value)
            )?;
        }
        Ok(())
    }

    fn source(&mut self, path: &Path) -> Result<Flow, ShellError> {
        if self.source_depth >= MAX_SOURCE_DEPTH {
            return Err(ShellError::SourceTooDeep {
                path: path.to_path_buf(),
            });
        }
        let text = std::fs::read_to_string(path).map_err(|e| file_error(path, &e))?;
        self.source_depth += 1;
        let result = self.run_script(&text, &path.display().to_string());
        self.source_depth -= 1;
        let (flow, failures) = result?;
        if failures > 0 {
            self.note(&format!(
                "{}: {failures} statement(s) failed",
                path.display()
            ))?;
        }
        Ok(flow)
    }

    fn stats_text(&self) -> String {
        let g = &self.graph;
        let by_type: Vec<String> = EntityType::ALL
            .iter()
            .map(|t| format!("{} {}", g.nodes_of_type(*t).len(), t.label()))
            .collect();
        let saved = match self.unsaved {
            0 => "everything saved".to_string(),
            n => format!("{n} loaded article(s) not saved"),
        };
        format!(
            "entities:   {} ({})\nrelations:  {}\narticles:   {}\nstore:      {} ({saved})\nparameters: {}\nformat:     {}, timing {}\n",
            g.node_count(),
            by_type.join(", "),
            g.edge_count(),
            g.articles().len(),
            self.settings.db.display(),
            self.params.len(),
            format_name(self.format),
            if self.timing { "on" } else { "off" },
        )
    }

    /// The results writer (tests read what was printed).
    pub fn out_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Recomputes what completion knows after the graph changed.
    pub fn refresh_schema(&mut self) {
        let mut schema = Schema::of(&self.graph);
        schema.params = self.params.keys().cloned().collect();
        *self.schema.borrow_mut() = schema;
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Json => "json",
        Format::Csv => "csv",
    }
}

fn file_error(path: &Path, err: &io::Error) -> ShellError {
    ShellError::File {
        path: path.to_path_buf(),
        reason: err.to_string(),
    }
}
