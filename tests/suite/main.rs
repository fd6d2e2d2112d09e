//! The integration tests, as one test crate linking Typst once: the real binary and the public
//! library API on temporary copies of the shipped data and the plan fixtures (`tests/fixtures/`).

mod any_province;
mod build;
mod document;
mod figures;
mod forms;
mod golden;
mod history;
mod intake;
mod plan;
mod progress;
mod properties;
mod roundtrip;
mod sample_submissions;
mod statuses;
mod support;
mod typeset_smoke;
mod year;
