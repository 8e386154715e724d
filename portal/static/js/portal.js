// Progressive enhancement only: every page works without this file.
document.addEventListener("submit", function (event) {
  const button = event.submitter;
  const question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
