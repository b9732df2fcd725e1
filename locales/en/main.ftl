app-name = qualify
skip-to-content = Skip to content
nav-program = Program
nav-label = Main navigation
nav-people = People
nav-mail = Mail
nav-profile = My profile
nav-sign-in = Sign in
nav-sign-out = Sign out
language-switch = Deutsch
language-switch-label = Sprache wechseln / change language
footer-text = Community manager qualification and certification

program-version = Curriculum version { $version }
program-validity = Certificates are valid for { $months ->
    [one] { $months } month
   *[other] { $months } months
}.
program-modules = Modules
program-module-schedule = Weeks { $from }–{ $to }
program-minutes = about { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
program-assignments = Assignments
program-required = required for the certificate
program-optional = optional
program-pass = Pass with { $threshold } of { $max ->
    [one] { $max } point
   *[other] { $max } points
}
program-rubric = Rubric
program-criterion = Criterion
program-levels = Levels
program-points = { $points ->
    [one] { $points } point
   *[other] { $points } points
}
program-brief = Brief

error-back-home = Back to the start page
error-reference = Error { $status }
error-400 = The request could not be processed
error-400-text = Something in the request was not valid. Please check your input and try again.
error-422 = Some entries need correcting
error-401 = Please sign in
error-401-text = You need to be signed in to see this page.
error-403 = Access denied
error-403-text = You are not allowed to do this. If you think you should be, contact the program lead.
error-404 = Page not found
error-404-text = This page does not exist or is not available to you.
error-409 = Someone else changed this first
error-409-text = Your change was not saved because the data changed in the meantime. Reload the page and try again.
error-413 = Too large
error-413-text = The upload or form is larger than allowed.
error-429 = Too many attempts
error-429-text = Please wait a moment before you try again.
error-500 = Something went wrong
error-500-text = An unexpected error occurred. It has been logged; please try again later.
error-503 = Temporarily unavailable
error-503-text = The service cannot reach its database right now. Please try again in a few minutes.

save = Save
field-email = Email address
field-password = Password
field-new-password = New password (at least 10 characters)
field-name = Name
field-language = Language
field-time-zone = Time zone

sign-in-title = Sign in
sign-in-link-heading = Sign in with an email link
sign-in-link-intro = Enter your work email address. If it belongs to an account, we send you a link that signs you in.
sign-in-link-button = Send me a sign-in link
sign-in-password-heading = Sign in with a password
sign-in-password-button = Sign in
sign-in-forgot = Forgot your password? Request a sign-in link above, then set a new password in your profile.
sign-in-error-email = Please enter a valid email address, such as jana.schmidt@example.com.
sign-in-error-password = The email address or the password is not correct.
sign-in-sent-title = Check your inbox
sign-in-sent-text = If { $email } belongs to an account, a sign-in link is on its way. It works once and only for a few minutes.
sign-in-again = Request a new link
sign-in-confirm-title = Confirm sign-in
sign-in-confirm-text = Press the button to sign in to qualify.
sign-in-confirm-button = Sign me in
sign-in-invalid-title = This link no longer works
sign-in-invalid-text = Sign-in links work once and only for a few minutes. Request a new one.

profile-title = My profile
profile-saved = Your changes have been saved.
profile-details = Personal details
profile-password = Password
profile-password-set = You have a password. Setting a new one replaces it.
profile-password-none = You sign in with email links. You can also set a password.
profile-tokens = API tokens
profile-token-once = Copy this token now: it is shown only once.
profile-token-name = Name of the new token
profile-token-create = Create token
profile-token-revoke = Revoke
profile-token-revoked = revoked
profile-sessions = Sessions
profile-sessions-text = Signs you out on every device and browser, including this one.
profile-sign-out-everywhere = Sign out everywhere
profile-error-name = Please enter your name (at most 200 characters).
profile-error-language = Please choose German or English.
profile-error-time-zone = Please choose a time zone from the list.
token-error-name = Please give the token a name (at most 100 characters).
token-error-days = A token is valid for 1 to 365 days.
field-current-password = Current password
profile-current-password-hint = Not needed within 10 minutes of signing in.
profile-error-current-password = Please type your current password, or sign in again: the change needs it when the sign-in was more than 10 minutes ago.
profile-error-too-many-attempts = Too many wrong passwords. Sign out and sign in again, or try again in 15 minutes.
profile-error-sign-in-again = Please sign in again first: the change is possible within 10 minutes of signing in.
profile-token-days = Valid for (days, at most 365)
profile-token-created = created
profile-token-last-used = last used
profile-token-never-used = never used
profile-token-expires = valid until
profile-token-expired = expired
mail-password-changed-subject = Your qualify password was changed
mail-password-changed-text = The password of your qualify account was just changed. You were signed out everywhere else.
mail-password-changed-not-you = If that was not you, sign in with a link by mail at once, set a new password and tell the program lead.
mail-sign-off = Your program team
mail-ask = If you have questions, ask the program lead.
mail-ask-reply = If you have questions, reply to this email or write to the program lead: { $contact }
password-too-short = The password needs at least 10 characters.
password-too-long = The password may have at most 256 characters.
password-too-common = This password is too easy to guess. Please choose another one.

people-title = People
people-saved = The change has been saved.
people-search = Search by name or email
people-mail-refused = mail refused: check the address
people-search-button = Search
people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
people-roles = Roles
people-status = Status
people-actions = Actions
people-pages = Pages
people-grant-owner = Make program lead
people-revoke-owner = Remove the program lead role
people-disable = Disable account
people-enable = Enable account
people-invite = Invite people
people-invite-help = One email address per line, or CSV with a header row: name, email, language, org_unit, manager_email
people-invite-button = Invite
people-back = Back to people
role-owner = Program lead
status-active = active
status-disabled = disabled
status-suspended = suspended (left the company)
invite-summary = { $invited } invited, { $existing } already had an account, { $errors ->
    [one] { $errors } line
   *[other] { $errors } lines
} with errors.
invite-errors = Lines that could not be used
invite-invited = Invited
invite-existing = Already had an account (nothing changed)
invite-line = Line { $line }
invite-error-email = not a valid email address
invite-error-language = language must be de or en
invite-error-manager = the manager's email is not valid
invite-error-duplicate = appears more than once (first on the line in brackets)

mail-title = Mail delivery
mail-pending = { $count ->
    [one] { $count } mail waiting
   *[other] { $count } mails waiting
} to be sent.
mail-to = To
mail-subject = Subject
mail-error = Error
mail-attempts = Attempts
mail-retry = Send again
mail-none-failed = No failed mails.

mail-greeting = Hello { $name },
mail-sign-in-subject = Your sign-in link for qualify
mail-sign-in-text = Use this link to sign in to qualify. It works once, within { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
mail-sign-in-button = Sign in to qualify
mail-sign-in-ignore = If you did not ask for this link, you can ignore this email.
mail-invitation-subject = You are invited to the community manager qualification
mail-invitation-text = { $inviter } has invited you to the community manager qualification. Use this link within { $days ->
    [one] { $days } day
   *[other] { $days } days
} to sign in for the first time.
mail-invitation-button = Accept the invitation

nav-cohorts = Cohorts
nav-audit = Audit log
cohorts-title = Cohorts
cohorts-none = No cohorts yet.
cohort-create = New cohort
cohort-create-help = The schedule is generated from the program's offsets (modules open at the start of a day and are due at its end, in the cohort's time zone); you can move each date afterwards. The cohort uses the newest curriculum version.
cohort-create-button = Create cohort
cohort-starts = Start date
cohort-state = State
cohort-trainees = Trainees
cohort-state-planned = planned
cohort-state-running = running
cohort-state-completed = completed
cohort-state-archived = archived
cohort-read-only = This cohort is completed and can no longer be changed.
cohort-start = Start the cohort
cohort-complete = Complete the cohort
cohort-archive = Archive
cohort-schedule = Schedule
cohort-schedule-changed = Someone changed this cohort in the meantime. Saved now for this module: opens { $unlock }, due { $due }. The form shows your dates; save again to use them.
cohort-opens = Opens
cohort-due = Due
cohort-cotrainers = Co-trainers
cohort-no-cotrainers = No co-trainers yet.
cohort-cotrainers-help = Co-trainers' email addresses, one per line
cohort-no-trainees = No trainees yet.
cohort-move-to = Move to cohort
cohort-move = Move
cohort-defer = Defer
cohort-withdraw = Withdraw
cohort-enroll = Enroll trainees
cohort-enroll-preview = Check first
cohort-enroll-check = Check before enrolling
cohort-enroll-done = Enrolled
cohort-enroll-confirm = Enroll now
cohort-enroll-correct = Correct the list
cohort-back = Back to the cohort
cohort-error-name = Please give the cohort a name (at most 120 characters).
cohort-error-date = Please enter the start date as a date, for example 2027-03-01.
cohort-error-time-zone = Please choose a time zone from the list.
cohort-error-version = This curriculum version does not exist.
cohort-error-program = Please choose a program from the list.
cohort-program = Program
enrollment-active = active
enrollment-withdrawn = withdrawn
enrollment-deferred = deferred
enrollment-completed = completed
enroll-summary = { $new ->
    [one] { $new } new person
   *[other] { $new } new people
}, { $existing ->
    [one] { $existing } existing person
   *[other] { $existing } existing people
}, { $already } already enrolled, { $errors ->
    [one] { $errors } line
   *[other] { $errors } lines
} with errors.
enroll-new = New accounts (they receive an invitation)
enroll-existing = Existing accounts
enroll-already = Already in this cohort (nothing changes)
enroll-error-disabled = the account is disabled
enroll-error-no-certificate = holds no certificate this refresher can renew (active, or expired within the grace period)
audit-title = Audit log
audit-action = Action
audit-actor = Person (email)
audit-when = When
audit-object = Object
audit-details = Details
audit-none = No entries.

nav-learn = My learning
learn-title = My learning
learn-none = You are not enrolled in a cohort yet.
learn-progress = { $passed } of { $required ->
    [one] { $required } required assignment
   *[other] { $required } required assignments
} passed
learn-next-deadline = next: { $title }, due { $due }
learn-opens = opens { $date }
learn-due = due { $due }
learn-late-now = late
learn-closed = closed
learn-locked = This module opens on { $date }.
learn-back-module = Back to the module
learn-late-warning = The due date has passed. You can still submit; your work will be marked as late.
learn-certificate = Certified on { $issued }
learn-certificate-until = valid until { $date }
learn-certificate-open = Show the certificate
learn-feedback-title = New feedback (last 14 days)
learn-feedback-version = version { $version }, decided { $when }
module-state-locked = locked
module-state-open = open
module-state-submitted = submitted
module-state-in_review = in review
module-state-revision_requested = revision requested
module-state-passed = passed
work-state-locked = locked
work-state-open = not started
work-state-draft = draft
work-state-submitted = submitted
work-state-in_review = in review
work-state-revision_requested = revision requested
work-state-passed = passed
work-state-failed = not passed
work-your-text = Your submission
work-markdown-help = You can use Markdown: **bold**, *italic*, lists with -, headings with #.
work-save = Save draft
work-preview = Preview
work-submit = Submit
work-withdraw = Withdraw submission
work-versions = Submitted versions
work-version = Version { $number }, { $date }
work-late = late
work-no-versions = Nothing submitted yet.
work-done-saved = Your draft has been saved.
work-done-submitted = Your work has been submitted.
work-done-withdrawn = Your submission has been withdrawn; the text is your draft again.
work-error-locked = This module is not open yet. You can start once it opens.
work-error-empty = Please write something before you submit. Your draft has been kept.
work-error-too-long = The text is longer than 100,000 characters. Please shorten it.
work-error-cut-off = The deadline has passed and this program does not accept late work. Your draft has been kept; ask the program lead for an extension.
work-error-stale = This submission was changed in another tab or window. Your text is shown below; copy what you need, then reload.
work-error-not-editable = This submission cannot be changed at the moment.
work-error-grading-started = Grading has already started, so the submission can no longer be withdrawn.
work-error-inactive = Your enrollment in this cohort is not active.
extension-title = Grant an extension
extension-assignment = Assignment
extension-until = New due date
extension-reason = Reason
extension-grant = Grant
extension-error-past = The new due date cannot be in the past.
calendar-title = Calendar
calendar-text = Subscribe to your deadlines in Outlook or Google Calendar with a private address. Anyone who knows the address sees your deadlines, so keep it to yourself.
calendar-once = Copy this address now: it is shown only once. In Outlook: Add calendar → From the internet.
calendar-create = Create calendar address
calendar-rotate = Replace the address (the old one stops working)
calendar-revoke = Turn off
attach-title = Files
attach-none = No files yet.
attach-choose = Add a file
attach-upload = Upload
attach-remove = Remove
attach-help = PDF, PNG, JPEG, Word, PowerPoint, Excel, text or Markdown; up to 20 MB per file and 5 files.
attach-error-too-large = The file is larger than allowed. Your text and other files are kept.
attach-error-type = This kind of file is not accepted (the content was checked, not just the name).
attach-error-name = The file's content does not match its name (for example a picture named .pdf). Please upload the real file.
attach-error-empty = The file is empty.
attach-error-too-many = You have already attached as many files as allowed. Remove one first.
work-done-attached = The file has been attached to your draft.
work-done-removed = The file has been removed from your draft.
csv-file-label = Or choose a CSV file (its content appears in the box below)
error-cohort-read-only = The cohort is completed or archived and can no longer be changed.
error-cohort-transition = A cohort moves one step at a time: planned, running, completed, archived.
error-changed-meanwhile = Someone changed this in the meantime. Reload the page and try again.
error-date-format = Dates must look like 2027-03-01.
error-due-before-open = The due date must not be before the opening date.
error-target-cohort-closed = The target cohort is completed or archived.
error-same-cohort = The trainee is already in this cohort.
error-other-version = The target cohort uses another curriculum version; work cannot move between versions.
error-defer-later = A deferral needs a cohort that starts later.
error-already-enrolled = The trainee is already enrolled in the target cohort.
error-enroll-no-certificate = Nobody was enrolled: a refresher takes only people whose certificate it renews is active or expired within the grace period. Not the case for
error-reason-missing = Please give a reason (at most 500 characters).
error-email-invalid = This is not a valid email address.
error-name-missing = The name must not be empty.
error-status-value = The status must be active or disabled.
error-self-demote = You cannot remove your own program lead role or disable yourself.
error-unknown-cotrainers = There is no active account for
error-file-handed-in = Files submitted with a version cannot be removed.

## Grading mails
mail-grading-alert-subject = Grading needs your attention
mail-grading-alert-unallocated = Submitted work is waiting because no co-trainer of its cohort fits right now (capacity, language, availability or conflict of interest). Assign a co-trainer or raise a capacity; waiting work is allocated as soon as someone fits.
mail-grading-alert-overdue = A review is past its grading deadline.
mail-grading-alert-moderation = A decision needs your review: two co-trainers disagree, or a trainee disputes a decision.
mail-grading-alert-button = Open grading
mail-reviews-allocated-subject = New submissions for you to review
mail-reviews-allocated-text = New submissions were allocated to you for review. Your queue shows them with their grading deadlines.
mail-reviews-allocated-button = Open my review queue
mail-feedback-subject = Feedback on “{ $assignment }”
mail-feedback-text = Your co-trainer has graded version { $version } of “{ $assignment }”. The decision:
mail-feedback-button = Read the feedback
mail-sent-back-subject = A review was sent back to you
mail-sent-back-text = The program lead sent one of your reviews back to you for another look. The program lead’s note:
mail-sent-back-button = Open the review
decision-passed = Passed
decision-revision_requested = Revision requested
decision-failed = Not passed

## Grading: navigation, queue and review page
nav-grading = Grading
nav-reviews = Reviews
reviews-title = My reviews
reviews-lead = Submissions allocated to you, the soonest grading deadline first.
reviews-none = Nothing to review right now.
reviews-first-page = This page is empty: go to the first page ({ $total ->
    [one] { $total } open review
   *[other] { $total } open reviews
})
reviews-pages = Queue pages
reviews-showing = { $first }–{ $last } of { $total }
reviews-due = Due
reviews-due-at = Grade by { $due }
reviews-hours-left = { $hours ->
    [one] { $hours } hour left
   *[other] { $hours } hours left
}
reviews-is-overdue = overdue
reviews-trainee = Trainee
reviews-pseudonym = Trainee { $label }
reviews-assignment = Assignment
reviews-cohort = Cohort
reviews-state = State
reviews-version = version { $number }
reviews-back = My reviews
review-state-allocated = New
review-state-started = Draft saved
review-state-completed = Completed
review-state-reassigned = Reassigned
review-state-cancelled = Canceled (work withdrawn)
review-done-saved = Your draft has been saved.
review-done-submitted = Your review has been submitted.
review-done-reassigned = The review has been reassigned.
review-work = The submission
review-earlier = Earlier version { $number }
review-rubric = Rubric
review-criterion = Criterion
review-points = Points
review-comment = Comment
review-points-now = Saved points: { $points } of { $max } (pass from { $threshold }).
review-suggests = The pass mark suggests
review-feedback = Overall feedback for the trainee (Markdown)
review-decision = Decision
review-override = If your decision differs from what the pass mark suggests: why?
review-save = Save draft
review-submit = Submit review
review-result = Result
review-history = History
review-system = qualify
review-your-text = Your text (not saved) – copy what you need:
review-reviewer = Co-trainer
review-why = Why this co-trainer
review-reassign-to = Reassign to (email)
review-reassign-auto = empty: by the allocation rule
review-reassign = Reassign
review-event-allocated = allocated
review-event-draft_saved = draft saved
review-event-submitted = submitted
review-event-reassigned = reassigned
review-event-escalated = escalated (overdue)
review-event-sent_back = sent back by the program lead
review-event-moderated = reviewed by the program lead
review-event-rated = feedback rated
review-event-cancelled = canceled (work withdrawn)
review-error-not-editable = This review cannot be changed any more: it is completed, was moved to someone else, or the work was withdrawn.
review-error-stale = This review was changed meanwhile (in another tab or by someone else). The current state is shown; your text is below so nothing is lost.
review-error-incomplete = Choose a level for every criterion before submitting. Your draft has been saved.
review-error-no-decision = Choose a decision before submitting. Your draft has been saved.
review-error-no-feedback = Write overall feedback for the trainee before submitting. Your draft has been saved.
review-error-needs-reason = Your decision differs from what the pass mark suggests: say why. Your draft has been saved.
review-error-required-below-minimum = A required criterion is below its minimum level: the submission cannot pass, whatever its total. Your draft has been saved.
review-required-failed = Not passed because a required criterion is below its minimum level: { $criteria }
rubric-required = Required criterion
rubric-required-minimum = at least { $points ->
    [one] { $points } point
   *[other] { $points } points
}; below that the submission does not pass, whatever its total
rubric-below-minimum = Below the minimum level: that is why it did not pass
review-error-unknown-level = A criterion or level does not belong to this rubric.
review-error-unknown-decision = Unknown decision: use passed, revision_requested or failed.
review-error-too-long = A text is too long (at most 20,000 characters).
reason-rule-continuity = reviewed this trainee's earlier version
reason-rule-lowest_load = lowest load relative to capacity
reason-rule-manual = chosen by the program lead
reason-rule-none = nobody fits
reason-load = { $open } of { $capacity ->
    [one] { $capacity } open review
   *[other] { $capacity } open reviews
} before
reason-considered = { $count ->
    [one] { $count } co-trainer considered
   *[other] { $count } co-trainers considered
}
skip-trainee = the trainee themself
skip-excluded = already grading this version
skip-same_org_unit = same org unit
skip-manager = the trainee's manager
skip-language = other language
skip-unavailable = away
skip-full = at capacity
reassign-error-not-open = Only open reviews can be moved.
reassign-error-not-cotrainer = This person is not an active co-trainer of the cohort.
reassign-error-conflict = This person is the trainee or already grades this version.
reassign-error-nobody-fits = Nobody else fits right now; the review stays where it is.

## Grading: the program lead's overview and review, pool
grading-title = Grading
grading-filter-cohort = Cohort
grading-all-cohorts = All cohorts
grading-filter = Show
grading-cohorts = By cohort
grading-open = Open
grading-overdue = Overdue
grading-completed = Completed
grading-unallocated = Waiting
grading-turnaround = Median turnaround
grading-hours = { $hours } h
grading-waiting = Waiting for a co-trainer
grading-none-waiting = No work is waiting.
grading-since = Waiting since
grading-why-waiting = Why
grading-second-review = second review
grading-open-reviews = Open reviews
grading-no-open = No open reviews.
grading-agreement = Agreement with the program lead’s review
grading-rating = Feedback rating
grading-rebalance = Move whole queue
grading-done-moderated = The review by the program lead has been recorded.
grading-done-rebalanced = The queue has been moved to other co-trainers where someone fits.
grading-done-pool = The co-trainer has been updated.
grading-done-added = The person has been added to the pool.
moderation-title = Review by the program lead
moderation-none = Nothing to review.
moderation-reason-disagreement = Graders disagree
moderation-reason-sample = Random sample
moderation-reason-dispute = Dispute
moderation-released = Decision released
moderation-new-decision = New decision (to change it)
moderation-note = Note (joins the trainee's feedback when you change the decision)
moderation-confirm = Confirm
moderation-change = Change decision
moderation-send-back = Send back to the co-trainer
moderation-action-confirmed = Confirmed
moderation-action-changed = Changed
moderation-action-sent_back = Sent back
moderation-error-stale = This item was resolved or changed meanwhile.
moderation-error-needs-decision = Choose a decision: no decision has been released yet, or you are changing it.
moderation-error-needs-note = Write a note: it explains the change to the trainee or the co-trainer.
moderation-error-unknown-action = Unknown action: use confirm, change or send_back.
pool-title = Co-trainer pool
pool-person = Co-trainer
pool-settings = Settings
pool-active = taking reviews
pool-capacity = Open reviews at most
pool-save = Save
pool-add-email = Add by email
pool-add = Add to the pool
pool-line = Line { $line }:
pool-title-me = Co-trainer
pool-me-text = As a certified graduate you can grade the next cohorts. Say how many open reviews you can take, in which languages, and when you are away.
pool-me-open = You have { $count ->
    [one] { $count } open review
   *[other] { $count } open reviews
}.
pool-active-me = I take reviews
pool-capacity-help = 0 to 50. New work goes to whoever has the lowest load relative to capacity.
pool-languages = I grade in
pool-unavailable = Away (one period per line)
pool-unavailable-help = A date (2026-12-24) or a period (2026-12-21 .. 2027-01-06). No reviews are allocated to you if the grading window touches a period.
pool-join = Join the co-trainer pool
pool-not-yet = Once you are certified, you can join the co-trainer pool here and grade the next cohorts.
pool-error-capacity = The capacity must be a whole number from 0 to 50.
pool-error-languages = Choose at least one language (German or English).
pool-error-period = Write a date (2026-12-24) or a period (2026-12-21 .. 2027-01-06).
pool-error-period-order = The period ends before it starts.
pool-error-stale = These settings were changed meanwhile; reload the page and try again.
pool-error-not-eligible = Only holders of an active certificate can join the pool; the program lead can add others.
pool-error-removed = The program lead took you out of the co-trainer pool; only the program lead can add you again.
pool-error-unknown-person = Nobody with an active account has this email address.

## Grading: the trainee's side
feedback-title = Feedback
feedback-points = { $points } of { $max ->
    [one] { $max } point
   *[other] { $max } points
}
feedback-moderation-note = Note from the program lead
feedback-cotrainer = Co-trainer { $number }
feedback-rate = How useful was this feedback?
feedback-rate-save = Rate
feedback-rating-1 = 1 – not useful
feedback-rating-2 = 2
feedback-rating-3 = 3
feedback-rating-4 = 4
feedback-rating-5 = 5 – very useful
dispute-open = I disagree with this decision
dispute-reason = Why do you disagree?
dispute-help = You can dispute each decision once. The program lead looks at it and answers with a confirmed or changed decision.
dispute-submit = Send dispute
dispute-state-open = You disputed this decision; the program lead is looking at it.
dispute-state-closed = Your dispute has been answered.
dispute-error-not-decided = There is no decision to dispute or rate yet.
dispute-error-already = You have already disputed this decision.
dispute-error-empty = Say why you disagree.
dispute-error-too-long = The reason is too long (at most 5,000 characters).
rating-error-range = Choose a rating from 1 to 5.
work-done-disputed = Your dispute has been sent to the program lead.
work-done-rated = Thank you for rating the feedback.

## Certificates
nav-certificates = Certificates
mail-cert-issued-subject = Your certificate: { $program }
mail-cert-issued-text = Congratulations! You have passed every required assignment of { $program }. Your certificate is ready: download it as a PDF, add it to LinkedIn, or share its verification page.
mail-cert-renewed-text = Congratulations! You have passed the refresher “{ $refresher }”, and your certificate for { $program } is renewed. The new certificate replaces the old one: download it as a PDF, add it to LinkedIn, or share its verification page.
mail-cert-issued-button = Open your certificate
mail-cert-verify = Anyone can verify it here:
mail-cert-cotrainer = As a graduate you can now grade the next cohorts as a co-trainer. Join the co-trainer pool on your profile:
mail-cert-revoked-subject = Your certificate was revoked: { $program }
mail-cert-revoked-text = The program lead has revoked your certificate for { $program }. The reason:
mail-cert-revoked-meaning = The certificate is no longer valid: anyone who checks it on its verification page or through the signed credential sees that it was revoked. If you grade as a co-trainer, no new reviews are allocated to you until the program lead adds you to the co-trainer pool again.
mail-cert-revoked-next = What you can do: if you think the revocation is a mistake, write to the program lead and say why. The program lead can also tell you whether and how you can earn the certificate again. If you show the certificate on your LinkedIn profile or elsewhere, remove it there.
mail-cert-revoked-link = The current state of your certificate:
cert-title-list = Certificates
cert-status = Status
cert-all = All
cert-status-active = Valid
cert-status-expired = Expired
cert-status-revoked = Revoked
cert-status-superseded = Replaced by a newer certificate
cert-holder = Holder
cert-program = Program
cert-issued = Issued
cert-expires = Valid until
cert-none = No certificates yet.
cert-by-hand = Issue by hand
cert-by-hand-text = An exception to the automatic issue (it happens when the last required assignment is passed). A dry run shows first who would get what.
cert-emails = Trainees of the cohort (emails, one per line)
cert-reason = Reason
cert-dry-run = Show who would get what
cert-confirm = Issue now
cert-plan-text = Nothing has changed yet. Check the list, then issue.
cert-rule = Certification rule
cert-rule-met = met
cert-rule-missing = not met, missing:
cert-outcome = Outcome
cert-already = already certified (nothing happens)
cert-will-issue = gets a certificate
cert-done-issued = The certificates have been issued.
cert-done-revoked = The certificate has been revoked; the holder is told by email.
cert-done-reissued = A new certificate replaces the old one.
cert-revoked-because = Revoked:
cert-credential = Download the signed credential (Open Badges 3.0)
cert-share = Verification and share page
cert-linkedin = Add to my LinkedIn profile
cert-results = Results
cert-revoke-reason = Reason for revoking
cert-revoke = Revoke
cert-reissue-reason = Reason for reissuing (e.g. a name change)
cert-reissue = Reissue with the current name
certificate-error-reason = Give a reason.
certificate-error-not-active = Only a valid certificate can be revoked or reissued.
certificate-error-ended = This certificate was revoked or replaced by a newer one: no credential is issued for it any more.
certificate-error-unknown = These people are not enrolled in the cohort:
verify-title = Verify a certificate
verify-intro = Open the link printed on a certificate, or paste a credential below.
verify-status-active = This certificate is valid.
verify-status-expired = This certificate has expired.
verify-status-revoked = This certificate has been revoked.
verify-status-superseded = This certificate has been replaced by a newer one.
verify-revoked-on = Revoked on { $date }.
cert-renewed = Renewed on { $date } through “{ $refresher }”.
verify-unknown = There is no certificate with this code.
verify-paste = Credential (JWT) to check
verify-check = Check
verify-jwt-valid = The signature is genuine and the certificate is valid.
verify-jwt-not-valid-now = The signature is genuine, but the certificate is no longer valid (see its status).
verify-jwt-invalid = This is not a genuine credential of this issuer (or it was changed).
cert-badge = Download the badge with the credential baked in (PNG, for wallets)
cert-badge-svg = Download the badge with the credential baked in (SVG)
credential-criteria = Every required assignment of the program passed, graded by certified co-trainers against published rubrics.
verify-email = Check the holder's email address (optional)
verify-email-check = Check the email address
verify-email-match = This is the email address the certificate was issued to.
verify-email-no-match = This is not the email address the certificate was issued to.
verify-email-unknown = This credential carries no email address to compare.

## Mail preferences and unsubscribing
mail-unsubscribe = Unsubscribe from these emails
mail-kind-feedback = Feedback and decisions on my work
mail-kind-reviews = New reviews and reviews sent back to me
mail-kind-owner_alerts = Grading alerts for the program lead
mail-prefs-title = Emails
mail-prefs-text = Choose which emails you receive. Sign-in links, invitations and certificates are always sent.
unsubscribe-title = Unsubscribe
unsubscribe-ask = Stop sending me these emails:
unsubscribe-button = Unsubscribe
unsubscribe-done = You will no longer receive:
unsubscribe-profile = Change this on your profile
unsubscribe-invalid = This unsubscribe link is not valid.
unsubscribe-expired = This unsubscribe link has expired. You can switch emails off on your profile.
mail-kind-reminders = Reminders: modules opening, deadlines, reviews due (one digest a day at most)
mail-digest-subject = Your reminders for today
mail-digest-text = Here is what needs you next:
reminder-module-open = The module “{ $title }” is open (since { $when }).
reminder-due-3 = “{ $title }” is due on { $when }.
reminder-due-1 = “{ $title }” is due soon: { $when }.
reminder-overdue = “{ $title }” was due on { $when } and has not been submitted yet.
reminder-review-due-1 = A review of yours is due on { $when }.
reminder-review-overdue = A review of yours was due on { $when } and is overdue.
reminder-certificate-expires = Your certificate “{ $title }” expires on { $when }. Ask the program lead how to renew it.
reminder-certificate-expires-refresher = Your certificate “{ $title }” expires on { $when }. Renew it in the refresher “{ $refresher }”: ask the program lead to enroll you.
reminder-event-soon = The live session “{ $title }” begins on { $when }.
mail-weekly-subject = Your program this week
mail-weekly-text = The numbers that need an eye this week:
mail-weekly-stalled = { $count ->
    [one] { $count } trainee has a required assignment overdue
   *[other] { $count } trainees have a required assignment overdue
}
mail-weekly-overdue = { $count ->
    [one] { $count } review is past its grading deadline
   *[other] { $count } reviews are past their grading deadline
}
mail-weekly-unallocated = { $count ->
    [one] { $count } submission waits for a co-trainer
   *[other] { $count } submissions wait for a co-trainer
}
mail-weekly-issued = { $count ->
    [one] { $count } certificate was issued in the last 7 days
   *[other] { $count } certificates were issued in the last 7 days
}
mail-weekly-expiring = { $count ->
    [one] { $count } certificate expires in the next 90 days
   *[other] { $count } certificates expire in the next 90 days
}
mail-weekly-failed = { $count ->
    [one] { $count } mail failed
   *[other] { $count } mails failed
}

sign-in-sso-heading = Sign in with your company account
sign-in-error-sso-only = Please sign in with your company account: use the button at the top of the sign-in page.
sso-failed-title = Sign-in did not work
sso-failed-again = Back to sign-in
sso-error-off = Sign-in with a company account is not set up here. Please sign in with an email link.
sso-error-denied = Sign-in was canceled, or your company account may not use qualify. If you think that is wrong, ask your program team.
sso-error-provider = Your company's sign-in service reported a problem. Please try again in a moment.
sso-error-unreachable = Your company's sign-in service cannot be reached right now. Please try again in a few minutes.
sso-error-state = This sign-in has expired or was already used. Please start again from the sign-in page.
sso-error-token = Your company's sign-in service sent an answer that could not be verified. Please start again; if it happens again, tell your program team.
sso-error-no-email = Your company account has no email address, so no account can be made for you. Please ask your program team.
sso-error-email-unverified = An account with your email address exists already, but your company's sign-in service has not confirmed that the address is yours, so it cannot be joined to your company account. Please ask your program team.
sso-error-inactive = Your account is locked. Please ask your program team.
signed-out-title = You are signed out
signed-out-text = You are signed out of qualify.
signed-out-provider-text = You are still signed in to your company account. Sign out there too if others use this computer.
signed-out-provider-button = Also sign out of your company account
## The HR directory sync
people-sync-error-columns = The file lacks required columns (employee_id, email, name)
people-sync-error-guard = This full sync would suspend more than 10 % of the active people; run it with force if that is right
people-sync-error-unreadable = The file is not readable as UTF-8 CSV.
people-sync-error-too-large = The file is larger than 128 MB.
people-sync-line-employee_id_missing = The employee id is missing.
people-sync-line-email_invalid = The email address is not valid.
people-sync-line-name_missing = The name is missing.
people-sync-line-language_invalid = The language is neither de nor en.
people-sync-line-status_invalid = The status is neither active nor left.
people-sync-line-duplicate_employee_id = This employee id appears on an earlier line.
people-sync-line-duplicate_email = This email address appears on an earlier line.
people-sync-line-unknown_manager = The manager's employee id is neither in the file nor known.
people-sync-line-manager_cycle = The managers form a cycle.
people-sync-line-org_unit_conflict = The org unit has another parent on an earlier line.
people-sync-line-org_unit_cycle = The org units form a cycle.
people-sync-line-email_taken = The email address belongs to another person.

## Calibration
calibration-title = Calibration
calibration-intro = Before you grade real submissions, you grade { $count ->
    [one] one reference submission
   *[other] { $count } reference submissions
} that an experienced trainer has graded. Afterwards you see your grading beside the reference grading with its rationale. You pass when at least 80 % of criteria are exact or one level off and no criterion is more than one level off.
calibration-not-needed = You need no calibration.
calibration-not-needed-owner = The program asks for no calibration.
calibration-calibrated = You are calibrated: you receive submissions to grade.
calibration-not-yet = You receive submissions to grade once you pass a calibration round.
calibration-round = Round { $round }
calibration-round-col = Round
calibration-graded = graded
calibration-to-grade = to grade
calibration-within-one = Exact or one level off
calibration-max-off = Largest difference (levels)
calibration-kappa = Weighted kappa
calibration-result = Result
calibration-passed = passed
calibration-failed = not passed
calibration-open = open
calibration-start = Start calibration
calibration-retry = Start a new round
calibration-submit = Submit grading
calibration-compare = Your grading and the reference grading
calibration-yours = Your points
calibration-gold = Reference grading
calibration-rationale = Rationale
calibration-levels-off = { $levels ->
    [one] { $levels } level off
   *[other] { $levels } levels off
}
calibration-owner-calibrated = Calibrated since { $date }.
calibration-owner-not-yet = Not calibrated yet: receives no submissions to grade.
calibration-drift = Drift over time
calibration-drift-caption = Mean difference from the reference grading per graded reference submission, in levels (above zero: more lenient, below zero: stricter; dashed: no difference).
calibration-drift-none = No reference submission graded yet.
calibration-link = Calibration
calibration-error-not-needed = You need no calibration.
calibration-error-round-open = A round is still open: grade its reference submissions first.
calibration-error-graded = You have graded this reference submission already.
enrollment-manage = Manage
enrollment-manage-label = Manage the enrollment of { $name }
enrollment-read-only = This cohort is closed: its enrollments can no longer be changed.
enrollment-move-help = The trainee takes their work along. Move keeps their deadlines in the new cohort's schedule; defer needs a cohort that starts later.
enrollment-withdraw-help = The trainee leaves the cohort. Their work stays on record.
