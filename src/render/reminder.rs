//! Reminders (giấy nhắc) `phan-hoi/<MÃ>.md`: one for each agency that owes a report this quarter
//! and sent no file, from the template `nhac-nho.md.tera`: what it owes (indicators, growth
//! sectors, tasks), its form's file name and the date to send by (the receipts' rule).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::RenderError;
use super::intake::{Resend, place_date, receipt_date, receipt_file_name, resend};
use super::templates::Templates;
use crate::collect::{AgencyIntake, Intake};
use crate::forms::form_file_name;
use crate::output::{Output, OutputKind, RECEIPTS, Staging};
use crate::plan::{AgencyCode, MeasureScope, Obligations, Plan, Unit};
use crate::vn::date_short;

/// One reminder per agency with obligations and no file, written into `out` as `phan-hoi/<MÃ>.md`.
pub fn render_reminders(
    templates: &Templates,
    plan: &Plan,
    all: &HashMap<&AgencyCode, Obligations<'_>>,
    intake: &Intake,
    out: &Staging,
) -> Result<(), RenderError> {
    for agency in intake.agencies.iter().filter(|a| a.files.is_empty()) {
        let Some(o) = all.get(&agency.agency) else { continue };
        let Some(view) = reminder_view(plan, intake, agency, o) else { continue };
        let body = templates.render_markdown("nhac-nho.md.tera", &view)?;
        let path = Path::new(RECEIPTS).join(receipt_file_name(agency.agency.as_str()));
        out.put(&Output::new(path, OutputKind::Reminder, body.into_bytes())).map_err(RenderError::Write)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct ReminderView {
    quarter_label: String,
    issuer: String,
    /// `Bắc Giang, ngày 14 tháng 6 năm 2024`.
    place_date: String,
    /// The reminder's date, short (`14/06/2024`).
    date: String,
    /// The plan year and its issuer as running text writes it (`UBND tỉnh`).
    year: i32,
    plan_issuer: String,
    code: String,
    name: String,
    deadline: String,
    /// The form the agency fills in: `<MÃ>.xlsx`.
    form: String,
    indicators: Vec<Line>,
    sectors: Vec<Line>,
    tasks: Vec<Line>,
    resend: Resend,
    /// The next quarter's report and its deadline (`quý III/2024`, `14/09/2024`).
    next_quarter: String,
    next_deadline: String,
}

/// One obligation: its code or number, its name, its unit (empty for tasks and sectors).
#[derive(Serialize)]
struct Line {
    code: String,
    name: String,
    unit: String,
}

/// The reminder of an agency that sent nothing, or `None` when it owes nothing.
fn reminder_view(
    plan: &Plan,
    intake: &Intake,
    ag: &AgencyIntake,
    o: &Obligations<'_>,
) -> Option<ReminderView> {
    if o.is_empty() {
        return None;
    }
    let indicators = o
        .measures
        .iter()
        .map(|(scope, m)| {
            let name = match scope {
                MeasureScope::Task(t) => format!("{} (chỉ tiêu của nhiệm vụ {})", m.name, t.id),
                MeasureScope::Indicator => m.name.clone(),
            };
            let code = m.code.as_ref().map(ToString::to_string).unwrap_or_default();
            Line { code, name, unit: m.unit.as_ref().map(Unit::label).unwrap_or_default().to_owned() }
        })
        .collect();
    let sectors = o
        .sectors
        .iter()
        .map(|s| Line { code: s.code.to_string(), name: s.name.clone(), unit: "%".to_owned() })
        .collect();
    let tasks = o
        .tasks
        .iter()
        .map(|t| Line { code: t.id.to_string(), name: t.title.clone(), unit: String::new() })
        .collect();
    Some(ReminderView {
        quarter_label: intake.quarter.label(),
        issuer: plan.assignee_name(&plan.report.issuer_code),
        place_date: place_date(plan, receipt_date(intake)),
        date: date_short(receipt_date(intake)),
        year: plan.info.year,
        plan_issuer: plan.info.issuer_short.clone(),
        code: ag.agency.to_string(),
        name: plan.assignee_name(&ag.agency),
        deadline: date_short(intake.deadline),
        form: form_file_name(&ag.agency),
        indicators,
        sectors,
        tasks,
        resend: resend(plan, intake),
        next_quarter: intake.quarter.next().label(),
        next_deadline: date_short(intake.quarter.next().deadline(plan.info.submission_day)),
    })
}
