//! Which dashboard is open: the level, the id and the quarter, read from `/dashboard?level=…&id=…&quarter=…` and written into links.

use shared::api::auth::UserInfo;
use shared::api::dashboard::{DashboardLevel, DashboardQuery};
use shared::api::orgs::OrgKind;
use shared::Quarter;

/// A dashboard's address: the oblast, a district, a community or a measure, and the assessed
/// quarter (`None`: the server's default, the latest ended quarter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub level: DashboardLevel,
    /// 0 for the oblast.
    pub id: i32,
    pub quarter: Option<Quarter>,
}

impl Scope {
    pub const OBLAST: Scope = Scope {
        level: DashboardLevel::Oblast,
        id: 0,
        quarter: None,
    };

    pub fn new(level: DashboardLevel, id: i32, quarter: Option<Quarter>) -> Scope {
        Scope { level, id, quarter }
    }

    /// The same quarter, another place.
    pub fn at(self, level: DashboardLevel, id: i32) -> Scope {
        Scope::new(level, id, self.quarter)
    }

    /// The app's address of this dashboard.
    pub fn href(self) -> String {
        let mut href = format!("/dashboard?level={}", self.level.as_str());
        if self.level != DashboardLevel::Oblast {
            href.push_str(&format!("&id={}", self.id));
        }
        if let Some(q) = self.quarter {
            href.push_str(&format!("&quarter={q}"));
        }
        href
    }

    /// The API's query for this dashboard.
    pub fn query(self) -> DashboardQuery {
        DashboardQuery {
            level: Some(self.level.as_str().to_string()),
            id: (self.level != DashboardLevel::Oblast).then_some(self.id),
            quarter: self.quarter.map(|q| q.to_string()),
        }
    }
}

/// Where a user's dashboard opens: a coordinator's own district or community, everyone else
/// the oblast.
pub fn own_scope(user: Option<&UserInfo>) -> Scope {
    let Some(user) = user else {
        return Scope::OBLAST;
    };
    match &user.org {
        Some(org) if !user.may.oblast_dashboard => {
            Scope::new(level_of_org(org.kind), org.id.0, None)
        }
        _ => Scope::OBLAST,
    }
}

/// The dashboard level that shows an organisation of this kind (an oblast executor reads like
/// a community: its own measures).
pub fn level_of_org(kind: OrgKind) -> DashboardLevel {
    match kind {
        OrgKind::Oblast => DashboardLevel::Oblast,
        OrgKind::District => DashboardLevel::District,
        OrgKind::Community | OrgKind::Executor => DashboardLevel::Community,
    }
}

/// Reads the query; a missing or unreadable level or id falls back to `own` (the user's own
/// dashboard), an unreadable quarter to the server's default.
pub fn scope_from_query(
    level: Option<&str>,
    id: Option<&str>,
    quarter: Option<&str>,
    own: Scope,
) -> Scope {
    let quarter = quarter.and_then(|q| Quarter::parse(q).ok());
    let level = level.and_then(DashboardLevel::parse);
    let id = id.and_then(|s| s.trim().parse::<i32>().ok());
    match (level, id) {
        (Some(DashboardLevel::Oblast), _) => Scope::new(DashboardLevel::Oblast, 0, quarter),
        (Some(level), Some(id)) => Scope::new(level, id, quarter),
        _ => Scope { quarter, ..own },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::auth::{Capabilities, OrgRef};
    use shared::{OrgId, Role, Text, UserId, Year};

    fn user(role: Role, org: Option<(i32, OrgKind)>) -> UserInfo {
        UserInfo {
            id: UserId(1),
            login: "x".into(),
            display_name: "X".into(),
            role,
            org: org.map(|(id, kind)| OrgRef {
                id: OrgId(id),
                kind,
                name: Text::new("Орг", "Org"),
                parent: None,
            }),
            is_demo: true,
            must_change_password: false,
            disabled: false,
            may: Capabilities {
                oblast_dashboard: org.is_none(),
                ..Capabilities::default()
            },
        }
    }

    fn q3() -> Quarter {
        Quarter::new(Year::new(2026).expect("y"), 3).expect("q")
    }

    #[test]
    fn addresses_carry_level_id_and_an_explicit_quarter_only() {
        assert_eq!(Scope::OBLAST.href(), "/dashboard?level=oblast");
        let s = Scope::new(DashboardLevel::Community, 42, Some(q3()));
        assert_eq!(s.href(), "/dashboard?level=community&id=42&quarter=2026-Q3");
        let q = s.at(DashboardLevel::Measure, 7).query();
        assert_eq!(
            (q.level.as_deref(), q.id, q.quarter.as_deref()),
            (Some("measure"), Some(7), Some("2026-Q3"))
        );
        assert_eq!(Scope::OBLAST.query().id, None);
    }

    #[test]
    fn the_query_is_read_with_the_users_own_dashboard_as_fallback() {
        let own = Scope::new(DashboardLevel::District, 3, None);
        assert_eq!(
            scope_from_query(Some("community"), Some("12"), Some("2026-Q3"), own),
            Scope::new(DashboardLevel::Community, 12, Some(q3()))
        );
        assert_eq!(
            scope_from_query(Some("oblast"), Some("99"), None, own),
            Scope::OBLAST
        );
        // No id, an unknown level or nothing at all: the user's own dashboard.
        assert_eq!(scope_from_query(Some("district"), None, None, own), own);
        assert_eq!(scope_from_query(Some("planet"), Some("1"), None, own), own);
        assert_eq!(
            scope_from_query(None, None, Some("2026-Q9"), own),
            own,
            "an unreadable quarter is the default one"
        );
    }

    #[test]
    fn coordinators_open_their_own_organisation() {
        assert_eq!(own_scope(None), Scope::OBLAST);
        assert_eq!(
            own_scope(Some(&user(Role::ProgrammeHead, None))),
            Scope::OBLAST
        );
        assert_eq!(
            own_scope(Some(&user(
                Role::CommunityCoordinator,
                Some((12, OrgKind::Community))
            ))),
            Scope::new(DashboardLevel::Community, 12, None)
        );
        assert_eq!(
            own_scope(Some(&user(
                Role::DistrictCoordinator,
                Some((3, OrgKind::District))
            ))),
            Scope::new(DashboardLevel::District, 3, None)
        );
        assert_eq!(level_of_org(OrgKind::Executor), DashboardLevel::Community);
    }
}
