/* A failed save in the admin editor names every error and where it is.
 *
 * Wagtail's banner says only "The page could not be created due to validation errors", and
 * marks each tab with a small count: an error on the Promote tab, or in the publishing
 * schedule's dialog, is out of sight from the tab the editor is on. This adds one line per
 * error to the banner, "Slug (Promote tab): This field is required.", as a link that opens
 * the tab (or the dialog) and puts the cursor in the field. Loaded by editorial/wagtail_hooks.py.
 */
(function () {
  "use strict";

  const ERRORS = ":is(.error-message, .help-critical):not([hidden])";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/\s*\*$/, "").trim();
  }

  /* The field's name (its label, in a group of fields its label there, else its panel's
   * heading) and what to focus. */
  function fieldOf(error) {
    const wrapper = error.closest(".w-field__wrapper");
    const child = error.closest(".w-panel__wrapper");
    const panel = error.closest("section.w-panel");
    const label = (wrapper && wrapper.querySelector(":scope > .w-field__label"))
      || (child && child.querySelector(":scope > .w-field__label"));
    const heading = panel && panel.querySelector(".w-panel__heading");
    const input = wrapper && wrapper.querySelector(
      "input:not([type=hidden]), textarea, select, [contenteditable=true], button",
    );
    return {
      name: clean((label || heading || {}).textContent),
      input: input || wrapper || panel || error,
    };
  }

  function placeOf(error) {
    const tab = error.closest("[role=tabpanel]");
    if (tab) {
      const trigger = document.querySelector(`[data-w-tabs-target=trigger][href="#${tab.id}"]`);
      if (trigger) {
        const name = clean(trigger.firstChild && trigger.firstChild.textContent) || clean(trigger.textContent);
        return { name: `${name} tab`, open: () => trigger.click() };
      }
    }
    const dialog = error.closest("[role=dialog], .w-dialog");
    if (dialog) {
      const toggle = document.querySelector(`[data-a11y-dialog-show="${dialog.id}"], [aria-controls="${dialog.id}"]`);
      return { name: "publishing schedule", open: () => toggle && toggle.click() };
    }
    return null;
  }

  function start() {
    const banner = document.querySelector(".messages li.error");
    const form = document.querySelector("[data-edit-form]");
    if (!banner || !form || banner.querySelector(".error-summary")) return;
    const errors = Array.from(form.querySelectorAll(ERRORS)).filter((error) => clean(error.textContent));
    if (!errors.length) return;

    const summary = document.createElement("div");
    summary.className = "error-summary";
    errors.forEach((error) => {
      const field = fieldOf(error);
      const place = placeOf(error);
      const line = document.createElement("p");
      const link = document.createElement("a");
      link.href = "#";
      link.textContent = [field.name, place && `(${place.name})`].filter(Boolean).join(" ") || "Error";
      link.addEventListener("click", (event) => {
        event.preventDefault();
        if (place) place.open();
        // After the tab or dialog is shown.
        requestAnimationFrame(() => {
          field.input.scrollIntoView({ block: "center" });
          field.input.focus({ preventScroll: true });
        });
      });
      line.append(link, `: ${clean(error.textContent)}`);
      summary.append(line);
    });
    banner.append(summary);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
