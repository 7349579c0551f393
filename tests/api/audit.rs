//! `/api/audit`, `/api/measures/{id}/history`, `/api/audit/verify`: every write on the record,
//! hash-chained, and tampering detected.

use diesel::RunQueryDsl;
use obriy_backend::db::Connection;
use obriy_backend::on_conn;
use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client, DbKind};
use shared::api::audit::{AuditAction, AuditEntry, AuditPage, AuditVerification};
use shared::{Amount, FundingSource};

const PIDHORODNE: &str = "UA12020210000032285";
const APOSTOLOVE: &str = "UA12060010000090992";

on_both! {
    fn every_write_is_recorded_with_before_and_after(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let m = anna.create_measure(&measure(task, org, "Захід під наглядом", &[(2026, FundingSource::Local, "10")])).expect("create");
        let mut edit = m.to_input();
        edit.budget_lines[0].amount = Amount::parse("12,5").expect("a");
        let m2 = anna.update_measure(m.id, m.version, &edit).expect("update");
        assert!(anna.update_measure(m.id, m.version, &edit).is_err(), "a refused write");
        anna.delete_measure(m.id, m2.version).expect("delete");

        let history: Vec<AuditEntry> = anna.history(m.id, &Default::default()).expect("history").entries;
        let actions: Vec<AuditAction> = history.iter().map(|e| e.action).collect();
        assert_eq!(actions, [AuditAction::MeasureDeleted, AuditAction::MeasureUpdated, AuditAction::MeasureCreated],
            "newest first; the refused write left no entry");
        let update = &history[1];
        assert_eq!(update.user_name, "Оксана Шевчук");
        assert_eq!(update.actor_org, Some(org));
        assert_eq!(update.before.as_ref().expect("before")["budget_lines"][0]["amount"], "10.0");
        assert_eq!(update.after.as_ref().expect("after")["budget_lines"][0]["amount"], "12.5");
        assert!(history[0].after.is_none() && history[2].before.is_none());

        // Sign-ins, failed sign-ins and sign-outs are on the record too.
        let c = Client::anonymous(&app);
        let _ = c.login("head", "wrong-password-1");
        let head = Client::demo(&app, "head");
        head.logout().expect("sign out");
        let dept = Client::demo(&app, "department");
        let page: AuditPage = dept.get("/api/audit?limit=5").expect("audit");
        let recent: Vec<AuditAction> = page.entries.iter().map(|e| e.action).collect();
        assert_eq!(recent[..4], [AuditAction::SignIn, AuditAction::SignOut, AuditAction::SignIn, AuditAction::SignInFailed]);
        assert_eq!(page.entries[3].user_name, "head");
        assert!(page.next_before_seq.is_some());
        // Pages follow each other without gaps.
        let next: AuditPage = dept.get(&format!("/api/audit?limit=5&before_seq={}", page.next_before_seq.expect("more"))).expect("page 2");
        assert_eq!(next.entries[0].seq, page.entries[4].seq - 1);
        let failed: AuditPage = dept.get("/api/audit?action=auth.sign_in_failed").expect("filter");
        assert!(failed.entries.iter().all(|e| e.action == AuditAction::SignInFailed));
        let bad = dept.get::<AuditPage>("/api/audit?action=nonsense").expect_err("bad action");
        assert_eq!((bad.status, bad.body.field.as_deref()), (400, Some("action")));
    }
}

on_both! {
    fn coordinators_see_only_their_territorys_record(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&dept.programme().expect("p"));
        let foreign = dept.create_measure(&measure(task, org_by_code(&orgs, APOSTOLOVE), "Чужий", &[(2026, FundingSource::Local, "1")])).expect("create");
        let anna = Client::demo(&app, "community.pidhorodne");
        assert_eq!(anna.history(foreign.id, &Default::default()).expect_err("foreign").status, 403);
        let page: AuditPage = anna.get("/api/audit").expect("own scope");
        let pidhorodne = org_by_code(&orgs, PIDHORODNE);
        assert!(page.entries.iter().all(|e| e.subject_org.is_some()), "no system-wide entries for a coordinator");
        assert!(!page.entries.iter().any(|e| e.entity_id == Some(foreign.id.0) && e.entity == "measure"));
        let err = anna.get::<AuditPage>(&format!("/api/audit?org={}", org_by_code(&orgs, APOSTOLOVE))).expect_err("foreign org");
        assert_eq!(err.status, 403);
        assert!(anna.get::<AuditPage>(&format!("/api/audit?org={pidhorodne}")).is_ok());
        assert_eq!(anna.get::<AuditVerification>("/api/audit/verify").expect_err("not for coordinators").status, 403);
    }
}

