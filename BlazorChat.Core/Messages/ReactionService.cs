using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Reactions: any room member toggles any emoji on a message, up to <see cref="Reaction.MaxDistinctPerMessage"/> different ones.</summary>
public sealed class ReactionService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    TimeProvider clock)
{
    /// <summary>
    /// Adds <paramref name="emoji"/> from <paramref name="userId"/> to the message, or takes it away
    /// if they had already reacted with it. A shortcode such as <c>:tada:</c> means its emoji.
    /// </summary>
    public Task<MessageView> ToggleAsync(Guid userId, Guid messageId, string emoji, CancellationToken ct = default) =>
        ChangeAsync(userId, messageId, emoji, present: null, ct);

    /// <summary>
    /// Adds (<paramref name="present"/> true) or takes away <paramref name="userId"/>'s reaction
    /// <paramref name="emoji"/>; asking for the state it already has changes nothing. For clients
    /// that state what they want rather than toggle (the REST API), so a retried request is harmless.
    /// </summary>
    public Task<MessageView> SetAsync(Guid userId, Guid messageId, string emoji, bool present, CancellationToken ct = default) =>
        ChangeAsync(userId, messageId, emoji, present, ct);

    private async Task<MessageView> ChangeAsync(Guid userId, Guid messageId, string emoji, bool? present, CancellationToken ct)
    {
        emoji = Normalize(emoji);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, room, membership) = await MessageAccess.RequireReadableAsync(db, messageId, userId, ct);
        MessageAccess.Allow(MessageRules.WhyCannotReact(membership?.Role, room.IsArchived, message.DeletedAt is not null));

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // A no-op update takes the message's row lock (the write lock on SQLite), so concurrent
            // reactions to one message queue here and the distinct-emoji limit holds.
            await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(m => m.SetProperty(x => x.ReplyCount, x => x.ReplyCount), ct);
            if (await db.Messages.AnyAsync(m => m.Id == messageId && m.DeletedAt != null, ct)) throw new ChatForbiddenException(MessageRules.Deleted);

            var mine = await db.Reactions.SingleOrDefaultAsync(r => r.MessageId == messageId && r.UserId == userId && r.Emoji == emoji, ct);
            if (present == (mine is not null))
            {
                // Already as asked: nothing to write or to tell anyone.
                await transaction.RollbackAsync(ct);
                return await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
            }
            if (mine is not null)
            {
                db.Reactions.Remove(mine);
            }
            else
            {
                var used = await db.Reactions.Where(r => r.MessageId == messageId).Select(r => r.Emoji).Distinct().ToListAsync(ct);
                if (!used.Contains(emoji) && used.Count >= Reaction.MaxDistinctPerMessage)
                    throw new ChatLimitException($"A message can have at most {Reaction.MaxDistinctPerMessage} different reactions. React with one that is already there.");
                db.Reactions.Add(new Reaction { MessageId = messageId, UserId = userId, Emoji = emoji, CreatedAt = clock.GetUtcNow() });
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var view = await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
        await bus.PublishAsync(new MessageChanged(view), ct);
        return view;
    }

    /// <summary>Trims, turns a known <c>:shortcode:</c> into its emoji, and checks the length.</summary>
    internal static string Normalize(string? emoji)
    {
        emoji = (emoji ?? "").Trim();
        emoji = EmojiCatalog.Resolve(emoji);
        if (emoji.Length == 0) throw new ChatValidationException("Emoji", "Pick an emoji.");
        if (emoji.Length > Reaction.EmojiMaxLength) throw new ChatValidationException("Emoji", $"A reaction has at most {Reaction.EmojiMaxLength} characters.");
        if (emoji.Any(char.IsControl)) throw new ChatValidationException("Emoji", "A reaction cannot contain control characters.");
        return emoji;
    }
}
