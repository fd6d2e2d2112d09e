use std::collections::BTreeMap;
use std::io::{self, Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::names::is_hidden;
use super::*;
use crate::package::archive::{read_zip, write_zip};
use crate::package::manifest::{FileEntry, Inputs};

const MIB: u64 = 1 << 20;

/// A manifest listing `files` with their true hashes.
fn manifest(files: &[(&str, &[u8])]) -> Vec<u8> {
    manifest_of(files.iter().map(|(n, b)| FileEntry::of(*n, b)).collect())
}

fn manifest_of(files: Vec<FileEntry>) -> Vec<u8> {
    let m = Manifest {
        program: "baocao".to_owned(),
        version: "0.1.0".to_owned(),
        quarter: "2024-Q2".to_owned(),
        cutoff: "2024-06-14".to_owned(),
        settings: BTreeMap::new(),
        files,
        inputs: Inputs { plan: vec![], templates: vec![], fonts: vec![], submissions: vec![], notes: vec![] },
    };
    serde_json::to_vec_pretty(&m).expect("serialisable")
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
}

/// A zip of `entries` in this order, stored (so names and data stay findable for patching).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        z.start_file(*name, stored()).expect("valid test input");
        z.write_all(bytes).expect("valid test input");
    }
    z.finish().expect("valid test input").into_inner()
}

/// `files` plus a manifest listing exactly them.
fn package(files: &[(&str, &[u8])]) -> Vec<u8> {
    let m = manifest(files);
    let mut entries = files.to_vec();
    entries.push((MANIFEST_NAME, &m));
    zip(&entries)
}

fn verify(bytes: &[u8]) -> Verification {
    verify_package(Cursor::new(bytes)).expect("a verifiable package")
}

/// Replaces every occurrence of `from` with `to` (same length); returns how many.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut n = 0;
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            n += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    n
}

/// Sets the declared uncompressed size of entry `index` in its local and central headers.
fn declare_size(bytes: &mut [u8], index: usize, size: u32) {
    let (local, central) = {
        let archive = ZipArchive::new(Cursor::new(&*bytes)).expect("a zip");
        let e = archive.by_index_data(index).expect("an entry");
        (e.header_start() as usize, e.central_header_start() as usize)
    };
    bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    bytes[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
}

fn refusal<'a>(v: &'a Verification, name: &str) -> Option<&'a Refusal> {
    v.refused.iter().find(|r| r.name == name).map(|r| &r.why)
}

const REPORT: &[u8] = "# Báo cáo quý II/2024\n\nTỉnh Bắc Giang.\n".as_bytes();
const XLSX: &[u8] = b"PK\x03\x04 not really a workbook";

#[test]
fn intact_package_from_the_real_writer() {
    let mut files = BTreeMap::new();
    files.insert("bao-cao.md".to_owned(), REPORT.to_vec());
    files.insert("phu-luc.xlsx".to_owned(), XLSX.to_vec());
    files.insert(MANIFEST_NAME.to_owned(), manifest(&[("bao-cao.md", REPORT), ("phu-luc.xlsx", XLSX)]));
    let d = time::Date::from_calendar_date(2024, time::Month::June, 14).expect("valid test input");
    let v = verify(&write_zip(&files, d).expect("valid test input"));
    assert!(v.is_intact(), "{v}");
    assert_eq!(v.to_string(), "gói báo cáo nguyên vẹn: mọi tệp khớp với manifest.json\n");
}

#[test]
fn changed_missing_and_extra_keep_their_lines() {
    let m = manifest(&[("bao-cao.md", REPORT), ("phu-luc.xlsx", XLSX)]);
    let v = verify(&zip(&[("bao-cao.md", b"khac"), ("ghi-chu.txt", b"them"), (MANIFEST_NAME, &m)]));
    assert_eq!(v.changed, ["bao-cao.md"]);
    assert_eq!(v.missing, ["phu-luc.xlsx"]);
    assert_eq!(v.extra, ["ghi-chu.txt"]);
    let text = v.to_string();
    assert!(
        text.contains("tệp bị thay đổi: bao-cao.md (mã băm SHA-256 không khớp manifest.json)\n"),
        "{text}"
    );
    assert!(text.contains("thiếu tệp: phu-luc.xlsx (có trong manifest.json nhưng không có trong gói)\n"));
    assert!(text.contains("tệp lạ: ghi-chu.txt (có trong gói nhưng không có trong manifest.json)\n"));
    assert!(text.ends_with("gói báo cáo KHÔNG đạt kiểm tra: 3 vấn đề\n"), "{text}");
}

