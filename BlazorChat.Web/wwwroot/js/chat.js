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

    // True when the element is scrolled to (or near) its end, so new messages should follow.
    isNearEnd: (element) => !element || element.scrollHeight - element.scrollTop - element.clientHeight < 80,

    scrollToEnd: (element) => { if (element) element.scrollTop = element.scrollHeight; },

    // Keeps the visible messages in place when older ones are inserted above them.
    keepPosition: (element, previousHeight) => {
      if (element) element.scrollTop += element.scrollHeight - previousHeight;
    },

    scrollHeight: (element) => element ? element.scrollHeight : 0,

    focus: (element) => element?.focus(),
  };
})();
