using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Attachments;

/// <summary>Images and files shared in a room reach the other members live; refusals are announced where they happened.</summary>
[Collection(ChatCollection.Name)]
public sealed class SharingFiles(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task A_member_attaches_an_image_and_another_sees_the_thumbnail_live_and_opens_the_viewer()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Pictures");
        await using var _ = alice;
        await using var __ = bob;

        await alice.AttachAsync(ChatMember.Png("sunset.png", 1200, 600));
        await alice.ExpectFilesUploadedAsync(1);
        await Expect(alice.FilesToSend).ToContainTextAsync("sunset.png");
        await alice.SendAsync("Look at this sky");

        var picture = bob.Message("Look at this sky").GetByRole(AriaRole.Img, new() { Name = "sunset.png", Exact = true });
        await Expect(picture).ToBeVisibleAsync();
        // The page reserved the picture's space from the stored size (800 wide preview, 2:1).
        await Expect(picture).ToHaveAttributeAsync("width", "800");
        await Expect(picture).ToHaveAttributeAsync("height", "400");
        await ChatMember.ExpectLoadedAsync(picture);
        await Expect(alice.FilesToSend).ToHaveCountAsync(0);

        await picture.ClickAsync();

        var viewer = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = "sunset.png" });
        await Expect(viewer).ToBeVisibleAsync();
        var full = viewer.GetByRole(AriaRole.Img, new() { Name = "sunset.png" });
        await ChatMember.ExpectLoadedAsync(full);
        Assert.Equal(1200, await full.EvaluateAsync<int>("img => img.naturalWidth"));
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();

        await bob.Page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_text_file_named_like_an_image_is_refused_with_an_alert_and_files_alone_can_be_sent()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Documents");
        await using var _ = alice;
        await using var __ = bob;

        await alice.AttachAsync(
            new FilePayload { Name = "holiday.png", MimeType = "image/png", Buffer = "not really a picture"u8.ToArray() },
            new FilePayload { Name = "agenda.txt", MimeType = "text/plain", Buffer = "1. Files\n2. Images\n"u8.ToArray() });

        await Expect(alice.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "holiday.png" }))
            .ToHaveTextAsync("“holiday.png” is not a JPEG, PNG, GIF or WebP image.");
        await alice.FilesToSend.GetByRole(AriaRole.Button, new() { Name = "Remove holiday.png" }).ClickAsync();
        await alice.ExpectFilesUploadedAsync(1);

        await alice.RoomComposer.FocusAsync();
        await alice.RoomComposer.PressAsync("Enter");

        var card = bob.Messages.GetByRole(AriaRole.Link, new() { Name = "agenda.txt" });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("download", "agenda.txt");
        await Expect(bob.Messages.GetByRole(AriaRole.Link, new() { Name = "holiday.png" })).ToHaveCountAsync(0);
    }
}
