// Search page enhancement (without JS the form's buttons do the same):
// - on a wide screen a ticked filter applies at once; on a phone the filters are a panel
//   ("Filters (n)") and its "Show results" button applies them all together;
// - a new sort order applies at once;
// - after applying, the page opens at the results (#resultaten) and moves focus there, so
//   the results stay in view and a screen reader reads their number.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) { return; }
  var wide = window.matchMedia("(min-width: 992px)");
  var resultsAction = form.getAttribute("data-results-action");

  // Empty fields stay out of the URL, so a shared link is short.
  function leaveOutEmptyFields() {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.value && /^(search|date|radio|select-one)$/.test(field.type)) {
        field.disabled = true;
      }
    });
  }

  function apply() {
    if (resultsAction) { form.setAttribute("action", resultsAction); }
    leaveOutEmptyFields();
    form.submit();
  }

  form.addEventListener("submit", leaveOutEmptyFields);
  // Back to this page from the next one: the fields are usable again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
  });

  // The filters and the sort order are outside the form element (form="zoek").
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.form !== form) { return; }
    if (target.name === "sorteer" || (target.type === "checkbox" && wide.matches)) {
      apply();
    }
  });

  var heading = document.getElementById("resultaten");
  if (heading && window.location.hash === "#resultaten") {
    heading.focus();
  }
})();
