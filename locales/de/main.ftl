app-name = qualify
skip-to-content = Zum Inhalt springen
nav-program = Programm
nav-label = Hauptnavigation
nav-people = Personen
nav-mail = E-Mails
nav-profile = Mein Profil
nav-sign-in = Anmelden
nav-sign-out = Abmelden
language-switch = English
language-switch-label = Sprache wechseln / change language
footer-text = Qualifizierung und Zertifizierung für Community Manager:innen

program-version = Curriculum-Version { $version }
program-validity = Zertifikate sind { $months ->
    [one] { $months } Monat
   *[other] { $months } Monate
} gültig.
program-modules = Module
program-module-schedule = Wochen { $from }–{ $to }
program-minutes = etwa { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
}
program-assignments = Aufgaben
program-required = Pflicht für das Zertifikat
program-optional = freiwillig
program-pass = Bestanden ab { $threshold } von { $max ->
    [one] { $max } Punkt
   *[other] { $max } Punkten
}
program-rubric = Bewertungsraster
program-criterion = Kriterium
program-levels = Stufen
program-points = { $points ->
    [one] { $points } Punkt
   *[other] { $points } Punkte
}
program-brief = Aufgabenstellung

error-back-home = Zurück zur Startseite
error-reference = Fehler { $status }
error-400 = Die Anfrage konnte nicht verarbeitet werden
error-400-text = Etwas an der Anfrage war ungültig. Bitte prüfen Sie Ihre Eingaben und versuchen Sie es erneut.
error-422 = Einige Angaben sind zu korrigieren
error-401 = Bitte melden Sie sich an
error-401-text = Um diese Seite zu sehen, müssen Sie angemeldet sein.
error-403 = Zugriff verweigert
error-403-text = Dazu sind Sie nicht berechtigt. Wenn Sie meinen, dass Sie es sein sollten, wenden Sie sich an die Programmleitung.
error-404 = Seite nicht gefunden
error-404-text = Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar.
error-409 = Jemand anderes war schneller
error-409-text = Ihre Änderung wurde nicht gespeichert, weil sich die Daten inzwischen geändert haben. Laden Sie die Seite neu und versuchen Sie es noch einmal.
error-413 = Zu groß
error-413-text = Der Upload oder das Formular ist größer als erlaubt.
error-429 = Zu viele Versuche
error-429-text = Bitte warten Sie einen Moment, bevor Sie es erneut versuchen.
error-500 = Etwas ist schiefgegangen
error-500-text = Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es später erneut.
error-503 = Vorübergehend nicht erreichbar
error-503-text = Der Dienst erreicht seine Datenbank gerade nicht. Bitte versuchen Sie es in einigen Minuten erneut.

save = Speichern
field-email = E-Mail-Adresse
field-password = Passwort
field-new-password = Neues Passwort (mindestens 10 Zeichen)
field-name = Name
field-language = Sprache
field-time-zone = Zeitzone

sign-in-title = Anmelden
sign-in-link-heading = Mit einem Link per E-Mail anmelden
sign-in-link-intro = Geben Sie Ihre dienstliche E-Mail-Adresse ein. Gehört sie zu einem Konto, senden wir Ihnen einen Link, mit dem Sie sich anmelden.
sign-in-link-button = Anmeldelink senden
sign-in-password-heading = Mit Passwort anmelden
sign-in-password-button = Anmelden
sign-in-forgot = Passwort vergessen? Fordern Sie oben einen Anmeldelink an und legen Sie dann in Ihrem Profil ein neues Passwort fest.
sign-in-error-email = Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel jana.schmidt@example.com.
sign-in-error-password = E-Mail-Adresse oder Passwort stimmen nicht.
sign-in-sent-title = Schauen Sie in Ihr Postfach
sign-in-sent-text = Wenn { $email } zu einem Konto gehört, ist ein Anmeldelink unterwegs. Er funktioniert einmal und nur wenige Minuten lang.
sign-in-again = Neuen Link anfordern
sign-in-confirm-title = Anmeldung bestätigen
sign-in-confirm-text = Klicken Sie auf die Schaltfläche, um sich bei qualify anzumelden.
sign-in-confirm-button = Jetzt anmelden
sign-in-invalid-title = Dieser Link funktioniert nicht mehr
sign-in-invalid-text = Anmeldelinks funktionieren einmal und nur wenige Minuten lang. Fordern Sie einen neuen an.

profile-title = Mein Profil
profile-saved = Ihre Änderungen wurden gespeichert.
profile-details = Persönliche Angaben
profile-password = Passwort
profile-password-set = Sie haben ein Passwort. Ein neues ersetzt es.
profile-password-none = Sie melden sich mit Links per E-Mail an. Sie können zusätzlich ein Passwort festlegen.
profile-tokens = API-Tokens
profile-token-once = Kopieren Sie dieses Token jetzt: Es wird nur einmal angezeigt.
profile-token-name = Name des neuen Tokens
profile-token-create = Token erstellen
profile-token-revoke = Widerrufen
profile-token-revoked = widerrufen
profile-sessions = Sitzungen
profile-sessions-text = Meldet Sie auf allen Geräten und in allen Browsern ab, auch in diesem.
profile-sign-out-everywhere = Überall abmelden
profile-error-name = Bitte geben Sie Ihren Namen ein (höchstens 200 Zeichen).
profile-error-language = Bitte wählen Sie Deutsch oder Englisch.
profile-error-time-zone = Bitte wählen Sie eine Zeitzone aus der Liste.
token-error-name = Bitte geben Sie dem Token einen Namen (höchstens 100 Zeichen).
token-error-days = Ein Token gilt 1 bis 365 Tage.
field-current-password = Aktuelles Passwort
profile-current-password-hint = In den ersten 10 Minuten nach der Anmeldung nicht nötig.
profile-error-current-password = Bitte geben Sie Ihr aktuelles Passwort ein oder melden Sie sich erneut an: Die Änderung braucht es, wenn die Anmeldung länger als 10 Minuten zurückliegt.
profile-error-too-many-attempts = Zu viele falsche Passwörter. Melden Sie sich ab und wieder an, oder versuchen Sie es in 15 Minuten erneut.
profile-error-sign-in-again = Bitte melden Sie sich zuerst erneut an: Die Änderung ist in den ersten 10 Minuten nach der Anmeldung möglich.
profile-token-days = Gültig für (Tage, höchstens 365)
profile-token-created = erstellt
profile-token-last-used = zuletzt benutzt
profile-token-never-used = noch nie benutzt
profile-token-expires = gültig bis
profile-token-expired = abgelaufen
mail-password-changed-subject = Ihr qualify-Passwort wurde geändert
mail-password-changed-text = Das Passwort Ihres qualify-Kontos wurde soeben geändert. Überall sonst wurden Sie abgemeldet.
mail-password-changed-not-you = Wenn Sie das nicht waren, melden Sie sich sofort mit einem Link per E-Mail an, setzen Sie ein neues Passwort und informieren Sie die Programmleitung.
mail-sign-off = Ihr Programmteam
mail-ask = Bei Fragen wenden Sie sich an die Programmleitung.
mail-ask-reply = Bei Fragen antworten Sie auf diese E-Mail oder schreiben Sie an die Programmleitung: { $contact }
password-too-short = Das Passwort braucht mindestens 10 Zeichen.
password-too-long = Das Passwort darf höchstens 256 Zeichen haben.
password-too-common = Dieses Passwort ist zu leicht zu erraten. Bitte wählen Sie ein anderes.

