//! Presence: who else has a measure open, and whether they are editing it.

use crate::ids::{OrgId, UserId};
use serde::{Deserialize, Serialize};

/// An open page sends this every [`HEARTBEAT_SECS`] seconds: `POST /api/measures/{id}/presence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PresenceBeat {
    /// True while the user has unsaved changes in the form.
    pub editing: bool,
}

pub const HEARTBEAT_SECS: u32 = 20;
/// A viewer counts as present this long after their last heartbeat.
pub const PRESENT_FOR_SECS: u32 = 45;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Viewer {
    pub user_id: UserId,
    pub name: String,
    pub org_id: Option<OrgId>,
    pub editing: bool,
    /// Milliseconds since the Unix epoch of the last heartbeat.
    pub seen_at: i64,
}
