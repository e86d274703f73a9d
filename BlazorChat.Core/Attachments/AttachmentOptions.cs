using System.ComponentModel.DataAnnotations;
using BlazorChat.Core.Common;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// Limits on uploads, bound from <c>BlazorChat:Uploads</c>. The size limit protects the server and
/// the other readers; the quota keeps one person from filling the disk. Both are the defaults until
/// an administrator saves site settings (<see cref="UploadLimits"/>).
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "BlazorChat:Uploads";

    /// <summary>The largest file accepted, in bytes (10 MB by default).</summary>
    [Range(1024, 1L << 32)]
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>What one person may keep stored in all, in bytes (1 GB by default).</summary>
    [Range(1024, long.MaxValue)]
    public long QuotaBytesPerUser { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long an upload that was never sent is kept before the cleanup job removes it.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the cleanup job looks for unsent and deleted files.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where uploads are spooled while they are checked; set to <c>{DataDirectory}/tmp</c> unless configured.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>A copy with other size limits (the site settings' values).</summary>
    public UploadOptions WithLimits(long maxFileBytes, long quotaBytesPerUser)
    {
        var copy = (UploadOptions)MemberwiseClone();
        copy.MaxFileBytes = maxFileBytes;
        copy.QuotaBytesPerUser = quotaBytesPerUser;
        return copy;
    }

    /// <summary>The refusal of a file over <see cref="MaxFileBytes"/>, the same before and during the transfer.</summary>
    public ChatValidationException TooLarge(string fileName) =>
        new("File", $"“{fileName}” is larger than the limit of {SizeTexts.Of(MaxFileBytes)}.");
}

/// <summary>Where files are kept, bound from <c>BlazorChat:Storage</c>: the data directory by default, or an S3-compatible bucket.</summary>
public sealed class StorageOptions
{
    public const string Section = "BlazorChat:Storage";

    public FileStoreProvider Provider { get; set; } = FileStoreProvider.Local;

    /// <summary>The local store's root; <c>{DataDirectory}/files</c> unless configured.</summary>
    public string? LocalDirectory { get; set; }

    public S3StoreOptions S3 { get; set; } = new();
}

public enum FileStoreProvider
{
    Local,
    S3,
}

/// <summary>An S3-compatible bucket. <see cref="ServiceUrl"/> selects a server other than AWS (path-style addressing).</summary>
public sealed class S3StoreOptions
{
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>The image pipeline (<see cref="Images.ImagePipeline"/>), bound from <c>BlazorChat:Images</c>.</summary>
public sealed class ImageOptions
{
    public const string Section = "BlazorChat:Images";

    /// <summary>How many images this node processes at once, one core each; the others wait in line (the core count by default).</summary>
    [Range(1, 1024)]
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>How long decoding, re-encoding and resizing one image may take before it is refused.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest single buffer decoding one image may ask for, in MB; a bigger request fails the
    /// image, not the server. A 4096×4096 frame needs 64 MB.
    /// </summary>
    [Range(1, 4096)]
    public int AllocationLimitMegabytes { get; set; } = 256;

    /// <summary>How much memory the pipeline keeps pooled between images, in MB.</summary>
    [Range(0, 4096)]
    public int PoolMegabytes { get; set; } = 128;
}
