namespace BlazorChat.Core.Attachments.Images;

/// <summary>What an image's header says, read without decoding its pixels.</summary>
/// <param name="Width">Pixels across (one frame).</param>
/// <param name="Height">Pixels down (one frame).</param>
/// <param name="Pages">Frames of an animation (1 for a still image).</param>
/// <param name="Loader">The libvips loader that recognised it, e.g. <c>pngload</c>.</param>
public sealed record ImageHeader(int Width, int Height, int Pages, string Loader);

/// <summary>An image re-encoded for storage, with its derived sizes, as files in a work folder.</summary>
/// <param name="Original">The re-encoded image (no metadata, orientation applied), same format as uploaded.</param>
/// <param name="Width">Its pixels across.</param>
/// <param name="Height">Its pixels down (one frame).</param>
/// <param name="IsAnimated">True for an animation of several frames.</param>
/// <param name="Thumbnail">At most 300×300, cropped to fill (cover); a still frame of an animation.</param>
/// <param name="Preview">At most 800 wide, proportional; a still frame of an animation.</param>
public sealed record ProcessedImage(string Original, int Width, int Height, bool IsAnimated, string Thumbnail, string Preview);

/// <summary>
/// The image pipeline (libvips today, see ADR-005). Callers check <see cref="IsAvailable"/>: without
/// the tools, uploads still work but images get no derived sizes.
/// </summary>
public interface IImageProcessor
{
    /// <summary>True when the image tools are installed.</summary>
    bool IsAvailable { get; }

    /// <summary>A short description for health reports (tool and version, or why it is missing).</summary>
    Task<string> DescribeAsync(CancellationToken ct = default);

    /// <summary>Reads dimensions and frame count from the header only; no pixel is decoded.</summary>
    Task<ImageHeader> ReadHeaderAsync(string path, CancellationToken ct = default);

    /// <summary>Re-encodes <paramref name="path"/> (already checked) and makes its thumbnail and preview in <paramref name="workDirectory"/>.</summary>
    Task<ProcessedImage> ProcessAsync(string path, ImageFormat format, string workDirectory, CancellationToken ct = default);

    /// <summary>A <paramref name="size"/>×<paramref name="size"/> centre crop as WebP, for profile pictures.</summary>
    Task<string> SquareAsync(string path, int size, string workDirectory, CancellationToken ct = default);
}

/// <summary>The image could not be read or processed.</summary>
public sealed class ImageProcessingException(string message, Exception? inner = null) : Exception(message, inner);
