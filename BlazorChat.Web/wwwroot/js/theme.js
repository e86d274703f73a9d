// The colour theme: light, dark or system. The server renders MudBlazor's palette for the theme it
// knows (the account's, or this cookie's before sign-in), so the page is painted right at once; for
// "system" the dark palette sits behind a prefers-color-scheme media query (ChatThemeProvider).
// A switch is live: the circuit re-renders the palette (ThemeState.Set) and apply() sets the
// data-theme attribute (color-scheme of native controls and scrollbars) and remembers the choice in
// a cookie for pages rendered before sign-in. The account keeps the choice itself; other tabs
// follow through PreferencesFollower. While Radzen's two stylesheets are still on the page, apply()
// also rewrites their media queries to the same choice.
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
