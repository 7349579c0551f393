//! `/api/proposals` and `/api/plan/versions`: the whole chain, conflicts and rebase, version
//! comparison, refusals that change nothing, the route setting.

use obriy_tests::data::{amount, measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::audit::AuditVerification;
use shared::api::inbox::{Inbox, LineVerdicts, NotificationKind};
use shared::api::measures::{BudgetLine, MeasureDetail, MeasureInput, MeasureStatus};
use shared::api::plan::PlanFilter;
use shared::api::proposals::{
    Change, LineDecision, LineState, ProposalDetail, ProposalFilter, ProposalState, Underneath,
    Verdict, WorkflowSettings,
};
use shared::chain::Action;
use shared::{Amount, ErrorCode, FundingSource, MeasureId, OrgId};

pub const PIDHORODNE: &str = "UA12020210000032285";

/// The approved demo measures of an organisation, as full details.
pub fn approved_measures(c: &Client, org: OrgId) -> Vec<MeasureDetail> {
    let tree = c
        .plan(&PlanFilter {
            org: Some(org),
            ..Default::default()
        })
        .expect("plan");
    tree.directions
        .iter()
        .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter()))
        .filter(|m| m.status == MeasureStatus::Approved)
        .map(|m| c.measure(m.id).expect("measure"))
        .collect()
}

fn plus(a: Amount, s: &str) -> Amount {
    Amount::try_from_decimal(a.decimal() + amount(s).decimal()).expect("amount")
}

/// A budget line the measure does not have yet, within its years.
fn new_line(m: &MeasureInput) -> BudgetLine {
    let year = m.start_year;
    let source = FundingSource::ALL
        .into_iter()
        .find(|s| {
            !m.budget_lines
                .iter()
                .any(|l| l.year == year && l.source == *s)
        })
        .expect("a free source");
    BudgetLine {
        year,
        source,
        amount: amount("42"),
    }
}

fn line<'a>(p: &'a ProposalDetail, key: &str) -> &'a shared::api::proposals::ProposalLine {
    p.lines
        .iter()
        .find(|l| l.change.key() == key)
        .unwrap_or_else(|| panic!("no line {key} in {:#?}", p.lines))
}

fn decision(id: i32, verdict: Verdict, reason: &str) -> LineDecision {
    LineDecision {
        line_id: id,
        verdict,
        reason: reason.into(),
    }
}

fn unread(c: &Client, kind: NotificationKind) -> usize {
    let inbox: Inbox = c.get("/api/inbox").expect("inbox");
    inbox
        .items
        .iter()
        .filter(|n| n.kind == kind && !n.read)
        .count()
}

