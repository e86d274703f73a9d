using System.Security.Claims;
using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Api;

/// <summary>Threads: reading one. Replying is sending a message with <c>threadRootId</c>.</summary>
internal static class ThreadEndpoints
{
    public static void MapThreadEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/messages/{messageId:guid}/thread", (Guid messageId, ClaimsPrincipal user, MessageService service, CancellationToken ct) =>
                service.GetThreadAsync(user.Id(), messageId, ct))
            .WithTags("Threads").WithName("getThread")
            .WithSummary("A thread: its root and its replies in order (asked with a reply, the thread it belongs to)").Refuses(404);
    }
}
