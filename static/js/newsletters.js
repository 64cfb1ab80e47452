/* Newsletter sign-up forms without a page reload (docs/newsletters.md).
 *
 * Each form posts with fetch and Accept: application/json. A 400 carries the field errors,
 * shown beside their fields (aria-invalid, and the error text the field's aria-describedby
 * names); success replaces the form with the server's message in a role="status" element.
 * Any other failure with a message (a 503 while the database is down: "please try again")
 * shows it in that element and keeps the form, filled in, for another try.
 * Without JavaScript the same form posts normally and the server answers with pages.
 *
 * The minimum fill time: pages are cached, so a form carries no time of its own. When the
 * reader first touches a form (focus, pointer, key) the script fetches a signed "started"
 * token from the form's data-token-url (never cached), and sends the form no sooner than the
 * server's "wait" after the token arrived, waiting out the rest if the reader was quicker; an
 * expired token is fetched again. If no token can be had, the form posts normally and the
 * server shows it again, filled in, for one more press.
 */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.Promise) return;

  /* Each error goes in its slot; a field is marked invalid, a group of boxes (the fieldset) is
   * described by its error. Focus goes to the first control in error, in the form's order:
   * the first box of a group, or the field. */
  function showErrors(form, errors) {
    let firstInvalid = null;
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      const name = slot.dataset.errorFor;
      const messages = errors[name] || [];
      slot.textContent = messages.join(" ");
      const group = slot.closest("fieldset");
      let control;
      if (group) {
        if (messages.length) group.setAttribute("aria-describedby", slot.id);
        else group.removeAttribute("aria-describedby");
        control = group.querySelector('input:not([type="hidden"])');
      } else {
        control = form.querySelector('input[name="' + name + '"]:not([type="hidden"])');
        if (control) {
          if (messages.length) control.setAttribute("aria-invalid", "true");
          else control.removeAttribute("aria-invalid");
        }
      }
      if (messages.length && control && !firstInvalid) firstInvalid = control;
    });
    if (firstInvalid) firstInvalid.focus();
  }

  function jsonOf(response) {
    return response.json().then(function (data) {
      return { ok: response.ok, data: data };
    });
  }

  /* A function returning a promise of the moment (performance.now()) from which the form may
   * be sent; it fetches the token the first time, and again once the token has expired. */
  function startedToken(form) {
    const field = form.querySelector('input[name="started"]');
    let ready = null;
    let expires = 0;
    return function () {
      if (ready && performance.now() < expires) return ready;
      expires = Infinity; // until this fetch settles
      ready = fetch(form.dataset.tokenUrl, {
        headers: { Accept: "application/json" },
        credentials: "omit",
        cache: "no-store",
      })
        .then(jsonOf)
        .then(function (result) {
          if (!result.ok || !result.data.token) throw result;
          const arrived = performance.now();
          field.value = result.data.token;
          expires = arrived + (result.data.max_age - 60) * 1000;
          return arrived + result.data.wait * 1000;
        });
      ready.catch(function () {
        ready = null; // try again at the next submit
      });
      return ready;
    };
  }

  function waitUntil(moment) {
    return new Promise(function (resolve) {
      setTimeout(resolve, Math.max(0, moment - performance.now()));
    });
  }

  function hasMessage(failure) {
    return Boolean(failure && failure.data && failure.data.message);
  }

  function send(form, status) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "omit",
    })
      .then(jsonOf)
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
      });
  }

  document.querySelectorAll("[data-newsletter-signup]").forEach(function (box) {
    const form = box.querySelector("form");
    const status = box.querySelector("[data-signup-status]");
    if (!form || !status || !form.dataset.tokenUrl) return;
    const token = startedToken(form);
    ["focusin", "pointerdown", "keydown"].forEach(function (type) {
      form.addEventListener(type, token, { once: true });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      token()
        .then(waitUntil)
        .then(function () {
          return send(form, status);
        })
        .catch(function (failure) {
          if (hasMessage(failure)) {
            showErrors(form, {});
            status.textContent = failure.data.message;
          } else {
            form.submit(); // the network or the server failed: fall back to a normal post
          }
        })
        .finally(function () {
          if (button) button.disabled = false;
        });
    });
  });
})();
