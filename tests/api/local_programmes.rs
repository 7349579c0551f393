//! `/api/local-programmes`: the register of local informatization programmes — reads in scope,
//! saves by the coordinator and the department, refusals, conflicts, field errors, and IND-01
//! computed from it.

use obriy_tests::{on_both, spawn_app, Client};
use rust_decimal::Decimal;
use shared::api::endpoints as ep;
use shared::api::local_programmes::{
    LocalProgramme, LocalProgrammeStatus, LocalProgrammeSummary, SaveLocalProgramme,
};
use shared::api::measures::BudgetLine;
use shared::{Amount, Date, ErrorCode, FundingSource, OrgId, TaskId, Year};

fn own_org(c: &Client) -> OrgId {
    c.me().expect("me").user.org.expect("an organisation").id
}

fn programme(c: &Client, org: OrgId) -> LocalProgramme {
    c.call(ep::LOCAL_PROGRAMME, &[&org]).expect("programme")
}

fn summary(c: &Client, year: i32) -> LocalProgrammeSummary {
    c.call_query(ep::LOCAL_PROGRAMMES, &[], &format!("year={year}"))
        .expect("summary")
}

fn save<B: serde::Serialize>(
    c: &Client,
    org: OrgId,
    body: &B,
) -> Result<LocalProgramme, obriy_tests::Failure> {
    c.call_with(ep::LOCAL_PROGRAMME_SAVE, &[&org], body)
}

/// The programme as recorded, ready to be changed and saved.
fn edit_of(p: &LocalProgramme) -> SaveLocalProgramme {
    SaveLocalProgramme {
        version: p.version,
        programme: p.programme.clone().expect("a programme"),
    }
}

fn ind01(c: &Client, quarter: &str) -> Decimal {
    let d = c
        .dashboard("oblast", None, Some(quarter))
        .expect("dashboard");
    d.indicators
        .iter()
        .find(|t| t.code == "IND-01")
        .and_then(|t| t.actual)
        .expect("IND-01 has an actual")
        .value
}

