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

    /// <summary>Waits until every attached file finished uploading and processing (no progress bar left).</summary>
    public async Task ExpectFilesUploadedAsync(int count)
    {
        await Expect(FilesToSend.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(count);
        // Transfer through the circuit, then re-encoding and two sizes for an image: seconds on a busy machine.
        await Expect(FilesToSend.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    /// <summary>A real PNG of <paramref name="width"/>×<paramref name="height"/> (gradients with grain, drawn with ImageSharp), as a file to pick.</summary>
    public static FilePayload Png(string name, int width, int height)
    {
        var random = new Random(width * 31 + height);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)random.Next(96, 112));
            }
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