#[test]
fn duplicate_names_are_refused_even_when_the_last_copy_matches() {
    let m = manifest(&[("bao-cao.md", REPORT)]);
    // The first copy is tampered; the zip writer refuses duplicates, so rename it afterwards.
    let mut bytes =
        zip(&[("bao-cao.mX", b"# Bao cao gia mao\n"), ("bao-cao.md", REPORT), (MANIFEST_NAME, &m)]);
    assert_eq!(patch(&mut bytes, b"bao-cao.mX", b"bao-cao.md"), 2, "local and central header");
    // A map by name sees only the matching copy: what made the old verify say "nguyên vẹn".
    let mut archive = ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
    let mut kept = Vec::new();
    archive.by_name("bao-cao.md").expect("an entry").read_to_end(&mut kept).expect("readable");
    assert_eq!(kept, REPORT);

    let v = verify(&bytes);
    assert!(!v.is_intact());
    assert_eq!(refusal(&v, "bao-cao.md"), Some(&Refusal::Duplicate { copies: 2 }));
    assert!(v.changed.is_empty() && v.missing.is_empty() && v.extra.is_empty(), "{v:?}");
    let text = v.to_string();
    assert!(text.contains("tên tệp lặp lại: bao-cao.md (2 mục cùng tên"), "{text}");
    assert!(!text.contains("nguyên vẹn"), "{text}");
    assert!(read_zip(&bytes).is_err(), "read_zip refuses duplicates too");
}

#[test]
fn traversal_and_absolute_names_are_refused_even_when_listed() {
    let files: &[(&str, &[u8])] = &[
        ("bao-cao.md", REPORT),
        ("../x", b"ghi de ngoai thu muc"),
        ("/etc/x", b"duong dan tuyet doi"),
        ("C:/x", b"o dia"),
        ("a\\b", b"gach cheo nguoc"),
    ];
    let v = verify(&package(files));
    assert_eq!(refusal(&v, "../x"), Some(&Refusal::UnsafeName(NameProblem::ParentDir)));
    assert_eq!(refusal(&v, "/etc/x"), Some(&Refusal::UnsafeName(NameProblem::Absolute)));
    assert_eq!(refusal(&v, "C:/x"), Some(&Refusal::UnsafeName(NameProblem::Absolute)));
    assert_eq!(refusal(&v, "a\\b"), Some(&Refusal::UnsafeName(NameProblem::Backslash)));
    assert_eq!(
        v.listed_invalid,
        [
            ("../x".to_owned(), NameProblem::ParentDir),
            ("/etc/x".to_owned(), NameProblem::Absolute),
            ("C:/x".to_owned(), NameProblem::Absolute),
            ("a\\b".to_owned(), NameProblem::Backslash),
        ]
    );
    assert!(v.changed.is_empty() && v.missing.is_empty() && v.extra.is_empty(), "{v:?}");
    let text = v.to_string();
    assert!(text.contains("tên tệp không an toàn: ../x (có thành phần `..`"), "{text}");
    assert!(text.contains("tên tệp không an toàn: /etc/x (đường dẫn tuyệt đối)"), "{text}");
    assert!(text.contains("manifest.json liệt kê tên không hợp lệ: /etc/x (đường dẫn tuyệt đối)"), "{text}");
    assert!(text.contains("tên tệp không an toàn: a\\\\b"), "backslash printed escaped: {text}");
}

