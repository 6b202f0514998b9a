# Helder — Nederlands (B1). Dit is de referentietaal: elke andere taal heeft precies dezelfde sleutels.
# Vorm: sleutel = tekst. {naam} is een invulplek. Een regel die met vier spaties begint, hoort bij de vorige.

app_name = Helder
skip_to_content = Naar de inhoud
language_name = Nederlands
logged_in_as = Ingelogd als
log_out = Uitloggen
back_home = Terug naar het begin
footer_about = Helder laat zien wat er over uw gezin is vastgelegd en wat u kunt doen. Vragen? Bel uw contactpersoon.

crisis_label = Hulp bij gevaar
crisis_danger = Direct gevaar?
crisis_call_112 = Bel 112
crisis_call_vt = Veilig Thuis: 0800-2000 (gratis, dag en nacht)

error_not_found = Deze pagina bestaat niet of is niet voor u.
error_login_needed = Log eerst in.
error_throttled = Te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.
error_invalid = Er klopt iets niet met wat u stuurde.
error_unavailable = Er ging iets mis bij ons. Probeer het later nog eens.

login_title = Inloggen
login_intro = Log in om te zien wat er over uw gezin is vastgelegd.
login_username = Gebruikersnaam
login_password = Wachtwoord
login_submit = Inloggen
login_username_missing = Vul uw gebruikersnaam in.
login_password_missing = Vul uw wachtwoord in.
login_rejected = De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters.

home_other_title = Welkom
home_other_text = U ziet in Helder alleen cijfers zonder namen. Dit deel komt binnenkort.

cases_title = Mijn zaken
cases_none = U heeft nu geen zaken.

where_title = Waar sta ik nu?
now_label = Nu
lead_by = Wie leidt dit
started_on = Begonnen op
deadline = Termijn
deadline_days_left = Uiterlijk {date}: nog {days} dagen.
deadline_tomorrow = Uiterlijk morgen, {date}.
deadline_today = Uiterlijk vandaag, {date}.
deadline_passed = Dit had klaar moeten zijn op {date}: {days} dagen geleden. Vraag uw contactpersoon waarom het langer duurt.
what_can_you_do = Wat kunt u nu doen?
route_title = Uw route tot nu toe
phase_from_to = van {from} tot {to}
phase_since = sinds {from}
maybe_next = Misschien hierna:
handover_with_watch = Vanaf {date} is {to} verantwoordelijk. {from} kijkt nog mee tot {until}.
handover_plain = Vanaf {date} is {to} verantwoordelijk.
contact_title = Uw contactpersoon
responsible_since = Uw contactpersoon sinds {date}.
call_number = Bellen: {number}

role_jeugdbeschermer = jeugdbeschermer
role_raadsonderzoeker = raadsonderzoeker
role_gedragsdeskundige = gedragsdeskundige
role_vt_medewerker = medewerker Veilig Thuis
role_wijkteam = medewerker wijkteam
role_advocaat = advocaat
role_vertrouwenspersoon = vertrouwenspersoon
role_bijzondere_curator = bijzondere curator

