//! The interactive shell: a line editor (rustyline) over a [`Shell`] session, or a script runner
//! when standard input is not a terminal.
//!
//! Statements end with `;` and may span lines; `:commands` are one line. Ctrl-C cancels a running
//! query or clears the line and never exits; Ctrl-D or `:quit` leaves, asking first when loads are
//! unsaved (with `--db FILE` it saves there instead). Nothing here exits the process: [`run`]
//! returns, and the CLI maps the result to an exit code.

pub mod command;
pub mod complete;
pub mod error;
pub mod help;
pub mod helper;
pub mod highlight;
pub mod print;
pub mod scan;
pub mod session;
#[cfg(test)]
mod tests;
pub mod view;

pub use command::{Command, CommandError};
pub use complete::{Schema, complete};
pub use error::ShellError;
pub use scan::{InputStatus, input_status};
pub use session::{Flow, Settings, Shell};

use crate::extract::Extractor;
use crate::graph::KnowledgeGraph;
use crate::{ingest, store};
use helper::ReplHelper;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// The prompt.
pub const PROMPT: &str = "newsgraph> ";

/// How `newsgraph shell` was called.
pub struct Options {
    /// Articles to load before the first prompt.
    pub paths: Vec<PathBuf>,
    /// The store to open and save.
    pub db: PathBuf,
    /// `--db` was given: open it (or start it empty) and save to it on quit.
    pub db_given: bool,
    /// In scripts, run the rest after an error.
    pub keep_going: bool,
    /// The extractor for `:load`.
    pub extractor: Extractor,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Everything ran.
    Clean,
    /// A script ran to the end with `--keep-going`, but this many items failed.
    Failures(usize),
}

/// Runs the shell: interactive on a terminal, else the piped input as a script.
pub fn run(options: Options) -> Result<Ending, ShellError> {
    let interactive = std::io::stdin().is_terminal();
    let (graph, origin) = starting_graph(&options)?;
    let settings = Settings {
        db: options.db.clone(),
        autosave: options.db_given,
        interactive,
        keep_going: options.keep_going,
    };
    let mut shell = Shell::new(
        graph,
        options.extractor,
        settings,
        std::io::stdout(),
        std::io::stderr(),
    );
    if interactive {
        interact(&mut shell, &origin, &options.paths)?;
        return Ok(Ending::Clean);
    }
    script(&mut shell, &options.paths)
}

/// Where the first graph came from, for the banner.
enum Origin {
    Store(PathBuf),
    NewStore(PathBuf),
    Sample,
}

fn starting_graph(options: &Options) -> Result<(KnowledgeGraph, Origin), ShellError> {
    if options.db.exists() {
        let graph = store::open(&options.db)?;
        return Ok((graph, Origin::Store(options.db.clone())));
    }
    if options.db_given || !options.paths.is_empty() {
        return Ok((KnowledgeGraph::new(), Origin::NewStore(options.db.clone())));
    }
    let mut graph = KnowledgeGraph::new();
    for article in ingest::builtin_sample() {
        graph.merge(&options.extractor.extract(&article));
    }
    Ok((graph, Origin::Sample))
}

fn banner(graph: &KnowledgeGraph, origin: &Origin) -> String {
    let size = format!(
        "{} article{}, {} entities, {} relations",
        graph.articles().len(),
        if graph.articles().len() == 1 { "" } else { "s" },
        graph.node_count(),
        graph.edge_count()
    );
    match origin {
        Origin::Sample => format!(
            "newsgraph shell on the built-in sample ({size}); `:load PATH` to add articles, `:help` for more"
        ),
        Origin::Store(path) => format!(
            "newsgraph shell on {} ({size}); `:help` for commands, `:quit` to leave",
            path.display()
        ),
        Origin::NewStore(path) => format!(
            "newsgraph shell on a new store {} ({size}); `:load PATH` to add articles, `:help` for more",
            path.display()
        ),
    }
}

/// Where history is kept: `$NEWSGRAPH_HISTORY`, else `$XDG_DATA_HOME/newsgraph/history`, else
/// `~/.local/share/newsgraph/history`.
pub fn history_path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(path) = var("NEWSGRAPH_HISTORY") {
        return Some(PathBuf::from(path));
    }
    let data = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".local/share")))?;
    Some(data.join("newsgraph").join("history"))
}

/// Colour only for a terminal, and never with `NO_COLOR` set or a dumb terminal.
fn colour_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    std::io::stdout().is_terminal() && !no_color && !dumb
}

