//! `/api/reports`: the reporting chain, locking and unlocking, refusals that change nothing, the calendar with an injected clock, reminders.

use obriy_tests::client::save_of;
use obriy_tests::{on_both, spawn_app, Client};
use rust_decimal::Decimal;
use shared::api::inbox::{Inbox, NotificationKind};
use shared::api::reports::{ExecutionStatus, Report, ReportStage, SpendingInput};
use shared::calendar::{Compliance, ReportState, Step};
use shared::chain::Action;
use shared::{Amount, ErrorCode, FundingSource, OrgId};

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

pub fn own_org(c: &Client) -> OrgId {
    c.me().expect("me").user.org.expect("an organisation").id
}

/// A complete Q3 draft: every measure in progress, some spending on its first budget line, the
/// indicator at its previous value (no comment needed).
pub fn fill(r: &Report) -> shared::api::reports::SaveReport {
    let mut save = save_of(r);
    for (m, input) in r.measures.iter().zip(save.measures.iter_mut()) {
        input.status = Some(ExecutionStatus::InProgress);
        input.narrative = "Закупівлю проведено".into();
        if let Some(line) = m.lines.first() {
            input.spending = vec![SpendingInput {
                source: line.source,
                amount: Amount::parse("1,5").expect("amount"),
                comment: String::new(),
            }];
        }
    }
    for (v, input) in r.values.iter().zip(save.values.iter_mut()) {
        input.value = Some(v.previous.unwrap_or(dec("40")));
    }
    save
}

fn inbox_kinds(c: &Client) -> Vec<NotificationKind> {
    let inbox: Inbox = c.get("/api/inbox").expect("inbox");
    inbox.items.iter().map(|i| i.kind).collect()
}

