using System.Text.RegularExpressions;

namespace BlazorChat.Core.Users;

/// <summary>Usernames are 3–32 characters of a–z, 0–9, underscore, dot and hyphen, compared without case.</summary>
public static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const string AllowedCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

    [GeneratedRegex("^[a-z0-9_.-]{3,32}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Returns a message for the person, or null when the name is acceptable.</summary>
    public static string? Check(string? username)
    {
        if (string.IsNullOrWhiteSpace(username)) return "Choose a username.";
        if (username.Length is < MinLength or > MaxLength)
            return $"A username has {MinLength} to {MaxLength} characters.";
        if (!Pattern().IsMatch(username))
            return "A username may contain only letters a–z, digits, underscore, dot and hyphen.";
        return null;
    }
}
