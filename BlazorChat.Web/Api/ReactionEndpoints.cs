using System.Security.Claims;
using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Api;

/// <summary>
/// Reactions, stated rather than toggled: PUT adds yours, DELETE takes it away, and repeating
/// either changes nothing. The emoji is a path segment (URL-encoded), or a shortcode such as <c>:tada:</c>.
/// </summary>
internal static class ReactionEndpoints
{
    public static void MapReactionEndpoints(this RouteGroupBuilder api)
    {
        var reactions = api.MapGroup("/messages/{messageId:guid}/reactions").WithTags("Reactions");

        reactions.MapPut("/{emoji}", (Guid messageId, string emoji, ClaimsPrincipal user, ReactionService service, CancellationToken ct) =>
                service.SetAsync(user.Id(), messageId, emoji, present: true, ct))
            .WithName("addReaction").WithSummary("React to a message with an emoji").Refuses(400, 403, 404, 409);

        reactions.MapDelete("/{emoji}", (Guid messageId, string emoji, ClaimsPrincipal user, ReactionService service, CancellationToken ct) =>
                service.SetAsync(user.Id(), messageId, emoji, present: false, ct))
            .WithName("removeReaction").WithSummary("Take your reaction away").Refuses(400, 403, 404);
    }
}