on_both! {
    fn the_whole_chain_from_community_to_a_new_plan_version(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let dept = Client::demo(&app, "department");
        let stranger = Client::demo(&app, "community.apostolove");
        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        let m = approved_measures(&anna, org).remove(0);
        assert_eq!((m.status, m.approved_in), (MeasureStatus::Approved, Some(1)));
        let total_before = anna.programme().expect("p").allocated_total;

        // An approved measure is not edited in place.
        let refused = anna.update_measure(m.id, m.version, &m.to_input()).expect_err("in place");
        assert_eq!((refused.status, refused.code()), (409, ErrorCode::MeasureApproved));

        // Three changes: an amount, a new line, the name.
        let mut wanted = m.to_input();
        let old_amount = wanted.budget_lines[0].amount;
        wanted.budget_lines[0].amount = plus(old_amount, "100");
        let added = new_line(&wanted);
        wanted.budget_lines.push(added);
        wanted.name.uk = format!("{} (уточнено)", wanted.name.uk);
        let after = anna.propose(m.id, None, &wanted).expect("propose");
        let draft = after.draft.expect("draft");
        assert_eq!(draft.lines.len(), 3);
        let mut sorted = wanted.clone();
        sorted.budget_lines.sort_by_key(|l| (l.year, l.source));
        assert_eq!(draft.proposed, Some(sorted));
        assert_eq!(after.totals, m.totals, "the approved plan is unchanged");
        assert_eq!(anna.programme().expect("p").allocated_total, total_before);

        // The draft shows its effect on the roll-ups and the envelope.
        let p = anna.my_draft().expect("draft").expect("some");
        assert_eq!(p.summary.state, ProposalState::Draft);
        let programme = p.effect.rollups.iter().find(|r| r.level == shared::api::rollup::RollupLevel::Programme).expect("programme row");
        assert_eq!(programme.after.decimal() - programme.before.decimal(), amount("142").decimal());
        assert_eq!(p.summary.delta, amount("142").decimal());
        let cell = p.effect.envelope_after.iter().find(|c| c.year == added.year && c.source == added.source).expect("cell");
        let before_cell = p.effect.envelope_before.iter().find(|c| c.year == added.year && c.source == added.source).expect("cell");
        assert_eq!(cell.allocated.decimal() - before_cell.allocated.decimal(), amount("42").decimal());

        // Drafts are private to their organisation.
        assert_eq!(stranger.proposal(p.summary.id).expect_err("foreign").status, 404);
        assert_eq!(district.proposal(p.summary.id).expect_err("not yet").status, 404);

        // The draft already shows the way it will take: a community's goes through its district.
        assert!(p.summary.needs_endorsement, "the draft's route is the one it will take");
        assert_eq!(p.route, [shared::chain::Reviewer::District, shared::chain::Reviewer::Department]);
        let listed = anna.proposals(&ProposalFilter::default()).expect("list");
        assert!(listed.iter().any(|s| s.id == p.summary.id && s.needs_endorsement));
        let p = anna.step(&p, "submit").expect("submit");
        assert_eq!((p.summary.state, p.summary.needs_endorsement), (ProposalState::Submitted, true));
        assert!(!p.actions.contains(&Action::Submit) && !p.can_edit);
        assert_eq!(unread(&district, NotificationKind::ProposalWaiting), 1);
        assert_eq!(stranger.proposal(p.summary.id).expect_err("foreign").status, 404);
        let seen = district.proposal(p.summary.id).expect("the district sees it");
        assert!(seen.actions.contains(&Action::Endorse) && !seen.actions.contains(&Action::Approve));
        assert_eq!(anna.step(&p, "endorse").expect_err("not the district").status, 403);
        let early = dept.decide(&p, vec![decision(p.lines[0].id, Verdict::Approve, "")]).expect_err("too early");
        assert_eq!((early.status, early.code()), (409, ErrorCode::ProposalWrongState));

        let p = district.step(&p, "endorse").expect("endorse");
        assert_eq!(p.summary.state, ProposalState::InReview);
        assert_eq!(unread(&dept, NotificationKind::ProposalWaiting), 1);
        let waiting = dept.proposals(&ProposalFilter { waiting_for_me: Some(true), ..Default::default() }).expect("list");
        assert_eq!(waiting.iter().map(|s| s.id).collect::<Vec<_>>(), [p.summary.id]);

        // Line by line: approve the amount, return the name, reject the new line.
        let amount_key = format!("amount:{}:{}", m.budget_lines[0].year, m.budget_lines[0].source.as_str());
        let added_key = format!("amount:{}:{}", added.year, added.source.as_str());
        let p = dept
            .decide(&p, vec![
                decision(line(&p, &amount_key).id, Verdict::Approve, ""),
                decision(line(&p, "field:name").id, Verdict::Return, "Назву погодьте з розпорядженням"),
                decision(line(&p, &added_key).id, Verdict::Reject, "Інше джерело не передбачено"),
            ])
            .expect("decide");
        assert_eq!(p.summary.state, ProposalState::Decided);
        assert_eq!(line(&p, &amount_key).state, LineState::Approved);
        assert_eq!(line(&p, "field:name").reason.as_deref(), Some("Назву погодьте з розпорядженням"));
        assert_eq!(line(&p, &added_key).state, LineState::Rejected);

        // The approved line is in the plan, as version 2; the rest is not.
        let versions = anna.versions().expect("versions");
        assert_eq!(versions.current, 2);
        assert_eq!(versions.versions[0].approved_by.as_deref(), Some("Олена Савченко"));
        assert_eq!(versions.versions[0].proposal_id, Some(p.summary.id));
        assert_eq!(versions.versions[0].measure_count, 1);
        assert!(versions.versions[1].decision.uk.contains("549-27/VIII"));
        let now = anna.measure(m.id).expect("measure");
        assert_eq!(now.approved_in, Some(2));
        assert_eq!(now.budget_lines[0].amount, plus(old_amount, "100"));
        assert_eq!(now.budget_lines.len(), m.budget_lines.len());
        assert_eq!(now.name, m.name);
        assert_eq!(anna.programme().expect("p").allocated_total, plus(total_before, "100"));

        // The returned line waits in the author's draft, with the reason.
        let back = anna.my_draft().expect("draft").expect("returned lines");
        assert_eq!(back.lines.len(), 1);
        assert_eq!(back.lines[0].returned_note.as_deref(), Some("Назву погодьте з розпорядженням"));
        assert!(back.lines[0].conflict.is_none());
        assert_eq!(unread(&anna, NotificationKind::ProposalReturned), 1);
        // The decision's item counts its lines as facts for the app to write out.
        let told: Inbox = anna.get("/api/inbox").expect("inbox");
        let decided = told.items.iter().find(|n| n.kind == NotificationKind::ProposalReturned).expect("item");
        assert_eq!(decided.facts.decided, Some(LineVerdicts { approved: 1, returned: 1, rejected: 1 }));
        assert_eq!(decided.org_name.en, "Pidhorodnenska urban hromada");
        let asked: Inbox = district.get("/api/inbox").expect("inbox");
        let waiting = asked.items.iter().find(|n| n.kind == NotificationKind::ProposalWaiting).expect("item");
        assert_eq!(waiting.facts.lines, Some(u32::try_from(p.lines.len()).expect("lines")));

        // The comparison of versions 1 and 2 lists exactly the approved line.
        let cmp = dept.compare(1, 2).expect("compare");
        assert_eq!(cmp.rows.len(), 1);
        assert_eq!(cmp.rows[0].measure_id, m.id);
        assert_eq!(cmp.rows[0].change, Change::Amount {
            year: m.budget_lines[0].year,
            source: m.budget_lines[0].source,
            old: Some(old_amount),
            new: Some(plus(old_amount, "100")),
        });
        assert_eq!(cmp.to.totals.total().decimal() - cmp.from.totals.total().decimal(), amount("100").decimal());
        assert_eq!(dept.compare(2, 1).expect("backwards").rows.len(), 1);
        assert_eq!(dept.compare(1, 9).expect_err("unknown").code(), ErrorCode::VersionUnknown);

        // Deciding again is refused and changes nothing.
        let twice = dept.decide(&p, vec![decision(line(&p, "field:name").id, Verdict::Approve, "")]).expect_err("twice");
        assert_eq!(twice.status, 409);
        assert_eq!(anna.versions().expect("v").current, 2);
        let audit: AuditVerification = dept.get("/api/audit/verify").expect("verify");
        assert!(audit.intact);
        let history: serde_json::Value = anna.get(&format!("/api/measures/{}/history", m.id)).expect("history");
        assert!(history.to_string().contains("measure.approve"), "{history}");
    }
}

