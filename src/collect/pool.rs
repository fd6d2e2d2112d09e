//! The parent side of isolated intake: a few worker processes (`worker`) read the files, so a
//! file that crashes the spreadsheet reader or exhausts a worker's limits is rejected alone.
//!
//! About one worker per core, each fed by its own thread: the thread takes a batch of files from
//! a shared queue, writes one request per file and reads the answers in order. When the worker
//! dies (a signal, an exit, a truncated or foreign line, or silence past the wall-clock guard),
//! the answers it gave are kept, a new worker is started, and the rest of the batch is read one
//! file at a time, each in a worker of its own if need be: a file whose worker dies alone is
//! the culprit, rejected with `loi-doc-tep`. Where no worker starts at all (a missing executable,
//! a plan that changed under the run), the files are read in-process behind the pre-scan.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::ops::Range;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use super::discover::{Candidate, outcome};
use super::intake::{Ctx, FileRead, read_submission};
use super::issues::{Issues, Loc, code};
use super::model::FileStatus;
use super::worker::{ReaderLimits, Reply, Request, WorkerSetup};
use crate::hash::sha256_hex;

/// The longest line a worker may send (a form's answer is a few hundred KB).
const MAX_LINE: u64 = 64 << 20;

/// How the pool runs: the worker executable, the limits, how many workers, files per batch.
#[derive(Debug, Clone)]
pub struct PoolSettings<'a> {
    /// The worker executable (this program).
    pub exe: &'a Path,
    /// The limits of each worker.
    pub limits: ReaderLimits,
    /// Worker processes (at least one).
    pub workers: usize,
    /// Files per batch (at least one).
    pub batch: usize,
}

/// Reads `candidates` in worker processes; the results are in the same order.
pub fn read_in_workers(
    ctx: &Ctx<'_>,
    candidates: &[&Candidate],
    settings: &PoolSettings<'_>,
) -> Vec<FileRead> {
    let n = candidates.len();
    let setup = WorkerSetup::of(ctx, settings.limits);
    let batch = settings.batch.max(1);
    let queue: Mutex<VecDeque<Range<usize>>> =
        Mutex::new((0..n).step_by(batch).map(|s| s..(s + batch).min(n)).collect());
    let results: Mutex<Vec<Option<FileRead>>> = Mutex::new(vec![None; n]);
    let unavailable = AtomicBool::new(false);
    let pool =
        Pool { ctx, candidates, settings, setup: &setup, results: &results, unavailable: &unavailable };
    let threads = settings.workers.max(1).min(n.div_ceil(batch)).max(1);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut slot = None;
                while let Some(range) = next_batch(&queue) {
                    pool.run_batch(&mut slot, range);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every file read"))
        .collect()
}

fn next_batch(queue: &Mutex<VecDeque<Range<usize>>>) -> Option<Range<usize>> {
    queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
}

struct Pool<'p, 'c> {
    ctx: &'p Ctx<'c>,
    candidates: &'p [&'p Candidate],
    settings: &'p PoolSettings<'p>,
    setup: &'p WorkerSetup,
    results: &'p Mutex<Vec<Option<FileRead>>>,
    /// Set once a worker failed to start: the rest is read in-process.
    unavailable: &'p AtomicBool,
}

impl Pool<'_, '_> {
    fn store(&self, i: usize, read: FileRead) {
        self.results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(read);
    }

    fn in_process(&self, i: usize) {
        let read = read_submission(self.ctx, self.candidates[i], Some(self.settings.limits.memory_bytes()));
        self.store(i, read);
    }

