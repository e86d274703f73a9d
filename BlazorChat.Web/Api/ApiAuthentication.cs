using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorChat.Core.ApiAccess;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Api;

/// <summary>
/// How API clients and hub connections prove who they are. The UI keeps its Identity cookie; the
/// API and the hub accept only bearer credentials (no cookies, so no cross-site request forgery):
/// either an Identity bearer token from <c>/api/v1/auth/login</c>, or a personal access token.
/// A policy scheme picks one by looking at the token; an authorization requirement then checks,
/// on every request, that the sign-in or token has not been revoked.
/// </summary>
internal static class ApiAuthentication
{
    /// <summary>The scheme the API and the hub authenticate with (a policy scheme that forwards).</summary>
    public const string Scheme = "Api";

    /// <summary>Personal access tokens.</summary>
    public const string PersonalTokenScheme = "PersonalAccessToken";

    /// <summary>Authorization policy for every API endpoint and the hub.</summary>
    public const string Policy = "Api";

    /// <summary>Authorization policy for managing one's tokens: needs a signed-in session, not a personal access token.</summary>
    public const string SessionPolicy = "ApiSession";

    /// <summary>Claim naming the API sign-in a bearer token belongs to.</summary>
    public const string SessionClaim = "bc:session";

    /// <summary>Claim naming the personal access token a request came with.</summary>
    public const string PersonalTokenClaim = "bc:pat";

    /// <summary>The sign-in or token behind a principal: what rate limits and revocation key on.</summary>
    public static Guid? CredentialId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionClaim) ?? user.FindFirstValue(PersonalTokenClaim), out var id) ? id : null;

    public static void AddChatApiAuthentication(this IServiceCollection services, ApiOptions options)
    {
        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, bearer =>
            {
                bearer.BearerTokenExpiration = TimeSpan.FromMinutes(options.AccessTokenMinutes);
                bearer.RefreshTokenExpiration = TimeSpan.FromDays(options.RefreshTokenDays);
                // Browsers cannot set headers on WebSocket requests: the hub takes the token from the query.
                bearer.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        context.Token = token;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalTokenScheme, null)
            .AddPolicyScheme(Scheme, "Bearer token or personal access token", policy =>
                policy.ForwardDefaultSelector = context =>
                    PresentedToken(context.Request)?.StartsWith(PersonalAccessTokenService.SecretPrefix, StringComparison.Ordinal) == true
                        ? PersonalTokenScheme
                        : IdentityConstants.BearerScheme);

        services.AddSingleton<IAuthorizationHandler, ActiveCredentialHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RevokedCredentialChallenge>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ActiveCredentialRequirement()))
            .AddPolicy(SessionPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(SessionClaim)
                .AddRequirements(new ActiveCredentialRequirement()));
    }

    /// <summary>The token of the <c>Authorization: Bearer</c> header, or of the hub's <c>access_token</c> query.</summary>
    public static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;
    }
}

/// <summary>Signs in a request that carries a personal access token, after checking its hash is stored and live.</summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiAuthentication.PresentedToken(Request) is not { } secret) return AuthenticateResult.NoResult();
        // One query per request: the token, its account and the account's roles come together.
        if (await tokens.AuthenticateAsync(secret, Context.RequestAborted) is not { } owner)
            return AuthenticateResult.Fail("The personal access token is unknown, revoked or expired.");
        if (owner.IsLockedOut) return AuthenticateResult.Fail("The account cannot sign in.");

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()),
                new Claim(ClaimTypes.Name, owner.UserName),
                new Claim(ApiAuthentication.PersonalTokenClaim, owner.TokenId.ToString()),
            ],
            ApiAuthentication.PersonalTokenScheme);
        foreach (var role in owner.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>The credential a request authenticated with must still be live (not signed out or revoked).</summary>
internal sealed class ActiveCredentialRequirement : IAuthorizationRequirement;

/// <summary>
/// Bearer tokens are self-contained, so signing out would not stop them by itself: this asks the
/// database whether their sign-in session is still active. Personal access tokens were checked
/// when they were authenticated.
/// </summary>
internal sealed class ActiveCredentialHandler(ApiSessionService sessions) : AuthorizationHandler<ActiveCredentialRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveCredentialRequirement requirement)
    {
        var user = context.User;
        if (user.HasClaim(c => c.Type == ApiAuthentication.PersonalTokenClaim))
        {
            context.Succeed(requirement);
            return;
        }
        if (Guid.TryParse(user.FindFirstValue(ApiAuthentication.SessionClaim), out var sessionId)
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && await sessions.IsActiveAsync(sessionId, userId))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// A revoked sign-in is a failed authentication, not a lack of permission: answer 401 (sign in
/// again) rather than the 403 that a failed requirement would give.
/// </summary>
internal sealed class RevokedCredentialChallenge : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ActiveCredentialRequirement>().Any() == true)
            return context.ChallengeAsync(ApiAuthentication.Scheme);
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
