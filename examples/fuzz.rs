//! Mutation fuzzing of intake and `verify`, on stable Rust, without extra crates.
//!
//! ```text
//! cargo run --release --example fuzz -- --seconds 1800 [--seed N] [--mem-limit-mb 4000]
//! cargo run --release --example fuzz -- --replay target/fuzz-findings/<file> [--package]
//! ```
//!
//! Seeds are the shipped sample submissions (`data/submissions/2024-Q2/**`: xlsx, xls, ods) and a
//! package built from the sample data with `pipeline::run_build`. Each input is one seed mutated
//! a few times: bytes (flips, interesting values, truncation, inserted, repeated or deleted
//! chunks), zip headers (sizes, offsets, counts, methods), or, for zip-based files, members
//! (numbers → NaN/1e300/huge digit strings, attribute counts and cell references, duplicated
//! rows and strings, long strings, control characters, cell types, entity declarations,
//! dropped/renamed/duplicated members) re-zipped with the `zip` crate. Spreadsheets go through
//! `collect::run_intake` (one file in a data folder holding the real plan), packages through
//! `package::verify_package`.
//!
//! The process started by `cargo run` is a supervisor: it runs the fuzzing in a child process
//! (`--worker`) under `ulimit -v` (`--mem-limit-mb`, 0 for none), so an input that makes intake
//! allocate gigabytes becomes an allocation failure, i.e. an abort, instead of a visit from the
//! OOM killer. When a child aborts or is killed, the supervisor saves the input it was reading
//! and starts a new child with the next seed. Findings go to `target/fuzz-findings/`
//! (`<class>-<kind>-<signature>-s<seed>-i<input>.<ext>` with a `.txt` beside it):
//!
//! - `panic`: a panic escaped the library (intake and verify must never panic);
//! - `caught`: a panic inside intake that intake caught itself (the file is rejected as corrupt);
//!   in baocao's own code that is a bug, in calamine it is what the catch is for;
//! - `abort`: the child died (allocation failure under the memory limit, stack overflow, signal);
//! - `slow` (> 10 s), `hang` (> 30 s, the child is restarted), `memory` (peak RSS grows by more than 1 GB).
//!
//! At most three inputs are kept per signature; `summary.txt` counts them all. The random
//! generator is a SplitMix64 seeded from `--seed`, so a child's sequence of inputs is
//! reproducible.

use std::backtrace::Backtrace;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use baocao::collect::{FileStatus, run_intake};
use baocao::period::Quarter;
use baocao::pipeline::{Job, run_build};
use baocao::plan::{Plan, load_plan};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// An input slower than this is a finding.
const SLOW: Duration = Duration::from_secs(10);
/// An input slower than this stops the child (the supervisor starts the next one).
const HANG: Duration = Duration::from_secs(30);
/// A child saying nothing for this long is killed (its own watchdog should have stopped it).
const SILENCE: Duration = Duration::from_secs(60);
/// Peak resident memory of one input above the resident size before it: a finding.
const MEMORY_FINDING_MB: u64 = 1024;
/// Inputs kept per finding signature.
const KEEP_PER_SIGNATURE: usize = 3;
/// Largest unpacked member a mutation builds, except the rare deliberate bomb.
const MAX_MEMBER: usize = 32 << 20;
/// Largest unpacked member of a deliberate bomb (still within intake's 400 MB unpack limit).
const MAX_BOMB: usize = 160 << 20;

fn main() {
    let args = Args::parse();
    if let Some(file) = &args.replay {
        replay(file, args.package);
    } else if args.worker {
        worker(&args);
    } else {
        supervise(&args);
    }
}

// ---------------------------------------------------------------------------------------------
// Command line

struct Args {
    seconds: u64,
    seed: u64,
    mem_limit_mb: u64,
    out: PathBuf,
    worker: bool,
    package_seed: Option<PathBuf>,
    replay: Option<PathBuf>,
    package: bool,
}

impl Args {
    fn parse() -> Args {
        let mut a = Args {
            seconds: 60,
            seed: 1,
            mem_limit_mb: 4000,
            out: root().join("target/fuzz-findings"),
            worker: false,
            package_seed: None,
            replay: None,
            package: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            let mut value = || it.next().unwrap_or_else(|| usage(&format!("thiếu giá trị sau {arg}")));
            match arg.as_str() {
                "--seconds" => a.seconds = number(&value()),
                "--seed" => a.seed = number(&value()),
                "--mem-limit-mb" => a.mem_limit_mb = number(&value()),
                "--out" => a.out = PathBuf::from(value()),
                "--package-seed" => a.package_seed = Some(PathBuf::from(value())),
                "--replay" => a.replay = Some(PathBuf::from(value())),
                "--worker" => a.worker = true,
                "--package" => a.package = true,
                _ => usage(&format!("không hiểu tham số {arg}")),
            }
        }
        a
    }
}

fn number(text: &str) -> u64 {
    text.parse().unwrap_or_else(|_| usage(&format!("{text} không phải số")))
}

