//! `baocao verify`: checks a package against its manifest. Every entry is hashed while it is
//! read, a chunk at a time and never past its declared size, and every entry an extractor could
//! place outside its folder, let another copy shadow, or blow up is refused and named.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use x509_cert::Certificate;

use super::manifest::{MANIFEST_NAME, Manifest};
pub use super::signature::SignatureState;
use super::signature::{SignatureProblem, check_signature};
pub use names::{NameProblem, escaped};
use names::{entry_name_problem, listed_name_problem};
pub use refusal::{Refusal, Refused};

/// The detached signature of the manifest (CMS, DER): checked by [`super::signature`].
pub const SIGNATURE_NAME: &str = "manifest.json.p7s";
/// The largest declared size of an entry that is read (512 MiB); a larger entry is refused unread.
pub const MAX_ENTRY_SIZE: u64 = 512 << 20;
/// The largest sum of declared entry sizes read from one package (2 GiB); later entries are refused.
pub const MAX_TOTAL_SIZE: u64 = 2 << 30;
/// The largest `manifest.json` (16 MiB), the one entry held in memory.
pub const MAX_MANIFEST_SIZE: u64 = 16 << 20;
/// The most entries a package may have (the central directory included).
pub const MAX_ENTRIES: usize = 10_000;
/// How many bytes are read and hashed at a time.
const CHUNK: usize = 64 << 10;

/// The size limits of a verification (the constants above; smaller in tests).
#[derive(Debug, Clone, Copy)]
struct Limits {
    entry: u64,
    total: u64,
    manifest: u64,
    entries: usize,
}

const LIMITS: Limits = Limits {
    entry: MAX_ENTRY_SIZE,
    total: MAX_TOTAL_SIZE,
    manifest: MAX_MANIFEST_SIZE,
    entries: MAX_ENTRIES,
};

/// What verification found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Files whose content differs from the manifest.
    pub changed: Vec<String>,
    /// Files the manifest lists that the package lacks.
    pub missing: Vec<String>,
    /// Files in the package the manifest does not list.
    pub extra: Vec<String>,
    /// Entries refused before any comparison: repeated names first, then in the zip's order.
    pub refused: Vec<Refused>,
    /// Paths the manifest lists more than once.
    pub listed_twice: Vec<String>,
    /// Paths the manifest lists that are not safe names, or name the manifest or its signature.
    pub listed_invalid: Vec<(String, NameProblem)>,
    /// Local headers that disagree with the central directory, overlap, or hide an entry.
    pub inconsistent: Option<String>,
    /// The signature of `manifest.json`.
    pub signature: SignatureState,
}

impl Verification {
    /// True when nothing changed, nothing is missing, nothing was added and nothing was refused
    /// (a signature present and refused counts as a problem).
    pub fn is_intact(&self) -> bool {
        self.problems() == 0
    }

    /// What the signature says, one line: present and by whom (trusted or not yet checked), or
    /// absent; a refused signature is among the problems of [`fmt::Display`].
    pub fn signature_line(&self) -> Option<String> {
        match &self.signature {
            SignatureState::Absent => Some("gói không có chữ ký số (manifest.json.p7s)".to_owned()),
            SignatureState::Unchecked(s) => Some(format!(
                "có chữ ký số hợp lệ về mặt kỹ thuật ({s}); CHƯA xác thực người ký: dùng --trust <chứng thư CA tin cậy>"
            )),
            SignatureState::Trusted(s) => Some(format!("chữ ký số hợp lệ và đáng tin cậy: {s}")),
            SignatureState::Refused(_) => None,
        }
    }

    /// True when intact and signed by a trusted signer (`verify --trust`).
    pub fn is_authentic(&self) -> bool {
        self.is_intact() && matches!(self.signature, SignatureState::Trusted(_))
    }