fn interact<W: Write, E: Write>(
    shell: &mut Shell<W, E>,
    origin: &Origin,
    paths: &[PathBuf],
) -> Result<(), ShellError> {
    let config = Config::builder()
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<ReplHelper, FileHistory> =
        Editor::with_config(config).map_err(readline_error)?;
    let colour = colour_wanted();
    editor.set_helper(Some(ReplHelper::new(shell.schema.clone(), colour)));
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // A missing or unreadable history file only means an empty history.
        let _ = editor.load_history(path);
    }
    shell.history = editor.history().iter().cloned().collect();
    install_ctrlc(shell.cancel.clone());
    shell.note(&banner(&shell.graph, origin))?;
    if !paths.is_empty()
        && let Err(e) = shell.load(paths)
    {
        shell.report(&e)?;
    }
    loop {
        let line = match editor.readline(PROMPT) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                if confirm_quit(&mut editor, shell)? {
                    return Ok(());
                }
                continue;
            }
            Err(e) => return Err(readline_error(e)),
        };
        if line.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line.as_str());
        if let Some(path) = &history {
            // Appended at once, so a crash or a closed terminal loses nothing typed.
            let _ = editor.append_history(path);
        }
        shell.history.push(line.clone());
        match shell.execute(&line) {
            Ok(session::Flow::Continue) => {}
            Ok(session::Flow::Quit) => {
                if confirm_quit(&mut editor, shell)? {
                    return Ok(());
                }
            }
            Err(e) => shell.report(&e)?,
        }
    }
}

/// True when the shell may exit: nothing unsaved, saved now (autosave or a "yes"), or "no".
fn confirm_quit<W: Write, E: Write>(
    editor: &mut Editor<ReplHelper, FileHistory>,
    shell: &mut Shell<W, E>,
) -> Result<bool, ShellError> {
    if shell.unsaved == 0 {
        return Ok(true);
    }
    if shell.settings.autosave {
        return match shell.save(None) {
            Ok(()) => Ok(true),
            Err(e) => {
                shell.report(&e)?;
                Ok(false)
            }
        };
    }
    let question = format!(
        "{} loaded article(s) are not saved. Save to {} before quitting? [y]es / [n]o / [c]ancel: ",
        shell.unsaved,
        shell.settings.db.display()
    );
    let set_asking = |editor: &mut Editor<ReplHelper, FileHistory>, on: bool| {
        if let Some(helper) = editor.helper() {
            helper.asking.set(on);
        }
    };
    set_asking(editor, true);
    let answer = loop {
        match editor.readline(&question) {
            Ok(a) => match a.trim().to_ascii_lowercase().as_str() {
                "y" | "yes" => break Some(true),
                "n" | "no" => break Some(false),
                "c" | "cancel" | "" => break None,
                _ => continue,
            },
            // Ctrl-C or Ctrl-D at the question means "not now": back to the prompt.
            Err(_) => break None,
        }
    };
    set_asking(editor, false);
    match answer {
        None => Ok(false),
        Some(false) => Ok(true),
        Some(true) => match shell.save(None) {
            Ok(()) => Ok(true),
            Err(e) => {
                shell.report(&e)?;
                Ok(false)
            }
        },
    }
}

/// Ctrl-C while a query or load runs raises the flag they check; at the prompt rustyline sees
/// the key itself (the terminal is in raw mode), so this handler never exits the shell.
fn install_ctrlc(cancel: Arc<std::sync::atomic::AtomicBool>) {
    let _ = ctrlc::set_handler(move || cancel.store(true, Ordering::SeqCst));
}

fn readline_error(e: ReadlineError) -> ShellError {
    ShellError::Output(std::io::Error::other(format!("line editor: {e}")))
}

/// Piped input: results only, no prompt or colour; stops at the first error unless
/// `keep_going`. Unsaved loads are saved to `--db` when given, else reported as not saved.
fn script<W: Write, E: Write>(
    shell: &mut Shell<W, E>,
    paths: &[PathBuf],
) -> Result<Ending, ShellError> {
    let mut failures = 0;
    if !paths.is_empty()
        && let Err(e) = shell.load(paths)
    {
        if !shell.settings.keep_going {
            return Err(e);
        }
        shell.report(&e)?;
        failures += 1;
    }
    let mut reader = scan::ScriptReader::default();
    let mut quit = false;
    // Line by line, so a statement runs as soon as its `;` arrives on the pipe.
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| ShellError::File {
            path: PathBuf::from("<stdin>"),
            reason: e.to_string(),
        })?;
        for (n, item) in reader.push_line(&line) {
            if shell.run_item(n, &item, "<stdin>", &mut failures)? == session::Flow::Quit {
                quit = true;
                break;
            }
        }
        if quit {
            break;
        }
    }
    if !quit {
        for (n, item) in reader.finish() {
            if shell.run_item(n, &item, "<stdin>", &mut failures)? == session::Flow::Quit {
                break;
            }
        }
    }
    if shell.unsaved > 0 {
        if shell.settings.autosave {
            shell.save(None)?;
        } else {
            let warning = ShellError::Help(format!(
                "{} loaded article(s) were not saved; end the script with `:save FILE` or give --db FILE",
                shell.unsaved
            ));
            shell.report(&warning)?;
        }
    }
    Ok(match failures {
        0 => Ending::Clean,
        n => Ending::Failures(n),
    })
}
