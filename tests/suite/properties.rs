//! Property tests (proptest) of the text a clerk types and of every escape that text goes
//! through: number and date parsing, the Markdown escapes, the Typst escape and the notes'
//! Markdown → Typst conversion. Typst's own parser (`typst::syntax::parse`) is the judge of the
//! Typst output, pulldown-cmark (configured as the notes are read) the judge of the Markdown.

use baocao::collect::ValueQualifier;
use baocao::collect::values::{
    TextNumber, date_from_serial, display_number, parse_date_text, parse_number_text,
};
use baocao::render::escape::{markdown_cell, markdown_text};
use baocao::render::markdown_typst::{markdown_to_typst, parser};
use baocao::render::typst_text::escape_typst;
use baocao::vn;
use proptest::prelude::*;
use pulldown_cmark::{Event, Tag, TagEnd};
use time::{Date, Month};
use typst::syntax::{SyntaxKind, SyntaxNode, parse};
use unicode_normalization::UnicodeNormalization;

/// Cases per property: enough to find the corner cases below in a fraction of a second each
/// (`PROPTEST_CASES=100000` for a longer hunt).
const CASES: u32 = 512;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Strategies

/// Any characters at all, control characters and every Unicode plane included.
fn any_chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// A soup of the given pieces: the characters and words that mean something to a parser.
fn soup(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat())
}

/// Arbitrary text mixed with the given pieces, so both random and meaningful input is tried.
fn text_with(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        any_chars(40),
        soup(pieces, 24),
        (soup(pieces, 8), any_chars(8), soup(pieces, 8)).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
    ]
}

const NUMBER_PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    "12",
    "500",
    "234",
    ".",
    ",",
    ",",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "%",
    "-",
    "−",
    "–",
    "+",
    "(",
    ")",
    "khoảng ",
    "Khoảng",
    "trên",
    "tren ",
    "dưới ",
    "gần",
    "ước đạt ",
    "~",
    "≈",
    ">",
    ">=",
    "<",
    "≥",
    " trở lên",
    " trở xuống",
    "x",
    "…",
    "#DIV/0!",
    "#n/a",
    "e",
    "E5",
    "1e300",
    "NaN",
    "inf",
    "９",
    "٣",
    "\t",
    "\n",
];

const DATE_PIECES: &[&str] = &[
    "1", "4", "06", "12", "14", "29", "31", "24", "2024", "0000", "9999", "99999", "/", "-", ".", " ", ",",
    "ngày ", "tháng ", "năm ", "T", "00:00:00", "Z", "ệ", "\u{a0}", "２", "-0", "+",
];

/// Text with everything CommonMark, GFM and HTML give a meaning to.
const MARKDOWN_PIECES: &[&str] = &[
    "a",
    "b",
    "Sở",
    "ệ",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "*",
    "**",
    "_",
    "__",
    "`",
    "```",
    "~",
    "~~",
    "~~~",
    "#",
    "# ",
    "## ",
    "-",
    "- ",
    "--",
    "---",
    "+",
    "+ ",
    "=",
    "==",
    "1",
    "12",
    "1. ",
    "1) ",
    "123456789. ",
    ".",
    ")",
    "(",
    "[",
    "]",
    "](",
    "![",
    "[ ] ",
    "[x] ",
    "<",
    ">",
    "> ",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "<https://e.vn>",
    "http://a.vn",
    "www.a.vn",
    "&",
    "&amp;",
    "&#35;",
    "&#x0;",
    "|",
    " | ",
    "|---|",
    "\\",
    "\\\n",
    "$",
    "$$",
    "^",
    ":",
    "@",
    "'",
    "\"",
    "#read(\"/etc/passwd\")",
    "#eval(\"1\")",
    "[^1]",
    "[x]: http://a",
    "***",
    "___",
    "<script>",
    "\u{a0}",
    "\u{3000}",
    "\u{feff}",
];

// ---------------------------------------------------------------------------------------------
// Numbers

fn as_number(text: &str) -> Option<(f64, bool, Option<ValueQualifier>)> {
    match parse_number_text(text) {
        TextNumber::Number { value, percent, qualifier } => Some((value, percent, qualifier)),
        _ => None,
    }
}

