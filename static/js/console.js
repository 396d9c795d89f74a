// The live guide console. The queue page works without this file; with it, the
// table of cases follows what happens (cases opened, claimed, released, raised,
// decided) without a reload. Events carry only a case number: the rows come from
// the server over HTTP, through the same access checks as the page itself.
(function () {
  "use strict";

  var live = document.getElementById("queue-live");
  var notice = document.getElementById("console-live-notice");
  if (!live || !notice || !("WebSocket" in window) || !window.fetch) {
    return;
  }
  var page = new URLSearchParams(window.location.search).get("page");
  var onFirstPage = !page || page === "1";
  var refreshTimer = null;
  var retryDelay = 1000;

  function showNotice(text, withLink) {
    notice.textContent = text + " ";
    if (withLink) {
      var link = document.createElement("a");
      link.href = window.location.href;
      link.textContent = "Refresh";
      notice.appendChild(link);
    }
    notice.hidden = false;
  }

  function refreshTable() {
    refreshTimer = null;
    fetch(window.location.href, {
      credentials: "same-origin",
      redirect: "manual", // signed out: never put the sign-in page in the table
      // Background: a console left open is not "in use" for the idle timeout.
      headers: { "X-Harbour-Fragment": "queue", "X-Harbour-Background": "1" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("queue refresh: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        live.innerHTML = html;
        live.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () {
        showNotice("New cases or changes in the queue.", true);
      });
  }

  function queueChanged() {
    // Never pull the rows from under a guide reading or typing in them, nor
    // replace a later page with a different slice: offer a refresh instead.
    if (!onFirstPage || live.contains(document.activeElement)) {
      showNotice("New cases or changes in the queue.", true);
      return;
    }
    if (refreshTimer === null) {
      refreshTimer = window.setTimeout(refreshTable, 250); // one fetch for a burst
    }
  }

  function connect(isReconnect) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + live.getAttribute("data-socket"));
    socket.addEventListener("open", function () {
      retryDelay = 1000;
      live.setAttribute("data-live", "on");
      if (isReconnect) {
        queueChanged(); // whatever happened while we were away
      }
    });
    socket.addEventListener("message", function (message) {
      var frame;
      try {
        frame = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      if (frame.type !== "error") {
        queueChanged();
      }
    });
    socket.addEventListener("close", function (event) {
      live.setAttribute("data-live", "off");
      if (event.code === 4403) {
        showNotice("Live updates have stopped. Refresh the page (you may need to sign in again).", false);
        return;
      }
      window.setTimeout(function () { connect(true); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  connect(false);
})();