people-title = Personen
people-saved = Die Änderung wurde gespeichert.
people-search = Nach Name oder E-Mail suchen
people-mail-refused = E-Mail abgewiesen: Adresse prüfen
people-search-button = Suchen
people-count = { $count ->
    [one] { $count } Person
   *[other] { $count } Personen
}
people-roles = Rollen
people-status = Status
people-actions = Aktionen
people-pages = Seiten
people-grant-owner = Zur Programmleitung machen
people-revoke-owner = Rolle Programmleitung entziehen
people-disable = Konto sperren
people-enable = Konto entsperren
people-invite = Personen einladen
people-invite-help = Eine E-Mail-Adresse pro Zeile oder CSV mit Kopfzeile: name, email, language, org_unit, manager_email
people-invite-button = Einladen
people-back = Zurück zu den Personen
role-owner = Programmleitung
status-active = aktiv
status-disabled = gesperrt
status-suspended = ausgeschieden (ruht)
invite-summary = { $invited } eingeladen, { $existing ->
    [one] { $existing } hatte
   *[other] { $existing } hatten
} bereits ein Konto, { $errors ->
    [one] { $errors } Zeile
   *[other] { $errors } Zeilen
} mit Fehlern.
invite-errors = Zeilen, die nicht verwendet werden konnten
invite-invited = Eingeladen
invite-existing = Hatten bereits ein Konto (nichts geändert)
invite-line = Zeile { $line }
invite-error-email = keine gültige E-Mail-Adresse
invite-error-language = Sprache muss de oder en sein
invite-error-manager = die E-Mail-Adresse der Führungskraft ist ungültig
invite-error-duplicate = kommt mehrfach vor (zuerst in der Zeile in Klammern)

mail-title = E-Mail-Versand
mail-pending = { $count ->
    [one] { $count } E-Mail wartet
   *[other] { $count } E-Mails warten
} auf den Versand.
mail-to = An
mail-subject = Betreff
mail-error = Fehler
mail-attempts = Versuche
mail-retry = Erneut senden
mail-none-failed = Keine fehlgeschlagenen E-Mails.

mail-greeting = Hallo { $name },
mail-sign-in-subject = Ihr Anmeldelink für qualify
mail-sign-in-text = Mit diesem Link melden Sie sich bei qualify an. Er funktioniert einmal, innerhalb von { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
}.
mail-sign-in-button = Bei qualify anmelden
mail-sign-in-ignore = Wenn Sie diesen Link nicht angefordert haben, können Sie diese E-Mail ignorieren.
mail-invitation-subject = Ihre Einladung zur Qualifizierung für Community Manager:innen
mail-invitation-text = { $inviter } hat Sie zur Qualifizierung für Community Manager:innen eingeladen. Mit diesem Link melden Sie sich innerhalb von { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
} zum ersten Mal an.
mail-invitation-button = Einladung annehmen

nav-cohorts = Kohorten
nav-audit = Protokoll
cohorts-title = Kohorten
cohorts-none = Noch keine Kohorten.
cohort-create = Neue Kohorte
cohort-create-help = Der Zeitplan entsteht aus den Abständen des Programms (Module öffnen zu Tagesbeginn und sind zum Tagesende fällig, in der Zeitzone der Kohorte); jedes Datum lässt sich danach verschieben. Die Kohorte nutzt die neueste Curriculum-Version.
cohort-create-button = Kohorte anlegen
cohort-starts = Startdatum
cohort-state = Status
cohort-trainees = Teilnehmende
cohort-state-planned = geplant
cohort-state-running = läuft
cohort-state-completed = abgeschlossen
cohort-state-archived = archiviert
cohort-read-only = Diese Kohorte ist abgeschlossen und kann nicht mehr geändert werden.
cohort-start = Kohorte starten
cohort-complete = Kohorte abschließen
cohort-archive = Archivieren
cohort-schedule = Zeitplan
cohort-schedule-changed = Jemand hat diese Kohorte inzwischen geändert. Jetzt gespeichert für dieses Modul: freigeschaltet ab { $unlock }, fällig { $due }. Das Formular zeigt Ihre Daten; speichern Sie erneut, um sie zu übernehmen.
cohort-opens = Freigeschaltet ab
cohort-due = Fällig
cohort-cotrainers = Co-Trainer:innen
cohort-no-cotrainers = Noch keine Co-Trainer:innen.
cohort-cotrainers-help = E-Mail-Adressen der Co-Trainer:innen, eine pro Zeile
cohort-no-trainees = Noch keine Teilnehmenden.
cohort-move-to = In Kohorte verschieben
cohort-move = Verschieben
cohort-defer = Zurückstellen
cohort-withdraw = Teilnahme beenden
cohort-enroll = Teilnehmende aufnehmen
cohort-enroll-preview = Erst prüfen
cohort-enroll-check = Vor dem Aufnehmen prüfen
cohort-enroll-done = Aufgenommen
cohort-enroll-confirm = Jetzt aufnehmen
cohort-enroll-correct = Liste korrigieren
cohort-back = Zurück zur Kohorte
cohort-error-name = Bitte geben Sie der Kohorte einen Namen (höchstens 120 Zeichen).
cohort-error-date = Bitte geben Sie das Startdatum als Datum ein, zum Beispiel 2027-03-01.
cohort-error-time-zone = Bitte wählen Sie eine Zeitzone aus der Liste.
cohort-error-version = Diese Curriculum-Version gibt es nicht.
cohort-error-program = Bitte wählen Sie ein Programm aus der Liste.
cohort-program = Programm
enrollment-active = aktiv
enrollment-withdrawn = Teilnahme beendet
enrollment-deferred = zurückgestellt
enrollment-completed = abgeschlossen
enroll-summary = { $new ->
    [one] { $new } neue Person
   *[other] { $new } neue Personen
}, { $existing ->
    [one] { $existing } vorhandene Person
   *[other] { $existing } vorhandene Personen
}, { $already } bereits aufgenommen, { $errors ->
    [one] { $errors } Zeile
   *[other] { $errors } Zeilen
} mit Fehlern.
enroll-new = Neue Konten (erhalten eine Einladung)
enroll-existing = Vorhandene Konten
enroll-already = Bereits in dieser Kohorte (nichts ändert sich)
enroll-error-disabled = das Konto ist gesperrt
enroll-error-no-certificate = hat kein Zertifikat, das diese Auffrischung erneuern kann (gültig oder innerhalb der Nachfrist abgelaufen)
audit-title = Protokoll
audit-action = Aktion
audit-actor = Person (E-Mail)
audit-when = Zeitpunkt
audit-object = Objekt
audit-details = Details
audit-none = Keine Einträge.

