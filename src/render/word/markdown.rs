//! Converts department-written Markdown (the quarter's notes) to WordprocessingML paragraphs and
//! tables, with the same pulldown-cmark dialect as the Typst conversion
//! ([`crate::render::markdown_typst::parser`]). Every piece of text goes through
//! [`escape_xml`]: notes can format text but never add markup; images become their alt text and
//! links their text.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::xml::escape_xml;
use crate::render::markdown_typst::parser;

/// Converts Markdown to WordprocessingML block content (`<w:p>`, `<w:tbl>`), using the styles of
/// `word-styles.xml`.
pub fn markdown_to_word(markdown: &str) -> String {
    let mut w = WordWriter::default();
    for event in parser(markdown) {
        w.process(event);
    }
    w.end_para();
    w.out
}

/// Character formatting in force.
#[derive(Default)]
struct Format {
    bold: usize,
    italic: usize,
    strike: usize,
    sup: usize,
    sub: usize,
}

/// A table being written: its column alignments, finished rows and the current row's cells.
struct Table {
    alignments: Vec<Alignment>,
    rows: Vec<(bool, Vec<String>)>,
    cells: Vec<String>,
    cell: String,
    head: bool,
}

#[derive(Default)]
struct WordWriter {
    out: String,
    /// Runs of the open paragraph, with its style; `None`: no paragraph open.
    para: Option<(String, String)>,
    /// The properties of the open paragraph's last text run, which text in the same format
    /// continues (pulldown-cmark splits text at `<`, `[`, …).
    last_props: Option<String>,
    /// True right after a list item's marker: the item's first paragraph continues it.
    fresh_item: bool,
    format: Format,
    /// Open lists: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    quotes: usize,
    heading: bool,
    table: Option<Table>,
    in_code_block: bool,
    in_image: bool,
    in_comment: bool,
}

