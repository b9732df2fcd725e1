# Bewerbungen für ein Kohortenprogramm: das Formular, die Seite der Führungskraft, die Liste
# der Programmleitung, der Stand auf der Lernseite und die E-Mails.
nav-applications = Bewerbungen
application-status-title = Ihre Bewerbungen
application-apply-title = Bewerben
application-apply-for = Bewerbung für „{ $program }“
application-open = Sie haben für dieses Programm bereits eine offene Bewerbung.
application-requires-done = Sie haben das Selbststudium-Zertifikat von „{ $program }“, das dieses Programm voraussetzt.
application-requires-missing = Bevor Sie sich bewerben, brauchen Sie das Selbststudium-Zertifikat von „{ $program }“.
application-requires-link = Zum Selbststudium „{ $program }“
application-manager-step = Ihre Führungskraft { $manager } wird zuerst gebeten, Ihre Bewerbung zu befürworten.
application-manager-skipped = Dieses Programm bittet Führungskräfte um Zustimmung, aber die HR-Daten nennen für Sie keine Führungskraft: Dieser Schritt entfällt.
application-motivation = Motivation
application-community-name = Name Ihrer Community
application-community-url = Intranet-Adresse Ihrer Community
application-preferred-start = Gewünschter Start
application-next-possible = Nächstmögliche Kohorte
application-submit = Bewerbung senden
application-state = Stand
application-state-submitted = Abgegeben
application-state-manager_pending = Wartet auf die Führungskraft
application-state-manager_approved = Von der Führungskraft befürwortet
application-state-manager_declined = Von der Führungskraft abgelehnt
application-state-admitted = Zugelassen
application-state-waitlisted = Auf der Warteliste
application-state-declined = Abgelehnt
application-status-admitted = Sie sind zur Kohorte { $cohort } zugelassen, Start am { $date }.
application-status-manager-pending = Wartet auf die Zustimmung von { $manager }.
application-manager-comment = Kommentar der Führungskraft
application-reason = Begründung
application-manager-title = Bewerbung zur Zustimmung
application-applicant = Bewerbung von
application-program = Programm
application-approve = Befürworten
application-manager-decline = Ablehnen
application-saved = Ihre Entscheidung ist gespeichert.
application-list-title = Bewerbungen
application-search = Name oder E-Mail
application-filter-any = Alle
application-filter-button = Filtern
application-org-unit = Organisationseinheit
application-self-study = Selbststudium abgeschlossen
application-self-study-done = Selbststudium abgeschlossen
application-self-study-missing = Selbststudium nicht abgeschlossen
application-yes = Ja
application-no = Nein
application-manager-decision = Entscheidung der Führungskraft
application-manager-approved = Befürwortet
application-manager-declined = Abgelehnt
application-manager-none = Keine
application-select = Auswählen
application-details = Programm und Community
application-decide = Entscheiden
application-admit = Zulassen
application-waitlist = Auf die Warteliste setzen
application-decline = Ablehnen
application-cohort = Kohorte
application-wished-cohort = Die jeweils gewünschte Kohorte
application-none = Keine Bewerbung passt.
application-pages = Seiten der Bewerbungen
application-first-page = Erste Seite
application-next-page = Nächste Seite
application-bulk-title = Für die ausgewählten Bewerbungen entscheiden
application-bulk-help = Wählen Sie Bewerbungen in der Liste oben aus. Sie sehen zuerst, was geschehen würde; erst wenn Sie bestätigen, ändert sich etwas.
application-bulk-preview = Zeigen, was geschehen würde
application-bulk-dry-run = Probelauf: Noch hat sich nichts geändert.
application-bulk-would = { $count ->
    [one] Über eine Bewerbung würde entschieden.
   *[other] Über { $count } Bewerbungen würde entschieden.
}
application-bulk-confirm = { $count ->
    [one] Über eine Bewerbung entscheiden
   *[other] Über { $count } Bewerbungen entscheiden
}
application-bulk-done = { $count ->
    [one] Über eine Bewerbung wurde entschieden.
   *[other] Über { $count } Bewerbungen wurde entschieden.
}
application-refused = Nicht möglich
application-back = Zurück zu den Bewerbungen
application-error-motivation = Schreiben Sie Ihre Motivation (bis zu 2.000 Zeichen).
application-error-community-name = Geben Sie den Namen Ihrer Community an (bis zu 200 Zeichen).
application-error-community-url = Geben Sie die Adresse Ihrer Community an, beginnend mit https:// oder http://.
application-error-start = Wählen Sie eine der geplanten Kohorten oder die nächstmögliche.
application-error-self-study = Dieses Programm setzt zuerst das Selbststudium-Zertifikat voraus.
application-error-open = Sie haben für dieses Programm bereits eine offene Bewerbung.
application-error-state = Die Bewerbung ist in keinem Stand, der diese Entscheidung erlaubt.
application-error-cohort = Wählen Sie eine Kohorte dieses Programms, die noch Teilnehmende aufnimmt.
application-error-reason = Geben Sie für eine Ablehnung eine Begründung an (bis zu 2.000 Zeichen).
application-error-comment = Der Kommentar darf bis zu 2.000 Zeichen haben.
mail-application-request-subject = Bitte um Zustimmung: { $applicant } bewirbt sich für „{ $program }“
mail-application-request-text = { $applicant } hat sich für das Programm „{ $program }“ beworben. Als Führungskraft befürworten oder ablehnen Sie die Bewerbung bitte, gern mit einem Kommentar.
mail-application-request-action = Zur Bewerbung:
mail-application-manager-subject = Ihre Führungskraft hat auf Ihre Bewerbung für „{ $program }“ geantwortet
mail-application-manager-approved = Ihre Führungskraft hat Ihre Bewerbung für „{ $program }“ befürwortet.
mail-application-manager-declined = Ihre Führungskraft hat Ihre Bewerbung für „{ $program }“ abgelehnt.
mail-application-comment = Kommentar: { $comment }
mail-application-next = Als Nächstes entscheidet die Programmleitung; Sie hören von uns.
mail-application-admitted-subject = Sie sind zu „{ $program }“ zugelassen
mail-application-admitted-text = Willkommen: Sie sind zur Kohorte { $cohort } von „{ $program }“ zugelassen, Start am { $date }. Ihre Lernseite zeigt, was zuerst ansteht.
mail-application-waitlisted-subject = Ihre Bewerbung für „{ $program }“ steht auf der Warteliste
mail-application-waitlisted-text = Ihre Bewerbung für „{ $program }“ steht auf der Warteliste. Sie behalten Ihren Platz, und wir sagen Ihnen Bescheid, sobald eine Kohorte Platz hat.
mail-application-declined-subject = Ihre Bewerbung für „{ $program }“
mail-application-declined-text = Es tut uns leid: Ihre Bewerbung für „{ $program }“ wurde abgelehnt.
mail-application-reason = Begründung: { $reason }
application-admit-choose = Zum Zulassen die Bewerbung ankreuzen und unten eine Kohorte wählen.
application-not-decided = Die Entscheidung wurde nicht gespeichert.
application-bulk-none = Wählen Sie mindestens eine Bewerbung in der Liste aus.
application-bulk-again = Erneut prüfen
application-bulk-change = Entscheidung ändern
