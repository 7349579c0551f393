//! `/api/dashboard`, `/api/measures/{id}/execution`, `/api/map`: roll-ups equal independent sums, the drill-down, approved amounts, thresholds and who sees what.

use obriy_tests::client::save_of;
use obriy_tests::{on_both, spawn_app, Client};
use rust_decimal::Decimal;
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::dashboard::{Dashboard, DashboardLevel, MapShapes};
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::api::measures::{MeasureStatus, MeasureSummary};
use shared::api::orgs::OrgKind;
use shared::api::plan::PlanFilter;
use shared::api::reports::{ExecutionStatus, ReportStage, ReportingSettings, SpendingInput};
use shared::execution::Execution;
use shared::indicators::{IndicatorStatus, StatusRule};
use shared::{Amount, ErrorCode, GridCell, MeasureId, OrgId, Year};
use std::collections::HashMap;

pub fn approved_measures(c: &Client) -> Vec<MeasureSummary> {
    let tree = c.plan(&PlanFilter::default()).expect("plan");
    assert_eq!(
        tree.listed_count, tree.measure_count,
        "the demo plan is listed whole"
    );
    tree.directions
        .into_iter()
        .flat_map(|d| d.tasks)
        .flat_map(|t| t.measures)
        .filter(|m| m.status == MeasureStatus::Approved)
        .collect()
}

/// Every approved measure's three layers, read one by one from its own endpoint.
pub fn layers(c: &Client) -> Vec<(MeasureSummary, MeasureExecution)> {
    approved_measures(c)
        .into_iter()
        .map(|m| {
            let e = c.execution(m.id).expect("execution");
            (m, e)
        })
        .collect()
}

fn sum<'a>(
    items: impl Iterator<Item = &'a (MeasureSummary, MeasureExecution)>,
    year: Option<Year>,
) -> Execution {
    items
        .flat_map(|(_, e)| e.cells.iter())
        .filter(|c| year.is_none_or(|y| c.year == y))
        .map(|c| c.execution)
        .sum()
}

pub fn year_row(d: &Dashboard, y: Year) -> Execution {
    d.execution
        .iter()
        .find(|r| r.year == y && r.direction.is_none())
        .map(|r| r.execution)
        .unwrap_or_default()
}

on_both! {
    fn every_level_adds_up_to_the_measures_below_it(kind) {
        let app = spawn_app(kind, true);
        let head = Client::demo(&app, "head");
        let all = layers(&head);
        assert!(all.len() > 20);
        let oblast = head.dashboard("oblast", None, None).expect("oblast");
        assert_eq!(oblast.quarter.to_string(), "2026-Q3", "the latest ended quarter");
        // The oblast: everything; per year and in total; planned is the approved plan.
        assert_eq!(oblast.total, sum(all.iter(), None));
        for y in Year::all() {
            assert_eq!(year_row(&oblast, y), sum(all.iter(), Some(y)), "{y}");
        }
        let plan_total: Amount = all.iter().map(|(m, _)| m.totals.total()).sum();
        assert_eq!(oblast.total.planned, plan_total);
        assert!(!oblast.total.approved.is_zero() && !oblast.total.executed.is_zero(), "the demo history");
        // Per direction, the rows of a year add up to the year.
        for y in Year::all() {
            let by_dir: Execution = oblast.execution.iter()
                .filter(|r| r.year == y && r.direction.is_some()).map(|r| r.execution).sum();
            assert_eq!(by_dir, year_row(&oblast, y));
        }
        // Children: the districts and the executors add up to the oblast.
        let children: Execution = oblast.children.iter().map(|c| c.execution).sum();
        assert_eq!(children, oblast.total);
        assert_eq!(oblast.map.len(), 86, "every community on the map");
        // A district: its own measures and its communities'.
        let orgs = head.orgs().expect("orgs");
        let parent: HashMap<OrgId, Option<OrgId>> = orgs.iter().map(|o| (o.id, o.parent)).collect();
        for child in oblast.children.iter().filter(|c| c.level == DashboardLevel::District) {
            let d = OrgId(child.id);
            let mine = all.iter().filter(|(m, _)| m.org.id == d || parent.get(&m.org.id).copied().flatten() == Some(d));
            let district = head.dashboard("district", Some(d.0), None).expect("district");
            assert_eq!(district.total, sum(mine, None), "{}", child.name.en);
            assert_eq!(district.total, child.execution, "the same figure one level up");
            let below: Execution = district.children.iter().map(|c| c.execution).sum();
            assert_eq!(below, district.total);
            assert_eq!(district.path.len(), 2);
        }
        // A community: its measures; the executed amounts trace to approved reports.
        let pid = Client::demo(&app, "community.pidhorodne").me().expect("me").user.org.expect("org").id;
        let community = head.dashboard("community", Some(pid.0), None).expect("community");
        let mine: Vec<_> = all.iter().filter(|(m, _)| m.org.id == pid).collect();
        assert_eq!(community.total, sum(mine.iter().copied(), None));
        assert_eq!(community.children.len(), mine.len());
        let traced: Amount = community.trace.iter().filter(|t| t.stage == ReportStage::Approved).map(|t| t.executed).sum();
        assert_eq!(traced, community.total.executed);
        assert_eq!(community.path.iter().map(|c| c.level).collect::<Vec<_>>(),
                   [DashboardLevel::Oblast, DashboardLevel::District, DashboardLevel::Community]);
        // A measure: its own endpoint's figures.
        let (m, e) = mine.first().expect("a measure");
        let measure = head.dashboard("measure", Some(m.id.0), None).expect("measure");
        assert_eq!(measure.total, e.total);
        let traced: Amount = measure.trace.iter().filter(|t| t.stage == ReportStage::Approved).map(|t| t.executed).sum();
        assert_eq!(traced, e.total.executed);
    }
}

