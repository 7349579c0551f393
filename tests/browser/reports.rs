//! Quarterly reporting in the browser: a community fills its report (a wrong value and a big move
//! without a comment are caught at their fields), saves and submits it; the district endorses it,
//! the department approves it and it locks (the form and the API refuse edits); the department
//! unlocks it with a reason that the record shows. Also the calendar and a measure's budget
//! execution, in Ukrainian and in English.

use super::{runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::client::save_of;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind, TestApp};
use rust_decimal::Decimal;
use shared::api::reports::{ExecutionStatus, ReportStage, SaveReport};
use shared::{ErrorCode, IndicatorUnit, OrgId};

/// Every test server starts on 24 November 2026 (`obriy_tests::TEST_TODAY`): the third quarter
/// has ended and its report, due on 5 October, is overdue; the demo history leaves the demo
/// coordinators' latest report for them to write.
const OVERDUE_DAYS: &str = "прострочено на 50 днів";

/// A plausible figure for a unit, for a value the earlier report left blank.
fn plausible(unit: IndicatorUnit) -> Decimal {
    match unit {
        IndicatorUnit::Percent | IndicatorUnit::Points => Decimal::from(40),
        IndicatorUnit::Count | IndicatorUnit::Days => Decimal::from(80),
        IndicatorUnit::ThousandUah => Decimal::from(100),
    }
}

/// The second quarter taken to approval through the API from wherever the demo history left it,
/// so that the third has previous values to compare with.
fn approve_q2(app: &TestApp, community: &Client, org: OrgId) {
    let district = Client::demo(app, "district.dnipro");
    let department = Client::demo(app, "department");
    let mut r = community.report(org, "2026-Q2").expect("Q2");
    for _ in 0..4 {
        r = match r.stage {
            Some(ReportStage::Approved) => return,
            None | Some(ReportStage::Draft) => {
                let mut body = save_of(&r);
                for m in &mut body.measures {
                    m.status = m.status.or(Some(ExecutionStatus::InProgress));
                }
                for (v, shown) in body.values.iter_mut().zip(&r.values) {
                    v.value = v.value.or(Some(plausible(shown.unit)));
                }
                let saved = community.save_report(&r, &body).expect("save Q2");
                community
                    .report_step(&saved, "submit", None)
                    .expect("submit Q2")
            }
            Some(ReportStage::Submitted) => district
                .report_step(&r, "endorse", None)
                .expect("endorse Q2"),
            Some(ReportStage::Endorsed) => department
                .report_step(&r, "approve", None)
                .expect("approve Q2"),
        };
    }
    assert_eq!(r.stage, Some(ReportStage::Approved), "Q2 approved");
}

/// A value that moves far from `previous` (a quarter of it, or double) and stays in 0–100.
fn big_move(previous: Decimal) -> Decimal {
    if previous > Decimal::from(40) {
        (previous / Decimal::from(4)).round()
    } else {
        previous * Decimal::from(2) + Decimal::from(10)
    }
}

obriy_tests::on_both! {
    fn a_community_reports_a_quarter_the_district_endorses_the_department_approves_locks_and_unlocks(kind) {
        report_journey(kind);
    }
}

