//! `GET /api/events`: server-sent events of changes the user may see, as they commit.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::live::may_hear;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use futures_util::stream::{self, StreamExt};
use shared::api::endpoints as ep;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A comment line this often keeps proxies from closing an idle stream.
const HEARTBEAT: Duration = Duration::from_secs(20);

#[utoipa::path(get, path = ep::EVENTS.path, tag = "events",
    responses((status = 200, content_type = "text/event-stream",
    description = "`event: change` messages whose data is a LiveEvent; `: heartbeat` comments")))]
pub async fn subscribe(state: State, user: CurrentUser) -> AppResult<HttpResponse> {
    let receiver = state.live.subscribe();
    // Who may see what is decided against the programme's structure, loaded once here.
    let structure = call(&state, |app| app.read(|conn| app.structure(conn))).await?;
    let events = stream::unfold(
        (receiver, structure, user),
        |(mut rx, structure, user)| async move {
            loop {
                let next = tokio::time::timeout(HEARTBEAT, rx.recv()).await;
                let chunk = match next {
                    Err(_) => Some(": heartbeat\n\n".to_string()),
                    Ok(Ok(event)) => may_hear(user.actor(), &structure, &event).then(|| {
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
