//! The two migration sets must give the same tables and columns, and the demo loads into
//! either at any moment of the year.
mod common;

use app::backend::Db;

async fn columns(db: &Db) -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    cols.sort();
    cols
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_give_the_same_tables_and_columns() {
    let sqlite = common::spawn(common::Kind::Sqlite).await.unwrap();
    let Some(pg) = common::spawn(common::Kind::Postgres).await else {
        return;
    };
    let (a, b) = (columns(sqlite.db()).await, columns(pg.db()).await);
    assert!(
        a.len() > 200,
        "the whole domain is modelled ({} columns)",
        a.len()
    );
    assert_eq!(a, b);
}

/// The demo's dates are relative to the moment it is loaded; late on a month's last day
/// (UTC) it once put two months of figures in the same Amsterdam month.
#[tokio::test]
async fn the_demo_loads_at_awkward_moments_of_the_year() {
    let moments = [
        "2026-11-30T22:30:00Z", // after 22:00 UTC on a month's last day
        "2026-03-29T00:30:00Z", // the night summer time starts
        "2026-10-25T00:30:00Z", // the night summer time ends
        "2028-02-29T23:30:00Z", // a leap day, already 1 March in Amsterdam
        "2026-12-31T23:30:00Z", // New Year in Amsterdam, not yet in UTC
    ];
    for kind in [common::Kind::Sqlite, common::Kind::Postgres] {
        for at in moments {
            let Some(backend) = common::open(kind, |_| {}).await else {
                continue;
            };
            app::backend::demo::load_at(&backend.db, at.parse().unwrap())
                .await
                .unwrap_or_else(|e| panic!("{kind:?} at {at}: {e}"));
        }
    }
}