/// Finite doubles of every magnitude, subnormals and both zeros included.
fn finite() -> impl Strategy<Value = f64> {
    use prop::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// Values a report holds: up to a million billion, with up to six decimals' worth of noise.
fn report_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e15..1e15f64,
        -1e6..1e6f64,
        -1000.0..1000.0f64,
        (-100_000i64..100_000).prop_map(|i| i as f64)
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn number_parsing_never_panics(text in text_with(NUMBER_PIECES)) {
        let _ = parse_number_text(&text);
    }

    /// Only finite values come out of any text (`1e300`, `NaN`, `inf`, 400 digits…).
    #[test]
    fn parsed_numbers_are_finite(text in text_with(NUMBER_PIECES), digits in 300usize..420) {
        if let Some((v, ..)) = as_number(&text) {
            prop_assert!(v.is_finite(), "{text:?} → {v}");
        }
        let long = "9".repeat(digits);
        for t in [long.clone(), format!("{long},5"), format!("1.{long}")] {
            if let Some((v, ..)) = as_number(&t) {
                prop_assert!(v.is_finite(), "{} digits → {v}", t.len());
            }
        }
    }

    /// What intake shows back to a clerk (`display_number`: decimal comma, every digit) reads
    /// back as exactly the same double.
    #[test]
    fn display_number_round_trips_exactly(v in finite()) {
        let text = display_number(v);
        prop_assert_eq!(as_number(&text), Some((v, false, None)), "{}", text);
    }

    /// Document formatting (`vn::number_fixed`: thousands dot, decimal comma) reads back within
    /// its rounding.
    #[test]
    fn vn_number_fixed_round_trips(v in report_value(), decimals in 0usize..7) {
        let text = vn::number_fixed(v, decimals);
        let (got, percent, qualifier) = as_number(&text).ok_or_else(|| {
            TestCaseError::fail(format!("{text:?} (from {v}) does not parse"))
        })?;
        let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + v.abs() * 1e-15;
        prop_assert!((got - v).abs() <= tolerance, "{text:?}: {got} vs {v}");
        prop_assert!(!percent && qualifier.is_none());
    }

    /// `vn::number` and `vn::percent` (at most two decimals), with the separators clerks also
    /// type: spaces (plain, NBSP, narrow NBSP) instead of the thousands dot.
    #[test]
    fn vn_number_and_percent_round_trip(v in report_value(), space in prop::sample::select(&[" ", "\u{a0}", "\u{202f}"][..])) {
        let tolerance = 0.005 + v.abs() * 1e-15;
        let text = vn::number(v);
        let got = as_number(&text).map(|n| n.0);
        prop_assert!(got.is_some_and(|g| (g - v).abs() <= tolerance), "{text:?}: {got:?} vs {v}");
        let spaced = text.replace('.', space);
        let got_spaced = as_number(&spaced).map(|n| n.0);
        prop_assert_eq!(got_spaced, got, "{:?}", spaced);
        let pct = vn::percent(v);
        let (p, is_percent, _) = as_number(&pct).ok_or_else(|| TestCaseError::fail(format!("{pct:?}")))?;
        prop_assert!(is_percent && (p - v).abs() <= tolerance, "{pct:?}: {p}");
    }

    /// The English way (`1,234.56`) reads the same as the Vietnamese one when decimals are written.
    #[test]
    fn english_separators_read_the_same(v in report_value(), decimals in 1usize..3) {
        let vietnamese = vn::number_fixed(v, decimals);
        let english: String =
            vietnamese.chars().map(|c| match c { '.' => ',', ',' => '.', c => c }).collect();
        prop_assert_eq!(as_number(&english), as_number(&vietnamese), "{:?} vs {:?}", english, vietnamese);
    }

    /// A qualifier word before the number (any case) is recognised and the value kept.
    #[test]
    fn qualifiers_keep_the_value(
        v in report_value(),
        (word, qualifier) in prop::sample::select(&[
            ("khoảng ", ValueQualifier::About), ("Khoảng ", ValueQualifier::About),
            ("ước đạt ", ValueQualifier::About), ("Ước thực hiện ", ValueQualifier::About),
            ("gần ", ValueQualifier::About), ("xấp xỉ ", ValueQualifier::About),
            ("~", ValueQualifier::About), ("≈ ", ValueQualifier::About),
            ("trên ", ValueQualifier::Above), ("Hơn ", ValueQualifier::Above),
            ("> ", ValueQualifier::Above), (">=", ValueQualifier::Above), ("≥", ValueQualifier::Above),
            ("dưới ", ValueQualifier::Below), ("< ", ValueQualifier::Below), ("<=", ValueQualifier::Below),
        ][..]),
    ) {
        let text = format!("{word}{}", vn::number(v));
        let (got, _, q) = as_number(&text).ok_or_else(|| TestCaseError::fail(format!("{text:?}")))?;
        prop_assert!((got - v).abs() <= 0.005 + v.abs() * 1e-15, "{text:?}: {got}");
        prop_assert_eq!(q, Some(qualifier), "{:?}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Dates with a four-digit year (the only ones `dd/mm/yyyy` can write back).
fn date() -> impl Strategy<Value = Date> {
    let first = Date::from_calendar_date(1000, Month::January, 1).expect("a date").to_julian_day();
    let last = Date::from_calendar_date(9999, Month::December, 31).expect("a date").to_julian_day();
    (first..=last).prop_map(|j| Date::from_julian_day(j).expect("a julian day in range"))
}

fn excel_epoch() -> Date {
    Date::from_calendar_date(1899, Month::December, 30).expect("a date")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn date_parsing_never_panics(text in text_with(DATE_PIECES)) {
        let _ = parse_date_text(&text);
    }

    #[test]
    fn serials_never_panic(v in any::<f64>(), special in prop::sample::select(&[
        f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN, -0.0, 60.999, 61.0,
        2_958_465.999_999, 2_958_466.0, 1e300,
    ][..])) {
        let _ = date_from_serial(v);
        let _ = date_from_serial(special);
    }

    /// `dd/mm/yyyy` and the other ways the program and clerks write a date read back.
    #[test]
    fn dates_round_trip(d in date()) {
        let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
        for text in [
            vn::date_short(d),
            vn::date_long(d),
            format!("{y:04}-{m:02}-{day:02}"),
            format!("{y:04}-{m:02}-{day:02}T08:30:00"),
            format!("{day}-{m}-{y}"),
            format!("{day:02}.{m:02}.{y}"),
            format!(" {day} / {m} / {y}\u{a0}"),
        ] {
            prop_assert_eq!(parse_date_text(&text), Some(d), "{:?}", text);
        }
        if (2000..2100).contains(&y) {
            let short = format!("{day:02}/{m:02}/{:02}", y - 2000);
            prop_assert_eq!(parse_date_text(&short), Some(d), "{:?}", short);
        }
    }

    /// An Excel serial (any time of day) gives back its date, from 1 March 1900 (serial 61) on.
    #[test]
    fn serials_round_trip(d in date(), time_of_day in 0.0..1.0f64) {
        let serial = (d - excel_epoch()).whole_days() as f64;
        let want = if serial >= 61.0 { Some(d) } else { None };
        prop_assert_eq!(date_from_serial(serial + time_of_day), want, "{}", serial);
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown escapes

/// What the escapes promise to keep of the text: line breaks folded to one space (none at the
/// start), tabs as spaces, control characters dropped, then the spaces Markdown trims at the
/// ends of a paragraph.
fn folded(text: &str) -> String {
    folded_inner(text).trim_matches(' ').to_owned()
}

/// [`folded`] without the trimming, for text printed inside a line.
fn folded_inner(text: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => pending = true,
            c if c.is_control() && c != '\t' => {}
            c => {
                if pending && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                pending = false;
                out.push(if c == '\t' { ' ' } else { c });
            }
        }
    }
    out
}

/// Parses `markdown` as the notes are parsed; `Err` names the first event that is not plain
/// text in a paragraph, `Ok` has the text of each paragraph.
fn plain_paragraphs(markdown: &str) -> Result<Vec<String>, String> {
    let mut paragraphs = Vec::new();
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => paragraphs.push(String::new()),
            Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) if !paragraphs.is_empty() => paragraphs.last_mut().expect("open").push_str(&t),
            other => return Err(format!("{other:?}")),
        }
    }
    Ok(paragraphs)
}

