//! Converts department-written Markdown (the quarter's notes) to Typst markup.
//!
//! One place configures pulldown-cmark ([`parser`]); [`TypstWriter`] sends each event to a short
//! method. Every piece of text goes through [`escape_typst`], so notes can format text (emphasis,
//! lists, GFM tables) but can never run Typst code or read a file: images become their alt text.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::typst_text::escape_typst;

/// The Markdown dialect of notes: CommonMark plus GFM tables, strikethrough and task lists.
pub fn parser(text: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(text, options)
}

/// Converts Markdown to Typst markup.
pub fn markdown_to_typst(markdown: &str) -> String {
    let mut w = TypstWriter::default();
    for event in parser(markdown) {
        w.process(event);
    }
    w.out.trim_end().to_owned() + "\n"
}

/// Writes Typst markup from pulldown-cmark events.
#[derive(Default)]
pub struct TypstWriter {
    out: String,
    /// Open lists: how many items have been written, to place commas.
    lists: Vec<usize>,
    /// Open tables: cells written in the current table.
    cells: Vec<usize>,
    in_code_block: bool,
    code: String,
    in_image: bool,
    in_comment: bool,
    /// Open links: whether each was written as `#link(…)[` (and needs its `]`).
    links: Vec<bool>,
}

/// The longest URL Typst accepts in `link`.
const MAX_URL_BYTES: usize = 8000;

impl TypstWriter {
    /// Handles one event.
    pub fn process(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start_tag(tag),
            Event::End(tag) => self.end_tag(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.inline_code(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            // HTML comments are the writer's notes to themselves; other HTML prints literally.
            Event::Html(t) | Event::InlineHtml(t)
                if t.trim_start().starts_with("<!--") || self.in_comment =>
            {
                self.in_comment = !t.trim_end().ends_with("-->");
            }
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::FootnoteReference(t) => self.text(&format!("[{t}]")),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("\\ "),
            Event::Rule => self.out.push_str("#line(length: 100%)\n\n"),
            Event::TaskListMarker(done) => self.out.push_str(if done { "☑ " } else { "☐ " }),
        }
    }

    fn start_tag(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { .. } => self.out.push_str("#block(above: 1em, below: 0.6em, strong["),
            Tag::BlockQuote(_) => self.out.push_str("#quote(block: true)["),
            // Fenced and indented code blocks print the same way (as raw text).
            Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
                self.in_code_block = true;
                self.code.clear();
            }
            Tag::HtmlBlock | Tag::MetadataBlock(_) => {}
            Tag::List(start) => {
                self.lists.push(0);
                match start {
                    Some(n) => self.out.push_str(&format!("#enum(start: {n}, ")),
                    None => self.out.push_str("#list("),
                }
            }
            Tag::Item => {
                if let Some(count) = self.lists.last_mut() {
                    if *count > 0 {
                        self.out.push_str(", ");
                    }
                    *count += 1;
                }
                self.out.push('[');
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
            Tag::Table(alignments) => {
                self.cells.push(0);
                let n = alignments.len().max(1);
                self.out.push_str(&format!("#table(columns: {n}, "));
            }
            Tag::TableHead => self.out.push_str("table.header("),
            Tag::TableRow => {}
            Tag::TableCell => {
                if let Some(count) = self.cells.last_mut() {
                    *count += 1;
                }
                self.out.push('[');
            }
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Superscript => self.out.push_str("#super["),
            Tag::Subscript => self.out.push_str("#sub["),
            // Typst refuses an empty URL or one over 8000 bytes (a compile error that would stop
            // the whole build): such a link keeps only its text.
            Tag::Link { dest_url, .. } if dest_url.trim().is_empty() || dest_url.len() > MAX_URL_BYTES => {
                self.links.push(false);
            }
            Tag::Link { dest_url, .. } => {
                self.links.push(true);
                self.out.push_str(&format!("#link({})[", string_literal(&dest_url)));
            }
            Tag::Image { .. } => {
                self.in_image = true;
                self.out.push_str("\\[hình: ");
            }
        }
    }

