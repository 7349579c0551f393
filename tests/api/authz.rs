//! The authorization matrix: each endpoint × each role × own and foreign organisation.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::measures::MeasureDetail;
use shared::{FundingSource, OrgId};

const ACTORS: [&str; 6] = [
    "anonymous",
    "community.pidhorodne",
    "district.dnipro",
    "department",
    "head",
    "admin",
];
/// (label, code): the coordinator's own community, a community in the coordinator's district,
/// a community elsewhere, the own district, another district, an oblast executor.
const TARGETS: [(&str, &str); 6] = [
    ("own community", "UA12020210000032285"),
    ("sibling community", "UA12020190000075117"),
    ("foreign community", "UA12060010000090992"),
    ("own district", "UA12020000000052809"),
    ("foreign district", "UA12060000000022633"),
    ("executor", "exec-department"),
];

/// Who may read the measures of a target (index into TARGETS).
fn may_read(actor: &str, target: usize) -> bool {
    match actor {
        "anonymous" => false,
        "community.pidhorodne" => matches!(target, 0 | 5),
        "district.dnipro" => matches!(target, 0 | 1 | 3 | 5),
        _ => true,
    }
}

/// Who may create, change and delete measures of a target.
fn may_write(actor: &str, target: usize) -> bool {
    match actor {
        "community.pidhorodne" => target == 0,
        "district.dnipro" => target == 3,
        "department" => true,
        _ => false,
    }
}

fn status<T>(r: Result<T, obriy_tests::Failure>, ok: u16) -> u16 {
    r.map(|_| ok).unwrap_or_else(|f| f.status)
}

on_both! {
    fn every_endpoint_checks_role_and_organisation(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&dept.programme().expect("p"));
        let org_of = |code: &str| -> OrgId {
            if code.starts_with("exec-") {
                orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::Executor).map(|o| o.id).expect("executor")
            } else {
                org_by_code(&orgs, code)
            }
        };
        let targets: Vec<MeasureDetail> = TARGETS
            .iter()
            .map(|(label, code)| dept.create_measure(&measure(task, org_of(code), label, &[(2026, FundingSource::Local, "1")])).expect("seed"))
            .collect();

        let mut table = String::from("actor                  endpoint            ");
        for (label, _) in TARGETS { table.push_str(&format!("{label:>18}")); }
        table.push('\n');
        let mut failures = Vec::new();
        for actor in ACTORS {
            let c = if actor == "anonymous" { Client::anonymous(&app) } else { Client::demo(&app, actor) };
            let signed_in = actor != "anonymous";
            // Programme-wide reads: every signed-in role.
            for path in ["/api/programme", "/api/orgs", "/api/plan", "/api/rollups/district", "/api/auth/me"] {
                let got = status(c.get::<serde_json::Value>(path), 200);
                let want = if signed_in { 200 } else { 401 };
                if got != want { failures.push(format!("{actor} GET {path}: {got}, expected {want}")); }
            }
            // Accounts: the administrator only.
            let got = status(c.get::<serde_json::Value>("/api/users"), 200);
            let want = match actor { "anonymous" => 401, "admin" => 200, _ => 403 };
            if got != want { failures.push(format!("{actor} GET /api/users: {got}, expected {want}")); }
            let new_user = shared::api::users::CreateUser {
                login: format!("u-{}", actor.replace('.', "-")), display_name: "Тест".into(),
                password: "long-enough-password".into(), role: shared::Role::ProgrammeHead, org_id: None,
            };
            let got = status(c.post::<_, serde_json::Value>("/api/users", &new_user), 201);
            let want = match actor { "anonymous" => 401, "admin" => 201, _ => 403 };
            if got != want { failures.push(format!("{actor} POST /api/users: {got}, expected {want}")); }

            for (endpoint, run) in [
                ("GET measure", 0),
                ("POST measure", 1),
                ("PUT measure", 2),
                ("DELETE measure", 3),
            ] {
                table.push_str(&format!("{actor:<22} {endpoint:<19}"));
                for (i, target) in targets.iter().enumerate() {
                    let (got, want) = match run {
                        0 => (status(c.measure(target.id), 200), if !signed_in { 401 } else if may_read(actor, i) { 200 } else { 403 }),
                        1 => {
                            let input = measure(task, target.org.id, "Новий", &[(2026, FundingSource::Local, "1")]);
                            (status(c.create_measure(&input), 201), if !signed_in { 401 } else if may_write(actor, i) { 201 } else { 403 })
                        }
                        2 => {
                            let current = dept.measure(target.id).expect("current");
                            (status(c.update_measure(target.id, current.version, &current.to_input()), 200),
                             if !signed_in { 401 } else if may_write(actor, i) && may_read(actor, i) { 200 } else { 403 })
                        }
                        // A stale version: an authorized caller gets 409, so nothing is deleted.
                        _ => (status(c.delete_measure(target.id, 0), 204), if !signed_in { 401 } else if may_write(actor, i) { 409 } else { 403 }),
                    };
                    table.push_str(&format!("{:>18}", if got == want { got.to_string() } else { format!("{got}≠{want}") }));
                    if got != want {
                        failures.push(format!("{actor} {endpoint} on {}: {got}, expected {want}", TARGETS[i].0));
                    }
                }
                table.push('\n');
            }
        }
        // Moving a measure to a foreign organisation is refused too.
        let community = Client::demo(&app, "community.pidhorodne");
        let own = community.measure(targets[0].id).expect("own");
        let mut moved = own.to_input();
        moved.org_id = targets[2].org.id;
        let refused = community.update_measure(own.id, own.version, &moved).expect_err("move");
        assert_eq!((refused.status, refused.body.field.as_deref()), (403, Some("measure.org_id")));
        println!("{table}");
        assert!(failures.is_empty(), "authorization matrix:\n{table}\n{}", failures.join("\n"));
    }
}

