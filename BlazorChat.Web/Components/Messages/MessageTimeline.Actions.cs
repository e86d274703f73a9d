using BlazorChat.Web.Components.Shared;
using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using Microsoft.JSInterop;
using MudBlazor;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// The message actions of a room view. Each calls the one Core write path for it and shows the
/// result at once (the same change also arrives from the bus, for this tab and every other);
/// refusals are shown to the person, never swallowed.
/// </summary>
public partial class MessageTimeline
{
    public Task ToggleReactionAsync(MessageView message, string emoji) =>
        RunAsync(async () => Apply(await Reactions.ToggleAsync(UserId, message.Id, emoji)));

    public async Task<string?> EditAsync(MessageView message, string body)
    {
        try
        {
            Apply(await Editing.EditAsync(UserId, message.Id, body));
            return null;
        }
        catch (ChatException ex)
        {
            return ex.Message;
        }
        finally
        {
            StateHasChanged();
        }
    }

    public async Task ReportAsync(MessageView message)
    {
        var reported = await ShowDialogAsync<ReportMessageDialog>("Report message", new()
        {
            { d => d.Message, message },
            { d => d.ViewerId, UserId },
        });
        if (reported is true) Announce("Message reported. The moderators will look at it.");
        StateHasChanged();
    }

    public async Task DeleteAsync(MessageView message)
    {
        var result = await ShowDialogAsync<DeleteMessageDialog>("Delete message", new()
        {
            { d => d.Message, message },
            { d => d.ViewerId, UserId },
        });
        if (result is MessageView deleted)
        {
            Apply(deleted);
            Announce("Message deleted.");
        }
        StateHasChanged();
    }

    public Task ShowHistoryAsync(MessageView message) =>
        ShowDialogAsync<EditHistoryDialog>("Edit history", new()
        {
            { d => d.Message, message },
            { d => d.ViewerId, UserId },
        }, MaxWidth.Small);

    /// <summary>
    /// Opens a message dialog and returns what it closed with (null when cancelled). The dialog
    /// takes the focus (its first field) and Escape closes it; afterwards focus goes back where it
    /// was, or to the message box when that element is gone (a menu item, a deleted message).
    /// </summary>
    private async Task<object?> ShowDialogAsync<TDialog>(string title, DialogParameters<TDialog> parameters, MaxWidth width = MaxWidth.ExtraSmall)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var options = new DialogOptions { MaxWidth = width, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true, DefaultFocus = DefaultFocus.FirstChild };
        await JS.InvokeVoidAsync("blazorChat.rememberFocus");
        var result = await Dialogs.OpenAsync<TDialog>(title, parameters, options);
        await JS.InvokeVoidAsync("blazorChat.restoreFocus", "composer-input");
        return result;
    }

    public Task OpenThreadAsync(MessageView message)
    {
        _panel = TimelinePanel.Thread;
        _threadRootId = message.ThreadRootId ?? message.Id;
        _threadFocusId = null;
        StateHasChanged();
        return Task.CompletedTask;
    }

    public Task TogglePinAsync(MessageView message) => RunAsync(async () =>
    {
        Apply(message.IsPinned ? await Pins.UnpinAsync(UserId, message.Id) : await Pins.PinAsync(UserId, message.Id));
        Announce(message.IsPinned ? "Message unpinned." : "Message pinned.");
    });

    public Task ToggleSavedAsync(MessageView message) => RunAsync(async () =>
    {
        if (_context.IsSaved(message))
        {
            await Saved.UnsaveAsync(UserId, message.Id);
            _context.SetSaved(message.Id, saved: false);
            Announce("Removed from saved messages.");
        }
        else
        {
            await Saved.SaveAsync(UserId, message.Id);
            _context.SetSaved(message.Id, saved: true);
            Announce("Saved. Find it under Saved messages in the account menu.");
        }
    });

    public async Task QuoteAsync(MessageView message)
    {
        _quoting = message;
        StateHasChanged();
        await JS.InvokeVoidAsync("blazorChat.focusById", "composer-input");
    }

    public Task CopyLinkAsync(MessageView message) => RunAsync(async () =>
    {
        var link = Navigation.ToAbsoluteUri(_context.LinkTo(message)).ToString();
        var copied = await JS.InvokeAsync<bool>("blazorChat.copyText", link);
        Announce(copied ? "Link copied." : $"Copy this link: {link}");
    });

    public Task JumpToAsync(MessageView message)
    {
        Navigation.NavigateTo(_context.LinkTo(message));
        return Task.CompletedTask;
    }

    /// <summary>Shows a changed message at once, wherever the window holds it.</summary>
    private void Apply(MessageView message) => _window.Offer(message);

    private void Announce(string status)
    {
        _status = status;
        _error = null;
    }

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ChatException ex)
        {
            _error = ex.Message;
            _status = null;
        }
        StateHasChanged();
    }
}
