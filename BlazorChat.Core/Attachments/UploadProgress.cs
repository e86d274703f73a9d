namespace BlazorChat.Core.Attachments;

/// <summary>Where an upload is, for a progress display.</summary>
public enum UploadStage
{
    /// <summary>Its bytes are arriving.</summary>
    Receiving,

    /// <summary>All bytes are in; the image waits in line for a free slot (<see cref="Images.ImageSlots"/>).</summary>
    Waiting,

    /// <summary>The image is being re-encoded and its sizes made.</summary>
    Processing,
}

/// <summary>How far an upload has got: its stage and the bytes received so far.</summary>
public readonly record struct UploadProgress(UploadStage Stage, long BytesReceived);