on_both! {
    fn an_approved_report_moves_every_level_by_exactly_its_spending(kind) {
        let app = spawn_app(kind, true);
        let head = Client::demo(&app, "head");
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let pid = community.me().expect("me").user.org.expect("org");
        let d = pid.parent.expect("a district");
        let before = |level: &str, id: Option<i32>| head.dashboard(level, id, None).expect("dashboard").total;
        let (o0, d0, c0) = (before("oblast", None), before("district", Some(d.0)), before("community", Some(pid.id.0)));

        let blank = community.report(pid.id, "2026-Q3").expect("q3");
        let mut save = save_of(&blank);
        let mut spent = Amount::ZERO;
        for (m, input) in blank.measures.iter().zip(save.measures.iter_mut()) {
            input.status = Some(ExecutionStatus::InProgress);
            input.spending = m.lines.iter().map(|l| SpendingInput { source: l.source, amount: Amount::parse("12,345").expect("a"), comment: String::new() }).collect();
            for _ in &m.lines {
                spent = spent + Amount::parse("12,345").expect("a");
            }
        }
        for (v, input) in blank.values.iter().zip(save.values.iter_mut()) {
            input.value = v.previous;
        }
        let r = community.save_report(&blank, &save).expect("save");
        let r = community.report_step(&r, "submit", None).expect("submit");
        // Not yet approved: nothing moves.
        assert_eq!(before("community", Some(pid.id.0)), c0);
        let r = district.report_step(&r, "endorse", None).expect("endorse");
        department.report_step(&r, "approve", None).expect("approve");
        for (now, then) in [(before("oblast", None), o0), (before("district", Some(d.0)), d0), (before("community", Some(pid.id.0)), c0)] {
            assert_eq!(now.executed, then.executed + spent);
            assert_eq!((now.planned, now.approved), (then.planned, then.approved));
        }
        // The community's own compliance for Q3 is now late, and its report state approved.
        let oblast = head.dashboard("oblast", None, None).expect("oblast");
        let row = oblast.map.iter().find(|c| c.id == pid.id.0).expect("on the map");
        assert_eq!(row.latest_report, Some(shared::calendar::ReportState::Approved));
    }
}

