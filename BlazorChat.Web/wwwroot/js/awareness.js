// What the server cannot see for itself: whether this tab is visible and focused, whether the
// person is using it, and the browser's own notification and title surfaces.
(() => {
  "use strict";
  const ACTIVITY_REPORT_INTERVAL_MS = 60_000;

  let listener = null;       // DotNetObjectReference of the circuit's ViewerActivity
  let lastActivityReport = 0;

  let unreadPrefix = "";
  let titleObserver = null;
  const applyTitlePrefix = () => {
    const bare = document.title.replace(/^\(\d+\+?\) /, "");
    const wanted = unreadPrefix + bare;
    if (document.title !== wanted) document.title = wanted;
  };

  const state = () => ({
    visible: document.visibilityState === "visible",
    focused: document.hasFocus(),
  });

  const report = (active) => {
    if (!listener) return;
    const { visible, focused } = state();
    listener.invokeMethodAsync("Report", visible, focused, active).catch(() => { /* circuit gone */ });
  };

  const onActivity = () => {
    const now = Date.now();
    if (now - lastActivityReport < ACTIVITY_REPORT_INTERVAL_MS) return;
    lastActivityReport = now;
    report(true);
  };

  const onChange = () => report(document.visibilityState === "visible");

  window.blazorChatAwareness = {
    start(dotNetListener) {
      listener = dotNetListener;
      document.addEventListener("visibilitychange", onChange);
      window.addEventListener("focus", onChange);
      window.addEventListener("blur", onChange);
      for (const type of ["pointerdown", "keydown", "wheel", "touchstart"]) {
        window.addEventListener(type, onActivity, { passive: true });
      }
      lastActivityReport = Date.now();
      return state();
    },

    stop() {
      listener = null;
    },

    // Keeps "(N) " in front of whatever title the page sets, also after navigation.
    setUnreadCount(count) {
      unreadPrefix = count <= 0 ? "" : count >= 1000 ? "(999+) " : `(${count}) `;
      applyTitlePrefix();
      if (!titleObserver) {
        const head = document.head;
        titleObserver = new MutationObserver(applyTitlePrefix);
        titleObserver.observe(head, { subtree: true, childList: true, characterData: true });
      }
    },

    notificationPermission() {
      return "Notification" in window ? Notification.permission : "unsupported";
    },

    async requestNotificationPermission() {
      if (!("Notification" in window)) return "unsupported";
      return await Notification.requestPermission();
    },

    // The person's own choices, kept in this browser.
    soundEnabled: () => localStorage.getItem("blazorchat.notify.sound") === "on",
    setSound: (on) => localStorage.setItem("blazorchat.notify.sound", on ? "on" : "off"),
    promptDismissed: () => localStorage.getItem("blazorchat.notify.prompt") === "dismissed",
    dismissPrompt: () => localStorage.setItem("blazorchat.notify.prompt", "dismissed"),

    notify(title, body, url) {
      const withSound = localStorage.getItem("blazorchat.notify.sound") === "on";
      if (!("Notification" in window) || Notification.permission !== "granted") return;
      const notification = new Notification(title, { body, tag: url });
      notification.onclick = () => { window.focus(); if (url) location.assign(url); notification.close(); };
      if (withSound) {
        try {
          const context = new AudioContext();
          const tone = context.createOscillator();
          const gain = context.createGain();
          tone.frequency.value = 880;
          gain.gain.setValueAtTime(0.08, context.currentTime);
          gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.25);
          tone.connect(gain).connect(context.destination);
          tone.start();
          tone.stop(context.currentTime + 0.25);
        } catch { /* sound is optional */ }
      }
    },
  };
})();
