// The review form's live total: as levels are chosen, the sum of their points and the decision
// the pass mark suggests are updated in place; a required criterion (`data-minimum`) below its
// minimum suggests a revision whatever the total. Without this script the page shows the saved
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
      var requiredMet = true;
      form.querySelectorAll("fieldset[data-minimum]").forEach(function (c) {
        var chosen = c.querySelector("input[type=radio]:checked");
        if (chosen && Number(chosen.value) < Number(c.getAttribute("data-minimum"))) requiredMet = false;
      });
      if (total) total.textContent = String(sum);
      if (suggested) {
        var passes = sum >= threshold && requiredMet;
        suggested.textContent = suggested.getAttribute(passes ? "data-passed" : "data-revision");
      }
    }
    form.addEventListener("change", function (e) {
      if (e.target && e.target.matches(".levels input[type=radio]")) update();
    });
  });
})();