fn usage(problem: &str) -> ! {
    eprintln!("{problem}");
    eprintln!(
        "dùng: cargo run --release --example fuzz -- [--seconds N] [--seed N] [--mem-limit-mb N] [--out DIR]\n\
         \x20     cargo run --release --example fuzz -- --replay TỆP [--package]"
    );
    std::process::exit(2)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn quarter() -> Quarter {
    Quarter::new(2024, 2).expect("2024-Q2")
}

// ---------------------------------------------------------------------------------------------
// Supervisor

/// Inputs tried, per kind.
#[derive(Default, Clone)]
struct Counts(BTreeMap<String, u64>);

impl Counts {
    fn add(&mut self, other: &Counts) {
        for (k, v) in &other.0 {
            *self.0.entry(k.clone()).or_default() += v;
        }
    }

    fn total(&self) -> u64 {
        self.0.iter().filter(|(k, _)| KINDS.contains(&k.as_str())).map(|(_, v)| v).sum()
    }

    fn line(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{k} {v}")).collect();
        parts.join(", ")
    }

    fn parse(line: &str) -> Counts {
        let mut c = Counts::default();
        for part in line.split_whitespace() {
            if let Some((k, v)) = part.split_once('=').filter(|(k, _)| *k != "findings") {
                c.0.insert(k.to_owned(), v.parse().unwrap_or(0));
            }
        }
        c
    }
}

/// The kinds of input, as counted.
const KINDS: [&str; 4] = ["xlsx", "xls", "ods", "package"];

fn supervise(args: &Args) {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let work = args.out.join(".work");
    fs::create_dir_all(&work).expect("the findings folder");
    let package = work.join("package-seed.zip");
    println!("tạo gói mẫu để làm hạt giống…");
    fs::write(&package, build_sample_package()).expect("the sample package");
    let exe = std::env::current_exe().expect("the harness binary");
    let mut totals = Counts::default();
    let mut findings: BTreeMap<String, u64> = BTreeMap::new();
    let mut seed = args.seed;
    let mut children = 0;
    let mut early_deaths = 0;
    println!(
        "fuzz {} s, hạt giống {}, giới hạn bộ nhớ {} MB/tiến trình con, phát hiện ghi vào {}",
        args.seconds,
        args.seed,
        args.mem_limit_mb,
        args.out.display()
    );
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now()).as_secs().max(1);
        let stderr_path = work.join(format!("worker-{seed}.stderr"));
        let current = work.join(format!("w{seed}")).join("current.txt");
        let _ = fs::remove_file(&current);
        let mut cmd = if args.mem_limit_mb > 0 {
            let mut c = Command::new("sh");
            c.arg("-c").arg("ulimit -v \"$0\" && exec \"$@\"").arg((args.mem_limit_mb * 1024).to_string());
            c.arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(["--worker", "--seconds", &left.to_string(), "--seed", &seed.to_string()])
            .arg("--out")
            .arg(&args.out)
            .arg("--package-seed")
            .arg(&package)
            .env("RUST_BACKTRACE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(fs::File::create(&stderr_path).expect("a stderr file")));
        let mut child = cmd.spawn().expect("the worker starts");
        children += 1;
        let mut last = Counts::default();
        let mut last_print = Instant::now();
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut heard = Instant::now();
        let mut killed = false;
        loop {
            let line = match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => {
                    // A child silent for this long is stuck beyond its own watchdog.
                    if heard.elapsed() > SILENCE && !killed {
                        println!("tiến trình con im lặng quá {} s: dừng nó", SILENCE.as_secs());
                        let _ = child.kill();
                        killed = true;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            };
            heard = Instant::now();
            if let Some(rest) = line.strip_prefix("@stats ") {
                last = Counts::parse(rest);
                if last_print.elapsed() >= Duration::from_secs(10) {
                    let mut now = totals.clone();
                    now.add(&last);
                    println!(
                        "[{:>5} s] đã thử {} đầu vào ({}); phát hiện {} (tiến trình con {children}, hạt giống {seed})",
                        started.elapsed().as_secs(),
                        now.total(),
                        now.line(),
                        findings.values().sum::<u64>()
                    );
                    last_print = Instant::now();
                }
            } else if let Some(rest) = line.strip_prefix("@finding ") {
                let (sig, text) = rest.split_once(' ').unwrap_or((rest, ""));
                *findings.entry(sig.to_owned()).or_default() += 1;
                println!("PHÁT HIỆN: {text}");
            } else {
                println!("{line}");
            }
        }
        let status = child.wait().expect("the worker's status");
        totals.add(&last);
        if status.success() {
            continue;
        }
        // The child died on an input: save it.
        let meta = fs::read_to_string(&current).unwrap_or_default();
        if meta.is_empty() {
            early_deaths += 1;
            if early_deaths >= 3 {
                eprintln!("tiến trình con chết trước khi thử đầu vào nào: xem {}", stderr_path.display());
                std::process::exit(1);
            }
        } else {
            early_deaths = 0;
            let (sig, text) = save_abort(&args.out, &meta, &status, &stderr_path, killed);
            *findings.entry(sig).or_default() += 1;
            let kind = field(&meta, "kind");
            *totals.0.entry(kind.to_owned()).or_default() += 1;
            println!("PHÁT HIỆN: {text}");
        }
        seed += 1;
    }
    let summary = summary(&totals, &findings, started.elapsed(), args, children);
    println!("{summary}");
    fs::write(args.out.join("summary.txt"), summary).expect("summary.txt");
}

fn summary(
    totals: &Counts,
    findings: &BTreeMap<String, u64>,
    elapsed: Duration,
    args: &Args,
    children: u64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "fuzz: {} s, hạt giống {}…, {children} tiến trình con, giới hạn bộ nhớ {} MB",
        elapsed.as_secs(),
        args.seed,
        args.mem_limit_mb
    );
    let _ = writeln!(s, "đã thử {} đầu vào: {}", totals.total(), totals.line());
    let _ = writeln!(s, "phát hiện: {} lần, {} loại", findings.values().sum::<u64>(), findings.len());
    for (sig, n) in findings {
        let _ = writeln!(s, "  {n:>6} × {sig}");
    }
    s
}

/// Saves the input a dead child was reading; returns its signature and a line about it.
fn save_abort(
    out: &Path,
    meta: &str,
    status: &std::process::ExitStatus,
    stderr: &Path,
    killed: bool,
) -> (String, String) {
    use std::os::unix::process::ExitStatusExt;
    let text = fs::read_to_string(stderr).unwrap_or_default();
    let head: Vec<&str> = text.lines().take(80).collect();
    let cause = match status.signal() {
        Some(6) => "SIGABRT".to_owned(),
        Some(9) => "SIGKILL".to_owned(),
        Some(11) => "SIGSEGV".to_owned(),
        Some(s) => format!("tín hiệu {s}"),
        None => format!("mã thoát {}", status.code().unwrap_or(-1)),
    };
    let hang = killed || status.code() == Some(HANG_EXIT);
    // The runtime's last words ("memory allocation of 51539607552 bytes failed", "has
    // overflowed its stack"), one signature for all sizes.
    let words = ["memory allocation of", "overflowed its stack", "fatal runtime error", "panicked", "abort"];
    let reason = text
        .lines()
        .find(|l| words.iter().any(|w| l.contains(w)))
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .to_owned();
    let shape: String = reason.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
    let class = if hang { "hang" } else { "abort" };
    let kind = field(meta, "kind");
    let sig = format!("{class}-{kind}-{:08x}", fnv(&format!("{cause} {shape}")) as u32);
    let input = PathBuf::from(field(meta, "path"));
    let ext = field(meta, "ext");
    let name = format!("{sig}-s{}-i{}", field(meta, "seed"), field(meta, "iter"));
    let detail = format!("{meta}\nnguyên nhân: {cause}\nstderr:\n{}\n", head.join("\n"));
    let saved = keep(out, &sig, &name, ext, &fs::read(&input).unwrap_or_default(), &detail);
    let line = format!(
        "{class} ({cause}) khi đọc {kind}: {reason} → {}",
        saved.unwrap_or_else(|| "(đã đủ mẫu)".into())
    );
    (sig, line)
}

/// Saves an input under `out/<name>.<ext>` with `<name>.txt`, unless its signature already has
/// [`KEEP_PER_SIGNATURE`] inputs; returns the path saved.
fn keep(out: &Path, sig: &str, name: &str, ext: &str, bytes: &[u8], detail: &str) -> Option<String> {
    let _ = fs::create_dir_all(out);
    let existing = fs::read_dir(out)
        .map(|d| {
            d.flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.starts_with(sig) && n.ends_with(".txt")
                })
                .count()
        })
        .unwrap_or(0);
    if existing >= KEEP_PER_SIGNATURE {
        return None;
    }
    let path = out.join(format!("{name}.{ext}"));
    fs::write(&path, bytes).ok()?;
    fs::write(out.join(format!("{name}.txt")), detail).ok()?;
    Some(path.display().to_string())
}

