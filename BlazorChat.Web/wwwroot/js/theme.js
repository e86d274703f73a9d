// The colour theme: light, dark or system. The server renders both Radzen stylesheets with media
// queries that select the right one before the first paint; switching only rewrites those media
// queries (no reload, no flash) and remembers the choice in a cookie for pages rendered before
// sign-in. The account keeps the choice itself; see PreferencesFollower.
(() => {
  "use strict";
  const media = {
    light: { light: "all", dark: "not all" },
    dark: { light: "not all", dark: "all" },
    system: { light: "not all and (prefers-color-scheme: dark)", dark: "(prefers-color-scheme: dark)" },
  };
  window.blazorChatTheme = {
    apply(theme) {
      const choice = media[theme] ? theme : "system";
      for (const link of document.querySelectorAll("link[data-theme-variant]")) {
        link.setAttribute("media", media[choice][link.getAttribute("data-theme-variant")]);
      }
      document.documentElement.setAttribute("data-theme", choice);
      document.cookie = `blazorchat-theme=${choice}; path=/; max-age=31536000; samesite=lax`;
    },
  };
})();