on_both! {
    fn a_coordinator_reads_and_saves_its_own_programme_on_the_record(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let org = own_org(&c);
        let before = programme(&c, org);
        assert!(before.is_demo && before.can_edit && before.version == 1, "{before:?}");
        let p = before.programme.clone().expect("the demo recorded one");
        assert_eq!(p.status, LocalProgrammeStatus::Approved);
        assert!(p.decision.contains("№"), "{}", p.decision);

        let mut body = edit_of(&before);
        body.programme.title = "Програма цифрового розвитку Підгородненської громади".into();
        body.programme.decision = "рішення Підгородненської міської ради № 1234-VIII".into();
        body.programme.decision_date = Some(Date::parse("2025-11-20").expect("date"));
        body.programme.first_year = 2026;
        body.programme.last_year = 2028;
        body.programme.envelope = vec![
            BudgetLine { year: Year::new(2026).expect("y"), source: FundingSource::Local, amount: Amount::parse("350,5").expect("a") },
            BudgetLine { year: Year::new(2027).expect("y"), source: FundingSource::Oblast, amount: Amount::parse("120").expect("a") },
        ];
        body.programme.tasks = vec![TaskId(2), TaskId(1)];
        let saved = save(&c, org, &body).expect("saved");
        assert_eq!(saved.version, 2);
        assert!(!saved.is_demo, "a person's save is no longer the demo's");
        let got = programme(&c, org);
        assert_eq!(got, saved);
        let p = got.programme.expect("p");
        assert_eq!(p.title, body.programme.title);
        assert_eq!(p.tasks, [TaskId(1), TaskId(2)], "tasks kept as a set, in order");
        assert_eq!(p.envelope.len(), 2);

        // The year's summary shows the new envelope for the coordinator's own community only.
        let s = summary(&c, 2026);
        assert_eq!((s.communities, s.communities_in_force, s.rows.len()), (1, 1, 1));
        assert_eq!(s.rows[0].year_total, Amount::parse("350,5").expect("a"));
        assert_eq!(s.can_edit, [org]);

        // On the record, with the state before and after.
        let audit: serde_json::Value = c.get(&format!("/api/audit?action=local_programme.save&org={}", org.0)).expect("audit");
        let entries = audit["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 1, "{audit}");
        assert_eq!(entries[0]["after"]["title"], body.programme.title.as_str());
        assert!(entries[0]["before"]["title"].as_str().is_some_and(|t| t.starts_with("Програма інформатизації")));
    }
}

on_both! {
    fn reads_and_saves_keep_to_the_scope(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let own = own_org(&community);
        let other = own_org(&Client::demo(&app, "community.pavlohrad"));
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");

        // A community sees its own only; another's is not found, to read or to save.
        let e = community.call::<LocalProgramme>(ep::LOCAL_PROGRAMME, &[&other]).expect_err("other");
        assert_eq!((e.status, e.code()), (404, ErrorCode::NotFound));
        let body = edit_of(&programme(&department, other));
        let e = save(&community, other, &body).expect_err("other's");
        assert_eq!((e.status, e.code()), (404, ErrorCode::NotFound));

        // The district reads its communities' and may not save them.
        let theirs = programme(&district, own);
        assert!(!theirs.can_edit);
        let e = save(&district, own, &edit_of(&theirs)).expect_err("district");
        assert_eq!((e.status, e.code()), (403, ErrorCode::Forbidden));
        let e = district.call::<LocalProgramme>(ep::LOCAL_PROGRAMME, &[&other]).expect_err("another district's");
        assert_eq!(e.status, 404);
        let s = summary(&district, 2026);
        assert!(s.rows.iter().all(|r| r.org.id == own_org(&district) || r.org.parent == Some(own_org(&district))));
        assert!(s.communities > 1 && s.communities_in_force < s.communities, "one of Дніпровський район's lacks one");

        // The head reads everything and saves nothing; the department saves any community's.
        let head = Client::demo(&app, "head");
        assert_eq!(summary(&head, 2026).communities, 86);
        let e = save(&head, own, &edit_of(&programme(&head, own))).expect_err("head");
        assert_eq!(e.status, 403);
        let saved = save(&department, other, &body).expect("the department saves");
        assert_eq!(saved.version, body.version + 1);
        // An executor has no local programme.
        let orgs: Vec<shared::api::orgs::OrgSummary> = department.get("/api/orgs").expect("orgs");
        let executor = orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::Executor).expect("executor");
        assert_eq!(department.call::<LocalProgramme>(ep::LOCAL_PROGRAMME, &[&executor.id]).expect_err("executor").status, 404);
        assert_eq!(Client::anonymous(&app).call::<LocalProgrammeSummary>(ep::LOCAL_PROGRAMMES, &[]).expect_err("anonymous").status, 401);
    }
}

on_both! {
    fn a_stale_version_is_a_conflict_with_the_programme_as_it_is(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let seen = programme(&community, org);
        let mut first = edit_of(&seen);
        first.programme.title = "Перша редакція".into();
        save(&department, org, &first).expect("first");
        let mut second = edit_of(&seen);
        second.programme.title = "Друга редакція".into();
        let e = save(&community, org, &second).expect_err("stale");
        assert_eq!((e.status, e.code()), (409, ErrorCode::LocalProgrammeVersionConflict));
        let current: LocalProgramme = serde_json::from_value(e.body.current.clone().expect("current")).expect("shape");
        assert_eq!(current.programme.expect("p").title, "Перша редакція");
        assert_eq!(current.version, 2);
        assert_eq!(programme(&community, org).programme.expect("p").title, "Перша редакція", "nothing overwritten");
    }
}

