//! The components of the `feedback` page.
use super::*;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(FEEDBACK_FORM);
    let data = Resource::new_blocking(|| (), |_| load_my_feedback());
    crate::pages::loaded(data, move |o: FeedbackOverview| {
        let confirmation = flash.confirmation();
        let failed = flash.failed();
        let trend: Vec<TrendRow> = o
            .given
            .iter()
            .map(|g| TrendRow {
                date: g.sent,
                who: None,
                scores: g.scores,
            })
            .collect();
        let first_open = o
            .chances
            .first()
            .map(|c| contact_form(c.contact))
            .filter(|_| !failed);
        // A refusal for a form that is no longer on the page (feedback already sent) shows here.
        let orphan = flash
            .reply
            .clone()
            .filter(|r| !r.ok)
            .filter(|_| {
                !o.chances
                    .iter()
                    .any(|c| contact_form(c.contact) == flash.value("form"))
            })
            .and_then(|r| r.message);
        let flash = flash.clone();
        let young = o.audience == Audience::YoungPerson;
        view! {
            <section class="card">
                <h1>{t(lang, Msg::FbTitle)}</h1>
                <p>{tj(lang, Msg::FbIntro, young)}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{tj(lang, m, young)}</p> })}
                {orphan.map(|m| view! { <p class="form-error" role="alert">{tj(lang, m, young)}</p> })}
            </section>
            {o.chances.into_iter().map(|c| {
                let form = contact_form(c.contact);
                let state = flash.only_for(&form);
                let open = state.reply.is_some() || first_open.as_deref() == Some(form.as_str());
                view! { <FeedbackForm lang chance=c audience=o.audience key=format!("{}:{form}", o.form_key) state open/> }
            }).collect_view()}
            <section class="card">
                <h2>{tj(lang, Msg::FbGivenTitle, young)}</h2>
                <ScoreTrend lang rows=trend with_who=false/>
                <ul class="given">
                    {o.given.into_iter().rev().map(|g| view! { <GivenItem lang g young/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FeedbackForm(
    lang: Lang,
    chance: FeedbackChance,
    audience: Audience,
    key: String,
    state: FormState,
    open: bool,
) -> impl IntoView {
    let form = contact_form(chance.contact);
    let heading = match (chance.date, chance.kind) {
        (Some(date), Some(kind)) => tf(
            lang,
            Msg::FbAboutContact,
            &[
                ("kind", t(lang, kind.label())),
                ("date", &long_date(lang, date)),
                ("time", chance.time.as_deref().unwrap_or("")),
                ("who", &chance.with),
            ],
        ),
        _ => t(lang, Msg::FbAboutGeneral).to_string(),
    };
    let draft = chance.draft.clone().unwrap_or_default();
    // What to show: what a failed post left, else the draft.
    let from_state = state.reply.is_some();
    let value_of = |scale: Scale| -> String {
        if from_state {
            state.value(scale.code())
        } else {
            draft
                .scores
                .iter()
                .find(|(s, _)| *s == scale)
                .map(|(_, n)| n.to_string())
                .unwrap_or_default()
        }
    };
    let comment = if from_state {
        state.value("comment")
    } else {
        draft.comment.clone()
    };
    let anonymous = if from_state {
        state.value("anonymous") == "on"
    } else {
        draft.anonymous
    };
    let key = kept_key(&state, key);
    let share = if from_state {
        state.value("share") == "on"
    } else {
        draft.share
    };
    let anon_id = format!("{form}-anonymous");
    let anon_hint = format!("{form}-anonymous-hint");
    let share_id = format!("{form}-share");
    let share_hint = format!("{form}-share-hint");
    let share_error = state.error_for("share");
    let share_error_id = format!("{form}-share-error");
    let share_described = format!("{share_hint} {share_error_id}");
    let young = audience == Audience::YoungPerson;
    view! {
        <section class="card feedback" id=form.clone()>
            <details open=open>
                <summary><h2 class="inline">{heading}</h2></summary>
                {chance.draft.is_some().then(|| view! { <p class="status open">{tj(lang, Msg::FbDraftMarker, young)}</p> })}
                {chance.until.map(|d| view! { <p class="muted small">{tjf(lang, Msg::FbUntil, young, &[("date", &long_date(lang, d))])}</p> })}
                <form method="post" action=SaveFeedback::PATH>
                    {form_message(lang, &state)}
                    <input type="hidden" name="contact" value=chance.contact.map(|c| c.to_string()).unwrap_or_default()/>
                    <input type="hidden" name="key" value=key/>
                    {Scale::ALL.into_iter().map(|scale| {
                        let chosen = value_of(scale);
                        let error = state.error_for(scale.code());
                        view! { <ScaleField lang form=form.clone() scale audience chosen error/> }
                    }).collect_view()}
                    <TextField lang id=format!("{form}-comment") name="comment" label=Msg::FbComment hint=Some(youth(Msg::FbCommentHint, young)) value=comment error=state.error_for("comment") required=false/>
                    <div class="field">
                        <p id=anon_hint.clone() class="hint">{tj(lang, Msg::FbAnonymousExplained, young)}</p>
                        <div class="choice">
                            <input type="checkbox" id=anon_id.clone() name="anonymous" value="on" checked=anonymous aria-describedby=anon_hint/>
                            <label for=anon_id>{t(lang, Msg::FbAnonymousLabel)}</label>
                        </div>
                    </div>
                    <div class="field" class:invalid=share_error.is_some()>
                        <p id=share_hint class="hint">{tj(lang, Msg::FbShareExplained, young)}</p>
                        <div class="choice">
                            <input type="checkbox" id=share_id.clone() name="share" value="on" checked=share aria-describedby=share_described aria-invalid=share_error.map(|_| "true")/>
                            <label for=share_id>{tj(lang, Msg::FbShareLabel, young)}</label>
                        </div>
                        <p id=share_error_id class="field-error">{share_error.map(|m| tj(lang, m, young))}</p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" name="intent" value="send">{t(lang, Msg::FbSend)}</button>
                        <button type="submit" class="secondary" name="intent" value="draft">{t(lang, Msg::FbSaveDraft)}</button>
                    </div>
                </form>
            </details>
        </section>
    }
}

/// One 0–10 scale as eleven radio buttons, with what 0 and 10 mean.
#[component]
fn ScaleField(
    lang: Lang,
    form: String,
    scale: Scale,
    audience: Audience,
    chosen: String,
    error: Option<Msg>,
) -> impl IntoView {
    let (low, high) = scale.anchors();
    let base = format!("{form}-{}", scale.code());
    let err_id = format!("{base}-error");
    let anchors_id = format!("{base}-anchors");
    let described = format!("{anchors_id} {err_id}");
    view! {
        <fieldset class="field scale" class:invalid=error.is_some() aria-describedby=described>
            <legend>{t(lang, scale.question(audience))}</legend>
            <p class="anchors" id=anchors_id><span>{tf(lang, Msg::FbAnchorLow, &[("text", t(lang, low))])}</span><span>{tf(lang, Msg::FbAnchorHigh, &[("text", t(lang, high))])}</span></p>
            <div class="options">
                {(0..=10u8).map(|n| {
                    let id = format!("{base}-{n}");
                    let value = n.to_string();
                    let checked = chosen == value;
                    view! {
                        <span class="option">
                            <input type="radio" id=id.clone() name=scale.code() value=value.clone() checked=checked/>
                            <label for=id>{value}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            <p id=err_id class="field-error">{error.map(|m| t(lang, m))}</p>
        </fieldset>
    }
}

#[component]
fn GivenItem(lang: Lang, g: GivenFeedback, young: bool) -> impl IntoView {
    // Whether the organisation's own system may have the words: the writer's to change. The
    // button names which feedback it is about (every item has one with the same words).
    let about_id = format!("given-{}", g.id);
    let described = about_id.clone();
    let sharing = (g.comment.is_some() && !g.anonymous).then(|| {
        let (now, button, next) = if g.shared {
            (Msg::FbSharedYes, Msg::FbShareStop, "no")
        } else {
            (Msg::FbSharedNo, Msg::FbShareStart, "yes")
        };
        view! {
            <form method="post" action=ShareFeedback::PATH class="share-comment">
                <p class="small">{tj(lang, now, young)}</p>
                <input type="hidden" name="response" value=g.id.to_string()/>
                <input type="hidden" name="share" value=next/>
                <button type="submit" class="secondary" aria-describedby=described>{tj(lang, button, young)}</button>
            </form>
        }
    });
    let about = crate::components::follow_up::about(lang, g.contact, &g.with);
    let total = crate::domain::feedback::total(&g.scores);
    view! {
        <li class="given-item">
            <p id=about_id><strong>{about}</strong></p>
            <p class="muted small">{tf(lang, Msg::FbSentOn, &[("date", &long_date(lang, g.sent))])} {g.anonymous.then(|| format!(" · {}", t(lang, Msg::FbSentAnonymous)))}</p>
            <p>{tf(lang, Msg::FbYourScores, &[("list", &Scale::ALL.iter().zip(g.scores.iter()).map(|(s, n)| format!("{} {n}", t(lang, s.short()))).collect::<Vec<_>>().join(", ")), ("total", &total.to_string())])}</p>
            {g.comment.map(|c| view! { <blockquote class="own-view"><p dir="auto">{c}</p></blockquote> })}
            {sharing}
            <crate::components::follow_up::FollowUp lang reply=g.reply discussed=g.discussed say_none=true/>
        </li>
    }
}
