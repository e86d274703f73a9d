using System.Security.Claims;
using BlazorChat.Core.Sessions;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Web.Components.Account;

/// <summary>The browser session id in the sign-in cookie's principal, and how it survives cookie renewal.</summary>
internal static class BrowserSessionClaims
{
    public const string SessionId = "blazorchat:session";

    public static Claim Claim(Guid sessionId) => new(SessionId, sessionId.ToString("N"));

    /// <summary>The session of a signed-in principal, or null (anonymous, or a cookie from before sessions).</summary>
    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParseExact(principal?.FindFirstValue(SessionId), "N", out var id) ? id : null;

    public static Task<Guid> StartAsync(BrowserSessionService sessions, Guid userId, HttpContext? context) =>
        sessions.StartAsync(userId, context?.Request.Headers.UserAgent.ToString(), context?.Connection.RemoteIpAddress?.ToString());

    /// <summary>
    /// Identity rebuilds the principal from the account each time it renews the cookie (every
    /// minute here); the session id is carried over, and a cookie without one is given one.
    /// </summary>
    public static void AddBrowserSessionClaims(this IServiceCollection services) =>
        services.AddOptions<SecurityStampValidatorOptions>().Configure<BrowserSessionService, IHttpContextAccessor>((options, sessions, http) =>
            options.OnRefreshingPrincipal = async context =>
            {
                if (context.NewPrincipal?.Identity is not ClaimsIdentity identity || CurrentUser.IdOf(context.NewPrincipal) is not { } userId) return;
                var sessionId = SessionOf(context.CurrentPrincipal) ?? await StartAsync(sessions, userId, http.HttpContext);
                identity.AddClaim(Claim(sessionId));
            });
}
