# The impact report by org unit
reports-impact = Impact report by org unit
impact-title = Impact report
impact-lead = How do you sell your work in the company? Per org unit: how many people are certified, how many completed a self-study, and how that grew quarter by quarter.
impact-kept = Figures of { $month }, as kept on { $time }.
impact-as-of = Current figures as of { $time } (recomputed at most every 30 seconds).
impact-month = Month
impact-month-live = current (live)
impact-months-none = No month has been kept yet: each month is kept at the start of the next one.
impact-search = Find an org unit
impact-search-result = { $count ->
    [0] No org unit matches “{ $query }”.
    [one] One org unit matches “{ $query }”.
   *[other] { $count } org units match “{ $query }”.
}
impact-download = Download (XLSX)
impact-units = By org unit
impact-note-rolled-up = A unit's figures include every unit below it.
impact-note-expiring = Active, expiring and expired add up to certified: active means valid for more than 90 days, expiring means within the next 90 days.
impact-note-withheld = { $dash } withheld: a figure about fewer than 5 people, or one from which such a figure could be computed.
impact-not-recorded = Live-session attendance, communities run by graduates and success stories are not recorded yet; their columns stay empty.
impact-not-recorded-short = (not recorded yet)
impact-note-as-of = Figures as of { $time } (UTC).
impact-col-unit = Org unit
impact-col-level = Level
impact-col-parent = Parent unit
impact-col-certified = Certified
impact-col-active = Active
impact-col-expiring = Expiring (90 days)
impact-col-expired = Expired
impact-col-self-study = Self-study completed
impact-col-live-sessions = Live-session attendance
impact-col-communities = Communities run by graduates
impact-col-success-stories = Success stories
impact-col-quarter = Quarter
impact-col-note = Note
impact-company = All org units
impact-no-unit = Without org unit
impact-sheet-units = Org units
impact-sheet-trend = Quarters
impact-sheet-notes = Notes
impact-trend = Quarter by quarter
impact-trend-help = The whole company since the first certificate ({ $first }): people certified and self-study completions per quarter, each person in the quarter of their first certificate.
impact-chart-certified = Certified per quarter
impact-chart-self-study = Self-study completions per quarter
impact-chart-desc = Bar chart from { $first } to { $last }; the table below lists the same figures.
impact-trend-table = Per quarter
impact-trend-none = No certificate has been issued yet.
impact-error-month = Choose a month from the list (written YYYY-MM).
impact-error-not-kept = No report was kept for this month.
mail-impact-subject = Impact report, { $month }
mail-impact-text = Here is the impact report for { $month }, per org unit. At the end of the month:
mail-impact-certified = { $count ->
    [one] { $count } person was certified
   *[other] { $count } people were certified
}
mail-impact-self-study = { $count ->
    [one] { $count } person had completed a self-study
   *[other] { $count } people had completed a self-study
}
mail-impact-attached = The report is attached as an Excel file; the current figures and earlier months are on the impact page:
mail-impact-open = Open the impact report
mail-impact-file = impact-report
