using BlazorChat.Core.Common;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Attachments;

/// <summary>Profile pictures go through the image pipeline and come out as 256×256 squares without metadata.</summary>
public sealed class Avatars(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private async Task<byte[]> ReadAsync(Guid userId)
    {
        var avatar = (await Host.Avatars().OpenAsync(userId)).ShouldNotBeNull();
        await using var stored = avatar.Stored.ShouldNotBeNull();
        using var copy = new MemoryStream();
        await stored.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task An_uploaded_picture_is_cropped_to_256_square_without_its_GPS()
    {
        var user = await Host.CreateUserAsync("face");

        var version = await Host.Avatars().SetAsync(user.Id, "me.jpg", new MemoryStream(TestFiles.PhotoWithGpsAndArtist(".jpg", 600, 400)));

        (await Host.Avatars().GetVersionAsync(user.Id)).ShouldBe(version);
        var stored = await ReadAsync(user.Id);
        var facts = TestFiles.Describe(stored);
        (facts.Format, facts.Width, facts.Height).ShouldBe(("Webp", 256, 256));
        facts.Metadata.ShouldBeEmpty();
        System.Text.Encoding.Latin1.GetString(stored).ShouldNotContain(TestFiles.Artist);
    }

    [Fact]
    public async Task A_new_picture_replaces_the_old_one_and_removing_it_brings_back_the_default()
    {
        var user = await Host.CreateUserAsync("swap");
        var first = await Host.Avatars().SetAsync(user.Id, "a.png", new MemoryStream(TestFiles.Image(".png", 300, 300)));
        var second = await Host.Avatars().SetAsync(user.Id, "b.png", new MemoryStream(TestFiles.Image(".png", 300, 300)));

        second.ShouldNotBe(first);
        (await Host.Store().OpenAsync($"avatars/{user.Id:N}/{first}")).ShouldBeNull();

        await Host.Avatars().RemoveAsync(user.Id);
        var avatar = (await Host.Avatars().OpenAsync(user.Id)).ShouldNotBeNull();
        avatar.Stored.ShouldBeNull();
        avatar.Svg.ShouldNotBeNull().ShouldStartWith("<svg");
        (await Host.Store().OpenAsync($"avatars/{user.Id:N}/{second}")).ShouldBeNull();
    }

    [Fact]
    public async Task A_document_is_not_a_profile_picture()
    {
        var user = await Host.CreateUserAsync("doc");

        await Should.ThrowAsync<ChatValidationException>(() => Host.Avatars().SetAsync(user.Id, "cv.pdf", new MemoryStream(TestFiles.Text("%PDF-1.4"))));
    }

    [Theory]
    [InlineData("Ada Lovelace", "AL")]
    [InlineData("grace_hopper", "GH")]
    [InlineData("linus", "L")]
    [InlineData("élodie", "É")]
    [InlineData("<script>", "<")]
    public void The_default_picture_shows_up_to_two_initials(string name, string initials)
    {
        Identicon.Initials(name).ShouldBe(initials);
    }

    [Fact]
    public void The_default_picture_is_the_same_every_time_and_escapes_the_name()
    {
        var id = Guid.NewGuid();

        Identicon.Svg(id, "<b>").ShouldBe(Identicon.Svg(id, "<b>"));
        Identicon.Svg(id, "<b>").ShouldContain("&lt;");
        Identicon.Svg(id, "<b>").ShouldNotContain("<b>");
    }
}
