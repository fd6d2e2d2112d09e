//! Panics inside the spreadsheet reader become findings, not backtraces on the user's terminal.
//!
//! The default panic hook prints before unwinding, so `catch_unwind` alone still shows calamine's
//! panic message and backtrace to the user. [`catch_quietly`] installs (once) a hook that, on a
//! thread inside `catch_quietly`, records the message instead of printing it; on every other
//! thread it defers to the hook that was there before (tests keep their messages).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                MESSAGE.with(|m| *m.borrow_mut() = Some(message(info)));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it is returned as `Err(message)` and printed nowhere.
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install();
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        MESSAGE.with(|m| m.borrow_mut().take()).unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

/// Prints nothing for any panic of this process (worker processes, whose stderr nobody reads).
pub fn silence_all() {
    panic::set_hook(Box::new(|_| {}));
}

fn message(info: &PanicHookInfo<'_>) -> String {
    let text = payload_text(info.payload());
    match info.location() {
        Some(at) => format!("{text} ({}:{})", at.file(), at.line()),
        None => text,
    }
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let caught = catch_quietly(|| -> u8 { panic!("hỏng ở ô {}", 7) });
        let message = caught.expect_err("panicked");
        assert!(message.starts_with("hỏng ở ô 7 ("), "{message}");
        assert!(message.contains("quiet_panic.rs"), "{message}");
        assert_eq!(catch_quietly(|| 5), Ok(5));
        // Nested: the inner catch does not leave the thread loud.
        let outer = catch_quietly(|| {
            let _ = catch_quietly(|| panic!("trong"));
            panic!("ngoài")
        });
        assert!(outer.expect_err("panicked").starts_with("ngoài"));
    }
}
