using System.Security.Claims;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Typing;

namespace BlazorChat.Web.Api;

/// <summary>Moves your read marker forward to a message's sequence number.</summary>
public sealed record MarkReadRequest(long LastReadSeq);

/// <summary>Whether you are typing (false: you stopped).</summary>
public sealed record TypingRequest(bool IsTyping = true);

/// <summary>Read markers, receipts and typing: what the room's other members see of your reading and writing.</summary>
internal static class ReadStateEndpoints
{
    public static void MapReadStateEndpoints(this RouteGroupBuilder api)
    {
        var room = api.MapGroup("/rooms/{roomId:guid}").WithTags("Read state");

        room.MapGet("/read-marker", (Guid roomId, ClaimsPrincipal user, ReadStateService service, CancellationToken ct) =>
                service.GetMarkerAsync(user.Id(), roomId, ct))
            .WithName("getReadMarker").WithSummary("Your read marker in a room, with unread and mention counts").Refuses(403, 404);

        room.MapPut("/read-marker", async (Guid roomId, MarkReadRequest request, ClaimsPrincipal user, ReadStateService service, CancellationToken ct) =>
            {
                await service.MarkReadAsync(user.Id(), roomId, request.LastReadSeq, ct);
                return await service.GetMarkerAsync(user.Id(), roomId, ct);
            })
            .WithName("markRead").WithSummary("Move your read marker forward (never backwards, never past the last message)").Refuses(403, 404);

        room.MapGet("/receipts", (Guid roomId, ClaimsPrincipal user, ReadStateService service, CancellationToken ct) =>
                service.GetReceiptsAsync(user.Id(), roomId, ct))
            .WithName("listReadReceipts").WithSummary("How far each other member has read").Refuses(403, 404);

        room.MapPost("/typing", async (Guid roomId, TypingRequest request, ClaimsPrincipal user, TypingService service, CancellationToken ct) =>
            {
                if (request.IsTyping) await service.NotifyTypingAsync(user.Id(), roomId, ct);
                else await service.NotifyStoppedAsync(user.Id(), roomId, ct);
                return TypedResults.NoContent();
            })
            .WithName("setTyping").WithSummary("Tell the room you are typing (relayed at most every 3 seconds) or stopped");
    }
}
