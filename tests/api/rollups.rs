//! `/api/rollups/*`: every level equals an independent sum of generated measures.

use obriy_tests::data::Generator;
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::measures::MeasureInput;
use shared::api::orgs::OrgKind;
use shared::api::rollup::RollupLevel;
use shared::{BudgetGrid, GridCell};
use std::collections::HashMap;

fn grid(inputs: &[&MeasureInput]) -> BudgetGrid {
    inputs
        .iter()
        .flat_map(|m| m.budget_lines.iter())
        .map(|l| GridCell {
            year: l.year,
            source: l.source,
            amount: l.amount,
        })
        .collect()
}

on_both! {
    fn rollups_equal_independent_sums(kind) {
        // No demo plan: the database holds exactly what this test creates.
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        // Clear the approved demo plan through one proposal: withdraw every measure.
        let existing = c.plan(&Default::default()).expect("plan");
        let mut seen = None;
        for d in &existing.directions {
            for t in &d.tasks {
                for m in &t.measures {
                    let after = c.propose_withdrawal(m.id, seen).expect("withdraw the demo measure");
                    seen = after.draft.map(|d| d.proposal_version);
                }
            }
        }
        let programme = c.programme().expect("p");
        let orgs = c.orgs().expect("orgs");
        let mut gen = Generator::new(7, &programme, &orgs);
        let inputs: Vec<MeasureInput> = (0..60).map(|n| gen.measure(n)).collect();
        for input in &inputs {
            c.create_measure(input).expect("create");
        }
        let draft = c.my_draft().expect("draft").expect("the department's draft");
        let submitted = c.step(&draft, "submit").expect("submit");
        // Sixty generated measures may go beyond the envelope: confirmed with a reason.
        let decided = c.approve_all_beyond_envelope(&submitted, "Згенеровані заходи для перевірки сум").expect("approve every line");
        assert_eq!(decided.summary.state, shared::api::proposals::ProposalState::Decided);
        let all: Vec<&MeasureInput> = inputs.iter().collect();

        let prog = c.rollup(RollupLevel::Programme).expect("programme");
        assert_eq!(prog.rows[0].totals, grid(&all));
        assert_eq!(prog.rows[0].measure_count, 60);

        let task_dir: HashMap<_, _> = programme.directions.iter().flat_map(|d| d.tasks.iter().map(move |t| (t.id, d.id))).collect();
        for row in c.rollup(RollupLevel::Task).expect("task").rows {
            let mine: Vec<_> = all.iter().copied().filter(|m| m.task_id.0 == row.id).collect();
            assert_eq!(row.totals, grid(&mine), "task {}", row.id);
            assert_eq!(row.measure_count as usize, mine.len());
        }
        for row in c.rollup(RollupLevel::Direction).expect("direction").rows {
            let mine: Vec<_> = all.iter().copied().filter(|m| task_dir[&m.task_id].0 == row.id).collect();
            assert_eq!(row.totals, grid(&mine), "direction {}", row.id);
        }
        for row in c.rollup(RollupLevel::Org).expect("org").rows {
            let mine: Vec<_> = all.iter().copied().filter(|m| m.org_id.0 == row.id).collect();
            assert_eq!(row.totals, grid(&mine), "org {}", row.id);
        }
        let parent: HashMap<_, _> = orgs.iter().map(|o| (o.id, o.parent)).collect();
        let districts = c.rollup(RollupLevel::District).expect("district").rows;
        assert_eq!(districts.len(), orgs.iter().filter(|o| o.kind == OrgKind::District).count());
        for row in districts {
            let mine: Vec<_> = all
                .iter()
                .copied()
                .filter(|m| m.org_id.0 == row.id || parent[&m.org_id].is_some_and(|p| p.0 == row.id))
                .collect();
            assert_eq!(row.totals, grid(&mine), "district {}", row.id);
        }
        // The envelope comparison is the passport minus the same sums.
        for cell in &prog.envelope {
            let allocated = grid(&all).get(cell.year, cell.source);
            assert_eq!(cell.allocated, allocated);
            assert_eq!(cell.remaining, cell.envelope.decimal() - allocated.decimal());
            assert_eq!(cell.over_allocated, cell.has_envelope && cell.remaining.is_sign_negative() && !cell.remaining.is_zero());
        }
        let unknown = c.get::<serde_json::Value>("/api/rollups/planet").expect_err("level");
        assert_eq!(unknown.status, 404);
    }
}
