using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Attachments;

/// <summary>
/// What every file store promises, run against each real store: the data directory and an
/// S3-compatible server (s3rver, started by ./test.sh). A store that passes these can hold files.
/// </summary>
public abstract class FileStoreContract : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    protected abstract IFileStore Store { get; }

    protected StorageOptions Options(FileStoreProvider provider) => new()
    {
        Provider = provider,
        LocalDirectory = Path.Combine(_directory.Path, "files"),
        S3 = provider == FileStoreProvider.S3
            ? new S3StoreOptions { ServiceUrl = TestServices.S3Endpoint, Bucket = TestServices.S3Bucket, AccessKey = "S3RVER", SecretKey = "S3RVER" }
            : new S3StoreOptions(),
    };

    private static string NewKey() => $"attachments/{Guid.NewGuid():N}/original";

    private async Task<byte[]?> ReadAsync(string key)
    {
        await using var stored = await Store.OpenAsync(key);
        if (stored is null) return null;
        using var copy = new MemoryStream();
        await stored.Content.CopyToAsync(copy);
        stored.Length.ShouldBe(copy.Length);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_stored_file_reads_back_byte_for_byte()
    {
        var key = NewKey();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        await Store.PutAsync(key, new MemoryStream(bytes), "application/octet-stream");

        (await ReadAsync(key)).ShouldBe(bytes);
    }

    [Fact]
    public async Task Storing_again_under_a_key_replaces_the_file()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream("first"u8.ToArray()), "text/plain");

        await Store.PutAsync(key, new MemoryStream("second version"u8.ToArray()), "text/plain");

        (await ReadAsync(key)).ShouldBe("second version"u8.ToArray());
    }

    [Fact]
    public async Task A_key_never_stored_opens_as_nothing()
    {
        (await Store.OpenAsync(NewKey())).ShouldBeNull();
    }

    [Fact]
    public async Task A_deleted_file_is_gone_and_deleting_it_again_is_fine()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream([1, 2, 3]), "application/octet-stream");

        await Store.DeleteAsync(key);
        await Store.DeleteAsync(key);

        (await Store.OpenAsync(key)).ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_one_file_leaves_its_neighbours()
    {
        var id = Guid.NewGuid().ToString("N");
        await Store.PutAsync($"attachments/{id}/original", new MemoryStream([1]), "image/png");
        await Store.PutAsync($"attachments/{id}/thumb", new MemoryStream([2]), "image/webp");

        await Store.DeleteAsync($"attachments/{id}/original");

        (await ReadAsync($"attachments/{id}/thumb")).ShouldBe(new byte[] { 2 });
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("attachments//double")]
    [InlineData("Attachments/Upper")]
    [InlineData("attachments/a b")]
    public async Task Keys_that_could_leave_the_store_are_refused(string key)
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), "text/plain"));
        await Should.ThrowAsync<ArgumentException>(() => Store.OpenAsync(key));
    }

    public virtual void Dispose() => _directory.Dispose();
}

public sealed class FileStoreContract_on_local_disk : FileStoreContract
{
    public FileStoreContract_on_local_disk() => Store = new LocalFileStore(Microsoft.Extensions.Options.Options.Create(Options(FileStoreProvider.Local)));

    protected override IFileStore Store { get; }
}

public sealed class FileStoreContract_on_S3 : FileStoreContract
{
    private readonly S3FileStore _store;

    public FileStoreContract_on_S3() => _store = new S3FileStore(Microsoft.Extensions.Options.Options.Create(Options(FileStoreProvider.S3)));

    protected override IFileStore Store => _store;

    public override void Dispose()
    {
        _store.Dispose();
        base.Dispose();
    }
}
