# Applications for a cohort program: the form, the manager's page, the program lead's list,
# the learning page's status and the mails.
nav-applications = Applications
application-status-title = Your applications
application-apply-title = Apply
application-apply-for = Apply for “{ $program }”
application-open = You already have an open application for this program.
application-requires-done = You hold the self-study certificate of “{ $program }” that this program requires.
application-requires-missing = Before you apply, you need the self-study certificate of “{ $program }”.
application-requires-link = Go to the self-study “{ $program }”
application-manager-step = Your manager { $manager } is asked to approve your application first.
application-manager-skipped = This program asks managers to approve, but the HR data names no manager for you: this step is skipped.
application-motivation = Motivation
application-community-name = Your community's name
application-community-url = Your community's intranet address
application-preferred-start = Preferred start
application-next-possible = Next possible cohort
application-submit = Send application
application-state = State
application-state-submitted = Submitted
application-state-manager_pending = Waiting for the manager
application-state-manager_approved = Approved by the manager
application-state-manager_declined = Declined by the manager
application-state-admitted = Admitted
application-state-waitlisted = On the waiting list
application-state-declined = Declined
application-status-admitted = You are admitted to the cohort { $cohort }, starting { $date }.
application-status-manager-pending = Waiting for { $manager } to approve.
application-manager-comment = Manager's comment
application-reason = Reason
application-manager-title = Application to approve
application-applicant = Applicant
application-program = Program
application-approve = Approve
application-manager-decline = Decline
application-saved = Your decision is saved.
application-list-title = Applications
application-search = Name or email
application-filter-any = Any
application-filter-button = Filter
application-org-unit = Org unit
application-self-study = Self-study done
application-self-study-done = Self-study done
application-self-study-missing = Self-study not done
application-yes = Yes
application-no = No
application-manager-decision = Manager's decision
application-manager-approved = Approved
application-manager-declined = Declined
application-manager-none = None
application-select = Select
application-details = Program and community
application-decide = Decide
application-admit = Admit
application-waitlist = Put on the waiting list
application-decline = Decline
application-cohort = Cohort
application-wished-cohort = The cohort each applicant wished for
application-none = No applications match.
application-pages = Pages of applications
application-first-page = First page
application-next-page = Next page
application-bulk-title = Decide for the selected applications
application-bulk-help = Select applications in the list above. You first see what would happen; nothing changes until you confirm.
application-bulk-preview = Show what would happen
application-bulk-dry-run = Dry run: nothing has changed yet.
application-bulk-would = { $count ->
    [one] One application would be decided.
   *[other] { $count } applications would be decided.
}
application-bulk-confirm = { $count ->
    [one] Decide one application
   *[other] Decide { $count } applications
}
application-bulk-done = { $count ->
    [one] One application was decided.
   *[other] { $count } applications were decided.
}
application-refused = Not possible
application-back = Back to the applications
application-error-motivation = Write your motivation (up to 2,000 characters).
application-error-community-name = Enter your community's name (up to 200 characters).
application-error-community-url = Enter your community's address, starting with https:// or http://.
application-error-start = Choose one of the planned cohorts or the next possible one.
application-error-self-study = This program requires the self-study certificate first.
application-error-open = You already have an open application for this program.
application-error-state = The application is not in a state that allows this decision.
application-error-cohort = Choose a cohort of this program that still takes trainees.
application-error-reason = Give a reason (up to 2,000 characters) to decline.
application-error-comment = The comment may have up to 2,000 characters.
mail-application-request-subject = Please approve: { $applicant } applies for “{ $program }”
mail-application-request-text = { $applicant } has applied for the program “{ $program }”. As their manager, please approve or decline the application, with a comment if you like.
mail-application-request-action = Open the application:
mail-application-manager-subject = Your manager has answered your application for “{ $program }”
mail-application-manager-approved = Your manager approved your application for “{ $program }”.
mail-application-manager-declined = Your manager declined your application for “{ $program }”.
mail-application-comment = Comment: { $comment }
mail-application-next = The program lead decides next; you will hear from us.
mail-application-admitted-subject = You are admitted to “{ $program }”
mail-application-admitted-text = Welcome: you are admitted to the cohort { $cohort } of “{ $program }”, starting { $date }. Your learning page shows what comes first.
mail-application-waitlisted-subject = Your application for “{ $program }” is on the waiting list
mail-application-waitlisted-text = Your application for “{ $program }” is on the waiting list. You keep your place, and we will tell you as soon as a cohort has room.
mail-application-declined-subject = Your application for “{ $program }”
mail-application-declined-text = We are sorry: your application for “{ $program }” was declined.
mail-application-reason = Reason: { $reason }
application-admit-choose = To admit, tick the application and choose a cohort below.
application-not-decided = The decision was not saved.
application-bulk-none = Choose at least one application in the list.
application-bulk-again = Preview again
application-bulk-change = Change the decision
