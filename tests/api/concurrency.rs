//! Many clients at once on one draft and one proposal: afterwards the plan and the proposal are
//! exactly what the accepted requests imply — nothing lost, nothing applied twice.

use crate::proposals::{approved_measures, PIDHORODNE};
use obriy_tests::data::org_by_code;
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::audit::AuditVerification;
use shared::api::proposals::{Change, LineDecision, LineState, ProposalState, Verdict};
use shared::{Amount, ErrorCode};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

const CLIENTS: usize = 8;
const ATTEMPTS: usize = 6;

on_both! {
    fn concurrent_edits_and_decisions_lose_nothing(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        let measures = approved_measures(&anna, org);
        let m = measures[0].clone();

        // 1. Eight sessions of the community edit the same measure in the same draft at once.
        let wins: Mutex<Vec<(i32, Amount)>> = Mutex::new(Vec::new());
        let refused = Mutex::new(0usize);
        std::thread::scope(|s| {
            for t in 0..CLIENTS {
                let (app, m, wins, refused) = (&app, &m, &wins, &refused);
                s.spawn(move || {
                    let c = Client::demo(app, "community.pidhorodne");
                    for a in 0..ATTEMPTS {
                        let seen = c.my_draft().expect("draft").map(|d| d.summary.version);
                        let mut input = m.to_input();
                        let value = Amount::try_from_decimal(rust_decimal::Decimal::from((t * 1000 + a + 1) as i64)).expect("a");
                        input.budget_lines[0].amount = value;
                        match c.propose(m.id, seen, &input) {
                            Ok(d) => wins.lock().expect("lock").push((d.draft.expect("draft").proposal_version, value)),
                            Err(e) => {
                                assert_eq!((e.status, e.code()), (409, ErrorCode::ProposalVersionConflict), "{e:?}");
                                *refused.lock().expect("lock") += 1;
                            }
                        }
                    }
                });
            }
        });
        let wins = wins.into_inner().expect("wins");
        let refused = refused.into_inner().expect("refused");
        assert_eq!(wins.len() + refused, CLIENTS * ATTEMPTS);
        let versions: BTreeSet<i32> = wins.iter().map(|w| w.0).collect();
        assert_eq!(versions.len(), wins.len(), "two writes succeeded on the same draft version");
        let (last_version, last_value) = *wins.iter().max_by_key(|w| w.0).expect("some won");
        let draft = anna.my_draft().expect("d").expect("d");
        assert_eq!(draft.summary.version, last_version);
        assert_eq!(draft.lines.len(), 1, "one line per changed cell, never duplicated");
        assert!(matches!(draft.lines[0].change, Change::Amount { new: Some(v), .. } if v == last_value));
        println!("draft edits: {} accepted, {refused} refused with 409, of {}", wins.len(), CLIENTS * ATTEMPTS);

        // 2. A proposal with several lines; eight department sessions decide them at once,
        //    several racing for each line.
        for other in measures.iter().skip(1).take(3) {
            let mut input = other.to_input();
            for l in &mut input.budget_lines {
                l.amount = Amount::try_from_decimal(l.amount.decimal() + rust_decimal::Decimal::from(7)).expect("a");
            }
            let seen = anna.my_draft().expect("d").map(|d| d.summary.version);
            anna.propose(other.id, seen, &input).expect("propose");
        }
        let p = anna.step(&anna.my_draft().expect("d").expect("d"), "submit").expect("submit");
        let p = Client::demo(&app, "district.dnipro").step(&p, "endorse").expect("endorse");
        let lines: Vec<(i32, i32, Change)> = p.lines.iter().map(|l| (l.id, l.measure_id.0, l.change.clone())).collect();
        assert!(lines.len() >= 2, "{} lines", lines.len());
        let accepted: Mutex<Vec<(i32, Verdict)>> = Mutex::new(Vec::new());
        let conflicts = Mutex::new(0usize);
        std::thread::scope(|s| {
            for t in 0..CLIENTS {
                let (app, lines, accepted, conflicts, id) = (&app, &lines, &accepted, &conflicts, p.summary.id);
                s.spawn(move || {
                    let c = Client::demo(app, "department");
                    let (line, ..) = lines[t % lines.len()];
                    let verdict = if t % 2 == 0 { Verdict::Approve } else { Verdict::Return };
                    loop {
                        let now = c.proposal(id).expect("proposal");
                        let Some(l) = now.lines.iter().find(|l| l.id == line) else { panic!("line lost") };
                        if l.state != LineState::Pending {
                            return;
                        }
                        let reason = if verdict == Verdict::Return { "Доопрацюйте" } else { "" };
                        match c.decide(&now, vec![LineDecision { line_id: line, verdict, reason: reason.into() }]) {
                            Ok(_) => accepted.lock().expect("lock").push((line, verdict)),
                            Err(e) => {
                                assert!(matches!(e.code(), ErrorCode::ProposalVersionConflict | ErrorCode::LineNotPending | ErrorCode::ProposalWrongState), "{e:?}");
                                *conflicts.lock().expect("lock") += 1;
                            }
                        }
                    }
                });
            }
        });
        let accepted = accepted.into_inner().expect("accepted");
        let conflicts = conflicts.into_inner().expect("conflicts");
        let per_line: BTreeMap<i32, Verdict> = accepted.iter().copied().collect();
        assert_eq!(accepted.len(), lines.len(), "each line decided exactly once: {accepted:?}");
        assert_eq!(per_line.len(), lines.len());
        let after = anna.proposal(p.summary.id).expect("p");
        assert_eq!(after.summary.state, ProposalState::Decided);
        let approvals = accepted.iter().filter(|a| a.1 == Verdict::Approve).count();
        assert_eq!(anna.versions().expect("v").current, 1 + approvals as i32, "one version per accepted approval");
        for (id, measure_id, change) in &lines {
            let want = per_line[id];
            let l = after.lines.iter().find(|l| l.id == *id).expect("line");
            assert_eq!(l.state, if want == Verdict::Approve { LineState::Approved } else { LineState::Returned });
            let Change::Amount { year, source, old, new } = change else { panic!("amount lines only") };
            let now = anna.measure(shared::MeasureId(*measure_id)).expect("m");
            let value = now.budget_lines.iter().find(|b| b.year == *year && b.source == *source).map(|b| b.amount);
            assert_eq!(value, if want == Verdict::Approve { *new } else { *old }, "measure {measure_id}");
        }
        let back = anna.my_draft().expect("d");
        let returned = accepted.len() - approvals;
        assert_eq!(back.map_or(0, |d| d.lines.len()), returned, "every returned line is back in the draft, once");
        let audit: AuditVerification = Client::demo(&app, "department").get("/api/audit/verify").expect("verify");
        assert!(audit.intact);
        println!("decisions: {} lines, {} accepted requests ({approvals} approvals, {returned} returns), {conflicts} refused with 409", lines.len(), accepted.len());
    }
}

