using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BlazorChat.Web.Api;

/// <summary>
/// A message to send. <see cref="ClientMessageId"/> (or the <c>Idempotency-Key</c> header) makes
/// a retry safe: the same id from the same person stores one message and answers with it again.
/// <see cref="AttachmentIds"/> are your uploads to the room (at most 5); with them the text may be empty.
/// </summary>
public sealed record SendMessageRequest(string? Body, Guid? ThreadRootId = null, Guid? QuotedMessageId = null, Guid? ClientMessageId = null,
    IReadOnlyList<Guid>? AttachmentIds = null);

/// <summary>The new Markdown text of a message.</summary>
public sealed record EditMessageRequest(string Body);

/// <summary>A page of messages, oldest first. <see cref="HasMore"/> says another page may follow in the direction asked.</summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Messages, bool HasMore);

/// <summary>Messages: history by sequence cursors, reading one, sending (idempotently), editing, deleting and edit history.</summary>
internal static class MessageEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int IdempotencyKeyMaxLength = 200;
    public const int MaxPageSize = 200;

    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("").WithTags("Messages");

        messages.MapGet("/rooms/{roomId:guid}/messages", ListAsync)
            .WithName("listMessages").WithSummary("A page of a room's messages, oldest first")
            .WithDescription("Without cursors: the newest page. `before=N`: the page before sequence number N (scrolling back). " +
                             "`after=N`: the page after N (catching up after a reconnect). Thread replies are included; `threadRootId` tells them apart.")
            .Refuses(400, 404);

        messages.MapPost("/rooms/{roomId:guid}/messages", SendAsync)
            .WithName("sendMessage").WithSummary("Send a message, a thread reply or a quote-reply")
            .WithDescription("Send an `Idempotency-Key` header (a UUID, or any string up to 200 characters) to make retries safe: " +
                             "repeating the request with the same key stores one message and answers with it each time.")
            .Refuses(400, 403, 404, 409, 413, 429);

        messages.MapGet("/messages/{messageId:guid}", (Guid messageId, ClaimsPrincipal user, MessageService service, CancellationToken ct) =>
                service.GetAsync(user.Id(), messageId, ct))
            .WithName("getMessage").WithSummary("One message").Refuses(404);

        messages.MapPatch("/messages/{messageId:guid}", (Guid messageId, EditMessageRequest request, ClaimsPrincipal user, MessageEditing service, CancellationToken ct) =>
                service.EditAsync(user.Id(), messageId, request.Body, ct))
            .WithName("editMessage").WithSummary("Edit your own message (the previous text is kept in its history)").Refuses(400, 403, 404);

        messages.MapDelete("/messages/{messageId:guid}", (Guid messageId, string? reason, ClaimsPrincipal user, MessageEditing service, CancellationToken ct) =>
                service.DeleteAsync(user.Id(), messageId, reason, ct))
            .WithName("deleteMessage").WithSummary("Delete a message, leaving a tombstone")
            .WithDescription("Authors delete their own messages. Room moderators and up delete anyone's and must give a `reason`, which is audited.")
            .Refuses(400, 403, 404);

        messages.MapGet("/messages/{messageId:guid}/revisions", (Guid messageId, ClaimsPrincipal user, MessageEditing service, CancellationToken ct) =>
                service.GetRevisionsAsync(user.Id(), messageId, ct))
            .WithName("listMessageRevisions").WithSummary("The texts a message had before its edits, oldest first").Refuses(404);
    }

    private static async Task<MessagePage> ListAsync(
        Guid roomId, long? before, long? after, int? limit, ClaimsPrincipal user, MessageService service, CancellationToken ct)
    {
        if (before is not null && after is not null) throw new ChatValidationException("After", "Give either before or after, not both.");
        var size = limit ?? MessageService.PageSize;
        if (size is < 1 or > MaxPageSize) throw new ChatValidationException("Limit", $"The limit is between 1 and {MaxPageSize}.");
        // One more than asked tells whether another page follows.
        var page = after is { } from
            ? await service.GetAfterAsync(user.Id(), roomId, from, size + 1, ct)
            : await service.GetBeforeAsync(user.Id(), roomId, before ?? long.MaxValue, size + 1, ct);
        var hasMore = page.Count > size;
        if (!hasMore) return new MessagePage(page, false);
        return new MessagePage(after is not null ? page.Take(size).ToList() : page.Skip(1).ToList(), true);
    }

    private static async Task<Created<MessageView>> SendAsync(
        Guid roomId, SendMessageRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, MessageService service, CancellationToken ct)
    {
        var clientMessageId = ClientMessageId(idempotencyKey, request.ClientMessageId);
        var message = await service.SendAsync(user.Id(), roomId, clientMessageId, request.Body ?? "",
            new SendOptions(request.ThreadRootId, request.QuotedMessageId, request.AttachmentIds), ct);
        return TypedResults.Created($"/api/v1/messages/{message.Id}", message);
    }

    /// <summary>
    /// The client message id for a send: the <c>Idempotency-Key</c> header (a UUID as it is, any
    /// other string hashed to one), else the body's <c>clientMessageId</c>, else a new one (no retry safety).
    /// </summary>
    internal static Guid ClientMessageId(string? idempotencyKey, Guid? fromBody)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return fromBody is { } id && id != Guid.Empty ? id : Guid.NewGuid();
        idempotencyKey = idempotencyKey.Trim();
        if (idempotencyKey.Length > IdempotencyKeyMaxLength)
            throw new ChatValidationException(IdempotencyHeader, $"An Idempotency-Key has at most {IdempotencyKeyMaxLength} characters.");
        var key = Guid.TryParse(idempotencyKey, out var parsed) ? parsed : FromKey(idempotencyKey);
        if (fromBody is { } other && other != Guid.Empty && other != key)
            throw new ChatValidationException("ClientMessageId", "The Idempotency-Key header and clientMessageId differ; send one of them.");
        return key;
    }

    // A name-based UUID (version 8 layout) from the key's SHA-256: the same key always maps to the same id.
    private static Guid FromKey(string key)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes[..16], bigEndian: true);
    }
}
