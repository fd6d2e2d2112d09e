//! `baocao check` end to end: the real binary on a temp data folder holding a copy of the plan
//! and submissions crafted with rust_xlsxwriter from the layout constants (one test per check),
//! and lookups into the `tiep-nhan.json` it writes.

mod checks;
mod discovery;
mod identify;
mod isolation;
mod outputs;
mod receipts;
mod sheets;
mod values;

use serde_json::Value as Json;

/// The file entry with this path in `tiep-nhan.json`.
#[track_caller]
pub fn file<'j>(json: &'j Json, path: &str) -> &'j Json {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no file {path}"))
}

/// The agency entry in `tiep-nhan.json`.
#[track_caller]
pub fn agency<'j>(json: &'j Json, code: &str) -> &'j Json {
    json["agencies"]
        .as_array()
        .expect("agencies")
        .iter()
        .find(|a| a["agency"] == code)
        .unwrap_or_else(|| panic!("no agency {code}"))
}

/// The codes of intake's findings about a file, in order: consolidation's data-quality checks
/// (`ngoai-khoang-hop-ly`, …, attached to the same file) are left out, since the crafted figures
/// of these tests are not meant to be plausible; `checks.rs` tests those.
pub fn codes(file: &Json) -> Vec<String> {
    file["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| x["code"].as_str().unwrap_or("").to_owned())
                .filter(|c| baocao::plan::check_rule(c).is_none())
                .collect()
        })
        .unwrap_or_default()
}

/// The first finding with `code`.
#[track_caller]
pub fn finding<'j>(file: &'j Json, code: &str) -> &'j Json {
    file["findings"].as_array().and_then(|f| f.iter().find(|x| x["code"] == code)).unwrap_or_else(|| {
        panic!("no finding {code} in {}", serde_json::to_string_pretty(file).unwrap_or_default())
    })
}