on_both! {
    fn a_quarterly_report_goes_up_the_chain_and_locks(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);

        // Nothing saved yet: a blank draft, the community's measures and its indicator.
        let blank = community.report(org, "2026-Q3").expect("report");
        assert_eq!((blank.stage, blank.version), (None, 0));
        assert!(blank.can_edit && blank.actions.is_empty());
        assert_eq!(blank.status.state, ReportState::Overdue, "due 5 October, today 24 November");
        assert!(!blank.measures.is_empty());
        assert_eq!(blank.values.len(), 1, "the community share indicator");
        assert!(blank.values[0].expected.is_some(), "each community is held to the target");
        let measure_lines: usize = blank.measures.iter().map(|m| m.lines.len()).sum();
        assert!(measure_lines > 0);

        // A draft without statuses saves, but cannot be submitted.
        let mut partial = fill(&blank);
        partial.measures[0].status = None;
        let draft = community.save_report(&blank, &partial).expect("a partial draft saves");
        assert_eq!((draft.stage, draft.version), (Some(ReportStage::Draft), 1));
        let e = community.report_step(&draft, "submit", None).expect_err("incomplete");
        assert_eq!((e.status, e.code()), (422, ErrorCode::ExecutionStatusRequired));
        assert_eq!(e.body.field.as_deref(), Some("measures[0].status"));

        // Bad values are refused with the field, and change nothing.
        let mut bad = fill(&draft);
        bad.values[0].value = Some(dec("150"));
        let e = community.save_report(&draft, &bad).expect_err("a share above 100 %");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()),
                   (422, ErrorCode::IndicatorValueOutOfRange, Some("values[0].value")));
        let previous = draft.values[0].previous.expect("the Q2 report gave a value");
        let mut jump = fill(&draft);
        jump.values[0].value = Some((previous * dec("2")).min(dec("100")).max(previous + dec("30")).min(dec("100")));
        let e = community.save_report(&draft, &jump).expect_err("a big move without a comment");
        assert_eq!((e.code(), e.body.field.as_deref()),
                   (ErrorCode::IndicatorChangeNeedsComment, Some("values[0].comment")));
        let mut unbudgeted = fill(&draft);
        let m0 = &draft.measures[0];
        let empty_source = FundingSource::ALL.into_iter()
            .find(|s| m0.lines.iter().all(|l| l.source != *s)).expect("a source without money");
        unbudgeted.measures[0].spending = vec![SpendingInput { source: empty_source, amount: Amount::parse("1").expect("a"), comment: String::new() }];
        let e = community.save_report(&draft, &unbudgeted).expect_err("spending without a budget");
        assert_eq!((e.code(), e.body.field.as_deref()),
                   (ErrorCode::SpendingNotInBudget, Some("measures[0].spending[0].source")));
        assert_eq!(community.report(org, "2026-Q3").expect("unchanged"), draft, "refusals change nothing");

        // Explained, the jump is accepted; a stale version is refused with the report as it is.
        jump.values[0].comment = "Запущено нові е-послуги".into();
        let saved = community.save_report(&draft, &jump).expect("with a comment");
        assert_eq!(saved.version, 2);
        let e = community.save_report(&draft, &fill(&draft)).expect_err("stale");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportVersionConflict));
        let current: Report = serde_json::from_value(e.body.current.expect("current")).expect("a report");
        assert_eq!(current, saved);

        // Submit: to the district (the default route); the author can no longer edit it.
        let submitted = community.report_step(&saved, "submit", None).expect("submit");
        assert_eq!(submitted.stage, Some(ReportStage::Submitted));
        assert!(!submitted.can_edit);
        assert_eq!(submitted.status.state, ReportState::Submitted);
        assert!(submitted.status.late, "submitted after the 5 October due date");
        let e = community.save_report(&submitted, &fill(&submitted)).expect_err("not a draft");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportWrongState));
        assert!(inbox_kinds(&district).contains(&NotificationKind::ReportWaiting));
        let e = department.report_step(&submitted, "approve", None).expect_err("the district first");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportWrongState));

        // The district returns it (a reason is required), the author fixes and resubmits.
        let seen = district.report(org, "2026-Q3").expect("district sees it");
        assert_eq!(seen.actions, vec![Action::Endorse, Action::Return]);
        let e = district.report_step(&seen, "return", Some("  ")).expect_err("no reason");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::ReasonRequired, Some("reason")));
        let returned = district.report_step(&seen, "return", Some("Уточніть видатки")).expect("return");
        assert_eq!(returned.stage, Some(ReportStage::Draft));
        assert!(inbox_kinds(&community).contains(&NotificationKind::ReportReturned));
        let back = community.report(org, "2026-Q3").expect("back");
        assert!(back.can_edit);
        let last = back.steps.last().expect("a step");
        assert_eq!((last.action, last.reason.as_deref()), (Action::Return, Some("Уточніть видатки")));
        let again = community.report_step(&back, "submit", None).expect("resubmit");

        // Endorse, approve: locked.
        let endorsed = district.report_step(&again, "endorse", None).expect("endorse");
        assert_eq!(endorsed.stage, Some(ReportStage::Endorsed));
        let approved = department.report_step(&endorsed, "approve", None).expect("approve");
        assert_eq!(approved.stage, Some(ReportStage::Approved));
        assert_eq!(approved.actions, vec![Action::Unlock]);
        assert!(inbox_kinds(&community).contains(&NotificationKind::ReportApproved));
        let mine = community.report(org, "2026-Q3").expect("mine");
        assert!(!mine.can_edit);
        let e = community.save_report(&mine, &fill(&mine)).expect_err("locked");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportLocked));
        let e = community.report_step(&mine, "unlock", Some("хочу змінити")).expect_err("only the department");
        assert_eq!(e.status, 403);
        let e = district.report_step(&mine, "unlock", Some("хочу змінити")).expect_err("only the department");
        assert_eq!(e.status, 403);

        // The department unlocks with a reason on the record; it is a draft again.
        let e = department.report_step(&approved, "unlock", None).expect_err("a reason");
        assert_eq!(e.code(), ErrorCode::ReasonRequired);
        let unlocked = department.report_step(&approved, "unlock", Some("Помилка у видатках Q3")).expect("unlock");
        assert_eq!(unlocked.stage, Some(ReportStage::Draft));
        let actions: Vec<Action> = unlocked.steps.iter().map(|s| s.action).collect();
        assert_eq!(actions, [Action::Submit, Action::Return, Action::Submit,
                             Action::Endorse, Action::Approve, Action::Unlock]);
        assert_eq!(unlocked.steps.last().and_then(|s| s.reason.as_deref()), Some("Помилка у видатках Q3"));
        assert!(community.report(org, "2026-Q3").expect("again").can_edit);

        // The calendar keeps the first submission's date for compliance: late.
        let cal = community.reports_of(org).expect("calendar");
        let q3 = cal.rows.iter().find(|r| r.period.to_string() == "2026-Q3").expect("q3");
        assert_eq!(q3.compliance, Compliance::Late);
        assert_eq!(q3.submitted_on.map(|d| d.to_string()).as_deref(), Some(obriy_tests::TEST_TODAY));

        // The audit chain recorded every step and is intact.
        let verify: shared::api::audit::AuditVerification =
            Client::demo(&app, "admin").get("/api/audit/verify").expect("verify");
        assert!(verify.intact, "{verify:?}");
    }
}