on_both! {
    fn a_change_underneath_is_a_conflict_until_the_author_rebases(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let dept = Client::demo(&app, "department");
        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        let m = approved_measures(&anna, org).remove(0);
        let x = m.budget_lines[0].amount;
        let key = format!("amount:{}:{}", m.budget_lines[0].year, m.budget_lines[0].source.as_str());

        // Anna drafts X → X+100 on the first line, and a new name.
        let mut mine = m.to_input();
        mine.budget_lines[0].amount = plus(x, "100");
        mine.name.uk = "Нова назва".into();
        anna.propose(m.id, None, &mine).expect("propose");

        // Meanwhile the department changes the same line to X+50 and approves it: version 2.
        let mut theirs = m.to_input();
        theirs.budget_lines[0].amount = plus(x, "50");
        dept.propose(m.id, None, &theirs).expect("department proposes");
        let dp = dept.my_draft().expect("d").expect("d");
        let dp = dept.step(&dp, "submit").expect("submit");
        assert_eq!(dp.summary.state, ProposalState::InReview, "the department's own go straight up");
        dept.approve_all(&dp).expect("approve");

        // Anna's amount line conflicts; the name line applies cleanly.
        let p = anna.my_draft().expect("d").expect("d");
        assert_eq!(p.summary.conflict_count, 1);
        assert_eq!(line(&p, &key).conflict, Some(Underneath::Amount { amount: Some(plus(x, "50")) }));
        assert!(line(&p, "field:name").conflict.is_none());
        let refused = anna.step(&p, "submit").expect_err("conflicts");
        assert_eq!((refused.status, refused.code()), (409, ErrorCode::ProposalConflict));
        let current: ProposalDetail = serde_json::from_value(refused.body.current.clone().expect("current")).expect("detail");
        assert_eq!(current.summary.state, ProposalState::Draft);

        // Rebased, the line is X+50 → X+100, and goes through.
        let p = anna.step(&current, "rebase").expect("rebase");
        assert_eq!((p.summary.conflict_count, p.summary.base_version), (0, 2));
        assert_eq!(line(&p, &key).change, Change::Amount {
            year: m.budget_lines[0].year, source: m.budget_lines[0].source,
            old: Some(plus(x, "50")), new: Some(plus(x, "100")),
        });
        let p = anna.step(&p, "submit").expect("submit");
        let p = district.step(&p, "endorse").expect("endorse");

        // Before the department decides, another change of the same line lands (version 4):
        // approving Anna's line now is refused as a conflict, nothing applied.
        let mut again = m.to_input();
        again.budget_lines[0].amount = plus(x, "70");
        let dm = dept.propose(m.id, None, &again).expect("department again");
        assert!(dm.draft.is_some());
        let dp = dept.step(&dept.my_draft().expect("d").expect("d"), "submit").expect("submit");
        dept.approve_all(&dp).expect("approve");
        assert_eq!(dept.versions().expect("v").current, 3);
        let fresh = dept.proposal(p.summary.id).expect("p");
        let refused = dept.approve_all(&fresh).expect_err("conflict at decision");
        assert_eq!((refused.status, refused.code()), (409, ErrorCode::ProposalConflict));
        assert_eq!(dept.versions().expect("v").current, 3, "nothing applied");

        // The department approves the clean line and returns the conflicting one; Anna rebases it.
        let fresh = dept.proposal(p.summary.id).expect("p");
        dept.decide(&fresh, vec![
            decision(line(&fresh, "field:name").id, Verdict::Approve, ""),
            decision(line(&fresh, &key).id, Verdict::Return, "Сума змінилась, узгодьте"),
        ]).expect("decide");
        assert_eq!(anna.measure(m.id).expect("m").name.uk, "Нова назва");
        let back = anna.my_draft().expect("d").expect("returned");
        assert_eq!(back.summary.conflict_count, 1);
        let back = anna.step(&back, "rebase").expect("rebase");
        assert_eq!(line(&back, &key).change, Change::Amount {
            year: m.budget_lines[0].year, source: m.budget_lines[0].source,
            old: Some(plus(x, "70")), new: Some(plus(x, "100")),
        });
        assert_eq!(back.lines[0].returned_note.as_deref(), Some("Сума змінилась, узгодьте"));
    }
}

