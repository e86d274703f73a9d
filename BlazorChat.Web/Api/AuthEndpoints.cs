using System.Security.Claims;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Api;

/// <summary>Signing in with a password (and a two-factor code), refreshing, and signing out.</summary>
public sealed record LoginRequest(string Login, string Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

/// <summary>The refresh token from a sign-in or an earlier refresh.</summary>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>
/// API sign-in on Identity's bearer tokens. Lockout applies as on the login page: wrong passwords
/// and wrong two-factor codes count, and a locked account is refused until the lockout ends.
/// Every sign-in is an <see cref="ApiSession"/>, which signing out revokes.
/// </summary>
internal static class AuthEndpoints
{
    private const string BadLogin = "The email/username and password do not match an account.";

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");

        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(ApiRateLimits.LoginPolicy)
            .WithName("login").WithSummary("Sign in with an email address or username and a password")
            .WithDescription("Returns an access token (send it as `Authorization: Bearer ...`) and a refresh token. " +
                             "An account with two-factor authentication also needs `twoFactorCode` (from the authenticator app) or `twoFactorRecoveryCode`; " +
                             "without one the answer is 401 with `twoFactorRequired: true`.")
            .Produces<AccessTokenResponse>().Refuses(400, 401, 429);

        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(ApiRateLimits.LoginPolicy)
            .WithName("refresh").WithSummary("Exchange a refresh token for new tokens")
            .Produces<AccessTokenResponse>().Refuses(400, 401, 429);

        auth.MapPost("/logout", LogoutAsync).RequireAuthorization(ApiAuthentication.SessionPolicy).RequireRateLimiting(ApiRateLimits.TokenPolicy)
            .WithName("logout").WithSummary("Sign out: revoke this sign-in's access and refresh tokens")
            .Produces(StatusCodes.Status204NoContent).Refuses(403);
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, AccountService accounts, SignInManager<ChatUser> signIn, ApiSessionService sessions, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.Login) || string.IsNullOrEmpty(request.Password))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Login) ? "login" : "password"] = ["Enter your email or username and your password."],
            });

        // An unknown name gets the same answer as a wrong password.
        var user = await accounts.FindByEmailOrUsernameAsync(request.Login);
        if (user is null) return Unauthorized(BadLogin);
        var users = signIn.UserManager;
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut) return LockedOut(await users.GetLockoutEndDateAsync(user), clock);
        if (checkedPassword.IsNotAllowed) return Unauthorized("This account cannot sign in yet.");
        if (!checkedPassword.Succeeded) return Unauthorized(BadLogin);

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var code = (request.TwoFactorCode ?? "").Replace(" ", "").Replace("-", "");
            var recovery = (request.TwoFactorRecoveryCode ?? "").Replace(" ", "");
            if (code.Length == 0 && recovery.Length == 0)
                return Unauthorized("This account uses two-factor authentication: send twoFactorCode (or twoFactorRecoveryCode) with the password.",
                    twoFactorRequired: true);
            var valid = code.Length > 0
                ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
                : (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded;
            if (!valid)
            {
                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user)
                    ? LockedOut(await users.GetLockoutEndDateAsync(user), clock)
                    : Unauthorized("The two-factor code is not valid.", twoFactorRequired: true);
            }
            await users.ResetAccessFailedCountAsync(user);
        }

        return await SignInAsync(signIn, user, await sessions.StartAsync(user.Id));
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<ChatUser> signIn, ApiSessionService sessions, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Send the refresh token."] });
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
            return Unauthorized("The refresh token is not valid or has expired; sign in again.");
        // A changed password (or anything else that renews the security stamp) ends API sign-ins too.
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        if (user is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(ApiAuthentication.SessionClaim), out var sessionId)
            || !await sessions.RefreshAsync(sessionId, user.Id))
            return Unauthorized("This sign-in has ended; sign in again.");
        return await SignInAsync(signIn, user, sessionId);
    }

    private static async Task<IResult> LogoutAsync(ClaimsPrincipal user, ApiSessionService sessions)
    {
        await sessions.RevokeAsync(user.Id(), Guid.Parse(user.FindFirstValue(ApiAuthentication.SessionClaim)!));
        return Results.NoContent();
    }

    private static async Task<IResult> SignInAsync(SignInManager<ChatUser> signIn, ChatUser user, Guid sessionId)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ApiAuthentication.SessionClaim, sessionId.ToString()));
        // Written by the bearer token handler as { tokenType, accessToken, expiresIn, refreshToken }.
        return Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static IResult Unauthorized(string detail, bool twoFactorRequired = false) =>
        Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.",
            extensions: twoFactorRequired ? new Dictionary<string, object?> { ["twoFactorRequired"] = true } : null);

    private static IResult LockedOut(DateTimeOffset? until, TimeProvider clock) => new LockedOutResult(until is { } end ? end - clock.GetUtcNow() : null);

    /// <summary>429 with Retry-After until the lockout ends, as a ProblemDetails.</summary>
    private sealed class LockedOutResult(TimeSpan? remaining) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (remaining is { } wait && wait > TimeSpan.Zero) http.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds(wait);
            return Results.Problem("Too many failed sign-in attempts: this account is locked for a while.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked.").ExecuteAsync(http);
        }
    }
}
