using System.Net;
using System.Text.Json;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Api;

/// <summary>Rooms and members through <c>/api/v1</c>: each action's success and its refusals.</summary>
public abstract class RoomsThroughTheApi(ApiAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<RoomView> CreateAsync(ApiClient client, string name, bool isPrivate = false) =>
        await ApiClient.ReadAsync<RoomView>(await client.PostAsync("/api/v1/rooms", new { name, topic = "About it", isPrivate }), HttpStatusCode.Created);

    [Fact]
    public async Task A_created_channel_is_listed_found_in_the_directory_and_readable()
    {
        using var alice = await ApiClient.SignUpAsync(App, "alice");
        var name = Unique("Launch");

        var created = await alice.PostAsync("/api/v1/rooms", new { name, topic = "Shipping", isPrivate = false });
        var room = await ApiClient.ReadAsync<RoomView>(created, HttpStatusCode.Created);

        created.Headers.Location!.ToString().ShouldBe($"/api/v1/rooms/{room.Id}");
        room.ViewerRole.ShouldBe(RoomRole.Owner);
        (await alice.GetOkAsync<List<RoomListItem>>("/api/v1/rooms")).ShouldContain(r => r.Id == room.Id && r.Name == name);
        (await alice.GetOkAsync<List<DirectoryEntry>>($"/api/v1/rooms/directory?search={Uri.EscapeDataString(name)}"))
            .ShouldHaveSingleItem().Id.ShouldBe(room.Id);
        (await alice.GetOkAsync<RoomView>($"/api/v1/rooms/{room.Id}")).Topic.ShouldBe("Shipping");
    }

    [Fact]
    public async Task An_empty_name_is_a_400_with_the_field_and_nothing_is_created()
    {
        using var alice = await ApiClient.SignUpAsync(App);

        var problem = await ApiClient.ProblemAsync(await alice.PostAsync("/api/v1/rooms", new { name = "  " }), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe("Give the room a name.");
        (await alice.GetOkAsync<List<RoomListItem>>("/api/v1/rooms")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_private_room_is_404_to_outsiders_everywhere_and_its_name_never_shows()
    {
        using var owner = await ApiClient.SignUpAsync(App, "owner");
        using var outsider = await ApiClient.SignUpAsync(App, "outsider");
        var name = Unique("Secret plans");
        var room = await CreateAsync(owner, name, isPrivate: true);

        foreach (var url in new[]
                 {
                     $"/api/v1/rooms/{room.Id}", $"/api/v1/rooms/{room.Id}/members", $"/api/v1/rooms/{room.Id}/messages",
                     $"/api/v1/rooms/{room.Id}/pins",
                 })
        {
            var response = await outsider.GetAsync(url);
            await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(name);
        }
        await ApiClient.ProblemAsync(await outsider.PostAsync($"/api/v1/rooms/{room.Id}/join"), HttpStatusCode.NotFound);
        (await outsider.GetOkAsync<List<DirectoryEntry>>($"/api/v1/rooms/directory?search={Uri.EscapeDataString(name)}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Joining_and_leaving_a_public_channel_changes_the_member_list()
    {
        using var owner = await ApiClient.SignUpAsync(App, "owner");
        using var bob = await ApiClient.SignUpAsync(App, "bob");
        var room = await CreateAsync(owner, Unique("Lobby"));

        var joined = await ApiClient.ReadAsync<RoomView>(await bob.PostAsync($"/api/v1/rooms/{room.Id}/join"), HttpStatusCode.OK);
        joined.ViewerRole.ShouldBe(RoomRole.Member);
        (await owner.GetOkAsync<List<RoomMemberView>>($"/api/v1/rooms/{room.Id}/members")).Select(m => m.UserId).ShouldBe([owner.Id, bob.Id], ignoreOrder: true);

        (await bob.PostAsync($"/api/v1/rooms/{room.Id}/leave")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.GetOkAsync<List<RoomMemberView>>($"/api/v1/rooms/{room.Id}/members")).Select(m => m.UserId).ShouldBe([owner.Id]);
        // Leaving a room one is not in is refused.
        await ApiClient.ProblemAsync(await bob.PostAsync($"/api/v1/rooms/{room.Id}/leave"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_room_admins_change_settings_and_only_the_owner_deletes()
    {
        using var owner = await ApiClient.SignUpAsync(App, "owner");
        using var member = await ApiClient.SignUpAsync(App, "member");
        var room = await CreateAsync(owner, Unique("Settings"));
        await member.PostAsync($"/api/v1/rooms/{room.Id}/join");

        await ApiClient.ProblemAsync(await member.PatchAsync($"/api/v1/rooms/{room.Id}", new { topic = "Mine now" }), HttpStatusCode.Forbidden);
        var updated = await ApiClient.ReadAsync<RoomView>(await owner.PatchAsync($"/api/v1/rooms/{room.Id}", new { topic = "New topic", postingPolicy = "ModeratorsOnly" }), HttpStatusCode.OK);
        updated.Topic.ShouldBe("New topic");
        updated.Name.ShouldBe(room.Name);
        updated.PostingPolicy.ShouldBe(PostingPolicy.ModeratorsOnly);
        var invalid = await ApiClient.ProblemAsync(await owner.PatchAsync($"/api/v1/rooms/{room.Id}", new { memberLimit = 1 }), HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").TryGetProperty("memberLimit", out _).ShouldBeTrue();

        await ApiClient.ProblemAsync(await member.PostAsync($"/api/v1/rooms/{room.Id}/archive"), HttpStatusCode.Forbidden);
        (await ApiClient.ReadAsync<RoomView>(await owner.PostAsync($"/api/v1/rooms/{room.Id}/archive"), HttpStatusCode.OK)).IsArchived.ShouldBeTrue();
        (await ApiClient.ReadAsync<RoomView>(await owner.PostAsync($"/api/v1/rooms/{room.Id}/unarchive"), HttpStatusCode.OK)).IsArchived.ShouldBeFalse();

        await ApiClient.ProblemAsync(await member.DeleteAsync($"/api/v1/rooms/{room.Id}"), HttpStatusCode.Forbidden);
        (await owner.DeleteAsync($"/api/v1/rooms/{room.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ApiClient.ProblemAsync(await owner.GetAsync($"/api/v1/rooms/{room.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Moderators_invite_re_role_and_remove_members_below_them()
    {
        using var owner = await ApiClient.SignUpAsync(App, "owner");
        using var bob = await ApiClient.SignUpAsync(App, "bob");
        using var carol = await ApiClient.SignUpAsync(App, "carol");
        var room = await CreateAsync(owner, Unique("Private crew"), isPrivate: true);

        await ApiClient.ProblemAsync(await owner.PostAsync($"/api/v1/rooms/{room.Id}/members", new { userIds = Array.Empty<Guid>() }), HttpStatusCode.BadRequest);
        var added = await ApiClient.ReadAsync<List<RoomMemberView>>(await owner.PostAsync($"/api/v1/rooms/{room.Id}/members", new { userIds = new[] { bob.Id, carol.Id } }), HttpStatusCode.OK);
        added.Select(m => m.UserId).ShouldBe([bob.Id, carol.Id], ignoreOrder: true);

        // A plain member may not invite into a private channel, nor remove anyone.
        await ApiClient.ProblemAsync(await bob.PostAsync($"/api/v1/rooms/{room.Id}/members", new { userIds = new[] { owner.Id } }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await bob.DeleteAsync($"/api/v1/rooms/{room.Id}/members/{carol.Id}"), HttpStatusCode.Forbidden);

        var promoted = await ApiClient.ReadAsync<RoomMemberView>(await owner.PutAsync($"/api/v1/rooms/{room.Id}/members/{bob.Id}/role", new { role = "Moderator" }), HttpStatusCode.OK);
        promoted.Role.ShouldBe(RoomRole.Moderator);
        await ApiClient.ProblemAsync(await owner.PutAsync($"/api/v1/rooms/{room.Id}/members/{bob.Id}/role", new { role = "Owner" }), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await owner.PutAsync($"/api/v1/rooms/{room.Id}/members/{Guid.NewGuid()}/role", new { role = "Member" }), HttpStatusCode.NotFound);

        (await bob.DeleteAsync($"/api/v1/rooms/{room.Id}/members/{carol.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Removed from a private room: it is gone for Carol.
        await ApiClient.ProblemAsync(await carol.GetAsync($"/api/v1/rooms/{room.Id}"), HttpStatusCode.NotFound);

        (await owner.PostAsync($"/api/v1/rooms/{room.Id}/owner", new { userId = bob.Id })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bob.GetOkAsync<RoomView>($"/api/v1/rooms/{room.Id}")).ViewerRole.ShouldBe(RoomRole.Owner);
    }

    [Fact]
    public async Task Direct_and_group_messages_open_once_per_set_of_people()
    {
        using var alice = await ApiClient.SignUpAsync(App, "alice");
        using var bob = await ApiClient.SignUpAsync(App, "bob");
        using var carol = await ApiClient.SignUpAsync(App, "carol");

        var direct = await ApiClient.ReadAsync<RoomView>(await alice.PostAsync("/api/v1/rooms/direct", new { userId = bob.Id }), HttpStatusCode.OK);
        var again = await ApiClient.ReadAsync<RoomView>(await bob.PostAsync("/api/v1/rooms/direct", new { userId = alice.Id }), HttpStatusCode.OK);
        again.Id.ShouldBe(direct.Id);
        direct.Kind.ShouldBe(RoomKind.DirectMessage);
        await ApiClient.ProblemAsync(await alice.PostAsync("/api/v1/rooms/direct", new { userId = Guid.NewGuid() }), HttpStatusCode.NotFound);

        var group = await ApiClient.ReadAsync<RoomView>(await alice.PostAsync("/api/v1/rooms/groups", new { userIds = new[] { bob.Id, carol.Id } }), HttpStatusCode.OK);
        group.Kind.ShouldBe(RoomKind.GroupMessage);
        await ApiClient.ProblemAsync(await alice.PostAsync("/api/v1/rooms/groups", new { userIds = new[] { bob.Id } }), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await carol.PostAsync($"/api/v1/rooms/{direct.Id}/join"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Users_can_be_found_and_looked_up()
    {
        using var alice = await ApiClient.SignUpAsync(App, "findme");
        using var bob = await ApiClient.SignUpAsync(App, "bob");

        var found = await bob.GetOkAsync<List<JsonElement>>($"/api/v1/users?search={alice.User.UserName}");
        found.ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(alice.Id);
        var profile = await bob.GetOkAsync<JsonElement>($"/api/v1/users/{alice.Id}");
        profile.GetProperty("username").GetString().ShouldBe(alice.User.UserName);
        profile.GetProperty("presence").GetProperty("status").GetString().ShouldBe("Offline");
        profile.TryGetProperty("email", out _).ShouldBeFalse();
        await ApiClient.ProblemAsync(await bob.GetAsync($"/api/v1/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var me = await alice.GetOkAsync<JsonElement>("/api/v1/users/me");
        me.GetProperty("email").GetString().ShouldBe(alice.User.Email);
        me.GetProperty("siteRoles").EnumerateArray().Select(r => r.GetString()).ShouldNotBeEmpty();
    }
}

public sealed class RoomsThroughTheApi_on_Sqlite(SqliteApiApp fixture) : RoomsThroughTheApi(fixture), IClassFixture<SqliteApiApp>;

public sealed class RoomsThroughTheApi_on_Postgres(PostgresApiApp fixture) : RoomsThroughTheApi(fixture), IClassFixture<PostgresApiApp>;
