// Fills a textarea from a chosen CSV file, so an owner can pick a file instead of pasting.
// Progressive: without JavaScript the textarea still takes pasted text.
document.querySelectorAll('input[type="file"][data-fill]').forEach(function (input) {
  var wrap = input.closest('.js-only');
  if (wrap) { wrap.hidden = false; }
  input.addEventListener('change', function () {
    var target = document.getElementById(input.getAttribute('data-fill'));
    var file = input.files && input.files[0];
    if (!target || !file) { return; }
    var reader = new FileReader();
    reader.onload = function () { target.value = String(reader.result).replace(/^\uFEFF/, ''); target.focus(); };
    reader.readAsText(file, 'utf-8');
  });
});
