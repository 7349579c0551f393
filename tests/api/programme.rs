//! `/api/health`, `/api/openapi.json`, `/api/programme`, `/api/orgs`: the real programme, seeded exactly.

use obriy_tests::data::year;
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::orgs::OrgKind;
use shared::{Amount, FundingSource};

on_both! {
    fn health_and_openapi(kind) {
        let app = spawn_app(kind, false);
        let c = Client::anonymous(&app);
        let health: serde_json::Value = c.get("/api/health").expect("health");
        assert_eq!(health["status"], "ok");
        let expected = match kind { obriy_tests::DbKind::Sqlite => "sqlite", obriy_tests::DbKind::Postgres => "postgres" };
        assert_eq!(health["database"], expected);
        let doc: serde_json::Value = c.get("/api/openapi.json").expect("openapi");
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        for path in ["/measures/{id}", "/measures", "/plan", "/rollups/{level}", "/auth/login", "/programme"] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
        }
        assert!(doc["components"]["schemas"].get("MeasureInput").is_some());
        let missing = c.get::<serde_json::Value>("/api/nothing-here").expect_err("404");
        assert_eq!((missing.status, missing.code()), (404, shared::ErrorCode::NotFound));
    }
}

on_both! {
    fn the_passport_and_envelope_are_the_approved_ones(kind) {
        let app = spawn_app(kind, true);
        let p = Client::demo(&app, "head").programme().expect("programme");
        assert_eq!(p.passport.region_code.as_str(), "UA12000000000090473");
        assert!(p.passport.decision.uk.contains("549-27/VIII"));
        assert_eq!(p.passport.total, Amount::parse("789 460,0").expect("a"));
        let env = |y: i32, s: FundingSource| {
            p.envelope.iter().find(|c| c.year == year(y) && c.source == s).expect("cell").envelope
        };
        assert_eq!(env(2026, FundingSource::Oblast).to_string(), "225760.0");
        assert_eq!(env(2027, FundingSource::Oblast).to_string(), "242260.0");
        assert_eq!(env(2028, FundingSource::Oblast).to_string(), "255740.0");
        for y in 2026..=2028 {
            assert_eq!(env(y, FundingSource::Other).to_string(), "21900.0");
        }
        let year_total = |y: i32| Amount::sum(p.envelope.iter().filter(|c| c.year == year(y)).map(|c| c.envelope));
        assert_eq!(year_total(2026).to_string(), "247660.0");
        assert_eq!(year_total(2027).to_string(), "264160.0");
        assert_eq!(year_total(2028).to_string(), "277640.0");
        // State and local budgets carry no envelope ("–" in the passport): never over-allocated.
        assert!(p.envelope.iter().filter(|c| c.source == FundingSource::Local).all(|c| !c.has_envelope && !c.over_allocated));
        assert_eq!(p.directions.len(), 5);
        let codes: Vec<String> = p.directions.iter().flat_map(|d| d.tasks.iter().map(|t| t.code.to_string())).collect();
        assert_eq!(codes, ["1.1", "2.1", "2.2", "3.1", "4.1", "5.1"]);
        assert!(p.directions[1].tasks[1].name.uk.contains("регіональних електронних інформаційних ресурсів"));
        // The allocated totals equal the directions' sums.
        let by_dirs = Amount::sum(p.directions.iter().map(|d| d.totals.total()));
        assert_eq!(by_dirs, p.allocated_total);
        assert!(p.measure_count > 50, "demo plan loaded: {}", p.measure_count);
    }
}

on_both! {
    fn the_territory_is_the_codifier(kind) {
        let app = spawn_app(kind, true);
        let orgs = Client::demo(&app, "community.pavlohrad").orgs().expect("orgs");
        let count = |k: OrgKind| orgs.iter().filter(|o| o.kind == k).count();
        assert_eq!((count(OrgKind::Oblast), count(OrgKind::District), count(OrgKind::Community)), (1, 7, 86));
        assert!(count(OrgKind::Executor) >= 3);
        let samarivskyi = orgs.iter().find(|o| o.code.as_ref().is_some_and(|c| c.as_str() == "UA12100000000039307")).expect("district");
        assert_eq!(samarivskyi.name.uk, "Самарівський район");
        let population: i64 = orgs.iter().filter(|o| o.kind == OrgKind::Community).filter_map(|o| o.population).sum();
        assert_eq!(population, 3_096_485);
        // Every district's roll-up is its own measures plus its communities'.
        for d in orgs.iter().filter(|o| o.kind == OrgKind::District) {
            let children = orgs.iter().filter(|o| o.parent == Some(d.id));
            let expect = Amount::sum(children.map(|c| c.totals.total())) + d.totals.total();
            let with = d.with_children.as_ref().expect("district roll-up");
            assert_eq!(with.totals.total(), expect, "{}", d.name.uk);
            assert!(with.measure_count >= d.measure_count);
        }
        assert!(orgs.iter().filter(|o| o.kind == OrgKind::District).all(|d| d.with_children.as_ref().is_some_and(|w| w.measure_count > 0)),
            "demo data in every district");
    }
}
