namespace BlazorChat.Core.Events;

/// <summary>
/// This node may have missed news from other nodes (its link to them was down, or another node
/// could not send for a while). Every open view fetches what it is missing by <c>Seq</c>, as after
/// a reconnect. Delivered on this node only (it is not in <see cref="EventTypes"/>).
/// </summary>
public sealed record ResyncRequested(string Reason) : ChatEvent
{
    public override string Topic => Topics.ThisNode;
}

/// <summary>How the link between nodes is doing, for the dashboard.</summary>
public interface IEventBusStatus
{
    /// <summary>"not configured", "connected" or what is wrong.</summary>
    string Redis { get; }

    /// <summary>True when this node shares Redis with others: hub groups then span the nodes (ADR-016).</summary>
    bool IsShared { get; }

    /// <summary>True while this node reaches Redis (always, for a node on its own).</summary>
    bool IsLinked { get; }

    /// <summary>A hub send through Redis failed: once sending works again, every node's views and hub clients resync.</summary>
    void ReportUndelivered();
}

/// <summary>One node on its own: nothing to connect to.</summary>
internal sealed class SingleNodeStatus : IEventBusStatus
{
    public string Redis => "not configured";
    public bool IsShared => false;
    public bool IsLinked => true;
    public void ReportUndelivered() { }
}