    fn end_tag(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.out.push_str(if self.lists.is_empty() && self.cells.is_empty() { "\n\n" } else { " " })
            }
            TagEnd::Heading(_) => self.out.push_str("])\n\n"),
            TagEnd::BlockQuote(_) => self.out.push_str("]\n\n"),
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                let code = std::mem::take(&mut self.code);
                self.out.push_str(&format!("#raw(block: true, {})\n\n", string_literal(&code)));
            }
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {}
            TagEnd::List(_) => {
                self.lists.pop();
                self.out.push_str(")\n\n");
            }
            TagEnd::Item => self.out.push(']'),
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.out.push_str("\n\n"),
            TagEnd::Table => {
                self.cells.pop();
                self.out.push_str(")\n\n");
            }
            TagEnd::TableHead => self.out.push_str("), "),
            TagEnd::TableRow => {}
            TagEnd::TableCell => self.out.push_str("], "),
            TagEnd::Link => {
                if self.links.pop().unwrap_or(true) {
                    self.out.push(']');
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.out.push(']'),
            TagEnd::Image => {
                self.in_image = false;
                self.out.push_str("\\]");
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_code_block {
            self.code.push_str(text);
        } else {
            self.out.push_str(&escape_typst(text));
        }
    }

    fn inline_code(&mut self, text: &str) {
        self.out.push_str(&format!("#raw({})", string_literal(text)));
    }
}

/// A Typst string literal: `"…"` with `\` and `"` escaped and control characters dropped.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::vn::nfc(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_emphasis_lists() {
        let t = markdown_to_typst("Một *hai* **ba**.\n\n- a\n- b\n\n1. x\n2. y\n");
        assert!(t.contains("Một #emph[hai] #strong[ba]\\."), "{t}");
        assert!(t.contains("#list([a], [b])"), "{t}");
        assert!(t.contains("#enum(start: 1, [x], [y])"), "{t}");
    }

    #[test]
    fn tables_and_code_are_safe() {
        let t =
            markdown_to_typst("| A | B |\n|---|---|\n| $x$ | #read(\"/etc/passwd\") |\n\n`#eval(\"1\")`\n");
        assert!(t.contains("#table(columns: 2, table.header([A], [B], ), [\\$x\\$], [\\#read"), "{t}");
        assert!(t.contains("#raw(\"#eval(\\\"1\\\")\")"), "{t}");
        assert!(!t.contains("#read("), "{t}");
    }

    #[test]
    fn images_become_alt_text() {
        let t = markdown_to_typst("![biểu đồ](/etc/passwd)");
        assert!(t.contains("\\[hình: biểu đồ\\]"), "{t}");
        assert!(!t.contains("image"), "{t}");
    }

    #[test]
    fn html_comments_are_dropped() {
        let t = markdown_to_typst("<!-- ghi chú\nnhiều dòng -->\n\nVăn bản <b>thật</b>.\n");
        assert!(!t.contains("ghi chú"), "{t}");
        assert!(t.contains("Văn bản \\<b\\>thật\\<\\/b\\>\\."), "{t}");
    }

    #[test]
    fn links_typst_would_refuse_keep_their_text() {
        // `[x]()` is an easy slip in the notes; Typst fails on `#link("")` and the whole build
        // with it.
        let t = markdown_to_typst("Xem [văn bản]() và [cổng](https://bacgiang.gov.vn).\n");
        assert!(!t.contains("#link(\"\")"), "{t}");
        assert!(t.contains("Xem văn bản và #link(\"https://bacgiang.gov.vn\")[cổng]\\."), "{t}");
        let long = format!("[dài](https://x.vn/{})", "a".repeat(9000));
        let t = markdown_to_typst(&long);
        assert!(!t.contains("#link("), "{}", &t[..80]);
        assert!(t.starts_with("dài"), "{}", &t[..80]);
    }

    #[test]
    fn string_literals() {
        assert_eq!(string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
