// Offers: a copy button for the share link (the field itself works without JS).
document.querySelectorAll("[data-copy]").forEach(function (button) {
  const input = document.querySelector(button.getAttribute("data-copy"));
  if (!input || !navigator.clipboard) {
    return;
  }
  button.classList.remove("d-none");
  const label = button.textContent;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(function () {
      button.textContent = button.getAttribute("data-copied");
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
document.querySelectorAll("input[readonly][id='share-url']").forEach(function (input) {
  input.addEventListener("focus", function () { input.select(); });
});
