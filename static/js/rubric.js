// The review form's live total: as levels are chosen, the sum of their points and the decision
// the pass mark suggests are updated in place. Without this script the page shows the saved
// total and works the same.
(function () {
  "use strict";
  document.querySelectorAll("form.rubric-form").forEach(function (form) {
    var threshold = Number(form.getAttribute("data-threshold"));
    var total = form.querySelector("[data-total]");
    var suggested = form.querySelector("[data-suggested]");
    function update() {
      var sum = 0;
      form.querySelectorAll(".levels input[type=radio]:checked").forEach(function (r) {
        sum += Number(r.value);
      });
      if (total) total.textContent = String(sum);
      if (suggested) {
        suggested.textContent = suggested.getAttribute(sum >= threshold ? "data-passed" : "data-revision");
      }
    }
    form.addEventListener("change", function (e) {
      if (e.target && e.target.matches(".levels input[type=radio]")) update();
    });
  });
})();
