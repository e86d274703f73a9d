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
}

/// <summary>One node on its own: nothing to connect to.</summary>
internal sealed class SingleNodeStatus : IEventBusStatus
{
    public string Redis => "not configured";
}
