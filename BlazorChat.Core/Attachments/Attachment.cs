namespace BlazorChat.Core.Attachments;

/// <summary>
/// A file someone uploaded to a room: kept in its own table (search joins it for <c>has:file</c>
/// and <c>has:image</c>), bytes in the <see cref="Storage.IFileStore"/> under server-generated
/// keys. It belongs to no message until it is sent with one; an upload never sent, or whose
/// message or room was deleted, is marked <see cref="DeletedAt"/> and purged by the cleanup job.
/// </summary>
public class Attachment
{
    /// <summary>The most files one message carries.</summary>
    public const int MaxPerMessage = 5;

    /// <summary>Images larger than this on either side are refused before any decoding.</summary>
    public const int MaxImageSide = 4096;

    public const int ContentTypeMaxLength = 100;

    public Guid Id { get; set; }
    public Guid UploaderId { get; set; }

    /// <summary>The room it was uploaded for; set to null by the database if the room is deleted.</summary>
    public Guid? RoomId { get; set; }

    /// <summary>The message it was sent with; null until sent.</summary>
    public Guid? MessageId { get; set; }

    /// <summary>Its place among the message's files.</summary>
    public int Position { get; set; }

    /// <summary>The uploader's name for it, sanitized; display text only, never a path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Decided from the content, never from the name or the browser's claim.</summary>
    public string ContentType { get; set; } = "";

    public AttachmentKind Kind { get; set; }

    /// <summary>Bytes of the stored file (the re-encoded image for images): what counts against the quota.</summary>
    public long Size { get; set; }

    /// <summary>Pixel size of a stored image, so the page reserves its space before it loads.</summary>
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>True when a thumbnail and a preview were made: every image stored now; false for images stored by versions that could lack image tools.</summary>
    public bool HasPreview { get; set; }

    /// <summary>An animated GIF: the timeline shows a still frame, the viewer the animation.</summary>
    public bool IsAnimated { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when it is to be removed (message or room deleted, upload discarded or never sent).</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The storage key of one of its sizes.</summary>
    public string KeyOf(AttachmentVariant variant) => AttachmentKeys.Of(Id, variant);
}

/// <summary>The sizes of a stored file.</summary>
public enum AttachmentVariant
{
    Original,
    Thumbnail,
    Preview,
}

internal static class AttachmentKeys
{
    public static string Of(Guid id, AttachmentVariant variant) => variant switch
    {
        AttachmentVariant.Thumbnail => $"attachments/{id:N}/thumb",
        AttachmentVariant.Preview => $"attachments/{id:N}/preview",
        _ => $"attachments/{id:N}/original",
    };
}
