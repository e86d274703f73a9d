using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Empty and over-long bodies are refused on the Body field and store nothing.</summary>
public sealed class MessageValidation(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    public async Task An_empty_body_is_refused_on_the_body_field(string body)
    {
        var (room, owner) = await Host.CreateChannelAsync("Empty bodies");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), body));

        refused.Field.ShouldBe("Body");
        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_over_10000_characters_is_refused_on_the_body_field()
    {
        var (room, owner) = await Host.CreateChannelAsync("Long bodies");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), new string('a', Message.BodyMaxLength + 1)));

        refused.Field.ShouldBe("Body");
        refused.Message.ShouldContain("10,000");
        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0)).ShouldBeEmpty();
        (await Host.Rooms.OpenAsync(owner.Id, room.Slug)).LastSeq.ShouldBe(0);
    }

    [Fact]
    public async Task A_body_of_exactly_10000_characters_is_stored()
    {
        var (room, owner) = await Host.CreateChannelAsync("Longest body");

        var sent = await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), new string('a', Message.BodyMaxLength));

        sent.Seq.ShouldBe(1);
        sent.BodyHtml.ShouldContain(new string('a', Message.BodyMaxLength));
    }
}
