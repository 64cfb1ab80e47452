/* The account page's "Copy" button beside the private podcast feed's address: without
 * JavaScript (or without a clipboard) the button stays hidden and the address is selected
 * and copied by hand. */
(function () {
  "use strict";

  document.querySelectorAll("[data-copy-from]").forEach((button) => {
    const field = document.getElementById(button.dataset.copyFrom);
    if (!field || !navigator.clipboard) return;
    const status = document.getElementById(button.dataset.copyStatus);
    button.hidden = false;
    button.addEventListener("click", () => {
      field.select();
      navigator.clipboard.writeText(field.value).then(
        () => { if (status) status.textContent = "Copied."; },
        () => { if (status) status.textContent = "Select the address and copy it."; },
      );
    });
  });
})();