    /// How many problems were found (one per line of the report).
    pub fn problems(&self) -> usize {
        self.changed.len()
            + self.missing.len()
            + self.extra.len()
            + self.refused.len()
            + self.listed_twice.len()
            + self.listed_invalid.len()
            + usize::from(self.inconsistent.is_some())
            + usize::from(matches!(self.signature, SignatureState::Refused(_)))
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_intact() {
            return writeln!(f, "gói báo cáo nguyên vẹn: mọi tệp khớp với manifest.json");
        }
        if let Some(cause) = &self.inconsistent {
            writeln!(
                f,
                "cấu trúc zip không nhất quán: {} (phần đầu cục bộ khác thư mục trung tâm, dữ liệu chồng lấn hoặc mục bị giấu)",
                escaped(cause)
            )?;
        }
        for r in &self.refused {
            writeln!(f, "{r}")?;
        }
        for p in &self.listed_twice {
            writeln!(f, "manifest.json liệt kê hai lần: {}", escaped(p))?;
        }
        for (p, why) in &self.listed_invalid {
            writeln!(f, "manifest.json liệt kê tên không hợp lệ: {} ({why})", escaped(p))?;
        }
        for p in &self.changed {
            writeln!(f, "tệp bị thay đổi: {} (mã băm SHA-256 không khớp manifest.json)", escaped(p))?;
        }
        for p in &self.missing {
            writeln!(f, "thiếu tệp: {} (có trong manifest.json nhưng không có trong gói)", escaped(p))?;
        }
        for p in &self.extra {
            writeln!(f, "tệp lạ: {} (có trong gói nhưng không có trong manifest.json)", escaped(p))?;
        }
        if let SignatureState::Refused(why) = &self.signature {
            writeln!(f, "chữ ký số KHÔNG hợp lệ: {why}")?;
        }
        writeln!(f, "gói báo cáo KHÔNG đạt kiểm tra: {} vấn đề", self.problems())
    }
}

