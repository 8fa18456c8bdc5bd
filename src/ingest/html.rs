//! HTML -> article text: a small tag stripper that keeps the prose and drops the page furniture.
//!
//! Drops `<script>`, `<style>`, `<nav>`, `<header>`, `<footer>`, `<aside>`, `<noscript>`,
//! `<template>`, `<svg>`, `<iframe>`, `<form>` and `<head>` (keeping `<title>` aside as metadata),
//! turns block elements into line breaks, decodes character references, and collapses spaces.
//! It is not a conforming HTML parser: it never panics, and on broken markup it keeps what looks
//! like text. Knows nothing of articles or extraction.

/// Text and title read from an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// The `<title>`, if the page has one.
    pub title: Option<String>,
    /// The visible prose, paragraphs separated by blank lines.
    pub text: String,
}

/// Elements whose whole content is dropped.
const DROPPED: [&str; 12] = [
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "iframe",
    "form", "head",
];

/// Elements whose content is raw text: no tags inside until the closing tag.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Elements that start a new paragraph.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "article",
    "section",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "hr",
];

/// Reads the text and title of an HTML page.
pub fn html_to_text(html: &str) -> HtmlText {
    let mut out = Output::default();
    let mut title = None;
    let mut dropped: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if dropped.is_empty() {
            out.text(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = parse_tag(rest) else {
            // A lone `<` is text ("a < b").
            if dropped.is_empty() {
                out.text("<");
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if tag.closing {
            if dropped.last().is_some_and(|d| *d == tag.name) {
                dropped.pop();
            }
            if dropped.is_empty() && is_block(&tag.name) {
                out.paragraph();
            }
            continue;
        }
        if RAW_TEXT.contains(&tag.name.as_str()) && !tag.self_closing {
            let (content, after) = raw_text(rest, &tag.name);
            rest = after;
            if tag.name == "title" && title.is_none() {
                let t = collapse(&decode_entities(content));
                title = (!t.is_empty()).then_some(t);
            }
            if dropped.is_empty() && tag.name == "textarea" {
                out.text(content);
            }
            continue;
        }
        if DROPPED.contains(&tag.name.as_str()) && !tag.self_closing {
            dropped.push(tag.name);
            continue;
        }
        if dropped.is_empty() {
            if tag.name == "br" {
                out.line();
            } else if is_block(&tag.name) {
                out.paragraph();
            }
        }
    }
    if dropped.is_empty() {
        out.text(rest);
    }
    HtmlText {
        title,
        text: out.finish(),
    }
}

/// Decodes `&amp;`-style named references (a common subset) and numeric ones; unknown ones stay.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '#')
            .map(|(i, c)| (i + 1, c));
        let decoded = match end {
            Some((semi, ';')) => decode_reference(&rest[1..semi]).map(|c| (c, semi + 1)),
            _ => None,
        };
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        "middot" => '\u{b7}',
        "bull" => '\u{2022}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c)
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` through `>`.
    len: usize,
}

/// Parses a tag at the start of `s` (which starts with `<`); `None` when it is not a tag.
fn parse_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let declaration = matches!(bytes.get(i), Some(b'!' | b'?'));
    if !declaration && !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = i;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'!' || *b == b'?')
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut quote: Option<u8> = None;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                let self_closing = i > 0 && bytes[i - 1] == b'/';
                return Some(Tag {
                    name,
                    closing,
                    self_closing,
                    len: i + 1,
                });
            }
            _ => {}
        }
        i += 1;
    }
    // An unclosed tag runs to the end of the input.
    Some(Tag {
        name,
        closing,
        self_closing: true,
        len: s.len(),
    })
}

/// Splits raw-text content from what follows its closing tag `</name`.
fn raw_text<'a>(s: &'a str, name: &str) -> (&'a str, &'a str) {
    let lower = s.to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(start) => {
            let after = &s[start..];
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            (&s[..start], &after[end..])
        }
        None => (s, ""),
    }
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || name == "body" || name == "html"
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the output text: spaces collapsed, at most one blank line between paragraphs.
#[derive(Default)]
struct Output {
    text: String,
    /// Pending break: 0 none, 1 line, 2 paragraph.
    pending: u8,
    space: bool,
}

impl Output {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for (i, word) in decoded.split_whitespace().enumerate() {
            let leading_space = i > 0 || decoded.starts_with(char::is_whitespace);
            if !self.text.is_empty() {
                match self.pending {
                    2 => self.text.push_str("\n\n"),
                    1 => self.text.push('\n'),
                    _ if self.space || leading_space => self.text.push(' '),
                    _ => {}
                }
            }
            self.pending = 0;
            self.space = false;
            self.text.push_str(word);
        }
        if decoded.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn line(&mut self) {
        self.pending = self.pending.max(1);
    }

    fn paragraph(&mut self) {
        self.pending = 2;
    }

    fn finish(mut self) -> String {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_prose_and_drops_page_furniture() {
        let page = r#"<!DOCTYPE html><html><head><title>Kerry &amp; Abadi</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><header><a href="/">Home</a></header><nav><ul><li>World</li></ul></nav>
<article><h1>Talks in Baghdad</h1><p>John Kerry <b>met</b> Haider al-Abadi
on Wednesday.</p><!-- ad --><p>Iran&#8217;s view &mdash; unclear.</p></article>
<footer>&copy; News</footer></body></html>"#;
        let got = html_to_text(page);
        assert_eq!(got.title.as_deref(), Some("Kerry & Abadi"));
        assert_eq!(
            got.text,
            "Talks in Baghdad\n\nJohn Kerry met Haider al-Abadi on Wednesday.\n\nIran\u{2019}s view \u{2014} unclear.\n"
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for page in [
            "<",
            "<p",
            "a < b",
            "<scr",
            "<script>x",
            "&",
            "&#xZZ;",
            "<a href='>'>x</a>",
        ] {
            let _ = html_to_text(page);
        }
        assert_eq!(html_to_text("a < b").text, "a < b\n");
        assert_eq!(decode_entities("&unknown; &#65; &amp"), "&unknown; A &amp");
    }
}
