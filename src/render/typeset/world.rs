//! The `typst::World` of one generated document.
//!
//! Everything the document can see is in memory: the main source, shown to
//! users as `<name>.typ`, and the document's virtual files. Nothing is read
//! from the file system and packages are refused (the tool runs offline).

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_kit::fonts::FontStore;

use super::{TypesetError, TypstDoc};

/// What all documents of a run share: the standard library and the fonts.
pub(crate) struct Shared {
    /// The standard library, built once.
    pub library: LazyHash<Library>,
    /// All known fonts, loaded lazily on first use.
    pub fonts: FontStore,
}

/// A virtual file, turned into Typst bytes or a source only when asked for.
struct Slot<'a> {
    data: &'a [u8],
    bytes: OnceLock<Bytes>,
    source: OnceLock<FileResult<Source>>,
}

/// The world of one document.
pub(crate) struct DocWorld<'a> {
    shared: &'a Shared,
    main: Source,
    files: HashMap<String, Slot<'a>>,
    today: Datetime,
}

impl<'a> DocWorld<'a> {
    /// Sets up the world; fails if the document's name or a file path is not a valid virtual path.
    pub fn new(shared: &'a Shared, doc: &'a TypstDoc) -> Result<Self, TypesetError> {
        let invalid = |path: &str, reason: String| TypesetError::InvalidPath {
            name: doc.name.clone(),
            path: path.to_owned(),
            reason,
        };
        let main_path = format!("/{}.typ", doc.name);
        let main_vpath = VirtualPath::new(&main_path).map_err(|e| invalid(&main_path, e.to_string()))?;
        if main_vpath.is_root() {
            return Err(invalid(&main_path, "tên tài liệu rỗng".to_owned()));
        }
        let main_id = RootedPath::new(VirtualRoot::Project, main_vpath).intern();
        let main = Source::new(main_id, doc.main.clone());
        let mut files = HashMap::with_capacity(doc.files.len());
        for (path, data) in &doc.files {
            let vpath = VirtualPath::new(path).map_err(|e| invalid(path, e.to_string()))?;
            let slot = Slot { data, bytes: OnceLock::new(), source: OnceLock::new() };
            files.insert(vpath.get_with_slash().to_owned(), slot);
        }
        Ok(Self { shared, main, files, today: Datetime::Date(doc.date) })
    }

    /// The virtual file behind `id`, or why there is none.
    fn slot(&self, id: FileId) -> FileResult<&Slot<'a>> {
        match id.root() {
            VirtualRoot::Package(spec) => {
                Err(FileError::Package(PackageError::Other(Some(typst::ecow::eco_format!(
                    "không dùng được gói {spec}: chương trình chạy ngoại tuyến, không tải gói"
                )))))
            }
            VirtualRoot::Project => {
                let path = id.vpath().get_with_slash();
                self.files.get(path).ok_or_else(|| FileError::NotFound(path.into()))
            }
        }
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let slot = self.slot(id)?;
        slot.source
            .get_or_init(|| {
                let data = slot.data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(slot.data);
                let text = std::str::from_utf8(data)?;
                Ok(Source::new(id, text.to_owned()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let slot = self.slot(id)?;
        Ok(slot.bytes.get_or_init(|| Bytes::new(slot.data.to_vec())).clone())
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    /// Always the document's cut-off date, whatever the offset: output must not depend on the clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use typst::LibraryExt;

    use super::*;

    fn shared() -> Shared {
        Shared { library: LazyHash::new(Library::builder().build()), fonts: FontStore::new() }
    }

    fn doc(files: &[(&str, &str)]) -> TypstDoc {
        TypstDoc {
            name: "bao-cao".into(),
            main: "= Báo cáo".into(),
            files: files
                .iter()
                .map(|(p, d)| (p.to_string(), d.as_bytes().to_vec()))
                .collect::<BTreeMap<_, _>>(),
            date: time::Date::from_calendar_date(2024, time::Month::June, 14).expect("date"),
        }
    }

    fn id(path: &str) -> FileId {
        RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid")).intern()
    }

    #[test]
    fn serves_main_and_virtual_files_only() {
        let shared = shared();
        let doc = doc(&[("/data.json", "{\"a\": 1}"), ("charts/x.typ", "\u{feff}#let x = 1")]);
        let world = DocWorld::new(&shared, &doc).expect("world");
        assert_eq!(world.source(world.main()).expect("main").text(), "= Báo cáo");
        assert_eq!(world.main().vpath().get_with_slash(), "/bao-cao.typ");
        assert_eq!(world.file(id("/data.json")).expect("data").as_slice(), b"{\"a\": 1}");
        assert_eq!(world.source(id("/charts/x.typ")).expect("typ").text(), "#let x = 1");
        assert!(matches!(world.file(id("/etc/passwd")), Err(FileError::NotFound(_))));
        assert!(matches!(world.source(id("/nothing.typ")), Err(FileError::NotFound(_))));
    }

    #[test]
    fn package_files_are_refused() {
        let shared = shared();
        let doc = doc(&[]);
        let world = DocWorld::new(&shared, &doc).expect("world");
        let spec = "@preview/example:0.1.0".parse().expect("spec");
        let package =
            RootedPath::new(VirtualRoot::Package(spec), VirtualPath::new("/lib.typ").expect("path"));
        let err = world.source(package.intern()).expect_err("refused");
        assert!(err.to_string().contains("ngoại tuyến"), "{err}");
    }

    #[test]
    fn today_is_the_cut_off_date() {
        let shared = shared();
        let doc = doc(&[]);
        let world = DocWorld::new(&shared, &doc).expect("world");
        let expected = Datetime::from_ymd(2024, 6, 14);
        assert_eq!(world.today(None), expected);
        assert_eq!(world.today(Some(Duration::from(time::Duration::hours(7)))), expected);
    }

    #[test]
    fn invalid_paths_are_reported() {
        let shared = shared();
        let doc = doc(&[("a\\b.json", "{}")]);
        let err = DocWorld::new(&shared, &doc).err().expect("invalid");
        assert!(err.to_string().contains("a\\b.json"), "{err}");
    }
}
