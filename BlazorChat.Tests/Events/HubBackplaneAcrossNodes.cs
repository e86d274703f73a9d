using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Events;

/// <summary>
/// Two nodes of the whole app (Kestrel, one PostgreSQL database, one redis-server) with hub
/// clients, the official JavaScript client, on both: a room's events reach every follower on
/// either node exactly once, a member removed on one node hears nothing more of the room on the
/// other, and while Redis is down each node keeps serving its own followers, who catch up by
/// <c>resync</c> and <c>Seq</c> when it is back.
/// </summary>
public sealed class HubBackplaneAcrossNodes(HubBackplaneAcrossNodes.TwoNodes nodes) : IClassFixture<HubBackplaneAcrossNodes.TwoNodes>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>One node: the app on Kestrel on a loopback port of its own.</summary>
    public sealed record Node(ChatWebApplication App, string BaseUrl, TempDataDirectory Data);

    public sealed class TwoNodes : IAsyncLifetime
    {
        private PostgresDatabase? _database;

        public RedisServer Redis { get; } = new();
        public Node A { get; private set; } = default!;
        public Node B { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            _database = await PostgresDatabase.CreateAsync("hubnodes");
            // One after the other: the first applies the migrations.
            A = Start("node-a");
            B = Start("node-b");
        }

        private Node Start(string nodeId)
        {
            var data = new TempDataDirectory();
            var port = LoopbackPort.Free();
            var app = new ChatWebApplication(new Dictionary<string, string?>
            {
                ["BlazorChat:DataDirectory"] = data.Path,
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Chat"] = _database!.ConnectionString,
                ["Redis:Connection"] = Redis.ConnectionString,
                ["BlazorChat:NodeId"] = nodeId,
                ["BlazorChat:Api:LoginAttemptsPerMinute"] = "100000",
                ["BlazorChat:RateLimits:MessagesPerSecond"] = "100000",
            });
            var url = $"http://127.0.0.1:{port}";
            app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            app.ClientOptions.BaseAddress = new Uri(url);
            app.StartServer();
            return new Node(app, url, data);
        }

        public async Task DisposeAsync()
        {
            foreach (var node in new[] { A, B })
            {
                if (node is null) continue;
                await node.App.DisposeAsync();
                node.Data.Dispose();
            }
            Redis.Dispose();
            if (_database is not null) await _database.DisposeAsync();
        }
    }

    /// <summary>A person signed in through the REST API of one node, with a hub connection to that node.</summary>
    private sealed record Person(ApiClient Rest, HubClient Hub) : IAsyncDisposable
    {
        public Guid Id => Rest.Id;

        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            Rest.Dispose();
        }
    }

    private static async Task<Person> SignUpAsync(Node node, string prefix)
    {
        var rest = await ApiClient.SignUpAsync(node.App, prefix);
        return new Person(rest, await HubClient.ConnectAsync(node.BaseUrl, rest.Tokens!.AccessToken));
    }

    private static async Task<Guid> CreateRoomAsync(Person owner, params Person[] members)
    {
        var room = await ApiClient.ReadAsync<RoomView>(
            await owner.Rest.PostAsync("/api/v1/rooms", new { name = $"Nodes {Guid.NewGuid().ToString("N")[..6]}", isPrivate = true }), HttpStatusCode.Created);
        (await owner.Rest.PostAsync($"/api/v1/rooms/{room.Id}/members", new { userIds = members.Select(m => m.Id) })).EnsureSuccessStatusCode();
        return room.Id;
    }

    private static async Task<MessageView> PostAsync(Person author, Guid roomId, string body) =>
        await ApiClient.ReadAsync<MessageView>(await author.Rest.PostAsync($"/api/v1/rooms/{roomId}/messages", new { body }), HttpStatusCode.Created);

    private static Task<HubEvent> ReceivedAsync(Person person, string body) =>
        person.Hub.WaitForEventAsync("messagePosted", data => data.GetProperty("body").GetString() == body, Wait);

    /// <summary>Every one of <paramref name="people"/> follows <paramref name="roomId"/>; the first posts "before", which all receive.</summary>
    private static async Task FollowAsync(Guid roomId, params Person[] people)
    {
        foreach (var person in people) await person.Hub.InvokeAsync("SubscribeRoom", roomId);
        await PostAsync(people[0], roomId, "before");
        foreach (var person in people) await ReceivedAsync(person, "before");
    }

    /// <summary>Stops Redis, does <paramref name="meanwhile"/>, and starts Redis again.</summary>
    private async Task WithoutRedisAsync(Func<Task> meanwhile)
    {
        nodes.Redis.Stop();
        try
        {
            await meanwhile();
        }
        finally
        {
            nodes.Redis.Start();
        }
    }

    /// <summary>
    /// Posts until <paramref name="reader"/> hears one live: a send in the first moment after Redis
    /// is back may still meet the bus's open breaker (the others then resync once more).
    /// </summary>
    private static async Task SendUntilLiveAsync(Person author, Guid roomId, Person reader)
    {
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            await PostAsync(author, roomId, $"after {attempt}");
            try
            {
                await reader.Hub.WaitForEventAsync("messagePosted", data => data.GetProperty("body").GetString() == $"after {attempt}", TimeSpan.FromSeconds(1));
                return;
            }
            catch (TimeoutException) { }
        }
        throw new ShouldAssertException("no message reached the other node live after Redis came back");
    }

    /// <summary>The bodies of every messagePosted the person's hub connection received, in arrival order.</summary>
    private static List<string> Bodies(Person person) =>
        [.. person.Hub.Events.Where(e => e.Name == "messagePosted").Select(e => e.Data.GetProperty("body").GetString()!)];

    [Fact]
    public async Task Messages_posted_on_either_node_reach_every_follower_on_both_nodes_exactly_once()
    {
        await using var ann = await SignUpAsync(nodes.A, "ann");
        await using var cat = await SignUpAsync(nodes.A, "cat");
        await using var ben = await SignUpAsync(nodes.B, "ben");
        var room = await CreateRoomAsync(ann, ben, cat);
        Person[] everyone = [ann, cat, ben];
        foreach (var person in everyone) await person.Hub.InvokeAsync("SubscribeRoom", room);

        var sent = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var author = i % 2 == 1 ? ann : ben;
            sent.Add($"m{i:00} from {(author == ann ? "node A" : "node B")}");
            await PostAsync(author, room, sent[^1]);
        }
        // The last word comes from the other node than the one before, so anything sent twice would be in by then.
        sent.Add("the end");
        await PostAsync(ann, room, sent[^1]);
        foreach (var person in everyone) await ReceivedAsync(person, "the end");

        foreach (var person in everyone)
        {
            var bodies = Bodies(person);
            bodies.ShouldBeUnique();
            bodies.ShouldBe(sent, ignoreOrder: true);
            // Clients order by Seq; the Seqs they were given follow the order of sending.
            person.Hub.Events.Where(e => e.Name == "messagePosted").OrderBy(e => e.Data.GetProperty("seq").GetInt64())
                .Select(e => e.Data.GetProperty("body").GetString()).ShouldBe(sent);
        }
    }

    [Fact]
    public async Task A_member_removed_on_one_node_hears_nothing_more_of_the_room_on_the_other()
    {
        await using var ann = await SignUpAsync(nodes.A, "ann");
        await using var ben = await SignUpAsync(nodes.B, "ben");
        await using var dan = await SignUpAsync(nodes.B, "dan");
        var room = await CreateRoomAsync(ann, ben, dan);
        await FollowAsync(room, ann, ben, dan);

        (await ann.Rest.DeleteAsync($"/api/v1/rooms/{room}/members/{ben.Id}")).EnsureSuccessStatusCode();
        await ben.Hub.WaitForEventAsync("roomLeft", data => data.GetProperty("roomId").GetGuid() == room, Wait);
        await PostAsync(ann, room, "after the removal");
        await PostAsync(dan, room, "and from node B");
        await ReceivedAsync(dan, "after the removal");
        await ReceivedAsync(dan, "and from node B");
        await ReceivedAsync(ann, "and from node B");

        Bodies(ben).ShouldBe(["before"]);
        ben.Hub.Events.SkipWhile(e => e.Name != "roomLeft").Skip(1).ShouldBeEmpty("the removed member heard more of the room");
        var refused = await Should.ThrowAsync<HubRefusedException>(() => ben.Hub.InvokeAsync("SubscribeRoom", room));
        refused.Message.ShouldStartWith("404");
    }

    [Fact]
    public async Task While_Redis_is_down_each_node_serves_its_own_followers_and_the_others_catch_up_by_Seq()
    {
        await using var ann = await SignUpAsync(nodes.A, "ann");
        await using var cat = await SignUpAsync(nodes.A, "cat");
        await using var ben = await SignUpAsync(nodes.B, "ben");
        var room = await CreateRoomAsync(ann, ben, cat);
        await FollowAsync(room, ann, cat, ben);

        await WithoutRedisAsync(async () =>
        {
            var sending = Stopwatch.StartNew();
            await PostAsync(ann, room, "while Redis is down");
            await ReceivedAsync(cat, "while Redis is down");
            await ReceivedAsync(ann, "while Redis is down");
            sending.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "a send waited for Redis");
        });

        // Node B's clients are told to fetch what they lack, and the database has it.
        await ben.Hub.WaitForEventAsync("resync", _ => true, TimeSpan.FromSeconds(60));
        Bodies(ben).ShouldBe(["before"]);
        var held = ben.Hub.Events.Where(e => e.Name == "messagePosted").Max(e => e.Data.GetProperty("seq").GetInt64());
        var missed = await ben.Rest.GetOkAsync<JsonElement>($"/api/v1/rooms/{room}/messages?after={held}");
        missed.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldBe(["while Redis is down"]);

        // Live again, once for everyone.
        await SendUntilLiveAsync(ann, room, ben);
        await PostAsync(ben, room, "the end");
        foreach (var person in new[] { ann, cat, ben }) await ReceivedAsync(person, "the end");
        foreach (var person in new[] { ann, cat }) Bodies(person).ShouldBeUnique();
        Bodies(cat).ShouldContain("while Redis is down");
        Bodies(ben).ShouldBeUnique();
        Bodies(ben).ShouldNotContain("while Redis is down"); // fetched from the database instead
    }

    [Fact]
    public async Task A_member_removed_while_Redis_is_down_hears_nothing_more_of_the_room_once_it_is_back()
    {
        await using var ann = await SignUpAsync(nodes.A, "ann");
        await using var ben = await SignUpAsync(nodes.B, "ben");
        await using var dan = await SignUpAsync(nodes.B, "dan");
        var room = await CreateRoomAsync(ann, ben, dan);
        await FollowAsync(room, ann, ben, dan);

        // Node B never hears of this removal: the news is lost with Redis.
        await WithoutRedisAsync(async () => (await ann.Rest.DeleteAsync($"/api/v1/rooms/{room}/members/{ben.Id}")).EnsureSuccessStatusCode());
        await ben.Hub.WaitForEventAsync("resync", _ => true, TimeSpan.FromSeconds(60));
        await SendUntilLiveAsync(ann, room, dan);
        await PostAsync(dan, room, "the end");
        await ReceivedAsync(ann, "the end");
        await ReceivedAsync(dan, "the end");

        Bodies(ben).ShouldBe(["before"]);
    }
}
