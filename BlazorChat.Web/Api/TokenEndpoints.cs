using System.Security.Claims;
using BlazorChat.Core.ApiAccess;

namespace BlazorChat.Web.Api;

/// <summary>A new personal access token: a name to recognise it by and, optionally, how many days it lives.</summary>
public sealed record CreateTokenRequest(string Name, int? LifetimeDays = null);

/// <summary>
/// Personal access tokens of the signed-in person (also managed on the account settings page).
/// Only a sign-in may manage them: a token cannot mint or revoke tokens.
/// </summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Personal access tokens").RequireAuthorization(ApiAuthentication.SessionPolicy);

        tokens.MapGet("/", (ClaimsPrincipal user, PersonalAccessTokenService service, CancellationToken ct) => service.ListAsync(user.Id(), ct))
            .WithName("listTokens").WithSummary("Your personal access tokens that still work (never their secrets)").Refuses(403);

        tokens.MapPost("/", async (CreateTokenRequest request, ClaimsPrincipal user, PersonalAccessTokenService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(user.Id(), request.Name, request.LifetimeDays, ct);
                return TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created);
            })
            .WithName("createToken").WithSummary("Create a personal access token; its secret is in this answer only").Refuses(400, 403, 409);

        tokens.MapDelete("/{tokenId:guid}", async (Guid tokenId, ClaimsPrincipal user, PersonalAccessTokenService service, CancellationToken ct) =>
            {
                await service.RevokeAsync(user.Id(), tokenId, ct);
                return TypedResults.NoContent();
            })
            .WithName("revokeToken").WithSummary("Revoke a personal access token").Refuses(403, 404);
    }
}
