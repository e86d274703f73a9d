namespace BlazorChat.Web.Components.Messages;

/// <summary>The ":name" being typed at the caret: where the colon is and what follows it.</summary>
public sealed record EmojiQuery(int Colon, int End, string Prefix)
{
    /// <summary>Suggestions start after this many letters (":d" would offer half the table).</summary>
    public const int MinPrefix = 2;

    private const int MaxPrefix = 32;

    /// <summary>
    /// The shortcode being typed when the caret is at <paramref name="caret"/>, or null. The colon
    /// counts at the start or after a space or an opening bracket, so "10:30" and "http://" do not.
    /// </summary>
    public static EmojiQuery? Find(string text, int caret)
    {
        if (caret < 0 || caret > text.Length) return null;
        var start = caret;
        while (start > 0 && IsNameChar(text[start - 1]) && caret - start < MaxPrefix) start--;
        if (start == 0 || text[start - 1] != ':' || caret - start < MinPrefix) return null;
        var colon = start - 1;
        if (colon > 0 && !(char.IsWhiteSpace(text[colon - 1]) || text[colon - 1] is '(' or '[' or '"' or '\'')) return null;
        return new EmojiQuery(colon, caret, text[start..caret]);
    }

    /// <summary><paramref name="text"/> with this query replaced by <paramref name="emoji"/> and a space, and where the caret goes.</summary>
    public (string Text, int Caret) Complete(string text, string emoji)
    {
        var inserted = $"{emoji} ";
        // A closing colon typed already belongs to the shortcode.
        var end = End < text.Length && text[End] == ':' ? End + 1 : End;
        var rest = end < text.Length && text[end] == ' ' ? text[(end + 1)..] : text[end..];
        return (text[..Colon] + inserted + rest, Colon + inserted.Length);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-';
}
