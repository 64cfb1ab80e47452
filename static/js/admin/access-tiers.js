/* The article and section editors: the "tiers" checkboxes show only while "Who can read it"
 * is "Specific tiers" (articles/forms.py keeps no tier for any other level, and asks for one
 * for that level, so without this script the form still says what is wrong). */
(function () {
  "use strict";

  const PAIRS = [["access", "access_tiers"], ["default_access", "default_tiers"]];

  function setUp(levelName, tiersName) {
    const level = document.querySelector(`select[name="${levelName}"]`);
    const tier = document.querySelector(`input[name="${tiersName}"]`);
    if (!level || !tier) return;
    const panel = tier.closest(".w-panel") || tier.closest("[data-field-wrapper]");
    if (!panel) return;
    const hasError = panel.querySelector(".error-message, [aria-invalid='true']");
    const update = () => {
      panel.hidden = level.value !== "tiers" && !hasError;
    };
    level.addEventListener("change", update);
    update();
  }

  function init() {
    PAIRS.forEach(([levelName, tiersName]) => setUp(levelName, tiersName));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
