using System.Security.Claims;
using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Api;

/// <summary>Pins: a room's pinned list, pinning and unpinning (room moderators and up).</summary>
internal static class PinEndpoints
{
    public static void MapPinEndpoints(this RouteGroupBuilder api)
    {
        var pins = api.MapGroup("").WithTags("Pins");

        pins.MapGet("/rooms/{roomId:guid}/pins", (Guid roomId, ClaimsPrincipal user, PinService service, CancellationToken ct) =>
                service.GetPinnedAsync(user.Id(), roomId, ct))
            .WithName("listPins").WithSummary("A room's pinned messages, most recently pinned first").Refuses(404);

        pins.MapPut("/messages/{messageId:guid}/pin", (Guid messageId, ClaimsPrincipal user, PinService service, CancellationToken ct) =>
                service.PinAsync(user.Id(), messageId, ct))
            .WithName("pinMessage").WithSummary("Pin a message in its room").Refuses(403, 404);

        pins.MapDelete("/messages/{messageId:guid}/pin", (Guid messageId, ClaimsPrincipal user, PinService service, CancellationToken ct) =>
                service.UnpinAsync(user.Id(), messageId, ct))
            .WithName("unpinMessage").WithSummary("Unpin a message").Refuses(403, 404);
    }
}
