//! A department decision that takes a cell of the programme's funding envelope beyond its amount:
//! warned of as soon as the lines are approved in the form, refused by the server with the cells
//! listed, and recorded once confirmed with a reason — at 1366 px and at 390 px.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::measures::{MeasureDetail, MeasureStatus};
use shared::api::orgs::OrgKind;
use shared::api::plan::PlanFilter;
use shared::api::proposals::LineState;
use shared::{Amount, FundingSource, Year};

/// An approved measure of an oblast executor with a 2027 oblast-budget line.
fn executor_measure(department: &Client) -> MeasureDetail {
    let orgs = department.orgs().expect("orgs");
    let year = Year::new(2027).expect("year");
    orgs.iter()
        .filter(|o| o.kind == OrgKind::Executor && o.measure_count > 0)
        .flat_map(|o| {
            let tree = department
                .plan(&PlanFilter {
                    org: Some(o.id),
                    ..PlanFilter::default()
                })
                .expect("plan");
            tree.directions
                .into_iter()
                .flat_map(|d| d.tasks)
                .flat_map(|t| t.measures)
                .filter(|m| m.status == MeasureStatus::Approved)
                .map(|m| m.id)
                .collect::<Vec<_>>()
        })
        .map(|id| department.measure(id).expect("measure"))
        .find(|m| {
            m.budget_lines
                .iter()
                .any(|l| l.year == year && l.source == FundingSource::Oblast)
        })
        .expect("an executor's approved measure with a 2027 oblast line")
}

#[test]
fn the_department_confirms_a_decision_beyond_the_envelope_with_a_reason() {
    let app = spawn_app(DbKind::Sqlite, true);
    let department = Client::demo(&app, "department");
    let m = executor_measure(&department);
    let mut wanted = m.to_input();
    let year = Year::new(2027).expect("year");
    let line = wanted
        .budget_lines
        .iter_mut()
        .find(|l| l.year == year && l.source == FundingSource::Oblast)
        .expect("line");
    line.amount = Amount::try_from_decimal(
        line.amount.decimal() + Amount::parse("300 000").expect("a").decimal(),
    )
    .expect("a");
    department
        .propose(
            m.id,
            department.my_draft().expect("d").map(|d| d.summary.version),
            &wanted,
        )
        .expect("proposed");
    let draft = department.my_draft().expect("d").expect("draft");
    let p = department.step(&draft, "submit").expect("submitted");
    let id = p.summary.id;
    let reason = "Додаткова субвенція на кіберзахист, рішення сесії № 12";
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(1366).await;
        b.sign_in("department").await;
        b.goto(&format!("/proposals/{id}")).await;
        b.find("#decide-panel").await;
        assert!(!b.exists("#envelope-confirm").await, "nothing approved yet");
        // Approving the lines shows, before sending, what they do to the envelope.
        b.click("#approve-all").await;
        b.wait_text("#breach-preview", "the 2027 oblast cell", |t| {
            t.contains("2027")
        })
        .await;
        b.find("#envelope-confirm[data-refused=\"false\"]").await;
        b.fill("#decision-uk", "Рішення сесії обласної ради № 12")
            .await;
        b.scroll_to("#decide-panel").await;
        b.screenshot("envelope-preview-desktop").await;
        // Sent without a reason: the server's cells, and the reason asked for at its field.
        b.click("#decide").await;
        b.find("#envelope-confirm[data-refused=\"true\"]").await;
        b.wait_text("#breach-cells", "the cell over", |t| t.contains("2027"))
            .await;
        b.find("#breach-cells tr[data-year=\"2027\"][data-source=\"oblast\"]")
            .await;
        b.wait_text("#over-envelope-reason-error", "the reason asked for", |t| {
            t.contains("Підтвердьте")
        })
        .await;
        assert_eq!(
            b.attr("#over-envelope-reason", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        b.scroll_to("#envelope-confirm").await;
        b.screenshot("envelope-refused-desktop").await;
        b.set_width(390).await;
        b.scroll_to("#envelope-confirm").await;
        b.screenshot("envelope-refused-phone").await;
        b.assert_fits("envelope-refused-phone").await;
        b.click("#lang-en").await;
        b.wait_text("#envelope-confirm", "English", |t| {
            t.contains("funding envelope")
        })
        .await;
        b.scroll_to("#envelope-confirm").await;
        b.screenshot("envelope-refused-phone-en").await;
        b.click("#lang-uk").await;
        b.set_width(1366).await;
        // Confirmed with a reason, it is recorded.
        b.fill("#over-envelope-reason", reason).await;
        b.click("#decide").await;
        b.wait_text("#proposal-action-status", "recorded", |t| {
            t.contains("Рішення записано")
        })
        .await;
        b.wait_gone("#decide-panel", "nothing left to decide").await;
        b.close().await;
    });
    let p = department.proposal(id).expect("proposal");
    assert!(p.lines.iter().all(|l| l.state == LineState::Approved));
    let page: AuditPage = department
        .get("/api/audit?action=plan.version")
        .expect("record");
    let entry = page.entries.first().expect("the version's entry");
    assert_eq!(entry.action, AuditAction::PlanVersionCreated);
    let after = entry.after.as_ref().expect("after");
    assert_eq!(after["over_envelope"]["reason"], reason);
}
