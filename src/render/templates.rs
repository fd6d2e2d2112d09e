//! The templates: built into the binary from `templates/`, each overridable by a file of the same
//! name in a user folder (`--templates DIR`, default `DATA/templates`).
//!
//! Three Tera instances keep escaping safe by construction: Markdown templates (`*.md.tera`)
//! escape every printed string for Markdown, Typst templates (`*.typ.tera`) for Typst markup, Word
//! templates (`*.docx.tera`, WordprocessingML) for XML. Only
//! `| safe` skips escaping, and the built-in templates use it only for values the program
//! escaped itself (converted notes, string literals).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use super::escape::markdown_cell;
use super::typst_text::escape_typst;
use crate::findings::{Finding, Place};
use crate::hash::sha256_hex;

/// The built-in templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("bao-cao.md.tera", include_str!("../../templates/bao-cao.md.tera")),
    ("phu-luc-1.md.tera", include_str!("../../templates/phu-luc-1.md.tera")),
    ("phu-luc-2.md.tera", include_str!("../../templates/phu-luc-2.md.tera")),
    ("phu-luc-3.md.tera", include_str!("../../templates/phu-luc-3.md.tera")),
    ("_bao-cao.typ.tera", include_str!("../../templates/_bao-cao.typ.tera")),
    ("_phu-luc-1.typ.tera", include_str!("../../templates/_phu-luc-1.typ.tera")),
    ("_phu-luc-2.typ.tera", include_str!("../../templates/_phu-luc-2.typ.tera")),
    ("_phu-luc-3.typ.tera", include_str!("../../templates/_phu-luc-3.typ.tera")),
    ("bao-cao.typ.tera", include_str!("../../templates/bao-cao.typ.tera")),
    ("phu-luc-1.typ.tera", include_str!("../../templates/phu-luc-1.typ.tera")),
    ("phu-luc-2.typ.tera", include_str!("../../templates/phu-luc-2.typ.tera")),
    ("phu-luc-3.typ.tera", include_str!("../../templates/phu-luc-3.typ.tera")),
    ("tiep-nhan.md.tera", include_str!("../../templates/tiep-nhan.md.tera")),
    ("phan-hoi.md.tera", include_str!("../../templates/phan-hoi.md.tera")),
    ("nhac-nho.md.tera", include_str!("../../templates/nhac-nho.md.tera")),
    ("_tep.md.tera", include_str!("../../templates/_tep.md.tera")),
    ("_phat-hien.md.tera", include_str!("../../templates/_phat-hien.md.tera")),
    ("_phat-hien-phieu.md.tera", include_str!("../../templates/_phat-hien-phieu.md.tera")),
    ("nd30.typ", include_str!("../../templates/nd30.typ")),
    ("bieu-do.typ.tera", include_str!("../../templates/bieu-do.typ.tera")),
    ("_word.docx.tera", include_str!("../../templates/_word.docx.tera")),
    ("_bao-cao.docx.tera", include_str!("../../templates/_bao-cao.docx.tera")),
    ("_phu-luc-1.docx.tera", include_str!("../../templates/_phu-luc-1.docx.tera")),
    ("_phu-luc-2.docx.tera", include_str!("../../templates/_phu-luc-2.docx.tera")),
    ("_phu-luc-3.docx.tera", include_str!("../../templates/_phu-luc-3.docx.tera")),
    ("bao-cao.docx.tera", include_str!("../../templates/bao-cao.docx.tera")),
    ("phu-luc-1.docx.tera", include_str!("../../templates/phu-luc-1.docx.tera")),
    ("phu-luc-2.docx.tera", include_str!("../../templates/phu-luc-2.docx.tera")),
    ("phu-luc-3.docx.tera", include_str!("../../templates/phu-luc-3.docx.tera")),
    ("bao-cao-day-du.docx.tera", include_str!("../../templates/bao-cao-day-du.docx.tera")),
    ("word-styles.xml", include_str!("../../templates/word-styles.xml")),
];

/// The styles of the Word documents (`word/styles.xml`; not a Tera template).
pub const WORD_STYLES: &str = "word-styles.xml";

/// A Word document in the user's templates folder whose styles replace [`WORD_STYLES`], as
/// pandoc's `--reference-doc`: open a built `bao-cao.docx` in Word, change its styles, and save
/// it under this name.
pub const REFERENCE_DOCX: &str = "tham-chieu.docx";

/// The Typst library the generated documents import (not a Tera template).
pub const TYPST_LIBRARY: &str = "nd30.typ";

/// Where a template came from.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateSource {
    /// File name.
    pub name: String,
    /// `kèm chương trình` or the user file's path.
    pub origin: String,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

