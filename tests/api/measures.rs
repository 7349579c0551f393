//! `/api/measures`: create, read, update against a version, delete; validation; no lost updates.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use reqwest::Method;
use shared::api::measures::MeasureStatus;
use shared::api::plan::PlanFilter;
use shared::api::proposals::{Change, ProposalLine};
use shared::{Amount, ErrorCode, FundingSource};

const PIDHORODNE: &str = "UA12020210000032285";

on_both! {
    fn create_edit_and_delete(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let orgs = c.orgs().expect("orgs");
        let p = c.programme().expect("programme");
        let task = p.directions[1].tasks[0].id;
        let org = org_by_code(&orgs, PIDHORODNE);
        let before = p.allocated_total;

        let input = measure(task, org, "Електронна черга в ЦНАП", &[
            (2026, FundingSource::Local, "1 250,5"),
            (2027, FundingSource::Local, "0,001"),
        ]);
        let created = c.create_measure(&input).expect("create");
        assert_eq!(created.version, 1);
        assert!(created.can_edit);
        assert_eq!(created.totals.total().to_string(), "1250.501");
        assert_eq!(created.updated_by.as_deref(), Some("Оксана Шевчук"));
        // A new measure is a draft: listed, proposed for addition, not yet in the approved totals.
        assert_eq!(created.status, MeasureStatus::Draft);
        let draft = created.draft.as_ref().expect("in my draft proposal");
        assert!(matches!(draft.lines[..], [ProposalLine { change: Change::MeasureAdd { .. }, .. }]));
        assert_eq!(c.programme().expect("programme").allocated_total, before);

        let mut edited = input.clone();
        edited.budget_lines[0].amount = Amount::parse("2000").expect("a");
        edited.name.en = "Electronic queue".into();
        let updated = c.update_measure(created.id, 1, &edited).expect("update");
        assert_eq!(updated.version, 2);
        assert_eq!(updated.totals.total().to_string(), "2000.001");
        assert_eq!(c.measure(created.id).expect("get"), updated);

        c.delete_measure(created.id, 2).expect("delete");
        assert_eq!(c.measure(created.id).expect_err("gone").status, 404);
        assert_eq!(c.programme().expect("p").allocated_total, before);
    }
}

on_both! {
    fn a_stale_edit_gets_409_with_the_current_state(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let boss = Client::demo(&app, "department");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let m = anna.create_measure(&measure(task, org, "Захід", &[(2026, FundingSource::Local, "100")])).expect("create");

        // The department edits first.
        let mut theirs = m.to_input();
        theirs.budget_lines[0].amount = Amount::parse("150").expect("a");
        let now = boss.update_measure(m.id, m.version, &theirs).expect("department edit");

        // Anna's edit is based on version 1: refused, with what is there now.
        let mut mine = m.to_input();
        mine.budget_lines[0].amount = Amount::parse("120").expect("a");
        let conflict = anna.update_measure(m.id, m.version, &mine).expect_err("stale");
        assert_eq!((conflict.status, conflict.code()), (409, ErrorCode::VersionConflict));
        let current: shared::api::measures::MeasureDetail =
            serde_json::from_value(conflict.body.current.clone().expect("current state")).expect("detail");
        assert_eq!(current.version, now.version);
        assert_eq!(current.totals.total().to_string(), "150.0");
        assert_eq!(anna.measure(m.id).expect("get").totals.total().to_string(), "150.0", "nothing overwritten");
        let stale_delete = anna.delete_measure(m.id, m.version).expect_err("stale delete");
        assert_eq!(stale_delete.status, 409);
        // Re-applied on the current version, it goes through.
        assert_eq!(anna.update_measure(m.id, current.version, &mine).expect("rebased").version, current.version + 1);
    }
}

on_both! {
    fn concurrent_edits_never_lose_an_update(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        let orgs = c.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&c.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let m = c.create_measure(&measure(task, org, "Гонка", &[(2026, FundingSource::Local, "1")])).expect("create");
        // Eight writers, each based on version 1: exactly one wins.
        let results: Vec<bool> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let client = &c;
                    let mut input = m.to_input();
                    input.budget_lines[0].amount = Amount::parse(&format!("{}", 10 + i)).expect("a");
                    s.spawn(move || client.update_measure(m.id, 1, &input).is_ok())
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("thread")).collect()
        });
        assert_eq!(results.iter().filter(|ok| **ok).count(), 1, "{results:?}");
        let end = c.measure(m.id).expect("get");
        assert_eq!(end.version, 2);
        let winner = results.iter().position(|ok| *ok).expect("a winner");
        assert_eq!(end.totals.total(), Amount::parse(&format!("{}", 10 + winner)).expect("a"));
    }
}

