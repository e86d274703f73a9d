using System.Globalization;

namespace BlazorChat.Core.Attachments;

/// <summary>A file as every reader of its message sees it; URLs are relative to the app's base.</summary>
public sealed record AttachmentView(
    Guid Id,
    string FileName,
    string ContentType,
    AttachmentKind Kind,
    long Size,
    int? Width,
    int? Height,
    bool HasPreview,
    bool IsAnimated)
{
    /// <summary>An image shown inline: one with its derived sizes. An image stored without them (by versions that could lack image tools) is a download card.</summary>
    public bool IsInlineImage => Kind == AttachmentKind.Image && HasPreview;

    public string Url => $"files/{Id:N}";
    public string ThumbnailUrl => $"files/{Id:N}/thumb";
    public string PreviewUrl => $"files/{Id:N}/preview";

    /// <summary>The size for people: "532 KB", "2.4 MB".</summary>
    public string SizeText => SizeTexts.Of(Size);

    internal static AttachmentView Of(Attachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Kind, a.Size, a.Width, a.Height, a.HasPreview, a.IsAnimated);
}

/// <summary>Byte counts for people: "532 KB", "2.4 MB".</summary>
public static class SizeTexts
{
    public static string Of(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };
}