fn field<'a>(meta: &'a str, key: &str) -> &'a str {
    meta.lines().find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('='))).unwrap_or("")
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Builds the sample quarter's package in a temporary folder and returns its bytes.
fn build_sample_package() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&root().join("data"), &dir.path().join("data"));
    let data = dir.path().join("data");
    let plan = load_plan(&data, 2024).expect("the plan loads").plan;
    let job = Job {
        data,
        out: dir.path().join("out"),
        quarter: quarter(),
        cutoff: quarter().deadline(plan.info.submission_day),
        signing_date: None,
        final_build: false,
        templates: None,
        font_dirs: Vec::new(),
        system_fonts: false,
        keep_typ: false,
        package: true,
        archive: false,
        upward: Default::default(),
    };
    run_build(&plan, &job, &mut |_| {}).expect("the sample build runs");
    fs::read(job.quarter_dir().join(format!("goi-bao-cao-{}.zip", quarter()))).expect("the package")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).map(Path::to_path_buf).unwrap_or_default();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
        } else {
            fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Worker

/// Exit code of a child that stopped on a hanging input.
const HANG_EXIT: i32 = 86;

/// One seed input.
struct Seed {
    kind: &'static str,
    name: String,
    bytes: Vec<u8>,
}

/// The input being read, for the watchdog.
struct Current {
    started: Instant,
    meta: String,
    path: PathBuf,
    ext: String,
    reported: bool,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The backtrace of the first panic at each location, resolved only when a finding is saved
/// (resolving needs memory, and the panic may come from running out of it).
static BACKTRACES: Mutex<Vec<(String, Backtrace)>> = Mutex::new(Vec::new());
static OUT: Mutex<Option<PathBuf>> = Mutex::new(None);
static FINDINGS: AtomicU64 = AtomicU64::new(0);
static RESET_PEAK_WORKS: AtomicBool = AtomicBool::new(true);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn seeds(package_seed: Option<&Path>) -> Vec<Seed> {
    let dir = root().join("data/submissions").join(quarter().to_string());
    let mut seeds = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("~$") {
            continue; // a lock file: intake ignores it by name
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let kind = match ext.as_str() {
            "xlsx" => "xlsx",
            "xls" => "xls",
            "ods" => "ods",
            _ => continue,
        };
        let bytes = fs::read(entry.path()).expect("a sample submission");
        seeds.push(Seed { kind, name, bytes });
    }
    if let Some(p) = package_seed {
        let bytes = fs::read(p).expect("the sample package");
        seeds.push(Seed { kind: "package", name: "goi-bao-cao-2024-Q2.zip".into(), bytes });
    }
    seeds
}

/// Tries inputs until the time is up, reporting to the supervisor on stdout.
fn worker(args: &Args) {
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    *lock(&OUT) = Some(args.out.clone());
    install_panic_hook();
    let seeds = seeds(args.package_seed.as_deref());
    let by_kind: BTreeMap<&str, Vec<usize>> = KINDS
        .iter()
        .map(|k| (*k, seeds.iter().enumerate().filter(|(_, s)| s.kind == *k).map(|(i, _)| i).collect()))
        .collect();
    let work = args.out.join(".work").join(format!("w{}", args.seed));
    let _ = fs::remove_dir_all(&work);
    let data = work.join("data");
    copy_dir(&root().join("data/plan"), &data.join("plan"));
    let plan = load_plan(&data, 2024).expect("the plan loads").plan;
    let folder = data.join("submissions").join(quarter().to_string());
    std::thread::spawn(watchdog);
    let mut rng = Rng::new(args.seed);
    let mut counts = Counts::default();
    let mut last_stats = Instant::now();
    let mut iter: u64 = 0;
    while Instant::now() < deadline {
        iter += 1;
        // One package in six; the spreadsheet kinds in proportion to their seeds.
        let kind = if rng.chance(1, 6) && !by_kind["package"].is_empty() {
            "package"
        } else {
            *rng.pick(&["xlsx", "xlsx", "xlsx", "xls", "ods"])
        };
        let pool = &by_kind[kind];
        if pool.is_empty() {
            continue;
        }
        let seed = &seeds[pool[rng.below(pool.len())]];
        let mut ops = Vec::new();
        let bytes = mutate(&mut rng, seed, &mut ops);
        let ext = if kind == "package" {
            "zip".to_owned()
        } else if rng.chance(1, 8) {
            (*rng.pick(&["xlsx", "xls", "ods", "xlsm", "XLSX"])).to_owned()
        } else {
            seed.name.rsplit_once('.').map(|(_, e)| e.to_owned()).unwrap_or_default()
        };
        let path = if kind == "package" {
            work.join("current.zip")
        } else {
            let _ = fs::remove_dir_all(&folder);
            fs::create_dir_all(&folder).expect("the submissions folder");
            let stem = seed.name.rsplit_once('.').map_or(seed.name.as_str(), |(s, _)| s);
            folder.join(format!("{stem}.{ext}"))
        };
        fs::write(&path, &bytes).expect("the input is written");
        let meta = format!(
            "kind={kind}\nseed={}\niter={iter}\next={ext}\npath={}\nfrom={}\nsize={}\nops={}\n",
            args.seed,
            path.display(),
            seed.name,
            bytes.len(),
            ops.join(" ")
        );
        fs::write(work.join("current.txt"), &meta).expect("current.txt");
        *lock(&CURRENT) = Some(Current {
            started: Instant::now(),
            meta: meta.clone(),
            path: path.clone(),
            ext: ext.clone(),
            reported: false,
        });
        lock(&PANICS).clear();
        // Freed memory is not always returned to the OS, so the peak counts from the
        // resident size before the input.
        let rss_before = rss_mb("VmRSS:").unwrap_or(0);
        reset_peak();
        let started = Instant::now();
        let result = if kind == "package" {
            catch_unwind(|| verify(&bytes))
        } else {
            catch_unwind(AssertUnwindSafe(|| intake(&plan, &data)))
        };
        let elapsed = started.elapsed();
        let peak = peak_rss_mb().map(|p| p.saturating_sub(rss_before));
        let reported = lock(&CURRENT).take().is_some_and(|c| c.reported);
        *counts.0.entry(kind.to_owned()).or_default() += 1;
        let panics = std::mem::take(&mut *lock(&PANICS));
        match result {
            Ok(outcome) => {
                *counts.0.entry(format!("{kind}:{outcome}")).or_default() += 1;
                for p in &panics {
                    let ours = p.contains("@ src/") || p.contains("/baocao/src/");
                    let class = if ours { "caught-ours" } else { "caught" };
                    let sig = format!("{class}-{kind}-{:08x}", fnv(&location_of(p)) as u32);
                    finding(
                        &sig,
                        &meta,
                        &path,
                        &ext,
                        &format!("panic bị intake bắt: {p}"),
                        Some(&location_of(p)),
                    );
                }
            }
            Err(_) => {
                let p = panics.first().cloned().unwrap_or_else(|| "(không rõ)".into());
                let sig = format!("panic-{kind}-{:08x}", fnv(&location_of(&p)) as u32);
                let at = location_of(&p);
                finding(&sig, &meta, &path, &ext, &format!("panic thoát ra ngoài thư viện: {p}"), Some(&at));
            }
        }
        if elapsed > SLOW && !reported {
            let sig = format!("slow-{kind}-{:08x}", fnv(&ops_shape(&ops)) as u32);
            finding(&sig, &meta, &path, &ext, &format!("đầu vào mất {:.1} s", elapsed.as_secs_f64()), None);
        }
        if peak.is_some_and(|mb| mb > MEMORY_FINDING_MB) {
            let sig = format!("memory-{kind}-{:08x}", fnv(&ops_shape(&ops)) as u32);
            let mb = peak.unwrap_or(0);
            let text = format!("bộ nhớ đỉnh tăng {mb} MB ({:.1} s)", elapsed.as_secs_f64());
            finding(&sig, &meta, &path, &ext, &text, None);
        }
        if last_stats.elapsed() >= Duration::from_secs(2) {
            print_stats(&counts);
            last_stats = Instant::now();
        }
    }
    print_stats(&counts);
}

fn print_stats(counts: &Counts) {
    let parts: Vec<String> = counts.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!("@stats {} findings={}", parts.join(" "), FINDINGS.load(Ordering::Relaxed));
    let _ = std::io::stdout().flush();
}

/// Runs intake over the data folder; returns the file's status.
fn intake(plan: &Plan, data: &Path) -> &'static str {
    let cutoff = quarter().deadline(plan.info.submission_day);
    match run_intake(plan, data, quarter(), cutoff) {
        Ok(i) => match i.files.first().map(|f| &f.status) {
            Some(FileStatus::Accepted) => "accepted",
            Some(FileStatus::Rejected) => "rejected",
            Some(FileStatus::Superseded { .. }) => "superseded",
            Some(FileStatus::Ignored { .. }) => "ignored",
            None => "none",
        },
        Err(_) => "error",
    }
}

/// Verifies a package from memory; returns the verdict.
fn verify(bytes: &[u8]) -> &'static str {
    match baocao::package::verify_package(Cursor::new(bytes)) {
        Ok(v) if v.is_intact() => "intact",
        Ok(_) => "tampered",
        Err(_) => "unreadable",
    }
}

