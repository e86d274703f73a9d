namespace BlazorChat.Core.Typing;

/// <summary>
/// Who is typing in one room, as one viewer sees it: names expire <see cref="Expiry"/> after the
/// last news, and the viewer's own typing is never shown.
/// </summary>
public sealed class TypingIndicatorState(Guid viewerId)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(6);

    private readonly Dictionary<Guid, (string Name, DateTimeOffset Until)> _typists = [];

    /// <summary>Applies news; returns true when the shown text may have changed.</summary>
    public bool Apply(UserTyping typing, DateTimeOffset now)
    {
        if (typing.UserId == viewerId) return false;
        if (!typing.IsTyping) return _typists.Remove(typing.UserId);
        _typists[typing.UserId] = (typing.DisplayName, now + Expiry);
        return true;
    }

    /// <summary>Someone who sent a message is no longer typing.</summary>
    public bool Forget(Guid userId) => _typists.Remove(userId);

    /// <summary>Drops expired entries; returns true when any went.</summary>
    public bool Expire(DateTimeOffset now)
    {
        var expired = _typists.Where(t => t.Value.Until <= now).Select(t => t.Key).ToList();
        foreach (var id in expired) _typists.Remove(id);
        return expired.Count > 0;
    }

    /// <summary>When the next entry expires, or null when nobody is typing.</summary>
    public DateTimeOffset? NextExpiry => _typists.Count == 0 ? null : _typists.Values.Min(t => t.Until);

    /// <summary>"Alice is typing…", "Alice and Bob are typing…", "Several people are typing…", or null.</summary>
    public string? Describe()
    {
        var names = _typists.Values.OrderBy(t => t.Until).Select(t => t.Name).ToList();
        return names.Count switch
        {
            0 => null,
            1 => $"{names[0]} is typing…",
            2 => $"{names[0]} and {names[1]} are typing…",
            _ => "Several people are typing…",
        };
    }
}
