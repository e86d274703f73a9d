namespace BlazorChat.Core.Presence;

public enum PresenceStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
    DoNotDisturb = 3,
}

/// <summary>One open tab or client connection, as its browser last reported it.</summary>
public readonly record struct ConnectionActivity(bool Visible, DateTimeOffset LastActiveAt);

/// <summary>How the connections of one person add up to the status others see.</summary>
public static class PresenceRules
{
    /// <summary>Without input for this long, a person counts as away.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Online while any connection is visible and recently used; away while connected but every
    /// tab is hidden or idle; do not disturb when set by the person (and connected); else offline.
    /// </summary>
    public static PresenceStatus Aggregate(IReadOnlyCollection<ConnectionActivity> connections, bool doNotDisturb, DateTimeOffset now)
    {
        if (connections.Count == 0) return PresenceStatus.Offline;
        if (doNotDisturb) return PresenceStatus.DoNotDisturb;
        return connections.Any(c => c.Visible && now - c.LastActiveAt < IdleAfter) ? PresenceStatus.Online : PresenceStatus.Away;
    }

    /// <summary>
    /// One status from what each node says: do not disturb wins (it is set on the person), then
    /// online on any node, then away; offline only when no node has anything open.
    /// </summary>
    public static PresenceStatus Combine(IEnumerable<PresenceStatus> perNode)
    {
        var combined = PresenceStatus.Offline;
        foreach (var status in perNode)
        {
            if (status == PresenceStatus.DoNotDisturb) return status;
            if (Rank(status) > Rank(combined)) combined = status;
        }
        return combined;

        static int Rank(PresenceStatus status) => status switch { PresenceStatus.Online => 2, PresenceStatus.Away => 1, _ => 0 };
    }

    /// <summary>What others may see, given the person's privacy settings.</summary>
    public static PresenceView Visible(PresenceStatus status, DateTimeOffset? lastSeenAt, bool hideOnlineStatus, bool hideLastSeen) =>
        new(hideOnlineStatus ? PresenceStatus.Offline : status, hideLastSeen ? null : lastSeenAt);
}

/// <summary>A person's presence as others see it.</summary>
public readonly record struct PresenceView(PresenceStatus Status, DateTimeOffset? LastSeenAt)
{
    public static readonly PresenceView Unknown = new(PresenceStatus.Offline, null);
}
