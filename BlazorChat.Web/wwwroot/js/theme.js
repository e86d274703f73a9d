// The colour theme: light, dark or system. The server renders MudBlazor's palette for the theme it
// knows (the account's, or this cookie's before sign-in), so the page is painted right at once; for
// "system" the dark palette sits behind a prefers-color-scheme media query (ChatThemeProvider).
// A switch is live: the circuit re-renders the palette (ThemeState.Set) and apply() sets the
// data-theme attribute (color-scheme of native controls and scrollbars) and remembers the choice in
// a cookie for pages rendered before sign-in. The account keeps the choice itself; other tabs
// follow through PreferencesFollower.
(() => {
  "use strict";
  const choices = ["light", "dark", "system"];
  window.blazorChatTheme = {
    apply(theme) {
      const choice = choices.includes(theme) ? theme : "system";
      document.documentElement.setAttribute("data-theme", choice);
      document.cookie = `blazorchat-theme=${choice}; path=/; max-age=31536000; samesite=lax`;
    },
  };
})();
