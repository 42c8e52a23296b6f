// Live pages: new updates appear without reloading. Progressive enhancement: without this file the
// baked page shows every update up to the last publish, and a reload shows the rest.
// Server-Sent Events first; if the stream cannot be opened, the page asks for new updates every few
// seconds instead. Every event has an id, so nothing is shown twice and nothing is missed on reconnect.
(() => {
  const root = document.querySelector("[data-live-coverage]");
  if (!root || root.hasAttribute("data-ended")) return;
  const list = root.querySelector("[data-live-updates]");
  const pinnedBox = root.querySelector("[data-live-pinned]");
  const status = root.querySelector("[data-live-status]");
  const POLL_MS = 5000;
  let last = Number(root.dataset.lastEvent || 0);
  let source = null;
  let pollTimer = null;
  let failures = 0;
  let ended = false;

  function element(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function showPinned(node, pinned) {
    const current = pinnedBox.querySelector(`[data-update="${node.dataset.update}"]`);
    if (pinned) {
      const copy = node.cloneNode(true);
      copy.id = `pinned-${node.id}`;
      pinnedBox.replaceChildren(copy);
      pinnedBox.hidden = false;
    } else if (current) {
      pinnedBox.replaceChildren();
      pinnedBox.hidden = true;
    }
  }

  function end(html) {
    ended = true;
    if (source) source.close();
    clearTimeout(pollTimer);
    if (status && html) status.replaceWith(element(html));
    for (const badge of root.querySelectorAll(".live__header .badge--live")) badge.remove();
    root.setAttribute("data-ended", "");
  }

  function apply(id, data) {
    if (id <= last) return;
    last = id;
    root.dataset.lastEvent = String(id);
    if (data.kind === "ended") return end(data.html);
    const node = element(data.html);
    const existing = list.querySelector(`[data-update="${data.update}"]`);
    if (existing) {
      existing.replaceWith(node);
    } else {
      list.querySelector("[data-live-empty]")?.remove();
      node.classList.add("live-update--new");
      list.prepend(node);
      if (status) status.textContent = `New update at ${node.querySelector("time")?.textContent ?? "just now"}.`;
    }
    showPinned(node, data.pinned);
  }

  async function poll() {
    if (ended) return;
    try {
      const response = await fetch(`${root.dataset.pollUrl}?after=${last}`, { cache: "no-store", credentials: "omit" });
      if (response.ok) {
        const data = await response.json();
        for (const event of data.events) apply(event.id, event);
        if (!data.live && !ended) end(null);
      }
    } catch {
      // Offline for a moment: the next poll catches up.
    }
    if (!ended) pollTimer = setTimeout(poll, POLL_MS);
  }

  function startPolling() {
    if (source) source.close();
    source = null;
    clearTimeout(pollTimer);
    poll();
  }

  if (!("EventSource" in window)) return startPolling();
  source = new EventSource(`${root.dataset.eventsUrl}?after=${last}`);
  source.addEventListener("open", () => { failures = 0; });
  source.addEventListener("live", (event) => {
    failures = 0;
    try {
      apply(Number(event.lastEventId), JSON.parse(event.data));
    } catch {
      // A malformed event is skipped; the next poll or reconnect brings the page up to date.
    }
  });
  source.addEventListener("error", () => {
    // CLOSED: the server refused the stream; CONNECTING: the browser retries (give up after a few tries).
    failures += 1;
    if (source.readyState === EventSource.CLOSED || failures >= 3) startPolling();
  });
})();