on_both! {
    fn due_dates_states_and_reminders_follow_an_injected_clock(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);

        // Real calendar dates: Q4 is due in January of the next year; 2028 is a leap year.
        let q4 = community.report(org, "2027-Q4").expect("q4");
        let due = |r: &Report, step: Step| r.deadlines.iter().find(|d| d.step == step).map(|d| d.due.to_string());
        assert_eq!(due(&q4, Step::ExecutorsToHead).as_deref(), Some("2028-01-05"));
        assert_eq!(due(&q4, Step::Consolidated).as_deref(), Some("2028-01-15"));
        let year = community.report(org, "2027").expect("annual");
        assert_eq!(due(&year, Step::ExecutorsToHead).as_deref(), Some("2028-01-31"));
        assert_eq!(due(&year, Step::HeadToMinistry).as_deref(), Some("2028-03-01"));
        assert_eq!(year.status.due.to_string(), "2028-01-31");

        // On the due date a report is not overdue; the day after it is.
        app.set_today("2026-10-05");
        let on_day = community.report(org, "2026-Q3").expect("q3");
        assert_eq!((on_day.status.state, on_day.status.days_until_due), (ReportState::NotStarted, 0));
        app.set_today("2026-10-06");
        let after = community.report(org, "2026-Q3").expect("q3");
        assert_eq!((after.status.state, after.status.days_until_due), (ReportState::Overdue, -1));

        // Reminders: escalated to the community, its district and the department, once.
        let sent = department.run_reminders().expect("run");
        assert!(sent.sent > 0);
        assert_eq!(sent.today.to_string(), "2026-10-06");
        assert_eq!(department.run_reminders().expect("again").sent, 0, "never twice");
        for c in [&community, &district, &department] {
            let inbox: Inbox = c.get("/api/inbox").expect("inbox");
            let overdue = inbox.items.iter().filter(|i| i.kind == NotificationKind::ReportOverdue
                && i.org_id == org && i.period.map(|p| p.to_string()).as_deref() == Some("2026-Q3")).count();
            assert_eq!(overdue, 1, "one escalation");
        }
        // The item carries facts, not a Ukrainian sentence: the app writes them out in either
        // language (the organisation's English name comes from the territory data).
        let inbox: Inbox = community.get("/api/inbox").expect("inbox");
        let item = inbox.items.iter().find(|i| i.kind == NotificationKind::ReportOverdue).expect("overdue");
        assert_eq!(item.facts.due.map(|d| d.to_string()).as_deref(), Some("2026-10-05"));
        assert_eq!(item.summary, "", "no sentence of the server's own");
        assert_eq!((item.org_name.uk.as_str(), item.org_name.en.as_str()),
            ("Підгородненська міська громада", "Pidhorodnenska urban hromada"));
        assert_eq!(community.run_reminders().expect_err("not a coordinator's button").status, 403);

        // Three days before the next due date: an early reminder to the writers only.
        app.set_today("2027-01-02");
        department.run_reminders().expect("run");
        let inbox: Inbox = community.get("/api/inbox").expect("inbox");
        assert!(inbox.items.iter().any(|i| i.kind == NotificationKind::ReportDue
            && i.period.map(|p| p.to_string()).as_deref() == Some("2026-Q4")));

        // A period not started refuses a draft; one not ended refuses a submission.
        app.set_today("2026-12-20");
        let next = community.report(org, "2027-Q1").expect("2027-Q1");
        assert!(!next.can_edit);
        let e = community.save_report(&next, &fill(&next)).expect_err("not started");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportPeriodNotStarted));
        let open = community.report(org, "2026-Q4").expect("2026-Q4");
        let saved = community.save_report(&open, &fill(&open)).expect("a draft while the quarter runs");
        let e = community.report_step(&saved, "submit", None).expect_err("not ended");
        assert_eq!((e.status, e.code()), (409, ErrorCode::ReportPeriodNotEnded));
        app.set_today("2027-01-04");
        let sub = community.report_step(&saved, "submit", None).expect("submitted after the quarter");
        assert!(!sub.status.late, "submitted before 5 January");
        assert_eq!(sub.status.state, ReportState::Submitted);

        // An annual report carries no spending of its own.
        app.set_today("2027-01-20");
        let annual = community.report(org, "2026").expect("2026");
        let mut with_spending = fill(&annual);
        if let Some(m) = with_spending.measures.first_mut() {
            m.spending = vec![SpendingInput { source: FundingSource::Local, amount: Amount::parse("1").expect("a"), comment: String::new() }];
            let e = community.save_report(&annual, &with_spending).expect_err("annual spending");
            assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::SpendingInAnnual, Some("measures[0].spending")));
        }
    }
}

