//! A real headless Chromium driven through chromedriver (WebDriver), with screenshots kept
//! under target/screenshots for people to look at.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

const WAIT: Duration = Duration::from_secs(15);

fn screenshots_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium profile, pointed at `base`.
    pub async fn open(base: &str) -> Browser {
        let index = crate::app::static_dir().join("index.html");
        assert!(
            index.exists(),
            "the web app is not built ({}): run `cargo xtask build-web` (the test command does)",
            index.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("free port: {e}"));
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("chromedriver: {e}. Install Chromium and ChromeDriver (apt-get install chromium chromium-driver)")
            });
        let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                    "--lang=uk-UA",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                // Downloads land in the profile's folder, without asking.
                "prefs": {
                    "download.default_directory": profile.path().join("downloads").display().to_string(),
                    "download.prompt_for_download": false,
                },
            }),
        );
        // A question the app asks (leaving unsaved edits) is answered "yes" unless a test reads it
        // first, as the journeys written before it expect.
        caps.insert("unhandledPromptBehavior".into(), "accept".into());
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() > Duration::from_secs(20) => {
                    panic!("WebDriver session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Browser {
            client,
            base: base.to_string(),
            driver,
            _profile: profile,
        }
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("goto {path}: {e}"));
    }

    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(el) => el,
            Err(e) => {
                self.screenshot("failure").await;
                panic!("no element {css}: {e}")
            }
        }
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.clear()
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn select(&self, css: &str, value: &str) {
        self.find(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    /// Waits until the element's text satisfies `ok`; returns it.
    pub async fn wait_text(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if ok(&text) {
                return text;
            }
            if started.elapsed() > WAIT {
                self.screenshot("failure").await;
                panic!("{css}: expected {what}, found {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css` (e.g. a button that goes once its action is done).
    pub async fn wait_gone(&self, css: &str, what: &str) {
        let started = Instant::now();
        while self.exists(css).await {
            if started.elapsed() > WAIT {
                self.screenshot("failure").await;
                panic!("{css} is still there: expected {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_url(&self, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let url = self
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            if ok(&url) {
                return url;
            }
            if started.elapsed() > WAIT {
                panic!("the URL never became what was expected: {url}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What a form field holds now.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .unwrap_or_else(|e| panic!("value of {css}: {e}"))
            .unwrap_or_default()
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.unwrap_or(None)
    }

    /// Waits until the element's attribute `name` is `want`.
    pub async fn wait_attr(&self, css: &str, name: &str, want: &str) {
        let started = Instant::now();
        loop {
            let now = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.attr(name).await.unwrap_or(None),
                Err(_) => None,
            };
            if now.as_deref() == Some(want) {
                return;
            }
            if started.elapsed() > WAIT {
                self.screenshot("failure").await;
                panic!("{css}: expected {name}={want:?}, found {now:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG under target/screenshots/NAME.png.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = screenshots_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Prints the page as Chromium prints it on A4 paper (the print stylesheet applies) and
    /// saves the PDF under target/screenshots/NAME.pdf; returns its bytes.
    pub async fn print_pdf(&self, name: &str) -> Vec<u8> {
        let pdf = self
            .client
            .print(fantoccini::wd::PrintConfiguration::default())
            .await
            .unwrap_or_else(|e| panic!("printing {name}: {e}"));
        let dir = screenshots_dir();
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{name}.pdf")), &pdf);
        pdf
    }

    /// Signs in through the sign-in page and waits for the app to show the user.
    pub async fn sign_in(&self, login: &str) {
        self.goto("/login").await;
        self.fill("#login", login).await;
        self.fill("#password", crate::DEMO_PASSWORD).await;
        self.click("#login-submit").await;
        self.wait_url(|u| !u.contains("/login")).await;
    }

    /// A fresh browser (its own profile, so its own session) signed in as `login`: one per
    /// person when a test has several people at work at once.
    pub async fn open_as(base: &str, login: &str) -> Browser {
        let b = Browser::open(base).await;
        b.sign_in(login).await;
        b
    }

    /// Opens the header's menu when it is folded behind its button (a phone's width); a wider
    /// window shows the sections and the user as they are.
    pub async fn open_menu(&self) {
        let Ok(toggle) = self.client.find(Locator::Css("#menu-toggle")).await else {
            return;
        };
        let folded = toggle.is_displayed().await.unwrap_or(false)
            && toggle.attr("aria-expanded").await.ok().flatten().as_deref() == Some("false");
        if folded {
            toggle
                .click()
                .await
                .unwrap_or_else(|e| panic!("open the menu: {e}"));
            self.find("#site-menu.open").await;
        }
    }

    /// Follows the header's link to `href` (through the menu on a phone).
    pub async fn nav(&self, href: &str) {
        self.open_menu().await;
        self.click(&format!(".main-nav a[href=\"{href}\"]")).await;
    }

    /// Signs out through the header and waits for the sign-in page.
    pub async fn sign_out(&self) {
        self.open_menu().await;
        self.click("#sign-out").await;
        self.wait_url(|u| u.contains("/login")).await;
    }

    /// Waits until the live stream is connected, so a change made now is heard.
    pub async fn live(&self) {
        self.find("html[data-live=\"open\"]").await;
    }

    /// Scrolls the element to the top of the window, for a screenshot of that part of the page.
    pub async fn scroll_to(&self, css: &str) {
        let el = self.find(css).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'start'})",
                vec![serde_json::to_value(&el).unwrap_or_default()],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// Resizes the window to `width` CSS pixels (the desktop tests use 1366, the phone ones 390),
    /// with a height that shows a screenful.
    pub async fn set_width(&self, width: u32) {
        let height = if width < 600 { 844 } else { 900 };
        self.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("window size {width}: {e}"));
        // Let the page lay itself out and paint at the new width before anything is looked at.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Fails when the page is wider than the window (something would scroll sideways). Tables
    /// in their own scrolling box do not count.
    pub async fn assert_fits(&self, what: &str) {
        let widths = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth]",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("page width: {e}"));
        let w: Vec<u64> = serde_json::from_value(widths).unwrap_or_default();
        if w.len() == 2 && w[0] > w[1] {
            self.screenshot(&format!("{what}-too-wide")).await;
            // The innermost elements that reach past the window's right edge, to say what to fix.
            let culprits = self
                .client
                .execute(
                    "const w = window.innerWidth;
                     const boxed = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                       if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; }
                       return false; };
                     const wide = e => e.getBoundingClientRect().right > w + 0.5 && !boxed(e);
                     return [...document.querySelectorAll('body *')]
                       .filter(e => wide(e) && ![...e.children].some(wide))
                       .slice(0, 8)
                       .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                         + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''))",
                    vec![],
                )
                .await
                .map(|v| v.to_string())
                .unwrap_or_default();
            panic!(
                "{what}: the page is {} px wide in a {} px window; too wide: {culprits}",
                w[0], w[1]
            );
        }
    }

    /// Waits for a finished download whose name ends with `suffix` and returns its bytes. When
    /// `link` (the page's link to the file made) shows and nothing has arrived a few seconds
    /// later — the browser held back a download that started long after the click — clicks it,
    /// as a user would, and again every few seconds while nothing arrives (a loaded machine may
    /// make the file late). Copies that arrive from the extra clicks are removed, so the next
    /// download of the same kind finds only its own file.
    pub async fn downloaded(&self, suffix: &str, link: &str) -> (String, Vec<u8>) {
        let dir = self._profile.path().join("downloads");
        let started = Instant::now();
        let mut last_click: Option<Instant> = None;
        loop {
            let due = last_click.map_or(started.elapsed() > Duration::from_secs(4), |t| {
                t.elapsed() > Duration::from_secs(6)
            });
            if due && self.exists(link).await {
                self.click(link).await;
                last_click = Some(Instant::now());
            }
            let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
                entries.flatten().find_map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.ends_with(suffix).then_some((name, e.path()))
                })
            });
            if let Some((name, path)) = found {
                if let Ok(bytes) = std::fs::read(&path) {
                    if !bytes.is_empty() {
                        if last_click.is_some() {
                            // Let a second copy from an extra click land, then clear them all.
                            tokio::time::sleep(Duration::from_millis(1500)).await;
                            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                                if e.file_name().to_string_lossy().ends_with(suffix) {
                                    let _ = std::fs::remove_file(e.path());
                                }
                            }
                        }
                        let _ = std::fs::remove_file(&path);
                        return (name, bytes);
                    }
                }
            }
            if started.elapsed() > Duration::from_secs(60) {
                self.screenshot(&format!("download-{suffix}-missing")).await;
                panic!("no download ending with {suffix} in {}", dir.display());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Clicks a button that makes a file (`button`), waits for the page's link to the made file
    /// (`ready`) and answers the download. A click that did not take (the page moved under it
    /// on a loaded machine) is repeated every ten seconds while no link shows; a button still
    /// busy making the file is disabled, so a repeat changes nothing.
    pub async fn made_and_downloaded(
        &self,
        button: &str,
        ready: &str,
        suffix: &str,
    ) -> (String, Vec<u8>) {
        let started = Instant::now();
        self.click(button).await;
        let mut clicked = Instant::now();
        while !self.exists(ready).await && started.elapsed() < Duration::from_secs(60) {
            if clicked.elapsed() > Duration::from_secs(10) {
                self.scroll_to(button).await;
                self.click(button).await;
                clicked = Instant::now();
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.downloaded(suffix, ready).await
    }

    /// What a short script answers, as text.
    pub async fn js(&self, script: &str) -> String {
        let v = self
            .client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"));
        v.as_str().map_or_else(|| v.to_string(), str::to_string)
    }

    /// Waits until a script's answer is `want` (half a minute at most).
    pub async fn wait_js(&self, script: &str, want: &str) {
        let started = Instant::now();
        loop {
            let now = self.js(script).await;
            if now == want {
                return;
            }
            if started.elapsed() > WAIT * 2 {
                self.screenshot("failure").await;
                panic!("{script}: expected {want:?}, found {now:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page's service worker controls it (so what it loads from now on is kept
    /// for a visit without a connection).
    pub async fn wait_service_worker(&self) {
        self.wait_js(
            "return String(!!(navigator.serviceWorker && navigator.serviceWorker.controller))",
            "true",
        )
        .await;
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
