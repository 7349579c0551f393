//! A token bucket per client address for the public reads: a burst, then a steady rate; past it
//! the answer is 429 with when to try again. Signed-in users never pass through it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests per second and the burst an address may make (`OBRIY_PUBLIC_RATE=20,120`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub per_second: f64,
    pub burst: f64,
}

impl Default for Rate {
    fn default() -> Self {
        Rate {
            per_second: 20.0,
            burst: 120.0,
        }
    }
}

impl Rate {
    /// `per_second,burst`, both positive whole numbers.
    pub fn parse(s: &str) -> Option<Rate> {
        let (rate, burst) = s.split_once(',')?;
        let rate: u32 = rate.trim().parse().ok().filter(|n| *n > 0)?;
        let burst: u32 = burst.trim().parse().ok().filter(|n| *n > 0)?;
        Some(Rate {
            per_second: f64::from(rate),
            burst: f64::from(burst),
        })
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets are forgotten once full again; the map is swept when it grows.
const SWEEP_AT: usize = 10_000;

pub struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    pub fn new(rate: Rate) -> Limiter {
        Limiter {
            rate,
            buckets: Mutex::default(),
        }
    }

    /// Takes a token for `addr`, or says how long until one is there.
    pub fn take(&self, addr: &str) -> Result<(), Duration> {
        self.take_at(addr, Instant::now())
    }

    fn take_at(&self, addr: &str, now: Instant) -> Result<(), Duration> {
        let Rate { per_second, burst } = self.rate;
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= SWEEP_AT {
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * per_second < burst
            });
        }
        let bucket = buckets.entry(addr.to_string()).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate_per_address() {
        let limiter = Limiter::new(Rate {
            per_second: 2.0,
            burst: 3.0,
        });
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take_at("203.0.113.5", t0).is_ok());
        }
        let wait = limiter.take_at("203.0.113.5", t0).expect_err("empty");
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(500));
        assert!(
            limiter.take_at("198.51.100.7", t0).is_ok(),
            "another address"
        );
        let later = t0 + Duration::from_millis(500);
        assert!(limiter.take_at("203.0.113.5", later).is_ok(), "refilled");
        assert!(limiter.take_at("203.0.113.5", later).is_err());
        assert_eq!(Rate::parse("20, 120"), Some(Rate::default()));
        assert_eq!(Rate::parse("0,5"), None);
        assert_eq!(Rate::parse("5"), None);
    }
}