/// Whether every `|` is escaped (preceded by an odd number of backslashes).
fn pipes_escaped(text: &str) -> bool {
    let mut backslashes = 0;
    for c in text.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' if backslashes % 2 == 0 => return false,
            _ => backslashes = 0,
        }
        if c != '\\' {
            backslashes = 0;
        }
    }
    true
}

proptest! {
    #![proptest_config(config())]

    /// Escaped text is one paragraph of plain text (no HTML, link, emphasis, heading, list,
    /// code, table…) reading exactly as the folded input, wherever the text starts a line.
    #[test]
    fn markdown_text_is_plain_text(text in text_with(MARKDOWN_PIECES)) {
        let escaped = markdown_text(&text);
        let want = folded(&text);
        let mut alone = vec![want.clone()];
        alone.retain(|p| !p.is_empty());
        prop_assert_eq!(plain_paragraphs(&escaped), Ok(alone.clone()), "{:?} → {:?}", text, escaped);
        // Also where a template prints it: after a paragraph, and inside a line.
        let after = plain_paragraphs(&format!("Trước.\n\n{escaped}\n"));
        alone.insert(0, "Trước.".to_owned());
        prop_assert_eq!(after, Ok(alone), "{:?} → {:?}", text, escaped);
        let inside = plain_paragraphs(&format!("Trước {escaped} sau"));
        prop_assert_eq!(inside, Ok(vec![format!("Trước {} sau", folded_inner(&text).trim_start_matches(' '))]), "{:?} → {:?}", text, escaped);
    }

    /// A cell is the text of exactly one GFM table cell, with no unescaped `|`.
    #[test]
    fn markdown_cell_is_one_plain_cell(text in text_with(MARKDOWN_PIECES)) {
        let cell = markdown_cell(&text);
        prop_assert!(pipes_escaped(&cell), "{:?} → {:?}", text, cell);
        prop_assert!(!cell.is_empty());
        let table = format!("| Cột |\n|---|\n| {cell} |\n");
        let (mut cells, mut inside, mut got) = (0, false, String::new());
        for event in parser(&table) {
            match event {
                Event::Start(Tag::TableCell) => { cells += 1; inside = true; got.clear(); }
                Event::End(TagEnd::TableCell) => inside = false,
                Event::Text(t) if inside => got.push_str(&t),
                Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow) | Event::End(_) => {}
                Event::Text(_) => {}
                other => prop_assert!(false, "{:?} → {:?}: {:?}", text, cell, other),
            }
        }
        prop_assert_eq!(cells, 2, "{:?} → {:?}", text, cell);
        prop_assert_eq!(got, folded(text.trim()), "{:?} → {:?}", text, cell);
    }
}

