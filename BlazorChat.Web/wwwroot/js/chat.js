// Browser-side helpers for BlazorChat. Loaded once per page, after blazor.web.js.
(() => {
  "use strict";

  // Enter sends, Shift+Enter starts a new line (and IME composition is left alone). While the
  // composer offers mentions (data-suggesting), the arrow keys, Enter, Tab and Escape belong to
  // the suggestion list, which the component drives.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLTextAreaElement) || !target.hasAttribute("data-enter-sends")) return;
    if (target.getAttribute("data-suggesting") === "true"
        && ["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"].includes(event.key) && !event.shiftKey) {
      event.preventDefault();
      return;
    }
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    target.form?.requestSubmit();
  });

  // Files for the composer. "Attach files" opens its hidden file input within the click itself
  // (a browser opens a file chooser only during a user action, so this cannot wait for the
  // server). A drop on the composer or a paste of files fills the same input, and its change
  // event hands them to Blazor's InputFile like a choice made in the chooser.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-opens-file]") : null;
    if (!button || button.disabled) return;
    document.getElementById(button.getAttribute("data-opens-file"))?.click();
  });
  const fileInputOf = (target) => {
    const form = target instanceof Element ? target.closest("form[data-file-input]") : null;
    const input = form ? document.getElementById(form.getAttribute("data-file-input")) : null;
    return input && !input.disabled ? { form, input } : null;
  };
  const handOver = (input, files) => {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  document.addEventListener("dragover", (event) => {
    const target = fileInputOf(event.target);
    if (!target || !carriesFiles(event)) return;
    event.preventDefault();
    target.form.classList.add("dragging");
  });
  document.addEventListener("dragleave", (event) => {
    const target = fileInputOf(event.target);
    if (target && !target.form.contains(event.relatedTarget)) target.form.classList.remove("dragging");
  });
  document.addEventListener("drop", (event) => {
    const target = fileInputOf(event.target);
    if (!target || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    target.form.classList.remove("dragging");
    handOver(target.input, event.dataTransfer.files);
  });
  document.addEventListener("paste", (event) => {
    const target = fileInputOf(event.target);
    const files = event.clipboardData?.files;
    if (!target || !files?.length) return;
    event.preventDefault();
    handOver(target.input, files);
  });

  // Search results: the arrow keys move from the search box into the results and between them;
  // Enter opens the focused one (it is a link). Up from the first result returns to the box.
  document.addEventListener("keydown", (event) => {
    if (!["ArrowDown", "ArrowUp"].includes(event.key) || !(event.target instanceof Element)) return;
    const links = [...document.querySelectorAll("[data-search-results] a.search-result")];
    if (links.length === 0) return;
    const box = document.querySelector("[data-search-box]");
    if (event.target === box) {
      if (event.key !== "ArrowDown") return;
      event.preventDefault();
      links[0].focus();
      return;
    }
    const current = links.indexOf(event.target);
    if (current < 0) return;
    event.preventDefault();
    const next = current + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) box?.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });

  // Menus: the arrow keys, Home and End move between items.
  document.addEventListener("keydown", (event) => {
    const menu = event.target instanceof Element ? event.target.closest("[role=menu]") : null;
    if (!menu || !["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
    const items = [...menu.querySelectorAll("[role=menuitem]:not([disabled])")];
    if (items.length === 0) return;
    event.preventDefault();
    const current = items.indexOf(document.activeElement);
    const next = event.key === "Home" ? 0
      : event.key === "End" ? items.length - 1
      : (current + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next].focus();
  });

  let focusBeforeDialog = null;
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

    focusById: (id) => document.getElementById(id)?.focus(),

    // A dialog opened from a message hands the focus back to its opener when it closes, or to
    // the message box when the opener is gone (a closed menu, a deleted message's actions).
    rememberFocus: () => { focusBeforeDialog = document.activeElement; },
    restoreFocus: (fallbackId) => {
      const opener = focusBeforeDialog;
      focusBeforeDialog = null;
      if (opener?.isConnected && opener !== document.body && !opener.closest("[role=menu]")) opener.focus();
      else document.getElementById(fallbackId)?.focus();
    },

    // The id of the message box below a message: the thread's inside a panel, else the room's.
    composerNear: (element) => {
      const panel = element?.closest(".side-panel");
      return (panel ? panel.querySelector("form.composer textarea") : document.getElementById("composer-input"))?.id ?? null;
    },

    // Focuses a text box with the caret at the end (the message editor).
    focusAtEnd: (element) => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(element.value.length, element.value.length);
    },

    caret: (element) => element ? element.selectionStart ?? element.value.length : 0,

    setCaret: (element, position) => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(position, position);
    },

    // The emoji a person picked last, newest first, kept in this browser per account.
    recentEmoji: (userKey) => {
      try {
        const stored = JSON.parse(localStorage.getItem(`blazorchat.recent-emoji.${userKey}`) ?? "[]");
        return Array.isArray(stored) ? stored.filter((e) => typeof e === "string").slice(0, 24) : [];
      } catch {
        return [];
      }
    },

    rememberEmoji: (userKey, emoji) => {
      try {
        const recent = window.blazorChat.recentEmoji(userKey).filter((e) => e !== emoji);
        localStorage.setItem(`blazorchat.recent-emoji.${userKey}`, JSON.stringify([emoji, ...recent].slice(0, 24)));
      } catch { /* storage full or disabled: the picker still works, without recents */ }
    },

    copyText: async (text) => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },

    // Shows a popover (emoji picker, menu) beside the button that opened it, inside the window,
    // and focuses its first control.
    openPopover: (popover, anchor) => {
      if (!popover) return;
      const margin = 8;
      const box = popover.getBoundingClientRect();
      const at = anchor?.getBoundingClientRect?.() ?? { top: margin, bottom: margin, right: window.innerWidth - margin };
      let top = at.bottom + 4;
      if (top + box.height > window.innerHeight - margin) top = Math.max(margin, at.top - box.height - 4);
      const left = Math.min(Math.max(margin, at.right - box.width), window.innerWidth - box.width - margin);
      popover.style.top = `${top}px`;
      popover.style.left = `${Math.max(margin, left)}px`;
      popover.querySelector("button, input, [tabindex]")?.focus();
    },

    scrollToMessage: (scroller, seq) => {
      const article = scroller?.querySelector(`[data-seq="${seq}"]`);
      if (!article) return;
      article.scrollIntoView({ block: "center" });
      article.focus({ preventScroll: true });
    },

    scrollPanelToEnd: (element) => {
      const body = element?.closest(".side-panel-body");
      if (body) body.scrollTop = body.scrollHeight;
    },

    // Infinite history: tells the timeline when the reader nears the top or the bottom of what is
    // loaded. After each load the timeline asks again (recheckHistory), because an edge that is
    // still in view after a short page reports nothing new by itself.
    watchHistory: (scroller, timeline) => {
      if (!scroller) return;
      scroller.__historyObserver?.disconnect();
      const observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const edge = entry.target.classList.contains("history-top") ? "top" : "bottom";
          timeline.invokeMethodAsync("OnHistoryEdge", edge).catch(() => { /* circuit gone */ });
        }
      }, { root: scroller, rootMargin: "300px 0px" });
      scroller.__historyObserver = observer;
      scroller.querySelectorAll(".history-edge").forEach((edge) => observer.observe(edge));
    },

    recheckHistory: (scroller) => {
      const observer = scroller?.__historyObserver;
      if (!observer) return;
      scroller.querySelectorAll(".history-edge").forEach((edge) => { observer.unobserve(edge); observer.observe(edge); });
    },

    // Keeps the message the reader is looking at in place while messages are added above it or
    // leave the window below it.
    captureAnchor: (scroller) => {
      if (!scroller) return;
      const top = scroller.getBoundingClientRect().top;
      const anchor = [...scroller.querySelectorAll("article[data-seq]")].find((a) => a.getBoundingClientRect().bottom > top);
      scroller.__anchor = anchor ? { seq: anchor.dataset.seq, offset: anchor.getBoundingClientRect().top } : null;
    },

    restoreAnchor: (scroller) => {
      const saved = scroller?.__anchor;
      if (!saved) return;
      scroller.__anchor = null;
      const anchor = scroller.querySelector(`article[data-seq="${saved.seq}"]`);
      if (anchor) scroller.scrollTop += anchor.getBoundingClientRect().top - saved.offset;
    },
  };
})();
