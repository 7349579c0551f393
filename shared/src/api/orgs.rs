//! Organisations and the territory: the oblast, its districts and communities, and oblast executors.

use crate::codes::KatottgCode;
use crate::grid::BudgetGrid;
use crate::ids::OrgId;
use crate::text::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Oblast,
    District,
    Community,
    /// An oblast-level executor: the department, КП "ГІКНВЦ" ДОР, a structural unit of the ОДА.
    Executor,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Oblast => "oblast",
            OrgKind::District => "district",
            OrgKind::Community => "community",
            OrgKind::Executor => "executor",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        [
            OrgKind::Oblast,
            OrgKind::District,
            OrgKind::Community,
            OrgKind::Executor,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            OrgKind::Oblast => Text::new("Область", "Oblast"),
            OrgKind::District => Text::new("Район", "District"),
            OrgKind::Community => Text::new("Громада", "Community"),
            OrgKind::Executor => Text::new("Обласний виконавець", "Oblast executor"),
        }
    }
}

/// Urban, settlement or rural community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SettlementKind {
    Urban,
    Settlement,
    Rural,
}

impl SettlementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementKind::Urban => "urban",
            SettlementKind::Settlement => "settlement",
            SettlementKind::Rural => "rural",
        }
    }

    pub fn parse(s: &str) -> Option<SettlementKind> {
        [
            SettlementKind::Urban,
            SettlementKind::Settlement,
            SettlementKind::Rural,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> Text {
        match self {
            SettlementKind::Urban => Text::new("міська", "urban"),
            SettlementKind::Settlement => Text::new("селищна", "settlement"),
            SettlementKind::Rural => Text::new("сільська", "rural"),
        }
    }
}

/// One organisation with its planned measures. `GET /api/orgs` lists them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    pub id: OrgId,
    pub code: Option<KatottgCode>,
    pub kind: OrgKind,
    pub name: Text,
    pub parent: Option<OrgId>,
    pub settlement_kind: Option<SettlementKind>,
    /// Present population on 1 Jan 2022 (indicative).
    pub population: Option<i64>,
    /// The organisation's own measures.
    pub measure_count: i64,
    pub totals: BudgetGrid,
    /// For a district: its own measures plus its communities'.
    pub with_children: Option<ChildrenRollup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildrenRollup {
    pub measure_count: i64,
    pub totals: BudgetGrid,
}
