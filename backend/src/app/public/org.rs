//! One organisation on the open portal: its figures, the organisation above it and, for a
//! community or district, the local informatization programme its council adopted.
//!
//! What counts as final: a programme approved or expired, with the council's decision and its
//! date (the database requires them of an approved one). A draft has no decision yet; a
//! cancelled one was revoked or abandoned: neither is published.

use super::{board, org_of, org_ref, publish, Published};
use crate::app::error::AppResult;
use crate::app::local_programmes::{self, Recorded};
use crate::app::plan::structure::Structure;
use crate::app::App;
use shared::api::local_programmes::{in_force, LocalProgrammeStatus};
use shared::api::orgs::OrgKind;
use shared::api::public::{PublicLocalProgramme, PublicOrgDetail, PublicTaskRef};
use shared::{Date, ErrorCode, OrgId};

/// The programme as published, if its council adopted it.
fn adopted(structure: &Structure, rec: Recorded, today: Date) -> Option<PublicLocalProgramme> {
    let p = rec.programme;
    if !matches!(
        p.status,
        LocalProgrammeStatus::Approved | LocalProgrammeStatus::Expired
    ) || p.decision.trim().is_empty()
    {
        return None;
    }
    Some(PublicLocalProgramme {
        in_force: in_force(&p, today),
        decision_date: p.decision_date?,
        tasks: p
            .tasks
            .iter()
            .filter_map(|t| structure.task(*t))
            .map(|t| PublicTaskRef {
                id: t.id,
                code: t.code.to_string(),
                name: t.name.clone(),
            })
            .collect(),
        title: p.title,
        decision: p.decision,
        first_year: p.first_year,
        last_year: p.last_year,
        status: p.status,
        envelope: p.envelope,
        is_demo: rec.is_demo,
    })
}

/// `GET /api/public/orgs/{org}` (404 for an organisation that does not exist).
pub fn org(app: &App, id: OrgId) -> AppResult<Published> {
    publish(app, &format!("public/org/{}", id.0), |app| {
        let board = board(app)?;
        let structure = &board.snapshot().structure;
        let info = structure.org(id).ok_or(ErrorCode::NotFound)?;
        let local_programme = match info.kind {
            OrgKind::Community | OrgKind::District => app
                .read(|conn| local_programmes::load_one(conn, id))?
                .and_then(|rec| adopted(structure, rec, board.today())),
            _ => None,
        };
        Ok(PublicOrgDetail {
            org: org_of(&board, info),
            parent_org: info.parent.and_then(|p| structure.org(p)).map(org_ref),
            local_programme,
        })
    })
}