/// Why a package could not be verified at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// Not a zip, or a damaged one.
    #[error("tệp không phải gói zip hợp lệ")]
    Zip(#[from] zip::result::ZipError),
    /// More entries than [`MAX_ENTRIES`].
    #[error("gói có quá nhiều mục (hơn {limit})")]
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// No manifest inside.
    #[error("gói không có manifest.json")]
    NoManifest,
    /// The manifest's declared size is above [`MAX_MANIFEST_SIZE`].
    #[error("manifest.json quá lớn (khai báo {declared} byte, giới hạn {} MiB)", limit >> 20)]
    ManifestTooLarge {
        /// The size the zip declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// The manifest could not be decompressed.
    #[error("không giải nén được manifest.json")]
    ManifestRead(#[source] io::Error),
    /// The manifest's data is not its declared size.
    #[error("manifest.json dài khác kích thước khai báo ({declared} byte)")]
    ManifestSize {
        /// The size the zip declares.
        declared: u64,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error("manifest.json không đọc được")]
    Manifest(#[from] serde_json::Error),
}

/// Verifies a package read from `reader` (a file or a `Cursor` over bytes): only
/// `manifest.json` and its signature are held in memory, every other entry is hashed as it
/// streams by. A signature is checked, but its signer is not trusted (see [`verify_trusting`]).
pub fn verify_package<R: Read + Seek>(reader: R) -> Result<Verification, VerifyError> {
    verify_with(reader, LIMITS, None)
}

/// [`verify_package`], with the signer's chain followed up to one of `trusted` on the signing
/// date; a package without a signature is then refused.
pub fn verify_trusting<R: Read + Seek>(
    reader: R,
    trusted: &[Certificate],
) -> Result<Verification, VerifyError> {
    verify_with(reader, LIMITS, Some(trusted))
}

fn verify_with<R: Read + Seek>(
    reader: R,
    limits: Limits,
    trusted: Option<&[Certificate]>,
) -> Result<Verification, VerifyError> {
    let mut archive = ZipArchive::new(reader)?;
    if archive.len() > limits.entries {
        return Err(VerifyError::TooManyEntries { limit: limits.entries });
    }
    let mut v = Verification::default();

    // Names as extractors see them; any name carried by two entries is refused.
    let mut names = Vec::with_capacity(archive.len());
    let mut copies: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i)?;
        let name = entry
            .name()
            .map_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned(), Cow::into_owned);
        *copies.entry(name.clone()).or_default() += 1;
        names.push(name);
    }
    if archive.has_duplicate_names() {
        // The archive keeps one entry per name; the central directory still lists the others.
        let kept: BTreeSet<u64> = (0..archive.len())
            .filter_map(|i| archive.by_index_data(i).ok())
            .map(|e| e.central_header_start())
            .collect();
        let start = archive.central_directory_start();
        let mut reader = archive.into_inner();
        let headers = central_directory_names(&mut reader, start, limits.entries)
            .map_err(|e| VerifyError::Zip(e.into()))?;
        let mut shadowed = false;
        for (offset, raw) in headers {
            if !kept.contains(&offset) {
                shadowed = true;
                *copies.entry(String::from_utf8_lossy(&raw).into_owned()).or_insert(1) += 1;
            }
        }
        if !shadowed {
            *copies.entry("?".to_owned()).or_insert(1) += 1;
        }
        archive = ZipArchive::new(reader)?;
    } else if let Err(e) = archive.validate_header_consistency() {
        v.inconsistent = Some(e.to_string());
    }
    let mut refused_names = BTreeSet::new();
    for (name, &n) in &copies {
        if n > 1 {
            v.refused.push(Refused { name: name.clone(), why: Refusal::Duplicate { copies: n } });
            refused_names.insert(name.clone());
        }
    }

    let (manifest, manifest_bytes) = read_manifest(&mut archive, limits)?;
    v.signature = match read_small(&mut archive, SIGNATURE_NAME, limits.manifest) {
        None => match trusted {
            Some(_) => SignatureState::Refused(SignatureProblem::Missing),
            None => SignatureState::Absent,
        },
        Some(Err(why)) => SignatureState::Refused(SignatureProblem::Malformed(why)),
        Some(Ok(p7s)) => match check_signature(&manifest_bytes, &p7s, trusted) {
            Ok(s) if trusted.is_some() => SignatureState::Trusted(s),
            Ok(s) => SignatureState::Unchecked(s),
            Err(why) => SignatureState::Refused(why),
        },
    };
    let mut listed = BTreeSet::new();
    for entry in &manifest.files {
        if let Some(why) = listed_name_problem(&entry.path) {
            v.listed_invalid.push((entry.path.clone(), why));
        } else if !listed.insert(entry.path.as_str()) {
            v.listed_twice.push(entry.path.clone());
        }
    }

    // Hash every regular entry, within the limits.
    let mut hashes: BTreeMap<String, Hashed> = BTreeMap::new();
    let mut budget = limits.total;
    for (i, name) in names.into_iter().enumerate() {
        if refused_names.contains(&name) || name == MANIFEST_NAME || name == SIGNATURE_NAME {
            continue;
        }
        let data = archive.by_index_data(i)?;
        let is_dir = data.is_dir();
        let utf8 = std::str::from_utf8(data.name_raw()).is_ok();
        let (symlink, declared) = (data.is_symlink(), data.size());
        let problem = if utf8 {
            entry_name_problem(if is_dir { name.strip_suffix('/').unwrap_or(&name) } else { &name })
        } else {
            Some(NameProblem::NotUtf8)
        };
        let why = if let Some(p) = problem {
            Some(Refusal::UnsafeName(p))
        } else if symlink {
            Some(Refusal::Symlink)
        } else if is_dir {
            let empty = declared == 0
                && archive
                    .by_index(i)
                    .map_err(io::Error::from)
                    .and_then(|e| hash_limited(e, 0))
                    .is_ok_and(|h| h.size == 0);
            if empty {
                continue;
            }
            Some(Refusal::DirectoryWithData)
        } else if declared > limits.entry {
            Some(Refusal::TooLarge { declared, limit: limits.entry })
        } else if declared > budget {
            Some(Refusal::OverTotal { limit: limits.total })
        } else {
            budget -= declared;
            match archive.by_index(i).map_err(io::Error::from).and_then(|e| hash_limited(e, declared)) {
                Err(e) => Some(Refusal::Unreadable(e.to_string())),
                Ok(h) if h.size > declared => Some(Refusal::LargerThanDeclared { declared }),
                Ok(h) if h.size < declared => Some(Refusal::SmallerThanDeclared { declared, read: h.size }),
                Ok(h) => {
                    hashes.insert(name.clone(), h);
                    None
                }
            }
        };
        if let Some(why) = why {
            refused_names.insert(name.clone());
            v.refused.push(Refused { name, why });
        }
    }

    // Compare with the manifest: each listed path once, each hashed entry listed.
    let mut compared = BTreeSet::new();
    for entry in &manifest.files {
        let path = entry.path.as_str();
        if !listed.contains(path) || refused_names.contains(path) || !compared.insert(path) {
            continue;
        }
        match hashes.get(path) {
            None => v.missing.push(entry.path.clone()),
            Some(h) if h.sha256 != entry.sha256 || h.size != entry.size => v.changed.push(entry.path.clone()),
            Some(_) => {}
        }
    }
    v.extra = hashes.into_keys().filter(|name| !listed.contains(name.as_str())).collect();
    Ok(v)
}