nav-learn = Mein Lernen
learn-title = Mein Lernen
learn-none = Sie sind noch in keiner Kohorte.
learn-progress = { $passed } von { $required ->
    [one] { $required } Pflichtaufgabe
   *[other] { $required } Pflichtaufgaben
} bestanden
learn-next-deadline = als Nächstes: { $title }, fällig { $due }
learn-opens = freigeschaltet ab { $date }
learn-due = fällig { $due }
learn-late-now = verspätet
learn-closed = geschlossen
learn-locked = Dieses Modul wird am { $date } freigeschaltet.
learn-back-module = Zurück zum Modul
learn-late-warning = Die Frist ist abgelaufen. Sie können noch abgeben; Ihre Arbeit wird als verspätet markiert.
learn-certificate = Zertifiziert am { $issued }
learn-certificate-until = gültig bis { $date }
learn-certificate-open = Zertifikat anzeigen
learn-feedback-title = Neue Rückmeldungen (letzte 14 Tage)
learn-feedback-version = Version { $version }, entschieden am { $when }
module-state-locked = noch nicht freigeschaltet
module-state-open = freigeschaltet
module-state-submitted = abgegeben
module-state-in_review = in Bewertung
module-state-revision_requested = Überarbeitung erbeten
module-state-passed = bestanden
work-state-locked = noch nicht freigeschaltet
work-state-open = nicht begonnen
work-state-draft = Entwurf
work-state-submitted = abgegeben
work-state-in_review = in Bewertung
work-state-revision_requested = Überarbeitung erbeten
work-state-passed = bestanden
work-state-failed = nicht bestanden
work-your-text = Ihre Abgabe
work-markdown-help = Sie können Markdown verwenden: **fett**, *kursiv*, Listen mit -, Überschriften mit #.
work-save = Entwurf speichern
work-preview = Vorschau
work-submit = Abgeben
work-withdraw = Abgabe zurückziehen
work-versions = Abgegebene Versionen
work-version = Version { $number }, { $date }
work-late = verspätet
work-no-versions = Noch nichts abgegeben.
work-done-saved = Ihr Entwurf wurde gespeichert.
work-done-submitted = Ihre Arbeit wurde abgegeben.
work-done-withdrawn = Ihre Abgabe wurde zurückgezogen; der Text ist wieder Ihr Entwurf.
work-error-locked = Dieses Modul ist noch nicht freigeschaltet. Sie können beginnen, sobald es freigeschaltet ist.
work-error-empty = Bitte schreiben Sie etwas, bevor Sie abgeben. Ihr Entwurf wurde gespeichert.
work-error-too-long = Der Text ist länger als 100.000 Zeichen. Bitte kürzen Sie ihn.
work-error-cut-off = Die Frist ist abgelaufen, und dieses Programm nimmt keine verspäteten Arbeiten an. Ihr Entwurf wurde gespeichert; bitten Sie die Programmleitung um eine Verlängerung.
work-error-stale = Diese Abgabe wurde in einem anderen Tab oder Fenster geändert. Ihr Text steht unten; kopieren Sie, was Sie brauchen, und laden Sie dann neu.
work-error-not-editable = Diese Abgabe kann gerade nicht geändert werden.
work-error-grading-started = Die Bewertung hat bereits begonnen, daher kann die Abgabe nicht mehr zurückgezogen werden.
work-error-inactive = Ihre Teilnahme an dieser Kohorte ist nicht aktiv.
extension-title = Fristverlängerung gewähren
extension-assignment = Aufgabe
extension-until = Neues Fälligkeitsdatum
extension-reason = Grund
extension-grant = Gewähren
extension-error-past = Das neue Fälligkeitsdatum darf nicht in der Vergangenheit liegen.
calendar-title = Kalender
calendar-text = Abonnieren Sie Ihre Fristen in Outlook oder Google Kalender über eine private Adresse. Wer die Adresse kennt, sieht Ihre Fristen – geben Sie sie nicht weiter.
calendar-once = Kopieren Sie diese Adresse jetzt: Sie wird nur einmal angezeigt. In Outlook: Kalender hinzufügen → Aus dem Internet.
calendar-create = Kalenderadresse erstellen
calendar-rotate = Adresse ersetzen (die alte funktioniert dann nicht mehr)
calendar-revoke = Ausschalten
attach-title = Dateien
attach-none = Noch keine Dateien.
attach-choose = Datei hinzufügen
attach-upload = Hochladen
attach-remove = Entfernen
attach-help = PDF, PNG, JPEG, Word, PowerPoint, Excel, Text oder Markdown; bis 20 MB je Datei und 5 Dateien.
attach-error-too-large = Die Datei ist größer als erlaubt. Ihr Text und die übrigen Dateien bleiben erhalten.
attach-error-type = Diese Art von Datei wird nicht angenommen (geprüft wurde der Inhalt, nicht nur der Name).
attach-error-name = Der Inhalt der Datei passt nicht zu ihrem Namen (etwa ein Bild mit der Endung .pdf). Bitte laden Sie die richtige Datei hoch.
attach-error-empty = Die Datei ist leer.
attach-error-too-many = Sie haben bereits so viele Dateien angehängt wie erlaubt. Entfernen Sie zuerst eine.
work-done-attached = Die Datei wurde Ihrem Entwurf angehängt.
work-done-removed = Die Datei wurde aus Ihrem Entwurf entfernt.
csv-file-label = Oder eine CSV-Datei wählen (ihr Inhalt erscheint im Feld darunter)
error-cohort-read-only = Die Kohorte ist abgeschlossen oder archiviert und kann nicht mehr geändert werden.
error-cohort-transition = Eine Kohorte geht Schritt für Schritt: geplant, läuft, abgeschlossen, archiviert.
error-changed-meanwhile = Jemand hat das inzwischen geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
error-date-format = Daten müssen so aussehen: 2027-03-01.
error-due-before-open = Das Fälligkeitsdatum darf nicht vor dem Öffnungsdatum liegen.
error-target-cohort-closed = Die Zielkohorte ist abgeschlossen oder archiviert.
error-same-cohort = Die Person ist bereits in dieser Kohorte.
error-other-version = Die Zielkohorte nutzt eine andere Curriculum-Version; Arbeiten können nicht zwischen Versionen wandern.
error-defer-later = Zum Zurückstellen braucht es eine Kohorte, die später beginnt.
error-already-enrolled = Die Person ist in der Zielkohorte bereits aufgenommen.
error-enroll-no-certificate = Niemand wurde aufgenommen: Eine Auffrischung nimmt nur Personen auf, deren Zertifikat sie erneuert und noch gültig oder innerhalb der Nachfrist abgelaufen ist. Das trifft nicht zu auf
error-reason-missing = Bitte geben Sie einen Grund an (höchstens 500 Zeichen).
error-email-invalid = Das ist keine gültige E-Mail-Adresse.
error-name-missing = Der Name darf nicht leer sein.
error-status-value = Der Status muss aktiv oder gesperrt sein.
error-self-demote = Sie können sich nicht selbst die Rolle Programmleitung entziehen oder sich sperren.
error-unknown-cotrainers = Kein aktives Konto gibt es für
error-file-handed-in = Mit einer Version abgegebene Dateien können nicht entfernt werden.

