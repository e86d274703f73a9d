using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Components.Account;

/// <summary>
/// Identity's sign-in, refusing accounts that are banned, deactivated or deleted (password,
/// passkey, two-factor and external sign-ins all pass through <see cref="CanSignInAsync"/>). Banned
/// people also fail the security-stamp check, which signs out their other sessions.
/// </summary>
internal sealed class ChatSignInManager(
    UserManager<ChatUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ChatUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ChatUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ChatUser> confirmation,
    TimeProvider clock)
    : SignInManager<ChatUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ChatUser user) =>
        AccountStanding.Refusal(user, clock.GetUtcNow()) is null && await base.CanSignInAsync(user);

    public override async Task<ChatUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && AccountStanding.Refusal(user, clock.GetUtcNow()) is null ? user : null;
    }
}
