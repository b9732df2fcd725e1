nav-study = Selbststudium
study-title = Selbststudium
study-intro = Lernen Sie in Ihrem Tempo: kurze Lektionen mit Anleitung, Videos mit Untertiteln und je einem Wissenscheck. Wenn Sie alle Lektionen und Wissenschecks abgeschlossen haben, erhalten Sie ein Zertifikat über das Selbststudium.
study-none = Noch gibt es kein Programm im Selbststudium.
study-lessons = { $count ->
    [one] { $count } Lektion
   *[other] { $count } Lektionen
}
study-minutes = { $minutes ->
    [one] etwa { $minutes } Minute
   *[other] etwa { $minutes } Minuten
}
study-progress = { $total ->
    [one] { $done } von { $total } Lektion erledigt · { $passed } von { $total } Wissenscheck bestanden
   *[other] { $done } von { $total } Lektionen erledigt · { $passed } von { $total } Wissenschecks bestanden
}
study-enroll = Selbststudium beginnen
study-enroll-note = Ein Klick genügt, eine Freigabe ist nicht nötig.
study-continue = Weiterlernen
study-open = Öffnen
study-completed = Abgeschlossen
study-certificate-open = Zertifikat über das Selbststudium ansehen
study-flash-enrolled = Sie sind angemeldet. Beginnen Sie mit der ersten Lektion, wann immer Sie möchten.
study-flash-enroll-first = Beginnen Sie zuerst das Selbststudium, dann öffnen sich die Lektionen.
study-flash-completed = Geschafft: Sie haben alle Lektionen und Wissenschecks abgeschlossen. Ihr Zertifikat über das Selbststudium liegt bereit.
study-flash-marked = Lektion als erledigt markiert.
study-ask = In der Community fragen
study-ask-note = Fragen zu dieser Lektion? Stellen Sie sie in der Community für Community Manager:innen im Social Intranet.
study-lesson-of = Lektion { $position } von { $total }
study-guide = Anleitung
study-video = Video
study-video-fallback = Ihr Browser kann dieses Video nicht abspielen. Laden Sie es stattdessen herunter:
study-video-download = Video herunterladen
study-captions = Untertitel
study-done = Als erledigt markieren
study-is-done = Erledigt
study-check = Wissenscheck
study-check-intro = { $total ->
    [one] Eine Frage. Sie bestehen mit { $percent } % richtigen Antworten; Sie können beliebig oft wiederholen, Ihr bestes Ergebnis zählt.
   *[other] { $total } Fragen. Sie bestehen mit { $percent } % richtigen Antworten; Sie können beliebig oft wiederholen, Ihr bestes Ergebnis zählt.
}
study-check-multiple = Mehrere Antworten können richtig sein.
study-check-submit = Antworten prüfen
study-check-again = Noch einmal versuchen
study-check-passed = { $total ->
    [one] Bestanden: { $correct } von { $total } Frage richtig beantwortet.
   *[other] Bestanden: { $correct } von { $total } Fragen richtig beantwortet.
}
study-check-failed = { $total ->
    [one] Noch nicht bestanden: { $correct } von { $total } Frage richtig beantwortet. Lesen Sie die Erklärungen und versuchen Sie es noch einmal.
   *[other] Noch nicht bestanden: { $correct } von { $total } Fragen richtig beantwortet. Lesen Sie die Erklärungen und versuchen Sie es noch einmal.
}
study-check-best = { $total ->
    [one] Bestes Ergebnis bisher: { $correct } von { $total } Frage richtig.
   *[other] Bestes Ergebnis bisher: { $correct } von { $total } Fragen richtig.
}
study-check-right = Richtig
study-check-wrong = Nicht richtig
study-answer-chosen = Ihre Antwort
study-answer-correct = richtige Antwort
study-previous = Vorherige Lektion
study-next = Nächste Lektion
study-back = Alle Lektionen
study-state-open = offen
study-state-done = erledigt
study-state-passed = Wissenscheck bestanden
study-error-not-enrolled = Beginnen Sie zuerst das Selbststudium, dann öffnen sich die Lektionen.
study-error-answers = Diese Antworten passen nicht zu den Fragen. Bitte wählen Sie noch einmal.
study-error-unanswered = Bitte beantworten Sie jede Frage.
cert-kind-certification = Zertifizierung
cert-kind-self_study = Zertifikat über das Selbststudium
dashboard-study-program = Programm
dashboard-study-enrolled = Angemeldet
dashboard-study-completed = Abgeschlossen mit Zertifikat über das Selbststudium
program-lessons = Lektionen
