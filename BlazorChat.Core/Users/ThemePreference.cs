namespace BlazorChat.Core.Users;

/// <summary>The colour scheme a person wants; <see cref="System"/> follows the device's light or dark setting.</summary>
public enum ThemePreference
{
    System = 0,
    Light = 1,
    Dark = 2,
}
