using System.Security.Claims;
using BlazorChat.Core.Sessions;
using BlazorChat.Core.Users;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Components.Account;

/// <summary>
/// Identity's sign-in, refusing accounts that are banned, deactivated or deleted (password,
/// passkey, two-factor and external sign-ins all pass through <see cref="CanSignInAsync"/>). Banned
/// people also fail the security-stamp check, which signs out their other sessions.
/// Every browser sign-in is recorded as a <see cref="BrowserSession"/> whose id the cookie carries
/// (<see cref="BrowserSessionClaims"/>); a cookie whose session was ended fails the same check.
/// </summary>
internal sealed class ChatSignInManager(
    UserManager<ChatUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ChatUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ChatUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ChatUser> confirmation,
    BrowserSessionService sessions,
    TimeProvider clock)
    : SignInManager<ChatUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ChatUser user) =>
        AccountStanding.Refusal(user, clock.GetUtcNow()) is null && await base.CanSignInAsync(user);

    public override async Task<ChatUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null || AccountStanding.Refusal(user, clock.GetUtcNow()) is not null) return null;
        // A cookie from before sessions were recorded has no session yet; it gets one as it is renewed.
        return BrowserSessionClaims.SessionOf(principal) is not { } sessionId || await sessions.TouchAsync(sessionId, user.Id) ? user : null;
    }

    /// <summary>Every cookie sign-in, and every refresh of one (after a password change), carries its session id.</summary>
    public override async Task SignInWithClaimsAsync(ChatUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A refresh keeps the session of the cookie being replaced, when it is this person's and still active.
        var current = BrowserSessionClaims.SessionOf(Context.User);
        var keep = current is { } id && CurrentUser.IdOf(Context.User) == user.Id && await sessions.IsActiveAsync(id, user.Id);
        var sessionId = keep ? current!.Value : await BrowserSessionClaims.StartAsync(sessions, user.Id, Context);
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            additionalClaims.Where(c => c.Type != BrowserSessionClaims.SessionId).Append(BrowserSessionClaims.Claim(sessionId)));
    }

    public override async Task SignOutAsync()
    {
        if (BrowserSessionClaims.SessionOf(Context.User) is { } sessionId && CurrentUser.IdOf(Context.User) is { } userId)
            await sessions.EndAsync(userId, sessionId);
        await base.SignOutAsync();
    }
}