// ---------------------------------------------------------------------------------------------
// Typst

/// Every node of a syntax tree, depth first.
fn nodes(root: &SyntaxNode) -> Vec<&SyntaxNode> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        out.extend(out[i].children());
        i += 1;
    }
    out
}

/// What `escape_typst` promises to keep: NFC, each run of line breaks one forced line break
/// (`\` and a space; none at the start), tabs as spaces, control characters dropped.
fn typst_expected(text: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.nfc() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            out.push_str("\n ");
        }
        pending = false;
        match c {
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The function calls the notes' converter writes, and the named arguments it gives them.
const CONVERTER_CALLEES: &[&str] = &[
    "emph", "strong", "strike", "super", "sub", "link", "raw", "list", "enum", "table", "block", "quote",
    "line",
];
const CONVERTER_ARGUMENTS: &[&str] = &["columns", "start", "block", "length", "above", "below", "header"];
/// Functions that read files or run code: never called from converted notes.
const DANGEROUS: &[&str] = &["read", "include", "import", "image", "eval", "plugin", "json", "csv", "yaml"];

/// Checks the Typst the converter wrote for notes: no syntax error, and no code but calls of
/// [`CONVERTER_CALLEES`] with literal arguments.
fn check_converted(typst: &str) -> Result<(), String> {
    let root = parse(typst);
    let (errors, _) = root.errors_and_warnings();
    if let Some(e) = errors.first() {
        return Err(format!("syntax error: {}", e.message));
    }
    for node in nodes(&root) {
        let kind = node.kind();
        let allowed = matches!(
            kind,
            SyntaxKind::Markup
                | SyntaxKind::Text
                | SyntaxKind::Space
                | SyntaxKind::Escape
                | SyntaxKind::Linebreak
                | SyntaxKind::Parbreak
                | SyntaxKind::Hash
                | SyntaxKind::FuncCall
                | SyntaxKind::Ident
                | SyntaxKind::FieldAccess
                | SyntaxKind::Dot
                | SyntaxKind::Args
                | SyntaxKind::LeftParen
                | SyntaxKind::RightParen
                | SyntaxKind::Comma
                | SyntaxKind::Named
                | SyntaxKind::Colon
                | SyntaxKind::Int
                | SyntaxKind::Str
                | SyntaxKind::Bool
                | SyntaxKind::Numeric
                | SyntaxKind::ContentBlock
                | SyntaxKind::LeftBracket
                | SyntaxKind::RightBracket
        );
        if !allowed {
            return Err(format!("{kind:?} node {:?}", node.full_text()));
        }
        if kind == SyntaxKind::Ident {
            let name = node.leaf_text().as_str();
            if !CONVERTER_CALLEES.contains(&name) && !CONVERTER_ARGUMENTS.contains(&name) {
                return Err(format!("identifier {name:?}"));
            }
        }
        if kind == SyntaxKind::FuncCall {
            let callee = node.children().next().map(|c| c.full_text()).unwrap_or_default();
            if DANGEROUS.contains(&callee.as_str()) {
                return Err(format!("call of {callee}"));
            }
            if !CONVERTER_CALLEES.contains(&callee.as_str()) && callee != "table.header" {
                return Err(format!("call of {callee}"));
            }
        }
        if kind == SyntaxKind::Markup {
            // In markup, `#` only ever introduces one of those calls.
            let children: Vec<&SyntaxNode> = node.children().collect();
            for (i, c) in children.iter().enumerate() {
                if c.kind() == SyntaxKind::Hash
                    && children.get(i + 1).map(|n| n.kind()) != Some(SyntaxKind::FuncCall)
                {
                    return Err(format!("`#` not followed by a call in {:?}", node.full_text()));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Escaped text in Typst markup is only text, spaces, escapes and forced line breaks (no
    /// call, code, math, raw, link, reference, label, heading, list, comment…), reads back as
    /// the input, and never closes the content block it is printed in.
    #[test]
    fn typst_escape_is_only_text(text in text_with(MARKDOWN_PIECES)) {
        let escaped = escape_typst(&text);
        let want = typst_expected(&text);
        for (before, after) in [("", ""), ("Trước ", " sau")] {
            let source = format!("{before}{escaped}{after}");
            let root = parse(&source);
            prop_assert!(!root.diagnosis().errors, "{:?} → {:?}", text, escaped);
            let mut got = String::new();
            for node in nodes(&root).into_iter().skip(1) {
                match node.kind() {
                    SyntaxKind::Text | SyntaxKind::Space => got.push_str(node.leaf_text()),
                    SyntaxKind::Escape => got.push_str(&node.leaf_text()[1..]),
                    SyntaxKind::Linebreak => got.push('\n'),
                    other => prop_assert!(false, "{:?} → {:?}: {:?} node", text, escaped, other),
                }
            }
            // Zero-width spaces are the break opportunities `escape_typst` adds inside long words.
            let got = got.replace('\u{200B}', "");
            prop_assert_eq!(got, format!("{before}{want}{after}"), "{:?} → {:?}", text, escaped);
        }
        let block = parse(&format!("#strong[{escaped}] sau"));
        prop_assert!(!block.diagnosis().errors, "{:?} → {:?}", text, escaped);
        let kinds: Vec<SyntaxKind> = nodes(&block).iter().map(|n| n.kind()).collect();
        let count = |k: SyntaxKind| kinds.iter().filter(|x| **x == k).count();
        prop_assert_eq!(
            (count(SyntaxKind::FuncCall), count(SyntaxKind::ContentBlock), count(SyntaxKind::RightBracket)),
            (1, 1, 1),
            "{:?} → {:?}", text, escaped
        );
    }

    /// Converted notes parse without error and call nothing but the converter's own functions.
    #[test]
    fn converted_notes_call_only_the_converter(markdown in text_with(MARKDOWN_PIECES)) {
        let typst = markdown_to_typst(&markdown);
        prop_assert_eq!(check_converted(&typst), Ok(()), "{:?} → {:?}", markdown, typst);
    }

    /// The same on line-structured notes: headings, lists, quotes, tables, code, links.
    #[test]
    fn converted_structured_notes_call_only_the_converter(
        lines in prop::collection::vec(
            (prop::sample::select(&[
                "", "# ", "## ", "- ", "* ", "1. ", "3) ", "> ", "> - ", "  - ", "    ", "| ", "|---|---|",
                "```", "~~~", "---", "- [ ] ", "- [x] ", "<!-- ", "<div>", "[a]: http://x ",
            ][..]), soup(MARKDOWN_PIECES, 6)),
            0..12,
        )
    ) {
        let markdown: String = lines.iter().map(|(start, rest)| format!("{start}{rest}\n")).collect();
        let typst = markdown_to_typst(&markdown);
        prop_assert_eq!(check_converted(&typst), Ok(()), "{:?} → {:?}", markdown, typst);
    }
}

/// The checker itself: it refuses what it must refuse.
#[test]
fn converted_notes_checker_refuses_code() {
    for bad in [
        "#read(\"/etc/passwd\")",
        "#eval(\"1\")",
        "$x$",
        "#let x = 1",
        "= Heading",
        "- item",
        "`raw`",
        "<label>",
        "@ref",
        "#{1}",
        "#image(\"a.png\")",
        "#emph(read(\"a\"))",
    ] {
        assert!(check_converted(bad).is_err(), "{bad}");
    }
    assert_eq!(check_converted("#emph[a] #link(\"https://x.vn\")[b] \\#read\\(\\)"), Ok(()));
}
