using System.Text;

namespace BlazorChat.Core.Rooms;

/// <summary>Makes URL slugs from room names: lowercase a–z, 0–9 and single hyphens.</summary>
public static class SlugRules
{
    public static string FromName(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > Room.SlugMaxLength - 8) result = result[..(Room.SlugMaxLength - 8)].TrimEnd('-');
        return result.Length == 0 ? "room" : result;
    }
}
