using System.Globalization;
using System.Security;

namespace BlazorChat.Core.Users;

/// <summary>
/// The default profile picture: a person's initials on a colour derived from their id, as SVG
/// made here (the name is XML-escaped; nothing else comes from outside), the same every time.
/// </summary>
public static class Identicon
{
    public static string Svg(Guid userId, string name)
    {
        var hue = Hue(userId);
        var initials = SecurityElement.Escape(Initials(name));
        return string.Create(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><rect width="256" height="256" fill="hsl({hue},45%,42%)"/><text x="128" y="128" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="104" font-weight="600" fill="#fff">{initials}</text></svg>""");
    }

    /// <summary>
    /// The colour's hue, from every byte of the id (FNV-1a): ids are version 7, time-ordered, so
    /// their first bytes are nearly the same for people who joined the same day.
    /// </summary>
    public static int Hue(Guid userId)
    {
        var hash = 2166136261u;
        foreach (var b in userId.ToByteArray()) hash = (hash ^ b) * 16777619u;
        return (int)(hash % 360);
    }

    /// <summary>Up to two letters: first letters of the first two words, or the first two of one word.</summary>
    public static string Initials(string name)
    {
        var words = name.Split([' ', '.', '_', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var letters = words.Length switch
        {
            0 => "?",
            1 => new string([.. words[0].EnumerateRunes().Take(1).SelectMany(r => r.ToString())]),
            _ => string.Concat(words.Take(2).Select(w => w.EnumerateRunes().First().ToString())),
        };
        return letters.ToUpperInvariant();
    }
}
