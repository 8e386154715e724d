// Booking forms: warn while a date is being chosen when it falls in a school holiday.
// Progressive enhancement: without this file the same warning shows after sending the form.
(function () {
  function check(form, group) {
    const dates = group.querySelectorAll('input[type="date"]');
    const target = document.getElementById(group.getAttribute("data-holiday-target"));
    if (!dates.length || !target) {
      return;
    }
    const first = dates[0].value;
    if (!first) {
      target.textContent = "";
      return;
    }
    const url = new URL(form.getAttribute("data-holiday-url"), window.location.href);
    url.searchParams.set("datum", first);
    if (dates.length > 1 && dates[1].value) {
      url.searchParams.set("tot", dates[1].value);
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { warning: null };
      })
      .then(function (answer) {
        target.textContent = answer.warning || "";
      })
      .catch(function () {
        /* no warning is better than a broken form */
      });
  }

  document.querySelectorAll("form[data-holiday-url]").forEach(function (form) {
    const groups = form.querySelectorAll("[data-holiday-target]");
    groups.forEach(function (group) {
      group.addEventListener("change", function (event) {
        if (event.target.matches('input[type="date"]')) {
          check(form, group);
        }
      });
    });
  });
})();
