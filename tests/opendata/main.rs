//! The open data package validated by Frictionless (`frictionless validate`, PyPI) against a real
//! server on the demo data: the package's descriptor, every resource's CSV and JSON against its
//! table schema (types, codes, primary keys).
//!
//! `cargo xtask test` installs the pinned frictionless into `target/frictionless`;
//! `OBRIY_FRICTIONLESS` names another `frictionless` command.

use obriy_tests::{spawn_app, DbKind};
use shared::api::endpoints as ep;
use std::path::PathBuf;
use std::process::Command;

/// The version `cargo xtask test` installs.
pub const VERSION: &str = "5.21.0";

fn frictionless() -> PathBuf {
    if let Some(cmd) = std::env::var_os("OBRIY_FRICTIONLESS") {
        return PathBuf::from(cmd);
    }
    let venv =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/frictionless/bin/frictionless");
    if venv.is_file() {
        return venv;
    }
    panic!(
        "frictionless {VERSION} is not installed: `cargo xtask test` installs it into \
         target/frictionless, or `pip install 'frictionless[json]=={VERSION}'` and set \
         OBRIY_FRICTIONLESS to its `frictionless`"
    );
}

fn validate(kind: DbKind) {
    let app = spawn_app(kind, true);
    let url = format!("{}{}", app.url, ep::PUBLIC_DATAPACKAGE.url(&[]));
    let out = Command::new(frictionless())
        .args(["validate", "--json"])
        .arg(&url)
        .output()
        .unwrap_or_else(|e| panic!("running frictionless: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless did not answer with a report ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let tasks = report["tasks"].as_array().map_or(0, Vec::len);
    assert_eq!(tasks, 14, "every resource validated: {report:#}");
    assert_eq!(report["valid"], true, "{report:#}");
}

#[test]
fn the_data_package_validates_on_sqlite() {
    validate(DbKind::Sqlite);
}

#[test]
fn the_data_package_validates_on_postgres() {
    validate(DbKind::Postgres);
}
