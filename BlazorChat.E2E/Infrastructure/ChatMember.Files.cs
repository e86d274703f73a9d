using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>What a person does with files: attach them through the file chooser, as with a mouse.</summary>
public sealed partial class ChatMember
{
    /// <summary>The files waiting in the room composer.</summary>
    public ILocator FilesToSend => Page.GetByRole(AriaRole.List, new() { Name = "Files to send" });

    /// <summary>Clicks "Attach files" of the room composer and picks <paramref name="files"/> in the chooser that opens.</summary>
    public async Task AttachAsync(params FilePayload[] files)
    {
        var chooser = await Page.RunAndWaitForFileChooserAsync(() =>
            Page.GetByRole(AriaRole.Button, new() { Name = "Attach files", Exact = true }).First.ClickAsync());
        Assert.True(chooser.IsMultiple, "Attach files takes several files at once");
        await chooser.SetFilesAsync(files);
    }

    /// <summary>Waits until every attached file finished uploading (no progress bar left).</summary>
    public async Task ExpectFilesUploadedAsync(int count)
    {
        await Expect(FilesToSend.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(count);
        await Expect(FilesToSend.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
    }

    /// <summary>A real PNG of <paramref name="width"/>×<paramref name="height"/> (noise, drawn with ImageSharp), as a file to pick.</summary>
    public static FilePayload Png(string name, int width, int height)
    {
        var random = new Random(width * 31 + height);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++) random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.GetRowSpan(y)));
        });
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return new FilePayload { Name = name, MimeType = "image/png", Buffer = png.ToArray() };
    }

    /// <summary>Waits until the browser finished loading <paramref name="image"/>, then checks it is a picture, not a broken one.</summary>
    public static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the image loaded but is broken");
    }
}