/// Records one finding: saves the input (up to [`KEEP_PER_SIGNATURE`] per signature) and tells
/// the supervisor.
fn finding(sig: &str, meta: &str, path: &Path, ext: &str, what: &str, panic_at: Option<&str>) {
    FINDINGS.fetch_add(1, Ordering::Relaxed);
    let out = lock(&OUT).clone().unwrap_or_default();
    let name = format!("{sig}-s{}-i{}", field(meta, "seed"), field(meta, "iter"));
    let backtrace = panic_at.and_then(|loc| {
        let traces = lock(&BACKTRACES);
        let (_, bt) = traces.iter().find(|(l, _)| l == loc)?;
        let text = bt.to_string();
        Some(format!("backtrace:\n{}", text.lines().take(80).collect::<Vec<_>>().join("\n")))
    });
    let detail = format!("{meta}{what}\n{}", backtrace.unwrap_or_default());
    let saved = keep(&out, sig, &name, ext, &fs::read(path).unwrap_or_default(), &detail);
    let first_line = what.lines().next().unwrap_or("");
    println!("@finding {sig} {first_line} → {}", saved.unwrap_or_else(|| "(đã đủ mẫu)".into()));
    let _ = std::io::stdout().flush();
}

/// The `file:line` of a recorded panic (`message @ file:line`).
fn location_of(panic: &str) -> String {
    panic.rsplit_once(" @ ").map(|(_, l)| l.to_owned()).unwrap_or_else(|| panic.to_owned())
}

/// The mutation operators applied, without their positions and values.
fn ops_shape(ops: &[String]) -> String {
    let names: Vec<&str> = ops.iter().map(|o| o.split(['@', ':', '(']).next().unwrap_or("")).collect();
    names.join(" ")
}

