using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.E2E.Infrastructure;
using BlazorChat.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Api;

/// <summary>
/// External clients on the hub <c>/hubs/chat</c> (the official JavaScript client under Node) and the
/// REST API, beside people in browsers: the same events, live, both ways.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class HubClients(BrowserFixture browser, ServerFixture server)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private string BaseUrl => server.Server.BaseUrl;

    /// <summary>An HTTP client of the REST API signed in as <paramref name="member"/>.</summary>
    private async Task<HttpClient> RestClientAsync(ChatMember member)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubClient.LogInAsync(BaseUrl, member.Username, ChatMember.Password));
        return http;
    }

    private static async Task<Guid> RoomIdAsync(HttpClient rest, string name)
    {
        var rooms = await rest.GetFromJsonAsync<JsonElement>("/api/v1/rooms");
        return rooms.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    private static Func<JsonElement, bool> Body(string text) => data => data.GetProperty("body").GetString() == text;

    [Fact]
    public async Task A_hub_client_receives_messages_posted_in_the_ui_and_through_rest_within_a_second()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var bot = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bot");
        var room = $"Ops {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await bot.JoinFromDirectoryAsync(room);
        using var aliceRest = await RestClientAsync(alice);
        var roomId = await RoomIdAsync(aliceRest, room);
        await using var hub = await HubClient.ConnectAsync(BaseUrl, await HubClient.LogInAsync(BaseUrl, bot.Username, ChatMember.Password));
        Assert.Equal(room, (await hub.InvokeAsync("SubscribeRoom", roomId)).GetProperty("name").GetString());

        await alice.SendAsync("Typed in the browser");
        var stored = DateTimeOffset.UtcNow;
        var fromUi = await hub.WaitForEventAsync("messagePosted", Body("Typed in the browser"), Second);
        Assert.True(fromUi.ReceivedAt - stored < Second, $"arrived {(fromUi.ReceivedAt - stored).TotalMilliseconds:0} ms after it was stored");
        Assert.Equal(alice.Username, fromUi.Data.GetProperty("authorUsername").GetString());

        var posted = await aliceRest.PostAsJsonAsync($"/api/v1/rooms/{roomId}/messages", new { body = "Sent through REST" });
        posted.EnsureSuccessStatusCode();
        var sent = DateTimeOffset.UtcNow;
        var fromRest = await hub.WaitForEventAsync("messagePosted", Body("Sent through REST"), Second);
        Assert.True(fromRest.ReceivedAt - sent < Second, $"arrived {(fromRest.ReceivedAt - sent).TotalMilliseconds:0} ms after it was stored");
        Assert.Equal(fromUi.Data.GetProperty("seq").GetInt64() + 1, fromRest.Data.GetProperty("seq").GetInt64());

        // Reactions made in the browser arrive as a changed message.
        await alice.ReactAsync("Sent through REST", "thumbsup");
        await hub.WaitForEventAsync("messageChanged", data => data.GetProperty("reactions").GetArrayLength() == 1, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_message_sent_through_the_hub_appears_live_in_the_browser_and_typing_shows()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var bot = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bot");
        var room = $"Builds {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await bot.JoinFromDirectoryAsync(room);
        using var botRest = await RestClientAsync(bot);
        var roomId = await RoomIdAsync(botRest, room);
        await using var hub = await HubClient.ConnectAsync(BaseUrl, await HubClient.LogInAsync(BaseUrl, bot.Username, ChatMember.Password));

        await hub.InvokeAsync("Typing", roomId, true);
        await Expect(alice.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "typing" })).ToBeVisibleAsync();
        var clientMessageId = Guid.NewGuid();
        var sent = await hub.InvokeAsync("SendMessage", roomId, new { body = "Build **green** from the hub", clientMessageId });
        // The same client message id again stores nothing new.
        var again = await hub.InvokeAsync("SendMessage", roomId, new { body = "Build **green** from the hub", clientMessageId });
        Assert.Equal(sent.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());

        await Expect(alice.Message("from the hub")).ToBeVisibleAsync();
        await Expect(alice.Message("from the hub").Locator("strong")).ToHaveTextAsync("green");
        await Expect(alice.Messages).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_removed_member_loses_the_room_at_once_and_cannot_subscribe_again()
    {
        await using var owner = await ChatMember.RegisterAsync(browser.Browser, server.Server, "owner");
        await using var bob = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bob");
        var secret = $"Secret {Guid.NewGuid().ToString("N")[..6]}";
        var lobby = $"Lobby {Guid.NewGuid().ToString("N")[..6]}";
        await owner.CreateRoomAsync(lobby);
        await bob.JoinFromDirectoryAsync(lobby);
        await owner.CreateRoomAsync(secret, isPrivate: true);
        await owner.InviteAsync(bob);
        using var ownerRest = await RestClientAsync(owner);
        var secretId = await RoomIdAsync(ownerRest, secret);
        var lobbyId = await RoomIdAsync(ownerRest, lobby);
        await using var hub = await HubClient.ConnectAsync(BaseUrl, await HubClient.LogInAsync(BaseUrl, bob.Username, ChatMember.Password));
        await hub.InvokeAsync("SubscribeRoom", secretId);
        await hub.InvokeAsync("SubscribeRoom", lobbyId);

        (await ownerRest.DeleteAsync($"/api/v1/rooms/{secretId}/members/{await UserIdAsync(ownerRest, bob.Username)}")).EnsureSuccessStatusCode();
        await hub.WaitForEventAsync("roomLeft", data => data.GetProperty("roomId").GetGuid() == secretId, TimeSpan.FromSeconds(5));
        (await ownerRest.PostAsJsonAsync($"/api/v1/rooms/{secretId}/messages", new { body = "After Bob left" })).EnsureSuccessStatusCode();
        (await ownerRest.PostAsJsonAsync($"/api/v1/rooms/{lobbyId}/messages", new { body = "Marker" })).EnsureSuccessStatusCode();

        await hub.WaitForEventAsync("messagePosted", Body("Marker"), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(hub.Events, e => e.Name == "messagePosted" && e.Data.GetProperty("roomId").GetGuid() == secretId);
        var refusal = await Assert.ThrowsAsync<HubRefusedException>(() => hub.InvokeAsync("SubscribeRoom", secretId));
        Assert.StartsWith("404:", refusal.Message);
        var sendRefusal = await Assert.ThrowsAsync<HubRefusedException>(() => hub.InvokeAsync("SendMessage", secretId, new { body = "let me back" }));
        Assert.StartsWith("404:", sendRefusal.Message);
    }

    [Fact]
    public async Task Signing_out_closes_the_hub_connections_of_that_sign_in()
    {
        await using var bob = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bob");
        var token = await HubClient.LogInAsync(BaseUrl, bob.Username, ChatMember.Password);
        await using var hub = await HubClient.ConnectAsync(BaseUrl, token);
        using var rest = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        (await rest.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();

        await hub.Closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(BaseUrl, token));
    }

    private static async Task<Guid> UserIdAsync(HttpClient rest, string username)
    {
        var found = await rest.GetFromJsonAsync<JsonElement>($"/api/v1/users?search={username}");
        return found.EnumerateArray().Single(u => u.GetProperty("username").GetString() == username).GetProperty("id").GetGuid();
    }
}