phase_vt_melding_name = Melding bij Veilig Thuis
phase_vt_melding_text = Iemand maakte zich zorgen over uw gezin en belde Veilig Thuis.
phase_vt_beoordeling_name = Veiligheidsbeoordeling
phase_vt_beoordeling_text = Veilig Thuis bekijkt hoe veilig het nu thuis is en wat er moet gebeuren. Dit gebeurt binnen 5 werkdagen na de melding.
phase_vt_voorwaarden_name = Afspraken over veiligheid
phase_vt_voorwaarden_text = Samen spreken we af wat er minstens nodig is om het thuis veilig te maken.
phase_vt_onderzoek_name = Onderzoek van Veilig Thuis
phase_vt_onderzoek_text = Veilig Thuis zoekt uit of er geweld of mishandeling is. U hoort met wie er is gesproken en u krijgt een verslag.
phase_lt_hulp_name = Hulp van het wijkteam
phase_lt_hulp_text = Het wijkteam helpt uw gezin. Zij zijn nu uw eerste aanspreekpunt.
phase_vt_monitoring_name = Meekijken of het veilig blijft
phase_vt_monitoring_text = Veilig Thuis kijkt samen met u en de hulpverleners of het thuis veilig blijft.
phase_rvdk_tafel_name = Jeugdbeschermingstafel
phase_rvdk_tafel_text = U praat met de Raad en de hulpverleners. Samen kijken jullie of hulp zonder rechter genoeg is.
phase_rvdk_wacht_name = Wachten op het onderzoek van de Raad
phase_rvdk_wacht_text = De Raad voor de Kinderbescherming gaat onderzoek doen. U krijgt een brief wanneer het begint.
phase_rvdk_onderzoek_name = Onderzoek van de Raad
phase_rvdk_onderzoek_text = De Raad onderzoekt wat uw kind nodig heeft om veilig op te groeien. De Raad praat met u, met uw kinderen en met anderen die uw gezin kennen.
phase_rechter_zitting_name = Zitting bij de kinderrechter
phase_rechter_zitting_text = De kinderrechter beslist. U mag zeggen wat u ervan vindt. Kinderen van 12 jaar en ouder krijgen een eigen uitnodiging.
phase_gi_voorlopige_ots_name = Voorlopige ondertoezichtstelling
phase_gi_voorlopige_ots_text = Omdat het snel moest, heeft de rechter een jeugdbeschermer aangewezen. Dit duurt hoogstens 3 maanden.
phase_gi_ots_name = Ondertoezichtstelling
phase_gi_ots_text = Een jeugdbeschermer helpt en houdt toezicht. U voedt zelf op, maar volgt de afspraken. Dit duurt hoogstens een jaar, daarna kan de rechter verlengen.
phase_gi_muhp_name = Uw kind woont ergens anders
phase_gi_muhp_text = De rechter heeft toegestaan dat uw kind een tijd ergens anders woont.
phase_gi_voogdij_name = Voogdij
phase_gi_voogdij_text = De jeugdbeschermer heeft nu het gezag over uw kind.
phase_afgesloten_name = Afgesloten
phase_afgesloten_text = Deze zaak is klaar. Uw dossier wordt nog een tijd bewaard.

phase_can_ask_who_reported = U mag vragen wie de melding deed. Veilig Thuis vertelt dat als het veilig kan.
phase_can_react_to_report = U mag reageren op wat er over u geschreven is. Zegt u het als iets niet klopt.
phase_can_be_heard = U mag de rechter vertellen wat u ervan vindt. U mag een advocaat meenemen.
phase_can_make_plan = Maak samen met de jeugdbeschermer een plan. U mag zeggen wat u nodig heeft.
phase_can_ask_questions = Stel uw vragen aan uw contactpersoon. Een vertrouwenspersoon van Jeugdstem kan u gratis helpen.

month_1 = januari
month_2 = februari
month_3 = maart
month_4 = april
month_5 = mei
month_6 = juni
month_7 = juli
month_8 = augustus
month_9 = september
month_10 = oktober
month_11 = november
month_12 = december

nav_where = Waar sta ik nu?
nav_access = Wie keek mee?
access_title = Wie heeft mijn dossier bekeken?
access_intro = Hier ziet u wie uw dossier in Helder heeft geopend, wat en wanneer. Klopt er iets niet? Vraag het uw contactpersoon of een vertrouwenspersoon.
access_none = Nog niemand heeft uw dossier bekeken.
access_entry_other = {who} bekeek "{what}" op {date} om {time}.
access_entry_me = U bekeek zelf "{what}" op {date} om {time}.
nav_label = Onderdelen van uw dossier
logged_out = U bent uitgelogd. Sluit de browser als u een gedeelde telefoon of computer gebruikt.

nav_sessions = Waar ben ik ingelogd?
sessions_title = Waar bent u ingelogd?
sessions_intro = Hier ziet u op welke telefoons en computers u nu bent ingelogd. Herkent u er een niet? Log die dan uit en kies een nieuw wachtwoord.
sessions_this_device = Dit apparaat
sessions_started = Ingelogd op {date} om {time}
sessions_last_seen = Laatst gebruikt op {date} om {time}
sessions_end = Dat apparaat uitloggen
sessions_ended = Dat apparaat is uitgelogd.