/// Records each panic's message and location (and, the first time a location is seen, its
/// unresolved backtrace) instead of printing it.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "(không phải chuỗi)".to_owned()
        };
        let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let msg: String = msg.chars().take(300).collect();
        let entry = format!("{msg} @ {loc}");
        let mut traces = lock(&BACKTRACES);
        if !traces.iter().any(|(l, _)| *l == loc) {
            traces.push((loc, Backtrace::force_capture()));
        }
        drop(traces);
        lock(&PANICS).push(entry);
    }));
}

/// Saves an input that runs longer than [`SLOW`]; stops the child after [`HANG`].
fn watchdog() {
    loop {
        std::thread::sleep(Duration::from_millis(500));
        // Never wait for a lock here: the main thread may hold one while stuck.
        let Ok(mut current) = CURRENT.try_lock() else { continue };
        let Some(c) = current.as_mut() else { continue };
        let elapsed = c.started.elapsed();
        if elapsed > SLOW && !c.reported {
            c.reported = true;
            let kind = field(&c.meta, "kind").to_owned();
            let shape = field(&c.meta, "ops")
                .split(' ')
                .map(|o| o.split(['@', ':', '(']).next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ");
            let sig = format!("slow-{kind}-{:08x}", fnv(&shape) as u32);
            let (meta, path, ext) = (c.meta.clone(), c.path.clone(), c.ext.clone());
            drop(current);
            finding(&sig, &meta, &path, &ext, &format!("đầu vào chạy quá {} s", SLOW.as_secs()), None);
            continue;
        }
        if elapsed > HANG {
            println!("đầu vào chạy quá {} s: dừng tiến trình con", HANG.as_secs());
            let _ = std::io::stdout().flush();
            std::process::exit(HANG_EXIT);
        }
    }
}

/// Resets the kernel's peak-RSS counter of this process (`VmHWM`).
fn reset_peak() {
    if RESET_PEAK_WORKS.load(Ordering::Relaxed) && fs::write("/proc/self/clear_refs", "5").is_err() {
        RESET_PEAK_WORKS.store(false, Ordering::Relaxed);
    }
}

/// Peak resident memory since [`reset_peak`], in MB, when the kernel tells.
fn peak_rss_mb() -> Option<u64> {
    if !RESET_PEAK_WORKS.load(Ordering::Relaxed) {
        return None;
    }
    rss_mb("VmHWM:")
}

/// A memory line of `/proc/self/status` (`VmRSS:`, `VmHWM:`), in MB.
fn rss_mb(key: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Reads one saved input the way the fuzzer did and says what happened.
fn replay(file: &Path, package: bool) {
    let bytes = fs::read(file).expect("the input to replay");
    let package = package || file.extension().is_some_and(|e| e == "zip");
    let started = Instant::now();
    reset_peak();
    let outcome = if package {
        format!(
            "{:?}",
            catch_unwind(|| baocao::package::verify_package(Cursor::new(&bytes)).map(|v| v.problems()))
        )
    } else {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().join("data");
        copy_dir(&root().join("data/plan"), &data.join("plan"));
        let plan = load_plan(&data, 2024).expect("the plan loads").plan;
        let folder = data.join("submissions").join(quarter().to_string());
        fs::create_dir_all(&folder).expect("the submissions folder");
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        fs::write(folder.join(name), &bytes).expect("the input");
        let cutoff = quarter().deadline(plan.info.submission_day);
        match catch_unwind(AssertUnwindSafe(|| run_intake(&plan, &data, quarter(), cutoff))) {
            Ok(Ok(i)) => i
                .files
                .iter()
                .map(|f| {
                    let msgs: Vec<String> = f.findings.iter().take(5).map(|x| x.message.clone()).collect();
                    format!("{}: {:?}; {}", f.path, f.status, msgs.join(" | "))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Ok(Err(e)) => format!("lỗi: {e}"),
            Err(_) => "panic".to_owned(),
        }
    };
    println!("{outcome}");
    println!("{:.2} s, bộ nhớ đỉnh {:?} MB", started.elapsed().as_secs_f64(), peak_rss_mb());
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/// SplitMix64: tiny, deterministic, good enough to choose mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Mostly small, sometimes large: 1..=max with a bias to the low end.
    fn size(&mut self, max: usize) -> usize {
        let bits = self.below(usize::BITS as usize - max.leading_zeros() as usize + 1);
        (self.below(1 << bits) + 1).min(max.max(1))
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations

/// One mutated input from a seed; `ops` gets what was done.
fn mutate(rng: &mut Rng, seed: &Seed, ops: &mut Vec<String>) -> Vec<u8> {
    let zip_based = seed.bytes.starts_with(b"PK");
    let mut bytes = match rng.below(10) {
        0..=5 if zip_based => members(rng, seed, ops).unwrap_or_else(|| seed.bytes.clone()),
        6 if zip_based => {
            let mut b = seed.bytes.clone();
            zip_headers(rng, &mut b, ops);
            b
        }
        _ => {
            let mut b = seed.bytes.clone();
            raw_bytes(rng, &mut b, ops);
            b
        }
    };
    // Now and then, stack a byte-level mutation on top.
    if rng.chance(1, 6) {
        raw_bytes(rng, &mut bytes, ops);
    }
    bytes
}

const INTERESTING_8: [u8; 8] = [0x00, 0x01, 0x7f, 0x80, 0xff, b'<', b'"', b'&'];
const INTERESTING_32: [u32; 10] =
    [0, 1, 0x7f, 0xff, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff, 0x0100_0000];

/// Byte-level mutations of any file.
fn raw_bytes(rng: &mut Rng, b: &mut Vec<u8>, ops: &mut Vec<String>) {
    for _ in 0..rng.size(8) {
        let len = b.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                let bit = rng.below(8);
                b[i] ^= 1 << bit;
                ops.push(format!("flip@{i}"));
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = *rng.pick(&INTERESTING_8);
                ops.push(format!("byte@{i}"));
            }
            2 if len >= 4 => {
                let i = rng.below(len - 3);
                let v = *rng.pick(&INTERESTING_32);
                b[i..i + 4].copy_from_slice(&v.to_le_bytes());
                ops.push(format!("u32@{i}:{v:#x}"));
            }
            3 => {
                b.truncate(at);
                ops.push(format!("truncate@{at}"));
            }
            4 => {
                let n = rng.size(256);
                let chunk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(at..at, chunk);
                ops.push(format!("insert@{at}:{n}"));
            }
            5 if len > 0 => {
                let from = rng.below(len);
                let n = rng.size(4096).min(len - from);
                let times = rng.size(64);
                let chunk = b[from..from + n].repeat(times);
                b.splice(at..at, chunk);
                ops.push(format!("repeat@{at}:{n}x{times}"));
            }
            6 if len > 0 => {
                let from = rng.below(len);
                let n = rng.size(4096).min(len - from);
                b.drain(from..from + n);
                ops.push(format!("delete@{from}:{n}"));
            }
            7 if len > 0 => {
                let from = rng.below(len);
                let n = rng.size(512).min(len - from);
                let to = rng.below(len - n + 1);
                let chunk = b[from..from + n].to_vec();
                b[to..to + n].copy_from_slice(&chunk);
                ops.push(format!("overwrite@{to}:{n}"));
            }
            _ if len > 0 => {
                // Bytes flipped across a small window.
                let from = rng.below(len);
                for byte in &mut b[from..(from + 16).min(len)] {
                    *byte = rng.next() as u8;
                }
                ops.push(format!("scramble@{from}"));
            }
            _ => {}
        }
    }
}

/// Overwrites fields of zip headers (local, central, end of central directory).
fn zip_headers(rng: &mut Rng, b: &mut [u8], ops: &mut Vec<String>) {
    // (signature, [(offset, width)])
    const LOCAL: &[(usize, usize)] = &[(4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)];
    const CENTRAL: &[(usize, usize)] = &[
        (6, 2),
        (8, 2),
        (10, 2),
        (16, 4),
        (20, 4),
        (24, 4),
        (28, 2),
        (30, 2),
        (32, 2),
        (34, 2),
        (38, 4),
        (42, 4),
    ];
    const END: &[(usize, usize)] = &[(4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)];
    let mut headers = Vec::new();
    for i in 0..b.len().saturating_sub(4) {
        if b[i] == b'P' && b[i + 1] == b'K' {
            match (b[i + 2], b[i + 3]) {
                (3, 4) => headers.push((i, LOCAL)),
                (1, 2) => headers.push((i, CENTRAL)),
                (5, 6) => headers.push((i, END)),
                _ => {}
            }
        }
    }
    if headers.is_empty() {
        return;
    }
    for _ in 0..rng.size(4) {
        let (at, fields) = *rng.pick(&headers);
        let (offset, width) = *rng.pick(fields);
        let pos = at + offset;
        if pos + width > b.len() {
            continue;
        }
        let v: u32 = if rng.chance(1, 4) { rng.next() as u32 } else { *rng.pick(&INTERESTING_32) };
        b[pos..pos + width].copy_from_slice(&v.to_le_bytes()[..width]);
        ops.push(format!("header@{pos}:{v:#x}"));
    }
}

/// A zip member.
struct Member {
    name: Vec<u8>,
    data: Vec<u8>,
    stored: bool,
}

/// Unzips, mutates members, re-zips; `None` when the seed cannot be unzipped.
fn members(rng: &mut Rng, seed: &Seed, ops: &mut Vec<String>) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(&seed.bytes)).ok()?;
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        members.push(Member { name: f.name_raw().to_vec(), data, stored: rng.chance(1, 5) });
    }
    // Raw names given to members after writing: (placeholder, wanted).
    let mut renames: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for _ in 0..rng.size(3) {
        if members.is_empty() {
            break;
        }
        match rng.below(20) {
            0 => {
                let i = rng.below(members.len());
                ops.push(format!("drop-member:{}", String::from_utf8_lossy(&members[i].name)));
                members.remove(i);
            }
            1 | 2 if seed.kind == "package" || rng.chance(1, 3) => {
                let i = rng.below(members.len());
                let wanted = weird_name(rng, &members[i].name);
                ops.push(format!("rename-member:{}", String::from_utf8_lossy(&wanted).escape_debug()));
                let placeholder = placeholder(rng, wanted.len(), renames.len());
                renames.push((placeholder.clone(), wanted));
                members[i].name = placeholder;
            }
            3 => {
                // A second entry with the same name (patched after writing).
                let i = rng.below(members.len());
                let copy = Member {
                    name: placeholder(rng, members[i].name.len(), renames.len()),
                    data: members[rng.below(members.len())].data.clone(),
                    stored: rng.chance(1, 2),
                };
                ops.push(format!("duplicate-member:{}", String::from_utf8_lossy(&members[i].name)));
                renames.push((copy.name.clone(), members[i].name.clone()));
                let at = rng.below(members.len() + 1);
                members.insert(at, copy);
            }
            4 => {
                let i = rng.below(members.len());
                let n = rng.size(1 << 16);
                members[i].data = (0..n).map(|_| rng.next() as u8).collect();
                ops.push(format!("garbage-member:{}", String::from_utf8_lossy(&members[i].name)));
            }
            _ => {
                let i = pick_text_member(rng, &members);
                let name = String::from_utf8_lossy(&members[i].name).into_owned();
                let mut data = std::mem::take(&mut members[i].data);
                markup(rng, &mut data, ops);
                ops.push(format!("in:{name}"));
                members[i].data = data;
            }
        }
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for m in &members {
        let method = if m.stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(m.data.len() >= u32::MAX as usize);
        let name = String::from_utf8_lossy(&m.name).into_owned();
        if zip.start_file(name, options).is_err() || zip.write_all(&m.data).is_err() {
            return None;
        }
    }
    let mut bytes = zip.finish().ok()?.into_inner();
    for (placeholder, wanted) in &renames {
        replace_all(&mut bytes, placeholder, wanted);
    }
    Some(bytes)
}

/// A member with text, preferring the ones a reader parses (worksheets, shared strings, styles,
/// the workbook, `content.xml`, `manifest.json`).
fn pick_text_member(rng: &mut Rng, members: &[Member]) -> usize {
    let texty: Vec<usize> = (0..members.len())
        .filter(|&i| {
            let n = String::from_utf8_lossy(&members[i].name).to_ascii_lowercase();
            n.ends_with(".xml") || n.ends_with(".rels") || n.ends_with(".json") || n.ends_with(".md")
        })
        .collect();
    let preferred: Vec<usize> = texty
        .iter()
        .copied()
        .filter(|&i| {
            let n = String::from_utf8_lossy(&members[i].name);
            ["sheet", "sharedStrings", "styles", "workbook", "content.xml", "manifest.json"]
                .iter()
                .any(|p| n.contains(p))
        })
        .collect();
    if !preferred.is_empty() && rng.chance(3, 4) {
        *rng.pick(&preferred)
    } else if !texty.is_empty() {
        *rng.pick(&texty)
    } else {
        rng.below(members.len())
    }
}

/// A name an extractor or a reader could trip on.
fn weird_name(rng: &mut Rng, old: &[u8]) -> Vec<u8> {
    let old = String::from_utf8_lossy(old).into_owned();
    let names: Vec<Vec<u8>> = vec![
        format!("../{old}").into_bytes(),
        format!("/{old}").into_bytes(),
        format!("C:{old}").into_bytes(),
        old.replace('/', "\\").into_bytes(),
        format!("a//{old}").into_bytes(),
        format!("./{old}").into_bytes(),
        format!("{old}/").into_bytes(),
        b"manifest.json".to_vec(),
        b"manifest.json.p7s".to_vec(),
        format!("{old}\u{1}").into_bytes(),
        format!("{old}\u{202e}").into_bytes(),
        [old.as_bytes(), b"\xff\xfe"].concat(),
        old.to_uppercase().into_bytes(),
        "x".repeat(rng.size(4000)).into_bytes(),
        b"xl/worksheets/sheet1.xml".to_vec(),
        b"content.xml".to_vec(),
    ];
    rng.pick(&names).clone()
}

/// A unique ASCII placeholder name of `len` bytes (at least 1).
fn placeholder(rng: &mut Rng, len: usize, n: usize) -> Vec<u8> {
    let len = len.max(1);
    let mut p: Vec<u8> = (0..len).map(|_| b'A' + (rng.next() % 26) as u8).collect();
    // Make collisions between placeholders impossible in practice.
    let tag = format!("Q{n}Z");
    if len >= tag.len() {
        p[..tag.len()].copy_from_slice(tag.as_bytes());
    }
    p
}

fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    if from.len() != to.len() || from.is_empty() {
        return;
    }
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            i += from.len();
        } else {
            i += 1;
        }
    }
}

