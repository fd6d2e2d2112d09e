//! End-to-end rendering of a hand-made quarter: Markdown and PDFs from the real plan. The PDFs'
//! text is read back in the integration suite (`tests/suite/build/safety.rs`), which has the
//! PDF reader.

use super::documents::{render_documents, typeset_documents};
use super::templates::Templates;
use super::typeset::Typesetter;
use super::views::{ViewSettings, build_view};
use crate::consolidate::consolidate;
use crate::consolidate::testkit::{IntakeBuilder, plan};
use crate::contract::ReportedStatus;

const NASTY: &str = "#read(\"/etc/passwd\") $x$ *a* _b_ | <b> @ref // c";

/// The templates, a typesetter and the view of a quarter whose agency texts and notes are markup.
fn nasty() -> (Templates, Typesetter, super::views::DocumentsView, time::Date) {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("STC", "CT05", Some(10111.7), Some(19100.0), Some(7660.0))
        .note("STC", NASTY)
        .measure("CTK", "CT01", Some(14.14), None, Some(13.45))
        .growth("SNN", "NLTS", Some(1.5), Some(1.82), None)
        .growth("SCT", "CN", Some(20.0), Some(20.1), None)
        .growth("SXD", "XD", Some(-3.0), Some(-2.5), None)
        .growth("SKHDT", "DV", Some(6.5), Some(6.42), None)
        .growth("CTK", "THUE", Some(11.0), Some(10.59), None)
        .task("SKHDT", "III.1", Some(ReportedStatus::DoneOnTime))
        .task("SKHDT", "1.2.a", Some(ReportedStatus::InProgress))
        .task("SNN", "1.6.b", Some(ReportedStatus::NotStarted))
        .build();
    let c = consolidate(&p, &intake, None);
    let templates = Templates::load(None).unwrap();
    let ts = Typesetter::new(&[], false).unwrap();
    let settings = ViewSettings {
        font: ts.body_family().to_owned(),
        issuance: crate::issuance::Issuance::draft(c.cutoff),
        notes: Some(format!("## II\n\nGhi chú *riêng* của Sở: {NASTY}\n")),
    };
    let mut view = build_view(&p, &c, &settings);
    view.groups[0].results.push(NASTY.to_owned());
    (templates, ts, view, c.cutoff)
}

fn rendered() -> (Vec<super::documents::RenderedDoc>, Vec<(&'static str, super::typeset::Compiled)>) {
    let (templates, ts, view, cutoff) = nasty();
    let docs = render_documents(&templates, &view).unwrap();
    let compiled = match typeset_documents(&ts, &templates, &docs, cutoff, || ()).0 {
        Ok(c) => c,
        Err(e) => {
            let dir = std::env::temp_dir().join("baocao-render-test");
            let _ = std::fs::create_dir_all(&dir);
            for d in &docs {
                let _ = std::fs::write(dir.join(format!("{}.typ", d.id)), &d.typst);
            }
            panic!("{e}\n(sources in {})", dir.display());
        }
    };
    (docs, compiled)
}

#[test]
fn documents_render_and_typeset() {
    let (docs, compiled) = rendered();
    let dir = std::env::temp_dir().join("baocao-render-test");
    let _ = std::fs::create_dir_all(&dir);
    for (id, c) in &compiled {
        let _ = std::fs::write(dir.join(format!("{id}.pdf")), &c.pdf);
    }
    for d in &docs {
        let _ = std::fs::write(dir.join(format!("{}.typ", d.id)), &d.typst);
        if let Some(md) = &d.markdown {
            let _ = std::fs::write(dir.join(format!("{}.md", d.id)), md);
        }
    }
    let report = &compiled.iter().find(|(id, _)| *id == "bao-cao").unwrap().1;
    assert!(report.pdf.starts_with(b"%PDF"), "the report is typeset");
    let md = docs[0].markdown.as_deref().unwrap();
    assert!(md.contains("\\#read(\"/etc/passwd\") \\$x\\$ \\*a\\* \\_b\\_ \\| \\<b\\> @ref // c"), "{md}");
}

#[test]
fn word_documents_keep_markup_as_text() {
    // Agency text and department notes full of markup: every document.xml stays well-formed and
    // prints them as typed; the charts are drawn from the same view.
    let (templates, ts, view, cutoff) = nasty();
    let source = super::word::chart_source(&templates, &view, cutoff).unwrap();
    let charts = super::word::draw_charts(&ts, &source, &super::word::chart_ids(&view)).unwrap();
    assert_eq!(charts.iter().map(|c| c.id).collect::<Vec<_>>(), ["growth", "status"], "no trend rows here");
    let docs = super::word::word_documents(&templates, &view, &charts, cutoff).unwrap();
    assert_eq!(docs.len(), 5);
    for (id, bytes) in &docs {
        let parts = crate::package::archive::read_zip(bytes).unwrap();
        let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{id}: {e}"));
        let text: String =
            doc.descendants().filter(|n| n.has_tag_name("t")).filter_map(|n| n.text()).collect();
        if matches!(*id, "bao-cao" | "bao-cao-day-du") {
            assert!(text.contains(NASTY), "{id}: the result as typed");
            assert!(text.contains("Ghi chú riêng của Sở: "), "{id}: the notes");
            assert!(parts.contains_key("word/media/growth.png"), "{id}");
        }
    }
}

/// The view of a draft dated the cut-off, without notes.
fn draft_view(p: &crate::plan::Plan, c: &crate::consolidate::Consolidated) -> super::views::DocumentsView {
    let settings = ViewSettings {
        font: "Liberation Serif".to_owned(),
        issuance: crate::issuance::Issuance::draft(c.cutoff),
        notes: None,
    };
    build_view(p, c, &settings)
}

#[test]
fn growth_table_indents_only_group_members() {
    // Phụ lục 2 rows: NLTS, CNXD (group), CN, XD, DV, THUE, total. Only CN and XD belong to
    // CNXD; DV and THUE come after the group but must not be drawn as its members.
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2).build();
    let c = consolidate(&p, &intake, None);
    let view = draft_view(&p, &c);
    let members: Vec<(&str, bool)> = view.p2.rows.iter().map(|r| (r.name.as_str(), r.is_member)).collect();
    let name = |code: &str| {
        p.growth.sectors.iter().find(|s| s.code.as_str() == code).map(|s| s.name.as_str()).unwrap()
    };
    for (code, member) in [("NLTS", false), ("CN", true), ("XD", true), ("DV", false), ("THUE", false)] {
        assert!(members.contains(&(name(code), member)), "{code}: {members:?}");
    }
    assert!(view.p2.rows.iter().filter(|r| r.is_group || r.is_total).all(|r| !r.is_member));
}

