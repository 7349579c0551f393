//! `GET /api/events`: server-sent events of changes the user may see, as they commit.

use crate::error::ApiResult;
use crate::extract::CurrentUser;
use crate::services::structure::Structure;
use crate::state::{db as run_db, State};
use actix_web::web::Bytes;
use actix_web::{get, HttpResponse};
use futures_util::stream::{self, StreamExt};
use shared::api::events::LiveEvent;
use shared::api::proposals::ProposalState;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A comment line this often keeps proxies from closing an idle stream.
const HEARTBEAT: Duration = Duration::from_secs(20);

#[utoipa::path(tag = "events", responses((status = 200, content_type = "text/event-stream",
    description = "`event: change` messages whose data is a LiveEvent; `: heartbeat` comments")))]
#[get("/events")]
pub async fn subscribe(state: State, user: CurrentUser) -> ApiResult<HttpResponse> {
    let receiver = state.live.subscribe();
    // Who may see what is decided against the programme's structure, loaded once here.
    let structure = run_db(&state, |conn, st| st.structure(conn)).await?;
    let events = stream::unfold(
        (receiver, structure, user),
        |(mut rx, structure, user)| async move {
            loop {
                let next = tokio::time::timeout(HEARTBEAT, rx.recv()).await;
                let chunk = match next {
                    Err(_) => Some(": heartbeat\n\n".to_string()),
                    Ok(Ok(event)) => may_hear(&user, &structure, &event).then(|| {
                        let data = serde_json::to_string(&event).unwrap_or_default();
                        format!("event: change\ndata: {data}\n\n")
                    }),
                    // Too slow: tell the page to reload what it shows.
                    Ok(Err(RecvError::Lagged(_))) => {
                        Some("event: reload\ndata: {}\n\n".to_string())
                    }
                    Ok(Err(RecvError::Closed)) => return None,
                };
                if let Some(text) = chunk {
                    return Some((
                        Ok::<_, actix_web::Error>(Bytes::from(text)),
                        (rx, structure, user),
                    ));
                }
            }
        },
    );
    let hello =
        stream::once(async { Ok::<_, actix_web::Error>(Bytes::from_static(b": connected\n\n")) });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(hello.chain(events)))
}

/// Events about reports follow the report's visibility, about proposals the proposal's; the rest,
/// the measure's.
fn may_hear(user: &CurrentUser, structure: &Structure, event: &LiveEvent) -> bool {
    if event.period.is_some() {
        if event.draft {
            user.actor.can_write_report(structure, event.org_id)
        } else {
            user.actor.can_see_reports_of(structure, event.org_id)
        }
    } else if event.proposal_id.is_some() {
        let state = if event.draft {
            ProposalState::Draft
        } else {
            ProposalState::InReview
        };
        user.actor.can_see_proposal(structure, event.org_id, state)
    } else {
        user.actor.can_read_org(structure, event.org_id)
    }
}