#[test]
fn control_characters_in_names_are_refused_and_printed_escaped() {
    let forged = "x\ngói báo cáo nguyên vẹn: mọi tệp khớp với manifest.json\x1b[2K\r\u{9b}\u{202e}";
    let v = verify(&package(&[("bao-cao.md", REPORT), (forged, b"...")]));
    assert_eq!(refusal(&v, forged), Some(&Refusal::UnsafeName(NameProblem::Control)));
    assert_eq!(v.listed_invalid, [(forged.to_owned(), NameProblem::Control)]);
    let text = v.to_string();
    assert!(!text.chars().any(|c| c != '\n' && is_hidden(c)), "nothing raw reaches the terminal: {text:?}");
    assert_eq!(text.lines().count(), v.problems() + 1, "one line per problem and the verdict: {text}");
    assert!(!text.lines().any(|l| l.starts_with("gói báo cáo nguyên vẹn")), "{text}");
    let shown = "x\\ngói báo cáo nguyên vẹn: mọi tệp khớp với manifest.json\\u{1b}[2K\\r\\u{9b}\\u{202e}";
    assert!(text.contains(&format!("tên tệp không an toàn: {shown} (tên có ký tự điều khiển")), "{text}");
}

#[test]
fn an_entry_with_more_data_than_declared_is_refused() {
    let data = [b'a'; 100];
    let mut bytes = package(&[("bao-cao.md", &data)]);
    declare_size(&mut bytes, 0, 10);
    let v = verify(&bytes);
    assert!(
        matches!(
            refusal(&v, "bao-cao.md"),
            Some(Refusal::LargerThanDeclared { declared: 10 } | Refusal::Unreadable(_))
        ),
        "{v:?}"
    );
    assert!(v.changed.is_empty() && v.missing.is_empty(), "{v:?}");
    assert!(v.to_string().contains("bao-cao.md ("), "{v}");
}

/// A reader of zeros that records how much it was asked for and gave.
struct Zeros {
    left: u64,
    given: u64,
    largest_request: usize,
}

impl Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.largest_request = self.largest_request.max(buf.len());
        let n = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        buf[..n].fill(0);
        self.left -= n as u64;
        self.given += n as u64;
        Ok(n)
    }
}

#[test]
fn hashing_stops_one_byte_past_the_declared_size() {
    let mut r = Zeros { left: 6 << 30, given: 0, largest_request: 0 };
    let h = hash_limited(&mut r, 10).expect("readable");
    assert_eq!(h.size, 11);
    assert_eq!(r.given, 11, "never reads the rest of a lying entry");
}

#[test]
fn hashing_streams_in_fixed_chunks() {
    let size = 100 * MIB;
    let mut r = Zeros { left: size, given: 0, largest_request: 0 };
    let h = hash_limited(&mut r, size).expect("readable");
    assert_eq!(h.size, size);
    assert!(r.largest_request <= CHUNK, "read {} bytes at once", r.largest_request);
    let mut hasher = Sha256::new();
    let chunk = vec![0u8; MIB as usize];
    for _ in 0..100 {
        hasher.update(&chunk);
    }
    assert_eq!(h.sha256, crate::hash::hex(&hasher.finalize()));
}

/// A zip whose only data entry is `size` zeros, deflated (600 MiB take ~600 KB at level 9).
fn zeros_zip(name: &str, size: u64) -> Vec<u8> {
    let m = manifest_of(vec![FileEntry { path: name.to_owned(), sha256: "0".repeat(64), size }]);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    z.start_file(name, deflated).expect("valid test input");
    io::copy(&mut io::repeat(0).take(size), &mut z).expect("valid test input");
    z.start_file(MANIFEST_NAME, stored()).expect("valid test input");
    z.write_all(&m).expect("valid test input");
    z.finish().expect("valid test input").into_inner()
}

