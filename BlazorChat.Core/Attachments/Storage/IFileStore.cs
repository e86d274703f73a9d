using System.Text.RegularExpressions;

namespace BlazorChat.Core.Attachments.Storage;

/// <summary>A stored file opened for reading. Dispose it to release the connection or handle.</summary>
public sealed class StoredObject(Stream content, long length) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public long Length { get; } = length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Where file bytes live, by server-generated key (<c>attachments/{id}/original</c>): the data
/// directory by default, an S3-compatible bucket by configuration. Both pass the same contract
/// tests. Keys never contain anything a person typed.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>Opens the file, or returns null when there is none.</summary>
    Task<StoredObject?> OpenAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the file; removing a missing file is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);
}

/// <summary>The shape every store accepts, so a key is the same path on disk and in a bucket.</summary>
public static partial class FileKeys
{
    public static string Validate(string key) =>
        ValidKey().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal) && !key.Contains("//", StringComparison.Ordinal)
            ? key
            : throw new ArgumentException($"Not a valid storage key: {key}", nameof(key));

    [GeneratedRegex("^[a-z0-9][a-z0-9._/-]{0,199}$")]
    private static partial Regex ValidKey();
}