impl WordWriter {
    fn process(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start_tag(tag),
            Event::End(tag) => self.end_tag(tag),
            Event::Text(t) if self.in_code_block => {
                for (i, line) in t.split('\n').enumerate() {
                    if i > 0 {
                        self.end_para();
                    }
                    if !line.is_empty() {
                        self.run(line, true);
                    }
                }
            }
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.run(&t, false),
            Event::Code(t) => self.run(&t, true),
            Event::Html(t) | Event::InlineHtml(t)
                if t.trim_start().starts_with("<!--") || self.in_comment =>
            {
                self.in_comment = !t.trim_end().ends_with("-->");
            }
            Event::Html(t) | Event::InlineHtml(t) => self.run(&t, false),
            Event::FootnoteReference(t) => self.run(&format!("[{t}]"), false),
            Event::SoftBreak => self.run(" ", false),
            Event::HardBreak => self.raw_run("<w:r><w:br/></w:r>"),
            Event::Rule => {
                self.end_para();
                self.open("DuongKe");
                self.end_para();
            }
            Event::TaskListMarker(done) => self.run(if done { "☑ " } else { "☐ " }, false),
        }
    }

    fn start_tag(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.fresh_item => self.fresh_item = false,
            Tag::Paragraph => {
                let style = self.body_style();
                self.open(style);
            }
            Tag::Heading { .. } => {
                self.heading = true;
                self.open("GhiChuTieuDe");
            }
            Tag::BlockQuote(_) => {
                self.end_para();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.in_code_block = true;
                self.open("MaNguon");
            }
            Tag::List(start) => {
                self.end_para();
                self.lists.push(start);
            }
            Tag::Item => {
                let depth = self.lists.len();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ if depth > 1 => "+ ".to_owned(),
                    _ => "- ".to_owned(),
                };
                self.open(if depth > 1 { "GachDauDong2" } else { "GachDauDong" });
                self.run(&marker, false);
                self.fresh_item = true;
            }
            Tag::Table(alignments) => {
                self.end_para();
                self.table = Some(Table {
                    alignments,
                    rows: Vec::new(),
                    cells: Vec::new(),
                    cell: String::new(),
                    head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.head = true;
                }
            }
            Tag::TableCell => {
                let column = self.table.as_ref().map_or(0, |t| t.cells.len());
                let head = self.table.as_ref().is_some_and(|t| t.head);
                let style = match self.table.as_ref().and_then(|t| t.alignments.get(column)) {
                    _ if head => "BangTieuDe",
                    Some(Alignment::Right) => "BangSo",
                    Some(Alignment::Center) => "BangGiua",
                    _ => "BangChu",
                };
                self.open(style);
            }
            Tag::Emphasis => self.format.italic += 1,
            Tag::Strong => self.format.bold += 1,
            Tag::Strikethrough => self.format.strike += 1,
            Tag::Superscript => self.format.sup += 1,
            Tag::Subscript => self.format.sub += 1,
            Tag::Image { .. } => {
                self.in_image = true;
                self.run("[hình: ", false);
            }
            Tag::Link { .. }
            | Tag::TableRow
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end_tag(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock => {
                self.in_code_block &= tag != TagEnd::CodeBlock;
                self.fresh_item = false;
                self.end_para();
            }
            TagEnd::Heading(_) => {
                self.end_para();
                self.heading = false;
            }
            TagEnd::BlockQuote(_) => {
                self.end_para();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.end_para();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                self.end_para();
                if let Some(t) = &mut self.table {
                    let cell = std::mem::take(&mut t.cell);
                    t.cells.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let cells = std::mem::take(&mut t.cells);
                    t.rows.push((t.head, cells));
                    t.head = false;
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.out.push_str(&table_xml(&t));
                }
            }
            TagEnd::Emphasis => self.format.italic = self.format.italic.saturating_sub(1),
            TagEnd::Strong => self.format.bold = self.format.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.format.strike = self.format.strike.saturating_sub(1),
            TagEnd::Superscript => self.format.sup = self.format.sup.saturating_sub(1),
            TagEnd::Subscript => self.format.sub = self.format.sub.saturating_sub(1),
            TagEnd::Image => {
                self.run("]", false);
                self.in_image = false;
            }
            TagEnd::Link
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// The style of a plain paragraph where the writer is.
    fn body_style(&self) -> &'static str {
        if self.table.is_some() {
            "BangChu"
        } else if self.quotes > 0 {
            "TrichDan"
        } else {
            "Normal"
        }
    }

    /// Opens a paragraph of `style`, closing any open one.
    fn open(&mut self, style: &str) {
        self.end_para();
        self.last_props = None;
        self.para = Some((style.to_owned(), String::new()));
    }

    /// Writes the open paragraph, if any, where the writer is (a table cell or the body).
    fn end_para(&mut self) {
        let Some((style, runs)) = self.para.take() else { return };
        let p = format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{runs}</w:p>");
        match &mut self.table {
            Some(t) => t.cell.push_str(&p),
            None => self.out.push_str(&p),
        }
    }

    /// Adds a run of text with the formatting in force (monospace for code).
    fn run(&mut self, text: &str, code: bool) {
        let mut props = String::new();
        if code {
            props
                .push_str("<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>");
        }
        if self.format.bold > 0 || self.heading {
            props.push_str("<w:b/>");
        }
        if self.format.italic > 0 {
            props.push_str("<w:i/>");
        }
        if self.format.strike > 0 {
            props.push_str("<w:strike/>");
        }
        if self.format.sup > 0 {
            props.push_str("<w:vertAlign w:val=\"superscript\"/>");
        } else if self.format.sub > 0 {
            props.push_str("<w:vertAlign w:val=\"subscript\"/>");
        }
        let props = if props.is_empty() { props } else { format!("<w:rPr>{props}</w:rPr>") };
        const END: &str = "</w:t></w:r>";
        if let Some((_, runs)) = &mut self.para
            && self.last_props.as_ref() == Some(&props)
            && runs.ends_with(END)
        {
            runs.truncate(runs.len() - END.len());
            runs.push_str(&escape_xml(text));
            runs.push_str(END);
            return;
        }
        self.raw_run(&format!("<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape_xml(text)));
        self.last_props = Some(props);
    }

    /// Adds prepared run XML to the open paragraph (opening one where text starts a block).
    fn raw_run(&mut self, xml: &str) {
        self.last_props = None;
        if self.para.is_none() {
            let style = self.body_style();
            self.open(style);
        }
        if let Some((_, runs)) = &mut self.para {
            runs.push_str(xml);
        }
    }
}

/// A notes table: full width, equal columns, its header row repeated on every page.
fn table_xml(t: &Table) -> String {
    let columns = t.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(1).max(1);
    let mut xml = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"BangSoLieu\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>",
    );
    for _ in 0..columns {
        xml.push_str("<w:gridCol/>");
    }
    xml.push_str("</w:tblGrid>");
    for (head, cells) in &t.rows {
        xml.push_str("<w:tr>");
        if *head {
            xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for i in 0..columns {
            let body = cells.get(i).filter(|c| !c.is_empty());
            xml.push_str("<w:tc>");
            xml.push_str(
                body.map_or("<w:p><w:pPr><w:pStyle w:val=\"BangChu\"/></w:pPr></w:p>", String::as_str),
            );
            xml.push_str("</w:tc>");
        }
        xml.push_str("</w:tr>");
    }
    xml + "</w:tbl>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_emphasis_lists() {
        let w = markdown_to_word("Một *hai* **ba**.\n\n- a\n  - b\n\n3. x\n4. y\n");
        assert!(w.starts_with("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Một </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">hai</w:t></w:r>"), "{w}");
        assert!(
            w.contains("<w:pStyle w:val=\"GachDauDong\"/></w:pPr><w:r><w:t xml:space=\"preserve\">- a</w:t>"),
            "{w}"
        );
        assert!(w.contains("GachDauDong2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">+ b<"), "{w}");
        assert!(w.contains(">3. x<") && w.contains(">4. y<"), "{w}");
    }

    #[test]
    fn markup_in_notes_stays_text() {
        let w = markdown_to_word(
            "| A | B |\n|---|--:|\n| </w:t><w:r> | 1,5 |\n\n`<w:br/>` ![x](/etc/passwd) [cổng](file:///etc/passwd)\n\n<!-- nháp -->\n",
        );
        assert!(!w.contains("<w:br/>"), "{w}");
        assert!(w.contains("&lt;/w:t&gt;&lt;w:r&gt;") && w.contains("&lt;w:br/&gt;"), "{w}");
        assert!(w.contains("[hình: x]") && !w.contains("passwd"), "{w}");
        assert!(
            w.contains("<w:tblHeader/>")
                && w.contains("BangSo\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1,5"),
            "{w}"
        );
        assert!(!w.contains("nháp"), "{w}");
    }

    #[test]
    fn the_output_is_well_formed() {
        // Every opened element closes, whatever the Markdown: counted on a mix of blocks.
        let w = markdown_to_word(
            "# Tiêu đề\n\n> trích *dẫn*\n\n```\na\nb\n```\n\n---\n\n- [x] xong\n\n| a |\n|---|\n| b |\n",
        );
        for tag in ["w:p", "w:tbl", "w:tr", "w:tc", "w:r"] {
            let opened = w.matches(&format!("<{tag}>")).count() + w.matches(&format!("<{tag} ")).count();
            assert_eq!(opened, w.matches(&format!("</{tag}>")).count(), "{tag}: {w}");
        }
        assert!(
            w.contains("TrichDan") && w.contains("MaNguon") && w.contains("DuongKe") && w.contains("☑ "),
            "{w}"
        );
    }
}