/// Numbers that break naive readers.
const NUMBERS: &[&str] = &[
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e300",
    "-1e308",
    "1e309",
    "4.9e-324",
    "-0",
    "0x10",
    "1,5",
    "1.234,5",
    "١٢٣",
    "+",
    "-",
    ".",
    "e",
    "",
    " ",
    "1e",
    "--1",
    "9007199254740993",
    "1E+400",
    "0.000000000000000000000000000001",
    "37,7%",
    "khoảng 30",
];
/// Integers for attributes (counts, indexes, sizes, repeats).
const INTEGERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "255",
    "65535",
    "65536",
    "1048576",
    "1048577",
    "16384",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "1000000000",
    "100000000",
    "10000000",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "1e9",
    "",
    "abc",
    "1.5",
];
/// Cell references.
const REFS: &[&str] =
    &["XFD1048576", "A1048576", "XFD1", "A0", "ZZZZ1", "A99999999999", "", "1A", "$A$1", "a1", "A-1"];
/// Cell types.
const TYPES: &[&str] =
    &["s", "n", "b", "e", "str", "inlineStr", "d", "", "x", "float", "date", "string", "boolean"];
/// Text a clerk or a forger could type.
const TEXTS: &[&str] = &[
    "2024-Q2",
    "2024-Q9",
    "31/02/2024",
    "ngày 99 tháng 99 năm 99999",
    "45457",
    "1.234,5",
    "khoảng 30%",
    "#DIV/0!",
    "#read(\"/etc/passwd\")",
    "*a* <b> [x](y) | $x$",
    "Sở Tài chính",
    "So\u{302}\u{301} NFD",
    "B¸o c¸o",
    "\u{202e}RTL",
    "",
    " ",
    "CTHUE",
    "STC",
    "SKHDT",
    "ĐV",
    "- gạch\n# tiêu đề",
    "x\u{0}y",
];

