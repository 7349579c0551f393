//! A coordinator's home page in one read: their organisation's measures, the next report to hand
//! in, the proposals waiting for them and the unread inbox (one request on a weak link).

use super::actor::Actor;
use super::error::AppResult;
use super::plan::snapshot::MeasureEntry;
use super::reports::{calendar::calendar_of, Ctx};
use super::{inbox, proposals, App};
use shared::api::home::{Home, HomeMeasure, HOME_INBOX_ITEMS};
use shared::api::measures::MeasureStatus;
use shared::api::proposals::ProposalFilter;
use shared::api::reports::ReportQuery;
use shared::calendar::{next_due, ReportStatus};

/// What waits for the signed-in user, read at once (not kept: the inbox moves on its own).
pub fn home(app: &App, actor: &Actor) -> AppResult<Home> {
    app.read(|conn| {
        let ctx = Ctx::load(conn, app)?;
        let structure = &ctx.structure;
        let org = actor.org.and_then(|o| structure.org(o));
        let mut own: Vec<&MeasureEntry> = match org {
            Some(org) => ctx
                .snapshot
                .measures
                .iter()
                .filter(|m| m.org_id == org.id && m.status != MeasureStatus::Withdrawn)
                .collect(),
            None => Vec::new(),
        };
        own.sort_by_key(|m| (structure.task(m.task_id).map(|t| t.code), m.id));
        let measures = own
            .into_iter()
            .map(|m| HomeMeasure {
                id: m.id,
                name: m.name.clone(),
                status: m.status,
                start_year: m.start_year,
                end_year: m.end_year,
                total: m.grid.total(),
            })
            .collect();
        let next_report = match org {
            Some(org) if actor.can_see_reports_of(structure, org.id) => {
                let query = ReportQuery {
                    org: Some(org.id),
                    ..ReportQuery::default()
                };
                let mut rows = calendar_of(conn, &ctx, actor, &query)?.rows;
                let statuses: Vec<ReportStatus> = rows.iter().map(|r| r.status).collect();
                next_due(&statuses, ctx.today).map(|i| rows.swap_remove(i))
            }
            _ => None,
        };
        let waiting = ProposalFilter {
            waiting_for_me: Some(true),
            ..ProposalFilter::default()
        };
        let proposals_waiting = proposals::list_in(conn, structure, actor, &waiting)?;
        let all = inbox::load(conn, structure, actor)?;
        Ok(Home {
            today: ctx.today,
            org: org.map(|o| o.to_ref()),
            measures,
            next_report,
            proposals_waiting,
            unread: all.unread,
            inbox: all
                .items
                .into_iter()
                .filter(|n| !n.read)
                .take(HOME_INBOX_ITEMS)
                .collect(),
        })
    })
}
