using BlazorChat.Core.Common;

namespace BlazorChat.Core.Users;

/// <summary>What a display name, a bio and a time zone may be. Each check throws the message for the person, keyed by field.</summary>
public static class ProfileRules
{
    public const int DisplayNameMaxLength = 64;
    public const int BioMaxLength = 300;
    public const int TimeZoneMaxLength = 64;

    /// <summary>The trimmed display name: 1–64 characters, no control characters.</summary>
    public static string DisplayName(string? value)
    {
        var name = (value ?? "").Trim();
        if (name.Length == 0) throw new ChatValidationException("DisplayName", "Enter a display name.");
        if (name.Length > DisplayNameMaxLength) throw new ChatValidationException("DisplayName", $"A display name has at most {DisplayNameMaxLength} characters.");
        if (name.Any(char.IsControl)) throw new ChatValidationException("DisplayName", "A display name cannot contain line breaks or control characters.");
        return name;
    }

    /// <summary>The trimmed bio, or null when empty: at most 300 characters; line breaks are kept, other control characters refused.</summary>
    public static string? Bio(string? value)
    {
        var bio = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (bio.Length == 0) return null;
        if (bio.Length > BioMaxLength) throw new ChatValidationException("Bio", $"A bio has at most {BioMaxLength} characters (this one has {bio.Length:N0}).");
        if (bio.Any(c => char.IsControl(c) && c != '\n')) throw new ChatValidationException("Bio", "A bio cannot contain control characters.");
        return bio;
    }

    /// <summary>
    /// An IANA time zone id this server knows ("Europe/Berlin", "America/New_York", "UTC"), or
    /// null for none. Windows ids are refused so that every reader (and the browser) can convert it.
    /// </summary>
    public static string? TimeZone(string? value, string field = "TimeZone")
    {
        var id = (value ?? "").Trim();
        if (id.Length == 0) return null;
        if (id.Length <= TimeZoneMaxLength && TryFind(id) is not null) return id;
        throw new ChatValidationException(field, $"“{Shorten(id)}” is not a time zone. Choose one from the list, for example Europe/Berlin.");
    }

    /// <summary>The zone of an IANA id, or null when it is unknown here or not an IANA id.</summary>
    public static TimeZoneInfo? TryFind(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId)
        && System.TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone)
        && zone.HasIanaId
            ? zone
            : null;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
