using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Images;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Users;

/// <summary>A profile picture to send: stored WebP bytes, or the generated default.</summary>
public sealed record AvatarImage(StoredObject? Stored, string? Svg, string? Version)
{
    public string ContentType => Stored is null ? "image/svg+xml" : "image/webp";
}

/// <summary>
/// Profile pictures through the same checks as message images (content, header before decoding,
/// re-encoded without metadata), cropped to 256×256. Someone without one gets a generated picture
/// with their initials (<see cref="Identicon"/>).
/// </summary>
public sealed class AvatarService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IFileStore store,
    ImagePipeline images,
    UploadLimits limits)
{
    public const int Size = 256;

    /// <summary>Replaces <paramref name="userId"/>'s picture. Returns the new version (part of the picture's URL).</summary>
    public async Task<string> SetAsync(Guid userId, string fileName, Stream content, CancellationToken ct = default)
    {
        fileName = FileNames.Sanitize(fileName);
        using var spool = await UploadSpool.CopyAsync(content, fileName, await limits.GetAsync(ct), progress: null, ct);
        var type = FileSignature.Detect(spool.Head, fileName);
        if (type.Image is not { } format) throw new ChatValidationException("File", $"“{fileName}” is not an image. Choose a JPEG, PNG, GIF or WebP picture.");
        var header = await ImageGuard.CheckAsync(images, spool.Path, format, fileName, ct);
        string square;
        try
        {
            square = await images.SquareAsync(spool.Path, header, format, Size, spool.Folder, ct);
        }
        catch (ImageProcessingException ex)
        {
            throw ImageGuard.Refusal(ex, fileName);
        }

        var version = Guid.CreateVersion7().ToString("N");
        await using (var file = File.OpenRead(square))
            await store.PutAsync(KeyOf(userId, version), file, "image/webp", ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        var previous = user.AvatarVersion;
        user.AvatarVersion = version;
        await db.SaveChangesAsync(ct);
        if (previous is not null) await store.DeleteAsync(KeyOf(userId, previous), ct);
        return version;
    }

    /// <summary>Goes back to the generated picture.</summary>
    public async Task RemoveAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        if (user.AvatarVersion is not { } previous) return;
        user.AvatarVersion = null;
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(KeyOf(userId, previous), ct);
    }

    /// <summary>The version of <paramref name="userId"/>'s picture, or null for the generated one.</summary>
    public async Task<string?> GetVersionAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.AvatarVersion).SingleOrDefaultAsync(ct);
    }

    /// <summary>The picture of <paramref name="userId"/> (any signed-in person may see anyone's), or null for no such account.</summary>
    public async Task<AvatarImage?> OpenAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.UserName, u.AvatarVersion }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        if (user.AvatarVersion is { } version && await store.OpenAsync(KeyOf(userId, version), ct) is { } stored)
            return new AvatarImage(stored, null, version);
        return new AvatarImage(null, Identicon.Svg(userId, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "?" : user.DisplayName), null);
    }

    private static string KeyOf(Guid userId, string version) => $"avatars/{userId:N}/{version}";
}
