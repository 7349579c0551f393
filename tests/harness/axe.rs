//! axe-core, the accessibility rules engine: installed pinned from the npm registry into
//! target/axe on first use, injected into the page through WebDriver and run with the WCAG 2.0
//! and 2.1 level A and AA rules.

use crate::browser::Browser;
use serde::Deserialize;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The axe-core version the checks run (npm).
pub const VERSION: &str = "4.10.3";

/// The rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
pub const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One rule the page breaks, with where (CSS selectors of at most a few elements).
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub count: usize,
    pub targets: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}, {} element(s)): {} — {}",
            self.id,
            self.impact.as_deref().unwrap_or("?"),
            self.count,
            self.help,
            self.targets.join(", ")
        )
    }
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/axe")
}

fn installed_version() -> Option<String> {
    let manifest =
        std::fs::read_to_string(dir().join("node_modules/axe-core/package.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    v["version"].as_str().map(str::to_string)
}

/// axe.min.js of [`VERSION`], installed with `npm install` into target/axe when missing.
pub fn source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        if installed_version().as_deref() != Some(VERSION) {
            let installed = Command::new("npm")
                .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
                .arg(dir())
                .arg(format!("axe-core@{VERSION}"))
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                installed && installed_version().as_deref() == Some(VERSION),
                "npm could not install axe-core@{VERSION} into {}: the accessibility checks need \
                 node and npm and the npm registry (or a proxy in npm_config_registry)",
                dir().display()
            );
        }
        let file = dir().join("node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    })
}

/// Runs axe on the page as it is now; answers the rules broken.
pub async fn check(b: &Browser) -> Vec<Violation> {
    let script = format!(
        "{}\nreturn typeof window.axe === 'object';",
        // `axe.min.js` defines `window.axe` when run as a script.
        source()
    );
    let loaded = b
        .client
        .execute(&script, vec![])
        .await
        .unwrap_or_else(|e| panic!("injecting axe-core: {e}"));
    assert_eq!(
        loaded,
        serde_json::Value::Bool(true),
        "axe-core did not load"
    );
    let answer = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                  targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')) }))))
               .catch(e => done({ error: String(e) }));",
            vec![serde_json::json!(TAGS)],
        )
        .await
        .unwrap_or_else(|e| panic!("running axe-core: {e}"));
    serde_json::from_value(answer.clone())
        .unwrap_or_else(|e| panic!("axe-core's answer {answer}: {e}"))
}
