# Dashboard and reports
nav-dashboard = Dashboard
nav-reports = Reports
dashboard-title = Program dashboard
dashboard-cohort-title = Dashboard: { $name }
dashboard-as-of = Figures as of { $time } (recomputed at most every 30 seconds)
dashboard-figures = Key figures
dashboard-reports = Reports and exports
dashboard-enrolled = enrolled
dashboard-active = active
dashboard-withdrawn = withdrawn
dashboard-deferred = deferred
dashboard-certified = certified
dashboard-completion = completion rate
dashboard-on-time = on time ({ $count ->
    [one] { $count } first submission
   *[other] { $count } first submissions
})
dashboard-days-to-certificate = median days from start to certificate
dashboard-turnaround = median grading turnaround ({ $count ->
    [one] { $count } review
   *[other] { $count } reviews
}, 90 days)
dashboard-expiring = certificates expiring in { $days ->
    [one] { $days } day
   *[other] { $days } days
}
dashboard-stalls = Where trainees stall
dashboard-stalls-help = Active trainees of running cohorts by the module of their next required assignment.
dashboard-stalls-none = No active trainees in running cohorts.
dashboard-module = Module
dashboard-trainees = Trainees
dashboard-load = Grading load per co-trainer
dashboard-load-none = No open reviews.
dashboard-cohorts = Cohorts
reports-title = Reports
reports-choose = Report
reports-program = Program
reports-cohort = Cohort
reports-cohort-help = The progress report is for one cohort.
reports-any = all
reports-from = From
reports-to = To
reports-org-unit = Org unit
reports-status = Status
reports-module = Stalled in module (slug)
reports-expiring-days = Expiring within (days)
reports-show = Show
reports-download = Download
reports-preview = First { $shown } of { $total ->
    [one] { $total } row
   *[other] { $total } rows
}
reports-none = No rows match these filters.
report-title-certificates = Certification register
report-title-progress = Cohort progress
report-title-cotrainers = Co-trainer activity
report-col-holder = Holder
report-col-email = Email
report-col-org-unit = Org unit
report-col-program = Program
report-col-cohort = Cohort
report-col-issued = Issued
report-col-expires = Expires
report-col-status = Status
report-col-code = Verification code
report-col-verify-url = Verification URL
report-col-trainee = Trainee
report-col-enrollment = Enrollment
report-col-next-module = Next module
report-col-state = state
report-col-points = points
report-col-late = late
report-col-certificate = Certificate
report-col-cotrainer = Co-trainer
report-col-pool-state = Pool
report-col-capacity = Capacity
report-col-reviews-done = Reviews done
report-col-reviews-open = Open
report-col-reviews-overdue = Overdue
report-col-turnaround-hours = Median turnaround (h)
report-col-rating = Feedback rating
report-col-ratings = Ratings
report-yes = yes
report-no = no
report-state-active = active
report-state-expired = expired
report-state-revoked = revoked
report-state-superseded = superseded
report-state-withdrawn = withdrawn
report-state-deferred = deferred
report-state-moved = moved
report-state-completed = completed
report-state-certified = certified
report-state-not-started = not started
report-state-draft = draft
report-state-submitted = submitted
report-state-in-review = in review
report-state-revision-requested = revision requested
report-state-passed = passed
report-state-failed = failed
report-state-pool-active = active
report-state-pool-paused = paused
report-error-date = Enter dates as YYYY-MM-DD.
report-error-range = The end date is before the start date.
report-error-status = This status does not exist for this report.
report-error-days = Enter a number of days between 1 and 3650.
report-error-cohort-required = Choose a cohort for the progress report.
report-error-format = Choose csv, xlsx or json as the format.
report-error-report = There is no report of that name: certificates, progress or cotrainers.
mail-register-subject = Certification register, { $month }
mail-register-text = Here is the certification register. In { $month }:
mail-register-issued = { $count ->
    [one] { $count } certificate was issued
   *[other] { $count } certificates were issued
}
mail-register-revoked = { $count ->
    [one] { $count } certificate was revoked
   *[other] { $count } certificates were revoked
}
mail-register-active = { $count ->
    [one] { $count } certificate is valid today
   *[other] { $count } certificates are valid today
}
mail-register-attached = The whole register is attached as an Excel file; filters and other formats are on the reports page:
mail-register-open = Open the reports
mail-register-file = certification-register
report-col-kind = Kind
report-state-kind-certification = Certification
report-state-kind-self-study = Self-study
report-col-event-place = Place
report-col-attendance = Attendance
report-state-present = present
report-state-late = late
report-state-excused = excused
report-state-absent = absent
report-col-sessions-attended = Live sessions attended
report-col-sessions = Live sessions
