using System.Security.Claims;

namespace BlazorChat.Web.Components.Shared;

internal static class CurrentUser
{
    /// <summary>The signed-in user's id, or null for an anonymous principal.</summary>
    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
