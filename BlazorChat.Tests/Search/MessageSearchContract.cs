using BlazorChat.Core.Messages;
using BlazorChat.Core.Search;
using BlazorChat.Tests.Attachments;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Search;

/// <summary>
/// What search promises, the same on SQLite (FTS5) and PostgreSQL (tsvector): words, phrases,
/// exclusions and filters find the right messages, only in rooms the searcher may read, and an
/// edit or delete shows in the next search at once. Each test searches for words of its own.
/// </summary>
public abstract class MessageSearchContract(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;
    private MessageSearch Search => Host.Services.GetRequiredService<MessageSearch>();

    /// <summary>A word no other test uses.</summary>
    private static string Word(string stem) => $"{stem}{Guid.NewGuid():N}"[..(stem.Length + 10)];

    private Task<SearchResults> FindAsync(Guid viewerId, string text, SearchOrder order = SearchOrder.Newest, string? cursor = null, TimeZoneInfo? zone = null) =>
        Search.SearchAsync(viewerId, text, zone ?? TimeZoneInfo.Utc, order, cursor);

    private static List<string> Bodies(SearchResults results) => [.. results.Items.Select(i => i.Message.Message.Body)];

    [Fact]
    public async Task A_word_finds_the_message_with_its_room_link_and_a_highlighted_snippet()
    {
        var team = await Host.CreateTeamRoomAsync("Search basics");
        var word = Word("kiwi");
        await Host.SayAsync(team.Owner, team.Id, "nothing to see here");
        var sent = await Host.SayAsync(team.Member, team.Id, $"The quick {word} jumps over the lazy dog");

        var results = await FindAsync(team.Moderator.Id, word.ToUpperInvariant());

        var hit = results.Items.ShouldHaveSingleItem();
        hit.Message.Message.Id.ShouldBe(sent.Id);
        hit.Message.RoomName.ShouldBe("Search basics");
        hit.Message.Link.ShouldBe($"r/{team.Room.Slug}/{sent.Seq}");
        hit.Message.Message.AuthorDisplayName.ShouldBe(team.Member.DisplayName);
        hit.Snippet.Parts.Where(p => p.IsMatch).Select(p => p.Text.ToLowerInvariant()).ShouldBe([word]);
        hit.Snippet.Text.ShouldContain("The quick");
        results.NextCursor.ShouldBeNull();
        results.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_words_must_both_appear_a_phrase_keeps_its_order_and_a_minus_leaves_out()
    {
        var team = await Host.CreateTeamRoomAsync("Search words");
        var (a, b, c) = (Word("alpha"), Word("bravo"), Word("charlie"));
        await Host.SayAsync(team.Member, team.Id, $"{a} {b} together");
        await Host.SayAsync(team.Member, team.Id, $"{b} then {a} reversed");
        await Host.SayAsync(team.Member, team.Id, $"only {a} here");
        await Host.SayAsync(team.Member, team.Id, $"{a} {b} and {c}");

        Bodies(await FindAsync(team.Owner.Id, $"{a} {b}")).Count.ShouldBe(3);
        Bodies(await FindAsync(team.Owner.Id, $"\"{a} {b}\"")).ShouldBe([$"{a} {b} and {c}", $"{a} {b} together"]);
        Bodies(await FindAsync(team.Owner.Id, $"{a} -{c}")).ShouldBe([$"only {a} here", $"{b} then {a} reversed", $"{a} {b} together"]);
        Bodies(await FindAsync(team.Owner.Id, $"{a} -\"{a} {b}\"")).ShouldBe([$"only {a} here", $"{b} then {a} reversed"]);
    }

    [Fact]
    public async Task From_and_in_narrow_to_people_and_rooms_and_unknown_names_are_explained()
    {
        var team = await Host.CreateTeamRoomAsync("Search filters");
        var other = await Host.CreateTeamRoomAsync("Search other room");
        await Host.AddMemberAsync(other.Id, team.Member.Id);
        var word = Word("filter");
        await Host.SayAsync(team.Member, team.Id, $"{word} by member here");
        await Host.SayAsync(team.Owner, team.Id, $"{word} by owner here");
        await Host.SayAsync(team.Member, other.Id, $"{word} by member there");

        Bodies(await FindAsync(team.Member.Id, $"{word} from:@{team.Member.UserName}"))
            .ShouldBe([$"{word} by member there", $"{word} by member here"]);
        Bodies(await FindAsync(team.Member.Id, $"{word} in:#{team.Room.Slug}"))
            .ShouldBe([$"{word} by owner here", $"{word} by member here"]);
        Bodies(await FindAsync(team.Member.Id, $"{word} in:\"Search other room\" from:{team.Member.UserName}"))
            .ShouldBe([$"{word} by member there"]);
        // Filters alone are a query too.
        Bodies(await FindAsync(team.Member.Id, $"from:@{team.Owner.UserName} in:#{team.Room.Slug}")).ShouldBe([$"{word} by owner here"]);

        var nobody = await FindAsync(team.Member.Id, $"{word} from:@nobody_here_at_all");
        nobody.Items.ShouldBeEmpty();
        nobody.Problems.ShouldContain("No one has the username \"@nobody_here_at_all\".");
        var noRoom = await FindAsync(team.Member.Id, $"{word} in:#no-such-room");
        noRoom.Items.ShouldBeEmpty();
        noRoom.Problems.ShouldContain("There is no room \"#no-such-room\" that you can read.");
    }

    [Fact]
    public async Task Only_rooms_the_searcher_may_read_are_searched()
    {
        var word = Word("secret");
        var privateTeam = await Host.CreateTeamRoomAsync("Search private", isPrivate: true);
        var publicTeam = await Host.CreateTeamRoomAsync("Search public");
        await Host.SayAsync(privateTeam.Member, privateTeam.Id, $"{word} in private");
        await Host.SayAsync(publicTeam.Member, publicTeam.Id, $"{word} in public");

        // Members read their private room; everyone reads public channels without joining.
        Bodies(await FindAsync(privateTeam.Member.Id, word)).ShouldBe([$"{word} in public", $"{word} in private"]);
        Bodies(await FindAsync(privateTeam.Outsider.Id, word)).ShouldBe([$"{word} in public"]);
        var named = await FindAsync(privateTeam.Outsider.Id, $"{word} in:#{privateTeam.Room.Slug}");
        named.Items.ShouldBeEmpty();
        named.Problems.ShouldContain($"There is no room \"#{privateTeam.Room.Slug}\" that you can read.");

        // Leaving a private room takes its messages out of one's results at once.
        await Host.Rooms.LeaveAsync(privateTeam.Member.Id, privateTeam.Id);
        Bodies(await FindAsync(privateTeam.Member.Id, word)).ShouldBe([$"{word} in public"]);
    }

    [Fact]
    public async Task Edits_and_deletes_show_in_the_next_search()
    {
        var team = await Host.CreateTeamRoomAsync("Search changes");
        var (before, after, gone) = (Word("before"), Word("after"), Word("gone"));
        var edited = await Host.SayAsync(team.Member, team.Id, $"first draft {before}");
        var deleted = await Host.SayAsync(team.Member, team.Id, $"soon {gone}");
        (await FindAsync(team.Owner.Id, gone)).Items.ShouldHaveSingleItem();

        await Host.Editing().EditAsync(team.Member.Id, edited.Id, $"second draft {after}");
        await Host.Editing().DeleteAsync(team.Member.Id, deleted.Id);

        (await FindAsync(team.Owner.Id, before)).Items.ShouldBeEmpty();
        Bodies(await FindAsync(team.Owner.Id, after)).ShouldBe([$"second draft {after}"]);
        (await FindAsync(team.Owner.Id, gone)).Items.ShouldBeEmpty();
        (await FindAsync(team.Owner.Id, $"from:@{team.Member.UserName} in:#{team.Room.Slug}")).Items
            .Select(i => i.Message.Message.Id).ShouldBe([edited.Id]);
    }

    [Fact]
    public async Task Has_link_and_is_pinned_filter()
    {
        var team = await Host.CreateTeamRoomAsync("Search flags");
        var word = Word("flag");
        await Host.SayAsync(team.Member, team.Id, $"{word} plain text");
        var linked = await Host.SayAsync(team.Member, team.Id, $"{word} see https://example.com/docs");
        var pinned = await Host.SayAsync(team.Member, team.Id, $"{word} remember this");
        await Host.Pins().PinAsync(team.Owner.Id, pinned.Id);
        var edited = await Host.SayAsync(team.Member, team.Id, $"{word} no link yet");
        await Host.Editing().EditAsync(team.Member.Id, edited.Id, $"{word} now [a link](https://example.org)");

        (await FindAsync(team.Owner.Id, $"{word} has:link")).Items.Select(i => i.Message.Message.Id).ShouldBe([edited.Id, linked.Id]);
        (await FindAsync(team.Owner.Id, $"{word} is:pinned")).Items.Select(i => i.Message.Message.Id).ShouldBe([pinned.Id]);

    }

    [Fact]
    public async Task Has_file_finds_messages_with_files_and_has_image_those_with_pictures()
    {
        var team = await Host.CreateTeamRoomAsync("Search files");
        var word = Word("attached");
        await Host.SayAsync(team.Member, team.Id, $"{word} nothing attached");
        var document = await Host.UploadAsync(team.Member, team.Id, "notes.txt", TestFiles.Text("minutes"));
        var withDocument = await Host.Messages.SendAsync(team.Member.Id, team.Id, Guid.NewGuid(), $"{word} the notes",
            new SendOptions(AttachmentIds: [document.Id]));
        var picture = await Host.UploadAsync(team.Member, team.Id, "board.png", TestFiles.Image(".png", 40, 30));
        var withPicture = await Host.Messages.SendAsync(team.Member.Id, team.Id, Guid.NewGuid(), "",
            new SendOptions(AttachmentIds: [picture.Id]));

        var files = await FindAsync(team.Owner.Id, $"{word} has:file");
        files.Problems.ShouldBeEmpty();
        files.Items.Select(i => i.Message.Message.Id).ShouldBe([withDocument.Id]);
        (await FindAsync(team.Owner.Id, $"in:#{team.Room.Slug} has:file")).Items.Select(i => i.Message.Message.Id).ShouldBe([withPicture.Id, withDocument.Id]);
        (await FindAsync(team.Owner.Id, $"in:#{team.Room.Slug} has:image")).Items.Select(i => i.Message.Message.Id).ShouldBe([withPicture.Id]);

        await Host.Editing().DeleteAsync(team.Member.Id, withPicture.Id);
        (await FindAsync(team.Owner.Id, $"in:#{team.Room.Slug} has:image")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Dates_are_days_in_the_searchers_time_zone()
    {
        var team = await Host.CreateTeamRoomAsync("Search dates");
        var word = Word("dated");
        var late = await Host.SayAsync(team.Member, team.Id, $"{word} late on the first");
        var early = await Host.SayAsync(team.Member, team.Id, $"{word} early on the second");
        await SetCreatedAtAsync(late.Id, new DateTimeOffset(2026, 3, 1, 21, 30, 0, TimeSpan.Zero));  // 23:30 at UTC+2
        await SetCreatedAtAsync(early.Id, new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.Zero)); // 00:30 next day at UTC+2
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

        Bodies(await FindAsync(team.Owner.Id, $"{word} on:2026-03-01", zone: plusTwo)).ShouldBe([$"{word} late on the first"]);
        Bodies(await FindAsync(team.Owner.Id, $"{word} on:2026-03-01")).Count.ShouldBe(2);
        Bodies(await FindAsync(team.Owner.Id, $"{word} after:2026-03-01", zone: plusTwo)).ShouldBe([$"{word} early on the second"]);
        Bodies(await FindAsync(team.Owner.Id, $"{word} before:2026-03-02", zone: plusTwo)).ShouldBe([$"{word} late on the first"]);
        (await FindAsync(team.Owner.Id, $"{word} after:2026-03-02 before:2026-03-04", zone: plusTwo)).Items.ShouldBeEmpty();
        var bad = await FindAsync(team.Owner.Id, $"{word} on:someday");
        bad.Problems.ShouldContain(p => p.StartsWith("on: needs a date", StringComparison.Ordinal));
        bad.Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Pages_continue_without_overlap_newest_first_and_by_relevance()
    {
        var team = await Host.CreateTeamRoomAsync("Search paging");
        var word = Word("page");
        var sent = new List<MessageView>();
        for (var i = 0; i < 25; i++)
            sent.Add(await Host.SayAsync(team.Member, team.Id, i == 3 ? $"{word} {word} {word} best" : $"{word} number {i} with some more words after it"));

        var first = await FindAsync(team.Owner.Id, word);
        first.Items.Count.ShouldBe(MessageSearch.PageSize);
        first.NextCursor.ShouldNotBeNull();
        var second = await FindAsync(team.Owner.Id, word, cursor: first.NextCursor);
        second.NextCursor.ShouldBeNull();
        first.Items.Concat(second.Items).Select(i => i.Message.Message.Id).ShouldBe(sent.Select(m => m.Id).Reverse());

        var best = await FindAsync(team.Owner.Id, word, SearchOrder.Relevance);
        best.Items[0].Message.Message.Id.ShouldBe(sent[3].Id);
        var rest = await FindAsync(team.Owner.Id, word, SearchOrder.Relevance, best.NextCursor);
        best.Items.Concat(rest.Items).Select(i => i.Message.Message.Id).Order().ShouldBe(sent.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task A_query_without_words_or_filters_finds_nothing_and_says_why()
    {
        var team = await Host.CreateTeamRoomAsync("Search empty");
        var word = Word("lonely");
        await Host.SayAsync(team.Member, team.Id, $"{word} one");
        await Host.SayAsync(team.Member, team.Id, "two");

        var onlyExcluded = await FindAsync(team.Owner.Id, $"-{word}");
        onlyExcluded.Items.ShouldBeEmpty();
        onlyExcluded.Problems.ShouldContain(p => p.StartsWith("Add a word or a filter", StringComparison.Ordinal));
        (await FindAsync(team.Owner.Id, "   ")).Items.ShouldBeEmpty();
        // With a filter, leaving words out works.
        Bodies(await FindAsync(team.Owner.Id, $"in:#{team.Room.Slug} -{word}")).ShouldBe(["two"]);
        var unknown = await FindAsync(team.Owner.Id, $"{word} colour:blue");
        unknown.Problems.ShouldContain(p => p.Contains("\"colour:\" is not a filter"));
        Bodies(unknown).ShouldBe([$"{word} one"]);
    }

    private async Task SetCreatedAtAsync(Guid messageId, DateTimeOffset at)
    {
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(m => m.SetProperty(x => x.CreatedAt, at));
    }
}

public sealed class MessageSearchContract_on_Sqlite(SqliteChatHost fixture) : MessageSearchContract(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageSearchContract_on_Postgres(PostgresChatHost fixture) : MessageSearchContract(fixture), IClassFixture<PostgresChatHost>;
