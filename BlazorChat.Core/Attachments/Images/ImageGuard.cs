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

    public static async Task<ImageHeader> CheckAsync(ImagePipeline images, string path, ImageFormat format, string fileName, CancellationToken ct)
    {
        ImageHeader header;
        try
        {
            header = await images.ReadHeaderAsync(path, ct);
        }
        catch (ImageProcessingException ex) when (ex.InnerException is NotSupportedException && format == ImageFormat.WebP)
        {
            throw new ChatValidationException("File", $"“{fileName}” is an animated WebP, which cannot be shown here. Send it as a GIF.");
        }
        catch (ImageProcessingException)
        {
            throw Unreadable(fileName);
        }
        // The decoder must see the same format the magic bytes announced, or something is disguised.
        if (header.Format != format) throw Unreadable(fileName);
        if (header.Width > Attachment.MaxImageSide || header.Height > Attachment.MaxImageSide)
        {
            throw new ChatValidationException("File", string.Create(CultureInfo.InvariantCulture,
                $"“{fileName}” is {header.Width:N0}×{header.Height:N0} pixels; images can be at most {Attachment.MaxImageSide}×{Attachment.MaxImageSide}."));
        }
        if ((long)header.Width * header.Height * header.Frames > MaxAnimationPixels)
            throw new ChatValidationException("File", $"“{fileName}” has too many frames for its size.");
        return header;
    }

    /// <summary>The refusal of an image that passed the header checks but could not be decoded or processed.</summary>
    public static ChatValidationException Refusal(ImageProcessingException ex, string fileName) => ex.TookTooLong
        ? new("File", $"“{fileName}” took too long to process. Try a smaller picture.")
        : Unreadable(fileName);

    private static ChatValidationException Unreadable(string fileName) => new("File", $"“{fileName}” could not be read as an image.");
}
