//! Data for tests and benchmarks: measure builders and a generator of random plans.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use shared::api::measures::{BudgetLine, MeasureInput};
use shared::api::orgs::{OrgKind, OrgSummary};
use shared::api::programme::ProgrammeOverview;
use shared::{Amount, FundingSource, OrgId, TaskId, Text, Year};

pub fn year(y: i32) -> Year {
    Year::new(y).unwrap_or_else(|e| panic!("{e}"))
}

pub fn amount(s: &str) -> Amount {
    Amount::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A valid measure with the given lines (years taken from the lines).
pub fn measure(
    task: TaskId,
    org: OrgId,
    name: &str,
    lines: &[(i32, FundingSource, &str)],
) -> MeasureInput {
    let start = lines.iter().map(|l| l.0).min().unwrap_or(2026);
    let end = lines.iter().map(|l| l.0).max().unwrap_or(2028);
    MeasureInput {
        task_id: task,
        org_id: org,
        name: Text::new(name, ""),
        description: String::new(),
        expected_result: String::new(),
        start_year: year(start),
        end_year: year(end),
        budget_lines: lines
            .iter()
            .map(|(y, s, a)| BudgetLine {
                year: year(*y),
                source: *s,
                amount: amount(a),
            })
            .collect(),
    }
}

/// Finds an organisation by its KATOTTH code or slug-like name.
pub fn org_by_code(orgs: &[OrgSummary], code: &str) -> OrgId {
    orgs.iter()
        .find(|o| o.code.as_ref().is_some_and(|c| c.as_str() == code))
        .map(|o| o.id)
        .unwrap_or_else(|| panic!("no org {code}"))
}

pub fn first_task(p: &ProgrammeOverview) -> TaskId {
    p.directions[0].tasks[0].id
}

/// Random measures over the given tasks and plannable organisations, reproducible by seed.
pub struct Generator {
    rng: StdRng,
    tasks: Vec<TaskId>,
    orgs: Vec<OrgId>,
}

impl Generator {
    pub fn new(seed: u64, programme: &ProgrammeOverview, orgs: &[OrgSummary]) -> Generator {
        Generator {
            rng: StdRng::seed_from_u64(seed),
            tasks: programme
                .directions
                .iter()
                .flat_map(|d| d.tasks.iter().map(|t| t.id))
                .collect(),
            orgs: orgs
                .iter()
                .filter(|o| o.kind != OrgKind::Oblast)
                .map(|o| o.id)
                .collect(),
        }
    }

    pub fn org(&mut self) -> OrgId {
        self.orgs[self.rng.gen_range(0..self.orgs.len())]
    }

    /// A measure of a random task and organisation with 1–12 lines of up to three decimals.
    pub fn measure(&mut self, n: usize) -> MeasureInput {
        let org = self.org();
        self.measure_for(n, org)
    }

    pub fn measure_for(&mut self, n: usize, org: OrgId) -> MeasureInput {
        let task = self.tasks[self.rng.gen_range(0..self.tasks.len())];
        let start = self.rng.gen_range(2026..=2028);
        let end = self.rng.gen_range(start..=2028);
        let mut lines = Vec::new();
        for y in start..=end {
            for s in FundingSource::ALL {
                if self.rng.gen_bool(0.5) {
                    let uah: i64 = self.rng.gen_range(0..50_000_000);
                    lines.push(BudgetLine {
                        year: year(y),
                        source: s,
                        amount: Amount::from_uah(uah),
                    });
                }
            }
        }
        MeasureInput {
            task_id: task,
            org_id: org,
            name: Text::new(format!("Захід {n}"), format!("Measure {n}")),
            description: format!("Опис заходу {n}"),
            expected_result: String::new(),
            start_year: year(start),
            end_year: year(end),
            budget_lines: lines,
        }
    }
}
