//! The components of the `inbox` page.
use super::*;

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(INBOX_FORM);
    let data = Resource::new_blocking(|| (), |_| load_inbox());
    crate::pages::loaded(data, move |inbox: Inbox| {
        let confirmation = flash.confirmation();
        let failed_other = flash
            .reply
            .clone()
            .filter(|r| !r.ok && r.field_errors.is_empty())
            .and_then(|r| r.message);
        let (attention, rest): (Vec<_>, Vec<_>) = inbox
            .feedback
            .iter()
            .cloned()
            .partition(FeedbackItem::needs_attention);
        let (unanswered, open, overdue) = inbox.counts();
        let today = inbox.today;
        let flash = flash.clone();
        let flash2 = flash.clone();
        let flash3 = flash.clone();
        view! {
            <section class="card">
                <h1>{t(lang, Msg::InboxTitle)}</h1>
                <p>{tf(lang, Msg::InboxSummary, &[("feedback", &unanswered.to_string()), ("open", &open.to_string()), ("overdue", &overdue.to_string())])}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                {failed_other.map(|m| view! { <p class="form-error" role="alert">{t(lang, m)}</p> })}
            </section>
            <section class="card" aria-labelledby="inbox-attention">
                <h2 id="inbox-attention">{t(lang, Msg::InboxAttention)}</h2>
                <p class="muted small">{t(lang, Msg::InboxAttentionHint)}</p>
                {attention.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {attention.into_iter().map(|f| view! { <FeedbackEntry lang f today state=flash.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-feedback">
                <h2 id="inbox-feedback">{t(lang, Msg::InboxFeedback)}</h2>
                {rest.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {rest.into_iter().map(|f| view! { <FeedbackEntry lang f today state=flash2.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-finalise">
                <h2 id="inbox-finalise">{t(lang, Msg::InboxFinalise)}</h2>
                {inbox.finalise.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {inbox.finalise.into_iter().map(|r| {
                        let why = if r.closed_early {
                            t(lang, Msg::InboxFinaliseClosed).to_string()
                        } else {
                            tf(lang, Msg::InboxFinalisePeriodOver, &[("date", &r.until.map(|d| long_date(lang, d)).unwrap_or_default())])
                        };
                        view! {
                            <li class="inbox-item">
                                <p><strong>{r.family.clone()}</strong> " · " <a href=format!("/zaken/{}/rapporten/{}/schrijven#publiceren", r.case_id, r.report_id)>{r.title.clone()}</a></p>
                                <p class="muted small">{why}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-corrections">
                <h2 id="inbox-corrections">{t(lang, Msg::InboxCorrections)}</h2>
                {inbox.corrections.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {inbox.corrections.into_iter().map(|c| view! { <CorrectionEntry lang c today state=flash3.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-views">
                <h2 id="inbox-views">{t(lang, Msg::InboxViews)}</h2>
                {inbox.views.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {inbox.views.into_iter().map(|v| view! {
                        <li class="inbox-item">
                            <p><strong>{v.family.clone()}</strong> " · " <a href=format!("/zaken/{}/rapporten/{}", v.case_id, v.report_id)>{v.report_title.clone()}</a>
                                {v.seq.map(|n| format!(" · {}", tf(lang, Msg::InboxStatementNo, &[("n", &n.to_string())])))}</p>
                            <p class="muted small">{tf(lang, Msg::OwnViewOf, &[("who", &v.by)])} " · " {long_date(lang, v.date)}</p>
                            <blockquote class="own-view"><p dir="auto">{v.text.clone()}</p></blockquote>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn FeedbackEntry(
    lang: Lang,
    f: FeedbackItem,
    today: NaiveDate,
    state: FormState,
) -> impl IntoView {
    let id = f.id;
    let reply_state = state.only_for(&format!("reply:{id}"));
    let discussed_state = state.only_for(&format!("discussed:{id}"));
    let who = f
        .respondent
        .clone()
        .unwrap_or_else(|| t(lang, Msg::FbAnonymous).to_string());
    let group = t(
        lang,
        if f.group == Audience::YoungPerson {
            Msg::FbGroupYoung
        } else {
            Msg::FbGroupParent
        },
    );
    let about = crate::components::follow_up::about(lang, f.contact, &f.about);
    let date_value = Some(discussed_state.value("date"))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| today.format("%Y-%m-%d").to_string());
    let date_error = discussed_state.error_for("date");
    let date_id = format!("d-{id}");
    let date_err = format!("d-{id}-error");
    view! {
        <li class="inbox-item" id=format!("r-{id}") class:flagged=f.needs_attention()>
            <p><a href=format!("/zaken/{}/contacten", f.case_id)><strong>{f.family.clone()}</strong></a> " · " {who} " (" {group} ")"</p>
            <p class="muted small">{about} " · " {tf(lang, Msg::FbSentOn, &[("date", &long_date(lang, f.sent))])}</p>
            <p class="flags">
                {f.flags.low.then(|| view! { <span class="flag">{t(lang, Msg::FlagLow)}</span> })}
                {f.flags.dropped.then(|| view! { <span class="flag">{t(lang, Msg::FlagDropped)}</span> })}
            </p>
            <p>{Scale::ALL.iter().zip(f.scores.iter()).map(|(s, n)| format!("{} {n}", t(lang, s.short()))).collect::<Vec<_>>().join(" · ")} " · " <strong>{tf(lang, Msg::FbTotalOf, &[("n", &total(&f.scores).to_string())])}</strong></p>
            {f.comment.clone().map(|c| view! { <blockquote class="own-view"><p dir="auto">{c}</p></blockquote> })}
            <crate::components::follow_up::FollowUp lang reply=f.reply.clone() discussed=f.discussed/>
            <details class="respond-form" open=reply_state.reply.is_some()>
                <summary>{t(lang, if f.reply.is_some() { Msg::FbReplyChange } else { Msg::FbReplyButton })}</summary>
                <form method="post" action=ReplyToFeedback::PATH>
                    {form_message(lang, &reply_state)}
                    <input type="hidden" name="response" value=id.to_string()/>
                    <TextField lang id=format!("reply-{id}") name="text" label=Msg::FbReplyLabel hint=Some(Msg::FbReplyHint) value=reply_state.value("text") error=reply_state.error_for("text") required=true/>
                    <button type="submit" class="primary">{t(lang, Msg::FbReplySubmit)}</button>
                </form>
            </details>
            <form method="post" action=MarkDiscussed::PATH class="inline-form">
                {form_message(lang, &discussed_state)}
                <input type="hidden" name="response" value=id.to_string()/>
                <div class="field" class:invalid=date_error.is_some()>
                    <label for=date_id.clone()>{t(lang, Msg::FbDiscussedLabel)}</label>
                    <input type="date" id=date_id name="date" value=date_value max=today.format("%Y-%m-%d").to_string() aria-describedby=date_err.clone() aria-invalid=date_error.is_some().then_some("true")/>
                    <p id=date_err class="field-error">{date_error.map(|m| t(lang, m))}</p>
                </div>
                <button type="submit" class="secondary">{t(lang, Msg::FbDiscussedSubmit)}</button>
            </form>
        </li>
    }
}

#[component]
fn CorrectionEntry(
    lang: Lang,
    c: CorrectionTask,
    today: NaiveDate,
    state: FormState,
) -> impl IntoView {
    let id = c.id;
    let r = c.request.clone();
    let accept_state = state.only_for(&format!("accept:{id}"));
    let decline_state = state.only_for(&format!("decline:{id}"));
    let days = (r.due - today).num_days();
    let open = r.open();
    let overdue = open && days < 0;
    let deadline = if !open {
        None
    } else if days >= 0 {
        Some(tf(
            lang,
            Msg::CorrectionDue,
            &[
                ("date", &long_date(lang, r.due)),
                ("left", &crate::i18n::days_left(lang, days)),
            ],
        ))
    } else {
        Some(tf(
            lang,
            Msg::CorrectionOverdue,
            &[("date", &long_date(lang, r.due))],
        ))
    };
    let new_text = Some(accept_state.value("text"))
        .filter(|v| !v.is_empty())
        .or_else(|| r.proposed.clone())
        .unwrap_or_else(|| c.statement_text.clone());
    view! {
        <li class="inbox-item" id=format!("c-{id}") class:flagged=overdue>
            <p><strong>{c.family.clone()}</strong> " · " <a href=format!("/zaken/{}/rapporten/{}#s-{}", c.case_id, c.report_id, c.statement_id)>{c.report_title.clone()}</a> " · " {tf(lang, Msg::InboxStatementNo, &[("n", &c.seq.to_string())])}</p>
            <p class="statement-text">{c.statement_text.clone()}</p>
            <p><strong>{tf(lang, Msg::InboxRequestBy, &[("who", &c.by), ("date", &long_date(lang, r.filed))])}</strong> " " {t(lang, r.kind.label())}</p>
            <p class="muted" dir="auto">{r.reason.clone()}</p>
            {r.proposed.clone().map(|p| view! { <p>{t(lang, Msg::InboxProposed)} ": " <em>{p}</em></p> })}
            <p>{t(lang, Msg::CorrectionStatusLabel)} ": " <strong>{t(lang, r.status.label())}</strong></p>
            {deadline.map(|d| view! { <p class="deadline" class:overdue=overdue>{d}</p> })}
            {r.decision.clone().map(|d| view! { <p>{t(lang, Msg::CorrectionDecision)} ": " {d}</p> })}
            {open.then(|| view! {
                <details class="respond-form" open=accept_state.reply.is_some()>
                    <summary>{t(lang, Msg::DecisionAccept)}</summary>
                    <form method="post" action=DecideCorrection::PATH>
                        {form_message(lang, &accept_state)}
                        <input type="hidden" name="request" value=id.to_string()/>
                        <input type="hidden" name="decision" value="accept"/>
                        <TextField lang id=format!("a-{id}-text") name="text" label=Msg::DecisionNewText hint=Some(Msg::DecisionNewTextHint) value=new_text error=accept_state.error_for("text") required=true/>
                        <TextField lang id=format!("a-{id}-reason") name="reason" label=Msg::DecisionReason hint=None value=accept_state.value("reason") error=accept_state.error_for("reason") required=true/>
                        <button type="submit" class="primary">{t(lang, Msg::DecisionAcceptSubmit)}</button>
                    </form>
                </details>
                <details class="respond-form" open=decline_state.reply.is_some()>
                    <summary>{t(lang, Msg::DecisionDecline)}</summary>
                    <form method="post" action=DecideCorrection::PATH>
                        {form_message(lang, &decline_state)}
                        <input type="hidden" name="request" value=id.to_string()/>
                        <input type="hidden" name="decision" value="decline"/>
                        <input type="hidden" name="text" value=""/>
                        <p class="hint">{t(lang, Msg::DecisionDeclineNote)}</p>
                        <TextField lang id=format!("d-{id}-reason") name="reason" label=Msg::DecisionReason hint=None value=decline_state.value("reason") error=decline_state.error_for("reason") required=true/>
                        <button type="submit" class="primary">{t(lang, Msg::DecisionDeclineSubmit)}</button>
                    </form>
                </details>
            })}
        </li>
    }
}
