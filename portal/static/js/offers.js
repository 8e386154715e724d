// Offers: small enhancements; every page works without them.

// A copy button for the share link (the field itself works without JS).
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

// The steps of a new offer: a step link clicked after typing in the step's form saves the
// form first (the server then goes to that step), so nothing typed is lost.
document.querySelectorAll("form[data-step-form]").forEach(function (form) {
  let typed = false;
  form.addEventListener("input", function () { typed = true; });
  form.addEventListener("change", function () { typed = true; });
  document.querySelectorAll(".stepper a[data-step]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!typed) {
        return;
      }
      event.preventDefault();
      const step = document.createElement("input");
      step.type = "hidden";
      step.name = "stap";
      step.value = link.getAttribute("data-step");
      form.appendChild(step);
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  });
});

// A file that is too large is refused before it is sent (the server refuses it too).
document.querySelectorAll("input[type='file'][data-max-image-bytes]").forEach(function (input) {
  const form = input.form;
  const message = document.createElement("div");
  message.className = "invalid-feedback d-block";
  message.id = input.id + "-size-error";
  message.hidden = true;
  input.parentNode.appendChild(message);

  function tooLarge() {
    const file = input.files && input.files[0];
    if (!file) {
      return null;
    }
    const image = file.type.indexOf("image/") === 0;
    const limit = Number(input.getAttribute(image ? "data-max-image-bytes" : "data-max-document-bytes"));
    if (!limit || file.size <= limit) {
      return null;
    }
    const mb = function (n) { return (n / 1048576).toFixed(1).replace(".", ","); };
    return input.getAttribute("data-too-large").replace("{size}", mb(file.size)).replace("{max}", mb(limit));
  }

  function show() {
    const problem = tooLarge();
    message.textContent = problem || "";
    message.hidden = !problem;
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== message.id;
    });
    if (problem) {
      described.push(message.id);
      input.setAttribute("aria-invalid", "true");
      input.classList.add("is-invalid");
    } else {
      input.removeAttribute("aria-invalid");
      input.classList.remove("is-invalid");
    }
    input.setAttribute("aria-describedby", described.join(" "));
    return problem;
  }

  input.addEventListener("change", show);
  if (form) {
    form.addEventListener("submit", function (event) {
      if (show()) {
        event.preventDefault();
        input.focus();
      }
    });
  }
});

