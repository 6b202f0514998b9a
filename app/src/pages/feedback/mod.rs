//! "Hoe gaat de samenwerking?" (`/feedback`): after a contact a family member rates the
//! collaboration on Helder's four 0–10 scales and may say what could be better — or does so at
//! any moment, without a contact. They see what they gave before, the professional's reply and
//! a trend of their scores.
//!
//! The form is plain HTML (radio buttons rendered on the server): it works without the
//! WebAssembly, takes under a minute on a phone, and can be kept as a draft. Bad input comes
//! back with everything that was chosen and typed (`crate::forms`). Once per contact, within
//! `WINDOW_DAYS` (14) days after it; a retry of the same form files nothing twice.
//!
//! This file holds the view models and the server functions' shells; `ssr` the
//! server-only work behind them; `view` the components.
// The feedback form posts nine fields and the server function mirrors the form one to one
// (the macro also writes the browser-side caller with the same arguments).
#![allow(clippy::too_many_arguments)]
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
use ssr::*;
pub use view::FeedbackPage;

use crate::{
    components::{
        dates::long_date,
        fields::{form_message, kept_key, TextField},
        score_trend::{ScoreTrend, TrendRow},
    },
    domain::feedback::{Audience, ContactKind, Scale, Scores},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, tjf, use_lang, youth, Lang, Msg},
};

/// The form name under which the feedback forms keep their state.
pub const FEEDBACK_FORM: &str = "feedback";

/// Longest comment accepted (characters).
pub const MAX_COMMENT: usize = 2000;

/// Something to give feedback about: a recent contact, or (no contact) the collaboration in
/// general.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackChance {
    pub contact: Option<Uuid>,
    pub date: Option<NaiveDate>,
    /// The local time, "14:30".
    pub time: Option<String>,
    pub kind: Option<ContactKind>,
    pub with: String,
    /// The last day feedback about this contact can be given.
    pub until: Option<NaiveDate>,
    /// What was kept as a draft.
    pub draft: Option<Draft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub scores: Vec<(Scale, u8)>,
    pub comment: String,
    pub anonymous: bool,
    pub share: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenFeedback {
    pub id: Uuid,
    pub sent: NaiveDate,
    pub contact: Option<(NaiveDate, ContactKind)>,
    pub with: String,
    pub scores: Scores,
    pub comment: Option<String>,
    pub anonymous: bool,
    /// The organisation's own case system may have the comment.
    pub shared: bool,
    /// (reply, by, on)
    pub reply: Option<(String, String, NaiveDate)>,
    pub discussed: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackOverview {
    pub audience: Audience,
    pub form_key: String,
    pub chances: Vec<FeedbackChance>,
    /// Oldest first.
    pub given: Vec<GivenFeedback>,
}

#[server(prefix = "/api", endpoint = "my_feedback")]
pub async fn load_my_feedback() -> Result<FeedbackOverview, AppError> {
    crate::error::respond(build_overview().await)
}

/// Saves a draft (`intent` = `draft`) or sends (`send`) feedback about `contact` (empty: the
/// collaboration in general). Scores are the radio buttons' values; a missing one is absent.
#[server(prefix = "/api", endpoint = "save_feedback")]
pub async fn save_feedback(
    contact: String,
    key: String,
    intent: String,
    heard: Option<String>,
    topics: Option<String>,
    approach: Option<String>,
    overall: Option<String>,
    comment: String,
    anonymous: Option<String>,
    share: Option<String>,
) -> Result<FormReply, AppError> {
    crate::error::respond(
        save(
            contact,
            key,
            intent,
            [heard, topics, approach, overall],
            comment,
            (anonymous.is_some(), share.is_some()),
        )
        .await,
    )
}

/// The writer of sent feedback lets the organisation's own case system have its comment
/// (`share` = `yes`), or no longer (`no`). Consent is theirs to give and to take back.
#[server(prefix = "/api", endpoint = "share_feedback")]
pub async fn share_feedback(response: String, share: String) -> Result<FormReply, AppError> {
    crate::error::respond(share_comment(response, share).await)
}

/// The id of a feedback form on the page (and its anchor).
fn contact_form(contact: Option<Uuid>) -> String {
    match contact {
        Some(id) => format!("f-{id}"),
        None => "f-general".to_string(),
    }
}