## Mails zur Bewertung
mail-grading-alert-subject = Die Bewertung braucht Ihre Aufmerksamkeit
mail-grading-alert-unallocated = Abgegebene Arbeiten warten, weil gerade keine Co-Trainer:in der Kohorte passt (Kapazität, Sprache, Verfügbarkeit oder Interessenkonflikt). Weisen Sie eine Co-Trainer:in zu oder erhöhen Sie eine Kapazität; wartende Arbeiten werden zugeteilt, sobald jemand passt.
mail-grading-alert-overdue = Eine Bewertung hat ihre Frist überschritten.
mail-grading-alert-moderation = Eine Entscheidung braucht Ihre Klärung: Zwei Co-Trainer:innen sind sich uneinig, oder eine teilnehmende Person widerspricht einer Entscheidung.
mail-grading-alert-button = Bewertung öffnen
mail-reviews-allocated-subject = Neue Abgaben zur Bewertung
mail-reviews-allocated-text = Ihnen wurden neue Abgaben zur Bewertung zugeteilt. Ihre Warteschlange zeigt sie mit ihren Fristen.
mail-reviews-allocated-button = Meine Bewertungen öffnen
mail-feedback-subject = Feedback zu „{ $assignment }“
mail-feedback-text = Ihre Co-Trainer:in hat Version { $version } von „{ $assignment }“ bewertet. Die Entscheidung:
mail-feedback-button = Feedback lesen
mail-sent-back-subject = Eine Bewertung wurde an Sie zurückgegeben
mail-sent-back-text = Die Programmleitung hat eine Ihrer Bewertungen zur erneuten Prüfung an Sie zurückgegeben. Die Notiz der Programmleitung:
mail-sent-back-button = Bewertung öffnen
decision-passed = Bestanden
decision-revision_requested = Überarbeitung erbeten
decision-failed = Nicht bestanden

## Bewertung: Navigation, Warteschlange und Bewertungsseite
nav-grading = Bewertung
nav-reviews = Bewertungen
reviews-title = Meine Bewertungen
reviews-lead = Ihnen zugeteilte Abgaben, die nächste Frist zuerst.
reviews-none = Gerade gibt es nichts zu bewerten.
reviews-first-page = Diese Seite ist leer: zur ersten Seite ({ $total ->
    [one] { $total } offene Bewertung
   *[other] { $total } offene Bewertungen
})
reviews-pages = Seiten der Warteschlange
reviews-showing = { $first }–{ $last } von { $total }
reviews-due = Frist
reviews-due-at = Bewerten bis { $due }
reviews-hours-left = noch { $hours ->
    [one] { $hours } Stunde
   *[other] { $hours } Stunden
}
reviews-is-overdue = überfällig
reviews-trainee = Teilnehmende Person
reviews-pseudonym = Teilnehmende Person { $label }
reviews-assignment = Aufgabe
reviews-cohort = Kohorte
reviews-state = Stand
reviews-version = Version { $number }
reviews-back = Meine Bewertungen
review-state-allocated = Neu
review-state-started = Entwurf gespeichert
review-state-completed = Abgeschlossen
review-state-reassigned = Neu zugeteilt
review-state-cancelled = Entfallen (Abgabe zurückgezogen)
review-done-saved = Ihr Entwurf wurde gespeichert.
review-done-submitted = Ihre Bewertung wurde abgeschickt.
review-done-reassigned = Die Bewertung wurde neu zugeteilt.
review-work = Die Abgabe
review-earlier = Frühere Version { $number }
review-rubric = Bewertungsraster
review-criterion = Kriterium
review-points = Punkte
review-comment = Kommentar
review-points-now = Gespeicherte Punkte: { $points } von { $max } (bestanden ab { $threshold }).
review-suggests = Die Bestehensgrenze legt nahe
review-feedback = Gesamtfeedback für die teilnehmende Person (Markdown)
review-decision = Entscheidung
review-override = Falls Ihre Entscheidung von der Bestehensgrenze abweicht: Warum?
review-save = Entwurf speichern
review-submit = Bewertung abschicken
review-result = Ergebnis
review-history = Verlauf
review-system = qualify
review-your-text = Ihr Text (nicht gespeichert) – kopieren Sie, was Sie brauchen:
review-reviewer = Co-Trainer:in
review-why = Warum diese Co-Trainer:in
review-reassign-to = Neu zuteilen an (E-Mail)
review-reassign-auto = leer: nach der Zuteilungsregel
review-reassign = Neu zuteilen
review-event-allocated = zugeteilt
review-event-draft_saved = Entwurf gespeichert
review-event-submitted = abgeschickt
review-event-reassigned = neu zugeteilt
review-event-escalated = eskaliert (überfällig)
review-event-sent_back = von der Programmleitung zurückgegeben
review-event-moderated = von der Programmleitung geklärt
review-event-rated = Feedback eingeschätzt
review-event-cancelled = entfallen (Abgabe zurückgezogen)
review-error-not-editable = Diese Bewertung kann nicht mehr geändert werden: Sie ist abgeschlossen, wurde neu zugeteilt oder die Abgabe wurde zurückgezogen.
review-error-stale = Diese Bewertung wurde inzwischen geändert (in einem anderen Tab oder von jemand anderem). Der aktuelle Stand wird gezeigt; Ihr Text steht darunter, damit nichts verloren geht.
review-error-incomplete = Wählen Sie vor dem Abschicken für jedes Kriterium eine Stufe. Ihr Entwurf wurde gespeichert.
review-error-no-decision = Wählen Sie vor dem Abschicken eine Entscheidung. Ihr Entwurf wurde gespeichert.
review-error-no-feedback = Schreiben Sie vor dem Abschicken ein Gesamtfeedback für die teilnehmende Person. Ihr Entwurf wurde gespeichert.
review-error-needs-reason = Ihre Entscheidung weicht von der Bestehensgrenze ab: Begründen Sie sie. Ihr Entwurf wurde gespeichert.
review-error-required-below-minimum = Ein Muss-Kriterium liegt unter seiner Mindeststufe: Die Abgabe kann nicht bestehen, egal wie viele Punkte sie insgesamt hat. Ihr Entwurf wurde gespeichert.
review-required-failed = Nicht bestanden wegen Muss-Kriterium unter der Mindeststufe: { $criteria }
rubric-required = Muss-Kriterium
rubric-required-minimum = mindestens { $points ->
    [one] { $points } Punkt
   *[other] { $points } Punkte
}; darunter ist die Abgabe nicht bestanden, egal wie viele Punkte sie insgesamt hat
rubric-below-minimum = Unter der Mindeststufe: deshalb nicht bestanden
review-error-unknown-level = Ein Kriterium oder eine Stufe gehört nicht zu diesem Bewertungsraster.
review-error-unknown-decision = Unbekannte Entscheidung: passed, revision_requested oder failed.
review-error-too-long = Ein Text ist zu lang (höchstens 20.000 Zeichen).
reason-rule-continuity = hat die frühere Version dieser teilnehmenden Person bewertet
reason-rule-lowest_load = geringste Auslastung im Verhältnis zur Kapazität
reason-rule-manual = von der Programmleitung gewählt
reason-rule-none = niemand passt
reason-load = vorher { $open } von { $capacity ->
    [one] { $capacity } offenen Bewertung
   *[other] { $capacity } offenen Bewertungen
}
reason-considered = { $count ->
    [one] { $count } Co-Trainer:in geprüft
   *[other] { $count } Co-Trainer:innen geprüft
}
skip-trainee = die teilnehmende Person selbst
skip-excluded = bewertet diese Version schon
skip-same_org_unit = gleiche Organisationseinheit
skip-manager = Führungskraft der teilnehmenden Person
skip-language = andere Sprache
skip-unavailable = abwesend
skip-full = Kapazität erreicht
reassign-error-not-open = Nur offene Bewertungen können neu zugeteilt werden.
reassign-error-not-cotrainer = Diese Person ist keine aktive Co-Trainer:in der Kohorte.
reassign-error-conflict = Diese Person ist die teilnehmende Person selbst oder bewertet diese Version schon.
reassign-error-nobody-fits = Gerade passt niemand anderes; die Bewertung bleibt, wo sie ist.

