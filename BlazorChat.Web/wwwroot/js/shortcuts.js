// Keyboard shortcuts of the signed-in app. Loaded once per page, after chat.js; one set of
// listeners for the page's whole life. The layout's KeyboardShortcuts component registers a
// DotNetObjectReference for what needs the server (the quick switcher, the shortcuts dialog);
// everything else works on the page as it stands, through the same controls a mouse would use.
(() => {
  "use strict";

  let shortcuts = null;
  let returnFocusTo = null;

  const isTextInput = (element) => element instanceof HTMLElement
    && (element.isContentEditable || element.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select"));
  const rememberFocus = () => { returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null; };
  const plain = (event) => !event.ctrlKey && !event.metaKey && !event.altKey;
  const call = (method) => shortcuts?.invokeMethodAsync(method).catch(() => { /* circuit gone */ });

  // Once the room at `path` shows its composer, focus it (after a keyboard switch of rooms, the
  // next thing a person does is write). Gives up after a few seconds.
  const focusComposerOf = (path) => {
    const deadline = performance.now() + 5000;
    const tick = () => {
      const box = document.getElementById("composer-input");
      if (box && !box.disabled && location.pathname.endsWith(path)) { box.focus(); return; }
      if (performance.now() < deadline) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };

  // Alt+Up/Down: the room above or below in the sidebar; with Shift, the next room with news.
  const moveRoom = (by, withNewsOnly) => {
    const links = [...document.querySelectorAll('nav[aria-label="Rooms"] a.room-link')];
    if (links.length === 0) return;
    let current = links.findIndex((link) => link.classList.contains("active"));
    if (current < 0) current = by > 0 ? -1 : links.length;
    for (let step = 1; step <= links.length; step++) {
      const index = ((current + by * step) % links.length + links.length) % links.length;
      const link = links[index];
      if (index === current) return;
      if (withNewsOnly && !link.classList.contains("has-news")) continue;
      link.click();
      focusComposerOf(new URL(link.href).pathname);
      return;
    }
  };

  // Up in an empty message box edits one's own last message there (the room's, or the thread's).
  const editLastMessage = (box) => {
    const panel = box.closest(".side-panel");
    const scope = panel ? panel.querySelector(".thread-replies") : document.querySelector('[role=log][aria-label="Messages"]');
    const edits = scope ? scope.querySelectorAll('article .message-actions button[aria-label="Edit message"]:not([disabled])') : [];
    if (edits.length === 0) return false;
    edits[edits.length - 1].click();
    return true;
  };

  // The frame in which focus moves into a drawer that just opened; closing it before then cancels that.
  let drawerFocus = 0;

  // What Esc closes when nothing closer to the focus took it: the rooms drawer, else the side panel.
  const closeNearest = (target) => {
    // A keyboard dialog closes itself once focus is inside it; Esc pressed before that closes it here.
    const dialog = document.querySelector("[data-keyboard-dialog]");
    if (dialog && !(target instanceof Node && dialog.contains(target))) {
      document.querySelector(".keyboard-backdrop")?.click();
      return true;
    }
    // MudBlazor's dialogs and open popovers (menus, pickers), our own menus and the inline editor close themselves.
    if (document.querySelector(".mud-dialog-container, .mud-popover-open, .emoji-picker, .actions-menu, .account-menu-list, [data-keyboard-dialog]")) return false;
    const drawer = document.querySelector(".app-shell.nav-open [data-drawer-toggle]");
    if (drawer) { cancelAnimationFrame(drawerFocus); drawer.click(); drawer.focus(); return true; }
    const close = document.querySelector(".side-panel-close");
    if (close) { close.click(); return true; }
    return false;
  };

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const key = event.key;

    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && key.toLowerCase() === "k") {
      event.preventDefault();
      // Letters typed before the switcher is up must not land in the message box.
      if (!document.querySelector("[data-keyboard-dialog]")) {
        rememberFocus();
        if (isTextInput(document.activeElement)) document.activeElement.blur();
      }
      call("OpenSwitcher");
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && (key === "ArrowUp" || key === "ArrowDown")) {
      event.preventDefault();
      moveRoom(key === "ArrowDown" ? 1 : -1, event.shiftKey);
      return;
    }
    if (event.defaultPrevented || event.isComposing) return;

    // Inside the quick switcher: the arrows move the highlight (not the caret), Tab stays in it.
    if (target instanceof Element && target.closest("[data-keyboard-dialog]")) {
      if (target.matches("[role=combobox]") && (key === "ArrowUp" || key === "ArrowDown")) event.preventDefault();
      if (key === "Tab") {
        const focusable = [...target.closest("[data-keyboard-dialog]").querySelectorAll("input, button, [tabindex='0']")];
        const at = focusable.indexOf(target);
        const next = focusable[(at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length];
        event.preventDefault();
        next?.focus();
      }
      return;
    }

    if (key === "ArrowUp" && plain(event) && !event.shiftKey && target instanceof HTMLTextAreaElement
        && target.closest("form.composer") && target.value === "" && target.getAttribute("data-suggesting") !== "true") {
      if (editLastMessage(target)) event.preventDefault();
      return;
    }
    if (key === "Escape" && plain(event) && !(target instanceof Element && target.closest(".message-editor"))) {
      if (closeNearest(target)) event.preventDefault();
      return;
    }
    if (key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTextInput(target)) {
      event.preventDefault();
      if (!document.querySelector("[data-keyboard-dialog]")) rememberFocus();
      call("ShowShortcuts");
    }
  });

  // Arrow keys between the emoji of a picker's grid (six to a row).
  document.addEventListener("keydown", (event) => {
    const grid = event.target instanceof Element ? event.target.closest("[data-emoji-grid]") : null;
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -6, ArrowDown: 6 };
    if (!grid || !(event.key in moves) || !plain(event)) return;
    const buttons = [...grid.querySelectorAll("button")];
    const at = buttons.indexOf(event.target);
    const next = buttons[at + moves[event.key]];
    if (at < 0 || !next) return;
    event.preventDefault();
    next.focus();
  });

  window.blazorChatShortcuts = {
    register: (reference) => { shortcuts = reference; },
    unregister: (reference) => { if (shortcuts === reference) shortcuts = null; },

    // A dialog opened by a shortcut gives focus back to where it was when it closes.
    restoreFocus: () => {
      const element = returnFocusTo;
      returnFocusTo = null;
      if (element && element.isConnected && !element.disabled) element.focus();
      else document.getElementById("composer-input")?.focus();
    },
    focusComposerOf,

    // Focus moves into a drawer that opens: to the current room, else to its first control.
    // Esc may close the drawer before that frame: then focus stays on the drawer's button.
    focusFirstIn: (selector) => {
      cancelAnimationFrame(drawerFocus);
      drawerFocus = requestAnimationFrame(() => {
        const container = document.querySelector(selector);
        (container?.querySelector("a.active") ?? container?.querySelector("a, button"))?.focus();
      });
    },
  };
})();
