// Progressive enhancement only: every page works without this file.

// Ask before destructive actions (buttons with data-confirm).
document.addEventListener("submit", function (event) {
  const button = event.submitter;
  const question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// One submit per form: a double click must not book, approve or mail twice. The server
// refuses most repeats too; this keeps the person from seeing a confusing second answer.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post") {
    return;
  }
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  if (event.submitter) {
    event.submitter.setAttribute("aria-disabled", "true");
    event.submitter.classList.add("disabled");
  }
});

// Coming back with the browser's back button shows the page from cache: allow submitting again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-submitted]").forEach(function (form) {
    delete form.dataset.submitted;
    form.querySelectorAll(".disabled[aria-disabled]").forEach(function (button) {
      button.classList.remove("disabled");
      button.removeAttribute("aria-disabled");
    });
  });
});