on_both! {
    fn broken_rules_name_their_fields(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let org = own_org(&c);
        let seen = edit_of(&programme(&c, org));
        let check = |change: &dyn Fn(&mut SaveLocalProgramme), code: ErrorCode, field: &str| {
            let mut body = seen.clone();
            change(&mut body);
            let e = save(&c, org, &body).expect_err(field);
            assert_eq!((e.status, e.code(), e.body.field.as_deref()), (422, code, Some(field)));
        };
        check(&|b| b.programme.title = "  ".into(), ErrorCode::LocalTitleRequired, "programme.title");
        check(&|b| b.programme.decision.clear(), ErrorCode::LocalDecisionRequired, "programme.decision");
        check(&|b| b.programme.decision_date = Some(Date::parse("2027-01-05").expect("d")), ErrorCode::LocalDecisionDateInvalid, "programme.decision_date");
        check(&|b| b.programme.first_year = 2010, ErrorCode::LocalTermInvalid, "programme.first_year");
        check(&|b| { b.programme.first_year = 2024; b.programme.last_year = 2023; }, ErrorCode::YearRangeInverted, "programme.last_year");
        check(&|b| {
            b.programme.first_year = 2024;
            b.programme.last_year = 2026;
            b.programme.envelope = vec![BudgetLine { year: Year::new(2027).expect("y"), source: FundingSource::Local, amount: Amount::parse("1").expect("a") }];
        }, ErrorCode::LocalEnvelopeOutsideTerm, "programme.envelope[0].year");
        check(&|b| b.programme.tasks = vec![TaskId(99_999)], ErrorCode::TaskUnknown, "programme.tasks[0]");
        check(&|b| b.programme.tasks = vec![TaskId(1), TaskId(1)], ErrorCode::LocalTaskDuplicate, "programme.tasks[1]");
        // The shared parsers: a year outside 2026–2028 in the envelope, a negative amount.
        let mut raw = serde_json::to_value(&seen).expect("json");
        raw["programme"]["envelope"] = serde_json::json!([{"year": 2030, "source": "local", "amount": "1"}]);
        let e = save(&c, org, &raw).expect_err("year");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::YearInvalid, Some("programme.envelope[0].year")));
        raw["programme"]["envelope"] = serde_json::json!([{"year": 2026, "source": "local", "amount": "-1"}]);
        let e = save(&c, org, &raw).expect_err("amount");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::AmountNegative, Some("programme.envelope[0].amount")));
        let e = c.call_query::<LocalProgrammeSummary>(ep::LOCAL_PROGRAMMES, &[], "year=2031").expect_err("year");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()), (422, ErrorCode::YearInvalid, Some("year")));
        // A draft needs no decision yet.
        let mut draft = seen.clone();
        draft.programme.status = LocalProgrammeStatus::Draft;
        draft.programme.decision.clear();
        draft.programme.decision_date = None;
        assert!(save(&c, org, &draft).is_ok());
    }
}

on_both! {
    fn ind_01_counts_the_communities_with_a_programme_in_force(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let s = summary(&department, 2026);
        assert_eq!(s.communities, 86);
        let recorded = s.rows.iter().filter(|r| r.programme.is_some() && r.org.kind == shared::api::orgs::OrgKind::Community).count();
        assert_eq!(recorded, 85, "the demo records 85 of the 86");
        assert_eq!(s.communities_in_force, 85, "the 85 recorded are in force in 2026, the baseline");
        assert!(summary(&department, 2027).communities_in_force < 85, "some demo terms end in 2026");
        let in_force = Decimal::from(s.communities_in_force);
        assert_eq!(ind01(&department, "2026-Q3"), in_force);
        // Nobody types it: no report asks for it.
        let list: Vec<shared::api::indicators::IndicatorEntry> = department.get("/api/indicators").expect("indicators");
        let ind = list.iter().find(|e| e.code == "IND-01").expect("IND-01");
        assert_eq!(ind.indicator.reporters, shared::indicators::Reporters::LocalProgrammes);

        // The council cancels one: the count at the next read is one less.
        let row = s.rows.iter().find(|r| r.in_force).expect("one in force");
        let mut body = edit_of(&programme(&department, row.org.id));
        body.programme.status = LocalProgrammeStatus::Cancelled;
        save(&department, row.org.id, &body).expect("cancelled");
        assert_eq!(ind01(&department, "2026-Q3"), in_force - Decimal::ONE);
        assert_eq!(summary(&department, 2026).communities_in_force, s.communities_in_force - 1);
    }
}