## Bewertung: Überblick, Klärung durch die Programmleitung, Pool
grading-title = Bewertung
grading-filter-cohort = Kohorte
grading-all-cohorts = Alle Kohorten
grading-filter = Anzeigen
grading-cohorts = Nach Kohorte
grading-open = Offen
grading-overdue = Überfällig
grading-completed = Abgeschlossen
grading-unallocated = Wartend
grading-turnaround = Median der Bearbeitungszeit
grading-hours = { $hours } Std.
grading-waiting = Wartet auf eine Co-Trainer:in
grading-none-waiting = Keine Arbeit wartet.
grading-since = Wartet seit
grading-why-waiting = Warum
grading-second-review = Zweitbewertung
grading-open-reviews = Offene Bewertungen
grading-no-open = Keine offenen Bewertungen.
grading-agreement = Übereinstimmung mit der Klärung durch die Programmleitung
grading-rating = Einschätzung des Feedbacks
grading-rebalance = Ganze Warteschlange verteilen
grading-done-moderated = Die Klärung wurde gespeichert.
grading-done-rebalanced = Die Warteschlange wurde auf andere Co-Trainer:innen verteilt, soweit jemand passt.
grading-done-pool = Die Co-Trainer:in wurde aktualisiert.
grading-done-added = Die Person wurde in den Pool aufgenommen.
moderation-title = Klärung durch die Programmleitung
moderation-none = Nichts zu klären.
moderation-reason-disagreement = Bewertende uneinig
moderation-reason-sample = Stichprobe
moderation-reason-dispute = Widerspruch
moderation-released = Veröffentlichte Entscheidung
moderation-new-decision = Neue Entscheidung (zum Ändern)
moderation-note = Notiz (erscheint im Feedback der teilnehmenden Person, wenn Sie die Entscheidung ändern)
moderation-confirm = Bestätigen
moderation-change = Entscheidung ändern
moderation-send-back = An die Co-Trainer:in zurückgeben
moderation-action-confirmed = Bestätigt
moderation-action-changed = Geändert
moderation-action-sent_back = Zurückgegeben
moderation-error-stale = Dieser Punkt wurde inzwischen erledigt oder geändert.
moderation-error-needs-decision = Wählen Sie eine Entscheidung: Es ist noch keine veröffentlicht, oder Sie ändern sie.
moderation-error-needs-note = Schreiben Sie eine Notiz: Sie erklärt der teilnehmenden Person oder der Co-Trainer:in die Änderung.
moderation-error-unknown-action = Unbekannte Aktion: confirm, change oder send_back.
pool-title = Co-Trainer:innen-Pool
pool-person = Co-Trainer:in
pool-settings = Einstellungen
pool-active = nimmt Bewertungen an
pool-capacity = Höchstens offene Bewertungen
pool-save = Speichern
pool-add-email = Per E-Mail hinzufügen
pool-add = In den Pool aufnehmen
pool-line = Zeile { $line }:
pool-title-me = Co-Trainer:in
pool-me-text = Mit Ihrem Zertifikat können Sie die nächsten Kohorten bewerten. Geben Sie an, wie viele offene Bewertungen Sie übernehmen, in welchen Sprachen und wann Sie abwesend sind.
pool-me-open = Sie haben { $count ->
    [one] { $count } offene Bewertung
   *[other] { $count } offene Bewertungen
}.
pool-active-me = Ich nehme Bewertungen an
pool-capacity-help = 0 bis 50. Neue Arbeit geht an die Person mit der geringsten Auslastung im Verhältnis zur Kapazität.
pool-languages = Ich bewerte auf
pool-unavailable = Abwesend (ein Zeitraum pro Zeile)
pool-unavailable-help = Ein Datum (2026-12-24) oder ein Zeitraum (2026-12-21 .. 2027-01-06). Berührt die Bewertungsfrist einen Zeitraum, wird Ihnen nichts zugeteilt.
pool-join = Dem Co-Trainer:innen-Pool beitreten
pool-not-yet = Sobald Sie zertifiziert sind, können Sie hier dem Co-Trainer:innen-Pool beitreten und die nächsten Kohorten bewerten.
pool-error-capacity = Die Kapazität muss eine ganze Zahl von 0 bis 50 sein.
pool-error-languages = Wählen Sie mindestens eine Sprache (Deutsch oder Englisch).
pool-error-period = Schreiben Sie ein Datum (2026-12-24) oder einen Zeitraum (2026-12-21 .. 2027-01-06).
pool-error-period-order = Der Zeitraum endet, bevor er beginnt.
pool-error-stale = Diese Einstellungen wurden inzwischen geändert; laden Sie die Seite neu und versuchen Sie es noch einmal.
pool-error-not-eligible = Nur Inhaber:innen eines gültigen Zertifikats können beitreten; die Programmleitung kann andere aufnehmen.
pool-error-removed = Die Programmleitung hat Sie aus dem Co-Trainer:innen-Pool genommen; nur die Programmleitung kann Sie wieder aufnehmen.
pool-error-unknown-person = Niemand mit aktivem Konto hat diese E-Mail-Adresse.

