//! Reads a `.docx` back as a zip of XML parts (roxmltree): its sections, tables, paragraph
//! texts and styles, for the Word output's tests.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};

/// WordprocessingML's namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One opened `.docx`.
pub struct Docx {
    /// Every part by name.
    pub parts: BTreeMap<String, Vec<u8>>,
}

/// A section's page: size, orientation, margins (twips) and numbering.
#[derive(Debug, PartialEq)]
pub struct Page {
    /// Width and height.
    pub size: (u32, u32),
    /// `w:orient="landscape"`.
    pub landscape: bool,
    /// Top, right, bottom, left.
    pub margins: (u32, u32, u32, u32),
    /// Numbered from 1, no number on its first page (`w:titlePg`).
    pub restarts: bool,
}

/// A table: each row's cell texts, and whether the row repeats as a header.
#[derive(Debug)]
pub struct Table {
    /// The table style.
    pub style: String,
    /// (repeats as header, cell texts).
    pub rows: Vec<(bool, Vec<String>)>,
}

impl Docx {
    /// Opens `bytes` as a zip.
    pub fn open(bytes: &[u8]) -> Docx {
        Docx { parts: baocao::package::archive::read_zip(bytes).expect("a .docx is a zip") }
    }

    /// A part as text.
    pub fn text(&self, part: &str) -> String {
        String::from_utf8(self.parts.get(part).unwrap_or_else(|| panic!("no part {part}")).clone())
            .expect("UTF-8")
    }

    /// Runs `f` on a parsed part (which must be well-formed XML).
    pub fn with_xml<T>(&self, part: &str, f: impl FnOnce(&Document<'_>) -> T) -> T {
        let text = self.text(part);
        let doc = Document::parse(&text).unwrap_or_else(|e| panic!("{part} is not well-formed XML: {e}"));
        f(&doc)
    }

    /// Every section's page, in order.
    pub fn pages(&self) -> Vec<Page> {
        self.with_xml("word/document.xml", |d| {
            d.descendants().filter(|n| is(n, "sectPr")).map(|s| page(&s)).collect()
        })
    }

    /// Every table directly in the body (not nested), in order.
    pub fn tables(&self) -> Vec<Table> {
        self.with_xml("word/document.xml", |d| {
            d.descendants()
                .filter(|n| is(n, "tbl"))
                .map(|t| Table {
                    style: child(&t, "tblPr")
                        .and_then(|p| child(&p, "tblStyle"))
                        .and_then(|s| s.attribute((W, "val")))
                        .unwrap_or_default()
                        .to_owned(),
                    rows: t
                        .children()
                        .filter(|r| is(r, "tr"))
                        .map(|r| {
                            let head = child(&r, "trPr").and_then(|p| child(&p, "tblHeader")).is_some();
                            (head, r.children().filter(|c| is(c, "tc")).map(|c| text_of(&c)).collect())
                        })
                        .collect(),
                })
                .collect()
        })
    }

    /// The text of every paragraph outside tables, in order.
    pub fn paragraphs(&self) -> Vec<String> {
        self.with_xml("word/document.xml", |d| {
            d.descendants()
                .filter(|n| is(n, "p") && !n.ancestors().any(|a| is(&a, "tbl")))
                .map(|p| text_of(&p))
                .collect()
        })
    }

    /// Every text of the document body (paragraphs and cells), joined by newlines.
    pub fn all_text(&self) -> String {
        self.with_xml("word/document.xml", |d| {
            d.descendants().filter(|n| is(n, "p")).map(|p| text_of(&p)).collect::<Vec<_>>().join("\n")
        })
    }
}

/// True when `n` is the WordprocessingML element `name`.
pub fn is(n: &Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// The first child element `name`.
pub fn child<'a, 'input>(n: &Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    n.children().find(|c| is(c, name))
}

/// The text of the `w:t` under `n`, paragraphs joined by newlines.
pub fn text_of(n: &Node<'_, '_>) -> String {
    let paragraphs: Vec<String> = if is(n, "p") || !n.descendants().any(|p| is(&p, "p")) {
        vec![n.descendants().filter(|t| is(t, "t")).filter_map(|t| t.text()).collect()]
    } else {
        n.descendants()
            .filter(|p| is(p, "p"))
            .map(|p| p.descendants().filter(|t| is(t, "t")).filter_map(|t| t.text()).collect())
            .collect()
    };
    paragraphs.join("\n")
}

fn page(s: &Node<'_, '_>) -> Page {
    let num = |n: Option<Node<'_, '_>>, a: &str| -> u32 {
        n.and_then(|n| n.attribute((W, a))).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    let size = child(s, "pgSz");
    let mar = child(s, "pgMar");
    Page {
        size: (num(size, "w"), num(size, "h")),
        landscape: size.and_then(|n| n.attribute((W, "orient"))) == Some("landscape"),
        margins: (num(mar, "top"), num(mar, "right"), num(mar, "bottom"), num(mar, "left")),
        restarts: child(s, "titlePg").is_some()
            && child(s, "pgNumType").and_then(|n| n.attribute((W, "start"))) == Some("1"),
    }
}
