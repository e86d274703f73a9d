using System.Globalization;
using System.Text;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// The name a person gave a file is kept only as display text: never as a path, never trusted.
/// It loses folders, control and bidirectional-override characters (which can disguise
/// <c>exe.txt</c> as <c>txt.exe</c>) and characters that file systems or headers treat specially.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 255;

    public static string Sanitize(string? name)
    {
        name = (name ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(name.Length);
        // Runes: a broken surrogate becomes U+FFFD instead of corrupting the text.
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse) continue;
            if (rune.Value is '"' or ':' or '*' or '?' or '<' or '>' or '|') clean.Append('_');
            else clean.Append(rune.ToString());
        }
        var result = clean.ToString().Trim().TrimStart('.').Trim();
        if (result.Length > MaxLength)
        {
            var extension = Path.GetExtension(result);
            if (extension.Length > 16) extension = "";
            var stem = result[..(MaxLength - extension.Length)];
            if (char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
            result = stem + extension;
        }
        return result.Length == 0 ? "file" : result;
    }
}
