// "Add … at the top" on a curated list (picks/panels.py): Wagtail's own "Add" button makes the
// new item at the bottom; this moves it first and renumbers what the form saves as the order.
(() => {
  const live = (forms) =>
    Array.from(forms.children).filter(
      (child) => child.matches("[data-inline-panel-child]") && !child.classList.contains("deleted"),
    );

  // What Wagtail's InlinePanel does after its own moves: ORDER, the "1", "2" … in each
  // heading, and which arrows are disabled.
  const renumber = (forms, prefix) => {
    live(forms).forEach((child, index, children) => {
      const childPrefix = child.id.replace("inline_child_", "");
      child.querySelector(`input[name="${childPrefix}-ORDER"]`).value = index + 1;
      const count = child.querySelector("[data-inline-panel-child-count]");
      if (count) count.textContent = ` ${index + 1}`;
      const up = child.querySelector("[data-inline-panel-child-move-up]");
      const down = child.querySelector("[data-inline-panel-child-move-down]");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === children.length - 1;
    });
    forms.dispatchEvent(new Event("change", { bubbles: true }));
  };

  const addToTop = (wrapper) => {
    const prefix = wrapper.dataset.addToTopFormset;
    const forms = document.getElementById(`id_${prefix}-FORMS`);
    const add = document.getElementById(`id_${prefix}-ADD`);
    if (!forms || !add) return;
    const moveFirst = (event) => {
      const child = event.target.closest("[data-inline-panel-child]");
      if (!child || child.parentElement !== forms) return;
      forms.prepend(child);
      renumber(forms, prefix);
      child.scrollIntoView({ block: "nearest" });
    };
    // Wagtail announces the new item, synchronously, before its click handler returns.
    forms.addEventListener("w-formset:added", moveFirst, { once: true });
    add.click();
    forms.removeEventListener("w-formset:added", moveFirst);
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-to-top]");
    if (button) addToTop(button.closest("[data-add-to-top-formset]"));
  });
})();
