# Dashboard und Berichte
nav-dashboard = Übersicht
nav-reports = Berichte
dashboard-title = Programmübersicht
dashboard-cohort-title = Übersicht: { $name }
dashboard-as-of = Stand { $time } (höchstens alle 30 Sekunden neu berechnet)
dashboard-figures = Kennzahlen
dashboard-reports = Berichte und Exporte
dashboard-enrolled = eingeschrieben
dashboard-active = aktiv
dashboard-withdrawn = Teilnahme beendet
dashboard-deferred = zurückgestellt
dashboard-certified = zertifiziert
dashboard-completion = Abschlussquote
dashboard-on-time = pünktlich ({ $count ->
    [one] { $count } Erstabgabe
   *[other] { $count } Erstabgaben
})
dashboard-days-to-certificate = Tage vom Start bis zum Zertifikat (Median)
dashboard-turnaround = Bewertungsdauer, Median ({ $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
}, 90 Tage)
dashboard-expiring = Zertifikate laufen in { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
} ab
dashboard-stalls = Wo Teilnehmende hängen bleiben
dashboard-stalls-help = Aktive Teilnehmende laufender Kohorten nach dem Modul ihrer nächsten Pflichtaufgabe.
dashboard-stalls-none = Keine aktiven Teilnehmenden in laufenden Kohorten.
dashboard-module = Modul
dashboard-trainees = Teilnehmende
dashboard-load = Bewertungslast je Co-Trainer:in
dashboard-load-none = Keine offenen Bewertungen.
dashboard-cohorts = Kohorten
reports-title = Berichte
reports-choose = Bericht
reports-program = Programm
reports-cohort = Kohorte
reports-cohort-help = Der Fortschrittsbericht gilt für eine Kohorte.
reports-any = alle
reports-from = Von
reports-to = Bis
reports-org-unit = Organisationseinheit
reports-status = Status
reports-module = Hängt in Modul (Kürzel)
reports-expiring-days = Läuft ab innerhalb von (Tagen)
reports-show = Anzeigen
reports-download = Herunterladen
reports-preview = Die ersten { $shown } von { $total ->
    [one] { $total } Zeile
   *[other] { $total } Zeilen
}
reports-none = Keine Zeilen passen zu diesen Filtern.
report-title-certificates = Zertifikatsregister
report-title-progress = Kohortenfortschritt
report-title-cotrainers = Co-Trainer:innen-Aktivität
report-col-holder = Inhaber:in
report-col-email = E-Mail
report-col-org-unit = Organisationseinheit
report-col-program = Programm
report-col-cohort = Kohorte
report-col-issued = Ausgestellt
report-col-expires = Gültig bis
report-col-status = Status
report-col-code = Prüfcode
report-col-verify-url = Prüf-URL
report-col-trainee = Teilnehmende Person
report-col-enrollment = Einschreibung
report-col-next-module = Nächstes Modul
report-col-state = Stand
report-col-points = Punkte
report-col-late = verspätet
report-col-certificate = Zertifikat
report-col-cotrainer = Co-Trainer:in
report-col-pool-state = Pool
report-col-capacity = Kapazität
report-col-reviews-done = Bewertungen erledigt
report-col-reviews-open = Offen
report-col-reviews-overdue = Überfällig
report-col-turnaround-hours = Bewertungsdauer, Median (h)
report-col-rating = Einschätzung des Feedbacks
report-col-ratings = Einschätzungen des Feedbacks
report-yes = ja
report-no = nein
report-state-active = aktiv
report-state-expired = abgelaufen
report-state-revoked = widerrufen
report-state-superseded = ersetzt
report-state-withdrawn = Teilnahme beendet
report-state-deferred = zurückgestellt
report-state-moved = in andere Kohorte verschoben
report-state-completed = abgeschlossen
report-state-certified = zertifiziert
report-state-not-started = nicht begonnen
report-state-draft = Entwurf
report-state-submitted = abgegeben
report-state-in-review = in Bewertung
report-state-revision-requested = Überarbeitung erbeten
report-state-passed = bestanden
report-state-failed = nicht bestanden
report-state-pool-active = aktiv
report-state-pool-paused = pausiert
report-error-date = Bitte Daten als JJJJ-MM-TT eingeben.
report-error-range = Das Enddatum liegt vor dem Startdatum.
report-error-status = Diesen Status gibt es für diesen Bericht nicht.
report-error-days = Bitte eine Zahl von Tagen zwischen 1 und 3650 eingeben.
report-error-cohort-required = Bitte für den Fortschrittsbericht eine Kohorte wählen.
report-error-format = Bitte csv, xlsx oder json als Format wählen.
report-error-report = Einen Bericht dieses Namens gibt es nicht: certificates, progress oder cotrainers.
mail-register-subject = Zertifikatsregister, { $month }
mail-register-text = Hier ist das Zertifikatsregister. Im Monat { $month }:
mail-register-issued = { $count ->
    [one] { $count } Zertifikat wurde ausgestellt
   *[other] { $count } Zertifikate wurden ausgestellt
}
mail-register-revoked = { $count ->
    [one] { $count } Zertifikat wurde widerrufen
   *[other] { $count } Zertifikate wurden widerrufen
}
mail-register-active = { $count ->
    [one] { $count } Zertifikat ist heute gültig
   *[other] { $count } Zertifikate sind heute gültig
}
mail-register-attached = Das ganze Register hängt als Excel-Datei an; Filter und weitere Formate gibt es auf der Berichtsseite:
mail-register-open = Berichte öffnen
mail-register-file = zertifikatsregister
report-col-kind = Art
report-state-kind-certification = Zertifizierung
report-state-kind-self-study = Selbststudium
report-col-event-place = Platz
report-col-attendance = Anwesenheit
report-state-present = anwesend
report-state-late = verspätet
report-state-excused = entschuldigt
report-state-absent = abwesend
report-col-sessions-attended = Besuchte Live-Termine
report-col-sessions = Live-Termine
