pager-label = Pages
pager-first = First page
pager-next = Next page
pager-count = { $count ->
    [0] No matches
    [one] One match
   *[other] { $count } matches
}
pager-count-more = More than 1,000 matches
list-sort = Sort by
list-search = Search
list-filter = Filter
cert-search = Name or verification code
cert-kind = Kind
mail-search = Recipient address
mail-status = Status
mail-view-trouble = Failed or given up
mail-view-pending = Waiting
mail-view-sending = Being sent
mail-view-sent = Sent
mail-view-failed = Failed, will be tried again
mail-view-dead = Given up
mail-view-cancelled = Canceled
mail-view-all = All
mail-none-match = No mails match this selection.
mail-pending-many = More than 1,000 mails are waiting to be sent.
audit-object-id = Object (id)
people-org-unit = Org unit
people-sort-name = Name
people-sort-email = Email address
people-sort-newest = Newest first
people-none = Nobody has an account yet. Invite the first people below or sync the HR directory.
people-none-match = Nobody matches this search.
cohorts-search = Cohort name
cohorts-none-match = No cohort matches this selection.
grading-summary = Grading at a glance
grading-active-cotrainers = Active co-trainers
grading-capacity-total = { $count ->
    [one] room for one open review
   *[other] room for { $count } open reviews
}
grading-cohorts-help = Cohorts with open or waiting work, the busiest first. Choose a cohort for its completed reviews and turnaround.
pool-grades-in = Grades in
pool-paused = paused
pool-empty = Nobody is in the pool yet. Certified graduates join themselves; you can add people below.
pool-back = Back to grading
pool-rebalance-help = Moves all of this person's open reviews to other co-trainers who fit, for example before an absence.
