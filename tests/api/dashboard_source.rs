//! `/api/dashboard?source=…` and `app::dashboard::figures::execution_figures`: the figures of one funding source are that source's cells only, at every level, and the four sources add up to all of them.

use super::dashboard::{layers, year_row};
use obriy_backend::app::actor::Actor;
use obriy_backend::app::dashboard::figures::execution_figures;
use obriy_backend::app::dashboard::Scope;
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::budget::MeasureExecution;
use shared::api::dashboard::{Dashboard, DashboardLevel};
use shared::api::measures::MeasureSummary;
use shared::api::reports::ReportStage;
use shared::execution::Execution;
use shared::{Amount, ErrorCode, FundingSource, OrgId, Role, UserId, Year};

/// The cells of one source (or all) in one year (or all), added up over the measures given.
fn cells<'a>(
    items: impl Iterator<Item = &'a (MeasureSummary, MeasureExecution)>,
    year: Option<Year>,
    source: Option<FundingSource>,
) -> Execution {
    items
        .flat_map(|(_, e)| e.cells.iter())
        .filter(|c| year.is_none_or(|y| c.year == y) && source.is_none_or(|s| c.source == s))
        .map(|c| c.execution)
        .sum()
}

fn of_source(c: &Client, place: &str, source: FundingSource) -> Dashboard {
    c.dashboard_query(&format!("{place}&source={}", source.as_str()))
        .unwrap_or_else(|e| panic!("{place} {}: {e:?}", source.as_str()))
}

on_both! {
    fn a_source_keeps_only_its_own_amounts_at_every_level(kind) {
        let app = spawn_app(kind, true);
        let head = Client::demo(&app, "head");
        let all = layers(&head);
        let everything = head.dashboard("oblast", None, None).expect("oblast");
        assert_eq!(everything.source, None);
        let mut four = Execution::default();
        for source in FundingSource::ALL {
            let oblast = of_source(&head, "level=oblast", source);
            assert_eq!(oblast.source, Some(source));
            assert_eq!(oblast.total, cells(all.iter(), None, Some(source)), "{source:?}");
            for y in Year::all() {
                assert_eq!(year_row(&oblast, y), cells(all.iter(), Some(y), Some(source)));
                let by_dir: Execution = oblast.execution.iter()
                    .filter(|r| r.year == y && r.direction.is_some()).map(|r| r.execution).sum();
                assert_eq!(by_dir, year_row(&oblast, y), "directions add up to the year");
            }
            let children: Execution = oblast.children.iter().map(|c| c.execution).sum();
            assert_eq!(children, oblast.total, "the level below adds up");
            four += oblast.total;
        }
        assert_eq!(four, everything.total, "the four sources are the whole");
        // The demo plans more than the oblast budget: the filter does take something out.
        let oblast_budget = of_source(&head, "level=oblast", FundingSource::Oblast);
        assert!(oblast_budget.total.planned < everything.total.planned);
        assert!(!oblast_budget.total.executed.is_zero(), "the demo history spent oblast money");

        // A community and one of its measures: the same rule, and the trace follows it.
        let pid = Client::demo(&app, "community.pidhorodne").me().expect("me").user.org.expect("org").id;
        let mine: Vec<_> = all.iter().filter(|(m, _)| m.org.id == pid).collect();
        for source in FundingSource::ALL {
            let community = of_source(&head, &format!("level=community&id={pid}"), source);
            assert_eq!(community.total, cells(mine.iter().copied(), None, Some(source)));
            let traced: Amount = community.trace.iter()
                .filter(|t| t.stage == ReportStage::Approved).map(|t| t.executed).sum();
            assert_eq!(traced, community.total.executed, "{source:?}: the trace is of the source");
        }
        let (m, e) = mine.iter().find(|(_, e)| {
            e.cells.iter().map(|c| c.source).collect::<std::collections::HashSet<_>>().len() > 1
        }).or(mine.first()).expect("a measure");
        for source in FundingSource::ALL {
            let measure = of_source(&head, &format!("level=measure&id={}", m.id), source);
            let own: Execution = e.cells.iter().filter(|c| c.source == source).map(|c| c.execution).sum();
            assert_eq!(measure.total, own);
        }

        // An unknown source is refused with its own code, naming the parameter.
        let err = head.dashboard_query("level=oblast&source=gold").expect_err("gold");
        assert_eq!((err.status, err.code(), err.body.field.as_deref()),
                   (422, ErrorCode::SourceInvalid, Some("source")));
        // An empty one is all sources.
        let blank = head.dashboard_query("level=oblast&source=").expect("blank");
        assert_eq!(blank.total, everything.total);
    }
}

on_both! {
    fn the_document_generator_reads_the_same_figures_as_the_dashboard(kind) {
        let app = spawn_app(kind, true);
        let head = Client::demo(&app, "head");
        let y2026 = Year::new(2026).expect("year");
        let actor = Actor { id: UserId(0), name: "Керівник".into(), role: Role::ProgrammeHead, org: None };
        let state = &app.server.state;
        for source in [None, Some(FundingSource::Oblast), Some(FundingSource::Local)] {
            let query = source.map_or(String::new(), |s| format!("&source={}", s.as_str()));
            let dash = head.dashboard_query(&format!("level=oblast{query}")).expect("oblast");
            let f = execution_figures(state, &actor, Scope::Oblast, y2026, source).expect("figures");
            assert_eq!((f.year, f.source), (y2026, source));
            assert_eq!(f.total, year_row(&dash, y2026), "{source:?}");
            let dirs: Execution = f.directions.iter().map(|(_, e)| *e).sum();
            assert_eq!(dirs, f.total);
            let measures: Execution = f.measures.iter().map(|(_, e)| *e).sum();
            assert_eq!(measures, f.total, "the measures add up to the scope");
            for row in dash.execution.iter().filter(|r| r.year == y2026) {
                if let Some(d) = row.direction {
                    let mine = f.directions.iter().find(|(x, _)| *x == d).map(|(_, e)| *e);
                    assert_eq!(mine.unwrap_or_default(), row.execution);
                }
            }
        }
        // A district: the same figures as its dashboard row.
        let oblast = head.dashboard("oblast", None, None).expect("oblast");
        let district = oblast.children.iter().find(|c| c.level == DashboardLevel::District).expect("district");
        let d = OrgId(district.id);
        let f = execution_figures(state, &actor, Scope::District(d), y2026, Some(FundingSource::Oblast)).expect("district");
        let dash = head.dashboard_query(&format!("level=district&id={d}&source=oblast")).expect("district");
        assert_eq!(f.total, year_row(&dash, y2026));
        // Who may not see a level gets no figures; a scope that is no district is not found.
        let community = Client::demo(&app, "community.pidhorodne").me().expect("me").user;
        let coordinator = Actor {
            id: community.id,
            name: community.display_name.clone(),
            role: community.role,
            org: community.org.as_ref().map(|o| o.id),
        };
        let refused = execution_figures(state, &coordinator, Scope::Oblast, y2026, None).expect_err("oblast");
        assert_eq!(refused.code(), ErrorCode::Forbidden);
        let own = community.org.expect("org").id;
        assert!(execution_figures(state, &coordinator, Scope::Org(own), y2026, None).is_ok());
        let missing = execution_figures(state, &actor, Scope::District(own), y2026, None).expect_err("no district");
        assert_eq!(missing.code(), ErrorCode::NotFound);
    }
}
