using System.Net;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Attachments;

/// <summary>Files over HTTP: only for readers of their room (everyone else gets 404), never sniffed, cached as immutable.</summary>
public sealed class FileServing(SqliteWebApp fixture) : IClassFixture<SqliteWebApp>
{
    private ChatWebApplication App => fixture.App;

    private T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    private async Task<(ChatUser User, WebSession Session)> SignedInAsync(string prefix)
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..16];
        ChatUser user;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .RegisterAsync($"{username}@example.test", username, ChatTestHost.Password);
            user = result.User.ShouldNotBeNull();
        }
        var session = App.CreateSession();
        var form = await session.GetAsync("/Account/Login");
        var submitted = await session.SubmitAsync(form, "login", new Dictionary<string, string> { ["Input.Login"] = username, ["Input.Password"] = ChatTestHost.Password });
        submitted.Status.ShouldBe(HttpStatusCode.Redirect);
        return (user, session);
    }

    private async Task<AttachmentView> SendFileAsync(ChatUser author, Guid roomId, string name, byte[] bytes)
    {
        var uploaded = await Service<AttachmentService>().UploadAsync(author.Id, roomId, name, new MemoryStream(bytes));
        await Service<MessageService>().SendAsync(author.Id, roomId, Guid.NewGuid(), "", new SendOptions(AttachmentIds: [uploaded.Id]));
        return uploaded;
    }

    [Fact]
    public async Task A_member_downloads_a_file_with_a_safe_name_and_no_sniffing()
    {
        var (member, session) = await SignedInAsync("dl");
        using var _ = session;
        var room = await Service<RoomService>().CreateChannelAsync(member.Id, $"Files {Guid.NewGuid():N}"[..20], null, isPrivate: true);
        var file = await SendFileAsync(member, room.Id, "Grüße \"quoted\".txt", TestFiles.Text("hello"));

        var response = await session.Client.GetAsync($"/files/{file.Id:N}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("hello");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        var disposition = response.Content.Headers.ContentDisposition.ShouldNotBeNull();
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileNameStar.ShouldBe("Grüße _quoted_.txt");
        response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        response.Headers.CacheControl.Private.ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_from_room_A_requested_by_a_non_member_is_404()
    {
        var (member, memberSession) = await SignedInAsync("ina");
        var (_, outsiderSession) = await SignedInAsync("out");
        using var a = memberSession;
        using var b = outsiderSession;
        var room = await Service<RoomService>().CreateChannelAsync(member.Id, $"Room A {Guid.NewGuid():N}"[..20], null, isPrivate: true);
        var image = await SendFileAsync(member, room.Id, "p.png", TestFiles.Image(".png", 64, 64));

        foreach (var url in new[] { $"/files/{image.Id:N}", $"/files/{image.Id:N}/thumb", $"/files/{image.Id:N}/preview" })
        {
            (await outsiderSession.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await memberSession.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
        (await outsiderSession.Client.GetAsync($"/files/{Guid.NewGuid():N}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_image_size_is_served_inline_as_webp()
    {
        var (member, session) = await SignedInAsync("img");
        using var _ = session;
        var room = await Service<RoomService>().CreateChannelAsync(member.Id, $"Pics {Guid.NewGuid():N}"[..20], null, isPrivate: false);
        var image = await SendFileAsync(member, room.Id, "p.jpg", TestFiles.Image(".jpg", 900, 600));

        var response = await session.Client.GetAsync($"/files/{image.Id:N}/preview");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
    }

    [Fact]
    public async Task Someone_without_a_profile_picture_gets_a_generated_one_with_their_initials()
    {
        var (member, session) = await SignedInAsync("av");
        using var _ = session;

        var response = await session.Client.GetAsync($"/avatars/{member.Id:N}?v=default");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await response.Content.ReadAsStringAsync()).ShouldContain($">{Identicon.Initials(member.DisplayName)}<");
    }

    [Fact]
    public async Task Files_are_only_for_signed_in_people()
    {
        using var anonymous = App.CreateSession();

        var response = await anonymous.Client.GetAsync($"/files/{Guid.NewGuid():N}");

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized);
    }
}