/// A template that could not be loaded or rendered, with where and why.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A user template file could not be read.
    #[error("không đọc được mẫu {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A template has a syntax error (Tera gives the line and column).
    #[error("mẫu {name} ({origin}) có lỗi cú pháp:\n{detail}")]
    Parse {
        /// The template.
        name: String,
        /// Built-in or the user file.
        origin: String,
        /// Tera's message, with line and column.
        detail: String,
    },
    /// Rendering failed (an unknown variable, a filter error).
    #[error("không dựng được tài liệu từ mẫu {name}:\n{detail}")]
    Render {
        /// The template.
        name: String,
        /// Tera's message chain.
        detail: String,
    },
}

/// The loaded templates of a run.
pub struct Templates {
    markdown: Tera,
    typst: Tera,
    word: Tera,
    library: String,
    word_styles: String,
    sources: Vec<TemplateSource>,
    findings: Vec<Finding>,
}

impl Templates {
    /// Loads the built-ins, replacing each by `user_dir/<name>` when that file exists.
    pub fn load(user_dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut markdown = Tera::default();
        let mut typst = Tera::default();
        let mut word = Tera::default();
        word.autoescape_on(vec![".docx.tera"]);
        word.set_escape_fn(super::word::escape_xml);
        markdown.autoescape_on(vec![".md.tera"]);
        markdown.set_escape_fn(markdown_value);
        typst.autoescape_on(vec![".typ.tera"]);
        typst.set_escape_fn(escape_typst);
        super::filters::register(&mut markdown);
        super::filters::register(&mut typst);
        super::filters::register(&mut word);
        let (mut library, mut word_styles) = (String::new(), String::new());
        let mut sources = Vec::new();
        let (mut md_list, mut typ_list, mut word_list) = (Vec::new(), Vec::new(), Vec::new());
        let mut findings = Vec::new();
        for (name, builtin) in BUILTIN {
            let user = user_dir.map(|d| (d, d.join(name))).filter(|(_, p)| p.symlink_metadata().is_ok());
            let (content, origin) = match user {
                Some((dir, path)) => match crate::confine::read_to_string(dir, &path) {
                    Ok(text) => (text, path.display().to_string()),
                    Err(e) if crate::confine::outside(&e).is_some() => {
                        let mut f = Finding::warning(
                            "ngoai-thu-muc-du-lieu",
                            Place::file(path.display().to_string()),
                            e.to_string(),
                        );
                        f.fix = "chép nội dung mẫu vào thư mục mẫu thay vì để liên kết".to_owned();
                        findings.push(f);
                        ((*builtin).to_owned(), "kèm chương trình".to_owned())
                    }
                    Err(source) => return Err(TemplateError::Read { path: path.clone(), source }),
                },
                None => ((*builtin).to_owned(), "kèm chương trình".to_owned()),
            };
            sources.push(TemplateSource {
                name: (*name).to_owned(),
                origin: origin.clone(),
                sha256: sha256_hex(content.as_bytes()),
            });
            if *name == TYPST_LIBRARY {
                library = content;
            } else if *name == WORD_STYLES {
                word_styles = content;
            } else if name.ends_with(".md.tera") {
                md_list.push((*name, content, origin));
            } else if name.ends_with(".docx.tera") {
                word_list.push((*name, content, origin));
            } else {
                typ_list.push((*name, content, origin));
            }
        }
        add_all(&mut markdown, md_list)?;
        add_all(&mut typst, typ_list)?;
        add_all(&mut word, word_list)?;
        if let Some(dir) = user_dir
            && let Some((styles, source)) = reference_styles(dir, &mut findings)
        {
            word_styles = styles;
            sources.push(source);
        }
        findings.extend(user_dir.map(unknown_templates).unwrap_or_default());
        Ok(Templates { markdown, typst, word, library, word_styles, sources, findings })
    }

    /// Warnings about the user folder: files whose name matches no built-in template.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Renders a Markdown template (`bao-cao.md.tera`).
    pub fn render_markdown<V: Serialize>(&self, name: &str, view: &V) -> Result<String, TemplateError> {
        render(&self.markdown, name, view)
    }

    /// Renders a Typst template (`bao-cao.typ.tera`).
    pub fn render_typst<V: Serialize>(&self, name: &str, view: &V) -> Result<String, TemplateError> {
        render(&self.typst, name, view)
    }

    /// Renders a Word template (`bao-cao.docx.tera`) from the view and the Word-only values
    /// (`word`: the chart images).
    pub fn render_word<V: Serialize, W: Serialize>(
        &self,
        name: &str,
        view: &V,
        word: &W,
    ) -> Result<String, TemplateError> {
        let error = |e: tera::Error| TemplateError::Render { name: name.to_owned(), detail: error_chain(&e) };
        let mut context = Context::from_serialize(view).map_err(error)?;
        context.insert("word", word);
        self.word.render(name, &context).map_err(error)
    }

