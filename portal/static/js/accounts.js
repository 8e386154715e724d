// Registration: show only the parts that fit the chosen role and organisation choice.
// Without JavaScript every part stays visible and the server ignores what does not apply.
(function () {
  const form = document.querySelector(".register-form");
  if (!form) {
    return;
  }
  function checked(name) {
    const input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : null;
  }
  function update() {
    const role = checked("role");
    const modeName = role === "provider" ? "company_mode" : "school_mode";
    const mode = checked(modeName);
    form.querySelectorAll("[data-show-for-role]").forEach(function (el) {
      el.hidden = el.getAttribute("data-show-for-role") !== role;
    });
    form.querySelectorAll("[data-show-for-mode]").forEach(function (el) {
      const rule = el.getAttribute("data-show-for-mode");
      if (rule === "new-organisation") {
        el.hidden = role === null || mode !== "new";
      } else {
        const parts = rule.split("=");
        el.hidden = checked(parts[0]) !== parts[1];
      }
    });
  }
  form.addEventListener("change", update);
  update();
})();