on_both! {
    fn the_record_comments_inbox_and_events_check_role_and_organisation(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&dept.programme().expect("p"));
        let own = dept.create_measure(&measure(task, org_by_code(&orgs, TARGETS[0].1), "Свій", &[(2026, FundingSource::Local, "1")])).expect("own");
        let foreign = dept.create_measure(&measure(task, org_by_code(&orgs, TARGETS[2].1), "Чужий", &[(2026, FundingSource::Local, "1")])).expect("foreign");
        let comment = shared::api::comments::NewComment { body: "?".into(), parent_id: None };
        let mut failures = Vec::new();
        for actor in ACTORS {
            let c = if actor == "anonymous" { Client::anonymous(&app) } else { Client::demo(&app, actor) };
            let signed_in = actor != "anonymous";
            let coordinator = actor.starts_with("community") || actor.starts_with("district");
            let checks: Vec<(String, u16, u16)> = vec![
                ("GET /api/audit".into(), status(c.get::<serde_json::Value>("/api/audit"), 200), if signed_in { 200 } else { 401 }),
                ("GET /api/audit/verify".into(), status(c.get::<serde_json::Value>("/api/audit/verify"), 200),
                    if !signed_in { 401 } else if coordinator { 403 } else { 200 }),
                ("GET own history".into(), status(c.get::<serde_json::Value>(&format!("/api/measures/{}/history", own.id)), 200), if signed_in { 200 } else { 401 }),
                ("GET foreign history".into(), status(c.get::<serde_json::Value>(&format!("/api/measures/{}/history", foreign.id)), 200),
                    if !signed_in { 401 } else if coordinator { 403 } else { 200 }),
                ("GET own comments".into(), status(c.get::<serde_json::Value>(&format!("/api/measures/{}/comments", own.id)), 200), if signed_in { 200 } else { 401 }),
                // The administrator reads the plan but does not take part in it: no comments, no
                // presence (the programme head may comment: oversight is part of the discussion).
                ("POST own comment".into(), status(c.post::<_, serde_json::Value>(&format!("/api/measures/{}/comments", own.id), &comment), 201),
                    if !signed_in { 401 } else if actor == "admin" { 403 } else { 201 }),
                ("POST foreign comment".into(), status(c.post::<_, serde_json::Value>(&format!("/api/measures/{}/comments", foreign.id), &comment), 201),
                    if !signed_in { 401 } else if coordinator || actor == "admin" { 403 } else { 201 }),
                ("POST presence".into(), status(c.post::<_, serde_json::Value>(&format!("/api/measures/{}/presence", own.id), &serde_json::json!({"editing": false})), 200),
                    if !signed_in { 401 } else if actor == "admin" { 403 } else { 200 }),
                ("GET /api/inbox".into(), status(c.get::<serde_json::Value>("/api/inbox"), 200), if signed_in { 200 } else { 401 }),
            ];
            for (what, got, want) in checks {
                if got != want {
                    failures.push(format!("{actor} {what}: {got}, expected {want}"));
                }
            }
            // The event stream answers 401 before it starts for a visitor.
            let resp = reqwest::blocking::Client::new().get(format!("{}/api/events", app.url)).send().expect("events");
            if resp.status().as_u16() != 401 {
                failures.push(format!("anonymous GET /api/events: {}", resp.status()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

on_both! {
    fn proposals_and_versions_check_role_and_organisation(kind) {
        use shared::api::proposals::{ProposalDetail, ProposalState};
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let first = |code: &str| crate::proposals::approved_measures(&dept, org_by_code(&orgs, code)).remove(0);
        let (own_m, sibling_m, foreign_m) = (first(TARGETS[0].1), first(TARGETS[1].1), first(TARGETS[2].1));
        // A draft of the own community; submitted proposals of a sibling community (in the
        // district's queue) and of a foreign one (another district's).
        let anna = Client::demo(&app, "community.pidhorodne");
        anna.propose_withdrawal(own_m.id, None).expect("own draft");
        let own = anna.my_draft().expect("d").expect("d");
        let submit = |login: &str, m: &MeasureDetail| -> ProposalDetail {
            let c = Client::demo(&app, login);
            c.propose_withdrawal(m.id, None).expect("propose");
            c.step(&c.my_draft().expect("d").expect("d"), "submit").expect("submit")
        };
        let sibling = submit("community.petrykivka", &sibling_m);
        let foreign = submit("community.apostolove", &foreign_m);
        assert_eq!(foreign.summary.state, ProposalState::Submitted);
        let action = serde_json::json!({"version": 1, "note": ""});
        let decide = serde_json::json!({"version": 1, "decision": {"uk": "Наказ", "en": ""}, "lines": [{"line_id": 1, "verdict": "approve"}]});
        let mut failures = Vec::new();
        for actor in ACTORS {
            let c = if actor == "anonymous" { Client::anonymous(&app) } else { Client::demo(&app, actor) };
            let signed_in = actor != "anonymous";
            let any = |ok: u16| if signed_in { ok } else { 401 };
            let who = |pairs: &[(&str, u16)], otherwise: u16| -> u16 {
                if !signed_in { return 401; }
                pairs.iter().find(|(a, _)| *a == actor).map_or(otherwise, |p| p.1)
            };
            let get = |path: String| status(c.get::<serde_json::Value>(&path), 200);
            let post = |path: String, body: &serde_json::Value| status(c.post::<_, serde_json::Value>(&path, body), 200);
            let (o, s, f) = (own.summary.id, sibling.summary.id, foreign.summary.id);
            let checks: Vec<(String, u16, u16)> = vec![
                ("GET own draft".into(), get(format!("/api/proposals/{o}")), who(&[("community.pidhorodne", 200)], 404)),
                ("GET sibling submitted".into(), get(format!("/api/proposals/{s}")), who(&[("community.pidhorodne", 404)], 200)),
                ("GET foreign submitted".into(), get(format!("/api/proposals/{f}")), who(&[("community.pidhorodne", 404), ("district.dnipro", 404)], 200)),
                ("GET own draft comments".into(), get(format!("/api/proposals/{o}/comments")), who(&[("community.pidhorodne", 200)], 404)),
                ("GET foreign comments".into(), get(format!("/api/proposals/{f}/comments")), who(&[("community.pidhorodne", 404), ("district.dnipro", 404)], 200)),
                ("GET /api/proposals".into(), get("/api/proposals".into()), any(200)),
                ("GET /api/proposals/draft".into(), get("/api/proposals/draft".into()), any(200)),
                ("GET /api/plan/versions".into(), get("/api/plan/versions".into()), any(200)),
                ("GET compare".into(), get("/api/plan/versions/1/compare/1".into()), any(200)),
                ("GET /api/workflow".into(), get("/api/workflow".into()), any(200)),
                ("PUT /api/workflow".into(), status(c.put::<_, serde_json::Value>("/api/workflow", &serde_json::json!({"community_requires_district": true})), 200), who(&[("department", 200)], 403)),
                ("propose own measure".into(), status(c.post::<_, serde_json::Value>(&format!("/api/proposals/draft/measures/{}/discard", own_m.id), &serde_json::json!({"proposal_version": 999})), 200),
                    who(&[("community.pidhorodne", 409), ("department", 409)], 403)),
                ("propose foreign measure".into(), status(c.post::<_, serde_json::Value>(&format!("/api/proposals/draft/measures/{}/discard", foreign_m.id), &serde_json::json!({})), 200),
                    who(&[("department", 200)], 403)),
                ("submit own draft (stale)".into(), post(format!("/api/proposals/{o}/submit"), &action), who(&[("community.pidhorodne", 409)], 404)),
                ("rebase own draft (stale)".into(), post(format!("/api/proposals/{o}/rebase"), &action), who(&[("community.pidhorodne", 409)], 404)),
                ("submit sibling".into(), post(format!("/api/proposals/{s}/submit"), &action), who(&[("community.pidhorodne", 404)], 403)),
                ("endorse foreign".into(), post(format!("/api/proposals/{f}/endorse"), &action), who(&[("community.pidhorodne", 404), ("district.dnipro", 404)], 403)),
                ("return foreign".into(), post(format!("/api/proposals/{f}/return"), &serde_json::json!({"version": 1, "reason": "x"})), who(&[("community.pidhorodne", 404), ("district.dnipro", 404)], 403)),
                ("endorse sibling (stale)".into(), post(format!("/api/proposals/{s}/endorse"), &action), who(&[("community.pidhorodne", 404), ("district.dnipro", 409)], 403)),
                ("decide sibling".into(), post(format!("/api/proposals/{s}/decide"), &decide), who(&[("community.pidhorodne", 404), ("department", 409)], 403)),
                ("comment on foreign".into(), status(c.post::<_, serde_json::Value>(&format!("/api/proposals/{f}/comments"), &serde_json::json!({"body": "?"})), 201),
                    who(&[("community.pidhorodne", 404), ("district.dnipro", 404), ("admin", 403)], 201)),
            ];
            for (what, got, want) in checks {
                if got != want {
                    failures.push(format!("{actor} {what}: {got}, expected {want}"));
                }
            }
            if signed_in && actor.starts_with("community") {
                let listed = c.proposals(&Default::default()).expect("list");
                if listed.iter().any(|p| p.id != own.summary.id) {
                    failures.push(format!("{actor} lists another organisation's proposal"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

/// Who may see the reports and the dashboard of a target (index into TARGETS).
fn may_see_reports(actor: &str, target: usize) -> bool {
    match actor {
        "anonymous" => false,
        "community.pidhorodne" => target == 0,
        "district.dnipro" => matches!(target, 0 | 1 | 3),
        _ => true,
    }
}

/// Who writes the report of a target: its coordinator, or the department for an executor.
fn may_write_report(actor: &str, target: usize) -> bool {
    matches!(
        (actor, target),
        ("community.pidhorodne", 0) | ("district.dnipro", 3) | ("department", 5)
    )
}

on_both! {
    fn the_reporting_endpoints_check_role_and_organisation(kind) {
        use obriy_tests::client::save_of;
        use shared::api::budget::SetApproved;
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let head = Client::demo(&app, "head");
        let orgs = dept.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&dept.programme().expect("p"));
        let targets: Vec<OrgId> = TARGETS.iter().map(|(_, code)| {
            if code.starts_with("exec-") {
                orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::Executor).map(|o| o.id).expect("executor")
            } else {
                org_by_code(&orgs, code)
            }
        }).collect();
        let measures: Vec<MeasureDetail> = targets.iter().zip(TARGETS)
            .map(|(org, (label, _))| dept.create_measure(&measure(task, *org, label, &[(2026, FundingSource::Local, "1")])).expect("seed"))
            .collect();
        let mut table = String::from("actor                  endpoint            ");
        for (label, _) in TARGETS { table.push_str(&format!("{label:>18}")); }
        table.push('\n');
        let mut failures = Vec::new();
        for actor in ACTORS {
            let c = if actor == "anonymous" { Client::anonymous(&app) } else { Client::demo(&app, actor) };
            let signed_in = actor != "anonymous";
            // The oblast's dashboard and the calendar of a period, the map, the settings.
            let got = status(c.dashboard("oblast", None, None), 200);
            let want = match actor { "anonymous" => 401, "department" | "head" | "admin" => 200, _ => 403 };
            if got != want { failures.push(format!("{actor} GET /api/dashboard: {got}, expected {want}")); }
            for path in ["/api/reports?period=2026-Q3", "/api/map", "/api/reporting/settings"] {
                let got = status(c.get::<serde_json::Value>(path), 200);
                let want = if signed_in { 200 } else { 401 };
                if got != want { failures.push(format!("{actor} GET {path}: {got}, expected {want}")); }
            }
            let got = status(c.run_reminders(), 200);
            let want = match actor { "anonymous" => 401, "department" | "admin" => 200, _ => 403 };
            if got != want { failures.push(format!("{actor} POST /api/reporting/reminders: {got}, expected {want}")); }

            for endpoint in ["GET report", "GET calendar", "PUT report", "POST submit", "GET dashboard",
                             "GET execution", "PUT execution"] {
                table.push_str(&format!("{actor:<22} {endpoint:<19}"));
                for (i, org) in targets.iter().enumerate() {
                    let see = may_see_reports(actor, i);
                    let hidden = if !signed_in { 401 } else { 404 };
                    let (got, want) = match endpoint {
                        "GET report" => (status(c.report(*org, "2026-Q4"), 200), if see { 200 } else { hidden }),
                        "GET calendar" => (status(c.reports_of(*org), 200), if see { 200 } else { hidden }),
                        "PUT report" => {
                            let current = head.report(*org, "2026-Q4").expect("current");
                            let want = if !see { hidden } else if may_write_report(actor, i) { 200 } else { 403 };
                            (status(c.save_report(&current, &save_of(&current)), 200), want)
                        }
                        // The quarter has not ended: a writer gets 409, anyone else is refused first.
                        "POST submit" => {
                            let current = head.report(*org, "2026-Q4").expect("current");
                            let want = if !see { hidden } else if may_write_report(actor, i) { 409 } else { 403 };
                            (status(c.report_step(&current, "submit", None), 200), want)
                        }
                        "GET dashboard" => {
                            let level = if matches!(i, 3 | 4) { "district" } else { "community" };
                            (status(c.dashboard(level, Some(org.0), None), 200),
                             if !signed_in { 401 } else if see { 200 } else { 403 })
                        }
                        "GET execution" => (status(c.execution(measures[i].id), 200),
                            if !signed_in { 401 } else if may_read(actor, i) { 200 } else { 404 }),
                        _ => {
                            let current = dept.execution(measures[i].id).expect("current");
                            let body = SetApproved { version: current.version, approved: vec![] };
                            (status(c.set_approved(measures[i].id, &body), 200),
                             if !signed_in { 401 } else if !may_read(actor, i) { 404 } else if actor == "department" { 200 } else { 403 })
                        }
                    };
                    table.push_str(&format!("{:>18}", if got == want { got.to_string() } else { format!("{got}≠{want}") }));
                    if got != want {
                        failures.push(format!("{actor} {endpoint} on {}: {got}, expected {want}", TARGETS[i].0));
                    }
                }
                table.push('\n');
            }
        }
        println!("{table}");
        assert!(failures.is_empty(), "authorization matrix:\n{table}\n{}", failures.join("\n"));
    }
}
