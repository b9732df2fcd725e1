# Navigation, leere Listen, Datum und Uhrzeit, das Bewertungsraster als Tabelle.
nav-manage = Verwaltung
nav-menu = Menü
empty-reviews-next = Sobald Ihnen eine Abgabe zugeteilt wird, erscheint sie hier, und Sie erhalten eine E-Mail. Ihre Einstellungen als Co-Trainer:in finden Sie in Ihrem Profil.
empty-reviews-profile = Mein Profil öffnen
empty-learn-next = Für eine Kohorte bewerben Sie sich auf der Programmseite; die Programmleitung nimmt Sie auf, und Sie erhalten eine E-Mail. Bis dahin können Sie schon im Selbststudium lernen.
empty-learn-program = Programm ansehen
relative-in-days = { $count ->
    [one] in 1 Tag
   *[other] in { $count } Tagen
}
relative-in-hours = { $count ->
    [0] in weniger als einer Stunde
    [one] in 1 Stunde
   *[other] in { $count } Stunden
}
relative-days-ago = { $count ->
    [one] vor 1 Tag
   *[other] vor { $count } Tagen
}
relative-hours-ago = { $count ->
    [0] gerade eben
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
rubric-level = Stufe { $number } · { $points ->
    [one] 1 Punkt
   *[other] { $points } Punkte
}
rubric-comment-on = Kommentar zu „{ $criterion }“
rubric-total = Summe
rubric-pass-from = (bestanden ab { $threshold })
rubric-graded-against = Das Bewertungsraster, nach dem Ihre Abgabe bewertet wird
rubric-your-levels = Ihre Stufen, markiert, mit den Kommentaren der Co-Trainer:in
form-errors-below = Bitte korrigieren Sie die unten markierten Felder.
empty-cohorts-create = Erste Kohorte anlegen
empty-cohorts-next = Eine Kohorte führt Teilnehmende ab ihrem Startdatum durch ein Programm. Legen Sie sie unten an; danach nehmen Sie Teilnehmende auf oder lassen Bewerbungen zu.
empty-people-invite = Personen einladen
cert-none-match = Kein Zertifikat passt zu dieser Auswahl.
empty-certificates-next-owner = Ein Zertifikat wird ausgestellt, sobald eine teilnehmende Person die letzte Pflichtaufgabe bestanden hat. Die Seite „Bewertung“ zeigt die noch offene Arbeit.
empty-certificates-grading = Bewertung öffnen
empty-certificates-next = Ihr Zertifikat erscheint hier, sobald Ihre letzte Pflichtaufgabe bestanden ist.
empty-certificates-learn = Meinen Fortschritt ansehen
empty-applications = Noch keine Bewerbungen. Bewerben kann man sich auf der Programmseite.
empty-applications-program = Programmseite ansehen