    /// The running worker of this thread, started when needed; `None` when workers cannot run.
    fn worker<'s>(&self, slot: &'s mut Option<Worker>) -> Option<&'s mut Worker> {
        if slot.is_none() && !self.unavailable.load(Ordering::Relaxed) {
            match Worker::start(self.settings.exe, self.setup) {
                Ok(w) => *slot = Some(w),
                Err(_) => self.unavailable.store(true, Ordering::Relaxed),
            }
        }
        slot.as_mut()
    }

    fn run_batch(&self, slot: &mut Option<Worker>, range: Range<usize>) {
        let Some(worker) = self.worker(slot) else {
            range.for_each(|i| self.in_process(i));
            return;
        };
        let mut done = range.start;
        let sent = range.clone().try_for_each(|i| worker.send(self.candidates[i]));
        if sent.is_ok() {
            while done < range.end {
                match worker.receive(self.candidates[done], self.settings.limits.silence_seconds) {
                    Some(read) => {
                        self.store(done, read);
                        done += 1;
                    }
                    None => break,
                }
            }
        }
        if done == range.end {
            return;
        }
        // The worker died with the batch unfinished: read the rest one file at a time.
        *slot = None;
        for i in done..range.end {
            self.run_single(slot, i);
        }
    }

    fn run_single(&self, slot: &mut Option<Worker>, i: usize) {
        let Some(worker) = self.worker(slot) else { return self.in_process(i) };
        let c = self.candidates[i];
        let answer =
            worker.send(c).ok().and_then(|()| worker.receive(c, self.settings.limits.silence_seconds));
        match answer {
            Some(read) => self.store(i, read),
            None => {
                *slot = None;
                self.store(i, reader_failed(c, self.ctx.max_bytes));
            }
        }
    }
}

/// One running worker process; killed when dropped.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Result<Reply, String>>,
}

impl Worker {
    /// Starts a worker and waits for it to be ready.
    fn start(exe: &Path, setup: &WorkerSetup) -> Result<Worker, String> {
        let mut child = Command::new(exe)
            .args(setup.args())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no pipes".to_owned());
        };
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout);
            loop {
                let reply = match read_line(&mut lines) {
                    Ok(Some(line)) => serde_json::from_slice::<Reply>(&line).map_err(|e| e.to_string()),
                    Ok(None) => break,
                    Err(e) => Err(e),
                };
                let failed = reply.is_err();
                if tx.send(reply).is_err() || failed {
                    break;
                }
            }
        });
        let mut worker = Worker { child, stdin, replies };
        match worker.replies.recv_timeout(Duration::from_secs(setup.limits.silence_seconds)) {
            Ok(Ok(Reply::Ready)) => Ok(worker),
            Ok(Ok(Reply::Refused(reason))) => Err(reason),
            _ => {
                worker.stop();
                Err("the worker did not start".to_owned())
            }
        }
    }

    fn send(&mut self, c: &Candidate) -> Result<(), ()> {
        let mut line = serde_json::to_vec(&Request::of(c)).map_err(|_| ())?;
        line.push(b'\n');
        self.stdin.write_all(&line).and_then(|()| self.stdin.flush()).map_err(|_| ())
    }

    /// The answer for `c`; `None` when the worker died, said something else, or stayed silent
    /// for `silence` seconds (then it is killed).
    fn receive(&mut self, c: &Candidate, silence: u64) -> Option<FileRead> {
        match self.replies.recv_timeout(Duration::from_secs(silence)) {
            Ok(Ok(Reply::Read(read))) if read.outcome.path == c.rel => Some(*read),
            Ok(_) | Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                None
            }
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One line without its newline; `None` at the end; an error for a line that is too long or
/// cut off by the end of the output (a worker that died mid-answer).
fn read_line(r: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut line = Vec::new();
    r.take(MAX_LINE + 1).read_until(b'\n', &mut line).map_err(|e| e.to_string())?;
    match line.pop() {
        None => Ok(None),
        Some(b'\n') => Ok(Some(line)),
        Some(_) if line.len() as u64 >= MAX_LINE => Err("line too long".to_owned()),
        Some(_) => Err("truncated line".to_owned()),
    }
}

/// The rejection of a file whose worker died reading it alone.
pub fn reader_failed(c: &Candidate, max_bytes: u64) -> FileRead {
    let mut issues = Issues::new(&c.rel);
    issues.error(
        code::READER_FAILED,
        Loc::File,
        None,
        "tệp làm chương trình đọc bảng tính bị lỗi (vượt giới hạn bộ nhớ hoặc thời gian), không đọc được"
            .to_owned(),
        "lưu lại tệp bằng Excel dưới dạng .xlsx rồi gửi lại".to_owned(),
    );
    let mut o = outcome(&c.rel, c.size, FileStatus::Rejected, issues.list);
    // The hash, as for every file that was read (the receipt names the exact file).
    if let Ok(file) = std::fs::File::open(&c.abs) {
        let mut bytes = Vec::new();
        if file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).is_ok() {
            o.size = bytes.len() as u64;
            o.sha256 = Some(sha256_hex(&bytes));
        }
    }
    FileRead { outcome: o, submission: None }
}

#[cfg(test)]
mod tests;
