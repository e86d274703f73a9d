using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments.Storage;

/// <summary>
/// Files under a folder of the data directory (<c>files/</c>). A file is written beside its final
/// name and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class LocalFileStore(IOptions<StorageOptions> options) : IFileStore
{
    private readonly string _root = options.Value.LocalDirectory
        ?? throw new InvalidOperationException("BlazorChat:Storage:LocalDirectory is not set.");

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, ct);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<StoredObject?> OpenAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<StoredObject?>(new StoredObject(file, file.Length));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredObject?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) return Task.CompletedTask;
        File.Delete(path);
        // Leave no empty folder behind (attachments/{id}/ holds one file per size).
        try
        {
            if (folder != _root && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException) { /* another file arrived meanwhile */ }
        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(_root, FileKeys.Validate(key));
}
