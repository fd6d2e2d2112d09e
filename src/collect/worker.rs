//! The worker side of isolated intake: `baocao __doc-tep` reads the files its parent names and
//! answers one JSON line per file, under memory and CPU limits it sets on itself first.
//!
//! Protocol (stdin and stdout, one JSON object per line, serde_json):
//!
//! 1. the parent starts `baocao __doc-tep --plan-dir … --fingerprint … --quarter … --cutoff …
//!    --memory-mb … --cpu-seconds …`; the worker sets its limits, loads the plan, checks the
//!    fingerprint and writes [`Reply::Ready`] (or [`Reply::Refused`] and exits);
//! 2. the parent writes one [`Request`] per file; the worker answers each, in order, with
//!    [`Reply::Read`] (the `FileRead`, exactly as in-process reading gives it);
//! 3. the parent closes stdin; the worker exits.
//!
//! A worker that dies (killed by a limit, aborted by a failed allocation), writes a truncated or
//! foreign line, or stays silent too long is the parent's business (`pool`).

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::Date;

use super::discover::Candidate;
use super::intake::{Ctx, FileRead, read_submission};
use super::model::exact_f64;
use super::quiet_panic;
use crate::period::Quarter;
use crate::plan::{Plan, load_plan};

/// The hidden subcommand that runs a worker.
pub const WORKER_COMMAND: &str = "__doc-tep";

/// The limits of one worker process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderLimits {
    /// Address space (RLIMIT_AS), in MiB.
    pub memory_mb: u64,
    /// CPU time per file (RLIMIT_CPU, raised before each file), in seconds.
    pub cpu_seconds: u64,
    /// Wall-clock time the parent waits for one answer before killing the worker, in seconds
    /// (a last resort: CPU time is the real limit).
    pub silence_seconds: u64,
}

impl Default for ReaderLimits {
    fn default() -> Self {
        ReaderLimits { memory_mb: 1024, cpu_seconds: 20, silence_seconds: 120 }
    }
}

impl ReaderLimits {
    /// The memory limit in bytes.
    pub fn memory_bytes(&self) -> u64 {
        self.memory_mb.saturating_mul(1 << 20)
    }
}

/// What a worker needs besides the files: passed on its command line.
#[derive(Debug, Clone)]
pub struct WorkerSetup {
    /// The plan folder, `DATA/plan/<year>`.
    pub plan_dir: PathBuf,
    /// The fingerprint of the parent's plan; a worker whose plan differs refuses to serve.
    pub fingerprint: String,
    /// The quarter.
    pub quarter: Quarter,
    /// The run's cut-off date.
    pub cutoff: Date,
    /// The limits.
    pub limits: ReaderLimits,
}

impl WorkerSetup {
    /// The setup for the run of `ctx`.
    pub fn of(ctx: &Ctx<'_>, limits: ReaderLimits) -> WorkerSetup {
        WorkerSetup {
            plan_dir: ctx.plan.dir.clone(),
            fingerprint: ctx.plan.fingerprint.clone(),
            quarter: ctx.quarter,
            cutoff: ctx.cutoff,
            limits,
        }
    }

    /// The worker's command line after the program (the subcommand first).
    pub fn args(&self) -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = vec![WORKER_COMMAND.into(), "--plan-dir".into()];
        args.push(self.plan_dir.clone().into_os_string());
        for (flag, value) in [
            ("--fingerprint", self.fingerprint.clone()),
            ("--quarter", self.quarter.to_string()),
            ("--cutoff", self.cutoff.to_string()),
            ("--memory-mb", self.limits.memory_mb.to_string()),
            ("--cpu-seconds", self.limits.cpu_seconds.to_string()),
        ] {
            args.push(flag.into());
            args.push(value.into());
        }
        args
    }
}

/// One file to read: a [`Candidate`] on the wire.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Path relative to the quarter folder.
    pub rel: String,
    /// Path on disk (as text, or as bytes when it is not UTF-8).
    pub path: WirePath,
    /// Size in bytes from the listing.
    pub size: u64,
}

/// A path on the wire: JSON text cannot hold every file name a Unix system allows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WirePath {
    /// A UTF-8 path.
    Text(String),
    /// Any other path, as its bytes.
    Bytes(Vec<u8>),
}

impl WirePath {
    fn of(path: &Path) -> WirePath {
        match path.to_str() {
            Some(s) => WirePath::Text(s.to_owned()),
            None => WirePath::Bytes(path_bytes(path)),
        }
    }

