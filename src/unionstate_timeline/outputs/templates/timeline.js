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
}());