#[test]
fn overdue_group_task_names_who_is_behind_and_who_is_silent() {
    // III.1 (due 20/01/2024) at the Q1 cut-off: one agency done, one still working on it, the
    // others silent. Part III names the one behind and counts the silent ones; part IV asks only
    // the one behind to finish it.
    let p = plan();
    let intake = IntakeBuilder::new(&p, 1)
        .task("SKHDT", "III.1", Some(ReportedStatus::DoneOnTime))
        .task("SXD", "III.1", Some(ReportedStatus::InProgress))
        .build();
    let c = consolidate(&p, &intake, None);
    let view = draft_view(&p, &c);
    let line = view
        .shortcomings
        .limits
        .iter()
        .flat_map(|g| &g.lines)
        .find(|l| l.starts_with("Nhiệm vụ III.1 "))
        .expect("III.1 overdue");
    assert!(line.contains("Sở XD chưa hoàn thành"), "{line}");
    assert!(line.contains("cơ quan, đơn vị chưa báo cáo"), "{line}");
    let asked =
        view.next.items.iter().flat_map(|g| &g.lines).find(|l| l.starts_with("III.1 ")).expect("III.1 in IV");
    assert!(asked.ends_with("(chưa hoàn thành: Sở XD)."), "{asked}");
    // Everyone who reported it has finished it: neither overdue nor to be finished at once.
    let intake = IntakeBuilder::new(&p, 1).task("SKHDT", "III.1", Some(ReportedStatus::DoneOnTime)).build();
    let view = draft_view(&p, &consolidate(&p, &intake, None));
    assert!(view.next.items.iter().flat_map(|g| &g.lines).all(|l| !l.starts_with("III.1 ")));
    assert!(
        view.shortcomings.limits.iter().flat_map(|g| &g.lines).all(|l| !l.starts_with("Nhiệm vụ III.1 "))
    );
}

#[test]
fn the_submission_deadline_is_the_last_allowed_day() {
    // Agencies report "trước ngày 15 tháng cuối quý": the 14th is allowed. The report must not
    // tell them to send the next quarter's report "trước ngày 14/09/2024" (by the 13th).
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2).build();
    let c = consolidate(&p, &intake, None);
    let view = draft_view(&p, &c);
    let all: Vec<&String> = view.direction.iter().chain(&view.next.general).collect();
    assert!(all.iter().all(|l| !l.contains("trước ngày 14/")), "{all:?}");
    assert!(
        view.next
            .general
            .iter()
            .any(|l| l.contains("quý III/2024") && l.contains("chậm nhất ngày 14/09/2024")),
        "{all:?}"
    );
    assert!(view.direction.iter().any(|l| l.contains("hạn gửi ngày 14/06/2024")), "{all:?}");
}

#[test]
fn organisation_duties_follow_the_plans_own_section_number() {
    // A plan whose organisation duties are section IV (after e.g. "III. Kinh phí"): the action
    // programme paragraph of part I, the task groups of part II and the task summary follow it.
    let mut p = plan();
    for g in p.task_groups.iter_mut().filter(|g| g.number == "III") {
        g.number = "IV".to_owned();
    }
    for t in p.tasks.iter_mut().filter(|t| t.id.as_str() == "III.1") {
        t.id = crate::plan::TaskId::from("IV.1");
    }
    let intake = IntakeBuilder::new(&p, 2).task("SKHDT", "IV.1", Some(ReportedStatus::DoneOnTime)).build();
    let c = consolidate(&p, &intake, None);
    let view = draft_view(&p, &c);
    assert!(
        view.direction.iter().any(|l| l.starts_with("Về xây dựng chương trình, kế hoạch hành động")),
        "{:?}",
        view.direction
    );
    assert!(view.groups.iter().all(|g| g.number != "IV"), "the duties are not a task group of part II");
    assert!(view.tasks.summary.contains("(bao gồm nhiệm vụ tại mục IV)"), "{}", view.tasks.summary);
    assert!(!view.tasks.summary.contains("mục III"), "{}", view.tasks.summary);
}
