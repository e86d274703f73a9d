using System.Net;
using System.Net.Http.Json;
using System.Text;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Api;

/// <summary>Messages, reactions, pins, threads and read markers through <c>/api/v1</c>.</summary>
public abstract class MessagesThroughTheApi(ApiAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    /// <summary>A room of a new owner with one more member; disposing it closes both clients.</summary>
    private sealed record TwoMembers(ApiClient Owner, ApiClient Member, RoomView Room) : IDisposable
    {
        public void Dispose()
        {
            Owner.Dispose();
            Member.Dispose();
        }
    }

    private async Task<TwoMembers> RoomWithTwoAsync(bool isPrivate = false)
    {
        var owner = await ApiClient.SignUpAsync(App, "owner");
        var member = await ApiClient.SignUpAsync(App, "member");
        var room = await ApiClient.ReadAsync<RoomView>(
            await owner.PostAsync("/api/v1/rooms", new { name = $"Room {Guid.NewGuid():N}"[..12], isPrivate }), HttpStatusCode.Created);
        if (isPrivate) await owner.PostAsync($"/api/v1/rooms/{room.Id}/members", new { userIds = new[] { member.Id } });
        else await member.PostAsync($"/api/v1/rooms/{room.Id}/join");
        return new TwoMembers(owner, member, room);
    }

    private static async Task<MessageView> SendAsync(ApiClient client, Guid roomId, string body, object? extra = null) =>
        await ApiClient.ReadAsync<MessageView>(await client.PostAsync($"/api/v1/rooms/{roomId}/messages", extra ?? new { body }), HttpStatusCode.Created);

    [Fact]
    public async Task A_sent_message_is_stored_rendered_and_read_back_by_the_other_member()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;

        var sent = await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "Hello **team**" });
        var message = await ApiClient.ReadAsync<MessageView>(sent, HttpStatusCode.Created);

        sent.Headers.Location!.ToString().ShouldBe($"/api/v1/messages/{message.Id}");
        message.Seq.ShouldBe(1);
        message.BodyHtml.ShouldContain("<strong>team</strong>");
        (await member.GetOkAsync<MessageView>($"/api/v1/messages/{message.Id}")).Body.ShouldBe("Hello **team**");
        (await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages")).Messages.ShouldHaveSingleItem().Id.ShouldBe(message.Id);
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_three_times_stores_one_message()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        var ids = new List<Guid>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rooms/{room.Id}/messages")
            {
                Content = JsonContent.Create(new { body = "Deploying now" }),
            };
            request.Headers.Add("Idempotency-Key", "deploy-2026-12-01-a");
            ids.Add((await ApiClient.ReadAsync<MessageView>(await owner.Http.SendAsync(request), HttpStatusCode.Created)).Id);
        }

        ids.Distinct().ShouldHaveSingleItem();
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        (await db.Messages.CountAsync(m => m.RoomId == room.Id)).ShouldBe(1);
        (await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages")).Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task History_pages_by_sequence_cursors_in_both_directions()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        for (var i = 1; i <= 7; i++) await SendAsync(owner, room.Id, $"message {i}");

        var newest = await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages?limit=3");
        newest.Messages.Select(m => m.Seq).ShouldBe([5L, 6L, 7L]);
        newest.HasMore.ShouldBeTrue();
        var older = await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages?before=5&limit=3");
        older.Messages.Select(m => m.Seq).ShouldBe([2L, 3L, 4L]);
        var oldest = await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages?before=2&limit=3");
        oldest.Messages.Select(m => m.Seq).ShouldBe([1L]);
        oldest.HasMore.ShouldBeFalse();
        var after = await member.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages?after=3&limit=2");
        after.Messages.Select(m => m.Seq).ShouldBe([4L, 5L]);
        after.HasMore.ShouldBeTrue();

        await ApiClient.ProblemAsync(await member.GetAsync($"/api/v1/rooms/{room.Id}/messages?before=5&after=1"), HttpStatusCode.BadRequest);
        var badLimit = await ApiClient.ProblemAsync(await member.GetAsync($"/api/v1/rooms/{room.Id}/messages?limit=0"), HttpStatusCode.BadRequest);
        badLimit.GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_non_member_cannot_read_or_post_in_a_private_room_and_learns_nothing()
    {
        using var two = await RoomWithTwoAsync(isPrivate: true);
        var (owner, member, room) = two;
        using var outsider = await ApiClient.SignUpAsync(App, "outsider");
        var secret = await SendAsync(owner, room.Id, "The secret launch date");

        foreach (var response in new[]
                 {
                     await outsider.GetAsync($"/api/v1/rooms/{room.Id}/messages"),
                     await outsider.GetAsync($"/api/v1/messages/{secret.Id}"),
                     await outsider.GetAsync($"/api/v1/messages/{secret.Id}/thread"),
                     await outsider.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "let me in" }),
                     await outsider.PutAsync($"/api/v1/messages/{secret.Id}/reactions/%F0%9F%91%8D"),
                 })
        {
            var text = await response.Content.ReadAsStringAsync();
            await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
            text.ShouldNotContain("secret launch");
        }
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        (await db.Messages.CountAsync(m => m.RoomId == room.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_non_member_reads_a_public_channel_but_posting_is_403()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        using var visitor = await ApiClient.SignUpAsync(App, "visitor");
        await SendAsync(owner, room.Id, "Open to all");

        (await visitor.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages")).Messages.ShouldHaveSingleItem();
        var refused = await ApiClient.ProblemAsync(await visitor.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "hi" }), HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString().ShouldBe("Join the room to send messages.");
    }

    [Fact]
    public async Task Bad_bodies_are_400_with_the_field_and_oversized_requests_are_413()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;

        var empty = await ApiClient.ProblemAsync(await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "   " }), HttpStatusCode.BadRequest);
        empty.GetProperty("errors").GetProperty("body")[0].GetString().ShouldBe("Write a message first.");
        var tooLong = await ApiClient.ProblemAsync(await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = new string('a', 10_001) }), HttpStatusCode.BadRequest);
        tooLong.GetProperty("errors").GetProperty("body")[0].GetString()!.ShouldContain("10,000");
        var broken = await owner.Http.PostAsync($"/api/v1/rooms/{room.Id}/messages", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        await ApiClient.ProblemAsync(broken, HttpStatusCode.BadRequest);
        var huge = await owner.Http.PostAsync($"/api/v1/rooms/{room.Id}/messages",
            new StringContent($"{{\"body\":\"{new string('a', 100_000)}\"}}", Encoding.UTF8, "application/json"));
        await ApiClient.ProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);

        (await owner.GetOkAsync<MessagePageDto>($"/api/v1/rooms/{room.Id}/messages")).Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Editing_is_for_the_author_and_keeps_the_history_and_deleting_leaves_a_tombstone()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        var message = await SendAsync(member, room.Id, "Frist post");

        await ApiClient.ProblemAsync(await owner.PatchAsync($"/api/v1/messages/{message.Id}", new { body = "Not yours" }), HttpStatusCode.Forbidden);
        var edited = await ApiClient.ReadAsync<MessageView>(await member.PatchAsync($"/api/v1/messages/{message.Id}", new { body = "First post" }), HttpStatusCode.OK);
        edited.EditedAt.ShouldNotBeNull();
        (await owner.GetOkAsync<List<MessageRevisionView>>($"/api/v1/messages/{message.Id}/revisions")).ShouldHaveSingleItem().BodyHtml.ShouldContain("Frist");

        // A moderator must say why; the author need not.
        await ApiClient.ProblemAsync(await owner.DeleteAsync($"/api/v1/messages/{message.Id}"), HttpStatusCode.BadRequest);
        var deleted = await ApiClient.ReadAsync<MessageView>(await owner.DeleteAsync($"/api/v1/messages/{message.Id}?reason=Spam"), HttpStatusCode.OK);
        deleted.IsDeleted.ShouldBeTrue();
        deleted.Body.ShouldBeEmpty();
        await ApiClient.ProblemAsync(await member.DeleteAsync($"/api/v1/messages/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reactions_are_added_and_removed_idempotently()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        var message = await SendAsync(owner, room.Id, "Ship it?");

        for (var i = 0; i < 2; i++)
        {
            var reacted = await ApiClient.ReadAsync<MessageView>(await member.PutAsync($"/api/v1/messages/{message.Id}/reactions/:tada:"), HttpStatusCode.OK);
            reacted.Reactions.ShouldHaveSingleItem().Emoji.ShouldBe("🎉");
            reacted.Reactions[0].UserIds.ShouldBe([member.Id]);
        }
        var removed = await ApiClient.ReadAsync<MessageView>(await member.DeleteAsync($"/api/v1/messages/{message.Id}/reactions/{Uri.EscapeDataString("🎉")}"), HttpStatusCode.OK);
        removed.Reactions.ShouldBeEmpty();
        (await ApiClient.ReadAsync<MessageView>(await member.DeleteAsync($"/api/v1/messages/{message.Id}/reactions/:tada:"), HttpStatusCode.OK)).Reactions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pins_are_for_moderators_and_listed_for_everyone()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        var message = await SendAsync(member, room.Id, "Read the rules");

        await ApiClient.ProblemAsync(await member.PutAsync($"/api/v1/messages/{message.Id}/pin"), HttpStatusCode.Forbidden);
        (await ApiClient.ReadAsync<MessageView>(await owner.PutAsync($"/api/v1/messages/{message.Id}/pin"), HttpStatusCode.OK)).IsPinned.ShouldBeTrue();
        (await member.GetOkAsync<List<MessageView>>($"/api/v1/rooms/{room.Id}/pins")).ShouldHaveSingleItem().Id.ShouldBe(message.Id);
        (await ApiClient.ReadAsync<MessageView>(await owner.DeleteAsync($"/api/v1/messages/{message.Id}/pin"), HttpStatusCode.OK)).IsPinned.ShouldBeFalse();
        (await member.GetOkAsync<List<MessageView>>($"/api/v1/rooms/{room.Id}/pins")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Thread_replies_are_sent_with_a_root_and_read_as_a_thread()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        var root = await SendAsync(owner, room.Id, "Release notes?");

        var reply = await SendAsync(member, room.Id, "Drafting them", new { body = "Drafting them", threadRootId = root.Id });
        var thread = await owner.GetOkAsync<ThreadView>($"/api/v1/messages/{reply.Id}/thread");

        thread.Root.Id.ShouldBe(root.Id);
        thread.Root.ReplyCount.ShouldBe(1);
        thread.Replies.ShouldHaveSingleItem().Id.ShouldBe(reply.Id);
        var elsewhere = await ApiClient.ProblemAsync(
            await member.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "x", threadRootId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        elsewhere.GetProperty("errors").TryGetProperty("threadRootId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_read_marker_moves_forward_only_and_counts_what_is_unread()
    {
        using var two = await RoomWithTwoAsync();
        var (owner, member, room) = two;
        for (var i = 1; i <= 3; i++) await SendAsync(owner, room.Id, $"news {i} @{member.User.UserName}");

        var before = await member.GetOkAsync<ReadMarker>($"/api/v1/rooms/{room.Id}/read-marker");
        before.Unread.ShouldBe(3);
        before.Mentions.ShouldBe(3);
        var moved = await ApiClient.ReadAsync<ReadMarker>(await member.PutAsync($"/api/v1/rooms/{room.Id}/read-marker", new { lastReadSeq = 2 }), HttpStatusCode.OK);
        moved.LastReadSeq.ShouldBe(2);
        moved.Unread.ShouldBe(1);
        (await ApiClient.ReadAsync<ReadMarker>(await member.PutAsync($"/api/v1/rooms/{room.Id}/read-marker", new { lastReadSeq = 1 }), HttpStatusCode.OK)).LastReadSeq.ShouldBe(2);
        (await owner.GetOkAsync<List<ReadReceipt>>($"/api/v1/rooms/{room.Id}/receipts")).ShouldHaveSingleItem().LastReadSeq.ShouldBe(2);

        using var outsider = await ApiClient.SignUpAsync(App, "outsider");
        await ApiClient.ProblemAsync(await outsider.GetAsync($"/api/v1/rooms/{room.Id}/read-marker"), HttpStatusCode.Forbidden);
        (await member.PostAsync($"/api/v1/rooms/{room.Id}/typing", new { isTyping = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>The page shape of <c>GET /rooms/{id}/messages</c>.</summary>
    private sealed record MessagePageDto(List<MessageView> Messages, bool HasMore);
}

public sealed class MessagesThroughTheApi_on_Sqlite(SqliteApiApp fixture) : MessagesThroughTheApi(fixture), IClassFixture<SqliteApiApp>;

public sealed class MessagesThroughTheApi_on_Postgres(PostgresApiApp fixture) : MessagesThroughTheApi(fixture), IClassFixture<PostgresApiApp>;
