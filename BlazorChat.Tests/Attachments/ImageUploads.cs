using System.Diagnostics;
using System.Text;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;

namespace BlazorChat.Tests.Attachments;

/// <summary>
/// Uploads are judged by their content: images are read by their header before anything decodes
/// them, then re-encoded (metadata gone, trailing bytes gone) with a thumbnail and a preview.
/// Every file here is real, made by libvips or written byte by byte.
/// </summary>
public sealed class ImageUploads(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task A_JPEG_with_GPS_in_its_EXIF_is_stored_without_it()
    {
        var team = await Host.CreateTeamRoomAsync("Holiday photos");
        var photo = await TestFiles.JpegWithGpsAsync();
        (await TestFiles.HeaderFieldsAsync(photo, ".jpg")).ShouldContain("GPSLatitudeRef", customMessage: "the test photo must carry GPS to begin with");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "IMG_0042.jpg", photo);

        uploaded.Kind.ShouldBe(AttachmentKind.Image);
        uploaded.ContentType.ShouldBe("image/jpeg");
        (uploaded.Width, uploaded.Height).ShouldBe((640, 480));
        var stored = (await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull();
        var fields = await TestFiles.HeaderFieldsAsync(stored, ".jpg");
        fields.ShouldNotContain("GPS");
        fields.ShouldNotContain("exif-data");
        Encoding.ASCII.GetString(stored).ShouldNotContain("Exif");
        foreach (var size in new[] { AttachmentVariant.Thumbnail, AttachmentVariant.Preview })
            (await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id, size)).ShouldNotBeNull(), ".webp")).ShouldNotContain("GPS");
    }

    [Fact]
    public async Task A_WebP_with_GPS_in_its_EXIF_is_stored_without_it_in_every_size()
    {
        var team = await Host.CreateTeamRoomAsync("WebP photos");
        var photo = await TestFiles.ConvertAsync(await TestFiles.JpegWithGpsAsync(), ".jpg", ".webp");
        (await TestFiles.HeaderFieldsAsync(photo, ".webp")).ShouldContain("GPSLatitudeRef", customMessage: "the test photo must carry GPS to begin with");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "phone.webp", photo);

        uploaded.ContentType.ShouldBe("image/webp");
        foreach (var variant in Enum.GetValues<AttachmentVariant>())
        {
            var fields = await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id, variant)).ShouldNotBeNull(), ".webp");
            // libvips writes a fresh EXIF block of its own into WebP (resolution, orientation); nothing of the camera's survives.
            fields.ShouldNotContain("GPS", customMessage: variant.ToString());
        }
    }

    [Fact]
    public async Task An_image_gets_a_300_square_thumbnail_and_an_800_wide_preview()
    {
        var team = await Host.CreateTeamRoomAsync("Big picture");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "wide.png", await TestFiles.VipsImageAsync(".png", 1600, 900));

        uploaded.HasPreview.ShouldBeTrue();
        var thumb = await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull(), ".webp");
        thumb.ShouldContain("width: 300");
        thumb.ShouldContain("height: 300");
        var preview = await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Preview)).ShouldNotBeNull(), ".webp");
        preview.ShouldContain("width: 800");
        preview.ShouldContain("height: 450");
    }

    [Fact]
    public async Task A_20000_pixel_square_PNG_of_a_few_KB_is_refused_without_decoding_it()
    {
        var team = await Host.CreateTeamRoomAsync("Pixel flood");
        var flood = TestFiles.PngClaiming(20_000, 20_000);
        flood.Length.ShouldBeLessThan(4096);
        var memoryBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var clock = Stopwatch.StartNew();

        var refused = await Should.ThrowAsync<ChatValidationException>(() => Host.UploadAsync(team.Member, team.Id, "flood.png", flood));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        // Decoding would need 20000 × 20000 × 3 bytes = 1.2 GB; reading the header needs almost nothing.
        (Process.GetCurrentProcess().PeakWorkingSet64 - memoryBefore).ShouldBeLessThan(200L * 1024 * 1024);
        refused.Message.ShouldContain("20,000×20,000");
        refused.Message.ShouldContain("4096×4096");
        (await Host.AttachmentCountAsync(team.Member.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_text_file_named_png_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Fake image");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.UploadAsync(team.Member, team.Id, "totally-a-picture.png", TestFiles.Text("just some words, not pixels")));

        refused.Message.ShouldBe("“totally-a-picture.png” is not a JPEG, PNG, GIF or WebP image.");
        (await Host.AttachmentCountAsync(team.Member.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_valid_image_with_a_script_appended_is_stored_re_encoded_without_it()
    {
        var team = await Host.CreateTeamRoomAsync("Polyglot");
        var png = await TestFiles.VipsImageAsync(".png", 120, 80);
        var polyglot = png.Concat(TestFiles.Text("<script>alert(document.cookie)</script>")).ToArray();

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "innocent.png", polyglot);

        var stored = (await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull();
        Encoding.ASCII.GetString(stored).ShouldNotContain("<script>");
        stored.ShouldNotBe(polyglot);
        (await TestFiles.HeaderFieldsAsync(stored, ".png")).ShouldContain("vips-loader: pngload");
        (uploaded.Width, uploaded.Height).ShouldBe((120, 80));
    }

    [Fact]
    public async Task An_animated_GIF_keeps_its_frames_and_gets_a_still_thumbnail()
    {
        var team = await Host.CreateTeamRoomAsync("Animations");
        var gif = await AnimatedGifAsync();

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "party.gif", gif);

        uploaded.IsAnimated.ShouldBeTrue();
        uploaded.ContentType.ShouldBe("image/gif");
        (await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull(), ".gif")).ShouldContain("n-pages: 3");
        (await TestFiles.HeaderFieldsAsync((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull(), ".webp"))
            .ShouldNotContain("n-pages");
    }

    [Fact]
    public async Task An_image_taller_than_4096_pixels_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Tall");

        var refused = await Should.ThrowAsync<ChatValidationException>(async () =>
            await Host.UploadAsync(team.Member, team.Id, "tall.png", await TestFiles.VipsImageAsync(".png", 10, 4100)));

        refused.Message.ShouldContain("10×4,100 pixels");
    }

    [Fact]
    public async Task A_file_name_is_kept_only_as_sanitized_display_text()
    {
        var team = await Host.CreateTeamRoomAsync("Names");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "../../etc/re\u202Efdp.txt", TestFiles.Text("hello"));

        uploaded.FileName.ShouldBe("refdp.txt");
        uploaded.ContentType.ShouldBe("text/plain; charset=utf-8");
        uploaded.Kind.ShouldBe(AttachmentKind.File);
    }

    [Theory]
    [InlineData("report.pdf", "%PDF-1.7\n%test\n", "application/pdf")]
    [InlineData("notes.md", "# Notes\n- one\n", "text/plain; charset=utf-8")]
    public async Task Documents_from_the_allow_list_are_accepted_by_content(string name, string content, string contentType)
    {
        var team = await Host.CreateTeamRoomAsync("Documents");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, name, TestFiles.Text(content));

        uploaded.ContentType.ShouldBe(contentType);
        (await Host.StoredBytesAsync(uploaded.Id)).ShouldBe(TestFiles.Text(content));
    }

    [Fact]
    public async Task A_program_is_refused_whatever_it_is_called()
    {
        var team = await Host.CreateTeamRoomAsync("Programs");
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0];

        var refused = await Should.ThrowAsync<ChatValidationException>(() => Host.UploadAsync(team.Member, team.Id, "readme.txt", elf));

        refused.Message.ShouldContain("cannot be shared here");
    }

    [Fact]
    public async Task Someone_who_cannot_post_in_the_room_cannot_upload_to_it()
    {
        var team = await Host.CreateTeamRoomAsync("Members only", isPrivate: true);

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.UploadAsync(team.Outsider, team.Id, "a.txt", TestFiles.Text("hi")));
    }

    private static async Task<byte[]> AnimatedGifAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"blazorchat-gif-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // Three frames stacked, saved as a multi-page TIFF, then converted with every page: an animation.
            var frames = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var frame = Path.Combine(folder, $"frame{i}.png");
                await File.WriteAllBytesAsync(frame, await TestFiles.VipsImageAsync(".png", 64, 48));
                frames.Add(frame);
            }
            var stack = Path.Combine(folder, "stack.v");
            var tiff = Path.Combine(folder, "pages.tif");
            var gif = Path.Combine(folder, "anim.gif");
            await Vips("arrayjoin", string.Join(' ', frames), stack, "--across", "1");
            await Vips("tiffsave", stack, tiff, "--page-height", "48");
            await Vips("copy", $"{tiff}[n=-1]", gif);
            return await File.ReadAllBytesAsync(gif);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Vips(params string[] arguments)
    {
        var result = await Core.Attachments.Images.ProcessRunner.RunAsync("vips", arguments, TimeSpan.FromSeconds(30));
        result.Succeeded.ShouldBeTrue(result.StandardError);
    }
}
