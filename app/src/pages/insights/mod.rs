//! "Wat vinden gezinnen van onze samenwerking?" (`/inzicht`): the organisation's anonymised
//! client-experience figures, for its analysts and management. Per period (month or quarter):
//! responses, response rate, the mean and spread of each scale, the share below the cut-off and
//! how often those got a reply and a conversation, the median days to a reply; the teams
//! compared in the latest period; correction requests and how they were handled. Filters are
//! a plain GET form (no script); the CSV export is the same table.
//!
//! Nothing here can show a person: `backend::anonymity` decides every cell, counts are rounded
//! to five, and there are no comments, names, ids or dates finer than a month.
//!
//! The figures are made in `backend::figures` (the CSV route calls it too); this file holds
//! the server function's shell, `view` the components.
use crate::{
    components::chart::{LineChart, Point},
    domain::{feedback::Scale, PhaseCode},
    error::AppError,
    i18n::{t, tf, use_lang, Lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod view;

pub use crate::domain::insights::{CorrectionFigures, Figures, InsightFilter, Insights};
pub use view::InsightsPage;

#[server(prefix = "/api", endpoint = "insights")]
pub async fn load_insights(#[server(default)] filter: InsightFilter) -> Result<Insights, AppError> {
    crate::error::respond(
        async {
            let ctx = crate::backend::ctx::request()?;
            crate::backend::figures::build(&ctx, filter, "read").await
        }
        .await,
    )
}
