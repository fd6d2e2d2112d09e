//! Making a run's output deterministic for snapshots: the temporary folder and timings hidden.

use std::path::Path;

/// `text` with `root` (the workspace folder, also in its canonical form) shown as `[TMP]` and
/// every timing (progress prefixes, the `thời gian:` line, "trong 1,2 giây") as `[TIME]`.
pub fn redact(text: &str, root: &Path) -> String {
    let mut text = text.to_owned();
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for path in [canonical.as_path(), root] {
        text = text.replace(path.to_str().expect("a UTF-8 temporary path"), "[TMP]");
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, eol) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        let body = if body.starts_with("thời gian:") {
            "thời gian: [TIME]".to_owned()
        } else {
            seconds_in(&progress_prefix(body), "trong ", " giây")
        };
        out.push_str(&body);
        out.push_str(eol);
    }
    out
}

/// A line starting with a progress prefix like `[  1,2s]` gets `[TIME]` instead.
fn progress_prefix(line: &str) -> String {
    if let Some(rest) = line.strip_prefix('[')
        && let Some((inside, after)) = rest.split_once("s]")
        && !inside.is_empty()
        && inside.chars().all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
    {
        return format!("[TIME]{after}");
    }
    line.to_owned()
}

/// Every `<before><number><after>` (a number with a decimal comma) as `<before>[TIME]<after>`.
fn seconds_in(line: &str, before: &str, after: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(before) {
        let start = i + before.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let len = rest.find(|c: char| !(c.is_ascii_digit() || c == ',')).unwrap_or(rest.len());
        if len > 0 && rest[len..].starts_with(after) {
            out.push_str("[TIME]");
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn timings_and_the_folder_are_hidden() {
    let root = Path::new("/nonexistent/tmp/.tmpAbC");
    let text = "[  0,1s] quý II/2024 — dữ liệu /nonexistent/tmp/.tmpAbC/data\n\
                thời gian: tiếp nhận 0,15s, tổng hợp 0,01s\n\
                đã ghi 54 tệp vào out/2024-Q2 trong 1,6 giây (2 lỗi)\n\
                trong 3 ngày";
    assert_eq!(
        redact(text, root),
        "[TIME] quý II/2024 — dữ liệu [TMP]/data\n\
         thời gian: [TIME]\n\
         đã ghi 54 tệp vào out/2024-Q2 trong [TIME] giây (2 lỗi)\n\
         trong 3 ngày"
    );
}
