using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Any member toggles any emoji on a message; views say how many, who, and (per viewer) whether I reacted.</summary>
public abstract class MessageReactions(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Reacting_twice_with_the_same_emoji_takes_the_reaction_back()
    {
        var team = await Host.CreateTeamRoomAsync("Toggle");
        var sent = await Host.SayAsync(team.Owner, team.Id, "ship it?");

        var added = await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "👍");
        added.Reactions.ShouldHaveSingleItem().Count.ShouldBe(1);

        var removed = await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "👍");
        removed.Reactions.ShouldBeEmpty();
        (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single().Reactions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_view_carries_counts_and_who_reacted_in_order()
    {
        var team = await Host.CreateTeamRoomAsync("Counts");
        var sent = await Host.SayAsync(team.Owner, team.Id, "lunch?");

        await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "🍕");
        await Host.Reactions().ToggleAsync(team.Moderator.Id, sent.Id, "🍕");
        await Host.Reactions().ToggleAsync(team.Moderator.Id, sent.Id, "🥗");
        var view = (await Host.Messages.GetLatestAsync(team.Outsider.Id, team.Id)).Single();

        view.Reactions.Select(r => (r.Emoji, r.Count)).ShouldBe([("🍕", 2), ("🥗", 1)]);
        view.Reactions[0].UserIds.ShouldBe([team.Member.Id, team.Moderator.Id]);
        view.Reactions[0].UserDisplayNames.ShouldBe([team.Member.DisplayName, team.Moderator.DisplayName]);
        // "Did I react" is each viewer's own question, answered from the same view.
        view.Reactions[0].Includes(team.Member.Id).ShouldBeTrue();
        view.Reactions[1].Includes(team.Member.Id).ShouldBeFalse();
    }

    [Fact]
    public async Task A_message_takes_at_most_twenty_different_emoji()
    {
        var team = await Host.CreateTeamRoomAsync("Emoji limit");
        var sent = await Host.SayAsync(team.Owner, team.Id, "react away");
        var emoji = Enumerable.Range(0, 21).Select(i => char.ConvertFromUtf32(0x1F600 + i)).ToList();
        foreach (var e in emoji.Take(20)) await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, e);

        var refused = await Should.ThrowAsync<ChatLimitException>(() => Host.Reactions().ToggleAsync(team.Owner.Id, sent.Id, emoji[20]));

        refused.Message.ShouldContain("20");
        var view = (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single();
        view.Reactions.Count.ShouldBe(20);
        view.Reactions.ShouldNotContain(r => r.Emoji == emoji[20]);
        // Joining one of the twenty is still fine.
        (await Host.Reactions().ToggleAsync(team.Owner.Id, sent.Id, emoji[0])).Reactions[0].Count.ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_new_emoji_never_take_a_message_past_the_limit()
    {
        var team = await Host.CreateTeamRoomAsync("Emoji race");
        var sent = await Host.SayAsync(team.Owner, team.Id, "race me");
        foreach (var e in Enumerable.Range(0, 18).Select(i => char.ConvertFromUtf32(0x1F600 + i)))
            await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, e);

        // Six new emoji at once; only two fit.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try { await Host.Reactions().ToggleAsync(team.Owner.Id, sent.Id, char.ConvertFromUtf32(0x1F680 + i)); return true; }
            catch (ChatLimitException) { return false; }
        })));

        attempts.Count(added => added).ShouldBe(2);
        (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single().Reactions.Count.ShouldBe(20);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_reaction_is_refused(string emoji)
    {
        var team = await Host.CreateTeamRoomAsync("Empty emoji");
        var sent = await Host.SayAsync(team.Owner, team.Id, "hm");

        (await Should.ThrowAsync<ChatValidationException>(() => Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, emoji))).Field.ShouldBe("Emoji");
    }

    [Fact]
    public async Task A_reaction_is_trimmed_and_limited_to_64_characters()
    {
        var team = await Host.CreateTeamRoomAsync("Long emoji");
        var sent = await Host.SayAsync(team.Owner, team.Id, "hm");

        await Should.ThrowAsync<ChatValidationException>(() => Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, new string('a', 65)));
        var view = await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "  " + new string('a', 64) + " ");

        view.Reactions.ShouldHaveSingleItem().Emoji.ShouldBe(new string('a', 64));
    }

    [Fact]
    public async Task A_shortcode_reacts_with_its_emoji()
    {
        var team = await Host.CreateTeamRoomAsync("Shortcodes");
        var sent = await Host.SayAsync(team.Owner, team.Id, "released!");

        await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, ":tada:");
        var view = await Host.Reactions().ToggleAsync(team.Owner.Id, sent.Id, "🎉");

        view.Reactions.ShouldHaveSingleItem().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Someone_who_has_not_joined_cannot_react()
    {
        var team = await Host.CreateTeamRoomAsync("Readers only");
        var sent = await Host.SayAsync(team.Owner, team.Id, "public news");

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reactions().ToggleAsync(team.Outsider.Id, sent.Id, "👀"));

        (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single().Reactions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reactions_in_a_private_room_are_hidden_from_outsiders()
    {
        var team = await Host.CreateTeamRoomAsync("Private reactions", isPrivate: true);
        var sent = await Host.SayAsync(team.Owner, team.Id, "members only");

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Reactions().ToggleAsync(team.Outsider.Id, sent.Id, "👀"));
    }

    [Fact]
    public async Task Reacting_in_an_archived_room_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Archived reactions");
        var sent = await Host.SayAsync(team.Owner, team.Id, "frozen");
        await Host.ArchiveAsync(team.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "🧊"));
    }

    [Fact]
    public async Task A_reaction_is_published_with_everyone_who_reacted_not_with_the_reactor_in_mind()
    {
        var team = await Host.CreateTeamRoomAsync("Live reactions");
        var sent = await Host.SayAsync(team.Owner, team.Id, "vote");
        using var events = Host.Record(Topics.Room(team.Id));

        await Host.Reactions().ToggleAsync(team.Member.Id, sent.Id, "✅");

        var group = events.Of<MessageChanged>().ShouldHaveSingleItem().Message.Reactions.ShouldHaveSingleItem();
        group.Includes(team.Member.Id).ShouldBeTrue();
        group.Includes(team.Owner.Id).ShouldBeFalse();
    }
}

public sealed class MessageReactions_on_Sqlite(SqliteChatHost fixture) : MessageReactions(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageReactions_on_Postgres(PostgresChatHost fixture) : MessageReactions(fixture), IClassFixture<PostgresChatHost>;
