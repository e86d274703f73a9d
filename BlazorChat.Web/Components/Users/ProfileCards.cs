using BlazorChat.Web.Components.Shared;
using MudBlazor;

namespace BlazorChat.Web.Components.Users;

/// <summary>
/// Opens someone's profile card (per circuit). Offered to every component as a root cascading
/// value, so a name or picture anywhere can open it; where there is none (static rendering),
/// names stay plain text.
/// </summary>
public sealed class ProfileCards(IDialogService dialogs)
{
    private static readonly DialogOptions Options = new()
    {
        MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true, BackdropClick = true, CloseOnEscapeKey = true,
        DefaultFocus = DefaultFocus.FirstChild,
    };

    /// <summary>Shows the card of <paramref name="userId"/>, titled with their name; completes when it closes.</summary>
    public async Task OpenAsync(Guid userId, string displayName)
    {
        await dialogs.OpenAsync<ProfileCardDialog>(displayName,
            new DialogParameters<ProfileCardDialog> { { card => card.UserId, userId } }, Options);
    }
}
