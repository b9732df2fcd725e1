app-name = qualify
skip-to-content = Zum Inhalt springen
nav-program = Programm
language-switch = English
language-switch-label = Sprache wechseln / change language
footer-text = Qualifizierung und Zertifizierung für Community Manager:innen

program-version = Curriculum-Version { $version }
program-validity = Zertifikate sind { $months } Monate gültig.
program-modules = Module
program-module-schedule = Wochen { $from }–{ $to }
program-minutes = etwa { $minutes } Minuten
program-assignments = Aufgaben
program-required = Pflicht für das Zertifikat
program-optional = freiwillig
program-pass = Bestanden ab { $threshold } von { $max } Punkten
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
error-401 = Bitte melden Sie sich an
error-401-text = Um diese Seite zu sehen, müssen Sie angemeldet sein.
error-403 = Zugriff verweigert
error-403-text = Dazu sind Sie nicht berechtigt. Wenn Sie meinen, dass Sie es sein sollten, wenden Sie sich an die Programmverantwortlichen.
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