## Bewertung: die Seite der Teilnehmenden
feedback-title = Feedback
feedback-points = { $points } von { $max ->
    [one] { $max } Punkt
   *[other] { $max } Punkten
}
feedback-moderation-note = Notiz der Programmleitung
feedback-cotrainer = Co-Trainer:in { $number }
feedback-rate = Wie hilfreich war dieses Feedback?
feedback-rate-save = Einschätzung senden
feedback-rating-1 = 1 – nicht hilfreich
feedback-rating-2 = 2
feedback-rating-3 = 3
feedback-rating-4 = 4
feedback-rating-5 = 5 – sehr hilfreich
dispute-open = Ich bin mit dieser Entscheidung nicht einverstanden
dispute-reason = Warum sind Sie nicht einverstanden?
dispute-help = Sie können jeder Entscheidung einmal widersprechen. Die Programmleitung prüft sie und bestätigt oder ändert die Entscheidung.
dispute-submit = Widerspruch senden
dispute-state-open = Sie haben dieser Entscheidung widersprochen; die Programmleitung prüft sie.
dispute-state-closed = Ihr Widerspruch wurde beantwortet.
dispute-error-not-decided = Es gibt noch keine Entscheidung, der Sie widersprechen oder deren Feedback Sie einschätzen können.
dispute-error-already = Sie haben dieser Entscheidung schon widersprochen.
dispute-error-empty = Schreiben Sie, warum Sie nicht einverstanden sind.
dispute-error-too-long = Die Begründung ist zu lang (höchstens 5.000 Zeichen).
rating-error-range = Wählen Sie eine Einschätzung von 1 bis 5.
work-done-disputed = Ihr Widerspruch wurde an die Programmleitung geschickt.
work-done-rated = Danke für Ihre Einschätzung des Feedbacks.

## Zertifikate
nav-certificates = Zertifikate
mail-cert-issued-subject = Ihr Zertifikat: { $program }
mail-cert-issued-text = Herzlichen Glückwunsch! Sie haben alle Pflichtaufgaben von { $program } bestanden. Ihr Zertifikat liegt bereit: als PDF herunterladen, zu LinkedIn hinzufügen oder die Prüfseite teilen.
mail-cert-renewed-text = Herzlichen Glückwunsch! Sie haben die Auffrischung „{ $refresher }“ bestanden, und Ihr Zertifikat für { $program } ist erneuert. Das neue Zertifikat ersetzt das alte: als PDF herunterladen, zu LinkedIn hinzufügen oder die Prüfseite teilen.
mail-cert-issued-button = Zertifikat öffnen
mail-cert-verify = Jede:r kann es hier prüfen:
mail-cert-cotrainer = Mit Ihrem Zertifikat können Sie jetzt die nächsten Kohorten als Co-Trainer:in bewerten. Treten Sie dem Co-Trainer:innen-Pool in Ihrem Profil bei:
mail-cert-revoked-subject = Ihr Zertifikat wurde widerrufen: { $program }
mail-cert-revoked-text = Die Programmleitung hat Ihr Zertifikat für { $program } widerrufen. Die Begründung:
mail-cert-revoked-meaning = Das Zertifikat ist damit nicht mehr gültig: Wer es über die Prüfseite oder den signierten Nachweis prüft, sieht, dass es widerrufen wurde. Falls Sie als Co-Trainer:in bewertet haben, werden Ihnen keine neuen Bewertungen mehr zugeteilt, bis die Programmleitung Sie wieder in den Co-Trainer:innen-Pool aufnimmt.
mail-cert-revoked-next = Was Sie tun können: Wenn Sie den Widerruf für einen Fehler halten, schreiben Sie der Programmleitung, warum. Sie kann Ihnen auch sagen, ob und wie Sie das Zertifikat wieder erwerben können. Wenn Sie das Zertifikat in Ihrem LinkedIn-Profil oder anderswo zeigen, entfernen Sie es dort.
mail-cert-revoked-link = Den aktuellen Stand Ihres Zertifikats sehen Sie hier:
cert-title-list = Zertifikate
cert-status = Status
cert-all = Alle
cert-status-active = Gültig
cert-status-expired = Abgelaufen
cert-status-revoked = Widerrufen
cert-status-superseded = Durch ein neueres Zertifikat ersetzt
cert-holder = Inhaber:in
cert-program = Programm
cert-issued = Ausgestellt
cert-expires = Gültig bis
cert-none = Noch keine Zertifikate.
cert-by-hand = Von Hand ausstellen
cert-by-hand-text = Eine Ausnahme von der automatischen Ausstellung (sie geschieht, sobald die letzte Pflichtaufgabe bestanden ist). Ein Probelauf zeigt zuerst, wer was bekäme.
cert-emails = Teilnehmende der Kohorte (E-Mail-Adressen, eine pro Zeile)
cert-reason = Grund
cert-dry-run = Zeigen, wer was bekäme
cert-confirm = Jetzt ausstellen
cert-plan-text = Noch hat sich nichts geändert. Prüfen Sie die Liste, dann stellen Sie aus.
cert-rule = Zertifizierungsregel
cert-rule-met = erfüllt
cert-rule-missing = nicht erfüllt, es fehlen:
cert-outcome = Ergebnis
cert-already = bereits zertifiziert (nichts passiert)
cert-will-issue = erhält ein Zertifikat
cert-done-issued = Die Zertifikate wurden ausgestellt.
cert-done-revoked = Das Zertifikat wurde widerrufen; die Person, der es gehörte, wird per E-Mail informiert.
cert-done-reissued = Ein neues Zertifikat ersetzt das alte.
cert-revoked-because = Widerrufen:
cert-credential = Signierten Nachweis herunterladen (Open Badges 3.0)
cert-share = Prüf- und Teilen-Seite
cert-linkedin = Zu meinem LinkedIn-Profil hinzufügen
cert-results = Ergebnisse
cert-revoke-reason = Grund für den Widerruf
cert-revoke = Widerrufen
cert-reissue-reason = Grund für die Neuausstellung (z. B. Namensänderung)
cert-reissue = Mit dem aktuellen Namen neu ausstellen
certificate-error-reason = Geben Sie einen Grund an.
certificate-error-not-active = Nur ein gültiges Zertifikat kann widerrufen oder neu ausgestellt werden.
certificate-error-ended = Dieses Zertifikat wurde widerrufen oder durch ein neueres ersetzt: Dafür wird kein Nachweis mehr ausgestellt.
certificate-error-unknown = Diese Personen sind nicht in der Kohorte eingeschrieben:
verify-title = Zertifikat prüfen
verify-intro = Öffnen Sie den Link, der auf einem Zertifikat steht, oder fügen Sie unten einen Nachweis ein.
verify-status-active = Dieses Zertifikat ist gültig.
verify-status-expired = Dieses Zertifikat ist abgelaufen.
verify-status-revoked = Dieses Zertifikat wurde widerrufen.
verify-status-superseded = Dieses Zertifikat wurde durch ein neueres ersetzt.
verify-revoked-on = Widerrufen am { $date }.
cert-renewed = Erneuert am { $date } durch „{ $refresher }“.
verify-unknown = Es gibt kein Zertifikat mit diesem Code.
verify-paste = Zu prüfender Nachweis (JWT)
verify-check = Prüfen
verify-jwt-valid = Die Signatur ist echt und das Zertifikat gültig.
verify-jwt-not-valid-now = Die Signatur ist echt, aber das Zertifikat ist nicht mehr gültig (siehe Status).
verify-jwt-invalid = Dies ist kein echter Nachweis dieses Ausstellers (oder er wurde verändert).
cert-badge = Abzeichen mit eingebettetem Nachweis herunterladen (PNG, für Wallets)
cert-badge-svg = Abzeichen mit eingebettetem Nachweis herunterladen (SVG)
credential-criteria = Alle Pflichtaufgaben des Programms bestanden, bewertet von zertifizierten Co-Trainer:innen nach veröffentlichten Bewertungsrastern.
verify-email = E-Mail-Adresse der Inhaber:in prüfen (optional)
verify-email-check = E-Mail-Adresse prüfen
verify-email-match = Diese E-Mail-Adresse ist die, auf die das Zertifikat ausgestellt wurde.
verify-email-no-match = Diese E-Mail-Adresse ist nicht die, auf die das Zertifikat ausgestellt wurde.
verify-email-unknown = Dieser Nachweis enthält keine E-Mail-Adresse zum Vergleichen.