on_both! {
    fn reports_are_seen_and_written_only_by_whom_they_concern(kind) {
        let app = spawn_app(kind, true);
        let pidhorodne = Client::demo(&app, "community.pidhorodne");
        let petrykivka = Client::demo(&app, "community.petrykivka");
        let apostolove = Client::demo(&app, "community.apostolove");
        let dnipro = Client::demo(&app, "district.dnipro");
        let kryvyi_rih = Client::demo(&app, "district.kryvyi-rih");
        let head = Client::demo(&app, "head");
        let admin = Client::demo(&app, "admin");
        let department = Client::demo(&app, "department");
        let org = own_org(&pidhorodne);
        let r = pidhorodne.report(org, "2026-Q3").expect("own");

        // Read: own, the district above, the oblast level; not a sibling or another district.
        for c in [&dnipro, &head, &admin, &department] {
            assert!(c.report(org, "2026-Q3").is_ok());
        }
        for c in [&petrykivka, &apostolove, &kryvyi_rih] {
            assert_eq!(c.report(org, "2026-Q3").expect_err("not theirs").status, 404);
            assert_eq!(c.reports_of(org).expect_err("not theirs").status, 404);
        }
        assert_eq!(Client::anonymous(&app).report(org, "2026-Q3").expect_err("anon").status, 401);
        // Write: only its coordinator (the department writes executors' reports only).
        for c in [&petrykivka, &dnipro, &head, &admin, &department] {
            let e = c.save_report(&r, &fill(&r)).expect_err("not its writer");
            assert!(matches!(e.status, 403 | 404), "{e:?}");
        }
        // The calendar lists what each may see.
        let cal = dnipro.reports_for("2026-Q3").expect("district calendar");
        assert!(cal.rows.iter().all(|row| row.org.id == own_org(&dnipro) || row.org.parent == Some(own_org(&dnipro))));
        assert!(cal.rows.iter().any(|row| row.org.id == org));
        let all = head.reports_for("2026-Q3").expect("oblast calendar");
        assert!(all.rows.len() > cal.rows.len());
        assert_eq!(all.rows.iter().filter(|r| r.org.kind == shared::api::orgs::OrgKind::Community).count(), 86,
                   "every community reports the share indicator");
        let mine = pidhorodne.reports_for("2026-Q3").expect("own calendar");
        assert_eq!(mine.rows.len(), 1);
        // Steps: only the right reviewer at each stage.
        let saved = pidhorodne.save_report(&r, &fill(&r)).expect("save");
        let e = petrykivka.report_step(&saved, "submit", None).expect_err("sibling");
        assert_eq!(e.status, 404);
        let sub = pidhorodne.report_step(&saved, "submit", None).expect("submit");
        for c in [&kryvyi_rih, &head, &admin] {
            let e = c.report_step(&sub, "endorse", None).expect_err("not the district");
            assert!(matches!(e.status, 403 | 404), "{e:?}");
        }
        let e = department.report_step(&sub, "endorse", None).expect_err("the district's step");
        assert_eq!(e.status, 403);
        let end = dnipro.report_step(&sub, "endorse", None).expect("endorse");
        for c in [&dnipro, &head, &admin, &pidhorodne] {
            assert_eq!(c.report_step(&end, "approve", None).expect_err("the department's step").status, 403);
        }
        assert!(department.report_step(&end, "approve", None).is_ok());
        // Unknown periods and actions are 404s, not 500s.
        assert_eq!(pidhorodne.get::<Report>(&format!("/api/reports/{org}/2031-Q1")).expect_err("x").status, 404);
        assert_eq!(pidhorodne.post::<_, Report>(&format!("/api/reports/{org}/2026-Q3/delete"),
            &serde_json::json!({"version": 1})).expect_err("x").status, 404);
        assert_eq!(pidhorodne.get::<serde_json::Value>("/api/reports?org=").expect_err("x").status, 400);
    }
}
