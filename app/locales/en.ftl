# Helder — English. Same keys as nl.ftl.

app_name = Helder
skip_to_content = Skip to content
language_name = English
logged_in_as = Logged in as
log_out = Log out
back_home = Back to the start
footer_about = Helder shows what has been recorded about your family and what you can do. Questions? Call your contact person.

crisis_label = Help in danger
crisis_danger = In danger right now?
crisis_call_112 = Call 112
crisis_call_vt = Veilig Thuis: 0800-2000 (free, day and night)

error_not_found = This page does not exist or is not for you.
error_login_needed = Please log in first.
error_throttled = Too many attempts. Wait a few minutes and try again.
error_invalid = Something is wrong with what you sent.
error_unavailable = Something went wrong on our side. Please try again later.

login_title = Log in
login_intro = Log in to see what has been recorded about your family.
login_username = Username
login_password = Password
login_submit = Log in
login_username_missing = Enter your username.
login_password_missing = Enter your password.
login_rejected = The username or password is not correct. Mind capital letters.

home_other_title = Welcome
home_other_text = In Helder you only see figures without names. This part is coming soon.

cases_title = My cases
cases_none = You have no cases right now.

where_title = Where am I now?
now_label = Now
lead_by = Who leads this
started_on = Started on
deadline = Deadline
deadline_days_left = By {date} at the latest: {days} days left.
deadline_tomorrow = By tomorrow, {date}, at the latest.
deadline_today = By today, {date}, at the latest.
deadline_passed = This should have been done on {date}: {days} days ago. Ask your contact person why it takes longer.
what_can_you_do = What can you do now?
route_title = Your route so far
phase_from_to = from {from} to {to}
phase_since = since {from}
maybe_next = Perhaps next:
handover_with_watch = From {date} {to} is responsible. {from} keeps watching until {until}.
handover_plain = From {date} {to} is responsible.
contact_title = Your contact person
responsible_since = Your contact person since {date}.
call_number = Call: {number}

role_jeugdbeschermer = child protection worker
role_raadsonderzoeker = Council investigator
role_gedragsdeskundige = behavioural expert
role_vt_medewerker = Veilig Thuis worker
role_wijkteam = local team worker
role_advocaat = lawyer
role_vertrouwenspersoon = confidential adviser
role_bijzondere_curator = special guardian (bijzondere curator)

phase_vt_melding_name = Report to Veilig Thuis
phase_vt_melding_text = Someone was worried about your family and called Veilig Thuis.
phase_vt_beoordeling_name = Safety assessment
phase_vt_beoordeling_text = Veilig Thuis looks at how safe things are at home now and what needs to happen. This happens within 5 working days of the report.
phase_vt_voorwaarden_name = Agreements about safety
phase_vt_voorwaarden_text = Together we agree on what is needed at the very least to make home safe.
phase_vt_onderzoek_name = Veilig Thuis investigation
phase_vt_onderzoek_text = Veilig Thuis finds out whether there is violence or abuse. You hear who was spoken to and you get a report.
phase_lt_hulp_name = Help from the local team
phase_lt_hulp_text = The local team helps your family. They are now your first point of contact.
phase_vt_monitoring_name = Checking that things stay safe
phase_vt_monitoring_text = Veilig Thuis checks with you and the care workers that home stays safe.
phase_rvdk_tafel_name = Child protection meeting
phase_rvdk_tafel_text = You talk with the Council and the care workers. Together you look at whether help without a judge is enough.
phase_rvdk_wacht_name = Waiting for the Council's investigation
phase_rvdk_wacht_text = The Child Protection Council will investigate. You get a letter when it starts.
phase_rvdk_onderzoek_name = Council investigation
phase_rvdk_onderzoek_text = The Council investigates what your child needs to grow up safely. The Council talks with you, your children and others who know your family.
phase_rechter_zitting_name = Hearing at the juvenile court
phase_rechter_zitting_text = The juvenile judge decides. You may say what you think. Children aged 12 and over get their own invitation.
phase_gi_voorlopige_ots_name = Interim supervision order
phase_gi_voorlopige_ots_text = Because it was urgent, the judge appointed a child protection worker. This lasts 3 months at most.
phase_gi_ots_name = Supervision order
phase_gi_ots_text = A child protection worker helps and supervises. You raise your children yourself, but follow the agreements. This lasts a year at most; then the judge may extend it.
phase_gi_muhp_name = Your child lives somewhere else
phase_gi_muhp_text = The judge has allowed your child to live somewhere else for a while.
phase_gi_voogdij_name = Guardianship
phase_gi_voogdij_text = The child protection worker now has parental authority over your child.
phase_afgesloten_name = Closed
phase_afgesloten_text = This case is finished. Your file is kept for some time.

phase_can_ask_who_reported = You may ask who made the report. Veilig Thuis tells you if that is safe.
phase_can_react_to_report = You may respond to what was written about you. Say so if something is not right.
phase_can_be_heard = You may tell the judge what you think. You may bring a lawyer.
phase_can_make_plan = Make a plan together with the child protection worker. You may say what you need.
phase_can_ask_questions = Ask your contact person your questions. A confidential adviser from Jeugdstem can help you for free.

month_1 = January
month_2 = February
month_3 = March
month_4 = April
month_5 = May
month_6 = June
month_7 = July
month_8 = August
month_9 = September
month_10 = October
month_11 = November
month_12 = December

nav_where = Where am I now?
nav_access = Who looked?
access_title = Who has looked at my file?
access_intro = Here you see who opened your file in Helder, what and when. Does something seem wrong? Ask your contact person or a confidential adviser.
access_none = Nobody has looked at your file yet.
access_entry_other = {who} looked at "{what}" on {date} at {time}.
access_entry_me = You looked at "{what}" yourself on {date} at {time}.
nav_label = Parts of your file
logged_out = You are logged out. Close the browser if you use a shared phone or computer.

nav_sessions = Where am I logged in?
sessions_title = Where are you logged in?
sessions_intro = Here you see on which phones and computers you are logged in now. Don't recognise one? Log it out and choose a new password.
sessions_this_device = This device
sessions_started = Logged in on {date} at {time}
sessions_last_seen = Last used on {date} at {time}
sessions_end = Log out on that device
sessions_ended = That device has been logged out.
