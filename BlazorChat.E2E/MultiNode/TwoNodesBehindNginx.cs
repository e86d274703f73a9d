using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorChat.E2E.Infrastructure;
using BlazorChat.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.MultiNode;

/// <summary>
/// Two members on different nodes behind nginx chat live, each also following the room with a hub
/// client connected to their own node; Redis goes away for ten seconds while they keep writing,
/// then a node dies and its member (browser and hub client) lands on the other one. Every member
/// and every hub client ends with every message exactly once, in order; no hub connection receives
/// a message twice.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed partial class TwoNodesBehindNginx(BrowserFixture browser, NodeCluster cluster, ITestOutputHelper output) : IClassFixture<NodeCluster>
{
    private static readonly TimeSpan RedisOutage = TimeSpan.FromSeconds(10);
    private const int MaxMessagesDuringOutage = 24; // the whole conversation stays within one page (50) of history
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task Members_on_two_nodes_see_every_message_once_in_order_through_a_Redis_outage_and_a_node_failure()
    {
        // Two cold nodes on a fresh database take longer for their first room and first messages
        // than the warm shared server of the other tests; the collection runs one test at a time.
        SetDefaultExpectTimeout(15_000);
        try
        {
            await ChatThroughFaultsAsync();
        }
        finally
        {
            SetDefaultExpectTimeout(5_000);
            output.WriteLine($"---- node A ----\n{cluster.A.Output}\n---- node B ----\n{cluster.B.Output}");
        }
    }

    private async Task ChatThroughFaultsAsync()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, cluster.BaseUrl, "alice", [cluster.StickTo(NodeCluster.NodeA)]);
        await using var bob = await ChatMember.RegisterAsync(browser.Browser, cluster.BaseUrl, "bob", [cluster.StickTo(NodeCluster.NodeB)]);
        Assert.Equal(NodeCluster.NodeA, await alice.CookieAsync("bc_node"));
        Assert.Equal(NodeCluster.NodeB, await bob.CookieAsync("bc_node"));
        ChatMember[] members = [alice, bob];

        var room = $"Cluster {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await bob.JoinFromDirectoryAsync(room);
        var sent = new List<string>();
        var aliceToken = await HubClient.LogInAsync(cluster.A.BaseUrl, alice.Username, ChatMember.Password);
        var bobToken = await HubClient.LogInAsync(cluster.B.BaseUrl, bob.Username, ChatMember.Password);
        var roomId = await RoomIdAsync(cluster.A.BaseUrl, aliceToken, room);
        await using var aliceHub = await HubReader.FollowAsync(alice.Username, cluster.A.BaseUrl, aliceToken, roomId);
        await using var bobHub = await HubReader.FollowAsync(bob.Username, cluster.B.BaseUrl, bobToken, roomId);
        HubReader[] readers = [aliceHub, bobHub];

        // Live across nodes: messages, typing, presence, unread.
        await SendAndSeeAsync(alice, bob, sent);
        await SendAndSeeAsync(bob, alice, sent);
        await alice.RoomComposer.PressSequentiallyAsync("thinking");
        await Expect(bob.TypingStatus).ToContainTextAsync(alice.Username);
        await alice.RoomComposer.FillAsync("");
        var memberList = await bob.OpenMembersAsync();
        await Expect(memberList.GetByRole(AriaRole.Img, new() { NameRegex = new Regex($"^{alice.Username} is online") })).ToBeVisibleAsync();
        await memberList.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(bob.Dialog).ToHaveCountAsync(0);
        await alice.OpenDirectMessageAsync(bob);
        await alice.SendAsync("A word in private");
        await Expect(bob.RoomLink(alice.Username)).ToHaveAccessibleNameAsync($"{alice.Username}, 1 unread");
        await alice.RoomLink(room).ClickAsync();
        await alice.ExpectRoomOpenAsync(room);
        await SendAndSeeAsync(alice, bob, sent);

        // Redis away for ten seconds while both keep writing: each node serves its own member.
        cluster.Redis.Stop();
        var outage = Stopwatch.StartNew();
        var duringOutage = 0;
        var writtenDuringOutage = readers.ToDictionary(reader => reader, _ => new List<string>());
        while (outage.Elapsed < RedisOutage && duringOutage < MaxMessagesDuringOutage)
        {
            var author = duringOutage++ % 2;
            await SendAsync(members[author], sent);
            writtenDuringOutage[readers[author]].Add(sent[^1]);
        }
        // Each node keeps its own hub client up to date meanwhile.
        foreach (var (reader, written) in writtenDuringOutage)
        {
            await reader.Hub.WaitForEventAsync("messagePosted", data => Token(data.GetProperty("body").GetString()!) == written[^1], TimeSpan.FromSeconds(5));
            Assert.Empty(written.Except(reader.Messages.Select(Token)));
        }
        using (var rest = new PeriodicTimer(RedisOutage - outage.Elapsed > TimeSpan.Zero ? RedisOutage - outage.Elapsed : TimeSpan.FromMilliseconds(1)))
            await rest.WaitForNextTickAsync(); // the outage lasts its ten seconds even if the messages were written sooner
        cluster.Redis.Start();
        var back = Stopwatch.StartNew();
        var waited = new Dictionary<string, TimeSpan>();
        await Task.WhenAll(members.Select(async member =>
        {
            await Expect(member.Messages).ToHaveCountAsync(sent.Count, new() { Timeout = 30_000 });
            lock (waited) waited[member.Username] = back.Elapsed;
        }).Concat(readers.Select(reader => reader.ResyncAsync(TimeSpan.FromSeconds(30)))));
        await SendAndSeeAsync(bob, alice, sent);
        await SendAndSeeAsync(alice, bob, sent);

        // Bob's node dies: nginx sends him to node A, where he is still signed in and his room recovers;
        // his hub client connects to node A and fetches what it lacks.
        await cluster.B.StopAsync();
        await bobHub.Hub.Closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await bobHub.ConnectAsync(cluster.A.BaseUrl);
        // His tab goes on showing the room while it finds out that its circuit is gone; the reload
        // that follows is what lands it on node A.
        await WaitForAsync(async () => await bob.CookieAsync("bc_node") == NodeCluster.NodeA, TimeSpan.FromSeconds(30));
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = room })).ToBeVisibleAsync(Patient);
        await Expect(bob.Message(sent[^1])).ToBeVisibleAsync(Patient);
        await bob.ExpectRoomOpenAsync(room);
        await SendAndSeeAsync(bob, alice, sent);
        await SendAndSeeAsync(alice, bob, sent);

        var seen = new Dictionary<string, List<string>>();
        foreach (var member in members)
        {
            await Expect(member.Messages).ToHaveCountAsync(sent.Count);
            seen[member.Username] = [.. (await member.Messages.AllInnerTextsAsync()).Select(text => Token().Match(text).Value)];
        }
        output.WriteLine($"messages sent: {sent.Count} ({duringOutage} while Redis was down for {RedisOutage.TotalSeconds:0} s)");
        foreach (var member in members)
        {
            var list = seen[member.Username];
            output.WriteLine($"{member.Username}: seen {list.Count}, distinct {list.Distinct().Count()}, duplicates {list.Count - list.Distinct().Count()}, " +
                $"in order {list.SequenceEqual(sent)}, waited after Redis came back {waited[member.Username].TotalMilliseconds:0} ms");
        }
        output.WriteLine($"longest wait for a message after Redis came back: {waited.Values.Max().TotalMilliseconds:0} ms");
        foreach (var reader in readers)
        {
            await reader.Hub.WaitForEventAsync("messagePosted", data => Token(data.GetProperty("body").GetString()!) == sent[^1], TimeSpan.FromSeconds(15));
            var held = reader.Messages.Select(Token).ToList();
            output.WriteLine($"hub client of {reader.Name}: held {held.Count}, live {reader.LivePerConnection.Sum(live => live.Count)}, " +
                $"fetched {reader.FetchedCount}, received live twice {reader.LiveDuplicates}, in order {held.SequenceEqual(sent)}");
        }
        foreach (var member in members) Assert.Equal(sent, seen[member.Username]);
        foreach (var reader in readers)
        {
            Assert.Equal(0, reader.LiveDuplicates);
            Assert.Equal(sent, reader.Messages.Select(Token).ToList());
        }
    }

    private static string Token(string body) => Token().Match(body).Value;

    private static async Task<Guid> RoomIdAsync(string nodeUrl, string token, string roomName)
    {
        using var rest = new HttpClient { BaseAddress = new Uri(nodeUrl) };
        rest.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var rooms = await rest.GetFromJsonAsync<JsonElement>("/api/v1/rooms");
        return rooms.EnumerateArray().Single(r => r.GetProperty("name").GetString() == roomName).GetProperty("id").GetGuid();
    }

    /// <summary>Sends the next numbered message and waits until it is stored.</summary>
    private static async Task SendAsync(ChatMember author, List<string> sent)
    {
        var text = $"m{sent.Count + 1:000} from {author.Username}";
        await author.SendAsync(text);
        sent.Add(Token().Match(text).Value);
    }

    /// <summary>Sends the next numbered message and waits until the other member sees it.</summary>
    private static async Task SendAndSeeAsync(ChatMember author, ChatMember reader, List<string> sent)
    {
        await SendAsync(author, sent);
        await Expect(reader.Message(sent[^1] + " ")).ToBeVisibleAsync(Patient);
    }

    [GeneratedRegex(@"m\d{3}")]
    private static partial Regex Token();

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not true within {timeout}.");
            await tick.WaitForNextTickAsync();
        }
    }
}
