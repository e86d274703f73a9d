using System.Globalization;
using BlazorChat.Core.Common;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// The pixel-flood guard: an image's header is read (never its pixels) and checked before anything
/// decodes it. A small file can claim 20000×20000 pixels; decoding it would take gigabytes.
/// </summary>
internal static class ImageGuard
{
    /// <summary>All frames of an animation together: enough for long GIFs, far from a memory bomb.</summary>
    public const long MaxAnimationPixels = 100_000_000;

    public static async Task<ImageHeader> CheckAsync(IImageProcessor images, string path, ImageFormat format, string fileName, CancellationToken ct)
    {
        ImageHeader header;
        try
        {
            header = await images.ReadHeaderAsync(path, ct);
        }
        catch (ImageProcessingException)
        {
            throw Unreadable(fileName);
        }
        // libvips must see the same format the magic bytes announced, or something is disguised.
        if (!header.Loader.StartsWith(LoaderOf(format), StringComparison.Ordinal)) throw Unreadable(fileName);
        if (header.Width > Attachment.MaxImageSide || header.Height > Attachment.MaxImageSide)
        {
            throw new ChatValidationException("File", string.Create(CultureInfo.InvariantCulture,
                $"“{fileName}” is {header.Width:N0}×{header.Height:N0} pixels; images can be at most {Attachment.MaxImageSide}×{Attachment.MaxImageSide}."));
        }
        if ((long)header.Width * header.Height * header.Pages > MaxAnimationPixels)
            throw new ChatValidationException("File", $"“{fileName}” has too many frames for its size.");
        return header;
    }

    private static ChatValidationException Unreadable(string fileName) => new("File", $"“{fileName}” could not be read as an image.");

    private static string LoaderOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpegload",
        ImageFormat.Png => "pngload",
        ImageFormat.Gif => "gifload",
        _ => "webpload",
    };
}