on_both! {
    fn bad_requests_are_refused_and_change_nothing(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let dept = Client::demo(&app, "department");
        let orgs = anna.orgs().expect("orgs");
        let org = org_by_code(&orgs, PIDHORODNE);
        let approved = approved_measures(&anna, org);
        let m = &approved[0];
        let plan_before = dept.rollup(shared::api::rollup::RollupLevel::Org).expect("r");

        assert_eq!(anna.delete_measure(m.id, m.version).expect_err("approved").code(), ErrorCode::MeasureApproved);

        // A new measure rides in the draft; once submitted it cannot be edited or deleted.
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let fresh = anna.create_measure(&measure(task, org, "Новий захід", &[(2027, FundingSource::Local, "10")])).expect("create");
        let mut changed = m.to_input();
        changed.budget_lines[0].amount = plus(changed.budget_lines[0].amount, "1");
        let with = anna.propose(m.id, fresh.draft.as_ref().map(|d| d.proposal_version), &changed).expect("propose");
        let seen = with.draft.as_ref().map(|d| d.proposal_version);

        // A stale draft version: 409 with the draft as it is.
        let stale = anna.propose(m.id, seen.map(|v| v - 1), &changed).expect_err("stale");
        assert_eq!((stale.status, stale.code()), (409, ErrorCode::ProposalVersionConflict));
        let current: ProposalDetail = serde_json::from_value(stale.body.current.clone().expect("current")).expect("detail");
        assert_eq!(Some(current.summary.version), seen);
        // An invalid measure names its field.
        let mut bad = changed.clone();
        bad.end_year = shared::Year::new(2026).expect("y");
        bad.start_year = shared::Year::new(2027).expect("y");
        let invalid = anna.propose(m.id, seen, &bad).expect_err("invalid");
        assert_eq!((invalid.status, invalid.body.field.as_deref()), (422, Some("measure.end_year")));
        // Another community's measure: not yours to propose.
        let foreign = approved_measures(&dept, org_by_code(&orgs, "UA12060010000090992")).remove(0);
        assert_eq!(anna.propose(foreign.id, seen, &foreign.to_input()).expect_err("foreign").status, 403);
        // A draft measure is edited in place, not proposed.
        assert_eq!(anna.propose(fresh.id, seen, &fresh.to_input()).expect_err("draft").code(), ErrorCode::MeasureNotApproved);

        let p = anna.my_draft().expect("d").expect("d");
        let stale_submit = anna.post::<_, ProposalDetail>(&format!("/api/proposals/{}/submit", p.summary.id), &serde_json::json!({"version": p.summary.version - 1})).expect_err("stale");
        assert_eq!(stale_submit.code(), ErrorCode::ProposalVersionConflict);
        let p = anna.step(&p, "submit").expect("submit");
        let locked = anna.update_measure(fresh.id, fresh.version, &fresh.to_input()).expect_err("locked");
        assert_eq!((locked.status, locked.code()), (409, ErrorCode::ProposalLocked));
        assert_eq!(anna.delete_measure(fresh.id, fresh.version).expect_err("locked").code(), ErrorCode::ProposalLocked);
        assert_eq!(anna.step(&p, "submit").expect_err("twice").code(), ErrorCode::ProposalWrongState);

        // Returning needs a reason.
        let r = district.return_proposal(&p, "  ").expect_err("no reason");
        assert_eq!((r.status, r.code(), r.body.field.as_deref()), (422, ErrorCode::ReasonRequired, Some("reason")));
        let p = district.step(&p, "endorse").expect("endorse");

        // The department's decision: unknown line, missing reason, missing decision text.
        let unknown = dept.decide(&p, vec![decision(999_999, Verdict::Approve, "")]).expect_err("unknown");
        assert_eq!((unknown.status, unknown.code(), unknown.body.field.as_deref()), (422, ErrorCode::LineUnknown, Some("lines[0].line_id")));
        let no_reason = dept.decide(&p, vec![decision(p.lines[0].id, Verdict::Reject, "")]).expect_err("reason");
        assert_eq!(no_reason.body.field.as_deref(), Some("lines[0].reason"));
        let no_text = dept.post::<_, ProposalDetail>(&format!("/api/proposals/{}/decide", p.summary.id), &serde_json::json!({
            "version": p.summary.version, "lines": [{"line_id": p.lines[0].id, "verdict": "approve"}]
        })).expect_err("decision text");
        assert_eq!((no_text.code(), no_text.body.field.as_deref()), (ErrorCode::DecisionRequired, Some("decision.uk")));
        let stale = dept.decide(&ProposalDetail { summary: shared::api::proposals::ProposalSummary { version: p.summary.version - 1, ..p.summary.clone() }, ..p.clone() }, vec![decision(p.lines[0].id, Verdict::Approve, "")]).expect_err("stale");
        assert_eq!(stale.code(), ErrorCode::ProposalVersionConflict);

        // Nothing of the above changed the plan, its versions or the proposal.
        assert_eq!(dept.rollup(shared::api::rollup::RollupLevel::Org).expect("r"), plan_before);
        assert_eq!(dept.versions().expect("v").current, 1);
        let same = dept.proposal(p.summary.id).expect("p");
        assert_eq!(same.summary, p.summary);
        assert!(same.lines.iter().all(|l| l.state == LineState::Pending));

        // Approving the new measure's line brings it into the plan.
        let done = dept.approve_all(&same).expect("approve");
        assert_eq!(done.summary.state, ProposalState::Decided);
        let now = anna.measure(fresh.id).expect("m");
        assert_eq!((now.status, now.approved_in), (MeasureStatus::Approved, Some(2)));
        assert_eq!(anna.delete_measure(now.id, now.version).expect_err("approved now").code(), ErrorCode::MeasureApproved);
    }
}

