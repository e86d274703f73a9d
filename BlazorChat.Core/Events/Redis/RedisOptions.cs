namespace BlazorChat.Core.Events.Redis;

/// <summary>Section <c>Redis</c>: set <see cref="Connection"/> to run several nodes that share their news.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or <c>host:6379,password=…</c>. Unset: one node, in-process bus only.</summary>
    public string? Connection { get; set; }

    /// <summary>The pub/sub channel the nodes of one installation share.</summary>
    public string Channel { get; set; } = "blazorchat:events";
}