/// Mutations of XML (or JSON, Markdown) text, as bytes.
fn markup(rng: &mut Rng, d: &mut Vec<u8>, ops: &mut Vec<String>) {
    for _ in 0..rng.size(4) {
        match rng.below(14) {
            0 | 1 => {
                // A number in element text (`<v>12.5</v>`) or in JSON.
                if let Some((s, e)) =
                    find_number(rng, d, b'>', b'<').or_else(|| find_number(rng, d, b' ', b','))
                {
                    let v = if rng.chance(1, 4) {
                        "9".repeat(rng.size(100_000))
                    } else {
                        (*rng.pick(NUMBERS)).to_owned()
                    };
                    ops.push(format!("number@{s}:{}", v.len()));
                    d.splice(s..e, v.into_bytes());
                }
            }
            2 | 3 => {
                // A number in an attribute (`uniqueCount="12"`, `table:number-columns-repeated="3"`).
                if let Some((s, e)) = find_number(rng, d, b'"', b'"') {
                    let v = *rng.pick(INTEGERS);
                    ops.push(format!("attr@{s}:{v}"));
                    d.splice(s..e, v.bytes());
                }
            }
            4 => {
                if let Some((s, e)) = find_attr(rng, d, b" r=\"") {
                    let v = *rng.pick(REFS);
                    ops.push(format!("ref@{s}:{v}"));
                    d.splice(s..e, v.bytes());
                }
            }
            5 => {
                let attr: &[u8] = if rng.chance(1, 2) { b" t=\"" } else { b"office:value-type=\"" };
                if let Some((s, e)) = find_attr(rng, d, attr) {
                    let v = *rng.pick(TYPES);
                    ops.push(format!("type@{s}:{v}"));
                    d.splice(s..e, v.bytes());
                }
            }
            6 | 7 => duplicate_element(rng, d, ops, false),
            8 => {
                // Text replaced by what a clerk could type.
                if let Some((s, e)) = find_between(rng, d, b'>', b'<') {
                    let v = *rng.pick(TEXTS);
                    ops.push(format!("text@{s}"));
                    d.splice(s..e, v.bytes());
                }
            }
            9 => {
                let at = text_position(rng, d);
                let n = rng.size(2_000_000);
                let piece =
                    *rng.pick(&["a", "ệ", "Sở ", "\u{301}", "😀", "\u{202e}", "&amp;", "&#x1;", " ", "9"]);
                let long = piece.repeat(n / piece.len().max(1) + 1);
                ops.push(format!("long@{at}:{}", long.len()));
                d.splice(at..at, long.into_bytes());
            }
            10 => {
                let at = text_position(rng, d);
                let v = *rng.pick(&[
                    "\u{0}",
                    "\u{1}",
                    "\u{8}",
                    "\u{b}",
                    "\u{1f}",
                    "\u{7f}",
                    "\u{85}",
                    "\u{feff}",
                    "\u{fffe}",
                    "&#0;",
                    "&#1;",
                    "&#xFFFE;",
                    "&#xD800;",
                    "&#x10FFFF;",
                    "&#99999999;",
                    "&amp",
                    "&#;",
                    "&lt;",
                    "]]>",
                    "<![CDATA[x]]>",
                    "\r\n",
                    "\n\n\n",
                ]);
                ops.push(format!("control@{at}"));
                d.splice(at..at, v.bytes());
            }
            11 => {
                // Entity declarations (quick-xml does not expand them; make sure of it).
                let doctype = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>";
                let at = d.windows(2).position(|w| w == b"?>").map_or(0, |p| p + 2);
                ops.push("doctype".to_owned());
                d.splice(at..at, doctype.bytes());
            }
            12 => {
                if !d.is_empty() {
                    let from = rng.below(d.len());
                    let n = rng.size(256).min(d.len() - from);
                    d.drain(from..from + n);
                    ops.push(format!("cut@{from}:{n}"));
                }
            }
            _ => {
                if rng.chance(1, 20) {
                    duplicate_element(rng, d, ops, true)
                } else {
                    raw_bytes(rng, d, ops)
                }
            }
        }
        if d.len() > MAX_BOMB {
            d.truncate(MAX_BOMB);
        }
    }
}