    /// The Word documents' styles (`word/styles.xml`): [`WORD_STYLES`], or those of the user's
    /// [`REFERENCE_DOCX`].
    pub fn word_styles(&self) -> &str {
        &self.word_styles
    }

    /// The Typst layout library (`nd30.typ`) the documents import.
    pub fn typst_library(&self) -> &str {
        &self.library
    }

    /// Every template with its origin and hash.
    pub fn sources(&self) -> &[TemplateSource] {
        &self.sources
    }
}

/// Templates of earlier versions that a user folder may still hold, with why they are not used.
const RETIRED: &[(&str, &str)] = &[(
    "bao-cao-day-du.typ.tera",
    "bao-cao-day-du.pdf được ghép từ các trang đã dàn của báo cáo và Phụ lục 1–3, nên sửa các mẫu \
     bao-cao.typ.tera, phu-luc-*.typ.tera (hoặc _bao-cao.typ.tera, _phu-luc-*.typ.tera) là bản đầy đủ đổi theo",
)];

/// A warning for each file in the user folder that no built-in template has the name of (a
/// misspelt override would otherwise be silently ignored); hidden files are skipped.
fn unknown_templates(dir: &Path) -> Vec<Finding> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != REFERENCE_DOCX && !BUILTIN.iter().any(|(b, _)| b == n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let message = match RETIRED.iter().find(|(retired, _)| *retired == name) {
                Some((_, why)) => format!("mẫu này không còn được dùng: {why}"),
                None => "tên tệp không trùng mẫu nào của chương trình nên mẫu này không được dùng".to_owned(),
            };
            let mut f = Finding::warning(
                "mau-khong-dung",
                Place::file(dir.join(&name).display().to_string()),
                message,
            );
            f.fix =
                "đặt đúng tên một mẫu (xem `baocao templates eject`), hoặc chuyển tệp ra khỏi thư mục mẫu"
                    .to_owned();
            f
        })
        .collect()
}

/// The styles of the user's [`REFERENCE_DOCX`], with where they came from; a file that is not a
/// Word document with styles is a warning and the built-in styles stay.
fn reference_styles(dir: &Path, findings: &mut Vec<Finding>) -> Option<(String, TemplateSource)> {
    let path = dir.join(REFERENCE_DOCX);
    path.symlink_metadata().ok()?;
    let styles = crate::confine::read(dir, &path).map_err(|e| e.to_string()).and_then(|bytes| {
        let mut parts = crate::package::archive::read_zip(&bytes).map_err(|e| e.to_string())?;
        let styles = parts.remove("word/styles.xml").ok_or("tệp không có word/styles.xml")?;
        String::from_utf8(styles).map_err(|e| e.to_string())
    });
    match styles {
        Ok(styles) => {
            let source = TemplateSource {
                name: REFERENCE_DOCX.to_owned(),
                origin: path.display().to_string(),
                sha256: sha256_hex(styles.as_bytes()),
            };
            Some((styles, source))
        }
        Err(why) => {
            let mut f = Finding::warning(
                "mau-word-khong-doc-duoc",
                Place::file(path.display().to_string()),
                format!(
                    "không lấy được kiểu (styles) từ tài liệu Word mẫu: {why}; dùng kiểu kèm chương trình"
                ),
            );
            f.fix = "mở một tệp bao-cao.docx do chương trình tạo bằng Word, sửa kiểu rồi lưu lại (định dạng .docx) với tên tham-chieu.docx".to_owned();
            findings.push(f);
            None
        }
    }
}

/// The Markdown escape of a printed value: [`markdown_cell`], except that blank text stays
/// empty. Tera also escapes a value before testing it in `{% if value %}`, so the `" "` that
/// `markdown_cell` gives an empty cell would make every empty string true (an empty signer name
/// printed as a literal `** **`).
fn markdown_value(text: &str) -> String {
    if text.trim().is_empty() { String::new() } else { markdown_cell(text) }
}

fn add_all(tera: &mut Tera, list: Vec<(&str, String, String)>) -> Result<(), TemplateError> {
    // Parse one by one first, so a syntax error names its template and origin.
    for (name, content, origin) in &list {
        let mut probe = Tera::default();
        if let Err(e) = probe.add_raw_template(name, content) {
            // Includes and macro imports of not-yet-added templates are fine here; only syntax
            // errors matter.
            let detail = error_chain(&e);
            if !detail.contains("not found") && !detail.contains("isn't present in Tera") {
                return Err(TemplateError::Parse {
                    name: (*name).to_owned(),
                    origin: origin.clone(),
                    detail,
                });
            }
        }
    }
    let pairs: Vec<(&str, &str)> = list.iter().map(|(n, c, _)| (*n, c.as_str())).collect();
    tera.add_raw_templates(pairs).map_err(|e| TemplateError::Parse {
        name: "(nhiều mẫu)".to_owned(),
        origin: String::new(),
        detail: error_chain(&e),
    })
}

