//! What every document is made from: the scope the user may produce it for, the plan and the dashboard's board (one computation of every figure), the approved reports' texts and the state of the reports behind a period.

use super::model::{Cell, Row, RowStyle, Signature};
use super::present::{self, pick};
use crate::app::actor::Actor;
use crate::app::dashboard::{self, Board};
use crate::app::error::{AppError, AppResult};
use crate::app::plan::snapshot::MeasureEntry;
use crate::app::plan::structure::{OrgInfo, Structure};
use crate::app::reports::{self, Ctx};
use crate::app::App;
use crate::db::{self, DbConn};
use shared::api::auth::OrgRef;
use shared::api::dashboard::{Dashboard, DashboardQuery};
use shared::api::documents::{DataState, DocumentKind, PendingReport};
use shared::api::measures::MeasureStatus;
use shared::api::orgs::OrgKind;
use shared::api::reports::{ExecutionStatus, ReportQuery, ReportStage};
use shared::calendar::{Date, ReportPeriod};
use shared::execution::Execution;
use shared::{ErrorCode, FundingSource, Lang, MeasureId, OrgId, Quarter, Text, Year};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The organisations a document covers.
#[derive(Debug, Clone)]
pub struct Scope {
    /// `None`: the whole oblast.
    pub org: Option<OrgInfo>,
    /// Every organisation covered (a district: itself and its communities).
    pub orgs: HashSet<OrgId>,
    pub name: Text,
}

impl Scope {
    pub fn is_single(&self) -> bool {
        self.org
            .as_ref()
            .is_some_and(|o| o.kind != OrgKind::District)
    }

    pub fn covers(&self, org: OrgId) -> bool {
        self.orgs.contains(&org)
    }

    pub fn org_ref(&self) -> OrgRef {
        match &self.org {
            Some(o) => o.to_ref(),
            None => OrgRef {
                id: OrgId(0),
                kind: OrgKind::Oblast,
                name: self.name.clone(),
                parent: None,
            },
        }
    }

    /// The dashboard's query for this scope at a quarter.
    fn dashboard_query(&self, quarter: Quarter, source: Option<FundingSource>) -> DashboardQuery {
        let (level, id) = match &self.org {
            None => ("oblast", None),
            Some(o) if o.kind == OrgKind::District => ("district", Some(o.id.0)),
            Some(o) => ("community", Some(o.id.0)),
        };
        DashboardQuery {
            level: Some(level.to_string()),
            id,
            quarter: Some(quarter.to_string()),
            source: source.map(|s| s.as_str().to_string()),
        }
    }
}

/// The approved report texts of one measure.
#[derive(Debug, Clone, Default)]
pub struct MeasureTexts {
    pub status: Option<ExecutionStatus>,
    /// The annual report's results achieved (the narrative).
    pub narrative: String,
    /// The annual report's reasons for non-execution.
    pub reasons: String,
}

/// Everything a document reads, at one moment.
pub struct Facts<'a> {
    pub app: &'a App,
    pub actor: &'a Actor,
    pub ctx: Ctx,
    pub board: Arc<Board>,
    pub scope: Scope,
    pub source: Option<FundingSource>,
    /// The plan version the figures come from.
    pub plan_version: i32,
    /// Whether the signature names the signer: not on a published copy (the open portal names
    /// no person; the position stays).
    pub signer_named: bool,
}

