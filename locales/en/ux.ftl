# Navigation, empty lists, dates and times, the rubric grid.
nav-manage = Manage
nav-menu = Menu
empty-reviews-next = When a submission is allocated to you, it appears here and you get a mail. Meanwhile, your settings as a co-trainer are on your profile.
empty-reviews-profile = Open my profile
empty-learn-next = Apply for a cohort on the program page; your program lead enrolls you and you will get a mail. Meanwhile, you can start learning in self-study.
empty-learn-program = See the program
relative-in-days = { $count ->
    [one] in 1 day
   *[other] in { $count } days
}
relative-in-hours = { $count ->
    [0] in less than an hour
    [one] in 1 hour
   *[other] in { $count } hours
}
relative-days-ago = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}
relative-hours-ago = { $count ->
    [0] just now
    [one] 1 hour ago
   *[other] { $count } hours ago
}
rubric-level = Level { $number } · { $points ->
    [one] 1 point
   *[other] { $points } points
}
rubric-comment-on = Comment on “{ $criterion }”
rubric-total = Total
rubric-pass-from = (pass from { $threshold })
rubric-graded-against = The rubric your work is graded against
rubric-your-levels = Your levels, marked, with the co-trainer’s comments
form-errors-below = Please correct the fields marked below.
empty-cohorts-create = Create the first cohort
empty-cohorts-next = A cohort takes trainees through one program from its start date. Create it below; then enroll trainees or admit applications to it.
empty-people-invite = Invite people
cert-none-match = No certificate matches this selection.
empty-certificates-next-owner = A certificate is issued when a trainee passes the last required assignment. The grading page shows the work still open.
empty-certificates-grading = Open the grading page
empty-certificates-next = Your certificate appears here once your last required assignment has passed.
empty-certificates-learn = See my progress
empty-applications = No applications yet. People apply on the program page.
empty-applications-program = See the program page
