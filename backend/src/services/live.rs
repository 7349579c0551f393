//! Live events within one process: a broadcast channel that writes publish to after they commit,
//! and that each open `GET /api/events` stream reads, filtered to what its user may see.

use shared::api::events::{LiveEvent, LiveEventKind};
use shared::{MeasureId, OrgId};
use tokio::sync::broadcast;

/// Events kept for slow readers before they start missing some (they then reload).
const BUFFER: usize = 1024;

pub struct LiveHub {
    sender: broadcast::Sender<LiveEvent>,
}

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub {
            sender: broadcast::channel(BUFFER).0,
        }
    }
}

impl LiveHub {
    pub fn publish(&self, kind: LiveEventKind, measure: i32, org: i32, by: &str) {
        // No receivers is not an error: nobody is watching.
        let _ = self.sender.send(LiveEvent {
            kind,
            measure_id: MeasureId(measure),
            org_id: OrgId(org),
            by: by.to_string(),
            at: crate::db::now_ms(),
        });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }
}
