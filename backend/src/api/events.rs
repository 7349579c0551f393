//! `GET /api/events`: server-sent events of changes the user may see, as they commit.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::accounts;
use crate::app::error::AppResult;
use crate::app::live::may_hear;
use crate::app::live::Ended;
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
    let ended = state.live.ended();
    // Who may see what is decided against the programme's structure, loaded once here.
    let structure = call(&state, |app| app.read(|conn| app.structure(conn))).await?;
    let stream = Stream {
        state,
        user,
        structure,
        events: receiver,
        ended,
    };
    let events = futures_util::stream::unfold(stream, |mut s| async move {
        let text = s.next().await?;
        Some((Ok::<_, actix_web::Error>(Bytes::from(text)), s))
    });
    let hello =
        stream::once(async { Ok::<_, actix_web::Error>(Bytes::from_static(b": connected\n\n")) });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(hello.chain(events)))
}

/// One open stream: what it reads, and whose it is.
struct Stream {
    state: State,
    user: CurrentUser,
    structure: std::sync::Arc<crate::app::plan::structure::Structure>,
    events: tokio::sync::broadcast::Receiver<shared::api::events::LiveEvent>,
    ended: tokio::sync::broadcast::Receiver<Ended>,
}

impl Stream {
    /// The next message to send, or `None` when the stream ends: its session ended (signed out
    /// or the account disabled, heard at once; or found gone at a heartbeat, if a process missed
    /// the notice), or the server is stopping.
    async fn next(&mut self) -> Option<String> {
        loop {
            tokio::select! {
                event = self.events.recv() => match event {
                    Ok(event) => {
                        if may_hear(self.user.actor(), &self.structure, &event) {
                            let data = serde_json::to_string(&event).unwrap_or_default();
                            return Some(format!("event: change\ndata: {data}\n\n"));
                        }
                    }
                    // Too slow: tell the page to reload what it shows.
                    Err(RecvError::Lagged(_)) => return Some("event: reload\ndata: {}\n\n".into()),
                    Err(RecvError::Closed) => return None,
                },
                ended = self.ended.recv() => match ended {
                    Ok(Ended::Session(hash)) if hash == self.user.0.token_hash => return None,
                    Ok(Ended::User(id)) if id == self.user.actor().id.0 => return None,
                    Ok(_) | Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                },
                () = tokio::time::sleep(HEARTBEAT) => {
                    let hash = self.user.0.token_hash.clone();
                    let alive = call(&self.state, move |app| accounts::session_alive(app, &hash)).await;
                    return match alive {
                        Ok(false) => None,
                        _ => Some(": heartbeat\n\n".into()),
                    };
                }
            }
        }
    }
}