on_both! {
    fn the_department_may_route_community_proposals_straight_to_itself(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let dept = Client::demo(&app, "department");
        let off = WorkflowSettings { community_requires_district: false };
        assert_eq!(anna.put::<_, WorkflowSettings>("/api/workflow", &off).expect_err("not hers").status, 403);
        assert_eq!(dept.put::<_, WorkflowSettings>("/api/workflow", &off).expect("set"), off);
        assert_eq!(anna.get::<WorkflowSettings>("/api/workflow").expect("get"), off);

        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        let m = approved_measures(&anna, org).remove(0);
        anna.propose_withdrawal(m.id, None).expect("withdraw");
        let draft = anna.my_draft().expect("d").expect("d");
        assert!(!draft.summary.needs_endorsement, "the draft shows the route the setting gives it");
        let p = anna.step(&draft, "submit").expect("submit");
        assert_eq!((p.summary.state, p.summary.needs_endorsement), (ProposalState::InReview, false));
        assert_eq!(district.step(&p, "endorse").expect_err("skipped").status, 409);
        dept.approve_all(&p).expect("approve");
        let gone = anna.measure(m.id).expect("still readable");
        assert_eq!(gone.status, MeasureStatus::Withdrawn);
        let listed = anna.plan(&PlanFilter { org: Some(org), ..Default::default() }).expect("plan");
        assert!(listed.directions.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.measures).all(|x| x.id != m.id));
        let cmp = dept.compare(1, 2).expect("compare");
        assert!(matches!(cmp.rows[..], [shared::api::versions::ComparisonRow { change: Change::MeasureWithdraw { .. }, .. }]));
        assert_eq!(cmp.rows[0].measure_id, MeasureId(m.id.0));
    }
}
