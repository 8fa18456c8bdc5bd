//! Bad input for the extractor: HTML-ish text, one huge line, a huge article, control characters,
//! invalid UTF-8, empty files, arbitrary bytes. Nothing may panic, every result must hang
//! together, the CLI names the file it skips, and work grows linearly with the text.
//!
//! Big inputs are built from the sample article repeated. Debug builds are slow, so the always-on
//! tests use a few MB; the 10 MB line and 50 MB article run with `cargo test --release --
//! --ignored` (BENCHMARKS.md, "Extraction", has their release timings).

mod common;
use common::newsgraph;

use newsgraph::extract::{Extractor, text};
use newsgraph::graph::ArticleGraph;
use newsgraph::ingest::Article;
use newsgraph::model::Relation;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// One extractor for every test: building the lexicon is the slow part in debug builds.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::builtin)
}

fn sample() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles/isis-crisis-meeting.txt");
    std::fs::read_to_string(path).unwrap()
}

/// The sample article repeated until it is at least `bytes` long, optionally on one line.
fn repeated(bytes: usize, one_line: bool) -> String {
    let mut unit = sample();
    if one_line {
        unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
        unit.push(' ');
    } else {
        unit = format!("{}\n\n", unit.trim_end());
    }
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Extracts `text` and checks everything that must hold whatever the text was.
fn extract_checked(text: &str) -> ArticleGraph {
    let graph = extractor().extract(&Article::new("t.txt", text));
    check(text, &graph);
    graph
}

/// Every edge end is an entity; each evidence sentence is the article's text at its offset;
/// each trigger lies inside the article, on character boundaries, within its sentence.
fn check(text: &str, graph: &ArticleGraph) {
    for edge in &graph.edges {
        assert!(edge.source < graph.entities.len(), "source {}", edge.source);
        assert!(edge.target < graph.entities.len(), "target {}", edge.target);
        assert!(!edge.evidence.is_empty(), "an edge without evidence");
        for e in &edge.evidence {
            let end = e.sentence_start + e.sentence.len();
            assert_eq!(text.get(e.sentence_start..end), Some(e.sentence.as_str()));
            let (ts, te) = e.trigger;
            assert!(
                ts <= te && te <= text.len(),
                "trigger {ts}..{te} of {}",
                text.len()
            );
            assert!(text.is_char_boundary(ts) && text.is_char_boundary(te));
            assert!(
                e.sentence_start <= ts && te <= end,
                "trigger {ts}..{te} outside sentence {}..{end}",
                e.sentence_start
            );
        }
    }
    for entity in &graph.entities {
        assert!(!entity.name.trim().is_empty(), "an entity with no name");
    }
}

/// (sentences, tokens) the text stage reads: the extractor's unit of work.
fn work(text: &str) -> (usize, usize) {
    let sentences = text::split_sentences(text);
    let tokens = sentences.iter().map(|s| s.tokens.len()).sum();
    (sentences.len(), tokens)
}

/// (sentences supporting the four relations, affiliation edges). An affiliation keeps one
/// sentence however often it is repeated, so it is counted by edges.
fn n_evidence(graph: &ArticleGraph) -> (usize, usize) {
    let (affiliations, relations): (Vec<_>, Vec<_>) = graph
        .edges
        .iter()
        .partition(|e| e.relation == Relation::AffiliatedWith);
    (
        relations.iter().map(|e| e.evidence.len()).sum(),
        affiliations.len(),
    )
}

#[test]
fn html_ish_text_is_read_without_panic_and_keeps_its_facts() {
    let text = "<html><head><title>Kerry &amp; Lavrov</title><style>p{color:red}</style></head>\n\
        <body><!-- comment <p>unclosed --><div class=\"story\" data-x='1'>\n\
        <p>John Kerry met <b>Sergei Lavrov</b>&nbsp;in Paris on Monday.</p>\n\
        <p>France <i>condemned</i> Iran &lt;again&gt; &#8212; officials said.<br/>\n\
        <script>var s = \"Iran condemned France.\"; if (a < b && c > d) {}</script>\n\
        <p>Unclosed <a href=\"http://x.y/?a=1&b=2\">link to <b>Iraq</b>\n\
        < > <<>> </ p> <p/ <!DOCTYPE html> ]]> <![CDATA[ Kerry met Zarif ]]>\n\
        </div></body></html>";
    let graph = extract_checked(text);
    let names: Vec<&str> = graph.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"John Kerry"), "{names:?}");
    assert!(names.contains(&"Sergei Lavrov"), "{names:?}");
}

