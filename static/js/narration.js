// The article's narration player. The page renders its controls with the audio's length
// (narration/player.html), so "0:00 / 2:52" shows before anything is fetched; this script
// makes them work: Play/Pause, the position slider, elapsed time, and the 1×–2× speeds
// (remembered). The MP3 is requested only when the reader presses Play or moves the slider.
// Without JavaScript the CSS shows the browser's own <audio controls> instead.
(function () {
  "use strict";
  var KEY = "masthead.narrationSpeed";

  function stored(speeds) {
    try {
      var value = parseFloat(window.localStorage.getItem(KEY));
      return speeds.indexOf(value) >= 0 ? value : 1;
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

  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds || 0));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = String(seconds % 60).padStart(2, "0");
    return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + rest : minutes + ":" + rest;
  }

  function enhance(player) {
    var audio = player.querySelector("audio");
    var controls = player.querySelector("[data-narration-controls]");
    if (!audio || !controls || player.classList.contains("narration--ready")) return;
    var play = controls.querySelector("[data-narration-play]");
    var seek = controls.querySelector("[data-narration-seek]");
    var elapsed = controls.querySelector("[data-narration-elapsed]");
    var total = controls.querySelector("[data-narration-duration]");
    var speedButtons = Array.prototype.slice.call(controls.querySelectorAll("[data-speed]"));
    var speeds = speedButtons.map(function (button) {
      return parseFloat(button.dataset.speed);
    });
    var duration = parseFloat(seek.max) || 0;
    var dragging = false;

    function showTime() {
      var now = audio.currentTime || 0;
      elapsed.textContent = clock(now);
      if (!dragging) seek.value = String(Math.floor(now));
      seek.setAttribute("aria-valuetext", clock(now) + " of " + clock(duration));
    }

    function showPlaying() {
      var playing = !audio.paused && !audio.ended;
      play.setAttribute("aria-label", playing ? "Pause" : "Play");
      play.classList.toggle("narration__play--playing", playing);
    }

    function choose(speed) {
      audio.playbackRate = speed;
      audio.defaultPlaybackRate = speed;
      speedButtons.forEach(function (button, index) {
        button.setAttribute("aria-pressed", String(speeds[index] === speed));
      });
    }

    play.addEventListener("click", function () {
      if (audio.paused || audio.ended) {
        var started = audio.play();
        if (started && started.catch) started.catch(showPlaying);
      } else {
        audio.pause();
      }
    });
    seek.addEventListener("input", function () {
      dragging = true;
      elapsed.textContent = clock(parseFloat(seek.value));
    });
    seek.addEventListener("change", function () {
      dragging = false;
      audio.currentTime = parseFloat(seek.value);
      showTime();
    });
    speedButtons.forEach(function (button, index) {
      button.addEventListener("click", function () {
        choose(speeds[index]);
        remember(speeds[index]);
      });
    });
    ["play", "playing", "pause", "ended"].forEach(function (type) {
      audio.addEventListener(type, showPlaying);
    });
    audio.addEventListener("timeupdate", showTime);
    audio.addEventListener("loadedmetadata", function () {
      // Browsers reset the rate when a new source loads; keep the reader's choice.
      audio.playbackRate = audio.defaultPlaybackRate;
      if (isFinite(audio.duration) && audio.duration > 0) {
        duration = audio.duration;
        seek.max = String(Math.ceil(duration));
        total.textContent = clock(duration);
        showTime();
      }
    });
    choose(stored(speeds));
    player.classList.add("narration--ready");
  }

  document.querySelectorAll("[data-narration]").forEach(enhance);
})();