on_both! {
    fn bad_input_gets_a_clear_error_and_changes_nothing(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let orgs = c.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&c.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let good = measure(task, org, "Захід", &[(2026, FundingSource::Local, "10")]);
        let m = c.create_measure(&good).expect("create");
        let count = || c.plan(&PlanFilter::default()).expect("plan").measure_count;
        let measures_before = count();

        let mut json = serde_json::to_value(&good).expect("json");
        let expect = |patch: &dyn Fn(&mut serde_json::Value), code: ErrorCode, field: &str| {
            let mut body = json.clone();
            patch(&mut body);
            let (status, text) = c.raw(Method::POST, "/api/measures", &body.to_string());
            let err: shared::ApiErrorBody = serde_json::from_str(&text).expect(&text);
            assert_eq!((err.code, err.field.as_deref()), (code, Some(field)), "{text}");
            assert_eq!(status, code.status());
            assert!(!err.message.uk.is_empty() && !err.message.en.is_empty());
            // The same for an update of the saved measure, nested under `measure`.
            let update = serde_json::json!({"version": m.version, "measure": body});
            let (status, text) = c.raw(Method::PUT, &format!("/api/measures/{}", m.id), &update.to_string());
            let err: shared::ApiErrorBody = serde_json::from_str(&text).expect(&text);
            assert_eq!(status, code.status(), "{text}");
            assert_eq!(err.field.as_deref(), Some(format!("measure.{field}").as_str()), "{text}");
        };
        expect(&|b| b["budget_lines"][0]["amount"] = "-5".into(), ErrorCode::AmountNegative, "budget_lines[0].amount");
        expect(&|b| b["budget_lines"][0]["amount"] = "1,2345".into(), ErrorCode::AmountTooPrecise, "budget_lines[0].amount");
        expect(&|b| b["budget_lines"][0]["amount"] = "десять".into(), ErrorCode::AmountInvalid, "budget_lines[0].amount");
        expect(&|b| b["budget_lines"][0]["amount"] = "".into(), ErrorCode::AmountRequired, "budget_lines[0].amount");
        expect(&|b| b["start_year"] = 2030.into(), ErrorCode::YearInvalid, "start_year");
        expect(&|b| b["budget_lines"][0]["source"] = "gold".into(), ErrorCode::BadRequest, "budget_lines[0].source");
        expect(&|b| { b["start_year"] = 2027.into(); b["end_year"] = 2026.into(); }, ErrorCode::YearRangeInverted, "end_year");
        expect(&|b| b["budget_lines"][0]["year"] = 2028.into(), ErrorCode::BudgetLineOutsideYears, "budget_lines[0].year");
        expect(&|b| { b["end_year"] = 2028.into(); let l = b["budget_lines"][0].clone(); b["budget_lines"].as_array_mut().expect("arr").push(l); },
            ErrorCode::BudgetLineDuplicate, "budget_lines[1].source");
        expect(&|b| b["name"]["uk"] = " ".into(), ErrorCode::NameRequired, "name.uk");
        expect(&|b| b["task_id"] = 9999.into(), ErrorCode::TaskUnknown, "task_id");
        json["org_id"] = 9999.into();
        let (status, text) = c.raw(Method::POST, "/api/measures", &json.to_string());
        assert_eq!(status, 422, "{text}");
        assert!(text.contains("org_unknown"));
        let (status, text) = c.raw(Method::POST, "/api/measures", "{not json");
        assert_eq!(status, 400, "{text}");

        assert_eq!(count(), measures_before, "nothing was created");
        assert_eq!(c.measure(m.id).expect("get"), m, "the saved measure is untouched");
    }
}

on_both! {
    fn money_is_exact(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        let orgs = c.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&c.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let before = c.rollup(shared::api::rollup::RollupLevel::Org).expect("r");
        let own = |r: &shared::api::rollup::Rollup| r.rows.iter().find(|row| row.id == org.0).expect("row").totals.total();
        // 0.1 + 0.2 in thousand UAH, many times over: floats would drift, we must not.
        for i in 0..10 {
            let a = if i % 2 == 0 { "0,1" } else { "0,2" };
            c.create_measure(&measure(task, org, "Копійки", &[(2026, FundingSource::Other, a), (2027, FundingSource::Other, "999999999,999")])).expect("create");
        }
        let draft = c.my_draft().expect("draft").expect("the department's draft");
        let submitted = c.step(&draft, "submit").expect("submit");
        // Far beyond the envelope (the point is the arithmetic): confirmed with a reason.
        c.approve_all_beyond_envelope(&submitted, "Перевірка точності сум").expect("approve");
        let after = c.rollup(shared::api::rollup::RollupLevel::Org).expect("r");
        let added = after.rows.iter().find(|row| row.id == org.0).expect("row").totals.total().decimal() - own(&before).decimal();
        let expected: rust_decimal::Decimal = "10000000001.49".parse().expect("decimal");
        assert_eq!(added, expected);
    }
}
