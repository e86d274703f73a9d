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
/// Every file here is real, drawn with ImageSharp or written byte by byte.
/// </summary>
public sealed class ImageUploads(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData("IMG_0042.jpg", "image/jpeg", "JPEG", "EXIF,GPS,Artist,XMP,IPTC,ICC")]
    [InlineData("screenshot.png", "image/png", "PNG", "EXIF,GPS,Artist,XMP")]
    [InlineData("phone.webp", "image/webp", "Webp", "EXIF,GPS,Artist,XMP")]
    [InlineData("clip.gif", "image/gif", "GIF", "XMP,GIF comment")]
    public async Task A_photo_with_GPS_and_Artist_is_stored_without_any_metadata_in_every_size(string name, string contentType, string format, string carries)
    {
        var team = await Host.CreateTeamRoomAsync("Holiday photos");
        var photo = TestFiles.PhotoWithGpsAndArtist(Path.GetExtension(name));
        TestFiles.Describe(photo).Metadata.ShouldBe(carries.Split(','),
            ignoreOrder: true, customMessage: "the test photo must carry where it was taken and who took it to begin with");
        Encoding.Latin1.GetString(photo).ShouldContain(TestFiles.Artist, customMessage: "the test photo must name its artist to begin with");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, name, photo);

        uploaded.Kind.ShouldBe(AttachmentKind.Image);
        uploaded.ContentType.ShouldBe(contentType);
        (uploaded.Width, uploaded.Height).ShouldBe((640, 480));
        foreach (var variant in Enum.GetValues<AttachmentVariant>())
        {
            var stored = (await Host.StoredBytesAsync(uploaded.Id, variant)).ShouldNotBeNull();
            var facts = TestFiles.Describe(stored);
            facts.Format.ShouldBe(variant == AttachmentVariant.Original ? format : "Webp");
            facts.Metadata.ShouldBeEmpty(variant.ToString());
            var text = Encoding.Latin1.GetString(stored);
            text.ShouldNotContain(TestFiles.Artist, customMessage: variant.ToString());
            text.ShouldNotContain("TestPhone", customMessage: variant.ToString());
            text.ShouldNotContain("Exif", customMessage: variant.ToString());
            text.ShouldNotContain("adobe:ns:meta", customMessage: variant.ToString());
        }
    }

    [Fact]
    public async Task A_photo_is_turned_upright_by_its_EXIF_orientation()
    {
        var team = await Host.CreateTeamRoomAsync("Portrait");
        // Orientation 6: the camera was held upright, the sensor wrote the picture lying on its side.
        var photo = TestFiles.PhotoWithGpsAndArtist(".jpg", width: 600, height: 400, orientation: 6);

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "portrait.jpg", photo);

        (uploaded.Width, uploaded.Height).ShouldBe((400, 600));
        var stored = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull());
        (stored.Width, stored.Height).ShouldBe((400, 600));
        var preview = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Preview)).ShouldNotBeNull());
        (preview.Width, preview.Height).ShouldBe((400, 600));
    }

    [Fact]
    public async Task An_image_gets_a_300_square_thumbnail_and_an_800_wide_preview()
    {
        var team = await Host.CreateTeamRoomAsync("Big picture");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "wide.png", TestFiles.Image(".png", 1600, 900));

        uploaded.HasPreview.ShouldBeTrue();
        var thumb = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull());
        (thumb.Width, thumb.Height).ShouldBe((300, 300));
        var preview = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Preview)).ShouldNotBeNull());
        (preview.Width, preview.Height).ShouldBe((800, 450));
    }

    [Fact]
    public async Task A_small_image_is_never_enlarged()
    {
        var team = await Host.CreateTeamRoomAsync("Small picture");

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "icon.png", TestFiles.Image(".png", 120, 80));

        var thumb = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull());
        (thumb.Width, thumb.Height).ShouldBe((120, 80));
        var preview = TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Preview)).ShouldNotBeNull());
        (preview.Width, preview.Height).ShouldBe((120, 80));
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
    public async Task An_animation_whose_frames_together_are_too_many_pixels_is_refused_before_decoding()
    {
        var team = await Host.CreateTeamRoomAsync("Frame flood");
        // 7 frames of 4000 × 4000: 112 million pixels, about 450 MB decoded, in a few hundred bytes.
        var flood = TestFiles.GifClaiming(4000, 4000, frames: 7);

        var refused = await Should.ThrowAsync<ChatValidationException>(() => Host.UploadAsync(team.Member, team.Id, "frames.gif", flood));

        refused.Message.ShouldBe("“frames.gif” has too many frames for its size.");
        (await Host.AttachmentCountAsync(team.Member.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task An_animated_WebP_is_refused_with_a_reason()
    {
        var team = await Host.CreateTeamRoomAsync("Animated WebP");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.UploadAsync(team.Member, team.Id, "sticker.webp", TestFiles.AnimatedWebP(64, 48)));

        refused.Message.ShouldBe("“sticker.webp” is an animated WebP, which cannot be shown here. Send it as a GIF.");
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
        var png = TestFiles.Image(".png", 120, 80);
        var polyglot = png.Concat(TestFiles.Text("<script>alert(document.cookie)</script>")).ToArray();

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "innocent.png", polyglot);

        var stored = (await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull();
        Encoding.ASCII.GetString(stored).ShouldNotContain("<script>");
        stored.ShouldNotBe(polyglot);
        TestFiles.Describe(stored).Format.ShouldBe("PNG");
        (uploaded.Width, uploaded.Height).ShouldBe((120, 80));
    }

    [Fact]
    public async Task An_animated_GIF_keeps_its_frames_and_gets_a_still_thumbnail()
    {
        var team = await Host.CreateTeamRoomAsync("Animations");
        var gif = TestFiles.AnimatedGif(frames: 3);

        var uploaded = await Host.UploadAsync(team.Member, team.Id, "party.gif", gif);

        uploaded.IsAnimated.ShouldBeTrue();
        uploaded.ContentType.ShouldBe("image/gif");
        TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id)).ShouldNotBeNull()).Frames.ShouldBe(3);
        TestFiles.Describe((await Host.StoredBytesAsync(uploaded.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull()).Frames.ShouldBe(1);
    }

    [Fact]
    public async Task An_image_taller_than_4096_pixels_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Tall");

        var refused = await Should.ThrowAsync<ChatValidationException>(async () =>
            await Host.UploadAsync(team.Member, team.Id, "tall.png", TestFiles.Image(".png", 10, 4100)));

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
}
