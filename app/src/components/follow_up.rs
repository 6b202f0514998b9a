//! A feedback response's context and follow-up, as both the family and the professional see
//! them: what it was about, the professional's reply, and when it was discussed.
use super::dates::long_date;
use crate::{
    domain::feedback::ContactKind,
    i18n::{t, tf, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::prelude::*;

/// "Over: Gesprek op 20 november 2026 met Jeroen Smit", or the collaboration in general.
pub fn about(lang: Lang, contact: Option<(NaiveDate, ContactKind)>, with: &str) -> String {
    match contact {
        Some((date, kind)) => tf(
            lang,
            Msg::FbGivenAboutContact,
            &[
                ("kind", t(lang, kind.label())),
                ("date", &long_date(lang, date)),
                ("who", with),
            ],
        ),
        None => tf(lang, Msg::FbGivenAboutGeneral, &[("who", with)]),
    }
}

/// The reply (reply, by, on) and the day it was discussed; `say_none` adds "no reply yet".
#[component]
pub fn FollowUp(
    lang: Lang,
    reply: Option<(String, String, NaiveDate)>,
    discussed: Option<NaiveDate>,
    #[prop(optional)] say_none: bool,
) -> impl IntoView {
    view! {
        {match reply {
            Some((text, by, on)) => view! {
                <div class="reply">
                    <p class="eyebrow">{tf(lang, Msg::FbReplyBy, &[("who", &by), ("date", &long_date(lang, on))])}</p>
                    <p dir="auto">{text}</p>
                </div>
            }.into_any(),
            None if say_none => view! { <p class="muted small">{t(lang, Msg::FbNoReplyYet)}</p> }.into_any(),
            None => ().into_any(),
        }}
        {discussed.map(|d| view! { <p class="small">{tf(lang, Msg::FbDiscussedOn, &[("date", &long_date(lang, d))])}</p> })}
    }
}
