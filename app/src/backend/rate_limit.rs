//! A token bucket per key (the import API's clients): `per_second` requests a second on
//! average, `burst` at once. One lock around a small map: the check and the take are one
//! step, so many requests at the same moment cannot all pass. Per server instance; with
//! several instances behind a proxy each counts its own share.
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};
use uuid::Uuid;

pub struct RateLimit {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<Uuid, (f64, Instant)>>,
}

impl RateLimit {
    pub fn new(per_second: u32, burst: u32) -> RateLimit {
        RateLimit {
            per_second: f64::from(per_second.max(1)),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the key's bucket, or says how long until one is there.
    pub fn take(&self, key: Uuid) -> Result<(), Duration> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        // Forget buckets that are full again, so the map does not grow with old clients.
        if buckets.len() > 10_000 {
            let full = self.burst / self.per_second;
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < full);
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_and_the_next_request_waits() {
        let limit = RateLimit::new(1, 3);
        let key = Uuid::new_v4();
        assert!((0..3).all(|_| limit.take(key).is_ok()));
        let wait = limit.take(key).unwrap_err();
        assert!(wait > Duration::from_millis(500) && wait <= Duration::from_secs(1));
        // Another key has its own bucket.
        assert!(limit.take(Uuid::new_v4()).is_ok());
    }

    #[test]
    fn many_threads_at_once_get_exactly_the_burst() {
        let limit = std::sync::Arc::new(RateLimit::new(1, 50));
        let key = Uuid::new_v4();
        let passed: usize = (0..8)
            .map(|_| {
                let limit = limit.clone();
                std::thread::spawn(move || (0..20).filter(|_| limit.take(key).is_ok()).count())
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum();
        // 160 tries within well under a second: the burst, and at most one refilled.
        assert!((50..=51).contains(&passed), "{passed}");
    }
}
