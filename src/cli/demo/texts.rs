//! Believable German and English texts for demo submissions and feedback, so the pages,
//! reports and mails of a demo read like a real program.

/// Submission bodies in German, by kind of assignment (any fits any; chosen by number).
pub const SUBMISSIONS_DE: &[&str] = &[
    "## Zweck\nUnsere Community verbindet alle, die im Vertrieb mit Kundendaten arbeiten, damit gute Lösungen nicht in einzelnen Teams hängen bleiben.\n\n## Zielgruppe\nVertriebsteams in Europa, rund 400 Personen.\n\n## Erfolg\nIn sechs Monaten stellen 30 Teams ihre Vorlagen in die Community.",
    "## Startplan\n1. Zehn Pionier:innen persönlich einladen.\n2. Ersten Beitrag als Frage formulieren: *Welche Vorlage spart Ihnen jede Woche Zeit?*\n3. Nach zwei Wochen die besten Antworten als Sammlung anpinnen.",
    "## Moderationsleitfaden\n- Wir antworten innerhalb von zwei Arbeitstagen.\n- Fragen ohne Antwort nach drei Tagen: gezielt Expert:innen erwähnen.\n- Konflikte klären wir per Direktnachricht, nicht im Thread.",
    "## Redaktionsplan (Working Out Loud)\nJede Woche ein kurzer Einblick aus einem Team: *Woran arbeiten wir, was haben wir gelernt?* Dazu monatlich eine offene Sprechstunde.",
    "## Wirkung\nNach drei Monaten: 212 Mitglieder, 48 % aktiv im Monat, 17 wiederverwendete Vorlagen. Zwei Teams berichten von je vier Stunden Zeitersparnis pro Woche.",
    "## Veränderungsgeschichte\nVorher suchte jedes Team allein nach Lösungen. Heute fragt die Logistik in Polen zuerst in der Community und bekommt meist am selben Tag eine Antwort aus Spanien.",
    "## Plan für die nächsten zwölf Monate\nQuartal 1: Co-Moderation mit zwei weiteren Personen. Quartal 2: Themenwochen. Quartal 3: Community-Treffen vor Ort. Quartal 4: Übergabe an ein festes Kernteam.",
];

/// Submission bodies in English.
pub const SUBMISSIONS_EN: &[&str] = &[
    "## Purpose\nOur community connects everyone who works on supplier quality, so that a fix found in one plant reaches all the others.\n\n## Audience\nQuality engineers in 23 plants.\n\n## Success\nWithin six months, every plant has shared at least one lesson learned.",
    "## Launch plan\n1. Invite twelve pioneers personally.\n2. Open with a question: *Which supplier issue cost you the most time this year?*\n3. After two weeks, pin a summary of the best answers.",
    "## Moderation guide\n- We answer within two working days.\n- Unanswered questions after three days: mention an expert by name.\n- Disagreements move to a direct message, never a public correction.",
    "## Content plan (Working Out Loud)\nEvery week one plant shares a short *what we tried and what we learned* post; once a month we hold open office hours.",
    "## Impact\nAfter three months: 318 members, 41 % active monthly, 26 questions answered within a day. One recurring defect was fixed in four plants in the same week.",
    "## Change story\nBefore, each plant solved the same supplier problem alone. Now a question from Brno gets an answer from Porto before lunch, and the audit team reads along.",
    "## Plan for the next twelve months\nQ1: two co-moderators. Q2: theme weeks per supplier group. Q3: a meetup at the quality summit. Q4: hand over to a core team of five.",
];

/// Co-trainer feedback in German.
pub const FEEDBACK_DE: &[&str] = &[
    "Klarer Zweck und eine gut beschriebene Zielgruppe. Beim Erfolgskriterium würde ich noch eine Zahl für die aktive Beteiligung ergänzen.",
    "Sehr konkret und umsetzbar. Die Einstiegsfrage ist gut gewählt; planen Sie ein, wer in den ersten Tagen antwortet.",
    "Der Leitfaden ist freundlich und verbindlich. Ergänzen Sie, wie neue Mitglieder begrüßt werden.",
    "Überzeugende Zahlen und eine schöne Geschichte aus dem Alltag. Genau so wird Wirkung sichtbar.",
];

/// Co-trainer feedback in English.
pub const FEEDBACK_EN: &[&str] = &[
    "A clear purpose and a well-described audience. For the success criterion I would add a number for active participation.",
    "Very concrete and doable. The opening question is well chosen; plan who answers in the first days.",
    "The guide is friendly and firm. Add how new members are welcomed.",
    "Convincing numbers and a good story from everyday work. This is exactly how impact becomes visible.",
];