#[test]
fn control_characters_and_odd_unicode_do_not_panic() {
    let nasties = [
        "\u{1}",
        "\u{7}",
        "\u{8}",
        "\u{b}",
        "\u{c}",
        "\u{1b}[31m",
        "\r",
        "\r\n",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{200b}",
        "\u{200d}",
        "\u{200e}",
        "\u{202e}",
        "\u{2028}",
        "\u{2029}",
        "\u{feff}",
        "\u{fffd}",
        "\u{1f600}",
        "e\u{301}",
        "\u{10ffff}",
        "\t",
    ];
    let base = "John Kerry met Iraqi President Fouad Massoum. France condemned Iran.";
    for nasty in nasties {
        // The character between every pair of words, at the start, at the end, and alone.
        let spliced = base
            .split(' ')
            .collect::<Vec<_>>()
            .join(&format!(" {nasty}"));
        for text in [
            spliced.clone(),
            format!("{nasty}{base}{nasty}"),
            nasty.repeat(1000),
            base.replace(' ', nasty),
        ] {
            extract_checked(&text);
        }
    }
}

#[test]
fn empty_and_blank_text_give_an_empty_graph() {
    for text in ["", " ", "\n\n\n", "\t \r\n", ".", "...", "\"", "(", "'s"] {
        let graph = extract_checked(text);
        assert!(graph.edges.is_empty(), "{text:?}");
    }
}

#[test]
fn pathological_punctuation_and_shapes_do_not_panic() {
    let texts = [
        "U.S.".repeat(2000),
        "Mr. ".repeat(2000),
        "( ".repeat(2000),
        "\"".repeat(2000),
        "Kerry met ".repeat(2000),
        "and ".repeat(2000),
        "John Kerry ".repeat(2000),
        "al-".repeat(2000),
        "A".repeat(100_000),
        "'s 's ".repeat(1000),
        "-".repeat(10_000),
        "1,000.5 ".repeat(1000),
        format!("{} met {}.", "Kerry, ".repeat(500), "Lavrov, ".repeat(500)),
    ];
    for text in &texts {
        extract_checked(text);
    }
}

#[test]
fn a_long_single_line_is_read_in_debug() {
    let text = repeated(1 << 20, true);
    assert!(!text.contains('\n'));
    let graph = extract_checked(&text);
    assert!(!graph.entities.is_empty());
}

#[test]
#[ignore = "10 MB: run with --release -- --ignored"]
fn a_10_mb_single_line_is_read() {
    let text = repeated(10 << 20, true);
    let graph = extract_checked(&text);
    assert!(!graph.entities.is_empty());
}

#[test]
fn a_5_mb_article_is_read_in_debug() {
    let text = repeated(5 << 20, false);
    let graph = extract_checked(&text);
    assert!(!graph.edges.is_empty());
}

#[test]
#[ignore = "50 MB: run with --release -- --ignored"]
fn a_50_mb_article_is_read() {
    let text = repeated(50 << 20, false);
    let graph = extract_checked(&text);
    assert!(!graph.edges.is_empty());
}

#[test]
fn work_and_output_grow_linearly_with_the_text() {
    let unit = repeated(1, false);
    let (unit_sentences, unit_tokens) = work(&unit);
    let (unit_evidence, unit_affiliations) = n_evidence(&extract_checked(&unit));
    assert!(unit_sentences > 10 && unit_evidence > 0);
    for times in [4, 16] {
        let text = unit.repeat(times);
        assert_eq!(
            work(&text),
            (unit_sentences * times, unit_tokens * times),
            "{times}x"
        );
        let graph = extract_checked(&text);
        assert_eq!(
            n_evidence(&graph),
            (unit_evidence * times, unit_affiliations),
            "{times}x"
        );
    }
}

/// Regression: one relation repeated in every sentence of a long article. Keeping its evidence
/// scanned the whole evidence list per sentence (quadratic: 2.4 MB took 19 s in release, 9.6 MB
/// 443 s). Each sentence must still count once.
#[test]
fn one_fact_repeated_in_many_sentences_keeps_one_evidence_per_sentence() {
    let n = 20_000;
    let text = "John Kerry met Sergei Lavrov. ".repeat(n);
    let graph = extract_checked(&text);
    assert_eq!(graph.edges.len(), 1);
    assert_eq!(graph.edges[0].evidence.len(), n);
    let starts: Vec<usize> = graph.edges[0]
        .evidence
        .iter()
        .map(|e| e.sentence_start)
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "one per sentence, in order"
    );
}

/// Regression: one endless sentence dense with actors and triggers ("A met B and C met D and
/// ..."). Relation reading costs actors x words per sentence, so before sentences were capped at
/// `MAX_SENTENCE_TOKENS` 264 KB took 4.5 s in release and 4x that 11x longer.
#[test]
fn an_endless_sentence_is_cut_so_work_per_sentence_is_bounded() {
    let text = "John Kerry met Sergei Lavrov and ".repeat(3_000);
    let sentences = text::split_sentences(&text);
    assert!(
        sentences
            .iter()
            .all(|s| s.tokens.len() <= text::MAX_SENTENCE_TOKENS)
    );
    let (n_sentences, n_tokens) = work(&text);
    assert_eq!(n_tokens, 3_000 * 6);
    assert_eq!(n_sentences, n_tokens.div_ceil(text::MAX_SENTENCE_TOKENS));
    let graph = extract_checked(&text);
    assert!(!graph.edges.is_empty());
}

