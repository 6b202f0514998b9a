//! A token bucket per key (the import API's clients): `per_second` requests a second on
//! average, `burst` at once; the check and the take are one step, so many requests at the
//! same moment cannot all pass.
//!
//! Where the bucket lives follows the database: with SQLite there is one instance of Helder
//! (the file is its own), so the buckets are a small map in its memory; with PostgreSQL there
//! may be several instances behind a proxy, so each client's bucket is a row in the shared
//! database (`api_rate_buckets`), taken under its row lock, and every instance counts against
//! the same bucket. A request costs the shared bucket one small write: the import API is for
//! case systems, not for the pages families read.
use super::{db::Db, StoreError};
use chrono::{DateTime, Utc};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};
use uuid::Uuid;

pub struct RateLimit {
    per_second: u32,
    burst: u32,
    place: Place,
}

enum Place {
    Here(Mutex<HashMap<Uuid, (f64, Instant)>>),
    Shared(Db),
}

impl RateLimit {
    /// Buckets in this instance's memory.
    pub fn here(per_second: u32, burst: u32) -> RateLimit {
        RateLimit {
            per_second: per_second.max(1),
            burst: burst.max(1),
            place: Place::Here(Mutex::new(HashMap::new())),
        }
    }

    /// Buckets in the PostgreSQL database every instance shares (its clock is the one clock
    /// they all read: see [`RateLimit::take_shared`]).
    fn shared(db: Db, per_second: u32, burst: u32) -> RateLimit {
        RateLimit {
            place: Place::Shared(db),
            ..RateLimit::here(per_second, burst)
        }
    }

    /// Where the database says the buckets belong (see the module's comment).
    pub fn for_db(db: &Db, (per_second, burst): (u32, u32)) -> RateLimit {
        match db {
            Db::Sqlite(_) => RateLimit::here(per_second, burst),
            Db::Postgres(_) => RateLimit::shared(db.clone(), per_second, burst),
        }
    }

    /// Takes one request from the key's bucket, or says how long until one is there.
    pub async fn take(&self, key: Uuid) -> Result<Result<(), Duration>, StoreError> {
        match &self.place {
            Place::Here(buckets) => Ok(self.take_here(buckets, key)),
            Place::Shared(db) => self.take_shared(db, key).await,
        }
    }

    fn take_here(
        &self,
        buckets: &Mutex<HashMap<Uuid, (f64, Instant)>>,
        key: Uuid,
    ) -> Result<(), Duration> {
        let (per_second, burst) = (f64::from(self.per_second), f64::from(self.burst));
        let now = Instant::now();
        let mut buckets = buckets.lock().unwrap_or_else(|e| e.into_inner());
        // Forget buckets that are full again, so the map does not grow with old clients.
        if buckets.len() > 10_000 {
            let full = burst / per_second;
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < full);
        }
        let (tokens, at) = buckets.entry(key).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / per_second))
        }
    }

    /// The shared bucket, counted in thousandths of a request. The upsert takes the row's
    /// lock, so two instances taking at once are served one after the other. Time is the
    /// database's (`clock_timestamp()`, PostgreSQL's): instances whose clocks differ cannot
    /// starve a client or refill its bucket twice. A refill is counted in whole milliseconds
    /// and `at` moves on by exactly those, so no time is lost between requests.
    async fn take_shared(&self, db: &Db, key: Uuid) -> Result<Result<(), Duration>, StoreError> {
        let burst = i64::from(self.burst) * 1000;
        let per_ms = i64::from(self.per_second);
        let mut tx = db.begin().await?;
        let (tokens, at, now): (i64, DateTime<Utc>, DateTime<Utc>) = crate::on_tx!(&mut tx, c => sqlx::query_as(
            "INSERT INTO api_rate_buckets (client_id, millitokens, at) VALUES ($1, $2, clock_timestamp()) \
             ON CONFLICT (client_id) DO UPDATE SET client_id = excluded.client_id \
             RETURNING millitokens, at, clock_timestamp()")
            .bind(key).bind(burst).fetch_one(&mut *c).await)?;
        let elapsed = (now - at).num_milliseconds().max(0);
        let refilled = tokens.saturating_add(elapsed.saturating_mul(per_ms));
        // A full bucket holds no earlier time: it starts counting again now.
        let (tokens, at) = if refilled >= burst {
            (burst, now)
        } else {
            (refilled, at + chrono::Duration::milliseconds(elapsed))
        };
        let (left, answer) = if tokens >= 1000 {
            (tokens - 1000, Ok(()))
        } else {
            let wait = u64::try_from((1000 - tokens) / per_ms).unwrap_or(1);
            (tokens, Err(Duration::from_millis(wait.max(1))))
        };
        crate::on_tx!(&mut tx, c => sqlx::query(
            "UPDATE api_rate_buckets SET millitokens = $2, at = $3 WHERE client_id = $1")
            .bind(key).bind(left).bind(at).execute(&mut *c).await.map(|_| ()))?;
        tx.commit().await?;
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_burst_passes_and_the_next_request_waits() {
        let limit = RateLimit::here(1, 3);
        let key = Uuid::new_v4();
        for _ in 0..3 {
            assert!(limit.take(key).await.unwrap().is_ok());
        }
        let wait = limit.take(key).await.unwrap().unwrap_err();
        assert!(wait > Duration::from_millis(500) && wait <= Duration::from_secs(1));
        // Another key has its own bucket.
        assert!(limit.take(Uuid::new_v4()).await.unwrap().is_ok());
    }

    #[test]
    fn many_threads_at_once_get_exactly_the_burst() {
        let limit = std::sync::Arc::new(RateLimit::here(1, 50));
        let key = Uuid::new_v4();
        let passed: usize = (0..8)
            .map(|_| {
                let limit = limit.clone();
                std::thread::spawn(move || {
                    let Place::Here(buckets) = &limit.place else {
                        return 0;
                    };
                    (0..20)
                        .filter(|_| limit.take_here(buckets, key).is_ok())
                        .count()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum();
        // 160 tries within well under a second: the burst, and at most one refilled.
        assert!((50..=51).contains(&passed), "{passed}");
    }
}
