// FinOps Bot playground: talks to the same conversation pipeline as Slack and Teams.
(() => {
  "use strict";
  const log = document.getElementById("log");
  const userSelect = document.getElementById("user");
  const viewSelect = document.getElementById("view");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const examples = document.getElementById("examples");
  const messages = new Map(); // messageId -> { element, reply }

  async function api(path, body) {
    const response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const text = await response.text();
      throw new Error(`${response.status} ${text}`);
    }
    return response.json();
  }

  function currentUser() { return userSelect.value; }

  function addMine(text) {
    const div = document.createElement("div");
    div.className = "msg me";
    div.textContent = text;
    log.appendChild(div);
    div.scrollIntoView({ block: "end" });
  }

  function renderReply(element, reply) {
    const view = viewSelect.value;
    element.replaceChildren();
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = reply.proactive ? `Sent by the bot \u00B7 ${reply.kind}` : "FinOps Bot";
    if (reply.updatedBy) {
      const updated = document.createElement("span");
      updated.className = "updated";
      updated.textContent = ` \u00B7 updated after you clicked \u201C${reply.updatedBy}\u201D`;
      meta.appendChild(updated);
    }
    element.appendChild(meta);
    if (view === "teams" || view === "slack") {
      const json = JSON.stringify(view === "teams" ? reply.adaptiveCard : reply.blockKit, null, 2);
      const bar = document.createElement("div");
      bar.className = "json-bar";
      const hint = document.createElement("span");
      hint.textContent = view === "teams"
        ? "Adaptive Card sent to Teams (paste into the Adaptive Cards Designer to preview)"
        : "chat.postMessage body sent to Slack (blocks can be pasted into Block Kit Builder)";
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "copy";
      copy.textContent = "Copy JSON";
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(json);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Copy failed: select the text instead";
        }
      });
      bar.append(hint, copy);
      const pre = document.createElement("pre");
      pre.textContent = json;
      element.append(bar, pre);
      return;
    }
    const card = document.createElement("div");
    card.className = "card-host";
    card.innerHTML = reply.html; // produced by the server-side HtmlCardRenderer, which encodes all text
    element.appendChild(card);
  }

  function addReply(reply) {
    let entry = messages.get(reply.messageId);
    if (!entry) {
      const div = document.createElement("div");
      div.className = "msg bot" + (reply.proactive ? " proactive" : "");
      div.dataset.messageId = reply.messageId;
      log.appendChild(div);
      entry = { element: div, reply };
      messages.set(reply.messageId, entry);
    }
    entry.reply = reply;
    renderReply(entry.element, reply);
    entry.element.scrollIntoView({ block: "end" });
  }

  function addError(error) {
    const div = document.createElement("div");
    div.className = "msg bot error";
    div.textContent = `Something went wrong: ${error.message}`;
    log.appendChild(div);
  }

  async function ask(text) {
    addMine(text);
    try {
      addReply(await api("/playground/api/messages", { user: currentUser(), text }));
    } catch (e) {
      addError(e);
    }
  }

  function collectInputs(scope) {
    const inputs = {};
    scope.querySelectorAll("input, textarea, select").forEach((el) => {
      const id = el.dataset.inputId || el.name || el.id;
      if (id) inputs[id] = el.value;
    });
    return inputs;
  }

  log.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action-id]");
    if (!button) return;
    event.preventDefault();
    const host = button.closest(".msg.bot");
    const messageId = host.dataset.messageId;
    const confirmText = button.dataset.confirm;
    if (confirmText && !window.confirm(confirmText)) return;
    let payload = {};
    try { payload = JSON.parse(button.dataset.payload || "{}"); } catch { payload = {}; }
    button.disabled = true;
    try {
      const reply = await api("/playground/api/actions", {
        user: currentUser(),
        messageId,
        actionId: button.dataset.actionId,
        payload,
        inputs: collectInputs(host),
      });
      addReply({ ...reply, updatedBy: button.textContent.trim() });
    } catch (e) {
      button.disabled = false;
      addError(e);
    }
  });

  viewSelect.addEventListener("change", () => {
    for (const entry of messages.values()) renderReply(entry.element, entry.reply);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    ask(text);
  });

  function connectEvents() {
    const source = new EventSource(`/playground/api/events?user=${encodeURIComponent(currentUser())}`);
    source.addEventListener("card", (event) => addReply(JSON.parse(event.data)));
    return source;
  }

  async function start() {
    const setup = await api("/playground/api/setup");
    for (const user of setup.users) {
      const option = document.createElement("option");
      option.value = user.id;
      option.textContent = user.label;
      userSelect.appendChild(option);
    }
    for (const example of setup.examples) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = example;
      button.addEventListener("click", () => ask(example));
      examples.appendChild(button);
    }
    let events = connectEvents();
    userSelect.addEventListener("change", () => { events.close(); events = connectEvents(); });
    input.focus();
  }

  start().catch(addError);
})();
