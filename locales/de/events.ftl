nav-events = Live-Termine
events-title = Live-Termine
events-intro = Kick-offs und Calls Ihrer Kohorte, offene Werkstätten und der Community-Call: Hier melden Sie sich an, und die Einladung landet in Ihrem Kalender.
events-new = Live-Termin planen
events-create = Live-Termin planen
events-empty = Für Sie ist zurzeit kein Live-Termin geplant.
events-empty-owner = Es ist noch kein Live-Termin geplant.
event-mode-online = Online
event-mode-in_person = Vor Ort
event-mode-hybrid = Hybrid
event-state-canceled = Abgesagt
event-mine-registered = Platz sicher
event-mine-waitlisted = Auf der Warteliste
event-mine-canceled = Platz freigegeben
event-places = { $capacity ->
    [one] { $taken } von { $capacity } Platz vergeben
   *[other] { $taken } von { $capacity } Plätzen vergeben
}
event-places-unlimited = { $taken ->
    [one] { $taken } Person angemeldet
   *[other] { $taken } Personen angemeldet
}
event-places-title = Plätze
event-when = Wann
event-where = Wo
event-your-place = Ihr Platz
event-mine-registered-text = Sie haben einen Platz. Die Einladung ist in Ihrem Postfach; übernehmen Sie sie in Ihren Kalender.
event-mine-waitlisted-text = Sie stehen auf der Warteliste. Wird ein Platz frei, bekommt ihn die erste wartende Person per E-Mail.
event-mine-none = Sie sind nicht angemeldet.
event-register = Platz sichern
event-join-waitlist = Auf die Warteliste
event-leave = Platz freigeben
event-leave-waitlist = Von der Warteliste nehmen
event-people = Angemeldet und wartend
event-people-none = Es hat sich noch niemand angemeldet.
event-place = Platz
event-change = Live-Termin ändern
event-change-help = Alle mit Platz erhalten die geänderte Einladung.
event-cancel = Live-Termin absagen
event-cancel-help = Alle mit Platz erhalten eine Absage für ihren Kalender.
event-is-canceled = Dieser Live-Termin wurde abgesagt.
event-open-to-all = Offen für alle Mitarbeitenden
event-field-cohort = Kohorte
event-field-title-de = Titel (Deutsch)
event-field-title-en = Titel (Englisch)
event-field-description-de = Beschreibung (Deutsch)
event-field-description-en = Beschreibung (Englisch)
event-field-starts = Beginn
event-field-ends = Ende
event-field-time-zone = Zeitzone
event-field-mode = Format
event-field-join-url = Link zur Teilnahme
event-field-room = Raum
event-field-address = Adresse
event-field-capacity = Plätze (leer: unbegrenzt)
event-field-closes = Anmeldeschluss (leer: zu Beginn)
event-field-waitlist = Warteliste führen, wenn alle Plätze vergeben sind
event-done-registered = Sie haben einen Platz. Die Einladung ist unterwegs in Ihr Postfach.
event-done-waitlisted = Alle Plätze sind vergeben: Sie stehen auf der Warteliste.
event-done-left = Erledigt: Ihr Platz ist für jemand anderen frei.
event-done-saved = Der Live-Termin ist gespeichert.
event-done-canceled = Der Live-Termin ist abgesagt; alle mit Platz werden benachrichtigt.
event-error-canceled = Dieser Live-Termin wurde abgesagt.
event-error-closed = Die Anmeldung ist beendet.
event-error-full = Alle Plätze sind vergeben, und dieser Live-Termin führt keine Warteliste.
event-error-started = Der Live-Termin hat begonnen: Der Platz kann nicht mehr freigegeben werden.
event-error-title = Geben Sie einen Titel mit bis zu 200 Zeichen an.
event-error-description = Die Beschreibung darf bis zu 5.000 Zeichen haben.
event-error-time-zone = Wählen Sie eine Zeitzone aus der Liste.
event-error-time = Geben Sie Datum und Uhrzeit an.
event-error-end = Das Ende muss nach dem Beginn liegen, höchstens sieben Tage später.
event-error-past = Der Live-Termin darf nicht in der Vergangenheit enden.
event-error-mode = Wählen Sie online, vor Ort oder hybrid.
event-error-join-url = Geben Sie den Link zur Teilnahme an, beginnend mit https://.
event-error-place = Geben Sie den Raum oder die Adresse an.
event-error-capacity = Geben Sie 1 bis 100.000 Plätze an, oder lassen Sie das Feld leer.
event-error-capacity-taken = Es haben schon mehr Personen einen Platz: Die Zahl kann nicht kleiner sein.
event-error-closes = Die Anmeldung muss spätestens zu Beginn enden.
event-error-cohort = Wählen Sie eine Kohorte aus der Liste.
mail-event-invitation-subject = { $occasion ->
    [changed] Geändert: { $title }
    [promoted] Sie haben einen Platz: { $title }
   *[other] Einladung: { $title }
}
mail-event-invitation-text = { $occasion ->
    [changed] Der Live-Termin „{ $title }“ hat sich geändert. Die angehängte Einladung aktualisiert Ihren Kalender.
    [promoted] Ein Platz ist frei geworden, und er gehört Ihnen: Sie sind für „{ $title }“ angemeldet. Die Einladung ist angehängt.
   *[other] Sie sind für „{ $title }“ angemeldet. Die Einladung ist angehängt: Öffnen Sie sie, um den Live-Termin in Ihren Kalender zu übernehmen.
}
mail-event-when = Wann: { $starts } – { $ends } ({ $zone })
mail-event-where = Wo: { $place }
mail-event-cancellation-subject = Abgesagt: { $title }
mail-event-cancellation-text = { $called_off ->
    [yes] Der Live-Termin „{ $title }“ wurde abgesagt. Die angehängte Absage entfernt ihn aus Ihrem Kalender.
   *[other] Sie haben Ihren Platz bei „{ $title }“ freigegeben. Die angehängte Absage entfernt ihn aus Ihrem Kalender.
}
mail-event-waitlisted-subject = Auf der Warteliste: { $title }
mail-event-waitlisted-text = Alle Plätze bei „{ $title }“ sind vergeben, daher stehen Sie auf der Warteliste. Wird ein Platz frei, bekommt ihn die erste wartende Person, und wir schicken Ihnen die Einladung.
event-back = Zurück zum Live-Termin
event-attendance = Anwesenheit
event-attendance-present = Anwesend
event-attendance-late = Verspätet
event-attendance-excused = Entschuldigt
event-attendance-absent = Abwesend
event-roll-call-save = Anwesenheit speichern
event-roll-call-later = Die Anwesenheit wird erfasst, sobald der Live-Termin beginnt.
event-code-show = Code zum Einchecken zeigen
event-code-title = Einchecken
event-code-intro = Scannen Sie den Code mit dem Smartphone, oder öffnen Sie den Live-Termin in qualify und geben Sie die sechs Ziffern ein.
event-code-label = Code zum Einchecken
event-code-qr = QR-Code, der das Einchecken öffnet
event-code-new = Aktuellen Code zeigen
event-code-changes = Der Code wechselt jede Minute; diese Seite aktualisiert sich selbst.
event-check-in = Einchecken
event-check-in-code = Code zum Einchecken
event-check-in-hint = Die sechs Ziffern, die im Live-Termin gezeigt werden.
event-done-roll-call = Die Anwesenheit ist gespeichert.
event-done-checked-in = Sie sind eingecheckt. Vielen Dank!
event-error-not-started = Die Anwesenheit wird erfasst, sobald der Live-Termin beginnt.
event-error-check-in-closed = Einchecken ist ab einer Viertelstunde vor Beginn bis zum Ende möglich.
event-error-not-registered = Nur Personen mit Platz checken ein.
event-error-code = Das ist nicht der Code, der gerade im Live-Termin gezeigt wird.
event-import = Anwesenheitsliste aus Teams oder Zoom
event-import-hint = Die Teilnahmeliste als CSV, UTF-8 oder UTF-16. Alle mit Platz, deren Adresse darin steht, werden als anwesend markiert; vorhandene Angaben bleiben.
event-import-button = Anwesenheit importieren
event-import-done-title = Anwesenheit importiert
event-import-summary = { $addresses ->
    [one] { $addresses } Adresse gelesen
   *[other] { $addresses } Adressen gelesen
}: { $marked } als anwesend markiert, { $already ->
    [one] { $already } Person war schon erfasst.
   *[other] { $already } Personen waren schon erfasst.
}
event-import-unknown = Adressen ohne Platz
event-import-unknown-help = Diese Personen haben ohne Platz teilgenommen oder nutzen in qualify eine andere Adresse. Markieren Sie sie bei Bedarf von Hand.
event-error-import-encoding = Die Datei ist weder UTF-8- noch UTF-16-Text. Exportieren Sie die Anwesenheitsliste erneut als CSV.
event-error-import-empty = Die Datei hat keine Spalte mit E-Mail-Adressen. Exportieren Sie die Teilnahmeliste mit ihrer E-Mail-Spalte.
event-error-import-size = Die Datei ist größer als 2 MiB.
event-download = Anwesenheit als Datei:
event-plan-kickoff = Kick-off: { $program }
event-plan-module-call = Live-Termin: { $module }
event-plan-description = Ein Live-Termin der Kohorte { $cohort }: { $title }. Alle Teilnehmenden der Kohorte haben einen Platz.
cohort-live-sessions = Live-Termine
cohort-live-sessions-session = Live-Termin
cohort-live-sessions-none = Diese Kohorte hat noch keinen Live-Termin.
cohort-live-sessions-missing = { $n ->
    [one] Das Programm sieht { $n } Live-Termin vor, den diese Kohorte noch nicht hat. Alle Teilnehmenden erhalten einen Platz und eine Einladung.
   *[other] Das Programm sieht { $n } Live-Termine vor, die diese Kohorte noch nicht hat. Alle Teilnehmenden erhalten einen Platz und eine Einladung.
}
cohort-live-sessions-plan = Live-Termine des Programms planen
cohort-create-live-sessions = Live-Termine des Programms (Kick-off und Modul-Termine) auf die Daten der Kohorte legen
learn-live-sessions = Live-Termine: { $attended } von { $sessions ->
    [one] { $sessions } Live-Termin
   *[other] { $sessions } Live-Terminen
} besucht ({ $percent } % für das Zertifikat nötig)
learn-live-sessions-met = genug besucht
event-guest-eyebrow = Offen für Gäste
event-guest-form = Als Gast anmelden
event-guest-form-hint = Sie brauchen kein Konto. Wir senden Ihnen einen Link per E-Mail; Ihr Platz ist reserviert, sobald Sie dort bestätigen.
event-guest-language = Sprache Ihrer E-Mails
event-guest-error-name = Geben Sie Ihren Namen an (höchstens 200 Zeichen).
event-guest-error-email = Geben Sie eine gültige E-Mail-Adresse an.
event-error-guest-link-expired = Dieser Link wurde nicht rechtzeitig bestätigt.
event-guest-sent-title = Bitte prüfen Sie Ihre E-Mails
event-guest-sent = Wir haben einen Link an { $email } gesendet. Öffnen Sie ihn innerhalb von { $hours ->
    [one] { $hours } Stunde
   *[other] { $hours } Stunden
} und bestätigen Sie, um Ihren Platz zu sichern. Bis dahin ist nichts reserviert.
event-guest-place = Die Anmeldung von { $name }
event-guest-state-pending = Noch nicht bestätigt: Bestätigen Sie, um einen Platz zu sichern.
event-guest-state-registered = Sie haben einen Platz. Die Einladung ist in Ihren E-Mails; übernehmen Sie sie in Ihren Kalender.
event-guest-state-waitlisted = Sie stehen auf der Warteliste. Wird ein Platz frei, erhält ihn, wer am längsten wartet, und wird per E-Mail benachrichtigt.
event-guest-state-canceled = Sie haben Ihren Platz freigegeben.
event-guest-confirm = Anmeldung bestätigen
event-guest-again = Erneut anmelden
event-guest-done-confirmed = Ihre Anmeldung ist bestätigt.
event-guest-done-left = Ihr Platz ist freigegeben.
event-guest-field = Gäste ohne Konto dürfen sich anmelden (öffentlicher Termin, per E-Mail bestätigt)
event-guest-link = Link für Gäste
event-guests-title = Gäste
event-error-guests-cohort = Ein Live-Termin einer Kohorte nimmt keine Gäste auf: Lassen Sie die Kohorte für einen öffentlichen Termin leer.
mail-event-guest-subject = Bitte bestätigen: { $title }
mail-event-guest-subject-confirmed = Ihre Anmeldung: { $title }
mail-event-guest-text = Sie haben einen Platz für „{ $title }“ angefragt. Öffnen Sie diesen Link innerhalb von { $hours ->
    [one] { $hours } Stunde
   *[other] { $hours } Stunden
} und bestätigen Sie; erst dann ist Ihr Platz reserviert.
mail-event-guest-text-confirmed = Sie sind für „{ $title }“ angemeldet. Ihre Anmeldung, bei der Sie Ihren Platz auch freigeben können, finden Sie hier:
mail-event-guest-not-you = Falls Sie das nicht angefragt haben, ignorieren Sie diese E-Mail: Ohne Bestätigung geschieht nichts.
