namespace BlazorChat.Core.Events;

/// <summary>
/// News of a committed change. Published after the transaction commits; carries everything a
/// subscriber needs, so subscribers never look anything up from the publishing thread.
/// </summary>
public abstract record ChatEvent
{
    /// <summary>The topic subscribers listen on (see <see cref="Topics"/>).</summary>
    public abstract string Topic { get; }

    /// <summary>
    /// True when this copy came from another node through Redis: that node already sent it to the
    /// hub's room groups through the SignalR backplane (ADR-016). Never serialized.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool FromOtherNode { get; private init; }

    /// <summary>This event as received from another node.</summary>
    internal ChatEvent AsFromOtherNode() => this with { FromOtherNode = true };
}

/// <summary>Topic names. A room's events go to its viewers; a user's to all of that user's tabs.</summary>
public static class Topics
{
    public static string Room(Guid roomId) => $"room:{roomId:N}";
    public static string User(Guid userId) => $"user:{userId:N}";
    public static string Presence(Guid userId) => $"presence:{userId:N}";
    public const string Directory = "directory";

    /// <summary>Moderation news (the report queue) for the moderators' pages.</summary>
    public const string Moderation = "moderation";

    /// <summary>Site-wide settings changed; every node reloads them.</summary>
    public const string Site = "site";

    /// <summary>Presence reports and heartbeats that nodes send one another.</summary>
    public const string Nodes = "nodes";

    /// <summary>Subscribes to every event delivered on this node, whatever its topic (for the hub's room groups, ADR-016).</summary>
    public const string Every = "*";

    /// <summary>The room whose topic <paramref name="topic"/> is; false for any other topic.</summary>
    public static bool TryGetRoom(string topic, out Guid roomId)
    {
        roomId = default;
        return topic.StartsWith("room:", StringComparison.Ordinal) && Guid.TryParseExact(topic.AsSpan(5), "N", out roomId);
    }

    /// <summary>News for this node's own views only (never sent to other nodes).</summary>
    public const string ThisNode = "this-node";
}
