//! The intake documents are templates like the report's; outputs are all-or-nothing; files are
//! read only inside the data folder.

use std::fs;

use crate::support::workspace::Workspace;

#[test]
fn receipt_and_overview_templates_are_ejected_and_overridable() {
    let ws = Workspace::sample();
    let ejected = ws.root().join("mau");
    let run = crate::support::workspace::baocao(&["templates", "eject", ejected.to_str().expect("UTF-8")]);
    assert!(run.success(), "{}", run.stderr);
    let names =
        ["phan-hoi.md.tera", "nhac-nho.md.tera", "tiep-nhan.md.tera", "_tep.md.tera", "_phat-hien.md.tera"];
    for name in names.into_iter().chain(["_phat-hien-phieu.md.tera"]) {
        assert!(ejected.join(name).is_file(), "{name} ejected");
    }
    // A department's own receipt and reminder wording reaches every receipt and reminder; the
    // overview keeps the built-in.
    ws.write(
        "templates/phan-hoi.md.tera",
        "# Phiếu riêng của Sở cho {{ a.name }} ({{ a.code }})\n".as_bytes(),
    );
    ws.write("templates/nhac-nho.md.tera", "# Giấy nhắc riêng của Sở cho {{ name }}\n".as_bytes());
    let run = ws.ok("check", &["--quarter", "2024-Q2"]);
    let receipts: Vec<_> =
        fs::read_dir(ws.quarter("2024-Q2").join("phan-hoi")).expect("receipts").flatten().collect();
    assert!(receipts.len() > 30, "{}", receipts.len());
    for r in &receipts {
        let text = fs::read_to_string(r.path()).expect("a receipt");
        let own = text.starts_with("# Phiếu riêng của Sở cho ")
            || text.starts_with("# Giấy nhắc riêng của Sở cho ");
        assert!(own, "{}: {text}", r.path().display());
    }
    let reminder = fs::read_to_string(ws.quarter("2024-Q2").join("phan-hoi/DPTTH.md")).expect("a reminder");
    assert!(reminder.starts_with("# Giấy nhắc riêng của Sở cho "), "{reminder}");
    assert!(ws.overview().starts_with("# Tình hình tiếp nhận báo cáo quý II/2024"));
    assert!(!run.stderr.contains("mau-khong-dung"), "{}", run.stderr);
}

#[test]
fn a_misspelt_template_name_is_a_warning_naming_the_file() {
    let ws = Workspace::sample();
    ws.write("templates/phan_hoi.md.tera", b"sai ten");
    let run = ws.ok("check", &["--quarter", "2024-Q2"]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("[mau-khong-dung]"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(
        line.contains("phan_hoi.md.tera") && line.starts_with(ws.data().to_str().expect("UTF-8")),
        "{line}"
    );
    assert!(line.contains("cảnh báo"), "{line}");
}

#[test]
fn a_failed_build_leaves_the_previous_outputs_and_no_temporary_files() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q1"]);
    let dir = ws.quarter("2024-Q1");
    let before = fs::read(dir.join("bao-cao.md")).expect("the report");
    // The next build fails half-way: a file stands where it must write the receipts folder.
    fs::remove_dir_all(dir.join("phan-hoi")).expect("removed");
    fs::write(dir.join("phan-hoi"), "không phải thư mục").expect("written");
    ws.write("notes/2024-Q1.md", "## I\n\nGhi chú mới của Sở.\n".as_bytes());
    let run = ws.run("build", &["--quarter", "2024-Q1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fs::read(dir.join("bao-cao.md")).expect("the report"), before, "previous report unchanged");
    let names: Vec<String> = fs::read_dir(ws.out())
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2024-Q1"], "no staging folder left");
    // The next good run replaces everything in one step.
    fs::remove_file(dir.join("phan-hoi")).expect("removed");
    ws.ok("build", &["--quarter", "2024-Q1"]);
    assert!(String::from_utf8_lossy(&ws.read("2024-Q1", "bao-cao.md")).contains("Ghi chú mới của Sở."));
    assert!(dir.join("phan-hoi").is_dir());
}

#[cfg(unix)]
#[test]
fn links_out_of_the_data_folder_are_not_read() {
    use std::os::unix::fs::symlink;
    let ws = Workspace::sample();
    let secret = ws.root().join("bi-mat.md");
    fs::write(&secret, "## I\n\nNỘI DUNG BÍ MẬT NGOÀI THƯ MỤC DỮ LIỆU\n").expect("written");
    let notes = ws.data().join("notes/2024-Q2.md");
    let _ = fs::remove_file(&notes);
    fs::create_dir_all(notes.parent().expect("parent")).expect("folder");
    symlink(&secret, &notes).expect("a link");
    let run = ws.ok("build", &["--quarter", "2024-Q2"]);
    assert!(run.stderr.contains("[ngoai-thu-muc-du-lieu]"), "{}", run.stderr);
    assert!(!ws.read_text("2024-Q2", "bao-cao.md").contains("BÍ MẬT"));

    // A quarter folder that is a link to another folder outside the data folder is not read.
    let elsewhere = ws.root().join("noi-khac");
    fs::create_dir_all(&elsewhere).expect("folder");
    symlink(&elsewhere, ws.data().join("submissions/2024-Q3")).expect("a link");
    let run = ws.run("check", &["--quarter", "2024-Q3"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("trỏ ra ngoài thư mục"), "{}", run.stderr);
}
