using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Attachments;

/// <summary>Uploads and reads files through the real services of a test host.</summary>
public static class AttachmentTestHelpers
{
    public static AttachmentService Files(this ChatTestHost host) => host.Services.GetRequiredService<AttachmentService>();
    public static IFileStore Store(this ChatTestHost host) => host.Services.GetRequiredService<IFileStore>();
    public static AvatarService Avatars(this ChatTestHost host) => host.Services.GetRequiredService<AvatarService>();

    public static async Task<AttachmentView> UploadAsync(this ChatTestHost host, ChatUser uploader, Guid roomId, string fileName, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        return await host.Files().UploadAsync(uploader.Id, roomId, fileName, content);
    }

    /// <summary>The stored bytes of one size of a file, or null when the store has none.</summary>
    public static async Task<byte[]?> StoredBytesAsync(this ChatTestHost host, Guid attachmentId, AttachmentVariant variant = AttachmentVariant.Original)
    {
        await using var stored = await host.Store().OpenAsync(AttachmentKeys.Of(attachmentId, variant));
        if (stored is null) return null;
        using var copy = new MemoryStream();
        await stored.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static async Task<byte[]> ReadAllAsync(this AttachmentContent content)
    {
        await using (content.Stored)
        {
            using var copy = new MemoryStream();
            await content.Stored.Content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    public static async Task<Attachment?> StoredRowAsync(this ChatTestHost host, Guid attachmentId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId);
    }

    public static async Task<int> AttachmentCountAsync(this ChatTestHost host, Guid uploaderId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Attachments.CountAsync(a => a.UploaderId == uploaderId);
    }
}
