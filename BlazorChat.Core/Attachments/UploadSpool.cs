using BlazorChat.Core.Common;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// An upload copied to a private temporary folder while it is checked and processed, so memory
/// stays bounded whatever the file's size; the copy stops at the size limit, whatever the client
/// claimed. Disposing removes the folder and everything made in it.
/// </summary>
internal sealed class UploadSpool : IDisposable
{
    private UploadSpool(string folder, string path, long length, byte[] head)
    {
        Folder = folder;
        Path = path;
        Length = length;
        Head = head;
    }

    /// <summary>A folder of its own for derived files.</summary>
    public string Folder { get; }
    public string Path { get; }
    public long Length { get; }

    /// <summary>The first bytes, for recognising the content.</summary>
    public byte[] Head { get; }

    public static async Task<UploadSpool> CopyAsync(Stream content, string fileName, UploadOptions limits,
        IProgress<UploadProgress>? progress, CancellationToken ct)
    {
        var maxBytes = limits.MaxFileBytes;
        var tempRoot = limits.TempDirectory ?? throw new InvalidOperationException("BlazorChat:Uploads:TempDirectory is not set.");
        var folder = System.IO.Path.Combine(tempRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "upload");
        try
        {
            long total = 0;
            var head = new MemoryStream();
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await ReadAsync(content, buffer, fileName, limits, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes) throw limits.TooLarge(fileName);
                    if (head.Length < FileSignature.HeadLength)
                        head.Write(buffer, 0, (int)Math.Min(read, FileSignature.HeadLength - head.Length));
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    progress?.Report(new UploadProgress(UploadStage.Receiving, total));
                }
            }
            if (total == 0) throw new ChatValidationException("File", $"“{fileName}” is empty.");
            return new UploadSpool(folder, path, total, head.ToArray());
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public void Dispose() => TryDelete(Folder);

    // A browser stream that refuses to go past its allowed size says so with an IOException.
    private static async Task<int> ReadAsync(Stream content, byte[] buffer, string fileName, UploadOptions limits, CancellationToken ct)
    {
        try
        {
            return await content.ReadAsync(buffer, ct);
        }
        catch (IOException ex) when (ex.Message.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase))
        {
            throw limits.TooLarge(fileName);
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
    }
}