    fn path(&self) -> PathBuf {
        match self {
            WirePath::Text(s) => PathBuf::from(s),
            WirePath::Bytes(b) => path_from_bytes(b),
        }
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

impl Request {
    /// The request for a candidate file.
    pub fn of(c: &Candidate) -> Request {
        Request { rel: c.rel.clone(), path: WirePath::of(&c.abs), size: c.size }
    }

    /// The candidate it names.
    pub fn candidate(&self) -> Candidate {
        Candidate { rel: self.rel.clone(), abs: self.path.path(), size: self.size }
    }
}

/// One line from a worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    /// The plan is loaded: send files.
    Ready,
    /// The worker cannot serve this run (the reason, for debugging).
    Refused(String),
    /// One file read.
    Read(Box<FileRead>),
}

/// Writes one reply as a line, numbers exact (see `exact_f64`), and flushes it.
pub fn write_reply(out: &mut impl Write, reply: &Reply) -> io::Result<()> {
    exact_f64::as_text(|| serde_json::to_writer(&mut *out, reply)).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The worker loop: [`Reply::Ready`], then one [`Reply::Read`] per request line until the end of
/// `input`. `before_each` runs before each file (the CPU budget).
pub fn serve(
    ctx: &Ctx<'_>,
    input: impl BufRead,
    mut output: impl Write,
    mut before_each: impl FnMut(),
) -> io::Result<()> {
    write_reply(&mut output, &Reply::Ready)?;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let request: Request = serde_json::from_str(&line).map_err(io::Error::other)?;
        before_each();
        let read = read_submission(ctx, &request.candidate(), None);
        write_reply(&mut output, &Reply::Read(Box::new(read)))?;
    }
    Ok(())
}

/// Runs a worker process on stdin and stdout: sets the limits, loads the plan, serves.
pub fn run_worker(setup: &WorkerSetup) -> io::Result<()> {
    quiet_panic::silence_all();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if let Err(e) = limits::apply_memory(setup.limits.memory_bytes()) {
        return write_reply(&mut out, &Reply::Refused(format!("cannot set the memory limit: {e}")));
    }
    let plan = match load_setup_plan(setup) {
        Ok(plan) => plan,
        Err(reason) => return write_reply(&mut out, &Reply::Refused(reason)),
    };
    let ctx = Ctx::new(&plan, setup.quarter, setup.cutoff);
    let cpu = setup.limits.cpu_seconds;
    serve(&ctx, io::stdin().lock(), out, || limits::allow_cpu_seconds(cpu))
}

/// Loads the plan of `setup` and checks it is the parent's.
fn load_setup_plan(setup: &WorkerSetup) -> Result<Plan, String> {
    let year = setup.plan_dir.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse::<i32>().ok());
    let data = setup.plan_dir.parent().and_then(Path::parent);
    let (Some(year), Some(data)) = (year, data) else {
        return Err(format!("{} is not DATA/plan/<year>", setup.plan_dir.display()));
    };
    let loaded =
        load_plan(data, year).map_err(|f| format!("the plan does not load ({} findings)", f.len()))?;
    if loaded.plan.fingerprint != setup.fingerprint {
        return Err("the plan changed since the parent loaded it".to_owned());
    }
    Ok(loaded.plan)
}

/// The process limits, with rustix's safe `setrlimit` and `clock_gettime` (Unix only; elsewhere
/// a worker still isolates crashes, without limits).
mod limits {
    /// Caps the address space (soft and hard: nothing in a worker may raise it again) and turns
    /// off core dumps (a worker killed by a limit must not leave a `core` file behind).
    #[cfg(unix)]
    pub fn apply_memory(bytes: u64) -> std::io::Result<()> {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let cap = |max: Option<u64>| Some(max.map_or(bytes, |m| m.min(bytes)));
        let current = getrlimit(Resource::As);
        setrlimit(Resource::As, Rlimit { current: cap(current.maximum), maximum: cap(current.maximum) })?;
        let core = getrlimit(Resource::Core);
        setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: core.maximum })?;
        Ok(())
    }

    /// Lets the process use `seconds` more CPU seconds from now (the soft RLIMIT_CPU; the kernel
    /// sends SIGXCPU past it, which ends the worker).
    #[cfg(unix)]
    pub fn allow_cpu_seconds(seconds: u64) {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        use rustix::time::{ClockId, clock_gettime};
        let used = clock_gettime(ClockId::ProcessCPUTime);
        let used = u64::try_from(used.tv_sec).unwrap_or(0) + 1;
        let hard = getrlimit(Resource::Cpu).maximum;
        let soft = used.saturating_add(seconds);
        let soft = hard.map_or(soft, |h| soft.min(h));
        let _ = setrlimit(Resource::Cpu, Rlimit { current: Some(soft), maximum: hard });
    }

    #[cfg(not(unix))]
    pub fn apply_memory(_bytes: u64) -> std::io::Result<()> {
        Ok(())
    }

    #[cfg(not(unix))]
    pub fn allow_cpu_seconds(_seconds: u64) {}
}

#[cfg(test)]
mod tests;
