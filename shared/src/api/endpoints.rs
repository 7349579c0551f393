//! Every endpoint of the API with its method and path, written once: the server's route table and
//! OpenAPI document, the browser app's client and the test client all take them from here.
//!
//! Paths are under [`PREFIX`] and name their parameters in braces (`/measures/{id}`), as the
//! route table and the OpenAPI document write them; [`Endpoint::url`] fills them in.

use std::fmt::{self, Display, Write as _};

/// Where the API lives on the server.
pub const PREFIX: &str = "/api";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether requests with this method change something (and so carry the CSRF token).
    pub fn writes(self) -> bool {
        self != Method::Get
    }
}

impl Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One endpoint: a method and a path under [`PREFIX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
}

impl Endpoint {
    /// The path with the prefix, as the server routes it (`/api/measures/{id}`).
    pub fn route(&self) -> String {
        format!("{PREFIX}{}", self.path)
    }

    /// The names of the path's parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The URL to call: the prefix and the path with its parameters filled in order.
    ///
    /// # Panics
    /// When the number of values differs from the path's parameters: a programming error that
    /// every test of the endpoint would show at once.
    pub fn url(&self, values: &[&dyn Display]) -> String {
        let mut out = String::from(PREFIX);
        let mut values = values.iter();
        for segment in self.path.split('/').skip(1) {
            out.push('/');
            if segment.starts_with('{') {
                let value = values
                    .next()
                    .unwrap_or_else(|| panic!("{}: a value for {segment} is missing", self.path));
                let _ = write!(out, "{value}");
            } else {
                out.push_str(segment);
            }
        }
        assert!(
            values.next().is_none(),
            "{}: more values than parameters",
            self.path
        );
        out
    }

    /// [`Endpoint::url`] with a query string (`a=1&b=2`; nothing is added when it is empty).
    pub fn url_with_query(&self, values: &[&dyn Display], query: &str) -> String {
        let url = self.url(values);
        if query.is_empty() {
            url
        } else {
            format!("{url}?{query}")
        }
    }
}

macro_rules! endpoints {
    ($($(#[$doc:meta])* $name:ident: $method:ident $path:literal,)*) => {
        $(
            $(#[$doc])*
            pub const $name: Endpoint = Endpoint { method: Method::$method, path: $path };
        )*
        /// Every endpoint, in the order the server matches them.
        pub const ALL: &[Endpoint] = &[$($name),*];
    };
}

endpoints! {
    /// Whether the server and its database answer.
    HEALTH: Get "/health",
    /// The OpenAPI 3 document of this API.
    OPENAPI: Get "/openapi.json",
    LOGIN: Post "/auth/login",
    LOGOUT: Post "/auth/logout",
    /// The signed-in user and the session's CSRF token.
    ME: Get "/auth/me",
    /// The programme's passport, envelope, directions and tasks.
    PROGRAMME: Get "/programme",
    ORGS: Get "/orgs",
    /// The plan tree, filtered by the query.
    PLAN: Get "/plan",
    PLAN_VERSIONS: Get "/plan/versions",
    PLAN_VERSIONS_COMPARE: Get "/plan/versions/{from}/compare/{to}",
    ROLLUP: Get "/rollups/{level}",
    INDICATORS: Get "/indicators",
    INDICATOR: Get "/indicators/{id}",
    INDICATOR_STATUS_RULE_SET: Put "/indicators/{id}/status-rule",
    MEASURE_CREATE: Post "/measures",
    MEASURE: Get "/measures/{id}",
    MEASURE_UPDATE: Put "/measures/{id}",
    /// With `?version=` the user saw.
    MEASURE_DELETE: Delete "/measures/{id}",
    MEASURE_EXECUTION: Get "/measures/{id}/execution",
    MEASURE_EXECUTION_SET: Put "/measures/{id}/execution",
    MEASURE_HISTORY: Get "/measures/{id}/history",
    MEASURE_COMMENTS: Get "/measures/{id}/comments",
    MEASURE_COMMENT_ADD: Post "/measures/{id}/comments",
    PRESENCE_BEAT: Post "/measures/{id}/presence",
    PRESENCE: Get "/measures/{id}/presence",
    PRESENCE_LEAVE: Delete "/measures/{id}/presence",
    /// The reporting calendar (`?period=` or `?org=`).
    REPORTS: Get "/reports",
    REPORT: Get "/reports/{org}/{period}",
    REPORT_SAVE: Put "/reports/{org}/{period}",
    /// The report as a prefilled workbook to fill in offline and upload back.
    REPORT_WORKBOOK: Get "/reports/{org}/{period}/workbook.xlsx",
    /// A step of the report's way: `submit`, `endorse`, `return`, `approve` or `unlock`.
    REPORT_STEP: Post "/reports/{org}/{period}/{step}",
    REPORTING_SETTINGS: Get "/reporting/settings",
    REPORTING_SETTINGS_SET: Put "/reporting/settings",
    REMINDERS_RUN: Post "/reporting/reminders",
    /// The local programmes in the user's scope for a year (`?year=`), with the count of
    /// communities whose programme is in force.
    LOCAL_PROGRAMMES: Get "/local-programmes",
    LOCAL_PROGRAMME: Get "/local-programmes/{org}",
    LOCAL_PROGRAMME_SAVE: Put "/local-programmes/{org}",
    DASHBOARD: Get "/dashboard",
    MAP: Get "/map",
    /// The documents the user may produce for a scope and period, with the state of their data.
    DOCUMENTS: Get "/documents",
    /// One document as PDF or XLSX: `quarterly.pdf`, `annual.xlsx`, …
    DOCUMENT: Get "/documents/{file}",
    /// The department publishes a document as it is now (the query as for the download).
    DOCUMENT_PUBLISH: Post "/documents/{file}/publish",
    /// A table as a file: `plan.xlsx`, `plan.csv`, `calendar.csv`, … with the table's filters,
    /// `lang` and (a CSV) `sep` in the query.
    EXPORT: Get "/exports/{file}",
    /// My import jobs, newest first.
    IMPORTS: Get "/imports",
    /// Uploads a file (the body) as an import job: `?kind=plan|report&name=&org=&period=`.
    IMPORT_START: Post "/imports",
    IMPORT: Get "/imports/{id}",
    /// Writes the preview's changes into the draft.
    IMPORT_CONFIRM: Post "/imports/{id}/confirm",
    /// The uploaded workbook with the refused cells marked and commented.
    IMPORT_MARKED: Get "/imports/{id}/marked.xlsx",
    AUDIT: Get "/audit",
    AUDIT_VERIFY: Get "/audit/verify",
    PROPOSALS: Get "/proposals",
    /// My organisation's draft proposal (before `/proposals/{id}`, which would match it too).
    PROPOSAL_DRAFT: Get "/proposals/draft",
    PROPOSAL_DRAFT_MEASURE: Put "/proposals/draft/measures/{id}",
    PROPOSAL_DRAFT_WITHDRAW: Post "/proposals/draft/measures/{id}/withdraw",
    PROPOSAL_DRAFT_DISCARD: Post "/proposals/draft/measures/{id}/discard",
    PROPOSAL: Get "/proposals/{id}",
    PROPOSAL_SUBMIT: Post "/proposals/{id}/submit",
    PROPOSAL_ENDORSE: Post "/proposals/{id}/endorse",
    PROPOSAL_RETURN: Post "/proposals/{id}/return",
    PROPOSAL_DECIDE: Post "/proposals/{id}/decide",
    PROPOSAL_REBASE: Post "/proposals/{id}/rebase",
    PROPOSAL_COMMENTS: Get "/proposals/{id}/comments",
    PROPOSAL_COMMENT_ADD: Post "/proposals/{id}/comments",
    WORKFLOW: Get "/workflow",
    WORKFLOW_SET: Put "/workflow",
    /// Server-sent events of changes the user may see.
    EVENTS: Get "/events",
    /// A coordinator's own work: measures, the next report, proposals waiting, the unread inbox.
    HOME: Get "/home",
    INBOX: Get "/inbox",
    INBOX_READ: Post "/inbox/read",
    /// The signed-in user changes their own password.
    PASSWORD_CHANGE: Post "/auth/password",
    USERS: Get "/users",
    USER_CREATE: Post "/users",
    /// The administrator gives an account a one-time password.
    USER_PASSWORD_RESET: Post "/users/{id}/password-reset",
    USER_DISABLE: Post "/users/{id}/disable",
    USER_ENABLE: Post "/users/{id}/enable",
    /// The open programme, read without an account: the passport, envelope and directions.
    PUBLIC_PROGRAMME: Get "/public/programme",
    /// The approved plan: directions → tasks → measures with their three budget layers.
    PUBLIC_PLAN: Get "/public/plan",
    PUBLIC_MEASURE: Get "/public/measures/{id}",
    /// Indicators with baselines, targets and the actuals of approved reports.
    PUBLIC_INDICATORS: Get "/public/indicators",
    /// Organisations with KATOTTH codes, execution and reporting compliance.
    PUBLIC_ORGS: Get "/public/orgs",
    /// One organisation: its figures and, for a community or district, its adopted local programme.
    PUBLIC_ORG: Get "/public/orgs/{org}",
    /// The boundaries of the 86 communities and 7 districts as SVG paths (the figures are the orgs').
    PUBLIC_MAP: Get "/public/map",
    /// The approved versions of the plan and what each changed.
    PUBLIC_VERSIONS: Get "/public/versions",
    /// The open data: a Frictionless data package describing every data set.
    PUBLIC_DATAPACKAGE: Get "/public/datapackage.json",
    /// One data set as CSV or JSON: `measures.csv`, `budget-lines.json`, …
    PUBLIC_DATA: Get "/public/data/{file}",
    /// The documents the department published, newest first.
    PUBLIC_DOCUMENTS: Get "/public/documents",
    /// A published document's file, as it was published.
    PUBLIC_DOCUMENT: Get "/public/documents/{doc}",
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn urls_fill_the_parameters_in_order() {
        assert_eq!(MEASURE.url(&[&7]), "/api/measures/7");
        assert_eq!(
            PLAN_VERSIONS_COMPARE.url(&[&1, &3]),
            "/api/plan/versions/1/compare/3"
        );
        assert_eq!(
            REPORT_STEP.url(&[&12, &"2026-Q3", &"submit"]),
            "/api/reports/12/2026-Q3/submit"
        );
        assert_eq!(
            MEASURE_DELETE.url_with_query(&[&7], "version=2"),
            "/api/measures/7?version=2"
        );
        assert_eq!(PLAN.url_with_query(&[], ""), "/api/plan");
        assert_eq!(
            REPORT_STEP.params().collect::<Vec<_>>(),
            ["org", "period", "step"]
        );
        assert_eq!(MEASURE.route(), "/api/measures/{id}");
    }

    #[test]
    #[should_panic(expected = "missing")]
    fn a_missing_value_is_a_programming_error() {
        let _ = MEASURE.url(&[]);
    }

    #[test]
    fn each_method_and_path_is_listed_once() {
        let mut seen = HashSet::new();
        for e in ALL {
            assert!(
                seen.insert((e.method, e.path)),
                "{} {} twice",
                e.method,
                e.path
            );
            assert!(
                e.path.starts_with('/') && !e.path.ends_with('/'),
                "{}",
                e.path
            );
        }
        // A literal path is matched before a parameter that would also match it.
        let position = |e: &Endpoint| ALL.iter().position(|x| x == e);
        assert!(position(&PROPOSAL_DRAFT) < position(&PROPOSAL));
    }
}
