// Browser-side helpers for BlazorChat. Loaded once per page, after blazor.web.js.
(() => {
  "use strict";

  // Enter sends, Shift+Enter starts a new line (and IME composition is left alone).
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLTextAreaElement) || !target.hasAttribute("data-enter-sends")) return;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    target.form?.requestSubmit();
  });

  // Reconnection: when the server no longer knows this circuit (it restarted, or the tab moved
  // to another node), reload so a new circuit loads what was missed; while the server is away,
  // keep trying instead of waiting for a click.
  const watchReconnect = () => {
    const notice = document.getElementById("components-reconnect-modal");
    if (!notice) return;
    let retryTimer = null;
    const stopRetrying = () => { if (retryTimer) { clearInterval(retryTimer); retryTimer = null; } };
    new MutationObserver(() => {
      if (notice.classList.contains("components-reconnect-rejected")) {
        stopRetrying();
        location.reload();
      } else if (notice.classList.contains("components-reconnect-failed")) {
        if (retryTimer) return;
        retryTimer = setInterval(async () => {
          try {
            const resumed = await window.Blazor.reconnect();
            if (resumed === false) { stopRetrying(); location.reload(); }
            else if (resumed) stopRetrying();
          } catch { /* server still away; try again */ }
        }, 3000);
      } else {
        stopRetrying();
      }
    }).observe(notice, { attributes: true, attributeFilter: ["class"] });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchReconnect);
  else watchReconnect();

  window.blazorChat = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,

    // Remembers, on every scroll, whether the list is at (or near) its end; new messages then
    // follow only a reader who was there. Kept in the page so that showing a message never waits
    // for a round trip to the browser.
    trackEnd: (element) => {
      if (!element || element.dataset.tracked) return;
      element.dataset.tracked = "1";
      const update = () => { element.dataset.atEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 80 ? "1" : "0"; };
      element.addEventListener("scroll", update, { passive: true });
      update();
    },

    followIfAtEnd: (element) => {
      if (element && element.dataset.atEnd !== "0") element.scrollTop = element.scrollHeight;
    },

    scrollToEnd: (element) => { if (element) element.scrollTop = element.scrollHeight; },

    // Keeps the visible messages in place when older ones are inserted above them.
    keepPosition: (element, previousHeight) => {
      if (element) element.scrollTop += element.scrollHeight - previousHeight;
    },

    scrollHeight: (element) => element ? element.scrollHeight : 0,

    focus: (element) => element?.focus(),
  };
})();
