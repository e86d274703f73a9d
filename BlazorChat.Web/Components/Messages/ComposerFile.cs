using BlazorChat.Core.Attachments;

namespace BlazorChat.Web.Components.Messages;

public enum ComposerFileState
{
    Uploading,
    Ready,
    Failed,
}

/// <summary>One file in the composer: uploading (with progress), ready to send, or refused with the reason.</summary>
public sealed class ComposerFile(string name, long size)
{
    public string Name { get; } = name;
    public long Size { get; } = size;
    public ComposerFileState State { get; set; } = ComposerFileState.Uploading;
    public int Percent { get; set; }
    public UploadStage Stage { get; set; }
    public string? Error { get; set; }

    /// <summary>The stored upload, once ready.</summary>
    public AttachmentView? Stored { get; set; }

    /// <summary>Stops the upload when the file is removed while it is still going.</summary>
    public CancellationTokenSource Cancel { get; } = new();
}

/// <summary>What the composer hands over to be sent: the text (may be empty when files go with it) and the ready files.</summary>
public sealed record ComposedMessage(string Text, IReadOnlyList<AttachmentView> Files)
{
    public static ComposedMessage TextOnly(string text) => new(text, []);
}
