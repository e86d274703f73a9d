namespace BlazorChat.Web.Components.Messages;

/// <summary>The "@name" being typed at the caret: where it starts and what has been typed after "@".</summary>
public sealed record MentionQuery(int At, int End, string Prefix)
{
    private const int MaxPrefix = 32;

    /// <summary>
    /// The mention being typed when the caret is at <paramref name="caret"/>, or null. An "@" counts
    /// at the start or after a space or punctuation, not inside a word (an email address).
    /// </summary>
    public static MentionQuery? Find(string text, int caret)
    {
        if (caret < 0 || caret > text.Length) return null;
        var start = caret;
        while (start > 0 && IsNameChar(text[start - 1]) && caret - start < MaxPrefix) start--;
        if (start == 0 || text[start - 1] != '@') return null;
        var at = start - 1;
        if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '.' or '-' or '@' or '/')) return null;
        return new MentionQuery(at, caret, text[start..caret]);
    }

    /// <summary><paramref name="text"/> with this query replaced by <c>@username </c>, and where the caret goes.</summary>
    public (string Text, int Caret) Complete(string text, string username)
    {
        var inserted = $"@{username} ";
        var rest = End < text.Length && text[End] == ' ' ? text[(End + 1)..] : text[End..];
        return (text[..At] + inserted + rest, At + inserted.Length);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
