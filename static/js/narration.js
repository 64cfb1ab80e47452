// Speed buttons for the article's narration player. Without JavaScript the native
// <audio controls> player works on its own; this only adds 1×, 1.25×, 1.5× and 2×.
(function () {
  "use strict";
  var SPEEDS = [1, 1.25, 1.5, 2];
  var KEY = "masthead.narrationSpeed";

  function stored() {
    try {
      var value = parseFloat(window.localStorage.getItem(KEY));
      return SPEEDS.indexOf(value) >= 0 ? value : 1;
    } catch (error) {
      return 1;
    }
  }

  function remember(speed) {
    try {
      window.localStorage.setItem(KEY, String(speed));
    } catch (error) {
      // Private browsing: the choice lasts for this page only.
    }
  }

  function enhance(player) {
    var audio = player.querySelector("audio");
    if (!audio || player.querySelector(".narration__speeds")) return;
    var group = document.createElement("div");
    group.className = "narration__speeds";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Playback speed");
    var buttons = SPEEDS.map(function (speed) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "narration__speed";
      button.textContent = speed + "×";
      button.addEventListener("click", function () {
        choose(speed);
        remember(speed);
      });
      group.appendChild(button);
      return button;
    });
    function choose(speed) {
      audio.playbackRate = speed;
      audio.defaultPlaybackRate = speed;
      buttons.forEach(function (button, index) {
        button.setAttribute("aria-pressed", String(SPEEDS[index] === speed));
      });
    }
    // Browsers reset the rate when a new source loads; keep the reader's choice.
    audio.addEventListener("loadedmetadata", function () {
      audio.playbackRate = audio.defaultPlaybackRate;
    });
    choose(stored());
    audio.insertAdjacentElement("afterend", group);
  }

  document.querySelectorAll("[data-narration]").forEach(enhance);
})();