on_both! {
    fn the_chain_verifies_and_tampering_is_detected(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&dept.programme().expect("p"));
        for n in 0..3 {
            dept.create_measure(&measure(task, org_by_code(&orgs, PIDHORODNE), &format!("Захід {n}"), &[(2026, FundingSource::Local, "5")])).expect("create");
        }
        let ok: AuditVerification = dept.get("/api/audit/verify").expect("verify");
        assert!(ok.intact && ok.first_broken_seq.is_none(), "{ok:?}");
        assert!(ok.entries >= 14, "seed, 9 accounts, sign-in, 3 measures: {ok:?}");

        let mut owned = Connection::establish(&app.database_url).expect("db");
        let mut conn = owned.db();
        // The log refuses changes through SQL…
        let refused = on_conn!(&mut conn, c => diesel::sql_query("UPDATE audit_log SET user_name = 'хтось' WHERE seq = 3").execute(c));
        assert!(refused.is_err(), "append-only");
        let refused = on_conn!(&mut conn, c => diesel::sql_query("DELETE FROM audit_log WHERE seq = 3").execute(c));
        assert!(refused.is_err(), "append-only");
        // …and if someone with the keys to the database turns that off, the chain shows it.
        let disable = match kind {
            DbKind::Sqlite => "DROP TRIGGER audit_log_no_update",
            DbKind::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
        };
        on_conn!(&mut conn, c => diesel::sql_query(disable).execute(c)).expect("disable");
        on_conn!(&mut conn, c => diesel::sql_query("UPDATE audit_log SET after_json = REPLACE(after_json, '5.0', '50.0') WHERE seq = (SELECT MAX(seq) FROM audit_log WHERE action = 'measure.create')").execute(c)).expect("tamper");
        let broken: AuditVerification = dept.get("/api/audit/verify").expect("verify");
        assert!(!broken.intact, "{broken:?}");
        let tampered_seq = dept.get::<AuditPage>("/api/audit?action=measure.create&limit=1").expect("p").entries[0].seq;
        assert_eq!(broken.first_broken_seq, Some(tampered_seq));
    }
}

on_both! {
    fn a_draft_stays_its_organisations_own_on_the_record_too(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        let m = crate::proposals::approved_measures(&anna, org)[0].clone();
        let mut wanted = m.to_input();
        wanted.description = "ЧЕРНЕТКА-МАРКЕР: ще обговорюємо".into();
        anna.propose(m.id, None, &wanted).expect("draft line");
        let draft = anna.my_draft().expect("d").expect("a draft");
        let record = |c: &Client| -> String {
            let page: AuditPage = c.get(&format!("/api/audit?org={}&limit=500", org.0)).expect("record");
            serde_json::to_string(&page.entries).expect("json")
        };
        assert!(record(&anna).contains("ЧЕРНЕТКА-МАРКЕР"), "the author sees its own draft's record");
        // The district cannot see the draft itself, so neither its contents on the record.
        assert_eq!(district.proposal(draft.summary.id).expect_err("hidden").status, 404);
        assert!(!record(&district).contains("ЧЕРНЕТКА-МАРКЕР"), "a draft leaked through the record");
        assert!(!record(&Client::demo(&app, "head")).contains("ЧЕРНЕТКА-МАРКЕР"));
        // Once submitted, the proposal is the district's to see, and so is its record.
        anna.step(&draft, "submit").expect("submit");
        assert!(record(&district).contains("ЧЕРНЕТКА-МАРКЕР"));
    }
}

on_both! {
    fn a_long_history_comes_in_pages(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let mut m = anna.create_measure(&measure(task, org, "Захід з довгою історією", &[(2026, FundingSource::Local, "1")])).expect("create");
        let edits = 130;
        for n in 0..edits {
            let mut input = m.to_input();
            input.budget_lines[0].amount = Amount::parse(&format!("{}", n + 2)).expect("a");
            m = anna.update_measure(m.id, m.version, &input).expect("edit");
        }
        let mut seen = Vec::new();
        let mut query = shared::api::audit::HistoryQuery { before_seq: None, limit: Some(50) };
        loop {
            let page = anna.history(m.id, &query).expect("page");
            assert!(page.entries.len() <= 50);
            seen.extend(page.entries.iter().map(|e| e.seq));
            match page.next_before_seq {
                Some(next) => query.before_seq = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len(), edits + 1, "every entry once: the creation and each edit");
        assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats");
        let first = anna.history(m.id, &Default::default()).expect("first page");
        assert_eq!((first.entries.len(), first.next_before_seq.is_some()), (100, true), "100 by default");
    }
}