## E-Mail-Einstellungen und Abbestellen
mail-unsubscribe = Diese E-Mails abbestellen
mail-kind-feedback = Feedback und Entscheidungen zu meinen Arbeiten
mail-kind-reviews = Neue Bewertungen und an mich zurückgegebene Bewertungen
mail-kind-owner_alerts = Hinweise zur Bewertung für die Programmleitung
mail-prefs-title = E-Mails
mail-prefs-text = Wählen Sie, welche E-Mails Sie erhalten. Anmeldelinks, Einladungen und Zertifikate werden immer verschickt.
unsubscribe-title = Abbestellen
unsubscribe-ask = Diese E-Mails nicht mehr senden:
unsubscribe-button = Abbestellen
unsubscribe-done = Sie erhalten nicht mehr:
unsubscribe-profile = In Ihrem Profil ändern
unsubscribe-invalid = Dieser Abbestell-Link ist ungültig.
unsubscribe-expired = Dieser Abbestell-Link ist abgelaufen. Sie können E-Mails in Ihrem Profil abbestellen.
mail-kind-reminders = Erinnerungen: neue Module, Fristen, fällige Bewertungen (höchstens eine E-Mail am Tag mit allen Erinnerungen)
mail-digest-subject = Ihre Erinnerungen für heute
mail-digest-text = Das steht als Nächstes an:
reminder-module-open = Das Modul „{ $title }“ ist freigeschaltet (seit { $when }).
reminder-due-3 = „{ $title }“ ist am { $when } fällig.
reminder-due-1 = „{ $title }“ ist bald fällig: { $when }.
reminder-overdue = „{ $title }“ war am { $when } fällig und ist noch nicht abgegeben.
reminder-review-due-1 = Eine Ihrer Bewertungen ist am { $when } fällig.
reminder-review-overdue = Eine Ihrer Bewertungen war am { $when } fällig und ist überfällig.
reminder-certificate-expires = Ihr Zertifikat „{ $title }“ läuft am { $when } ab. Fragen Sie die Programmleitung, wie Sie es erneuern können.
reminder-certificate-expires-refresher = Ihr Zertifikat „{ $title }“ läuft am { $when } ab. Erneuern Sie es in der Auffrischung „{ $refresher }“: Bitten Sie die Programmleitung, Sie aufzunehmen.
reminder-event-soon = Der Live-Termin „{ $title }“ beginnt am { $when }.
mail-weekly-subject = Ihr Programm diese Woche
mail-weekly-text = Die Zahlen, die diese Woche einen Blick brauchen:
mail-weekly-stalled = { $count ->
    [one] { $count } teilnehmende Person hat eine überfällige Pflichtaufgabe
   *[other] { $count } Teilnehmende haben eine überfällige Pflichtaufgabe
}
mail-weekly-overdue = { $count ->
    [one] { $count } Bewertung hat ihre Frist überschritten
   *[other] { $count } Bewertungen haben ihre Frist überschritten
}
mail-weekly-unallocated = { $count ->
    [one] { $count } Abgabe wartet auf eine Co-Trainer:in
   *[other] { $count } Abgaben warten auf eine Co-Trainer:in
}
mail-weekly-issued = { $count ->
    [one] { $count } Zertifikat wurde in den letzten 7 Tagen ausgestellt
   *[other] { $count } Zertifikate wurden in den letzten 7 Tagen ausgestellt
}
mail-weekly-expiring = { $count ->
    [one] { $count } Zertifikat läuft in den nächsten 90 Tagen ab
   *[other] { $count } Zertifikate laufen in den nächsten 90 Tagen ab
}
mail-weekly-failed = { $count ->
    [one] { $count } E-Mail ist fehlgeschlagen
   *[other] { $count } E-Mails sind fehlgeschlagen
}

