//! Live events (`GET /api/events`, server-sent events): what changed, where, and who changed it.

use crate::ids::{MeasureId, OrgId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveEventKind {
    MeasureCreated,
    MeasureUpdated,
    MeasureDeleted,
    CommentAdded,
    /// Someone opened or left the measure, or started or stopped editing it.
    PresenceChanged,
}

/// One event, sent as the `data:` of an SSE message whose `event:` is `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveEvent {
    pub kind: LiveEventKind,
    pub measure_id: MeasureId,
    /// The organisation the measure belongs to: events reach only those who may read it.
    pub org_id: OrgId,
    /// Who made the change.
    pub by: String,
    /// Milliseconds since the Unix epoch, when the change was committed.
    pub at: i64,
}