on_both! {
    fn every_saved_edit_answers_with_what_it_saved(kind) {
        // Twenty sessions save one draft measure over and over, each from the version it last
        // saw. An accepted save answers with the measure as that save left it — its own name and
        // amount at the version it made — never with another session's later values.
        const EDITORS: usize = 20;
        const SAVES: usize = 60;
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let start = obriy_tests::data::measure(task, org, "Спільний захід", &[(2026, shared::FundingSource::Local, "1")]);
        let created = anna.create_measure(&start).expect("create");
        let mismatched = Mutex::new(Vec::new());
        let accepted = Mutex::new(BTreeMap::new());
        std::thread::scope(|s| {
            for t in 0..EDITORS {
                let (app, start, created, mismatched, accepted) = (&app, &start, &created, &mismatched, &accepted);
                s.spawn(move || {
                    let c = Client::demo(app, "community.pidhorodne");
                    let mut version = created.version;
                    for n in 0..SAVES {
                        let mut input = start.clone();
                        input.name.uk = format!("Захід сесії {t}, збереження {n}");
                        input.budget_lines[0].amount = Amount::try_from_decimal(rust_decimal::Decimal::from((t * 100 + n + 2) as i64)).expect("a");
                        match c.update_measure(created.id, version, &input) {
                            Ok(saved) => {
                                if saved.name.uk != input.name.uk || saved.budget_lines[0].amount != input.budget_lines[0].amount {
                                    mismatched.lock().expect("lock").push((input.name.uk.clone(), saved.name.uk.clone()));
                                }
                                assert!(accepted.lock().expect("lock").insert(saved.version, input.name.uk.clone()).is_none(), "two saves made version {}", saved.version);
                                version = saved.version;
                            }
                            Err(e) => {
                                assert_eq!((e.status, e.code()), (409, ErrorCode::VersionConflict), "{e:?}");
                                let current: shared::api::measures::MeasureDetail = serde_json::from_value(e.body.current.expect("the measure as it is")).expect("detail");
                                version = current.version;
                            }
                        }
                    }
                });
            }
        });
        let mismatched = mismatched.into_inner().expect("m");
        assert!(mismatched.is_empty(), "answers that showed another save: {mismatched:?}");
        let accepted = accepted.into_inner().expect("a");
        let (last_version, last_name) = accepted.iter().next_back().expect("some saved");
        let now = anna.measure(created.id).expect("m");
        assert_eq!((now.version, &now.name.uk), (*last_version, last_name));
        println!("measure saves: {} accepted of {}", accepted.len(), EDITORS * SAVES);
    }
}
