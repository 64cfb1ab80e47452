/* The News Feed column, kept current without a reload (docs/news-feed.md).
 *
 * Every data-poll-seconds the column fetches data-updates-url with a plain fetch: the browser
 * revalidates its copy with If-None-Match, so an unchanged feed costs a 304 from the CDN.
 * When the version changes, new items go in at the top of the column (below pinned ones, in the
 * server's order), edited items are replaced in place and unpublished ones leave; the
 * status line says "2 new updates". The items' markup comes from the server, already escaped.
 *
 * The reader's place never moves. Only the column changes; browsers with scroll anchoring
 * keep whatever the reader is looking at in place themselves, and for the others this script
 * measures it before the change and scrolls back by any shift.
 *
 * Polling pauses while the tab is hidden and catches up when it is shown again. Without
 * JavaScript the column shows the feed as it was when the page loaded.
 */
(function () {
  "use strict";

  const column = document.querySelector(".news-feed[data-updates-url]");
  if (!column || !window.fetch) return;

  const list = column.querySelector(".news-feed__list");
  const notice = column.querySelector(".news-feed__notice");
  const url = column.dataset.updatesUrl;
  const interval = Math.max(1, Number(column.dataset.pollSeconds) || 10) * 1000;
  const longestWait = 5 * 60 * 1000;
  const nativeAnchoring = Boolean(window.CSS && CSS.supports && CSS.supports("overflow-anchor", "auto"));

  let version = column.dataset.version;
  const seen = new Set(Array.from(list.children, (item) => item.dataset.itemId));
  let unseen = 0;
  let failures = 0;
  let timer = null;
  let polling = false;

  function schedule() {
    clearTimeout(timer);
    // Back off while the server or the network fails: 2x, 4x ... up to five minutes.
    timer = setTimeout(poll, Math.min(interval * 2 ** failures, longestWait));
  }

  async function poll() {
    timer = null;
    if (polling || document.visibilityState === "hidden") return;
    polling = true;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`News Feed: HTTP ${response.status}`);
      const feed = await response.json();
      if (feed.version !== version) {
        update(feed.items);
        version = column.dataset.version = feed.version;
      }
      failures = 0;
    } catch (error) {
      failures += 1;
    } finally {
      polling = false;
    }
    if (document.visibilityState !== "hidden") schedule();
  }

  function update(items) {
    const shown = new Map(Array.from(list.children, (item) => [item.dataset.itemId, item]));
    const wanted = new Set(items.map((item) => String(item.id)));
    let added = 0;
    keepReadersPlace(() => {
      for (const [id, element] of shown) {
        if (!wanted.has(id)) element.remove();
      }
      let previous = null;
      for (const item of items) {
        const id = String(item.id);
        let element = shown.get(id);
        if (!element) {
          element = fromHtml(item.html);
          if (!seen.has(id)) {
            seen.add(id);
            element.classList.add("news-feed__item--new");
            added += 1;
          }
        } else if (element.dataset.version !== item.version) {
          const edited = fromHtml(item.html);
          if (element.classList.contains("news-feed__item--new")) {
            edited.classList.add("news-feed__item--new");
          }
          element.replaceWith(edited);
          element = edited;
        }
        const next = previous ? previous.nextElementSibling : list.firstElementChild;
        if (element !== next) list.insertBefore(element, next);
        previous = element;
      }
      const empty = column.querySelector(".news-feed__empty");
      if (empty && items.length) empty.remove();
      if (added) {
        unseen += added;
        notice.textContent = unseen === 1 ? "1 new update" : `${unseen} new updates`;
      }
    });
  }

  function fromHtml(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function keepReadersPlace(change) {
    if (nativeAnchoring) {
      change();
      return;
    }
    const anchor = readersAnchor();
    const before = anchor && anchor.element().getBoundingClientRect().top;
    change();
    const after = anchor && anchor.element();
    if (after && after.isConnected) {
      const shift = after.getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
    }
  }

  // What the reader is looking at: the first content element near the top of the viewport.
  // If the column starts below the top of the viewport, nothing the reader sees can move.
  function readersAnchor() {
    if (list.getBoundingClientRect().top >= 0) return null;
    for (const y of [1, window.innerHeight / 4, window.innerHeight / 2]) {
      const element = document.elementFromPoint(window.innerWidth / 2, y);
      if (!element || element.getBoundingClientRect().height >= window.innerHeight) continue;
      const item = element.closest("[data-item-id]");
      if (item && list.contains(item)) {
        // An edit replaces the item's element, so find it again by its id.
        const id = item.dataset.itemId;
        return { element: () => list.querySelector(`[data-item-id="${id}"]`) || item };
      }
      return { element: () => element };
    }
    return null;
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      clearTimeout(timer);
      timer = null;
    } else if (!timer && !polling) {
      poll();
    }
  });

  schedule();
})();