#[test]
fn the_cli_names_each_bad_file_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("bad.txt"),
        b"John Kerry met \xff\xfe Sergei Lavrov.\n",
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(d.join("blank.txt"), b" \n\t\n").unwrap();
    std::fs::write(d.join("nul.txt"), b"John Kerry\0met Lavrov.").unwrap();
    std::fs::write(
        d.join("ctl.txt"),
        b"John Kerry\x01 met\x1b[0m Sergei Lavrov.\r\n",
    )
    .unwrap();
    std::fs::write(
        d.join("good.txt"),
        b"John Kerry met Sergei Lavrov in Paris.\n",
    )
    .unwrap();
    let files = [
        "bad.txt",
        "empty.txt",
        "blank.txt",
        "nul.txt",
        "ctl.txt",
        "good.txt",
    ];
    let mut args = vec!["extract", "--format", "text"];
    args.extend(files);
    let out = newsgraph(&args, d);
    assert_eq!(out.status.code(), Some(1), "warned runs exit 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "newsgraph: warning: bad.txt: not UTF-8 text (invalid byte at offset 15) (skipped)\n\
         newsgraph: warning: empty.txt: empty article (no text) (skipped)\n\
         newsgraph: warning: blank.txt: empty article (no text) (skipped)\n\
         newsgraph: warning: nul.txt: binary file (NUL byte at offset 10) (skipped)\n"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("# ctl.txt"), "{stdout}");
    assert!(
        stdout.contains("John Kerry -[met-with]-> Sergei Lavrov"),
        "{stdout}"
    );

    let out = newsgraph(&["load", ".", "--db", "g.db"], d);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for file in ["bad.txt", "empty.txt", "blank.txt", "nul.txt"] {
        assert!(stderr.contains(file), "{stderr}");
    }
    assert!(stderr.contains("loaded 2 articles"), "{stderr}");
}

/// Words, names, triggers and punctuation of news, so arbitrary strings of them reach the
/// mention, entity and relation stages rather than stopping at the tokenizer.
const VOCABULARY: &[&str] = &[
    "John Kerry",
    "Kerry",
    "Sergei Lavrov",
    "Lavrov",
    "Fouad Massoum",
    "Francois Hollande",
    "Hollande",
    "Laurent Fabius",
    "Mohammad Javad Zarif",
    "Abu Bakr al-Baghdadi",
    "Mr.",
    "Gen.",
    "President",
    "Iraqi President",
    "Secretary of State",
    "the president",
    "foreign minister",
    "his counterpart",
    "Iran",
    "Iraq",
    "France",
    "French",
    "Iranian",
    "United States",
    "U.S.",
    "US",
    "Washington",
    "Baghdad",
    "Tehran",
    "the Islamic Republic",
    "Russia",
    "Moscow",
    "NATO",
    "United Nations",
    "U.N.",
    "ISIS",
    "Islamic State",
    "Hezbollah",
    "Ministry of Defence",
    "Labour Party",
    "Security Council",
    "Reuters",
    "the",
    "a",
    "and",
    "or",
    "but",
    "with",
    "of",
    "to",
    "in",
    "on",
    "by",
    "for",
    "from",
    "that",
    "who",
    "it",
    "his",
    "their",
    "each other",
    "met",
    "met with",
    "meets",
    "held talks with",
    "talks with",
    "meeting with",
    "visited",
    "condemned",
    "was condemned by",
    "condemnation of",
    "criticized",
    "blamed",
    "denounced",
    "pledged",
    "promised",
    "aid",
    "$50m",
    "million",
    "humanitarian aid",
    "weapons",
    "package",
    "refused",
    "to coordinate with",
    "ruled out",
    "coordinating",
    "cooperation",
    "snubbed",
    "did not",
    "not",
    "never",
    "may",
    "could",
    "will",
    "would",
    "said",
    "told",
    "reported",
    "Monday",
    "Jan.",
    "a.m.",
    "Meet the Press",
    "Get more news",
    "PARIS",
    "(Reuters)",
    "-",
    "--",
    "\u{2014}",
    ".",
    ".",
    ".",
    ",",
    ",",
    ";",
    ":",
    "?",
    "!",
    "(",
    ")",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'s",
    "\u{2019}s",
    "'",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "\u{a0}",
    "<p>",
    "</p>",
    "&amp;",
    "3",
    "1,000",
    "2.5",
    "é",
    "\u{200b}",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCABULARY),
            prop::sample::select(&[" ", "", " ", "\n"][..]),
        ),
        0..80,
    )
    .prop_map(|words| {
        words
            .into_iter()
            .map(|(w, sep)| format!("{w}{sep}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        extract_checked(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        extract_checked(&text);
    }

    #[test]
    fn arbitrary_news_words_never_panic_and_hang_together(text in news_text()) {
        extract_checked(&text);
    }
}
