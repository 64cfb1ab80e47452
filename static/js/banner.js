// The site-wide banner (templates/components/site_banner.html): a reader who dismisses it does
// not see the same banner again in this browser (localStorage; no cookie, so the cached page
// stays one for everyone). Run right after the banner, so a dismissed one goes before it shows.
(function () {
  var script = document.currentScript;
  var banner = script && script.previousElementSibling;
  if (!banner || !banner.dataset.banner) return;
  var key = "masthead-banner-dismissed";
  var storage;
  try {
    storage = window.localStorage;
    if (storage.getItem(key) === banner.dataset.banner) {
      banner.remove();
      return;
    }
  } catch (error) {
    return; // no storage: the banner stays, without a button that could not keep its word
  }
  var close = banner.querySelector(".site-banner__close");
  close.hidden = false;
  close.addEventListener("click", function () {
    try {
      storage.setItem(key, banner.dataset.banner);
    } catch (error) {}
    banner.remove();
  });
})();
