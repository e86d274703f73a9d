using System.Diagnostics;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>What an image's header says, read without decoding its pixels.</summary>
/// <param name="Width">Pixels across (one frame).</param>
/// <param name="Height">Pixels down (one frame).</param>
/// <param name="Frames">Frames of an animation (1 for a still image).</param>
/// <param name="Format">The format the decoder recognised, or null for none of the four accepted.</param>
public sealed record ImageHeader(int Width, int Height, int Frames, ImageFormat? Format);

/// <summary>An image re-encoded for storage, with its derived sizes, as files in a work folder.</summary>
/// <param name="Original">The re-encoded image (no metadata, orientation applied), same format as uploaded.</param>
/// <param name="Width">Its pixels across.</param>
/// <param name="Height">Its pixels down (one frame).</param>
/// <param name="IsAnimated">True for an animation of several frames.</param>
/// <param name="Thumbnail">At most 300×300, cropped to fill (cover); a still frame of an animation.</param>
/// <param name="Preview">At most 800 wide, proportional; a still frame of an animation.</param>
public sealed record ProcessedImage(string Original, int Width, int Height, bool IsAnimated, string Thumbnail, string Preview);

/// <summary>The image could not be read or processed (<see cref="TookTooLong"/>: within the time limit).</summary>
public sealed class ImageProcessingException(string message, Exception? inner = null) : Exception(message, inner)
{
    public bool TookTooLong { get; init; }
}

/// <summary>
/// The image pipeline, in process on SixLabors.ImageSharp 2.1 (ADR-005). Only the decoders of the
/// four accepted formats exist in its configuration, and each image is decoded by the decoder of
/// the format its magic bytes announced. Decoding and encoding run on one core, in a slot of
/// <see cref="ImageSlots"/>, under a time limit and an allocator that refuses oversized buffers.
/// Every output is written without metadata: EXIF (with GPS), IPTC, XMP, ICC, PNG text and GIF
/// comments are dropped after the EXIF orientation has been applied.
/// </summary>
public sealed class ImagePipeline
{
    private const int ThumbnailSide = 300;
    private const int PreviewWidth = 800;

    private static readonly JpegEncoder Jpeg = new() { Quality = 85 };
    private static readonly PngEncoder Png = new() { ChunkFilter = PngChunkFilter.ExcludeAll, IgnoreMetadata = true };
    private static readonly GifEncoder Gif = new();
    private static readonly WebpEncoder WebP = new() { FileFormat = WebpFileFormatType.Lossy, Quality = 85 };
    private static readonly WebpEncoder Derived = new() { FileFormat = WebpFileFormatType.Lossy, Quality = 80 };

    private readonly Configuration _configuration;
    private readonly ImageSlots _slots;
    private readonly TimeSpan _timeout;

