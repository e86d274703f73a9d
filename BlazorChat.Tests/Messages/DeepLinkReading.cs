using BlazorChat.Core.Common;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>A deep link /r/{slug}/{seq} reads the message with the messages around it.</summary>
public sealed class DeepLinkReading(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private async Task<MessageTestRoom> RoomWithAsync(int count, bool isPrivate = false)
    {
        var team = await Host.CreateTeamRoomAsync("Deep links", isPrivate);
        for (var i = 1; i <= count; i++) await Host.SayAsync(team.Owner, team.Id, $"message {i}");
        return team;
    }

    [Fact]
    public async Task The_message_comes_with_the_messages_before_and_after_it_in_order()
    {
        var team = await RoomWithAsync(30);

        var around = await Host.Messages.GetAroundAsync(team.Member.Id, team.Id, seq: 15, before: 5, after: 3);

        around.Select(m => m.Seq).ShouldBe([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    }

    [Fact]
    public async Task Near_either_end_only_what_exists_is_returned()
    {
        var team = await RoomWithAsync(10);

        (await Host.Messages.GetAroundAsync(team.Member.Id, team.Id, seq: 2, before: 5, after: 2)).Select(m => m.Seq).ShouldBe([1, 2, 3, 4]);
        (await Host.Messages.GetAroundAsync(team.Member.Id, team.Id, seq: 9, before: 2, after: 5)).Select(m => m.Seq).ShouldBe([7, 8, 9, 10]);
    }

    [Fact]
    public async Task A_number_past_the_end_gives_the_newest_messages()
    {
        var team = await RoomWithAsync(10);

        (await Host.Messages.GetAroundAsync(team.Member.Id, team.Id, seq: 99, before: 3)).Select(m => m.Seq).ShouldBe([8, 9, 10]);
    }

    [Fact]
    public async Task A_deep_link_into_a_private_room_finds_nothing_for_an_outsider()
    {
        var team = await RoomWithAsync(3, isPrivate: true);

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetAroundAsync(team.Outsider.Id, team.Id, seq: 2));
    }
}