impl<'a> Facts<'a> {
    pub fn load(
        conn: &mut DbConn,
        app: &'a App,
        actor: &'a Actor,
        org: Option<OrgId>,
        source: Option<FundingSource>,
    ) -> AppResult<Facts<'a>> {
        let ctx = Ctx::load(conn, app)?;
        let board = app.dashboards.board(conn, app)?;
        let scope = scope_of(&ctx.structure, actor, org)?;
        let plan_version = db::versions::current(conn)?;
        Ok(Facts {
            app,
            actor,
            ctx,
            board,
            scope,
            source,
            plan_version,
            signer_named: true,
        })
    }

    pub fn structure(&self) -> &Structure {
        &self.ctx.structure
    }

    pub fn today(&self) -> Date {
        self.ctx.today
    }

    /// The latest ended quarter (the first one before any has ended).
    pub fn default_quarter(&self) -> ReportPeriod {
        ReportPeriod::Quarter(self.board.default_quarter())
    }

    /// The scopes the user may choose: the oblast (if allowed), then the organisations they see.
    pub fn scopes(&self, actor: &Actor) -> Vec<OrgRef> {
        let s = self.structure();
        let mut out = Vec::new();
        if actor.can_see_oblast_dashboard() {
            out.push(oblast_scope(s).org_ref());
        }
        for kind in [OrgKind::District, OrgKind::Community, OrgKind::Executor] {
            out.extend(
                s.orgs
                    .iter()
                    .filter(|o| o.kind == kind && actor.can_see_reports_of(s, o.id))
                    .map(OrgInfo::to_ref),
            );
        }
        out
    }

    /// `III квартал 2026 року`, `2026 рік`, `2026–2028 роки`.
    pub fn period_label(&self, kind: DocumentKind, period: ReportPeriod) -> Text {
        if kind == DocumentKind::Final {
            return Text::new(
                format!("{}–{} роки", Year::FIRST, Year::LAST),
                format!("{}–{}", Year::FIRST, Year::LAST),
            );
        }
        period_label(period)
    }

    /// The approved measures of the scope running in `years`, in the plan's order (direction,
    /// task, organisation, id).
    pub fn measures(&self, years: &[Year]) -> Vec<&MeasureEntry> {
        let s = self.structure();
        let mut list: Vec<&MeasureEntry> = self
            .ctx
            .snapshot
            .measures
            .iter()
            .filter(|m| {
                m.status == MeasureStatus::Approved
                    && self.scope.covers(m.org_id)
                    && years.iter().any(|y| m.start_year <= *y && *y <= m.end_year)
            })
            .collect();
        list.sort_by_key(|m| {
            let task = s.task(m.task_id);
            (
                task.and_then(|t| s.direction(t.direction_id))
                    .map(|d| d.number),
                task.map(|t| t.code),
                m.id,
            )
        });
        list
    }

    /// A measure's three layers for a year and source (all sources, or the one asked for).
    pub fn execution(&self, m: &MeasureEntry, year: Year, source: FundingSource) -> Execution {
        if self.source.is_some_and(|s| s != source) {
            return Execution::default();
        }
        self.board
            .measure_cells(m)
            .into_iter()
            .find(|c| c.year == year && c.source == source)
            .map(|c| c.execution)
            .unwrap_or_default()
    }

    /// A measure's three layers for a year over the sources counted.
    pub fn year_execution(&self, m: &MeasureEntry, year: Year) -> Execution {
        self.board
            .measure_cells(m)
            .into_iter()
            .filter(|c| c.year == year && self.source.is_none_or(|s| s == c.source))
            .map(|c| c.execution)
            .sum()
    }

    /// The sources counted.
    pub fn sources(&self) -> Vec<FundingSource> {
        match self.source {
            Some(s) => vec![s],
            None => FundingSource::ALL.to_vec(),
        }
    }

    /// The dashboard of the scope at a quarter: indicators, execution, compliance as shown there.
    pub fn dashboard(&self, quarter: Quarter) -> AppResult<Dashboard> {
        let query = self.scope.dashboard_query(quarter, self.source);
        let json = dashboard::answer(&self.board, self.actor, &query)?;
        serde_json::from_slice(&json).map_err(AppError::internal)
    }

    /// Statuses and narratives of the department-approved reports of a period, per measure.
    pub fn texts(
        &self,
        conn: &mut DbConn,
        period: ReportPeriod,
    ) -> AppResult<HashMap<MeasureId, MeasureTexts>> {
        let mut out = HashMap::new();
        for r in db::reports::list(conn, Some(&period.to_string()), None)? {
            if r.stage != ReportStage::Approved.as_str() || !self.scope.covers(OrgId(r.org_id)) {
                continue;
            }
            for m in db::reports::measures_of(conn, r.id)? {
                out.insert(
                    MeasureId(m.measure_id),
                    MeasureTexts {
                        status: m.status.as_deref().and_then(ExecutionStatus::parse),
                        narrative: m.narrative,
                        reasons: m.reasons,
                    },
                );
            }
        }
        Ok(out)
    }

    /// The executors' comments on indicator values in the approved reports of a period.
    pub fn value_comments(
        &self,
        conn: &mut DbConn,
        period: ReportPeriod,
    ) -> AppResult<HashMap<shared::IndicatorId, Vec<String>>> {
        let mut out: HashMap<shared::IndicatorId, Vec<String>> = HashMap::new();
        for r in db::reports::list(conn, Some(&period.to_string()), None)? {
            if r.stage != ReportStage::Approved.as_str() || !self.scope.covers(OrgId(r.org_id)) {
                continue;
            }
            let org = self.org_name(OrgId(r.org_id), Lang::Uk);
            for v in db::reports::values_of(conn, r.id)? {
                if !v.comment.trim().is_empty() {
                    out.entry(shared::IndicatorId(v.indicator_id))
                        .or_default()
                        .push(format!("{org}: {}", v.comment.trim()));
                }
            }
        }
        Ok(out)
    }

    pub fn org_name(&self, org: OrgId, lang: Lang) -> String {
        self.structure()
            .org(org)
            .map(|o| o.name.get(lang).to_string())
            .unwrap_or_default()
    }

    /// The reports a document of `kind` for `period` rests on, and where they stand.
    pub fn data_state(&self, kind: DocumentKind, period: ReportPeriod) -> AppResult<DataState> {
        let periods: Vec<ReportPeriod> = match kind {
            DocumentKind::Quarterly | DocumentKind::Report => vec![period],
            DocumentKind::Annual | DocumentKind::Results => ReportPeriod::all()
                .into_iter()
                .filter(|p| p.year() == period.year())
                .collect(),
            DocumentKind::Final => ReportPeriod::all()
                .into_iter()
                .filter(|p| p.is_annual())
                .collect(),
        };
        let mut state = DataState::default();
        for p in periods {
            let query = ReportQuery {
                period: Some(p.to_string()),
                org: None,
            };
            let json = reports::calendar::calendar(self.app, self.actor, &query)?;
            let calendar: shared::api::reports::ReportCalendar =
                serde_json::from_slice(&json).map_err(AppError::internal)?;
            for row in calendar.rows {
                if !self.scope.covers(row.org.id) {
                    continue;
                }
                state.expected += 1;
                let pending = PendingReport {
                    org: row.org.clone(),
                    period: row.period,
                    due: row.status.due,
                    stage: row.stage,
                };
                match row.stage {
                    Some(ReportStage::Approved) => state.approved += 1,
                    _ if !row.period.has_ended(self.today()) => state.not_due += 1,
                    Some(_) => state.unapproved.push(pending),
                    None => state.missing.push(pending),
                }
            }
        }
        Ok(state)
    }

    /// The line under every page: when, from which plan version, how many reports approved.
    pub fn basis(&self, state: &DataState, lang: Lang) -> String {
        let date = present::date(self.today(), lang);
        let source = self
            .source
            .map(|s| format!(" · {}", s.label().get(lang)))
            .unwrap_or_default();
        match lang {
            Lang::Uk => format!(
                "Сформовано в Обрії {date} · версія плану № {} · звітів затверджено {} з {}{source}",
                self.plan_version, state.approved, state.expected
            ),
            Lang::En => format!(
                "Made in Obriy on {date} · plan version {} · reports approved {} of {}{source}",
                self.plan_version, state.approved, state.expected
            ),
        }
    }

    /// The draft mark, when reports are missing or unapproved.
    pub fn draft_mark(&self, state: &DataState, lang: Lang) -> Option<String> {
        if state.is_complete() {
            return None;
        }
        if state.missing.is_empty() && state.unapproved.is_empty() {
            return Some(pick(
                lang,
                "ПРОЄКТ: звітний період ще не завершено",
                "DRAFT: the period is not over yet",
            ));
        }
        Some(match lang {
            Lang::Uk => format!(
                "ПРОЄКТ: звітів відсутні — {}, не затверджені — {}",
                state.missing.len(),
                state.unapproved.len()
            ),
            Lang::En => format!(
                "DRAFT: reports missing {}, not approved {}",
                state.missing.len(),
                state.unapproved.len()
            ),
        })
    }

    /// The table of missing and unapproved reports that closes a draft document.
    pub fn pending_rows(&self, state: &DataState, lang: Lang) -> Vec<Row> {
        let missing = pick(lang, "не подано", "not submitted");
        state
            .missing
            .iter()
            .chain(&state.unapproved)
            .map(|p| {
                Row::new(
                    RowStyle::Item,
                    vec![
                        Cell::text(p.org.name.get(lang)),
                        Cell::text(period_label(p.period).get(lang)),
                        Cell::Date(p.due),
                        Cell::text(
                            p.stage
                                .map_or(missing.clone(), |s| s.label().get(lang).to_string()),
                        ),
                    ],
                )
            })
            .collect()
    }

    /// The signature block: the user who made the document, with their organisation.
    pub fn signature(&self, lang: Lang) -> Signature {
        let org = self
            .actor
            .org
            .map(|o| self.org_name(o, lang))
            .unwrap_or_default();
        let role = self.actor.role.label();
        Signature {
            position: if org.is_empty() {
                role.get(lang).to_string()
            } else {
                format!("{}\n{org}", role.get(lang))
            },
            name: if self.signer_named {
                self.actor.name.clone()
            } else {
                String::new()
            },
        }
    }

    /// The scope as the document's subtitle names it.
    pub fn scope_name(&self, lang: Lang) -> String {
        self.scope.name.get(lang).to_string()
    }

    /// The source counted, for the subtitle.
    pub fn source_note(&self, lang: Lang) -> String {
        match self.source {
            Some(s) => format!(
                "{}: {}",
                pick(lang, "джерело фінансування", "funding source"),
                s.label().get(lang)
            ),
            None => pick(lang, "усі джерела фінансування", "all funding sources"),
        }
    }
}