fn render<V: Serialize>(tera: &Tera, name: &str, view: &V) -> Result<String, TemplateError> {
    let context = Context::from_serialize(view)
        .map_err(|e| TemplateError::Render { name: name.to_owned(), detail: error_chain(&e) })?;
    tera.render(name, &context)
        .map_err(|e| TemplateError::Render { name: name.to_owned(), detail: error_chain(&e) })
}

/// Tera's message and every cause, one per line (the useful detail is in `source()`).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut lines = vec![e.to_string()];
    let mut cause = e.source();
    while let Some(c) = cause {
        lines.push(c.to_string());
        cause = c.source();
    }
    lines.join("\n")
}

/// Copies the built-in templates into `dir` (`baocao templates eject DIR`); never overwrites.
pub fn eject(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, content) in BUILTIN {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        crate::output::write_atomic(&path, content.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        let t = Templates::load(None).expect("valid test input");
        assert!(t.typst_library().contains("#let report"));
        assert_eq!(t.sources().len(), BUILTIN.len());
    }

    #[test]
    fn user_template_overrides_and_syntax_errors_are_named() {
        let dir = tempfile::tempdir().expect("valid test input");
        fs::write(dir.path().join("phu-luc-1.md.tera"), "Riêng: {{ x }}").expect("valid test input");
        let t = Templates::load(Some(dir.path())).expect("valid test input");
        let out = t
            .render_markdown("phu-luc-1.md.tera", &serde_json::json!({"x": "*a* | b"}))
            .expect("valid test input");
        assert_eq!(out, "Riêng: \\*a\\* \\| b");
        fs::write(dir.path().join("bao-cao.md.tera"), "{% if %}").expect("valid test input");
        let err = Templates::load(Some(dir.path())).err().expect("valid test input").to_string();
        assert!(err.contains("bao-cao.md.tera"), "{err}");
        assert!(err.contains("1:"), "{err}");
    }

    #[test]
    fn empty_strings_are_false_in_markdown_templates() {
        // The report's signer name is left blank in the sample plan: `{% if signature.name %}`
        // must be false, not print `** **` under the position.
        let dir = tempfile::tempdir().expect("valid test input");
        fs::write(dir.path().join("phu-luc-1.md.tera"), "[{% if x %}**{{ x }}**{% endif %}|{{ y }}]")
            .expect("valid test input");
        let t = Templates::load(Some(dir.path())).expect("valid test input");
        let render = |x: &str| {
            t.render_markdown("phu-luc-1.md.tera", &serde_json::json!({"x": x, "y": x}))
                .expect("valid test input")
        };
        assert_eq!(render(""), "[|]");
        assert_eq!(render("  "), "[|]");
        assert_eq!(render("Lê *A*"), "[**Lê \\*A\\***|Lê \\*A\\*]");
    }

    #[test]
    fn typst_templates_escape_data() {
        let t = Templates::load(None).expect("valid test input");
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ.tera"]);
        tera.set_escape_fn(escape_typst);
        tera.add_raw_template("x.typ.tera", "[{{ v }}]").expect("valid test input");
        let out = tera
            .render(
                "x.typ.tera",
                &Context::from_serialize(serde_json::json!({"v": "#read(\"/etc/passwd\")"}))
                    .expect("valid test input"),
            )
            .expect("valid test input");
        assert_eq!(out, "[\\#read\\(\\\"\\/etc\\/passwd\\\"\\)]");
        drop(t);
    }

    #[test]
    fn misspelt_user_template_is_a_warning() {
        let dir = tempfile::tempdir().expect("valid test input");
        fs::write(dir.path().join("phan-hoi.md.tera"), "riêng").expect("valid test input");
        fs::write(dir.path().join("phan_hoi.md.tera"), "sai tên").expect("valid test input");
        fs::write(dir.path().join(".hidden"), "").expect("valid test input");
        let t = Templates::load(Some(dir.path())).expect("valid test input");
        let names: Vec<&str> = t.findings().iter().map(|f| f.place.file.as_str()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with("phan_hoi.md.tera"), "{names:?}");
        assert!(Templates::load(None).expect("valid test input").findings().is_empty());
    }

    #[test]
    fn eject_copies_without_overwriting() {
        let dir = tempfile::tempdir().expect("valid test input");
        fs::write(dir.path().join("nd30.typ"), "mine").expect("valid test input");
        let written = eject(dir.path()).expect("valid test input");
        assert_eq!(written.len(), BUILTIN.len() - 1);
        assert_eq!(fs::read_to_string(dir.path().join("nd30.typ")).expect("valid test input"), "mine");
    }
}