/// Reads a small entry (the signature) into memory, at most `limit` bytes; `None` when absent.
fn read_small<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Option<Result<Vec<u8>, String>> {
    let i = archive.index_for_name(name)?;
    let mut read = || -> Result<Vec<u8>, String> {
        let entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let declared = entry.size();
        if declared > limit {
            return Err(format!("{name} quá lớn ({declared} byte)"));
        }
        let mut bytes = Vec::new();
        entry.take(declared + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 != declared {
            return Err(format!("{name} dài khác kích thước khai báo"));
        }
        Ok(bytes)
    };
    Some(read())
}

/// Reads `manifest.json` into memory (at most its declared size, itself capped) and parses it;
/// returns it with its bytes (what the signature signs).
fn read_manifest<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    limits: Limits,
) -> Result<(Manifest, Vec<u8>), VerifyError> {
    let i = archive.index_for_name(MANIFEST_NAME).ok_or(VerifyError::NoManifest)?;
    let entry = archive.by_index(i).map_err(|e| VerifyError::ManifestRead(e.into()))?;
    let declared = entry.size();
    if declared > limits.manifest {
        return Err(VerifyError::ManifestTooLarge { declared, limit: limits.manifest });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    entry.take(declared + 1).read_to_end(&mut bytes).map_err(VerifyError::ManifestRead)?;
    if bytes.len() as u64 != declared {
        return Err(VerifyError::ManifestSize { declared });
    }
    Ok((serde_json::from_slice(&bytes)?, bytes))
}

/// An entry's content as read: its hex SHA-256 and its size.
#[derive(Debug)]
struct Hashed {
    sha256: String,
    size: u64,
}

/// Hashes at most `declared + 1` bytes of `reader`, [`CHUNK`] at a time: one byte past the
/// declared size shows the entry lies about it, whatever it would decompress to.
fn hash_limited(reader: impl Read, declared: u64) -> io::Result<Hashed> {
    let mut limited = reader.take(declared.saturating_add(1));
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let n = match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok(Hashed { sha256: crate::hash::hex(&hasher.finalize()), size })
}

/// The offset and raw name of each header of the central directory starting at `start`, in
/// order and with repeated names (which `ZipArchive` merges); at most `limit` of them.
fn central_directory_names<R: Read + Seek>(
    reader: &mut R,
    start: u64,
    limit: usize,
) -> io::Result<Vec<(u64, Vec<u8>)>> {
    const SIGNATURE: [u8; 4] = *b"PK\x01\x02";
    let mut out = Vec::new();
    let mut offset = start;
    loop {
        reader.seek(SeekFrom::Start(offset))?;
        let mut header = [0u8; 46];
        match reader.read_exact(&mut header) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            other => other?,
        }
        if header[..4] != SIGNATURE {
            break;
        }
        if out.len() == limit {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "too many central directory headers"));
        }
        let field = |at: usize| u16::from_le_bytes([header[at], header[at + 1]]);
        let (name_len, extra_len, comment_len) = (field(28), field(30), field(32));
        let mut name = vec![0u8; usize::from(name_len)];
        reader.read_exact(&mut name)?;
        out.push((offset, name));
        offset += 46 + u64::from(name_len) + u64::from(extra_len) + u64::from(comment_len);
    }
    Ok(out)
}

mod names;
mod refusal;
#[cfg(test)]
mod tests;
