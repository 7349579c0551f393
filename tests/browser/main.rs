//! Browser journeys in headless Chromium against a real server with the demo data.

fn main() {}
