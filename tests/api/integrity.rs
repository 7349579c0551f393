//! What was approved stays as approved: a locked report keeps its content whatever later plan
//! versions do; spending above the approved amount is explained before it is saved, shown to the
//! reviewers and on the dashboard; going beyond the programme's envelope is confirmed with a
//! reason on the record.

use crate::proposals::approved_measures;
use crate::reports::{fill, own_org};
use obriy_tests::data::{amount, measure, year};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::dashboard::TroubleKind;
use shared::api::proposals::{Decide, LineDecision, LineState, ProposalDetail, Verdict};
use shared::api::reports::{Report, SpendingInput};
use shared::{Amount, ErrorCode, FundingSource};

/// The community writes its Q3 report, the district endorses it, the department approves it.
fn approved_q3(community: &Client, district: &Client, department: &Client) -> Report {
    let org = own_org(community);
    let r = community.report(org, "2026-Q3").expect("report");
    let r = community.save_report(&r, &fill(&r)).expect("save");
    let r = community.report_step(&r, "submit", None).expect("submit");
    let r = district.report_step(&r, "endorse", None).expect("endorse");
    department
        .report_step(&r, "approve", None)
        .expect("approve")
}

/// The department's own draft, submitted and approved whole.
fn approve_departments_draft(department: &Client) -> ProposalDetail {
    let draft = department.my_draft().expect("draft").expect("a draft");
    let submitted = department.step(&draft, "submit").expect("submit");
    department.approve_all(&submitted).expect("approve")
}

on_both! {
    fn a_locked_report_keeps_what_it_said_when_later_versions_change_the_plan(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let locked = approved_q3(&community, &district, &department);
        let listed = |r: &Report| r.measures.iter().map(|m| (m.measure_id, m.lines.iter().map(|l| (l.source, l.planned, l.approved)).collect::<Vec<_>>())).collect::<Vec<_>>();

        // A later plan version: a new measure of the community for 2026, and a changed amount.
        let task = obriy_tests::data::first_task(&department.programme().expect("p"));
        department.create_measure(&measure(task, org, "Захід нової версії", &[(2026, FundingSource::Local, "7")])).expect("new");
        let existing = locked
            .measures
            .iter()
            .map(|m| department.measure(m.measure_id).expect("measure"))
            .find(|m| m.budget_lines.iter().any(|l| l.year == year(2026)))
            .expect("a reported measure with a 2026 line");
        let mut wanted = existing.to_input();
        let line = wanted.budget_lines.iter_mut().find(|l| l.year == year(2026)).expect("a 2026 line");
        line.amount = Amount::try_from_decimal(line.amount.decimal() + amount("100").decimal()).expect("a");
        department.propose(existing.id, department.my_draft().expect("d").map(|d| d.summary.version), &wanted).expect("changed");
        approve_departments_draft(&department);

        let after = community.report(org, "2026-Q3").expect("report");
        assert_eq!(listed(&after), listed(&locked), "the approved report changed with the plan");
        assert_eq!(after.values, locked.values);
        // The next period follows the plan as it is now.
        let next = community.report(org, "2026-Q4").expect("Q4");
        assert_eq!(next.measures.len(), locked.measures.len() + 1);
        // Unlocked, it is a draft again and follows the plan too.
        let unlocked = department.report_step(&after, "unlock", Some("Виправити суми")).expect("unlock");
        assert_eq!(unlocked.measures.len(), locked.measures.len() + 1);
    }
}

