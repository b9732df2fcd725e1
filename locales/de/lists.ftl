pager-label = Seiten
pager-first = Erste Seite
pager-next = Nächste Seite
pager-count = { $count ->
    [0] Keine Treffer
    [one] Ein Treffer
   *[other] { $count } Treffer
}
pager-count-more = Mehr als 1.000 Treffer
list-sort = Sortieren nach
list-search = Suchen
list-filter = Filtern
cert-search = Name oder Prüfcode
cert-kind = Art
mail-search = Empfängeradresse
mail-status = Stand
mail-view-trouble = Fehlgeschlagen oder aufgegeben
mail-view-pending = Wartet
mail-view-sending = Wird gesendet
mail-view-sent = Gesendet
mail-view-failed = Fehlgeschlagen, neuer Versuch folgt
mail-view-dead = Aufgegeben
mail-view-cancelled = Abgebrochen
mail-view-all = Alle
mail-none-match = Keine E-Mails passen zu dieser Auswahl.
mail-pending-many = Mehr als 1.000 E-Mails warten auf den Versand.
audit-object-id = Objekt (ID)
people-org-unit = Organisationseinheit
people-sort-name = Name
people-sort-email = E-Mail-Adresse
people-sort-newest = Neueste zuerst
people-none = Noch niemand hat ein Konto. Laden Sie die ersten Personen unten ein oder gleichen Sie das Personalverzeichnis ab.
people-none-match = Niemand passt zu dieser Suche.
cohorts-search = Name der Kohorte
cohorts-none-match = Keine Kohorte passt zu dieser Auswahl.
grading-summary = Bewertung auf einen Blick
grading-active-cotrainers = Aktive Co-Trainer:innen
grading-capacity-total = { $count ->
    [one] Platz für eine offene Bewertung
   *[other] Platz für { $count } offene Bewertungen
}
grading-cohorts-help = Kohorten mit offener oder wartender Arbeit, die mit der meisten zuerst. Wählen Sie eine Kohorte für ihre abgeschlossenen Bewertungen und die Bearbeitungszeit.
pool-grades-in = Bewertet auf
pool-paused = pausiert
pool-empty = Noch niemand ist im Pool. Zertifizierte Absolvent:innen melden sich selbst an; Sie können Personen unten hinzufügen.
pool-back = Zurück zur Bewertung
pool-rebalance-help = Verteilt alle offenen Bewertungen dieser Person auf andere Co-Trainer:innen, die passen, zum Beispiel vor einer Abwesenheit.
