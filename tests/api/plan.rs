//! `/api/plan`: the tree, its filters, and who sees which measures.

use obriy_tests::data::{measure, org_by_code, year};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::plan::{PlanFilter, PlanTree};
use shared::{FundingSource, MeasureId, OrgId};

fn ids(tree: &PlanTree) -> Vec<MeasureId> {
    tree.directions
        .iter()
        .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter().map(|m| m.id)))
        .collect()
}

fn orgs_in(tree: &PlanTree) -> Vec<OrgId> {
    tree.directions
        .iter()
        .flat_map(|d| {
            d.tasks
                .iter()
                .flat_map(|t| t.measures.iter().map(|m| m.org.id))
        })
        .collect()
}

on_both! {
    fn filters_narrow_the_tree_and_its_totals(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        let orgs = c.orgs().expect("orgs");
        let all = c.plan(&PlanFilter::default()).expect("plan");
        assert_eq!(all.measure_count as usize, ids(&all).len());
        assert_eq!(all.listed_count, all.measure_count, "a plan of this size is listed whole");
        assert_eq!(all.totals, c.rollup(shared::api::rollup::RollupLevel::Programme).expect("r").rows[0].totals);

        let dnipro = org_by_code(&orgs, "UA12020000000052809");
        let in_district = c.plan(&PlanFilter { district: Some(dnipro), ..Default::default() }).expect("plan");
        assert!(in_district.measure_count > 1);
        for org in orgs_in(&in_district) {
            let o = orgs.iter().find(|x| x.id == org).expect("org");
            assert!(o.id == dnipro || o.parent == Some(dnipro), "{} is not in the district", o.name.uk);
        }
        let district = orgs.iter().find(|o| o.id == dnipro).expect("d");
        assert_eq!(in_district.totals, district.with_children.as_ref().expect("w").totals);

        let local = c.plan(&PlanFilter { source: Some(FundingSource::Local), ..Default::default() }).expect("plan");
        assert!(local.totals.cells().iter().all(|cell| cell.source == FundingSource::Local));
        assert_eq!(local.totals.total(), all.totals.source_total(FundingSource::Local));

        let y2028 = c.plan(&PlanFilter { year: Some(year(2028)), ..Default::default() }).expect("plan");
        assert_eq!(y2028.totals.total(), all.totals.year_total(year(2028)));

        let task = obriy_tests::data::first_task(&c.programme().expect("p"));
        let made = c.create_measure(&measure(task, dnipro, "Унікальна назва ЦНАП-Квант", &[(2026, FundingSource::Local, "5")])).expect("create");
        let found = c.plan(&PlanFilter { q: Some("цнап-квант".into()), ..Default::default() }).expect("plan");
        assert_eq!(ids(&found), vec![made.id]);
        let (status, body) = c.raw(reqwest::Method::GET, "/api/plan?year=2031", "");
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("\"field\":\"year\""));
    }
}

on_both! {
    fn coordinators_see_only_their_territory(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let orgs = dept.orgs().expect("orgs");
        let pidhorodne = org_by_code(&orgs, "UA12020210000032285");
        let dnipro = org_by_code(&orgs, "UA12020000000052809");
        let community = Client::demo(&app, "community.pidhorodne");
        for org in orgs_in(&community.plan(&PlanFilter::default()).expect("plan")) {
            let o = orgs.iter().find(|x| x.id == org).expect("org");
            assert!(o.id == pidhorodne || o.kind == shared::api::orgs::OrgKind::Executor, "community sees {}", o.name.uk);
        }
        let district = Client::demo(&app, "district.dnipro");
        let seen = orgs_in(&district.plan(&PlanFilter::default()).expect("plan"));
        assert!(seen.contains(&pidhorodne), "the district sees its communities");
        for org in seen {
            let o = orgs.iter().find(|x| x.id == org).expect("org");
            assert!(o.id == dnipro || o.parent == Some(dnipro) || o.kind == shared::api::orgs::OrgKind::Executor,
                "district sees {}", o.name.uk);
        }
        // Filtering on a foreign community shows nothing of it.
        let apostolove = org_by_code(&orgs, "UA12060010000090992");
        let foreign = community.plan(&PlanFilter { org: Some(apostolove), ..Default::default() }).expect("plan");
        assert_eq!(foreign.measure_count, 0);
        assert!(dept.plan(&PlanFilter { org: Some(apostolove), ..Default::default() }).expect("plan").measure_count > 0);
    }
}

on_both! {
    fn the_plan_is_listed_a_page_at_a_time_with_totals_over_every_match(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        let all = c.plan(&PlanFilter { per_page: Some(500), ..Default::default() }).expect("plan");
        let everything = ids(&all);
        assert!(everything.len() > 7, "the demo plan has more than a page of 3");
        assert_eq!((all.page, all.per_page), (1, 500));

        // Pages of 3 walk the same measures in the same order, each with every total.
        let mut walked = Vec::new();
        let first = c.plan(&PlanFilter { per_page: Some(3), ..Default::default() }).expect("plan");
        assert_eq!(first.pages() as usize, everything.len().div_ceil(3));
        for page in 1..=first.pages() {
            let p = c.plan(&PlanFilter { page: Some(page), per_page: Some(3), ..Default::default() }).expect("page");
            assert_eq!(p.page, page);
            assert_eq!(p.measure_count, all.measure_count);
            assert_eq!(p.totals, all.totals, "totals cover every matching measure");
            assert_eq!(p.directions.iter().map(|d| d.totals.clone()).collect::<Vec<_>>(),
                all.directions.iter().map(|d| d.totals.clone()).collect::<Vec<_>>());
            assert_eq!(p.first_listed(), i64::from(page - 1) * 3 + 1);
            walked.extend(ids(&p));
        }
        assert_eq!(walked, everything);
        let beyond = c.plan(&PlanFilter { page: Some(first.pages() + 1), per_page: Some(3), ..Default::default() }).expect("beyond");
        assert_eq!((beyond.listed_count, beyond.measure_count), (0, all.measure_count));

        // The default page is PLAN_PAGE_SIZE; the limits are said at the field.
        let default = c.plan(&PlanFilter::default()).expect("plan");
        assert_eq!(default.per_page, shared::api::plan::PLAN_PAGE_SIZE);
        for (query, field) in [("page=0", "page"), ("per_page=0", "per_page"), ("per_page=501", "per_page"), ("page=x", "page")] {
            let (status, body) = c.raw(reqwest::Method::GET, &format!("/api/plan?{query}"), "");
            assert_eq!(status, 422, "{query}: {body}");
            assert!(body.contains(&format!("\"field\":\"{field}\"")) && body.contains("page_invalid"), "{query}: {body}");
        }

        // A page kept from before a write is not served after it.
        let task = obriy_tests::data::first_task(&c.programme().expect("p"));
        let orgs = c.orgs().expect("orgs");
        let dnipro = org_by_code(&orgs, "UA12020000000052809");
        let made = c.create_measure(&measure(task, dnipro, "Захід після сторінки", &[(2026, FundingSource::Local, "7")])).expect("create");
        let again = c.plan(&PlanFilter { per_page: Some(500), ..Default::default() }).expect("plan");
        assert_eq!(again.measure_count, all.measure_count + 1);
        assert!(ids(&again).contains(&made.id));
    }
}
