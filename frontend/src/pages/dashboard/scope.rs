//! Which dashboard is open: the level, the id, the quarter and the funding source, read from `/dashboard?level=…&id=…&quarter=…&source=…` and written into links.

use shared::api::auth::UserInfo;
use shared::api::dashboard::{DashboardLevel, DashboardQuery};
use shared::api::orgs::OrgKind;
use shared::{FundingSource, Quarter};

/// A dashboard's address: the oblast, a district, a community or a measure, the assessed
/// quarter (`None`: the server's default, the latest ended quarter) and the funding source the
/// budget figures are of (`None`: all four).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub level: DashboardLevel,
    /// 0 for the oblast.
    pub id: i32,
    pub quarter: Option<Quarter>,
    pub source: Option<FundingSource>,
}

impl Scope {
    pub const OBLAST: Scope = Scope {
        level: DashboardLevel::Oblast,
        id: 0,
        quarter: None,
        source: None,
    };

    /// A place and quarter, with the figures of every source.
    pub fn new(level: DashboardLevel, id: i32, quarter: Option<Quarter>) -> Scope {
        Scope {
            level,
            id,
            quarter,
            source: None,
        }
    }

    /// The same place and quarter, the figures of one source (or all).
    pub fn of_source(self, source: Option<FundingSource>) -> Scope {
        Scope { source, ..self }
    }

    /// The same quarter and source, another place.
    pub fn at(self, level: DashboardLevel, id: i32) -> Scope {
        Scope::new(level, id, self.quarter).of_source(self.source)
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
        if let Some(s) = self.source {
            href.push_str(&format!("&source={}", s.as_str()));
        }
        href
    }

    /// The API's query for this dashboard.
    pub fn query(self) -> DashboardQuery {
        DashboardQuery {
            level: Some(self.level.as_str().to_string()),
            id: (self.level != DashboardLevel::Oblast).then_some(self.id),
            quarter: self.quarter.map(|q| q.to_string()),
            source: self.source.map(|s| s.as_str().to_string()),
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

/// The dashboard's query parameters as the address has them.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryParams<'a> {
    pub level: Option<&'a str>,
    pub id: Option<&'a str>,
    pub quarter: Option<&'a str>,
    pub source: Option<&'a str>,
}

/// Reads the query; a missing or unreadable level or id falls back to `own` (the user's own
/// dashboard), an unreadable quarter to the server's default, an unknown source to all four.
pub fn scope_from_query(params: QueryParams<'_>, own: Scope) -> Scope {
    let quarter = params.quarter.and_then(|q| Quarter::parse(q).ok());
    let source = params.source.and_then(FundingSource::parse);
    let level = params.level.and_then(DashboardLevel::parse);
    let id = params.id.and_then(|s| s.trim().parse::<i32>().ok());
    let place = match (level, id) {
        (Some(DashboardLevel::Oblast), _) => Scope::new(DashboardLevel::Oblast, 0, quarter),
        (Some(level), Some(id)) => Scope::new(level, id, quarter),
        _ => Scope { quarter, ..own },
    };
    place.of_source(source)
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
        assert_eq!(Scope::OBLAST.query().source, None);
        // A chosen source stays in every link down the drill-down.
        let oblast_budget = s.of_source(Some(FundingSource::Oblast));
        assert_eq!(
            oblast_budget.at(DashboardLevel::Measure, 7).href(),
            "/dashboard?level=measure&id=7&quarter=2026-Q3&source=oblast"
        );
        assert_eq!(oblast_budget.query().source.as_deref(), Some("oblast"));
    }

    #[test]
    fn the_query_is_read_with_the_users_own_dashboard_as_fallback() {
        let own = Scope::new(DashboardLevel::District, 3, None);
        let read = |level, id, quarter, source| {
            scope_from_query(
                QueryParams {
                    level,
                    id,
                    quarter,
                    source,
                },
                own,
            )
        };
        assert_eq!(
            read(Some("community"), Some("12"), Some("2026-Q3"), None),
            Scope::new(DashboardLevel::Community, 12, Some(q3()))
        );
        assert_eq!(read(Some("oblast"), Some("99"), None, None), Scope::OBLAST);
        // No id, an unknown level or nothing at all: the user's own dashboard.
        assert_eq!(read(Some("district"), None, None, None), own);
        assert_eq!(read(Some("planet"), Some("1"), None, None), own);
        assert_eq!(
            read(None, None, Some("2026-Q9"), None),
            own,
            "an unreadable quarter is the default one"
        );
        assert_eq!(
            read(None, None, None, Some("oblast")),
            own.of_source(Some(FundingSource::Oblast))
        );
        assert_eq!(
            read(None, None, None, Some("gold")),
            own,
            "an unknown source is all of them"
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
