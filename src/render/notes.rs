//! Sanitising the department's notes (`DATA/notes/<quý>.md`) before they reach any document.
//!
//! Notes are Markdown written by the department, printed as Markdown in `bao-cao.md` and
//! converted to Typst for the PDF. What a Markdown viewer or the PDF would act on is neutralised,
//! each with a warning at its line: `<!-- … -->` comments are dropped (an unclosed one is a
//! warning and the text after it is kept); raw HTML is escaped so it prints as text; a link keeps
//! only its text unless its scheme is `http`, `https` or `mailto`; an image becomes its alt text.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown_typst::parser;
use crate::findings::{Finding, Place};

/// The schemes a link in the notes may keep.
const ALLOWED_SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// The notes with comments removed and HTML, links and images neutralised, and a warning for
/// each change; `file` names the notes file in the warnings.
pub fn sanitize(text: &str, file: &str) -> (String, Vec<Finding>) {
    let mut findings = Vec::new();
    let text = strip_comments(text, file, &mut findings);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Links and images: (start of the whole span, start of their text, kind, allowed).
    let mut open: Vec<(Range<usize>, Option<usize>, bool, bool)> = Vec::new();
    let mut last_end = 0;
    for (event, range) in parser(&text).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((range.clone(), None, false, allowed(dest_url)));
                continue;
            }
            Event::Start(Tag::Image { .. }) => {
                open.push((range.clone(), None, true, false));
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((span, inner_start, image, ok)) = open.pop() {
                    if !ok {
                        let inner =
                            inner_start.map_or(String::new(), |s| text[s..last_end.max(s)].to_owned());
                        let what = if image { "hình ảnh" } else { "liên kết" };
                        let why = if image {
                            "chỉ giữ lời mô tả".to_owned()
                        } else {
                            format!("chỉ giữ chữ (địa chỉ phải bắt đầu bằng {})", ALLOWED_SCHEMES.join(", "))
                        };
                        findings.push(warning(
                            file,
                            &text,
                            span.start,
                            format!("{what} trong ghi chú: {why}"),
                        ));
                        edits.push((span.clone(), inner));
                    }
                    last_end = span.end;
                }
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let escaped = html.replace('<', "\\<");
                findings.push(warning(
                    file,
                    &text,
                    range.start,
                    "mã HTML trong ghi chú được in nguyên văn".to_owned(),
                ));
                edits.push((range.clone(), escaped));
            }
            _ => {}
        }
        for o in open.iter_mut() {
            if o.1.is_none() {
                o.1 = Some(range.start);
            }
        }
        last_end = range.end;
    }
    (apply(&text, edits), findings)
}

fn allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ALLOWED_SCHEMES.iter().any(|s| lower.starts_with(s))
}

/// Applies non-overlapping edits; an edit inside an earlier one is skipped.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, replacement) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Removes `<!-- … -->` comments (the writer's notes to themselves); an unclosed `<!--` is a
/// warning, and it is escaped so the text after it is kept.
fn strip_comments(text: &str, file: &str, findings: &mut Vec<Finding>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => {
                offset += start + end + 3;
                rest = &rest[start + end + 3..];
            }
            None => {
                let mut f = warning(
                    file,
                    text,
                    offset + start,
                    "chú thích `<!--` không có `-->` đóng; phần sau vẫn được in".to_owned(),
                );
                f.fix = "thêm `-->` ở cuối chú thích, hoặc xóa `<!--`".to_owned();
                findings.push(f);
                out.push_str("\\<!--");
                rest = &rest[start + 4..];
                offset += start + 4;
            }
        }
    }
    out.push_str(rest);
    out
}

fn warning(file: &str, text: &str, at: usize, message: String) -> Finding {
    let line = text[..at.min(text.len())].matches('\n').count() + 1;
    Finding::warning("ghi-chu", Place::text(file, Some(line), None, String::new()), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> (String, usize) {
        let (t, f) = sanitize(text, "notes/2024-Q2.md");
        (t, f.len())
    }

    #[test]
    fn comments_are_dropped_and_an_unclosed_one_keeps_the_text_after_it() {
        assert_eq!(clean("a <!-- riêng --> b"), ("a  b".to_owned(), 0));
        let (t, n) = clean("## I\n\na <!-- quên đóng\n\n## II\n\nPhần II vẫn còn.\n");
        assert_eq!(n, 1);
        assert!(t.contains("Phần II vẫn còn."), "{t}");
        assert!(t.contains("\\<!--"), "{t}");
    }

    #[test]
    fn raw_html_prints_as_text() {
        let (t, n) = clean("Trước\n\n<script>alert(1)</script>\n\nx <iframe src=\"file:///etc/passwd\"> y\n");
        assert!(n >= 2, "{n}");
        assert!(t.contains("\\<script>") && t.contains("\\<iframe"), "{t}");
        // Rendered as Markdown again, no HTML is left.
        let html = parser(&t).filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))).count();
        assert_eq!(html, 0, "{t}");
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        let (t, n) = clean(
            "[tốt](https://bacgiang.gov.vn) [thư](mailto:a@b.vn) [xấu](file:///etc/passwd) [js](javascript:alert(1)) ![ảnh](/etc/passwd)",
        );
        assert_eq!(n, 3, "{t}");
        assert!(t.contains("[tốt](https://bacgiang.gov.vn)") && t.contains("[thư](mailto:a@b.vn)"), "{t}");
        assert!(!t.contains("file:") && !t.contains("javascript:") && !t.contains("/etc/passwd"), "{t}");
        assert!(t.contains("xấu") && t.contains("js") && t.contains("ảnh"), "{t}");
    }

    #[test]
    fn findings_name_the_line() {
        let (_, f) = sanitize("a\nb\n<b>c</b>\n", "notes/x.md");
        assert_eq!(f[0].place.line, Some(3));
        assert!(f[0].to_string().starts_with("notes/x.md:3: cảnh báo [ghi-chu]: "), "{}", f[0]);
    }
}