#[test]
fn a_huge_entry_is_refused_unread() {
    let size = 600 * MIB;
    let mut bytes = zeros_zip("bao-cao.pdf", size);
    assert!(bytes.len() < 2 * MIB as usize, "a bomb: {} bytes", bytes.len());
    let v = verify(&bytes);
    assert_eq!(
        refusal(&v, "bao-cao.pdf"),
        Some(&Refusal::TooLarge { declared: size, limit: MAX_ENTRY_SIZE }),
        "refused from its declared size, before any byte is decompressed"
    );
    assert!(
        v.to_string().contains("tệp quá lớn: bao-cao.pdf (khai báo 629145600 byte, giới hạn 512 MiB"),
        "{v}"
    );
    // The same bomb declaring a small size: reading stops just past it.
    declare_size(&mut bytes, 0, 1000);
    let v = verify(&bytes);
    assert!(
        matches!(
            refusal(&v, "bao-cao.pdf"),
            Some(Refusal::LargerThanDeclared { declared: 1000 } | Refusal::Unreadable(_))
        ),
        "{v:?}"
    );
}

#[test]
fn the_total_size_is_capped() {
    let kib = [7u8; 1024];
    let bytes = package(&[("a", &kib), ("b", &kib), ("c", &kib[..100])]);
    let limits = Limits { entry: 1024, total: 1500, manifest: MAX_MANIFEST_SIZE, entries: MAX_ENTRIES };
    let v = verify_with(Cursor::new(&bytes), limits, None).expect("verifiable");
    assert!(refusal(&v, "a").is_none(), "{v:?}");
    assert_eq!(refusal(&v, "b"), Some(&Refusal::OverTotal { limit: 1500 }));
    assert!(refusal(&v, "c").is_none(), "a small entry still fits: {v:?}");
    let small = Limits { entry: 1000, ..limits };
    let v = verify_with(Cursor::new(&bytes), small, None).expect("verifiable");
    assert_eq!(refusal(&v, "a"), Some(&Refusal::TooLarge { declared: 1024, limit: 1000 }));
    let tiny = Limits { manifest: 10, ..limits };
    let e = verify_with(Cursor::new(&bytes), tiny, None).expect_err("manifest too large");
    assert!(matches!(e, VerifyError::ManifestTooLarge { limit: 10, .. }), "{e:?}");
}

#[test]
fn a_manifest_listing_a_file_twice_is_refused() {
    let entry = FileEntry::of("bao-cao.md", REPORT);
    let m = manifest_of(vec![entry.clone(), entry]);
    let v = verify(&zip(&[("bao-cao.md", REPORT), (MANIFEST_NAME, &m)]));
    assert_eq!(v.listed_twice, ["bao-cao.md"]);
    assert!(v.changed.is_empty() && v.missing.is_empty() && v.extra.is_empty(), "{v:?}");
    assert!(v.to_string().contains("manifest.json liệt kê hai lần: bao-cao.md\n"), "{v}");
}

#[test]
fn a_signature_that_is_not_cms_is_refused_and_it_cannot_be_listed() {
    // The signature is not hashed like the other files (it signs the manifest): a damaged one is
    // a problem of its own, named.
    let m = manifest(&[("bao-cao.md", REPORT)]);
    let signed = zip(&[("bao-cao.md", REPORT), (MANIFEST_NAME, &m), (SIGNATURE_NAME, b"\x30\x82 chu ky")]);
    let v = verify(&signed);
    assert!(v.changed.is_empty() && v.extra.is_empty() && v.missing.is_empty(), "{v}");
    assert!(matches!(v.signature, super::SignatureState::Refused(_)), "{v}");
    assert!(
        !v.is_intact() && v.to_string().contains("chữ ký số KHÔNG hợp lệ: tệp chữ ký không phải CMS"),
        "{v}"
    );
    let m = manifest(&[("bao-cao.md", REPORT), (SIGNATURE_NAME, b"x"), (MANIFEST_NAME, b"y")]);
    let bytes = zip(&[("bao-cao.md", REPORT), (MANIFEST_NAME, &m), (SIGNATURE_NAME, b"x")]);
    let v = verify(&bytes);
    assert_eq!(
        v.listed_invalid,
        [
            (SIGNATURE_NAME.to_owned(), NameProblem::Reserved),
            (MANIFEST_NAME.to_owned(), NameProblem::Reserved)
        ]
    );
}

