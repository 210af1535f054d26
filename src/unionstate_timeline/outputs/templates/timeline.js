(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("event-data").textContent);
  var pop = document.getElementById("popover");
  var pinned = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }

  function fill(id) {
    var ev = data[id];
    pop.textContent = "";
    if (!ev) { return; }
    var close = el("button", "close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", unpin);
    pop.appendChild(close);
    pop.appendChild(el("h4", "", ev.title));
    var sub = ev.date + " \u00b7 " + ev.type + " \u00b7 " + ev.status;
    pop.appendChild(el("div", "sub", ev.who ? sub + " \u00b7 " + ev.who : sub));
    ev.conflicts.forEach(function (c) { pop.appendChild(el("p", "conflict", "\u26a0 " + c)); });
    ev.quotes.forEach(function (q) {
      var bq = el("blockquote", "", q.q);
      var cite = el("cite", "", q.url ? "" : q.src + " (" + q.doc + ")");
      if (q.url) {
        var a = el("a", "", q.src);
        a.href = q.url;
        a.rel = "noopener noreferrer";
        cite.appendChild(a);
        cite.appendChild(document.createTextNode(" (" + q.doc + ")"));
      }
      bq.appendChild(cite);
      pop.appendChild(bq);
    });
    var link = el("a", "", "show in the list");
    link.href = "#item-" + id;
    pop.appendChild(link);
  }

  function place(mark) {
    var r = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = (window.scrollX + left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function show(mark) {
    fill(mark.getAttribute("data-event-id"));
    pop.hidden = false;
    place(mark);
  }

  function hide() { if (!pinned) { pop.hidden = true; } }

  function unpin() {
    if (pinned) { pinned.classList.remove("active"); }
    pinned = null;
    hide();
  }

  var marks = document.querySelectorAll(".event-mark");
  Array.prototype.forEach.call(marks, function (mark) {
    mark.addEventListener("mouseenter", function () { if (!pinned) { show(mark); } });
    mark.addEventListener("mouseleave", hide);
    mark.addEventListener("focus", function () { if (!pinned) { show(mark); } });
    mark.addEventListener("blur", hide);
    mark.addEventListener("click", function (evt) {
      evt.stopPropagation();
      if (pinned === mark) { unpin(); return; }
      if (pinned) { pinned.classList.remove("active"); }
      pinned = mark;
      mark.classList.add("active");
      show(mark);
    });
  });
  document.addEventListener("click", function (evt) {
    if (pinned && !pop.contains(evt.target)) { unpin(); }
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape") { unpin(); }
  });

  // Filters: an entry (its mark, chip and list item) shows when its type is ticked and every
  // word typed in the search box is in its title, one of its quotes or one of its sources.
  document.documentElement.classList.add("js");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var toggles = document.querySelectorAll(".type-toggle");
  var entries = document.querySelectorAll("[data-event-id]");
  var haystack = {};
  Object.keys(data).forEach(function (id) {
    var ev = data[id];
    var parts = [ev.title];
    ev.quotes.forEach(function (q) { parts.push(q.q, q.src, q.doc); });
    haystack[id] = parts.join("\n").toLowerCase();
  });

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var off = {};
    Array.prototype.forEach.call(toggles, function (box) { off[box.value] = !box.checked; });
    var visible = {};
    var count = 0;
    Object.keys(data).forEach(function (id) {
      var text = haystack[id];
      visible[id] = !off[data[id].t] && words.every(function (w) { return text.indexOf(w) >= 0; });
      if (visible[id]) { count += 1; }
    });
    Array.prototype.forEach.call(entries, function (node) {
      node.hidden = !visible[node.getAttribute("data-event-id")];
    });
    Array.prototype.forEach.call(document.querySelectorAll("ul.events"), function (list) {
      var any = list.querySelector(".event-item:not([hidden])") !== null;
      list.hidden = !any;
      if (list.previousElementSibling) { list.previousElementSibling.hidden = !any; }
    });
    if (pinned && pinned.hidden) { unpin(); }
    shown.textContent = count + " of " + Object.keys(data).length + " events";
  }

  search.addEventListener("input", apply);
  Array.prototype.forEach.call(toggles, function (box) { box.addEventListener("change", apply); });
  document.getElementById("filters").hidden = false;
  apply();  // a browser may restore the box's text or a toggle on reload

  // On a narrow screen the chart opens at its latest end, where a reader starts.
  var scroller = document.querySelector("#chart .scroller");
  if (scroller && window.matchMedia("(max-width: 760px)").matches) {
    scroller.scrollLeft = scroller.scrollWidth;
  }
}());
