// "Bewaren" buttons (templates/shortlist/_toggle.html) without leaving the page.
// Progressive enhancement: without this file the form posts and the page comes back with a
// message. With it, the click is sent with fetch, every button of that offer on the page and
// the "Bewaard (n)" count change in place, and a live region says what happened. Anything
// unexpected (no JSON, network trouble) falls back to the plain form post.
(function () {
  "use strict";
  if (window.portalShortlist) {
    return;
  }
  window.portalShortlist = true;

  let live = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    // A moment later, so the same message twice in a row is announced twice.
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  function showState(form, saved) {
    const button = form.querySelector("button[aria-pressed]");
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.classList.toggle("btn-primary", saved);
    button.classList.toggle("btn-outline-primary", !saved);
    form.querySelector("[data-shortlist-label]").textContent = saved
      ? button.dataset.labelSaved
      : button.dataset.labelUnsaved;
    form.querySelector("[data-shortlist-icon]").textContent = saved ? "\u2605" : "\u2606";
    form.querySelector("input[name=actie]").value = saved ? "verwijderen" : "bewaren";
    const error = form.querySelector("[data-shortlist-error]");
    if (error) {
      error.remove();
    }
  }

  function showError(form, message) {
    let error = form.querySelector("[data-shortlist-error]");
    if (!error) {
      error = document.createElement("span");
      error.className = "d-block small text-danger mt-1";
      error.setAttribute("role", "alert");
      error.setAttribute("data-shortlist-error", "");
      form.appendChild(error);
    }
    error.textContent = message;
  }

  function send(form) {
    form.dataset.busy = "1";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        delete form.dataset.busy;
        if (!answer.ok) {
          showError(form, answer.data.message);
          return;
        }
        const selector = 'form[data-shortlist-toggle][data-offer-id="' + form.dataset.offerId + '"]';
        document.querySelectorAll(selector).forEach(function (each) {
          showState(each, answer.data.saved);
        });
        document.querySelectorAll("[data-shortlist-count]").forEach(function (count) {
          count.textContent = String(answer.data.count);
        });
        announce(answer.data.message);
      })
      .catch(function () {
        // Not the JSON answer (logged out, an expired form, no connection): let the server
        // answer the form as a page, with its own message.
        form.submit();
      });
  }

  // Capture phase: runs before portal.js's one-submit guard, which leaves prevented
  // submits alone, so the button stays usable for the next click.
  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-shortlist-toggle")) {
        return;
      }
      event.preventDefault();
      if (form.dataset.busy !== "1") {
        send(form);
      }
    },
    true
  );
})();
