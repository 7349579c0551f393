//! A quarterly report whose spending goes above the line's limit: the warning names the limit as
//! the amount is typed, saving asks for the reason at the line, and the district reviewing the
//! submitted report sees the line marked with its reason — at 1366 px and at 390 px.

use super::{runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::client::save_of;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind};
use rust_decimal::Decimal;
use shared::api::reports::{ExecutionStatus, ReportStage};
use shared::execution::spending_limit;
use shared::{Amount, IndicatorUnit, Lang};

/// Text with no-break spaces as plain ones (WebDriver may give either).
fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// A value for an indicator that needs no comment: the previous one, else a plausible figure.
fn steady(unit: IndicatorUnit, previous: Option<Decimal>) -> Decimal {
    previous.unwrap_or(match unit {
        IndicatorUnit::Percent | IndicatorUnit::Points => Decimal::from(40),
        IndicatorUnit::Count | IndicatorUnit::Days => Decimal::from(80),
        IndicatorUnit::ThousandUah => Decimal::from(100),
    })
}

#[test]
fn spending_above_the_limit_is_explained_at_the_line_and_the_district_sees_it() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let blank = community.report(org, "2026-Q3").expect("Q3");
    assert!(
        blank.can_edit,
        "the third quarter is the coordinator's to write"
    );
    let (measure, line) = blank
        .measures
        .iter()
        .find_map(|m| m.lines.first().map(|l| (m.clone(), l.clone())))
        .expect("a measure with a budget line in 2026");
    let (mid, source) = (measure.measure_id, line.source.as_str());
    let limit = spending_limit(line.planned, line.approved);
    let room = limit.decimal() - line.executed_before.decimal();
    let within = Amount::try_from_decimal(room.max(Decimal::ZERO)).expect("within");
    let above =
        Amount::try_from_decimal(room.max(Decimal::ZERO) + Decimal::from(250)).expect("above");
    let reason = "Додаткова закупівля серверів за рішенням сесії № 12";
    let spent = format!("#spent-{mid}-{source}");
    let warning = format!("#over-{mid}-{source}");
    let comment = format!("#spent-comment-{mid}-{source}");
    let page = format!("/reports/{org}/2026-Q3");
    let limit_text = plain(&limit.format(Lang::Uk));
    let rt = runtime();
    rt.block_on(async {
        let c = Browser::open(&app.url).await;
        c.set_width(1366).await;
        c.sign_in("community.pidhorodne").await;
        c.goto(&page).await;
        c.fill(&spent, &above.to_input(Lang::Uk)).await;
        // As it is typed: the warning names the limit, and the reason is asked for.
        let said = c
            .wait_text(&warning, "the limit named", |t| {
                plain(t).contains(&limit_text)
            })
            .await;
        assert!(said.contains("Перевищення"), "{said}");
        assert_eq!(
            c.attr(&comment, "aria-required").await.as_deref(),
            Some("true")
        );
        c.find(&format!("tr[data-source=\"{source}\"][data-over=\"true\"]"))
            .await;
        c.click("#report-save").await;
        c.wait_text(&format!("{comment}-error"), "the reason is required", |t| {
            t.contains("Поясніть причину")
        })
        .await;
        c.scroll_to(&format!("#spending-{mid}")).await;
        c.screenshot("overspend-reason-required-desktop").await;
        // Back within the limit the warning goes; above it again, explained, it saves.
        c.fill(&spent, &within.to_input(Lang::Uk)).await;
        c.wait_gone(&warning, "no overspending within the limit")
            .await;
        c.fill(&spent, &above.to_input(Lang::Uk)).await;
        c.fill(&comment, reason).await;
        c.click("#report-save").await;
        c.wait_text("#report-action-status", "saved", |t| {
            t.contains("Звіт збережено")
        })
        .await;
        c.scroll_to(&format!("#spending-{mid}")).await;
        c.screenshot("overspend-explained-desktop").await;
        c.set_width(390).await;
        c.scroll_to(&format!("#spending-{mid}")).await;
        c.screenshot("overspend-explained-phone").await;
        c.close().await;
    });
    // The rest of the report through the API, and submitted.
    let saved = community.report(org, "2026-Q3").expect("saved");
    let shown = saved
        .measures
        .iter()
        .find(|m| m.measure_id == mid)
        .and_then(|m| m.lines.iter().find(|l| l.source == line.source))
        .expect("the line");
    assert!(shown.over && shown.comment == reason && shown.spent == above);
    let mut body = save_of(&saved);
    for m in &mut body.measures {
        m.status = m.status.or(Some(ExecutionStatus::InProgress));
    }
    for (v, r) in body.values.iter_mut().zip(&saved.values) {
        v.value = v.value.or(Some(steady(r.unit, r.previous)));
    }
    let saved = community.save_report(&saved, &body).expect("filled in");
    let submitted = community
        .report_step(&saved, "submit", None)
        .expect("submitted");
    assert_eq!(submitted.stage, Some(ReportStage::Submitted));
    rt.block_on(async {
        let d = Browser::open(&app.url).await;
        d.set_width(1366).await;
        d.sign_in("district.dnipro").await;
        d.goto(&page).await;
        d.wait_text("#report-overspend", "the overspent line listed", |t| {
            t.contains("Рядків із перевищенням видатків: 1")
        })
        .await;
        d.wait_text(&warning, "the warning with the author's reason", |t| {
            plain(t).contains(&limit_text) && t.contains(reason)
        })
        .await;
        assert!(
            !d.exists(&format!("textarea{comment}")).await,
            "the reviewer reads the reason, not a field"
        );
        d.screenshot("overspend-district-desktop").await;
        d.click(&format!("#report-overspend a[href=\"{warning}\"]"))
            .await;
        d.screenshot("overspend-district-line-desktop").await;
        d.click("#lang-en").await;
        d.wait_text(&warning, "English", |t| t.contains("Overspending"))
            .await;
        d.set_width(390).await;
        d.assert_fits("overspend-district-phone-en").await;
        d.scroll_to(&warning).await;
        d.screenshot("overspend-district-phone-en").await;
        d.close().await;
    });
}
