# Der Wirkungsbericht nach Organisationseinheit
reports-impact = Wirkungsbericht nach Organisationseinheit
impact-title = Wirkungsbericht
impact-lead = Wie verkaufen Sie Ihre Arbeit im Unternehmen? Je Organisationseinheit: wie viele Personen zertifiziert sind, wie viele ein Selbststudium abgeschlossen haben und wie das Quartal für Quartal gewachsen ist.
impact-kept = Zahlen für { $month }, festgehalten am { $time }.
impact-as-of = Aktuelle Zahlen, Stand { $time } (höchstens alle 30 Sekunden neu berechnet).
impact-month = Monat
impact-month-live = aktuell (live)
impact-months-none = Noch kein Monat festgehalten: Jeder Monat wird zu Beginn des nächsten festgehalten.
impact-search = Organisationseinheit suchen
impact-search-result = { $count ->
    [0] Keine Organisationseinheit passt zu „{ $query }“.
    [one] Eine Organisationseinheit passt zu „{ $query }“.
   *[other] { $count } Organisationseinheiten passen zu „{ $query }“.
}
impact-download = Herunterladen (XLSX)
impact-units = Nach Organisationseinheit
impact-note-rolled-up = Die Zahlen einer Einheit enthalten alle Einheiten darunter.
impact-note-expiring = Gültig, läuft ab und abgelaufen ergeben zusammen „zertifiziert“: gültig heißt noch mehr als 90 Tage, läuft ab heißt innerhalb der nächsten 90 Tage.
impact-note-withheld = { $dash } zurückgehalten: eine Zahl über weniger als 5 Personen oder eine, aus der sich eine solche Zahl errechnen ließe.
impact-not-recorded = Teilnahme an Live-Terminen, von Absolvent:innen geleitete Communitys und Erfolgsgeschichten werden noch nicht erfasst; ihre Spalten bleiben leer.
impact-not-recorded-short = (noch nicht erfasst)
impact-note-as-of = Stand { $time } (UTC).
impact-col-unit = Organisationseinheit
impact-col-level = Ebene
impact-col-parent = Übergeordnete Einheit
impact-col-certified = Zertifiziert
impact-col-active = Gültig
impact-col-expiring = Läuft ab (90 Tage)
impact-col-expired = Abgelaufen
impact-col-self-study = Selbststudium abgeschlossen
impact-col-live-sessions = Teilnahme an Live-Terminen
impact-col-communities = Communitys von Absolvent:innen
impact-col-success-stories = Erfolgsgeschichten
impact-col-quarter = Quartal
impact-col-note = Hinweis
impact-company = Alle Organisationseinheiten
impact-no-unit = Ohne Organisationseinheit
impact-sheet-units = Organisationseinheiten
impact-sheet-trend = Quartale
impact-sheet-notes = Hinweise
impact-trend = Quartal für Quartal
impact-trend-help = Das ganze Unternehmen seit dem ersten Zertifikat ({ $first }): zertifizierte Personen und abgeschlossene Selbststudien je Quartal, jede Person im Quartal ihres ersten Zertifikats.
impact-chart-certified = Zertifiziert je Quartal
impact-chart-self-study = Abgeschlossene Selbststudien je Quartal
impact-chart-desc = Balkendiagramm von { $first } bis { $last }; die Tabelle darunter nennt dieselben Zahlen.
impact-trend-table = Je Quartal
impact-trend-none = Es wurde noch kein Zertifikat ausgestellt.
impact-error-month = Wählen Sie einen Monat aus der Liste (geschrieben JJJJ-MM).
impact-error-not-kept = Für diesen Monat wurde kein Bericht festgehalten.
mail-impact-subject = Wirkungsbericht, { $month }
mail-impact-text = Hier ist der Wirkungsbericht für { $month } je Organisationseinheit. Am Monatsende:
mail-impact-certified = { $count ->
    [one] { $count } Person war zertifiziert
   *[other] { $count } Personen waren zertifiziert
}
mail-impact-self-study = { $count ->
    [one] { $count } Person hatte ein Selbststudium abgeschlossen
   *[other] { $count } Personen hatten ein Selbststudium abgeschlossen
}
mail-impact-attached = Der Bericht ist als Excel-Datei angehängt; die aktuellen Zahlen und frühere Monate finden Sie auf der Seite des Wirkungsberichts:
mail-impact-open = Wirkungsbericht öffnen
mail-impact-file = wirkungsbericht
