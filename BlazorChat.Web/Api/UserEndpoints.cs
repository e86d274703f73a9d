using System.Security.Claims;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace BlazorChat.Web.Api;

/// <summary>The signed-in person's own account.</summary>
public sealed record Me(Guid Id, string Username, string DisplayName, string? Email, IReadOnlyList<string> SiteRoles, bool TwoFactorEnabled);

/// <summary>A person's profile with their presence as others see it.</summary>
public sealed record UserProfileView(Guid Id, string Username, string DisplayName, DateTimeOffset CreatedAt, PresenceView Presence);

/// <summary>People: yourself, finding others, and one person's profile.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet("/me", async (ClaimsPrincipal user, UserManager<ChatUser> accounts) =>
            {
                var me = await accounts.FindByIdAsync(user.Id().ToString()) ?? throw new Core.Common.ChatNotFoundException("user");
                return new Me(me.Id, me.UserName!, me.DisplayName, me.Email, [.. await accounts.GetRolesAsync(me)], me.TwoFactorEnabled);
            })
            .WithName("getMe").WithSummary("Your own account");

        users.MapGet("/", (string? search, int? limit, ClaimsPrincipal user, UserDirectory directory, CancellationToken ct) =>
                directory.SearchAsync(user.Id(), search, limit ?? UserDirectory.MaxResults, ct))
            .WithName("searchUsers").WithSummary("People whose username or display name contains the search (at most 20; you are left out)");

        users.MapGet("/{userId:guid}", async (Guid userId, UserDirectory directory, PresenceTracker presence, CancellationToken ct) =>
            {
                var profile = await directory.GetProfileAsync(userId, ct);
                return new UserProfileView(profile.Id, profile.Username, profile.DisplayName, profile.CreatedAt, presence.Get(userId));
            })
            .WithName("getUser").WithSummary("One person's profile and presence").Refuses(404);
    }
}
