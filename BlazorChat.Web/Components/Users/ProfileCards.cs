using Radzen;

namespace BlazorChat.Web.Components.Users;

/// <summary>
/// Opens someone's profile card (per circuit). Offered to every component as a root cascading
/// value, so a name or picture anywhere can open it; where there is none (static rendering),
/// names stay plain text.
/// </summary>
public sealed class ProfileCards(DialogService dialogs)
{
    public Task OpenAsync(Guid userId, string displayName) =>
        dialogs.OpenAsync<ProfileCardDialog>(displayName,
            new Dictionary<string, object?> { [nameof(ProfileCardDialog.UserId)] = userId },
            new DialogOptions { Width = "min(24rem, 95vw)", CloseDialogOnOverlayClick = true, CssClass = "profile-card-dialog" });
}
