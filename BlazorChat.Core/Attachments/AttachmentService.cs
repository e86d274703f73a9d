using BlazorChat.Core.Attachments.Images;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments;

/// <summary>A stored file opened for a reader, with what the response needs.</summary>
public sealed record AttachmentContent(StoredObject Stored, string ContentType, string FileName, bool IsImage);

/// <summary>
/// Uploads, downloads and removal of message files: the one write path for them. An upload is
/// checked by content (magic bytes; for images the header, before any decoding), re-encoded when it
/// is an image, stored under server-generated keys, and waits for its message
/// (<see cref="Messages.MessageService.SendAsync(Guid, Guid, Guid, string, Messages.SendOptions, CancellationToken)"/> claims it).
/// </summary>
public sealed class AttachmentService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IFileStore store,
    ImagePipeline images,
    IOptions<UploadOptions> options,
    UploadLimits uploadLimits,
    TimeProvider clock,
    ILogger<AttachmentService> logger)
{
    private static readonly AttachmentVariant[] Variants = Enum.GetValues<AttachmentVariant>();

    private UploadOptions Limits => options.Value;

    /// <summary>
    /// Checks and stores one file for a message to <paramref name="roomId"/>. Refusals
    /// (<see cref="ChatValidationException"/>, <see cref="ChatLimitException"/>) say which file and why.
    /// <paramref name="progress"/> hears the bytes received so far, then whether an image waits in
    /// line for processing (<see cref="ImageSlots"/>) and when its processing starts.
    /// </summary>
    public async Task<AttachmentView> UploadAsync(Guid uploaderId, Guid roomId, string fileName, Stream content,
        IProgress<UploadProgress>? progress = null, CancellationToken ct = default)
    {
        fileName = FileNames.Sanitize(fileName);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, uploaderId, ct);
            RoomAccess.EnsureCanPost(room, membership);
        }

        var limits = await uploadLimits.GetAsync(ct);
        using var spool = await UploadSpool.CopyAsync(content, fileName, limits, progress, ct);
        var type = FileSignature.Detect(spool.Head, fileName);
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(),
            UploaderId = uploaderId,
            RoomId = roomId,
            FileName = fileName,
            ContentType = type.ContentType,
            Kind = AttachmentKind.File,
            Size = spool.Length,
            CreatedAt = clock.GetUtcNow(),
        };

        // Checked before the work of processing; the stored size (re-encoded) is what counts afterwards.
        await EnsureWithinQuotaAsync(uploaderId, spool.Length, limits.QuotaBytesPerUser, ct);
        var files = new List<(AttachmentVariant Variant, string Path, string ContentType)>();
        if (type.Image is { } format)
        {
            var header = await ImageGuard.CheckAsync(images, spool.Path, format, fileName, ct);
            ProcessedImage processed;
            try
            {
                processed = await images.ProcessAsync(spool.Path, header, format, spool.Folder,
                    stage => progress?.Report(new UploadProgress(stage, spool.Length)), ct);
            }
            catch (ImageProcessingException ex)
            {
                logger.LogInformation(ex, "Image {FileName} could not be processed", fileName);
                throw ImageGuard.Refusal(ex, fileName);
            }
            attachment.Kind = AttachmentKind.Image;
            attachment.Width = processed.Width;
            attachment.Height = processed.Height;
            attachment.IsAnimated = processed.IsAnimated;
            attachment.HasPreview = true;
            attachment.Size = new FileInfo(processed.Original).Length;
            files.Add((AttachmentVariant.Original, processed.Original, type.ContentType));
            files.Add((AttachmentVariant.Thumbnail, processed.Thumbnail, "image/webp"));
            files.Add((AttachmentVariant.Preview, processed.Preview, "image/webp"));
        }
        else
        {
            files.Add((AttachmentVariant.Original, spool.Path, type.ContentType));
        }

        foreach (var (variant, path, contentType) in files)
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await store.PutAsync(attachment.KeyOf(variant), file, contentType, ct);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(ct);
        }
        return AttachmentView.Of(attachment);
    }

    /// <summary>Removes an upload its uploader decided not to send; a sent file goes only with its message.</summary>
    public async Task DiscardAsync(Guid uploaderId, Guid attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marked = await db.Attachments
            .Where(a => a.Id == attachmentId && a.UploaderId == uploaderId && a.MessageId == null && a.DeletedAt == null)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.DeletedAt, clock.GetUtcNow()), ct);
        if (marked > 0) await PurgeAsync([attachmentId], ct);
    }

    /// <summary>
    /// Opens a file for <paramref name="viewerId"/>, or returns null (answered as 404) when it does
    /// not exist or they may not read it: readers of the message's room, the same rule as reading
    /// its messages; an unsent upload only for its uploader.
    /// </summary>
    public async Task<AttachmentContent?> OpenAsync(Guid viewerId, Guid attachmentId, AttachmentVariant variant, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.DeletedAt == null, ct);
        if (attachment is null) return null;
        if (attachment.MessageId is not { } messageId)
        {
            if (attachment.UploaderId != viewerId) return null;
        }
        else
        {
            var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
                .Select(m => new { m.RoomId, m.DeletedAt }).SingleOrDefaultAsync(ct);
            if (message is null || message.DeletedAt is not null) return null;
            try { await RoomAccess.RequireReadableAsync(db, message.RoomId, viewerId, ct); }
            catch (ChatNotFoundException) { return null; }
        }
        if (variant != AttachmentVariant.Original && !attachment.HasPreview) return null;

        var stored = await store.OpenAsync(attachment.KeyOf(variant), ct);
        if (stored is null) return null;
        var contentType = variant == AttachmentVariant.Original ? attachment.ContentType : "image/webp";
        return new AttachmentContent(stored, contentType, attachment.FileName, attachment.Kind == AttachmentKind.Image && attachment.HasPreview);
    }

    /// <summary>The bytes <paramref name="userId"/> keeps stored, as the quota counts them.</summary>
    public async Task<long> UsedBytesAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Attachments.Where(a => a.UploaderId == userId && a.DeletedAt == null).SumAsync(a => a.Size, ct);
    }

    /// <summary>
    /// The cleanup job's round: marks uploads never sent within <see cref="UploadOptions.OrphanAfter"/>,
    /// then purges what is marked (bytes first, then rows, so a failed purge is tried again).
    /// Returns how many files were purged.
    /// </summary>
    public async Task<int> CleanUpAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Times compared in memory: SQLite cannot compare DateTimeOffset; unsent uploads are few.
        var unsent = await db.Attachments.Where(a => a.MessageId == null && a.DeletedAt == null)
            .Select(a => new { a.Id, a.CreatedAt }).ToListAsync(ct);
        var orphans = unsent.Where(a => now - a.CreatedAt >= Limits.OrphanAfter).Select(a => a.Id).ToList();
        if (orphans.Count > 0)
        {
            await db.Attachments.Where(a => orphans.Contains(a.Id) && a.MessageId == null)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.DeletedAt, now), ct);
        }
        var purged = 0;
        while (true)
        {
            var marked = await db.Attachments.Where(a => a.DeletedAt != null).OrderBy(a => a.Id).Select(a => a.Id).Take(200).ToListAsync(ct);
            if (marked.Count == 0) return purged;
            var done = await PurgeAsync(marked, ct);
            purged += done;
            if (done < marked.Count) return purged;
        }
    }

    /// <summary>Removes the bytes and rows of marked files. Returns how many went; a file whose bytes could not be removed stays marked.</summary>
    internal async Task<int> PurgeAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var removed = new List<Guid>();
        foreach (var id in ids)
        {
            try
            {
                foreach (var variant in Variants) await store.DeleteAsync(AttachmentKeys.Of(id, variant), ct);
                removed.Add(id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Attachment {AttachmentId} could not be removed from storage; the cleanup job tries again", id);
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Attachments.Where(a => removed.Contains(a.Id) && a.DeletedAt != null).ExecuteDeleteAsync(ct);
        return removed.Count;
    }

    private async Task EnsureWithinQuotaAsync(Guid uploaderId, long size, long quota, CancellationToken ct)
    {
        var used = await UsedBytesAsync(uploaderId, ct);
        if (used + size > quota)
        {
            throw new ChatLimitException(
                $"This file would take you over your storage quota of {SizeTexts.Of(quota)} (you use {SizeTexts.Of(used)}). " +
                "Delete messages with files you no longer need.");
        }
    }
}