fn report_journey(kind: DbKind) {
    let app = spawn_app(kind, true);
    let shot = |name: &str| match kind {
        DbKind::Sqlite => name.to_string(),
        DbKind::Postgres => format!("{name}-postgres"),
    };
    let community = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    approve_q2(&app, &community, org);
    let blank = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(blank.version, 0, "nothing saved yet");
    assert!(blank.can_edit);
    let measure = blank
        .measures
        .iter()
        .find(|m| !m.lines.is_empty())
        .expect("a measure with budget lines in 2026");
    let (mid, source) = (measure.measure_id, measure.lines[0].source);
    let value = blank
        .values
        .iter()
        .find(|v| v.unit == IndicatorUnit::Percent && v.previous.is_some())
        .expect("a percentage the community reports, with the second quarter's value");
    let vid = value.indicator_id;
    let previous = value.previous.expect("previous");
    let moved = big_move(previous).to_string();
    let page = format!("/reports/{org}/2026-Q3");
    let rt = runtime();
    rt.block_on(async {
        // The calendar opens at the quarter that has just ended; the coordinator's own periods too.
        let c = Browser::open_as(&app.url, "community.pidhorodne").await;
        c.click(".main-nav a[href=\"/reports\"]").await;
        c.wait_text("#report-period-select", "the third quarter", |t| {
            t.contains("III квартал 2026")
        })
        .await;
        assert_eq!(
            c.find("#report-period-select")
                .await
                .prop("value")
                .await
                .expect("value")
                .as_deref(),
            Some("2026-Q3")
        );
        let row = c
            .wait_text(
                &format!("#reports-table .report-row[data-org-id=\"{org}\"]"),
                "Pidhorodne's row",
                |t| t.contains("Підгородненська"),
            )
            .await;
        assert!(row.contains("05.10.2026"), "due on the 5th: {row}");
        assert!(row.contains(OVERDUE_DAYS), "{row}");
        assert!(row.contains("Прострочено"), "{row}");
        c.wait_text("#my-reports-table", "every period", |t| {
            t.contains("I квартал 2026") && t.contains("2028 рік")
        })
        .await;
        c.find("#my-reports-table tr[data-period=\"2026-Q2\"] [data-state=\"approved\"]")
            .await;
        c.screenshot(&shot("reports-calendar-community")).await;

        // The report: statuses, what was done and spent, the indicator.
        c.click(&format!(
            "#reports-table .report-row[data-org-id=\"{org}\"] a.report-link"
        ))
        .await;
        c.wait_url(|u| u.ends_with(&page)).await;
        c.find("#report-stage[data-stage=\"none\"]").await;
        let deadlines = c.text("#report-deadlines").await;
        assert!(
            deadlines.contains("05.10.2026")
                && deadlines.contains("10.10.2026")
                && deadlines.contains("15.10.2026"),
            "{deadlines}"
        );
        let prev = c.text(&format!("#previous-{vid}")).await;
        assert_eq!(
            prev.trim().replace(',', "."),
            previous.normalize().to_string(),
            "the second quarter's value"
        );
        for m in &blank.measures {
            c.select(&format!("#status-{}", m.measure_id), "in_progress")
                .await;
        }
        c.select(&format!("#status-{mid}"), "done").await;
        c.fill(
            &format!("#narrative-{mid}"),
            "Закуплено обладнання для ЦНАП.",
        )
        .await;
        c.fill(&format!("#spent-{mid}-{}", source.as_str()), "12,5")
            .await;

        // A percentage above 100 is refused at the field as it is typed, in both languages' way.
        c.fill(&format!("#value-{vid}"), "150").await;
        let error = c
            .wait_text(&format!("#value-{vid}-error"), "the range error", |t| {
                !t.trim().is_empty()
            })
            .await;
        assert!(
            error.contains(&ErrorCode::IndicatorValueOutOfRange.message().uk),
            "{error}"
        );
        assert_eq!(
            c.attr(&format!("#value-{vid}"), "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        c.scroll_to("#report-indicators").await;
        c.screenshot(&shot("report-invalid-value")).await;

        // Doubled from the last quarter: a comment becomes required, and saving without one
        // is stopped at the comment before anything is sent.
        c.fill(&format!("#value-{vid}"), &moved).await;
        c.wait_text(&format!("#value-{vid}-error"), "no error", |t| {
            t.trim().is_empty()
        })
        .await;
        c.wait_text(&format!("#comment-{vid}-hint"), "the comment hint", |t| {
            t.contains("50")
        })
        .await;
        c.click("#report-save").await;
        let error = c
            .wait_text(&format!("#comment-{vid}-error"), "the comment error", |t| {
                !t.trim().is_empty()
            })
            .await;
        assert!(
            error.contains(&ErrorCode::IndicatorChangeNeedsComment.message().uk),
            "{error}"
        );
        c.screenshot(&shot("report-comment-required")).await;
        assert_eq!(
            c.attr("#report-summary", "data-version").await.as_deref(),
            Some("0"),
            "nothing was sent"
        );
        let summary = c.text("#report-summary").await.to_lowercase();
        assert!(
            !summary.contains("версія"),
            "the save counter is not shown: {summary}"
        );

        c.fill(&format!("#comment-{vid}"), "Підключено нові послуги в Дії.")
            .await;
        c.click("#report-save").await;
        c.wait_text("#report-action-status", "saved", |t| {
            t.contains("Звіт збережено")
        })
        .await;
        c.find("#report-stage[data-stage=\"draft\"]").await;
        c.live().await;

        c.click("#report-submit").await;
        c.find("#report-stage[data-stage=\"submitted\"]").await;
        c.wait_text("#report-action-status", "submitted", |t| {
            t.contains("Звіт подано")
        })
        .await;
        assert!(c.exists("#report-readonly").await, "waits for the district");
        c.screenshot(&shot("report-submitted")).await;

        // The district finds it waiting and endorses it; the community's page follows live.
        let d = Browser::open_as(&app.url, "district.dnipro").await;
        d.click(".main-nav a[href=\"/inbox\"]").await;
        let item = d
            .wait_text(".inbox-item", "the report waiting in the inbox", |t| {
                t.contains("Оксана Шевчук") && t.contains("звіт")
            })
            .await;
        assert!(item.contains("III квартал 2026"), "{item}");
        d.find(&format!(".inbox-item a.inbox-open[href=\"{page}\"]"))
            .await;
        d.screenshot(&shot("inbox-report-district")).await;
        d.goto("/reports?period=2026-Q3&waiting=true").await;
        d.wait_text("#reports-table", "the waiting report", |t| {
            t.contains("Підгородненська")
        })
        .await;
        d.screenshot(&shot("reports-waiting-district")).await;
        d.click(&format!(
            "#reports-table .report-row[data-org-id=\"{org}\"] a.report-link"
        ))
        .await;
        d.find("#report-stage[data-stage=\"submitted\"]").await;
        assert_eq!(
            d.attr(&format!("#status-{mid}"), "disabled")
                .await
                .as_deref(),
            Some("true"),
            "the district reads, it does not edit"
        );
        d.click("#report-endorse").await;
        d.find("#report-stage[data-stage=\"endorsed\"]").await;
        c.find("#report-stage[data-stage=\"endorsed\"]").await;
        c.wait_text("#live-notice", "who endorsed it", |t| {
            t.contains("Ігор Бондар")
        })
        .await;

        // The department approves: the report locks.
        d.sign_out().await;
        d.sign_in("department").await;
        d.goto(&page).await;
        d.find("#report-stage[data-stage=\"endorsed\"]").await;
        d.click("#report-approve").await;
        d.find("#report-stage[data-stage=\"approved\"]").await;
        d.find("#report-locked").await;
        c.find("#report-stage[data-stage=\"approved\"]").await;
        let locked = c.text("#report-locked").await;
        assert!(locked.contains("заблоковано"), "{locked}");
        for field in [
            format!("#status-{mid}"),
            format!("#narrative-{mid}"),
            format!("#spent-{mid}-{}", source.as_str()),
            format!("#value-{vid}"),
            format!("#comment-{vid}"),
        ] {
            assert_eq!(
                c.attr(&field, "disabled").await.as_deref(),
                Some("true"),
                "{field} is locked"
            );
        }
        assert!(!c.exists("#report-save").await);
        c.scroll_to("#report-heading").await;
        c.screenshot(&shot("report-locked")).await;
        d.close().await;
        c.close().await;
    });

    // The API refuses an edit of the approved report as well.
    let approved = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(approved.stage, Some(ReportStage::Approved));
    assert!(!approved.can_edit);
    let attempt = SaveReport {
        version: approved.version,
        measures: Vec::new(),
        values: Vec::new(),
    };
    let refused = community
        .save_report(&approved, &attempt)
        .expect_err("locked");
    assert_eq!(refused.status, 409);
    assert_eq!(refused.code(), ErrorCode::ReportLocked);
    let spent = approved
        .measures
        .iter()
        .find(|m| m.measure_id == mid)
        .and_then(|m| m.lines.iter().find(|l| l.source == source))
        .map(|l| l.spent);
    assert_eq!(spent, Some(shared::Amount::parse("12,5").expect("a")));

    let reason = "Уточнити видатки за джерелами після рішення сесії.";
    rt.block_on(async {
        let d = Browser::open_as(&app.url, "department").await;
        d.goto(&page).await;
        d.find("#report-stage[data-stage=\"approved\"]").await;
        // The unlock needs a reason, asked before anything is sent.
        d.click("#report-unlock").await;
        d.click("#reason-confirm").await;
        d.wait_text("#reason-input-error", "the reason is required", |t| {
            !t.trim().is_empty()
        })
        .await;
        d.fill("#reason-input", reason).await;
        d.screenshot(&shot("report-unlock-reason")).await;
        d.click("#reason-confirm").await;
        d.find("#report-stage[data-stage=\"draft\"]").await;
        let record = d
            .wait_text("#report-steps", "the unlock with its reason", |t| {
                t.contains(reason)
            })
            .await;
        assert!(record.contains("Розблоковано департаментом"), "{record}");
        assert!(d.exists("#report-steps [data-action=\"approve\"]").await);
        assert!(d.exists("#report-steps [data-action=\"unlock\"]").await);
        d.scroll_to("#report-steps").await;
        d.screenshot(&shot("report-unlocked-record")).await;

        // The measure's budget execution: the quarter's spending with its report; the department
        // enters the year's approved amount.
        d.goto(&format!("/measures/{mid}")).await;
        d.find("#budget-execution").await;
        d.find(&format!(
            "#execution-quarters-table tr[data-period=\"2026-Q3\"] a[href=\"{page}\"]"
        ))
        .await;
        d.click("#edit-approved").await;
        let cell = format!("#approved-2026-{}", source.as_str());
        d.fill(&cell, "90,5").await;
        d.click("#save-approved").await;
        d.wait_text("#execution-status", "saved", |t| t.contains("збережено"))
            .await;
        d.wait_text(
            &format!(
                "#execution-table tr[data-year=\"2026\"][data-source=\"{}\"]",
                source.as_str()
            ),
            "the approved amount",
            |t| t.contains("90,5"),
        )
        .await;
        d.scroll_to("#budget-execution").await;
        d.screenshot(&shot("measure-budget-execution")).await;

        // The same pages in English.
        d.click("#lang-en").await;
        d.wait_text("#budget-execution-title", "English", |t| {
            t.contains("Budget execution")
        })
        .await;
        d.screenshot(&shot("measure-budget-execution-en")).await;
        d.goto(&page).await;
        d.wait_text("#report-heading", "the report in English", |t| {
            t.contains("Q3 2026")
        })
        .await;
        d.screenshot(&shot("report-en")).await;
        d.goto("/reports").await;
        d.wait_text("#reports-table", "the calendar in English", |t| {
            t.contains("Draft") || t.contains("Overdue") || t.contains("Not started")
        })
        .await;
        d.screenshot(&shot("reports-calendar-en")).await;
        d.close().await;
    });
    let unlocked = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(unlocked.stage, Some(ReportStage::Draft));
    assert!(unlocked.can_edit, "a draft again, editable by its author");
    let last = unlocked.steps.last().expect("steps");
    assert_eq!(last.reason.as_deref(), Some(reason));
}

#[test]
fn a_report_saved_elsewhere_meanwhile_keeps_what_was_typed_and_shows_the_server_beside_it() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let blank = community.report(org, "2026-Q3").expect("Q3");
    let mid = blank.measures[0].measure_id;
    let page = format!("/reports/{org}/2026-Q3");
    let rt = runtime();
    let source = blank.measures[0].lines[0].source;
    let c = rt.block_on(async {
        let c = Browser::open_as(&app.url, "community.pidhorodne").await;
        // The year's report, before the year is over: the draft can wait, the year's spending
        // is the quarters' and is not typed again.
        c.goto(&format!("/reports/{org}/2026")).await;
        c.find("#report-not-ended").await;
        c.wait_text("#report-heading", "the annual report", |t| {
            t.contains("2026 рік (річний звіт)")
        })
        .await;
        c.find(&format!("td#spent-{mid}-{}", source.as_str())).await;
        assert!(
            !c.exists(&format!("input#spent-{mid}-{}", source.as_str()))
                .await
        );
        c.screenshot("report-annual").await;
        c.goto(&page).await;
        c.find("#report-stage[data-stage=\"none\"]").await;
        c.live().await;
        c.fill(&format!("#narrative-{mid}"), "Моя версія опису.")
            .await;
        c
    });
    // The same organisation saves the report from elsewhere (another tab, a colleague).
    let mut body = save_of(&blank);
    body.measures[0].narrative = "Опис з іншої вкладки.".into();
    body.measures[0].status = Some(ExecutionStatus::AtRisk);
    let saved = community
        .save_report(&blank, &body)
        .expect("save elsewhere");
    assert_eq!(saved.version, 1);
    rt.block_on(async {
        // The page hears of it but keeps the unsaved text; saving meets the conflict.
        c.wait_attr("#report-summary", "data-version", "1").await;
        assert_eq!(
            c.find(&format!("#narrative-{mid}"))
                .await
                .prop("value")
                .await
                .expect("value")
                .as_deref(),
            Some("Моя версія опису.")
        );
        c.click("#report-save").await;
        c.find("#report-conflict").await;
        let card = c
            .wait_text(
                &format!("article[data-measure-id=\"{mid}\"]"),
                "the server's values beside the fields",
                |t| t.contains("Опис з іншої вкладки."),
            )
            .await;
        assert!(card.contains("На сервері: Під загрозою"), "{card}");
        c.scroll_to("#report-conflict").await;
        c.screenshot("report-conflict").await;
        // Keeping mine: the next save writes it over the server's.
        c.click("#conflict-keep").await;
        c.find("#conflict-kept").await;
        c.click("#report-save").await;
        c.wait_text("#report-action-status", "saved", |t| {
            t.contains("Звіт збережено")
        })
        .await;
        c.wait_gone("#report-conflict", "the conflict resolved")
            .await;
        c.close().await;
    });
    let now = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(now.version, 2);
    assert_eq!(now.measures[0].narrative, "Моя версія опису.");
}