#[test]
fn empty_directories_pass_and_others_do_not() {
    let m = manifest(&[("bao-cao.md", REPORT)]);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.add_directory("hinh/", stored()).expect("valid test input");
    for (name, bytes) in [("bao-cao.md", REPORT), (MANIFEST_NAME, &m[..])] {
        z.start_file(name, stored()).expect("valid test input");
        z.write_all(bytes).expect("valid test input");
    }
    let v = verify(&z.finish().expect("valid test input").into_inner());
    assert!(v.is_intact(), "{v}");

    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("hinh/", stored()).expect("valid test input");
    z.write_all(b"du lieu giau trong thu muc").expect("valid test input");
    z.add_symlink("lien-ket", "/etc/passwd", stored()).expect("valid test input");
    for (name, bytes) in [("bao-cao.md", REPORT), (MANIFEST_NAME, &m[..])] {
        z.start_file(name, stored()).expect("valid test input");
        z.write_all(bytes).expect("valid test input");
    }
    let v = verify(&z.finish().expect("valid test input").into_inner());
    assert_eq!(refusal(&v, "hinh/"), Some(&Refusal::DirectoryWithData));
    assert_eq!(refusal(&v, "lien-ket"), Some(&Refusal::Symlink));
}

#[test]
fn a_local_header_that_disagrees_with_the_directory_is_named() {
    let mut bytes = package(&[("bao-cao.md", REPORT)]);
    // Rename the entry in its local header only (the first occurrence of the name).
    let at = bytes.windows(10).position(|w| w == b"bao-cao.md").expect("the local name");
    bytes[at + 9] = b'X';
    let v = verify(&bytes);
    assert!(v.inconsistent.is_some(), "{v:?}");
    assert!(v.to_string().starts_with("cấu trúc zip không nhất quán: "), "{v}");
}

#[test]
fn not_a_zip_names_its_cause_once() {
    let e = verify_package(Cursor::new(b"khong phai zip")).expect_err("not a zip");
    assert!(matches!(e, VerifyError::Zip(_)), "{e:?}");
    let source = std::error::Error::source(&e).expect("the zip error as source").to_string();
    assert_eq!(e.to_string(), "tệp không phải gói zip hợp lệ");
    assert!(!e.to_string().contains(&source));
    let no_manifest = verify_package(Cursor::new(zip(&[("bao-cao.md", REPORT)]))).expect_err("no manifest");
    assert!(matches!(no_manifest, VerifyError::NoManifest), "{no_manifest:?}");
}

#[test]
fn names_are_checked_as_paths() {
    for ok in ["bao-cao.md", "hinh/bieu-do-1.svg", "gói/báo cáo quý.md", "a..b", "..a"] {
        assert_eq!(entry_name_problem(ok), None, "{ok}");
    }
    let bad = [
        ("", NameProblem::Empty),
        ("../x", NameProblem::ParentDir),
        ("a/../../x", NameProblem::ParentDir),
        ("..", NameProblem::ParentDir),
        ("/etc/x", NameProblem::Absolute),
        ("c:x", NameProblem::Absolute),
        ("a\\..\\x", NameProblem::Backslash),
        ("a\u{0}", NameProblem::Control),
        ("a\u{7f}", NameProblem::Control),
        ("a\u{85}", NameProblem::Control),
        ("a\u{200b}b", NameProblem::Control),
        ("./a", NameProblem::NotCanonical),
        ("a//b", NameProblem::NotCanonical),
        ("a/", NameProblem::NotCanonical),
    ];
    for (name, problem) in bad {
        assert_eq!(entry_name_problem(name), Some(problem), "{name:?}");
    }
    assert_eq!(listed_name_problem(MANIFEST_NAME), Some(NameProblem::Reserved));
}

#[test]
fn escaping_shows_every_hidden_character() {
    assert!(matches!(escaped("gói/báo cáo.md"), Cow::Borrowed(_)));
    assert_eq!(
        escaped("a\u{1b}[31m\n\r\t\\\u{7f}\u{9b}\u{202e}"),
        "a\\u{1b}[31m\\n\\r\\t\\\\\\u{7f}\\u{9b}\\u{202e}"
    );
}
