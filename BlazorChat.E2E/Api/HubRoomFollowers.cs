using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.E2E.Infrastructure;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.E2E.Api;

/// <summary>
/// Several hub connections following the same rooms: each gets every message of the rooms it may
/// read exactly once, and nothing of a room it was removed from, stopped following or was refused.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class HubRoomFollowers(BrowserFixture browser, ServerFixture server)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private string BaseUrl => server.Server.BaseUrl;

    /// <summary>A person with a REST client and a hub connection, both signed in with their own token.</summary>
    private sealed record Person(ChatMember Member, HttpClient Rest, HubClient Hub, Guid Id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            Rest.Dispose();
            await Member.DisposeAsync();
        }
    }

    private async Task<Person> SignUpAsync(string prefix)
    {
        var member = await ChatMember.RegisterAsync(browser.Browser, server.Server, prefix);
        var token = await HubClient.LogInAsync(BaseUrl, member.Username, ChatMember.Password);
        var rest = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var id = (await rest.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("id").GetGuid();
        return new Person(member, rest, await HubClient.ConnectAsync(BaseUrl, token), id);
    }

    private static async Task<Guid> CreateRoomAsync(Person owner, string prefix, bool isPrivate, params Person[] members)
    {
        var created = await owner.Rest.PostAsJsonAsync("/api/v1/rooms", new { name = $"{prefix} {Guid.NewGuid().ToString("N")[..6]}", isPrivate });
        created.EnsureSuccessStatusCode();
        var roomId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (members.Length > 0)
            (await owner.Rest.PostAsJsonAsync($"/api/v1/rooms/{roomId}/members", new { userIds = members.Select(m => m.Id) })).EnsureSuccessStatusCode();
        return roomId;
    }

    private static async Task PostAsync(Person author, Guid roomId, string body) =>
        (await author.Rest.PostAsJsonAsync($"/api/v1/rooms/{roomId}/messages", new { body })).EnsureSuccessStatusCode();

    private static Task<HubEvent> ReceivedAsync(Person person, string body) =>
        person.Hub.WaitForEventAsync("messagePosted", data => data.GetProperty("body").GetString() == body, Wait);

    private static int Count(Person person, string body) =>
        person.Hub.Events.Count(e => e.Name == "messagePosted" && e.Data.GetProperty("body").GetString() == body);

    // Every person signs in through the API once (the login is rate-limited per address), so the
    // owner of the rooms also follows them and receives what she posts, like any other follower.

    [Fact]
    public async Task Two_members_following_a_room_each_get_its_messages_once_until_one_is_removed()
    {
        await using var ann = await SignUpAsync("ann");
        await using var ben = await SignUpAsync("ben");
        var secret = await CreateRoomAsync(ann, "Secret", isPrivate: true, ben);
        var lobby = await CreateRoomAsync(ann, "Lobby", isPrivate: false, ben);
        foreach (var person in new[] { ann, ben })
        {
            await person.Hub.InvokeAsync("SubscribeRoom", secret);
            await person.Hub.InvokeAsync("SubscribeRoom", lobby);
        }

        await PostAsync(ann, secret, "For both of us");
        await PostAsync(ann, secret, "And a second one");
        foreach (var person in new[] { ann, ben })
        {
            await ReceivedAsync(person, "And a second one");
            Assert.Equal(1, Count(person, "For both of us"));
            Assert.Equal(1, Count(person, "And a second one"));
        }

        (await ann.Rest.DeleteAsync($"/api/v1/rooms/{secret}/members/{ben.Id}")).EnsureSuccessStatusCode();
        await ben.Hub.WaitForEventAsync("roomLeft", data => data.GetProperty("roomId").GetGuid() == secret, Wait);
        await PostAsync(ann, secret, "Only Ann is still here");
        await PostAsync(ann, lobby, "Marker");

        await ReceivedAsync(ann, "Only Ann is still here");
        await ReceivedAsync(ann, "Marker");
        await ReceivedAsync(ben, "Marker");
        Assert.Equal(0, Count(ben, "Only Ann is still here"));
        // The removal's own news on the room's topic came after the removal: Ann sees it, Ben does not.
        await ann.Hub.WaitForEventAsync("membersChanged", data => data.GetProperty("roomId").GetGuid() == secret, Wait);
        Assert.DoesNotContain(ben.Hub.Events, e => e.Name == "membersChanged");
    }

    [Fact]
    public async Task Unsubscribing_stops_a_room_and_subscribing_again_brings_it_back()
    {
        await using var ann = await SignUpAsync("ann");
        var room = await CreateRoomAsync(ann, "Standup", isPrivate: false);
        var lobby = await CreateRoomAsync(ann, "Lobby", isPrivate: false);
        await ann.Hub.InvokeAsync("SubscribeRoom", room);
        await ann.Hub.InvokeAsync("SubscribeRoom", lobby);
        await PostAsync(ann, room, "Before the break");
        await ReceivedAsync(ann, "Before the break");

        Assert.True((await ann.Hub.InvokeAsync("UnsubscribeRoom", room)).GetBoolean());
        Assert.False((await ann.Hub.InvokeAsync("UnsubscribeRoom", room)).GetBoolean());
        await PostAsync(ann, room, "During the break");
        await PostAsync(ann, lobby, "Marker");
        await ReceivedAsync(ann, "Marker");
        Assert.Equal(0, Count(ann, "During the break"));

        await ann.Hub.InvokeAsync("SubscribeRoom", room);
        await PostAsync(ann, room, "After the break");
        await ReceivedAsync(ann, "After the break");
        Assert.Equal(1, Count(ann, "Before the break"));
        Assert.Equal(0, Count(ann, "During the break"));
    }

    [Fact]
    public async Task A_connection_refused_a_room_receives_none_of_its_events()
    {
        await using var ann = await SignUpAsync("ann");
        await using var eve = await SignUpAsync("eve");
        var secret = await CreateRoomAsync(ann, "Secret", isPrivate: true);
        var lobby = await CreateRoomAsync(ann, "Lobby", isPrivate: false, eve);
        await ann.Hub.InvokeAsync("SubscribeRoom", secret);
        await eve.Hub.InvokeAsync("SubscribeRoom", lobby);

        var refusal = await Assert.ThrowsAsync<HubRefusedException>(() => eve.Hub.InvokeAsync("SubscribeRoom", secret));
        Assert.StartsWith("404:", refusal.Message);
        await PostAsync(ann, secret, "Not for Eve");
        await PostAsync(ann, lobby, "Marker");

        await ReceivedAsync(ann, "Not for Eve");
        await ReceivedAsync(eve, "Marker");
        Assert.DoesNotContain(eve.Hub.Events, e => e.Data.ValueKind == JsonValueKind.Object
            && e.Data.TryGetProperty("roomId", out var room) && room.GetGuid() == secret);
        // Refused, it does not follow the room either.
        Assert.False((await eve.Hub.InvokeAsync("UnsubscribeRoom", secret)).GetBoolean());
    }
}
