nav-study = Self-study
study-title = Self-study
study-intro = Learn at your own pace: short lessons with a how-to guide, videos with captions and a knowledge check each. Finish every lesson and check to receive a self-study certificate.
study-none = No self-study program is available yet.
study-lessons = { $count ->
    [one] { $count } lesson
   *[other] { $count } lessons
}
study-minutes = { $minutes ->
    [one] about { $minutes } minute
   *[other] about { $minutes } minutes
}
study-progress = { $total ->
    [one] { $done } of { $total } lesson done · { $passed } of { $total } check passed
   *[other] { $done } of { $total } lessons done · { $passed } of { $total } checks passed
}
study-enroll = Start self-study
study-enroll-note = One click enrolls you; no approval is needed.
study-continue = Continue
study-open = Open
study-completed = Completed
study-certificate-open = View your self-study certificate
study-flash-enrolled = You are enrolled. Start with the first lesson whenever you like.
study-flash-enroll-first = Start the self-study first: then the lessons open.
study-flash-completed = Well done: you completed every lesson and check. Your self-study certificate is ready.
study-flash-marked = Lesson marked as done.
study-ask = Ask the community
study-ask-note = Questions about this lesson? Ask them in the community for community managers in the social intranet.
study-lesson-of = Lesson { $position } of { $total }
study-guide = How-to guide
study-video = Video
study-video-fallback = Your browser cannot play this video. Download it instead:
study-video-download = download the video
study-captions = Captions
study-done = Mark as done
study-is-done = Done
study-check = Knowledge check
study-check-intro = { $total ->
    [one] One question. You pass with { $percent } % correct answers; you can try again as often as you like, and your best result counts.
   *[other] { $total } questions. You pass with { $percent } % correct answers; you can try again as often as you like, and your best result counts.
}
study-check-multiple = Several answers may be correct.
study-check-submit = Check my answers
study-check-again = Try again
study-check-passed = { $total ->
    [one] Passed: { $correct } of { $total } question answered correctly.
   *[other] Passed: { $correct } of { $total } questions answered correctly.
}
study-check-failed = { $total ->
    [one] Not passed yet: { $correct } of { $total } question answered correctly. Read the explanations and try again.
   *[other] Not passed yet: { $correct } of { $total } questions answered correctly. Read the explanations and try again.
}
study-check-best = { $total ->
    [one] Best result so far: { $correct } of { $total } question correct.
   *[other] Best result so far: { $correct } of { $total } questions correct.
}
study-check-right = Correct
study-check-wrong = Not correct
study-answer-chosen = your answer
study-answer-correct = correct answer
study-previous = Previous lesson
study-next = Next lesson
study-back = All lessons
study-state-open = open
study-state-done = done
study-state-passed = check passed
study-error-not-enrolled = Start the self-study first: then the lessons open.
study-error-answers = These answers do not fit the questions. Please choose again.
study-error-unanswered = Please answer every question.
cert-kind-certification = Certification
cert-kind-self_study = Self-study certificate
dashboard-study-program = Program
dashboard-study-enrolled = Enrolled
dashboard-study-completed = Completed with self-study certificate
program-lessons = Lessons
