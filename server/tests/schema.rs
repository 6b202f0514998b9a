//! The two migration sets must give the same tables and columns.
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
