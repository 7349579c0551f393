//! Chrome DevTools Protocol commands through chromedriver (`goog/cdp/execute`): cutting the
//! network, throttling the link and the CPU, clearing the cache.

use crate::browser::Browser;
use fantoccini::wd::WebDriverCompatibleCommand;

/// One CDP command as chromedriver's vendor endpoint takes it.
#[derive(Debug)]
struct Execute {
    cmd: String,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Execute {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// A link's speed for [`Browser::throttle`]: the DevTools "slow 3G"-like profile the field-ready
/// targets are set against is `Link::FIELD`.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    pub latency_ms: u32,
    pub down_kbit: u32,
    pub up_kbit: u32,
}

impl Link {
    /// 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip: a weak rural mobile link.
    pub const FIELD: Link = Link {
        latency_ms: 150,
        down_kbit: 1600,
        up_kbit: 750,
    };
}

impl Browser {
    /// Runs one CDP command on the page's target and answers its result.
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(Execute {
                cmd: cmd.to_string(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Cuts the page's network (`true`) or gives it back (`false`), as a lost mobile link does:
    /// requests fail at once and `navigator.onLine` turns false.
    pub async fn set_offline(&self, offline: bool) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .await;
    }

    /// Slows the link to `link` and the CPU by `cpu` times (1 = no slowdown).
    pub async fn throttle(&self, link: Link, cpu: u32) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        // DevTools takes bytes per second.
        let bytes = |kbit: u32| f64::from(kbit) * 1000.0 / 8.0;
        self.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": false,
                "latency": link.latency_ms,
                "downloadThroughput": bytes(link.down_kbit),
                "uploadThroughput": bytes(link.up_kbit),
            }),
        )
        .await;
        self.cdp(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": cpu }),
        )
        .await;
    }

    /// Focuses `css` and presses Enter on the keyboard, as a keyboard user does. WebDriver's
    /// "send keys to element" refuses an element placed off-screen until focused (a skip link),
    /// so the key goes through the keyboard actions to whatever has the focus.
    pub async fn press_enter_on(&self, css: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let el = self.find(css).await;
        self.client
            .execute(
                "arguments[0].focus()",
                vec![serde_json::to_value(&el).unwrap_or_default()],
            )
            .await
            .unwrap_or_else(|e| panic!("focus {css}: {e}"));
        let enter = '\u{E007}';
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: enter })
            .then(KeyAction::Up { value: enter });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("Enter on {css}: {e}"));
    }

    /// Empties the browser's HTTP cache (a first visit), keeping cookies.
    pub async fn clear_cache(&self) {
        self.cdp("Network.enable", serde_json::json!({})).await;
        self.cdp("Network.clearBrowserCache", serde_json::json!({}))
            .await;
    }
}