    public ImagePipeline(IOptions<ImageOptions> options, ImageSlots slots)
    {
        _slots = slots;
        _timeout = options.Value.Timeout;
        _configuration = new Configuration(
            new JpegConfigurationModule(), new PngConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule())
        {
            // One core per image: the slots decide how many run at once.
            MaxDegreeOfParallelism = 1,
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                AllocationLimitMegabytes = options.Value.AllocationLimitMegabytes,
                MaximumPoolSizeMegabytes = options.Value.PoolMegabytes,
            }),
        };
    }

    /// <summary>Reads dimensions, frame count and format from the header only; no pixel is decoded.</summary>
    public async Task<ImageHeader> ReadHeaderAsync(string path, CancellationToken ct = default)
    {
        await using var file = OpenRead(path);
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            (info, format) = await Image.IdentifyWithFormatAsync(_configuration, file, ct);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidMemoryOperationException)
        {
            throw new ImageProcessingException("The image header could not be read.", ex);
        }
        if (info is null || info.Width <= 0 || info.Height <= 0) throw new ImageProcessingException("The file has no image header.");
        var recognised = FormatOf(format);
        var frames = 1;
        if (recognised == ImageFormat.Gif)
        {
            file.Position = 0;
            frames = Math.Max(1, GifFrames.Count(file));
        }
        return new ImageHeader(info.Width, info.Height, frames, recognised);
    }

    /// <summary>
    /// Re-encodes <paramref name="path"/> (already checked by <see cref="ImageGuard"/>) and makes its
    /// thumbnail and preview in <paramref name="workDirectory"/>. Waits for a slot first;
    /// <paramref name="onStage"/> hears <see cref="UploadStage.Waiting"/> when it has to, then <see cref="UploadStage.Processing"/>.
    /// </summary>
    public Task<ProcessedImage> ProcessAsync(string path, ImageHeader header, ImageFormat format, string workDirectory,
        Action<UploadStage>? onStage = null, CancellationToken ct = default) =>
        RunAsync(onStage, ct, async limit =>
        {
            using var image = await LoadCleanAsync(path, header, format, limit);
            var original = Path.Combine(workDirectory, "original" + FileSignature.ExtensionOf(format));
            await SaveAsync(image, original, EncoderOf(format), limit);

            // The derived sizes are still pictures: an animation's first frame.
            using var firstFrame = image.Frames.Count > 1 ? image.Frames.CloneFrame(0) : null;
            var still = firstFrame ?? image;
            var thumbnail = Path.Combine(workDirectory, "thumb.webp");
            using (var thumb = still.Clone(x => x.Resize(new ResizeOptions
            {
                // Cover the square, never enlarging: a small picture stays small.
                Size = new Size(Math.Min(ThumbnailSide, still.Width), Math.Min(ThumbnailSide, still.Height)),
                Mode = ResizeMode.Crop,
            })))
            {
                await SaveAsync(thumb, thumbnail, Derived, limit);
            }
            var preview = Path.Combine(workDirectory, "preview.webp");
            if (still.Width > PreviewWidth)
            {
                using var wide = still.Clone(x => x.Resize(PreviewWidth, 0));
                await SaveAsync(wide, preview, Derived, limit);
            }
            else
            {
                await SaveAsync(still, preview, Derived, limit);
            }
            return new ProcessedImage(original, image.Width, image.Height, image.Frames.Count > 1, thumbnail, preview);
        });

    /// <summary>A <paramref name="size"/>×<paramref name="size"/> centre crop as WebP, for profile pictures (checked like <see cref="ProcessAsync"/>).</summary>
    public Task<string> SquareAsync(string path, ImageHeader header, ImageFormat format, int size, string workDirectory, CancellationToken ct = default) =>
        RunAsync(onStage: null, ct, async limit =>
        {
            using var image = await LoadCleanAsync(path, header, format, limit);
            using var still = image.Frames.Count > 1 ? image.Frames.CloneFrame(0) : null;
            var square = still ?? image;
            square.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Crop }));
            var output = Path.Combine(workDirectory, "square.webp");
            await SaveAsync(square, output, WebP, limit);
            return output;
        });

    // A slot, then the work under the time limit, off the caller's thread (a circuit's, for uploads
    // from the composer, which must not freeze while a picture is encoded).
    private async Task<T> RunAsync<T>(Action<UploadStage>? onStage, CancellationToken ct, Func<TimeLimit, Task<T>> work)
    {
        using var slot = await _slots.EnterAsync(onStage is null ? null : () => onStage(UploadStage.Waiting), ct);
        onStage?.Invoke(UploadStage.Processing);
        using var limit = new TimeLimit(_timeout, ct);
        try
        {
            return await Task.Run(() => work(limit), limit.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ImageProcessingException($"The image took longer than {_timeout.TotalSeconds:0.###} s to process.", ex) { TookTooLong = true };
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidMemoryOperationException)
        {
            throw new ImageProcessingException("The image could not be decoded.", ex);
        }
    }

    // Decoded by the decoder of the announced format (never by sniffing again), turned upright,
    // then stripped of everything that is not pixels or animation timing.
    private async Task<Image<Rgba32>> LoadCleanAsync(string path, ImageHeader header, ImageFormat format, TimeLimit limit)
    {
        await using var file = OpenRead(path);
        var image = await Image.LoadAsync<Rgba32>(_configuration, file, DecoderOf(format, header), limit.Token);
        try
        {
            limit.Check();
            image.Mutate(x => x.AutoOrient());
            Strip(image);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static void Strip(Image image)
    {
        var metadata = image.Metadata;
        metadata.ExifProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
        metadata.IccProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }

    private static async Task SaveAsync(Image image, string path, IImageEncoder encoder, TimeLimit limit)
    {
        limit.Check();
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await image.SaveAsync(file, encoder, limit.Token);
    }

    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    private static IImageDecoder DecoderOf(ImageFormat format, ImageHeader header) => format switch
    {
        ImageFormat.Jpeg => new JpegDecoder(),
        ImageFormat.Png => new PngDecoder(),
        // The frames counted in the header, and not one more, whatever the file holds.
        ImageFormat.Gif => new GifDecoder { MaxFrames = (uint)header.Frames },
        _ => new WebpDecoder(),
    };

    private static IImageEncoder EncoderOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => Jpeg,
        ImageFormat.Png => Png,
        ImageFormat.Gif => Gif,
        _ => WebP,
    };

    private static ImageFormat? FormatOf(IImageFormat? format) => format switch
    {
        JpegFormat => ImageFormat.Jpeg,
        PngFormat => ImageFormat.Png,
        GifFormat => ImageFormat.Gif,
        WebpFormat => ImageFormat.WebP,
        _ => null,
    };

    /// <summary>
    /// The time limit of one image: a token for the decoders (ImageSharp 2.1's JPEG decoder watches
    /// it while it decodes), and checks between the steps, because its PNG decoder and its encoders
    /// do not watch it. A step that has begun runs to its end; none begins after the limit.
    /// </summary>
    private sealed class TimeLimit : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly TimeSpan _limit;

        public TimeLimit(TimeSpan limit, CancellationToken ct)
        {
            _limit = limit;
            _source = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _source.CancelAfter(limit);
        }

        public CancellationToken Token => _source.Token;

        public void Check()
        {
            if (Stopwatch.GetElapsedTime(_started) > _limit) _source.Cancel();
            _source.Token.ThrowIfCancellationRequested();
        }

        public void Dispose() => _source.Dispose();
    }
}