// Markdown: a toolbar (bold, italic, list, link) and a "Voorbeeld" tab that shows the text as
// the offer page will, rendered and sanitised by the server (POST with the CSRF token).
document.querySelectorAll("[data-md-editor]").forEach(function (editor) {
  const textarea = editor.querySelector("textarea");
  const bar = editor.querySelector("[data-md-bar]");
  const preview = editor.querySelector("[data-md-preview]");
  const token = textarea && textarea.form && textarea.form.querySelector("input[name='csrf_token']");
  if (!textarea || !bar || !preview || !token || !window.fetch) {
    return;
  }
  // Write panel: the textarea in a wrapper; the bar above it, the preview below it.
  const write = document.createElement("div");
  write.id = "md-panel-write";
  textarea.parentNode.insertBefore(write, textarea);
  write.appendChild(textarea);
  write.parentNode.insertBefore(bar, write);
  write.parentNode.insertBefore(preview, write.nextSibling);
  bar.hidden = false;

  const tabs = Array.prototype.slice.call(bar.querySelectorAll("[role='tab']"));
  const tools = Array.prototype.slice.call(bar.querySelectorAll("[data-md]"));
  write.setAttribute("role", "tabpanel");
  write.setAttribute("aria-labelledby", tabs[0].id);
  preview.setAttribute("role", "tabpanel");
  preview.setAttribute("aria-labelledby", tabs[1].id);

  function select(index, focus) {
    tabs.forEach(function (tab, i) {
      tab.setAttribute("aria-selected", i === index ? "true" : "false");
      tab.tabIndex = i === index ? 0 : -1;
    });
    write.hidden = index !== 0;
    preview.hidden = index !== 1;
    tools.forEach(function (tool) { tool.disabled = index !== 0; });
    if (focus) {
      tabs[index].focus();
    }
    if (index === 1) {
      load();
    }
  }

  function load() {
    if (!textarea.value.trim()) {
      preview.textContent = editor.getAttribute("data-empty");
      return;
    }
    preview.textContent = editor.getAttribute("data-loading");
    const body = new FormData();
    body.append("csrf_token", token.value);
    body.append("text", textarea.value);
    fetch(editor.getAttribute("data-preview-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      preview.innerHTML = html; // sanitised by the server (portal/offers/markdown.py)
    }).catch(function () {
      preview.textContent = editor.getAttribute("data-failed");
    });
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { select(index, false); });
    tab.addEventListener("keydown", function (event) {
      const keys = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in keys)) {
        return;
      }
      event.preventDefault();
      select((keys[event.key] + tabs.length) % tabs.length, true);
    });
  });

  // A link in the preview opens in a new tab: the form and what was typed stay.
  preview.addEventListener("click", function (event) {
    const link = event.target.closest("a[href]");
    if (link) {
      event.preventDefault();
      window.open(link.href, "_blank", "noopener");
    }
  });

  function changed() {
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
  }

  function wrap(before, after, sample) {
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const text = textarea.value.slice(start, end) || sample;
    textarea.setRangeText(before + text + after, start, end, "end");
    textarea.setSelectionRange(start + before.length, start + before.length + text.length);
    changed();
  }

  // Every line of the selection (or the line of the cursor) becomes a list item; a list
  // needs an empty line above it unless the line above is an item itself.
  function list(sample) {
    const value = textarea.value;
    const start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    let end = value.indexOf("\n", Math.max(textarea.selectionEnd - 1, start));
    end = end === -1 ? value.length : end;
    const empty = !value.slice(start, end).trim();
    const lines = (empty ? sample : value.slice(start, end)).split("\n");
    const text = lines.map(function (line) { return /^- /.test(line) ? line : "- " + line; }).join("\n");
    const above = value.slice(value.lastIndexOf("\n", start - 2) + 1, Math.max(start - 1, 0));
    const before = start > 0 && above.trim() && !/^- /.test(above) ? "\n" : "";
    textarea.setRangeText(before + text, start, end, "end");
    if (empty) { // the sample is selected: typing replaces it
      const at = start + before.length + 2;
      textarea.setSelectionRange(at, at + sample.length);
    }
    changed();
  }

  function link(sample) {
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const text = textarea.value.slice(start, end) || sample;
    const url = "https://";
    textarea.setRangeText("[" + text + "](" + url + ")", start, end, "end");
    const at = start + text.length + 3;
    textarea.setSelectionRange(at, at + url.length); // type the address over it
    changed();
  }

  tools.forEach(function (tool) {
    tool.addEventListener("click", function () {
      const sample = tool.getAttribute("data-sample");
      const kind = tool.getAttribute("data-md");
      if (kind === "bold") {
        wrap("**", "**", sample);
      } else if (kind === "italic") {
        wrap("*", "*", sample);
      } else if (kind === "list") {
        list(sample);
      } else if (kind === "link") {
        link(sample);
      }
    });
  });
});

// The offer form: "comes to schools within ... km" only for a guest lesson or guest teacher
// at the school; hidden for other kinds and online offers (the server ignores it there).
document.querySelectorAll("form.offer-form [data-serves-within]").forEach(function (wrapper) {
  const form = wrapper.closest("form");
  function update() {
    const kind = form.querySelector("input[name='kind']:checked");
    const where = form.querySelector("input[name='location_mode']:checked");
    const comes = kind && (kind.value === "guest_lesson" || kind.value === "guest_teacher");
    wrapper.hidden = !comes || (where !== null && where.value === "online");
  }
  form.addEventListener("change", update);
  update();
});