sign-in-sso-heading = Mit Ihrem Firmenkonto anmelden
sign-in-error-sso-only = Bitte melden Sie sich mit Ihrem Firmenkonto an: mit der Schaltfläche oben auf der Anmeldeseite.
sso-failed-title = Die Anmeldung hat nicht geklappt
sso-failed-again = Zurück zur Anmeldung
sso-error-off = Die Anmeldung mit einem Firmenkonto ist hier nicht eingerichtet. Bitte melden Sie sich mit einem Link per E-Mail an.
sso-error-denied = Die Anmeldung wurde abgebrochen, oder Ihr Firmenkonto darf qualify nicht nutzen. Wenn Sie das für einen Fehler halten, wenden Sie sich an Ihr Programmteam.
sso-error-provider = Der Anmeldedienst Ihres Unternehmens hat einen Fehler gemeldet. Bitte versuchen Sie es gleich noch einmal.
sso-error-unreachable = Der Anmeldedienst Ihres Unternehmens ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten noch einmal.
sso-error-state = Diese Anmeldung ist abgelaufen oder wurde schon verwendet. Bitte beginnen Sie noch einmal auf der Anmeldeseite.
sso-error-token = Die Antwort des Anmeldedienstes Ihres Unternehmens ließ sich nicht prüfen. Bitte beginnen Sie noch einmal; geschieht das wieder, sagen Sie Ihrem Programmteam Bescheid.
sso-error-no-email = Ihr Firmenkonto hat keine E-Mail-Adresse, daher kann kein Konto für Sie angelegt werden. Bitte wenden Sie sich an Ihr Programmteam.
sso-error-email-unverified = Ein Konto mit Ihrer E-Mail-Adresse gibt es schon, aber der Anmeldedienst Ihres Unternehmens hat nicht bestätigt, dass die Adresse Ihnen gehört; daher kann es nicht mit Ihrem Firmenkonto verbunden werden. Bitte wenden Sie sich an Ihr Programmteam.
sso-error-inactive = Ihr Konto ist gesperrt. Bitte wenden Sie sich an Ihr Programmteam.
signed-out-title = Sie sind abgemeldet
signed-out-text = Sie sind von qualify abgemeldet.
signed-out-provider-text = Bei Ihrem Firmenkonto sind Sie noch angemeldet. Melden Sie sich auch dort ab, wenn andere diesen Computer nutzen.
signed-out-provider-button = Auch vom Firmenkonto abmelden
## Abgleich mit dem HR-Verzeichnis
people-sync-error-columns = Der Datei fehlen Pflichtspalten (employee_id, email, name)
people-sync-error-guard = Dieser vollständige Abgleich würde mehr als 10 % der aktiven Personen sperren; führen Sie ihn mit force aus, wenn das stimmt
people-sync-error-unreadable = Die Datei ist nicht als UTF-8-CSV lesbar.
people-sync-error-too-large = Die Datei ist größer als 128 MB.
people-sync-line-employee_id_missing = Die Personalnummer fehlt.
people-sync-line-email_invalid = Die E-Mail-Adresse ist ungültig.
people-sync-line-name_missing = Der Name fehlt.
people-sync-line-language_invalid = Die Sprache ist weder de noch en.
people-sync-line-status_invalid = Der Status ist weder active noch left.
people-sync-line-duplicate_employee_id = Diese Personalnummer steht schon in einer früheren Zeile.
people-sync-line-duplicate_email = Diese E-Mail-Adresse steht schon in einer früheren Zeile.
people-sync-line-unknown_manager = Die Personalnummer der Führungskraft steht weder in der Datei noch ist sie bekannt.
people-sync-line-manager_cycle = Die Führungskräfte bilden einen Kreis.
people-sync-line-org_unit_conflict = Die Organisationseinheit hat in einer früheren Zeile eine andere übergeordnete Einheit.
people-sync-line-org_unit_cycle = Die Organisationseinheiten bilden einen Kreis.
people-sync-line-email_taken = Die E-Mail-Adresse gehört einer anderen Person.

## Kalibrierung
calibration-title = Kalibrierung
calibration-intro = Bevor Sie echte Abgaben bewerten, bewerten Sie { $count ->
    [one] eine Referenzabgabe
   *[other] { $count } Referenzabgaben
}, die eine erfahrene Trainer:in bereits bewertet hat. Danach sehen Sie Ihre Bewertung neben der Referenzbewertung mit deren Begründung. Sie bestehen, wenn mindestens 80 % der Kriterien genau oder um eine Stufe abweichend bewertet sind und kein Kriterium um mehr als eine Stufe abweicht.
calibration-not-needed = Für Sie ist keine Kalibrierung nötig.
calibration-not-needed-owner = Das Programm verlangt keine Kalibrierung.
calibration-calibrated = Sie sind kalibriert: Sie erhalten Abgaben zur Bewertung.
calibration-not-yet = Sie erhalten Abgaben zur Bewertung, sobald Sie eine Kalibrierungsrunde bestanden haben.
calibration-round = Runde { $round }
calibration-round-col = Runde
calibration-graded = bewertet
calibration-to-grade = noch zu bewerten
calibration-within-one = Genau oder eine Stufe daneben
calibration-max-off = Größte Abweichung (Stufen)
calibration-kappa = Gewichtetes Kappa
calibration-result = Ergebnis
calibration-passed = bestanden
calibration-failed = nicht bestanden
calibration-open = offen
calibration-start = Kalibrierung beginnen
calibration-retry = Neue Runde beginnen
calibration-submit = Bewertung abschicken
calibration-compare = Ihre Bewertung und die Referenzbewertung
calibration-yours = Ihre Punkte
calibration-gold = Referenzbewertung
calibration-rationale = Begründung
calibration-levels-off = { $levels ->
    [one] { $levels } Stufe daneben
   *[other] { $levels } Stufen daneben
}
calibration-owner-calibrated = Kalibriert seit { $date }.
calibration-owner-not-yet = Noch nicht kalibriert: erhält keine Abgaben zur Bewertung.
calibration-drift = Abweichung im Zeitverlauf
calibration-drift-caption = Mittlere Abweichung von der Referenzbewertung je bewerteter Referenzabgabe, in Stufen (über null: großzügiger, unter null: strenger; gestrichelt: keine Abweichung).
calibration-drift-none = Noch keine Referenzabgabe bewertet.
calibration-link = Kalibrierung
calibration-error-not-needed = Für Sie ist keine Kalibrierung nötig.
calibration-error-round-open = Eine Runde ist noch offen: Bewerten Sie zuerst deren Referenzabgaben.
calibration-error-graded = Diese Referenzabgabe haben Sie bereits bewertet.
enrollment-manage = Verwalten
enrollment-manage-label = Verwalten: Teilnahme von { $name }
enrollment-read-only = Diese Kohorte ist abgeschlossen: Ihre Teilnahmen lassen sich nicht mehr ändern.
enrollment-move-help = Die teilnehmende Person nimmt ihre Arbeit mit. Verschieben übernimmt die Fristen der neuen Kohorte; zum Zurückstellen muss die Kohorte später beginnen.
enrollment-withdraw-help = Die teilnehmende Person verlässt die Kohorte. Ihre Arbeit bleibt erhalten.