/// `III квартал 2026 року` / `Q3 2026`; `2026 рік` / `2026`.
pub fn period_label(period: ReportPeriod) -> Text {
    match period {
        ReportPeriod::Quarter(q) => {
            let roman = ["I", "II", "III", "IV"][usize::from(q.quarter.clamp(1, 4)) - 1];
            Text::new(
                format!("{roman} квартал {} року", q.year),
                format!("Q{} {}", q.quarter, q.year),
            )
        }
        ReportPeriod::Annual { year } => Text::new(format!("{year} рік"), year.to_string()),
    }
}

fn oblast_scope(s: &Structure) -> Scope {
    Scope {
        org: None,
        orgs: s.orgs.iter().map(|o| o.id).collect(),
        name: s.passport.region.clone(),
    }
}

/// The scope asked for, if the user may produce documents for it: absent — the oblast for the
/// department, the head and the administrator, the user's own organisation for a coordinator.
fn scope_of(s: &Structure, actor: &Actor, org: Option<OrgId>) -> AppResult<Scope> {
    let org = match org {
        Some(o) => Some(o),
        None if actor.can_see_oblast_dashboard() => None,
        None => Some(actor.org.ok_or(ErrorCode::Forbidden)?),
    };
    let Some(id) = org else {
        return Ok(oblast_scope(s));
    };
    let info = s
        .org(id)
        .ok_or(AppError::field(ErrorCode::NotFound, "org"))?;
    if info.kind == OrgKind::Oblast {
        if !actor.can_see_oblast_dashboard() {
            return Err(ErrorCode::Forbidden.into());
        }
        return Ok(oblast_scope(s));
    }
    if !actor.can_see_reports_of(s, id) {
        return Err(ErrorCode::Forbidden.into());
    }
    let orgs = s
        .orgs
        .iter()
        .filter(|o| o.id == id || (info.kind == OrgKind::District && o.parent == Some(id)))
        .map(|o| o.id)
        .collect();
    Ok(Scope {
        org: Some(info.clone()),
        orgs,
        name: info.name.clone(),
    })
}
