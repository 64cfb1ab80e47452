/* Newsletter sign-up forms without a page reload (docs/architecture.md, "Newsletters").
 *
 * Each form posts with fetch and Accept: application/json. A 400 carries the field errors,
 * shown beside their fields (aria-invalid, and the error text the field's aria-describedby
 * names); success replaces the form with the server's message in a role="status" element.
 * Any other failure with a message (a 503 while the database is down: "please try again")
 * shows it in that element and keeps the form, filled in, for another try.
 * Without JavaScript the same form posts normally and the server answers with pages.
 */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;

  function showErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      const name = slot.dataset.errorFor;
      const messages = errors[name] || [];
      slot.textContent = messages.join(" ");
      const field = form.querySelector('input[name="' + name + '"]:not([type="hidden"])');
      if (field && name === "email") {
        if (messages.length) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      }
    });
    const firstInvalid = form.querySelector('[aria-invalid="true"]');
    if (firstInvalid) firstInvalid.focus();
  }

  document.querySelectorAll("[data-newsletter-signup]").forEach(function (box) {
    const form = box.querySelector("form");
    const status = box.querySelector("[data-signup-status]");
    if (!form || !status) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "omit",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (result.ok) {
            form.remove();
            status.textContent = result.data.message;
            status.setAttribute("tabindex", "-1");
            status.focus();
          } else if (result.data.errors) {
            status.textContent = "";
            showErrors(form, result.data.errors);
          } else {
            showErrors(form, {});
            status.textContent = result.data.message || "";
          }
        })
        .catch(function () {
          form.submit(); // the network or the server failed: fall back to a normal post
        })
        .finally(function () {
          if (button) button.disabled = false;
        });
    });
  });
})();