/// The span of a number (digits, sign, dot, exponent) between `open` and `close`, chosen at random.
fn find_number(rng: &mut Rng, d: &[u8], open: u8, close: u8) -> Option<(usize, usize)> {
    let spans = spans_between(d, open, close, |s| {
        !s.is_empty()
            && s.len() < 40
            && s.iter().all(|c| c.is_ascii_digit() || b"+-.eE".contains(c))
            && s.iter().any(u8::is_ascii_digit)
    });
    (!spans.is_empty()).then(|| *rng.pick(&spans))
}

/// The span of any short text between `open` and `close`.
fn find_between(rng: &mut Rng, d: &[u8], open: u8, close: u8) -> Option<(usize, usize)> {
    let spans = spans_between(d, open, close, |s| s.len() < 200 && !s.contains(&b'>'));
    (!spans.is_empty()).then(|| *rng.pick(&spans))
}

/// The value span of the attribute starting with `prefix` (which ends with `="`).
fn find_attr(rng: &mut Rng, d: &[u8], prefix: &[u8]) -> Option<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(p) = find(&d[i..], prefix) {
        let s = i + p + prefix.len();
        let e = s + d[s..].iter().position(|c| *c == b'"')?;
        spans.push((s, e));
        i = e;
    }
    (!spans.is_empty()).then(|| *rng.pick(&spans))
}

fn spans_between(d: &[u8], open: u8, close: u8, ok: impl Fn(&[u8]) -> bool) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, &c) in d.iter().enumerate() {
        if c == close
            && let Some(s) = start
        {
            if ok(&d[s..i]) {
                spans.push((s, i));
            }
            start = None;
        }
        if c == open {
            start = Some(i + 1);
        }
        if spans.len() >= 4096 {
            break;
        }
    }
    spans
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A place inside element text when there is one, else anywhere.
fn text_position(rng: &mut Rng, d: &[u8]) -> usize {
    match find_between(rng, d, b'>', b'<') {
        Some((s, e)) => s + rng.below(e - s + 1),
        None => rng.below(d.len() + 1),
    }
}

/// Repeats one element (a row, a cell, a shared string, a sheet…) after itself, a few times or,
/// as a `bomb`, until the member is a hundred megabytes or more.
fn duplicate_element(rng: &mut Rng, d: &mut Vec<u8>, ops: &mut Vec<String>, bomb: bool) {
    let tags: &[&[u8]] = &[
        b"row",
        b"c",
        b"si",
        b"sheet",
        b"Relationship",
        b"xf",
        b"numFmt",
        b"font",
        b"table:table-row",
        b"table:table-cell",
        b"table:table",
        b"text:p",
        b"Override",
    ];
    let present: Vec<&[u8]> =
        tags.iter().copied().filter(|t| find(d, &[b"<", *t].concat()).is_some()).collect();
    if present.is_empty() {
        // JSON, Markdown: repeat a line.
        let lines: Vec<usize> =
            d.iter().enumerate().filter(|(_, c)| **c == b'\n').map(|(i, _)| i + 1).collect();
        if lines.len() >= 2 {
            let k = rng.below(lines.len() - 1);
            let (s, e) = (lines[k], lines[k + 1]);
            let times = if bomb { MAX_MEMBER / (e - s).max(1) } else { rng.size(1000) };
            let chunk = d[s..e].repeat(times);
            ops.push(format!("dup-line@{s}x{times}"));
            d.splice(e..e, chunk);
        }
        return;
    }
    let tag = *rng.pick(&present);
    let open = [b"<", tag].concat();
    let starts: Vec<usize> = d
        .windows(open.len() + 1)
        .enumerate()
        .filter(|(_, w)| &w[..open.len()] == open.as_slice() && matches!(w[open.len()], b' ' | b'>' | b'/'))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return;
    }
    let s = *rng.pick(&starts);
    let close = [b"</", tag, b">"].concat();
    let end = match (find(&d[s..], &close), find(&d[s..], b"/>"), find(&d[s..], b">")) {
        // `<c .../>` when the tag closes itself before any `>`.
        (_, Some(sc), Some(gt)) if sc + 1 == gt => s + sc + 2,
        (Some(c), ..) => s + c + close.len(),
        _ => return,
    };
    let len = (end - s).max(1);
    let times = if bomb {
        MAX_BOMB / len
    } else {
        let n = *rng.pick(&[1, 2, 3, 10, 100, 1000, 10_000, 100_000]);
        n.min(MAX_MEMBER / len)
    };
    let chunk = d[s..end].repeat(times);
    ops.push(format!("dup-{}@{s}x{times}", String::from_utf8_lossy(tag)));
    d.splice(end..end, chunk);
}
