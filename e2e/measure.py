"""What a reader notices, measured in the browser: targets too small to hit, text against the edge.

Each function returns a list of human-readable offenders, so a failing test names them.
"""

# WCAG 2.2 success criterion 2.5.8 (Target Size, Minimum), level AA: a pointer target is at
# least 24 by 24 CSS px, unless a 24 px circle centred on it meets no other target (nor another
# small target's circle), or it sits in a sentence or line of text ("inline"). Off-screen
# targets (the skip link before it is focused) and visually hidden ones (the honeypot) are no
# pointer targets.
SMALL_TARGETS = """
() => {
  const MIN = 24;
  const targets = Array.from(document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]'
  )).filter((el) => {
    if (el.closest(".visually-hidden")) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    return r.bottom + scrollY > 0 && r.right + scrollX > 0;  // on the page, not parked off it
  });
  const box = (el) => el.getBoundingClientRect();
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const small = (el) => {
    const r = box(el);
    return r.width < MIN - 0.01 || r.height < MIN - 0.01;
  };
  function inline(el) {
    if (getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    if (!block) return false;
    // Other words in the same line of text than the targets' own.
    let text = block.textContent;
    block.querySelectorAll("a, button").forEach((t) => { text = text.replace(t.textContent, ""); });
    return /[A-Za-z0-9]/.test(text);
  }
  function distanceToRect([x, y], r) {
    const dx = Math.max(r.left - x, 0, x - r.right);
    const dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.hypot(dx, dy);
  }
  const offenders = [];
  for (const el of targets) {
    if (!small(el) || inline(el)) continue;
    const c = centre(box(el));
    const crowded = targets.some((other) => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      if (small(other)) {
        const [x, y] = centre(box(other));
        return Math.hypot(x - c[0], y - c[1]) < MIN;
      }
      return distanceToRect(c, box(other)) < MIN / 2;
    });
    if (crowded) {
      const r = box(el);
      const name = (el.getAttribute("aria-label") || el.textContent || el.name || el.type || "")
        .trim().slice(0, 40);
      const size = `${r.width.toFixed(0)}x${r.height.toFixed(0)}`;
      offenders.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return offenders;
}
"""

# What the reader sees of the main content (text, and boxes with a border, a background or
# an image) keeps `margin` px from both sides of the viewport.
AGAINST_THE_EDGE = """
(margin) => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  function painted(el, style) {
    const replaced = ["IMG", "INPUT", "BUTTON", "SELECT", "TEXTAREA", "AUDIO", "VIDEO", "SVG"];
    if (replaced.includes(el.tagName.toUpperCase())) return true;
    if (style.backgroundImage !== "none") return true;
    if (!/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.backgroundColor)) return true;
    return ["Top", "Right", "Bottom", "Left"].some(
      (side) =>
        parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== "none"
    );
  }
  function check(label, r) {
    if (r.width === 0 || r.height === 0) return;
    if (r.left < margin || r.right > width - margin) {
      offenders.push(`${label}: ${r.left.toFixed(0)}..${r.right.toFixed(0)} of ${width}`);
    }
  }
  for (const el of document.querySelectorAll("main *")) {
    if (el.closest(".visually-hidden")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const css = typeof el.className === "string" && el.className ? el.className.split(" ")[0] : "";
    const name = el.tagName.toLowerCase() + (css ? "." + css : "");
    if (painted(el, style)) check(name, el.getBoundingClientRect());
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        check(`${name} "${node.textContent.trim().slice(0, 30)}"`, range.getBoundingClientRect());
      }
    }
  }
  return offenders;
}
"""


def small_targets(page):
    return page.evaluate(SMALL_TARGETS)


def against_the_edge(page, margin=8):
    return page.evaluate(AGAINST_THE_EDGE, margin)
