nav-events = Live sessions
events-title = Live sessions
events-intro = Kick-offs and calls of your cohort, open workshops and the community call: register here, and the invitation lands in your calendar.
events-new = Plan a live session
events-create = Plan the live session
events-empty = No live session is planned for you at the moment.
events-empty-owner = No live session is planned yet.
event-mode-online = Online
event-mode-in_person = In person
event-mode-hybrid = Hybrid
event-state-canceled = Canceled
event-mine-registered = You have a place
event-mine-waitlisted = On the waitlist
event-mine-canceled = Place given up
event-places = { $capacity ->
    [one] { $taken } of { $capacity } place taken
   *[other] { $taken } of { $capacity } places taken
}
event-places-unlimited = { $taken ->
    [one] { $taken } person registered
   *[other] { $taken } people registered
}
event-places-title = Places
event-when = When
event-where = Where
event-your-place = Your place
event-mine-registered-text = You have a place. The invitation is in your mail; add it to your calendar.
event-mine-waitlisted-text = You are on the waitlist. When a place is freed, the first person waiting gets it and is mailed.
event-mine-none = You are not registered.
event-register = Register
event-join-waitlist = Join the waitlist
event-leave = Give up my place
event-leave-waitlist = Leave the waitlist
event-people = Registered and waiting
event-people-none = Nobody has registered yet.
event-place = Place
event-change = Change the live session
event-change-help = Everyone with a place is sent the changed invitation.
event-cancel = Call the live session off
event-cancel-help = Everyone with a place is sent a cancellation for their calendar.
event-is-canceled = This live session was called off.
event-open-to-all = Open to every employee
event-field-cohort = Cohort
event-field-title-de = Title (German)
event-field-title-en = Title (English)
event-field-description-de = Description (German)
event-field-description-en = Description (English)
event-field-starts = Starts
event-field-ends = Ends
event-field-time-zone = Time zone
event-field-mode = Format
event-field-join-url = Join link
event-field-room = Room
event-field-address = Address
event-field-capacity = Places (empty: no limit)
event-field-closes = Registration ends (empty: at the start)
event-field-waitlist = Keep a waitlist when every place is taken
event-done-registered = You have a place. The invitation is on its way to your mail.
event-done-waitlisted = Every place is taken: you are on the waitlist.
event-done-left = Done: your place is free for someone else.
event-done-saved = The live session is saved.
event-done-canceled = The live session is called off; everyone with a place is told.
event-error-canceled = This live session was called off.
event-error-closed = Registration has ended.
event-error-full = Every place is taken, and this live session keeps no waitlist.
event-error-started = The live session has begun: a place can no longer be given up.
event-error-title = Give a title of up to 200 characters.
event-error-description = The description may have up to 5,000 characters.
event-error-time-zone = Choose a time zone from the list.
event-error-time = Give a date and time.
event-error-end = The end must be after the start, at most seven days later.
event-error-past = The live session cannot end in the past.
event-error-mode = Choose online, in person or hybrid.
event-error-join-url = Give the join link, starting with https://.
event-error-place = Give the room or the address.
event-error-capacity = Give a number of places from 1 to 100,000, or leave it empty.
event-error-capacity-taken = More people already have a place: the number cannot be lower.
event-error-closes = Registration must end by the start.
event-error-cohort = Choose one of the cohorts in the list.
mail-event-invitation-subject = { $occasion ->
    [changed] Changed: { $title }
    [promoted] You have a place: { $title }
   *[other] Invitation: { $title }
}
mail-event-invitation-text = { $occasion ->
    [changed] The live session “{ $title }” has changed. The attached invitation updates your calendar.
    [promoted] A place became free, and it is yours: you are registered for “{ $title }”. The invitation is attached.
   *[other] You are registered for “{ $title }”. The invitation is attached: open it to add the live session to your calendar.
}
mail-event-when = When: { $starts } – { $ends } ({ $zone })
mail-event-where = Where: { $place }
mail-event-cancellation-subject = Canceled: { $title }
mail-event-cancellation-text = { $called_off ->
    [yes] The live session “{ $title }” was called off. The attached cancellation removes it from your calendar.
   *[other] You gave up your place at “{ $title }”. The attached cancellation removes it from your calendar.
}
mail-event-waitlisted-subject = On the waitlist: { $title }
mail-event-waitlisted-text = Every place at “{ $title }” is taken, so you are on the waitlist. When a place is freed, the first person waiting gets it, and we mail you the invitation.
event-back = Back to the live session
event-attendance = Attendance
event-attendance-present = Present
event-attendance-late = Late
event-attendance-excused = Excused
event-attendance-absent = Absent
event-roll-call-save = Save the roll call
event-roll-call-later = The roll call opens when the live session begins.
event-code-show = Show the check-in code
event-code-title = Check in
event-code-intro = Scan the code with your phone, or open the live session in qualify and type the six digits.
event-code-label = Check-in code
event-code-qr = QR code that opens the check-in
event-code-new = Show the current code
event-code-changes = The code changes every minute; this page follows by itself.
event-check-in = Check in
event-check-in-code = Check-in code
event-check-in-hint = The six digits shown in the live session.
event-done-roll-call = The roll call is saved.
event-done-checked-in = You are checked in. Thank you!
event-error-not-started = The roll call opens when the live session begins.
event-error-check-in-closed = Checking in is open from a quarter of an hour before the start to the end.
event-error-not-registered = Only people with a place check in.
event-error-code = This is not the code shown in the live session right now.
event-import = Attendance export from Teams or Zoom
event-import-hint = The participant list as CSV, UTF-8 or UTF-16. Everyone with a place whose address is in it is marked present; marks already made stay.
event-import-button = Import the attendance
event-import-done-title = Attendance imported
event-import-summary = { $addresses ->
    [one] { $addresses } address read
   *[other] { $addresses } addresses read
}: { $marked } marked present, { $already } already recorded.
event-import-unknown = Addresses of nobody with a place
event-import-unknown-help = These people took part without a place, or use another address in qualify. Mark them by hand if needed.
event-error-import-encoding = The file is neither UTF-8 nor UTF-16 text. Export the attendance list again as CSV.
event-error-import-empty = The file has no column of email addresses. Export the participant list with its email column.
event-error-import-size = The file is larger than 2 MiB.
event-download = Attendance as a file:
event-plan-kickoff = Kick-off: { $program }
event-plan-module-call = Live session: { $module }
event-plan-description = A live session of the cohort { $cohort }: { $title }. Every trainee of the cohort has a place.
cohort-live-sessions = Live sessions
cohort-live-sessions-session = Live session
cohort-live-sessions-none = This cohort has no live session yet.
cohort-live-sessions-missing = { $n ->
    [one] The program plans { $n } live session this cohort does not have yet. Every trainee gets a place and an invitation.
   *[other] The program plans { $n } live sessions this cohort does not have yet. Every trainee gets a place and an invitation.
}
cohort-live-sessions-plan = Plan the program's live sessions
cohort-create-live-sessions = Plan the program's live sessions (kick-off and module calls) on the cohort's dates
learn-live-sessions = Live sessions: { $attended } of { $sessions ->
    [one] { $sessions } session
   *[other] { $sessions } sessions
} attended ({ $percent } % needed for the certificate)
learn-live-sessions-met = enough attended
event-guest-eyebrow = Open to guests
event-guest-form = Register as a guest
event-guest-form-hint = No account needed. We mail you a link; your place is held once you confirm it there.
event-guest-language = Language of your mails
event-guest-error-name = Give your name (at most 200 characters).
event-guest-error-email = Give a valid email address.
event-error-guest-link-expired = This link was not confirmed in time.
event-guest-sent-title = Check your mail
event-guest-sent = We sent a link to { $email }. Open it within { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
} and confirm to hold your place. Nothing is held until then.
event-guest-place = The registration of { $name }
event-guest-state-pending = Not confirmed yet: confirm to hold a place.
event-guest-state-registered = You have a place. The invitation is in your mail; add it to your calendar.
event-guest-state-waitlisted = You are on the waitlist. When a place is freed, the first one waiting gets it and is mailed.
event-guest-state-canceled = You gave up your place.
event-guest-confirm = Confirm my registration
event-guest-again = Register again
event-guest-done-confirmed = Your registration is confirmed.
event-guest-done-left = Your place is given up.
event-guest-field = Guests without an account may register (public event, confirmed by mail)
event-guest-link = Link for guests
event-guests-title = Guests
event-error-guests-cohort = A cohort's live session takes no guests: leave the cohort empty for a public event.
mail-event-guest-subject = Please confirm: { $title }
mail-event-guest-subject-confirmed = Your registration: { $title }
mail-event-guest-text = You asked for a place at “{ $title }”. Open this link within { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
} and confirm; your place is held only then.
mail-event-guest-text-confirmed = You are registered for “{ $title }”. Your registration, where you can also give your place up, is here:
mail-event-guest-not-you = If you did not ask for this, ignore this mail: nothing happens without the confirmation.
