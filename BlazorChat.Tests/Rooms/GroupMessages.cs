using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorChat.Tests.Rooms;

/// <summary>A group message has 3 people or more, up to the group limit; without a name it is named after them.</summary>
public sealed class GroupMessages(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    /// <summary>The service with a small group limit, on the same database and bus, so the limit is reachable with a few people.</summary>
    private RoomService WithGroupLimit(int people) => new(Host.DbFactory, Host.Services.GetRequiredService<IEventBus>(), TimeProvider.System,
        Options.Create(new RoomLimits { GroupMessageMembers = people }));

    [Fact]
    public async Task The_creator_owns_a_new_group_named_after_its_people_and_everyone_gets_it_in_their_sidebar()
    {
        var carol = await Host.CreateUserAsync("carol");
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");
        using var events = new EventRecorder(Host, Topics.User(alice.Id), Topics.User(bob.Id), Topics.User(carol.Id));

        var group = await Host.Rooms.CreateGroupAsync(carol.Id, [alice.Id, bob.Id]);

        group.Kind.ShouldBe(RoomKind.GroupMessage);
        group.ViewerRole.ShouldBe(RoomRole.Owner);
        group.Slug.ShouldStartWith("group-");
        group.Name.ShouldBe(string.Join(", ", new[] { alice.DisplayName, bob.DisplayName, carol.DisplayName }.Order(StringComparer.CurrentCultureIgnoreCase)));
        var members = await Host.Rooms.ListMembersAsync(alice.Id, group.Id);
        members.Select(m => (m.UserId, m.Role)).ShouldBe([(carol.Id, RoomRole.Owner), (alice.Id, RoomRole.Member), (bob.Id, RoomRole.Member)], ignoreOrder: true);
        events.Of<RoomJoined>().Select(e => e.UserId).ShouldBe([alice.Id, bob.Id, carol.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_given_name_is_used()
    {
        var (creator, a, b) = (await Host.CreateUserAsync("c"), await Host.CreateUserAsync("a"), await Host.CreateUserAsync("b"));

        (await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id], "  Launch crew ")).Name.ShouldBe("Launch crew");
    }

    [Fact]
    public async Task Starting_a_group_with_the_same_people_again_opens_the_existing_one()
    {
        var (creator, a, b) = (await Host.CreateUserAsync("c"), await Host.CreateUserAsync("a"), await Host.CreateUserAsync("b"));
        var first = await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id]);
        var other = await Host.CreateUserAsync("d");

        (await Host.Rooms.CreateGroupAsync(a.Id, [b.Id, creator.Id])).Id.ShouldBe(first.Id);
        (await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id, other.Id])).Id.ShouldNotBe(first.Id);
        (await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id], "Another topic")).Id.ShouldNotBe(first.Id);
    }

    [Fact]
    public async Task Fewer_than_three_people_is_not_a_group_and_nothing_is_created()
    {
        var creator = await Host.CreateUserAsync("c");
        var other = await Host.CreateUserAsync("o");

        (await Should.ThrowAsync<ChatValidationException>(() => Host.Rooms.CreateGroupAsync(creator.Id, [other.Id]))).Field.ShouldBe("People");
        await Should.ThrowAsync<ChatValidationException>(() => Host.Rooms.CreateGroupAsync(creator.Id, [other.Id, other.Id, creator.Id]));

        (await Host.Rooms.ListMineAsync(creator.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_group_with_unknown_people_is_refused()
    {
        var creator = await Host.CreateUserAsync("c");
        var other = await Host.CreateUserAsync("o");

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.CreateGroupAsync(creator.Id, [other.Id, Guid.NewGuid()]));

        (await Host.Rooms.ListMineAsync(creator.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_group_larger_than_the_limit_is_refused_at_creation_and_when_adding()
    {
        var rooms = WithGroupLimit(4);
        var people = new List<Core.Users.ChatUser>();
        for (var i = 0; i < 5; i++) people.Add(await Host.CreateUserAsync($"p{i}"));
        var creator = people[0];

        var tooMany = await Should.ThrowAsync<ChatLimitException>(() => rooms.CreateGroupAsync(creator.Id, [.. people.Skip(1).Select(p => p.Id)]));
        tooMany.Message.ShouldContain("at most 4 people");
        (await Host.Rooms.ListMineAsync(creator.Id)).ShouldBeEmpty();

        var group = await rooms.CreateGroupAsync(creator.Id, [.. people.Skip(1).Take(3).Select(p => p.Id)]);
        var before = await RoomState.OfAsync(Host, group.Id);
        await Should.ThrowAsync<ChatLimitException>(() => rooms.InviteAsync(people[1].Id, group.Id, [people[4].Id]));
        (await RoomState.OfAsync(Host, group.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Any_member_of_a_group_adds_people()
    {
        var (creator, a, b) = (await Host.CreateUserAsync("c"), await Host.CreateUserAsync("a"), await Host.CreateUserAsync("b"));
        var group = await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id]);
        var newcomer = await Host.CreateUserAsync("n");

        await Host.Rooms.InviteAsync(b.Id, group.Id, [newcomer.Id]);

        (await Host.Rooms.ListMembersAsync(b.Id, group.Id)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_group_is_invisible_to_outsiders()
    {
        var (creator, a, b) = (await Host.CreateUserAsync("c"), await Host.CreateUserAsync("a"), await Host.CreateUserAsync("b"));
        var group = await Host.Rooms.CreateGroupAsync(creator.Id, [a.Id, b.Id]);
        var outsider = await Host.CreateUserAsync("x");

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.OpenAsync(outsider.Id, group.Slug));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.ListMembersAsync(outsider.Id, group.Id));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.JoinAsync(outsider.Id, group.Id));
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.RoomMembers.CountAsync(m => m.RoomId == group.Id)).ShouldBe(3);
    }
}
