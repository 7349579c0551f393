//! The programme's structure in memory: passport, envelope, directions, tasks and organisations.

use crate::db::{self, DbConn};
use anyhow::{anyhow, Result};
use shared::api::auth::OrgRef;
use shared::api::orgs::{OrgKind, SettlementKind};
use shared::api::programme::Passport;
use shared::{Amount, BudgetGrid, DirectionId, KatottgCode, OrgId, TaskCode, TaskId, Text};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct DirectionInfo {
    pub id: DirectionId,
    pub number: i32,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct TaskInfo {
    pub id: TaskId,
    pub direction_id: DirectionId,
    pub code: TaskCode,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct OrgInfo {
    pub id: OrgId,
    pub slug: String,
    pub code: Option<KatottgCode>,
    pub kind: OrgKind,
    pub name: Text,
    pub parent: Option<OrgId>,
    pub settlement_kind: Option<SettlementKind>,
    pub population: Option<i64>,
}

impl OrgInfo {
    pub fn to_ref(&self) -> OrgRef {
        OrgRef {
            id: self.id,
            kind: self.kind,
            name: self.name.clone(),
            parent: self.parent,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub passport: Passport,
    pub envelope: BudgetGrid,
    pub directions: Vec<DirectionInfo>,
    pub tasks: Vec<TaskInfo>,
    pub orgs: Vec<OrgInfo>,
    org_index: HashMap<OrgId, usize>,
    task_index: HashMap<TaskId, usize>,
}

pub use crate::db::{source as parse_source, year as parse_year};

/// Dnipropetrovsk oblast's KATOTTH code.
pub const OBLAST_CODE: &str = "UA12000000000090473";

impl Structure {
    pub fn load(conn: &mut DbConn) -> Result<Structure> {
        let p = db::programme::get(conn)?
            .ok_or_else(|| anyhow!("the programme has not been seeded"))?;
        let mut envelope = BudgetGrid::new();
        for row in db::programme::envelope(conn)? {
            envelope.add(
                parse_year(row.year)?,
                parse_source(&row.source)?,
                Amount::from_uah(row.amount_uah),
            );
        }
        let directions: Vec<DirectionInfo> = db::programme::directions(conn)?
            .into_iter()
            .map(|d| DirectionInfo {
                id: DirectionId(d.id),
                number: d.number,
                name: Text::new(d.name_uk, d.name_en),
            })
            .collect();
        let numbers: HashMap<i32, i32> = directions.iter().map(|d| (d.id.0, d.number)).collect();
        let mut tasks = Vec::new();
        for t in db::programme::tasks(conn)? {
            let direction = numbers
                .get(&t.direction_id)
                .ok_or_else(|| anyhow!("task {} without a direction", t.id))?;
            tasks.push(TaskInfo {
                id: TaskId(t.id),
                direction_id: DirectionId(t.direction_id),
                code: TaskCode {
                    direction: u8::try_from(*direction)?,
                    task: u8::try_from(t.number)?,
                },
                name: Text::new(t.name_uk, t.name_en),
            });
        }
        tasks.sort_by_key(|t| t.code);
        let mut orgs = Vec::new();
        for o in db::orgs::all(conn)? {
            orgs.push(OrgInfo {
                id: OrgId(o.id),
                slug: o.slug,
                code: o.code.as_deref().and_then(|c| KatottgCode::parse(c).ok()),
                kind: OrgKind::parse(&o.kind).ok_or_else(|| anyhow!("org kind {:?}", o.kind))?,
                name: Text::new(o.name_uk, o.name_en),
                parent: o.parent_id.map(OrgId),
                settlement_kind: o.settlement_kind.as_deref().and_then(SettlementKind::parse),
                population: o.population,
            });
        }
        let passport = Passport {
            name: Text::new(p.name_uk, p.name_en),
            region: Text::new(p.region_uk, p.region_en),
            region_code: KatottgCode::parse(&p.region_code)
                .map_err(|_| anyhow!("region code {:?}", p.region_code))?,
            decision: Text::new(p.decision_uk, p.decision_en),
            developer: Text::new(p.developer_uk, p.developer_en),
            head: Text::new(p.head_uk, p.head_en),
            start_year: parse_year(p.start_year)?,
            end_year: parse_year(p.end_year)?,
            total: envelope.total(),
        };
        Ok(Structure::new(passport, envelope, directions, tasks, orgs))
    }

    pub fn new(
        passport: Passport,
        envelope: BudgetGrid,
        directions: Vec<DirectionInfo>,
        tasks: Vec<TaskInfo>,
        orgs: Vec<OrgInfo>,
    ) -> Structure {
        let org_index = orgs.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        let task_index = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        Structure {
            passport,
            envelope,
            directions,
            tasks,
            orgs,
            org_index,
            task_index,
        }
    }

    /// The structure before the programme is seeded: no directions, tasks or organisations (the
    /// first start's seed runs through the same write path as everything else).
    pub fn unseeded() -> Result<Structure> {
        let year = |y| parse_year(y);
        let passport = Passport {
            name: Text::default(),
            region: Text::default(),
            region_code: KatottgCode::parse(OBLAST_CODE)
                .map_err(|e| anyhow!("the oblast's code: {e:?}"))?,
            decision: Text::default(),
            developer: Text::default(),
            head: Text::default(),
            start_year: year(2026)?,
            end_year: year(2028)?,
            total: Amount::ZERO,
        };
        Ok(Structure::new(
            passport,
            BudgetGrid::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ))
    }

    /// The oblast itself (whose draft the department writes).
    pub fn oblast(&self) -> Option<&OrgInfo> {
        self.orgs.iter().find(|o| o.kind == OrgKind::Oblast)
    }

    pub fn org(&self, id: OrgId) -> Option<&OrgInfo> {
        self.org_index.get(&id).map(|&i| &self.orgs[i])
    }

    pub fn task(&self, id: TaskId) -> Option<&TaskInfo> {
        self.task_index.get(&id).map(|&i| &self.tasks[i])
    }

    pub fn direction(&self, id: DirectionId) -> Option<&DirectionInfo> {
        self.directions.iter().find(|d| d.id == id)
    }

    /// The district an organisation rolls up to: itself for a district, its parent for a community.
    pub fn district_of(&self, id: OrgId) -> Option<OrgId> {
        let org = self.org(id)?;
        match org.kind {
            OrgKind::District => Some(org.id),
            OrgKind::Community => org.parent,
            OrgKind::Oblast | OrgKind::Executor => None,
        }
    }
}

/// A small structure for the application layer's unit tests: the oblast, one executor, two
/// districts with a community each.
#[cfg(test)]
pub mod testing {
    use super::*;
    use shared::Year;

    pub const OBLAST: OrgId = OrgId(1);
    pub const EXECUTOR: OrgId = OrgId(2);
    pub const DISTRICT: OrgId = OrgId(10);
    pub const COMMUNITY: OrgId = OrgId(11);
    pub const OTHER_DISTRICT: OrgId = OrgId(20);
    pub const OTHER_COMMUNITY: OrgId = OrgId(21);

    fn org(id: OrgId, kind: OrgKind, parent: Option<OrgId>) -> OrgInfo {
        OrgInfo {
            id,
            slug: format!("org-{id}"),
            code: None,
            kind,
            name: Text::new(format!("Організація {id}"), format!("Organisation {id}")),
            parent,
            settlement_kind: None,
            population: None,
        }
    }

    pub fn structure() -> Structure {
        let year = |y| Year::new(y).unwrap_or(Year::FIRST);
        let passport = Passport {
            name: Text::new("Програма", "Programme"),
            region: Text::new("Область", "Oblast"),
            region_code: KatottgCode::parse("UA12000000000090473")
                .unwrap_or_else(|e| panic!("{e:?}")),
            decision: Text::default(),
            developer: Text::default(),
            head: Text::default(),
            start_year: year(2026),
            end_year: year(2028),
            total: Amount::ZERO,
        };
        let orgs = vec![
            org(OBLAST, OrgKind::Oblast, None),
            org(EXECUTOR, OrgKind::Executor, None),
            org(DISTRICT, OrgKind::District, None),
            org(COMMUNITY, OrgKind::Community, Some(DISTRICT)),
            org(OTHER_DISTRICT, OrgKind::District, None),
            org(OTHER_COMMUNITY, OrgKind::Community, Some(OTHER_DISTRICT)),
        ];
        Structure::new(passport, BudgetGrid::new(), Vec::new(), Vec::new(), orgs)
    }
}
