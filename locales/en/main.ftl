app-name = qualify
skip-to-content = Skip to content
nav-program = Program
language-switch = Deutsch
language-switch-label = Sprache wechseln / change language
footer-text = Community manager qualification and certification

program-version = Curriculum version { $version }
program-validity = Certificates are valid for { $months } months.
program-modules = Modules
program-module-schedule = Weeks { $from }–{ $to }
program-minutes = about { $minutes } minutes
program-assignments = Assignments
program-required = required for the certificate
program-optional = optional
program-pass = Pass with { $threshold } of { $max } points
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
error-401 = Please sign in
error-401-text = You need to be signed in to see this page.
error-403 = Access denied
error-403-text = You are not allowed to do this. If you think you should be, contact the program owner.
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