on_both! {
    fn the_department_enters_approved_amounts_once_per_version(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let community = Client::demo(&app, "community.pidhorodne");
        let head = Client::demo(&app, "head");
        let pid = community.me().expect("me").user.org.expect("org").id;
        let m = approved_measures(&head).into_iter().find(|m| m.org.id == pid).expect("a measure");
        let e = community.execution(m.id).expect("read");
        assert!(!e.can_set_approved);
        let cell = m.totals.cells().first().copied().expect("a budget line");
        let body = SetApproved { version: e.version, approved: vec![GridCell { amount: Amount::parse("7,5").expect("a"), ..cell }] };
        assert_eq!(community.set_approved(m.id, &body).expect_err("coordinator").status, 403);
        assert_eq!(head.set_approved(m.id, &body).expect_err("head").status, 403);
        let before = head.dashboard("community", Some(pid.0), None).expect("before").total;
        let set = department.set_approved(m.id, &body).expect("department");
        assert_eq!(set.version, e.version + 1);
        let c = set.cells.iter().find(|c| c.year == cell.year && c.source == cell.source).expect("cell");
        assert_eq!(c.execution.approved, Amount::parse("7,5").expect("a"));
        assert_eq!(set.cells.iter().map(|c| c.execution.approved).sum::<Amount>(), Amount::parse("7,5").expect("a"),
                   "cells left out are zero");
        let after = head.dashboard("community", Some(pid.0), None).expect("after").total;
        assert_eq!(after.approved + e.total.approved, before.approved + Amount::parse("7,5").expect("a"));
        // A stale version is refused with the current figures; outside the measure's years, 422.
        let e2 = department.set_approved(m.id, &body).expect_err("stale");
        assert_eq!((e2.status, e2.code()), (409, ErrorCode::VersionConflict));
        let current: MeasureExecution = serde_json::from_value(e2.body.current.expect("current")).expect("execution");
        assert_eq!(current, set);
        let mut outside = SetApproved { version: set.version, approved: vec![cell] };
        outside.approved[0].year = Year::new(if m.end_year.get() < 2028 { 2028 } else { m.start_year.get().max(2027) - 1 }).expect("y");
        if outside.approved[0].year < m.start_year || outside.approved[0].year > m.end_year {
            let e3 = department.set_approved(m.id, &outside).expect_err("outside the years");
            assert_eq!((e3.code(), e3.body.field.as_deref()), (ErrorCode::BudgetLineOutsideYears, Some("approved[0].year")));
        }
        assert_eq!(department.execution(MeasureId(999_999)).expect_err("none").status, 404);
    }
}

on_both! {
    fn thresholds_and_the_comment_rule_are_the_departments_to_set(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let head = Client::demo(&app, "head");
        let list: Vec<IndicatorEntry> = head.get("/api/indicators").expect("indicators");
        let wifi = list.iter().find(|e| e.code == "IND-08").expect("IND-08");
        let tile = |c: &Client| {
            c.dashboard("oblast", None, None).expect("d").indicators.into_iter()
                .find(|t| t.code == "IND-08").expect("tile")
        };
        let t = tile(&head);
        assert_eq!(t.status, IndicatorStatus::AtRisk, "{t:?}");
        let achieved = t.achievement.expect("achievement");
        let rule = SetStatusRule { version: wifi.version, status_rule: Some(StatusRule { on_track: achieved, at_risk: Decimal::from(50) }) };
        let path = format!("/api/indicators/{}/status-rule", wifi.indicator.id);
        assert_eq!(head.put::<_, IndicatorEntry>(&path, &rule).expect_err("head").status, 403);
        let bad = SetStatusRule { version: wifi.version, status_rule: Some(StatusRule { on_track: Decimal::from(50), at_risk: Decimal::from(60) }) };
        let e = department.put::<_, IndicatorEntry>(&path, &bad).expect_err("inverted");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::StatusRuleInvalid, Some("status_rule.at_risk")));
        let set: IndicatorEntry = department.put(&path, &rule).expect("set");
        assert_eq!(set.version, wifi.version + 1);
        assert_eq!(tile(&head).status, IndicatorStatus::OnTrack, "the same figure, a new threshold");
        assert_eq!(department.put::<_, IndicatorEntry>(&path, &rule).expect_err("stale").status, 409);

        let settings: ReportingSettings = head.get("/api/reporting/settings").expect("settings");
        assert_eq!((settings.remind_days_before, settings.max_change_percent), (3, Decimal::from(50)));
        let wider = ReportingSettings { remind_days_before: 5, max_change_percent: Decimal::from(500) };
        assert_eq!(head.put::<_, ReportingSettings>("/api/reporting/settings", &wider).expect_err("head").status, 403);
        let e = department.put::<_, ReportingSettings>("/api/reporting/settings",
            &ReportingSettings { remind_days_before: 31, ..wider.clone() }).expect_err("too many days");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::ReminderDaysInvalid, Some("remind_days_before")));
        let saved: ReportingSettings = department.put("/api/reporting/settings", &wider).expect("set");
        assert_eq!(saved, wider);
        // The wider rule lets a doubled value through without a comment.
        let community = Client::demo(&app, "community.pidhorodne");
        let pid = community.me().expect("me").user.org.expect("org").id;
        let r = community.report(pid, "2026-Q3").expect("q3");
        assert_eq!(r.max_change_percent, Decimal::from(500));
        let mut save = save_of(&r);
        let prev = r.values[0].previous.expect("previous");
        save.values[0].value = Some((prev * Decimal::TWO).min(Decimal::from(100)));
        community.save_report(&r, &save).expect("within 500 %");
    }
}

