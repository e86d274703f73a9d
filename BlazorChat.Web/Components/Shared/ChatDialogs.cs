using MudBlazor;

namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// How the app's dialogs open: one width for forms, one for lists; Escape closes them. Each dialog
/// has its own Cancel or Close button: MudBlazor's close icon sits inside the title and would make
/// "Close" part of the dialog's accessible name.
/// </summary>
public static class ChatDialogs
{
    /// <summary>A form of a few fields: create a room, start a conversation.</summary>
    public static DialogOptions Form => new() { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>A list or several sections: members, room settings.</summary>
    public static DialogOptions Wide => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>An administrator's sheet about one user or room, with a close button in its title.</summary>
    public static DialogOptions Sheet => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };

    /// <summary>Opens <typeparamref name="TDialog"/> and waits for it; the data it closed with, or null when cancelled.</summary>
    public static async Task<object?> OpenAsync<TDialog>(this IDialogService dialogs, string title, DialogParameters? parameters, DialogOptions options)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters ?? [], options);
        var result = await dialog.Result;
        return result is { Canceled: false } ? result.Data : null;
    }
}
