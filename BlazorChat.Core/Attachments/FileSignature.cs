using System.Text.Unicode;
using BlazorChat.Core.Common;

namespace BlazorChat.Core.Attachments;

/// <summary>What a stored file is shown as: an image inline, anything else as a card to download.</summary>
public enum AttachmentKind
{
    File = 0,
    Image = 1,
}

/// <summary>The image formats shown inline; each is recognised by its magic bytes and by the image decoder.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
}

/// <summary>A kind of file accepted for upload, as recognised from its content.</summary>
public sealed record FileType(string ContentType, ImageFormat? Image = null)
{
    public bool IsImage => Image is not null;
}

/// <summary>
/// Decides what a file is from its first bytes, never from its name alone: images by their magic
/// bytes, documents by theirs plus a matching extension (an OLE or zip container says little by
/// itself), text only when the name says text and the content is UTF-8 without control bytes.
/// Anything else is refused with a message for the person.
/// </summary>
public static class FileSignature
{
    /// <summary>How much of the start of a file <see cref="Detect"/> needs to see.</summary>
    public const int HeadLength = 64 * 1024;

    private static readonly Dictionary<string, string> ZipDocuments = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".zip"] = "application/zip",
    };

    private static readonly Dictionary<string, string> OleDocuments = new(StringComparer.OrdinalIgnoreCase)
    {
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
    };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".csv", ".log" };

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".jfif" };

    /// <summary>The type of a file starting with <paramref name="head"/> (up to <see cref="HeadLength"/> bytes) and named <paramref name="fileName"/>.</summary>
    /// <exception cref="ChatValidationException">The content is not one of the accepted kinds.</exception>
    public static FileType Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (DetectImage(head) is { } image) return new FileType(ContentTypeOf(image), image);
        var extension = Path.GetExtension(fileName);
        if (ImageExtensions.Contains(extension))
            throw new ChatValidationException("File", $"“{fileName}” is not a JPEG, PNG, GIF or WebP image.");

        if (head.StartsWith("%PDF-"u8)) return new FileType("application/pdf");
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
            return new FileType(ZipDocuments.GetValueOrDefault(extension) ?? "application/zip");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) && OleDocuments.TryGetValue(extension, out var office))
            return new FileType(office);
        if (TextExtensions.Contains(extension) && IsPlainText(head))
            return new FileType("text/plain; charset=utf-8");

        throw new ChatValidationException("File",
            $"“{fileName}” cannot be shared here. Images (JPEG, PNG, GIF, WebP), PDF, text, office documents and zip archives can.");
    }

    /// <summary>The image format the magic bytes announce, if any.</summary>
    public static ImageFormat? DetectImage(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ImageFormat.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        return null;
    }

    public static string ContentTypeOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        _ => "image/webp",
    };

    public static string ExtensionOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.Gif => ".gif",
        _ => ".webp",
    };

    /// <summary>UTF-8 (a character cut at the end of the head is fine) with no control bytes but tab, line breaks and form feed.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C)) return false;
            if (b == 0x7F) return false;
        }
        // Allow up to three bytes of a character cut off by the end of the head.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            if (Utf8.IsValid(head[..^cut])) return true;
        }
        return false;
    }
}
