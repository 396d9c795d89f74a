/* Harbour chat: one room's live messages over a WebSocket (protocol in docs/chat.md).
 *
 * Each message is sent with an id made here, so a resend after a dropped connection
 * is recognised by the server and never stored twice. The text stays in the box
 * until the server has it; a refusal leaves it there with the reason. After a
 * reconnect the server replays everything after the last number we saw.
 *
 * In a group room that shows presence, the server says who else is here (handles
 * only) and who is typing; we tell it when the member types, at most every 3 s, and
 * never what they type.
 */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root || !window.WebSocket) { return; }

  var roomId = root.getAttribute("data-room");
  var reportUrl = root.getAttribute("data-report-url");
  var helpUrl = root.getAttribute("data-help-url");
  var maxLength = parseInt(root.getAttribute("data-max-length"), 10) || 2000;
  var list = root.querySelector(".chat-messages");
  var connection = root.querySelector(".chat-connection");
  var earlier = root.querySelector(".chat-earlier");
  var empty = root.querySelector(".chat-empty");
  var form = root.querySelector(".chat-form");
  var input = form && form.querySelector("textarea");
  var errorBox = form && form.querySelector(".chat-error");
  var presenceBox = root.querySelector(".chat-presence");
  var hereCount = presenceBox && presenceBox.querySelector(".chat-here-count");
  var hereList = presenceBox && presenceBox.querySelector(".chat-here-list");
  var typingLine = presenceBox && presenceBox.querySelector(".chat-typing");

  var ACK_WAIT_MS = 10000;
  var RETRY_MAX_MS = 30000;
  var TYPING_EVERY_MS = 3000;
  var STATE_WORDS = {
    sending: "Sending…",
    failed: "Not sent yet. It will be sent when the connection is back.",
    delayed: "Delivered late, after a Wall Guide's review"
  };

  var socket = null;
  var attempts = 0;
  var ended = root.getAttribute("data-open") !== "true";
  var lastSequence = 0;
  var bySequence = {};   // sequence -> <li>
  var byClientId = {};   // client id -> <li>, for the member's own messages
  var unsent = {};       // client id -> text, sent but not yet acknowledged
  var notes = {};        // client id -> a Wall Guide's note on the member's own message
  var resendDue = false;
  var ackTimers = {};
  var presenceShown = false;
  var typingSentAt = 0;
  var typists = {};      // handle -> timer that stops showing them as typing
  var here = [];         // handles of the others in the room

  Array.prototype.forEach.call(list.children, function (item) {
    var sequence = parseInt(item.getAttribute("data-sequence"), 10);
    if (sequence) {
      bySequence[sequence] = item;
      lastSequence = Math.max(lastSequence, sequence);
    }
  });

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function setConnection(state, words) {
    connection.setAttribute("data-state", state);
    connection.textContent = words;
  }

  function showError(words) {
    if (errorBox) { errorBox.textContent = words; }
  }

  // --- Drawing messages ------------------------------------------------------

  function timeOf(iso) {
    var when = iso ? new Date(iso) : new Date();
    var node = el("time", "", when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    node.setAttribute("datetime", when.toISOString());
    return node;
  }

  function fill(item, frame) {
    item.textContent = "";
    item.className = "chat-message" + (frame.mine ? " mine" : "") + (frame.delayed ? " delayed" : "");
    item.setAttribute("data-sequence", frame.sequence);
    if (frame.hidden) {
      item.appendChild(el("p", "chat-state", "This message has been taken out of view."));
      return item;
    }
    if (frame.id) { item.id = "message-" + frame.id; }
    item.appendChild(el("span", "chat-author", frame.mine ? "You" : frame.author));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(timeOf(frame.sent_at));
    item.appendChild(el("p", "chat-text", frame.text));
    if (frame.delayed) { item.appendChild(el("p", "chat-state", STATE_WORDS.delayed)); }
    if (!frame.mine && frame.id && reportUrl) {
      var report = el("a", "chat-report", "Report");
      report.href = reportUrl.replace("/0/", "/" + frame.id + "/");
      item.appendChild(report);
    }
    return item;
  }

  function place(item, sequence) {
    // In sequence order; the member's own unpublished messages stay at the end.
    var next = null;
    for (var i = 0; i < list.children.length; i++) {
      var other = list.children[i];
      var number = parseInt(other.getAttribute("data-sequence"), 10);
      if (!number || number > sequence) { next = other; break; }
    }
    list.insertBefore(item, next);
    if (empty) { empty.hidden = true; }
  }

  function published(frame) {
    var item = bySequence[frame.sequence];
    if (!item && frame.mine && frame.client_id) { item = byClientId[frame.client_id]; }
    item = fill(item || el("li"), frame);
    if (frame.mine && notes[frame.client_id]) {
      item.appendChild(el("p", "chat-note", notes[frame.client_id]));
    }
    bySequence[frame.sequence] = item;
    if (frame.client_id) { delete byClientId[frame.client_id]; }
    place(item, frame.sequence);
    lastSequence = Math.max(lastSequence, frame.sequence);
  }

  function ownItem(clientId, text) {
    var item = byClientId[clientId];
    if (!item) {
      item = el("li", "chat-message mine");
      item.setAttribute("data-client-id", clientId);
      item.appendChild(el("span", "chat-author", "You"));
      item.appendChild(el("p", "chat-text", text));
      item.appendChild(el("p", "chat-state"));
      byClientId[clientId] = item;
      list.appendChild(item);
      if (empty) { empty.hidden = true; }
    }
    return item;
  }

  function ownState(frame) {
    // frame: an ack, an own frame or an entry of a replay's "own" list.
    if (frame.note) { notes[frame.client_id] = frame.note; }
    if (frame.state === "published" && (bySequence[frame.sequence] || !byClientId[frame.client_id])) {
      var shown = bySequence[frame.sequence];
      if (shown && frame.note && !shown.querySelector(".chat-note")) {
        shown.appendChild(el("p", "chat-note", frame.note));
      }
      return; // its message frame draws it
    }
    var item = ownItem(frame.client_id, frame.text);
    item.className = "chat-message mine is-" + frame.state;
    item.querySelector(".chat-state").textContent = frame.status;
    var note = item.querySelector(".chat-note");
    if (frame.note && !note) { item.appendChild(el("p", "chat-note", frame.note)); }
    if (frame.help_url && !item.querySelector(".chat-help")) {
      var help = el("a", "chat-help", "Get help now: crisis lines near you");
      help.href = frame.help_url || helpUrl;
      item.appendChild(help);
    }
  }

  function sendingState(clientId, state) {
    var item = byClientId[clientId];
    if (!item) { return; }
    item.className = "chat-message mine is-" + state;
    item.querySelector(".chat-state").textContent = STATE_WORDS[state];
  }

  // --- Who is here, who is typing ----------------------------------------------

  function drawTyping() {
    var names = Object.keys(typists).sort();
    var words = "";
    if (names.length === 1) { words = names[0] + " is typing…"; }
    else if (names.length === 2) { words = names[0] + " and " + names[1] + " are typing…"; }
    else if (names.length > 2) { words = "Several people are typing…"; }
    // A polite live region: it speaks only when the words change.
    if (typingLine && typingLine.textContent !== words) { typingLine.textContent = words; }
  }

  function stopTyping(handle) {
    if (!Object.prototype.hasOwnProperty.call(typists, handle)) { return; }
    clearTimeout(typists[handle]);
    delete typists[handle];
    drawTyping();
  }

  function onTyping(frame) {
    if (!presenceShown) { return; }
    clearTimeout(typists[frame.who]);
    typists[frame.who] = setTimeout(function () { stopTyping(frame.who); },
      (frame.for_seconds || 6) * 1000);
    drawTyping();
  }

  function onPresence(frame) {
    // The whole list ("here") on connect, then who arrived ("joined") and who went ("left").
    presenceShown = !!(frame.shown && presenceBox);
    if (!presenceBox) { return; }
    presenceBox.hidden = !presenceShown;
    if (!presenceShown || frame.here) { here = (frame.here || []).slice(); }
    (frame.joined || []).forEach(function (handle) {
      if (here.indexOf(handle) < 0) { here.push(handle); }
    });
    here = here.filter(function (handle) { return (frame.left || []).indexOf(handle) < 0; });
    here.sort(function (a, b) { return a.toLowerCase() < b.toLowerCase() ? -1 : 1; });
    Object.keys(typists).forEach(function (handle) {
      if (here.indexOf(handle) < 0) { stopTyping(handle); }
    });
    hereList.textContent = "";
    hereList.appendChild(el("li", "", "You"));
    here.forEach(function (handle) { hereList.appendChild(el("li", "", handle)); });
    hereCount.textContent = !here.length ? "just you" :
      here.length === 1 ? "you and " + here[0] : "you and " + here.length + " others";
  }

  function onInput() {
    var now = Date.now();
    if (!presenceShown || !input.value.trim() || now - typingSentAt < TYPING_EVERY_MS) { return; }
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "typing" }));
      typingSentAt = now;
    }
  }

  // --- Sending ---------------------------------------------------------------

  function transmit(clientId) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      sendingState(clientId, "failed");
      return;
    }
    socket.send(JSON.stringify({ type: "send", client_id: clientId, text: unsent[clientId] }));
    sendingState(clientId, "sending");
    clearTimeout(ackTimers[clientId]);
    ackTimers[clientId] = setTimeout(function () {
      if (unsent[clientId] !== undefined) { sendingState(clientId, "failed"); }
    }, ACK_WAIT_MS);
  }

  function clientIdFor(text) {
    // Sending the same words again while they are unacknowledged is the same message.
    for (var id in unsent) {
      if (unsent[id] === text) { return id; }
    }
    return newClientId();
  }

  function onSubmit(event) {
    event.preventDefault();
    var text = input.value;
    showError("");
    if (!text.trim()) { return showError("Please write something before sending."); }
    if (text.length > maxLength) {
      return showError("Messages can be up to " + maxLength + " characters; this one has " +
        text.length + ". You could send it in parts.");
    }
    if (ended) { return showError("This chat has ended. Nothing more can be sent here."); }
    var clientId = clientIdFor(text);
    unsent[clientId] = text;
    ownItem(clientId, text);
    transmit(clientId);
  }

  function settled(clientId) {
    var text = unsent[clientId];
    delete unsent[clientId];
    clearTimeout(ackTimers[clientId]);
    if (input && text !== undefined && input.value === text) { input.value = ""; }
  }

  function onRefused(frame) {
    // The words stay in the box: the member can change them and send again.
    delete unsent[frame.client_id];
    clearTimeout(ackTimers[frame.client_id]);
    var item = byClientId[frame.client_id];
    if (item) { item.parentNode.removeChild(item); delete byClientId[frame.client_id]; }
    var words = frame.reason;
    if (frame.retry_after) { words += " You can send again in " + frame.retry_after + " s."; }
    showError(words);
    if (input) { input.focus(); }
  }

  function onEnded(words) {
    ended = true;
    setConnection("ended", words);
    if (form) {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = true; });
    }
  }

  // --- Frames from the server ------------------------------------------------

  var handlers = {
    replay: function (frame) {
      frame.messages.forEach(published);
      frame.own.forEach(ownState);
      lastSequence = Math.max(lastSequence, frame.last_sequence);
    },
    message: function (frame) {
      published(frame);
      if (frame.author && !frame.mine) { stopTyping(frame.author); }
    },
    shown: published,
    ack: function (frame) {
      settled(frame.client_id);
      ownState(frame);
    },
    own: ownState,
    refused: onRefused,
    hidden: function (frame) { published({ sequence: frame.sequence, hidden: true }); },
    history: function (frame) {
      frame.messages.forEach(published);
      if (earlier && (!frame.messages.length || frame.messages[0].sequence <= 1)) {
        earlier.hidden = true;
      }
    },
    closed: function (frame) { onEnded(frame.reason); },
    presence: onPresence,
    typing: onTyping,
    error: function (frame) { showError(frame.reason); }
  };

  function onFrame(event) {
    var frame;
    try { frame = JSON.parse(event.data); } catch (error) { return; }
    var handler = handlers[frame.type];
    if (handler) { handler(frame); }
    if (frame.type === "replay" && resendDue) {
      // Anything unacknowledged is sent again with its own id; the server keeps one copy.
      resendDue = false;
      Object.keys(unsent).forEach(transmit);
    }
  }

  // --- The connection, with back-off ------------------------------------------

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/chat/" + roomId +
      "/?after=" + lastSequence);
    socket.onopen = function () {
      attempts = 0;
      resendDue = true;
      setConnection("online", "Connected.");
    };
    socket.onmessage = onFrame;
    socket.onclose = onClose;
  }

  function onClose(event) {
    Object.keys(typists).forEach(stopTyping);
    Object.keys(unsent).forEach(function (id) { sendingState(id, "failed"); });
    if (event.code === 4401) { return onEnded("You've been signed out. Please sign in again to chat."); }
    if (event.code === 4403) { return onEnded("You can't take part in this chat."); }
    if (ended) { return; }
    var delay = Math.min(RETRY_MAX_MS, 1000 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
    attempts += 1;
    setConnection("offline", "Connection lost. Trying again in " + Math.ceil(delay / 1000) + " s…");
    setTimeout(connect, delay);
  }

  if (form) {
    form.addEventListener("submit", onSubmit);
    input.addEventListener("input", onInput);
    input.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter starts a new line.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { onSubmit(event); }
    });
  }
  if (earlier) {
    earlier.hidden = false;
    earlier.addEventListener("click", function () {
      var first = parseInt(list.children.length && list.children[0].getAttribute("data-sequence"), 10);
      if (socket && socket.readyState === WebSocket.OPEN && first) {
        socket.send(JSON.stringify({ type: "history", before: first }));
      }
    });
  }
  window.addEventListener("online", function () {
    if (socket && socket.readyState === WebSocket.CLOSED && !ended) { attempts = 0; connect(); }
  });
  if (!ended) { connect(); }
})();
