using BlazorChat.Core.Users;

namespace BlazorChat.Web.Components.Layout.Theme;

/// <summary>
/// The theme this page shows, per circuit (or per static request): set from the account or the
/// browser's cookie before the first render, changed live from Settings or another tab.
/// </summary>
public sealed class ThemeState
{
    private ThemePreference? _current;

    /// <summary>The theme in force; <see cref="ThemePreference.System"/> until something says otherwise.</summary>
    public ThemePreference Current => _current ?? ThemePreference.System;

    /// <summary>Raised after <see cref="Current"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Sets the theme the page was rendered with, once.</summary>
    public void Initialize(ThemePreference theme) => _current ??= theme;

    /// <summary>Switches the theme and tells the layout.</summary>
    public void Set(ThemePreference theme)
    {
        if (_current == theme) return;
        _current = theme;
        Changed?.Invoke();
    }

    /// <summary>The name theme.js, the cookie and the <c>data-theme</c> attribute use.</summary>
    public static string NameOf(ThemePreference theme) => theme switch
    {
        ThemePreference.Light => "light",
        ThemePreference.Dark => "dark",
        _ => "system",
    };

    /// <summary>Reads the cookie theme.js writes; anything else is the system theme.</summary>
    public static ThemePreference Parse(string? name) => name switch
    {
        "light" => ThemePreference.Light,
        "dark" => ThemePreference.Dark,
        _ => ThemePreference.System,
    };
}
