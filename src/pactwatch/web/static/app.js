// pactwatch dashboard behaviour. No inline scripts anywhere (the CSP forbids them):
// chart specs arrive as <script type="application/json"> blocks, forms submit as forms.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // charts: <div class="chart" data-spec="ID"> + <script type="application/json" id="ID">
  document.querySelectorAll(".chart[data-spec]").forEach(function (el) {
    var block = document.getElementById(el.getAttribute("data-spec"));
    if (!block || typeof vegaEmbed === "undefined") return;
    // links in charts (a map point opens its record) open in this tab, as every other link does
    var options = { actions: false, renderer: "svg" };
    if (typeof vega !== "undefined" && vega.loader) options.loader = vega.loader({ target: "_self" });
    vegaEmbed(el, JSON.parse(block.textContent), options)
      .then(function () { el.setAttribute("data-rendered", "1"); })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
  });

  // a marked piece of evidence opens the record it belongs to
  document.querySelectorAll("mark.evidence[data-events]").forEach(function (mark) {
    mark.title = "open record " + mark.getAttribute("data-events");
    mark.addEventListener("click", function () {
      if (window.getSelection && !window.getSelection().isCollapsed) return;
      var first = mark.getAttribute("data-events").split(" ")[0];
      if (location.pathname !== "/events/" + first) {
        location.href = "/events/" + encodeURIComponent(first);
      }
    });
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  // Ctrl+Enter on selected words flags an extraction error or a missed event
  var dialog = document.getElementById("flag-dialog");
  if (!dialog) return;
  var pending = null;

  function selectionIn() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    var node = sel.getRangeAt(0).commonAncestorContainer;
    var el = node.nodeType === 1 ? node : node.parentElement;
    var holder = el && el.closest("[data-flag-doc]");
    var quote = sel.toString().trim();
    if (!holder || !quote) return null;
    return {
      doc_id: holder.getAttribute("data-flag-doc"),
      event_id: holder.getAttribute("data-flag-event") || null,
      quote: quote.slice(0, 2000),
    };
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !(ev.ctrlKey || ev.metaKey) || dialog.open) return;
    var found = selectionIn();
    if (!found) return;
    ev.preventDefault();
    pending = found;
    document.getElementById("flag-quote").textContent = found.quote;
    var result = document.getElementById("flag-result");
    if (result) { result.textContent = ""; result.className = ""; }
    var send = document.getElementById("flag-send");
    if (send) send.disabled = false;
    dialog.showModal();
  });

  var sendButton = document.getElementById("flag-send");
  if (!sendButton) return;
  sendButton.addEventListener("click", function (ev) {
    ev.preventDefault();
    if (!pending) return;
    var form = document.getElementById("flag-form");
    var kind = form.querySelector('input[name="kind"]:checked');
    var body = Object.assign({}, pending, {
      kind: kind ? kind.value : "flag_error",
      note: document.getElementById("flag-note").value || null,
    });
    var result = document.getElementById("flag-result");
    sendButton.disabled = true;
    fetch("/api/flags", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body),
    }).then(function (resp) {
      return resp.json().then(function (data) {
        if (!resp.ok) throw new Error(data.error || data.detail || resp.statusText);
        result.textContent = data.message;
        result.className = "ok";
        pending = null;
      });
    }).catch(function (err) {
      result.textContent = "Not sent: " + err.message;
      result.className = "fail";
      sendButton.disabled = false;
    });
  });
})();