on_both! {
    fn each_user_sees_the_dashboard_of_their_own_scope(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let sibling = Client::demo(&app, "community.petrykivka");
        let district = Client::demo(&app, "district.dnipro");
        let other = Client::demo(&app, "district.kryvyi-rih");
        let pid = community.me().expect("me").user.org.expect("org");
        let d = pid.parent.expect("district").0;
        let oblast = Client::demo(&app, "head").dashboard("oblast", None, None).expect("head");
        let measure = oblast.children.iter().find(|c| c.kind == Some(OrgKind::Community)).map(|c| c.id);
        for login in ["head", "department", "admin"] {
            let c = Client::demo(&app, login);
            assert!(c.dashboard("oblast", None, None).is_ok(), "{login}");
            assert!(c.dashboard("district", Some(d), None).is_ok(), "{login}");
            assert!(c.dashboard("community", Some(pid.id.0), None).is_ok(), "{login}");
        }
        assert_eq!(community.dashboard("oblast", None, None).expect_err("oblast").status, 403);
        assert_eq!(community.dashboard("district", Some(d), None).expect_err("district").status, 403);
        assert!(community.dashboard("community", Some(pid.id.0), None).is_ok());
        assert_eq!(sibling.dashboard("community", Some(pid.id.0), None).expect_err("sibling").status, 403);
        assert!(district.dashboard("district", Some(d), None).is_ok());
        assert!(district.dashboard("community", Some(pid.id.0), None).is_ok());
        assert_eq!(other.dashboard("district", Some(d), None).expect_err("other district").status, 403);
        assert_eq!(other.dashboard("community", Some(pid.id.0), None).expect_err("other district").status, 403);
        assert_eq!(district.dashboard("oblast", None, None).expect_err("oblast").status, 403);
        if let Some(exec) = measure {
            assert_eq!(community.dashboard("community", Some(exec), None).expect_err("an executor").status, 403);
        }
        // Bad queries are 4xx with the field, never a 500.
        let head = Client::demo(&app, "head");
        assert_eq!(head.dashboard("district", Some(pid.id.0), None).expect_err("not a district").status, 404);
        assert_eq!(head.dashboard("galaxy", None, None).expect_err("level").body.field.as_deref(), Some("level"));
        let e = head.dashboard("oblast", None, Some("2026-Q9")).expect_err("quarter");
        assert_eq!((e.status, e.body.field.as_deref()), (422, Some("quarter")));
        assert_eq!(head.dashboard("measure", Some(999_999), None).expect_err("none").status, 404);
        assert_eq!(Client::anonymous(&app).dashboard("oblast", None, None).expect_err("anon").status, 401);
        // An earlier quarter answers as of that quarter.
        let q1 = head.dashboard("oblast", None, Some("2026-Q1")).expect("q1");
        assert_eq!(q1.quarter.to_string(), "2026-Q1");
        assert!(q1.indicators.iter().all(|t| t.trend.len() == 1));

        // The map: 86 communities and 7 districts, matched to organisations.
        let map: MapShapes = community.get("/api/map").expect("map");
        assert_eq!((map.communities.len(), map.districts.len()), (86, 7));
        assert!(map.communities.iter().all(|s| s.path.starts_with('M') && s.path.ends_with('Z')));
        assert!(map.communities.iter().all(|s| s.label_x >= 0 && s.label_x <= i32::try_from(map.width).expect("w")));
        assert!(map.communities.iter().any(|s| s.org == pid.id));
        assert_eq!(Client::anonymous(&app).get::<MapShapes>("/api/map").expect_err("anon").status, 401);
    }
}
