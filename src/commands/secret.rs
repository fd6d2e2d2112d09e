//! Secrets for signing (the PKCS #12 password, a token's PIN): from an environment variable, or
//! asked on the terminal with echo off; never from the command line, where other users of the
//! machine could read them.

use std::io::{BufRead, BufReader, Write};

use anyhow::{Context, Result, bail};

/// The secret in `variable`, else typed at the terminal after `prompt`.
pub fn secret(variable: &str, prompt: &str) -> Result<String> {
    if let Ok(value) = std::env::var(variable) {
        return Ok(value);
    }
    ask(prompt)
        .with_context(|| format!("không hỏi được trên màn hình; đặt biến môi trường {variable} rồi chạy lại"))
}

/// Asks on `/dev/tty` with echo off, restoring the terminal afterwards.
#[cfg(unix)]
fn ask(prompt: &str) -> Result<String> {
    use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
    let tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let saved = tcgetattr(&tty)?;
    let mut quiet = saved.clone();
    quiet.local_modes.remove(LocalModes::ECHO);
    tcsetattr(&tty, OptionalActions::Now, &quiet)?;
    let read = (|| -> std::io::Result<String> {
        (&tty).write_all(prompt.as_bytes())?;
        (&tty).flush()?;
        let mut line = String::new();
        BufReader::new(&tty).read_line(&mut line)?;
        (&tty).write_all(b"\n")?;
        Ok(line)
    })();
    tcsetattr(&tty, OptionalActions::Now, &saved)?;
    let line = read?;
    if line.is_empty() {
        bail!("không nhận được mật khẩu");
    }
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// No terminal prompt here: the environment variable is the way.
#[cfg(not(unix))]
fn ask(_prompt: &str) -> Result<String> {
    bail!("không hỏi được mật khẩu trên hệ điều hành này")
}
