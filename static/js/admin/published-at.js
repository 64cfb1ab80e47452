/* The note under a "Published" (or News Feed "Time") field in the admin: what publishing
 * will do with the time typed, decided as the editor types (editorial/forms.py has the rules).
 *
 * Empty: dated the moment it is published. In the past: published now, dated then
 * (backdated). In the future: scheduled to go live then; the Publish button says "Schedule to
 * publish". Times are the newsroom's wall-clock times: the server renders its "now"
 * (data-now) and the field's format (data-format, Python's strftime codes); both sides of the
 * comparison are read as UTC so that the browser's own time zone never enters into it.
 */
(function () {
  "use strict";

  const MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];
  const loadedAt = Date.now();

  // strftime code -> [regular expression, how to store the matched text]
  const CODES = {
    Y: ["(\\d{4})", (t, v) => { t.year = Number(v); }],
    y: ["(\\d{2})", (t, v) => { t.year = 2000 + Number(v); }],
    m: ["(\\d{1,2})", (t, v) => { t.month = Number(v) - 1; }],
    d: ["(\\d{1,2})", (t, v) => { t.day = Number(v); }],
    H: ["(\\d{1,2})", (t, v) => { t.hour = Number(v); }],
    I: ["(\\d{1,2})", (t, v) => { t.hour12 = Number(v); }],
    M: ["(\\d{1,2})", (t, v) => { t.minute = Number(v); }],
    S: ["(\\d{1,2})", (t, v) => { t.second = Number(v); }],
    p: ["([AaPp]\\.?[Mm]\\.?)", (t, v) => { t.pm = /^p/i.test(v); }],
    B: ["([A-Za-z]+)", (t, v) => { t.month = monthIndex(v); }],
    b: ["([A-Za-z]+)", (t, v) => { t.month = monthIndex(v); }],
  };

  function monthIndex(name) {
    const found = MONTHS.findIndex((month) => month.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
    return found === -1 ? NaN : found;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The typed text as milliseconds of a UTC clock showing the newsroom's wall time, or null. */
  function parse(text, format) {
    const setters = [];
    let pattern = "";
    for (let i = 0; i < format.length; i += 1) {
      if (format[i] === "%" && i + 1 < format.length) {
        let code = format[i + 1];
        if (code === "-" && i + 2 < format.length) { // %-d: no leading zero
          i += 1;
          code = format[i + 1];
        }
        i += 1;
        if (!CODES[code]) return null;
        pattern += CODES[code][0];
        setters.push(CODES[code][1]);
      } else {
        pattern += format[i] === " " ? "\\s+" : escapeRegExp(format[i]);
      }
    }
    const match = new RegExp(`^\\s*${pattern}\\s*$`).exec(text);
    if (!match) return null;
    const time = { year: NaN, month: NaN, day: NaN, hour: 0, minute: 0, second: 0 };
    setters.forEach((set, n) => set(time, match[n + 1]));
    if (time.hour12 !== undefined) time.hour = (time.hour12 % 12) + (time.pm ? 12 : 0);
    const value = Date.UTC(time.year, time.month, time.day, time.hour, time.minute, time.second);
    return Number.isNaN(value) ? null : value;
  }

  /* "December 3, 2026 11:16 AM", as the site shows times. */
  function human(value) {
    const date = new Date(value);
    const hours = date.getUTCHours();
    const minutes = String(date.getUTCMinutes()).padStart(2, "0");
    return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} `
      + `${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  }

  function setUp(note) {
    const input = document.getElementById(note.dataset.for);
    if (!input) return;
    const notes = JSON.parse(note.dataset.notes);
    const now = Date.parse(`${note.dataset.now}Z`);
    const initial = input.value;
    const publishLabel = document.querySelector('button[name="action-publish"] [data-w-progress-target="label"]');
    let scheduling = null;
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));

    function update() {
      const typed = input.value.trim();
      const value = typed ? parse(typed, note.dataset.format) : null;
      const newsroomNow = now + (Date.now() - loadedAt);
      let kind;
      if (!typed) kind = "empty";
      else if (value === null) kind = "unreadable";
      else if (value > newsroomNow) kind = "future";
      else if (typed === initial && notes.current) kind = "current";
      else kind = "past";
      const text = (notes[kind] || "").replace("{when}", value === null ? "" : human(value));
      // Only when it changes: the note is a live region, read out on every change.
      if (note.textContent !== text) note.textContent = text;
      note.dataset.kind = kind;
      // Only when that changes: the button says "Publishing…" once pressed.
      if (publishLabel && scheduling !== (kind === "future")) {
        scheduling = kind === "future";
        publishLabel.textContent = scheduling ? notes.schedule_label : notes.publish_label;
      }
    }

    ["input", "change", "blur"].forEach((type) => input.addEventListener(type, update));
    // The date picker sets the value without an event a listener here would see, and a time in
    // the future becomes one in the past while the page stays open.
    setInterval(update, 1000);
    update();
  }

  function start() {
    document.querySelectorAll("[data-published-note]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
