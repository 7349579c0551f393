//! Each user's inbox: what others did to their organisation's measures, with unread counts.

use crate::ids::{MeasureId, OrgId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone commented on a measure of my organisation.
    Comment,
    /// Someone outside my organisation changed one of its measures.
    MeasureChanged,
    /// Someone outside my organisation deleted one of its measures.
    MeasureDeleted,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Comment => "comment",
            NotificationKind::MeasureChanged => "measure_changed",
            NotificationKind::MeasureDeleted => "measure_deleted",
        }
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        [
            NotificationKind::Comment,
            NotificationKind::MeasureChanged,
            NotificationKind::MeasureDeleted,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i32,
    pub kind: NotificationKind,
    pub measure_id: MeasureId,
    pub org_id: OrgId,
    /// Who did it.
    pub by: String,
    /// The measure's name, or the start of the comment.
    pub summary: String,
    /// Milliseconds since the Unix epoch.
    pub at: i64,
    pub read: bool,
}

/// `GET /api/inbox`: the newest 50 items and how many are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// `POST /api/inbox/read`: these items, or all when `ids` is absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Option<Vec<i32>>,
}