on_both! {
    fn spending_above_the_approved_amount_is_explained_shown_and_listed(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let r = community.report(org, "2026-Q3").expect("report");
        let mut save = fill(&r);
        let (i, line) = r.measures.iter().enumerate().find_map(|(i, m)| m.lines.first().map(|l| (i, l.clone()))).expect("a line");
        let limit = if line.approved.is_zero() { line.planned } else { line.approved };
        let too_much = Amount::try_from_decimal(limit.decimal() - line.executed_before.decimal() + amount("9999").decimal()).expect("a");
        save.measures[i].spending = vec![SpendingInput { source: line.source, amount: too_much, comment: String::new() }];
        let e = community.save_report(&r, &save).expect_err("unexplained");
        assert_eq!((e.status, e.code()), (422, ErrorCode::SpendingAboveApproved));
        assert_eq!(e.body.field, Some(format!("measures[{i}].spending[0].comment")));
        assert_eq!(community.report(org, "2026-Q3").expect("r").version, r.version, "nothing saved");
        save.measures[i].spending[0].comment = "Додаткова закупівля серверів за рішенням сесії".into();
        let saved = community.save_report(&r, &save).expect("explained");
        let shown = &saved.measures[i].lines.iter().find(|l| l.source == line.source).expect("line").clone();
        assert!(shown.over && shown.comment.contains("серверів"));
        let r = community.report_step(&saved, "submit", None).expect("submit");
        // The reviewers see it.
        let seen = district.report(org, "2026-Q3").expect("district's view");
        assert!(seen.measures[i].lines.iter().any(|l| l.over && l.comment.contains("серверів")));
        let r = district.report_step(&r, "endorse", None).expect("endorse");
        department.report_step(&r, "approve", None).expect("approve");
        let board = department.dashboard("oblast", None, Some("2026-Q3")).expect("dashboard");
        let measure = r.measures[i].measure_id;
        assert!(board.troubles.iter().any(|t| t.kind == TroubleKind::Overspent && t.link_id == Some(measure.0)), "{:?}", board.troubles);
    }
}

on_both! {
    fn going_beyond_the_envelope_is_confirmed_with_a_reason_on_the_record(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let orgs = department.orgs().expect("orgs");
        let executor = orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::Executor && o.measure_count > 0).expect("an executor").id;
        let m = approved_measures(&department, executor).into_iter()
            .find(|m| m.budget_lines.iter().any(|l| l.year == year(2027) && l.source == FundingSource::Oblast))
            .expect("a 2027 oblast line");
        let mut wanted = m.to_input();
        let line = wanted.budget_lines.iter_mut().find(|l| l.year == year(2027) && l.source == FundingSource::Oblast).expect("line");
        line.amount = Amount::try_from_decimal(line.amount.decimal() + amount("300 000").decimal()).expect("a");
        department.propose(m.id, department.my_draft().expect("d").map(|d| d.summary.version), &wanted).expect("proposed");
        let draft = department.my_draft().expect("d").expect("draft");
        let p = department.step(&draft, "submit").expect("submit");
        let e = department.approve_all(&p).expect_err("unconfirmed");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()), (422, ErrorCode::EnvelopeExceeded, Some("over_envelope_reason")));
        let cells: Vec<shared::grid::EnvelopeCell> = serde_json::from_value(e.body.current.expect("the cells")).expect("cells");
        assert!(cells.iter().any(|c| c.year == year(2027) && c.source == FundingSource::Oblast && c.remaining.is_sign_negative()));
        let p = department.proposal(p.summary.id).expect("unchanged");
        assert!(p.lines.iter().all(|l| l.state == LineState::Pending), "nothing decided");
        let body = Decide {
            version: p.summary.version,
            decision: shared::Text::new("Рішення сесії № 12", "Council decision No. 12"),
            lines: p.lines.iter().map(|l| LineDecision { line_id: l.id, verdict: Verdict::Approve, reason: String::new() }).collect(),
            over_envelope_reason: "Додаткова субвенція на кіберзахист, рішення сесії № 12".into(),
        };
        department.post::<_, ProposalDetail>(&format!("/api/proposals/{}/decide", p.summary.id), &body).expect("confirmed");
        let page: AuditPage = department.get("/api/audit?action=plan.version").expect("record");
        let entry = page.entries.first().expect("the version's entry");
        assert_eq!(entry.action, AuditAction::PlanVersionCreated);
        let after = entry.after.as_ref().expect("after");
        assert_eq!(after["over_envelope"]["reason"], "Додаткова субвенція на кіберзахист, рішення сесії № 12");
    }
}
