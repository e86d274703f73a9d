// Starts Blazor (App.razor loads blazor.web.js with autostart="false"; the CSP allows no inline
// script) with a short reconnect backoff, and drives the reconnect bar of
// Components/Shared/ReconnectNotice.razor from .NET 10's components-reconnect-state-changed event.
(() => {
  // 0.5 s, 1 s, 2 s, then every 3 s: about six minutes before the script gives up ("failed"),
  // after which this file keeps trying every 5 s and whenever the tab comes back into view.
  const firstDelays = [500, 1000, 2000];
  const maxRetries = 120;
  const laterDelay = 3000;
  const failedDelay = 5000;

  let retryTimer = null;
  const stopRetrying = () => {
    if (retryTimer) { clearInterval(retryTimer); retryTimer = null; }
    document.removeEventListener("visibilitychange", retryWhenVisible);
  };

  // The server is back but no longer knows this circuit (it restarted, or the tab moved to
  // another node): resume from persisted state if it has any, else reload, so a new circuit loads
  // what was missed.
  const resumeOrReload = async () => {
    try {
      if (await Blazor.resumeCircuit()) return;
    } catch { /* nothing to resume */ }
    location.reload();
  };

  async function retry() {
    try {
      const reconnected = await Blazor.reconnect();
      stopRetrying();
      if (!reconnected) await resumeOrReload();
    } catch { /* the server is still away; the next tick tries again */ }
  }

  function retryWhenVisible() {
    if (document.visibilityState === "visible") retry();
  }

  function onStateChanged(event) {
    const notice = event.target;
    const state = event.detail?.state;
    notice.dataset.state = state;
    notice.classList.toggle("reconnect-visible", state !== "hide");
    if (state === "failed") {
      if (!retryTimer) {
        retryTimer = setInterval(retry, failedDelay);
        document.addEventListener("visibilitychange", retryWhenVisible);
      }
      return;
    }
    stopRetrying();
    if (state === "rejected" || state === "resume-failed") location.reload();
    else if (state === "paused") resumeOrReload();
  }

  // Capture on the document: the event does not bubble, and enhanced navigation may replace the element.
  document.addEventListener("components-reconnect-state-changed", onStateChanged, true);
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-reconnect-retry]")) retry();
  });

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries,
        retryIntervalMilliseconds: (previousAttempts) =>
          previousAttempts >= maxRetries ? null : firstDelays[previousAttempts] ?? laterDelay,
      },
    },
  });
})();
