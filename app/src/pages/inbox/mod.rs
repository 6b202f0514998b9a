//! The professional's inbox (`/inbox`): what families said on the cases they work on today.
//! - Feedback: what asks for attention first (a total at or below the cut-off, or a drop
//!   against the same person's previous response, not yet discussed), then the rest, newest
//!   first. Reply (the family sees it) and mark "besproken" with the date it was discussed.
//! - Correction requests on reports of the professional's own organisation: days left of the
//!   one-month deadline, overdue ones marked; grant (the statement is revised, the old text
//!   stays in its history) or decline with a reason (the family's request is then attached to
//!   the statement as their view).
//! - The family's own views ("mijn kant"), newest first.
//! - Reports of the professional's organisation that may be made final: the reaction period
//!   is over, or everyone the report is for said "klaar met reageren".
//!
//! Professionals never change what a family wrote: there is no form for it, and the store has
//! no query that could.
//!
//! This file holds the view models and the server functions' shells; `ssr` the
//! server-only work behind them; `view` the components.
use crate::domain::CaseId;
use crate::{
    components::{
        dates::long_date,
        fields::{form_message, TextField},
    },
    domain::{
        feedback::{total, Audience, ContactKind, Flags, Scale, Scores},
        Correction,
    },
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, use_lang, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
use ssr::*;
#[cfg(feature = "ssr")]
pub(crate) use ssr::{feedback_items, inbox_of};
pub use view::{FeedbackEntry, InboxPage};

/// The form name under which the inbox's forms keep their state.
pub const INBOX_FORM: &str = "inbox";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub id: Uuid,
    pub case_id: CaseId,
    pub family: String,
    /// None when the family member chose to answer without their name.
    pub respondent: Option<String>,
    pub group: Audience,
    pub contact: Option<(NaiveDate, ContactKind)>,
    pub about: String,
    pub sent: NaiveDate,
    pub scores: Scores,
    pub flags: Flags,
    pub comment: Option<String>,
    /// (reply, by, on)
    pub reply: Option<(String, String, NaiveDate)>,
    pub discussed: Option<NaiveDate>,
}

impl FeedbackItem {
    /// Asks for attention: flagged and not yet discussed.
    pub fn needs_attention(&self) -> bool {
        self.flags.any() && self.discussed.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionTask {
    pub id: Uuid,
    pub case_id: CaseId,
    pub statement_id: Uuid,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub seq: i32,
    pub statement_text: String,
    pub by: String,
    pub request: Correction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnViewNote {
    pub case_id: CaseId,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub seq: Option<i32>,
    pub by: String,
    pub text: String,
    pub date: NaiveDate,
}

/// A report of the professional's organisation that may now be made final: its reaction
/// period is over, or everyone it is for has said they have finished responding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyReport {
    pub case_id: CaseId,
    pub family: String,
    pub report_id: Uuid,
    pub title: String,
    pub until: Option<NaiveDate>,
    /// Before the period ended: everyone it is for said they are done.
    pub closed_early: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub today: NaiveDate,
    /// Newest first; the page puts those that need attention on top.
    pub feedback: Vec<FeedbackItem>,
    pub corrections: Vec<CorrectionTask>,
    pub views: Vec<OwnViewNote>,
    pub finalise: Vec<ReadyReport>,
}

impl Inbox {
    /// (feedback without a reply, open correction requests, overdue ones) for the home page.
    pub fn counts(&self) -> (usize, usize, usize) {
        let unanswered = self.feedback.iter().filter(|f| f.reply.is_none()).count();
        let open: Vec<_> = self
            .corrections
            .iter()
            .filter(|c| c.request.open())
            .collect();
        let overdue = open.iter().filter(|c| c.request.due < self.today).count();
        (unanswered, open.len(), overdue)
    }
}

#[server(prefix = "/api", endpoint = "inbox")]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    crate::error::respond(build_inbox().await)
}

/// The professional's reply to a response; the family sees it under their feedback.
#[server(prefix = "/api", endpoint = "reply_to_feedback")]
pub async fn reply_to_feedback(response: Uuid, text: String) -> Result<FormReply, AppError> {
    crate::error::respond(follow_up(response, FollowUp::Reply(text)).await)
}

/// Marks a response as discussed with the family on `date` (YYYY-MM-DD, not in the future).
#[server(prefix = "/api", endpoint = "mark_discussed")]
pub async fn mark_discussed(response: Uuid, date: String) -> Result<FormReply, AppError> {
    crate::error::respond(follow_up(response, FollowUp::Discussed(date)).await)
}

/// Grants (`decision` = `accept`, with the new `text`) or declines (`decline`) a correction
/// request, with a `reason` the family reads.
#[server(prefix = "/api", endpoint = "decide_correction")]
pub async fn decide_correction(
    request: Uuid,
    decision: String,
    text: String,
    reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(decide(request, decision, text, reason).await)
}
