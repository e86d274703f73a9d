using BlazorChat.Core.Events;
using BlazorChat.Core.Presence;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorChat.Tests.Presence;

/// <summary>
/// Two nodes' trackers hear each other's reports (here over one in-process bus, as the Redis bus
/// delivers them): a person is online while a tab is open on any node, and the people of a node
/// that stops sending heartbeats go offline once it has been silent for the limit.
/// </summary>
public sealed class PresenceAcrossNodes(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private sealed class Nodes : IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public Nodes(ChatTestHost host)
        {
            var bus = new InMemoryEventBus(NullLogger<InMemoryEventBus>.Instance);
            A = new PresenceTracker(host.DbFactory, bus, Clock, NullLogger<PresenceTracker>.Instance, new NodeIdentity("node-a"));
            B = new PresenceTracker(host.DbFactory, bus, Clock, NullLogger<PresenceTracker>.Instance, new NodeIdentity("node-b"));
            _subscriptions.Add(bus.Subscribe(Topics.Nodes, A.OnNodeNewsAsync));
            _subscriptions.Add(bus.Subscribe(Topics.Nodes, B.OnNodeNewsAsync));
        }

        public ManualClock Clock { get; } = new();
        public PresenceTracker A { get; }
        public PresenceTracker B { get; }

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_person_is_online_everywhere_while_a_tab_is_open_on_any_node()
    {
        var alice = await Host.CreateUserAsync("alice");
        using var nodes = new Nodes(Host);

        var onA = await nodes.A.ConnectAsync(alice.Id);
        nodes.B.Get(alice.Id).Status.ShouldBe(PresenceStatus.Online);
        nodes.B.ConnectedPeople.ShouldBe(1);

        var onB = await nodes.B.ConnectAsync(alice.Id);
        await onA.DisposeAsync();
        nodes.A.Get(alice.Id).Status.ShouldBe(PresenceStatus.Online);
        nodes.B.Get(alice.Id).Status.ShouldBe(PresenceStatus.Online);

        await onB.DisposeAsync();
        nodes.A.Get(alice.Id).Status.ShouldBe(PresenceStatus.Offline);
        nodes.A.Get(alice.Id).LastSeenAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_people_of_a_node_that_went_silent_go_offline_after_the_limit()
    {
        var bob = await Host.CreateUserAsync("bob");
        using var nodes = new Nodes(Host);
        await nodes.A.ConnectAsync(bob.Id);
        await nodes.A.SendHeartbeatAsync();

        nodes.Clock.Advance(PresenceTracker.NodeSilenceLimit - TimeSpan.FromSeconds(1));
        await nodes.B.ForgetSilentNodesAsync();
        nodes.B.Get(bob.Id).Status.ShouldBe(PresenceStatus.Online);
        nodes.B.NodesHeardFrom.ShouldBe(2);

        nodes.Clock.Advance(TimeSpan.FromSeconds(1));
        await nodes.B.ForgetSilentNodesAsync();
        nodes.B.Get(bob.Id).Status.ShouldBe(PresenceStatus.Offline);
        nodes.B.ConnectedPeople.ShouldBe(0);

        // Heard again (a heartbeat after Redis came back): online again.
        await nodes.A.SendHeartbeatAsync();
        nodes.B.Get(bob.Id).Status.ShouldBe(PresenceStatus.Online);
    }

    [Fact]
    public void Do_not_disturb_on_any_node_wins_then_online_then_away()
    {
        PresenceRules.Combine([PresenceStatus.Away, PresenceStatus.Online, PresenceStatus.Offline]).ShouldBe(PresenceStatus.Online);
        PresenceRules.Combine([PresenceStatus.Online, PresenceStatus.DoNotDisturb]).ShouldBe(PresenceStatus.DoNotDisturb);
        PresenceRules.Combine([PresenceStatus.Offline, PresenceStatus.Away]).ShouldBe(PresenceStatus.Away);
        PresenceRules.Combine([]).ShouldBe(PresenceStatus.Offline);
    }
}
